"""The tools that run the stack locally (tools/stack.py, tools/run.py, tools/processes.py): plan, ports,
supervision. No broker or database: the processes here are small Python one-liners."""
from __future__ import annotations

import io
import signal
import sys
import threading

import pytest
from deploy_helpers import poll
from situok_contracts.services import SERVICES

from tools.processes import Backoff, Console, Proc, stop_all
from tools.run import instance_ports, port_variables
from tools.stack import Stack

LISTED = {s.name: s for s in SERVICES}


def listed_ports(service) -> list[int]:
    return service.ports()


def test_the_stack_runs_every_listed_service_and_bench_ones_only_for_the_bench(tmp_path):
    stack = Stack(workdir=tmp_path, port_of=listed_ports)
    names = [p.name for p in stack.plan()]
    domains = [s.name for s in SERVICES if s.database]
    assert names == [*domains, "gateway-1", "gateway-2", "web"]
    assert [p.argv[1:] for p in stack.plan()][len(domains)] == ["gateway", "--port", "8101"]
    assert stack.gateway_ports == [8101, 8102]
    bench = Stack(workdir=tmp_path, port_of=listed_ports, with_bench=True)
    assert [p.name for p in bench.plan()][len(names):] == ["echo-rpc", "echo-1", "echo-2"]


def test_make_run_ports_follow_the_list_and_the_readmes_variables():
    gateway, web = LISTED["gateway"], LISTED["web"]
    assert instance_ports(gateway, {}) == [8101, 8102]
    assert port_variables(gateway) == ["SITUOK_GATEWAY1_PORT", "SITUOK_GATEWAY2_PORT"]
    assert instance_ports(gateway, {"SITUOK_GATEWAY2_PORT": "9102"}) == [8101, 9102]
    assert instance_ports(gateway, {"SITUOK_GATEWAY_PORTS": "9001,9002,9003"}) == [9001, 9002, 9003]
    assert instance_ports(web, {}) == [8401] and port_variables(web) == ["SITUOK_WEB_PORT"]
    assert instance_ports(web, {"SITUOK_WEB_PORT": "9401"}) == [9401]
    assert port_variables(LISTED["echo_rpc"]) == ["SITUOK_ECHO_RPC_PORT"]


def test_backoff_doubles_up_to_its_cap():
    backoff = Backoff(first=1, cap=30)
    assert [backoff.delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_console_prefixes_every_line_with_the_process_name():
    out = io.StringIO()
    console = Console(out)
    proc = Proc("talker", python("print('one'); print('two', flush=True)"))
    proc.spawn({}, console)
    proc.popen.wait(timeout=10)
    console.drain()
    lines = out.getvalue().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [f"{'talker':<12} | one", f"{'talker':<12} | two"]


def test_supervise_restarts_what_exits_and_leaves_the_rest_running(tmp_path):
    out = io.StringIO()
    stack = Stack(workdir=tmp_path, port_of=listed_ports, console=Console(out))
    steady = Proc("steady", python("import time; time.sleep(60)"))
    crasher = Proc("crasher", python("import sys; sys.exit(3)"))
    for proc in (steady, crasher):
        stack._spawn(proc)
    first_pid = steady.popen.pid
    stop = threading.Event()
    supervisor = threading.Thread(target=stack.supervise, args=(stop, Backoff(first=0.1, cap=0.4)), daemon=True)
    supervisor.start()
    try:
        poll(lambda: out.getvalue().count("crasher exited with code 3") >= 4, timeout=15)
    finally:
        stop.set()
        supervisor.join(timeout=5)
        stack.stop(grace=2)
    said = [line.split("| ", 1)[1] for line in out.getvalue().splitlines() if "exited with" in line]
    assert said[:4] == [f"crasher exited with code 3; restarting in {d}s" for d in ("0.1", "0.2", "0.4", "0.4")]
    assert steady.popen.pid == first_pid and "steady exited" not in out.getvalue()
    assert not supervisor.is_alive() and not steady.running and not crasher.running


def test_stop_all_kills_what_ignores_sigterm_after_the_grace_period():
    stubborn = Proc("stubborn", python("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
                                       "print('ready', flush=True); time.sleep(60)"))
    out = io.StringIO()
    stubborn.spawn({}, Console(out))
    poll(lambda: "| ready" in out.getvalue(), timeout=10)  # its handler is in place
    stop_all([stubborn], grace=0.5)
    assert stubborn.popen.returncode == -signal.SIGKILL


@pytest.mark.parametrize("failures,delay", [(1, 1.0), (3, 4.0), (10, 30.0)])
def test_the_make_run_backoff(failures, delay):
    assert Backoff(first=1.0, cap=30.0).delay(failures) == delay


def test_make_test_arguments_keep_option_values_apart_from_suite_names():
    from tools.run_tests import split_arguments

    assert split_arguments(["kit", "-m", "not integration and not e2e", "-x", "personnel"]) == (
        ["-m", "not integration and not e2e", "-x"], ["kit", "personnel"])
    assert split_arguments(["-k", "login"]) == (["-k", "login"], [])
