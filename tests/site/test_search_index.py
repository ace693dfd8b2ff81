"""The Pagefind index a build writes, read back without a browser.

Pagefind stores each indexed page as a gzipped JSON "fragment" (url, content, filters, meta,
anchors); reading them checks what search can find, filter and link to.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import REPO, build, fragments, soup

SEEDS = sorted((REPO / "content").glob("*.txt"))

MARKDOWN = """Title: Doha talks resume
Date: 2023-05-04
Outlet: Tehran Times

Qatar's foreign minister met Iranian envoys in Doha on Thursday.

"We want calm in the Gulf," the minister told reporters.
"""
MARKDOWN_SOURCE_URL = """Title: Gulf shipping lanes
Date: 2021-02-03
Source: https://www.example-news.org/world/gulf

Shipping through the Strait of Hormuz continued on Wednesday.
"""
SAVED_PAGE = """<!DOCTYPE html><html><head>
<meta property="og:title" content="Envoys meet in Muscat">
<meta property="og:site_name" content="Gulf Wire">
<meta property="article:published_time" content="2020-01-02T10:00:00Z">
</head><body><article><h1>Envoys meet in Muscat</h1>
<p>Omani officials hosted envoys from Tehran and Doha in Muscat on Monday.</p>
<p>"Dialogue is the only way," an Omani official said.</p></article></body></html>
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content")
    for seed in SEEDS:
        shutil.copy(seed, content / seed.name)
    (content / "doha-talks.md").write_text(MARKDOWN, encoding="utf-8")
    (content / "shipping.md").write_text(MARKDOWN_SOURCE_URL, encoding="utf-8")
    (content / "muscat.html").write_text(SAVED_PAGE, encoding="utf-8")
    output = tmp_path_factory.mktemp("site") / "output"
    build(content, output)
    return output


@pytest.fixture(scope="module")
def records(site) -> dict[str, dict]:
    return fragments(site)


@pytest.fixture(scope="module")
def export(site) -> tuple[list[dict], dict[str, dict]]:
    articles = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    actors = json.loads((site / "data" / "actors.json").read_text(encoding="utf-8"))
    return articles, {a["id"]: a for a in actors}


def test_bundle_is_written_without_unused_ui(site):
    bundle = site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    assert not list(bundle.glob("pagefind-ui*")) and not list(bundle.glob("*component-ui*"))
    assert (site / "search" / "index.html").is_file()


def test_exactly_briefing_actor_and_topic_pages_are_indexed(site, records, export):
    """Briefings, and the actors and topics seen in 2+ briefings; a one-briefing actor's or
    topic's page is written and linked from its briefing, but search finds that briefing."""
    _, actors = export
    single = {f"/{a['url']}" for a in actors.values() if len(a["articles"]) < 2}
    assert single and len(single) < len(actors)
    topics = {f"/{p.relative_to(site).as_posix()}": len(soup(p).select(".article-list li"))
              for p in site.glob("topics/*.html") if p.name != "index.html"}
    single_topics = {url for url, n in topics.items() if n < 2}
    assert single_topics and len(single_topics) < len(topics)
    single |= single_topics
    expected = {
        f"/{p.relative_to(site).parent.as_posix()}/" for p in site.glob("briefings/*/index.html")
    } | {
        f"/{p.relative_to(site).as_posix()}"
        for folder in ("actors", "topics") for p in site.glob(f"{folder}/*.html")
        if p.name != "index.html"
    } - single
    assert len(expected) > 30
    assert set(records) == expected
    articles, _ = export
    for actor in actors.values():
        if f"/{actor['url']}" not in single:
            continue
        assert (site / actor["url"]).is_file(), actor["url"]
        briefing = next(a for a in articles if actor["id"] in a["actors"])
        html = (site / briefing["url"] / "index.html").read_text(encoding="utf-8")
        assert f'href="/{actor["url"]}"' in html, (actor["url"], briefing["url"])
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(expected)


def test_site_furniture_is_not_indexed(records):
    for url, record in records.items():
        assert "Skip to content" not in record["content"], url
        assert "static briefing site" not in record["content"], url  # the footer


def test_briefing_filters_match_the_export(records, export):
    articles, actors = export
    assert len(articles) == len(SEEDS) + 3
    for art in articles:
        record = records[f"/{art['url']}"]
        filters = record["filters"]
        assert filters["type"] == ["Briefings"]
        # The actor filter offers the actors whose pages are indexed (2+ briefings).
        assert set(filters.get("actor", [])) == {
            actors[i]["name"] for i in art["actors"] if len(actors[i]["articles"]) >= 2
        }
        assert set(filters.get("topic", [])) == set(art["topics"])
        assert filters["year"] == [art["date"][:4] if art["date"] else "Undated"]
        assert record["meta"]["title"] == art["title"]
        assert record["meta"]["kind"] == "Briefing"


def test_outlet_comes_from_article_metadata(records, export):
    articles, _ = export
    outlets = {a["source"].rsplit("/", 1)[-1]: records[f"/{a['url']}"]["filters"].get("outlet")
               for a in articles}
    assert outlets["doha-talks.md"] == ["Tehran Times"]
    assert outlets["shipping.md"] == ["example-news.org"]
    assert outlets["muscat.html"] == ["Gulf Wire"]
    assert all(outlets[s.name] is None for s in SEEDS)  # plain text names no outlet


