""":mod:`quotekit.aggregate.stance_tables`: speaker x target stance and speaker x framing, from quote records.

Every function takes quote records (``Quote.to_dict()`` dicts, or :class:`~quotekit.types.Quote` objects) and
returns a :class:`pandas.DataFrame`. Speakers are grouped as in :mod:`quotekit.aggregate.frames`
(:func:`~quotekit.aggregate.frames.speaker_key`); a group speaker's quote counts for each of its members, as in
the speaker table.

Targets come in two shapes: the targets of :mod:`quotekit.stance.targets` (``target``, ``target_id``, ``kind`` in
``entity``/``topic``/``user``, ``polarity``), and the older ``{"target", "polarity"}`` of every noun of a quote.
Where a record has the new shape, only its entity, topic and user targets count; the older shape is grouped by its
text, with pronouns, generic nouns (``quotekit/lexicons/generic_nouns.txt``) and non-words left out, so a table of
old records does not fill up with ``people`` and ``time`` either.

A cell (speaker, target) is shown only when at least ``min_n`` of the speaker's quotes mention the target (default
:data:`MIN_N` = 2): a mean of one quote is an anecdote, not a stance. Its interval is the percentile bootstrap of
the mean over those quotes (:func:`~quotekit.aggregate.frames.bootstrap_ci`, seeded).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable, Mapping, Union

import pandas as pd

from ..types import Quote
from .frames import _PRONOUNS, _members, bootstrap_ci, speaker_key, span_text

__all__ = ["MIN_N", "TARGET_KINDS", "framing_of_record", "speaker_framing_table", "speaker_target_table",
           "target_mentions"]

MIN_N = 2
"""Default minimum number of quotes behind a shown speaker x target cell."""
TARGET_KINDS = ("entity", "topic", "user")
"""Target kinds a table shows when records carry kinds (the targets of :mod:`quotekit.stance.targets`)."""

MENTION_COLUMNS = ["speaker_key", "name", "doc_id", "quote_id", "target_id", "target", "kind", "polarity",
                   "content", "content_start"]
CELL_COLUMNS = ["speaker_key", "name", "target_id", "target", "kind", "n", "polarity_mean", "ci_low", "ci_high",
                "shown", "quote_ids"]
FRAMING_COLUMNS = ["speaker_key", "name", "framing", "n", "share"]


def _record(q: Union[Quote, Mapping[str, Any]]) -> Mapping[str, Any]:
    if isinstance(q, Quote):
        return q.to_dict()
    if isinstance(q, Mapping):
        return q
    raise TypeError(f"expected Quote objects or their to_dict() records, not {type(q).__name__}")


def _old_target_ok(text: str) -> bool:
    """An old-shape (every noun) target worth a column: a word, no pronoun, no generic noun."""
    from .. import lexicons

    low = text.lower()
    return (any(c.isalpha() for c in low) and len(low) > 1 and low not in _PRONOUNS
            and low not in lexicons.load("generic_nouns"))


def _speakers_of(rec: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``(speaker key, name)`` the record is credited to: each member of a group speaker, else its one speaker."""
    key = speaker_key(rec)
    if key is None:
        return []
    members = _members(rec)
    if len(members) > 1:
        return members
    return [(key, rec.get("speaker_entity") or span_text(rec.get("speaker")) or key)]


def target_mentions(quotes: Iterable[Union[Quote, Mapping[str, Any]]]) -> pd.DataFrame:
    """One row per (speaker, quote, target) of attributed quotes (a group's quote once per member):
    ``speaker_key, name, doc_id, quote_id, target_id, target``
    (display text), ``kind`` (``None`` for old-shape targets), ``polarity, content, content_start``.

    Records whose targets carry a ``kind`` contribute their entity/topic/user targets only; old-shape targets are
    keyed by their text and filtered (module notes). One row per target id and quote (repeats averaged).
    """
    rows = []
    for q in quotes:
        rec = _record(q)
        speakers = _speakers_of(rec)
        stance = rec.get("stance") or {}
        targets = stance.get("targets") or [] if isinstance(stance, Mapping) else []
        if not speakers or not targets:
            continue
        content = rec.get("content") or {}
        seen: dict[str, dict[str, Any]] = {}
        for t in targets:
            if not isinstance(t, Mapping) or t.get("target") is None or t.get("polarity") is None:
                continue
            kind = t.get("kind")
            text = " ".join(str(t["target"]).split())
            if kind is not None:
                if kind not in TARGET_KINDS:
                    continue
                target_id = str(t.get("target_id") or text)
            else:
                if not _old_target_ok(text):
                    continue
                target_id = text
            if target_id in seen:
                seen[target_id]["values"].append(float(t["polarity"]))
                continue
            seen[target_id] = {"target": text, "kind": kind, "values": [float(t["polarity"])]}
        for key, name in speakers:
            for target_id, found in seen.items():
                rows.append({
                    "speaker_key": key, "name": name, "doc_id": rec.get("doc_id"), "quote_id": rec.get("quote_id"),
                    "target_id": target_id, "target": found["target"], "kind": found["kind"],
                    "polarity": sum(found["values"]) / len(found["values"]), "content": span_text(content),
                    "content_start": content.get("start") if isinstance(content, Mapping) else None,
                })
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v)))
    return counts.most_common(1)[0][0] if counts else None


