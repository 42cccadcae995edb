""":mod:`quotekit.spans`: fast per-Doc lookups shared by the analysis stages.

Two spaCy accessors are costly on a hot path: ``Doc.text`` joins every token on each access, and ``Span.ents``
scans every entity of the Doc; called once per quote or mention they make analysis slow, even quadratic on
huge documents. The analysis stages handle one Doc at a time, so one Doc's text and entity index are kept.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Any, Callable

from spacy.tokens import Doc, Span

_LAST: dict = {"doc": None}  # holds the Doc itself, so its identity cannot be reused while cached


def _cached(doc: Doc) -> dict:
    if _LAST["doc"] is not doc:
        _LAST.clear()
        _LAST["doc"] = doc
    return _LAST


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], Any]) -> Any:
    """``compute(doc)``, computed once per Doc however many stages ask (e.g. the quotation spans)."""
    cache = _cached(doc)
    if key not in cache:
        cache[key] = compute(doc)
    return cache[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    cache = _cached(doc)
    if "text" not in cache:
        cache["text"] = doc.text
    return cache["text"]


def ents_in(span: Span) -> list[Span]:
    """The Doc's named entities lying wholly inside ``span``, in order (same as ``span.ents``).

    (Entities are set by the parser; the analysis stages never change them.)"""
    cache = _cached(span.doc)
    if "ents" not in cache:
        ents = list(span.doc.ents)
        cache["ents"] = ([e.start for e in ents], ents)
    starts, ents = cache["ents"]
    out = []
    for k in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out
