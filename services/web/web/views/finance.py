"""Keuangan (SPJ & Arsip): the PPTK's SPJ drafts, the bendahara's verification queue with each purchase's evidence
beside its items, the approver's inbox, an SPJ's page with its history, the budget dashboard with its bar chart,
the cash book (BKU), the subsidiary books and the monthly report with their downloads, and the archive register
with an upload usable on a phone.

finance decides everything (who sees what: 404 unseen, 403 not allowed, 409 a wrong status; the amounts, the
evidence tiers, the taxes, the ceilings): its ``capabilities()`` open the pages and the menu's links, and each
SPJ's ``allowed_actions`` are its buttons — these pages work out no rule of their own. They show finance's
per-field messages under the form's fields and hand files to and from finance as base64. The bar chart is drawn
here as SVG markup (``bar_segments``: shares of the ceiling, nothing decided). What a form becomes is
``web.forms.finance``.
"""
from __future__ import annotations

import secrets
import urllib.parse
from datetime import UTC, datetime

from finance.schemas import archive as archive_schemas
from finance.schemas import books as books_schemas
from finance.schemas import budget as budget_schemas
from finance.schemas import purchases as purchase_schemas
from finance.schemas import spj as spj_schemas
from finance.schemas import travel_spj as travel_spj_schemas
from situok_kit.errors import Conflict, Forbidden, NotFound, ValidationFailed
from werkzeug.wrappers import Response

from .. import nav
from ..files import stored_file_response, uploaded
from ..forms.finance import (
    CASH_FIELDS,
    SETTINGS_FIELDS,
    archive_filters,
    archive_link,
    archive_upload,
    blank_item,
    blank_purchase,
    cash_posting,
    evidence_document,
    field_errors,
    file_problems,
    int_or_none,
    line_groups,
    parse_month_number,
    parse_year,
    return_notes,
    row_action,
    settings_payload,
    spj_detail_values,
    spj_errors,
    spj_filters,
    spj_payload,
    spj_values,
    text_of,
    with_blank_rows,
)
from ..http import Page, page, safe_next
from ..i18n import gettext_noop as _
from ..i18n import to_wita
from ..nav import Area, Link
from ..paging import all_pages, keyset_page
from ..rendering import render
from .attendance import month_label, percent

PAGE_SIZE = 20
#: SPJ per page of the verification queue (each shows its purchases and evidence).
QUEUE_SIZE = 10


def labelled(codes, labels: dict) -> dict:
    """finance's ``codes`` in finance's order, each with its label (a code without one shows as itself)."""
    return {code: labels.get(code, code) for code in codes}


#: finance's capabilities (``finance.schemas.common.FinanceCapabilitiesOut``) that open pages and links.
READ = ("finance", "read")
DRAFT = ("finance", "draft_spj")
VERIFY = ("finance", "verify_spj")
APPROVE = ("finance", "approve_spj")
PAY = ("finance", "pay_spj")
SEE_ALL = ("finance", "see_all")
VIEW_BUDGET = ("finance", "view_budget")
MANAGE_BUDGET = ("finance", "manage_budget")
KEEP_BOOKS = ("finance", "keep_books")
VIEW_BOOKS = ("finance", "view_books")
READ_ARCHIVE = ("finance", "read_archive")
ARCHIVE_DOCUMENTS = ("finance", "archive_documents")
CHECK_ARCHIVE = ("finance", "check_archive")

NAV = Area("keuangan", _("Keuangan (SPJ & Arsip)"), "wallet", (
    Link(_("Ringkasan keuangan"), "/keuangan", READ),
    Link(_("SPJ saya"), "/keuangan/spj/saya", DRAFT),
    Link(_("Buat SPJ"), "/keuangan/spj/baru", DRAFT),
    Link(_("Verifikasi SPJ"), "/keuangan/verifikasi", VERIFY),
    Link(_("Persetujuan SPJ"), "/keuangan/persetujuan", APPROVE),
    Link(_("Daftar SPJ"), "/keuangan/spj", SEE_ALL),
    Link(_("Perjalanan dinas menunggu"), "/keuangan/perjalanan-menunggu", SEE_ALL),
    Link(_("Buku kas umum"), "/keuangan/bku", VIEW_BOOKS),
    Link(_("Buku pembantu"), "/keuangan/buku-pembantu", VIEW_BOOKS),
    Link(_("Laporan bulanan"), "/keuangan/laporan", VIEW_BOOKS),
    Link(_("Anggaran"), "/keuangan/anggaran", VIEW_BUDGET),
    Link(_("Muat DPA"), "/keuangan/anggaran/muat", MANAGE_BUDGET),
    Link(_("Pengaturan SPJ"), "/keuangan/pengaturan", MANAGE_BUDGET),
    Link(_("Register arsip"), "/keuangan/arsip", READ_ARCHIVE),
    Link(_("Unggah arsip"), "/keuangan/arsip/unggah", ARCHIVE_DOCUMENTS),
), service="finance", position=50)
#: What each page is for, under its card on the area's home page.
LINK_HELP = {
    "/keuangan/spj/saya": _("Draf SPJ Anda, yang dikembalikan atau ditolak untuk diperbaiki, dan riwayatnya."),
    "/keuangan/spj/baru": _("Susun SPJ belanja kecil: pembelian, rincian, foto nota."),
    "/keuangan/verifikasi": _("Periksa bukti tiap pembelian di samping rinciannya, lalu verifikasi atau kembalikan."),
    "/keuangan/persetujuan": _("SPJ yang menunggu pengesahan atau persetujuan Anda."),
    "/keuangan/spj": _("Semua SPJ menurut status dan tahun."),
    "/keuangan/perjalanan-menunggu": _("Realisasi perjalanan dinas yang menunggu baris anggarannya."),
    "/keuangan/bku": _("Buku kas umum dengan saldo berjalan; unduh XLSX atau PDF."),
    "/keuangan/buku-pembantu": _("Kas tunai, bank, pajak, panjar dan per rincian objek."),
    "/keuangan/laporan": _("Laporan pertanggungjawaban bendahara per bulan dan penutupan bulan."),
    "/keuangan/anggaran": _("Pagu, terikat, realisasi dan sisa per sub kegiatan dan rekening."),
    "/keuangan/anggaran/muat": _("Muat DPA murni atau perubahan dari berkas CSV/XLSX."),
    "/keuangan/pengaturan": _("Batas persetujuan PA/KPA, batas pembelian, meterai dan nomor SPJ."),
    "/keuangan/arsip": _("Cari dokumen pendukung menurut nomor, penyedia, rekening, tanggal atau uraian."),
    "/keuangan/arsip/unggah": _("Potret nota atau kuitansi dengan ponsel, atau unggah PDF."),
}
#: How the pages name finance's SPJ statuses and kinds (``finance.schemas.spj``), item categories and taxes
#: (``finance.schemas.purchases``), payment media: finance's codes and order, the web's words.
STATUS_LABELS = {"draft": _("Draf"), "submitted": _("Diajukan"), "verified": _("Terverifikasi"),
                 "endorsed": _("Disahkan PPK"), "approved": _("Disetujui"), "paid": _("Dibayar"),
                 "closed": _("Ditutup"), "rejected": _("Ditolak"),
                 "cancelled": _("Dibatalkan")}
