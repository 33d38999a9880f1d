"""The budget (DPA) of a fiscal year: loading it (the original and its amendments), reading it (versions, the
dashboard, the lines), and the functions other areas charge spending through.

**For other areas** (these names and signatures are kept; each reads the *active* version of the line's year):

* ``line_for_charge(session, line_id) -> BudgetLine``: the line an SPJ may be charged to. 404 when it does
  not exist; 422 (field ``budget_line_id``) when its year has no active version or the line is not in the
  active version (an amendment dropped it, or it was never loaded).
* ``pptk_of(session, line) -> int | None``: the roster employee id of the PPTK of the line's sub-kegiatan in
  the active version (``None`` when the version names none or the line is not in it).
* ``lines_of_pptk(session, employee_id, fiscal_year) -> list[BudgetLine]``: the lines of the active version
  whose sub-kegiatan has that PPTK, ordered by sub-kegiatan code then account code.
* ``find_line(session, fiscal_year, sub_activity_code, account_code) -> BudgetLine | None``: the line of a
  (sub-kegiatan, account) in the active version of that year; ``None`` when there is none.

The running amounts (``committed``, ``realized``) are changed only by ``domain.ledger``; this module sets
``ceiling`` (from the active version) and never touches the other two.

**Loading** (``load``): one file format for the original (murni, version 0) and each amendment (perubahan,
version 1, 2 …), parsed by ``budget_file`` (pure). A load writes a new ``BudgetVersion`` (the previous active
one becomes ``superseded`` and keeps its sub-kegiatan and allocations), its sub-kegiatan and allocations, and
updates each ``BudgetLine.ceiling`` (lines are stable per (year, sub-kegiatan code, account code), created
the first time they appear). A line of the previous version absent from the new one keeps its row with
ceiling 0 (a line that was in no version — written by hand — is left as it is). Refused, naming
the row: a ceiling below the line's committed + realized, and dropping a line that has amounts. A refused file
changes nothing (the caller's transaction is rolled back); a loaded one publishes ``finance.budget_loaded``.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from situok_contracts.events import Finance
from situok_kit import pagination, uploads
from situok_kit.db import advisory_lock
from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.letters.formatting import format_rupiah
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..models import BudgetAllocation, BudgetLine, BudgetSubActivity, BudgetVersion, RosterEmployee, utcnow
from ..schemas.budget import BudgetLoadedEvent
from . import budget_file
from .budget_file import Problem

#: The example DPA shipped with finance (README, tests, a first installation).
EXAMPLE_FILE = Path(__file__).resolve().parent.parent / "data" / "dpa_contoh_2026.csv"
_loaded_event = BudgetLoadedEvent()
NO_ACTIVE_VERSION = "DPA tahun {year} belum dimuat."
NOT_IN_VERSION = "Rekening {account} pada sub kegiatan {sub} tidak ada pada DPA tahun {year} yang berlaku."


# -- for other areas ---------------------------------------------------------------------------------------

def active_version(session: Session, fiscal_year: int) -> BudgetVersion | None:
    """The active version of ``fiscal_year`` (at most one: a partial unique index), or ``None``."""
    return session.scalar(select(BudgetVersion).where(BudgetVersion.fiscal_year == fiscal_year,
                                                      BudgetVersion.status == "active"))


def _active_allocation(session: Session, line: BudgetLine):
    """(allocation, sub-kegiatan) of ``line`` in its year's active version, or ``None``."""
    return session.execute(
        select(BudgetAllocation, BudgetSubActivity)
        .join(BudgetSubActivity, BudgetSubActivity.id == BudgetAllocation.sub_activity_id)
        .join(BudgetVersion, BudgetVersion.id == BudgetSubActivity.version_id)
        .where(BudgetAllocation.line_id == line.id, BudgetVersion.status == "active")).first()


def line_for_charge(session: Session, line_id: int) -> BudgetLine:
    """The budget line an SPJ may be charged to: 404 when missing; 422 (``budget_line_id``) when its year
    has no active version or the line is not in the active version."""
    line = session.get(BudgetLine, line_id)
    if line is None:
        raise NotFound("Baris anggaran tidak ditemukan.")
    if active_version(session, line.fiscal_year) is None:
        message = NO_ACTIVE_VERSION.format(year=line.fiscal_year)
        raise ValidationFailed(message, {"budget_line_id": message + " Hubungi admin."})
    if _active_allocation(session, line) is None:
        message = NOT_IN_VERSION.format(account=line.account_code, sub=line.sub_activity_code,
                                        year=line.fiscal_year)
        raise ValidationFailed(message, {"budget_line_id": message})
    return line


