"""Extract: one article's text into an ``Extraction`` (quotes, actors, topics, a title).

Plain functions over a spaCy ``Doc``, one module per family: quote marks, cues and their
frames (``cue_frames.tsv``), quotes, actors with coreference, names, roles, titles, topics.
Pure per article, so results are cached by text. Never imports Pelican or a later stage.

``extract_many``, ``extract_text`` and ``read_text`` load lazily, so importing a vocabulary
module (``briefing.extract.roles``) does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .article import extract_many, extract_text, read_text

__all__ = ["extract_many", "extract_text", "read_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import article

        return getattr(article, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
