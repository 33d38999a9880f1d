"""What every printed letter shares: its status (draft, issued, cancelled: the watermark), the letterhead
(kop surat), and a signer."""
from __future__ import annotations

from dataclasses import dataclass

STATUS_DRAFT = "draft"
STATUS_ISSUED = "issued"
STATUS_CANCELLED = "cancelled"
STATUSES = (STATUS_DRAFT, STATUS_ISSUED, STATUS_CANCELLED)


@dataclass(frozen=True, kw_only=True)
class Kop:
    """The letterhead (kop surat): three centred bold lines, then address and contacts."""

    # The three bold lines, largest first.
    government: str = "PEMERINTAH PROVINSI BALI"
    office: str = "SEKRETARIAT DAERAH"
    unit: str = "BIRO UMUM DAN PROTOKOL"
    # The small lines under them: street address, then phone/email/website in one line.
    address: str = "Jalan Basuki Rahmat, Niti Mandala Renon, Denpasar, Bali 80235"
    contact: str = "Telepon (0361) 222387, Faksimile (0361) 226491, Laman www.baliprov.go.id"
    # PNG/JPG of the provincial emblem; None draws no emblem (the lines stay centred).
    logo_path: str | None = None


@dataclass(frozen=True, kw_only=True)
class Person:
    """A traveller, assignee or payee."""

    # Identity: full name with degrees as printed; the 18-digit NIP, or None for a non-ASN
    # (printed as "-"; a non-ASN's NIK is never printed on these letters).
    name: str
    nip: str | None = None
    # Rank as printed, pangkat with golongan/ruang, e.g. "Penata Tingkat I (III/d)"; PPPK grade or "-".
    rank: str = ""
    # Jabatan (position) and the unit/instansi it belongs to, e.g. "Kepala Subbagian Rumah Tangga" /
    # "Biro Umum dan Protokol Setda Provinsi Bali".
    position: str = ""
    unit: str = ""
    # Tingkat biaya perjalanan dinas (travel-cost level), e.g. "C"; SPPD sheet I item 3c.
    cost_level: str = ""


@dataclass(frozen=True, kw_only=True)
class Signer:
    """Whoever signs a letter or a block of it."""

    # The position line(s) above the signature, e.g. "KEPALA BIRO UMUM DAN PROTOKOL"; "\n" breaks lines.
    # Put "a.n. ..." / "Plt." prefixes here as they must appear.
    position: str
    # Name (printed bold, underlined), NIP (None prints no NIP line), rank (pangkat line under the name).
    name: str
    nip: str | None = None
    rank: str = ""
    # Where the signer sits; printed on blocks that carry their own place (sheet II legs).
    place: str = "Denpasar"
