"""The generated parts of deploy/ are what tools/deploy_files.py makes of the one list, and the check bites.

``test_service_list.py`` compares the deployments with the list by meaning (ports, databases, seeds, routes);
this holds the generated files to the generator byte for byte, so a hand edit of one, or a change of the list
without ``make deploy-files``, fails here naming the file. The generator is also run on lists that do not
exist (one more service, another port) to show that what it writes for them agrees with them.
"""
from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from compose_model import load_compose
from service_list import disagreements
from situok_contracts.services import SERVICES, Service

from tools import deploy_files

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "tools" / "deploy_files.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)


def replaced(name: str, **changes) -> list[Service]:
    return [dataclasses.replace(s, **changes) if s.name == name else s for s in SERVICES]


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of deploy/ the check can be pointed at (``--out``), generated files included."""
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    return tmp_path


def k8s_docs(root: Path) -> list[dict]:
    k8s = root / "deploy" / "k8s"
    return [doc for path in sorted(k8s.rglob("*.yaml")) if path.name != "kustomization.yaml"
            for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


# ---------------------------------------------------------------- the repository is up to date

def test_the_deploy_files_are_what_the_list_generates():
    result = run("--check")
    assert result.returncode == 0, result.stderr
    assert "match" in result.stdout


def test_every_generated_file_says_so_and_every_file_saying_so_is_generated():
    generated = deploy_files.generate()
    for path, text in generated.items():
        assert text.splitlines()[0] == f"# {deploy_files.HEADER_LINE}", path
    marked = {p.relative_to(ROOT).as_posix() for p in (ROOT / "deploy").rglob("*")
              if p.is_file() and deploy_files.HEADER_LINE in p.read_text(encoding="utf-8", errors="replace")}
    assert marked == set(generated)


def test_generating_twice_changes_nothing(tmp_path):
    assert deploy_files.write(tmp_path)
    assert deploy_files.write(tmp_path) == []
    assert deploy_files.check(tmp_path) == []


# ---------------------------------------------------------------- the check notices drift

def test_a_changed_port_in_the_list_is_reported_naming_the_files(copy):
    problems = deploy_files.check(copy, services=replaced("gateway", port=9101))
    named = {p.split(":", 1)[0] for p in problems}
    assert {"deploy/compose/services.yml", "deploy/k8s/base/services/gateway/deployment.yaml",
            "deploy/k8s/base/services/gateway/service.yaml",
            "deploy/k8s/base/services/gateway/from-traefik.yaml"} <= named
    assert "deploy/k8s/base/services/web/deployment.yaml" not in named  # only what the port reaches
    assert any("9101" in p for p in problems)  # the diff shows the new value


def test_a_hand_edit_of_a_generated_file_fails_the_command_line_check(copy):
    deployment = copy / "deploy" / "k8s" / "base" / "services" / "travel" / "deployment.yaml"
    deployment.write_text(deployment.read_text().replace("containerPort: 8501", "containerPort: 8502"))
    result = run("--check", "--out", str(copy))
    assert result.returncode == 1
    assert "deploy/k8s/base/services/travel/deployment.yaml: differs" in result.stderr
    assert "make deploy-files" in result.stderr
    assert run("--out", str(copy)).returncode == 0  # writing repairs it
    assert run("--check", "--out", str(copy)).returncode == 0


def test_a_missing_or_stale_generated_file_is_reported_and_repaired(copy):
    (copy / "deploy" / "compose" / "postgres" / "databases.env").unlink()
    stale = copy / "deploy" / "k8s" / "base" / "services" / "library" / "deployment.yaml"
    stale.parent.mkdir()
    stale.write_text("# left behind by a removed service\n")
    problems = deploy_files.check(copy)
    assert "deploy/compose/postgres/databases.env: missing" in problems
    assert "deploy/k8s/base/services/library/deployment.yaml: the list no longer generates it" in problems
    deploy_files.write(copy)
    assert deploy_files.check(copy) == [] and not stale.parent.exists()


def test_a_service_the_list_lacks_is_reported(copy):
    problems = deploy_files.check(copy, services=[s for s in SERVICES if s.name != "attendance"])
    assert "deploy/k8s/base/services/attendance/deployment.yaml: the list no longer generates it" in problems
    assert any(p.startswith("deploy/compose/postgres/databases.env: differs") for p in problems)


# ---------------------------------------------------------------- what it writes follows any list

LIBRARY = Service("library", 8991, database=True, seed="reference")
#: A routed service takes its routes from its local Traefik template, which this one lacks.
PORTAL = Service("portal", 8991, edge="web")


@pytest.mark.parametrize("services", [
    pytest.param([*SERVICES[:3], LIBRARY, *SERVICES[3:]], id="one-more-service"),
    pytest.param(replaced("gateway", port=9101), id="another-port"),
    pytest.param(replaced("personnel", seed="reference"), id="a-reference-seed"),
    pytest.param(replaced("web", imports=("personnel", "travel")), id="other-imports"),
    pytest.param([s for s in SERVICES if s.name != "attendance"], id="one-service-less"),
])
def test_the_generated_deployments_agree_with_the_list_they_came_from(tmp_path, services):
    shutil.copytree(ROOT / "deploy", tmp_path / "deploy")
    deploy_files.write(tmp_path, services=services)
    compose = load_compose(tmp_path / "deploy" / "compose" / "docker-compose.yml")
    assert disagreements(services, compose, k8s_docs(tmp_path)) == []
    # And the repository's own files disagree with such a list, so test_service_list would fail too.
    assert disagreements(services, load_compose(ROOT / "deploy" / "compose" / "docker-compose.yml"),
                         k8s_docs(ROOT)) != []


def test_a_new_database_owner_gets_every_part_it_needs(tmp_path):
    files = deploy_files.generate([*SERVICES, LIBRARY])
    base = "deploy/k8s/base/services"
    assert {f"{base}/library/deployment.yaml", f"{base}/library/service.yaml",
            f"{base}/library/migrate-job.yaml"} <= set(files)
    assert f"{base}/library/ingressroute.yaml" not in files  # internal: Traefik never routes to it
    assert "library/migrate-job.yaml" in files[f"{base}/kustomization.yaml"]
    assert "library, migrate-library" in files[f"{base}/egress-database.yaml"]
    assert files["deploy/compose/postgres/databases.env"].endswith(
        "SITUOK_DATABASES=personnel travel attendance finance assets booking agenda kepegawaian library\n")
    compose = yaml.safe_load(files["deploy/compose/services.yml"])["services"]
    assert compose["migrate-library"]["command"][-1] == (
        "situok-admin create-databases library && situok-admin migrate library && python -m library.seed")
    assert compose["library"]["build"]["args"] == {"SERVICE": "library", "HEALTH_PORT": "8991"}


def test_bench_services_only_reach_the_bench_profile():
    files = deploy_files.generate()
    compose = yaml.safe_load(files["deploy/compose/services.yml"])["services"]
    for service in SERVICES:
        container = compose[deploy_files.k8s_name(service)]
        assert (container.get("profiles") == ["bench"]) == service.bench, service.name
        if service.bench:
            assert not any(f"/{deploy_files.k8s_name(service)}/" in path for path in files), service.name
    # echo_rpc lives in the echo project: it runs from echo's image, on its own health port.
    assert compose["echo-rpc"]["command"] == ["situok-service", "echo_rpc"]
    assert compose["echo-rpc"]["image"] == compose["echo"]["image"]
    assert compose["echo-rpc"]["environment"]["SITUOK_HEALTH_PORT"] == "8302"


def test_a_routed_service_without_routes_is_refused():
    with pytest.raises(SystemExit, match="deploy/traefik/dynamic/portal.yml"):
        deploy_files.generate([*SERVICES, PORTAL])
