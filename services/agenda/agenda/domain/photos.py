"""A documentation's photos and attachments (protocol staff, while the documentation may be edited: draft or
returned — the workflow's ``edit`` step).

* **Photos**: JPEG, PNG or WebP judged by content (``situok_kit.uploads.require_kind``; a declared
  ``content_type`` must match it), at most 10 MB; stored re-encoded (``reencode_image``: EXIF/GPS, XMP and
  trailing bytes gone) at most 2560 px, with a 1280 px web copy and a 320 px thumbnail made from that clean
  original. Caption and alt text (editable later), order, delete.
* **Attachments**: PDF, DOCX, XLSX, JPEG or PNG by content, at most 20 MB, a title, a safe filename and a
  ``public`` flag; images are re-encoded like photos (anything that can be published loses its location).
* Downloads (every variant, every attachment) for staff.
"""
from __future__ import annotations

from situok_kit.errors import NotFound, ValidationFailed
from situok_kit.uploads import (
    CONTENT_TYPES,
    IMAGE_KINDS,
    photo_variants,
    reencode_image,
    require_kind,
    safe_filename,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models.documentation import Documentation, DocumentationAttachment, DocumentationPhoto
from ..schemas.documentation import (
    MAX_ATTACHMENT_BYTES,
    MAX_PHOTO_BYTES,
    ORIGINAL_PX,
    PHOTO_VARIANTS,
    THUMBNAIL_PX,
    WEB_PX,
)
from . import documentation
from .access import Caller

ATTACHMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "jpeg", "png"})
FIELD = "content_b64"


def variants(data: bytes, kind: str) -> tuple[bytes, bytes, bytes, int, int]:
    """(original, web copy, thumbnail, width, height) of an image already judged to be ``kind``: each one
    re-encoded, so none carries EXIF/GPS (``situok_kit.uploads.photo_variants``)."""
    made = photo_variants(data, FIELD, original_px=ORIGINAL_PX, web_px=WEB_PX, thumbnail_px=THUMBNAIL_PX)
    return made.original, made.web_copy, made.thumbnail, made.width, made.height


def _editable(tx, caller: Caller, documentation_id: int) -> Documentation:
    doc = documentation.get(tx.session, documentation_id, lock=True)
    documentation.check(tx.session, caller, doc, "edit")
    return doc


def _photo(session: Session, photo_id: int) -> DocumentationPhoto:
    row = session.get(DocumentationPhoto, photo_id)
    if row is None:
        raise NotFound("Foto tidak ditemukan.")
    return row


def _attachment(session: Session, attachment_id: int) -> DocumentationAttachment:
    row = session.get(DocumentationAttachment, attachment_id)
    if row is None:
        raise NotFound("Lampiran tidak ditemukan.")
    return row


# -- photos -------------------------------------------------------------------------------------------------------

def add_photo(tx, caller: Caller, documentation_id: int, payload: dict) -> Documentation:
    session = tx.session
    doc = _editable(tx, caller, documentation_id)
    data: bytes = payload[FIELD]
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationFailed("Foto terlalu besar.", {FIELD: "Foto maksimal 10 MB."})
    kind = require_kind(data, IMAGE_KINDS, FIELD, payload.get("content_type"), refuse_mismatch=True)
    content, web_copy, thumbnail, width, height = variants(data, kind)
    last = session.scalar(select(func.max(DocumentationPhoto.position))
                          .where(DocumentationPhoto.documentation_id == doc.id)) or 0
    session.add(DocumentationPhoto(documentation_id=doc.id, caption=payload.get("caption"),
                                   alt_text=payload.get("alt_text"), content_type=CONTENT_TYPES[kind],
                                   content=content, web_copy=web_copy, thumbnail=thumbnail, width=width,
                                   height=height, position=last + 1, uploaded_by_employee_id=caller.employee_id))
    documentation.touch(doc)
    session.flush()
    return doc


def _change(tx, caller: Caller, row, changes: dict, editable: tuple[str, ...]) -> Documentation:
    """A photo's or an attachment's ``editable`` fields changed (its documentation still editable)."""
    doc = _editable(tx, caller, row.documentation_id)
    for name in editable:
        if name in changes:
            setattr(row, name, changes[name])
    documentation.touch(doc)
    tx.session.flush()
    return doc


