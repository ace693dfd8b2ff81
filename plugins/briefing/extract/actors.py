"""People, organisations and places of one article, their titles, and who said what.

``find_actors`` starts from spaCy's entities and corrects what the small model gets wrong
with general token rules on the Doc (no extra pipe): a name after an honorific is a person
whatever its entity label (``Sheikh Tamim`` comes out as NORP), a role noun is never a place
(``the Qatari Emir`` comes out as LOC), names continue over particles (``bin``, ``Al``,
``al-``), a surname NER calls an organisation joins the one person it fits. Short forms
join a fuller name only when exactly one person fits.

Roles come from the title before a name and from appositions (``roles.py``); pronouns, role
nouns and statements are resolved by one salience pass (``coref.py``). Public surface:
``find_actors`` and ``resolve_speakers``; the rest is private to the package.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from slugify import slugify

from ..records import Actor, Mention, Quote
from . import coref, names, roles
from .cues import SPEECH_LEMMAS
from .nlp import DICTIONARY_TABLE, doc_text

log = logging.getLogger(__name__)

_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
          "FAC": "place"}
# Entity texts that are ordinary words, not names (``the State of Qatar``: NER tags ``State``).
_GENERIC = frozenset(
    """
    state government ministry foreign office strip republic islamic administration regime
    council foreign-ministry cabinet parliament army the west east north south
    """.split()
)
# Heads of a nameless institution (``the Qatari foreign ministry``).
INSTITUTION_HEADS = frozenset(
    "ministry government diwan embassy parliament cabinet army presidency".split()
)
# A place name plus one of these is the same place (``the Gaza Strip`` is ``Gaza``).
_PLACE_SUFFIXES = frozenset("strip city province region governorate district".split())
_SURNAME_HONORIFICS = frozenset("mr mrs ms dr".split())
# ``Mr. President``: a form of address, not a surname
_ADDRESS_TITLES = frozenset("president speaker chairman secretary ambassador minister".split())
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# A name ending in one of these heads names a place or an institution, not the person in it
# (``Trump Tower``, ``Donald J. Trump Foundation``, ``Clinton Campaign``).
PLACE_HEADS = frozenset(
    """
    tower towers building center centre hotel airport stadium arena bridge hall plaza
    square street avenue park hospital station
    """.split()
)
ORGANIZATION_HEADS = frozenset(
    """
    foundation campaign committee organization organisation institute university college
    school company corporation corp inc group party association agency administration
    council fund trust network league club union initiative project society commission
    department ministry bureau coalition alliance caucus institution academy federation
    """.split()
)
_INSTITUTION_HEADS = PLACE_HEADS | ORGANIZATION_HEADS
# Joins two names in one span: ``Laci and Conner``, ``Lopez & Carrasquillo``.
_NAME_JOINS = frozenset({"and", "&", "or"})


@dataclass
class _Name:
    """A name found in the Doc, as token offsets."""

    start: int
    end: int
    kind: str
    text: str
    priority: int = 1
    abbreviation: str | None = None  # ``(IRNA)`` right after an organisation's name
    country: str | None = None  # for institutions built from ``the Qatari foreign ministry``
    aged: bool = False  # an age follows the name: a person, whatever NER said
    lead: tuple[int, int] | None = None  # a headline's span: the tokens a name may be


@dataclass
class _Entity:
    kind: str
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, text
    roles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str | None = None
    short_forms: list[str] = field(default_factory=list)  # names for _rescan to find too


def _is_speech_verb(tok) -> bool:
    low = tok.lower_
    return any(w in SPEECH_LEMMAS for w in (low, low[:-1], low[:-2], tok.lemma_.lower()))


def _is_title_case(tok) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha


def _places(doc) -> list[str]:
    return [e.text for e in doc.ents if e.label_ in ("GPE", "LOC")]


def _name_part(tok) -> bool:
    return (_is_title_case(tok) and not roles.is_role_noun(tok.text)
            and tok.ent_type_ in ("", "PERSON", "NORP"))


def _extend_name(doc, end: int) -> int:
    """Continue a person's name over particles (``Mohammed bin Abdulrahman Al-Thani``) and
    a lower-case Korean syllable (``Moon Jae-in``)."""
    after_particle = False
    if end + 1 < len(doc) and _lower_syllable(doc, end + 1):
        end += 2  # ``Moon Jae`` to NER, before ``-in``
    while end < len(doc):
        tok = doc[end]
        nxt = end + 1
        if nxt < len(doc) and doc[nxt].text in "-‐" and not tok.whitespace_:
            nxt += 1  # ``al-`` / ``Al-``: the hyphen glues the particle to the name
        if names.is_particle(tok.text) and nxt < len(doc) and _name_part(doc[nxt]):
            end = nxt + 1
            after_particle = True
            continue
        if after_particle and _name_part(tok) and tok.pos_ == "PROPN":
            end += 1  # ``bin Abdul Aziz``: capitalised parts after a particle belong too
            continue
        break
    return end


# Given names that are also months or days, or their abbreviations (``Thu Jun 13``).
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday mon tue tues wed thu thur thurs fri sat sun""".split()
)


def _given_names(doc, vocab: _Vocabulary) -> list[_Name]:
    """``Eli Manning passed for 364 yards``: NER misses some names. A given name the gender
    table gives a gender, then one or two capitalised proper nouns, none of them a word the
    article writes in lower case, a role or a place or organisation head, outside every NER
    entity and with no further capitalised word after them (``Betty Ford Treatment
    Center``), is a person."""
    out = []
    surnames = Counter(t.text for t in doc if _is_title_case(t))
    # a family name NER already gives someone stays theirs: finding ``Ivanka Trump`` in an
    # article about her father would leave his bare ``Trump`` two people to choose from
    taken = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not (tok.ent_type_ == "" and tok.pos_ == "PROPN" and _is_title_case(tok)
                and not tok.is_upper and not vocab.is_common(tok)
                and tok.lower_.rstrip(".") not in _CALENDAR and names.is_given_name(tok.text)
                and (i == 0 or not _is_title_case(doc[i - 1]) or doc[i - 1].is_sent_start
                     or roles.is_role_noun(doc[i - 1].text))):
            i += 1
            continue
        k = i + 1
        while k < len(doc) and k - i <= 3 and doc[k].ent_type_ == "" and _is_title_case(doc[k]) \
                and doc[k].pos_ == "PROPN" and not doc[k].is_upper \
                and not vocab.is_common(doc[k]):
            k += 1
        surname = doc[k - 1].text
        # a capitalised word after it is more of the name (``Betty Ford Treatment Center``),
        # unless it is a headline's common word (``Lindsay Lohan Checks Into Rehab``)
        more = k < len(doc) and _is_title_case(doc[k]) and not (
            vocab.headline(k) and vocab.is_common(doc[k]))
        if 2 <= k - i <= 3 and not more \
                and not any(_not_surname(t.text) for t in doc[i + 1:k]) \
                and not (i > 0 and doc[i - 1].text in "-‐" and not doc[i - 1].whitespace_) \
                and (surnames[surname] >= 2
                     or all(t.lower_ in vocab.url_words for t in doc[i:k])) \
                and surname not in taken:
            # a name the article uses once may be anything (``Easter Seals``); a person it
            # reports on comes back (``Peyton Manning ...; Manning``), or is in the page's
            # own address (``…/lindsay-lohan-checks-rehab…``)
            out.append(_Name(i, k, "person", doc[i:k].text, priority=2))
        i = k
    return out