def pptk_of(session: Session, line: BudgetLine) -> int | None:
    """The roster employee id of the PPTK of ``line``'s sub-kegiatan in the active version, or ``None``."""
    found = _active_allocation(session, line)
    return None if found is None else found[1].pptk_employee_id


def lines_of_pptk(session: Session, employee_id: int, fiscal_year: int) -> list[BudgetLine]:
    """The lines of ``fiscal_year``'s active version whose sub-kegiatan has ``employee_id`` as PPTK."""
    return list(session.scalars(
        select(BudgetLine)
        .join(BudgetAllocation, BudgetAllocation.line_id == BudgetLine.id)
        .join(BudgetSubActivity, BudgetSubActivity.id == BudgetAllocation.sub_activity_id)
        .join(BudgetVersion, BudgetVersion.id == BudgetSubActivity.version_id)
        .where(BudgetVersion.fiscal_year == fiscal_year, BudgetVersion.status == "active",
               BudgetSubActivity.pptk_employee_id == employee_id)
        .order_by(BudgetLine.sub_activity_code, BudgetLine.account_code)))


def find_line(session: Session, fiscal_year: int, sub_activity_code: str, account_code: str) -> BudgetLine | None:
    """The line of (sub-kegiatan, account) in ``fiscal_year``'s active version, or ``None``."""
    return session.scalar(
        select(BudgetLine)
        .join(BudgetAllocation, BudgetAllocation.line_id == BudgetLine.id)
        .join(BudgetSubActivity, BudgetSubActivity.id == BudgetAllocation.sub_activity_id)
        .join(BudgetVersion, BudgetVersion.id == BudgetSubActivity.version_id)
        .where(BudgetLine.fiscal_year == fiscal_year, BudgetLine.sub_activity_code == sub_activity_code.strip(),
               BudgetLine.account_code == account_code.strip(), BudgetVersion.status == "active"))


# -- loading -----------------------------------------------------------------------------------------------

#: pg advisory lock key base: one load per fiscal year at a time (key + year).
_LOCK_KEY = 7_340_010_000


def default_label(fiscal_year: int, number: int) -> str:
    return f"DPA murni {fiscal_year}" if number == 0 else f"DPA perubahan ke-{number} {fiscal_year}"


def _resolve_pptk(session: Session, subs: list[budget_file.SubActivity], problems: list[Problem]) -> dict[str, int]:
    """NIP -> roster employee id of every sub-kegiatan's PPTK; an unknown or inactive NIP is a problem on the
    sub-kegiatan's first row."""
    nips = {sub.pptk_nip for sub in subs}
    found = {nip: (employee_id, active) for employee_id, nip, active in session.execute(
        select(RosterEmployee.id, RosterEmployee.nip, RosterEmployee.active).where(RosterEmployee.nip.in_(nips)))}
    resolved = {}
    for sub in subs:
        employee = found.get(sub.pptk_nip)
        if employee is None:
            problems.append(Problem(sub.row, "nip_pptk", f"Pegawai dengan NIP {sub.pptk_nip} tidak ada pada daftar "
                                                         "pegawai."))
        elif not employee[1]:
            problems.append(Problem(sub.row, "nip_pptk", f"Pegawai dengan NIP {sub.pptk_nip} tidak aktif."))
        else:
            resolved[sub.pptk_nip] = employee[0]
    return resolved


def _amount_problems(subs: list[budget_file.SubActivity], lines: dict[tuple[str, str], BudgetLine],
                     in_previous: set[int], problems: list[Problem]) -> None:
    """An amendment may not set a ceiling below what a line has committed + realized, nor drop such a line
    (one of the previous active version, ``in_previous``: line ids)."""
    kept = set()
    for sub in subs:
        for a in sub.allocations:
            kept.add((sub.code, a.account_code))
            line = lines.get((sub.code, a.account_code))
            if line is not None and a.ceiling < line.committed + line.realized:
                problems.append(Problem(a.row, "pagu", (
                    f"Pagu {format_rupiah(a.ceiling)} lebih kecil dari yang sudah terpakai pada rekening ini "
                    f"({format_rupiah(line.committed + line.realized)}: terikat {format_rupiah(line.committed)}, "
                    f"terealisasi {format_rupiah(line.realized)}).")))
    for (sub_code, account_code), line in sorted(lines.items()):
        used = line.committed + line.realized
        if (sub_code, account_code) not in kept and line.id in in_previous and used > 0:
            problems.append(Problem(None, "kode_rekening", (
                f"Rekening {account_code} pada sub kegiatan {sub_code} tidak boleh dihapus: sudah terpakai "
                f"{format_rupiah(used)}; cantumkan dengan pagu paling sedikit {format_rupiah(used)}.")))


