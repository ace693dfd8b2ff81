"""Unit tests for the ECB+ linking scores, on small hand-made data with hand-worked values."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from briefing.tools import eval_linking as el

approx = pytest.approx

# ---------------------------------------------------------------------------- B-cubed


def test_bcubed_hand_worked():
    # a: pred {a}, gold {a,b} -> P 1, R 1/2; b: pred {b,c}, gold {a,b} -> P 1/2, R 1/2;
    # c: pred {b,c}, gold {c} -> P 1/2, R 1.  P = R = (2/2)/3 ... = 2/3.
    gold = {"a": 1, "b": 1, "c": 2}
    pred = {"a": "X", "b": "Y", "c": "Y"}
    assert el.bcubed(gold, pred) == approx((2 / 3, 2 / 3, 2 / 3))


def test_bcubed_unpredicted_mentions_are_singletons():
    # b has no actor: its own cluster. a: P 1, R 1/2; b: P 1, R 1/2 -> F1 2/3.
    gold = {"a": 1, "b": 1}
    assert el.bcubed(gold, {"a": "X"}) == approx((1.0, 0.5, 2 / 3))
    assert el.bcubed(gold, {"a": "X", "b": None}) == approx((1.0, 0.5, 2 / 3))
    assert el.bcubed(gold, {}) == approx((1.0, 0.5, 2 / 3))


def test_bcubed_merge_costs_precision_and_extras_are_ignored():
    # one actor for two people: each item P 1/2, R 1; "z" is not a gold mention.
    gold = {"a": 1, "b": 2}
    assert el.bcubed(gold, {"a": "X", "b": "X", "z": "X"}) == approx((0.5, 1.0, 2 / 3))


def test_bcubed_perfect_empty_and_no_id_collision():
    assert el.bcubed({"a": 1, "b": 1}, {"a": 7, "b": 7}) == approx((1.0, 1.0, 1.0))
    assert el.bcubed({}, {"a": 1}) == (0.0, 0.0, 0.0)
    # a predicted actor named like an unpredicted item must not join that item's singleton
    assert el.bcubed({"a": 1, "b": 2}, {"a": "b"}) == approx((1.0, 1.0, 1.0))


# ---------------------------------------------------------------------------- splits and merges


def test_splits_and_merges():
    gold = {"m1": "A", "m2": "A", "m3": "B", "m4": "C", "m5": "D"}
    pred = {"m1": "x", "m2": "y", "m3": "y", "m4": None}  # m4 and m5 have no actor
    family = {"A": "smith", "B": "smith", "C": "jones"}
    assert el.splits_and_merges(gold, pred) == (1, 1, 0)  # A split; y holds A and B
    assert el.splits_and_merges(gold, pred, family) == (1, 1, 1)  # A and B are both Smiths
    assert el.splits_and_merges(gold, pred, family, skip={"B"}) == (1, 0, 0)


def test_family_merge_counts_each_actor_once():
    gold = {"m1": "A", "m2": "B", "m3": "C", "m4": "D", "m5": "E"}
    pred = {"m1": "x", "m2": "x", "m3": "x", "m4": "y", "m5": "y"}
    family = {"A": "bush", "B": "bush", "C": "bush", "D": "lee", "E": "kim"}
    # x holds three Bushes (one family merge), y two unrelated people (a merge, not family)
    assert el.splits_and_merges(gold, pred, family) == (0, 2, 1)


def test_family_name():
    assert el.family_name("Lindsay Lohan's") == "lohan"
    assert el.family_name("Eric Allen Kirkpatrick, 61") == "kirkpatrick"
    assert el.family_name("W. Mark Felt Sr.") == "felt"
    assert el.family_name("Jim O'Brien") == "o'brien"
    assert el.family_name("Madonna") == "madonna"
    assert el.family_name("61") is None


def test_family_names_use_the_longest_named_mention():
    pairs = [("A", "Felt"), ("A", "W. Mark Felt Sr."), ("B", "Dina"), ("C", "40")]
    assert el.family_names(pairs) == {"A": "felt", "B": "dina"}


# ---------------------------------------------------------------------------- events


def test_pair_scores_hand_worked():
    # gold pairs 12 13 23 45 (4); predicted pairs 12 34 (2), correct 12:
    # P 1/2, R 1/4, F1 2 * 1/8 / (3/4) = 1/3.
    gold = {"d1": "E", "d2": "E", "d3": "E", "d4": "F", "d5": "F"}
    pred = {"d1": 1, "d2": 1, "d3": 2, "d4": 2, "d5": None}
    assert el.pair_scores(gold, pred) == approx((0.5, 0.25, 1 / 3))


def test_pair_scores_no_event_pairs_with_nothing():
    gold = {"d1": "E", "d2": "E", "d3": "E"}
    assert el.pair_scores(gold, {"d1": None, "d2": None}) == (0.0, 0.0, 0.0)
    # gold pairs 12 13 23; predicted 12 only ("x" is no gold document): P 1, R 1/3, F1 1/2
    assert el.pair_scores(gold, {"d1": "e", "d2": "e", "x": "e"}) == approx((1.0, 1 / 3, 0.5))


def test_adjusted_rand():
    gold = {"a": 1, "b": 1, "c": 2, "d": 2}
    assert el.adjusted_rand(gold, {"a": "x", "b": "x", "c": "y", "d": "y"}) == approx(1.0)
    assert el.adjusted_rand(gold, {}) == approx(0.0)  # all singletons
    # a, b without event are two singletons, not one group: index 1, expected 2*1/6,
    # max (2+1)/2 -> (1 - 1/3) / (3/2 - 1/3) = 4/7 (grouping them would give 1).
    assert el.adjusted_rand(gold, {"a": None, "c": "x", "d": "x"}) == approx(4 / 7)


def test_tfidf_events_groups_similar_texts_and_leaves_loners_out():
    texts = {
        "a": "the cat sat on the mat with another cat",
        "b": "a cat sat on a mat",
        "c": "rocket launch delayed by rocket engine fault",
        "d": "engine fault delays rocket launch",
        "e": "parliament votes on budget",
    }
    events = el.tfidf_events(texts, threshold=0.7)
    assert events["a"] == events["b"] is not None
    assert events["c"] == events["d"] is not None
    assert events["a"] != events["c"]
    assert events["e"] is None
    assert el.tfidf_events({"a": "x"}) == {"a": None}


# ---------------------------------------------------------------------------- alignment


def test_align_takes_largest_overlap():
    gold = [(0, 5), (10, 20), (30, 35), (5, 10)]
    pred = [(3, 12), (12, 25), (40, 45)]
    # (0,5)-(3,12): 2; (10,20): 2 with the first, 8 with the second; (5,10) overlaps the
    # first by 5; (30,35) overlaps nothing.
    assert el.align(gold, pred) == [0, 1, None, 0]
    assert el.align([(5, 10)], [(10, 12), (0, 5)]) == [None]  # touching is not overlapping
    assert el.align([(0, 10)], [(0, 5), (5, 10)]) == [0]  # a full tie goes to the first
    assert el.align([(9, 15)], [(0, 22), (9, 15)]) == [1]  # equal overlap: the tighter span


def test_coverage():
    assert el.coverage(["a", "b", "c", "d"], {"a": "x", "b": None, "c": "y"}) == 0.5
    assert el.coverage([], {"a": "x"}) == 0.0


def test_export_offset_drops_bom_and_folds_crlf():
    raw = "\ufeffab\r\ncd"  # export text: "ab\ncd"
    to_export = el.export_offset(raw)
    assert [to_export(i) for i in (1, 3, 5, 7)] == [0, 2, 3, 5]
    assert "ab\ncd"[to_export(5) : to_export(7)] == "cd"
    assert el.export_offset("plain")(3) == 3


# ---------------------------------------------------------------------------- reading


def _write_json(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_predictions_mentions_and_speaker_fallback(tmp_path):
    speaker = {"name": "Tara Reid", "start": 0, "end": 9, "actor": "tara-reid"}
    records = [
        {"source": "1_1ecb.txt", "event": "ev", "quotes": [],
         "mentions": [{"start": 4, "end": 8, "actor": "a"}, {"start": 9, "end": 9, "actor": None}]},
        {"source": "text/1_2ecb.txt", "event": None,
         "quotes": [{"speaker": speaker}, {"speaker": speaker}, {"speaker": None},
                    {"speaker": {"name": "A publicist", "start": 20, "end": 31, "actor": None}}]},
    ]
    preds = el.load_predictions(_write_json(tmp_path / "articles.json", records))
    assert preds.mentions == {"text/1_1ecb.txt": [(4, 8, "a")],
                              "text/1_2ecb.txt": [(0, 9, "tara-reid")]}
    assert preds.events == {"text/1_1ecb.txt": "ev", "text/1_2ecb.txt": None}
    assert preds.source == el.SPEAKERS_ONLY
    only_mentions = el.load_predictions(_write_json(tmp_path / "b.json", records[:1]))
    assert only_mentions.source == el.EXPORT_MENTIONS


def test_topic_key_is_numeric():
    assert sorted(["10", "2", "1", "x"], key=el.topic_key) == ["1", "2", "10", "x"]


# ---------------------------------------------------------------------------- evaluate


TEXTS = {
    "1_1ecb.txt": "Mark Smith and Jane Smith met the FBI.",
    "1_2ecb.txt": "Smith thanked the FBI.",
    "2_1ecb.txt": "Ann Lee won.",
}


def _mention(text: str, name: str, kind: str, entity: str, named: bool = True) -> dict:
    start = text.index(name)
    return {"start": start, "end": start + len(name), "text": name, "kind": kind,
            "entity": entity, "named": named}


@pytest.fixture
def corpus(tmp_path) -> Path:
    root = tmp_path / "ecbplus"
    (root / "text").mkdir(parents=True)
    for name, text in TEXTS.items():
        (root / "text" / name).write_text(text, encoding="utf-8")
    t1, t2, t3 = TEXTS.values()
    gold = [
        {"doc": "1/1ecb/1", "file": "text/1_1ecb.txt", "topic": "1", "event": "1ecb",
         "mentions": [_mention(t1, "Mark Smith", "person", "E1"),
                      _mention(t1, "Jane Smith", "person", "E2"),
                      _mention(t1, "the FBI", "organization", "O1")]},
        {"doc": "1/1ecb/2", "file": "text/1_2ecb.txt", "topic": "1", "event": "1ecb",
         "mentions": [_mention(t2, "Smith", "person", "E1"),
                      _mention(t2, "FBI", "organization", "O1")]},
        {"doc": "2/2ecb/1", "file": "text/2_1ecb.txt", "topic": "2", "event": "2ecb",
         "mentions": [_mention(t3, "Ann Lee", "person", "E3")]},
    ]
    (root / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), "utf-8")
    return root


def _site(tmp_path: Path, records: list[dict]) -> Path:
    _write_json(tmp_path / "site" / el.ARTICLES_JSON, records)
    return tmp_path / "site"


def _span(text: str, name: str, actor: str) -> dict:
    start = text.index(name)
    return {"start": start, "end": start + len(name), "actor": actor}


def test_evaluate_hand_worked(corpus, tmp_path):
    t1, t2, _ = TEXTS.values()
    site = _site(tmp_path, [
        # both Smiths are one actor (a family merge); "FBI" covers the gold "the FBI"
        {"source": "1_1ecb.txt", "event": "ev1", "quotes": [],
         "mentions": [_span(t1, "Mark Smith", "smith"), _span(t1, "Jane Smith", "smith"),
                      _span(t1, "FBI", "fbi")]},
        {"source": "1_2ecb.txt", "event": "ev1", "quotes": [],
         "mentions": [_span(t2, "Smith", "smith"), _span(t2, "FBI", "fbi")]},
    ])  # 2_1ecb.txt is missing from the site
    figures = el.evaluate(corpus, site)
    assert figures["articles"] == 3 and figures["topics"] == 2
    assert figures["missing_from_site"] == 1
    assert figures["predicted_mentions"] == el.EXPORT_MENTIONS
    person = figures["briefing"]["named"]["person"]
    # Mark: cluster {Mark, Jane, Smith}, gold {Mark, Smith}: P 2/3, R 1; Jane: P 1/3, R 1;
    # Smith: P 2/3, R 1; Ann Lee: unpredicted, P 1, R 1 -> P (2/3+1/3+2/3+1)/4 = 2/3.
    assert (person["precision"], person["recall"]) == approx((2 / 3, 1.0))
    assert person["coverage"] == approx(3 / 4)
    assert (person["split"], person["merged"], person["family_merges"]) == (0, 1, 1)
    org = figures["briefing"]["named"]["organization"]
    assert (org["precision"], org["recall"], org["coverage"]) == approx((1.0, 1.0, 1.0))
    events = figures["briefing"]["events"]
    # gold pairs: (1_1, 1_2); predicted: the same one -> P = R = 1; 2_1 is in no event
    assert (events["precision"], events["recall"], events["no_event"], events["events"]) == (
        approx(1.0), approx(1.0), 1, 1)

    base = figures["baseline"]["named"]["person"]
    # "mark smith", "jane smith", "smith", "ann lee": all apart, P 1;
    # R: Mark 1/2, Jane 1, Smith 1/2, Ann 1 -> 3/4. E1 is split over two strings.
    assert (base["precision"], base["recall"], base["coverage"]) == approx((1.0, 0.75, 1.0))
    assert (base["split"], base["merged"], base["family_merges"]) == (1, 0, 0)
    base_org = figures["baseline"]["named"]["organization"]
    # "the fbi" and "fbi" differ: P 1, R 1/2
    assert (base_org["precision"], base_org["recall"]) == approx((1.0, 0.5))


def test_evaluate_rejects_offsets_that_do_not_fit(corpus, tmp_path):
    (corpus / "text" / "1_2ecb.txt").write_text("Changed text here.", encoding="utf-8")
    with pytest.raises(el.EvalError, match="do not fit"):
        el.evaluate(corpus, _site(tmp_path, []))


# ---------------------------------------------------------------------------- command line


def test_main_missing_corpus_is_a_message(tmp_path, capsys):
    assert el.main(["--corpus", str(tmp_path / "nowhere"), "--site", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "corpus not found" in err and "Traceback" not in err


def test_main_scores_a_site_as_json_and_table(corpus, tmp_path, capsys):
    site = _site(tmp_path, [{"source": "1_1ecb.txt", "event": None, "quotes": []}])
    assert el.main(["--corpus", str(corpus), "--site", str(site), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["predicted_mentions"] == el.SPEAKERS_ONLY
    assert el.main(["--corpus", str(corpus), "--site", str(site), "--limit-topics", "1"]) == 0
    out = capsys.readouterr().out
    assert "2 articles, 1 topics" in out and "no mentions in export" in out


FAKE_BUILD = '''
import argparse, json, pathlib
p = argparse.ArgumentParser()
for a in ("--content", "--output", "--cache-path", "--duplicate-threshold"):
    p.add_argument(a)
args = p.parse_args()
assert args.duplicate_threshold == "0"  # every article scored, copies not folded
out = pathlib.Path(args.output) / "data"
out.mkdir(parents=True)
names = sorted(f.name for f in pathlib.Path(args.content).iterdir())
records = [{"source": n, "event": "e", "quotes": [], "mentions": []} for n in names]
(out / "articles.json").write_text(json.dumps(records))
'''


def test_main_builds_only_the_chosen_topics_from_copies(corpus, tmp_path, monkeypatch, capsys):
    (tmp_path / "fakebuild.py").write_text(FAKE_BUILD, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setattr(el, "BUILD_MODULE", "fakebuild")
    before = sorted(p.name for p in corpus.rglob("*"))
    assert el.main(["--corpus", str(corpus), "--limit-topics", "1", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["articles"] == 2 and figures["missing_from_site"] == 0
    assert figures["briefing"]["events"]["events"] == 1
    assert sorted(p.name for p in corpus.rglob("*")) == before  # nothing written there


def test_main_reports_a_failed_build(corpus, tmp_path, monkeypatch, capsys):
    (tmp_path / "brokenbuild.py").write_text("raise SystemExit('no spaCy here')\n", "utf-8")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setattr(el, "BUILD_MODULE", "brokenbuild")
    assert el.main(["--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err
    assert "build failed" in err and "no spaCy here" in err
    assert sys.executable in err


def test_topic_parts_split_odd_from_even():
    topics = {"1", "2", "10", "33", "x"}
    assert el.topic_part(topics, "odd") == {"1", "33"}
    assert el.topic_part(topics, "even") == {"2", "10"}
    assert el.topic_part(topics, "all") == topics


def test_main_scores_only_the_chosen_part(corpus, tmp_path, capsys):
    site = _site(tmp_path, [{"source": "1_1ecb.txt", "event": None, "quotes": []}])
    assert el.main(["--corpus", str(corpus), "--site", str(site), "--topics", "odd"]) == 0
    assert "1 topics" in capsys.readouterr().out
