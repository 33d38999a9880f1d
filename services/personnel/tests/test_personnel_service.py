"""The running service over RPC: real broker, real database, identity in context data."""
import pytest
from personnel.models import Employee, kit_tables
from personnel_testkit import ADMIN_PASSWORD, DEMO_PASSWORD, MAX_FAILURES
from situok_kit.errors import Conflict, Forbidden, NotFound, Unauthorized, ValidationFailed
from situok_kit.testing import wait_for
from situok_kit.tokens import verify_access_token
from sqlalchemy import func, select

pytestmark = pytest.mark.integration


def employee_data(seeded_db, nip, **extra):
    data = {"employment_type": "pns", "name": "Ni Luh Putu Uji Layanan", "nip": nip, "golongan": "III/a",
            "unit_id": seeded_db.unit_ids["BUP.KA.PBH"], "birth_place": "Denpasar"}
    data.update(extra)
    return data


# -- authentication --------------------------------------------------------------

def test_login_me_and_wrong_credentials(service, rpc):
    tokens = rpc().login("Pegawai", DEMO_PASSWORD)          # usernames are case-insensitive
    assert set(tokens) == {"access_token", "refresh_token", "token_type", "expires_in"}
    verified = verify_access_token(tokens["access_token"])
    assert verified.identity.username == "pegawai" and verified.identity.roles == {"pegawai"}
    me = rpc(verified.identity).me()
    assert me["account"]["username"] == "pegawai"
    assert me["employee"]["nip"] == "199209222019031002" and me["employee"]["pangkat"] == "Penata Muda"
    with pytest.raises(Unauthorized) as wrong:
        rpc().login("pegawai", "bukan-sandinya-1")
    with pytest.raises(Unauthorized) as unknown:
        rpc().login("tidak.ada", "bukan-sandinya-1")
    assert wrong.value.message == unknown.value.message == "Nama pengguna atau kata sandi salah."
    with pytest.raises(ValidationFailed) as empty:
        rpc().login("", "")
    assert set(empty.value.fields) == {"username", "password"}
    with pytest.raises(Unauthorized):
        rpc().me()


