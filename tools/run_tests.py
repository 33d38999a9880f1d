"""``make test``: run each test suite in its own pytest process and print one total.

Each service's tests live beside it (services/<name>/tests) and the
cross-service ones in tests/; separate processes keep their conftests and
module names apart. The last line is the total: ``N passed, N failed``.

The tests' RabbitMQ and PostgreSQL are those ``SITUOK_TEST_AMQP_URI`` and
``SITUOK_TEST_PG_URL`` name (default: this machine's); where nothing answers
there, throwaway local ones are started on those ports for the whole run and
removed afterwards (tools/local_servers.py). ``--no-servers`` skips that (unit
tests only).
"""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.local_servers import ServerUnavailable, servers_for_tests  # noqa: E402

#: Suites that need their own process settings: the browser tests run without
#: eventlet (Playwright hangs under its monkey-patching; see the root conftest).
SUITE_ENV = {"tests/browser": {"SITUOK_EVENTLET": "0"}}
#: The fault suite runs its own stack behind TCP proxies: its own process, after the end-to-end one.
SUITE_ARGS = {"tests": ["--ignore=tests/browser", "--ignore=tests/fault"]}


def suites(selected: list[str]) -> list[Path]:
    found = sorted(p for p in (ROOT / "services").glob("*/tests") if p.is_dir())
    found += [ROOT / "tests", ROOT / "tests" / "fault", ROOT / "tests" / "browser"]
    if selected:
        found = [p for p in found if any(s in str(p.relative_to(ROOT)) for s in selected)]
    return found


def main(argv: list[str]) -> int:
    if "--no-servers" in argv:
        return run_suites([a for a in argv if a != "--no-servers"], {})
    try:
        with servers_for_tests(log=lambda text: print(text, flush=True)) as server_env:
            return run_suites(argv, server_env)
    except ServerUnavailable as exc:
        print(exc, file=sys.stderr)
        return 1


#: pytest options whose value is the next argument (``-m "not e2e"``): it goes to pytest, not a suite name.
VALUE_OPTIONS = {"-m", "-k", "-p", "--deselect", "--ignore", "--maxfail", "--timeout"}


def split_arguments(argv: list[str]) -> tuple[list[str], list[str]]:
    """(pytest options, suite names): ``kit -m "not e2e"`` -> (["-m", "not e2e"], ["kit"])."""
    options, selected = [], []
    values = iter(argv)
    for arg in values:
        if arg in VALUE_OPTIONS:
            options += [arg, next(values, "")]
        elif arg.startswith("-"):
            options.append(arg)
        else:
            selected.append(arg)
    return options, selected


def run_suites(argv: list[str], server_env: dict) -> int:
    extra, selected = split_arguments(argv)
    out = ROOT / "var" / "test-results"
    out.mkdir(parents=True, exist_ok=True)
    totals = {"passed": 0, "failed": 0, "skipped": 0}
    failed_suites = []
    for suite in suites(selected):
        rel = suite.relative_to(ROOT)
        report = out / (str(rel).replace("/", "_") + ".xml")
        report.unlink(missing_ok=True)
        print(f"\n=== {rel} ===", flush=True)
        argv = [sys.executable, "-m", "pytest", str(rel), "-q", f"--junitxml={report}",
                *SUITE_ARGS.get(str(rel), []), *extra]
        code = subprocess.call(argv, cwd=ROOT, env={**os.environ, **server_env, **SUITE_ENV.get(str(rel), {})})
        if code not in (0, 5):  # 5: no tests collected in this suite
            failed_suites.append(str(rel))
        if report.exists():
            for case in ET.parse(report).getroot().iter("testcase"):
                if case.find("failure") is not None or case.find("error") is not None:
                    totals["failed"] += 1
                elif case.find("skipped") is not None:
                    totals["skipped"] += 1
                else:
                    totals["passed"] += 1
    if failed_suites:
        print(f"\nfailing suites: {', '.join(failed_suites)}")
        totals["failed"] = max(totals["failed"], 1)
    print(f"\n{totals['passed']} passed, {totals['failed']} failed, {totals['skipped']} skipped")
    return 1 if failed_suites else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
