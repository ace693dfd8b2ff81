"""Group articles that report the same happening (a meeting, a call, a quake) into events.

Two passes. First the actors: two dated articles are one event when their dates lie within
a window and their principal actors (the people most quoted and mentioned) overlap
strongly. An undated article joins the dated event whose principals and setting (other
actors, places, topics) it matches best, when that match is clearly better than the
runner-up; unnamed speakers (``the Iranian minister``) count as a principal when their
description fits the roles and country of one of the event's principals.

Then the texts, for articles that have one, dated or not (``text_groups``): TF-IDF over
each lead beside TF-IDF over the site actors it names, made into a shared-neighbour
similarity (two reports of one happening are close to the same other reports), and
average-link clustering cut at a distance threshold, never told how many events there are.
The first pass's groups are kept whole, and no group may hold dated reports more than the
window apart. Every rule is a score with a threshold.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date as Date

import numpy as np
from scipy.sparse import csgraph, csr_matrix, hstack
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize
from slugify import slugify

from ..extract import roles as roles_mod
from ..settings import DEFAULTS
from . import namematch as nm

# How many people count as an article's principal actors, and how small a share they
# may have of the article's attention.
PRINCIPALS = 3
PRINCIPAL_MIN_SHARE = 0.15
# Dated articles: shared principal attention needed to call two reports one event.
DATED_OVERLAP = 0.5
DATED_CONTEXT = 0.15
# Sharing a single principal is weaker evidence: the setting must agree much more.
SINGLE_PRINCIPAL_CONTEXT = 0.4
# Undated articles: minimum principal overlap and setting similarity, and the lead the
# best event must have over the next one (ambiguous placements are left out).
UNDATED_OVERLAP = 0.3
UNDATED_CONTEXT = 0.2
UNDATED_MARGIN = 0.15
# An event's title names principals with at least this share of the leading one's attention.
TITLE_MIN_RATIO = 0.4

# Text pass, chosen on ECB+'s odd topics only (two similar happenings per topic). A lead is
# the first LEAD_CHARS characters: where reports say what happened, before background.
LEAD_CHARS = 500
# Weight of the named actors beside the lead's words (both unit vectors before weighting).
ENTITY_WEIGHT = 0.5
# An article's neighbourhood: its most similar articles, itself included. Reports of one
# happening share neighbours; two similar happenings share words but fewer neighbours.
NEIGHBOURS = 8
# Weaker likenesses are no neighbours: on a small site everything is in every
# neighbourhood, and two quakes' shared words must not make them one.
NEIGHBOUR_FLOOR = 0.15
# Average shared-neighbour distance at or above which two groups stay apart.
TEXT_DISTANCE = 0.75

# Reports of one story dated by the pages themselves lie at most this far apart. On ECB+'s
# odd topics 5% of same-event pairs dated so are over 60 days apart (follow-ups, looks
# back) and none over two years, where look-alike happenings (yearly patches, elections)
# usually are.
TEXT_DATE_WINDOW_DAYS = 730

_DESCRIPTOR_STOP = frozenset("the a an his her their its this that".split())


@dataclass
class ArticleFacts:
    slug: str
    date: str | None
    principals: dict[str, float]  # site actor id -> share of the article's attention
    descriptors: dict[str, float] = field(default_factory=dict)  # unnamed speaker -> share
    context: set[str] = field(default_factory=set)  # site actor ids and "topic:..." keys
    lead: str = ""  # the start of the text ("" when linking was given none)
    entities: dict[str, int] = field(default_factory=dict)  # site actor id -> mentions
    # A date the page wrote under its headline (``date`` is then None): soft evidence,
    # kept only to part reports of look-alike happenings months or years apart.
    text_date: str | None = None


@dataclass
class Event:
    id: str
    articles: list[str]
    date: str | None
    actors: list[str]
    title: str


@dataclass
class Profile:
    """An actor's roles and countries as one article gives them, to match unnamed speakers."""

    roles: list[str]
    countries: set[str]  # folded


def make_profile(roles: Sequence[str], countries: Sequence[str]) -> Profile:
    return Profile(list(roles), {nm.fold(c) for c in countries})


def _nationality(word: str, countries: set[str]) -> str | None:
    """``iranian`` -> ``iran`` when the word names (one of) the countries, else what it names."""
    for c in countries:
        if len(c) >= 4 and (word == c or word.startswith(c)):
            return c
    named = roles_mod.country_of(word)
    return nm.fold(named) if named else None


