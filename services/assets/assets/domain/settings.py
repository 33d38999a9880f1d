"""The bureau's settings for assets (``models.AssetSettings``, one row): the name printed on labels, the
pengurus barang who signs, the numbering templates of the letters (Permendagri 83/2022: ``000.2.1`` inventory
— BAST and the stock-taking berita acara; ``000.2.4`` disposal of regional assets) and the depreciation period.
Seeded with the Biro Umum dan Protokol's values; an admin changes them."""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from situok_kit.numbering import template_problem
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import AssetSettings, RosterEmployee

DEFAULTS = {
    "bureau_name": "Biro Umum dan Protokol Setda Provinsi Bali",
    "unit_code": "B.Umum",
    "handover_number_template": "000.2.1/{seq}/{unit}/{year}",
    "census_number_template": "000.2.1/{seq}/{unit}/{year}",
    "disposal_number_template": "000.2.4/{seq}/{unit}/{year}",
    "depreciation_period": "year",
}
#: What a template may use besides ``{seq}``.
PLACEHOLDERS = ("seq", "year", "month_roman", "unit")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def seed(session: Session) -> dict:
    created = session.execute(pg_insert(AssetSettings).values(id=1, **DEFAULTS).on_conflict_do_nothing()
                              .returning(AssetSettings.id)).all()
    return {"settings": len(created)}


def current(session: Session) -> AssetSettings:
    settings = session.get(AssetSettings, 1)
    if settings is None:  # a database migrated but not seeded: the defaults, stored
        seed(session)
        settings = session.get(AssetSettings, 1)
    return settings


def render_number(template: str, seq: int, year: int, month: int, unit: str) -> str:
    return template.format(seq=seq, year=year, month_roman=ROMAN[month - 1], unit=unit)


#: The templates an admin may change, by field.
TEMPLATE_FIELDS = ("handover_number_template", "census_number_template", "disposal_number_template")


def pengurus_barang(session: Session) -> RosterEmployee | None:
    """Who signs as pengurus barang: the employee the settings name, else the active employee on the roster
    copy whose position is "Pengurus Barang" (the seeded bureau's), else None (the signature block is left
    for a name by hand)."""
    settings = current(session)
    if settings.pengurus_barang_employee_id:
        named = session.get(RosterEmployee, settings.pengurus_barang_employee_id)
        if named is not None:
            return named
    return session.scalars(select(RosterEmployee).where(
        RosterEmployee.active.is_(True), func.lower(RosterEmployee.position_name) == "pengurus barang")
        .order_by(RosterEmployee.id).limit(1)).first()


def view(session: Session) -> dict:
    """``AssetSettingsOut``: the settings with the pengurus barang who signs now."""
    settings = current(session)
    signer = pengurus_barang(session)
    return {**{c.name: getattr(settings, c.name) for c in AssetSettings.__table__.columns if c.name != "id"},
            "pengurus_barang_name": signer.name if signer else None,
            "pengurus_barang_nip": signer.nip if signer else None}


def update(session: Session, changes: dict, username: str) -> dict:
    """Change the settings (admin): templates must number (``{seq}``, only the known placeholders); the
    pengurus barang must be an active employee on the roster copy. 422 naming each bad field, nothing saved."""
    problems = {}
    for name in TEMPLATE_FIELDS:
        if name in changes:
            problem = template_problem(changes[name], lambda t: render_number(t, 1, 2026, 1, "B.Umum"),
                                       PLACEHOLDERS)
            if problem:
                problems[name] = problem
    employee_id = changes.get("pengurus_barang_employee_id")
    if employee_id is not None:
        employee = session.get(RosterEmployee, employee_id)
        if employee is None or not employee.active:
            problems["pengurus_barang_employee_id"] = "Pegawai tidak ditemukan atau tidak aktif."
    if problems:
        raise ValidationFailed("Pengaturan tidak valid.", fields=problems)
    settings = session.get(AssetSettings, 1, with_for_update=True) or current(session)
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.updated_by = username
    session.flush()
    return view(session)
