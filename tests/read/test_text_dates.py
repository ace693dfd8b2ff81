"""A page with no date line is dated from the date it writes under its headline or in its
dateline, marked as such; a date further into the story never dates it (issue 17)."""

from __future__ import annotations

import json

import pytest
from briefing.textformat import date_in_text, split_paragraphs
from support import article_pages, build


@pytest.mark.parametrize("text, iso", [
    ("Lindsay Lohan checks into rehab\n\nMay 3, 2013 at 7:30 AM\n\nThe actress ...", "2013-05-03"),
    ("Headline\n\nPosted on Thu Jun 13, 2013 08: 45 AM PDT\n\nBody.", "2013-06-13"),
    ("Red Sox offer Teixeira\n\nDecember 15th, 2008\n\nBody.", "2008-12-15"),
    ("Headline\n\n12/16/08\n\nBody.", "2008-12-16"),
    ("Climber dead\n\nLast updated 13:26 16 September 2013\n\nBody.", "2013-09-16"),
    ("WASHINGTON, March 3, 2008 — The Senate voted on a long bill that matters a great deal "
     "to many people across the country.", "2008-03-03"),
    ("Headline\n\n2013-08-04\n\nBody.", "2013-08-04"),
])
def test_the_date_under_the_headline_or_in_the_dateline(text, iso):
    found = date_in_text(text, split_paragraphs(text))
    assert found is not None and found[0] == iso
    assert text[found[1]:found[2]].strip()


@pytest.mark.parametrize("text", [
    # the story's own date, inside the lead
    "Headline\n\nThe attack on March 3, 2008 was long, and it is described in this long "
    "paragraph at great length, with every detail the reporter could find.",
    # deep in the story, past the lead
    "Headline\n\n" + "A long lead paragraph that says a great deal about nothing at all. " * 3
    + "\n\nAnother long paragraph about what happened before, at length, with detail.\n\n"
    "March 1, 2008",
    # not a date at all
    "Headline\n\n13/45/2008\n\nFebruary 30, 2009\n\nBody.",
    # a name that holds a month's letters is no month
    "Headline\n\nOmar 3, 2012 and Tom Decker 3, 2011\n\nBody.",
    "No date anywhere in this article.",
])
def test_no_date_is_taken_from_the_story_or_invented(text):
    assert date_in_text(text, split_paragraphs(text)) is None


def test_a_page_dated_from_its_text_says_so(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "rehab.txt").write_text(
        "Tara Reid enters rehab\n\nSeptember 16, 2008\n\nTara Reid entered a rehab centre on "
        "Tuesday, her spokesman said.\n", encoding="utf-8")
    (content / "nodate.txt").write_text(
        "Tara Reid was seen in Malibu, a spokesman said on Tuesday. The actress said she was "
        "well, and on March 3, 2008 she had said the same.\n", encoding="utf-8")
    build(content, tmp_path / "out")
    articles = {a["source"]: a for a in json.loads(
        (tmp_path / "out" / "data" / "articles.json").read_text(encoding="utf-8"))}
    assert articles["rehab.txt"]["date"] == "2008-09-16"
    assert articles["rehab.txt"]["date_from_text"] is True
    assert articles["nodate.txt"]["date"] is None
    assert articles["nodate.txt"]["date_from_text"] is False
    page = article_pages(tmp_path / "out")[articles["rehab.txt"]["slug"]]
    meta = page.select_one("article header .meta")
    assert meta.find("time")["datetime"] == "2008-09-16"
    assert "read from the text" in meta.get_text()
