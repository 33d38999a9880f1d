"""An SPJ's workflow as one table (``situok_kit.workflow``): every step, from which statuses, by whom, and the
event it publishes. This table is the only place the rules live: a command asks ``SPJ.check`` (403 no
capacity or separation of duties, 409 wrong status, 422 a guard says what is missing) and every answer
carries ``SPJ.allowed_actions`` for its caller.

::

    draft ──submit──▶ submitted ──verify──▶ verified ───────approve───────▶ approved ──pay──▶ paid ──close──▶ closed
                                             │   (PPK-SKPD, gross ≤ amount)    ▲
                                             └──endorse──▶ endorsed ──approve──┘
                                                (PPK-SKPD,           (PA/KPA)
                                                gross > amount)
    submitted ──return──▶ draft;   submitted/verified/endorsed ──reject──▶ rejected ──revise──▶ draft
    cancel: draft/submitted (PPTK, verifier, PPK, PA/KPA); verified/endorsed/approved (verifier, PPK, PA/KPA)
            ──▶ cancelled;   deposit_tax: paid/closed

Who approves (issue 11, point 4: "PPK-SKPD, and PA/KPA above a configurable amount"): up to and at the
configured amount (``spj_settings.approval_threshold``) the PPK-SKPD approves a verified SPJ; above it the
PPK-SKPD first endorses it (``endorse`` → ``endorsed``) and the PA/KPA then approves it. The amount is a
guard (``within_threshold`` on ``approve`` from verified, ``above_threshold`` on ``endorse``): the PPK sees
``approve`` or ``endorse`` as the amount decides, and calling the other is a 422 naming the reason. Only the
final approval commits the gross on the budget line.

Capacities (``spj_access.capacities``): ``pptk`` (the SPJ's PPTK: its drafter, or the PPTK of the charged
sub-kegiatan), ``verifier`` and ``payer`` (bendahara pengeluaran), ``ppk`` (PPK-SKPD, role ``ppk``),
``pa_kpa`` (PA/KPA, role ``pimpinan``).

Separation of duties (``not_by``): whoever drafted the SPJ (``CREATOR``) never verifies, returns, rejects,
endorses or approves it; whoever verified it (``VERIFIER``) never endorses, approves or rejects it after;
whoever endorsed it (``ENDORSER``) never approves it or rejects it at the PA/KPA's step (one person holding
both ``ppk`` and ``pimpinan`` needs another PA/KPA).
"""
from __future__ import annotations

from collections.abc import Callable

from situok_contracts.events import Finance
from situok_kit.letters.formatting import format_rupiah
from situok_kit.workflow import CREATOR, Guard, Step, Workflow

#: The parties "verified this SPJ" and "endorsed this SPJ" (for ``Step.not_by``), beside the kit's ``CREATOR``.
VERIFIER = "verifier_party"
ENDORSER = "endorser_party"

STATUS_LABELS = {
    "draft": "konsep", "submitted": "diajukan", "verified": "terverifikasi", "endorsed": "disahkan PPK",
    "approved": "disetujui", "paid": "dibayar", "closed": "ditutup", "rejected": "ditolak",
    "cancelled": "dibatalkan",
}
PPTK_ONLY = "Hanya PPTK SPJ ini yang dapat melakukannya."
TREASURER_ONLY = "Hanya bendahara pengeluaran yang dapat melakukannya."
PPK_ONLY = ("SPJ terverifikasi disetujui (sampai batas nilai) atau disahkan (di atas batas nilai) oleh PPK-SKPD; "
            "PA/KPA menyetujui sesudah disahkan PPK-SKPD.")
PA_KPA_ONLY = "Hanya PA/KPA yang dapat menyetujui atau menolak SPJ yang telah disahkan PPK-SKPD."
CANCELLERS = "Anda tidak berwenang membatalkan SPJ ini."
WITHIN, ABOVE = "within_threshold", "above_threshold"

