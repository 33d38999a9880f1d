"""The rules of personnel documents, pure (no database, no clock: ``today`` is an argument).

* ``TYPES``: the document types as seeded (``domain.documents.seed``; an admin may edit the rows afterwards).
  Which employment type must hold which paper follows the ASN administration: the SK CPNS and SK PNS of a PNS
  (UU 20/2023 on ASN; PP 11/2017 as amended by PP 17/2020, arts. 34 and 63), the PPPK's employment agreement
  (perjanjian kerja, PP 49/2018 art. 37: for a fixed term — its end is the paper's expiry), a diploma, the KTP
  and the Kartu Keluarga for everyone (the personnel file, Peraturan BKN 7/2023 on the ASN's personnel
  documents). The KTP has no expiry since UU 24/2013 (art. 64(7)): ``expires_on`` is optional there.
  Family allowance papers (surat nikah/karis-karsu, a child's birth certificate) are optional: needed only for
  the allowance they support.
* ``detail_problems``: a type's ``details`` checked against its ``detail_fields`` (e.g. a diploma needs its
  level and graduation year).
* ``paper_problems``: number/issue date/TMT/expiry as the type says they apply.
* ``DOCUMENT``: the one transition table — a staff officer verifies or rejects a waiting document; an update
  (the owner's or a staff officer's) puts it back to waiting; a verified one only a staff officer may replace
  or delete. Nobody verifies their own document (separation of duties).
* ``completeness``: the required types present, verified and not expired.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from situok_contracts.events import Kepegawaian as Events
from situok_kit.workflow import PARTICIPANT, Step, Workflow

EMPLOYMENT_TYPES = ("pns", "pppk", "non_asn")
OWNER, OFFICER, READER = "owner", "officer", "reader"
STATUS_LABELS = {"waiting": "menunggu verifikasi", "verified": "terverifikasi", "rejected": "ditolak"}
#: What an entry of the completeness list can be.
STATES = ("verified", "waiting", "rejected", "expired", "missing")
STATE_LABELS = {"verified": "lengkap", "waiting": "menunggu verifikasi", "rejected": "ditolak",
                "expired": "kedaluwarsa", "missing": "belum ada"}
ONLY_OFFICER = "Hanya pengelola kepegawaian (Subbagian Kepegawaian) yang dapat memverifikasi dokumen."
ONLY_OWNER_OR_OFFICER = "Hanya pemilik dokumen atau pengelola kepegawaian yang dapat mengubah dokumen ini."
VERIFIED_ONLY_OFFICER = "Dokumen yang sudah diverifikasi hanya dapat diganti oleh pengelola kepegawaian."

DOCUMENT = Workflow("dokumen", [
    Step("verify", ("waiting",), "verified", who=(OFFICER,), event=Events.DOCUMENT_VERIFIED, denied=ONLY_OFFICER,
         not_by=(PARTICIPANT,)),
    Step("reject", ("waiting",), "rejected", who=(OFFICER,), event=Events.DOCUMENT_REJECTED, denied=ONLY_OFFICER,
         not_by=(PARTICIPANT,)),
    Step("update", ("waiting", "rejected"), "waiting", who=(OWNER, OFFICER), event=Events.DOCUMENT_UPLOADED,
         denied=ONLY_OWNER_OR_OFFICER),
    Step("update", ("verified",), "waiting", who=(OFFICER,), event=Events.DOCUMENT_UPLOADED,
         denied=VERIFIED_ONLY_OFFICER),
    Step("delete", ("waiting", "rejected"), None, who=(OWNER, OFFICER), denied=ONLY_OWNER_OR_OFFICER),
    Step("delete", ("verified",), None, who=(OFFICER,), denied=VERIFIED_ONLY_OFFICER),
], labels=STATUS_LABELS)
ACTIONS = DOCUMENT.actions


def capacities(*, owner: bool, officer: bool, reader: bool) -> frozenset[str]:
    """What the caller is to one document: its owner, a staff officer, a reader (the supervisor chain), plus
    ``PARTICIPANT`` when it is the caller's own (no verifying one's own papers)."""
    found = {name for name, yes in ((OWNER, owner), (OFFICER, officer), (READER, reader or owner or officer))
             if yes}
    if owner:
        found.add(PARTICIPANT)
    return frozenset(found)


# -- the paper ------------------------------------------------------------------------------------

#: A paper's number as printed: letters, digits and the usual separators (``800/123/BKD-2/2024``,
#: ``KEP.123/IV/2020``, a 16-digit NIK), 1–100 characters, starting with a letter or digit.
NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./\-:()]{0,99}$")
NUMBER_MESSAGE = "Nomor hanya huruf, angka, spasi dan . / - : ( ) — 1 sampai 100 karakter."
#: Diploma levels, lowest first (``education_of`` picks the highest).
EDUCATION_LEVELS = ("SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3")
DETAIL_KINDS = ("text", "integer", "date", "choice")
FIELDS = {"number": ("number_rule", "Nomor"), "issued_on": ("issued_rule", "Tanggal"),
          "tmt": ("tmt_rule", "TMT"), "expires_on": ("expiry_rule", "Berlaku sampai")}


def paper_problems(rules: dict, data: dict) -> dict[str, str]:
    """``{field: message}`` for the paper's fields against the type's rules (``{number_rule: "required"…}``):
    a required one missing, one that does not apply given, a malformed number, an expiry before the issue."""
    problems: dict[str, str] = {}
    for name, (rule_name, label) in FIELDS.items():
        rule = rules.get(rule_name, "none")
        value = data.get(name)
        if rule == "required" and value in (None, ""):
            problems[name] = f"{label} wajib diisi untuk jenis dokumen ini."
        elif rule == "none" and value not in (None, ""):
            problems[name] = f"{label} tidak berlaku untuk jenis dokumen ini."
    number = data.get("number")
    if "number" not in problems and number not in (None, "") and not NUMBER.fullmatch(str(number)):
        problems["number"] = NUMBER_MESSAGE
    issued, expires = data.get("issued_on"), data.get("expires_on")
    if "expires_on" not in problems and issued and expires and expires < issued:
        problems["expires_on"] = "Tanggal berakhir tidak boleh sebelum tanggal dokumen."
    if "tmt" not in problems and data.get("tmt") and expires and expires < data["tmt"]:
        problems["expires_on"] = "Tanggal berakhir tidak boleh sebelum TMT."
    return problems


def detail_problems(detail_fields: list[dict], details: dict | None, today: date) -> tuple[dict, dict[str, str]]:
    """``(clean details, {"details.<name>": message})``: each declared field checked by its kind (text ≤ 200
    characters, integer within ``min``/``max`` — a year no later than ``today``'s —, an ISO date, a choice among
    ``choices``); a required one missing and an undeclared one given are problems."""
    details = dict(details or {})
    clean: dict = {}
    problems: dict[str, str] = {}
    declared = {f["name"] for f in detail_fields}
    for name in sorted(set(details) - declared):
        problems[f"details.{name}"] = "Isian ini tidak dikenal untuk jenis dokumen ini."
    for spec in detail_fields:
        name, label = spec["name"], spec.get("label", spec["name"])
        key = f"details.{name}"
        value = details.get(name)
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            if spec.get("required"):
                problems[key] = f"{label} wajib diisi."
            continue
        kind = spec.get("kind", "text")
        if kind == "text":
            if not isinstance(value, str) or len(value) > spec.get("max_length", 200):
                problems[key] = f"{label}: teks, paling banyak {spec.get('max_length', 200)} karakter."
                continue
        elif kind == "integer":
            if isinstance(value, str) and value.isdigit():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                problems[key] = f"{label} harus bilangan bulat."
                continue
            low = spec.get("min")
            high = today.year if spec.get("max") == "this_year" else spec.get("max")
            if (low is not None and value < low) or (high is not None and value > high):
                problems[key] = f"{label} harus antara {low} dan {high}."
                continue
        elif kind == "date":
            try:
                value = value if isinstance(value, date) else date.fromisoformat(str(value))
            except ValueError:
                problems[key] = f"{label} harus tanggal (YYYY-MM-DD)."
                continue
            if spec.get("not_future") and value > today:
                problems[key] = f"{label} tidak boleh di masa depan."
                continue
            value = value.isoformat()
        elif kind == "choice":
            if value not in spec.get("choices", ()):
                problems[key] = f"{label} harus salah satu dari: {', '.join(spec.get('choices', ()))}."
                continue
        clean[name] = value
    return clean, problems


def detail_fields_problems(detail_fields) -> str | None:
    """Whether an admin's ``detail_fields`` is a well-formed list (names unique, kinds known, choices given)."""
    if not isinstance(detail_fields, list):
        return "Harus daftar isian."
    names = set()
    for spec in detail_fields:
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or \
                not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", spec["name"]):
            return "Setiap isian perlu nama (huruf kecil, angka, garis bawah)."
        if spec["name"] in names:
            return f"Isian {spec['name']} disebut dua kali."
        names.add(spec["name"])
        if spec.get("kind", "text") not in DETAIL_KINDS:
            return f"Jenis isian {spec['name']} harus salah satu dari: {', '.join(DETAIL_KINDS)}."
        if spec.get("kind") == "choice" and not spec.get("choices"):
            return f"Isian {spec['name']} perlu pilihan."
    return None


