"""The travel API (perjalanan dinas): ``/api/v1/travel/...`` and the public letter check.

A mixin ``GatewayService`` inherits, so ``service.py`` stays readable; the routes are as thin as the others:
read the request, call travel over RPC (``self.travel``) with the caller's identity, answer. travel decides
who may do what (404 unseen, 403 not allowed, 409 wrong status, 422 per field).

Files: attachments and receipts travel inside the JSON as base64 (``content_b64``), so the routes that carry
them (trip report, realization, rate table) read up to ``UPLOAD_BODY_BYTES`` (8 MiB), every other route 1 MiB.
A rate table may also be sent as the file itself (``Content-Type: text/csv`` or the XLSX type, ``?filename=``).
Printouts and attachments are answered as the file itself, decoded from travel's base64.
"""
from __future__ import annotations

import re

from situok_kit.errors import NotFound
from situok_kit.rpc import TimedRpcProxy

from .http import (
    UPLOAD_BODY_BYTES,
    V1,
    Reply,
    api,
    created,
    idempotency_key,
    read_fields,
    read_json,
    read_upload,
    service_file,
)
from .openapi import NOTE_BODY, REASON_BODY, Operation
from .queries import (
    RATE_UPLOAD_QUERY,
    TRAVEL_DOCUMENT_QUERY,
    TRAVEL_ORDER_QUERY,
    RateUploadQuery,
    TravelDocumentQuery,
    TravelOrderQuery,
    page_args,
    parse_query,
)

TRAVEL = "Perjalanan dinas"
ORDERS = f"{V1}/travel/orders"
ORDER = ORDERS + "/<int:order_id>"
DOCUMENT_KINDS = ("spt", "sppd1", "sppd2", "rincian", "kuitansi")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Rate files accepted as the body itself: media type -> default file extension.
RATE_FILE_TYPES = {"text/csv": ".csv", XLSX: ".xlsx"}
#: A letter's verification token (``secrets.token_urlsafe(24)``; travel accepts 16-64 such characters).
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

_FILES = "Badan paling besar 8 MiB (lampiran base64 di dalam JSON, masing-masing paling besar 5 MB)."


def rate_file(request, fiscal_year: int) -> tuple[str, str]:
    """(filename, content_b64) of a rate-table upload: JSON ``{filename, content_b64}``, or the CSV/XLSX file
    itself as the body with ``?filename=`` (default ``tarif-<year>.csv``/``.xlsx``). Anything else is a 415."""
    return read_upload(request, RATE_FILE_TYPES, RATE_UPLOAD_QUERY, f"tarif-{fiscal_year}", "tabel tarif")


def letter_token(token: str) -> str:
    """A plausible verification token; anything else is a 404 without asking travel."""
    if not _TOKEN.match(token):
        raise NotFound("Surat tidak ditemukan.")
    return token


