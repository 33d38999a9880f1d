"""The assets API — Inventarisasi/sensus di ponsel dan penghapusan (RPC to ``assets``).

assets decides who may do what (404 a campaign the caller does not check, 403 not allowed, 409 wrong status,
422 per field); campaigns, their rooms and disposal proposals carry the caller's ``allowed_actions``. Files (the
berita acara, the proposal's list, the report) are answered as the file itself.
"""
from __future__ import annotations

from assets.schemas.disposal import DISPOSAL_METHODS, DISPOSAL_STATUSES, REPORT_FORMATS
from assets.schemas.stocktaking import CAMPAIGN_KINDS, CAMPAIGN_STATUSES
from marshmallow import fields, validate

from ..queries import PageQuery, QuerySchema, bool_param, id_param, one_of_param, text_param
from ..routes import NO_BODY, Fields, Json, Route, file_answer
from . import Domain, Tag

ASSETS_STOCKTAKING = "Aset: stocktaking"
CAMPAIGNS = "/assets/campaigns"
CAMPAIGN = f"{CAMPAIGNS}/<int:campaign_id>"
ROOM = f"{CAMPAIGN}/rooms/<int:room_id>"
DISPOSALS = "/assets/disposals"
DISPOSAL = f"{DISPOSALS}/<int:proposal_id>"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEEPERS = "Pengurus barang atau admin (selain itu 403)."
CHECKERS = "Petugas ruangan itu atau pengurus barang/admin (selain itu 403); selama inventarisasi berjalan (409)."
CAMPAIGN_ANSWER = ("Jawaban: inventarisasi dengan kemajuan per ruangan dan `allowed_actions`. Yang tidak dapat "
                   "dilihat pemanggil 404.")
READERS = "Pengurus barang, admin, pimpinan dan kepala bagian (selain itu 403)."
DISPOSAL_ANSWER = "Jawaban: usulan dengan barangnya dan `allowed_actions`; status yang salah 409."


class CampaignQuery(PageQuery):
    status = one_of_param(CAMPAIGN_STATUSES, "Hanya inventarisasi dengan status ini.")
    kind = one_of_param(CAMPAIGN_KINDS, "`inventarisasi` atau `sensus`.")


class RoomChoiceQuery(QuerySchema):
    q = text_param("Teks pada kode atau nama ruangan.", 100)


class CloseQuery(QuerySchema):
    force = bool_param("Tutup walau ada ruangan yang belum selesai: barang yang belum diperiksa dicatat tidak "
                       "ditemukan.")


class DisposalQuery(PageQuery):
    status = one_of_param(DISPOSAL_STATUSES, "Hanya usulan dengan status ini.")
    method = one_of_param(DISPOSAL_METHODS, "Cara penghapusan.")
    asset_id = id_param("Usulan yang memuat barang ini.")


class DisposalReportQuery(QuerySchema):
    year = fields.Integer(required=True, strict=False, validate=validate.Range(2000, 2100, error="Tahun 2000-2100."),
                          error_messages={"required": "Wajib diisi.", "invalid": "Harus bilangan bulat."},
                          metadata={"description": "Tahun berita acara penghapusan."})
    method = one_of_param(DISPOSAL_METHODS, "Cara penghapusan; kosong: semua.")


class DisposalExportQuery(DisposalReportQuery):
    format = one_of_param(REPORT_FORMATS, "`xlsx` (bawaan) atau `pdf`.")


def report_type(found: dict, args: dict) -> str:
    return found.get("content_type") or XLSX


