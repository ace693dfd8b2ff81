"""Find quoted passages by their quotation marks, from the text alone.

Handles curly and straight double marks (and ``''`` used as a double mark), single marks
told apart from apostrophes by the characters around them (``Iran’s``, ``Zionists'`` never
open or close a quote unless a quote is already open), and the news convention for a quote
running over paragraphs: an unclosed quote continues when the next paragraph opens with a
mark. Unbalanced marks never make a quote longer than the paragraph it was opened in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Marks by role. ``"`` and ``''`` can do either job; context decides.
_DOUBLE_OPEN = "“„«‟"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘‹"
_SINGLE_CLOSE = "’'›"  # ’ and ' are also apostrophes
_DOUBLE_ANY = re.compile(r"''|``|[\"“”„«»‟]")
_SINGLE_ANY = re.compile(r"[‘’'‹›]")
# Embedded-post markup (``<tweet author="…" date="…">``): its attribute values are not quotes.
_TAG = re.compile(r"<[A-Za-z][^<>\n]*>")

# What may sit before an opening / after a closing mark.
_BEFORE_OPEN = set(" \t\r\n([{—–-/:;,") | set(_DOUBLE_OPEN + _SINGLE_OPEN)
_AFTER_CLOSE = set(" \t\r\n.,;:!?)]}—–-/…") | set(_DOUBLE_CLOSE + _SINGLE_CLOSE + '"')
# Trailing punctuation inside the marks that belongs to the surrounding sentence.
_TRIM_TAIL = ",;: \t\r\n"


@dataclass
class QuotedRegion:
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when it ran to a paragraph end
    start: int  # the words inside the marks
    end: int
    double: bool = True  # double marks (vs single)


def _can_open(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before in _BEFORE_OPEN or i == 0) and not after.isspace()


def _can_close(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and (after in _AFTER_CLOSE or after == "'")


def _in_tags(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TAG.finditer(text, s, e)]


def _double_marks(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """(offset, width, role) of double marks in text[s:e]; role is open, close or either."""
    out = []
    tags = _in_tags(text, s, e) if "<" in text[s:e] else []
    for m in _DOUBLE_ANY.finditer(text, s, e):
        ch, i, w = m.group(), m.start(), len(m.group())
        if any(a < i < b for a, b in tags):
            continue
        if ch in _DOUBLE_OPEN or ch == "``":
            role = "open"
        elif ch in _DOUBLE_CLOSE:
            # a right mark typed for a left one (``”Fear. I am …``, ``,” ”like …``): at the
            # paragraph start, or with a space before and a word after, it can only open
            lead = not text[s:i].strip()
            before = text[i - 1] if i > 0 else " "
            after = text[i + w] if i + w < len(text) else " "
            opens = (lead and i + w < e and not text[i + w : e].isspace()) or (
                before.isspace() and after.isalnum()
            )
            role = "open" if opens else "close"
        else:
            o, c = _can_open(text, i, w), _can_close(text, i, w)
            role = "either" if o == c else ("open" if o else "close")
        out.append((i, w, role))
    return out


def _single_marks(text: str, s: int, e: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _SINGLE_ANY.finditer(text, s, e):
        ch, i = m.group(), m.start()
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # Iran’s, don't
        if ch == "'" and i + 1 < len(text) and text[i + 1] == "'":
            continue  # part of a '' double mark
        if ch == "'" and i > 0 and text[i - 1] == "'":
            continue
        o, c = _can_open(text, i, 1), _can_close(text, i, 1)
        if ch in "‘‹":
            c = False
        elif ch == "›":
            o = False
        if o and after.isdigit():
            o = False  # ’90s
        if o and not c:
            out.append((i, 1, "open"))
        elif c and not o:
            out.append((i, 1, "close"))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_TAIL:
        end -= 1
    return start, end


def _starts_with_open(text: str, para: tuple[int, int]) -> tuple[int, int] | None:
    marks = _double_marks(text, para[0], min(para[1], para[0] + 2))
    if marks and marks[0][0] == para[0] and marks[0][2] in ("open", "either"):
        return marks[0][0], marks[0][1]
    return None


def _family(mark: str) -> str:
    if mark in ('"', "''"):
        return "straight"
    if mark in "«»":
        return "guillemet"
    return "curly"


def find_quoted(text: str, paragraphs: list[tuple[int, int]]) -> list[QuotedRegion]:
    """Quoted regions in reading order: outer double-mark quotes, and single-mark quotes
    outside them. Nested quotes inside a double-marked quote are part of it."""
    regions: list[QuotedRegion] = []
    # Open marks: the outer one (offset, width, family) then nested ones of other families.
    stack: list[tuple[int, int, str]] = []

    def emit(close: int | None, end: int) -> None:
        o, ow, _f = stack[0]
        s, e = _trim(text, o + ow, end)
        if e > s:
            regions.append(QuotedRegion(o, close, s, e))

    for pi, para in enumerate(paragraphs):
        ps, pe = para
        marks = _double_marks(text, ps, pe)
        if stack and marks and marks[0][0] == ps and marks[0][2] != "close":
            marks = marks[1:]  # the continuation mark of a quote from the previous paragraph
        for i, w, role in marks:
            fam = _family(text[i : i + w])
            if not stack:
                if role in ("open", "either"):
                    stack.append((i, w, fam))
                continue
            depth = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][2] == fam), None)
            if depth is not None and role in ("close", "either"):
                del stack[depth + 1 :]
                if depth == 0:
                    emit(i, i)
                    stack.clear()
                else:
                    stack.pop()
            elif depth is None and role == "close":
                # a closing mark of another style (``"…”``, a common typo) closes the quote
                # unless a nested quote is open
                if len(stack) == 1:
                    emit(i, i)
                    stack.clear()
                else:
                    stack.pop()
            elif depth is None and role in ("open", "either"):
                stack.append((i, w, fam))  # a nested quote in another style
            elif depth == 0 and len(stack) == 1 and role == "open":
                # A second opening mark of the same style: the first never closed.
                emit(None, i)
                stack[:] = [(i, w, fam)]
        if stack:
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if nxt is not None and _starts_with_open(text, nxt):
                del stack[1:]
                continue  # the quote runs on into the next paragraph
            emit(None, pe)
            stack.clear()
    regions.extend(_single_regions(text, paragraphs, regions))
    regions.sort(key=lambda r: r.start)
    return regions


def _single_regions(
    text: str, paragraphs: list[tuple[int, int]], doubles: list[QuotedRegion]
) -> list[QuotedRegion]:
    """Single-mark quotes outside double-marked ones; they never run over paragraphs."""
    taken = [(r.open, (r.close + 1) if r.close is not None else r.end) for r in doubles]

    def inside_double(i: int) -> bool:
        return any(a <= i < b for a, b in taken)

    out = []
    for ps, pe in paragraphs:
        open_at = None
        for i, _w, role in _single_marks(text, ps, pe):
            if inside_double(i):
                continue
            if role == "open":
                open_at = i  # a later opener replaces an unmatched one
            elif open_at is not None and not inside_double_between(taken, open_at, i):
                s, e = _trim(text, open_at + 1, i)
                if e > s:
                    out.append(QuotedRegion(open_at, i, s, e, double=False))
                open_at = None
    return out


def inside_double_between(taken: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(a < x < b for x, _ in taken)
