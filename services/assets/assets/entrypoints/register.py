"""The register area's entrypoints: the code list and useful lives (admin writes), buildings/floors/rooms (the
pengurus barang writes), items — registration, edits, files, the list and the item's page (everyone signed in
reads) — and the bulk import."""
from __future__ import annotations

from situok_kit.errors import ValidationFailed
from situok_kit.idempotency import run_idempotent
from situok_kit.pagination import clamp_limit
from situok_kit.rpc import api
from situok_kit.schema import load_input, record_id

from ..domain import register_codes, register_import, register_items, register_locations, register_search
from ..schemas.register import (
    FILE_VARIANTS,
    AssetBuildingIn,
    AssetBuildingOut,
    AssetChangeIn,
    AssetCodeFileIn,
    AssetCodeFilters,
    AssetCodeImportOut,
    AssetCodePage,
    AssetDetailOut,
    AssetFileIn,
    AssetFileOut,
    AssetFilters,
    AssetFloorIn,
    AssetFloorOut,
    AssetImportIn,
    AssetImportOut,
    AssetIn,
    AssetPage,
    AssetRegisterFileOut,
    AssetRoomFilters,
    AssetRoomIn,
    AssetRoomOut,
    AssetRoomPage,
    UsefulLifeIn,
    UsefulLifeOut,
)

_code_filters = AssetCodeFilters()
_code_file_in = AssetCodeFileIn()
_useful_life_in = UsefulLifeIn()
_building_in = AssetBuildingIn()
_floor_in = AssetFloorIn()
_room_in = AssetRoomIn()
_room_filters = AssetRoomFilters()
_asset_in = AssetIn()
_asset_change_in = AssetChangeIn()
_asset_filters = AssetFilters()
_asset_file_in = AssetFileIn()
_asset_import_in = AssetImportIn()

_code_page = AssetCodePage()
_code_import_out = AssetCodeImportOut()
_useful_lives_out = UsefulLifeOut(many=True)
_useful_life_out = UsefulLifeOut()
_buildings_out = AssetBuildingOut(many=True)
_building_out = AssetBuildingOut()
_floor_out = AssetFloorOut()
_room_out = AssetRoomOut()
_room_page = AssetRoomPage()
_asset_detail = AssetDetailOut()
_asset_page = AssetPage()
_asset_file_out = AssetFileOut()
_register_file_out = AssetRegisterFileOut()
_asset_import_out = AssetImportOut()


def _filters(schema, data) -> dict:
    return load_input(schema, {k: v for k, v in (data or {}).items() if v is not None}
                      if isinstance(data, dict) else data)


