"""The views pages read: actors, topics and events resolved to Pelican articles, and the
briefing sections attached to each article (``briefing_*`` attributes).

Built from linked site data by ``build_views``; the templates, feeds, JSON-LD and the
export read only what is here. No spaCy: extraction and linking are done by then.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from ..link import ArticleInput, site_quotes
from ..link import namematch as nm
from ..records import Extraction
from ..textformat import parse_text
from . import highlight, jsonld, urls
from .dates import iso_date

KIND_ORDER = {"person": 0, "organization": 1, "place": 2}
HOME_LATEST = 20  # briefings on the home page
HOME_ACTORS = 10  # most-quoted actors on the home page


@dataclass
class Topic:
    slug: str
    name: str
    articles: list = field(default_factory=list)  # Pelican articles, newest first


@dataclass
class ActorView:
    """A site actor with what its page shows, resolved to Pelican articles."""

    actor: Any  # linking.SiteActor
    quotes: list = field(default_factory=list)  # (article, quote dict), in date order
    articles: list = field(default_factory=list)  # newest first
    co_actors: list = field(default_factory=list)  # (SiteActor, count)
    jsonld: str = ""

    @property
    def quote_groups(self) -> list[tuple[Any, list[dict]]]:
        """Quotes grouped by article, articles in date order (as ``quotes`` is)."""
        groups: list[tuple[Any, list[dict]]] = []
        for article, quote in self.quotes:
            if groups and groups[-1][0] is article:
                groups[-1][1].append(quote)
            else:
                groups.append((article, [quote]))
        return groups

    @property
    def role_spans(self) -> list[tuple[str, str | None, str | None]]:
        """(role, first date, last date) per role, oldest first; undated-only roles last."""
        spans: dict[str, list[str]] = {}
        for role, date in self.actor.roles:
            dates = spans.setdefault(role, [])
            if date:
                dates.append(str(date))
        rows = [(r, min(d) if d else None, max(d) if d else None) for r, d in spans.items()]
        return sorted(rows, key=lambda r: (r[1] is None, r[1] or "", r[2] or "", r[0]))

    @property
    def id(self) -> str:
        return self.actor.id


@dataclass
class EventView:
    event: Any  # events.Event
    articles: list = field(default_factory=list)  # newest first
    story: Any = None  # stories.Story: reports oldest first, quotes deduplicated

    @property
    def id(self) -> str:
        return self.event.id


@dataclass
class BriefingSite:
    """Everything the site-wide pages, feeds and export need, in build order."""

    articles: list  # Pelican articles as Pelican sorted them (newest first, undated last)
    extractions: dict[str, Extraction]  # slug -> extraction (missing when it failed)
    data: Any  # linking.SiteData
    actors: dict[str, ActorView]
    topics: dict[str, Topic]
    events: dict[str, EventView]
    by_slug: dict[str, Any]
    # Near-duplicates folded into another briefing (Pelican articles, by file): listed
    # nowhere, their pages point to their group's primary.
    copies: list = field(default_factory=list)
    duplicates: list = field(default_factory=list)  # duplicates.DuplicateGroup, by primary

    def actors_by_kind(self) -> list[tuple[str, list[ActorView]]]:
        groups: dict[str, list[ActorView]] = defaultdict(list)
        for view in self.actors.values():
            groups[view.actor.kind].append(view)
        labels = {"person": "People", "organization": "Organisations", "place": "Places"}
        return [
            (labels.get(kind, kind.title()), sorted(groups[kind], key=_actor_sort))
            for kind in sorted(groups, key=lambda k: (KIND_ORDER.get(k, 9), k))
        ]

    def most_quoted(self, n: int = HOME_ACTORS) -> list[ActorView]:
        quoted = [v for v in self.actors.values() if v.quotes]
        return sorted(quoted, key=lambda v: (-len(v.quotes), v.actor.name.casefold(), v.id))[:n]

    def stories(self, n: int | None = None) -> list[tuple[EventView | None, list]]:
        """The home page's stories, newest first: each event once (its reports newest
        first) and each briefing that belongs to no event; undated ones last."""
        items: list[tuple[str, int, str, EventView | None, list]] = []
        for view in self.events.values():
            if view.articles:
                items.append((view.event.date or sort_date(view.articles[0]), 1, view.id,
                              view, view.articles))
        for article in self.articles:
            if article.slug not in self.data.article_event:
                items.append((sort_date(article), 0, article.slug, None, [article]))
        dated = sorted((i for i in items if i[0]), key=lambda i: (i[0], i[1], i[2]),
                       reverse=True)
        undated = sorted((i for i in items if not i[0]), key=lambda i: i[2])
        out = [(view, arts) for _, _, _, view, arts in dated + undated]
        return out[:n] if n is not None else out

    def timeline(self) -> list[tuple[str | None, list[tuple[EventView | None, list]]]]:
        """[(date or None, [(event or None, articles)])], newest date first, undated last."""
        days: dict[str | None, list[tuple[EventView | None, list]]] = defaultdict(list)
        for view in self.events.values():
            days[view.event.date].append((view, view.articles))
        for article in self.articles:
            if article.slug in self.data.article_event:
                continue
            days[iso_date(article)].append((None, [article]))
        dated = sorted((d for d in days if d), reverse=True)
        order = dated + ([None] if None in days else [])
        return [(d, days[d]) for d in order]


def long_date(iso: str | None) -> str:
    """``2024-02-14`` as ``14 February 2024`` (the theme's date style); a Jinja filter."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(str(iso)[:10])
    return f"{day.day} {day.strftime('%B %Y')}"


def _actor_sort(view: ActorView):
    return (view.actor.name.casefold(), view.id)


def sort_date(article) -> str:
    # Undated articles sort by their inferred event date, else before everything dated.
    return iso_date(article) or getattr(article, "date_inferred", None) or ""


def _quote_dicts(quotes, actors: dict, described: dict[int, str] | None = None) -> list[dict]:
    """``described``: quote index -> how the article itself names a speaker that was
    identified through the event's other reports (``Iranian minister``)."""
    described = described or {}
    out = []
    for i, q in enumerate(quotes):
        sp = q.speaker
        actor_id = sp.actor if sp is not None else None
        out.append({
            "via_event": i in described,
            "described_as": described.get(i),
            "index": i,
            "anchor": highlight.anchor(i),
            "text": q.text,
            "kind": q.kind,
            "claim": q.claim,
            "cue": q.cue,
            "start": q.start,
            "end": q.end,
            "speaker_name": sp.name if sp is not None else None,
            "speaker": sp,
            "actor": actors.get(actor_id) if actor_id else None,
        })
    return out


def worth_listing(quote: dict) -> bool:
    """Whether a quote is one a list shows (key quotes, story pages): never a one-word
    stance ("quack", "disgrace") nor reported speech that is a bare noun phrase ("the
    Palestinian issue"); both stay highlighted in the full text."""
    if quote["kind"] == "direct":
        return len(quote["text"].split()) >= 2
    return quote.get("claim") is not False


def _key_quotes(quotes: list[dict], mentions: list[dict]) -> list[dict]:
    """The quotes a reader should see first, best first: what named people and institutions
    said in so many words (direct quotes), then reported speech that is a whole claim (a
    clause with its verb), then direct quotes nobody named. Never a bare phrase: a reported
    noun phrase ("the Palestinian issue") or a one-word stance stays highlighted in the full
    text only. Within a group, the article's principal actors (``prominence``) first, then
    the earlier quote. A report inside a longer report is listed once, in the longer
    one; a direct quote inside a report is listed on its own."""
    counts = prominence(quotes, mentions)
    ranked = []
    for q in quotes:
        if not worth_listing(q):
            continue
        if q["kind"] == "direct":
            group = 0 if q["actor"] is not None else 2
        else:
            group = 1
        if any(o is not q and o["kind"] == q["kind"] and o["start"] <= q["start"]
               and q["end"] <= o["end"] and (o["end"] - o["start"]) > (q["end"] - q["start"])
               for o in quotes):
            continue
        actor = q["actor"].id if q["actor"] is not None else None
        ranked.append(((group, -counts.get(actor, 0), q["start"], q["index"]), q))
    return [q for _, q in sorted(ranked, key=lambda r: r[0])]


def prominence(quotes: list[dict], mentions: list[dict]) -> Counter:
    """How prominent each site actor is in an article: the places it names them, plus the
    quotes they speak (a speaker the article leaves unnamed has no mention of their own)."""
    counts = Counter(m["actor"] for m in mentions)
    counts.update(q["actor"].id for q in quotes if q["actor"] is not None)
    return counts


IN_BRIEF_WHO = 3  # principal actors named in a briefing's "In brief"


def _in_brief(extraction: Extraction, whos_who: list, mentions: list[dict],
              quotes: list[dict], key_quotes: list[dict]) -> dict[str, Any] | None:
    """Three lines under the lead, all from the extraction: who (the principal people and
    institutions, the most prominent first, with the roles the article gives them), what
    (the headline the lead's main clause makes) and the first key quote."""
    counts = prominence(quotes, mentions)
    who = sorted(((actor, roles) for actor, roles in whos_who
                  if actor.kind != "place" and counts.get(actor.id)),
                 key=lambda ar: -counts[ar[0].id])[:IN_BRIEF_WHO]
    what = extraction.title if extraction.title != "Untitled article" else ""
    quote = key_quotes[0] if key_quotes else None
    if not (who or what or quote):
        return None
    return {"who": who, "what": what, "quote": quote}


def _whos_who(slug: str, extraction: Extraction, data, identified: dict[int, str]
              ) -> list[tuple[Any, list[str]]]:
    """(site actor, roles this article gives them), people first, then by first mention.
    ``identified``: quote index -> the site actor the event's other reports name."""
    seen: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    for local in extraction.actors:
        site_id = data.actor_map.get((slug, local.id))
        actor = data.actors.get(site_id) if site_id else None
        if actor is None:
            continue
        roles = seen.setdefault(site_id, [])
        for role in local.roles:
            if role not in roles:
                roles.append(role)
        start = min((m.start for m in local.mentions), default=0)
        first[site_id] = min(first.get(site_id, start), start)
    # Speakers the article leaves unnamed but the event's other reports identify: they are
    # who's who here too, placed where the article first quotes them.
    for i, site_id in sorted(identified.items()):
        sp = extraction.quotes[i].speaker
        if sp is not None and site_id in data.actors:
            seen.setdefault(site_id, [])
            start = sp.start if sp.start is not None else extraction.quotes[i].start
            first[site_id] = min(first.get(site_id, start), start)
    ordered = sorted(
        seen, key=lambda a: (KIND_ORDER.get(data.actors[a].kind, 9), first[a], a)
    )
    return [(data.actors[a], seen[a]) for a in ordered]


def _mentions(slug: str, extraction: Extraction, data) -> list[dict]:
    """Every place the article names a site actor (names, surnames, honorific forms, and
    pronouns or role nouns resolved to one), in text order, as the export gives them."""
    out = []
    for local in extraction.actors:
        site_id = data.actor_map.get((slug, local.id))
        if site_id is None or site_id not in data.actors:
            continue
        out.extend({"start": m.start, "end": m.end, "actor": site_id} for m in local.mentions)
    return sorted(out, key=lambda m: (m["start"], m["end"], m["actor"]))


def _topic_slug(name: str) -> str:
    slug = slugify(name) or "topic"
    return "index-topic" if slug == "index" else slug  # topics/index.html lists the topics


def _name_links(mentions: list[dict], text: str, data, settings: dict
                ) -> list[tuple[int, int, str]]:
    """(start, end, actor page) for the mentions that are names, not pronouns or role
    nouns: the mention shares a word with one of the actor's names."""
    out = []
    own: dict[str, set[str]] = {}
    siteurl = settings.get("SITEURL", "")
    for m in mentions:
        actor = data.actors[m["actor"]]
        if actor.id not in own:  # a person's name words, without titles ("President")
            own[actor.id] = {w for form in [actor.name, *actor.aliases] for w in (
                nm.parse_person(form).tokens if actor.kind == "person"
                else nm.words(nm.fold(form))) if len(w) > 1}
        if own[actor.id] & set(nm.words(nm.fold(text[m["start"]:m["end"]]))):
            out.append((m["start"], m["end"],
                        f"{siteurl}/{urls.url(settings, 'actor', actor.id)}"))
    return out


def _attach(article, extraction: Extraction | None, data, by_slug: dict, settings: dict,
            identified: dict[int, str]):
    text = article.briefing_text
    paragraphs = parse_text(text).paragraphs
    slug = article.slug
    if extraction is not None:
        if getattr(article, "title_generated", False) and extraction.title:
            article.title = extraction.title
        quotes = site_quotes(data, ArticleInput(
            slug, article.relative_source_path, iso_date(article), extraction))
        article.briefing_site_quotes = quotes
        described = {i: extraction.quotes[i].speaker.name for i in identified
                     if extraction.quotes[i].speaker}
        article.briefing_quotes = _quote_dicts(quotes, data.actors, described)
        article.briefing_whos_who = _whos_who(slug, extraction, data, identified)
        article.briefing_mentions = _mentions(slug, extraction, data)
        article.briefing_key_quotes = _key_quotes(article.briefing_quotes,
                                                  article.briefing_mentions)
        article.briefing_in_brief = _in_brief(
            extraction, article.briefing_whos_who, article.briefing_mentions,
            article.briefing_quotes, article.briefing_key_quotes)
        names = []
        for t in extraction.topics:
            if t not in names:
                names.append(t)
        article.briefing_topics = [{"name": t, "slug": _topic_slug(t)} for t in names]
    else:
        quotes = []
        article.briefing_site_quotes = []
        article.briefing_quotes = []
        article.briefing_key_quotes = []
        article.briefing_in_brief = None
        article.briefing_whos_who = []
        article.briefing_mentions = []
        article.briefing_topics = []
    article.briefing_lead = highlight.lead(text, paragraphs)
    links = _name_links(getattr(article, "briefing_mentions", []), text, data, settings)
    body = None
    if not article.source_path.lower().endswith((".txt", ".html", ".htm")):
        # Markdown: keep its formatting, marking quotes inside the rendered HTML.
        body = highlight.mark_html(article.content, text, quotes, links)
    article.briefing_body_html = body or highlight.body_html(text, paragraphs, quotes, links)
    article.briefing_related = [by_slug[s] for s in data.related.get(slug, []) if s in by_slug]
    event_id = data.article_event.get(slug)
    article.briefing_event = data.events.get(event_id) if event_id else None
    article.briefing_also = [
        by_slug[s] for s in (article.briefing_event.articles if article.briefing_event else [])
        if s != slug and s in by_slug
    ]
    if article.undated and slug in data.inferred_dates:
        article.date_inferred = data.inferred_dates[slug]
    article.briefing_source_link = source_url(article)
    article.briefing_jsonld = jsonld.dumps(
        jsonld.news_article(article, settings.get("SITEURL", ""), settings)
    )



_WEB_URL = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)


