"""assets: the maintenance area's tables — plans (by months and/or km) and records (scheduled windows, in
progress, done, cancelled).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('maintenance_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('work', sa.String(length=300), nullable=False),
    sa.Column('interval_months', sa.SmallInteger(), nullable=True),
    sa.Column('interval_km', sa.Integer(), nullable=True),
    sa.Column('last_done_on', sa.Date(), nullable=True),
    sa.Column('last_done_km', sa.Integer(), nullable=True),
    sa.Column('next_due_on', sa.Date(), nullable=True),
    sa.Column('next_due_km', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('interval_months IS NOT NULL OR interval_km IS NOT NULL',
                       name=op.f('ck_maintenance_plans_interval')),
    sa.CheckConstraint('interval_months IS NULL OR interval_months > 0',
                       name=op.f('ck_maintenance_plans_interval_months')),
    sa.CheckConstraint('interval_km IS NULL OR interval_km > 0', name=op.f('ck_maintenance_plans_interval_km')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_maintenance_plans_asset_id_assets')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_plans'))
    )
    op.create_index(op.f('ix_maintenance_plans_asset_id'), 'maintenance_plans', ['asset_id'], unique=False)
    op.create_index('ix_maintenance_plans_active_next_due_on', 'maintenance_plans', ['active', 'next_due_on'],
                    unique=False)
    op.create_table('maintenance_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('work', sa.String(length=300), nullable=False),
    sa.Column('vendor', sa.String(length=200), nullable=True),
    sa.Column('cost', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('odometer_km', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('cancel_reason', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint("status IN ('scheduled', 'in_progress', 'done', 'cancelled')",
                       name=op.f('ck_maintenance_records_status')),
    sa.CheckConstraint('cost >= 0', name=op.f('ck_maintenance_records_cost')),
    sa.CheckConstraint('odometer_km IS NULL OR odometer_km >= 0', name=op.f('ck_maintenance_records_odometer_km')),
    sa.CheckConstraint('ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at',
                       name=op.f('ck_maintenance_records_window')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_maintenance_records_asset_id_assets')),
    sa.ForeignKeyConstraint(['plan_id'], ['maintenance_plans.id'],
                            name=op.f('fk_maintenance_records_plan_id_maintenance_plans')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_records'))
    )
    op.create_index('ix_maintenance_records_asset_id_status', 'maintenance_records', ['asset_id', 'status'],
                    unique=False)
    op.create_index('ix_maintenance_records_status_id', 'maintenance_records', ['status', 'id'], unique=False)
    op.create_index(op.f('ix_maintenance_records_plan_id'), 'maintenance_records', ['plan_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_maintenance_records_plan_id'), table_name='maintenance_records')
    op.drop_index('ix_maintenance_records_status_id', table_name='maintenance_records')
    op.drop_index('ix_maintenance_records_asset_id_status', table_name='maintenance_records')
    op.drop_table('maintenance_records')
    op.drop_index('ix_maintenance_plans_active_next_due_on', table_name='maintenance_plans')
    op.drop_index(op.f('ix_maintenance_plans_asset_id'), table_name='maintenance_plans')
    op.drop_table('maintenance_plans')