# -- completeness ---------------------------------------------------------------------------------

def required_types(types: list[dict], employment_type: str | None) -> list[dict]:
    """The active types an employee of ``employment_type`` must hold, in the types' order."""
    return [t for t in types if t.get("active", True) and employment_type in (t.get("required_for") or ())]


def state_of(status: str, expires_on: date | None, today: date) -> str:
    """One document's state for completeness: an expired one counts as missing (``expired``)."""
    if expires_on is not None and expires_on < today:
        return "expired"
    return status


_BEST = {"verified": 0, "waiting": 1, "rejected": 2, "expired": 3, "missing": 4}


def completeness(types: list[dict], employment_type: str | None, documents: list[dict], today: date) -> dict:
    """One employee's completeness: for each required type the best document's state (``verified`` beats
    ``waiting`` beats ``rejected`` beats ``expired``; none: ``missing``); complete when every required type is
    verified and in force. ``documents``: ``{type_code, status, expires_on, id}`` of the employee."""
    items = []
    for kind in required_types(types, employment_type):
        found = [(state_of(d["status"], d.get("expires_on"), today), d) for d in documents
                 if d["type_code"] == kind["code"]]
        state, best = min(found, key=lambda p: (_BEST[p[0]], -(p[1].get("id") or 0)),
                          default=("missing", None))
        items.append({"type_code": kind["code"], "type_name": kind["name"], "state": state,
                      "state_label": STATE_LABELS[state], "document_id": best["id"] if best else None})
    done = sum(1 for i in items if i["state"] == "verified")
    return {"required": len(items), "verified": done, "complete": done == len(items),
            "percent": round(100 * done / len(items), 1) if items else 100.0, "items": items,
            "missing": [i["type_code"] for i in items if i["state"] != "verified"]}


