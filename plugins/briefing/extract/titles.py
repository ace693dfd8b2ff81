"""Headlines for untitled articles, made from the lead.

A headline is a whole phrase cut at a natural boundary (before a preposition, conjunction
or clause), never a sentence chopped mid-word with an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Actor
from ..textformat import ParsedText

MAX_WORDS = 14
MIN_WORDS = 5
# A dateline such as "TEHRAN –" or "DOHA, Qatar (Reuters) -" is not part of the headline.
_DATELINE = re.compile(r"\A[A-Z][A-Z]{2,}\b[^–—\n]{0,60}?\s[–—-]{1,2}\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'A-Z0-9])")
# "Gov. Mike Pence", "Sept. 26", "U.S. officials": a period that does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Prof|St|Jr|Sr|Inc|Corp|Co|No|vs|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)
# Words a headline may be cut before: the phrase before them is complete.
_BOUNDARY = frozenset(
    """about after against amid and as at because before between but by during for from
    in into including on over since than that through to toward towards under until upon
    which while who whose with within without , ; : ( —""".split()
)
# Words a headline must not end on.
_DANGLING = frozenset(
    """a an the and or but of to in on at by for with from as that which who this these
    those its his her their our your my is are was were be been being has have had do does
    did will would can could should may might must not no""".split()
)
_AUX = frozenset("has have had is are was were be been will would can could should may".split())
_QUOTE_CHARS = "“”\"‘’'"
# A paragraph that is only a web address (pages saved with their URL on the first line);
# detokenised text spaces it out ("http://www. example. com/gary _ ross _ wont. html").
_ADDRESS_START = re.compile(r"\A\s*(?:https?://|www\.)", re.IGNORECASE)


def _is_address(paragraph: str) -> bool:
    """An address, not a sentence that opens with one: no two plain words side by side."""
    if not _ADDRESS_START.match(paragraph) or len(paragraph) > 400:
        return False
    plain = [c.isalpha() for c in paragraph.split()[1:]]
    return not any(a and b for a, b in zip(plain, plain[1:], strict=False))


def _first_sentence(lead: str) -> str:
    lead = _DATELINE.sub("", lead.strip(), count=1)
    for m in _SENTENCE_END.finditer(lead):
        if not _ABBREVIATION.search(lead[: m.start()].rstrip("”\"’'")):
            return lead[: m.start()].strip()
    return lead


def _tokens(sentence: str) -> list[str]:
    # Keep punctuation that marks boundaries as its own token.
    # Commas inside numbers ("$100,000") do not split.
    return re.findall(r"(?:[^\s,;:()—]|[,:](?=\S))+|[,;:()—]", sentence)


def _join(tokens: Sequence[str]) -> str:
    out = ""
    for tok in tokens:
        if tok in ",;:)" or not out or out.endswith("("):
            out += tok
        else:
            out += " " + tok
    return out


def _headline(sentence: str) -> str:
    tokens = _tokens(sentence.rstrip(".!?"))
    words = [t for t in tokens if t not in _BOUNDARY or t.isalpha()]
    if len(words) <= MAX_WORDS:
        return _join(tokens)
    best: list[str] | None = None
    count = 0
    for i, tok in enumerate(tokens):
        if tok.isalpha() or tok not in _BOUNDARY:
            count += 1
        if count > MAX_WORDS:
            break
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if count < MIN_WORDS or nxt.lower() not in _BOUNDARY:
            continue
        last = tok.lower().strip(_QUOTE_CHARS)
        prev = tokens[i - 1].lower() if i else ""
        # "X reports [that ...]", "X has emphasized [that ...]": a verb waiting for its object.
        verb_before_that = nxt.lower() == "that" and re.search(r"(?:s|ed)$", last)
        if last in _DANGLING or last in _BOUNDARY or prev in _AUX or verb_before_that:
            continue
        best = tokens[: i + 1]
    if best is None:
        # No natural boundary: keep whole words up to the limit, ending on a content word.
        best = tokens[:MAX_WORDS]
        while len(best) > MIN_WORDS and (
            best[-1].lower() in _DANGLING or best[-2].lower() in _AUX
        ):
            best.pop()
    return _join(best)


def _balance_quotes(title: str) -> str:
    # A cut may leave an opening mark without its closing one: drop the stray mark.
    for open_, close in (("“", "”"), ("‘", "’")):
        if title.count(open_) > title.count(close):
            idx = title.rfind(open_)
            title = title[:idx] + title[idx + 1 :]
    if title.count('"') % 2:
        idx = title.rfind('"')
        title = title[:idx] + title[idx + 1 :]
    return title.strip()


def make_title(text: str, parsed: ParsedText, actors: Sequence[Actor] | None = None) -> str:
    """A short, readable headline from the article's lead; "Untitled article" if empty."""
    del actors  # reserved: cross-article linking may prefer a named actor as subject
    for start, end in parsed.paragraphs:
        if _is_address(text[start:end]):
            continue  # a saved page's address line is no headline
        sentence = _first_sentence(text[start:end])
        if re.search(r"\w", sentence):
            title = _balance_quotes(_headline(sentence))
            if title:
                return title[0].upper() + title[1:]
    return "Untitled article"
