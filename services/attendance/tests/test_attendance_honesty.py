"""Check-in honesty: the pure rules (``domain.honesty.judge``), and the whole path through attendance's RPC —
settings, flagged records with their reasons, the mandatory selfie, selfies and leave attachments judged by
their content and re-encoded."""
import base64
import io
from datetime import UTC, datetime, timedelta

import pytest
from attendance.domain import honesty
from attendance_testkit import RENON, position, wita
from PIL import Image
from situok_kit.errors import ValidationFailed

SCRIPT = b"<script>alert(document.cookie)</script>"
AT = datetime(2026, 8, 3, 0, 0, tzinfo=UTC)
JAKARTA = (-6.1754, 106.8272)                 # ~ 960 km from Renon


def judge(settings=None, *, at=AT, lat=RENON[0], lon=RENON[1], accuracy=12.0, outside=False, address=None,
          previous=None):
    return honesty.judge(settings or {}, at=at, latitude=lat, longitude=lon, accuracy=accuracy, outside=outside,
                         client_address=address, previous=previous).reasons


# -- the pure rules --------------------------------------------------------------------------------------

def test_an_honest_position_has_no_reasons():
    assert judge() == () and not honesty.judge({}, at=AT, latitude=0, longitude=0, accuracy=5, outside=False,
                                               client_address=None, previous=None).suspicious


def test_outside_let_through_is_a_reason():
    assert judge(outside=True) == ("luar_area",)


@pytest.mark.parametrize("accuracy, flagged", [(12.0, False), (100.0, False), (100.5, True), (2500, True),
                                               (None, True)])
def test_accuracy_worse_than_the_threshold_or_missing_is_suspicious(accuracy, flagged):
    assert (judge(accuracy=accuracy) == ("akurasi",)) is flagged


def test_accuracy_threshold_is_a_setting_and_zero_switches_it_off():
    assert judge({"geofence_max_accuracy_m": 20}, accuracy=30) == ("akurasi",)
    assert judge({"geofence_max_accuracy_m": 0}, accuracy=None) == ()


@pytest.mark.parametrize("address, flagged", [
    ("10.20.3.4", False), ("203.0.113.9", True), (None, True), ("garbage", True),
    ("198.51.100.7, 10.20.3.4", False),      # the edge's entry is the last one
    ("10.20.3.4, 203.0.113.9", True),        # a client claiming an office address first gains nothing
    ("::ffff:10.20.9.9", False), ("2001:db8::1", False), ("2001:db9::1", True), ("10.20.3.4:5555", False),
])
def test_office_networks(address, flagged):
    settings = {"office_networks": ["10.20.0.0/16", "2001:db8::/32"]}
    assert (judge(settings, address=address) == ("jaringan",)) is flagged


def test_no_office_networks_means_no_network_rule():
    assert judge({"office_networks": []}, address=None) == ()


def test_impossible_travel_between_consecutive_records():
    an_hour_ago = honesty.Point(AT - timedelta(hours=1), *JAKARTA)
    assert judge(previous=an_hour_ago) == ("kecepatan",)                      # 960 km/h
    a_day_ago = honesty.Point(AT - timedelta(days=1), *JAKARTA)
    assert judge(previous=a_day_ago) == ()                                     # 40 km/h
    jitter = honesty.Point(AT - timedelta(seconds=1), RENON[0] + 0.005, RENON[1])
    assert judge(previous=jitter) == ()                                        # ~550 m: one place
    assert judge({"max_speed_kmh": 0}, previous=an_hour_ago) == ()
    assert judge({"max_speed_kmh": 1000}, previous=an_hour_ago) == ()


def test_reasons_add_up_in_order_and_read_for_people():
    reasons = judge({"office_networks": ["10.0.0.0/8"]}, accuracy=None, outside=True, address="1.2.3.4",
                    previous=honesty.Point(AT - timedelta(minutes=5), *JAKARTA))
    assert reasons == ("luar_area", "akurasi", "jaringan", "kecepatan")
    assert honesty.describe(reasons).startswith("Di luar area kantor; ") and honesty.describe(()) is None


# -- through the service -----------------------------------------------------------------------------------

