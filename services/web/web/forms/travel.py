"""The SPT & SPPD forms <-> travel's data: what a posted form becomes (``OrderIn``, realization lines, a leg of
sheet II), what an order looks like as form values again, and where travel's per-field messages
(``travellers.0.employee_id``, ``destinations.0.city``, ``lines.2.amount`` …) land on the form.

Plain functions over a werkzeug ``MultiDict`` (``request.form`` / ``request.args``) and dicts: no service, no
request, no session — the pages (``web.views.travel``) call them.
"""
from __future__ import annotations

import re
from datetime import date

from travel import schemas as travel_schemas

from ..files import uploaded
from ..i18n import gettext_noop as _

#: The form's choices: travel's own codes (``travel.schemas``), in travel's order, each with its label marked
#: for the catalog (the page translates it); a code travel adds later shows as itself until it has a label.
CATEGORY_LABELS = {"luar_kota": _("Luar kota"), "dalam_kota_8jam": _("Dalam kota lebih dari 8 jam"),
                   "diklat": _("Diklat")}
TRANSPORT_LABELS = {"umum": _("Angkutan umum"), "dinas": _("Kendaraan dinas"), "pribadi": _("Kendaraan pribadi")}
COST_CATEGORY_LABELS = {"uang_harian": _("Uang harian"), "penginapan": _("Penginapan"),
                        "transport": _("Transport"), "representasi": _("Representasi"), "lainnya": _("Lainnya")}
CATEGORIES = tuple((code, CATEGORY_LABELS.get(code, code)) for code in travel_schemas.CATEGORIES)
TRANSPORTS = tuple((code, TRANSPORT_LABELS.get(code, code)) for code in travel_schemas.TRANSPORT_MODES)
COST_CATEGORIES = tuple((code, COST_CATEGORY_LABELS.get(code, code)) for code in travel_schemas.COST_CATEGORIES)
#: travel's order statuses (the list page filters by them).
STATUSES = travel_schemas.STATUSES
#: How a message about one numbered item reads under its field.
BASIS_ITEM = _("Dasar ke-%(n)s: %(problem)s")
TRAVELLER_ITEM = _("Pelaksana ke-%(n)s: %(problem)s")
#: Kemendagri province codes and names, travel's own (proper names, not translated).
PROVINCE_NAMES = travel_schemas.PROVINCES
PROVINCES = tuple(PROVINCE_NAMES.items())
#: The form's fields, in form order (``traveller`` repeats; the rest are single text values).
ORDER_FIELDS = ("traveller", "basis", "purpose", "origin", "destination_province", "destination_city",
                "category", "departure_date", "return_date", "transport", "budget_agency", "budget_account",
                "notes")
#: The realization form: rows shown at least, and rows read back (``line-<i>-…``).
REALIZATION_ROWS = 6
MAX_REALIZATION_LINES = 40
#: Rows the trip form offers: destinations (travel takes 5; the first sets the rates), followers per traveller
#: (travel's maximum), and how many empty rows are shown beyond the filled ones (revealed one by one with JS).
MAX_DESTINATIONS = 4
MAX_FOLLOWERS = 5
EXTRA_ROWS = 2
FOLLOWER_FIELDS = ("name", "birth_date", "note")


def _int_or_text(value: str):
    return int(value) if value.isdigit() else value


def _columns(form, names: tuple[str, ...]) -> list[dict]:
    """Repeated inputs (one per row, same name) as rows, in form order; rows left wholly blank are dropped."""
    columns = [form.getlist(name) for name in names]
    rows = []
    for i in range(max((len(c) for c in columns), default=0)):
        row = {name: (column[i] if i < len(column) else "").strip()
               for name, column in zip(names, columns, strict=True)}
        if any(row.values()):
            rows.append(row)
    return rows


def destination_rows(form) -> list[dict]:
    """The destination rows filled in (``destination_province`` / ``destination_city``, one pair per row)."""
    return [{"province_code": r["destination_province"], "city": r["destination_city"]}
            for r in _columns(form, ("destination_province", "destination_city"))]


