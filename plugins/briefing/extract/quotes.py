"""Quotes and reported speech with their cue and speaker mention.

Direct quotes come from quotation marks (``quote_marks``); each is attributed to a cue
(``cues``) by the dependency parse: the cue whose complement holds the quote, else the
nearest cue in the sentences the quote touches, else a cue inside the quote's first word
(``He “stressed that …”``), else a colon-introduced cue or the speaker of the quote just
before it (``“…,” he said. “…”``). Indirect speech is the complement clause (or message
object) of every other cue. Quotes without any cue that are short are scare quotes
(``so-called “moderate”``) and are dropped.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Quote, Speaker
from .cues import (
    ADDRESSEE_OBJECT,
    CLAUSE_ONLY,
    MARKUP,
    OBJECT_CONTENT,
    PHRASAL,
    Cue,
    colon_cues,
    cue_extent,
    dash_speaker,
    find_cues,
    governing_cue,
    governing_cue_for_verb,
    is_cue_lemma,
    mention_span,
    put_it_cues,
    speaker_subject,
)
from .nlp import doc_text
from .quote_marks import QuotedRegion, find_quoted

if TYPE_CHECKING:  # annotations only: reading cached extractions never loads spaCy
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

# A quote with no cue anywhere near is kept only when it is at least this many words:
# shorter ones are scare quotes, titles or nicknames.
MIN_UNCUED_WORDS = 2
# Indirect content needs this many words outside quotation marks, else it is the direct quote.
MIN_INDIRECT_WORDS = 2
# How far (chars) a cue may sit from a quote in the same sentence window.
MAX_CUE_GAP = 200


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


class _Index:
    """Paragraph and sentence lookups by char offset."""

    def __init__(self, doc: Doc, paragraphs: list[tuple[int, int]]):
        self.doc = doc
        self.paragraphs = paragraphs or [(0, len(doc_text(doc)))]
        self.par_starts = [s for s, _ in self.paragraphs]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.quoted: list[tuple[int, int]] = []

    def para(self, off: int) -> int:
        return max(0, bisect.bisect_right(self.par_starts, off) - 1)

    def sent(self, off: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, off) - 1)


def find_quotes(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Every attribution in reading order: direct quotes (the words inside the marks) and
    indirect speech (the reported clause), each with its cue and speaker mention."""
    text = doc_text(doc)
    regions = find_quoted(text, paragraphs)
    inside = [(r.start, r.end) for r in regions]
    cues = find_cues(doc, inside)
    cues += [c for c in colon_cues(doc, paragraphs) if not _covered(c.start, inside)]
    cues += put_it_cues(doc, inside)
    cues.sort(key=lambda c: c.start)
    # ``the claim that …`` reports its clause, but is too weak a cue to claim a quote nearby
    verb_cues = [c for c in cues if c.token.pos_ != "NOUN" and not c.stance]
    idx = _Index(doc, paragraphs)
    idx.quoted = inside
    out: list[Quote] = []

    previous: Quote | None = None
    # quotes dropped as terms or titles, and the kept ones, for ``a “liar,” a “bully” and …``
    dropped: list[tuple[QuotedRegion, Quote]] = []
    kept: list[tuple[QuotedRegion, Quote]] = []
    regions, turns = _split_transcripts(text, regions, idx)
    for turn in turns:
        out.extend(_turn_quotes(text, turn))
    for region in regions:
        cue = _cue_for_region(doc, region, verb_cues, idx)
        if cue is not None:
            cue = _outermost(cue, verb_cues)
        quote = Quote(text[region.start : region.end], region.start, region.end, "direct")
        if not any(c.isalpha() for c in quote.text):
            continue  # ids and dates of embedded posts
        if _is_subhead(text, region, idx):
            continue
        # a quoted term or title inside what somebody is reported to have said is theirs
        holder = _content_verb(doc, region)
        reported = holder is not None or _held(region, cues, idx)
        if not reported and _is_title(doc, region, idx, cue is not None):
            dropped.append((region, quote))
            continue
        if cue is not None and not reported and _short_term(doc, region, cue, idx):
            cue = None  # a scare quote in the narration around a cue, not its content
        if cue is not None:
            _attach(quote, cue, text)
        elif (
            previous is not None
            and _opens_sentence(text, region, idx)
            and _continues(previous, region, idx, text)
        ):
            quote.cue, quote.cue_start, quote.cue_end = (
                previous.cue,
                previous.cue_start,
                previous.cue_end,
            )
            quote.speaker = (
                Speaker(previous.speaker.name, previous.speaker.start, previous.speaker.end)
                if previous.speaker
                else None
            )
        elif holder is not None and _words(quote.text) < MIN_UNCUED_WORDS:
            gov = governing_cue_for_verb(holder, lambda t: _covered(t.idx, idx.quoted))
            if gov is not None:
                _attach(quote, gov, text)
        elif _words(quote.text) < MIN_UNCUED_WORDS:
            dropped.append((region, quote))
            continue  # a scare quote or a title, not an attribution
        elif not reported and _modifier_term(doc, region):
            continue
        else:
            # no reporting verb near: the verb the quote hangs from in the parse
            gov = governing_cue(
                doc, region.start, region.end, lambda t: _covered(t.idx, idx.quoted)
            )
            if gov is not None:
                _attach(quote, gov, text)
        out.append(quote)
        if quote.speaker is not None:
            kept.append((region, quote))
        previous = quote

    out.extend(_listed(text, dropped, kept))
    out.extend(_indirect_quotes(text, cues, regions, out))
    out.sort(key=lambda q: (q.start, q.end))
    return out


