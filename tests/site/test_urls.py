"""Addresses of actor, topic and event pages come from the BRIEFING_*_URL settings."""

from __future__ import annotations

from briefing.render import urls, views


def test_pages_are_one_file_each_unless_a_site_says_otherwise():
    assert urls.url({}, "actor", "ana-reyes") == "actors/ana-reyes.html"
    assert urls.save_as(None, "topic", "energy") == "topics/energy.html"
    assert urls.url({}, "event", "2024-01-01-x") == "events/2024-01-01-x.html"
    folders = {"BRIEFING_ACTOR_URL": "people/{id}/",
               "BRIEFING_ACTOR_SAVE_AS": "people/{id}/index.html"}
    assert urls.url(folders, "actor", "ana-reyes") == "people/ana-reyes/"
    assert urls.save_as(folders, "actor", "ana-reyes") == "people/ana-reyes/index.html"
    # a setting left None (as a site may write it) is its default
    assert urls.url({"BRIEFING_TOPIC_URL": None}, "topic", "energy") == "topics/energy.html"
    filters = urls.jinja_filters(folders)
    assert filters["actor_url"]("ana-reyes") == "people/ana-reyes/"
    assert filters["event_url"]("e") == "events/e.html"


def test_no_topic_takes_the_file_of_the_list_of_topics():
    # a topic page is topics/<slug>.html beside the list, topics/index.html
    assert views._topic_slug("Index") == "index-topic"
    assert views._topic_slug("Energy") == "energy"
    assert views._topic_slug("!!!") == "topic"
