"""Uploaded files, judged by what they are rather than what they claim to be (OWASP ASVS V12).

Every service that takes a file goes through here:

* ``sniff(data)`` names a file's kind from its first bytes (magic numbers), never from its declared media
  type or its name's extension; ``require_kind(data, allowed, field)`` refuses any other kind with a 422
  naming the field.
* ``reencode_image(data, max_px)`` decodes an image with Pillow and writes it again: trailing bytes (a script
  appended to a JPEG), EXIF/XMP metadata (location, camera) and anything else that is not pixels are gone.
* ``photo_variants(data, field, ...)``: a photo as services keep it — the clean original, a web-sized copy and a
  thumbnail, each re-encoded from the clean original, and its size.
* ``open_xlsx_safely(data, ...)`` checks an XLSX's zip directory (member count, declared sizes, compression
  ratio) before openpyxl inflates anything, then reads the first sheet's rows counting them, and stops with a
  422 past ``max_rows``. ``defusedxml`` is installed with the kit, so openpyxl parses its XML defused.
* ``safe_filename(name)`` is a stored or served name reduced to plain ASCII without paths or quotes.
* ``CONTENT_TYPES`` is the media type a kind is stored and served as.
"""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import ValidationFailed

#: The media type of each kind ``sniff`` knows (what a stored file is labelled and served as).
CONTENT_TYPES = {
    "jpeg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "gif": "image/gif",
    "heic": "image/heic",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
    "text": "text/plain",
    "html": "text/html",
    "svg": "image/svg+xml",
    "xml": "application/xml",
    "unknown": "application/octet-stream",
}
#: The kind of each media type a client may declare (to check a declaration against the content).
KIND_OF_TYPE = {v: k for k, v in CONTENT_TYPES.items()} | {"text/csv": "text"}
IMAGE_KINDS = frozenset({"jpeg", "png", "webp"})
#: Re-encodable kinds and the Pillow format each is written back in.
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_EXTENSIONS = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "gif": ".gif", "heic": ".heic", "pdf": ".pdf",
               "xlsx": ".xlsx", "docx": ".docx", "text": ".txt"}
_HEIC_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"heim", b"heis")
#: Markup a browser would render or run if it ever sniffed the file as HTML (checked in the first KB of text).
_MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|script|iframe|object|embed|svg|meta|link|style|img|"
                     rb"a\s|form|\?xml)", re.IGNORECASE)
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ ()-]+")

#: Limits of an XLSX's zip directory (all checked before anything is inflated).
XLSX_MAX_MEMBERS = 200
XLSX_MAX_MEMBER_BYTES = 20 * 1024 * 1024
XLSX_MAX_TOTAL_BYTES = 50 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_COLUMNS = 50
#: The largest image (pixels) Pillow is asked to decode; larger is refused before decoding.
MAX_IMAGE_PIXELS = 40_000_000