def _ner_name_word(doc, i: int) -> bool:
    """A word that can continue a name: capitalised, a particle, an initial's dot or a
    hyphen inside a word (never a dash, a number or a line break)."""
    tok = doc[i]
    if tok.text in ".-‐":
        return not doc[i - 1].whitespace_
    if tok.lower_.rstrip(".") in names.GENERATION:
        return True  # ``Jr.``, ``III``: Donald Trump Jr. is not his father
    if _lower_syllable(doc, i):
        return True
    return tok.is_alpha and (tok.text[:1].isupper() or names.is_particle(tok.text))


# One romanised Korean syllable (Revised Romanisation and McCune-Reischauer): an initial
# consonant, a glide, a vowel group and one of the few finals Korean has. English words glued
# to a short name mostly break it: ``Bush-era`` (two syllables), ``Kim-led`` (final d),
# ``Bush`` itself (final sh).
_KOREAN_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|sh|ts|[bcdghjklmnprst])?[wy]?[aeiou]{1,3}(?:ng|[nklmptgb])?",
    re.I)


def _lower_syllable(doc, i: int) -> bool:
    """``Jong-un``, ``Ki-moon``, ``Jae-in``: a Korean given name writes its second syllable in
    lower case after a hyphen. Both parts are one romanised syllable each, which
    ``Trump-led``, ``Bush-spent`` and ``Bush-era`` (an English word glued to a name) are
    not."""
    tok = doc[i]
    if i < 2 or not (tok.is_alpha and tok.is_lower and _KOREAN_SYLLABLE.fullmatch(tok.text)):
        return False
    hyphen, first = doc[i - 1], doc[i - 2]
    return (hyphen.text in "-‐" and not hyphen.whitespace_ and not first.whitespace_
            and first.is_alpha and first.text[:1].isupper()
            and _KOREAN_SYLLABLE.fullmatch(first.text) is not None)


