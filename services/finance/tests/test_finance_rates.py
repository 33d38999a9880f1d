"""The SPJ reference data admin changes (``domain.spj_rates``): the tax-rate file read and checked (pure: the
seeded CSV and an XLSX read as one complete version, one message per bad row and column, a version is one day
with every tax kind once), the evidence-tier rules; and through the running service: a new rate version applies
from its day while purchases dated before keep the old rates, an existing day is 409, a bad file changes
nothing, only admin writes, and new evidence tiers change the tier a purchase needs."""
from __future__ import annotations

import base64
import io
from datetime import date, datetime

import pytest
from finance.domain import spj_rates, spj_settings
from situok_kit.errors import Conflict, Forbidden, ValidationFailed

integration = pytest.mark.integration

HEADER = "kind,valid_from,categories,rate_bp,rate_bp_no_npwp,threshold,pkp_only,verified,note"
#: A version from 2090 (far after every other test's purchase dates: the database is shared by the session).
NEW_DAY = "2090-01-01"


def rate_file(day: str = NEW_DAY, pph22: tuple[int, int] = (250, 500), extra: str = "") -> bytes:
    return (f"{HEADER}\n"
            f"ppn,{day},barang|jasa,1200,1200,2000000,1,1,PPN 12%\n"
            f"pph22,{day},barang,{pph22[0]},{pph22[1]},2000000,0,1,PPh 22 uji\n"
            f"pph23,{day},jasa,200,400,0,0,0,\n"
            f"pph21,{day},honorarium,500,600,0,0,0,\n{extra}").encode()


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


# -- the rate file (pure) ----------------------------------------------------------------------------------

def test_the_seeded_file_reads_as_one_complete_version():
    rows = spj_rates.parse_rate_file((spj_settings.DATA_DIR / "tax_rates.csv").read_bytes())
    assert [row.values() for row in rows] == spj_settings.default_tax_rates()
    assert rows[0].row == 13  # the comment lines count: row numbers as the file shows them


def test_an_xlsx_reads_like_the_csv_with_a_date_cell():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for line in rate_file().decode().splitlines():
        sheet.append(line.split(","))
    sheet["B2"] = datetime(2090, 1, 1)  # a real date cell
    buffer = io.BytesIO()
    book.save(buffer)
    rows = spj_rates.parse_rate_file(buffer.getvalue())
    assert {row.valid_from for row in rows} == {date(2090, 1, 1)}
    pph22 = next(row for row in rows if row.kind == "pph22")
    assert (pph22.rate_bp, pph22.rate_bp_no_npwp, pph22.threshold, pph22.verified) == (250, 500, 2_000_000, True)


def test_a_bad_file_names_each_row_and_column():
    content = rate_file(pph22=(150, 30000)).replace(b"pph23,2090-01-01,jasa,", b"pph23,01/01/2090,jasa|sewa,") \
        .replace(b"pph21,2090-01-01,honorarium,500,600,0,0", b"pph21,2090-01-01,honorarium,5%,600,-1,2")
    with pytest.raises(ValidationFailed) as refused:
        spj_rates.parse_rate_file(content)
    fields = refused.value.fields
    assert "bukan tarif" in fields["baris_3.rate_bp_no_npwp"]
    assert "YYYY-MM-DD" in fields["baris_4.valid_from"] and "sewa" in fields["baris_4.categories"]
    assert "bukan tarif" in fields["baris_5.rate_bp"] and "bilangan bulat" in fields["baris_5.threshold"]
    assert "1 (ya) atau 0" in fields["baris_5.pkp_only"]
    assert "6 masalah" in fields["file"] and "tidak ada yang dimuat" in fields["file"]
    assert refused.value.extra["count"] == 6 and {"row": 3, "column": "rate_bp_no_npwp"}.items() <= \
        refused.value.extra["rows"][0].items()


def test_a_version_is_one_day_with_every_kind_once():
    content = rate_file(extra="pph22,2090-01-01,barang,100,200,0,0,0,\n").replace(b"pph23,2090-01-01",
                                                                                  b"pph23,2091-01-01")
    content = content.replace(b"pph21,2090-01-01,honorarium,500,600,0,0,0,\n", b"")
    rows, problems = spj_rates.validate_rate_rows([(n, line.split(",")) for n, line in
                                                   enumerate(content.decode().splitlines(), start=1)])
    found = {(p.row, p.column): p.problem for p in problems}
    assert "sama dengan baris 2 (2090-01-01)" in found[(4, "valid_from")]
    assert "sudah ada di baris 3" in found[(5, "kind")]
    assert "tidak ada: pph21" in found[(None, "kind")]
    assert [row.kind for row in rows] == ["ppn", "pph22"]


