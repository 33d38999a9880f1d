"""The register: codes, rooms, items by KIB, edits, files, search, numbering — through the running service
(integration), plus the per-KIB schemas without one."""
from __future__ import annotations

import base64
import io
import itertools

import pytest
from assets.schemas.register import KibADetailsIn, VehicleDetailsIn, normalise_plate
from assets_testkit import unique
from situok_contracts.events import Assets
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from situok_kit.schema import load_input
from situok_kit.testing import wait_for

PUBLISHED_KEY = Assets.RESOURCE_PUBLISHED.split(".", 1)[1]
REGISTERED_KEY = Assets.ITEM_REGISTERED.split(".", 1)[1]
CHANGED_KEY = Assets.ITEM_CHANGED.split(".", 1)[1]
DESK = "1.3.2.05.02.01.003"  # Meja Kerja Kayu
SEDAN = "1.3.2.02.01.01.001"
LAND = "1.3.1.01.01.01.001"
BOOK = "1.3.5.01.01.01.001"
_codes = itertools.count(100)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def fresh_code(bureau, wheels=None) -> str:
    """A registrable code no other test uses (the register numbers start at 1)."""
    from sqlalchemy import text

    code = f"1.3.2.05.02.98.{next(_codes):03d}"
    with bureau.engine.begin() as conn:
        conn.execute(text("INSERT INTO asset_codes (code, name, kib, level, parent_code, registrable, vehicle_wheels)"
                          " VALUES (:c, :n, 'B', 7, '1.3.2.05.02.98', true, :w)"),
                     {"c": code, "n": f"Barang uji {code}", "w": wheels})
    return code


def item(code=DESK, **fields) -> dict:
    return {"code": code, "name": "Meja kerja kayu jati", "acquisition_year": 2023, "acquisition_value": 2_500_000,
            "source": "apbd", "condition": "B"} | fields


def vehicle_details(**fields) -> dict:
    return {"brand": "Toyota", "type": "Vios 1.5 G", "plate_number": "dk 1023 ab", "frame_number": "MHF123",
            "engine_number": "2NR999", "bpkb_number": "P-0001", "seats": 5, "fuel": "bensin"} | fields


def make_room(rpc, bureau, **fields) -> dict:
    keeper = rpc(bureau.keeper())
    building = keeper.create_building({"code": unique("G"), "name": "Gedung Uji"})
    floor = keeper.create_floor({"building_id": building["id"], "name": "Lantai 1"})
    return keeper.create_room({"floor_id": floor["id"], "code": unique("R"), "name": "Ruang Rapat Uji"} | fields)


# -- the schemas ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, expected", [("dk1023ab", "DK 1023 AB"), ("DK  1 A", "DK 1 A"), ("B 1234", "B 1234"),
                                             ("1234 DK", None), ("DKX 12 A", None)])
def test_plates_are_normalised(given, expected):
    assert normalise_plate(given) == expected


def test_a_vehicle_needs_its_papers_and_land_its_certificate():
    with pytest.raises(ValidationFailed) as caught:
        load_input(VehicleDetailsIn(), {"brand": "Toyota"})
    assert set(caught.value.fields) == {"plate_number", "frame_number", "engine_number", "bpkb_number"}
    with pytest.raises(ValidationFailed) as caught:
        load_input(KibADetailsIn(), {"area_m2": 100, "address": "Jl. Basuki Rahmat", "use": "kantor",
                                     "certificate_status": "sertifikat"})
    assert set(caught.value.fields) == {"certificate_number", "certificate_date"}
    assert load_input(KibADetailsIn(), {"area_m2": 100.5, "address": "Jl. Basuki Rahmat", "use": "kantor",
                                        "certificate_status": "sertifikat", "certificate_number": "12",
                                        "certificate_date": "2001-02-03"})["certificate_date"] == "2001-02-03"


# -- codes and useful lives ------------------------------------------------------------------------------------

