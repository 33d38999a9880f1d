"""Personnel's API: login and sessions, employees, org units, positions and accounts (RPC to ``personnel``)."""
from __future__ import annotations

from ..queries import PageQuery, QuerySchema, bool_param, id_param, one_of_param, text_param
from ..routes import Fields, Json, Route, Texts, client_address, items
from . import Domain, Tag

AUTH, EMPLOYEES, UNITS, POSITIONS, ACCOUNTS = "Autentikasi", "Pegawai", "Unit organisasi", "Jabatan", "Akun"
EMPLOYMENT_TYPES = ("pns", "pppk", "non_asn")


class EmployeeQuery(PageQuery):
    q = text_param("Cari nama, NIP atau NIK.")
    unit_id = id_param("Hanya pegawai unit ini.")
    include_subunits = bool_param("Sertakan pegawai sub-unit (bawaan true).")
    employment_type = one_of_param(EMPLOYMENT_TYPES, "Jenis kepegawaian.")
    is_asn = bool_param("Hanya ASN (PNS dan PPPK) atau hanya non-ASN.")
    active = bool_param("Hanya pegawai aktif atau nonaktif.")
    golongan = text_param("Golongan ruang PNS, mis. III/a.", 10)


HISTORY_KINDS = ("unit", "position", "rank", "grade", "kgb", "status")


class EmployeeHistoryQuery(PageQuery):
    kind = one_of_param(HISTORY_KINDS, "Hanya riwayat jenis ini.")


class PositionQuery(QuerySchema):
    unit_id = id_param("Hanya jabatan pada unit ini.")


LOGIN_BODY = Texts("LoginIn", "username", "password")


def login(service, request):
    """Log in, telling personnel where the attempt comes from (it throttles failures per source)."""
    return service.personnel.login(**LOGIN_BODY.read(request, {}), client_address=client_address(request))


def logout(service, request):
    """Revoke the session at personnel, then on this instance at once (the others follow the broadcast)."""
    result = service.personnel.logout()
    service.auth.revoke_current()
    return result


EMPLOYEE = "/employees/<int:employee_id>"
UNIT = "/org-units/<int:unit_id>"
ACCOUNT = "/accounts/<int:account_id>"

