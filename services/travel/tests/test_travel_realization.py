"""The realization finance's travel SPJ is drafted from: the budget line it charges, claims within the rate
table (a 422 naming the line, nothing recorded), the advances, and the signers from the letter settings — on
the SPPD, the kuitansi and ``travel.order_realized`` — rather than the SPT's approver."""
import base64
import io

import pytest
from pypdf import PdfReader
from situok_kit.errors import ValidationFailed
from situok_kit.testing import wait_for
from travel_testkit import b64, order_data, trip_dates

pytestmark = pytest.mark.integration

PDF = b"%PDF-1.4 bukti"


def receipt(name="bill.pdf"):
    return {"filename": name, "content_type": "application/pdf", "content_b64": b64(PDF)}


def completed(rpc, bureau, *keys, days=3, **extra):
    """An order of ``keys`` (pegawai requests, kabag approves and issues) whose trip is done and reported."""
    pegawai, kabag = rpc(bureau.account("pegawai")), rpc(bureau.account("kabag"))
    order = pegawai.create_order(order_data(bureau, *keys, dates=trip_dates(days), **extra))
    pegawai.submit_order(order["id"])
    kabag.approve_order(order["id"])
    kabag.issue_order(order["id"])
    pegawai.file_report(order["id"], {"summary": "Hasil koordinasi."})
    return pegawai.complete_order(order["id"])


def pdf_text(answer) -> str:
    pdf = base64.b64decode(answer["content_b64"])
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_claims_beyond_the_rate_table_are_refused_naming_the_line(rpc, bureau):
    order = completed(rpc, bureau, "pegawai")
    pegawai = bureau.employee_ids["pegawai"]                          # level E, to DKI Jakarta, 3 days
    me = rpc(bureau.account("pegawai"))
    with pytest.raises(ValidationFailed) as err:
        me.realize_order(order["id"], {"lines": [
            {"employee_id": pegawai, "category": "uang_harian", "description": "Uang harian", "quantity": 3,
             "rate": 600_000},
            {"employee_id": pegawai, "category": "penginapan", "description": "Hotel", "quantity": 1,
             "rate": 1_005_001, "receipts": [receipt()]},
            {"employee_id": pegawai, "category": "representasi", "description": "Representasi", "quantity": 3,
             "rate": 150_000},
            {"employee_id": pegawai, "category": "penginapan", "description": "Penginapan tanpa bill",
             "quantity": 1, "rate": 301_501},
            {"employee_id": pegawai, "category": "uang_harian", "description": "Uang harian lagi", "quantity": 1,
             "rate": 530_000}]})
    assert set(err.value.fields) == {"lines.0.rate", "lines.1.rate", "lines.2.category", "lines.3.rate",
                                     "lines.4.quantity"}
    assert "Rp530.000" in err.value.fields["lines.0.rate"]
    assert "Rp1.005.000" in err.value.fields["lines.1.rate"]
    assert "30%" in err.value.fields["lines.3.rate"]                  # 30% of Rp1.005.000 without a hotel bill
    with pytest.raises(ValidationFailed) as err:
        me.realize_order(order["id"], {"lines": [
            {"employee_id": pegawai, "category": "uang_harian", "description": "Uang harian", "quantity": 2,
             "rate": 530_000, "amount": 1_000_000}]})
    assert set(err.value.fields) == {"lines.0.amount"}
    with pytest.raises(ValidationFailed) as err:
        me.realize_order(order["id"], {"advances": [{"employee_id": bureau.employee_ids["kabag_ka"], "amount": 1}],
                                       "lines": [{"employee_id": bureau.employee_ids["kabag_ka"],
                                                  "category": "transport", "description": "Tiket", "amount": 1}]})
    assert set(err.value.fields) == {"advances.0.employee_id", "lines.0.employee_id"}
    assert me.get_order(order["id"])["status"] == "completed"          # nothing recorded
    done = me.realize_order(order["id"], {"advances": [{"employee_id": pegawai, "amount": 2_500_000}], "lines": [
        {"employee_id": pegawai, "category": "uang_harian", "description": "Uang harian", "quantity": 3,
         "rate": 530_000},
        {"employee_id": pegawai, "category": "penginapan", "description": "Penginapan tanpa bill", "quantity": 2,
         "rate": 301_500}]})
    assert [line["kind"] for line in done["realization"]["lines"]] == ["lump_sum", "riil"]
    assert done["realization"]["balance"] == 1_590_000 + 603_000 - 2_500_000 < 0      # to be returned


