"""``situok_kit.numbering``: templates checked before use (the counter itself is exercised by travel's and
finance's concurrent numbering tests against the real database)."""
from situok_kit.numbering import template_problem


def render(template: str) -> str:
    return template.format(seq=1, year=2026)


def test_a_template_needs_seq_and_only_the_offered_placeholders():
    assert template_problem("900.1.2.3/{seq}/SPJ/{year}", render, ("seq", "year")) is None
    assert template_problem("900.1.2.3/SPJ/{year}", render, ("seq", "year")) == "Templat harus memuat {seq}."
    assert template_problem("{seq}/{unit}", render, ("seq", "year")) == "Templat hanya boleh memakai {seq}, {year}."
    assert template_problem("{seq}/{", render, ("seq", "year")) is not None
