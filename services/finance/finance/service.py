"""The finance Nameko service: RPC entrypoints and event consumers only.

Each method checks who is calling, validates its input with the contract's input schemas, calls the domain
and answers with an output schema dumping what the domain returned. Writes run in one transaction with their
outbox events. Contract: docs/contracts.md and ``finance.schemas``.

Sections (a table of contents): roster and capabilities; budget (DPA); SPJ (the workflow shared by both
kinds); purchases (small-purchase SPJ lines, taxes, evidence); travel SPJ (from travel's ``order_realized``);
books (BKU, subsidiary books, closing, reports); archive.
"""
from __future__ import annotations

from datetime import timedelta

from nameko.timer import timer
from situok_contracts.events import Travel  # travel SPJ
from situok_kit.clock import wita_day
from situok_kit.config import env_int
from situok_kit.consumers import event_consumer  # travel SPJ
from situok_kit.db import Database
from situok_kit.health import HealthMixin
from situok_kit.idempotency import run_idempotent
from situok_kit.identity import CallerIdentity
from situok_kit.logs import CallIdLogging
from situok_kit.pagination import clamp_limit
from situok_kit.roster import RosterCopy
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from . import sync
from .domain import (
    access,
    archive,
    books,
    budget,
    capabilities,
    closing,
    integrity,
    reports,
    roster,
    spj,
    spj_access,
    spj_archive,
    spj_printout,
    spj_purchases,
    spj_rates,
    spj_reading,
    spj_settings,
    travel_spj,
)
from .domain.storage import ArchiveStorage
from .models import Base
from .schemas.archive import (
    ArchiveCheckOut,
    ArchiveClassificationFileIn,
    ArchiveClassificationLoadOut,
    ArchiveClassificationOut,
    ArchiveDocumentOut,
    ArchiveFileOut,
    ArchiveFilters,
    ArchiveLinkIn,
    ArchivePage,
    ArchiveUploadIn,
)
from .schemas.books import (
    BooksDocumentIn,
    BooksDocumentOut,
    CashBookIn,
    CashBookPage,
    CashMonthClosedOut,
    CashMonthIn,
    CashMonthListOut,
    CashPostedOut,
    CashPostingIn,
    CashReportOut,
    CashSubsidiaryBookIn,
    CashSubsidiaryBookOut,
)
from .schemas.budget import (
    BudgetFileIn,
    BudgetLineDetailOut,
    BudgetLineFilters,
    BudgetLinePage,
    BudgetOverviewOut,
    BudgetVersionOut,
    BudgetYearIn,
)
from .schemas.common import FinanceCapabilitiesOut, FinanceRosterStatusOut, FinanceRosterSyncOut
from .schemas.purchases import (
    SpjEvidenceTierOut,
    SpjEvidenceTiersIn,
    SpjPreviewIn,
    SpjPreviewOut,
    SpjTaxRateFileIn,
    SpjTaxRatesOut,
)
from .schemas.spj import (
    SpjDetailOut,
    SpjDocumentOut,
    SpjFilters,
    SpjIn,
    SpjNoteIn,
    SpjPage,
    SpjPaymentIn,
    SpjReasonIn,
    SpjReturnIn,
    SpjSettingsIn,
    SpjSettingsOut,
    SpjTaxDepositIn,
)
from .schemas.travel_spj import TravelSpjDocumentIn, TravelSpjDocumentOut, TravelSpjInboxPage, TravelSpjRetryOut

_capabilities_out = FinanceCapabilitiesOut()

# SPJ reference data: tax rates and evidence tiers
_spj_tax_rate_file_in = SpjTaxRateFileIn()
_spj_evidence_tiers_in = SpjEvidenceTiersIn()
_spj_tax_rates_out = SpjTaxRatesOut()
_spj_evidence_tiers_out = SpjEvidenceTierOut(many=True)

# travel SPJ
_travel_spj_document_in = TravelSpjDocumentIn()
_travel_spj_document_out = TravelSpjDocumentOut()
_travel_spj_inbox_page = TravelSpjInboxPage()
_travel_spj_retry_out = TravelSpjRetryOut()