def descriptor_fits(descriptor: str, profiles: Sequence[Profile]) -> bool:
    """``the Iranian minister`` fits someone with an Iranian country and a minister's role
    in the same reports (``roles.role_matches`` keeps a deputy from passing for a minister)."""
    countries = set().union(*(p.countries for p in profiles)) if profiles else set()
    rest = []
    for w in nm.words(nm.fold(descriptor)):
        if w in _DESCRIPTOR_STOP:
            continue
        nat = _nationality(w, countries)
        if nat is None:
            rest.append(w)
        elif nat not in countries:
            return False  # a Qatari official is not the Iranian one
    if not rest:
        return False
    noun = " ".join(rest)
    return any(roles_mod.role_matches(noun, r) for p in profiles for r in p.roles)


def _ordinal(day: str | None) -> int | None:
    try:
        return Date.fromisoformat(day[:10]).toordinal() if day else None
    except ValueError:
        return None


def _days(a: str, b: str) -> int | None:
    oa, ob = _ordinal(a), _ordinal(b)
    return None if oa is None or ob is None else abs(oa - ob)


class _Idf:
    def __init__(self, facts: Sequence[ArticleFacts]):
        self.df: Counter[str] = Counter()
        for f in facts:
            self.df.update(f.context)
        n = max(len(facts), 1)
        self.w = {k: math.log(1 + n / c) for k, c in self.df.items()}

    def cosine(self, a: set[str], b: set[str]) -> float:
        if not a or not b:
            return 0.0
        dot = sum(self.w[k] ** 2 for k in a & b)
        na = math.sqrt(sum(self.w[k] ** 2 for k in a))
        nb = math.sqrt(sum(self.w[k] ** 2 for k in b))
        return dot / (na * nb) if na and nb else 0.0


def top_principals(weights: Mapping[str, float]) -> dict[str, float]:
    total = sum(weights.values())
    if not total:
        return {}
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:PRINCIPALS]
    return {k: v / total for k, v in ranked if v / total >= PRINCIPAL_MIN_SHARE}


def _overlap(
    a: ArticleFacts,
    principals: Mapping[str, float],
    slugs: Sequence[str],
    profiles: Mapping[tuple[str, str], Profile],
) -> tuple[float, int]:
    """Attention ``a`` and a group give to the same people, named or described, and how
    many people that is; a description is matched against the roles the group's own
    articles give."""
    shared = [k for k in a.principals if k in principals]
    score = sum(min(a.principals[k], principals[k]) for k in shared)
    count = len(shared)
    unmatched = {k: w for k, w in principals.items() if k not in a.principals}
    for desc, w in sorted(a.descriptors.items()):
        fits = [
            k
            for k in unmatched
            if descriptor_fits(desc, [profiles[(s, k)] for s in slugs if (s, k) in profiles])
        ]
        if len(fits) == 1:
            k = fits[0]
            score += min(w, unmatched.pop(k))
            count += 1
    return score, count


def _group_principals(group: Sequence[ArticleFacts]) -> dict[str, float]:
    acc: dict[str, float] = defaultdict(float)
    for f in group:
        for k, w in f.principals.items():
            acc[k] += w / len(group)
    return acc


