"""The .md and .html readers, on fixtures, through a real build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import support
from support import article_pages, build

FIXTURES = support.FIXTURES / "readers"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    for name in ("saved-page.html", "analysis.md"):
        shutil.copy(FIXTURES / name, content / name)
    output = tmp_path_factory.mktemp("site") / "output"
    build(content, output)
    return output


def _page(site: Path, title: str):
    for page in article_pages(site).values():
        if page.find("h1").get_text(strip=True) == title:
            return page
    raise AssertionError(f"no page titled {title!r}")


def test_html_reader_takes_title_date_and_body_without_noise(site):
    page = _page(site, "Ministers meet in Doha to discuss Gaza truce")
    assert page.select_one("header .meta time")["datetime"] == "2024-02-13"
    # No separator: quotes are highlighted with <mark>, which splits the text nodes.
    body = page.select_one(".full-text").get_text()
    assert "two foreign ministers met in Doha" in body
    assert "“We are close to an agreement,” the Qatari minister said" in body
    assert "further talks would follow" in body
    for noise in ("BUY CHEAP", "Share on social", "Subscribe", "tracker", "injected",
                  "Ten things", "Cookie", "Home"):
        assert noise not in body, noise
    assert not page.select(".full-text script")


def test_markdown_reader_uses_pelican_metadata_and_escapes_raw_html(site):
    page = _page(site, "Talks resume in Vienna")
    assert page.select_one("header .meta time")["datetime"] == "2022-08-30"
    body = page.select_one(".full-text")
    assert body.find("strong").get_text() == "Vienna"
    assert "“We hope for a fair agreement,” the envoy said." in body.get_text()
    assert body.find("script") is None
    assert "<script>" in body.get_text()  # shown as text


def test_markdown_without_date_is_undated(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "note.md").write_text("Title: A note\n\nThe minister spoke on Monday.\n")
    build(content, tmp_path / "out")
    (page,) = article_pages(tmp_path / "out").values()
    meta = page.select_one("header .meta")
    assert "Undated" in meta.get_text() and meta.find("time") is None


def test_a_text_is_binary_only_when_a_tenth_of_its_start_is_unprintable():
    from briefing.read.textio import BadArticleError, decode

    words = "The minister said talks would resume.\n\n" * 20
    assert decode(words.encode())[0] == words
    # a few control characters (a stray form feed, a bell) keep the article
    few = words[:700] + "\x0c\x07" * 20
    assert decode(few.encode())[0] == few
    # past a tenth of the first 20,000 characters it is no text
    many = words[:300] + "\x07\x1b" * 40
    with pytest.raises(BadArticleError, match="unprintable"):
        decode(many.encode())
