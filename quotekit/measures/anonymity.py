""":mod:`quotekit.measures.anonymity`: whether a text says *why* an anonymous source is unnamed.

For each record with ``speaker_type == "anonymous"`` the sentence holding its speaker mention (else its cue,
else its content) and the sentences right before and after it are searched for a stated reason:
"spoke on condition of anonymity *because they were not authorized to speak publicly*", "*to discuss private
deliberations*", "*for fear of reprisal*". The phrases are data (the lexicon ``anonymity_reasons.json``: a regular
expression per entry, its ``reason`` group marking the span); the one nearest the attribution wins, the
longest on a tie. The reason is a span into the original text (``{"start", "end", "text", "label"}``).

A bare "spoke on condition of anonymity" gives no reason and yields ``None``. Sentences are found by a regex
splitter, not a parse, so a reason in a sentence glued to its neighbour by an unusual abbreviation may be read
as adjacent rather than same-sentence; either way it is found.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional, Sequence

import pandas as pd

from ..errors import InputError
from .. import lexicons
from ._text import Block, block_index, check_records, check_texts, sentences, span_of


@lru_cache(maxsize=None)
def reason_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """``(label, compiled pattern)`` from the lexicon ``anonymity_reasons.json``; InputError listing every bad entry."""
    data = lexicons.load_json("anonymity_reasons")
    out, bad = [], []
    for n, entry in enumerate(data.get("patterns", [])):
        try:
            out.append((str(entry["label"]), re.compile(entry["pattern"], re.IGNORECASE)))
        except (KeyError, TypeError, re.error) as error:
            bad.append(f"entry {n}: {error}")
    if bad:
        raise InputError("lexicon anonymity_reasons.json has bad patterns: " + "; ".join(bad))
    return tuple(out)


def _anchor(rec: Mapping[str, Any]) -> Optional[tuple[int, int]]:
    for field in ("speaker", "cue", "content"):
        span = span_of(rec.get(field))
        if span is not None:
            return span[0], span[1]
    return None


def find_reason(text: str, start: int, end: int, *, blocks: Optional[Sequence[Block]] = None) -> Optional[dict]:
    """The stated reason for anonymity nearest to ``text[start:end]`` in its sentence or an adjacent one.

    Returns ``{"start", "end", "text", "label"}`` (offsets into ``text``) or ``None``.
    """
    blocks = sentences(text) if blocks is None else blocks
    if not blocks:
        return None
    i = block_index(blocks, start) or 0
    j = block_index(blocks, max(start, end - 1)) or i
    lo, hi = blocks[max(0, i - 1)].start, blocks[min(len(blocks) - 1, j + 1)].end
    window = text[lo:hi]
    best = None
    for label, pattern in reason_patterns():
        for match in pattern.finditer(window):
            group = "reason" if "reason" in pattern.groupindex and match.group("reason") else 0
            s, e = match.span(group)
            s, e = lo + s, lo + e
            while e > s and text[e - 1] in " ,\t":
                e -= 1
            distance = 0 if s < end and e > start else min(abs(s - end), abs(start - e))
            same = blocks[i].start <= s < blocks[j].end
            key = (not same, distance, -(e - s))
            if best is None or key < best[0]:
                best = (key, {"start": s, "end": e, "text": text[s:e], "label": label})
    return best[1] if best else None


def record_anonymity(records: Iterable[Mapping[str, Any]], texts: Mapping[str, str]) -> list[dict]:
    """Per record: ``{"anonymity_reason": span-with-label or None}``; ``None`` for every non-anonymous speaker."""
    records = check_records(records)
    check_texts(records, texts)
    cache: dict[str, list[Block]] = {}
    out = []
    for rec in records:
        reason = None
        anchor = _anchor(rec)
        if rec.get("speaker_type") == "anonymous" and anchor is not None:
            doc_id = str(rec["doc_id"])
            if doc_id not in cache:
                cache[doc_id] = sentences(texts[doc_id])
            reason = find_reason(texts[doc_id], *anchor, blocks=cache[doc_id])
        out.append({"anonymity_reason": reason})
    return out


RATE_COLUMNS = ["group", "n_quotes", "n_anonymous", "anonymous_rate", "n_with_reason", "reason_rate", "reasons"]


def anonymity_rates(records: Iterable[Mapping[str, Any]], texts: Optional[Mapping[str, str]] = None, *,
                    by: Optional[str] = "outlet",
                    metadata: Optional[Mapping[str, Mapping[str, Any]]] = None) -> pd.DataFrame:
    """Anonymous sourcing and its stated reasons, per outlet (or any record/metadata field; ``None``: overall).

    Columns: ``group, n_quotes, n_anonymous, anonymous_rate`` (of all quotes), ``n_with_reason, reason_rate``
    (among anonymous quotes; NaN when there are none), ``reasons`` (``{label: count}``). Records already
    carrying ``anonymity_reason`` need no ``texts``.
    """
    records = check_records(records)
    if all("anonymity_reason" in r for r in records):
        reasons = [r["anonymity_reason"] for r in records]
    elif texts is None:
        raise InputError("the records carry no 'anonymity_reason' field; pass texts ({doc_id: text}) or run "
                         "quotekit.measures.add_measures(records, texts) first")
    else:
        reasons = [m["anonymity_reason"] for m in record_anonymity(records, texts)]
    rows: dict[Any, dict] = {}
    for rec, reason in zip(records, reasons):
        meta = (metadata or {}).get(str(rec["doc_id"]), {})
        group = (rec.get(by, meta.get(by)) if by else "all")
        if group is None:
            continue
        row = rows.setdefault(group, {"n": 0, "anon": 0, "reason": 0, "labels": Counter()})
        row["n"] += 1
        if rec.get("speaker_type") == "anonymous":
            row["anon"] += 1
            if reason:
                row["reason"] += 1
                row["labels"][reason.get("label", "reason")] += 1
    out = [{"group": g, "n_quotes": r["n"], "n_anonymous": r["anon"], "anonymous_rate": r["anon"] / r["n"],
            "n_with_reason": r["reason"], "reason_rate": (r["reason"] / r["anon"]) if r["anon"] else float("nan"),
            "reasons": dict(r["labels"].most_common())}
           for g, r in sorted(rows.items(), key=lambda kv: str(kv[0]))]
    return pd.DataFrame(out, columns=RATE_COLUMNS)
