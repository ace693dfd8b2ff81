"""Atom feeds: the whole site, each actor and each topic.

Atom needs a date on every entry and Briefing never invents one: an undated article is in
the feeds only when the event it reports gives it an inferred date (its summary says so);
an undated article with no event is left out of every feed.

Atom also wants absolute links. With ``SITEURL`` set (a Pages build) every link is absolute.
A local build has no address yet (``SITEURL = ""``), so the feed carries an ``xml:base``
pointing from the feed file back to the site root (``../`` or ``../../``) and site-relative
links: feed readers resolve them against wherever the feed was fetched from. Feed and entry
ids are then ``tag:`` URIs, which stay valid without a host.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
from pathlib import Path

from feedgenerator import Atom1Feed

from ..settings import get as setting
from . import urls

logger = logging.getLogger(__name__)

ALL = "feeds/all.atom.xml"
ACTOR = "feeds/actors/{id}.atom.xml"
TOPIC = "feeds/topics/{slug}.atom.xml"
TAG_AUTHORITY = "briefing.invalid,2024"  # tag: ids for local builds (RFC 4151)


class _Atom(Atom1Feed):
    """Atom with an optional xml:base and a deterministic ``updated``."""

    def __init__(self, *args, xml_base: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.xml_base = xml_base

    def root_attributes(self):
        attrs = super().root_attributes()
        if self.xml_base:
            attrs["xml:base"] = self.xml_base
        return attrs

    def latest_post_date(self):
        # Never "now": the newest entry's date (feeds are only written with entries).
        return max(item["pubdate"] for item in self.items)


def entry_date(article) -> tuple[dt.datetime | None, bool]:
    """(date for the feed, inferred?); None when the article has no date to give."""
    if not getattr(article, "undated", False):
        date = article.date
        return (date if date.tzinfo else date.replace(tzinfo=dt.UTC)), False
    inferred = getattr(article, "date_inferred", None)
    if inferred:
        day = dt.date.fromisoformat(inferred)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), True
    return None, False


def _feedable(articles) -> list:
    return [a for a in articles if entry_date(a)[0] is not None]


def plan(site, min_articles: int = 1) -> dict:
    """{("all", None) | ("actor", id) | ("topic", slug): feed path} for feeds with entries.

    An actor or topic has a feed of its own with at least ``min_articles`` entries
    (``BRIEFING_FEED_MIN_ARTICLES``). Computed before any page is written, so every page can
    link the feeds that exist.
    """
    out: dict = {}
    least = max(1, min_articles)
    if _feedable(site.articles):
        out[("all", None)] = ALL
    for view in site.actors.values():
        if len(_feedable(view.articles)) >= least:
            out[("actor", view.id)] = ACTOR.format(id=view.id)
    for topic in site.topics.values():
        if len(_feedable(topic.articles)) >= least:
            out[("topic", topic.slug)] = TOPIC.format(slug=topic.slug)
    return out


def _write(path: str, title: str, page: str, articles, settings: dict, output: str) -> None:
    siteurl = settings.get("SITEURL", "").rstrip("/")
    if siteurl:
        def url(p: str) -> str:
            return f"{siteurl}/{p}"

        def ident(p: str) -> str:
            return f"{siteurl}/{p}"
        base = None
    else:
        def url(p: str) -> str:
            return p or "./"

        def ident(p: str) -> str:
            return f"tag:{TAG_AUTHORITY}:{p}"
        base = "../" * path.count("/")
    feed = _Atom(
        title=title,
        link=url(page),
        description=settings.get("SITESUBTITLE") or "",
        language=settings.get("DEFAULT_LANG"),
        author_name=settings.get("SITENAME"),
        feed_url=url(path),
        feed_guid=ident(path),
        xml_base=base,
    )
    items = []
    for article in articles:
        date, inferred = entry_date(article)
        if date is None:
            continue
        items.append((date, article.slug, article, inferred))
    items.sort(key=lambda t: (t[0], t[1]), reverse=True)
    # Pelican's FEED_MAX_ITEMS (100 by default; empty for all): readers poll for what is new.
    limit = settings.get("FEED_MAX_ITEMS")
    if limit:
        items = items[: int(limit)]
    for date, _, article, inferred in items:
        summary = html.escape(getattr(article, "briefing_lead", "") or "")
        if inferred:
            note = (f"Undated article; {date.strftime('%Y-%m-%d')} is the date of the event "
                    "it reports (inferred), not a publication date.")
            summary = f"<p><em>{html.escape(note)}</em></p>{summary}"
        feed.add_item(
            title=article.title,
            link=url(article.url),
            description=summary,
            unique_id=ident(article.url),
            pubdate=date,
            categories=[t["name"] for t in getattr(article, "briefing_topics", [])],
        )
    target = Path(output) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        feed.write(fh, "utf-8")


def write_feeds(site, settings: dict, output: str | os.PathLike) -> dict:
    """Write every planned feed; returns the plan (key -> path)."""
    feeds = plan(site, setting(settings, "BRIEFING_FEED_MIN_ARTICLES"))
    name = settings.get("SITENAME") or "Briefing"
    left_out = [a.relative_source_path for a in site.articles if entry_date(a)[0] is None]
    if left_out:
        logger.info("briefing: %d undated article(s) without an event date left out of feeds",
                    len(left_out))
    for key, path in feeds.items():
        kind, ident = key
        if kind == "all":
            _write(path, name, "", site.articles, settings, str(output))
        elif kind == "actor":
            view = site.actors[ident]
            _write(path, f"{view.actor.name} · {name}", urls.url(settings, "actor", ident),
                   view.articles, settings, str(output))
        else:
            topic = site.topics[ident]
            _write(path, f"{topic.name} · {name}", urls.url(settings, "topic", ident),
                   topic.articles, settings, str(output))
    return feeds
