"""Initial kepegawaian schema: the kit's tables, the roster copy with the career facts from personnel, and the
settings. Each area's tables come in a revision of its own (0002 leave … 0006 SKP).

Revision ID: 0001
Revises: 
Create Date: 2026-12-03 17:38:47.793597
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from situok_kit import replies
from situok_kit.migrate import create_kit_tables, drop_kit_tables

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # the kit's tables: outbox, processed events, idempotency keys, roster copy, rpc_requests
    create_kit_tables(op, roster=True)
    replies.upgrade()
    op.create_table('kepegawaian_settings',
    sa.Column('id', sa.Integer(), server_default=sa.text('1'), nullable=False),
    sa.Column('staff_unit_code', sa.String(length=40), server_default=sa.text("'BUP.TU.KPG'"), nullable=False),
    sa.Column('official_role', sa.String(length=40), server_default=sa.text("'pimpinan'"), nullable=False),
    sa.Column('half_days', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('reminder_days', sa.Integer(), server_default=sa.text('60'), nullable=False),
    sa.Column('retirement_reminder_days', sa.Integer(), server_default=sa.text('365'), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_kepegawaian_settings_single_row')),
    sa.CheckConstraint('reminder_days BETWEEN 1 AND 366', name=op.f('ck_kepegawaian_settings_reminder_days')),
    sa.CheckConstraint('retirement_reminder_days BETWEEN 1 AND 1096', name=op.f('ck_kepegawaian_settings_retirement_reminder_days')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_kepegawaian_settings'))
    )
    op.create_table('roster_employees',
    sa.Column('nik', sa.String(length=16), nullable=True),
    sa.Column('gender', sa.String(length=1), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('birth_place', sa.String(length=100), nullable=True),
    sa.Column('golongan', sa.String(length=6), nullable=True),
    sa.Column('pangkat', sa.String(length=60), nullable=True),
    sa.Column('pppk_grade', sa.String(length=5), nullable=True),
    sa.Column('tmt_cpns', sa.Date(), nullable=True),
    sa.Column('rank_tmt', sa.Date(), nullable=True),
    sa.Column('kgb_tmt', sa.Date(), nullable=True),
    sa.Column('position_id', sa.Integer(), nullable=True),
    sa.Column('position_kind', sa.String(length=20), nullable=True),
    sa.Column('position_level', sa.String(length=20), nullable=True),
    sa.Column('position_tmt', sa.Date(), nullable=True),
    sa.Column('kelas_jabatan', sa.Integer(), nullable=True),
    sa.Column('supervisor_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=True),
    sa.Column('status_since', sa.Date(), nullable=True),
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
    op.create_index(op.f('ix_roster_employees_supervisor_id'), 'roster_employees', ['supervisor_id'], unique=False)
    op.create_index(op.f('ix_roster_employees_unit_id'), 'roster_employees', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_roster_employees_unit_id'), table_name='roster_employees')
    op.drop_index(op.f('ix_roster_employees_supervisor_id'), table_name='roster_employees')
    op.drop_index('ix_roster_employees_name_id', table_name='roster_employees')
    op.drop_table('roster_employees')
    op.drop_table('kepegawaian_settings')
    drop_kit_tables(op, roster=True)
    replies.downgrade()
