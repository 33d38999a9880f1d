"""The DPA file (``domain.budget_file``), no database: the example file, CSV and XLSX, amounts at their edges,
the shape of codes, the cash plan that must add up to the ceiling, consistency across rows, and one message per
bad row and column."""
import io

import pytest
from finance.domain import budget, budget_file
from finance.domain.budget_file import COLUMNS, MONTHS, parse_amount, parse_file, read_rows, validate_rows
from openpyxl import Workbook
from situok_kit.errors import ValidationFailed

NIP = "198008082005031004"


def row(**changes) -> dict:
    values = {"kode_program": "4.01.01", "nama_program": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
              "kode_kegiatan": "4.01.01.2.06", "nama_kegiatan": "Administrasi Umum Perangkat Daerah",
              "kode_sub_kegiatan": "4.01.01.2.06.0004", "nama_sub_kegiatan": "Penyediaan Bahan Logistik Kantor",
              "nip_pptk": NIP, "kode_rekening": "5.1.02.01.01.0024",
              "nama_rekening": "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", "pagu": "1200000",
              **{m: "100000" for m in MONTHS}}
    values.update(changes)
    return values


def rows(*values: dict, header=COLUMNS) -> list[tuple[int, list[str]]]:
    return [(1, list(header))] + [(i, [v[c] for c in COLUMNS]) for i, v in enumerate(values, start=2)]


def problems_of(*values: dict) -> dict:
    _, problems = validate_rows(rows(*values))
    return {(p.row, p.column): p.problem for p in problems}


def test_the_example_file_is_a_valid_dpa():
    subs = parse_file(budget.example_file())
    assert len(subs) == 6 and sum(len(s.allocations) for s in subs) == 18
    assert {s.pptk_nip for s in subs} >= {"198008082005031004", "198311112008012003", "198507072010012003"}
    for sub in subs:
        for a in sub.allocations:
            assert sum(a.cash_plan) == a.ceiling and len(a.cash_plan) == 12
    atk = next(a for s in subs for a in s.allocations if s.code == "4.01.01.2.06.0004"
               and a.account_code == "5.1.02.01.01.0024")
    assert atk.ceiling == 45_000_000 and atk.row > 1


@pytest.mark.parametrize("raw, expected", [
    ("1200000", 1_200_000), ("1.200.000", 1_200_000), ("Rp1.200.000", 1_200_000), ("Rp 1.200.000", 1_200_000),
    ("1.200.000,00", 1_200_000), ("0", 0), ("10000000000000", 10_000_000_000_000),
    ("10000000000001", None), ("1200000.5", None), ("-5", None), ("1,2 juta", None), ("12.00.000", None),
    ("abc", None),
])
def test_amounts(raw, expected):
    assert parse_amount(raw) == expected


def test_rows_of_one_sub_activity_make_one_sub_activity_with_its_accounts():
    subs, problems = validate_rows(rows(row(), row(kode_rekening="5.1.02.01.01.0025", nama_rekening="Kertas")))
    assert problems == []
    assert [(s.code, s.pptk_nip, [a.account_code for a in s.allocations]) for s in subs] == [
        ("4.01.01.2.06.0004", NIP, ["5.1.02.01.01.0024", "5.1.02.01.01.0025"])]
    assert subs[0].ceiling == 2_400_000 and subs[0].allocations[1].row == 3


def test_blank_months_are_zero_and_the_plan_must_add_up_to_the_ceiling():
    plan = {m: "" for m in MONTHS} | {"jan": "600.000", "jul": "600.000"}
    subs, problems = validate_rows(rows(row(**plan)))
    assert problems == [] and subs[0].allocations[0].cash_plan == [600_000] + [0] * 5 + [600_000] + [0] * 5
    found = problems_of(row(**(plan | {"jul": "599.999"})))
    assert found == {(2, "anggaran_kas"): "Jumlah anggaran kas jan-des Rp1.199.999 tidak sama dengan pagu "
                                          "Rp1.200.000."}


