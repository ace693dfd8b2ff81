"""The PolNeAR loader, the scoring rules, and the evaluator (fixture always; corpus if present)."""

from __future__ import annotations

import json

import pytest
from briefing.extract.quotes import find_quotes
from briefing.textformat import split_paragraphs
from briefing.tools import evaluate, polnear
from support import FIXTURES

FIXTURE = FIXTURES / "polnear"
NAME = "riverton_budget"


def test_loader_parses_brat_with_discontinuous_spans():
    art = polnear.load_article(FIXTURE, "dev", NAME)
    assert art.ann_path.endswith("riverton_budget_aaaa.ann")  # first annotator, sorted
    assert len(art.attributions) == 4
    by_cue = {a.cue.text: a for a in art.attributions}
    split = by_cue["said"].content
    assert len(split.fragments) == 2
    assert split.fragments == tuple(sorted(split.fragments))  # listed out of order in the file
    assert [art.text[a:b] for a, b in split.fragments] == [
        "“The budget is balanced,”",
        "“We cut no services.”",
    ]
    assert by_cue["said"].source.text == "Mayor Ana Reyes"
    assert by_cue["warned"].source is None  # Source may be missing
    for att in art.attributions:
        for span in (att.content, att.cue, att.source):
            if span is not None:
                for a, b in span.fragments:
                    assert 0 <= a < b <= len(art.text)


def test_loader_reads_newline_exact(tmp_path):
    # brat offsets count a CRLF as two characters: the text must be read with newline=''
    corpus = tmp_path / "c"
    (corpus / "dev" / "text").mkdir(parents=True)
    (corpus / "dev" / "attributions").mkdir(parents=True)
    text = "Headline\r\n\r\n“Yes,” she said.\r\n"
    (corpus / "dev" / "text" / "x.txt").write_bytes(text.encode())
    start = text.index("she")
    ann = f"T1\tSource {start} {start + 3}\tshe\nE1\tAttribution:T1 Source:T1\n"
    (corpus / "dev" / "attributions" / "x_zz.ann").write_text(ann, encoding="utf-8")
    art = polnear.load_split(corpus, "dev")[0]
    src = art.attributions[0].source
    assert art.text[src.start : src.end] == "she"
    assert art.attributions[0].content is None


def test_default_path_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("BRIEFING_POLNEAR", str(tmp_path))
    assert polnear.default_path() == tmp_path
    monkeypatch.delenv("BRIEFING_POLNEAR")
    assert polnear.default_path().parts[-3:] == ("shared", "corpus", "polnear")


def test_gold_direct_quotes_from_content_marks():
    art = polnear.load_article(FIXTURE, "dev", NAME)
    gold = evaluate.gold_for(art)
    texts = sorted(art.text[g.span[0][0] : g.span[0][1]] for g in gold.direct)
    assert texts == ["Balanced", "The budget is balanced", "We cut no services."]
    assert len(gold.contents) == 4


def test_gold_segments_nested_and_unpaired():
    text = 'x "Outer “inner” end." y'
    assert [text[a:b] for a, b in evaluate.gold_quote_segments(text, 0, len(text))] == [
        "Outer “inner” end."
    ]
    # a Content piece that starts inside a quote: the unpaired closing mark ends it
    text = "goes on here,” he said"
    segs = evaluate.gold_quote_segments(text, 0, len("goes on here,”"))
    assert [text[a:b] for a, b in segs] == ["goes on here"]


def test_match_needs_half_the_union_one_to_one():
    text = "abcdefghijklmnopqrstuvwxyz"
    al = evaluate.Alnum(text)
    gold = [((0, 10),)]
    assert evaluate.match(al, gold, [((0, 5),)]) == [(0, 0)]  # 5/10
    assert evaluate.match(al, gold, [((0, 4),)]) == []  # 4/10
    assert evaluate.match(al, gold, [((0, 10),), ((0, 9),)]) == [(0, 0)]  # one-to-one


