"""Role and nationality vocabulary: what a title says about who holds it.

Used twice: to read the title an article gives a person (``Iran's Deputy Foreign Minister
for Political Affairs Ali Bagheri Kani``) and to match a later role noun (``the Iranian
diplomat``) against those titles. The maps are small and general, never keyed to names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Nouns that head a personal title or a role noun phrase.
ROLE_HEADS = frozenset(
    """
    minister premier president emir amir king queen prince sultan monarch leader diplomat
    official ambassador envoy secretary spokesman spokeswoman spokesperson chief director
    chairman chairwoman chair head governor mayor general commander coordinator negotiator
    mediator representative adviser advisor counselor counsellor undersecretary
    chancellor senator lawmaker commissioner attorney judge aide vice-president nominee
    candidate businessman businesswoman congressman congresswoman politician lawyer activist
    analyst economist strategist manager founder colonel admiral lieutenant
    captain sergeant
    """.split()
)
# Words that may sit inside a title (``Deputy Foreign Minister for Political Affairs``).
ROLE_MODIFIERS = frozenset(
    """
    deputy vice prime foreign acting caretaker interim assistant senior top first supreme
    state affairs defence defense interior finance economy trade justice security national
    political regional international public general special chief executive permanent
    crown junior former incumbent new outgoing military majority minority press whip
    """.split()
)
# Qualifiers that say nothing about which office is meant.
FILLERS = frozenset("top senior incumbent new visiting veteran powerful former outgoing".split())
# Same qualifier, different words.
QUALIFIER_SYNONYMS = {"caretaker": "acting", "interim": "acting", "defense": "defence"}
# Words that only glue a title together; ignored when comparing.
CONNECTORS = frozenset("of for and the on in".split())

# Generic role nouns and the offices they can stand for. A role noun not listed here must
# name the office itself (``the deputy foreign minister`` needs a deputy foreign minister).
ROLE_CLASSES: dict[str, frozenset[str]] = {
    # a diplomat is whoever conducts foreign relations: foreign ministers and their deputies,
    # ambassadors, envoys, negotiators
    "diplomat": frozenset(
        "foreign-minister ambassador envoy diplomat negotiator coordinator undersecretary".split()
    ),
    "leader": frozenset("emir king queen sultan monarch president premier leader prince".split()),
    "premier": frozenset({"premier"}),
    "emir": frozenset({"emir"}),
    "president": frozenset({"president"}),
    "official": frozenset({"*"}),  # any office-holder
    "spokesman": frozenset({"spokesman"}),
}
# Normalise head words to the class names above.
HEAD_ALIASES = {
    "amir": "emir",
    "spokeswoman": "spokesman",
    "spokesperson": "spokesman",
    "chairwoman": "chairman",
    "chair": "chairman",
    "advisor": "adviser",
    "counsellor": "counselor",
}

# Demonyms for countries that appear in international news. The suffix fallback in
# ``country_of`` handles regular forms (``Qatari`` -> a GPE ``Qatar`` in the same article).
DEMONYMS = {
    "afghan": "Afghanistan", "albanian": "Albania", "algerian": "Algeria",
    "american": "United States", "angolan": "Angola", "argentine": "Argentina",
    "argentinian": "Argentina", "armenian": "Armenia", "australian": "Australia",
    "austrian": "Austria", "azerbaijani": "Azerbaijan", "bahraini": "Bahrain",
    "bangladeshi": "Bangladesh", "belarusian": "Belarus", "belgian": "Belgium",
    "bolivian": "Bolivia", "bosnian": "Bosnia and Herzegovina", "brazilian": "Brazil",
    "british": "United Kingdom", "bulgarian": "Bulgaria", "burmese": "Myanmar",
    "cambodian": "Cambodia", "canadian": "Canada", "chilean": "Chile", "chinese": "China",
    "colombian": "Colombia", "croatian": "Croatia", "cuban": "Cuba", "cypriot": "Cyprus",
    "czech": "Czech Republic", "danish": "Denmark", "dutch": "Netherlands",
    "ecuadorian": "Ecuador", "egyptian": "Egypt", "emirati": "United Arab Emirates",
    "eritrean": "Eritrea", "estonian": "Estonia", "ethiopian": "Ethiopia",
    "filipino": "Philippines", "finnish": "Finland", "french": "France",
    "georgian": "Georgia", "german": "Germany", "ghanaian": "Ghana", "greek": "Greece",
    "hungarian": "Hungary", "indian": "India", "indonesian": "Indonesia", "iranian": "Iran",
    "iraqi": "Iraq", "irish": "Ireland", "israeli": "Israel", "italian": "Italy",
    "japanese": "Japan", "jordanian": "Jordan", "kazakh": "Kazakhstan", "kenyan": "Kenya",
    "korean": "Korea", "kuwaiti": "Kuwait", "kurdish": "Kurdistan", "latvian": "Latvia",
    "lebanese": "Lebanon", "libyan": "Libya", "lithuanian": "Lithuania",
    "malaysian": "Malaysia", "mexican": "Mexico", "moroccan": "Morocco",
    "nigerian": "Nigeria", "norwegian": "Norway", "omani": "Oman", "pakistani": "Pakistan",
    "palestinian": "Palestine", "peruvian": "Peru", "polish": "Poland",
    "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania", "russian": "Russia",
    "saudi": "Saudi Arabia", "serbian": "Serbia", "singaporean": "Singapore",
    "slovak": "Slovakia", "somali": "Somalia", "spanish": "Spain", "sudanese": "Sudan",
    "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan",
    "thai": "Thailand", "tunisian": "Tunisia", "turkish": "Turkey", "ukrainian": "Ukraine",
    "venezuelan": "Venezuela", "vietnamese": "Vietnam", "yemeni": "Yemen",
    "european": "European Union",
}
# Other spellings of a country's name, mapped to one canonical name.
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "u.s.a.": "United States", "united states of america": "United States",
    "america": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom",
    "uae": "United Arab Emirates", "eu": "European Union", "turkiye": "Turkey",
    "türkiye": "Turkey", "persia": "Iran",
}
# The nouns for a country's people where they differ from the adjective (``a Briton``).
NATIONALITY_NOUNS = {
    "briton": "United Kingdom", "brit": "United Kingdom", "englishman": "United Kingdom",
    "englishwoman": "United Kingdom", "scot": "United Kingdom", "welshman": "United Kingdom",
    "irishman": "Ireland", "irishwoman": "Ireland", "frenchman": "France",
    "frenchwoman": "France", "dutchman": "Netherlands", "dane": "Denmark", "swede": "Sweden",
    "finn": "Finland", "pole": "Poland", "turk": "Turkey", "spaniard": "Spain",
    "kiwi": "New Zealand", "aussie": "Australia", "filipino": "Philippines",
}


def is_nationality_noun(word: str) -> bool:
    """``Briton``, ``Americans``, ``Iranian``: a word for someone of a country, no name."""
    low = word.lower().strip()
    forms = {low, low.removesuffix("s"), low.removesuffix("men") + "man"}  # Britons, Frenchmen
    return any(f in NATIONALITY_NOUNS or f in DEMONYMS for f in forms)


_COUNTRY_NAMES = {c.lower(): c for c in DEMONYMS.values()}
_DEMONYM_OF = {}
for _demonym, _country in DEMONYMS.items():
    _DEMONYM_OF.setdefault(_country, _demonym.capitalize())

# ``the Islamic Republic of Iran``, ``the State of Qatar``: long official forms of a country.
_LONG_FORM = re.compile(
    r"^(?:the\s+)?(?:(?:islamic|federal|democratic|people's|arab|hashemite|socialist|united)"
    r"\s+)*(?:republic|state|kingdom|emirate|sultanate|federation|commonwealth)\s+of\s+(.+)$",
    re.IGNORECASE,
)


def canonical_country(name: str) -> str:
    """``the Islamic Republic of Iran`` -> ``Iran``; ``US`` -> ``United States``."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    m = _LONG_FORM.match(name)
    if m:
        name = m.group(1)
    return COUNTRY_ALIASES.get(name.lower(), name)


