"""Near-duplicate articles: one story carried by several outlets, or fetched twice.

Wire copy is republished with light edits (a new headline, a paragraph added or cut, another
dateline or credit); the same page saved from two addresses is the same text twice. Such
copies are one story, and the site shows them as one briefing. Two outlets' own reports of
one happening are not copies, even when they quote the same words: those are an event
(``events.py``), kept as separate briefings.

A text's word shingles (runs of ``SHINGLE_WORDS`` words, case folded) are summarised by a
datasketch MinHash; MinHashLSH proposes candidate pairs and a candidate folds when its
estimated Jaccard similarity reaches the threshold (``BRIEFING_DUPLICATE_THRESHOLD``). The
shingle size and threshold were measured with ``python -m briefing.tools.eval_duplicates``:
see ``SHINGLE_WORDS`` and the setting's comment. No Pelican, no spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from datasketch import MinHash, MinHashLSH

from ..settings import DEFAULTS

# Five-word shingles: a changed word (a dateline, a credit) touches five of them, while two
# outlets' own prose shares few five-word runs beyond the quotes both carry. Measured with
# ``eval_duplicates --shingle N``: 3-word runs bring ECB+'s other reports of one event
# closer through common phrases (107 same-event pairs reach 0.3, against 80), 7-word runs
# fold fewer lightly edited short stories (70% of 60-149 words with all four edits, not 80%).
SHINGLE_WORDS = 5
# Texts shorter than this (two sentences or so) are never folded: two briefs of one story
# often share their lead sentence word for word and differ in the quote after it, and that
# is half of each; a placeholder ("Developing story.") is nobody's copy either.
MIN_WORDS = 50
# 256 permutations: the estimate's standard error is about 0.03 at a Jaccard of 0.5.
NUM_PERM = 256
# Fixed: the same content folds the same way on every build and machine.
SEED = 20240215
SCHEME = "affine32"
# LSH only proposes candidates, each then checked on its estimate: its bands are as long
# as they can be while a pair right at the threshold is still proposed with this
# probability (datasketch's own tuning, which weighs false positives as much, lost a pair
# of copies at 0.57 on ECB+).
LSH_RECALL = 0.999

_WORD = re.compile(r"\w+")

__all__ = ["DuplicateGroup", "find_duplicates", "shingles", "signatures"]


@dataclass(frozen=True)
class DuplicateGroup:
    """Copies of one story: the ``primary`` is shown, the ``duplicates`` fold into it."""

    primary: str
    duplicates: tuple[str, ...]
    # duplicate slug -> estimated Jaccard similarity with the primary's text
    similarity: Mapping[str, float] = field(default_factory=dict)

    @property
    def slugs(self) -> tuple[str, ...]:
        return (self.primary, *self.duplicates)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's runs of ``size`` words (case folded, punctuation dropped); empty when the
    text has fewer than ``MIN_WORDS`` words."""
    words = _WORD.findall(text.casefold())
    if len(words) < max(MIN_WORDS, size):
        return set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def signatures(texts: Iterable[tuple[str, str]], size: int = SHINGLE_WORDS
               ) -> dict[str, MinHash]:
    """slug -> MinHash of the text's shingles, for texts long enough to compare."""
    template = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    out: dict[str, MinHash] = {}
    for slug, text in texts:
        grams = shingles(text or "", size)
        if not grams:
            continue
        m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME,
                    permutations=template.permutations)
        m.update_batch(sorted(grams))
        out[slug] = m
    return out


def _rank(slug: str, dates: Mapping[str, str | None], lengths: Mapping[str, int]):
    """The primary sorts first: earliest dated (undated last), then the longest, then slug."""
    date = dates.get(slug)
    return (date is None, date or "", -lengths.get(slug, 0), slug)


def _bands(threshold: float) -> tuple[int, int]:
    """(bands, rows) for MinHashLSH: the longest rows with the recall wanted at the threshold."""
    for rows in range(NUM_PERM, 0, -1):
        bands = NUM_PERM // rows
        if 1 - (1 - threshold ** rows) ** bands >= LSH_RECALL:
            return bands, rows
    return NUM_PERM, 1


def _components(nodes: Iterable[str], edges: dict[str, set[str]]) -> list[list[str]]:
    seen: set[str] = set()
    out = []
    for start in sorted(nodes):
        if start in seen:
            continue
        stack, part = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            part.append(node)
            for other in sorted(edges.get(node, ())):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        out.append(sorted(part))
    return out


def find_duplicates(
    texts: Iterable[tuple[str, str]],
    dates: Mapping[str, str | None] | None = None,
    threshold: float = DEFAULTS["BRIEFING_DUPLICATE_THRESHOLD"],
    size: int = SHINGLE_WORDS,
) -> list[DuplicateGroup]:
    """Groups of near-duplicate texts among ``(slug, text)`` pairs, sorted by primary.

    ``dates``: slug -> ISO date or None, to pick each group's primary (the earliest dated,
    then the longest text, then the first slug). Every duplicate is itself similar to the
    primary (estimated Jaccard >= ``threshold``): copies linked only through a third text
    (a short excerpt of two different stories) are not folded into one. ``threshold``
    <= 0 folds nothing.
    """
    items = sorted(dict(texts).items())
    if threshold <= 0 or len(items) < 2:
        return []
    dates = dates or {}
    lengths = {slug: len(text or "") for slug, text in items}
    sigs = signatures(items, size)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=_bands(min(threshold, 1.0)))
    for slug in sorted(sigs):
        lsh.insert(slug, sigs[slug])
    similar: dict[tuple[str, str], float] = {}
    edges: dict[str, set[str]] = {}
    for slug in sorted(sigs):
        for other in sorted(lsh.query(sigs[slug])):
            if other <= slug:
                continue
            score = float(sigs[slug].jaccard(sigs[other]))
            if score >= threshold:
                similar[(slug, other)] = score
                edges.setdefault(slug, set()).add(other)
                edges.setdefault(other, set()).add(slug)

    def score(a: str, b: str) -> float | None:
        return similar.get((min(a, b), max(a, b)))

    groups: list[DuplicateGroup] = []
    pending = _components(edges, edges)
    while pending:
        part = pending.pop()
        ranked = sorted(part, key=lambda s: _rank(s, dates, lengths))
        primary = ranked[0]
        members = [s for s in ranked[1:] if score(primary, s) is not None]
        if members:
            groups.append(DuplicateGroup(
                primary, tuple(members), {s: round(score(primary, s), 4) for s in members}))
        rest = set(part) - {primary, *members}
        if len(rest) > 1:  # what only reached the primary through another copy
            sub = {s: edges.get(s, set()) & rest for s in rest}
            pending.extend(p for p in _components(rest, sub) if len(p) > 1)
    return sorted(groups, key=lambda g: g.primary)
