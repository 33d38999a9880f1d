"""agenda's leaders contract: the leaders the bureau serves, the order of precedence (UU 9/2010 Pasal 10, as
data), and a leader's printed daily/weekly agenda (``{filename, content_type, content_b64}``).

Every employee reads; protocol staff write (``allowed_actions`` on each record says what the caller may do).
The area publishes no events.
"""
from __future__ import annotations

from marshmallow import fields, validate
from situok_kit.outputs import choice, flag, integer, listing, text
from situok_kit.schema import Base64Bytes, ContractSchema, Text, describe, max_length, required_text

#: Size limits (characters), shared by the schemas and the web's ``maxlength``.
LIMITS = {"code": 40, "title": 200, "holder_name": 200, "label": 200, "basis": 200}
LEADER_ACTIONS = ("edit", "deactivate", "reactivate")
RANK_ACTIONS = ("edit",)
_RANK = validate.Range(min=1, max=1_000_000, error="Urutan antara 1 dan 1.000.000.")
_POSITION = validate.Range(min=0, max=10_000, error="Posisi antara 0 dan 10.000.")


class LeaderIn(ContractSchema):
    """A leader as protocol staff enter it; an edit sends only what changes."""

    code = Text(required=True, validate=required_text(LIMITS["code"]), metadata=describe(
        "Kode unik (huruf kecil, angka, garis bawah; mis. `gubernur`)."))
    title = Text(required=True, validate=required_text(LIMITS["title"]), metadata=describe(
        "Jabatan sebagaimana dicetak (mis. `Gubernur Bali`)."))
    holder_name = Text(allow_none=True, validate=max_length(LIMITS["holder_name"]), metadata=describe(
        "Nama pejabat yang sekarang menjabat (boleh kosong)."))
    precedence_code = Text(allow_none=True, validate=max_length(LIMITS["code"]), metadata=describe(
        "Kode tata urutan (dari daftar tata urutan); boleh kosong."))
    position = fields.Integer(allow_none=True, strict=True, validate=_POSITION, metadata=describe(
        "Urutan dalam daftar pimpinan (kecil dulu); kosong: paling akhir."))
    active = fields.Boolean(metadata=describe("Aktif; `false` menonaktifkan (kegiatannya tetap tercatat)."))


class LeaderOut(ContractSchema):
    id = integer("Id pimpinan.")
    code = text("Kode unik.")
    title = text("Jabatan.")
    holder_name = text("Nama pejabat.", nullable=True)
    precedence_code = text("Kode tata urutan.", nullable=True)
    precedence_label = text("Tata urutan (uraian).", nullable=True)
    precedence_rank = integer("Nomor urut tata urutan (kecil lebih dahulu).", nullable=True)
    position = integer("Urutan dalam daftar pimpinan.")
    active = flag("Aktif.")
    upcoming_events = integer("Kegiatan yang akan datang (tidak batal).")
    allowed_actions = listing(fields.String(metadata={"enum": list(LEADER_ACTIONS)}),
                              "Tindakan yang boleh dilakukan pemanggil.")
    notice = text("Keterangan atas perubahan ini (mis. kegiatan mendatang yang tetap tercatat saat "
                  "dinonaktifkan); null bila tidak ada.", nullable=True)


class LeaderPage(ContractSchema):
    items = listing(LeaderOut, "Pimpinan: yang aktif menurut urutan, lalu yang nonaktif.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class PrecedenceRankIn(ContractSchema):
    """A rank of the order of precedence. A new one gives ``code``, ``label`` and either ``rank`` or
    ``after_code`` (placed halfway to the next rank); an edit changes ``label``, ``basis``, ``rank``."""

    code = Text(required=True, validate=required_text(LIMITS["code"]), metadata=describe(
        "Kode unik (huruf kecil, angka, garis bawah); tidak dapat diubah."))
    label = Text(required=True, validate=required_text(LIMITS["label"]), metadata=describe("Uraian."))
    basis = Text(allow_none=True, validate=max_length(LIMITS["basis"]), metadata=describe(
        "Dasar hukum (pasal undang-undang/peraturan)."))
    rank = fields.Integer(allow_none=True, strict=True, validate=_RANK, metadata=describe(
        "Nomor urut (kecil lebih dahulu; unik)."))
    after_code = Text(allow_none=True, validate=max_length(LIMITS["code"]), metadata=describe(
        "Tata urutan baru: sesudah kode ini (di antara nomornya dan nomor berikutnya) — sebagai ganti `rank`."))


class PrecedenceRankOut(ContractSchema):
    id = integer("Id tata urutan.")
    code = text("Kode unik.")
    rank = integer("Nomor urut (kecil lebih dahulu).")
    label = text("Uraian.")
    basis = text("Dasar hukum.", nullable=True)
    leaders = integer("Pimpinan dengan tata urutan ini.")
    allowed_actions = listing(fields.String(metadata={"enum": list(RANK_ACTIONS)}),
                              "Tindakan yang boleh dilakukan pemanggil.")


class PrecedenceRankPage(ContractSchema):
    items = listing(PrecedenceRankOut, "Tata urutan menurut nomor urut.", required=True)
    next_cursor = text("Kirim sebagai `cursor` untuk halaman berikutnya; null di halaman terakhir.",
                       nullable=True, required=True)


class LeaderAgendaDocumentOut(ContractSchema):
    """A leader's daily or weekly agenda, printed."""

    filename = text("Nama berkas (`agenda-<kode>-<tanggal>.pdf`, `agenda-<kode>-pekan-<senin>.pdf`).")
    content_type = choice("Selalu PDF.", ("application/pdf",))
    content_b64 = Base64Bytes(attribute="content", metadata=describe("Isi PDF dalam base64."))


SCHEMAS = {
    "LeaderIn": LeaderIn,
    "LeaderOut": LeaderOut,
    "LeaderPage": LeaderPage,
    "PrecedenceRankIn": PrecedenceRankIn,
    "PrecedenceRankOut": PrecedenceRankOut,
    "PrecedenceRankPage": PrecedenceRankPage,
    "LeaderAgendaDocumentOut": LeaderAgendaDocumentOut,
}
EVENTS: dict = {}
