"""End to end: the demo seeds built into tmp_path, pages checked as a reader sees them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support import REPO, article_pages, build, soup

SEEDS = sorted((REPO / "content").glob("*.txt"))
# Read off the seed files by hand: their date line (000 has none) and how many paragraphs
# (blocks between blank lines) the body has.
SEED_DATES = {"000": None, "001": "2024-06-01", "002": "2024-02-14", "003": "2022-08-28",
              "004": "2022-08-28"}
SEED_PARAGRAPHS = {"000": 13, "001": 12, "002": 17, "003": 9, "004": 19}
SEED_OPENINGS = {
    "000": "The Iranian minister said the relations and cooperation",
    "001": "Iran’s acting foreign minister spoke with the Prim",
    "002": "Qatar has been at the forefront of de-escalation e",
    "003": "Iranian Deputy Foreign Minister for Political Affa",
    "004": "TEHRAN – Iran’s Deputy Foreign Minister for Politi",
}


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    for seed in SEEDS:
        shutil.copy(seed, content / seed.name)
    output = tmp_path_factory.mktemp("site") / "output"
    build(content, output)
    return output


def _page_for(pages: dict, seed: Path):
    """The briefing page whose full text opens with the seed's first paragraph."""
    opening = SEED_OPENINGS[seed.name[:3]]
    found = [page for page in pages.values()
             if (p := page.select_one(".full-text p")) and p.get_text().startswith(opening)]
    assert len(found) == 1, f"{len(found)} pages open like {seed.name}"
    return found[0]


def test_one_page_per_seed(seed_site):
    assert len(SEEDS) == 5
    assert len(article_pages(seed_site)) == len(SEEDS)


def test_titles_non_empty_distinct_and_whole_words(seed_site):
    pages = article_pages(seed_site)
    titles = [p.find("h1").get_text(strip=True) for p in pages.values()]
    assert all(titles) and len(set(titles)) == len(titles)
    for t in titles:
        assert "…" not in t and not t.endswith(("-", ",")), t
        assert len(t.split()) <= 16, t


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_dates_are_the_articles_own(seed_site, seed):
    page = _page_for(article_pages(seed_site), seed)
    date = SEED_DATES[seed.name[:3]]
    meta = page.select_one("article header .meta")
    if date is None:
        assert "Undated" in meta.get_text()
        # No date that is not in the article, except an event date marked as inferred.
        for t in meta.find_all("time"):
            inferred = t.find_parent(class_="inferred")
            assert inferred is not None and "inferred" in inferred.get_text(), meta
    else:
        assert meta.find("time") is not None, f"{seed.name}: no date shown, want {date}"
        assert meta.find("time")["datetime"] == date
        assert "Undated" not in meta.get_text()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_body_paragraphs_intact_with_curly_quotes(seed_site, seed):
    text = seed.read_text(encoding="utf-8")
    page = _page_for(article_pages(seed_site), seed)
    shown = [p.get_text() for p in page.select(".full-text p")]
    assert len(shown) == SEED_PARAGRAPHS[seed.name[:3]]
    body = text.removeprefix(f" date {SEED_DATES[seed.name[:3]]} ")
    assert shown == [block.strip() for block in body.split("\n\n") if block.strip()]
    for mark in "“”‘’":
        assert body.count(mark) == "".join(shown).count(mark)


def test_index_lists_stories_dated_newest_first_and_undated_last(seed_site):
    index = soup(seed_site / "index.html")
    items = index.select(".home-latest .article-list > li")
    # Each story once: an event's reports share one item, which links each of them.
    assert len(items) < len(SEEDS)
    assert len({a["href"] for a in index.select(".home-latest a[href^='/briefings/']")}) == \
        len(SEEDS)
    # time.date is the story's own date (an inferred event date is a plain <time>).
    dates = [t["datetime"] if (t := i.select_one("time.date")) else None for i in items]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert all(d is None for d in dates[len(dated):]), "undated stories come last"


def test_links_work_under_a_pages_sub_path(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEEDS[0], content)
    build(content, tmp_path / "out", "--siteurl", "https://user.github.io/repo")
    index = soup(tmp_path / "out" / "index.html")
    hrefs = [a["href"] for a in index.find_all("a") if not a["href"].startswith("#")]
    hrefs += [link["href"] for link in index.find_all("link", rel="stylesheet")]
    assert hrefs and all(h.startswith("https://user.github.io/repo/") for h in hrefs), hrefs
    for href in hrefs:
        local = tmp_path / "out" / href.removeprefix("https://user.github.io/repo/")
        assert local.exists() or (local / "index.html").exists(), href


def test_bad_files_are_named_and_do_not_stop_the_build(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEEDS[1], content)
    (content / "empty.txt").write_text("")
    (content / "binary.txt").write_bytes(bytes(range(256)) * 4)
    proc = build(content, tmp_path / "out", check=False)
    log = proc.stdout + proc.stderr
    assert "skipped  empty.txt: the file is empty (0 bytes)" in log
    assert "skipped  binary.txt:" in log and "binary" in log.split("skipped  binary.txt:")[1]
    assert "Traceback" not in log
    assert len(article_pages(tmp_path / "out")) == 1


def test_no_page_shows_a_build_or_file_date(seed_site):
    allowed = set(SEED_DATES.values()) - {None}
    for path in seed_site.rglob("*.html"):
        for t in soup(path).find_all("time"):
            assert t["datetime"][:10] in allowed, (path, t)
        assert not re.search(r"\b0001\b", path.read_text(encoding="utf-8")), path