class TravelRoutes:
    """Routes of the travel API (mixed into ``GatewayService``)."""

    travel = TimedRpcProxy("travel")

    # -- orders ------------------------------------------------------------------------------------

    @api("GET", ORDERS, doc=Operation(
        "Daftar surat perintah tugas", TRAVEL, response="OrderPage", query=TravelOrderQuery,
        description="Urut tanggal berangkat terbaru; hanya surat yang boleh dilihat pemanggil (admin dan pimpinan "
                    "semua; kepala unit surat unitnya dan sub-unitnya; selain itu yang diajukan atau diikuti)."))
    def list_travel_orders(self, request):
        return self.travel.list_orders(**page_args(TRAVEL_ORDER_QUERY, request))

    @api("POST", ORDERS, doc=Operation(
        "Ajukan perjalanan dinas (draf)", TRAVEL, response="OrderDetailOut", status=201, body="OrderIn",
        errors=(403, 409), idempotent=True, location=True,
        description="Pegawai untuk dirinya sendiri; kepala unit untuk pegawai unitnya; admin untuk siapa saja. "
                    "Perkiraan biaya dihitung dan disimpan (`estimate`)."))
    def create_travel_order(self, request):
        order = self.travel.create_order(read_json(request), idempotency_key=idempotency_key(request))
        return created(order, f"{ORDERS}/{order['id']}")

    @api("GET", ORDER, doc=Operation(
        "Data satu surat perintah tugas", TRAVEL, response="OrderDetailOut", errors=(404,)))
    def get_travel_order(self, request, order_id):
        return self.travel.get_order(order_id)

    @api("PATCH", ORDER, doc=Operation(
        "Ubah draf", TRAVEL, response="OrderDetailOut", body="OrderPatch", errors=(403, 404, 409),
        description="Hanya draf, hanya pengaju (atau admin). Kolom yang dikirim saja yang berubah; perkiraan biaya "
                    "dihitung ulang."))
    def update_travel_order(self, request, order_id):
        return self.travel.update_order(order_id, read_json(request))

    @api("POST", f"{V1}/travel/estimate", doc=Operation(
        "Perkiraan biaya draf yang belum disimpan", TRAVEL, response="EstimateOut", body="EstimateIn",
        description="Uang harian × hari, penginapan × malam (luar kota), transport (tidak dengan kendaraan dinas), "
                    "representasi; dari tabel tarif tahun keberangkatan. Kolom formulir lain diabaikan."))
    def estimate_travel(self, request):
        return self.travel.estimate(read_json(request))

    # -- workflow actions --------------------------------------------------------------------------

    @api("POST", f"{ORDER}/submit", doc=Operation(
        "Kirim untuk persetujuan", TRAVEL, response="OrderDetailOut", body="NoteIn", body_required=False,
        errors=(403, 404, 409), description="Oleh pengaju. Pelaksana harus aktif dan tidak sedang bertugas pada "
                                            "tanggal itu. " + NOTE_BODY))
    def submit_travel_order(self, request, order_id):
        return self.travel.submit_order(order_id, **read_fields(request, "note"))

    @api("POST", f"{ORDER}/approve", doc=Operation(
        "Setujui", TRAVEL, response="OrderDetailOut", body="NoteIn", body_required=False, errors=(403, 404, 409),
        description="Oleh penyetuju menurut aturan persetujuan (tingkat pelaksana tertinggi, unit yang membawahi "
                    "semua pelaksana, bukan pelaksana sendiri). 409 bila pelaksana sudah bertugas pada tanggal "
                    "itu. " + NOTE_BODY))
    def approve_travel_order(self, request, order_id):
        return self.travel.approve_order(order_id, **read_fields(request, "note"))

    @api("POST", f"{ORDER}/reject", doc=Operation(
        "Tolak", TRAVEL, response="OrderDetailOut", body="ReasonIn", errors=(403, 404, 409),
        description="Oleh penyetuju. " + REASON_BODY))
    def reject_travel_order(self, request, order_id):
        return self.travel.reject_order(order_id, **read_fields(request, "reason"))

    @api("POST", f"{ORDER}/issue", doc=Operation(
        "Terbitkan (beri nomor SPT dan SPPD)", TRAVEL, response="OrderDetailOut", errors=(403, 404, 409, 422),
        description="Oleh penyetuju atau admin: nomor tanpa celah, `verify_url` untuk kode QR. Tanpa badan."))
    def issue_travel_order(self, request, order_id):
        read_fields(request)
        return self.travel.issue_order(order_id)

    @api("POST", f"{ORDER}/cancel", doc=Operation(
        "Batalkan", TRAVEL, response="OrderDetailOut", body="ReasonIn", errors=(403, 404, 409),
        description="Pengaju selama draf/diajukan; penyetuju atau admin sesudahnya. Surat terbit tetap bernomor. "
                    + REASON_BODY))
    def cancel_travel_order(self, request, order_id):
        return self.travel.cancel_order(order_id, **read_fields(request, "reason"))

    @api("POST", f"{ORDER}/legs", doc=Operation(
        "Catat tiba/berangkat (SPPD lembar II)", TRAVEL, response="LegOut", status=201, body="LegIn",
        errors=(403, 404, 409),
        description="Oleh pelaksana pada SPPD-nya sendiri, selama surat terbit; waktunya jam server."))
    def record_travel_leg(self, request, order_id):
        return Reply(self.travel.record_leg(order_id, read_json(request)), 201)

    @api("POST", f"{ORDER}/report", doc=Operation(
        "Laporan perjalanan dinas", TRAVEL, response="OrderDetailOut", body="ReportIn", errors=(403, 404, 409),
        description="Oleh pengaju atau pelaksana, selama surat terbit; mengganti laporan sebelumnya. " + _FILES))
    def file_travel_report(self, request, order_id):
        return self.travel.file_report(order_id, read_json(request, max_bytes=UPLOAD_BODY_BYTES))

    @api("POST", f"{ORDER}/complete", doc=Operation(
        "Nyatakan selesai", TRAVEL, response="OrderDetailOut", body="NoteIn", body_required=False,
        errors=(403, 404, 409), description="Perlu laporan (422 pada `report` bila belum ada). " + NOTE_BODY))
    def complete_travel_order(self, request, order_id):
        return self.travel.complete_order(order_id, **read_fields(request, "note"))

    @api("POST", f"{ORDER}/realize", doc=Operation(
        "Biaya riil (realisasi)", TRAVEL, response="OrderDetailOut", body="RealizeIn", errors=(403, 404, 409),
        description="Sesudah selesai: rincian biaya riil dengan bukti; keuangan menyusun SPJ darinya. " + _FILES))
    def realize_travel_order(self, request, order_id):
        return self.travel.realize_order(order_id, read_json(request, max_bytes=UPLOAD_BODY_BYTES))

    # -- files -------------------------------------------------------------------------------------

    @api("GET", f"{ORDER}/documents/<any({', '.join(DOCUMENT_KINDS)}):kind>", doc=Operation(
        "Cetak SPT, SPPD lembar I/II, rincian biaya, kuitansi (PDF)", TRAVEL, errors=(404,),
        query=TravelDocumentQuery, content_type="application/pdf", download=True,
        description="PDF-nya sendiri. Surat yang belum terbit tercetak sebagai draf, yang dibatalkan bertanda air. "
                    "`traveller_id` memilih pelaksana untuk sppd1, sppd2, rincian, kuitansi."))
    def travel_order_document(self, request, order_id, kind):
        traveller_id = parse_query(TRAVEL_DOCUMENT_QUERY, request).get("traveller_id")
        return service_file(self.travel.order_document(order_id, kind, traveller_id=traveller_id), "document",
                            "application/pdf")

    @api("GET", f"{V1}/travel/attachments/<int:attachment_id>", doc=Operation(
        "Unduh lampiran laporan atau bukti biaya", TRAVEL, errors=(404,), content_type="*/*", download=True,
        description="Berkasnya sendiri, dengan Content-Type yang disimpan (PDF, gambar, DOCX, teks). PDF dan "
                    "gambar `inline`, selainnya `attachment`."))
    def travel_attachment(self, request, attachment_id):
        found = self.travel.get_attachment(attachment_id)
        content_type = found.get("content_type") or "application/octet-stream"
        inline = content_type == "application/pdf" or content_type.startswith("image/")
        return service_file(found, "attachment", content_type, inline=inline)

    # -- rate tables -------------------------------------------------------------------------------

    @api("GET", f"{V1}/travel/rates", doc=Operation(
        "Daftar tabel tarif per tahun anggaran", TRAVEL, response="RateTableList"))
    def list_rate_tables(self, request):
        return {"items": self.travel.list_rate_tables()}

    @api("GET", f"{V1}/travel/rates/<int:fiscal_year>", doc=Operation(
        "Tabel tarif satu tahun anggaran", TRAVEL, response="RateTableDetailOut", errors=(422,),
        description="422 pada `fiscal_year` bila tabel tahun itu belum dimuat."))
    def get_rate_table(self, request, fiscal_year):
        return self.travel.get_rate_table(fiscal_year)

    @api("POST", f"{V1}/travel/rates/<int:fiscal_year>", doc=Operation(
        "Muat tabel tarif dari CSV/XLSX (admin)", TRAVEL, response="RateTableOut", body="RateFileUploadIn",
        raw_bodies=tuple(RATE_FILE_TYPES), query=RateUploadQuery, errors=(403,),
        description="Dua cara: JSON `{filename, content_b64}`, atau berkasnya sendiri sebagai badan dengan "
                    "`Content-Type: text/csv` atau XLSX dan `?filename=`. Kolom: jenis, provinsi, kategori, "
                    "tingkat, jumlah. Berkas salah ditolak utuh: 422 dengan `fields[\"baris_<n>.<kolom>\"]`; "
                    "berkas benar mengganti tabel tahun itu. Badan paling besar 8 MiB, berkas 2 MB."))
    def load_rate_table(self, request, fiscal_year):
        filename, content_b64 = rate_file(request, fiscal_year)
        return self.travel.load_rate_table(fiscal_year, filename, content_b64)

    # -- configuration and roster ------------------------------------------------------------------

    @api("GET", f"{V1}/travel/rules", doc=Operation(
        "Aturan tingkat, persetujuan dan templat nomor", TRAVEL, response="RulesOut"))
    def get_travel_rules(self, request):
        return self.travel.get_rules()

    @api("PUT", f"{V1}/travel/rules", doc=Operation(
        "Ganti aturan (admin)", TRAVEL, response="RulesOut", body="RulesIn", errors=(403,),
        description="Salah satu atau lebih dari `level_rules`, `approval_rules` (masing-masing mengganti seluruh "
                    "tabelnya) dan `number_templates` (jenis yang dikirim saja)."))
    def update_travel_rules(self, request):
        return self.travel.update_rules(read_json(request))

    @api("GET", f"{V1}/travel/roster", doc=Operation(
        "Status salinan data pegawai di layanan perjalanan dinas", TRAVEL, response="RosterStatusOut"))
    def travel_roster_status(self, request):
        return self.travel.roster_status()

    @api("POST", f"{V1}/travel/roster/sync", doc=Operation(
        "Tarik ulang data pegawai dari personnel (admin)", TRAVEL, response="RosterSyncOut", errors=(403,)))
    def sync_travel_roster(self, request):
        return self.travel.sync_roster()

    # -- public --------------------------------------------------------------------------------------

    @api("GET", f"{V1}/public/letters/<token>", public=True, doc=Operation(
        "Verifikasi surat dari kode QR (publik)", TRAVEL, response="LetterVerificationOut", errors=(404,),
        description="Tanpa autentikasi. Hanya nomor, nama pelaksana, tujuan, tanggal dan status surat; "
                    "`valid` false bila dibatalkan. Token tidak dikenal: 404."))
    def verify_letter(self, request, token):
        return Reply(self.travel.verify_letter(letter_token(token)), headers={"Cache-Control": "no-store"})
