"""The sample data ``make run`` loads: written through the domain (numbers, history, events), once."""
import pytest
from assets import demo
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration


def test_the_demo_loads_once_with_register_numbers_history_and_stock(services, bureau):
    with Session(bureau.engine) as session:
        first = demo.load(session)
        session.commit()
    with Session(bureau.engine) as session:
        assert demo.load(session) == {}
    if not first:  # another run of this session loaded it already
        return
    assert first["items"] == len(demo.ITEMS) and first["supply_lines"] == len(demo.RECEIPT)
    innova = bureau.scalar(text("SELECT id FROM assets WHERE details->>'plate_number' = 'DK 1045 AB'"))
    assert bureau.scalar(text("SELECT count(*) FROM asset_history WHERE asset_id = :a AND kind = 'registered'"),
                         {"a": innova}) == 1
    assert bureau.scalar(text("SELECT count(*) FROM outbox_events WHERE event_type = 'assets.resource_published' "
                              "AND envelope->'data'->>'resource_key' = :k"), {"k": f"vehicle:{innova}"}) >= 1
    assert bureau.scalar(text("SELECT count(*) FROM supply_lots WHERE qty_left > 0")) >= len(demo.RECEIPT)
