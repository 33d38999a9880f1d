"""Employee history and lifecycle over RPC (real broker and database): career changes with their decree, status
changes, restoring an employee deactivated by mistake, who may read and write."""
import pytest
from personnel.models import Account, Employee, EmployeeHistory
from situok_kit.clock import wita_day
from situok_kit.errors import Conflict, Forbidden, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import func, select

pytestmark = pytest.mark.integration


def new_employee(admin, seeded_db, nip, **extra):
    data = {"employment_type": "pns", "name": "I Made Uji Riwayat", "nip": nip, "golongan": "III/a",
            "unit_id": seeded_db.unit_ids["BUP.KA.PBH"], "rank_tmt": "2021-04-01"}
    data.update(extra)
    return admin.create_employee(data)


def events_of(watch, event_type, employee_id):
    return wait_for(lambda: [m for m in watch.of_type(event_type)
                             if (m["data"].get("employee_id") or m["data"].get("id")) == employee_id],
                    message=event_type)


def test_record_a_rank_change_with_its_decree(service, rpc, seeded_db, observer):
    watch = observer("#")
    admin = rpc(seeded_db.identity("admin"))
    employee = new_employee(admin, seeded_db, "199201012017031001")
    assert employee["status"] == "aktif" and employee["status_label"] == "Aktif"
    assert employee["rank_tmt"] == "2021-04-01" and employee["status_since"] is None
    result = admin.record_career_change(employee["id"], {
        "kind": "rank", "value": "III/b", "tmt": "2025-04-01", "decree_number": "800/123/BKD",
        "decree_date": "2025-03-20", "note": "Kenaikan pangkat reguler"})
    assert result["employee"]["golongan"] == "III/b" and result["employee"]["rank_tmt"] == "2025-04-01"
    assert result["employee"]["pangkat"] == "Penata Muda Tingkat I"
    [entry] = result["entries"]
    assert entry["kind"] == "rank" and entry["before_value"] == "III/a" and entry["after_value"] == "III/b"
    assert entry["decree_number"] == "800/123/BKD" and entry["decree_date"] == "2025-03-20"
    assert entry["recorded_by"] == "admin" and entry["tmt"] == "2025-04-01"
    # a KGB, then the list: newest TMT first
    admin.record_career_change(employee["id"], {"kind": "kgb", "value": "Gaji pokok Rp3.200.000",
                                                "tmt": "2025-10-01", "decree_number": "822/55/BUP",
                                                "decree_date": "2025-09-15"})
    listed = admin.list_employee_history(employee["id"])
    assert [e["kind"] for e in listed["items"]] == ["kgb", "rank"]
    assert "record_career_change" in listed["allowed_actions"] and "restore" not in listed["allowed_actions"]
    page1 = admin.list_employee_history(employee["id"], None, None, 1)
    page2 = admin.list_employee_history(employee["id"], None, page1["next_cursor"], 1)
    assert [page1["items"][0]["kind"], page2["items"][0]["kind"]] == ["kgb", "rank"]
    assert admin.get_employee(employee["id"])["kgb_tmt"] == "2025-10-01"
    recorded = events_of(watch, "personnel.career_recorded", employee["id"])
    assert {e["data"]["kind"] for e in recorded} == {"rank", "kgb"}
    rank_event = next(e for e in recorded if e["data"]["kind"] == "rank")
    assert rank_event["data"]["decree_number"] == "800/123/BKD" and rank_event["actor"]["username"] == "admin"
    updated = events_of(watch, "personnel.employee_updated", employee["id"])
    assert any(e["data"]["golongan"] == "III/b" and e["data"]["rank_tmt"] == "2025-04-01" for e in updated)


