"""The contract module as an edge imports it: without a database or broker, every field described, names
unique on the platform, and what an edge needs exported."""
from marshmallow import fields
from travel import schemas


def _fields(schema_class):
    for name, field in schema_class().fields.items():
        yield name, field
        inner = getattr(field, "inner", None)
        if isinstance(inner, fields.Field) and not isinstance(inner, fields.Nested):
            yield f"{name}[]", inner


def test_every_field_carries_a_description():
    undescribed = [f"{schema}.{name}" for schema, cls in schemas.SCHEMAS.items() for name, field in _fields(cls)
                   if not field.metadata.get("description")]
    assert undescribed == []


def test_names_are_unique_on_the_platform():
    from personnel.schemas import SCHEMAS as personnel

    assert not set(schemas.SCHEMAS) & set(personnel)
    assert all(name == cls.__name__ for name, cls in schemas.SCHEMAS.items())


def test_what_an_edge_imports_instead_of_copying():
    assert schemas.STATUSES == ("draft", "submitted", "approved", "rejected", "issued", "completed", "realized",
                                "cancelled")
    assert schemas.PROVINCES["51"] == "Bali" and len(schemas.PROVINCES) == 38
    assert schemas.LETTER_TOKEN.match("A" * 32) and not schemas.LETTER_TOKEN.match("bukan token!")
    assert schemas.DOCUMENT_KINDS == ("spt", "sppd1", "sppd2", "rincian", "kuitansi")
    assert "approve" in schemas.ORDER_ACTIONS
    assert set(schemas.RateFileUploadIn().fields) == {"filename", "content_b64"}
