"""The model's attribute ruler, applied by table lookup instead of spaCy's Matcher.

``en_core_web_sm``'s ``attribute_ruler`` maps each token's fine tag (and a few words and
dependency labels) to its coarse POS, morphology and some lemmas, with 179 patterns run
through spaCy's ``Matcher``. On the PolNeAR texts it was 12% of the pipeline's time for
what is, for almost every token, one lookup. ``FastAttributeRuler`` reads the same
patterns from the loaded ruler and gives every token exactly the attributes the ruler would
(``tests/extract/test_attributes.py`` compares whole Docs, byte for byte):

- a pattern of one token whose conditions it understands (equal, ``IN``, ``NOT_IN``,
  ``REGEX`` on ``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``) is checked once per distinct
  (tag, word class, dep, is_space) and the answer kept, where a word the patterns name is
  its own class and every other word is classed by the patterns' regular expressions it
  matches (so the table stays small however many words the corpus has);
- any other pattern (several tokens) still goes through a ``Matcher`` of its own;
- as in ``AttributeRuler.match``, a token takes the patterns it matches in the order they
  were added, a later one overriding an earlier one.
"""

from __future__ import annotations

import re
from typing import Any

NAME = "briefing_attributes"
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


def _condition(value: Any, strings) -> tuple[str, Any]:
    """One token condition as (operator, operand) over the token's attribute hash."""
    def h(v: Any) -> int:
        return int(v) if isinstance(v, bool) else strings.add(v) if v else 0

    if not isinstance(value, dict):
        return "eq", h(value)
    (op, operand), = value.items()  # the ruler's own patterns hold one operator each
    if op == "IN":
        return "in", frozenset(h(v) for v in operand)
    if op == "NOT_IN":
        return "not_in", frozenset(h(v) for v in operand)
    if op == "REGEX":
        return "regex", re.compile(operand)
    raise ValueError(op)


class FastAttributeRuler:
    """A pipeline component equivalent to ``ruler`` (a loaded ``AttributeRuler``)."""

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens._retokenize import set_token_attrs

        self._set = set_token_attrs
        self._strings = ruler.vocab.strings
        self._attrs = ruler.attrs
        self._single: list[tuple[int, list[tuple[int, str, Any]]]] = []
        self._multi = Matcher(ruler.vocab)
        for attr_id in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(attr_id))
            for pattern in patterns:
                compiled = self._compile(pattern) if ruler.indices[attr_id] in (0, -1) else None
                if compiled is None:
                    self._multi.add(str(attr_id), [pattern])
                else:
                    self._single.append((attr_id, compiled))
        self._indices = ruler.indices
        # Words a pattern names keep their hash; the others are classed by the LOWER
        # regular expressions they match, as ~bitmask (negative, unlike any hash).
        self._named: set[int] = set()
        self._regexes: list[re.Pattern] = []
        for _, conditions in self._single:
            for n, (key, op, operand) in enumerate(conditions):
                if key != _KEYS.index("LOWER"):
                    continue
                if op == "eq":
                    self._named.add(operand)
                elif op in ("in", "not_in"):
                    self._named.update(operand)
                else:
                    conditions[n] = (key, "bit", len(self._regexes))
                    self._regexes.append(operand)
        self._word_class: dict[int, int] = {}
        self._by_signature: dict[tuple[int, int, int, int], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], dict] = {}

    def _compile(self, pattern: list[dict]) -> list[tuple[int, str, Any]] | None:
        if len(pattern) != 1 or any(k not in _KEYS for k in pattern[0]):
            return None
        try:
            return [(_KEYS.index(k), *_condition(v, self._strings))
                    for k, v in pattern[0].items()]
        except ValueError:  # an operator this table does not know: the Matcher does
            return None

    def _matching(self, signature: tuple[int, int, int, int]) -> tuple[int, ...]:
        out = []
        for attr_id, conditions in self._single:
            for key, op, operand in conditions:
                value = signature[key]
                if op == "eq":
                    ok = value == operand
                elif op == "in":
                    ok = value in operand
                elif op == "not_in":
                    ok = value not in operand
                elif op == "bit":  # a word class, or a named word's own hash
                    ok = (bool(~value >> operand & 1) if value < 0 else
                          self._regexes[operand].search(self._strings[value]) is not None)
                else:
                    ok = operand.search(self._strings[value] if value else "") is not None
                if not ok:
                    break
            else:
                out.append(attr_id)
        return tuple(out)

    def _class_of(self, lower: int) -> int:
        if lower in self._named:
            return lower
        word_class = self._word_class.get(lower)
        if word_class is None:
            text = self._strings[lower] if lower else ""
            bits = sum(1 << n for n, rx in enumerate(self._regexes) if rx.search(text))
            word_class = ~bits
            if len(self._word_class) > 200_000:  # bounded, whatever the corpus
                self._word_class.clear()
            self._word_class[lower] = word_class
        return word_class

    def _merge(self, attr_ids: tuple[int, ...]) -> dict:
        merged: dict = {}
        for attr_id in attr_ids:
            merged.update(self._attrs[attr_id])
        return merged

    def __call__(self, doc):
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if not len(doc):
            return doc
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        extra: dict[int, list[int]] = {}
        if len(self._multi):
            # All matches are found before any is applied, as the ruler does.
            for match_id, start, end in self._multi(doc, allow_missing=True):
                attr_id = int(self._strings[match_id])
                index = self._indices[attr_id]
                extra.setdefault(start + index if index >= 0 else end + index,
                                 []).append(attr_id)
        by_signature, merged_by_ids = self._by_signature, self._merged
        class_of = self._class_of
        for i, (tag, lower, dep, space) in enumerate(rows):
            signature = (tag, class_of(lower), dep, space)
            ids = by_signature.get(signature)
            if ids is None:
                ids = by_signature[signature] = self._matching(signature)
            if i in extra:
                ids = tuple(sorted(ids + tuple(extra[i])))
            if not ids:
                continue
            merged = merged_by_ids.get(ids)
            if merged is None:
                merged = merged_by_ids[ids] = self._merge(ids)
            self._set(doc[i], merged)
        return doc


def use_fast_ruler(nlp) -> None:
    """Run ``FastAttributeRuler`` in place of the model's ``attribute_ruler`` (kept loaded,
    disabled, so the tests can compare the two)."""
    from spacy.language import Language

    if "attribute_ruler" not in nlp.pipe_names or NAME in nlp.pipe_names:
        return
    if not Language.has_factory(NAME):
        @Language.factory(NAME)
        def make(nlp, name):  # noqa: ARG001 - spaCy's factory signature
            return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))
    nlp.add_pipe(NAME, after="attribute_ruler")
    nlp.disable_pipe("attribute_ruler")