def expiry_window(today: date, days: int) -> tuple[date, date]:
    """``[today, today + days]``: documents in force ending in this window are "expiring soon"."""
    return today, today + timedelta(days=days)


def highest_education(diplomas: list[dict]) -> dict | None:
    """The highest diploma by level (a later graduation year breaks a tie): ``{level, major, institution,
    year}``."""
    ranked = [d for d in diplomas if d.get("level") in EDUCATION_LEVELS]
    if not ranked:
        return None
    best = max(ranked, key=lambda d: (EDUCATION_LEVELS.index(d["level"]), d.get("year") or 0))
    return {"level": best["level"], "major": best.get("major"), "institution": best.get("institution"),
            "year": best.get("year")}


# -- the seeded types -----------------------------------------------------------------------------

_YEAR = {"kind": "integer", "min": 1950, "max": "this_year"}
_GOLONGAN = ("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
             "IV/a", "IV/b", "IV/c", "IV/d", "IV/e")
ALL = list(EMPLOYMENT_TYPES)


def _type(code, name, order, required_for=(), number="required", issued="required", tmt="none", expiry="none",
          multiple=False, fields=(), description=None) -> dict:
    return {"code": code, "name": name, "sort_order": order, "required_for": list(required_for),
            "number_rule": number, "issued_rule": issued, "tmt_rule": tmt, "expiry_rule": expiry,
            "multiple": multiple, "detail_fields": [dict(f) for f in fields], "description": description,
            "active": True}


