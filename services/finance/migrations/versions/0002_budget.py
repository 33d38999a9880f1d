"""finance: budget — the cash plan of an allocation is an array of 12 amounts (the tables themselves are in
0001).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

CASH_PLAN_CHECK = ("CASE WHEN jsonb_typeof(cash_plan) = 'array' THEN jsonb_array_length(cash_plan) = 12 "
                   "ELSE false END")


def upgrade() -> None:
    op.create_check_constraint(op.f('ck_budget_allocations_cash_plan'), 'budget_allocations', CASH_PLAN_CHECK)


def downgrade() -> None:
    op.drop_constraint(op.f('ck_budget_allocations_cash_plan'), 'budget_allocations', type_='check')
