"""NIP, NIK, golongan and the employee cross-field rules (pure functions)."""
from datetime import date

import pytest
from personnel.domain.identifiers import (
    GOLONGAN,
    PPPK_GRADES,
    IdentifierError,
    derive_from_identifiers,
    employee_rule_errors,
    nik_error,
    nip_error,
    pangkat_for,
    parse_nik,
    parse_nip,
)

TODAY = date(2026, 6, 1)
GOOD_NIP = "199003152015031002"   # 1990-03-15, TMT 2015-03, L, 002


def test_parse_nip_parts():
    parts = parse_nip(GOOD_NIP, TODAY)
    assert parts.birth_date == date(1990, 3, 15)
    assert parts.tmt == date(2015, 3, 1)
    assert parts.gender == "L"
    assert parts.sequence == 2


@pytest.mark.parametrize("nip, message", [
    ("12345", "NIP harus 18 digit angka."),
    ("19900315201503100a", "NIP harus 18 digit angka."),
    ("1990031520150310021", "NIP harus 18 digit angka."),
    ("199013312015031002", "Tanggal lahir pada NIP (digit 1-8) tidak valid: 19901331."),
    ("199002302015031002", "Tanggal lahir pada NIP (digit 1-8) tidak valid: 19900230."),
    ("203001012015031002", "Tanggal lahir pada NIP (digit 1-8) tidak valid: 20300101."),
    ("199003152015131002", "TMT CPNS pada NIP (digit 9-14) tidak valid: 201513 (bulan harus 01-12; "
                           "kode 21 hanya untuk PPPK)."),
    ("199003152000031002", "TMT CPNS pada NIP (digit 9-14) tidak valid: 200003 (paling awal tahun 2007, "
                           "17 tahun setelah tahun lahir)."),
    ("199003152035031002", "TMT CPNS pada NIP (digit 9-14) tidak valid: 203503 (di masa depan)."),
    ("199003152015033002", "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan 3."),
    ("199003152015031000", "Nomor urut pada NIP (digit 16-18) harus 001-999."),
])
def test_nip_messages_say_which_digits_are_wrong(nip, message):
    assert nip_error(nip, employment_type="pns", today=TODAY) == message


def test_nip_consistent_with_other_fields():
    assert nip_error(GOOD_NIP, birth_date=date(1990, 3, 15), gender="L", tmt_cpns=date(2015, 3, 1),
                     today=TODAY) is None
    assert nip_error(GOOD_NIP, birth_date=date(1990, 3, 16), today=TODAY) == (
        "Tanggal lahir pada NIP (digit 1-8: 1990-03-15) tidak sama dengan tanggal lahir 1990-03-16.")
    assert nip_error(GOOD_NIP, gender="P", today=TODAY) == (
        "Jenis kelamin pada NIP (digit 15: L) tidak sama dengan jenis kelamin P.")
    assert nip_error(GOOD_NIP, tmt_cpns=date(2016, 3, 1), today=TODAY) == (
        "TMT CPNS pada NIP (digit 9-14: 2015-03) tidak sama dengan TMT CPNS 2016-03.")


def test_pppk_nip_code_21_only_for_pppk():
    pppk = "199302142022212001"
    assert nip_error(pppk, employment_type="pppk", today=TODAY) is None
    parts = parse_nip(pppk, TODAY, "pppk")
    assert parts.tmt is None and parts.tmt_year == 2022 and parts.gender == "P"
    assert "kode 21 hanya untuk PPPK" in nip_error(pppk, employment_type="pns", today=TODAY)
    assert nip_error(pppk, tmt_cpns=date(2023, 1, 1), employment_type="pppk", today=TODAY) == (
        "Tahun TMT pada NIP (digit 9-12: 2022) tidak sama dengan TMT 2023-01.")


