"""Pelican glue: once every article is read, extract (cached), link across articles, and
build the views every page reads.

Runs on ``article_generator_finalized``: all articles are read and sorted, nothing is
written yet, so titles, dates and briefing sections set here reach every page. Near-duplicate
articles (one story from several outlets) are folded first: only each group's primary is
extracted, linked and listed; the other copies become hidden articles whose pages point to
it. Uncached articles are extracted by ``cluster.py``: on one process per core when there
are many, in this process when there are few.
Results go on each article (``briefing_*`` attributes, ``date_inferred``) and, for site-wide
pages, feeds and the export, into the shared context as ``briefing`` (a ``BriefingSite``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from . import link as link_mod
from . import timings
from .link import duplicates, overrides
from .records import Extraction
from .render import feeds
from .render.dates import iso_date
from .render.views import HOME_LATEST, BriefingSite, build_views, long_date
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
    from . import cluster

    model = setting(settings, "BRIEFING_MODEL")
    cache = cluster.cache_for(settings.get("CACHE_PATH") or "cache", model,
                              setting(settings, "BRIEFING_TOPICS"))
    job = cluster.Job(model=model, vocabulary=setting(settings, "BRIEFING_TOPICS"),
                      batch_size=int(setting(settings, "BRIEFING_BATCH_SIZE")),
                      batch_chars=int(setting(settings, "BRIEFING_BATCH_CHARS")))
    articles = [a for a in articles if _extraction_text(a)]
    scheduler = setting(settings, "BRIEFING_SCHEDULER") or None
    workers = int(setting(settings, "BRIEFING_WORKERS")) or cluster.available_cores()
    outcomes = cluster.extract_cached(
        [(a.relative_source_path, _extraction_text(a)) for a in articles], job, cache,
        workers=workers, scheduler=scheduler,
        min_chars=int(setting(settings, "BRIEFING_WORKERS_MIN_CHARS")))
    out: dict[str, Extraction] = {}
    for article, outcome in zip(articles, outcomes, strict=True):
        if outcome.extraction is not None:
            out[article.slug] = outcome.extraction
        elif outcome.model_missing:  # pages without briefings, and the reason
            logger.warning("briefing: %s: no quotes or actors extracted (%s)",
                           article.relative_source_path, outcome.error)
        else:
            logger.warning("briefing: %s: extraction failed (%s); the article is published "
                           "without quotes and actors", article.relative_source_path,
                           outcome.error)
    logger.info("briefing: extracted %d article(s), %d from the cache", cache.misses,
                cache.hits)
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
    clock = timings.current
    articles = [a for a in articles if getattr(a, "briefing_text", None)]
    with clock.phase("fold"):
        groups = _duplicates(articles, settings)
    folded = {s for g in groups for s in g.duplicates}
    copies = [a for a in articles if a.slug in folded]
    # The copies' quotes and actors are the primary's: extracted, linked and counted once.
    articles = [a for a in articles if a.slug not in folded]
    with clock.phase("extract"):
        extractions = _extract(articles, settings)
    inputs = [
        link_mod.ArticleInput(a.slug, a.relative_source_path, iso_date(a), extractions[a.slug],
                              text=_event_text(a),
                              date_from_text=bool(getattr(a, "briefing_date_from_text", False)))
        for a in articles
        if a.slug in extractions
    ]
    try:
        with clock.phase("link"):
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
    with clock.phase("views"):
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


def _freeze_urls(generator) -> None:
    """Pelican works an article's ``url`` out of its settings on every read (about 0.05 ms:
    a metadata copy, the source path, the date format), and a site's pages read it some
    140,000 times per thousand articles. Slugs and dates are final here, so each article
    keeps its address through Pelican's own ``override_url`` (``save_as`` stays computed:
    Pelican's writer treats an overridden one as allowed to overwrite another page)."""
    for name in ("articles", "translations", "hidden_articles", "hidden_translations"):
        for article in getattr(generator, name, None) or []:
            if not hasattr(article, "override_url"):
                article.override_url = article.url


def on_articles_finalized(generator) -> None:
    """``article_generator_finalized``: everything the briefing pages need, before writing."""
    settings = generator.settings
    timings.current.mark("plugin start")
    site = run(list(generator.articles), settings)
    _hide_copies(generator, site)
    _freeze_urls(generator)
    generator.context["briefing"] = site
    # The home page (a Pelican direct template) shows story dates as the other pages do.
    generator.env.filters["long_date"] = long_date
    generator.context["briefing_top_actors"] = site.most_quoted()
    generator.context["briefing_latest"] = site.articles[:HOME_LATEST]
    generator.context["briefing_stories"] = site.stories(HOME_LATEST)
    # Which feeds exist is known before any page is written, so every page can link them.
    plan = feeds.plan(site, setting(settings, "BRIEFING_FEED_MIN_ARTICLES"))
    generator.context["briefing_feeds"] = plan
    generator.context["briefing_feed_all"] = plan.get(("all", None))
    timings.current.mark("plugin end")
    logger.info(
        "briefing: %d article(s), %d actor(s), %d topic(s), %d event(s), %d near-duplicate(s) "
        "folded", len(site.articles), len(site.actors), len(site.topics), len(site.events),
        len(site.copies),
    )
