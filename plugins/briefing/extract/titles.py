"""Headlines for untitled articles, made from the lead.

The lead is the first paragraph that is not a saved page's address, a label ("ABSTRACT."),
a byline or a date line; its dateline ("WASHINGTON (AP) —") and byline go. A lead that is
a headline already (a short Title Case line) is kept. Otherwise the first sentence is
parsed on its own and compressed as a desk editor would (``compress``). Without a parse
(the readers' page title, before extraction), or when the sentence has no main verb, the
headline is the sentence's first phrase cut at a natural boundary (before a preposition,
conjunction or clause). Either way it has at most about ``MAX_WORDS`` words and never ends
on an article, preposition, conjunction, possessive or auxiliary (``finish``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Actor
from ..textformat import TEXT_DATES, ParsedText
from . import compress

MAX_WORDS = 12
MIN_WORDS = 5
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_CAPS_WORD = r"[A-Z][A-Z.'’-]*[A-Z.]"  # WASHINGTON, N.Y., ST.
# A dateline: the place in capitals ("TEHRAN –", "HEMPSTEAD, N.Y., Sept. 26 (UPI) —",
# "NEW YORK (Reuters) -"), or in any case when an agency tag follows ("Washington (AFP) –"),
# then a dash. A hyphen needs spaces around it: "TEHRAN-based" is a word.
DATELINE = re.compile(  # anchored by ``match``, at the start or after a byline
    r"\s*(?:"
    rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"  # , N.Y. / , Qatar
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"  # , Sept. 26 / , March 3, 2008
    r"(?:\s*\([A-Z][\w.&' -]{0,30}\))?"
    r"|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    rf"(?:,?\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*\((?:AFP|AP|Reuters|UPI|CNN|AP Photo|Xinhua|IRNA|Sputnik|TASS|dpa|ANSA|Bloomberg)\)"
    r")(?:\s*[–—―]+\s*|\s+-{1,2}\s+|\s*--\s*)"
)
# A byline opening the text ("By Jane Roe", "By JANE ROE, Associated Press"), on its own line.
_BYLINE = re.compile(
    r"\A\s*By\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|bin|al|and|&)){0,5}"
    r"(?:,\s*[A-Z][\w.&' ]{0,40})?[ \t]*(?:\n\s*|\Z)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'A-Z0-9])")
# "Gov. Mike Pence", "Sept. 26", "U.S. officials": a period that does not end a sentence.
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Prof|St|Jr|Sr|Inc|Corp|Co|No|vs|"
    r"Pres|Adm|Cmdr|Gens|Sens|Reps|Rev|Hon|Atty|Mt|Ft|Ave|Blvd|Dept|Gov't|Univ|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)
# Words a headline may be cut before: the phrase before them is complete.
_BOUNDARY = frozenset(
    """about after against amid and as at because before between but by during for from
    in into including on over since than that through to toward towards under until upon
    which while who whose with within without , ; : ( —""".split()
)
# Words a headline must not end on: articles, prepositions, conjunctions, possessives,
# auxiliaries, a verb's "to".
DANGLING = frozenset(
    """a an the and or but nor so yet of to in on at by for with from as into onto
    under about after against amid among before behind between beyond during despite
    except inside near per since than through toward towards upon via within
    without that which who whom whose this these those its his her their our your my
    is are was were be been being has have had do does did will would can could should
    may might must shall not no""".split()
)
_AUX = frozenset("has have had is are was were be been will would can could should may".split())
_QUOTE_CHARS = "“”\"‘’'"
# A paragraph that is only a web address (pages saved with their URL on the first line);
# detokenised text spaces it out ("http://www. example. com/gary _ ross _ wont. html").
_ADDRESS_START = re.compile(r"\A\s*(?:https?://|www\.)", re.IGNORECASE)
# Fewer words than this, and a paragraph is a label ("ABSTRACT.", "LETTERS."), not a lead.
_LEAD_MIN_WORDS = 4


def _is_address(paragraph: str) -> bool:
    """An address, not a sentence that opens with one: no two plain words side by side."""
    if not _ADDRESS_START.match(paragraph) or len(paragraph) > 400:
        return False
    plain = [c.isalpha() for c in paragraph.split()[1:]]
    return not any(a and b for a, b in zip(plain, plain[1:], strict=False))


def dateline_end(paragraph: str) -> int:
    """Where the story starts in a lead: after a byline line and a dateline, if any."""
    pos = 0
    m = _BYLINE.match(paragraph)
    if m and m.end() < len(paragraph):
        pos = m.end()
    m = DATELINE.match(paragraph, pos)
    return m.end() if m else pos


def is_headline_line(paragraph: str) -> bool:
    """A headline standing as the first line ("Lindsay Lohan Checks Into Rehab at Betty Ford
    Center"): one short line in Title Case, with no sentence's full stop."""
    if "\n" in paragraph.strip() or paragraph.rstrip().endswith(".") or \
            len(paragraph.split()) > 2 * MAX_WORDS:
        return False
    long_words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", paragraph) if len(w) > 3]
    return len(long_words) >= 2 and sum(w[0].isupper() for w in long_words) >= \
        0.8 * len(long_words)


def _is_label(paragraph: str) -> bool:
    """A section label or byline standing alone ("ABSTRACT.", "LETTERS.", "By Jane Roe")."""
    words = [w for w in paragraph.split() if any(c.isalnum() for c in w)]
    return len(words) < _LEAD_MIN_WORDS or bool(_BYLINE.fullmatch(paragraph + "\n"))


def _is_date_only(paragraph: str) -> bool:
    """A date line under a headline ("March 01, 2008", "Posted on Thu Jun 13, 2013")."""
    if len(paragraph) > 80 or not any(p.search(paragraph) for p in TEXT_DATES):
        return False
    rest = paragraph
    for p in TEXT_DATES:
        rest = p.sub(" ", rest)
    words = re.findall(r"[A-Za-z]{3,}", rest)
    return all(w.lower() in _DATE_WORDS for w in words)


_DATE_WORDS = frozenset(
    """posted updated published last modified on at by mon tue tues wed thu thur thurs fri
    sat sun monday tuesday wednesday thursday friday saturday sunday edt est pdt pst cdt cst
    mdt mst gmt utc bst cet""".split()
)


def lead_spans(text: str, parsed: ParsedText) -> list[tuple[int, int]]:
    """The paragraphs a headline may come from, best first: the lead, skipping a saved
    page's address line, a label, a byline or a date line standing alone (if every
    paragraph is one of those, all of them, in order)."""
    spans = []
    for start, end in parsed.paragraphs:
        paragraph = text[start:end]
        if _is_address(paragraph):
            continue  # a saved page's address line is no headline
        if _is_label(paragraph) or _is_date_only(paragraph):
            continue
        spans.append((start, end))
    return spans or [(s, e) for s, e in parsed.paragraphs if not _is_address(text[s:e])]


def _first_sentence(lead: str) -> str:
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
    """The doc-less headline: the sentence's first phrase, cut at a natural boundary."""
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
        if last in DANGLING or last in _BOUNDARY or prev in _AUX or verb_before_that:
            continue
        best = tokens[: i + 1]
    if best is None:
        # No natural boundary: keep whole words up to the limit, ending on a content word.
        best = tokens[:MAX_WORDS]
    return _join(best)


def _balance_quotes(title: str) -> str:
    # A cut may leave an opening mark without its closing one: drop the stray mark.
    for open_, close in (("“", "”"), ("‘", "’"), ("(", ")")):
        while title.count(open_) > title.count(close):
            idx = title.rfind(open_)
            title = title[:idx] + title[idx + 1 :]
        while title.count(close) > title.count(open_) and open_ != "‘":
            idx = title.find(close)
            title = title[:idx] + title[idx + 1 :]
    if title.count('"') % 2:
        idx = title.rfind('"')
        title = title[:idx] + title[idx + 1 :]
    return title.strip()


_EDGE_PUNCT = " \t\n,;:–—―-.…"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])\Z", re.IGNORECASE)


