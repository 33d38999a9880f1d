"""Separation of duties and the estimate's reach over RPC (real broker and databases): nobody approves,
rejects or issues an order they drafted or travel on; the estimate answers only for travellers the caller may
request for."""
import pytest
from situok_kit.errors import Forbidden
from travel_testkit import order_data

pytestmark = pytest.mark.integration


def test_a_kabag_drafting_a_subordinates_order_may_not_decide_or_issue_it(rpc, bureau):
    kabag, pimpinan, admin = bureau.account("kabag"), bureau.account("pimpinan"), bureau.admin()
    order = rpc(kabag).create_order(order_data(bureau, "pegawai"))
    submitted = rpc(kabag).submit_order(order["id"])
    assert submitted["allowed_actions"] == ["cancel"]                      # no approve/reject button
    for attempt in (lambda: rpc(kabag).approve_order(order["id"]),
                    lambda: rpc(kabag).reject_order(order["id"], reason="tidak jadi")):
        with pytest.raises(Forbidden) as refused:
            attempt()
        assert "pemisahan tugas" in refused.value.message
    assert rpc(kabag).get_order(order["id"])["status"] == "submitted"
    assert "approve" in rpc(pimpinan).get_order(order["id"])["allowed_actions"]
    approved = rpc(pimpinan).approve_order(order["id"], note="setuju")      # another approver may
    assert approved["status"] == "approved"
    assert "issue" not in rpc(kabag).get_order(order["id"])["allowed_actions"]
    with pytest.raises(Forbidden) as refused:
        rpc(kabag).issue_order(order["id"])
    assert "pemisahan tugas" in refused.value.message
    assert rpc(admin).issue_order(order["id"])["status"] == "issued"


def test_an_admin_may_not_issue_an_order_they_drafted(rpc, bureau):
    admin, kabag = bureau.admin(), bureau.account("kabag")
    order = rpc(admin).create_order(order_data(bureau, "bendahara"))
    rpc(admin).submit_order(order["id"])
    rpc(kabag).approve_order(order["id"])
    with pytest.raises(Forbidden) as refused:
        rpc(admin).issue_order(order["id"])
    assert "pemisahan tugas" in refused.value.message
    assert rpc(kabag).issue_order(order["id"])["status"] == "issued"


def test_the_estimate_answers_only_for_travellers_the_caller_may_request_for(rpc, bureau):
    pegawai, kasubbag, kabag = bureau.account("pegawai"), bureau.account("kasubbag"), bureau.account("kabag")
    assert rpc(pegawai).estimate(order_data(bureau, "pegawai"))["travellers"][0]["name"]
    with pytest.raises(Forbidden):
        rpc(pegawai).estimate(order_data(bureau, "bendahara"))             # someone else: no name, no level
    with pytest.raises(Forbidden):
        rpc(kasubbag).estimate(order_data(bureau, "arsiparis"))            # outside their unit
    assert rpc(kabag).estimate(order_data(bureau, "pegawai", "bendahara"))["total"] > 0
    assert rpc(bureau.admin()).estimate(order_data(bureau, "karo"))["total"] > 0
