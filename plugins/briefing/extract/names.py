"""Personal names: honorifics, Arabic/European name particles, and short-form matching."""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

# Forms of address that are not part of who someone is: the one list, read by extraction
# (name keys) and by linking (``link.namematch``).
HONORIFICS = frozenset(
    """
    sheikh sheikha shaikh shaikha shaykh sheik mr mrs ms miss mx dr prof professor sir
    dame lord lady excellency highness majesty eminence honourable honorable hon rev reverend
    sayyid sayyed sayed seyed seyyed ayatollah hojatoleslam hojjatoleslam hajj haji haj
    """.split()
)
# Words of a courtesy phrase around an honorific (``His Royal Highness``, ``H.E.``).
# "Doctor" too, written out: before a name in a title ("Doctor Who") it names no one.
COURTESY_WORDS = frozenset("his her their royal he h.e hrh doctor".split())
MALE_HONORIFICS = frozenset("sheikh shaikh sheik mr sir lord".split())
FEMALE_HONORIFICS = frozenset("sheikha shaikha mrs ms miss dame lady".split())
# Generational suffixes, folded to one spelling each: "Jr." and "Junior" are one, and a
# different or missing one is another person (Donald Trump / Donald Trump Jr.).
GENERATION = {
    "jr": "jr", "jnr": "jr", "junior": "jr", "sr": "sr", "snr": "sr", "senior": "sr",
    "ii": "ii", "2nd": "ii", "iii": "iii", "3rd": "iii", "iv": "iv", "4th": "iv",
}
# Third-person pronouns and the gender they say.
PRONOUN_GENDER = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}
# Words inside a name that join its parts (``bin Hamad Al Thani``, ``van der Leyen``).
PARTICLES = frozenset(
    "bin bint ibn ben al el ul abu abd de da di del der van von la le du dos das".split()
)


def honorific_gender(word: str) -> str | None:
    """``m`` for Mr./Sheikh, ``f`` for Mrs./Sheikha, else None."""
    low = word.lower().rstrip(".")
    return "m" if low in MALE_HONORIFICS else "f" if low in FEMALE_HONORIFICS else None


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in HONORIFICS


def is_particle(word: str) -> bool:
    return word.lower() in PARTICLES


def name_key(name: str) -> tuple[str, ...]:
    """Comparable name parts: case, accents, hyphens and honorifics do not matter.

    ``Amir-Abdollahian`` and ``Amir Abdollahian`` share a key; ``Al-Thani`` and ``Al Thani``.
    """
    norm = unicodedata.normalize("NFKD", name).replace("’", "'").replace("‘", "'")
    norm = "".join(c for c in norm if not unicodedata.combining(c))
    parts = [p for p in re.split(r"[\s\-‐–]+", norm.casefold()) if p]
    parts = [re.sub(r"[^\w']", "", p) for p in parts]
    return tuple(p for p in parts if p and p.rstrip(".") not in HONORIFICS)


# Words that end a place's own name (``Kansas City``, ``Gaza Strip``, ``Orange County``).
_PLACE_WORDS = frozenset("city county state province region district strip governorate".split())


def after_place(words: Sequence[str], is_place: Callable[[str], bool]) -> list[list[str]]:
    """The capitalised words left after each leading place name of one to three words, the
    longest place first: ``Kansas City Chiefs`` -> ``Chiefs`` (before ``City Chiefs``, when
    ``Kansas`` is a place too). A team or paper named after its city (``Chicago Sun-Times``)
    is also called by the rest alone; a rest of place words (``Kansas City``) is the
    place's own name."""
    return [list(words[k:]) for k in range(min(3, len(words) - 1), 0, -1)
            if is_place(" ".join(words[:k])) and words[k][:1].isupper()
            and not all(w.lower() in _PLACE_WORDS for w in words[k:])]


def _contains(full: Sequence[str], short: Sequence[str]) -> bool:
    n = len(short)
    return any(tuple(full[i : i + n]) == tuple(short) for i in range(len(full) - n + 1))


