"""One page per story: an event's reports side by side, their quotes deduplicated.

Outlets that report one event repeat its quotes, word for word or in part. Each quote is
one ``StoryQuote`` listing every report that carried it (and the quote's anchor there), the
report that published it first when the dates say so, and the speaker most reports name.
What only one report carried (quotes, people and institutions) is listed per report, so a
reader sees what each outlet adds.

Quotes match on their words (case, punctuation and quote marks aside); a shorter quote of
at least ``CONTAINED_MIN_WORDS`` words that lies inside a longer one is the same quote cut
by another outlet. No Pelican import: articles are read through the attributes
``views.build_views`` sets on them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .dates import iso_date
from .views import sort_date, worth_listing

# Fewer words than this are too common to say that two reports carry one quote.
CONTAINED_MIN_WORDS = 4
_NOT_WORD = re.compile(r"[^\w]+")


def quote_words(text: str) -> str:
    """The quote's words, lower-cased, with punctuation and quote marks dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@dataclass
class Carried:
    article: Any
    quote: dict  # the report's briefing quote (index, anchor, speaker as it names them)


@dataclass
class StoryQuote:
    text: str
    words: str
    kind: str = "direct"
    actor: Any = None  # the site actor most reports give as the speaker
    speaker_name: str | None = None
    carried: list[Carried] = field(default_factory=list)
    first: Any = None  # the report that published it first, when the dates tell

    @property
    def by_report(self) -> list[Carried]:
        """The first place each report carried it, in report order."""
        seen: dict[str, Carried] = {}
        for c in self.carried:
            seen.setdefault(c.article.slug, c)
        return list(seen.values())

    @property
    def reports(self) -> list:
        return [c.article for c in self.by_report]


@dataclass
class Exclusive:
    """What one report carried that no other report of the story did."""

    article: Any
    quotes: list[StoryQuote]
    actors: list  # site actors (people and organisations)


@dataclass
class Story:
    reports: list  # oldest first
    quotes: list[StoryQuote]  # in the order the reports first carried them
    speakers: list[tuple[Any, list[StoryQuote]]]  # (site actor or None, quotes)
    exclusive: list[Exclusive]
    topics: list[dict]  # {"name", "slug", "reports"}, the most reported first


def _first(reports: list) -> Any:
    """The one report dated before every other report carrying the quote, else None."""
    dated = sorted((iso_date(a), a.slug, a) for a in reports if iso_date(a))
    if len(reports) < 2 or not dated:
        return None
    if len(dated) > 1 and dated[0][0] == dated[1][0]:
        return None  # the same day: the dates do not say who was first
    if len(dated) < len(reports):
        return None  # an undated report may have been first
    return dated[0][2]


def _speaker(item: StoryQuote) -> None:
    actors = Counter(c.quote["actor"].id for c in item.carried if c.quote.get("actor"))
    if actors:
        best = max(actors.values())
        for c in item.carried:  # ties: the earliest report's speaker
            a = c.quote.get("actor")
            if a is not None and actors[a.id] == best:
                item.actor = a
                break
        return
    names = [c.quote.get("speaker_name") for c in item.carried if c.quote.get("speaker_name")]
    item.speaker_name = Counter(names).most_common(1)[0][0] if names else None


def build_story(articles: list) -> Story:
    reports = sorted(articles, key=lambda a: (sort_date(a) or "\uffff", a.slug))
    order = {a.slug: i for i, a in enumerate(reports)}
    candidates = []
    for a in reports:
        for q in getattr(a, "briefing_quotes", None) or []:
            words = quote_words(q["text"])
            if words and worth_listing(q):
                candidates.append((a, q, words))
    items: list[StoryQuote] = []
    # Longest first, so a shorter part another outlet carried joins the whole quote.
    candidates.sort(key=lambda c: (-len(c[2]), order[c[0].slug], c[1]["index"]))
    for a, q, words in candidates:
        item = next((it for it in items if it.words == words or (
            len(words.split()) >= CONTAINED_MIN_WORDS and f" {words} " in f" {it.words} ")),
            None)
        if item is None:
            item = StoryQuote(text=q["text"], words=words)
            items.append(item)
        item.carried.append(Carried(a, q))
    for item in items:
        item.carried.sort(key=lambda c: (order[c.article.slug], c.quote["index"]))
        item.kind = "direct" if any(c.quote["kind"] == "direct" for c in item.carried) \
            else item.carried[0].quote["kind"]
        _speaker(item)
        item.first = _first(item.reports)
    items.sort(key=lambda it: (order[it.carried[0].article.slug], it.carried[0].quote["start"]))

    groups: dict[str | None, list[StoryQuote]] = {}
    for item in items:
        groups.setdefault(item.actor.id if item.actor is not None else None, []).append(item)
    speakers = sorted(
        ((g[0].actor, g) for key, g in groups.items() if key is not None),
        key=lambda ag: (-len(ag[1]), ag[0].name.casefold(), ag[0].id))
    if None in groups:
        speakers.append((None, groups[None]))

    exclusive = []
    if len(reports) > 1:
        named = {a.slug: {actor.id: actor for actor, _ in getattr(a, "briefing_whos_who", [])
                          if actor.kind != "place"} for a in reports}
        for a in reports:
            others = set().union(*(set(named[o.slug]) for o in reports if o is not a))
            only_quotes = [it for it in items if [r.slug for r in it.reports] == [a.slug]]
            only_actors = sorted((actor for aid, actor in named[a.slug].items()
                                  if aid not in others), key=lambda x: x.name.casefold())
            exclusive.append(Exclusive(a, only_quotes, only_actors))

    topics: dict[str, dict] = {}
    for a in reports:
        for t in getattr(a, "briefing_topics", None) or []:
            entry = topics.setdefault(t["slug"], {**t, "reports": 0})
            entry["reports"] += 1
    ranked = sorted(topics.values(), key=lambda t: (-t["reports"], t["name"].casefold()))
    return Story(reports, items, speakers, exclusive, ranked)


def event_record(view) -> dict[str, Any]:
    """``data/events.json``'s record of one event (see ``export.py``)."""
    story = view.story
    event = view.event
    return {
        "id": event.id,
        "title": event.title,
        "date": event.date,
        # no report carries a date of its own: the date was read from their texts
        "date_inferred": bool(event.date) and not any(iso_date(a) for a in story.reports),
        "articles": [a.slug for a in story.reports],
        "actors": sorted(event.actors),
        "quotes": [{
            "text": item.text,
            "speaker": item.actor.id if item.actor is not None else None,
            "articles": [{"slug": c.article.slug, "quote_index": c.quote["index"]}
                         for c in item.carried],
        } for item in story.quotes],
    }
