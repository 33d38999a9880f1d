"""Aset & Barang — the register's forms <-> assets' data: the list's filters, an item's common fields and its
KIB's own fields (``DETAIL_FIELDS``: the names assets' ``Kib*DetailsIn`` take, with the web's labels), rooms,
buildings and floors. Pure functions; assets validates everything and its messages come back per field."""
from __future__ import annotations

from ..i18n import gettext_noop as _
from .common import int_or_none, text_of

KIBS = ("A", "B", "C", "D", "E", "F")
KIB_LABELS = {"A": _("KIB A — Tanah"), "B": _("KIB B — Peralatan dan Mesin"), "C": _("KIB C — Gedung dan Bangunan"),
              "D": _("KIB D — Jalan, Irigasi dan Jaringan"), "E": _("KIB E — Aset Tetap Lainnya"),
              "F": _("KIB F — Konstruksi Dalam Pengerjaan")}
CONDITION_LABELS = {"B": _("Baik"), "KB": _("Kurang baik"), "RB": _("Rusak berat")}
SOURCE_LABELS = {"apbd": _("APBD"), "apbn": _("APBN"), "hibah": _("Hibah"), "tukar_menukar": _("Tukar menukar"),
                 "ketentuan_hukum": _("Ketentuan hukum"), "lainnya": _("Lainnya")}
HISTORY_LABELS = {"registered": _("Didaftarkan"), "edited": _("Diubah"), "moved": _("Dipindahkan"),
                  "handed_over": _("Diserahterimakan"), "returned": _("Dikembalikan"),
                  "condition_changed": _("Kondisi berubah"), "value_changed": _("Nilai berubah"),
                  "maintenance": _("Pemeliharaan"), "trip": _("Perjalanan"), "census": _("Inventarisasi"),
                  "disposal_proposed": _("Diusulkan dihapus"), "disposed": _("Dihapuskan"),
                  "file_added": _("Berkas ditambahkan"), "imported": _("Diimpor")}
CONSTRUCTIONS = (("permanen", _("Permanen")), ("semi_permanen", _("Semi permanen")), ("darurat", _("Darurat")))
FUELS = (("bensin", _("Bensin")), ("solar", _("Solar")), ("listrik", _("Listrik")), ("hybrid", _("Hybrid")))
CERTIFICATES = (("sertifikat", _("Bersertifikat")), ("belum", _("Belum bersertifikat")))

