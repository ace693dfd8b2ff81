"""Across articles: one actor per real person or institution, events, related articles.

Pure data in, pure data out (no Pelican import): ``link(articles, overrides)`` takes each
article's cached ``Extraction`` and returns a ``SiteData`` with site-wide actors and
everything derived from them. Extractions are never mutated; ``site_quotes`` returns
copies whose speakers carry site actor ids.

Site actor ids are slugs of the canonical name, so they stay stable across builds; of two
different actors with the same name, the one seen first keeps the plain id and the other
gets a deterministic suffix (its country, else a short hash of where it first appears).
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from slugify import slugify

from ..extract import roles as roles_mod
from ..records import Extraction, Quote
from ..settings import DEFAULTS
from . import events as events_mod
from . import merge
from . import namematch as nm
from .events import Event
from .overrides import Overrides

log = logging.getLogger(__name__)

RELATED_COUNT = 5
# A canonical name's words are each used at least 1/50 as often as its most used one.
RARE_NAME_WORD = 50
CO_ACTORS_COUNT = 10
# How much a shared actor or topic says about two articles being related.
KIND_WEIGHT = {"person": 1.0, "organization": 0.7, "place": 0.3}
TOPIC_WEIGHT = 0.6
SAME_EVENT_BONUS = 1.0
# Actors/topics in more than this many articles (or half of them) are ignored for relatedness.
RELATED_COMMON_CAP = 200

__all__ = ["ArticleInput", "Event", "SiteActor", "SiteData", "link", "site_quotes"]


@dataclass
class ArticleInput:
    slug: str
    source: str  # path relative to content/
    date: str | None
    extraction: Extraction
    # The article's plain text without its date line; events compare the leads ("": the
    # article is grouped by its actors alone).
    text: str = ""
    # The date was read from the text (under the headline), not a date line or metadata:
    # a page's own date, but follow-ups of one story are written days or weeks apart.
    date_from_text: bool = False


@dataclass
class SiteActor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[tuple[str, str | None]] = field(default_factory=list)  # (role, article date)
    articles: list[str] = field(default_factory=list)
    description: str | None = None
    quotes: list[tuple[str, int]] = field(default_factory=list)  # (slug, quote index)
    countries: list[str] = field(default_factory=list)


@dataclass
class SiteData:
    actors: dict[str, SiteActor] = field(default_factory=dict)
    actor_map: dict[tuple[str, str], str] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    article_event: dict[str, str] = field(default_factory=dict)
    inferred_dates: dict[str, str] = field(default_factory=dict)
    # (slug, quote index) -> site actor: an unnamed speaker ("the Iranian minister") whom
    # the other reports of the same event name (exactly one fitting person)
    event_speakers: dict[tuple[str, int], str] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    co_actors: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def site_quotes(site: SiteData, article: ArticleInput) -> list[Quote]:
    """The article's quotes with ``speaker.actor`` rewritten to site ids (copies)."""
    out = []
    for i, q in enumerate(article.extraction.quotes):
        # Only the speaker changes: a shallow copy of it and the quote, not a deep copy.
        q2 = dataclasses.replace(q, speaker=q.speaker and dataclasses.replace(q.speaker))
        if q2.speaker is not None and q2.speaker.actor is not None:
            q2.speaker.actor = site.actor_map.get((article.slug, q2.speaker.actor))
        via = site.event_speakers.get((article.slug, i))
        if q2.speaker is not None and via is not None:
            q2.speaker.actor, q2.speaker.name = via, site.actors[via].name
        out.append(q2)
    return out


def _name_key(kind: str, name: str) -> str:
    if kind == "person":
        person = nm.parse_person(name)
        return " ".join((*person.tokens, person.generation)).strip()
    return " ".join(nm.org_key(name))


