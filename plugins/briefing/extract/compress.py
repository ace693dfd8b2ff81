"""A lead sentence compressed into a headline, from its dependency parse.

A desk editor keeps the main clause, who does what (to whom), and drops what a headline
never carries: time adverbials ("on Thursday"), asides in brackets, articles. A past act
is told in the present ("backed" -> "backs", "has rejected" -> "rejects"), a passive keeps
its participle ("was escorted" -> "escorted"), "held a meeting with X" becomes "meets X".
The rest goes only while the headline is too long (``MAX_WORDS``), in rounds: first a
person's long title, adverbs, the second of two acts, an opening adverbial and a closing
circumstance (``level`` 1); then relative clauses and appositions, then modifiers,
rightmost first (``_prune``). A short quotation is never cut. A reported-speech lead
("X said Y") that is too long becomes "X: Y" ("X says Y" when Y's subject is a pronoun:
"X: he has no idea" would lose who "he" is). A subject the lead calls by a pronoun or a
role noun is named when the article's actors resolve it ("Iran's acting foreign minister"
-> "Ali Bagheri").

Works on one parsed sentence (a spaCy ``Span``); no Pelican, no model loading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..records import Actor
from . import cues, roles
from .inflect import NON_THIRD_SINGULAR, present

# "About 12 words": real headlines in PolNeAR's train sample average 10.7 words, and a cap
# of 12 made ours average 9.1 (13: 9.6; ROUGE-1 on train's unseen part 0.278 -> 0.279).
MAX_WORDS = 13
MIN_WORDS = 4

# Verbs whose clause is what a lead reports: "X said (that) Y" becomes "X: Y". The speech
# verbs of quote extraction, plus what polls and studies do ("a poll shows that ...").
REPORTING = cues.SPEECH_LEMMAS | frozenset("show find".split())
_NEVER = frozenset("parataxis intj meta preconj dep".split())
# Adverbs that belong to their verb ("lashes out", "never") stay whatever the length.
_KEPT_ADVERBS = frozenset("out away back up down off not never no".split())
_ARTICLES = frozenset("the a an".split())
_FILLER_ADVERBS = frozenset(
    """also again now then once already reportedly recently currently meanwhile however
    instead indeed apparently further ever""".split()
)
_TIME_LABELS = frozenset(("DATE", "TIME"))
_TIME_WORDS = frozenset(
    """today tonight yesterday tomorrow now currently recently earlier later morning afternoon
    evening night weekend week month year monday tuesday wednesday thursday friday saturday
    sunday""".split()
)
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir".split())
# What may stand before a subject and go with the opening adverbial ("In 2008, X ...").
_OPENING = frozenset("prep advcl advmod npadvmod punct intj dep parataxis ccomp".split())
_SHORT_QUOTE = 7  # marks included: up to five quoted words
_QUOTE_SLACK = 3  # words a headline may run over to keep a short quotation whole
_PRONOUNS = frozenset("he she they it i we you".split())

# The actor whose mention covers a character span of the file, or None.
ActorOf = Callable[[int, int], "Actor | None"]


@dataclass
class _Plan:
    """Which tokens of the sentence a headline keeps, and what some of them become."""

    keep: set[int] = field(default_factory=set)
    text: dict[int, str] = field(default_factory=dict)  # token index -> replacement text
    pinned: set[int] = field(default_factory=set)  # never pruned (the verb, its subject)
    quoted: dict[int, int] = field(default_factory=dict)  # token index -> its quotation
    short_quotes: set[int] = field(default_factory=set)  # words of the short quotations


def main_verb(sent):
    """The sentence's main verb: its root when that is a verb, else None (a fragment)."""
    root = sent.root
    return root if root.pos_ in ("VERB", "AUX") else None


def _subject(verb):
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            return child
    return None


def _is_time(tok) -> bool:
    """A time adverbial and nothing more: "Thursday", "on Thursday", "last week"."""
    if tok.dep_ in ("npadvmod", "tmod"):  # "Wednesday night", "online Wednesday night"
        return tok.ent_type_ in _TIME_LABELS or tok.lower_ in _TIME_WORDS
    words = [t for t in tok.subtree if not t.is_punct and t.dep_ not in ("det", "case")]
    if tok.dep_ == "prep":
        words = [t for t in words if t is not tok]
    # a year alone says which cycle, season or budget ("the total for 2012"): it stays
    if len(words) == 1 and re.fullmatch(r"(?:1[89]|20)\d\d", words[0].text):
        return False
    return bool(words) and all(
        t.ent_type_ in _TIME_LABELS or t.lower_ in _TIME_WORDS for t in words
    )


