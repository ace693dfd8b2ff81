"""Attribution cues: which tokens report speech or thought, and what they attach to.

Works on the dependency parse: a cue is a verb whose lemma reports speech (``say``,
``stress``, ``tweet`` ...) or ``according to``; its speaker is its subject (inherited through
``and added`` / ``, saying``), its content a clausal complement or, for verbs that take
their message as an object (``called for``, ``highlighted``), that object. Stances beyond
speech (``railed against``, ``critical of``) come from the frames measured in ``frames``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import frames as frames_mod
from .nlp import doc_text

if TYPE_CHECKING:  # annotations only: reading cached extractions never loads spaCy
    from spacy.tokens import Doc, Span, Token

# Verbs that introduce what someone said, wrote or concluded; a that-clause or a quote
# after them is attributed speech.
SPEECH_LEMMAS = frozenset(
    """
    say tell state add stress note emphasize emphasise assert claim argue warn insist explain
    announce confirm deny write tweet post urge express highlight describe underline underscore
    report ask suggest acknowledge admit declare recall respond reply answer comment predict
    promise vow pledge caution contend maintain reiterate repeat mention indicate observe remark
    concede complain boast joke quip testify affirm allege estimate conclude believe think
    charge counter demand propose recommend question wonder accuse praise criticize
    criticise condemn reveal disclose signal hint elaborate reaffirm stipulate
    tout brag lament proclaim assure reassure inform notify advise endorse cite attack
    """.split()
)
# Stances and acts taken toward something (``blasted the deal``, ``declined to comment``,
# ``wants to build a wall``): attributions too, but only with their object or infinitive;
# as cues for a nearby quote they rank below speech verbs. Chosen from how often each verb,
# outside quotation marks, is an annotated cue in a PolNeAR train sample (at least half).
STANCE_LEMMAS = frozenset(
    """blast decry lash insult credit chide denounce mock order echo remind thank list
    decline dismiss portray deem reference rebuke quote paint label slam blame remember
    clarify promote reject discuss assail applaud refuse recognize convince congratulate
    oppose defend issue seek view threaten apologize voice rebuff justify contradict
    offer want""".split()
)
# Cues that need a clause or a quote: as bare transitive verbs they are not speech.
CLAUSE_ONLY = (
    frozenset(
        "show find reveal indicate suggest believe think feel know hope expect fear continue "
        "agree disagree learn hear see understand".split()
    )
    | STANCE_LEMMAS
)
# Verbs whose object is the message: ``highlighted the need``, ``denied the claims``.
OBJECT_CONTENT = frozenset(
    """urge express highlight describe underline underscore deny confirm announce stress
    emphasize emphasise reiterate reaffirm praise criticize criticise condemn welcome
    demand propose recommend question mention reveal disclose acknowledge endorse cite
    accuse attack""".split()
) | STANCE_LEMMAS
# Verbs whose infinitive is the message: ``urged them to vote``, ``declined to comment``.
XCOMP_CONTENT = frozenset(
    """urge ask tell warn call decline refuse seek want threaten vow promise pledge offer
    agree order convince remind""".split()
)

# Phrasal cues: verb + particle/preposition, content is the prepositional object.
PHRASAL = {
    "call": "for",
    "point": "to",
    "refer": "to",
    "touch": "on",
    "elaborate": "on",
    "speak": "of",
    "warn": "of",
    "talk": "about",
    "comment": "on",
}
# ``said in a statement``: the channel joins the cue.
CHANNELS = frozenset(
    "statement interview tweet post letter release speech email e-mail memo op-ed briefing "
    "conference address message remarks note column essay editorial report".split()
)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CONTENT_DEPS = ("ccomp",)
_CLAUSE_MARKERS = {"that", "whether", "if"}
_INHERIT_DEPS = ("conj", "advcl", "xcomp", "pcomp", "acl")


@dataclass
class Cue:
    token: Token  # the head word of the cue
    start: int  # char span of the cue phrase
    end: int
    speaker: Span | None  # the subject mention
    content: tuple[int, int] | None  # char span of the reported content, if any
    content_root: Token | None = None
    # a stance frame measured on data (``railed against``, ``critical of``): it reports its
    # argument but is too weak to claim a quote nearby
    stance: bool = False


def is_cue_lemma(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    return lemma in SPEECH_LEMMAS or lemma in CLAUSE_ONLY or lemma in PHRASAL


def _according_to(token: Token) -> Token | None:
    """The ``to`` of ``according to``, if ``token`` is ``according``."""
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            return child
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt if nxt is not None and nxt.lower_ == "to" else None


def mention_span(head: Token) -> Span:
    """The noun phrase of a mention: its subtree without relative clauses or trailing commas."""
    doc = head.doc
    if head.pos_ == "PRON" or head.lower_ in ("who", "that", "which"):
        return doc[head.i : head.i + 1]
    drop: set[int] = set()
    for child in head.children:
        # ``Trump’s criticism``: the possessive ending is not part of the name
        if child.dep_ in ("relcl", "acl", "advcl", "punct", "cc", "conj", "case") and (
            child.i > head.i
        ):
            # keep coordinated names (``Tehran and Doha``) but cut clauses and what follows
            if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN"):
                continue
            if child.dep_ == "cc":
                continue
            drop.update(t.i for t in child.subtree)
    keep = [t.i for t in head.subtree if t.i not in drop]
    lo, hi = head.i, head.i
    # contiguous run around the head
    keep_set = set(keep)
    while lo - 1 in keep_set:
        lo -= 1
    while hi + 1 in keep_set:
        hi += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].is_space or doc[hi].dep_ == "cc"):
        hi -= 1
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space or doc[lo].dep_ == "cc"):
        lo += 1
    return doc[lo : hi + 1]


Inside = Callable[["Token"], bool]
_NOT_SPEAKERS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


def _never(_tok: Token) -> bool:
    return False


# An HTML-like tag left in the text (``said <b>Smith</b>``); the tokenizer splits it into
# pieces that the parser may take for a subject.
MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def in_markup(tok: Token) -> bool:
    """``tok`` is (part of) a markup tag, never a word of the text."""
    text = doc_text(tok.doc)
    lo = max(0, tok.idx - 60)
    return any(
        m.start() <= tok.idx < m.end() for m in MARKUP.finditer(text, lo, tok.idx + len(tok) + 60)
    )


def _own_subject(verb: Token, quoted: Inside = _never) -> Token | None:
    """The verb's own subject outside quotation marks; the nearest when there are several."""
    subs = [
        c
        for c in verb.children
        if c.dep_ in SUBJECT_DEPS and not quoted(c) and not in_markup(c)
    ]
    if not subs:
        return None
    subj = min(subs, key=lambda c: abs(c.i - verb.i))
    if subj.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head
    subj = _out_of_brackets(subj)
    # ``WASHINGTON -- President Obama … said``: a dateline parsed as the subject
    if subj.ent_type_ == "GPE" and subj.is_upper:
        for child in subj.children:
            if child.dep_ == "appos" and child.ent_type_ in ("PERSON", "ORG"):
                return child
    return subj


