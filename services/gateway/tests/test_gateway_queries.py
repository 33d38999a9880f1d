"""Query-string parsing: types, ranges, defaults, Indonesian messages."""
import pytest
from gateway.domains.personnel import EmployeeQuery, PositionQuery
from gateway.queries import PageQuery, page_args, parse_query, split_paging
from gateway_requests import make_request
from situok_kit.errors import ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT, MAX_LIMIT

EMPLOYEE_QUERY, POSITION_QUERY, ACCOUNT_QUERY = EmployeeQuery(), PositionQuery(), PageQuery()


def parse(schema, query: str) -> dict:
    return parse_query(schema, make_request("/x", query_string=query))


def test_employee_filters_are_typed():
    params = parse(EMPLOYEE_QUERY, "q=made&unit_id=3&include_subunits=false&employment_type=pppk&is_asn=1"
                                   "&active=true&golongan=III/a&cursor=abc&limit=20")
    assert params == {"q": "made", "unit_id": 3, "include_subunits": False, "employment_type": "pppk",
                      "is_asn": True, "active": True, "golongan": "III/a", "cursor": "abc", "limit": 20}
    filters, cursor, limit = split_paging(params)
    assert cursor == "abc" and limit == 20
    assert "cursor" not in filters and "limit" not in filters and filters["unit_id"] == 3


def test_defaults_unknown_and_empty_parameters():
    assert parse(EMPLOYEE_QUERY, "") == {"limit": DEFAULT_LIMIT}
    assert parse(EMPLOYEE_QUERY, "q=&unit_id=&foo=bar") == {"limit": DEFAULT_LIMIT}
    assert split_paging(parse(ACCOUNT_QUERY, "")) == ({}, None, DEFAULT_LIMIT)


@pytest.mark.parametrize("query, field", [
    ("limit=abc", "limit"),
    ("limit=0", "limit"),
    (f"limit={MAX_LIMIT + 1}", "limit"),
    ("limit=1.5", "limit"),
    ("active=maybe", "active"),
    ("include_subunits=2", "include_subunits"),
    ("unit_id=x", "unit_id"),
    ("unit_id=-1", "unit_id"),
    ("employment_type=honorer", "employment_type"),
])
def test_bad_values_are_422_naming_the_parameter(query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse(EMPLOYEE_QUERY, query)
    assert list(caught.value.fields) == [field]
    assert caught.value.status == 422
    assert caught.value.message == "Parameter tidak valid."


def test_messages_are_indonesian():
    with pytest.raises(ValidationFailed) as caught:
        parse(EMPLOYEE_QUERY, "limit=abc&active=maybe")
    assert caught.value.fields == {"limit": "Harus bilangan bulat.", "active": "Harus true atau false."}


def test_position_query():
    assert parse(POSITION_QUERY, "unit_id=4") == {"unit_id": 4}
    assert parse(POSITION_QUERY, "") == {}


def test_page_args_pass_filters_only_to_lists_that_have_them():
    request = make_request("/x", query_string="cursor=c&limit=5")
    assert page_args(EMPLOYEE_QUERY, request) == {"filters": None, "cursor": "c", "limit": 5}
    assert page_args(ACCOUNT_QUERY, request) == {"cursor": "c", "limit": 5}