def _bracketed(sent) -> set[int]:
    """Tokens inside brackets, brackets included: "Mike Pence (R-IN)", "(all times EDT)"."""
    depth, inside = 0, set()
    for tok in sent:
        if tok.text == "(":
            depth += 1
        if depth:
            inside.add(tok.i)
        if tok.text == ")" and depth:
            depth -= 1
    return inside


def _quoted(sent) -> list[tuple[int, int]]:
    """(opening, closing) token indices of each quotation ("...", ‘...’)."""
    out, start = [], None
    for tok in sent:
        t = tok.text
        if start is None and t in ("“", '"', "``", "‘"):
            start = tok.i
        elif start is not None and t in ("”", '"', "''", "’"):
            out.append((start, tok.i))
            start = None
    return out


def _dropped(child, head, level: int) -> bool:
    """Whether a headline leaves ``child`` (and everything under it) out; ``level`` 1 is
    the round for a headline still too long."""
    dep = child.dep_
    verbal = head.pos_ in ("VERB", "AUX")
    if dep in _NEVER:
        return True
    if dep == "poss" or verbal and dep in ("prep", "advmod", "tmod", "npadvmod"):
        if _is_time(child):  # an adverbial of the act: "on Thursday"; "Tuesday's debate" too,
            return True  # but not "the total for 2012" nor "a 14-year-old daughter"
    if dep == "punct":
        return child.text in (".", "!", "?", ";", "—", "–", "―", "--")
    if dep == "det" and child.lower_ in _ARTICLES:
        return True
    if dep == "poss" and level > 0 and child.lower_ in ("his", "her", "their", "its"):
        return True
    if dep == "prep" and child.lower_ == "according":
        return True  # the source of the news, not the news
    if dep in ("appos", "relcl", "npadvmod") and child.doc[child.left_edge.i - 1].text in \
            ",(—–":
        return True  # set off by commas: "Bryan Pagliano, a former aide,", ", which ..."
    if dep == "appos":
        # a close apposition goes when too long, unless it is the name ("Editor Matthew Boyle")
        return level > 0 and child.ent_type_ != "PERSON"
    if dep == "mark":  # "said [that] ..."; a relative "that" stays ("the blast that X saw")
        return child.lower_ == "that" and head.dep_ not in ("relcl", "acl")
    if dep == "compound" and child.lower_ in _HONORIFICS:
        return True
    if dep == "acl":
        # "plans to expand": an infinitive says what the noun is; a participle adds detail
        return level > 0 and not _infinitive(child)
    if verbal and dep == "advmod" and child.lower_ in _FILLER_ADVERBS:
        return True  # "also", "again", "reportedly": a headline states the act
    if level == 0 or not verbal:
        return False
    if dep in ("conj", "cc"):
        return True  # "joked ..., declined ... and told ...": the first act
    if dep == "advmod":
        return child.lower_ not in _KEPT_ADVERBS
    # an opening or closing circumstance goes; a purpose ("sought to ease ...") stays
    return dep == "advcl" and not _infinitive(child)


def _infinitive(verb) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _collect(tok, plan: _Plan, level: int) -> None:
    plan.keep.add(tok.i)
    verbal = tok.pos_ in ("VERB", "AUX")
    subj = _subject(tok) if verbal else None
    for child in tok.children:
        if plan.quoted.get(child.i, -1) == plan.quoted.get(tok.i, -2) or \
                child.i in plan.short_quotes:
            plan.keep.update(t.i for t in child.subtree)  # a quotation is kept as said
            continue
        if subj is not None and level > 0 and child.i < subj.left_edge.i and \
                child.dep_ in _OPENING:
            continue  # the opening adverbial ("In offering analysis, X told")
        if verbal and subj is None and child.i < tok.i and child.dep_ == "npadvmod":
            _collect(child, plan, level)  # "Tuesday marks ...": the subject, misparsed
            continue
        if not _dropped(child, tok, level):
            _collect(child, plan, level)


