"""content/actors.yml: forced and forbidden merges, corrections, and warnings for bad files."""

from __future__ import annotations

import logging

import support
from briefing.link.linking import link
from briefing.link.overrides import load, parse
from support import actor_named, article, org, person

FIXTURES = support.FIXTURES / "linking"


def _articles():
    return [
        article("a", "2024-02-14", [person("p1", "Amir-Abdollahian", countries=["Iran"]),
                                    org("o1", "Tasnim News Agency")]),
        article("b", "2024-06-01", [person("p1", "Ali Bagheri", countries=["Iran"]),
                                    org("o1", "Tasnim")]),
        article("c", "2022-08-28", [person("p1", "Ali Bagheri Kani", countries=["Iran"]),
                                    person("p2", "Ebrahim Raisi", kind="organization")]),
    ]


def test_without_overrides_the_automatic_result():
    site = link(_articles())
    assert actor_named(site, "Ali Bagheri").id == actor_named(site, "Ali Bagheri Kani").id
    assert actor_named(site, "Tasnim").id != actor_named(site, "Tasnim News Agency").id
    assert actor_named(site, "Amir-Abdollahian").id == "amir-abdollahian"


def test_override_file_forces_forbids_and_corrects():
    ov = load(FIXTURES / "actors.yml")
    assert ov.warnings == []
    site = link(_articles(), ov)
    # same: an abbreviation nobody could guess
    assert actor_named(site, "Tasnim").id == actor_named(site, "Tasnim News Agency").id
    # different: beats the automatic short-form merge
    assert actor_named(site, "Ali Bagheri").id != actor_named(site, "Ali Bagheri Kani").id
    # actors: name (and so the id), description, extra aliases
    fm = actor_named(site, "Amir-Abdollahian")
    assert fm.id == "hossein-amir-abdollahian"
    assert fm.name == "Hossein Amir-Abdollahian"
    assert fm.description.startswith("Iran's foreign minister")
    assert "H. Amir-Abdollahian" in fm.aliases
    # an entry addressed by site id can fix the kind
    raisi = site.actors["ebrahim-raisi"]
    assert raisi.kind == "person" and raisi.description == "President of Iran."
    assert not [w for w in site.warnings if "not found" in w or "matches no actor" in w]


def test_forced_merge_brings_in_names_that_never_match():
    ov = parse({"same": [["Ali Larijani", "Amir-Abdollahian"]]}, "actors.yml")
    arts = _articles() + [article("d", None, [person("p1", "Ali Larijani")])]
    site = link(arts, ov)
    assert actor_named(site, "Ali Larijani").id == actor_named(site, "Amir-Abdollahian").id


def test_unknown_names_are_reported():
    ov = parse({"same": [["Nobody Here", "Amir-Abdollahian"]],
                "actors": {"Someone Else": {"description": "x"}}}, "content/actors.yml")
    site = link(_articles(), ov)
    assert any("'Nobody Here'" in w and "matches no actor" in w for w in site.warnings)
    assert any("'Someone Else'" in w and "not found" in w for w in site.warnings)


def test_invalid_yaml_warns_without_traceback(caplog):
    path = FIXTURES / "broken.yml"
    with caplog.at_level(logging.WARNING):
        ov = load(path)
    assert ov.same == [] and ov.different == [] and ov.actors == {}
    assert len(ov.warnings) == 1
    message = ov.warnings[0]
    assert message.startswith("briefing: ") and str(path) in message
    assert "invalid YAML" in message
    assert message in caplog.text
    # linking still runs and carries the warning
    site = link(_articles(), ov)
    assert message in site.warnings


def test_unknown_keys_and_bad_entries_warn_and_the_rest_applies():
    path = FIXTURES / "bad_keys.yml"
    ov = load(path)
    text = "\n".join(ov.warnings)
    assert all(w.startswith(f"briefing: {path}: ") for w in ov.warnings)
    assert "unknown key 'merge'" in text
    assert "same[1]: needs at least two names" in text
    assert "same[2]: expected a list of names" in text
    assert "actors.Amir-Abdollahian: unknown key 'nmae'" in text
    assert "actors.Amir-Abdollahian.kind: 'minister' is not one of" in text
    assert ov.same == [["Amir-Abdollahian", "Amirabdollahian"]]
    assert ov.actors["Amir-Abdollahian"].description == "Iran's foreign minister."
    assert ov.actors["Amir-Abdollahian"].kind is None


def test_top_level_must_be_a_mapping(tmp_path):
    path = tmp_path / "actors.yml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    ov = load(path)
    assert ov.warnings and "expected a mapping" in ov.warnings[0]
    assert load(tmp_path / "missing.yml").warnings == []
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    assert load(empty).warnings == []


def test_same_contradicting_different_keeps_apart():
    ov = parse({"same": [["Ali Bagheri", "Ali Bagheri Kani"]],
                "different": [["Ali Bagheri", "Ali Bagheri Kani"]]}, "actors.yml")
    site = link(_articles(), ov)
    assert actor_named(site, "Ali Bagheri").id != actor_named(site, "Ali Bagheri Kani").id
    assert any("contradicts 'different'" in w for w in site.warnings)


def test_documented_example_is_valid(tmp_path):
    """The format shown in the module docstring (and the README) loads without warnings."""
    import textwrap

    from briefing.link import overrides

    doc = overrides.__doc__
    block = doc.split("Format (every key optional)::", 1)[1].split("\n\n", 2)[1]
    path = tmp_path / "actors.yml"
    path.write_text(textwrap.dedent(block), encoding="utf-8")
    ov = load(path)
    assert ov.warnings == []
    assert ov.same and ov.different and ov.actors["Amir-Abdollahian"].kind == "person"


def test_actor_entry_by_disambiguated_id():
    arts = [
        article("a", None, [org("o1", "Foreign Ministry", countries=["Iran"])]),
        article("b", None, [org("o1", "Foreign Ministry", countries=["Qatar"])]),
    ]
    assert sorted(link(arts).actors) == ["foreign-ministry", "foreign-ministry-qatar"]
    ov = parse({"actors": {"foreign-ministry-qatar": {"name": "Qatari Foreign Ministry"}}},
               "actors.yml")
    site = link(arts, ov)
    assert sorted(site.actors) == ["foreign-ministry", "qatari-foreign-ministry"]
    assert site.actor_map[("b", "o1")] == "qatari-foreign-ministry"
