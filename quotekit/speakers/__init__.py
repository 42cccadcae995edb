""":mod:`quotekit.speakers`: speaker entities, roles and types within a document; corpus-wide ids."""
from __future__ import annotations

from spacy.tokens import Doc

from ..types import Attribution, SpeakerInfo


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> list[SpeakerInfo]:
    """One :class:`SpeakerInfo` per attribution. (Placeholder until resolution lands.)"""
    return [SpeakerInfo() for _ in attributions]
