"""The data export: ``data/articles.json``, ``data/actors.json`` and ``data/events.json``
(a stable contract).

Other tools read these files, so names and shapes only ever grow. Offsets (``start``,
``end``) index the article's ``briefing_text`` (for ``.txt`` files, the file read as UTF-8
with ``newline=''``), exactly as ``briefing extract`` prints them; ``speaker.actor`` is the
site-wide actor id. ``url`` is relative to the site root (``briefings/<slug>/``,
``actors/<id>.html``: ``BRIEFING_ACTOR_URL``), so the
export is the same wherever the site is hosted. Output is deterministic: sorted keys, lists
sorted (``related`` keeps its ranking, quotes their order in the text), no timestamps.

A near-duplicate folded into another briefing has no record of its own: its primary's
``duplicates`` lists it (slug, source file, outlet, date, its pointer page's ``url`` and
``source_url``, where it was published).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import urls
from .dates import iso_date

ARTICLES = "data/articles.json"
ACTORS = "data/actors.json"
EVENTS = "data/events.json"


def _duplicate(copy: dict) -> dict[str, Any]:
    article = copy["article"]
    return {
        "slug": article.slug,
        "source": article.relative_source_path.replace("\\", "/"),
        "url": article.url,  # its own address, a page pointing to the primary
        "outlet": copy["outlet"],
        "date": copy["date"],
        "source_url": copy["source_url"],
    }


def article_record(article) -> dict[str, Any]:
    via = {q["index"] for q in getattr(article, "briefing_quotes", []) if q.get("via_event")}
    quotes = []
    for i, q in enumerate(getattr(article, "briefing_site_quotes", [])):
        # the speaker the article leaves unnamed, identified through the event's reports
        quotes.append({**q.to_json(), "identified_through_event": i in via})
    event = getattr(article, "briefing_event", None)
    return {
        "source": article.relative_source_path.replace("\\", "/"),
        "slug": article.slug,
        "url": article.url,
        "title": article.title,
        # the article has no headline of its own: Briefing wrote this one from the lead
        "title_generated": bool(getattr(article, "title_generated", False)),
        "date": iso_date(article),
        # the date stands in the text (under the headline, a dateline), not in a date line
        "date_from_text": bool(getattr(article, "briefing_date_from_text", False)),
        "date_inferred": getattr(article, "date_inferred", None) if article.undated else None,
        "event": event.id if event is not None else None,
        "actors": sorted({a.id for a, _ in getattr(article, "briefing_whos_who", [])}),
        "topics": sorted({t["name"] for t in getattr(article, "briefing_topics", [])}),
        "quotes": quotes,
        "mentions": list(getattr(article, "briefing_mentions", [])),
        "related": [a.slug for a in getattr(article, "briefing_related", [])],
        "outlet": getattr(article, "outlet", None) or None,
        # where the date came from: "date line", "text", "metadata", a page's tag, "URL"
        "date_source": getattr(article, "briefing_date_source", None),
        "author": getattr(article, "briefing_author", None),
        # where it was published (a web address only; views.source_url checks it)
        "source_url": getattr(article, "briefing_source_link", None),
        # the near-duplicates (the same story from other outlets) folded into this briefing
        "duplicates": sorted(
            (_duplicate(c) for c in getattr(article, "briefing_copies", []) if not c["primary"]),
            key=lambda d: d["slug"]),
    }


def actor_record(actor, settings: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": sorted(set(actor.aliases)),
        "roles": [{"role": r, "date": d} for r, d in sorted(
            set(actor.roles), key=lambda rd: (rd[1] or "", rd[0]))],
        "articles": sorted(set(actor.articles)),
        "url": urls.url(settings, "actor", actor.id),
    }


def dumps(records: list[Any]) -> str:
    """One record per line: diffs stay line by line, and without ``indent`` the json
    module encodes in C (the indented form took seconds on a thousand articles)."""
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def write_export(site, output: str | Path, settings: Mapping[str, Any] | None = None) -> None:
    from .stories import event_record

    articles = sorted(site.articles, key=lambda a: a.slug)
    actors = [view.actor for _, view in sorted(site.actors.items())]
    for name, records in (
        (ARTICLES, [article_record(a) for a in articles]),
        (ACTORS, [actor_record(a, settings) for a in actors]),
        # One story across outlets: its reports oldest first, each quote once with every
        # report that carried it (slug and the quote's index in that article's quotes).
        (EVENTS, [event_record(v) for _, v in sorted(site.events.items())]),
    ):
        target = Path(output) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dumps(records), encoding="utf-8")