def _out_of_brackets(tok: Token) -> Token:
    """``Rep. Paul Ryan (R-WI) said``: a bracketed aside parsed as the subject stands for the
    name before the bracket."""
    doc = tok.doc
    if 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")":
        if tok.i >= 2 and doc[tok.i - 2].pos_ in ("PROPN", "NOUN"):
            return doc[tok.i - 2]
    return tok


def speaker_subject(verb: Token, quoted: Inside = _never) -> Token | None:
    """Who the cue's speaker is: its own subject, else (``, adding``, ``and added``) the
    subject of the nearest reporting verb above it, else of the nearest clause above it."""
    # ``was written by Springsteen``, ``is exemplified by this finding``: the agent speaks
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        objs = [c for c in agent.children if c.dep_ == "pobj" and not quoted(c)]
        if objs and objs[0].ent_type_ not in _NOT_SPEAKERS:
            return objs[0]
    subj = _own_subject(verb, quoted)
    if subj is not None:
        return subj
    if verb.dep_ == "relcl":
        return verb.head
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # ``Tamim lauded X and expressed Y, IRNA reported``: coordinated verbs share the
        # subject of the first, not of a report above them
        subj = _own_subject(verb.head, quoted)
        if subj is not None:
            return subj
    fallback = None
    node = verb
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        subj = _own_subject(node, quoted)
        if subj is None:
            continue
        if is_cue_lemma(node):
            return subj
        if fallback is None:
            fallback = subj
    if fallback is not None and verb.dep_ in ("xcomp", "conj", "advcl"):
        # ``took to Twitter to accuse Clinton’s campaign``, ``and criticized Obama``: the
        # clause it hangs from shares its subject; a name right after it is its object
        return fallback
    for cand in (_name_before(verb), _name_after(verb)):
        if cand is not None and not quoted(cand):
            return cand
    if fallback is None:
        # ``…,” Sanders said, going on to say that …``: the parse hung the second report
        # inside the quote; the speaker of the report just before it goes on
        for tok in reversed(verb.doc[verb.sent.start : verb.i]):
            if is_cue_lemma(tok) and not quoted(tok):
                subj = _own_subject(tok, quoted)
                if subj is not None:
                    return subj
    return fallback