def find_events(
    facts: Sequence[ArticleFacts],
    profiles: Mapping[tuple[str, str], Profile],
    names: Mapping[str, str],
    titles: Mapping[str, str],
    window_days: int = DEFAULTS["BRIEFING_EVENT_WINDOW_DAYS"],
) -> tuple[dict[str, Event], dict[str, str], dict[str, str]]:
    """Returns (events of two or more articles by id, article -> event id, inferred dates)."""
    facts = sorted(facts, key=lambda f: f.slug)
    idf = _Idf(facts)
    dated = [f for f in facts if f.date]
    undated = [f for f in facts if not f.date]

    # Dated articles: union pairs that agree, keeping every pair of an event in the window.
    groups: list[list[ArticleFacts]] = [[f] for f in dated]

    def same_event(a: ArticleFacts, b: ArticleFacts) -> bool:
        if a.date and b.date:
            d = _days(a.date, b.date)
            if d is None or d > window_days:
                return False
        (ov_ab, n_ab), (ov_ba, n_ba) = (
            _overlap(a, b.principals, [b.slug], profiles),
            _overlap(b, a.principals, [a.slug], profiles),
        )
        if min(ov_ab, ov_ba) < DATED_OVERLAP:
            return False
        # one shared person (two statements by one minister) needs a much closer setting
        need = DATED_CONTEXT if min(n_ab, n_ba) >= 2 else SINGLE_PRINCIPAL_CONTEXT
        return idf.cosine(a.context, b.context) >= need

    def fits_group(g: list[ArticleFacts], f: ArticleFacts) -> bool:
        return all(
            _days(x.date, f.date) is not None and _days(x.date, f.date) <= window_days
            for x in g
            if x.date and f.date
        )

    # only articles within the window can pair up: walk them in date order
    ordinal = {f.slug: _ordinal(f.date) for f in dated}
    by_day = sorted((f for f in dated if ordinal[f.slug] is not None),
                    key=lambda f: (ordinal[f.slug], f.slug))
    pairs = []
    for i, a in enumerate(by_day):
        for b in by_day[i + 1 :]:
            if ordinal[b.slug] - ordinal[a.slug] > window_days:
                break
            if same_event(a, b):
                pairs.append(tuple(sorted((a.slug, b.slug))))
    pairs.sort()
    where = {f.slug: g for g in groups for f in g}
    for sa, sb in pairs:
        ga, gb = where[sa], where[sb]
        if ga is gb or not all(fits_group(ga, f) for f in gb):
            continue
        ga.extend(gb)
        for f in gb:
            where[f.slug] = ga
        groups.remove(gb)

    # Undated articles: the clearly best dated event, else grouped among themselves.
    leftovers: list[ArticleFacts] = []
    # candidate events share a principal or a rare actor/topic with the article
    rare_cap = max(20, len(facts) // 10)
    index: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(groups):
        keys = set().union(*(f.principals.keys() for f in g))
        keys |= {k for f in g for k in f.context if idf.df[k] <= rare_cap}
        for k in keys:
            index[k].append(gi)
    for u in undated:
        scored = []
        near = sorted({gi for k in set(u.principals) | u.context for gi in index.get(k, ())})
        for g in (groups[gi] for gi in near):
            ov, n = _overlap(u, _group_principals(g), [f.slug for f in g], profiles)
            if ov < UNDATED_OVERLAP:
                continue
            ctx = idf.cosine(u.context, set().union(*(f.context for f in g)))
            if ctx >= (UNDATED_CONTEXT if n >= 2 else SINGLE_PRINCIPAL_CONTEXT):
                scored.append((ov + ctx, g))
        scored.sort(key=lambda s: -s[0])
        if scored and (len(scored) == 1 or scored[0][0] - scored[1][0] >= UNDATED_MARGIN):
            scored[0][1].append(u)
        else:
            leftovers.append(u)
    undated_groups: list[list[ArticleFacts]] = []
    for u in leftovers:
        for g in undated_groups:
            if all(same_event(u, f) for f in g):
                g.append(u)
                break
        else:
            undated_groups.append([u])
    groups.extend(undated_groups)
    groups = text_groups(groups, window_days)

    events: dict[str, Event] = {}
    article_event: dict[str, str] = {}
    for g in sorted(groups, key=lambda g: min(f.slug for f in g)):
        if len(g) < 2:
            continue
        slugs = sorted(f.slug for f in g)
        dates = sorted(f.date for f in g if f.date) or sorted(f.text_date for f in g
                                                              if f.text_date)
        when = dates[0] if dates else None
        weights = _group_principals(g)
        ranked = [k for k, _ in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))]
        actors = ranked[:PRINCIPALS]
        # the title names the people the reports are about, not everyone they mention
        top = weights[actors[0]] if actors else 0.0
        lead = [a for a in actors if weights[a] >= TITLE_MIN_RATIO * top]
        title = _title([names.get(a, a) for a in lead]) or titles.get(slugs[0], slugs[0])
        base = slugify(" ".join([when or slugs[0], *sorted(actors[:2])]))[:80].strip("-")
        eid = base or slugify(slugs[0])
        if eid in events or eid == "index":  # events/index.html lists the events
            eid = f"{eid}-{slugify(slugs[0])}"
        events[eid] = Event(eid, slugs, when, actors, title)
        for s in slugs:
            article_event[s] = eid
    # an undated report takes the date of the event's first dated report
    inferred = {f.slug: events[article_event[f.slug]].date for g in groups for f in g
                if not f.date and f.slug in article_event and events[article_event[f.slug]].date}
    return events, article_event, inferred


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first ``limit`` characters of ``text``, cut at a space so no word is halved."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def text_similarity(facts: Sequence[ArticleFacts]) -> csr_matrix:
    """Shared-neighbour similarity of the articles (rows and columns in ``facts`` order).

    Each article is its lead's TF-IDF beside the TF-IDF of the actors it names (mentions
    counted sublinearly, so a name repeated ten times does not drown the words); its
    neighbourhood keeps its NEIGHBOURS most similar articles and itself, and two articles
    are as similar as their neighbourhoods (cosine).
    """
    n = len(facts)
    parts = []
    try:
        parts.append(TfidfVectorizer(sublinear_tf=True).fit_transform([f.lead for f in facts]))
    except ValueError:  # no word in any lead (digits and punctuation only)
        pass
    names = DictVectorizer().fit_transform([f.entities for f in facts])
    if names.shape[1]:
        parts.append(ENTITY_WEIGHT * TfidfTransformer(sublinear_tf=True).fit_transform(names))
    if not parts:
        return csr_matrix((n, n))
    vectors = normalize(hstack(parts).tocsr())
    first = (vectors @ vectors.T).tocsr()
    first.data[first.data < NEIGHBOUR_FLOOR] = 0.0
    first.eliminate_zeros()
    keep = NEIGHBOURS + 1  # itself and its neighbours; ties at the edge are all kept
    for i in range(n):
        row = first.data[first.indptr[i] : first.indptr[i + 1]]
        if len(row) > keep:
            edge = np.partition(row, len(row) - keep)[len(row) - keep]
            row[row < edge] = 0.0
    first.eliminate_zeros()
    hood = normalize(first)
    return (hood @ hood.T).tocsr()


