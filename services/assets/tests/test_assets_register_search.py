"""The register's list on a large register: 50,000 generated items inside one transaction that is rolled back
(the shared test database keeps nothing), each filter answering only what it asks for, and checked with EXPLAIN to
use an index rather than read the whole table. How fast it is, is the benchmark's (``bench/assets_register.py``,
``make bench``), not a test's."""
from __future__ import annotations

import pytest
from assets.domain.register_search import list_assets, text_query
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

ITEMS = 50_000
NAMES = ("Meja Kerja Kayu", "Kursi Lipat", "Laptop Asus", "Printer Epson", "Lemari Arsip", "AC Split Daikin",
         "Proyektor Epson", "Sofa Tamu", "Kulkas Sharp", "Televisi LED")


@pytest.fixture(scope="module")
def large_register(bureau, services):
    from assets_testkit import unique

    holders = list(bureau.employee_ids.values())
    with bureau.engine.connect() as conn, conn.begin() as transaction:
        building = conn.scalar(text("INSERT INTO buildings (code, name) VALUES (:c, 'Gedung Besar') RETURNING id"),
                               {"c": unique("GB")})
        floor = conn.scalar(text("INSERT INTO floors (building_id, name) VALUES (:b, 'Lantai 1') RETURNING id"),
                            {"b": building})
        rooms = [conn.scalar(text("INSERT INTO rooms (floor_id, code, name) VALUES (:f, :c, :n) RETURNING id"),
                             {"f": floor, "c": unique("RB"), "n": f"Ruang {i}"}) for i in range(40)]
        codes = [r[0] for r in conn.execute(text(
            "SELECT code FROM asset_codes WHERE registrable AND kib = 'B' AND vehicle_wheels IS NULL ORDER BY code"))]
        conn.execute(text("""
            INSERT INTO number_counters (scope, last_seq) VALUES ('register:bench', 0) ON CONFLICT DO NOTHING"""))
        conn.execute(text("""
            INSERT INTO assets (code, register_number, kib, name, acquisition_year, acquisition_value, source,
                                condition, room_id, holder_employee_id, details, registered_by)
            SELECT (:codes)[1 + i % cardinality(:codes)], 100000 + i, 'B',
                   (:names)[1 + i % cardinality(:names)] || ' ' || i, 2000 + i % 25, 1000 * i, 'apbd',
                   (ARRAY['B','KB','RB'])[1 + i % 3], (:rooms)[1 + i % cardinality(:rooms)],
                   CASE WHEN i % 5 = 0 THEN (:holders)[1 + i % cardinality(:holders)] END, '{}'::jsonb, 'bench'
            FROM generate_series(1, :n) AS i"""),
            {"codes": codes, "names": list(NAMES), "rooms": rooms, "holders": holders, "n": ITEMS})
        conn.execute(text("ANALYZE assets"))
        holder = conn.scalar(text("SELECT holder_employee_id FROM assets WHERE registered_by = 'bench' "
                                  "AND holder_employee_id IS NOT NULL LIMIT 1"))
        yield {"conn": conn, "building_id": building, "room_id": rooms[7], "holder": holder, "code": codes[2]}
        transaction.rollback()


def test_text_queries_are_word_prefixes():
    assert text_query("Laptop  ASUS-x") == "laptop:* & asus:* & x:*"
    assert text_query("!!") is None


@pytest.mark.parametrize("filters", [
    {}, {"kib": "B"}, {"q": "laptop asus"}, {"q": "epson 4711"}, {"room_id": "room"}, {"building_id": "building"},
    {"holder_employee_id": "holder"}, {"code": "code"}, {"condition": "RB", "acquisition_year": 2010},
    {"kib": "B", "q": "kursi", "condition": "KB"},
])
def test_each_filter_answers_what_it_asks_for_page_after_page(large_register, filters):
    filters = {k: large_register[{"room_id": "room_id", "building_id": "building_id",
                                  "holder_employee_id": "holder", "code": "code"}[k]] if v in (
        "room", "building", "holder", "code") else v for k, v in filters.items()}
    with Session(bind=large_register["conn"]) as session:
        first = list_assets(session, {"status": "active", **filters}, None, 50)
        assert first["items"], filters
        second = list_assets(session, {"status": "active", **filters}, first["next_cursor"], 50) \
            if first["next_cursor"] else {"items": []}
    ids = [item["id"] for item in first["items"] + second["items"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))  # newest first, no repeats
    for item in first["items"]:
        for name in ("kib", "room_id", "holder_employee_id", "condition", "acquisition_year"):
            if name in filters:
                assert item[name] == filters[name], (name, item)
        if "code" in filters:
            assert item["code"].startswith(filters["code"])


def test_filtered_queries_use_an_index(large_register):
    conn = large_register["conn"]
    for name, where in (("q", "search @@ to_tsquery('simple', 'laptop:* & asus:*')"),
                        ("room", f"room_id = {large_register['room_id']}"),
                        ("holder", f"holder_employee_id = {large_register['holder']}"),
                        ("code", f"code LIKE '{large_register['code']}%'")):
        plan = "\n".join(r[0] for r in conn.execute(text(
            f"EXPLAIN SELECT id FROM assets WHERE status = 'active' AND {where} ORDER BY id DESC LIMIT 51")))
        assert "Seq Scan on assets" not in plan, (name, plan)