def _nodes(articles: Sequence[ArticleInput]) -> list[merge.Node]:
    nodes = []
    for art in articles:
        actors = art.extraction.actors
        keys = {a.id: _name_key(a.kind, a.name) for a in actors if a.kind != "place"}
        for a in actors:
            co = frozenset(k for i, k in keys.items() if i != a.id and k)
            nodes.append(
                merge.Node(
                    slug=art.slug,
                    local_id=a.id,
                    kind=a.kind,
                    name=a.name,
                    aliases=[x for x in a.aliases if x and x != a.name],
                    roles=list(a.roles),
                    countries=frozenset(nm.fold(c) for c in a.countries),
                    co_names=co,
                    mention_texts=[m.text for m in a.mentions],
                )
            )
    return nodes


def _canonical(kind: str, members: Sequence[merge.Node]) -> str:
    """People: the fullest, best-attested well-formed name, without honorifics.
    Institutions and places: the name the articles' own extraction chose most often."""
    if kind != "person":
        names = Counter(n.name.strip() for n in members if n.name.strip())
        if not names:
            return members[0].local_id

        def org_rank(form: str):
            capitalised = sum(1 for w in form.split() if w[:1].isupper())
            return (names[form], capitalised, len(form))

        best = max(org_rank(f) for f in names)
        return min(f for f in names if org_rank(f) == best)
    forms = [nm.strip_titles(f).strip() for n in members for f in n.forms]
    forms = [f for f in forms if f]
    if not forms:  # an actor without a usable name keeps its per-article id
        return members[0].name.strip() or members[0].local_id
    proper = [f for f in forms if nm.is_proper(f)] or forms
    counts = Counter(forms)
    token_support: Counter[str] = Counter()
    for n in members:
        for text in [*n.forms, *n.mention_texts]:
            token_support.update(set(nm.words(nm.fold(text))))

    def rank(form: str):
        size = len(nm.parse_person(form).tokens)
        support = sum(token_support[w] for w in nm.words(nm.fold(form)))
        capitalised = sum(1 for w in form.split() if w[:1].isupper())
        return (size, support, counts[form], capitalised)

    # A word seen once in a name written hundreds of times is a headline's slip ("Bernie
    # Sanders Pins", "Chris Christie Address Heroin"), not part of the name.
    # measured against the actor's most used name word, not every word ("he", "minister")
    top = max((token_support[w] for f in proper for w in nm.words(nm.fold(f))), default=0)
    sound = [f for f in proper
             if all(token_support[w] * RARE_NAME_WORD > top for w in nm.words(nm.fold(f)))]
    proper = sound or proper
    best = max(rank(f) for f in proper)
    return min(f for f in proper if rank(f) == best)


_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")


def _without_initials(name: str) -> str:
    """``Paul D. Ryan`` -> ``Paul Ryan``, ``W. Mark Felt`` -> ``Mark Felt``: the initials
    between a given name and the family name, or before a given name written out."""
    words = name.split()
    kept = [w for i, w in enumerate(words)
            if not (_INITIAL.match(w) and i < len(words) - 1
                    and (i > 0 or not _INITIAL.match(words[i + 1])))]
    if len(kept) < 2 or _INITIAL.match(kept[0]):
        return name  # "J. K. Rowling" is known by her initials
    return " ".join(kept)


def _familiar_names(clusters: list[dict]) -> None:
    """A person is named as readers know them: ``Paul Ryan``, not the ``Paul D. Ryan`` of
    one newspaper's style, when the articles write it so more often. Never when the short
    name is another actor's too (``George H. W. Bush`` stays, beside ``George W. Bush``)."""
    people = [c for c in clusters if c["kind"] == "person"]
    short = Counter(nm.fold(_without_initials(c["name"])) for c in people)
    for c in people:
        familiar = _without_initials(c["name"])
        if familiar == c["name"] or len(familiar.split()) < 2 or short[nm.fold(familiar)] > 1:
            continue
        written = Counter(nm.strip_titles(f).strip() for n in c["nodes"] for f in n.forms)
        if written[familiar] > written[c["name"]]:
            c["name"] = familiar


