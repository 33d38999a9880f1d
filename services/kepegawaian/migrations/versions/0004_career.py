"""kepegawaian's career tables: the career rules (KGB, KP periods, BUP ages, as data) and the staff officers'
reminders (one per employee, kind and due date).

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'career_rules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=30), nullable=False),
        sa.Column('key', sa.String(length=30), nullable=False),
        sa.Column('value', sa.Integer(), nullable=True),
        sa.Column('months', sa.String(length=40), nullable=True),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('kgb_interval_years', 'kp_min_years', 'kp_periods', 'bup_age')",
                           name=op.f('ck_career_rules_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_career_rules')),
        sa.UniqueConstraint('kind', 'key', 'effective_from', name=op.f('uq_career_rules_kind_key_effective_from')),
    )
    op.create_table(
        'career_reminders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('employee_name', sa.String(length=300), nullable=False),
        sa.Column('nip', sa.String(length=30), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('read_by', sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('kgb', 'kp', 'bup')", name=op.f('ck_career_reminders_kind')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_career_reminders')),
        sa.UniqueConstraint('employee_id', 'kind', 'due_date',
                            name=op.f('uq_career_reminders_employee_id_kind_due_date')),
    )
    op.create_index(op.f('ix_career_reminders_read_at_due_date'), 'career_reminders', ['read_at', 'due_date'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_career_reminders_read_at_due_date'), table_name='career_reminders')
    op.drop_table('career_reminders')
    op.drop_table('career_rules')