def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def jpeg(**save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 60, 30)).save(out, "JPEG", **save)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (90, 60, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def rules(rpc, bureau):
    """Set the honesty settings for one test, restoring what was there after it."""
    admin = rpc(bureau.admin())
    keys = ("geofence_mode", "geofence_max_accuracy_m", "selfie_required", "office_networks", "max_speed_kmh")
    before = {k: v for k, v in admin.get_setup()["settings"].items() if k in keys}
    yield admin.update_settings
    admin.update_settings(before)


@pytest.mark.integration
def test_settings_hold_the_rules(rpc, bureau, rules):
    settings = rules({"geofence_max_accuracy_m": 50, "selfie_required": True, "office_networks": ["10.20.0.0/16"],
                      "max_speed_kmh": 120})
    assert (settings["geofence_max_accuracy_m"], settings["selfie_required"], settings["office_networks"],
            settings["max_speed_kmh"]) == (50, True, ["10.20.0.0/16"], 120)
    with pytest.raises(ValidationFailed) as err:
        rules({"office_networks": ["10.20.0.0/33"]})
    assert any(k.startswith("office_networks") for k in err.value.fields)


@pytest.mark.integration
def test_suspicious_check_ins_go_to_review_with_reasons(rpc, bureau, clock_at, rules):
    me = rpc(bureau.as_("admin_umum"))
    employee = bureau.employee_ids["admin_umum"]
    rules({"geofence_mode": "tinjau", "geofence_max_accuracy_m": 50, "selfie_required": True,
           "office_networks": ["10.20.0.0/16"], "max_speed_kmh": 150})
    clock_at(wita("2026-08-03T07:20"))
    with pytest.raises(ValidationFailed) as err:                       # the selfie is mandatory now
        me.check_in(position(), client_address="10.20.3.4")
    assert "selfie_b64" in err.value.fields
    with pytest.raises(ValidationFailed) as err:                       # markup named .jpg is no selfie
        me.check_in(position(selfie_b64=b64(b"<svg onload=alert(1)>")), client_address="10.20.3.4")
    assert "selfie_b64" in err.value.fields

    dirty = jpeg(exif=Image.Exif().tobytes()) + SCRIPT
    honest = me.check_in(position(selfie_b64=b64(dirty)), client_address="10.20.3.4")
    assert not honest["check_in"]["needs_review"] and honest["check_in"]["review_reasons"] == []
    stored = bytes(bureau.scalar("SELECT check_in_selfie FROM attendance_records WHERE id = :i",
                                 {"i": honest["id"]}))
    assert stored != dirty and SCRIPT not in stored
    with Image.open(io.BytesIO(stored)) as im:
        im.load()
        assert im.format == "JPEG"

    clock_at(wita("2026-08-03T08:20"))                                 # Jakarta an hour after Renon
    far = me.check_out(position(*JAKARTA, accuracy=400, selfie_b64=b64(jpeg())), client_address="203.0.113.9")
    assert far["check_out"]["needs_review"] and far["check_out"]["review_note"] == "perlu ditinjau"
    assert far["check_out"]["review_reasons"] == ["luar_area", "akurasi", "jaringan", "kecepatan"]
    assert bureau.scalar("SELECT check_out_review_reasons FROM attendance_records WHERE id = :i",
                         {"i": far["id"]}) == "luar_area,akurasi,jaringan,kecepatan"

    clock_at(wita("2026-08-04T07:25"))                                 # spoofed office address: last entry wins
    spoofed = me.check_in(position(selfie_b64=b64(jpeg())), client_address="10.20.3.4, 198.51.100.1")
    assert spoofed["check_in"]["review_reasons"] == ["jaringan"]
    assert bureau.scalar("SELECT count(*) FROM attendance_records WHERE employee_id = :e AND check_in_review",
                         {"e": employee}) >= 1


@pytest.mark.integration
def test_leave_attachment_is_judged_by_content(rpc, bureau):
    me = rpc(bureau.as_("admin_umum"))

    def leave(start, name, content_type, content):
        return {"kind": "sakit", "start_date": start, "end_date": start, "reason": "Demam",
                "attachment": {"filename": name, "content_type": content_type, "content_b64": b64(content)}}

    with pytest.raises(ValidationFailed) as err:
        me.submit_request(leave("2026-09-01", "surat.jpg", "image/jpeg", b"<html><script>x</script></html>"))
    assert err.value.status == 422 and "attachment.content_b64" in err.value.fields
    submitted = me.submit_request(leave("2026-09-02", "surat dokter.pdf", "application/pdf", png()))
    attachment = me.get_request(submitted["id"])["attachment"]
    assert attachment["content_type"] == "image/png" and attachment["filename"] == "surat dokter.png"
    dirty = jpeg() + SCRIPT
    submitted = me.submit_request(leave("2026-09-03", "foto.jpg", "image/jpeg", dirty))
    content = base64.b64decode(me.get_request(submitted["id"])["attachment"]["content_b64"])
    assert content != dirty and SCRIPT not in content and content.startswith(b"\xff\xd8\xff")