# Role nouns that stand as a title before a name, beyond the office words of ``roles``.
_TITLE_NOUNS = frozenset(
    """ceo cfo chief editor host anchor pollster correspondent reporter columnist sheikh sheik
    frontrunner front-runner billionaire mogul tycoon star comedian actor actress singer
    rapper owner executive justice speaker commissioner superintendent chancellor rev.
    sir dame lord lady pope cardinal bishop rabbi imam ayatollah hacker""".split()
)
_TITLE_GLUE = frozenset("of for and".split())


def _is_title_noun(tok) -> bool:
    low = tok.lower_
    return roles.is_role_noun(low) or low in _TITLE_NOUNS or low in _HONORIFICS


def _titles(sent, level: int) -> dict[int, str | None]:
    """The title words before each name ("Republican vice-presidential nominee Gov. [Mike
    Pence]", "Iran's Deputy Foreign Minister for Political Affairs [Ali Bagheri Kani]"),
    read off the tokens rather than the parse, which often hangs a name off its title. Maps
    each title token to None, except the first, which maps to the country an "of Qatar" in
    the title gives ("Qatar's"), to stand in its place."""
    doc = sent.doc
    out: dict[int, str | None] = {}
    for ent in sent.ents:
        if ent.label_ != "PERSON":
            continue
        first = ent.start
        while first < ent.end - 1 and _is_title_noun(doc[first]):
            first += 1  # "Sheikh" or "Gov." the tagger took into the name
        stretch, i = [], first - 1
        while i >= sent.start:
            tok = doc[i]
            if tok.is_space:  # "nominee\xa0Gov.\xa0Mike Pence"
                stretch.append(tok)
                i -= 1
                continue
            if tok.tag_ == "POS" or tok.pos_ in ("DET", "AUX", "PRON", "NUM") or (
                    tok.pos_ == "PUNCT" and tok.text != "-") or (
                    tok.pos_ == "ADP" and tok.lower_ not in _TITLE_GLUE):
                break
            if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "PUNCT", "ADP", "CCONJ") and not (
                    tok.tag_ == "VBN" and tok.dep_ in ("amod", "compound")):
                break  # "Retired Lt. Gen." is a title too
            if stretch and stretch[-1].lower_ in _TITLE_GLUE and not tok.text[:1].isupper():
                break  # glue joins capitalised title words: "Minister of Qatar", not
                # "endorsement of [Sen. Ted Cruz]"
            if tok.pos_ == "NOUN" and not tok.text[:1].isupper() and not _is_title_noun(tok) \
                    and not roles.is_role_word(tok.lower_) \
                    and not (stretch and _is_title_noun(stretch[-1])):
                break  # "the writer [Jared Sexton]": a plain noun is no title; "campaign
                # manager" is
            stretch.append(tok)
            i -= 1
        while stretch and (stretch[-1].lower_ in _TITLE_GLUE | {"-"} or stretch[-1].is_space):
            stretch.pop()
        title = [t for t in stretch if not t.is_space]
        if not title and first == ent.start:
            continue
        if title and first == ent.start and not (
                any(_is_title_noun(t) for t in title)
                and (roles.is_role_word(title[0].lower_) or _is_title_noun(title[0]))):
            continue  # what stands before the name is no title ("Fans of [Bradley Cooper]")
        dropped = [t.i for t in stretch] + list(range(ent.start, first))
        if level == 0 and len(title) + first - ent.start < 3:
            continue  # a short title stays while the headline fits ("Sen. Kelly Ayotte")
        country = None
        for k, tok in enumerate(title):
            if tok.lower_ == "of" and k and title[k - 1].ent_type_ == "GPE":
                country = title[k - 1].text + "’s"
        for j in dropped:
            out[j] = None
        if country and stretch:
            out[min(dropped)] = country
    return out


def _name_people(plan: _Plan, sent, level: int = 1) -> None:
    """Titles before a name go: "Republican nominee Gov. Mike Pence" -> "Mike Pence"; a
    possessive place stays ("Qatar's al-Khulaifi"), and "Foreign Minister of Qatar Sheikh
    Mohammed" becomes "Qatar's Mohammed"."""
    for i, country in _titles(sent, level).items():
        if i in plan.keep:
            if country is None:
                plan.keep.discard(i)
            else:
                plan.text[i] = country


def _plural(subj) -> bool:
    if subj is None:
        return False
    if subj.lower_ in NON_THIRD_SINGULAR:
        return True
    kids = {c.dep_ for c in subj.children}
    if "conj" in kids and "cc" in kids:
        return True  # "Clinton and Trump" (a name the tagger hung off a title is no "and")
    return subj.tag_ in ("NNS", "NNPS")


