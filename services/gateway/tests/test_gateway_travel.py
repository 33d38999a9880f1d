"""The travel routes (``gateway.domains.travel``) with travel replaced: parsing, bodies, files, the spec."""
import base64
from datetime import date

import pytest
from gateway.domains.travel import DOMAIN, XLSX, TravelDocumentQuery, TravelOrderQuery, letter_token
from gateway.http import (
    MAX_BODY_BYTES,
    UPLOAD_BODY_BYTES,
    Reply,
    content_disposition,
    read_fields,
    read_json,
    route_map,
)
from gateway.openapi import build_spec
from gateway.queries import jsonable, parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import (
    BadRequest,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    UnsupportedMediaType,
    ValidationFailed,
)
from situok_kit.pagination import DEFAULT_LIMIT

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 letter"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


TRAVEL_ORDER_QUERY, TRAVEL_DOCUMENT_QUERY = TravelOrderQuery(), TravelDocumentQuery()
RATE_UPLOAD = next(route.body for route in DOMAIN.routes if route.rpc == "load_rate_table")


def rate_file(request, fiscal_year: int) -> tuple[str, str]:
    args = RATE_UPLOAD.read(request, {"fiscal_year": fiscal_year})
    return args["filename"], args["content_b64"]


def parse(schema, query: str) -> dict:
    return parse_query(schema, make_request("/x", query_string=query))


# -- query strings -------------------------------------------------------------------------------

def test_order_filters_are_typed_and_sent_as_json():
    params = parse(TRAVEL_ORDER_QUERY, "status=issued&unit_id=4&date_from=2026-01-01&date_to=2026-03-31"
                                       "&mine=true&cursor=c&limit=10")
    assert params["date_from"] == date(2026, 1, 1) and params["mine"] is True
    assert jsonable(params) == {"status": "issued", "unit_id": 4, "date_from": "2026-01-01",
                                "date_to": "2026-03-31", "mine": True, "cursor": "c", "limit": 10}
    assert parse(TRAVEL_ORDER_QUERY, "") == {"limit": DEFAULT_LIMIT}


