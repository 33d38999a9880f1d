"""The personnel contract: Marshmallow schemas for RPC arguments, results and events.

The gateway imports this module to generate its OpenAPI document, so every
field carries a ``description`` and the names in ``SCHEMAS`` are stable.
Input schemas reject unknown fields; all messages are Indonesian and keyed by
field, and ``situok_kit.errors.from_marshmallow`` turns them into a 422.
"""
from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from situok_contracts.positions import EMPLOYEE_STATUSES, POSITION_LEVELS
from situok_contracts.roles import ROLES
from situok_kit.schema import ID, ContractSchema, Text, describe, max_length, one_of, required_text

from .domain.identifiers import GOLONGAN, PPPK_GRADES, employee_rule_errors
from .domain.passwords import MAX_LENGTH, password_problem
from .models import EMPLOYMENT_TYPES, GENDERS, HISTORY_KINDS, ORG_UNIT_KINDS, POSITION_KINDS

#: The shared contract building blocks (situok_kit.schema), under the names this module has always used.
_describe = describe
_one_of = one_of
_max = max_length
_required_text = required_text
_ID = ID
PHONE_RE = re.compile(r"^\+?[0-9][0-9 ()-]{5,24}$")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


# -- employees -------------------------------------------------------------

class EmployeeIn(ContractSchema):
    """An employee to create (or, loaded with ``partial=True``, the fields to change)."""

    employment_type = fields.String(required=True, validate=_one_of(EMPLOYMENT_TYPES), metadata=_describe(
        "Status kepegawaian: `pns`, `pppk` (keduanya ASN, ber-NIP) atau `non_asn` (ber-NIK).",
        enum=list(EMPLOYMENT_TYPES)))
    name = Text(required=True, validate=_required_text(150), metadata=_describe("Nama tanpa gelar."))
    front_title = Text(allow_none=True, validate=_max(50), metadata=_describe("Gelar depan, mis. `Dr.` atau `Ir.`"))
    back_title = Text(allow_none=True, validate=_max(80), metadata=_describe("Gelar belakang, mis. `S.H., M.Si.`"))
    nip = Text(allow_none=True, metadata=_describe(
        "NIP 18 digit: tanggal lahir YYYYMMDD + TMT CPNS YYYYMM + jenis kelamin (1/2) + nomor urut. "
        "Wajib untuk PNS/PPPK, tidak boleh untuk non-ASN.", example="199003152015031002"))
    nik = Text(allow_none=True, metadata=_describe(
        "NIK 16 digit (KTP); tanggal lahir DDMMYY pada digit 7-12, +40 untuk perempuan. Wajib untuk non-ASN.",
        example="5171015503950001"))
    gender = fields.String(allow_none=True, validate=_one_of(GENDERS, "L, P"), metadata=_describe(
        "Jenis kelamin: `L` (laki-laki) atau `P` (perempuan). Diambil dari NIP bila kosong.", enum=list(GENDERS)))
    birth_date = fields.Date(allow_none=True, metadata=_describe("Tanggal lahir (YYYY-MM-DD); diambil dari NIP bila "
                                                                 "kosong."))
    birth_place = Text(allow_none=True, validate=_max(100), metadata=_describe("Tempat lahir."))
    golongan = fields.String(allow_none=True, validate=_one_of(GOLONGAN, "I/a … IV/e"), metadata=_describe(
        "Golongan/ruang PNS, `I/a` … `IV/e`.", enum=list(GOLONGAN)))
    pppk_grade = fields.String(allow_none=True, validate=_one_of(PPPK_GRADES, "I … XVII"), metadata=_describe(
        "Golongan PPPK, `I` … `XVII`.", enum=list(PPPK_GRADES)))
    position_id = fields.Integer(allow_none=True, **_ID, metadata=_describe("Jabatan (id), di unit kerja yang "
                                                                            "sama."))
    unit_id = fields.Integer(required=True, **_ID, metadata=_describe("Unit kerja (id)."))
    supervisor_id = fields.Integer(allow_none=True, **_ID, metadata=_describe("Atasan langsung (id pegawai)."))
    email = fields.Email(allow_none=True, validate=_max(254), error_messages={"invalid": "Alamat email tidak valid."},
                         metadata=_describe("Alamat email dinas."))
    phone = Text(allow_none=True, validate=validate.Regexp(PHONE_RE, error="Nomor telepon tidak valid."),
                 metadata=_describe("Nomor telepon/WhatsApp, mis. `+62 812-3456-7890`."))
    tmt_cpns = fields.Date(allow_none=True, metadata=_describe(
        "TMT CPNS/PPPK (YYYY-MM-DD); bulannya harus sama dengan digit 9-14 NIP. Diambil dari NIP bila kosong."))
    rank_tmt = fields.Date(allow_none=True, metadata=_describe(
        "TMT golongan (PNS) atau golongan PPPK saat ini. Perubahan dengan SK: `record_career_change`."))
    kgb_tmt = fields.Date(allow_none=True, metadata=_describe("TMT kenaikan gaji berkala (KGB) terakhir."))
    position_tmt = fields.Date(allow_none=True, metadata=_describe("TMT jabatan saat ini."))

    @validates_schema(skip_on_field_errors=False)
    def _rules(self, data, partial=None, **kwargs):
        if partial:  # a partial update is checked against the stored record in the domain
            return
        errors = employee_rule_errors(data)
        if errors:
            raise ValidationError(errors)


