"""Domain functions against the real database, without Nameko or a broker.

Each test runs in a transaction that is rolled back (fixture ``tx``), with an
explicit clock where time matters, so lockouts are tested without waiting.
"""
import uuid
from datetime import UTC, date, datetime, timedelta

import jwt
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from personnel import events
from personnel.domain import accounts, auth, employees, orgunits
from personnel.domain.access import viewer_for
from personnel.domain.conflicts import flush_or_conflict
from personnel.models import Account, Base, Employee, LoginSession, OrgUnit, kit_tables
from personnel.schemas import EmployeeIn
from personnel.seed import seed
from personnel_testkit import ADMIN_PASSWORD, DEMO_PASSWORD
from situok_kit.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from situok_kit.identity import Identity
from sqlalchemy import func, select

pytestmark = pytest.mark.integration

POLICY = auth.AuthPolicy(max_failures=3, lock_seconds=15 * 60, access_ttl=900, refresh_ttl=3600)
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def identity_of(access_token: str) -> Identity:
    """The identity in a token issued on the test clock (not the wall clock), so read without time checks."""
    claims = jwt.decode(access_token, options={"verify_signature": False})
    return Identity(account_id=int(claims["sub"]), username=claims["usr"], employee_id=claims["emp"],
                    unit_id=claims["unit"], roles=frozenset(claims["roles"]), session_id=claims["sid"])


def emitted(tx, event_type):
    return [e for e in tx.emitted if e.type == event_type]


def new_employee(tx, seeded_db, **overrides):
    raw = {"employment_type": "pns", "name": "I Wayan Uji Coba", "nip": "199105052016031001",
           "unit_id": seeded_db.unit_ids["BUP.KA.PBH"], "golongan": "III/b"}
    raw.update(overrides)
    return employees.create_employee(tx, EmployeeIn().load(raw))


# -- login and lockout ---------------------------------------------------------

def test_login_issues_tokens_for_the_account(tx, seeded_db):
    tokens = auth.login(tx, "kasubbag", DEMO_PASSWORD, POLICY, T0).unwrap()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    ident = seeded_db.identity("kasubbag")
    assert claims["sub"] == str(ident.account_id) and claims["emp"] == ident.employee_id
    assert claims["unit"] == seeded_db.unit_ids["BUP.KA.PBH"] and claims["roles"] == ["kasubbag", "pegawai"]
    assert claims["exp"] - claims["iat"] == 900
    stored = tx.session.get(LoginSession, uuid.UUID(claims["sid"]))
    assert stored.refresh_token_hash == auth.token_hash(tokens["refresh_token"])   # only the SHA-256 is kept
    assert stored.expires_at == T0 + timedelta(seconds=3600)


def test_failures_throttle_instead_of_locking(tx):
    """No hard lock (details in test_personnel_login_throttle): after the delay the right password works."""
    for attempt in range(3):
        outcome = auth.login(tx, "pegawai", "salah-sandi-1", POLICY, T0 + timedelta(seconds=attempt * 0.1))
        assert isinstance(outcome.error, Unauthorized)
        assert outcome.error.message == "Nama pengguna atau kata sandi salah."
    assert outcome.error.extra == {"retry_after": 1}
    after = auth.login(tx, "pegawai", DEMO_PASSWORD, POLICY, T0 + timedelta(seconds=2))
    assert after.error is None
    account = tx.session.scalar(select(Account).where(Account.username == "pegawai"))
    assert account.failed_attempts == 0 and account.locked_until is None


def test_unknown_user_gets_the_same_answer_as_a_wrong_password(tx):
    unknown = auth.login(tx, "tidak-ada", "apa-saja-123", POLICY, T0).error
    wrong = auth.login(tx, "bendahara", "apa-saja-123", POLICY, T0).error
    assert type(unknown) is type(wrong) is Unauthorized
    assert unknown.message == wrong.message


def test_inactive_account_cannot_log_in(tx, seeded_db):
    account = tx.session.scalar(select(Account).where(Account.username == "operator"))
    account.active = False
    assert auth.login(tx, "operator", DEMO_PASSWORD, POLICY, T0).error.message == "Akun tidak aktif. Hubungi admin."


