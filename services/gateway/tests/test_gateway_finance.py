"""The finance routes (``gateway.domains.finance``) with finance replaced: parsing, bodies, files."""
import base64

import pytest
from gateway.domains.finance import ARCHIVE_BODY_BYTES, XLSX, ArchiveQuery, BudgetLineQuery
from gateway.http import UPLOAD_BODY_BYTES, Reply
from gateway.queries import parse_query
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, ValidationFailed
from situok_kit.pagination import DEFAULT_LIMIT

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 nota"
DPA = b"kode_sub_kegiatan;kode_rekening;pagu\n4.01.01.2.06.0001;5.1.02.01.01.0024;10000000\n"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def parse(schema, query: str) -> dict:
    return parse_query(schema, make_request("/x", query_string=query))


def post(json=None, **kwargs):
    return make_request("/x", method="POST", json=json, **kwargs)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


# -- query strings -------------------------------------------------------------------------------

@pytest.mark.parametrize("schema, query, field", [
    (BudgetLineQuery(), "fiscal_year=26", "fiscal_year"),
    (BudgetLineQuery(), "include_inactive=kadang", "include_inactive"),
    (ArchiveQuery(), "month=13", "month"),
    (ArchiveQuery(), "kind=folder", "kind"),
    (ArchiveQuery(), "date_from=2026-03-01&date_to=2026-02-01", "date_to"),
    (ArchiveQuery(), "unit_id=0", "unit_id"),
    (ArchiveQuery(), "limit=0", "limit"),
])
def test_bad_list_filters_name_the_parameter(schema, query, field):
    with pytest.raises(ValidationFailed) as caught:
        parse(schema, query)
    assert list(caught.value.fields) == [field]


def test_enumerations_are_finances_own():
    from finance.schemas.archive import ARCHIVE_KINDS, INTEGRITY_STATES

    assert ArchiveQuery().fields["kind"].metadata["enum"] == list(ARCHIVE_KINDS)
    assert ArchiveQuery().fields["integrity"].metadata["enum"] == list(INTEGRITY_STATES)


# -- budget ---------------------------------------------------------------------------------------

def test_budget_lines_pass_their_filters(service):
    service.finance.list_budget_lines.return_value = {"items": [], "next_cursor": None}
    reply = service.list_finance_budget_lines(make_request(
        "/x", query_string="fiscal_year=2026&account_code=5.1.02&include_inactive=true&limit=5"))
    assert reply.status == 200 and reply.body == {"items": [], "next_cursor": None}
    service.finance.list_budget_lines.assert_called_once_with(
        filters={"fiscal_year": 2026, "account_code": "5.1.02", "include_inactive": True}, cursor=None, limit=5)
    service.list_finance_budget_lines(make_request("/x"))
    service.finance.list_budget_lines.assert_called_with(filters=None, cursor=None, limit=DEFAULT_LIMIT)


def test_budget_overview_and_versions_by_year(service):
    service.finance.budget_overview.return_value = {"fiscal_year": 2026, "version": None}
    assert service.finance_budget(make_request("/x"), fiscal_year=2026).body["fiscal_year"] == 2026
    service.finance.budget_overview.assert_called_once_with(fiscal_year=2026)
    service.finance.list_budget_versions.return_value = [{"number": 1}, {"number": 0}]
    assert service.list_finance_budget_versions(make_request("/x"), fiscal_year=2026).body == {
        "items": [{"number": 1}, {"number": 0}]}
    service.finance.get_budget_line.side_effect = NotFound("Baris anggaran tidak ditemukan.")
    assert isinstance(service.get_finance_budget_line(make_request("/x"), line_id=9), NotFound)


