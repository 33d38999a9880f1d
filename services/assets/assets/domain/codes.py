"""The Permendagri 108/2016 classification (kodefikasi barang) and the useful lives (masa manfaat).

A code has up to seven dot-separated segments: akun ``1``, kelompok ``1.3``, jenis ``1.3.2`` (the KIB), objek
``.02``, rincian objek ``.01``, sub rincian objek ``.01``, sub-sub rincian objek ``.001``. The jenis decides
the KIB (``KIB_OF_JENIS``); items are registered on a seven-segment code. The seeded list
(``data/kodefikasi_barang.csv``) holds the codes a bureau uses; an admin imports the whole list of the
regulation in the same format (``load``, the register area). Useful lives (``data/masa_manfaat.csv``) are by
code prefix, the longest matching prefix winning — values to *verify* against the regulation in force
(Permendagri 1/2019 on penyusutan BMD), hence data.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import date
from importlib import resources as package_files

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import AssetCode, UsefulLife

#: The jenis (third level) of each KIB.
KIB_OF_JENIS = {"1.3.1": "A", "1.3.2": "B", "1.3.3": "C", "1.3.4": "D", "1.3.5": "E", "1.3.6": "F"}
KIB_NAMES = {"A": "Tanah", "B": "Peralatan dan Mesin", "C": "Gedung dan Bangunan",
             "D": "Jalan, Irigasi dan Jaringan", "E": "Aset Tetap Lainnya", "F": "Konstruksi Dalam Pengerjaan"}
#: Digits of each segment after the first three (objek 2, rincian 2, sub rincian 2, sub-sub rincian 3).
_CODE = re.compile(r"^1(\.3(\.[1-6](\.\d{2}(\.\d{2}(\.\d{2}(\.\d{3})?)?)?)?)?)?$")
REGISTRABLE_LEVEL = 7


def is_well_formed(code: str) -> bool:
    return bool(_CODE.match(code))


def level_of(code: str) -> int:
    return code.count(".") + 1


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def kib_of(code: str) -> str | None:
    """The KIB of a code at the jenis level or below; None above it."""
    return KIB_OF_JENIS.get(".".join(code.split(".")[:3])) if level_of(code) >= 3 else None


def code_values(code: str, name: str, wheels: int | None = None) -> dict:
    """The ``asset_codes`` row of a well-formed code."""
    return {"code": code, "name": name, "kib": kib_of(code), "level": level_of(code),
            "parent_code": parent_of(code), "registrable": level_of(code) == REGISTRABLE_LEVEL,
            "vehicle_wheels": wheels, "active": True}


def _data(name: str) -> str:
    return package_files.files("assets").joinpath("data", name).read_text(encoding="utf-8")


def seeded_codes() -> list[dict]:
    rows = csv.DictReader(io.StringIO(_data("kodefikasi_barang.csv")))
    return [code_values(r["kode"].strip(), r["nama"].strip(), int(r["roda"]) if r["roda"].strip() else None)
            for r in rows]


def seeded_useful_lives() -> list[dict]:
    rows = csv.DictReader(io.StringIO(_data("masa_manfaat.csv")))
    return [{"code_prefix": r["awalan_kode"].strip(), "years": int(r["tahun"]),
             "valid_from": date.fromisoformat(r["berlaku_mulai"].strip()), "note": r["keterangan"].strip() or None}
            for r in rows]


def seed(session: Session) -> dict:
    """The seeded codes and useful lives that are not there yet (an admin's later edits are kept)."""
    codes = seeded_codes()
    added = session.execute(pg_insert(AssetCode).values(codes).on_conflict_do_nothing()
                            .returning(AssetCode.code)).all()
    lives = seeded_useful_lives()
    added_lives = session.execute(pg_insert(UsefulLife).values(lives).on_conflict_do_nothing()
                                  .returning(UsefulLife.id)).all()
    return {"codes": len(added), "useful_lives": len(added_lives)}


def useful_life(session: Session, code: str, on: date) -> int | None:
    """The masa manfaat (years) of ``code`` on ``on``: the longest prefix of the code with a row valid then
    (the latest ``valid_from`` not after ``on``); None when no row matches."""
    prefixes = [".".join(code.split(".")[:n]) for n in range(level_of(code), 0, -1)]
    rows = session.execute(select(UsefulLife.code_prefix, UsefulLife.years, UsefulLife.valid_from)
                           .where(UsefulLife.code_prefix.in_(prefixes), UsefulLife.valid_from <= on)).all()
    best = max(rows, key=lambda r: (len(r.code_prefix), r.valid_from), default=None)
    return best.years if best else None
