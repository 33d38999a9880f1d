"""NIP, NIK, golongan and PPPK grades: the rules of Indonesian civil-service identifiers.

Pure functions, no database. Messages are Indonesian and name the part of the
number that is wrong, because the people typing these numbers read them off an
SK or a KTP and need to know which digits to check.

* NIP (ASN, 18 digits): birth date ``YYYYMMDD`` + TMT CPNS ``YYYYMM`` +
  gender digit (1 laki-laki, 2 perempuan) + sequence ``001``-``999``. PPPK NIPs
  issued by BKN carry the code ``21`` where a PNS NIP has the TMT month
  (``YYYY21``); that is accepted for PPPK only (*verify* against current BKN rules).
* NIK (KTP, 16 digits): region ``PPKKCC`` + birth date ``DDMMYY`` (DD + 40 for
  women) + sequence ``0001``-``9999``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

#: Golongan/ruang of PNS and their pangkat (PP 99/2000).
GOLONGAN_PANGKAT: tuple[tuple[str, str], ...] = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)
GOLONGAN: tuple[str, ...] = tuple(g for g, _ in GOLONGAN_PANGKAT)
PANGKAT: dict[str, str] = dict(GOLONGAN_PANGKAT)

#: PPPK salary grades (golongan PPPK, Perpres 98/2020).
PPPK_GRADES: tuple[str, ...] = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)

#: Youngest age at which a TMT CPNS/PPPK is plausible.
MIN_AGE_AT_TMT = 17

_NIP_RE = re.compile(r"^[0-9]{18}$")
_NIK_RE = re.compile(r"^[0-9]{16}$")
GENDER_BY_NIP_DIGIT = {"1": "L", "2": "P"}


def pangkat_for(golongan: str | None) -> str | None:
    """``III/a`` -> ``Penata Muda``; None for an unknown or empty golongan."""
    return PANGKAT.get(golongan) if golongan else None


class IdentifierError(ValueError):
    """A NIP/NIK that breaks a rule; ``str(err)`` is the message for the user."""


def _real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- NIP ------------------------------------------------------------------

#: Digits 13-14 of a PPPK NIP (instead of the TMT month).
PPPK_NIP_CODE = 21


@dataclass(frozen=True)
class NipParts:
    birth_date: date
    tmt_year: int
    tmt_month: int | None   # None for a PPPK NIP (code 21 instead of the month)
    gender: str             # "L" or "P"
    sequence: int

    @property
    def tmt(self) -> date | None:
        """First day of the TMT month, when the NIP carries one."""
        return date(self.tmt_year, self.tmt_month, 1) if self.tmt_month else None


def parse_nip(nip: str, today: date | None = None, employment_type: str | None = None) -> NipParts:
    """Split a NIP into its parts, raising ``IdentifierError`` on the first broken rule.

    ``employment_type`` ``pppk`` (or unknown) allows the PPPK code 21 in place of the TMT month.
    """
    today = today or date.today()
    if not isinstance(nip, str) or not _NIP_RE.match(nip):
        raise IdentifierError("NIP harus 18 digit angka.")
    born_raw, tmt_raw, gender_raw, seq_raw = nip[:8], nip[8:14], nip[14], nip[15:]
    born = _real_date(int(born_raw[:4]), int(born_raw[4:6]), int(born_raw[6:8]))
    if born is None or born.year < 1900 or born > today:
        raise IdentifierError(f"Tanggal lahir pada NIP (digit 1-8) tidak valid: {born_raw}.")
    tmt_year, tmt_month = int(tmt_raw[:4]), int(tmt_raw[4:])
    if tmt_month == PPPK_NIP_CODE and employment_type in (None, "pppk"):
        tmt_month = None
    elif not 1 <= tmt_month <= 12:
        hint = "bulan harus 01-12" + ("" if employment_type == "pppk" else "; kode 21 hanya untuk PPPK")
        raise IdentifierError(f"TMT CPNS pada NIP (digit 9-14) tidak valid: {tmt_raw} ({hint}).")
    if tmt_year < born.year + MIN_AGE_AT_TMT:
        raise IdentifierError(
            f"TMT CPNS pada NIP (digit 9-14) tidak valid: {tmt_raw} "
            f"(paling awal tahun {born.year + MIN_AGE_AT_TMT}, {MIN_AGE_AT_TMT} tahun setelah tahun lahir)."
        )
    if tmt_year > today.year + 1:
        raise IdentifierError(f"TMT CPNS pada NIP (digit 9-14) tidak valid: {tmt_raw} (di masa depan).")
    gender = GENDER_BY_NIP_DIGIT.get(gender_raw)
    if gender is None:
        raise IdentifierError(
            f"Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan {gender_raw}."
        )
    if seq_raw == "000":
        raise IdentifierError("Nomor urut pada NIP (digit 16-18) harus 001-999.")
    return NipParts(birth_date=born, tmt_year=tmt_year, tmt_month=tmt_month, gender=gender, sequence=int(seq_raw))


def nip_error(nip: str, *, birth_date: date | None = None, gender: str | None = None,
              tmt_cpns: date | None = None, employment_type: str | None = None,
              today: date | None = None) -> str | None:
    """The message for the first problem with ``nip`` (alone or against the other fields), else None."""
    try:
        parts = parse_nip(nip, today, employment_type)
    except IdentifierError as err:
        return str(err)
    if birth_date is not None and birth_date != parts.birth_date:
        return (f"Tanggal lahir pada NIP (digit 1-8: {parts.birth_date.isoformat()}) "
                f"tidak sama dengan tanggal lahir {birth_date.isoformat()}.")
    if gender is not None and gender != parts.gender:
        return (f"Jenis kelamin pada NIP (digit 15: {parts.gender}) "
                f"tidak sama dengan jenis kelamin {gender}.")
    if tmt_cpns is not None:
        if parts.tmt is None and tmt_cpns.year != parts.tmt_year:
            return (f"Tahun TMT pada NIP (digit 9-12: {parts.tmt_year}) "
                    f"tidak sama dengan TMT {tmt_cpns:%Y-%m}.")
        if parts.tmt is not None and (tmt_cpns.year, tmt_cpns.month) != (parts.tmt_year, parts.tmt_month):
            return (f"TMT CPNS pada NIP (digit 9-14: {parts.tmt:%Y-%m}) "
                    f"tidak sama dengan TMT CPNS {tmt_cpns:%Y-%m}.")
    return None


def nip_format_error(nip: str) -> str | None:
    """Only the shape (18 digits); used where the full rules run later."""
    return None if isinstance(nip, str) and _NIP_RE.match(nip) else "NIP harus 18 digit angka."


# -- NIK ------------------------------------------------------------------

@dataclass(frozen=True)
class NikParts:
    province: str
    gender: str
    day: int
    month: int
    year2: int          # two-digit year; the century is not in the NIK

    def birth_date_matches(self, value: date) -> bool:
        return (value.day, value.month, value.year % 100) == (self.day, self.month, self.year2)


def parse_nik(nik: str, today: date | None = None) -> NikParts:
    today = today or date.today()
    if not isinstance(nik, str) or not _NIK_RE.match(nik):
        raise IdentifierError("NIK harus 16 digit angka.")
    province = nik[:2]
    if int(province) < 11:
        raise IdentifierError(f"Kode provinsi pada NIK (digit 1-2) tidak valid: {province}.")
    born_raw = nik[6:12]
    day, month, year2 = int(born_raw[:2]), int(born_raw[2:4]), int(born_raw[4:])
    gender = "P" if day > 40 else "L"
    if gender == "P":
        day -= 40
    # The century is unknown: accept the date if it is real in 19xx or 20xx and not in the future.
    candidates = [_real_date(century + year2, month, day) for century in (1900, 2000)]
    if not any(c is not None and c <= today for c in candidates):
        raise IdentifierError(
            f"Tanggal lahir pada NIK (digit 7-12, DDMMYY; tanggal +40 untuk perempuan) tidak valid: {born_raw}."
        )
    if nik[12:] == "0000":
        raise IdentifierError("Nomor urut pada NIK (digit 13-16) harus 0001-9999.")
    return NikParts(province=province, gender=gender, day=day, month=month, year2=year2)


def nik_error(nik: str, *, birth_date: date | None = None, gender: str | None = None,
              today: date | None = None) -> str | None:
    try:
        parts = parse_nik(nik, today)
    except IdentifierError as err:
        return str(err)
    if birth_date is not None and not parts.birth_date_matches(birth_date):
        return (f"Tanggal lahir pada NIK (digit 7-12: {nik[6:12]}) "
                f"tidak sama dengan tanggal lahir {birth_date.isoformat()}.")
    if gender is not None and gender != parts.gender:
        return (f"Jenis kelamin pada NIK (digit 7-8, tanggal +40 untuk perempuan: {parts.gender}) "
                f"tidak sama dengan jenis kelamin {gender}.")
    return None


# -- an employee's identifiers together -----------------------------------

ASN_TYPES = frozenset({"pns", "pppk"})


def employee_rule_errors(data: dict, today: date | None = None) -> dict[str, str]:
    """Cross-field rules of an employee record (all fields present, after type checks).

    Fields that failed their own type check are absent from ``data``; rules that
    need them are skipped so the user sees one message per field.
    """
    today = today or date.today()
    errors: dict[str, str] = {}
    kind = data.get("employment_type")
    nip, nik = data.get("nip"), data.get("nik")
    birth_date, gender, tmt = data.get("birth_date"), data.get("gender"), data.get("tmt_cpns")

    if kind in ASN_TYPES:
        if not nip:
            errors["nip"] = "NIP wajib diisi untuk PNS dan PPPK."
        else:
            message = nip_error(nip, birth_date=birth_date, gender=gender, tmt_cpns=tmt,
                                employment_type=kind, today=today)
            if message:
                errors["nip"] = message
    elif kind == "non_asn":
        if nip:
            errors["nip"] = "NIP hanya untuk ASN (PNS/PPPK); pegawai non-ASN memakai NIK."
        if not nik:
            errors["nik"] = "NIK wajib diisi untuk pegawai non-ASN."
        if tmt:
            errors["tmt_cpns"] = "TMT CPNS hanya untuk ASN (PNS/PPPK)."
    if nik and "nik" not in errors:
        message = nik_error(nik, birth_date=birth_date, gender=gender, today=today)
        if message:
            errors["nik"] = message
    if data.get("golongan") and kind != "pns":
        errors["golongan"] = "Golongan/ruang (I/a … IV/e) hanya untuk PNS; PPPK memakai golongan PPPK (pppk_grade)."
    if data.get("pppk_grade") and kind != "pppk":
        errors["pppk_grade"] = "Golongan PPPK (I … XVII) hanya untuk pegawai PPPK."
    if birth_date is not None and birth_date > today:
        errors.setdefault("birth_date", "Tanggal lahir tidak boleh di masa depan.")
    return errors


def derive_from_identifiers(data: dict) -> dict:
    """Fill gender, birth date and TMT CPNS from a valid NIP (gender from a NIK) when not given."""
    out = dict(data)
    if out.get("nip"):
        try:
            parts = parse_nip(out["nip"], employment_type=out.get("employment_type"))
        except IdentifierError:
            return out
        if out.get("gender") is None:
            out["gender"] = parts.gender
        if out.get("birth_date") is None:
            out["birth_date"] = parts.birth_date
        if out.get("tmt_cpns") is None and parts.tmt is not None:
            out["tmt_cpns"] = parts.tmt
    elif out.get("nik") and out.get("gender") is None:
        try:
            out["gender"] = parse_nik(out["nik"]).gender
        except IdentifierError:
            pass
    return out