class EmployeeOut(ContractSchema):
    id = fields.Integer(metadata=_describe("Id pegawai."))
    employment_type = fields.String(metadata=_describe("`pns`, `pppk` atau `non_asn`.",
                                                       enum=list(EMPLOYMENT_TYPES)))
    is_asn = fields.Boolean(metadata=_describe("PNS atau PPPK."))
    name = fields.String(metadata=_describe("Nama tanpa gelar."))
    full_name = fields.String(metadata=_describe("Nama lengkap dengan gelar, seperti ditulis pada surat."))
    front_title = fields.String(allow_none=True, metadata=_describe("Gelar depan."))
    back_title = fields.String(allow_none=True, metadata=_describe("Gelar belakang."))
    nip = fields.String(allow_none=True, metadata=_describe("NIP (ASN)."))
    nik = fields.String(allow_none=True, metadata=_describe("NIK."))
    gender = fields.String(allow_none=True, metadata=_describe("`L` atau `P`."))
    birth_date = fields.Date(allow_none=True, metadata=_describe("Tanggal lahir."))
    birth_place = fields.String(allow_none=True, metadata=_describe("Tempat lahir."))
    golongan = fields.String(allow_none=True, metadata=_describe("Golongan/ruang PNS."))
    pangkat = fields.String(allow_none=True, metadata=_describe("Pangkat sesuai golongan, mis. `Penata Muda` "
                                                                "untuk III/a."))
    pppk_grade = fields.String(allow_none=True, metadata=_describe("Golongan PPPK."))
    tmt_cpns = fields.Date(allow_none=True, metadata=_describe("TMT CPNS/PPPK."))
    position_id = fields.Integer(allow_none=True, metadata=_describe("Jabatan (id)."))
    position_name = fields.String(allow_none=True, metadata=_describe("Nama jabatan."))
    unit_id = fields.Integer(metadata=_describe("Unit kerja (id)."))
    unit_name = fields.String(metadata=_describe("Nama unit kerja."))
    supervisor_id = fields.Integer(allow_none=True, metadata=_describe("Atasan langsung (id pegawai)."))
    supervisor_name = fields.String(allow_none=True, metadata=_describe("Nama lengkap atasan langsung."))
    email = fields.String(allow_none=True, metadata=_describe("Email."))
    phone = fields.String(allow_none=True, metadata=_describe("Telepon."))
    active = fields.Boolean(metadata=_describe("Masih aktif bekerja (status `aktif`)."))
    position_kind = fields.String(allow_none=True, metadata=_describe(
        "Jenis jabatan: `struktural`, `fungsional` atau `pelaksana`.", enum=list(POSITION_KINDS)))
    position_level = fields.String(allow_none=True, metadata=_describe(
        "Jenjang jabatan, mis. `jpt_pratama`, `administrator`, `pengawas`, `ahli_pertama`, `pelaksana`.",
        enum=list(POSITION_LEVELS)))
    kelas_jabatan = fields.Integer(allow_none=True, metadata=_describe("Kelas jabatan (1-17) dari jabatannya."))
    rank_tmt = fields.Date(allow_none=True, metadata=_describe("TMT golongan (PNS) atau golongan PPPK saat ini."))
    kgb_tmt = fields.Date(allow_none=True, metadata=_describe("TMT kenaikan gaji berkala (KGB) terakhir."))
    position_tmt = fields.Date(allow_none=True, metadata=_describe("TMT jabatan saat ini."))
    status = fields.String(metadata=_describe(
        "Status pegawai: `aktif`, `cltn` (cuti di luar tanggungan negara), `diberhentikan_sementara`, `pensiun`, "
        "`mutasi_keluar`, `meninggal` atau `nonaktif`.", enum=list(EMPLOYEE_STATUSES)))
    status_label = fields.String(metadata=_describe("Nama status, mis. `Pensiun`."))
    status_since = fields.Date(allow_none=True, metadata=_describe("Sejak tanggal berapa status ini berlaku."))
    created_at = fields.DateTime(metadata=_describe("Waktu dibuat (ISO 8601, UTC)."))
    updated_at = fields.DateTime(metadata=_describe("Waktu terakhir diubah (ISO 8601, UTC)."))


