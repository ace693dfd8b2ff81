"""Pelican readers: plain-text news (.txt), Markdown (.md) and saved news pages (.html).

Every reader hands the plugin the article's plain text (``briefing_text``: paragraphs separated
by blank lines) so extraction treats all formats alike. An article without a date is
published as undated: it gets the ``UNDATED`` sentinel only because Pelican sorts on
``date``; templates show "Undated" and never that value.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import re

from pelican.readers import BaseReader
from pelican.utils import file_suffix, get_date

from ..extract.titles import make_title
from ..report import SKIP_MESSAGE, WARN_MESSAGE
from ..settings import get as setting
from ..textformat import ParsedText, date_in_text, parse_text, split_paragraphs
from .slugs import clean_slug
from .textio import (
    BadArticleError,
    extraction_end,
    language_warning,
    read_article_file,
)

logger = logging.getLogger(__name__)

# Sorts after every real date with Pelican's default "reversed-date" order.
UNDATED = dt.datetime(1, 1, 1)


def paragraphs_html(text: str, spans: list[tuple[int, int]]) -> str:
    # Article text is data: escaped, never markup.
    return "\n".join(
        f'<p id="p{i}">{html.escape(text[s:e])}</p>' for i, (s, e) in enumerate(spans, 1)
    )


def _outlet(*candidates: str | None) -> str | None:
    """The first named outlet: ``Outlet:``/``Publisher:``/``Source:`` metadata or a saved
    page's site name; a source given as a URL names its host."""
    from urllib.parse import urlsplit

    for value in candidates:
        value = " ".join((value or "").split())
        if re.match(r"^https?://", value, re.I):
            value = urlsplit(value).hostname or ""
            value = value.removeprefix("www.")
        if value:
            return value[:80]
    return None


def _meta_content(soup, attr: str, name: str) -> str | None:
    tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(name)}$", re.I)})
    return tag.get("content") if tag is not None else None


def _dated(metadata: dict, date: dt.datetime | None) -> dict:
    if metadata.get("slug"):
        # A slug from the file's metadata is one path segment, whatever it said.
        slug = clean_slug(metadata["slug"])
        if slug != metadata["slug"]:
            metadata.setdefault("briefing_warnings", []).append(
                f"slug {metadata['slug']!r} is not a plain address; using {slug!r}")
        metadata["slug"] = slug
    else:
        # Short, readable URLs; duplicates are numbered after all articles are read (slugs.py).
        metadata["slug"] = clean_slug(metadata["title"])
    if date is None:
        metadata["date"] = UNDATED
        metadata["undated"] = True
    else:
        metadata["date"] = date
        metadata["undated"] = False
    return metadata


# A headline needs the lead only; bounding it keeps a 5 MB one-paragraph file cheap.
_TITLE_LEAD_CHARS = 2000


def _title(text: str, parsed: ParsedText) -> str:
    lead = [(s, min(e, s + _TITLE_LEAD_CHARS)) for s, e in parsed.paragraphs[:3]]
    return make_title(text, ParsedText(parsed.date, parsed.body_start, lead))


class _BriefingReader(BaseReader):
    """Shared by our readers: every file is either an article or a logged, named skip.

    Pelican logs a failed read as "Could not process" without the reason; logging the
    reason here (``SKIP_MESSAGE``) is what lets the build report say why a file is missing.
    """

    enabled = True
    file_extensions: list[str] = []

    def _rel(self, source_path: str) -> str:
        base = self.settings.get("PATH") or os.getcwd()
        return os.path.relpath(source_path, base).replace(os.sep, "/")

    def read(self, source_path: str):
        rel = self._rel(source_path)
        try:
            content, metadata = self._read(source_path)
        except BadArticleError as exc:
            logger.warning(SKIP_MESSAGE, rel, exc)
            raise
        except Exception as exc:  # a reader bug must not drop the file silently
            reason = f"could not be read ({type(exc).__name__}: {exc})"
            logger.warning(SKIP_MESSAGE, rel, reason)
            raise BadArticleError(reason) from exc
        self._finish(rel, metadata)
        return content, metadata

    def _read(self, source_path: str) -> tuple[str, dict]:
        raise NotImplementedError

    def _finish(self, rel: str, metadata: dict) -> None:
        """Warnings every format shares; each is logged once and shown on the page."""
        warnings: list[str] = metadata.setdefault("briefing_warnings", [])
        text = metadata["briefing_text"]
        lang = language_warning(text)
        if lang:
            warnings.append(lang)
        limit = int(setting(self.settings, "BRIEFING_MAX_CHARS") or 0)
        end = extraction_end(text, limit)
        if end < len(text):
            warnings.append(
                f"the text is {len(text):,} characters long: quotes and actors were looked "
                f"for in the first {end:,} only (BRIEFING_MAX_CHARS = {limit:,})"
            )
        metadata["briefing_extract_end"] = end
        for warning in warnings:
            logger.warning(WARN_MESSAGE, rel, warning)


