"""Pelican readers: plain-text news (.txt), Markdown (.md) and saved news pages (.html).

Each wraps :func:`articles.read_data` (what ``briefing read`` prints) and hands the plugin
the article's plain text (``briefing_text``: paragraphs separated by blank lines) so
extraction treats all formats alike. An article without a date is published as undated: it
gets the ``UNDATED`` sentinel only because Pelican sorts on ``date``; templates show
"Undated" and never that value.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from pelican.readers import BaseReader
from pelican.utils import file_suffix

from ..report import SKIP_MESSAGE, WARN_MESSAGE
from ..settings import get as setting
from . import articles
from .slugs import clean_slug
from .textio import BadArticleError

logger = logging.getLogger(__name__)

# Sorts after every real date with Pelican's default "reversed-date" order.
UNDATED = dt.datetime(1, 1, 1)


def _metadata(article: articles.ReadArticle, extra: dict) -> dict:
    metadata = dict(extra)
    warnings = list(article.warnings)
    if metadata.get("slug"):
        # A slug from the file's metadata is one path segment, whatever it said.
        slug = clean_slug(metadata["slug"])
        if slug != metadata["slug"]:
            warnings.append(f"slug {metadata['slug']!r} is not a plain address; using {slug!r}")
        metadata["slug"] = slug
    else:
        # Short, readable URLs; duplicates are numbered after all articles are read (slugs.py).
        metadata["slug"] = clean_slug(article.title)
    metadata.update(
        title=article.title,
        title_generated=article.title_generated,
        briefing_text=article.text,
        briefing_warnings=warnings,
        briefing_extract_end=article.extract_end,
        briefing_date_from_text=article.date_from_text,
        briefing_date_source=article.date_source,
        date=article.date or UNDATED,
        undated=article.date is None,
    )
    if article.outlet:
        metadata["outlet"] = article.outlet  # the search page's outlet filter
    if article.author:
        metadata["briefing_author"] = article.author  # shown as written, no author pages
    if article.url:
        # Not ``url``: that is the page's address on the site to Pelican.
        metadata["briefing_source_url"] = article.url
    return metadata


class _BriefingReader(BaseReader):
    """Every file is either an article or a logged, named skip.

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
        limit = int(setting(self.settings, "BRIEFING_MAX_CHARS") or 0)
        try:
            article = articles.read_data(rel, Path(source_path).read_bytes(), limit)
            extra = {}
            for key, value in article.metadata.items():
                try:
                    extra[key] = self.process_metadata(key, value)
                except Exception as exc:  # Pelican's processors raise various errors
                    article.warnings.append(f"bad metadata {key!r}: {exc}")
            metadata = _metadata(article, extra)
        except BadArticleError as exc:
            logger.warning(SKIP_MESSAGE, rel, exc)
            raise
        except Exception as exc:  # a reader bug must not drop the file silently
            reason = f"could not be read ({type(exc).__name__}: {exc})"
            logger.warning(SKIP_MESSAGE, rel, reason)
            raise BadArticleError(reason) from exc
        for warning in metadata["briefing_warnings"]:
            logger.warning(WARN_MESSAGE, rel, warning)
        return article.content_html, metadata


class NewsTextReader(_BriefingReader):
    """`` date YYYY-MM-DD `` (optional) then the body; the title is generated from the lead."""

    file_extensions = [s[1:] for s in articles.TEXT_SUFFIXES]


class NewsMarkdownReader(_BriefingReader):
    """Markdown through markdown-it-py, with Pelican's ``Title:``/``Date:`` metadata."""

    file_extensions = [s[1:] for s in articles.MARKDOWN_SUFFIXES]


class NewsHTMLReader(_BriefingReader):
    """A news page saved from the web: the article, read with trafilatura (pages.py)."""

    file_extensions = [s[1:] for s in articles.HTML_SUFFIXES]


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
