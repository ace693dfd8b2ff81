"""Measure quote extraction against PolNeAR gold attributions, beside a bare baseline.

``python -m briefing.tools.evaluate [--corpus PATH] [--split dev] [--heldout train]
[--heldout-limit 200] [--unseen] [--limit N] [--errors N] [--json]``

Scoring rules (all overlaps count letters and digits only, so quotation marks, spaces and
punctuation never decide a match):

- Gold direct quotes: the quoted segments (inside quotation marks) of gold Content spans,
  found by pairing the marks inside each Content fragment. A quote that runs over paragraphs
  is scored per paragraph piece, on both sides.
- A prediction matches a gold item when their overlap is at least half their union,
  one-to-one.
- Speaker accuracy, over matched direct quotes whose gold attribution has a Source: the
  predicted mention overlaps the gold Source span. Matches with no gold Source are excluded
  (their number is reported).
- Attribution: gold = every Content span (all fragments). Predicted = one attribution per
  cue: its indirect quote and its direct quotes (``“…,” he said. “…”`` is one); direct quotes
  inside an indirect quote are part of it (a partial quote in reported speech: PolNeAR
  never nests one content in another) and are not counted again; for the same reason a
  report wholly inside a longer one is not counted.
- Human agreement, for scale: on articles with two annotator files, the second annotator's
  Content spans scored as predictions against the first's, with the same matching.
- Baseline: a bare quotation-mark regex for direct quotes, speaker = the nearest PERSON/ORG
  entity before the quote in its sentence, no indirect speech.

Headlines: each article is extracted as the site extracts it, without its first line (the
headline), and the headline Briefing writes is scored against the real one (PolNeAR's
``metadata.tsv``) with rouge-score: ROUGE-1 and ROUGE-L F, averaged over articles
(lower-cased words, no stemming: the library's defaults). Baseline: the lead's first 12
words, scored the same way in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..extract import nlp as nlp_mod
from ..extract.article import extract_many
from ..extract.quotes import find_quotes
from ..records import Quote, Speaker
from ..textformat import parse_text, split_paragraphs
from . import polnear

Intervals = tuple[tuple[int, int], ...]
HELDOUT_SEED = 20180507  # fixed: the held-out sample must not change between runs
MATCH_THRESHOLD = 0.5

_DOUBLE = re.compile(r"''|[\"“”„«»]")
_PARA_BREAK = re.compile(r"\n[ \t]*\n")


# ---------------------------------------------------------------------------- overlap


class Alnum:
    """Prefix counts of letters/digits, for overlap in O(1) per interval."""

    def __init__(self, text: str):
        acc = [0]
        for ch in text:
            acc.append(acc[-1] + (1 if ch.isalnum() else 0))
        self.acc = acc

    def count(self, spans: Intervals) -> int:
        return sum(self.acc[e] - self.acc[s] for s, e in spans)

    def inter(self, a: Intervals, b: Intervals) -> int:
        total = 0
        for s1, e1 in a:
            for s2, e2 in b:
                s, e = max(s1, s2), min(e1, e2)
                if e > s:
                    total += self.acc[e] - self.acc[s]
        return total

    def ratio(self, a: Intervals, b: Intervals) -> float:
        i = self.inter(a, b)
        u = self.count(a) + self.count(b) - i
        return i / u if u else 0.0


def match(al: Alnum, gold: list[Intervals], pred: list[Intervals]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs overlapping ≥ half their union, best first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g[-1][1] <= p[0][0] or p[-1][1] <= g[0][0]:
                continue
            r = al.ratio(g, p)
            if r >= MATCH_THRESHOLD:
                pairs.append((r, gi, pi))
    pairs.sort(reverse=True)
    used_g, used_p, out = set(), set(), []
    for _r, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


# ---------------------------------------------------------------------------- gold


def _split_paragraph_pieces(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out, pos = [], s
    for m in _PARA_BREAK.finditer(text, s, e):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, e))
    return [(a, b) for a, b in out if b > a]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and not text[s].isalnum() and text[s] not in "$£€%(":
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in ".?!%)":
        e -= 1
    return s, e


def _family(mark: str) -> str:
    return "straight" if mark in ('"', "''") else "curly"


def gold_quote_segments(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Quoted segments of one Content piece (within a paragraph), by pairing its marks.

    Deliberately simpler than the system's mark reader: the annotators' Content boundaries
    already tell where a quote is, so a mark left unpaired inside the piece runs to the
    piece's edge.
    """
    marks = [(m.start(), len(m.group()), _family(m.group())) for m in _DOUBLE.finditer(text, s, e)]
    segs: list[tuple[int, int]] = []
    i = 0
    while i < len(marks):
        pos, w, fam = marks[i]
        j = next((k for k in range(i + 1, len(marks)) if marks[k][2] == fam), None)
        if j is not None:
            segs.append((pos + w, marks[j][0]))
            i = j + 1
            continue
        # unpaired: a closing mark near the end means the quote began before the piece
        before = text[s:pos]
        if any(c.isalnum() for c in before) and not any(c.isalnum() for c in text[pos + w : e]):
            segs.append((s, pos))
        else:
            segs.append((pos + w, e))
            break  # it runs to the end of the piece, over any marks nested in it
        i += 1
    if not marks:
        segs.extend(_single_segments(text, s, e))
    out = []
    for a, b in segs:
        a, b = _trim(text, a, b)
        if b > a and any(c.isalnum() for c in text[a:b]):
            out.append((a, b))
    return out