def test_nik_rules():
    assert nik_error("5171031705980001", birth_date=date(1998, 5, 17), gender="L", today=TODAY) is None
    woman = parse_nik("5103026503960002", TODAY)
    assert (woman.gender, woman.day, woman.month, woman.year2) == ("P", 25, 3, 96)
    assert nik_error("517103170598", today=TODAY) == "NIK harus 16 digit angka."
    assert nik_error("5171033205980001", today=TODAY) == (
        "Tanggal lahir pada NIK (digit 7-12, DDMMYY; tanggal +40 untuk perempuan) tidak valid: 320598.")
    assert nik_error("5171037205980001", today=TODAY).startswith("Tanggal lahir pada NIK")
    assert nik_error("0071031705980001", today=TODAY) == "Kode provinsi pada NIK (digit 1-2) tidak valid: 00."
    assert nik_error("5171031705980000", today=TODAY) == "Nomor urut pada NIK (digit 13-16) harus 0001-9999."
    assert nik_error("5171031705980001", gender="P", today=TODAY) == (
        "Jenis kelamin pada NIK (digit 7-8, tanggal +40 untuk perempuan: L) tidak sama dengan jenis kelamin P.")
    assert nik_error("5171031705980001", birth_date=date(1998, 5, 18), today=TODAY) == (
        "Tanggal lahir pada NIK (digit 7-12: 170598) tidak sama dengan tanggal lahir 1998-05-18.")
    with pytest.raises(IdentifierError):
        parse_nik("51710317059800AB")


def test_nik_century_is_ambiguous_but_a_date_must_exist():
    assert nik_error("5171042902000001", today=TODAY) is None        # 29-02-2000 exists
    assert nik_error("5171042902010001", today=TODAY) is not None    # 29-02-1901 / 2001 do not


def test_golongan_table():
    assert len(GOLONGAN) == 17 and GOLONGAN[0] == "I/a" and GOLONGAN[-1] == "IV/e"
    assert pangkat_for("I/a") == "Juru Muda"
    assert pangkat_for("II/b") == "Pengatur Muda Tingkat I"
    assert pangkat_for("III/a") == "Penata Muda"
    assert pangkat_for("III/d") == "Penata Tingkat I"
    assert pangkat_for("IV/a") == "Pembina"
    assert pangkat_for("IV/e") == "Pembina Utama"
    assert pangkat_for(None) is None and pangkat_for("V/a") is None
    assert PPPK_GRADES[0] == "I" and PPPK_GRADES[-1] == "XVII" and len(PPPK_GRADES) == 17


def test_employee_rules_by_employment_type():
    assert employee_rule_errors({"employment_type": "pns"}, TODAY) == {"nip": "NIP wajib diisi untuk PNS dan PPPK."}
    errors = employee_rule_errors({"employment_type": "non_asn", "nip": GOOD_NIP, "golongan": "III/a",
                                   "tmt_cpns": date(2015, 3, 1)}, TODAY)
    assert errors == {
        "nip": "NIP hanya untuk ASN (PNS/PPPK); pegawai non-ASN memakai NIK.",
        "nik": "NIK wajib diisi untuk pegawai non-ASN.",
        "tmt_cpns": "TMT CPNS hanya untuk ASN (PNS/PPPK).",
        "golongan": "Golongan/ruang (I/a … IV/e) hanya untuk PNS; PPPK memakai golongan PPPK (pppk_grade).",
    }
    assert employee_rule_errors({"employment_type": "pns", "nip": GOOD_NIP, "pppk_grade": "IX"}, TODAY) == {
        "pppk_grade": "Golongan PPPK (I … XVII) hanya untuk pegawai PPPK."}
    assert employee_rule_errors({"employment_type": "non_asn", "nik": "5171031705980001",
                                 "birth_date": date(2030, 1, 1)}, TODAY)["birth_date"] == (
        "Tanggal lahir tidak boleh di masa depan.")


def test_derive_fills_only_what_is_missing():
    derived = derive_from_identifiers({"employment_type": "pns", "nip": GOOD_NIP})
    assert (derived["gender"], derived["birth_date"], derived["tmt_cpns"]) == ("L", date(1990, 3, 15),
                                                                             date(2015, 3, 1))
    kept = derive_from_identifiers({"employment_type": "pns", "nip": GOOD_NIP, "birth_place": "Tabanan",
                                    "gender": "L", "birth_date": date(1990, 3, 15), "tmt_cpns": date(2015, 3, 20)})
    assert kept["tmt_cpns"] == date(2015, 3, 20)
    assert derive_from_identifiers({"employment_type": "non_asn", "nik": "5103026503960002"})["gender"] == "P"
    assert "gender" not in derive_from_identifiers({"employment_type": "pns", "nip": "bad"})
