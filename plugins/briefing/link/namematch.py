"""Name comparison across articles, for linking actors (per-article grouping is ``names``).

Person names are compared token by token after folding case and diacritics, dropping
honorifics and office titles, and reading Arabic-style structure: ``bin``/``ibn`` mark a
patronymic, ``al``/``el`` are articles of a family name, ``Abdul X`` is one name. Compound
names are compared both joined and split (``Amir-Abdollahian`` = ``Amirabdollahian``) and
transliteration variants (``Mohammad``/``Mohammed``, ``al-Khalifi``/``al-Khulaifi``) match as
*fuzzy* tokens, which the caller must back with other evidence.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from nameparser import HumanName
from rapidfuzz import fuzz

from ..extract import names

# Office titles that writers put before a name ("President Ebrahim Raisi").
OFFICE_TITLES = frozenset(
    """president vice prime minister deputy foreign chancellor king queen crown prince
    princess general gen colonel col lieutenant senator sen governor gov ayatollah grand
    pope ambassador secretary mayor chairman chairwoman speaker premier""".split()
)
# Courtesy words dropped from the front of a name: never part of who someone is. Office
# titles stay out of it ("Ayatollah" is both): ``honorifics_of`` reads courtesy, not office.
HONORIFICS = (names.HONORIFICS | names.COURTESY_WORDS) - OFFICE_TITLES
# Latin transliterations and Arabic script (folded: the madda of "آل" is dropped).
_PATRONYMIC = frozenset({"bin", "bint", "ibn", "binti", "\u0628\u0646", "\u0628\u0646\u062a",
                         "\u0627\u0628\u0646"})
_ARTICLE = frozenset({"al", "el", "ul", "\u0627\u0644"})
# "Abdul Aziz" and "Abdulaziz" are one name; "Abu X" (kunya) likewise.
_JOIN_NEXT = frozenset({"abd", "abdul", "abdel", "abdol", "abdal", "abu", "abou"})
# Lowercase words allowed inside a well-formed proper name.
_NAME_PARTICLES = _PATRONYMIC | _ARTICLE | frozenset(
    {"ben", "de", "del", "da", "di", "du", "van", "von", "der", "den", "la", "le", "dos", "das"}
)
_ORG_STOP = frozenset({"the"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "de", "des", "la", "du", "&"})
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_SPLIT = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014.,;:()\[\]\"/]+")
_VOWELS = frozenset("aeiouy")

EXACT, FUZZY = 2, 1
_GENERATION = names.GENERATION


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Casefold, strip diacritics, unify apostrophes, drop possessive ``'s``."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s\b", "", text)
    return text.replace("'", "")


def words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text) if w]


def strip_titles(surface: str) -> str:
    """The surface form without leading honorifics or office titles (kept if nothing is left)."""
    parts = surface.split()
    while len(parts) > 1:
        head = fold(parts[0]).strip(".")
        if head in HONORIFICS or head in OFFICE_TITLES:
            parts = parts[1:]
        else:
            break
    return " ".join(parts)


def honorifics_of(surface: str) -> frozenset[str]:
    found = set()
    for w in surface.split():
        head = fold(w).strip(".")
        if head in HONORIFICS:
            found.add(head)
        elif head not in OFFICE_TITLES:
            break
    return frozenset(found)


@functools.lru_cache(maxsize=100_000)
def is_proper(surface: str) -> bool:
    """True for a name ("Ali Bagheri Kani"), False for a description ("the Emir of Qatar",
    "Qatari Emir": only nationality and office words, which many people share over time)."""
    words = strip_titles(surface).split()
    parts = [w for w in re.split(r"[\s\-]+", " ".join(words)) if w]
    if not parts or fold(parts[0]) in {"the", "a", "an"}:
        return False
    # Scripts without case (Arabic, Persian) count as capitalised. A word is capitalised by
    # its first part: Korean given names write the second in lower case (Ban Ki-moon,
    # Moon Jae-in), and ``al-Thani`` starts with a particle.
    heads = [re.split(r"-", w)[0] or w for w in words]
    if not all(fold(h) in _NAME_PARTICLES or not h[0].islower() for h in heads):
        return False
    return not all(_descriptive(fold(w)) for w in parts)


def _descriptive(word: str) -> bool:
    from ..extract import roles  # vocabulary shared with per-article actor finding

    return (
        word in HONORIFICS
        or word in OFFICE_TITLES
        or word in roles.ROLE_HEADS
        or word in roles.HEAD_ALIASES
        or word in roles.ROLE_MODIFIERS
        or word in roles.DEMONYMS
    )


@dataclass(frozen=True)
class PersonName:
    tokens: tuple[str, ...]  # given, middle and family names, without title or suffix
    patr: tuple[bool, ...]  # True where the token is a patronymic (after bin/ibn)
    honorifics: frozenset[str]
    generation: str = ""  # "jr", "sr", "iii" ...: the generational suffix, if any

    @property
    def initials(self) -> tuple[str, ...]:
        """Middle initials (``George H. W. Bush``: h, w): one-letter inner tokens."""
        return tuple(t for t in self.tokens[1:-1] if len(t) == 1)

    @property
    def single(self) -> bool:
        return len(self.tokens) == 1

    def first_patronymic(self) -> str | None:
        for tok, p in zip(self.tokens, self.patr, strict=True):
            if p:
                return tok
        return None


@functools.lru_cache(maxsize=100_000)
def generation(surface: str) -> str:
    """The generational suffix nameparser reads off a name (``Jr.``, ``III``), folded."""
    # Its suffix is made of the name's own words, so a name with no such word has none:
    # nameparser is then not asked (it was a quarter of linking's time on PolNeAR).
    if _GENERATION.keys().isdisjoint(words(fold(surface))):
        return ""
    parsed = HumanName(" ".join(surface.split()))
    for word in words(fold(parsed.suffix)):
        if word in _GENERATION:
            return _GENERATION[word]
    return ""


# A nickname written inside a name: Vincent "The Chin" Gigante, Vincent 'The Chin' Gigante,
# Mohammed (Mo) Salah. Only between spaces, so O'Brien keeps its apostrophe.
_NICKNAME = re.compile(r"(?:^|(?<=\s))[\"“‘'(][^\"“”‘’()]{1,40}?[\"”’')](?=\s|$)")


def without_nickname(surface: str) -> str:
    return " ".join(_NICKNAME.sub(" ", surface).split()) or surface


@functools.lru_cache(maxsize=100_000)
def parse_person(surface: str) -> PersonName:
    surface = without_nickname(surface)
    parts = words(fold(strip_titles(surface)))
    gen = generation(surface)
    while gen and len(parts) > 1 and parts[-1] in _GENERATION:
        parts = parts[:-1]
    tokens: list[str] = []
    patr: list[bool] = []
    i, next_patr = 0, False
    while i < len(parts):
        w = parts[i]
        last = i == len(parts) - 1
        if w in _PATRONYMIC and tokens and not last:
            next_patr = True
            i += 1
            continue
        if w in _ARTICLE and not last:
            i += 1
            continue
        if w in _JOIN_NEXT and not last:
            j = i + 1
            if parts[j] in _ARTICLE and j < len(parts) - 1:
                j += 1  # "Abd al-Aziz"
            w = w + parts[j]
            i = j
        tokens.append(w)
        patr.append(next_patr)
        next_patr = False
        i += 1
    return PersonName(tuple(tokens), tuple(patr), honorifics_of(surface), gen)


def parts_conflict(a: PersonName, b: PersonName) -> bool:
    """Name parts that no two spellings of one person differ in: the generational suffix
    (present in one only counts: "Trump Jr." is how the son is shortened), and middle
    initials when both give some (George W. Bush / George H. W. Bush; a dropped initial,
    James B. Comey / James Comey, is no conflict)."""
    if a.generation != b.generation:
        return True
    return bool(a.initials and b.initials and a.initials != b.initials)


@functools.lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton: transliterations of one Arabic or Persian name usually share it."""
    if not token:
        return token
    out = token[0] + "".join(c for c in token[1:] if c not in _VOWELS)
    return re.sub(r"(.)\1+", r"\1", out)


