""":mod:`quotekit.attribute.quotes`: find quotation-mark spans on a Doc (no parse needed).

Double quotation marks (straight ``"`` and curly ``“ ”``, plus ``« » „`` and the
doubled ``''`` / ````` of some newswires) delimit quotes; single quotes and
apostrophes (don't, Japan's, '90s, students') never open a top-level quote, so they only matter inside a quote.
A straight ``"`` opens when it is preceded by white space, an opening bracket or the text start, and closes
otherwise. A quote still open at a paragraph break continues when the next paragraph opens with a quote mark
(the newspaper convention for multi-paragraph quotes) and the open part has a few words; otherwise it ends
with its paragraph.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..spans import doc_text, per_doc

OPENING = frozenset("“«„")
CLOSING = frozenset("”»")
STRAIGHT = frozenset({'"', "″", "''"})
OPENING = OPENING | {"``"}
MARKS = OPENING | CLOSING | STRAIGHT
MIN_CONTINUED_WORDS = 3
"""An unclosed quotation continues into the next paragraph only if it has at least this many words (stray
marks before a real quotation must not swallow it)."""


def _is_para_break(token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def quote_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` (end exclusive, marks included) of every top-level quotation (computed once
    per Doc: the attributor and speaker resolution both ask)."""
    return per_doc(doc, "quote_spans", _quote_spans)


def _quote_spans(doc: Doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    text = doc_text(doc)
    open_at = None
    pending_break = False  # a paragraph ended while a quote was open
    last_in_quote = None
    for tok in doc:
        if _is_para_break(tok) and tok.is_space:
            if open_at is not None:
                pending_break = True
            continue
        ch = tok.text
        is_mark = ch in MARKS
        if pending_break:
            pending_break = False
            words = sum(1 for t in doc[open_at:last_in_quote + 1] if t.is_alpha)
            if is_mark and (ch in OPENING or ch in STRAIGHT) and words >= MIN_CONTINUED_WORDS:
                continue  # the quote goes on in this paragraph; this mark re-opens it
            spans.append((open_at, last_in_quote + 1))
            open_at = None
        if not is_mark:
            if open_at is not None:
                last_in_quote = tok.i
                if "\n" in tok.whitespace_:
                    pending_break = True
            continue
        if ch in OPENING:
            opens = True
        elif ch in CLOSING:
            opens = False
        else:
            before = text[tok.idx - 1] if tok.idx > 0 else " "
            opens = open_at is None and (before.isspace() or before in "([{—–-/")
        if opens and open_at is None:
            open_at, last_in_quote = tok.i, tok.i
        elif not opens and open_at is not None:
            spans.append((open_at, tok.i + 1))
            open_at = None
        elif opens and open_at is not None:
            # a new opening mark inside an open quote: close the old one just before it
            if tok.i - 1 > open_at:
                spans.append((open_at, tok.i))
            open_at, last_in_quote = tok.i, tok.i
        if open_at is not None and "\n" in tok.whitespace_:
            pending_break = True
    if open_at is not None and last_in_quote is not None and last_in_quote > open_at:
        spans.append((open_at, last_in_quote + 1))
    return spans
