"""The DPA file: reading and checking it (pure: no database, no clock). ``domain.budget`` resolves the PPTK's
NIP against the roster and stores what this returns.

One flat format for CSV (comma or semicolon, UTF-8) and XLSX, the same for the original DPA (murni) and every
amendment (perubahan): one row per account (kode rekening) of a sub-kegiatan; header names are
case-insensitive; the program, kegiatan, sub-kegiatan and PPTK are repeated on each row of their sub-kegiatan.

==================  ======================================================================================
kode_program        e.g. ``4.01.01`` (urusan.bidang.program)
nama_program        e.g. ``PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI``
kode_kegiatan       the program's code + ``.X.XX``, e.g. ``4.01.01.2.06``
nama_kegiatan       e.g. ``Administrasi Umum Perangkat Daerah``
kode_sub_kegiatan   the kegiatan's code + ``.XXXX``, e.g. ``4.01.01.2.06.0004``
nama_sub_kegiatan   e.g. ``Penyediaan Bahan Logistik Kantor``
nip_pptk            the PPTK's NIP (18 digits), an employee on the roster
kode_rekening       kode rekening belanja per Kepmendagri 050-5889/2021: ``5.X.XX.XX.XX.XXXX``, e.g.
                    ``5.1.02.01.01.0024``
nama_rekening       e.g. ``Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor``
pagu                the ceiling, integer rupiah: ``15000000``, ``15.000.000`` or ``Rp15.000.000``
jan … des           the cash plan (anggaran kas) per month — ``jan feb mar apr mei jun jul agu sep okt nov
                    des`` — integer rupiah, blank is 0; the twelve must add up to ``pagu``
==================  ======================================================================================

A bad file is refused whole with one message per problem (row as a spreadsheet shows it — the header is row 1
— and column), shaped like travel's rate tables: fields ``baris_<n>.<kolom>`` (``berkas`` when no row), the
list in ``extra['rows']``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from situok_kit import uploads
from situok_kit.errors import ValidationFailed
from situok_kit.letters.formatting import format_rupiah

MONTHS = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")
COLUMNS = ("kode_program", "nama_program", "kode_kegiatan", "nama_kegiatan", "kode_sub_kegiatan",
           "nama_sub_kegiatan", "nip_pptk", "kode_rekening", "nama_rekening", "pagu") + MONTHS
_MONTH_NAMES = ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
                "november", "desember")
ALIASES = {
    **{name: short for name, short in zip(_MONTH_NAMES, MONTHS, strict=True)},
    **{f"kas_{i:02d}": short for i, short in enumerate(MONTHS, start=1)},
    "program": "kode_program", "kegiatan": "kode_kegiatan", "sub_kegiatan": "kode_sub_kegiatan",
    "rekening": "kode_rekening", "kode_akun": "kode_rekening", "uraian_rekening": "nama_rekening",
    "nip": "nip_pptk", "pptk": "nip_pptk", "anggaran": "pagu", "ceiling": "pagu",
}
#: The column a cash plan that does not add up to the ceiling is reported under (the twelve month columns).
CASH_PLAN = "anggaran_kas"
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_READ_ROWS = 2 * MAX_ROWS + 1
#: The largest amount of one cell (Rp10 triliun): anything larger is a typing error.
MAX_AMOUNT = 10_000_000_000_000
MAX_REPORTED = 200
NAME_MAX = 300

PROGRAM_RE = re.compile(r"^\d\.\d{2}\.\d{2}$")
ACTIVITY_RE = re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}$")
SUB_ACTIVITY_RE = re.compile(r"^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$")
#: akun 5 (belanja) . kelompok . jenis . objek . rincian objek . sub rincian objek
ACCOUNT_RE = re.compile(r"^5\.\d\.\d{2}\.\d{2}\.\d{2}\.\d{4}$")
NIP_RE = re.compile(r"^\d{18}$")
_AMOUNT_RE = re.compile(r"^(?:rp\.?)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,00?)?$", re.IGNORECASE)

NOT_INTEGER = "Harus bilangan bulat rupiah (mis. 15000000 atau 15.000.000)."
REQUIRED = "Wajib diisi."


@dataclass(frozen=True)
class Problem:
    """One problem of a file: its row (as a spreadsheet shows it; ``None`` for the whole file), column, what."""

    row: int | None
    column: str | None
    problem: str

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "problem": self.problem}


@dataclass
class Allocation:
    """One account row of the file."""

    row: int
    account_code: str
    account_name: str
    ceiling: int
    cash_plan: list[int]


@dataclass
class SubActivity:
    """One sub-kegiatan of the file (its first row gives the names and the PPTK)."""

    row: int
    program_code: str
    program_name: str
    activity_code: str
    activity_name: str
    code: str
    name: str
    pptk_nip: str
    allocations: list[Allocation] = field(default_factory=list)

    @property
    def ceiling(self) -> int:
        return sum(a.ceiling for a in self.allocations)


# -- reading files ---------------------------------------------------------------------------------------

def read_rows(content: bytes) -> list[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) of a DPA file, CSV or XLSX (``situok_kit.uploads.read_table``:
    the kind from the content, an XLSX opened with limits)."""
    return uploads.read_table(content, MAX_READ_ROWS, "Berkas DPA")


