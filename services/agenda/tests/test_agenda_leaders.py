"""The leaders, the order of precedence and a leader's printed agenda through the running service: the seeded order
is UU 9/2010 Pasal 10 ayat (1)'s with the national officials first; protocol staff keep leaders and ranks (422
naming the field, 403 for anyone else); a leader with events to come is deactivated and keeps them; the daily and
weekly agenda PDFs list the leader's events per WITA day in Indonesian, tentative ones marked, cancelled ones
left out."""
from __future__ import annotations

import base64
import io
from datetime import date, datetime, time, timedelta

import pytest
from agenda.domain.precedence import ORDER
from agenda.models import AgendaEvent, EventLeader, Leader
from agenda_testkit import unique
from pypdf import PdfReader
from situok_kit.clock import WITA, utcnow, wita_day
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from sqlalchemy import select
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

DAY = date(2031, 3, 10)  # a Monday


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WITA)


def code(prefix: str = "pimpinan") -> str:
    return unique(prefix + "_").replace("-", "_")


def add_event(bureau, leader_id: int, title: str, starts_at: datetime, ends_at: datetime, status: str = "confirmed",
              **extra) -> int:
    with Session(bureau.engine) as session:
        made = AgendaEvent(title=title, starts_at=starts_at, ends_at=ends_at, status=status,
                           address=extra.pop("address", "Jayasabha, Denpasar"), **extra)
        session.add(made)
        session.flush()
        session.add(EventLeader(event_id=made.id, leader_id=leader_id))
        session.commit()
        return made.id


def new_leader(rpc, bureau, **extra) -> dict:
    return rpc(bureau.protocol()).create_leader({"code": code(), "title": "Staf Ahli Gubernur",
                                                 "precedence_code": "eselon_2", **extra})


