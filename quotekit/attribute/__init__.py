""":mod:`quotekit.attribute`: find reported statements (content, cue, speaker mention) on a UD-parsed Doc."""
from __future__ import annotations

from spacy.tokens import Doc

from ..types import Attribution


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every reported statement in ``doc``, in document order. (Placeholder until the rules land.)"""
    return []
