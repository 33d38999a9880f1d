"""The attendance forms <-> attendance's data: the check-in form as ``PositionIn``, leave requests and time
corrections as attendance takes them, the ``bulan`` (month) query, and where attendance's per-field messages land.

Plain functions over a werkzeug ``MultiDict`` (``request.form`` / ``request.files`` / ``request.args``): no service,
no request, no session — the pages (``web.views.attendance``) call them.
"""
from __future__ import annotations

from ..files import uploaded
from .common import field_errors, parse_month, shift_month  # noqa: F401  (the attendance pages import them here)

#: The leave request form's fields (``attachment`` is a file).
REQUEST_FIELDS = ("kind", "start_date", "end_date", "reason", "attachment")
#: The correction form's fields; on the page they are ``c_<name>`` (both forms share it).
CORRECTION_FIELDS = ("day", "kind", "time", "reason")



def number_or_text(value: str):
    """A number as a float; anything else stays text (attendance says it must be a number)."""
    try:
        return float(value)
    except ValueError:
        return value


def _value(form, name: str) -> str:
    return (form.get(name) or "").strip()


def position_payload(form, files) -> dict:
    """The check-in form as ``PositionIn``; blanks are left out (attendance says what is missing)."""
    data: dict = {}
    for name in ("latitude", "longitude", "accuracy"):
        value = _value(form, name)
        if value:
            data[name] = number_or_text(value)
    selfie = uploaded(files.getlist("selfie"))
    if selfie:
        data["selfie_b64"] = selfie[0]["content_b64"]
    return data


def leave_request(form, files) -> tuple[dict, dict]:
    """(the form's values, to show it again; the request as attendance takes it: blanks left out, the first
    attachment)."""
    values = {name: _value(form, name) for name in REQUEST_FIELDS if name != "attachment"}
    values["idempotency_key"] = _value(form, "idempotency_key")
    data = {name: value for name, value in values.items() if value and name != "idempotency_key"}
    attachments = uploaded(files.getlist("attachment"))
    if attachments:
        data["attachment"] = attachments[0]
    return values, data


def time_correction(form) -> tuple[dict, dict]:
    """(the correction form's values (``c_day`` …), the correction as attendance takes it, blanks left out)."""
    values = {f"c_{name}": _value(form, f"c_{name}") for name in CORRECTION_FIELDS}
    values["idempotency_key"] = _value(form, "idempotency_key")
    data = {name: values[f"c_{name}"] for name in CORRECTION_FIELDS if values[f"c_{name}"]}
    return values, data