#: Each KIB's own fields: (name in ``details``, label, kind) with kind text, number, integer, date, bool or a
#: tuple of (value, label) choices. A vehicle's (KIB B on a motor-vehicle code) come after ``VEHICLE_FROM``.
DETAIL_FIELDS = {
    "A": (("area_m2", _("Luas (m²)"), "number"), ("address", _("Letak/alamat"), "text"),
          ("certificate_status", _("Status sertifikat"), CERTIFICATES),
          ("certificate_number", _("Nomor sertifikat"), "text"), ("certificate_date", _("Tanggal sertifikat"), "date"),
          ("rights", _("Hak"), "text"), ("use", _("Penggunaan"), "text")),
    "B": (("brand", _("Merek"), "text"), ("type", _("Tipe"), "text"), ("size_cc", _("Ukuran/CC"), "text"),
          ("material", _("Bahan"), "text"), ("serial_number", _("Nomor pabrik/seri"), "text"),
          ("plate_number", _("Nomor polisi"), "text"),
          ("frame_number", _("Nomor rangka"), "text"), ("engine_number", _("Nomor mesin"), "text"),
          ("bpkb_number", _("Nomor BPKB"), "text"), ("seats", _("Tempat duduk"), "integer"),
          ("fuel", _("Bahan bakar"), FUELS)),
    "C": (("floors", _("Jumlah lantai"), "integer"), ("construction", _("Konstruksi"), CONSTRUCTIONS),
          ("concrete", _("Beton"), "bool"), ("floor_area_m2", _("Luas lantai (m²)"), "number"),
          ("land_area_m2", _("Luas tanah (m²)"), "number"),
          ("address", _("Letak/alamat"), "text"), ("land_status", _("Status tanah"), "text"),
          ("document_number", _("Nomor dokumen"), "text"), ("document_date", _("Tanggal dokumen"), "date"),
          ("land_code", _("Kode tanah"), "text")),
    "D": (("construction", _("Konstruksi"), "text"), ("length_m", _("Panjang (m)"), "number"),
          ("width_m", _("Lebar (m)"), "number"), ("area_m2", _("Luas (m²)"), "number"),
          ("address", _("Letak/alamat"), "text"), ("document_number", _("Nomor dokumen"), "text"),
          ("document_date", _("Tanggal dokumen"), "date"), ("land_status", _("Status tanah"), "text")),
    "E": (("title", _("Judul"), "text"), ("author", _("Pengarang"), "text"),
          ("specification", _("Spesifikasi"), "text"), ("origin", _("Asal daerah"), "text"),
          ("creator", _("Pencipta"), "text"), ("material", _("Bahan"), "text"), ("kind", _("Jenis"), "text"),
          ("size", _("Ukuran"), "text")),
    "F": (("construction", _("Konstruksi"), CONSTRUCTIONS), ("floors", _("Jumlah lantai"), "integer"),
          ("concrete", _("Beton"), "bool"), ("area_m2", _("Luas (m²)"), "number"),
          ("address", _("Letak/alamat"), "text"), ("document_number", _("Nomor dokumen"), "text"),
          ("document_date", _("Tanggal dokumen"), "date"), ("start_date", _("Tanggal mulai"), "date"),
          ("land_status", _("Status tanah"), "text"), ("work_status", _("Status pekerjaan"), "text")),
}
#: KIB B fields only a vehicle shows.
VEHICLE_ONLY = ("plate_number", "frame_number", "engine_number", "bpkb_number", "seats", "fuel")
COMMON_FIELDS = ("code", "name", "acquisition_year", "acquisition_date", "acquisition_value", "source", "condition",
                 "room_id", "holder_employee_id", "notes")
FILTERS = ("kib", "code", "room_id", "building_id", "condition", "holder_employee_id", "acquisition_year", "q",
           "status")


def detail_fields(kib: str, vehicle: bool) -> list[tuple]:
    """The form's fields of a KIB (a KIB B item that is not a vehicle leaves out the vehicle's)."""
    fields = DETAIL_FIELDS.get(kib, ())
    if kib == "B" and not vehicle:
        return [f for f in fields if f[0] not in VEHICLE_ONLY]
    return list(fields)


def detail_label(kib: str, name: str) -> str:
    for field in DETAIL_FIELDS.get(kib, ()):
        if field[0] == name:
            return field[1]
    return name


def asset_filters(args) -> tuple[dict, dict]:
    """(filters for ``list_assets``, the values shown in the form) from the query string."""
    shown = {name: text_of(args, name) for name in FILTERS}
    filters = {}
    for name, value in shown.items():
        if not value:
            continue
        if name in ("room_id", "building_id", "holder_employee_id", "acquisition_year"):
            number = int_or_none(value)
            if number is not None:
                filters[name] = number
        else:
            filters[name] = value
    return filters, shown


def _number(text: str):
    cleaned = text.replace(" ", "")
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return text


def _integer(text: str):
    cleaned = text.replace(".", "").replace(" ", "")
    return int(cleaned) if cleaned.lstrip("-").isdigit() else text


def asset_values(form) -> dict:
    """Every field of the item form as text (common ones by name, KIB ones as ``details.<name>``)."""
    values = {name: text_of(form, name) for name in COMMON_FIELDS}
    for fields in DETAIL_FIELDS.values():
        for name, _label, kind in fields:
            key = f"details.{name}"
            values[key] = "1" if kind == "bool" and form.get(key) else text_of(form, key)
    values["updated_at"] = text_of(form, "updated_at")
    values["idempotency_key"] = text_of(form, "idempotency_key")
    return values