def _tense(verb, plan: _Plan, subject_plural: bool | None = None) -> None:
    """Headline tense on ``verb``: a past or perfect act in the present, a passive as its
    participle; modals ("will", "could") and present forms stay."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes) or verb.i in plan.quoted:
        return  # "will back", "could back"; a quotation is given as said
    plural = _plural(_subject(verb)) if subject_plural is None else subject_plural
    if any(c.dep_ == "neg" for c in verb.children):
        # "did not want" -> "does not want", "weren't tied" -> "aren't tied"
        if auxes and auxes[0].tag_ == "VBD":
            plan.text[auxes[0].i] = _cased(present(auxes[0].lemma_, plural), auxes[0].text)
        return
    if any(a.dep_ == "auxpass" for a in auxes):
        plan.keep.difference_update(a.i for a in auxes)  # "was escorted": the participle
        return
    if verb.tag_ == "VBG" and auxes:
        be = [a for a in auxes if _is_be(a)]
        if be and be[0].tag_ == "VBD":  # "was facing" -> "is facing"
            plan.text[be[0].i] = _cased(present("be", plural), be[0].text)
        plan.keep.difference_update(a.i for a in auxes if not _is_be(a))
        return
    perfect = any(a.lemma_ == "have" for a in auxes)
    if (perfect and verb.tag_ == "VBN") or (verb.tag_ == "VBD" and not auxes):
        plan.keep.difference_update(a.i for a in auxes)
        lemma = verb.lemma_
        if lemma and (lemma.lower() != verb.lower_ or lemma == "be"):
            plan.text[verb.i] = present(_cased(lemma, verb.text), plural)


# "held a meeting with X" -> "meets X": the act a light verb and its noun stand for.
_LIGHT = {("hold", "meeting"): "meet", ("have", "meeting"): "meet", ("hold", "talks"): "talk",
          ("have", "talks"): "talk", ("make", "visit"): "visit", ("pay", "visit"): "visit"}


def _light_verb(verb, plan: _Plan, plural: bool) -> None:
    """ "X held a meeting with Y" -> "X meets Y", "paid a visit to Z" -> "visits Z"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    act = _LIGHT.get((verb.lemma_.lower(), obj.lemma_.lower())) if obj is not None else None
    if act is None or any(c.dep_ not in ("det", "amod", "prep") for c in obj.children):
        return
    joint = [p for p in [*verb.children, *obj.children]
             if p.dep_ == "prep" and p.lower_ in ("with", "to") and p.i > obj.i]
    if not joint or any(a.tag_ == "MD" for a in verb.children if a.dep_ == "aux"):
        return
    if verb.i in plan.text or verb.tag_ in ("VBZ", "VBP"):
        plan.text[verb.i] = _cased(present(act, plural), verb.text)
    elif verb.tag_ == "VB":
        plan.text[verb.i] = _cased(act, verb.text)
    else:
        return
    prep = joint[0]
    plan.keep.difference_update(t.i for t in obj.subtree if t.i < prep.i or t.i == obj.i)
    if act == "meet" or act == "visit":
        plan.keep.discard(prep.i)  # "meets X", "visits Z"; "talks with X"
    plan.pinned.add(prep.i)
    plan.pinned.update(c.i for c in prep.children)


def _is_be(aux) -> bool:
    # the lemmatizer leaves a curly "’s" or "’re" as it is
    return aux.lemma_ == "be" or aux.lower_ in ("’s", "'s", "’re", "'re", "’m", "'m")


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word.lower()


def _name_subject(subj, plan: _Plan, actor_of: ActorOf | None, base: int) -> bool:
    """A subject the lead calls by a pronoun or role ("He", "Iran's acting foreign minister")
    is named by the actor it resolves to. True when it was replaced (a singular name)."""
    if actor_of is None or subj is None or subj.pos_ not in ("PRON", "NOUN") or any(
            c.dep_ == "conj" for c in subj.children):
        return False  # a name stays as the lead writes it
    actor = actor_of(base + subj.idx, base + subj.idx + len(subj))
    if actor is None:
        return False
    plan.keep.difference_update(t.i for t in subj.subtree)
    plan.keep.add(subj.i)
    plan.text[subj.i] = actor.name  # named in full
    return True