@pytest.mark.integration
def test_codes_are_searched_and_imported_all_or_nothing(rpc, bureau):
    reader = rpc(bureau.pegawai())
    page = reader.list_asset_codes({"prefix": "1.3.2.02", "registrable": True})
    assert SEDAN in [c["code"] for c in page["items"]] and all(c["registrable"] for c in page["items"])
    assert [c["code"] for c in reader.list_asset_codes({"q": "meja kerja kayu"})["items"]] == [DESK]
    assert all(c["kib"] == "E" for c in reader.list_asset_codes({"kib": "E"}, limit=5)["items"])

    csv = b"kode,nama,roda\n1.3.2.05.97.01,Uji Rincian,\n1.3.2.05.97.01.001,Uji Barang,\n"
    with pytest.raises(Forbidden):
        rpc(bureau.keeper()).import_asset_codes("kode.csv", b64(csv))
    bad = (b"kode,nama,roda\n1.3.2.05.96.01.001,Yatim,\n1.3.2.5,Salah,\n1.3.2.05.02.01.003,,\n"
           b"1.3.2.05.02.01.003,Ganda,x\n")
    with pytest.raises(ValidationFailed) as caught:
        rpc(bureau.admin()).import_asset_codes("kode.csv", b64(bad))
    assert set(caught.value.fields) == {"baris_3.kode", "baris_4.nama", "baris_5.roda"}
    orphan = b"kode,nama\n1.3.2.05.96.01.001,Yatim\n"
    with pytest.raises(ValidationFailed) as caught:
        rpc(bureau.admin()).import_asset_codes("kode.csv", b64(orphan))
    assert list(caught.value.fields) == ["baris_2.kode"]
    upsert = b"kode,nama,roda\n1.3.2.05.02.01,Meubelair Uji,\n1.3.2.05.02.01.077,Rak Uji,\n"
    answer = rpc(bureau.admin()).import_asset_codes("kode.csv", b64(upsert))
    assert answer["total"] == 2 and answer["updated"] >= 1
    assert reader.list_asset_codes({"prefix": "1.3.2.05.02.01.077"})["items"][0]["registrable"] is True


@pytest.mark.integration
def test_useful_lives_are_versioned_by_an_admin(rpc, bureau):
    admin = rpc(bureau.admin())
    row = admin.add_useful_life({"code_prefix": "1.3.2.05.02.98", "years": 7, "valid_from": "2031-01-01"})
    assert row["years"] == 7
    with pytest.raises(Conflict):
        admin.add_useful_life({"code_prefix": "1.3.2.05.02.98", "years": 8, "valid_from": "2031-01-01"})
    with pytest.raises(Forbidden):
        rpc(bureau.keeper()).add_useful_life({"code_prefix": "1.3.2", "years": 4, "valid_from": "2031-01-01"})
    assert row in rpc(bureau.pegawai()).list_useful_lives()


# -- buildings, floors, rooms ----------------------------------------------------------------------------------

@pytest.mark.integration
def test_rooms_are_kept_by_the_keeper_and_bookable_ones_published(rpc, bureau, observer):
    events = observer(PUBLISHED_KEY, "resource_withdrawn")
    keeper = rpc(bureau.keeper())
    building = keeper.create_building({"code": unique("G"), "name": "Gedung Jaya Sabha", "address": "Denpasar"})
    floor = keeper.create_floor({"building_id": building["id"], "name": "Lantai 2", "level": 2})
    with pytest.raises(Conflict):
        keeper.create_floor({"building_id": building["id"], "name": "Lantai 2"})
    code = unique("RR")
    with pytest.raises(ValidationFailed) as caught:
        keeper.create_room({"floor_id": floor["id"], "code": code, "name": "Ruang Rapat",
                            "person_in_charge_employee_id": 999999})
    assert list(caught.value.fields) == ["person_in_charge_employee_id"]
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).create_room({"floor_id": floor["id"], "code": code, "name": "Ruang Rapat"})
    pic = bureau.employee_ids["kasubbag_rtp"]
    room = keeper.create_room({"floor_id": floor["id"], "code": code, "name": "Ruang Rapat Utama", "capacity": 40,
                               "facilities": ["proyektor", "sound_system"], "bookable": True,
                               "person_in_charge_employee_id": pic})
    assert room["person_in_charge_name"] and room["building_name"] == "Gedung Jaya Sabha" and room["item_count"] == 0
    with pytest.raises(Conflict):
        keeper.create_room({"floor_id": floor["id"], "code": code.lower(), "name": "Lain"})
    published = wait_for(lambda: [e for e in events.of_type(Assets.RESOURCE_PUBLISHED)
                                  if e["data"]["resource_key"] == f"room:{room['id']}"], message="room published")
    assert published[0]["data"]["capacity"] == 40 and published[0]["data"]["location"] == "Gedung Jaya Sabha, Lantai 2"
    keeper.update_room(room["id"], {"bookable": False})
    wait_for(lambda: [e for e in events.of_type(Assets.RESOURCE_WITHDRAWN)
                      if e["data"]["resource_key"] == f"room:{room['id']}"], message="room withdrawn")
    reader = rpc(bureau.pegawai())
    assert [r["id"] for r in reader.list_rooms({"building_id": building["id"]})["items"]] == [room["id"]]
    assert reader.list_rooms({"q": "rapat utama", "building_id": building["id"]})["items"][0]["id"] == room["id"]
    assert reader.get_room(room["id"])["floor_name"] == "Lantai 2"
    listed = [b for b in reader.list_buildings() if b["id"] == building["id"]][0]
    assert listed["floors"][0]["room_count"] == 1
    with pytest.raises(NotFound):
        reader.get_room(999999)


