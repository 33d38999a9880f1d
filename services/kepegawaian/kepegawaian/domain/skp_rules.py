"""The SKP rules of PermenPANRB 6/2022 (Pengelolaan Kinerja Pegawai ASN), pure: no database, no clock.

* ``predikat(results, behaviour)``: the rating matrix of the regulation's Lampiran — the supervisor's rating of
  the work results (hasil kerja) and of the work behaviour (perilaku kerja), each on the same three-step scale
  (``RATINGS``), give the employee's predikat kinerja (``MATRIX``);
* ``CORE_VALUES``: the seven core values of ASN (BerAKHLAK, SE MenPANRB 20/2021, PermenPANRB 6/2022) with the
  behaviour expected (seeded into ``skp_core_values`` by ``domain.skp.seed``, editable there);
* ``PERIODS``: the periodic assessment (penilaian periodik): ``triwulan`` (default) or ``bulanan`` — which
  months make each period, and ``period_of``/``period_bounds``;
* ``plan_problems``: the validation of a plan's work results (a ``utama`` result, indicators with a target,
  alignment to the direct supervisor's agreed results — "hasil kerja pimpinan yang diintervensi" — or, for an
  employee without a supervisor, to a free-text organisational goal);
* ``assessment_due``: whether an agreed plan is due for its assessment.
"""
from __future__ import annotations

from datetime import date, timedelta

#: The rating scale of both results and behaviour (Lampiran PermenPANRB 6/2022).
RATINGS = ("di_atas_ekspektasi", "sesuai_ekspektasi", "di_bawah_ekspektasi")
RATING_LABELS = {"di_atas_ekspektasi": "Di Atas Ekspektasi", "sesuai_ekspektasi": "Sesuai Ekspektasi",
                 "di_bawah_ekspektasi": "Di Bawah Ekspektasi"}
PREDIKATS = ("sangat_baik", "baik", "butuh_perbaikan", "kurang", "sangat_kurang")
PREDIKAT_LABELS = {"sangat_baik": "Sangat Baik", "baik": "Baik", "butuh_perbaikan": "Butuh Perbaikan",
                   "kurang": "Kurang/Misconduct", "sangat_kurang": "Sangat Kurang/Misconduct"}
_ATAS, _SESUAI, _BAWAH = RATINGS
#: (results rating, behaviour rating) → predikat: the matrix of the Lampiran, every combination.
MATRIX: dict[tuple[str, str], str] = {
    (_ATAS, _ATAS): "sangat_baik", (_ATAS, _SESUAI): "baik", (_ATAS, _BAWAH): "butuh_perbaikan",
    (_SESUAI, _ATAS): "baik", (_SESUAI, _SESUAI): "baik", (_SESUAI, _BAWAH): "butuh_perbaikan",
    (_BAWAH, _ATAS): "kurang", (_BAWAH, _SESUAI): "kurang", (_BAWAH, _BAWAH): "sangat_kurang",
}

#: The seven core values (BerAKHLAK): code, name, the behaviour expected (panduan perilaku), in order.
CORE_VALUES: tuple[tuple[str, str, str], ...] = (
    ("berorientasi_pelayanan", "Berorientasi Pelayanan",
     "Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif, dan dapat diandalkan; melakukan "
     "perbaikan tiada henti."),
    ("akuntabel", "Akuntabel",
     "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi; "
     "menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien; tidak "
     "menyalahgunakan kewenangan jabatan."),
    ("kompeten", "Kompeten",
     "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah; membantu orang lain belajar; "
     "melaksanakan tugas dengan kualitas terbaik."),
    ("harmonis", "Harmonis",
     "Menghargai setiap orang apa pun latar belakangnya; suka menolong orang lain; membangun lingkungan kerja "
     "yang kondusif."),
    ("loyal", "Loyal",
     "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah; menjaga nama "
     "baik sesama ASN, pimpinan, instansi, dan negara; menjaga rahasia jabatan dan negara."),
    ("adaptif", "Adaptif",
     "Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan kreativitas; bertindak "
     "proaktif."),
    ("kolaboratif", "Kolaboratif",
     "Memberi kesempatan kepada berbagai pihak untuk berkontribusi; terbuka dalam bekerja sama untuk "
     "menghasilkan nilai tambah; menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama."),
)
CORE_VALUE_CODES = tuple(code for code, _, _ in CORE_VALUES)

#: The periodic assessment: kind → the months of each period (1-based period numbers in order).
PERIODS: dict[str, tuple[tuple[int, ...], ...]] = {
    "triwulan": ((1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12)),
    "bulanan": tuple((m,) for m in range(1, 13)),
}
PERIOD_LABELS = {"triwulan": "Triwulan", "bulanan": "Bulan"}
DEFAULT_PERIOD_KIND = "triwulan"

RESULT_KINDS = ("utama", "tambahan")
ASPECTS = ("kuantitas", "kualitas", "waktu", "biaya")
#: An agreed plan is due for assessment from this many days before its period's end.
ASSESSMENT_LEAD_DAYS = 31


