""":mod:`quotekit.attribute.boilerplate`: spot scraped-page residue (menus, icon names, promos) on a parsed Doc.

Nothing is removed from the text (offsets never shift): :func:`boilerplate_mask` says, per token, whether it lies
in a boilerplate line. A line is boilerplate when it holds a known promo phrase (the lexicon
``quotekit/lexicons/promo_phrases.txt``), or when it has no finite verb and no quotation mark and is short or is a
bullet item.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Union

import numpy
from spacy.tokens import Doc

from ..analysis import DocAnalysis, analysis_of
from ..lexicons import load

PROMO_MAX_WORDS = 20
"""A line holding a promo phrase is boilerplate only up to this many words: promos are short ("Advertisement",
"Sign up for our newsletter"), while a news paragraph may mention an advertisement or a newsletter."""

_BULLET = re.compile(r"^\s*[•·\-\*▪●◦‣]\s")


def _has_quote(line: str) -> bool:
    return '"' in line or "“" in line or "”" in line


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(tok) -> bool:
    """A finite verb (from morphology, else the PTB tag; a parse without either counts every verb)."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    form = tok.morph.get("VerbForm")
    return "Fin" in form or tok.tag_ in _FINITE_TAGS or (not form and not tok.tag_)


def _lines(text: str):
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


@lru_cache(maxsize=None)
def _promo_phrases() -> tuple[str, ...]:
    """The promo phrases (``quotekit/lexicons/promo_phrases.txt``, lower case)."""
    return tuple(p for p in load("promo_phrases") if p)


def _promo_starts(lowered: str) -> list[int]:
    """Where each promo phrase occurs in ``lowered``, sorted (one fast substring search per phrase)."""
    starts = []
    for phrase in _promo_phrases():
        at = lowered.find(phrase)
        while at >= 0:
            starts.append(at)
            at = lowered.find(phrase, at + 1)
    starts.sort()
    return starts


def boilerplate_mask(doc: Union[Doc, DocAnalysis]) -> list[bool]:
    """``True`` for each token of ``doc`` that lies in a boilerplate line."""
    analysis = analysis_of(doc)
    doc, text, table = analysis.doc, analysis.text, analysis.table
    idx, space = table.idx, table.is_space
    # prefix counts: non-space tokens, alphabetic tokens
    n_words = numpy.concatenate(([0], numpy.cumsum(table.column("IS_SPACE") == 0))).tolist()
    n_alpha = numpy.concatenate(([0], numpy.cumsum(table.column("IS_ALPHA") != 0))).tolist()
    lowered = text.lower()  # promo phrases located once in the whole text (None: lower() moved offsets)
    promos = _promo_starts(lowered) if len(lowered) == len(text) else None
    mask = [False] * len(doc)
    tok = 0
    for start, end in _lines(text):
        first, tok = tok, bisect_left(idx, end, tok)  # the tokens starting before the line break
        if n_words[tok] == n_words[first]:
            continue
        line = text[start:end]
        if promos is None:
            promo = bool(_promo_starts(line.lower()))
        else:  # a phrase starting in this line (phrases hold no line break)
            k = bisect_left(promos, start)
            promo = k < len(promos) and promos[k] < end
        if promo and n_alpha[tok] - n_alpha[first] > PROMO_MAX_WORDS:
            promo = False  # running prose that mentions an ad or a newsletter is news, not a promo
        if promo or _BULLET.match(line):
            mask[first:tok] = [True] * (tok - first)
            continue
        if n_alpha[tok] - n_alpha[first] > 12 or _has_quote(line):
            continue
        if not any(not space[i] and table.pos[i] in ("VERB", "AUX") and _finite(doc[i]) for i in range(first, tok)):
            mask[first:tok] = [True] * (tok - first)
    return mask
