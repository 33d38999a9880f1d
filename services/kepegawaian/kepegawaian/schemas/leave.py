"""kepegawaian's leave contract: the rules (data), a year's annual balance, a request (``LeaveApplicationIn``) and
its answer (``LeaveOut`` with ``allowed_actions``), the preview (days counted, problems, nothing saved), the
supervisor's consideration and the official's decision (``LeaveDecisionIn``: an option and a note — required for
every option but ``setuju``), cancelling, the opening balance, a rule's edit, the attachment and the standard
form (files), and ``LeaveEvent`` — the one payload of every ``kepegawaian.leave_*`` event (travel, attendance and
booking consume ``leave_approved`` and ``leave_cancelled``)."""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Kepegawaian as _K
from situok_kit.outputs import choice, day, flag, integer, listing, moment, nested, number, text
from situok_kit.schema import ID, Base64Bytes, ContractSchema, Text, describe, max_length, one_of

from ..domain.leave_rules import REASON_CATEGORIES
from ..domain.leave_workflow import LEAVE, OPTIONS
from ..models.leave import COUNT_UNITS, EMPLOYMENT_TYPES, HALF_DAYS, LEAVE_KINDS, LEAVE_STATUSES

ACTIONS = LEAVE.actions
_YEAR = dict(strict=True, validate=validate.Range(min=2000, max=2100, error="Tahun 2000–2100."))
_DAYS = dict(validate=validate.Range(min=0, max=366, error="Antara 0 dan 366 hari."))


class LeaveRuleOut(ContractSchema):
    """A leave rule (one employment type and kind), with its legal source."""

    id = integer("Aturan (id).")
    employment_type = choice("Jenis kepegawaian.", EMPLOYMENT_TYPES)
    kind = choice("Jenis cuti.", LEAVE_KINDS)
    name = text("Nama jenis cuti.")
    active = flag("Dapat diajukan.")
    unit = choice("`working`: hari kerja; `calendar`: hari kalender.", COUNT_UNITS)
    min_days = number("Paling sedikit (hari).")
    max_days = integer("Paling lama sekaligus (hari).", nullable=True)
    max_months = integer("Paling lama (bulan): selesai ≤ mulai + N bulan − 1 hari.", nullable=True)
    entitlement_days = integer("Hak setahun (hari kerja; cuti tahunan).", nullable=True)
    carry_max_days = integer("Sisa tahun lalu yang dapat dibawa (hari).")
    carry_total_max = integer("Jumlah paling banyak termasuk tahun berjalan.", nullable=True)
    two_year_total_max = integer("Jumlah paling banyak bila 2 tahun berturut-turut tidak digunakan.", nullable=True)
    deferred_total_max = integer("Jumlah paling banyak dengan cuti yang ditangguhkan.", nullable=True)
    min_service_years = integer("Masa kerja terus-menerus yang disyaratkan (tahun, sejak TMT CPNS).")
    gender = text("`P`: hanya pegawai perempuan.", nullable=True)
    document_after_days = integer("Surat keterangan dokter bila lebih dari N hari.", nullable=True)
    gov_doctor_after_days = integer("Surat keterangan dokter pemerintah bila lebih dari N hari.", nullable=True)
    backdate_days = integer("Tanggal mulai boleh paling banyak N hari yang lalu.")
    half_day_allowed = flag("Setengah hari dapat diajukan (bila pengaturan Biro mengizinkan).")
    cuti_bersama_counts = flag("Cuti bersama dihitung (false: tidak mengurangi hak cuti tahunan).")
    max_child = integer("Cuti melahirkan: sampai anak ke-N.", nullable=True)
    takes_annual = flag("Menghapus hak cuti tahunan tahun itu (cuti besar).")
    reason_required = flag("Alasan wajib diisi.")
    verify = flag("Ketentuan perlu diverifikasi terhadap peraturan.")
    rule_text = text("Ketentuan.")
    source = text("Dasar hukum.")


class LeaveRuleList(ContractSchema):
    """The RPCs answer the bare list; the gateway wraps it as ``{items}``."""

    items = listing(LeaveRuleOut, "Aturan cuti.", required=True)


