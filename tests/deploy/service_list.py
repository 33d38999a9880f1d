"""deploy/compose and deploy/k8s compared with the one list of services (``situok_contracts.services.SERVICES``).

``disagreements(services, compose, k8s_docs)`` returns every place where the two deployments and the list
disagree, one sentence each: a listed service without its container or Deployment, or on another port; a
database owner without its migration step; a reference seed its migration step does not run, or a demo seed
one does; an image whose ``EXTRA`` build arg is not the service's ``imports``; a bench-only service outside
the bench profile; a routed container or route the list does not route; a SITU OK container or Deployment
the list does not name. The deploy tests expect none, and feed it wrong inputs to see that it notices.

Pure functions over parsed YAML (dicts), so a test can hand them anything.
"""
from __future__ import annotations

from collections.abc import Sequence

from situok_contracts.services import Service


def compose_name(service: Service) -> str:
    """Its Compose service and Kubernetes object name (``echo_rpc`` -> ``echo-rpc``: DNS names have no ``_``)."""
    return service.name.replace("_", "-")


def migration_steps(service: Service) -> str:
    """What a database owner's migration step runs: create its database, migrate it, and then, only when its
    seed holds reference data, run that seed (demo data never reaches a deployment)."""
    steps = [f"situok-admin create-databases {service.name}", f"situok-admin migrate {service.name}"]
    if service.seed == "reference":
        steps.append(f"python -m {service.name}.seed")
    return " && ".join(steps)


def labels_of(container: dict) -> dict[str, str]:
    labels = container.get("labels", {})
    if isinstance(labels, list):
        labels = dict(item.split("=", 1) for item in labels)
    return {k: str(v) for k, v in labels.items()}


def _build_args(containers: dict, container: dict) -> dict[str, str] | None:
    """The build args of the Compose service that builds ``container``'s image (itself, or one sharing it)."""
    for candidate in [container, *containers.values()]:
        if "build" in candidate and candidate.get("image") == container.get("image"):
            return {k: str(v) for k, v in candidate["build"].get("args", {}).items()}
    return None


def disagreements(services: Sequence[Service], compose: dict, k8s_docs: list[dict]) -> list[str]:
    return compose_disagreements(services, compose) + k8s_disagreements(services, k8s_docs)


def compose_disagreements(services: Sequence[Service], compose: dict) -> list[str]:
    problems: list[str] = []
    containers = compose["services"]
    owners = [s for s in services if s.database]
    expected = {compose_name(s) for s in services} | {f"migrate-{s.name}" for s in owners}
    ours = {name for name, c in containers.items() if str(c.get("image", "")).startswith("situok/")}
    problems += [f"compose: {name} runs a SITU OK image but the list has no such service"
                 for name in sorted(ours - expected)]
    for service in services:
        name = compose_name(service)
        container = containers.get(name)
        if container is None:
            problems.append(f"compose: no {name} service")
            continue
        profiles = container.get("profiles", [])
        if service.bench and profiles != ["bench"]:
            problems.append(f"compose: {name} is bench-only, so only under the bench profile (has {profiles})")
        if not service.bench and profiles:
            problems.append(f"compose: {name} must run by default, not only under profiles {profiles}")
        args = _build_args(containers, container)
        if args is None:
            problems.append(f"compose: nothing builds {name}'s image {container.get('image')}")
            continue
        command = container.get("command") or []
        runs = command[1] if command[:1] == ["situok-service"] and len(command) > 1 else args.get("SERVICE")
        if runs != service.name:
            problems.append(f"compose: {name} runs {runs}, not {service.name}")
        port = str((container.get("environment") or {}).get("SITUOK_HEALTH_PORT", args.get("HEALTH_PORT")))
        if port != str(service.port):
            problems.append(f"compose: {name} has health port {port}, the list says {service.port}")
        if args.get("SERVICE") == service.name:  # its own image: EXTRA says which other packages it holds
            extra = sorted(args.get("EXTRA", "").split())
            if extra != sorted(service.imports):
                problems.append(f"compose: {name}'s EXTRA build arg is {extra}, its imports {sorted(service.imports)}")
        routed = labels_of(container).get("traefik.enable") == "true"
        if routed != bool(service.edge):
            problems.append(f"compose: Traefik {'routes' if routed else 'does not route'} to {name}, the list's "
                            f"edge is {service.edge}")
    for service in owners:
        step = containers.get(f"migrate-{service.name}")
        if step is None:
            problems.append(f"compose: no migrate-{service.name} step for {service.name}'s database")
            continue
        if step.get("image") != containers.get(compose_name(service), {}).get("image"):
            problems.append(f"compose: migrate-{service.name} does not use {service.name}'s image (its history)")
        command = (step.get("command") or [""])[-1]
        if command != migration_steps(service):
            problems.append(f"compose: migrate-{service.name} runs {command!r}, not {migration_steps(service)!r}")
        waits = (containers.get(compose_name(service), {}).get("depends_on") or {}).get(f"migrate-{service.name}")
        if (waits or {}).get("condition") != "service_completed_successfully":
            problems.append(f"compose: {service.name} does not wait for migrate-{service.name} to complete")
    roles = containers.get("postgres-roles") or {}  # the one-shot creating each database and its roles
    databases = (roles.get("environment") or {}).get("SITUOK_DATABASES", "").split()
    if sorted(databases) != sorted(s.name for s in owners):
        problems.append(f"compose: SITUOK_DATABASES is {databases}, the list's databases "
                        f"{[s.name for s in owners]}")
    return problems