def test_failures_throttle_the_source_and_the_owner_still_gets_in(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    account = admin.create_account({"username": "arsiparis", "password": "ArsipBali2026", "roles": ["pegawai"],
                                    "employee_id": seeded_db.employee_ids["arsiparis"]})
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(Unauthorized):
            rpc().login("arsiparis", "salah-sandi-1", client_address="192.0.2.7")
    with pytest.raises(Unauthorized) as throttled:
        rpc().login("arsiparis", "salah-sandi-1", client_address="192.0.2.7")
    assert throttled.value.message == "Nama pengguna atau kata sandi salah."
    assert 0 < int(float(throttled.value.extra["retry_after"])) <= 2
    assert admin.get_account(account["id"])["locked_until"] is not None
    # The owner, from elsewhere, is not locked out.
    assert rpc().login("arsiparis", "ArsipBali2026", client_address="198.51.100.7")["token_type"] == "Bearer"
    assert admin.get_account(account["id"])["locked_until"] is None


def test_admin_unlocks_an_account(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    account = admin.create_account({"username": "tamu.kunci", "password": "TamuBali2026", "roles": ["pegawai"]})
    for _ in range(MAX_FAILURES):
        with pytest.raises(Unauthorized):
            rpc().login("tamu.kunci", "salah-sandi-1")
    with pytest.raises(Unauthorized):                      # this source waits, even with the right password
        rpc().login("tamu.kunci", "TamuBali2026")
    assert admin.unlock_account(account["id"])["locked_until"] is None
    assert rpc().login("tamu.kunci", "TamuBali2026")["token_type"] == "Bearer"
    with pytest.raises(Forbidden):
        rpc(seeded_db.identity("operator")).unlock_account(account["id"])


def test_refresh_rotates_the_token(service, rpc):
    first = rpc().login("bendahara", DEMO_PASSWORD)
    second = rpc().refresh(first["refresh_token"])
    assert second["refresh_token"] != first["refresh_token"]
    assert verify_access_token(second["access_token"]).session_id == verify_access_token(
        first["access_token"]).session_id
    with pytest.raises(Unauthorized):
        rpc().refresh(first["refresh_token"])
    with pytest.raises(Unauthorized):
        rpc().refresh("tidak-dikenal")
    assert rpc().refresh(second["refresh_token"])["token_type"] == "Bearer"


def test_logout_revokes_the_session_and_announces_it(service, rpc, observer):
    revoked = observer("session_revoked")
    tokens = rpc().login("kabag", DEMO_PASSWORD)
    ident = verify_access_token(tokens["access_token"]).identity
    assert rpc(ident).logout() == {"revoked": True}
    with pytest.raises(Unauthorized):
        rpc().refresh(tokens["refresh_token"])
    events = wait_for(lambda: [m for m in revoked.of_type("personnel.session_revoked")
                               if m["data"]["session_id"] == ident.session_id], message="session_revoked")
    assert events[0]["data"]["account_id"] == ident.account_id
    assert events[0]["actor"]["username"] == "kabag"
    listed = {s["session_id"]: s["until"] for s in rpc().revoked_sessions()}
    assert listed[ident.session_id] == events[0]["data"]["until"]


def test_an_edge_ends_a_session_with_its_refresh_token(service, rpc, observer):
    """The web's own session expired (idle/absolute): it ends personnel's with the refresh token it holds."""
    revoked = observer("session_revoked")
    tokens = rpc().login("pengurus_barang", DEMO_PASSWORD)
    session_id = verify_access_token(tokens["access_token"]).session_id
    assert rpc().end_session(tokens["refresh_token"]) == {"revoked": True}
    with pytest.raises(Unauthorized):
        rpc().refresh(tokens["refresh_token"])
    wait_for(lambda: [m for m in revoked.of_type("personnel.session_revoked")
                      if m["data"]["session_id"] == session_id], message="session_revoked")
    # An unknown or spent token gets the same answer: it tells nothing.
    assert rpc().end_session("tidak-dikenal") == {"revoked": True}
    assert rpc().end_session(tokens["refresh_token"]) == {"revoked": True}


def test_change_password(service, rpc, seeded_db):
    rpc(seeded_db.identity("admin")).create_account(
        {"username": "tamu.sandi", "password": "SandiLama2026", "roles": ["pegawai"]})
    keep = rpc().login("tamu.sandi", "SandiLama2026")
    other = rpc().login("tamu.sandi", "SandiLama2026")
    me = rpc(verify_access_token(keep["access_token"]).identity)
    with pytest.raises(ValidationFailed) as weak:
        me.change_password("SandiLama2026", "pendek")
    assert weak.value.fields == {"new_password": "Kata sandi minimal 10 karakter."}
    with pytest.raises(ValidationFailed) as wrong:
        me.change_password("bukan-sandinya-1", "SandiBaru2026")
    assert wrong.value.fields == {"old_password": "Kata sandi lama salah."}
    assert me.change_password("SandiLama2026", "SandiBaru2026") == {"changed": True}
    with pytest.raises(Unauthorized):
        rpc().refresh(other["refresh_token"])
    assert rpc().refresh(keep["refresh_token"])["token_type"] == "Bearer"
    assert rpc().login("tamu.sandi", "SandiBaru2026")["token_type"] == "Bearer"
    with pytest.raises(Unauthorized):
        rpc().login("tamu.sandi", "SandiLama2026")


# -- employees: validation, conflicts, authorization -----------------------------------

def test_nip_and_nik_messages_name_the_field(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    with pytest.raises(ValidationFailed) as bad_nip:
        admin.create_employee(employee_data(seeded_db, "199013312015031002"))
    assert bad_nip.value.status == 422
    assert bad_nip.value.fields == {"nip": "Tanggal lahir pada NIP (digit 1-8) tidak valid: 19901331."}
    with pytest.raises(ValidationFailed) as short:
        admin.create_employee(employee_data(seeded_db, "1990"))
    assert short.value.fields == {"nip": "NIP harus 18 digit angka."}
    with pytest.raises(ValidationFailed) as nik:
        admin.create_employee({"employment_type": "non_asn", "name": "I Made Kontrak", "nik": "5171033205980001",
                               "unit_id": seeded_db.unit_ids["BUP.RT.RTP"], "hobi": "tabuh"})
    assert nik.value.fields == {
        "nik": "Tanggal lahir pada NIK (digit 7-12, DDMMYY; tanggal +40 untuk perempuan) tidak valid: 320598.",
        "hobi": "Kolom tidak dikenal.",
    }


def test_duplicate_nip_is_a_conflict(service, rpc, seeded_db):
    with pytest.raises(Conflict) as info:
        rpc(seeded_db.identity("admin")).create_employee(employee_data(seeded_db, "199007152014032002"))
    assert info.value.fields == {"nip": "NIP ini sudah terdaftar atas pegawai lain."}


def test_authorization(service, rpc, seeded_db):
    ids = seeded_db.employee_ids
    pegawai = rpc(seeded_db.identity("pegawai"))
    assert pegawai.get_employee(ids["pegawai"])["id"] == ids["pegawai"]
    with pytest.raises(NotFound):
        pegawai.get_employee(ids["bendahara"])          # exists, but not theirs: do not reveal it
    with pytest.raises(NotFound):
        pegawai.get_employee(99999)
    with pytest.raises(Forbidden):
        pegawai.create_employee(employee_data(seeded_db, "199105052016031001"))
    with pytest.raises(Forbidden):
        pegawai.deactivate_employee(ids["bendahara"])
    with pytest.raises(Forbidden):
        pegawai.list_accounts()
    assert [e["id"] for e in pegawai.list_employees()["items"]] == [ids["pegawai"]]

    kasubbag = rpc(seeded_db.identity("kasubbag"))   # Subbagian Perbendaharaan
    assert kasubbag.get_employee(ids["bendahara"])["unit_name"] == "Subbagian Perbendaharaan"
    with pytest.raises(NotFound):
        kasubbag.get_employee(ids["pengurus_barang"])  # Subbagian BMD
    kabag = rpc(seeded_db.identity("kabag"))         # Bagian Keuangan dan Aset and its Subbagian
    assert kabag.get_employee(ids["pengurus_barang"])["id"] == ids["pengurus_barang"]
    with pytest.raises(NotFound):
        kabag.get_employee(ids["operator"])
    assert rpc(seeded_db.identity("admin")).get_employee(ids["operator"])["employment_type"] == "pppk"
    with pytest.raises(Unauthorized):
        rpc().get_employee(ids["pegawai"])


def test_keyset_pagination_with_filters(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    filters = {"unit_id": seeded_db.unit_ids["BUP.TU"], "is_asn": True}
    seen, cursor, pages = [], None, 0
    while True:
        result = admin.list_employees(filters, cursor, 2)
        assert len(result["items"]) <= 2
        seen += result["items"]
        pages += 1
        cursor = result["next_cursor"]
        if cursor is None:
            break
    tu_units = {seeded_db.unit_ids[c] for c in ("BUP.TU", "BUP.TU.TUP", "BUP.TU.PSA", "BUP.TU.KPG")}
    expected = seeded_db.scalars(
        select(Employee.id).where(Employee.unit_id.in_(tu_units), Employee.employment_type != "non_asn")
        .order_by(Employee.name, Employee.id))
    assert [e["id"] for e in seen] == expected and len(expected) >= 7 and pages == (len(expected) + 1) // 2
    assert all(e["is_asn"] for e in seen)
    only_unit = admin.list_employees({"unit_id": seeded_db.unit_ids["BUP.TU"], "include_subunits": False})
    assert [e["position_name"] for e in only_unit["items"]] == ["Kepala Bagian Tata Usaha dan Kepegawaian"]
    found = admin.list_employees({"q": "suparta"})["items"]
    assert [e["nik"] for e in found] == ["5171020202790004"]
    assert admin.list_employees({"golongan": "IV/c"})["items"][0]["pangkat"] == "Pembina Utama Muda"
    with pytest.raises(ValidationFailed) as bad:
        admin.list_employees({"employment_type": "honorer"}, "bukan-cursor", 500)
    assert set(bad.value.fields) == {"employment_type"}
    with pytest.raises(ValidationFailed) as bad_cursor:
        admin.list_employees(None, "bukan-cursor")
    assert set(bad_cursor.value.fields) == {"cursor"}
    with pytest.raises(ValidationFailed) as bad_limit:
        admin.list_employees(None, None, 500)
    assert set(bad_limit.value.fields) == {"limit"}


def test_create_with_idempotency_key_creates_once_and_publishes_once(service, rpc, seeded_db, observer):
    created = observer("employee_created")
    admin = rpc(seeded_db.identity("admin"))
    data = employee_data(seeded_db, "199111112017032001", name="Ni Putu Sekali Saja")
    first = admin.create_employee(data, idempotency_key="buat-pegawai-1")
    again = admin.create_employee(data, idempotency_key="buat-pegawai-1")
    assert again == first
    assert first["birth_date"] == "1991-11-11" and first["gender"] == "P" and first["pangkat"] == "Penata Muda"
    assert seeded_db.scalar(select(func.count()).select_from(Employee).where(Employee.nip == data["nip"])) == 1
    with pytest.raises(Conflict) as reused:
        admin.create_employee({**data, "name": "Lain"}, idempotency_key="buat-pegawai-1")
    assert set(reused.value.fields) == {"idempotency_key"}

    def events_for_it():
        return [m for m in created.of_type("personnel.employee_created") if m["data"]["nip"] == data["nip"]]

    wait_for(events_for_it, message="employee_created")
    outbox = kit_tables.outbox
    wait_for(lambda: seeded_db.scalar(
        select(func.count()).select_from(outbox).where(
            outbox.c.event_type == "personnel.employee_created", outbox.c.published_at.is_(None))) == 0,
        message="the outbox to be drained")
    [event] = events_for_it()
    assert event["data"]["id"] == first["id"] and event["actor"]["username"] == "admin"


def test_update_and_deactivate(service, rpc, seeded_db, observer):
    seen = observer("employee_updated", "employee_deactivated", "account_deactivated", "session_revoked")
    admin = rpc(seeded_db.identity("admin"))
    employee = admin.create_employee(employee_data(seeded_db, "198812122015031001", name="I Ketut Akan Pindah"))
    updated = admin.update_employee(employee["id"], {"golongan": "III/b", "phone": "+62 361 222333"})
    assert updated["pangkat"] == "Penata Muda Tingkat I" and updated["phone"] == "+62 361 222333"
    with pytest.raises(ValidationFailed) as bad:
        admin.update_employee(employee["id"], {"nip": "198812122015031001x"})
    assert bad.value.fields == {"nip": "NIP harus 18 digit angka."}
    account = admin.create_account({"username": "ketut.pindah", "password": "PindahTugas2026", "roles": ["pegawai"],
                                    "employee_id": employee["id"]})
    tokens = rpc().login("ketut.pindah", "PindahTugas2026")
    gone = admin.deactivate_employee(employee["id"], "Mutasi ke Dinas Kominfos")
    assert gone["active"] is False
    assert admin.deactivate_employee(employee["id"])["active"] is False    # again: no change, no error
    with pytest.raises(Unauthorized):
        rpc().refresh(tokens["refresh_token"])
    with pytest.raises(Unauthorized):
        rpc().login("ketut.pindah", "PindahTugas2026")

    def about_them():
        return {m["type"]: m["data"] for m in seen.poll()
                if m["data"].get("id") == employee["id"] or m["data"].get("account_id") == account["id"]
                or m["data"].get("employee_id") == employee["id"]}

    wanted = {"personnel.employee_updated", "personnel.employee_deactivated", "personnel.account_deactivated",
              "personnel.session_revoked"}
    arrived = wait_for(lambda: wanted <= set(about_them()) and about_them(), message="the deactivation events")
    assert arrived["personnel.employee_deactivated"]["reason"] == "Mutasi ke Dinas Kominfos"
    assert arrived["personnel.account_deactivated"]["active"] is False


# -- org units, positions, accounts ----------------------------------------------------

def test_org_units_and_positions(service, rpc, seeded_db, observer):
    seen = observer("org_unit_created")
    units = rpc(seeded_db.identity("pegawai")).list_org_units()
    assert [u["depth"] for u in units[:3]] == [0, 1, 2]
    assert all(u["head_position_id"] for u in units)
    admin = rpc(seeded_db.identity("admin"))
    with pytest.raises(ValidationFailed) as misfit:
        admin.create_org_unit({"code": "BUP.X", "name": "Subbagian Salah Tempat", "kind": "subbagian",
                               "parent_id": seeded_db.unit_ids["BUP"]})
    assert misfit.value.fields == {"parent_id": "Subbagian harus berada di bawah Bagian."}
    sub = admin.create_org_unit({"code": "BUP.RT.GDG", "name": "Subbagian Pengelolaan Gedung",
                                 "kind": "subbagian", "parent_id": seeded_db.unit_ids["BUP.RT"]},
                                idempotency_key="unit-gedung")
    assert sub["depth"] == 2 and sub["head_position_id"] is None
    head = admin.create_position({"name": "Kepala Subbagian Pengelolaan Gedung", "unit_id": sub["id"],
                                  "kind": "struktural", "is_head": True})
    with pytest.raises(Conflict) as second_head:
        admin.create_position({"name": "Kepala Lain", "unit_id": sub["id"], "kind": "struktural", "is_head": True})
    assert second_head.value.fields == {"is_head": "Unit ini sudah memiliki jabatan kepala."}
    parent = admin.get_org_unit(seeded_db.unit_ids["BUP.RT"])
    child = next(c for c in parent["children"] if c["id"] == sub["id"])
    assert child["head_position_id"] == head["id"]
    renamed = admin.update_org_unit(sub["id"], {"name": "Subbagian Gedung dan Kendaraan"})
    assert renamed["name"] == "Subbagian Gedung dan Kendaraan"
    assert [p["id"] for p in admin.list_positions(sub["id"])] == [head["id"]]
    with pytest.raises(Forbidden):
        rpc(seeded_db.identity("kabag")).create_org_unit({"code": "Z", "name": "Z", "kind": "biro"})
    wait_for(lambda: [m for m in seen.of_type("personnel.org_unit_created") if m["data"]["id"] == sub["id"]],
             message="org_unit_created")


def test_accounts_admin_only_and_paged(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    page = admin.list_accounts(None, 3)
    names = [a["username"] for a in page["items"]]
    rest = admin.list_accounts(page["next_cursor"], 200)
    assert names == sorted(names) and rest["next_cursor"] is None
    assert not set(names) & {a["username"] for a in rest["items"]}
    assert all("password" not in a and "password_hash" not in a for a in page["items"])
    with pytest.raises(ValidationFailed) as weak:
        admin.create_account({"username": "lemah", "password": "lemah", "roles": ["pegawai"]})
    assert weak.value.fields == {"password": "Kata sandi minimal 10 karakter."}
    kom = admin.create_account({"username": "humas", "password": "HumasBali2026", "roles": ["pegawai"],
                                "employee_id": seeded_db.employee_ids["pppk_kom"]}, idempotency_key="akun-humas")
    changed = admin.update_account(kom["id"], {"roles": ["pegawai", "operator"]})
    assert changed["roles"] == ["pegawai", "operator"]
    off = admin.update_account(kom["id"], {"active": False})
    assert off["active"] is False
    with pytest.raises(Unauthorized):
        rpc().login("humas", "HumasBali2026")
    with pytest.raises(ValidationFailed):
        admin.update_account(seeded_db.identity("admin").account_id, {"active": False})
    assert rpc().login("admin", ADMIN_PASSWORD)["token_type"] == "Bearer"


def test_employee_snapshot_is_for_services_only(service, rpc, seeded_db):
    from situok_kit.identity import SYSTEM

    system = rpc(SYSTEM)
    first = system.employee_snapshot(limit=10)
    assert len(first["employees"]) == 10 and first["next_cursor"]
    assert {u["code"] for u in first["org_units"]} >= {"BUP", "BUP.KA.PBH"}
    seen = [e["id"] for e in first["employees"]]
    cursor = first["next_cursor"]
    while cursor:
        page = system.employee_snapshot(cursor=cursor, limit=10)
        assert page["org_units"] == []
        seen += [e["id"] for e in page["employees"]]
        cursor = page["next_cursor"]
    assert seen == sorted(set(seen))
    assert len(seen) == seeded_db.scalar(select(func.count()).select_from(Employee))
    with pytest.raises(Forbidden):
        rpc(seeded_db.identity("admin")).employee_snapshot()
    with pytest.raises(Unauthorized):
        rpc().employee_snapshot()
