"""Measure which argument frames report a stance, on PolNeAR train articles, and write them
to ``cue_frames.tsv``.

    python -m briefing.tools.frames_learn [--corpus PATH] [--out FILE]

A frame use counts as a cue when its head word lies in an annotated Cue and its argument in
that attribution's Content. A use inside another attribution's Content is not counted at
all: there it is part of that report, which the extraction keeps whole. A frame is kept
when at least ``--min-ratio`` of its uses outside quotation marks are cues and it was seen
as one at least ``--min-count`` times.
The articles are the train split minus the ones ``evaluate --unseen`` scores, so that figure
stays a held-out one.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..extract import frames
from ..extract import nlp as nlp_mod
from ..extract.quote_marks import find_quoted
from ..textformat import split_paragraphs
from . import polnear
from .evaluate import unseen_names

DEFAULT_MIN_RATIO = 0.4
DEFAULT_MIN_COUNT = 2


def _inside(off: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= off < b for a, b in spans)


def count_frames(article: polnear.Article, doc) -> tuple[Counter, Counter]:
    """(uses, cue uses) of each frame key in one article."""
    text = article.text
    quoted = [(r.start, r.end) for r in find_quoted(text, split_paragraphs(text))]
    pairs = [
        (a.cue.fragments, a.content.fragments)
        for a in article.attributions
        if a.cue is not None and a.content is not None
    ]
    contents = [a.content.fragments for a in article.attributions if a.content is not None]
    uses: Counter = Counter()
    cues: Counter = Counter()
    for f in frames.doc_frames(doc, lambda t: not _inside(t.idx, quoted)):
        if any(
            _inside(f.head.idx, cue) and _inside(f.arg.idx, content) for cue, content in pairs
        ):
            cues[f.key] += 1
        elif any(_inside(f.head.idx, content) for content in contents):
            # inside someone's reported words a frame is part of their report (PolNeAR
            # never nests contents, nor does the extraction): no chance to be a cue there
            continue
        uses[f.key] += 1
    return uses, cues


def learn(
    articles: list[polnear.Article],
    nlp,
    min_ratio: float = DEFAULT_MIN_RATIO,
    min_count: int = DEFAULT_MIN_COUNT,
) -> list[tuple[str, float, int, int]]:
    """(key, ratio, cue uses, uses) of the frames that pass, most reliable first."""
    uses: Counter = Counter()
    cues: Counter = Counter()
    for article, doc in nlp_mod.pipe_zoned(nlp, articles, lambda a: a.text):
        u, c = count_frames(article, doc)
        uses.update(u)
        cues.update(c)
    rows = [
        (key, cues[key] / n, cues[key], n)
        for key, n in uses.items()
        if cues[key] >= min_count and cues[key] / n >= min_ratio
    ]
    rows.sort(key=lambda r: (-r[1], -r[2], r[0]))
    return rows


def learning_names(corpus: str | Path) -> list[str]:
    """The train articles outside the unseen part that ``evaluate --unseen`` scores."""
    held = set(unseen_names(corpus, "train"))
    return [n for n in polnear.article_names(corpus, "train") if n not in held]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m briefing.tools.frames_learn", description=__doc__)
    ap.add_argument("--corpus", default=str(polnear.default_path()))
    ap.add_argument("--out", default=str(Path(frames.__file__).with_name(frames.FRAMES_FILE)))
    ap.add_argument("--min-ratio", type=float, default=DEFAULT_MIN_RATIO)
    ap.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT)
    ap.add_argument("--model", default=nlp_mod.DEFAULT_MODEL)
    args = ap.parse_args(argv)
    if not Path(args.corpus, "train").is_dir():
        print(f"briefing: no PolNeAR train split under {args.corpus}", file=sys.stderr)
        return 2
    names = learning_names(args.corpus)
    articles = polnear.load_split(args.corpus, "train", names=names)
    rows = learn(articles, nlp_mod.load(args.model), args.min_ratio, args.min_count)
    lines = [
        "# Frames that report a stance, measured by `python -m briefing.tools.frames_learn` on",
        f"# {len(articles)} PolNeAR train articles (min ratio {args.min_ratio}, "
        f"min count {args.min_count}).",
        "# key\tshare of uses that are an annotated cue\tcue uses\tuses",
    ]
    lines += [f"{k}\t{r:.2f}\t{c}\t{n}" for k, r, c, n in rows]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"briefing: {len(rows)} frames from {len(articles)} articles → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
