"""Shared helpers for the finance tests (a uniquely named module, so several services' tests can share a
pytest session without ``conftest`` clashes). The seeded bureau and the running services are the kit's
fixtures (``situok_kit.fixtures``)."""
from __future__ import annotations

from situok_kit import fixtures
from sqlalchemy import text
from sqlalchemy.orm import Session

#: Fiscal year the tests' budgets are for.
YEAR = 2026


class Bureau(fixtures.Bureau):
    """The seeded bureau with finance's people: who plays which finance role in the tests."""

    def pptk(self):
        return self.as_("kasubbag_rtp", "pptk", "kasubbag", "pegawai")

    def other_pptk(self):
        return self.as_("kasubbag_pml", "pptk", "kasubbag", "pegawai")

    def bendahara(self):
        return self.as_("bendahara", "bendahara", "pegawai")

    def ppk(self):
        return self.as_("kasubbag_akp", "ppk", "kasubbag", "pegawai")

    def pa_kpa(self):
        return self.as_("karo", "pimpinan", "pegawai")

    def pegawai(self):
        return self.as_("pegawai", "pegawai")

    def budget_line(self, ceiling: int, account_code: str = "5.1.02.01.01.0024",
                    sub_activity_code: str = "4.01.01.2.06.0001", year: int = YEAR,
                    account_name: str = "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor") -> int:
        """A budget line straight in finance's database (its ceiling replaced when it exists): its id. For
        tests of spending that need a line but not a loaded DPA."""
        with Session(self.engine) as session, session.begin():
            return session.execute(text(
                "INSERT INTO budget_lines (fiscal_year, sub_activity_code, account_code, account_name, ceiling) "
                "VALUES (:y, :s, :a, :n, :c) ON CONFLICT (fiscal_year, sub_activity_code, account_code) "
                "DO UPDATE SET ceiling = EXCLUDED.ceiling, committed = 0, realized = 0 RETURNING id"),
                {"y": year, "s": sub_activity_code, "a": account_code, "n": account_name, "c": ceiling}).scalar_one()
