"""``make run``'s sample data (``kepegawaian.demo``): every part goes in against the seeded bureau's roster, and a
second run adds nothing."""
import pytest
from kepegawaian import demo
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration


def test_the_sample_data_goes_in_once(services, kepegawaian_db):
    with Session(kepegawaian_db[1]) as session:
        first = demo.demo(session)
        session.commit()
        second = demo.demo(session)
        session.commit()
    assert set(first) == set(demo.PARTS) and any(any(counts.values()) for counts in first.values()), first
    assert all(not any(counts.values()) for counts in second.values()), second