def k8s_disagreements(services: Sequence[Service], docs: list[dict]) -> list[str]:
    """``docs``: every object of deploy/k8s outside a bench overlay (none holds one now)."""
    problems: list[str] = []
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    jobs = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Job"
            and d["metadata"].get("labels", {}).get("app.kubernetes.io/component") == "migration"}
    deployed = [s for s in services if not s.bench]
    listed = {compose_name(s) for s in services}
    for name in sorted(set(deployments) - {compose_name(s) for s in deployed}):
        problems.append(f"k8s: Deployment {name} is bench-only (only in a bench overlay)" if name in listed
                        else f"k8s: Deployment {name} is not in the list")
    for service in deployed:
        deployment = deployments.get(compose_name(service))
        if deployment is None:
            problems.append(f"k8s: no Deployment {compose_name(service)}")
            continue
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        if not container["image"].startswith(f"situok/{service.name}:"):
            problems.append(f"k8s: Deployment {service.name} runs {container['image']}")
        ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
        health = {e["name"]: e.get("value") for e in container.get("env", [])}.get("SITUOK_HEALTH_PORT")
        if ports.get("http") != service.port or health != str(service.port):
            problems.append(f"k8s: Deployment {service.name} has port {ports.get('http')} / SITUOK_HEALTH_PORT "
                            f"{health}, the list says {service.port}")
    owners = [s for s in services if s.database]
    for name in sorted(set(jobs) - {f"migrate-{s.name}" for s in owners}):
        problems.append(f"k8s: Job {name} migrates no database of the list")
    for service in owners:
        job = jobs.get(f"migrate-{service.name}")
        if job is None:
            problems.append(f"k8s: no Job migrate-{service.name} for {service.name}'s database")
            continue
        container = job["spec"]["template"]["spec"]["containers"][0]
        command = (container.get("command") or [""])[-1]
        if command != migration_steps(service):
            problems.append(f"k8s: Job migrate-{service.name} runs {command!r}, not {migration_steps(service)!r}")
        if not container["image"].startswith(f"situok/{service.name}:"):
            problems.append(f"k8s: Job migrate-{service.name} does not use {service.name}'s image (its history)")
    routed = {target["name"] for d in docs if d["kind"] == "IngressRoute"
              for route in d["spec"]["routes"] for target in route.get("services", [])}
    edged = {compose_name(s) for s in deployed if s.edge}
    if routed != edged:
        problems.append(f"k8s: the IngressRoutes route to {sorted(routed)}, the list's edge services are "
                        f"{sorted(edged)}")
    return problems
