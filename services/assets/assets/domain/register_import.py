"""The bulk import of an existing register from one sheet (XLSX or CSV), and its template.

One row per item: the common columns, then the KIB's own columns (a row fills those of its code's KIB; others
are ignored). An existing register may carry its ``nomor_register`` (unique per code; the code's counter then
moves past it); without one the next number is assigned. Every row is checked before anything is written: a
422 with one message per bad row and column (``baris_<n>.<kolom>``); then every item is inserted in one
transaction (bulk inserts), with a history row ``imported`` each, ``assets.item_registered`` each, and the
vehicles published to booking.
"""
from __future__ import annotations

import io
from collections import Counter
from datetime import datetime

from marshmallow import fields
from situok_kit.errors import ValidationFailed
from situok_kit.exports import append_row
from situok_kit.schema import load_input
from situok_kit.uploads import CONTENT_TYPES, read_table
from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import Asset, AssetCode, AssetHistory, NumberCounter, Room, RosterEmployee
from ..schemas.register import AssetIn
from . import resources
from .access import Caller
from .register import emit_registered
from .register_items import details_schema

MAX_IMPORT_ROWS = 10_000
#: Common columns -> ``AssetIn`` fields (``kode_ruangan`` and ``nip_pemegang`` are looked up).
COMMON = {"kode_barang": "code", "nama_barang": "name", "tahun_perolehan": "acquisition_year",
          "tanggal_perolehan": "acquisition_date", "nilai_perolehan": "acquisition_value", "asal_usul": "source",
          "kondisi": "condition", "keterangan": "notes"}
LOOKUPS = {"kode_ruangan": "room_id", "nip_pemegang": "holder_employee_id"}
#: KIB columns -> details fields (each KIB's schema says which of them it takes).
DETAILS = {"merk": "brand", "tipe": "type", "ukuran_cc": "size_cc", "bahan": "material",
           "nomor_polisi": "plate_number", "nomor_rangka": "frame_number", "nomor_mesin": "engine_number",
           "nomor_bpkb": "bpkb_number", "tempat_duduk": "seats", "bahan_bakar": "fuel", "luas_m2": "area_m2",
           "alamat": "address", "status_sertifikat": "certificate_status", "nomor_sertifikat": "certificate_number",
           "tanggal_sertifikat": "certificate_date", "hak": "rights", "penggunaan": "use",
           "jumlah_lantai": "floors", "konstruksi": "construction", "beton": "concrete",
           "luas_lantai_m2": "floor_area_m2", "status_tanah": "land_status", "nomor_dokumen": "document_number",
           "tanggal_dokumen": "document_date", "kode_tanah": "land_code", "panjang_m": "length_m",
           "lebar_m": "width_m", "judul": "title", "pengarang": "author", "spesifikasi": "specification",
           "asal_daerah": "origin", "pencipta": "creator", "jenis": "kind", "ukuran": "size",
           "tanggal_mulai": "start_date", "status_pekerjaan": "work_status"}
HEADER = ["kode_barang", "nomor_register", "nama_barang", "tahun_perolehan", "tanggal_perolehan",
          "nilai_perolehan", "asal_usul", "kondisi", "kode_ruangan", "nip_pemegang", *DETAILS, "keterangan"]
EXAMPLE = {"kode_barang": "1.3.2.02.01.01.003", "nama_barang": "Toyota Kijang Innova", "tahun_perolehan": 2022,
           "tanggal_perolehan": "2022-03-15", "nilai_perolehan": 385000000, "asal_usul": "apbd", "kondisi": "B",
           "merk": "Toyota", "tipe": "Kijang Innova 2.0 G", "ukuran_cc": "1998", "bahan": "Besi",
           "nomor_polisi": "DK 1023 AB", "nomor_rangka": "MHFJW8EM2N1234567", "nomor_mesin": "1TR7654321",
           "nomor_bpkb": "P-01234567", "tempat_duduk": 7, "bahan_bakar": "bensin",
           "keterangan": "Kendaraan operasional pimpinan"}
_FIELD_COLUMN = {v: k for k, v in {**COMMON, **LOOKUPS, **DETAILS}.items()}
_TRUE = {"ya", "y", "true", "1", "beton"}
_FALSE = {"tidak", "t", "false", "0", "bukan"}


def column_of(field: str) -> str:
    return _FIELD_COLUMN.get(field, field)


def _date(text: str) -> str:
    """``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD-MM-YYYY`` or a spreadsheet's datetime text -> ISO date text."""
    text = text.strip()
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, form).date().isoformat()
        except ValueError:
            continue
    raise ValueError


def _integer(text: str) -> int:
    cleaned = text.replace(".", "").replace(" ", "") if "," not in text else text
    if cleaned.lstrip("-").isdigit():
        return int(cleaned)
    value = float(text.replace(",", "."))
    if not value.is_integer():
        raise ValueError
    return int(value)


