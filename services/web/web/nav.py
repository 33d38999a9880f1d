"""The seven areas of the original application, and who sees which link.

An area appears in the navigation only once its pages exist (``links`` not
empty): no dead links. A link names the roles that may open it (``None``:
every signed-in user); the service behind it still decides per record.
Labels are Indonesian, marked with ``_`` for the catalog; the menu translates
them when it shows them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .i18n import gettext_noop as _

#: Roles that manage personnel records or read their unit's.
PERSONNEL_READERS = ("admin", "operator", "pimpinan", "kepala_bagian", "kasubbag")
#: Who may request official travel: everyone with an employee record (a pegawai for themselves, a unit head
#: for their unit) and admin (for anyone); travel decides per traveller.
TRAVEL_REQUESTERS = ("admin", "pimpinan", "kepala_bagian", "kasubbag", "pegawai")
#: Who decides on travel requests: travel's seeded approval rules name kepala_bagian and pimpinan; admin issues
#: approved letters. A kasubbag is no approver under those rules (no link), but may open the inbox should an
#: admin change the rules.
TRAVEL_APPROVER_LINK = ("admin", "pimpinan", "kepala_bagian")
TRAVEL_APPROVERS = ("admin", "pimpinan", "kepala_bagian", "kasubbag")
#: Who opens attendance's supervisor pages (inbox, today board, recap): unit heads and admin (read only for
#: admin: attendance leaves approving to supervisors). Check-in, history and requests are for everyone signed
#: in; attendance refuses ASN staff with a message.
ATTENDANCE_SUPERVISORS = ("pimpinan", "kepala_bagian", "kasubbag", "admin")


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    roles: tuple[str, ...] | None = None

    def visible_to(self, roles) -> bool:
        return self.roles is None or bool(set(roles) & set(self.roles))


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    icon: str
    links: tuple[Link, ...] = field(default_factory=tuple)

    def visible_links(self, roles) -> list[Link]:
        return [link for link in self.links if link.visible_to(roles)]


#: In the order of the original application's menu. Areas without links are
#: domains whose service is not built yet; they stay out of the menu.
AREAS: tuple[Area, ...] = (
    Area("dokumentasi", _("Dokumentasi Pimpinan"), "camera"),
    Area("absensi", _("Absensi Non ASN"), "clock", (
        Link(_("Absen"), "/absensi"),
        Link(_("Riwayat saya"), "/absensi/riwayat"),
        Link(_("Izin dan koreksi"), "/absensi/pengajuan"),
        Link(_("Persetujuan absensi"), "/absensi/persetujuan", ATTENDANCE_SUPERVISORS),
        Link(_("Kehadiran hari ini"), "/absensi/hari-ini", ATTENDANCE_SUPERVISORS),
        Link(_("Rekap bulanan"), "/absensi/rekap", ATTENDANCE_SUPERVISORS),
    )),
    Area("perjalanan", _("SPT & SPPD"), "plane", (
        Link(_("Daftar SPT"), "/perjalanan"),
        Link(_("Buat SPT"), "/perjalanan/baru", TRAVEL_REQUESTERS),
        Link(_("Persetujuan"), "/perjalanan/persetujuan", TRAVEL_APPROVER_LINK),
    )),
    Area("kepegawaian", _("Kepegawaian"), "users", (
        Link(_("Profil saya"), "/profil"),
        Link(_("Daftar pegawai"), "/pegawai", PERSONNEL_READERS),
        Link(_("Tambah pegawai"), "/pegawai/baru", ("admin",)),
        Link(_("Unit organisasi"), "/unit"),
        Link(_("Akun pengguna"), "/akun", ("admin",)),
    )),
    Area("keuangan", _("Keuangan (SPJ & Arsip)"), "wallet"),
    Area("aset", _("Aset & Barang"), "box"),
    Area("peminjaman", _("Peminjaman Gedung & Kendaraan"), "car"),
)


def menu_for(roles, areas: tuple[Area, ...] = AREAS) -> list[tuple[Area, list[Link]]]:
    """The areas (with their visible links) a user with ``roles`` sees, in menu order."""
    menu = []
    for area in areas:
        links = area.visible_links(roles)
        if links:
            menu.append((area, links))
    return menu
