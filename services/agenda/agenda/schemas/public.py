"""agenda's public contract: what the portal shows (``domain.portal``; ``domain.publication`` decides).

These RPCs take no identity. Nothing here carries a guest (any field), the protocol notes, the internal
description, the organiser, the dress code, who entered or approved anything, or a room's booking id: the schemas
list every field an answer may have (the dump drops anything else). Every answer carries ``version`` (a hash of
its content) which the edges use as the ETag.
"""
from __future__ import annotations

from marshmallow import fields
from situok_kit.outputs import choice, flag, integer, listing, moment, nested, text
from situok_kit.schema import Base64Bytes, ContractSchema

from ..models.agenda import EVENT_STATUSES

VERSION = "Versi jawaban (hash isinya; dipakai sebagai ETag)."


class PublicPhotoRef(ContractSchema):
    """A public photo: its id (``/public/agenda/photos/{id}/{web|thumb}``) and the text that describes it."""

    id = integer("Foto (id).")
    alt_text = text("Teks alternatif (WCAG 1.1.1).")
    caption = text("Keterangan foto.", nullable=True)
    width = integer("Lebar asli (piksel).", nullable=True)
    height = integer("Tinggi asli (piksel).", nullable=True)


class PublicAttachmentRef(ContractSchema):
    id = integer("Lampiran (id).")
    title = text("Judul.")
    filename = text("Nama berkas.")
    content_type = text("Jenis isi (MIME).")
    size = integer("Ukuran (byte).")


class PublicEventSummary(ContractSchema):
    """An event as a list on the portal shows it."""

    id = integer("Kegiatan (id).")
    slug = text("Judul sebagai bagian alamat halaman.")
    title = text("Nama kegiatan.")
    starts_at = moment("Mulai", nullable=False)
    ends_at = moment("Selesai", nullable=False)
    place = text("Tempat (ruang/alamat).", nullable=True)
    status = choice("Status (terkonfirmasi, ditunda, selesai; kegiatan terdokumentasi bisa berstatus lain).",
                    EVENT_STATUSES)
    public_summary = text("Ringkasan untuk publik.", nullable=True)
    documented = flag("Sudah ada dokumentasi yang dipublikasikan.")
    published_at = moment("Dokumentasi dipublikasikan")
    cover = nested(PublicPhotoRef, "Foto sampul (foto pertama dokumentasi publik).", nullable=True)


class PublicEventPage(ContractSchema):
    """A page of events (keyset: ``next_cursor``)."""

    items = listing(PublicEventSummary, "Kegiatan.", required=True)
    next_cursor = text("Cursor halaman berikutnya.", nullable=True)
    month = text("Bulan (YYYY-MM, WITA).", nullable=True)
    q = text("Kata pencarian.", nullable=True)
    version = text(VERSION)


class PublicMonthOut(ContractSchema):
    month = text("Bulan (YYYY-MM, WITA).")
    events = integer("Jumlah kegiatan yang tampil.")
    documented = integer("Jumlah kegiatan dengan dokumentasi publik.")


class PublicMonthIndex(ContractSchema):
    items = listing(PublicMonthOut, "Bulan, terbaru dulu.", required=True)
    version = text(VERSION)


class PublicLeaderOut(ContractSchema):
    title = text("Jabatan pimpinan.")
    role = choice("Hadir langsung atau diwakili.", ("attends", "represented"))


class PublicDocumentationOut(ContractSchema):
    published_at = moment("Dipublikasikan", nullable=False)
    press_release = text("Siaran pers.", nullable=True)
    minutes = text("Notulen (hanya bila dinyatakan publik).", nullable=True)
    photos = listing(PublicPhotoRef, "Foto (salinan web dan thumbnail; tidak pernah berkas asli).")
    attachments = listing(PublicAttachmentRef, "Lampiran publik.")


class PublicEventOut(PublicEventSummary):
    """One event's public page."""

    leaders = listing(PublicLeaderOut, "Pimpinan yang hadir (jabatan).")
    documentation = nested(PublicDocumentationOut, "Dokumentasi publik (null bila belum ada).", nullable=True)
    version = text(VERSION)


class PublicHomeOut(ContractSchema):
    upcoming = listing(PublicEventSummary, "Kegiatan publik berikutnya.")
    documented = listing(PublicEventSummary, "Dokumentasi terbaru.")
    version = text(VERSION)


class PublicFeedEntry(ContractSchema):
    kind = choice("Dokumentasi dipublikasikan atau kegiatan publik.", ("documentation", "event"))
    event_id = integer("Kegiatan (id).")
    slug = text("Judul sebagai bagian alamat halaman.")
    title = text("Nama kegiatan.")
    summary = text("Ringkasan.", nullable=True)
    updated = moment("Waktu entri", nullable=False)
    starts_at = moment("Mulai kegiatan (entri kegiatan)")


class PublicFeedOut(ContractSchema):
    items = listing(PublicFeedEntry, "Entri, terbaru dulu.", required=True)
    version = text(VERSION)


class PublicSitemapEvent(ContractSchema):
    id = integer("Kegiatan (id).")
    slug = text("Judul sebagai bagian alamat halaman.")
    lastmod = moment("Perubahan terakhir")


class PublicSitemapOut(ContractSchema):
    events = listing(PublicSitemapEvent, "Halaman kegiatan.")
    months = listing(fields.String(), "Bulan arsip kegiatan (YYYY-MM).")
    documentation_months = listing(fields.String(), "Bulan arsip dokumentasi (YYYY-MM).")
    version = text(VERSION)


class PublicFileOut(ContractSchema):
    """A public photo variant or attachment."""

    id = integer("Id.")
    variant = text("Varian foto (web, thumb).", nullable=True)
    filename = text("Nama berkas (lampiran).", nullable=True)
    content_type = text("Jenis isi (MIME).")
    content_b64 = Base64Bytes(attribute="content", metadata={"description": "Isi berkas dalam base64."})
    version = text(VERSION)


SCHEMAS = {cls.__name__: cls for cls in (
    PublicPhotoRef, PublicAttachmentRef, PublicEventSummary, PublicEventPage, PublicMonthOut, PublicMonthIndex,
    PublicLeaderOut, PublicDocumentationOut, PublicEventOut, PublicHomeOut, PublicFeedEntry, PublicFeedOut,
    PublicSitemapEvent, PublicSitemapOut, PublicFileOut)}
EVENTS: dict = {}
