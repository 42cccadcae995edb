""":mod:`quotekit.attribute`: find reported statements (content, cue, speaker mention) on a UD-parsed Doc."""
from __future__ import annotations

from typing import Union

from spacy.tokens import Doc

from ..analysis import DocAnalysis
from ..types import Attribution
from .rules import find


def find_attributions(doc: Union[Doc, DocAnalysis]) -> list[Attribution]:
    """Every reported statement in ``doc`` (UD relations, see :mod:`quotekit.parse`), in document order.

    ``doc`` may be the document's :class:`~quotekit.analysis.DocAnalysis` (what the pipeline passes, so the
    later stages reuse what the attributor read); a plain Doc gets a fresh one.

    Rules are described in :mod:`quotekit.attribute.rules`; cue lexicons and dependency patterns are data files
    under ``lexicons/`` and ``patterns/``.
    """
    return find(doc)


from . import component  # noqa: E402,F401  (registers the "quotekit_attributor" spaCy factory)

__all__ = ["find_attributions"]
