"""Aset & Barang — Register barang: daftar per KIB, halaman barang, ruangan dan gedung, impor, kodefikasi.

assets decides everything (who sees what, what a record allows: ``allowed_actions``); these pages show what it
answers and work out no rule of their own.
"""
from __future__ import annotations

from ..i18n import gettext_noop as _
from ..nav import Area

NAV = Area("aset", _("Aset & Barang"), "box", service="assets", position=60)


class AssetsRegisterPages:
    """Pages of this part of Aset & Barang (mixed into ``web.service.WebService``)."""
