"""The build report: every file in the content folder is a page or a line saying why not.

A near-duplicate folded into another article's briefing (one story from several outlets) is
neither: the report names every group of files folded together.

Pelican drops a file it cannot read with a bare "Could not process" and never mentions files
no reader claims; this module squares the files on disk with the pages Pelican made, adds the
readers' reasons and warnings, and writes ``data/report.json`` (sorted, no times or absolute
paths, so two builds of the same content write the same bytes). No Pelican import.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The readers log with these exact formats; the report reads their arguments back.
SKIP_MESSAGE = "briefing: skipped %s: %s"  # (file relative to content, reason)
WARN_MESSAGE = "briefing: %s: %s"  # (file relative to content, warning)
_PELICAN_FAILED = "Could not process %s"
_PELICAN_INVALID = "Skipping %s: "

REPORT_PATH = Path("data") / "report.json"


@dataclass(frozen=True, order=True)
class Entry:
    file: str  # relative to the content folder; "" for the build as a whole
    message: str


@dataclass
class Report:
    articles: list[dict[str, Any]] = field(default_factory=list)
    quotes: int = 0
    actors: int = 0
    warnings: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    errors: list[Entry] = field(default_factory=list)
    # One {file, url, copies} per group of near-duplicates: ``file`` is the briefing shown
    # (at ``url``), ``copies`` the files folded into it.
    folded: list[dict[str, Any]] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Nothing warned, skipped or failed: what ``--strict`` demands."""
        return not (self.warnings or self.skipped or self.errors)

    def counts(self) -> dict[str, int]:
        return {
            "articles": len(self.articles),
            "quotes": self.quotes,
            "actors": self.actors,
            "warnings": len(self.warnings),
            "skipped": len(self.skipped),
            "errors": len(self.errors),
            "folded": sum(len(g["copies"]) for g in self.folded),
        }

    def to_json(self) -> dict[str, Any]:
        def entries(items: list[Entry], key: str) -> list[dict[str, str]]:
            return [{"file": e.file, key: e.message} for e in sorted(set(items))]

        return {
            "counts": self.counts(),
            "articles": sorted(self.articles, key=lambda a: a["file"]),
            "warnings": entries(self.warnings, "message"),
            "skipped": entries(self.skipped, "reason"),
            "errors": entries(self.errors, "message"),
            "folded": sorted(self.folded, key=lambda g: g["file"]),
        }

    def lines(self) -> list[str]:
        c = self.counts()
        head = (f"briefing: {c['articles']} articles, {c['quotes']} quotes, {c['actors']} actors, "
                f"{c['warnings']} warnings, {c['skipped']} skipped")
        if c["errors"]:
            head += f", {c['errors']} errors"
        if c["folded"]:
            head += f", {c['folded']} folded"
        out = [head]
        for label, items in (("error", self.errors), ("skipped", self.skipped),
                             ("warning", self.warnings)):
            for e in sorted(set(items)):
                out.append(f"  {label:8} {e.file or '(build)'}: {e.message}")
        for g in sorted(self.folded, key=lambda g: g["file"]):
            files = ", ".join([g["file"], *g["copies"]])
            out.append(f"  {'folded':8} {files}: near-duplicates, one briefing at {g['url']} "
                       f"(the text of {g['file']})")
        return out