@functools.lru_cache(maxsize=200_000)
def token_match(a: str, b: str) -> int:
    """EXACT, FUZZY (a transliteration variant) or 0."""
    if a == b:
        return EXACT
    if min(len(a), len(b)) < 4:
        return 0
    if skeleton(a) == skeleton(b) and fuzz.ratio(a, b) >= 75:
        return FUZZY
    return 0


def _vowel_variant(a: str, b: str) -> bool:
    """One name written with other vowels in the same places (Mohammad / Mohammed,
    al-Khalifi / al-Khulaifi, Hussein / Husain once doubled letters are one): how a
    transliteration varies. A vowel dropped or moved is another name (Carol / Carl,
    Michele / Michael, Byrd / Brad), and in four letters one vowel is too little to tell a
    variant from another name (Hurt / Hart)."""
    if min(len(a), len(b)) < 5:
        return False
    return _vowel_slots(a) == _vowel_slots(b)


def _vowel_slots(token: str) -> str:
    return re.sub(r"[aeiouy]+", "*", re.sub(r"(.)\1+", r"\1", token))


@functools.lru_cache(maxsize=100_000)
def _variants(name: PersonName) -> tuple[tuple[tuple[str, ...], tuple[bool, ...]], ...]:
    """The token sequence with adjacent given/family tokens joined in every way."""
    toks, patr = name.tokens, name.patr
    cuts = [i for i in range(1, len(toks)) if not patr[i - 1] and not patr[i]]
    if len(cuts) > 4:  # long names: only split and fully joined runs
        choices: list[tuple[int, ...]] = [(), tuple(cuts)]
    else:
        choices = [c for r in range(len(cuts) + 1) for c in itertools.combinations(cuts, r)]
    out = []
    for joins in choices:
        t: list[str] = []
        p: list[bool] = []
        for i, tok in enumerate(toks):
            if i in joins:
                t[-1] += tok
            else:
                t.append(tok)
                p.append(patr[i])
        out.append((tuple(t), tuple(p)))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer  # a curated table of English given names' short forms

    return NickNamer()


