"""Rate tables (tarif perjalanan dinas), versioned by fiscal year.

One flat file format for CSV and XLSX, one amount per row (header names are case-insensitive):

=========  =====================================================================================
jenis      ``uang_harian`` | ``penginapan`` | ``transport`` | ``representasi``
provinsi   province code (``51``) or name (``Bali``); required except for ``representasi``
kategori   ``luar_kota`` | ``dalam_kota_8jam`` | ``diklat``; for ``uang_harian`` and ``representasi``
tingkat    travel-cost level ``A``…``F``; for ``penginapan`` and ``representasi``
jumlah     integer rupiah, e.g. ``480000``, ``480.000`` or ``Rp480.000``
=========  =====================================================================================

A file must give ``uang_harian`` for every province and category and ``penginapan`` for every province and
level. A bad file is refused whole, with one message per problem (row, column, problem); a good one replaces
that year's table in one transaction.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from situok_kit import uploads
from situok_kit.errors import ValidationFailed
from situok_kit.exports import safe_row
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from ..models import CATEGORIES, COST_LEVELS, RATE_KINDS, Rate, RateTable, utcnow
from .common import PROVINCES, View, read_data

COLUMNS = ("jenis", "provinsi", "kategori", "tingkat", "jumlah")
ALIASES = {"kind": "jenis", "province": "provinsi", "province_code": "provinsi", "kode_provinsi": "provinsi",
           "category": "kategori", "cost_level": "tingkat", "level": "tingkat", "amount": "jumlah"}
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
#: Rows read from a file at most (blank ones included) before it is refused unread.
MAX_READ_ROWS = 2 * MAX_ROWS + 1
MAX_AMOUNT = 1_000_000_000
MAX_REPORTED = 200
_PROVINCE_BY_NAME = {name.casefold(): code for code, name in PROVINCES.items()}
_AMOUNT_RE = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,00?)?$", re.IGNORECASE)

NEEDS = {
    "uang_harian": ("provinsi", "kategori"),
    "penginapan": ("provinsi", "tingkat"),
    "transport": ("provinsi",),
    "representasi": ("kategori", "tingkat"),
}


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str | None
    problem: str

    def to_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "problem": self.problem}


# -- reading files -------------------------------------------------------------------------

def read_rows(filename: str, content: bytes) -> list[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) of a rate file, CSV or XLSX (``situok_kit.uploads.read_table``:
    the kind from the content, never the name; an XLSX opened with limits)."""
    return uploads.read_table(content, MAX_READ_ROWS, "Berkas tarif")


def parse_amount(raw: str) -> int | None:
    match = _AMOUNT_RE.match(raw.replace(" ", "") if raw.lower().startswith("rp") else raw)
    if not match:
        return None
    value = int(match.group(1).replace(".", ""))
    return value if value <= MAX_AMOUNT else None


def _province(raw: str) -> str | None:
    if raw in PROVINCES:
        return raw
    return _PROVINCE_BY_NAME.get(raw.casefold())


