"""The reports through the running service: QR label sheets (the QR read back from the rendered PDF), the KIR
per room (identical items grouped, signers), the KIB exports (filters, totals, formula-safe), depreciation per
item and per KIB — and who may ask for each."""
from __future__ import annotations

import base64
import io
import shutil
import subprocess
from datetime import date

import pytest
from assets.models import Asset
from openpyxl import load_workbook
from pypdf import PdfReader
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from sqlalchemy import select
from test_assets_reports_kit import CHAIR, LAND, disposed_on, item, room

pytestmark = pytest.mark.integration

BASE = "https://situok.example.go.id"
FORMULA = '=HYPERLINK("http://x","klik")'


def _bytes(answer) -> bytes:
    return base64.b64decode(answer["content_b64"])


def _pdf_text(answer) -> str:
    assert answer["content_type"] == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(_bytes(answer))).pages)


def _xlsx_rows(answer) -> list[list]:
    assert answer["content_type"].endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(_bytes(answer))).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _decoded_qrs(pdf: bytes, tmp_path) -> list[str]:
    """The QR codes on the PDF's first page, read back as a phone would: rendered (pdftoppm) and decoded
    (zbarimg)."""
    for tool in ("pdftoppm", "zbarimg"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} not found: run tools/ensure_system_packages.sh")
    (tmp_path / "sheet.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", "-singlefile", str(tmp_path / "sheet.pdf"),
                    str(tmp_path / "sheet")], check=True, timeout=60)
    found = subprocess.run(["zbarimg", "-q", "--raw", str(tmp_path / "sheet.png")], capture_output=True, text=True,
                           timeout=60)
    return sorted(line for line in found.stdout.splitlines() if line)


def test_label_sheet_holds_each_items_page_and_marks_it_printed(rpc, bureau, tmp_path):
    where = room(bureau.engine)
    items = [item(bureau.engine, name=f"Laptop Uji Label {n}", room_id=where["id"]) for n in range(3)]
    ids = [i["id"] for i in items]
    answer = rpc(bureau.keeper()).label_sheet(BASE + "/", asset_ids=ids)
    assert answer["content_type"] == "application/pdf" and answer["filename"].endswith(".pdf")
    pdf = _bytes(answer)
    assert sorted(_decoded_qrs(pdf, tmp_path)) == sorted(f"{BASE}/aset/barang/{i}" for i in ids)
    text = _pdf_text(answer)
    assert "Biro Umum dan Protokol" in text and f"No. Reg. {items[0]['register_number']:04d}" in text
    assert bureau.scalar(select(Asset.label_printed_at).where(Asset.id == ids[0])) is not None
    # a whole room, by an admin
    by_room = rpc(bureau.admin()).label_sheet(BASE, room_id=where["id"])
    assert sorted(_decoded_qrs(_bytes(by_room), tmp_path)) == sorted(f"{BASE}/aset/barang/{i}" for i in ids)


def test_label_sheet_refusals(rpc, bureau):
    where = room(bureau.engine)
    one = item(bureau.engine, room_id=where["id"])
    for identity in (bureau.pegawai(), bureau.leader(), bureau.unit_head()):
        with pytest.raises(Forbidden):
            rpc(identity).label_sheet(BASE, asset_ids=[one["id"]])
    keeper = rpc(bureau.keeper())
    with pytest.raises(ValidationFailed) as both:
        keeper.label_sheet(BASE, asset_ids=[one["id"]], room_id=where["id"])
    assert "asset_ids" in both.value.fields
    with pytest.raises(ValidationFailed) as neither:
        keeper.label_sheet(BASE)
    assert "asset_ids" in neither.value.fields
    with pytest.raises(ValidationFailed) as too_many:
        keeper.label_sheet(BASE, asset_ids=list(range(1, 1002)))
    assert "asset_ids" in too_many.value.fields
    with pytest.raises(ValidationFailed) as unknown:
        keeper.label_sheet(BASE, asset_ids=[one["id"], 99_999_999])
    assert "99999999" in unknown.value.fields["asset_ids"]
    with pytest.raises(ValidationFailed) as url:
        keeper.label_sheet("javascript:alert(1)", asset_ids=[one["id"]])
    assert "base_url" in url.value.fields
    with pytest.raises(ValidationFailed) as empty:
        keeper.label_sheet(BASE, room_id=room(bureau.engine)["id"])
    assert "room_id" in empty.value.fields
    with pytest.raises(NotFound):
        keeper.label_sheet(BASE, room_id=99_999_999)
    gone = item(bureau.engine, disposed_at=disposed_on(date(2025, 1, 5)))
    with pytest.raises(Conflict):
        keeper.label_sheet(BASE, asset_ids=[gone["id"]])


