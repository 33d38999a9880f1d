"""assets: the register area — the items' text search (a generated ``tsvector`` with a GIN index: words and
their prefixes in the name, the register number, the plate and the code; no extension needed).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

SEARCH_EXPRESSION = ("to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || register_number::text || ' ' || "
                     "coalesce(details ->> 'plate_number', '') || ' ' || "
                     "replace(coalesce(details ->> 'plate_number', ''), ' ', '') || ' ' || code)")


def upgrade() -> None:
    op.add_column('assets', sa.Column('search', postgresql.TSVECTOR(),
                                      sa.Computed(SEARCH_EXPRESSION, persisted=True), nullable=True))
    op.create_index('ix_assets_search', 'assets', ['search'], unique=False, postgresql_using='gin')


def downgrade() -> None:
    op.drop_index('ix_assets_search', table_name='assets', postgresql_using='gin')
    op.drop_column('assets', 'search')
