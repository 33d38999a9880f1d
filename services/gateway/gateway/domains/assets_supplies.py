"""The assets API — Persediaan: permintaan, antrean pengurus barang, kartu persediaan, stock opname.

assets decides who may do what (404 unseen, 403 not allowed, 409 wrong status, 422 per field); each request it
answers carries the caller's ``allowed_actions``. Quantities are integers, amounts integer rupiah, dates WITA.
The stock card and the semester report are also answered as files (PDF/XLSX), decoded from assets' base64.
"""
from __future__ import annotations

from assets.schemas.supplies import SUPPLY_FORMATS, SUPPLY_QUEUES, SUPPLY_REQUEST_STATUSES
from marshmallow import ValidationError, validates_schema

from ..http import read_fields
from ..queries import QuerySchema, bool_param, date_param, int_param, one_of_param, text_param
from ..routes import NO_BODY, Fields, Json, Route, file_answer
from . import Domain, Tag

ASSETS_SUPPLIES = "Aset: supplies"
ITEMS = "/assets/supplies"
ITEM = f"{ITEMS}/<int:item_id>"
RECEIPTS = "/assets/supply-receipts"
REQUESTS = "/assets/supply-requests"
REQUEST = f"{REQUESTS}/<int:request_id>"
COUNTS = "/assets/supply-counts"
COUNT = f"{COUNTS}/<int:count_id>"
REPORT = "/assets/supply-reports/<int:year>/<int:semester>"
KEEPERS = "Pengurus barang atau admin (selain itu 403)."
READERS = "Pengurus barang, admin, pimpinan dan kepala bagian (selain itu 403)."
REQUEST_ANSWER = ("Jawaban: permintaan dengan `allowed_actions` pemanggil. Permintaan yang tidak terlihat 404, tanpa "
                  "wewenang (atau permintaan sendiri) 403, status yang salah 409.")


class Members(Fields):
    """An action's optional JSON body holding at most ``names``, each passed by its name whatever its JSON type
    (assets validates it): an approval's or issue's ``lines`` list."""

    def read(self, request, path: dict) -> dict:
        return read_fields(request, *self.names)


class PagingQuery(QuerySchema):
    cursor = text_param("Cursor dari `next_cursor` halaman sebelumnya.", 1000)
    limit = int_param("Baris per halaman (1–200, bawaan 50).", 1, 200, "Harus antara 1 dan 200.")


class ItemQuery(PagingQuery):
    q = text_param("Teks pada kode atau nama barang.", 100)
    include_inactive = bool_param("Sertakan barang yang tidak aktif.")
    low_only = bool_param("Hanya barang dengan stok pada/di bawah minimum.")


class DateRangeQuery(PagingQuery):
    date_from = date_param("Dari tanggal (YYYY-MM-DD).")
    date_to = date_param("Sampai tanggal (YYYY-MM-DD).")

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data, **kwargs):
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError({"date_to": "Tidak boleh sebelum tanggal awal."})


class CardExportQuery(QuerySchema):
    date_from = date_param("Dari tanggal (YYYY-MM-DD).")
    date_to = date_param("Sampai tanggal (YYYY-MM-DD).")
    format = one_of_param(SUPPLY_FORMATS, "`pdf` (bawaan) atau `xlsx`.")


class RequestQuery(PagingQuery):
    queue = one_of_param(SUPPLY_QUEUES, "`mine` (bawaan) permintaan saya; `approve` kotak persetujuan kepala unit; "
                                        "`issue` antrean pengurus barang (disetujui, terlama dahulu); `all`.")
    status = one_of_param(SUPPLY_REQUEST_STATUSES, "Hanya status ini.")


class ReportExportQuery(QuerySchema):
    format = one_of_param(SUPPLY_FORMATS, "`pdf` (bawaan) atau `xlsx`.")


def file_type(found: dict, args: dict) -> str:
    return found.get("content_type") or "application/pdf"