def _render(sent, plan: _Plan, keep: set[int] | None = None) -> str:
    doc = sent.doc
    out, prev = "", None
    for i in sorted(plan.keep if keep is None else keep):
        tok = doc[i]
        if out:
            if prev == i - 1:
                out += doc[prev].whitespace_
            elif not (tok.is_punct and tok.text not in "(“‘\"" and not doc[i - 1].whitespace_):
                out += " "  # a gap: a word attaches as it did to what stood before it
        out += plan.text.get(i, tok.text)
        prev = i
    return out


def words(text: str) -> int:
    """Words in a headline: what holds a letter or digit."""
    return len([w for w in text.split() if any(c.isalnum() for c in w)])


def _separators(sent, plan: _Plan) -> None:
    """A comma or dash left beside a dropped part ("Pagliano, [a former aide], in") goes; a
    dropped article is no part ("After the talks, [the] two sides agree")."""
    doc = sent.doc

    def kept_beside(i: int, step: int) -> bool:
        j = i + step
        while sent.start <= j < sent.end and j not in plan.keep and doc[j].lower_ in _ARTICLES:
            j += step
        return j in plan.keep

    for i in sorted(plan.keep):
        tok = doc[i]
        if tok.is_punct and tok.text in (",", "—", "–", "-", ":", ";"):
            if not (kept_beside(i, -1) and kept_beside(i, 1)):
                plan.keep.discard(i)


_OBJECTS = frozenset("dobj dative attr acomp oprd xcomp ccomp prt".split())
# What goes when a headline is still too long, round by round, rightmost first in a round.
_PRUNE_ROUNDS = (("relcl", "appos"), ("prep", "acl", "advmod", "npadvmod", "agent", "advcl"),
                 ("conj",), ("xcomp", "ccomp", "pcomp", "dobj"), ("amod", "nummod", "quantmod"))


def _prune(sent, plan: _Plan, max_words: int) -> None:
    """Drop modifiers, rightmost first, until the headline fits. A short quotation stays,
    a longer one goes whole or not at all, unless the headline would stay far too long
    (``_QUOTE_SLACK``); a verb keeps its object and the preposition that completes it;
    a nested phrase goes with the phrase it hangs from ("since the beginning of ...")."""
    doc = sent.doc
    quoted = _quoted(sent)

    def splits_quote(cut) -> bool:
        sub = {t.i for t in cut.subtree}
        return protect and any(a < cut.i < b and not set(range(a + 1, b)) <= sub
                               for a, b in quoted)

    protect = True

    def short_quote(cut) -> bool:  # "going ‘very well’": a few quoted words are the news
        return protect and any(a < t.i < b and b - a <= _SHORT_QUOTE for t in cut.subtree
                               for a, b in quoted)

    def splits_word(cut) -> bool:  # "hell-bent", "14-year-old": a written word stays whole
        left, right = cut.left_edge.i, cut.right_edge.i
        return (left > sent.start and not doc[left - 1].whitespace_ and left - 1 in plan.keep
                and not doc[left - 1].is_punct) or (
            right + 1 < sent.end and not doc[right].whitespace_ and right + 1 in plan.keep
            and not doc[right + 1].is_punct) or (
            left > sent.start and doc[left - 1].text == "-" and left - 1 in plan.keep)

    def complement(cut) -> bool:
        """The first preposition of a verb with no object ("based [on ...]", "escorted [off
        the premises]") completes it."""
        head = cut.head
        if cut.dep_ != "prep" or head.pos_ not in ("VERB", "AUX"):
            return False
        if any(c.dep_ in _OBJECTS and c.dep_ != "prt" and c.i in plan.keep
               for c in head.children):
            return False  # a particle wants its preposition: "come up [with a plan]"
        first = next((c for c in head.children if c.dep_ == "prep" and c.i > head.i
                      and c.i in plan.keep), None)
        return first is not None and first.i == cut.i

    # a short quotation goes only when the headline would stay far too long with it
    rounds = [(True, d) for d in _PRUNE_ROUNDS] + [(False, d) for d in _PRUNE_ROUNDS]
    for protect, deps in rounds:
        if not protect and words(_render(sent, plan)) <= max_words + _QUOTE_SLACK:
            break
        while words(_render(sent, plan)) > max_words:
            candidates = [
                doc[i] for i in plan.keep
                if doc[i].dep_ in deps and i not in plan.pinned
                and doc[i].head.i != i and not splits_quote(doc[i]) and not short_quote(doc[i])
                and not complement(doc[i]) and not splits_word(doc[i])
                and not (doc[i].dep_ == "dobj" and doc[i].head.i in plan.pinned)
                and doc[i].tag_ not in ("WDT", "WP")  # "the blast [that] X described"
                and not (doc[i].dep_ == "advmod" and doc[i].lower_ in _KEPT_ADVERBS)
            ]
            if not candidates:
                break
            cut = max(candidates, key=lambda t: t.left_edge.i)
            obj = cut.head
            outer = obj.head if cut.dep_ in ("prep", "acl", "relcl") and \
                obj.dep_ == "pobj" else None
            bare = outer is not None and not any(
                c.i in plan.keep and c.i != cut.i for c in obj.children)
            if bare and outer.dep_ == "prep" and outer in candidates and \
                    words(_render(sent, plan, plan.keep - {t.i for t in outer.subtree})) >= \
                    MIN_WORDS:
                # "since the beginning [of the onslaught]" would leave "since beginning",
                # "in order [to win]" "in order": the whole phrase goes
                cut = outer
            gone = {t.i for t in cut.subtree}
            if cut.dep_ == "conj":  # "Obama and [the party's leaders]": the "and" goes too
                gone |= {c.i for c in cut.head.children
                         if c.dep_ in ("cc", "punct") and cut.head.i < c.i < cut.i}
            head = cut.head
            if head.pos_ == "ADP" and head.i not in plan.pinned and not any(
                    c.i in plan.keep and c.i not in gone for c in head.children):
                gone |= {t.i for t in head.subtree}  # "a bite out [of the law]": "out" too
            rest = plan.keep - gone
            if words(_render(sent, plan, rest)) < MIN_WORDS:
                break
            plan.keep = rest
            _separators(sent, plan)


