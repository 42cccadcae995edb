""":mod:`quotekit.measures._text`: what the measures share: record access, paragraphs, sentences, words.

The measures work on quote *records* (the JSONL dicts of ``docs/QUOTE_SCHEMA.md``) and the original document
texts their offsets index; nothing here needs a parse, so the measures stay cheap next to parsing. Their word
lists and phrase tables are lexicons of :mod:`quotekit.lexicons` (``gender_titles.txt``,
``anonymity_reasons.json``), read by its one loader.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple, Optional

from ..aggregate.frames import span_text  # noqa: F401 - one definition, re-exported for the measures
from ..errors import InputError

WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
"""A word: letters/digits, with inner apostrophes and hyphens ("don't", "U.S" counts as two)."""

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])|\n\s*\n")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|Adm|Gen|Jr|Sr|St|Mt|No|Vol|Inc|Corp|Co|Ltd|Rev|Prof|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|D\.C|[A-Z])\.)$"
)


class Block(NamedTuple):
    """A paragraph or sentence: its character range in the text."""

    start: int
    end: int


def span_of(value: Any) -> Optional[tuple[int, int, str]]:
    """``(start, end, text)`` of a record span dict; ``None`` for a missing or malformed span."""
    if not isinstance(value, Mapping):
        return None
    start, end = value.get("start"), value.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or start > end:
        return None
    return start, end, str(value.get("text") or "")


def check_records(records: Iterable[Any]) -> list[Mapping[str, Any]]:
    """The records as a list, each a mapping with a ``doc_id``; InputError naming the first bad one."""
    out = []
    for n, rec in enumerate(records):
        if not isinstance(rec, Mapping):
            raise InputError(f"record {n} is a {type(rec).__name__}, not a quote record dict; pass the records "
                             "as quotekit writes them (Quote.to_dict() or JSONL lines)")
        if rec.get("doc_id") is None:
            raise InputError(f"record {n} has no doc_id; every quote record names its document")
        out.append(rec)
    return out


def check_texts(records: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> None:
    """InputError when a record's document has no text, or its content offsets do not index that text."""
    if not isinstance(texts, Mapping):
        raise InputError(f"texts must be a {{doc_id: text}} mapping, not {type(texts).__name__}")
    missing = sorted({str(r["doc_id"]) for r in records if str(r["doc_id"]) not in texts})
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise InputError(f"no text for {len(missing)} document(s) of the records: {shown}; pass the texts the "
                         "records were extracted from ({doc_id: text}, e.g. AnalysisResult.docs)")
    for rec in records:
        span = span_of(rec.get("content"))
        if span is None:
            continue
        text = texts[str(rec["doc_id"])]
        start, end, quoted = span
        if end > len(text) or (quoted and text[start:end] != quoted):
            raise InputError(f"record {rec.get('quote_id')!r}: its content offsets {start}:{end} do not index the "
                             f"text given for {rec['doc_id']!r}; pass the original texts the records were "
                             "extracted from (offsets index the text before any cleaning)")


def paragraphs(text: str) -> list[Block]:
    """Paragraphs of a text: separated by blank lines, or by line breaks in a text that has no blank lines."""
    breaker = _PARA_BREAK if _PARA_BREAK.search(text) else _LINE_BREAK
    out, start = [], 0
    for match in breaker.finditer(text):
        if text[start:match.start()].strip():
            out.append(_strip(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        out.append(_strip(text, start, len(text)))
    return out


def sentences(text: str, block: Optional[Block] = None) -> list[Block]:
    """Sentences of a text (or of one block of it): a regex splitter that keeps abbreviations ("Mr.", "U.S.")
    inside sentences. Good enough to find a neighbouring sentence; not a parser's segmentation."""
    lo, hi = (block.start, block.end) if block else (0, len(text))
    out, start = [], lo
    for match in _SENTENCE_END.finditer(text, lo, hi):
        if match.group(0).count("\n") < 2 and _ABBREVIATION.search(text[max(lo, match.start() - 6):match.start()]):
            continue
        if text[start:match.start()].strip():
            out.append(_strip(text, start, match.start()))
        start = match.end()
    if text[start:hi].strip():
        out.append(_strip(text, start, hi))
    return out


def _strip(text: str, start: int, end: int) -> Block:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(start, end)


def words(text: str) -> list[str]:
    """Lower-cased words of a text."""
    return [w.lower() for w in WORD.findall(text)]


def block_index(blocks: Sequence[Block], offset: int) -> Optional[int]:
    """Index of the last block starting at or before ``offset`` (``None`` before the first block)."""
    i = bisect.bisect_right([b.start for b in blocks], offset) - 1
    return i if i >= 0 else None
