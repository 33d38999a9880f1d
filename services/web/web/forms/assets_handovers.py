"""What the handover and maintenance forms become (``web.views.assets_handovers``): plain functions over a
werkzeug ``MultiDict``, no service, no request. assets validates everything; these only shape the values (ids
as integers, rupiah without dots, WITA wall-clock times with their offset) and put assets' per-field messages
next to the form's fields."""
from __future__ import annotations

from .common import field_errors, int_or_none, int_or_text, parse_amount, text_of

#: The handover form's own fields (besides the items).
HANDOVER_FIELDS = ("kind", "handover_date", "to_holder_employee_id", "to_room_id", "first_party_employee_id",
                   "second_party_employee_id", "note")
RECORD_FIELDS = ("asset_id", "plan_id", "status", "work", "vendor", "cost", "odometer_km", "starts_at", "ends_at",
                 "done_on", "note")
PLAN_FIELDS = ("asset_id", "work", "interval_months", "interval_km", "last_done_on", "last_done_km", "next_due_on")
FINISH_FIELDS = ("done_on", "vendor", "cost", "odometer_km", "note")
#: WITA's offset, written on the times the form's ``datetime-local`` fields give (a WITA wall clock).
WITA_OFFSET = "+08:00"


def ids_of(values) -> list[int]:
    """Item ids from ``?barang=3&barang=4`` or ``barang=3,4`` (anything that is not an id is dropped)."""
    found: list[int] = []
    for value in values:
        for part in str(value or "").replace(" ", ",").split(","):
            if part.strip().isdigit() and int(part) > 0 and int(part) not in found:
                found.append(int(part))
    return found


def handover_values(form) -> dict:
    """The form as it was filled (to show it again): its fields, the items ticked with their condition and note."""
    values = {name: text_of(form, name) for name in HANDOVER_FIELDS}
    picked = ids_of(form.getlist("asset_id"))
    values["items"] = [{"asset_id": asset_id, "condition": text_of(form, f"condition-{asset_id}"),
                        "note": text_of(form, f"note-{asset_id}")} for asset_id in picked]
    return values


def handover_payload(values: dict) -> dict:
    """``HandoverIn`` of the filled form: blanks left out, ids as integers."""
    data: dict = {"kind": values["kind"], "handover_date": values["handover_date"] or None,
                  "items": [{"asset_id": item["asset_id"], **({"condition": item["condition"]}
                                                              if item["condition"] else {}),
                             **({"note": item["note"]} if item["note"] else {})} for item in values["items"]]}
    for name in ("to_holder_employee_id", "to_room_id", "first_party_employee_id", "second_party_employee_id"):
        if values.get(name):
            data[name] = int_or_text(values[name])
    if values.get("note"):
        data["note"] = values["note"]
    return data


def handover_errors(fields: dict, values: dict, translate) -> tuple[dict, dict, list[str]]:
    """(messages by form field, messages by item id, the rest) of assets' ``fields``: ``items.<n>.<x>`` is the
    n-th ticked item."""
    items: dict[int, str] = {}
    rest = {}
    for name, message in (fields or {}).items():
        parts = name.split(".")
        if parts[0] == "items" and len(parts) > 1 and parts[1].isdigit() and int(parts[1]) < len(values["items"]):
            asset_id = values["items"][int(parts[1])]["asset_id"]
            items[asset_id] = f"{items[asset_id]} {translate(str(message))}" if asset_id in items else translate(
                str(message))
        else:
            rest[name] = message
    errors, other = field_errors(rest, HANDOVER_FIELDS + ("items",), translate)
    return errors, items, other


def handover_filters(args) -> tuple[dict, dict]:
    """(``HandoverFilters`` of the list's query, the values shown in its form)."""
    shown = {name: text_of(args, name) for name in ("kind", "date_from", "date_to", "barang")}
    filters: dict = {}
    if shown["kind"] in ("handover", "return", "move"):
        filters["kind"] = shown["kind"]
    for name in ("date_from", "date_to"):
        if shown[name]:
            filters[name] = shown[name]
    if shown["barang"].isdigit():
        filters["asset_id"] = int(shown["barang"])
    return filters, shown


def wita_moment(value: str) -> str | None:
    """A ``datetime-local`` value (``2026-12-10T08:00``, WITA) as ISO 8601 with WITA's offset; blank: None."""
    value = (value or "").strip()
    if not value:
        return None
    if len(value) == 16:
        value += ":00"
    return value + WITA_OFFSET


def _number(value: str):
    value = (value or "").strip()
    return None if not value else int_or_text(value.replace(".", ""))


def record_values(form) -> dict:
    return {name: text_of(form, name) for name in RECORD_FIELDS}


def record_payload(values: dict) -> dict:
    """``MaintenanceRecordIn`` of the filled form: a schedule sends its window, a done one its day."""
    data: dict = {"asset_id": int_or_text(values["asset_id"]), "status": values["status"] or "scheduled",
                  "work": values["work"]}
    if values.get("plan_id"):
        data["plan_id"] = int_or_text(values["plan_id"])
    for name in ("vendor", "note"):
        if values.get(name):
            data[name] = values[name]
    if values.get("cost"):
        data["cost"] = parse_amount(values["cost"])
    if values.get("odometer_km"):
        data["odometer_km"] = _number(values["odometer_km"])
    if data["status"] == "done":
        data["done_on"] = values.get("done_on") or None
    else:
        data["starts_at"] = wita_moment(values.get("starts_at"))
        data["ends_at"] = wita_moment(values.get("ends_at"))
    return data


def finish_payload(form) -> tuple[dict, dict]:
    values = {name: text_of(form, name) for name in FINISH_FIELDS}
    data: dict = {}
    if values["done_on"]:
        data["done_on"] = values["done_on"]
    for name in ("vendor", "note"):
        if values[name]:
            data[name] = values[name]
    if values["cost"]:
        data["cost"] = parse_amount(values["cost"])
    if values["odometer_km"]:
        data["odometer_km"] = _number(values["odometer_km"])
    return values, data


def plan_values(form) -> dict:
    return {name: text_of(form, name) for name in PLAN_FIELDS}


def plan_payload(values: dict) -> dict:
    data: dict = {"asset_id": int_or_text(values["asset_id"]), "work": values["work"]}
    for name in ("interval_months", "interval_km", "last_done_km"):
        if values.get(name):
            data[name] = _number(values[name])
    for name in ("last_done_on", "next_due_on"):
        if values.get(name):
            data[name] = values[name]
    return data


__all__ = ["FINISH_FIELDS", "HANDOVER_FIELDS", "PLAN_FIELDS", "RECORD_FIELDS", "field_errors", "finish_payload",
           "handover_errors", "handover_filters", "handover_payload", "handover_values", "ids_of", "int_or_none",
           "plan_payload", "plan_values", "record_payload", "record_values", "wita_moment"]
