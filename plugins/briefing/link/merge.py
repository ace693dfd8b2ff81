"""Cluster per-article actors into one site actor per real person or institution.

A false merge (two people shown as one) is worse than a missed one, so merging goes from
the strongest evidence to the weakest and every union checks *every* pair of members for a
conflict (different patronymic, different given name under one family name, different kind,
an editor's ``different``): A~B and B~C never chain into A=C when A and C conflict.

Order of evidence:
1. editor's ``same`` groups (overrides);
2. identical names (after folding case, diacritics, honorifics, particles); a one-word
   name, or an institution, only when the articles do not tie them to different countries;
3. the same full name with transliteration variants (``al-Khalifi``/``al-Khulaifi``), only
   with corroboration: a shared country, a similar role or a shared co-occurring actor;
4. shorter forms (``Ali Bagheri``, ``Bagheri Kani``) into the one fuller name they fit;
   a short form that fits several conflicting people stays apart;
5. one-word names (``Bagheri``, ``Tamim``, ``Trump``) into the one site actor they fit, or
   the one that clearly leads the others on corroboration and support (``Trump`` is the
   president across a hundred articles, not Melania in five); an honorific's gender must
   fit.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..extract import names, roles
from . import namematch as nm

log = logging.getLogger(__name__)


@dataclass
class Node:
    """One per-article actor, with the evidence linking needs."""

    slug: str
    local_id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    countries: frozenset[str] = frozenset()
    co_names: frozenset[str] = frozenset()  # folded names of other people/institutions nearby
    mention_texts: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str]:
        return (self.slug, self.local_id)

    @property
    def forms(self) -> list[str]:
        return [self.name, *self.aliases]


class _Clusters:
    def __init__(self, nodes: Sequence[Node], forbidden: set[frozenset[int]]):
        self.nodes = nodes
        self.parent = list(range(len(nodes)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(nodes))}
        self.person = [nm.parse_person(_formal(n)) if n.kind == "person" else None
                       for n in nodes]
        self.forbidden_of: dict[int, set[int]] = defaultdict(set)
        for pair in forbidden:
            i, j = tuple(pair)
            self.forbidden_of[i].add(j)
            self.forbidden_of[j].add(i)
        # Name conflicts depend only on (kind, name): compare each cluster's distinct names.
        self.sigs: dict[int, set[tuple[str, str]]] = {
            i: {(n.kind, n.name)} for i, n in enumerate(nodes)
        }

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_union(self, i: int, j: int, names: bool = True) -> bool:
        """No editor-forbidden pair and (with ``names``) no two conflicting names across."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if self.forbidden_of:
            small, big = sorted((ri, rj), key=lambda r: len(self.members[r]))
            for x in self.members[small]:
                if any(self.find(y) == big for y in self.forbidden_of.get(x, ())):
                    return False
        if not names:
            return True
        return not any(_sig_conflict(a, b) for a in self.sigs[ri] for b in self.sigs[rj])

    def union(self, i: int, j: int, names: bool = True) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self.can_union(i, j, names):
            return False
        if ri > rj:
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.members[ri].extend(self.members.pop(rj))
        self.sigs[ri] |= self.sigs.pop(rj)
        return True

    def groups(self) -> list[list[int]]:
        return sorted(sorted(m) for m in self.members.values())


