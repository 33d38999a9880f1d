from marshmallow import Schema, fields
from situok_kit.contract_check import AnswerCheck


class Leg(Schema):
    place = fields.String()
    at = fields.String()


class Trip(Schema):
    id = fields.Integer()
    into = fields.String(data_key="in")
    legs = fields.List(fields.Nested(Leg))
    report = fields.Nested(Leg, allow_none=True)
    secret = fields.String(load_only=True)


def test_exact_answers_have_no_problems():
    check = AnswerCheck()
    check.answer(Trip, {"id": 1, "in": "x", "legs": [{"place": "a", "at": "t"}], "report": None})
    check.answer(Trip, [{"id": 2, "in": "y", "legs": [], "report": {"place": "b", "at": "u"}}])
    assert check.problems() == []


def test_an_undeclared_field_and_a_field_never_answered_are_named():
    check = AnswerCheck()
    check.answer(Trip, {"id": 1, "in": "x", "legs": [{"place": "a", "extra": 1}], "report": None, "into": 2})
    assert check.problems() == [
        "Trip.into: answered but not declared",
        "Trip.legs.extra: answered but not declared",
        "Trip.legs.at: declared but never answered",
    ]


def test_a_nested_schema_never_reached_counts_as_never_answered():
    check = AnswerCheck()
    check.answer(Trip, {"id": 1, "in": "x", "legs": [{"place": "a", "at": "t"}]})
    assert check.problems() == ["Trip.report: declared but never answered"]
