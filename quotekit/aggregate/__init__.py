""":mod:`quotekit.aggregate`: pandas tables over quote records (per quote, speaker, target, document, outlet,
period), speaker key terms, and table export (CSV, Parquet, JSONL)."""
from __future__ import annotations

from .export import write_table
from .frames import (
    bootstrap_ci, by_outlet, by_period, documents_frame, quotes_frame, speaker_key, speaker_keyterms,
    speakers_frame, targets_frame,
)

__all__ = [
    "bootstrap_ci", "by_outlet", "by_period", "documents_frame", "quotes_frame", "speaker_key",
    "speaker_keyterms", "speakers_frame", "targets_frame", "write_table",
]