def test_attribution_units_merge_parts_of_one_cue():
    from briefing.records import Quote

    text = "“Aaaa bbbb,” he said. “Cccc dddd.” She said that eeee ffff “gggg”."
    al = evaluate.Alnum(text)
    said1 = text.index("said")
    said2 = text.index("said", said1 + 1)
    quotes = [
        Quote("Aaaa bbbb", 1, 10, "direct", cue="said", cue_start=said1, cue_end=said1 + 4),
        Quote("Cccc dddd.", 23, 33, "direct", cue="said", cue_start=said1, cue_end=said1 + 4),
        Quote("eeee ffff “gggg”", 50, 66, "indirect", cue="said", cue_start=said2),
        Quote("gggg", 61, 65, "direct", cue="said", cue_start=said2),
    ]
    units = evaluate.attribution_units(al, quotes)
    assert sorted(units) == [((1, 10), (23, 33)), ((50, 66),)]


def test_a_cues_report_and_its_quotes_outside_it_are_one_attribution():
    from briefing.records import Quote

    # PolNeAR: one cue, one content, in as many fragments as it takes
    text = "She said the plan was dead. “It is over,” she added. “Done.”"
    al = evaluate.Alnum(text)
    said, added = text.index("said"), text.index("added")
    quotes = [
        Quote("the plan was dead", 9, 26, "indirect", cue="said", cue_start=said),
        Quote("It is over", 29, 39, "direct", cue="said", cue_start=said),
        Quote("Done.", 54, 59, "direct", cue="added", cue_start=added),
    ]
    assert text[29:39] == "It is over" and text[54:59] == "Done."
    assert sorted(evaluate.attribution_units(al, quotes)) == [((9, 26), (29, 39)), ((54, 59),)]


def test_a_quote_inside_reported_speech_is_part_of_that_report():
    from briefing.records import Quote

    # PolNeAR never nests contents: the quote is scored inside the report, whatever its cue
    text = "He lauded Clarke for helping develop “new and innovative ideas” at the plant."
    al = evaluate.Alnum(text)
    lauded, develop = text.index("lauded"), text.index("develop")
    s = text.index("Clarke")
    q = text.index("new")
    quotes = [
        Quote(text[s:-1], s, len(text) - 1, "indirect", cue="lauded", cue_start=lauded),
        Quote("new and innovative ideas", q, q + 24, "direct", cue="develop", cue_start=develop),
    ]
    assert evaluate.attribution_units(al, quotes) == [((s, len(text) - 1),)]


def test_a_report_inside_a_longer_report_is_scored_as_the_outer_one():
    from briefing.records import Quote

    # the page keeps both reports; PolNeAR annotates only the outer one
    text = "IRNA reported that the Emir said talks would resume soon."
    al = evaluate.Alnum(text)
    outer, inner = text.index("the Emir"), text.index("talks")
    quotes = [
        Quote(text[outer:-1], outer, len(text) - 1, "indirect", cue="reported", cue_start=5),
        Quote(text[inner:-1], inner, len(text) - 1, "indirect", cue="said", cue_start=27),
    ]
    assert evaluate.attribution_units(al, quotes) == [((outer, len(text) - 1),)]


