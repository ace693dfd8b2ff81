"""Name parts: one person's spellings meet, family members never do (issue 17).

Each case is written out by hand; the conflict rules are read from the names' parts
(given, middle initials, family name, generational suffix), never from a single string.
"""

from __future__ import annotations

import pytest
from briefing.link.linking import link
from briefing.link.namematch import (
    FUZZY,
    compare_persons,
    generation,
    initials,
    org_key,
    parse_person,
    persons_conflict,
    single_fits,
    token_match,
    without_legal_form,
)
from support import actor_named, article, org, person, place


def conflict(a: str, b: str) -> bool:
    return persons_conflict(parse_person(a), parse_person(b))


@pytest.mark.parametrize("name, suffix", [
    ("Donald Trump Jr.", "jr"), ("Donald Trump, Jr.", "jr"), ("Donald Trump Junior", "jr"),
    ("George H. W. Bush", ""), ("John Smith III", "iii"), ("Martin Luther King Sr.", "sr"),
    ("Trump Jr.", "jr"), ("Ken Griffey Jr", "jr"),
    # a suffix word nameparser reads as another part, and a name that only looks like one
    ("Junior Seau", ""), ("Sr. Mary", ""), ("Jrue Holiday", ""),
])
def test_generational_suffix_is_a_name_part(name, suffix):
    assert generation(name) == suffix
    assert "jr" not in parse_person(name).tokens and "iii" not in parse_person(name).tokens


@pytest.mark.parametrize("a, b", [
    # a different or missing suffix
    ("Donald Trump", "Donald Trump Jr."), ("Trump", "Donald Trump Jr."),
    ("Donald J. Trump", "Donald Trump Jr."),
    # a different given name under one family name, Western or East Asian order
    ("Melania Trump", "Donald Trump"), ("Ivanka Trump", "Donald Trump Jr."),
    ("Bill Clinton", "Hillary Clinton"), ("Chelsea Clinton", "Hillary Rodham Clinton"),
    ("Kim Jong Un", "Kim Yo Jong"), ("Kim Jong Un", "Kim Jong Il"), ("Kim Yo Jong", "Kim Jong Il"),
    ("Jeb Bush", "George W. Bush"),
    # middle initials that differ: they never bridge father and son
    ("George W. Bush", "George H. W. Bush"),
])
def test_family_members_conflict(a, b):
    assert conflict(a, b) and conflict(b, a)


@pytest.mark.parametrize("a, b", [
    ("James B. Comey", "James Comey"),  # a dropped middle initial
    ("Donald J. Trump", "Donald Trump"),
    ("Moon Jae-in", "Moon Jae In"), ("Kim Jong-un", "Kim Jong Un"),
    ("Hillary Rodham Clinton", "Hillary Clinton"),
    ("Trump Jr.", "Donald Trump Jr."),
    ("Trump", "Donald Trump"), ("Comey", "James B. Comey"),
])
def test_one_persons_spellings_do_not_conflict(a, b):
    assert not conflict(a, b) and not conflict(b, a)


def test_a_dropped_initial_is_a_short_form_not_an_equal_name():
    assert compare_persons(parse_person("James Comey"), parse_person("James B. Comey"))[0] == "a<b"
    assert compare_persons(parse_person("George W. Bush"),
                           parse_person("George H. W. Bush"))[0] == "none"


@pytest.mark.parametrize("a, b, rel", [
    ("Frederick C. LaRue", "Frederick Cheney LaRue", "equal"),
    ("John F. Kennedy", "John Fitzgerald Kennedy", "equal"),
    ("George H. W. Bush", "George Herbert Walker Bush", "equal"),
    # the initial must be the name's: W is not Herbert, and a given name is no initial
    ("George W. Bush", "George Herbert Walker Bush", "none"),
    ("George W. Bush", "George Herbert Bush", "none"),
    ("J. Smith", "John Smith", "none"),
])
def test_a_middle_initial_stands_for_its_name_as_a_variant(a, b, rel):
    got = compare_persons(parse_person(a), parse_person(b))
    assert got[0] == rel
    if rel == "equal":
        assert got[1] == FUZZY  # a variant: merging it needs corroboration


