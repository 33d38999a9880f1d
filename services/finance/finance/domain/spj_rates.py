"""The reference data small purchases are judged by, as admin changes it: the versioned tax-rate table and the
evidence tiers (the seeded defaults are ``finance/data/tax_rates.csv`` and ``evidence_tiers.csv``, read by
``spj_settings``).

**Tax rates** come in versions: every row of a version has the same ``valid_from`` and a version holds each
tax kind (PPN, PPh 21, PPh 22, PPh 23) exactly once, so the version in force on a day is the one with the
latest ``valid_from`` not after it (``taxes.rates_in_force`` picks the same rows, per kind). A new version is
loaded from a CSV/XLSX in the seeded file's columns (``COLUMNS``; lines before the header starting with ``#``
are comments) and only ever *added*: it never replaces or edits an older one — SPJ already saved keep their
amounts, and purchases dated before the new ``valid_from`` keep the old rates. A ``valid_from`` that already
exists is refused (409). A bad file is refused whole with one message per row and column
(``budget_file.refuse``: fields ``baris_<n>.<kolom>``).

==================  ========================================================================================
kind                ``ppn``, ``pph21``, ``pph22`` or ``pph23`` (each once)
valid_from          the day the version applies from, ``YYYY-MM-DD`` (the same on every row)
categories          the item categories it applies to: ``barang``, ``jasa``, ``honorarium``, separated by ``|``
rate_bp             the rate in basis points (150 = 1,5%), 0 … 10000
rate_bp_no_npwp     the rate for a vendor without NPWP, 0 … 10000
threshold           applies when the purchase's subtotal of those categories is above it; blank or 0: any
pkp_only            ``1``: only a PKP vendor (blank/``0``: any vendor)
verified            ``1``: checked against the regulation in force (blank/``0``: a default to verify)
note                free text (the regulation), at most 500 characters
==================  ========================================================================================

**Evidence tiers** (``update_tiers``) are replaced whole: the ordered list, each with its kind (nota, kuitansi,
spk, kontrak — each at most once), label and ``up_to`` (the largest total it covers, inclusive). The first
tier starts at Rp0 and each next one where the previous ends (``from_amount`` = previous ``up_to`` + 1): the
``up_to`` amounts are strictly increasing and positive, and only the last tier has none (no upper limit).
Purchases already saved keep the evidence kind they were given; drafts take the new tiers when saved again.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from situok_kit import uploads
from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.letters.formatting import format_rupiah
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import SpjEvidenceTier, SpjTaxRate
from ..models.purchases import EVIDENCE_KINDS
from . import budget_file, taxes
from .access import Caller
from .budget_file import Problem

COLUMNS = ("kind", "valid_from", "categories", "rate_bp", "rate_bp_no_npwp", "threshold", "pkp_only", "verified",
           "note")
REQUIRED_COLUMNS = COLUMNS[:5]
MAX_FILE_BYTES = 512 * 1024
MAX_READ_ROWS = 200
MAX_RATE_BP = 10_000
NOTE_MAX = 500
LABEL_MAX = 120
WHAT = "Berkas tarif pajak"
_DAY_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00)?)?$")
_FLAGS = {"": False, "0": False, "1": True, "tidak": False, "ya": True, "false": False, "true": True}


@dataclass(frozen=True)
class RateRow:
    """One good row of a rate file (its spreadsheet row number kept for messages)."""

    row: int
    kind: str
    valid_from: date
    categories: tuple[str, ...]
    rate_bp: int
    rate_bp_no_npwp: int
    threshold: int
    pkp_only: bool
    verified: bool
    note: str

    def values(self) -> dict:
        return {"kind": self.kind, "valid_from": self.valid_from, "categories": "|".join(self.categories),
                "rate_bp": self.rate_bp, "rate_bp_no_npwp": self.rate_bp_no_npwp, "threshold": self.threshold,
                "pkp_only": self.pkp_only, "verified": self.verified, "note": self.note or None}


# -- the rate file (pure) ----------------------------------------------------------------------------------

def _rate(raw: str, column: str, number: int, problems: list) -> int | None:
    if not raw:
        problems.append(Problem(number, column, budget_file.REQUIRED))
        return None
    if not raw.isdigit() or int(raw) > MAX_RATE_BP:
        problems.append(Problem(number, column, f"'{raw}' bukan tarif yang valid: bilangan bulat basis poin 0 sampai "
                                                f"{MAX_RATE_BP} (150 = 1,5%)."))
        return None
    return int(raw)


def _day(raw: str, number: int, problems: list) -> date | None:
    match = _DAY_RE.match(raw)
    if not raw:
        problems.append(Problem(number, "valid_from", budget_file.REQUIRED))
        return None
    try:
        if match:
            return date.fromisoformat(match.group(1))
    except ValueError:
        pass
    problems.append(Problem(number, "valid_from", f"'{raw}' bukan tanggal yang valid (bentuk YYYY-MM-DD)."))
    return None


def _categories(raw: str, number: int, problems: list) -> tuple[str, ...] | None:
    names = [c.strip().lower() for c in raw.split("|")] if raw else []
    if not [n for n in names if n]:
        problems.append(Problem(number, "categories", budget_file.REQUIRED))
        return None
    unknown = [n for n in names if n not in taxes.CATEGORIES]
    if unknown:
        problems.append(Problem(number, "categories", f"Jenis belanja tidak dikenal: {', '.join(unknown)} (pilihan: "
                                                      f"{', '.join(taxes.CATEGORIES)}, dipisah '|')."))
        return None
    if len(set(names)) != len(names):
        problems.append(Problem(number, "categories", "Jenis belanja tidak boleh berulang."))
        return None
    return tuple(names)


def _flag(raw: str, column: str, number: int, problems: list) -> bool:
    if raw.lower() not in _FLAGS:
        problems.append(Problem(number, column, f"'{raw}' harus 1 (ya) atau 0 (tidak)."))
        return False
    return _FLAGS[raw.lower()]


def validate_rate_rows(raw_rows: list[tuple[int, list[str]]]) -> tuple[list[RateRow], list[Problem]]:
    """The rows of a rate file (``(row number, cells)`` as ``uploads.read_table`` gives them) checked: the good
    rows and every problem. Rows before the header whose first cell starts with ``#`` are comments; blank rows
    are skipped."""
    rows = [(n, cells) for n, cells in raw_rows if any(c.strip() for c in cells)]
    while rows and rows[0][1] and rows[0][1][0].strip().startswith("#"):
        rows.pop(0)
    if not rows:
        return [], [Problem(None, None, "Berkas tidak memuat tabel tarif (baris judul kolom dan isinya).")]
    header_row, header_cells = rows[0]
    header = [re.sub(r"[\s\-]+", "_", c.strip().lower()) for c in header_cells]
    problems: list[Problem] = [Problem(header_row, column, "Kolom wajib tidak ada.")
                               for column in REQUIRED_COLUMNS if column not in header]
    if problems:
        return [], problems
    position = {name: header.index(name) for name in COLUMNS if name in header}
    found: list[RateRow] = []
    seen: dict[str, int] = {}
    first_day: tuple[int, date] | None = None
    for number, cells in rows[1:]:
        value = {name: (cells[i].strip() if i < len(cells) else "") for name, i in position.items()}
        value.update({name: "" for name in COLUMNS if name not in value})
        before = len(problems)
        kind = value["kind"].lower()
        if not kind:
            problems.append(Problem(number, "kind", budget_file.REQUIRED))
        elif kind not in taxes.TAX_KINDS:
            problems.append(Problem(number, "kind", f"Jenis pajak '{value['kind']}' tidak dikenal (pilihan: "
                                                    f"{', '.join(taxes.TAX_KINDS)})."))
        elif kind in seen:
            problems.append(Problem(number, "kind", f"Jenis pajak {kind} sudah ada di baris {seen[kind]}: satu "
                                                    f"versi memuat setiap jenis satu kali."))
        else:
            seen[kind] = number
        valid_from = _day(value["valid_from"], number, problems)
        if valid_from is not None:
            if first_day is None:
                first_day = (number, valid_from)
            elif valid_from != first_day[1]:
                problems.append(Problem(number, "valid_from", f"Satu berkas adalah satu versi: valid_from harus sama "
                                                              f"dengan baris {first_day[0]} "
                                                              f"({first_day[1].isoformat()})."))
        categories = _categories(value["categories"], number, problems)
        rate_bp = _rate(value["rate_bp"], "rate_bp", number, problems)
        rate_no_npwp = _rate(value["rate_bp_no_npwp"], "rate_bp_no_npwp", number, problems)
        threshold = 0
        if value["threshold"]:
            parsed = budget_file.parse_amount(value["threshold"])
            if parsed is None:
                problems.append(Problem(number, "threshold", budget_file.NOT_INTEGER))
            threshold = parsed or 0
        pkp_only = _flag(value["pkp_only"], "pkp_only", number, problems)
        verified = _flag(value["verified"], "verified", number, problems)
        note = " ".join(value["note"].split())
        if len(note) > NOTE_MAX:
            problems.append(Problem(number, "note", f"Paling banyak {NOTE_MAX} karakter."))
        if len(problems) == before:
            found.append(RateRow(number, kind, valid_from, categories, rate_bp, rate_no_npwp, threshold, pkp_only,
                                 verified, note))
    if len(rows) == 1:
        problems.append(Problem(None, None, "Berkas tidak memuat baris tarif."))
    else:
        missing = [kind for kind in taxes.TAX_KINDS if kind not in seen]
        if missing:
            problems.append(Problem(None, "kind", f"Satu versi harus memuat setiap jenis pajak; tidak ada: "
                                                  f"{', '.join(missing)}."))
    return found, problems


def parse_rate_file(content: bytes) -> list[RateRow]:
    """The rows of a new rate version from a CSV/XLSX, or ``ValidationFailed`` naming every problem."""
    if not content:
        raise ValidationFailed(f"{WHAT} kosong.", {"file": "Berkas kosong."})
    if len(content) > MAX_FILE_BYTES:
        raise ValidationFailed(f"{WHAT} terlalu besar.", {"file": "Maksimal 512 KB."})
    rows, problems = validate_rate_rows(uploads.read_table(content, MAX_READ_ROWS, WHAT))
    if problems:
        budget_file.refuse(problems, WHAT)
    return rows


# -- the rate table (database) -----------------------------------------------------------------------------

def rate_versions(session: Session, today: date) -> dict:
    """Every version of the rate table, newest ``valid_from`` first, and the one in force ``today``
    (``SpjTaxRatesOut``)."""
    by_day: dict[date, list[SpjTaxRate]] = {}
    order = {kind: i for i, kind in enumerate(taxes.TAX_KINDS)}
    for rate in session.scalars(select(SpjTaxRate).order_by(SpjTaxRate.valid_from.desc())):
        by_day.setdefault(rate.valid_from, []).append(rate)
    in_force = next((day for day in by_day if day <= today), None)
    versions = [{"valid_from": day, "in_force": day == in_force, "upcoming": day > today,
                 "rates": [_rate_out(r) for r in sorted(rows, key=lambda r: order.get(r.kind, 99))]}
                for day, rows in by_day.items()]
    return {"today": today, "in_force": in_force, "versions": versions}


def _rate_out(rate: SpjTaxRate) -> dict:
    return {"kind": rate.kind, "kind_label": taxes.TAX_LABELS.get(rate.kind, rate.kind),
            "categories": rate.categories.split("|"), "rate_bp": rate.rate_bp,
            "rate_bp_no_npwp": rate.rate_bp_no_npwp, "rate_label": taxes.rate_label(rate.rate_bp),
            "rate_label_no_npwp": taxes.rate_label(rate.rate_bp_no_npwp), "threshold": rate.threshold,
            "pkp_only": rate.pkp_only, "verified": rate.verified, "note": rate.note}


def load_rate_version(session: Session, caller: Caller, rows: list[RateRow]) -> date:
    """Admin: add ``rows`` (from ``parse_rate_file``) as a new version; 409 when its ``valid_from`` exists. Older
    versions are never touched."""
    caller.require(caller.is_admin, "Hanya admin yang dapat memuat tarif pajak.")
    valid_from = rows[0].valid_from
    exists = Conflict(f"Versi tarif pajak yang berlaku mulai {valid_from.isoformat()} sudah ada; versi lama tidak "
                      f"diubah — muat versi dengan tanggal berlaku lain.", {"valid_from": "Tanggal berlaku sudah ada."})
    if session.scalar(select(SpjTaxRate.id).where(SpjTaxRate.valid_from == valid_from).limit(1)) is not None:
        raise exists
    for row in rows:
        inserted = session.execute(pg_insert(SpjTaxRate).values(**row.values())
                                   .on_conflict_do_nothing(index_elements=["kind", "valid_from"])).rowcount
        if not inserted:  # a concurrent load of the same day won: the transaction rolls back whole
            raise exists
    session.flush()
    return valid_from


# -- evidence tiers ----------------------------------------------------------------------------------------

def tiers_out(session: Session) -> list[dict]:
    """The evidence tiers in order, each with the amount it starts from (``SpjEvidenceTierOut``)."""
    out, start = [], 0
    for tier in session.scalars(select(SpjEvidenceTier).order_by(SpjEvidenceTier.position)):
        out.append({"kind": tier.kind, "label": tier.label, "from_amount": start, "up_to": tier.up_to,
                    "verified": tier.verified})
        start = (tier.up_to or 0) + 1
    return out


def tier_problems(tiers: list[dict]) -> dict[str, str]:
    """Why an ordered tier list (``kind``, ``label``, ``up_to``) cannot be stored, per field
    (``tiers.<i>.<field>``); empty when it can. Pure."""
    problems: dict[str, str] = {}
    if not tiers:
        return {"tiers": "Isi paling sedikit satu tingkat bukti."}
    seen: dict[str, int] = {}
    previous = 0
    for i, tier in enumerate(tiers):
        where = f"tiers.{i}"
        kind = tier.get("kind")
        if kind not in EVIDENCE_KINDS:
            problems[f"{where}.kind"] = f"Jenis bukti harus salah satu dari: {', '.join(EVIDENCE_KINDS)}."
        elif kind in seen:
            problems[f"{where}.kind"] = f"Jenis bukti {kind} sudah ada pada tingkat ke-{seen[kind] + 1}."
        else:
            seen[kind] = i
        if not (tier.get("label") or "").strip():
            problems[f"{where}.label"] = "Nama bukti wajib diisi."
        up_to = tier.get("up_to")
        last = i == len(tiers) - 1
        if last and up_to is not None:
            problems[f"{where}.up_to"] = "Tingkat terakhir tidak berbatas atas (kosongkan up_to)."
        elif not last and up_to is None:
            problems[f"{where}.up_to"] = "Hanya tingkat terakhir yang boleh tanpa batas atas."
        elif up_to is not None:
            if up_to <= previous:
                problems[f"{where}.up_to"] = (f"Batas atas harus lebih besar dari {format_rupiah(previous)} "
                                              f"(tingkat pertama mulai Rp0; batas naik tegas)." if i else
                                              "Batas atas tingkat pertama (mulai Rp0) harus lebih dari 0.")
            previous = max(previous, up_to)
    return problems


def update_tiers(session: Session, caller: Caller, tiers: list[dict]) -> list[dict]:
    """Admin: replace the evidence tiers whole (422 naming each bad field; nothing changed then)."""
    caller.require(caller.is_admin, "Hanya admin yang dapat mengubah tingkat bukti.")
    problems = tier_problems(tiers)
    if problems:
        raise ValidationFailed("Tingkat bukti ditolak; tidak ada yang diubah.", problems)
    session.execute(select(SpjEvidenceTier.kind).with_for_update()).all()
    session.execute(delete(SpjEvidenceTier))
    for position, tier in enumerate(tiers):
        session.add(SpjEvidenceTier(kind=tier["kind"], label=tier["label"].strip(), position=position,
                                    up_to=tier["up_to"], verified=bool(tier.get("verified"))))
    session.flush()
    return tiers_out(session)
