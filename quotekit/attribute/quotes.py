""":mod:`quotekit.attribute.quotes`: find quotation-mark spans on a Doc (no parse needed).

Double quotation marks (straight ``"`` and curly ``“ ”``, ``« »``, ``‹ ›``, low-high ``„ “``, ``「 」`` and the
doubled ``''`` / ````` of some newswires) delimit quotes; British single marks (``‘ ’``, ``' '``, ``‚ ‘``)
delimit quotes outside them (:func:`_single_quoted`: an apostrophe -- don't, Japan's, '90s, rock 'n' roll,
James' car -- never opens one).
A straight ``"`` opens when it is preceded by white space, an opening bracket or the text start, and closes
otherwise. A quote still open at a paragraph break continues when the next paragraph opens with a quote mark
(the newspaper convention for multi-paragraph quotes) and the open part has a few words; otherwise it ends
with its paragraph.
"""
from __future__ import annotations

import re
from typing import Union

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..analysis import DocAnalysis, TokenTable, analysis_of

OPENING = frozenset("“«„‹「")
CLOSING = frozenset("”»›」")
LOW_HIGH = {"„": "“", "‚": "‘"}
"""German-style low-high pairs: after an opening „ the high “ closes (elsewhere “ opens)."""
SINGLE_OPENING = frozenset({"‘", "'", "‚"})
SINGLE_CLOSING = frozenset({"’", "'", "‘"})
STRAIGHT = frozenset({'"', "″", "''"})
OPENING = OPENING | {"``"}
MARKS = OPENING | CLOSING | STRAIGHT
_MARK_IDS = numpy.array(sorted(get_string_id(mark) for mark in MARKS), dtype="uint64")  # the double marks
_SINGLE_MARK_IDS = numpy.array(sorted(get_string_id(mark) for mark in SINGLE_OPENING | SINGLE_CLOSING), dtype="uint64")
MARKS = MARKS | SINGLE_OPENING | SINGLE_CLOSING
_LETTERS = re.compile(r"[^\W\d_]+")
MIN_CONTINUED_WORDS = 3
"""An unclosed quotation continues into the next paragraph only if it has at least this many words (stray
marks before a real quotation must not swallow it)."""
ELISIONS = frozenset({"tis", "twas", "twere", "twill", "em", "n", "cause", "cos", "til", "bout", "nother", "kay"})
"""Words whose first letters an apostrophe replaces ('tis, 'em, rock 'n' roll, 'cause): the mark before them never
opens a single-mark quotation."""


def quote_spans(doc: Union[Doc, DocAnalysis]) -> list[tuple[int, int]]:
    """Token spans ``(start, end)`` (end exclusive, marks included) of every top-level quotation of a Doc (kept
    on its :class:`~quotekit.analysis.DocAnalysis`: the attributor and speaker resolution both read them)."""
    return analysis_of(doc).quotes


def _mark_tokens(table: TokenTable, marks: numpy.ndarray = _MARK_IDS) -> list[int]:
    """Indices of the tokens that are quotation marks (double marks; ``marks``: the string ids of other ones)."""
    return numpy.flatnonzero(numpy.isin(table.column("ORTH"), marks)).tolist()


def quotation_spans(analysis: DocAnalysis) -> list[tuple[int, int]]:
    """:func:`quote_spans`, computed (:attr:`DocAnalysis.quotes` keeps them)."""
    spans: list[tuple[int, int]] = []
    text, table = analysis.text, analysis.table
    words, is_alpha, idx = table.text, table.is_alpha, table.idx
    open_at = None
    pending_break = False  # a paragraph ended while a quote was open
    last_in_quote = None
    breaks = set(analysis.line_breaks)
    # only marks and line breaks change the state; the words between them can only close a quote left open at a
    # paragraph break (the first of them) or extend the open quote (to the last of them)
    events = sorted(breaks.union(_mark_tokens(table)))
    prev = -1
    for i in events + [len(words)]:
        if i > prev + 1:  # words prev+1 .. i-1
            if pending_break:
                pending_break = False
                spans.append((open_at, last_in_quote + 1))
                open_at = None
            if open_at is not None:
                last_in_quote = i - 1
        prev = i
        if i == len(words):
            break
        ch = words[i]
        if i in breaks:
            if open_at is not None:
                pending_break = True
            continue
        if pending_break:
            pending_break = False
            n_words = sum(is_alpha[open_at:last_in_quote + 1])
            if (ch in OPENING or ch in STRAIGHT) and n_words >= MIN_CONTINUED_WORDS:
                continue  # the quote goes on in this paragraph; this mark re-opens it
            spans.append((open_at, last_in_quote + 1))
            open_at = None
        if open_at is not None and LOW_HIGH.get(words[open_at]) == ch:
            opens = False
        elif ch in OPENING:
            opens = not (open_at is not None and _closes_as_typo(text, idx[i], len(ch)))
        elif ch in CLOSING:
            opens = False
        else:
            before = text[idx[i] - 1] if idx[i] > 0 else " "
            after = text[idx[i] + 1] if idx[i] + 1 < len(text) else " "
            # scraped text drops the space after a colon or comma ('Clinton:"We learned ...', 'said,"We')
            opens = open_at is None and (before.isspace() or before in "([{—–-/"
                                         or before in ":," and after.isalnum())
        if opens and open_at is None:
            open_at, last_in_quote = i, i
        elif not opens and open_at is not None:
            spans.append((open_at, i + 1))
            open_at = None
        elif opens and open_at is not None:
            # a new opening mark inside an open quote: close the old one just before it
            if i - 1 > open_at:
                spans.append((open_at, i))
            open_at, last_in_quote = i, i
    if open_at is not None and last_in_quote is not None and last_in_quote > open_at:
        spans.append((open_at, last_in_quote + 1))
    return sorted(spans + _single_quoted(analysis, spans))


