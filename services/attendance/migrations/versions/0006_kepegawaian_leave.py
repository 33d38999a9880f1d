"""Approved leave of non-ASN staff from kepegawaian (``kepegawaian.leave_approved`` / ``leave_cancelled``):
the days show ``cuti`` (``attendance.domain.kepegawaian_leave``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('kepegawaian_leave',
    sa.Column('leave_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=True),
    sa.Column('kind_name', sa.String(length=120), nullable=True),
    sa.Column('cancelled', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('leave_id', name=op.f('pk_kepegawaian_leave'))
    )
    op.create_index(op.f('ix_kepegawaian_leave_employee_id_start_date'), 'kepegawaian_leave',
                    ['employee_id', 'start_date'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_kepegawaian_leave_employee_id_start_date'), table_name='kepegawaian_leave')
    op.drop_table('kepegawaian_leave')