class LeaveRuleIn(ContractSchema):
    """Admin: change a rule's figures or text (only the fields given)."""

    name = Text(validate=validate.Length(min=2, max=80))
    active = fields.Boolean()
    min_days = fields.Float(validate=validate.Range(min=0.5, max=366))
    max_days = fields.Integer(allow_none=True, strict=True, **_DAYS)
    max_months = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=60))
    entitlement_days = fields.Integer(allow_none=True, strict=True, **_DAYS)
    carry_max_days = fields.Integer(strict=True, **_DAYS)
    carry_total_max = fields.Integer(allow_none=True, strict=True, **_DAYS)
    two_year_total_max = fields.Integer(allow_none=True, strict=True, **_DAYS)
    deferred_total_max = fields.Integer(allow_none=True, strict=True, **_DAYS)
    min_service_years = fields.Integer(strict=True, validate=validate.Range(min=0, max=40))
    gender = fields.String(allow_none=True, validate=one_of(("L", "P")))
    document_after_days = fields.Integer(allow_none=True, strict=True, **_DAYS)
    gov_doctor_after_days = fields.Integer(allow_none=True, strict=True, **_DAYS)
    backdate_days = fields.Integer(strict=True, validate=validate.Range(min=0, max=60))
    half_day_allowed = fields.Boolean()
    cuti_bersama_counts = fields.Boolean()
    max_child = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=20))
    takes_annual = fields.Boolean()
    reason_required = fields.Boolean()
    verify = fields.Boolean()
    rule_text = Text(validate=validate.Length(min=1, max=4000))
    source = Text(validate=validate.Length(min=1, max=1000))


class LeaveBalanceOut(ContractSchema):
    """A year's annual leave (cuti tahunan) of one employee, with the carry-over explained."""

    employee_id = integer("Pegawai (id).")
    employee_name = text("Nama pegawai.")
    year = integer("Tahun.")
    eligible = flag("Berhak atas cuti tahunan tahun ini.")
    eligible_from = day("Hak cuti tahunan mulai", nullable=True)
    entitlement = number("Hak tahun berjalan (hari kerja).")
    carry = number("Sisa tahun lalu yang dibawa (hari kerja).")
    carry_two_years = flag("Dua tahun berturut-turut tidak digunakan (batas 24 hari).")
    deferred = number("Cuti tahun lalu yang ditangguhkan pejabat, dibawa penuh (hari kerja).")
    total = number("Jumlah hak tahun ini.")
    used = number("Dipakai (disetujui).")
    pending = number("Menunggu keputusan.")
    remaining = number("Sisa (jumlah − dipakai).")
    available = number("Dapat diajukan (sisa − menunggu keputusan).")
    from_opening = flag("Sisa tahun sebelumnya dari saldo awal yang diisi pengelola.")
    took_besar = flag("Mengambil cuti besar tahun ini (tanpa cuti tahunan).")
    explanation = listing(fields.String(), "Penjelasan perhitungan, kalimat per kalimat.")


class LeaveBalanceQuery(ContractSchema):
    employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pegawai (bawaan: diri sendiri)."))
    year = fields.Integer(allow_none=True, **_YEAR, metadata=describe("Tahun (bawaan: tahun ini)."))


class LeaveApplicationIn(ContractSchema):
    """A leave request. ``employee_id``: a staff officer filing on an employee's behalf (else the caller).
    ``half_day`` (`pagi`/`siang`): annual leave of one working day, when the bureau allows half days.
    ``attachment_b64``: the doctor's letter (PDF/JPEG/PNG, judged by content; required for sick leave beyond
    the rule's ``document_after_days``)."""

    employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pegawai (pengelola atas nama)."))
    kind = fields.String(required=True, validate=one_of(LEAVE_KINDS), metadata=describe("Jenis cuti."))
    start_date = fields.Date(required=True, metadata=describe("Mulai (YYYY-MM-DD)."))
    end_date = fields.Date(required=True, metadata=describe("Selesai, termasuk (YYYY-MM-DD)."))
    half_day = fields.String(allow_none=True, validate=one_of(HALF_DAYS), metadata=describe("Setengah hari."))
    reason = Text(allow_none=True, validate=max_length(1000), metadata=describe("Alasan cuti."))
    reason_category = fields.String(allow_none=True, validate=one_of(tuple(REASON_CATEGORIES)),
                                    metadata=describe("Alasan penting (kategori)."))
    child_order = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=20),
                                 metadata=describe("Cuti melahirkan: kelahiran anak ke-."))
    address = Text(allow_none=True, validate=max_length(300), metadata=describe("Alamat selama cuti."))
    phone = Text(allow_none=True, validate=max_length(30), metadata=describe("Telepon selama cuti."))
    government_doctor = fields.Boolean(load_default=False,
                                       metadata=describe("Surat dari dokter pemerintah (sakit > 14 hari)."))
    attachment_b64 = Base64Bytes(allow_none=True, metadata=describe("Surat keterangan dokter (base64)."))
    attachment_name = Text(allow_none=True, validate=max_length(200), metadata=describe("Nama berkas."))


