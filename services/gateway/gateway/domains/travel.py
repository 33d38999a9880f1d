"""The travel API (perjalanan dinas, RPC to ``travel``) and the public letter check.

travel decides who may do what (404 unseen, 403 not allowed, 409 wrong status, 422 per field); each order it
answers carries the caller's ``allowed_actions``. Files: attachments and receipts travel inside the JSON as
base64, so the routes that carry them read up to 8 MiB; a rate table may also be sent as the file itself.
Printouts and attachments are answered as the file itself, decoded from travel's base64.
"""
from __future__ import annotations

from situok_kit.errors import NotFound
from travel.schemas import DOCUMENT_KINDS, LETTER_TOKEN, STATUSES

from ..http import UPLOAD_BODY_BYTES
from ..queries import DateRange, FilenameQuery, PageQuery, QuerySchema, bool_param, date_param, id_param, one_of_param
from ..routes import NO_BODY, Fields, Json, Route, Upload, file_answer, items
from . import Domain, Tag

TRAVEL = "Perjalanan dinas"
ORDER = "/travel/orders/<int:order_id>"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NOTE = "Badan opsional: `{note}`."
REASON = "Badan: `{reason}` (wajib)."
FILES = "Badan paling besar 8 MiB (lampiran base64 di dalam JSON, masing-masing paling besar 5 MB)."


class TravelOrderQuery(DateRange, PageQuery):
    status = one_of_param(STATUSES, "Hanya surat dengan status ini.")
    unit_id = id_param("Hanya surat unit ini (termasuk sub-unitnya): unit surat atau unit seorang pelaksana.")
    date_from = date_param("Berangkat pada/sesudah tanggal ini (YYYY-MM-DD).")
    date_to = date_param("Berangkat pada/sebelum tanggal ini (YYYY-MM-DD).")
    mine = bool_param("Hanya yang saya ajukan atau saya ikuti.")


class TravelDocumentQuery(QuerySchema):
    traveller_id = id_param("Pelaksana (id pegawai) untuk sppd1, sppd2, rincian dan kuitansi bila pelaksananya "
                            "lebih dari satu.")


def letter_token(token: str) -> str:
    """A plausible verification token; anything else is a 404 without asking travel."""
    if not LETTER_TOKEN.match(token):
        raise NotFound("Surat tidak ditemukan.")
    return token


def attachment_inline(found: dict) -> bool:
    content_type = found.get("content_type") or ""
    return content_type == "application/pdf" or content_type.startswith("image/")


def attachment_file(found: dict, args: dict):
    return file_answer("attachment", inline=attachment_inline(found))(found, args)


