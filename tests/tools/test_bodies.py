"""The body scorer: bag-of-words precision, recall and F1, and its command line."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace

import pytest
from briefing.read.textio import BadArticleError
from briefing.tools import bodies
from briefing.tools.bodies import body_scores


def test_identical_texts_score_one_whatever_the_spacing_and_case():
    assert body_scores("Rates rise.\n\nThe board voted.", "rates RISE the\nboard voted") == (
        1.0, 1.0, 1.0)


def test_repeated_words_count_as_a_multiset():
    # expected: the x3, cat, sat (5 tokens); got: the x1, cat x3, sat, down (6 tokens).
    # Overlap: the 1 + cat 1 + sat 1 = 3, so P = 3/6 and R = 3/5.
    precision, recall, f1 = body_scores("The cat sat: the, THE.", "the cat cat cat sat down")
    assert precision == pytest.approx(3 / 6)
    assert recall == pytest.approx(3 / 5)
    assert f1 == pytest.approx(2 * (1 / 2) * (3 / 5) / (1 / 2 + 3 / 5))


def test_a_word_read_twice_is_not_found_twice():
    # a caption repeating the lead's words costs precision, not nothing
    precision, recall, _ = body_scores("Bridge closed.", "Bridge closed. Bridge closed.")
    assert (precision, recall) == (0.5, 1.0)


def test_tokens_are_unicode_words_and_punctuation_does_not_count():
    assert bodies.tokens("“Café Núñez,” she said — «déjà»!") == {
        "café": 1, "núñez": 1, "she": 1, "said": 1, "déjà": 1}
    assert body_scores("| Boyd | 1,384 |", "Boyd 1 384") == (1.0, 1.0, 1.0)


def test_empty_got_scores_zero():
    assert body_scores("The council voted.", "") == (0.0, 0.0, 0.0)
    assert body_scores("The council voted.", "  — …\n\n") == (0.0, 0.0, 0.0)


def test_nothing_expected_and_nothing_got_is_perfect_but_anything_else_is_zero():
    assert body_scores("", "") == (1.0, 1.0, 1.0)
    assert body_scores("", "Subscribe now") == (0.0, 0.0, 0.0)


def test_disjoint_texts_score_zero():
    assert body_scores("council budget", "cookie banner") == (0.0, 0.0, 0.0)


def test_the_command_prints_a_table_and_counts_refusals(tmp_path, monkeypatch, capsys):
    (tmp_path / "good.html").write_text("<p>The council voted.</p>", encoding="utf-8")
    (tmp_path / "good.body.txt").write_text("The council voted.\n", encoding="utf-8")
    (tmp_path / "half.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "half.body.txt").write_text("Rates rise.\n", encoding="utf-8")
    (tmp_path / "empty.html").write_text("<nav>Home</nav>", encoding="utf-8")
    (tmp_path / "empty.body.txt").write_text("Something.\n", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(
        '{"good": {"title": "Vote", "date": "2024-01-02"}}', encoding="utf-8")

    def read_page(html, url=None):
        assert isinstance(html, bytes) and url is None
        if b"council" in html:
            return SimpleNamespace(text="The council voted.", title="Vote", date="2024-01-03")
        if b"<p>x" in html:
            return SimpleNamespace(text="Rates rise. Subscribe today.", title=None, date=None)
        raise BadArticleError("no article found in the page")

    fake = types.ModuleType("briefing.read.pages")
    fake.read_page = read_page
    monkeypatch.setitem(sys.modules, "briefing.read.pages", fake)
    assert bodies.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    assert lines["good"][1:5] == ["1.000", "1.000", "1.000", "no"]
    assert lines["good"][5:] == ["ok", "WRONG"]  # title as the manifest says, date not
    assert lines["half"][1:] == ["0.500", "1.000", "0.667", "no", "-", "-"]
    assert lines["empty"][1:5] == ["0.000", "0.000", "0.000", "yes"]
    assert "1 of 3 refused" in out
    assert lines["mean"][1:4] == ["0.500", "0.667", "0.556"]
    assert "refused empty: no article found in the page" in out