SPJ = Workflow("SPJ", [
    Step("edit", ("draft",), None, who=("pptk",), denied=PPTK_ONLY),
    Step("submit", ("draft",), "submitted", who=("pptk",), event=Finance.SPJ_SUBMITTED, requires=("lines",),
         denied=PPTK_ONLY),
    Step("return", ("submitted",), "draft", who=("verifier",), event=Finance.SPJ_RETURNED, not_by=(CREATOR,),
         denied=TREASURER_ONLY),
    Step("verify", ("submitted",), "verified", who=("verifier",), event=Finance.SPJ_VERIFIED,
         requires=("lines", "evidence"), not_by=(CREATOR,), denied=TREASURER_ONLY),
    Step("approve", ("verified",), "approved", who=("ppk",), event=Finance.SPJ_APPROVED, requires=(WITHIN,),
         not_by=(CREATOR, VERIFIER), denied=PPK_ONLY),
    Step("approve", ("endorsed",), "approved", who=("pa_kpa",), event=Finance.SPJ_APPROVED,
         not_by=(CREATOR, VERIFIER, ENDORSER), denied=PA_KPA_ONLY),
    Step("endorse", ("verified",), "endorsed", who=("ppk",), event=Finance.SPJ_ENDORSED, requires=(ABOVE,),
         not_by=(CREATOR, VERIFIER), denied=PPK_ONLY),
    Step("reject", ("submitted",), "rejected", who=("verifier",), event=Finance.SPJ_REJECTED, not_by=(CREATOR,),
         denied=TREASURER_ONLY),
    Step("reject", ("verified",), "rejected", who=("ppk",), event=Finance.SPJ_REJECTED,
         not_by=(CREATOR, VERIFIER), denied=PPK_ONLY),
    Step("reject", ("endorsed",), "rejected", who=("pa_kpa",), event=Finance.SPJ_REJECTED,
         not_by=(CREATOR, VERIFIER, ENDORSER), denied=PA_KPA_ONLY),
    Step("revise", ("rejected",), "draft", who=("pptk",), event=Finance.SPJ_DRAFTED, denied=PPTK_ONLY),
    Step("pay", ("approved",), "paid", who=("payer",), event=Finance.SPJ_PAID, denied=TREASURER_ONLY),
    Step("deposit_tax", ("paid", "closed"), None, who=("payer",), event=Finance.TAX_DEPOSITED,
         denied=TREASURER_ONLY),
    Step("close", ("paid",), "closed", who=("payer",), event=Finance.SPJ_CLOSED, denied=TREASURER_ONLY),
    Step("cancel", ("draft", "submitted"), "cancelled", who=("pptk", "verifier", "ppk", "pa_kpa"),
         event=Finance.SPJ_CANCELLED, denied=CANCELLERS),
    Step("cancel", ("verified", "endorsed", "approved"), "cancelled", who=("verifier", "ppk", "pa_kpa"),
         event=Finance.SPJ_CANCELLED, denied=CANCELLERS),
], labels=STATUS_LABELS)

#: How a 409 words each action: "SPJ berstatus <status> tidak dapat <verb>."
VERBS = {
    "edit": "diubah", "submit": "diajukan", "return": "dikembalikan", "verify": "diverifikasi",
    "approve": "disetujui", "endorse": "disahkan", "reject": "ditolak", "revise": "diperbaiki", "pay": "dibayar",
    "deposit_tax": "dicatat setoran pajaknya", "close": "ditutup", "cancel": "dibatalkan",
}
NO_LINES = ("purchases", "SPJ belum memiliki rincian belanja.")


def above_threshold(gross: int, threshold: int) -> bool:
    """Whether an SPJ of ``gross`` needs the PA/KPA (endorsed by the PPK-SKPD first)."""
    return gross > threshold


def guards(has_lines: Callable[[], bool], evidence_missing: Callable[[], str | None], gross: int,
           threshold: int) -> dict[str, Guard]:
    """The guards ``SPJ`` names: ``lines`` (the SPJ has something to pay), ``evidence`` (every purchase has
    its evidence document; ``evidence_missing`` answers what is missing, or None), and the amount against the
    approval threshold: ``within_threshold`` (the PPK-SKPD approves) and ``above_threshold`` (the PPK-SKPD
    endorses, the PA/KPA approves)."""
    def evidence():
        missing = evidence_missing()
        return None if missing is None else ("purchases", missing)

    above = above_threshold(gross, threshold)
    amounts = f"Bruto {format_rupiah(gross)}"
    limit = format_rupiah(threshold)

    def within():
        return None if not above else ("gross", f"{amounts} di atas batas {limit}: SPJ ini disahkan PPK-SKPD, "
                                                f"lalu disetujui PA/KPA.")

    def beyond():
        return None if above else ("gross", f"{amounts} tidak melebihi batas {limit}: SPJ ini langsung "
                                            f"disetujui PPK-SKPD, tanpa pengesahan.")

    return {"lines": lambda: None if has_lines() else NO_LINES, "evidence": evidence, WITHIN: within,
            ABOVE: beyond}