class EmployeeFilters(ContractSchema):
    """Filters of ``list_employees``."""

    q = Text(allow_none=True, validate=_max(100), metadata=_describe("Cari pada nama, NIP atau NIK."))
    unit_id = fields.Integer(allow_none=True, **_ID, metadata=_describe("Hanya pegawai unit ini."))
    include_subunits = fields.Boolean(load_default=True, metadata=_describe(
        "Dengan `unit_id`: sertakan pegawai unit-unit di bawahnya (bawaan: true)."))
    employment_type = fields.String(allow_none=True, validate=_one_of(EMPLOYMENT_TYPES),
                                    metadata=_describe("`pns`, `pppk` atau `non_asn`."))
    is_asn = fields.Boolean(allow_none=True, metadata=_describe("true: PNS dan PPPK; false: non-ASN."))
    active = fields.Boolean(allow_none=True, metadata=_describe("Saring menurut status aktif."))
    golongan = fields.String(allow_none=True, validate=_one_of(GOLONGAN, "I/a … IV/e"),
                             metadata=_describe("Golongan/ruang PNS."))


class DeactivateIn(ContractSchema):
    reason = Text(allow_none=True, validate=_max(500), metadata=_describe("Alasan, mis. pensiun atau mutasi."))


class EmployeePage(ContractSchema):
    items = fields.List(fields.Nested(EmployeeOut), metadata=_describe("Pegawai, urut nama lalu id."))
    next_cursor = fields.String(allow_none=True, metadata=_describe("Cursor halaman berikutnya; null di akhir."))


# -- org units and positions -------------------------------------------------

class OrgUnitIn(ContractSchema):
    code = Text(required=True, validate=validate.Regexp(
        CODE_RE, error="Kode 1-40 karakter: huruf, angka, titik, minus atau garis bawah."),
        metadata=_describe("Kode unik unit, mis. `BUP.TUK`."))
    name = Text(required=True, validate=_required_text(200), metadata=_describe("Nama unit kerja."))
    kind = fields.String(required=True, validate=_one_of(ORG_UNIT_KINDS), metadata=_describe(
        "`biro` (tanpa induk), `bagian` (di bawah biro) atau `subbagian` (di bawah bagian).",
        enum=list(ORG_UNIT_KINDS)))
    parent_id = fields.Integer(allow_none=True, **_ID, metadata=_describe("Unit induk (id)."))
    active = fields.Boolean(load_default=True, metadata=_describe("Unit masih berjalan (bawaan: true)."))


