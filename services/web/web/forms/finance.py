"""The finance forms <-> finance's data: the month (``bulan``) and year filters of the books, the register's search,
the SPJ form's purchases and items, and where finance's per-field messages land on a form.

Plain functions over a werkzeug ``MultiDict`` (``request.form`` / ``request.args`` / ``request.files``) and dicts:
no service, no request, no session — the pages (``web.views.finance``) call them.
"""
from __future__ import annotations

import re
from datetime import date

from ..files import uploaded
from .common import (  # noqa: F401  (re-exported: the finance pages import them from here)
    MONTH,
    ROW_KEY,
    YEAR,
    field_errors,
    file_problems,
    int_or_none,
    int_or_text,
    parse_amount,
    parse_month,
    parse_year,
    shift_month,
    text_of,
)

#: The register's search fields (``ArchiveFilters``) the page offers, as the query names them.
ARCHIVE_SEARCH = ("q", "number", "vendor", "account_code", "date_from", "date_to", "classification_code",
                  "integrity")


def archive_filters(args) -> tuple[dict, dict]:
    """(filters for ``list_documents``, the same as strings for the form and the links). Dates that are not
    dates are dropped (shown empty); the rest go as typed (finance says what is wrong)."""
    shown = {key: (args.get(key) or "").strip() for key in ARCHIVE_SEARCH}
    filters: dict = {}
    for key, value in shown.items():
        if not value:
            continue
        if key in ("date_from", "date_to"):
            try:
                filters[key] = date.fromisoformat(value).isoformat()
            except ValueError:
                shown[key] = ""
            continue
        filters[key] = value
    return filters, shown


def archive_upload(form, files) -> tuple[dict, dict]:
    """(the upload form's values, to show it again; ``ArchiveUploadIn`` data: blanks left out, the first file
    as ``filename`` + ``content_b64``)."""
    names = ("title", "classification_code", "number", "document_date", "vendor", "account_code", "description",
             "spj_id")
    values = {name: text_of(form, name) for name in names}
    data: dict = {name: value for name, value in values.items() if value and name != "spj_id"}
    if values["spj_id"]:
        data["spj_id"] = int_or_text(values["spj_id"])
    found = uploaded(files.getlist("file"))
    if found:
        data["filename"] = found[0]["filename"]
        data["content_b64"] = found[0]["content_b64"]
    return values, data


# -- the SPJ form: purchases and their items ------------------------------------------------------------------

#: A purchase's fields (``SpjPurchaseIn`` less its items; ``vendor_pkp`` is a checkbox) and an item's
#: (``SpjItemIn``), as the form names them: ``p-<n>-<field>`` and ``p-<n>-i-<m>-<field>``.
PURCHASE_FIELDS = ("vendor_name", "vendor_npwp", "purchased_on", "receipt_number", "evidence_document_id",
                   "evidence_filename")
ITEM_FIELDS = ("description", "quantity", "unit", "unit_price", "category")
SPJ_FIELDS = ("budget_line_id", "title", "description")
FORM_KEY = re.compile(r"^p-(\d{1,3})-(?:i-(\d{1,3})-)?([a-z_]+)$")
#: Most purchases and items a form carries (finance takes 100 each).
MAX_PURCHASES = 100
MAX_ITEMS = 100


def blank_item() -> dict:
    return dict.fromkeys(ITEM_FIELDS, "")


def blank_purchase() -> dict:
    """An empty purchase; ``source`` is its number on the form that was posted (its evidence file's name)."""
    return {**dict.fromkeys(PURCHASE_FIELDS, ""), "vendor_pkp": False, "items": [blank_item()], "source": None}


def _filled(row: dict, names) -> bool:
    return any(str(row.get(name) or "").strip() for name in names)


