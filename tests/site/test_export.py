"""The data export contract: ``output/data/articles.json`` and ``output/data/actors.json``.

Other tools rely on these names and shapes; this test is the contract's definition.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from support import REPO, build, page_file

SEEDS = sorted((REPO / "content").glob("*.txt"))
ARTICLE_KEYS = {"source", "slug", "url", "title", "title_generated", "date", "date_from_text",
                "date_inferred",
                "event", "actors",
                "topics", "quotes", "mentions", "related", "outlet", "duplicates",
                "date_source", "author", "source_url"}
# A near-duplicate folded into the article (tests/site/test_duplicates.py builds some).
DUPLICATE_KEYS = {"slug", "source", "url", "outlet", "date", "source_url"}
QUOTE_KEYS = {"text", "start", "end", "kind", "cue", "speaker", "identified_through_event"}
SPEAKER_KEYS = {"name", "start", "end", "actor"}
ACTOR_KEYS = {"id", "name", "kind", "aliases", "roles", "articles", "url"}


def _build(tmp: Path, name: str) -> Path:
    content = tmp / "content"
    if not content.exists():
        content.mkdir()
        for seed in SEEDS:
            shutil.copy(seed, content / seed.name)
    build(content, tmp / name)
    return tmp / name


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("export"), "output")


@pytest.fixture(scope="module")
def articles(site) -> list[dict]:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def actors(site) -> list[dict]:
    return json.loads((site / "data" / "actors.json").read_text(encoding="utf-8"))


def _iso_or_none(value) -> bool:
    if value is None:
        return True
    return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value


def test_articles_keys_and_types(articles):
    assert isinstance(articles, list) and len(articles) == len(SEEDS)
    assert [a["slug"] for a in articles] == sorted(a["slug"] for a in articles)
    assert sorted(a["source"] for a in articles) == [s.name for s in SEEDS]
    for a in articles:
        assert set(a) == ARTICLE_KEYS
        for key in ("source", "slug", "url", "title"):
            assert isinstance(a[key], str) and a[key]
        assert a["title_generated"] is True  # the seeds are .txt: no headline of their own
        assert _iso_or_none(a["date"]) and _iso_or_none(a["date_inferred"])
        assert a["date"] is None or a["date_inferred"] is None  # inferred only when undated
        assert a["event"] is None or isinstance(a["event"], str)
        # the seeds are .txt: a date line or nothing, no author, no original address
        assert a["date_source"] == ("date line" if a["date"] else None)
        assert a["author"] is None and a["source_url"] is None
        for key in ("actors", "topics", "related"):
            assert isinstance(a[key], list) and all(isinstance(x, str) for x in a[key])
        assert a["actors"] == sorted(set(a["actors"])) and a["topics"] == sorted(a["topics"])
        assert a["slug"] not in a["related"]
        assert a["outlet"] is None or isinstance(a["outlet"], str)
        assert isinstance(a["duplicates"], list)
        assert all(set(d) == DUPLICATE_KEYS for d in a["duplicates"])
        assert isinstance(a["quotes"], list)
        for q in a["quotes"]:
            assert set(q) == QUOTE_KEYS
            assert isinstance(q["start"], int) and isinstance(q["end"], int)
            assert q["kind"] in ("direct", "indirect")
            assert q["cue"] is None or isinstance(q["cue"], str)
            if q["speaker"] is not None:
                assert set(q["speaker"]) == SPEAKER_KEYS
                assert isinstance(q["speaker"]["name"], str)
    assert any(a["quotes"] for a in articles)


def test_mentions_slice_the_text_and_name_site_actors(articles, actors):
    actors = {a["id"] for a in actors}
    seen = 0
    for a in articles:
        with open(REPO / "content" / a["source"], encoding="utf-8", newline="") as fh:
            text = fh.read()
        starts = [(m["start"], m["end"]) for m in a["mentions"]]
        assert starts == sorted(starts)
        for m in a["mentions"]:
            assert set(m) == {"start", "end", "actor"} and m["actor"] in actors
            assert 0 <= m["start"] < m["end"] <= len(text)
            seen += 1
        # every actor of the article is named in it, but for the unnamed speakers that the
        # event's other reports identify
        via = {q["speaker"]["actor"] for q in a["quotes"] if q["identified_through_event"]}
        assert set(a["actors"]) - via <= {m["actor"] for m in a["mentions"]}
    assert seen > 50
    # Written out by hand: 004 names Bagheri Kani in full and by surname, both linked.
    (a004,) = [a for a in articles if a["source"].startswith("004")]
    with open(REPO / "content" / a004["source"], encoding="utf-8", newline="") as fh:
        text = fh.read()
    named = {text[m["start"]:m["end"]] for m in a004["mentions"]}
    assert {"Ali Bagheri Kani", "Bagheri Kani"} <= named


def test_dates_match_the_articles(articles):
    # Read off the seeds' date lines by hand; 000 has none, so it is undated.
    dates = {a["source"][:3]: a["date"] for a in articles}
    assert dates == {"000": None, "001": "2024-06-01", "002": "2024-02-14",
                     "003": "2022-08-28", "004": "2022-08-28"}


def test_offsets_slice_the_article_text(articles):
    for a in articles:
        # .txt articles: briefing_text is the file read as UTF-8 with newline=''.
        with open(REPO / "content" / a["source"], encoding="utf-8", newline="") as fh:
            text = fh.read()
        for q in a["quotes"]:
            assert 0 <= q["start"] < q["end"] <= len(text)
            assert text[q["start"]:q["end"]] == q["text"], (a["source"], q)
            sp = q["speaker"]
            if sp and sp["start"] is not None:
                assert 0 <= sp["start"] < sp["end"] <= len(text)
                assert text[sp["start"]:sp["end"]].strip()


def test_actor_ids_exist_and_agree(articles, actors):
    ids = {a["id"] for a in actors}
    slugs = {a["slug"] for a in articles}
    speakers = 0
    for a in articles:
        assert set(a["actors"]) <= ids
        assert set(a["related"]) <= slugs
        for q in a["quotes"]:
            if q["speaker"] and q["speaker"]["actor"] is not None:
                assert q["speaker"]["actor"] in ids, q
                speakers += 1
    assert speakers > 0
    for actor in actors:
        for slug in actor["articles"]:
            assert slug in slugs
            art = next(x for x in articles if x["slug"] == slug)
            assert actor["id"] in art["actors"], (actor["id"], slug)


def test_actors_keys_and_types(actors):
    assert isinstance(actors, list) and actors
    assert [a["id"] for a in actors] == sorted(a["id"] for a in actors)
    assert len({a["id"] for a in actors}) == len(actors)
    for a in actors:
        assert set(a) == ACTOR_KEYS
        assert a["kind"] in ("person", "organization", "place")
        assert isinstance(a["name"], str) and a["name"]
        assert a["aliases"] == sorted(set(a["aliases"]))
        assert a["articles"] == sorted(set(a["articles"])) and a["articles"]
        for role in a["roles"]:
            assert set(role) == {"role", "date"} and isinstance(role["role"], str)
            assert _iso_or_none(role["date"])
        assert a["url"] == f"actors/{a['id']}.html"


def test_urls_resolve(site, articles, actors):
    for record in [*articles, *actors]:
        assert not record["url"].startswith(("/", "http"))
        assert page_file(site, record["url"]).is_file(), record["url"]


def test_two_builds_are_byte_identical(site, tmp_path):
    again = _build(site.parent, "output-again")
    for name in ("articles.json", "actors.json"):
        assert (site / "data" / name).read_bytes() == (again / "data" / name).read_bytes()
    # And the pages and feeds (Pagefind's own index names differ between runs).
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and "pagefind" not in p.relative_to(root).parts}
    first, second = files(site), files(again)
    assert first.keys() == second.keys()
    differ = [k for k in first if first[k] != second[k]]
    assert not differ, differ[:10]


def test_export_is_utf8_not_ascii_escaped(site):
    raw = (site / "data" / "articles.json").read_text(encoding="utf-8")
    assert "\\u2019" not in raw and "’" in raw


def test_the_unnamed_iranian_minister_is_identified_through_the_event(articles):
    # Seed 000 never names the minister; 002, a report of the same meeting, names Hossein
    # Amir-Abdollahian as Iran's foreign minister: the reader of the story knows who it is.
    (a000,) = [a for a in articles if a["source"].startswith("000")]
    via = [q for q in a000["quotes"] if q["identified_through_event"]]
    assert {q["speaker"]["actor"] for q in via} >= {"hossein-amir-abdollahian"}
    very_well = [q for q in a000["quotes"] if q["text"] == "very well"]
    assert very_well and very_well[0]["speaker"]["actor"] == "hossein-amir-abdollahian"
    assert very_well[0]["identified_through_event"] is True
    # Elsewhere a speaker the article names is never marked so.
    assert not [q for a in articles if not a["source"].startswith("000")
                for q in a["quotes"] if q["identified_through_event"]]


def test_an_articles_own_title_is_kept_and_not_marked_generated(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(SEEDS[0], content / SEEDS[0].name)
    (content / "own.md").write_text(
        "Title: Ministers meet in Doha\nDate: 2024-02-14\n\nWASHINGTON (AP) — The ministers "
        "met on Tuesday to discuss the talks, officials said.\n", encoding="utf-8")
    build(content, tmp_path / "output")
    records = json.loads((tmp_path / "output" / "data" / "articles.json").read_text("utf-8"))
    by_source = {a["source"]: a for a in records}
    own, seed = by_source["own.md"], by_source[SEEDS[0].name]
    assert own["title"] == "Ministers meet in Doha" and own["title_generated"] is False
    assert seed["title_generated"] is True
    page = (tmp_path / "output" / own["url"] / "index.html").read_text(encoding="utf-8")
    assert "headline-note" not in page and "<h1>Ministers meet in Doha</h1>" in page