def source_url(article) -> str | None:
    """The address the article was published at (``URL:`` metadata), when it is a web
    address: anything else (``javascript:``...) is never made into a link."""
    value = getattr(article, "briefing_source_url", None)
    value = str(value).strip() if value else ""
    return value if _WEB_URL.match(value) else None


def _copy(article, primary: bool, similarity: float | None) -> dict:
    return {
        "article": article,
        "primary": primary,
        "outlet": getattr(article, "outlet", None) or None,
        "date": iso_date(article),
        "source_url": source_url(article),
        "similarity": similarity,
    }


def _fold(groups: Sequence, primaries: dict[str, Any], copies: Sequence) -> list:
    """Each primary lists every copy of its story (itself first, then the others by date,
    length and slug, as the group ranks them); each copy points to its primary."""
    by_slug = {a.slug: a for a in copies}
    kept = []
    for g in groups:
        primary = primaries.get(g.primary)
        others = [by_slug[s] for s in g.duplicates if s in by_slug]
        if primary is None or not others:
            continue
        primary.briefing_copies = [_copy(primary, True, None)] + [
            _copy(a, False, g.similarity.get(a.slug)) for a in others]
        for a in others:
            a.briefing_duplicate_of = primary
            a.briefing_copies = primary.briefing_copies
            a.template = "duplicate"  # a page that points to the primary (duplicate.html)
        kept.append(g)
    return kept