# Only a comma, ``and`` or ``or`` (and an article) between two quotes of one list.
_LIST_JOINT = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+)(?:(?:a|an|the)\s+)?")


def _listed(
    text: str, dropped: list[tuple[QuotedRegion, Quote]], kept: list[tuple[QuotedRegion, Quote]]
) -> list[Quote]:
    """Terms dropped as scare quotes or titles that stand in one list with a kept quote
    (``called him a “serial philanderer,” a “bully” and …``, ``named “Criminal Minds,”
    “Game of Thrones”``): the members of a list are quoted alike, so they are the same
    speaker's words. ``kept`` holds only quotes with a speaker."""
    out: list[Quote] = []
    done = list(kept)
    pending = [d for d in dropped if d[0].close is not None]
    changed = True
    while changed and pending:
        changed = False
        for item in list(pending):
            region, quote = item
            for other, oq in done:
                if other.close is None or oq.kind != "direct":
                    continue
                if other.close < region.open:
                    first, a, b = other, other.close + 1, region.open
                elif region.close < other.open:
                    first, a, b = region, region.close + 1, other.open
                else:
                    continue
                # ``“Criminal Minds,” “Game of Thrones”``: the comma inside the marks
                comma = "," in text[first.end : first.close]
                if _LIST_JOINT.fullmatch(text, a, b) is None and not (
                    comma and not text[a:b].strip()
                ):
                    continue
                sp = oq.speaker
                quote.cue, quote.cue_start, quote.cue_end = oq.cue, oq.cue_start, oq.cue_end
                quote.speaker = Speaker(sp.name, sp.start, sp.end) if sp is not None else None
                out.append(quote)
                done.append(item)
                pending.remove(item)
                changed = True
                break
    return out


def _indirect_quotes(
    text: str, cues: list[Cue], regions: list[QuotedRegion], direct: list[Quote]
) -> list[Quote]:
    """The reported content of every cue, as one span with any partial quote it opens
    (``said he fought ‘for the nation’s rights, knowing …’``) run to that quote's end."""
    with_content = [c for c in cues if c.content is not None]
    out = []
    for cue in with_content:
        s, e = cue.content
        if _nested(cue, with_content):
            continue
        for d in direct:
            if d.cue_start == cue.start and s <= d.start < e < d.end:
                e = d.end
        # ``… federal taxes, ''equal to the state budgets of California …''``: a quote of the
        # same cue that goes on right after the content, past a comma or dash, is part of it
        for d in sorted(direct, key=lambda d: d.start):
            if d.cue_start == cue.start and d.start > e and _joined(text[e : d.start]):
                e = d.end
        if not (_indirect_enough(text, s, e, regions) or _named_object(text, s, e, cue, regions)):
            continue
        q = Quote(text[s:e], s, e, "indirect")
        _attach(q, cue, text)
        out.append(q)
    return out


def _named_object(
    text: str, s: int, e: int, cue: Cue, regions: list[QuotedRegion]
) -> bool:
    """``endorsed Clinton``, ``declared bankruptcy``, ``called for sanctions``: a one-word
    report is kept when the word names something, never a pronoun (``criticized him``)."""
    root = cue.content_root
    return (
        root is not None
        and cue.token.pos_ == "VERB"
        and root.pos_ in ("NOUN", "PROPN")
        and _words(text[s:e]) == 1
        and not any(s <= r.start < e for r in regions)
    )


