"""Feed writing on its own: what a feed holds, from plain article objects."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from briefing.render import feeds

ATOM = "{http://www.w3.org/2005/Atom}"


def _article(day: int, slug: str, undated: bool = False) -> SimpleNamespace:
    return SimpleNamespace(
        date=dt.datetime(2024, 3, day), undated=undated, date_inferred=None, slug=slug,
        title=f"Story {slug}", url=f"briefings/{slug}/", briefing_lead="A lead.",
        briefing_topics=[],
    )


@pytest.mark.parametrize(("limit", "expected"), [
    (2, ["d", "c"]),
    (None, ["d", "c", "b", "a"]),  # Pelican's "no limit"
    ("", ["d", "c", "b", "a"]),
])
def test_a_feed_holds_the_newest_feed_max_items(tmp_path, limit, expected):
    # Dates out of order, and an undated article (never in a feed, whatever the limit).
    articles = [_article(3, "c"), _article(1, "a"), _article(4, "d"), _article(2, "b"),
                _article(5, "undated", undated=True)]
    feeds._write("feeds/all.atom.xml", "Site", "", articles,
                 {"SITEURL": "", "FEED_MAX_ITEMS": limit}, str(tmp_path))
    root = ET.parse(tmp_path / "feeds" / "all.atom.xml").getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]
    assert links == [f"briefings/{slug}/" for slug in expected]
    # The feed's own date is its newest entry's, whatever was cut.
    assert root.find(f"{ATOM}updated").text.startswith("2024-03-04")