def _bare(word: str) -> str:
    return word.strip(_QUOTE_CHARS + "()[],;:.").lower()


def finish(title: str) -> str:
    """A clean headline: no stray punctuation at either end, no dangling last word (an
    article, preposition, conjunction, possessive or auxiliary), marks balanced, capital
    first letter. Empty when nothing is left."""
    words = title.split()
    while words and (_bare(words[-1]) in DANGLING or _POSSESSIVE.search(
            words[-1].rstrip(_QUOTE_CHARS + ",;:.")) or not _bare(words[-1])):
        if len(words) == 1:
            break
        words.pop()
    while words and _bare(words[0]) in ("and", "but", "or", "so", "yet", "nor"):
        words.pop(0)
    title = _balance_quotes(" ".join(words).strip(_EDGE_PUNCT))
    title = title.strip(_EDGE_PUNCT)
    if not re.search(r"\w", title):
        return ""
    return title[0].upper() + title[1:]


def _names(actors: Sequence[Actor] | None) -> compress.ActorOf | None:
    """Who a mention refers to: the actor whose mention covers the span."""
    if not actors:
        return None
    spans = sorted(
        ((m.start, m.end, a) for a in actors if a.kind in ("person", "organization")
         for m in a.mentions), key=lambda m: (m[0], m[1]))

    def actor_of(start: int, end: int) -> Actor | None:
        for s, e, actor in spans:
            if s <= start and end <= e:
                return actor
        return None

    return actor_of


