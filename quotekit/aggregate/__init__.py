""":mod:`quotekit.aggregate`: pandas tables over quote records (per quote, speaker, target, document, outlet,
period), speaker key terms, speaker x target stance and speaker x framing (:mod:`quotekit.aggregate.stance_tables`);
tables are written by :func:`write_table` (:mod:`quotekit.run.writers`)."""
from __future__ import annotations

from ..run.writers import write_table
from .frames import (
    bootstrap_ci, by_outlet, by_period, documents_frame, quotes_frame, speaker_key, speaker_keyterms,
    speakers_frame, targets_frame,
)
from .stance_tables import speaker_framing_table, speaker_target_table

__all__ = [
    "bootstrap_ci", "by_outlet", "by_period", "documents_frame", "quotes_frame", "speaker_key",
    "speaker_framing_table", "speaker_keyterms", "speaker_target_table", "speakers_frame", "targets_frame",
    "write_table",
]
