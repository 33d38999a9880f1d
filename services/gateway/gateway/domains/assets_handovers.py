"""The assets API — Serah terima (BAST), pengembalian, pemindahan; pemeliharaan.

assets decides who may do what (the keeper — pengurus barang or admin — writes; a BAST is read by the keeper
and its parties, 404 for anyone else; maintenance is read by the keeper and the report roles, 403 otherwise; a
record's wrong status 409; bad input 422 per field). Each maintenance record carries the caller's
``allowed_actions``. The BAST is answered as the PDF itself.
"""
from __future__ import annotations

from assets.schemas.handovers import HANDOVER_KINDS
from assets.schemas.maintenance import MAINTENANCE_STATUSES
from marshmallow import fields, validate

from ..queries import (
    DateRange,
    PageQuery,
    QuerySchema,
    bool_param,
    date_param,
    id_param,
    int_param,
    one_of_param,
    text_param,
)
from ..routes import NO_BODY, Fields, Json, Route, file_answer, items
from . import Domain, Tag

ASSETS_HANDOVERS = "Aset: handovers"
HANDOVER = "/assets/handovers/<int:handover_id>"
RECORD = "/assets/maintenance/records/<int:record_id>"
KEEPER = "Pengurus barang atau admin (selain itu 403)."
READERS = "Pengurus barang, admin, pimpinan dan kepala bagian (selain itu 403)."
RECORD_ANSWER = ("Jawaban: catatan dengan `allowed_actions` pemanggil. Tidak ditemukan 404, bukan pengurus barang "
                 "403, status yang salah 409.")


class HandoverQuery(DateRange, PageQuery):
    kind = one_of_param(HANDOVER_KINDS, "`handover`, `return` atau `move`.")
    employee_id = id_param("Yang menyangkut pegawai ini (pemegang baru/lama, pihak pertama atau kedua).")
    room_id = id_param("Ke atau dari ruangan ini.")
    asset_id = id_param("Yang memuat barang ini.")
    date_from = date_param("Tanggal serah terima pada/sesudah ini (YYYY-MM-DD).")
    date_to = date_param("Tanggal serah terima pada/sebelum ini (YYYY-MM-DD).")


class CandidateQuery(QuerySchema):
    q = text_param("Nama, awal kode barang, `<kode>/<nomor register>` atau id.", 100)
    holder_employee_id = id_param("Yang dipegang pegawai ini.")
    room_id = id_param("Yang berada di ruangan ini.")


class MaintenanceRecordQuery(PageQuery):
    status = one_of_param(MAINTENANCE_STATUSES, "Hanya status ini.")
    asset_id = id_param("Hanya barang ini.")
    year = int_param("Selesai atau dijadwalkan pada tahun ini.", 2000, 2100, "Tahun 2000-2100.")


class MaintenancePlanQuery(QuerySchema):
    asset_id = id_param("Hanya rencana barang ini.")
    include_inactive = bool_param("Sertakan rencana yang dihentikan.")


class MaintenanceDueQuery(QuerySchema):
    month = fields.String(validate=validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$",
                                                   error="Harus bulan dengan format YYYY-MM."),
                          error_messages={"invalid": "Harus teks."},
                          metadata={"description": "Bulan (YYYY-MM); bawaan: bulan ini (WITA).",
                                    "example": "2026-12"})


