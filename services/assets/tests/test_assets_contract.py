"""assets answers exactly what its schemas declare: records of every area driven through their life, every answer
checked field by field against the schema the API documents for it (``situok_kit.contract_check.AnswerCheck``),
and every event payload against ``assets.events.PAYLOADS``. Which schema documents an RPC's answer is read from
the gateway's route table (the one place that says it), so a field the domain stops answering — or one a schema
declares that nothing ever fills — fails here."""
from __future__ import annotations

import base64
import io
from datetime import datetime, timedelta

import pytest
from assets import events
from assets.schemas import SCHEMAS
from assets_testkit import unique
from situok_kit.clock import wita_day
from situok_kit.contract_check import AnswerCheck
from situok_kit.testing import wait_for

pytestmark = pytest.mark.integration


def documented_answers() -> dict[str, type]:
    """RPC name -> the schema of its answer, from the gateway's assets routes (an RPC two routes answer
    differently — JSON and a file — is left out)."""
    from gateway.domains import domains

    found: dict[str, set[str]] = {}
    for domain in domains():
        if domain.service == "assets":
            for route in domain.routes:
                if route.rpc and route.response:
                    found.setdefault(route.rpc, set()).add(route.response)
    return {rpc: SCHEMAS[next(iter(names))] for rpc, names in found.items() if len(names) == 1}


class Checked:
    """An RPC proxy whose every documented answer is fed to ``check``."""

    def __init__(self, proxy, check: AnswerCheck, documented: dict, called: set):
        self._proxy, self._check, self._documented, self._called = proxy, check, documented, called

    def __getattr__(self, name):
        method = getattr(self._proxy, name)
        schema = self._documented.get(name)

        def call(*args, **kwargs):
            answer = method(*args, **kwargs)
            if schema is not None:
                self._check.answer(schema, answer)
                self._called.add(name)
            return answer
        return call


def _jpeg() -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 24), (40, 120, 200)).save(out, "JPEG")
    return base64.b64encode(out.getvalue()).decode()


