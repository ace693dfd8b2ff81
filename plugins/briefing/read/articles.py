"""One content file in, the article the site reads out: text, title, date, outlet, warnings.

This is what every reader shares and what ``briefing read`` prints, so a user can see
exactly what Briefing got out of a file. No Pelican import; ``readers.py`` wraps it for
Pelican. Formats:

- ``.txt``: an optional `` date YYYY-MM-DD `` line, then paragraphs; the title is generated.
- ``.md``: Pelican-style ``Key: value`` header (or a ``---`` block), then Markdown.
- ``.html``/``.htm``: a saved news page, read with trafilatura (``pages.py``).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import warnings as warnings_mod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..textformat import ParsedText, date_in_text, parse_text, split_paragraphs
from .pages import read_page
from .textio import (
    DEFAULT_MAX_CHARS,
    BadArticleError,
    decode,
    extraction_end,
    language_warning,
)

TEXT_SUFFIXES = (".txt",)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkd")
HTML_SUFFIXES = (".html", ".htm")
SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES


@dataclass
class ReadArticle:
    path: str
    text: str  # what extraction reads; every offset in the export indexes it
    title: str
    title_generated: bool
    date: dt.datetime | None  # None: undated, never the file's or the build's time
    date_source: str | None  # "date line", "text", "metadata", a page's tag, "URL"
    outlet: str | None = None
    url: str | None = None  # where the article was published (not its address on the site)
    author: str | None = None
    warnings: list[str] = field(default_factory=list)
    content_html: str = ""  # the article as the page shows it (escaped, or rendered Markdown)
    metadata: dict[str, str] = field(default_factory=dict)  # other Markdown header keys
    extract_end: int = 0  # extraction reads text[:extract_end] (BRIEFING_MAX_CHARS)

    @property
    def date_from_text(self) -> bool:
        return self.date_source == "text"

    def to_json(self) -> dict[str, Any]:
        """The ``briefing read`` line (a contract: names only ever grow)."""
        return {
            "path": self.path,
            "title": self.title,
            "title_generated": self.title_generated,
            "date": self.date.date().isoformat() if self.date else None,
            "date_source": self.date_source,
            "outlet": self.outlet,
            "url": self.url,
            "author": self.author,
            "text": self.text,
            "warnings": list(self.warnings),
        }


def paragraphs_html(text: str, spans: list[tuple[int, int]]) -> str:
    # Article text is data: escaped, never markup.
    return "\n".join(
        f'<p id="p{i}">{html.escape(text[s:e])}</p>' for i, (s, e) in enumerate(spans, 1)
    )


def outlet_name(*candidates: str | None) -> str | None:
    """The first named outlet: ``Outlet:``/``Publisher:``/``Source:`` metadata or a page's
    site name; a source given as a URL names its host."""
    for value in candidates:
        value = " ".join((value or "").split())
        if re.match(r"^https?://", value, re.I):
            value = (urlsplit(value).hostname or "").removeprefix("www.")
        if value:
            return value[:80]
    return None


# A headline needs the lead only; bounding it keeps a 5 MB one-paragraph file cheap.
_TITLE_LEAD_CHARS = 2000


def _title(text: str, parsed: ParsedText) -> str:
    # Lazily: the headline rules load spaCy, which fetching and reading Markdown never need.
    from ..extract.titles import make_title

    lead = [(s, min(e, s + _TITLE_LEAD_CHARS)) for s, e in parsed.paragraphs[:3]]
    return make_title(text, ParsedText(parsed.date, parsed.body_start, lead))


def parse_date(value: str) -> dt.datetime | None:
    """A metadata date, or None when it is unreadable or incomplete ("2024", "May 2024"):
    an article is never dated with a day it does not give."""
    from dateutil import parser

    value = value.strip()
    if not re.search(r"\d", value):
        return None
    with warnings_mod.catch_warnings():
        warnings_mod.simplefilter("ignore")  # UnknownTimezoneWarning: the day is still right
        try:
            # Two defaults: a part the value leaves out comes out different, so we see it.
            a = parser.parse(value, default=dt.datetime(2001, 1, 1))
            b = parser.parse(value, default=dt.datetime(2002, 2, 2))
        except (ValueError, OverflowError, TypeError):
            return None
    return a if a.date() == b.date() else None


def _read_txt(path: str, text: str, warnings: list[str]) -> ReadArticle:
    parsed = parse_text(text)
    if not parsed.paragraphs:
        raise BadArticleError("no article text after the date line")
    date, source = None, None
    if parsed.date:
        date, source = dt.datetime.fromisoformat(parsed.date), "date line"
    else:
        from_text = date_in_text(text, parsed.paragraphs)
        if from_text:  # no date line, but the page writes its date under the headline
            date, source = dt.datetime.fromisoformat(from_text[0]), "text"
    return ReadArticle(
        path=path, text=text, title=_title(text, parsed), title_generated=True, date=date,
        date_source=source, warnings=warnings + parsed.warnings,
        content_html=paragraphs_html(text, parsed.paragraphs),
    )


_MD_META = re.compile(r"^(?P<key>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*)$")
# Keys Briefing sets itself, or that would change where or how a page is written (a
# ``save_as: ../../x`` must not write outside the site).
_MD_IGNORED_KEYS = frozenset({"briefing_text", "briefing_warnings", "briefing_extract_end",
                              "briefing_date_from_text", "briefing_source_url",
                              "briefing_author", "briefing_date_source",
                              "undated", "title_generated", "save_as", "template"})


def split_markdown_metadata(text: str) -> tuple[dict[str, str], str, list[str]]:
    """Pelican-style ``Key: value`` header lines, or a ``---`` YAML-like block."""
    meta: dict[str, str] = {}
    warnings: list[str] = []
    lines = text.split("\n")
    fenced = lines and lines[0].strip() == "---"
    i = 1 if fenced else 0
    while i < len(lines):
        line = lines[i]
        if fenced and line.strip() in ("---", "..."):
            i += 1
            break
        if not fenced and not line.strip():
            break
        m = _MD_META.match(line)
        if not m:
            if fenced:
                warnings.append(f"unreadable metadata line {i + 1}: {line.strip()[:60]!r}")
                i += 1
                continue
            break  # no header: the body starts here
        meta[m.group("key").strip().lower()] = m.group("value").strip().strip("'\"")
        i += 1
    return meta, "\n".join(lines[i:]), warnings


def plain_text_from_html(fragment_html: str) -> str:
    """Paragraph text of rendered Markdown: one paragraph per block, blank lines between."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment_html, "html.parser")
    blocks = soup.find_all(["p", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "pre"])
    texts = []
    for block in blocks:
        if block.find_parent(["p", "li", "blockquote"]) is not None and block.name == "p":
            if block.find_parent(["li", "blockquote"]) is not None:
                continue
        chunk = " ".join(block.get_text(" ").split())
        if chunk:
            texts.append(chunk)
    return "\n\n".join(texts)


