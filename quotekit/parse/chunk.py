""":mod:`quotekit.parse.chunk`: parse texts longer than a parser's limit in paragraph-aligned chunks.

A long text is cut into consecutive pieces that partition it exactly (``"".join(pieces) == text``), each at
most ``limit`` characters. Cut points are chosen, in order of preference, after a blank line, after a line
break, after sentence-final punctuation, at whitespace, and only as a last resort anywhere (a 1.5 MB text with
no whitespace at all). The pieces are parsed separately and joined with ``Doc.from_docs(...,
ensure_whitespace=False)``, so the joined Doc's text is the input and no character offset shifts.

Notes:
    A quotation, a sentence or a dependency never crosses a cut made at a paragraph boundary. Cuts made at
    lower levels (only for paragraphs longer than ``limit``) may split a sentence.
"""
from __future__ import annotations

import re
from collections import deque
from typing import Callable, Iterable, Iterator

from spacy.tokens import Doc

DEFAULT_MAX_CHARS = 100_000
"""Default chunk size: spaCy's parser needs roughly 1 GB of memory per 100,000 characters."""

# Cut *after* each match; earlier patterns are preferred (paragraph > line > sentence > word).
_CUT_PATTERNS = (
    re.compile(r"\n[^\S\n]*\n\s*"),  # blank line(s) and the whitespace that follows them
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+"),  # sentence-final punctuation, closing marks, whitespace
    re.compile(r"\s+"),  # any whitespace
)


def _cut_point(text: str, start: int, limit: int) -> int:
    """Return the end (exclusive) of the chunk that starts at ``start``: the best cut in ``(start, start+limit]``."""
    end = start + limit
    for pattern in _CUT_PATTERNS:
        last = -1
        for match in pattern.finditer(text, start, end):
            # a whitespace run cut short by the window would tokenize differently: skip it
            if match.end() == end and text[end : end + 1].isspace():
                continue
            last = match.end()
        if last > start:
            return last
    return end  # no whitespace at all in the window: hard cut


def split_text(text: str, limit: int = DEFAULT_MAX_CHARS) -> list[str]:
    """Cut ``text`` into consecutive pieces of at most ``limit`` characters, preferring paragraph breaks.

    Args:
        text: Any string.
        limit: Maximum piece length in characters (>= 1).

    Returns:
        The pieces; ``"".join(pieces) == text``. A text within the limit (or empty) is one piece.
    """
    if limit < 1:
        raise ValueError(f"chunk limit must be at least 1 character, got {limit}")
    if len(text) <= limit:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > limit:
        end = _cut_point(text, start, limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def join_docs(docs: list[Doc]) -> Doc:
    """Concatenate Docs parsed from consecutive pieces of one text, keeping every character offset."""
    if len(docs) == 1:
        return docs[0]
    return Doc.from_docs(docs, ensure_whitespace=False)


def parse_chunked(text: str, pipe: Callable[[Iterable[str]], Iterator[Doc]], limit: int) -> Doc:
    """Parse ``text`` with ``pipe`` (texts -> Docs, in order), in pieces of at most ``limit`` characters."""
    pieces = split_text(text, limit)
    return join_docs(list(pipe(pieces)))


def pipe_chunked(
    texts: Iterable[str], pipe: Callable[[Iterable[str]], Iterator[Doc]], limit: int
) -> Iterator[Doc]:
    """Stream ``texts`` through ``pipe`` as pieces of at most ``limit`` characters; yield one Doc per text.

    ``pipe`` must yield one Doc per input string, in order (as ``Language.pipe`` does); it may read ahead.
    """
    counts: deque[int] = deque()

    def pieces() -> Iterator[str]:
        for text in texts:
            parts = split_text(text, limit)
            counts.append(len(parts))  # appended before the parts are handed out, so always ahead of output
            yield from parts

    docs = iter(pipe(pieces()))
    for first in docs:
        group = [first]
        for _ in range(counts.popleft() - 1):
            group.append(next(docs))
        yield join_docs(group)


def char_batches(texts: Iterable[str], size: int, max_chars: int) -> Iterator[list[str]]:
    """Group ``texts`` in order into lists of at most ``size`` texts and about ``max_chars`` characters (a text
    longer than ``max_chars`` is a group of its own)."""
    group: list[str] = []
    chars = 0
    for text in texts:
        if group and (len(group) >= size or chars + len(text) > max_chars):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group
