"""``make test``: run each test suite in its own pytest process and print one total.

Each service's tests live beside it (services/<name>/tests) and the
cross-service ones in tests/; separate processes keep their conftests and
module names apart. The last line is the total: ``N passed, N failed``.
"""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


#: Suites that need their own process settings: the browser tests run without
#: eventlet (Playwright hangs under its monkey-patching; see the root conftest).
SUITE_ENV = {"tests/browser": {"SITUOK_EVENTLET": "0"}}
SUITE_ARGS = {"tests": ["--ignore=tests/browser"]}


def suites(selected: list[str]) -> list[Path]:
    found = sorted(p for p in (ROOT / "services").glob("*/tests") if p.is_dir())
    found += [ROOT / "tests", ROOT / "tests" / "browser"]
    if selected:
        found = [p for p in found if any(s in str(p.relative_to(ROOT)) for s in selected)]
    return found


def main(argv: list[str]) -> int:
    extra = [a for a in argv if a.startswith("-")]
    selected = [a for a in argv if not a.startswith("-")]
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
        code = subprocess.call(argv, cwd=ROOT, env={**os.environ, **SUITE_ENV.get(str(rel), {})})
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
