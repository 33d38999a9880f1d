"""The navigation: areas and links, each views module declaring its own, assembled into the menu here.

A module of ``web.views`` declares ``NAV``: an ``Area`` (or several) with its key, label, icon, position in the
original application's menu, the service behind it and its links. A link names the capabilities that make it
visible — ``needs=("travel", "decide")``, or several pairs of which any one will do — as that service's
``capabilities()`` RPC answers them for the signed-in user (``web.capabilities``); a link without ``needs`` is
for everyone who sees the area. The web holds no rule of its own: the services decide, and still decide per
record.

Modules add links to one area by declaring the same key; the area with a label gives it its label, icon and
position, and the links follow in position order (accounts' "Akun pengguna" after personnel's links). An area
shows only when its service answered ``capabilities()`` (while it is unreachable its area is hidden) and one of
its links is visible: no dead links. Areas of domains whose service does not exist yet have no links and stay
out of the menu (the dashboard names them as coming).

Labels are Indonesian, marked with ``_`` for the catalog; the menu translates them when it shows them.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

#: A capability: (service, name), e.g. ``("travel", "decide")``.
Need = tuple[str, str]


def needs_of(needs) -> tuple[Need, ...]:
    """``None``, one ``(service, name)`` pair or several, as a tuple of pairs."""
    if not needs:
        return ()
    if isinstance(needs[0], str):
        needs = (needs,)
    found = tuple((str(service), str(name)) for service, name in needs)
    if any(not service or not name for service, name in found):
        raise ValueError(f"a capability is (service, name): {needs!r}")
    return found


def granted(capabilities: Mapping[str, frozenset[str]], needs) -> bool:
    """Whether any of ``needs`` is among ``capabilities`` (service -> the names it granted); no needs: yes."""
    pairs = needs_of(needs)
    return not pairs or any(name in capabilities.get(service, ()) for service, name in pairs)


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    #: The capabilities of which any one makes the link visible (empty: everyone who sees the area).
    needs: tuple[Need, ...] = ()

    def __post_init__(self):
        object.__setattr__(self, "needs", needs_of(self.needs))

    def visible_to(self, capabilities: Mapping[str, frozenset[str]]) -> bool:
        return granted(capabilities, self.needs)


@dataclass(frozen=True)
class Area:
    key: str
    #: None: these links join the area of the same key declared (with a label) by another module.
    label: str | None = None
    icon: str | None = None
    links: tuple[Link, ...] = field(default_factory=tuple)
    #: The service behind the area: hidden while it does not answer ``capabilities()``.
    service: str | None = None
    #: Where the area comes in the menu (the original application's order), smaller first.
    position: int = 0

    def visible_links(self, capabilities: Mapping[str, frozenset[str]]) -> list[Link]:
        if self.service is not None and self.service not in capabilities:
            return []
        return [link for link in self.links if link.visible_to(capabilities)]


def merged(declared) -> tuple[Area, ...]:
    """Areas declared by several modules as one per key, in position order (see module doc)."""
    by_key: dict[str, Area] = {}
    for area in sorted(declared, key=lambda a: (a.position, a.label is None)):
        found = by_key.get(area.key)
        if found is None:
            by_key[area.key] = area
            continue
        head = found if found.label is not None else area
        by_key[area.key] = Area(area.key, head.label, head.icon, found.links + area.links,
                                found.service or area.service, head.position)
    for area in by_key.values():
        if area.label is None:
            raise ValueError(f"area {area.key!r} has links but no module declares its label")
    return tuple(sorted(by_key.values(), key=lambda a: a.position))


def declared_in(package: str = "web.views") -> list[Area]:
    """Every ``NAV`` of the modules of ``package``."""
    found: list[Area] = []
    module = importlib.import_module(package)
    for info in pkgutil.iter_modules(module.__path__):
        nav = getattr(importlib.import_module(f"{package}.{info.name}"), "NAV", None)
        if isinstance(nav, Area):
            found.append(nav)
        elif nav:
            found.extend(nav)
    return found


@cache
def areas() -> tuple[Area, ...]:
    """The menu's areas, assembled from the views modules (``NAV``), in the original application's order."""
    return merged(declared_in())


def services(all_areas: tuple[Area, ...] | None = None) -> tuple[str, ...]:
    """The services whose capabilities the menu needs, in menu order."""
    found: dict[str, None] = {}
    for area in areas() if all_areas is None else all_areas:
        if area.service:
            found.setdefault(area.service, None)
        for link in area.links:
            for service, _name in link.needs:
                found.setdefault(service, None)
    return tuple(found)


def menu_for(capabilities: Mapping[str, frozenset[str]],
             all_areas: tuple[Area, ...] | None = None) -> list[tuple[Area, list[Link]]]:
    """The areas (with their visible links) a user with ``capabilities`` sees, in menu order."""
    menu = []
    for area in areas() if all_areas is None else all_areas:
        links = area.visible_links(capabilities)
        if links:
            menu.append((area, links))
    return menu


def coming(all_areas: tuple[Area, ...] | None = None) -> list[Area]:
    """Areas of domains not built yet (no links): the dashboard names them."""
    return [area for area in (areas() if all_areas is None else all_areas) if not area.links]
