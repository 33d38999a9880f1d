"""The finance API (SPJ, budget ceilings, the books and the archive; RPC to ``finance``).

finance decides who may do what (404 unseen, 403 not allowed, 409 wrong status, 422 per field); each SPJ it
answers carries the caller's ``allowed_actions``. Amounts are integer rupiah, dates WITA. Files (DPA uploads,
archive documents) travel inside the JSON as base64 or as the body itself; printouts and exports are answered
as the file itself, decoded from finance's base64.
"""
from __future__ import annotations

from finance.schemas.archive import ARCHIVE_KINDS, INTEGRITY_STATES
from finance.schemas.books import BOOKS, DOCUMENT_FORMATS, DOCUMENT_KINDS, POSTING_MEDIA, TAX_KINDS
from finance.schemas.spj import QUEUES, SPJ_KINDS, SPJ_STATUSES
from finance.schemas.travel_spj import TRAVEL_SPJ_DOCUMENTS
from marshmallow import ValidationError, fields, validate, validates_schema

from ..http import read_fields
from ..queries import (
    DateRange,
    FilenameQuery,
    PageQuery,
    QuerySchema,
    bool_param,
    date_param,
    id_param,
    int_param,
    one_of_param,
    text_param,
)
from ..routes import NO_BODY, Fields, Json, Route, Upload, file_answer, items
from . import Domain, Tag

FINANCE = "Keuangan"
SPJ = "/finance/spj/<int:spj_id>"
BUDGET = "/finance/budget/<int:fiscal_year>"
BOOKS_OF = "/finance/books/<int:fiscal_year>"
MONTH = f"{BOOKS_OF}/months/<int:month>"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ARCHIVE = "/finance/archive"
DOCUMENT = "/finance/archive/<int:document_id>"
FINANCE_ROLES = "Peran keuangan (PPTK, bendahara, PPK, PA/KPA, admin); selain itu 403."
ARCHIVISTS = "PPTK, bendahara atau admin (selain itu 403)."
BOOK_READERS = "Bendahara, PPK, PA/KPA dan admin (selain itu 403)."
NOTE = "Badan opsional: `{note}`."
REASON = "Badan: `{reason}` (wajib)."
SPJ_ANSWER = ("Jawaban: SPJ sebagaimana dilihat pemanggil, dengan `allowed_actions`. SPJ yang tidak terlihat 404, "
              "tanpa wewenang atau karena pemisahan tugas 403, status yang salah 409.")
#: An archive document is up to 10 MB, sent as base64 inside the JSON (≈ 13.4 MB) with its metadata.
ARCHIVE_BODY_BYTES = 14 * 1024 * 1024


def year_param(description: str):
    return int_param(description, 2000, 2100, "Tahun anggaran 2000-2100.")


def month_param(description: str):
    return int_param(description, 1, 12, "Harus bulan 1 sampai 12.")


class Members(Fields):
    """An action's optional JSON body holding at most ``names``, each passed by its name whatever its JSON type
    (the service validates it): the return's ``notes`` object."""

    def read(self, request, path: dict) -> dict:
        return read_fields(request, *self.names)


class SpjQuery(PageQuery):
    status = one_of_param(SPJ_STATUSES, "Hanya SPJ dengan status ini.")
    kind = one_of_param(SPJ_KINDS, "Belanja kecil (`purchase`) atau perjalanan dinas (`travel`).")
    year = year_param("Tahun anggaran.")
    budget_line_id = id_param("Hanya SPJ yang membebani baris anggaran ini.")
    mine = bool_param("Hanya SPJ yang saya susun atau saya PPTK-i.")
    queue = one_of_param(QUEUES, "`verify`: antrean verifikasi bendahara (diajukan); `approve`: kotak persetujuan "
                                 "(terverifikasi, yang dapat saya setujui).")


class TravelSpjDocumentQuery(QuerySchema):
    kind = fields.String(
        required=True, error_messages={"required": "Wajib diisi.", "invalid": "Harus teks."},
        validate=validate.OneOf(TRAVEL_SPJ_DOCUMENTS,
                                error=f"Harus salah satu dari: {', '.join(TRAVEL_SPJ_DOCUMENTS)}."),
        metadata={"description": "`rincian` (rincian biaya per pelaksana) atau `riil` (Daftar Pengeluaran Riil).",
                  "enum": list(TRAVEL_SPJ_DOCUMENTS)})
    employee_id = id_param("Hanya pelaksana ini (id pegawai; opsional).")


