"""The plain-text article format: an optional leading `` date YYYY-MM-DD `` then the body.

Paragraphs are separated by blank lines. Everything here keeps offsets into the original
text, so quotes found later can be sliced out of the file as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

# `` date 2024-02-14 Qatar has been...``: leading whitespace, the word, a token, the body.
_DATE_LINE = re.compile(r"\A[ \t\ufeff]*date[ \t]+(?P<value>\S+)[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+")


@dataclass
class ParsedText:
    date: str | None  # ISO date from the date line, or None (undated)
    body_start: int  # offset of the body in the text
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets
    warnings: list[str] = field(default_factory=list)

    def paragraph_texts(self, text: str) -> list[str]:
        return [text[s:e] for s, e in self.paragraphs]


def parse_date_line(text: str) -> tuple[str | None, int, list[str]]:
    """Return (ISO date or None, body offset, warnings) for a leading date line.

    A malformed value (``date 2024-13-45``, ``date yesterday``) is dropped with a warning:
    the article is undated rather than dated with something it does not say.
    """
    m = _DATE_LINE.match(text)
    if not m:
        return None, 0, []
    value = m.group("value")
    if _ISO_DATE.match(value):
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return None, m.end(), [f"invalid date {value!r} in the date line; treated as undated"]
        return value, m.end(), []
    return None, m.end(), [f"malformed date line {value!r} (want YYYY-MM-DD); treated as undated"]


_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = (r"\b(?P<month>(?:january|february|march|april|may|june|july|august|september|"
          r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
          r"(?![a-z])\.?)")
TEXT_DATES = [
    # March 01, 2008 / Fri., May. 3, 2013 / Thu Jun 13, 2013
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    # 16 September 2013 / 10 Jun 2013
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b",
               re.IGNORECASE),
    # 12/16/08, 12/16/2008 (the US order news pages use)
    re.compile(r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d\d)(?![\d/])"),
    # 2013-08-04
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?![\d-])"),
]
# Where a page's date stands: a short line under the headline ("Posted on Thu Jun 13, 2013
# 08:45 AM PDT"), or the opening words of the first long paragraph (a dateline). A date
# further into the text is what the story is about, not when it was written.
_DATE_LINE_CHARS = 120
_DATELINE_CHARS = 60
_DATE_PARAGRAPHS = 4


def _date_of(m: re.Match) -> str | None:
    month = m.group("month")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
    year = int(m.group("year"))
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month_no or 0, int(m.group("day"))).isoformat()
    except ValueError:
        return None


def date_in_text(text: str, paragraphs: list[tuple[int, int]]) -> tuple[str, int, int] | None:
    """(ISO date, start, end) of the date a news page writes under its headline or in its
    dateline, when it has no date line; None when it writes none there. Never a guess: no
    file or build time, no date from further into the story."""
    for k, (ps, pe) in enumerate(paragraphs[:_DATE_PARAGRAPHS]):
        short = pe - ps <= _DATE_LINE_CHARS
        window = text[ps:pe] if short else text[ps:ps + _DATELINE_CHARS]
        hits = [(m.start(), m) for pattern in TEXT_DATES for m in pattern.finditer(window)]
        for _, m in sorted(hits, key=lambda h: h[0]):
            iso = _date_of(m)
            # a dateline opens with the place in capitals ("WASHINGTON, March 3, 2008 —");
            # "The attack on March 3, 2008" is the story's own date
            if iso and (short or not re.search(r"\b[a-z]{2,}", window[:m.start()])):
                return iso, ps + m.start(), ps + m.end()
        if not short and k > 0:
            break  # past the headline and the lead: the story itself
    return None


def split_paragraphs(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph of ``text[start:]``, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _PARAGRAPH_BREAK.finditer(text, start):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((s + lead, s + lead + len(stripped)))
    return out


def parse_text(text: str) -> ParsedText:
    date, body_start, warnings = parse_date_line(text)
    return ParsedText(date, body_start, split_paragraphs(text, body_start), warnings)


def mask_date_line(text: str, body_start: int) -> str:
    """The text with its date line blanked out, same length, so NLP offsets stay file offsets."""
    return " " * body_start + text[body_start:]
