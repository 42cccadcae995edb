""":mod:`quotekit.measures.prominence`: how much room and how high a place each quote and speaker gets.

Per quote: its ``position`` in the document, read from where its content starts:

- ``headline``: the opening block of the text: the paragraph equal to the document's ``title`` (metadata) and
  everything before it, else the leading paragraphs that are short (at most ``headline_words`` words) and do not
  end with a period, and the short unpunctuated paragraphs (decks) right after either;
- ``lede``: the first paragraph after the headline block;
- ``body``: everything after.

and its ``quoted_word_share``: its content's words over all quoted words of its document (the words of every
record's content, overlapping contents counted once per record). Per speaker and corpus: share of the corpus'
quoted words, number of documents where the speaker is quoted first, quotes in the headline and lede.

Texts without paragraph breaks are one paragraph: their quotes are all in the lede (or the headline).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable, Mapping, Optional, Sequence

import pandas as pd

from ..aggregate.frames import speaker_key
from ._text import Block, block_index, check_records, check_texts, paragraphs, span_of, span_text, words

POSITIONS = ("headline", "lede", "body")
_FINAL_PERIOD = re.compile(r"\.[\"”’')\]]*$")


def _norm_title(text: str) -> str:
    return " ".join(words(text))


def headline_end(text: str, blocks: Sequence[Block], title: Optional[str] = None, *, headline_words: int = 25) -> int:
    """Number of leading paragraphs that form the headline block (0 when the text opens with body text)."""
    def short_unpunctuated(block: Block) -> bool:
        part = text[block.start:block.end]
        return len(words(part)) <= headline_words and not _FINAL_PERIOD.search(part.rstrip())

    end = 0
    if title and _norm_title(title):
        wanted = _norm_title(title)
        for i, block in enumerate(blocks[:5]):
            if _norm_title(text[block.start:block.end]) == wanted:
                end = i + 1
                break
    while end < len(blocks) - 1 and end < 5 and short_unpunctuated(blocks[end]):
        end += 1
    return end


def document_positions(text: str, title: Optional[str] = None, *, headline_words: int = 25) -> list[tuple[Block, str]]:
    """``(paragraph, position)`` for each paragraph of a text."""
    blocks = paragraphs(text)
    end = headline_end(text, blocks, title, headline_words=headline_words)
    return [(b, "headline" if i < end else "lede" if i == end else "body") for i, b in enumerate(blocks)]


def record_prominence(records: Iterable[Mapping[str, Any]], texts: Mapping[str, str], *,
                      titles: Optional[Mapping[str, str]] = None, headline_words: int = 25) -> list[dict]:
    """Per record: ``{"position", "paragraph", "quoted_words", "quoted_word_share"}``.

    ``position`` is ``headline``/``lede``/``body`` (``None`` without a content span), ``paragraph`` the
    0-based paragraph index, ``quoted_words`` the content's word count and ``quoted_word_share`` its share of
    the document's quoted words. ``titles`` (``{doc_id: title}``) overrides the records' ``title`` field.
    """
    records = check_records(records)
    check_texts(records, texts)
    layouts: dict[str, list[tuple[Block, str]]] = {}
    totals: dict[str, int] = defaultdict(int)
    counts = []
    for rec in records:
        parts = rec.get("content_parts")  # a split statement's words, not the attribution between its parts
        parts = parts if isinstance(parts, list) and parts else [rec.get("content")]
        n = sum(len(words(span_text(part) or "")) for part in parts)
        counts.append(n)
        totals[str(rec["doc_id"])] += n
    out = []
    for rec, n in zip(records, counts):
        doc_id = str(rec["doc_id"])
        if doc_id not in layouts:
            title = (titles or {}).get(doc_id, rec.get("title"))
            layouts[doc_id] = document_positions(texts[doc_id], str(title) if title else None,
                                                 headline_words=headline_words)
        span = span_of(rec.get("content"))
        position = paragraph = None
        if span is not None and layouts[doc_id]:
            paragraph = block_index([b for b, _ in layouts[doc_id]], span[0])
            paragraph = 0 if paragraph is None else paragraph
            position = layouts[doc_id][paragraph][1]
        total = totals[doc_id]
        out.append({"position": position, "paragraph": paragraph, "quoted_words": n,
                    "quoted_word_share": (n / total) if total else 0.0})
    return out


SPEAKER_COLUMNS = ["speaker_key", "name", "speaker_type", "n_quotes", "n_docs", "quoted_words",
                   "quoted_word_share", "n_first_quoted", "n_headline", "n_lede", "n_body", "share_lede"]


def speaker_prominence(records: Iterable[Mapping[str, Any]], texts: Optional[Mapping[str, str]] = None,
                       **options: Any) -> pd.DataFrame:
    """One row per speaker (``quotekit.aggregate.frames.speaker_key``), most quoted words first.

    Columns: ``speaker_key, name, speaker_type, n_quotes, n_docs, quoted_words, quoted_word_share`` (of all the
    corpus' quoted words, unattributed ones included in the total), ``n_first_quoted`` (documents whose first
    quote, in text order, is theirs), ``n_headline, n_lede, n_body, share_lede`` (share of their quotes in the
    headline or lede). Records already carrying ``position``/``quoted_words`` (from
    :func:`quotekit.measures.add_measures`) need no ``texts``.
    """
    records = check_records(records)
    measured = _measured(records, texts, **options)
    total = sum(m["quoted_words"] for m in measured) or 0
    first: dict[str, tuple[int, Optional[str]]] = {}
    for rec in records:
        span = span_of(rec.get("content"))
        start = span[0] if span else 1 << 60
        doc_id = str(rec["doc_id"])
        if doc_id not in first or start < first[doc_id][0]:
            first[doc_id] = (start, speaker_key(rec))
    firsts = defaultdict(int)
    for _, key in first.values():
        if key:
            firsts[key] += 1
    groups: dict[str, list[tuple[Mapping[str, Any], dict]]] = defaultdict(list)
    for rec, m in zip(records, measured):
        key = speaker_key(rec)
        if key:
            groups[key].append((rec, m))
    rows = []
    for key, items in groups.items():
        names = pd.Series([rec.get("speaker_entity") or span_text(rec.get("speaker")) for rec, _ in items]).dropna()
        types = pd.Series([rec.get("speaker_type") or "unknown" for rec, _ in items])
        positions = pd.Series([m["position"] for _, m in items])
        n_words = sum(m["quoted_words"] for _, m in items)
        rows.append({
            "speaker_key": key, "name": names.mode().iloc[0] if len(names) else key,
            "speaker_type": types.mode().iloc[0], "n_quotes": len(items),
            "n_docs": len({str(rec["doc_id"]) for rec, _ in items}), "quoted_words": n_words,
            "quoted_word_share": n_words / total if total else 0.0, "n_first_quoted": firsts.get(key, 0),
            **{f"n_{p}": int((positions == p).sum()) for p in POSITIONS},
            "share_lede": float(positions.isin(["headline", "lede"]).mean()),
        })
    frame = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    return frame.sort_values(["quoted_words", "speaker_key"], ascending=[False, True], kind="stable").reset_index(drop=True)


def position_shares(records: Iterable[Mapping[str, Any]], texts: Optional[Mapping[str, str]] = None, *,
                    by: str = "speaker_type", **options: Any) -> pd.DataFrame:
    """Where the quotes of each group sit: one row per value of ``by`` (``speaker_type``, ``outlet``, ``gender``
    or any record field; ``None`` values form the group ``"(none)"``).

    Columns: ``group, n_quotes, share_headline, share_lede, share_body, quoted_words, quoted_word_share``
    (of all quoted words).
    """
    records = check_records(records)
    measured = _measured(records, texts, **options)
    frame = pd.DataFrame({"group": [str(r.get(by)) if r.get(by) is not None else "(none)" for r in records],
                          "position": [m["position"] for m in measured],
                          "words": [m["quoted_words"] for m in measured]})
    total = int(frame["words"].sum()) if len(frame) else 0
    rows = []
    for group, part in frame.groupby("group", sort=True) if len(frame) else []:
        rows.append({"group": group, "n_quotes": int(len(part)),
                     **{f"share_{p}": float((part["position"] == p).mean()) for p in POSITIONS},
                     "quoted_words": int(part["words"].sum()),
                     "quoted_word_share": float(part["words"].sum() / total) if total else 0.0})
    return pd.DataFrame(rows, columns=["group", "n_quotes", "share_headline", "share_lede", "share_body",
                                       "quoted_words", "quoted_word_share"])


def _measured(records: Sequence[Mapping[str, Any]], texts: Optional[Mapping[str, str]], **options: Any) -> list[dict]:
    if all("position" in r and "quoted_words" in r for r in records):
        return [{"position": r["position"], "quoted_words": int(r["quoted_words"] or 0)} for r in records]
    if texts is None:
        from ..errors import InputError

        raise InputError("the records carry no 'position'/'quoted_words' fields; pass texts ({doc_id: text}) or "
                         "run quotekit.measures.add_measures(records, texts) first")
    return record_prominence(records, texts, **options)
