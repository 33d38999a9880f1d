"""The budget (DPA) through the running service (``rpc``): loading the example file, a bad file that changes
nothing, amendments that keep the old version and the running amounts (and are refused below them), the
dashboard after the ledger moves, the keyset list, who may see it, and the functions other areas call
(``line_for_charge``, ``pptk_of``, ``lines_of_pptk``, ``find_line``). Each test has a fiscal year of its own."""
import base64
import csv
import io

import pytest
from finance.domain import budget, ledger
from finance.models import BudgetLine
from situok_kit.errors import Forbidden, NotFound, ValidationFailed
from situok_kit.testing import wait_for
from sqlalchemy import text
from sqlalchemy.orm import Session

pytestmark = pytest.mark.integration

ATK = ("4.01.01.2.06.0004", "5.1.02.01.01.0024")          # Rp45.000.000, PPTK kasubbag_rtp
KERTAS = ("4.01.01.2.06.0004", "5.1.02.01.01.0025")       # Rp15.000.000
LISTRIK = ("4.01.01.2.08.0002", "5.1.02.02.01.0061")      # Rp240.000.000, PPTK kasubbag_pml
EXAMPLE_TOTAL = 1_157_000_000
MONTHS = ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des")


def b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def example_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(budget.example_file().decode())))


