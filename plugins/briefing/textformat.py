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
