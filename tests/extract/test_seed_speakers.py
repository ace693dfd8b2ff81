"""Who says each quote in the five seed articles: a hand annotation, run end to end.

Every direct quote and the clear indirect ones in the seed articles (``content/``) are
annotated with
the speaker a careful reader would name *from the article itself*. Where the article never
names the speaker (000's ``The Iranian minister``), the expected name is the role and the
expected actor is None: naming a person there would take outside knowledge.

An annotated quote the pipeline does not find fails, direct or indirect. Known misses are
``xfail(strict=True)`` with their reason, so fixing one is noticed too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support import CONTENT

KANI = "Ali Bagheri Kani"
KHULAIFI = "Mohammad bin Abdul Aziz al-Khulaifi"
KHALIFI = "Mohammad bin Abdul Aziz al-Khalifi"  # 003 spells him so
HOSSEIN = "Hossein Amir-Abdollahian"
TAMIM = "Tamim bin Hamad Al Thani"
MOHAMMED_004 = "Mohammed bin Abdulrahman Al-Thani"
MOHAMMED_001 = "Mohammed bin Abdulrahman Al Thani"
QATARI_MFA = "Qatari Foreign Ministry"
UNNAMED_IRANIAN = "Iranian minister"  # 000 never names him
UNNAMED_EMIR = "Qatari emir"  # 000 never says the Emir is Sheikh Tamim

# (seed, kind, fragment of the quote text, expected speaker name, expected to be an actor)
ANNOTATIONS = [
    # 000: the Iranian minister is never named; the quotes after ``He added`` follow
    # ``Sheikh Tamim also expressed ...`` and are his (only ``Sheikh Tamim`` names him).
    ("000", "direct", "very well", UNNAMED_IRANIAN, False),
    ("000", "direct", "cordial and brotherly", UNNAMED_IRANIAN, False),
    ("000", "direct", "constructive and can boost regional", UNNAMED_IRANIAN, False),
    ("000", "direct", "conflicting and contradictory", UNNAMED_IRANIAN, False),
    ("000", "direct", "have never been so close", "Tamim", True),
    ("000", "direct", "it shows we have been successful", "Tamim", True),
    ("000", "indirect", "the relations and cooperation between the two countries",
     UNNAMED_IRANIAN, False),
    ("000", "indirect", "the Islamic Republic of Iran’s diplomatic efforts", UNNAMED_IRANIAN,
     False),
    ("000", "indirect", "continuing and expediting joint efforts", UNNAMED_IRANIAN, False),
    ("000", "indirect", "the US approach regarding the Gaza crisis", UNNAMED_IRANIAN, False),
    ("000", "indirect", "the military strikes against Yemen", UNNAMED_IRANIAN, False),
    ("000", "indirect", "he was pleased with the meeting", UNNAMED_EMIR, False),
    ("000", "indirect", "his satisfaction with the deep", "Tamim", True),
    # 001: ``Iran’s acting foreign minister`` is named in the next paragraph: Ali Bagheri.
    ("001", "direct", "The Zionists need to know", "Ali Bagheri", True),
    ("001", "indirect", "he was confident that all the deals", "Ali Bagheri", True),
    ("001", "indirect", "stronger interaction and cooperation", "Ali Bagheri", True),
    ("001", "indirect", "the occupying regime has intensified", "Ali Bagheri", True),
    ("001", "indirect", "Islamic states should work together", "Ali Bagheri", True),
    ("001", "indirect", "the special efforts by the Qatari Emir", MOHAMMED_001, True),
    ("001", "indirect", "his country’s efforts to stop the war", MOHAMMED_001, True),
    # 002
    ("002", "direct", "very good", HOSSEIN, True),
    ("002", "direct", "warmongering moves", HOSSEIN, True),
    ("002", "direct", "During the meeting, they discussed bilateral relations", "Amiri Diwan",
     True),
    ("002", "indirect", "Tehran and Doha cooperation", HOSSEIN, True),
    ("002", "indirect", "the significance of implementing agreements", HOSSEIN, True),
    ("002", "indirect", "appreciation for Qatar’s mediation", HOSSEIN, True),
    ("002", "indirect", "the acceleration of joint efforts", HOSSEIN, True),
    ("002", "indirect", "its contradictions and support for Israel", HOSSEIN, True),
    ("002", "indirect", "Sheikh Tamim lauded the unprecedented closeness",
     "Islamic Republic News Agency", True),
    ("002", "indirect", "his gratitude for Iran’s diplomatic efforts", TAMIM, True),
    ("002", "indirect", "Doha’s recent diplomatic efforts", TAMIM, True),
    # 003
    ("003", "indirect", "the second step in improving neighborhood policy", KANI, True),
    ("003", "indirect", "the successful experience of the administration", KANI, True),
    ("003", "indirect", "the distinguished relationship between Doha and Tehran", KANI, True),
    ("003", "indirect", "any regional arrangements depends", KANI, True),
    ("003", "indirect", "Palestine is the key to long-lasting stability", KANI, True),
    ("003", "indirect", "historical commonalities of Iran and Qatar", KHALIFI, True),
    ("003", "indirect", "the meetings and consultations among officials", KHALIFI, True),
    # 004: four direct quotes by Bagheri Kani, two via role nouns
    ("004", "direct", "The second step in the neighborly policy", KANI, True),
    ("004", "direct", "We welcome Qatar’s effective role", KANI, True),
    ("004", "direct", "Any lasting regional arrangements depend", KANI, True),
    ("004", "direct", "Palestine is the key to the region’s stability", KANI, True),
    ("004", "direct", "During the meeting, they reviewed the bilateral relations", QATARI_MFA,
     True),
    ("004", "direct", "stressed the importance of advancing further", KHULAIFI, True),
    ("004", "direct", "During the phone call, the two sides reviewed", QATARI_MFA, True),
    ("004", "direct", "expressed the State of Qatar's appreciation", KHULAIFI, True),
    ("004", "direct", "the State of Qatar looks forward", MOHAMMED_004, True),
    ("004", "direct", "stressed that this would enhance security", MOHAMMED_004, True),
    ("004", "indirect", "the meeting focused on bilateral ties", "Iranian Foreign Ministry", True),
    ("004", "indirect", "the meeting also included discussions", QATARI_MFA, True),
    ("004", "indirect", "the Qatari diplomat “stressed", QATARI_MFA, True),
    ("004", "indirect", "the historical commonalities between the two countries", KHULAIFI,
     True),
    ("004", "indirect", "meetings and consultations between Foreign Ministry officials",
     KHULAIFI, True),
    ("004", "indirect", "Sheikh Mohammed and Amir Abdollahian reviewed", QATARI_MFA, True),
]


@pytest.fixture(scope="module")
def extracted(nlp):
    from briefing.extract.article import extract_many, read_text

    paths = sorted(CONTENT.glob("*.txt"))
    assert len(paths) == 5, f"the five seed articles belong in {CONTENT}: {paths}"
    items = [(str(p), read_text(str(p))) for p in paths]
    return {Path(x.path).name[:3]: x for x in extract_many(items, nlp=nlp)}


def _matches(extraction, kind, fragment):
    """The innermost quotes holding ``fragment``: reported speech nested in another report
    (``Tamim … expressed his gratitude …, IRNA reported``) is the inner speaker's."""
    found = [q for q in extraction.quotes if q.kind == kind and fragment in q.text]
    return [
        q
        for q in found
        if not any(o is not q and q.start <= o.start and o.end <= q.end for o in found)
    ]