DOMAIN = Domain(
    service="assets",
    position=54,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_SUPPLIES, "Persediaan: permintaan, antrean pengurus barang, kartu persediaan, stock opname."),),
    routes=(
        # -- items
        Route("GET", ITEMS, "supply_items", "Daftar barang persediaan dengan stoknya", ASSETS_SUPPLIES,
              name="list_asset_supplies", response="SupplyItemPage", query=ItemQuery(), errors=(422,),
              description="Urut kode, per halaman; stok dan nilainya (FIFO), `low` bila pada/di bawah minimum. "
                          "Setiap pegawai yang masuk."),
        Route("POST", ITEMS, "create_supply_item", "Tambah barang persediaan", ASSETS_SUPPLIES,
              name="create_asset_supply", response="SupplyItemOut", status=201, body=Json("SupplyItemIn"),
              idempotent=True, location="/assets/supplies/{id}", errors=(403, 409),
              description="Kode unik (409 bila sudah dipakai). " + KEEPERS),
        Route("GET", f"{ITEMS}/low-stock", "supply_low_stock", "Barang dengan stok pada/di bawah minimum",
              ASSETS_SUPPLIES, name="list_asset_supplies_low", response="SupplyLowStockOut", errors=(403,),
              description=KEEPERS),
        Route("GET", ITEM, "get_supply_item", "Data satu barang persediaan", ASSETS_SUPPLIES,
              name="get_asset_supply", response="SupplyItemOut", errors=(404,)),
        Route("PATCH", ITEM, "update_supply_item", "Ubah barang persediaan", ASSETS_SUPPLIES,
              name="update_asset_supply", response="SupplyItemOut", body=Json("SupplyItemPatchIn", partial=True),
              errors=(403, 404, 409), description="Kolom yang dikirim saja. " + KEEPERS),
        Route("GET", f"{ITEM}/stock-card", "supply_stock_card", "Kartu persediaan", ASSETS_SUPPLIES,
              name="asset_supply_stock_card", response="SupplyStockCardOut", query=DateRangeQuery(),
              errors=(403, 404, 422),
              description="Mutasi urut tanggal dengan saldo berjalan (jumlah dan nilai), per halaman (`cursor`, "
                          "`limit`), dan saldo awal, jumlah masuk/keluar, saldo akhir periode. " + READERS),
        Route("GET", f"{ITEM}/stock-card/export", "supply_stock_card_document", "Unduh kartu persediaan (PDF/XLSX)",
              ASSETS_SUPPLIES, name="asset_supply_stock_card_export", query=CardExportQuery(),
              errors=(403, 404, 422), content_type="application/octet-stream", download=True,
              answer=file_answer("stock-card", inline=False, content_type=file_type),
              description="Berkasnya sendiri sebagai lampiran, dengan kop dan blok tanda tangan. " + READERS),
        # -- receipts
        Route("GET", RECEIPTS, "supply_receipts", "Daftar penerimaan persediaan", ASSETS_SUPPLIES,
              name="list_asset_supply_receipts", response="SupplyReceiptPage", query=DateRangeQuery(),
              errors=(403, 422), description="Terbaru dahulu, dengan jumlah nilainya. " + KEEPERS),
        Route("POST", RECEIPTS, "receive_supplies", "Catat penerimaan persediaan (pembelian)", ASSETS_SUPPLIES,
              name="create_asset_supply_receipt", response="SupplyReceiptOut", status=201,
              body=Json("SupplyReceiptIn"), idempotent=True, location="/assets/supply-receipts/{id}",
              errors=(403,),
              description="Tanggal tidak setelah hari ini; tiap baris menjadi lot FIFO (harga satuannya) dan mutasi "
                          "kartu persediaan. Menerbitkan `assets.supply_received`. " + KEEPERS),
        Route("GET", f"{RECEIPTS}/<int:receipt_id>", "get_supply_receipt", "Data satu penerimaan persediaan",
              ASSETS_SUPPLIES, name="get_asset_supply_receipt", response="SupplyReceiptOut", errors=(403, 404),
              description=KEEPERS),
        # -- requests
        Route("GET", REQUESTS, "supply_requests", "Daftar permintaan persediaan", ASSETS_SUPPLIES,
              name="list_asset_supply_requests", response="SupplyRequestPage", query=RequestQuery(),
              errors=(403, 422),
              description="`queue=mine` (bawaan): permintaan saya; `approve`: kotak persetujuan kepala unit (selain "
                          "kepala unit 403); `issue`: antrean pengurus barang (selain pengurus barang/admin 403); "
                          "`all`: semua (pengurus barang) atau unit saya (kepala unit)."),
        Route("POST", REQUESTS, "request_supplies", "Ajukan permintaan persediaan", ASSETS_SUPPLIES,
              name="create_asset_supply_request", response="SupplyRequestOut", status=201,
              body=Json("SupplyRequestIn"), idempotent=True, location="/assets/supply-requests/{id}",
              errors=(403,),
              description="Setiap pegawai: keperluan dan barang (tiap barang sekali, yang aktif). Menerbitkan "
                          "`assets.supply_requested`."),
        Route("GET", REQUEST, "get_supply_request", "Data satu permintaan persediaan", ASSETS_SUPPLIES,
              name="get_asset_supply_request", response="SupplyRequestOut", errors=(404,),
              description="Peminta, kepala unitnya (atau unit di atasnya), pengurus barang; selain itu 404."),
        Route("POST", f"{REQUEST}/approve", "approve_supply_request", "Setujui permintaan persediaan",
              ASSETS_SUPPLIES, name="approve_asset_supply_request", response="SupplyRequestOut",
              body=Members("lines", "note", component="SupplyApproveIn"), errors=(403, 404, 409),
              description="Kepala unit peminta atau unit di atasnya, bukan peminta sendiri: `{lines: [{line_id, "
                          "quantity}], note}` (jumlah ≤ diminta; baris yang tidak disebut disetujui penuh). "
                          "Menerbitkan `assets.supply_request_decided`. " + REQUEST_ANSWER),
        Route("POST", f"{REQUEST}/reject", "reject_supply_request", "Tolak permintaan persediaan", ASSETS_SUPPLIES,
              name="reject_asset_supply_request", response="SupplyRequestOut",
              body=Fields("reason", component="SupplyReasonIn", required=True), errors=(403, 404, 409),
              description="Kepala unit peminta: `{reason}` (wajib). " + REQUEST_ANSWER),
        Route("POST", f"{REQUEST}/cancel", "cancel_supply_request", "Batalkan permintaan persediaan",
              ASSETS_SUPPLIES, name="cancel_asset_supply_request", response="SupplyRequestOut",
              body=Fields("reason", component="SupplyCancelIn"), errors=(403, 404, 409),
              description="Peminta, selama diajukan. " + REQUEST_ANSWER),
        Route("POST", f"{REQUEST}/issue", "issue_supply_request", "Serahkan persediaan (FIFO)", ASSETS_SUPPLIES,
              name="issue_asset_supply_request", response="SupplyRequestOut",
              body=Members("lines", "note", component="SupplyIssueIn"), errors=(403, 404, 409),
              description="Pengurus barang/admin, permintaan disetujui: lot diambil FIFO (terlama dahulu), nilai tiap "
                          "baris = Σ jumlah dari lot × harganya. Stok kurang: diserahkan yang ada, dicatat per baris; "
                          "stok kosong sama sekali 409. Menerbitkan `assets.supply_issued` dan `assets.stock_low`. "
                          + REQUEST_ANSWER),
        # -- stock opname
        Route("GET", COUNTS, "supply_counts", "Daftar stock opname persediaan", ASSETS_SUPPLIES,
              name="list_asset_supply_counts", response="SupplyCountPage", query=PagingQuery(), errors=(403, 422),
              description=KEEPERS),
        Route("POST", COUNTS, "create_supply_count", "Catat stock opname persediaan (konsep)", ASSETS_SUPPLIES,
              name="create_asset_supply_count", response="SupplyCountOut", status=201, body=Json("SupplyCountIn"),
              idempotent=True, location="/assets/supply-counts/{id}", errors=(403,),
              description="Tanggal, catatan, hasil hitung per barang. " + KEEPERS),
        Route("GET", COUNT, "get_supply_count", "Data satu stock opname persediaan", ASSETS_SUPPLIES,
              name="get_asset_supply_count", response="SupplyCountOut", errors=(403, 404), description=KEEPERS),
        Route("PUT", COUNT, "update_supply_count", "Ganti konsep stock opname", ASSETS_SUPPLIES,
              name="update_asset_supply_count", response="SupplyCountOut", body=Json("SupplyCountIn"),
              errors=(403, 404, 409), description="Selama konsep (sudah diterapkan 409). " + KEEPERS),
        Route("POST", f"{COUNT}/apply", "apply_supply_count", "Terapkan stock opname", ASSETS_SUPPLIES,
              name="apply_asset_supply_count", response="SupplyCountOut", body=NO_BODY, errors=(403, 404, 409),
              description="Selisih dicatat sebagai mutasi: kurang mengambil lot FIFO pada nilainya, lebih menjadi lot "
                          "baru pada harga terakhir; sesudahnya tidak dapat diubah (409). " + KEEPERS),
        # -- the semester report
        Route("GET", REPORT, "supply_report", "Laporan persediaan semesteran", ASSETS_SUPPLIES,
              name="asset_supply_report", response="SupplyReportOut", errors=(403, 422),
              description="Semester 1: Januari–Juni, 2: Juli–Desember (lainnya 422). Per barang saldo awal, "
                          "penerimaan, pengeluaran, penyesuaian, saldo akhir (jumlah dan nilai), dengan jumlahnya. "
                          + READERS),
        Route("GET", f"{REPORT}/export", "supply_report_document", "Unduh laporan persediaan semesteran (PDF/XLSX)",
              ASSETS_SUPPLIES, name="asset_supply_report_export", query=ReportExportQuery(), errors=(403, 422),
              content_type="application/octet-stream", download=True,
              answer=file_answer("report", inline=False, content_type=file_type),
              description="A4 melintang, kop surat, ditandatangani pengurus barang dan \"Mengetahui\" Kepala Biro. "
                          + READERS),
    ),
)
