"""The travel SPJ's rules without a database: the split by kind, the balance, the lines drafted from travel's
``order_realized`` (also the older payload without kinds), each traveller's part, and the printouts."""
import io
from datetime import date

from finance.documents import travel_spj as printouts
from finance.domain.travel_spj import (
    advances_of,
    balance,
    kind_of,
    lines_from_payload,
    part,
    per_traveller,
    split,
)
from finance.models import Spj
from finance.schemas.travel_spj import TravelSpjPartOut
from pypdf import PdfReader
from situok_kit.letters.data import Signer

AYU, MADE = 11, 12
PAYLOAD = {
    "order_id": 7, "number": "000.1.2.3/5/Biro Umum/2031", "purpose": "Koordinasi", "fiscal_year": 2031,
    "destinations": [{"province_code": "31", "city": "Jakarta Pusat"}],
    "departure_date": "2031-03-03", "return_date": "2031-03-05",
    "travellers": [{"employee_id": AYU, "name": "Ni Made Ayu", "nip": "198001012005012001"},
                   {"employee_id": MADE, "name": "I Made Putra", "nip": None}],
    "advances": [{"employee_id": AYU, "amount": 2_000_000}, {"employee_id": MADE, "amount": 0}],
    "lines": [
        {"employee_id": AYU, "category": "uang_harian", "kind": "lump_sum", "description": "Uang harian",
         "quantity": 3, "rate": 530_000, "amount": 1_590_000, "receipt_count": 0, "receipts": []},
        {"employee_id": AYU, "category": "penginapan", "kind": "at_cost", "description": "Hotel", "quantity": 2,
         "rate": 850_000, "amount": 1_700_000, "receipt_count": 1,
         "receipts": [{"attachment_id": 91, "sha256": "a" * 64, "filename": "hotel.pdf"}]},
        {"employee_id": AYU, "category": "transport", "kind": "riil", "description": "Taksi", "quantity": 2,
         "rate": 75_000, "amount": 150_000, "receipt_count": 0, "receipts": []},
        {"employee_id": MADE, "category": "uang_harian", "kind": "lump_sum", "description": "Uang harian",
         "quantity": 3, "rate": 530_000, "amount": 1_590_000, "receipt_count": 0, "receipts": []},
    ],
}


def test_kinds_split_and_balance():
    assert kind_of("uang_harian", 0) == kind_of("representasi", 3) == "lump_sum"
    assert kind_of("penginapan", 1) == "at_cost" and kind_of("transport", 0) == "riil"
    lines = lines_from_payload(PAYLOAD)
    assert split(lines) == {"lump_sum": 3_180_000, "at_cost": 1_700_000, "riil": 150_000, "total": 5_030_000}
    assert balance(5_030_000, 2_000_000) == 3_030_000          # still to pay
    assert balance(1_000_000, 1_250_000) == -250_000           # to return
    assert balance(0, 0) == 0 and split([]) == {"lump_sum": 0, "at_cost": 0, "riil": 0, "total": 0}


def test_lines_carry_the_traveller_quantity_rate_and_receipts():
    lines = lines_from_payload(PAYLOAD)
    assert [(x["position"], x["name"], x["kind"], x["quantity"], x["rate"], x["amount"]) for x in lines] == [
        (1, "Ni Made Ayu", "lump_sum", 3, 530_000, 1_590_000), (2, "Ni Made Ayu", "at_cost", 2, 850_000, 1_700_000),
        (3, "Ni Made Ayu", "riil", 2, 75_000, 150_000), (4, "I Made Putra", "lump_sum", 3, 530_000, 1_590_000)]
    assert lines[0]["nip"] == "198001012005012001" and lines[3]["nip"] is None
    assert lines[1]["receipts"] == [{"attachment_id": 91, "sha256": "a" * 64, "filename": "hotel.pdf"}]


def test_an_older_payload_without_kinds_is_read_the_same_way():
    old = {**PAYLOAD, "advances": None, "lines": [
        {"employee_id": AYU, "category": "uang_harian", "description": "Uang harian", "amount": 1_590_000,
         "receipt_count": 0},
        {"employee_id": AYU, "category": "penginapan", "description": "Hotel", "amount": 1_700_000,
         "receipt_count": 1},
        {"employee_id": AYU, "category": "lainnya", "description": "Parkir", "amount": 20_000, "receipt_count": 0}]}
    lines = lines_from_payload(old)
    assert [(x["kind"], x["quantity"], x["rate"]) for x in lines] == [
        ("lump_sum", 1, 1_590_000), ("at_cost", 1, 1_700_000), ("riil", 1, 20_000)]
    assert advances_of(old) == {}