_SINGLE_OPEN = re.compile(r"(?<![\w’'])[‘'](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])[’'](?![\w])")


def _single_segments(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    pos = s
    while True:
        o = _SINGLE_OPEN.search(text, pos, e)
        if not o:
            break
        c = _SINGLE_CLOSE.search(text, o.end(), e)
        if not c:
            break
        out.append((o.end(), c.start()))
        pos = c.end()
    return out


def _join_fragments(text: str, fragments: Intervals) -> list[tuple[int, int]]:
    """Fragments with nothing but spaces or marks between them are one piece: annotators
    sometimes split a Content inside a quote."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(fragments):
        if out and not any(c.isalnum() for c in text[out[-1][1] : s]):
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


@dataclass
class GoldDirect:
    span: Intervals
    source: Intervals | None


@dataclass
class Gold:
    direct: list[GoldDirect] = field(default_factory=list)
    contents: list[Intervals] = field(default_factory=list)


def gold_for(article: polnear.Article) -> Gold:
    gold = Gold()
    text = article.text
    for att in article.attributions:
        if att.content is None:
            continue
        gold.contents.append(att.content.fragments)
        source = att.source.fragments if att.source else None
        for fs, fe in _join_fragments(text, att.content.fragments):
            for ps, pe in _split_paragraph_pieces(text, fs, fe):
                for a, b in gold_quote_segments(text, ps, pe):
                    gold.direct.append(GoldDirect(((a, b),), source))
    gold.direct.sort(key=lambda g: g.span)
    return gold


# ---------------------------------------------------------------------------- systems


def baseline_quotes(doc, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """A bare regex for quotation marks; speaker = nearest PERSON/ORG entity before the
    quote in its sentence."""
    text = doc.text
    out = []
    for m in re.finditer(r"“([^”]+)”|\"([^\"]+)\"", text):
        g = 1 if m.group(1) is not None else 2
        s, e = m.start(g), m.end(g)
        speaker = None
        span = doc.char_span(m.start(), m.start() + 1, alignment_mode="expand")
        if span is not None:
            sent = span[0].sent
            ents = [x for x in sent.ents if x.label_ in ("PERSON", "ORG") and x.end_char <= s]
            if ents:
                x = ents[-1]
                speaker = Speaker(x.text, x.start_char, x.end_char)
        out.append(Quote(text[s:e], s, e, "direct", speaker=speaker))
    return out


def _pieces(text: str, q: Quote) -> list[tuple[int, int]]:
    out = []
    for a, b in _split_paragraph_pieces(text, q.start, q.end):
        a, b = _trim(text, a, b)
        if b > a:
            out.append((a, b))
    return out


def attribution_units(al: Alnum, quotes: list[Quote]) -> list[Intervals]:
    """Predicted attributions, one per cue as in PolNeAR (one cue, one content of one or
    more fragments): a cue's indirect quote with the direct quotes it cues outside it, or
    its direct quotes alone. A quote inside reported speech (``lauded him for helping
    develop “new ideas”``) is part of that report whichever cue the quote itself hangs
    from: PolNeAR never nests one content in another."""
    units: list[list[tuple[int, int]]] = []
    by_cue: dict[int, list[tuple[int, int]]] = {}
    for q in quotes:
        if q.kind == "indirect":
            units.append([(q.start, q.end)])
            if q.cue_start is not None:
                by_cue.setdefault(q.cue_start, units[-1])
    indirect = [tuple(u) for u in units]
    groups: dict[object, list[tuple[int, int]]] = {}
    for n, q in enumerate(quotes):
        if q.kind != "direct":
            continue
        key = q.cue_start if q.cue_start is not None else ("alone", n)
        groups.setdefault(key, []).append((q.start, q.end))
    for key, spans in groups.items():
        iv = tuple(sorted(spans))
        if any(al.inter(iv, ind) >= 0.5 * al.count(iv) for ind in indirect):
            continue
        if key in by_cue:
            by_cue[key].extend(iv)  # ``said the plan was dead. “It is over,” …``
        else:
            units.append(list(iv))
    merged = [tuple(sorted(u)) for u in units]
    # A report wholly inside a longer one (``IRNA reported that the Emir said …``) is kept
    # on a briefing page, but PolNeAR annotates only the outer report.
    sizes = [al.count(u) for u in merged]
    return [
        u
        for i, u in enumerate(merged)
        if not any(
            sizes[j] > sizes[i] and al.inter(u, v) >= sizes[i] for j, v in enumerate(merged)
        )
    ]


# ---------------------------------------------------------------------------- scoring


@dataclass
class Counts:
    direct_tp: int = 0
    direct_pred: int = 0
    direct_gold: int = 0
    speaker_ok: int = 0
    speaker_n: int = 0
    speaker_no_gold: int = 0
    att_tp: int = 0
    att_pred: int = 0
    att_gold: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for k in self.__dataclass_fields__:
            if k == "errors":
                self.errors.extend(other.errors)
            else:
                setattr(self, k, getattr(self, k) + getattr(other, k))

    def figures(self) -> dict[str, float | int]:
        def prf(tp, pred, gold):
            p = tp / pred if pred else 0.0
            r = tp / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return p, r, f

        dp, dr, df = prf(self.direct_tp, self.direct_pred, self.direct_gold)
        ap, ar, af = prf(self.att_tp, self.att_pred, self.att_gold)
        return {
            "direct_precision": round(dp, 4),
            "direct_recall": round(dr, 4),
            "direct_f1": round(df, 4),
            "direct_gold": self.direct_gold,
            "direct_predicted": self.direct_pred,
            "speaker_accuracy": round(self.speaker_ok / self.speaker_n, 4)
            if self.speaker_n
            else 0.0,
            "speaker_scored": self.speaker_n,
            "speaker_excluded_no_gold_source": self.speaker_no_gold,
            "attribution_precision": round(ap, 4),
            "attribution_recall": round(ar, 4),
            "attribution_f1": round(af, 4),
            "attribution_gold": self.att_gold,
            "attribution_predicted": self.att_pred,
        }


def _snippet(text: str, spans: Intervals, width: int = 160) -> str:
    s, e = spans[0][0], spans[-1][1]
    out = text[s:e]
    if len(out) > width:
        out = out[: width // 2] + " … " + out[-width // 2 :]
    return out.replace("\n", " ⏎ ")


def score_article(article: polnear.Article, quotes: list[Quote], gold: Gold) -> Counts:
    text = article.text
    al = Alnum(text)
    c = Counts()
    # direct quotes, per paragraph piece
    pred_pieces: list[tuple[Intervals, Quote]] = []
    for q in quotes:
        if q.kind == "direct":
            for a, b in _pieces(text, q):
                pred_pieces.append((((a, b),), q))
    gspans = [g.span for g in gold.direct]
    pairs = match(al, gspans, [p for p, _ in pred_pieces])
    c.direct_gold, c.direct_pred, c.direct_tp = len(gspans), len(pred_pieces), len(pairs)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, pi in pairs:
        g, (_, q) = gold.direct[gi], pred_pieces[pi]
        if g.source is None:
            c.speaker_no_gold += 1
            continue
        c.speaker_n += 1
        sp = q.speaker
        ok = (
            sp is not None
            and sp.start is not None
            and any(sp.start < e and s < sp.end for s, e in g.source)
        )
        if ok:
            c.speaker_ok += 1
        else:
            c.errors.append(
                {
                    "kind": "speaker",
                    "article": article.name,
                    "quote": _snippet(text, g.span, 80),
                    "gold": " … ".join(text[s:e] for s, e in g.source),
                    "predicted": sp.name if sp else None,
                    "cue": q.cue,
                }
            )
    for gi, g in enumerate(gold.direct):
        if gi not in matched_g:
            c.errors.append(
                {"kind": "direct miss", "article": article.name, "text": _snippet(text, g.span)}
            )
    for pi, (span, q) in enumerate(pred_pieces):
        if pi not in matched_p:
            c.errors.append(
                {
                    "kind": "direct false alarm",
                    "article": article.name,
                    "text": _snippet(text, span),
                    "cue": q.cue,
                }
            )
    # attributions
    units = attribution_units(al, quotes)
    apairs = match(al, gold.contents, units)
    c.att_gold, c.att_pred, c.att_tp = len(gold.contents), len(units), len(apairs)
    mg = {gi for gi, _ in apairs}
    mp = {pi for _, pi in apairs}
    for gi, g in enumerate(gold.contents):
        if gi not in mg:
            c.errors.append(
                {"kind": "attribution miss", "article": article.name, "text": _snippet(text, g)}
            )
    for pi, u in enumerate(units):
        if pi not in mp:
            c.errors.append(
                {
                    "kind": "attribution false alarm",
                    "article": article.name,
                    "text": _snippet(text, u),
                }
            )
    return c


System = Callable[[object, list[tuple[int, int]]], list[Quote]]


def evaluate_articles(
    articles: list[polnear.Article], nlp=None, batch_size: int = nlp_mod.DEFAULT_BATCH_SIZE
) -> dict[str, Counts]:
    nlp = nlp or nlp_mod.load()
    systems: dict[str, System] = {"system": find_quotes, "baseline": baseline_quotes}
    totals = {name: Counts() for name in systems}
    for article, doc in nlp_mod.pipe_zoned(nlp, articles, lambda a: a.text, batch_size):
        gold = gold_for(article)
        paragraphs = split_paragraphs(article.text)
        for name, fn in systems.items():
            totals[name].add(score_article(article, fn(doc, paragraphs), gold))
    return totals


# ---------------------------------------------------------------------------- headlines

BASELINE_WORDS = 12  # the lead's first words: the headline to beat


def lead_words(text: str, n: int = BASELINE_WORDS) -> str:
    """The baseline headline: the first ``n`` words of the lead (the first paragraph)."""
    paragraphs = parse_text(text).paragraphs
    if not paragraphs:
        return ""
    start, end = paragraphs[0]
    return " ".join(text[start:end].split()[:n])


@dataclass
class HeadlineScores:
    """Per-article ROUGE F of Briefing's headlines and the baseline's."""

    rouge1: dict[str, list[float]] = field(default_factory=lambda: {"system": [],
                                                                      "baseline": []})
    rougeL: dict[str, list[float]] = field(default_factory=lambda: {"system": [],
                                                                      "baseline": []})
    examples: list[dict] = field(default_factory=list)

    def figures(self, name: str) -> dict[str, float]:
        n = len(self.rouge1[name])
        return {
            "rouge1_f": round(sum(self.rouge1[name]) / n, 4) if n else 0.0,
            "rougeL_f": round(sum(self.rougeL[name]) / n, 4) if n else 0.0,
            "articles": n,
        }


def evaluate_headlines(
    articles: list[polnear.Article], gold: dict[str, str], nlp=None,
    batch_size: int = nlp_mod.DEFAULT_BATCH_SIZE,
) -> HeadlineScores:
    """Briefing's headline for each article without its headline line, beside the lead's
    first words, against the real headline (``gold``: article name -> headline)."""
    try:
        from rouge_score import rouge_scorer
    except ImportError as exc:  # the eval extra: pip install -e '.[eval]'
        raise SystemExit("briefing: scoring headlines needs rouge-score (pip install -e "
                         "'.[eval]'; ./dev.sh installs it), or pass --no-headlines") from exc
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"])
    scores = HeadlineScores()
    items = [(a.name, polnear.without_headline(a.text)) for a in articles if a.name in gold]
    for (name, body), extraction in zip(
            items, extract_many(items, nlp=nlp, batch_size=batch_size), strict=True):
        for system, headline in (("system", extraction.title), ("baseline", lead_words(body))):
            got = scorer.score(gold[name], headline)
            scores.rouge1[system].append(got["rouge1"].fmeasure)
            scores.rougeL[system].append(got["rougeL"].fmeasure)
        scores.examples.append({"article": name, "gold": gold[name], "headline":
                                extraction.title, "rouge1_f": round(scores.rouge1["system"][-1],
                                                                    4)})
    return scores


def _headline_table(label: str, scores: HeadlineScores) -> str:
    rows = [f"headlines, {label} ({len(scores.rouge1['system'])} articles, headline line "
            "removed)", f"  {'':22} {'ROUGE-1 F':>9} {'ROUGE-L F':>9}"]
    for name, title in (("system", "Briefing"), ("baseline", f"lead, first {BASELINE_WORDS} "
                                                             "words")):
        f = scores.figures(name)
        rows.append(f"  {title:22} {f['rouge1_f']:9.3f} {f['rougeL_f']:9.3f}")
    return "\n".join(rows)


def heldout_names(corpus: str | os.PathLike, split: str, limit: int) -> list[str]:
    names = polnear.article_names(corpus, split)
    if limit >= len(names):
        return names
    return sorted(random.Random(HELDOUT_SEED).sample(names, limit))


# How many of the articles outside the sample are kept unseen; ``frames_learn`` measures its
# stance frames on the others.
UNSEEN_LIMIT = 320
HELDOUT_LIMIT = 200


def unseen_names(
    corpus: str | os.PathLike, split: str, limit: int = HELDOUT_LIMIT
) -> list[str]:
    """A fixed part of the articles outside the sample: never read while writing rules and
    never counted by ``frames_learn``."""
    taken = set(heldout_names(corpus, split, limit))
    rest = [n for n in polnear.article_names(corpus, split) if n not in taken]
    if len(rest) <= UNSEEN_LIMIT:
        return rest
    return sorted(random.Random(HELDOUT_SEED + 1).sample(rest, UNSEEN_LIMIT))


# ---------------------------------------------------------------------------- CLI


def agreement(corpus: str | os.PathLike, splits: Iterable[str]) -> tuple[int, Counts]:
    """How far two annotators agree on Content spans: (articles, counts), the second
    annotator's spans scored as predictions against the first's."""
    n, counts = 0, Counts()
    for split in splits:
        for name in polnear.article_names(corpus, split):
            files = polnear.ann_files(corpus, split, name)
            if len(files) < 2:
                continue
            al = Alnum(polnear.read_text(Path(corpus) / split / "text" / f"{name}.txt"))
            first, second = (
                [a.content.fragments for a in polnear.parse_ann(polnear.read_text(f)) if a.content]
                for f in files[:2]
            )
            n += 1
            counts.att_tp += len(match(al, first, second))
            counts.att_pred += len(second)
            counts.att_gold += len(first)
    return n, counts


def _table(label: str, totals: dict[str, Counts], n_articles: int) -> str:
    rows = [f"{label} ({n_articles} articles)"]
    head = (
        f"  {'':9} {'direct P':>8} {'R':>6} {'F1':>6}  {'speaker':>7} {'(n)':>6}"
        f"  {'attrib P':>8} {'R':>6} {'F1':>6}"
    )
    rows.append(head)
    for name, cnt in totals.items():
        f = cnt.figures()
        rows.append(
            f"  {name:9} {f['direct_precision']:8.3f} {f['direct_recall']:6.3f} "
            f"{f['direct_f1']:6.3f}  {f['speaker_accuracy']:7.3f} {f['speaker_scored']:>6}"
            f"  {f['attribution_precision']:8.3f} {f['attribution_recall']:6.3f} "
            f"{f['attribution_f1']:6.3f}"
        )
    f = totals["system"].figures()
    rows.append(
        f"  gold: {f['direct_gold']} direct quotes, {f['attribution_gold']} attributions; "
        f"{f['speaker_excluded_no_gold_source']} matched quotes without a gold Source "
        f"excluded from speaker accuracy"
    )
    return "\n".join(rows)


def _print_errors(label: str, errors: list[dict], n: int) -> None:
    by_kind: dict[str, list[dict]] = {}
    for e in errors:
        by_kind.setdefault(e["kind"], []).append(e)
    rng = random.Random(HELDOUT_SEED)
    for kind, items in sorted(by_kind.items()):
        print(f"\n## {label}: {kind} ({len(items)}), sample of {min(n, len(items))}")
        for e in rng.sample(items, min(n, len(items))):
            rest = {k: v for k, v in e.items() if k not in ("kind",)}
            print("  - " + json.dumps(rest, ensure_ascii=False))


def record_figures(path: Path, section: str, figures: dict) -> None:
    """Set one section of the recorded-figures file, keeping the others (``eval`` writes
    ``quotes``, ``eval-linking`` writes ``linking``)."""
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    data[section] = figures
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"briefing: recorded the {section} figures in {path}")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing.tools.evaluate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", default=None, help="PolNeAR root (env BRIEFING_POLNEAR)")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--heldout", default=None, help="a second split scored as held-out")
    parser.add_argument("--heldout-limit", type=int, default=HELDOUT_LIMIT)
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="also score a fixed part of the held-out split outside the sample: the "
        "sample's errors were read while writing rules and frames_learn counts the rest, "
        "these never were",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N articles per split")
    parser.add_argument("--errors", type=int, default=0, help="print N sample errors per kind")
    parser.add_argument(
        "--no-headlines", action="store_true",
        help="skip the headline scores (they extract every article again, without its "
        "headline line)",
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--model", default=nlp_mod.DEFAULT_MODEL)
    parser.add_argument("--batch-size", type=int, default=nlp_mod.DEFAULT_BATCH_SIZE)
    parser.add_argument(
        "--record", type=Path, default=None,
        help="write the system's figures to this JSON file (docs/figures.json): the README "
        "quotes them and the quality-floor tests hold the code to them",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)

    corpus = Path(args.corpus) if args.corpus else polnear.default_path()
    if not (corpus / args.split / "text").is_dir():
        print(f"briefing: no PolNeAR {args.split} split under {corpus}", file=sys.stderr)
        return 2
    try:
        nlp = nlp_mod.load(args.model)
    except nlp_mod.ModelMissingError as exc:
        print(exc, file=sys.stderr)
        return 2

    runs = [(args.split, polnear.article_names(corpus, args.split))]
    labels = {args.split: args.split}
    if args.heldout:
        sample = heldout_names(corpus, args.heldout, args.heldout_limit)
        runs.append((args.heldout, sample))
        labels[args.heldout] = f"{args.heldout} (sample)"
        if args.unseen:
            runs.append((args.heldout, unseen_names(corpus, args.heldout, args.heldout_limit)))
    seen: set[str] = set()
    report: dict[str, dict] = {}
    titles = {} if args.no_headlines else polnear.metadata(corpus)
    for split, names in runs:
        if args.limit is not None:
            names = names[: args.limit]
        t0 = time.time()
        articles = polnear.load_split(corpus, split, names=names)
        totals = evaluate_articles(articles, nlp=nlp, batch_size=args.batch_size)
        label = labels[split] if split not in seen else f"{split} (unseen)"
        seen.add(split)
        report[label] = {
            "articles": len(articles),
            "seconds": round(time.time() - t0, 1),
            **{name: cnt.figures() for name, cnt in totals.items()},
        }
        if not args.json:
            print(_table(label, totals, len(articles)))
            print(f"  ({report[label]['seconds']} s)\n")
            if args.errors:
                _print_errors(label, totals["system"].errors, args.errors)
                print()
        gold = {a.name: titles[(split, a.name)]["title"] for a in articles
                if (split, a.name) in titles}
        if gold:
            t0 = time.time()
            heads = evaluate_headlines(articles, gold, nlp=nlp, batch_size=args.batch_size)
            report[label]["headlines"] = {
                "system": heads.figures("system"), "baseline": heads.figures("baseline"),
                "seconds": round(time.time() - t0, 1),
            }
            if not args.json:
                print(_headline_table(label, heads))
                print(f"  ({report[label]['headlines']['seconds']} s)\n")
                if args.errors:
                    worst = sorted(heads.examples, key=lambda e: e["rouge1_f"])
                    print(f"## {label}: lowest-scoring headlines, {args.errors} of "
                          f"{len(worst)}")
                    for e in worst[: args.errors]:
                        print("  - " + json.dumps(e, ensure_ascii=False))
                    print()
    n_double, human = agreement(corpus, dict.fromkeys(split for split, _ in runs))
    fig = {k: v for k, v in human.figures().items() if k.startswith("attribution")}
    if n_double:
        if not args.json:
            print(
                f"human agreement ({n_double} articles with two annotators)\n"
                f"  attribution P {fig['attribution_precision']:.3f}  "
                f"R {fig['attribution_recall']:.3f}  F1 {fig['attribution_f1']:.3f}"
            )
    if args.record is not None:
        record_figures(args.record, "quotes", {
            label: {k: round(v, 4) for k, v in res["system"].items() if isinstance(v, float)}
            for label, res in report.items()
        })
        heads = {label: {"briefing": res["headlines"]["system"],
                         "baseline": res["headlines"]["baseline"]}
                 for label, res in report.items() if "headlines" in res}
        if heads:
            record_figures(args.record, "headlines", heads)
    if args.json:
        out = {"corpus": str(corpus), "results": report}
        out["human_agreement"] = {"articles": n_double, **fig}
        print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
