"""kepegawaian's printed documents (reportlab, ``situok_kit.letters``' styles): the standard leave form
(``leave_form``: "Formulir Permintaan dan Pemberian Cuti", Anak Lampiran 1.b Peraturan BKN 24/2017).

Each module draws what it is given (a dict shaped by the entrypoint) and answers PDF bytes: no database, no
clock, so a test renders it with plain data.
"""
from __future__ import annotations

CONTENT_TYPE = "application/pdf"
