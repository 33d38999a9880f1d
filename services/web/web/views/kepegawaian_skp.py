"""Kepegawaian — performance (SKP, PermenPANRB 6/2022): "SKP saya" (the year's plan: work results with
indicators and targets, each aligned to one of the supervisor's agreed results chosen from the list kepegawaian
gives; submit; progress per period with evidence — a file or a link; the assessment and the predikat), the
supervisor's "Kotak masuk SKP" (plans to agree or return, progress waiting for feedback, assessments due) and a
plan's page with the assessment form (the seven core values and the overall ratings), and the history per year.

kepegawaian decides everything — the alignment, the targets, who may act, the predikat (computed by the service
and shown after saving, never here); these pages show what it answers and the buttons of ``allowed_actions``.
"""
from __future__ import annotations

import re

from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, ValidationFailed

from ..files import stored_file_response, uploaded
from ..forms.common import int_or_none, text_of
from ..http import Page, page
from ..i18n import gettext_noop as _
from ..nav import Area, Link
from ..paging import keyset_page

OWN = ("kepegawaian", "own_records")
SUPERVISE = ("kepegawaian", "supervise")
MANAGE = ("kepegawaian", "manage_records")
BASE = "/kepegawaian/skp"
PAGE_SIZE = 25
#: Rows of the plan form: work results, and indicators per result (blank rows are left out).
RESULT_ROWS = 6
INDICATOR_ROWS = 3
RATINGS = ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")
RATING_LABELS = {"di_atas_ekspektasi": _("Di atas ekspektasi"), "sesuai_ekspektasi": _("Sesuai ekspektasi"),
                 "di_bawah_ekspektasi": _("Di bawah ekspektasi")}
STATUS_LABELS = {"draft": _("Konsep"), "submitted": _("Diajukan"), "approved": _("Disetujui"),
                 "returned": _("Dikembalikan"), "assessed": _("Dinilai")}
KIND_LABELS = {"utama": _("Utama"), "tambahan": _("Tambahan")}
ASPECT_LABELS = {"kuantitas": _("Kuantitas"), "kualitas": _("Kualitas"), "waktu": _("Waktu"), "biaya": _("Biaya")}

NAV = Area("kepegawaian", links=(
    Link(_("SKP saya"), BASE, (OWN,)),
    Link(_("Kotak masuk SKP"), f"{BASE}/kotak-masuk", (SUPERVISE,)),
    Link(_("Riwayat SKP"), f"{BASE}/riwayat", (OWN, MANAGE)),
), service="kepegawaian", position=88)

_INDICATOR_FIELD = re.compile(r"^results\.(\d+)\.indicators\.(\d+)\.(\w+)$")
_RESULT_FIELD = re.compile(r"^results\.(\d+)\.(\w+)$")
_SHORT = {"target_value": "target", "target_unit": "unit", "aligned_result_id": "aligned", "aligned_goal": "goal",
          "indicators": "i0_text"}


# -- shaping (pure) -----------------------------------------------------------------------------------

def _number(raw: str):
    try:
        return float(raw.replace(",", "."))
    except ValueError:
        return raw or None


def plan_payload(form) -> tuple[list[dict], list[tuple[int, list[int]]]]:
    """The plan form as kepegawaian's results (``SkpResultIn``), blank rows left out; and the form row of each
    result (to put kepegawaian's messages back on their fields). The hidden ``id`` of a row kept from the plan
    revises that result (or indicator) in place."""
    results, rows = [], []
    for i in range(RESULT_ROWS):
        text = text_of(form, f"r{i}_text")
        if not text:
            continue
        indicators, kept = [], []
        for j in range(INDICATOR_ROWS):
            p = f"r{i}_i{j}_"
            if not any(text_of(form, p + name) for name in ("text", "target", "unit")):
                continue
            kept.append(j)
            indicators.append({"id": int_or_none(form.get(p + "id")), "text": text_of(form, p + "text"),
                               "target_value": _number(text_of(form, p + "target")),
                               "target_unit": text_of(form, p + "unit"),
                               "aspect": text_of(form, p + "aspect") or "kuantitas"})
        results.append({"id": int_or_none(form.get(f"r{i}_id")), "kind": text_of(form, f"r{i}_kind") or "utama",
                        "text": text,
                        "aligned_result_id": int_or_none(form.get(f"r{i}_aligned")),
                        "aligned_goal": text_of(form, f"r{i}_goal") or None, "indicators": indicators})
        rows.append((i, kept))
    return results, rows


