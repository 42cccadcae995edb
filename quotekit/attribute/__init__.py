""":mod:`quotekit.attribute`: find reported statements (content, cue, speaker mention) on a UD-parsed Doc."""
from __future__ import annotations

from spacy.tokens import Doc

from ..types import Attribution
from .rules import find


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every reported statement in ``doc`` (UD relations, see :mod:`quotekit.parse`), in document order.

    Rules are described in :mod:`quotekit.attribute.rules`; cue lexicons and dependency patterns are data files
    under ``lexicons/`` and ``patterns/``.
    """
    return find(doc)


from . import component  # noqa: E402,F401  (registers the "quotekit_attributor" spaCy factory)

__all__ = ["find_attributions"]
