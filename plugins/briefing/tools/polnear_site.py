"""PolNeAR texts as Markdown articles, to build realistic test and benchmark sites.

Each corpus text (first line: the headline, then paragraphs) becomes ``NAME.md`` with
``Title:``, ``Date:`` and ``Outlet:`` from ``metadata.tsv``. Written wherever the caller
says (a temporary folder): the corpus is read-only and never copied into the repository.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "HuffPost",
    "nyt": "The New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "The Washington Post",
    "west-journal": "The Western Journal",
}


def _metadata(corpus: Path) -> dict[tuple[str, str], dict[str, str]]:
    with open(corpus / "metadata.tsv", encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t")
        return {(r["compartment"], r["filename"]): r for r in rows}


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _texts(corpus: Path, splits: Iterable[str], limit: int):
    """(split, path, text, metadata row) of each corpus text of ``splits``, in name order
    (the first ``limit`` of each split, when ``limit`` is set)."""
    meta = _metadata(corpus)
    for split in splits:
        paths = sorted((corpus / split / "text").glob("*.txt"))
        for path in paths[:limit] if limit else paths:
            yield split, path, path.read_text(encoding="utf-8"), meta.get((split, path.stem), {})


def write_markdown(
    corpus: Path, dest: Path, splits: Iterable[str] = ("dev",), limit: int = 0
) -> list[Path]:
    """Write one Markdown article per corpus text of ``splits`` into ``dest``
    (the first ``limit`` texts of each split in name order, when ``limit`` is set)."""
    corpus, dest = Path(corpus), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for split, path, text, row in _texts(corpus, splits, limit):
        headline, _, body = text.lstrip().partition("\n")
        title = _one_line(row.get("title") or headline).rstrip(".") or path.stem
        lines = [f"Title: {title}"]
        if row.get("publication_date"):
            lines.append(f"Date: {row['publication_date']}")
        publisher = row.get("publisher", "")
        if publisher:
            lines.append(f"Outlet: {OUTLETS.get(publisher, publisher)}")
        out = dest / f"{split}-{path.stem}.md"
        out.write_text("\n".join(lines) + "\n\n" + body.strip() + "\n", encoding="utf-8")
        written.append(out)
    return written


def write_text(
    corpus: Path, dest: Path, splits: Iterable[str] = ("dev",), limit: int = 0
) -> list[Path]:
    """Write each corpus text of ``splits`` into ``dest`` as a seed-format ``.txt`` article:
    a ``date YYYY-MM-DD`` line from ``metadata.tsv`` when it has one, then the text as the
    corpus has it (its headline line first, paragraphs split by blank lines)."""
    corpus, dest = Path(corpus), Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for split, path, text, row in _texts(corpus, splits, limit):
        date = row.get("publication_date", "")
        head = f"date {date}\n\n" if date else ""
        out = dest / f"{split}-{path.stem}.txt"
        out.write_text(head + text.strip() + "\n", encoding="utf-8")
        written.append(out)
    return written
