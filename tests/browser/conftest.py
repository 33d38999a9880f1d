"""The browser suite runs in its own pytest process without eventlet (see the root conftest)."""
from __future__ import annotations

import pytest
from eventlet import patcher

from tests.e2e.conftest import a_unit_id, admin, pytest_runtest_makereport  # noqa: F401 (fixtures, hook)

if patcher.is_monkey_patched("socket"):
    raise pytest.UsageError("run the browser tests with SITUOK_EVENTLET=0 (tools/run_tests.py does): "
                            "Playwright hangs under eventlet's monkey-patching")
