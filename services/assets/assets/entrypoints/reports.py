"""The reports area's entrypoints (labels, KIR, KIB exports, depreciation)."""
from __future__ import annotations

from situok_kit.clock import utcnow, wita_day
from situok_kit.errors import ValidationFailed
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..documents import depreciation as depreciation_document
from ..documents import kir as kir_document
from ..domain import depreciation, kib_export, kir, labels
from ..domain import signers as signing
from ..schemas.reports import (
    AssetDepreciationOut,
    AssetReportFileOut,
    DepreciationReportIn,
    DepreciationReportOut,
    KibExportIn,
    LabelSheetIn,
    RoomInventoryDocumentIn,
    RoomInventoryOut,
)

_label_sheet_in = LabelSheetIn()
_depreciation_report_in = DepreciationReportIn()
_room_inventory_document_in = RoomInventoryDocumentIn()
_kib_export_in = KibExportIn()
_file_out = AssetReportFileOut()
_asset_depreciation_out = AssetDepreciationOut()
_depreciation_report_out = DepreciationReportOut()
_room_inventory_out = RoomInventoryOut()


def _given(**arguments) -> dict:
    return {name: value for name, value in arguments.items() if value is not None}


class ReportEntrypoints:
    """RPCs of the reports area (mixed into ``AssetsService``)."""

    @api
    def label_sheet(self, base_url, asset_ids=None, room_id=None, layout=None, skip=None):
        """Pengurus barang, admin: the QR labels of ``asset_ids`` (at most 1,000) or of every active item of
        ``room_id`` as an A4 label sheet PDF (``AssetReportFileOut``); marks the items' ``label_printed_at``. The
        QR holds ``<base_url>/aset/barang/<id>``."""
        self._caller().require_keeper()
        args = load_input(_label_sheet_in, _given(base_url=base_url, asset_ids=asset_ids, room_id=room_id,
                                                  layout=layout, skip=skip))
        with self.db.transaction() as tx:
            found = labels.label_sheet(tx.session, args.get("asset_ids"), args.get("room_id"), args["base_url"],
                                       args["layout"], args["skip"], utcnow())
        return _file_out.dump(found)

    @api
    def asset_depreciation(self, asset_id):
        """Report readers (pengurus barang, admin, pimpinan, kepala bagian): an item's depreciation schedule
        (``AssetDepreciationOut``)."""
        self._caller().require_reports()
        return _asset_depreciation_out.dump(depreciation.item_schedule(
            self.db.session, record_id(asset_id, "asset_id"), wita_day()))

    @api
    def depreciation_report(self, year, kib=None, format=None):
        """Report readers: depreciation at the end of ``year`` per KIB, or one KIB with its items
        (``DepreciationReportOut``); with ``format`` (``pdf``/``xlsx``) the report as a file
        (``AssetReportFileOut``)."""
        self._caller().require_reports()
        args = load_input(_depreciation_report_in, _given(year=year, kib=kib, format=format))
        session = self.db.session
        found = depreciation.report(session, args["year"], args.get("kib"), with_items=bool(args.get("kib")))
        if not args.get("format"):
            return _depreciation_report_out.dump(found)
        signers = [(["Mengetahui,"], signing.signer(signing.bureau_head(session),
                                                           signing.KUASA_PENGGUNA)),
                   ([depreciation_document.place_date(wita_day())],
                    signing.signer(signing.pengurus_barang(session), signing.PENGURUS_BARANG))]
        return _file_out.dump(depreciation_document.document(found, args["format"], signers))

    @api
    def room_inventory(self, room_id):
        """Every signed-in employee: the room's KIR now (``RoomInventoryOut``): its active items, identical ones
        grouped, with who signs."""
        self._caller()
        return _room_inventory_out.dump(kir.room_inventory(self.db.session, record_id(room_id, "room_id"),
                                                          wita_day()))

    @api
    def room_inventory_document(self, room_id, format="pdf"):
        """Every signed-in employee: the room's KIR as PDF (A4 landscape, kop surat) or XLSX
        (``AssetReportFileOut``)."""
        self._caller()
        args = load_input(_room_inventory_document_in, _given(format=format))
        found = kir.room_inventory(self.db.session, record_id(room_id, "room_id"), wita_day())
        return _file_out.dump(kir_document.document(found, args["format"]))

    @api
    def kib_export(self, kib, format="xlsx", filters=None):
        """Report readers: a KIB (A–F) as XLSX or PDF with the standard KIB columns and totals
        (``AssetReportFileOut``); ``filters``: ``room_id``, ``condition``, ``year_from``, ``year_to``."""
        self._caller().require_reports()
        if filters is not None and not isinstance(filters, dict):
            raise ValidationFailed("Data tidak valid.", {"filters": "Harus objek."})
        args = load_input(_kib_export_in, {**(filters or {}), **_given(kib=kib, format=format)})
        return _file_out.dump(kib_export.document(self.db.session, args["kib"], args["format"], args, wita_day()))