def pdf_text(answer: dict) -> str:
    raw = base64.b64decode(answer["content_b64"])
    assert raw.startswith(b"%PDF") and answer["content_type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    return " ".join(text.split())  # a cell's text wraps: one space between words


def test_the_seeded_order_follows_uu_9_2010_pasal_10_with_national_officials_first(services, rpc, bureau):
    ranks = rpc(bureau.pegawai()).list_precedence_ranks()["items"]
    codes = [rank["code"] for rank in ranks]
    assert codes[0] == "national"
    seeded = [c for c in codes if c in {code for code, _, _ in ORDER}]
    assert seeded == [code for code, _, _ in ORDER]
    for earlier, later in (("gubernur", "wakil_gubernur"), ("wakil_gubernur", "ketua_dprd_provinsi"),
                           ("ketua_dprd_provinsi", "sekda_forkopimda"), ("sekda_forkopimda", "bupati_walikota"),
                           ("bupati_walikota", "eselon_2"), ("eselon_2", "eselon_3")):
        assert codes.index(earlier) < codes.index(later)
    gubernur = next(rank for rank in ranks if rank["code"] == "gubernur")
    assert gubernur["basis"] == "UU 9/2010 Pasal 10 ayat (1) huruf a" and gubernur["leaders"] >= 1
    assert gubernur["allowed_actions"] == []
    assert rpc(bureau.protocol()).list_precedence_ranks()["items"][0]["allowed_actions"] == ["edit"]

    leaders = rpc(bureau.pegawai()).list_leaders()["items"]
    assert [leader["code"] for leader in leaders][:3] == ["gubernur", "wakil_gubernur", "sekda"]
    assert leaders[0]["precedence_label"] == "Gubernur" and leaders[0]["allowed_actions"] == []


def test_protocol_staff_create_and_edit_leaders_and_bad_input_names_the_field(services, rpc, bureau):
    staff = rpc(bureau.protocol())
    made = new_leader(rpc, bureau, holder_name="Dr. I Made Contoh", position=50)
    assert made["title"] == "Staf Ahli Gubernur" and made["precedence_rank"] == 170 and made["active"]
    assert made["allowed_actions"] == ["edit", "deactivate"] and made["upcoming_events"] == 0

    changed = staff.update_leader(made["id"], {"title": "Staf Ahli Gubernur Bidang Hukum", "holder_name": None})
    assert changed["title"] == "Staf Ahli Gubernur Bidang Hukum" and changed["holder_name"] is None
    assert changed["code"] == made["code"] and changed["position"] == 50

    cases = [
        ({"code": made["code"], "title": "Lain"}, {"code"}),
        ({"code": "Bukan Kode!", "title": "Lain"}, {"code"}),
        ({"code": code(), "title": "x" * 201}, {"title"}),
        ({"code": code(), "title": "   "}, {"title"}),
        ({"code": code()}, {"title"}),
        ({"code": code(), "title": "Lain", "precedence_code": "tidak_ada"}, {"precedence_code"}),
        ({"code": code(), "title": "Lain", "position": -1}, {"position"}),
    ]
    for data, fields in cases:
        with pytest.raises(ValidationFailed) as bad:
            staff.create_leader(data)
        assert set(bad.value.fields) == fields, data
    with pytest.raises(ValidationFailed) as taken:
        staff.update_leader(made["id"], {"code": "gubernur"})
    assert set(taken.value.fields) == {"code"}
    with pytest.raises(NotFound):
        staff.update_leader(999999, {"title": "x"})
    assert bureau.scalar(select(Leader.title).where(Leader.id == made["id"])) == "Staf Ahli Gubernur Bidang Hukum"


def test_only_protocol_staff_write(services, rpc, bureau):
    made = new_leader(rpc, bureau)
    for who in (bureau.pegawai(), bureau.other_kabag()):
        proxy = rpc(who)
        with pytest.raises(Forbidden):
            proxy.create_leader({"code": code(), "title": "Lain"})
        with pytest.raises(Forbidden):
            proxy.update_leader(made["id"], {"active": False})
        with pytest.raises(Forbidden):
            proxy.create_precedence_rank({"code": code("rank"), "label": "Lokal", "rank": 999_001})
        with pytest.raises(Forbidden):
            proxy.update_precedence_rank(1, {"label": "Diubah"})
    assert bureau.scalar(select(Leader.active).where(Leader.id == made["id"])) is True


def test_a_leader_with_events_to_come_is_deactivated_and_keeps_them(services, rpc, bureau):
    staff = rpc(bureau.protocol())
    made = new_leader(rpc, bureau, position=900)
    soon = utcnow() + timedelta(days=3)
    event_id = add_event(bureau, made["id"], "Kunjungan kerja", soon, soon + timedelta(hours=2))
    add_event(bureau, made["id"], "Batal", soon, soon + timedelta(hours=1), status="cancelled")

    off = staff.update_leader(made["id"], {"active": False})
    assert not off["active"] and off["upcoming_events"] == 1 and off["allowed_actions"] == ["edit", "reactivate"]
    assert "1 kegiatan yang akan datang tetap tercatat" in off["notice"]
    assert bureau.scalar(select(EventLeader.leader_id).where(EventLeader.event_id == event_id)) == made["id"]

    def codes(proxy, **kwargs):
        return [leader["code"] for leader in proxy.list_leaders(**kwargs)["items"]]

    assert made["code"] not in codes(rpc(bureau.pegawai()), include_inactive=True)  # staff only
    listed = staff.list_leaders(include_inactive=True, limit=200)["items"]
    assert listed[-1]["code"] == made["code"] or not listed[-1]["active"]
    assert all(leader["active"] for leader in listed[:[x["active"] for x in listed].index(False)])
    assert made["code"] in [leader["code"] for leader in listed]

    first = staff.list_leaders(include_inactive=True, limit=2)
    second = staff.list_leaders(include_inactive=True, limit=2, cursor=first["next_cursor"])
    assert [x["code"] for x in first["items"] + second["items"]] == [x["code"] for x in listed[:4]]

    on = staff.update_leader(made["id"], {"active": True})
    assert on["active"] and on["notice"] == "Pimpinan diaktifkan kembali."


def test_protocol_staff_edit_ranks_and_add_local_ones_between_two(services, rpc, bureau):
    staff = rpc(bureau.protocol())
    local = staff.create_precedence_rank({"code": code("lokal"), "label": "Ketua MDA Provinsi",
                                          "basis": "Kebijakan daerah", "after_code": "ketua_dprd_provinsi"})
    assert local["rank"] == 55 and local["allowed_actions"] == ["edit"]
    closer = staff.create_precedence_rank({"code": code("lokal"), "label": "Bendesa Agung",
                                           "after_code": local["code"]})
    assert closer["rank"] == 57
    codes = [rank["code"] for rank in staff.list_precedence_ranks()["items"]]
    assert codes.index("ketua_dprd_provinsi") + 1 == codes.index(local["code"])
    assert codes.index(local["code"]) + 1 == codes.index(closer["code"]) < codes.index("konsuler")

    edited = staff.update_precedence_rank(closer["id"], {"label": "Bendesa Agung MDA", "basis": None, "rank": 58})
    assert (edited["label"], edited["basis"], edited["rank"]) == ("Bendesa Agung MDA", None, 58)

    def refused(call, *args):
        with pytest.raises(ValidationFailed) as bad:
            call(*args)
        return set(bad.value.fields)

    assert refused(staff.update_precedence_rank, closer["id"], {"rank": 10}) == {"rank"}  # the governor's
    assert refused(staff.update_precedence_rank, closer["id"], {"code": "baru"}) == {"code"}
    assert refused(staff.update_precedence_rank, closer["id"], {"label": ""}) == {"label"}
    assert refused(staff.create_precedence_rank, {"code": "gubernur", "label": "x", "rank": 999_002}) == {"code"}
    assert refused(staff.create_precedence_rank, {"code": code("lokal"), "label": "x"}) == {"rank"}
    assert refused(staff.create_precedence_rank, {"code": code("lokal"), "label": "x", "rank": 20}) == {"rank"}
    assert refused(staff.create_precedence_rank, {"code": code("lokal"), "label": "x",
                                                  "after_code": "tidak_ada"}) == {"after_code"}
    staff.update_precedence_rank(edited["id"], {"rank": 56})
    assert refused(staff.create_precedence_rank, {"code": code("lokal"), "label": "x",
                                                  "after_code": local["code"]}) == {"after_code"}  # 55 and 56
    with pytest.raises(NotFound):
        staff.update_precedence_rank(999999, {"label": "x"})


def test_the_daily_and_weekly_agenda_pdf(services, rpc, bureau):
    leader = new_leader(rpc, bureau, holder_name="Drs. I Ketut Contoh")
    lid = leader["id"]
    add_event(bureau, lid, "Rapat koordinasi pariwisata", at(DAY, 9), at(DAY, 11), organiser="Dinas Pariwisata",
              dress_code="PDH", protocol_notes="Membuka acara")
    add_event(bureau, lid, "Audiensi Bendesa Adat", at(DAY, 13), at(DAY, 14), status="tentative",
              location_kind="internal", room_name="Ruang Rapat Praja Sabha")
    add_event(bureau, lid, "Peninjauan yang dibatalkan", at(DAY, 15), at(DAY, 16), status="cancelled")
    add_event(bureau, lid, "Kunjungan kerja Nusa Penida", at(DAY + timedelta(days=2), 8),
              at(DAY + timedelta(days=3), 17))
    add_event(bureau, lid, "Dialog dengan nelayan", at(DAY + timedelta(days=1), 10),
              at(DAY + timedelta(days=1), 11), status="postponed")

    pegawai = rpc(bureau.pegawai())  # every employee prints
    daily = pegawai.leader_agenda_pdf(lid, day=DAY.isoformat())
    assert daily["filename"] == f"agenda-{leader['code']}-2031-03-10.pdf"
    text = pdf_text(daily)
    for expected in ("AGENDA KEGIATAN STAF AHLI GUBERNUR", "Drs. I Ketut Contoh", "Senin, 10 Maret 2031",
                     "09.00–11.00", "Rapat koordinasi pariwisata", "Dinas Pariwisata", "PDH", "Membuka acara",
                     "13.00–14.00", "(sementara)", "Ruang Rapat Praja Sabha", "Halaman 1", "Dicetak"):
        assert expected in text, expected
    assert "dibatalkan" not in text and "Tidak ada kegiatan." not in text
    assert text.index("Rapat koordinasi") < text.index("Audiensi Bendesa")

    weekly = rpc(bureau.protocol()).leader_agenda_pdf(lid, week_of=(DAY + timedelta(days=3)).isoformat())
    assert weekly["filename"] == f"agenda-{leader['code']}-pekan-2031-03-10.pdf"
    text = pdf_text(weekly)
    days = ("Senin, 10 Maret 2031", "Selasa, 11 Maret 2031", "Rabu, 12 Maret 2031", "Kamis, 13 Maret 2031",
            "Jumat, 14 Maret 2031", "Sabtu, 15 Maret 2031", "Minggu, 16 Maret 2031")
    positions = [text.index(day) for day in days]
    assert positions == sorted(positions)
    assert "Pekan 10 Maret 2031 s.d. 16 Maret 2031" in text
    assert "(ditunda)" in text and "mulai 08.00" in text and "s.d. 17.00" in text
    assert text.count("Kunjungan kerja Nusa Penida") == 2
    assert text.count("Tidak ada kegiatan.") == 3  # Friday to Sunday
    assert "dibatalkan" not in text

    empty = pdf_text(pegawai.leader_agenda_pdf(lid, day=(DAY + timedelta(days=5)).isoformat()))
    assert "Sabtu, 15 Maret 2031" in empty and "Tidak ada kegiatan." in empty
    today = pegawai.leader_agenda_pdf(lid)
    assert today["filename"].endswith(f"-{wita_day().isoformat()}.pdf")

    with pytest.raises(ValidationFailed) as both:
        pegawai.leader_agenda_pdf(lid, day=DAY.isoformat(), week_of=DAY.isoformat())
    assert set(both.value.fields) == {"week_of"}
    with pytest.raises(ValidationFailed) as bad_day:
        pegawai.leader_agenda_pdf(lid, day="10-03-2031")
    assert set(bad_day.value.fields) == {"day"}
    with pytest.raises(NotFound):
        pegawai.leader_agenda_pdf(999999, day=DAY.isoformat())
