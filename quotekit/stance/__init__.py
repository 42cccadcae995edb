""":mod:`quotekit.stance`: stance of what was said, per quote and per target."""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc

from ..types import Attribution, Stance


def score_attributions(doc: Doc, attributions: list[Attribution], *, scorer: Optional[Callable] = None) -> list[Optional[Stance]]:
    """One :class:`Stance` per attribution. (Placeholder until the scorer lands.)"""
    return [None for _ in attributions]
