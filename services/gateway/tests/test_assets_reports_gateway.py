"""The assets reports routes (``gateway.domains.assets_reports``) with assets replaced: label sheets (the QR's
site is the request's host), the KIR, KIB exports (the query's filters), depreciation; files answered as files."""
import base64

import pytest
from gateway.service import GatewayService
from gateway_requests import make_request
from nameko.testing.services import worker_factory
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed

PDF = b"%PDF-1.4\n% label"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def service():
    return worker_factory(GatewayService)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def pdf_answer(name="label.pdf"):
    return {"filename": name, "content_type": "application/pdf", "content_b64": b64(PDF)}


def test_a_label_sheet_points_its_qr_codes_at_the_requests_host(service):
    service.assets.label_sheet.return_value = pdf_answer()
    request = make_request("/x", method="POST", json={"asset_ids": [3, 4], "skip": 2},
                           headers={"Host": "aset.example.go.id"})
    reply = service.assets_label_sheet(request)
    assert reply.body == PDF and reply.content_type == "application/pdf"
    service.assets.label_sheet.assert_called_once_with(base_url="http://aset.example.go.id", asset_ids=[3, 4],
                                                       skip=2)
    service.assets.label_sheet.reset_mock()
    service.assets_label_sheet(make_request("/x", method="POST", json={"room_id": 9, "asset_ids": None}))
    service.assets.label_sheet.assert_called_once_with(base_url="http://localhost", room_id=9)


def test_a_label_sheet_refuses_what_it_does_not_know_and_passes_the_services_answers(service):
    odd = service.assets_label_sheet(make_request("/x", method="POST", json={"asset_ids": [1],
                                                                             "base_url": "https://evil"}))
    assert isinstance(odd, ValidationFailed) and odd.fields == {"base_url": "Tidak dikenal."}
    service.assets.label_sheet.assert_not_called()
    for error in (Forbidden("x"), Conflict("x"), NotFound("x"), ValidationFailed("x", {"asset_ids": "y"})):
        service.assets.label_sheet.side_effect = error
        assert service.assets_label_sheet(make_request("/x", method="POST", json={"asset_ids": [1]})) is error


def test_the_kir_as_json_and_as_a_file(service):
    service.assets.room_inventory.return_value = {"room": {"id": 5}, "lines": []}
    assert service.room_inventory(make_request("/x"), room_id=5).body == {"room": {"id": 5}, "lines": []}
    service.assets.room_inventory.assert_called_once_with(room_id=5)
    service.assets.room_inventory_document.return_value = {"filename": "kir-R1.xlsx", "content_type": XLSX,
                                                           "content_b64": b64(b"PK\x03\x04")}
    reply = service.room_inventory_document(make_request("/x", query_string="format=xlsx"), room_id=5)
    assert reply.body == b"PK\x03\x04" and reply.content_type == XLSX
    assert reply.headers["Content-Disposition"] == 'attachment; filename="kir-R1.xlsx"'
    service.assets.room_inventory_document.assert_called_once_with(room_id=5, format="xlsx")
    wrong = service.room_inventory_document(make_request("/x", query_string="format=docx"), room_id=5)
    assert isinstance(wrong, ValidationFailed) and list(wrong.fields) == ["format"]


def test_a_kib_export_passes_its_filters(service):
    service.assets.kib_export.return_value = {"filename": "kib-b.xlsx", "content_type": XLSX,
                                              "content_b64": b64(b"PK")}
    reply = service.assets_kib_export(make_request("/x", query_string="room_id=4&condition=RB&year_from=2020"),
                                      kib="B")
    assert reply.body == b"PK" and reply.content_type == XLSX
    service.assets.kib_export.assert_called_once_with(kib="B", format="xlsx", filters={
        "room_id": 4, "condition": "RB", "year_from": 2020})
    service.assets.kib_export.reset_mock()
    service.assets.kib_export.return_value = pdf_answer("kib-a.pdf")
    assert service.assets_kib_export(make_request("/x", query_string="format=pdf"), kib="A").body == PDF
    service.assets.kib_export.assert_called_once_with(kib="A", format="pdf", filters=None)
    bad = service.assets_kib_export(make_request("/x", query_string="year_from=2025&year_to=2020&condition=X"),
                                    kib="B")
    assert isinstance(bad, ValidationFailed) and "condition" in bad.fields
    service.assets.kib_export.side_effect = Forbidden("Anda tidak berwenang melihat laporan aset.")
    assert isinstance(service.assets_kib_export(make_request("/x"), kib="B"), Forbidden)


def test_depreciation_per_item_and_per_year(service):
    service.assets.asset_depreciation.return_value = {"asset_id": 7, "periods": []}
    assert service.asset_depreciation(make_request("/x"), asset_id=7).body["asset_id"] == 7
    service.assets.depreciation_report.return_value = {"year": 2025, "rows": []}
    assert service.assets_depreciation_report(make_request("/x", query_string="year=2025&kib=B")).body["year"] == 2025
    service.assets.depreciation_report.assert_called_once_with(year=2025, kib="B")
    missing = service.assets_depreciation_report(make_request("/x"))
    assert isinstance(missing, ValidationFailed) and list(missing.fields) == ["year"]
    service.assets.depreciation_report.reset_mock()
    service.assets.depreciation_report.return_value = pdf_answer("penyusutan-2025.pdf")
    reply = service.assets_depreciation_export(make_request("/x", query_string="year=2025"))
    assert reply.body == PDF and reply.headers["Content-Disposition"] == 'attachment; filename="penyusutan-2025.pdf"'
    service.assets.depreciation_report.assert_called_once_with(year=2025, format="pdf")