def _plan(tok, sent, level: int, actor_of: ActorOf | None, base: int, tense: bool,
          subject: bool = True) -> _Plan:
    """The kept tokens of ``tok``'s clause (or phrase) at a compression ``level``."""
    quotes = _quoted(sent)
    plan = _Plan(quoted={i: n for n, (a, b) in enumerate(quotes) for i in range(a + 1, b)},
                 short_quotes={i for a, b in quotes if b - a <= _SHORT_QUOTE
                               for i in range(a, b + 1)})
    _collect(tok, plan, level)
    subj = _subject(tok) if subject else tok
    named = _name_subject(subj, plan, actor_of, base)
    _name_people(plan, sent, level)
    if tense and subject:
        _tense(tok, plan, subject_plural=False if named else None)
        _light_verb(tok, plan, False if named else _plural(subj))
    plan.pinned.add(tok.i)
    if subj is not None:
        plan.pinned.add(subj.i)
    plan.keep -= _bracketed(sent)
    _separators(sent, plan)
    return plan


def _fitted(tok, sent, max_words: int, actor_of: ActorOf | None = None, base: int = 0,
            tense: bool = True, subject: bool = True) -> _Plan:
    """The lightest compression that fits: ``level`` 0, then 1, then pruning."""
    plan = _plan(tok, sent, 0, actor_of, base, tense, subject)
    if words(_render(sent, plan)) <= max_words:
        return plan
    plan = _plan(tok, sent, 1, actor_of, base, tense, subject)
    _prune(sent, plan, max_words)
    return plan


def _reported(verb):
    """The clause a reporting verb reports ("said [that the deal is dead]"), if any."""
    if verb.lemma_.lower() not in REPORTING:
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and _subject(c) is not None]
    after = [c for c in clauses if c.i > verb.i]
    return (after or clauses or [None])[0]


def _main_clause(verb):
    """ "Few politicians would admit this, but Sen. Chris Murphy says ...": the news is the
    clause after "but"."""
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and _subject(child) and any(
                c.dep_ == "cc" and c.lower_ in ("but", "yet")
                for c in [*verb.children, *child.children]):
            return child
    return verb


def reports(sent) -> bool:
    """Whether the parse reads the sentence as a report with its source ("X said Y")."""
    verb = main_verb(sent)
    return verb is not None and _reported(verb) is not None and _subject(verb) is not None


# Words that open a subordinate clause or an adverbial before the main clause.
OPENERS = frozenset(
    """after as when if while although though because since despite following during in on
    at with without amid before until unlike like once whether even by under over according
    for from""".split()
)


