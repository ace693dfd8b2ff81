"""One story across outlets (render/stories.py): quotes deduplicated across reports."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from briefing.render.stories import build_story, event_record, quote_words

EMIR = SimpleNamespace(id="tamim-bin-hamad-al-thani", name="Tamim bin Hamad Al Thani",
                       kind="person")
MINISTER = SimpleNamespace(id="hossein-amir-abdollahian", name="Hossein Amir-Abdollahian",
                           kind="person")
ENVOY = SimpleNamespace(id="ali-bagheri-kani", name="Ali Bagheri Kani", kind="person")
DOHA = SimpleNamespace(id="doha", name="Doha", kind="place")


def quote(index: int, text: str, actor=None, kind: str = "direct", claim=True,
          start: int | None = None) -> dict:
    return {"index": index, "anchor": f"q-{index + 1}", "text": text, "kind": kind,
            "claim": claim, "start": index * 100 if start is None else start,
            "actor": actor, "speaker_name": actor.name if actor else None}


def report(slug: str, outlet: str | None, day: int | None, quotes: list[dict],
           actors=(), topics=()) -> SimpleNamespace:
    return SimpleNamespace(
        slug=slug, url=f"briefings/{slug}/", title=f"Report {slug}", outlet=outlet,
        undated=day is None, date=dt.datetime(2023, 5, day or 1), date_inferred=None,
        briefing_quotes=quotes, briefing_whos_who=[(a, []) for a in actors],
        briefing_topics=[{"name": t, "slug": t.lower()} for t in topics])


def test_quote_words_ignore_case_punctuation_and_quote_marks():
    assert quote_words("‘Very well,’ he\u00a0said!") == quote_words("'very well' he said")
    assert quote_words("...") == ""


def test_one_quote_carried_by_two_outlets_is_one_item_with_both_and_who_was_first():
    a = report("a", "IRNA", 3, [quote(0, "Relations have never been so close", MINISTER)])
    b = report("b", "Tehran Times", 4,
               [quote(0, "relations have never been so close.", MINISTER)])
    story = build_story([b, a])  # given newest first, as event views hold them
    assert [r.slug for r in story.reports] == ["a", "b"]
    assert len(story.quotes) == 1
    item = story.quotes[0]
    assert [c.article.slug for c in item.by_report] == ["a", "b"]
    assert item.first is a and item.actor is MINISTER
    assert story.speakers == [(MINISTER, [item])]


def test_a_part_of_a_quote_joins_the_whole_but_a_short_phrase_does_not():
    long_q = "Iran's cordial and brotherly ties with Qatar can be further expanded"
    a = report("a", "IRNA", 3, [quote(0, long_q, MINISTER), quote(1, "very well", MINISTER)])
    b = report("b", "Al Jazeera", 3, [quote(0, "ties with Qatar can be further expanded",
                                            MINISTER), quote(1, "cordial", MINISTER)])
    c = report("c", "Reuters", 5, [quote(0, "very well said", MINISTER)])
    story = build_story([a, b, c])
    texts = {it.text: [r.slug for r in it.reports] for it in story.quotes}
    assert texts[long_q] == ["a", "b"]  # six words inside the whole quote: the same quote
    assert texts["very well"] == ["a"]  # two words: too common to say it is the same
    assert texts["very well said"] == ["c"]
    assert "cordial" not in texts  # a one-word stance is no quote a story lists
    # Two reports of the same day: the dates do not say who was first.
    assert next(it for it in story.quotes if it.text == long_q).first is None


def test_an_undated_report_may_have_been_first():
    a = report("a", "IRNA", 3, [quote(0, "we have never been so close", EMIR)])
    b = report("b", "Blog", None, [quote(0, "We have never been so close", EMIR)])
    assert build_story([a, b]).quotes[0].first is None


def test_the_speaker_most_reports_name_speaks_an_item():
    a = report("a", "IRNA", 3, [quote(0, "talks will resume in Doha next week")])
    b = report("b", "Reuters", 4, [quote(0, "Talks will resume in Doha next week", ENVOY)])
    c = report("c", "AP", 5, [quote(0, "talks will resume in Doha next week", ENVOY)])
    item = build_story([a, b, c]).quotes[0]
    assert item.actor is ENVOY and len(item.by_report) == 3


def test_what_only_one_report_carried():
    a = report("a", "IRNA", 3, [quote(0, "relations have never been so close", MINISTER)],
               actors=[MINISTER, EMIR, DOHA], topics=["Diplomacy"])
    b = report("b", "Reuters", 4, [quote(0, "relations have never been so close", MINISTER),
                                   quote(1, "the talks were useful and frank", ENVOY)],
               actors=[MINISTER, ENVOY], topics=["Diplomacy", "Energy"])
    story = build_story([a, b])
    only = {ex.article.slug: ex for ex in story.exclusive}
    assert [it.text for it in only["b"].quotes] == ["the talks were useful and frank"]
    assert only["a"].quotes == []
    assert only["a"].actors == [EMIR]  # a place is no one's exclusive
    assert only["b"].actors == [ENVOY]
    assert [(t["name"], t["reports"]) for t in story.topics] == [("Diplomacy", 2),
                                                                ("Energy", 1)]


def test_a_lone_report_has_no_exclusives():
    a = report("a", "IRNA", 3, [quote(0, "relations have never been so close", MINISTER)])
    assert build_story([a]).exclusive == []


def test_the_events_export_record():
    a = report("a", "IRNA", None, [quote(0, "relations have never been so close", MINISTER)])
    b = report("b", "Reuters", None, [quote(2, "Relations have never been so close!",
                                            MINISTER)])
    story = build_story([a, b])
    event = SimpleNamespace(id="e1", title="Minister in Doha", date="2023-05-03",
                            actors=["hossein-amir-abdollahian"])
    record = event_record(SimpleNamespace(event=event, story=story))
    assert record == {
        "id": "e1", "title": "Minister in Doha", "date": "2023-05-03",
        "date_inferred": True,  # neither report is dated: the date came from their texts
        "articles": ["a", "b"], "actors": ["hossein-amir-abdollahian"],
        # the earliest report's wording
        "quotes": [{"text": "relations have never been so close",
                    "speaker": "hossein-amir-abdollahian",
                    "articles": [{"slug": "a", "quote_index": 0},
                                 {"slug": "b", "quote_index": 2}]}],
    }