def follower_rows(form, employee_id: str) -> list[dict]:
    """One traveller's follower rows filled in (``follower_name-<id>`` …), as text."""
    names = tuple(f"follower_{field}-{employee_id}" for field in FOLLOWER_FIELDS)
    return [{field: row[name] for field, name in zip(FOLLOWER_FIELDS, names, strict=True)}
            for row in _columns(form, names)]


def _follower_in(row: dict) -> dict:
    return {"name": row["name"], "birth_date": row["birth_date"] or None, "note": row["note"] or None}


def order_payload(form) -> dict:
    """The form as ``OrderIn`` data: one dasar per line, one destination per filled row, followers per traveller,
    blanks left out (travel says what is missing). The estimate takes the same data (it ignores what it does not
    need)."""
    data: dict = {}
    travellers = [t.strip() for t in form.getlist("traveller") if t.strip()]
    data["travellers"] = []
    for t in travellers:
        item: dict = {"employee_id": _int_or_text(t)}
        followers = [_follower_in(row) for row in follower_rows(form, t)]
        if followers:
            item["followers"] = followers
        data["travellers"].append(item)
    basis = [line.strip() for line in (form.get("basis") or "").splitlines() if line.strip()]
    data["basis"] = basis
    for name in ("purpose", "origin", "departure_date", "return_date", "category", "transport", "budget_agency",
                 "budget_account"):
        value = (form.get(name) or "").strip()
        if value:
            data[name] = value
    notes = (form.get("notes") or "").strip()
    data["notes"] = notes or None
    data["destinations"] = destination_rows(form)
    return data


def order_values(order: dict) -> dict:
    """An order as the form's values (for editing a draft)."""
    return {
        "traveller": [str(t["employee_id"]) for t in order["travellers"]],
        "basis": "\n".join(order.get("basis") or []), "purpose": order.get("purpose") or "",
        "origin": order.get("origin") or "", "category": order.get("category") or "",
        "destinations": [{"province_code": d.get("province_code") or "", "city": d.get("city") or ""}
                         for d in order.get("destinations") or []],
        "followers": {str(t["employee_id"]): [{field: f.get(field) or "" for field in FOLLOWER_FIELDS}
                                               for f in t.get("followers") or []] for t in order["travellers"]},
        "departure_date": order.get("departure_date") or "", "return_date": order.get("return_date") or "",
        "transport": order.get("transport") or "", "budget_agency": order.get("budget_agency") or "",
        "budget_account": order.get("budget_account") or "", "notes": order.get("notes") or "",
    }


def form_values(form) -> dict:
    values = {name: (form.get(name) or "") for name in ORDER_FIELDS if name != "traveller"}
    values["traveller"] = [t for t in form.getlist("traveller") if t]
    values["destinations"] = destination_rows(form)
    values["followers"] = {t.strip(): follower_rows(form, t.strip()) for t in values["traveller"]}
    values["idempotency_key"] = form.get("idempotency_key") or ""
    return values


def form_rows(filled: list[dict], maximum: int, blank: dict, minimum: int = 1) -> list[dict]:
    """The rows a repeated part of the form shows: the filled ones, then empty ones (``extra`` when JavaScript
    may hide them until "Tambah …"), at least ``minimum`` and ``EXTRA_ROWS`` beyond, at most ``maximum``
    (never fewer than filled)."""
    rows = [{**row, "extra": False} for row in filled]
    while len(rows) < minimum:
        rows.append({**blank, "extra": False})
    target = min(len(rows) + EXTRA_ROWS, maximum)
    while len(rows) < target:
        rows.append({**blank, "extra": True})
    return rows


def destination_key(field: str, index: int) -> str:
    """The form's error key for a destination row's field: ``destination_city`` for the first row (the estimate
    asks for it by name), ``destination_city-2`` for the third."""
    name = "destination_province" if field == "province_code" else "destination_city"
    return name if index == 0 else f"{name}-{index}"


