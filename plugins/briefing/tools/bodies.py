"""How much of a saved page's article body the reader gets: word-level precision and recall.

    python -m briefing.tools.bodies DIR

For each ``NAME.html`` in DIR with its ``NAME.body.txt`` (the article's paragraphs as a
person reads them, without headline, byline, captions or page furniture), the page is read
with ``briefing.read.pages.read_page`` and its text scored against the expected body.

Why a bag of words: it is the usual measure of article-extraction benchmarks, and it
forgives what does not matter downstream (paragraph breaks, list dashes, table pipes,
spacing) while counting what does. Recall falls when article text is lost (a quote that
never reaches quote extraction); precision falls when furniture is taken as article text
(a "Read more" link, a caption, a newsletter box, a comment: words that quotes and actors
would then be found in). Tokens are lowercased ``\\w+`` runs counted as a multiset, so a
word the page repeats must be found as often as it is written.

A page the reader refuses (``BadArticleError``) scores 0 and is counted apart. When DIR
holds a ``manifest.json`` (``{NAME: {"title": ..., "date": ...}}``), the table also says
whether the read title and date are the manifest's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """Lowercased word tokens of ``text``, with how often each occurs."""
    return Counter(TOKEN.findall(text.lower()))


def body_scores(expected: str, got: str) -> tuple[float, float, float]:
    """Bag-of-words (precision, recall, F1) of ``got`` against ``expected``.

    Overlap is the multiset intersection: a word counts as often as both texts have it.
    Both empty is a perfect score; one empty (nothing read, or nothing expected) is 0.
    """
    want, have = tokens(expected), tokens(got)
    n_want, n_have = sum(want.values()), sum(have.values())
    if not n_want and not n_have:
        return 1.0, 1.0, 1.0
    if not n_want or not n_have:
        return 0.0, 0.0, 0.0
    common = sum((want & have).values())
    precision, recall = common / n_have, common / n_want
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def _manifest(folder: Path) -> dict[str, dict]:
    path = folder / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def score_folder(folder: Path) -> list[dict]:
    """One row per ``NAME.html`` in ``folder``: scores, refusal and (with a manifest)
    whether title and date were read as the manifest says."""
    # Imported here: the reader is the thing measured, and loading it loads trafilatura.
    from ..read.pages import read_page
    from ..read.textio import BadArticleError

    manifest = _manifest(folder)
    rows = []
    for page in sorted(folder.glob("*.html")):
        name = page.name.removesuffix(".html")
        expected = (folder / f"{name}.body.txt").read_text(encoding="utf-8")
        row: dict = {"name": name, "refused": None, "title": None, "date": None}
        try:
            read = read_page(page.read_bytes(), url=None)
        except BadArticleError as err:
            row.update(p=0.0, r=0.0, f1=0.0, refused=str(err))
            rows.append(row)
            continue
        row["p"], row["r"], row["f1"] = body_scores(expected, read.text)
        if name in manifest:
            row["title"] = read.title == manifest[name].get("title")
            row["date"] = read.date == manifest[name].get("date")
        rows.append(row)
    return rows


def _mark(ok: bool | None) -> str:
    return "-" if ok is None else ("ok" if ok else "WRONG")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing.tools.bodies",
        description="Score the article bodies read from saved pages against the expected ones.",
    )
    parser.add_argument("folder", type=Path, help="folder of NAME.html and NAME.body.txt")
    args = parser.parse_args(argv)
    rows = score_folder(args.folder)
    if not rows:
        print(f"no .html pages in {args.folder}", file=sys.stderr)
        return 0
    width = max(len(r["name"]) for r in rows)
    print(f"{'page':<{width}}  {'P':>5}  {'R':>5}  {'F1':>5}  refused  title  date")
    for r in rows:
        refused = "yes" if r["refused"] is not None else "no"
        print(f"{r['name']:<{width}}  {r['p']:5.3f}  {r['r']:5.3f}  {r['f1']:5.3f}  "
              f"{refused:<7}  {_mark(r['title']):<5}  {_mark(r['date'])}")
    n = len(rows)
    mean = {k: sum(r[k] for r in rows) / n for k in ("p", "r", "f1")}
    refused = sum(r["refused"] is not None for r in rows)
    print(f"{'mean':<{width}}  {mean['p']:5.3f}  {mean['r']:5.3f}  {mean['f1']:5.3f}  "
          f"{refused} of {n} refused (scored 0)")
    print(f"min F1 {min(r['f1'] for r in rows):.3f}")
    for r in rows:
        if r["refused"] is not None:
            print(f"refused {r['name']}: {r['refused']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