def country_of(word: str, places: Iterable[str] = ()) -> str | None:
    """The country a demonym or place word stands for (``Qatari`` -> ``Qatar``), else None.

    ``places`` are place names seen in the article: ``Qatari`` also resolves through the
    regular suffixes (-i, -ian, -an, -ese) when the article names the place.
    """
    low = word.lower().strip()
    low = re.sub(r"['’]s$", "", low)
    if low in DEMONYMS:
        return DEMONYMS[low]
    if low in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[low]
    if low in _COUNTRY_NAMES:
        return _COUNTRY_NAMES[low]
    by_lower = {p.lower(): p for p in places}
    if low in by_lower:
        return canonical_country(by_lower[low])
    for suffix, repl in (("ian", ""), ("ian", "ia"), ("i", ""), ("an", ""), ("an", "a"),
                         ("ese", ""), ("ese", "a")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            stem = low[: -len(suffix)] + repl
            if stem in by_lower:
                return canonical_country(by_lower[stem])
    return None


def demonym(country: str) -> str:
    """``Qatar`` -> ``Qatari``; a country without a known demonym stays as it is."""
    return _DEMONYM_OF.get(country, country)


def role_words(text: str) -> list[str]:
    """Comparable words of a title: lowercased, qualifiers normalised, glue and fillers out."""
    words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text.lower())
    out = []
    for w in words:
        if w in CONNECTORS or w in FILLERS:
            continue
        w = QUALIFIER_SYNONYMS.get(w, HEAD_ALIASES.get(w, w))
        out.append(w)
    # ``Minister of Foreign Affairs`` is a foreign minister; ``prime minister`` a premier.
    if "foreign" in out and "affairs" in out:
        out.remove("affairs")
    return out