DOMAIN = Domain(
    service="assets",
    position=52,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_HANDOVERS, "Serah terima (BAST), pengembalian, pemindahan; pemeliharaan."),),
    routes=(
        # -- handovers (BAST)
        Route("GET", "/assets/handovers", "list_handovers", "Daftar serah terima (BAST)", ASSETS_HANDOVERS,
              response="HandoverPage", query=HandoverQuery(), paged=True, errors=(422,),
              description="Terbaru dulu. Pengurus barang dan admin melihat semua; pegawai lain hanya BAST yang "
                          "menyangkut dirinya (pemegang baru/lama, pihak pertama/kedua)."),
        Route("POST", "/assets/handovers", "create_handover", "Catat serah terima, pengembalian atau pemindahan",
              ASSETS_HANDOVERS, response="HandoverOut", status=201, body=Json("HandoverIn"), idempotent=True,
              location="/assets/handovers/{id}", errors=(403, 422),
              description="Langsung berlaku dalam satu transaksi: nomor BAST, ruangan/pemegang (dan kondisi) barang "
                          "diubah, riwayat tiap barang ditulis, `assets.item_handed_over` per barang. Salah satu "
                          "barang tidak dikenal atau dihapuskan: 422 per barang dan tidak ada yang berubah (nomor "
                          "pun tidak terpakai). " + KEEPER),
        Route("GET", "/assets/handovers/options", "handover_options", "Pilihan formulir serah terima",
              ASSETS_HANDOVERS, response="HandoverOptionsOut", errors=(403,),
              description="Pegawai aktif (salinan roster) dan ruangan aktif. " + KEEPER),
        Route("GET", "/assets/handovers/candidates", "find_handover_items", "Cari barang untuk diserahterimakan",
              ASSETS_HANDOVERS, response="HandoverCandidateOut", answer=items, query=CandidateQuery(),
              errors=(403, 422),
              description="Barang aktif menurut nama/kode/nomor register, pemegang atau ruangan (paling banyak 30), "
                          "dengan ruangan dan pemegangnya sekarang. " + KEEPER),
        Route("GET", HANDOVER, "get_handover", "Data satu BAST", ASSETS_HANDOVERS, response="HandoverOut",
              errors=(404,),
              description="Dengan barangnya. Pengurus barang, admin, dan para pihak/pemegangnya; selain itu 404."),
        Route("GET", f"{HANDOVER}/document", "handover_document", "Cetak BAST (PDF)", ASSETS_HANDOVERS,
              errors=(404,), content_type="application/pdf", download=True,
              answer=file_answer("document", "application/pdf"),
              description="PDF-nya sendiri: kop, nomor, hari dan tanggal dengan huruf, para pihak, daftar barang, "
                          "tanda tangan dan \"Mengetahui\" Kepala Biro. Siapa yang dapat melihat BAST-nya."),
        # -- maintenance
        Route("GET", "/assets/maintenance/due", "maintenance_due", "Pemeliharaan jatuh tempo bulan ini",
              ASSETS_HANDOVERS, response="MaintenanceDueListOut", query=MaintenanceDueQuery(), errors=(403, 422),
              description="Rencana yang jatuh tempo pada bulan itu atau sudah lewat, atau yang odometer "
                          "kendaraannya dalam batas km dari jatuh tempo km. " + READERS),
        Route("GET", "/assets/maintenance/costs/<int:year>", "maintenance_costs",
              "Biaya pemeliharaan per barang setahun", ASSETS_HANDOVERS, response="MaintenanceCostsOut",
              errors=(403, 422), description="Pemeliharaan yang selesai pada tahun itu. " + READERS),
        Route("GET", "/assets/maintenance/plans", "list_maintenance_plans", "Rencana pemeliharaan",
              ASSETS_HANDOVERS, response="MaintenancePlanOut", answer=items, query=MaintenancePlanQuery(),
              errors=(403,), description="Jatuh tempo terdekat dulu. " + READERS),
        Route("POST", "/assets/maintenance/plans", "create_maintenance_plan", "Buat rencana pemeliharaan",
              ASSETS_HANDOVERS, response="MaintenancePlanOut", status=201, body=Json("MaintenancePlanIn"),
              errors=(403, 422),
              description="Setiap N bulan dan/atau (kendaraan) setiap N km; jatuh tempo dihitung dari yang "
                          "terakhir. " + KEEPER),
        Route("PATCH", "/assets/maintenance/plans/<int:plan_id>", "update_maintenance_plan",
              "Ubah rencana pemeliharaan", ASSETS_HANDOVERS, response="MaintenancePlanOut",
              body=Json("MaintenancePlanChangeIn", partial=True), errors=(403, 404, 422),
              description="Kolom yang dikirim saja; `active=false` menghentikannya. " + KEEPER),
        Route("GET", "/assets/maintenance/records", "list_maintenance_records", "Catatan pemeliharaan",
              ASSETS_HANDOVERS, response="MaintenanceRecordPage", query=MaintenanceRecordQuery(), paged=True,
              errors=(403,), description="Terbaru dulu, dengan `allowed_actions` pemanggil. " + READERS),
        Route("POST", "/assets/maintenance/records", "create_maintenance_record",
              "Jadwalkan pemeliharaan atau catat yang sudah dikerjakan", ASSETS_HANDOVERS,
              response="MaintenanceRecordOut", status=201, body=Json("MaintenanceRecordIn"), idempotent=True,
              location="/assets/maintenance/records/{id}", errors=(403, 409, 422),
              description="`status=scheduled` (bawaan): jendela `starts_at`–`ends_at` diumumkan ke booking "
                          "(`assets.maintenance_scheduled`), jendela yang bertumpang tindih 409. `status=done`: "
                          "pemeliharaan yang sudah dikerjakan (`done_on`), langsung ke riwayat. " + KEEPER),
        Route("GET", RECORD, "get_maintenance_record", "Data satu catatan pemeliharaan", ASSETS_HANDOVERS,
              response="MaintenanceRecordOut", errors=(403, 404), description=READERS),
        Route("POST", f"{RECORD}/start", "start_maintenance", "Mulai pemeliharaan", ASSETS_HANDOVERS,
              response="MaintenanceRecordOut", body=NO_BODY, errors=(403, 404, 409),
              description="Barang sedang dipelihara; kendaraan diumumkan tidak tersedia. Tanpa badan. "
                          + RECORD_ANSWER),
        Route("POST", f"{RECORD}/finish", "finish_maintenance", "Selesaikan pemeliharaan", ASSETS_HANDOVERS,
              response="MaintenanceRecordOut", body=Json("MaintenanceFinishIn", required=False),
              errors=(403, 404, 409, 422),
              description="Badan opsional `{done_on, vendor, cost, odometer_km, note}`. Riwayat barang ditulis, "
                          "jatuh tempo rencana bergeser, `assets.maintenance_ended` dan `assets.maintenance_recorded`. "
                          + RECORD_ANSWER),
        Route("POST", f"{RECORD}/cancel", "cancel_maintenance", "Batalkan pemeliharaan", ASSETS_HANDOVERS,
              response="MaintenanceRecordOut", body=Fields("reason", component="MaintenanceReasonIn", required=True),
              errors=(403, 404, 409, 422),
              description="Badan: `{reason}` (wajib). `assets.maintenance_ended`. " + RECORD_ANSWER),
    ),
)