def _joined(gap: str) -> bool:
    """Only a comma or dash and the opening mark between a report and a quote."""
    return len(gap) <= 6 and not any(c.isalnum() or c in ".;:\n" for c in gap)


# Verbs that say what somebody called, named or judged something: a quoted word in their
# object is the subject's wording (``calls people "losers"``, ``hailed Trump as “The
# Comeback Kid”``), as with the speech verbs of ``cues``.
NAMING_LEMMAS = frozenset(
    """call label describe dub brand term title name hail herald blast slam deride mock rate
    know fear proclaim chant sing introduce dismiss praise liken compare""".split()
)
# Relations that tie a word to its verb as something other than the content: the speaker,
# an adverbial, a venue or occasion (``said on “Meet the Press”``, ``during a “Forum”``).
_FRAME_DEPS = (
    "nsubj", "nsubjpass", "csubj", "csubjpass", "agent", "npadvmod", "advmod", "dative"
)
_NOT_CONTENT_PREPS = frozenset(
    "on in at during from with by after before into via over under near inside".split()
)
# Speech verbs whose ``to`` phrase is whom they speak to.
_ADDRESSED = frozenset(
    "say speak talk write explain tweet post complain report respond reply answer".split()
)
# Quotes up to this many words may be scare quotes; longer ones are somebody's words.
MAX_TERM_WORDS = 4


def _region_span(doc: Doc, region: QuotedRegion):
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _content_verb(doc: Doc, region: QuotedRegion, strict: bool = False) -> Token | None:
    """The speech or naming verb whose content (object, complement, ``as`` phrase) holds the
    quote in the parse; None when the quote is its subject, an adjunct, or under no such
    verb. ``strict``: no venue or occasion anywhere on the way (``said the plan would be
    discussed on “Meet the Press”``)."""
    span = _region_span(doc, region)
    if span is None:
        return None
    child = span.root
    for head in span.root.ancestors:
        if span.start <= head.i < span.end:
            child = head
            continue
        if strict and _adjunct(child):
            return None
        lemma = head.lemma_.lower()
        if head.lower_ == "according" or is_cue_lemma(head) or (
            lemma in NAMING_LEMMAS and head.pos_ == "VERB"
        ):
            if head.lower_ == "according":
                return head
            if child.dep_ in _FRAME_DEPS or _adjunct(child):
                return None
            if child.dep_ == "dobj" and lemma in ADDRESSEE_OBJECT:
                return None
            if child.lower_ == "to" and lemma in _ADDRESSED and PHRASAL.get(lemma) != "to":
                return None  # ``speaking to MSNBC’s “Andrea Mitchell Reports”``: the addressee
            return head
        if child.dep_ == "relcl":
            return None  # a relative clause is about its noun, not what the verb above reports
        child = head
    return None


def _adjunct(tok: Token) -> bool:
    return tok.dep_ == "prep" and tok.lower_ in _NOT_CONTENT_PREPS


def _held(region: QuotedRegion, cues: list[Cue], idx: _Index) -> bool:
    """Inside the content span some cue of the same paragraph reports."""
    par = idx.para(region.open)
    return any(
        c.content is not None
        and c.content[0] <= region.start
        and region.end <= c.content[1] + 2
        and idx.para(c.start) == par
        for c in cues
    )


def _short_term(doc: Doc, region: QuotedRegion, cue: Cue, idx: _Index) -> bool:
    """A short quote the nearest cue does not report: it is the cue's subject side
    (``Tea Party "super PACs" … had seized on``), the cue hangs from it (``the only
    "medical records" that Trump released``), or the cue is in the next sentence while the
    quote sits mid-sentence (``the nickname "Lyin' Ted." Trump called …``)."""
    if _words(doc_text(doc)[region.start : region.end]) > MAX_TERM_WORDS:
        return False
    span = _region_span(doc, region)
    if span is None or cue.token.doc is not doc:
        return False
    tok = cue.token
    text = doc_text(doc)
    utterance = _opens_sentence(text, region, idx) and _punctuated(text, region)
    if utterance or _framed(text, region, cue):
        return False  # ``“Hopefully,” the president said``: an utterance, however short
    if cue.speaker is not None and cue.speaker.start <= span.root.i < cue.speaker.end:
        return True
    if any(span.start <= a.i < span.end for a in tok.ancestors):
        return True  # the cue is inside a clause that modifies the quoted words
    child = span.root
    for head in span.root.ancestors:
        if head.i == tok.i:
            return child.dep_ in _FRAME_DEPS or _adjunct(child)
        child = head
    if tok.sent.start != span.root.sent.start and not _opens_sentence(text, region, idx):
        return True
    return False


