"""The ``next=`` target after login (and the language switch) stays on this site (ASVS 5.1.5, open redirects)."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from web.http import safe_next

ATTACKS = [
    "//evil.example", "///evil.example", "////evil.example", "/\\evil.example", "\\/evil.example",
    "\\\\evil.example", "/\\/evil.example", "/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example",
    "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "/%20/evil.example",
    "/%2F%2Fevil.example", "/%2f%2fevil.example", "/%2F/evil.example", "/%5Cevil.example", "/%5cevil.example",
    "%2F%2Fevil.example", "/%252F%252Fevil.example", "/%25%32%46/evil.example",
    "https://evil.example/", "http:evil.example", "javascript:alert(1)", "JaVaScRiPt:alert(1)",
    "data:text/html,x", "evil.example", " /pegawai", "/pegawai ", "\x00/pegawai", "/peg\x00awai",
    "/\x7fevil", "/\u3000/evil.example", "/\u2028evil", "/%E3%80%80/evil.example",
    "/a//evil.example", "/pegawai\\..\\", "//evil.example/%2e%2e", "/.//evil.example",
    "https:/\\evil.example", "/masuk\r\nSet-Cookie: x=1", "/%0d%0aSet-Cookie:%20x=1",
    None, "", 42, ["/"],
]


@pytest.mark.parametrize("target", ATTACKS)
def test_next_that_could_leave_the_site_goes_home(target):
    assert safe_next(target) == "/"


LOCAL = ["/", "/pegawai", "/pegawai?q=a", "/pegawai?q=I%20Made", "/absensi/riwayat?bulan=2026-11&page=2",
         "/perjalanan/12#rincian", "/pegawai/%C3%A9", "/pegawai?next=//x"]


@pytest.mark.parametrize("target", LOCAL)
def test_local_paths_are_kept(target):
    assert safe_next(target) == target
    joined = urlsplit(urljoin("https://situok.example/", target))
    assert joined.netloc == "situok.example" and joined.scheme == "https"