def to_csv(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def with_ceiling(row: dict, ceiling: int) -> dict:
    return {**row, "pagu": str(ceiling), **{m: "0" for m in MONTHS}, "jan": str(ceiling)}


def amended(ceilings: dict | None = None, drop: tuple = (), add: tuple = ()) -> bytes:
    """The example file with some ceilings changed ((sub, account) -> rupiah), some lines dropped and rows
    added."""
    rows = []
    for row in example_rows():
        key = (row["kode_sub_kegiatan"], row["kode_rekening"])
        if key in drop:
            continue
        rows.append(with_ceiling(row, ceilings[key]) if ceilings and key in ceilings else row)
    return to_csv(rows + list(add))


def line_of(engine, year: int, key: tuple) -> BudgetLine:
    with Session(engine) as session:
        line = budget.find_line(session, year, *key)
        assert line is not None
        session.expunge(line)
        return line


def move(engine, line_id: int, commit: int = 0, realize: int = 0) -> None:
    with Session(engine) as session, session.begin():
        if commit:
            ledger.commit(session, line_id, commit)
        if realize:
            ledger.realize(session, line_id, realize)


def load(rpc, bureau, year: int, content: bytes | None = None, label=None) -> dict:
    return rpc(bureau.admin()).load_budget(year, "dpa.csv", b64(content or budget.example_file()), label=label)


def table_counts(bureau, year: int) -> tuple:
    return (bureau.scalar(text("SELECT count(*) FROM budget_versions WHERE fiscal_year = :y"), {"y": year}),
            bureau.scalar(text("SELECT count(*) FROM budget_lines WHERE fiscal_year = :y"), {"y": year}),
            bureau.scalar(text("SELECT coalesce(sum(ceiling), 0) FROM budget_lines WHERE fiscal_year = :y"),
                          {"y": year}))


def test_loading_the_example_dpa_publishes_and_fills_the_dashboard(rpc, bureau, observer):
    events = observer()
    loaded = load(rpc, bureau, 2031)
    assert (loaded["number"], loaded["label"], loaded["status"]) == (0, "DPA murni 2031", "active")
    assert (loaded["sub_activity_count"], loaded["account_count"], loaded["total_ceiling"]) == (6, 18, EXAMPLE_TOTAL)
    published = wait_for(lambda: [e for e in events.of_type("finance.budget_loaded")
                                  if e["data"]["fiscal_year"] == 2031], message="budget_loaded published")
    assert published[0]["data"] | {"loaded_at": None} == loaded | {"previous_number": None, "loaded_at": None}

    reader = rpc(bureau.bendahara())
    assert [v["number"] for v in reader.list_budget_versions(2031)] == [0]
    overview = reader.budget_overview(2031)
    assert overview["version"]["id"] == loaded["id"]
    assert overview["totals"] == {"ceiling": EXAMPLE_TOTAL, "committed": 0, "realized": 0, "remaining": EXAMPLE_TOTAL}
    logistics = next(s for s in overview["sub_activities"] if s["code"] == ATK[0])
    assert logistics["pptk_employee_id"] == bureau.employee_ids["kasubbag_rtp"]
    assert logistics["pptk_nip"] == "198008082005031004" and "Suartika" in logistics["pptk_name"]
    assert logistics["activity_code"] == "4.01.01.2.06" and logistics["program_code"] == "4.01.01"
    assert [a["account_code"] for a in logistics["accounts"]] == ["5.1.02.01.01.0024", "5.1.02.01.01.0025",
                                                                  "5.1.02.01.01.0029"]
    assert logistics["totals"]["ceiling"] == 80_000_000 and sum(logistics["cash_plan"]) == 80_000_000
    assert reader.budget_overview(2099) == {"fiscal_year": 2099, "version": None, "sub_activities": [],
                                            "totals": {"ceiling": 0, "committed": 0, "realized": 0, "remaining": 0}}


def test_the_dashboard_stays_consistent_with_the_ledger(rpc, bureau, finance_db):
    engine = finance_db[1]
    load(rpc, bureau, 2032)
    atk, listrik = line_of(engine, 2032, ATK), line_of(engine, 2032, LISTRIK)
    move(engine, atk.id, commit=12_500_000, realize=2_500_000)
    move(engine, listrik.id, commit=20_000_000, realize=20_000_000)
    move(engine, listrik.id, commit=5_000_000)
    overview = rpc(bureau.ppk()).budget_overview(2032)
    accounts = {(s["code"], a["account_code"]): a for s in overview["sub_activities"] for a in s["accounts"]}
    assert {k: accounts[ATK][k] for k in ("ceiling", "committed", "realized", "remaining")} == {
        "ceiling": 45_000_000, "committed": 10_000_000, "realized": 2_500_000, "remaining": 32_500_000}
    assert {k: accounts[LISTRIK][k] for k in ("committed", "realized", "remaining")} == {
        "committed": 5_000_000, "realized": 20_000_000, "remaining": 215_000_000}
    for sub in overview["sub_activities"]:
        for key in ("ceiling", "committed", "realized", "remaining"):
            assert sub["totals"][key] == sum(a[key] for a in sub["accounts"])
    assert overview["totals"] == {"ceiling": EXAMPLE_TOTAL, "committed": 15_000_000, "realized": 22_500_000,
                                  "remaining": EXAMPLE_TOTAL - 37_500_000}
    assert overview["totals"]["ceiling"] == table_counts(bureau, 2032)[2]
    line = rpc(bureau.pptk()).get_budget_line(atk.id)
    assert (line["committed"], line["realized"], line["remaining"], line["in_active_version"]) == (
        10_000_000, 2_500_000, 32_500_000, True)
    assert line["pptk_employee_id"] == bureau.employee_ids["kasubbag_rtp"] and len(line["cash_plan"]) == 12


def test_the_functions_other_areas_call(rpc, bureau, finance_db):
    engine = finance_db[1]
    by_hand = bureau.budget_line(500_000, year=2033, sub_activity_code="4.01.01.2.06.0001")  # in no version
    move(engine, by_hand, commit=100_000)
    load(rpc, bureau, 2033)
    load(rpc, bureau, 2033, amended({ATK: 46_000_000}))
    with Session(engine) as session:  # a line in no version is not "dropped" by a load: left as it was
        assert (session.get(BudgetLine, by_hand).ceiling, session.get(BudgetLine, by_hand).committed) == (
            500_000, 100_000)
        with pytest.raises(ValidationFailed):
            budget.line_for_charge(session, by_hand)
    orphan = bureau.budget_line(1_000_000, year=2038)  # a line with no DPA loaded for its year
    rtp, pml = bureau.employee_ids["kasubbag_rtp"], bureau.employee_ids["kasubbag_pml"]
    with Session(engine) as session:
        atk = budget.find_line(session, 2033, *ATK)
        assert budget.line_for_charge(session, atk.id) is atk
        assert budget.pptk_of(session, atk) == rtp
        assert budget.pptk_of(session, budget.find_line(session, 2033, *LISTRIK)) == pml
        mine = budget.lines_of_pptk(session, rtp, 2033)
        assert [(x.sub_activity_code, x.account_code) for x in mine][:2] == [ATK, KERTAS] and len(mine) == 6
        assert budget.lines_of_pptk(session, rtp, 2034) == []
        assert budget.find_line(session, 2033, ATK[0], "5.1.02.01.01.0099") is None
        assert budget.find_line(session, 2034, *ATK) is None
        with pytest.raises(NotFound):
            budget.line_for_charge(session, 999_999_999)
        with pytest.raises(ValidationFailed) as no_version:
            budget.line_for_charge(session, orphan)
        assert no_version.value.fields["budget_line_id"] == "DPA tahun 2038 belum dimuat. Hubungi admin."
        assert budget.pptk_of(session, session.get(BudgetLine, orphan)) is None


def test_a_bad_file_changes_nothing_and_names_each_row_and_column(rpc, bureau, observer):
    events = observer()
    rows = example_rows()
    rows[1] = {**rows[1], "pagu": "6.000.000,5"}                      # file row 3
    rows[4] = {**rows[4], "kode_rekening": "5.1.2.1.1.29"}             # file row 6
    for i in (6, 7, 8):                                                # rows 8-10: a PPTK not on the roster
        rows[i] = {**rows[i], "nip_pptk": "199901012020011999"}
    rows[9] = {**rows[9], "des": "1"}                                 # row 11: plan != ceiling
    rows[11] = {**rows[11], "nip_pptk": "198008082005031004"}          # row 13: differs from row 12
    with pytest.raises(ValidationFailed) as refused:
        load(rpc, bureau, 2034, to_csv(rows))
    fields = refused.value.fields
    assert fields["baris_3.pagu"].startswith("Harus bilangan bulat rupiah")
    assert fields["baris_6.kode_rekening"].startswith("'5.1.2.1.1.29' bukan kode yang valid")
    assert fields["baris_8.nip_pptk"] == "Pegawai dengan NIP 199901012020011999 tidak ada pada daftar pegawai."
    assert fields["baris_11.anggaran_kas"].startswith("Jumlah anggaran kas jan-des")
    assert fields["baris_13.nip_pptk"].startswith("Berbeda dengan baris 12 untuk sub kegiatan 4.01.01.2.08.0002")
    assert set(fields) == {"file", "baris_3.pagu", "baris_6.kode_rekening", "baris_8.nip_pptk",
                           "baris_11.anggaran_kas", "baris_13.nip_pptk"}
    assert int(refused.value.extra["count"]) == 5, refused.value.extra
    assert table_counts(bureau, 2034) == (0, 0, 0)
    # an amendment with a bad row leaves the loaded version as it was
    load(rpc, bureau, 2034)
    before = table_counts(bureau, 2034)
    with pytest.raises(ValidationFailed):
        load(rpc, bureau, 2034, amended({ATK: 50_000_000}, add=({**example_rows()[0], "pagu": "x"},)))
    assert table_counts(bureau, 2034) == before
    assert [v["status"] for v in rpc(bureau.admin()).list_budget_versions(2034)] == ["active"]
    loads = [e for e in events.poll() if e.get("type") == "finance.budget_loaded" and e["data"]["fiscal_year"] == 2034]
    assert len(loads) <= 1


def test_an_amendment_keeps_the_old_version_and_the_running_amounts(rpc, bureau, finance_db, observer):
    engine = finance_db[1]
    events = observer()
    load(rpc, bureau, 2035)
    atk, kertas = line_of(engine, 2035, ATK), line_of(engine, 2035, KERTAS)
    move(engine, atk.id, commit=30_000_000, realize=10_000_000)
    new_row = with_ceiling({**example_rows()[3], "kode_rekening": "5.1.02.01.01.0027",
                            "nama_rekening": "Belanja Alat/Bahan untuk Kegiatan Kantor-Benda Pos"}, 2_000_000)
    amendment = load(rpc, bureau, 2035, amended({ATK: 60_000_000}, drop=(KERTAS,), add=(new_row,)),
                     label="DPA Perubahan 2035")
    assert (amendment["number"], amendment["label"], amendment["status"]) == (1, "DPA Perubahan 2035", "active")
    assert amendment["total_ceiling"] == EXAMPLE_TOTAL + 15_000_000 - 15_000_000 + 2_000_000
    published = wait_for(lambda: [e for e in events.of_type("finance.budget_loaded")
                                  if e["data"]["fiscal_year"] == 2035 and e["data"]["number"] == 1])
    assert published[0]["data"]["previous_number"] == 0
    admin = rpc(bureau.admin())
    assert [(v["number"], v["status"], v["account_count"]) for v in admin.list_budget_versions(2035)] == [
        (1, "active", 18), (0, "superseded", 18)]
    after = line_of(engine, 2035, ATK)
    assert (after.id, after.ceiling, after.committed, after.realized) == (atk.id, 60_000_000, 20_000_000, 10_000_000)
    detail = admin.get_budget_line(atk.id)
    assert [(h["version_number"], h["version_status"], h["ceiling"]) for h in detail["history"]] == [
        (1, "active", 60_000_000), (0, "superseded", 45_000_000)]
    dropped = admin.get_budget_line(kertas.id)
    assert (dropped["ceiling"], dropped["in_active_version"], dropped["cash_plan"]) == (0, False, None)
    with Session(engine) as session:
        assert budget.find_line(session, 2035, *KERTAS) is None
        with pytest.raises(ValidationFailed) as not_in_version:
            budget.line_for_charge(session, kertas.id)
        assert "tidak ada pada DPA tahun 2035 yang berlaku" in not_in_version.value.fields["budget_line_id"]
        assert budget.find_line(session, 2035, ATK[0], "5.1.02.01.01.0027").ceiling == 2_000_000
    # a second amendment may bring the dropped line back: the same line, its ceiling restored
    load(rpc, bureau, 2035)
    assert line_of(engine, 2035, KERTAS).id == kertas.id
    assert line_of(engine, 2035, ATK).committed == 20_000_000


def test_an_amendment_below_committed_plus_realized_is_refused_naming_the_row(rpc, bureau, finance_db):
    engine = finance_db[1]
    load(rpc, bureau, 2036)
    atk, listrik = line_of(engine, 2036, ATK), line_of(engine, 2036, LISTRIK)
    move(engine, atk.id, commit=30_000_000, realize=10_000_000)
    move(engine, listrik.id, commit=1_000)
    before = table_counts(bureau, 2036)
    atk_row = next(i for i, r in enumerate(example_rows(), start=2)
                   if (r["kode_sub_kegiatan"], r["kode_rekening"]) == ATK)
    with pytest.raises(ValidationFailed) as refused:
        load(rpc, bureau, 2036, amended({ATK: 29_999_999}, drop=(LISTRIK,)))
    fields = refused.value.fields
    assert fields[f"baris_{atk_row}.pagu"] == ("Pagu Rp29.999.999 lebih kecil dari yang sudah terpakai pada rekening "
                                               "ini (Rp30.000.000: terikat Rp20.000.000, terealisasi Rp10.000.000).")
    assert fields["berkas.kode_rekening"] == (
        "Rekening 5.1.02.02.01.0061 pada sub kegiatan 4.01.01.2.08.0002 tidak boleh dihapus: sudah terpakai "
        "Rp1.000; cantumkan dengan pagu paling sedikit Rp1.000.")
    assert table_counts(bureau, 2036) == before
    assert line_of(engine, 2036, ATK).ceiling == 45_000_000
    # exactly what has been used is allowed
    exact = load(rpc, bureau, 2036, amended({ATK: 30_000_000}))
    assert exact["number"] == 1 and line_of(engine, 2036, ATK).remaining == 0


def test_the_list_of_lines_walks_every_line_once_and_filters(rpc, bureau):
    load(rpc, bureau, 2037)
    reader = rpc(bureau.pa_kpa())
    seen, cursor = [], None
    while True:
        page = reader.list_budget_lines({"fiscal_year": 2037}, cursor=cursor, limit=4)
        assert len(page["items"]) <= 4
        seen += [(i["sub_activity_code"], i["account_code"], i["id"]) for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == 18 and len({s[2] for s in seen}) == 18 and seen == sorted(seen)
    travel = reader.list_budget_lines({"fiscal_year": 2037, "account_code": "5.1.02.04"})["items"]
    assert [(i["sub_activity_code"], i["account_code"]) for i in travel] == [
        ("4.01.01.2.06.0009", "5.1.02.04.01.0001"), ("4.01.01.2.06.0009", "5.1.02.04.01.0003"),
        ("4.01.01.2.13.0002", "5.1.02.04.01.0001")]
    electricity = reader.list_budget_lines({"fiscal_year": 2037, "q": "tagihan listrik"})["items"]
    assert [i["account_code"] for i in electricity] == ["5.1.02.02.01.0061"]
    assert electricity[0]["sub_activity_name"] == "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"
    protocol = reader.list_budget_lines({"fiscal_year": 2037, "q": "keprotokolan"})["items"]
    assert len(protocol) == 3 and {i["pptk_employee_id"] for i in protocol} == {bureau.employee_ids["kasubbag_pro"]}
    one_sub = reader.list_budget_lines({"fiscal_year": 2037, "sub_activity_code": ATK[0]})["items"]
    assert len(one_sub) == 3
    with pytest.raises(ValidationFailed) as bad_cursor:
        reader.list_budget_lines({"fiscal_year": 2037}, cursor="not-a-cursor")
    assert "cursor" in bad_cursor.value.fields
    with pytest.raises(ValidationFailed) as bad_filter:
        reader.list_budget_lines({"fiscal_year": "dua ribu"})
    assert "fiscal_year" in bad_filter.value.fields


def test_only_finance_roles_see_the_budget_and_only_admin_loads_it(rpc, bureau):
    load(rpc, bureau, 2039)
    pegawai = rpc(bureau.pegawai())
    line_id = rpc(bureau.pptk()).list_budget_lines({"fiscal_year": 2039}, limit=1)["items"][0]["id"]
    for call in (lambda: pegawai.list_budget_versions(2039), lambda: pegawai.budget_overview(2039),
                 lambda: pegawai.list_budget_lines({"fiscal_year": 2039}), lambda: pegawai.get_budget_line(line_id),
                 lambda: pegawai.load_budget(2039, "dpa.csv", b64(budget.example_file()))):
        with pytest.raises(Forbidden):
            call()
    with pytest.raises(Forbidden):
        rpc(bureau.bendahara()).load_budget(2039, "dpa.csv", b64(budget.example_file()))
    with pytest.raises(NotFound):
        rpc(bureau.pptk()).get_budget_line(999_999_999)
    with pytest.raises(ValidationFailed) as bad_year:
        rpc(bureau.admin()).load_budget(1999, "dpa.csv", b64(budget.example_file()))
    assert "fiscal_year" in bad_year.value.fields
    assert len(rpc(bureau.admin()).list_budget_versions(2039)) == 1


def test_the_budget_tables_match_the_models(finance_db, bureau):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from finance.models import Base

    def table_of(diff) -> str | None:
        for part in diff if isinstance(diff, tuple) else diff[0]:
            name = getattr(part, "name", None) if not isinstance(part, str) else part
            table = getattr(part, "table", None)
            if table is not None:
                return table.name
            if isinstance(name, str) and name.startswith("budget_"):
                return name
        return None

    with finance_db[1].connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diffs if (table_of(d) or "").startswith("budget_")] == []
    assert bureau.scalar(text("SELECT count(*) FROM pg_constraint WHERE conname = 'ck_budget_allocations_cash_plan'"))


def test_a_large_dpa_loads_in_one_go(rpc, bureau):
    template = example_rows()[3]
    rows = [with_ceiling({**template, "kode_sub_kegiatan": f"4.01.01.2.06.{1000 + s:04d}",
                          "kode_rekening": f"5.1.02.01.01.{a:04d}"}, 1_000_000 + a)
            for s in range(40) for a in range(1, 51)]
    loaded = load(rpc, bureau, 2040, to_csv(rows))
    assert (loaded["sub_activity_count"], loaded["account_count"]) == (40, 2000)
    assert loaded["total_ceiling"] == sum(1_000_000 + a for _ in range(40) for a in range(1, 51))
    again = load(rpc, bureau, 2040, to_csv(rows[:-1]))
    assert again["account_count"] == 1999 and again["number"] == 1


def test_an_xlsx_dpa_loads_like_its_csv(rpc, bureau):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    rows = example_rows()
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append([int(v) if k == "pagu" or k in MONTHS else v for k, v in row.items()])
    out = io.BytesIO()
    book.save(out)
    loaded = rpc(bureau.admin()).load_budget(2041, "dpa perubahan.xlsx", b64(out.getvalue()), label="  ")
    assert (loaded["label"], loaded["account_count"], loaded["total_ceiling"]) == ("DPA murni 2041", 18,
                                                                                   EXAMPLE_TOTAL)
    assert loaded["filename"] == "dpa perubahan.xlsx" and len(loaded["sha256"]) == 64
