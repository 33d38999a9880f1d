"""The assets API — Register barang: daftar per KIB, halaman barang, ruangan dan gedung, impor, kodefikasi.

assets decides who may do what (403 not allowed, 404 unknown, 409 a clash or a wrong state, 422 per field): every
signed-in employee reads the register, the pengurus barang (and admin) writes it, an admin keeps the code list
and useful lives. An item's page carries the caller's ``allowed_actions``. Files (photos, documents, the import
and the code list) travel as base64 inside JSON or, for tables, as the body itself.
"""
from __future__ import annotations

from assets.schemas.register import ASSET_STATUSES, CONDITIONS, FILE_VARIANTS, KIBS

from ..queries import FilenameQuery, PageQuery, QuerySchema, bool_param, id_param, int_param, one_of_param, text_param
from ..routes import Json, Route, Upload, file_answer, items
from . import Domain, Tag

ASSETS_REGISTER = "Aset: register"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ITEM = "/assets/items/<int:asset_id>"
KEEPERS = "Pengurus barang atau admin (selain itu 403)."
ADMINS = "Hanya admin (selain itu 403)."
READERS = "Setiap pegawai yang masuk."
#: A photo is up to 8 MB and a document 10 MB, sent as base64 inside the JSON (≈ 13.4 MB).
FILE_BODY_BYTES = 14 * 1024 * 1024


class AssetCodeQuery(PageQuery):
    prefix = text_param("Kode diawali ini, mis. `1.3.2.02`.", 30)
    kib = one_of_param(KIBS, "KIB.")
    q = text_param("Teks pada nama atau kode.", 100)
    registrable = bool_param("Hanya kode tempat barang didaftarkan (tingkat terakhir).")


class AssetRoomQuery(PageQuery):
    building_id = id_param("Gedung.")
    floor_id = id_param("Lantai.")
    q = text_param("Teks pada kode atau nama ruangan.", 100)
    include_inactive = bool_param("Sertakan ruangan nonaktif.")


class AssetQuery(PageQuery):
    kib = one_of_param(KIBS, "KIB.")
    code = text_param("Kode barang diawali ini.", 30)
    room_id = id_param("Ruangan.")
    building_id = id_param("Gedung.")
    condition = one_of_param(CONDITIONS, "Kondisi: B, KB, RB.")
    holder_employee_id = id_param("Pemegang (id pegawai).")
    status = one_of_param(ASSET_STATUSES, "Status (bawaan `active`).")
    acquisition_year = int_param("Tahun perolehan.", 1900, 2100, "Tahun 1900-2100.")
    q = text_param("Kata pada nama, nomor register, nomor polisi atau kode.", 100)


class AssetFileQuery(QuerySchema):
    variant = one_of_param(FILE_VARIANTS, "`original` (bawaan), `thumbnail` (±200 px) atau `web` (±1280 px).")


