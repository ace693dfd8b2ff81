"""Reading article files: decode what users saved from the web, or say why not."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..settings import DEFAULTS

# Longer articles are published whole but only their first ``BRIEFING_MAX_CHARS``
# characters are searched for quotes and actors (settings.py says why).
DEFAULT_MAX_CHARS: int = DEFAULTS["BRIEFING_MAX_CHARS"]

# charset_normalizer often calls Western European text cp1250 or Latin-1 (turning "à" into
# "ŕ", and Windows' curly quotes 0x93/0x94 into control characters); for any Latin-script
# guess, Windows-1252 (what Windows editors and old web pages save) is the better reading.
_LATIN_GUESSES = frozenset({
    "ascii", "latin_1", "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_9",
    "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16", "cp1250", "cp1252",
    "cp1254", "cp1257", "cp850", "cp437", "mac_roman", "mac_latin2", "mac_iceland",
    "mac_turkish",
})


class BadArticleError(ValueError):
    """A file that cannot become an article; the message is the reason a reader sees."""


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file's bytes and warnings about how it was decoded.

    UTF-8 is the norm; a BOM is dropped; anything else is detected (Latin-1, Windows-1252…)
    and decoded with a warning, so the article is kept rather than lost. Binary data fails.
    """
    warnings: list[str] = []
    if not data:
        raise BadArticleError("the file is empty (0 bytes)")
    if not data.strip():
        raise BadArticleError("the file has only whitespace, no text")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadArticleError("the file looks binary (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # Windows editors add it; nothing is lost, so no warning
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise BadArticleError("the file is not text in any encoding we can detect") from None
        encoding, text = best.encoding, str(best)
        if encoding in _LATIN_GUESSES:
            try:
                encoding, text = "cp1252", data.decode("cp1252")
            except UnicodeDecodeError:  # bytes cp1252 leaves undefined: keep the guess
                pass
        label = "Windows-1252" if encoding == "cp1252" else encoding
        warnings.append(f"not UTF-8: decoded as {label}; check accented letters and quotes")
    if not text.strip():
        raise BadArticleError("the file has no text (only whitespace)")
    if "\r" in text:
        # CRLF (Windows) and CR (old Mac) are folded so paragraphs split the same way;
        # offsets index this text, and nothing is lost, so no warning.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text[:20000]
    # All printable once whitespace is gone (one C-level test) is the common case; the
    # count per character runs only for a text that fails it.
    if "".join(head.split()).isprintable():
        printable = len(head)
    else:
        printable = sum(ch.isprintable() or ch.isspace() for ch in head)
    if printable < 0.9 * min(len(text), 20000):
        raise BadArticleError("the file looks binary (mostly unprintable characters)")
    return text, warnings


def read_article_file(path: str | Path) -> tuple[str, list[str]]:
    return decode(Path(path).read_bytes())


def extraction_end(text: str, limit: int = DEFAULT_MAX_CHARS) -> int:
    """Where extraction stops: ``len(text)``, or the last paragraph (else sentence, else
    space) break before ``limit``, so no quote is cut in half. ``limit <= 0``: no limit."""
    if limit <= 0 or len(text) <= limit:
        return len(text)
    head = text[:limit]
    for pattern in (r"\n[ \t]*\n", r"[.!?][”\"’']?\s", r"\s"):
        cuts = [m.end() for m in re.finditer(pattern, head)]
        if cuts and cuts[-1] > limit // 2:
            return cuts[-1]
    return limit


_ENGLISH_WORDS = frozenset(
    "the of and to a in is that for on was with he it as said by at from his be are an "
    "has have not this but they were had which will who their its would been".split()
)


_BEYOND_LATIN = re.compile(r"[^\u0000-\u024f]")  # past Latin Extended-B


def language_warning(text: str, sample: int = 20000) -> str | None:
    """A warning when the text does not look English (extraction is tuned for English)."""
    head = text[:sample]
    # Letters counted in C; only letters past Latin are named one by one.
    letters = sum(map(str.isalpha, head))
    if letters < 40:
        return None
    scripts: dict[str, int] = {}
    for ch in _BEYOND_LATIN.findall(head):
        if ch.isalpha():
            name = unicodedata.name(ch, "OTHER").split()[0]
            scripts[name] = scripts.get(name, 0) + 1
    other = sum(scripts.values())
    if other > letters / 2:
        script = max(sorted(scripts), key=scripts.__getitem__)
        script = "CJK (Chinese, Japanese, Korean)" if script == "CJK" else script.capitalize()
        return (f"the text is mostly in {script} script, not English: quotes, actors and "
                "topics may be missing")
    words = re.findall(r"[^\W\d_]+", head.lower())
    if len(words) >= 30 and sum(w in _ENGLISH_WORDS for w in words) < 0.05 * len(words):
        return "the text does not look English: quotes, actors and topics may be missing"
    return None
