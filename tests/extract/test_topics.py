"""Topics: vocabulary on words and lemmas, custom vocabularies, key entities, determinism."""

from __future__ import annotations

from briefing.extract import actors as actors_mod
from briefing.extract import topics
from briefing.records import Actor, Mention
from briefing.textformat import mask_date_line, parse_text
from support import REPO

CONTENT = REPO / "content"


def topics_of(nlp, text, vocabulary=None, **kw):
    parsed = parse_text(text)
    doc = nlp(mask_date_line(text, parsed.body_start))
    return topics.find_topics(doc, actors_mod.find_actors(doc), vocabulary, **kw)


def test_default_vocabulary_matches_words_and_lemmas(nlp):
    text = (
        "Diplomats in Vienna discussed reviving the JCPOA. The nuclear deal would lift "
        "sanctions; Washington sanctioned two more banks."
    )
    found = topics_of(nlp, text)
    assert "Nuclear deal" in found
    assert "Sanctions" in found  # ``sanctions`` and the lemma of ``sanctioned``
    # two hits each: the tie goes by name
    assert found.index("Nuclear deal") < found.index("Sanctions")


def test_word_boundaries(nlp):
    found = topics_of(nlp, "The turmoil hurt the trademark office. Nobody spoke of it.",
                      {"Energy": ["oil"], "Trade": ["trade"]})
    assert found == []


def test_custom_vocabulary_replaces_the_default(nlp):
    text = "The striker scored a late goal. Sanctions were not discussed. Another goal followed."
    found = topics_of(nlp, text, {"Football": ["goal", "striker"]})
    assert found == ["Football"]


def test_multiword_triggers_and_counts_order_topics(nlp):
    vocab = {"Ceasefire": ["truce", "cease-fire"], "Humanitarian aid": ["humanitarian aid"]}
    text = (
        "The truce held. A cease-fire was extended and the ceasefire was praised. "
        "Humanitarian aid entered."
    )
    assert topics_of(nlp, text, vocab) == ["Ceasefire", "Humanitarian aid"]


def test_ties_are_broken_by_name():
    # no Doc needed for entity topics: two places named twice each, one once
    def place(name, n):
        return Actor(id=name.lower(), name=name, kind="place", aliases=[name],
                     mentions=[Mention(i, i + 1, name) for i in range(n)])

    class EmptyDoc:
        noun_chunks = ()

        def __iter__(self):
            return iter(())

    found = topics.find_topics(EmptyDoc(), [place("Tehran", 2), place("Doha", 2),
                                            place("Cairo", 1)], {})
    assert found == ["Doha", "Tehran"]


def test_limit_and_determinism_on_a_seed(nlp):
    text = (CONTENT / "004_48b212c04e3cc9b7.txt").read_text("utf-8")
    first = topics_of(nlp, text)
    assert first == topics_of(nlp, text)
    assert len(first) <= topics.DEFAULT_LIMIT
    assert first[0] == "Nuclear deal"
    assert {"Qatar", "Iran", "Bilateral relations"} <= set(first)
    assert len(topics_of(nlp, text, limit=3)) == 3


def test_places_named_twice_are_topics_once_are_not(nlp):
    found = topics_of(nlp, "Qatar hosted talks. Qatar said Oman helped.", {})
    assert "Qatar" in found and "Oman" not in found

