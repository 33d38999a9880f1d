"""travel: employees' approved leave (``kepegawaian_leaves``, ``situok_kit.leave_copy``), from kepegawaian's
``leave_approved`` / ``leave_cancelled`` events — no SPT over it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op
from situok_kit import leave_copy

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    leave_copy.create_table(op)


def downgrade() -> None:
    leave_copy.drop_table(op)
