"""Measure near-duplicate folding (``link/duplicates.py``) on real articles.

``python -m briefing.tools.eval_duplicates [--ecbplus DIR] [--polnear DIR] [--threshold X]
[--shingle N] [--pairs]``: what ``BRIEFING_DUPLICATE_THRESHOLD`` and the shingle size were
chosen from. Three measurements, each on the corpora as they are (nothing is written):

- **Light edits must fold.** Every article of 60 words or more (PolNeAR train and ECB+) is
  edited the way a wire story is when another outlet runs it: a new headline (the first
  paragraph replaced), another dateline and credit (``WASHINGTON (Reuters) -`` before the
  lead, a ``Reporting by`` line after the text), a paragraph cut, a paragraph from another
  article added (each at most 15% of the words), and all four at once. The share of
  edited copies that fold with their original is given by length.
- **ECB+: other reports of one event must not fold.** ECB+ gathers many outlets' reports of
  each event; apart from wire copy reprinted, they are written apart and share quotes, not
  prose. Counted: same-topic article pairs whose estimated likeness reaches 0.3 ... 0.7,
  same event or not, and the groups the detector folds (with ``--pairs``, every one).
- **PolNeAR: true duplicates.** The groups folded among its 924 articles (seven outlets).

The edits are deterministic (a fixed random seed), so the figures repeat exactly.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..link import duplicates as dup
from ..settings import DEFAULTS

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared" / "corpus"
EDITS = ("headline", "dateline", "cut", "add", "all four")
BANDS = ((60, 150), (150, 300), (300, 600), (600, None))
LEVELS = (0.3, 0.4, 0.5, 0.6, 0.7)
EDIT_SHARE = 0.15  # an added or cut paragraph is at most this share of the words
_WORD = re.compile(r"\w+")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def edit(text: str, kind: str, donors: Sequence[tuple[int, str]], rng: random.Random) -> str:
    """``text`` as another outlet might run it: ``kind`` is one of ``EDITS``; ``donors``
    are (words, paragraph) pairs from other articles, sorted by words."""
    ps = _paragraphs(text)
    n = _words(text)
    kinds = set(EDITS[:4]) if kind == "all four" else {kind}
    if "headline" in kinds:
        ps[0] = "Officials say talks will go on after a long day"
    if "dateline" in kinds:
        i = 1 if len(ps) > 1 else 0
        ps[i] = "WASHINGTON (Reuters) - " + ps[i]
        ps.append("Reporting by Jane Doe; Editing by John Roe")
    if "cut" in kinds:
        small = [i for i in range(1, len(ps)) if _words(ps[i]) <= EDIT_SHARE * n]
        if small:
            del ps[rng.choice(small)]
    if "add" in kinds:
        lo = bisect.bisect_left(donors, (5, ""))
        hi = bisect.bisect_right(donors, (int(EDIT_SHARE * n), "\U0010ffff"))
        if hi > lo:
            ps.insert(rng.randrange(1, len(ps) + 1), donors[rng.randrange(lo, hi)][1])
    return "\n\n".join(ps)


def light_edits(texts: dict[str, str], threshold: float, size: int) -> dict:
    """{edit: {band: (folded, total)}} over every text of 60 words or more."""
    rng = random.Random(7)
    slugs = sorted(s for s, t in texts.items() if _words(t) >= BANDS[0][0])
    donors = sorted((_words(p), p) for s in slugs for p in _paragraphs(texts[s]))
    out: dict = {e: {b: [0, 0] for b in BANDS} for e in EDITS}
    for slug in slugs:
        n = _words(texts[slug])
        band = next(b for b in BANDS if n >= b[0] and (b[1] is None or n < b[1]))
        copies = [(slug, texts[slug])]
        copies += [(f"{slug}#{e}", edit(texts[slug], e, donors, rng)) for e in EDITS]
        sigs = dup.signatures(copies, size)
        for e in EDITS:
            key = f"{slug}#{e}"
            folded = key in sigs and slug in sigs and sigs[slug].jaccard(sigs[key]) >= threshold
            out[e][band][0] += int(folded)
            out[e][band][1] += 1
    return out


def _ecb(root: Path) -> tuple[dict[str, str], dict[str, dict]]:
    gold = {}
    for line in (root / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            gold[Path(row["file"]).stem] = row
    texts = {s: (root / g["file"]).read_text(encoding="utf-8") for s, g in sorted(gold.items())}
    return texts, gold


def ecb_levels(texts: dict[str, str], gold: dict[str, dict], size: int) -> dict:
    """{same event?: {level: pairs at or above}} over every same-topic pair, and the totals."""
    sigs = dup.signatures(sorted(texts.items()), size)
    counts: dict = {kind: Counter() for kind in ("same event", "other event")}
    totals: Counter = Counter()
    for a, b in itertools.combinations(sorted(texts), 2):
        if gold[a]["topic"] != gold[b]["topic"]:
            continue
        kind = "same event" if gold[a]["event"] == gold[b]["event"] else "other event"
        totals[kind] += 1
        # a text too short to compare (dup.MIN_WORDS) never folds
        score = sigs[a].jaccard(sigs[b]) if a in sigs and b in sigs else 0.0
        for level in LEVELS:
            if score >= level:
                counts[kind][level] += 1
    return {"levels": counts, "totals": totals}


def _pairs(groups: list[dup.DuplicateGroup]) -> int:
    return sum(len(g.slugs) * (len(g.slugs) - 1) // 2 for g in groups)


def _band(b: tuple[int, int | None]) -> str:
    return f"{b[0]}+" if b[1] is None else f"{b[0]}-{b[1] - 1}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.tools.eval_duplicates",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--ecbplus", type=Path,
                        default=os.environ.get("BRIEFING_ECBPLUS") or SHARED / "ecbplus")
    parser.add_argument("--polnear", type=Path,
                        default=os.environ.get("BRIEFING_POLNEAR") or SHARED / "polnear")
    parser.add_argument("--threshold", type=float,
                        default=DEFAULTS["BRIEFING_DUPLICATE_THRESHOLD"])
    parser.add_argument("--shingle", type=int, default=dup.SHINGLE_WORDS)
    parser.add_argument("--pairs", action="store_true", help="list every folded group")
    args = parser.parse_args(argv)
    t, size = args.threshold, args.shingle
    print(f"threshold {t}, {size}-word shingles")

    corpus: dict[str, str] = {}
    polnear = sorted(args.polnear.glob("*/text/*.txt")) if args.polnear.is_dir() else []
    for path in polnear:
        corpus[f"polnear/{path.parent.parent.name}/{path.stem}"] = path.read_text(
            encoding="utf-8")
    ecb_texts, gold = _ecb(args.ecbplus) if (args.ecbplus / "gold.jsonl").is_file() else ({}, {})
    corpus.update({f"ecbplus/{s}": text for s, text in ecb_texts.items()})
    if not corpus:
        print("no corpus found (see --ecbplus, --polnear)")
        return 1

    print("\nLight edits folded with their original (folded / articles):")
    table = light_edits(corpus, t, size)
    print("  " + "edit".ljust(10) + "".join(f"{_band(b) + ' words':>16}" for b in BANDS))
    for e in EDITS:
        cells = "".join(f"{f'{f}/{n} {f / n:.0%}' if n else '-':>16}"
                        for f, n in (table[e][b] for b in BANDS))
        print(f"  {e:10}{cells}")

    if ecb_texts:
        levels = ecb_levels(ecb_texts, gold, size)
        print(f"\nECB+ same-topic pairs at or above each estimated likeness "
              f"({dict(levels['totals'])}):")
        for kind, counts in levels["levels"].items():
            print(f"  {kind:12}" + "".join(f"  >={lv}: {counts[lv]}" for lv in LEVELS))
        groups = dup.find_duplicates(ecb_texts.items(), threshold=t, size=size)
        events = Counter(len({gold[s]["event"] for s in g.slugs}) == 1 for g in groups)
        print(f"  folded: {len(groups)} groups, {_pairs(groups)} pairs "
              f"({events[True]} groups within one event, {events[False]} across events)")
        if args.pairs:
            for g in groups:
                sims = ", ".join(f"{s} {g.similarity[s]:.2f}" for s in g.duplicates)
                print(f"    {g.primary} <- {sims}  [{gold[g.primary]['event']}]")

    if polnear:
        texts = {k: v for k, v in corpus.items() if k.startswith("polnear/")}
        groups = dup.find_duplicates(texts.items(), threshold=t, size=size)
        print(f"\nPolNeAR ({len(texts)} articles): {len(groups)} groups folded, "
              f"{_pairs(groups)} pairs")
        for g in groups:
            sims = ", ".join(f"{s.rsplit('/', 1)[1]} {g.similarity[s]:.2f}" for s in g.duplicates)
            print(f"    {g.primary.rsplit('/', 1)[1]} <- {sims}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
