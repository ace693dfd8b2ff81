"""Argument frames of words that may report a stance: ``railed against X``, ``critical of
X``, ``criticism of X``, ``refused to X``, ``endorsed X``.

A frame is a word's lemma, its part of speech and how its argument hangs from it (its object,
its infinitive or clause, a preposition, or the subject of a passive with a ``by`` agent).
Whether a frame reports someone's position is measured on annotated news (``frames_learn``
counts, over PolNeAR train articles, how often each frame outside quotation marks is an
annotated cue whose content is the frame's argument) and shipped as ``cue_frames.tsv``: the
rules stay general, the lexicon comes from data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: reading cached extractions never loads spaCy
    from spacy.tokens import Doc, Token

FRAMES_FILE = "cue_frames.tsv"
# Prepositions whose object can be what a stance is about. Most ``in``/``at``/``with``
# phrases say when, where or how; the measured share keeps only the frames where they don't.
PREPS = frozenset("about against of on over for to as with in from at toward towards".split())
# The argument of a frame must be a real phrase, not a pronoun standing for a clause.
_WEAK_ARGS = frozenset("it this that these those what which who whom".split())


@dataclass(frozen=True)
class Frame:
    head: Token  # the word that carries the stance
    # ``v:rail:against``, ``a:critical:of``, ``n:criticism:of``, ``v:refuse:xcomp``,
    # ``v:suspect:ccomp`` (a clause), ``v:support:pass`` (the subject of a passive)
    key: str
    arg: Token  # the head of the argument


def _lemma(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    prt = next((c for c in tok.children if c.dep_ == "prt" and c.i > tok.i), None)
    return f"{lemma}_{prt.lower_}" if prt is not None else lemma


def _prep_args(tok: Token) -> Iterator[tuple[str, Token]]:
    for prep in tok.children:
        if prep.dep_ not in ("prep", "dative") or prep.i < tok.i or prep.lower_ not in PREPS:
            continue
        obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None:
            yield prep.lower_, obj


def frames_of(tok: Token) -> list[Frame]:
    """The frames ``tok`` heads: one per argument it has."""
    out: list[Frame] = []
    pos = tok.pos_
    if pos == "VERB":
        lemma = _lemma(tok)
        passive = any(c.dep_ == "agent" for c in tok.children)
        for child in tok.children:
            if child.dep_ == "dobj" and child.i > tok.i:
                out.append(Frame(tok, f"v:{lemma}:dobj", child))
            elif child.dep_ == "xcomp" and child.i > tok.i and _infinitive(child):
                out.append(Frame(tok, f"v:{lemma}:xcomp", child))
            elif child.dep_ == "ccomp" and child.i > tok.i:
                out.append(Frame(tok, f"v:{lemma}:ccomp", child))
            elif child.dep_ == "nsubjpass" and passive:
                # ``is supported by X``: the subject is what the agent's stance is about
                out.append(Frame(tok, f"v:{lemma}:pass", child))
        for prep, obj in _prep_args(tok):
            out.append(Frame(tok, f"v:{lemma}:{prep}", obj))
    elif pos == "ADJ" and tok.dep_ in ("acomp", "amod", "oprd", "conj"):
        lemma = tok.lemma_.lower()
        for prep, obj in _prep_args(tok):
            out.append(Frame(tok, f"a:{lemma}:{prep}", obj))
        for child in tok.children:
            if child.i < tok.i:
                continue
            if child.dep_ == "ccomp":  # ``afraid that …``
                out.append(Frame(tok, f"a:{lemma}:ccomp", child))
            elif child.dep_ == "xcomp" and _infinitive(child):  # ``eager to …``
                out.append(Frame(tok, f"a:{lemma}:xcomp", child))
    elif pos == "NOUN":
        lemma = tok.lemma_.lower()
        for prep, obj in _prep_args(tok):
            out.append(Frame(tok, f"n:{lemma}:{prep}", obj))
        for child in tok.children:
            if child.dep_ == "acl" and child.i > tok.i and _infinitive(child):  # ``decision to``
                out.append(Frame(tok, f"n:{lemma}:xcomp", child))
    return [f for f in out if f.arg.lower_ not in _WEAK_ARGS and not f.arg.is_punct]


def _infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < clause.i for c in clause.children)


def doc_frames(doc: Doc, outside: Callable[[Token], bool]) -> list[Frame]:
    """Every frame whose head lies outside quotation marks."""
    return [f for tok in doc if outside(tok) for f in frames_of(tok)]


@functools.lru_cache(maxsize=1)
def learned() -> dict[str, float]:
    """The shipped frames that report a stance, with the share of their uses that do."""
    out: dict[str, float] = {}
    text = resources.files(__package__).joinpath(FRAMES_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, ratio, *_ = line.split("\t")
        out[key] = float(ratio)
    return out
