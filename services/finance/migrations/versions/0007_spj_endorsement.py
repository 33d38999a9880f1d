"""finance: SPJ endorsement — above the approval threshold the PPK-SKPD endorses a verified SPJ (status
``endorsed``) before the PA/KPA approves it (issue 11, point 4).

* ``spj.endorsed_by_account_id``: who endorsed it (separation of duties: the endorser never approves it);
* ``ck_spj_status`` replaced to allow ``endorsed``.

Downgrade: an endorsed SPJ goes back to ``verified`` (its endorsement is dropped with the column).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

STATUSES = ('draft', 'submitted', 'verified', 'endorsed', 'approved', 'paid', 'closed', 'rejected', 'cancelled')
OLD_STATUSES = ('draft', 'submitted', 'verified', 'approved', 'paid', 'closed', 'rejected', 'cancelled')


def _status_check(statuses: tuple[str, ...]) -> str:
    return f"status IN ({', '.join(repr(s) for s in statuses)})"


def upgrade() -> None:
    op.add_column('spj', sa.Column('endorsed_by_account_id', sa.Integer(), nullable=True))
    op.drop_constraint(op.f('ck_spj_status'), 'spj', type_='check')
    op.create_check_constraint(op.f('ck_spj_status'), 'spj', _status_check(STATUSES))


def downgrade() -> None:
    op.execute("UPDATE spj SET status = 'verified' WHERE status = 'endorsed'")
    op.drop_constraint(op.f('ck_spj_status'), 'spj', type_='check')
    op.create_check_constraint(op.f('ck_spj_status'), 'spj', _status_check(OLD_STATUSES))
    op.drop_column('spj', 'endorsed_by_account_id')