def spj_values(form) -> dict:
    """The SPJ form as values to show again: its own fields and its purchases with their items, in form order
    (by the numbers in their names), numbered again from 0; wholly blank items and purchases are dropped, so
    a position here is the position finance sees (its messages name ``purchases.<n>.items.<m>.<field>``)."""
    purchases: dict[int, dict] = {}
    for key in form.keys():
        found = FORM_KEY.match(key)
        if not found:
            continue
        p, i, name = int(found.group(1)), found.group(2), found.group(3)
        if p >= MAX_PURCHASES:
            continue
        purchase = purchases.setdefault(p, {"items": {}})
        if i is None:
            if name in PURCHASE_FIELDS:
                purchase[name] = text_of(form, key)
            elif name == "vendor_pkp":
                purchase["vendor_pkp"] = text_of(form, key) == "1"
        elif int(i) < MAX_ITEMS and name in ITEM_FIELDS:
            purchase["items"].setdefault(int(i), {})[name] = text_of(form, key)
    rows = []
    for p in sorted(purchases):
        found = purchases[p]
        items = [{**blank_item(), **found["items"][i]} for i in sorted(found["items"])]
        items = [item for item in items if _filled(item, ("description", "quantity", "unit", "unit_price"))]
        purchase = {**blank_purchase(), **{k: v for k, v in found.items() if k != "items"}, "items": items,
                    "source": p}
        if items or _filled(purchase, ("vendor_name", "vendor_npwp", "receipt_number", "evidence_document_id")):
            rows.append(purchase)
    values = {name: text_of(form, name) for name in SPJ_FIELDS}
    values["idempotency_key"] = text_of(form, "idempotency_key")
    values["evidence_classification"] = text_of(form, "evidence_classification")
    values["purchases"] = rows
    return values


def _quantity(text: str):
    """``1,5`` (Indonesian) or ``1.5`` -> ``"1.5"`` for finance's decimal; anything else stays as typed."""
    cleaned = text.replace(" ", "").replace(",", ".")
    return cleaned if re.fullmatch(r"\d+(\.\d+)?", cleaned) else text


def spj_payload(values: dict) -> dict:
    """``spj_values`` as ``SpjIn``: amounts as integer rupiah, blanks as null or left out (finance says what is
    missing), positions kept."""
    data: dict = {"title": values.get("title") or "", "description": values.get("description") or None,
                  "purchases": []}
    line = values.get("budget_line_id") or ""
    if line:
        data["budget_line_id"] = int_or_text(line)
    for purchase in values.get("purchases") or []:
        row: dict = {"vendor_name": purchase["vendor_name"], "vendor_npwp": purchase["vendor_npwp"] or None,
                     "vendor_pkp": bool(purchase.get("vendor_pkp")),
                     "receipt_number": purchase["receipt_number"] or None,
                     "evidence_document_id": int_or_none(purchase["evidence_document_id"]), "items": []}
        if purchase["purchased_on"]:
            row["purchased_on"] = purchase["purchased_on"]
        for item in purchase["items"]:
            entry: dict = {"description": item["description"], "unit": item["unit"],
                           "category": item["category"] or "barang"}
            if item["quantity"]:
                entry["quantity"] = _quantity(item["quantity"])
            if item["unit_price"]:
                entry["unit_price"] = parse_amount(item["unit_price"])
            row["items"].append(entry)
        data["purchases"].append(row)
    return data


def spj_detail_values(spj: dict) -> dict:
    """A saved SPJ (``SpjDetailOut``) as the form's values, for editing a draft."""
    purchases = []
    for p in spj.get("purchases") or []:
        purchases.append({
            "vendor_name": p.get("vendor_name") or "", "vendor_npwp": p.get("vendor_npwp") or "",
            "vendor_pkp": bool(p.get("vendor_pkp")), "purchased_on": p.get("purchased_on") or "",
            "receipt_number": p.get("receipt_number") or "",
            "evidence_document_id": str(p.get("evidence_document_id") or ""), "evidence_filename": "",
            "items": [{"description": i.get("description") or "", "quantity": str(i.get("quantity") or ""),
                       "unit": i.get("unit") or "", "unit_price": str(i.get("unit_price") or ""),
                       "category": i.get("category") or ""} for i in p.get("items") or []]})
    return {"budget_line_id": str((spj.get("budget_line") or {}).get("id") or ""), "title": spj.get("title") or "",
            "description": spj.get("description") or "", "idempotency_key": "", "evidence_classification": "",
            "purchases": purchases}