def test_missing_columns_and_an_empty_table_are_refused():
    _, problems = spj_rates.validate_rate_rows([(1, ["kind", "valid_from", "categories", "rate_bp"])])
    assert [(p.row, p.column) for p in problems] == [(1, "rate_bp_no_npwp")]
    _, problems = spj_rates.validate_rate_rows([(1, ["# only a comment"]), (2, HEADER.split(","))])
    assert [p.problem for p in problems] == ["Berkas tidak memuat baris tarif."]
    with pytest.raises(ValidationFailed) as empty:
        spj_rates.parse_rate_file(b"")
    assert empty.value.fields == {"file": "Berkas kosong."}


# -- evidence tiers (pure) ---------------------------------------------------------------------------------

def tier(kind: str, up_to: int | None, label: str = "Bukti") -> dict:
    return {"kind": kind, "label": label, "up_to": up_to}


def test_the_default_tiers_are_valid():
    assert spj_rates.tier_problems([tier(t["kind"], t["up_to"], t["label"]) for t in spj_settings.default_tiers()]) \
        == {}


def test_tiers_rise_strictly_from_zero_and_only_the_last_is_open():
    problems = spj_rates.tier_problems([tier("nota", 0), tier("kuitansi", 5_000_000), tier("spk", 5_000_000),
                                        tier("kuitansi", None, " "), tier("kontrak", 9)])
    assert "harus lebih dari 0" in problems["tiers.0.up_to"]
    assert "Rp5.000.000" in problems["tiers.2.up_to"]
    assert "Hanya tingkat terakhir" in problems["tiers.3.up_to"]
    assert "sudah ada pada tingkat ke-2" in problems["tiers.3.kind"] and "wajib" in problems["tiers.3.label"]
    assert "tidak berbatas atas" in problems["tiers.4.up_to"]
    assert "tiers.1.up_to" not in problems
    assert spj_rates.tier_problems([]) == {"tiers": "Isi paling sedikit satu tingkat bukti."}
    assert spj_rates.tier_problems([tier("nota", 1_000), tier("bon", None)]) == {
        "tiers.1.kind": "Jenis bukti harus salah satu dari: nota, kuitansi, spk, kontrak."}


# -- through the service -----------------------------------------------------------------------------------

def purchase(amount: int, day: str) -> dict:
    """A purchase of goods from a vendor without NPWP (PPh 22 at the no-NPWP rate above Rp2 juta)."""
    return {"vendor_name": "Toko Uji Tarif", "purchased_on": day,
            "items": [{"description": "Kertas", "quantity": 1, "unit": "rim", "unit_price": amount,
                       "category": "barang"}]}


@integration
def test_a_new_version_applies_from_its_day_and_keeps_the_old_one(rpc, bureau):
    before = rpc(bureau.bendahara()).list_tax_rates()
    old_rows = bureau.scalar("SELECT count(*) FROM spj_tax_rates")
    loaded = rpc(bureau.admin()).load_tax_rates("tarif-2090.csv", b64(rate_file()))
    assert [v["valid_from"] for v in loaded["versions"]] == sorted((v["valid_from"] for v in loaded["versions"]),
                                                                   reverse=True)
    newest = loaded["versions"][0]
    assert (newest["valid_from"], newest["upcoming"], newest["in_force"]) == (NEW_DAY, True, False)
    assert [(r["kind"], r["rate_bp"], r["rate_bp_no_npwp"], r["rate_label_no_npwp"], r["threshold"], r["verified"])
            for r in newest["rates"]][:3] == [("ppn", 1200, 1200, "12%", 2_000_000, True),
                                              ("pph21", 500, 600, "6%", 0, False),
                                              ("pph22", 250, 500, "5%", 2_000_000, True)]
    assert loaded["in_force"] == before["in_force"] and loaded["in_force"] < NEW_DAY
    assert [v for v in loaded["versions"] if v["valid_from"] != NEW_DAY] == before["versions"]  # old: untouched
    assert bureau.scalar("SELECT count(*) FROM spj_tax_rates") == old_rows + 4

    preview = rpc(bureau.pptk()).preview_taxes({"purchases": [purchase(3_000_000, "2089-12-31"),
                                                              purchase(3_000_000, NEW_DAY)]})
    before_day, on_day = preview["purchases"]
    assert (before_day["items"][0]["pph_rate_bp"], before_day["tax_withheld"]) == (300, 90_000)
    assert (on_day["items"][0]["pph_rate_bp"], on_day["tax_withheld"]) == (500, 150_000)

    with pytest.raises(Conflict) as again:
        rpc(bureau.admin()).load_tax_rates("tarif-2090-lagi.csv", b64(rate_file(pph22=(100, 200))))
    assert NEW_DAY in str(again.value)
    assert bureau.scalar("SELECT count(*) FROM spj_tax_rates") == old_rows + 4
    assert rpc(bureau.bendahara()).list_tax_rates()["versions"][0] == newest


