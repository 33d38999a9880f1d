"""travel's migrations make exactly the tables its models describe (the kit's ``model_differences``)."""
import pytest
from situok_kit.migrate import model_differences
from travel.models import Base


@pytest.mark.integration
def test_migrations_match_the_models(service_db):
    assert model_differences(service_db[1], Base.metadata) == []
