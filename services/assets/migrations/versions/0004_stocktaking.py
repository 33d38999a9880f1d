"""assets: the stocktaking area's tables (campaigns, their rooms, checks and findings).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stocktaking_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=15), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'open'"), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_by_account_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=True),
    sa.Column('closed_early', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('ba_number', sa.String(length=120), nullable=True),
    sa.Column('ba_date', sa.Date(), nullable=True),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('applied_by', sa.String(length=100), nullable=True),
    sa.Column('applied_summary', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'{}'::jsonb"), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('inventarisasi', 'sensus')", name=op.f('ck_stocktaking_campaigns_kind')),
    sa.CheckConstraint("status IN ('open', 'closed', 'applied', 'cancelled')", name=op.f('ck_stocktaking_campaigns_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktaking_campaigns'))
    )
    op.create_index('ix_stocktaking_campaigns_status_id', 'stocktaking_campaigns', ['status', 'id'], unique=False)
    op.create_table('stocktaking_rooms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('checker_employee_id', sa.Integer(), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['campaign_id'], ['stocktaking_campaigns.id'], name=op.f('fk_stocktaking_rooms_campaign_id_stocktaking_campaigns')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_stocktaking_rooms_room_id_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktaking_rooms')),
    sa.UniqueConstraint('campaign_id', 'room_id', name=op.f('uq_stocktaking_rooms_campaign_id_room_id'))
    )
    op.create_index(op.f('ix_stocktaking_rooms_checker_employee_id'), 'stocktaking_rooms', ['checker_employee_id'], unique=False)
    op.create_table('stocktaking_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('campaign_room_id', sa.Integer(), nullable=False),
    sa.Column('expected_room_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.String(length=16), nullable=False),
    sa.Column('condition', sa.String(length=2), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('checked_by', sa.String(length=100), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("result IN ('found', 'not_found', 'found_elsewhere')", name=op.f('ck_stocktaking_checks_result')),
    sa.CheckConstraint("condition IS NULL OR condition IN ('B', 'KB', 'RB')", name=op.f('ck_stocktaking_checks_condition')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_stocktaking_checks_asset_id_assets')),
    sa.ForeignKeyConstraint(['campaign_id'], ['stocktaking_campaigns.id'], name=op.f('fk_stocktaking_checks_campaign_id_stocktaking_campaigns')),
    sa.ForeignKeyConstraint(['campaign_room_id'], ['stocktaking_rooms.id'], name=op.f('fk_stocktaking_checks_campaign_room_id_stocktaking_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktaking_checks')),
    sa.UniqueConstraint('campaign_id', 'asset_id', name=op.f('uq_stocktaking_checks_campaign_id_asset_id'))
    )
    op.create_index(op.f('ix_stocktaking_checks_campaign_room_id'), 'stocktaking_checks', ['campaign_room_id'], unique=False)
    op.create_table('stocktaking_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('campaign_room_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('suggested_code', sa.String(length=30), nullable=True),
    sa.Column('condition', sa.String(length=2), nullable=False),
    sa.Column('quantity', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('registered_code', sa.String(length=30), nullable=True),
    sa.Column('registered_value', sa.BigInteger(), nullable=True),
    sa.Column('asset_ids', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.CheckConstraint("condition IN ('B', 'KB', 'RB')", name=op.f('ck_stocktaking_findings_condition')),
    sa.CheckConstraint('quantity BETWEEN 1 AND 1000', name=op.f('ck_stocktaking_findings_quantity')),
    sa.ForeignKeyConstraint(['campaign_id'], ['stocktaking_campaigns.id'], name=op.f('fk_stocktaking_findings_campaign_id_stocktaking_campaigns')),
    sa.ForeignKeyConstraint(['campaign_room_id'], ['stocktaking_rooms.id'], name=op.f('fk_stocktaking_findings_campaign_room_id_stocktaking_rooms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stocktaking_findings'))
    )
    op.create_index(op.f('ix_stocktaking_findings_campaign_id'), 'stocktaking_findings', ['campaign_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_stocktaking_findings_campaign_id'), table_name='stocktaking_findings')
    op.drop_table('stocktaking_findings')
    op.drop_index(op.f('ix_stocktaking_checks_campaign_room_id'), table_name='stocktaking_checks')
    op.drop_table('stocktaking_checks')
    op.drop_index(op.f('ix_stocktaking_rooms_checker_employee_id'), table_name='stocktaking_rooms')
    op.drop_table('stocktaking_rooms')
    op.drop_index('ix_stocktaking_campaigns_status_id', table_name='stocktaking_campaigns')
    op.drop_table('stocktaking_campaigns')
