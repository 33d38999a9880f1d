"""Signing in and out, the language switch, changing one's password."""
from __future__ import annotations

from situok_kit.errors import AccountLocked, Unauthorized, ValidationFailed

from ..http import Page, page, safe_next
from ..sessions import LOCALES


def client_address(request) -> str | None:
    """The client's address as Traefik saw it: the last ``X-Forwarded-For`` entry (Traefik appends the peer it
    talked to; earlier entries are whatever the client claimed), else the peer itself."""
    forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()]
    return (forwarded[-1] if forwarded else request.remote_addr) or None


def display_user(me: dict) -> dict:
    account, employee = me["account"], me.get("employee")
    return {"username": account["username"], "name": employee["full_name"] if employee else account["username"],
            "employee_id": account.get("employee_id"), "roles": account.get("roles", [])}


class AuthPages:
    @page("GET", "/masuk", public=True)
    def login_form(self, visit):
        if visit.session.logged_in:
            return visit.redirect(safe_next(visit.request.args.get("next")))
        return Page("login.html", {"next": safe_next(visit.request.args.get("next")), "username": "",
                                   "error": None}, title=visit._("Masuk"))

    @page("POST", "/masuk", public=True)
    def login(self, visit):
        _ = visit._
        username, password = visit.value("username"), visit.form.get("password") or ""
        target = safe_next(visit.value("next"))
        context = {"next": target, "username": username, "error": None, "errors": {}}
        if not username or not password:
            context["errors"] = {k: _("Wajib diisi.") for k, v in (("username", username), ("password", password))
                                 if not v}
            context["error"] = _("Isi nama pengguna dan kata sandi.")
            return Page("login.html", context, 422, title=_("Masuk"))
        try:
            tokens = self.personnel.login(username, password, client_address=client_address(visit.request))
        except (AccountLocked, Unauthorized, ValidationFailed):
            # One answer for an unknown user, a wrong password and a throttled attempt (personnel decides).
            context["error"] = _("Nama pengguna atau kata sandi salah.")
            return Page("login.html", context, 401, title=_("Masuk"))
        visit.identity = self.auth.authenticate_token(tokens["access_token"], visit.action)
        user = display_user(self.personnel.me())
        visit.session.start_login(tokens, user, visit.now)
        return visit.redirect(target, _("Selamat datang, %(name)s.", name=user["name"]))

    @page("POST", "/keluar")
    def logout(self, visit):
        self.personnel.logout()
        self.auth.revoke_current()
        visit.end_session()
        return visit.redirect("/masuk", visit._("Anda telah keluar."))

    @page("POST", "/bahasa", public=True)
    def switch_language(self, visit):
        lang = visit.value("lang")
        if lang in LOCALES:
            visit.session.lang = lang
            visit.session.dirty = True
        return visit.redirect(safe_next(visit.value("next")))

    @page("GET", "/akun/kata-sandi")
    def password_form(self, visit):
        return Page("account/password.html", {"errors": {}}, title=visit._("Ganti kata sandi"))

    @page("POST", "/akun/kata-sandi")
    def change_password(self, visit):
        _ = visit._
        old, new, repeat = (visit.form.get(k) or "" for k in ("old_password", "new_password", "repeat_password"))
        errors = {k: _("Wajib diisi.") for k, v in (("old_password", old), ("new_password", new),
                                                    ("repeat_password", repeat)) if not v}
        if new and repeat and new != repeat:
            errors["repeat_password"] = _("Tidak sama dengan kata sandi baru.")
        if not errors:
            try:
                self.personnel.change_password(old, new)
            except ValidationFailed as exc:
                errors = visit.field_errors(exc) or {"new_password": exc.message}
            except AccountLocked as exc:
                errors = {"old_password": _(exc.message)}
            else:
                return visit.redirect("/profil", _("Kata sandi diganti. Sesi Anda di perangkat lain telah diakhiri."))
        return Page("account/password.html", {"errors": errors}, 422, title=_("Ganti kata sandi"))