def dumps(data: Any) -> str:
    """JSON that stays data even if pasted into HTML: ``<``, ``>`` and ``&`` are escaped."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def _relative(path: str, content: Path) -> str:
    if os.path.isabs(path):
        path = os.path.relpath(path, content)
    return os.path.normpath(path).replace(os.sep, "/")


def _ignored(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) for p in patterns)


def content_files(root: Path, ignore: Iterable[str]) -> list[str]:
    """Files under ``root`` Pelican would consider (its IGNORE_FILES rules), relative."""
    ignore = list(ignore)
    found: list[str] = []
    for dirpath, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not _ignored(d, ignore))
        for name in files:
            if not _ignored(name, ignore):
                rel = os.path.relpath(os.path.join(dirpath, name), root)
                found.append(rel.replace(os.sep, "/"))
    return sorted(found)


def _count_site_data(site: Path) -> tuple[int, int] | None:
    """(quotes, actors) from the site's JSON export, when the build wrote one."""
    articles_json, actors_json = site / "data" / "articles.json", site / "data" / "actors.json"
    if not articles_json.is_file():
        return None
    try:
        articles = json.loads(articles_json.read_text(encoding="utf-8"))
        actors = (json.loads(actors_json.read_text(encoding="utf-8"))
                  if actors_json.is_file() else [])
    except (OSError, ValueError):
        return None
    if isinstance(articles, dict):
        articles = articles.get("articles", [])
    if isinstance(actors, dict):
        actors = actors.get("actors", actors)
    quotes = sum(len(a.get("quotes") or []) for a in articles if isinstance(a, dict))
    return quotes, len(actors)


def _count_articles(articles: Iterable[Any]) -> tuple[int, int]:
    """(quotes, actors) from the article objects when there is no JSON export."""
    quotes, actors = 0, set()
    for article in articles:
        extraction = getattr(article, "briefing_extraction", None)
        quotes += len(getattr(extraction, "quotes", None) or getattr(article, "quotes", []) or [])
        for actor in getattr(extraction, "actors", None) or []:
            actors.add(getattr(actor, "id", id(actor)))
    return quotes, len(actors)


class _Relativize:
    """Absolute content and staging paths in log messages become stable relative ones."""

    def __init__(self, content: Path, staging: Path | None, output_name: str) -> None:
        self.pairs = [(f"{content}{os.sep}", ""), (str(content), ".")]
        if staging is not None:
            self.pairs[:0] = [(str(staging), output_name)]

    def __call__(self, text: str) -> str:
        for old, new in self.pairs:
            text = text.replace(old, new)
        return text


def _entry(record: logging.LogRecord, files: set[str], rel: _Relativize) -> Entry:
    """A logged warning, under the file it names when it starts ``briefing: FILE: ...``."""
    message = record.getMessage()
    args = record.args if isinstance(record.args, tuple) else ()
    if args and isinstance(args[0], str):
        path = os.path.normpath(args[0]).replace(os.sep, "/")
        prefix = f"briefing: {args[0]}: "
        if path in files and message.startswith(prefix):
            return Entry(path, rel(message[len(prefix):]))
    return Entry("", rel(message))