def _honorific_names(doc) -> list[_Name]:
    """``Sheikh Tamim``, ``Dr. Smith``: capitalised words after an honorific are a name."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if names.is_honorific(tok.text) and tok.text[:1].isupper():
            j = i + 1
            while j < len(doc) and (names.is_honorific(doc[j].text) or doc[j].text == "."):
                j += 1
            k = j
            # ``Mr. King``: after Mr./Ms./Dr. even a role word is a surname
            if (tok.lower_.rstrip(".") in _SURNAME_HONORIFICS and k < len(doc)
                    and _is_title_case(doc[k]) and roles.is_role_noun(doc[k].text)
                    and doc[k].lower_ not in _ADDRESS_TITLES):
                k += 1
            while k < len(doc) and _name_part(doc[k]) and not names.is_particle(doc[k].text):
                k += 1
                # ``Amir-Abdollahian``: a hyphen inside a word joins two name parts
                if (k + 1 < len(doc) and doc[k].text == "-" and not doc[k - 1].whitespace_
                        and (_name_part(doc[k + 1]) or _lower_syllable(doc, k + 1))):
                    k += 2
            k = _extend_name(doc, k)
            # spaCy may have the longer name already: keep the longer one
            # (over its name words only: ``Mr. Trump - 60 percent`` is one entity to NER)
            if j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
                ent_end = j + 1
                while (ent_end < len(doc) and doc[ent_end].ent_iob_ == "I"
                       and _ner_name_word(doc, ent_end)):
                    ent_end += 1
                while doc[ent_end - 1].text in "-‐" and ent_end > j + 1:
                    ent_end -= 1
                k = max(k, ent_end)
            if k > j:
                out.append(_Name(j, k, "person", " ".join(doc[j:k].text.split()), priority=2))
                i = k
                continue
        i += 1
    return out


@dataclass
class _Vocabulary:
    """What one article says about its own words, for telling names from headline words.

    ``common``: words the article writes in lower case somewhere (``dies``, ``memos``,
    ``anything``), by form and lemma. ``name_parts``: words of person names it writes in
    a sentence-case line, not first in the sentence: there they are names whatever they
    also mean (``Felt`` in ``W. Mark Felt``). ``title_lines``: token ranges of lines in
    Title Case or capitals (headlines), where the tagger stretches names over verbs."""

    common: set[str]
    name_parts: set[str]
    title_lines: list[tuple[int, int]]
    url_lines: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    dictionary: object = None  # the model's English words (``nlp.DICTIONARY_TABLE``), or None
    url_words: frozenset[str] = frozenset()  # the words of the page's own address

    def headline(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.title_lines)

    def in_url(self, i: int) -> bool:
        return any(s <= i < e for s, e in self.url_lines)

    def is_common(self, tok) -> bool:
        if (not tok.is_alpha or tok.lower_ in self.name_parts or names.is_particle(tok.text)
                or tok.is_upper and len(tok) < 4):
            return False
        low = tok.lower_
        # a headline's verb is tagged as a name, with a name's lemma: strip its ending
        stems = {low, tok.lemma_.lower()}
        for ending in ("s", "d", "es", "ed", "ing"):
            if low.endswith(ending) and len(low) - len(ending) >= 3:
                stems.add(low[: -len(ending)])
        return len(low) > 1 and bool(stems & self.common)

    def is_headline_word(self, tok) -> bool:
        """An English word the article never writes inside a person's name, and no given
        name: beside a name in a headline it is the headline's (``Classic Clinton``,
        ``Rip Donald Trump``, ``Obama White House``), not the name's. ``Jeb`` and
        ``Melania`` are no dictionary words, so they stay."""
        low = tok.lower_
        if (self.dictionary is None or not tok.is_alpha or low in self.name_parts
                or names.is_particle(low) or names.is_given_name(tok.text)):
            return False
        forms = {low, tok.lemma_.lower()} | {low[: -len(e)] for e in ("s", "es")
                                             if low.endswith(e) and len(low) > len(e) + 2}
        return any(f in self.dictionary for f in forms)


def _title_case(span) -> bool:
    """A headline: short, with (nearly) every word of four letters or more capitalised. A
    sentence full of names and titles still writes ``with`` and ``night`` in lower case."""
    words = [t for t in span if t.is_alpha and len(t) > 3]
    return (len(span) <= 25 and len(words) >= 2
            and sum(t.text[:1].isupper() for t in words) >= 0.85 * len(words))


_URL_LINE = re.compile(r"(?m)^[ \t]*(?:https?:|www\.)[^\n]*")
_WORD_EDGES = frozenset(".,;:!?\"'“”‘’()")


def _word_use(tok) -> bool:
    """A lower-case word standing on its own, not a piece of a URL or a file name
    (``…/fred-larue-dies.html`` writes names in lower case too)."""
    doc = tok.doc
    before = tok.i == 0 or bool(doc[tok.i - 1].whitespace_) or doc[tok.i - 1].text in "\"'“‘("
    after = (not tok.whitespace_ and tok.i + 1 < len(doc)
             and doc[tok.i + 1].text not in _WORD_EDGES)
    return tok.is_lower and tok.is_alpha and before and not after


def vocabulary(doc) -> _Vocabulary:
    # A page saved with its address on the first line: the address's words are no names
    # (``…/peter-capaldi-takes-over-doctor-who…`` is tagged as one person), and no common
    # words either (``lindsay _ lohan _ checks``: she is not ``lohan`` in lower case).
    url_lines, url_words = [], set()
    for m in _URL_LINE.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            url_lines.append((span.start, span.end))
        url_words.update(re.findall(r"[a-z]+", m.group().lower()))
    in_url = {i for s, e in url_lines for i in range(s, e)}
    words = [t for t in doc if t.i not in in_url and _word_use(t)]
    common = {t.lower_ for t in words} | {t.lemma_.lower() for t in words}
    title_lines = [(s.start, s.end) for s in doc.sents if _title_case(s)]
    in_title = {i for s, e in title_lines for i in range(s, e)}
    name_parts = {
        t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and ent.start not in in_title
        for t in ent if t.is_alpha and not t.is_sent_start
    }
    lookups = doc.vocab.lookups
    dictionary = lookups.get_table(DICTIONARY_TABLE) if lookups.has_table(DICTIONARY_TABLE) \
        else None
    return _Vocabulary(common - name_parts, name_parts, title_lines, url_lines, dictionary,
                       frozenset(url_words))


def _clean_entity(doc, ent, vocab: _Vocabulary) -> list[_Name]:
    """The names in one NER entity: usually one, cleaned; none when it names nothing; two
    when a headline or a list joined them (``Laci and Conner``)."""
    if vocab.in_url(ent.start):
        return []
    name = _clean_entity_span(doc, ent)
    if name is None:
        return []
    if name.kind != "person":
        if vocab.headline(name.start) and name.end - name.start > 1:
            # ``Lohan Checks Into Court-Ordered Rehab``, one organisation to NER: the words
            # before the headline's first common word may be a person's name
            parts = _person_parts(doc, name.start, name.end, vocab)
            if parts and parts[0] != (name.start, name.end):
                name.lead = parts[0]
        name.text = " ".join(name.text.split())  # a name never holds a line break
        if _age_follows(doc, name.end):
            name.aged = True  # ``Chohan, 59, of Queens``: places and companies have no age
        return [name]
    if _institution_follows(doc, name.end):
        return []  # ``Betty Ford Treatment Center``: her name is the building's now
    out = []
    for start, end in _person_parts(doc, name.start, name.end, vocab):
        part = _Name(start, end, "person", " ".join(doc[start:end].text.split()))
        head = doc[end - 1].lower_
        if end - start > 1 and head in PLACE_HEADS:
            part.kind = "place"
        elif end - start > 1 and head in ORGANIZATION_HEADS:
            part.kind = "organization"
        out.append(part)
    return out


def _institution_follows(doc, end: int) -> bool:
    """A person's name followed, in capitals, by a building's or an institution's head
    (``Betty Ford Treatment Center``, ``John F. Kennedy Airport``): it names the place."""
    k = end
    while k < len(doc) and k - end < 3 and _is_title_case(doc[k]) and not doc[k].is_sent_start:
        k += 1
    return k > end and doc[k - 1].lower_ in _INSTITUTION_HEADS


def _age_follows(doc, end: int) -> bool:
    """ ``Lohan, 26, had checked into``: a comma, a number a person's age could be, then a
    comma or the end of the sentence."""
    if end + 2 >= len(doc) or doc[end].text != "," or not doc[end + 1].like_num:
        return False
    age = doc[end + 1].text
    return age.isdigit() and 0 < int(age) < 120 and doc[end + 2].text in (",", ".")


# Parts of speech no name word has, at a name's edge (the tagger says PROPN for names).
_NOT_NAME_POS = frozenset("VERB AUX ADV ADP DET PRON SCONJ CCONJ PART INTJ".split())


def _not_a_name_word(tok, vocab: _Vocabulary) -> bool:
    return tok.pos_ in _NOT_NAME_POS and tok.lower_ not in vocab.name_parts


def _person_parts(doc, start: int, end: int, vocab: _Vocabulary) -> list[tuple[int, int]]:
    """Cut a person span at joining words, and in a headline (or at a sentence's start) at
    the article's common words: ``Fred LaRue Dies`` is Fred LaRue, ``Hillary Clinton Slams
    Donald Trump`` two people, ``Anything Obama`` Obama."""
    while start < end and (doc[start].is_space or _not_a_name_word(doc[start], vocab)):
        start += 1  # ``Telling Jeb Bush to go home``: the tagger took the verb in
    while end > start and (doc[end - 1].is_space or _not_a_name_word(doc[end - 1], vocab)):
        end -= 1
    # ``Cruz’s Iowa win``: what follows a possessive is his, not his name
    # (a lone ``’`` only when no quote opened a nickname: ``Charles ‘Chuck’ Schumer``)
    for i in range(start + 1, end):
        if doc[i].text in _POSSESSIVE and (
                len(doc[i]) > 1 or not any(t.text in "‘'\"“" for t in doc[start:i])):
            end = i
            break
    headline = vocab.headline(start)
    parts: list[tuple[int, int]] = []
    s = start
    after_break = False
    for i in range(start, end + 1):
        # A number is no part of a name (``Donald Trump 384``, ``Cruz 42-40``: a tally), nor
        # a lower-case word glued on by a hyphen (``Donald Trump-led``).
        hard = i < end and (_line_ends_name(doc, i, end) or _has_digit(doc[i])
                            or _glued_word(doc, i))
        cut = i == end or hard or doc[i].lower_ in _NAME_JOINS or (
            (headline or (i == start and doc[i].is_sent_start)) and vocab.is_common(doc[i])
        )
        if cut:
            a, b = s, i
            while a < b and doc[a].is_punct:
                a += 1
            while b > a and doc[b - 1].is_punct:
                b -= 1
            # a dateline's place in capitals, on the line after a name
            if b > a and not (after_break and all(t.is_upper for t in doc[a:b])):
                parts.append((a, b))
            if i < end and "\n" in doc[i].text:
                after_break = True
            s = i + 1
    if headline:
        parts = [_trim_headline_words(doc, a, b, vocab) for a, b in parts]
    # a lone remnant that is itself a common word, or a particle, names nobody; nor does
    # one in lower case (``percent`` after ``Trump - 60``)
    return [(a, b) for a, b in parts
            if not (b - a == 1 and (vocab.is_common(doc[a]) or names.is_particle(doc[a].text)))
            and not (doc[a].is_lower and not names.is_particle(doc[a].text))]


def _trim_headline_words(doc, a: int, b: int, vocab: _Vocabulary) -> tuple[int, int]:
    """Drop a headline's own words from the edges of a name the article's body writes
    (``Team Clinton`` is Clinton when the body names Hillary Clinton). A building or an
    institution (``Trump Tower``) keeps its head, and a name the body never writes in a
    name keeps every word: there is nothing to tell its words from the headline's."""
    if b - a < 2 or doc[b - 1].lower_ in PLACE_HEADS or doc[b - 1].lower_ in ORGANIZATION_HEADS:
        return a, b
    if not any(t.lower_ in vocab.name_parts for t in doc[a:b]):
        return a, b
    while vocab.is_headline_word(doc[a]):
        a += 1
    while vocab.is_headline_word(doc[b - 1]):
        b -= 1
    return a, b


def _line_ends_name(doc, i: int, end: int) -> bool:
    """A blank line ends a name, and so does a line break before a word in capitals
    (``Donald Trump\nMANCHESTER``: the dateline under a byline). A single break before
    a capitalised word is a hard wrap inside one (``Emmanuel\nMacron``)."""
    tok = doc[i]
    if "\n" not in tok.text:
        return False
    return tok.text.count("\n") >= 2 or (i + 1 < end and doc[i + 1].is_upper
                                          and len(doc[i + 1]) > 1)


def _glued_word(doc, i: int) -> bool:
    tok = doc[i]
    return (i > 0 and doc[i - 1].text in "-‐" and not doc[i - 1].whitespace_ and tok.is_alpha
            and tok.is_lower and not names.is_particle(tok.text) and not _lower_syllable(doc, i))


def _has_digit(tok) -> bool:
    return any(c.isdigit() for c in tok.text)


def _clean_entity_span(doc, ent) -> _Name | None:
    kind = _KINDS.get(ent.label_)
    if kind is None:
        return None
    start, end = ent.start, ent.end
    # ``the Organization of Islamic Cooperation (OIC``: the parenthesis is an abbreviation.
    abbreviation = None
    for i in range(start, end):
        if doc[i].text == "(":
            if i + 1 < end or (i + 1 < len(doc) and doc[i + 1].is_upper):
                abbreviation = doc[i + 1].text if i + 1 < len(doc) else None
            end = i
            break
    if (abbreviation is None and end + 2 < len(doc) and doc[end].text == "("
            and doc[end + 1].is_upper and doc[end + 2].text == ")"):
        abbreviation = doc[end + 1].text
    while start < end and (doc[start].lower_ == "the" or names.is_honorific(doc[start].text)):
        start += 1
    if kind == "person":
        # ``Amir Sheikh`` (a title before an honorific) is no name at all.
        while start < end and (roles.is_role_noun(doc[start].text) or
                               names.is_honorific(doc[start].text)):
            nxt = doc[start + 1] if start + 1 < end else None
            if nxt is None and start > 0 and names.is_honorific(doc[start - 1].text):
                break  # ``Mr. King``: a surname that is also a title
            if nxt is None or names.is_honorific(nxt.text) or names.is_honorific(doc[start].text):
                start += 1
            else:
                break
        # ``American Hasim Rahman``: the nationality is no part of the name. Two name words
        # must be left, so a given name that is also a demonym (German Larrea) stays.
        while end - start > 2 and doc[start].lower_ in roles.DEMONYMS:
            start += 1
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct
                           or (kind == "person" and _is_speech_verb(doc[end - 1]))):
        end -= 1  # ``Obama Says`` in a headline: the verb is not part of the name
    if start >= end:
        return None
    span = doc[start:end]
    first = span[0]
    if first.text[:1].islower() and not names.is_particle(first.text):
        return None  # ``non-NATO US``: a modifier, not a name
    words = [t.lower_ for t in span if not t.is_punct]
    if all(w in _GENERIC for w in words):
        return None
    if kind == "place" and any(roles.is_role_noun(t.text) for t in span):
        return None  # ``the Qatari Emir`` is a person, found by the role rules
    if kind == "person" and len(words) == 1 and roles.is_nationality_noun(words[0]):
        return None  # ``Briton dies in New Zealand``: who, not a name
    if kind == "person":
        end = _extend_name(doc, end)
        span = doc[start:end]
    return _Name(start, end, kind, span.text, abbreviation=abbreviation)


