"""The kit's record of RPC writes (``rpc_requests``): a redelivered request is answered from it, not run again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op
from situok_kit import replies

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    replies.create_table(op)


def downgrade() -> None:
    replies.drop_table(op)
