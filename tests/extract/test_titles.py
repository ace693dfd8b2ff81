"""Headlines for untitled articles: the lead's first phrase, never a saved page's address."""

from __future__ import annotations

from briefing.textformat import parse_text


def test_a_saved_pages_address_line_is_no_headline():
    from briefing.extract.titles import make_title

    for text, want in [
        ("http://www. example. com/news/lindsay-lohan-checks-into-rehab _ n _ 1411. html\n\n"
         "Lindsay Lohan Checks Into Rehab at Betty Ford Center\n\nBody.",
         "Lindsay Lohan Checks Into Rehab at Betty Ford Center"),
        # a sentence that merely opens with an address is the lead
        ("http://example.org is where the council posts its budget every year\n\nBody.",
         "Http://example.org is where the council posts its budget every year"),
    ]:
        assert make_title(text, parse_text(text)) == want