def _institutions(doc, places: list[str]) -> list[_Name]:
    """``the Qatari foreign ministry`` -> ``Qatari Foreign Ministry`` (NER misses these)."""
    out = []
    for tok in doc:
        if tok.lemma_.lower() not in INSTITUTION_HEADS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ == "compound" or tok.tag_ in ("NNS", "NNPS"):
            continue  # ``Foreign Ministry officials``: the ministry is not the subject here
        i = tok.i - 1
        while i >= 0 and doc[i].pos_ in ("ADJ", "PROPN", "NOUN") and doc[i].ent_type_ not in (
            "NORP", "GPE"
        ) and doc[i].lower_ not in ("the", "a"):
            i -= 1
        if i < 0:
            continue
        country = None
        start = i
        if doc[i].ent_type_ == "NORP":
            country = roles.country_of(doc[i].text, places)
        elif doc[i].text in _POSSESSIVE and i > 0 and doc[i - 1].ent_type_ == "GPE":
            country = roles.canonical_country(doc[i - 1].text)
            start = i - 1
        if not country:
            continue
        words = [t.text for t in doc[i + 1 : tok.i + 1]]
        name = " ".join([roles.demonym(country)] + [w[:1].upper() + w[1:] for w in words])
        out.append(_Name(start, tok.i + 1, "organization", name, priority=3, country=country))
    return out


def _select(cands: list[_Name]) -> list[_Name]:
    """Non-overlapping names, preferring rule-made ones and then longer spans."""
    chosen: list[_Name] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if taken.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _org_or_place_key(name: _Name) -> str:
    text = roles.canonical_country(name.text)
    return text.lower()


