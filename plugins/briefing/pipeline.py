"""Pelican glue: once every article is read, extract (cached), link across articles, and
build the views every page reads.

Runs on ``article_generator_finalized``: all articles are read and sorted, nothing is
written yet, so titles, dates and briefing sections set here reach every page. Near-duplicate
articles (one story from several outlets) are folded first: only each group's primary is
extracted, linked and listed; the other copies become hidden articles whose pages point to
it. The spaCy pipeline is loaded once and fed every uncached article through ``nlp.pipe``.
Results go on each article (``briefing_*`` attributes, ``date_inferred``) and, for site-wide
pages, feeds and the export, into the shared context as ``briefing`` (a ``BriefingSite``).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from . import link as link_mod
from .cache import ExtractionCache
from .link import duplicates, overrides
from .records import Extraction
from .render import feeds
from .render.views import HOME_LATEST, BriefingSite, build_views, iso_date
from .settings import get as setting
from .textformat import parse_date_line

logger = logging.getLogger(__name__)

def _extraction_text(article) -> str | None:
    """The text extraction reads: a prefix when the reader capped it (BRIEFING_MAX_CHARS),
    so offsets still index ``briefing_text``."""
    text = getattr(article, "briefing_text", None)
    end = getattr(article, "briefing_extract_end", None)
    return text[:end] if text and end is not None else text


def _event_text(article) -> str:
    """What events compare: the text extraction read, without a ``.txt`` date line."""
    text = _extraction_text(article) or ""
    return text[parse_date_line(text)[1] :]


def _extract(articles: list, settings: dict) -> dict[str, Extraction]:
    """slug -> Extraction; a failure is a warning naming the file, never a traceback."""
    from .extract import nlp as nlp_mod

    model = setting(settings, "BRIEFING_MODEL")
    batch = int(setting(settings, "BRIEFING_BATCH_SIZE"))
    batch_chars = int(setting(settings, "BRIEFING_BATCH_CHARS"))
    vocabulary = setting(settings, "BRIEFING_TOPICS")
    if vocabulary is None:
        from .extract.topics import DEFAULT_TOPICS as vocabulary
    cache_root = settings.get("CACHE_PATH") or "cache"
    # The topic vocabulary shapes the topics, so a changed BRIEFING_TOPICS is a cache miss.
    variant = json.dumps(
        {k: sorted(v) for k, v in vocabulary.items()}, sort_keys=True, ensure_ascii=False
    )
    cache = ExtractionCache(Path(cache_root) / "briefing", f"{model}\0{variant}")
    out: dict[str, Extraction] = {}
    todo = []
    for article in articles:
        text = _extraction_text(article)
        if not text:
            continue
        cached = cache.get(text, article.relative_source_path)
        if cached is not None:
            out[article.slug] = cached
        else:
            todo.append(article)
    if not todo:
        logger.info("briefing: %d extraction(s) from the cache", cache.hits)
        return out
    try:
        from .extract import article as extract_mod

        nlp = nlp_mod.load(model)
    except Exception as exc:  # model missing, broken install: pages without briefings
        reason = " ".join(str(exc).split()) or type(exc).__name__
        for article in todo:
            logger.warning(
                "briefing: %s: no quotes or actors extracted (%s)",
                article.relative_source_path, reason,
            )
        return out

    def run(batch_articles: list) -> None:
        items = [(a.relative_source_path, _extraction_text(a)) for a in batch_articles]
        results = extract_mod.extract_many(
            items, nlp=nlp, batch_size=batch, vocabulary=vocabulary, batch_chars=batch_chars
        )
        for article, extraction in zip(batch_articles, results, strict=True):
            out[article.slug] = extraction
            cache.put(_extraction_text(article), extraction)

    try:
        run(todo)
    except Exception:
        # One bad article must not cost the others their briefing: retry one at a time.
        for article in todo:
            if article.slug in out:
                continue
            try:
                run([article])
            except Exception as exc:
                reason = " ".join(str(exc).split()) or type(exc).__name__
                logger.warning(
                    "briefing: %s: extraction failed (%s: %s); the article is published "
                    "without quotes and actors",
                    article.relative_source_path, type(exc).__name__, reason,
                )
    logger.info(
        "briefing: extracted %d article(s), %d from the cache", cache.misses, cache.hits
    )
    return out


def _overrides(settings: dict):
    name = setting(settings, "BRIEFING_ACTORS_FILE")
    path = Path(settings.get("PATH") or ".") / name  # an absolute name stays absolute
    return overrides.load(path)


def _duplicates(articles: list, settings: dict) -> list[duplicates.DuplicateGroup]:
    """Groups of near-duplicate articles; a failure costs the folding, not the build."""
    threshold = float(setting(settings, "BRIEFING_DUPLICATE_THRESHOLD"))
    try:
        groups = duplicates.find_duplicates(
            [(a.slug, _event_text(a)) for a in articles],
            {a.slug: iso_date(a) for a in articles}, threshold=threshold,
        )
    except Exception as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        logger.warning("briefing: finding near-duplicate articles failed (%s: %s); every "
                       "article keeps its own briefing", type(exc).__name__, reason)
        return []
    by_slug = {a.slug: a for a in articles}
    for g in groups:
        logger.info("briefing: %s folded into %s (near-duplicates)",
                    ", ".join(by_slug[s].relative_source_path for s in g.duplicates),
                    by_slug[g.primary].relative_source_path)
        _withdraw_clashes([by_slug[s] for s in g.slugs])
    return groups


def _withdraw_clashes(copies: list) -> None:
    """Copies of one story often share a headline, so an address or headline clash among
    them (read/slugs.py) is expected, and moot once they are one briefing: the warning is
    withdrawn from their pages and the build report (``--strict`` does not fail on it). A
    clash naming any file outside the group stands."""
    files = {a.relative_source_path for a in copies}
    for article in copies:
        for message, others in getattr(article, "briefing_name_clashes", None) or []:
            warnings = getattr(article, "briefing_warnings", None) or []
            if set(others) <= files and message in warnings:
                warnings.remove(message)
                withdrawn = getattr(article, "briefing_withdrawn_warnings", None)
                if withdrawn is None:
                    withdrawn = article.briefing_withdrawn_warnings = []
                withdrawn.append(message)


def run(articles: list, settings: dict) -> BriefingSite:
    """Fold near-duplicates, extract (cached), link and build the views for the articles
    Pelican read."""
    articles = [a for a in articles if getattr(a, "briefing_text", None)]
    groups = _duplicates(articles, settings)
    folded = {s for g in groups for s in g.duplicates}
    copies = [a for a in articles if a.slug in folded]
    # The copies' quotes and actors are the primary's: extracted, linked and counted once.
    articles = [a for a in articles if a.slug not in folded]
    extractions = _extract(articles, settings)
    inputs = [
        link_mod.ArticleInput(a.slug, a.relative_source_path, iso_date(a), extractions[a.slug],
                              text=_event_text(a),
                              date_from_text=bool(getattr(a, "briefing_date_from_text", False)))
        for a in articles
        if a.slug in extractions
    ]
    try:
        data = link_mod.link(
            inputs,
            overrides=_overrides(settings),
            event_window_days=int(setting(settings, "BRIEFING_EVENT_WINDOW_DAYS")),
        )
    except Exception as exc:  # a linking bug must not cost readers their briefing pages
        reason = " ".join(str(exc).split()) or type(exc).__name__
        logger.error(
            "briefing: linking actors across articles failed (%s: %s); briefing pages are "
            "written without actor, event and related-article links",
            type(exc).__name__, reason,
        )
        data = link_mod.link([])
    return build_views(articles, extractions, data, settings, groups, copies)


def _hide_copies(generator, site: BriefingSite) -> None:
    """Folded copies leave every list (home page, Pelican's ``articles`` and ``dates``) but
    keep their address: as hidden articles Pelican still writes them, with the pointer
    template, and the build report names them as folded."""
    copies = {id(a) for a in site.copies}
    if not copies:
        return
    for name in ("articles", "dates"):
        items = getattr(generator, name, None)
        if items is not None:
            items[:] = [a for a in items if id(a) not in copies]
    generator.hidden_articles.extend(
        sorted(site.copies, key=lambda a: a.relative_source_path))


def on_articles_finalized(generator) -> None:
    """``article_generator_finalized``: everything the briefing pages need, before writing."""
    settings = generator.settings
    site = run(list(generator.articles), settings)
    _hide_copies(generator, site)
    generator.context["briefing"] = site
    generator.context["briefing_top_actors"] = site.most_quoted()
    generator.context["briefing_latest"] = site.articles[:HOME_LATEST]
    # Which feeds exist is known before any page is written, so every page can link them.
    plan = feeds.plan(site)
    generator.context["briefing_feeds"] = plan
    generator.context["briefing_feed_all"] = plan.get(("all", None))
    logger.info(
        "briefing: %d article(s), %d actor(s), %d topic(s), %d event(s), %d near-duplicate(s) "
        "folded", len(site.articles), len(site.actors), len(site.topics), len(site.events),
        len(site.copies),
    )