def _punctuated(text: str, region: QuotedRegion) -> bool:
    """The quote ends on its own punctuation (``“Hopefully,”``), as an utterance does."""
    if region.close is None:
        return False
    tail = text[region.end - 1 : region.close] + text[region.close + 1 : region.close + 2]
    return any(c in ",.!?…" for c in tail)


def _framed(text: str, region: QuotedRegion, cue: Cue) -> bool:
    """Nothing but punctuation and the speaker between the quote and its cue:
    ``“…,” he told reporters``, ``she said, “…”``."""
    if region.close is None:
        return False
    if cue.end <= region.open:
        gap = text[cue.end : region.open]
    elif cue.start > region.close:
        a, b = region.close + 1, cue.start
        if cue.speaker is not None and a <= cue.speaker.start_char < b:
            gap = text[a : cue.speaker.start_char] + text[cue.speaker.end_char : b]
        else:
            gap = text[a:b]
    else:
        return False
    return not any(c.isalnum() for c in gap)


def _modifier_term(doc: Doc, region: QuotedRegion) -> bool:
    """``the “sex tape” reference``, ``a ''dissent channel'' memo``: a quoted phrase that
    modifies the noun right after its closing mark names a thing; nobody is quoted."""
    span = _region_span(doc, region)
    if span is None or _words(doc_text(doc)[region.start : region.end]) > MAX_TERM_WORDS:
        return False
    root = span.root
    head = root.head
    return (
        root.dep_ in ("compound", "amod", "nmod")
        and not (span.start <= head.i < span.end)
        and head.i > root.i
        and head.pos_ in ("NOUN", "PROPN")
    )


def _nested(cue: Cue, cues: list[Cue]) -> bool:
    """``She said she thinks …``, ``said the figures show …``: a report inside someone's
    reported words is part of that report, not a second attribution. A named source inside
    (``IRNA reported that the Emir expressed …``) keeps its own: readers look for the Emir,
    unless it is the outer speaker again (``Comey decided not to recommend charges``)."""
    outer = [o for o in cues if o is not cue and o.content[0] <= cue.start < o.content[1]]
    if not outer:
        return False
    if cue.speaker is None or cue.token.lemma_.lower() in CLAUSE_ONLY:
        return True
    if cue.speaker.root.pos_ != "PROPN":
        return True
    root = cue.speaker.root.i
    return any(o.speaker is not None and o.speaker.root.i == root for o in outer)


_SMALL_WORDS = frozenset("a an and as at by for from in of on or the to vs with".split())
_TITLE_LEAD = frozenset("on in of the show series film book movie program titled".split())


def _title_case(words: list[str]) -> bool:
    return bool(words) and all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words
    )


def _is_title(doc: Doc, region: QuotedRegion, idx: _Index, cued: bool) -> bool:
    """``“The Walking Dead”``, ``on “Fox News Sunday”``: a short all-capitalised quote in a
    sentence-case paragraph names a work or a show; nobody is being quoted."""
    text = doc_text(doc)
    words = [w.strip(".,;:!?") for w in text[region.start : region.end].split()]
    words = [w for w in words if w]
    if not words or len(words) > 6 or not _title_case(words) or text[region.end - 1] in "!?":
        return False
    if re.search(r"[a-z]{3}[.!?] +[A-Z]", text[region.start : region.end]):
        return False  # ``“The Donald. Big Daddy.”``: two sentences are said, not a title
    ps, pe = idx.paragraphs[idx.para(region.open)]
    para_words = [w for w in text[ps:pe].split() if w[0].isalpha()]
    if _title_case(para_words) or sum(w[0].isupper() for w in para_words) > 0.6 * len(para_words):
        return False  # a headline: everything is capitalised
    if not cued or len(words) >= 3:
        return True  # nobody speaks Three Capitalised Words; headlines and titles do
    before = [w.lower().strip(",") for w in text[ps : region.open].split()[-3:]]
    if not before:
        return False
    # ``on CBS’s “Face the Nation”``, ``the “Today” show``, ``in “Collapse”``
    return (
        before[-1] in _TITLE_LEAD
        or before[-1].endswith(("’s", "'s"))
        or (len(before) > 1 and before[-2] in ("on", "in"))
    )


# A section heading quoting a phrase: ``'All Bets Are Off.'`` alone in its paragraph.
MAX_SUBHEAD_WORDS = 8


