"""Check-in load for ``make bench``: many distinct non-ASN employees, one check-in each.

A real check-in happens once per employee per day (a repeat is an idempotent
replay), so the benchmark puts synthetic non-ASN employees straight into
attendance's roster and mints each an access token with the stack's JWT secret;
the locust users take the next unused token for every request. The request is
the phone's: ``POST /api/v1/attendance/check-in`` with coordinates inside the
seeded office's geofence.
"""
from __future__ import annotations

from pathlib import Path

from situok_kit.identity import Identity
from situok_kit.tokens import issue_access_token
from sqlalchemy import create_engine, text

FIRST_ID = 5_000_000
#: Renon office (attendance's seeded location), a few metres off the point.
LATITUDE, LONGITUDE = -8.67255, 115.23345


def prepare(attendance_db_url: str, jwt_secret: str, count: int, out: Path) -> Path:
    """Insert ``count`` synthetic non-ASN employees and write one token per line to ``out``."""
    engine = create_engine(attendance_db_url)
    with engine.begin() as connection:
        unit_id = connection.scalar(text("SELECT id FROM roster_units ORDER BY id LIMIT 1")) or 1
        connection.execute(text(
            "INSERT INTO roster_employees (id, name, full_name, nik, employment_type, unit_id, unit_name, active) "
            "SELECT :first + g, 'Beban ' || g, 'Beban ' || g, lpad(g::text, 16, '5'), 'non_asn', :unit, 'Bench', true "
            "FROM generate_series(1, :n) g ON CONFLICT (id) DO NOTHING"),
            {"first": FIRST_ID, "unit": unit_id, "n": count})
    engine.dispose()
    tokens = []
    for offset in range(1, count + 1):
        employee_id = FIRST_ID + offset
        identity = Identity(account_id=employee_id, username=f"beban{offset}", employee_id=employee_id,
                            unit_id=unit_id, roles=frozenset({"pegawai"}), session_id=f"bench-{offset}")
        token, _ = issue_access_token(identity, f"bench-{offset}", ttl=3600, secret=jwt_secret)
        tokens.append(token)
    out.write_text("\n".join(tokens))
    return out
