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

from spacy.tokens import Doc

from .cues import (
    CLAUSE_ONLY,
    Cue,
    colon_cues,
    dash_speaker,
    find_cues,
    governing_cue,
    governing_cue_for_verb,
)
from .model import Quote, Speaker
from .nlp import doc_text
from .quote_marks import QuotedRegion, find_quoted

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
        self.paragraphs = paragraphs or [(0, len(doc.text))]
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
    text = doc.text
    regions = find_quoted(text, paragraphs)
    inside = [(r.start, r.end) for r in regions]
    cues = find_cues(doc, inside)
    cues += [c for c in colon_cues(doc, paragraphs) if not _covered(c.start, inside)]
    cues.sort(key=lambda c: c.start)
    idx = _Index(doc, paragraphs)
    idx.quoted = inside
    out: list[Quote] = []

    previous: Quote | None = None
    used_cues: set[int] = set()
    regions, labels = _split_transcripts(text, regions, idx)
    for region in regions:
        label = labels.get(region.start)
        if label is not None:
            cue_at, (ls, le) = label
            quote = Quote(text[region.start : region.end], region.start, region.end, "direct")
            quote.cue, quote.cue_start, quote.cue_end = ":", cue_at, cue_at + 1
            quote.speaker = Speaker(text[ls:le], ls, le)
            out.append(quote)
            previous = quote
            continue
        cue = _cue_for_region(doc, region, cues, idx)
        quote = Quote(text[region.start : region.end], region.start, region.end, "direct")
        if not any(c.isalpha() for c in quote.text):
            continue  # ids and dates of embedded posts
        if _is_title(doc, region, idx, cue is not None):
            continue
        if cue is not None:
            _attach(quote, cue, text)
            used_cues.add(cue.start)
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
        elif _words(quote.text) < MIN_UNCUED_WORDS:
            continue  # a scare quote or a title, not an attribution
        else:
            # no reporting verb near: the verb the quote hangs from in the parse
            gov = governing_cue(
                doc, region.start, region.end, lambda t: _covered(t.idx, idx.quoted)
            )
            if gov is not None:
                _attach(quote, gov, text)
        out.append(quote)
        previous = quote

    out.extend(_indirect_quotes(text, cues, regions, out))
    out.sort(key=lambda q: (q.start, q.end))
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
        if not _indirect_enough(text, s, e, regions):
            continue
        q = Quote(text[s:e], s, e, "indirect")
        _attach(q, cue, text)
        out.append(q)
    return out


def _nested(cue: Cue, cues: list[Cue]) -> bool:
    """``She said she thinks …``, ``said the figures show …``: a report inside someone's
    reported words is part of that report, not a second attribution. A named source inside
    (``IRNA reported that the Emir expressed …``) keeps its own: readers look for the Emir."""
    named = (
        cue.speaker is not None
        and cue.speaker.root.pos_ == "PROPN"
        and cue.token.lemma_.lower() not in CLAUSE_ONLY
    )
    return not named and any(
        other is not cue and other.content[0] <= cue.start < other.content[1] for other in cues
    )


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


def _opens_sentence(text: str, region: QuotedRegion, idx: _Index) -> bool:
    ps, _pe = idx.paragraphs[idx.para(region.open)]
    before = text[ps : region.open].rstrip()
    return not before or before[-1] in ".?!:;”\"'’"


# ``WALLACE: Let’s start …`` inside a quoted transcript: a speaker label opens the paragraph.
_LABEL = re.compile(r"(?P<name>[A-Z][A-Z.'’ -]{1,38}[A-Z.]):[ \t]+(?=\S)")


def _split_transcripts(
    text: str, regions: list[QuotedRegion], idx: _Index
) -> tuple[list[QuotedRegion], dict[int, tuple[int, tuple[int, int]]]]:
    """A quoted interview transcript is one quote per speaker turn, not one long quote: each
    paragraph that opens with ``NAME:`` is that speaker's; stage directions are dropped."""
    out: list[QuotedRegion] = []
    labels: dict[int, tuple[int, tuple[int, int]]] = {}
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
        for a, b in pieces:
            m = _LABEL.match(text, a)
            body = text[a:b].strip(' "”')
            if m is None:
                if body.startswith("(") and body.endswith(")"):
                    continue  # (CROSSTALK.)
                out.append(QuotedRegion(a, None, a, b))
                continue
            start, end = m.end(), b
            while end > start and text[end - 1] in ' "”':
                end -= 1
            if end > start:
                out.append(QuotedRegion(a, None, start, end))
                labels[start] = (m.end("name"), (m.start("name"), m.end("name")))
    return out, labels


def _covered(off: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= off < b for a, b in spans)


def _attach(quote: Quote, cue: Cue, text: str) -> None:
    quote.cue, quote.cue_start, quote.cue_end = text[cue.start : cue.end], cue.start, cue.end
    if cue.speaker is not None:
        sp = cue.speaker
        quote.speaker = Speaker(sp.text, sp.start_char, sp.end_char)


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
    # 1. a cue word opening the quote with its subject outside: ``He “stressed that …”``
    inner = _inner_cue(doc, region)
    if inner is not None:
        return inner
    # 2. a cue whose content (complement clause or object) holds the quote
    holding = [
        c
        for c in cues
        if c.content is not None
        and c.content[0] <= region.start
        and region.end <= c.content[1] + 2
        and idx.para(c.start) in (open_par, end_par)
    ]
    if holding:
        # the innermost: ``The statement added that the diplomat “stressed …”``
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
        if frame is not None:
            return frame
    # 6. a paragraph that is all quote, after a paragraph reporting someone's words
    if region.open == idx.paragraphs[open_par][0] and open_par > 0:
        ps, pe = idx.paragraphs[open_par - 1]
        prior = [c for c in cues if ps <= c.start < pe and c.speaker is not None]
        if prior and text[ps:pe].count("“") + text[ps:pe].count('"') == 0:
            return prior[-1]
    return None


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


def _inner_cue(doc: Doc, region: QuotedRegion) -> Cue | None:
    from .cues import _cue_extent, _subject, is_cue_lemma, mention_span

    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    first = span[0]
    if not is_cue_lemma(first) or first.lemma_.lower() in CLAUSE_ONLY:
        return None  # ``would “learn nothing”``: a quoted stance verb is not the cue
    subj = _subject(first)
    if subj is None or subj.idx >= region.open:
        return None
    start, end = _cue_extent(first)
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