def _is_subhead(text: str, region: QuotedRegion, idx: _Index) -> bool:
    """A paragraph that is nothing but a short quote in single marks is a subheading (the
    headline style of single marks), not somebody's words; double-marked ones are dialogue
    (``"Nooooo!"``) and stay."""
    if region.double or region.close is None:
        return False
    ps, pe = idx.paragraphs[idx.para(region.open)]
    rest = text[ps : region.open] + text[region.close + 1 : pe]
    short = _words(text[region.start : region.end]) <= MAX_SUBHEAD_WORDS
    return short and not rest.strip(" \t\r\n.")


def _opens_sentence(text: str, region: QuotedRegion, idx: _Index) -> bool:
    ps, _pe = idx.paragraphs[idx.para(region.open)]
    before = text[ps : region.open].rstrip()
    return not before or before[-1] in ".?!:;”\"'’"


# ``WALLACE: Let’s start …`` inside a quoted transcript: a speaker label opens the paragraph.
_LABEL = re.compile(r"(?P<name>[A-Z][A-Z.'’ -]{1,38}[A-Z.]):[ \t]+(?=\S)")
# Not anybody's words: ``(CROSSTALK.)`` and the byline footer a quote sometimes runs into.
_NOT_SPOKEN = re.compile(r"\(.*\)|Follow [^.:]{1,60} on (?:Twitter|Facebook|Instagram)\b.*", re.S)


@dataclass
class _Turn:
    colon: int  # offset of the label's colon: the cue
    name: tuple[int, int]  # the label
    pieces: list[tuple[int, int]]  # what was said, one piece per paragraph


def _split_transcripts(
    text: str, regions: list[QuotedRegion], idx: _Index
) -> tuple[list[QuotedRegion], list[_Turn]]:
    """A quoted interview transcript is a run of speaker turns, not one long quote. Each
    paragraph that opens with ``NAME:`` starts that speaker's turn, and paragraphs without a
    label go on with it; stage directions are dropped. Turns are returned apart: they are
    read like an unquoted transcript (``colon_cues``), the marks around the whole being the
    article quoting a document, not the speakers' own quotation marks."""
    out: list[QuotedRegion] = []
    turns: list[_Turn] = []
    for r in regions:
        pieces = []
        for ps, pe in idx.paragraphs[idx.para(r.start) : idx.para(max(r.start, r.end - 1)) + 1]:
            a, b = max(ps, r.start), min(pe, r.end)
            while a < b and (text[a].isspace() or text[a] in "\"“”'‘"):
                a += 1
            if b > a:
                pieces.append((a, b))
        if not any(_LABEL.match(text, a) for a, _ in pieces):
            out.append(r)
            continue
        turn: _Turn | None = None
        for a, b in pieces:
            m = _LABEL.match(text, a)
            if m is not None:
                a = m.end()
            while b > a and text[b - 1] in ' "”':
                b -= 1
            if b <= a or _NOT_SPOKEN.fullmatch(text, a, b):
                turn = None if m is None else turn  # a direction ends the turn
                continue
            if m is not None:
                turn = _Turn(m.end("name"), (m.start("name"), m.end("name")), [])
                turns.append(turn)
            if turn is None:
                out.append(QuotedRegion(a, None, a, b))  # before the first label
            else:
                turn.pieces.append((a, b))
    return out, turns


def _turn_quotes(text: str, turn: _Turn) -> list[Quote]:
    """A turn is what its speaker said (content of the label cue); quotation marks inside it
    are the speaker quoting (``thinks this is an episode of “Shark Tank.”``)."""
    (s, _), (_, e) = turn.pieces[0], turn.pieces[-1]
    found = [Quote(text[s:e], s, e, "indirect")]
    for a, b in turn.pieces:
        for r in find_quoted(text, [(a, b)]):
            found.append(Quote(text[r.start : r.end], r.start, r.end, "direct"))
    ns, ne = turn.name
    for q in found:
        q.cue, q.cue_start, q.cue_end = ":", turn.colon, turn.colon + 1
        q.speaker = Speaker(text[ns:ne], ns, ne)
    return found


def _covered(off: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= off < b for a, b in spans)


def _attach(quote: Quote, cue: Cue, text: str) -> None:
    quote.cue, quote.cue_start, quote.cue_end = text[cue.start : cue.end], cue.start, cue.end
    if cue.speaker is not None:
        s, e = _unmarked(text, cue.speaker.start_char, cue.speaker.end_char)
        if e > s:
            quote.speaker = Speaker(text[s:e], s, e)