def follower_key(field: str, employee_id: str, index: int) -> str:
    return f"follower_{field}-{employee_id}-{index}"


#: travel's field names (first dotted part, or the whole name) -> the form field that shows the message.
_FIELD_OF = {"travellers": "traveller", "basis": "basis", "destinations": "destination_city"}
_DESTINATION_FIELDS = {"province_code": "destination_province", "city": "destination_city"}


def form_field(name: str, travellers: list[str] | tuple = ()) -> str | None:
    """The form field for one of travel's message keys, or None (shown in the summary only).

    ``travellers`` are the order's employee ids (as sent) by position: follower messages
    (``travellers.0.followers.1.name``) land on that traveller's follower row."""
    parts = name.split(".")
    if name in ORDER_FIELDS:
        return name
    if parts[0] == "destinations" and len(parts) >= 2 and parts[1].isdigit():
        field = parts[2] if len(parts) == 3 and parts[2] in _DESTINATION_FIELDS else "city"
        return destination_key(field, int(parts[1]))
    if (parts[0] == "travellers" and len(parts) >= 3 and parts[1].isdigit() and parts[2] == "followers"
            and int(parts[1]) < len(travellers)):
        employee_id = str(travellers[int(parts[1])])
        if len(parts) == 5 and parts[3].isdigit() and parts[4] in FOLLOWER_FIELDS:
            return follower_key(parts[4], employee_id, int(parts[3]))
        return f"followers-{employee_id}"
    if parts[0] in _FIELD_OF:
        return _FIELD_OF[parts[0]]
    if parts[0] in ORDER_FIELDS:
        return parts[0]
    return None


def _position(parts: list[str]) -> int | None:
    return int(parts[1]) + 1 if len(parts) > 1 and parts[1].isdigit() else None


def field_errors(fields: dict, translate, travellers: list[str] | tuple = ()) -> tuple[dict, list[tuple[str, str]]]:
    """(messages by form field, [(key, message)] travel named but the form has no field for).

    Several messages for one field are joined; a numbered item says which (``Dasar ke-2: …``). ``travellers``
    as for ``form_field``."""
    errors: dict[str, str] = {}
    other: list[tuple[str, str]] = []
    for name, message in (fields or {}).items():
        text = translate(str(message))
        target = form_field(name, travellers)
        if target is None:
            other.append((name, text))
            continue
        parts = name.split(".")
        number = _position(parts)
        if number is not None and parts[0] == "basis":
            text = translate(BASIS_ITEM, n=number, problem=text)
        elif number is not None and target == "traveller":
            text = translate(TRAVELLER_ITEM, n=number, problem=text)
        errors[target] = f"{errors[target]} {text}" if target in errors else text
    return errors, other


def sent_travellers(data: dict) -> list[str]:
    """The employee ids of ``order_payload``'s travellers, by position (for ``field_errors``)."""
    return [str(t["employee_id"]) for t in data.get("travellers") or []]


def list_filters(args) -> tuple[dict, dict]:
    """(filters for ``list_orders``, the same as strings for the form and the links)."""
    shown = {key: (args.get(key) or "").strip() for key in ("status", "unit_id", "date_from", "date_to", "mine")}
    filters: dict = {}
    if shown["status"] in STATUSES:
        filters["status"] = shown["status"]
    else:
        shown["status"] = ""
    if shown["unit_id"].isdigit():
        filters["unit_id"] = int(shown["unit_id"])
    else:
        shown["unit_id"] = ""
    for key in ("date_from", "date_to"):
        try:
            filters[key] = date.fromisoformat(shown[key]).isoformat()
        except ValueError:
            shown[key] = ""
    if shown["mine"] == "1":
        filters["mine"] = True
    else:
        shown["mine"] = ""
    return filters, shown


def parse_amount(text: str):
    """``Rp1.250.000`` / ``1250000`` / ``1.250.000`` -> 1250000; anything else stays text (travel says why)."""
    cleaned = re.sub(r"[\s.]", "", (text or "").strip()).removeprefix("Rp").removeprefix("rp")
    return int(cleaned) if cleaned.isdigit() else (text or "").strip()


