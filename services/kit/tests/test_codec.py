"""The orjson reply decoder gives exactly what kombu's decoder gives."""
import datetime
import decimal
import uuid

import pytest
from kombu.serialization import dumps, loads
from kombu.utils import json as kombu_json
from situok_kit import codec


@pytest.mark.parametrize("value", [
    {"items": [{"id": 1, "name": "Made", "active": True, "golongan": None}], "next_cursor": "abc"},
    {"result": {"pangkat": "Penata Muda", "gaji": 4_500_000}, "error": None},
    [1, 2.5, "tiga", None, False],
    {"big": 2 ** 70},
    {"when": datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC), "day": datetime.date(2024, 1, 2)},
    {"amount": decimal.Decimal("12.50"), "id": uuid.UUID(int=5)},
    {"text": "nama dengan \"kutip\" dan ünïcode", "__type__": "field named like the tag"},
])
def test_same_result_as_kombu(value):
    body = kombu_json.dumps(value)
    expected = kombu_json.loads(body)
    for data in (body, body.encode(), memoryview(body.encode()), bytearray(body.encode())):
        assert codec.loads(data) == expected


def test_values_orjson_refuses_fall_back():
    assert codec.loads('{"x": NaN}')["x"] != codec.loads('{"x": NaN}')["x"]  # NaN, as kombu gives


def test_install_makes_kombu_use_it():
    codec.install()
    content_type, encoding, body = dumps({"a": [1, 2]}, serializer="json")
    assert content_type == "application/json"
    assert loads(body, content_type, encoding) == {"a": [1, 2]}
    from kombu.serialization import registry

    assert registry._decoders["application/json"] is codec.loads


def test_dumps_round_trips_like_kombu():
    import datetime
    import decimal

    from kombu.utils import json as kombu_json

    samples = [
        {"a": 1, "b": [1, 2.5, None, True], "c": "Ni Luh Putu — ñ"},
        {"t": datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)},
        {"d": datetime.date(2026, 1, 2), "x": decimal.Decimal("1.5")},
        {1: "integer key"},
        {"big": 2**70},
    ]
    for sample in samples:
        assert codec.loads(codec.dumps(sample)) == kombu_json.loads(kombu_json.dumps(sample))