def _unmarked(text: str, s: int, e: int) -> tuple[int, int]:
    """A speaker mention without the markup tags at its edges (``<b>Smith</b>`` → Smith)."""
    tags = [m.span() for m in MARKUP.finditer(text, max(0, s - 60), min(len(text), e + 60))]
    changed = True
    while changed and e > s:
        changed = False
        for ts, te in tags:
            if ts <= s < te:  # starts in (or with) a tag
                s, changed = te, True
            if ts < e <= te:  # ends in (or with) a tag
                e, changed = ts, True
        while s < e and text[s].isspace():
            s, changed = s + 1, True
        while e > s and text[e - 1].isspace():
            e, changed = e - 1, True
    return s, e


def _indirect_enough(text: str, s: int, e: int, regions: list[QuotedRegion]) -> bool:
    """Content that is mostly a direct quote is that quote, not extra reported speech."""
    outside = []
    pos = s
    for r in regions:
        if r.end <= s or r.start >= e:
            continue
        outside.append(text[pos : max(pos, r.open)])
        pos = max(pos, (r.close + 1) if r.close is not None else r.end)
    outside.append(text[pos:e])
    return _words(" ".join(outside)) >= MIN_INDIRECT_WORDS


def _cue_for_region(doc: Doc, region: QuotedRegion, cues: list[Cue], idx: _Index) -> Cue | None:
    text = doc_text(doc)
    open_par = idx.para(region.open)
    end_par = idx.para(region.end)
    # 0. ``“…” ― Edwin G. Monroy``
    if region.close is not None:
        dash = dash_speaker(doc, region.close + 1, idx.paragraphs[end_par][1])
        if dash is not None:
            return dash
    # 0b. a line of quotes signed at its end: ``“… what he calls “hell” …” ― Adriana``
    ls = text.rfind("\n", 0, region.open) + 1
    le = text.find("\n", region.end)
    le = len(text) if le < 0 else le
    if not text[ls : region.open].strip():
        sign = _SIGNATURE.search(text, region.end, le)
        if sign is not None:
            dash = dash_speaker(doc, sign.start() + 1, le)
            if dash is not None:
                return dash
    # a cue whose content (complement clause or object) holds the quote
    holding = [
        c
        for c in cues
        if c.content is not None
        and c.content[0] <= region.start
        and region.end <= c.content[1] + 2
        and idx.para(c.start) in (open_par, end_par)
    ]
    # 1. ``“…,” Flynn, a top Trump surrogate, said``: the frame right after a quote that
    # ends in a comma (or ?/!) is its attribution, unless the quote is part of reported
    # speech before it (``said he was “the perfect messenger,” and he reiterated …``)
    if not any(c.end <= region.open for c in holding):
        framed = _frame_after_quote(doc, region, cues, idx)
        if framed is not None:
            return framed
    # 1b. a cue word opening the quote with its subject outside: ``He “stressed that …”``
    inner = _inner_cue(doc, region, idx.quoted)
    if inner is not None:
        return inner
    # 2. the innermost holding cue: ``The statement added that the diplomat “stressed …”``
    if holding:
        return min(holding, key=lambda c: c.content[1] - c.content[0])
    # 3. the nearest cue in the sentences the quote touches (same paragraph)
    first_sent = idx.sent(max(0, region.open - 1))
    after = region.close + 1 if region.close is not None else region.end
    nxt = after
    while nxt < len(text) - 1 and text[nxt].isspace() and idx.para(nxt + 1) == end_par:
        nxt += 1
    last_sent = idx.sent(min(len(text) - 1, nxt))
    # ``“…,” he said.`` is sometimes split off as a sentence of its own: include it.
    lo = idx.sents[first_sent].start_char
    hi = idx.sents[last_sent].end_char
    best: tuple[tuple[bool, int], Cue] | None = None
    for c in cues:
        if not (lo <= c.start < hi):
            continue
        if idx.para(c.start) not in (open_par, end_par):
            continue
        if region.open <= c.start < after:
            continue
        gap = region.open - c.end if c.end <= region.open else c.start - after
        if gap > MAX_CUE_GAP:
            continue
        # a cue on the far side of another quote belongs to that quote
        if gap < 0:
            continue
        if c.start >= after and _claimed_later(text, region, c, idx):
            continue
        # a speech verb beats a nearer ``know`` or ``think``
        rank = (c.token.lemma_.lower() in CLAUSE_ONLY, gap)
        if best is None or rank < best[0]:
            best = (rank, c)
    if best is not None:
        return best[1]
    # 4. a colon-introduced cue just before: ``Caddell continued:`` then the quote
    before = text[: region.open].rstrip()
    if before.endswith(":"):
        colon = len(before) - 1
        cands = [c for c in cues if c.end <= colon and colon - c.end <= 80]
        if cands:
            return max(cands, key=lambda c: c.end)
        # ``Trump issued the following statement:``: whoever the sentence is about
        frame = _sentence_subject_cue(doc, colon)
        if frame is not None:
            return frame
    # 5. ``“…!” beamed Donald Hartley``: any verb framing the quote right after it
    if region.close is not None:
        frame = _frame_after(doc, region.close + 1, idx.paragraphs[end_par][1])
        if frame is not None and not _claimed_later(text, region, frame, idx):
            return frame
    # 6. a paragraph that is all quote, after a paragraph reporting someone's words
    if region.open == idx.paragraphs[open_par][0] and open_par > 0:
        ps, pe = idx.paragraphs[open_par - 1]
        prior = [c for c in cues if ps <= c.start < pe and c.speaker is not None]
        if prior and text[ps:pe].count("“") + text[ps:pe].count('"') == 0:
            return prior[-1]
    return None


