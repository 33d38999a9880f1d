"""Initial finance schema: the kit's tables and the roster copy, the budget (versions, sub-kegiatan,
allocations, budget lines with their no-overspend CHECK), SPJ headers and transitions, cash-book postings and
month closings.

Revision ID: 0001
Revises:
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from situok_kit import replies
from situok_kit.migrate import create_kit_tables, drop_kit_tables
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the kit's tables: outbox, processed events, idempotency keys, roster_units, roster_sync_runs, rpc_requests
    create_kit_tables(op, roster=True)
    replies.upgrade()
    op.create_table('budget_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('sub_activity_code', sa.String(length=40), nullable=False),
    sa.Column('account_code', sa.String(length=40), nullable=False),
    sa.Column('account_name', sa.String(length=300), nullable=False),
    sa.Column('ceiling', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('committed', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('realized', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.CheckConstraint('ceiling >= 0 AND committed >= 0 AND realized >= 0', name=op.f('ck_budget_lines_amounts')),
    sa.CheckConstraint('committed + realized <= ceiling', name=op.f('ck_budget_lines_no_overspend')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_lines')),
    sa.UniqueConstraint('fiscal_year', 'sub_activity_code', 'account_code', name=op.f('uq_budget_lines_fiscal_year_sub_activity_code_account_code'))
    )
    op.create_table('budget_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('loaded_by', sa.String(length=100), nullable=False),
    sa.Column('loaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('active', 'superseded')", name=op.f('ck_budget_versions_status')),
    sa.CheckConstraint('number >= 0', name=op.f('ck_budget_versions_number')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_versions')),
    sa.UniqueConstraint('fiscal_year', 'number', name=op.f('uq_budget_versions_fiscal_year_number'))
    )
    op.create_index('uq_budget_versions_active_year', 'budget_versions', ['fiscal_year'], unique=True, postgresql_where=sa.text("status = 'active'"))
    op.create_table('month_closings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('closed_by', sa.String(length=100), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_month_closings_month')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_month_closings')),
    sa.UniqueConstraint('fiscal_year', 'month', name=op.f('uq_month_closings_fiscal_year_month'))
    )
    op.create_table('roster_employees',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('employment_type', sa.String(length=10), nullable=False),
    sa.Column('position_name', sa.String(length=200), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('source_updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('synced_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_employees'))
    )
    op.create_index('ix_roster_employees_name_id', 'roster_employees', ['name', 'id'], unique=False)
    op.create_index(op.f('ix_roster_employees_unit_id'), 'roster_employees', ['unit_id'], unique=False)
    op.create_table('budget_sub_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('program_code', sa.String(length=40), nullable=False),
    sa.Column('program_name', sa.String(length=300), nullable=False),
    sa.Column('activity_code', sa.String(length=40), nullable=False),
    sa.Column('activity_name', sa.String(length=300), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('pptk_employee_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['version_id'], ['budget_versions.id'], name=op.f('fk_budget_sub_activities_version_id_budget_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_sub_activities')),
    sa.UniqueConstraint('version_id', 'code', name=op.f('uq_budget_sub_activities_version_id_code'))
    )
    op.create_index(op.f('ix_budget_sub_activities_pptk_employee_id'), 'budget_sub_activities', ['pptk_employee_id'], unique=False)
    op.create_table('spj',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('status', sa.String(length=12), server_default=sa.text("'draft'"), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('budget_line_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('pptk_employee_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('created_by_account_id', sa.Integer(), nullable=True),
    sa.Column('created_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('gross', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('tax_withheld', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('net_payable', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('verified_by_account_id', sa.Integer(), nullable=True),
    sa.Column('approved_by_account_id', sa.Integer(), nullable=True),
    sa.Column('payment_medium', sa.String(length=4), nullable=True),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('closed_month', sa.Integer(), nullable=True),
    sa.Column('travel_order_id', sa.Integer(), nullable=True),
    sa.Column('travel_order_number', sa.String(length=80), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('purchase', 'travel')", name=op.f('ck_spj_kind')),
    sa.CheckConstraint("payment_medium IS NULL OR payment_medium IN ('cash', 'bank')", name=op.f('ck_spj_medium')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'verified', 'approved', 'paid', 'closed', 'rejected', 'cancelled')", name=op.f('ck_spj_status')),
    sa.CheckConstraint('gross >= 0 AND tax_withheld >= 0 AND net_payable >= 0', name=op.f('ck_spj_amounts')),
    sa.ForeignKeyConstraint(['budget_line_id'], ['budget_lines.id'], name=op.f('fk_spj_budget_line_id_budget_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj')),
    sa.UniqueConstraint('number', name=op.f('uq_spj_number'))
    )
    op.create_index(op.f('ix_spj_budget_line_id'), 'spj', ['budget_line_id'], unique=False)
    op.create_index(op.f('ix_spj_pptk_employee_id'), 'spj', ['pptk_employee_id'], unique=False)
    op.create_index(op.f('ix_spj_status_id'), 'spj', ['status', 'id'], unique=False)
    op.create_index('uq_spj_travel_order', 'spj', ['travel_order_id'], unique=True, postgresql_where=sa.text("travel_order_id IS NOT NULL AND status <> 'cancelled'"))
    op.create_table('budget_allocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sub_activity_id', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=False),
    sa.Column('account_code', sa.String(length=40), nullable=False),
    sa.Column('account_name', sa.String(length=300), nullable=False),
    sa.Column('ceiling', sa.BigInteger(), nullable=False),
    sa.Column('cash_plan', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.CheckConstraint('ceiling >= 0', name=op.f('ck_budget_allocations_ceiling')),
    sa.ForeignKeyConstraint(['line_id'], ['budget_lines.id'], name=op.f('fk_budget_allocations_line_id_budget_lines')),
    sa.ForeignKeyConstraint(['sub_activity_id'], ['budget_sub_activities.id'], name=op.f('fk_budget_allocations_sub_activity_id_budget_sub_activities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_allocations')),
    sa.UniqueConstraint('sub_activity_id', 'account_code', name=op.f('uq_budget_allocations_sub_activity_id_account_code'))
    )
    op.create_index(op.f('ix_budget_allocations_line_id'), 'budget_allocations', ['line_id'], unique=False)
    op.create_table('cash_postings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('posted_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('medium', sa.String(length=4), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('reference', sa.String(length=120), nullable=True),
    sa.Column('debit', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('credit', sa.BigInteger(), server_default=sa.text('0'), nullable=False),
    sa.Column('budget_line_id', sa.Integer(), nullable=True),
    sa.Column('spj_id', sa.Integer(), nullable=True),
    sa.Column('tax_kind', sa.String(length=10), nullable=True),
    sa.Column('posted_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('up_receipt', 'gu_replenishment', 'spj_payment', 'tax_withheld', 'tax_deposit', 'advance_given', 'advance_settled', 'cash_to_bank', 'bank_to_cash', 'up_return')", name=op.f('ck_cash_postings_kind')),
    sa.CheckConstraint("medium IN ('cash', 'bank')", name=op.f('ck_cash_postings_medium')),
    sa.CheckConstraint('debit >= 0 AND credit >= 0 AND (debit = 0) <> (credit = 0)', name=op.f('ck_cash_postings_one_side')),
    sa.CheckConstraint('month BETWEEN 1 AND 12', name=op.f('ck_cash_postings_month')),
    sa.ForeignKeyConstraint(['budget_line_id'], ['budget_lines.id'], name=op.f('fk_cash_postings_budget_line_id_budget_lines')),
    sa.ForeignKeyConstraint(['spj_id'], ['spj.id'], name=op.f('fk_cash_postings_spj_id_spj')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_postings')),
    sa.UniqueConstraint('fiscal_year', 'seq', name=op.f('uq_cash_postings_fiscal_year_seq'))
    )
    op.create_index(op.f('ix_cash_postings_budget_line_id'), 'cash_postings', ['budget_line_id'], unique=False)
    op.create_index(op.f('ix_cash_postings_fiscal_year_month_seq'), 'cash_postings', ['fiscal_year', 'month', 'seq'], unique=False)
    op.create_index(op.f('ix_cash_postings_spj_id'), 'cash_postings', ['spj_id'], unique=False)
    op.create_table('spj_transitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spj_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=12), nullable=True),
    sa.Column('to_status', sa.String(length=12), nullable=False),
    sa.Column('actor_account_id', sa.Integer(), nullable=True),
    sa.Column('actor_employee_id', sa.Integer(), nullable=True),
    sa.Column('actor_username', sa.String(length=100), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['spj_id'], ['spj.id'], name=op.f('fk_spj_transitions_spj_id_spj'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_spj_transitions'))
    )
    op.create_index(op.f('ix_spj_transitions_spj_id'), 'spj_transitions', ['spj_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_spj_transitions_spj_id'), table_name='spj_transitions')
    op.drop_table('spj_transitions')
    op.drop_index(op.f('ix_cash_postings_spj_id'), table_name='cash_postings')
    op.drop_index(op.f('ix_cash_postings_fiscal_year_month_seq'), table_name='cash_postings')
    op.drop_index(op.f('ix_cash_postings_budget_line_id'), table_name='cash_postings')
    op.drop_table('cash_postings')
    op.drop_index(op.f('ix_budget_allocations_line_id'), table_name='budget_allocations')
    op.drop_table('budget_allocations')
    op.drop_index('uq_spj_travel_order', table_name='spj', postgresql_where=sa.text("travel_order_id IS NOT NULL AND status <> 'cancelled'"))
    op.drop_index(op.f('ix_spj_status_id'), table_name='spj')
    op.drop_index(op.f('ix_spj_pptk_employee_id'), table_name='spj')
    op.drop_index(op.f('ix_spj_budget_line_id'), table_name='spj')
    op.drop_table('spj')
    op.drop_index(op.f('ix_budget_sub_activities_pptk_employee_id'), table_name='budget_sub_activities')
    op.drop_table('budget_sub_activities')
    op.drop_index(op.f('ix_roster_employees_unit_id'), table_name='roster_employees')
    op.drop_index('ix_roster_employees_name_id', table_name='roster_employees')
    op.drop_table('roster_employees')
    op.drop_table('month_closings')
    op.drop_index('uq_budget_versions_active_year', table_name='budget_versions', postgresql_where=sa.text("status = 'active'"))
    op.drop_table('budget_versions')
    op.drop_table('budget_lines')
    replies.downgrade()
    drop_kit_tables(op, roster=True)
