"""The bureau's settings for assets (``models.AssetSettings``, one row): the name printed on labels, the
pengurus barang who signs, the numbering templates of the letters (Permendagri 83/2022: ``000.2.1`` inventory
— BAST and the stock-taking berita acara; ``000.2.4`` disposal of regional assets) and the depreciation period.
Seeded with the Biro Umum dan Protokol's values; an admin changes them."""
from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import AssetSettings

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