@functools.lru_cache(maxsize=200_000)
def given_match(a: str, b: str) -> int:
    """``token_match`` for given names, where a short form is the name too: Fred is
    Frederick and Katie Kathryn (FUZZY, so a merge needs corroboration, as for a
    transliteration)."""
    q = token_match(a, b)
    if q or min(len(a), len(b)) < 2:
        return q
    table = _nicknamer()
    return FUZZY if b in table.nicknames_of(a) or a in table.nicknames_of(b) else 0


@functools.lru_cache(maxsize=1)
def _first_names():
    try:
        import gender_guesser.detector as detector
    except ImportError:  # optional, as for pronoun gender: then only the nicknames table
        return None
    return detector.Detector(case_sensitive=False)


@functools.lru_cache(maxsize=100_000)
def is_given_name(word: str) -> bool:
    """Whether a first-name list knows ``word``: gender-guesser's (any country) or the
    nicknames table's."""
    low = word.strip(".,").lower()
    det = _first_names()
    if det is not None and det.get_gender(low) != "unknown":
        return True
    table = _nicknamer()
    return bool(table.canonicals_of(low) or table.nicknames_of(low))


def _initial_of(x: str, y: str) -> bool:
    """One is a middle initial of the other: "C" of "Cheney" (Frederick C. LaRue is
    Frederick Cheney LaRue)."""
    return (len(x) == 1) != (len(y) == 1) and x[:1] == y[:1]


def _seq_quality(a: tuple[str, ...], b: tuple[str, ...], given: bool = False) -> int:
    """Quality of two token sequences matched in order; ``given``: the first tokens are
    given names (a family name follows), and an inner initial may stand for its name
    (FUZZY: the same letter starts many names, so a merge needs corroboration)."""
    q = EXACT
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        if given and k == 0 and len(a) > 1:
            q = min(q, given_match(x, y))
        elif given and 0 < k < len(a) - 1 and _initial_of(x, y):
            q = min(q, FUZZY)
        else:
            q = min(q, token_match(x, y))
        if not q:
            return 0
    return q