class NewsTextReader(_BriefingReader):
    """`` date YYYY-MM-DD `` (optional) then the body; the title is generated from the lead."""

    file_extensions = ["txt"]

    def _read(self, source_path: str):
        text, warnings = read_article_file(source_path)
        parsed = parse_text(text)
        if not parsed.paragraphs:
            raise BadArticleError("no article text after the date line")
        date = dt.datetime.fromisoformat(parsed.date) if parsed.date else None
        from_text = None if date else date_in_text(text, parsed.paragraphs)
        if from_text:  # no date line, but the page writes its date under the headline
            date = dt.datetime.fromisoformat(from_text[0])
        metadata = _dated(
            {
                "title": _title(text, parsed),
                "briefing_text": text,
                "briefing_warnings": warnings + parsed.warnings,
                "title_generated": True,
                "briefing_date_from_text": bool(from_text),
            },
            date,
        )
        return paragraphs_html(text, parsed.paragraphs), metadata


# Keys that would let a file's metadata override what the plugin computes or how it is
# written (a "save_as: ../../x" must not write outside the site).
_MD_IGNORED_KEYS = frozenset({"briefing_text", "briefing_warnings", "briefing_extract_end",
                              "briefing_date_from_text",
                              "undated", "title_generated", "save_as", "url", "template"})
_MD_META = re.compile(r"^(?P<key>[A-Za-z][\w -]*?)\s*:\s*(?P<value>.*)$")


def _split_markdown_metadata(text: str) -> tuple[dict[str, str], str, list[str]]:
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


def _plain_text_from_html(fragment_html: str) -> str:
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


class NewsMarkdownReader(_BriefingReader):
    """Markdown through markdown-it-py, with Pelican's ``Title:``/``Date:`` metadata."""

    file_extensions = ["md", "markdown", "mkd"]

    def _read(self, source_path: str):
        from markdown_it import MarkdownIt

        text, warnings = read_article_file(source_path)
        raw_meta, body, meta_warnings = _split_markdown_metadata(text)
        # html=False: raw HTML in an article is shown as text, never run.
        rendered = MarkdownIt("commonmark", {"html": False}).enable("table").render(body)
        plain = _plain_text_from_html(rendered)
        if not plain.strip():
            raise BadArticleError("no article text (only metadata or markup)")
        metadata: dict = {}
        date = None
        for key, value in raw_meta.items():
            if key == "date":
                try:
                    date = get_date(value)
                except (ValueError, OverflowError):
                    meta_warnings.append(f"unreadable date {value!r}; treated as undated")
                continue
            if key in _MD_IGNORED_KEYS:
                meta_warnings.append(f"metadata {key!r} is ignored (Briefing sets it)")
                continue
            if key == "status" and value.strip().lower() != "published":
                # Drafts and hidden articles would be pages without briefings (and Pelican's
                # draft writer fails on them): not published, and the report says so.
                raise BadArticleError(f"marked 'Status: {value.strip()}', so not published")
            try:
                metadata[key] = self.process_metadata(key, value)
            except Exception as exc:  # Pelican's processors raise various errors
                meta_warnings.append(f"bad metadata {key!r}: {exc}")
        parsed = parse_text(plain)
        if not metadata.get("title"):
            metadata["title"] = _title(plain, parsed)
            metadata["title_generated"] = True
        metadata["briefing_text"] = plain
        metadata["briefing_warnings"] = warnings + meta_warnings
        outlet = _outlet(*(raw_meta.get(k) for k in ("outlet", "publisher", "source")))
        if outlet:
            metadata["outlet"] = outlet  # the search page's outlet filter
        return rendered, _dated(metadata, date)


_NOISE_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form",
               "iframe", "svg", "button", "figure", "template", "object", "embed"]
