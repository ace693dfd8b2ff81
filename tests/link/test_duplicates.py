"""Near-duplicate detection (``briefing.link.duplicates``): copies of one story fold, other
reports of the same event do not. Texts are written here; no corpus, no spaCy."""

from __future__ import annotations

import random

import pytest
from briefing.link import duplicates as dup
from briefing.link.duplicates import DuplicateGroup, find_duplicates

WIRE = [
    "Iran and Qatar agreed on Monday to reopen talks on the release of frozen Iranian funds "
    "held in Qatari banks, officials from both countries said after a meeting in Doha.",
    "Iranian Foreign Minister Hossein Amir-Abdollahian met his Qatari counterpart, Sheikh "
    "Mohammed bin Abdulrahman Al Thani, for more than three hours at the foreign ministry.",
    '"We have agreed that our technical teams will meet again within two weeks," '
    "Amir-Abdollahian told reporters. \"The funds belong to the Iranian people.\"",
    "Sheikh Mohammed said Qatar would keep mediating between Tehran and Washington. "
    '"Our door has always been open to dialogue," he said.',
    "The funds, estimated at six billion dollars, were moved to Qatar last year as part of "
    "a prisoner exchange between Iran and the United States.",
    "Washington has said the money can only be spent on humanitarian goods such as food and "
    "medicine, and that it watches every transaction closely.",
    "Analysts in the region said the meeting showed that both governments wanted to keep the "
    "channel open despite rising tensions in the Red Sea and across the Gulf.",
    "Shipping companies have rerouted vessels away from the Red Sea since November, raising "
    "freight costs for importers in Europe and Asia alike.",
]

# Another outlet's own report of the same meeting: the same quotes, its own prose.
OWN_REPORT = "\n\n".join([
    "Tehran's top diplomat left Doha on Monday with a promise of fresh negotiations over "
    "billions of dollars that remain locked in Qatar's banking system.",
    "Speaking outside the ministry after a long session with Sheikh Mohammed bin Abdulrahman "
    'Al Thani, Hossein Amir-Abdollahian said: "We have agreed that our technical teams will '
    'meet again within two weeks." He added: "The funds belong to the Iranian people."',
    "Qatar has acted as a go-between for Iran and the United States for years. "
    '"Our door has always been open to dialogue," the Qatari prime minister said.',
    "The money was released under a deal that freed five Americans held in Iran, but it has "
    "barely been touched since the war in Gaza began, diplomats say.",
    "Critics in Congress want the account frozen again, arguing that any payment frees other "
    "Iranian money for weapons and for groups allied with Tehran.",
    "Iranian officials have accused Washington of blocking purchases of medicine for months, "
    "a charge the State Department denies.",
])