def _subsequence_quality(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Quality if ``a`` matches an ordered subsequence of ``b`` (greedy)."""
    q, j = EXACT, 0
    for x in a:
        while j < len(b) and not token_match(x, b[j]):
            j += 1
        if j == len(b):
            return 0
        q = min(q, token_match(x, b[j]))
        j += 1
    return q


def patronymic_conflict(a: PersonName, b: PersonName) -> bool:
    pa, pb = a.first_patronymic(), b.first_patronymic()
    return bool(pa and pb and not token_match(pa, pb))


@functools.lru_cache(maxsize=200_000)
def compare_persons(a: PersonName, b: PersonName) -> tuple[str, int]:
    """How two multi-token person names relate.

    Returns (relation, quality): relation ``equal`` (same full name), ``a<b`` / ``b<a``
    (the first is a shorter form of the second: given name kept, or a trailing family
    name), or ``none``; quality EXACT or FUZZY.
    """
    if patronymic_conflict(a, b) or parts_conflict(a, b) or a.single or b.single:
        return "none", 0
    best: tuple[str, int] = ("none", 0)
    for (ta, pa), (tb, pb) in itertools.product(_variants(a), _variants(b)):
        if len(ta) == len(tb):
            q = _seq_quality(ta, tb, given=True)
            if q and (best[0] != "equal" or q > best[1]):
                best = ("equal", q)
            continue
        if best[0] == "equal":
            continue
        short, long_, plong, rel = (ta, tb, pb, "a<b") if len(ta) < len(tb) else (tb, ta, pa, "b<a")
        if len(short) < 2:
            continue
        q = 0
        if given_match(short[0], long_[0]):  # given name kept: "Ali Bagheri" < "Ali Bagheri Kani"
            q = min(given_match(short[0], long_[0]), _subsequence_quality(short[1:], long_[1:]))
        k = len(long_) - len(short)
        if not q and not plong[k]:  # trailing family name: "Bagheri Kani"
            q = _seq_quality(short, long_[k:])
        if q > best[1]:
            best = (rel, q)
    return best


@functools.lru_cache(maxsize=200_000)
def single_fits(token_name: PersonName, full: PersonName) -> int:
    """Quality with which a one-token name is a given or family name of ``full``."""
    if token_name.generation != full.generation:
        return 0
    tok = token_name.tokens[0]
    best = 0
    for t, p in _variants(full):
        for x, is_patr in zip(t, p, strict=True):
            if is_patr:
                continue
            q = token_match(tok, x)
            # a lone name has no other part to back a spelling variant: only another
            # transliteration of it (Mohammed for Mohammad), never Carol for Carl
            if q == EXACT or (q == FUZZY and _vowel_variant(tok, x)):
                best = max(best, q)
    return best


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A suffix of ``a`` is a prefix of ``b``: both fit one longer name."""
    return any(_seq_quality(a[-k:], b[:k]) for k in range(1, min(len(a), len(b)) + 1))


def _other_given_name(a: PersonName, b: PersonName) -> bool:
    """One family name (the same first token, as in Kim Jong Un / Kim Yo Jong, or the same
    last, as in Bill / Hillary Clinton) with given names that are neither equal nor a short
    form of each other (``compare_persons`` found none): two people of one family."""
    for shared_first in (True, False):
        fa, fb = (a.tokens[0], b.tokens[0]) if shared_first else (a.tokens[-1], b.tokens[-1])
        if fa != fb:
            continue
        rest_a = a.tokens[1:] if shared_first else a.tokens[:-1]
        rest_b = b.tokens[1:] if shared_first else b.tokens[:-1]
        if rest_a and rest_b and "".join(rest_a) != "".join(rest_b):
            return True
    return False


@functools.lru_cache(maxsize=200_000)
def persons_conflict(a: PersonName, b: PersonName) -> bool:
    """True when two names cannot belong to one person (keeps clusters sound)."""
    if not a.tokens or not b.tokens:
        return False
    if patronymic_conflict(a, b) or parts_conflict(a, b):
        return True
    if a.single and b.single:
        return not token_match(a.tokens[0], b.tokens[0])
    if a.single:
        return not single_fits(a, b)
    if b.single:
        return not single_fits(b, a)
    if compare_persons(a, b)[0] != "none":
        return False
    if _other_given_name(a, b):
        return True
    for (ta, _), (tb, _) in itertools.product(_variants(a), _variants(b)):
        if _overlaps(ta, tb) or _overlaps(tb, ta):
            return False
    return True


# Legal forms that news writes after a company's name, from cleanco's tables for the
# English-speaking jurisdictions (``Intel Corp.``, ``BP plc``, ``Deutsche Bank AG`` keeps
# its AG: two-letter forms of other countries are words too often, ``Texas AG``).
_LEGAL_FORM_COUNTRIES = ("United States of America", "United Kingdom", "Canada", "Australia",
                         "New Zealand", "Ireland", "India", "Singapore", "Hong Kong")


@functools.lru_cache(maxsize=1)
def _legal_forms() -> list[tuple[int, list[str]]]:
    from cleanco import clean
    from cleanco.termdata import terms_by_country

    terms = {t for c in _LEGAL_FORM_COUNTRIES for t in terms_by_country.get(c, ())}
    parts = sorted((t.split() for t in clean.normalize_terms(terms)), key=lambda x: (-len(x), x))
    return [(len(tp), tp) for tp in parts]


@functools.lru_cache(maxsize=100_000)
def without_legal_form(surface: str) -> str:
    """``Intel Corp.`` -> ``Intel``, ``Nissan Motor Co., Ltd.`` -> ``Nissan Motor``: the
    company's name without its legal form; a name that is nothing but one stays."""
    from cleanco import clean

    name = surface
    while True:
        base = clean.custom_basename(name, _legal_forms())
        if not base or base == name or not any(c.isalpha() for c in base):
            return name
        name = base


@functools.lru_cache(maxsize=100_000)
def org_key(surface: str) -> tuple[str, ...]:
    """The words that identify an institution: case, diacritics, ``the`` and a legal form
    (``The Intel Corp.`` is Intel) left out."""
    return tuple(w for w in words(fold(without_legal_form(surface))) if w not in _ORG_STOP)


def acronym(surface: str) -> str | None:
    """``IRNA`` -> ``irna`` when the name is written as an acronym, else None."""
    compact = surface.replace(".", "").strip()
    if 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper():
        return compact.casefold()
    return None


@functools.lru_cache(maxsize=200_000)
def initials(surface: str) -> str:
    """``Organization of Islamic Cooperation`` -> ``oic`` (empty for one-word names)."""
    ws = [w for w in words(fold(without_legal_form(surface))) if w not in _ACRONYM_SKIP]
    return "".join(w[0] for w in ws) if len(ws) >= 2 else ""


@functools.lru_cache(maxsize=200_000)
def orgs_match(a: str, b: str) -> bool:
    """Same institution or place: same words, or one is the other's acronym."""
    if org_key(a) == org_key(b):
        return True
    for short, long_ in ((a, b), (b, a)):
        acr = acronym(short)
        if acr and initials(long_) == acr:
            return True
    return False


def blocking_keys(name: PersonName, first: bool = True) -> set[str]:
    """Skeletons of the given/family tokens and joined runs that a match must share.

    Two multi-token names can only match if the shorter one's last token matches a
    non-first token of the other, so ``first=False`` leaves out the (very common) given
    names; one-word names are looked up with ``first=True``.
    """
    keys = set()
    for t, p in _variants(name):
        for pos, (x, is_patr) in enumerate(zip(t, p, strict=True)):
            if not is_patr and (first or pos > 0):
                keys.add(skeleton(x))
    return keys


def role_key(role: str) -> str:
    return " ".join(w for w in words(fold(role)) if w not in {"the", "a", "an"})


def roles_similar(a: str, b: str) -> bool:
    ka, kb = role_key(a), role_key(b)
    if min(len(ka), len(kb)) < 8:
        return False
    return fuzz.token_set_ratio(ka, kb) >= 90
