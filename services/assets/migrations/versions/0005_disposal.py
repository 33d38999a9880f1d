"""assets: the disposal area's tables (proposals and their items).

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
    op.create_table('disposal_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_by_account_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.String(length=100), nullable=True),
    sa.Column('approved_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rejected_by', sa.String(length=100), nullable=True),
    sa.Column('rejected_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('decree_number', sa.String(length=120), nullable=True),
    sa.Column('decree_date', sa.Date(), nullable=True),
    sa.Column('decree_by', sa.String(length=200), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ba_number', sa.String(length=120), nullable=True),
    sa.Column('ba_date', sa.Date(), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by', sa.String(length=100), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("method IN ('pemusnahan', 'penjualan', 'hibah', 'pemindahtanganan', 'tukar_menukar', 'penyertaan_modal', 'lainnya')", name=op.f('ck_disposal_proposals_method')),
    sa.CheckConstraint("status IN ('draft', 'proposed', 'approved', 'rejected', 'decided', 'done', 'cancelled')", name=op.f('ck_disposal_proposals_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disposal_proposals'))
    )
    op.create_index('ix_disposal_proposals_status_id', 'disposal_proposals', ['status', 'id'], unique=False)
    op.create_table('disposal_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('asset_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('condition', sa.String(length=2), nullable=False),
    sa.Column('acquisition_value', sa.BigInteger(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.Column('value_basis', sa.String(length=20), nullable=False),
    sa.Column('open', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.CheckConstraint("condition IN ('B', 'KB', 'RB')", name=op.f('ck_disposal_items_condition')),
    sa.CheckConstraint("value_basis IN ('book_value', 'acquisition_value')", name=op.f('ck_disposal_items_value_basis')),
    sa.CheckConstraint('value >= 0 AND acquisition_value >= 0', name=op.f('ck_disposal_items_values')),
    sa.ForeignKeyConstraint(['asset_id'], ['assets.id'], name=op.f('fk_disposal_items_asset_id_assets')),
    sa.ForeignKeyConstraint(['proposal_id'], ['disposal_proposals.id'], name=op.f('fk_disposal_items_proposal_id_disposal_proposals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disposal_items')),
    sa.UniqueConstraint('proposal_id', 'asset_id', name=op.f('uq_disposal_items_proposal_id_asset_id'))
    )
    op.create_index(op.f('ix_disposal_items_asset_id'), 'disposal_items', ['asset_id'], unique=False)
    op.create_index('uq_disposal_items_open_asset_id', 'disposal_items', ['asset_id'], unique=True, postgresql_where=sa.text('open'))


def downgrade() -> None:
    op.drop_index('uq_disposal_items_open_asset_id', table_name='disposal_items', postgresql_where=sa.text('open'))
    op.drop_index(op.f('ix_disposal_items_asset_id'), table_name='disposal_items')
    op.drop_table('disposal_items')
    op.drop_index('ix_disposal_proposals_status_id', table_name='disposal_proposals')
    op.drop_table('disposal_proposals')
