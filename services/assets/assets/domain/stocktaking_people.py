"""Who signs the stock-taking and disposal letters, from the roster copy: the pengurus barang of the settings,
the Kepala Biro ("Mengetahui": the head of the top unit), a campaign's team (its rooms' checkers)."""
from __future__ import annotations

from ..models import RosterEmployee
from . import settings as settings_area
from . import signers as signing

KEPALA_BIRO = "KEPALA BIRO UMUM DAN PROTOKOL\nSELAKU KUASA PENGGUNA BARANG"
PENGURUS = "PENGURUS BARANG"


#: ``domain.signers``: one place for who signs.
signer = signing.signer_of
kepala_biro = signing.bureau_head_employee
pengurus_barang = settings_area.pengurus_barang


def employee_line(employee: RosterEmployee | None) -> dict:
    if employee is None:
        return {"employee_id": None, "name": "", "nip": None, "position": None}
    return {"employee_id": employee.id, "name": employee.full_name or employee.name, "nip": employee.nip,
            "position": employee.position_name}
