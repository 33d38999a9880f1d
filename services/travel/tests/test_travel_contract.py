"""travel answers exactly what its schemas declare: every RPC answer and every event payload of orders driven
through their whole life, checked field by field (``situok_kit.contract_check.AnswerCheck``)."""
import pytest
from situok_contracts.events import Travel, names
from situok_kit.contract_check import AnswerCheck
from situok_kit.testing import wait_for
from travel import events
from travel.domain.rates import default_rows, rows_to_csv
from travel.schemas import (
    AttachmentFileOut,
    EstimateOut,
    LegOut,
    LetterVerificationOut,
    OrderDetailOut,
    OrderDocumentOut,
    OrderPage,
    RateTableDetailOut,
    RateTableOut,
    RosterStatusOut,
    RosterSyncOut,
    RulesOut,
)
from travel_testkit import b64, order_data, trip_dates

pytestmark = pytest.mark.integration


def _photo() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 40)).save(out, "JPEG")
    return out.getvalue()


#: A real (2×2) JPEG: photos are decoded and re-encoded on upload (situok_kit.uploads).
JPEG = _photo()


def attachment(name, content, content_type):
    return {"filename": name, "content_type": content_type, "content_b64": b64(content)}


class Answers:
    """``AnswerCheck`` plus the names of the schemas it was fed."""

    def __init__(self):
        self.check = AnswerCheck()
        self.schemas: set[str] = set()

    def __call__(self, schema, value):
        self.check.answer(schema, value)
        self.schemas.add(schema.__name__)
        return value


def test_every_answer_and_event_is_exactly_its_schema(rpc, bureau, observer):
    published = observer()
    answer = Answers()
    pegawai, kabag, admin = bureau.account("pegawai"), bureau.account("kabag"), bureau.admin()
    me, signer = rpc(pegawai), rpc(kabag)
    dates = trip_dates(2)
    data = order_data(bureau, "pegawai", dates=dates)
    data["travellers"][0]["followers"] = [{"name": "I Made Pengikut", "birth_date": "1990-01-02", "note": "sopir"}]

    # one order through its whole life
    answer(EstimateOut, me.estimate(data))
    order = answer(OrderDetailOut, me.create_order(data, idempotency_key="contract-1"))
    order_id = order["id"]
    answer(OrderDetailOut, me.update_order(order_id, {"notes": "uji kontrak"}))
    answer(OrderDetailOut, me.submit_order(order_id, note="mohon persetujuan"))
    answer(OrderDetailOut, signer.approve_order(order_id, note="setuju"))
    issued = answer(OrderDetailOut, signer.issue_order(order_id))
    answer(LegOut, me.record_leg(order_id, {"kind": "arrival", "place": "Jakarta Pusat", "latitude": -6.18,
                                            "longitude": 106.83, "accuracy": 25}))
    answer(OrderDetailOut, me.file_report(order_id, {"summary": "Hasil koordinasi.", "attachments": [
        attachment("laporan.pdf", b"%PDF-1.4 laporan", "application/pdf")]}))
    answer(OrderDetailOut, me.complete_order(order_id, note="selesai"))
    realized = answer(OrderDetailOut, me.realize_order(order_id, {"lines": [
        {"employee_id": bureau.employee_ids["pegawai"], "category": "penginapan", "description": "Hotel 1 malam",
         "amount": 850_000, "receipts": [attachment("hotel.jpg", JPEG, "image/jpeg")]}]}))
    answer(OrderDetailOut, me.get_order(order_id))
    answer(OrderPage, me.list_orders({"mine": True, "date_from": dates[0], "date_to": dates[0]}))
    answer(AttachmentFileOut, me.get_attachment(realized["realization"]["lines"][0]["receipts"][0]["id"]))
    answer(AttachmentFileOut, signer.get_attachment(realized["report"]["attachments"][0]["id"]))
    answer(OrderDocumentOut, signer.order_document(order_id, "spt"))
    answer(LetterVerificationOut, rpc().verify_letter(issued["verify_url"].rsplit("/", 1)[1]))

    # the other ends: rejected, and cancelled once issued
    rejected = me.create_order(order_data(bureau, "pegawai"))
    me.submit_order(rejected["id"])
    answer(OrderDetailOut, signer.reject_order(rejected["id"], reason="Anggaran belum tersedia"))
    cancelled = me.create_order(order_data(bureau, "pegawai"))
    me.submit_order(cancelled["id"])
    signer.approve_order(cancelled["id"])
    signer.issue_order(cancelled["id"])
    answer(OrderDetailOut, signer.cancel_order(cancelled["id"], reason="Acara ditunda"))

    # rate tables, rules, the roster copy
    answer(RateTableOut, me.list_rate_tables())
    answer(RateTableDetailOut, me.get_rate_table(dates[0][:4]))
    answer(RateTableOut, rpc(admin).load_rate_table(2029, "tarif-2029.csv", b64(rows_to_csv(default_rows()).encode())))
    rules = answer(RulesOut, me.get_rules())
    answer(RulesOut, rpc(admin).update_rules({"number_templates": rules["number_templates"]}))
    answer(RosterStatusOut, me.roster_status())
    answer(RosterSyncOut, rpc(admin).sync_roster())

    # every event the three orders caused
    ours = {order_id, rejected["id"], cancelled["id"]}

    def ours_by_type():
        found = {}
        for event in published.poll():
            if event["data"].get("order_id") in ours:
                found.setdefault(event["type"], []).append(event["data"])
        return found

    wait_for(lambda: set(ours_by_type()) == set(names(Travel)), timeout=10, message="every travel event")
    for event_type, payloads in ours_by_type().items():
        answer(type(events.PAYLOADS[event_type]), payloads)

    assert answer.check.problems() == []
    assert answer.schemas == {
        "EstimateOut", "OrderDetailOut", "OrderPage", "LegOut", "AttachmentFileOut", "OrderDocumentOut",
        "LetterVerificationOut", "RateTableOut", "RateTableDetailOut", "RulesOut", "RosterStatusOut",
        "RosterSyncOut", *(type(schema).__name__ for schema in events.PAYLOADS.values())}
