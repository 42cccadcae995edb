""":mod:`quotekit.attribute.boilerplate`: spot scraped-page residue (menus, icon names, promos) on a parsed Doc.

Nothing is removed from the text (offsets never shift): :func:`boilerplate_mask` says, per token, whether it lies
in a boilerplate line. A line is boilerplate when it holds a known promo phrase (``lexicons/promo_phrases.txt``),
or when it has no finite verb and no quotation mark and is short or is a bullet item.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ..spans import doc_text, token_table
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
    table = token_table(doc)
    idx, space, alpha = table.idx, table.is_space, table.is_alpha
    promos = load("promo_phrases")
    mask = [False] * len(doc)
    tok = 0
    n = len(doc)
    for start, end in _lines(text):
        first = tok
        while tok < n and idx[tok] < end:
            tok += 1
        tokens = [i for i in range(first, tok) if not space[i]]
        if not tokens:
            continue
        line = text[start:end]
        low = line.lower()
        if any(p in low for p in promos) or _BULLET.match(line):
            mask[first:tok] = [True] * (tok - first)
            continue
        if sum(1 for i in tokens if alpha[i]) > 12 or any(c in _QUOTES for c in line):
            continue
        if not any(table.pos[i] in ("VERB", "AUX") and _finite(doc[i]) for i in tokens):
            mask[first:tok] = [True] * (tok - first)
    return mask
