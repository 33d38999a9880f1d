"""Every translatable string of the web app, found in its templates and Python code.

Used by the catalog test (each one must have an English translation) and by
``python -m web.messages`` to list what is missing after adding pages.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from . import i18n, nav

PACKAGE = Path(__file__).parent
_CALL = re.compile(r"""(?<!\w)_\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*?)(?P=q)""", re.S)
_PY_CONCAT = re.compile(r"""(?<!\w)_\(\s*((?:"[^"]*"\s*)+)[,)]""", re.S)


def _python_strings(source: str) -> set[str]:
    found = set()
    for match in _PY_CONCAT.finditer(source):
        parts = re.findall(r'"([^"]*)"', match.group(1))
        found.add("".join(parts))
    return found


def source_messages() -> set[str]:
    messages = set()
    for path in sorted((PACKAGE / "templates").rglob("*.html")):
        messages |= {m.group("text") for m in _CALL.finditer(path.read_text())}
    for path in sorted(PACKAGE.rglob("*.py")):
        messages |= _python_strings(path.read_text())
    for area in nav.AREAS:
        messages.add(area.label)
        messages |= {link.label for link in area.links}
    return {m for m in messages if m.strip()}


def missing(lang: str = "en") -> list[str]:
    catalog = i18n.catalog(lang)
    return sorted(m for m in source_messages() if m not in catalog)


if __name__ == "__main__":
    gaps = missing(sys.argv[1] if len(sys.argv) > 1 else "en")
    for message in gaps:
        print(f'msgid "{message}"\nmsgstr ""\n')
    sys.exit(1 if gaps else 0)