class LeaveUpdateIn(LeaveApplicationIn):
    """The employee's changed request (status ``change_requested``); ``kind`` may be left out (unchanged)."""

    kind = fields.String(allow_none=True, validate=one_of(LEAVE_KINDS), metadata=describe("Jenis cuti."))


class LeavePreviewIn(LeaveApplicationIn):
    leave_id = fields.Integer(allow_none=True, **ID, metadata=describe("Permohonan yang sedang diubah."))


class LeaveOut(ContractSchema):
    """A leave request with what the caller may do now."""

    id = integer("Permohonan (id).")
    employee_id = integer("Pegawai (id).")
    employee_name = text("Nama pegawai.")
    nip = text("NIP.", nullable=True)
    employment_type = choice("Jenis kepegawaian.", EMPLOYMENT_TYPES)
    unit_id = integer("Unit.", nullable=True)
    supervisor_id = integer("Atasan langsung yang memberi pertimbangan.", nullable=True)
    kind = choice("Jenis cuti.", LEAVE_KINDS)
    kind_name = text("Nama jenis cuti.")
    start_date = day("Mulai")
    end_date = day("Selesai (termasuk)")
    days = number("Lama (hari kerja untuk cuti tahunan, hari kalender untuk lainnya; .5: setengah hari).")
    half_day = text("`pagi`/`siang`.", nullable=True)
    reason = text("Alasan.", nullable=True)
    reason_category = text("Kategori alasan penting.", nullable=True)
    child_order = integer("Anak ke-.", nullable=True)
    address = text("Alamat selama cuti.", nullable=True)
    phone = text("Telepon selama cuti.", nullable=True)
    government_doctor = flag("Surat dari dokter pemerintah.")
    has_attachment = flag("Ada surat keterangan dokter.")
    attachment_name = text("Nama lampiran.", nullable=True)
    status = choice("Status.", LEAVE_STATUSES)
    status_label = text("Status (teks).")
    filed_by = text("Diajukan oleh (akun).", nullable=True)
    created_at = moment("Diajukan")
    considered_option = text("Pertimbangan atasan.", nullable=True)
    considered_note = text("Catatan atasan.", nullable=True)
    considered_at = moment("Dipertimbangkan")
    considered_by = text("Atasan (akun).", nullable=True)
    decided_option = text("Keputusan pejabat.", nullable=True)
    decided_note = text("Catatan pejabat.", nullable=True)
    decided_at = moment("Diputuskan")
    decided_by = text("Pejabat (akun).", nullable=True)
    cancel_reason = text("Alasan pembatalan.", nullable=True)
    cancelled_at = moment("Dibatalkan")
    allowed_actions = listing(fields.String(validate=validate.OneOf(ACTIONS)),
                              "Yang dapat dilakukan pemanggil sekarang: " + ", ".join(ACTIONS) + ".")


class LeavePage(ContractSchema):
    items = listing(LeaveOut, "Permohonan.")
    next_cursor = text("Kursor halaman berikutnya.", nullable=True)


class LeaveQuery(ContractSchema):
    employee_id = fields.Integer(allow_none=True, **ID, metadata=describe("Pegawai."))
    unit_id = fields.Integer(allow_none=True, **ID, metadata=describe("Unit (dengan subunitnya)."))
    status = fields.String(allow_none=True, validate=one_of(LEAVE_STATUSES), metadata=describe("Status."))
    kind = fields.String(allow_none=True, validate=one_of(LEAVE_KINDS), metadata=describe("Jenis cuti."))
    year = fields.Integer(allow_none=True, **_YEAR, metadata=describe("Tahun (cuti yang menyentuh tahun itu)."))


class LeavePreviewOut(ContractSchema):
    """What a request would count, and why it could not be made — nothing saved."""

    kind = choice("Jenis cuti.", LEAVE_KINDS)
    start_date = day("Mulai")
    end_date = day("Selesai")
    days = number("Hari yang dihitung.")
    unit = text("`working`/`calendar`.", nullable=True)
    ok = flag("Dapat diajukan.")
    problems = fields.Dict(keys=fields.String(), values=fields.String(),
                           metadata=describe("Masalah per kolom (kosong bila dapat diajukan)."))
    balance = nested(LeaveBalanceOut, "Saldo cuti tahunan tahun itu (cuti tahunan).", nullable=True)