def test_a_dpa_file_as_json_or_the_file_itself_with_a_label(service):
    service.finance.load_budget.return_value = {"id": 3, "number": 1}
    reply = service.load_finance_budget(post({"filename": "dpa.csv", "content_b64": b64(DPA)}), fiscal_year=2026)
    assert isinstance(reply, Reply) and reply.status == 201
    service.finance.load_budget.assert_called_once_with(fiscal_year=2026, filename="dpa.csv", content_b64=b64(DPA))
    service.finance.load_budget.reset_mock()
    service.load_finance_budget(make_request("/x", method="POST", data=DPA, content_type="text/csv",
                                             query_string="label=DPA%20Perubahan%202026"), fiscal_year=2026)
    service.finance.load_budget.assert_called_once_with(fiscal_year=2026, filename="dpa-2026.csv",
                                                        content_b64=b64(DPA), label="DPA Perubahan 2026")
    service.finance.load_budget.reset_mock()
    service.load_finance_budget(make_request("/x", method="POST", data=b"PK\x03\x04", content_type=XLSX,
                                             query_string="filename=dpa%202026.xlsx"), fiscal_year=2026)
    assert service.finance.load_budget.call_args.kwargs["filename"] == "dpa 2026.xlsx"
    wrong = service.load_finance_budget(make_request("/x", method="POST", data=PDF, content_type="application/pdf"),
                                        fiscal_year=2026)
    assert isinstance(wrong, UnsupportedMediaType)
    service.finance.load_budget.side_effect = Forbidden("Hanya admin yang dapat memuat DPA.")
    assert isinstance(service.load_finance_budget(post({"filename": "a.csv", "content_b64": "YQ=="}),
                                                  fiscal_year=2026), Forbidden)


# -- archive --------------------------------------------------------------------------------------

def test_archive_register_passes_its_filters(service):
    service.finance.list_archive.return_value = {"items": [], "next_cursor": None}
    service.list_finance_archive(make_request("/x", query_string="q=kertas%20hvs&date_from=2026-01-01&month=2"))
    service.finance.list_archive.assert_called_once_with(
        filters={"q": "kertas hvs", "date_from": "2026-01-01", "month": 2}, cursor=None, limit=DEFAULT_LIMIT)