def _claimed_later(text: str, region: QuotedRegion, cue: Cue, idx: _Index) -> bool:
    """``“… Muslim.” Perhaps, he said, this “small town has gotten too big.”``: a quote
    that ends its sentence does not take a cue from the next sentence that frames a quote
    of its own. (On PolNeAR train the two are one attribution 3 times in 30.)"""
    if region.close is None or not any(c in ".?!" for c in text[region.end - 1 : region.close]):
        return False
    sent = cue.token.sent
    if sent.start_char <= region.start:
        return False
    return any(cue.end <= s < sent.end_char for s, _e in idx.quoted)


_PRONOUNS = frozenset("he she they it we i you".split())


def _outermost(cue: Cue, cues: list[Cue]) -> Cue:
    """``She said she recalls the colleague being “confused”``: a cue whose pronoun subject
    sits inside the reported clause of an earlier speaker's cue is that speaker's own report
    (the pronoun points back to them), and PolNeAR credits the quote to the outer source.
    ``He questioned “…”, IRNA reported``: a source after the pronoun is only the channel."""
    seen = {cue.start}
    while cue.speaker is not None and cue.speaker.text.lower() in _PRONOUNS:
        sent = cue.token.sent
        holders = [
            c
            for c in cues
            if c.start not in seen
            and c.content is not None
            and c.speaker is not None
            and c.content[0] <= cue.start < c.content[1]
            and c.token.sent == sent
            and c.speaker.start_char < cue.speaker.start_char
        ]
        if not holders:
            break
        cue = min(holders, key=lambda c: c.content[1] - c.content[0])
        seen.add(cue.start)
    return cue


# A closing mark, a dash and a short name ending the line.
_SIGNATURE = re.compile(r"[”\"][^\S\n]*[―—–-]{1,2}[^\S\n]*[^\s―—–\"”“][^\n―—–\"”“]{0,60}$")


