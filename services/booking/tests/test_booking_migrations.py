"""booking's migrations make exactly the tables its models describe."""
import pytest
from booking.models import Base
from situok_kit.migrate import model_differences


@pytest.mark.integration
def test_migrations_match_the_models(booking_db):
    assert model_differences(booking_db[1], Base.metadata) == []