def _blank_row() -> dict:
    return {"employee_id": "", "category": "lainnya", "description": "", "quantity": "", "rate": "", "amount": ""}


def realization_rows(order: dict) -> list[dict]:
    """Starting rows for the realization form: the estimate's lines as quantity × rate (the traveller corrects
    them to what was actually claimed), then blank rows."""
    rows = []
    for person in (order.get("estimate") or {}).get("travellers") or []:
        for line in person.get("lines") or []:
            if line.get("amount"):
                code = line.get("code") if line.get("code") in dict(COST_CATEGORIES) else "lainnya"
                quantity, rate = line.get("quantity"), line.get("unit_amount")
                rows.append({"employee_id": str(person.get("employee_id") or ""), "category": code,
                             "description": line.get("label") or "",
                             "quantity": str(quantity) if quantity and rate is not None else "",
                             "rate": str(rate) if quantity and rate is not None else "",
                             "amount": str(line.get("amount") or "")})
    rows = rows[:20]
    target = max(REALIZATION_ROWS, len(rows) + 2)
    while len(rows) < target:
        rows.append(_blank_row())
    return rows


def realization_lines(form, files) -> list[dict]:
    """The realization form (``line-<i>-employee_id``, ``…-category``, ``…-description``, ``…-quantity``,
    ``…-rate``, ``…-amount``, ``…-receipts``) as ``RealizationLineIn`` lines: quantity and rate when given (the
    amount then follows from them; one typed too must agree), else the amount alone; rows without a description,
    a rate and an amount are left out."""
    lines = []
    for i in range(MAX_REALIZATION_LINES):
        description = (form.get(f"line-{i}-description") or "").strip()
        quantity = (form.get(f"line-{i}-quantity") or "").strip()
        rate = (form.get(f"line-{i}-rate") or "").strip()
        amount = (form.get(f"line-{i}-amount") or "").strip()
        if not description and not amount and not rate:
            continue
        employee = (form.get(f"line-{i}-employee_id") or "").strip()
        line = {"employee_id": _int_or_text(employee) if employee else None,
                "category": (form.get(f"line-{i}-category") or "lainnya").strip(), "description": description}
        if rate:
            line["quantity"] = _int_or_text(quantity) if quantity else 1
            line["rate"] = parse_amount(rate)
        if amount and not (rate and isinstance(line["rate"], int) and isinstance(line["quantity"], int)
                           and parse_amount(amount) == line["quantity"] * line["rate"]):
            line["amount"] = parse_amount(amount)
        lines.append({**line, "receipts": uploaded(files.getlist(f"line-{i}-receipts"))})
    return lines


def realization_payload(form, files) -> dict:
    """The whole realization form as ``RealizeIn``: the lines, each traveller's advance (``advance-<employee
    id>``, blank or 0 for none) and the budget line when typed (otherwise the order's)."""
    advances = []
    for key in form.keys():
        employee = key.removeprefix("advance-")
        raw = (form.get(key) or "").strip()
        if key.startswith("advance-") and employee.isdigit() and raw:
            amount = parse_amount(raw)
            if amount != 0:
                advances.append({"employee_id": int(employee), "amount": amount})
    data = {"lines": realization_lines(form, files), "advances": advances}
    for name in ("sub_activity_code", "account_code"):
        value = (form.get(name) or "").strip()
        if value:
            data[name] = value
    return data


def leg_payload(form) -> dict:
    """Sheet II's form as ``LegIn``: kind and place, and the phone's position when it sent one (a broken number
    is dropped: the leg still counts without it)."""
    data = {"kind": (form.get("kind") or "").strip(), "place": (form.get("place") or "").strip()}
    for name in ("latitude", "longitude", "accuracy"):
        value = (form.get(name) or "").strip()
        if value:
            try:
                data[name] = float(value)
            except ValueError:
                pass
    return data
