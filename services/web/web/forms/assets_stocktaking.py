"""What the stock-taking and disposal forms become (assets' ``CampaignIn``, ``CampaignCheckIn``,
``CampaignFindingIn``, ``CampaignApplyIn``, ``DisposalProposalIn``, ``DisposalDecisionIn``), and the labels the
pages show for assets' codes. Nothing is decided here: assets validates and answers 422 per field."""
from __future__ import annotations

from ..i18n import gettext_noop as _
from .common import int_or_none, int_or_text, parse_amount, text_of

KIND_LABELS = {"inventarisasi": _("Inventarisasi"), "sensus": _("Sensus (lima tahunan)")}
CAMPAIGN_STATUS_LABELS = {"open": _("Berjalan"), "closed": _("Ditutup"), "applied": _("Diterapkan"),
                          "cancelled": _("Dibatalkan")}
RESULT_LABELS = {"found": _("Ada"), "not_found": _("Tidak ada"), "found_elsewhere": _("Ditemukan di sini")}
CONDITION_LABELS = {"B": _("Baik"), "KB": _("Kurang baik"), "RB": _("Rusak berat")}
METHOD_LABELS = {"pemusnahan": _("Pemusnahan"), "penjualan": _("Penjualan"), "hibah": _("Hibah"),
                 "pemindahtanganan": _("Pemindahtanganan"), "tukar_menukar": _("Tukar-menukar"),
                 "penyertaan_modal": _("Penyertaan modal"), "lainnya": _("Lainnya")}
DISPOSAL_STATUS_LABELS = {"draft": _("Draf"), "proposed": _("Diusulkan"), "approved": _("Disetujui"),
                          "rejected": _("Ditolak"), "decided": _("SK ditetapkan"), "done": _("Selesai"),
                          "cancelled": _("Dibatalkan")}
VALUE_BASIS_LABELS = {"book_value": _("nilai buku"), "acquisition_value": _("nilai perolehan")}

CAMPAIGN_FIELDS = ("name", "kind", "start_date", "notes")
DISPOSAL_FIELDS = ("method", "reasons")


def campaign_values(form) -> dict:
    """The form as shown again: its fields, the rooms ticked and each room's checker."""
    values = {name: text_of(form, name) for name in CAMPAIGN_FIELDS}
    values["rooms"] = [text for text in form.getlist("room") if text.strip()]
    values["checkers"] = {room: text_of(form, f"checker-{room}") for room in values["rooms"]}
    return values


def campaign_payload(values: dict) -> dict:
    rooms = []
    for room in values["rooms"]:
        checker = values["checkers"].get(room) or ""
        rooms.append({"room_id": int_or_text(room), "checker_employee_id": int_or_text(checker) if checker else None})
    return {"name": values["name"], "kind": values["kind"], "start_date": values["start_date"] or None,
            "notes": values["notes"] or None, "rooms": rooms}


def check_payload(form) -> dict:
    """One answer from the room page: a button (``result``) on an item's card, or the label box."""
    data = {"result": text_of(form, "result") or "found"}
    asset_id = int_or_none(text_of(form, "asset_id"))
    if asset_id:
        data["asset_id"] = asset_id
    else:
        data["label"] = text_of(form, "label")
    condition = text_of(form, "condition")
    data["condition"] = condition or None
    note = text_of(form, "note")
    if note:
        data["note"] = note
    return data


def finding_payload(form) -> dict:
    quantity = text_of(form, "quantity")
    return {"name": text_of(form, "name"), "suggested_code": text_of(form, "suggested_code") or None,
            "condition": text_of(form, "condition"), "quantity": int_or_text(quantity) if quantity else 1,
            "description": text_of(form, "description") or None}


def apply_payload(form, findings: list[dict]) -> tuple[dict, dict]:
    """(``CampaignApplyIn``, values shown again): each finding with a code and a value is registered."""
    registrations, values = [], {}
    for finding in findings:
        key = str(finding["id"])
        code, value = text_of(form, f"code-{key}"), text_of(form, f"value-{key}")
        values[key] = {"code": code, "value": value}
        if code or value:
            registrations.append({"finding_id": finding["id"], "code": code,
                                  "value": parse_amount(value) if value else None})
    return {"findings": registrations}, values


def disposal_values(form) -> dict:
    values = {name: text_of(form, name) for name in DISPOSAL_FIELDS}
    values["items"] = [text for text in form.getlist("asset") if text.strip()]
    values["reasons_by_item"] = {asset: text_of(form, f"reason-{asset}") for asset in values["items"]}
    values["extra"] = text_of(form, "extra")
    return values


def disposal_payload(values: dict) -> dict:
    items = [{"asset_id": int_or_text(asset), "reason": values["reasons_by_item"].get(asset) or None}
             for asset in values["items"]]
    for label in (part.strip() for part in values["extra"].replace(",", "\n").splitlines()):
        if label:
            items.append({"asset_id": int(label)} if label.isdigit() else {"label": label})
    return {"method": values["method"], "reasons": values["reasons"], "items": items}


def decision_payload(form) -> dict:
    return {"decree_number": text_of(form, "decree_number"), "decree_date": text_of(form, "decree_date") or None,
            "decree_by": text_of(form, "decree_by") or None}
