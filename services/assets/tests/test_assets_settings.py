"""The settings: who signs as pengurus barang, templates that must number, admin only."""
import pytest
from situok_kit.errors import Forbidden, ValidationFailed

pytestmark = pytest.mark.integration


def test_the_seeded_settings_name_the_bureau_and_its_pengurus_barang(rpc, bureau):
    answer = rpc(bureau.pegawai()).get_settings()
    assert answer["bureau_name"].startswith("Biro Umum dan Protokol")
    assert answer["handover_number_template"] == "000.2.1/{seq}/{unit}/{year}"
    # not named in the settings: the roster's employee whose position is Pengurus Barang signs
    assert answer["pengurus_barang_name"] and answer["pengurus_barang_nip"]


def test_only_an_admin_changes_them_and_a_template_must_number(rpc, bureau):
    with pytest.raises(Forbidden):
        rpc(bureau.keeper()).update_settings({"depreciation_period": "semester"})
    with pytest.raises(ValidationFailed) as refused:
        rpc(bureau.admin()).update_settings({"handover_number_template": "000.2.1/BAST/{year}",
                                             "pengurus_barang_employee_id": 999999})
    assert set(refused.value.fields) == {"handover_number_template", "pengurus_barang_employee_id"}
    assert rpc(bureau.admin()).get_settings()["handover_number_template"] == "000.2.1/{seq}/{unit}/{year}"
    changed = rpc(bureau.admin()).update_settings({"unit_code": "B.Umum.Prot"})
    assert changed["unit_code"] == "B.Umum.Prot" and changed["updated_by"] == "admin"
    rpc(bureau.admin()).update_settings({"unit_code": "B.Umum"})
