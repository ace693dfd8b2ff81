"""Stance frames: how they are read off the parse, measured on annotations, and used as cues."""

from __future__ import annotations

import pytest
from briefing import frames, frames_learn, polnear
from briefing.quotes import find_quotes
from briefing.textformat import split_paragraphs


def keys(nlp, text: str) -> set[str]:
    doc = nlp(text)
    return {f.key for f in frames.doc_frames(doc, lambda t: True)}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Trump has railed against the special-interest provisions.", "v:rail:against"),
        ("Graham has been critical of Trump.", "a:critical:of"),
        ("The intense criticism of Matt Lauer grew.", "n:criticism:of"),
        ("Trump refused to release his tax returns.", "v:refuse:xcomp"),
        ("Clinton endorsed the plan.", "v:endorse:dobj"),
        ("Politifact then pointed out the error.", "v:point_out:dobj"),
    ],
)
def test_frame_keys(nlp, text, key):
    assert key in keys(nlp, text)


def test_pronoun_standing_for_a_clause_is_no_argument(nlp):
    assert "v:rail:against" not in keys(nlp, "She railed against it.")


def test_shipped_table_is_well_formed():
    table = frames.learned()
    assert len(table) > 100
    assert all(frames_learn.DEFAULT_MIN_RATIO <= r <= 1 for r in table.values())
    assert all(k.split(":")[0] in ("v", "a", "n") and k.count(":") == 2 for k in table)
    # measured, not hand-picked: the clear cases are in, plain narration is not
    assert {"v:rail:against", "v:criticize:dobj", "a:critical:of"} <= set(table)
    assert not {"v:win:dobj", "v:take:dobj", "v:go:to"} & set(table)


def _article(text: str, marks: list[tuple[str, str]]) -> polnear.Article:
    """An annotated article: each (cue, content) pair is found in ``text`` by its words."""
    atts = []
    for n, (cue, content) in enumerate(marks):
        cs, ks = text.index(cue), text.index(content)
        atts.append(
            polnear.Attribution(
                f"E{n}",
                polnear.Span(f"C{n}", "Content", ((ks, ks + len(content)),), content),
                polnear.Span(f"Q{n}", "Cue", ((cs, cs + len(cue)),), cue),
                None,
            )
        )
    return polnear.Article("x", "train", text, "x.ann", atts)


def test_counting_uses_and_cue_uses(nlp):
    text = (
        "Smith railed against the new tax.\n\n"
        "Jones railed against the cold wind.\n\n"
        "“We railed against the plan,” Lee said."
    )
    art = _article(text, [("railed against", "the new tax")])
    uses, cues = frames_learn.count_frames(art, nlp(text))
    # two uses outside quotation marks; the one inside a quote is someone's words
    assert uses["v:rail:against"] == 2
    assert cues["v:rail:against"] == 1


def test_a_cue_whose_content_is_elsewhere_does_not_count(nlp):
    text = "Smith railed against the new tax, and critics said the plan was bad."
    art = _article(text, [("railed against", "the plan was bad")])
    _, cues = frames_learn.count_frames(art, nlp(text))
    assert cues["v:rail:against"] == 0


def test_a_use_inside_someone_else_s_report_is_not_counted(nlp):
    text = "Smith said Jones railed against the new tax.\n\nLee railed against the old law."
    art = _article(text, [("said", "Jones railed against the new tax")])
    uses, cues = frames_learn.count_frames(art, nlp(text))
    # the first use is part of Smith's report and could never be a cue of its own
    assert (uses["v:rail:against"], cues["v:rail:against"]) == (1, 0)


def test_learn_keeps_frames_above_the_ratio(nlp):
    texts = [
        ("Smith railed against the new tax.", [("railed against", "the new tax")]),
        ("Jones railed against the old law.", [("railed against", "the old law")]),
        ("Kim walked to the store.", []),
        ("Lee walked to the park.", []),
    ]
    arts = [_article(t, m) for t, m in texts]
    rows = frames_learn.learn(arts, nlp, min_ratio=0.5, min_count=2)
    assert [r[0] for r in rows] == ["v:rail:against"]
    assert rows[0][1:] == (1.0, 2, 2)


def _indirect(nlp, text):
    doc = nlp(text)
    return [q for q in find_quotes(doc, split_paragraphs(text)) if q.kind == "indirect"]


def test_verb_frame_reports_its_argument(nlp):
    text = "Trump has railed against the special-interest provisions that pock the tax code."
    (q,) = _indirect(nlp, text)
    assert q.text == "the special-interest provisions that pock the tax code"
    assert q.speaker.name == "Trump" and q.cue == "railed against"


def test_adjective_frame_speaker_is_the_copula_subject(nlp):
    text = "Senator Lindsey Graham has long been critical of Donald Trump's foreign policy."
    (q,) = _indirect(nlp, text)
    assert q.text == "Donald Trump's foreign policy"
    assert q.speaker.name == "Senator Lindsey Graham"


def test_stance_frame_does_not_claim_a_quote(nlp):
    # the quote belongs to the speech verb, not to the stance word between them
    text = "Clinton railed against the tax plan. “It is a giveaway to the rich,” Kaine said."
    quotes = find_quotes(nlp(text), split_paragraphs(text))
    direct = [q for q in quotes if q.kind == "direct"]
    assert [(q.cue, q.speaker.name) for q in direct] == [("said", "Kaine")]


def test_the_table_is_part_of_the_extraction_cache_key():
    from briefing import cache

    assert frames.FRAMES_FILE in [p.name for p in cache.extraction_data()]
    assert "frames" in cache.extraction_modules()


def test_a_stance_nobody_holds_is_no_attribution(nlp):
    # ``criticism of`` is a measured frame, but here no one is said to criticise
    assert "n:criticism:of" in frames.learned()
    assert _indirect(nlp, "The intense criticism of the network grew over the summer.") == []
    (q,) = _indirect(nlp, "Trump's criticism of the network grew over the summer.")
    assert q.text == "the network" and q.speaker.name == "Trump"