def validate_rows(raw_rows: list[tuple[int, list[str]]]) -> tuple[list[dict], list[Problem]]:
    """Check every row; returns (rate rows, problems). Rows are only usable when problems is empty."""
    problems: list[Problem] = []
    raw_rows = [(n, cells) for n, cells in raw_rows if any(c for c in cells)]
    if not raw_rows:
        return [], [Problem(None, None, "Berkas kosong.")]
    header_row, header = raw_rows[0]
    names = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        return [], [Problem(header_row, c, "Kolom tidak ada pada baris judul.") for c in missing]
    index = {c: names.index(c) for c in COLUMNS}
    if len(raw_rows) - 1 > MAX_ROWS:
        return [], [Problem(None, None, f"Terlalu banyak baris (maksimal {MAX_ROWS}).")]
    rows: list[dict] = []
    seen: dict[tuple, int] = {}
    for number, cells in raw_rows[1:]:
        value = {c: (cells[i] if i < len(cells) else "") for c, i in index.items()}
        row_problems: list[Problem] = []
        kind = value["jenis"].lower()
        if kind not in RATE_KINDS:
            row_problems.append(Problem(number, "jenis", f"Harus salah satu dari: {', '.join(RATE_KINDS)}."))
            needs: tuple = ()
        else:
            needs = NEEDS[kind]
        province = category = level = None
        if kind in RATE_KINDS:
            if "provinsi" in needs:
                province = _province(value["provinsi"])
                if not value["provinsi"]:
                    row_problems.append(Problem(number, "provinsi", "Wajib diisi untuk jenis ini."))
                elif province is None:
                    row_problems.append(Problem(number, "provinsi", f"Provinsi '{value['provinsi']}' tidak dikenal; "
                                                                    "pakai kode Kemendagri (mis. 51) atau nama."))
            elif value["provinsi"]:
                row_problems.append(Problem(number, "provinsi", "Harus kosong untuk jenis ini."))
            if "kategori" in needs:
                category = value["kategori"].lower()
                if category not in CATEGORIES:
                    row_problems.append(Problem(number, "kategori",
                                                f"Harus salah satu dari: {', '.join(CATEGORIES)}."))
            elif value["kategori"]:
                row_problems.append(Problem(number, "kategori", "Harus kosong untuk jenis ini."))
            if "tingkat" in needs:
                level = value["tingkat"].upper()
                if level not in COST_LEVELS:
                    row_problems.append(Problem(number, "tingkat", "Harus salah satu dari: A, B, C, D, E, F."))
            elif value["tingkat"]:
                row_problems.append(Problem(number, "tingkat", "Harus kosong untuk jenis ini."))
        amount = parse_amount(value["jumlah"])
        if not value["jumlah"]:
            row_problems.append(Problem(number, "jumlah", "Wajib diisi."))
        elif amount is None:
            row_problems.append(Problem(number, "jumlah", f"'{value['jumlah']}' bukan jumlah rupiah bulat "
                                                          "yang valid (mis. 480000 atau 480.000)."))
        if not row_problems:
            key = (kind, province, category, level)
            if key in seen:
                row_problems.append(Problem(number, "jenis", f"Tarif yang sama sudah ada di baris {seen[key]}."))
            else:
                seen[key] = number
                rows.append({"kind": kind, "province_code": province, "category": category, "cost_level": level,
                             "amount": amount})
        problems.extend(row_problems)
    if not problems:
        for code, name in PROVINCES.items():
            for category in CATEGORIES:
                if ("uang_harian", code, category, None) not in seen:
                    problems.append(Problem(None, "jenis", f"uang_harian {category} untuk provinsi {code} ({name}) "
                                                           "tidak ada."))
            for level in COST_LEVELS:
                if ("penginapan", code, None, level) not in seen:
                    problems.append(Problem(None, "jenis", f"penginapan tingkat {level} untuk provinsi {code} "
                                                           f"({name}) tidak ada."))
    return rows, problems


def refuse(problems: list[Problem]):
    """Raise ``ValidationFailed``: one field per problem (``baris_<n>.<kolom>``), all in ``extra['rows']``."""
    fields: dict[str, str] = {"file": f"Berkas tarif ditolak: {len(problems)} masalah; tidak ada yang dimuat."}
    for p in problems[:MAX_REPORTED]:
        key = f"baris_{p.row}" if p.row is not None else "berkas"
        if p.column:
            key += f".{p.column}"
        fields[key] = (fields[key] + " " if key in fields else "") + p.problem
    raise ValidationFailed("Berkas tarif ditolak.", fields,
                           {"rows": [p.to_dict() for p in problems[:MAX_REPORTED]], "count": len(problems)})


def parse_file(filename: str, content: bytes) -> list[dict]:
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed("Berkas tarif terlalu besar.", {"file": "Maksimal 2 MB."})
    if not content:
        raise ValidationFailed("Berkas tarif kosong.", {"file": "Berkas kosong."})
    rows, problems = validate_rows(read_rows(filename, content))
    if problems:
        refuse(problems)
    return rows


