"""agenda's feedback contract: the public's form, the receipt with the tracking code (shown once), what a code
shows, the published questions and answers, the staff's queue, a message's detail with ``allowed_actions``, the
staff's actions, the response-time report per unit, and the events' payloads.

Public (no identity): ``submit_feedback``, ``feedback_status``, ``published_feedback``, ``feedback_event``. Nothing
public ever carries the sender's contact; the published list names a sender only by initials (or ``Anonim``).
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_contracts.events import Agenda
from situok_kit.outputs import choice, flag, integer, listing, moment, nested, number, text
from situok_kit.schema import Base64Bytes, ContractSchema, Text, describe, max_length, one_of, required_text

from ..domain.feedback_rules import FEEDBACK
from ..models.feedback import FEEDBACK_CATEGORIES, FEEDBACK_KINDS, FEEDBACK_LIMITS, FEEDBACK_STATUSES
from .common import HONEYPOT

LIMITS = FEEDBACK_LIMITS
PHONE = r"^\+?[0-9][0-9 ()\-]{5,28}$"
_KINDS = ", ".join(FEEDBACK_KINDS)


class FeedbackIn(ContractSchema):
    """The portal's form. ``ticket`` is the time-to-submit ticket from ``public_form_ticket`` (sent back as it
    came); ``website`` is the honeypot: leave it empty (a form that fills it is answered like a success and
    stored nowhere). ``reply_by_contact``: the sender wants the answer by e-mail or telephone as well (then one
    of them is required); the answer is always shown by the tracking code."""

    kind = fields.String(required=True, validate=one_of(FEEDBACK_KINDS),
                         metadata=describe(f"Jenis: {_KINDS} (saran, pertanyaan, pengaduan)."))
    subject = Text(required=True, validate=[validate.Length(min=3, error="Paling sedikit 3 karakter."),
                                            max_length(LIMITS["subject"])], metadata=describe("Pokok masukan."))
    message = Text(required=True, validate=[validate.Length(min=10, error="Paling sedikit 10 karakter."),
                                            max_length(LIMITS["message"])], metadata=describe("Isi masukan."))
    event_id = fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1),
                              metadata=describe("Kegiatan publik yang dimaksud (boleh kosong)."))
    name = Text(allow_none=True, validate=max_length(LIMITS["name"]),
                metadata=describe("Nama pengirim (boleh kosong; di publikasi hanya inisial)."))
    email = fields.Email(allow_none=True, validate=max_length(LIMITS["email"]),
                         metadata=describe("Surel (boleh kosong; tidak pernah dipublikasikan)."))
    phone = Text(allow_none=True, validate=[max_length(LIMITS["phone"]), validate.Regexp(
        PHONE, error="Nomor telepon hanya angka (boleh diawali +), 6–30 karakter.")],
        metadata=describe("Telepon/WhatsApp (boleh kosong; tidak pernah dipublikasikan)."))
    reply_by_contact = fields.Boolean(load_default=False, metadata=describe(
        "Minta jawaban juga dikirim lewat surel/telepon (salah satunya wajib diisi)."))
    consent_publish = fields.Boolean(load_default=False, metadata=describe(
        "Setuju pertanyaan dan jawabannya dipublikasikan (tanpa kontak; nama hanya inisial)."))
    ticket = fields.String(load_default=None, allow_none=True, validate=max_length(100),
                           metadata=describe("Tiket formulir dari `public_form_ticket`."))
    website = fields.String(data_key=HONEYPOT, load_default="", allow_none=True,
                            validate=max_length(LIMITS["website"]), metadata=describe("Jangan diisi (perangkap bot)."))


class FeedbackReceiptOut(ContractSchema):
    """What the sender gets after sending: the tracking code, shown this once."""

    tracking_code = text("Kode pelacakan (simpan; hanya ditampilkan sekali).")
    kind = choice("Jenis.", FEEDBACK_KINDS)
    kind_label = text("Jenis dalam bahasa Indonesia.")
    status = choice("Status.", FEEDBACK_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    submitted_at = moment("Diterima", nullable=False)


class FeedbackStatusOut(ContractSchema):
    """A message as its tracking code shows it: no contact, nobody else's data."""

    kind = choice("Jenis.", FEEDBACK_KINDS)
    kind_label = text("Jenis dalam bahasa Indonesia.")
    status = choice("Status.", FEEDBACK_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    subject = text("Pokok masukan.")
    submitted_at = moment("Diterima", nullable=False, )
    unit_name = text("Unit yang menangani; null bila belum dipilah.", nullable=True)
    answer = text("Jawaban; null bila belum dijawab.", nullable=True)
    answered_at = moment("Dijawab")
    published = flag("Pertanyaan dan jawabannya dipublikasikan di portal.")


class FeedbackCodeIn(ContractSchema):
    code = fields.String(required=True, metadata=describe("Kode pelacakan (`ASP-XXXX-XXXX-XXXX-XXXX`)."))


class FeedbackAboutEventOut(ContractSchema):
    """A public event a message may be about (for the form's heading)."""

    id = integer("Kegiatan (id).")
    title = text("Nama kegiatan.")
    starts_at = moment("Mulai", nullable=False)


class FeedbackPublishedOut(ContractSchema):
    """A published question and its answer: no contact, the sender only as initials or ``Anonim``."""

    id = integer("Masukan (id).")
    kind = choice("Jenis.", FEEDBACK_KINDS)
    kind_label = text("Jenis dalam bahasa Indonesia.")
    category = choice("Kategori.", FEEDBACK_CATEGORIES, nullable=True)
    category_label = text("Kategori dalam bahasa Indonesia.", nullable=True)
    subject = text("Pokok masukan.")
    message = text("Isi masukan.")
    sender = text("Pengirim: inisial, atau Anonim.")
    answer = text("Jawaban.")
    unit_name = text("Unit yang menjawab.", nullable=True)
    event_title = text("Kegiatan yang dimaksud.", nullable=True)
    submitted_at = moment("Diterima", nullable=False)
    answered_at = moment("Dijawab")
    published_at = moment("Dipublikasikan")


class FeedbackPublishedPage(ContractSchema):
    items = listing(FeedbackPublishedOut, "Tanya-jawab yang dipublikasikan, terbaru dulu.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class FeedbackStepOut(ContractSchema):
    action = text("Tindakan.")
    actor = text("Oleh.")
    note = text("Catatan.", nullable=True)
    at = moment("Waktu", nullable=False)


class FeedbackOut(ContractSchema):
    """A message as staff see it: the sender's contact (protocol staff and the unit's staff only) and what the
    caller may do now."""

    id = integer("Masukan (id).")
    kind = choice("Jenis.", FEEDBACK_KINDS)
    kind_label = text("Jenis dalam bahasa Indonesia.")
    status = choice("Status.", FEEDBACK_STATUSES)
    status_label = text("Status dalam bahasa Indonesia.")
    subject = text("Pokok masukan.")
    message = text("Isi masukan.")
    event_id = integer("Kegiatan yang dimaksud.", nullable=True)
    event_title = text("Nama kegiatan.", nullable=True)
    name = text("Nama pengirim.", nullable=True)
    email = text("Surel pengirim.", nullable=True)
    phone = text("Telepon pengirim.", nullable=True)
    reply_by_contact = flag("Pengirim meminta jawaban lewat kontaknya.")
    consent_publish = flag("Pengirim setuju tanya-jawabnya dipublikasikan.")
    created_at = moment("Diterima", nullable=False)
    category = choice("Kategori.", FEEDBACK_CATEGORIES, nullable=True)
    category_label = text("Kategori dalam bahasa Indonesia.", nullable=True)
    unit_id = integer("Unit yang menjawab (roster).", nullable=True)
    unit_name = text("Nama unit.", nullable=True)
    triaged_at = moment("Dipilah")
    answer = text("Jawaban.", nullable=True)
    answered_at = moment("Dijawab")
    first_response_at = moment("Jawaban pertama")
    closed_at = moment("Ditutup")
    published = flag("Dipublikasikan di portal.")
    published_at = moment("Dipublikasikan")
    steps = listing(FeedbackStepOut, "Riwayat tindakan (hanya pada rincian).")
    allowed_actions = listing(choice("Aksi.", FEEDBACK.actions), "Yang dapat Anda lakukan sekarang.")


class FeedbackPage(ContractSchema):
    items = listing(FeedbackOut, "Masukan, terbaru dulu.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.", nullable=True,
                       required=True)


class FeedbackQuery(ContractSchema):
    """Filters of the staff's queue."""

    status = fields.String(allow_none=True, validate=one_of(FEEDBACK_STATUSES), metadata=describe("Status."))
    kind = fields.String(allow_none=True, validate=one_of(FEEDBACK_KINDS), metadata=describe("Jenis."))
    unit_id = fields.Integer(allow_none=True, validate=validate.Range(min=1), metadata=describe("Unit (roster)."))


class FeedbackTriageIn(ContractSchema):
    category = fields.String(required=True, validate=one_of(FEEDBACK_CATEGORIES), metadata=describe("Kategori."))
    unit_id = fields.Integer(required=True, strict=True, validate=validate.Range(min=1),
                             metadata=describe("Unit yang menjawab (id unit organisasi pada roster)."))
    note = Text(allow_none=True, validate=max_length(LIMITS["note"]), metadata=describe("Catatan."))


class FeedbackAnswerIn(ContractSchema):
    answer = Text(required=True, validate=required_text(LIMITS["answer"]), metadata=describe("Jawaban."))


class FeedbackNoteIn(ContractSchema):
    note = Text(allow_none=True, validate=max_length(LIMITS["note"]), metadata=describe("Catatan (boleh kosong)."))


class FeedbackReportQuery(ContractSchema):
    date_from = fields.Date(required=True, metadata=describe("Dari tanggal (WITA, YYYY-MM-DD), termasuk."))
    date_to = fields.Date(required=True, metadata=describe("Sampai tanggal (WITA), termasuk."))
    open_days = fields.Integer(load_default=7, validate=validate.Range(min=1, max=365),
                               metadata=describe("Hitung yang terbuka lebih dari sekian hari (bawaan 7)."))


class FeedbackUnitTimesOut(ContractSchema):
    unit_id = integer("Unit (roster); null: belum dipilah.", nullable=True)
    unit_name = text("Nama unit.")
    count = integer("Masukan diterima pada periode.")
    answered = integer("Yang sudah dijawab.")
    median_hours = number("Median jam sampai jawaban pertama; null bila belum ada jawaban.", nullable=True)
    p90_hours = number("Persentil ke-90 jam sampai jawaban pertama.", nullable=True)
    open_over_days = integer("Masih terbuka (diterima/diteruskan) lebih dari `open_days` hari.")


class FeedbackReportOut(ContractSchema):
    """Response times per unit over a period (by the day a message was received, WITA)."""

    date_from = fields.Date(metadata=describe("Dari tanggal."))
    date_to = fields.Date(metadata=describe("Sampai tanggal."))
    open_days = integer("Batas hari yang dihitung terbuka lama.")
    total = nested(FeedbackUnitTimesOut, "Seluruh unit.")
    units = listing(FeedbackUnitTimesOut, "Per unit.", required=True)


class FeedbackReportFileOut(ContractSchema):
    """The report as a spreadsheet."""

    filename = text("Nama berkas unduhan.")
    content_type = choice("XLSX.", ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",))
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi berkas dalam base64."))


class FeedbackUnitOut(ContractSchema):
    id = integer("Unit (id roster).")
    name = text("Nama unit.")
    code = text("Kode unit.")


class FeedbackUnitList(ContractSchema):
    items = listing(FeedbackUnitOut, "Unit yang dapat menerima masukan.", required=True)


class FeedbackEvent(ContractSchema):
    """Payload of ``agenda.feedback_*``: never the sender's name or contact, never the text."""

    id = integer("Masukan (id).")
    kind = choice("Jenis.", FEEDBACK_KINDS)
    category = choice("Kategori.", FEEDBACK_CATEGORIES, nullable=True)
    unit_id = integer("Unit yang menjawab.", nullable=True)
    status = choice("Status.", FEEDBACK_STATUSES)
    created_at = moment("Diterima", nullable=False)
    triaged_at = moment("Dipilah")
    first_response_at = moment("Jawaban pertama")
    answered_at = moment("Dijawab")
    closed_at = moment("Ditutup")


SCHEMAS = {
    "FeedbackIn": FeedbackIn, "FeedbackReceiptOut": FeedbackReceiptOut, "FeedbackStatusOut": FeedbackStatusOut,
    "FeedbackCodeIn": FeedbackCodeIn, "FeedbackAboutEventOut": FeedbackAboutEventOut,
    "FeedbackPublishedOut": FeedbackPublishedOut, "FeedbackPublishedPage": FeedbackPublishedPage,
    "FeedbackStepOut": FeedbackStepOut, "FeedbackOut": FeedbackOut, "FeedbackPage": FeedbackPage,
    "FeedbackQuery": FeedbackQuery, "FeedbackTriageIn": FeedbackTriageIn, "FeedbackAnswerIn": FeedbackAnswerIn,
    "FeedbackNoteIn": FeedbackNoteIn, "FeedbackReportQuery": FeedbackReportQuery,
    "FeedbackUnitTimesOut": FeedbackUnitTimesOut, "FeedbackReportOut": FeedbackReportOut,
    "FeedbackReportFileOut": FeedbackReportFileOut,
    "FeedbackUnitOut": FeedbackUnitOut, "FeedbackUnitList": FeedbackUnitList, "FeedbackEvent": FeedbackEvent,
}
EVENTS = {Agenda.FEEDBACK_RECEIVED: FeedbackEvent, Agenda.FEEDBACK_TRIAGED: FeedbackEvent,
          Agenda.FEEDBACK_ANSWERED: FeedbackEvent, Agenda.FEEDBACK_CLOSED: FeedbackEvent}
