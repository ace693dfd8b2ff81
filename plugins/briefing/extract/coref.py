"""Who ``he``, ``the Iranian diplomat`` and ``the statement`` refer to, within one article.

A single left-to-right pass keeps a salience history of who was mentioned where, and as
subject or speaker. Pronouns go to the person in focus: a subject earlier in the same
sentence, else the speaker or subject of the nearest sentence before. Role nouns go to the
person whose stated title and country fit, the most recently mentioned first. Statements
go to the institution that spoke last. Someone the article describes but never names
becomes a placeholder labelled by the role (``Iranian minister``), never a guessed person.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..records import Actor
from ..textformat import split_paragraphs
from . import names, quote_marks, roles
from .nlp import doc_text

_PRONOUNS = names.PRONOUN_GENDER
_STATEMENT_NOUNS = frozenset("statement communique communiqué readout".split())
_INSTITUTION_WORDS = frozenset(
    "ministry government diwan embassy parliament cabinet army presidency office".split()
)
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_LOOKBACK_SENTENCES = 5


@dataclass
class Target:
    """What a mention refers to: a named actor, or a placeholder for an unnamed person."""

    label: str
    kind: str
    actor: Actor | None = None
    roles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str | None = None
    lead: bool = False  # a placeholder introduced as the subject of the lead paragraph


@dataclass
class _Seen:
    sent: int
    tok: int
    target: Target
    subject: bool
    speaker: bool


def _entity_text(tok) -> str:
    """The whole entity a token belongs to (``New Mexico``, not ``Mexico``)."""
    doc = tok.doc
    s = tok.i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = tok.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return doc[s:e].text


def _demonym_country(tok, places) -> str | None:
    if tok.ent_type_ in ("NORP", "GPE", "LOC", "") and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
        if tok.ent_type_ == "NORP" or tok.text[:1].isupper():
            text = tok.text
            if tok.ent_type_ == "GPE":
                whole = _entity_text(tok)
                if not any(roles.is_role_noun(w) for w in whole.split()):
                    text = whole
            return roles.country_of(text, places if tok.ent_type_ else ())
    return None


def role_phrase(doc, head, places, limit: int | None = None):
    """Read a role noun phrase around its head token: (role tokens, country, start, end).

    ``the top Iranian diplomat`` -> ([top, diplomat], Iran); ``the Emir of Qatar`` ->
    ([Emir], Qatar); ``the deputy foreign minister for political affairs`` -> all its words.
    With ``limit`` (an apposition's closing comma) the whole ``for ...`` tail is the role's.
    ``country`` may also be the organisation the role belongs to (``the European Union's
    coordinator``): both are what ties a person to a side.
    """
    country = None
    words = []
    first = head.i
    i = head.i - 1
    while i >= 0 and head.i - i <= 6:
        tok = doc[i]
        if tok.text in ("’s", "'s", "’", "'"):
            if i > 0 and doc[i - 1].ent_type_ in ("GPE", "NORP", "ORG"):
                k = i - 1
                while k > 0 and doc[k].ent_iob_ == "I":
                    k -= 1
                country = country or roles.canonical_country(doc[k:i].text)
                first = k
            break  # ``the country’s prime minister``: whose is not said here
        if tok.is_punct:
            break
        demonym_country = _demonym_country(tok, places)
        if demonym_country:
            country = country or demonym_country
            while i > 0 and doc[i].ent_iob_ == "I":
                i -= 1  # ``the former New Mexico governor``: all of ``New Mexico``
            first = i
            i -= 1
            continue
        if tok.lower_ in ("the", "a", "an"):
            first = i
            break
        if tok.pos_ in ("ADJ", "NOUN", "PROPN", "VERB") and tok.ent_type_ not in (
            "PERSON", "ORG", "DATE"
        ) and tok.dep_ in ("amod", "compound", "nmod", "advmod", "npadvmod"):
            words.insert(0, tok)
            first = i
            i -= 1
            continue
        break
    words.append(head)
    end = head.i + 1
    # ``of Qatar`` names the country; ``for political affairs`` is part of the office.
    j = head.i + 1
    end_cap = limit if limit is not None else len(doc)
    if j < end_cap and doc[j].lower_ in ("of", "for"):
        k = j + 1
        tail = []
        while k < end_cap and k - j <= 6 and not doc[k].is_punct:
            if doc[k].ent_type_ == "GPE" and doc[j].lower_ == "of" and k == j + 1 + (
                doc[j + 1].lower_ == "the"
            ):
                g = k
                while g < end_cap and doc[g].ent_type_ == "GPE":
                    g += 1
                country = country or roles.canonical_country(doc[k:g].text)
                end = g
                tail = []
                break
            if limit is not None or (
                doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "DET")
                and doc[k].ent_type_ not in ("PERSON", "DATE", "ORG", "GPE")
            ):
                tail.append(doc[k])
                k += 1
                continue
            break
        if tail and (limit is not None or any(t.lower_ in roles.ROLE_MODIFIERS for t in tail)):
            words.append(doc[j])
            words.extend(t for t in tail if t.lower_ != "the")
            end = tail[-1].i + 1
    return words, country, first, end


class Tracker:
    """One pass over a Doc that resolves pronouns, role nouns and statements."""

    def __init__(self, doc, actors: list[Actor], info: dict, title_tokens: set[int],
                 places: list[str], speakers=()):
        self.doc = doc
        self.places = places
        self.title_tokens = title_tokens
        self.speakers = list(speakers)
        # Words inside quotation marks are the speaker's voice: their pronouns are not ours
        # to resolve, and names said in a quote are not who the article is focused on.
        text = doc_text(doc)
        self.quoted = sorted((r.start, r.end) for r in quote_marks.find_quoted(
            text, split_paragraphs(text)))
        self._quoted_starts = [a for a, _ in self.quoted]
        self.targets: dict[str, Target] = {}
        self.named: list[tuple[int, int, Target]] = []  # token spans of named mentions
        for a in actors:
            t = Target(a.name, a.kind, a, list(a.roles), list(a.countries),
                       (info.get(a.id) or {}).get("gender"))
            self.targets[a.id] = t
            keys = {names.name_key(x) for x in a.aliases}
            for m in a.mentions:
                if m.text in a.aliases or names.name_key(m.text) in keys:
                    span = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if span is not None:
                        self.named.append((span.start, span.end, t))
        self.placeholders: list[Target] = []
        breaks = [m.end() for m in re.finditer(r"\n[ \t]*\n", text)]
        self.para_of = [bisect.bisect_right(breaks, tok.idx) for tok in doc]
        self.sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            for tok in sent:
                self.sent_of[tok.i] = n

    # -- mention discovery ------------------------------------------------------------
    def _mentions(self):
        """(start, end, kind, head token index, payload) for everything worth resolving."""
        doc = self.doc
        items = []
        covered = set()
        for s, e, t in self.named:
            items.append((s, e, "named", doc[s:e].root.i, t))
            if t.kind != "place":  # ``Iran’s foreign minister`` is a role noun, not Iran
                covered.update(range(s, e))
        for tok in doc:
            if tok.i in covered or tok.i in self.title_tokens:
                continue
            low = tok.lower_
            if low in _PRONOUNS and tok.pos_ == "PRON":
                items.append((tok.i, tok.i + 1, "pronoun", tok.i, _PRONOUNS[low]))
            elif (tok.pos_ in ("NOUN", "PROPN") and roles.is_role_noun(tok.text)
                  and tok.tag_ not in ("NNS", "NNPS") and tok.dep_ != "compound"):
                words, country, first, end = role_phrase(doc, tok, self.places)
                definite = doc[first].lower_ == "the" or country is not None
                if definite and not covered.intersection(range(first, tok.i + 1)):
                    items.append((first, end, "role", tok.i, (words, country)))
            elif tok.lemma_.lower() in _STATEMENT_NOUNS and tok.pos_ == "NOUN":
                words, country, first, end = role_phrase(doc, tok, self.places)
                if doc[first].lower_ == "the" or country:
                    items.append((first, tok.i + 1, "statement", tok.i, country))
        # A speaker span nothing above covers still gets its head read.
        for start_char, end_char in self.speakers:
            span = self.doc.char_span(start_char, end_char, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if any(s < span.end and span.start < e for s, e, *_ in items):
                continue
            root = span.root
            if span[0].lower_ in ("a", "an"):
                continue  # ``a campaign aide``: someone not identified, by design
            if roles.is_role_noun(root.text):
                words, country, _, _ = role_phrase(doc, root, self.places)
                items.append((span.start, span.end, "role", root.i, (words, country)))
            elif root.lemma_.lower() in _STATEMENT_NOUNS | _INSTITUTION_WORDS:
                words, country, _, _ = role_phrase(doc, root, self.places)
                items.append((span.start, span.end, "statement", root.i, country))
        return sorted(items, key=lambda x: (x[0], x[1]))

    def _is_speaker(self, start: int, end: int) -> bool:
        s_char = self.doc[start].idx
        e_char = self.doc[end - 1].idx + len(self.doc[end - 1])
        return any(a < e_char and s_char < b for a, b in self.speakers)

    def _in_quote(self, char: int) -> bool:
        k = bisect.bisect_right(self._quoted_starts, char) - 1
        return k >= 0 and char < self.quoted[k][1]

    # -- resolution ---------------------------------------------------------------------
    def resolve(self) -> dict[tuple[int, int], Target]:
        """Char span -> target for every mention the pass could resolve."""
        history: list[_Seen] = []
        out: dict[tuple[int, int], Target] = {}
        for start, end, kind, head, payload in self._mentions():
            tok = self.doc[head]
            sent = self.sent_of[head]
            quoted = self._in_quote(tok.idx)
            if quoted and kind != "named":
                continue
            subject = tok.dep_ in _SUBJECT_DEPS or (
                tok.dep_ == "conj" and tok.head.dep_ in _SUBJECT_DEPS
            )
            if kind == "named":
                target = payload
                if subject:
                    self._identify_lead(target, head)
            elif kind == "pronoun":
                target = self._pronoun(tok, payload, sent, history)
            elif kind == "role":
                target = self._role(payload[0], payload[1], head, history)
            else:
                target = self._statement(payload, history)
            if target is None:
                continue
            if (kind == "role" and target.actor is None and subject
                    and self.para_of[head] == 0 and len(target.roles) == 1
                    and not any(h.target.kind == "person" for h in history)):
                target.lead = True
            if not quoted:
                history.append(_Seen(sent, head, target, subject,
                                     self._is_speaker(start, end)))
            span = self.doc[start:end]
            out[(span.start_char, span.end_char)] = target
        return out

    def _identify_lead(self, target: Target, head: int) -> None:
        """Name the unnamed subject of the lead: ``Iran’s acting foreign minister spoke with
        ...`` then, opening the next paragraph, ``Ali Bagheri, on behalf of ...``.

        News leads often hold back the name for the second paragraph. The first person
        named as a subject there, with no title of their own and no conflicting country,
        is taken to be the lead's subject and gets its role.
        """
        if self.para_of[head] != 1 or target.kind != "person" or target.actor is None:
            return
        for ph in self.placeholders:
            if not ph.lead or ph.actor is not None:
                continue
            ph.lead = False  # one chance only: the first named subject
            if target.roles or not self._compatible_country(
                ph.countries[0] if ph.countries else None, target
            ):
                return
            role = " ".join(
                w[:1].upper() + w[1:] if roles.is_role_word(w) else w for w in ph.roles[0].split()
            )
            for obj in (target, target.actor):
                if role not in obj.roles:
                    obj.roles.append(role)
                for c in ph.countries:
                    if c not in obj.countries:
                        obj.countries.append(c)
            ph.actor, ph.label = target.actor, target.label
            return

    def _pronoun(self, tok, gender: str, sent: int, history: list[_Seen]) -> Target | None:
        def fits(h: _Seen) -> bool:
            return h.target.kind == "person" and h.target.gender in (None, gender)

        same = [h for h in history if h.sent == sent and h.tok < tok.i and fits(h)]
        if same:
            focus = [h for h in same if h.subject or h.speaker]
            if tok.dep_ == "poss":
                return same[-1].target  # ``al-Khalifi and his entourage``: the nearest
            if focus:
                return focus[0].target
            if tok.dep_ not in _SUBJECT_DEPS:
                return same[-1].target
            # ``Campaigning against Mitt Romney, he ...``: a subject pronoun continues the
            # topic from before, not an object in a clause put in front of it
        found = self._previous(sent, fits, history)
        if found is not None:
            return found
        return same[-1].target if same else None

    def _previous(self, sent: int, fits, history: list[_Seen]) -> Target | None:
        """The speaker, else the subject, else the last person of the nearest sentence
        before that mentions anyone who fits."""
        for back in range(1, _LOOKBACK_SENTENCES + 1):
            prev = [h for h in history if h.sent == sent - back and fits(h)]
            if not prev:
                continue
            speakers = [h for h in prev if h.speaker]
            subjects = [h for h in prev if h.subject]
            if speakers:
                return speakers[0].target
            if subjects:
                return subjects[0].target
            return prev[-1].target
        return None

    def _compatible_country(self, country: str | None, target: Target) -> bool:
        return country is None or not target.countries or country in target.countries

    def _role(self, words, country, head: int, history: list[_Seen]) -> Target:
        text = " ".join(t.text for t in words)
        people = [t for t in self.targets.values() if t.kind == "person"]
        fits = [t for t in people
                if t.roles and any(roles.role_matches(text, r) for r in t.roles)
                and (country is None or country in t.countries)]
        if fits:
            return self._most_salient(fits, head, history)
        for ph in self.placeholders:
            if self._compatible_country(country, ph) and any(
                roles.role_matches(text, r) or roles.role_matches(r, text) for r in ph.roles
            ):
                if text not in ph.roles:
                    ph.roles.append(text)
                return ph
        label = " ".join(
            t.text if t.text[:1].isupper() and not t.is_sent_start
            and not roles.is_role_word(t.text) else t.lower_
            for t in words if t.lower_ not in roles.FILLERS
        )
        if country:
            label = f"{roles.demonym(country)} {label}"
        ph = Target(label, "person", None, [text], [country] if country else [])
        self.placeholders.append(ph)
        return ph

    def _most_salient(self, fits: list[Target], head: int, history: list[_Seen]) -> Target:
        if len(fits) == 1:
            return fits[0]
        for h in reversed(history):
            if any(h.target is t for t in fits):
                return h.target
        # Nobody mentioned yet: the one named nearest after this point.
        best = None
        for s, _, t in sorted(self.named):
            if s > head and any(t is f for f in fits):
                best = t
                break
        return best or fits[0]

    def _statement(self, country: str | None, history: list[_Seen]) -> Target | None:
        for h in reversed(history):
            t = h.target
            if t.kind == "organization" and (country is None or not t.countries
                                             or country in t.countries):
                return t
        return None

    def target_for_span(self, start: int, end: int, resolved) -> Target | None:
        """The target a speaker span refers to: a person before an organisation before a
        place, then the earliest."""
        rank = {"person": 0, "organization": 1, "place": 2}
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        # ``A lawyer for the news outlets, David Schulz, said``: the apposition names him
        after = span.end
        if (after + 1 < len(self.doc) and self.doc[after].text == ","
                and roles.is_role_noun(span.root.text)):
            nxt = self.doc[after + 1].idx
            for (s, _e), t in resolved.items():
                if s == nxt and t.kind == "person" and t.actor is not None:
                    return t
        if span[0].lower_ in ("a", "an"):
            return None
        root = span.root.idx
        overlapping = [((s, e), t) for (s, e), t in resolved.items() if s < end and start < e]
        # the mention that is the head of the speaker phrase decides
        heads = [(rank.get(t.kind, 3), s, t) for (s, e), t in overlapping if s <= root < e]
        if heads:
            return min(heads, key=lambda x: (x[0], x[1]))[2]
        # else a name inside it (``the Amiri Diwan office``), but never a possessive
        # (``Many of his supporters`` are not him) nor a place (``the New York businessman``)
        hits = []
        for (s, e), t in overlapping:
            inner = self.doc.char_span(s, e, alignment_mode="expand")
            if t.kind == "place" or inner is None or inner.root.dep_ == "poss":
                continue
            if inner.root.lower_ in _PRONOUNS:
                continue
            hits.append((rank.get(t.kind, 3), s, t))
        return min(hits, key=lambda x: (x[0], x[1]))[2] if hits else None
