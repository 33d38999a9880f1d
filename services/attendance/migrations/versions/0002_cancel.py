"""Leave requests and corrections may be cancelled: status ``cancelled``, who cancelled, when and why.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ('leave_requests', 'corrections')
STATUSES = "status IN ('submitted', 'approved', 'rejected', 'cancelled')"
CANCELLED_HAS_TIME = "(status = 'cancelled') = (cancelled_at IS NOT NULL)"


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('cancelled_by_employee_id', sa.Integer(), nullable=True))
        op.add_column(table, sa.Column('cancelled_by_username', sa.String(length=100), nullable=True))
        op.add_column(table, sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column('cancel_reason', sa.Text(), nullable=True))
        op.drop_constraint(op.f(f'ck_{table}_status'), table, type_='check')
        op.create_check_constraint(op.f(f'ck_{table}_status'), table, STATUSES)
        op.create_check_constraint(op.f(f'ck_{table}_cancelled'), table, CANCELLED_HAS_TIME)


def downgrade() -> None:
    """Refused while a cancelled row exists: the history is never deleted."""
    bind = op.get_bind()
    for table in TABLES:
        if bind.execute(sa.text(f"SELECT 1 FROM {table} WHERE status = 'cancelled' LIMIT 1")).first():
            raise RuntimeError(f"{table} holds cancelled rows; 0001 cannot represent them")
    for table in TABLES:
        op.drop_constraint(op.f(f'ck_{table}_cancelled'), table, type_='check')
        op.drop_constraint(op.f(f'ck_{table}_status'), table, type_='check')
        op.create_check_constraint(op.f(f'ck_{table}_status'), table,
                                   "status IN ('submitted', 'approved', 'rejected')")
        for column in ('cancel_reason', 'cancelled_at', 'cancelled_by_username', 'cancelled_by_employee_id'):
            op.drop_column(table, column)
