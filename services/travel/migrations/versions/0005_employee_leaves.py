"""travel: employees' approved leave (``employee_leaves``), from kepegawaian's ``leave_approved`` /
``leave_cancelled`` events — no SPT over it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "employee_leaves",
        sa.Column("leave_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("employee_id", sa.Integer(), nullable=False),
        sa.Column("employee_name", sa.String(length=300), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=True),
        sa.Column("kind_name", sa.String(length=120), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('approved', 'cancelled')", name=op.f("ck_employee_leaves_status")),
        sa.CheckConstraint("start_date <= end_date", name=op.f("ck_employee_leaves_dates")),
        sa.PrimaryKeyConstraint("leave_id", name=op.f("pk_employee_leaves")),
    )
    op.create_index(op.f("ix_employee_leaves_employee_id_start_date"), "employee_leaves",
                    ["employee_id", "start_date"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_employee_leaves_employee_id_start_date"), table_name="employee_leaves")
    op.drop_table("employee_leaves")