class OrgUnitOut(ContractSchema):
    id = fields.Integer(metadata=_describe("Id unit."))
    code = fields.String(metadata=_describe("Kode unik unit."))
    name = fields.String(metadata=_describe("Nama unit."))
    kind = fields.String(metadata=_describe("`biro`, `bagian` atau `subbagian`.", enum=list(ORG_UNIT_KINDS)))
    parent_id = fields.Integer(allow_none=True, metadata=_describe("Unit induk (id); null untuk biro."))
    head_position_id = fields.Integer(allow_none=True, metadata=_describe("Jabatan kepala unit (id), bila ada."))
    depth = fields.Integer(metadata=_describe("Kedalaman di pohon organisasi: 0 biro, 1 bagian, 2 subbagian."))
    active = fields.Boolean(metadata=_describe("Unit masih berjalan."))


class OrgUnitDetailOut(OrgUnitOut):
    children = fields.List(fields.Nested(OrgUnitOut), metadata=_describe("Unit langsung di bawahnya."))


class PositionIn(ContractSchema):
    name = Text(required=True, validate=_required_text(200), metadata=_describe("Nama jabatan."))
    unit_id = fields.Integer(required=True, **_ID, metadata=_describe("Unit kerja jabatan ini (id)."))
    kind = fields.String(required=True, validate=_one_of(POSITION_KINDS), metadata=_describe(
        "`struktural`, `fungsional` atau `pelaksana`.", enum=list(POSITION_KINDS)))
    is_head = fields.Boolean(load_default=False, metadata=_describe(
        "Jabatan kepala unit (struktural; satu per unit)."))
    level = fields.String(allow_none=True, validate=_one_of(POSITION_LEVELS), metadata=_describe(
        "Jenjang jabatan (boleh kosong).", enum=list(POSITION_LEVELS)))
    kelas_jabatan = fields.Integer(allow_none=True, validate=validate.Range(
        min=1, max=17, error="Kelas jabatan 1 sampai 17."), metadata=_describe("Kelas jabatan 1-17 (boleh kosong)."))


class PositionOut(ContractSchema):
    id = fields.Integer(metadata=_describe("Id jabatan."))
    name = fields.String(metadata=_describe("Nama jabatan."))
    unit_id = fields.Integer(metadata=_describe("Unit kerja (id)."))
    kind = fields.String(metadata=_describe("`struktural`, `fungsional` atau `pelaksana`.",
                                            enum=list(POSITION_KINDS)))
    is_head = fields.Boolean(metadata=_describe("Jabatan kepala unit."))
    level = fields.String(allow_none=True, metadata=_describe("Jenjang jabatan.", enum=list(POSITION_LEVELS)))
    level_label = fields.String(allow_none=True, metadata=_describe("Nama jenjang jabatan."))
    kelas_jabatan = fields.Integer(allow_none=True, metadata=_describe("Kelas jabatan 1-17."))


# -- accounts and authentication ----------------------------------------------

