"""Search on a realistic site: the 84 PolNeAR dev articles as Markdown with Title, Date and
Outlet metadata (converted into tmp_path by briefing.polnear_site; never into the repo).
"""

from __future__ import annotations

import json
import re

import pytest
from support import goto

from browser.search_ui import result_count, search, tick_filter, wait_for_status

pytestmark = [pytest.mark.browser, pytest.mark.corpus]


@pytest.fixture(scope="module")
def export(polnear_site):
    articles = json.loads((polnear_site / "data" / "articles.json").read_text(encoding="utf-8"))
    actors = json.loads((polnear_site / "data" / "actors.json").read_text(encoding="utf-8"))
    return articles, {a["id"]: a for a in actors}


def _quotes(articles, actors, n: int):
    """The first n attributed direct quotes of 10+ words, in slug order (deterministic)."""
    out = []
    for art in articles:
        for i, q in enumerate(art["quotes"]):
            speaker = (q.get("speaker") or {}).get("actor")
            if q["kind"] == "direct" and len(q["text"].split()) >= 10 and speaker in actors:
                out.append((art, i, q))
                break
        if len(out) == n:
            break
    return out


def test_headline_finds_its_briefing_first(page, polnear_server, export):
    articles, _ = export
    for art in articles[::20]:
        found = search(page, polnear_server.base_url, art["title"])
        assert found[0]["href"].split("#")[0] == f"/{art['url']}", (art["title"], found[:3])


def test_quote_words_lead_to_the_quote(page, polnear_server, export):
    articles, actors = export
    samples = _quotes(articles, actors, 6)
    assert len(samples) == 6
    for art, _i, quote in samples:
        words = " ".join(quote["text"].split()[:12])
        found = search(page, polnear_server.base_url, words)
        hrefs = [r["href"] for r in found]
        mine = [h for h in hrefs if h.startswith(f"/{art['url']}#q-")]
        assert mine, (words, hrefs)
        # Indexed once, in its briefing: the speaker's page is found by their names.
        speaker = actors[quote["speaker"]["actor"]]
        assert f"/{speaker['url']}" not in hrefs, (words, speaker["id"])
        # Following the link lands on an anchor holding the searched words.
        goto(page, polnear_server.base_url + mine[0])
        anchor = mine[0].rsplit("#", 1)[1]
        text = " ".join(page.locator(f"[id='{anchor}']").inner_text().split())
        assert words.split()[3] in text, (anchor, text[:120], words)


def test_actor_name_finds_actor_page_first(page, polnear_server, export):
    _, actors = export
    people = sorted(
        (a for a in actors.values()
         if a["kind"] == "person" and len(a["articles"]) >= 3 and len(a["name"].split()) >= 2),
        key=lambda a: (-len(a["articles"]), a["id"]),
    )[:4]
    # The fewest briefings an actor can have and still have an indexed page.
    people += sorted(
        (a for a in actors.values()
         if a["kind"] == "person" and len(a["articles"]) == 2 and len(a["name"].split()) >= 2),
        key=lambda a: a["id"],
    )[:2]
    assert len(people) > 4
    for actor in people:
        found = search(page, polnear_server.base_url, actor["name"])
        assert found[0]["href"] == f"/{actor['url']}", (actor["name"], found[:3])


def test_outlet_and_year_filters_narrow(page, polnear_server):
    search(page, polnear_server.base_url, "Clinton")
    before = result_count(page)
    tick_filter(page, "Outlet", "Breitbart")
    wait_for_status(page, "Breitbart")
    after = result_count(page)
    assert 0 < after < before
    for item in page.locator(".search-result").all():
        assert "Breitbart" in item.locator(".result-meta").inner_text()
    tick_filter(page, "Year", "2016")
    wait_for_status(page, "2016")
    narrowed = result_count(page)
    assert 0 < narrowed <= after
    for item in page.locator(".search-result").all():
        assert re.search(r"\b2016\b", item.locator(".result-meta").inner_text())