# -- items -----------------------------------------------------------------------------------------------------

@pytest.mark.integration
def test_an_item_is_registered_with_its_kib_from_the_code_and_history(rpc, bureau, observer):
    events = observer(REGISTERED_KEY, CHANGED_KEY)
    room = make_room(rpc, bureau)
    holder = bureau.employee_ids["pegawai"]
    keeper = rpc(bureau.keeper())
    asset = keeper.register_asset(item(room_id=room["id"], holder_employee_id=holder, acquisition_date="2023-05-02",
                                       details={"brand": "Olympic", "material": "kayu jati"}))
    assert asset["kib"] == "B" and asset["register_number"] >= 1 and asset["code_name"] == "Meja Kerja Kayu"
    assert asset["room_name"] == "Ruang Rapat Uji" and asset["holder_name"] and asset["details"]["brand"] == "Olympic"
    assert [h["kind"] for h in asset["history"]] == ["registered"]
    assert asset["history"][0]["to_room_name"] == "Ruang Rapat Uji"
    assert asset["allowed_actions"] == ["edit", "upload_file", "hand_over", "print_label", "propose_disposal"]
    assert rpc(bureau.pegawai()).get_asset(asset["id"])["allowed_actions"] == []
    event = wait_for(lambda: [e for e in events.of_type(Assets.ITEM_REGISTERED) if e["data"]["id"] == asset["id"]],
                     message="item_registered")[0]
    assert event["data"]["kib"] == "B" and event["data"]["room_id"] == room["id"]

    assert rpc(bureau.as_("pegawai", "pegawai")).my_assets()["items"][0]["id"] == asset["id"]

    for bad, field in ((item(code="1.3.2.05.02.01"), "code"), (item(code="1.3.2.05.02.01.999"), "code"),
                       (item(acquisition_date="2022-01-01"), "acquisition_date"),
                       (item(acquisition_value=-1), "acquisition_value"),
                       (item(holder_employee_id=999999), "holder_employee_id"),
                       (item(code=LAND, details={"address": "Jl. Kusuma Atmaja"}), "details.area_m2"),
                       (item(code=SEDAN, details=vehicle_details(plate_number="1234")), "details.plate_number"),
                       (item(code=BOOK, details={}), "details.title"),
                       (item(kib="A"), "kib")):
        with pytest.raises(ValidationFailed) as caught:
            keeper.register_asset(bad)
        assert field in caught.value.fields, (bad, caught.value.fields)
    with pytest.raises(Forbidden):
        rpc(bureau.pegawai()).register_asset(item())

    changed = keeper.update_asset(asset["id"], {"condition": "RB", "name": "Meja kerja kayu jati (rusak)",
                                                "details": {"type": "Meja 1/2 biro"},
                                                "updated_at": asset["updated_at"]})
    assert changed["suggest_disposal"] is True and changed["details"] == {"brand": "Olympic", "material": "kayu jati",
                                                                          "type": "Meja 1/2 biro"}
    kinds = [(h["kind"], h["from_condition"], h["to_condition"]) for h in changed["history"]]
    assert kinds[1:] == [("condition_changed", "B", "RB"), ("edited", None, None)]
    assert changed["history"][2]["data"]["name"] == {"old": "Meja kerja kayu jati",
                                                     "new": "Meja kerja kayu jati (rusak)"}
    with pytest.raises(Conflict):  # stale
        keeper.update_asset(asset["id"], {"notes": "x", "updated_at": asset["updated_at"]})
    with pytest.raises(Conflict):
        keeper.update_asset(asset["id"], {"code": SEDAN})
    with pytest.raises(ValidationFailed) as caught:
        keeper.update_asset(asset["id"], {"room_id": None})
    assert list(caught.value.fields) == ["room_id"]
    wait_for(lambda: [e for e in events.of_type(Assets.ITEM_CHANGED) if e["data"]["id"] == asset["id"]
                      and e["data"]["condition"] == "RB"], message="item_changed")