def speaker_target_table(quotes: Union[pd.DataFrame, Iterable[Union[Quote, Mapping[str, Any]]]], *,
                         min_n: int = MIN_N, n_boot: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Speaker x target stance: one row per (speaker, target id) pair.

    Columns: ``speaker_key, name`` (most frequent), ``target_id, target`` (most frequent display text), ``kind``,
    ``n`` (quotes of the speaker mentioning the target), ``polarity_mean, ci_low, ci_high`` (95% percentile
    bootstrap of the mean over those quotes, ``n_boot`` resamples, seeded), ``shown`` (``n >= min_n``),
    ``quote_ids`` (the quotes behind the cell, in corpus order). Sorted by ``n`` descending, then speaker, target.
    ``quotes``: records, or the frame of :func:`target_mentions`.
    """
    if min_n < 1:
        raise ValueError(f"min_n must be at least 1, not {min_n}")
    long = quotes if isinstance(quotes, pd.DataFrame) else target_mentions(quotes)
    if not len(long):
        return pd.DataFrame(columns=CELL_COLUMNS)
    rows = []
    groups = long.groupby(["speaker_key", "target_id"], sort=True)
    for n, ((key, target_id), group) in enumerate(groups):
        values = group["polarity"].astype(float).tolist()
        low, high = bootstrap_ci(values, n_boot=n_boot, seed=seed + n)
        rows.append({
            "speaker_key": key, "name": _most_common(group["name"]), "target_id": target_id,
            "target": _most_common(group["target"]), "kind": _most_common(group["kind"]), "n": len(group),
            "polarity_mean": float(sum(values) / len(values)), "ci_low": low, "ci_high": high,
            "shown": len(group) >= min_n, "quote_ids": list(group["quote_id"]),
        })
    out = pd.DataFrame(rows, columns=CELL_COLUMNS)
    return out.sort_values(["n", "speaker_key", "target_id"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


def framing_of_record(record: Mapping[str, Any]) -> str:
    """A record's framing: its ``framing`` field (top level or in ``stance``) when it has one, else read from its
    cue text (:func:`quotekit.stance.framing.framing_of_text`), so records written before the field count too."""
    from ..stance.framing import framing_of_text

    value = record.get("framing")
    stance = record.get("stance")
    if not value and isinstance(stance, Mapping):
        value = stance.get("framing")
    return str(value) if value else framing_of_text(span_text(record.get("cue")))


def speaker_framing_table(quotes: Iterable[Union[Quote, Mapping[str, Any]]]) -> pd.DataFrame:
    """Speaker x framing: how the reporters frame each speaker's statements (said / insisted / claimed /
    admitted / slammed ...).

    Columns: ``speaker_key, name, framing, n`` (quotes), ``share`` (of the speaker's quotes). Rows for every
    framing a speaker has, speakers by number of quotes (descending) then key, framings in display order.
    """
    from ..stance.framing import framings

    order = {name: k for k, name in enumerate(framings())}
    counts: dict[str, Counter] = {}
    names: dict[str, Counter] = {}
    for q in quotes:
        rec = _record(q)
        framing = framing_of_record(rec)
        for key, name in _speakers_of(rec):
            counts.setdefault(key, Counter())[framing] += 1
            names.setdefault(key, Counter())[name] += 1
    rows = []
    for key in sorted(counts, key=lambda k: (-sum(counts[k].values()), k)):
        total = sum(counts[key].values())
        for name, n in sorted(counts[key].items(), key=lambda kv: order.get(kv[0], len(order))):
            rows.append({"speaker_key": key, "name": names[key].most_common(1)[0][0], "framing": name, "n": n,
                         "share": n / total})
    return pd.DataFrame(rows, columns=FRAMING_COLUMNS)