def with_blank_rows(values: dict) -> dict:
    """The values with room to type: at least one purchase, and every purchase with at least one item."""
    purchases = [dict(p, items=list(p.get("items") or []) or [blank_item()]) for p in values.get("purchases") or []]
    return {**values, "purchases": purchases or [blank_purchase()]}


ROW_ACTION = re.compile(r"^(add-purchase|add-item|remove-purchase|remove-item)(?::(\d{1,3}))?(?::(\d{1,3}))?$")


def row_action(values: dict, action: str) -> dict | None:
    """The form after "Tambah pembelian" / "Tambah rincian" / "Hapus" pressed without JavaScript (the button's
    ``action`` is ``add-item:<p>``, ``remove-item:<p>:<i>`` …), or None when ``action`` is not one of them."""
    found = ROW_ACTION.match(action or "")
    if not found:
        return None
    what, p, i = found.group(1), found.group(2), found.group(3)
    purchases = [dict(x, items=list(x.get("items") or [])) for x in values.get("purchases") or []]
    p = int(p) if p is not None else None
    if what == "add-purchase" and len(purchases) < MAX_PURCHASES:
        purchases.append(blank_purchase())
    elif p is not None and p < len(purchases):
        if what == "remove-purchase":
            purchases.pop(p)
        elif what == "add-item" and len(purchases[p]["items"]) < MAX_ITEMS:
            purchases[p]["items"].append(blank_item())
        elif what == "remove-item" and i is not None and int(i) < len(purchases[p]["items"]):
            purchases[p]["items"].pop(int(i))
    return {**values, "purchases": purchases}


def spj_field_key(name: str) -> str | None:
    """The form field for one of finance's message keys about an SPJ: ``purchases.1.items.0.unit_price`` ->
    ``p-1-i-0-unit_price``, ``purchases.1.vendor_npwp`` -> ``p-1-vendor_npwp``, ``purchases.1`` -> ``p-1``
    (the purchase as a whole), ``purchases`` -> ``purchases``; None for a name the form has no place for."""
    parts = name.split(".")
    if name in SPJ_FIELDS or parts[0] in SPJ_FIELDS:
        return parts[0]
    if parts[0] != "purchases":
        return None
    if len(parts) == 1 or not parts[1].isdigit():
        return "purchases"
    p = parts[1]
    if len(parts) == 2:
        return f"p-{p}"
    if parts[2] == "items":
        if len(parts) >= 4 and parts[3].isdigit():
            if len(parts) >= 5 and parts[4] in ITEM_FIELDS:
                return f"p-{p}-i-{parts[3]}-{parts[4]}"
            return f"p-{p}-i-{parts[3]}"
        return f"p-{p}-items"
    if parts[2] in PURCHASE_FIELDS or parts[2] == "vendor_pkp":
        return f"p-{p}-{parts[2]}"
    return f"p-{p}"


def spj_errors(fields: dict, translate) -> tuple[dict, list[str]]:
    """(messages by form field, messages without a place on the form) from finance's ``fields``."""
    errors: dict[str, str] = {}
    other: list[str] = []
    for name, message in (fields or {}).items():
        text = translate(str(message))
        key = spj_field_key(name)
        if key is None:
            other.append(text)
        else:
            errors[key] = f"{errors[key]} {text}" if key in errors else text
    return errors, other


def return_notes(form) -> dict:
    """The bendahara's notes per purchase (``note-<purchase id>``) as ``SpjReturnIn.notes``: blanks dropped."""
    notes = {}
    for key in form.keys():
        found = re.fullmatch(r"note-(\d{1,12})", key)
        if found and text_of(form, key):
            notes[found.group(1)] = text_of(form, key)
    return notes


def evidence_document(purchase: dict, file: dict, classification_code: str, spj_id: int | None) -> dict:
    """A purchase's photo or PDF of its receipt as ``ArchiveUploadIn``: titled after the purchase, with its
    vendor, receipt number and date (finance derives the archive's year, month and retention)."""
    vendor = purchase.get("vendor_name") or ""
    number = purchase.get("receipt_number") or ""
    title = " ".join(part for part in ("Bukti pembelian", vendor, number) if part)
    data = {"title": title[:300], "classification_code": classification_code, "filename": file["filename"],
            "content_b64": file["content_b64"]}
    if vendor:
        data["vendor"] = vendor[:200]
    if number:
        data["number"] = number[:120]
    try:
        data["document_date"] = date.fromisoformat(purchase.get("purchased_on") or "").isoformat()
    except ValueError:
        pass
    if spj_id:
        data["spj_id"] = spj_id
    return data


