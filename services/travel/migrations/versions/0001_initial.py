"""Initial travel schema: roster copy, rules, number counters, rate tables, orders, SPPDs, legs,
reports, realization, attachments, kit tables (``situok_kit.migrate.create_kit_tables``). btree_gist backs
the no-overlapping-trips constraint.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from situok_kit.migrate import create_kit_tables, drop_kit_tables
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    # the kit's tables: outbox, processed events, idempotency keys, roster_units, roster_sync_runs
    create_kit_tables(op, roster=True)
    op.create_table('approval_rules',
    sa.Column('traveller_rank', sa.String(length=20), nullable=False),
    sa.Column('approver_role', sa.String(length=32), nullable=False),
    sa.CheckConstraint("traveller_rank IN ('staff', 'eselon_iv', 'kepala_bagian', 'pimpinan')", name=op.f('ck_approval_rules_traveller_rank')),
    sa.PrimaryKeyConstraint('traveller_rank', 'approver_role', name=op.f('pk_approval_rules'))
    )
    op.create_table('level_rules',
    sa.Column('priority', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('position_prefix', sa.String(length=200), nullable=True),
    sa.Column('golongan_prefix', sa.String(length=6), nullable=True),
    sa.Column('employment_type', sa.String(length=10), nullable=True),
    sa.Column('rank', sa.String(length=20), nullable=False),
    sa.Column('cost_level', sa.String(length=1), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("cost_level IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f('ck_level_rules_cost_level')),
    sa.CheckConstraint("rank IN ('staff', 'eselon_iv', 'kepala_bagian', 'pimpinan')", name=op.f('ck_level_rules_rank')),
    sa.PrimaryKeyConstraint('priority', name=op.f('pk_level_rules'))
    )
    op.create_table('number_counters',
    sa.Column('scope', sa.String(length=120), nullable=False),
    sa.Column('last_seq', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.CheckConstraint('last_seq >= 0', name=op.f('ck_number_counters_last_seq')),
    sa.PrimaryKeyConstraint('scope', name=op.f('pk_number_counters'))
    )
    op.create_table('number_templates',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('template', sa.String(length=200), nullable=False),
    sa.Column('reset', sa.String(length=20), nullable=False),
    sa.Column('unit_label', sa.String(length=100), nullable=False),
    sa.CheckConstraint("reset IN ('year', 'unit_year', 'never')", name=op.f('ck_number_templates_reset')),
    sa.PrimaryKeyConstraint('kind', name=op.f('pk_number_templates'))
    )
    op.create_table('orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('requester_account_id', sa.Integer(), nullable=False),
    sa.Column('requester_employee_id', sa.Integer(), nullable=True),
    sa.Column('requester_name', sa.String(length=150), nullable=False),
    sa.Column('basis', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('origin', sa.String(length=120), nullable=False),
    sa.Column('destinations', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('departure_date', sa.Date(), nullable=False),
    sa.Column('return_date', sa.Date(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('transport', sa.String(length=10), nullable=False),
    sa.Column('budget_agency', sa.String(length=200), nullable=False),
    sa.Column('budget_account', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('estimate', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('estimate_total', sa.BigInteger(), nullable=False),
    sa.Column('number', sa.String(length=200), nullable=True),
    sa.Column('number_scope', sa.String(length=120), nullable=True),
    sa.Column('number_seq', sa.Integer(), nullable=True),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('issued_date', sa.Date(), nullable=True),
    sa.Column('verify_token', sa.String(length=64), nullable=True),
    sa.Column('approver_account_id', sa.Integer(), nullable=True),
    sa.Column('approver_employee_id', sa.Integer(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('realized_total', sa.BigInteger(), nullable=True),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("category IN ('luar_kota', 'dalam_kota_8jam', 'diklat')", name=op.f('ck_orders_category')),
    sa.CheckConstraint("status IN ('draft', 'submitted', 'approved', 'rejected', 'issued', 'completed', 'realized', 'cancelled')", name=op.f('ck_orders_status')),
    sa.CheckConstraint("transport IN ('dinas', 'umum', 'pribadi')", name=op.f('ck_orders_transport')),
    sa.CheckConstraint('(number IS NULL) = (number_seq IS NULL)', name=op.f('ck_orders_number_seq')),
    sa.CheckConstraint('length(btrim(budget_account)) > 0', name=op.f('ck_orders_budget_account')),
    sa.CheckConstraint('return_date >= departure_date', name=op.f('ck_orders_dates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_orders')),
    sa.UniqueConstraint('number', name=op.f('uq_orders_number')),
    sa.UniqueConstraint('number_scope', 'number_seq', name='uq_orders_scope_seq'),
    sa.UniqueConstraint('verify_token', name=op.f('uq_orders_verify_token'))
    )
    op.create_index('ix_orders_departure_id', 'orders', ['departure_date', 'id'], unique=False)
    op.create_index('ix_orders_requester_account_id', 'orders', ['requester_account_id'], unique=False)
    op.create_index('ix_orders_status_departure_id', 'orders', ['status', 'departure_date', 'id'], unique=False)
    op.create_index('ix_orders_unit_departure_id', 'orders', ['unit_id', 'departure_date', 'id'], unique=False)
    op.create_table('rate_tables',
    sa.Column('fiscal_year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('is_default', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('loaded_by', sa.String(length=64), nullable=True),
    sa.Column('loaded_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('fiscal_year', name=op.f('pk_rate_tables'))
    )
    op.create_table('roster_employees',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('full_name', sa.String(length=300), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('employment_type', sa.String(length=10), nullable=False),
    sa.Column('is_asn', sa.Boolean(), nullable=False),
    sa.Column('golongan', sa.String(length=6), nullable=True),
    sa.Column('pangkat', sa.String(length=60), nullable=True),
    sa.Column('pppk_grade', sa.String(length=5), nullable=True),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('position_name', sa.String(length=200), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('rank', sa.String(length=20), nullable=False),
    sa.Column('cost_level', sa.String(length=1), nullable=False),
    sa.Column('source_updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('synced_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("cost_level IN ('A', 'B', 'C', 'D', 'E', 'F')", name=op.f('ck_roster_employees_cost_level')),
    sa.CheckConstraint("rank IN ('staff', 'eselon_iv', 'kepala_bagian', 'pimpinan')", name=op.f('ck_roster_employees_rank')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_employees'))
    )
    op.create_index('ix_roster_employees_name_id', 'roster_employees', ['name', 'id'], unique=False)
    op.create_index(op.f('ix_roster_employees_unit_id'), 'roster_employees', ['unit_id'], unique=False)
    op.create_table('order_transitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('actor_account_id', sa.Integer(), nullable=False),
    sa.Column('actor_employee_id', sa.Integer(), nullable=True),
    sa.Column('actor_username', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_transitions_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_transitions'))
    )
    op.create_index(op.f('ix_order_transitions_order_id_id'), 'order_transitions', ['order_id', 'id'], unique=False)
    op.create_table('order_travellers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('pangkat', sa.String(length=60), nullable=True),
    sa.Column('golongan', sa.String(length=6), nullable=True),
    sa.Column('position_name', sa.String(length=200), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('unit_name', sa.String(length=200), nullable=True),
    sa.Column('rank', sa.String(length=20), nullable=False),
    sa.Column('cost_level', sa.String(length=1), nullable=False),
    sa.Column('followers', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('departure_date', sa.Date(), nullable=False),
    sa.Column('return_date', sa.Date(), nullable=False),
    sa.Column('blocking', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('estimate', postgresql.JSONB(astext_type=sa.Text()), nullable=False),
    sa.Column('estimate_total', sa.BigInteger(), nullable=False),
    sa.Column('sppd_number', sa.String(length=200), nullable=True),
    sa.Column('sppd_scope', sa.String(length=120), nullable=True),
    sa.Column('sppd_seq', sa.Integer(), nullable=True),
    postgresql.ExcludeConstraint((sa.column('employee_id'), '='), (sa.text("daterange(departure_date, return_date, '[]')"), '&&'), where=sa.text('blocking'), using='gist', name='ex_order_travellers_no_overlap'),
    sa.CheckConstraint('return_date >= departure_date', name=op.f('ck_order_travellers_dates')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_order_travellers_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_travellers')),
    sa.UniqueConstraint('order_id', 'employee_id', name='uq_order_travellers_order_employee'),
    sa.UniqueConstraint('sppd_number', name=op.f('uq_order_travellers_sppd_number')),
    sa.UniqueConstraint('sppd_scope', 'sppd_seq', name='uq_order_travellers_scope_seq')
    )
    op.create_index(op.f('ix_order_travellers_employee_id'), 'order_travellers', ['employee_id'], unique=False)
    op.create_table('rates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('province_code', sa.String(length=2), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('cost_level', sa.String(length=1), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('uang_harian', 'penginapan', 'transport', 'representasi')", name=op.f('ck_rates_kind')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_rates_amount')),
    sa.ForeignKeyConstraint(['fiscal_year'], ['rate_tables.fiscal_year'], name=op.f('fk_rates_fiscal_year_rate_tables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rates')),
    sa.UniqueConstraint('fiscal_year', 'kind', 'province_code', 'category', 'cost_level', name='uq_rates_key', postgresql_nulls_not_distinct=True)
    )
    op.create_table('realization_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_realization_lines_amount')),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_realization_lines_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_realization_lines'))
    )
    op.create_index(op.f('ix_realization_lines_order_id_id'), 'realization_lines', ['order_id', 'id'], unique=False)
    op.create_table('trip_reports',
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('filed_by_account_id', sa.Integer(), nullable=False),
    sa.Column('filed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_trip_reports_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('order_id', name=op.f('pk_trip_reports'))
    )
    op.create_table('attachments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('line_id', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("kind IN ('report', 'receipt')", name=op.f('ck_attachments_kind')),
    sa.CheckConstraint('size > 0', name=op.f('ck_attachments_size')),
    sa.ForeignKeyConstraint(['line_id'], ['realization_lines.id'], name=op.f('fk_attachments_line_id_realization_lines'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_attachments_order_id_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments'))
    )
    op.create_index(op.f('ix_attachments_order_id_id'), 'attachments', ['order_id', 'id'], unique=False)
    op.create_table('sppd_legs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('traveller_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('accuracy_m', sa.Float(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('arrival', 'departure')", name=op.f('ck_sppd_legs_kind')),
    sa.CheckConstraint('latitude IS NULL OR latitude BETWEEN -90 AND 90', name=op.f('ck_sppd_legs_latitude')),
    sa.CheckConstraint('longitude IS NULL OR longitude BETWEEN -180 AND 180', name=op.f('ck_sppd_legs_longitude')),
    sa.ForeignKeyConstraint(['traveller_id'], ['order_travellers.id'], name=op.f('fk_sppd_legs_traveller_id_order_travellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sppd_legs'))
    )
    op.create_index(op.f('ix_sppd_legs_traveller_id_id'), 'sppd_legs', ['traveller_id', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sppd_legs_traveller_id_id'), table_name='sppd_legs')
    op.drop_table('sppd_legs')
    op.drop_index(op.f('ix_attachments_order_id_id'), table_name='attachments')
    op.drop_table('attachments')
    op.drop_table('trip_reports')
    op.drop_index(op.f('ix_realization_lines_order_id_id'), table_name='realization_lines')
    op.drop_table('realization_lines')
    op.drop_table('rates')
    op.drop_index(op.f('ix_order_travellers_employee_id'), table_name='order_travellers')
    op.drop_table('order_travellers')
    op.drop_index(op.f('ix_order_transitions_order_id_id'), table_name='order_transitions')
    op.drop_table('order_transitions')
    op.drop_index(op.f('ix_roster_employees_unit_id'), table_name='roster_employees')
    op.drop_index('ix_roster_employees_name_id', table_name='roster_employees')
    op.drop_table('roster_employees')
    op.drop_table('rate_tables')
    op.drop_index('ix_orders_unit_departure_id', table_name='orders')
    op.drop_index('ix_orders_status_departure_id', table_name='orders')
    op.drop_index('ix_orders_requester_account_id', table_name='orders')
    op.drop_index('ix_orders_departure_id', table_name='orders')
    op.drop_table('orders')
    op.drop_table('number_templates')
    op.drop_table('number_counters')
    op.drop_table('level_rules')
    op.drop_table('approval_rules')
    drop_kit_tables(op, roster=True)