def load(tx, fiscal_year: int, filename: str, content: bytes, label: str | None, loaded_by: str) -> dict:
    """Load a DPA file as ``fiscal_year``'s next version (0 when it has none yet) and make it the active one;
    ``ValidationFailed`` naming every bad row and column, and nothing changed, otherwise. Returns the
    version's summary (``BudgetVersionOut``) and publishes ``finance.budget_loaded``."""
    subs, problems = budget_file.check_file(content)
    session = tx.session
    advisory_lock(session, _LOCK_KEY + fiscal_year)
    pptk = _resolve_pptk(session, subs, problems)
    lines = {(line.sub_activity_code, line.account_code): line for line in session.scalars(
        select(BudgetLine).where(BudgetLine.fiscal_year == fiscal_year)
        .order_by(BudgetLine.id).with_for_update())}
    previous = active_version(session, fiscal_year)
    in_previous = set() if previous is None else set(session.scalars(
        select(BudgetAllocation.line_id)
        .join(BudgetSubActivity, BudgetSubActivity.id == BudgetAllocation.sub_activity_id)
        .where(BudgetSubActivity.version_id == previous.id)))
    _amount_problems(subs, lines, in_previous, problems)
    if problems:
        budget_file.refuse(problems)

    last = session.scalar(select(func.max(BudgetVersion.number)).where(BudgetVersion.fiscal_year == fiscal_year))
    number = 0 if last is None else last + 1
    if previous is not None:
        previous.status = "superseded"
        session.flush()
    version = BudgetVersion(fiscal_year=fiscal_year, number=number, status="active",
                            label=(label or default_label(fiscal_year, number))[:120],
                            filename=uploads.safe_filename(filename)[:255],
                            sha256=hashlib.sha256(content).hexdigest(), loaded_by=loaded_by[:100],
                            loaded_at=utcnow())
    session.add(version)
    session.flush()
    new_lines: list[BudgetLine] = []
    for sub in subs:
        for a in sub.allocations:
            line = lines.get((sub.code, a.account_code))
            if line is None:
                line = lines[(sub.code, a.account_code)] = BudgetLine(
                    fiscal_year=fiscal_year, sub_activity_code=sub.code, account_code=a.account_code,
                    account_name=a.account_name, ceiling=a.ceiling, committed=0, realized=0)
                new_lines.append(line)
            else:
                line.ceiling, line.account_name = a.ceiling, a.account_name
    kept = {(sub.code, a.account_code) for sub in subs for a in sub.allocations}
    for key, line in lines.items():
        if key not in kept and line.id in in_previous:
            line.ceiling = 0
    rows = [BudgetSubActivity(version_id=version.id, program_code=sub.program_code, program_name=sub.program_name,
                              activity_code=sub.activity_code, activity_name=sub.activity_name, code=sub.code,
                              name=sub.name, pptk_employee_id=pptk[sub.pptk_nip]) for sub in subs]
    session.add_all(new_lines + rows)
    session.flush()  # one batch of INSERT … RETURNING per table: the new lines' and sub-kegiatan's ids
    session.add_all([BudgetAllocation(sub_activity_id=row.id, line_id=lines[(sub.code, a.account_code)].id,
                                      account_code=a.account_code, account_name=a.account_name,
                                      ceiling=a.ceiling, cash_plan=a.cash_plan)
                     for sub, row in zip(subs, rows, strict=True) for a in sub.allocations])
    session.flush()
    summary = version_summary(session, version, previous_number=None if previous is None else previous.number)
    tx.emit(Finance.BUDGET_LOADED, _loaded_event.dump(summary))
    return summary


def example_file() -> bytes:
    """The example DPA (``finance/data/dpa_contoh_2026.csv``): Biro Umum dan Protokol, a few sub-kegiatan."""
    return EXAMPLE_FILE.read_bytes()


# -- reading -----------------------------------------------------------------------------------------------

def _totals(ceiling: int = 0, committed: int = 0, realized: int = 0) -> dict:
    return {"ceiling": ceiling, "committed": committed, "realized": realized,
            "remaining": ceiling - committed - realized}


