"""The vocabulary of a position's kind and level (jenjang) that personnel records and other services reason
about (kepegawaian's retirement age, BUP, depends on the level: PP 11/2017 Pasal 239 as amended by PP 17/2020).

personnel stores ``Position.level``; kepegawaian keeps its rules per level as data. Only the words are shared
here, never a rule.
"""
from __future__ import annotations

#: A position's kind (jenis jabatan).
POSITION_KINDS = ("struktural", "fungsional", "pelaksana")

#: A position's level: pimpinan tinggi (JPT), administrasi (administrator, pengawas, pelaksana), fungsional
#: keahlian (ahli utama … ahli pertama) and fungsional keterampilan (penyelia … pemula).
POSITION_LEVELS = (
    "jpt_utama", "jpt_madya", "jpt_pratama",
    "administrator", "pengawas", "pelaksana",
    "ahli_utama", "ahli_madya", "ahli_muda", "ahli_pertama",
    "penyelia", "mahir", "terampil", "pemula",
)
LEVEL_LABELS = {
    "jpt_utama": "Jabatan Pimpinan Tinggi Utama", "jpt_madya": "Jabatan Pimpinan Tinggi Madya",
    "jpt_pratama": "Jabatan Pimpinan Tinggi Pratama", "administrator": "Jabatan Administrator",
    "pengawas": "Jabatan Pengawas", "pelaksana": "Jabatan Pelaksana",
    "ahli_utama": "Fungsional Ahli Utama", "ahli_madya": "Fungsional Ahli Madya",
    "ahli_muda": "Fungsional Ahli Muda", "ahli_pertama": "Fungsional Ahli Pertama",
    "penyelia": "Fungsional Penyelia", "mahir": "Fungsional Mahir", "terampil": "Fungsional Terampil",
    "pemula": "Fungsional Pemula",
}

#: An employee's status (personnel's lifecycle; ``aktif`` is the only one counted as working).
EMPLOYEE_STATUSES = ("aktif", "cltn", "diberhentikan_sementara", "pensiun", "mutasi_keluar", "meninggal",
                     "nonaktif")
STATUS_LABELS = {
    "aktif": "Aktif", "cltn": "Cuti di luar tanggungan negara", "diberhentikan_sementara": "Diberhentikan sementara",
    "pensiun": "Pensiun", "mutasi_keluar": "Mutasi keluar", "meninggal": "Meninggal dunia",
    "nonaktif": "Nonaktif",
}
