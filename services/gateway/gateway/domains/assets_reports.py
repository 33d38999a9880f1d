"""The assets API — Label QR, pindai label di ponsel, KIR per ruangan, ekspor KIB, penyusutan.

assets decides who may do what: the pengurus barang (and admin) prints labels; every signed-in employee reads a
room's KIR; the report readers (pengurus barang, admin, pimpinan, kepala bagian) export the KIB and read the
depreciation (others 403). Files are answered as the file itself, decoded from assets' base64.
"""
from __future__ import annotations

from assets.documents.kib import CONTENT_TYPES, FORMATS
from assets.schemas.register import CONDITIONS
from marshmallow import ValidationError, fields, validate, validates_schema
from situok_kit.errors import ValidationFailed

from ..queries import QuerySchema, id_param, int_param, one_of_param
from ..routes import Json, Route, file_answer
from . import Domain, Tag

ASSETS_REPORTS = "Aset: reports"
ROOM_KIR = "/assets/rooms/<int:room_id>/inventory"
KEEPERS = "Pengurus barang atau admin (selain itu 403)."
READERS = "Setiap pegawai yang masuk."
REPORT_READERS = "Pengurus barang, admin, pimpinan, kepala bagian (selain itu 403)."
FILE_TYPES = " atau ".join(f"`{t}`" for t in CONTENT_TYPES.values())
#: What a label sheet's JSON body may hold (the QR's site is the request's own host).
LABEL_FIELDS = ("asset_ids", "room_id", "layout", "skip")
_YEAR = ("Harus tahun antara 1900 dan 2100.",)


def _year(description: str, required: bool = False) -> fields.Integer:
    field = int_param(description, 1900, 2100, _YEAR[0])
    if required:
        field.required = True
        field.error_messages["required"] = "Wajib diisi."
    return field


class KirDocumentQuery(QuerySchema):
    format = one_of_param(FORMATS, "`pdf` (bawaan) atau `xlsx`.")


class KibExportQuery(QuerySchema):
    format = one_of_param(FORMATS, "`xlsx` (bawaan) atau `pdf`.")
    room_id = id_param("Hanya barang di ruangan ini.")
    condition = one_of_param(CONDITIONS, "Hanya kondisi ini: B, KB, RB.")
    year_from = _year("Tahun perolehan dari.")
    year_to = _year("Tahun perolehan sampai.")

    @validates_schema
    def _years(self, data, **kwargs):
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            raise ValidationError("Tahun akhir tidak boleh sebelum tahun awal.", "year_to")


class DepreciationQuery(QuerySchema):
    year = _year("Tahun laporan (posisi 31 Desember).", required=True)
    kib = fields.String(validate=validate.OneOf(tuple("ABCDEF"), error="Harus salah satu dari: A, B, C, D, E, F."),
                        metadata={"description": "Satu KIB (dengan rincian per barang); kosong: rekap per KIB.",
                                  "enum": list("ABCDEF")})


class DepreciationExportQuery(DepreciationQuery):
    format = one_of_param(FORMATS, "`pdf` (bawaan) atau `xlsx`.", load_default="pdf")


def file_type(found: dict, args: dict) -> str:
    return found.get("content_type") or "application/pdf"


def _route(name: str) -> Route:
    return next(r for r in DOMAIN.routes if r.operation_id == name)


def print_labels(service, request):
    """The label sheet for the body's items or room; the QR leads to this host's ``/aset/barang/<id>``."""
    route = _route("assets_label_sheet")
    body = route.body.read(request, {})["data"]
    unknown = {name: "Tidak dikenal." for name in body if name not in LABEL_FIELDS}
    if unknown:
        raise ValidationFailed("Data tidak valid.", unknown)
    args = {name: body[name] for name in LABEL_FIELDS if body.get(name) is not None}
    answer = service.assets.label_sheet(base_url=request.host_url.rstrip("/"), **args)
    return route.reply(answer, args)


def export_kib(service, request, kib):
    """The KIB's file: the query's filters go to ``kib_export`` as ``filters``."""
    route = _route("assets_kib_export")
    args = route.arguments(request, {})
    fmt = args.pop("format", "xlsx")
    answer = service.assets.kib_export(kib=kib, format=fmt, filters=args or None)
    return route.reply(answer, {"format": fmt})