def _is_office_word(word: str) -> bool:
    return (word in ROLE_HEADS or word in ROLE_MODIFIERS or word in ROLE_CLASSES
            or word in HEAD_ALIASES.values() or word == "acting")


def _offices(words: list[str]) -> set[str]:
    """Office classes a title holds (``foreign-minister``, ``premier``, ``emir`` ...)."""
    offices = set()
    for w in words:
        if w in ROLE_HEADS or w in HEAD_ALIASES.values():
            offices.add(w)
    if "minister" in words:
        if "prime" in words:
            offices.add("premier")
        if "foreign" in words:
            offices.add("foreign-minister")
        if not set(words) - {"minister", "acting"}:
            # a bare ``minister`` may well be the foreign minister a later noun calls a diplomat
            offices.add("foreign-minister")
    return offices


def role_matches(noun_phrase: str, role: str) -> bool:
    """Whether a role noun (``the deputy foreign minister for political affairs``,
    ``the Iranian diplomat``) can refer to someone holding ``role``.

    Generic nouns (diplomat, leader, official, premier) go through ``ROLE_CLASSES``; any other
    role noun must name the office: all its words appear in the title, and a deputy or vice
    title is only matched by a noun that says deputy or vice.
    """
    # Only office words count: ``the martyred Iranian president`` is a president.
    np_words = [w for w in role_words(noun_phrase) if _is_office_word(w)]
    title_words = role_words(role)
    if not np_words or not title_words:
        return False
    # A proper adjective (``Democratic`` nominee) names a side: the title must say it too.
    proper = [w.lower() for w in re.findall(r"[A-Za-z]+", noun_phrase)
              if w[:1].isupper() and not _is_office_word(w.lower())
              and w.lower() not in HEAD_ALIASES]
    if any(w not in title_words for w in proper):
        return False
    offices = _offices(title_words)
    head = np_words[-1]
    generic = ROLE_CLASSES.get(head)
    # ``the Iranian Leader``: a capitalised role noun is a title in its own right.
    last = noun_phrase.split()[-1] if noun_phrase.split() else ""
    if generic is not None and last[:1].isupper() and head not in ("diplomat", "official"):
        generic = frozenset({head})
    np_rest = np_words[:-1]
    if generic is not None and not (head == "premier" and np_rest):
        if "*" not in generic and not (offices & generic):
            return False
        # ``the deputy diplomat`` is odd, but ``the acting premier`` should still agree.
        return all(w in title_words or w in FILLERS for w in np_rest)
    if ("deputy" in title_words or "vice" in title_words) and not (
        "deputy" in np_words or "vice" in np_words
    ):
        return False
    if head == "premier":
        return "premier" in offices
    return all(w in title_words for w in np_words)


# Abbreviated titles before a name (``Sen. Claire McCaskill``), as the article means them.
TITLE_ABBREVIATIONS = {
    "sen.": "Senator", "sens.": "Senator", "rep.": "Representative", "reps.": "Representative",
    "gov.": "Governor", "lt. gov.": "Lieutenant Governor", "gen.": "General",
    "lt.": "Lieutenant", "col.": "Colonel", "adm.": "Admiral", "pres.": "President",
    "sec.": "Secretary", "amb.": "Ambassador", "atty.": "Attorney", "capt.": "Captain",
    "sgt.": "Sergeant", "cmdr.": "Commander", "supt.": "Superintendent",
}


def expand_abbreviation(word: str) -> str:
    return TITLE_ABBREVIATIONS.get(word.lower(), word)


def is_role_word(word: str) -> bool:
    """A word that belongs in a title (``deputy``, ``foreign``, ``minister``)."""
    low = word.lower()
    return is_role_noun(low) or low in ROLE_MODIFIERS


def is_role_noun(word: str) -> bool:
    low = word.lower()
    return (low in ROLE_HEADS or low in HEAD_ALIASES or low in ROLE_CLASSES
            or low in TITLE_ABBREVIATIONS)