# books: BKU, subsidiary books, closing, reports
_cash_posting_in = CashPostingIn()
_cash_book_in = CashBookIn()
_cash_subsidiary_in = CashSubsidiaryBookIn()
_cash_month_in = CashMonthIn()
_books_document_in = BooksDocumentIn()
_cash_posted_out = CashPostedOut()
_cash_book_page = CashBookPage()
_cash_subsidiary_out = CashSubsidiaryBookOut()
_cash_month_closed_out = CashMonthClosedOut()
_cash_month_list_out = CashMonthListOut()
_cash_report_out = CashReportOut()
_books_document_out = BooksDocumentOut()


def _given(**arguments) -> dict:
    """An RPC's optional arguments as input for its schema: those left ``None`` take the schema's default."""
    return {name: value for name, value in arguments.items() if value is not None}

# SPJ: the workflow and small purchases
_spj_in = SpjIn()
_spj_filters = SpjFilters()
_spj_note_in = SpjNoteIn()
_spj_reason_in = SpjReasonIn()
_spj_return_in = SpjReturnIn()
_spj_payment_in = SpjPaymentIn()
_spj_tax_deposit_in = SpjTaxDepositIn()
_spj_settings_in = SpjSettingsIn()
_spj_preview_in = SpjPreviewIn()
_spj_detail = SpjDetailOut()
_spj_page = SpjPage()
_spj_settings_out = SpjSettingsOut()
_spj_preview_out = SpjPreviewOut()
_spj_document_out = SpjDocumentOut()

# archive
_archive_upload_in = ArchiveUploadIn()
_archive_link_in = ArchiveLinkIn()
_archive_filters = ArchiveFilters()
_archive_classification_file_in = ArchiveClassificationFileIn()
_archive_document_out = ArchiveDocumentOut()
_archive_page = ArchivePage()
_archive_file_out = ArchiveFileOut()
_archive_classifications_out = ArchiveClassificationOut(many=True)
_archive_classification_load_out = ArchiveClassificationLoadOut()
_archive_check_out = ArchiveCheckOut()
#: Seconds between periodic archive integrity checks (``SITUOK_FINANCE_ARCHIVE_CHECK_SECONDS``).
ARCHIVE_CHECK_SECONDS = env_int("SITUOK_FINANCE_ARCHIVE_CHECK_SECONDS")

# budget (DPA)
_budget_file_in = BudgetFileIn()
_budget_year_in = BudgetYearIn()
_budget_line_filters = BudgetLineFilters()
_budget_version_out = BudgetVersionOut()
_budget_versions_out = BudgetVersionOut(many=True)
_budget_overview_out = BudgetOverviewOut()
_budget_line_page = BudgetLinePage()
_budget_line_detail = BudgetLineDetailOut()


