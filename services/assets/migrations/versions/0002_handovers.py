"""assets: the handovers area's tables — handovers (BAST: handover, return, move) and their items.

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


def upgrade() -> None:
    op.create_table('handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('number', sa.String(length=120), nullable=False),
    sa.Column('handover_date', sa.Date(), nullable=False),
    sa.Column('to_room_id', sa.Integer(), nullable=True),
    sa.Column('to_holder_employee_id', sa.Integer(), nullable=True),
    sa.Column('first_party_employee_id', sa.Integer(), nullable=True),
    sa.Column('second_party_employee_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.CheckConstraint("kind IN ('handover', 'return', 'move')", name=op.f('ck_handovers_kind')),
    sa.ForeignKeyConstraint(['to_room_id'], ['rooms.id'], name=op.f('fk_handovers_to_room_id_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers')),
    sa.UniqueConstraint('number', name=op.f('uq_handovers_number'))
    )
    op.create_index('ix_handovers_handover_date_id', 'handovers', ['handover_date', 'id'], unique=False)
    op.create_index(op.f('ix_handovers_to_holder_employee_id'), 'handovers', ['to_holder_employee_id'],
                    unique=False)
    op.create_index(op.f('ix_handovers_to_room_id'), 'handovers', ['to_room_id'], unique=False)
    op.create_table('handover_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('from_room_id', sa.Integer(), nullable=True),
    sa.Column('from_holder_employee_id', sa.Integer(), nullable=True),
    sa.Column('condition_before', sa.String(length=2), nullable=False),
    sa.Column('condition', sa.String(length=2), nullable=False),
    sa.Column('quantity', sa.SmallInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_handover_items_quantity')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_handover_items_asset_id_assets')),
    sa.ForeignKeyConstraint(['handover_id'], ['handovers.id'],
                            name=op.f('fk_handover_items_handover_id_handovers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handover_items')),
    sa.UniqueConstraint('handover_id', 'asset_id', name=op.f('uq_handover_items_handover_id_asset_id'))
    )
    op.create_index(op.f('ix_handover_items_asset_id'), 'handover_items', ['asset_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_handover_items_asset_id'), table_name='handover_items')
    op.drop_table('handover_items')
    op.drop_index(op.f('ix_handovers_to_room_id'), table_name='handovers')
    op.drop_index(op.f('ix_handovers_to_holder_employee_id'), table_name='handovers')
    op.drop_index('ix_handovers_handover_date_id', table_name='handovers')
    op.drop_table('handovers')
