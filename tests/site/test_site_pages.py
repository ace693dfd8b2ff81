"""The briefing site end to end: seeds and fixtures built into tmp_path, pages read as HTML.

Builds run in a fresh process (tests/support.py): Pelican's signals are global.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlparse

import pytest
import support
from briefing import cache as cache_mod
from briefing import pipeline
from briefing.records import Actor, Extraction, Mention, Quote, Speaker
from briefing.render import highlight as render
from briefing.render import jsonld
from support import REPO, build, page_file, soup

SEEDS = sorted((REPO / "content").glob("*.txt"))
FIXTURES = support.FIXTURES / "site"
ATOM = "{http://www.w3.org/2005/Atom}"
PAGES_URL = "https://user.github.io/repo"

# The people the seeds name, each under several spellings (one pattern per person).
SEED_PEOPLE = {
    "amir-abdollahian": r"amir.?abdollahian",
    "bagheri-kani": r"\bbagheri\b",
    "al-khulaifi": r"khulaifi|khalifi",
    "tamim": r"\btamim\b",
    "mohammed-bin-abdulrahman": r"abdulrahman",
}


def _copy(files, content: Path) -> Path:
    content.mkdir(parents=True, exist_ok=True)
    for f in files:
        shutil.copy(f, content / f.name)
    return content


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("seeds")
    build(_copy(SEEDS, tmp / "content"), tmp / "output")
    return tmp / "output"


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("seeds-pages")
    build(_copy(SEEDS, tmp / "content"), tmp / "output", "--siteurl", PAGES_URL)
    return tmp / "output"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("fixtures")
    files = sorted((FIXTURES / "lookalikes").glob("*.txt"))
    files += sorted((FIXTURES / "hostile").glob("*.txt"))
    build(_copy(files, tmp / "content"), tmp / "output")
    return tmp / "output"


def _data(output: Path, name: str):
    return json.loads((output / "data" / name).read_text(encoding="utf-8"))


def _by_source(output: Path) -> dict[str, dict]:
    return {a["source"]: a for a in _data(output, "articles.json")}


def _names(actor: dict) -> str:
    return " | ".join([actor["name"], *actor["aliases"]])


def _actors_matching(output: Path, pattern: str) -> list[dict]:
    return [a for a in _data(output, "actors.json")
            if a["kind"] == "person" and re.search(pattern, _names(a), re.IGNORECASE)]


def _page(output: Path, url: str):
    return soup(page_file(output, url))


# --- actors across the seeds ---------------------------------------------------------------

@pytest.mark.parametrize("person", sorted(SEED_PEOPLE))
def test_each_seed_person_is_exactly_one_actor(seed_site, person):
    found = _actors_matching(seed_site, SEED_PEOPLE[person])
    assert len(found) == 1, [_names(a) for a in found]
    assert page_file(seed_site, found[0]["url"]).exists()


@pytest.mark.parametrize("a, b", [
    ("tamim", "mohammed-bin-abdulrahman"),
    ("mohammed-bin-abdulrahman", "al-khulaifi"),
    ("bagheri-kani", "amir-abdollahian"),
])
def test_forbidden_merges_do_not_happen(seed_site, a, b):
    for actor in _data(seed_site, "actors.json"):
        names = _names(actor)
        both = re.search(SEED_PEOPLE[a], names, re.I) and re.search(SEED_PEOPLE[b], names, re.I)
        assert not both, names


def test_spellings_across_articles_meet_on_one_actor_page(seed_site):
    # "Amirabdollahian" (001) and "Amir-Abdollahian" (002, 004) are one person.
    (actor,) = _actors_matching(seed_site, SEED_PEOPLE["amir-abdollahian"])
    page = _page(seed_site, actor["url"])
    assert page.find("h1").get_text(strip=True) == actor["name"]
    linked = {a["href"].rstrip("/").rsplit("/", 1)[-1]
              for a in page.select(".actor-articles a")}
    assert linked == set(actor["articles"]) and len(linked) >= 2


# --- events ---------------------------------------------------------------------------------

def test_events_group_reports_of_the_same_meeting(seed_site):
    arts = _by_source(seed_site)
    event = {src[:3]: a["event"] for src, a in arts.items()}
    assert event["000"] and event["000"] == event["002"]
    assert event["003"] and event["003"] == event["004"]
    assert event["000"] != event["003"]
    assert event["001"] is None or event["001"] not in {event["000"], event["003"]}


def test_also_reported_in_links_the_other_report(seed_site):
    arts = _by_source(seed_site)
    for a, b in (("000", "002"), ("003", "004")):
        first = next(v for k, v in arts.items() if k.startswith(a))
        other = next(v for k, v in arts.items() if k.startswith(b))
        page = _page(seed_site, first["url"])
        section = page.select_one("section.same-event")
        assert section is not None, first["slug"]
        hrefs = [x["href"] for x in section.select("a")]
        assert f"/{other['url']}" in hrefs
        assert f"/events/{first['event']}.html" in hrefs


def test_undated_article_shows_undated_and_the_inferred_event_date(seed_site):
    arts = _by_source(seed_site)
    undated = next(v for k, v in arts.items() if k.startswith("000"))
    dated = next(v for k, v in arts.items() if k.startswith("002"))
    assert undated["date"] is None and undated["date_inferred"] == dated["date"]
    meta = _page(seed_site, undated["url"]).select_one("article header .meta")
    assert "Undated" in meta.get_text()
    inferred = meta.select_one(".inferred")
    assert inferred is not None and "inferred" in inferred.get_text()
    assert inferred.find("time")["datetime"] == dated["date"]
    assert meta.select_one("time.date") is None  # never shown as its own date


# --- quotes, anchors, speakers ----------------------------------------------------------------

def test_every_quote_speaker_links_to_a_real_actor_page(seed_site):
    checked = 0
    for art in _data(seed_site, "articles.json"):
        page = _page(seed_site, art["url"])
        for link in page.select(".key-quotes .attribution .actor-link"):
            target = page_file(seed_site, link["href"])
            assert target.exists(), link["href"]
            assert soup(target).find("h1").get_text(strip=True) == link.get_text(strip=True)
            checked += 1
        shown = {a["href"] for a in page.select(".key-quotes .actor-link")}
        for q in art["quotes"]:
            if q["speaker"] and q["speaker"]["actor"]:
                assert (seed_site / "actors" / f"{q['speaker']['actor']}.html").exists()
        assert shown <= {f"/actors/{q['speaker']['actor']}.html" for q in art["quotes"]
                         if q["speaker"] and q["speaker"]["actor"]}
    assert checked > 0


def test_quote_anchors_exist_and_highlight_the_quote(seed_site):
    marks = links = 0
    for art in _data(seed_site, "articles.json"):
        page = _page(seed_site, art["url"])
        body = page.select_one(".full-text .body")
        for i, q in enumerate(art["quotes"], 1):
            mark = body.find(id=f"q-{i}")
            assert mark is not None and mark.name == "mark", (art["slug"], i)
            assert "quote-hl" in mark["class"]
            pieces = body.select(f'mark.quote-hl[data-quote="{i}"]')
            shown = "".join(p.get_text() for p in pieces)
            assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", q["text"]), (art["slug"], i)
            marks += 1
        for link in page.select(".key-quotes a.quote-link"):
            assert link["href"].startswith("#q-") and body.find(id=link["href"][1:])
            links += 1
    assert marks == 91 and links > 20  # the seeds hold 91 quotes (the build report says so)


def test_actor_page_quotes_link_to_the_exact_anchor_in_date_order(seed_site):
    arts = {a["slug"]: a for a in _data(seed_site, "articles.json")}
    total = 0
    for actor in _data(seed_site, "actors.json"):
        page = _page(seed_site, actor["url"])
        dates = []
        for link in page.select(".actor-quotes a.quote-link"):
            path, _, anchor = link["href"].partition("#")
            slug = path.strip("/").split("/")[-1]
            assert anchor.startswith("q-")
            target = soup(page_file(seed_site, path))
            mark = target.find(id=anchor)
            assert mark is not None and mark.name == "mark"
            quote = arts[slug]["quotes"][int(anchor[2:]) - 1]
            assert quote["speaker"]["actor"] == actor["id"]
            art = arts[slug]
            dates.append(art["date"] or art["date_inferred"] or "")
            total += 1
        assert dates == sorted(dates), actor["id"]
    assert total > 0


def test_briefing_page_sections(seed_site):
    arts = _by_source(seed_site)
    art = next(v for k, v in arts.items() if k.startswith("004"))
    page = _page(seed_site, art["url"])
    assert len(page.find_all("h1")) == 1 and page.find("main") and page.find("article")
    assert page.select_one(".briefing-lead").get_text()
    who = {a["href"] for a in page.select(".whos-who .actor-link")}
    assert who == {f"/actors/{i}.html" for i in art["actors"]}
    topics = [a.get_text() for a in page.select(".topics .topic-link")]
    assert sorted(topics) == art["topics"] and topics
    for a in page.select(".topics .topic-link"):
        assert page_file(seed_site, a["href"]).exists()
    also = {a["href"] for a in page.select(".same-event .short-list a")}
    related = [a["href"] for a in page.select(".related a")]
    expected = [f"/briefings/{s}/" for s in art["related"]]
    assert related == [h for h in expected if h not in also]  # same-event reports shown once
    assert set(expected) <= set(related) | also


def test_index_pages_and_home(seed_site):
    actors = _data(seed_site, "actors.json")
    index = _page(seed_site, "actors")
    headings = [h.get_text(" ", strip=True) for h in index.select("h2")]
    assert any(h.startswith("People") for h in headings)
    listed = {a["href"] for a in index.select(".actor-index-list a")}
    assert listed == {f"/{a['url']}" for a in actors}
    home = soup(seed_site / "index.html")
    most = home.select(".home-actors .actor-link")
    assert most and all(page_file(seed_site, a["href"]).exists() for a in most)
    timeline = _page(seed_site, "timeline")
    sections = timeline.select("section.timeline-day")
    assert sections[-1].find("h2").get_text(strip=True) == "Undated" or all(
        a["date"] or a["date_inferred"] for a in _data(seed_site, "articles.json"))
    days = [s.find("time")["datetime"] for s in sections if s.find("time")]
    assert days == sorted(days, reverse=True)
    events = timeline.select(".timeline-event")
    assert len(events) == len({a["event"] for a in _data(seed_site, "articles.json")
                               if a["event"]})
    topics = _page(seed_site, "topics")
    assert topics.select(".topic-index-list a")


# --- look-alike names, overrides ------------------------------------------------------------

LOOKALIKES = [
    ("Mohammed bin Salman", "Mohammed bin Zayed"),
    ("Ali Larijani", "Sadeq Larijani"),
    ("Hamad bin Jassim", "Tamim bin Hamad"),
]


@pytest.mark.parametrize("a, b", LOOKALIKES, ids=lambda x: x.split()[0])
def test_lookalike_names_stay_different_people(fixture_site, a, b):
    found_a = _actors_matching(fixture_site, re.escape(a))
    found_b = _actors_matching(fixture_site, re.escape(b))
    assert found_a and found_b, (found_a, found_b)  # both were found at all
    assert {x["id"] for x in found_a}.isdisjoint(x["id"] for x in found_b)


def test_overrides_force_and_forbid_merges_through_a_real_build(tmp_path):
    content = _copy(SEEDS, tmp_path / "content")
    (content / "actors.yml").write_text(
        "same:\n"
        '  - ["Enrique Mora", "European Union"]\n'
        "different:\n"
        '  - ["Ali Bagheri", "Ali Bagheri Kani"]\n'
        "actors:\n"
        "  Tamim:\n"
        "    description: Emir of Qatar since 2013.\n",
        encoding="utf-8",
    )
    build(content, tmp_path / "out")
    actors = _data(tmp_path / "out", "actors.json")
    mora = [a for a in actors if re.search("Enrique Mora", _names(a))]
    eu = [a for a in actors if re.search("European Union", _names(a))]
    assert len(mora) == 1 and mora == eu  # forced together
    full = [a for a in actors if re.search(r"Bagheri Kani", _names(a))]
    short = [a for a in actors if re.search(r"^Ali Bagheri$", _names(a), re.M)
             or "Ali Bagheri" in [a["name"], *a["aliases"]]]
    assert full and short and {a["id"] for a in full}.isdisjoint(a["id"] for a in short)
    (tamim,) = [a for a in actors if re.search(r"\bTamim\b", _names(a))]
    page = _page(tmp_path / "out", tamim["url"])
    assert "Emir of Qatar since 2013." in page.select_one(".actor-description").get_text()


# --- feeds ----------------------------------------------------------------------------------

def _feeds(output: Path) -> list[Path]:
    return sorted((output / "feeds").rglob("*.atom.xml"))


def test_feeds_parse_with_absolute_links_under_pages(pages_site):
    feeds = _feeds(pages_site)
    assert (pages_site / "feeds" / "all.atom.xml") in feeds and len(feeds) > 3
    for feed in feeds:
        root = ET.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed"
        assert root.find(f"{ATOM}updated").text
        links = [link.get("href") for link in root.iter(f"{ATOM}link")]
        assert links
        for href in links:
            assert href.startswith(PAGES_URL + "/"), (feed, href)
            local = pages_site / href.removeprefix(PAGES_URL + "/")
            assert local.is_file() or (local / "index.html").is_file(), href
        for entry in root.iter(f"{ATOM}entry"):
            assert entry.find(f"{ATOM}updated").text[:4].isdigit()
            assert entry.find(f"{ATOM}id").text.startswith(PAGES_URL + "/")


def test_local_feeds_resolve_through_xml_base(seed_site):
    feeds, links = _feeds(seed_site), 0
    assert len(feeds) > 3
    for feed in feeds:
        root = ET.parse(feed).getroot()
        base = root.get("{http://www.w3.org/XML/1998/namespace}base")
        rel = feed.relative_to(seed_site).as_posix()
        feed_url = f"http://host/{rel}"
        for link in root.iter(f"{ATOM}link"):
            absolute = urljoin(urljoin(feed_url, base), link.get("href"))
            path = urlparse(absolute).path.lstrip("/")
            local = seed_site / path
            assert local.is_file() or (local / "index.html").is_file(), (feed, absolute)
            links += 1
        for entry_id in root.iter(f"{ATOM}id"):
            assert entry_id.text.startswith("tag:")
    assert links > len(feeds)


def test_feeds_never_invent_a_date(seed_site, fixture_site):
    arts = _by_source(seed_site)
    undated = next(v for k, v in arts.items() if k.startswith("000"))
    root = ET.parse(seed_site / "feeds" / "all.atom.xml").getroot()
    entries = {e.find(f"{ATOM}link").get("href"): e for e in root.iter(f"{ATOM}entry")}
    entry = entries[undated["url"]]
    assert entry.find(f"{ATOM}updated").text.startswith(undated["date_inferred"])
    assert "inferred" in entry.find(f"{ATOM}summary").text
    assert len(entries) == len(arts)
    # An undated article with no event has no date to give: it is left out.
    lonely = _by_source(fixture_site)["undated-no-event.txt"]
    assert lonely["date"] is None and lonely["date_inferred"] is None
    fixture_feed = (fixture_site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert lonely["url"] not in fixture_feed


def test_pages_link_their_feeds(seed_site):
    actor = _data(seed_site, "actors.json")[0]
    page = _page(seed_site, actor["url"])
    alt = page.find("link", rel="alternate", type="application/atom+xml")
    assert alt and (seed_site / alt["href"].lstrip("/")).is_file()
    home = soup(seed_site / "index.html")
    assert home.find("link", rel="alternate")["href"] == "/feeds/all.atom.xml"


def test_only_actors_in_two_dated_briefings_have_a_feed_and_co_actors(seed_site):
    """A one-briefing actor's feed would repeat one entry of the site feed, and its "most
    often seen with" list is that briefing's cast: neither is written, and no page links a
    feed that does not exist. Co-actors are those met in two briefings or more. The seeds
    have actors of both kinds."""
    dated = {a["slug"] for a in _data(seed_site, "articles.json")
             if a["date"] or a["date_inferred"]}
    kinds, co = set(), set()
    for actor in _data(seed_site, "actors.json"):
        page = _page(seed_site, actor["url"])
        feed = seed_site / "feeds" / "actors" / f"{actor['id']}.atom.xml"
        alt = page.find("link", rel="alternate", type="application/atom+xml")
        in_dated = sum(1 for slug in actor["articles"] if slug in dated)
        assert feed.is_file() == (in_dated >= 2) == (alt is not None), actor["id"]
        listed = page.find(class_="co-actors") is not None
        assert listed <= (len(actor["articles"]) > 1), actor["id"]
        for li in page.select(".co-actor-list li"):
            assert not li.select_one(".meta").get_text().startswith("1 "), actor["id"]
        kinds.add(in_dated >= 2)
        co.add(listed)
    assert kinds == {True, False} and co == {True, False}


# --- JSON-LD --------------------------------------------------------------------------------

def _jsonld(page) -> list[dict]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def test_jsonld_on_briefings_and_actors(seed_site):
    articles, actors, quotations_checked = _data(seed_site, "articles.json"), 0, 0
    assert len(articles) == 5
    for art in articles:
        (data,) = _jsonld(_page(seed_site, art["url"]))
        assert data["@type"] == "NewsArticle" and data["headline"] == art["title"]
        assert data.get("datePublished") == art["date"]  # absent when undated
        quotations = data.get("hasPart", [])
        assert len(quotations) == len(art["quotes"])
        # Actors are written once, in mentions; a quotation refers to one by its @id.
        nodes = {node["@id"]: node for node in data.get("mentions", [])}
        assert all(node["url"] == node_id for node_id, node in nodes.items())
        for item, q in zip(quotations, art["quotes"], strict=True):
            assert item["@type"] == "Quotation" and item["text"] == q["text"]
            if q["speaker"] and q["speaker"]["actor"]:
                node = nodes[item["creator"]["@id"]]
                assert node["url"] == f"/actors/{q['speaker']['actor']}.html"
                assert (item.get("spokenByCharacter") == item["creator"]) == (
                    node["@type"] == "Person")
            quotations_checked += 1
    kinds = {"person": "Person", "organization": "Organization", "place": "Place"}
    for actor in _data(seed_site, "actors.json"):
        (data,) = _jsonld(_page(seed_site, actor["url"]))
        assert data["@type"] == kinds[actor["kind"]] and data["name"] == actor["name"]
        assert data["@id"] == f"/{actor['url']}"
        actors += 1
    assert quotations_checked == 91 and actors > 10


def test_script_in_article_text_cannot_break_out(fixture_site):
    art = _by_source(fixture_site)["script-in-quote.txt"]
    raw = (fixture_site / art["url"] / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in raw  # shown, as text
    page = soup(fixture_site / art["url"] / "index.html")
    (data,) = _jsonld(page)
    assert any("</script><script>alert(1)</script>" in q["text"] for q in data["hasPart"])
    scripts = page.find_all("script")
    assert all("alert(1)" not in (s.string or "") or s["type"] == "application/ld+json"
               for s in scripts)


def test_jsonld_dumps_escapes_markup():
    text = jsonld.dumps({"t": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028"}


# --- failures, cache, rendering -------------------------------------------------------------

def _settings_with(tmp_path: Path, extra: str) -> Path:
    conf = (REPO / "pelican.conf.py").read_text(encoding="utf-8")
    conf = conf.replace("HERE = Path(__file__).resolve().parent", f"HERE = Path({str(REPO)!r})")
    target = tmp_path / "settings.py"
    target.write_text(conf + "\n" + extra + "\n", encoding="utf-8")
    return target


def test_without_the_model_articles_still_get_pages(tmp_path):
    content = _copy(SEEDS[:2], tmp_path / "content")
    settings = _settings_with(
        tmp_path, f'BRIEFING_MODEL = "no_such_model"\nCACHE_PATH = {str(tmp_path / "c")!r}'
    )
    proc = build(content, tmp_path / "out", "--settings", str(settings), check=False)
    log = proc.stdout + proc.stderr
    assert "Traceback" not in log
    for seed in SEEDS[:2]:
        assert seed.name in log and "no_such_model" in log
    assert len(list((tmp_path / "out" / "briefings").glob("*/index.html"))) == 2
    arts = _data(tmp_path / "out", "articles.json")
    assert all(a["quotes"] == [] for a in arts)


def test_one_failing_extraction_spares_the_others(tmp_path, monkeypatch, caplog):
    import briefing.extract.article as extract_mod

    real = extract_mod.extract_many

    def flaky(items, **kwargs):
        for path, text in items:
            if path == "bad.txt":
                raise ValueError("parser exploded")
            yield from real([(path, text)], **kwargs)

    monkeypatch.setattr(extract_mod, "extract_many", flaky)
    texts = {"good.txt": "“We will talk again,” the minister said.",
             "bad.txt": "Something that breaks the parser."}
    arts = [SimpleNamespace(slug=p[:-4], relative_source_path=p, briefing_text=t)
            for p, t in texts.items()]
    with caplog.at_level(logging.WARNING):
        out = pipeline._extract(arts, {"CACHE_PATH": str(tmp_path)})
    assert set(out) == {"good"}
    assert any("bad.txt" in r.getMessage() and "parser exploded" in r.getMessage()
               for r in caplog.records)


def test_changed_topic_vocabulary_is_not_served_from_the_cache(tmp_path):
    text = "The ministers discussed the wheat harvest and grain exports on Monday."
    arts = [SimpleNamespace(slug="a", relative_source_path="a.txt", briefing_text=text)]
    cache = str(tmp_path / "cache")
    trade, farming = {"Trade": ["exports"]}, {"Farming": ["wheat"]}
    first = pipeline._extract(arts, {"CACHE_PATH": cache, "BRIEFING_TOPICS": trade})
    second = pipeline._extract(arts, {"CACHE_PATH": cache, "BRIEFING_TOPICS": farming})
    assert "Trade" in first["a"].topics and "Farming" not in first["a"].topics
    assert "Farming" in second["a"].topics and "Trade" not in second["a"].topics


def _extraction() -> Extraction:
    return Extraction(
        path="a.txt", title="T", date="2024-01-02",
        quotes=[Quote("hi", 1, 3, "direct", "said", Speaker("Ann", 5, 8, "ann"), 9, 13)],
        actors=[Actor("ann", "Ann Lee", "person", ["Ann"], ["minister"],
                      [Mention(5, 8, "Ann")], ["Iran"])],
        topics=["Trade"], body_start=0, warnings=["w"],
    )


def test_cache_round_trip_and_corrupt_entries(tmp_path, caplog):
    cache = cache_mod.ExtractionCache(tmp_path, "model-a")
    ex = _extraction()
    assert cache.get("text", "a.txt") is None
    cache.put("text", ex)
    again = cache.get("text", "b.txt")
    assert again is not None and again.path == "b.txt"
    again.path = "a.txt"
    assert again == ex
    assert cache_mod.ExtractionCache(tmp_path, "model-b").get("text", "a.txt") is None
    assert cache.get("other text", "a.txt") is None
    (entry,) = tmp_path.rglob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert cache.get("text", "a.txt") is None
    assert any("corrupt" in r.getMessage() and "a.txt" in r.getMessage()
               for r in caplog.records)


def test_body_html_marks_nested_crossing_and_multi_paragraph_quotes():
    text = "Alpha said “one two” here.\n\nBeta went on: three four."
    paras = [(0, 26), (28, len(text))]
    quotes = [
        Quote("“one two” here.\n\nBeta", 11, 32, "indirect"),  # crosses paragraphs
        Quote("one two", 12, 19, "direct"),  # nested inside the first
        Quote("ta went on: three", 30, 47, "direct"),  # crosses the first one's end
    ]
    html = render.body_html(text, paras, quotes)
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(html, "html.parser")
    assert [p.get_text() for p in doc.find_all("p")] == [text[s:e] for s, e in paras]
    for i, q in enumerate(quotes, 1):
        assert doc.find(id=f"q-{i}").name == "mark"
        assert len(doc.find_all(id=f"q-{i}")) == 1
        pieces = "".join(m.get_text() for m in doc.select(f'mark[data-quote="{i}"]'))
        assert re.sub(r"\s", "", pieces) == re.sub(r"\s", "", q.text)
    assert len(doc.select('mark[data-quote="1"]')) == 2  # one mark per paragraph
    assert doc.find(id="q-2").find_parent("mark")["data-quote"] == "1"
    assert len(doc.select('mark[data-quote="3"]')) == 2  # split where the first one ends
    escaped = render.body_html("a <b> & c", [(0, 9)], [Quote("<b>", 2, 5, "direct")])
    assert "&lt;b&gt;" in escaped and "<b>" not in escaped


def test_mark_html_keeps_markdown_formatting():
    from bs4 import BeautifulSoup

    html = "<p>He said <em>“we will</em> <a href='x'>return</a>.”</p>\n<p>Then left.</p>"
    text = "He said “we will return.”\n\nThen left."
    s = text.index("we")
    quotes = [Quote("we will return", s, s + len("we will return"), "direct")]
    out = render.mark_html(html, text, quotes)
    doc = BeautifulSoup(out, "html.parser")
    assert doc.find("em") and doc.find("a", href="x")  # formatting kept
    assert doc.find(id="q-1").name == "mark" and len(doc.find_all(id="q-1")) == 1
    pieces = "".join(m.get_text() for m in doc.select('mark[data-quote="1"]'))
    assert pieces.replace(" ", "") == "wewillreturn"
    assert render.mark_html("<p>Other words</p>", text, quotes) is None  # no alignment



def test_a_linking_failure_is_an_error_not_a_traceback(tmp_path, monkeypatch, caplog):
    import briefing.link as linking_mod

    real = linking_mod.link

    def broken(inputs, **kwargs):
        if inputs:
            raise RuntimeError("clustering exploded")
        return real(inputs, **kwargs)

    monkeypatch.setattr(linking_mod, "link", broken)
    text = "“We will talk again,” the minister said."
    art = SimpleNamespace(slug="a", relative_source_path="a.txt", briefing_text=text,
                          undated=True, title="T", title_generated=False,
                          source_path=str(tmp_path / "a.txt"), content="", url="briefings/a/")
    with caplog.at_level(logging.ERROR):
        result = pipeline.run([art], {"CACHE_PATH": str(tmp_path)})
    assert result.actors == {}
    assert any("clustering exploded" in r.getMessage() and r.levelno == logging.ERROR
               for r in caplog.records)


def test_a_speaker_identified_through_the_event_is_shown_as_such(seed_site):
    art = next(v for k, v in _by_source(seed_site).items() if k.startswith("000"))
    page = _page(seed_site, art["url"])
    notes = page.select(".key-quotes .identified-via-event")
    assert notes, "no quote marked as identified through the event"
    for note in notes:
        assert "identified from the other reports of this event" in note.get_text()
        assert "Iranian minister" in note.get_text() or "Qatari emir" in note.get_text()
        link = note.find_previous_sibling("a", class_="actor-link")
        assert link is not None and link["href"].startswith("/actors/")
    hossein = _page(seed_site, "actors/hossein-amir-abdollahian.html")
    assert [a for a in hossein.select(".actor-quotes a.quote-link")
            if art["url"].strip("/") in a["href"]], "his quotes in 000 are not on his page"


def test_names_in_the_full_text_link_to_their_actor_pages(seed_site):
    art = next(v for k, v in _by_source(seed_site).items() if k.startswith("004"))
    body = _page(seed_site, art["url"]).select_one(".full-text .body")
    links = body.select("a.name-link")
    shown = {(a.get_text(), a["href"]) for a in links}
    # written out by hand: 004 names him in full and by his family name
    assert ("Ali Bagheri Kani", "/actors/ali-bagheri-kani.html") in shown
    assert ("Bagheri Kani", "/actors/ali-bagheri-kani.html") in shown
    for a in links:
        assert page_file(seed_site, a["href"]).is_file(), a["href"]
    assert not [a for a in links if a.get_text().lower() in ("he", "she", "they", "his")]


def test_a_name_crossing_a_quote_edge_is_not_linked_and_the_quote_stays_whole():
    text = "Ana Reyes said “Reyes will win” today."
    quotes = [Quote("Reyes will win", 16, 30, "direct")]
    links = [(0, 9, "/actors/ana-reyes/"), (16, 21, "/actors/ana-reyes/"),
             (12, 18, "/actors/x/")]  # the last crosses the quote's start
    html = render.body_html(text, [(0, len(text))], quotes, links)
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(html, "html.parser")
    assert [a.get_text() for a in doc.select("a.name-link")] == ["Ana Reyes", "Reyes"]
    assert doc.select_one("mark#q-1").get_text() == "Reyes will win"
    assert doc.select_one("mark#q-1 a.name-link").get_text() == "Reyes"
    assert doc.get_text() == text


def test_a_name_inside_the_authors_link_is_not_linked_again():
    text = "Ana Reyes spoke."
    html = render.mark_html('<p><a href="https://example.org/"><em>Ana Reyes</em></a> spoke.</p>',
                            text, [], [(0, 9, "/actors/ana-reyes/")])
    from bs4 import BeautifulSoup

    doc = BeautifulSoup(html, "html.parser")
    assert not doc.select("a a") and not doc.select("a.name-link")
    plain = render.mark_html("<p>Ana Reyes spoke.</p>", text, [], [(0, 9, "/actors/ana-reyes/")])
    assert BeautifulSoup(plain, "html.parser").select_one("a.name-link").get_text() == "Ana Reyes"


# --- headlines, key quotes and "In brief" ------------------------------------------------------

def test_a_generated_headline_is_marked_discreetly(seed_site):
    for art in _data(seed_site, "articles.json"):
        page = _page(seed_site, art["url"])
        h1 = page.find("h1").get_text(strip=True)
        assert h1 == art["title"] and art["title_generated"] is True
        note = page.select_one("article header .headline-note")
        assert note is not None and "Headline written by Briefing" in note.get_text()
        assert note.find(attrs={"title": True})["title"]  # says how, on hover
        # and in words for a screen reader, not only in the title attribute
        assert "no headline of its own" in note.select_one(".visually-hidden").get_text()
    seed = next(v for k, v in _by_source(seed_site).items() if k.startswith("004"))
    assert seed["title"] == "Iran’s Ali Bagheri Kani meets Qatar’s Mohammad bin Abdul Aziz " \
        "al-Khulaifi"


def test_seed_000s_first_key_quote_is_what_a_named_speaker_said(seed_site):
    art = next(v for k, v in _by_source(seed_site).items() if k.startswith("000"))
    page = _page(seed_site, art["url"])
    items = page.select(".key-quotes > ol > li.quote-item")
    assert items, "no key quotes"
    first = items[0]
    assert "direct" in first["class"]
    assert first.select_one(".quote").get_text(strip=True) in (
        "have never been so close", "very well")
    assert first.select_one(".attribution .actor-link") is not None  # a named speaker
    listed = [li.select_one(".quote").get_text(strip=True) for li in
              page.select(".key-quotes li.quote-item")]
    # a bare noun phrase reported is no key quote, but it stays highlighted in the full text
    assert "the Palestinian issue" not in listed
    marks = {m.get_text() for m in page.select(".full-text mark.quote-hl")}
    assert "the Palestinian issue" in marks
    # direct quotes by named people first, then reported claims
    kinds = ["direct" if "direct" in li["class"] else "indirect" for li in
             page.select(".key-quotes li.quote-item")]
    assert kinds == sorted(kinds, key=lambda k: k != "direct")


def test_in_brief_follows_the_lead_with_who_what_and_the_key_quote(seed_site):
    exported = {a["url"]: a for a in _data(seed_site, "articles.json")}
    actors = {a["id"]: a for a in _data(seed_site, "actors.json")}
    for url, art in exported.items():
        page = _page(seed_site, url)
        brief = page.select_one("section.in-brief")
        assert brief is not None, url
        lead = page.select_one(".briefing-lead")
        assert lead is not None and lead.find_next_sibling("section") is brief
        rows = {div.find("dt").get_text(strip=True): div.find("dd")
                for div in brief.select("dl > div")}
        assert list(rows) == ["Who", "What", "Key quote"], url
        # who: the principal actors, linked, each one this article's actor
        who = rows["Who"].select("a.actor-link")
        assert 1 <= len(who) <= 3
        for link in who:
            actor_id = link["href"].strip("/").split("/")[-1].removesuffix(".html")
            assert actor_id in art["actors"] and actors[actor_id]["kind"] != "place"
        # what: the headline the lead makes
        assert rows["What"].get_text(strip=True) == art["title"]
        # the key quote: the first of the key quotes, linked to its words in the full text
        first = page.select_one(".key-quotes li.quote-item .quote-link")
        quote = rows["Key quote"].select_one("a.quote-link")
        assert quote["href"] == first["href"]
        assert quote.get_text(strip=True).strip("“”") == first.get_text(strip=True)
        assert page.select_one(".full-text").find(id=quote["href"][1:]) is not None
    art = next(v for k, v in _by_source(seed_site).items() if k.startswith("004"))
    who = _page(seed_site, art["url"]).select_one(".in-brief-who dd").get_text(" ", strip=True)
    assert who.startswith("Ali Bagheri Kani (Deputy Foreign Minister for Political Affairs)")