class FinanceService(HealthMixin, RosterCopy):
    name = "finance"

    db = Database(Base.metadata)
    caller = CallerIdentity()
    call_log = CallIdLogging()
    #: the archive's file storage (``domain.storage``: a directory or an S3-compatible bucket, by settings)
    storage = ArchiveStorage()

    # -- roster: situok_kit.roster.RosterCopy keeps it (personnel's events, a pull at start) and answers
    # ``sync_roster`` (admin: pull now) and ``roster_status`` through these schemas
    roster_store = roster
    roster_sync = sync
    roster_sync_out = FinanceRosterSyncOut()
    roster_status_out = FinanceRosterStatusOut()

    def _caller(self) -> access.Caller:
        """The identity in context (401 without one) as finance sees it."""
        return access.caller_of(self.caller.require())

    @api
    def capabilities(self):
        """What the caller may do in finance in general (an edge's menu and pages); each SPJ carries its own
        ``allowed_actions``."""
        return _capabilities_out.dump(capabilities.capabilities(self._caller()))

    # -- budget (DPA) ---------------------------------------------------------------------------

    @api
    def load_budget(self, fiscal_year, filename, content_b64, label=None):
        """Admin: load a year's DPA file (CSV/XLSX) as its next version — the original (murni) when it has none,
        an amendment (perubahan) otherwise; a bad file changes nothing (422 naming each row and column)."""
        caller = self._caller()
        caller.require(caller.is_admin, "Hanya admin yang dapat memuat DPA.")
        args = load_input(_budget_file_in, {"fiscal_year": fiscal_year, "filename": filename,
                                            "content_b64": content_b64, "label": label})
        with self.db.transaction() as tx:
            version = budget.load(tx, args["fiscal_year"], args["filename"], args["content_b64"], args["label"],
                                  caller.username)
            # realizations that waited for their budget line become draft SPJ now that it may exist
            travel_spj.retry_waiting(tx, args["fiscal_year"])
            return _budget_version_out.dump(version)

    @api
    def list_budget_versions(self, fiscal_year):
        """The versions of a year's DPA, newest first (finance roles)."""
        self._caller().require_finance()
        args = load_input(_budget_year_in, {"fiscal_year": fiscal_year})
        return _budget_versions_out.dump(budget.list_versions(self.db.session, args["fiscal_year"]))

    @api
    def budget_overview(self, fiscal_year):
        """The budget dashboard: each sub-kegiatan with its accounts and totals, and the year's (finance roles)."""
        self._caller().require_finance()
        args = load_input(_budget_year_in, {"fiscal_year": fiscal_year})
        return _budget_overview_out.dump(budget.overview(self.db.session, args["fiscal_year"]))

    @api
    def list_budget_lines(self, filters=None, cursor=None, limit=50):
        """Budget lines, keyset-paginated, filtered by year, sub-kegiatan, account prefix, text (finance roles)."""
        self._caller().require_finance()
        return _budget_line_page.dump(budget.list_lines(self.db.session, load_input(_budget_line_filters, filters),
                                                        cursor, clamp_limit(limit)))

    @api
    def get_budget_line(self, line_id):
        """One budget line with its ceiling in every version of its year (finance roles)."""
        self._caller().require_finance()
        return _budget_line_detail.dump(budget.get_line(self.db.session, record_id(line_id, "line_id")))

    # -- SPJ: the workflow ----------------------------------------------------------------------

    @api
    def create_spj(self, data, idempotency_key=None):
        """PPTK: draft a small-purchase SPJ on a budget line of their own sub-kegiatan, with its purchases
        (priced and taxed; 422 naming every bad field, nothing saved). Publishes ``finance.spj_drafted``."""
        ident = self.caller.require()
        payload = load_input(_spj_in, data)

        def create(tx):
            caller = access.caller_of(ident)
            return _spj_detail.dump(spj_reading.detail(tx.session, caller, spj.create(tx, caller, payload)))

        return run_idempotent(self.db, f"create_spj:{ident.account_id}", idempotency_key, data, create)

    @api
    def update_spj(self, spj_id, data):
        """The SPJ's PPTK: replace a draft whole (title, description, line, the full list of purchases)."""
        return self._spj_command(spj.update, spj_id, load_input(_spj_in, data))

    @api
    def get_spj(self, spj_id):
        """One SPJ the caller may see (404 otherwise) with its purchases, taxes, history, ``allowed_actions``."""
        caller = self._caller()
        session = self.db.session
        found = spj_access.load_visible(session, caller, record_id(spj_id, "spj_id"))
        return _spj_detail.dump(spj_reading.detail(session, caller, found))

    @api
    def list_spj(self, filters=None, cursor=None, limit=50):
        """The SPJ the caller may see, newest first, keyset-paginated (403 without a finance role); filters
        status, kind, year, budget line, mine, ``queue`` (``verify``: the bendahara's queue; ``approve``: the
        approver's inbox — verified SPJ for the PPK-SKPD, endorsed ones for the PA/KPA)."""
        caller = self._caller()
        return _spj_page.dump(spj_reading.list_spj(self.db.session, caller, load_input(_spj_filters, filters),
                                                   cursor, clamp_limit(limit)))

    def _spj_command(self, command, spj_id, *args):
        """Run ``command(tx, caller, spj_id, *args)`` in one transaction; answer the SPJ as the caller sees it."""
        caller = self._caller()
        spj_id = record_id(spj_id, "spj_id")
        with self.db.transaction() as tx:
            return _spj_detail.dump(spj_reading.detail(tx.session, caller, command(tx, caller, spj_id, *args)))

    @api
    def submit_spj(self, spj_id, note=None):
        """The SPJ's PPTK: submit a draft (numbered at its first submission)."""
        return self._spj_command(spj.submit, spj_id, load_input(_spj_note_in, {"note": note}).get("note"))

    @api
    def return_spj(self, spj_id, notes=None):
        """Bendahara (not the drafter): send a submitted SPJ back to draft with a note per purchase."""
        return self._spj_command(spj.return_, spj_id, load_input(_spj_return_in, {"notes": notes})["notes"])

    @api
    def verify_spj(self, spj_id, note=None):
        """Bendahara (not the drafter): every purchase's evidence checked (each must have its document)."""
        return self._spj_command(spj.verify, spj_id, load_input(_spj_note_in, {"note": note}).get("note"))

    @api
    def approve_spj(self, spj_id, note=None):
        """The final approval, committing the gross on the budget line (409 when the line cannot afford it):
        the PPK-SKPD a verified SPJ up to the configured amount (above it: 422, endorse instead); the PA/KPA an
        endorsed one. Never its drafter, verifier or endorser."""
        return self._spj_command(spj.approve, spj_id, load_input(_spj_note_in, {"note": note}).get("note"))

    @api
    def endorse_spj(self, spj_id, note=None):
        """PPK-SKPD (neither the drafter nor the verifier): endorse a verified SPJ above the configured amount
        for the PA/KPA (at or below it: 422, approve instead); commits nothing. Publishes
        ``finance.spj_endorsed``."""
        return self._spj_command(spj.endorse, spj_id, load_input(_spj_note_in, {"note": note}).get("note"))

    @api
    def reject_spj(self, spj_id, reason=None):
        """Reject with a reason: the verifier (submitted), the PPK-SKPD (verified), the PA/KPA (endorsed)."""
        return self._spj_command(spj.reject, spj_id, load_input(_spj_reason_in, {"reason": reason})["reason"])

    @api
    def revise_spj(self, spj_id, note=None):
        """The SPJ's PPTK: take a rejected SPJ back to draft."""
        return self._spj_command(spj.revise, spj_id, load_input(_spj_note_in, {"note": note}).get("note"))

    @api
    def cancel_spj(self, spj_id, reason=None):
        """Cancel with a reason (draft/submitted: its PPTK, the bendahara, the PPK-SKPD or the PA/KPA;
        verified/endorsed/approved: the bendahara, the PPK-SKPD or the PA/KPA); an approved SPJ releases its
        commitment."""
        return self._spj_command(spj.cancel, spj_id, load_input(_spj_reason_in, {"reason": reason})["reason"])

    @api
    def pay_spj(self, spj_id, data):
        """Bendahara: record the payment (``medium`` cash|bank, ``paid_on``): realized on the line, posted to
        the BKU (the gross out, each tax withheld in); the SPJ's printout archived."""
        payment = load_input(_spj_payment_in, data)

        def pay_and_archive(tx, caller, spj_id, payment):
            paid = spj.pay(tx, caller, spj_id, payment)
            spj_archive.archive_paid(tx, self.storage, caller, paid)
            return paid

        return self._spj_command(pay_and_archive, spj_id, payment)

    @api
    def record_tax_deposit(self, tax_id, data):
        """Bendahara: record a tax entry's deposit (billing code, NTPN, date), posted to the BKU; answers the
        SPJ. Publishes ``finance.tax_deposited``."""
        caller = self._caller()
        tax_id = record_id(tax_id, "tax_id")
        payload = load_input(_spj_tax_deposit_in, data)
        with self.db.transaction() as tx:
            return _spj_detail.dump(spj_reading.detail(tx.session, caller, spj.deposit_tax(tx, caller, tax_id,
                                                                                           payload)))

    @api
    def spj_settings(self):
        """Finance roles: the SPJ settings (approval threshold, procurement limit, meterai, number template)."""
        self._caller().require_finance()
        return _spj_settings_out.dump(spj_settings.current(self.db.session))

    @api
    def update_spj_settings(self, data):
        """Admin: change the SPJ settings (only the fields sent)."""
        caller = self._caller()
        payload = load_input(_spj_settings_in, data)
        with self.db.transaction() as tx:
            return _spj_settings_out.dump(spj_settings.update(tx.session, caller, payload))

    @api
    def spj_document(self, spj_id):
        """The SPJ's PDF ``{filename, content_type, content_b64}`` (whoever may see it)."""
        caller = self._caller()
        return _spj_document_out.dump(spj_printout.document(self.db.session, caller, record_id(spj_id, "spj_id"),
                                                            wita_day()))

    # -- purchases: small-purchase lines, taxes, evidence ------------------------------------------

    @api
    def preview_taxes(self, data):
        """PPTK (and finance roles): the taxes, evidence kinds and flags of an unsaved draft's purchases, live,
        with the problems that would refuse saving it."""
        self._caller().require_finance()
        return _spj_preview_out.dump(spj_purchases.preview(self.db.session, load_input(_spj_preview_in, data)))

    @api
    def list_tax_rates(self):
        """Finance roles: every version of the tax-rate table (newest ``valid_from`` first) and the one in force
        today (WITA)."""
        self._caller().require_finance()
        return _spj_tax_rates_out.dump(spj_rates.rate_versions(self.db.session, wita_day()))

    @api
    def load_tax_rates(self, filename, content_b64):
        """Admin: add a new version of the tax-rate table from a CSV/XLSX in the seeded columns (one
        ``valid_from``, every tax kind once); older versions are never changed; an existing ``valid_from`` is
        409, a bad file 422 naming each row and column (nothing loaded)."""
        caller = self._caller()
        caller.require(caller.is_admin, "Hanya admin yang dapat memuat tarif pajak.")
        args = load_input(_spj_tax_rate_file_in, {"filename": filename, "content_b64": content_b64})
        rows = spj_rates.parse_rate_file(args["content_b64"])
        with self.db.transaction() as tx:
            spj_rates.load_rate_version(tx.session, caller, rows)
            return _spj_tax_rates_out.dump(spj_rates.rate_versions(tx.session, wita_day()))

    @api
    def list_evidence_tiers(self):
        """Finance roles: the evidence tiers in order, each with the amounts it covers."""
        self._caller().require_finance()
        return _spj_evidence_tiers_out.dump(spj_rates.tiers_out(self.db.session))

    @api
    def update_evidence_tiers(self, data):
        """Admin: replace the evidence tiers whole (``{"tiers": [{kind, label, up_to, verified}, …]}`` ascending,
        the first from Rp0, only the last without ``up_to``); all or nothing."""
        caller = self._caller()
        caller.require(caller.is_admin, "Hanya admin yang dapat mengubah tingkat bukti.")
        payload = load_input(_spj_evidence_tiers_in, data)
        with self.db.transaction() as tx:
            return _spj_evidence_tiers_out.dump(spj_rates.update_tiers(tx.session, caller, payload["tiers"]))

    # -- travel SPJ ------------------------------------------------------------------------------

    @event_consumer(Travel.ORDER_REALIZED)
    def on_order_realized(self, tx, event):
        """travel's realization: a draft travel SPJ for the charged line's PPTK, or an inbox row waiting for
        the line (``domain.travel_spj``)."""
        travel_spj.receive_realization(tx, event.data, event.id)

    @api
    def travel_spj_inbox(self, cursor=None, limit=50):
        """The realizations waiting for their budget line (bendahara, PPK, PA/KPA, admin), a keyset page."""
        return _travel_spj_inbox_page.dump(travel_spj.inbox(self.db.session, self._caller(), cursor,
                                                            clamp_limit(limit)))

    @api
    def retry_travel_spj(self):
        """Draft the waiting realizations whose budget line now exists (bendahara, admin)."""
        caller = self._caller()
        travel_spj.require_keeper(caller)
        with self.db.transaction() as tx:
            return _travel_spj_retry_out.dump(travel_spj.retry_waiting(tx))

    @api
    def travel_spj_document(self, spj_id, kind, employee_id=None):
        """A travel SPJ's printout: ``rincian`` per traveller or ``riil`` (Daftar Pengeluaran Riil)."""
        args = load_input(_travel_spj_document_in, {"spj_id": spj_id, "kind": kind, "employee_id": employee_id})
        return _travel_spj_document_out.dump(travel_spj.document(
            self.db.session, self._caller(), args["spj_id"], args["kind"], args.get("employee_id")))

    # -- books: BKU, subsidiary books, closing, reports -------------------------------------------

    @api
    def post_cash(self, data, idempotency_key=None):
        """Bendahara: one of their own postings — UP received, GU replenishment, a withdrawal/deposit between
        bank and cash (two postings), an advance (panjar) given or settled, UP returned; ``finance.cash_posted``.
        A retry with the same ``idempotency_key`` posts once and answers the first posting."""
        caller = books.require_keeper(self._caller())
        args = load_input(_cash_posting_in, data)

        def post(tx):
            return _cash_posted_out.dump(books.post_cash(tx, caller, args, wita_day()))

        return run_idempotent(self.db, f"post_cash:{caller.account_id}", idempotency_key, data, post)

    @api
    def cash_book(self, fiscal_year, month_from=1, month_to=12, medium=None, cursor=None, limit=100):
        """The BKU (or one medium's book) of the months: entries with running balance, keyset-paginated, and
        the period's totals (bendahara, PPK, PA/KPA, admin)."""
        books.require_reader(self._caller())
        args = load_input(_cash_book_in, _given(fiscal_year=fiscal_year, month_from=month_from, month_to=month_to,
                                                medium=medium, cursor=cursor, limit=limit))
        return _cash_book_page.dump(books.bku(self.db.session, **args))

    @api
    def subsidiary_book(self, fiscal_year, book, month=None, line_id=None, tax_kind=None, cursor=None, limit=100):
        """A subsidiary book (kas_tunai, bank, pajak, panjar, rekening) of the month or the year."""
        books.require_reader(self._caller())
        args = load_input(_cash_subsidiary_in, _given(fiscal_year=fiscal_year, book=book, month=month,
                                                      line_id=line_id, tax_kind=tax_kind, cursor=cursor,
                                                      limit=limit))
        return _cash_subsidiary_out.dump(books.subsidiary_book(self.db.session, **args))

    @api
    def close_month(self, fiscal_year, month):
        """Bendahara: freeze the month (after the one before it) and close the SPJ paid in it;
        ``finance.month_closed``."""
        caller = books.require_keeper(self._caller())
        args = load_input(_cash_month_in, {"fiscal_year": fiscal_year, "month": month})
        with self.db.transaction() as tx:
            return _cash_month_closed_out.dump(
                closing.close_month(tx, caller, args["fiscal_year"], args["month"], wita_day()))

    @api
    def list_month_closings(self, fiscal_year):
        """The twelve months of the year: open or closed, each with its ``allowed_actions``."""
        caller = books.require_reader(self._caller())
        args = load_input(_cash_month_in, {"fiscal_year": fiscal_year}, partial=("month",))
        return _cash_month_list_out.dump(closing.list_months(self.db.session, caller, args["fiscal_year"],
                                                             wita_day()))

    @api
    def accountability_report(self, fiscal_year, month):
        """The month's accountability report (SPJ administratif/fungsional): per account and the cash."""
        books.require_reader(self._caller())
        args = load_input(_cash_month_in, {"fiscal_year": fiscal_year, "month": month})
        return _cash_report_out.dump(reports.accountability_report(self.db.session, args["fiscal_year"],
                                                                   args["month"]))

    @api
    def books_document(self, fiscal_year, kind, month=None, format="pdf", line_id=None, pa_kpa_employee_id=None):
        """The report (``lpj``), the BKU or a subsidiary book as PDF or XLSX: ``{filename, content_type,
        content_b64}``."""
        caller = books.require_reader(self._caller())
        args = load_input(_books_document_in, _given(fiscal_year=fiscal_year, kind=kind, month=month, format=format,
                                                     line_id=line_id, pa_kpa_employee_id=pa_kpa_employee_id))
        return _books_document_out.dump(reports.document(
            self.db.session, caller, args["fiscal_year"], args["kind"], args.get("month"), args["format"],
            args.get("line_id"), args.get("pa_kpa_employee_id")))

    # -- archive -----------------------------------------------------------------------------------

    @api
    def archive_upload(self, data, idempotency_key=None):
        """PPTK, bendahara, admin: archive a file (PDF, JPEG, PNG, WebP; at most 10 MB, judged by content) with
        its classification; its retention follows. Publishes ``finance.document_archived``. A retry with the same
        ``idempotency_key`` archives once."""
        caller = archive.require_archivist(self._caller())
        payload = load_input(_archive_upload_in, data)

        def upload(tx):
            document = archive.upload(tx, self.storage, caller, payload)
            return _archive_document_out.dump(archive.get_document(tx.session, caller, document.id))

        return run_idempotent(self.db, f"archive_upload:{caller.account_id}", idempotency_key, data, upload)

    @api
    def archive_register_link(self, data, idempotency_key=None):
        """PPTK, bendahara, admin: register a document kept elsewhere by its https (Drive) URL, with its sha256
        when given. Publishes ``finance.document_archived``. A retry with the same ``idempotency_key`` registers
        once."""
        caller = archive.require_archivist(self._caller())
        payload = load_input(_archive_link_in, data)

        def register(tx):
            document = archive.register_link(tx, caller, payload)
            return _archive_document_out.dump(archive.get_document(tx.session, caller, document.id))

        return run_idempotent(self.db, f"archive_link:{caller.account_id}", idempotency_key, data, register)

    @api
    def list_archive(self, filters=None, cursor=None, limit=50):
        """Finance roles: the register (every unit's documents), newest first, keyset-paginated."""
        caller = archive.require_reader(self._caller())
        session = self.db.session
        return _archive_page.dump(archive.list_documents(session, caller, load_input(_archive_filters, filters),
                                                         cursor, clamp_limit(limit)))

    @api
    def get_archive_document(self, document_id):
        """Finance roles: one document's metadata."""
        caller = archive.require_reader(self._caller())
        document_id = record_id(document_id, "document_id")
        return _archive_document_out.dump(archive.get_document(self.db.session, caller, document_id))

    @api
    def archive_file(self, document_id):
        """Finance roles: a document's stored file ``{filename, content_type, sha256, content_b64}`` (the edges
        serve it as an attachment)."""
        caller = archive.require_reader(self._caller())
        document_id = record_id(document_id, "document_id")
        return _archive_file_out.dump(archive.document_file(self.db.session, self.storage, caller, document_id))

    @api
    def list_archive_classifications(self):
        """Finance roles: the archive classification list with retention and final disposition."""
        archive.require_reader(self._caller())
        return _archive_classifications_out.dump(archive.list_classifications(self.db.session))

    @api
    def load_archive_classifications(self, filename, content_b64):
        """Admin: replace the classification list from a CSV (one message per bad row and column, nothing
        half-loaded); codes left out stop being offered for new documents."""
        caller = self._caller().require_finance()
        caller.require(caller.is_admin, "Hanya admin yang dapat memuat daftar klasifikasi arsip.")
        args = load_input(_archive_classification_file_in, {"filename": filename, "content_b64": content_b64})
        rows = archive.parse_classifications(args["content_b64"])
        with self.db.transaction() as tx:
            counts = archive.load_classifications(tx.session, rows)
            return _archive_classification_load_out.dump(
                {**counts, "items": archive.list_classifications(tx.session)})

    @api
    def check_archive(self):
        """Bendahara, admin: re-read every stored file now and compare its sha256 (waits for a check already
        running); publishes ``finance.archive_mismatch_found`` per bad document."""
        archive.require_checker(self._caller())
        with self.db.transaction() as tx:
            return _archive_check_out.dump(integrity.check_all(tx, self.storage, wait=True))

    @timer(interval=ARCHIVE_CHECK_SECONDS)
    def scheduled_archive_check(self):
        """The periodic integrity check (every ``SITUOK_FINANCE_ARCHIVE_CHECK_SECONDS``, on each instance):
        skipped when another instance is checking or a check finished within half the interval."""
        with self.db.transaction() as tx:
            integrity.check_all(tx, self.storage, wait=False, min_gap=timedelta(seconds=ARCHIVE_CHECK_SECONDS / 2))
