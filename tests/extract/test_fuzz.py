"""Property test of the extractor on hostile text (issue 7).

Texts are built from quotation marks (curly, straight, single, reversed, unbalanced),
apostrophes, date lines (good and malformed), line ends (LF, CRLF, CR, blank lines),
names, speech verbs and random unicode. Whatever comes in, ``extract_text`` must not
raise, and every offset it returns must slice the input it was given: a quote's ``text``
is ``input[start:end]``, speaker, cue and actor-mention spans lie inside the input and
slice out what they name. spaCy is loaded once per session; ~100 examples keep it quick.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FRAGMENTS = [
    "“", "”", "‘", "’", '"', "'", "«", "»", "„", "‚", "''", "``",
    "don't", "Iran’s", "the ministers’", "rock ’n’ roll", "’90s",
    " date 2024-02-14 ", " date 2024-13-45 ", " date yesterday ", "date", "\ufeff",
    "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\t", "  ", " ", "\u00a0", "\u2028",
    "John Smith", "Mr. Lee", "Sheikh Tamim bin Hamad Al Thani", "the minister", "He", "she",
    "Hossein Amir-Abdollahian", "the U.S. State Department", "Qatar", "Tehran", "Reuters",
    "said", "says", "told reporters", "added", "according to", "stressed", "said:",
    "We will not back down", "This is a good deal", "no comment",
    ".", ",", ";", ":", "—", "–", "-", "…", "?", "!", "(", ")", "[", "]",
    "<script>", "{{ x }}", "&amp;", "\u200b", "\u202e", "😀", "مرحبا", "外交部",
]

OPEN, CLOSE = ["“", '"', "‘", "'", "”", "«", ""], ["”", '"', "’", "'", "“", "»", ""]
NAMES = ["John Smith", "Mr. Lee", "the minister", "He", "Sheikh Tamim bin Hamad Al Thani",
         "Amir-Abdollahian", "a spokesman for the ministry", "Iran’s foreign minister"]
VERBS = ["said", "says", "told reporters", "added", "stressed", "said on Tuesday"]
noise = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6))
# A quotation, possibly broken: marks that may not match, a speaker before or after.
quotation = st.builds(
    lambda o, words, c, name, verb, before, junk: (
        f"{name} {verb}: {o}{words}{c}{junk}" if before else f"{o}{words},{c}{junk} {name} {verb}."
    ),
    st.sampled_from(OPEN), st.lists(noise, max_size=6).map(" ".join).map(
        lambda w: "We will not back down " + w),
    st.sampled_from(CLOSE), st.sampled_from(NAMES), st.sampled_from(VERBS), st.booleans(),
    st.sampled_from(["", "", "’s", "\n", "\n\n", "“", "\r\n"]),
)
texts = st.lists(
    st.one_of(
        quotation,
        st.sampled_from(FRAGMENTS),
        st.sampled_from(FRAGMENTS).map(lambda f: f + " "),
        st.text(max_size=6),
    ),
    max_size=40,
).map("".join)


def _check_span(text: str, start, end, what: str) -> None:
    assert start is not None and end is not None, what
    assert 0 <= start <= end <= len(text), (what, start, end, len(text))


def check_extraction(text: str, nlp) -> None:
    from briefing.extract.article import extract_text

    result = extract_text(text, nlp=nlp)
    for q in result.quotes:
        _check_span(text, q.start, q.end, "quote")
        assert q.end > q.start, ("empty quote", q)
        assert q.text == text[q.start:q.end], ("quote text", q)
        if q.cue_start is not None or q.cue_end is not None:
            _check_span(text, q.cue_start, q.cue_end, "cue")
        sp = q.speaker
        if sp is not None and (sp.start is not None or sp.end is not None):
            _check_span(text, sp.start, sp.end, "speaker")
            assert sp.end > sp.start, ("empty speaker mention", sp)
    for actor in result.actors:
        for m in actor.mentions:
            _check_span(text, m.start, m.end, "mention")
            assert m.text == text[m.start:m.end], ("mention text", actor.name, m)
    assert 0 <= result.body_start <= len(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_extractor_never_raises_and_offsets_slice_the_input(nlp, text):
    check_extraction(text, nlp)


@pytest.mark.parametrize("text", [
    "",
    " ",
    "“",
    "”“",
    " date 2024-02-14 ",
    " date 2024-02-14 “",
    "“We will,” said",
    "said “",
    "“‘nested’ “doubly” open",
    '"""',
    "“We will not back down,” John Smith said.\r\n\r\n“No,” he said.\r",
    "\ufeff date 2024-02-14 “Yes,” Mr. Lee said.",
])
def test_extractor_edge_cases(nlp, text):
    check_extraction(text, nlp)
