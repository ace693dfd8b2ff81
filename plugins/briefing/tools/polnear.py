"""Read the PolNeAR attribution corpus (brat standoff) for evaluation.

Each article is ``{split}/text/NAME.txt`` plus one or more ``{split}/attributions/NAME_XXXX.ann``
files, one per annotator. We use one annotator file per article, picked deterministically
(the first in sorted order), so figures are reproducible. Texts are read with
``newline=''`` because brat offsets are Python string offsets into the file as it is.
"""

from __future__ import annotations

import csv
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

Fragments = tuple[tuple[int, int], ...]


@dataclass
class Span:
    id: str
    type: str  # Source, Cue, Content, Attribution
    fragments: Fragments  # (start, end) pieces; several for a discontinuous span
    text: str

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass
class Attribution:
    id: str
    content: Span | None
    cue: Span | None
    source: Span | None  # missing for some attributions


@dataclass
class Article:
    name: str
    split: str
    text: str
    ann_path: str
    attributions: list[Attribution] = field(default_factory=list)


_T_LINE = re.compile(r"^(?P<id>T\d+)\t(?P<type>\S+) (?P<frags>[\d ;]+)\t(?P<text>.*)$")
_E_LINE = re.compile(r"^(?P<id>E\d+)\t(?P<args>.*)$")


def parse_ann(ann: str) -> list[Attribution]:
    """Parse brat standoff: T-lines (spans, maybe discontinuous) and E-lines tying them."""
    spans: dict[str, Span] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in ann.splitlines():
        if not line.strip():
            continue
        m = _T_LINE.match(line)
        if m:
            frags = []
            for piece in m.group("frags").split(";"):
                a, b = piece.split()
                frags.append((int(a), int(b)))
            frags.sort()
            spans[m.group("id")] = Span(
                m.group("id"), m.group("type"), tuple(frags), m.group("text")
            )
            continue
        m = _E_LINE.match(line)
        if m:
            roles: dict[str, str] = {}
            for arg in m.group("args").split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append((m.group("id"), roles))
    out = []
    for eid, roles in events:
        out.append(
            Attribution(
                id=eid,
                content=spans.get(roles.get("Content", "")),
                cue=spans.get(roles.get("Cue", "")),
                source=spans.get(roles.get("Source", "")),
            )
        )
    return out


def default_path(repo_root: str | os.PathLike | None = None) -> Path:
    """``$BRIEFING_POLNEAR``, else ``<repo>/../shared/corpus/polnear``."""
    env = os.environ.get("BRIEFING_POLNEAR")
    if env:
        return Path(env)
    root = Path(repo_root) if repo_root else Path(__file__).resolve().parents[3]
    return (root / ".." / "shared" / "corpus" / "polnear").resolve()


def read_text(path: str | os.PathLike) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def article_names(corpus: str | os.PathLike, split: str) -> list[str]:
    text_dir = Path(corpus) / split / "text"
    return sorted(p.stem for p in text_dir.glob("*.txt"))


def ann_files(corpus: str | os.PathLike, split: str, name: str) -> list[Path]:
    """An article's annotator files, ``NAME_XXXX.ann``, sorted: one per annotator."""
    att_dir = Path(corpus) / split / "attributions"
    pattern = re.compile(re.escape(name) + r"_[^_]+\.ann\Z")
    return sorted(p for p in att_dir.glob(f"{glob_escape(name)}_*.ann") if pattern.match(p.name))


def ann_file(corpus: str | os.PathLike, split: str, name: str) -> Path | None:
    """The annotator file used for an article: the first of its ``NAME_XXXX.ann`` sorted."""
    candidates = ann_files(corpus, split, name)
    return candidates[0] if candidates else None


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def load_article(corpus: str | os.PathLike, split: str, name: str) -> Article:
    text = read_text(Path(corpus) / split / "text" / f"{name}.txt")
    ann = ann_file(corpus, split, name)
    attributions = parse_ann(read_text(ann)) if ann else []
    if ann is None:
        log.warning("briefing: no annotation file for %s/%s", split, name)
    for att in attributions:
        for span in (att.content, att.cue, att.source):
            if span and any(text[a:b] != "" and b > len(text) for a, b in span.fragments):
                log.warning("briefing: span %s of %s lies outside the text", span.id, name)
    return Article(name, split, text, str(ann) if ann else "", attributions)


def metadata(corpus: str | os.PathLike) -> dict[tuple[str, str], dict[str, str]]:
    """``metadata.tsv`` by (split, article name): publisher, date, author, the real headline
    (``title``)..."""
    path = Path(corpus) / "metadata.tsv"
    if not path.is_file():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {(row["compartment"], row["filename"]): row for row in rows}


def without_headline(text: str) -> str:
    """The article without its first line, the headline: what Briefing gets when it has to
    write the headline itself."""
    return text.partition("\n")[2].lstrip("\r\n")


def load_split(
    corpus: str | os.PathLike, split: str, limit: int | None = None, names: list[str] | None = None
) -> list[Article]:
    names = names if names is not None else article_names(corpus, split)
    if limit is not None:
        names = names[:limit]
    return [load_article(corpus, split, n) for n in names]
