"""kepegawaian's migrations make exactly the tables its models describe."""
import pytest
from kepegawaian.models import Base
from situok_kit.migrate import model_differences


@pytest.mark.integration
def test_migrations_match_the_models(kepegawaian_db):
    assert model_differences(kepegawaian_db[1], Base.metadata) == []