class BookPageQuery(QuerySchema):
    cursor = text_param("Cursor dari `next_cursor` halaman sebelumnya.", 1000)
    limit = int_param("Baris per halaman (1–200, bawaan 100).", 1, 200, "Harus antara 1 dan 200.")


class CashBookQuery(BookPageQuery):
    month_from = month_param("Bulan awal (1–12, bawaan 1).")
    month_to = month_param("Bulan akhir (1–12, bawaan 12).")
    medium = one_of_param(POSTING_MEDIA, "Hanya buku kas tunai (`cash`) atau bank; kosong: BKU.")

    @validates_schema(skip_on_field_errors=True)
    def _range(self, data, **kwargs):
        if data.get("month_from", 1) > data.get("month_to", 12):
            raise ValidationError({"month_to": "Bulan akhir tidak boleh sebelum bulan awal."})


class SubsidiaryBookQuery(BookPageQuery):
    month = month_param("Bulan (1–12); kosong: setahun.")
    line_id = id_param("Buku `rekening`: satu baris anggaran (rincian objek); kosong: semua.")
    tax_kind = one_of_param(TAX_KINDS, "Buku `pajak`: satu jenis pajak; kosong: semua.")


class BooksExportQuery(QuerySchema):
    kind = fields.String(
        required=True, error_messages={"required": "Wajib diisi.", "invalid": "Harus teks."},
        validate=validate.OneOf(DOCUMENT_KINDS, error=f"Harus salah satu dari: {', '.join(DOCUMENT_KINDS)}."),
        metadata={"description": "`lpj` (laporan pertanggungjawaban bulanan; butuh `month`), `bku`, atau buku "
                                 "pembantu.", "enum": list(DOCUMENT_KINDS)})
    month = month_param("Bulan (1–12); kosong: setahun (tidak untuk `lpj`).")
    format = one_of_param(DOCUMENT_FORMATS, "`pdf` (bawaan) atau `xlsx`.")
    line_id = id_param("Buku `rekening`: satu baris anggaran; kosong: semua.")
    pa_kpa_employee_id = id_param("Penanda tangan PA/KPA (id pegawai); kosong: kepala biro pada salinan roster.")


def books_type(found: dict, args: dict) -> str:
    return found.get("content_type") or "application/pdf"


class BudgetUploadQuery(FilenameQuery):
    label = text_param("Nama versi, mis. `DPA Perubahan 2026` (bawaan: `DPA murni <tahun>` / `DPA perubahan "
                       "ke-<n> <tahun>`).", 120)


class BudgetLineQuery(PageQuery):
    fiscal_year = year_param("Tahun anggaran.")
    sub_activity_code = text_param("Kode sub kegiatan (persis), mis. `4.01.01.2.06.0004`.", 40)
    account_code = text_param("Awal kode rekening, mis. `5.1.02` (semua belanja barang dan jasa).", 40)
    q = text_param("Teks pada kode atau nama rekening atau nama sub kegiatan.", 100)
    include_inactive = bool_param("Sertakan baris yang tidak ada pada DPA yang berlaku (dihapus oleh perubahan).")


class ArchiveQuery(DateRange, PageQuery):
    q = text_param("Kata yang dicari pada nomor, judul, uraian dan penyedia (semua kata harus ada).")
    number = text_param("Nomor dokumen memuat teks ini.", 120)
    vendor = text_param("Penyedia memuat teks ini.")
    account_code = text_param("Kode rekening diawali ini (mis. `5.1.02` mencakup rinciannya).", 40)
    date_from = date_param("Tanggal dokumen pada/sesudah ini (YYYY-MM-DD).")
    date_to = date_param("Tanggal dokumen pada/sebelum ini (YYYY-MM-DD).")
    fiscal_year = year_param("Tahun arsip.")
    month = int_param("Bulan arsip (1-12).", 1, 12, "Bulan 1-12.")
    unit_id = id_param("Unit kerja.")
    classification_code = text_param("Kode klasifikasi beserta sub-kodenya (`900.1` mencakup `900.1.4`).", 20)
    spj_id = id_param("Dokumen pendukung SPJ ini.")
    kind = one_of_param(ARCHIVE_KINDS, "`file` (disimpan di arsip) atau `link` (tautan).")
    integrity = one_of_param(INTEGRITY_STATES, "Hasil pemeriksaan keutuhan terakhir.")