class Username(Text):
    """Usernames are compared case-insensitively: stored and looked up in lower case."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        return text.lower() if text else text


def _unique_roles(roles) -> None:
    if roles is not None and len(set(roles)) != len(roles):
        raise ValidationError("Peran tidak boleh berulang.")


class AccountIn(ContractSchema):
    username = Username(required=True, validate=validate.Regexp(
        USERNAME_RE, error="Nama pengguna 3-64 karakter: huruf kecil, angka, titik, minus atau garis bawah."),
        metadata=_describe("Nama pengguna untuk masuk (huruf kecil)."))
    password = fields.String(required=True, load_only=True, validate=_max(MAX_LENGTH), metadata=_describe(
        "Kata sandi awal: minimal 10 karakter, memuat huruf dan angka."))
    employee_id = fields.Integer(allow_none=True, **_ID, metadata=_describe(
        "Pegawai pemilik akun (id); satu akun per pegawai. Kosong untuk akun sistem."))
    roles = fields.List(
        fields.String(validate=_one_of(ROLES)), required=True,
        validate=[validate.Length(min=1, error="Pilih minimal satu peran."), _unique_roles],
        metadata=_describe(f"Peran akun: {', '.join(ROLES)}."))

    @validates_schema(skip_on_field_errors=False)
    def _password_policy(self, data, **kwargs):
        if "password" in data:
            problem = password_problem(data["password"], data.get("username"))
            if problem:
                raise ValidationError({"password": problem})


class AccountUpdateIn(ContractSchema):
    roles = fields.List(
        fields.String(validate=_one_of(ROLES)),
        validate=[validate.Length(min=1, error="Pilih minimal satu peran."), _unique_roles],
        metadata=_describe("Peran akun yang baru (menggantikan yang lama)."))
    active = fields.Boolean(metadata=_describe("false menonaktifkan akun dan mencabut semua sesinya."))

    @validates_schema
    def _something(self, data, **kwargs):
        if not data:
            raise ValidationError("Tidak ada perubahan: isi `roles` atau `active`.", "_schema")


class AccountOut(ContractSchema):
    id = fields.Integer(metadata=_describe("Id akun."))
    username = fields.String(metadata=_describe("Nama pengguna."))
    employee_id = fields.Integer(allow_none=True, metadata=_describe("Pegawai pemilik akun (id)."))
    roles = fields.List(fields.String(), metadata=_describe("Peran akun."))
    active = fields.Boolean(metadata=_describe("Akun dapat dipakai masuk."))
    locked_until = fields.DateTime(allow_none=True, metadata=_describe(
        "Terkunci sampai waktu ini karena terlalu banyak percobaan masuk gagal; null bila tidak terkunci."))
    created_at = fields.DateTime(metadata=_describe("Waktu dibuat."))


class AccountPage(ContractSchema):
    items = fields.List(fields.Nested(AccountOut), metadata=_describe("Akun, urut nama pengguna lalu id."))
    next_cursor = fields.String(allow_none=True, metadata=_describe("Cursor halaman berikutnya; null di akhir."))


class LoginIn(ContractSchema):
    username = Username(required=True, validate=_required_text(64), metadata=_describe("Nama pengguna."))
    password = fields.String(required=True, load_only=True, validate=_required_text(MAX_LENGTH),
                             metadata=_describe("Kata sandi."))


class RefreshIn(ContractSchema):
    refresh_token = fields.String(required=True, load_only=True, validate=_required_text(200),
                                  metadata=_describe("Refresh token dari login atau refresh sebelumnya."))


class ChangePasswordIn(ContractSchema):
    old_password = fields.String(required=True, load_only=True, validate=_required_text(MAX_LENGTH),
                                 metadata=_describe("Kata sandi saat ini."))
    new_password = fields.String(required=True, load_only=True, metadata=_describe(
        "Kata sandi baru: minimal 10 karakter, memuat huruf dan angka, berbeda dari yang lama."))

    @validates_schema(skip_on_field_errors=False)
    def _policy(self, data, **kwargs):
        new = data.get("new_password")
        if new is None:
            return
        problem = password_problem(new)
        if problem is None and new == data.get("old_password"):
            problem = "Kata sandi baru harus berbeda dari kata sandi lama."
        if problem:
            raise ValidationError({"new_password": problem})


class TokenOut(ContractSchema):
    access_token = fields.String(metadata=_describe("JWT (HS256) untuk header `Authorization: Bearer`."))
    refresh_token = fields.String(metadata=_describe(
        "Token rahasia untuk `refresh`; sekali pakai (diganti setiap refresh)."))
    token_type = fields.String(metadata=_describe("Selalu `Bearer`.", enum=["Bearer"]))
    expires_in = fields.Integer(metadata=_describe("Umur access token dalam detik."))


class RevokedOut(ContractSchema):
    revoked = fields.Boolean(required=True, metadata=_describe("Selalu true: sesi itu dicabut (atau tidak dikenal)."))


class ChangedOut(ContractSchema):
    changed = fields.Boolean(required=True, metadata=_describe("Selalu true: kata sandi diganti."))


class MeOut(ContractSchema):
    account = fields.Nested(AccountOut, metadata=_describe("Akun pemanggil."))
    employee = fields.Nested(EmployeeOut, allow_none=True, metadata=_describe("Data pegawai pemanggil, bila ada."))


class RevokedSessionOut(ContractSchema):
    session_id = fields.String(metadata=_describe("Id sesi (klaim `sid` access token)."))
    until = fields.Integer(metadata=_describe("Detik epoch; setelahnya tak ada access token sesi ini yang "
                                              "masih berlaku."))


class PersonnelCapabilitiesOut(ContractSchema):
    """What the caller may do in personnel in general (``capabilities()``)."""

    read_employees = fields.Boolean(required=True, metadata=_describe(
        "Melihat data pegawai lain: admin semua, kepala unit unitnya dan di bawahnya (data sendiri selalu)."))
    manage_employees = fields.Boolean(required=True, metadata=_describe(
        "Menambah, mengubah dan menonaktifkan pegawai (admin)."))
    manage_org_units = fields.Boolean(required=True, metadata=_describe(
        "Menambah dan mengubah unit organisasi dan jabatan (admin)."))
    manage_accounts = fields.Boolean(required=True, metadata=_describe(
        "Mengelola akun pengguna: membuat, peran, aktif/nonaktif, buka kunci (admin)."))



# -- history and lifecycle -------------------------------------------------------

CAREER_KINDS = tuple(k for k in HISTORY_KINDS if k != "status")


class EmployeeCareerChangeIn(ContractSchema):
    """A career change with its decree (``record_career_change``)."""

    kind = fields.String(required=True, validate=_one_of(CAREER_KINDS), metadata=_describe(
        "`unit` (id unit baru), `position` (id jabatan baru), `rank` (golongan PNS atau golongan PPPK baru), "
        "`grade` (kelas jabatan 1-17), `kgb` (kenaikan gaji berkala; nilai boleh kosong).",
        enum=list(CAREER_KINDS)))
    value = Text(allow_none=True, validate=_max(100), metadata=_describe(
        "Nilai baru: id unit/jabatan, golongan (mis. `III/b`), golongan PPPK (mis. `X`), kelas jabatan; "
        "untuk `kgb` boleh keterangan gaji pokok baru."))
    position_id = fields.Integer(allow_none=True, **_ID, metadata=_describe(
        "Hanya untuk `unit`: jabatan di unit baru (wajib bila jabatan lama bukan milik unit baru)."))
    tmt = fields.Date(required=True, metadata=_describe("Terhitung mulai tanggal (YYYY-MM-DD)."))
    decree_number = Text(required=True, validate=_required_text(100), metadata=_describe("Nomor SK."))
    decree_date = fields.Date(required=True, metadata=_describe("Tanggal SK."))
    note = Text(allow_none=True, validate=_max(1000), metadata=_describe("Catatan."))


class EmployeeStatusIn(ContractSchema):
    """A new status with its date and decree (``change_employee_status``)."""

    status = fields.String(required=True, validate=_one_of(EMPLOYEE_STATUSES), metadata=_describe(
        "Status baru.", enum=list(EMPLOYEE_STATUSES)))
    since = fields.Date(required=True, metadata=_describe("Berlaku sejak (TMT), YYYY-MM-DD."))
    decree_number = Text(allow_none=True, validate=_max(100), metadata=_describe(
        "Nomor SK (wajib kecuali untuk `nonaktif`)."))
    decree_date = fields.Date(allow_none=True, metadata=_describe("Tanggal SK (wajib bersama nomor SK)."))
    note = Text(allow_none=True, validate=_max(1000), metadata=_describe("Catatan, mis. alasan."))


class EmployeeRestoreIn(ContractSchema):
    """Make an employee deactivated by mistake active again (``restore_employee``)."""

    reason = Text(required=True, validate=_required_text(500), metadata=_describe(
        "Alasan pemulihan, mis. `salah menonaktifkan`."))


class EmployeeHistoryQuery(ContractSchema):
    kind = fields.String(allow_none=True, validate=_one_of(HISTORY_KINDS), metadata=_describe(
        "Hanya riwayat jenis ini.", enum=list(HISTORY_KINDS)))


class EmployeeHistoryEntryOut(ContractSchema):
    """One entry of an employee's history (also the payload of ``personnel.career_recorded``)."""

    id = fields.Integer(metadata=_describe("Id entri riwayat."))
    employee_id = fields.Integer(metadata=_describe("Pegawai (id)."))
    kind = fields.String(metadata=_describe("`unit`, `position`, `rank`, `grade`, `kgb` atau `status`.",
                                            enum=list(HISTORY_KINDS)))
    kind_label = fields.String(metadata=_describe("Nama jenis, mis. `Pangkat/golongan`."))
    before_value = fields.String(allow_none=True, metadata=_describe("Nilai sebelumnya (id atau kode)."))
    before_label = fields.String(allow_none=True, metadata=_describe("Nilai sebelumnya, terbaca."))
    after_value = fields.String(allow_none=True, metadata=_describe("Nilai baru (id atau kode)."))
    after_label = fields.String(allow_none=True, metadata=_describe("Nilai baru, terbaca."))
    tmt = fields.Date(metadata=_describe("Terhitung mulai tanggal."))
    decree_number = fields.String(allow_none=True, metadata=_describe(
        "Nomor SK; kosong untuk entri dari ubah data biasa."))
    decree_date = fields.Date(allow_none=True, metadata=_describe("Tanggal SK."))
    note = fields.String(allow_none=True, metadata=_describe("Catatan."))
    recorded_by = fields.String(allow_none=True, metadata=_describe("Nama pengguna yang mencatat."))
    recorded_by_account_id = fields.Integer(allow_none=True, metadata=_describe("Akun yang mencatat (id)."))
    recorded_at = fields.DateTime(metadata=_describe("Waktu dicatat."))