def is_short_form(short: Sequence[str], full: Sequence[str]) -> bool:
    """Whether ``short`` is a contiguous part of ``full`` that can stand for the person.

    Particles alone (``Al``, ``bin``) never identify anyone.
    """
    if not short or len(short) >= len(full):
        return False
    if all(p in PARTICLES for p in short):
        return False
    # "Donald Trump" is no short form of "Donald Trump Jr."; "Trump Jr." is
    suffix = GENERATION.get(full[-1].rstrip("."))
    if suffix and GENERATION.get(short[-1].rstrip(".")) != suffix:
        return False
    return _contains(full, short)


def cluster_names(names: Sequence[str]) -> tuple[list[list[str]], set[str]]:
    """Group the surface forms of person names seen in one article.

    Returns (clusters, ambiguous): each cluster lists the forms of one person, fullest
    first; ``ambiguous`` holds short forms that fit two or more people (a shared family
    name), which resolve to nobody.
    """
    by_key: dict[tuple[str, ...], list[str]] = {}
    order: list[tuple[str, ...]] = []
    for name in names:
        key = name_key(name)
        if not key:
            continue
        if key not in by_key:
            by_key[key] = []
            order.append(key)
        if name not in by_key[key]:
            by_key[key].append(name)
    # Longest first, then first seen: a short form meets every full form before it is placed.
    ranked = sorted(order, key=lambda k: (-len(k), order.index(k)))
    clusters: list[list[tuple[str, ...]]] = []
    ambiguous: set[str] = set()
    for key in ranked:
        homes = [c for c in clusters if is_short_form(key, c[0])]
        if len(homes) == 1:
            homes[0].append(key)
        elif not homes:
            clusters.append([key])
        else:
            ambiguous.update(by_key[key])
    out = []
    for cluster in sorted(clusters, key=lambda c: min(order.index(k) for k in c)):
        forms: list[str] = []
        for key in cluster:
            forms.extend(by_key[key])
        out.append(forms)
    return out, ambiguous


@functools.lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as detector
    except ImportError:  # optional: pronouns then match anyone
        log.warning("briefing: gender-guesser is not installed; pronoun gender unchecked")
        return None
    return detector.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """Whether the gender table knows ``word`` as a man's or a woman's given name
    (``Lindsay``, ``Tony``); not one it calls androgynous, where words like ``Free`` and
    ``Justice`` sit."""
    det = _gender_detector()
    return det is not None and det.get_gender(word.strip(".,")).removeprefix("mostly_") in (
        "male", "female")


def guess_gender(full_name: str, loose: bool = False) -> str | None:
    """``m``/``f`` when the first name is clearly one or the other, else None.

    Used only to keep ``she`` off a man and ``he`` off a woman; an honorific (Mr., Ms.,
    Sheikha) in the article overrides it. Single names (``Tamim``) are left unknown.
    """
    parts = [p for p in re.split(r"\s+", full_name.strip()) if p]
    while len(parts) > 2 and re.fullmatch(r"[A-Z]\.", parts[0]):
        parts = parts[1:]  # "W. Mark Felt": the name he goes by says it
    if len(parts) < 2 or is_particle(parts[0]) or is_honorific(parts[0]):
        return None
    det = _gender_detector()
    if det is None:
        return None
    first = parts[0].strip(".,")
    answer = det.get_gender(first)
    # The world-wide answer follows the countries a name is most common in ("Laci" is a
    # Hungarian man's name and an American woman's). Our articles are English news, so US
    # and British usage decides, at its own confidence; when those two disagree, nobody knows.
    english = [det.get_gender(first, country) for country in ("usa", "great_britain")]
    said = {a.removeprefix("mostly_") for a in english} & {"male", "female"}
    if len(said) == 2:
        return None
    if said and said != {answer.removeprefix("mostly_")}:
        answer = next(a for a in english if a.removeprefix("mostly_") in said)
    if loose:  # linking weighs it against other evidence: "mostly" names count too
        answer = answer.removeprefix("mostly_")
    return {"male": "m", "female": "f"}.get(answer)
