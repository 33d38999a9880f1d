"""booking: the guests area's tables — guest requests from the public portal (tracking codes, the per-client limit).

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
    op.create_table('guest_requests',
    sa.Column('booking_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('agency', sa.String(length=200), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('client_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('char_length(code_hash) = 64', name=op.f('ck_guest_requests_code_hash')),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], name=op.f('fk_guest_requests_booking_id_bookings'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('booking_id', name=op.f('pk_guest_requests'))
    )
    op.create_index(op.f('ix_guest_requests_code_hash'), 'guest_requests', ['code_hash'], unique=True)
    op.create_index(op.f('ix_guest_requests_client_hash_created_at'), 'guest_requests', ['client_hash', 'created_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_guest_requests_client_hash_created_at'), table_name='guest_requests')
    op.drop_index(op.f('ix_guest_requests_code_hash'), table_name='guest_requests')
    op.drop_table('guest_requests')
