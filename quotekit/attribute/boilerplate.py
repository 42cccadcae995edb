""":mod:`quotekit.attribute.boilerplate`: spot scraped-page residue (menus, icon names, promos) on a parsed Doc.

Nothing is removed from the text (offsets never shift): :func:`boilerplate_mask` says, per token, whether it lies
in a boilerplate line. A line is boilerplate when it holds a known promo phrase (``lexicons/promo_phrases.txt``),
or when it has no finite verb and no quotation mark and is short or is a bullet item.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..spans import doc_text
from .lexicon import load

_BULLET = re.compile(r"^\s*[•·\-\*▪●◦‣]\s")
_QUOTES = set("\"“”")


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


def boilerplate_mask(doc: Doc) -> list[bool]:
    """``True`` for each token of ``doc`` that lies in a boilerplate line."""
    text = doc_text(doc)
    promos = load("promo_phrases")
    mask = [False] * len(doc)
    tok = 0
    n = len(doc)
    for start, end in _lines(text):
        first = tok
        while tok < n and doc[tok].idx < end:
            tok += 1
        tokens = [t for t in doc[first:tok] if not t.is_space]
        if not tokens:
            continue
        line = text[start:end]
        low = line.lower()
        finite = any(_finite(t) for t in tokens)
        has_quote = any(c in _QUOTES for c in line)
        promo = any(p in low for p in promos)
        bullet = bool(_BULLET.match(line))
        words = sum(1 for t in tokens if t.is_alpha)
        if promo or bullet or (not finite and not has_quote and words <= 12):
            for i in range(first, tok):
                mask[i] = True
    return mask