class LeaveDecisionIn(ContractSchema):
    """The supervisor's consideration or the official's decision: an option and a note (required for every
    option but ``setuju``)."""

    option = fields.String(required=True, validate=one_of(tuple(OPTIONS)), metadata=describe(
        "setuju, perubahan, ditangguhkan, tidak_disetujui."))
    note = Text(allow_none=True, validate=max_length(1000), metadata=describe("Catatan."))


class LeaveCancelIn(ContractSchema):
    reason = Text(allow_none=True, validate=max_length(1000),
                  metadata=describe("Alasan (wajib untuk cuti yang sudah disetujui)."))


class LeaveOpeningIn(ContractSchema):
    """The staff officer's opening balance of an employee's year (earlier years on paper)."""

    employee_id = fields.Integer(required=True, **ID, metadata=describe("Pegawai."))
    year = fields.Integer(required=True, **_YEAR, metadata=describe("Tahun saldo awal."))
    remaining_n1 = fields.Float(load_default=0, **_DAYS, metadata=describe("Sisa cuti tahunan N-1 (hari)."))
    remaining_n2 = fields.Float(load_default=0, **_DAYS, metadata=describe("Sisa cuti tahunan N-2 (hari)."))
    deferred_n1 = fields.Float(load_default=0, **_DAYS, metadata=describe("Cuti N-1 yang ditangguhkan (hari)."))
    note = Text(allow_none=True, validate=max_length(500), metadata=describe("Catatan (dasar data)."))


class LeaveOpeningOut(ContractSchema):
    employee_id = integer("Pegawai.")
    year = integer("Tahun.")
    remaining_n1 = number("Sisa N-1.")
    remaining_n2 = number("Sisa N-2.")
    deferred_n1 = number("Ditangguhkan N-1.")
    note = text("Catatan.", nullable=True)
    updated_by = text("Diisi oleh.", nullable=True)


class LeaveFileOut(ContractSchema):
    """A file: the doctor's letter or the standard leave form (PDF)."""

    filename = text("Nama berkas.")
    content_type = text("Jenis isi.")
    content_b64 = text("Isi (base64).")


class LeaveEvent(ContractSchema):
    """The payload of every ``kepegawaian.leave_*`` event."""

    id = integer("Permohonan cuti (id).")
    employee_id = integer("Pegawai (id).")
    employee_name = text("Nama pegawai.")
    nip = text("NIP (null untuk non-ASN).", nullable=True)
    employment_type = choice("Jenis kepegawaian.", EMPLOYMENT_TYPES)
    unit_id = integer("Unit.", nullable=True)
    kind = choice("Jenis cuti.", LEAVE_KINDS)
    kind_name = text("Nama jenis cuti.")
    start_date = day("Mulai")
    end_date = day("Selesai (termasuk)")
    days = number("Lama (hari; .5 setengah hari).")
    half_day = text("`pagi`/`siang`.", nullable=True)
    status = choice("Status setelah langkah ini.", LEAVE_STATUSES)
    decided_at = moment("Diputuskan")


SCHEMAS = {
    "LeaveRuleOut": LeaveRuleOut, "LeaveRuleList": LeaveRuleList, "LeaveRuleIn": LeaveRuleIn,
    "LeaveBalanceOut": LeaveBalanceOut,
    "LeaveBalanceQuery": LeaveBalanceQuery, "LeaveApplicationIn": LeaveApplicationIn, "LeaveUpdateIn": LeaveUpdateIn,
    "LeavePreviewIn": LeavePreviewIn, "LeaveOut": LeaveOut, "LeavePage": LeavePage, "LeaveQuery": LeaveQuery,
    "LeavePreviewOut": LeavePreviewOut, "LeaveDecisionIn": LeaveDecisionIn, "LeaveCancelIn": LeaveCancelIn,
    "LeaveOpeningIn": LeaveOpeningIn, "LeaveOpeningOut": LeaveOpeningOut, "LeaveFileOut": LeaveFileOut,
    "LeaveEvent": LeaveEvent,
}

EVENTS = {name: LeaveEvent for name in (_K.LEAVE_REQUESTED, _K.LEAVE_CONSIDERED, _K.LEAVE_APPROVED,
                                         _K.LEAVE_CHANGE_REQUESTED, _K.LEAVE_DEFERRED, _K.LEAVE_REFUSED,
                                         _K.LEAVE_CANCELLED)}