def _remove(tx, caller: Caller, row) -> Documentation:
    """A photo or an attachment deleted (its documentation still editable)."""
    doc = _editable(tx, caller, row.documentation_id)
    tx.session.delete(row)
    documentation.touch(doc)
    tx.session.flush()
    return doc


def edit_photo(tx, caller: Caller, photo_id: int, changes: dict) -> Documentation:
    return _change(tx, caller, _photo(tx.session, photo_id), changes, ("caption", "alt_text"))


def reorder_photos(tx, caller: Caller, documentation_id: int, photo_ids: list[int]) -> Documentation:
    """The photos in a new order: ``photo_ids`` must name each of this documentation's photos once."""
    session = tx.session
    doc = _editable(tx, caller, documentation_id)
    photos = {p.id: p for p in session.scalars(select(DocumentationPhoto)
                                               .where(DocumentationPhoto.documentation_id == doc.id))}
    if len(photo_ids) != len(set(photo_ids)) or set(photo_ids) != set(photos):
        raise ValidationFailed("Urutan foto tidak lengkap.",
                               {"photo_ids": "Sebutkan setiap foto dokumentasi ini tepat satu kali."})
    for position, photo_id in enumerate(photo_ids, start=1):
        photos[photo_id].position = position
    documentation.touch(doc)
    session.flush()
    return doc


def delete_photo(tx, caller: Caller, photo_id: int) -> Documentation:
    return _remove(tx, caller, _photo(tx.session, photo_id))


def photo_file(session: Session, caller: Caller, photo_id: int, variant: str) -> dict:
    """One variant of a photo (staff): ``original``, ``web`` or ``thumbnail``."""
    documentation.require_staff(caller)
    if variant not in PHOTO_VARIANTS:
        raise ValidationFailed("Varian tidak dikenal.", {"variant": "Harus original, web atau thumbnail."})
    photo = _photo(session, photo_id)
    content = {"original": photo.content, "web": photo.web_copy, "thumbnail": photo.thumbnail}[variant]
    extension = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}.get(photo.content_type, "bin")
    return {"filename": f"dokumentasi-{photo.documentation_id}-foto-{photo.id}-{variant}.{extension}",
            "content_type": photo.content_type, "content": content}


# -- attachments ----------------------------------------------------------------------------------------------------

def add_attachment(tx, caller: Caller, documentation_id: int, payload: dict) -> Documentation:
    session = tx.session
    doc = _editable(tx, caller, documentation_id)
    data: bytes = payload[FIELD]
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationFailed("Lampiran terlalu besar.", {FIELD: "Lampiran maksimal 20 MB."})
    kind = require_kind(data, ATTACHMENT_KINDS, FIELD, payload.get("content_type"), refuse_mismatch=True)
    if kind in IMAGE_KINDS:  # an image that may be published loses its metadata too
        data = reencode_image(data, ORIGINAL_PX, FIELD)
    session.add(DocumentationAttachment(documentation_id=doc.id, title=payload["title"],
                                        filename=safe_filename(payload["filename"], kind, "lampiran"),
                                        content_type=CONTENT_TYPES[kind], content=data, size=len(data),
                                        public=bool(payload.get("public")),
                                        uploaded_by_employee_id=caller.employee_id))
    documentation.touch(doc)
    session.flush()
    return doc


def edit_attachment(tx, caller: Caller, attachment_id: int, changes: dict) -> Documentation:
    return _change(tx, caller, _attachment(tx.session, attachment_id), changes, ("title", "public"))


def delete_attachment(tx, caller: Caller, attachment_id: int) -> Documentation:
    return _remove(tx, caller, _attachment(tx.session, attachment_id))


def attachment_file(session: Session, caller: Caller, attachment_id: int) -> dict:
    documentation.require_staff(caller)
    row = _attachment(session, attachment_id)
    return {"filename": row.filename, "content_type": row.content_type, "content": row.content}
