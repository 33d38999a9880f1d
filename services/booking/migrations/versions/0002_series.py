"""booking: the series area's changes — ``booking_series.except_dates`` (dates the rule gives that the series
leaves out).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('booking_series', sa.Column('except_dates', postgresql.ARRAY(sa.Date()),
                                              server_default=sa.text("'{}'"), nullable=False))


def downgrade() -> None:
    op.drop_column('booking_series', 'except_dates')
