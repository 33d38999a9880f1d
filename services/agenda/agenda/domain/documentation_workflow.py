"""An event's documentation workflow as one table (``situok_kit.workflow``). No database here, so the contract
(``schemas``) can name the actions.

::

    draft/returned ──edit (texts, photos, attachments)
    draft/returned ──submit (a photo or a press release; every photo with alt text)──▶ submitted
    submitted ──approve (optional embargo; never by whoever submitted it)──▶ approved
    submitted ──return (a note)──▶ returned
    approved ──withdraw (a reason: off the portal)──▶ returned

Capacities: ``protocol`` (protocol staff: ``Caller.is_protocol_staff``) prepares and submits; ``approver``
(``Caller.approves_publication``: the Kepala Bagian Protokol, the configured role, admin) approves, returns and
withdraws. Separation of duties: the employee who submitted the documentation is its ``CREATOR`` and may not
approve it (the head of the unit is protocol staff too, so this matters); they may still return or withdraw it.
Admin is not exempt: an admin account without an employee never submitted anything, so the rule never bites it.

``agenda.documentation_published`` is not a step's event: it goes out when the documentation becomes public
(at approval without an embargo, else when the embargo ends: ``domain.documentation.announce_due``).
"""
from __future__ import annotations

from situok_contracts.events import Agenda as AgendaEvents
from situok_kit.workflow import CREATOR, Step, Workflow

PROTOCOL = "protocol"
APPROVER = "approver"
STATUS_LABELS = {"draft": "draf", "submitted": "diajukan", "returned": "dikembalikan", "approved": "disetujui"}
ONLY_PROTOCOL = "Hanya staf Bagian Protokol dan Komunikasi Pimpinan yang dapat menyiapkan dokumentasi."
ONLY_APPROVER = "Hanya Kepala Bagian Protokol (atau peran yang ditetapkan) yang dapat memutuskan publikasi."
EDITABLE = ("draft", "returned")
#: The 409's verbs (``"Dokumentasi kegiatan berstatus disetujui tidak dapat diubah."``).
VERBS = {"edit": "diubah", "submit": "diajukan", "approve": "disetujui", "return": "dikembalikan",
         "withdraw": "ditarik dari publikasi"}

DOCUMENTATION = Workflow("dokumentasi kegiatan", [
    Step("edit", EDITABLE, None, who=(PROTOCOL,), denied=ONLY_PROTOCOL),
    Step("submit", EDITABLE, "submitted", who=(PROTOCOL,), event=AgendaEvents.DOCUMENTATION_SUBMITTED,
         requires=("content", "alt_text"), denied=ONLY_PROTOCOL),
    Step("approve", ("submitted",), "approved", who=(APPROVER,), not_by=(CREATOR,), denied=ONLY_APPROVER),
    Step("return", ("submitted",), "returned", who=(APPROVER,), event=AgendaEvents.DOCUMENTATION_RETURNED,
         denied=ONLY_APPROVER),
    Step("withdraw", ("approved",), "returned", who=(APPROVER,), event=AgendaEvents.DOCUMENTATION_RETURNED,
         denied=ONLY_APPROVER),
], labels=STATUS_LABELS)

ACTIONS = DOCUMENTATION.actions


def capacities(*, protocol_staff: bool, approver: bool, submitted_it: bool) -> frozenset[str]:
    """What a caller is to one documentation: protocol staff, approver, and whether they submitted it."""
    found = set()
    if protocol_staff:
        found.add(PROTOCOL)
    if approver:
        found.add(APPROVER)
    if submitted_it:
        found.add(CREATOR)
    return frozenset(found)


def guards(photo_count: int, has_press_release: bool, missing_alt: list[int]) -> dict:
    """The submit step's guards: something to publish, and alt text on every photo (WCAG 1.1.1)."""
    def content():
        if photo_count or has_press_release:
            return None
        return "photos", "Unggah minimal satu foto atau isi siaran pers sebelum mengajukan."

    def alt_text():
        if not missing_alt:
            return None
        return f"photos.{missing_alt[0]}.alt_text", "Teks alternatif (alt) foto wajib diisi."

    return {"content": content, "alt_text": alt_text}