class EmployeeHistoryPage(ContractSchema):
    items = fields.List(fields.Nested(EmployeeHistoryEntryOut), metadata=_describe("Riwayat, TMT terbaru dulu."))
    next_cursor = fields.String(allow_none=True, metadata=_describe("Cursor halaman berikutnya; null di akhir."))
    allowed_actions = fields.List(fields.String(), metadata=_describe(
        "Yang boleh dilakukan pemanggil pada pegawai ini sekarang: `record_career_change`, `change_status`, "
        "`restore`."))
    next_statuses = fields.List(fields.String(), metadata=_describe(
        "Status yang boleh dipasang sekarang lewat `change_employee_status`."))


class EmployeeCareerResultOut(ContractSchema):
    """The answer of ``record_career_change``, ``change_employee_status`` and ``restore_employee``."""

    employee = fields.Nested(EmployeeOut, metadata=_describe("Data pegawai setelah perubahan."))
    entries = fields.List(fields.Nested(EmployeeHistoryEntryOut), metadata=_describe("Entri riwayat yang dicatat."))
    account_active = fields.Boolean(allow_none=True, metadata=_describe(
        "Akun pegawai aktif? null bila tidak punya akun. Pemulihan tidak mengaktifkan akun: admin mengaktifkannya "
        "lewat `PATCH /accounts/{id}`."))
    account_id = fields.Integer(allow_none=True, metadata=_describe("Akun pegawai (id), bila ada."))