def test_an_initial_and_its_name_merge_only_with_corroboration():
    alone = link([
        article("a", "2008-06-27", [person("p1", "Frederick C. LaRue")]),
        article("b", "2008-06-28", [person("p1", "Frederick Cheney LaRue")]),
    ])
    assert len(alone.actors) == 2
    role = "Nixon campaign aide"
    shared = link([
        article("a", "2008-06-27", [person("p1", "Frederick C. LaRue", roles=[role])]),
        article("b", "2008-06-28", [person("p1", "Frederick Cheney LaRue", roles=[role])]),
    ])
    assert len(shared.actors) == 1


def test_a_short_given_name_the_article_spells_out_compares_by_the_full_one():
    # One article writes "Fred LaRue" and "Frederick LaRue": it tied the nickname to the
    # name itself, so elsewhere "Frederick C. LaRue" is his short form, not a variant.
    tied = link([
        article("a", "2008-06-27", [person("p1", "Fred LaRue", aliases=["Frederick LaRue"])]),
        article("b", "2008-06-28", [person("p1", "Frederick C. LaRue")]),
    ])
    assert len(tied.actors) == 1
    # Without it, Fred for Frederick is a variant needing corroboration: kept apart.
    untied = link([
        article("a", "2008-06-27", [person("p1", "Fred LaRue")]),
        article("b", "2008-06-28", [person("p1", "Frederick C. LaRue")]),
    ])
    assert len(untied.actors) == 2
    # A given name spelled out never bridges two people of one family.
    family = link([
        article("a", "2008-06-27", [person("p1", "Fred LaRue", aliases=["Frederick LaRue"])]),
        article("b", "2008-06-28", [person("p1", "Joyce LaRue")]),
    ])
    assert len(family.actors) == 2


def test_father_and_son_stay_two_actors_across_articles():
    site = link([
        article("a", "2017-01-20", [person("p1", "Donald Trump")]),
        article("b", "2017-01-21", [person("p1", "Donald Trump Jr.")]),
        article("c", "2017-01-22", [person("p1", "Trump Jr.")]),
        article("d", "2017-01-22", [person("p1", "George W. Bush")]),
        article("e", "2017-01-23", [person("p1", "George H. W. Bush")]),
        article("f", "2017-01-23", [person("p1", "James B. Comey")]),
        article("g", "2017-01-24", [person("p1", "James Comey")]),
    ])
    trump, junior = actor_named(site, "Donald Trump"), actor_named(site, "Donald Trump Jr.")
    assert trump.id != junior.id
    assert actor_named(site, "Trump Jr.").id == junior.id
    assert actor_named(site, "George W. Bush").id != actor_named(site, "George H. W. Bush").id
    assert actor_named(site, "James Comey").id == actor_named(site, "James B. Comey").id


def test_a_full_name_tagged_as_a_place_in_one_article_is_the_person():
    from support import place

    site = link([
        article("a", None, [person("p1", "Hugh Jackman")]),
        article("b", None, [person("p1", "Hugh Jackman")]),
        article("c", None, [place("g1", "Hugh Jackman")]),
        article("d", None, [place("g1", "Jordan")]),
        article("e", None, [person("p1", "Michael Jordan")]),
    ])
    assert len({site.actor_map[(s, k)] for s, k in (("a", "p1"), ("b", "p1"), ("c", "g1"))}) == 1
    assert site.actors[site.actor_map[("c", "g1")]].kind == "person"
    # a lone word stays what it was tagged: Jordan the country is no Michael Jordan
    assert site.actors[site.actor_map[("d", "g1")]].kind == "place"


def test_a_lone_surname_goes_by_the_pronouns_the_article_gives_it():
    from briefing.records import Mention

    amber = [article(f"l{i}", None, [person("p1", "Amber Peterson")]) for i in range(4)]
    scott = [article("s0", None, [person("p1", "Scott Peterson")])]
    lone = person("p1", "Peterson")
    lone.mentions += [Mention(20, 22, "he"), Mention(40, 43, "his")]
    site = link([*amber, *scott, article("x", None, [lone])])
    # Amber leads on support four to one, but "he" and "his" say the surname is Scott's
    assert site.actor_map[("x", "p1")] == site.actor_map[("s0", "p1")]


