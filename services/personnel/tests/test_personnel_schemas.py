"""The contract schemas: Indonesian per-field messages, unknown fields rejected, documented fields."""
import pytest
from marshmallow import ValidationError
from personnel import schemas
from situok_kit.errors import ValidationFailed, from_marshmallow

VALID = {
    "employment_type": "pns", "name": "  I Made Sukarta ", "nip": "199003152015031002",
    "golongan": "III/a", "unit_id": 3, "front_title": "", "email": "made@baliprov.go.id",
}


def errors_of(schema, data, **kwargs) -> dict:
    with pytest.raises(ValidationError) as info:
        schema.load(data, **kwargs)
    failed = from_marshmallow(info.value)
    assert isinstance(failed, ValidationFailed) and failed.status == 422
    return failed.fields


def test_employee_in_cleans_text():
    data = schemas.EmployeeIn().load(VALID)
    assert data["name"] == "I Made Sukarta"
    assert data["front_title"] is None


def test_employee_in_messages_name_the_field():
    fields = errors_of(schemas.EmployeeIn(), {**VALID, "nip": "199013312015031002", "unit_id": "x",
                                              "golongan": "V/a", "gender": "X", "extra": 1})
    assert fields == {
        "nip": "Tanggal lahir pada NIP (digit 1-8) tidak valid: 19901331.",
        "unit_id": "Harus berupa bilangan bulat.",
        "golongan": "Harus salah satu dari: I/a … IV/e.",
        "gender": "Harus salah satu dari: L, P.",
        "extra": "Kolom tidak dikenal.",
    }


def test_employee_in_required_and_format_messages():
    fields = errors_of(schemas.EmployeeIn(), {"employment_type": "non_asn", "nik": "123", "birth_date": "17-05-1998",
                                              "email": "bukan-email"})
    assert fields == {
        "name": "Wajib diisi.",
        "unit_id": "Wajib diisi.",
        "nik": "NIK harus 16 digit angka.",
        "birth_date": "Harus berupa tanggal dengan format YYYY-MM-DD.",
        "email": "Alamat email tidak valid.",
    }
    assert errors_of(schemas.EmployeeIn(), ["not", "an", "object"]) == {"_schema": "Data harus berupa objek JSON."}


def test_partial_load_skips_cross_field_rules():
    assert schemas.EmployeeIn().load({"phone": "+62 361 222333"}, partial=True) == {"phone": "+62 361 222333"}
    assert errors_of(schemas.EmployeeIn(), {"phone": "call me"}, partial=True) == {
        "phone": "Nomor telepon tidak valid."}


def test_account_in_policy_and_roles():
    fields = errors_of(schemas.AccountIn(), {"username": "Budi Santoso", "password": "pendek",
                                             "roles": ["admin", "raja", "admin"]})
    assert fields["username"].startswith("Nama pengguna 3-64 karakter")
    assert fields["password"] == "Kata sandi minimal 10 karakter."
    assert fields["roles.1"] == "Harus salah satu dari: " + ", ".join(schemas.ROLES) + "."
    assert errors_of(schemas.AccountIn(), {"username": "budi", "password": "Rahasia2026", "roles": []}) == {
        "roles": "Pilih minimal satu peran."}
    assert schemas.AccountIn().load({"username": " Budi.S ", "password": "Rahasia2026",
                                     "roles": ["pegawai"]})["username"] == "budi.s"
    assert errors_of(schemas.AccountUpdateIn(), {}) == {"_schema": "Tidak ada perubahan: isi `roles` atau `active`."}


def test_change_password_in():
    assert errors_of(schemas.ChangePasswordIn(), {"old_password": "Rahasia2026", "new_password": "Rahasia2026"}) == {
        "new_password": "Kata sandi baru harus berbeda dari kata sandi lama."}
    assert errors_of(schemas.ChangePasswordIn(), {"old_password": "x", "new_password": "tanpaangka!!"}) == {
        "new_password": "Kata sandi harus memuat huruf dan angka."}


def test_org_unit_and_position_in():
    assert schemas.OrgUnitIn().load({"code": "BUP.X", "name": "Bagian X", "kind": "bagian", "parent_id": 1})[
        "active"] is True
    assert errors_of(schemas.OrgUnitIn(), {"code": "bad code!", "name": " ", "kind": "dinas"}) == {
        "code": "Kode 1-40 karakter: huruf, angka, titik, minus atau garis bawah.",
        "name": "Tidak boleh kosong.",
        "kind": "Harus salah satu dari: biro, bagian, subbagian.",
    }
    assert schemas.PositionIn().load({"name": "Analis", "unit_id": 2, "kind": "fungsional"})["is_head"] is False


def test_every_field_is_documented_and_names_are_stable():
    expected = {"EmployeeIn", "EmployeeOut", "OrgUnitIn", "OrgUnitOut", "PositionIn", "PositionOut", "AccountIn",
                "AccountOut", "LoginIn", "TokenOut", "MeOut", "EmployeePage", "AccountPage"}
    assert expected <= set(schemas.SCHEMAS)
    for name, cls in schemas.SCHEMAS.items():
        assert getattr(schemas, name) is cls
        for field_name, field in cls().fields.items():
            assert field.metadata.get("description"), f"{name}.{field_name} has no description"


def test_out_schemas_never_expose_secrets():
    dumped = schemas.AccountIn().dump({"username": "budi", "password": "Rahasia2026", "roles": ["pegawai"]})
    assert "password" not in dumped
    assert "password_hash" not in schemas.AccountOut().fields