DOMAIN = Domain(
    service="travel",
    position=30,
    schemas="travel.schemas",
    tags=(Tag(TRAVEL, "Surat Perintah Tugas (SPT) dan SPPD: pengajuan, persetujuan, penerbitan, laporan, biaya "
                      "riil, cetak PDF, tabel tarif, aturan, dan verifikasi surat (publik)."),),
    routes=(
        # -- orders
        Route("GET", "/travel/orders", "list_orders", "Daftar surat perintah tugas", TRAVEL,
              name="list_travel_orders", response="OrderPage", query=TravelOrderQuery(), paged=True,
              description="Urut tanggal berangkat terbaru; hanya surat yang boleh dilihat pemanggil (admin dan "
                          "pimpinan semua; kepala unit surat unitnya dan sub-unitnya; selain itu yang diajukan "
                          "atau diikuti). Tiap surat membawa `allowed_actions` pemanggil."),
        Route("POST", "/travel/orders", "create_order", "Ajukan perjalanan dinas (draf)", TRAVEL,
              name="create_travel_order", response="OrderDetailOut", status=201, body=Json("OrderIn"),
              errors=(403, 409), idempotent=True, location="/travel/orders/{id}",
              description="Pegawai untuk dirinya sendiri; kepala unit untuk pegawai unitnya; admin untuk siapa "
                          "saja. Perkiraan biaya dihitung dan disimpan (`estimate`)."),
        Route("GET", ORDER, "get_order", "Data satu surat perintah tugas", TRAVEL, name="get_travel_order",
              response="OrderDetailOut", errors=(404,),
              description="`allowed_actions`: tindakan yang boleh dilakukan pemanggil sekarang."),
        Route("PATCH", ORDER, "update_order", "Ubah draf", TRAVEL, name="update_travel_order",
              response="OrderDetailOut", body=Json("OrderIn", partial=True), errors=(403, 404, 409),
              description="Hanya draf, hanya pengaju (atau admin). Kolom yang dikirim saja yang berubah; "
                          "perkiraan biaya dihitung ulang."),
        Route("POST", "/travel/estimate", "estimate", "Perkiraan biaya draf yang belum disimpan", TRAVEL,
              name="estimate_travel", response="EstimateOut", body=Json("EstimateIn"),
              description="Uang harian × hari, penginapan × malam (luar kota), transport (tidak dengan kendaraan "
                          "dinas), representasi; dari tabel tarif tahun keberangkatan. Kolom formulir lain "
                          "diabaikan."),
        # -- workflow actions
        Route("POST", f"{ORDER}/submit", "submit_order", "Kirim untuk persetujuan", TRAVEL,
              name="submit_travel_order", response="OrderDetailOut", body=Fields("note", component="NoteIn"),
              errors=(403, 404, 409), description="Oleh pengaju. Pelaksana harus aktif dan tidak sedang bertugas "
                                                  "pada tanggal itu. " + NOTE),
        Route("POST", f"{ORDER}/approve", "approve_order", "Setujui", TRAVEL, name="approve_travel_order",
              response="OrderDetailOut", body=Fields("note", component="NoteIn"), errors=(403, 404, 409),
              description="Oleh penyetuju menurut aturan persetujuan (tingkat pelaksana tertinggi, unit yang "
                          "membawahi semua pelaksana, bukan pelaksana sendiri). 409 bila pelaksana sudah bertugas "
                          "pada tanggal itu. " + NOTE),
        Route("POST", f"{ORDER}/reject", "reject_order", "Tolak", TRAVEL, name="reject_travel_order",
              response="OrderDetailOut", body=Fields("reason", component="ReasonIn", required=True),
              errors=(403, 404, 409), description="Oleh penyetuju. " + REASON),
        Route("POST", f"{ORDER}/issue", "issue_order", "Terbitkan (beri nomor SPT dan SPPD)", TRAVEL,
              name="issue_travel_order", response="OrderDetailOut", body=NO_BODY, errors=(403, 404, 409, 422),
              description="Oleh penyetuju atau admin: nomor tanpa celah, `verify_url` untuk kode QR. Tanpa "
                          "badan."),
        Route("POST", f"{ORDER}/cancel", "cancel_order", "Batalkan", TRAVEL, name="cancel_travel_order",
              response="OrderDetailOut", body=Fields("reason", component="ReasonIn", required=True),
              errors=(403, 404, 409),
              description="Pengaju selama draf/diajukan; penyetuju atau admin sesudahnya. Surat terbit tetap "
                          "bernomor. " + REASON),
        Route("POST", f"{ORDER}/legs", "record_leg", "Catat tiba/berangkat (SPPD lembar II)", TRAVEL,
              name="record_travel_leg", response="LegOut", status=201, body=Json("LegIn"), errors=(403, 404, 409),
              description="Oleh pelaksana pada SPPD-nya sendiri, selama surat terbit; waktunya jam server."),
        Route("POST", f"{ORDER}/report", "file_report", "Laporan perjalanan dinas", TRAVEL,
              name="file_travel_report", response="OrderDetailOut",
              body=Json("ReportIn", max_bytes=UPLOAD_BODY_BYTES), errors=(403, 404, 409),
              description="Oleh pengaju atau pelaksana, selama surat terbit; mengganti laporan sebelumnya. "
                          + FILES),
        Route("POST", f"{ORDER}/complete", "complete_order", "Nyatakan selesai", TRAVEL,
              name="complete_travel_order", response="OrderDetailOut", body=Fields("note", component="NoteIn"),
              errors=(403, 404, 409), description="Perlu laporan (422 pada `report` bila belum ada). " + NOTE),
        Route("POST", f"{ORDER}/realize", "realize_order", "Biaya riil (realisasi)", TRAVEL,
              name="realize_travel_order", response="OrderDetailOut",
              body=Json("RealizeIn", max_bytes=UPLOAD_BODY_BYTES), errors=(403, 404, 409),
              description="Sesudah selesai: rincian biaya riil dengan bukti; keuangan menyusun SPJ darinya. "
                          + FILES),
        # -- files
        Route("GET", f"{ORDER}/documents/<any({', '.join(DOCUMENT_KINDS)}):kind>", "order_document",
              "Cetak SPT, SPPD lembar I/II, rincian biaya, kuitansi (PDF)", TRAVEL, name="travel_order_document",
              query=TravelDocumentQuery(), errors=(404,), content_type="application/pdf", download=True,
              answer=file_answer("document", "application/pdf"),
              description="PDF-nya sendiri. Surat yang belum terbit tercetak sebagai draf, yang dibatalkan "
                          "bertanda air. `traveller_id` memilih pelaksana untuk sppd1, sppd2, rincian, kuitansi."),
        Route("GET", "/travel/attachments/<int:attachment_id>", "get_attachment",
              "Unduh lampiran laporan atau bukti biaya", TRAVEL, name="travel_attachment", errors=(404,),
              content_type="*/*", download=True, answer=attachment_file,
              description="Berkasnya sendiri, dengan Content-Type yang disimpan (PDF, gambar, DOCX, teks). PDF dan "
                          "gambar `inline`, selainnya `attachment`."),
        # -- rate tables
        Route("GET", "/travel/rates", "list_rate_tables", "Daftar tabel tarif per tahun anggaran", TRAVEL,
              response="RateTableOut", answer=items),
        Route("GET", "/travel/rates/<int:fiscal_year>", "get_rate_table", "Tabel tarif satu tahun anggaran",
              TRAVEL, response="RateTableDetailOut", errors=(422,),
              description="422 pada `fiscal_year` bila tabel tahun itu belum dimuat."),
        Route("POST", "/travel/rates/<int:fiscal_year>", "load_rate_table", "Muat tabel tarif dari CSV/XLSX (admin)",
              TRAVEL, response="RateTableOut", errors=(403,),
              body=Upload("RateFileUploadIn", {"text/csv": ".csv", XLSX: ".xlsx"}, FilenameQuery(),
                          "tarif-{fiscal_year}", "tabel tarif"),
              description="Dua cara: JSON `{filename, content_b64}`, atau berkasnya sendiri sebagai badan dengan "
                          "`Content-Type: text/csv` atau XLSX dan `?filename=` (bawaan `tarif-<tahun>.csv`). "
                          "Kolom: jenis, provinsi, kategori, tingkat, jumlah. Berkas salah ditolak utuh: 422 "
                          "dengan `fields[\"baris_<n>.<kolom>\"]`; berkas benar mengganti tabel tahun itu. Badan "
                          "paling besar 8 MiB, berkas 2 MB."),
        # -- configuration and roster
        Route("GET", "/travel/capabilities", "capabilities", "Apa yang boleh dilakukan pemanggil di perjalanan dinas",
              TRAVEL, name="travel_capabilities", response="TravelCapabilitiesOut",
              description="Secara umum, menurut aturan layanan (mis. `decide`: penyetuju menurut aturan "
                          "persetujuan); tiap SPT tetap membawa `allowed_actions` pemanggil."),
        Route("GET", "/travel/rules", "get_rules", "Aturan tingkat, persetujuan dan templat nomor", TRAVEL,
              name="get_travel_rules", response="RulesOut"),
        Route("PUT", "/travel/rules", "update_rules", "Ganti aturan (admin)", TRAVEL, name="update_travel_rules",
              response="RulesOut", body=Json("RulesIn"), errors=(403,),
              description="Salah satu atau lebih dari `level_rules`, `approval_rules` (masing-masing mengganti "
                          "seluruh tabelnya) dan `number_templates` (jenis yang dikirim saja)."),
        Route("GET", "/travel/roster", "roster_status", "Status salinan data pegawai di layanan perjalanan dinas",
              TRAVEL, name="travel_roster_status", response="RosterStatusOut"),
        Route("POST", "/travel/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              TRAVEL, name="sync_travel_roster", response="RosterSyncOut", errors=(403,)),
        # -- public
        Route("GET", "/public/letters/<token>", "verify_letter", "Verifikasi surat dari kode QR (publik)", TRAVEL,
              public=True, response="LetterVerificationOut", errors=(404,), checks={"token": letter_token},
              headers={"Cache-Control": "no-store"},
              description="Tanpa autentikasi. Hanya nomor, nama pelaksana, tujuan, tanggal dan status surat; "
                          "`valid` false bila dibatalkan. Token tidak dikenal: 404."),
    ),
)
