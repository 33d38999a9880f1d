"""kepegawaian's SKP contract (PermenPANRB 6/2022): the yearly plan with work results, indicators and alignment
to the direct supervisor's results, the periodic progress with evidence and feedback, the assessment (results
and behaviour — the seven core values — and the predikat of the matrix), the supervisor's inbox, the unit
summary, the reference data. Event payloads carry no free text."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Kepegawaian as _Events
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, number
from situok_kit.outputs import text as _text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, one_of, required_text

from ..domain.skp_rules import ASPECTS, CORE_VALUE_CODES, PERIODS, PREDIKATS, RATINGS, RESULT_KINDS
from ..domain.skp_workflow import PLAN, STATUSES

ACTIONS = PLAN.actions
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


class _Evidence(Base64Bytes):
    data_url = True


# -- input ----------------------------------------------------------------------------------------

class SkpIndicatorIn(ContractSchema):
    id = fields.Integer(allow_none=True, load_default=None, **ID,
                        metadata=describe("Indikator yang sudah ada (saat mengubah rencana); kosong: indikator baru."))
    text = Text(required=True, validate=required_text(500), metadata=describe("Indikator kinerja individu."))
    target_value = fields.Decimal(required=True, places=2, as_string=False,
                                  validate=validate.Range(min=0, min_inclusive=False, error="Harus lebih dari 0."),
                                  # the bound as a plain number (apispec would write it as the field serializes it)
                                  metadata=describe("Nilai target (mis. 12).", minimum=0, exclusiveMinimum=True))
    target_unit = Text(required=True, validate=required_text(40), metadata=describe("Satuan target (mis. dokumen, %)."))
    aspect = fields.String(load_default="kuantitas", validate=one_of(ASPECTS),
                           metadata=describe("Aspek: kuantitas, kualitas, waktu, biaya."))


class SkpResultIn(ContractSchema):
    id = fields.Integer(allow_none=True, load_default=None, **ID,
                        metadata=describe("Hasil kerja yang sudah ada (saat mengubah rencana; keselarasan bawahan dan "
                                          "realisasinya tetap); kosong: hasil kerja baru."))
    kind = fields.String(load_default="utama", validate=one_of(RESULT_KINDS), metadata=describe("utama/tambahan."))
    text = Text(required=True, validate=required_text(1000), metadata=describe("Rencana hasil kerja."))
    aligned_result_id = fields.Integer(allow_none=True, load_default=None, **ID,
                                       metadata=describe("Hasil kerja atasan langsung yang diintervensi (id)."))
    aligned_goal = Text(allow_none=True, load_default=None, validate=validate.Length(max=1000),
                        metadata=describe("Tujuan organisasi yang didukung (pegawai tanpa atasan)."))
    indicators = fields.List(fields.Nested(SkpIndicatorIn), required=True, validate=validate.Length(max=20),
                             metadata=describe("Indikator dengan target."))


class SkpPlanIn(ContractSchema):
    """A new plan: the year, optionally the start date (joined mid-year) and the periods' kind, the results."""

    year = fields.Integer(required=True, strict=True, validate=validate.Range(min=2020, max=2100),
                          metadata=describe("Tahun SKP."))
    start_date = fields.Date(allow_none=True, load_default=None,
                             metadata=describe("Awal masa SKP bila mulai bertugas di tengah tahun (YYYY-MM-DD)."))
    period_kind = fields.String(load_default="triwulan", validate=one_of(tuple(PERIODS)),
                                metadata=describe("Periode penilaian: triwulan (bawaan) atau bulanan."))
    results = fields.List(fields.Nested(SkpResultIn), required=True, validate=validate.Length(max=30),
                          metadata=describe("Rencana hasil kerja."))


class SkpPlanUpdateIn(ContractSchema):
    period_kind = fields.String(validate=one_of(tuple(PERIODS)), metadata=describe("Periode penilaian."))
    results = fields.List(fields.Nested(SkpResultIn), validate=validate.Length(max=30),
                          metadata=describe("Rencana hasil kerja (mengganti semuanya)."))


class SkpNoteIn(ContractSchema):
    note = Text(required=True, validate=required_text(2000), metadata=describe("Catatan."))


class SkpExpectationsIn(ContractSchema):
    expectations = fields.Dict(keys=fields.String(validate=one_of(CORE_VALUE_CODES)),
                               values=Text(allow_none=True, validate=validate.Length(max=1000)), required=True,
                               metadata=describe("Ekspektasi khusus atasan per nilai dasar (kode → teks)."))