def _read_markdown(path: str, text: str, warnings: list[str]) -> ReadArticle:
    from markdown_it import MarkdownIt

    raw_meta, body, meta_warnings = split_markdown_metadata(text)
    warnings = warnings + meta_warnings
    # html=False: raw HTML in an article is shown as text, never run.
    rendered = MarkdownIt("commonmark", {"html": False}).enable("table").render(body)
    plain = plain_text_from_html(rendered)
    if not plain.strip():
        raise BadArticleError("no article text (only metadata or markup)")
    status = raw_meta.get("status", "published").strip()
    if status.lower() != "published":
        # Drafts and hidden articles would be pages without briefings (and Pelican's draft
        # writer fails on them): not published, and the report says so.
        raise BadArticleError(f"marked 'Status: {status}', so not published")
    date = None
    if "date" in raw_meta:
        date = parse_date(raw_meta["date"])
        if date is None:
            warnings.append(f"unreadable date {raw_meta['date']!r}; treated as undated")
    rest: dict[str, str] = {}
    for key, value in raw_meta.items():
        if key in ("date", "status", "title", "outlet", "url"):
            continue
        if key in _MD_IGNORED_KEYS:
            warnings.append(f"metadata {key!r} is ignored (Briefing sets it)")
            continue
        rest[key] = value
    title = " ".join(raw_meta.get("title", "").split())
    parsed = parse_text(plain)
    url = raw_meta.get("url", "").strip() or None
    if url and not re.match(r"^https?://", url, re.I):
        warnings.append(f"metadata 'url' {url!r} is not a web address; ignored")
        url = None
    return ReadArticle(
        path=path, text=plain, title=title or _title(plain, parsed),
        title_generated=not title, date=date, date_source="metadata" if date else None,
        outlet=outlet_name(*(raw_meta.get(k) for k in ("outlet", "publisher", "source"))),
        url=url, author=" ".join(raw_meta.get("author", "").split()) or None,
        warnings=warnings, content_html=rendered, metadata=rest,
    )


def _read_html(path: str, text: str, warnings: list[str]) -> ReadArticle:
    page = read_page(text)
    parsed = parse_text(page.text)
    date, source = page.date, page.date_source
    return ReadArticle(
        path=path, text=page.text, title=page.title or _title(page.text, parsed),
        title_generated=not page.title,
        date=dt.datetime.fromisoformat(date) if date else None,
        date_source=source, outlet=outlet_name(page.outlet), url=page.url,
        author=page.author, warnings=warnings + page.warnings,
        content_html=paragraphs_html(page.text, split_paragraphs(page.text)),
    )


def read_data(path: str, data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> ReadArticle:
    """Read one file's bytes as its suffix says; :class:`BadArticleError` says why not."""
    text, warnings = decode(data)
    suffix = Path(path).suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        article = _read_markdown(path, text, warnings)
    elif suffix in HTML_SUFFIXES:
        article = _read_html(path, text, warnings)
    elif suffix in TEXT_SUFFIXES:
        article = _read_txt(path, text, warnings)
    else:
        raise BadArticleError(f"not an article format Briefing reads ({', '.join(SUFFIXES)})")
    lang = language_warning(article.text)
    if lang:
        article.warnings.append(lang)
    end = extraction_end(article.text, max_chars)
    if end < len(article.text):
        article.warnings.append(
            f"the text is {len(article.text):,} characters long: quotes and actors were "
            f"looked for in the first {end:,} only (BRIEFING_MAX_CHARS = {max_chars:,})"
        )
    article.extract_end = end
    return article


def read_file(path: str | Path, max_chars: int = DEFAULT_MAX_CHARS) -> ReadArticle:
    return read_data(str(path), Path(path).read_bytes(), max_chars)