def collect(
    generators: Iterable[Any],
    records: Iterable[logging.LogRecord],
    content: Path,
    settings: dict[str, Any],
    site: Path | None = None,
    output_name: str = "output",
) -> Report:
    """The report for one Pelican run: its generators, the log records it left, the files."""
    rel = _Relativize(Path(content), site, output_name)
    report = Report()
    published: dict[str, Any] = {}
    unpublished: dict[str, str] = {}
    folded: dict[str, Any] = {}  # file -> the primary article it was folded into
    copies: dict[str, Any] = {}  # file -> the folded article itself
    seen: set[str] = set()
    failed: set[str] = set()
    generators = list(generators)
    for gen in generators:
        context = getattr(gen, "context", {}) or {}
        for key in ("generated_content", "static_content"):
            for path, item in (context.get(key) or {}).items():
                seen.add(path)
                if item is None:  # Pelican's mark for a file it failed to process
                    failed.add(path)
        for attr in ("articles", "pages"):
            for item in getattr(gen, attr, None) or []:
                published[item.get_relative_source_path()] = item
        for attr, status in (("drafts", "draft"), ("hidden_articles", "hidden"),
                             ("draft_pages", "draft"), ("hidden_pages", "hidden")):
            for item in getattr(gen, attr, None) or []:
                primary = getattr(item, "briefing_duplicate_of", None)
                if primary is not None:  # a near-duplicate: its page points to the primary
                    folded[item.get_relative_source_path()] = primary
                    copies[item.get_relative_source_path()] = item
                    continue
                unpublished[item.get_relative_source_path()] = (
                    f"Status: {status} in its metadata, so it is not published")
    seen = {os.path.normpath(p).replace(os.sep, "/") for p in seen}
    failed = {os.path.normpath(p).replace(os.sep, "/") for p in failed}

    reasons: dict[str, str] = {}
    logged_warnings: set[tuple[str, str]] = set()
    for record in records:
        args = record.args if isinstance(record.args, tuple) else ()
        if record.msg == SKIP_MESSAGE and len(args) == 2:
            reasons[str(args[0])] = str(args[1])
        elif record.msg == WARN_MESSAGE and len(args) == 2:
            logged_warnings.add((str(args[0]), str(args[1])))
        elif record.msg == _PELICAN_FAILED and args:
            failed.add(os.path.normpath(str(args[0])).replace(os.sep, "/"))
        elif str(record.msg).startswith(_PELICAN_INVALID) and args:
            # Pelican's own validation ("could not find information about 'title'"...).
            path = _relative(str(args[0]), Path(content))
            prefix = f"Skipping {args[0]}: "
            message = record.getMessage()
            reasons[path] = message[len(prefix):] if message.startswith(prefix) else message
        elif record.levelno >= logging.ERROR:
            report.errors.append(Entry("", rel(record.getMessage())))
        elif record.levelno >= logging.WARNING:
            report.warnings.append(_entry(record, seen, rel))

    for path, item in [*published.items(), *copies.items()]:
        # moot once the files are one briefing (pipeline.py), though logged when read
        withdrawn = getattr(item, "briefing_withdrawn_warnings", None) or []
        logged_warnings -= {(path, str(w)) for w in withdrawn}
    for path, item in sorted(published.items()):
        warnings = [str(w) for w in getattr(item, "briefing_warnings", None) or []]
        report.warnings.extend(Entry(path, w) for w in warnings)
        logged_warnings -= {(path, w) for w in warnings}
        if item.__class__.__name__ == "Article":
            report.articles.append({
                "file": path,
                "title": str(item.title),
                "url": str(item.url),
                "undated": bool(getattr(item, "undated", False)),
            })
    # A warning logged for a file that never became a page still counts.
    report.warnings.extend(Entry(f, w) for f, w in logged_warnings if f not in reasons)

    groups: dict[str, dict[str, Any]] = {}
    for path, primary in sorted(folded.items()):
        key = primary.get_relative_source_path()
        group = groups.setdefault(key, {"file": key, "url": str(primary.url), "copies": []})
        group["copies"].append(path)
    report.folded = [groups[k] for k in sorted(groups)]

    for path in sorted(set(unpublished) - set(published) - set(folded)):
        report.skipped.append(Entry(path, unpublished[path]))
    accounted = set(published) | set(unpublished) | set(folded)
    for path in sorted((failed | set(reasons) | seen) - accounted):
        if path in reasons or path in failed:
            report.skipped.append(
                Entry(path, reasons.get(path, "could not be read (see the build log)")))
    readable = sorted({ext for gen in generators
                       for ext in getattr(getattr(gen, "readers", None), "extensions", [])}
                      - {"static"})  # Pelican's internal reader for static files
    kinds = ", ".join(f".{e}" for e in readable) or "article files"
    for path in content_files(Path(content), settings.get("IGNORE_FILES", [])):
        if path not in seen and path not in accounted and path not in reasons:
            ext = os.path.splitext(path)[1] or "(no extension)"
            report.skipped.append(
                Entry(path, f"not read: {ext} is not an article format (Briefing reads {kinds})"))

    counted = _count_site_data(site) if site is not None else None
    report.quotes, report.actors = counted or _count_articles(
        item for item in published.values() if item.__class__.__name__ == "Article")
    return report


def write(report: Report, site: Path) -> Path:
    path = site / REPORT_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dumps(report.to_json()), encoding="utf-8")
    return path
