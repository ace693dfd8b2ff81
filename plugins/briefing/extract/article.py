"""Per-article extraction: text in, quotes, actors and topics out. No Pelican import."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..records import Extraction
from ..textformat import mask_date_line, parse_text
from . import actors as actors_mod
from . import nlp as nlp_mod
from . import quotes as quotes_mod
from . import topics as topics_mod
from .titles import make_title


def read_text(path: str) -> str:
    """The file's text as the offsets contract reads it: UTF-8, ``newline=''``."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _extract_doc(
    path: str, text: str, doc, parsed, vocabulary: Mapping[str, Iterable[str]] | None,
    nlp=None,
) -> Extraction:
    quotes = quotes_mod.find_quotes(doc, parsed.paragraphs)
    quotes_mod.mark_claims(doc, quotes)
    actors = actors_mod.find_actors(doc)
    actors_mod.resolve_speakers(quotes, actors, doc)
    topics = topics_mod.find_topics(doc, actors, vocabulary)
    return Extraction(
        path=path,
        title=make_title(text, parsed, actors, nlp),
        date=parsed.date,
        quotes=quotes,
        actors=actors,
        topics=topics,
        body_start=parsed.body_start,
        warnings=list(parsed.warnings),
    )


def extract_many(
    items: Iterable[tuple[str, str]],
    nlp=None,
    batch_size: int = nlp_mod.DEFAULT_BATCH_SIZE,
    vocabulary: Mapping[str, Iterable[str]] | None = None,
    batch_chars: int = nlp_mod.DEFAULT_BATCH_CHARS,
) -> Iterator[Extraction]:
    """Extract from (path, text) pairs, parsing them in batches with ``nlp.pipe``.

    Memory is bounded by one batch, whatever the number of articles: a batch holds at most
    ``batch_size`` articles and ``batch_chars`` characters (see ``nlp.batches``), and each
    is parsed and extracted inside a spaCy memory zone, so the strings and lexemes its
    articles add to the Vocab are freed with its Docs. Extractions are plain data, made
    inside the zone; no Doc, Token or Span outlives it."""
    nlp = nlp or nlp_mod.load()

    def prepared():
        for path, text in items:
            parsed = parse_text(text)
            yield mask_date_line(text, parsed.body_start), path, text, parsed

    zoned = nlp_mod.pipe_zoned(nlp, prepared(), lambda p: p[0], batch_size, batch_chars)
    for (_, path, text, parsed), doc in zoned:
        yield _extract_doc(path, text, doc, parsed, vocabulary, nlp)


def extract_text(
    text: str,
    path: str = "",
    nlp=None,
    vocabulary: Mapping[str, Iterable[str]] | None = None,
) -> Extraction:
    return next(extract_many([(path, text)], nlp=nlp, vocabulary=vocabulary))
