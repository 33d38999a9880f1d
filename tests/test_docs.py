"""The README stays the configuration reference: every setting the kit reads is listed."""
from pathlib import Path

from situok_kit.config import VARIABLES

ROOT = Path(__file__).resolve().parent.parent


def test_readme_lists_every_setting():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in VARIABLES if f"`{name}`" not in readme]
    assert not missing, f"README.md configuration table lacks {missing}"


def test_every_service_has_a_readme():
    for service in (ROOT / "services").iterdir():
        if (service / "pyproject.toml").exists():
            assert (service / "README.md").exists(), f"{service.name} has no README.md"


def test_every_event_has_its_entry_in_the_contracts():
    from situok_contracts import events

    contracts = (ROOT / "docs" / "contracts.md").read_text()
    announced = [name for publisher in vars(events).values() if isinstance(publisher, type)
                 for name in events.names(publisher)]
    missing = [name for name in announced if f"`{name}`" not in contracts]
    assert not missing, f"docs/contracts.md has no entry for {missing}"
