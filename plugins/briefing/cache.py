"""Extraction cache: one JSON file per article text, under Pelican's ``CACHE_PATH``/briefing.

The key is sha256(code version, model name, text), so an edit to the article, a different
spaCy pipeline or a change to the extraction code each miss the cache instead of serving a
stale result. A corrupt entry is ignored (with a warning) and rewritten.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from .model import Extraction

logger = logging.getLogger(__name__)

FORMAT = "1"  # bump when the cached JSON layout changes


def _local_imports(path: Path) -> set[str]:
    """Names of this package's modules that ``path`` imports (``from . import x``, ``from .x``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefing."):
            names.add(node.module.split(".")[1])
    return names


def extraction_modules() -> list[str]:
    """``extract`` and every module of the package it imports, however indirectly."""
    package = Path(__file__).resolve().parent
    todo, seen = ["extract"], set()
    while todo:
        name = todo.pop()
        path = package / f"{name}.py"
        if name in seen or not path.is_file():
            continue
        seen.add(name)
        todo.extend(_local_imports(path))
    return sorted(seen)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the extraction code (``extraction_modules``): editing any of it
    invalidates cached extractions; editing the site, feeds or linking code does not (they
    run on every build anyway)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(FORMAT.encode())
    for name in extraction_modules():
        digest.update(name.encode())
        digest.update((package / f"{name}.py").read_bytes())
    for path in extraction_data():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extraction_data() -> list[Path]:
    """The measured tables extraction reads (``cue_frames.tsv``): re-measuring one changes
    what is extracted as surely as editing the code."""
    return sorted(Path(__file__).resolve().parent.glob("*.tsv"))


def key(text: str, model: str) -> str:
    digest = hashlib.sha256()
    for part in (code_version(), model, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class ExtractionCache:
    def __init__(self, folder: str | Path, model: str) -> None:
        self.folder = Path(folder)
        self.model = model
        self.hits = 0
        self.misses = 0

    def _path(self, text: str) -> Path:
        k = key(text, self.model)
        return self.folder / k[:2] / f"{k}.json"

    def get(self, text: str, path: str) -> Extraction | None:
        file = self._path(text)
        if not file.exists():
            self.misses += 1
            return None
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            extraction = Extraction.from_json(data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.warning(
                "briefing: ignored a corrupt extraction cache entry %s for %s (%s)",
                file, path, " ".join(str(exc).split()) or type(exc).__name__,
            )
            self.misses += 1
            return None
        extraction.path = path  # the same text may live under another name now
        self.hits += 1
        return extraction

    def put(self, text: str, extraction: Extraction) -> None:
        file = self._path(text)
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename: a build killed mid-write never leaves a half entry.
            fd, tmp = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(extraction), fh, ensure_ascii=False)
            os.replace(tmp, file)
        except OSError as exc:
            logger.warning("briefing: could not write the extraction cache %s (%s)", file, exc)