def plan_errors(fields: dict, rows: list[tuple[int, list[int]]]) -> tuple[dict, list[str]]:
    """kepegawaian's ``results.<n>.indicators.<m>...`` messages on the form's ``r<row>_i<row>_...`` fields (``rows``
    from ``plan_payload``: which form rows were sent); the rest as a list."""
    errors, other = {}, []
    for name, message in (fields or {}).items():
        found = _INDICATOR_FIELD.match(name)
        if found and int(found.group(1)) < len(rows) and int(found.group(2)) < len(rows[int(found.group(1))][1]):
            row, indicator_rows = rows[int(found.group(1))]
            short = _SHORT.get(found.group(3), found.group(3))
            errors[f"r{row}_i{indicator_rows[int(found.group(2))]}_{short}"] = message
            continue
        found = _RESULT_FIELD.match(name)
        if found and int(found.group(1)) < len(rows):
            errors[f"r{rows[int(found.group(1))][0]}_{_SHORT.get(found.group(2), found.group(2))}"] = message
            continue
        other.append(message)
    return errors, other


def form_values(plan: dict | None) -> dict:
    """A plan's results as the form's values (to edit a draft or returned plan)."""
    values: dict = {}
    for i, result in enumerate((plan or {}).get("results") or []):
        values.update({f"r{i}_id": result["id"], f"r{i}_text": result["text"], f"r{i}_kind": result["kind"],
                       f"r{i}_aligned": result.get("aligned_result_id") or "",
                       f"r{i}_goal": result.get("aligned_goal") or ""})
        for j, indicator in enumerate(result["indicators"][:INDICATOR_ROWS]):
            target = indicator["target_value"]
            values.update({f"r{i}_i{j}_id": indicator["id"], f"r{i}_i{j}_text": indicator["text"],
                           f"r{i}_i{j}_target": int(target) if float(target).is_integer() else target,
                           f"r{i}_i{j}_unit": indicator["target_unit"], f"r{i}_i{j}_aspect": indicator["aspect"]})
    return values


def progress_payload(form, indicator_ids: list[int], evidence: dict | None) -> dict:
    """The progress form as kepegawaian's ``SkpProgressIn``: the realisation of each indicator filled in, the
    evidence file (base64, with the type the browser declared) or the link."""
    realisations = [{"indicator_id": i, "value": _number(text_of(form, f"value_{i}")),
                     "note": text_of(form, f"note_{i}") or None}
                    for i in indicator_ids if text_of(form, f"value_{i}")]
    return {"period": int_or_none(form.get("period")), "realisations": realisations,
            "evidence_b64": evidence["content_b64"] if evidence else None,
            "evidence_name": evidence["filename"] if evidence else None,
            "evidence_type": evidence["content_type"] if evidence else None,
            "evidence_url": None if evidence else (text_of(form, "evidence_url") or None)}


def assessment_payload(form, codes: list[str]) -> dict:
    """The assessment form as kepegawaian's ``SkpAssessIn`` (the predikat is kepegawaian's to compute)."""
    per_value = {code: text_of(form, f"value_{code}") for code in codes}
    return {"results_rating": text_of(form, "results_rating"), "behaviour_rating": text_of(form, "behaviour_rating"),
            "behaviour_ratings": {code: rating for code, rating in per_value.items() if rating},
            "note": text_of(form, "note") or None}


def year_of(value, default: int) -> int:
    year = int_or_none(value)
    return year if year and 2020 <= year <= 2100 else default


