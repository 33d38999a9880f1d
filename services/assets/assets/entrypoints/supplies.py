"""The supplies area's entrypoints: consumables (persediaan) — items and their stock, receipts (FIFO lots),
requests (asked by any employee, decided by the unit head, issued by the pengurus barang), the minimum-stock
list, the stock card, stock opname counts and the semester report (``domain.supplies*``)."""
from __future__ import annotations

from situok_kit.idempotency import run_idempotent
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..domain import supplies, supplies_counts, supplies_reports, supplies_requests
from ..schemas.supplies import (
    SupplyApproveIn,
    SupplyCancelIn,
    SupplyCountIn,
    SupplyCountOut,
    SupplyCountPage,
    SupplyDocumentOut,
    SupplyIssueIn,
    SupplyItemIn,
    SupplyItemOut,
    SupplyItemPage,
    SupplyItemPatchIn,
    SupplyLowStockOut,
    SupplyReasonIn,
    SupplyReceiptIn,
    SupplyReceiptOut,
    SupplyReceiptPage,
    SupplyReportIn,
    SupplyReportOut,
    SupplyRequestFilters,
    SupplyRequestIn,
    SupplyRequestOut,
    SupplyRequestPage,
    SupplyStockCardIn,
    SupplyStockCardOut,
)

_item_in = SupplyItemIn()
_item_patch_in = SupplyItemPatchIn()
_receipt_in = SupplyReceiptIn()
_request_in = SupplyRequestIn()
_approve_in = SupplyApproveIn()
_reason_in = SupplyReasonIn()
_cancel_in = SupplyCancelIn()
_issue_in = SupplyIssueIn()
_request_filters = SupplyRequestFilters()
_count_in = SupplyCountIn()
_report_in = SupplyReportIn()
_card_in = SupplyStockCardIn()

_item_out = SupplyItemOut()
_item_page = SupplyItemPage()
_low_out = SupplyLowStockOut()
_receipt_out = SupplyReceiptOut()
_receipt_page = SupplyReceiptPage()
_request_out = SupplyRequestOut()
_request_page = SupplyRequestPage()
_card_out = SupplyStockCardOut()
_count_out = SupplyCountOut()
_count_page = SupplyCountPage()
_report_out = SupplyReportOut()
_document_out = SupplyDocumentOut()


def _given(**arguments) -> dict:
    return {name: value for name, value in arguments.items() if value is not None}


