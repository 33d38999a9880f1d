"""agenda's migrations make exactly the tables its models describe (the portal's search indexes, whose
expressions PostgreSQL stores rewritten, are left out of the comparison and checked by name)."""
import pytest
from agenda.models import Base
from situok_kit.migrate import model_differences


@pytest.mark.integration
def test_migrations_match_the_models(agenda_db):
    assert model_differences(agenda_db[1], Base.metadata) == []


@pytest.mark.integration
def test_the_search_indexes_exist(agenda_db):
    from sqlalchemy import text

    with agenda_db[1].connect() as connection:
        names = set(connection.scalars(text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%_search'")))
    assert names == {"ix_agenda_events_search", "ix_documentations_search"}