def line_groups(lines: list[dict], employee_id: int | None, own_label: str) -> list[tuple[str, list[dict]]]:
    """The budget lines for the SPJ form's picker, grouped by sub-kegiatan (in finance's order), the groups of
    the sub-kegiatan whose PPTK is the user first under ``own_label`` — a convenience of the picker, not a rule:
    finance decides which line an SPJ may charge."""
    groups: dict[str, list[dict]] = {}
    names: dict[str, str] = {}
    own: set[str] = set()
    for line in lines:
        code = line.get("sub_activity_code") or ""
        groups.setdefault(code, []).append(line)
        names[code] = line.get("sub_activity_name") or ""
        if employee_id is not None and line.get("pptk_employee_id") == employee_id:
            own.add(code)
    ordered = sorted(groups, key=lambda code: code not in own)
    return [(f"{own_label}: {code} {names[code]}" if code in own else f"{code} {names[code]}", groups[code])
            for code in ordered]


def spj_filters(args, statuses: tuple[str, ...], kinds: tuple[str, ...]) -> tuple[dict, dict]:
    """(filters for ``list_spj``, the same as strings for the form and the links)."""
    shown = {key: (args.get(key) or "").strip() for key in ("status", "kind", "year", "mine")}
    filters: dict = {}
    if shown["status"] in statuses:
        filters["status"] = shown["status"]
    else:
        shown["status"] = ""
    if shown["kind"] in kinds:
        filters["kind"] = shown["kind"]
    else:
        shown["kind"] = ""
    if YEAR.match(shown["year"]):
        filters["year"] = int(shown["year"])
    else:
        shown["year"] = ""
    if shown["mine"] == "1":
        filters["mine"] = True
    else:
        shown["mine"] = ""
    return filters, shown


def parse_month_number(text: str | None) -> int | None:
    """``?bulan=`` as a month 1–12 (``11`` or ``2026-11``); None when missing or nonsense."""
    value = (text or "").strip()
    found = MONTH.match(value)
    if found:
        return int(found.group(2))
    return int(value) if value.isdigit() and 1 <= int(value) <= 12 else None


#: The treasurer's posting form (``CashPostingIn``).
CASH_FIELDS = ("kind", "posted_on", "amount", "medium", "description", "reference")


def cash_posting(form) -> tuple[dict, dict]:
    """(the posting form's values, ``CashPostingIn`` data: the amount as integer rupiah, blanks left out)."""
    values = {name: text_of(form, name) for name in CASH_FIELDS}
    data = {name: value for name, value in values.items() if value}
    if "amount" in data:
        data["amount"] = parse_amount(data["amount"])
    return values, data


def archive_link(form) -> tuple[dict, dict]:
    """(the link form's values, ``ArchiveLinkIn`` data: blanks left out)."""
    names = ("url", "sha256", "filename", "title", "classification_code", "number", "document_date", "vendor",
             "account_code", "description", "spj_id")
    values = {name: text_of(form, name) for name in names}
    data: dict = {name: value for name, value in values.items() if value and name != "spj_id"}
    if values["spj_id"]:
        data["spj_id"] = int_or_text(values["spj_id"])
    return values, data


#: The SPJ settings form (``SpjSettingsIn``).
SETTINGS_FIELDS = ("approval_threshold", "purchase_limit", "meterai_threshold", "number_template")


def settings_payload(form) -> tuple[dict, dict]:
    """(the settings form's values, ``SpjSettingsIn`` data: amounts as integer rupiah, the fields filled in)."""
    values = {name: text_of(form, name) for name in SETTINGS_FIELDS}
    data: dict = {}
    for name, value in values.items():
        if value:
            data[name] = value if name == "number_template" else parse_amount(value)
    return values, data