DOMAIN = Domain(
    service="assets",
    position=51,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_REPORTS, "Label QR, pindai label di ponsel, KIR per ruangan, ekspor KIB, penyusutan."),),
    routes=(
        Route("POST", "/assets/labels", "label_sheet", "Cetak lembar label QR (PDF A4)", ASSETS_REPORTS,
              name="assets_label_sheet", body=Json("LabelSheetIn"), handler=print_labels, errors=(403, 404, 409, 422),
              content_type="application/pdf", download=True, answer=file_answer("labels", "application/pdf"),
              description="Label barang `asset_ids` (paling banyak 1.000) atau semua barang aktif `room_id`, di "
                          "kertas label A4 (`layout`, bawaan `a4-3x8`: 24 label 70 × 37 mm; `skip`: lewati label "
                          "pertama). QR berisi `<host ini>/aset/barang/<id>` (`base_url` diisi gateway). Barang yang "
                          "dicetak ditandai `label_printed_at`. Barang tak dikenal 422 pada `asset_ids`, barang yang "
                          "sudah dihapuskan 409, ruangan tak dikenal 404. " + KEEPERS),
        Route("GET", ROOM_KIR, "room_inventory", "KIR ruangan (JSON)", ASSETS_REPORTS, response="RoomInventoryOut",
              errors=(404,), description="Kartu Inventaris Ruangan saat ini: barang aktif di ruangan, yang sejenis "
                                         "dikelompokkan dengan jumlah dan nomor register, beserta penanda tangan. "
                                         + READERS),
        Route("GET", f"{ROOM_KIR}/document", "room_inventory_document", "Unduh KIR ruangan (PDF/XLSX)",
              ASSETS_REPORTS, query=KirDocumentQuery(), errors=(404, 422), content_type="application/octet-stream",
              download=True, answer=file_answer("report", inline=False, content_type=file_type),
              description=f"Berkasnya sendiri sebagai lampiran: {FILE_TYPES}; A4 lanskap dengan kop, ditandatangani "
                          "penanggung jawab ruangan dan pengurus barang. " + READERS),
        Route("GET", "/assets/kib/<kib>/export", "kib_export", "Unduh KIB A–F (XLSX/PDF)", ASSETS_REPORTS,
              name="assets_kib_export", query=KibExportQuery(), handler=export_kib, errors=(403, 404, 422),
              content_type="application/octet-stream", download=True,
              answer=file_answer("report", inline=False, content_type=file_type),
              description=f"Berkasnya sendiri sebagai lampiran: {FILE_TYPES}, dengan kolom baku KIB dan jumlahnya; "
                          "saringan ruangan, kondisi, tahun perolehan. KIB selain A–F 422; ruangan tak dikenal "
                          "404. " + REPORT_READERS),
        Route("GET", "/assets/items/<int:asset_id>/depreciation", "asset_depreciation", "Jadwal penyusutan barang",
              ASSETS_REPORTS, response="AssetDepreciationOut", errors=(403, 404),
              description="Garis lurus sepanjang masa manfaat kodenya, per tahun atau per semester (pengaturan); "
                          "tanah dan KDP tidak disusutkan. " + REPORT_READERS),
        Route("GET", "/assets/depreciation", "depreciation_report", "Laporan penyusutan setahun (JSON)",
              ASSETS_REPORTS, name="assets_depreciation_report", response="DepreciationReportOut",
              query=DepreciationQuery(), errors=(403, 422),
              description="Per KIB (atau satu KIB dengan rincian per barang) pada 31 Desember: nilai perolehan, "
                          "penyusutan tahun itu, akumulasi, nilai buku; barang aktif (yang dihapuskan keluar sejak "
                          "tanggal penghapusannya). " + REPORT_READERS),
        Route("GET", "/assets/depreciation/export", "depreciation_report", "Unduh laporan penyusutan (PDF/XLSX)",
              ASSETS_REPORTS, name="assets_depreciation_export", query=DepreciationExportQuery(), errors=(403, 422),
              content_type="application/octet-stream", download=True,
              answer=file_answer("report", inline=False, content_type=file_type),
              description=f"Berkasnya sendiri sebagai lampiran: {FILE_TYPES}. " + REPORT_READERS),
    ),
)
