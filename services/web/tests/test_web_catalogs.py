"""The message catalogs: every string the pages show has its English, the compiled catalog is current, and the
templates translate (jinja2.ext.i18n, newstyle gettext) without giving up autoescaping.

Source strings are found the way ``make i18n-extract`` finds them: Babel's extractors with ``babel.cfg``."""
from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from web import i18n, nav, rendering

BABEL_CFG = Path(__file__).resolve().parent.parent / "babel.cfg"
#: ``make i18n-extract``'s keywords: Babel's defaults with ``_`` and a plural-aware ``ngettext``.
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "ngettext": (1, 2)}


def extracted() -> dict[str, str | tuple[str, str]]:
    """msgid -> the message as the code has it (a (singular, plural) pair for ``ngettext``)."""
    with BABEL_CFG.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(BABEL_CFG))
    found = {}
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(rendering.PACKAGE), method_map, options_map, keywords=KEYWORDS):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found[msgid] = message
    return found


def english_po():
    with i18n.catalog_path("en", "po").open("rb") as handle:
        return read_po(handle, locale="en", domain=i18n.DOMAIN)


def english_mo():
    with i18n.catalog_path("en", "mo").open("rb") as handle:
        return read_mo(handle)


def key(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def strings(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def test_extraction_finds_templates_python_and_menu_labels():
    found = extracted()
    assert "Lewati ke konten" in found                            # base.html
    assert "Sesi Anda berakhir; silakan masuk kembali." in found  # web/http.py
    assert "Luar kota" in found                                   # a choice marked in web/forms/travel.py
    assert found["%(num)s hari"] == ("%(num)s hari", "%(num)s hari")  # ngettext keeps its plural
    labels = {area.label for area in nav.areas()} | {link.label for area in nav.areas() for link in area.links}
    assert labels - set(found) == set()


def test_every_message_has_an_english_translation():
    po = english_po()
    missing = []
    for msgid, message in extracted().items():
        entry = po.get(msgid)
        if (entry is None or entry.fuzzy or not all(strings(entry))
                or isinstance(message, tuple) != entry.pluralizable):
            missing.append(msgid)
    assert missing == [], "make i18n-update, then translate these in en/LC_MESSAGES/messages.po"


def test_translations_keep_their_placeholders():
    assert [(key(message), errors) for message, errors in english_po().check()] == []


def test_catalog_text_is_plain():
    """Newstyle gettext trusts a catalog's text as markup (only the values are escaped): no tags, no quotes that
    would end an attribute."""
    for message in english_po():
        if not message.id:
            continue  # the header
        for text in (*([message.id] if isinstance(message.id, str) else message.id), *strings(message)):
            assert not set(text) & set('<>"'), text


def test_the_compiled_catalog_matches_the_po():
    po = {key(m): strings(m) for m in english_po() if m.id and all(strings(m)) and not m.fuzzy}
    mo = {key(m): strings(m) for m in english_mo() if m.id}
    assert mo == po, "messages.mo is stale: make i18n-compile"


def test_gettext_translates_then_formats():
    assert i18n.gettext_for("en")("Selamat datang, %(name)s", name="Ayu") == "Welcome, Ayu"
    assert i18n.gettext_for("id")("Selamat datang, %(name)s", name="Ayu") == "Selamat datang, Ayu"
    assert i18n.gettext_for("xx")("Simpan") == "Simpan"  # an unknown locale: Indonesian
    assert i18n.gettext_for("en")("Diskon 50% dari layanan") == "Diskon 50% dari layanan"  # a service's text
    days = "%(num)s hari"
    assert i18n.ngettext_for("en")(days, days, 1) == "1 day"
    assert i18n.ngettext_for("en")(days, days, 3) == "3 days"
    assert i18n.ngettext_for("id")(days, days, 3) == "3 hari"


def test_a_missing_mo_is_compiled_from_the_po(tmp_path, monkeypatch):
    lc = tmp_path / "en" / "LC_MESSAGES"
    lc.mkdir(parents=True)
    (lc / "messages.po").write_bytes(i18n.catalog_path("en", "po").read_bytes())
    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    i18n.translations.cache_clear()
    try:
        assert i18n.translations("en").gettext("Simpan draf") == "Save draft"
    finally:
        i18n.translations.cache_clear()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_template_compiles(lang):
    env = rendering.environment(lang)
    for path in rendering.TEMPLATES.rglob("*.html"):
        env.get_template(path.relative_to(rendering.TEMPLATES).as_posix())


def test_templates_translate_count_and_escape():
    env = rendering.environment("en")
    template = env.from_string('{{ _("Selamat datang, %(name)s", name=who) }} | {{ label|translated }} | '
                               '{{ ngettext("%(num)s hari", "%(num)s hari", n) }}')
    assert template.render(who="<b>Ayu</b>", label="Draf", n=1) == "Welcome, &lt;b&gt;Ayu&lt;/b&gt; | Draft | 1 day"
    assert template.render(who="A", label="<i>nope</i>", n=2).endswith("| &lt;i&gt;nope&lt;/i&gt; | 2 days")
    assert "%s" in env.from_string("{{ _('Lokasi terbaca (±%%s m).') }}").render()  # for static/js, filled there


def test_the_estimate_counts_days_and_nights_in_each_language():
    estimate = {"total": 1250000, "days": 1, "nights": 2, "province_name": "Bali", "fiscal_year": 2026,
                "travellers": []}
    english = rendering.render("travel/_estimate.html", {"lang": "en", "estimate": estimate,
                                                         "estimate_problem": None})
    assert "1 day, 2 nights · Bali rates for 2026" in english and "Rp1.250.000" in english
    indonesian = rendering.render("travel/_estimate.html", {"lang": "id", "estimate": estimate,
                                                            "estimate_problem": None})
    assert "1 hari, 2 malam · tarif Bali tahun 2026" in indonesian