class SkpRealisationIn(ContractSchema):
    indicator_id = fields.Integer(required=True, **ID, metadata=describe("Indikator."))
    value = fields.Decimal(required=True, places=2, as_string=False,
                           validate=validate.Range(min=0, error="Tidak boleh negatif."),
                           metadata=describe("Realisasi.", minimum=0))
    note = Text(allow_none=True, load_default=None, validate=validate.Length(max=1000),
                metadata=describe("Keterangan."))


class SkpProgressIn(ContractSchema):
    period = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=12),
                            metadata=describe("Nomor periode (triwulan 1–4 atau bulan 1–12)."))
    realisations = fields.List(fields.Nested(SkpRealisationIn), required=True,
                               validate=validate.Length(min=1, max=200, error="Isi realisasi indikator."),
                               metadata=describe("Realisasi per indikator."))
    evidence_b64 = _Evidence(allow_none=True, load_default=None, max_bytes=EVIDENCE_MAX_BYTES,
                             metadata=describe("Bukti dukung: PDF, JPEG atau PNG (diperiksa dari isinya), base64."))
    evidence_name = Text(allow_none=True, load_default=None, validate=validate.Length(max=200),
                         metadata=describe("Nama berkas bukti."))
    evidence_type = Text(allow_none=True, load_default=None, validate=validate.Length(max=80),
                         metadata=describe("Jenis isi yang dinyatakan (harus sesuai isi berkas)."))
    evidence_url = fields.Url(allow_none=True, load_default=None, schemes={"http", "https"},
                              validate=validate.Length(max=500), metadata=describe("Atau tautan bukti dukung."))


class SkpFeedbackIn(ContractSchema):
    period = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=12),
                            metadata=describe("Nomor periode."))
    feedback = Text(required=True, validate=required_text(2000), metadata=describe("Umpan balik atasan."))


class SkpAssessIn(ContractSchema):
    results_rating = fields.String(required=True, validate=one_of(RATINGS), metadata=describe("Rating hasil kerja."))
    behaviour_rating = fields.String(required=True, validate=one_of(RATINGS),
                                     metadata=describe("Rating perilaku kerja (keseluruhan)."))
    behaviour_ratings = fields.Dict(keys=fields.String(), values=fields.String(validate=one_of(RATINGS)),
                                    required=True, metadata=describe("Rating per nilai dasar (kode → rating)."))
    note = Text(allow_none=True, load_default=None, validate=validate.Length(max=2000),
                metadata=describe("Catatan penilaian."))


class SkpQuery(ContractSchema):
    employee_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe("Pegawai."))
    unit_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe("Unit (dan sub-unitnya)."))
    year = fields.Integer(allow_none=True, load_default=None, strict=True, metadata=describe("Tahun."))
    status = fields.String(allow_none=True, load_default=None, validate=one_of(STATUSES), metadata=describe("Status."))


class SkpYearIn(ContractSchema):
    year = fields.Integer(required=True, strict=True, validate=validate.Range(min=2020, max=2100),
                          metadata=describe("Tahun."))
    unit_id = fields.Integer(allow_none=True, load_default=None, **ID, metadata=describe("Unit."))


# -- output ---------------------------------------------------------------------------------------

class SkpIndicatorOut(ContractSchema):
    id = integer("Id indikator.")
    text = _text("Indikator.")
    target_value = number("Target.")
    target_unit = _text("Satuan.")
    aspect = choice("Aspek.", ASPECTS)


class SkpResultOut(ContractSchema):
    id = integer("Id hasil kerja.")
    kind = choice("Jenis.", RESULT_KINDS)
    text = _text("Rencana hasil kerja.")
    aligned_result_id = integer("Hasil kerja atasan yang diintervensi.", nullable=True)
    aligned_goal = _text("Tujuan organisasi yang didukung.", nullable=True)
    indicators = listing(SkpIndicatorOut, "Indikator.")


class SkpRealisationOut(ContractSchema):
    indicator_id = integer("Indikator.")
    value = number("Realisasi.")
    note = _text("Keterangan.", nullable=True)


class SkpProgressOut(ContractSchema):
    id = integer("Id realisasi.")
    period = integer("Nomor periode.")
    period_label = _text("Periode.")
    realisations = listing(SkpRealisationOut, "Realisasi per indikator.")
    has_evidence_file = flag("Ada berkas bukti (unduh lewat `skp_evidence`).")
    evidence_name = _text("Nama berkas bukti.", nullable=True)
    evidence_url = _text("Tautan bukti.", nullable=True)
    recorded_at = moment("Dicatat")
    recorded_by = _text("Dicatat oleh.")
    feedback = _text("Umpan balik atasan.", nullable=True)
    feedback_at = moment("Umpan balik diberikan")
    feedback_by = _text("Umpan balik oleh.", nullable=True)


