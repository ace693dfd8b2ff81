"""Score cross-article actor linking and event grouping on ECB+, beside plain baselines.

``python -m briefing.tools.eval_linking [--corpus PATH] [--site DIR] [--limit-topics N]
[--topics odd|even|all] [--keep] [--json]`` (what ``invoke eval-linking`` runs).

Without ``--site`` the corpus is built as a site (``BUILD_MODULE`` in a fresh process, into a
temporary folder; ``--limit-topics N`` builds only the first N topics, and ``--topics odd``
(``even``) only the topics with an odd (even) number, from copies in that folder, so nothing
is ever written into the corpus) and its ``data/articles.json`` is scored. The build folds
no near-duplicates, so every article is scored on its own. Rules are written
looking at odd topics only; even topics are the held-out part.

Scoring rules:

- Only gold mentions are scored (ECB+ annotates only some sentences), so predicted actors
  found elsewhere are never penalised.
- A gold mention takes the actor of the predicted mention its span overlaps most (any overlap
  counts). Predicted mentions are the export's ``mentions``; an export without them (older
  builds) falls back on quote speakers, and the output says so.
- Person and organisation mentions are scored separately, over named mentions only (the
  main figure: the head is a proper noun) and over all gold mentions.
- B-cubed over mentions; a mention with no predicted actor is its own predicted cluster, so
  dropping mentions is not rewarded. Coverage: share of gold mentions given an actor.
- Splits: gold entities whose matched mentions fall into 2+ actors. Merges: actors holding
  2+ gold entities. Family merges: actors holding two gold people who share a family name
  (last word of each one's longest named mention), the look-alike error linking must avoid.
  Both merge counts are also given without ECB+'s ``Singleton_`` ids: those are mentions no
  chain was drawn for, often the same person as another (two singleton "Jacob Howell"s).
- Events: precision/recall of same-event article pairs (an article with no predicted event
  pairs with none) and the adjusted Rand index (each article with no event its own group).
- Baselines, on the same texts: entities linked by their case-folded exact name string
  (named mentions only; other mentions get no actor); events by plain TF-IDF over the whole
  text and average-link clustering at a fixed cosine distance, without the gold topic.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Container, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple, TypeVar

K = TypeVar("K", bound=Hashable)

BUILD_MODULE = "briefing.build"
ARTICLES_JSON = "data/articles.json"
KINDS = ("person", "organization")
TOPIC_PARTS = ("all", "odd", "even")
# Cosine distance at which the TF-IDF baseline stops merging article groups, from a quick
# look at 0.6-0.9 on all of ECB+ (pair F1 0.74 / 0.78 / 0.66 at 0.6 / 0.7 / 0.8), not tuned.
TFIDF_DISTANCE = 0.7
SPEAKERS_ONLY = "no mentions in export (quote speakers only)"
EXPORT_MENTIONS = "export mentions"

_HERE = Path(__file__).resolve()
# Final home: plugins/briefing/tools/eval_linking.py, three folders below the repo root.
REPO = _HERE.parents[3]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ecbplus"

MentionKey = tuple[str, int, int]  # (gold file, start, end)
Span = tuple[int, int]


class EvalError(Exception):
    """A problem the user can fix (missing corpus, failed build): printed, not a traceback."""


# ---------------------------------------------------------------------------- scoring


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(
    gold: Mapping[K, Hashable], pred: Mapping[K, Hashable | None]
) -> tuple[float, float, float]:
    """B-cubed (P, R, F1) over the items of ``gold`` (item -> gold cluster).

    ``pred`` maps items to predicted clusters. Items of ``gold`` missing from ``pred`` or
    mapped to None (mentions with no predicted actor) are each their own singleton predicted
    cluster, the standard way not to reward dropping mentions. Items only in ``pred`` are
    ignored: extra predictions are never penalised. Empty gold scores (0, 0, 0).
    """
    if not gold:
        return 0.0, 0.0, 0.0
    # tagged so a predicted cluster id can never collide with an item's own singleton
    pred_of = {k: ("solo", k) if pred.get(k) is None else ("pred", pred[k]) for k in gold}
    gold_size = Counter(gold.values())
    pred_size = Counter(pred_of.values())
    both = Counter((gold[k], pred_of[k]) for k in gold)
    p = sum(both[gold[k], pred_of[k]] / pred_size[pred_of[k]] for k in gold) / len(gold)
    r = sum(both[gold[k], pred_of[k]] / gold_size[gold[k]] for k in gold) / len(gold)
    return p, r, _f1(p, r)


class SplitsMerges(NamedTuple):
    split: int  # gold entities whose matched mentions fall into 2+ predicted actors
    merged: int  # predicted actors holding 2+ gold entities
    family: int  # predicted actors holding 2+ gold people who share a family name


def splits_and_merges(
    gold: Mapping[K, str],
    pred: Mapping[K, Hashable | None],
    family: Mapping[str, str] | None = None,
    skip: Container[str] = (),
) -> SplitsMerges:
    """Count splits and merges over the items of ``gold`` (item -> gold entity).

    Only items with a predicted actor count (an entity with no matched mention is neither
    split nor merged). ``family`` maps gold entities to a family name (see ``family_names``);
    entities without one never count as a family merge. Entities in ``skip`` are left out of
    both merge counts (``evaluate`` uses it for ECB+'s unchained ``Singleton_`` ids).
    """
    actors_of: dict[str, set[Hashable]] = defaultdict(set)
    entities_of: dict[Hashable, set[str]] = defaultdict(set)
    for k, entity in gold.items():
        actor = pred.get(k)
        if actor is not None:
            actors_of[entity].add(actor)
            if entity not in skip:
                entities_of[actor].add(entity)
    split = sum(1 for actors in actors_of.values() if len(actors) >= 2)
    merged = sum(1 for entities in entities_of.values() if len(entities) >= 2)
    fam = 0
    for entities in entities_of.values():
        names = Counter(family[e] for e in entities if family and e in family)
        fam += any(n >= 2 for n in names.values())
    return SplitsMerges(split, merged, fam)


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def family_name(text: str) -> str | None:
    """Last word of a name, case-folded: ``Lindsay Lohan's`` -> ``lohan``.

    Words without a letter (``Kirkpatrick, 61``), a possessive and Jr/Sr are skipped so the
    word is the surname; None when no word is left.
    """
    words = []
    for raw in text.split():
        word = _POSSESSIVE.sub("", raw.strip(".,;:!?()[]\"“”")).strip(".,'’").casefold()
        if any(c.isalpha() for c in word) and word not in _SUFFIXES:
            words.append(word)
    return words[-1] if words else None


def family_names(mentions: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Gold entity -> family name of its longest named mention, from (entity, text) pairs
    of named person mentions (the first of equally long ones)."""
    longest: dict[str, str] = {}
    for entity, text in mentions:
        if len(text) > len(longest.get(entity, "")):
            longest[entity] = text
    names = {e: family_name(t) for e, t in longest.items()}
    return {e: n for e, n in names.items() if n}


def _pairs(counts: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pair_scores(
    gold_labels: Mapping[K, Hashable], pred_labels: Mapping[K, Hashable | None]
) -> tuple[float, float, float]:
    """Same-event pair (P, R, F1) over the documents of ``gold_labels``.

    Two documents are a predicted pair when both have the same non-None predicted label;
    documents missing from ``pred_labels`` have none. P (R) is 0 when there are no
    predicted (gold) pairs.
    """
    predicted = {d: pred_labels.get(d) for d in gold_labels}
    labelled = {d: p for d, p in predicted.items() if p is not None}
    gold_pairs = _pairs(Counter(gold_labels.values()))
    pred_pairs = _pairs(Counter(labelled.values()))
    both = _pairs(Counter((gold_labels[d], p) for d, p in labelled.items()))
    p = both / pred_pairs if pred_pairs else 0.0
    r = both / gold_pairs if gold_pairs else 0.0
    return p, r, _f1(p, r)


def adjusted_rand(
    gold_labels: Mapping[K, Hashable], pred_labels: Mapping[K, Hashable | None]
) -> float:
    """scikit-learn's adjusted Rand index over the documents of ``gold_labels``; a document
    with no predicted label (None or missing) is its own singleton group."""
    from sklearn.metrics import adjusted_rand_score

    docs = list(gold_labels)
    ids: dict[Hashable, int] = {}
    gold = [ids.setdefault(("gold", gold_labels[d]), len(ids)) for d in docs]
    pred = []
    for d in docs:
        label = pred_labels.get(d)
        pred.append(ids.setdefault(("solo", d) if label is None else ("pred", label), len(ids)))
    return float(adjusted_rand_score(gold, pred))


def align(gold: Sequence[Span], pred: Sequence[Span]) -> list[int | None]:
    """For each gold span, the index of the predicted span it overlaps most, or None when it
    overlaps none. Of equal overlaps the shortest span wins (gold ``couple`` takes ``couple``,
    not ``the couple's home``), then the first. Many gold spans may take one prediction."""
    out: list[int | None] = []
    for g_start, g_end in gold:
        best, best_rank = None, (0, 0)
        for i, (p_start, p_end) in enumerate(pred):
            overlap = min(g_end, p_end) - max(g_start, p_start)
            rank = (overlap, p_start - p_end)
            if overlap > 0 and rank > best_rank:
                best, best_rank = i, rank
        out.append(best)
    return out


def coverage(keys: Collection[K], pred: Mapping[K, Hashable | None]) -> float:
    """Share of ``keys`` given a predicted actor (0 when there are no keys)."""
    return sum(pred.get(k) is not None for k in keys) / len(keys) if keys else 0.0


def export_offset(raw: str) -> Callable[[int], int]:
    """Map offsets into a file's raw text (read with ``newline=''``, as gold offsets are)
    to the export's text of a ``.txt`` article: BOM dropped, CRLF folded to LF."""
    bom = 1 if raw.startswith("\ufeff") else 0
    crs = [m.start() for m in re.finditer("\r\n", raw)]
    return lambda i: i - (bom if i > 0 else 0) - bisect_left(crs, i)


# ---------------------------------------------------------------------------- gold and site


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    kind: str
    entity: str
    named: bool


@dataclass(frozen=True)
class GoldDoc:
    doc: str
    file: str  # "text/NAME.txt", relative to the corpus folder
    topic: str
    event: str
    mentions: tuple[GoldMention, ...]


def topic_key(topic: str) -> tuple[int, int, str]:
    """Numeric topics in numeric order (``2`` before ``10``), any others after."""
    return (0, int(topic), "") if topic.isdigit() else (1, 0, topic)


def topic_part(topics: Iterable[str], part: str) -> set[str]:
    """The ``odd`` or ``even`` numbered topics of ``topics`` (``all``: every one); topics
    that are not numbers belong to neither part."""
    if part == "all":
        return set(topics)
    want = 1 if part == "odd" else 0
    return {t for t in topics if t.isdigit() and int(t) % 2 == want}


def load_gold(corpus: Path, topics: Collection[str] | None = None) -> list[GoldDoc]:
    """The gold articles of ``corpus/gold.jsonl`` (only ``topics``, when given)."""
    path = corpus / "gold.jsonl"
    if not path.is_file():
        raise EvalError(f"ECB+ corpus not found: no {path} (give its folder with --corpus)")
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            if topics is not None and rec["topic"] not in topics:
                continue
            mentions = tuple(
                GoldMention(m["start"], m["end"], m["text"], m["kind"], m["entity"], m["named"])
                for m in rec["mentions"]
            )
            docs.append(GoldDoc(rec["doc"], rec["file"], rec["topic"], rec["event"], mentions))
    return docs


def read_texts(corpus: Path, docs: Iterable[GoldDoc]) -> dict[str, str]:
    """Each gold file's raw text, checking that the gold offsets still fit it."""
    texts = {}
    for doc in docs:
        path = corpus / doc.file
        try:
            with path.open(encoding="utf-8", newline="") as f:  # as the gold offsets were made
                text = f.read()
        except FileNotFoundError:
            raise EvalError(f"ECB+ corpus incomplete: {path} is missing") from None
        for m in doc.mentions:
            if text[m.start : m.end] != m.text:
                raise EvalError(f"gold offsets do not fit {path} at {m.start}: {m.text!r}")
        texts[doc.file] = text
    return texts


class Predictions(NamedTuple):
    mentions: dict[str, list[tuple[int, int, str]]]  # gold file -> (start, end, actor id)
    events: dict[str, str | None]  # gold file -> event id
    source: str  # EXPORT_MENTIONS, or SPEAKERS_ONLY when the export has no "mentions"


def source_to_file(source: str) -> str:
    """The gold ``file`` of an export ``source``: ``NAME.txt`` (content folder
    ``ecbplus/text``, or a copy of some of its files) -> ``text/NAME.txt``."""
    return f"text/{PurePosixPath(source).name}"


def load_predictions(articles_json: Path) -> Predictions:
    """Predicted mentions and events per gold file from a site's ``data/articles.json``.

    Mentions are the records' ``mentions`` (``{"start", "end", "actor"}``, offsets into the
    text with a BOM dropped and CRLF folded). A record without ``mentions`` (an export from
    before they existed) falls back on its quote speakers that resolve to an actor, and the
    result's ``source`` says so.
    """
    if not articles_json.is_file():
        raise EvalError(f"no {articles_json}: is that a built Briefing site?")
    records = json.loads(articles_json.read_text(encoding="utf-8"))
    mentions: dict[str, list[tuple[int, int, str]]] = {}
    events: dict[str, str | None] = {}
    speakers_only = False
    for rec in records:
        file = source_to_file(rec["source"])
        events[file] = rec.get("event")
        spans: list[tuple[int, int, str]] = []
        if "mentions" in rec:
            spans = [(m["start"], m["end"], m["actor"]) for m in rec["mentions"] if m["actor"]]
        else:
            speakers_only = True
            for q in rec.get("quotes", []):
                sp = q.get("speaker")
                if sp and sp.get("actor") and sp.get("start") is not None:
                    spans.append((sp["start"], sp["end"], sp["actor"]))
        mentions[file] = sorted(set(spans))  # a speaker may be cited by several quotes
    return Predictions(mentions, events, SPEAKERS_ONLY if speakers_only else EXPORT_MENTIONS)


def tfidf_events(texts: Mapping[K, str], threshold: float = TFIDF_DISTANCE) -> dict[K, int | None]:
    """The plain TF-IDF event baseline: documents (whole text) grouped by average-link
    clustering at cosine distance ``threshold``, no number of groups given. A group of one
    is no event, as in Briefing, where an event needs two articles."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = list(texts)
    if len(docs) < 2:
        return dict.fromkeys(docs)
    vectors = TfidfVectorizer().fit_transform([texts[d] for d in docs])  # rows L2-normalised
    distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, None)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="precomputed", linkage="average"
    ).fit_predict(distance)
    groups = labels.tolist()
    sizes = Counter(groups)
    return {d: g if sizes[g] >= 2 else None for d, g in zip(docs, groups, strict=True)}


# ---------------------------------------------------------------------------- evaluation


def _entity_figures(
    gold: Mapping[MentionKey, str],
    pred: Mapping[MentionKey, str | None],
    family: Mapping[str, str] | None,
) -> dict[str, Any]:
    p, r, f = bcubed(gold, pred)
    sm = splits_and_merges(gold, pred, family)
    # ECB+ draws no chain for a Singleton_ mention, even when another article names the same
    # person (two singleton "Jacob Howell"s), so merges are also counted without them.
    chained = splits_and_merges(gold, pred, family, {e for e in gold.values() if _unchained(e)})
    out: dict[str, Any] = {
        "precision": p, "recall": r, "f1": f, "coverage": coverage(gold, pred),
        "mentions": len(gold), "entities": len(set(gold.values())),
        "split": sm.split, "merged": sm.merged, "merged_chained": chained.merged,
    }
    if family is not None:
        out["family_merges"] = sm.family
        out["family_merges_chained"] = chained.family
    return out


def _unchained(entity: str) -> bool:
    return entity.startswith("Singleton_")


def _event_figures(gold: Mapping[str, str], pred: Mapping[str, Hashable | None]) -> dict[str, Any]:
    p, r, f = pair_scores(gold, pred)
    labels = [pred.get(d) for d in gold]
    return {
        "precision": p, "recall": r, "f1": f, "ari": adjusted_rand(gold, pred),
        "no_event": sum(label is None for label in labels),
        "events": len({label for label in labels if label is not None}),
    }


def _system(
    docs: Sequence[GoldDoc],
    actor: Mapping[MentionKey, str | None],
    family: Mapping[str, str],
    gold_events: Mapping[str, str],
    events: Mapping[str, Hashable | None],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for scope in ("named", "all"):
        out[scope] = {}
        for kind in KINDS:
            gold = {
                (d.file, m.start, m.end): m.entity
                for d in docs for m in d.mentions
                if m.kind == kind and (m.named or scope == "all")
            }
            fam = family if kind == "person" else None
            out[scope][kind] = _entity_figures(gold, actor, fam)
    out["events"] = _event_figures(gold_events, events)
    return out


def evaluate(
    corpus: Path,
    site: Path,
    topics: Collection[str] | None = None,
    threshold: float = TFIDF_DISTANCE,
) -> dict[str, Any]:
    """All figures for the site's export against the gold of ``corpus`` (only ``topics``,
    when given), beside the baselines computed on the same texts."""
    docs = load_gold(corpus, topics)
    if not docs:
        raise EvalError(f"no gold articles in {corpus / 'gold.jsonl'} for topics {topics}")
    texts = read_texts(corpus, docs)
    preds = load_predictions(site / ARTICLES_JSON)

    briefing: dict[MentionKey, str | None] = {}
    string_match: dict[MentionKey, str | None] = {}
    for d in docs:
        to_export = export_offset(texts[d.file])
        spans = preds.mentions.get(d.file, [])
        gold_spans = [(to_export(m.start), to_export(m.end)) for m in d.mentions]
        for m, hit in zip(d.mentions, align(gold_spans, [s[:2] for s in spans]), strict=True):
            key = (d.file, m.start, m.end)
            briefing[key] = spans[hit][2] if hit is not None else None
            string_match[key] = m.text.casefold() if m.named else None
    family = family_names(
        (m.entity, m.text) for d in docs for m in d.mentions if m.kind == "person" and m.named
    )
    gold_events = {d.file: d.event for d in docs}
    baseline_events = tfidf_events(texts, threshold)
    return {
        "corpus": str(corpus),
        "site": str(site),
        "articles": len(docs),
        "topics": len({d.topic for d in docs}),
        "missing_from_site": sum(d.file not in preds.events for d in docs),
        "predicted_mentions": preds.source,
        "tfidf_distance": threshold,
        "briefing": _system(docs, briefing, family, gold_events, preds.events),
        "baseline": _system(docs, string_match, family, gold_events, baseline_events),
    }


def errors(corpus: Path, site: Path, kind: str = "person", topics: Collection[str] | None = None,
           limit: int = 20) -> dict[str, list[Any]]:
    """Samples of what went wrong over named ``kind`` mentions, to read while writing rules
    (on part of the corpus): gold entities split over actors, actors holding several gold
    entities, and gold mentions no actor mention overlaps."""
    docs = load_gold(corpus, topics)
    texts = read_texts(corpus, docs)
    preds = load_predictions(site / ARTICLES_JSON)
    actors_of: dict[str, Counter[str]] = defaultdict(Counter)
    entities_of: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    missed: list[dict[str, str]] = []
    for d in docs:
        to_export = export_offset(texts[d.file])
        spans = preds.mentions.get(d.file, [])
        mentions = [m for m in d.mentions if m.kind == kind and m.named]
        gold_spans = [(to_export(m.start), to_export(m.end)) for m in mentions]
        for m, hit in zip(mentions, align(gold_spans, [s[:2] for s in spans]), strict=True):
            if hit is None:
                line = texts[d.file][max(0, m.start - 60):m.end + 60].replace("\n", " ")
                missed.append({"file": d.file, "text": m.text, "context": line})
                continue
            actor = spans[hit][2]
            actors_of[m.entity][f"{actor} ({m.text})"] += 1
            entities_of[actor][m.entity][m.text] += 1
    split = [
        {"entity": e, "actors": dict(c)} for e, c in sorted(actors_of.items())
        if len({k.split(" (")[0] for k in c}) > 1
    ]
    merged = [
        {"actor": a, "entities": {e: dict(t) for e, t in es.items()}}
        for a, es in sorted(entities_of.items())
        if len([e for e in es if not _unchained(e)]) > 1
    ]
    return {"split": split[:limit], "merged": merged[:limit], "missed": missed[:limit],
            "counts": {"split": len(split), "merged": len(merged), "missed": len(missed)}}


# ---------------------------------------------------------------------------- command line


def build_site(content: Path, workdir: Path, cache: Path | None = None) -> Path:
    """Build ``content`` into ``workdir/site`` with ``BUILD_MODULE`` in a fresh process,
    with the extraction cache ``cache`` (default: a fresh one in ``workdir``)."""
    site = workdir / "site"
    # Near-duplicates are not folded: every article is scored on its own mentions and
    # event, as the figures always were (ECB+ holds 29 pairs of reprinted copies).
    cmd = [sys.executable, "-m", BUILD_MODULE, "--content", str(content),
           "--output", str(site), "--cache-path", str(cache or workdir / "cache"),
           "--duplicate-threshold", "0"]
    env = dict(os.environ)
    plugins = REPO / "plugins"
    if plugins.is_dir():  # so the build finds the package even when it is not installed
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(plugins), env.get("PYTHONPATH")) if p)
    print(f"eval-linking: building {content} (every article is parsed; this takes a while)",
          file=sys.stderr)
    run = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0 or not (site / ARTICLES_JSON).is_file():
        tail = "\n".join((run.stdout + run.stderr).strip().splitlines()[-20:])
        raise EvalError(f"build failed ({' '.join(cmd)}), exit {run.returncode}:\n{tail}")
    return site


def _limited_content(corpus: Path, topics: Collection[str], workdir: Path) -> Path:
    """Copies of the chosen topics' articles, so the corpus itself is never written to."""
    content = workdir / "content"
    content.mkdir()
    for doc in load_gold(corpus, topics):
        shutil.copy2(corpus / doc.file, content / Path(doc.file).name)
    return content


def _fmt_prf(fig: Mapping[str, Any]) -> str:
    return f"{fig['precision']:.3f} / {fig['recall']:.3f} / {fig['f1']:.3f}"


def format_table(figures: Mapping[str, Any]) -> str:
    """The figures as the plain-text tables ``main`` prints."""
    missing = figures["missing_from_site"]
    lines = [
        f"ECB+ linking: {figures['articles']} articles, {figures['topics']} topics; "
        f"site {figures['site']}",
        f"predicted mentions: {figures['predicted_mentions']}"
        + (f"; {missing} articles missing from the site" if missing else ""),
        "B3 = B-cubed over gold mentions (a mention matched to no actor is its own cluster);",
        "cover = share of gold person mentions overlapping a predicted actor's mention;",
        "split = gold people spread over 2+ actors; 2+ ppl = actors holding 2+ gold people;",
        "family = actors holding 2 gold people who share a family name; (n) = the same without",
        "ECB+'s Singleton_ ids, which are unchained, not proof of another person.",
        "Baseline: people and organisations = same case-folded name string (named mentions",
        f"only); events = plain TF-IDF, average link, cosine distance {figures['tfidf_distance']}"
        " (no gold topic).",
    ]
    systems = (("briefing", "Briefing"), ("baseline", "baseline"))
    for scope, title in (
        ("named", "Named mentions (main figure): gold mentions whose head is a proper noun"),
        ("all", "All gold mentions: named, nominal and pronominal"),
    ):
        lines += ["", title,
                  f"{'':10}{'person B3 P / R / F1':>24}{'cover':>7}{'split':>7}{'2+ ppl':>10}"
                  f"{'family':>10}{'org B3 P / R / F1':>24}"]
        for system, label in systems:
            person = figures[system][scope]["person"]
            org = figures[system][scope]["organization"]
            merged = f"{person['merged']} ({person['merged_chained']})"
            family = f"{person['family_merges']} ({person['family_merges_chained']})"
            lines.append(f"{label:10}{_fmt_prf(person):>24}{person['coverage']:>7.3f}"
                         f"{person['split']:>7}{merged:>10}{family:>10}{_fmt_prf(org):>24}")
    lines += ["", "Events: same-event article pairs; no event = articles in no predicted event",
              f"{'':10}{'pairs P / R / F1':>24}{'ARI':>7}{'no event':>10}{'events':>8}"]
    for system, label in systems:
        ev = figures[system]["events"]
        lines.append(f"{label:10}{_fmt_prf(ev):>24}{ev['ari']:>7.3f}{ev['no_event']:>10}"
                     f"{ev['events']:>8}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.tools.eval_linking",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="ECB+ folder with gold.jsonl and text/ (default: %(default)s)")
    parser.add_argument("--site", type=Path, default=None,
                        help="an already-built site of the corpus to score (default: build one)")
    parser.add_argument("--limit-topics", type=int, default=None, metavar="N",
                        help="only the first N topics, in numeric order (a quick run)")
    parser.add_argument("--topics", choices=TOPIC_PARTS, default="all",
                        help="only the odd or even numbered topics: rules are tuned on odd, "
                        "even is held out (default: %(default)s)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary build (print its folder) to rescore with --site")
    parser.add_argument("--cache-path", type=Path, default=None,
                        help="extraction cache to build with (default: a fresh one, cold); "
                        "a kept one makes reruns after a linking change quick")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="with --site: print N sample person-linking errors (splits, "
                        "merges, missed mentions) instead of the figures")
    parser.add_argument("--record", type=Path, default=None,
                        help="write the figures to this JSON file's 'linking' section "
                        "(docs/figures.json: the README and quality floors use them)")
    args = parser.parse_args(argv)
    corpus: Path = args.corpus.resolve()
    try:
        topics = None
        if args.limit_topics is not None:
            if args.limit_topics < 1:
                raise EvalError("--limit-topics must be at least 1")
            every = sorted({d.topic for d in load_gold(corpus)}, key=topic_key)
            topics = set(every[: args.limit_topics])
        if args.topics != "all":
            every = {d.topic for d in load_gold(corpus)}
            topics = topic_part(topics if topics is not None else every, args.topics)
            if not topics:
                raise EvalError(f"no {args.topics} numbered topics to score")
        if topics is None and not (corpus / "gold.jsonl").is_file():
            load_gold(corpus)  # raises the clear "not found" error before any build
        if args.site is not None and args.errors:
            print(json.dumps(errors(corpus, args.site.resolve(), topics=topics,
                                    limit=args.errors), indent=1, ensure_ascii=False))
            return 0
        if args.site is not None:
            figures = evaluate(corpus, args.site.resolve(), topics)
        else:
            workdir = Path(tempfile.mkdtemp(prefix="eval-linking-"))
            try:
                content = (corpus / "text" if topics is None
                           else _limited_content(corpus, topics, workdir))
                site = build_site(content, workdir, args.cache_path)
                figures = evaluate(corpus, site, topics)
            finally:
                if args.keep:
                    print(f"eval-linking: kept the build in {workdir}", file=sys.stderr)
                else:
                    shutil.rmtree(workdir, ignore_errors=True)
    except EvalError as exc:
        print(f"eval-linking: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # scikit-learn is needed for ARI and the TF-IDF baseline
        print(f"eval-linking: {exc.name or exc} is not installed (pip install scikit-learn)",
              file=sys.stderr)
        return 2
    print(json.dumps(figures, indent=1, sort_keys=True) if args.json else format_table(figures))
    if args.record is not None:
        if topics is not None:
            print("eval-linking: not recording a --limit-topics or --topics run",
                  file=sys.stderr)
            return 2
        from .evaluate import record_figures

        record_figures(args.record, "linking", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