def _by_gender(c: _Name, gender: str | None, entities: list[_Entity]) -> _Entity | None:
    """``Mrs. Trump`` where the article names Donald and Melania Trump, ``Peterson was found
    guilty of murdering his wife`` where it names Laci and Scott Peterson: the one person
    the surname fits whose first name has the ``gender`` of the honorific, or of the
    pronouns of the mention's own clause (``_gender_after``); else nobody. A son or father
    with a suffix is never the bare surname (``is_short_form``)."""
    if gender is None:
        return None
    key = names.name_key(c.text)
    fits = []
    for ent in entities:
        full = max(ent.forms, key=lambda f: len(names.name_key(f)))
        if names.is_short_form(key, names.name_key(full)):
            fits.append((ent, names.guess_gender(full)))
    same = [ent for ent, g in fits if g == gender]
    return same[0] if len(same) == 1 and all(g is not None for _, g in fits) else None


_QUOTE_MARKS = frozenset('"“”')


def _gender_after(doc, start: int, end: int, person_starts: set[int]) -> str | None:
    """The gender a name's context gives it: ``Mr.``/``Mrs.`` before it, else the first
    he/she-type pronoun after it in its sentence, before anyone else is named or a quotation
    opens (whose pronouns are the speaker's)."""
    before = start - 1
    while before >= 0 and doc[before].text == ".":
        before -= 1
    if before >= 0:
        gender = names.honorific_gender(doc[before].text)
        if gender:
            return gender
    head = doc[end - 1]
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.pos_ not in ("VERB", "AUX"):
        # only a subject's own clause speaks of them ("Peterson was found guilty of
        # murdering his wife"): "Clinton tapped Kaine as her running mate" is her mate,
        # "considers Kaine her mentor" is no clause of his
        return None
    verb = head.head
    says = _is_speech_verb(verb)
    for i in range(end, doc[start].sent.end):
        if i in person_starts or doc[i].text in _QUOTE_MARKS:
            return None
        gender = names.PRONOUN_GENDER.get(doc[i].lower_)
        if gender and _in_own_clause(doc[i], verb, says):
            return gender
    return None


# Clauses with a subject of their own: a pronoun inside one is anyone's ("Clinton could
# persuade the voters now backing him", "if Clinton is the nominee, he said").
_OTHER_CLAUSES = frozenset("acl relcl advcl ccomp csubj parataxis conj".split())


def _in_own_clause(pron, verb, says: bool) -> bool:
    """Whether a pronoun speaks of the subject of ``verb``: the subject of a clause the verb
    joins or reports ("Clinton strode out, and she tried", "Clinton said she would"), or,
    unless the verb is one of saying (what one says is about anyone: "Axelrod said her
    proposals"), a possessive or object inside the verb's own clause ("Peterson was found
    guilty of murdering his wife"), but never the verb's own object ("Kaine joined her")."""
    if pron.dep_ in ("nsubj", "nsubjpass") and pron.head.dep_ in ("conj", "ccomp") and \
            pron.head.head.i == verb.i:
        return True
    if says or (pron.head.i == verb.i and pron.dep_ in ("dobj", "dative", "iobj")):
        return False
    tok = pron
    while tok.i != verb.i:
        if tok.head.i == tok.i:
            return False  # not under the verb at all
        tok = tok.head
        if tok.i != verb.i and tok.dep_ in _OTHER_CLAUSES:
            return False
        if tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children):
            return False  # "implore Sanders to let up on his critiques": his clause
    return True


def _family_members(doc, entities: list[_Entity], person_starts: set[int]) -> list[_Entity]:
    """Split off a bare family name the text calls by the other gender.

    ``Peterson was found guilty of murdering his wife`` in an article whose only full name
    is ``Laci Peterson``: the surname is her husband, never named in full. A family name
    joins the one full name it fits (``cluster_names``); this takes it back, as its own
    person, when its pronouns and honorifics say more often than not that it is not her.
    """
    out = []
    gender_of = {id(e): names.guess_gender(max(e.forms, key=lambda f: len(names.name_key(f))))
                 for e in entities}
    for ent in list(entities):
        full = max(ent.forms, key=lambda f: len(names.name_key(f)))
        key = names.name_key(full)
        gender = gender_of[id(ent)]
        if len(key) < 2 or gender is None:
            continue
        bare = [sp for sp in ent.spans if names.name_key(sp[2]) == key[-1:]]
        said = [_gender_after(doc, a, b, person_starts) for a, b, _ in bare]
        other = sum(g is not None and g != gender for g in said)
        if not other or other <= sum(g == gender for g in said):
            continue
        # ``Comey was referring only to her interviews`` in an article about Hillary
        # Clinton: a person of that gender named at least as often may own the pronoun
        if any(gender_of[id(e)] not in (None, gender) and len(e.spans) >= len(bare)
               for e in entities if e is not ent):
            continue
        ent.spans = [sp for sp in ent.spans if sp not in bare]
        ent.forms = [f for f in ent.forms if names.name_key(f) != key[-1:]]
        forms = list(dict.fromkeys(sp[2] for sp in bare))
        out.append(_Entity("person", forms=forms, spans=bare,
                           gender="f" if gender == "m" else "m"))
    return out


def _given_then_surname(text: str) -> bool:
    """ "Maurice Cheeks": two or three capitalised words, the first a given name the gender
    table knows, the others no role, place or organisation head ("Lincoln Center")."""
    words = text.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return not any(_not_surname(w) for w in words[1:]) and names.is_given_name(words[0])


def _not_surname(word: str) -> bool:
    """A word no family name is: a place or organisation head (``Lincoln Center``), a role
    (``Vice President``)."""
    low = word.lower()
    return (low in PLACE_HEADS or low in ORGANIZATION_HEADS or roles.is_role_noun(word)
            or roles.is_role_word(low))