@pytest.mark.parametrize("seed, kind, fragment, name, named", ANNOTATIONS)
def test_seed_quote_speaker(extracted, seed, kind, fragment, name, named):
    quotes = _matches(extracted[seed], kind, fragment)
    assert quotes, f"{seed}: no {kind} quote containing {fragment!r}"
    actor_names = {a.id: a.name for a in extracted[seed].actors}
    for q in quotes:
        assert q.speaker is not None, f"{seed}: {fragment!r} has no speaker"
        assert q.speaker.name == name, (seed, fragment, q.speaker)
        if named:
            assert actor_names.get(q.speaker.actor) == name, (seed, fragment, q.speaker)
        else:
            assert q.speaker.actor is None, (seed, fragment, q.speaker)


def test_every_direct_quote_is_annotated(extracted):
    annotated: dict[str, list[str]] = {}
    for row in ANNOTATIONS:
        values = row.values if hasattr(row, "values") else row
        seed, kind, fragment = values[0], values[1], values[2]
        if kind == "direct":
            annotated.setdefault(seed, []).append(fragment)
    missing = [
        (seed, q.text[:60])
        for seed, x in sorted(extracted.items())
        for q in x.quotes
        if q.kind == "direct" and not any(f in q.text for f in annotated.get(seed, []))
    ]
    assert not missing, f"direct quotes without an annotation: {missing}"