def _assign_ids(clusters: list[dict]) -> None:
    """Slug of the canonical name; actors sharing one get a deterministic suffix.

    The actor seen first (by article date, then slug) keeps the plain id, so adding newer
    articles does not move it; the others get their country, else a short hash of where
    they first appear. Plain ids are reserved: a suffixed id never takes one.
    """
    by_base: dict[str, list[dict]] = defaultdict(list)
    for c in clusters:
        base = slugify(c["name"]) or "actor"
        # "index" would be the file of the list of actors (actors/index.html)
        by_base["index-actor" if base == "index" else base].append(c)
    used = set(by_base)
    for base, cs in sorted(by_base.items()):
        cs.sort(key=lambda c: (c["since"] is None, c["since"] or "", c["first"]))
        cs[0]["id"] = base
        for c in cs[1:]:
            suffix = slugify(c["countries"][0]) if len(c["countries"]) == 1 else ""
            cid = f"{base}-{suffix}" if suffix else ""
            salt = 0
            while not cid or cid in used:
                seed = "/".join(c["first"]) + (f"#{salt}" if salt else "")
                cid = f"{base}-{hashlib.sha1(seed.encode()).hexdigest()[:6]}"
                salt += 1
            c["id"] = cid
            used.add(cid)


def link(
    articles: Sequence[ArticleInput],
    overrides: Overrides | None = None,
    event_window_days: int = DEFAULTS["BRIEFING_EVENT_WINDOW_DAYS"],
    related_count: int = RELATED_COUNT,
) -> SiteData:
    """Link per-article extractions into site-wide actors, events and related articles."""
    articles = sorted(articles, key=lambda a: a.slug)
    ov = overrides or Overrides()
    site = SiteData(warnings=list(ov.warnings))
    nodes = _nodes(articles)

    # Editor's actor entries merge every node they name (key, new name, aliases).
    same = [list(g) for g in ov.same]
    entry_nodes: dict[str, set[int]] = {}
    for key, entry in sorted(ov.actors.items()):
        names = [key, *entry.aliases] + ([entry.name] if entry.name else [])
        hits = {i for n in names for i in merge.nodes_named(n, nodes)}
        entry_nodes[key] = hits
        matched = [n for n in names if merge.nodes_named(n, nodes)]
        if len(matched) > 1:
            same.append(matched)
    groups, warnings = merge.cluster(nodes, same, ov.different, ov.path or "overrides")
    site.warnings.extend(warnings)

    dates = {a.slug: a.date for a in articles}
    clusters = []
    for members in groups:
        ms = [nodes[i] for i in members]
        kinds = Counter(n.kind for n in ms)
        kind = min(kinds, key=lambda k: (-kinds[k], k))
        countries = sorted({c for n in ms for c in n.countries})
        clusters.append(
            {
                "members": members,
                "nodes": ms,
                "kind": kind,
                "name": _canonical(kind, ms),
                "articles": sorted({n.slug for n in ms}),
                "first": min(n.key for n in ms),
                "since": min((dates[n.slug] for n in ms if dates[n.slug]), default=None),
                "countries": countries,
                "description": None,
                "extra_aliases": [],
            }
        )

    _familiar_names(clusters)
    # Actor entries addressed by the id the actor would otherwise get, or by a name.
    _assign_ids(clusters)
    for key, entry in sorted(ov.actors.items()):
        targets = [c for c in clusters if c["id"] == key]
        if not targets:
            targets = [c for c in clusters if set(c["members"]) & entry_nodes[key]]
        if not targets:
            msg = f"briefing: {ov.path or 'overrides'}: actor {key!r} not found"
            site.warnings.append(msg)
            log.warning(msg)
            continue
        for c in targets:
            if entry.name:
                c["name"] = entry.name
            if entry.kind:
                c["kind"] = entry.kind
            if entry.description:
                c["description"] = entry.description
            c["extra_aliases"] = list(entry.aliases)

    _assign_ids(clusters)  # again: overrides may have renamed actors

    by_slug = {a.slug: a for a in articles}
    for c in sorted(clusters, key=lambda c: c["id"]):
        aliases = {f for n in c["nodes"] for f in n.forms} | set(c["extra_aliases"])
        aliases.discard(c["name"])
        # One spelling per office ("Amir"/"Emir"): the most used, then the first in order.
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        dated_roles: set[tuple[str, str | None]] = set()
        for n in c["nodes"]:
            for r in n.roles:
                spellings[_role_id(r)][r] += 1
                dated_roles.add((_role_id(r), by_slug[n.slug].date))
        surface = {
            k: min(cnt, key=lambda r: (-cnt[r], r)) for k, cnt in spellings.items()
        }
        roles = {(k, d): surface[k] for k, d in dated_roles}
        actor = SiteActor(
            id=c["id"],
            name=c["name"],
            kind=c["kind"],
            aliases=sorted(a for a in aliases if a),
            roles=sorted(
                ((r, d) for (_, d), r in roles.items()),
                key=lambda rd: (rd[1] is None, rd[1] or "", rd[0].casefold(), rd[0]),
            ),
            articles=c["articles"],
            description=c["description"],
            countries=c["countries"],
        )
        site.actors[actor.id] = actor
        for n in c["nodes"]:
            site.actor_map[n.key] = actor.id

    for art in articles:
        for i, q in enumerate(art.extraction.quotes):
            sid = _speaker_id(site, art.slug, q)
            if sid:
                site.actors[sid].quotes.append((art.slug, i))

    profiles = _profiles(site, articles)
    _link_events(site, articles, event_window_days, profiles)
    _event_speakers(site, articles, profiles)
    site.related = _related(site, articles, related_count)
    site.co_actors = _co_actors(site, articles)
    return site