class KepegawaianSkpPages:
    """Pages of the area (mixed into ``WebService``)."""

    def _skp_labels(self) -> dict:
        return {"status_labels": STATUS_LABELS, "rating_labels": RATING_LABELS, "kind_labels": KIND_LABELS,
                "aspect_labels": ASPECT_LABELS, "ratings": RATINGS, "result_rows": RESULT_ROWS,
                "indicator_rows": INDICATOR_ROWS, "base": BASE}

    def _skp_mine(self, visit, year: int, values: dict | None = None, errors: dict | None = None,
                  other: list | None = None, status: int = 200):
        found = self.kepegawaian.my_skp(year)
        plan = found["plan"]
        editing = plan is None or "edit" in plan["allowed_actions"]
        return Page("kepegawaian/skp_mine.html", {
            "found": found, "plan": plan, "year": year, "editing": editing,
            "values": values if values is not None else form_values(plan), "errors": errors or {},
            "other": other or [], **self._skp_labels()}, status, title=visit._("SKP saya"))

    @page("GET", BASE, needs=OWN)
    def kepegawaian_my_skp(self, visit):
        return self._skp_mine(visit, year_of(visit.request.args.get("tahun"), wita_day().year))

    @page("POST", BASE, needs=OWN)
    def kepegawaian_skp_save(self, visit):
        year = year_of(visit.form.get("year"), wita_day().year)
        results, rows = plan_payload(visit.form)
        skp_id = int_or_none(visit.form.get("skp_id"))
        try:
            if skp_id:
                self.kepegawaian.update_skp(skp_id, {"results": results})
            else:
                self.kepegawaian.create_skp({"year": year, "results": results,
                                             "period_kind": text_of(visit.form, "period_kind") or "triwulan"})
        except (ValidationFailed, Conflict) as exc:
            errors, other = plan_errors(exc.fields, rows)
            values = {k: visit.form.get(k, "") for k in visit.form.keys() if k != "csrf_token"}
            return self._skp_mine(visit, year, values, errors, [visit._(exc.message), *other],
                                  422 if isinstance(exc, ValidationFailed) else 409)
        return visit.redirect(f"{BASE}?tahun={year}", visit._("Rencana SKP disimpan."))

    def _skp_action(self, visit, skp_id: int, call, done: str):
        back = visit.form.get("back") or f"{BASE}/{skp_id}"
        if not back.startswith(BASE):
            back = f"{BASE}/{skp_id}"
        try:
            call()
        except (ValidationFailed, Conflict) as exc:
            details = [str(m) for m in (exc.fields or {}).values()]
            return visit.redirect(back, " ".join([visit._(exc.message), *details]), "error")
        return visit.redirect(back, visit._(done))

    @page("POST", f"{BASE}/<int:skp_id>/ajukan", needs=OWN)
    def kepegawaian_skp_submit(self, visit, skp_id):
        return self._skp_action(visit, skp_id, lambda: self.kepegawaian.submit_skp(skp_id),
                                _("SKP diajukan kepada atasan langsung."))

    @page("POST", f"{BASE}/<int:skp_id>/setujui", needs=SUPERVISE)
    def kepegawaian_skp_approve(self, visit, skp_id):
        return self._skp_action(visit, skp_id, lambda: self.kepegawaian.approve_skp(skp_id), _("SKP disetujui."))

    @page("POST", f"{BASE}/<int:skp_id>/kembalikan", needs=SUPERVISE)
    def kepegawaian_skp_return(self, visit, skp_id):
        return self._skp_action(visit, skp_id, lambda: self.kepegawaian.return_skp(skp_id, visit.value("reason")),
                                _("SKP dikembalikan kepada pegawai."))

    @page("POST", f"{BASE}/<int:skp_id>/realisasi", needs=OWN)
    def kepegawaian_skp_progress(self, visit, skp_id):
        plan = self.kepegawaian.get_skp(skp_id)
        ids = [i["id"] for r in plan["results"] for i in r["indicators"]]
        files = uploaded(visit.request.files.getlist("evidence"))
        payload = progress_payload(visit.form, ids, files[0] if files else None)
        return self._skp_action(visit, skp_id, lambda: self.kepegawaian.record_progress(skp_id, payload),
                                _("Realisasi periode dicatat."))

    @page("POST", f"{BASE}/<int:skp_id>/umpan-balik", needs=SUPERVISE)
    def kepegawaian_skp_feedback(self, visit, skp_id):
        payload = {"period": int_or_none(visit.form.get("period")), "feedback": text_of(visit.form, "feedback")}
        return self._skp_action(visit, skp_id, lambda: self.kepegawaian.give_feedback(skp_id, payload),
                                _("Umpan balik disimpan."))

    @page("POST", f"{BASE}/<int:skp_id>/nilai", needs=SUPERVISE)
    def kepegawaian_skp_assess(self, visit, skp_id):
        plan = self.kepegawaian.get_skp(skp_id)
        payload = assessment_payload(visit.form, [v["code"] for v in plan["core_values"]])
        return self._skp_action(visit, skp_id, lambda: self.kepegawaian.assess_skp(skp_id, payload),
                                _("Penilaian SKP disimpan; predikat ditetapkan menurut matriks."))

    @page("GET", f"{BASE}/<int:skp_id>", needs=(OWN, SUPERVISE, MANAGE))
    def kepegawaian_skp_detail(self, visit, skp_id):
        plan = self.kepegawaian.get_skp(skp_id)
        return Page("kepegawaian/skp_detail.html", {"plan": plan, **self._skp_labels()},
                    title=visit._("SKP %(year)s — %(name)s", year=plan["year"], name=plan["employee_name"]))

    @page("GET", f"{BASE}/bukti/<int:progress_id>", needs=(OWN, SUPERVISE, MANAGE))
    def kepegawaian_skp_evidence(self, visit, progress_id):
        return stored_file_response({**self.kepegawaian.skp_evidence(progress_id), "sha256": ""}, inline=False)

    @page("GET", f"{BASE}/kotak-masuk", needs=SUPERVISE)
    def kepegawaian_skp_inbox(self, visit):
        return Page("kepegawaian/skp_inbox.html", {"inbox": self.kepegawaian.skp_inbox(), **self._skp_labels()},
                    title=visit._("Kotak masuk SKP"))

    @page("GET", f"{BASE}/riwayat", needs=(OWN, MANAGE))
    def kepegawaian_skp_history(self, visit):
        year = int_or_none(visit.request.args.get("tahun"))
        result, links = keyset_page(
            visit, lambda cursor: self.kepegawaian.list_skp(year=year, cursor=cursor, limit=PAGE_SIZE),
            f"{BASE}/riwayat", {"tahun": year} if year else None)
        return Page("kepegawaian/skp_history.html", {"plans": result["items"], "year": year or "",
                                                    **self._skp_labels(), **links},
                    title=visit._("Riwayat SKP"))