DOMAIN = Domain(
    service="assets",
    position=53,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_STOCKTAKING, "Inventarisasi/sensus di ponsel dan penghapusan."),),
    routes=(
        # -- stock-taking campaigns
        Route("GET", CAMPAIGNS, "list_campaigns", "Daftar inventarisasi/sensus", ASSETS_STOCKTAKING,
              response="CampaignPage", query=CampaignQuery(), paged=True, errors=(),
              description="Terbaru dahulu. Pengurus barang, admin dan pembaca laporan: semua; pegawai lain: yang "
                          "ruangannya mereka periksa (selain itu daftar kosong)."),
        Route("POST", CAMPAIGNS, "create_campaign", "Buat inventarisasi/sensus", ASSETS_STOCKTAKING,
              response="CampaignDetailOut", status=201, body=Json("CampaignIn"), location="/assets/campaigns/{id}",
              errors=(403,),
              description="Nama, jenis (`inventarisasi`, atau `sensus`: seluruh barang, sedikitnya sekali lima "
                          "tahun), tanggal mulai, ruangan dan petugasnya (pegawai pada salinan roster). Langsung "
                          "berjalan. " + KEEPERS),
        Route("GET", f"{CAMPAIGNS}/choices", "campaign_choices", "Ruangan dan petugas yang dapat dipilih",
              ASSETS_STOCKTAKING, response="CampaignChoicesOut", query=RoomChoiceQuery(), errors=(403,),
              description="Ruangan aktif dengan jumlah barang aktifnya (`q` menyaring) dan pegawai aktif pada salinan "
                          "roster. " + KEEPERS),
        Route("GET", CAMPAIGN, "get_campaign", "Data satu inventarisasi", ASSETS_STOCKTAKING,
              response="CampaignDetailOut", errors=(404,), description=CAMPAIGN_ANSWER),
        Route("GET", ROOM, "campaign_room", "Lembar periksa satu ruangan", ASSETS_STOCKTAKING,
              response="CampaignRoomSheetOut", errors=(404,),
              description="Daftar barang ruangan dengan jawabannya, barang ruangan lain yang ditemukan di sini, "
                          "temuan, kemajuan dan `allowed_actions` ruangan."),
        Route("POST", f"{ROOM}/checks", "record_campaign_check", "Catat hasil periksa satu barang",
              ASSETS_STOCKTAKING, response="CampaignItemOut", body=Json("CampaignCheckIn"), errors=(403, 404, 409),
              description="`asset_id` atau `label` (alamat QR label atau `kode.register`) dengan `result` `found`, "
                          "`not_found` atau `found_elsewhere` (barang ruangan lain yang ditemukan di sini) dan "
                          "kondisi bila berbeda. Jawaban terakhir yang berlaku. " + CHECKERS),
        Route("POST", f"{ROOM}/findings", "record_campaign_finding", "Catat temuan barang tanpa label",
              ASSETS_STOCKTAKING, response="CampaignFindingOut", status=201, body=Json("CampaignFindingIn"),
              errors=(403, 404, 409),
              description="Nama, usulan kode, kondisi, jumlah, keterangan; dicatat sebagai temuan (belum menjadi "
                          "barang). " + CHECKERS),
        Route("DELETE", f"{ROOM}/findings/<int:finding_id>", "remove_campaign_finding", "Hapus temuan",
              ASSETS_STOCKTAKING, response="CampaignRoomSheetOut", errors=(403, 404, 409),
              description="Jawaban: lembar periksa ruangan. " + CHECKERS),
        Route("POST", f"{ROOM}/finish", "finish_campaign_room", "Tandai ruangan selesai", ASSETS_STOCKTAKING,
              response="CampaignRoomSheetOut", body=NO_BODY, errors=(403, 404, 409), description=CHECKERS),
        Route("POST", f"{ROOM}/reopen", "reopen_campaign_room", "Buka kembali ruangan", ASSETS_STOCKTAKING,
              response="CampaignRoomSheetOut", body=NO_BODY, errors=(403, 404, 409), description=CHECKERS),
        Route("POST", f"{CAMPAIGN}/close", "close_campaign", "Tutup inventarisasi", ASSETS_STOCKTAKING,
              response="CampaignDetailOut", query=CloseQuery(), errors=(403, 404, 409),
              description="Semua ruangan harus selesai (422 pada `force`), kecuali `?force=true`: barang yang belum "
                          "diperiksa dicatat tidak ditemukan. Nomor berita acara diambil saat ditutup. " + KEEPERS),
        Route("POST", f"{CAMPAIGN}/cancel", "cancel_campaign", "Batalkan inventarisasi", ASSETS_STOCKTAKING,
              response="CampaignDetailOut", body=Fields("reason", component="CampaignReasonIn", required=True),
              errors=(403, 404, 409), description="Badan: `{reason}` (wajib). Register tidak berubah. " + KEEPERS),
        Route("GET", f"{CAMPAIGN}/result", "campaign_result", "Hasil inventarisasi", ASSETS_STOCKTAKING,
              response="CampaignResultOut", errors=(404,),
              description="Daftar per jenis: ditemukan, kondisi berubah, tidak ditemukan, ditemukan di ruangan lain "
                          "(dari → ke), temuan; selama berjalan juga yang belum diperiksa."),
        Route("GET", f"{CAMPAIGN}/document", "campaign_document", "Berita acara hasil inventarisasi (PDF)",
              ASSETS_STOCKTAKING, errors=(404,), content_type="application/pdf", download=True,
              answer=file_answer("document", "application/pdf"),
              description="PDF-nya sendiri: kop, nomor, tim, daftar hasil, tanda tangan tim dan pengurus barang, "
                          "\"Mengetahui\" Kepala Biro. Sebelum ditutup: draf."),
        Route("POST", f"{CAMPAIGN}/apply", "apply_campaign", "Terapkan hasil ke register", ASSETS_STOCKTAKING,
              response="CampaignDetailOut", body=Json("CampaignApplyIn", required=False), errors=(403, 404, 409),
              description="Sekali saja (lagi: 409), dalam satu transaksi: kondisi diubah, barang yang ditemukan di "
                          "ruangan lain dipindahkan, yang tidak ditemukan tetap aktif dan dicatat untuk "
                          "ditindaklanjuti, temuan yang diberi `code` dan `value` didaftarkan. Menerbitkan "
                          "`assets.campaign_applied`. " + KEEPERS),
        # -- disposal (penghapusan)
        Route("GET", DISPOSALS, "list_disposals", "Daftar usulan penghapusan", ASSETS_STOCKTAKING,
              response="DisposalPage", query=DisposalQuery(), paged=True, errors=(403,),
              description="Terbaru dahulu, masing-masing dengan `allowed_actions`. " + READERS),
        Route("POST", DISPOSALS, "create_disposal", "Susun usulan penghapusan (konsep)", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", status=201, body=Json("DisposalProposalIn"),
              location="/assets/disposals/{id}", errors=(403,),
              description="Cara penghapusan, alasan, barang aktif (masing-masing dengan alasannya); nilai buku "
                          "(atau nilai perolehan) diambil. Barang yang ada pada usulan lain yang masih berjalan: 422 "
                          "per barang. " + KEEPERS),
        Route("GET", f"{DISPOSALS}/suggestions", "disposal_suggestions", "Saran penghapusan: barang rusak berat",
              ASSETS_STOCKTAKING, response="DisposalSuggestionPage", query=PageQuery(), paged=True, errors=(403,),
              description="Barang aktif berkondisi RB yang belum ada pada usulan yang berjalan. " + READERS),
        Route("GET", f"{DISPOSALS}/report", "disposal_report", "Laporan barang yang dihapus", ASSETS_STOCKTAKING,
              response="DisposalReportOut", query=DisposalReportQuery(), errors=(403,),
              description="Per tahun berita acara (dan cara penghapusan): barang, nomor SK dan BA, nilai, jumlah per "
                          "cara. " + READERS),
        Route("GET", f"{DISPOSALS}/report/export", "disposal_report_file",
              "Unduh laporan barang yang dihapus (XLSX/PDF)", ASSETS_STOCKTAKING, query=DisposalExportQuery(),
              errors=(403,), content_type="application/octet-stream", download=True,
              answer=file_answer("report", inline=False, content_type=report_type),
              description=f"Berkasnya sendiri: `{XLSX}` atau `application/pdf`. " + READERS),
        Route("GET", DISPOSAL, "get_disposal", "Data satu usulan penghapusan", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", errors=(403, 404), description=DISPOSAL_ANSWER + " " + READERS),
        Route("PUT", DISPOSAL, "update_disposal", "Ganti konsep usulan", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", body=Json("DisposalProposalIn"), errors=(403, 404, 409),
              description="Selama konsep; seluruh daftar barang diganti. " + KEEPERS),
        Route("POST", f"{DISPOSAL}/submit", "submit_disposal", "Ajukan usulan ke Kepala Biro", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", body=NO_BODY, errors=(403, 404, 409),
              description="Riwayat `disposal_proposed` pada tiap barang; nilai diambil ulang. Menerbitkan "
                          "`assets.disposal_proposed`. " + KEEPERS + " " + DISPOSAL_ANSWER),
        Route("POST", f"{DISPOSAL}/approve", "approve_disposal", "Setujui usulan penghapusan", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", body=NO_BODY, errors=(403, 404, 409),
              description="Kepala Biro (pimpinan), bukan pengusulnya (403). " + DISPOSAL_ANSWER),
        Route("POST", f"{DISPOSAL}/reject", "reject_disposal", "Tolak usulan penghapusan", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", body=Fields("reason", component="DisposalReasonIn", required=True),
              errors=(403, 404, 409),
              description="Kepala Biro, bukan pengusulnya; badan `{reason}` (wajib). Barangnya bebas kembali. "
                          + DISPOSAL_ANSWER),
        Route("POST", f"{DISPOSAL}/decide", "decide_disposal", "Catat SK penghapusan", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", body=Json("DisposalDecisionIn"), errors=(403, 404, 409),
              description="Nomor dan tanggal SK Gubernur/Sekda atas usulan yang disetujui. " + KEEPERS),
        Route("POST", f"{DISPOSAL}/complete", "complete_disposal", "Catat berita acara penghapusan",
              ASSETS_STOCKTAKING, response="DisposalDetailOut", body=Json("DisposalCompletionIn", required=False),
              errors=(403, 404, 409),
              description="Nomor BA diambil sekarang; dalam satu transaksi setiap barang menjadi `disposed` (keluar "
                          "dari register aktif dan KIR; riwayatnya tetap), kendaraan ditarik dari peminjaman. "
                          "Menerbitkan `assets.item_disposed` per barang dan `assets.disposal_decided`. " + KEEPERS),
        Route("POST", f"{DISPOSAL}/cancel", "cancel_disposal", "Batalkan usulan penghapusan", ASSETS_STOCKTAKING,
              response="DisposalDetailOut", body=Fields("reason", component="DisposalReasonIn", required=True),
              errors=(403, 404, 409),
              description="Konsep, diajukan atau disetujui; badan `{reason}` (wajib). " + KEEPERS),
        Route("GET", f"{DISPOSAL}/documents/<kind>", "disposal_document",
              "Cetak daftar usulan atau berita acara penghapusan (PDF)", ASSETS_STOCKTAKING, errors=(403, 404),
              content_type="application/pdf", download=True, answer=file_answer("document", "application/pdf"),
              description="`kind`: `proposal` (daftar usulan) atau `berita_acara` (berita acara penghapusan; draf "
                          "sebelum selesai); jenis lain 422. " + READERS),
    ),
)