@pytest.mark.parametrize("query, field", [
    ("status=lost", "status"),
    ("unit_id=0", "unit_id"),
    ("date_from=2026-02-30", "date_from"),
    ("date_to=kemarin", "date_to"),
    ("mine=kadang", "mine"),
    ("limit=abc", "limit"),
    ("date_from=2026-03-01&date_to=2026-02-01", "date_to"),
])
def test_bad_order_filters_are_422_naming_the_parameter(query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse(TRAVEL_ORDER_QUERY, query)
    assert list(caught.value.fields) == [field]


def test_order_statuses_are_travels_own():
    from travel.schemas import STATUSES

    assert TRAVEL_ORDER_QUERY.fields["status"].metadata["enum"] == list(STATUSES)


def test_document_query():
    assert parse(TRAVEL_DOCUMENT_QUERY, "traveller_id=12") == {"traveller_id": 12}
    with pytest.raises(ValidationFailed) as caught:
        parse(TRAVEL_DOCUMENT_QUERY, "traveller_id=dua")
    assert list(caught.value.fields) == ["traveller_id"]


def test_list_passes_filters_as_strings(service):
    service.travel.list_orders.return_value = {"items": [], "next_cursor": None}
    service.list_travel_orders(make_request("/api/v1/travel/orders", query_string="date_to=2026-05-01&mine=1"))
    service.auth.authenticate.assert_called_once()
    service.travel.list_orders.assert_called_once_with(filters={"date_to": "2026-05-01", "mine": True},
                                                       cursor=None, limit=DEFAULT_LIMIT)
    service.travel.list_orders.reset_mock()
    service.list_travel_orders(make_request("/api/v1/travel/orders"))
    service.travel.list_orders.assert_called_once_with(filters=None, cursor=None, limit=DEFAULT_LIMIT)


# -- bodies --------------------------------------------------------------------------------------

def big_json(size: int) -> dict:
    return {"summary": "x" * size}


def test_body_limit_is_1_mib_except_on_routes_with_files(service):
    request = make_request("/x", method="POST", json=big_json(MAX_BODY_BYTES + 1))
    with pytest.raises(PayloadTooLarge) as caught:
        read_json(request)
    assert "1 MiB" in caught.value.message
    assert read_json(make_request("/x", method="POST", json=big_json(MAX_BODY_BYTES + 1)),
                     max_bytes=UPLOAD_BODY_BYTES)["summary"]
    # the routes: a report of 2 MiB is read, an order of 2 MiB is not
    service.travel.file_report.return_value = {"id": 1}
    reply = service.file_travel_report(make_request("/x", method="POST", json=big_json(2 * 1024 * 1024)),
                                       order_id=1)
    assert reply.status == 200
    assert len(service.travel.file_report.call_args.kwargs["data"]["summary"]) == 2 * 1024 * 1024
    result = service.create_travel_order(make_request("/x", method="POST", json=big_json(2 * 1024 * 1024)))
    assert isinstance(result, PayloadTooLarge)
    service.travel.create_order.assert_not_called()
    too_big = service.realize_travel_order(
        make_request("/x", method="POST", json=big_json(UPLOAD_BODY_BYTES)), order_id=1)
    assert isinstance(too_big, PayloadTooLarge) and "8 MiB" in too_big.message


def test_action_bodies_are_optional_and_name_unknown_fields():
    assert read_fields(make_request("/x", method="POST"), "note") == {}
    assert read_fields(make_request("/x", method="POST", json={"note": "ok"}), "note") == {"note": "ok"}
    with pytest.raises(ValidationFailed) as caught:
        read_fields(make_request("/x", method="POST", json={"note": "ok", "alasan": "x"}), "note")
    assert caught.value.fields == {"alasan": "Kolom tidak dikenal."}


def test_actions_call_travel_with_the_order_and_their_field(service):
    service.travel.submit_order.return_value = {"id": 3, "status": "submitted"}
    service.submit_travel_order(make_request("/x", method="POST"), order_id=3)
    service.travel.submit_order.assert_called_once_with(order_id=3)
    service.approve_travel_order(make_request("/x", method="POST", json={"note": "Setuju"}), order_id=3)
    service.travel.approve_order.assert_called_once_with(order_id=3, note="Setuju")
    service.reject_travel_order(make_request("/x", method="POST", json={"reason": "Anggaran habis"}), order_id=3)
    service.travel.reject_order.assert_called_once_with(order_id=3, reason="Anggaran habis")
    service.cancel_travel_order(make_request("/x", method="POST", json={"reason": "Batal"}), order_id=3)
    service.travel.cancel_order.assert_called_once_with(order_id=3, reason="Batal")
    service.complete_travel_order(make_request("/x", method="POST"), order_id=3)
    service.travel.complete_order.assert_called_once_with(order_id=3)
    service.issue_travel_order(make_request("/x", method="POST"), order_id=3)
    service.travel.issue_order.assert_called_once_with(order_id=3)
    wrong = service.issue_travel_order(make_request("/x", method="POST", json={"number": "1"}), order_id=3)
    assert isinstance(wrong, ValidationFailed) and wrong.fields == {"number": "Kolom tidak dikenal."}


def test_errors_from_travel_are_answered(service):
    service.travel.approve_order.side_effect = Forbidden("Anda tidak berwenang.")
    assert isinstance(service.approve_travel_order(make_request("/x", method="POST"), order_id=3), Forbidden)


def test_create_answers_201_with_location_and_forwards_the_key(service):
    service.travel.create_order.return_value = {"id": 41, "status": "draft"}
    request = make_request("/api/v1/travel/orders", method="POST", json={"purpose": "Rapat"},
                           headers={"Idempotency-Key": "spt-1"})
    reply = service.create_travel_order(request)
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/travel/orders/41"}
    service.travel.create_order.assert_called_once_with(data={"purpose": "Rapat"}, idempotency_key="spt-1")


def test_leg_answers_201(service):
    service.travel.record_leg.return_value = {"id": 5, "kind": "arrival"}
    reply = service.record_travel_leg(make_request("/x", method="POST", json={"kind": "arrival", "place": "X"}),
                                      order_id=2)
    assert reply.status == 201
    service.travel.record_leg.assert_called_once_with(order_id=2, data={"kind": "arrival", "place": "X"})


# -- rate uploads --------------------------------------------------------------------------------

CSV = b"jenis,provinsi,kategori,tingkat,jumlah\nuang_harian,51,luar_kota,,480000\n"


def test_rate_file_as_json():
    request = make_request("/x", method="POST", json={"filename": "t.csv", "content_b64": "YQ=="})
    assert rate_file(request, 2027) == ("t.csv", "YQ==")
    with pytest.raises(ValidationFailed) as caught:
        rate_file(make_request("/x", method="POST", json={"filename": "t.csv"}), 2027)
    assert caught.value.fields == {"content_b64": "Wajib diisi."}


def test_rate_file_as_the_body_itself():
    request = make_request("/x", method="POST", data=CSV, content_type="text/csv; charset=utf-8",
                           query_string="filename=tarif%202027.csv")
    filename, content_b64 = rate_file(request, 2027)
    assert filename == "tarif 2027.csv" and base64.b64decode(content_b64) == CSV
    xlsx = make_request("/x", method="POST", data=b"PK\x03\x04...", content_type=XLSX)
    assert rate_file(xlsx, 2027)[0] == "tarif-2027.xlsx"
    assert rate_file(make_request("/x", method="POST", data=CSV, content_type="text/csv"), 2027)[0] == \
        "tarif-2027.csv"


def test_rate_file_of_another_type_or_empty_is_refused():
    with pytest.raises(UnsupportedMediaType) as caught:
        rate_file(make_request("/x", method="POST", data=b"%PDF", content_type="application/pdf"), 2027)
    assert caught.value.status == 415 and "content_type" in caught.value.fields
    with pytest.raises(BadRequest):
        rate_file(make_request("/x", method="POST", data=b"", content_type="text/csv"), 2027)
    big = make_request("/x", method="POST", data=b"x" * (UPLOAD_BODY_BYTES + 1), content_type="text/csv")
    with pytest.raises(PayloadTooLarge):
        rate_file(big, 2027)


def test_load_rate_table_route(service):
    service.travel.load_rate_table.return_value = {"fiscal_year": 2027}
    request = make_request("/x", method="POST", data=CSV, content_type="text/csv", query_string="filename=a.csv")
    assert service.load_rate_table(request, fiscal_year=2027).body == {"fiscal_year": 2027}
    service.travel.load_rate_table.assert_called_once_with(fiscal_year=2027, filename="a.csv",
                                                           content_b64=base64.b64encode(CSV).decode())


# -- files ---------------------------------------------------------------------------------------

def test_document_is_the_pdf_itself(service):
    service.travel.order_document.return_value = {
        "filename": "SPT_000.1.2.3-1-Biro-Umum-2026.pdf", "content_type": "application/pdf",
        "content_b64": base64.b64encode(PDF).decode()}
    reply = service.travel_order_document(make_request("/x", query_string="traveller_id=7"), order_id=4,
                                          kind="sppd1")
    assert isinstance(reply, Reply) and reply.body == PDF and reply.content_type == "application/pdf"
    assert reply.headers["Content-Disposition"] == 'inline; filename="SPT_000.1.2.3-1-Biro-Umum-2026.pdf"'
    assert reply.headers["Cache-Control"] == "private, no-store"
    service.travel.order_document.assert_called_once_with(order_id=4, kind="sppd1", traveller_id=7)


def test_unknown_document_kind_is_not_a_route():
    urls = route_map(GatewayService).bind("localhost")
    assert urls.match("/api/v1/travel/orders/4/documents/spt", method="GET")[1] == {"order_id": 4, "kind": "spt"}
    assert urls.allowed_methods("/api/v1/travel/orders/4/documents/memo") == []


def test_attachment_keeps_its_type(service):
    service.travel.get_attachment.return_value = {
        "id": 9, "filename": "notulen rapat.docx", "content_type": "application/vnd.openxmlformats-"
        "officedocument.wordprocessingml.document", "content_b64": base64.b64encode(b"PK..").decode()}
    reply = service.travel_attachment(make_request("/x"), attachment_id=9)
    assert reply.body == b"PK.." and reply.content_type.endswith("wordprocessingml.document")
    assert reply.headers["Content-Disposition"] == 'attachment; filename="notulen rapat.docx"'
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    service.travel.get_attachment.return_value = {"filename": "foto.jpg", "content_type": "image/jpeg",
                                                  "content_b64": "/9j/"}
    assert service.travel_attachment(make_request("/x"), attachment_id=9).headers["Content-Disposition"] == \
        'attachment; filename="foto.jpg"'


@pytest.mark.parametrize("name, expected", [
    ("SPT_1.pdf", 'inline; filename="SPT_1.pdf"'),
    ('a"b\r\nc.pdf', 'inline; filename="a_b_c.pdf"; filename*=UTF-8\'\'a%22b%0D%0Ac.pdf'),
    ("../../etc/passwd", 'inline; filename="passwd"'),
    ("C:\\x\\laporan.pdf", 'inline; filename="laporan.pdf"'),
    ("Laporan Dinas – Bali.pdf", "inline; filename=\"Laporan Dinas _ Bali.pdf\"; "
                                 "filename*=UTF-8''Laporan%20Dinas%20%E2%80%93%20Bali.pdf"),
    ("", 'inline; filename="berkas"'),
    (None, 'inline; filename="berkas"'),
])
def test_content_disposition_is_safe(name, expected):
    assert content_disposition(name) == expected


# -- public verification ---------------------------------------------------------------------------

def test_letter_check_is_public_and_not_cached(service):
    service.travel.verify_letter.return_value = {"number": "000.1.2.3/1/Biro Umum/2026", "status": "issued"}
    token = "A" * 32
    reply = service.verify_letter(make_request(f"/api/v1/public/letters/{token}"), token=token)
    assert reply.body["status"] == "issued" and reply.headers == {"Cache-Control": "no-store"}
    service.auth.authenticate.assert_not_called()
    service.travel.verify_letter.assert_called_once_with(token=token)


@pytest.mark.parametrize("token", ["short", "x" * 65, "bad token with spaces", "a.b.c.d.e.f.g.h.i.j"])
def test_implausible_tokens_are_404_without_asking_travel(service, token):
    with pytest.raises(NotFound):
        letter_token(token)
    assert isinstance(service.verify_letter(make_request("/x"), token=token), NotFound)
    service.travel.verify_letter.assert_not_called()


# -- the spec --------------------------------------------------------------------------------------

TRAVEL_ROUTES = {
    ("get", "/api/v1/travel/orders"), ("post", "/api/v1/travel/orders"),
    ("get", "/api/v1/travel/orders/{order_id}"), ("patch", "/api/v1/travel/orders/{order_id}"),
    *{("post", f"/api/v1/travel/orders/{{order_id}}/{action}") for action in (
        "submit", "approve", "reject", "issue", "cancel", "complete", "realize", "report", "legs")},
    ("post", "/api/v1/travel/estimate"), ("get", "/api/v1/travel/orders/{order_id}/documents/{kind}"),
    ("get", "/api/v1/travel/attachments/{attachment_id}"), ("get", "/api/v1/travel/rates"),
    ("get", "/api/v1/travel/rates/{fiscal_year}"), ("post", "/api/v1/travel/rates/{fiscal_year}"),
    ("get", "/api/v1/travel/rules"), ("put", "/api/v1/travel/rules"), ("post", "/api/v1/travel/roster/sync"),
    ("get", "/api/v1/travel/roster"), ("get", "/api/v1/public/letters/{token}"),
}


@pytest.fixture(scope="module")
def spec():
    return build_spec(GatewayService)


def test_every_travel_route_is_documented_under_its_tag(spec):
    documented = {(method, path): op for path, ops in spec["paths"].items() for method, op in ops.items()}
    assert TRAVEL_ROUTES <= set(documented)
    for key in TRAVEL_ROUTES:
        assert documented[key]["tags"] == ["Perjalanan dinas"], key
    assert documented[("get", "/api/v1/public/letters/{token}")]["security"] == []


def test_travel_bodies_and_answers_come_from_the_contract(spec):
    paths = spec["paths"]
    create = paths["/api/v1/travel/orders"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/OrderIn"}
    assert create["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/OrderDetailOut"}
    schemas = spec["components"]["schemas"]
    assert "budget_account" in schemas["OrderIn"]["required"]
    assert "required" not in schemas["OrderPatch"]
    estimate = schemas["OrderDetailOut"]["properties"]["estimate"]
    assert estimate["allOf"] == [{"$ref": "#/components/schemas/EstimateOut"}]
    assert "allowed_actions" in schemas["OrderSummaryOut"]["properties"]
    assert schemas["ReportIn"]["properties"]["attachments"]["items"] == {"$ref": "#/components/schemas/AttachmentIn"}


def test_files_are_binary_in_the_spec(spec):
    paths = spec["paths"]
    document = paths["/api/v1/travel/orders/{order_id}/documents/{kind}"]["get"]
    ok = document["responses"]["200"]
    assert ok["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert "Content-Disposition" in ok["headers"]
    kind = [p for p in document["parameters"] if p.get("name") == "kind"][0]
    assert kind["schema"]["enum"] == ["spt", "sppd1", "sppd2", "rincian", "kuitansi"]
    attachment = paths["/api/v1/travel/attachments/{attachment_id}"]["get"]["responses"]["200"]
    assert attachment["content"]["*/*"]["schema"]["format"] == "binary"
    upload = paths["/api/v1/travel/rates/{fiscal_year}"]["post"]
    assert set(upload["requestBody"]["content"]) == {"application/json", "text/csv", XLSX}
    assert "415" in upload["responses"] and "403" in upload["responses"]
    assert "filename" in {p.get("name") for p in upload["parameters"]}
