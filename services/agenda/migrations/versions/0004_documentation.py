"""agenda's documentation area: who submitted a documentation (separation of duties at approval).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('documentations', sa.Column('submitted_by_employee_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('documentations', 'submitted_by_employee_id')
