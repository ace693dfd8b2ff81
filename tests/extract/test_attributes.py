"""The table-driven attribute ruler gives every token what the model's ruler gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from briefing.extract import attributes

CONTENT = Path(__file__).resolve().parents[2] / "content"

# Each line is a case one of the model's patterns is there for: contractions over two
# tokens ("ai n't", "gon na", "let 's", "c'm on", "y' all"), a regex over one ("nothin'"),
# a dependency label ("there" as expletive before "is"; an auxiliary; a determiner that is
# no det), a word under a tag ("gets"/"got"), and whitespace tokens between paragraphs.
HARD = """\
"I ain't gonna quit," he said. "Let's go, y'all. C'mon, there's nothin' left."

That is what she got, and what he gets.   Those who were there were not there.

"We're done,"  the minister said.\n\n\nThey ain't.
"""


def _same_doc(nlp, text: str) -> None:
    fast = nlp(text)
    with nlp.select_pipes(disable=[attributes.NAME]):
        nlp.enable_pipe("attribute_ruler")
        try:
            slow = nlp(text)
        finally:
            nlp.disable_pipe("attribute_ruler")
    assert len(fast) == len(slow)
    for a, b in zip(fast, slow, strict=True):
        assert (a.pos_, a.tag_, str(a.morph), a.lemma_, a.dep_) == (
            b.pos_, b.tag_, str(b.morph), b.lemma_, b.dep_), (a.i, a.text)
    assert fast.to_bytes() == slow.to_bytes()


def test_the_pipeline_runs_the_table_not_the_matcher(nlp):
    assert attributes.NAME in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names  # disabled, still loaded
    assert nlp.get_pipe("attribute_ruler") is not None


def test_hard_cases_match_the_model_ruler(nlp):
    _same_doc(nlp, HARD)
    doc = nlp(HARD)
    lemmas = {t.lower_: t.lemma_ for t in doc}
    # The model's multi-token rules did apply (they are not the lemmatizer's).
    assert lemmas["gon"] == "go" and lemmas["ai"] == "be"


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*.txt")), ids=lambda p: p.name)
def test_seed_articles_match_the_model_ruler(nlp, path):
    _same_doc(nlp, path.read_text(encoding="utf-8"))


def test_polnear_sample_matches_the_model_ruler(nlp, polnear_path):
    texts = sorted((polnear_path / "dev" / "text").glob("*.txt"))[:40]
    assert texts
    for path in texts:
        _same_doc(nlp, path.read_text(encoding="utf-8"))