KIND_LABELS = {"purchase": _("Belanja kecil"), "travel": _("Perjalanan dinas")}
CATEGORY_LABELS = {"barang": _("Barang"), "jasa": _("Jasa"), "honorarium": _("Honorarium")}
MEDIUM_LABELS = {"cash": _("Tunai"), "bank": _("Bank")}
#: Who approves an SPJ (``spj_schemas.APPROVAL_LEVELS``: the PPK-SKPD, then the PA/KPA above the threshold),
#: in finance's order.
APPROVAL_LABELS = dict(zip(spj_schemas.APPROVAL_LEVELS, (_("PPK-SKPD"), _("PA/KPA")), strict=True))
#: Tax names are proper names (not translated).
TAX_LABELS = {"ppn": "PPN", "pph21": "PPh 21", "pph22": "PPh 22", "pph23": "PPh 23"}
SPJ_STATUSES = labelled(spj_schemas.SPJ_STATUSES, STATUS_LABELS)
SPJ_KINDS = labelled(spj_schemas.SPJ_KINDS, KIND_LABELS)
ITEM_CATEGORIES = labelled(purchase_schemas.ITEM_CATEGORIES, CATEGORY_LABELS)
PAYMENT_MEDIA = labelled(spj_schemas.PAYMENT_MEDIA, MEDIUM_LABELS)
TAXES = labelled(purchase_schemas.TAX_KINDS, TAX_LABELS)
#: What each workflow step is called in a message after it ran.
DONE = {"submit": _("SPJ diajukan ke bendahara untuk diverifikasi."), "verify": _("SPJ diverifikasi."),
        "return": _("SPJ dikembalikan ke PPTK dengan catatan."), "approve": _("SPJ disetujui."),
        "endorse": _("SPJ disahkan PPK-SKPD; menunggu persetujuan PA/KPA."),
        "reject": _("SPJ ditolak."), "revise": _("SPJ kembali menjadi draf untuk diperbaiki."),
        "cancel": _("SPJ dibatalkan."), "pay": _("Pembayaran SPJ dicatat di BKU."),
        "deposit_tax": _("Setoran pajak dicatat.")}
#: A travel realization waiting for its budget line (``finance.schemas.travel_spj``: ``INBOX_STATUSES``), a
#: travel SPJ line's kind (``LINE_KINDS``) and its printouts (``TRAVEL_SPJ_DOCUMENTS``).
INBOX_LABELS = {"waiting": _("Menunggu baris anggaran"), "drafted": _("SPJ sudah disusun")}
LINE_KIND_LABELS = {"lump_sum": _("Lumpsum"), "at_cost": _("At cost"), "riil": _("Riil (tanpa bukti)")}
TRAVEL_DOCUMENT_LABELS = {"rincian": _("Rincian biaya perjalanan dinas"), "riil": _("Daftar pengeluaran riil")}
INBOX_STATUSES = labelled(travel_spj_schemas.INBOX_STATUSES, INBOX_LABELS)
LINE_KINDS = labelled(travel_spj_schemas.LINE_KINDS, LINE_KIND_LABELS)
TRAVEL_DOCUMENTS = labelled(travel_spj_schemas.TRAVEL_SPJ_DOCUMENTS, TRAVEL_DOCUMENT_LABELS)
#: The books (``finance.schemas.books``: ``BOOKS``), the kinds of posting and of the treasurer's own postings.
BOOK_LABELS = {"kas_tunai": _("Buku kas tunai"), "bank": _("Buku bank"), "pajak": _("Buku pajak"),
               "panjar": _("Buku panjar"), "rekening": _("Buku rincian objek")}
POSTING_LABELS = {"up_receipt": _("Penerimaan UP"), "gu_replenishment": _("Penggantian UP (GU)"),
                  "spj_payment": _("Pembayaran SPJ"), "tax_withheld": _("Potongan pajak"),
                  "tax_deposit": _("Penyetoran pajak"), "advance_given": _("Pemberian panjar"),
                  "advance_settled": _("Pertanggungjawaban panjar"), "cash_to_bank": _("Setoran kas tunai ke bank"),
                  "bank_to_cash": _("Penarikan bank ke kas tunai"), "up_return": _("Pengembalian sisa UP")}
BOOKS = labelled(books_schemas.BOOKS, BOOK_LABELS)
POSTING_KINDS = labelled(books_schemas.POSTING_KINDS, POSTING_LABELS)
CASH_KINDS = labelled(books_schemas.CASH_KINDS, POSTING_LABELS)
BOOKS_ROWS = 100
#: How the pages name the budget's version statuses (``finance.schemas.budget``: ``VERSION_STATUSES``).
VERSION_LABELS = {"active": _("Berlaku"), "superseded": _("Digantikan")}
VERSION_STATUSES = labelled(budget_schemas.VERSION_STATUSES, VERSION_LABELS)
#: The archive's integrity states (``finance.schemas.archive``: ``INTEGRITY_STATES``).
INTEGRITY_LABELS = {"unchecked": _("Belum diperiksa"), "ok": _("Utuh"), "mismatch": _("Isi berubah"),
                    "missing": _("Berkas hilang")}
INTEGRITY_STATES = labelled(archive_schemas.INTEGRITY_STATES, INTEGRITY_LABELS)
#: What happens to a document after its retention (``finance.schemas.archive``: ``DISPOSITIONS``).
DISPOSITION_LABELS = {"musnah": _("Musnah"), "permanen": _("Permanen")}
DISPOSITIONS = labelled(archive_schemas.DISPOSITIONS, DISPOSITION_LABELS)
#: The upload form's fields (``ArchiveUploadIn`` less the file's own).
ARCHIVE_FIELDS = ("title", "classification_code", "number", "document_date", "vendor", "account_code",
                  "description", "spj_id")

#: The bar chart's scale: a bar is this many units wide (the SVG's viewBox; the stylesheet sizes it).
BAR_SCALE = 1000
#: The bar's parts, in drawing order: (key, label); the stylesheet colours ``.bar-<key>``.
BAR_PARTS = (("realized", _("Realisasi")), ("committed", _("Terikat (disetujui, belum dibayar)")),
             ("remaining", _("Sisa pagu")))