def test_every_answer_and_event_is_exactly_its_schema(rpc, bureau, observer):
    published = observer()
    check, documented, called = AnswerCheck(), documented_answers(), set()

    def as_(identity):
        return Checked(rpc(identity), check, documented, called)

    keeper, leader, pegawai = as_(bureau.keeper()), as_(bureau.leader()), as_(bureau.pegawai())
    head = as_(bureau.as_("kasubbag_pbh", "kasubbag", "pegawai"))
    admin = as_(bureau.admin())
    today = wita_day().isoformat()
    year = wita_day().year
    pegawai_id = bureau.employee_ids["pegawai"]

    # reference data, settings
    keeper.capabilities()
    pegawai.get_settings()
    admin.update_settings({"depreciation_period": "year"})
    keeper.list_asset_codes({"prefix": "1.3.2.10"})
    codes = "kode,nama,roda\n1.3.2.10.01.02.002,Laptop,\n"
    admin.import_asset_codes("kode.csv", base64.b64encode(codes.encode()).decode())
    keeper.list_useful_lives()
    # a new version of a useful life (the session's database is its own: this date is free)
    admin.add_useful_life({"code_prefix": "1.3.2.10.01.02", "years": 4, "valid_from": "2031-01-01"})
    keeper.roster_status()
    admin.sync_roster()

    # locations
    building = keeper.create_building({"code": unique("KB"), "name": "Gedung kontrak", "bookable": True,
                                       "capacity": 120, "facilities": ["sound_system"]})
    keeper.update_building(building["id"], {"name": "Gedung kontrak utama"})
    floor = keeper.create_floor({"building_id": building["id"], "name": "Lantai 1"})
    keeper.update_floor(floor["id"], {"name": "Lantai Dasar"})
    room = keeper.create_room({"floor_id": floor["id"], "code": unique("KR"), "name": "Ruang kontrak",
                               "bookable": True, "capacity": 20, "facilities": ["proyektor"],
                               "person_in_charge_employee_id": pegawai_id})
    other = keeper.create_room({"floor_id": floor["id"], "code": unique("KR"), "name": "Ruang kontrak dua"})
    keeper.update_room(room["id"], {"capacity": 24})
    keeper.get_room(room["id"])
    keeper.list_rooms({"building_id": building["id"]})
    keeper.list_buildings()

    # items: a car (a lendable vehicle) and two laptops
    car = keeper.register_asset({
        "code": "1.3.2.02.01.02.003", "name": "Mobil kontrak", "acquisition_year": 2022,
        "acquisition_date": "2022-05-02", "acquisition_value": 350_000_000, "source": "apbd", "condition": "B",
        "details": {"brand": "Toyota", "type": "Innova", "plate_number": "DK 1777 KT", "frame_number": "F1",
                    "engine_number": "E1", "bpkb_number": "B1", "seats": 7, "fuel": "bensin"}},
        idempotency_key=unique("contract-car"))
    laptop = keeper.register_asset({
        "code": "1.3.2.10.01.02.002", "name": "Laptop kontrak", "acquisition_year": 2024,
        "acquisition_value": 15_000_000, "source": "apbd", "condition": "B", "room_id": room["id"],
        "details": {"brand": "Lenovo", "serial_number": "SN-K1"}})
    spare = keeper.register_asset({
        "code": "1.3.2.10.01.02.002", "name": "Laptop kontrak cadangan", "acquisition_year": 2020,
        "acquisition_value": 9_000_000, "source": "hibah", "condition": "RB", "room_id": other["id"]})
    keeper.update_asset(laptop["id"], {"notes": "Untuk tata usaha."})
    photo = keeper.upload_asset_file(laptop["id"], {"kind": "photo", "filename": "laptop.jpg",
                                                    "content_b64": _jpeg(), "caption": "Tampak depan"})
    keeper.asset_file(photo["id"], "thumbnail")
    pegawai.get_asset(laptop["id"])
    keeper.asset_import_template()
    rows = ("kode_barang,nama_barang,tahun_perolehan,nilai_perolehan,asal_usul,kondisi,kode_ruangan\n"
            f"1.3.2.05.02.01.004,Kursi kontrak,2021,750000,apbd,B,{other['code']}\n")
    keeper.import_assets("register.csv", base64.b64encode(rows.encode()).decode())
    keeper.list_assets({"kib": "B", "room_id": room["id"]})

    # reports
    pegawai.room_inventory(room["id"])
    pegawai.room_inventory_document(room["id"], "xlsx")
    keeper.asset_depreciation(laptop["id"])
    keeper.depreciation_report(year)
    keeper.kib_export("B", "xlsx", {"room_id": room["id"]})
    keeper.label_sheet("http://localhost:8000", asset_ids=[laptop["id"]])

    # a handover to pegawai; maintenance of the car
    handover = keeper.create_handover({"kind": "handover", "handover_date": today,
                                       "items": [{"asset_id": laptop["id"]}], "to_holder_employee_id": pegawai_id},
                                      idempotency_key=unique("contract-bast"))
    pegawai.get_handover(handover["id"])
    pegawai.list_handovers()
    pegawai.handover_document(handover["id"])
    pegawai.my_assets()
    keeper.handover_options()
    keeper.find_handover_items(q="kontrak")
    plan = keeper.create_maintenance_plan({"asset_id": car["id"], "work": "Servis berkala", "interval_months": 6,
                                           "interval_km": 10_000, "last_done_on": "2026-01-05",
                                           "last_done_km": 20_000})
    keeper.update_maintenance_plan(plan["id"], {"work": "Servis berkala 10.000 km"})
    keeper.list_maintenance_plans(car["id"])
    starts = datetime.now().astimezone() + timedelta(days=400)
    record = keeper.create_maintenance_record({
        "asset_id": car["id"], "plan_id": plan["id"], "work": "Ganti oli", "status": "scheduled",
        "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=3)).isoformat()})
    keeper.start_maintenance(record["id"])
    keeper.finish_maintenance(record["id"], {"vendor": "Bengkel Denpasar", "cost": 650_000, "odometer_km": 30_100})
    later = starts + timedelta(days=2)
    cancelled = keeper.create_maintenance_record({
        "asset_id": car["id"], "work": "Cuci", "status": "scheduled",
        "starts_at": later.isoformat(), "ends_at": (later + timedelta(hours=1)).isoformat()})
    keeper.cancel_maintenance(cancelled["id"], reason="Dijadwalkan ulang")
    keeper.get_maintenance_record(record["id"])
    keeper.list_maintenance_records({"asset_id": car["id"]})
    keeper.maintenance_due()
    keeper.maintenance_costs(year)

    # a campaign over the room: the laptop found in worse condition, a finding registered
    campaign = keeper.create_campaign({"name": "Inventarisasi kontrak", "kind": "inventarisasi", "start_date": today,
                                       "rooms": [{"room_id": room["id"], "checker_employee_id": pegawai_id}]})
    keeper.campaign_choices()
    pegawai.record_campaign_check(campaign["id"], room["id"], {"asset_id": laptop["id"], "result": "found",
                                                               "condition": "KB"})
    finding = pegawai.record_campaign_finding(campaign["id"], room["id"], {"name": "Kursi tanpa label",
                                                                           "condition": "B", "quantity": 1})
    pegawai.campaign_room(campaign["id"], room["id"])
    pegawai.finish_campaign_room(campaign["id"], room["id"])
    keeper.close_campaign(campaign["id"])
    keeper.campaign_result(campaign["id"])
    keeper.campaign_document(campaign["id"])
    finding_id = finding["findings"][0]["id"] if "findings" in finding else finding["id"]
    keeper.apply_campaign(campaign["id"], {"findings": [{"finding_id": finding_id, "code": "1.3.2.05.02.01.004",
                                                         "value": 350_000}]})
    keeper.get_campaign(campaign["id"])
    keeper.list_campaigns()
    dropped = keeper.create_campaign({"name": "Inventarisasi batal", "kind": "inventarisasi", "start_date": today,
                                      "rooms": [{"room_id": other["id"]}]})
    extra = keeper.record_campaign_finding(dropped["id"], other["id"], {"name": "Meja", "condition": "KB"})
    extra_id = extra["findings"][0]["id"] if "findings" in extra else extra["id"]
    keeper.remove_campaign_finding(dropped["id"], other["id"], extra_id)
    keeper.finish_campaign_room(dropped["id"], other["id"])
    keeper.reopen_campaign_room(dropped["id"], other["id"])
    keeper.cancel_campaign(dropped["id"], reason="Ditunda")

    # disposal of the spare laptop (RB): proposed, approved, decided, done
    keeper.disposal_suggestions()
    proposal = keeper.create_disposal({"method": "pemusnahan", "reasons": "Rusak berat, tidak ekonomis.",
                                       "items": [{"asset_id": spare["id"], "reason": "Layar pecah"}]})
    keeper.update_disposal(proposal["id"], {"method": "pemusnahan", "reasons": "Rusak berat.",
                                            "items": [{"asset_id": spare["id"]}]})
    keeper.submit_disposal(proposal["id"])
    leader.approve_disposal(proposal["id"])
    keeper.decide_disposal(proposal["id"], {"decree_number": unique("SK/BMD/"), "decree_date": today})
    keeper.complete_disposal(proposal["id"], {"ba_date": today})
    keeper.get_disposal(proposal["id"])
    keeper.list_disposals()
    keeper.disposal_report(year)
    keeper.disposal_report_file(year)
    keeper.disposal_document(proposal["id"], "berita_acara")
    refused = keeper.create_disposal({"method": "hibah", "reasons": "Uji penolakan.",
                                      "items": [{"asset_id": car["id"]}]})
    keeper.submit_disposal(refused["id"])
    leader.reject_disposal(refused["id"], reason="Masih layak pakai")
    withdrawn_proposal = keeper.create_disposal({"method": "hibah", "reasons": "Uji pembatalan.",
                                                 "items": [{"asset_id": car["id"]}]})
    keeper.cancel_disposal(withdrawn_proposal["id"], reason="Salah usul")

    # consumables: receipt, request, approval, FIFO issue, count, report
    item = keeper.create_supply_item({"code": unique("KS"), "name": "Kertas kontrak", "unit": "rim",
                                      "minimum_stock": 5}, idempotency_key=unique("contract-supply"))
    keeper.update_supply_item(item["id"], {"name": "Kertas HVS kontrak"})
    receipt = keeper.receive_supplies({"received_on": today, "supplier": "CV Kontrak", "document_number": "FK-1",
                                       "lines": [{"item_id": item["id"], "quantity": 10, "unit_price": 50_000}]})
    keeper.get_supply_receipt(receipt["id"])
    keeper.supply_receipts()
    asked = pegawai.request_supplies({"purpose": "Cetak laporan", "lines": [{"item_id": item["id"], "quantity": 6}]})
    head.supply_requests(queue="approve")
    head.approve_supply_request(asked["id"])
    keeper.issue_supply_request(asked["id"])
    pegawai.get_supply_request(asked["id"])
    rejected = pegawai.request_supplies({"purpose": "Cadangan", "lines": [{"item_id": item["id"], "quantity": 1}]})
    head.reject_supply_request(rejected["id"], reason="Stok untuk kegiatan lain")
    withdrawn = pegawai.request_supplies({"purpose": "Salah isi", "lines": [{"item_id": item["id"], "quantity": 1}]})
    pegawai.cancel_supply_request(withdrawn["id"])
    keeper.supply_items()
    keeper.get_supply_item(item["id"])
    keeper.supply_low_stock()
    keeper.supply_stock_card(item["id"])
    keeper.supply_stock_card_document(item["id"], format="xlsx")
    count = keeper.create_supply_count({"counted_on": today, "lines": [{"item_id": item["id"], "counted_qty": 3}]})
    keeper.update_supply_count(count["id"], {"counted_on": today, "lines": [{"item_id": item["id"],
                                                                             "counted_qty": 3}]})
    keeper.apply_supply_count(count["id"])
    keeper.get_supply_count(count["id"])
    keeper.supply_counts()
    keeper.supply_report(year, 1 if wita_day().month <= 6 else 2)

    # every event our records caused, each against its payload schema
    ours = {car["id"], laptop["id"], spare["id"]}

    def mine(event) -> bool:
        data = event["data"]
        return (data.get("asset_id") in ours or data.get("id") in ours | {receipt["id"], asked["id"]}
                or data.get("campaign_id") == campaign["id"] or data.get("proposal_id") == proposal["id"]
                or data.get("item_id") == item["id"] or data.get("room_id") == room["id"]
                or data.get("building_id") == building["id"])

    seen: dict[str, list] = {}

    def collected() -> set:
        for event in published.poll():
            if mine(event):
                seen.setdefault(event["type"], []).append(event["data"])
        return set(seen)

    expected = set(events.PUBLISHED) - {"assets.resource_withdrawn"}
    wait_for(lambda: expected <= collected(), timeout=15, message=f"every assets event: {expected - set(seen)}")
    for event_type, payloads in seen.items():
        check.answer(events.PAYLOADS[event_type], payloads)

    assert check.problems() == []
    # every documented answer was asked for at least once (an RPC added to the API joins this test)
    assert sorted(set(documented) - called) == []
