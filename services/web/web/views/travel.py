"""SPT & SPPD: official travel orders, from the request to the actual costs, and the public letter check.

travel decides who sees and does what (404 for unseen orders, 403 for a visible one the user may not act on,
409 for a wrong status); these pages only hide buttons a user could not use, turn travel's per-field messages
(``travellers.0.employee_id``, ``destinations.0.city``, ``lines.2.amount`` …) into messages under the form's
fields, and hand files to and from travel as base64.
"""
from __future__ import annotations

import re
import secrets
from datetime import date

from situok_kit.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from werkzeug.wrappers import Response

from ..files import stored_file_response, uploaded
from ..http import Page, page
from ..i18n import date_time
from ..nav import TRAVEL_APPROVERS, TRAVEL_REQUESTERS
from ..paging import all_pages, keyset_page
from ..rendering import render
from .personnel import unit_options, unit_tree


def _(text: str) -> str:
    """Marks a label for the catalog (``web.messages``); pages translate it when they show it."""
    return text


PAGE_SIZE = 20
STATUSES = ("draft", "submitted", "approved", "rejected", "issued", "completed", "realized", "cancelled")
STATUS_LABELS = {"draft": _("Draf"), "submitted": _("Diajukan"), "approved": _("Disetujui"),
                 "rejected": _("Ditolak"), "issued": _("Diterbitkan"), "completed": _("Selesai"),
                 "realized": _("Direalisasikan"), "cancelled": _("Dibatalkan")}
CATEGORIES = (("luar_kota", _("Luar kota")), ("dalam_kota_8jam", _("Dalam kota lebih dari 8 jam")),
              ("diklat", _("Diklat")))
TRANSPORTS = (("umum", _("Angkutan umum")), ("dinas", _("Kendaraan dinas")), ("pribadi", _("Kendaraan pribadi")))
COST_CATEGORIES = (("uang_harian", _("Uang harian")), ("penginapan", _("Penginapan")), ("transport", _("Transport")),
                   ("representasi", _("Representasi")), ("lainnya", _("Lainnya")))
DOCUMENTS = {"spt": "SPT", "sppd1": _("SPPD lembar I"), "sppd2": _("SPPD lembar II"), "rincian": _("Rincian biaya"),
             "kuitansi": _("Kuitansi")}
BASIS_ITEM = _("Dasar ke-%(n)s: %(problem)s")
TRAVELLER_ITEM = _("Pelaksana ke-%(n)s: %(problem)s")
#: What the estimate still needs, by form field.
ESTIMATE_NEEDS = {"traveller": _("pelaksana"), "destination_province": _("provinsi tujuan"),
                  "destination_city": _("kota tujuan"), "departure_date": _("tanggal berangkat"),
                  "return_date": _("tanggal kembali"), "transport": _("alat angkut"),
                  "category": _("jenis perjalanan")}
#: Kemendagri province codes (travel's ``PROVINCES``): proper names, not translated.
PROVINCES = (("11", "Aceh"), ("12", "Sumatera Utara"), ("13", "Sumatera Barat"), ("14", "Riau"), ("15", "Jambi"),
             ("16", "Sumatera Selatan"), ("17", "Bengkulu"), ("18", "Lampung"),
             ("19", "Kepulauan Bangka Belitung"), ("21", "Kepulauan Riau"), ("31", "DKI Jakarta"),
             ("32", "Jawa Barat"), ("33", "Jawa Tengah"), ("34", "DI Yogyakarta"), ("35", "Jawa Timur"),
             ("36", "Banten"), ("51", "Bali"), ("52", "Nusa Tenggara Barat"), ("53", "Nusa Tenggara Timur"),
             ("61", "Kalimantan Barat"), ("62", "Kalimantan Tengah"), ("63", "Kalimantan Selatan"),
             ("64", "Kalimantan Timur"), ("65", "Kalimantan Utara"), ("71", "Sulawesi Utara"),
             ("72", "Sulawesi Tengah"), ("73", "Sulawesi Selatan"), ("74", "Sulawesi Tenggara"),
             ("75", "Gorontalo"), ("76", "Sulawesi Barat"), ("81", "Maluku"), ("82", "Maluku Utara"),
             ("91", "Papua"), ("92", "Papua Barat"), ("93", "Papua Selatan"), ("94", "Papua Tengah"),
             ("95", "Papua Pegunungan"), ("96", "Papua Barat Daya"))
