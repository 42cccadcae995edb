""":mod:`quotekit.spans`: fast span helpers shared by the analysis stages.

``Span.ents`` scans every entity of the Doc; called once per quote or mention it makes a document's analysis
quadratic (a 1.5 MB article has thousands of each). :func:`ents_in` bisects a per-Doc index instead.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

_LAST: list = [None, None, None]  # doc, entity starts, entities: one Doc is analysed at a time


def _index(doc: Doc) -> tuple[list[int], list[Span]]:
    if _LAST[0] is not doc:  # (entities are set by the parser; analysis stages never change them)
        ents = list(doc.ents)
        _LAST[:] = [doc, [e.start for e in ents], ents]
    return _LAST[1], _LAST[2]


def ents_in(span: Span) -> list[Span]:
    """The Doc's named entities lying wholly inside ``span``, in order (same as ``span.ents``)."""
    starts, ents = _index(span.doc)
    out = []
    for k in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out