TYPES: tuple[dict, ...] = (
    _type("sk_cpns", "SK CPNS", 10, ("pns",), tmt="required",
          description="Keputusan pengangkatan sebagai calon PNS (PP 11/2017 ps. 34)."),
    _type("sk_pns", "SK PNS", 20, ("pns",), tmt="required",
          description="Keputusan pengangkatan sebagai PNS setelah masa percobaan (PP 11/2017 ps. 63)."),
    _type("sk_pppk", "Perjanjian Kerja / SK PPPK", 30, ("pppk",), tmt="required", expiry="required",
          multiple=True, description="Perjanjian kerja PPPK untuk jangka waktu tertentu (PP 49/2018 ps. 37); "
                                     "berakhirnya perjanjian adalah tanggal berlaku sampai."),
    _type("sk_pangkat", "SK Kenaikan Pangkat", 40, tmt="required", multiple=True,
          fields=({"name": "golongan", "label": "Golongan ruang", "kind": "choice", "choices": list(_GOLONGAN),
                   "required": True},)),
    _type("sk_jabatan", "SK Jabatan", 50, tmt="required", multiple=True,
          fields=({"name": "jabatan", "label": "Jabatan", "kind": "text", "required": True},)),
    _type("sk_kgb", "SK Kenaikan Gaji Berkala", 60, tmt="required", multiple=True),
    _type("ijazah", "Ijazah", 70, ALL, multiple=True,
          fields=({"name": "level", "label": "Jenjang", "kind": "choice", "choices": list(EDUCATION_LEVELS),
                   "required": True},
                  {"name": "major", "label": "Jurusan/program studi", "kind": "text"},
                  {"name": "institution", "label": "Sekolah/perguruan tinggi", "kind": "text", "required": True},
                  {"name": "year", "label": "Tahun lulus", "required": True, **_YEAR})),
    _type("transkrip", "Transkrip Nilai", 80, multiple=True, number="optional", issued="optional",
          fields=({"name": "level", "label": "Jenjang", "kind": "choice", "choices": list(EDUCATION_LEVELS)},)),
    _type("sertifikat_diklat", "Sertifikat Diklat/Pelatihan", 90, multiple=True, number="optional",
          issued="optional",
          fields=({"name": "name", "label": "Nama diklat", "kind": "text", "required": True},
                  {"name": "organiser", "label": "Penyelenggara", "kind": "text", "required": True},
                  {"name": "year", "label": "Tahun", "required": True, **_YEAR},
                  {"name": "hours", "label": "Jumlah jam pelajaran", "kind": "integer", "min": 1, "max": 5000})),
    _type("ktp", "KTP Elektronik", 100, ALL, issued="optional", expiry="optional",
          description="KTP-el berlaku seumur hidup (UU 24/2013 ps. 64 ayat 7); tanggal berlaku opsional."),
    _type("kk", "Kartu Keluarga", 110, ALL, issued="optional"),
    _type("npwp", "NPWP", 120, issued="optional"),
    _type("bpjs", "Kartu BPJS Kesehatan", 130, issued="optional"),
    _type("karis_karsu", "Karis/Karsu", 140, issued="optional",
          description="Kartu istri/suami PNS, untuk tunjangan keluarga.",
          fields=({"name": "spouse_name", "label": "Nama istri/suami", "kind": "text", "required": True},)),
    _type("surat_nikah", "Buku/Akta Nikah", 150,
          fields=({"name": "spouse_name", "label": "Nama istri/suami", "kind": "text", "required": True},
                  {"name": "married_on", "label": "Tanggal nikah", "kind": "date", "not_future": True},)),
    _type("akta_anak", "Akta Kelahiran Anak", 160, multiple=True,
          description="Data keluarga untuk tunjangan anak.",
          fields=({"name": "child_name", "label": "Nama anak", "kind": "text", "required": True},
                  {"name": "birth_date", "label": "Tanggal lahir anak", "kind": "date", "required": True,
                   "not_future": True})),
    _type("kpe", "Kartu Pegawai Elektronik (KPE)", 170, issued="optional"),
    _type("taspen", "Kartu Taspen", 180, issued="optional"),
)
