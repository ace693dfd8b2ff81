"""Feeds for ``briefing fetch``: the feeds file, and RSS/Atom entries read with feedparser.

No network here (``fetch.py`` fetches; feedparser only ever gets bytes, so it never opens a
URL or a file itself) and no Pelican import.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

_WEB = re.compile(r"^https?://", re.I)


@dataclass
class FeedLine:
    url: str
    line: int  # 1-based line in the feeds file (0: from settings or the command line)


def read_feeds_file(path: Path) -> tuple[list[FeedLine], list[str]]:
    """Feed URLs of a feeds file (one a line; ``#`` starts a comment) and a problem per
    line that is no web address."""
    feeds: list[FeedLine] = []
    problems: list[str] = []
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        # A comment starts the line or follows a space: a URL's own "#fragment" stays.
        value = re.sub(r"(^|\s)#.*$", "", line).strip()
        if not value:
            continue
        if _WEB.match(value) and " " not in value:
            feeds.append(FeedLine(value, number))
        else:
            problems.append(f"line {number}: {value[:80]!r} is not a web address (http/https)")
    return feeds, problems


@dataclass
class Entry:
    """One feed entry worth fetching: its page's link and what the feed says about it."""

    link: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD, the entry's published date: never invented
    stamp: str | None = None  # updated (else published) as UTC ISO: when to look again
    feed_url: str = ""
    feed_title: str | None = None


@dataclass
class Feed:
    url: str
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    # Entries that cannot be fetched (no link), as report reasons.
    unusable: list[str] = field(default_factory=list)
    malformed: str | None = None  # feedparser's complaint, when it read the feed anyway


class NotAFeedError(ValueError):
    """The bytes are no feed feedparser can read; the message says why."""


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    # feedparser gives UTC struct_times; timegm keeps them UTC.
    moment = dt.datetime.fromtimestamp(calendar.timegm(struct), dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _link(entry, base: str, rss: bool) -> str | None:
    links = entry.get("links") or []
    alternates = [x for x in links if x.get("href") and x.get("rel", "alternate") == "alternate"]
    html = [x for x in alternates if "html" in (x.get("type") or "html")]
    for candidate in html or alternates:
        return urljoin(base, candidate["href"].strip())
    # An RSS <guid> is the permalink unless isPermaLink="false" (feedparser's guidislink);
    # an Atom <id> is a name, never a link, even when it looks like one.
    guid = (entry.get("id") or "").strip()
    if rss and entry.get("guidislink") and _WEB.match(guid):
        return guid
    return None


def _clean(value: str | None) -> str | None:
    return " ".join((value or "").split()) or None


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> Feed:
    """The entries of an RSS or Atom document (``url`` resolves relative links).

    A feed that is not well-formed but still yields entries (a bare ``&`` is common) is read
    with :attr:`Feed.malformed` set; one that yields nothing raises :class:`NotAFeedError`.
    """
    import feedparser

    parsed = feedparser.parse(
        io.BytesIO(data),
        response_headers={"content-location": url,
                          "content-type": content_type or "application/xml"},
        sanitize_html=True,
        resolve_relative_uris=True,
    )
    problem = None
    exc = parsed.get("bozo_exception")
    # A feed served as text/html or in another encoding than it says is read as it is: only
    # XML that is not well-formed is worth a word.
    mild = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if parsed.get("bozo") and not isinstance(exc, mild):
        problem = str(exc) or type(exc).__name__
        if hasattr(exc, "getLineNumber"):  # a SAX error: "<unknown>:5:19: message"
            problem = f"{exc.getMessage()} at line {exc.getLineNumber()}"
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeedError(f"not an RSS or Atom feed ({problem or 'no feed elements'})")
    rss = str(parsed.get("version") or "").startswith("rss")
    feed = Feed(url=url, title=_clean(parsed.feed.get("title")), malformed=problem)
    for i, item in enumerate(parsed.entries, 1):
        title = _clean(item.get("title"))
        link = _link(item, url, rss)
        if not link or not _WEB.match(link) or not urlsplit(link).hostname:
            name = f"{title!r}" if title else f"number {i}"
            why = "has no link" if not link else f"links to {link[:80]!r}, not a web page"
            feed.unusable.append(f"entry {name} {why}; skipped")
            continue
        # dict.get: feedparser's own get maps a missing updated_parsed to published_parsed,
        # with a DeprecationWarning; we take that fallback ourselves, below.
        published = dict.get(item, "published_parsed")
        feed.entries.append(Entry(
            link=link,
            title=title,
            author=_clean(item.get("author")),
            published=_iso(published)[:10] if published else None,
            stamp=_iso(dict.get(item, "updated_parsed") or published),
            feed_url=url,
            feed_title=feed.title,
        ))
    return feed