class RegisterEntrypoints:
    """RPCs of the register area (mixed into ``AssetsService``)."""

    # -- codes and useful lives ------------------------------------------------------------------------------

    @api
    def list_asset_codes(self, filters=None, cursor=None, limit=50):
        """Anyone signed in: the code list (Permendagri 108/2016) by prefix, KIB, text, registrable only."""
        self._caller()
        return _code_page.dump(register_codes.list_codes(self.db.session, _filters(_code_filters, filters), cursor,
                                                         clamp_limit(limit)))

    @api
    def import_asset_codes(self, filename, content_b64):
        """Admin: load the whole code list from CSV/XLSX (``kode,nama,roda``), all or nothing (422 per row and
        column ``baris_<n>.<kolom>``); names upserted, nothing deleted."""
        self._caller().require_admin()
        args = load_input(_code_file_in, {"filename": filename, "content_b64": content_b64})
        rows = register_codes.parse_codes(args["content_b64"])
        with self.db.transaction() as tx:
            return _code_import_out.dump(register_codes.import_codes(tx.session, rows))

    @api
    def list_useful_lives(self):
        """Anyone signed in: the useful lives (masa manfaat) by code prefix and version."""
        self._caller()
        return _useful_lives_out.dump(register_codes.list_useful_lives(self.db.session))

    @api
    def add_useful_life(self, data):
        """Admin: a new version of a prefix's useful life (409 when that prefix already has one from that day)."""
        self._caller().require_admin()
        payload = load_input(_useful_life_in, data)
        with self.db.transaction() as tx:
            return _useful_life_out.dump(register_codes.add_useful_life(tx.session, payload))

    # -- buildings, floors, rooms ----------------------------------------------------------------------------

    @api
    def list_buildings(self):
        """Anyone signed in: buildings with their floors (and how many rooms each)."""
        self._caller()
        return _buildings_out.dump(register_locations.list_buildings(self.db.session))

    @api
    def create_building(self, data):
        """Pengurus barang: a building (code unique, 409); a bookable one is published to booking."""
        self._caller().require_keeper()
        payload = load_input(_building_in, data)
        with self.db.transaction() as tx:
            building = register_locations.create_building(tx, payload)
            return _building_out.dump(register_locations.building_view(tx.session, building))

    @api
    def update_building(self, building_id, data):
        """Pengurus barang: change a building (the fields sent); published/withdrawn for booking."""
        self._caller().require_keeper()
        building_id = record_id(building_id, "building_id")
        payload = load_input(_building_in, data, partial=True)
        with self.db.transaction() as tx:
            building = register_locations.update_building(tx, building_id, payload)
            return _building_out.dump(register_locations.building_view(tx.session, building))

    @api
    def create_floor(self, data):
        """Pengurus barang: a floor of a building (its name unique in the building, 409)."""
        self._caller().require_keeper()
        payload = load_input(_floor_in, data)
        with self.db.transaction() as tx:
            floor = register_locations.create_floor(tx.session, payload)
            return _floor_out.dump({**payload, "id": floor.id, "level": floor.level, "room_count": 0})

    @api
    def update_floor(self, floor_id, data):
        """Pengurus barang: rename or reorder a floor."""
        self._caller().require_keeper()
        floor_id = record_id(floor_id, "floor_id")
        payload = load_input(_floor_in, data, partial=True)
        with self.db.transaction() as tx:
            floor = register_locations.update_floor(tx, floor_id, payload)
            return _floor_out.dump({"id": floor.id, "building_id": floor.building_id, "name": floor.name,
                                    "level": floor.level, "room_count": len(floor.rooms)})

    @api
    def list_rooms(self, filters=None, cursor=None, limit=50):
        """Anyone signed in: rooms by code (filter by building, floor, text), each with its active item count."""
        self._caller()
        return _room_page.dump(register_locations.list_rooms(self.db.session, _filters(_room_filters, filters),
                                                             cursor, clamp_limit(limit)))

    @api
    def get_room(self, room_id):
        """Anyone signed in: one room (its items: ``list_assets({room_id})``)."""
        self._caller()
        session = self.db.session
        room = register_locations.get_room(session, record_id(room_id, "room_id"))
        return _room_out.dump(register_locations.room_view(session, room))

    @api
    def create_room(self, data):
        """Pengurus barang: a room (code unique 409; person in charge on the roster, 422); a bookable room is
        published to booking."""
        self._caller().require_keeper()
        payload = load_input(_room_in, data)
        with self.db.transaction() as tx:
            room = register_locations.create_room(tx, payload)
            return _room_out.dump(register_locations.room_view(tx.session, room))

    @api
    def update_room(self, room_id, data):
        """Pengurus barang: change a room (the fields sent); published, or withdrawn when no longer bookable."""
        self._caller().require_keeper()
        room_id = record_id(room_id, "room_id")
        payload = load_input(_room_in, data, partial=True)
        with self.db.transaction() as tx:
            room = register_locations.update_room(tx, room_id, payload)
            return _room_out.dump(register_locations.room_view(tx.session, room))

    # -- items -----------------------------------------------------------------------------------------------

    @api
    def register_asset(self, data, idempotency_key=None):
        """Pengurus barang: register an item (the KIB's details, the code's next register number). Publishes
        ``assets.item_registered`` (and a lendable vehicle to booking). A retry with the same
        ``idempotency_key`` registers once."""
        caller = self._caller().require_keeper()
        payload = load_input(_asset_in, data)

        def register(tx):
            asset = register_items.register(tx, caller, payload)
            return _asset_detail.dump(register_items.detail(tx.session, caller, asset.id))

        return run_idempotent(self.db, f"register_asset:{caller.account_id}", idempotency_key, data, register)

    @api
    def update_asset(self, asset_id, data):
        """Pengurus barang: change an item (the fields sent). The code is never changed (409), the room and holder
        only by a handover (422). Publishes ``assets.item_changed``."""
        caller = self._caller().require_keeper()
        asset_id = record_id(asset_id, "asset_id")
        payload = load_input(_asset_change_in, data, partial=True)
        with self.db.transaction() as tx:
            register_items.edit(tx, caller, asset_id, payload)
            return _asset_detail.dump(register_items.detail(tx.session, caller, asset_id))

    @api
    def get_asset(self, asset_id):
        """Anyone signed in: an item's page — details, files (no content), history, ``allowed_actions``."""
        caller = self._caller()
        return _asset_detail.dump(register_items.detail(self.db.session, caller, record_id(asset_id, "asset_id")))

    @api
    def list_assets(self, filters=None, cursor=None, limit=50):
        """Anyone signed in: the register, newest first (filters: ``AssetFilters``)."""
        self._caller()
        return _asset_page.dump(register_search.list_assets(self.db.session, _filters(_asset_filters, filters),
                                                            cursor, clamp_limit(limit)))

    @api
    def my_assets(self, cursor=None, limit=50):
        """Anyone signed in: the active items the caller holds."""
        caller = self._caller()
        if not caller.employee_id:
            return _asset_page.dump({"items": [], "next_cursor": None})
        return _asset_page.dump(register_search.list_assets(
            self.db.session, {"holder_employee_id": caller.employee_id, "status": "active"}, cursor,
            clamp_limit(limit)))

    @api
    def upload_asset_file(self, asset_id, data):
        """Pengurus barang: a photo (JPEG/PNG/WebP by content, ≤ 8 MB: thumbnail and web copy, metadata
        stripped) or a document (PDF ≤ 10 MB) of an item; history ``file_added``."""
        caller = self._caller().require_keeper()
        asset_id = record_id(asset_id, "asset_id")
        payload = load_input(_asset_file_in, data)
        with self.db.transaction() as tx:
            row = register_items.add_file(tx, caller, asset_id, payload)
            return _asset_file_out.dump(register_items.file_view(row))

    @api
    def asset_file(self, file_id, variant="original"):
        """Anyone signed in: a file of an item ``{filename, content_type, content_b64}``; ``variant``
        ``original``, ``thumbnail`` or ``web`` (photos)."""
        self._caller()
        if variant not in FILE_VARIANTS:
            raise ValidationFailed("Varian tidak dikenal.", {"variant": "Harus original, thumbnail atau web."})
        return _register_file_out.dump(register_items.file_content(self.db.session, record_id(file_id, "file_id"),
                                                                   variant))

    # -- import ----------------------------------------------------------------------------------------------

    @api
    def import_assets(self, filename, content_b64):
        """Pengurus barang: load an existing register from XLSX/CSV (the template's columns), all or nothing (422
        per row and column ``baris_<n>.<kolom>``); counts per KIB."""
        caller = self._caller().require_keeper()
        args = load_input(_asset_import_in, {"filename": filename, "content_b64": content_b64})
        with self.db.transaction() as tx:
            items = register_import.parse(tx.session, args["content_b64"])
            return _asset_import_out.dump(register_import.load(tx, caller, items, args["filename"]))

    @api
    def asset_import_template(self):
        """Pengurus barang: the import template (XLSX: header and one example row)."""
        self._caller().require_keeper()
        return _register_file_out.dump(register_import.template())
