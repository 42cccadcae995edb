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


def _finite_tokens(doc: Doc) -> list[bool]:
    """Per token: a finite verb (from morphology, else the PTB tag; a parse without either counts every verb)."""
    table = token_table(doc)
    morph = table.morph
    out = []
    for pos, tag, feats in zip(table.pos, table.tag, morph):
        if pos not in ("VERB", "AUX"):
            out.append(False)
            continue
        forms = _verb_forms(feats)
        out.append("Fin" in forms or tag in _FINITE_TAGS or (not forms and not tag))
    return out


def _verb_forms(feats: str) -> list[str]:
    """The values of ``VerbForm`` in a UD feature string (``"Mood=Ind|VerbForm=Fin"`` -> ``["Fin"]``)."""
    for feat in feats.split("|"):
        name, _, value = feat.partition("=")
        if name == "VerbForm":
            return value.split(",")
    return []


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
    finite = None
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
        if finite is None:
            finite = _finite_tokens(doc)
        if not any(finite[i] for i in tokens):
            mask[first:tok] = [True] * (tok - first)
    return mask
