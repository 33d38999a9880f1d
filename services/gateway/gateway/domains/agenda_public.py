"""The agenda API — the public portal: the leaders' public events and published documentation, for anyone.

Every route here is public (no token) and read-only; agenda decides what is public (``agenda.domain.publication``)
and never answers a guest's details, protocol notes, the internal description or who approved anything. JSON
answers carry ``version`` (a hash of their content) and ``Cache-Control: public, max-age=60`` so Traefik or a
CDN may keep them; a published photo (its web copy or thumbnail, never the original) and a public attachment are
answered as the files themselves, cacheable for a day.
"""
from __future__ import annotations

from marshmallow import fields, validate

from ..queries import PageQuery, QuerySchema, bool_param
from ..routes import Route, file_answer
from . import Domain, Tag

AGENDA_PUBLIC = "Agenda: portal publik"
PUBLIC = "Tanpa autentikasi; hanya yang dipublikasikan (kegiatan publik terkonfirmasi/ditunda/selesai; dokumentasi " \
         "yang disetujui dan lewat embargo). Tidak ada data tamu, catatan protokol atau data internal."
PAGE_CACHE = {"Cache-Control": "public, max-age=60, stale-while-revalidate=30"}
FILE_CACHE = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}


class PublicMonthsQuery(QuerySchema):
    documented = bool_param("Hanya bulan dengan dokumentasi publik.")


class PublicArchiveQuery(PageQuery):
    documented = bool_param("Hanya kegiatan dengan dokumentasi publik.")


class PublicSearchQuery(PageQuery):
    q = fields.String(required=True, validate=validate.Length(min=2, max=100, error="Isi 2–100 karakter."),
                      error_messages={"required": "Wajib diisi.", "invalid": "Harus teks."},
                      metadata={"description": "Kata pencarian (judul, ringkasan, siaran pers; setiap kata awalan)."})


def cached_file(found: dict, args: dict):
    """The file itself (always a download of a servable type, ``nosniff``), cacheable by proxies for a day."""
    reply = file_answer("attachment")(found, args)
    reply.headers = {**(reply.headers or {}), **FILE_CACHE}
    return reply


DOMAIN = Domain(
    service="agenda",
    position=72,
    schemas="agenda.schemas",
    tags=(Tag(AGENDA_PUBLIC, "Yang ditampilkan portal publik: kegiatan publik pimpinan, dokumentasi yang telah "
                             "dipublikasikan per bulan, pencarian, halaman kegiatan, entri umpan Atom dan sitemap "
                             "(tanpa akun, dapat di-cache)."),),
    routes=(
        Route("GET", "/public/agenda/home", "public_home", "Beranda portal: kegiatan berikutnya dan dokumentasi "
              "terbaru", AGENDA_PUBLIC, name="agenda_public_home", public=True, response="PublicHomeOut",
              errors=(503,), headers=PAGE_CACHE, description=PUBLIC),
        Route("GET", "/public/agenda/events", "public_upcoming", "Kegiatan publik mendatang", AGENDA_PUBLIC,
              name="agenda_public_upcoming", public=True, response="PublicEventPage", query=PageQuery(),
              errors=(422,), headers=PAGE_CACHE,
              description="Mulai hari ini (WITA), terdekat dulu; halaman keyset (`cursor`, `limit`). " + PUBLIC),
        Route("GET", "/public/agenda/events/<int:event_id>", "public_event", "Halaman satu kegiatan", AGENDA_PUBLIC,
              name="agenda_public_event", public=True, response="PublicEventOut", errors=(404,),
              headers=PAGE_CACHE, description="Waktu, tempat, ringkasan, jabatan pimpinan yang hadir, dan "
                                              "dokumentasinya bila sudah dipublikasikan (siaran pers, foto dengan "
                                              "teks alternatif, notulen bila publik, lampiran publik). Kegiatan yang "
                                              "tidak tampil di portal: 404. " + PUBLIC),
        Route("GET", "/public/agenda/months", "public_months", "Arsip per bulan", AGENDA_PUBLIC,
              name="agenda_public_months", public=True, response="PublicMonthIndex", query=PublicMonthsQuery(),
              errors=(422,), headers=PAGE_CACHE,
              description="Bulan (YYYY-MM, WITA) terbaru dulu dengan jumlah kegiatan. " + PUBLIC),
        Route("GET", "/public/agenda/months/<month>", "public_archive", "Kegiatan satu bulan", AGENDA_PUBLIC,
              name="agenda_public_archive", public=True, response="PublicEventPage", query=PublicArchiveQuery(),
              errors=(422,), headers=PAGE_CACHE,
              description="Terbaru dulu; `documented=true`: hanya yang berdokumentasi publik. Bulan bukan "
                          "YYYY-MM: 422. " + PUBLIC),
        Route("GET", "/public/agenda/search", "public_search", "Cari kegiatan dan dokumentasi", AGENDA_PUBLIC,
              name="agenda_public_search", public=True, response="PublicEventPage", query=PublicSearchQuery(),
              errors=(422,), headers=PAGE_CACHE,
              description="Pencarian teks penuh PostgreSQL (konfigurasi `simple`, setiap kata sebagai awalan) atas "
                          "judul, ringkasan publik dan siaran pers yang dipublikasikan. " + PUBLIC),
        Route("GET", "/public/agenda/feed", "public_feed", "Entri umpan Atom", AGENDA_PUBLIC,
              name="agenda_public_feed", public=True, response="PublicFeedOut", errors=(503,), headers=PAGE_CACHE,
              description="Dokumentasi yang dipublikasikan dan kegiatan publik, terbaru dulu (umpan Atom-nya "
                          "sendiri: `/publik/agenda/feed.atom` di portal). " + PUBLIC),
        Route("GET", "/public/agenda/sitemap", "public_sitemap", "Entri sitemap", AGENDA_PUBLIC,
              name="agenda_public_sitemap", public=True, response="PublicSitemapOut", errors=(503,),
              headers=PAGE_CACHE, description="Setiap halaman kegiatan yang tampil dengan perubahan terakhirnya, "
                                              "dan bulan arsip. " + PUBLIC),
        Route("GET", "/public/agenda/photos/<int:photo_id>/<variant>", "public_photo", "Foto dokumentasi publik",
              AGENDA_PUBLIC, name="agenda_public_photo", public=True, errors=(404, 422), content_type="*/*",
              download=True, answer=cached_file,
              description="`variant`: `web` (salinan web) atau `thumb` (thumbnail) — tidak pernah berkas asli. "
                          "Hanya foto dokumentasi yang dipublikasikan; selain itu 404. " + PUBLIC),
        Route("GET", "/public/agenda/attachments/<int:attachment_id>", "public_attachment", "Lampiran publik",
              AGENDA_PUBLIC, name="agenda_public_attachment", public=True, errors=(404,), content_type="*/*",
              download=True, answer=cached_file,
              description="Lampiran yang ditandai publik dari dokumentasi yang dipublikasikan; selain itu 404. "
                          + PUBLIC),
    ),
)