def _group(doc, cands: list[_Name], declined: dict[int, str] | None = None
           ) -> list[_Entity]:
    """Group names into entities: people by name parts, organisations and places by text."""
    # A name tagged differently in different places takes its majority kind.
    # Ties go to the kind seen first, so the result does not depend on anything else.
    votes: dict[tuple[str, ...], Counter] = {}
    for c in cands:
        votes.setdefault(names.name_key(c.text), Counter())[c.kind] += 1
    aged = {names.name_key(c.text) for c in cands if c.aged}
    for c in cands:
        if c.priority == 1:
            key = names.name_key(c.text)
            c.kind = "person" if key in aged else votes[key].most_common(1)[0][0]

    entities: list[_Entity] = []
    people = [c for c in cands if c.kind == "person"]
    clusters, ambiguous = names.cluster_names([c.text for c in people])
    if ambiguous:
        log.debug("briefing: short names fit several people, left unresolved: %s",
                  sorted(ambiguous))
    form_of = {}
    for cluster in clusters:
        ent = _Entity("person", forms=list(cluster))
        entities.append(ent)
        for form in cluster:
            form_of[form] = ent
    person_starts = {c.start for c in people}
    for c in people:
        ent = form_of.get(c.text)
        said = None
        if ent is None and c.text in ambiguous:
            said = _gender_after(doc, c.start, c.end, person_starts)
            ent = _by_gender(c, said, entities)
        if ent is not None:
            ent.spans.append((c.start, c.end, c.text))
        elif declined is not None and said:
            # its own honorific or pronoun fits several: the rescan for one family member's
            # bare name may take it only for someone of that gender ("Mrs. Clinton" is no
            # Bill's)
            declined.update(dict.fromkeys(range(c.start, c.end), said))
    entities.extend(_family_members(doc, entities, person_starts))

    # NER often tags a surname alone as an organisation or a place (``Chaffetz``,
    # ``De Blasio``): a name that fits exactly one person in the article is that person.
    full_keys = [(names.name_key(max(e.forms, key=lambda f: len(names.name_key(f)))), e)
                 for e in entities]
    def homes_of(text: str) -> list[_Entity]:
        key = names.name_key(text)
        homes = [e for full, e in full_keys if key == full or names.is_short_form(key, full)]
        if homes or not _given_then_surname(text):
            return homes
        # ``Maurice Cheeks`` tagged a place where the person is only ``Cheeks`` so far: a
        # given name before the one person's family name, spelt the same, is that person
        return [e for full, e in full_keys
                if full[-1:] == key[-1:] and names.is_short_form(full, key)]

    others = []
    for c in cands:
        if c.kind == "person":
            continue
        # ``Lopez and Carrasquillo`` tagged as one organisation: two people of the article
        joins = [i for i in range(c.start, c.end) if doc[i].lower_ in _NAME_JOINS]
        if joins and not c.abbreviation:
            bounds = [c.start, *joins, c.end]
            parts = [(a + (a != c.start), b) for a, b in zip(bounds, bounds[1:], strict=False)]
            parts = [(a, b) for a, b in parts if b > a]
            found = [homes_of(doc[a:b].text) for a, b in parts]
            # ... two different people: "Johnson & Johnson" is no two mentions of Boris
            if (len(parts) > 1 and all(len(h) == 1 for h in found)
                    and len({id(h[0]) for h in found}) == len(found)):
                for (a, b), (home,) in zip(parts, found, strict=True):
                    home.spans.append((a, b, doc[a:b].text))
                    if doc[a:b].text not in home.forms:
                        home.forms.append(doc[a:b].text)
                continue
        if c.lead is not None:
            a, b = c.lead
            homes = [e for e in homes_of(doc[a:b].text) if e.kind == "person"]
            if len(homes) == 1:
                homes[0].spans.append((a, b, doc[a:b].text))
                if doc[a:b].text not in homes[0].forms:
                    homes[0].forms.append(doc[a:b].text)
                continue
        homes = homes_of(c.text)
        if (len(homes) == 1 and not c.abbreviation and c.country is None
                and not (c.kind == "place" and roles.country_of(c.text))):  # Jordan stays
            homes[0].spans.append((c.start, c.end, c.text))
            if c.text not in homes[0].forms:
                homes[0].forms.append(c.text)
            continue
        others.append(c)
    by_key: dict[str, _Entity] = {}
    # Full names before abbreviations so ``IRNA`` finds ``Islamic Republic News Agency``.
    for c in sorted(others, key=lambda c: (c.text.isupper(), c.start)):
        key = _org_or_place_key(c)
        ent = by_key.get(key)
        if ent is None and c.kind == "place":
            words = key.split()
            if len(words) > 1 and words[-1] in _PLACE_SUFFIXES:
                ent = by_key.get(" ".join(words[:-1]))
        if ent is None and c.text.isupper() and len(c.text) > 1:
            for other in by_key.values():
                if other.kind == "organization" and any(
                    _initials(f) == c.text for f in other.forms
                ):
                    ent = other
                    break
        if ent is None:
            ent = _Entity(c.kind)
            entities.append(ent)
            by_key[key] = ent
        for form in (c.text, c.abbreviation):
            if form and form not in ent.forms:
                ent.forms.append(form)
        if c.abbreviation:
            by_key.setdefault(c.abbreviation.lower(), ent)
        if c.country and c.country not in ent.countries:
            ent.countries.append(c.country)
        ent.spans.append((c.start, c.end, c.text))
    _join_place_prefixed(entities, by_key, {_org_or_place_key(c) for c in cands
                                            if c.kind == "place"})
    return entities


def _join_place_prefixed(entities: list[_Entity], by_key: dict[str, _Entity],
                         places: set[str]) -> None:
    """``the Kansas City Chiefs`` ... ``the Chiefs``: an organisation named after a place the
    article names, and the same name without the place, are one organisation in the
    article; the short form is kept as its name for ``_rescan`` to find where the tagger
    missed it. Two organisations of one short form (``Giants`` of two cities) keep it for
    neither, a generic short form (``Police Department``) is no name, and nor is one a
    person of the article is named by (``New Hampshire Sanders``, the tagger's, is not
    Bernie Sanders's organisation)."""
    people = {w for ent in entities if ent.kind == "person" for f in ent.forms
              for w in f.split()}
    longs: dict[str, list[_Entity]] = defaultdict(list)
    for ent in entities:
        if ent.kind != "organization":
            continue
        for form in ent.forms:
            for rest in names.after_place(form.split(), lambda head: head.lower() in places):
                if (rest[-1].lower() not in _INSTITUTION_HEADS and not people.intersection(rest)
                        and not all(w.lower() in _GENERIC for w in rest)):
                    if ent not in longs[" ".join(rest)]:
                        longs[" ".join(rest)].append(ent)
                    break
    for short, owners in longs.items():
        if len(owners) != 1:
            continue
        (owner,) = owners
        tagged = by_key.get(short.lower())
        if tagged is not None and tagged is not owner:
            if tagged.kind != "organization" or tagged not in entities:
                continue
            owner.spans.extend(tagged.spans)
            owner.forms.extend(f for f in tagged.forms if f not in owner.forms)
            entities.remove(tagged)
            by_key[short.lower()] = owner
        if short not in owner.forms:
            owner.forms.append(short)
        owner.short_forms.append(short)


