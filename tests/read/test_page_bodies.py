"""Saved news pages are read to their article body, headline and date (issue 15).

``tests/fixtures/pages`` holds news pages written to imitate real site structures
(``manifest.json`` says which one each imitates), each with the body a person would call
the article: ``NAME.body.txt``, its paragraphs without headline, byline, captions, pull
quotes, "Read more" links, newsletter boxes or comments. The reader is held to the usual
measure of article extractors, bag-of-words F1 (``briefing.tools.bodies``): a mean of at
least 0.95 over the pages and at least 0.80 on each, with no page refused. Pages are read
as saved files are, from their bytes and without their address, so the page dated only by
its canonical link must be dated from the page itself, and the page with no date must stay
undated.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import support
from briefing.tools.bodies import body_scores

PAGES = support.FIXTURES / "pages"
MANIFEST = json.loads((PAGES / "manifest.json").read_text(encoding="utf-8"))
NAMES = sorted(p.name.removesuffix(".html") for p in PAGES.glob("*.html"))
MEAN_F1 = 0.95
PAGE_F1 = 0.80


@pytest.fixture(scope="module")
def read() -> dict[str, object]:
    """Each page as the reader reads it, or the ``BadArticleError`` it was refused with."""
    from briefing.read.pages import read_page  # the reader under test, imported when run
    from briefing.read.textio import BadArticleError

    results: dict[str, object] = {}
    for name in NAMES:
        try:
            results[name] = read_page((PAGES / f"{name}.html").read_bytes(), url=None)
        except BadArticleError as err:
            results[name] = err
    return results


def expected(name: str) -> str:
    return (PAGES / f"{name}.body.txt").read_text(encoding="utf-8")


def f1(read: dict[str, object], name: str) -> float:
    page = read[name]
    return 0.0 if isinstance(page, Exception) else body_scores(expected(name), page.text)[2]


def test_the_fixture_set_is_whole():
    assert len(NAMES) >= 24
    assert sorted(MANIFEST) == NAMES
    for name in NAMES:
        size = (PAGES / f"{name}.html").stat().st_size
        assert 3_000 <= size <= 40_000, (name, size)
        body = expected(name)
        assert body.strip() and "\n\n\n" not in body, name
        entry = MANIFEST[name]
        assert set(entry) == {"title", "date", "author", "outlet", "url", "structure"}, name
        assert entry["title"] and entry["structure"], name


def test_no_page_is_refused(read):
    refused = {name: str(page) for name, page in read.items() if isinstance(page, Exception)}
    assert not refused


def test_mean_body_f1(read):
    scores = {name: round(f1(read, name), 3) for name in NAMES}
    mean = sum(scores.values()) / len(scores)
    assert mean >= MEAN_F1, f"mean F1 {mean:.3f} < {MEAN_F1}: {scores}"


@pytest.mark.parametrize("name", NAMES)
def test_page_body_f1(read, name):
    page = read[name]
    assert not isinstance(page, Exception), f"refused: {page}"
    precision, recall, score = body_scores(expected(name), page.text)
    assert score >= PAGE_F1, f"F1 {score:.3f} (P {precision:.3f}, R {recall:.3f})"


@pytest.mark.parametrize("name", NAMES)
def test_page_title_and_date(read, name):
    page = read[name]
    assert not isinstance(page, Exception), f"refused: {page}"
    assert page.title == MANIFEST[name]["title"]
    assert page.date == MANIFEST[name]["date"]


def test_the_windows_1252_page_is_stored_so():
    data = (PAGES / "cp1252-cafe-closure.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b'<meta charset="windows-1252">' in data
    assert "“We always said" in data.decode("cp1252")


def test_the_undated_page_has_no_date_to_find():
    assert MANIFEST["undated-squarespace-food-bank"]["date"] is None
    html = Path(PAGES / "undated-squarespace-food-bank.html").read_text(encoding="utf-8")
    assert "datePublished" not in html and "published_time" not in html
