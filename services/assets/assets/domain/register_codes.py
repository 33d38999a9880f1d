"""The code list (Permendagri 108/2016 kodefikasi barang) and the useful lives, as an admin keeps them.

``import_codes`` loads the whole list of the regulation (``kode,nama,roda`` as ``data/kodefikasi_barang.csv``)
all or nothing: every row well-formed, every parent present in the file or already known, one message per bad
row and column (``baris_<n>.<kolom>``). Names and wheels are upserted; nothing is ever deleted (items keep
their code).
"""
from __future__ import annotations

from situok_kit.errors import Conflict, ValidationFailed
from situok_kit.pagination import decode_cursor, page
from situok_kit.uploads import read_table
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from ..models import AssetCode, UsefulLife
from . import codes as codes_area

#: The most rows a code list may have.
MAX_CODE_ROWS = 60_000


def list_codes(session: Session, filters: dict, cursor: str | None, limit: int) -> dict:
    query = select(AssetCode).order_by(AssetCode.code)
    if filters.get("prefix"):
        query = query.where(AssetCode.code.startswith(filters["prefix"], autoescape=True))
    if filters.get("kib"):
        query = query.where(AssetCode.kib == filters["kib"])
    if filters.get("registrable") is not None:
        query = query.where(AssetCode.registrable.is_(filters["registrable"]))
    if filters.get("q"):
        words = filters["q"].lower().split()
        for word in words:
            query = query.where(or_(func.lower(AssetCode.name).contains(word, autoescape=True),
                                    AssetCode.code.startswith(word, autoescape=True)))
    after = decode_cursor(cursor, 1)
    if after:
        query = query.where(AssetCode.code > str(after[0]))
    rows = list(session.scalars(query.limit(limit + 1)))
    return page(rows, limit, lambda row: [row.code])


def parse_codes(data: bytes) -> list[dict]:
    """The rows of a code list file (CSV/XLSX with header ``kode,nama[,roda]``) as ``asset_codes`` values; a 422
    with one message per bad row and column. Parents are checked by ``import_codes`` (they may be known)."""
    table = read_table(data, MAX_CODE_ROWS + 1, "Berkas kodefikasi", "content_b64")
    if not table:
        raise ValidationFailed("Berkas kosong.", {"content_b64": "Berkas tidak berisi baris."})
    header = [c.strip().lower() for c in table[0][1]]
    missing = [c for c in ("kode", "nama") if c not in header]
    if missing:
        raise ValidationFailed("Kolom kurang.", {"content_b64": f"Baris judul harus memuat: {', '.join(missing)}."})
    if len(table) > MAX_CODE_ROWS + 1:
        raise ValidationFailed("Terlalu banyak baris.", {"content_b64": f"Maksimal {MAX_CODE_ROWS} baris."})
    at = {name: header.index(name) for name in ("kode", "nama", "roda") if name in header}
    problems: dict[str, str] = {}
    rows: list[dict] = []
    seen: dict[str, int] = {}

    def cell(cells, name):
        i = at.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    for number, cells in table[1:]:
        if not any(c.strip() for c in cells):
            continue
        code, name, wheels = cell(cells, "kode"), cell(cells, "nama"), cell(cells, "roda")
        bad = False
        if not codes_area.is_well_formed(code):
            problems[f"baris_{number}.kode"] = "Kode tidak sesuai Permendagri 108/2016 (mis. 1.3.2.05.02.01.003)."
            bad = True
        elif code in seen:
            problems[f"baris_{number}.kode"] = f"Kode sudah ada pada baris {seen[code]}."
            bad = True
        if not name:
            problems[f"baris_{number}.nama"] = "Wajib diisi."
            bad = True
        elif len(name) > 300:
            problems[f"baris_{number}.nama"] = "Maksimal 300 karakter."
            bad = True
        wheel_count = None
        if wheels:
            if not wheels.isdigit() or not 1 <= int(wheels) <= 30:
                problems[f"baris_{number}.roda"] = "Jumlah roda bilangan bulat 1-30, atau kosong."
                bad = True
            else:
                wheel_count = int(wheels)
        if not bad:
            seen[code] = number
            rows.append({**codes_area.code_values(code, name, wheel_count), "_row": number})
    if problems:
        raise ValidationFailed("Berkas kodefikasi ditolak; tidak ada yang dimuat.", problems)
    if not rows:
        raise ValidationFailed("Berkas kosong.", {"content_b64": "Berkas tidak berisi kode."})
    return rows


def import_codes(session: Session, rows: list[dict]) -> dict:
    """Upsert ``rows`` (``parse_codes``): parents must be in the file or known."""
    in_file = {r["code"] for r in rows}
    parents = {r["parent_code"] for r in rows if r["parent_code"] and r["parent_code"] not in in_file}
    known = set(session.scalars(select(AssetCode.code).where(AssetCode.code.in_(parents)))) if parents else set()
    problems = {f"baris_{r['_row']}.kode": f"Kode induk {r['parent_code']} tidak ada pada berkas maupun kodefikasi."
                for r in rows if r["parent_code"] and r["parent_code"] not in in_file and r["parent_code"] not in known}
    if problems:
        raise ValidationFailed("Berkas kodefikasi ditolak; tidak ada yang dimuat.", problems)
    existing = set()
    codes = [r["code"] for r in rows]
    for start in range(0, len(codes), 5000):
        existing |= set(session.scalars(select(AssetCode.code).where(AssetCode.code.in_(codes[start:start + 5000]))))
    values = [{k: v for k, v in r.items() if k != "_row"} for r in rows]
    for start in range(0, len(values), 2000):
        statement = pg_insert(AssetCode).values(values[start:start + 2000])
        session.execute(statement.on_conflict_do_update(index_elements=[AssetCode.code], set_={
            "name": statement.excluded.name, "vehicle_wheels": statement.excluded.vehicle_wheels,
            "active": True}))
    return {"created": len(rows) - len(existing), "updated": len(existing), "total": len(rows)}


def list_useful_lives(session: Session) -> list[UsefulLife]:
    return list(session.scalars(select(UsefulLife).order_by(UsefulLife.code_prefix, UsefulLife.valid_from)))


def add_useful_life(session: Session, payload: dict) -> UsefulLife:
    prefix = payload["code_prefix"]
    if not codes_area.is_well_formed(prefix):
        raise ValidationFailed("Awal kode tidak valid.", {"code_prefix": "Awal kode sesuai Permendagri 108/2016."})
    clash = session.scalar(select(UsefulLife.id).where(UsefulLife.code_prefix == prefix,
                                                       UsefulLife.valid_from == payload["valid_from"]))
    if clash:
        raise Conflict("Masa manfaat untuk awal kode dan tanggal itu sudah ada.",
                       {"valid_from": "Sudah ada versi yang berlaku mulai tanggal ini."})
    row = UsefulLife(**payload)
    session.add(row)
    session.flush()
    return row
