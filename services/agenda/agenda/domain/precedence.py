"""The order of precedence (tata tempat) at official events in a province, as data: UU 9/2010 tentang
Keprotokolan, Pasal 10 ayat (1) huruf a–q, in its order; per ayat (2) the state officials, foreign
representatives and public figures of Pasal 9 ayat (1) who attend an official event in a province take their
places first (``national``, ranked ahead of the governor). PP 39/2018 carries the same order out. Protocol staff
keep the table (``PrecedenceRank``): the seed only adds rows that are missing, never overwrites an edit.

``order_guests`` sorts VIP guests by it (pure): a lower rank first, then guests without a rank, by name.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Leader, PrecedenceRank

PASAL_9 = "UU 9/2010 Pasal 9 ayat (1) jo. Pasal 10 ayat (2)"
PASAL_10 = "UU 9/2010 Pasal 10 ayat (1) huruf {}"

#: (code, label, basis) in the order the law gives; the rank is the position × 10 (room for local rows).
ORDER: tuple[tuple[str, str, str], ...] = (
    ("national", "Pejabat negara, perwakilan negara asing/organisasi internasional dan tokoh masyarakat "
                 "tertentu tingkat nasional yang hadir", PASAL_9),
    ("gubernur", "Gubernur", PASAL_10.format("a")),
    ("wakil_gubernur", "Wakil Gubernur", PASAL_10.format("b")),
    ("mantan_gubernur", "Mantan Gubernur dan mantan Wakil Gubernur", PASAL_10.format("c")),
    ("ketua_dprd_provinsi", "Ketua DPRD Provinsi", PASAL_10.format("d")),
    ("konsuler", "Kepala perwakilan konsuler negara asing di daerah", PASAL_10.format("e")),
    ("wakil_ketua_dprd_provinsi", "Wakil Ketua DPRD Provinsi", PASAL_10.format("f")),
    ("sekda_forkopimda", "Sekretaris Daerah, panglima/komandan tertinggi TNI semua angkatan, kepala kepolisian, "
                         "ketua pengadilan tinggi semua badan peradilan, kepala kejaksaan tinggi di provinsi",
     PASAL_10.format("g")),
    ("pimpinan_parpol_provinsi", "Pemimpin partai politik di provinsi yang memiliki wakil di DPRD Provinsi",
     PASAL_10.format("h")),
    ("anggota_dprd_provinsi", "Anggota DPRD Provinsi", PASAL_10.format("i")),
    ("bupati_walikota", "Bupati/Wali Kota", PASAL_10.format("j")),
    ("bpk_bi_kpu", "Kepala Perwakilan BPK, Kepala Perwakilan Bank Indonesia, Ketua KPU Daerah",
     PASAL_10.format("k")),
    ("tokoh_provinsi", "Pemuka agama, pemuka adat dan tokoh masyarakat tertentu tingkat provinsi",
     PASAL_10.format("l")),
    ("ketua_dprd_kabkota", "Ketua DPRD Kabupaten/Kota", PASAL_10.format("m")),
    ("wakil_bupati_walikota", "Wakil Bupati/Wakil Wali Kota dan Wakil Ketua DPRD Kabupaten/Kota",
     PASAL_10.format("n")),
    ("anggota_dprd_kabkota", "Anggota DPRD Kabupaten/Kota", PASAL_10.format("o")),
    ("eselon_2", "Asisten Sekretaris Daerah, kepala dinas dan badan provinsi, kepala instansi vertikal di "
                 "provinsi, pejabat eselon II", PASAL_10.format("p")),
    ("eselon_3", "Kepala bagian pemerintah daerah provinsi dan pejabat eselon III", PASAL_10.format("q")),
)

#: The leaders the bureau serves (code, office, precedence code), as data.
LEADERS: tuple[tuple[str, str, str], ...] = (
    ("gubernur", "Gubernur Bali", "gubernur"),
    ("wakil_gubernur", "Wakil Gubernur Bali", "wakil_gubernur"),
    ("sekda", "Sekretaris Daerah Provinsi Bali", "sekda_forkopimda"),
    ("asisten_1", "Asisten Pemerintahan dan Kesejahteraan Rakyat", "eselon_2"),
    ("asisten_2", "Asisten Perekonomian dan Pembangunan", "eselon_2"),
    ("asisten_3", "Asisten Administrasi Umum", "eselon_2"),
    ("kepala_biro", "Kepala Biro Umum dan Protokol", "eselon_2"),
)


def order_guests(guests, ranks: dict[str, int]):
    """``guests`` (each with ``precedence_code`` and ``name``) in protocol order."""
    unranked = max(ranks.values(), default=0) + 1
    return sorted(guests, key=lambda g: (ranks.get(g.precedence_code or "", unranked), (g.name or "").lower()))


def ranks(session: Session) -> dict[str, int]:
    return dict(session.execute(select(PrecedenceRank.code, PrecedenceRank.rank)).all())


def seed(session: Session) -> dict:
    """Adds the rows of ``ORDER`` and ``LEADERS`` that are missing (an edited row stays as it is)."""
    have = set(session.scalars(select(PrecedenceRank.code)))
    added = 0
    for index, (code, label, basis) in enumerate(ORDER, 1):
        if code not in have:
            session.add(PrecedenceRank(code=code, rank=index * 10, label=label, basis=basis))
            added += 1
    session.flush()
    leaders = set(session.scalars(select(Leader.code)))
    new_leaders = 0
    for index, (code, title, precedence) in enumerate(LEADERS, 1):
        if code not in leaders:
            session.add(Leader(code=code, title=title, precedence_code=precedence, position=index))
            new_leaders += 1
    session.flush()
    return {"precedence_ranks": added, "leaders": new_leaders}