def test_login_rehashes_weak_hashes(tx):
    from argon2 import PasswordHasher

    account = tx.session.scalar(select(Account).where(Account.username == "bendahara"))
    account.password_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(DEMO_PASSWORD)
    assert auth.login(tx, "bendahara", DEMO_PASSWORD, POLICY, T0).error is None
    assert "m=65536" in account.password_hash


# -- sessions ------------------------------------------------------------------

def test_refresh_rotates_and_detects_reuse(tx):
    first = auth.login(tx, "pimpinan", DEMO_PASSWORD, POLICY, T0).unwrap()
    second = auth.refresh(tx, first["refresh_token"], POLICY, T0 + timedelta(minutes=5)).unwrap()
    sid = identity_of(second["access_token"]).session_id
    assert sid == identity_of(first["access_token"]).session_id
    # The old token within the grace window: refused, session kept.
    soon = auth.refresh(tx, first["refresh_token"], POLICY, T0 + timedelta(minutes=5, seconds=3))
    assert isinstance(soon.error, Unauthorized)
    assert not emitted(tx, events.SESSION_REVOKED)
    # Replayed later: the token was copied, so the whole session is revoked.
    late = auth.refresh(tx, first["refresh_token"], POLICY, T0 + timedelta(minutes=6))
    assert isinstance(late.error, Unauthorized)
    [revoked] = emitted(tx, events.SESSION_REVOKED)
    assert revoked.data["session_id"] == sid
    assert isinstance(auth.refresh(tx, second["refresh_token"], POLICY, T0 + timedelta(minutes=7)).error,
                      Unauthorized)


def test_expired_session_cannot_refresh(tx):
    tokens = auth.login(tx, "pimpinan", DEMO_PASSWORD, POLICY, T0).unwrap()
    assert isinstance(auth.refresh(tx, tokens["refresh_token"], POLICY, T0 + timedelta(hours=2)).error,
                      Unauthorized)


def test_logout_and_revoked_sessions_list(tx, seeded_db):
    tokens = auth.login(tx, "kabag", DEMO_PASSWORD, POLICY, T0).unwrap()
    ident = identity_of(tokens["access_token"])
    assert auth.logout(tx, ident, POLICY, T0 + timedelta(minutes=1)) == {"revoked": True}
    [event] = emitted(tx, events.SESSION_REVOKED)
    until = int((T0 + timedelta(minutes=1, seconds=900)).timestamp())
    assert event.data == {"session_id": ident.session_id, "account_id": ident.account_id, "until": until}
    listed = auth.revoked_sessions(tx.session, POLICY, T0 + timedelta(minutes=2))
    assert {"session_id": ident.session_id, "until": until} in listed
    assert auth.revoked_sessions(tx.session, POLICY, T0 + timedelta(minutes=20)) == []
    assert isinstance(auth.refresh(tx, tokens["refresh_token"], POLICY, T0 + timedelta(minutes=2)).error,
                      Unauthorized)


def test_change_password_revokes_other_sessions(tx):
    keep = auth.login(tx, "bendahara", DEMO_PASSWORD, POLICY, T0).unwrap()
    other = auth.login(tx, "bendahara", DEMO_PASSWORD, POLICY, T0).unwrap()
    ident = identity_of(keep["access_token"])
    wrong = auth.change_password(tx, ident, "bukan-sandi-1", "SandiBaru2026", POLICY, T0)
    assert wrong.error.fields == {"old_password": "Kata sandi lama salah."}
    weak = auth.change_password(tx, ident, DEMO_PASSWORD, "bendahara", POLICY, T0)
    assert weak.error.fields == {"new_password": "Kata sandi minimal 10 karakter."}
    assert auth.change_password(tx, ident, DEMO_PASSWORD, "SandiBaru2026", POLICY, T0).unwrap() == {"changed": True}
    assert auth.refresh(tx, keep["refresh_token"], POLICY, T0).error is None
    assert isinstance(auth.refresh(tx, other["refresh_token"], POLICY, T0).error, Unauthorized)
    assert auth.login(tx, "bendahara", "SandiBaru2026", POLICY, T0).error is None


