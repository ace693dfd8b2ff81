"""Full-text search: a Pagefind index of the built site, written into ``pagefind/``.

``build.build_site`` calls ``build_index`` on the staged output after Pelican has written it
and before the swap, so a site and its index are always from the same build. Pagefind reads
the pages themselves: briefing, actor and topic pages are indexed (``BRIEFING_SEARCH_PAGES``),
the site's header, navigation and footer are not. Of those pages, Pagefind indexes the ones
whose ``<main>`` carries ``data-pagefind-body`` (``theme/templates/base.html``): all but the
pages of actors seen in fewer than ``BRIEFING_SEARCH_MIN_ARTICLES`` briefings.
Filters (actor, topic, year, outlet, type) and result metadata come from
``<meta data-pagefind-filter=...>`` tags that ``theme/templates/_pagefind_meta.html``
writes into each indexed page's head, and quote anchors (``#q-N``) are ids in the full
text, which Pagefind records with their word positions so the search page can link a hit
inside a quote to that quote.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..settings import get as setting

logger = logging.getLogger(__name__)

# Pages a reader wants as results; the home page, lists, timeline and search page are not.
BUNDLE_DIR = "pagefind"
# Site furniture repeated on every page: indexing it would make every page match "Briefings".
# Lists of other pages (related briefings, an actor's briefings and co-actors, a topic's
# briefings) would make every neighbour match their titles: a page is found by its own words.
# Text indexed once: a briefing's lead and key-quote list, and an actor page's quotes, repeat
# the briefing's full text word for word, which holds the #q-N and #pN anchors results link
# to. Indexed twice or three times, they made the index chunks a query loads larger (the
# chunks of "to" and "in" grow with every copy) and an actor page's result as large as all
# their quotes (Donald Trump's: 36 KB); an actor page is found by its names, roles and
# description, the words of a quote find the quote in its briefing.
EXCLUDE_SELECTORS = [
    ".site-header", ".site-footer", ".skip-link", "nav",
    ".briefing .related", ".briefing .same-event",
    ".briefing .briefing-lead", ".briefing .key-quotes", ".briefing .in-brief",
    ".briefing .headline-note",
    ".actor-page .actor-quotes", ".actor-page .actor-articles", ".actor-page .co-actors",
    ".topic-page .article-list",
]
# Pagefind's own UI bundles; the site uses its own UI (theme/static/js/search.js) on the
# JS API, so these ~400 KB would only be published unused.
_UNUSED = [
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js",
    "pagefind-component-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-highlight.js",
]


class SearchIndexError(RuntimeError):
    pass


# Pagefind indexes only pages marked with this once any page has it, but it still reads and
# parses every page the glob matches: on a 924-article site, 6,500 one-briefing actor
# pages it then drops cost 5 of its 9 seconds.
BODY_MARK = b"data-pagefind-body"


def _indexable_tree(site: Path) -> Path | None:
    """A hidden folder in ``site`` (removed with a killed build's staging folder) holding
    hard links to the HTML pages Pagefind would index
    (those with ``BODY_MARK``), at the same relative paths, so the index's URLs are the
    site's; None when no page is marked (then Pagefind indexes every page it matches)."""
    marked = []
    for path in list(site.rglob("*.htm*")):
        if path.suffix in (".html", ".htm") and path.is_file() and BODY_MARK in path.read_bytes():
            marked.append(path)
    if not marked:
        return None
    tree = Path(tempfile.mkdtemp(prefix=".briefing-search-", dir=site))
    for path in marked:
        target = tree / path.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(path, target)
    return tree


def _run_pagefind(site: Path, pages: str) -> None:
    # The CLI, not the Python API: the API's service can be stopped before it has finished
    # writing a large index (we saw a 0-byte pagefind-entry.json and no wasm on 1,500 pages).
    tree = _indexable_tree(site)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(tree or site), "--glob", pages,
           "--output-path", str(site / BUNDLE_DIR), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    finally:
        if tree is not None:
            shutil.rmtree(tree, ignore_errors=True)
    if proc.returncode != 0:
        detail = " ".join((proc.stderr or proc.stdout).split())[-500:]
        raise SearchIndexError(f"briefing: search index failed (pagefind exit "
                               f"{proc.returncode}): {detail}")
    for line in (proc.stdout + proc.stderr).splitlines():
        if line.strip():
            logger.info("briefing: pagefind: %s", line.strip())


def _page_count(bundle: Path) -> int:
    """Pages in the index, after checking every language's wasm file was written."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    for lang in entry["languages"].values():
        wasm = lang.get("wasm")
        if wasm and not (bundle / f"wasm.{wasm}.pagefind").is_file():
            raise ValueError(f"wasm.{wasm}.pagefind missing")
    return sum(int(lang.get("page_count", 0)) for lang in entry["languages"].values())


def build_index(site: Path, settings: Mapping[str, Any] | None = None) -> int:
    """Index the built site in ``site``; returns the number of pages indexed.

    ``BRIEFING_SEARCH = False`` skips the index (the search page then says search is off).
    """
    if not setting(settings, "BRIEFING_SEARCH"):
        logger.info("briefing: search index skipped (BRIEFING_SEARCH is off)")
        return 0
    site = Path(site)
    pages = setting(settings, "BRIEFING_SEARCH_PAGES")
    bundle = site / BUNDLE_DIR
    if bundle.exists():
        shutil.rmtree(bundle)
    _run_pagefind(site, pages)
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json"):
        if not (bundle / name).is_file() or not (bundle / name).stat().st_size:
            raise SearchIndexError(f"briefing: search index failed: {bundle / name} missing")
    try:
        count = _page_count(bundle)
    except (OSError, ValueError, KeyError) as exc:
        raise SearchIndexError(f"briefing: search index failed: bad entry file: {exc}") from exc
    for name in _UNUSED:
        (bundle / name).unlink(missing_ok=True)
    if count == 0:
        logger.warning("briefing: search index is empty: no page matches %s", pages)
    else:
        logger.info("briefing: search index of %d page(s) in %s", count, bundle)
    return count