def test_one_message_per_bad_row_and_column():
    found = problems_of(
        row(),
        row(kode_rekening="5.1.2.01.01.24", pagu="1,5 juta"),
        row(kode_rekening="5.1.02.01.01.0026", nip_pptk="1234", mar="seratus"),
        row(kode_rekening="4.1.01.01.01.0001", nama_rekening=""),
    )
    assert found == {
        (3, "kode_rekening"): "'5.1.2.01.01.24' bukan kode yang valid (bentuk 5.X.XX.XX.XX.XXXX, mis. "
                              "5.1.02.01.01.0024).",
        (3, "pagu"): budget_file.NOT_INTEGER,
        (4, "nip_pptk"): "'1234' bukan NIP (18 angka).",
        (4, "mar"): budget_file.NOT_INTEGER,
        (5, "kode_rekening"): "'4.1.01.01.01.0001' bukan kode yang valid (bentuk 5.X.XX.XX.XX.XXXX, mis. "
                              "5.1.02.01.01.0024).",
        (5, "nama_rekening"): "Wajib diisi.",
    }


def test_codes_must_nest_and_rows_of_a_sub_activity_agree():
    found = problems_of(
        row(),
        row(kode_kegiatan="4.01.02.2.06", kode_sub_kegiatan="4.01.02.2.06.0004", kode_rekening="5.1.02.01.01.0030"),
        row(kode_sub_kegiatan="4.01.01.2.07.0001", kode_rekening="5.1.02.01.01.0031"),
        row(nip_pptk="198311112008012003", kode_rekening="5.1.02.01.01.0032"),
        row(nama_program="Program lain", kode_rekening="5.1.02.01.01.0033"),
        row(),
    )
    assert found == {
        (3, "kode_kegiatan"): "Kode kegiatan 4.01.02.2.06 bukan bagian dari program 4.01.01.",
        (4, "kode_sub_kegiatan"): "Kode sub kegiatan 4.01.01.2.07.0001 bukan bagian dari kegiatan 4.01.01.2.06.",
        (5, "nip_pptk"): f"Berbeda dengan baris 2 untuk sub kegiatan 4.01.01.2.06.0004 ('{NIP}').",
        (6, "nama_program"): "Berbeda dengan baris 2 untuk program 4.01.01 ('PROGRAM PENUNJANG URUSAN "
                             "PEMERINTAHAN DAERAH PROVINSI').",
        (7, "kode_rekening"): "Rekening 5.1.02.01.01.0024 pada sub kegiatan 4.01.01.2.06.0004 sudah ada di baris 2.",
    }


def test_missing_columns_empty_files_and_headers_only():
    header = [c for c in COLUMNS if c not in ("pagu", "des")]
    _, problems = validate_rows([(1, header)])
    assert {(p.row, p.column) for p in problems} == {(1, "pagu"), (1, "des")}
    assert validate_rows([])[1][0].problem == "Berkas kosong."
    assert "hanya baris judul" in validate_rows(rows())[1][0].problem


def test_headers_are_case_insensitive_and_month_names_are_accepted():
    header = [c.upper() for c in COLUMNS[:10]] + ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                                                  "Agustus", "September", "Oktober", "November", "Desember"]
    subs, problems = validate_rows(rows(row(), header=header))
    assert problems == [] and subs[0].allocations[0].ceiling == 1_200_000


def test_a_semicolon_csv_and_an_xlsx_read_the_same():
    values = row()
    text = ";".join(COLUMNS) + "\n" + ";".join(values[c] for c in COLUMNS) + "\n"
    from_csv = parse_file(text.encode())
    book = Workbook()
    sheet = book.active
    sheet.append(list(COLUMNS))
    sheet.append([int(v) if c == "pagu" or c in MONTHS else v for c, v in values.items()])
    out = io.BytesIO()
    book.save(out)
    from_xlsx = parse_file(out.getvalue())
    assert from_csv == from_xlsx and from_csv[0].allocations[0].cash_plan == [100_000] * 12
    assert read_rows(out.getvalue())[1][1][9] == "1200000"


def test_a_bad_file_is_refused_with_fields_shaped_like_travel_rate_tables():
    values = row(pagu="x")
    text = ",".join(COLUMNS) + "\n" + ",".join(values[c] for c in COLUMNS) + "\n"
    with pytest.raises(ValidationFailed) as refused:
        parse_file(text.encode())
    assert refused.value.fields["baris_2.pagu"] == budget_file.NOT_INTEGER
    assert refused.value.fields["file"] == "Berkas DPA ditolak: 1 masalah; tidak ada yang dimuat."
    assert refused.value.extra["rows"][0] == {"row": 2, "column": "pagu", "problem": budget_file.NOT_INTEGER}
    with pytest.raises(ValidationFailed) as not_a_table:
        parse_file(b"%PDF-1.4 not a table")
    assert "file" in not_a_table.value.fields
    with pytest.raises(ValidationFailed):
        parse_file(b"")
