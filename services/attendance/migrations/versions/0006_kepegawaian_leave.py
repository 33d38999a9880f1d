"""Approved leave of non-ASN staff from kepegawaian (``kepegawaian.leave_approved`` / ``leave_cancelled``):
the days show ``cuti`` (``attendance.domain.kepegawaian_leave``; the table is ``situok_kit.leave_copy``'s).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op
from situok_kit import leave_copy

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    leave_copy.create_table(op)


def downgrade() -> None:
    leave_copy.drop_table(op)
