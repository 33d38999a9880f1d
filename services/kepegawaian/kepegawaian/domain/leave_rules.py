"""Leave rules as pure functions (no database, no clock: ``today`` is an argument). The figures come from the
rule rows (``models.leave.LeaveRule``), passed in as ``Rule`` values, so admin edits reach them.

* ``count_days``: a request's days — ``working`` (Monday–Friday minus the holidays: national and Bali holidays are
  never counted; a cuti bersama day is counted only when the rule says ``cuti_bersama_counts``) or ``calendar``;
  half a day (``half_day``) only where allowed;
* ``annual_balance``: a year's annual leave — the entitlement, the carry from N-1 (at most ``carry_max_days``,
  total ``carry_total_max``), the two-year case (not used at all for 2 consecutive years: total
  ``two_year_total_max``), days deferred by the official (carried in full, total ``deferred_total_max``), used
  (approved) and pending apart, remaining — folded forward from the staff officer's opening balance or the first
  year the system has leave of the employee;
* ``request_problems``: every reason a request cannot be made, as ``{field: message}`` naming each limit.
"""
from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

#: Attendance's holiday kinds.
NATIONAL, CUTI_BERSAMA, BALI = "nasional", "cuti_bersama", "bali"
REASON_CATEGORIES = {
    "keluarga_sakit": "Ibu, bapak, isteri/suami, anak, adik, kakak, mertua atau menantu sakit keras",
    "keluarga_meninggal": "Ibu, bapak, isteri/suami, anak, adik, kakak, mertua atau menantu meninggal dunia",
    "perkawinan": "Melangsungkan perkawinan",
    "istri_melahirkan": "Isteri melahirkan/operasi caesar",
    "bencana": "Mengalami musibah kebakaran rumah atau bencana alam",
}


@dataclass(frozen=True)
class Rule:
    """A rule row's figures (``LeaveRule``)."""

    employment_type: str
    kind: str
    name: str
    unit: str = "calendar"
    min_days: float = 1
    max_days: int | None = None
    max_months: int | None = None
    entitlement_days: int | None = None
    carry_max_days: int = 0
    carry_total_max: int | None = None
    two_year_total_max: int | None = None
    deferred_total_max: int | None = None
    min_service_years: int = 0
    gender: str | None = None
    document_after_days: int | None = None
    gov_doctor_after_days: int | None = None
    backdate_days: int = 0
    half_day_allowed: bool = False
    cuti_bersama_counts: bool = False
    max_child: int | None = None
    takes_annual: bool = False
    reason_required: bool = False
    verify: bool = False
    active: bool = True
    rule_text: str = ""
    source: str = ""

    @classmethod
    def of(cls, row) -> Rule:
        values = {}
        for f in fields(cls):
            value = getattr(row, f.name)
            if f.name == "min_days" and value is not None:
                value = float(value)
            values[f.name] = value
        return cls(**values)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def last_day_for_months(start: date, months: int) -> date:
    """The last day of a leave of ``months`` months from ``start`` (start + months − 1 day)."""
    return add_months(start, months) - timedelta(days=1)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def is_working_day(day: date, holidays: dict[date, str], cuti_bersama_counts: bool = False) -> bool:
    if day.weekday() >= 5:
        return False
    kind = holidays.get(day)
    if kind is None:
        return True
    return kind == CUTI_BERSAMA and cuti_bersama_counts


def count_days(rule: Rule, start: date, end: date, holidays: dict[date, str], half_day: str | None = None) -> float:
    """The days a leave of ``rule`` from ``start`` to ``end`` (inclusive) counts; ``half_day`` makes a
    one-working-day annual leave 0.5 (the caller checks it is allowed: ``request_problems``)."""
    if end < start:
        return 0
    if rule.unit == "calendar":
        return float((end - start).days + 1)
    days = 0
    day = start
    while day <= end:
        if is_working_day(day, holidays, rule.cuti_bersama_counts):
            days += 1
        day += timedelta(days=1)
    if half_day and days == 1:
        return 0.5
    return float(days)


