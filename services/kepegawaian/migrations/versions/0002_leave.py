"""kepegawaian's leave tables: the rules per employment type and kind (data), leave requests (with the
exclusion constraint on an employee's open requests' date ranges: btree_gist) and the opening balances.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table('leave_opening_balances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('remaining_n1', sa.Numeric(precision=5, scale=1), server_default=sa.text('0'), nullable=False),
    sa.Column('remaining_n2', sa.Numeric(precision=5, scale=1), server_default=sa.text('0'), nullable=False),
    sa.Column('deferred_n1', sa.Numeric(precision=5, scale=1), server_default=sa.text('0'), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=True),
    sa.CheckConstraint('remaining_n1 >= 0 AND remaining_n2 >= 0 AND deferred_n1 >= 0',
        name=op.f('ck_leave_opening_balances_non_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leave_opening_balances')),
    sa.UniqueConstraint('employee_id', 'year', name=op.f('uq_leave_opening_balances_employee_id_year'))
    )
    op.create_table('leave_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('employee_name', sa.String(length=200), nullable=False),
    sa.Column('nip', sa.String(length=30), nullable=True),
    sa.Column('employment_type', sa.String(length=10), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('kind_name', sa.String(length=80), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('period', postgresql.DATERANGE(), nullable=False),
    sa.Column('days', sa.Numeric(precision=6, scale=1), nullable=False),
    sa.Column('half_day', sa.String(length=5), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('reason_category', sa.String(length=30), nullable=True),
    sa.Column('child_order', sa.Integer(), nullable=True),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('phone', sa.String(length=30), nullable=True),
    sa.Column('government_doctor', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('attachment', sa.LargeBinary(), nullable=True),
    sa.Column('attachment_type', sa.String(length=80), nullable=True),
    sa.Column('attachment_name', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), server_default=sa.text("'submitted'"), nullable=False),
    sa.Column('filed_by', sa.String(length=120), nullable=True),
    sa.Column('filed_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('considered_option', sa.String(length=20), nullable=True),
    sa.Column('considered_note', sa.Text(), nullable=True),
    sa.Column('considered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('considered_by', sa.String(length=120), nullable=True),
    sa.Column('considered_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('decided_option', sa.String(length=20), nullable=True),
    sa.Column('decided_note', sa.Text(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_by', sa.String(length=120), nullable=True),
    sa.Column('decided_by_employee_id', sa.Integer(), nullable=True),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_by', sa.String(length=120), nullable=True),
    sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
    postgresql.ExcludeConstraint((sa.column('employee_id'), '='), (sa.column('period'), '&&'),
        where=sa.text("status IN ('submitted', 'considered', 'change_requested', 'approved')"), using='gist',
        name='leave_requests_no_overlap'),
    sa.CheckConstraint("half_day IS NULL OR half_day IN ('pagi', 'siang')", name=op.f('ck_leave_requests_half_day')),
    sa.CheckConstraint("kind IN ('tahunan', 'besar', 'sakit', 'melahirkan', 'alasan_penting', 'cltn')",
        name=op.f('ck_leave_requests_kind')),
    sa.CheckConstraint("status IN ('submitted', 'considered', 'change_requested', 'approved', 'deferred', "
                       "'refused', 'cancelled')", name=op.f('ck_leave_requests_status')),
    sa.CheckConstraint('days > 0', name=op.f('ck_leave_requests_days')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_leave_requests_dates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leave_requests'))
    )
    op.create_index(op.f('ix_leave_requests_employee_id_start_date'), 'leave_requests',
                    ['employee_id', 'start_date'], unique=False)
    op.create_index(op.f('ix_leave_requests_status_id'), 'leave_requests', ['status', 'id'], unique=False)
    op.create_index(op.f('ix_leave_requests_unit_id_id'), 'leave_requests', ['unit_id', 'id'], unique=False)
    op.create_table('leave_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employment_type', sa.String(length=10), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('unit', sa.String(length=10), server_default=sa.text("'calendar'"), nullable=False),
    sa.Column('min_days', sa.Numeric(precision=5, scale=1), server_default=sa.text('1'), nullable=False),
    sa.Column('max_days', sa.Integer(), nullable=True),
    sa.Column('max_months', sa.Integer(), nullable=True),
    sa.Column('entitlement_days', sa.Integer(), nullable=True),
    sa.Column('carry_max_days', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('carry_total_max', sa.Integer(), nullable=True),
    sa.Column('two_year_total_max', sa.Integer(), nullable=True),
    sa.Column('deferred_total_max', sa.Integer(), nullable=True),
    sa.Column('min_service_years', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('gender', sa.String(length=1), nullable=True),
    sa.Column('document_after_days', sa.Integer(), nullable=True),
    sa.Column('gov_doctor_after_days', sa.Integer(), nullable=True),
    sa.Column('backdate_days', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('half_day_allowed', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('cuti_bersama_counts', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('max_child', sa.Integer(), nullable=True),
    sa.Column('takes_annual', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('reason_required', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('verify', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('rule_text', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=True),
    sa.CheckConstraint("employment_type IN ('pns', 'pppk', 'non_asn')", name=op.f('ck_leave_rules_employment_type')),
    sa.CheckConstraint("kind IN ('tahunan', 'besar', 'sakit', 'melahirkan', 'alasan_penting', 'cltn')",
        name=op.f('ck_leave_rules_kind')),
    sa.CheckConstraint("unit IN ('working', 'calendar')", name=op.f('ck_leave_rules_unit')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leave_rules')),
    sa.UniqueConstraint('employment_type', 'kind', name=op.f('uq_leave_rules_employment_type_kind'))
    )


def downgrade() -> None:
    op.drop_table('leave_rules')
    op.drop_index(op.f('ix_leave_requests_unit_id_id'), table_name='leave_requests')
    op.drop_index(op.f('ix_leave_requests_status_id'), table_name='leave_requests')
    op.drop_index(op.f('ix_leave_requests_employee_id_start_date'), table_name='leave_requests')
    op.drop_table('leave_requests')
    op.drop_table('leave_opening_balances')
