"""Seed data: the org tree of Biro Umum dan Protokol, its staff, and demo accounts.

``python -m personnel.seed`` is safe to run on every start: it creates only what
is missing (org units by code, positions by unit and name, employees by NIP/NIK,
accounts by username) and writes through the domain functions, so the outbox
gets the same events an admin's clicks would produce. Passwords:

* ``admin``: ``SITUOK_ADMIN_PASSWORD``, else generated and printed once, when created;
* demo accounts: ``SITUOK_DEMO_PASSWORD`` (default ``situok-demo-2026``), printed when created.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from situok_kit.config import env
from situok_kit.db import Transaction, advisory_lock, run_in_database
from situok_kit.identity import SYSTEM
from sqlalchemy import select
from sqlalchemy.orm import Session

from .domain import accounts, employees, orgunits
from .domain.passwords import generate_password
from .models import Account, Employee, OrgUnit, Position, kit_tables
from .schemas import AccountIn, EmployeeIn, OrgUnitIn, PositionIn

DEFAULT_DEMO_PASSWORD = "situok-demo-2026"
_LOCK_KEY = 7_310_001  # pg advisory lock: one seeding at a time

# code, name, kind, parent code
ORG_UNITS = (
    ("BUP", "Biro Umum dan Protokol Setda Provinsi Bali", "biro", None),
    ("BUP.TU", "Bagian Tata Usaha dan Kepegawaian", "bagian", "BUP"),
    ("BUP.TU.TUP", "Subbagian Tata Usaha Pimpinan", "subbagian", "BUP.TU"),
    ("BUP.TU.PSA", "Subbagian Persuratan dan Arsip", "subbagian", "BUP.TU"),
    ("BUP.TU.KPG", "Subbagian Kepegawaian", "subbagian", "BUP.TU"),
    ("BUP.KA", "Bagian Keuangan dan Aset", "bagian", "BUP"),
    ("BUP.KA.PBH", "Subbagian Perbendaharaan", "subbagian", "BUP.KA"),
    ("BUP.KA.AKP", "Subbagian Akuntansi dan Pelaporan", "subbagian", "BUP.KA"),
    ("BUP.KA.BMD", "Subbagian Pengelolaan Barang Milik Daerah", "subbagian", "BUP.KA"),
    ("BUP.PKP", "Bagian Protokol dan Komunikasi Pimpinan", "bagian", "BUP"),
    ("BUP.PKP.PRO", "Subbagian Protokol", "subbagian", "BUP.PKP"),
    ("BUP.PKP.KOM", "Subbagian Komunikasi Pimpinan", "subbagian", "BUP.PKP"),
    ("BUP.PKP.DOK", "Subbagian Dokumentasi Pimpinan", "subbagian", "BUP.PKP"),
    ("BUP.RT", "Bagian Rumah Tangga", "bagian", "BUP"),
    ("BUP.RT.RTP", "Subbagian Rumah Tangga Pimpinan", "subbagian", "BUP.RT"),
    ("BUP.RT.PML", "Subbagian Perlengkapan dan Pemeliharaan", "subbagian", "BUP.RT"),
)

# unit code, position name, kind, is_head (every unit's head is added from the unit name)
STAFF_POSITIONS = (
    ("BUP.TU.TUP", "Pengadministrasi Umum", "pelaksana"),
    ("BUP.TU.PSA", "Arsiparis Ahli Pertama", "fungsional"),
    ("BUP.TU.PSA", "Pranata Komputer Ahli Pertama", "fungsional"),
    ("BUP.TU.KPG", "Analis SDM Aparatur Ahli Pertama", "fungsional"),
    ("BUP.TU.KPG", "Pranata Komputer Ahli Pertama", "fungsional"),
    ("BUP.KA.PBH", "Bendahara Pengeluaran", "pelaksana"),
    ("BUP.KA.PBH", "Pengadministrasi Keuangan", "pelaksana"),
    ("BUP.KA.BMD", "Pengurus Barang", "pelaksana"),
    ("BUP.PKP.PRO", "Analis Keprotokolan", "fungsional"),
    ("BUP.PKP.KOM", "Pranata Hubungan Masyarakat Ahli Pertama", "fungsional"),
    ("BUP.PKP.DOK", "Tenaga Dokumentasi", "pelaksana"),
    ("BUP.RT.RTP", "Pramu Bakti", "pelaksana"),
    ("BUP.RT.RTP", "Pengemudi", "pelaksana"),
    ("BUP.RT.PML", "Teknisi Pemeliharaan", "pelaksana"),
)


#: Position name prefix -> (level, kelas jabatan) (Perpres tunjangan kinerja / PermenPANRB kelas jabatan, plausible).
POSITION_GRADES = (
    ("Kepala Biro", "jpt_pratama", 14),
    ("Kepala Bagian", "administrator", 12),
    ("Kepala Subbagian", "pengawas", 9),
    ("Analis Keprotokolan", "ahli_pertama", 8),
    ("Bendahara Pengeluaran", "pelaksana", 7),
    ("Pengemudi", "pelaksana", 3),
    ("Pramu Bakti", "pelaksana", 1),
)


def position_grade(name: str, kind: str) -> tuple[str | None, int | None]:
    """The level and kelas jabatan of a seeded position."""
    for prefix, level, kelas in POSITION_GRADES:
        if name.startswith(prefix):
            return level, kelas
    if name.endswith("Ahli Pertama"):
        return "ahli_pertama", 8
    if kind == "pelaksana":
        return "pelaksana", 5
    return None, None


#: employee key -> (rank_tmt, kgb_tmt, position_tmt): TMT of the current golongan/PPPK grade, of the last KGB
#: and of the current position; chosen so some KGB (every 2 years) and KP (every 4 years) fall due in 2026-2027.
CAREER_TMTS = {
    "karo": ("2020-10-01", "2025-03-01", "2021-01-04"),
    "kabag_tu": ("2022-04-01", "2025-01-01", "2022-07-01"),
    "kabag_ka": ("2023-04-01", "2025-03-01", "2021-09-01"),
    "kabag_pkp": ("2022-10-01", "2025-02-01", "2022-01-03"),
    "kabag_rt": ("2021-04-01", "2025-03-01", "2020-06-02"),
    "kasubbag_tup": ("2019-10-01", "2025-01-01", "2019-01-02"),
    "kasubbag_psa": ("2023-04-01", "2025-04-01", "2021-03-01"),
    "kasubbag_kpg": ("2023-10-01", "2024-12-01", "2020-02-03"),
    "kasubbag_pbh": ("2023-04-01", "2025-03-01", "2022-01-03"),
    "kasubbag_akp": ("2022-10-01", "2025-03-01", "2021-01-04"),
    "kasubbag_bmd": ("2023-04-01", "2025-01-01", "2023-01-02"),
    "kasubbag_pro": ("2023-10-01", "2025-01-01", "2023-03-01"),
    "kasubbag_kom": ("2023-04-01", "2025-03-01", "2022-05-02"),
    "kasubbag_dok": ("2023-04-01", "2025-03-01", "2021-07-01"),
    "kasubbag_rtp": ("2023-04-01", "2025-03-01", "2021-02-01"),
    "kasubbag_pml": ("2023-04-01", "2025-01-01", "2022-09-01"),
    "bendahara": ("2023-04-01", "2025-03-01", "2020-01-02"),
    "pegawai": ("2019-03-01", "2025-03-01", "2020-06-02"),
    "pengurus_barang": ("2023-04-01", "2025-01-01", "2016-01-04"),
    "arsiparis": ("2023-04-01", "2025-03-01", "2019-01-02"),
    "analis_sdm": ("2022-10-01", "2025-03-01", "2021-01-04"),
    "analis_protokol": ("2020-12-01", "2024-12-01", "2022-01-03"),
    "operator": ("2022-03-01", "2025-03-01", "2022-03-01"),
    "pppk_kpg": ("2023-03-01", "2025-03-01", "2023-03-01"),
    "pppk_kom": ("2022-03-01", "2025-01-01", "2022-03-01"),
}


def head_title(unit_name: str) -> str:
    """``Subbagian Protokol`` -> ``Kepala Subbagian Protokol``."""
    return "Kepala " + unit_name.removesuffix(" Setda Provinsi Bali")


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    kind: str                 # pns | pppk | non_asn
    unit: str                 # org unit code
    position: str | None      # position name in that unit; None: the unit's head
    gender: str
    number: str               # NIP (ASN) or NIK (non-ASN)
    golongan: str | None = None
    pppk_grade: str | None = None
    front_title: str | None = None
    back_title: str | None = None
    birth_place: str = "Denpasar"
    supervisor: str | None = None
    birth_date: str | None = None   # non-ASN: the NIK does not carry the century


def nip(birth: str, tmt: str, gender: str, seq: int) -> str:
    """Build a NIP: YYYYMMDD + YYYYMM (or YYYY21 for PPPK) + 1/2 + 3-digit sequence."""
    return f"{birth}{tmt}{1 if gender == 'L' else 2}{seq:03d}"


PEOPLE = (
    # Pimpinan and Kepala Bagian
    Person("karo", "I Gusti Ngurah Wiryanata", "pns", "BUP", None, "L", nip("19700312", "199503", "L", 1),
           "IV/c", front_title="Drs.", back_title="M.Si."),
    Person("kabag_tu", "Ni Made Sri Artini", "pns", "BUP.TU", None, "P", nip("19750821", "200012", "P", 3),
           "IV/b", back_title="S.H., M.H.", birth_place="Tabanan", supervisor="karo"),
    Person("kabag_ka", "I Wayan Suardana", "pns", "BUP.KA", None, "L", nip("19740502", "199903", "L", 4),
           "IV/b", back_title="S.E., M.Ak.", birth_place="Gianyar", supervisor="karo"),
    Person("kabag_pkp", "Anak Agung Ngurah Putra Darmawan", "pns", "BUP.PKP", None, "L",
           nip("19761117", "200201", "L", 5), "IV/a", back_title="S.Sos., M.AP.", birth_place="Klungkung",
           supervisor="karo"),
    Person("kabag_rt", "I Ketut Sudarsana", "pns", "BUP.RT", None, "L", nip("19730130", "199803", "L", 6),
           "IV/b", back_title="S.T., M.T.", birth_place="Singaraja", supervisor="karo"),
    # Kepala Subbagian
    Person("kasubbag_tup", "Ni Luh Putu Ariani", "pns", "BUP.TU.TUP", None, "P", nip("19800414", "200501", "P", 1),
           "III/d", back_title="S.Sos.", supervisor="kabag_tu"),
    Person("kasubbag_psa", "I Nyoman Arta Wijaya", "pns", "BUP.TU.PSA", None, "L",
           nip("19820909", "200604", "L", 2), "III/d", back_title="S.Kom.", birth_place="Bangli",
           supervisor="kabag_tu"),
    Person("kasubbag_kpg", "Ni Ketut Sumiati", "pns", "BUP.TU.KPG", None, "P", nip("19791225", "200312", "P", 4),
           "IV/a", back_title="S.Psi.", birth_place="Karangasem", supervisor="kabag_tu"),
    Person("kasubbag_pbh", "Ni Kadek Dwi Lestari", "pns", "BUP.KA.PBH", None, "P",
           nip("19830618", "200803", "P", 1), "III/d", back_title="S.E.", supervisor="kabag_ka"),
    Person("kasubbag_akp", "I Putu Eka Mahendra", "pns", "BUP.KA.AKP", None, "L",
           nip("19810227", "200603", "L", 3), "III/d", back_title="S.E., M.Si.", birth_place="Negara",
           supervisor="kabag_ka"),
    Person("kasubbag_bmd", "I Made Adi Saputra", "pns", "BUP.KA.BMD", None, "L",
           nip("19841005", "200901", "L", 2), "III/c", back_title="S.T.", birth_place="Badung",
           supervisor="kabag_ka"),
    Person("kasubbag_pro", "Ni Nyoman Ayu Trisnawati", "pns", "BUP.PKP.PRO", None, "P",
           nip("19850707", "201001", "P", 3), "III/c", back_title="S.IP.", supervisor="kabag_pkp"),
    Person("kasubbag_kom", "I Gede Bagus Pramana", "pns", "BUP.PKP.KOM", None, "L",
           nip("19860303", "201003", "L", 1), "III/c", back_title="S.I.Kom.", birth_place="Tabanan",
           supervisor="kabag_pkp"),
    Person("kasubbag_dok", "Ni Wayan Sukerti", "pns", "BUP.PKP.DOK", None, "P", nip("19840120", "200903", "P", 2),
           "III/c", back_title="S.Sn.", birth_place="Gianyar", supervisor="kabag_pkp"),
    Person("kasubbag_rtp", "I Komang Suartika", "pns", "BUP.RT.RTP", None, "L", nip("19800808", "200503", "L", 4),
           "III/d", back_title="S.E.", birth_place="Semarapura", supervisor="kabag_rt"),
    Person("kasubbag_pml", "Cokorda Istri Agung Mas", "pns", "BUP.RT.PML", None, "P",
           nip("19831111", "200801", "P", 3), "III/c", back_title="S.T.", birth_place="Ubud",
           supervisor="kabag_rt"),
    # Staff: PNS
    Person("bendahara", "Ni Putu Yuliantari", "pns", "BUP.KA.PBH", "Bendahara Pengeluaran", "P",
           nip("19900715", "201403", "P", 2), "III/a", back_title="A.Md.", supervisor="kasubbag_pbh"),
    Person("pegawai", "I Kadek Agus Wirawan", "pns", "BUP.KA.PBH", "Pengadministrasi Keuangan", "L",
           nip("19920922", "201903", "L", 2), "III/a", back_title="S.E.", birth_place="Tabanan",
           supervisor="kasubbag_pbh"),
    Person("pengurus_barang", "I Wayan Gede Santika", "pns", "BUP.KA.BMD", "Pengurus Barang", "L",
           nip("19880510", "201101", "L", 1), "II/d", back_title="A.Md.", birth_place="Bangli",
           supervisor="kasubbag_bmd"),
    Person("arsiparis", "I Nengah Sudiarta", "pns", "BUP.TU.PSA", "Arsiparis Ahli Pertama", "L",
           nip("19870606", "201103", "L", 3), "III/b", back_title="S.Hum.", birth_place="Karangasem",
           supervisor="kasubbag_psa"),
    Person("analis_sdm", "Ni Luh Gede Suastini", "pns", "BUP.TU.KPG", "Analis SDM Aparatur Ahli Pertama", "P",
           nip("19891010", "201403", "P", 4), "III/b", back_title="S.Psi.", supervisor="kasubbag_kpg"),
    Person("analis_protokol", "Ni Made Dewi Purnamasari", "pns", "BUP.PKP.PRO", "Analis Keprotokolan", "P",
           nip("19940404", "202012", "P", 1), "III/a", back_title="S.IP.", birth_place="Singaraja",
           supervisor="kasubbag_pro"),
    # Staff: PPPK
    Person("operator", "Ni Komang Ayu Suryani", "pppk", "BUP.TU.PSA", "Pranata Komputer Ahli Pertama", "P",
           nip("19930214", "202221", "P", 1), pppk_grade="IX", back_title="S.Kom.", supervisor="kasubbag_psa"),
    Person("pppk_kpg", "I Putu Ardana", "pppk", "BUP.TU.KPG", "Pranata Komputer Ahli Pertama", "L",
           nip("19911201", "202321", "L", 2), pppk_grade="IX", back_title="S.Kom.", birth_place="Gianyar",
           supervisor="kasubbag_kpg"),
    Person("pppk_kom", "I Gede Made Artawan", "pppk", "BUP.PKP.KOM", "Pranata Hubungan Masyarakat Ahli Pertama",
           "L", nip("19900817", "202221", "L", 3), pppk_grade="IX", back_title="S.I.Kom.",
           supervisor="kasubbag_kom"),
    # Staff: non-ASN (NIK: region + DDMMYY, +40 for women + sequence)
    Person("dokumentasi", "I Kadek Dwipayana", "non_asn", "BUP.PKP.DOK", "Tenaga Dokumentasi", "L",
           "5171031705980001", birth_date="1998-05-17", supervisor="kasubbag_dok"),
    Person("pramu_bakti", "Ni Luh Sri Wahyuni", "non_asn", "BUP.RT.RTP", "Pramu Bakti", "P",
           "5103026503960002", birth_date="1996-03-25", birth_place="Mangupura", supervisor="kasubbag_rtp"),
    Person("pengemudi", "I Ketut Budiarta", "non_asn", "BUP.RT.RTP", "Pengemudi", "L",
           "5104011209850003", birth_date="1985-09-12", birth_place="Gianyar", supervisor="kasubbag_rtp"),
    Person("teknisi", "I Wayan Suparta", "non_asn", "BUP.RT.PML", "Teknisi Pemeliharaan", "L",
           "5171020202790004", birth_date="1979-02-02", supervisor="kasubbag_pml"),
    Person("admin_umum", "Ni Kadek Ayu Pratiwi", "non_asn", "BUP.TU.TUP", "Pengadministrasi Umum", "P",
           "5171047112000005", birth_date="2000-12-31", supervisor="kasubbag_tup"),
)

# username, employee key, roles
DEMO_ACCOUNTS = (
    ("pimpinan", "karo", ["pimpinan", "pegawai"]),
    ("kabag", "kabag_ka", ["kepala_bagian", "pegawai"]),
    ("kasubbag", "kasubbag_pbh", ["kasubbag", "pegawai"]),
    ("pegawai", "pegawai", ["pegawai"]),
    ("bendahara", "bendahara", ["bendahara", "pegawai"]),
    ("pengurus_barang", "pengurus_barang", ["pengurus_barang", "pegawai"]),
    ("operator", "operator", ["operator", "pegawai"]),
    ("honorer", "admin_umum", ["pegawai"]),  # a non-ASN employee: the one who checks in (Absensi Non ASN)
    # finance: the PPTK of the sub-kegiatan and the PPK-SKPD (both also head a subbagian)
    ("pptk", "kasubbag_rtp", ["pptk", "kasubbag", "pegawai"]),
    ("ppk", "kasubbag_akp", ["ppk", "kasubbag", "pegawai"]),
    # agenda: protocol staff (Analis Keprotokolan) and the Kepala Bagian Protokol dan Komunikasi Pimpinan, who
    # approves publication and decides visits — agenda knows them by their unit, not by a role of their own
    ("protokol", "analis_protokol", ["pegawai"]),
    ("kabag_protokol", "kabag_pkp", ["kepala_bagian", "pegawai"]),
    # kepegawaian: the staff officer (Analis SDM Aparatur, Subbagian Kepegawaian) — kepegawaian knows the staff
    # officers by their unit, as agenda knows protocol staff
    ("kepegawaian", "analis_sdm", ["pegawai"]),
)


@dataclass
class SeedReport:
    created: dict[str, int] = field(default_factory=lambda: {
        "org_units": 0, "positions": 0, "employees": 0, "accounts": 0})
    #: username -> password, for accounts created by this run only.
    passwords: dict[str, str] = field(default_factory=dict)
    #: True when the admin password was generated (nobody has seen it yet).
    admin_password_generated: bool = False
    employee_ids: dict[str, int] = field(default_factory=dict)
    unit_ids: dict[str, int] = field(default_factory=dict)


def _email(person: Person) -> str:
    return ".".join(person.name.lower().split()[-2:]) + "@baliprov.go.id"


def _phone(index: int) -> str:
    return f"+62 812-3{index:03d}-{4000 + index * 7:04d}"


def _career_tmts(key: str) -> dict:
    if key not in CAREER_TMTS:
        return {}
    return dict(zip(("rank_tmt", "kgb_tmt", "position_tmt"), CAREER_TMTS[key], strict=True))


def seed(session: Session, *, admin_password: str | None = None, demo_password: str | None = None) -> SeedReport:
    """Create whatever of the seed data is missing, in ``session`` (the caller commits)."""
    advisory_lock(session, _LOCK_KEY)
    tx = Transaction(session, kit_tables, {}, SYSTEM.actor())
    report = SeedReport()

    for code, name, kind, parent in ORG_UNITS:
        unit_id = session.scalar(select(OrgUnit.id).where(OrgUnit.code == code))
        if unit_id is None:
            data = OrgUnitIn().load({"code": code, "name": name, "kind": kind,
                                     "parent_id": report.unit_ids[parent] if parent else None})
            unit_id = orgunits.create_org_unit(tx, data)["id"]
            report.created["org_units"] += 1
        report.unit_ids[code] = unit_id

    positions: dict[tuple[str, str | None], int] = {}
    wanted = [(code, head_title(name), "struktural", True) for code, name, _, _ in ORG_UNITS]
    wanted += [(code, name, kind, False) for code, name, kind in STAFF_POSITIONS]
    for code, name, kind, is_head in wanted:
        unit_id = report.unit_ids[code]
        position_id = session.scalar(select(Position.id).where(Position.unit_id == unit_id, Position.name == name))
        level, kelas = position_grade(name, kind)
        if position_id is None:
            data = PositionIn().load({"name": name, "unit_id": unit_id, "kind": kind, "is_head": is_head,
                                      "level": level, "kelas_jabatan": kelas})
            position_id = orgunits.create_position(tx, data).id
            report.created["positions"] += 1
        else:  # a database seeded before positions had levels gets them (only where still empty)
            position = session.get(Position, position_id)
            if position.level is None and position.kelas_jabatan is None:
                position.level, position.kelas_jabatan = level, kelas
        positions[(code, None if is_head else name)] = position_id

    for index, person in enumerate(PEOPLE, start=1):
        column = Employee.nik if person.kind == "non_asn" else Employee.nip
        employee_id = session.scalar(select(Employee.id).where(column == person.number))
        if employee_id is None:
            raw = {
                "employment_type": person.kind, "name": person.name, "gender": person.gender,
                "front_title": person.front_title, "back_title": person.back_title,
                "birth_place": person.birth_place, "birth_date": person.birth_date,
                "unit_id": report.unit_ids[person.unit],
                "position_id": positions[(person.unit, person.position)],
                "supervisor_id": report.employee_ids[person.supervisor] if person.supervisor else None,
                "email": _email(person), "phone": _phone(index),
            }
            raw["nik" if person.kind == "non_asn" else "nip"] = person.number
            if person.golongan:
                raw["golongan"] = person.golongan
            if person.pppk_grade:
                raw["pppk_grade"] = person.pppk_grade
            raw.update(_career_tmts(person.key))
            employee_id = employees.create_employee(tx, EmployeeIn().load(raw)).id
            report.created["employees"] += 1
        elif person.key in CAREER_TMTS:  # seeded before the TMTs existed: fill them where all are empty
            employee = session.get(Employee, employee_id)
            if employee.rank_tmt is None and employee.kgb_tmt is None and employee.position_tmt is None:
                employees.update_employee(tx, employee_id, EmployeeIn().load(_career_tmts(person.key), partial=True))
        report.employee_ids[person.key] = employee_id

    demo_password = demo_password or os.environ.get("SITUOK_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD
    admin_password = admin_password or env("SITUOK_ADMIN_PASSWORD")
    generated = not admin_password
    wanted_accounts = [("admin", None, ["admin"], admin_password or generate_password())]
    wanted_accounts += [(u, report.employee_ids[k], roles, demo_password) for u, k, roles in DEMO_ACCOUNTS]
    for username, employee_id, roles, password in wanted_accounts:
        if session.scalar(select(Account.id).where(Account.username == username)) is not None:
            continue
        data = AccountIn().load({"username": username, "password": password, "employee_id": employee_id,
                                 "roles": roles})
        accounts.create_account(tx, data)
        report.created["accounts"] += 1
        report.passwords[username] = password
        if username == "admin":
            report.admin_password_generated = generated
    session.flush()
    return report


def main() -> int:
    report = run_in_database("personnel", seed)
    made = ", ".join(f"{n} {what}" for what, n in report.created.items())
    print(f"personnel seed: created {made}.")
    if "admin" in report.passwords:
        if report.admin_password_generated:
            print(f"  account admin: password {report.passwords['admin']}  (generated; shown only this once)")
        else:
            print("  account admin: password from SITUOK_ADMIN_PASSWORD")
    demo = [u for u in report.passwords if u != "admin"]
    if demo:
        print(f"  demo accounts {', '.join(demo)}: password {report.passwords[demo[0]]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