def test_plain_edit_of_position_appends_an_entry_without_decree(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    employee = new_employee(admin, seeded_db, "199202022017031002")
    position = next(p for p in admin.list_positions(seeded_db.unit_ids["BUP.KA.PBH"])
                    if p["name"] == "Pengadministrasi Keuangan")
    assert position["level"] == "pelaksana" and position["kelas_jabatan"] == 5
    updated = admin.update_employee(employee["id"], {"position_id": position["id"]})
    assert updated["position_kind"] == "pelaksana" and updated["position_level"] == "pelaksana"
    assert updated["kelas_jabatan"] == 5
    [entry] = admin.list_employee_history(employee["id"])["items"]
    assert entry["kind"] == "position" and entry["after_label"] == "Pengadministrasi Keuangan"
    assert entry["decree_number"] is None and entry["tmt"] == wita_day().isoformat()


def test_bad_input_is_422_naming_fields_and_writes_nothing(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    employee = new_employee(admin, seeded_db, "199203032017031003")
    with pytest.raises(ValidationFailed) as missing:
        admin.record_career_change(employee["id"], {"kind": "rank", "value": "III/b"})
    assert {"tmt", "decree_number", "decree_date"} <= set(missing.value.fields)
    with pytest.raises(ValidationFailed) as bad:
        admin.record_career_change(employee["id"], {"kind": "rank", "value": "V/z", "tmt": "2025-04-01",
                                                    "decree_number": "1", "decree_date": "2999-01-01"})
    assert set(bad.value.fields) == {"value", "decree_date"}
    with pytest.raises(ValidationFailed) as status:
        admin.change_employee_status(employee["id"], {"status": "pensiun", "since": "2026-01-01"})
    assert set(status.value.fields) == {"decree_number", "decree_date"}
    count = seeded_db.scalar(select(func.count()).select_from(EmployeeHistory)
                             .where(EmployeeHistory.employee_id == employee["id"]))
    assert count == 0
    assert admin.get_employee(employee["id"])["golongan"] == "III/a"


def test_status_change_with_date_and_decree(service, rpc, seeded_db, observer):
    watch = observer("#")
    admin = rpc(seeded_db.identity("admin"))
    employee = new_employee(admin, seeded_db, "199204042017031004")
    result = admin.change_employee_status(employee["id"], {
        "status": "cltn", "since": "2026-02-01", "decree_number": "850/7/BKD", "decree_date": "2026-01-20",
        "note": "Mengikuti suami bertugas"})
    assert result["employee"]["status"] == "cltn" and result["employee"]["status_since"] == "2026-02-01"
    assert result["employee"]["active"] is False
    changed = events_of(watch, "personnel.employee_status_changed", employee["id"])
    assert changed[0]["data"]["status"] == "cltn" and changed[0]["data"]["previous_status"] == "aktif"
    assert changed[0]["data"]["decree_number"] == "850/7/BKD" and changed[0]["data"]["since"] == "2026-02-01"
    events_of(watch, "personnel.employee_deactivated", employee["id"])
    # back from CLTN with a decree; a finished career cannot be changed, only restored
    back = admin.change_employee_status(employee["id"], {"status": "aktif", "since": "2027-02-01",
                                                         "decree_number": "850/9/BKD",
                                                         "decree_date": "2026-03-01"})
    assert back["employee"]["active"] is True
    admin.change_employee_status(employee["id"], {"status": "pensiun", "since": "2026-03-01",
                                                  "decree_number": "800/1/BKD", "decree_date": "2026-02-01"})
    with pytest.raises(Conflict):
        admin.change_employee_status(employee["id"], {"status": "meninggal", "since": "2026-04-01",
                                                      "decree_number": "x", "decree_date": "2026-04-02"})


def test_restore_a_deactivated_employee(service, rpc, seeded_db, observer):
    watch = observer("#")
    admin = rpc(seeded_db.identity("admin"))
    employee = new_employee(admin, seeded_db, "199205052017031005")
    account = admin.create_account({"username": "uji.pulih", "password": "UjiPulih2026", "roles": ["pegawai"],
                                    "employee_id": employee["id"]})
    deactivated = admin.deactivate_employee(employee["id"], "salah pilih")
    assert deactivated["status"] == "nonaktif" and deactivated["status_since"] == wita_day().isoformat()
    assert admin.get_account(account["id"])["active"] is False
    restored = admin.restore_employee(employee["id"], {"reason": "Salah menonaktifkan pegawai"})
    assert restored["employee"]["active"] is True and restored["employee"]["status"] == "aktif"
    assert restored["account_id"] == account["id"] and restored["account_active"] is False  # not re-activated
    [entry] = restored["entries"]
    assert entry["kind"] == "status" and entry["before_value"] == "nonaktif" and entry["after_value"] == "aktif"
    assert entry["note"] == "Salah menonaktifkan pegawai" and entry["recorded_by"] == "admin"
    kinds = [e["after_value"] for e in admin.list_employee_history(employee["id"])["items"]]
    assert sorted(kinds) == ["aktif", "nonaktif"]
    event = events_of(watch, "personnel.employee_restored", employee["id"])[0]
    assert event["data"]["reason"] == "Salah menonaktifkan pegawai" and event["data"]["account_active"] is False
    # every roster copy follows: employee_updated with active true
    wait_for(lambda: [m for m in watch.of_type("personnel.employee_updated")
                      if m["data"]["id"] == employee["id"] and m["data"]["active"]], message="employee_updated")
    assert seeded_db.scalar(select(Employee.status).where(Employee.id == employee["id"])) == "aktif"
    assert seeded_db.scalar(select(Account.active).where(Account.id == account["id"])) is False
    # the existing account endpoint re-activates the account
    assert admin.update_account(account["id"], {"active": True})["active"] is True
    with pytest.raises(Conflict):
        admin.restore_employee(employee["id"], {"reason": "lagi"})
    with pytest.raises(ValidationFailed) as blank:
        admin.restore_employee(employee["id"], {"reason": " "})
    assert set(blank.value.fields) == {"reason"}


def test_who_may_read_and_write_history(service, rpc, seeded_db):
    admin = rpc(seeded_db.identity("admin"))
    own = seeded_db.employee_ids["pegawai"]
    other = seeded_db.employee_ids["bendahara"]
    pegawai = rpc(seeded_db.identity("pegawai"))
    assert pegawai.list_employee_history(own)["allowed_actions"] == []
    with pytest.raises(Forbidden):
        pegawai.list_employee_history(seeded_db.employee_ids["kabag_tu"])
    # the head of the unit reads their staff's history
    assert rpc(seeded_db.identity("kasubbag")).list_employee_history(other)["items"] is not None
    with pytest.raises(Forbidden):
        pegawai.record_career_change(own, {"kind": "kgb", "tmt": "2025-01-01", "decree_number": "1",
                                           "decree_date": "2025-01-01"})
    with pytest.raises(Forbidden):
        pegawai.restore_employee(other, {"reason": "x"})
    assert "change_status" in admin.list_employee_history(own)["allowed_actions"]