def opening_end(sent) -> int | None:
    """Where the main clause starts (a character offset in the sentence) when an opening
    clause ("As Obama appears set to veto the bill, Clinton disagrees") confused the parse:
    no main verb, the opener marking the root, or the subject starting inside the opener.
    The opening clause ends at the last comma before the main verb. None when the parse
    stands."""
    if not len(sent) or sent[0].lower_ not in OPENERS:
        return None
    verb = main_verb(sent)
    end = verb.i if verb is not None else sent.end
    commas = [t for t in sent if t.text == "," and t.i < end]
    if not commas:
        return None
    comma = commas[-1] if verb is not None else commas[0]
    subj = _subject(verb) if verb is not None else None
    trouble = verb is None or subj is None or subj.left_edge.i < comma.i or any(
        c.dep_ == "mark" and c.i == sent.start for c in verb.children)
    if not trouble or comma.i + 1 >= sent.end:
        return None
    nxt = sent.doc[comma.i + 1]
    if nxt.text in ("”", "’", "'", '"') and comma.i + 2 < sent.end:
        nxt = sent.doc[comma.i + 2]
    return nxt.idx - sent.start_char


def kicker(sent) -> str | None:
    """A verbless lead that announces what follows ("The Latest on the race:") gives its
    head phrase as a kicker ("The Latest"), or None."""
    root = sent.root
    if main_verb(sent) is not None or not sent.text.rstrip().endswith(":"):
        return None
    kept = [t for t in root.subtree if t.i <= root.i and t.dep_ in ("det", "amod", "compound")
            or t.i == root.i]
    return " ".join(t.text for t in kept) or None


def headline(sent, actor_of: ActorOf | None = None, base: int = 0,
             max_words: int = MAX_WORDS, style: str = "colon") -> str | None:
    """A headline from a parsed lead sentence, or None when it has no main verb.

    ``actor_of(start, end)`` is the actor the file's span refers to (``base`` is the
    sentence's offset in the file); ``style`` is how reported speech reads: ``colon``
    ("X: Y"), ``says`` ("Y, X says"), ``says-first`` ("X says Y") or ``plain`` (the
    sentence's own main clause). Under ``colon`` a report whose subject is a pronoun
    ("Blumenthal said he has no idea") reads "X says Y": "X: he has no idea" would lose who
    "he" is."""
    verb = main_verb(sent)
    if verb is None:
        return None
    source = _according_to(verb)
    whole = _plan(verb, sent, 0, actor_of, base, True)
    if words(_render(sent, whole)) <= max_words - bool(source):
        # short enough as it stands ("X says Y"); a poll it cites leads ("Poll: X leads")
        return f"{source}: {_render(sent, whole)}" if source else _render(sent, whole)
    verb = _main_clause(verb)
    content = _reported(verb) if style != "plain" else None
    speaker = _subject(verb) if content is not None else None
    if content is not None and speaker is not None:
        who = _fitted(speaker, sent, max_words // 2, actor_of, base, tense=False, subject=False)
        who.keep -= {t.i for t in content.subtree}
        _separators(sent, who)
        speaker_text = _render(sent, who)
        form = style
        if style == "colon" and _subject(content).lower_ in _PRONOUNS:
            form = "says-first"
        budget = max(MIN_WORDS, max_words - words(speaker_text) - (form != "colon"))
        said = _fitted(content, sent, budget)
        content_text = _render(sent, said)
        if speaker_text and content_text:
            says = present("say", _plural(speaker))
            if form == "says":
                return f"{content_text}, {speaker_text} {says}"
            if form == "says-first":
                return f"{speaker_text} {says} {content_text}"
            return f"{speaker_text}: {content_text[:1].upper()}{content_text[1:]}"
    if source:  # "..., according to a new poll" -> "Poll: ..."
        plan = _fitted(verb, sent, max_words - 1, actor_of, base)
        return f"{source}: {_render(sent, plan)}"
    return _render(sent, _fitted(verb, sent, max_words, actor_of, base))


# What a lead may cite as its source with "according to": the kicker it makes.
_SOURCE_NOUNS = frozenset("poll survey study report estimate census".split())


def _according_to(verb) -> str | None:
    """ "X leads, according to a new poll": the source as a kicker ("Poll")."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for t in child.subtree:
                if t.dep_ == "pobj" and t.lemma_.lower() in _SOURCE_NOUNS:
                    return t.lemma_.capitalize()
    return None
