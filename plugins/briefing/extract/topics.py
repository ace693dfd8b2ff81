"""Topics of one article: a configurable vocabulary, key places and organisations, and
recurring noun phrases. Deterministic: ranked by how often the article mentions a topic,
ties broken by name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

from ..records import Actor

# Topic -> trigger terms (matched case-insensitively on word boundaries, against both the
# words as written and their lemmas, so ``sanction`` also finds ``sanctions``). The topic's
# own name is always a trigger. Override with the ``BRIEFING_TOPICS`` setting.
DEFAULT_TOPICS: dict[str, list[str]] = {
    "Gaza": ["Gaza Strip", "Rafah", "Khan Younis"],
    "Palestine": ["Palestinian", "West Bank", "Palestinian territories"],
    "Bilateral relations": ["bilateral", "bilateral ties", "mutual ties", "two countries"],
    "Nuclear deal": [
        "JCPOA", "nuclear deal", "nuclear agreement", "nuclear talks", "Vienna talks",
        "Joint Comprehensive Plan of Action", "nuclear program", "uranium enrichment",
    ],
    "Prisoner swap": ["prisoner swap", "prisoner exchange", "swap agreement", "hostage deal"],
    "Sanctions": ["sanction", "embargo", "frozen assets", "asset freeze"],
    "Ceasefire": ["cease-fire", "truce", "pause in fighting", "armistice"],
    "Humanitarian aid": ["humanitarian aid", "humanitarian assistance", "aid convoy",
                         "urgent aid", "relief aid"],
    "Mediation": ["mediation", "mediator", "mediate", "good offices"],
    "Regional security": ["regional security", "regional stability", "regional peace"],
    "Elections": ["election", "ballot", "polling station", "electoral"],
    "Climate": ["climate change", "global warming", "emissions", "COP28", "COP29"],
    "Energy": ["oil", "natural gas", "LNG", "energy"],
    "Trade": ["trade", "tariff", "investment", "economic cooperation"],
    "Terrorism": ["terrorism", "terrorist", "extremism"],
    "Human rights": ["human rights", "rights abuses"],
    "Refugees": ["refugee", "displacement", "displaced people", "asylum"],
    "War crimes": ["war crimes", "genocide", "atrocities", "crimes against humanity"],
}
DEFAULT_LIMIT = 10
ENTITY_SLOTS = 4  # places and organisations named twice or more
PHRASE_SLOTS = 2  # recurring noun phrases
# Heads of noun phrases too generic to be a topic on their own.
_GENERIC_HEADS = frozenset(
    """
    effort country side issue development way tie relation meeting step year part call talk
    view matter interest concern role thing time day week month official minister people
    statement aspect number area field level term point source phase event visit conversation
    ministry government office agency
    """.split()
)
_PHRASE_MIN = 3  # a noun phrase must recur this often to count as a topic
_WORD = re.compile(r"\w+|[^\w\s]")


def _terms(topic: str, triggers: Iterable[str]) -> list[tuple[str, ...]]:
    terms = {tuple(_WORD.findall(t.lower())) for t in [topic, *triggers]}
    return sorted(t for t in terms if t)


def _vocabulary_hits(doc, vocabulary: Mapping[str, Iterable[str]]) -> Counter:
    """Topic -> how many times its name or a trigger occurs in the Doc, as whole tokens
    (word form or lemma); overlapping triggers of one topic count once."""
    forms = [(t.lower_, t.lemma_.lower()) for t in doc]
    starts: dict[str, list[int]] = {}
    for i, pair in enumerate(forms):
        for w in set(pair):
            starts.setdefault(w, []).append(i)
    hits: Counter = Counter()
    for topic, triggers in vocabulary.items():
        seen: set[int] = set()
        # longer terms first so ``Gaza Strip`` is one hit, not ``Gaza`` plus ``Strip``
        for term in sorted(_terms(topic, triggers), key=lambda t: (-len(t), t)):
            n = len(term)
            for i in starts.get(term[0], ()):
                if i + n <= len(forms) and all(term[k] in forms[i + k] for k in range(1, n)):
                    if seen.isdisjoint(range(i, i + n)):
                        hits[topic] += 1
                        seen.update(range(i, i + n))
    return hits


def _entity_hits(actors: Iterable[Actor]) -> Counter:
    """Places named at least twice, organisations three times (an agency cited twice as a
    source is not what the article is about). Pronouns and role nouns do not count."""
    hits: Counter = Counter()
    for a in actors:
        if a.kind == "person":
            continue
        named = sum(1 for m in a.mentions if m.text in a.aliases)
        if named >= (2 if a.kind == "place" else 3):
            hits[a.name] = named
    return hits


def _phrase_hits(doc) -> Counter:
    """Recurring two-word noun phrases (``neighborhood policy``), by lemma."""
    counts: Counter = Counter()
    surface: dict[str, Counter] = {}
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.ent_type_ or root.pos_ != "NOUN" or root.lemma_.lower() in _GENERIC_HEADS:
            continue
        mods = [t for t in chunk if t.i < root.i and t.dep_ in ("amod", "compound")
                and t.pos_ in ("ADJ", "NOUN") and not t.ent_type_ and t.is_alpha]
        if not mods:
            continue
        mod = mods[-1]
        key = f"{mod.lemma_.lower()} {root.lemma_.lower()}"
        counts[key] += 1
        surface.setdefault(key, Counter())[f"{mod.lower_} {root.lower_}"] += 1
    out: Counter = Counter()
    for key, n in counts.items():
        if n >= _PHRASE_MIN:
            form = min(surface[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            out[form[:1].upper() + form[1:]] = n
    return out


def find_topics(
    doc,
    actors: Iterable[Actor],
    vocabulary: Mapping[str, Iterable[str]] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[str]:
    """The article's topics, most mentioned first (ties by name), at most ``limit``.

    ``vocabulary`` maps topic -> trigger terms (``DEFAULT_TOPICS`` when None). A topic
    named by both the vocabulary and an entity (``Gaza``) appears once, with the higher
    count. Vocabulary topics are what editors asked for, so key entities take at most
    ``ENTITY_SLOTS`` places and noun phrases ``PHRASE_SLOTS`` while vocabulary topics wait;
    free places are filled afterwards.
    """
    vocab = DEFAULT_TOPICS if vocabulary is None else vocabulary
    # casefolded name -> (count, name, source); the vocabulary wins a tie
    scores: dict[str, tuple[int, str, str]] = {}

    def add(hits: Counter, source: str) -> None:
        for name, n in hits.items():
            key = name.casefold()
            if key not in scores or n > scores[key][0]:
                keep = scores[key] if key in scores else (0, name, source)
                scores[key] = (n, keep[1], keep[2])

    add(_vocabulary_hits(doc, vocab), "vocabulary")
    add(_entity_hits(actors), "entity")
    # noun phrases already covered by a vocabulary topic's triggers add nothing new
    covered = {" ".join(t) for topic, trig in vocab.items() for t in _terms(topic, trig)}
    add(Counter({k: v for k, v in _phrase_hits(doc).items() if k.lower() not in covered}),
        "phrase")
    ranked = sorted(scores.values(), key=lambda x: (-x[0], x[1].casefold(), x[1]))
    caps = {"entity": ENTITY_SLOTS, "phrase": PHRASE_SLOTS}
    used: Counter = Counter()
    chosen: list[tuple[int, str, str]] = []
    for item in ranked:
        if len(chosen) < limit and used[item[2]] < caps.get(item[2], limit):
            chosen.append(item)
            used[item[2]] += 1
    for item in ranked:
        if len(chosen) < limit and item not in chosen:
            chosen.append(item)
    chosen.sort(key=lambda x: (-x[0], x[1].casefold(), x[1]))
    return [name for _, name, _ in chosen]