@pytest.mark.integration
def test_every_kib_takes_its_own_details(rpc, bureau):
    keeper = rpc(bureau.keeper())
    land = keeper.register_asset(item(code=LAND, name="Tanah kantor", details={
        "area_m2": 2500, "address": "Jl. Basuki Rahmat, Denpasar", "certificate_status": "sertifikat",
        "certificate_number": "HP 12", "certificate_date": "1999-04-01", "rights": "hak pakai", "use": "kantor"}))
    assert land["kib"] == "A" and land["details"]["certificate_date"] == "1999-04-01"
    building = keeper.register_asset(item(code="1.3.3.01.01.01.001", name="Gedung kantor", details={
        "floors": 3, "construction": "permanen", "concrete": True, "floor_area_m2": 1200.5, "address": "Renon"}))
    assert building["kib"] == "C" and building["details"]["concrete"] is True
    road = keeper.register_asset(item(code="1.3.4.01.01.08.001", name="Jalan kompleks", details={
        "length_m": 120, "width_m": 6, "address": "Kompleks kantor"}))
    assert road["kib"] == "D"
    book = keeper.register_asset(item(code=BOOK, name="Monografi Bali", details={"title": "Bali Dwipa",
                                                                                 "author": "Anon"}))
    assert book["kib"] == "E"
    kdp = keeper.register_asset(item(code="1.3.6.01.01.01.001", name="Gedung arsip (KDP)", details={
        "start_date": "2023-02-01", "construction": "permanen"}))
    assert kdp["kib"] == "F"
    with pytest.raises(ValidationFailed) as caught:
        keeper.register_asset(item(code="1.3.6.01.01.01.001", details={"floors": 0}))
    assert set(caught.value.fields) >= {"details.start_date", "details.floors"}


@pytest.mark.integration
def test_a_registered_vehicle_is_published_to_booking_with_plate_and_seats(rpc, bureau, observer):
    events = observer(PUBLISHED_KEY)
    keeper = rpc(bureau.keeper())
    car = keeper.register_asset(item(code=SEDAN, name="Toyota Vios", acquisition_value=310_000_000,
                                     details=vehicle_details()), idempotency_key=unique("idem"))
    assert car["plate_number"] == "DK 1023 AB"
    published = wait_for(lambda: [e for e in events.of_type(Assets.RESOURCE_PUBLISHED)
                                  if e["data"]["resource_key"] == f"vehicle:{car['id']}"], message="vehicle published")
    data = published[0]["data"]
    assert (data["plate"], data["seats"], data["brand"], data["fuel"], data["available"]) == (
        "DK 1023 AB", 5, "Toyota Vios 1.5 G", "bensin", True)
    found = rpc(bureau.pegawai()).list_assets({"q": "dk 1023", "kib": "B"})
    assert car["id"] in [a["id"] for a in found["items"]]
    assert car["id"] in [a["id"] for a in rpc(bureau.pegawai()).list_assets({"q": "DK1023AB"})["items"]]


@pytest.mark.integration
def test_an_idempotent_registration_registers_once(rpc, bureau):
    code = fresh_code(bureau)
    key = unique("idem")
    first = rpc(bureau.keeper()).register_asset(item(code=code), idempotency_key=key)
    again = rpc(bureau.keeper()).register_asset(item(code=code), idempotency_key=key)
    assert again["id"] == first["id"] and first["register_number"] == 1


@pytest.mark.integration
def test_concurrent_registrations_of_one_code_are_numbered_without_gaps(rpc, bureau):
    code = fresh_code(bureau)
    keeper = rpc(bureau.keeper())
    replies = [keeper.register_asset.call_async(item(code=code, name=f"Kursi {i}")) for i in range(12)]
    numbers = sorted(r.result()["register_number"] for r in replies)
    assert numbers == list(range(1, 13))
    assert bureau.scalar("SELECT count(DISTINCT register_number) FROM assets WHERE code = :c", {"c": code}) == 12