def _zip_kind(data: bytes) -> str:
    """``xlsx``, ``docx`` or ``zip``, from the names in the zip's central directory (nothing is inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "unknown"
    if "[Content_Types].xml" in names:
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        if any(n.startswith("word/") for n in names):
            return "docx"
    return "zip"


def _text_kind(data: bytes) -> str:
    head = data[:4096]
    if b"\x00" in head:
        return "unknown"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the 4 KB boundary is still text
        if exc.start < len(head) - 4:
            return "unknown"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in lowered[:1024] or (lowered.startswith(b"<?xml") and b"<svg" in lowered):
        return "svg"
    if _MARKUP.search(head[:1024]):
        return "html"
    if lowered.startswith(b"<"):
        return "xml"
    return "text"


def sniff(data: bytes) -> str:
    """The kind of ``data`` by its content: ``jpeg``, ``png``, ``webp``, ``gif``, ``heic``, ``pdf``,
    ``xlsx``, ``docx``, ``zip``, ``text`` (UTF-8 without markup, e.g. CSV), ``html``, ``svg``, ``xml`` or
    ``unknown``."""
    if not data:
        return "unknown"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIC_BRANDS:
        return "heic"
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return _text_kind(data)


def _describe(allowed: Iterable[str]) -> str:
    names = {"jpeg": "JPEG", "png": "PNG", "webp": "WebP", "gif": "GIF", "heic": "HEIC", "pdf": "PDF",
             "xlsx": "XLSX", "docx": "DOCX", "text": "teks/CSV"}
    return ", ".join(names.get(k, k) for k in sorted(allowed))


def require_kind(data: bytes, allowed: Iterable[str], field: str, declared: str | None = None, *,
                 refuse_mismatch: bool = False) -> str:
    """The kind of ``data`` when it is one of ``allowed``; otherwise a 422 naming ``field`` (whatever the file
    was declared or named as). ``text`` has no magic number (it is what is left: UTF-8 without markup), so with
    ``declared`` (the client's media type) it is only accepted when declared as text too: a script named
    ``foto.jpg`` is refused rather than kept as text. With ``refuse_mismatch`` a ``declared`` type naming
    another kind than the content is a 422 on ``content_type`` (agenda's publishable files); without, the file is
    kept as what it is (travel's evidence)."""
    allowed = frozenset(allowed)
    kind = sniff(data)
    if kind == "text" and declared is not None and KIND_OF_TYPE.get(declared.split(";")[0].strip().lower()) != "text":
        kind = "unknown"
    if kind not in allowed:
        raise ValidationFailed("Jenis berkas tidak diterima.",
                               {field: f"Isi berkas bukan {_describe(allowed)} (terbaca: {kind})."})
    said = KIND_OF_TYPE.get(declared.split(";")[0].strip().lower()) if declared and refuse_mismatch else None
    if said not in (None, "unknown", kind):
        # a file that lies about its type (a PNG sent as image/jpeg); a type naming no kind (``image/jpg``,
        # ``application/octet-stream``) says nothing and is ignored
        raise ValidationFailed("Jenis berkas tidak sesuai isinya.",
                               {"content_type": f"Isi berkas adalah {kind.upper()}, bukan {declared}."})
    return kind


def reencode_image(data: bytes, max_px: int = 2560, field: str = "file", quality: int = 85) -> bytes:
    """``data`` (JPEG, PNG or WebP) decoded and written again in its own format, at most ``max_px`` on its
    longer side, turned upright by its EXIF orientation and without metadata or trailing bytes. An image Pillow
    cannot decode, or one larger than ``MAX_IMAGE_PIXELS``, is a 422 naming ``field``."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    kind = require_kind(data, IMAGE_KINDS, field)
    refused = ValidationFailed("Gambar tidak dapat dibaca.", {field: "Berkas gambar rusak atau tidak didukung."})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationFailed("Gambar terlalu besar.",
                                       {field: f"Gambar maksimal {MAX_IMAGE_PIXELS // 1_000_000} megapiksel."})
            probe.load()
            image = ImageOps.exif_transpose(probe)
            modes = {"jpeg": ("RGB", "L"), "webp": ("RGB", "RGBA")}.get(kind, ("RGB", "RGBA", "L", "LA", "P"))
            if image.mode not in modes:
                image = image.convert("RGB" if kind == "jpeg" or "A" not in image.mode else "RGBA")
            image.thumbnail((max_px, max_px))
            out = io.BytesIO()
            options = {"quality": quality} if kind in ("jpeg", "webp") else {"optimize": True}
            # a fresh image carries no EXIF/XMP/ICC/text chunks for the save to write
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
            if image.mode == "P":
                clean.putpalette(image.getpalette())
            clean.save(out, _PILLOW_FORMATS[kind], **options)
            return out.getvalue()
    except ValidationFailed:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise refused from None


@dataclass(frozen=True)
class PhotoVariants:
    """A photo as a service stores it: every variant re-encoded (no metadata), and the original's size."""

    original: bytes
    web_copy: bytes
    thumbnail: bytes
    width: int
    height: int


def photo_variants(data: bytes, field: str = "file", *, original_px: int = 2560, web_px: int = 1280,
                   thumbnail_px: int = 320) -> PhotoVariants:
    """``data`` (an image already judged by ``require_kind``) as its clean original (at most ``original_px``),
    web copy and thumbnail made from that original — so none of them carries EXIF/GPS."""
    from PIL import Image

    original = reencode_image(data, original_px, field)
    with Image.open(io.BytesIO(original)) as image:
        width, height = image.size
    return PhotoVariants(original, reencode_image(original, web_px, field),
                         reencode_image(original, thumbnail_px, field), width, height)


def _check_zip(data: bytes, field: str, max_members: int, max_member_bytes: int, max_total_bytes: int,
               max_ratio: int) -> None:
    """The zip directory's promises, checked before inflating: zipfile never inflates past a member's declared
    size (and fails the CRC if it lies), so these bound the memory an XLSX can take."""
    def refuse(problem: str) -> ValidationFailed:
        return ValidationFailed("Berkas XLSX ditolak.", {field: problem})

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise refuse("Berkas XLSX rusak atau bukan XLSX.") from None
    if len(members) > max_members:
        raise refuse(f"Berkas XLSX berisi terlalu banyak bagian (maksimal {max_members}).")
    total = 0
    for member in members:
        if member.file_size > max_member_bytes:
            raise refuse("Bagian berkas XLSX terlalu besar.")
        if member.file_size > 1024 * 1024 and member.file_size > max_ratio * max(member.compress_size, 1):
            raise refuse(f"Berkas XLSX terkompresi tidak wajar (rasio di atas {max_ratio}).")
        total += member.file_size
    if total > max_total_bytes:
        raise refuse("Isi berkas XLSX terlalu besar.")


def open_xlsx_safely(data: bytes, max_rows: int, field: str = "file", *, max_columns: int = XLSX_MAX_COLUMNS,
                     max_members: int = XLSX_MAX_MEMBERS, max_member_bytes: int = XLSX_MAX_MEMBER_BYTES,
                     max_total_bytes: int = XLSX_MAX_TOTAL_BYTES, max_ratio: int = XLSX_MAX_RATIO) -> list[tuple]:
    """The first sheet's rows (tuples of cell values, at most ``max_columns`` each) of the XLSX ``data``:
    its zip directory checked first (``_check_zip``), then read row by row; more than ``max_rows`` rows is a
    422 naming ``field`` as soon as row ``max_rows + 1`` is read."""
    require_kind(data, {"xlsx"}, field)
    _check_zip(data, field, max_members, max_member_bytes, max_total_bytes, max_ratio)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ValidationFailed("Berkas XLSX ditolak.", {field: "Berkas XLSX rusak atau bukan XLSX."}) from None
    rows: list[tuple] = []
    try:
        if not book.worksheets:
            return rows
        for values in book.worksheets[0].iter_rows(values_only=True):
            rows.append(tuple(values[:max_columns]))
            if len(rows) > max_rows:
                raise ValidationFailed("Berkas XLSX ditolak.",
                                       {field: f"Terlalu banyak baris (maksimal {max_rows})."})
    except ValidationFailed:
        raise
    except Exception:
        raise ValidationFailed("Berkas XLSX ditolak.", {field: "Berkas XLSX rusak atau bukan XLSX."}) from None
    finally:
        book.close()
    return rows


def safe_filename(name: str | None, kind: str | None = None, fallback: str = "berkas") -> str:
    """``name`` as plain ASCII: no directories, quotes, control characters or leading dots, at most 150
    characters; with ``kind``, its extension is the kind's (``scan.pdf`` that is a PNG becomes ``scan.png``)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    base = _UNSAFE_NAME.sub("_", base).strip("._ ")
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = stem.strip("._ ") or fallback
    ext = ext.lower()
    wanted = _EXTENSIONS.get(kind or "")
    also = {"jpeg": ".jpeg", "text": ".csv"}.get(kind or "")
    if wanted and "." + ext not in (wanted, also):
        ext = wanted[1:]
    ext = ext[:10]
    return stem[:150 - len(ext) - 1] + ("." + ext if ext else "")


def _cell_text(value) -> str:
    """A spreadsheet cell as text: empty for none, ``15000000`` for the float 15000000.0, stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(data: bytes, max_rows: int, what: str = "Berkas", field: str = "file") -> list[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells as text) of an uploaded CSV or XLSX table; the header is row 1,
    at most ``max_rows`` rows are read (a caller refuses more). Which of the two it is comes from the content
    (``sniff``), never the name: anything else is refused; an XLSX is opened with ``open_xlsx_safely``'s limits
    (zip bombs, too many rows or columns); a CSV must be UTF-8 and may use ``,`` or ``;`` (as Indonesian Excel
    writes it). ``what`` names the file in the message of an unreadable one ("Berkas DPA")."""
    import csv

    kind = require_kind(data, {"xlsx", "text"}, field)
    if kind == "xlsx":
        return [(i, [_cell_text(v) for v in values])
                for i, values in enumerate(open_xlsx_safely(data, max_rows, field), start=1)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(f"{what} tidak dapat dibaca.", {field: "Berkas CSV harus berenkode UTF-8."}) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    for i, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if i > max_rows:
            break
        rows.append((i, [c.strip() for c in cells]))
    return rows