def _sentence_subject_cue(doc: Doc, colon: int) -> Cue | None:
    span = doc.char_span(colon, colon + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    # the verb nearest before the colon: the sentence root may sit inside the quote
    colon_tok = span[0]
    for tok in reversed(list(colon_tok.sent[: colon_tok.i - colon_tok.sent.start])):
        if tok.pos_ == "VERB" and tok.lemma_ not in ("be", "have"):
            return governing_cue_for_verb(tok)
    return None


def _frame_after(doc: Doc, after: int, limit: int) -> Cue | None:
    """The reporting frame right after a closing mark: ``VERB NAME`` or ``NAME VERB``."""
    span = doc.char_span(after, min(limit, after + 60), alignment_mode="expand")
    if span is None:
        return None
    toks = [t for t in span if not t.is_space and t.text not in (",", "”", '"')][:5]
    for tok in toks[:4]:
        if tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ"):
            cue = governing_cue_for_verb(tok)
            if cue is not None and cue.speaker is not None:
                sp = cue.speaker
                # the subject must be in the frame too, not elsewhere in the sentence
                if after <= sp.start_char < after + 80:
                    return cue
            return None
    return None


_FRAME_STOP = frozenset(".?!;:")
_MARKS = frozenset("“”\"")


def _frame_after_quote(doc: Doc, region: QuotedRegion, cues: list[Cue], idx: _Index) -> Cue | None:
    """The cue of ``“…,” the letter reads`` / ``“…!” Price (D-Va.) shouted to the crowd``: the
    first verb of the clause after the closing mark, with its subject in that clause."""
    if region.close is None:
        return None
    text = doc_text(doc)
    after = region.close + 1
    limit = idx.paragraphs[idx.para(region.end)][1]
    end = text[region.start : region.close].rstrip()
    comma = end.endswith(",") or text[after : after + 1] == ","
    if not comma and not end.endswith(("?", "!")):
        return None
    span = doc.char_span(after, min(limit, after + 250), alignment_mode="expand")
    if span is None:
        return None
    by_token = {c.token.i: c for c in cues}
    frame_end = span.end_char
    verb = None
    first = None
    for n, tok in enumerate(list(span)[:30]):
        if tok.idx < after or tok.is_space or tok.text == ",":
            continue
        if tok.text in _MARKS and n <= 1:
            return None  # ``“…,” “…”``: a list of quotes, no frame
        if n <= 1 and tok.pos_ in ("CCONJ", "SCONJ"):
            return None  # ``“…,” but he also warned``: a new clause, not a frame
        if _covered(tok.idx, idx.quoted):
            continue  # a nickname in the name: ``Marcia "Cia" Price``
        if first is None:
            first = tok
        if tok.text in _FRAME_STOP:
            frame_end = tok.idx
            break
        if verb is None and tok.i in by_token and by_token[tok.i].token.lower_ == "according":
            return by_token[tok.i]
        if verb is None and tok.pos_ == "VERB" and tok.tag_ in ("VBD", "VBZ", "VBP"):
            verb = tok
    if verb is None:
        return None
    cue = by_token.get(verb.i) or governing_cue_for_verb(verb)
    if cue is None or cue.speaker is None:
        return None
    if cue.token.i not in by_token and frame_end - (verb.idx + len(verb)) > 25:
        return None  # ``“…,” Obama took a whack at …``: a clause of its own, not a frame
    sp = cue.speaker
    # the frame opens with its subject (``Flynn, … said``) or its verb (``said Victor Cha``)
    if first is None or first.idx not in (sp.start_char, verb.idx):
        return None
    if sp.end_char <= frame_end and not _covered(sp.start_char, idx.quoted):
        return cue
    return None


def _inner_cue(doc: Doc, region: QuotedRegion, quoted: list[tuple[int, int]]) -> Cue | None:
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    first = span[0]
    if not is_cue_lemma(first):
        return None
    # it reports only with what it reports: ``“stressed that …”``, ``“expressed his thanks”``,
    # not ``the company “reports having 987 subsidiaries”`` or ``people would “learn nothing”``
    deps = {c.dep_ for c in first.children}
    if "ccomp" not in deps and not (first.lemma_.lower() in OBJECT_CONTENT and "dobj" in deps):
        return None
    subj = speaker_subject(first)
    if subj is None or subj.idx >= region.open or _covered(subj.idx, quoted):
        return None  # ``“That,” he added, “promises …”``: the subject is another quote
    start, end = cue_extent(first)
    return Cue(first, start, end, mention_span(subj), None, None)


def _continues(previous: Quote, region: QuotedRegion, idx: _Index, text: str) -> bool:
    """The quote goes on from the previous one: same or next paragraph, nothing between
    them but the attribution (``“…,” he said. “…”``)."""
    if previous.kind != "direct":
        return False
    p_prev, p_now = idx.para(previous.start), idx.para(region.open)
    if p_now - p_prev > 1:
        return False
    if p_now == p_prev + 1 and idx.paragraphs[p_now][0] != region.open:
        return False  # a new paragraph that does not open with the quote
    return True


_CLAIM_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")


def is_claim(doc: Doc, start: int, end: int) -> bool:
    """Whether the words at ``start:end`` are a whole claim: a clause with a verb and its
    subject inside them ("Iran's ties with Qatar can be further improved"), not a bare noun
    phrase ("the Palestinian issue") or a stance word ("very well")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    # the words' head is the verb: "a tour that included visits" is a noun phrase
    heads = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return any(
        tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ in _CLAIM_SUBJECTS and span.start <= c.i < span.end for c in tok.children)
        for tok in heads
    )


def mark_claims(doc: Doc, quotes: list[Quote]) -> None:
    """Set ``Quote.claim`` on each quote (what the briefing's key quotes rank by)."""
    for q in quotes:
        q.claim = is_claim(doc, q.start, q.end)
