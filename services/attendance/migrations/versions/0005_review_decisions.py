"""The review queue's decisions: who took a flagged check-in/out off the queue, when and with what note
(``attendance.domain.review``).

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

SIDES = ('check_in', 'check_out')


def upgrade() -> None:
    for side in SIDES:
        op.add_column('attendance_records', sa.Column(f'{side}_reviewed_by_employee_id', sa.Integer(), nullable=True))
        op.add_column('attendance_records', sa.Column(f'{side}_reviewed_by_username', sa.String(length=100),
                                                      nullable=True))
        op.add_column('attendance_records', sa.Column(f'{side}_reviewed_at', sa.DateTime(timezone=True),
                                                      nullable=True))
        op.add_column('attendance_records', sa.Column(f'{side}_review_note', sa.Text(), nullable=True))


def downgrade() -> None:
    for side in reversed(SIDES):
        for column in ('review_note', 'reviewed_at', 'reviewed_by_username', 'reviewed_by_employee_id'):
            op.drop_column('attendance_records', f'{side}_{column}')