DOMAIN = Domain(
    service="finance",
    position=40,
    schemas="finance.schemas",
    tags=(Tag(FINANCE, "SPJ belanja kecil (di bawah Rp10 juta) dan SPJ perjalanan dinas: penyusunan, verifikasi, "
                       "persetujuan, pembayaran; pagu anggaran (DPA) yang tidak pernah terlampaui; BKU dan buku "
                       "pembantu; arsip dokumen pendukung (\"Pencatatan G Drive\")."),),
    routes=(
        # -- SPJ: drafts, the verification queue, the approver's inbox, the workflow
        Route("GET", "/finance/spj", "list_spj", "Daftar SPJ", FINANCE, response="SpjPage", query=SpjQuery(),
              paged=True, errors=(403,),
              description="Terbaru dulu; yang boleh dilihat pemanggil (bendahara, PPK, PA/KPA dan admin semua; PPTK "
                          "SPJ sub kegiatannya dan yang disusunnya). `queue=verify`: antrean verifikasi bendahara; "
                          "`queue=approve`: kotak persetujuan. Tiap SPJ membawa `allowed_actions` pemanggil. "
                          "Tanpa peran keuangan 403."),
        Route("POST", "/finance/spj", "create_spj", "Susun SPJ belanja kecil (konsep)", FINANCE,
              response="SpjDetailOut", status=201, body=Json("SpjIn"), idempotent=True, location="/finance/spj/{id}",
              errors=(403, 404, 409),
              description="Oleh PPTK, pada baris anggaran sub kegiatan yang di-PPTK-inya (selain itu 403). Pembelian "
                          "dihitung pajaknya, jenis buktinya dan tanda meterai/pemecahan; satu pembelian Rp10 juta "
                          "atau lebih ditolak (422: perlu pengadaan). Menerbitkan `finance.spj_drafted`."),
        Route("POST", "/finance/spj/preview", "preview_taxes", "Pratinjau pajak dan bukti pembelian konsep",
              FINANCE, name="preview_spj_taxes", response="SpjPreviewOut", body=Json("SpjPreviewIn"),
              errors=(403,),
              description="Tanpa menyimpan: pajak per rincian dan jumlahnya, jenis bukti, meterai, tanda pemecahan "
                          "pembelian, dan `problems` yang akan menolak penyimpanan. Peran keuangan."),
        Route("GET", SPJ, "get_spj", "Data satu SPJ", FINANCE, response="SpjDetailOut", errors=(404,),
              description="Dengan pembelian dan pajaknya (atau bagian perjalanan dinas), riwayat langkah dan "
                          "`allowed_actions` pemanggil. SPJ yang tidak terlihat 404."),
        Route("PUT", SPJ, "update_spj", "Ganti konsep SPJ", FINANCE, response="SpjDetailOut", body=Json("SpjIn"),
              errors=(403, 404, 409),
              description="Oleh PPTK SPJ ini, selama konsep: judul, keterangan, baris anggaran dan seluruh daftar "
                          "pembelian diganti. SPJ perjalanan dinas tidak diubah di sini (409)."),
        Route("POST", f"{SPJ}/submit", "submit_spj", "Ajukan SPJ", FINANCE, response="SpjDetailOut",
              body=Fields("note", component="SpjNoteIn"), errors=(403, 404, 409),
              description="Oleh PPTK SPJ ini; diberi nomor saat pertama diajukan; perlu rincian (422). "
                          + NOTE + " " + SPJ_ANSWER),
        Route("POST", f"{SPJ}/return", "return_spj", "Kembalikan SPJ ke PPTK dengan catatan per pembelian",
              FINANCE, response="SpjDetailOut", body=Members("notes", component="SpjReturnIn", required=True),
              errors=(403, 404, 409),
              description="Oleh bendahara, bukan penyusunnya: badan `{notes: {<id pembelian>: <catatan>}}` "
                          "(sedikitnya satu). Menerbitkan `finance.spj_returned`. " + SPJ_ANSWER),
        Route("POST", f"{SPJ}/verify", "verify_spj", "Verifikasi SPJ", FINANCE, response="SpjDetailOut",
              body=Fields("note", component="SpjNoteIn"), errors=(403, 404, 409),
              description="Oleh bendahara, bukan penyusunnya: bukti setiap pembelian sudah diperiksa (422 pada "
                          "`purchases` bila ada yang belum berbukti). " + NOTE + " " + SPJ_ANSWER),
        Route("POST", f"{SPJ}/approve", "approve_spj", "Setujui SPJ", FINANCE, response="SpjDetailOut",
              body=Fields("note", component="SpjNoteIn"), errors=(403, 404, 409),
              description="Oleh PPK-SKPD untuk SPJ terverifikasi sampai batas nilai (di atasnya: 422, sahkan), atau "
                          "oleh PA/KPA untuk SPJ yang disahkan PPK-SKPD; bukan penyusun, verifikator atau pengesahnya. "
                          "Jumlah bruto diikat pada baris anggaran; 409 bila sisa pagu tidak cukup (dua persetujuan "
                          "yang berebut rupiah terakhir tidak pernah sama-sama berhasil). " + NOTE + " " + SPJ_ANSWER),
        Route("POST", f"{SPJ}/endorse", "endorse_spj", "Sahkan SPJ untuk PA/KPA (di atas batas nilai)", FINANCE,
              response="SpjDetailOut", body=Fields("note", component="SpjNoteIn"), errors=(403, 404, 409),
              description="Oleh PPK-SKPD, bukan penyusun atau verifikatornya, untuk SPJ terverifikasi di atas batas "
                          "nilai (sampai batas: 422, setujui saja); belum mengikat pagu — PA/KPA yang kemudian "
                          "menyetujui. Menerbitkan `finance.spj_endorsed`. " + NOTE + " " + SPJ_ANSWER),
        Route("POST", f"{SPJ}/reject", "reject_spj", "Tolak SPJ", FINANCE, response="SpjDetailOut",
              body=Fields("reason", component="SpjReasonIn", required=True), errors=(403, 404, 409),
              description="Oleh bendahara (diajukan), PPK-SKPD (terverifikasi) atau PA/KPA (disahkan). " + REASON + " "
                          + SPJ_ANSWER),
        Route("POST", f"{SPJ}/revise", "revise_spj", "Perbaiki SPJ yang ditolak (kembali ke konsep)", FINANCE,
              response="SpjDetailOut", body=Fields("note", component="SpjNoteIn"), errors=(403, 404, 409),
              description="Oleh PPTK SPJ ini; nomornya tetap. " + NOTE + " " + SPJ_ANSWER),
        Route("POST", f"{SPJ}/cancel", "cancel_spj", "Batalkan SPJ", FINANCE, response="SpjDetailOut",
              body=Fields("reason", component="SpjReasonIn", required=True), errors=(403, 404, 409),
              description="Konsep/diajukan: PPTK, bendahara, PPK-SKPD atau PA/KPA; terverifikasi/disahkan/disetujui: "
                          "bendahara, PPK-SKPD atau PA/KPA. SPJ yang disetujui mengembalikan ikatannya ke pagu. "
                          + REASON + " "
                          + SPJ_ANSWER),
        Route("POST", f"{SPJ}/pay", "pay_spj", "Catat pembayaran SPJ", FINANCE, response="SpjDetailOut",
              body=Json("SpjPaymentIn"), errors=(403, 404, 409),
              description="Oleh bendahara: `{medium: cash|bank, paid_on}` pada tahun anggaran SPJ; menjadi realisasi "
                          "baris anggaran dan dibukukan di BKU (bruto keluar, tiap pajak masuk); 409 bila bulannya "
                          "sudah ditutup. " + SPJ_ANSWER),
        Route("GET", f"{SPJ}/document", "spj_document", "Cetak SPJ (PDF)", FINANCE, errors=(404,),
              content_type="application/pdf", download=True, answer=file_answer("document", "application/pdf"),
              description="PDF-nya sendiri, dengan kop dan blok tanda tangan; siapa yang dapat melihat SPJ-nya."),
        # -- travel SPJ (drafted from travel's ``order_realized``)
        Route("GET", f"{SPJ}/travel-document", "travel_spj_document",
              "Cetak rincian biaya atau Daftar Pengeluaran Riil SPJ perjalanan dinas (PDF)", FINANCE,
              query=TravelSpjDocumentQuery(), errors=(403, 404, 422), content_type="application/pdf",
              download=True, answer=file_answer("document", "application/pdf"),
              description="PDF-nya sendiri. `kind=rincian` (per pelaksana: lumpsum, at cost, riil, uang muka, "
                          "sisa) atau `kind=riil` (Daftar Pengeluaran Riil; 422 pada `kind` bila tidak ada biaya "
                          "tanpa bukti); `employee_id` memilih satu pelaksana. SPJ belanja kecil atau yang tidak "
                          "terlihat 404; tanpa peran keuangan 403."),
        Route("GET", "/finance/travel-spj/inbox", "travel_spj_inbox",
              "Realisasi perjalanan dinas yang menunggu baris anggarannya", FINANCE,
              name="finance_travel_spj_inbox", response="TravelSpjInboxPage", query=PageQuery(), paged=True,
              errors=(403,),
              description="Realisasi dari travel yang belum dapat disusun menjadi SPJ karena baris anggarannya belum "
                          "ada pada DPA yang berlaku (`problem` menyebutnya). Bendahara, PPK, PA/KPA dan admin "
                          "(selain itu 403)."),
        Route("POST", "/finance/travel-spj/inbox/retry", "retry_travel_spj",
              "Susun ulang realisasi yang menunggu", FINANCE, name="retry_finance_travel_spj",
              response="TravelSpjRetryOut", body=NO_BODY, errors=(403,),
              description="Menyusun SPJ perjalanan dinas dari realisasi yang baris anggarannya kini ada (mis. "
                          "sesudah DPA dimuat). Bendahara atau admin (selain itu 403). Tanpa badan."),
        Route("POST", "/finance/taxes/<int:tax_id>/deposit", "record_tax_deposit", "Catat setoran pajak",
              FINANCE, name="record_finance_tax_deposit", response="SpjDetailOut", body=Json("SpjTaxDepositIn"),
              errors=(403, 404, 409),
              description="Oleh bendahara, sesudah SPJ dibayar: kode billing, NTPN dan tanggal setor; dibukukan di "
                          "BKU. Jawaban: SPJ-nya. NTPN yang sudah dipakai atau pajak yang sudah disetor 409. "
                          "Menerbitkan `finance.tax_deposited`."),
        Route("GET", "/finance/settings", "spj_settings", "Pengaturan SPJ", FINANCE, name="finance_settings",
              response="SpjSettingsOut", errors=(403,),
              description="Batas nilai persetujuan PA/KPA, batas satu pembelian (pengadaan), batas meterai, templat "
                          "nomor SPJ. " + FINANCE_ROLES),
        Route("PATCH", "/finance/settings", "update_spj_settings", "Ubah pengaturan SPJ (admin)", FINANCE,
              name="update_finance_settings", response="SpjSettingsOut", body=Json("SpjSettingsIn"),
              errors=(403,), description="Kolom yang dikirim saja. Hanya admin (selain itu 403)."),
        Route("GET", "/finance/tax-rates", "list_tax_rates", "Tabel tarif pajak (semua versi)", FINANCE,
              name="list_finance_tax_rates", response="SpjTaxRatesOut", errors=(403,),
              description="PPN, PPh 21/22/23 dengan ambangnya per versi (`valid_from`), terbaru dahulu, dan versi yang "
                          "berlaku hari ini (WITA). " + FINANCE_ROLES),
        Route("POST", "/finance/tax-rates", "load_tax_rates", "Muat versi baru tabel tarif pajak dari CSV/XLSX (admin)",
              FINANCE, name="load_finance_tax_rates", response="SpjTaxRatesOut", status=201, errors=(403, 409),
              body=Upload("SpjTaxRateFileIn", {"text/csv": ".csv", XLSX: ".xlsx"}, FilenameQuery(), "tarif-pajak",
                          "tabel tarif pajak"),
              description="Dua cara: JSON `{filename, content_b64}`, atau berkasnya sendiri sebagai badan dengan "
                          "`Content-Type: text/csv` atau XLSX dan `?filename=`. Satu berkas = satu versi (satu "
                          "`valid_from`, tiap jenis pajak sekali); versi lama tidak berubah; tanggal yang sudah ada "
                          "409; berkas salah ditolak utuh (422 per baris dan kolom)."),
        Route("GET", "/finance/evidence-tiers", "list_evidence_tiers", "Jenjang bukti pembelian", FINANCE,
              name="list_finance_evidence_tiers", response="SpjEvidenceTierOut", answer=items, errors=(403,),
              description="Nota, kuitansi, SPK, kontrak menurut nilai satu pembelian. " + FINANCE_ROLES),
        Route("PUT", "/finance/evidence-tiers", "update_evidence_tiers", "Ganti jenjang bukti pembelian (admin)",
              FINANCE, name="update_finance_evidence_tiers", response="SpjEvidenceTierOut", answer=items,
              body=Json("SpjEvidenceTiersIn"), errors=(403,),
              description="Seluruh daftar berurutan naik, mulai Rp0; semua atau tidak sama sekali (422 per kolom)."),
        # -- books: BKU, subsidiary books, closing, reports
        Route("POST", "/finance/cash", "post_cash", "Bukukan UP/GU, pemindahan kas/bank, atau panjar", FINANCE,
              name="post_finance_cash", response="CashPostedOut", status=201, body=Json("CashPostingIn"),
              errors=(403, 409), idempotent=True,
              description="Oleh bendahara: penerimaan UP, penggantian GU, penarikan/setoran antara bank dan kas "
                          "tunai (dua entri), panjar diberikan/dipertanggungjawabkan, pengembalian UP. Pembayaran SPJ "
                          "dan pajak dibukukan oleh SPJ-nya. Bulan yang sudah ditutup 409. Menerbitkan "
                          "`finance.cash_posted`."),
        Route("GET", f"{BOOKS_OF}/bku", "cash_book", "Buku Kas Umum (BKU)", FINANCE, name="finance_cash_book",
              response="CashBookPage", query=CashBookQuery(), errors=(403, 422),
              description="Entri urut tanggal dengan saldo berjalan, per halaman (`cursor`, `limit`), dan jumlah "
                          "seluruh periode (saldo awal, penerimaan, pengeluaran, saldo akhir). `medium`: hanya buku "
                          "kas tunai atau bank. " + BOOK_READERS),
        Route("GET", f"{BOOKS_OF}/<any({', '.join(BOOKS)}):book>", "subsidiary_book", "Buku pembantu", FINANCE,
              name="finance_subsidiary_book", response="CashSubsidiaryBookOut", query=SubsidiaryBookQuery(),
              errors=(403, 422),
              description="`kas_tunai`, `bank`, `pajak` (per jenis pajak), `panjar` (per panjar) atau `rekening` "
                          "(per rincian objek): entri dengan saldo berjalan, jumlahnya dan ringkasannya, sebulan "
                          "atau setahun. " + BOOK_READERS),
        Route("GET", f"{BOOKS_OF}/months", "list_month_closings", "Bulan buku: terbuka atau ditutup", FINANCE,
              name="list_finance_months", response="CashMonthListOut", errors=(403, 422),
              description="Dua belas bulan, masing-masing dengan `allowed_actions` pemanggil (`close`). "
                          + BOOK_READERS),
        Route("POST", f"{MONTH}/close", "close_month", "Tutup bulan buku", FINANCE, name="close_finance_month",
              response="CashMonthClosedOut", body=NO_BODY, errors=(403, 409, 422),
              description="Oleh bendahara, sesudah bulannya berakhir dan bulan sebelumnya ditutup (422 pada "
                          "`month`); sudah ditutup 409. Bulan yang ditutup beku: tidak ada pembukuan lagi padanya; "
                          "SPJ yang dibayar pada bulan itu ditutup. Menerbitkan `finance.month_closed`. Tanpa "
                          "badan."),
        Route("GET", f"{MONTH}/report", "accountability_report", "Laporan pertanggungjawaban bulanan", FINANCE,
              name="finance_accountability_report", response="CashReportOut", errors=(403, 422),
              description="SPJ administratif/fungsional: per baris anggaran pagu, s.d. bulan lalu, bulan ini, s.d. "
                          "bulan ini, sisa; lalu penerimaan, pengeluaran dan saldo kas. " + BOOK_READERS),
        Route("GET", f"{BOOKS_OF}/export", "books_document", "Unduh laporan, BKU atau buku pembantu (PDF/XLSX)",
              FINANCE, name="finance_books_export", query=BooksExportQuery(), errors=(403, 422),
              content_type="application/octet-stream", download=True,
              answer=file_answer("report", inline=False, content_type=books_type),
              description=f"Berkasnya sendiri sebagai lampiran: `application/pdf` atau `{XLSX}`, dengan kop dan "
                          "blok tanda tangan. `kind=lpj` perlu `month`. " + BOOK_READERS),
        # -- budget (DPA)
        Route("GET", BUDGET, "budget_overview", "Dasbor anggaran setahun", FINANCE, name="finance_budget",
              response="BudgetOverviewOut", errors=(403, 422),
              description="Per sub kegiatan dan rekening: pagu, terikat (SPJ disetujui, belum dibayar), realisasi, "
                          "sisa, anggaran kas per bulan; dengan jumlahnya. `version` null bila DPA tahun itu belum "
                          "dimuat. " + FINANCE_ROLES),
        Route("POST", BUDGET, "load_budget", "Muat DPA (murni atau perubahan) dari CSV/XLSX (admin)", FINANCE,
              name="load_finance_budget", response="BudgetVersionOut", status=201, errors=(403,),
              query=BudgetUploadQuery(),
              body=Upload("BudgetFileIn", {"text/csv": ".csv", XLSX: ".xlsx"}, FilenameQuery(), "dpa-{fiscal_year}",
                          "berkas DPA"),
              description="Dua cara: JSON `{filename, content_b64}` (tahun dari alamat), atau berkasnya sendiri "
                          "sebagai badan dengan `Content-Type: text/csv` atau XLSX dan `?filename=`; `?label=` "
                          "menamai versi. Versi pertama tahun itu DPA murni, berikutnya perubahan (yang lama "
                          "disimpan). Berkas salah ditolak utuh: 422 dengan `fields[\"baris_<n>.<kolom>\"]`, tidak "
                          "ada yang termuat. Badan paling besar 8 MiB, berkas 5 MB. Menerbitkan "
                          "`finance.budget_loaded`."),
        Route("GET", f"{BUDGET}/versions", "list_budget_versions", "Versi DPA setahun", FINANCE,
              name="list_finance_budget_versions", response="BudgetVersionOut", answer=items, errors=(403, 422),
              description="Terbaru dulu: DPA murni (nomor 0) dan perubahannya. " + FINANCE_ROLES),
        Route("GET", "/finance/budget-lines", "list_budget_lines", "Daftar baris anggaran (sub kegiatan × rekening)",
              FINANCE, name="list_finance_budget_lines", response="BudgetLinePage", query=BudgetLineQuery(),
              paged=True, errors=(403,),
              description="Urut tahun, kode sub kegiatan, kode rekening; dengan pagu, terikat, realisasi dan sisa. "
                          + FINANCE_ROLES),
        Route("GET", "/finance/budget-lines/<int:line_id>", "get_budget_line", "Data satu baris anggaran", FINANCE,
              name="get_finance_budget_line", response="BudgetLineDetailOut", errors=(403, 404),
              description="Dengan pagunya pada setiap versi DPA tahun itu (`history`). " + FINANCE_ROLES),
        # -- archive ("Pencatatan G Drive")
        Route("GET", ARCHIVE, "list_archive", "Register arsip dokumen keuangan", FINANCE,
              name="list_finance_archive", response="ArchivePage", query=ArchiveQuery(), paged=True, errors=(403,),
              description="Terbaru dulu; dicari menurut nomor, penyedia, rekening, tanggal, tahun/bulan, unit, "
                          "klasifikasi, SPJ, dan teks uraian. Tiap dokumen membawa `allowed_actions` pemanggil "
                          "(`download`, `open_link`). " + FINANCE_ROLES),
        Route("POST", ARCHIVE, "archive_upload", "Unggah dokumen ke arsip", FINANCE, name="upload_finance_archive",
              response="ArchiveDocumentOut", status=201, body=Json("ArchiveUploadIn", max_bytes=ARCHIVE_BODY_BYTES),
              errors=(403,), location="/finance/archive/{id}", idempotent=True,
              description="Berkas PDF, JPEG, PNG atau WebP (dinilai dari isinya) dalam base64, paling besar 10 MB "
                          "(badan paling besar 14 MiB), dengan kode klasifikasi (retensinya mengikuti), judul, "
                          "nomor, penyedia, rekening, tanggal dokumen, unit dan SPJ. Disimpan dengan SHA-256 per "
                          "tahun/bulan/unit. " + ARCHIVISTS + " Menerbitkan `finance.document_archived`."),
        Route("POST", f"{ARCHIVE}/links", "archive_register_link", "Daftarkan dokumen yang disimpan di tempat lain",
              FINANCE, name="register_finance_archive_link", response="ArchiveDocumentOut", status=201,
              body=Json("ArchiveLinkIn"), errors=(403,), location="/finance/archive/{id}", idempotent=True,
              description="Alamat https (mis. Google Drive) dengan SHA-256 berkasnya bila diketahui, dan data "
                          "yang sama dengan unggahan. " + ARCHIVISTS + " Menerbitkan `finance.document_archived`."),
        Route("GET", DOCUMENT, "get_archive_document", "Data satu dokumen arsip", FINANCE,
              name="get_finance_archive_document", response="ArchiveDocumentOut", errors=(403, 404),
              description="Berkasnya diunduh di `/file`. " + FINANCE_ROLES),
        Route("GET", f"{DOCUMENT}/file", "archive_file", "Unduh berkas dokumen arsip", FINANCE,
              name="finance_archive_file", errors=(403, 404), content_type="*/*", download=True,
              answer=file_answer("attachment"),
              description="Berkasnya sendiri sebagai lampiran (`attachment`), dengan Content-Type yang tersimpan. "
                          "Tautan tidak punya berkas di sini (404). " + FINANCE_ROLES),
        Route("GET", f"{ARCHIVE}/classifications", "list_archive_classifications", "Daftar klasifikasi arsip",
              FINANCE, name="list_finance_archive_classifications", response="ArchiveClassificationOut",
              answer=items, errors=(403,),
              description="Kode klasifikasi (gaya Permendagri 83/2022, mis. 900.1), retensi aktif/inaktif dan nasib "
                          "akhir. " + FINANCE_ROLES),
        Route("POST", f"{ARCHIVE}/classifications", "load_archive_classifications",
              "Ganti daftar klasifikasi arsip dari CSV (admin)", FINANCE,
              name="load_finance_archive_classifications", response="ArchiveClassificationLoadOut", errors=(403,),
              body=Upload("ArchiveClassificationFileIn", {"text/csv": ".csv"}, FilenameQuery(),
                          "klasifikasi-arsip", "daftar klasifikasi arsip"),
              description="Dua cara: JSON `{filename, content_b64}`, atau CSV-nya sendiri sebagai badan dengan "
                          "`Content-Type: text/csv` dan `?filename=`. Kolom `code,name,active_years,inactive_years,"
                          "disposition[,note]`. Berkas salah ditolak utuh (422 per baris dan kolom); kode yang tidak "
                          "ada lagi tidak ditawarkan untuk dokumen baru."),
        Route("POST", f"{ARCHIVE}/check", "check_archive", "Periksa keutuhan arsip sekarang", FINANCE,
              name="check_finance_archive", response="ArchiveCheckOut", body=NO_BODY, errors=(403,),
              description="Membaca ulang setiap berkas dan membandingkan SHA-256-nya (menunggu pemeriksaan yang "
                          "sedang berjalan). Menerbitkan `finance.archive_mismatch_found` per dokumen yang berubah "
                          "atau hilang. Bendahara atau admin (selain itu 403). Tanpa badan."),
        # -- configuration and roster
        Route("GET", "/finance/capabilities", "capabilities", "Apa yang boleh dilakukan pemanggil di keuangan",
              FINANCE, name="finance_capabilities", response="FinanceCapabilitiesOut",
              description="Secara umum, menurut peran (`draft_spj`: PPTK; `verify_spj`, `pay_spj`, `keep_books`: "
                          "bendahara pengeluaran; `approve_spj`: PPK-SKPD dan PA/KPA; `manage_budget`: admin); "
                          "tiap SPJ tetap membawa `allowed_actions` pemanggil."),
        Route("GET", "/finance/roster", "roster_status", "Status salinan data pegawai di layanan keuangan",
              FINANCE, name="finance_roster_status", response="FinanceRosterStatusOut"),
        Route("POST", "/finance/roster/sync", "sync_roster", "Tarik ulang data pegawai dari personnel (admin)",
              FINANCE, name="sync_finance_roster", response="FinanceRosterSyncOut", errors=(403,)),
    ),
)