def _typed(field: fields.Field, text: str):
    """A cell's text as ``field`` loads it (strict ints, floats with a decimal comma, yes/no booleans)."""
    if isinstance(field, fields.Integer):
        return _integer(text)
    if isinstance(field, fields.Float):
        return float(text.replace(",", "."))
    if isinstance(field, fields.Boolean):
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError
    if isinstance(field, fields.Date):
        return _date(text)
    return text


def _typed_values(schema, values: dict, problems: dict, row: int) -> dict:
    typed = {}
    for name, text in values.items():
        field = schema.fields.get(name)
        if field is None:
            continue
        try:
            typed[name] = _typed(field, text)
        except ValueError:
            message = {fields.Integer: "Harus bilangan bulat.", fields.Float: "Harus angka.",
                       fields.Boolean: "Isi ya atau tidak.", fields.Date: "Tanggal seperti 2024-03-15."}
            problems[f"baris_{row}.{column_of(name)}"] = next(
                (m for cls, m in message.items() if isinstance(field, cls)), "Nilai tidak valid.")
    return typed


def parse(session: Session, data: bytes) -> list[dict]:
    """The file's rows as items to insert (``AssetIn`` + KIB details + register number or None); a 422 with one
    message per bad row and column."""
    table = read_table(data, MAX_IMPORT_ROWS + 1, "Berkas register", "content_b64")
    if not table:
        raise ValidationFailed("Berkas kosong.", {"content_b64": "Berkas tidak berisi baris."})
    header = [c.strip().lower() for c in table[0][1]]
    missing = [c for c in ("kode_barang", "nama_barang", "tahun_perolehan", "nilai_perolehan", "asal_usul",
                           "kondisi") if c not in header]
    unknown = [c for c in header if c and c not in HEADER]
    if missing or unknown:
        problems = {}
        if missing:
            problems["content_b64"] = f"Baris judul harus memuat: {', '.join(missing)}."
        if unknown:
            problems["header"] = f"Kolom tidak dikenal: {', '.join(unknown)} (lihat templat)."
        raise ValidationFailed("Baris judul tidak sesuai templat.", problems)
    if len(table) > MAX_IMPORT_ROWS + 1:
        raise ValidationFailed("Terlalu banyak baris.", {"content_b64": f"Maksimal {MAX_IMPORT_ROWS} baris."})
    raw_rows = []
    for number, cells in table[1:]:
        values = {name: cells[i].strip() for i, name in enumerate(header) if name and i < len(cells)
                  and cells[i].strip()}
        if values:
            raw_rows.append((number, values))
    if not raw_rows:
        raise ValidationFailed("Berkas kosong.", {"content_b64": "Berkas tidak berisi barang."})

    codes = {c.code: c for c in session.scalars(select(AssetCode).where(
        AssetCode.code.in_({v.get("kode_barang", "") for _, v in raw_rows})))}
    rooms = dict(session.execute(select(func.lower(Room.code), Room.id).where(Room.active.is_(True))).all())
    nips = {v["nip_pemegang"] for _, v in raw_rows if v.get("nip_pemegang")}
    holders = dict(session.execute(select(RosterEmployee.nip, RosterEmployee.id).where(
        RosterEmployee.nip.in_(nips), RosterEmployee.active.is_(True))).all()) if nips else {}
    common_schema = AssetIn()
    problems: dict[str, str] = {}
    items: list[dict] = []
    given_numbers: dict[tuple[str, int], int] = {}
    for number, values in raw_rows:
        before = len(problems)
        common = _typed_values(common_schema, {f: values[c] for c, f in COMMON.items() if c in values},
                               problems, number)
        code = codes.get(values.get("kode_barang", ""))
        if "kode_barang" in values and (code is None or not code.registrable or not code.active):
            problems[f"baris_{number}.kode_barang"] = "Kode barang tidak ada atau bukan tingkat terakhir yang aktif."
        register_number = None
        if values.get("nomor_register"):
            try:
                register_number = _integer(values["nomor_register"])
                if register_number < 1:
                    raise ValueError
            except ValueError:
                problems[f"baris_{number}.nomor_register"] = "Harus bilangan bulat positif."
            else:
                key = (values.get("kode_barang", ""), register_number)
                if key in given_numbers:
                    problems[f"baris_{number}.nomor_register"] = (
                        f"Nomor register sudah dipakai baris {given_numbers[key]} untuk kode yang sama.")
                given_numbers.setdefault(key, number)
        room_id = holder_id = None
        if values.get("kode_ruangan"):
            room_id = rooms.get(values["kode_ruangan"].lower())
            if room_id is None:
                problems[f"baris_{number}.kode_ruangan"] = "Ruangan tidak dikenal atau tidak aktif."
        if values.get("nip_pemegang"):
            holder_id = holders.get(values["nip_pemegang"])
            if holder_id is None:
                problems[f"baris_{number}.nip_pemegang"] = "NIP tidak ada pada data kepegawaian."
        try:
            loaded = load_input(common_schema, {k: v for k, v in common.items() if k != "code"}
                                | {"code": values.get("kode_barang", "")}) if len(problems) == before else None
        except ValidationFailed as failed:
            loaded = None
            for field, message in failed.fields.items():
                problems[f"baris_{number}.{column_of(field)}"] = message
        details = None
        if code is not None and code.registrable:
            schema = details_schema(code)()
            detail_problems: dict[str, str] = {}
            typed = _typed_values(schema, {f: values[c] for c, f in DETAILS.items() if c in values},
                                  detail_problems, number)
            if not detail_problems:
                try:
                    details = load_input(schema, typed)
                except ValidationFailed as failed:
                    for field, message in failed.fields.items():
                        detail_problems[f"baris_{number}.{column_of(field)}"] = message
            problems.update(detail_problems)
        if loaded is not None and details is not None and len(problems) == before:
            items.append({**loaded, "kib": code.kib, "details": details, "room_id": room_id,
                          "holder_employee_id": holder_id, "register_number": register_number, "_row": number})
    if problems:
        raise ValidationFailed("Berkas register ditolak; tidak ada yang dimuat.", problems)
    return items