# -- employees -----------------------------------------------------------------

def test_create_employee_derives_from_nip_and_emits(tx, seeded_db):
    employee = new_employee(tx, seeded_db)
    assert (employee.gender, employee.birth_date, employee.tmt_cpns) == ("L", date(1991, 5, 5), date(2016, 3, 1))
    [event] = emitted(tx, events.EMPLOYEE_CREATED)
    assert event.data["nip"] == "199105052016031001" and event.data["pangkat"] == "Penata Muda Tingkat I"
    assert event.data["unit_name"] == "Subbagian Perbendaharaan"


def test_duplicate_nip_is_a_conflict_on_the_nip_field(tx, seeded_db):
    with pytest.raises(Conflict) as info:
        new_employee(tx, seeded_db, nip="199209222019031002")   # the seeded "pegawai"
    assert info.value.fields == {"nip": "NIP ini sudah terdaftar atas pegawai lain."}


def test_a_racing_duplicate_is_mapped_to_the_field(tx, seeded_db):
    """The unique constraint catches what slips past the pre-check (two admins at once)."""
    twin = Employee(employment_type="non_asn", name="Kembar", nik="5171031705980001",
                    unit_id=seeded_db.unit_ids["BUP.RT"])
    tx.session.add(twin)
    with pytest.raises(Conflict) as info:
        flush_or_conflict(tx.session, employees._UNIQUE)
    assert info.value.fields == {"nik": "NIK ini sudah terdaftar atas pegawai lain."}


def test_references_are_checked(tx, seeded_db):
    bmd_head = tx.session.scalar(select(OrgUnit).where(OrgUnit.code == "BUP.KA.BMD"))
    other_position = orgunits.list_positions(tx.session, bmd_head.id)[0].id
    with pytest.raises(ValidationFailed) as info:
        new_employee(tx, seeded_db, position_id=other_position, supervisor_id=99999)
    assert info.value.fields == {
        "position_id": "Jabatan ini milik unit kerja lain; pilih jabatan di unit kerja pegawai.",
        "supervisor_id": "Atasan tidak ditemukan.",
    }


def test_update_checks_the_merged_record(tx, seeded_db):
    employee = new_employee(tx, seeded_db)
    with pytest.raises(ValidationFailed) as info:
        employees.update_employee(tx, employee.id, {"employment_type": "non_asn"})
    assert info.value.fields["nip"].startswith("NIP hanya untuk ASN")
    assert info.value.fields["nik"] == "NIK wajib diisi untuk pegawai non-ASN."
    # A new NIP brings its own birth date and TMT (the old ones were derived from the old NIP).
    updated = employees.update_employee(tx, employee.id, {"nip": "199202022017032001", "gender": "P"})
    assert (updated.birth_date, updated.tmt_cpns, updated.gender) == (date(1992, 2, 2), date(2017, 3, 1), "P")
    assert len(emitted(tx, events.EMPLOYEE_UPDATED)) == 1
    # No change, no event.
    employees.update_employee(tx, employee.id, {"name": "I Wayan Uji Coba"})
    assert len(emitted(tx, events.EMPLOYEE_UPDATED)) == 1


def test_supervisor_cycles_are_refused(tx, seeded_db):
    karo = seeded_db.employee_ids["karo"]
    with pytest.raises(ValidationFailed) as info:
        employees.update_employee(tx, karo, {"supervisor_id": seeded_db.employee_ids["pegawai"]})
    assert "atasan" in info.value.fields["supervisor_id"]
    with pytest.raises(ValidationFailed):
        employees.update_employee(tx, karo, {"supervisor_id": karo})