def build_views(articles: list, extractions: dict[str, Extraction], data, settings: dict,
                duplicates: Sequence = (), copies: Sequence = ()) -> BriefingSite:
    """Attach each article's briefing sections and build the site-wide views.

    ``articles`` are the briefings; ``copies`` the near-duplicates folded into them
    (``duplicates``: the groups), which get only what their pointer page needs."""
    by_slug = {a.slug: a for a in articles}
    duplicates = _fold(duplicates, by_slug, copies)
    # speakers identified through the event, by article: read once, not once per article
    identified: dict[str, dict[int, str]] = defaultdict(dict)
    for (slug, i), site_id in data.event_speakers.items():
        identified[slug][i] = site_id
    for article in articles:
        _attach(article, extractions.get(article.slug), data, by_slug, settings,
                identified.get(article.slug, {}))

    actors: dict[str, ActorView] = {}
    position = {a.slug: i for i, a in enumerate(articles)}
    for actor_id in sorted(data.actors):
        actor = data.actors[actor_id]
        view = ActorView(actor)
        # in the order of ``articles``, without a scan of every article for every actor
        view.articles = [by_slug[s] for s in sorted(set(actor.articles) & by_slug.keys(),
                                                     key=position.__getitem__)]
        for slug, qi in actor.quotes:
            art = by_slug.get(slug)
            if art is not None and qi < len(art.briefing_quotes):
                view.quotes.append((art, art.briefing_quotes[qi]))
        # Oldest first: an actor's quotes read as a record of what they said over time.
        view.quotes.sort(key=lambda aq: (sort_date(aq[0]), aq[0].slug, aq[1]["index"]))
        # "Most often seen with" lists actors met in two briefings or more: one met once is
        # one briefing's cast, which that briefing's page lists. On PolNeAR those lists were
        # a third of the 5,500 one-briefing actor pages, each then two disk blocks, not one.
        view.co_actors = [
            (data.actors[other], n) for other, n in data.co_actors.get(actor_id, [])
            if n >= 2 and other in data.actors
        ]
        actors[actor_id] = view
    for view in actors.values():
        view.jsonld = jsonld.dumps(jsonld.actor(view.actor, settings.get("SITEURL", ""), settings))

    topics: dict[str, Topic] = {}
    for article in articles:
        for t in article.briefing_topics:
            topic = topics.setdefault(t["slug"], Topic(t["slug"], t["name"]))
            topic.articles.append(article)
    topics = dict(sorted(topics.items()))

    events = {
        eid: EventView(ev, [by_slug[s] for s in ev.articles if s in by_slug])
        for eid, ev in sorted(data.events.items())
    }
    from .stories import build_story

    for view in events.values():
        view.articles.sort(key=lambda a: (sort_date(a), a.slug), reverse=True)
        view.story = build_story(view.articles)
    folded = sorted((a for a in copies if getattr(a, "briefing_duplicate_of", None)),
                    key=lambda a: a.relative_source_path)
    return BriefingSite(articles, extractions, data, actors, topics, events, by_slug,
                        folded, duplicates)