def _closes_as_typo(text: str, start: int, length: int) -> bool:
    """An opening mark typed where the closing one belongs (``“It's unusual,“ said ...``): glued to the word
    before it and followed by white space, punctuation or the end, as only a closing mark is."""
    before = text[start - 1] if start > 0 else " "
    after = text[start + length] if start + length < len(text) else " "
    return not before.isspace() and before not in "([{—–-/" and (after.isspace() or after in ".,;:!?)]}")


def _single_quoted(analysis: DocAnalysis, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """British single-mark quotations (``‘...’``, ``'...'``, ``‚...‘``) outside the double-mark ones.

    An opening mark follows white space, a bracket or the text start and comes before a letter (``'80s`` and
    apostrophes inside words never open), but not before an elided word (:data:`ELISIONS`: ``'tis``, ``'em``); a
    closing mark follows a non-space and comes before a space, punctuation or the end, but not ``s’ `` before a
    lower-case word (``James’ car``). A span needs two words (``rock 'n' roll`` is not a quotation) and stays
    inside its paragraph, unless it has :data:`MIN_CONTINUED_WORDS` words and the next paragraph opens with the
    same mark (the newspaper convention for a quotation over paragraphs, as for double marks)."""
    table, text = analysis.table, analysis.text
    words, idx, para = table.text, table.idx, analysis.para
    marks = _mark_tokens(table, _SINGLE_MARK_IDS)
    if not marks:
        return []
    inside = set()
    for s, e in taken:
        inside.update(range(s, e))

    def opens(i: int) -> bool:
        before = text[idx[i] - 1] if idx[i] > 0 else " "
        after = text[idx[i] + 1] if idx[i] + 1 < len(text) else " "
        if not (words[i] in SINGLE_OPENING and (before.isspace() or before in "([{—–-") and after.isalpha()):
            return False
        elided = _LETTERS.match(text, idx[i] + 1)
        return elided is None or elided.group().lower() not in ELISIONS

    def closes(i: int, opener: int) -> bool:
        if words[i] not in SINGLE_CLOSING or (words[opener] == "‚") != (words[i] == "‘"):
            return False
        end = idx[i] + 1
        before = text[idx[i] - 1]
        after = text[end] if end < len(text) else " "
        if before.isspace() or not (after.isspace() or after in ".,;:!?)]—–-\"”"):
            return False
        return not (before == "s" and after == " " and text[end + 1:end + 2].islower())

    def continues(i: int, open_para: int) -> bool:
        """Mark ``i`` re-opens the quotation open since ``open_at`` at the start of the next paragraph."""
        return (words[i] == words[open_at] and opens(i) and sum(table.is_alpha[open_at:i]) >= MIN_CONTINUED_WORDS
                and all(table.is_space[k] for k in range(open_at, i) if para[k] > open_para))

    spans, open_at, open_para = [], None, None
    for i in marks:
        if i in inside:
            continue
        if open_at is not None and para[i] != open_para:
            if continues(i, open_para):
                open_para = para[i]
                continue
            open_at = None
        if open_at is not None and closes(i, open_at):
            if sum(table.is_alpha[open_at:i]) >= 2:
                spans.append((open_at, i + 1))
                open_at = None
            continue
        if open_at is None and opens(i):
            open_at, open_para = i, para[i]
    return spans