class EmployeeStatusChangedEvent(ContractSchema):
    """Payload of ``personnel.employee_status_changed``."""

    employee_id = fields.Integer(metadata=_describe("Pegawai (id)."))
    status = fields.String(metadata=_describe("Status baru.", enum=list(EMPLOYEE_STATUSES)))
    status_label = fields.String(metadata=_describe("Nama status baru."))
    previous_status = fields.String(metadata=_describe("Status sebelumnya.", enum=list(EMPLOYEE_STATUSES)))
    since = fields.Date(metadata=_describe("Berlaku sejak."))
    decree_number = fields.String(allow_none=True, metadata=_describe("Nomor SK."))
    decree_date = fields.Date(allow_none=True, metadata=_describe("Tanggal SK."))
    note = fields.String(allow_none=True, metadata=_describe("Catatan."))
    entry_id = fields.Integer(metadata=_describe("Entri riwayat (id)."))


class EmployeeRestoredEvent(ContractSchema):
    """Payload of ``personnel.employee_restored``."""

    employee_id = fields.Integer(metadata=_describe("Pegawai (id)."))
    previous_status = fields.String(metadata=_describe("Status sebelum dipulihkan.", enum=list(EMPLOYEE_STATUSES)))
    since = fields.Date(metadata=_describe("Aktif kembali sejak."))
    reason = fields.String(metadata=_describe("Alasan pemulihan."))
    entry_id = fields.Integer(metadata=_describe("Entri riwayat (id)."))
    account_id = fields.Integer(allow_none=True, metadata=_describe("Akun pegawai (id), bila ada."))
    account_active = fields.Boolean(allow_none=True, metadata=_describe(
        "Akun aktif? Pemulihan tidak mengaktifkan akun."))