# -- defaults --------------------------------------------------------------------------------

def default_rows() -> list[dict]:
    """The seeded table (travel/data/provinces.csv + representation.csv): Bali's daily allowances are from
    DOMAIN.md, every other amount is a default to verify."""
    rows: list[dict] = []
    for p in read_data("provinces.csv"):
        note = None if p["verified"] == "1" else "default; verify"
        for category in CATEGORIES:
            rows.append({"kind": "uang_harian", "province_code": p["code"], "category": category, "cost_level": None,
                         "amount": int(p[category]), "note": note})
        for level in COST_LEVELS:
            rows.append({"kind": "penginapan", "province_code": p["code"], "category": None, "cost_level": level,
                         "amount": int(p[f"penginapan_{level}"]), "note": "default; verify"})
        rows.append({"kind": "transport", "province_code": p["code"], "category": None, "cost_level": None,
                     "amount": int(p["transport"]), "note": "default; verify"})
    for r in read_data("representation.csv"):
        rows.append({"kind": "representasi", "province_code": None, "category": r["category"],
                     "cost_level": r["cost_level"], "amount": int(r["amount"]), "note": "default; verify"})
    return rows


def rows_to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(safe_row([r["kind"], r["province_code"] or "", r["category"] or "", r["cost_level"] or "",
                                  r["amount"]]))
    return out.getvalue()


# -- storing and reading ---------------------------------------------------------------------

def store_table(session: Session, fiscal_year: int, rows: list[dict], source: str, loaded_by: str | None,
                is_default: bool = False) -> RateTable:
    """Replace ``fiscal_year``'s table by ``rows`` (in the caller's transaction: all or nothing)."""
    table = session.get(RateTable, fiscal_year, with_for_update=True)
    if table is None:
        table = RateTable(fiscal_year=fiscal_year)
        session.add(table)
    table.source, table.is_default, table.row_count = source, is_default, len(rows)
    table.loaded_by, table.loaded_at = loaded_by, utcnow()
    session.flush()
    session.execute(delete(Rate).where(Rate.fiscal_year == fiscal_year))
    session.execute(insert(Rate), [{"fiscal_year": fiscal_year, "note": r.get("note"), **{
        k: r[k] for k in ("kind", "province_code", "category", "cost_level", "amount")}} for r in rows])
    return table


def list_tables(session: Session) -> list[RateTable]:
    return list(session.scalars(select(RateTable).order_by(RateTable.fiscal_year.desc())))


def get_table(session: Session, fiscal_year: int) -> View:
    """A year's table with its rates (``RateTableDetailOut``)."""
    table = session.get(RateTable, fiscal_year)
    if table is None:
        raise ValidationFailed("Tabel tarif belum ada.",
                               {"fiscal_year": f"Tabel tarif tahun {fiscal_year} belum dimuat."})
    return View(table, rates=list(session.scalars(
        select(Rate).where(Rate.fiscal_year == fiscal_year)
        .order_by(Rate.kind, Rate.province_code, Rate.category, Rate.cost_level))))


@dataclass(frozen=True)
class RateBook:
    """One year's amounts, keyed (kind, province, category, level)."""

    fiscal_year: int
    amounts: dict

    def get(self, kind: str, province: str | None = None, category: str | None = None,
            level: str | None = None) -> int | None:
        return self.amounts.get((kind, province, category, level))


def rate_book(session: Session, fiscal_year: int) -> RateBook:
    if session.get(RateTable, fiscal_year) is None:
        raise ValidationFailed("Tabel tarif belum ada.", {
            "departure_date": f"Tabel tarif perjalanan dinas tahun {fiscal_year} belum dimuat; hubungi admin."})
    rows = session.execute(select(Rate.kind, Rate.province_code, Rate.category, Rate.cost_level, Rate.amount)
                           .where(Rate.fiscal_year == fiscal_year))
    return RateBook(fiscal_year, {(k, p, c, lv): a for k, p, c, lv, a in rows})
