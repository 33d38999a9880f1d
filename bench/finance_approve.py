"""SPJ approval load for ``make bench``: the PPK approves many verified SPJ, one approval each.

An SPJ is approved once (a second approval is a 409 without any work), so the benchmark puts verified SPJ
straight into finance's database — on one budget line with room for all of them, drafted and verified by
other accounts (separation of duties holds) — and the locust users take the next unused id for every
request: ``POST /api/v1/finance/spj/{id}/approve``. Each request does what a real approval does: the caller's
token checked at the gateway, the RPC, the SPJ row locked, the workflow table's check, the budget line's
guarded ``UPDATE`` (the ceiling check), the transition row and the outbox event.
"""
from __future__ import annotations

from pathlib import Path

from situok_kit.identity import Identity
from situok_kit.tokens import issue_access_token
from sqlalchemy import create_engine, text

#: Accounts of the synthetic drafter and verifier (never the approving PPK).
DRAFTER, VERIFIER = 6_000_001, 6_000_002
#: The PPK's synthetic account and employee.
PPK_ACCOUNT = 6_000_003
GROSS = 100_000


def prepare(finance_db_url: str, jwt_secret: str, count: int, out: Path, year: int = 2026) -> Path:
    """Insert one budget line with room for ``count`` approvals and ``count`` verified SPJ; write their ids to
    ``out`` (one per line) and answer it. The PPK's token goes to ``out.with_suffix('.token')``."""
    engine = create_engine(finance_db_url)
    with engine.begin() as connection:
        line_id = connection.scalar(text(
            "INSERT INTO budget_lines (fiscal_year, sub_activity_code, account_code, account_name, ceiling) "
            "VALUES (:y, '4.01.01.2.06.9999', '5.1.02.01.01.9999', 'Beban uji persetujuan', :c) "
            "ON CONFLICT (fiscal_year, sub_activity_code, account_code) DO UPDATE SET ceiling = EXCLUDED.ceiling "
            "RETURNING id"), {"y": year, "c": GROSS * count})
        ids = connection.scalars(text(
            "INSERT INTO spj (kind, status, fiscal_year, budget_line_id, title, created_by_account_id, "
            "verified_by_account_id, gross, tax_withheld, net_payable) "
            "SELECT 'purchase', 'verified', :y, :line, 'Beban uji ' || g, :drafter, :verifier, :gross, 0, :gross "
            "FROM generate_series(1, :n) g RETURNING id"),
            {"y": year, "line": line_id, "drafter": DRAFTER, "verifier": VERIFIER, "gross": GROSS,
             "n": count}).all()
    engine.dispose()
    identity = Identity(account_id=PPK_ACCOUNT, username="ppk_beban", employee_id=PPK_ACCOUNT,
                        roles=frozenset({"ppk", "pegawai"}), session_id="bench-ppk")
    token, _ = issue_access_token(identity, "bench-ppk", ttl=3600, secret=jwt_secret)
    out.write_text("\n".join(str(i) for i in ids))
    out.with_suffix(".token").write_text(token)
    return out