_NOISE_ATTR = re.compile(
    r"(^|[-_ ])(ad|ads|advert\w*|promo\w*|sponsor\w*|share|sharing|social|newsletter|"
    r"subscribe|related|recommend\w*|comment\w*|cookie\w*|banner|sidebar|menu|nav\w*|"
    r"breadcrumb\w*|popup|modal|outbrain|taboola)($|[-_ ])",
    re.IGNORECASE,
)
_DATE_META = [
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "date"),
    ("name", "pubdate"),
    ("name", "publish-date"),
    ("name", "dc.date"),
    ("name", "DC.date.issued"),
    ("property", "og:published_time"),
]


def _html_date(soup) -> tuple[dt.datetime | None, str | None]:
    candidates = []
    for attr, value in _DATE_META:
        tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(value)}$", re.I)})
        if tag and tag.get("content"):
            candidates.append(tag["content"])
    for tag in soup.find_all("time"):
        if tag.get("datetime"):
            candidates.append(tag["datetime"])
    for value in candidates:
        try:
            return get_date(value.strip()), None
        except (ValueError, OverflowError):
            continue
    if candidates:
        return None, f"unreadable date {candidates[0]!r}; treated as undated"
    return None, None


def _html_body(soup):
    for tag in soup.find_all(_NOISE_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None:
            continue
        marks = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
        if marks.strip() and _NOISE_ATTR.search(marks) and tag.name not in ("html", "body"):
            tag.decompose()
    for selector in ("article", "[itemprop=articleBody]", "main", "[role=main]"):
        found = soup.select(selector)
        if found:
            return max(found, key=lambda t: len(t.get_text(" ", strip=True)))
    # No semantic container: the element holding the most paragraph text.
    best, best_len = soup.body or soup, 0
    for p in soup.find_all("p"):
        parent = p.parent
        size = sum(len(x.get_text(" ", strip=True)) for x in parent.find_all("p", recursive=False))
        if size > best_len:
            best, best_len = parent, size
    return best


class NewsHTMLReader(_BriefingReader):
    """A news page saved from the web: title, date and article body without page furniture."""

    file_extensions = ["html", "htm"]

    def _read(self, source_path: str):
        from bs4 import BeautifulSoup

        text, warnings = read_article_file(source_path)
        soup = BeautifulSoup(text, "html.parser")
        title = None
        og = soup.find("meta", attrs={"property": "og:title"})
        if og and og.get("content"):
            title = og["content"].strip()
        elif soup.title and soup.title.get_text(strip=True):
            title = soup.title.get_text(" ", strip=True)
        date, date_warning = _html_date(soup)
        if date_warning:
            warnings.append(date_warning)
        body = _html_body(soup)
        h1 = body.find("h1") if body else None
        if h1 is not None:
            title = title or h1.get_text(" ", strip=True)
            h1.decompose()
        plain = _plain_text_from_html(str(body)) if body is not None else ""
        if not plain.strip():
            raise BadArticleError("no article body found in the page")
        parsed = parse_text(plain)
        metadata = {
            "briefing_text": plain,
            "briefing_warnings": warnings,
            "title": title or _title(plain, parsed),
            "title_generated": not title,
        }
        outlet = _outlet(_meta_content(soup, "property", "og:site_name"),
                         _meta_content(soup, "name", "application-name"))
        if outlet:
            metadata["outlet"] = outlet
        return paragraphs_html(plain, split_paragraphs(plain)), _dated(metadata, date)


def add_readers(readers) -> None:
    """``readers_init`` handler: our readers take over these extensions."""
    ours: set[str] = set()
    for reader in (NewsTextReader, NewsMarkdownReader, NewsHTMLReader):
        for ext in reader.file_extensions:
            readers.reader_classes[ext] = reader
            ours.add(ext)
    # Pelican warns "Could not import 'markdown.Markdown'" for every .md file because its
    # own (disabled) Markdown reader claims the extension too; ours reads those files.
    check_file = readers.check_file

    def _check_file(source_path: str) -> None:
        if file_suffix(source_path) not in ours:
            check_file(source_path)

    readers.check_file = _check_file
    # Pelican's reStructuredText reader would publish pages without a briefing; Briefing
    # reads .txt, .md and .html only, and the build report names any other file.
    for ext in ("rst",):
        readers.reader_classes[ext] = None