# -- search ----------------------------------------------------------------------------------------------------

@pytest.mark.integration
def test_the_register_is_searched_and_paged(rpc, bureau):
    room = make_room(rpc, bureau)
    keeper = rpc(bureau.keeper())
    code = fresh_code(bureau)
    word = unique("zeta").replace("-", "")
    ids = [keeper.register_asset(item(code=code, name=f"Lemari {word} {i}", room_id=room["id"],
                                      acquisition_year=2020 + i, condition="KB" if i == 1 else "B"))["id"]
           for i in range(3)]
    reader = rpc(bureau.pegawai())

    def found(filters, **kw):
        return [a["id"] for a in reader.list_assets(filters, **kw)["items"]]

    assert found({"q": word}) == ids[::-1]
    assert found({"q": f"lemari {word[:5]}", "room_id": room["id"]}) == ids[::-1]
    assert found({"code": code}) == ids[::-1]
    assert found({"room_id": room["id"], "condition": "KB"}) == [ids[1]]
    assert found({"building_id": room["building_id"], "acquisition_year": 2022}) == [ids[2]]
    first = reader.list_assets({"room_id": room["id"]}, limit=2)
    assert [a["id"] for a in first["items"]] == [ids[2], ids[1]] and first["next_cursor"]
    rest = reader.list_assets({"room_id": room["id"]}, cursor=first["next_cursor"], limit=2)
    assert [a["id"] for a in rest["items"]] == [ids[0]] and rest["next_cursor"] is None
    assert found({"q": word, "status": "disposed"}) == []
    assert reader.get_room(room["id"])["item_count"] == 3
    row = reader.list_assets({"q": word}, limit=1)["items"][0]
    assert row["room_name"] == "Ruang Rapat Uji" and row["code_name"].startswith("Barang uji")
    with pytest.raises(ValidationFailed):
        reader.list_assets({"kib": "Z"})
    with pytest.raises(ValidationFailed):
        reader.list_assets({}, cursor="bm90LWEtY3Vyc29y")


# -- files -----------------------------------------------------------------------------------------------------

def photo_with_gps(size=(1600, 1200), fmt="JPEG") -> bytes:
    from PIL import Image

    image = Image.new("RGB", size, (180, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kamera Uji"
    exif[0x8825] = {1: "S", 2: (8.0, 39.0, 0.0)}
    out = io.BytesIO()
    image.save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


@pytest.mark.integration
def test_photos_get_thumbnails_without_exif_and_liars_are_refused(rpc, bureau):
    from PIL import Image

    keeper = rpc(bureau.keeper())
    asset = keeper.register_asset(item())
    jpeg = photo_with_gps()
    assert Image.open(io.BytesIO(jpeg)).getexif()
    added = keeper.upload_asset_file(asset["id"], {"kind": "photo", "filename": "meja.jpg", "content_b64": b64(jpeg),
                                                   "caption": "Tampak depan"})
    assert added["has_thumbnail"] and added["content_type"] == "image/jpeg"
    reader = rpc(bureau.pegawai())
    for variant, longest in (("thumbnail", 200), ("web", 1280), ("original", 1600)):
        served = reader.asset_file(added["id"], variant)
        image = Image.open(io.BytesIO(base64.b64decode(served["content_b64"])))
        assert max(image.size) == longest and not image.getexif(), variant
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    document = keeper.upload_asset_file(asset["id"], {"kind": "document", "filename": "bast.pdf",
                                                      "content_b64": b64(pdf)})
    assert document["content_type"] == "application/pdf" and not document["has_thumbnail"]
    for kind, content in (("photo", pdf), ("document", jpeg), ("photo", b"<script>alert(1)</script>")):
        with pytest.raises(ValidationFailed) as caught:
            keeper.upload_asset_file(asset["id"], {"kind": kind, "filename": "foto.jpg", "content_b64": b64(content)})
        assert "content_b64" in caught.value.fields
    with pytest.raises(Forbidden):
        reader.upload_asset_file(asset["id"], {"kind": "document", "filename": "x.pdf", "content_b64": b64(pdf)})
    page = reader.get_asset(asset["id"])
    assert [f["kind"] for f in page["files"]] == ["photo", "document"]
    assert [h["kind"] for h in page["history"]] == ["registered", "file_added", "file_added"]