def test_the_budget_line_is_needed_and_may_come_with_the_realization(rpc, bureau):
    order = completed(rpc, bureau, "pegawai", sub_activity_code=None, account_code=None)
    assert order["sub_activity_code"] is None                          # an order drafted without one
    me, employee_id = rpc(bureau.account("pegawai")), bureau.employee_ids["pegawai"]
    lines = [{"employee_id": employee_id, "category": "transport", "description": "Tiket", "amount": 900_000}]
    with pytest.raises(ValidationFailed) as err:
        me.realize_order(order["id"], {"lines": lines})
    assert set(err.value.fields) == {"sub_activity_code", "account_code"}
    with pytest.raises(ValidationFailed) as err:
        me.realize_order(order["id"], {"lines": lines, "sub_activity_code": "4.01.01",
                                       "account_code": "5.1.02.04.01.0001"})
    assert "X.XX.XX.X.XX.XXXX" in err.value.fields["sub_activity_code"]
    done = me.realize_order(order["id"], {"lines": lines, "sub_activity_code": "4.01.01.2.06.0002",
                                          "account_code": "5.1.02.04.01.0003"})
    assert (done["sub_activity_code"], done["account_code"]) == ("4.01.01.2.06.0002", "5.1.02.04.01.0003")
    assert done["realization"]["balance"] == 900_000 and done["realization"]["advance_paid"] == 0


def test_letter_settings_name_the_signers_not_the_approver(rpc, bureau, observer):
    events = observer()
    admin = rpc(bureau.admin())
    original = admin.get_rules()["letters"]
    assert original["sppd_title"] == "SURAT PERINTAH PERJALANAN DINAS (SPPD)"
    assert "Keuangan Daerah" in original["perhatian"] and original["sppd_signer"] == "pa_kpa"
    ids = bureau.employee_ids
    with pytest.raises(ValidationFailed) as err:
        admin.update_rules({"letters": {"pa_kpa_employee_id": 987_654}})
    assert set(err.value.fields) == {"letters.pa_kpa_employee_id"}
    configured = {"pa_kpa_employee_id": ids["karo"], "ppk_employee_id": ids["kasubbag_akp"],
                  "pptk_employee_id": ids["kasubbag_rtp"], "bendahara_employee_id": ids["bendahara"]}
    try:
        rules = admin.update_rules({"letters": {**configured, "sppd_title": "SURAT PERJALANAN DINAS (SPD)"}})
        assert rules["letters"] == {**original, **configured, "sppd_title": "SURAT PERJALANAN DINAS (SPD)"}
        order = completed(rpc, bureau, "pegawai")
        names = {key: bureau.roster(ids[key]).full_name for key in ("karo", "kabag_ka", "kasubbag_akp",
                                                                    "kasubbag_rtp", "bendahara")}
        kabag = rpc(bureau.account("kabag"))
        sheet_one = pdf_text(kabag.order_document(order["id"], "sppd1", ids["pegawai"]))
        assert "SURAT PERJALANAN DINAS (SPD)" in sheet_one and "Pengguna Anggaran" in sheet_one
        assert names["karo"] in sheet_one and names["kabag_ka"] not in sheet_one     # kabag approved the SPT
        admin.update_rules({"letters": {"sppd_signer": "ppk"}})
        sheet_one = pdf_text(kabag.order_document(order["id"], "sppd1", ids["pegawai"]))
        assert "Pejabat Pembuat Komitmen" in sheet_one and names["kasubbag_akp"] in sheet_one
        assert names["karo"] not in sheet_one
        sheet_two = pdf_text(kabag.order_document(order["id"], "sppd2", ids["pegawai"]))
        assert "Keuangan Daerah" in sheet_two and "Keuangan Negara" not in sheet_two

        rpc(bureau.account("pegawai")).realize_order(order["id"], {"lines": [
            {"employee_id": ids["pegawai"], "category": "uang_harian", "description": "Uang harian",
             "quantity": 3, "rate": 530_000}]})
        kuitansi = pdf_text(kabag.order_document(order["id"], "kuitansi", ids["pegawai"]))
        for phrase in ("Setuju dibayar", names["karo"], "Mengetahui", names["kasubbag_rtp"], "Lunas dibayar",
                       names["bendahara"], "Yang menerima", "4.01.01.2.06.0001"):
            assert phrase in kuitansi, phrase
        assert names["kabag_ka"] not in kuitansi
        realized = wait_for(lambda: [e for e in events.of_type("travel.order_realized")
                                     if e["data"]["order_id"] == order["id"]], timeout=10,
                            message="travel.order_realized")
        assert realized[0]["data"]["signers"] == configured
    finally:
        admin.update_rules({"letters": original})
    assert admin.get_rules()["letters"] == original