def asset_payload(values: dict, kib: str, vehicle: bool, *, edit: bool = False) -> dict:
    """``AssetIn`` (``AssetChangeIn`` when ``edit``: no code, room or holder) from the form's values; text
    that is not a number is sent as it is (assets names the field)."""
    data: dict = {}
    for name in ("name", "source", "condition", "notes", "acquisition_date"):
        data[name] = values.get(name) or None
    for name in ("acquisition_year", "acquisition_value"):
        data[name] = _integer(values[name]) if values.get(name) else None
    if edit:
        if values.get("updated_at"):
            data["updated_at"] = values["updated_at"]
    else:
        data["code"] = values.get("code", "")
        for name in ("room_id", "holder_employee_id"):
            data[name] = _integer(values[name]) if values.get(name) else None
    details = {}
    for name, _label, kind in detail_fields(kib, vehicle):
        text = values.get(f"details.{name}", "")
        if kind == "bool":
            details[name] = bool(text)
        elif not text:
            details[name] = None
        elif kind == "number":
            details[name] = _number(text)
        elif kind == "integer":
            details[name] = _integer(text)
        else:
            details[name] = text
    data["details"] = details
    for name in ("name", "source", "condition", "acquisition_year", "acquisition_value"):
        if data.get(name) is None:
            data.pop(name)  # assets says "Wajib diisi." when registering
    return data


def values_of_asset(asset: dict) -> dict:
    """The item form filled with an item (for the edit page)."""
    values = {name: "" if asset.get(name) is None else str(asset[name]) for name in COMMON_FIELDS}
    for name, value in (asset.get("details") or {}).items():
        values[f"details.{name}"] = ("1" if value else "") if isinstance(value, bool) else str(value)
    values["updated_at"] = asset.get("updated_at") or ""
    return values


def _facilities(text: str) -> list[str]:
    return [word.strip().lower().replace(" ", "_") for word in text.replace(";", ",").split(",") if word.strip()]


def room_payload(form, *, partial: bool = False) -> tuple[dict, dict]:
    """(values shown, ``AssetRoomIn``) of the room form."""
    names = ("floor_id", "code", "name", "person_in_charge_employee_id", "unit_id", "capacity", "facilities")
    values = {name: text_of(form, name) for name in names}
    values["bookable"] = "1" if form.get("bookable") else ""
    values["active"] = "1" if form.get("active", "1" if not partial else "") else ""
    data = {"code": values["code"], "name": values["name"],
            "facilities": _facilities(values["facilities"]), "bookable": bool(values["bookable"])}
    if not partial:
        data["floor_id"] = _integer(values["floor_id"]) if values["floor_id"] else None
    else:
        data["active"] = bool(values["active"])
    for name in ("person_in_charge_employee_id", "unit_id", "capacity"):
        data[name] = _integer(values[name]) if values[name] else None
    return values, data


def building_payload(form) -> tuple[dict, dict]:
    names = ("code", "name", "address", "capacity", "facilities")
    values = {name: text_of(form, name) for name in names}
    values["bookable"] = "1" if form.get("bookable") else ""
    data = {"code": values["code"], "name": values["name"], "address": values["address"] or None,
            "capacity": _integer(values["capacity"]) if values["capacity"] else None,
            "facilities": _facilities(values["facilities"]), "bookable": bool(values["bookable"])}
    return values, data


def floor_payload(form) -> tuple[dict, dict]:
    values = {name: text_of(form, name) for name in ("building_id", "name", "level")}
    data = {"building_id": _integer(values["building_id"]) if values["building_id"] else None,
            "name": values["name"], "level": _integer(values["level"]) if values["level"] else 1}
    return values, data
