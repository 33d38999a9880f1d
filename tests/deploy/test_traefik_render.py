"""tools/traefik.py renders deploy/traefik/ into a consistent configuration (offline)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from tools import traefik


def load(path) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def dynamic(paths: dict) -> dict:
    """All dynamic files merged, as Traefik's file provider does for a directory."""
    merged: dict = {"routers": {}, "services": {}, "middlewares": {}, "serversTransports": {}}
    for file in sorted(Path(paths["dynamic_dir"]).glob("*.yml")):
        for section, entries in load(file)["http"].items():
            assert not set(entries) & set(merged[section]), f"{file.name} redefines {section}"
            merged[section].update(entries)
    return merged


@pytest.fixture
def rendered(tmp_path):
    return traefik.render_config(tmp_path / "edge", http_port=18000, gateway_ports=[18101, 18102], ping_port=18080)


def test_static_configuration(rendered, tmp_path):
    static = load(rendered["static"])
    assert static["entryPoints"]["web"]["address"] == "127.0.0.1:18000"
    assert static["entryPoints"]["traefik"]["address"] == "127.0.0.1:18080"  # operator port stays on loopback
    assert static["ping"] == {"entryPoint": "traefik"}
    assert static["providers"]["file"] == {"directory": rendered["dynamic_dir"], "watch": True}
    assert static["accessLog"]["format"] == "json"
    assert static["accessLog"]["filePath"] == rendered["access_log"] == str(tmp_path / "edge" / "access.log")
    assert static["log"]["format"] == "json"
    assert static["entryPoints"]["web"]["http"]["aliasHeadersStrategy"] == "delete"
    assert rendered["ping_url"] == "http://127.0.0.1:18080/ping"


def test_gateway_routes_middlewares_and_health_check(rendered):
    config = dynamic(rendered)
    assert set(config["routers"]) == {"api", "api-login"}
    for name, router in config["routers"].items():
        assert router["service"] in config["services"], name
        assert set(router["middlewares"]) <= set(config["middlewares"]), name
        assert router["middlewares"][0] == "security-headers", "headers first, so every answer carries them"
        assert "api-retry" in router["middlewares"]
    assert "login-ratelimit" in config["routers"]["api-login"]["middlewares"]
    assert config["routers"]["api-login"]["priority"] > config["routers"]["api"]["priority"]
    assert config["middlewares"]["login-ratelimit"]["rateLimit"] == {"average": 5, "burst": 10, "period": "1m"}
    assert config["middlewares"]["api-retry"]["retry"]["attempts"] == 3
    headers = config["middlewares"]["security-headers"]["headers"]
    assert headers["contentTypeNosniff"] is True and headers["frameDeny"] is True
    assert "stsSeconds" not in headers  # plain HTTP locally
    balancer = config["services"]["gateway"]["loadBalancer"]
    assert balancer["servers"] == [{"url": "http://127.0.0.1:18101"}, {"url": "http://127.0.0.1:18102"}]
    assert balancer["healthCheck"]["path"] == "/health/ready"
    assert balancer["healthCheck"]["interval"] == "1s"
    assert balancer["passHostHeader"] is True
    assert balancer["serversTransport"] in config["serversTransports"]


def test_optional_routers_follow_their_port_lists(tmp_path):
    out = tmp_path / "edge"
    paths = traefik.render_config(out, http_port=18000, gateway_ports=[18101], web_ports=[18401, 18402],
                                  echo_ports=[18301], ping_port=18080, login_rate_average=3, login_rate_burst=7,
                                  health_interval="250ms")
    config = dynamic(paths)
    assert set(config["routers"]) == {"api", "api-login", "web", "web-login", "echo"}
    assert config["routers"]["web"]["rule"] == "PathPrefix(`/`)"
    assert config["routers"]["web"]["priority"] < min(r["priority"] for n, r in config["routers"].items() if n != "web")
    # The web login form gets the API login's brake; the rest of web does not.
    assert config["routers"]["web-login"] == {**config["routers"]["api-login"], "service": "web",
                                              "rule": "Method(`POST`) && Path(`/masuk`)"}
    assert "login-ratelimit" not in config["routers"]["web"]["middlewares"]
    assert [s["url"] for s in config["services"]["web"]["loadBalancer"]["servers"]] == [
        "http://127.0.0.1:18401", "http://127.0.0.1:18402"]
    assert config["middlewares"]["login-ratelimit"]["rateLimit"]["average"] == 3
    assert config["services"]["echo"]["loadBalancer"]["healthCheck"]["interval"] == "250ms"

    # Rendering again without web and echo removes their routers.
    traefik.render_config(out, http_port=18000, gateway_ports=[18101], ping_port=18080)
    assert sorted(p.name for p in (out / "dynamic").iterdir()) == ["common.yml", "gateway.yml"]


def test_access_log_path_and_free_ping_port(tmp_path):
    log = tmp_path / "logs" / "access.json"
    paths = traefik.render_config(tmp_path / "edge", http_port=18000, gateway_ports=[18101], access_log=log)
    assert paths["access_log"] == str(log)
    assert load(paths["static"])["accessLog"]["filePath"] == str(log)
    port = int(paths["ping_url"].split(":")[2].split("/")[0])
    assert 0 < port < 65536


@pytest.mark.parametrize("kwargs", [
    {"gateway_ports": [0]},
    {"gateway_ports": ["8101"]},
    {"http_port": 70000},
    {"health_interval": "1 second"},
    {"login_rate_average": 0},
    {"login_rate_burst": -1},
    {"http_host": "127.0.0.1\nx: y"},
])
def test_bad_values_are_refused(tmp_path, kwargs):
    arguments = {"http_port": 18000, "gateway_ports": [18101], "ping_port": 18080, **kwargs}
    with pytest.raises(ValueError):
        traefik.render_config(tmp_path, **arguments)


def test_command_line_render(tmp_path, capsys):
    traefik.main(["render", "--out", str(tmp_path / "edge"), "--http-port", "18000",
                  "--gateway-ports", "18101,18102", "--echo-ports", "18301", "--ping-port", "18080"])
    printed = json.loads(capsys.readouterr().out)
    assert printed["static"] == str(tmp_path / "edge" / "traefik.yml")
    assert set(dynamic(printed)["routers"]) == {"api", "api-login", "echo"}


def test_binary_and_command():
    binary = traefik.traefik_binary()
    assert os.access(binary, os.X_OK)
    argv = traefik.command("var/traefik/traefik.yml")
    assert argv[0] == binary
    assert argv[1] == f"--configFile={Path('var/traefik/traefik.yml').resolve()}"