def _version_totals(session: Session, version_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """version id -> (sub-kegiatan, accounts, total ceiling of its allocations)."""
    if not version_ids:
        return {}
    rows = session.execute(
        select(BudgetSubActivity.version_id, func.count(func.distinct(BudgetSubActivity.id)),
               func.count(BudgetAllocation.id), func.coalesce(func.sum(BudgetAllocation.ceiling), 0))
        .outerjoin(BudgetAllocation, BudgetAllocation.sub_activity_id == BudgetSubActivity.id)
        .where(BudgetSubActivity.version_id.in_(version_ids))
        .group_by(BudgetSubActivity.version_id))
    return {vid: (int(subs), int(accounts), int(total)) for vid, subs, accounts, total in rows}


def _summary(version: BudgetVersion, counts: tuple[int, int, int], previous_number: int | None = None) -> dict:
    subs, accounts, total = counts
    return {"id": version.id, "fiscal_year": version.fiscal_year, "number": version.number,
            "label": version.label, "status": version.status, "filename": version.filename,
            "sha256": version.sha256, "loaded_by": version.loaded_by, "loaded_at": version.loaded_at,
            "sub_activity_count": subs, "account_count": accounts, "total_ceiling": total,
            "previous_number": previous_number}


def version_summary(session: Session, version: BudgetVersion, previous_number: int | None = None) -> dict:
    """``BudgetVersionOut`` of one version."""
    return _summary(version, _version_totals(session, [version.id]).get(version.id, (0, 0, 0)), previous_number)


def list_versions(session: Session, fiscal_year: int) -> list[dict]:
    """Every version of ``fiscal_year``, newest first (``BudgetVersionOut``)."""
    versions = list(session.scalars(select(BudgetVersion).where(BudgetVersion.fiscal_year == fiscal_year)
                                    .order_by(BudgetVersion.number.desc())))
    counts = _version_totals(session, [v.id for v in versions])
    return [_summary(v, counts.get(v.id, (0, 0, 0))) for v in versions]


def _active_rows():
    """Subquery: each line's allocation in its year's active version, with the sub-kegiatan and PPTK."""
    return (select(BudgetAllocation.line_id, BudgetAllocation.cash_plan, BudgetSubActivity.name.label("sub_name"),
                   BudgetSubActivity.pptk_employee_id, RosterEmployee.name.label("pptk_name"),
                   RosterEmployee.nip.label("pptk_nip"))
            .join(BudgetSubActivity, BudgetSubActivity.id == BudgetAllocation.sub_activity_id)
            .join(BudgetVersion, BudgetVersion.id == BudgetSubActivity.version_id)
            .outerjoin(RosterEmployee, RosterEmployee.id == BudgetSubActivity.pptk_employee_id)
            .where(BudgetVersion.status == "active")
            .subquery("active"))


def _line_view(line: BudgetLine, active) -> dict:
    in_version = active is not None and active.line_id is not None
    return {"id": line.id, "fiscal_year": line.fiscal_year, "sub_activity_code": line.sub_activity_code,
            "sub_activity_name": active.sub_name if in_version else None,
            "account_code": line.account_code, "account_name": line.account_name,
            **_totals(line.ceiling, line.committed, line.realized),
            "cash_plan": list(active.cash_plan) if in_version else None,
            "pptk_employee_id": active.pptk_employee_id if in_version else None,
            "pptk_name": active.pptk_name if in_version else None,
            "pptk_nip": active.pptk_nip if in_version else None,
            "in_active_version": in_version}


def overview(session: Session, fiscal_year: int) -> dict:
    """The budget dashboard of ``fiscal_year`` (``BudgetOverviewOut``): the active version, each sub-kegiatan
    with its accounts (ceiling, committed, realized, remaining from ``BudgetLine``; the cash plan; the PPTK)
    and its totals, and the year's totals. A year with no DPA loaded answers no version and no sub-kegiatan."""
    version = active_version(session, fiscal_year)
    if version is None:
        return {"fiscal_year": fiscal_year, "version": None, "sub_activities": [], "totals": _totals()}
    rows = session.execute(
        select(BudgetSubActivity, BudgetAllocation, BudgetLine, RosterEmployee.name, RosterEmployee.nip)
        .join(BudgetAllocation, BudgetAllocation.sub_activity_id == BudgetSubActivity.id)
        .join(BudgetLine, BudgetLine.id == BudgetAllocation.line_id)
        .outerjoin(RosterEmployee, RosterEmployee.id == BudgetSubActivity.pptk_employee_id)
        .where(BudgetSubActivity.version_id == version.id)
        .order_by(BudgetSubActivity.code, BudgetAllocation.account_code))
    subs: dict[int, dict] = {}
    year = _totals()
    for sub, allocation, line, pptk_name, pptk_nip in rows:
        entry = subs.get(sub.id)
        if entry is None:
            entry = subs[sub.id] = {
                "program_code": sub.program_code, "program_name": sub.program_name,
                "activity_code": sub.activity_code, "activity_name": sub.activity_name, "code": sub.code,
                "name": sub.name, "pptk_employee_id": sub.pptk_employee_id, "pptk_name": pptk_name,
                "pptk_nip": pptk_nip, "accounts": [], "cash_plan": [0] * 12, "totals": _totals()}
        entry["accounts"].append({
            "line_id": line.id, "account_code": line.account_code, "account_name": line.account_name,
            **_totals(line.ceiling, line.committed, line.realized), "cash_plan": list(allocation.cash_plan)})
        entry["cash_plan"] = [a + b for a, b in zip(entry["cash_plan"], allocation.cash_plan, strict=True)]
        for total in (entry["totals"], year):
            total["ceiling"] += line.ceiling
            total["committed"] += line.committed
            total["realized"] += line.realized
            total["remaining"] += line.remaining
    return {"fiscal_year": fiscal_year, "version": version_summary(session, version),
            "sub_activities": list(subs.values()), "totals": year}


def list_lines(session: Session, filters: dict, cursor: str | None, limit: int) -> dict:
    """A page of budget lines (``BudgetLinePage``), ordered by year, sub-kegiatan code, account code (unique,
    so the keyset walks each line once). Filters: ``fiscal_year``, ``sub_activity_code`` (exact),
    ``account_code`` (a prefix, e.g. ``5.1.02``), ``q`` (text in the codes, the account's or sub-kegiatan's
    name), ``include_inactive`` (also lines not in their year's active version; off by default)."""
    active = _active_rows()
    query = select(BudgetLine, active).outerjoin(active, active.c.line_id == BudgetLine.id)
    if filters.get("fiscal_year") is not None:
        query = query.where(BudgetLine.fiscal_year == filters["fiscal_year"])
    if filters.get("sub_activity_code"):
        query = query.where(BudgetLine.sub_activity_code == filters["sub_activity_code"])
    if filters.get("account_code"):
        query = query.where(BudgetLine.account_code.startswith(filters["account_code"], autoescape=True))
    if filters.get("q"):
        pattern = "%" + filters["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(BudgetLine.account_name.ilike(pattern), BudgetLine.account_code.ilike(pattern),
                                BudgetLine.sub_activity_code.ilike(pattern), active.c.sub_name.ilike(pattern)))
    if not filters.get("include_inactive"):
        query = query.where(active.c.line_id.is_not(None))
    after = pagination.decode_cursor(cursor, 3)
    if after is not None:
        year, sub_code, account_code = after
        if not isinstance(year, int) or not isinstance(sub_code, str) or not isinstance(account_code, str):
            raise ValidationFailed("Cursor tidak valid.", {"cursor": "Cursor tidak dikenali; mulai dari halaman "
                                                                     "pertama."})
        query = query.where(or_(
            BudgetLine.fiscal_year > year,
            and_(BudgetLine.fiscal_year == year, BudgetLine.sub_activity_code > sub_code),
            and_(BudgetLine.fiscal_year == year, BudgetLine.sub_activity_code == sub_code,
                 BudgetLine.account_code > account_code)))
    rows = session.execute(query.order_by(BudgetLine.fiscal_year, BudgetLine.sub_activity_code,
                                          BudgetLine.account_code).limit(limit + 1)).all()
    items = [_line_view(row[0], row) for row in rows]
    return pagination.page(items, limit, lambda item: [item["fiscal_year"], item["sub_activity_code"],
                                                       item["account_code"]])


def get_line(session: Session, line_id: int) -> dict:
    """One budget line (``BudgetLineDetailOut``): its amounts, its place in the active version, and its
    ceiling in every version of its year (``history``, newest first). 404 when missing."""
    line = session.get(BudgetLine, line_id)
    if line is None:
        raise NotFound("Baris anggaran tidak ditemukan.")
    active = _active_rows()
    row = session.execute(select(active).where(active.c.line_id == line.id)).first()
    view = _line_view(line, row)
    view["history"] = [{"version_number": number, "version_label": label, "version_status": status,
                        "ceiling": ceiling, "cash_plan": list(plan)} for number, label, status, ceiling, plan in
                       session.execute(
        select(BudgetVersion.number, BudgetVersion.label, BudgetVersion.status, BudgetAllocation.ceiling,
               BudgetAllocation.cash_plan)
        .join(BudgetSubActivity, BudgetSubActivity.version_id == BudgetVersion.id)
        .join(BudgetAllocation, BudgetAllocation.sub_activity_id == BudgetSubActivity.id)
        .where(BudgetAllocation.line_id == line.id).order_by(BudgetVersion.number.desc()))]
    return view
