"""Check-in honesty: why a record is in the review queue, and the settings of the rules that put it there
(``attendance.domain.honesty``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

#: The rules' settings as first installed (an existing row is kept): accuracy worse than 100 m and an implied
#: speed above 150 km/h are flagged; no mandatory selfie and no office networks until the admin sets them.
SETTINGS = {"geofence_max_accuracy_m": 100, "selfie_required": False, "office_networks": [], "max_speed_kmh": 150}


def upgrade() -> None:
    for side in ('check_in', 'check_out'):
        op.add_column('attendance_records', sa.Column(f'{side}_review_reasons', sa.String(length=200), nullable=True))
    op.execute("UPDATE attendance_records SET check_in_review_reasons = 'luar_area' WHERE check_in_review")
    op.execute("UPDATE attendance_records SET check_out_review_reasons = 'luar_area' WHERE check_out_review")
    bind = op.get_bind()
    for key, value in SETTINGS.items():
        bind.execute(sa.text("INSERT INTO settings (key, value) VALUES (:key, CAST(:value AS jsonb)) "
                             "ON CONFLICT (key) DO NOTHING"), {"key": key, "value": json.dumps({"v": value})})


def downgrade() -> None:
    keys = ", ".join(f"'{key}'" for key in SETTINGS)          # the constants above, never input
    op.execute(f"DELETE FROM settings WHERE key IN ({keys})")
    for side in ('check_out', 'check_in'):
        op.drop_column('attendance_records', f'{side}_review_reasons')
