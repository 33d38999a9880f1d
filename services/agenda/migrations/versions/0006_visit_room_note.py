"""A visit's staff-only note about its room (``room_note``): the booking cancelled in booking by someone else
(``domain.room_notices``), kept apart from the decision note the visitor reads.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('visit_requests', sa.Column('room_note', sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column('visit_requests', 'room_note')