def _role_id(role: str) -> str:
    """Comparable form of a title: ``Amir``/``Emir``, case and glue words do not matter."""
    return " ".join(sorted(set(roles_mod.role_words(role)))) or nm.role_key(role)


def _speaker_id(site: SiteData, slug: str, q: Quote) -> str | None:
    if q.speaker is None or q.speaker.actor is None:
        return None
    return site.actor_map.get((slug, q.speaker.actor))


def _facts(site: SiteData, art: ArticleInput) -> events_mod.ArticleFacts:
    ext = art.extraction
    weights: dict[str, float] = defaultdict(float)
    descriptors: dict[str, float] = defaultdict(float)
    for a in ext.actors:
        sid = site.actor_map.get((art.slug, a.id))
        if a.kind != "person" or sid is None:
            continue
        if nm.is_proper(site.actors[sid].name):
            weights[sid] += max(1, len(a.mentions))
        else:
            descriptors[a.name] += max(1, len(a.mentions))
    for q in ext.quotes:
        if q.speaker is None:
            continue
        sid = _speaker_id(site, art.slug, q)
        if sid and site.actors[sid].kind == "person" and nm.is_proper(site.actors[sid].name):
            weights[sid] += 2
        elif sid is None and q.speaker.name:
            descriptors[q.speaker.name] += 2
    total = sum(weights.values()) + sum(descriptors.values())
    principals = events_mod.top_principals(dict(weights))
    if total:  # shares of the whole attention, descriptions included
        named = sum(weights.values())
        principals = {k: v * named / total for k, v in principals.items()}
    desc = {k: v / total for k, v in descriptors.items() if total and v / total >= 0.1}
    context = {site.actor_map[(art.slug, a.id)] for a in ext.actors}
    context |= {"topic:" + nm.fold(t) for t in ext.topics}
    entities: Counter[str] = Counter()
    for a in ext.actors:
        entities[site.actor_map[(art.slug, a.id)]] += max(1, len(a.mentions))
    return events_mod.ArticleFacts(
        art.slug, None if art.date_from_text else art.date, principals, desc, context,
        lead=events_mod.lead(art.text), entities=dict(entities),
        text_date=art.date if art.date_from_text else None,
    )


def _link_events(site: SiteData, articles: Sequence[ArticleInput], window: int,
                 profiles: dict[tuple[str, str], events_mod.Profile]) -> None:
    facts = [_facts(site, a) for a in articles]
    names = {sid: a.name for sid, a in site.actors.items()}
    titles = {a.slug: a.extraction.title for a in articles}
    site.events, site.article_event, site.inferred_dates = events_mod.find_events(
        facts, profiles, names, titles, window
    )