def test_deactivate_employee_deactivates_account_and_revokes_sessions(tx, seeded_db):
    tokens = auth.login(tx, "pengurus_barang", DEMO_PASSWORD, POLICY, T0).unwrap()
    employee = employees.deactivate_employee(tx, seeded_db.employee_ids["pengurus_barang"], "Mutasi", POLICY, T0)
    assert not employee.active and employee.deactivation_reason == "Mutasi"
    assert [e.data["reason"] for e in emitted(tx, events.EMPLOYEE_DEACTIVATED)] == ["Mutasi"]
    assert [e.data["active"] for e in emitted(tx, events.ACCOUNT_DEACTIVATED)] == [False]
    assert len(emitted(tx, events.SESSION_REVOKED)) == 1
    assert isinstance(auth.refresh(tx, tokens["refresh_token"], POLICY, T0).error, Unauthorized)
    assert auth.login(tx, "pengurus_barang", DEMO_PASSWORD, POLICY, T0).error.message == (
        "Akun tidak aktif. Hubungi admin.")


def test_visibility(tx, seeded_db):
    def visible(username):
        ident = seeded_db.identity(username)
        rows = employees.list_employees(tx.session, viewer_for(tx.session, ident), {}, None, 200)["items"]
        return {e["id"] for e in rows}

    everyone = set(tx.session.scalars(select(Employee.id)))
    assert visible("admin") == everyone
    assert visible("pimpinan") == everyone                   # Kepala Biro: the whole tree
    assert visible("pegawai") == {seeded_db.employee_ids["pegawai"]}
    pbh = {seeded_db.employee_ids[k] for k in ("kasubbag_pbh", "bendahara", "pegawai")}
    assert visible("kasubbag") == pbh
    kabag = visible("kabag")
    assert pbh < kabag and seeded_db.employee_ids["pengurus_barang"] in kabag
    assert seeded_db.employee_ids["operator"] not in kabag
    stranger = Identity(account_id=999, username="x", roles=frozenset({"kasubbag"}))
    assert employees.list_employees(tx.session, viewer_for(tx.session, stranger), {}, None, 10)["items"] == []


# -- org units and accounts ------------------------------------------------------

def test_org_unit_kind_must_fit_parent(tx, seeded_db):
    biro = seeded_db.unit_ids["BUP"]
    with pytest.raises(ValidationFailed) as info:
        orgunits.create_org_unit(tx, {"code": "X1", "name": "Sub", "kind": "subbagian", "parent_id": biro})
    assert info.value.fields == {"parent_id": "Subbagian harus berada di bawah Bagian."}
    with pytest.raises(ValidationFailed) as info:
        orgunits.create_org_unit(tx, {"code": "X2", "name": "Biro Lain", "kind": "biro", "parent_id": biro})
    assert info.value.fields == {"parent_id": "Biro adalah unit tertinggi dan tidak boleh memiliki unit induk."}
    with pytest.raises(ValidationFailed) as info:
        orgunits.update_org_unit(tx, seeded_db.unit_ids["BUP.KA"], {"kind": "subbagian"})
    assert info.value.fields["kind"] == "Subbagian harus berada di bawah Bagian."
    with pytest.raises(ValidationFailed) as info:
        orgunits.update_org_unit(tx, seeded_db.unit_ids["BUP.KA"], {"kind": "biro", "parent_id": None})
    assert info.value.fields == {
        "kind": "Unit ini masih membawahi Subbagian; jenisnya tidak dapat diubah menjadi Biro."}
    with pytest.raises(Conflict) as conflict:
        orgunits.create_org_unit(tx, {"code": "BUP.KA", "name": "Lagi", "kind": "bagian", "parent_id": biro})
    assert conflict.value.fields == {"code": "Kode unit kerja sudah dipakai unit lain."}
    assert orgunits.subunit_ids(tx.session, seeded_db.unit_ids["BUP.KA"]) == {
        seeded_db.unit_ids[c] for c in ("BUP.KA", "BUP.KA.PBH", "BUP.KA.AKP", "BUP.KA.BMD")}


