"""agenda's public portal: full-text search indexes (PostgreSQL ``simple`` configuration, GIN) for the portal's
search over an event's title and public summary and a documentation's press release (``domain.portal``: the
query uses the same expressions).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("CREATE INDEX ix_agenda_events_search ON agenda_events USING gin "
               "(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(public_summary, '')))")
    op.execute("CREATE INDEX ix_documentations_search ON documentations USING gin "
               "(to_tsvector('simple'::regconfig, coalesce(press_release, '')))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_documentations_search")
    op.execute("DROP INDEX IF EXISTS ix_agenda_events_search")