def text(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def lightly_edited() -> str:
    """The wire story as another outlet runs it: new dateline and credit, a paragraph cut,
    one added, one sentence reworded."""
    ps = list(WIRE)
    ps[0] = "DOHA (Reuters) - " + ps[0]
    del ps[6]
    ps.insert(5, "Iran's central bank said on Sunday that it had not yet received any of "
                 "the money.")
    ps[4] = ps[4].replace("were moved to", "were transferred to")
    ps.append("(Reporting by Andrew Mills; Editing by Peter Graff)")
    return text(ps)


def test_a_lightly_edited_wire_story_folds():
    groups = find_duplicates([("ap", "DOHA, Qatar (AP) — " + text(WIRE)),
                              ("reuters", lightly_edited())])
    assert [g.slugs for g in groups] == [("ap", "reuters")]
    assert 0.5 <= groups[0].similarity["reuters"] < 1


def test_the_same_page_fetched_twice_folds_completely():
    groups = find_duplicates([("a", text(WIRE)), ("b", text(WIRE))])
    assert groups == [DuplicateGroup("a", ("b",), {"b": 1.0})]


def test_another_outlets_report_of_the_same_event_does_not_fold():
    # Same meeting, same quotes word for word, different prose: an event, not a copy.
    assert find_duplicates([("wire", text(WIRE)), ("own", OWN_REPORT)]) == []
    sigs = dup.signatures([("wire", text(WIRE)), ("own", OWN_REPORT)])
    assert sigs["wire"].jaccard(sigs["own"]) < 0.2


def test_three_copies_fold_into_one_group_with_the_earliest_dated_primary():
    texts = [("c-copy", lightly_edited()), ("a-copy", text(WIRE)),
             ("b-copy", text(WIRE[:-1]))]
    dates = {"a-copy": "2024-03-05", "b-copy": "2024-03-04", "c-copy": None}
    groups = find_duplicates(texts, dates)
    assert len(groups) == 1
    assert groups[0].primary == "b-copy"  # earliest dated, though the shortest
    assert groups[0].duplicates == ("a-copy", "c-copy")  # dated before undated
    assert set(groups[0].similarity) == {"a-copy", "c-copy"}


def test_primary_without_dates_is_the_longest_text_then_the_first_slug():
    longer = text([*WIRE, "Qatar's emir is due to visit Tehran later this year."])
    assert find_duplicates([("a", text(WIRE)), ("b", longer)])[0].primary == "b"
    assert find_duplicates([("b", text(WIRE)), ("a", text(WIRE))])[0].primary == "a"
    same_day = {"a": "2024-03-04", "b": "2024-03-04"}
    assert find_duplicates([("a", text(WIRE)), ("b", longer)], same_day)[0].primary == "b"


def test_a_short_article_does_not_fold_with_the_stories_it_is_part_of():
    # A brief that is one of the copies' lead paragraphs: a small share of each story.
    brief = WIRE[0]
    stories = [("ap", text(WIRE)), ("other", OWN_REPORT), ("brief", brief)]
    groups = find_duplicates(stories)
    assert groups == []
    # And a handful of words is never anyone's duplicate, not even of its twin.
    assert find_duplicates([("x", "Developing story."), ("y", "Developing story.")]) == []
    assert dup.shingles("Too short to compare.") == set()


def _paragraph(i: int) -> str:
    rng = random.Random(i)
    return " ".join(f"w{rng.randrange(10**6)}" for _ in range(30))


def test_copies_linked_only_through_another_do_not_join_a_primary_they_do_not_resemble():
    # b overlaps a, a overlaps c, but b and c share too little: c (the earliest) keeps a.
    ps = [_paragraph(i) for i in range(14)]
    texts = [("a", text(ps[2:12])), ("b", text(ps[0:10])), ("c", text(ps[4:14]))]
    sigs = dup.signatures(texts)
    assert sigs["a"].jaccard(sigs["b"]) >= 0.5 and sigs["a"].jaccard(sigs["c"]) >= 0.5
    assert sigs["b"].jaccard(sigs["c"]) < 0.5
    groups = find_duplicates(texts, {"c": "2024-01-01", "a": "2024-01-02", "b": "2024-01-03"})
    assert [g.slugs for g in groups] == [("c", "a")]


def test_unrelated_articles_never_fold_and_order_does_not_matter():
    texts = [(f"s{i}", text([_paragraph(100 + i * 10 + j) for j in range(6)]))
             for i in range(20)]
    texts += [("ap", text(WIRE)), ("reuters", lightly_edited()), ("own", OWN_REPORT)]
    first = find_duplicates(texts)
    assert [g.slugs for g in first] == [("ap", "reuters")]
    shuffled = list(texts)
    random.Random(3).shuffle(shuffled)
    assert find_duplicates(shuffled) == first


@pytest.mark.parametrize("threshold", [0, -1])
def test_a_threshold_of_zero_folds_nothing(threshold):
    assert find_duplicates([("a", text(WIRE)), ("b", text(WIRE))], threshold=threshold) == []


def test_two_briefs_sharing_their_lead_sentence_stay_apart():
    # Half of each brief is the same lead; the quotes after it are not the same story told.
    lead = ("Officials in the port city confirmed that the ferry service would resume on "
            "Friday after a week of storms.")
    briefs = [("a", f'{lead}\n\n"Passengers will be safe," the harbour master said.'),
              ("b", f'{lead}\n\n"We are relieved," a ferry worker said.')]
    assert find_duplicates(briefs) == []
    assert find_duplicates([("a", briefs[0][1]), ("b", briefs[0][1])]) == []  # too short