def test_each_travellers_part():
    lines = lines_from_payload(PAYLOAD)
    people = per_traveller(lines, advances_of(PAYLOAD), PAYLOAD["travellers"])
    assert people == [
        {"employee_id": AYU, "name": "Ni Made Ayu", "nip": "198001012005012001", "lump_sum": 1_590_000,
         "at_cost": 1_700_000, "riil": 150_000, "total": 3_440_000, "advance_paid": 2_000_000,
         "balance": 1_440_000},
        {"employee_id": MADE, "name": "I Made Putra", "nip": None, "lump_sum": 1_590_000, "at_cost": 0, "riil": 0,
         "total": 1_590_000, "advance_paid": 0, "balance": 1_590_000}]


def test_a_purchase_spj_has_no_travel_part():
    assert part(None, Spj(kind="purchase")) is None
    assert "travel_order_id" in TravelSpjPartOut().fields


def _print(**over) -> printouts.TravelSpjPrint:
    lines = lines_from_payload(PAYLOAD)
    people = []
    for person in PAYLOAD["travellers"]:
        mine = [x for x in lines if x["employee_id"] == person["employee_id"]]
        people.append(printouts.PrintTraveller(
            name=person["name"], nip=person["nip"], position="Analis Keuangan",
            advance_paid=advances_of(PAYLOAD).get(person["employee_id"], 0),
            lines=tuple(printouts.PrintLine(description=x["description"], kind=x["kind"], quantity=x["quantity"],
                                            rate=x["rate"], amount=x["amount"],
                                            receipts=tuple(r["sha256"] for r in x["receipts"])) for x in mine)))
    data = dict(spj_number="", status="draft", order_number=PAYLOAD["number"], purpose="Koordinasi",
                destination="Jakarta Pusat", departure_date=date(2031, 3, 3), return_date=date(2031, 3, 5),
                sub_activity_code="4.01.01.2.06.0001", account_code="5.1.02.04.01.0001",
                printed_on=date(2031, 3, 10), travellers=tuple(people),
                pa_kpa=Signer(position="Pengguna Anggaran", name="Dr. Karo"),
                pptk=Signer(position="PPTK", name="Kasubbag RT", nip="198204172009011002"),
                treasurer=Signer(position="Bendahara Pengeluaran", name="Bendahari"),
                ppk=Signer(position="Pejabat Pembuat Komitmen", name="Ibu PPK"))
    data.update(over)
    return printouts.TravelSpjPrint(**data)


def _text(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_rincian_per_traveller_with_kinds_and_balance():
    pages = _text(printouts.render("rincian", _print()))
    body = " ".join(pages)
    for phrase in ("RINCIAN BIAYA PERJALANAN DINAS", "Ni Made Ayu", "I Made Putra", "Lumpsum", "At cost", "Riil",
                   "3 × Rp530.000", "Rp3.440.000", "Rp1.440.000 (kurang bayar, dibayarkan)", "#aaaaaaaa",
                   "Jumlah seluruhnya", "Rp5.030.000", "Setuju dibayar", "Dr. Karo", "Mengetahui", "Kasubbag RT",
                   "Telah dibayar", "Bendahari", "4.01.01.2.06.0001", "5.1.02.04.01.0001", "DRAF"):
        assert phrase in body, phrase


def test_the_daftar_pengeluaran_riil_lists_only_costs_without_receipts():
    pages = _text(printouts.render("riil", _print(status="issued", spj_number="SPJ/3/2031")))
    assert len(pages) == 1                                  # only Ayu has a cost without a receipt
    body = pages[0]
    for phrase in ("DAFTAR PENGELUARAN RIIL", "Ni Made Ayu", "NIP : 198001012005012001", "Taksi (2 × Rp75.000)",
                   "Rp150.000", "Kas Daerah", "Mengetahui/Menyetujui", "Ibu PPK", "Pelaksana SPPD"):
        assert phrase in body, phrase
    assert "Hotel" not in body and "Uang harian" not in body and "I Made Putra" not in body
    assert printouts.filename("riil", "SPJ/3/2031", 3) == "Daftar-Pengeluaran-Riil_SPJ-3-2031.pdf"
    assert printouts.filename("rincian", "", 3) == "Rincian-SPJ-Perjalanan_draf-3.pdf"