def parse_amount(raw: str) -> int | None:
    """Integer rupiah from ``15000000``, ``15.000.000``, ``Rp 15.000.000`` or ``15.000.000,00``; ``None`` when it
    is not one (a fraction, a negative, text, more than ``MAX_AMOUNT``)."""
    match = _AMOUNT_RE.match(raw.replace(" ", ""))
    if not match:
        return None
    value = int(match.group(1).replace(".", ""))
    return value if value <= MAX_AMOUNT else None


def _header(cells: list[str]) -> list[str]:
    out = []
    for cell in cells:
        name = re.sub(r"[\s\-]+", "_", cell.strip().lower())
        out.append(ALIASES.get(name, name))
    return out


def _code(value: dict, column: str, pattern: re.Pattern, example: str, problems: list, number: int) -> str:
    raw = value[column].replace(" ", "")
    if not raw:
        problems.append(Problem(number, column, REQUIRED))
    elif not pattern.match(raw):
        problems.append(Problem(number, column, f"'{value[column]}' bukan kode yang valid (bentuk {example})."))
    return raw


def _name(value: dict, column: str, problems: list, number: int) -> str:
    raw = " ".join(value[column].split())
    if not raw:
        problems.append(Problem(number, column, REQUIRED))
    elif len(raw) > NAME_MAX:
        problems.append(Problem(number, column, f"Maksimal {NAME_MAX} karakter."))
    return raw


def _same(problems: list, number: int, column: str, what: str, code: str, first_row: int, expected: str,
          got: str) -> None:
    if expected != got and not any(p.row == number and p.column == column for p in problems):
        problems.append(Problem(number, column, f"Berbeda dengan baris {first_row} untuk {what} {code} "
                                                f"('{expected}')."))


