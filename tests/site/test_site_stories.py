"""Story (event) pages, the events index, the home page and data/events.json, end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import REPO, build, soup

SEEDS = sorted((REPO / "content").glob("*.txt"))

# One wire story as two outlets ran it: each rewrote the copy (so it is no near-duplicate
# to fold) but both carried the minister's words, and only the second quoted the envoy.
REPORT_A = """\
Title: Norway and Chile sign a fisheries pact in Oslo
Date: 2023-05-03
Outlet: Northern Wire

Norwegian Fisheries Minister Bjørnar Skjæran and Chilean Economy Minister Nicolás Grau
signed a fisheries agreement in Oslo on Wednesday, ending two years of talks.

"This agreement protects our fishermen and our oceans for a generation," Skjæran told
reporters after the signing ceremony in Oslo.

Grau said the fisheries deal would open Norwegian markets to Chilean salmon farmers and
bring new research vessels to the southern coast of Chile.

The agreement still needs the approval of both parliaments, officials in Oslo said.
"""

REPORT_B = """\
Title: Chile and Norway seal fisheries deal after two years of talks
Date: 2023-05-04
Outlet: Southern Herald

Chile and Norway have sealed a long-awaited fisheries agreement in Oslo, where Chilean
Economy Minister Nicolás Grau and Norwegian Fisheries Minister Bjørnar Skjæran met.

"This agreement protects our fishermen and our oceans for a generation," said Skjæran, who
led the Norwegian side of the fisheries talks.

Grau called the Oslo agreement a turning point for Chilean salmon farmers.

"We waited two years for this, and it was worth every day," said Chilean envoy Marta
Larraín, who negotiated the fisheries deal for Santiago.
"""


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("stories-seeds")
    content = tmp / "content"
    content.mkdir()
    for f in SEEDS:
        shutil.copy(f, content / f.name)
    build(content, tmp / "output")
    return tmp / "output"


@pytest.fixture(scope="module")
def wire_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("stories-wire")
    content = tmp / "content"
    content.mkdir()
    (content / "northern-wire.md").write_text(REPORT_A, encoding="utf-8")
    (content / "southern-herald.md").write_text(REPORT_B, encoding="utf-8")
    build(content, tmp / "output")
    return tmp / "output"


def _events(site: Path) -> list[dict]:
    return json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))


def _articles(site: Path) -> dict[str, dict]:
    records = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    return {a["source"]: a for a in records}


def test_one_quote_two_outlets_is_one_item_with_both_and_the_first(wire_site):
    arts = _articles(wire_site)
    a, b = arts["northern-wire.md"], arts["southern-herald.md"]
    assert a["event"] and a["event"] == b["event"], "the two reports are one story"
    (event,) = _events(wire_site)
    assert event["articles"] == [a["slug"], b["slug"]]  # first published first
    shared = [q for q in event["quotes"] if "protects our fishermen" in q["text"]]
    assert len(shared) == 1
    assert [x["slug"] for x in shared[0]["articles"]] == [a["slug"], b["slug"]]
    for x in shared[0]["articles"]:  # each points at that article's own quote
        quote = arts["northern-wire.md" if x["slug"] == a["slug"] else "southern-herald.md"][
            "quotes"][x["quote_index"]]
        assert "protects our fishermen" in quote["text"]

    page = soup(wire_site / "events" / f"{event['id']}.html")
    items = [li for li in page.select("li.story-quote")
             if "protects our fishermen" in li.select_one("blockquote").get_text()]
    assert len(items) == 1, "the quote both outlets carried is listed once"
    links = items[0].select("a.carried")
    assert [x.get_text(strip=True) for x in links] == ["Northern Wire", "Southern Herald"]
    assert [x["href"].split("#")[0] for x in links] == [f"/{a['url']}", f"/{b['url']}"]
    assert all(x["href"].split("#")[1].startswith("q-") for x in links)
    assert items[0].select_one(".first-published").find_previous("a").get_text() == \
        "Northern Wire"
    # What only the second outlet carried: the envoy's words.
    only = {div.select_one("h3").get_text(strip=True): div.get_text(" ", strip=True)
            for div in page.select("section[aria-labelledby=only-heading] .only-report")}
    assert "worth every day" in only["Southern Herald"]
    assert "Marta Larraín" in only["Southern Herald"]  # a name no other report gives
    assert "worth every day" not in only.get("Northern Wire", "")
    # The reports, first published first, with their outlets.
    reports = [li.get_text(" ", strip=True) for li in page.select(".report-list li")]
    assert "Northern Wire" in reports[0] and "Southern Herald" in reports[1]


def test_events_index_page_lists_every_story(seed_site, wire_site):
    for site in (seed_site, wire_site):
        page = soup(site / "events" / "index.html")
        hrefs = {a["href"] for a in page.select("a.story-link")}
        assert hrefs == {f"/events/{e['id']}.html" for e in _events(site)}
        assert page.select_one("h1").get_text() == "Stories"


def test_home_page_leads_with_stories(seed_site):
    page = soup(seed_site / "index.html")
    items = page.select(".home-latest .article-list > li")
    events = _events(seed_site)
    arts = _articles(seed_site)
    lone = [a for a in arts.values() if not a["event"]]
    assert len(items) == len(events) + len(lone)  # each story once
    story_links = [li.select_one("a.article-link")["href"] for li in items
                   if "story-item" in li.get("class", [])]
    assert sorted(story_links) == sorted(f"/events/{e['id']}.html" for e in events)
    # Newest first: 001 alone (June 2024), the Tehran-Doha story (February 2024), then
    # the Bagheri Kani meeting (August 2022).
    by_prefix = {src[:3]: a for src, a in arts.items()}
    expected = [f"/{by_prefix['001']['url']}", f"/events/{by_prefix['000']['event']}.html",
                f"/events/{by_prefix['003']['event']}.html"]
    assert [li.select_one("a.article-link")["href"] for li in items] == expected
    # A story names its outlets' reports; seeds give no outlet, so their headlines.
    story = items[1].select(".meta a")
    assert {a["href"] for a in story} == {f"/{by_prefix['000']['url']}",
                                          f"/{by_prefix['002']['url']}"}


def test_seed_event_page_shows_both_reports_speakers(seed_site):
    arts = _articles(seed_site)
    by_prefix = {src[:3]: a for src, a in arts.items()}
    event_id = by_prefix["000"]["event"]
    assert event_id and event_id == by_prefix["002"]["event"]
    page = soup(seed_site / "events" / f"{event_id}.html")
    speakers = [h.get_text(strip=True) for h in page.select("h3.story-speaker")]
    assert "Hossein Amir-Abdollahian" in speakers
    assert "Tamim bin Hamad Al Thani" in speakers
    # Quotes from both reports are on the page, each linking to its article's anchor.
    hrefs = {a["href"].split("#")[0] for a in page.select("a.carried")}
    assert hrefs == {f"/{by_prefix['000']['url']}", f"/{by_prefix['002']['url']}"}
    (record,) = [e for e in _events(seed_site) if e["id"] == event_id]
    said = {q["speaker"] for q in record["quotes"]}
    assert {"hossein-amir-abdollahian", "tamim-bin-hamad-al-thani"} <= said
    for q in record["quotes"]:  # every listed source is a real quote of that article
        for x in q["articles"]:
            art = next(a for a in arts.values() if a["slug"] == x["slug"])
            assert x["quote_index"] < len(art["quotes"])