DOMAIN = Domain(
    service="personnel",
    position=10,
    schemas="personnel.schemas",
    tags=(
        Tag(AUTH, "Masuk, perpanjang token, keluar, ganti kata sandi, profil sendiri."),
        Tag(EMPLOYEES, "Data pegawai (PNS, PPPK, non-ASN)."),
        Tag(UNITS, "Biro, bagian, subbagian."),
        Tag(POSITIONS, "Jabatan struktural, fungsional, pelaksana."),
        Tag(ACCOUNTS, "Akun pengguna (khusus admin)."),
    ),
    routes=(
        # -- authentication
        Route("POST", "/auth/login", None, "Masuk dengan nama pengguna dan kata sandi", AUTH, name="login",
              public=True, response="TokenOut", body=LOGIN_BODY, errors=(401,), handler=login,
              description="Nama pengguna tidak dikenal, kata sandi salah, dan percobaan yang harus menunggu "
                          "(setelah beberapa kali gagal dari sumber yang sama, jeda makin panjang) memberi jawaban "
                          "401 yang sama. Akun tidak pernah dikunci: pemiliknya tetap bisa masuk."),
        Route("POST", "/auth/refresh", "refresh", "Tukar refresh token dengan token baru", AUTH, public=True,
              response="TokenOut", body=Texts("RefreshIn", "refresh_token"), errors=(401,),
              description="Refresh token lama tidak berlaku lagi setelah dipakai."),
        Route("POST", "/auth/logout", None, "Keluar: cabut sesi ini", AUTH, name="logout", response="RevokedOut",
              handler=logout, description="Refresh token sesi ini dan semua access token-nya berhenti berlaku."),
        Route("POST", "/auth/password", "change_password", "Ganti kata sandi", AUTH, response="ChangedOut",
              body=Texts("ChangePasswordIn", "old_password", "new_password"),
              description="Minimal 10 karakter, huruf dan angka. Sesi lain akun ini dicabut."),
        Route("GET", "/me", "me", "Akun dan data pegawai pemanggil", AUTH, response="MeOut"),
        Route("GET", "/personnel/capabilities", "capabilities", "Apa yang boleh dilakukan pemanggil di kepegawaian",
              AUTH, name="personnel_capabilities", response="PersonnelCapabilitiesOut",
              description="Menurut aturan personnel: membaca data pegawai lain, mengelola pegawai, unit, akun."),
        # -- employees
        Route("GET", "/employees", "list_employees", "Daftar pegawai", EMPLOYEES, response="EmployeePage",
              query=EmployeeQuery(), paged=True,
              description="Urut nama; hanya pegawai yang boleh dilihat pemanggil."),
        Route("POST", "/employees", "create_employee", "Tambah pegawai", EMPLOYEES, response="EmployeeOut",
              status=201, body=Json("EmployeeIn"), errors=(403, 409), idempotent=True,
              location="/employees/{id}"),
        Route("GET", EMPLOYEE, "get_employee", "Data satu pegawai", EMPLOYEES, response="EmployeeOut",
              errors=(404,)),
        Route("PATCH", EMPLOYEE, "update_employee", "Ubah data pegawai", EMPLOYEES, response="EmployeeOut",
              body=Json("EmployeeIn", partial=True), errors=(403, 404, 409),
              description="Hanya kolom yang dikirim yang berubah."),
        Route("POST", f"{EMPLOYEE}/deactivate", "deactivate_employee", "Nonaktifkan pegawai", EMPLOYEES,
              response="EmployeeOut", body=Fields("reason", component="DeactivateIn"), errors=(403, 404),
              description="Status menjadi `nonaktif` sejak hari ini dengan alasannya (tercatat di riwayat). Akun "
                          "pegawai ikut dinonaktifkan dan sesinya dicabut. Hanya admin."),
        # -- history and lifecycle
        Route("GET", f"{EMPLOYEE}/history", "list_employee_history", "Riwayat pegawai", EMPLOYEES,
              response="EmployeeHistoryPage", query=EmployeeHistoryQuery(), paged=True, errors=(403, 404),
              description="Perubahan unit, jabatan, pangkat/golongan, kelas jabatan, KGB dan status dengan TMT dan "
                          "SK-nya, TMT terbaru dulu. Boleh dibaca pegawai itu sendiri, admin, dan kepala unit atas "
                          "pegawai unitnya; selain itu 403. `allowed_actions` menyebut apa yang boleh dilakukan "
                          "pemanggil."),
        Route("POST", f"{EMPLOYEE}/career-changes", "record_career_change", "Catat perubahan karier dengan SK",
              EMPLOYEES, response="EmployeeCareerResultOut", status=201, body=Json("EmployeeCareerChangeIn"),
              errors=(403, 404, 409),
              description="Hanya admin. Nilai sekarang langsung berubah (TMT yang akan datang pun tetap dicatat "
                          "dengan TMT-nya). 409 bila pegawai tidak aktif."),
        Route("POST", f"{EMPLOYEE}/status", "change_employee_status", "Ubah status pegawai", EMPLOYEES,
              response="EmployeeCareerResultOut", body=Json("EmployeeStatusIn"), errors=(403, 404, 409),
              description="Hanya admin. CLTN, diberhentikan sementara, pensiun, mutasi keluar, meninggal, nonaktif, "
                          "atau aktif kembali dari CLTN/pemberhentian sementara, dengan tanggal dan SK. 409 bila "
                          "perpindahan status tidak diizinkan (gunakan pemulihan)."),
        Route("POST", f"{EMPLOYEE}/restore", "restore_employee", "Pulihkan pegawai yang salah dinonaktifkan",
              EMPLOYEES, response="EmployeeCareerResultOut", body=Json("EmployeeRestoreIn"), errors=(403, 404, 409),
              description="Hanya admin; alasan wajib. Status kembali `aktif` dan tercatat di riwayat. Akun pegawai "
                          "TIDAK ikut diaktifkan: jawaban menyebut akunnya, aktifkan lewat `PATCH /accounts/{id}`. "
                          "409 bila pegawai masih aktif."),
        # -- org units and positions
        Route("GET", "/org-units", "list_org_units", "Daftar unit organisasi", UNITS, response="OrgUnitOut",
              answer=items, description="Datar, urut menurut pohon."),
        Route("POST", "/org-units", "create_org_unit", "Tambah unit organisasi", UNITS, response="OrgUnitOut",
              status=201, body=Json("OrgUnitIn"), errors=(403, 409), idempotent=True, location="/org-units/{id}",
              description="Biro tanpa induk, bagian di bawah biro, subbagian di bawah bagian."),
        Route("GET", UNIT, "get_org_unit", "Data satu unit beserta sub-unitnya", UNITS,
              response="OrgUnitDetailOut", errors=(404,)),
        Route("PATCH", UNIT, "update_org_unit", "Ubah unit organisasi", UNITS, response="OrgUnitOut",
              body=Json("OrgUnitIn", partial=True), errors=(403, 404, 409)),
        Route("GET", "/positions", "list_positions", "Daftar jabatan", POSITIONS, response="PositionOut",
              answer=items, query=PositionQuery()),
        Route("POST", "/positions", "create_position", "Tambah jabatan", POSITIONS, response="PositionOut",
              status=201, body=Json("PositionIn"), errors=(403, 409), idempotent=True,
              description="Satu jabatan kepala (struktural) per unit."),
        # -- accounts (admin)
        Route("GET", "/accounts", "list_accounts", "Daftar akun", ACCOUNTS, response="AccountPage",
              query=PageQuery(), paged=True, errors=(403,)),
        Route("POST", "/accounts", "create_account", "Buat akun", ACCOUNTS, response="AccountOut", status=201,
              body=Json("AccountIn"), errors=(403, 409), idempotent=True, location="/accounts/{id}"),
        Route("GET", ACCOUNT, "get_account", "Data satu akun", ACCOUNTS, response="AccountOut", errors=(403, 404)),
        Route("PATCH", ACCOUNT, "update_account", "Ubah peran atau status akun", ACCOUNTS, response="AccountOut",
              body=Json("AccountUpdateIn"), errors=(403, 404, 409)),
        Route("POST", f"{ACCOUNT}/unlock", "unlock_account", "Buka kunci akun", ACCOUNTS, response="AccountOut",
              errors=(403, 404)),
    ),
)