def test_account_rules(tx, seeded_db):
    data = {"username": "arsip", "password": "ArsipBali2026", "roles": ["pegawai"],
            "employee_id": seeded_db.employee_ids["pegawai"]}
    with pytest.raises(Conflict) as info:
        accounts.create_account(tx, data)
    assert info.value.fields == {"employee_id": "Pegawai ini sudah memiliki akun."}
    with pytest.raises(Conflict) as info:
        accounts.create_account(tx, {**data, "username": "pegawai", "employee_id": None})
    assert info.value.fields == {"username": "Nama pengguna ini sudah dipakai."}
    admin = seeded_db.identity("admin")
    with pytest.raises(ValidationFailed):
        accounts.update_account(tx, admin.account_id, {"roles": ["pegawai"]}, admin, POLICY)
    with pytest.raises(NotFound):
        accounts.get_account(tx.session, 99999)


def test_me_for_an_account_without_employee(tx, seeded_db):
    account, employee = accounts.me(tx.session, seeded_db.identity("admin"))
    assert account.username == "admin" and employee is None
    assert auth.login(tx, "admin", ADMIN_PASSWORD, POLICY, T0).error is None


# -- seed and migration ------------------------------------------------------------

def test_seed_is_idempotent(tx):
    before = tx.session.scalar(select(func.count()).select_from(kit_tables.outbox))
    report = seed(tx.session, admin_password=ADMIN_PASSWORD, demo_password=DEMO_PASSWORD)
    assert report.created == {"org_units": 0, "positions": 0, "employees": 0, "accounts": 0}
    assert report.passwords == {}
    assert tx.session.scalar(select(func.count()).select_from(kit_tables.outbox)) == before


def test_migration_matches_the_models(seeded_db):
    with seeded_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def test_listing_rows_equal_the_contract_dump(tx, seeded_db):
    """The list's direct row builder gives exactly what ``EmployeeOut`` dumps for every employee."""
    admin = seeded_db.identity("admin")
    listed = employees.list_employees(tx.session, viewer_for(tx.session, admin), {}, None, 200)["items"]
    by_id = {e.id: e for e in tx.session.scalars(select(Employee))}
    assert len(listed) == len(by_id) >= 30
    assert any(row["supervisor_name"] for row in listed) and any(row["position_name"] for row in listed)
    for row in listed:
        assert row == events.employee_data(by_id[row["id"]])


def test_account_and_org_unit_changes_are_published(tx, seeded_db):
    """The contract's account and org-unit events: one per real change, with the record's new state."""
    admin = seeded_db.identity("admin")
    account = accounts.create_account(tx, {"username": "baru" + uuid.uuid4().hex[:6],
                                           "password": "Sandi-Baru-2026", "roles": ["pegawai"]})
    [created] = emitted(tx, events.ACCOUNT_CREATED)
    assert created.data["id"] == account.id and created.data["roles"] == ["pegawai"]
    assert "password_hash" not in created.data
    accounts.update_account(tx, account.id, {"roles": ["pegawai", "operator"]}, admin, POLICY, T0)
    [updated] = emitted(tx, events.ACCOUNT_UPDATED)
    assert sorted(updated.data["roles"]) == ["operator", "pegawai"]
    accounts.update_account(tx, account.id, {"roles": ["operator", "pegawai"]}, admin, POLICY, T0)
    assert len(emitted(tx, events.ACCOUNT_UPDATED)) == 1  # the same roles again: no change, no event

    biro = next(u for u in orgunits.list_org_units(tx.session) if u["kind"] == "biro")
    unit = orgunits.create_org_unit(tx, {"code": "UJI." + uuid.uuid4().hex[:4], "name": "Bagian Uji",
                                         "kind": "bagian", "parent_id": biro["id"]})
    [unit_created] = emitted(tx, events.ORG_UNIT_CREATED)
    assert unit_created.data["id"] == unit["id"] and unit_created.data["parent_id"] == biro["id"]
    orgunits.update_org_unit(tx, unit["id"], {"name": "Bagian Uji Coba"})
    assert [e.data["name"] for e in emitted(tx, events.ORG_UNIT_UPDATED)] == ["Bagian Uji Coba"]
