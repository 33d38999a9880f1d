"""Drivers on leave: kepegawaian's approved leave of every employee (``kepegawaian_leaves``,
``situok_kit.leave_copy``), from ``kepegawaian.leave_approved`` / ``leave_cancelled`` — a driver on it is not
free those days (``booking.domain.driver_leave``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op
from situok_kit import leave_copy

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    leave_copy.create_table(op)


def downgrade() -> None:
    leave_copy.drop_table(op)
