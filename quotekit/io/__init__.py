""":mod:`quotekit.io`: reading input files (:mod:`.files`, :mod:`.html`) into Documents."""
from __future__ import annotations

from .files import MIXED_UTF8, decode, read_document, read_text
from .html import blank_markup, looks_like_html, snap_span

__all__ = ["MIXED_UTF8", "blank_markup", "decode", "looks_like_html", "read_document", "read_text", "snap_span"]