def _rescan(doc, entities: list[_Entity], declined: dict[int, str] | None = None) -> None:
    """Find further occurrences of names already known: NER tags ``IRNA`` once, not twice.
    A name ``_group`` left unresolved against its own evidence (``Mrs. Clinton`` between
    Hillary and Chelsea) is found again only as someone that evidence fits."""
    declined = declined or {}
    taken = {i for ent in entities for s, e, _ in ent.spans for i in range(s, e)}
    forms: dict[tuple[str, ...], _Entity] = {}
    for ent in entities:
        for s, e, _ in ent.spans:
            key = tuple(t.text for t in doc[s:e])
            if all(names.is_particle(w) or not w[:1].isupper() for w in key):
                continue
            if forms.setdefault(key, ent) is not ent:
                forms[key] = None  # the same words name two entities: leave them be
        for short in ent.short_forms:
            if forms.setdefault(tuple(short.split()), ent) is not ent:
                forms[tuple(short.split())] = None
    # a person's family name alone (``Tester`` for ``Jon Tester``), when no one else has it
    surnames: dict[tuple[str, ...], _Entity | None] = {}
    for ent in entities:
        if ent.kind != "person":
            continue
        for form in ent.forms:
            parts = form.split()
            if len(parts) >= 2 and len(parts[-1]) > 2 and parts[-1][:1].isupper():
                key = (parts[-1],)
                if surnames.setdefault(key, ent) is not ent:
                    surnames[key] = None
    surname_only = set()
    for key, ent in surnames.items():
        if key not in forms:
            forms[key] = ent
            surname_only.add(key)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(forms, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(key)
    words = [t.text for t in doc]
    i = 0
    while i < len(words):
        for key in by_first.get(words[i], ()):
            n = len(key)
            ent = forms[key]
            if (ent is not None and tuple(words[i : i + n]) == key
                    and taken.isdisjoint(range(i, i + n))
                    and declined.get(i, _gender_of(ent)) == _gender_of(ent)
                    and (key not in surname_only or doc[i].pos_ == "PROPN")):
                form = doc[i : i + n].text
                ent.spans.append((i, i + n, form))
                if form not in ent.forms:
                    ent.forms.append(form)
                taken.update(range(i, i + n))
                i += n - 1
                break
        i += 1


def _gender_of(ent: _Entity) -> str | None:
    if ent.kind != "person":
        return None
    return ent.gender or names.guess_gender(max(ent.forms, key=lambda f: len(f.split())))


def _role_text(tokens) -> str:
    words = []
    for t in tokens:
        w = roles.expand_abbreviation(t.text)
        if t.lower_ not in roles.CONNECTORS:  # a title reads in title case
            w = w[:1].upper() + w[1:]
        words.append(w)
    text = " ".join(words)
    return text.replace(" - ", "-")


def _trim_title(tokens) -> list:
    """A title starts with a title word and ends in its office: ``Fed Chair`` keeps ``Chair``,
    a headline's ``PAC Chief Praises`` is no title at all."""
    tokens = list(tokens)
    while (tokens and not roles.is_role_word(tokens[0].text) and tokens[0].pos_ != "ADJ"
           and tokens[0].ent_type_ != "NORP"):
        tokens.pop(0)
    heads = [i for i, t in enumerate(tokens) if roles.is_role_noun(t.text)]
    if not heads:
        return []
    last = heads[-1]
    if last < len(tokens) - 1 and tokens[last + 1].lower_ not in ("of", "for", "and", "-"):
        return []
    return tokens


def _split_roles(tokens) -> list[str]:
    """``Deputy Prime Minister and Minister of Foreign Affairs`` holds two offices."""
    parts: list[list] = [[]]
    for t in tokens:
        if t.lower_ == "and":
            parts.append([])
        else:
            parts[-1].append(t)
    if len(parts) > 1 and all(any(roles.is_role_noun(t.text) for t in p) for p in parts):
        return [_role_text(p) for p in parts if p]
    return [_role_text(tokens)]


def _is_title_word(tok) -> bool:
    low = tok.lower_
    if (low in roles.ROLE_HEADS or low in roles.ROLE_MODIFIERS or low in roles.HEAD_ALIASES
            or low in roles.TITLE_ABBREVIATIONS):
        return True
    return _is_title_case(tok) and tok.pos_ in ("PROPN", "NOUN", "ADJ") and not tok.ent_type_


def _side_word(tok, places) -> bool:
    """``Republican presidential``: a party or a plain adjective inside a title, where a
    nationality (``Iranian``) would instead say whose title it is."""
    if tok.ent_type_ == "NORP":
        return roles.country_of(tok.text, places) is None
    return tok.pos_ == "ADJ" and tok.dep_ == "amod" and tok.is_lower and tok.is_alpha


def _title_before(doc, start: int, places, person_at, country_at):
    """The title written before a name: (role tokens, country, title start) or None.

    ``Iran’s Deputy Foreign Minister for Political Affairs Ali Bagheri Kani``,
    ``the Prime Minister and Foreign Minister of Qatar Sheikh Mohammed ...``,
    ``Iranian President Ebrahim Raisi and Foreign Minister Hossein Amirabdollahian``.
    """
    i = start - 1
    while i >= 0 and (names.is_honorific(doc[i].text) or doc[i].lower_ in ("his", "her", ".")):
        i -= 1
    if i >= 0 and doc[i].text == ",":
        return _apposition_before(doc, i, places)
    title_end = i + 1
    country = None
    j = i
    while j >= 0:
        tok = doc[j]
        if tok.ent_type_ == "GPE":
            # ``of Qatar`` inside a title
            k = j
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            if k > 0 and doc[k - 1].lower_ == "of":
                country = country or roles.canonical_country(doc[k:j + 1].text)
                if title_end == j + 1:
                    title_end = k - 1
                j = k - 2
                continue
            break
        if (_is_title_word(tok) or (tok.lower_ in ("of", "for", "and") and j < i)
                or _side_word(tok, places)):
            j -= 1
            continue
        break
    first = j + 1
    while first < title_end and doc[first].lower_ in ("of", "for", "and"):
        first += 1
    tokens = [t for t in doc[first:title_end]]
    if not any(roles.is_role_noun(t.text) for t in tokens):
        return None
    # What stopped the walk says whose title it is.
    if j >= 0:
        stop = doc[j]
        if stop.ent_type_ == "NORP":
            country = roles.country_of(stop.text, places) or country
        elif stop.text in _POSSESSIVE and j > 0 and doc[j - 1].ent_type_ in ("GPE", "ORG"):
            k = j - 1
            while k > 0 and doc[k].ent_iob_ == "I":
                k -= 1
            country = roles.canonical_country(doc[k:j].text) or country
        elif person_at(j) is not None and j + 1 < len(doc) and doc[j + 1].lower_ == "and":
            # ``Iranian President Ebrahim Raisi and Foreign Minister ...``: shared nationality
            country = country or country_at(person_at(j))
    return tokens, country, first


def _apposition_before(doc, comma: int, places):
    """``the Qatari Emir, His Excellency Sheikh Tamim ...``: a role noun, a comma, the name."""
    head = doc[comma - 1] if comma > 0 else None
    if head is None or not roles.is_role_noun(head.text):
        return None
    words, country, first, _ = coref.role_phrase(doc, head, places)
    return words, country, first


def _apposition_after(doc, end: int, places):
    """``Enrique Mora, the European Union's coordinator for Vienna talks,``."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    stop = i
    while stop < len(doc) and stop - i < 12 and not doc[stop].is_punct or (
        stop < len(doc) and doc[stop].text in _POSSESSIVE
    ):
        stop += 1
    heads = [t for t in doc[i:stop] if roles.is_role_noun(t.text) and t.pos_ in ("NOUN", "PROPN")]
    if not heads or doc[i].lower_ not in ("the", "a", "an") and doc[i].ent_type_ not in (
        "NORP", "GPE", "ORG"
    ):
        return None
    words, country, first, _ = coref.role_phrase(doc, heads[0], places, limit=stop)
    return words, country, first


def _add_roles(doc, entities: list[_Entity], places: list[str]) -> set[int]:
    """Titles and appositions give people roles and countries; returns the title tokens."""
    owner: dict[int, _Entity] = {}
    for ent in entities:
        if ent.kind == "person":
            for s, e, _ in ent.spans:
                for i in range(s, e):
                    owner[i] = ent

    def country_at(ent: _Entity) -> str | None:
        return ent.countries[0] if ent.countries else None

    title_tokens: set[int] = set()
    spans = sorted((s, e, ent) for ent in entities if ent.kind == "person"
                   for s, e, _ in ent.spans)
    for s, e, ent in sorted(spans, key=lambda x: x[0]):
        found = _title_before(doc, s, places, owner.get, country_at)
        after = _apposition_after(doc, e, places)
        for res in (found, after):
            if not res:
                continue
            tokens, country, first = res
            tokens = _trim_title(tokens)
            if not tokens:
                continue
            for role in _split_roles(tokens):
                if role not in ent.roles:
                    ent.roles.append(role)
            if country and country not in ent.countries:
                ent.countries.append(country)
            lo = first if res is found else e
            hi = s if res is found else (tokens[-1].i + 1 if tokens else e)
            title_tokens.update(range(lo, hi))
        # the honorific tells gender
        i = s - 1
        while i >= 0 and names.is_honorific(doc[i].text):
            ent.gender = names.honorific_gender(doc[i].text) or ent.gender
            i -= 1
    return title_tokens


def _finalise(doc, entities: list[_Entity]) -> list[Actor]:
    actors: list[Actor] = []
    used: Counter = Counter()
    for ent in sorted(entities, key=lambda e: min(s for s, _, _ in e.spans)):
        if ent.kind == "person":
            name = max(ent.forms, key=lambda f: (len(names.name_key(f)), len(f)))
        elif ent.kind == "place":
            counts = Counter(roles.canonical_country(t) for _, _, t in ent.spans)
            name = max(counts, key=lambda f: (counts[f], -len(f)))
        else:
            name = max(ent.forms, key=lambda f: (not f.isupper(), len(f)))
        base = slugify(name) or "actor"
        used[base] += 1
        ident = base if used[base] == 1 else f"{base}-{used[base]}"
        aliases = []
        for form in [name, *ent.forms]:
            if form not in aliases:
                aliases.append(form)
        mentions = [Mention(doc[s:e].start_char, doc[s:e].end_char, doc[s:e].text)
                    for s, e, _ in sorted(ent.spans)]
        actors.append(Actor(id=ident, name=name, kind=ent.kind, aliases=aliases,
                            roles=list(ent.roles), mentions=mentions,
                            countries=list(ent.countries)))
    return actors


def _analyse(doc) -> tuple[list[Actor], dict[str, dict], set[int]]:
    places = _places(doc)
    vocab = vocabulary(doc)
    cands = [c for e in doc.ents for c in _clean_entity(doc, e, vocab)]
    cands = _select(cands + _honorific_names(doc) + _given_names(doc, vocab)
                    + _institutions(doc, places))
    declined: dict[int, str] = {}
    entities = _group(doc, cands, declined)
    _rescan(doc, entities, declined)
    title_tokens = _add_roles(doc, entities, places)
    actors = _finalise(doc, entities)
    genders = {}
    order = sorted(entities, key=lambda e: min(s for s, _, _ in e.spans))
    for actor, ent in zip(actors, order, strict=True):
        gender = ent.gender
        if gender is None and actor.kind == "person":
            gender = names.guess_gender(actor.name)
        genders[actor.id] = {"gender": gender}
    return actors, genders, title_tokens


def find_actors(doc) -> list[Actor]:
    """People, organisations and places named in the article, with roles and mentions.

    Mentions include pronouns and role nouns (``He``, ``the Iranian diplomat``) resolved
    to a named actor; ones that resolve to nobody the article names are left out.
    """
    actors, info, title_tokens = _analyse(doc)
    tracker = coref.Tracker(doc, actors, info, title_tokens, _places(doc))
    text = doc_text(doc)  # a property that joins every token: read it once
    for (start, end), target in sorted(tracker.resolve().items()):
        if target.actor is None:
            continue
        actor = target.actor
        if not any(m.start <= start < m.end or start <= m.start < end for m in actor.mentions):
            actor.mentions.append(Mention(start, end, text[start:end]))
    for actor in actors:
        actor.mentions.sort(key=lambda m: m.start)
    # Keep the Doc analysis for resolve_speakers on the same Doc.
    doc.user_data["briefing.actors"] = {"info": info, "title_tokens": sorted(title_tokens)}
    return actors


def resolve_speakers(quotes: Iterable[Quote], actors: list[Actor], doc) -> None:
    """Point each quote's speaker mention at the actor it refers to (in place).

    A name or part of one is that actor; a pronoun is the person in focus; a role noun is
    the person the article gave that role; an institution or its statement speaks for
    itself. A mention that resolves to nobody named keeps its role as the name (``Iranian
    minister``) and no actor, never a guessed person.
    """
    quotes = [q for q in quotes if q.speaker is not None and q.speaker.start is not None]
    if not quotes:
        return
    saved = doc.user_data.get("briefing.actors")
    if saved:
        info, title_tokens = saved["info"], set(saved["title_tokens"])
    else:
        info, title_tokens = _analyse(doc)[1:]
    spans = [(q.speaker.start, q.speaker.end) for q in quotes]
    tracker = coref.Tracker(doc, actors, info, title_tokens, _places(doc), speakers=spans)
    resolved = tracker.resolve()
    by_id = {a.id: a for a in actors}
    for q in quotes:
        sp = q.speaker
        target = tracker.target_for_span(sp.start, sp.end, resolved)
        if target is None:
            continue
        if target.actor is not None:
            actor = by_id[target.actor.id]
            sp.name = actor.name
            sp.actor = actor.id
        else:
            sp.name = target.label
            sp.actor = None