class SkpInboxProgressOut(SkpProgressOut):
    plan_id = integer("SKP.")
    employee_id = integer("Pegawai.")
    employee_name = _text("Nama pegawai.")
    year = integer("Tahun.")


class SkpChoiceOut(ContractSchema):
    id = integer("Id hasil kerja atasan.")
    text = _text("Hasil kerja atasan.")
    kind = choice("Jenis.", RESULT_KINDS)


class SkpCoreValueOut(ContractSchema):
    code = _text("Kode nilai dasar.")
    name = _text("Nilai dasar.")
    description = _text("Perilaku yang diharapkan.")


class SkpSummaryOut(ContractSchema):
    id = integer("Id SKP.")
    employee_id = integer("Pegawai.")
    employee_name = _text("Nama pegawai.")
    unit_id = integer("Unit.", nullable=True)
    year = integer("Tahun.")
    period_start = day("Awal masa SKP")
    period_end = day("Akhir masa SKP")
    status = choice("Status.", STATUSES)
    status_label = _text("Status.")
    predikat = choice("Predikat kinerja.", PREDIKATS, nullable=True)
    predikat_label = _text("Predikat kinerja.", nullable=True)


class SkpPlanOut(SkpSummaryOut):
    supervisor_id = integer("Atasan langsung saat diajukan.", nullable=True)
    period_kind = choice("Periode penilaian.", tuple(PERIODS))
    period_count = integer("Jumlah periode.")
    results = listing(SkpResultOut, "Rencana hasil kerja.")
    behaviour_expectations = fields.Dict(keys=fields.String(), values=fields.String(),
                                         metadata=describe("Ekspektasi khusus atasan per nilai dasar."))
    core_values = listing(SkpCoreValueOut, "Nilai dasar BerAKHLAK dan perilaku yang diharapkan.")
    supervisor_results = listing(SkpChoiceOut, "Hasil kerja atasan langsung (pilihan keselarasan).")
    alignment_required = flag("Keselarasan dengan hasil kerja atasan wajib.")
    return_note = _text("Catatan pengembalian.", nullable=True)
    submitted_at = moment("Diajukan")
    approved_at = moment("Disetujui")
    approved_by = _text("Disetujui oleh.", nullable=True)
    progress = listing(SkpProgressOut, "Realisasi per periode.")
    results_rating = choice("Rating hasil kerja.", RATINGS, nullable=True)
    behaviour_rating = choice("Rating perilaku kerja.", RATINGS, nullable=True)
    behaviour_ratings = fields.Dict(keys=fields.String(), values=fields.String(),
                                    metadata=describe("Rating per nilai dasar."))
    assessment_note = _text("Catatan penilaian.", nullable=True)
    assessed_by = _text("Dinilai oleh.", nullable=True)
    assessed_at = moment("Dinilai")
    allowed_actions = listing(fields.String(validate=validate.OneOf(ACTIONS)), "Tindakan yang boleh dilakukan.")


class SkpMineOut(ContractSchema):
    year = integer("Tahun.")
    plan = nested(SkpPlanOut, "SKP tahun itu (null bila belum dibuat).", nullable=True)
    supervisor_results = listing(SkpChoiceOut, "Hasil kerja atasan langsung yang disetujui (untuk SKP baru).")


class SkpPage(ContractSchema):
    items = listing(SkpSummaryOut, "SKP.")
    next_cursor = _text("Kursor halaman berikutnya.", nullable=True)


class SkpInboxOut(ContractSchema):
    plans_waiting = listing(SkpSummaryOut, "Rencana menunggu persetujuan.")
    progress_waiting = listing(SkpInboxProgressOut, "Realisasi menunggu umpan balik.")
    assessments_due = listing(SkpSummaryOut, "SKP yang sudah waktunya dinilai.")


class SkpCountOut(ContractSchema):
    predikat = choice("Predikat.", PREDIKATS)
    label = _text("Predikat.")
    count = integer("Jumlah.")


class SkpUnitSummaryOut(ContractSchema):
    year = integer("Tahun.")
    unit_id = integer("Unit.", nullable=True)
    counts = listing(SkpCountOut, "Jumlah per predikat.")
    assessed = integer("Sudah dinilai.")
    not_assessed = integer("Belum dinilai.")