def test_an_acronym_with_several_expansions_joins_none():
    from support import org

    site = link([
        article("a", None, [org("o1", "Bear Stearns")]),
        article("b", None, [org("o1", "Boy Scouts")]),
        article("c", None, [org("o1", "BS")]),
        article("d", None, [org("o1", "IRNA")]),
        article("e", None, [org("o1", "Islamic Republic News Agency")]),
    ])
    assert len({site.actor_map[(s, "o1")] for s in "abc"}) == 3
    assert site.actor_map[("d", "o1")] == site.actor_map[("e", "o1")]


def test_a_lone_word_follows_the_sites_majority_kind():
    from support import org, place

    arts = [article(f"p{i}", None, [person("p1", "Trump")]) for i in range(5)]
    arts += [article("o", None, [org("o1", "Trump")]), article("j", None, [place("g1", "Jordan")]),
             article("k", None, [person("p1", "Jordan")])]
    site = link(arts)
    assert site.actors[site.actor_map[("o", "o1")]].kind == "person"
    assert site.actor_map[("o", "o1")] == site.actor_map[("p0", "p1")]
    assert site.actors[site.actor_map[("j", "g1")]].kind == "place"  # one vote each: as tagged


def test_a_short_name_between_a_leader_and_a_headline_slip_joins_the_leader():
    arts = [article(f"j{i}", None, [person("p1", "Donald J. Trump")]) for i in range(10)]
    arts += [article("slip", None, [person("p1", "Polls Donald Trump")]),
             article("short", None, [person("p1", "Donald Trump")])]
    site = link(arts)
    assert site.actor_map[("short", "p1")] == site.actor_map[("j0", "p1")]
    assert site.actor_map[("slip", "p1")] != site.actor_map[("j0", "p1")]


def test_the_canonical_name_leaves_out_a_word_seen_once():
    arts = [article(f"b{i}", None, [person("p1", "Bernie Sanders")]) for i in range(60)]
    arts += [article("slip", None, [person("p1", "Bernie Sanders Pins", aliases=["Sanders"])])]
    site = link(arts)
    actor = site.actors[site.actor_map[("b0", "p1")]]
    assert site.actor_map[("slip", "p1")] == actor.id
    assert actor.name == "Bernie Sanders" and actor.id == "bernie-sanders"


@pytest.mark.parametrize("written, read", [
    ('Vincent "The Chin" Gigante', ("vincent", "gigante")),
    ("Vincent 'The Chin' Gigante", ("vincent", "gigante")),
    ("Vincent “The Chin” Gigante", ("vincent", "gigante")),
    ("Mohammed (Mo) Salah", ("mohammed", "salah")),
    ("Conan O'Brien", ("conan", "obrien")),  # an apostrophe inside a name is no quote
])
def test_a_nickname_written_inside_a_name_is_no_name_part(written, read):
    assert parse_person(written).tokens == read


def test_a_given_names_short_form_is_the_name_but_needs_corroboration():
    fred, frederick = parse_person("Fred LaRue"), parse_person("Frederick C. LaRue")
    assert compare_persons(fred, frederick) == ("a<b", 1)  # FUZZY, not EXACT
    assert not conflict("Katie Jenkin", "Kathryn Jenkin")
    assert conflict("Bill Clinton", "Hillary Clinton")  # not a short form of each other
    # Corroborated (the same event, the same people around): one person.
    same_story = [person("p2", "John Dean"), person("p3", "Richard Nixon")]
    site = link([
        article("a", "2004-07-30", [person("p1", "Fred LaRue"), *same_story]),
        article("b", "2004-07-31", [person("p1", "Frederick C. LaRue"), *same_story]),
    ])
    assert actor_named(site, "Fred LaRue").id == actor_named(site, "Frederick C. LaRue").id
    # Nothing else in common: a short form alone does not merge two people.
    site = link([
        article("a", "2004-07-30", [person("p1", "Sam Smith")]),
        article("b", "2011-02-01", [person("p1", "Samantha Smith")]),
        article("c", "2013-05-03", [person("p1", "Chris Jones")]),
        article("d", "2015-09-09", [person("p1", "Christine A. Jones")]),
    ])
    assert actor_named(site, "Sam Smith").id != actor_named(site, "Samantha Smith").id
    assert actor_named(site, "Chris Jones").id != actor_named(site, "Christine A. Jones").id