def wita_today():
    return to_wita(datetime.now(UTC)).date()


def bar_segments(ceiling, committed, realized) -> list[dict]:
    """The parts of one budget line's bar, as shares of its ceiling on a ``BAR_SCALE`` wide bar: realized, then
    committed, then what remains (``{"key", "x", "width"}``, widths of empty parts left out). Finance keeps
    committed + realized within the ceiling; a bar never draws past its end whatever it is given. A line without
    a ceiling is one empty bar."""
    ceiling, committed, realized = int(ceiling or 0), max(int(committed or 0), 0), max(int(realized or 0), 0)
    if ceiling <= 0:
        return [{"key": "none", "x": 0, "width": BAR_SCALE}]
    parts, x = [], 0.0
    for key, amount in (("realized", realized), ("committed", committed)):
        width = min(amount * BAR_SCALE / ceiling, BAR_SCALE - x)
        if width > 0:
            parts.append({"key": key, "x": round(x, 1), "width": round(width, 1)})
            x += width
    if BAR_SCALE - x > 0:
        parts.append({"key": "remaining", "x": round(x, 1), "width": round(BAR_SCALE - x, 1)})
    return parts


def quantity(value, lang: str) -> str:
    """A quantity as people write it: ``2``, ``2,5`` (``2.5`` in English); finance answers it as a number."""
    if value is None or value == "":
        return ""
    text = f"{float(value):.3f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "id" else text


def used_percent(ceiling, committed, realized) -> int:
    """How much of the ceiling is committed or realized, in whole percent (0 without a ceiling)."""
    ceiling = int(ceiling or 0)
    if ceiling <= 0:
        return 0
    return min(100, round((int(committed or 0) + int(realized or 0)) * 100 / ceiling))