def _span(group: Sequence[ArticleFacts], text_dates: bool = False) -> tuple[int, int] | None:
    days = [o for o in (_ordinal(f.text_date if text_dates else f.date) for f in group)
            if o is not None]
    return (min(days), max(days)) if days else None


def text_groups(
    groups: Sequence[list[ArticleFacts]], window_days: int
) -> list[list[ArticleFacts]]:
    """Merge the groups whose articles' texts tell of one happening (see the module doc).

    Only articles with a lead take part; each carries its whole group. Two groups whose
    dated reports would lie more than ``window_days`` apart never merge.
    """
    members = [(gi, f) for gi, g in enumerate(groups) for f in g if f.lead]
    if len(members) < 2:
        return list(groups)
    sim = text_similarity([f for _, f in members])
    group_of = np.array([gi for gi, _ in members])
    # Average-link never merges across pairs that are all at or beyond the threshold, so
    # each component of the "closer than that" graph (plus the kept groups) is cut alone.
    close = sim.multiply(sim > 1.0 - TEXT_DISTANCE).tocsr()
    same = csr_matrix(
        (np.ones(len(members)), (np.arange(len(members)), group_of)),
        shape=(len(members), len(groups)),
    )
    _, component = csgraph.connected_components(close + same @ same.T, directed=False)
    spans = [_span(g) for g in groups]
    text_spans = [_span(g, text_dates=True) for g in groups]
    parent = list(range(len(groups)))

    def root(gi: int) -> int:
        while parent[gi] != gi:
            parent[gi] = parent[parent[gi]]
            gi = parent[gi]
        return gi

    for c in sorted(set(component.tolist())):
        idx = np.flatnonzero(component == c)
        if len({group_of[i] for i in idx}) < 2:
            continue
        distance = 1.0 - sim[idx][:, idx].toarray()
        own = group_of[idx]
        # Apart: dated reports too far apart. Large enough that one such pair lifts any
        # average of two groups above the threshold.
        # (An undated group spans (inf, -inf), so it is apart from none.)
        lo = np.array([spans[g][0] if spans[g] else np.inf for g in own])
        hi = np.array([spans[g][1] if spans[g] else -np.inf for g in own])
        reach = np.maximum(hi[:, None], hi[None, :]) - np.minimum(lo[:, None], lo[None, :])
        distance[reach > window_days] = len(idx) ** 2 * 10.0
        # pages' own dates part look-alikes (the 2008 and the 2013 browser patch), with room
        # for a story's follow-ups
        lo = np.array([text_spans[g][0] if text_spans[g] else np.inf for g in own])
        hi = np.array([text_spans[g][1] if text_spans[g] else -np.inf for g in own])
        reach = np.maximum(hi[:, None], hi[None, :]) - np.minimum(lo[:, None], lo[None, :])
        distance[reach > TEXT_DATE_WINDOW_DAYS] = len(idx) ** 2 * 10.0
        # a first-pass group stays whole, whatever dates its pages wrote (set last)
        distance[own[:, None] == own[None, :]] = 0.0
        np.fill_diagonal(distance, 0.0)
        labels = AgglomerativeClustering(
            n_clusters=None, distance_threshold=TEXT_DISTANCE, metric="precomputed",
            linkage="average",
        ).fit_predict(np.clip(distance, 0.0, None))
        first: dict[int, int] = {}
        for i, label in zip(own.tolist(), labels.tolist(), strict=True):
            if label in first:
                parent[root(i)] = root(first[label])
            else:
                first[label] = i
    merged: dict[int, list[ArticleFacts]] = defaultdict(list)
    for gi, g in enumerate(groups):
        merged[root(gi)].extend(g)
    return list(merged.values())


def _title(names: Sequence[str]) -> str:
    names = [re.sub(r"\s+", " ", n).strip() for n in names if n]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]