PROVINCE_NAMES = dict(PROVINCES)
#: The form's fields, in form order (``traveller`` repeats; the rest are single text values).
ORDER_FIELDS = ("traveller", "basis", "purpose", "origin", "destination_province", "destination_city",
                "category", "departure_date", "return_date", "transport", "budget_agency", "budget_account",
                "notes")
REALIZATION_ROWS = 6
#: Rows the trip form offers: destinations (travel takes 5; the first sets the rates), followers per traveller
#: (travel's maximum), and how many empty rows are shown beyond the filled ones (revealed one by one with JS).
MAX_DESTINATIONS = 4
MAX_FOLLOWERS = 5
EXTRA_ROWS = 2
FOLLOWER_FIELDS = ("name", "birth_date", "note")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


# -- forms <-> travel ------------------------------------------------------------------------------

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


def approver_roles(rules: dict, order: dict) -> set[str]:
    """The roles travel's approval rules name for the highest rank among the order's travellers."""
    ranks = ("staff", "eselon_iv", "kepala_bagian", "pimpinan")
    levels = [t.get("rank") for t in order.get("travellers") or [] if t.get("rank") in ranks]
    if not levels:
        return set()
    highest = max(levels, key=ranks.index)
    return {r["approver_role"] for r in rules.get("approval_rules") or [] if r["traveller_rank"] == highest}


def destination_text(order: dict) -> str:
    return "; ".join(f"{d.get('city')}, {PROVINCE_NAMES.get(d.get('province_code'), d.get('province_code'))}"
                     for d in order.get("destinations") or [])


