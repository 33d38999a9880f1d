"""What the consumables (persediaan) forms become: an item, a receipt and a request with their rows, approved or
issued quantities per request line, a stock-opname count; and where assets' per-field messages land on them.

Rows of a form are numbered fields (``item_id_0``, ``quantity_0`` …); only filled rows are sent, and a message
assets names by its position in what was sent (``lines.1.quantity``) goes back to the row it came from. Values
go as typed (a number as a number, anything else as text for assets to refuse with its own message).
"""
from __future__ import annotations

from .common import int_or_text, parse_amount, text_of

ITEM_FIELDS = ("code", "name", "unit", "minimum_stock", "account_code")
RECEIPT_FIELDS = ("received_on", "supplier", "document_number", "note")
REQUEST_FIELDS = ("purpose",)
COUNT_FIELDS = ("counted_on", "note")
#: Blank rows a new receipt or request form offers.
ROWS = 5


def item_payload(form) -> tuple[dict, dict]:
    values = {name: text_of(form, name) for name in ITEM_FIELDS}
    data = {"code": values["code"], "name": values["name"], "unit": values["unit"],
            "minimum_stock": int_or_text(values["minimum_stock"] or "0"),
            "account_code": values["account_code"] or None}
    return values, data


def _rows(form, columns: tuple[str, ...], count: int) -> list[dict]:
    return [{column: text_of(form, f"{column}_{n}") for column in columns} for n in range(count)]


def row_count(form, default: int = ROWS) -> int:
    value = text_of(form, "rows")
    return min(int(value), 200) if value.isdigit() and int(value) > 0 else default


def receipt_payload(form) -> tuple[dict, dict, list[int]]:
    """(values as typed, ``receive_supplies`` data, the form row of each line sent)."""
    values = {name: text_of(form, name) for name in RECEIPT_FIELDS}
    rows = _rows(form, ("item_id", "quantity", "unit_price"), row_count(form))
    values["rows"] = rows
    used = [n for n, row in enumerate(rows) if any(row.values())]
    lines = [{"item_id": int_or_text(rows[n]["item_id"]), "quantity": int_or_text(rows[n]["quantity"]),
              "unit_price": parse_amount(rows[n]["unit_price"])} for n in used]
    data = {"received_on": values["received_on"], "supplier": values["supplier"],
            "document_number": values["document_number"], "note": values["note"] or None, "lines": lines}
    return values, data, used


def request_payload(form) -> tuple[dict, dict, list[int]]:
    """(values as typed, ``request_supplies`` data, the form row of each line sent)."""
    values = {"purpose": text_of(form, "purpose")}
    rows = _rows(form, ("item_id", "quantity"), row_count(form))
    values["rows"] = rows
    used = [n for n, row in enumerate(rows) if any(row.values())]
    lines = [{"item_id": int_or_text(rows[n]["item_id"]), "quantity": int_or_text(rows[n]["quantity"])}
             for n in used]
    return values, {"purpose": values["purpose"], "lines": lines}, used


def line_quantities(form, line_ids) -> list[dict]:
    """``[{line_id, quantity}]`` of the request lines whose ``qty_<id>`` was filled."""
    found = []
    for line_id in line_ids:
        value = text_of(form, f"qty_{line_id}")
        if value != "":
            found.append({"line_id": line_id, "quantity": int_or_text(value)})
    return found


def count_payload(form, item_ids) -> tuple[dict, dict, list[int]]:
    """(values as typed, ``create_supply_count`` data, the item of each line sent): one ``counted_<item id>``
    field per item; blank ones are not counted."""
    values = {name: text_of(form, name) for name in COUNT_FIELDS}
    counted = {item_id: text_of(form, f"counted_{item_id}") for item_id in item_ids}
    values["counted"] = counted
    used = [item_id for item_id, value in counted.items() if value != ""]
    data = {"counted_on": values["counted_on"], "note": values["note"] or None,
            "lines": [{"item_id": item_id, "counted_qty": int_or_text(counted[item_id])} for item_id in used]}
    return values, data, used


def rows_errors(fields: dict, known, translate, used: list, prefix: str = "") -> tuple[dict, list[str]]:
    """(messages by form field, the others): ``lines.<i>.<column>`` goes to the row the i-th line came from
    (``<column>_<row>``, or ``<prefix><key>`` when ``used`` holds keys such as item ids); top-level names to
    their field."""
    errors: dict[str, str] = {}
    other: list[str] = []
    for name, message in (fields or {}).items():
        text = translate(str(message))
        parts = name.split(".")
        if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(used):
            key = f"{prefix}{used[int(parts[1])]}" if prefix else f"{parts[2]}_{used[int(parts[1])]}"
        elif parts[0] in known:
            key = parts[0]
        else:
            other.append(text)
            continue
        errors[key] = f"{errors[key]} {text}" if key in errors else text
    return errors, other
