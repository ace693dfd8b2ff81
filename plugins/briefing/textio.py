"""Reading article files: decode what users saved from the web, or say why not."""

from __future__ import annotations

from pathlib import Path


class BadArticleError(ValueError):
    """A file that cannot become an article; the message is the reason a reader sees."""


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file's bytes and warnings about how it was decoded.

    UTF-8 is the norm; a BOM is dropped; anything else is detected (Latin-1, Windows-1252…)
    and decoded with a warning, so the article is kept rather than lost. Binary data fails.
    """
    warnings: list[str] = []
    if not data.strip():
        raise BadArticleError("the file is empty")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BadArticleError("the file looks binary (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append("removed a UTF-8 byte-order mark")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise BadArticleError("the file is not text in any encoding we can detect") from None
        text = str(best)
        warnings.append(f"not UTF-8: decoded as {best.encoding}")
    if not text.strip():
        raise BadArticleError("the file has no text (only whitespace)")
    if "\r" in text:
        # Offsets are into the text as read; CRLF is folded so paragraphs split the same way.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        warnings.append("converted CRLF/CR line ends to LF")
    printable = sum(ch.isprintable() or ch.isspace() for ch in text[:20000])
    if printable < 0.9 * min(len(text), 20000):
        raise BadArticleError("the file looks binary (mostly unprintable characters)")
    return text, warnings


def read_article_file(path: str | Path) -> tuple[str, list[str]]:
    return decode(Path(path).read_bytes())