class TravelPages:
    # -- helpers -----------------------------------------------------------------------------------
    def _travel_globals(self, visit) -> dict:
        def translated(pairs):
            return [(key, visit._(label)) for key, label in pairs]

        return {"status_labels": STATUS_LABELS, "categories": translated(CATEGORIES),
                "transports": translated(TRANSPORTS), "category_labels": dict(translated(CATEGORIES)),
                "transport_labels": dict(translated(TRANSPORTS)), "destination_text": destination_text,
                "documents": [(kind, visit._(label)) for kind, label in DOCUMENTS.items()],
                "cost_categories": translated(COST_CATEGORIES)}

    def _pickable_employees(self, visit) -> tuple[list[dict], bool]:
        """(employees the user may pick as travellers, whether they pick at all).

        A pegawai requests for themselves only: no picking. Unit heads and admin pick among the employees
        personnel shows them (travel checks the rest)."""
        if not visit.has_role("admin", "pimpinan", "kepala_bagian", "kasubbag"):
            return [], False
        try:
            people = all_pages(lambda cursor: self.personnel.list_employees(
                filters={"active": True}, cursor=cursor, limit=100), 10)
        except Forbidden:
            return [], False
        return sorted(people, key=lambda e: (e.get("unit_name") or "", e["full_name"])), True

    def _trip_form(self, visit, values: dict, errors: dict, *, order: dict | None = None, estimate=None,
                   estimate_problem: str | None = None, summary: str | None = None, other=(), status: int = 200):
        people, picks = self._pickable_employees(visit)
        me = self.personnel.me().get("employee") if not picks else None
        if not picks and me is not None:
            values["traveller"] = [str(me["id"])]
        title = visit._("Ubah SPT") if order else visit._("Buat SPT")
        names = {str(e["id"]): e["full_name"] for e in people}
        if me is not None:
            names[str(me["id"])] = me["full_name"]
        for t in (order or {}).get("travellers") or []:
            names.setdefault(str(t["employee_id"]), t.get("name") or "")
        followers = values.get("followers") or {}
        blank_follower = {field: "" for field in FOLLOWER_FIELDS}
        follower_groups = [{"employee_id": t, "name": names.get(t) or visit._("Pegawai #%(id)s", id=t),
                            "rows": form_rows(followers.get(t) or [], MAX_FOLLOWERS, blank_follower, minimum=0)}
                           for t in values.get("traveller") or []]
        destinations = form_rows(values.get("destinations") or [], MAX_DESTINATIONS,
                                 {"province_code": "", "city": ""})
        return Page("travel/form.html", {
            **self._travel_globals(visit), "values": values, "errors": errors, "order": order, "people": people,
            "picks": picks, "me": me, "provinces": PROVINCES, "estimate": estimate,
            "destination_rows": destinations, "max_destinations": MAX_DESTINATIONS,
            "follower_groups": follower_groups, "max_followers": MAX_FOLLOWERS,
            "follower_template_rows": form_rows([], MAX_FOLLOWERS, blank_follower, minimum=0),
            "estimate_problem": estimate_problem, "summary": summary, "other": list(other),
        }, status, title=title)

    def _trip_estimate(self, visit, data: dict):
        """(estimate, None) or (None, why not yet) for the form as it is."""
        try:
            return self.travel.estimate(data), None
        except ValidationFailed as exc:
            errors, other = field_errors(exc.fields, visit._, sent_travellers(data))
            missing = [visit._(label) for name, label in ESTIMATE_NEEDS.items() if name in errors]
            if missing:
                return None, visit._("Lengkapi %(fields)s untuk melihat perkiraan biaya.", fields=", ".join(missing))
            return None, visit._(exc.message)
        except DomainError as exc:
            return None, visit._(exc.message)

    def _order_page_context(self, visit, order: dict) -> dict:
        identity = visit.identity
        mine = order["requester_account_id"] == identity.account_id
        traveller = next((t for t in order["travellers"] if identity.employee_id
                          and t["employee_id"] == identity.employee_id), None)
        admin = visit.has_role("admin")
        status = order["status"]
        approver = False
        if status in ("submitted", "approved", "issued") and traveller is None:
            approver = bool(set(identity.roles) & approver_roles(self.travel.get_rules(), order))
        participant = mine or traveller is not None or admin
        return {
            **self._travel_globals(visit), "order": order, "is_traveller": traveller is not None,
            "can_edit": status == "draft" and (mine or admin),
            "can_submit": status == "draft" and (mine or admin),
            "can_decide": status == "submitted" and approver,
            "can_issue": status == "approved" and (approver or admin),
            "can_cancel": (status in ("draft", "submitted") and (mine or admin or approver))
            or (status in ("approved", "issued") and (approver or admin)),
            "can_report": status == "issued" and participant,
            "can_complete": status == "issued" and participant and order.get("report") is not None,
            "can_realize": status == "completed" and participant,
            "can_record": status == "issued" and traveller is not None,
            "verify_token": (order.get("verify_url") or "").rstrip("/").rsplit("/", 1)[-1] or None,
            "realization_rows": self._realization_rows(order),
        }

    @staticmethod
    def _realization_rows(order: dict) -> list[dict]:
        """Starting rows for the realization form: the estimate's lines (the traveller fills in actual amounts),
        then blank rows."""
        rows = []
        for person in (order.get("estimate") or {}).get("travellers") or []:
            for line in person.get("lines") or []:
                if line.get("amount"):
                    code = line.get("code") if line.get("code") in dict(COST_CATEGORIES) else "lainnya"
                    rows.append({"employee_id": str(person.get("employee_id") or ""), "category": code,
                                 "description": line.get("label") or "", "amount": str(line.get("amount") or "")})
        rows = rows[:20]
        target = max(REALIZATION_ROWS, len(rows) + 2)
        while len(rows) < target:
            rows.append({"employee_id": "", "category": "lainnya", "description": "", "amount": ""})
        return rows

    # -- list, inbox ---------------------------------------------------------------------------------
    @page("GET", "/perjalanan")
    def travel_list(self, visit):
        filters, shown = list_filters(visit.request.args)
        result, pager = keyset_page(
            visit, lambda cursor: self.travel.list_orders(filters=filters, cursor=cursor, limit=PAGE_SIZE),
            "/perjalanan", {k: v for k, v in shown.items() if v})
        try:
            units = unit_options(unit_tree(self.personnel.list_org_units()))
        except Forbidden:
            units = []
        return Page("travel/list.html", {
            **self._travel_globals(visit), "orders": result["items"], "shown": shown, **pager,
            "unit_options": units, "statuses": STATUSES, "can_create": visit.has_role(*TRAVEL_REQUESTERS),
        }, title=visit._("SPT & SPPD"))

    @page("GET", "/perjalanan/persetujuan", roles=TRAVEL_APPROVERS)
    def travel_inbox(self, visit):
        rules = self.travel.get_rules()
        employee_id = visit.identity.employee_id
        roles = set(visit.identity.roles)

        def mine_to_decide(order: dict) -> bool:
            travelling = employee_id and any(t["employee_id"] == employee_id for t in order["travellers"])
            return not travelling and bool(roles & approver_roles(rules, order))

        submitted = self.travel.list_orders(filters={"status": "submitted"}, limit=100)["items"]
        approved = self.travel.list_orders(filters={"status": "approved"}, limit=100)["items"]
        admin = visit.has_role("admin")
        return Page("travel/inbox.html", {
            **self._travel_globals(visit),
            "to_decide": [o for o in submitted if mine_to_decide(o)],
            "to_issue": [o for o in approved if admin or mine_to_decide(o)],
        }, title=visit._("Persetujuan SPT"))

    # -- create, edit, estimate ------------------------------------------------------------------------
    @page("GET", "/perjalanan/baru", roles=TRAVEL_REQUESTERS)
    def travel_new(self, visit):
        values = {"idempotency_key": secrets.token_urlsafe(16), "origin": "Denpasar", "category": "luar_kota",
                  "transport": "umum", "budget_agency": "Biro Umum dan Protokol Setda Provinsi Bali",
                  "traveller": []}
        return self._trip_form(visit, values, {})

    @page("POST", "/perjalanan/baru", roles=TRAVEL_REQUESTERS)
    def travel_create(self, visit):
        data = order_payload(visit.form)
        values = form_values(visit.form)
        if visit.value("action") == "estimate":  # "Hitung biaya" without JavaScript
            estimate, problem = self._trip_estimate(visit, data)
            return self._trip_form(visit, values, {}, estimate=estimate, estimate_problem=problem)
        try:
            order = self.travel.create_order(data, idempotency_key=visit.value("idempotency_key") or None)
        except ValidationFailed as exc:
            return self._trip_invalid(visit, exc, values, data, None)
        return visit.redirect(f"/perjalanan/{order['id']}",
                              visit._("Draf SPT disimpan. Periksa lalu ajukan untuk persetujuan."))

    @page("POST", "/perjalanan/estimasi")
    def travel_estimate(self, visit):
        """The live estimate beside the form (``static/js/travel.js``): an HTML fragment."""
        estimate, problem = self._trip_estimate(visit, order_payload(visit.form))
        context = {"_": visit._, "lang": visit.session.lang, "estimate": estimate, "estimate_problem": problem}
        return Response(render("travel/_estimate.html", context), content_type="text/html; charset=utf-8")

    @page("GET", "/perjalanan/<int:order_id>/ubah")
    def travel_edit(self, visit, order_id):
        order = self.travel.get_order(order_id)
        if order["status"] != "draft":
            raise Conflict(visit._("Hanya draf yang dapat diubah."))
        if order["requester_account_id"] != visit.identity.account_id and not visit.has_role("admin"):
            raise Forbidden(visit._("Hanya pengaju yang dapat mengubah draf ini."))
        values = order_values(order)
        return self._trip_form(visit, values, {}, order=order, estimate=order.get("estimate"))

    @page("POST", "/perjalanan/<int:order_id>/ubah")
    def travel_update(self, visit, order_id):
        order = self.travel.get_order(order_id)
        data = order_payload(visit.form)
        values = form_values(visit.form)
        if visit.value("action") == "estimate":
            estimate, problem = self._trip_estimate(visit, data)
            return self._trip_form(visit, values, {}, order=order, estimate=estimate, estimate_problem=problem)
        try:
            self.travel.update_order(order_id, data)
        except ValidationFailed as exc:
            return self._trip_invalid(visit, exc, values, data, order)
        return visit.redirect(f"/perjalanan/{order_id}", visit._("Perubahan disimpan."))

    def _trip_invalid(self, visit, exc: ValidationFailed, values: dict, data: dict, order) -> Page:
        errors, other = field_errors(exc.fields, visit._, sent_travellers(data))
        estimate, problem = self._trip_estimate(visit, data)
        return self._trip_form(visit, values, errors, order=order, estimate=estimate, estimate_problem=problem,
                               summary=visit._(exc.message), other=other, status=422)

    # -- the trip ------------------------------------------------------------------------------------
    @page("GET", "/perjalanan/<int:order_id>")
    def travel_detail(self, visit, order_id):
        order = self.travel.get_order(order_id)
        title = order.get("number") or visit._("SPT #%(id)s", id=order["id"])
        return Page("travel/detail.html", self._order_page_context(visit, order), title=title)

    def _trip_act(self, visit, order_id: int, call, done: str) -> Response:
        """Run a workflow step; a wrong status or a missing reason comes back as a message on the trip page."""
        back = f"/perjalanan/{order_id}"
        try:
            call()
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        return visit.redirect(back, done)

    @page("POST", "/perjalanan/<int:order_id>/ajukan")
    def travel_submit(self, visit, order_id):
        note = visit.value("note") or None
        return self._trip_act(visit, order_id, lambda: self.travel.submit_order(order_id, note),
                         visit._("SPT diajukan untuk persetujuan."))

    @page("POST", "/perjalanan/<int:order_id>/setujui")
    def travel_approve(self, visit, order_id):
        note = visit.value("note") or None
        return self._trip_act(visit, order_id, lambda: self.travel.approve_order(order_id, note),
                         visit._("SPT disetujui."))

    @page("POST", "/perjalanan/<int:order_id>/tolak")
    def travel_reject(self, visit, order_id):
        reason = visit.value("reason")
        return self._trip_act(visit, order_id, lambda: self.travel.reject_order(order_id, reason),
                         visit._("SPT ditolak."))

    @page("POST", "/perjalanan/<int:order_id>/terbitkan")
    def travel_issue(self, visit, order_id):
        return self._trip_act(visit, order_id, lambda: self.travel.issue_order(order_id),
                         visit._("SPT dan SPPD diterbitkan dan diberi nomor."))

    @page("POST", "/perjalanan/<int:order_id>/batalkan")
    def travel_cancel(self, visit, order_id):
        reason = visit.value("reason")
        return self._trip_act(visit, order_id, lambda: self.travel.cancel_order(order_id, reason),
                         visit._("SPT dibatalkan."))

    @page("POST", "/perjalanan/<int:order_id>/selesai")
    def travel_complete(self, visit, order_id):
        note = visit.value("note") or None
        return self._trip_act(visit, order_id, lambda: self.travel.complete_order(order_id, note),
                         visit._("Perjalanan dinas dinyatakan selesai."))

    @page("POST", "/perjalanan/<int:order_id>/laporan")
    def travel_report(self, visit, order_id):
        summary = visit.value("summary")
        attachments = uploaded(visit.request.files.getlist("attachments"))
        return self._trip_act(visit, order_id, lambda: self.travel.file_report(
            order_id, {"summary": summary, "attachments": attachments}), visit._("Laporan perjalanan disimpan."))

    @page("POST", "/perjalanan/<int:order_id>/realisasi")
    def travel_realize(self, visit, order_id):
        form, files = visit.form, visit.request.files
        lines = []
        for i in range(40):
            description = (form.get(f"line-{i}-description") or "").strip()
            amount = (form.get(f"line-{i}-amount") or "").strip()
            if not description and not amount:
                continue
            employee = (form.get(f"line-{i}-employee_id") or "").strip()
            lines.append({"employee_id": _int_or_text(employee) if employee else None,
                          "category": (form.get(f"line-{i}-category") or "lainnya").strip(),
                          "description": description, "amount": parse_amount(amount),
                          "receipts": uploaded(files.getlist(f"line-{i}-receipts"))})
        return self._trip_act(visit, order_id, lambda: self.travel.realize_order(order_id, {"lines": lines}),
                         visit._("Realisasi biaya dicatat."))

    # -- files ---------------------------------------------------------------------------------------
    @page("GET", "/perjalanan/<int:order_id>/dokumen/<kind>")
    def travel_document(self, visit, order_id, kind):
        if kind not in DOCUMENTS:
            raise NotFound(visit._("Dokumen tidak dikenal."))
        traveller = visit.request.args.get("pelaksana") or None
        document = self.travel.order_document(order_id, kind, int(traveller) if traveller and traveller.isdigit()
                                              else traveller)
        return stored_file_response(document, "application/pdf")

    @page("GET", "/perjalanan/lampiran/<int:attachment_id>")
    def travel_attachment(self, visit, attachment_id):
        item = self.travel.get_attachment(attachment_id)
        inline = item["content_type"] in ("application/pdf", "image/jpeg", "image/png", "image/webp", "text/plain")
        return stored_file_response(item, inline=inline)

    # -- sheet II on the road --------------------------------------------------------------------------
    @page("GET", "/perjalanan/<int:order_id>/perjalanan")
    def travel_road(self, visit, order_id):
        order = self.travel.get_order(order_id)
        context = self._order_page_context(visit, order)
        mine = next((t for t in order["travellers"] if t["employee_id"] == visit.identity.employee_id), None)
        legs = (mine or {}).get("legs") or []
        if legs:
            suggestion = legs[-1]["place"]
        else:
            suggestion = ((order.get("destinations") or [{}])[0]).get("city") or ""
        context.update({"mine": mine, "place": suggestion})
        return Page("travel/road.html", context, title=visit._("SPPD lembar II"))

    @page("POST", "/perjalanan/<int:order_id>/perjalanan")
    def travel_record_leg(self, visit, order_id):
        back = f"/perjalanan/{order_id}/perjalanan"
        data = {"kind": visit.value("kind"), "place": visit.value("place")}
        for name in ("latitude", "longitude", "accuracy"):
            value = visit.value(name)
            if value:
                try:
                    data[name] = float(value)
                except ValueError:
                    pass  # a broken location is dropped, the leg still counts
        try:
            leg = self.travel.record_leg(order_id, data)
        except (Conflict, ValidationFailed) as exc:
            details = " ".join(visit._(str(m)) for m in (exc.fields or {}).values())
            return visit.redirect(back, f"{visit._(exc.message)} {details}".strip(), "error")
        when = date_time(leg["recorded_at"], visit.session.lang)
        if leg["kind"] == "arrival":
            message = visit._("Tiba di %(place)s tercatat pada %(when)s.", place=leg["place"], when=when)
        else:
            message = visit._("Berangkat dari %(place)s tercatat pada %(when)s.", place=leg["place"], when=when)
        return visit.redirect(back, message)

    # -- public verification -----------------------------------------------------------------------------
    @page("GET", "/verifikasi/<token>", public=True)
    def public_verify(self, visit, token):
        letter = None
        if TOKEN.match(token):
            try:
                letter = self.travel.verify_letter(token)
            except NotFound:
                letter = None
        status = 200 if letter else 404
        return Page("public/verify.html", {"letter": letter, "status_labels": STATUS_LABELS}, status,
                    title=visit._("Verifikasi surat"))