def _name_before(verb: Token) -> Token | None:
    """``…, Iran’s news agency (IRNA) reported.`` when the parse missed the subject: the
    entity or noun chunk ending right before the verb."""
    doc = verb.doc
    j = verb.i - 1
    while j >= 0 and doc[j].text in (")", "]"):
        j -= 1
    # ``Flynn, a top Trump surrogate, said``, ``Morial, the chief …, forcefully told``
    k = j
    while k >= 0 and verb.i - k <= 3 and (doc[k].text == "," or doc[k].pos_ == "ADV"):
        k -= 1
    if k >= 0 and doc[k].dep_ in ("appos", "pobj") and doc[k].i < verb.i:
        head = doc[k]
        while head.dep_ in ("appos", "pobj", "prep") and head.head.i < head.i:
            head = head.head
            if head.pos_ == "PROPN" and head.ent_type_ not in _NOT_SPEAKERS:
                return head
    if j < 0 or verb.i - j > 2:
        return None
    tok = doc[j]
    if tok.ent_type_ in _NOT_SPEAKERS:
        return None
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or tok.pos_ in ("PROPN", "PRON"):
        return tok
    return None


def _name_after(verb: Token) -> Token | None:
    """``Said Ellis: “…”``: an inverted subject the parse did not attach."""
    doc = verb.doc
    j = verb.i + 1
    if j >= len(doc):
        return None
    tok = doc[j]
    if tok.ent_type_ in _NOT_SPEAKERS:
        return None
    if tok.ent_type_ in ("PERSON", "ORG") or tok.pos_ == "PROPN":
        # the head of the name: its last token
        while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
            j += 1
        return doc[j]
    return None


def _span_chars(tokens: list[Token]) -> tuple[int, int] | None:
    tokens = [t for t in tokens if not t.is_space]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in _CLAUSE_MARKERS):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in "”\"’'":
        tokens = tokens[:-1]
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def cue_extent(verb: Token) -> tuple[int, int]:
    """The cue phrase: the verb, its particle (``called for``), a channel (``in a statement``)."""
    start, end = verb.idx, verb.idx + len(verb)
    doc = verb.doc
    prt = PHRASAL.get(verb.lemma_.lower())
    for child in verb.children:
        if child.i == verb.i + 1 and (child.dep_ == "prt" or (prt and child.lower_ == prt)):
            end = child.idx + len(child)
    # ``wrote in a statement``: prep "in" right after the verb whose object is a channel
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_ == "in" and doc[j].head.i == verb.i:
        objs = [c for c in doc[j].children if c.dep_ == "pobj"]
        if objs and objs[0].lemma_.lower() in CHANNELS:
            last = objs[0].i  # the noun, not a that-clause hanging from it
            if last - j <= 4:
                end = doc[last].idx + len(doc[last])
    return start, end


_NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_DASHES = ("―", "—", "–", "-", "--")


def _name_run(doc: Doc, start: int, stop: int) -> Span | None:
    """A name of at most six words at ``doc[start]``: an entity or a run of proper nouns."""
    if start >= len(doc):
        return None
    tok = doc[start]
    if tok.ent_type_ in _NAME_LABELS and tok.ent_iob_ == "B":
        end = start + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return doc[start:end] if end - start <= 6 and end <= stop else None
    end = start
    while end < min(stop, len(doc)) and (doc[end].pos_ == "PROPN" or doc[end].is_upper):
        end += 1
    return doc[start:end] if 0 < end - start <= 6 else None


# Headline kickers: ``BREAKING: …``, ``Wow: …`` label the story, nobody says it.
_KICKERS = frozenset(
    "breaking exclusive byline watch look wow boom busted bombshell revealed update updated "
    "video photos live opinion editorial analysis correction just leaked".split()
)