class FinancePages:
    # -- helpers -----------------------------------------------------------------------------------
    def _finance_globals(self, visit) -> dict:
        return {"bar_segments": bar_segments, "used_percent": used_percent, "bar_parts": BAR_PARTS,
                "bar_scale": BAR_SCALE, "can": lambda name: visit.can("finance", name),
                "status_labels": SPJ_STATUSES, "kind_labels": SPJ_KINDS, "category_labels": ITEM_CATEGORIES,
                "tax_labels": TAXES, "medium_labels": PAYMENT_MEDIA, "approval_labels": APPROVAL_LABELS,
                "categories": [(code, visit._(label)) for code, label in ITEM_CATEGORIES.items()],
                "media": [(code, visit._(label)) for code, label in PAYMENT_MEDIA.items()],
                "percent": lambda bp: percent(bp, visit.session.lang),
                "quantity": lambda value: quantity(value, visit.session.lang), "posting_labels": POSTING_KINDS,
                "line_kind_labels": LINE_KINDS, "travel_documents": TRAVEL_DOCUMENTS}

    # -- the area's home -------------------------------------------------------------------------------
    @page("GET", "/keuangan", needs=READ)
    def finance_home(self, visit):
        """What the user may do in finance: the area's links they see, as cards."""
        links = [link for area, shown in nav.menu_for(visit.capabilities()) if area.key == NAV.key
                 for link in shown if link.url != "/keuangan"]
        return Page("finance/home.html", {**self._finance_globals(visit), "links": links,
                                                "link_help": LINK_HELP},
                    title=visit._("Keuangan (SPJ & Arsip)"))

    # -- budget ---------------------------------------------------------------------------------------
    @page("GET", "/keuangan/anggaran", needs=VIEW_BUDGET)
    def finance_budget(self, visit):
        """The budget dashboard of a year (``?tahun=``): per sub-kegiatan and account the ceiling, committed,
        realized and remaining as finance answers them, with their bars."""
        year = parse_year(visit.request.args.get("tahun"), wita_today())
        overview = self.finance.budget_overview(year)
        return Page("finance/budget.html", {**self._finance_globals(visit), "overview": overview},
                    title=visit._("Anggaran %(year)s", year=year))

    @page("GET", "/keuangan/anggaran/baris/<int:line_id>", needs=VIEW_BUDGET)
    def finance_budget_line(self, visit, line_id):
        """One budget line: its amounts and bar, its cash plan, its ceiling in each DPA version, the SPJ on it."""
        line = self.finance.get_budget_line(line_id)
        spj_items = self.finance.list_spj(filters={"budget_line_id": line_id}, limit=50)["items"]
        names = [month_label(line["fiscal_year"], n, visit.session.lang).split(" ")[0] for n in range(1, 13)]
        return Page("finance/budget_line.html", {
            **self._finance_globals(visit), "line": line, "spj_items": spj_items, "month_names": names,
            "version_labels": VERSION_STATUSES,
        }, title=f"{line['account_code']} {line['account_name']}")

    def _budget_load_page(self, visit, values: dict, errors: dict, *, summary=None, problems=(), status=200):
        year = values.get("fiscal_year") or ""
        versions = []
        if str(year).isdigit():
            versions = self.finance.list_budget_versions(int(year))
        return Page("finance/budget_load.html", {
            **self._finance_globals(visit), "values": values, "errors": errors, "summary": summary,
            "problems": list(problems), "versions": versions, "version_labels": VERSION_STATUSES,
        }, status, title=visit._("Muat DPA"))

    @page("GET", "/keuangan/anggaran/muat", needs=MANAGE_BUDGET)
    def finance_budget_load_form(self, visit):
        return self._budget_load_page(visit, {"fiscal_year": str(wita_today().year)}, {})

    @page("POST", "/keuangan/anggaran/muat", needs=MANAGE_BUDGET)
    def finance_budget_load(self, visit):
        """Load a DPA file; a refused file comes back with one message per row and column (nothing loaded)."""
        values = {"fiscal_year": text_of(visit.form, "fiscal_year"), "label": text_of(visit.form, "label")}
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return self._budget_load_page(visit, values, {"file": visit._("Pilih berkas DPA (CSV atau XLSX).")},
                                          summary=visit._("Berkas DPA belum dipilih."), status=422)
        year = values["fiscal_year"]
        try:
            version = self.finance.load_budget(int(year) if year.isdigit() else year, files[0]["filename"],
                                               files[0]["content_b64"], values["label"] or None)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, ("fiscal_year", "label", "file", "filename", "content_b64"),
                                         visit._, aliases={"filename": "file", "content_b64": "file"})
            return self._budget_load_page(visit, values, errors, summary=visit._(exc.message),
                                          problems=file_problems(exc.fields, visit._), status=422)
        return visit.redirect(f"/keuangan/anggaran?tahun={version['fiscal_year']}",
                              visit._("%(label)s dimuat dan berlaku.", label=version["label"]))

    # -- archive ---------------------------------------------------------------------------------------
    def _classifications(self) -> list[dict]:
        return [c for c in self.finance.list_archive_classifications() if c.get("active", True)]

    @page("GET", "/keuangan/arsip", needs=READ_ARCHIVE)
    def finance_archive(self, visit):
        """The archive register: search by number, vendor, account, dates, classification and words."""
        filters, shown = archive_filters(visit.request.args)
        problem = None
        try:
            result, pager = keyset_page(
                visit, lambda cursor: self.finance.list_archive(filters=filters, cursor=cursor, limit=PAGE_SIZE),
                "/keuangan/arsip", {k: v for k, v in shown.items() if v})
        except ValidationFailed as exc:  # a search finance refuses (dates the wrong way round): say why
            problem = " ".join(visit._(str(m)) for m in (exc.fields or {}).values()) or visit._(exc.message)
            result, pager = {"items": []}, {"next_url": None, "first_url": None}
        return Page("finance/archive.html", {
            **self._finance_globals(visit), "documents": result["items"], "shown": shown, **pager,
            "classifications": self._classifications(), "integrity_labels": INTEGRITY_STATES,
            "filter_problem": problem,
        }, title=visit._("Register arsip"))

    def _archive_form(self, visit, values: dict, errors: dict, *, summary=None, other=(), status=200,
                      mode: str = "file") -> Page:
        options = [(c["code"], f"{c['code']} {c['name']}") for c in self._classifications()]
        title = visit._("Daftarkan tautan dokumen") if mode == "link" else visit._("Unggah dokumen arsip")
        return Page("finance/archive_upload.html", {
            **self._finance_globals(visit), "values": values, "errors": errors, "summary": summary,
            "other": list(other), "classification_options": options, "mode": mode, "title": title,
        }, status, title=title)

    @page("GET", "/keuangan/arsip/unggah", needs=ARCHIVE_DOCUMENTS)
    def finance_archive_new(self, visit):
        spj = text_of(visit.request.args, "spj")
        return self._archive_form(visit, {"spj_id": spj if spj.isdigit() else ""}, {})

    @page("POST", "/keuangan/arsip/unggah", needs=ARCHIVE_DOCUMENTS)
    def finance_archive_upload(self, visit):
        values, data = archive_upload(visit.form, visit.request.files)
        if "content_b64" not in data:
            return self._archive_form(visit, values, {"file": visit._("Pilih foto atau berkas PDF.")},
                                      summary=visit._("Berkas belum dipilih."), status=422)
        try:
            document = self.finance.archive_upload(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, ARCHIVE_FIELDS, visit._,
                                         aliases={"filename": "file", "content_b64": "file"})
            return self._archive_form(visit, values, errors, summary=visit._(exc.message), other=other, status=422)
        message = visit._("Dokumen disimpan di arsip: %(title)s.", title=document["title"])
        if document.get("spj_id"):
            return visit.redirect(f"/keuangan/spj/{document['spj_id']}", message)
        return visit.redirect("/keuangan/arsip", message)

    @page("GET", "/keuangan/arsip/tautan", needs=ARCHIVE_DOCUMENTS)
    def finance_archive_link_form(self, visit):
        spj = text_of(visit.request.args, "spj")
        return self._archive_form(visit, {"spj_id": spj if spj.isdigit() else ""}, {}, mode="link")

    @page("POST", "/keuangan/arsip/tautan", needs=ARCHIVE_DOCUMENTS)
    def finance_archive_link(self, visit):
        """A document kept elsewhere (a Drive URL), registered with its checksum when one is given."""
        values, data = archive_link(visit.form)
        try:
            document = self.finance.archive_register_link(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, ARCHIVE_FIELDS + ("url", "sha256", "filename"), visit._)
            return self._archive_form(visit, values, errors, summary=visit._(exc.message), other=other, status=422,
                                      mode="link")
        message = visit._("Tautan didaftarkan di arsip: %(title)s.", title=document["title"])
        if document.get("spj_id"):
            return visit.redirect(f"/keuangan/spj/{document['spj_id']}", message)
        return visit.redirect("/keuangan/arsip", message)

    @page("GET", "/keuangan/arsip/<int:document_id>/berkas", needs=READ_ARCHIVE)
    def finance_archive_file(self, visit, document_id):
        """An archived file as finance answers it: served as an attachment of a servable type (an ``<img>`` on
        the verification page still shows a photo of a receipt)."""
        return stored_file_response(self.finance.archive_file(document_id))

    def _classifications_page(self, visit, errors=None, summary=None, problems=(), status=200) -> Page:
        return Page("finance/classifications.html", {
            **self._finance_globals(visit), "classifications": self.finance.list_archive_classifications(),
            "disposition_labels": DISPOSITIONS, "errors": errors or {}, "summary": summary,
            "problems": list(problems),
        }, status, title=visit._("Klasifikasi arsip"))

    @page("GET", "/keuangan/arsip/klasifikasi", needs=READ_ARCHIVE)
    def finance_classifications(self, visit):
        """The archive's classification list (retention, final disposition); admin loads a new one."""
        return self._classifications_page(visit)

    @page("POST", "/keuangan/arsip/klasifikasi", needs=MANAGE_BUDGET)
    def finance_classifications_load(self, visit):
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return self._classifications_page(visit, {"file": visit._("Pilih berkas CSV.")},
                                              visit._("Berkas belum dipilih."), status=422)
        try:
            loaded = self.finance.load_archive_classifications(files[0]["filename"], files[0]["content_b64"])
        except ValidationFailed as exc:
            errors, _other = field_errors(exc.fields, ("file",), visit._,
                                          aliases={"filename": "file", "content_b64": "file"})
            return self._classifications_page(visit, errors, visit._(exc.message),
                                              file_problems(exc.fields, visit._), status=422)
        return visit.redirect("/keuangan/arsip/klasifikasi", visit._(
            "Daftar klasifikasi dimuat: %(created)s baru, %(updated)s diperbarui, %(deactivated)s tidak aktif.",
            created=loaded["created"], updated=loaded["updated"], deactivated=loaded["deactivated"]))

    @page("POST", "/keuangan/arsip/periksa", needs=CHECK_ARCHIVE)
    def finance_archive_check(self, visit):
        result = self.finance.check_archive()
        if result.get("skipped"):
            return visit.redirect("/keuangan/arsip", visit._("Pemeriksaan lain sedang berjalan atau baru saja "
                                                             "selesai; coba lagi nanti."), "warning")
        problems = (result.get("mismatched") or 0) + (result.get("missing") or 0)
        message = visit._("%(checked)s berkas diperiksa: %(ok)s utuh, %(bad)s bermasalah.",
                          checked=result.get("checked", 0), ok=result.get("ok", 0), bad=problems)
        return visit.redirect("/keuangan/arsip?integrity=mismatch" if problems else "/keuangan/arsip", message,
                              "error" if problems else "success")

    # -- SPJ: lists ----------------------------------------------------------------------------------------
    @page("GET", "/keuangan/spj/saya", needs=DRAFT)
    def finance_my_spj(self, visit):
        """The PPTK's SPJ: drafts and rejected ones to work on first, then every one of theirs, newest first."""
        def mine(status):
            return self.finance.list_spj(filters={"mine": True, "status": status}, limit=50)["items"]

        result, pager = keyset_page(visit, lambda cursor: self.finance.list_spj(
            filters={"mine": True}, cursor=cursor, limit=PAGE_SIZE), "/keuangan/spj/saya")
        return Page("finance/spj_mine.html", {
            **self._finance_globals(visit), "drafts": mine("draft"), "rejected": mine("rejected"),
            "items": result["items"], **pager,
        }, title=visit._("SPJ saya"))

    @page("GET", "/keuangan/spj", needs=READ)
    def finance_spj_list(self, visit):
        """Every SPJ the user may see (finance decides which), by status, kind and year."""
        filters, shown = spj_filters(visit.request.args, tuple(SPJ_STATUSES), tuple(SPJ_KINDS))
        result, pager = keyset_page(visit, lambda cursor: self.finance.list_spj(
            filters=filters, cursor=cursor, limit=PAGE_SIZE), "/keuangan/spj", {k: v for k, v in shown.items() if v})
        return Page("finance/spj_list.html", {
            **self._finance_globals(visit), "items": result["items"], "shown": shown, **pager,
        }, title=visit._("Daftar SPJ"))

    @page("GET", "/keuangan/persetujuan", needs=APPROVE)
    def finance_inbox(self, visit):
        """Verified SPJ the user may approve or reject (finance's ``approve`` queue); each one's
        ``allowed_actions`` are its buttons."""
        result, pager = keyset_page(visit, lambda cursor: self.finance.list_spj(
            filters={"queue": "approve"}, cursor=cursor, limit=PAGE_SIZE), "/keuangan/persetujuan")
        return Page("finance/inbox.html", {**self._finance_globals(visit), "items": result["items"], **pager},
                    title=visit._("Persetujuan SPJ"))

    @page("GET", "/keuangan/verifikasi", needs=VERIFY)
    def finance_queue(self, visit):
        """The bendahara's verification queue: each submitted SPJ with every purchase's evidence beside its
        items, a note per purchase to return it, and the buttons its ``allowed_actions`` name."""
        result, pager = keyset_page(visit, lambda cursor: self.finance.list_spj(
            filters={"queue": "verify"}, cursor=cursor, limit=QUEUE_SIZE), "/keuangan/verifikasi")
        details = [self.finance.get_spj(item["id"]) for item in result["items"]]
        return Page("finance/queue.html", {
            **self._finance_globals(visit), "items": details, **pager,
            "documents": self._evidence_documents(details),
        }, title=visit._("Verifikasi SPJ"))

    def _evidence_documents(self, details) -> dict[int, dict]:
        """The archive's record of each purchase's evidence (its kind and type decide how it shows), by id; one
        the user may not see is left out (the page then offers a plain link)."""
        found: dict[int, dict] = {}
        for spj in details:
            for purchase in spj.get("purchases") or []:
                document_id = purchase.get("evidence_document_id")
                if document_id and document_id not in found:
                    try:
                        found[document_id] = self.finance.get_archive_document(document_id)
                    except (NotFound, Forbidden):
                        continue
        return found

    # -- SPJ: the form ---------------------------------------------------------------------------------------
    def _budget_lines(self, visit, year: int) -> list[dict]:
        """The budget lines of ``year`` that its active DPA has (finance decides which one an SPJ may charge)."""
        lines = all_pages(lambda cursor: self.finance.list_budget_lines(
            filters={"fiscal_year": year}, cursor=cursor, limit=100), 20)
        return [line for line in lines if line.get("in_active_version", True)]

    def _spj_form(self, visit, values: dict, errors: dict, *, spj=None, summary=None, other=(), preview=None,
                  status: int = 200) -> Page:
        year = (spj or {}).get("fiscal_year") or wita_today().year
        lines = self._budget_lines(visit, year)
        classifications = [(c["code"], f"{c['code']} {c['name']}") for c in self._classifications()]
        title = visit._("Ubah SPJ") if spj else visit._("Buat SPJ")
        return Page("finance/spj_form.html", {
            **self._finance_globals(visit), "values": with_blank_rows(values), "errors": errors, "spj": spj,
            "summary": summary, "other": list(other), "preview": preview, "title": title,
            "line_groups": line_groups(lines, visit.identity.employee_id, visit._("Sub kegiatan Anda")),
            "classification_options": classifications, "blank_purchase": blank_purchase(),
            "blank_item": blank_item(), "preview_problem": None,
        }, status, title=title)

    def _preview(self, visit, data: dict) -> tuple[dict | None, dict, list, str | None]:
        """(finance's count of the purchases as they are, messages by field, other messages, why none yet)."""
        line = data.get("budget_line_id")
        try:
            preview = self.finance.preview_taxes({"budget_line_id": line if isinstance(line, int) else None,
                                                  "purchases": data["purchases"]})
        except ValidationFailed as exc:
            errors, other = spj_errors(exc.fields, visit._)
            return None, errors, other, visit._("Lengkapi isian yang ditandai untuk melihat perhitungannya.")
        errors, other = spj_errors(preview.get("problems") or {}, visit._)
        return preview, errors, other, None

    @page("POST", "/keuangan/spj/pratinjau", needs=DRAFT)
    def finance_spj_preview(self, visit):
        """The count beside the SPJ form while typing (``static/js/situok.js``): an HTML fragment."""
        preview, _errors, _other, problem = self._preview(visit, spj_payload(spj_values(visit.form)))
        context = {"lang": visit.session.lang, "preview": preview, "preview_problem": problem}
        return Response(render("finance/_preview.html", context), content_type="text/html; charset=utf-8")

    @page("GET", "/keuangan/spj/baru", needs=DRAFT)
    def finance_spj_new(self, visit):
        values = {"idempotency_key": secrets.token_urlsafe(16), "purchases": [blank_purchase()]}
        return self._spj_form(visit, values, {})

    @page("POST", "/keuangan/spj/baru", needs=DRAFT)
    def finance_spj_create(self, visit):
        return self._spj_post(visit, None)

    @page("GET", "/keuangan/spj/<int:spj_id>/ubah", needs=DRAFT)
    def finance_spj_edit(self, visit, spj_id):
        spj = self.finance.get_spj(spj_id)
        if "edit" not in (spj.get("allowed_actions") or ()):
            raise Forbidden(visit._("SPJ ini tidak dapat Anda ubah."))
        return self._spj_form(visit, spj_detail_values(spj), {}, spj=spj)

    @page("POST", "/keuangan/spj/<int:spj_id>/ubah", needs=DRAFT)
    def finance_spj_update(self, visit, spj_id):
        return self._spj_post(visit, self.finance.get_spj(spj_id))

    def _spj_post(self, visit, spj: dict | None):
        """The SPJ form posted: a row added or removed (without JavaScript), the taxes counted, or the draft
        saved. Each purchase's new photo or PDF goes to the archive first; its document becomes the purchase's
        evidence."""
        values = spj_values(visit.form)
        moved = row_action(values, visit.value("action"))
        if moved is not None:
            return self._spj_form(visit, moved, {}, spj=spj)
        evidence_errors = self._store_evidence(visit, values, spj)
        data = spj_payload(values)
        if visit.value("action") == "preview" or evidence_errors:
            preview, found, other, _problem = self._preview(visit, data)
            errors = {**found, **evidence_errors}
            summary = visit._("Bukti belum tersimpan.") if evidence_errors else None
            return self._spj_form(visit, values, errors, spj=spj, preview=preview, summary=summary, other=other,
                                  status=422 if evidence_errors else 200)
        try:
            if spj is None:
                saved = self.finance.create_spj(data, idempotency_key=values.get("idempotency_key") or None)
            else:
                saved = self.finance.update_spj(spj["id"], data)
        except ValidationFailed as exc:
            errors, other = spj_errors(exc.fields, visit._)
            return self._spj_form(visit, values, errors, spj=spj, summary=visit._(exc.message), other=other,
                                  status=422)
        return visit.redirect(f"/keuangan/spj/{saved['id']}", visit._("Draf SPJ disimpan. Periksa lalu ajukan."))

    def _store_evidence(self, visit, values: dict, spj: dict | None) -> dict[str, str]:
        """Archive each purchase's newly chosen photo or PDF (``p-<n>-evidence``) and make it the purchase's
        evidence; messages by the file field of the purchases whose file finance refused."""
        errors: dict[str, str] = {}
        for n, purchase in enumerate(values.get("purchases") or []):
            files = uploaded(visit.request.files.getlist(f"p-{purchase.get('source')}-evidence"))
            if not files:
                continue
            document = evidence_document(purchase, files[0], values.get("evidence_classification") or "",
                                         (spj or {}).get("id"))
            try:
                stored = self.finance.archive_upload(document)
            except ValidationFailed as exc:
                fields = dict(exc.fields or {})
                if "classification_code" in fields:  # the form's one choice for every purchase's file
                    errors["evidence_classification"] = visit._(str(fields.pop("classification_code")))
                errors[f"p-{n}-evidence"] = " ".join(visit._(str(m)) for m in fields.values()) \
                    or visit._(exc.message)
                continue
            purchase["evidence_document_id"] = str(stored["id"])
            purchase["evidence_filename"] = stored.get("filename") or files[0]["filename"]
        return errors

    # -- SPJ: the page and its steps ----------------------------------------------------------------------
    @page("GET", "/keuangan/spj/<int:spj_id>", needs=READ)
    def finance_spj_detail(self, visit, spj_id):
        spj = self.finance.get_spj(spj_id)
        title = spj.get("number") or visit._("SPJ #%(id)s", id=spj["id"])
        return Page("finance/spj_detail.html", {
            **self._finance_globals(visit), "spj": spj, "actions": spj.get("allowed_actions") or [],
            "documents": self._evidence_documents([spj]), "today": wita_today().isoformat(),
        }, title=title)

    @page("GET", "/keuangan/spj/<int:spj_id>/cetak", needs=READ)
    def finance_spj_print(self, visit, spj_id):
        return stored_file_response(self.finance.spj_document(spj_id))

    def _spj_act(self, visit, spj_id: int, step: str, call) -> Response:
        """Run a workflow step; a wrong status (409), a ceiling that cannot afford it or a missing reason comes
        back as a message on the page the button was on (``next``: the queue, the inbox) or the SPJ's page."""
        back = safe_next(visit.value("next")) if visit.value("next") else f"/keuangan/spj/{spj_id}"
        try:
            call()
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, visit._(DONE[step]))

    @page("POST", "/keuangan/spj/<int:spj_id>/ajukan", needs=READ)
    def finance_spj_submit(self, visit, spj_id):
        return self._spj_act(visit, spj_id, "submit",
                             lambda: self.finance.submit_spj(spj_id, visit.value("note") or None))

    @page("POST", "/keuangan/spj/<int:spj_id>/verifikasi", needs=READ)
    def finance_spj_verify(self, visit, spj_id):
        return self._spj_act(visit, spj_id, "verify",
                             lambda: self.finance.verify_spj(spj_id, visit.value("note") or None))

    @page("POST", "/keuangan/spj/<int:spj_id>/kembalikan", needs=READ)
    def finance_spj_return(self, visit, spj_id):
        """Back to the PPTK with the bendahara's note on each purchase that needs one."""
        return self._spj_act(visit, spj_id, "return",
                             lambda: self.finance.return_spj(spj_id, return_notes(visit.form)))

    @page("POST", "/keuangan/spj/<int:spj_id>/setujui", needs=READ)
    def finance_spj_approve(self, visit, spj_id):
        return self._spj_act(visit, spj_id, "approve",
                             lambda: self.finance.approve_spj(spj_id, visit.value("note") or None))

    @page("POST", "/keuangan/spj/<int:spj_id>/sahkan", needs=READ)
    def finance_spj_endorse(self, visit, spj_id):
        """The PPK-SKPD endorses an SPJ above the approval amount for the PA/KPA."""
        return self._spj_act(visit, spj_id, "endorse",
                             lambda: self.finance.endorse_spj(spj_id, visit.value("note") or None))

    @page("POST", "/keuangan/spj/<int:spj_id>/tolak", needs=READ)
    def finance_spj_reject(self, visit, spj_id):
        return self._spj_act(visit, spj_id, "reject", lambda: self.finance.reject_spj(spj_id, visit.value("reason")))

    @page("POST", "/keuangan/spj/<int:spj_id>/perbaiki", needs=READ)
    def finance_spj_revise(self, visit, spj_id):
        return self._spj_act(visit, spj_id, "revise",
                             lambda: self.finance.revise_spj(spj_id, visit.value("note") or None))

    @page("POST", "/keuangan/spj/<int:spj_id>/batalkan", needs=READ)
    def finance_spj_cancel(self, visit, spj_id):
        return self._spj_act(visit, spj_id, "cancel", lambda: self.finance.cancel_spj(spj_id, visit.value("reason")))

    @page("POST", "/keuangan/spj/<int:spj_id>/bayar", needs=READ)
    def finance_spj_pay(self, visit, spj_id):
        data = {"medium": visit.value("medium"), "paid_on": visit.value("paid_on") or None}
        return self._spj_act(visit, spj_id, "pay", lambda: self.finance.pay_spj(spj_id, data))

    @page("POST", "/keuangan/spj/<int:spj_id>/pajak/<int:tax_id>/setor", needs=READ)
    def finance_spj_tax_deposit(self, visit, spj_id, tax_id):
        data = {"billing_code": visit.value("billing_code"), "ntpn": visit.value("ntpn"),
                "deposited_on": visit.value("deposited_on") or None, "medium": visit.value("medium") or None}
        return self._spj_act(visit, spj_id, "deposit_tax", lambda: self.finance.record_tax_deposit(tax_id, data))

    # -- books ----------------------------------------------------------------------------------------------
    def _period(self, visit, whole_year: bool = True) -> tuple[int, int | None, dict, dict]:
        """(year, month or None for the whole year, the filter's shown values, its month choices) from
        ``?tahun=`` and ``?bulan=`` (1–12); this year, and this month where a month is needed."""
        today = wita_today()
        year = parse_year(visit.request.args.get("tahun"), today)
        month = parse_month_number(visit.request.args.get("bulan"))
        if month is None and not whole_year:
            month = today.month if year == today.year else 12
        names = [(n, month_label(year, n, visit.session.lang).split(" ")[0]) for n in range(1, 13)]
        shown = {"tahun": str(year), "bulan": str(month or "")}
        return year, month, shown, {"names": names, "whole_year": whole_year}

    def _period_label(self, visit, year: int, month: int | None) -> str:
        return month_label(year, month, visit.session.lang) if month else visit._("Tahun %(year)s", year=year)

    @staticmethod
    def _download_urls(kind: str, year: int, month: int | None, **extra) -> dict:
        query = {"jenis": kind, "tahun": year, **({"bulan": month} if month else {}),
                 **{k: v for k, v in extra.items() if v}}
        return {fmt: "/keuangan/buku/unduh?" + urllib.parse.urlencode({**query, "format": fmt})
                for fmt in ("xlsx", "pdf")}

    def _bku_page(self, visit, values=None, errors=None, summary=None, other=(), status=200) -> Page:
        year, month, shown, months = self._period(visit)
        medium = text_of(visit.request.args, "media")
        medium = medium if medium in PAYMENT_MEDIA else None
        shown["media"] = medium or ""
        result, pager = keyset_page(visit, lambda cursor: self.finance.cash_book(
            year, month_from=month or 1, month_to=month or 12, medium=medium, cursor=cursor, limit=BOOKS_ROWS),
            "/keuangan/bku", {k: v for k, v in shown.items() if v})
        return Page("finance/bku.html", {
            **self._finance_globals(visit), "book": result, **pager, "shown": shown, "months": months,
            "period_label": self._period_label(visit, year, month),
            "download_urls": self._download_urls("bku", year, month),
            "cash_kinds": [(code, visit._(label)) for code, label in CASH_KINDS.items()],
            "values": values or {"posted_on": wita_today().isoformat(), "kind": "up_receipt"},
            "errors": errors or {}, "summary": summary, "other": list(other),
        }, status, title=visit._("Buku Kas Umum"))

    @page("GET", "/keuangan/bku", needs=VIEW_BOOKS)
    def finance_bku(self, visit):
        """The cash book (BKU) of a month or the year, with its running balance and downloads."""
        return self._bku_page(visit)

    @page("POST", "/keuangan/bku/catat", needs=KEEP_BOOKS)
    def finance_post_cash(self, visit):
        """One of the bendahara's own postings (UP, GU, a transfer, an advance); finance books it."""
        values, data = cash_posting(visit.form)
        try:
            posted = self.finance.post_cash(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, CASH_FIELDS, visit._)
            return self._bku_page(visit, values, errors, visit._(exc.message), other, status=422)
        except Conflict as exc:
            return self._bku_page(visit, values, {}, visit._(exc.message), status=409)
        first = (posted.get("postings") or [{}])[0]
        return visit.redirect(f"/keuangan/bku?tahun={posted['fiscal_year']}&bulan={first.get('month', '')}",
                              visit._("Dibukukan: %(kind)s.", kind=visit._(CASH_KINDS.get(posted["kind"], ""))))

    @page("GET", "/keuangan/buku-pembantu", needs=VIEW_BOOKS)
    def finance_books(self, visit):
        """A subsidiary book (kas tunai, bank, pajak, panjar, per rincian objek) of a month or the year."""
        year, month, shown, months = self._period(visit)
        book = text_of(visit.request.args, "buku")
        book = book if book in BOOKS else next(iter(BOOKS))
        tax_kind = text_of(visit.request.args, "pajak") if book == "pajak" else ""
        tax_kind = tax_kind if tax_kind in TAXES else ""
        line_id = int_or_none(visit.request.args.get("rekening")) if book == "rekening" else None
        shown.update({"pajak": tax_kind, "rekening": str(line_id or "")})
        result, pager = keyset_page(visit, lambda cursor: self.finance.subsidiary_book(
            year, book, month=month, line_id=line_id, tax_kind=tax_kind or None, cursor=cursor, limit=BOOKS_ROWS),
            "/keuangan/buku-pembantu", {"buku": book, **{k: v for k, v in shown.items() if v}})
        period = {"tahun": year, **({"bulan": month} if month else {})}
        lines = self._budget_lines(visit, year) if book == "rekening" else []
        return Page("finance/books.html", {
            **self._finance_globals(visit), "book": result, **pager, "shown": shown, "months": months,
            "book_labels": BOOKS, "period_label": self._period_label(visit, year, month),
            "book_urls": {code: "/keuangan/buku-pembantu?" + urllib.parse.urlencode({"buku": code, **period})
                          for code in BOOKS},
            "download_urls": self._download_urls(book, year, month, line_id=line_id),
            "tax_options": list(TAXES.items()), "line_options": [
                (line["id"], f"{line['sub_activity_code']} · {line['account_code']} {line['account_name']}")
                for line in lines],
        }, title=visit._(BOOKS[book]))

    @page("GET", "/keuangan/laporan", needs=VIEW_BOOKS)
    def finance_report(self, visit):
        """The month's accountability report, the year's months (open/closed) and the month's closing when its
        ``allowed_actions`` offer it."""
        year, month, shown, months = self._period(visit, whole_year=False)
        report = self.finance.accountability_report(year, month)
        states = self.finance.list_month_closings(year)["items"]
        return Page("finance/report.html", {
            **self._finance_globals(visit), "report": report, "shown": shown, "months": months,
            "months_state": states, "month": next((m for m in states if m["month"] == month), None),
            "download_urls": self._download_urls("lpj", year, month),
        }, title=visit._("Laporan pertanggungjawaban bulanan"))

    @page("POST", "/keuangan/laporan/tutup", needs=KEEP_BOOKS)
    def finance_close_month(self, visit):
        year, month = int_or_none(visit.value("tahun")), int_or_none(visit.value("bulan"))
        back = f"/keuangan/laporan?tahun={year or ''}&bulan={month or ''}"
        try:
            closed = self.finance.close_month(year, month)
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, visit._("Buku %(month)s ditutup; %(n)s SPJ ditutup.",
                                            month=closed["month_name"], n=closed["spj_closed"]))

    @page("GET", "/keuangan/buku/unduh", needs=VIEW_BOOKS)
    def finance_books_download(self, visit):
        """The report, the BKU or a subsidiary book as XLSX or PDF, as finance renders it (a long export: the
        link shows it is busy until the file arrives, ``static/js/situok.js``)."""
        args = visit.request.args
        kind = text_of(args, "jenis")
        kind = kind if kind in books_schemas.DOCUMENT_KINDS else "bku"
        fmt = text_of(args, "format")
        fmt = fmt if fmt in books_schemas.DOCUMENT_FORMATS else "pdf"
        year = parse_year(args.get("tahun"), wita_today())
        line_id = int_or_none(args.get("line_id")) if kind == "rekening" else None
        extra = {"line_id": line_id} if line_id else {}
        exported = self.finance.books_document(year, kind, month=parse_month_number(args.get("bulan")), format=fmt,
                                               **extra)
        return stored_file_response(exported, inline=fmt == "pdf")

    # -- travel SPJ -----------------------------------------------------------------------------------------
    @page("GET", "/keuangan/perjalanan-menunggu", needs=SEE_ALL)
    def finance_travel_inbox(self, visit):
        """travel's realizations finance could not draft yet (their budget line is not in the DPA in force)."""
        result, pager = keyset_page(visit, lambda cursor: self.finance.travel_spj_inbox(cursor=cursor,
                                                                                       limit=PAGE_SIZE),
                                    "/keuangan/perjalanan-menunggu")
        return Page("finance/travel_inbox.html", {
            **self._finance_globals(visit), "items": result["items"], **pager, "inbox_labels": INBOX_STATUSES,
        }, title=visit._("Realisasi perjalanan dinas yang menunggu"))

    @page("POST", "/keuangan/perjalanan-menunggu/ulangi", needs=SEE_ALL)
    def finance_travel_retry(self, visit):
        done = self.finance.retry_travel_spj()
        return visit.redirect("/keuangan/perjalanan-menunggu", visit._(
            "%(drafted)s SPJ perjalanan dinas disusun; %(waiting)s masih menunggu.", drafted=done["drafted"],
            waiting=done["waiting"]))

    @page("GET", "/keuangan/spj/<int:spj_id>/perjalanan/<kind>", needs=READ)
    def finance_travel_document(self, visit, spj_id, kind):
        """A travel SPJ's printout (rincian per traveller, or the Daftar Pengeluaran Riil)."""
        if kind not in TRAVEL_DOCUMENTS:
            raise NotFound(visit._("Dokumen tidak dikenal."))
        employee = int_or_none(visit.request.args.get("pelaksana"))
        return stored_file_response(self.finance.travel_spj_document(spj_id, kind, employee), inline=True)

    # -- settings (admin) ----------------------------------------------------------------------------------
    def _settings_page(self, visit, values=None, errors=None, summary=None, other=(), status=200,
                       rate_errors=None, rate_summary=None, rate_problems=()) -> Page:
        current = self.finance.spj_settings()
        rates = self.finance.list_tax_rates()
        in_force = next((v for v in rates["versions"] if v["in_force"]), None)
        return Page("finance/settings.html", {
            **self._finance_globals(visit), "settings": current,
            "values": values or {name: str(current.get(name) or "") for name in SETTINGS_FIELDS},
            "errors": errors or {}, "summary": summary, "other": list(other),
            "rates": rates, "rates_in_force": in_force, "tiers": self.finance.list_evidence_tiers(),
            "rate_errors": rate_errors or {}, "rate_summary": rate_summary, "rate_problems": list(rate_problems),
        }, status, title=visit._("Pengaturan SPJ"))

    @page("POST", "/keuangan/pengaturan/tarif-pajak", needs=MANAGE_BUDGET)
    def finance_tax_rates_load(self, visit):
        """A new version of the tax-rate table from a CSV/XLSX: finance checks it (one message per row and
        column) and keeps the older versions."""
        files = uploaded(visit.request.files.getlist("file"))
        if not files:
            return self._settings_page(visit, rate_errors={"file": visit._("Pilih berkas CSV atau XLSX.")},
                                       rate_summary=visit._("Berkas belum dipilih."), status=422)
        try:
            self.finance.load_tax_rates(files[0]["filename"], files[0]["content_b64"])
        except (ValidationFailed, Conflict) as exc:
            fields = getattr(exc, "fields", None) or {}
            errors, _other = field_errors(fields, ("file",), visit._,
                                          aliases={"filename": "file", "content_b64": "file"})
            return self._settings_page(visit, rate_errors=errors, rate_summary=visit._(exc.message),
                                       rate_problems=file_problems(fields, visit._),
                                       status=409 if isinstance(exc, Conflict) else 422)
        return visit.redirect("/keuangan/pengaturan", visit._("Versi baru tabel tarif pajak dimuat."))

    @page("GET", "/keuangan/pengaturan", needs=MANAGE_BUDGET)
    def finance_settings(self, visit):
        return self._settings_page(visit)

    @page("POST", "/keuangan/pengaturan", needs=MANAGE_BUDGET)
    def finance_settings_update(self, visit):
        """The SPJ settings finance applies (the approval threshold, the procurement limit, the meterai
        threshold, the number template): sent as typed, amounts as integer rupiah; finance checks them."""
        values, data = settings_payload(visit.form)
        try:
            self.finance.update_spj_settings(data)
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, SETTINGS_FIELDS, visit._)
            return self._settings_page(visit, values, errors, visit._(exc.message), other, status=422)
        return visit.redirect("/keuangan/pengaturan", visit._("Pengaturan SPJ disimpan."))