def test_a_headline_word_before_a_well_known_full_name_is_no_name():
    known = [article(f"k{i}", f"2016-10-0{i}", [person("p1", "Donald Trump"),
                                                person("p2", "Hillary Clinton"),
                                                person("p3", "Kate Olsen")])
             for i in range(1, 4)]
    site = link([
        *known,
        article("x", "2016-10-05", [person("p1", "Certainly Donald Trump")]),
        article("y", "2016-10-06", [person("p1", "Crooked Hillary Clinton")]),
        article("z", "2016-10-07", [person("p1", "Mary Kate Olsen")]),
        article("w", "2016-10-08", [person("p1", "Polls Jane Roe")]),  # Jane Roe: unknown
    ])
    trump, clinton = actor_named(site, "Donald Trump"), actor_named(site, "Hillary Clinton")
    assert "x" in trump.articles and "y" in clinton.articles
    names_ = {n for a in site.actors.values() for n in (a.name, *a.aliases)}
    assert not names_ & {"Certainly Donald Trump", "Crooked Hillary Clinton"}
    # "Mary" is a given name: the name is not cut to "Kate Olsen"
    assert actor_named(site, "Mary Kate Olsen").name == "Mary Kate Olsen"
    assert actor_named(site, "Polls Jane Roe").name == "Polls Jane Roe"


def test_a_family_name_tagged_as_a_place_beside_one_persons_company_is_that_person():
    company = [org("o1", "Betty Ford Center"), person("p2", "Shawn Holley")]
    site = link([
        *(article(f"k{i}", f"2013-05-0{i}", [person("p1", "Lindsay Lohan"), *company])
          for i in range(1, 4)),
        article("h", "2013-05-04", [place("g1", "Lohan"), *company]),  # a headline-only brief
        *(article(f"a{i}", f"2013-06-0{i}", [person("p1", "Abraham Lincoln"),
                                             person("p2", "Mary Todd Lincoln")])
          for i in range(1, 4)),
        article("n", "2013-06-05", [place("g1", "Lincoln"), org("o1", "University of Nebraska"),
                                    person("p2", "Jane Roe")]),
    ])
    assert "h" in actor_named(site, "Lindsay Lohan").articles
    lincoln = [a for a in site.actors.values() if a.name == "Lincoln"]
    assert [a.kind for a in lincoln] == ["place"]


def test_a_name_readers_know_from_many_briefings_outweighs_a_headline_slip():
    trump = person("p2", "Donald Trump")
    site = link([
        *(article(f"k{i:02}", "2016-10-01", [person("p1", "Hillary Clinton"), trump])
          for i in range(20)),
        article("s", "2016-10-02", [person("p1", "Crooked Hillary", roles=["candidate"]), trump]),
        article("h", "2016-10-03", [person("p1", "Hillary", roles=["candidate"]), trump]),
    ])
    assert "h" in actor_named(site, "Hillary Clinton").articles


def test_a_place_turned_person_that_joins_nobody_stays_a_place():
    # "Hilton" beside the company of Paris Hilton, whose sister Nicky is in it too: whose
    # name is it? Nobody's, so the place it was tagged as, not a lone person "Hilton".
    company = [person("p2", "Nicky Hilton"), org("o1", "MTV")]
    site = link([
        *(article(f"k{i}", f"2013-05-0{i}", [person("p1", "Paris Hilton"), *company])
          for i in range(1, 3)),
        article("h", "2013-05-04", [place("g1", "Hilton"), *company]),
    ])
    hilton = [a for a in site.actors.values() if a.name == "Hilton"]
    assert [(a.kind, a.articles) for a in hilton] == [("place", ["h"])]


def test_a_nationality_before_a_persons_full_name_tagged_an_organisation_is_that_person():
    site = link([
        article("a", "2006-08-14", [person("p1", "Hasim Rahman")]),
        article("b", "2006-08-15", [org("o1", "American Hasim Rahman")]),
        # "American Airlines" stays an organisation: no person on the site is "Airlines"
        article("c", "2006-08-15", [org("o1", "American Airlines Group")]),
    ])
    rahman = actor_named(site, "Hasim Rahman")
    assert rahman.kind == "person" and rahman.articles == ["a", "b"]
    assert actor_named(site, "American Airlines Group").kind == "organization"