def predikat(results_rating: str, behaviour_rating: str) -> str:
    """The predikat kinerja of the matrix; ``ValueError`` for a rating outside the scale."""
    try:
        return MATRIX[(results_rating, behaviour_rating)]
    except KeyError:
        raise ValueError(f"rating di luar skala: {results_rating!r}, {behaviour_rating!r}") from None


def year_bounds(year: int, start: date | None = None) -> tuple[date, date]:
    """The plan's period: 1 January (or ``start``, for someone who joined mid-year) to 31 December."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if start is not None and first < start <= last:
        first = start
    return first, last


def period_count(kind: str) -> int:
    return len(PERIODS[kind])


def period_of(kind: str, day: date) -> int:
    """The period number (1-based) ``day`` falls in."""
    return next(i for i, months in enumerate(PERIODS[kind], 1) if day.month in months)


def period_bounds(kind: str, year: int, number: int) -> tuple[date, date]:
    """First and last day of period ``number`` of ``year``."""
    months = PERIODS[kind][number - 1]
    first = date(year, months[0], 1)
    after = date(year + 1, 1, 1) if months[-1] == 12 else date(year, months[-1] + 1, 1)
    return first, after - timedelta(days=1)


def period_label(kind: str, number: int) -> str:
    return f"{PERIOD_LABELS[kind]} {number}"


def period_problem(kind: str, year: int, number, plan_start: date, today: date) -> str | None:
    """Why progress cannot be recorded for period ``number`` (out of range, before the plan starts, not begun)."""
    if not isinstance(number, int) or not 1 <= number <= period_count(kind):
        return f"Periode harus 1 sampai {period_count(kind)}."
    first, last = period_bounds(kind, year, number)
    if last < plan_start:
        return "Periode ini sebelum awal masa SKP."
    if first > today:
        return "Periode ini belum dimulai."
    return None


def plan_problems(results: list[dict], *, has_supervisor: bool, supervisor_result_ids: set[int] | None) -> dict:
    """What is wrong with a plan's work results, as ``{field: message}`` (empty when right).

    ``results``: ``[{kind, text, aligned_result_id, aligned_goal, indicators: [{text, target_value, target_unit,
    aspect}]}]``. ``supervisor_result_ids``: the direct supervisor's work results of the same year when their plan
    is agreed, else ``None``. With an agreed supervisor's plan, every result aligns to one of its results; an
    employee without a supervisor (the Kepala Biro) states the organisational goal each result serves."""
    problems: dict[str, str] = {}
    if not results:
        return {"results": "Rencana hasil kerja belum diisi."}
    if not any(r.get("kind") == "utama" for r in results):
        problems["results"] = "Paling sedikit satu hasil kerja utama."
    for i, result in enumerate(results):
        where = f"results.{i}"
        aligned = result.get("aligned_result_id")
        if supervisor_result_ids is not None:
            if aligned is None:
                problems[f"{where}.aligned_result_id"] = ("Pilih hasil kerja atasan yang diintervensi "
                                                          "(rencana atasan sudah disetujui).")
            elif aligned not in supervisor_result_ids:
                problems[f"{where}.aligned_result_id"] = "Bukan hasil kerja atasan langsung pada tahun yang sama."
        elif aligned is not None:
            problems[f"{where}.aligned_result_id"] = "Atasan langsung belum memiliki rencana SKP yang disetujui."
        if not has_supervisor and not result.get("aligned_goal"):
            problems[f"{where}.aligned_goal"] = "Tuliskan tujuan/sasaran organisasi yang didukung hasil kerja ini."
        indicators = result.get("indicators") or []
        if not indicators:
            problems[f"{where}.indicators"] = "Paling sedikit satu indikator kinerja individu."
        for j, indicator in enumerate(indicators):
            value = indicator.get("target_value")
            if value is None or value <= 0:
                problems[f"{where}.indicators.{j}.target_value"] = "Target wajib diisi (lebih dari 0)."
            if not indicator.get("target_unit"):
                problems[f"{where}.indicators.{j}.target_unit"] = "Satuan target wajib diisi (mis. dokumen, %)."
    return problems


def assessment_due(period_end: date, today: date) -> bool:
    """An agreed plan's assessment is due from ``ASSESSMENT_LEAD_DAYS`` before its period ends."""
    return today >= period_end - timedelta(days=ASSESSMENT_LEAD_DAYS)


def behaviour_problems(per_value: dict) -> dict:
    """The per-value behaviour ratings: one of ``RATINGS`` for each of the seven core values."""
    problems = {}
    for code in CORE_VALUE_CODES:
        if per_value.get(code) not in RATINGS:
            problems[f"behaviour_ratings.{code}"] = "Beri penilaian untuk nilai ini."
    for code in per_value:
        if code not in CORE_VALUE_CODES:
            problems[f"behaviour_ratings.{code}"] = "Nilai dasar tidak dikenal."
    return problems
