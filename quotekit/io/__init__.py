""":mod:`quotekit.io`: reading input files (:mod:`.files`, :mod:`.html`) into Documents."""
from __future__ import annotations

from .files import read_document, read_text
from .html import blank_markup, looks_like_html, snap_span

__all__ = ["blank_markup", "looks_like_html", "read_document", "read_text", "snap_span"]
