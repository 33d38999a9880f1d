"""What each printable travel letter needs, independent of any database.

The travel service builds these from its models and hands them to
``travel.documents.render``; the renderers read nothing else. Every class is
frozen and keyword-only, so a call site names each field and a field added
later (always with a default) breaks nobody. Money is integer rupiah; dates
are WITA calendar days as ``datetime.date``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from situok_kit.letters.data import (  # noqa: F401  (travel's letters use these names from here too)
    STATUS_CANCELLED,
    STATUS_DRAFT,
    STATUS_ISSUED,
    STATUSES,
    Kop,
    Person,
    Signer,
)


@dataclass(frozen=True, kw_only=True)
class Follower:
    """SPPD sheet I item 8: a person following the traveller (pengikut)."""

    name: str
    birth_date: date | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Leg:
    """One row of SPPD sheet II: arriving at a place, then leaving it.

    Row I is the departure from the home station: only its ``depart_*`` fields print.
    Fields left None print as blank lines to be filled in by hand at the place.
    """

    # Arrival (left column): "Tiba di", "Pada tanggal", the time if recorded.
    arrive_place: str | None = None
    arrive_date: date | None = None
    arrive_time: time | None = None
    # Departure (right column): "Berangkat dari", "Ke", "Pada tanggal", the time if recorded.
    depart_from: str | None = None
    depart_to: str | None = None
    depart_date: date | None = None
    depart_time: time | None = None
    # The head (Kepala) who signed and stamped at that place, if recorded.
    arrive_signer: Signer | None = None
    depart_signer: Signer | None = None


@dataclass(frozen=True, kw_only=True)
class CostLine:
    """A line of the rincian biaya. Integer rupiah; ``amount`` is what counts.

    ``quantity``/``unit``/``unit_amount`` print as "3 hari x Rp480.000"; leave them None
    for at-cost lines (tickets, taxi) that have only an amount.
    """

    label: str
    amount: int
    quantity: int | None = None
    unit: str = ""
    unit_amount: int | None = None
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Letter:
    """Fields every letter has."""

    # Registered number, e.g. "000.1.2.3/15/Biro Umum/2026"; a cancelled letter keeps it.
    number: str
    # One of STATUSES; "cancelled" prints a diagonal DIBATALKAN watermark, "draft" a DRAF one.
    status: str = STATUS_ISSUED
    # "Denpasar, 28 November 2026" above the signature.
    issued_place: str = "Denpasar"
    issued_on: date
    # Public page that confirms the letter; printed as a QR code (the URL itself is not printed).
    verify_url: str
    kop: Kop = field(default_factory=Kop)


@dataclass(frozen=True, kw_only=True)
class SptData(Letter):
    """Surat Perintah Tugas: one order, several assignees."""

    # "Dasar": regulations, invitations, DPA lines, numbered in order.
    basis: tuple[str, ...] = ()
    # "Kepada": the assignees, numbered in order.
    assignees: tuple[Person, ...]
    # "Untuk": what, where, when; ``days`` defaults to the calendar days from start to end inclusive.
    purpose: str
    destination: str
    start_date: date
    end_date: date
    days: int | None = None
    # Further numbered "Untuk" points, e.g. "Melaporkan hasil pelaksanaan tugas kepada pimpinan."
    instructions: tuple[str, ...] = ()
    # Signature block and the optional "Tembusan" list.
    signer: Signer
    copies_to: tuple[str, ...] = ()


#: The title of the SPPD in a regional government (the central form's "SURAT PERJALANAN DINAS (SPD)" differs).
SPPD_TITLE = "SURAT PERINTAH PERJALANAN DINAS (SPPD)"
#: Sheet II's liability note in a regional government's words (Keuangan Daerah).
SPPD_PERHATIAN = ("PA/KPA atau PPK yang menerbitkan SPPD, pegawai yang melakukan perjalanan dinas, para pejabat "
                  "yang mengesahkan tanggal berangkat/tiba, serta bendahara pengeluaran bertanggung jawab "
                  "berdasarkan peraturan-peraturan Keuangan Daerah apabila Daerah menderita rugi akibat "
                  "kesalahan, kelalaian, dan kealpaannya.")
COMMITMENT_LABEL = "Pejabat Pembuat Komitmen / Pengguna Anggaran"


@dataclass(frozen=True, kw_only=True)
class SppdData(Letter):
    """Surat Perjalanan Dinas for one traveller: sheet I (ten items) and sheet II (legs)."""

    # The title and sheet II's PERHATIAN text (configurable; regional-government defaults).
    title: str = SPPD_TITLE
    perhatian: str = SPPD_PERHATIAN
    # Top right of sheet I: "Lembar ke", "Kode No".
    sheet_no: str = ""
    code_no: str = ""
    # Item 1: the official giving the order (the configured PA/KPA or PPK, not the SPT's approver), as printed,
    # and the item's label ("Pejabat Pembuat Komitmen", "Pengguna Anggaran/Kuasa Pengguna Anggaran").
    commitment_label: str = COMMITMENT_LABEL
    commitment_official: str
    # Items 2 and 3: name/NIP, rank, position/instansi, cost level.
    traveller: Person
    # Item 4 and 5: purpose; transport, e.g. "Kendaraan Umum" / "Kendaraan Dinas" / "Pesawat Udara".
    purpose: str
    transport: str
    # Item 6: from, to.
    depart_place: str = "Denpasar"
    destination: str
    # Item 7: ``days`` defaults to the calendar days from departure to return inclusive.
    depart_date: date
    return_date: date
    days: int | None = None
    # Item 8: followers.
    followers: tuple[Follower, ...] = ()
    # Item 9: budget charged: agency (instansi) and account (akun / kode rekening).
    budget_agency: str
    budget_account: str
    # Item 10.
    notes: str = ""
    # The official of item 1: signs sheet I and the "Telah diperiksa" block of sheet II.
    signer: Signer
    # Sheet II: up to four rows (row I = home departure), then "Tiba kembali" if recorded.
    legs: tuple[Leg, ...] = ()
    returned_place: str | None = None
    returned_date: date | None = None


@dataclass(frozen=True, kw_only=True)
class CostBreakdownData(Letter):
    """Rincian biaya perjalanan dinas for one traveller, lampiran of an SPPD."""

    # The SPPD this is attached to.
    sppd_number: str
    sppd_date: date
    # Who travelled and what it cost.
    traveller: Person
    lines: tuple[CostLine, ...]
    # Bendahara Pengeluaran ("Telah dibayar sejumlah") and, optionally, the PA/KPA or PPK approving the sum.
    treasurer: Signer
    approver: Signer | None = None
    # Perhitungan SPPD rampung: printed only when an advance was paid (amount already paid).
    advance_paid: int | None = None

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True, kw_only=True)
class ReceiptData(Letter):
    """Kuitansi: a receipt for money paid out by the Bendahara Pengeluaran."""

    # "Sudah terima dari": the paying side as printed.
    payer: str
    # "Yang menerima" and the amount (terbilang and boxed figure are derived from it).
    recipient: Person
    amount: int
    # "Untuk pembayaran" and the budget charged.
    purpose: str
    budget_account: str = ""
    activity: str = ""
    fiscal_year: int | None = None
    # "Setuju dibayar": the PA/KPA; "Mengetahui": the PPTK (None prints no block); "Lunas dibayar": the
    # Bendahara Pengeluaran; "Yang menerima": the recipient.
    approver: Signer
    treasurer: Signer
    acknowledger: Signer | None = None
    # Meterai: needed above this amount (data, not code: the threshold and the stamp change by law).
    meterai_threshold: int = 5_000_000
    meterai_value: int = 10_000

    @property
    def needs_meterai(self) -> bool:
        return self.amount > self.meterai_threshold