DOMAIN = Domain(
    service="assets",
    position=50,
    schemas="assets.schemas",
    tags=(Tag(ASSETS_REGISTER, "Register barang: daftar per KIB, halaman barang, ruangan dan gedung, impor, "
                               "kodefikasi."),),
    routes=(
        Route("GET", "/assets/capabilities", "capabilities", "Apa yang boleh dilakukan pemanggil di aset",
              ASSETS_REGISTER, name="assets_capabilities", response="AssetsCapabilitiesOut",
              description="Secara umum, menurut peran; tiap barang tetap membawa `allowed_actions` pemanggil."),
        # -- codes and useful lives
        Route("GET", "/assets/codes", "list_asset_codes", "Kodefikasi barang (Permendagri 108/2016)",
              ASSETS_REGISTER, response="AssetCodePage", query=AssetCodeQuery(), paged=True,
              description="Urut kode; dicari menurut awalan, KIB, teks, hanya yang dapat didaftari. " + READERS),
        Route("POST", "/assets/codes", "import_asset_codes", "Muat kodefikasi barang dari CSV/XLSX (admin)",
              ASSETS_REGISTER, response="AssetCodeImportOut", errors=(403,),
              body=Upload("AssetCodeFileIn", {"text/csv": ".csv", XLSX: ".xlsx"}, FilenameQuery(), "kodefikasi",
                          "berkas kodefikasi"),
              description="Kolom `kode,nama,roda`. Semua atau tidak sama sekali: 422 dengan "
                          "`fields[\"baris_<n>.<kolom>\"]` (kode tidak sesuai, induk tidak ada, nama kosong); nama "
                          "diperbarui, tidak ada kode yang dihapus. " + ADMINS),
        Route("GET", "/assets/useful-lives", "list_useful_lives", "Masa manfaat per awalan kode", ASSETS_REGISTER,
              response="UsefulLifeOut", answer=items, description="Semua versi. " + READERS),
        Route("POST", "/assets/useful-lives", "add_useful_life", "Tambah versi masa manfaat (admin)",
              ASSETS_REGISTER, response="UsefulLifeOut", status=201, body=Json("UsefulLifeIn"), errors=(403, 409),
              description="Awalan kode dan tanggal berlaku yang sudah ada 409. " + ADMINS),
        # -- buildings, floors, rooms
        Route("GET", "/assets/buildings", "list_buildings", "Gedung beserta lantainya", ASSETS_REGISTER,
              response="AssetBuildingOut", answer=items, description=READERS),
        Route("POST", "/assets/buildings", "create_building", "Tambah gedung", ASSETS_REGISTER,
              response="AssetBuildingOut", status=201, body=Json("AssetBuildingIn"), errors=(403, 409),
              description="Kode unik (409). Gedung yang dipinjamkan diterbitkan ke booking "
                          "(`assets.resource_published`). " + KEEPERS),
        Route("PATCH", "/assets/buildings/<int:building_id>", "update_building", "Ubah gedung", ASSETS_REGISTER,
              response="AssetBuildingOut", body=Json("AssetBuildingIn", partial=True), errors=(403, 404, 409),
              description="Kolom yang dikirim saja; yang tidak lagi dipinjamkan ditarik dari booking. " + KEEPERS),
        Route("POST", "/assets/floors", "create_floor", "Tambah lantai gedung", ASSETS_REGISTER,
              response="AssetFloorOut", status=201, body=Json("AssetFloorIn"), errors=(403, 409),
              description="Nama lantai unik dalam gedungnya (409). " + KEEPERS),
        Route("PATCH", "/assets/floors/<int:floor_id>", "update_floor", "Ubah lantai", ASSETS_REGISTER,
              response="AssetFloorOut", body=Json("AssetFloorIn", partial=True), errors=(403, 404, 409),
              description=KEEPERS),
        Route("GET", "/assets/rooms", "list_rooms", "Daftar ruangan", ASSETS_REGISTER, response="AssetRoomPage",
              query=AssetRoomQuery(), paged=True,
              description="Urut kode, dengan jumlah barang aktif tiap ruangan. " + READERS),
        Route("POST", "/assets/rooms", "create_room", "Tambah ruangan", ASSETS_REGISTER, response="AssetRoomOut",
              status=201, body=Json("AssetRoomIn"), errors=(403, 409),
              description="Kode unik (409); penanggung jawab pegawai yang ada (422). Ruangan yang dipinjamkan "
                          "diterbitkan ke booking. " + KEEPERS),
        Route("GET", "/assets/rooms/<int:room_id>", "get_room", "Data satu ruangan", ASSETS_REGISTER,
              response="AssetRoomOut", errors=(404,),
              description="Barangnya: `GET /assets/items?room_id=`. " + READERS),
        Route("PATCH", "/assets/rooms/<int:room_id>", "update_room", "Ubah ruangan", ASSETS_REGISTER,
              response="AssetRoomOut", body=Json("AssetRoomIn", partial=True), errors=(403, 404, 409),
              description="Kolom yang dikirim saja; yang tidak lagi dipinjamkan ditarik dari booking; ruangan yang "
                          "masih berisi barang tidak dinonaktifkan (409). " + KEEPERS),
        # -- items
        Route("GET", "/assets/items", "list_assets", "Register barang", ASSETS_REGISTER, response="AssetPage",
              query=AssetQuery(), paged=True,
              description="Terbaru dulu; menurut KIB, awalan kode, ruangan, gedung, kondisi, pemegang, status, tahun "
                          "perolehan dan kata (nama, nomor register, nomor polisi). " + READERS),
        Route("POST", "/assets/items", "register_asset", "Daftarkan barang", ASSETS_REGISTER,
              response="AssetDetailOut", status=201, body=Json("AssetIn"), idempotent=True,
              location="/assets/items/{id}", errors=(403,),
              description="Pada kode tingkat terakhir yang aktif; KIB dari kodenya; `details` menurut KIB (422 "
                          "`details.<kolom>`); nomor register berikutnya kode itu. Menerbitkan "
                          "`assets.item_registered` (kendaraan: `assets.resource_published`). " + KEEPERS),
        Route("GET", "/assets/items/mine", "my_assets", "Barang yang saya pegang", ASSETS_REGISTER,
              response="AssetPage", query=PageQuery(), paged=True, description=READERS),
        Route("GET", ITEM, "get_asset", "Halaman barang", ASSETS_REGISTER, response="AssetDetailOut", errors=(404,),
              description="Dengan kolom KIB, berkas (tanpa isi), riwayat dan `allowed_actions` pemanggil; tujuan QR "
                          "label. " + READERS),
        Route("PATCH", ITEM, "update_asset", "Ubah barang", ASSETS_REGISTER, response="AssetDetailOut",
              body=Json("AssetChangeIn", partial=True), errors=(403, 404, 409),
              description="Kolom yang dikirim saja. Kode tidak diubah (409: daftarkan ulang); ruangan/pemegang lewat "
                          "serah terima (422); `updated_at` yang usang 409. Menerbitkan `assets.item_changed`. "
                          + KEEPERS),
        Route("POST", f"{ITEM}/files", "upload_asset_file", "Unggah foto atau dokumen barang", ASSETS_REGISTER,
              response="AssetFileOut", status=201, body=Json("AssetFileIn", max_bytes=FILE_BODY_BYTES),
              errors=(403, 404),
              description="Foto JPEG/PNG/WebP (dinilai dari isinya, maks. 8 MB; gambar kecil dan salinan web tanpa "
                          "EXIF) atau dokumen PDF (maks. 10 MB). " + KEEPERS),
        Route("GET", "/assets/files/<int:file_id>", "asset_file", "Unduh foto atau dokumen barang",
              ASSETS_REGISTER, query=AssetFileQuery(), errors=(404,), content_type="*/*", download=True,
              answer=file_answer("attachment"), description="Berkasnya sendiri. " + READERS),
        # -- import
        Route("POST", "/assets/imports", "import_assets", "Impor register dari XLSX/CSV", ASSETS_REGISTER,
              response="AssetImportOut", status=201, errors=(403,),
              body=Upload("AssetImportIn", {"text/csv": ".csv", XLSX: ".xlsx"}, FilenameQuery(), "register",
                          "berkas register"),
              description="Kolom seperti templat; `nomor_register` opsional (unik per kode). Semua atau tidak sama "
                          "sekali: 422 dengan `fields[\"baris_<n>.<kolom>\"]`. Jawaban: jumlah per KIB. " + KEEPERS),
        Route("GET", "/assets/imports/template", "asset_import_template", "Unduh templat impor register (XLSX)",
              ASSETS_REGISTER, errors=(403,), content_type=XLSX, download=True,
              answer=file_answer("template", XLSX, inline=False), description=KEEPERS),
    ),
)