def test_human_agreement_scores_one_annotator_against_the_other(tmp_path):
    text = "Smith said the budget is balanced. Jones said taxes will rise next year."
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    for name in ("a", "b"):
        (tmp_path / "dev" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")

    def ann(name: str, *contents: str) -> None:
        lines = []
        for n, c in enumerate(contents):
            s = text.index(c)
            lines.append(f"T{n}\tContent {s} {s + len(c)}\t{c}")
            lines.append(f"E{n}\tAttribution:T{n} Content:T{n}")
        (tmp_path / "dev" / "attributions" / f"{name}.ann").write_text("\n".join(lines) + "\n")

    ann("a_0001", "the budget is balanced", "taxes will rise next year")
    ann("a_0002", "the budget is balanced", "rise")  # the second boundary is off
    ann("b_0001", "the budget is balanced")  # one annotator only: not counted
    n, counts = evaluate.agreement(tmp_path, ["dev"])
    assert n == 1
    assert (counts.att_tp, counts.att_pred, counts.att_gold) == (1, 2, 2)


def test_evaluator_on_fixture_corpus(capsys, nlp):
    assert evaluate.main(["--corpus", str(FIXTURE), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    res = out["results"]["dev"]
    sys_f, base_f = res["system"], res["baseline"]
    for fig in (sys_f, base_f):
        for key, val in fig.items():
            if key.endswith(("precision", "recall", "f1", "accuracy")):
                assert 0.0 <= val <= 1.0, key
    assert sys_f["direct_gold"] == 3
    assert sys_f["direct_recall"] == 1.0
    assert sys_f["speaker_accuracy"] == 1.0
    assert sys_f["attribution_f1"] > base_f["attribution_f1"]
    # the headline line removed, Briefing's headline against the real one, beside the lead
    heads = res["headlines"]
    assert heads["system"]["articles"] == heads["baseline"]["articles"] == 1
    for fig in (heads["system"], heads["baseline"]):
        assert 0.0 < fig["rouge1_f"] <= 1.0 and 0.0 < fig["rougeL_f"] <= 1.0
    assert heads["system"]["rouge1_f"] > heads["baseline"]["rouge1_f"]


def test_the_article_without_its_headline_line_and_the_real_headline():
    text = polnear.read_text(FIXTURE / "dev" / "text" / "riverton_budget.txt")
    body = polnear.without_headline(text)
    assert body.startswith("“The budget is balanced,”") and "Mayor Reyes:" not in body
    assert polnear.without_headline("Headline\r\n\r\nBody.") == "Body."
    meta = polnear.metadata(FIXTURE)
    assert meta[("dev", "riverton_budget")]["title"] == "Mayor Reyes: Budget Is ‘Balanced’"
    assert evaluate.lead_words("One two three four five six seven eight nine ten eleven "
                               "twelve thirteen.\n\nNext.") == \
        "One two three four five six seven eight nine ten eleven twelve"


# ------------------------------------------------------------------ the real corpus


@pytest.mark.corpus
def test_find_quotes_never_raises_and_keeps_offsets(polnear_path, nlp):
    articles = polnear.load_split(polnear_path, "dev")
    assert len(articles) > 50
    n_quotes = 0
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for art, doc in zip(articles, docs, strict=True):
        quotes = find_quotes(doc, split_paragraphs(art.text))
        for q in quotes:
            n_quotes += 1
            assert q.text == art.text[q.start : q.end]
            assert q.text.strip() and q.start < q.end
            assert q.kind in ("direct", "indirect")
            if q.speaker is not None:
                assert 0 <= q.speaker.start < q.speaker.end <= len(art.text)
                assert art.text[q.speaker.start : q.speaker.end] == q.speaker.name
            if q.cue_start is not None:
                assert art.text[q.cue_start : q.cue_end] == q.cue
        starts = [q.start for q in quotes]
        assert starts == sorted(starts)  # reading order
    assert n_quotes > 1000


@pytest.mark.corpus
def test_evaluator_smoke_beats_baseline(polnear_path, capsys, nlp):
    code = evaluate.main(
        [
            "--corpus",
            str(polnear_path),
            "--limit",
            "5",
            "--heldout",
            "train",
            "--heldout-limit",
            "5",
            "--unseen",
            "--json",
        ]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["results"]) == {"dev", "train (sample)", "train (unseen)"}
    human = out["human_agreement"]
    assert human["articles"] > 0 and 0.5 < human["attribution_f1"] <= 1
    for res in out["results"].values():
        assert res["articles"] == 5
        for fig in (res["system"], res["baseline"]):
            for key, val in fig.items():
                if key.endswith(("precision", "recall", "f1", "accuracy")):
                    assert 0.0 <= val <= 1.0, key
        assert res["system"]["direct_f1"] > res["baseline"]["direct_f1"]
        assert res["system"]["attribution_f1"] > res["baseline"]["attribution_f1"]
        assert res["system"]["speaker_accuracy"] > res["baseline"]["speaker_accuracy"]
        assert res["headlines"]["system"]["articles"] == 5


def test_heldout_sample_is_fixed(polnear_path):
    a = evaluate.heldout_names(polnear_path, "train", 20)
    b = evaluate.heldout_names(polnear_path, "train", 20)
    assert a == b and len(set(a)) == 20


def test_unseen_articles_are_outside_the_sample_and_the_frame_learning(polnear_path):
    from briefing.tools import frames_learn

    sample = evaluate.heldout_names(polnear_path, "train", evaluate.HELDOUT_LIMIT)
    unseen = evaluate.unseen_names(polnear_path, "train")
    learned_on = frames_learn.learning_names(polnear_path)
    assert len(unseen) == evaluate.UNSEEN_LIMIT
    assert unseen == evaluate.unseen_names(polnear_path, "train")  # fixed between runs
    assert set(unseen).isdisjoint(sample) and set(unseen).isdisjoint(learned_on)
    assert set(sample) <= set(learned_on)
    assert sorted(unseen + learned_on) == sorted(polnear.article_names(polnear_path, "train"))
