"""Quotes and names marked inside rendered Markdown HTML (render/highlight.mark_html)."""

from __future__ import annotations

from briefing.records import Quote
from briefing.render.highlight import mark_html


def test_the_spaces_between_two_linked_names_are_kept():
    # Re-parsing each marked text node used to collapse "Gingrich  PAC" to one space.
    text = "A pro-Newt Gingrich  PAC launched it."
    links = [(6, 19, "/actors/newt-gingrich/"), (21, 24, "/actors/pac/")]
    out = mark_html(f"<p>{text}</p>", text, [], links)
    assert ('<a class="name-link" href="/actors/newt-gingrich/">Newt Gingrich</a>  '
            '<a class="name-link" href="/actors/pac/">PAC</a> launched') in out


def test_a_quote_over_two_text_nodes_is_marked_in_each_with_one_id():
    # "said" sits in <em>: the quote "never so close, said" spans three text nodes.
    html = "<p>They were “never so <em>close</em>,” he said &amp; smiled.</p>"
    text = "They were “never so close,” he said & smiled."
    start = text.index("never")
    quote = Quote(text="never so close", start=start, end=start + len("never so close"),
                  kind="direct")
    out = mark_html(html, text, [quote], [(text.index("he"), text.index("he") + 2, "/a/")])
    assert out.count('id="q-1"') == 1
    assert out.count('data-quote="1"') == 2  # one mark per text node it covers
    assert '<em><mark class="quote-hl" data-quote="1">close</mark></em>' in out
    assert "&amp; smiled" in out  # text stays escaped around the marks


def test_text_that_does_not_align_falls_back():
    assert mark_html("<p>Something else entirely.</p>", "Other words.", [], []) is None


def test_placeholder_characters_in_the_article_are_left_as_they_are():
    text = "A \ue000 sign and Mr Smith."
    s = text.index("Smith")
    out = mark_html(f"<p>{text}</p>", text, [], [(s, s + 5, "/actors/smith/")])
    assert "\ue000 sign" in out and '<a class="name-link" href="/actors/smith/">Smith</a>' in out