def _parse(nlp, sentence: str):
    """The sentence parsed as one sentence: "Pres. Obama" must not split it."""
    doc = nlp.make_doc(sentence)
    for tok in doc[1:]:
        tok.is_sent_start = False
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc[:]


# Reported speech whose source comes last: "..., police said." / "..., the doctor maintains."
_SAID_LAST = re.compile(
    r"\A(?P<content>.{20,}?),[”\"’']?\s+(?P<speaker>[^,;:“”\"]{2,60}?)\s+"
    r"(?P<verb>said|says|told\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|added|adds|reported|reports|"
    r"wrote|writes|argued|argues|claimed|claims|insisted|insists|warned|warns|explained|"
    r"explains|maintained|maintains|announced|announces|stated|states|noted|notes)"
    r"(?:\s+(?:on\s+)?[A-Z][a-z]+day(?:\s+(?:morning|afternoon|evening|night))?)?"
    r"\s*[.!]?\Z",
    re.DOTALL,
)


def _said_last(nlp, sentence: str, base: int, actor_of, style: str) -> str:
    """ "Y, X said." read as "X: Y" when the parse misses the report (the speech verb tagged
    as a noun, the content hung under an opening clause)."""
    m = _SAID_LAST.match(sentence)
    if m is None or style == "plain":
        return ""
    speaker = re.sub(r"\A(?:the|a|an)\s+", "", m.group("speaker"), flags=re.IGNORECASE)
    if compress.words(speaker) > 6:
        return ""
    budget = max(compress.MIN_WORDS, MAX_WORDS - compress.words(speaker))
    said = finish(compress.headline(_parse(nlp, m.group("content")), actor_of, base,
                                    max_words=budget, style=style) or "")
    if not said:
        return ""
    if style == "says-first":
        verb = "say" if m.group("speaker").lower().endswith("s") else "says"
        return f"{speaker} {verb} {said[0].lower() + said[1:] if said[1:2].islower() else said}"
    return f"{speaker}: {said}"


def _parsed_headline(nlp, sentence: str, base: int, actor_of, style: str) -> tuple[str, str]:
    """(headline, kicker) from the parse of a lead sentence: a kicker is what a verbless
    lead announcing the story gives ("The Latest on the race:" -> "The Latest")."""
    colon = re.search(r"(?<=\w):\s+(?=[A-Z“\"])", sentence)
    if colon and compress.words(sentence[:colon.start()]) >= 6:
        # "X set off fireworks on Friday: Republicans said ...": the first clause is the news
        first = _parse(nlp, sentence[:colon.start()])
        if compress.main_verb(first) is not None:
            sentence = sentence[:colon.start()]
    sent = _parse(nlp, sentence)
    if not compress.reports(sent):
        said = _said_last(nlp, sentence, base, actor_of, style)
        if said:
            return finish(said), ""
    cut = compress.opening_end(sent)
    if cut and compress.words(sentence[cut:]) >= MIN_WORDS:
        # the parser took an opening clause for the main one: parse the main clause alone
        base += cut
        sent = _parse(nlp, sentence[cut:])
    kicker = compress.kicker(sent)
    if kicker:
        return "", kicker
    title = finish(compress.headline(sent, actor_of, base, style=style) or "")
    return (title if len(title.split()) >= 2 else ""), ""


def make_title(
    text: str,
    parsed: ParsedText,
    actors: Sequence[Actor] | None = None,
    nlp=None,
    style: str = "colon",
) -> str:
    """A short headline from the article's lead; "Untitled article" if empty.

    With the pipeline ``nlp``, the lead's first sentence (without its dateline) is parsed on
    its own and compressed as a desk editor would (``compress``), naming the ``actors`` the
    extraction resolved; without it (the readers' page title), or when the sentence has no
    main verb, it is cut at a phrase boundary."""
    kicker = ""
    spans = lead_spans(text, parsed)
    for start, end in spans:
        body = start + dateline_end(text[start:end])
        sentence = _first_sentence(text[body:end])
        if not re.search(r"\w", sentence):
            continue
        title = ""
        if is_headline_line(text[body:end]) and len(spans) > 1:
            title = finish(text[body:end])  # the page's own headline, as it stands
        elif sentence.rstrip().endswith("?") and len(sentence.split()) <= MAX_WORDS:
            title = finish(sentence)  # a question is its own headline
        elif nlp is not None:
            # after a kicker ("The Latest: ...") a report reads "X says Y", not "X: Y"
            own = "says-first" if kicker and style == "colon" else style
            title, announced = _parsed_headline(nlp, sentence, body, _names(actors), own)
            if announced and not kicker:
                kicker = announced
                continue  # the story is in the next paragraph
        if not title:
            title = finish(_balance_quotes(_headline(sentence)))
        if title:
            return f"{kicker}: {title}" if kicker else title
    return kicker or "Untitled article"
