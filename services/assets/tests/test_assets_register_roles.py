"""Who may do what in the register, role by role, through the running service (the gateway's statuses follow:
Forbidden 403, Unauthorized 401)."""
from __future__ import annotations

import base64
import itertools

import pytest
from assets_testkit import unique
from situok_kit.errors import Forbidden, Unauthorized
from test_assets_register import DESK, item

pytestmark = pytest.mark.integration
_days = itertools.count(1)

ROLES = {
    "admin": lambda b: b.admin(),
    "pengurus_barang": lambda b: b.keeper(),
    "pimpinan": lambda b: b.leader(),
    "kepala_bagian": lambda b: b.as_("kabag_rt", "kepala_bagian", "pegawai"),
    "kasubbag": lambda b: b.unit_head(),
    "pegawai": lambda b: b.pegawai(),
    "unauthenticated": lambda b: None,
}
KEEPERS = {"admin", "pengurus_barang"}


def _calls(asset_id: int, room_id: int):
    codes_csv = base64.b64encode(b"kode,nama\n1.3.2.05.02.01.003,Meja Kerja Kayu\n").decode()
    return {
        "read": [lambda p: p.list_assets({"kib": "B"}), lambda p: p.get_asset(asset_id), lambda p: p.my_assets(),
                 lambda p: p.list_rooms(), lambda p: p.get_room(room_id), lambda p: p.list_buildings(),
                 lambda p: p.list_asset_codes({"prefix": "1.3.2.05"}), lambda p: p.list_useful_lives()],
        "keeper": [lambda p: p.register_asset(item(code=DESK)),
                   lambda p: p.update_asset(asset_id, {"notes": unique("catatan")}),
                   lambda p: p.create_building({"code": unique("G"), "name": "Gedung"}),
                   lambda p: p.asset_import_template()],
        "admin": [lambda p: p.add_useful_life({"code_prefix": "1.3.2.05.02", "years": 5,
                                               "valid_from": f"2040-01-{next(_days):02d}"}),
                  lambda p: p.import_asset_codes("kode.csv", codes_csv)],
    }


@pytest.mark.parametrize("role", list(ROLES))
def test_the_register_role_matrix(rpc, bureau, role):
    keeper = rpc(bureau.keeper())
    building = keeper.create_building({"code": unique("G"), "name": "Gedung Peran"})
    floor = keeper.create_floor({"building_id": building["id"], "name": "Lantai 1"})
    room = keeper.create_room({"floor_id": floor["id"], "code": unique("R"), "name": "Ruang Peran"})
    asset = keeper.register_asset(item(room_id=room["id"]))
    proxy = rpc(ROLES[role](bureau))
    for kind, calls in _calls(asset["id"], room["id"]).items():
        allowed = role != "unauthenticated" and (kind == "read" or (kind == "keeper" and role in KEEPERS)
                                                 or (kind == "admin" and role == "admin"))
        for call in calls:
            if allowed:
                call(proxy)
            else:
                with pytest.raises(Unauthorized if role == "unauthenticated" else Forbidden):
                    call(proxy)
