"""Events found from what reports share: leads, named actors and places, dates where known.

Hand-built records with short leads (no spaCy). The rehab and earthquake stories mirror
ECB+, where every topic holds two different but similar happenings.
"""

from __future__ import annotations

from dataclasses import replace

from briefing.link.linking import link
from support import article, org, person, place


def _report(slug, text, actors, date=None):
    return replace(article(slug, date, actors), text=text)


def _cast(star, spokesperson, where, i):
    """Who report ``i`` names, as real reports differ: the star and a spokesperson, the star
    once beside the magazine that broke the news, or only the place (``the actress``)."""
    return [
        [person("p1", star, mentions=3), person("p2", spokesperson, mentions=2),
         place("g1", where)],
        [person("p1", star), org("o1", "People"), place("g1", where)],
        [place("g1", where)],
    ][i % 3]


def _reid(slug, text, date=None, i=0):
    return _report(slug, text, _cast("Tara Reid", "Jack Ketsoyan", "Malibu", i), date)


def _lohan(slug, text, date=None, i=0):
    return _report(slug, text, _cast("Lindsay Lohan", "Shawn Holley", "Palm Springs", i), date)


REID = [
    "Tara Reid, 33, who starred in American Pie, has entered the Promises Treatment Center "
    "in Malibu, her representative confirmed.",
    "American Pie actress Tara Reid checked into the Promises rehab facility in Malibu, "
    "People reports; her publicist confirmed the stay.",
    "Her representative says Tara Reid has entered Promises in Malibu, the rehab centre "
    "favoured by many a Hollywood star.",
]
LOHAN = [
    "Lindsay Lohan has checked into the Betty Ford Center in Palm Springs to begin a 90-day "
    "court-ordered stay after her reckless driving conviction.",
    "Lohan arrived at the Betty Ford Center on Friday, starting the court-mandated 90-day "
    "rehab stay a judge ordered in her driving case.",
    "The Mean Girls actress Lindsay Lohan is now at the Betty Ford Center for the 90-day "
    "court-ordered stay, her lawyer said.",
]


def _events(site):
    """The site's events as sets of article slugs."""
    return sorted(sorted(e.articles) for e in site.events.values())


def test_undated_reports_of_one_story_are_one_event():
    # No dates, no quotes, and not the same people named: only the texts tell.
    site = link([_reid(f"r{i}", t, i=i) for i, t in enumerate(REID)])
    assert _events(site) == [["r0", "r1", "r2"]]
    assert site.inferred_dates == {}


def test_two_rehab_entries_by_two_actresses_stay_two_events():
    site = link([*(_reid(f"r{i}", t, i=i) for i, t in enumerate(REID)),
                 *(_lohan(f"l{i}", t, i=i) for i, t in enumerate(LOHAN))])
    assert _events(site) == [["l0", "l1", "l2"], ["r0", "r1", "r2"]]


def _quake(slug, where, region, text, date=None):
    return _report(slug, text, [place("g1", where), place("g2", region)], date)


def test_two_earthquakes_in_different_places_stay_apart():
    texts = [
        ("Ridgecrest", "California", "A magnitude 6.4 earthquake struck near Ridgecrest, "
         "California, on Thursday, starting fires and cracking roads in the Mojave desert."),
        ("Ridgecrest", "California", "The 6.4 quake near Ridgecrest shook Southern "
         "California; fires broke out and roads cracked across the Mojave desert."),
        ("Ridgecrest", "California", "Residents of Ridgecrest, California, cleaned up after "
         "the magnitude 6.4 earthquake that cracked roads and set homes on fire."),
        ("Aceh", "Indonesia", "A magnitude 6.1 earthquake struck Aceh province in Indonesia, "
         "destroying homes and a mosque in the Bener Meriah district."),
        ("Aceh", "Indonesia", "The 6.1 quake in Indonesia's Aceh province flattened homes and "
         "a mosque in Bener Meriah, officials said."),
        ("Aceh", "Indonesia", "Rescuers in Aceh, Indonesia, searched destroyed homes in Bener "
         "Meriah after the magnitude 6.1 earthquake."),
    ]
    site = link([_quake(f"q{i}", *t) for i, t in enumerate(texts)])
    assert _events(site) == [["q0", "q1", "q2"], ["q3", "q4", "q5"]]


def test_dated_and_undated_reports_share_the_event_and_its_date():
    # the undated one names no one: its text alone places it
    site = link([_reid("r0", REID[0], "2008-12-04", i=0), _reid("r1", REID[1], i=2),
                 _reid("r2", REID[2], "2008-12-05", i=1)])
    assert _events(site) == [["r0", "r1", "r2"]]
    assert site.inferred_dates == {"r1": "2008-12-04"}
    assert site.events[site.article_event["r0"]].date == "2008-12-04"


def test_dated_reports_outside_the_window_stay_apart():
    # The same words months apart: two stays in rehab, not one. (Only the texts link
    # them: each names the place alone.)
    reports = [_reid("r0", REID[0], "2008-12-04", i=2), _reid("r1", REID[1], "2008-12-05", i=2),
               _reid("r2", REID[2], "2009-03-20", i=2)]
    site = link(reports)
    assert _events(site) == [["r0", "r1"]]
    # and the window is the setting's: one day apart is too far for a window of 0 days
    assert _events(link(reports, event_window_days=0)) == []


def test_an_undated_report_never_joins_dated_reports_the_window_keeps_apart():
    # r1 is as close to r0 as to r2, which lie months apart: no event may hold both
    site = link([_reid("r0", REID[0], "2008-12-04", i=2), _reid("r1", REID[1], i=2),
                 _reid("r2", REID[2], "2009-03-20", i=2)])
    assert site.events
    assert all(not {"r0", "r2"} <= set(e.articles) for e in site.events.values())


def test_reports_without_text_are_grouped_by_their_actors_alone():
    # no text and nothing shared beyond a place: no event (as before texts were compared)
    site = link([article("a", None, [place("g1", "Malibu")]),
                 article("b", None, [place("g1", "Malibu")])])
    assert site.events == {}


def test_dates_read_from_the_text_are_soft_but_part_look_alikes_years_apart():
    # Follow-ups of one story, dated by the pages themselves ten days apart, stay one
    # event; the same words about a happening five years later do not join it.
    from briefing.link.linking import ArticleInput, link

    lead = ("Microsoft released an emergency patch for Internet Explorer on Wednesday to fix "
            "a flaw attackers used to take over computers, the company said.")

    def report(slug: str, date: str) -> ArticleInput:
        art = article(slug, date, [org("o1", "Microsoft")])
        return ArticleInput(art.slug, art.source, date, art.extraction, text=lead,
                            date_from_text=True)

    site = link([report("a", "2008-12-17"), report("b", "2008-12-27"),
                 report("c", "2013-09-18")])
    assert site.article_event.get("a") is not None
    assert site.article_event.get("a") == site.article_event.get("b")
    assert site.article_event.get("c") != site.article_event.get("a")
