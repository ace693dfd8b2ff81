"""The reader's warning for a text that is not English (the rules are tuned for English)."""

from __future__ import annotations

import pytest
from briefing.read.textio import language_warning

ENGLISH = ("“We will not back down,” said Zoë Müller-Łukasiewicz, the mayor, on Tuesday. "
           "The council voted 7-2 for the plan, which has been debated since 2019. ") * 3


@pytest.mark.parametrize(("text", "expected"), [
    (ENGLISH, None),  # curly quotes and accented Latin names are still English
    # An English article quoting a Greek sentence: under half the letters are Greek.
    (ENGLISH + "«Δεν θα υποχωρήσουμε», είπε.", None),
    ("Москва заявила, что переговоры продолжатся на следующей неделе в Женеве. " * 3,
     "Cyrillic"),
    ("東京都は月曜日、新しい防災計画を発表した。計画は来年から実施される予定だ。" * 4,
     "CJK (Chinese, Japanese, Korean)"),
    ("Le gouvernement a annoncé mardi une réforme des retraites, que les syndicats "
     "rejettent. La ministre doit présenter le texte au Parlement la semaine prochaine. "
     "Les manifestations se poursuivent dans plusieurs villes du pays. " * 2, "not look"),
    ("Короткий текст.", None),  # too few letters to judge
])
def test_language_warning(text, expected):
    warning = language_warning(text)
    if expected is None:
        assert warning is None
    else:
        assert warning is not None and expected in warning