class SupplyEntrypoints:
    """RPCs of the supplies area (mixed into ``AssetsService``)."""

    # -- items -------------------------------------------------------------------------------------------------

    @api
    def supply_items(self, q=None, include_inactive=False, low_only=False, cursor=None, limit=50):
        """Every signed-in employee: consumables by code with their stock and value (``low``: at or below the
        minimum), keyset-paginated; ``include_inactive`` for the keeper's list."""
        self._caller()
        return _item_page.dump(supplies.list_items(self.db.session, q, bool(include_inactive), bool(low_only),
                                                   cursor, clamp_limit(limit)))

    @api
    def get_supply_item(self, item_id):
        self._caller()
        return _item_out.dump(supplies.get_item(self.db.session, record_id(item_id, "item_id")))

    @api
    def create_supply_item(self, data, idempotency_key=None):
        """Pengurus barang/admin: a new consumable (code unique: 409)."""
        caller = self._caller().require_keeper()
        args = load_input(_item_in, data)

        def create(tx):
            item = supplies.create_item(tx.session, args)
            return _item_out.dump(supplies.get_item(tx.session, item.id))

        return run_idempotent(self.db, f"create_supply_item:{caller.account_id}", idempotency_key, data, create)

    @api
    def update_supply_item(self, item_id, data):
        """Pengurus barang/admin: change the fields sent."""
        self._caller().require_keeper()
        item_id = record_id(item_id, "item_id")
        args = load_input(_item_patch_in, data, partial=True)
        with self.db.transaction() as tx:
            supplies.update_item(tx.session, item_id, args)
            return _item_out.dump(supplies.get_item(tx.session, item_id))

    @api
    def supply_low_stock(self):
        """Pengurus barang/admin: active items at or below their minimum stock."""
        self._caller().require_keeper()
        return _low_out.dump({"items": supplies.low_stock(self.db.session)})

    # -- receipts ----------------------------------------------------------------------------------------------

    @api
    def receive_supplies(self, data, idempotency_key=None):
        """Pengurus barang/admin: a purchase received — each line a FIFO lot and a stock-card movement;
        ``assets.supply_received``. A retry with the same key records it once."""
        caller = self._caller().require_keeper()
        args = load_input(_receipt_in, data)

        def receive(tx):
            receipt = supplies.receive(tx, caller, args)
            return _receipt_out.dump(supplies.receipt_view(tx.session, receipt))

        return run_idempotent(self.db, f"receive_supplies:{caller.account_id}", idempotency_key, data, receive)

    @api
    def supply_receipts(self, date_from=None, date_to=None, cursor=None, limit=50):
        """Pengurus barang/admin: receipts, newest first."""
        self._caller().require_keeper()
        args = load_input(_card_in, _given(date_from=date_from, date_to=date_to))
        return _receipt_page.dump(supplies.list_receipts(self.db.session, args.get("date_from"),
                                                         args.get("date_to"), cursor, clamp_limit(limit)))

    @api
    def get_supply_receipt(self, receipt_id):
        self._caller().require_keeper()
        return _receipt_out.dump(supplies.get_receipt(self.db.session, record_id(receipt_id, "receipt_id")))

    # -- requests ----------------------------------------------------------------------------------------------

    @api
    def request_supplies(self, data, idempotency_key=None):
        """Any employee: ask for consumables (purpose, lines); ``assets.supply_requested``."""
        caller = self._caller()
        args = load_input(_request_in, data)

        def create(tx):
            request = supplies_requests.create(tx, caller, args)
            return _request_out.dump(supplies_requests.view(tx.session, caller, request))

        return run_idempotent(self.db, f"request_supplies:{caller.account_id}", idempotency_key, data, create)

    @api
    def supply_requests(self, queue="mine", status=None, cursor=None, limit=50):
        """Requests, newest first (the keeper's ``issue`` queue oldest first): ``mine``, ``approve`` (the unit
        head's inbox), ``issue`` (approved, for the keeper), ``all``; each with ``allowed_actions``."""
        caller = self._caller()
        args = load_input(_request_filters, _given(queue=queue, status=status))
        return _request_page.dump(supplies_requests.list_requests(self.db.session, caller, args["queue"],
                                                                  args.get("status"), cursor, clamp_limit(limit)))

    @api
    def get_supply_request(self, request_id):
        """A request the caller may see (requester, their unit heads, the keeper; 404 otherwise)."""
        caller = self._caller()
        return _request_out.dump(supplies_requests.get(self.db.session, caller,
                                                       record_id(request_id, "request_id")))

    def _supply_request_command(self, command, request_id, *args):
        caller = self._caller()
        request_id = record_id(request_id, "request_id")
        with self.db.transaction() as tx:
            request = command(tx, caller, request_id, *args)
            return _request_out.dump(supplies_requests.view(tx.session, caller, request))

    @api
    def approve_supply_request(self, request_id, lines=None, note=None):
        """The requester's unit head (or above; never the requester): approve with quantities ≤ requested."""
        args = load_input(_approve_in, _given(lines=lines, note=note))
        return self._supply_request_command(supplies_requests.approve, request_id, args)

    @api
    def reject_supply_request(self, request_id, reason=None):
        """The requester's unit head: reject with a reason."""
        args = load_input(_reason_in, _given(reason=reason))
        return self._supply_request_command(supplies_requests.reject, request_id, args["reason"])

    @api
    def cancel_supply_request(self, request_id, reason=None):
        """The requester, while submitted."""
        args = load_input(_cancel_in, _given(reason=reason))
        return self._supply_request_command(supplies_requests.cancel, request_id, args.get("reason"))

    @api
    def issue_supply_request(self, request_id, lines=None, note=None):
        """Pengurus barang/admin: hand over an approved request (FIFO; less when stock is short, said per line);
        ``assets.supply_issued`` and ``assets.stock_low`` per item crossing its minimum."""
        args = load_input(_issue_in, _given(lines=lines, note=note))
        return self._supply_request_command(supplies_requests.issue, request_id, args)

    # -- stock card ----------------------------------------------------------------------------------------------

    @api
    def supply_stock_card(self, item_id, date_from=None, date_to=None, cursor=None, limit=100):
        """Pengurus barang, admin, report readers: the item's movements with the running balance and totals."""
        supplies.require_reader(self._caller())
        args = load_input(_card_in, _given(date_from=date_from, date_to=date_to))
        return _card_out.dump(supplies.stock_card(self.db.session, record_id(item_id, "item_id"),
                                                  args.get("date_from"), args.get("date_to"), cursor,
                                                  clamp_limit(limit)))

    @api
    def supply_stock_card_document(self, item_id, date_from=None, date_to=None, format="pdf"):
        """The stock card as PDF or XLSX: ``{filename, content_type, content_b64}``."""
        supplies.require_reader(self._caller())
        args = load_input(_card_in, _given(date_from=date_from, date_to=date_to, format=format))
        return _document_out.dump(supplies_reports.stock_card_document(
            self.db.session, record_id(item_id, "item_id"), args.get("date_from"), args.get("date_to"),
            args["format"]))

    # -- stock opname --------------------------------------------------------------------------------------------

    @api
    def supply_counts(self, cursor=None, limit=50):
        """Pengurus barang/admin: stock opname counts, newest first."""
        caller = self._caller().require_keeper()
        return _count_page.dump(supplies_counts.list_counts(self.db.session, caller, cursor, clamp_limit(limit)))

    @api
    def get_supply_count(self, count_id):
        caller = self._caller().require_keeper()
        return _count_out.dump(supplies_counts.get(self.db.session, caller, record_id(count_id, "count_id")))

    @api
    def create_supply_count(self, data, idempotency_key=None):
        """Pengurus barang/admin: a draft count (date, note, counted quantity per item)."""
        caller = self._caller().require_keeper()
        args = load_input(_count_in, data)

        def create(tx):
            count = supplies_counts.create(tx, caller, args)
            return _count_out.dump(supplies_counts.view(tx.session, caller, count))

        return run_idempotent(self.db, f"create_supply_count:{caller.account_id}", idempotency_key, data, create)

    @api
    def update_supply_count(self, count_id, data):
        """Pengurus barang/admin: replace a draft count whole (applied: 409)."""
        caller = self._caller().require_keeper()
        count_id = record_id(count_id, "count_id")
        args = load_input(_count_in, data)
        with self.db.transaction() as tx:
            count = supplies_counts.update(tx, caller, count_id, args)
            return _count_out.dump(supplies_counts.view(tx.session, caller, count))

    @api
    def apply_supply_count(self, count_id):
        """Pengurus barang/admin: record the differences (shortage FIFO at lot value, surplus a lot at the last
        known price) and freeze the count (applied: 409)."""
        caller = self._caller().require_keeper()
        count_id = record_id(count_id, "count_id")
        with self.db.transaction() as tx:
            count = supplies_counts.apply(tx, caller, count_id)
            return _count_out.dump(supplies_counts.view(tx.session, caller, count))

    # -- the semester report -------------------------------------------------------------------------------------

    @api
    def supply_report(self, year, semester):
        """Pengurus barang, admin, pimpinan, kepala bagian: the semester persediaan report."""
        supplies.require_reader(self._caller())
        args = load_input(_report_in, {"year": year, "semester": semester})
        return _report_out.dump(supplies_reports.semester_report(self.db.session, args["year"], args["semester"]))

    @api
    def supply_report_document(self, year, semester, format="pdf"):
        """The semester report as PDF (A4 landscape, kop, signatures) or XLSX."""
        supplies.require_reader(self._caller())
        args = load_input(_report_in, _given(year=year, semester=semester, format=format))
        return _document_out.dump(supplies_reports.report_document(self.db.session, args["year"], args["semester"],
                                                                   args["format"]))