# -- the annual balance ---------------------------------------------------------------------------

@dataclass(frozen=True)
class YearFacts:
    """What the system holds of one year of an employee's leave (``tahunan`` days by status; ``deferred``: annual
    leave deferred — ditangguhkan — by the official that year; ``took_besar``: an approved cuti besar)."""

    used: float = 0
    pending: float = 0
    deferred: float = 0
    took_besar: bool = False


@dataclass(frozen=True)
class Opening:
    """The staff officer's opening balance of a year: days left of N-1 and of N-2, deferred days of N-1."""

    year: int
    remaining_n1: float = 0
    remaining_n2: float = 0
    deferred_n1: float = 0


@dataclass
class Balance:
    year: int
    eligible: bool
    eligible_from: date | None
    entitlement: float = 0
    carry: float = 0
    carry_two_years: bool = False
    deferred: float = 0
    total: float = 0
    used: float = 0
    pending: float = 0
    remaining: float = 0
    available: float = 0
    from_opening: bool = False
    took_besar: bool = False
    explanation: list[str] = field(default_factory=list)


def eligible_from(rule: Rule, service_start: date | None) -> date | None:
    """The first day the employee may take ``rule``'s leave (``min_service_years`` from the service start);
    None when the rule asks for service and the start is not recorded."""
    if not rule.min_service_years:
        return date.min
    if service_start is None:
        return None
    return add_years(service_start, rule.min_service_years)


def _entitled(rule: Rule, year: int, since: date | None, facts: YearFacts) -> float:
    if since is None or since > date(year, 12, 31) or facts.took_besar:
        return 0.0
    return float(rule.entitlement_days or 0)


def annual_balance(rule: Rule, year: int, service_start: date | None, history: dict[int, YearFacts],
                   opening: Opening | None = None) -> Balance:
    """The annual leave of ``year`` (see the module doc). ``history``: year → ``YearFacts`` (years the system
    has); ``opening``: the latest opening balance at or before ``year``. Days taken use the carried days first
    (they lapse at the year's end), then the year's own. Years before the opening's (or, without one, before the
    first year in ``history``) count as nothing left."""
    since = eligible_from(rule, service_start)
    years_known = [y for y in history if y <= year]
    start = opening.year if opening is not None else min(years_known + [year])
    start = min(start, year)
    # unused own days (the year's entitlement not taken) and deferred days of the two years before ``start``
    unused = {start - 1: float(opening.remaining_n1) if opening else 0.0,
              start - 2: float(opening.remaining_n2) if opening else 0.0}
    entitled = {start - 1: float(rule.entitlement_days or 0) if opening else 0.0,
                start - 2: float(rule.entitlement_days or 0) if opening else 0.0}
    deferred = {start - 1: float(opening.deferred_n1) if opening else 0.0}
    # years whose entitlement was not used at all (the two-year case)
    untouched = {y: bool(entitled[y]) and unused[y] >= entitled[y] for y in (start - 1, start - 2)}
    balance = None
    for y in range(start, year + 1):
        facts = history.get(y, YearFacts())
        own = _entitled(rule, y, since, facts)
        prev_unused = unused.get(y - 1, 0.0)
        prev_deferred = min(deferred.get(y - 1, 0.0), prev_unused)
        two_years = bool(rule.two_year_total_max and untouched.get(y - 1) and untouched.get(y - 2))
        cap = float(rule.carry_total_max) if rule.carry_total_max is not None else own + rule.carry_max_days
        if own == 0:
            carry = 0.0
            prev_deferred = 0.0
        elif two_years:
            cap = float(rule.two_year_total_max)
            carry = max(0.0, min(prev_unused + unused.get(y - 2, 0.0), cap - own))
            prev_deferred = 0.0
        else:
            carry = min(max(prev_unused - prev_deferred, 0.0), float(rule.carry_max_days))
            if prev_deferred:
                cap = float(rule.deferred_total_max or cap)
            carry = max(0.0, min(carry, cap - own - prev_deferred))
            prev_deferred = max(0.0, min(prev_deferred, cap - own))
        total = own + carry + prev_deferred
        from_carry = carry + prev_deferred
        used_own = max(0.0, facts.used - from_carry)
        unused[y] = max(0.0, own - used_own)
        entitled[y] = own
        untouched[y] = own > 0 and facts.used == 0
        deferred[y] = facts.deferred
        if y == year:
            balance = Balance(year=year, eligible=own > 0, eligible_from=None if since in (None, date.min) else since,
                              entitlement=own, carry=carry, carry_two_years=two_years and own > 0,
                              deferred=prev_deferred, total=total, used=facts.used, pending=facts.pending,
                              remaining=total - facts.used, available=total - facts.used - facts.pending,
                              from_opening=opening is not None and opening.year == year,
                              took_besar=facts.took_besar)
    balance.explanation = explain(rule, balance)
    return balance