def test_a_headline_verb_run_into_a_well_known_full_name_comes_off():
    known = [article(s, "2016-03-0" + s, [person("p1", "Donald Trump")]) for s in "123"]
    site = link(known + [
        article("4", "2016-03-04", [person("p1", "Donald Trump Wins")]),
        # a family name someone on the site has stays: another person
        article("5", "2016-03-05", [person("p1", "Donald Trump Jones")]),
        article("6", "2016-03-05", [person("p1", "Martha Jones")]),
        # the article calls him by that word alone: his family name
        article("7", "2016-03-06", [person("p1", "Donald Trump Ashby", aliases=["Ashby"])]),
        # a suffix is no headline word
        article("8", "2016-03-06", [person("p1", "Donald Trump Jr.")]),
    ])
    trump = actor_named(site, "Donald Trump")
    assert trump.articles == ["1", "2", "3", "4"] and trump.id == "donald-trump"
    assert not any("Donald Trump Wins" in [a.name, *a.aliases] for a in site.actors.values())
    assert {a.name for a in site.actors.values()} >= {"Donald Trump Jones",
                                                       "Donald Trump Ashby",
                                                       "Donald Trump Jr."}



@pytest.mark.parametrize("a, b", [
    ("mohammad", "mohammed"), ("hussein", "husain"), ("khalifi", "khulaifi"),
    ("ahmad", "ahmed"), ("hosein", "hossein"),
])
def test_a_lone_name_fits_a_transliteration_with_other_vowels_in_the_same_places(a, b):
    assert single_fits(parse_person(a.title()), parse_person(f"Sami {b.title()}")) == FUZZY


@pytest.mark.parametrize("a, b", [
    # a vowel dropped, moved or swapped in a short name: other people, whose consonants
    # and letter overlap alone made them "variants" (a lone "Carol" joined Carl Icahn)
    ("carol", "carl"), ("michele", "michael"), ("byrd", "brad"), ("sana", "sean"),
    ("hurt", "hart"), ("marcia", "marc"),
])
def test_a_lone_name_a_vowel_apart_fits_no_one(a, b):
    assert single_fits(parse_person(a.title()), parse_person(f"Sami {b.title()}")) == 0
    # in a full name the rest of it, and evidence, can still back a variant (Duncan
    # Rait / Duncan Raite): that is compare_persons' call, not a lone name's
    assert token_match("rait", "raite") == FUZZY


def test_a_korean_name_with_a_lower_case_syllable_is_a_name_that_merges():
    # "Ban Ki-moon" was read as a description (the "moon" after the hyphen is lower case),
    # and descriptions never merge by name: three articles gave three Ban Ki-moons.
    arts = [article("a", "2016-05-09", [person("b1", "Ban Ki-moon", ["Ban"], mentions=31)]),
            article("b", "2016-09-10", [person("b2", "Ban Ki-moon", roles=["Secretary"])]),
            article("c", "2016-01-12", [person("b3", "Ban Ki Moon")]),
            article("d", "2017-05-10", [person("m1", "Moon Jae-in")]),
            article("e", "2017-05-11", [person("m2", "Moon Jae In")])]
    site = link(arts)
    assert sorted(actor_named(site, "Ban Ki-moon").articles) == ["a", "b", "c"]
    assert sorted(actor_named(site, "Moon Jae-in").articles) == ["d", "e"]


@pytest.mark.parametrize("surface, base", [
    ("Intel Corp.", "Intel"),
    ("Microsoft Corp", "Microsoft"),
    ("Nissan Motor Co., Ltd.", "Nissan Motor"),
    ("BP plc", "BP"),
    ("Ford Motor Company", "Ford Motor"),
    # a two-letter word of another country's company law is a word here
    ("Texas AG", "Texas AG"),
    # nothing but a legal form: the name stays
    ("Inc.", "Inc."),
    ("Johnson & Johnson", "Johnson & Johnson"),
])
def test_legal_form_dropped(surface, base):
    assert without_legal_form(surface) == base


def test_org_key_and_initials_ignore_legal_form():
    assert org_key("The Intel Corp.") == org_key("Intel")
    assert initials("Advanced Micro Devices Inc.") == "amd"
