"""booking: the requests area's changes — ``ix_bookings_requester_start``: a requester's bookings by start (my
bookings, keyset on ``(starts_at, id)``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_bookings_requester_start", "bookings", ["requester_employee_id", "starts_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_bookings_requester_start", table_name="bookings")
