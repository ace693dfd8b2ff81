"""``briefing read|extract FILE...``: one JSON object per file, one per line (stable contracts).

``read`` prints each article as the site reads it (the text extraction sees, its title,
date and where the date came from); ``extract`` prints its quotes, actors and topics, with
offsets into that same text. ``fetch`` follows feeds (or fetches page URLs) into Markdown
articles in the content folder.
"""

from __future__ import annotations

import argparse
import json
import sys

from .extract import nlp as nlp_mod


def _read(path: str, max_chars: int):
    """The article, or None after saying on stderr why the file is none."""
    from .read.articles import read_file
    from .read.textio import BadArticleError

    try:
        return read_file(path, max_chars)
    except (OSError, BadArticleError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        print(f"briefing: skipped {path}: {reason}", file=sys.stderr)
        return None


def _write(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _cmd_read(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        article = _read(path, args.max_chars)
        if article is None:
            status = 1
            continue
        _write(article.to_json())
    return status


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract.article import read_text

    status = 0
    items = []
    for path in args.files:
        if path.lower().endswith(".txt") and args.cache is None:
            # The file as it is (newline=''), so offsets index the file itself.
            try:
                items.append((path, read_text(path)))
            except (OSError, UnicodeDecodeError) as exc:
                print(f"briefing: skipped {path}: {exc}", file=sys.stderr)
                status = 1
            continue
        # Markdown and pages (and, for the cache, every file): the text `briefing read`
        # prints, which offsets index, cut where the build cuts it (BRIEFING_MAX_CHARS).
        article = _read(path, args.max_chars if args.cache is not None else 0)
        if article is None:
            status = 1
        else:
            items.append((path, article.text[: article.extract_end or None]))
    if args.cache is None and args.scheduler is None and args.workers == 1:
        from .extract.article import extract_many

        nlp = nlp_mod.load(args.model)
        for extraction in extract_many(items, nlp=nlp, batch_size=args.batch_size):
            _write(extraction.to_json())
        return status
    return _extract_mapped(args, items) or status


def _extract_mapped(args: argparse.Namespace, items: list[tuple[str, str]]) -> int:
    """Extraction as a map (cluster.py): on a Dask cluster or local processes, reading and
    filling the cache a build with ``CACHE_PATH`` = ``--cache`` reads."""
    from . import cluster

    job = cluster.Job(model=args.model, batch_size=args.batch_size)
    workers = args.workers or cluster.available_cores()
    if args.cache is not None:
        cache = cluster.cache_for(args.cache, args.model, None)
        outcomes = cluster.extract_cached(items, job, cache, workers=workers,
                                          scheduler=args.scheduler)
    else:
        outcomes = cluster.extract(items, job, workers=workers, scheduler=args.scheduler)
    failed = missing = 0
    for (path, _), outcome in zip(items, outcomes, strict=True):  # in the files' order
        if outcome.extraction is None:
            failed += 1
            missing |= outcome.model_missing
            print(f"briefing: {path}: extraction failed ({outcome.error})", file=sys.stderr)
        else:
            _write(outcome.extraction.to_json())
    if args.cache is not None:
        print(f"briefing: extracted {cache.misses - failed} article(s), {cache.hits} were in "
              f"the cache {args.cache}", file=sys.stderr)
    return 2 if missing else 1 if failed else 0


def _cmd_fetch(args: argparse.Namespace) -> int:
    """Exit 0 when the run finished (failed URLs are report lines), 1 when everything
    failed or, with ``--strict``, anything did, 2 when there is nothing to fetch."""
    from pathlib import Path

    from .read import fetch
    from .settings import DEFAULTS

    try:
        options = fetch.options_from(
            None, user_agent=args.user_agent, timeout=args.timeout, retries=args.retries,
            backoff=args.backoff, retry_after_max=args.retry_after_max,
            max_bytes=args.max_bytes, max_redirects=args.max_redirects, delay=args.delay,
            fetch_dir=args.fetch_dir, refresh=args.refresh,
        )
    except ValueError as exc:
        print(f"briefing: fetch: {exc}", file=sys.stderr)
        return 2
    content = Path(args.content)
    feeds_file = args.feeds
    if feeds_file is None and (args.feed or not args.urls):
        # Page URLs alone fetch just those; otherwise the content folder's feeds file too.
        feeds_file = content / str(DEFAULTS["BRIEFING_FEEDS_FILE"])
    elif feeds_file is not None and not feeds_file.is_file():
        print(f"briefing: fetch: feeds file {feeds_file} not found", file=sys.stderr)
        return 2
    try:
        report = fetch.fetch(content, urls=args.urls, feeds=args.feed, feeds_file=feeds_file,
                             options=options, out=sys.stderr, progress=args.progress)
    except (FileNotFoundError, fetch.NothingToFetchError) as exc:
        print(f"briefing: fetch: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return report.exit_code(args.strict)


def _fetch_parser(sub) -> None:
    from pathlib import Path

    from .settings import DEFAULTS

    fe = sub.add_parser(
        "fetch", help="fetch articles from feeds, or page URLs, into the content folder",
        description="Fetch every entry of the feeds (CONTENT/feeds.txt and --feed), or the "
                    "page URLs given, into CONTENT/fetched/<host>/<slug>.md. Known articles "
                    "are not fetched again. Exit status: 0 when the run finished (each "
                    "failed URL is a report line), 1 when everything failed (or, with "
                    "--strict, anything), 2 when there is nothing to fetch.")
    fe.add_argument("urls", nargs="*", metavar="URL",
                    help="page URLs to fetch (then feeds are read only with --feeds/--feed)")
    fe.add_argument("--content", default="content", help="content folder (default: content)")
    fe.add_argument("--feeds", type=Path, default=None, metavar="FILE",
                    help="feeds file, one URL a line (default: CONTENT/feeds.txt)")
    fe.add_argument("--feed", action="append", default=[], metavar="URL",
                    help="a feed URL, beside the feeds file (repeatable; BRIEFING_FEEDS)")
    fe.add_argument("--refresh", action="store_true",
                    help="re-check known articles (a conditional GET: an unchanged page "
                         "costs a 304) and update those whose text changed")
    fe.add_argument("--strict", action="store_true", help="exit 1 when any URL failed")
    fe.add_argument("--fetch-dir", default=None,
                    help=f"folder in CONTENT for fetched articles (BRIEFING_FETCH_DIR, "
                         f"{DEFAULTS['BRIEFING_FETCH_DIR']!r})")
    fe.add_argument("--user-agent", default=None, help="BRIEFING_USER_AGENT")
    for flag, kind, name, what in (
        ("--timeout", float, "BRIEFING_FETCH_TIMEOUT", "seconds to connect or between bytes"),
        ("--retries", int, "BRIEFING_FETCH_RETRIES", "retries on errors, time-outs, 429, 5xx"),
        ("--backoff", float, "BRIEFING_FETCH_BACKOFF", "seconds before the first retry"),
        ("--retry-after-max", float, "BRIEFING_FETCH_RETRY_AFTER_MAX",
         "longest Retry-After honoured, seconds"),
        ("--max-bytes", int, "BRIEFING_FETCH_MAX_BYTES", "bytes read per response at most"),
        ("--max-redirects", int, "BRIEFING_FETCH_MAX_REDIRECTS", "redirects followed"),
        ("--delay", float, "BRIEFING_FETCH_DELAY", "seconds between requests to one host"),
    ):
        fe.add_argument(flag, type=kind, default=None,
                        help=f"{what} ({name}, default {DEFAULTS[name]!r})")
    fe.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                    help="progress bar on stderr (default: when stderr is a terminal)")
    fe.set_defaults(func=_cmd_fetch)


def main(argv: list[str] | None = None) -> int:
    from .settings import DEFAULTS

    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    rd = sub.add_parser("read", help="print each file as the site reads it, as JSON")
    rd.add_argument("files", nargs="+", metavar="FILE")
    rd.add_argument("--max-chars", type=int, default=DEFAULTS["BRIEFING_MAX_CHARS"],
                    help="characters extraction reads (BRIEFING_MAX_CHARS; 0: no limit)")
    rd.set_defaults(func=_cmd_read)
    ext = sub.add_parser("extract", help="print quotes, actors and topics of each file as JSON")
    ext.add_argument("files", nargs="+", metavar="FILE")
    ext.add_argument("--model", default=nlp_mod.DEFAULT_MODEL, help="spaCy pipeline name")
    ext.add_argument("--batch-size", type=int, default=nlp_mod.DEFAULT_BATCH_SIZE)
    ext.add_argument("--cache", default=None, metavar="DIR",
                     help="read and fill the extraction cache a build with CACHE_PATH=DIR "
                          "reads (then the build only links and renders)")
    ext.add_argument("--scheduler", default=None, metavar="ADDRESS",
                     help="extract on the Dask cluster of this scheduler (tcp://host:8786)")
    ext.add_argument("--workers", type=int, default=1,
                     help="local worker processes without --scheduler (0: one per core; "
                          "default 1, in this process)")
    ext.add_argument("--max-chars", type=int, default=DEFAULTS["BRIEFING_MAX_CHARS"],
                     help="with --cache: characters extraction reads (BRIEFING_MAX_CHARS)")
    ext.set_defaults(func=_cmd_extract)
    _fetch_parser(sub)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except nlp_mod.ModelMissingError as exc:
        print(exc, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