def validate_rows(raw_rows: list[tuple[int, list[str]]]) -> tuple[list[SubActivity], list[Problem]]:
    """Check every row; returns (sub-kegiatan in file order with their accounts, problems). The sub-kegiatan
    are only usable when problems is empty."""
    problems: list[Problem] = []
    raw_rows = [(n, cells) for n, cells in raw_rows if any(c for c in cells)]
    if not raw_rows:
        return [], [Problem(None, None, "Berkas kosong.")]
    header_row, header = raw_rows[0]
    names = _header(header)
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        return [], [Problem(header_row, c, "Kolom tidak ada pada baris judul.") for c in missing]
    if len(raw_rows) - 1 > MAX_ROWS:
        return [], [Problem(None, None, f"Terlalu banyak baris (maksimal {MAX_ROWS}).")]
    if len(raw_rows) == 1:
        return [], [Problem(None, None, "Berkas tidak berisi rekening (hanya baris judul).")]
    index = {c: names.index(c) for c in COLUMNS}
    subs: dict[str, SubActivity] = {}
    programs: dict[str, tuple[int, str]] = {}
    activities: dict[str, tuple[int, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for number, cells in raw_rows[1:]:
        value = {c: (cells[i] if i < len(cells) else "") for c, i in index.items()}
        found: list[Problem] = []
        program = _code(value, "kode_program", PROGRAM_RE, "X.XX.XX, mis. 4.01.01", found, number)
        activity = _code(value, "kode_kegiatan", ACTIVITY_RE, "X.XX.XX.X.XX, mis. 4.01.01.2.06", found, number)
        sub_code = _code(value, "kode_sub_kegiatan", SUB_ACTIVITY_RE, "X.XX.XX.X.XX.XXXX, mis. 4.01.01.2.06.0004",
                         found, number)
        account = _code(value, "kode_rekening", ACCOUNT_RE, "5.X.XX.XX.XX.XXXX, mis. 5.1.02.01.01.0024", found,
                        number)
        codes_ok = not found
        if codes_ok and not activity.startswith(program + "."):
            found.append(Problem(number, "kode_kegiatan", f"Kode kegiatan {activity} bukan bagian dari program "
                                                          f"{program}."))
        if codes_ok and not sub_code.startswith(activity + "."):
            found.append(Problem(number, "kode_sub_kegiatan", f"Kode sub kegiatan {sub_code} bukan bagian dari "
                                                              f"kegiatan {activity}."))
        program_name = _name(value, "nama_program", found, number)
        activity_name = _name(value, "nama_kegiatan", found, number)
        sub_name = _name(value, "nama_sub_kegiatan", found, number)
        account_name = _name(value, "nama_rekening", found, number)
        nip = value["nip_pptk"].replace(" ", "").lstrip("'")
        if not nip:
            found.append(Problem(number, "nip_pptk", REQUIRED))
        elif not NIP_RE.match(nip):
            found.append(Problem(number, "nip_pptk", f"'{value['nip_pptk']}' bukan NIP (18 angka)."))
        ceiling = parse_amount(value["pagu"])
        if not value["pagu"]:
            found.append(Problem(number, "pagu", REQUIRED))
        elif ceiling is None:
            found.append(Problem(number, "pagu", NOT_INTEGER))
        plan: list[int] = []
        for month in MONTHS:
            amount = parse_amount(value[month]) if value[month] else 0
            if amount is None:
                found.append(Problem(number, month, NOT_INTEGER))
            plan.append(amount or 0)
        if ceiling is not None and len(plan) == 12 and not any(p.column in MONTHS for p in found) \
                and sum(plan) != ceiling:
            found.append(Problem(number, CASH_PLAN, f"Jumlah anggaran kas jan-des {format_rupiah(sum(plan))} "
                                                    f"tidak sama dengan pagu {format_rupiah(ceiling)}."))
        if codes_ok:
            if program in programs:
                _same(found, number, "nama_program", "program", program, *programs[program], program_name)
            if activity in activities:
                _same(found, number, "nama_kegiatan", "kegiatan", activity, *activities[activity], activity_name)
            sub = subs.get(sub_code)
            if sub is not None:
                _same(found, number, "nama_sub_kegiatan", "sub kegiatan", sub_code, sub.row, sub.name, sub_name)
                _same(found, number, "nip_pptk", "sub kegiatan", sub_code, sub.row, sub.pptk_nip, nip)
                if sub.activity_code != activity:
                    found.append(Problem(number, "kode_kegiatan", f"Sub kegiatan {sub_code} pada baris {sub.row} "
                                                                  f"berada di kegiatan {sub.activity_code}."))
            if (sub_code, account) in seen:
                found.append(Problem(number, "kode_rekening", f"Rekening {account} pada sub kegiatan {sub_code} "
                                                              f"sudah ada di baris {seen[(sub_code, account)]}."))
        problems.extend(found)
        if found:
            continue
        programs.setdefault(program, (number, program_name))
        activities.setdefault(activity, (number, activity_name))
        sub = subs.get(sub_code)
        if sub is None:
            sub = subs[sub_code] = SubActivity(number, program, program_name, activity, activity_name, sub_code,
                                               sub_name, nip)
        seen[(sub_code, account)] = number
        sub.allocations.append(Allocation(number, account, account_name, ceiling, plan))
    return list(subs.values()), problems


def refuse(problems: list[Problem], what: str = "Berkas DPA"):
    """Raise ``ValidationFailed``: one field per problem (``baris_<n>.<kolom>``), all in ``extra['rows']``."""
    fields: dict[str, str] = {"file": f"{what} ditolak: {len(problems)} masalah; tidak ada yang dimuat."}
    for p in problems[:MAX_REPORTED]:
        key = f"baris_{p.row}" if p.row is not None else "berkas"
        if p.column:
            key += f".{p.column}"
        fields[key] = (fields[key] + " " if key in fields else "") + p.problem
    raise ValidationFailed(f"{what} ditolak.", fields,
                           {"rows": [p.to_dict() for p in problems[:MAX_REPORTED]], "count": len(problems)})


def check_file(content: bytes) -> tuple[list[SubActivity], list[Problem]]:
    """(the file's good sub-kegiatan, its problems): ``ValidationFailed`` at once for a file that cannot be read
    as a table at all (empty, too large, neither CSV nor XLSX)."""
    if not content:
        raise ValidationFailed("Berkas DPA kosong.", {"file": "Berkas kosong."})
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed("Berkas DPA terlalu besar.", {"file": "Maksimal 5 MB."})
    return validate_rows(read_rows(content))


def parse_file(content: bytes) -> list[SubActivity]:
    """The sub-kegiatan of a DPA file, or ``ValidationFailed`` naming every problem (nothing is stored)."""
    subs, problems = check_file(content)
    if problems:
        refuse(problems)
    return subs
