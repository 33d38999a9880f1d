"""The visitor pass (kartu tamu): the bureau's letterhead, the agency, the visitors, the day and time (WITA), the
place, and a QR with the reception's check address (``<public url>/kunjungan/periksa/<token>``) — protocol staff
scan it on the day (``domain.visits.check_pass``)."""
from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Spacer
from situok_kit.clock import hhmm, wita_day
from situok_kit.letters.data import STATUS_ISSUED, Kop
from situok_kit.letters.formatting import format_day_date_id
from situok_kit.letters.kop import KopFlowable
from situok_kit.letters.layout import build_pdf, fields, para
from situok_kit.letters.qr import qr_with_caption
from situok_kit.letters.styles import BODY, CENTER, LEFT, SMALL, TITLE

from ..domain.visit_rules import PASS_EARLY_MINUTES

TITLE_TEXT = "KARTU TAMU KUNJUNGAN RESMI"
_LABEL = 4.0 * cm


def render(visit, check_url: str, *, leader_title: str | None = None) -> bytes:
    """The pass of an approved ``visit`` (a ``VisitRequest``), its QR pointing at ``check_url``."""
    day = wita_day(visit.starts_at)
    names = ", ".join(visit.visitor_names or []) or "-"
    rows = [
        ("Instansi", visit.agency),
        ("Jumlah peserta", f"{visit.visitor_count} orang"),
        ("Nama peserta", names),
        ("Hari, tanggal", format_day_date_id(day)),
        ("Waktu", f"{hhmm(visit.starts_at)} – {hhmm(visit.ends_at)} WITA"),
        ("Tempat", visit.room_name or visit.address or "-"),
    ]
    if leader_title:
        rows.append(("Bertemu", leader_title))
    rows.append(("Keperluan", visit.purpose))
    if visit.decision_note:
        rows.append(("Catatan", visit.decision_note))
    story = [
        KopFlowable(Kop()),
        para(TITLE_TEXT, TITLE),
        para(f"Nomor permohonan: KNJ/{visit.id}", CENTER),
        Spacer(1, 14),
        fields(rows, LEFT, _LABEL),
        Spacer(1, 18),
        qr_with_caption(check_url, size=4.0 * cm, caption="Dipindai petugas resepsionis pada hari kunjungan"),
        Spacer(1, 10),
        para(f"Tunjukkan kartu ini kepada petugas resepsionis pada hari kunjungan. Kartu berlaku hanya pada tanggal "
             f"di atas, mulai {PASS_EARLY_MINUTES} menit sebelum waktu kunjungan sampai waktu kunjungan berakhir.",
             BODY),
        Spacer(1, 6),
        para("Bila kartu diunduh lagi, hanya kartu yang terakhir diunduh yang berlaku.", SMALL),
    ]
    return build_pdf(story, title=TITLE_TEXT, status=STATUS_ISSUED, subject=f"Kunjungan {visit.agency}")