@integration
def test_a_bad_rate_file_changes_nothing(rpc, bureau):
    rows = bureau.scalar("SELECT count(*) FROM spj_tax_rates")
    bad = rate_file(day="2091-01-01").replace(b"pph23,2091-01-01,jasa,200", b"pph23,2091-01-01,jasa,dua")
    with pytest.raises(ValidationFailed) as refused:
        rpc(bureau.admin()).load_tax_rates("tarif.csv", b64(bad))
    assert "bukan tarif" in refused.value.fields["baris_4.rate_bp"]
    assert [(str(r["row"]), r["column"]) for r in refused.value.extra["rows"]] == [("4", "rate_bp")]
    with pytest.raises(ValidationFailed) as not_a_table:
        rpc(bureau.admin()).load_tax_rates("tarif.csv", b64(b"%PDF-1.4 not a table"))
    assert "file" in not_a_table.value.fields
    assert bureau.scalar("SELECT count(*) FROM spj_tax_rates") == rows
    assert all(v["valid_from"] != "2091-01-01" for v in rpc(bureau.admin()).list_tax_rates()["versions"])


@integration
def test_only_admin_changes_rates_and_tiers(rpc, bureau):
    tiers = rpc(bureau.pptk()).list_evidence_tiers()
    assert rpc(bureau.pptk()).list_tax_rates()["versions"]
    for identity in (bureau.pegawai(), bureau.pptk()):
        with pytest.raises(Forbidden):
            rpc(identity).load_tax_rates("tarif.csv", b64(rate_file(day="2092-01-01")))
        with pytest.raises(Forbidden):
            rpc(identity).update_evidence_tiers({"tiers": [tier("nota", None)]})
    for read in (lambda: rpc(bureau.pegawai()).list_tax_rates(), lambda: rpc(bureau.pegawai()).list_evidence_tiers()):
        with pytest.raises(Forbidden):
            read()
    assert all(v["valid_from"] != "2092-01-01" for v in rpc(bureau.admin()).list_tax_rates()["versions"])
    assert rpc(bureau.bendahara()).list_evidence_tiers() == tiers


@integration
def test_new_evidence_tiers_change_the_tier_a_purchase_needs(rpc, bureau):
    admin, pptk = rpc(bureau.admin()), rpc(bureau.pptk())
    defaults = admin.list_evidence_tiers()
    assert [(t["kind"], t["from_amount"], t["up_to"]) for t in defaults] == [
        ("nota", 0, 10_000_000), ("kuitansi", 10_000_001, 50_000_000), ("spk", 50_000_001, 200_000_000),
        ("kontrak", 200_000_001, None)]
    assert pptk.preview_taxes({"purchases": [purchase(1_500_000, "2029-05-02")]})["purchases"][0][
        "evidence_kind"] == "nota"
    try:
        changed = admin.update_evidence_tiers({"tiers": [
            tier("nota", 1_000_000, "Nota"), tier("kuitansi", 50_000_000, "Kuitansi bermaterai"),
            {**tier("kontrak", None, "Kontrak"), "verified": True}]})
        assert [(t["kind"], t["from_amount"], t["up_to"], t["verified"]) for t in changed] == [
            ("nota", 0, 1_000_000, False), ("kuitansi", 1_000_001, 50_000_000, False),
            ("kontrak", 50_000_001, None, True)]
        shown = pptk.preview_taxes({"purchases": [purchase(1_000_000, "2029-05-02"),
                                                  purchase(1_500_000, "2029-05-02")]})["purchases"]
        assert [(p["evidence_kind"], p["evidence_label"]) for p in shown] == [
            ("nota", "Nota"), ("kuitansi", "Kuitansi bermaterai")]

        with pytest.raises(ValidationFailed) as refused:
            admin.update_evidence_tiers({"tiers": [tier("nota", 5_000_000), tier("kuitansi", 4_000_000),
                                                   tier("kontrak", None)]})
        assert "tiers.1.up_to" in refused.value.fields
        with pytest.raises(ValidationFailed) as no_label:
            admin.update_evidence_tiers({"tiers": [tier("nota", 5_000_000, ""), tier("kontrak", None)]})
        assert "tiers.0.label" in no_label.value.fields
        assert admin.list_evidence_tiers() == changed  # all or nothing
    finally:
        admin.update_evidence_tiers({"tiers": [{k: t[k] for k in ("kind", "label", "up_to", "verified")}
                                               for t in defaults]})
    assert admin.list_evidence_tiers() == defaults
