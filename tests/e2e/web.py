"""A browser's view without a browser: pages and forms over HTTP through Traefik."""
from __future__ import annotations

import html
import re

import requests

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class WebClient:
    def __init__(self, base_url: str):
        self.base = base_url
        self.http = requests.Session()
        self.last: requests.Response | None = None

    def get(self, path: str, **kwargs) -> requests.Response:
        self.last = self.http.get(self.base + path, allow_redirects=False, timeout=15, **kwargs)
        return self.last

    def csrf(self, path: str = "/masuk") -> str:
        page = self.last if self.last is not None and self.last.status_code == 200 else self.get(path)
        found = CSRF.search(page.text)
        if found is None:
            found = CSRF.search(self.get(path).text)
        return html.unescape(found.group(1))

    def post(self, path: str, data: dict | None = None, csrf: str | None | bool = True, **kwargs):
        data = dict(data or {})
        if csrf is True:
            data["csrf_token"] = self.csrf(path if path != "/keluar" else "/")
        elif csrf:
            data["csrf_token"] = csrf
        self.last = self.http.post(self.base + path, data=data, allow_redirects=False, timeout=15, **kwargs)
        return self.last

    def login(self, username: str, password: str, next_path: str = "/") -> requests.Response:
        self.get("/masuk")
        return self.post("/masuk", {"username": username, "password": password, "next": next_path})

    def logged_in(self, username: str, password: str) -> WebClient:
        response = self.login(username, password)
        assert response.status_code == 303, response.text[:500]
        return self


def text_of(response: requests.Response) -> str:
    """The visible text, roughly: tags dropped, entities decoded, spaces squeezed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.text)))