def test_every_quote_has_an_anchor_at_its_words(records, export):
    articles, _ = export
    checked = 0
    for art in articles:
        anchors = {a["id"]: a for a in records[f"/{art['url']}"]["anchors"]}
        for i, quote in enumerate(art["quotes"]):
            anchor = anchors.get(f"q-{i + 1}")
            assert anchor is not None, (art["url"], i)
            # The mark's own text (nested quotes aside) begins where the quote begins.
            first = quote["text"].split()[0]
            if anchor["text"]:
                assert anchor["text"].split()[0] == first, (art["url"], i, anchor)
                checked += 1
    assert checked > 20


def test_actor_pages_carry_every_spelling(records, export):
    _, actors = export
    for actor in actors.values():
        if len(actor["articles"]) < 2:
            continue
        record = records[f"/{actor['url']}"]
        assert record["filters"]["actor"] == [actor["name"]]
        assert record["meta"]["title"] == actor["name"]
        names = record["meta"]["names"].split("|")
        assert set(actor["aliases"]) <= set(names) and actor["name"] in names
    amir = records["/actors/hossein-amir-abdollahian.html"]
    assert "Amirabdollahian" in amir["content"]


def test_briefing_text_is_indexed_once(records, export):
    """The lead and the key-quote list repeat the full text, which holds the anchors."""
    articles, _ = export
    checked = 0
    for art in articles:
        content = records[f"/{art['url']}"]["content"]
        assert "Key quotes" not in content, art["url"]
        for quote in art["quotes"][:3]:
            words = " ".join(quote["text"].split()[:8])
            if len(words.split()) == 8 and content.count(words) == 1:
                checked += 1
    assert checked > 10


def test_lists_of_other_pages_are_not_indexed(site, records, export):
    """A page is found by its own words, not by its neighbours' titles listed on it."""
    articles, _ = export
    titles = {a["title"] for a in articles}
    assert any(a["related"] for a in articles)
    for url, record in records.items():
        if url.startswith("/topics/"):
            assert not any(t in record["content"] for t in titles), url
        assert "Related briefings" not in record["content"], url
        assert "Most often seen with" not in record["content"], url
    pages = list((site / "briefings").glob("*/index.html"))
    assert any("Related briefings" in p.read_text(encoding="utf-8") for p in pages)


def test_search_off_builds_no_index(tmp_path):
    import subprocess
    import sys

    content = tmp_path / "content"
    content.mkdir()
    (content / "doha-talks.md").write_text(MARKDOWN, encoding="utf-8")
    output = tmp_path / "output"
    code = (
        "import sys; from pathlib import Path; from briefing.build import build_site;"
        "r = build_site(Path(sys.argv[1]), Path(sys.argv[2]),"
        " overrides={'BRIEFING_SEARCH': False, 'CACHE_PATH': sys.argv[3]});"
        " sys.exit(0 if r.ok else 1)"
    )
    subprocess.run([sys.executable, "-c", code, str(content), str(output),
                    str(tmp_path / "cache")], check=True,
                   cwd=REPO, capture_output=True)
    assert (output / "index.html").is_file()
    assert not (output / "pagefind").exists()


def _page(path: Path, body: bool, words: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mark = " data-pagefind-body" if body else ""
    path.write_text(f"<!DOCTYPE html><html lang='en'><head><title>{words}</title></head>"
                    f"<body><main{mark}><h1>{words}</h1><p>{words} said so.</p></main>"
                    "</body></html>", encoding="utf-8")


def _fragment_urls(bundle: Path) -> set[str]:
    import gzip

    urls = set()
    for f in (bundle / "fragment").iterdir():
        raw = gzip.decompress(f.read_bytes())
        urls.add(json.loads(raw[raw.index(b"{"):])["url"])
    return urls


def test_only_marked_pages_are_handed_to_pagefind_at_their_own_urls(tmp_path):
    """Pages without data-pagefind-body are dropped by Pagefind anyway: they are not even
    given to it (that was most of its time), and the marked ones keep their site URLs."""
    from briefing.index import pagefind as search

    site = tmp_path / "site"
    _page(site / "briefings" / "talks" / "index.html", True, "Doha talks resume")
    _page(site / "actors" / "bagheri-kani.html", True, "Ali Bagheri Kani")
    _page(site / "actors" / "venetian-hotel.html", False, "Venetian Hotel")
    assert search.build_index(site, {}) == 2
    assert _fragment_urls(site / "pagefind") == {"/briefings/talks/",
                                                 "/actors/bagheri-kani.html"}
    assert not list(site.glob(".briefing-search-*")), "the linked pages' folder is gone"


def test_a_site_with_no_marked_page_is_indexed_whole(tmp_path):
    from briefing.index import pagefind as search

    site = tmp_path / "site"
    _page(site / "briefings" / "talks" / "index.html", False, "Doha talks resume")
    _page(site / "topics" / "energy.html", False, "Energy")
    assert search.build_index(site, {}) == 2
