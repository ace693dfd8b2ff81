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

from .records import Extraction

logger = logging.getLogger(__name__)


def current_umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask

FORMAT = "1"  # bump when the cached JSON layout changes


PACKAGE = Path(__file__).resolve().parent


def _imported_files(path: Path) -> set[Path]:
    """This package's module files that ``path`` imports (relative or ``briefing.``)."""
    here = path.parent
    found: set[Path] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = here
            for _ in range(node.level - 1):
                base = base.parent
        elif (node.module or "").split(".")[0] == "briefing":
            base = PACKAGE.parent
        else:
            continue
        module = base.joinpath(*node.module.split(".")) if node.module else base
        # ``from .x import y`` may name a module y inside package x, or a name in x.
        candidates = [module.with_suffix(".py"), module / "__init__.py"]
        candidates += [module / f"{alias.name}.py" for alias in node.names]
        found.update(c for c in candidates if c.is_file())
    return found


# Settings reach extraction as values, not code: the ones that shape results (the model's
# name, the topic vocabulary) are in the key's variant, and batch sizes change nothing
# (tests/extract/test_extract_memory.py), so editing a default elsewhere keeps the cache.
_NOT_EXTRACTION_CODE = frozenset({"settings.py"})


def extraction_files() -> list[Path]:
    """Every file of ``extract/`` (code and measured tables such as ``cue_frames.tsv``) and
    every module of the package it imports, however indirectly (``records.py``,
    ``textformat.py``), but the settings' defaults."""
    extract = PACKAGE / "extract"
    seen = {p for p in extract.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    todo = [p for p in seen if p.suffix == ".py"]
    while todo:
        for dep in _imported_files(todo.pop()):
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return sorted(p for p in seen if p.suffix != ".pyc"
                  and p.relative_to(PACKAGE).as_posix() not in _NOT_EXTRACTION_CODE)


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the extraction code and data (``extraction_files``): editing any of it
    invalidates cached extractions; editing the site, feeds or linking code does not (they
    run on every build anyway)."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in extraction_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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
            # mkstemp makes it 0600; the user's umask decides, as for any file they write.
            os.chmod(tmp, 0o666 & ~current_umask())
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(extraction), fh, ensure_ascii=False)
            os.replace(tmp, file)
        except OSError as exc:
            logger.warning("briefing: could not write the extraction cache %s (%s)", file, exc)
