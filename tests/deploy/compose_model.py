"""The Compose stack as Docker Compose sees it, read with PyYAML: deploy/compose/docker-compose.yml plus what
it includes (the generated services.yml), and each service's ``env_file`` folded into its ``environment``.

Only what these files use of Compose's loading is modelled: ``include`` (a list of paths relative to the
including file; each included file is its own YAML document, so anchors do not cross files, and a resource
defined twice is an error, as in every Compose version that has ``include``) and ``env_file`` (``KEY=value``
lines, ``#`` comments; ``environment`` wins over it).
"""
from __future__ import annotations

from pathlib import Path

import yaml

RESOURCES = ("services", "networks", "volumes", "secrets", "configs")


def compose_files(path: Path) -> list[Path]:
    """``path`` and every file it includes, depth first."""
    model = yaml.safe_load(path.read_text(encoding="utf-8"))
    files = [path]
    for entry in model.get("include") or []:
        included = entry if isinstance(entry, str) else entry["path"]
        assert isinstance(included, str), f"{path}: include one file per entry ({included})"
        files += compose_files((path.parent / included).resolve())
    return files


def read_env_file(path: Path) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, value = line.partition("=")
        values[name.strip()] = value.strip().strip('"')
    return values


def load_compose(path: Path) -> dict:
    """The merged model: the top file's keys, with the resources of every included file added."""
    model = yaml.safe_load(path.read_text(encoding="utf-8"))
    for included in compose_files(path)[1:]:
        part = yaml.safe_load(included.read_text(encoding="utf-8"))
        assert "include" not in part, f"{included}: nested include is not modelled here"
        for section in RESOURCES:
            for name, spec in (part.get(section) or {}).items():
                target = model.setdefault(section, {})
                assert name not in target, f"{section}.{name} is defined in {included.name} and another file"
                target[name] = spec
    model.pop("include", None)
    for service in model.get("services", {}).values():
        env_files = service.pop("env_file", None)
        if env_files:
            merged: dict[str, str] = {}
            for env_file in [env_files] if isinstance(env_files, str) else env_files:
                merged.update(read_env_file(path.parent / env_file))
            service["environment"] = {**merged, **(service.get("environment") or {})}
    return model