def _n(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def explain(rule: Rule, b: Balance) -> list[str]:
    lines = []
    if b.took_besar:
        lines.append(f"Tahun {b.year} Anda mengambil cuti besar: tidak ada hak cuti tahunan tahun ini.")
    elif not b.eligible:
        if b.eligible_from:
            lines.append(f"Hak cuti tahunan baru timbul setelah {rule.min_service_years} tahun bekerja secara "
                         f"terus-menerus (mulai {b.eligible_from:%d-%m-%Y}).")
        else:
            lines.append("Hak cuti tahunan belum dapat dihitung: TMT belum tercatat.")
    else:
        lines.append(f"Hak cuti tahunan {b.year}: {_n(b.entitlement)} hari kerja.")
    if b.carry_two_years:
        lines.append(f"Hak cuti tahun {b.year - 1} dan {b.year - 2} tidak digunakan sama sekali: sisa keduanya "
                     f"dibawa {_n(b.carry)} hari (paling banyak {rule.two_year_total_max} hari termasuk tahun "
                     f"berjalan).")
    elif b.carry:
        lines.append(f"Sisa cuti {b.year - 1} yang dibawa: {_n(b.carry)} hari (paling banyak "
                     f"{rule.carry_max_days} hari).")
    if b.deferred:
        lines.append(f"Cuti tahunan {b.year - 1} yang ditangguhkan pejabat: {_n(b.deferred)} hari dibawa penuh "
                     f"(paling banyak {rule.deferred_total_max} hari termasuk tahun berjalan).")
    if b.from_opening:
        lines.append("Sisa tahun sebelumnya berasal dari saldo awal yang diisi pengelola kepegawaian.")
    lines.append(f"Jumlah {_n(b.total)}, dipakai {_n(b.used)}, menunggu keputusan {_n(b.pending)}, "
                 f"sisa {_n(b.remaining)} hari.")
    return lines


# -- a request's problems -------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    kind: str
    start_date: date
    end_date: date
    half_day: str | None = None
    reason: str | None = None
    reason_category: str | None = None
    child_order: int | None = None
    has_attachment: bool = False
    government_doctor: bool = False


def request_problems(rule: Rule | None, req: Request, *, days: float, today: date, gender: str | None,
                     service_start: date | None, half_days_on: bool, available: float | None = None) -> dict:
    """Every reason the request cannot be made (``{field: message}``); empty when it can. ``available``: the
    annual balance left (annual leave only)."""
    problems: dict[str, str] = {}
    if rule is None or not rule.active:
        return {"kind": "Jenis cuti ini tidak tersedia untuk jenis kepegawaian Anda."}
    if req.end_date < req.start_date:
        return {"end_date": "Tanggal selesai tidak boleh sebelum tanggal mulai."}
    earliest = today - timedelta(days=rule.backdate_days)
    if req.start_date < earliest:
        problems["start_date"] = (f"{rule.name} dapat diajukan paling lambat {rule.backdate_days} hari setelah "
                                  f"tanggal mulai." if rule.backdate_days else
                                  f"{rule.name} tidak dapat dimulai pada tanggal yang sudah lewat.")
    since = eligible_from(rule, service_start)
    if since is None:
        problems["kind"] = (f"{rule.name} memerlukan masa kerja {rule.min_service_years} tahun; TMT Anda belum "
                            f"tercatat — hubungi pengelola kepegawaian.")
    elif req.start_date < since:
        problems["kind"] = (f"{rule.name} baru dapat diambil setelah {rule.min_service_years} tahun bekerja secara "
                            f"terus-menerus (mulai {since:%d-%m-%Y}).")
    if rule.gender and gender != rule.gender:
        problems["kind"] = f"{rule.name} hanya untuk pegawai perempuan."
    if req.half_day:
        if not (rule.half_day_allowed and half_days_on):
            problems["half_day"] = "Cuti setengah hari tidak tersedia untuk jenis cuti ini."
        elif req.start_date != req.end_date or days != 0.5:
            problems["half_day"] = "Cuti setengah hari hanya untuk satu hari kerja."
    if days <= 0:
        problems["end_date"] = "Rentang tanggal tidak memuat hari kerja."
    elif days < rule.min_days and not (req.half_day and days == 0.5):
        problems["end_date"] = f"{rule.name} paling sedikit {_n(rule.min_days)} hari kerja."
    if rule.max_days is not None and days > rule.max_days:
        unit = "hari kerja" if rule.unit == "working" else "hari"
        problems["end_date"] = f"{rule.name} paling lama {rule.max_days} {unit} sekaligus."
    if rule.max_months is not None and req.end_date > last_day_for_months(req.start_date, rule.max_months):
        problems["end_date"] = (f"{rule.name} paling lama {rule.max_months} bulan (selesai paling lambat "
                                f"{last_day_for_months(req.start_date, rule.max_months):%d-%m-%Y}).")
    if rule.entitlement_days is not None and rule.unit == "working":
        if req.start_date.year != req.end_date.year:
            problems["end_date"] = "Cuti tahunan tidak dapat melewati akhir tahun; ajukan dua permohonan."
        elif available is not None and days > available and "kind" not in problems:
            problems["end_date"] = (f"Sisa cuti tahunan {req.start_date.year} tidak cukup: tersedia "
                                    f"{_n(max(available, 0))} hari, diminta {_n(days)} hari.")
    if rule.document_after_days is not None and days > rule.document_after_days and not req.has_attachment:
        problems["attachment_b64"] = (f"{rule.name} lebih dari {rule.document_after_days} hari memerlukan surat "
                                      f"keterangan dokter (PDF/JPEG/PNG).")
    if (rule.gov_doctor_after_days is not None and days > rule.gov_doctor_after_days
            and not req.government_doctor):
        problems["government_doctor"] = (f"{rule.name} lebih dari {rule.gov_doctor_after_days} hari memerlukan "
                                         f"surat keterangan dokter pemerintah.")
    if rule.max_child is not None:
        if not req.child_order:
            problems["child_order"] = "Sebutkan kelahiran anak keberapa."
        elif req.child_order > rule.max_child:
            problems["child_order"] = (f"{rule.name} hanya untuk kelahiran anak pertama sampai ke-{rule.max_child}; "
                                       f"untuk anak berikutnya ajukan cuti besar.")
    if rule.reason_required:
        if rule.kind == "alasan_penting" and req.reason_category not in REASON_CATEGORIES:
            problems["reason_category"] = "Pilih alasan penting: " + ", ".join(REASON_CATEGORIES) + "."
        if not (req.reason or "").strip():
            problems["reason"] = "Alasan cuti wajib diisi."
    return problems
