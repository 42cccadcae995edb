""":mod:`quotekit.aggregate.frames`: quote records -> pandas tables (quotes, speakers, targets, documents, time).

Every function takes an iterable of :class:`~quotekit.types.Quote` objects *or* their ``to_dict()`` records
(JSONL lines) and returns a :class:`pandas.DataFrame`; the docstring of each lists its columns. These frames are
the one place quotekit builds tables: the report and the CLI build on them.

Speakers are grouped by ``speaker_key``: ``speaker_id`` when present, else ``entity:<speaker_entity>``, else
``group:<member ids or names>`` for a group speaker, else ``mention:<speaker mention text, lower-cased>``.
Quotes whose speaker resolution abstained or found nobody (``speaker_resolved == "unresolved"``; in records
without that field, an unresolved pronoun such as "who", "he") are credited to no speaker: the speaker table
counts them apart in one ``unresolved`` row instead. A group speaker's quote counts for each of its members.
Confidence intervals are percentile bootstraps of the mean (numpy, seeded, deterministic).
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable, Mapping, Optional, Sequence, Union, get_args

import numpy as np
import pandas as pd

from ..speakers.mentions import (
    FIRST_PERSON, NEUTER_PRONOUNS, PLURAL_PRONOUNS, PRONOUN_GENDER, RELATIVE_PRONOUNS,
)
from ..types import ATTRIBUTION_FIELDS, SCHEMA_FIELDS, SPEAKER_FIELDS, Document, Quote, QuoteKind, StanceLabel

KINDS: tuple[str, ...] = get_args(QuoteKind)
"""Quote kinds (``direct``, ``indirect``, ``mixed``), in the order of the ``share_*`` columns."""
LABELS: tuple[str, ...] = get_args(StanceLabel)
"""Stance labels (``positive``, ``negative``, ``neutral``), in the order of the ``n_*`` columns."""
QuoteLike = Union[Quote, Mapping[str, Any]]

QUOTE_COLUMNS = [
    "doc_id", "quote_id", "kind", "content", "content_start", "content_end", "cue", "speaker", "speaker_entity",
    "speaker_type", "speaker_role", "speaker_id", "speaker_key", "speaker_name", "polarity", "label", "targets",
    "n_targets", "scorer", "confidence", "parser", "rule", "speaker_entities", "speaker_ids", "speaker_confidence",
    "speaker_resolved",
]
SPEAKER_COLUMNS = [
    "speaker_key", "speaker_id", "name", "type", "roles", "documents", "n_docs", "n_quotes", "share_direct",
    "share_indirect", "share_mixed", "n_scored", "polarity_mean", "polarity_median", "polarity_ci_low",
    "polarity_ci_high", "n_positive", "n_negative", "n_neutral",
]


def _record(q: QuoteLike) -> dict[str, Any]:
    if isinstance(q, Quote):
        rec = q.to_dict()
        if q.stance is not None and q.stance.scorer:
            rec["stance"] = dict(rec["stance"], scorer=q.stance.scorer)
        return rec
    if isinstance(q, Mapping):
        return dict(q)
    raise TypeError(f"expected Quote objects or their to_dict() records, not {type(q).__name__}")


def span_text(value: Any) -> Optional[str]:
    """The text of a record's span dict (or a plain string), whitespace collapsed; ``None`` when empty or NaN
    (a table cell read back from CSV or pandas)."""
    if isinstance(value, Mapping):
        value = value.get("text")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


_PRONOUNS = (frozenset(PRONOUN_GENDER) | PLURAL_PRONOUNS | NEUTER_PRONOUNS | RELATIVE_PRONOUNS | FIRST_PERSON
             | frozenset({"you", "this", "these", "those"}))
"""Mentions that name nobody by themselves (the speaker module's pronoun lexicon, plus demonstratives):
unresolved, they must not become a speaker called "who"."""


def speaker_key(record: Mapping[str, Any]) -> Optional[str]:
    """Grouping key of a record's speaker: id, else ``entity:<name>``, else ``mention:<text>``; ``None`` if none
    (or if the mention is an unresolved pronoun)."""
    if record.get("speaker_resolved") == "unresolved":
        return None
    if record.get("speaker_id"):
        return str(record["speaker_id"])
    if record.get("speaker_entity"):
        return f"entity:{' '.join(str(record['speaker_entity']).split())}"
    members = _members(record)
    if len(members) > 1:
        return "group:" + "+".join(key for key, _ in members)
    mention = (span_text(record.get("speaker")) or "").lower()
    return f"mention:{mention}" if mention and mention not in _PRONOUNS else None


def _members(record: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(speaker key, name) of each entity of a record's ``speaker_entities`` (ids where assigned)."""
    entities = record.get("speaker_entities")
    if not isinstance(entities, (list, tuple)) or not entities:
        return []
    ids = record.get("speaker_ids")
    ids = list(ids) if isinstance(ids, (list, tuple)) else []
    out = []
    for n, name in enumerate(entities):
        key = ids[n] if n < len(ids) and ids[n] else f"entity:{' '.join(str(name).split())}"
        out.append((str(key), str(name)))
    return out


def quotes_frame(quotes: Iterable[QuoteLike]) -> pd.DataFrame:
    """One row per quote record.

    Columns: ``doc_id, quote_id, kind, content`` (text), ``content_start, content_end, cue, speaker`` (texts),
    ``speaker_entity, speaker_type, speaker_role, speaker_id, speaker_key, speaker_name`` (entity, else mention),
    ``polarity`` (float, NaN when unscored), ``label``, ``targets`` (list of ``{"target", "polarity"}``),
    ``n_targets, scorer, confidence, parser, rule, speaker_entities, speaker_ids, speaker_confidence,
    speaker_resolved``, then every metadata field of the records (``date``,
    ``outlet``, ``title`` ...) as its own column (``date`` parsed to datetime when present).
    """
    rows = []
    for q in quotes:
        rec = _record(q)
        stance = rec.get("stance") or {}
        content = rec.get("content") or {}
        targets = [{"target": str(t["target"]), "polarity": float(t["polarity"])} for t in stance.get("targets") or []]
        row = {
            "doc_id": rec.get("doc_id"),
            "quote_id": rec.get("quote_id"),
            "kind": rec.get("kind"),
            "content": span_text(content),
            "content_start": content.get("start") if isinstance(content, Mapping) else None,
            "content_end": content.get("end") if isinstance(content, Mapping) else None,
            "cue": span_text(rec.get("cue")),
            "speaker": span_text(rec.get("speaker")),
            "speaker_entity": rec.get("speaker_entity"),
            "speaker_type": rec.get("speaker_type") or "unknown",
            "speaker_role": rec.get("speaker_role"),
            "speaker_id": rec.get("speaker_id"),
            "speaker_key": speaker_key(rec),
            "speaker_name": rec.get("speaker_entity") or span_text(rec.get("speaker")),
            "polarity": float(stance["polarity"]) if stance.get("polarity") is not None else math.nan,
            "label": stance.get("label"),
            "targets": targets,
            "n_targets": len(targets),
            "scorer": stance.get("scorer"),
            "confidence": float(rec.get("confidence") or 0.0),
            "parser": rec.get("parser"),
            "rule": rec.get("rule"),
            "speaker_entities": list(rec.get("speaker_entities") or []),
            "speaker_ids": list(rec.get("speaker_ids") or []),
            "speaker_confidence": float(rec.get("speaker_confidence") or 0.0),
            "speaker_resolved": rec.get("speaker_resolved"),
        }
        for key, value in rec.items():
            if key not in row and key not in ("content", "cue", "speaker", "stance"):
                row[key] = value
        rows.append(row)
    frame = pd.DataFrame(rows)
    if frame.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    frame["polarity"] = frame["polarity"].astype(float)
    if "date" in frame.columns:
        frame["date"] = pd.to_datetime(frame["date"], errors="coerce")
    return frame


def bootstrap_ci(values: Sequence[float], *, n_boot: int = 1000, seed: int = 0, level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaNs dropped); ``(nan, nan)`` when empty."""
    arr = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if arr.size == 0:
        return math.nan, math.nan
    if arr.size == 1 or n_boot < 1:
        return float(arr.mean()), float(arr.mean())
    rng = np.random.default_rng(seed)
    means = arr[rng.integers(0, arr.size, size=(n_boot, arr.size))].mean(axis=1)
    alpha = (1.0 - level) / 2.0
    return float(np.quantile(means, alpha)), float(np.quantile(means, 1.0 - alpha))


def _frame(quotes: Union[pd.DataFrame, Iterable[QuoteLike]]) -> pd.DataFrame:
    return quotes if isinstance(quotes, pd.DataFrame) else quotes_frame(quotes)


def _unique(values: Iterable[Any]) -> list[str]:
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            continue
        if str(v) not in out:
            out.append(str(v))
    return out


def _most_common(values: Iterable[Any], default: Any = None) -> Any:
    counts = Counter(v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v)))
    return counts.most_common(1)[0][0] if counts else default


def _kind_shares(kinds: pd.Series) -> dict[str, float]:
    n = len(kinds)
    return {f"share_{k}": (float((kinds == k).sum()) / n if n else math.nan) for k in KINDS}


UNRESOLVED_KEY = "unresolved"
"""``speaker_key`` of the speaker table's row counting quotes no speaker is credited with."""


def _credited(frame: pd.DataFrame) -> pd.DataFrame:
    """The quote rows credited to speakers: a group's quote once per member (key and name of the member)."""
    if not len(frame) or "speaker_entities" not in frame.columns:
        return frame[frame["speaker_key"].notna()] if len(frame) else frame
    rows = []
    for row in frame.to_dict("records"):
        members = _members(row)
        if len(members) > 1 and row.get("speaker_resolved") != "unresolved":
            for key, name in members:
                rows.append(dict(row, speaker_key=key, speaker_name=name,
                                 speaker_id=key if not key.startswith("entity:") else None))
        elif row.get("speaker_key") is not None:
            rows.append(row)
    return pd.DataFrame(rows, columns=frame.columns)


def _is_unresolved(frame: pd.DataFrame) -> pd.Series:
    if "speaker_resolved" not in frame.columns:
        return pd.Series(False, index=frame.index)
    return frame["speaker_resolved"] == "unresolved"


def speakers_frame(quotes: Union[pd.DataFrame, Iterable[QuoteLike]], *, n_boot: int = 1000, seed: int = 0,
                   unresolved: bool = True) -> pd.DataFrame:
    """One row per speaker (grouped by ``speaker_key``), sorted by ``n_quotes`` descending then key; with
    ``unresolved``, a last row (``speaker_key`` ``"unresolved"``, type ``"unresolved"``) counts the quotes no
    speaker was credited with because resolution abstained or found nobody (records that carry
    ``speaker_resolved``), so they are neither lost nor given to the most prominent person.

    Columns: ``speaker_key, speaker_id, name`` (most frequent entity/mention), ``type`` (most frequent),
    ``roles`` (list of distinct roles), ``documents`` (list of doc ids), ``n_docs, n_quotes, share_direct,
    share_indirect, share_mixed, n_scored`` (quotes with a polarity), ``polarity_mean, polarity_median,
    polarity_ci_low, polarity_ci_high`` (95% percentile bootstrap of the mean, ``n_boot`` resamples, seeded),
    ``n_positive, n_negative, n_neutral`` (stance labels).
    """
    frame = _frame(quotes)
    groups = sorted(_credited(frame).groupby("speaker_key", sort=True), key=lambda kv: kv[0]) if len(frame) else []
    if unresolved and len(frame):
        left = frame[_is_unresolved(frame)]
        if len(left):
            left = left.assign(speaker_key=UNRESOLVED_KEY, speaker_name="(unresolved)", speaker_type="unresolved")
            groups.append((UNRESOLVED_KEY, left))
    rows = []
    for n, (key, group) in enumerate(groups):
        pol = group["polarity"].dropna().astype(float)
        low, high = bootstrap_ci(pol.tolist(), n_boot=n_boot, seed=seed + n)
        labels = group["label"].value_counts()
        rows.append({
            "speaker_key": key,
            "speaker_id": _most_common(group["speaker_id"]),
            "name": _most_common(group["speaker_name"], key),
            "type": _most_common(group["speaker_type"], "unknown"),
            "roles": _unique(group["speaker_role"]),
            "documents": _unique(group["doc_id"]),
            "n_docs": int(group["doc_id"].nunique()),
            "n_quotes": int(len(group)),
            **_kind_shares(group["kind"]),
            "n_scored": int(len(pol)),
            "polarity_mean": float(pol.mean()) if len(pol) else math.nan,
            "polarity_median": float(pol.median()) if len(pol) else math.nan,
            "polarity_ci_low": low,
            "polarity_ci_high": high,
            **{f"n_{label}": int(labels.get(label, 0)) for label in LABELS},
        })
    out = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    if len(out):
        last = (out["speaker_key"] == UNRESOLVED_KEY).astype(int)
        out = out.assign(_last=last).sort_values(["_last", "n_quotes", "speaker_key"], ascending=[True, False, True],
                                                 kind="stable").drop(columns="_last").reset_index(drop=True)
    return out


def targets_frame(quotes: Union[pd.DataFrame, Iterable[QuoteLike]]) -> pd.DataFrame:
    """Speaker x target: one row per (speaker, target) pair over the quotes' targeted stances.

    Columns: ``speaker_key, name, target, n`` (mentions of the target across the speaker's quotes),
    ``n_quotes`` (distinct quotes), ``polarity_mean``. Sorted by speaker, then ``n`` descending.
    """
    frame = _frame(quotes)
    rows = []
    for rec in frame.itertuples(index=False):
        if rec.speaker_key is None or (isinstance(rec.speaker_key, float) and math.isnan(rec.speaker_key)):
            continue
        for t in rec.targets or []:
            rows.append({"speaker_key": rec.speaker_key, "name": rec.speaker_name, "target": t["target"],
                         "quote_id": rec.quote_id, "polarity": float(t["polarity"])})
    columns = ["speaker_key", "name", "target", "n", "n_quotes", "polarity_mean"]
    if not rows:
        return pd.DataFrame(columns=columns)
    long = pd.DataFrame(rows)
    out = long.groupby(["speaker_key", "target"], sort=True).agg(
        name=("name", lambda s: _most_common(s)), n=("polarity", "size"), n_quotes=("quote_id", "nunique"),
        polarity_mean=("polarity", "mean")).reset_index()
    out = out.sort_values(["speaker_key", "n", "target"], ascending=[True, False, True], kind="stable")
    return out[columns].reset_index(drop=True)


def _meta_frame(documents: Union[None, pd.DataFrame, Iterable[Union[Document, Mapping[str, Any]]]]) -> Optional[pd.DataFrame]:
    if documents is None:
        return None
    if isinstance(documents, pd.DataFrame):
        return documents.copy()
    rows = []
    for d in documents:
        if isinstance(d, Document):
            rows.append({"doc_id": d.doc_id, **d.meta})
        else:
            rows.append(dict(d))
    return pd.DataFrame(rows)


def documents_frame(quotes: Union[pd.DataFrame, Iterable[QuoteLike]], documents=None) -> pd.DataFrame:
    """One row per document.

    Columns: ``doc_id, n_quotes, n_direct, n_indirect, n_mixed, n_speakers`` (distinct speaker keys),
    ``anonymous_rate`` (share of quotes whose speaker type is ``anonymous``), ``unattributed_rate`` (share without
    any speaker), ``polarity_mean``, plus metadata columns (``outlet``, ``date``, ``title`` ...) taken from the
    records or from ``documents`` (:class:`~quotekit.types.Document` objects, dicts or a metadata DataFrame with
    a ``doc_id`` column); documents given there without quotes get ``n_quotes == 0``.
    """
    frame = _frame(quotes)
    base = ["doc_id", "n_quotes", "n_direct", "n_indirect", "n_mixed", "n_speakers", "anonymous_rate",
            "unattributed_rate", "polarity_mean"]
    from ..measures import MEASURE_FIELDS  # (quotekit.measures imports this module)

    # every field quotekit writes is per quote (some are lists or spans); the other columns are metadata
    per_quote = {*QUOTE_COLUMNS, *SCHEMA_FIELDS, *SPEAKER_FIELDS, *ATTRIBUTION_FIELDS, "rule", *MEASURE_FIELDS}
    meta_cols = [c for c in frame.columns if c not in per_quote]
    rows = []
    for doc_id, group in frame.groupby("doc_id", sort=True) if len(frame) else []:
        n = len(group)
        row = {
            "doc_id": doc_id, "n_quotes": n,
            **{f"n_{k}": int((group["kind"] == k).sum()) for k in KINDS},
            "n_speakers": int(group["speaker_key"].nunique()),
            "anonymous_rate": float((group["speaker_type"] == "anonymous").mean()),
            "unattributed_rate": float(group["speaker_key"].isna().mean()),
            "polarity_mean": float(group["polarity"].mean()) if group["polarity"].notna().any() else math.nan,
        }
        for col in meta_cols:
            row[col] = _most_common(group[col])
        rows.append(row)
    out = pd.DataFrame(rows, columns=base + meta_cols)
    meta = _meta_frame(documents)
    if meta is not None and len(meta):
        meta["doc_id"] = meta["doc_id"].astype(str)
        out = out.merge(meta, on="doc_id", how="outer", suffixes=("", "__meta"))
        for col in [c for c in out.columns if c.endswith("__meta")]:
            own = col[: -len("__meta")]
            out[own] = out[col].combine_first(out[own])  # the documents' metadata wins
            out = out.drop(columns=[col])
        for col in ["n_quotes", "n_direct", "n_indirect", "n_mixed", "n_speakers"]:
            out[col] = out[col].fillna(0).astype(int)
        if "date" in out.columns:
            out["date"] = pd.to_datetime(out["date"], errors="coerce")
    return out.sort_values("doc_id", kind="stable").reset_index(drop=True)


def _grouped(frame: pd.DataFrame, by: Union[str, pd.Series], name: str) -> pd.DataFrame:
    rows = []
    for value, group in frame.groupby(by, sort=True):
        rows.append({
            name: value,
            "n_docs": int(group["doc_id"].nunique()),
            "n_quotes": int(len(group)),
            **_kind_shares(group["kind"]),
            "anonymous_rate": float((group["speaker_type"] == "anonymous").mean()),
            "unattributed_rate": float(group["speaker_key"].isna().mean()),
            "n_speakers": int(group["speaker_key"].nunique()),
            "polarity_mean": float(group["polarity"].mean()) if group["polarity"].notna().any() else math.nan,
        })
    columns = [name, "n_docs", "n_quotes", "share_direct", "share_indirect", "share_mixed", "anonymous_rate",
               "unattributed_rate", "n_speakers", "polarity_mean"]
    return pd.DataFrame(rows, columns=columns)


def by_outlet(quotes: Union[pd.DataFrame, Iterable[QuoteLike]]) -> pd.DataFrame:
    """One row per outlet (needs an ``outlet`` metadata column; empty frame when absent).

    Columns: ``outlet, n_docs, n_quotes, share_direct, share_indirect, share_mixed, anonymous_rate`` (share of
    quotes with an anonymous speaker), ``unattributed_rate, n_speakers, polarity_mean``.
    """
    frame = _frame(quotes)
    if "outlet" not in frame.columns or not len(frame):
        return _grouped(pd.DataFrame(columns=QUOTE_COLUMNS + ["outlet"]), "outlet", "outlet")
    return _grouped(frame[frame["outlet"].notna()], "outlet", "outlet")


def by_period(quotes: Union[pd.DataFrame, Iterable[QuoteLike]], freq: str = "M") -> pd.DataFrame:
    """One row per calendar period of the ``date`` metadata column (pandas period alias: ``"M"``, ``"Q"``, ``"Y"``).

    Columns: ``period`` (string such as ``2016-01``), then as :func:`by_outlet`. Records without a parseable date
    are left out; empty frame when there is no ``date`` column.
    """
    frame = _frame(quotes)
    if "date" not in frame.columns or not len(frame):
        return _grouped(pd.DataFrame(columns=QUOTE_COLUMNS + ["period"]), "period", "period")
    dates = pd.to_datetime(frame["date"], errors="coerce")
    frame = frame.assign(period=dates.dt.to_period(freq).astype(str))[dates.notna()]
    return _grouped(frame, "period", "period")


def speaker_keyterms(quotes: Union[pd.DataFrame, Iterable[QuoteLike]], nlp=None, *, topn: int = 10,
                     algorithm: str = "sgrank", min_quotes: int = 1) -> pd.DataFrame:
    """Key terms of each speaker's quotes with textacy (``sgrank``, ``textrank``, ``yake`` or ``scake``).

    Each speaker's quote contents are joined into one text, parsed with ``nlp`` (default: the spaCy pipeline of
    :func:`quotekit.parse.spacy.load_pipeline`) and ranked. Columns: ``speaker_key, name, rank, term, score``.
    """
    import textacy.extract.keyterms as kt

    from ..errors import QuotekitError

    algorithms = {"sgrank": kt.sgrank, "textrank": kt.textrank, "yake": kt.yake, "scake": kt.scake}
    if algorithm not in algorithms:
        raise QuotekitError(f"unknown keyterm algorithm {algorithm!r}; choose one of: {', '.join(algorithms)}")
    if nlp is None:
        from ..parse.spacy import load_pipeline

        nlp = load_pipeline()
    frame = _frame(quotes)
    frame = frame[frame["speaker_key"].notna() & frame["content"].notna()] if len(frame) else frame
    keys, names, texts = [], [], []
    for key, group in frame.groupby("speaker_key", sort=True) if len(frame) else []:
        if len(group) < min_quotes:
            continue
        keys.append(key)
        names.append(_most_common(group["speaker_name"], key))
        texts.append("\n\n".join(str(c).strip("\"“”' ") for c in group["content"]))
    rows = []
    for key, name, doc in zip(keys, names, nlp.pipe(texts)):
        try:
            terms = algorithms[algorithm](doc, topn=topn)
        except (ValueError, ZeroDivisionError):  # too little text for the algorithm's graph/statistics
            terms = []
        for rank, (term, score) in enumerate(terms, start=1):
            rows.append({"speaker_key": key, "name": name, "rank": rank, "term": term, "score": float(score)})
    return pd.DataFrame(rows, columns=["speaker_key", "name", "rank", "term", "score"])
