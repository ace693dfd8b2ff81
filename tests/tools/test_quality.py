"""Quality floors: the figures the README states hold, within 0.01, on the real corpora.

The README's figures and these floors come from one command: ``invoke eval --record``
writes ``docs/figures.json`` (``invoke eval-linking --record`` its ``linking`` part), the
README quotes it (checked here), and these tests hold the code to it.
"""

from __future__ import annotations

import json

import pytest
from briefing.tools import evaluate
from support import REPO

FIGURES = REPO / "docs" / "figures.json"
TOLERANCE = 0.01
QUOTE_FLOORS = ("direct_f1", "speaker_accuracy", "attribution_f1")


def recorded(section: str) -> dict:
    data = json.loads(FIGURES.read_text(encoding="utf-8"))
    assert section in data, f"{FIGURES} has no {section!r} figures: run invoke eval --record"
    return data[section]


def test_readme_states_the_recorded_quote_figures():
    readme = REPO.joinpath("README.md").read_text(encoding="utf-8")
    dev = recorded("quotes")["dev"]
    row = (f"| dev, Briefing | {dev['direct_precision']:.3f} / {dev['direct_recall']:.3f} / "
           f"**{dev['direct_f1']:.3f}** | **{dev['speaker_accuracy']:.3f}** | "
           f"{dev['attribution_precision']:.3f} / {dev['attribution_recall']:.3f} / "
           f"**{dev['attribution_f1']:.3f}** |")
    assert row in readme


@pytest.fixture(scope="module")
def dev_figures(polnear_path, nlp) -> dict:
    """One ``evaluate`` run on PolNeAR dev, quotes and headlines, shared by the floors."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert evaluate.main(["--corpus", str(polnear_path), "--split", "dev", "--json"]) == 0
    return json.loads(out.getvalue())["results"]["dev"]


@pytest.mark.corpus
def test_dev_quote_figures_hold(dev_figures):
    now = dev_figures["system"]
    floor = recorded("quotes")["dev"]
    low = {k: (now[k], floor[k]) for k in QUOTE_FLOORS if now[k] < floor[k] - TOLERANCE}
    assert not low, f"below the recorded figures (now, recorded): {low}"


HEADLINE_FLOORS = ("rouge1_f", "rougeL_f")


def test_readme_states_the_recorded_headline_figures():
    readme = REPO.joinpath("README.md").read_text(encoding="utf-8")
    for label, name in (("dev", "dev"), ("train (unseen)", "train unseen (320)")):
        fig = recorded("headlines")[label]
        ours, base = fig["briefing"], fig["baseline"]
        row = (f"| {name} | **{ours['rouge1_f']:.3f}** | **{ours['rougeL_f']:.3f}** | "
               f"{base['rouge1_f']:.3f} | {base['rougeL_f']:.3f} |")
        assert row in readme


@pytest.mark.corpus
def test_dev_headline_figures_hold_and_beat_the_lead(dev_figures):
    now = dev_figures["headlines"]
    floor = recorded("headlines")["dev"]["briefing"]
    low = {k: (now["system"][k], floor[k]) for k in HEADLINE_FLOORS
           if now["system"][k] < floor[k] - TOLERANCE}
    assert not low, f"below the recorded figures (now, recorded): {low}"
    assert all(now["system"][k] > now["baseline"][k] for k in HEADLINE_FLOORS)


LINKING_FLOORS = (
    (("briefing", "named", "person", "precision"), "named-person B-cubed precision"),
    (("briefing", "named", "person", "f1"), "named-person B-cubed F1"),
    (("briefing", "named", "person", "coverage"), "named-person coverage"),
    (("briefing", "named", "organization", "f1"), "named-organisation B-cubed F1"),
    (("briefing", "events", "f1"), "same-event pair F1"),
)


def _at(figures: dict, path: tuple[str, ...]) -> float:
    for key in path:
        figures = figures[key]
    return figures


def test_readme_states_the_recorded_linking_figures():
    readme = REPO.joinpath("README.md").read_text(encoding="utf-8")
    fig = recorded("linking")
    person, events = fig["briefing"]["named"]["person"], fig["briefing"]["events"]
    row = (f"| ECB+, Briefing | {person['precision']:.3f} / {person['recall']:.3f} / "
           f"**{person['f1']:.3f}** | {person['coverage']:.3f} | {events['precision']:.3f} / "
           f"{events['recall']:.3f} / **{events['f1']:.3f}** | {events['ari']:.3f} |")
    assert row in readme
    org = fig["briefing"]["named"]["organization"]
    base = fig["baseline"]["named"]["organization"]
    assert (f"organisations score {org['precision']:.3f} / {org['recall']:.3f} / "
            f"**{org['f1']:.3f}** (baseline {base['f1']:.3f})") in readme


@pytest.mark.corpus
def test_ecbplus_linking_figures_hold(ecbplus_path, tmp_path, capsys):
    from briefing.tools import eval_linking

    code = eval_linking.main(["--corpus", str(ecbplus_path), "--json",
                              "--cache-path", str(tmp_path / "cache")])
    assert code == 0
    out = capsys.readouterr().out
    now = json.loads(out[out.index("{"):])
    floor = recorded("linking")
    low = {name: (_at(now, path), _at(floor, path)) for path, name in LINKING_FLOORS
           if _at(now, path) < _at(floor, path) - TOLERANCE}
    assert not low, f"below the recorded figures (now, recorded): {low}"