def test_the_kir_groups_identical_items_and_is_signed(rpc, bureau, tmp_path):
    pic = bureau.employee_ids["kasubbag_rtp"]
    where = room(bureau.engine, person_in_charge=pic)
    chairs = [item(bureau.engine, code=CHAIR, name="Kursi Kerja", room_id=where["id"], value=750_000,
                   acquired=date(2023, 2, 1), details={"brand": "Chitose", "material": "Besi"}) for _ in range(3)]
    broken = item(bureau.engine, code=CHAIR, name="Kursi Kerja", room_id=where["id"], value=750_000,
                  acquired=date(2023, 2, 1), condition="RB", details={"brand": "Chitose"})
    item(bureau.engine, name=FORMULA, room_id=where["id"], details={"brand": "Lenovo", "type": "X1",
                                                                              "serial_number": "SN-77"})
    item(bureau.engine, code=CHAIR, name="Kursi Kerja", room_id=where["id"], acquired=date(2023, 2, 1),
         disposed_at=disposed_on(date(2025, 5, 1)))
    for identity in (bureau.pegawai(), bureau.keeper()):
        kir = rpc(identity).room_inventory(where["id"])
        assert kir["room"]["code"] == where["code"] and kir["room"]["building_name"] == where["building"]
        lines = {(line["name"], line["condition"]): line for line in kir["lines"]}
        assert set(lines) == {("Kursi Kerja", "B"), ("Kursi Kerja", "RB"), (FORMULA, "B")}
        good = lines[("Kursi Kerja", "B")]
        assert good["count"] == 3 and good["acquisition_value"] == 2_250_000 and good["brand"] == "Chitose"
        assert sorted(good["asset_ids"]) == sorted(c["id"] for c in chairs)
        assert good["registers"] == f"{chairs[0]['register_number']:04d}–{chairs[2]['register_number']:04d}"
        assert lines[("Kursi Kerja", "RB")]["asset_ids"] == [broken["id"]]
        assert lines[(FORMULA, "B")]["brand"] == "Lenovo / X1" and lines[(FORMULA, "B")]["serial_number"] == "SN-77"
        assert kir["totals"] == {"lines": 3, "items": 5, "acquisition_value": 2_250_000 + 750_000 + 15_000_000,
                                 "baik": 4, "kurang_baik": 0, "rusak_berat": 1}
        assert kir["person_in_charge"]["employee_id"] == pic
    pdf = rpc(bureau.pegawai()).room_inventory_document(where["id"], "pdf")
    text = _pdf_text(pdf)
    assert "KARTU INVENTARIS RUANGAN" in text and where["code"] in text and "Penanggung Jawab Ruangan" in text
    assert kir["person_in_charge"]["name"] in text and "Denpasar," in text
    rows = _xlsx_rows(rpc(bureau.keeper()).room_inventory_document(where["id"], "xlsx"))
    flat = [v for row in rows for v in row if v is not None]
    assert f"{FORMULA} / PC Unit" in flat and 2_250_000 in flat and "Kursi Kerja / Meja Kerja Kayu" in flat
    with pytest.raises(NotFound):
        rpc(bureau.pegawai()).room_inventory(99_999_999)
    with pytest.raises(ValidationFailed) as bad:
        rpc(bureau.pegawai()).room_inventory_document(where["id"], "docx")
    assert "format" in bad.value.fields


def test_kib_export_streams_the_kib_with_its_columns_and_totals(rpc, bureau):
    where = room(bureau.engine)
    car = item(bureau.engine, code="1.3.2.02.01.01.001", name="Sedan Dinas", room_id=where["id"], value=400_000_000,
               acquired=date(2021, 6, 1), details={"brand": "Toyota", "type": "Camry", "size_cc": 2500,
                                                   "plate_number": "DK 1 A", "frame_number": "RANGKA1",
                                                   "engine_number": "MESIN1", "bpkb_number": "BPKB1"},
               notes=FORMULA)
    item(bureau.engine, name="Laptop Rusak", room_id=where["id"], condition="RB", acquired=date(2019, 1, 1))
    filters = {"room_id": where["id"], "year_from": 2020}
    for identity in (bureau.keeper(), bureau.admin(), bureau.leader()):
        rows = _xlsx_rows(rpc(identity).kib_export("B", "xlsx", filters))
        header = next(r for r in rows if r[0] == "No")
        assert header[:4] == ["No", "Kode Barang", "Nama Barang / Jenis Barang", "Nomor Register"]
        assert "Nomor Polisi" in header and "Nomor BPKB" in header
        data = [r for r in rows if r[1] == car["code"]]
        assert len(data) == 1 and data[0][header.index("Nomor Polisi")] == "DK 1 A"
        assert data[0][header.index("Harga (Rp)")] == 400_000_000 and data[0][header.index("Keterangan")] == FORMULA
        total = next(r for r in rows if "Jumlah" in r)
        assert total[header.index("Harga (Rp)")] == 400_000_000      # the 2019 laptop is filtered out
    text = _pdf_text(rpc(bureau.keeper()).kib_export("B", "pdf", {"room_id": where["id"], "condition": "RB"}))
    assert "KIB) B" in text and "Laptop Rusak" in text and "Sedan Dinas" not in text and "Kuasa Pengguna" in text
    for identity in (bureau.pegawai(), bureau.unit_head()):
        with pytest.raises(Forbidden):
            rpc(identity).kib_export("B", "xlsx")
    with pytest.raises(ValidationFailed) as bad:
        rpc(bureau.keeper()).kib_export("G", "docx", {"condition": "X"})
    assert {"kib", "format", "condition"} <= set(bad.value.fields)
    with pytest.raises(ValidationFailed) as years:
        rpc(bureau.keeper()).kib_export("B", "xlsx", {"year_from": 2025, "year_to": 2020})
    assert set(years.value.fields) == {"year_to"}
    with pytest.raises(NotFound):
        rpc(bureau.keeper()).kib_export("B", "xlsx", {"room_id": 99_999_999})
    for kib in "ACDEF":
        answer = rpc(bureau.keeper()).kib_export(kib, "pdf", {"room_id": where["id"]})
        assert answer["content_type"] == "application/pdf"


