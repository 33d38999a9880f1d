"""situok-admin and the kit's defaults follow the one list of services (situok_contracts.services)."""
from __future__ import annotations

import sys

import pytest
from situok_contracts.services import SERVICES, with_database
from situok_kit import admin
from situok_kit.config import DEFAULT_PORTS, ServiceSettings


def test_default_ports_are_the_lists():
    assert DEFAULT_PORTS == {s.name: s.port for s in SERVICES}
    assert ServiceSettings.from_env("travel", None).http_port == next(s.port for s in SERVICES if s.name == "travel")


@pytest.mark.parametrize("command", ["create-databases", "migrate"])
def test_no_names_means_every_service_with_a_database(monkeypatch, command):
    seen = []
    monkeypatch.setattr(admin, command.replace("-", "_"), lambda services: seen.append(services) or 0)
    with pytest.raises(SystemExit) as exit_:
        admin.main([command])
    assert exit_.value.code == 0
    assert seen == [list(with_database())]


class SeedCalls(list):
    """The seed modules situok-admin ran, in order; ``codes`` says what each exits with (default 0)."""

    def __init__(self):
        super().__init__()
        self.codes: dict[str, int] = {}

    def __call__(self, argv: list[str]) -> int:
        assert argv[:2] == [sys.executable, "-m"]
        self.append(argv[2])
        return self.codes.get(argv[2], 0)


@pytest.fixture
def seeds_run(monkeypatch) -> SeedCalls:
    calls = SeedCalls()
    monkeypatch.setattr(admin.subprocess, "call", calls)
    return calls


def test_seed_runs_every_seed_in_the_lists_order(seeds_run):
    assert admin.seed([]) == 0
    # a reference service's sample data (Service.demo) right after its seed
    assert seeds_run == [module for s in SERVICES if s.seed
                         for module in (f"{s.name}.seed", *([f"{s.name}.demo"] if s.demo else []))]


def test_reference_only_leaves_the_demo_data_out(seeds_run, capsys):
    assert admin.seed([], reference_only=True) == 0
    assert seeds_run == [f"{s.name}.seed" for s in SERVICES if s.seed == "reference"]
    demo = [s.name for s in SERVICES if s.seed == "demo"]
    assert demo and all(f"skipped    {name} (demo data; --reference-only)" in capsys.readouterr().out for name in demo)


def test_a_failing_seed_stops_the_rest(seeds_run):
    first, *rest = [f"{s.name}.seed" for s in SERVICES if s.seed]
    seeds_run.codes[first] = 3
    assert admin.seed([]) == 3
    assert seeds_run == [first]


def test_named_services_only_and_one_without_a_seed_says_so(seeds_run, capsys):
    assert admin.seed(["gateway", "travel"]) == 0
    assert seeds_run == ["travel.seed"]
    assert "no seed    gateway" in capsys.readouterr().out
    with pytest.raises(KeyError, match="no service 'nothing'"):
        admin.seed(["nothing"])
