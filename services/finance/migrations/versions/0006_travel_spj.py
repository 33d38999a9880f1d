"""finance: travel SPJ — the trip part of a travel SPJ, its lines per traveller, and the inbox of realizations
received from travel (drafted, or waiting for their budget line).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('travel_spj',
    sa.Column('spj_id', sa.Integer(), nullable=False),
    sa.Column('travel_order_id', sa.Integer(), nullable=False),
    sa.Column('order_number', sa.String(length=200), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('destination', sa.String(length=300), nullable=False),
    sa.Column('departure_date', sa.Date(), nullable=False),
    sa.Column('return_date', sa.Date(), nullable=False),
    sa.Column('sub_activity_code', sa.String(length=40), nullable=False),
    sa.Column('account_code', sa.String(length=40), nullable=False),
    sa.Column('lump_sum', sa.BigInteger(), nullable=False),
    sa.Column('at_cost', sa.BigInteger(), nullable=False),
    sa.Column('riil', sa.BigInteger(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('advance_paid', sa.BigInteger(), nullable=False),
    sa.Column('balance', sa.BigInteger(), nullable=False),
    sa.Column('advances', postgresql.JSONB(astext_type=Text()), nullable=False),
    sa.Column('pa_kpa_employee_id', sa.Integer(), nullable=True),
    sa.Column('ppk_employee_id', sa.Integer(), nullable=True),
    sa.Column('pptk_employee_id', sa.Integer(), nullable=True),
    sa.Column('bendahara_employee_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('realized_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('balance = total - advance_paid', name=op.f('ck_travel_spj_balance')),
    sa.CheckConstraint('lump_sum >= 0 AND at_cost >= 0 AND riil >= 0 AND advance_paid >= 0',
                       name=op.f('ck_travel_spj_amounts')),
    sa.CheckConstraint('return_date >= departure_date', name=op.f('ck_travel_spj_dates')),
    sa.CheckConstraint('total = lump_sum + at_cost + riil', name=op.f('ck_travel_spj_total')),
    sa.ForeignKeyConstraint(['spj_id'], ['spj.id'], name=op.f('fk_travel_spj_spj_id_spj'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('spj_id', name=op.f('pk_travel_spj'))
    )
    op.create_index(op.f('ix_travel_spj_travel_order_id'), 'travel_spj', ['travel_order_id'], unique=False)
    op.create_table('travel_spj_inbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('travel_order_id', sa.Integer(), nullable=False),
    sa.Column('order_number', sa.String(length=200), nullable=True),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('sub_activity_code', sa.String(length=40), nullable=True),
    sa.Column('account_code', sa.String(length=40), nullable=True),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('problem', sa.Text(), nullable=True),
    sa.Column('spj_id', sa.Integer(), nullable=True),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('payload', postgresql.JSONB(astext_type=Text()), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status = 'waiting' OR spj_id IS NOT NULL", name=op.f('ck_travel_spj_inbox_drafted_spj')),
    sa.CheckConstraint("status IN ('waiting', 'drafted')", name=op.f('ck_travel_spj_inbox_status')),
    sa.ForeignKeyConstraint(['spj_id'], ['spj.id'], name=op.f('fk_travel_spj_inbox_spj_id_spj')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_travel_spj_inbox')),
    sa.UniqueConstraint('travel_order_id', name=op.f('uq_travel_spj_inbox_travel_order_id'))
    )
    op.create_index(op.f('ix_travel_spj_inbox_status_id'), 'travel_spj_inbox', ['status', 'id'], unique=False)
    op.create_table('travel_spj_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('spj_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('nip', sa.String(length=18), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('rate', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('receipts', postgresql.JSONB(astext_type=Text()), nullable=False),
    sa.CheckConstraint("kind IN ('lump_sum', 'at_cost', 'riil')", name=op.f('ck_travel_spj_lines_kind')),
    sa.CheckConstraint('quantity >= 1 AND rate >= 0 AND amount = quantity * rate',
                       name=op.f('ck_travel_spj_lines_amount')),
    sa.ForeignKeyConstraint(['spj_id'], ['travel_spj.spj_id'], name=op.f('fk_travel_spj_lines_spj_id_travel_spj'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_travel_spj_lines'))
    )
    op.create_index(op.f('ix_travel_spj_lines_spj_id_position'), 'travel_spj_lines', ['spj_id', 'position'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_travel_spj_lines_spj_id_position'), table_name='travel_spj_lines')
    op.drop_table('travel_spj_lines')
    op.drop_index(op.f('ix_travel_spj_inbox_status_id'), table_name='travel_spj_inbox')
    op.drop_table('travel_spj_inbox')
    op.drop_index(op.f('ix_travel_spj_travel_order_id'), table_name='travel_spj')
    op.drop_table('travel_spj')
