"""deploy/compose, deploy/k8s and the local edge follow the one list of services; and the comparison bites.

The list (``situok_contracts.services.SERVICES``) says what runs. The first test holds both deployments to
it; the others hand the same comparison a deliberately wrong list or manifest and expect it to say so. The
per-service files are generated from the list (``make deploy-files``): test_deploy_files.py holds them to the
generator byte for byte (``tools/deploy_files.py --check``), this file holds them to the list by meaning, so a
generator bug fails here even when the files are up to date.
"""
from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
import yaml
from compose_model import load_compose
from service_list import disagreements
from situok_contracts.services import SERVICES, Service

from tools import traefik

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
COMPOSE = load_compose(ROOT / "deploy" / "compose" / "docker-compose.yml")


def k8s_docs() -> list[dict]:
    """Every object of deploy/k8s outside a bench overlay (bench-only services may live only in one)."""
    paths = [p for p in sorted(K8S.rglob("*.yaml")) if p.name != "kustomization.yaml"
             and not any("bench" in part for part in p.relative_to(K8S).parts)]
    return [doc for path in paths for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


K8S_DOCS = k8s_docs()


def named(name: str, services=SERVICES) -> Service:
    return next(s for s in services if s.name == name)


def replaced(name: str, **changes) -> list[Service]:
    """The list with one service changed."""
    return [dataclasses.replace(s, **changes) if s.name == name else s for s in SERVICES]


def test_compose_and_kubernetes_agree_with_the_list():
    assert disagreements(SERVICES, COMPOSE, K8S_DOCS) == []


def test_every_routed_service_has_a_local_traefik_template():
    edged = {s.name for s in SERVICES if s.edge}
    assert edged == set(traefik.ROUTED_SERVICES)
    for name in edged:
        assert (traefik.TEMPLATE_DIR / "dynamic" / f"{name}.yml").is_file(), name


# ---------------------------------------------------------------- the comparison notices mistakes

def test_a_service_missing_from_both_deployments_is_reported():
    library = Service("library", 8991, database=True, seed="reference")
    problems = disagreements([*SERVICES, library], COMPOSE, K8S_DOCS)
    assert "compose: no library service" in problems
    assert "compose: no migrate-library step for library's database" in problems
    assert any(p.startswith("compose: SITUOK_DATABASES is") for p in problems)
    assert "k8s: no Deployment library" in problems
    assert "k8s: no Job migrate-library for library's database" in problems


def test_a_deployed_service_the_list_lacks_is_reported():
    problems = disagreements([s for s in SERVICES if s.name != "attendance"], COMPOSE, K8S_DOCS)
    assert "compose: attendance runs a SITU OK image but the list has no such service" in problems
    assert "compose: migrate-attendance runs a SITU OK image but the list has no such service" in problems
    assert "k8s: Deployment attendance is not in the list" in problems
    assert "k8s: Job migrate-attendance migrates no database of the list" in problems


def test_another_port_is_reported_on_both_deployments():
    problems = disagreements(replaced("gateway", port=9101), COMPOSE, K8S_DOCS)
    assert "compose: gateway has health port 8101, the list says 9101" in problems
    assert any(p.startswith("k8s: Deployment gateway has port 8101") for p in problems)


def test_imports_and_extra_must_match():
    problems = disagreements(replaced("web", imports=("personnel",)), COMPOSE, K8S_DOCS)
    assert any(p.startswith("compose: web's EXTRA build arg is") for p in problems)
    broken = copy.deepcopy(COMPOSE)
    del broken["services"]["gateway"]["build"]["args"]["EXTRA"]
    problems = disagreements(SERVICES, broken, K8S_DOCS)
    assert any(p.startswith("compose: gateway's EXTRA build arg is []") for p in problems)


def test_seeds_reference_ones_run_on_migration_demo_ones_never():
    # A reference seed the migration step does not run:
    problems = disagreements(replaced("personnel", seed="reference"), COMPOSE, K8S_DOCS)
    assert any(p.startswith("compose: migrate-personnel runs") for p in problems)
    assert any(p.startswith("k8s: Job migrate-personnel runs") for p in problems)
    # Demo data in a deployment:
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["migrate-personnel"]["command"][-1] += " && python -m personnel.seed"
    assert any(p.startswith("compose: migrate-personnel runs") for p in disagreements(SERVICES, broken, K8S_DOCS))


def test_bench_only_services_stay_under_the_bench_profile():
    broken = copy.deepcopy(COMPOSE)
    del broken["services"]["echo"]["profiles"]
    assert "compose: echo is bench-only, so only under the bench profile (has [])" in disagreements(
        SERVICES, broken, K8S_DOCS)
    # And a deployed service under a profile would not start by default.
    problems = disagreements(replaced("echo", bench=False), COMPOSE, K8S_DOCS)
    assert "compose: echo must run by default, not only under profiles ['bench']" in problems
    assert "k8s: no Deployment echo" in problems


def test_a_bench_deployment_outside_a_bench_overlay_is_reported():
    gateway = next(d for d in K8S_DOCS if d["kind"] == "Deployment" and d["metadata"]["name"] == "gateway")
    echo = copy.deepcopy(gateway)
    echo["metadata"]["name"] = "echo"
    assert "k8s: Deployment echo is bench-only (only in a bench overlay)" in disagreements(
        SERVICES, COMPOSE, [*K8S_DOCS, echo])


@pytest.mark.parametrize("edge", [None, "api"])
def test_the_edge_must_match(edge):
    service = "personnel" if edge else "web"
    problems = disagreements(replaced(service, edge=edge), COMPOSE, K8S_DOCS)
    assert any(p.startswith(f"compose: Traefik {'does not route' if edge else 'routes'} to {service}")
               for p in problems)
    assert any(p.startswith("k8s: the IngressRoutes route to") for p in problems)
