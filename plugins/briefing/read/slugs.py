"""Two articles, one address: number the later ones instead of losing one.

Generated headlines collide easily (two wire copies of one story), and Pelican would either
write both to one file and stop the build or keep one. Runs on
``article_generator_pretaxonomy``: every article is read, nothing is extracted or written
yet. Which article keeps the plain slug, and the order of articles of one date, depend only
on the file paths, never on the order the files were read in, so rebuilds give every
article the same address and place.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from slugify import slugify

from ..report import WARN_MESSAGE

logger = logging.getLogger(__name__)

MAX_SLUG = 60


def clean_slug(value: str) -> str:
    """A slug safe as one path segment: lowercase words and hyphens, cut at a word."""
    slug = slugify(str(value)) or "article"
    if len(slug) > MAX_SLUG:
        # Cut at a word; slugify's own truncation skips words instead.
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] or slug[:MAX_SLUG]
    return slug


def _warn(article: Any, message: str, group: list[Any]) -> None:
    warnings = getattr(article, "briefing_warnings", None)
    if warnings is None:
        warnings = []
        article.briefing_warnings = warnings
    warnings.append(message)
    # Which files the warning is about: if they all turn out to be copies of this article's
    # story (folded into one briefing later), the warning is withdrawn (pipeline.py).
    clashes = getattr(article, "briefing_name_clashes", None)
    if clashes is None:
        clashes = article.briefing_name_clashes = []
    clashes.append((message, tuple(a.relative_source_path for a in group if a is not article)))
    logger.warning(WARN_MESSAGE, article.relative_source_path, message)


def _others(group: list[Any], article: Any) -> str:
    return ", ".join(a.relative_source_path for a in group if a is not article)


def number_duplicates(articles: Iterable[Any]) -> None:
    """Give every article in ``articles`` its own slug, deterministically, with warnings."""
    articles = list(articles)
    by_slug: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        by_slug[article.slug].append(article)
    used = set(by_slug)
    warned: set[frozenset[str]] = set()
    for slug in sorted(by_slug):
        group = sorted(by_slug[slug], key=lambda a: a.relative_source_path)
        if len(group) < 2:
            continue
        for article in group[1:]:
            n = 2
            while f"{slug}-{n}" in used:
                n += 1
            article.slug = f"{slug}-{n}"
            used.add(article.slug)
        warned.add(frozenset(a.relative_source_path for a in group))
        for article in group:
            _warn(article, f"another article would have the same address ({slug}): "
                           f"{_others(group, article)}; this one is at {article.url}", group)
        for article in group:
            # Pelican pairs same-slug articles as translations of one another; they are not.
            article.translations = []
    by_title: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        by_title[" ".join(str(article.title).casefold().split())].append(article)
    for key in sorted(by_title):
        group = sorted(by_title[key], key=lambda a: a.relative_source_path)
        if len(group) > 1 and frozenset(a.relative_source_path for a in group) not in warned:
            for article in group:
                _warn(article, f"another article has the same headline: "
                               f"{_others(group, article)}", group)


def stable_order(articles: list[Any], order_by: Any) -> None:
    """Pelican's order, ties broken by file path.

    Pelican reads files in ``set`` order (it varies with the hash seed) and its sort is
    stable, so two articles of one date swapped places between builds; sorting by path
    first makes the tie order a property of the content alone.
    """
    from pelican.utils import order_content

    articles.sort(key=lambda a: a.relative_source_path)
    order_content(articles, order_by)


def on_pretaxonomy(generator: Any) -> None:
    """``article_generator_pretaxonomy`` handler: published and hidden articles share
    ``ARTICLE_SAVE_AS``; drafts have their own."""
    order_by = generator.settings.get("ARTICLE_ORDER_BY")
    for articles in (generator.articles, generator.hidden_articles, generator.drafts):
        stable_order(articles, order_by)
    number_duplicates(list(generator.articles) + list(generator.hidden_articles))
    number_duplicates(generator.drafts)