class SkpFileOut(ContractSchema):
    filename = _text("Nama berkas.")
    content_type = _text("Jenis isi.")
    content_b64 = _text("Isi berkas (base64).")


class SkpLabelOut(ContractSchema):
    code = _text("Kode.")
    label = _text("Label.")


class SkpMatrixOut(ContractSchema):
    results_rating = choice("Rating hasil kerja.", RATINGS)
    behaviour_rating = choice("Rating perilaku kerja.", RATINGS)
    predikat = choice("Predikat.", PREDIKATS)
    predikat_label = _text("Predikat.")


class SkpPeriodKindOut(ContractSchema):
    kind = choice("Jenis periode.", tuple(PERIODS))
    label = _text("Label.")
    count = integer("Jumlah periode setahun.")
    default = flag("Bawaan.")


class SkpReferenceOut(ContractSchema):
    core_values = listing(SkpCoreValueOut, "Nilai dasar BerAKHLAK.")
    ratings = listing(SkpLabelOut, "Skala rating.")
    predikats = listing(SkpLabelOut, "Predikat kinerja.")
    matrix = listing(SkpMatrixOut, "Matriks predikat (Lampiran PermenPANRB 6/2022).")
    periods = listing(SkpPeriodKindOut, "Periode penilaian.")
    result_kinds = listing(fields.String(), "Jenis hasil kerja.")
    aspects = listing(fields.String(), "Aspek indikator.")


# -- events ---------------------------------------------------------------------------------------

class SkpEvent(ContractSchema):
    """Every ``kepegawaian.skp_*`` payload (no free text)."""

    id = integer("Id SKP.")
    employee_id = integer("Pegawai.")
    unit_id = integer("Unit.", nullable=True)
    year = integer("Tahun.")
    period = integer("Periode (realisasi), null untuk rencana/penilaian tahunan.", nullable=True)
    status = choice("Status SKP setelah langkah ini.", STATUSES)


class SkpAssessedEvent(SkpEvent):
    results_rating = choice("Rating hasil kerja.", RATINGS)
    behaviour_rating = choice("Rating perilaku kerja.", RATINGS)
    predikat = choice("Predikat kinerja.", PREDIKATS)
    assessed_by = _text("Penilai (nama pengguna).")
    assessed_by_employee_id = integer("Penilai (pegawai).", nullable=True)
    assessed_at = moment("Dinilai", nullable=False)


SCHEMAS = {
    "SkpIndicatorIn": SkpIndicatorIn, "SkpResultIn": SkpResultIn, "SkpPlanIn": SkpPlanIn,
    "SkpPlanUpdateIn": SkpPlanUpdateIn, "SkpNoteIn": SkpNoteIn, "SkpExpectationsIn": SkpExpectationsIn,
    "SkpRealisationIn": SkpRealisationIn, "SkpProgressIn": SkpProgressIn, "SkpFeedbackIn": SkpFeedbackIn,
    "SkpAssessIn": SkpAssessIn, "SkpQuery": SkpQuery, "SkpYearIn": SkpYearIn,
    "SkpIndicatorOut": SkpIndicatorOut, "SkpResultOut": SkpResultOut, "SkpRealisationOut": SkpRealisationOut,
    "SkpProgressOut": SkpProgressOut, "SkpInboxProgressOut": SkpInboxProgressOut, "SkpChoiceOut": SkpChoiceOut,
    "SkpCoreValueOut": SkpCoreValueOut, "SkpSummaryOut": SkpSummaryOut, "SkpPlanOut": SkpPlanOut,
    "SkpMineOut": SkpMineOut, "SkpPage": SkpPage, "SkpInboxOut": SkpInboxOut, "SkpCountOut": SkpCountOut,
    "SkpUnitSummaryOut": SkpUnitSummaryOut, "SkpFileOut": SkpFileOut, "SkpLabelOut": SkpLabelOut,
    "SkpMatrixOut": SkpMatrixOut, "SkpPeriodKindOut": SkpPeriodKindOut, "SkpReferenceOut": SkpReferenceOut,
    "SkpEvent": SkpEvent, "SkpAssessedEvent": SkpAssessedEvent,
}

EVENTS = {_Events.SKP_PLAN_SUBMITTED: SkpEvent, _Events.SKP_PLAN_APPROVED: SkpEvent,
          _Events.SKP_PROGRESS_RECORDED: SkpEvent, _Events.SKP_ASSESSED: SkpAssessedEvent}
