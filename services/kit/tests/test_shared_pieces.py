"""The pieces services used to copy and now take from the kit: the kit's tables in a first migration, the
file field, the WITA clock."""
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from marshmallow import ValidationError
from situok_kit import clock
from situok_kit.migrate import first_kit_tables
from situok_kit.schema import Base64Bytes
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex, CreateTable

PINNED = Path(__file__).with_name("kit_tables.sql")


def kit_ddl() -> str:
    dialect = postgresql.dialect()
    statements = []
    for table in first_kit_tables(roster=True):
        statements.append(str(CreateTable(table).compile(dialect=dialect)))
        indexes = sorted(table.indexes, key=lambda index: index.name)
        statements += [str(CreateIndex(index).compile(dialect=dialect)) for index in indexes]
    return "\n".join(line.rstrip() for s in statements for line in s.strip().splitlines() + [""])


def test_kit_tables_are_what_the_first_migrations_created():
    """Every service's 0001 migration creates these tables from the kit's definitions
    (``create_kit_tables``). Changing one changes history: write a migration in every service that has the
    table, and only then update kit_tables.sql."""
    assert kit_ddl() == PINNED.read_text()


def test_base64_bytes_limits_and_options():
    small = type("Small", (Base64Bytes,), {"max_bytes": 2048, "unit": "KB", "data_url": True})
    assert Base64Bytes().deserialize("aGVsbG8=") == b"hello"
    assert small().deserialize("data:text/plain;base64,aGVsbG8=") == b"hello"
    with pytest.raises(ValidationError, match="base64"):
        Base64Bytes().deserialize("data:text/plain;base64,aGVsbG8=")      # no data URL unless the field says
    with pytest.raises(ValidationError, match=r"maksimal 2 KB"):
        small().deserialize("QUFB" * 700)
    with pytest.raises(ValidationError, match=r"maksimal 5 MB"):
        Base64Bytes().deserialize("QUFB" * 2_000_000)
    with pytest.raises(ValidationError, match="gambar"):
        Base64Bytes(image=True).deserialize("aGVsbG8=")
    assert Base64Bytes(image=True).deserialize("iVBORw0KGgo=").startswith(b"\x89PNG")
    assert Base64Bytes()._serialize(b"hello", "f", None) == "aGVsbG8="


def test_wita_days_and_times():
    late_evening = datetime(2026, 3, 3, 15, 59, tzinfo=UTC)                  # 23:59 WITA
    assert clock.wita_day(late_evening) == date(2026, 3, 3)
    assert clock.wita_day(datetime(2026, 3, 3, 16, 1, tzinfo=UTC)) == date(2026, 3, 4)
    assert clock.wita_time(late_evening) == time(23, 59)
    assert clock.hhmm(late_evening) == "23.59" and clock.hhmm(None) is None
    assert clock.at_wita(date(2026, 3, 4), time(7, 30)) == datetime(2026, 3, 3, 23, 30, tzinfo=UTC)
