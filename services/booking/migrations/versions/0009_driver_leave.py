"""booking: kepegawaian's approved leave (``booking_driver_leave``): a driver on it is not free those days.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('booking_driver_leave',
    sa.Column('leave_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('kind_name', sa.String(length=120), nullable=True),
    sa.Column('cancelled', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('leave_id', name=op.f('pk_booking_driver_leave'))
    )
    op.create_index(op.f('ix_booking_driver_leave_employee_id_starts_on'), 'booking_driver_leave',
                    ['employee_id', 'starts_on'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_booking_driver_leave_employee_id_starts_on'), table_name='booking_driver_leave')
    op.drop_table('booking_driver_leave')
