"""kepegawaian's trips table: travel's approved trips per traveller (``employee_trips``), from travel's events.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('employee_trips',
    sa.Column('order_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('employee_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('number', sa.String(length=200), nullable=True),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint('cancelled OR (start_date IS NOT NULL AND end_date IS NOT NULL AND start_date <= end_date)',
                       name=op.f('ck_employee_trips_dates')),
    sa.PrimaryKeyConstraint('order_id', 'employee_id', name=op.f('pk_employee_trips'))
    )
    op.create_index(op.f('ix_employee_trips_employee_id_start_date'), 'employee_trips', ['employee_id', 'start_date'],
                    unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_employee_trips_employee_id_start_date'), table_name='employee_trips')
    op.drop_table('employee_trips')
