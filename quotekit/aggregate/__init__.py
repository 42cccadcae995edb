""":mod:`quotekit.aggregate`: pandas tables over quote records (per quote, speaker, target, document, outlet,
period), speaker key terms; tables are written by :func:`write_table` (:mod:`quotekit.run.writers`)."""
from __future__ import annotations

from ..run.writers import write_table
from .frames import (
    bootstrap_ci, by_outlet, by_period, documents_frame, quotes_frame, speaker_key, speaker_keyterms,
    speakers_frame, targets_frame,
)

__all__ = [
    "bootstrap_ci", "by_outlet", "by_period", "documents_frame", "quotes_frame", "speaker_key",
    "speaker_keyterms", "speakers_frame", "targets_frame", "write_table",
]