def test_depreciation_of_an_item_and_per_kib(rpc, bureau):
    laptop = item(bureau.engine, name="Laptop Penyusutan", value=15_000_000, acquired=date(2024, 3, 10))
    land = item(bureau.engine, code=LAND, kib="A", name="Tanah Kantor", value=900_000_000, acquired=date(2010, 1, 1))
    gone = item(bureau.engine, name="Laptop Dihapus", value=8_000_000, acquired=date(2022, 1, 1),
                disposed_at=disposed_on(date(2025, 6, 1)))
    reader = rpc(bureau.leader())
    schedule = reader.asset_depreciation(laptop["id"])
    assert schedule["useful_life_years"] == 4 and schedule["depreciated"]
    if schedule["period"] == "year":
        assert [(p["year"], p["amount"], p["book_value"]) for p in schedule["periods"]] == [
            (2024, 3_750_000, 11_250_000), (2025, 3_750_000, 7_500_000), (2026, 3_750_000, 3_750_000),
            (2027, 3_750_000, 0)]
    else:
        assert len(schedule["periods"]) == 8 and {p["amount"] for p in schedule["periods"]} == {1_875_000}
    flat = reader.asset_depreciation(land["id"])
    assert flat["useful_life_years"] == 0 and not flat["depreciated"] and flat["periods"] == []

    def mine(report):
        return {i["asset_id"]: i for i in report["items"] if i["asset_id"] in (laptop["id"], gone["id"])}

    of_2025 = mine(reader.depreciation_report(2025, kib="B"))
    assert set(of_2025) == {laptop["id"]}             # disposed in June 2025: out of the 2025 report
    assert (of_2025[laptop["id"]]["depreciation"], of_2025[laptop["id"]]["accumulated"],
            of_2025[laptop["id"]]["book_value"]) == (3_750_000, 7_500_000, 7_500_000)
    of_2024 = mine(reader.depreciation_report(2024, kib="B"))
    assert set(of_2024) == {laptop["id"], gone["id"]}
    assert of_2024[gone["id"]]["accumulated"] == 6_000_000    # 2022–2024 of 4 years
    summary = reader.depreciation_report(2025)
    assert summary["items"] == [] and {r["kib"] for r in summary["rows"]} >= {"A", "B"}
    land_row = next(r for r in summary["rows"] if r["kib"] == "A")
    assert land_row["book_value"] == land_row["acquisition_value"] and land_row["depreciation"] == 0
    assert summary["totals"]["book_value"] == sum(r["book_value"] for r in summary["rows"])
    text = _pdf_text(reader.depreciation_report(2025, kib="B", format="pdf"))
    assert "LAPORAN PENYUSUTAN" in text and "Laptop Penyusutan" in text
    assert _xlsx_rows(reader.depreciation_report(2025, format="xlsx"))
    for identity in (bureau.pegawai(), bureau.unit_head()):
        with pytest.raises(Forbidden):
            rpc(identity).depreciation_report(2025)
        with pytest.raises(Forbidden):
            rpc(identity).asset_depreciation(laptop["id"])
    with pytest.raises(NotFound):
        reader.asset_depreciation(99_999_999)
    with pytest.raises(ValidationFailed) as bad:
        reader.depreciation_report(1800, kib="Z", format="doc")
    assert {"year", "kib", "format"} <= set(bad.value.fields)