def _profiles(site: SiteData, articles: Sequence[ArticleInput]
              ) -> dict[tuple[str, str], events_mod.Profile]:
    """(slug, site actor) -> the roles and countries that article gives the actor."""
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    countries: dict[tuple[str, str], list[str]] = defaultdict(list)
    for art in articles:
        for a in art.extraction.actors:
            key = (art.slug, site.actor_map[(art.slug, a.id)])
            roles[key].extend(a.roles)
            countries[key].extend(a.countries)
    return {k: events_mod.make_profile(roles[k], countries[k]) for k in roles}


def _event_speakers(site: SiteData, articles: Sequence[ArticleInput],
                    profiles: dict[tuple[str, str], events_mod.Profile]) -> None:
    """An article that never names its speaker ("The Iranian minister said ...") gets the
    person when the same event's other reports name exactly one person that description
    fits (role and country): a reader of the story knows who that is. The page says it
    was identified that way."""
    by_slug = {a.slug: a for a in articles}
    actors_in: dict[str, list[str]] = defaultdict(list)
    for s, sid in profiles:
        actors_in[s].append(sid)
    for slug, event_id in sorted(site.article_event.items()):
        others = [s for s in site.events[event_id].articles if s != slug and s in by_slug]
        named = sorted({sid for s in others for sid in actors_in[s]
                        if site.actors[sid].kind == "person"
                        and nm.is_proper(site.actors[sid].name)})
        for i, q in enumerate(by_slug[slug].extraction.quotes):
            sp = q.speaker
            if sp is None or sp.actor is not None or not sp.name:
                continue
            fits = [sid for sid in named if events_mod.descriptor_fits(
                sp.name, [profiles[(s, sid)] for s in others if (s, sid) in profiles])]
            if len(fits) == 1:
                site.event_speakers[(slug, i)] = fits[0]
                actor = site.actors[fits[0]]
                actor.quotes.append((slug, i))
                if slug not in actor.articles:
                    actor.articles = sorted([*actor.articles, slug])


def _article_keys(site: SiteData, art: ArticleInput) -> dict[str, float]:
    keys: dict[str, float] = {}
    for a in art.extraction.actors:
        sid = site.actor_map[(art.slug, a.id)]
        keys[sid] = KIND_WEIGHT.get(site.actors[sid].kind, 0.3)
    for t in art.extraction.topics:
        keys["topic:" + nm.fold(t)] = TOPIC_WEIGHT
    return keys


def _related(
    site: SiteData, articles: Sequence[ArticleInput], count: int
) -> dict[str, list[str]]:
    """Weighted shared actors and topics (rarer counts more), plus a bonus for one event."""
    keys = {a.slug: _article_keys(site, a) for a in articles}
    postings: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(keys):
        for k in keys[slug]:
            postings[k].append(slug)
    n = len(articles)
    # Keys in nearly every article barely separate them, and would make this quadratic.
    common_cap = max(RELATED_COMMON_CAP, n // 2)
    out: dict[str, list[str]] = {}
    for a in articles:
        score: dict[str, float] = defaultdict(float)
        for k, w in keys[a.slug].items():
            df = len(postings[k])
            if df < 2 or df > common_cap:
                continue
            idf = math.log(1 + n / df)
            for other in postings[k]:
                score[other] += w * idf
        event = site.article_event.get(a.slug)
        if event:
            for other in site.events[event].articles:
                score[other] += SAME_EVENT_BONUS
        score.pop(a.slug, None)
        ranked = heapq.nsmallest(count, ((-round(v, 9), s) for s, v in score.items() if v > 0))
        out[a.slug] = [s for _, s in ranked]
    return out


def _co_actors(
    site: SiteData, articles: Sequence[ArticleInput]
) -> dict[str, list[tuple[str, int]]]:
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for art in articles:
        ids = sorted({site.actor_map[(art.slug, a.id)] for a in art.extraction.actors})
        for x in ids:
            for y in ids:
                if x != y:
                    together[x][y] += 1
    return {
        sid: sorted(together[sid].items(), key=lambda kv: (-kv[1], kv[0]))[:CO_ACTORS_COUNT]
        for sid in sorted(site.actors)
    }