@functools.lru_cache(maxsize=500_000)
def _sig_conflict(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two (kind, name) can never be one actor."""
    if a[0] != b[0]:
        return True
    if a[0] == "person":
        return nm.persons_conflict(nm.parse_person(a[1]), nm.parse_person(b[1]))
    return not nm.orgs_match(a[1], b[1])


def _evidence(nodes: Iterable[Node], others: Iterable[Node]) -> tuple[int, bool]:
    """(corroborating signals, countries disagree) between two sets of per-article actors."""
    a, b = list(nodes), list(others)
    ca = set().union(*(n.countries for n in a))
    cb = set().union(*(n.countries for n in b))
    score = 0
    if ca & cb:
        score += 1
    ra = sorted({r for x in a for r in x.roles})
    rb = sorted({r for y in b for r in y.roles})
    if any(nm.roles_similar(r, s) for r in ra for s in rb):
        score += 1
    co_a = set().union(*(n.co_names for n in a))
    co_b = set().union(*(n.co_names for n in b))
    if co_a & co_b:
        score += 1
    return score, bool(ca and cb and not ca & cb)


def _form_matches(query: str, node: Node) -> bool:
    qk = "".join(nm.words(nm.fold(nm.strip_titles(query))))
    if not qk:
        return False
    for form in [*node.forms, *node.mention_texts]:
        if "".join(nm.words(nm.fold(nm.strip_titles(form)))) == qk:
            return True
    return False


def nodes_named(query: str, nodes: Sequence[Node]) -> list[int]:
    """Indices of the nodes one of whose names (folded, without titles) is ``query``."""
    return [i for i, n in enumerate(nodes) if _form_matches(query, n)]


def _formal(node: Node) -> str:
    """The spelling a person is compared by: the article's formal given name when its
    name is a short form of one it also writes ("Fred LaRue", also "Frederick LaRue").
    The article tied the two itself, so "Frederick C. LaRue" elsewhere is no mere
    variant of "Fred"."""
    me = nm.parse_person(node.name)
    if me.single:
        return node.name
    for alias in node.aliases:
        other = nm.parse_person(alias)
        if (len(other.tokens) == len(me.tokens) and other.generation == me.generation
                and other.tokens[1:] == me.tokens[1:]
                and len(other.tokens[0]) > len(me.tokens[0])
                and nm.given_match(me.tokens[0], other.tokens[0])):
            return alias
    return node.name


def cluster(
    nodes: Sequence[Node],
    same: Sequence[Sequence[str]] = (),
    different: Sequence[Sequence[str]] = (),
    source: str = "overrides",
) -> tuple[list[list[int]], list[str]]:
    """Group node indices into site actors; returns (groups sorted, warnings)."""
    warnings: list[str] = []
    _people_by_full_name(nodes)
    _institutions_by_majority(nodes)
    original = [n.kind for n in nodes]
    turned = _family_names_tagged_as_places(nodes)
    _headline_words_off(nodes)

    def warn(msg: str, level: int = logging.WARNING) -> None:
        # Ambiguous names are notes (INFO): expected on any large site, fixed by an editor.
        warnings.append(msg)
        log.log(level, msg)

    forbidden: set[frozenset[int]] = set()
    for group in different:
        hits = [nodes_named(name, nodes) for name in group]
        for name, h in zip(group, hits, strict=True):
            if not h:
                warn(f"briefing: {source}: 'different' name {name!r} matches no actor")
        for x in range(len(hits)):
            for y in range(x + 1, len(hits)):
                forbidden.update(frozenset((i, j)) for i in hits[x] for j in hits[y] if i != j)

    cl = _Clusters(nodes, forbidden)
    for group in same:
        hits = [i for name in group for i in nodes_named(name, nodes)]
        for name in group:
            if not nodes_named(name, nodes):
                warn(f"briefing: {source}: 'same' name {name!r} matches no actor")
        for i in hits[1:]:
            if not cl.union(hits[0], i, names=False):
                warn(
                    f"briefing: {source}: 'same' {list(group)!r} contradicts 'different'; "
                    "kept apart"
                )

    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        by_kind[n.kind].append(i)
    for kind, idx in sorted(by_kind.items()):
        if kind == "person":
            _cluster_persons(cl, idx, warn)
        else:
            _cluster_named(cl, idx)
    _place_prefixed_short_forms(cl, by_kind.get("organization", []))
    groups = cl.groups()
    for group in groups:
        if set(group) <= turned:  # called a person only to join one, and it joined nobody
            for i in group:
                nodes[i].kind = original[i]
    return groups, warnings


def _people_by_full_name(nodes: Sequence[Node]) -> None:
    """The tagger calls Hugh Jackman a place in one article and a person in ten: a
    multi-word name that other articles tag as a person's full name is that person (a
    lone word, "Jordan" or "Lohan", is too often a place to follow it)."""
    people = {_full_key(n.name) for n in nodes if n.kind == "person" and nm.is_proper(n.name)}
    people.discard(None)
    for n in nodes:
        if n.kind != "person" and _full_key(n.name) in people and not nm.acronym(n.name):
            n.kind = "person"
            continue
        # "American Hasim Rahman", tagged an organisation: a nationality before a full
        # name the site knows as a person's is that person.
        words = n.name.split()
        if (n.kind != "person" and len(words) >= 3 and words[0].lower() in roles.DEMONYMS
                and _full_key(" ".join(words[1:])) in people):
            rest = " ".join(words[1:])
            n.kind, n.name = "person", rest
            n.aliases = [a for a in n.aliases if a != rest]
    # A lone word follows the site's majority: "Trump" tagged as an organisation in 30
    # articles and as a person in 300 is the person; "Jordan" the country stays a place.
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for n in nodes:
        # every article's word for it counts: "Trump" is a person's short name in hundreds
        for word in {nm.fold(f) for f in n.forms if len(nm.words(nm.fold(f))) == 1
                     and not nm.acronym(f)}:
            votes[word][n.kind] += 1
    for n in nodes:
        vote = votes.get(nm.fold(n.name))
        if (vote and n.kind != "person" and vote["person"] > 2 * sum(vote.values())
                - 2 * vote["person"] and not roles.country_of(n.name)):
            n.kind = "person"


# A name the site calls an institution in this many times as many articles as it calls it
# a person is an institution's ("Colts": an organisation in 17 articles, a person in 3).
INSTITUTION_MAJORITY = 2


def _institutions_by_majority(nodes: Sequence[Node]) -> None:
    """The converse of the lone-word rule above: a name the site tags as an organisation
    (or a place) far more often than as a person, that is no person's full name and no
    person's family name on the site, is that institution wherever it is tagged a person.
    "Trump" (a family name) and "Hugh Jackman" (a full name) are never touched."""
    people = {_full_key(n.name) for n in nodes if n.kind == "person" and nm.is_proper(n.name)}
    people.discard(None)
    families = {key[0][-1] for key in people}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for n in nodes:
        votes[nm.fold(n.name)][n.kind] += 1
    for n in nodes:
        if n.kind != "person" or _full_key(n.name) in people:
            continue
        vote = votes[nm.fold(n.name)]
        tokens = nm.parse_person(n.name).tokens
        if len(tokens) == 1 and tokens[0] in families:
            continue
        kind, count = max(((k, c) for k, c in vote.items() if k != "person"),
                          key=lambda kc: (kc[1], kc[0]), default=(None, 0))
        if kind is not None and count > INSTITUTION_MAJORITY * vote["person"]:
            n.kind = kind


# The long form of a short one ("New Orleans Saints" of "Saints") is written in at least
# this share of the articles that write the short one.
SHORT_FORM_SUPPORT = 0.5


def _place_prefixed_short_forms(cl: _Clusters, idx: list[int]) -> None:
    """"Saints" is the "New Orleans Saints", "Colts" the "Indianapolis Colts": an
    organisation named after a place the site knows, and the same name without the place,
    are one when an article writes both, the site names no other organisation with that
    short form, and the long form is not a rarity beside the short one ("Texas Republican
    Party" in two articles is not the "Republican Party" of a hundred)."""
    nodes = cl.nodes
    # a place the site names in two articles at least: the tagger calls the odd given name
    # a place ("Lester" of "Lester Holt")
    seen: dict[str, set[str]] = defaultdict(set)
    for n in nodes:
        if n.kind == "place":
            seen[nm.fold(n.name)].add(n.slug)
    places = {name for name, slugs in seen.items() if len(slugs) >= 2}
    # "Capitol Hill" / "Hill": a short form the site names a person by is no team's
    people = {nm.fold(n.name) for n in nodes if n.kind == "person"}
    keys_in: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    articles: dict[tuple[str, ...], set[str]] = defaultdict(set)
    node_of: dict[tuple[str, ...], int] = {}
    for i in idx:
        key = nm.org_key(nodes[i].name)
        keys_in[nodes[i].slug].add(key)
        articles[key].add(nodes[i].slug)
        node_of.setdefault(key, i)
    longs: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    together: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for i in idx:
        for words in names.after_place(nodes[i].name.split(), lambda h: nm.fold(h) in places):
            rest = " ".join(words)
            if nm.fold(rest) not in people:
                short, long_ = nm.org_key(rest), nm.org_key(nodes[i].name)
                longs[short].add(long_)
                if short in keys_in[nodes[i].slug]:
                    together.add((short, long_))
                break
    for short, found in longs.items():
        if len(found) != 1 or short not in node_of:
            continue
        long_ = next(iter(found))
        if ((short, long_) in together
                and len(articles[long_]) >= SHORT_FORM_SUPPORT * len(articles[short])):
            # the article's own pairing is the evidence, as for an alias
            cl.union(node_of[short], node_of[long_], names=False)


# A name read off a headline or an epithet: on that many briefings at least, a full name is
# one readers know, and a word before it that is nobody's given name is not part of it.
HEADLINE_WORD_MIN_ARTICLES = 3


def _headline_words_off(nodes: Sequence[Node]) -> None:
    """``Certainly Donald Trump``, ``Crooked Hillary Clinton``, ``Floridians Jeb Bush``: a
    person named as a full name the site knows well, after a word no first-name list knows,
    is that person (the word came from a headline or an epithet). A known given name before
    it (``Mary Kate Olsen`` / ``Kate Olsen``) is another person and is left alone."""
    seen: dict[tuple, set[str]] = defaultdict(set)
    for n in nodes:
        key = _full_key(n.name) if n.kind == "person" and nm.is_proper(n.name) else None
        if key is not None:
            seen[key].add(n.slug)
    for n in nodes:
        if n.kind != "person":
            continue
        words = nm.strip_titles(n.name).split()
        if len(words) < 3 or nm.is_given_name(words[0]):
            continue
        rest = " ".join(words[1:])
        key, whole = _full_key(rest), _full_key(n.name)
        if (key is not None and whole is not None and key[0] == whole[0][1:]
                and len(seen.get(key, ())) >= HEADLINE_WORD_MIN_ARTICLES):
            n.aliases = [a for a in n.aliases if a != rest]
            n.name = rest
    _headline_words_after(nodes, seen)


def _headline_words_after(nodes: Sequence[Node], seen: dict[tuple, set[str]]) -> None:
    """``Donald Trump Wins``, ``Chris Christie Address``: a Title Case headline runs its
    verb into the name. A full name the site knows well, then one word that is nobody's
    family name on the site, no given name and no suffix, and that the article never
    uses alone for the person, is that person (``John Paul Jones`` keeps ``Jones``: a
    family name, or the article's own short name for him)."""
    families: Counter[str] = Counter()  # how many person nodes' names end in each word
    for n in nodes:
        if n.kind == "person":
            person = nm.parse_person(n.name)
            if person.tokens:
                families[person.tokens[-1]] += 1
    for n in nodes:
        if n.kind != "person" or nm.generation(n.name):
            continue
        words = nm.strip_titles(n.name).split()
        if len(words) < 3:
            continue
        rest, last = " ".join(words[:-1]), nm.fold(words[-1])
        key = _full_key(rest)
        if (key is None or len(seen.get(key, ())) < HEADLINE_WORD_MIN_ARTICLES
                or not words[-1][:1].isupper() or nm.is_given_name(words[-1])):
            continue
        own = {nm.fold(f) for f in [*n.aliases, *n.mention_texts]}
        # another person's name ends in it (this node's own name does: count it out)
        if last in own or families[last] > 1:
            continue
        n.aliases = [a for a in n.aliases if a != rest]
        n.name = rest


# Names two articles share beyond the one in question: enough to say they tell one story.
SHARED_COMPANY = 2


def _family_names_tagged_as_places(nodes: Sequence[Node]) -> set[int]:
    """``Lohan Checks Into Rehab``: an article that never names Lindsay Lohan in full has the
    tagger call "Lohan" a place (or an organisation). A lone word that is the family name of
    people on the site, named beside the company of exactly one of them (at least two of the
    same other people or institutions, and most of its own company), and that the site does
    not call a place or organisation more often than it names that person, is a person;
    linking then decides whose name it is. "Paris", "Indiana" and "Reuters" stay what the
    site mostly calls them, and so does a country. Returns the nodes turned into persons
    (``cluster`` turns back those that joined nobody)."""
    families: dict[str, dict[tuple, set[str]]] = defaultdict(lambda: defaultdict(set))
    seen_in: dict[tuple, set[str]] = defaultdict(set)
    for n in nodes:
        key = _full_key(n.name) if n.kind == "person" and nm.is_proper(n.name) else None
        if key is not None:
            families[key[0][-1]][key].update(n.co_names)
            seen_in[key].add(n.slug)
    tagged: dict[str, set[str]] = defaultdict(set)  # word -> articles calling it no person
    for n in nodes:
        if n.kind != "person":
            tagged[nm.fold(n.name)].add(n.slug)
    turned = set()
    for i, n in enumerate(nodes):
        if n.kind == "person" or nm.acronym(n.name) or roles.country_of(n.name):
            continue
        word = nm.words(nm.fold(n.name))
        if len(word) != 1 or word[0] not in families or not n.co_names:
            continue
        close = [k for k, company in families[word[0]].items()
                 if len(n.co_names & company) >= SHARED_COMPANY
                 and 2 * len(n.co_names & company) >= len(n.co_names)]
        if len(close) == 1 and len(tagged[nm.fold(n.name)]) <= len(seen_in[close[0]]):
            n.kind = "person"
            turned.add(i)
    return turned


def _full_key(name: str) -> tuple | None:
    """Given, middle and family names with the suffix: one person's full name."""
    person = nm.parse_person(name)
    return (person.tokens, person.generation) if len(person.tokens) > 1 else None


def _merge_identical(
    cl: _Clusters, groups: Iterable[list[int]], veto: Callable[[int], bool] = lambda i: True
) -> list[int]:
    """Merge nodes with the same name unless their countries disagree (two "Foreign
    Ministry"s of two countries) where ``veto(node)`` lets countries decide; returns one
    node per cluster."""
    reps = []
    for members in groups:
        heads: list[tuple[int, set[str]]] = []  # (node, countries of its cluster so far)
        for i in members:
            mine = cl.nodes[i].countries
            for h, countries in heads:
                agree = not mine or not countries or bool(mine & countries) or not veto(i)
                if agree and cl.union(h, i):
                    countries |= mine
                    break
            else:
                heads.append((i, set(mine)))
        reps.extend(h for h, _ in heads)
    return sorted(reps)


def _cluster_named(cl: _Clusters, idx: list[int]) -> None:
    """Institutions and places: same words, else an alias or acronym of exactly one other."""
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in idx:
        by_key[nm.org_key(cl.nodes[i].name)].append(i)
    reps = _merge_identical(cl, by_key.values())
    reps_of_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in reps:
        reps_of_key[nm.org_key(cl.nodes[i].name)].append(i)
    by_initials: dict[str, list[int]] = defaultdict(list)
    by_acronym: dict[str, list[int]] = defaultdict(list)
    for i in reps:
        by_initials[nm.initials(cl.nodes[i].name)].append(i)
        acr = nm.acronym(cl.nodes[i].name)
        if acr:
            by_acronym[acr].append(i)
    for i in reps:
        node = cl.nodes[i]
        cands = {j for k in map(nm.org_key, node.aliases) for j in reps_of_key.get(k, ())}
        acr = nm.acronym(node.name)
        # An acronym joins its expansion only when the site has one: "BS" is Bear Stearns,
        # the Boy Scouts and Bernie Sanders, and must not chain them into one.
        if acr and len({cl.find(j) for j in by_initials.get(acr, ())}) == 1:
            cands.update(by_initials.get(acr, ()))
        own = nm.initials(node.name)
        if own and len({cl.find(j) for j in by_initials.get(own, ())}) == 1:
            cands.update(by_acronym.get(own, ()))
        targets = {cl.find(j) for j in cands if j != i}
        targets.discard(cl.find(i))
        if len(targets) == 1:
            # an alias is the article's own evidence, so the name check is skipped
            cl.union(i, targets.pop(), names=False)


def _where(cl: _Clusters, i: int) -> str:
    slugs = sorted({cl.nodes[m].slug for m in cl.members[cl.find(i)]})
    return slugs[0] if len(slugs) == 1 else f"{slugs[0]} and {len(slugs) - 1} more articles"


# A one-word name goes to the fullest person it fits only when that one clearly leads:
# better corroborated (shared co-occurring actors, a similar role, a shared country) than
# every rival, or as well corroborated and seen in this many times as many articles.
DOMINANCE = 3
DOMINANT_MIN_ARTICLES = 3
# ... or seen in this many times as many articles as any rival, whatever the rivals'
# corroboration, when it is corroborated itself.
OVERWHELMING = 20
# A two-word name between fuller ones (George Bush: George W. or George H. W.?) needs more.
DOMINANCE_SHORT = 5


def _gender_fits(name: nm.PersonName, members: Sequence[Node],
                 mine: Sequence[Node] = ()) -> bool:
    """``Mrs. Trump`` is no man and ``Mr. Trump`` no woman: what the honorific says, else
    the pronouns the articles resolved to this name (``Peterson ... his wife``), against
    the candidate's honorifics, else its first name; anyone fits when nothing says."""
    said = {names.honorific_gender(h) for h in name.honorifics} - {None}
    if not said:
        said = {names.PRONOUN_GENDER.get(t.casefold()) for n in mine for t in n.mention_texts}
        said -= {None}
    if len(said) != 1:
        return True
    theirs = {names.honorific_gender(h) for n in members for f in n.forms
              for h in nm.honorifics_of(f)} - {None}
    if not theirs:
        theirs = _pronoun_gender(members)
    if not theirs:
        full = max((f for n in members for f in n.forms), key=lambda f: len(f.split()))
        theirs = {names.guess_gender(nm.strip_titles(full), loose=True)} - {None}
    return not theirs or theirs == said


def _pronoun_gender(members: Sequence[Node]) -> set[str]:
    """What the articles' own pronouns say of a person, when they clearly agree (twice as
    often one way): they know Raj Chohan is a woman better than a table of first names."""
    said = Counter(g for n in members for t in n.mention_texts
                   if (g := names.PRONOUN_GENDER.get(t.casefold())))
    if not said:
        return set()
    (top, count), *rest = said.most_common()
    return {top} if not rest or count >= 2 * rest[0][1] else set()


def _dominant(cl: _Clusters, i: int, fits: list[int],
              members_of: Callable[[int], list[Node]], ratio: int = DOMINANCE) -> list[int]:
    """The one candidate that clearly leads for node ``i``, else all of them (ambiguous)."""
    mine = members_of(i)
    ranked = sorted(
        ((_evidence(mine, members_of(r))[0], len({n.slug for n in members_of(r)}), r)
         for r in fits),
        reverse=True,
    )
    (ev, support, best), (ev2, support2, _) = ranked[0], ranked[1]
    if ev > ev2 and support >= support2:
        return [best]
    if ev == ev2 and support >= DOMINANT_MIN_ARTICLES and support >= ratio * support2:
        return [best]
    # A name readers know from hundreds of briefings, against rivals seen in a handful
    # (headline slips such as "Crooked Hillary", "Stop Hillary"): the rivals' one shared
    # co-occurring name cannot outweigh it, as long as it is corroborated too.
    by_support = sorted(ranked, key=lambda r: (r[1], r[0]), reverse=True)
    (ev_top, top_support, top), (_, next_support, _) = by_support[0], by_support[1]
    if ev_top >= 1 and top_support >= OVERWHELMING * max(next_support, 1):
        return [top]
    return fits


def _cluster_persons(cl: _Clusters, idx: list[int], warn: Callable[..., None]) -> None:
    nodes = cl.nodes
    # Descriptions ("the Iranian minister") are not names: they never merge by name.
    proper = [i for i in idx if nm.is_proper(nodes[i].name) and cl.person[i].tokens]
    by_tokens: dict[tuple[tuple[str, ...], str], list[int]] = defaultdict(list)
    for i in proper:  # the suffix is part of the name: Donald Trump is not Donald Trump Jr.
        by_tokens[(cl.person[i].tokens, cl.person[i].generation)].append(i)
    # 2. identical names. Countries are soft evidence that never keeps apart one full
    # name: an article calls Hugh Jackman Australian, another ties him to Hollywood. A lone
    # given or family name ("Ali", "Khan") is too common to merge against them.
    reps = _merge_identical(cl, by_tokens.values(), veto=lambda i: cl.person[i].single)
    multi = [i for i in reps if not cl.person[i].single]
    single = [i for i in reps if cl.person[i].single]

    blocks: dict[str, list[int]] = defaultdict(list)  # for pairs of multi-token names
    by_token: dict[str, list[int]] = defaultdict(list)  # for one-word names
    for i in multi:
        for key in nm.blocking_keys(cl.person[i], first=False):
            blocks[key].append(i)
        for key in nm.blocking_keys(cl.person[i]):
            by_token[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((min(members[x], members[y]), max(members[x], members[y])))

    def members_of(i: int) -> list[Node]:
        return [nodes[m] for m in cl.members[cl.find(i)]]

    # 3. same full name, transliteration variants: only with corroboration
    shorter: dict[int, set[int]] = defaultdict(set)
    fuzzy: set[tuple[int, int]] = set()  # (short, full) fitting only as a variant
    for i, j in sorted(pairs):
        rel, q = nm.compare_persons(cl.person[i], cl.person[j])
        if rel == "equal":
            score, disagree = _evidence(members_of(i), members_of(j))
            if not disagree and (q == nm.EXACT or score >= 1):
                cl.union(i, j)
        elif rel in ("a<b", "b<a"):
            short, full = (i, j) if rel == "a<b" else (j, i)
            shorter[short].add(full)
            if q != nm.EXACT:
                fuzzy.add((short, full))

    # 4. shorter forms into the one fuller name they fit
    for i in sorted(shorter):
        targets = sorted({cl.find(j) for j in shorter[i]})
        if len(targets) > 1 and any(
            not cl.can_union(a, b) for k, a in enumerate(targets) for b in targets[k + 1 :]
        ):
            # "Donald Trump" fits "Donald J. Trump" in 92 briefings and a headline slip
            # ("Polls Donald Trump") in one: the clear leader takes it
            targets = _dominant(cl, i, targets, members_of, DOMINANCE_SHORT)
        if len(targets) > 1 and any(
            not cl.can_union(a, b) for k, a in enumerate(targets) for b in targets[k + 1 :]
        ):
            warn(
                f"briefing: {nodes[i].name!r} ({_where(cl, i)}) fits several people; "
                "kept apart (add a 'same' entry to content/actors.yml to merge)",
                logging.INFO,
            )
            continue
        for t in targets:
            score, disagree = _evidence(members_of(i), members_of(t))
            # a variant (Fred for Frederick) needs what a variant full name needs
            variant = any((i, j) in fuzzy for j in shorter[i] if cl.find(j) == t)
            if not disagree and (not variant or score >= 1):
                cl.union(i, t)

    # 5. one-word names: only when exactly one site actor fits
    for i in single:
        me = cl.person[i]
        candidates = by_token.get(nm.skeleton(me.tokens[0]), [])
        fits = sorted(
            {
                cl.find(j)
                for j in candidates
                if cl.find(j) != cl.find(i) and nm.single_fits(me, cl.person[j])
            }
        )
        fits = [r for r in fits if cl.can_union(i, r)]
        # a lone name tied to other countries stays apart (soft for full names, not here)
        fits = [r for r in fits if not _evidence(members_of(i), members_of(r))[1]]
        fits = [r for r in fits if _gender_fits(me, members_of(r), members_of(i))]
        if len(fits) > 1:
            fits = _dominant(cl, i, fits, members_of)
        if len(fits) > 1 and me.honorifics:
            # "Sheikh Mohammed": prefer the one written with the same honorific
            titled = [
                r for r in fits if any(me.honorifics & nm.honorifics_of(f)
                                       for n in members_of(r) for f in n.forms)
            ]
            fits = titled or fits
        if len(fits) == 1:
            cl.union(i, fits[0])
        elif fits:
            held = sorted({nodes[r].name for r in fits})
            shown = ", ".join(held[:4]) + (f" and {len(held) - 4} more" if len(held) > 4 else "")
            warn(
                f"briefing: {nodes[i].name!r} ({_where(cl, i)}) could be any of {shown}; "
                "kept apart (add a 'same' entry to content/actors.yml to merge)",
                logging.INFO,
            )
