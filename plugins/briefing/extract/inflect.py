"""Present-tense verb forms for headlines ("backed" -> "backs"), from a verb's lemma.

spaCy gives the lemma (its lemmatizer knows the irregular pasts: "met" -> "meet"); this
module only builds the present form, so a headline reports a past act in the present as
editors write it. No spaCy import: plain strings in, plain strings out.
"""

from __future__ import annotations

# Verbs whose present forms are not lemma (+s): the few irregular ones headlines meet.
_IRREGULAR_3SG = {"be": "is", "have": "has", "do": "does", "go": "goes", "undergo": "undergoes",
                  "forgo": "forgoes", "outdo": "outdoes", "redo": "redoes", "undo": "undoes"}
_PLURAL_BE = "are"
_VOWELS = frozenset("aeiou")
# Lemmas that look like +es verbs but take a plain s ("vetoes" but "radios", "echoes").
_O_PLAIN_S = frozenset("radio video solo zero audio tattoo".split())
# Pronoun subjects that never take the -s form ("they back", "I back").
NON_THIRD_SINGULAR = frozenset("i you we they".split())


def third_singular(lemma: str) -> str:
    """The 3rd person singular present of a verb lemma: meets, goes, pushes, carries, is."""
    low = lemma.lower()
    if low in _IRREGULAR_3SG:
        form = _IRREGULAR_3SG[low]
    elif low.endswith(("s", "sh", "ch", "x", "z")):
        form = low + "es"  # pushes, reaches, fixes, discusses, focuses
    elif low.endswith("o") and len(low) > 1 and low[-2] not in _VOWELS and low not in _O_PLAIN_S:
        form = low + "es"  # vetoes, echoes
    elif low.endswith("y") and len(low) > 1 and low[-2] not in _VOWELS:
        form = low[:-1] + "ies"  # carries, denies, rallies
    else:
        form = low + "s"  # backs, meets, says, plays
    return _case_like(lemma, form)


def present(lemma: str, plural: bool) -> str:
    """The present form agreeing with a subject: plural (and I/you/we/they) keep the lemma
    ("Republicans back"), except ``be`` ("are"); a singular subject takes ``third_singular``."""
    if plural:
        return _case_like(lemma, _PLURAL_BE) if lemma.lower() == "be" else lemma
    return third_singular(lemma)


def _case_like(model: str, word: str) -> str:
    """``word`` in the case of ``model``: a verb in a Title Case lead stays capitalised."""
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