def test_an_archive_upload_is_201_with_location_and_takes_a_10_mb_file(service):
    service.finance.archive_upload.return_value = {"id": 7, "kind": "file"}
    body = {"classification_code": "900.1.4", "title": "Nota ATK", "filename": "nota.pdf",
            "content_b64": "A" * (UPLOAD_BODY_BYTES + 1024 * 1024)}   # 10 MB in base64 is over 8 MiB
    reply = service.upload_finance_archive(post(body, headers={"Idempotency-Key": "nota-atk-1"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/finance/archive/7"}
    service.finance.archive_upload.assert_called_once_with(data=body, idempotency_key="nota-atk-1")
    too_big = service.upload_finance_archive(post({"content_b64": "A" * ARCHIVE_BODY_BYTES}))
    assert isinstance(too_big, PayloadTooLarge)
    service.finance.archive_register_link.return_value = {"id": 8, "kind": "link"}
    link = {"classification_code": "900.1", "title": "Kuitansi", "url": "https://drive.google.com/file/d/x"}
    reply = service.register_finance_archive_link(post(link))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/finance/archive/8"}
    service.finance.archive_register_link.assert_called_once_with(data=link, idempotency_key=None)


def test_an_archived_file_is_always_an_attachment(service):
    service.finance.archive_file.return_value = {"filename": "nota toko.pdf", "content_type": "application/pdf",
                                                 "sha256": "ab" * 32, "content_b64": b64(PDF)}
    reply = service.finance_archive_file(make_request("/x"), document_id=7)
    assert reply.body == PDF and reply.content_type == "application/pdf"
    assert reply.headers["Content-Disposition"].startswith("attachment;")
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    service.finance.archive_file.assert_called_once_with(document_id=7)
    service.finance.archive_file.return_value = {"filename": "x.html", "content_type": "text/html",
                                                 "sha256": "ab" * 32, "content_b64": b64(b"<script>")}
    assert service.finance_archive_file(make_request("/x"), document_id=7).content_type == \
        "application/octet-stream"


def test_classifications_and_the_integrity_check(service):
    service.finance.list_archive_classifications.return_value = [{"code": "900.1"}]
    assert service.list_finance_archive_classifications(make_request("/x")).body == {"items": [{"code": "900.1"}]}
    csv = b"code,name,active_years,inactive_years,disposition\n900.1,Keuangan,2,8,musnah\n"
    service.load_finance_archive_classifications(make_request("/x", method="POST", data=csv,
                                                              content_type="text/csv"))
    service.finance.load_archive_classifications.assert_called_once_with(filename="klasifikasi-arsip.csv",
                                                                         content_b64=b64(csv))
    service.finance.check_archive.return_value = {"checked": 0, "problems": []}
    assert service.check_finance_archive(post()).status == 200
    service.finance.check_archive.assert_called_once_with()
    wrong = service.check_finance_archive(post({"all": "yes"}))
    assert isinstance(wrong, ValidationFailed) and wrong.fields == {"all": "Kolom tidak dikenal."}


# -- SPJ ------------------------------------------------------------------------------------------

SPJ_ANSWER = {"id": 12, "status": "draft", "allowed_actions": ["edit", "submit", "cancel"]}


def test_list_spj_passes_the_queue_and_filters(service):
    service.finance.list_spj.return_value = {"items": [SPJ_ANSWER], "next_cursor": None}
    reply = service.list_spj(make_request("/x", query_string="queue=verify&year=2026&mine=true"))
    assert reply.body["items"][0]["allowed_actions"] == ["edit", "submit", "cancel"]
    service.finance.list_spj.assert_called_once_with(filters={"queue": "verify", "year": 2026, "mine": True},
                                                     cursor=None, limit=DEFAULT_LIMIT)
    assert isinstance(service.list_spj(make_request("/x", query_string="queue=semua")), ValidationFailed)
    assert isinstance(service.list_spj(make_request("/x", query_string="status=lunas")), ValidationFailed)


def test_create_spj_is_201_with_location_and_idempotent(service):
    service.finance.create_spj.return_value = SPJ_ANSWER
    body = {"budget_line_id": 3, "title": "ATK Januari", "purchases": []}
    reply = service.create_spj(post(body, headers={"Idempotency-Key": "spj-1"}))
    assert reply.status == 201 and reply.headers == {"Location": "/api/v1/finance/spj/12"}
    service.finance.create_spj.assert_called_once_with(data=body, idempotency_key="spj-1")
    service.update_spj(make_request("/x", method="PUT", json=body), spj_id=12)
    service.finance.update_spj.assert_called_once_with(spj_id=12, data=body)


def test_workflow_actions_send_their_fields(service):
    service.submit_spj(post({"note": "Mohon diverifikasi"}), spj_id=12)
    service.finance.submit_spj.assert_called_once_with(spj_id=12, note="Mohon diverifikasi")
    service.verify_spj(post(), spj_id=12)
    service.finance.verify_spj.assert_called_once_with(spj_id=12)
    service.endorse_spj(post({"note": "Di atas batas: untuk PA/KPA"}), spj_id=12)
    service.finance.endorse_spj.assert_called_once_with(spj_id=12, note="Di atas batas: untuk PA/KPA")
    service.reject_spj(post({"reason": "Nota tidak terbaca"}), spj_id=12)
    service.finance.reject_spj.assert_called_once_with(spj_id=12, reason="Nota tidak terbaca")
    service.return_spj(post({"notes": {"5": "Nota tanpa cap toko"}}), spj_id=12)
    service.finance.return_spj.assert_called_once_with(spj_id=12, notes={"5": "Nota tanpa cap toko"})
    service.pay_spj(post({"medium": "bank", "paid_on": "2026-02-03"}), spj_id=12)
    service.finance.pay_spj.assert_called_once_with(spj_id=12, data={"medium": "bank", "paid_on": "2026-02-03"})
    wrong = service.approve_spj(post({"note": "ok", "status": "approved"}), spj_id=12)
    assert isinstance(wrong, ValidationFailed) and wrong.fields == {"status": "Kolom tidak dikenal."}
    wrong = service.cancel_spj(post({"reason": ["x"]}), spj_id=12)
    assert isinstance(wrong, ValidationFailed) and wrong.fields == {"reason": "Harus teks."}
    service.finance.approve_spj.side_effect = Forbidden("SPJ yang Anda buat sendiri tidak dapat disetujui oleh Anda.")
    assert isinstance(service.approve_spj(post(), spj_id=12), Forbidden)


def test_spj_printout_is_the_pdf(service):
    service.finance.spj_document.return_value = {"filename": "SPJ-001.pdf", "content_type": "application/pdf",
                                                 "content_b64": b64(PDF)}
    reply = service.spj_document(make_request("/x"), spj_id=12)
    assert reply.body == PDF and reply.content_type == "application/pdf"
    assert 'filename="SPJ-001.pdf"' in reply.headers["Content-Disposition"]


# -- books ----------------------------------------------------------------------------------------

def test_book_reads_pass_their_parameters_by_name(service):
    service.finance_cash_book(make_request("/x", query_string="month_from=2&month_to=3&medium=cash&limit=20"),
                              fiscal_year=2026)
    service.finance.cash_book.assert_called_once_with(fiscal_year=2026, month_from=2, month_to=3, medium="cash",
                                                      limit=20)
    service.finance_cash_book(make_request("/x"), fiscal_year=2026)
    service.finance.cash_book.assert_called_with(fiscal_year=2026)
    wrong = service.finance_cash_book(make_request("/x", query_string="month_from=5&month_to=4"), fiscal_year=2026)
    assert isinstance(wrong, ValidationFailed) and list(wrong.fields) == ["month_to"]
    service.finance_subsidiary_book(make_request("/x", query_string="tax_kind=pph22&month=1"), fiscal_year=2026,
                                    book="pajak")
    service.finance.subsidiary_book.assert_called_once_with(fiscal_year=2026, book="pajak", tax_kind="pph22",
                                                            month=1)
    service.close_finance_month(post(), fiscal_year=2026, month=1)
    service.finance.close_month.assert_called_once_with(fiscal_year=2026, month=1)


def test_a_subsidiary_book_is_one_of_finances_books():
    from finance.schemas.books import BOOKS
    from gateway.http import route_map

    urls = route_map(GatewayService).bind("localhost")
    for book in BOOKS:
        assert urls.match(f"/api/v1/finance/books/2026/{book}", method="GET")[1] == {"fiscal_year": 2026,
                                                                                    "book": book}
    assert urls.match("/api/v1/finance/books/2026/months", method="GET")[1] == {"fiscal_year": 2026}


def test_a_books_export_is_the_file_as_an_attachment(service):
    service.finance.books_document.return_value = {"filename": "BKU-2026-01.xlsx", "content_type": XLSX,
                                                   "content_b64": b64(b"PK\x03\x04")}
    reply = service.finance_books_export(make_request("/x", query_string="kind=bku&month=1&format=xlsx"),
                                         fiscal_year=2026)
    assert reply.body == b"PK\x03\x04" and reply.content_type == XLSX
    assert reply.headers["Content-Disposition"] == 'attachment; filename="BKU-2026-01.xlsx"'
    service.finance.books_document.assert_called_once_with(fiscal_year=2026, kind="bku", month=1, format="xlsx")
    missing = service.finance_books_export(make_request("/x", query_string="month=1"), fiscal_year=2026)
    assert isinstance(missing, ValidationFailed) and missing.fields == {"kind": "Wajib diisi."}


# -- travel SPJ -----------------------------------------------------------------------------------

def test_travel_spj_printouts_and_the_inbox(service):
    service.finance.travel_spj_document.return_value = {"filename": "rincian-7.pdf", "content_type": "application/pdf",
                                                        "content_b64": b64(PDF)}
    reply = service.travel_spj_document(make_request("/x", query_string="kind=riil&employee_id=4"), spj_id=7)
    assert reply.body == PDF and reply.content_type == "application/pdf"
    service.finance.travel_spj_document.assert_called_once_with(spj_id=7, kind="riil", employee_id=4)
    wrong = service.travel_spj_document(make_request("/x", query_string="kind=kuitansi"), spj_id=7)
    assert isinstance(wrong, ValidationFailed) and list(wrong.fields) == ["kind"]
    service.finance.travel_spj_inbox.return_value = {"items": [], "next_cursor": None}
    service.finance_travel_spj_inbox(make_request("/x", query_string="limit=10"))
    service.finance.travel_spj_inbox.assert_called_once_with(cursor=None, limit=10)
    service.finance.retry_travel_spj.return_value = {"drafted": 1, "waiting": 0}
    assert service.retry_finance_travel_spj(post()).body == {"drafted": 1, "waiting": 0}
    service.finance.retry_travel_spj.assert_called_once_with()
