"""Extraction cache: one JSON file per article text, under Pelican's ``CACHE_PATH``/briefing.

The key is sha256(code version, model name, text), so an edit to the article, a different
spaCy pipeline or a change to the plugin's code each miss the cache instead of serving a
stale result. A corrupt entry is ignored (with a warning) and rewritten.
"""

from __future__ import annotations

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


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the plugin's source: any code change invalidates cached extractions."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
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
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(extraction), fh, ensure_ascii=False)
            os.replace(tmp, file)
        except OSError as exc:
            logger.warning("briefing: could not write the extraction cache %s (%s)", file, exc)
