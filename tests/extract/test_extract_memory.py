"""Extraction memory does not grow with the number of articles: batches are capped by
characters as well as articles, and each runs in a spaCy memory zone."""

from __future__ import annotations

import dataclasses

import pytest
from briefing.extract import article as extract_mod
from briefing.extract import nlp as nlp_mod


def test_batches_cap_items_and_chars_in_order():
    items = ["a" * n for n in (5, 5, 5, 30, 1, 1, 1, 1, 1)]
    out = list(nlp_mod.batches(items, len, max_items=3, max_chars=12))
    assert [x for batch in out for x in batch] == items  # nothing lost, order kept
    assert [[len(x) for x in batch] for batch in out] == [[5, 5], [5], [30], [1, 1, 1], [1, 1]]


def test_batches_empty():
    assert list(nlp_mod.batches([], len)) == []


ARTICLE = (
    "Senator Quillonby Varnettesh said the Zarkwood accord was dead. \"We will not sign "
    "it,\" Varnettesh told reporters in Plovdivska on Tuesday.\n\nThe Ministry of "
    "Threnody Affairs declined to comment, according to spokeswoman Ilsabeth Moracq."
)


def _plain(value) -> None:
    """Extractions are plain data: nothing from spaCy outlives the memory zone."""
    if dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            _plain(getattr(value, field.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            _plain(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _plain(key)
            _plain(item)
    else:
        assert value is None or isinstance(value, (str, int, float, bool)), type(value)


def test_extract_many_leaves_the_vocab_as_it_found_it(nlp):
    strings = len(nlp.vocab.strings)
    items = [(f"a{i}.txt", ARTICLE.replace("Zarkwood", f"Zarkwood{i}")) for i in range(3)]
    results = list(extract_mod.extract_many(items, nlp=nlp, batch_chars=300))
    assert len(results) == 3
    # Every article brought new words; none of them stayed in the shared StringStore.
    assert len(nlp.vocab.strings) == strings
    assert "Zarkwood1" not in nlp.vocab.strings
    assert not nlp.vocab.in_memory_zone
    for extraction in results:
        _plain(extraction)
    assert any(q.speaker and "Varnettesh" in q.speaker.name for q in results[0].quotes)


def test_batching_does_not_change_extractions(nlp):
    items = [(f"a{i}.txt", ARTICLE.replace("Tuesday", day)) for i, day in
             enumerate(["Monday", "Tuesday", "Friday", "Sunday"])]
    one_by_one = [dataclasses.asdict(x) for x in
                  extract_mod.extract_many(items, nlp=nlp, batch_size=1)]
    batched = [dataclasses.asdict(x) for x in
               extract_mod.extract_many(items, nlp=nlp, batch_chars=10**6)]
    assert one_by_one == batched


def test_a_failure_inside_a_batch_leaves_the_pipeline_usable(nlp, monkeypatch):
    # site._extract retries article by article after an exception: the zone must be closed.
    real = extract_mod._extract_doc
    calls = []

    def flaky(path, *args):
        calls.append(path)
        if path == "bad.txt":
            raise RuntimeError("boom")
        return real(path, *args)

    monkeypatch.setattr(extract_mod, "_extract_doc", flaky)
    items = [("good.txt", ARTICLE), ("bad.txt", ARTICLE.replace("Zarkwood", "Brennick"))]
    with pytest.raises(RuntimeError, match="boom"):
        list(extract_mod.extract_many(items, nlp=nlp))
    assert calls == ["good.txt", "bad.txt"]  # the failure came from the bad article
    assert not nlp.vocab.in_memory_zone
    assert "Brennick" not in nlp.vocab.strings
    (again,) = extract_mod.extract_many([("good.txt", ARTICLE)], nlp=nlp)
    assert again.quotes and calls[-1] == "good.txt"


def test_extract_many_inside_a_callers_zone(nlp):
    # Zones must not nest: inside the caller's zone extract_many opens none of its own.
    with nlp.memory_zone():
        (x,) = extract_mod.extract_many([("a.txt", ARTICLE)], nlp=nlp)
        assert nlp.vocab.in_memory_zone
    assert x.quotes
    assert not nlp.vocab.in_memory_zone