def _numbers(session: Session, items: list[dict]) -> None:
    """Register numbers: the given ones checked against the register, the others the code's next; the counters
    move past both (rows locked in code order, so concurrent imports and registrations queue)."""
    by_code: dict[str, list[dict]] = {}
    for item in items:
        by_code.setdefault(item["code"], []).append(item)
    given = [(i["code"], i["register_number"]) for i in items if i["register_number"]]
    if given:
        taken = set()
        for start in range(0, len(given), 2000):
            taken |= set(session.execute(select(Asset.code, Asset.register_number).where(
                tuple_(Asset.code, Asset.register_number).in_(given[start:start + 2000]))).all())
        problems = {f"baris_{i['_row']}.nomor_register": "Nomor register ini sudah ada untuk kode yang sama."
                    for i in items if i["register_number"] and (i["code"], i["register_number"]) in taken}
        if problems:
            raise ValidationFailed("Berkas register ditolak; tidak ada yang dimuat.", problems)
    for code in sorted(by_code):
        scope = f"register:{code}"
        session.execute(pg_insert(NumberCounter).values(scope=scope, last_seq=0).on_conflict_do_nothing())
        counter = session.scalar(select(NumberCounter).where(NumberCounter.scope == scope).with_for_update())
        top = max([counter.last_seq] + [i["register_number"] or 0 for i in by_code[code]])
        if top > counter.last_seq:  # a given number past the counter: numbers between stay unassigned
            existing = session.scalar(select(func.max(Asset.register_number)).where(Asset.code == code)) or 0
            top = max(top, existing)
        for item in by_code[code]:
            if not item["register_number"]:
                top += 1
                item["register_number"] = top
        counter.last_seq = top
    session.flush()


def load(tx, caller: Caller, items: list[dict], filename: str) -> dict:
    session = tx.session
    _numbers(session, items)
    columns = ("code", "register_number", "kib", "name", "acquisition_year", "acquisition_date",
               "acquisition_value", "source", "condition", "room_id", "holder_employee_id", "details", "notes")
    values = [{c: item.get(c) for c in columns} | {"status": "active", "registered_by": caller.username}
              for item in items]
    ids: list[int] = []
    for start in range(0, len(values), 1000):
        ids += session.scalars(insert(Asset).returning(Asset.id, sort_by_parameter_order=True),
                               values[start:start + 1000]).all()
    history_rows = [{"asset_id": asset_id, "kind": "imported", "actor": caller.username, "reference_kind": "import",
                     "to_room_id": item["room_id"], "to_holder_employee_id": item["holder_employee_id"],
                     "to_condition": item["condition"], "note": filename,
                     "data": {"row": item["_row"], "register_number": item["register_number"]}}
                    for asset_id, item in zip(ids, items, strict=True)]
    for start in range(0, len(history_rows), 1000):
        session.execute(insert(AssetHistory), history_rows[start:start + 1000])
    assets = list(session.scalars(select(Asset).where(Asset.id.in_(ids)).order_by(Asset.id)))
    vehicle_codes = set(session.scalars(select(AssetCode.code).where(
        AssetCode.code.in_({i["code"] for i in items}), AssetCode.vehicle_wheels.isnot(None))))
    for asset in assets:
        emit_registered(tx, asset)
        if asset.code in vehicle_codes:
            resources.publish_vehicle(tx, asset)
    counts = Counter(item["kib"] for item in items)
    return {"total": len(items), "by_kib": [{"kib": k, "count": counts[k]} for k in sorted(counts)],
            "first_id": min(ids) if ids else None, "last_id": max(ids) if ids else None}


def template() -> dict:
    """The import template (XLSX): the header and one example row (a vehicle)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "register"
    append_row(sheet, HEADER)
    append_row(sheet, [EXAMPLE.get(c) for c in HEADER])
    out = io.BytesIO()
    book.save(out)
    return {"filename": "templat-impor-register.xlsx",
            "content_type": CONTENT_TYPES["xlsx"], "content": out.getvalue()}