# -- events ------------------------------------------------------------------

class EmployeeDeactivatedEvent(EmployeeOut):
    reason = fields.String(allow_none=True, metadata=_describe("Alasan penonaktifan."))


class SessionRevokedEvent(ContractSchema):
    session_id = fields.String(metadata=_describe("Id sesi yang dicabut."))
    account_id = fields.Integer(metadata=_describe("Akun pemilik sesi."))
    until = fields.Integer(metadata=_describe("Detik epoch sampai kapan verifier harus menolak token sesi ini."))


#: Stable names of every schema in the contract (the gateway's OpenAPI components).
SCHEMAS: dict[str, type[Schema]] = {
    "EmployeeIn": EmployeeIn,
    "EmployeeOut": EmployeeOut,
    "EmployeeFilters": EmployeeFilters,
    "EmployeePage": EmployeePage,
    "DeactivateIn": DeactivateIn,
    "OrgUnitIn": OrgUnitIn,
    "OrgUnitOut": OrgUnitOut,
    "OrgUnitDetailOut": OrgUnitDetailOut,
    "PositionIn": PositionIn,
    "PositionOut": PositionOut,
    "AccountIn": AccountIn,
    "AccountUpdateIn": AccountUpdateIn,
    "AccountOut": AccountOut,
    "AccountPage": AccountPage,
    "LoginIn": LoginIn,
    "RefreshIn": RefreshIn,
    "ChangePasswordIn": ChangePasswordIn,
    "TokenOut": TokenOut,
    "MeOut": MeOut,
    "RevokedOut": RevokedOut,
    "ChangedOut": ChangedOut,
    "RevokedSessionOut": RevokedSessionOut,
    "PersonnelCapabilitiesOut": PersonnelCapabilitiesOut,
    "EmployeeDeactivatedEvent": EmployeeDeactivatedEvent,
    "EmployeeCareerChangeIn": EmployeeCareerChangeIn,
    "EmployeeStatusIn": EmployeeStatusIn,
    "EmployeeRestoreIn": EmployeeRestoreIn,
    "EmployeeHistoryQuery": EmployeeHistoryQuery,
    "EmployeeHistoryEntryOut": EmployeeHistoryEntryOut,
    "EmployeeHistoryPage": EmployeeHistoryPage,
    "EmployeeCareerResultOut": EmployeeCareerResultOut,
    "EmployeeStatusChangedEvent": EmployeeStatusChangedEvent,
    "EmployeeRestoredEvent": EmployeeRestoredEvent,
    "SessionRevokedEvent": SessionRevokedEvent,
}

__all__ = [*SCHEMAS, "SCHEMAS", "ContractSchema"]