def colon_cues(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[Cue]:
    """``PENCE: …`` or a headline ``Pat Caddell: Democrats worried``: a name opening the
    paragraph, a colon, then what the name said."""
    out = []
    for n, (ps, pe) in enumerate(paragraphs):
        first = doc.char_span(ps, min(pe, ps + 1), alignment_mode="expand")
        if first is None or len(first) == 0:
            continue
        i = first[0].i
        while i < len(doc) and doc[i].text in ('"', "“", "'"):
            i += 1
        name = _name_run(doc, i, len(doc))
        if name is None and n == 0 and i + 1 < len(doc) and doc[i + 1].text == ":":
            # a Title Case headline loses its tags: ``Poll: …``, ``Sanders: …`` (as NOUN)
            if doc[i].is_title and doc[i].pos_ == "NOUN":
                name = doc[i : i + 1]
        if name is None or name.end >= len(doc) or doc[name.end].text != ":":
            continue
        if all(t.lower_ in _KICKERS for t in name):
            continue
        colon = doc[name.end]
        cstart = colon.idx + 1
        while cstart < pe and doc_text(doc)[cstart].isspace():
            cstart += 1
        if pe - cstart < 3:
            continue
        out.append(Cue(colon, colon.idx, colon.idx + 1, name, (cstart, pe), None))
    return out


def _quoted_chars(doc: Doc, excluded: list[tuple[int, int]] | None) -> bytearray:
    """One flag per char of the doc, set inside the ``excluded`` ranges (the insides of
    quotes), so the test per token does not walk every quote."""
    inside = bytearray(len(doc_text(doc)) + 1)
    for a, b in excluded or []:
        inside[a:b] = b"\x01" * (b - a)
    return inside


def put_it_cues(doc: Doc, excluded: list[tuple[int, int]] | None = None) -> list[Cue]:
    """``As Ms. Simonyan put it, RT is “…”``, ``“…,” as a memo put it``: ``put it`` under
    ``as`` reports the words around it; its subject is the speaker."""
    inside = _quoted_chars(doc, excluded)
    out = []
    for tok in doc:
        if tok.lemma_.lower() != "put" or inside[tok.idx]:
            continue
        deps = {c.dep_: c for c in tok.children}
        obj, mark = deps.get("dobj"), deps.get("mark")
        if obj is None or obj.lower_ != "it" or mark is None or mark.lower_ != "as":
            continue
        subj = _own_subject(tok)
        if subj is None:
            continue
        out.append(Cue(tok, tok.idx, obj.idx + len(obj), mention_span(subj), None, None))
    return out


def dash_speaker(doc: Doc, after: int, limit: int) -> tuple[Cue | None]:
    """``“…” ― Edwin G. Monroy``: a dash and a name right after a quote's closing mark."""
    text = doc_text(doc)
    j = after
    while j < limit and text[j].isspace():
        j += 1
    k = j
    while k < limit and text[k] in "―—–-":
        k += 1
    if k == j:
        return None
    while k < limit and text[k].isspace():
        k += 1
    span = doc.char_span(k, min(limit, k + 1), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    name = _name_run(doc, span[0].i, len(doc))
    if name is None:
        return None
    return Cue(doc[span[0].i - 1] if span[0].i else span[0], j, k, name, None, None)


def find_cues(doc: Doc, excluded: list[tuple[int, int]] | None = None) -> list[Cue]:
    """Every cue in the doc outside the ``excluded`` char ranges (the insides of quotes)."""
    inside = _quoted_chars(doc, excluded)

    def outside(tok: Token) -> bool:
        return not inside[tok.idx]

    def outside_not(tok: Token) -> bool:
        return not outside(tok)

    cues: list[Cue] = []
    for tok in doc:
        to = _according_to(tok)
        if to is not None and outside(tok):
            objs = [c for c in to.children if c.dep_ == "pobj"]
            speaker = mention_span(objs[0]) if objs else None
            head = tok.head if tok.head.i != tok.i else None
            content = None
            if head is not None:
                skip = {t.i for t in tok.subtree}
                content = _span_chars(
                    [t for t in head.subtree if t.i not in skip and t.sent == tok.sent]
                )
            cues.append(Cue(tok, tok.idx, to.idx + len(to), speaker, content, head))
            continue
        if not outside(tok):
            continue
        if tok.pos_ == "NOUN":
            noun_cue = _noun_cue(tok) or _frame_cue(tok, outside_not)
            if noun_cue is not None:
                cues.append(noun_cue)
            continue
        if not (is_cue_lemma(tok) or _that_clause_verb(tok)):
            frame_cue = _frame_cue(tok, outside_not)
            if frame_cue is not None:
                cues.append(frame_cue)
            continue
        lemma = tok.lemma_.lower()
        content_root = None
        content = None
        clauses = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
        if clauses:
            # ``Writing for a panel …, Barabak noted that …``: the parse may take an opening
            # phrase for a clause too; a that-clause after the verb is the one reported
            content_root = next(
                (c for c in clauses if c.i > tok.i and _opens_with_that(c)), clauses[0]
            )
        if content_root is None:
            for child in tok.children:
                if child.dep_ == "xcomp" and lemma in XCOMP_CONTENT:
                    content_root = child
                    break
                if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > tok.i:
                    content_root = child  # ``admitted using the tax code``
                    break
        if content_root is None:
            content_root = _channel_clause(tok)
        subj = speaker_subject(tok, outside_not)
        if content_root is not None:
            content = _span_chars(
                _clause_tokens(tok, content_root, subj) + _hung_on_cue(tok, content_root)
            )
        else:
            prt = PHRASAL.get(lemma)
            obj = None
            if prt:
                for child in tok.children:
                    if child.lower_ == prt and child.dep_ in ("prep", "prt", "dative"):
                        pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                        if pobj:
                            obj = pobj[0]
                        elif child.dep_ == "prt":
                            dobj = [c for c in tok.children if c.dep_ == "dobj"]
                            obj = dobj[0] if dobj else None
            if obj is None and lemma in OBJECT_CONTENT:
                dobj = [c for c in tok.children if c.dep_ == "dobj"]
                obj = dobj[0] if dobj else None
            if obj is None and lemma in SPEECH_LEMMAS:
                obj = _topic_object(tok)
            if obj is None and lemma in SPEECH_LEMMAS and lemma not in _ADDRESSING:
                dobj = [c for c in tok.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
                obj = dobj[0] if dobj else None
            called = _called_as(tok)
            parenthetical = _parenthetical_content(tok)
            if called is not None:
                content_root, content = called
            elif obj is not None:
                content_root = obj
                content = _span_chars(_right_side(tok, obj))
            elif parenthetical is not None:
                content_root, content = parenthetical
            elif (frame_cue := _frame_cue(tok, outside_not)) is not None:
                if lemma not in SPEECH_LEMMAS:
                    cues.append(frame_cue)
                    continue
                # a speech verb stays a full cue, free to claim a quote nearby
                content_root, content = frame_cue.content_root, frame_cue.content
            elif lemma in CLAUSE_ONLY or lemma in PHRASAL and lemma not in SPEECH_LEMMAS:
                # no clause: ``continued:`` before a quote still counts, bare ``think`` not
                if lemma not in ("continue",) and not _colon_after(tok):
                    continue
        subj = speaker_subject(tok, outside_not)
        speaker = mention_span(subj) if subj is not None else None
        start, end = cue_extent(tok)
        cues.append(Cue(tok, start, end, speaker, content, content_root))
    return cues


def _frame_cue(tok: Token, quoted: Inside) -> Cue | None:
    """A cue from a measured stance frame (``railed against X``, ``has been critical of X``,
    ``their criticism of X``): the argument is the content; the speaker is the subject of
    the verb, of the copula an adjective completes, or a noun's possessor or the subject of
    the verb it is the object of."""
    table = frames_mod.learned()
    found = [f for f in frames_mod.frames_of(tok) if f.key in table]
    if not found:
        return None
    frame = max(found, key=lambda f: (table[f.key], -f.arg.i))
    # a quoted argument (``call a “special meeting” to vote``) is still reported here; the
    # quote finder drops the report if it is no more than the quote
    raised = _raised_subject(tok, frame)
    if raised is not None:
        return _raising_cue(tok, frame.arg, raised)
    subj = _stance_holder(tok, quoted)
    if subj is None or subj.lower_ in _NOT_HOLDERS:
        return None  # a stance nobody holds (``questions about X``) is no attribution
    if frame.key.endswith(":dobj"):
        toks = _right_side(tok, frame.arg)
    else:
        toks = _reported_subtree(frame.arg)
    content = _span_chars(toks)
    if content is None:
        return None
    start, end = cue_extent(tok) if tok.pos_ == "VERB" else (tok.idx, tok.idx + len(tok))
    prep = frame.arg.head
    if prep.i != tok.i and prep.head.i == tok.i and prep.i > tok.i:
        end = max(end, prep.idx + len(prep))
    return Cue(tok, start, end, mention_span(subj), content, frame.arg, stance=True)


_NOT_HOLDERS = frozenset("it this that which there".split())
# ``X seems to …``, ``X is expected to …``: a hedge over a whole proposition. Its subject
# belongs to the proposition (it holds no view), and nobody in the sentence holds it.
_RAISING = frozenset("seem appear".split())
_RAISING_PASSIVE = frozenset(
    "expect say think believe report project predict forecast suppose".split()
)


def _raised_subject(tok: Token, frame: frames_mod.Frame) -> Token | None:
    if tok.pos_ != "VERB" or not frame.key.endswith(":xcomp"):
        return None
    lemma = tok.lemma_.lower()
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if not (lemma in _RAISING_PASSIVE if passive else lemma in _RAISING):
        return None
    return next(
        (c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None
    )


def _raising_cue(tok: Token, arg: Token, subj: Token) -> Cue | None:
    """The content is the subject with the predicate; the subject is the speaker only when
    the predicate is itself a report (``he appeared to suggest that …``)."""
    content = _span_chars(list(tok.doc[subj.left_edge.i : tok.i + 1]) + _reported_subtree(arg))
    if content is None:
        return None
    speaker = None
    if is_cue_lemma(arg) and subj.lower_ not in _NOT_HOLDERS:
        speaker = mention_span(subj)
    start, end = cue_extent(tok)
    return Cue(tok, start, end, speaker, content, arg, stance=True)


def _stance_holder(tok: Token, quoted: Inside) -> Token | None:
    """Who holds a stance: a verb's subject, a noun's possessor, or the subject of the verb
    a noun or adjective completes (``has been critical of``, ``made a condemnation of``) or
    a noun's prepositional phrase hangs from."""
    if tok.pos_ == "VERB":
        return speaker_subject(tok, quoted)
    if tok.pos_ == "NOUN":
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is not None:
            return poss
    head = tok.head
    if tok.dep_ in ("acomp", "attr", "dobj", "oprd") and head.pos_ in ("VERB", "AUX"):
        return _own_subject(head, quoted)
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        # ``peppered him with attacks on X``, ``went ahead with hopes of X``
        return _own_subject(head.head, quoted)
    return None


# Nouns whose that-clause is a fact of the writer's, not anybody's claim.
_FACT_NOUNS = frozenset(
    "fact way sense point extent time reason degree moment day year case result part".split()
)


def _noun_cue(noun: Token) -> Cue | None:
    """``Trump’s claim that …``, ``warnings from his attorney that …``: a noun with a
    that-clause reports it; its source is the possessor or the ``from``/``by`` phrase."""
    if noun.lemma_.lower() in _FACT_NOUNS:
        return None
    if noun.dep_ == "pobj" and is_cue_lemma(noun.head.head):
        return None  # ``said in a statement that …``: the verb's channel, the verb's cue
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp") and c.i > noun.i and _opens_with_that(c)
        ),
        None,
    )
    if clause is None:
        return None
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of") and prep.i < clause.i:
                source = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if source is not None:
                    break
    speaker = mention_span(source) if source is not None else None
    content = _span_chars(_clause_tokens(noun, clause))
    return Cue(noun, noun.idx, noun.idx + len(noun), speaker, content, clause)


# Verbs whose object is whom they address, not what they say.
ADDRESSEE_OBJECT = frozenset("tell ask inform notify advise assure reassure remind".split())
# Speech verbs whose object is no content: the addressed, or for ``say`` a mere ``so``/``much``.
_ADDRESSING = ADDRESSEE_OBJECT | {"say"}
_TOPIC_PREPS = frozenset("about against of on over".split())


def _topic_object(verb: Token) -> Token | None:
    """``bragged about his debates``, ``warned against hackers``: what the speech was about."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS and child.i > verb.i:
            pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if pobj:
                return pobj[0]
    return None


def _called_as(verb: Token) -> tuple[Token, tuple[int, int] | None] | None:
    """``called the holiday “a celebration …”``, ``described it as …``: object and predicate."""
    if verb.lemma_.lower() not in ("call", "describe", "label", "dub", "brand", "term"):
        return None
    dobj = [c for c in verb.children if c.dep_ == "dobj"]
    pred = [c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp")]
    if verb.lemma_.lower() != "call":
        pred += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
    if not dobj or not pred:
        return None
    toks = sorted(
        [t for t in dobj[0].subtree] + [t for p in pred for t in p.subtree], key=lambda t: t.i
    )
    return pred[0], _span_chars(toks)


def _parenthetical_content(verb: Token) -> tuple[Token, tuple[int, int] | None] | None:
    """``Acts of protest, Mr. Obama said, are acts of patriotism``: the cue sits inside the
    clause it reports; the content is that clause without the cue's own words."""
    if verb.dep_ not in ("parataxis", "advcl", "ccomp", "conj") or verb.head.i == verb.i:
        return None
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or head.sent != verb.sent:
        return None
    if verb.dep_ != "parataxis" and not _is_comma_bracketed(verb):
        return None  # ``said it would tell``, ``Saying …, he left``: not a parenthetical
    if _own_subject(verb) is None:
        return None
    own = {t.i for t in verb.subtree}
    toks = [t for t in head.subtree if t.i not in own]
    if sum(1 for t in toks if t.is_alpha) < 3:
        return None
    return head, _span_chars(toks)


def _is_comma_bracketed(verb: Token) -> bool:
    """``…, he said, …``: the cue's words sit between commas (or dashes)."""
    sub = list(verb.subtree)
    doc = verb.doc
    left, right = sub[0].i - 1, sub[-1].i + 1
    if sub[-1].is_punct and sub[-1].text in (",", "—", "–"):
        right = sub[-1].i
    before = left >= 0 and doc[left].text in (",", "—", "–", "--")
    after = right < len(doc) and doc[right].text in (",", "—", "–", "--", ".")
    return before and after


def _channel_clause(verb: Token) -> Token | None:
    """``said in a statement that …``: the parse hangs the that-clause on the channel noun."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in CHANNELS:
                for clause in noun.children:
                    if clause.dep_ in ("acl", "ccomp", "relcl") and _opens_with_that(clause):
                        return clause
    return None


def _colon_after(tok: Token) -> bool:
    doc = tok.doc
    return tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


_RELATIVES = frozenset("which who whom whose".split())


def _aside_cuts(tokens: list[Token]) -> set[int]:
    """``…, focusing on young voters``, ``…, which forced her to leave early``: a participle
    or a who/which clause after a comma at the end of the content is the writer's aside,
    not the source's words."""
    ids = {t.i for t in tokens}
    cut: set[int] = set()
    for t in tokens:
        if t.head.i not in ids:
            continue
        if t.dep_ == "advcl" and t.tag_ == "VBG":
            end = max(ids)
        elif t.dep_ == "relcl" and t.doc[t.left_edge.i].lower_ in _RELATIVES:
            end = max(ids) - 1  # the clause may stop short of a closing mark
        else:
            continue
        left = t.left_edge.i - 1
        if left < 0 or t.doc[left].text != "," or t.right_edge.i < end:
            continue
        cut.update(x.i for x in t.subtree)
        cut.add(left)
    return cut


def _opens_with_that(clause: Token) -> bool:
    """A complement clause introduced by ``that`` (a relative ``that`` is no mark)."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _that_clause_verb(tok: Token) -> bool:
    """``environmentalists worry that …``: any verb whose subject is someone and whose
    complement is a that-clause states that someone's view."""
    if tok.pos_ != "VERB" or tok.lemma_ in ("be", "have", "make", "mean", "ensure"):
        return False
    if not any(c.dep_ == "ccomp" and _opens_with_that(c) for c in tok.children):
        return False
    subj = _own_subject(tok)
    return subj is not None and subj.lower_ not in ("it", "this", "that", "which", "there")


def _speech_verb(tok: Token) -> bool:
    # ``posed a threat and refused to drop the gun``: a stance goes on the first report
    return is_cue_lemma(tok) and tok.lemma_.lower() in SPEECH_LEMMAS


def _next_cue_cuts(root: Token) -> set[int]:
    """Tokens of a second report hanging inside the content: ``said A and suggested B``,
    ``said A, citing B`` (the parse often hangs the second verb on A), ``endorses A, who says
    B``, ``said A, though she noted B``. It is an attribution of its own, not part of A."""
    cut: set[int] = set()
    for tok in root.subtree:
        if tok.i <= root.i:
            continue
        comma = tok.left_edge.i - 1
        if tok.dep_ == "relcl" and is_cue_lemma(tok) and comma > root.i:
            if tok.doc[comma].text == ",":
                cut.update(t.i for t in tok.subtree)
                cut.add(comma)
            continue
        if tok.dep_ == "advcl" and is_cue_lemma(tok) and _contrasts(tok):
            pass  # ``…, although he refused to pledge …``: a report set against the first
        elif tok.dep_ not in ("conj", "advcl") or not _speech_verb(tok):
            continue
        elif tok.dep_ == "advcl" and tok.tag_ != "VBG":
            continue
        if _own_subject(tok) is not None and tok.dep_ == "conj":
            continue  # ``said A and B said C``: B's clause, still inside the first content
        sub = list(tok.subtree)
        cut.update(t.i for t in sub)
        # the ``and`` / comma joining it
        j = sub[0].i - 1
        doc = tok.doc
        while j > root.i and (doc[j].dep_ == "cc" or doc[j].is_punct):
            cut.add(j)
            j -= 1
    return cut


_CONTRAST_MARKS = frozenset("although though while whereas".split())


def _contrasts(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in _CONTRAST_MARKS for c in clause.children)


# Right-hand dependents of a cue that are not what was said: a second clause, asides.
_SECOND_CLAUSE_DEPS = frozenset(
    "conj cc punct advcl parataxis mark nsubj nsubjpass aux neg".split()
)


def _is_setting(child: Token) -> bool:
    """``in a statement``, ``on Thursday``, ``last week``: when and where it was said."""
    if child.dep_ == "npadvmod" or child.ent_type_ in ("DATE", "TIME"):
        return True
    if child.dep_ != "prep" or child.lower_ == "of":
        return False
    objs = [c for c in child.children if c.dep_ == "pobj"]
    return bool(objs) and (
        objs[0].ent_type_ in ("DATE", "TIME") or objs[0].lemma_.lower() in CHANNELS
    )


def _right_side(verb: Token, obj: Token) -> list[Token]:
    """What an object cue reports: its object and what follows it in the clause
    (``criticized X for Y``, ``called Obamacare ‘crazy’ during a stop``), not a second clause."""
    toks: list[Token] = []
    for child in verb.children:
        holds = child.left_edge.i <= obj.i <= child.right_edge.i
        if child.i < obj.i and not holds:
            continue
        if not holds and (child.dep_ in _SECOND_CLAUSE_DEPS or _is_setting(child)):
            continue
        toks.extend(obj.subtree if holds and child.i < obj.i else child.subtree)
    cut = _next_cue_cuts(obj) | _aside_cuts(toks)
    return sorted((t for t in toks if t.i not in cut), key=lambda t: t.i)


def _hung_on_cue(verb: Token, root: Token) -> list[Token]:
    """The rest of the content that the parse hung on the cue instead of on the content,
    right after it: later infinitives of one wish (``wants to triple X, grow Y and create
    Z``: bare verbs with no subject of their own, after a comma or ``and``), or one clause
    cut in two (``discovered that attempts to infiltrate the program were made by …``: a
    second clause running on from the first with no punctuation between)."""
    if root.dep_ == "xcomp" and root.tag_ == "VB":

        def takes(child: Token) -> bool:
            return (
                child.dep_ in ("dep", "conj")
                and child.tag_ == "VB"
                and not any(c.dep_ in SUBJECT_DEPS for c in child.children)
            )

        def bridges(gap: Span, child: Token) -> bool:
            return all(t.is_punct or t.dep_ == "cc" for t in gap)

    elif root.dep_ == "ccomp":

        def takes(child: Token) -> bool:
            return child.dep_ == "ccomp"

        def bridges(gap: Span, child: Token) -> bool:
            return len(gap) == 0 and not child.left_edge.is_punct

    else:
        return []
    out: list[Token] = []
    end = root.right_edge.i
    for child in verb.children:
        if child.i <= end or not takes(child):
            continue
        gap = verb.doc[end + 1 : child.left_edge.i]
        if not bridges(gap, child):
            break
        out.extend(gap)
        out.extend(child.subtree)
        end = child.right_edge.i
    return out


def _reported_subtree(root: Token) -> list[Token]:
    """``root``'s subtree without a second report hanging in it or a trailing aside."""
    sub = list(root.subtree)
    cut = _next_cue_cuts(root) | _aside_cuts(sub)
    return [t for t in sub if t.i not in cut]


def _clause_tokens(verb: Token, root: Token, subj: Token | None = None) -> list[Token]:
    """The complement clause's tokens on its side of the cue, never reaching into the cue's
    subject (``“…,” Flynn, a surrogate, said``): the reporting frame is not content."""
    toks = _reported_subtree(root)
    frame = {verb.i}
    if subj is not None:
        frame.update(t.i for t in mention_span(subj))
    # a subject on the far side of the clause (``After saying he was nervous, the man …``,
    # the subject borrowed from the main clause) frames nothing between them
    if root.i < verb.i:
        stop = min(i for i in frame if i > root.i)
        return [t for t in toks if t.i < stop]
    stop = max(i for i in frame if i < root.i)
    return [t for t in toks if t.i > stop]


def governing_cue(doc: Doc, start: int, end: int, quoted: Inside = _never) -> Cue | None:
    """The verb a quote hangs from when no reporting verb is near (``called over her
    shoulder, “…”``, ``delivered a retort: “…”``, ``calling him “…”``): its subject spoke."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = set(range(span.start, span.end))
    heads = [t.head for t in span if t.head.i not in inside and not t.head.is_punct]
    for head in heads:
        node = head
        for _ in range(3):
            if node.pos_ == "VERB" and node.lemma_ not in ("be", "have") and not quoted(node):
                subj = speaker_subject(node, quoted)
                if subj is None or quoted(subj) or subj.lower_ in ("it", "this", "that"):
                    return None
                s, e = cue_extent(node)
                return Cue(node, s, e, mention_span(subj), None, None)
            if node.head.i == node.i:
                break
            node = node.head
    return None


def governing_cue_for_verb(verb: Token, quoted: Inside = _never) -> Cue | None:
    """A cue made of any verb and its subject, for frames like ``beamed Donald Hartley``."""
    subj = speaker_subject(verb, quoted)
    if subj is None or quoted(subj) or subj.lower_ in ("it", "this", "that", "there"):
        return None
    s, e = cue_extent(verb)
    return Cue(verb, s, e, mention_span(subj), None, None)
