"""booking: the feeds area's tables — iCal feed tokens.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('feed_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('char_length(token_hash) = 64', name=op.f('ck_feed_tokens_token_hash')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_tokens'))
    )
    op.create_index(op.f('ix_feed_tokens_account_id'), 'feed_tokens', ['account_id'], unique=True)
    op.create_index(op.f('ix_feed_tokens_token_hash'), 'feed_tokens', ['token_hash'], unique=True)


def downgrade() -> None:
    op.drop_index(op.f('ix_feed_tokens_token_hash'), table_name='feed_tokens')
    op.drop_index(op.f('ix_feed_tokens_account_id'), table_name='feed_tokens')
    op.drop_table('feed_tokens')
