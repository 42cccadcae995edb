""":mod:`quotekit.report._frames`: report-only tables on top of :mod:`quotekit.aggregate.frames`.

The aggregate frames (quotes, speakers, targets, documents, by outlet / period) are the source of every number;
this module only adds what the report needs on top of them and they do not provide: each speaker's first quote
(for links), counts by speaker type and role, Wilson intervals for rates, overall kind shares, and the speaker x
target matrix for the heatmap.
"""
from __future__ import annotations

import math

import pandas as pd

from ..aggregate.frames import KINDS

__all__ = ["KINDS", "first_quotes", "type_counts", "role_counts", "kind_shares", "wilson", "with_wilson"]


def first_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """``speaker_key -> first_doc, first_quote``: each speaker's first quote in corpus order."""
    q = quotes[quotes["speaker_key"].notna()] if len(quotes) else quotes
    if not len(q):
        return pd.DataFrame(columns=["first_doc", "first_quote"])
    first = q.groupby("speaker_key", sort=False).first()
    return first[["doc_id", "quote_id"]].rename(columns={"doc_id": "first_doc", "quote_id": "first_quote"})


def type_counts(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes, distinct speakers and share of quotes per speaker type (most frequent first)."""
    cols = ["speaker_type", "quotes", "speakers", "share"]
    if not len(quotes):
        return pd.DataFrame(columns=cols)
    g = quotes.groupby(quotes["speaker_type"].fillna("unknown"))
    out = pd.DataFrame({"quotes": g.size(), "speakers": g["speaker_key"].nunique()}).reset_index()
    out["share"] = out["quotes"] / out["quotes"].sum()
    return out.sort_values(["quotes", "speaker_type"], ascending=[False, True], kind="stable").reset_index(drop=True)[
        cols]


def role_counts(quotes: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """The ``top`` most frequent speaker roles (grouped case-insensitively), with quote and speaker counts."""
    cols = ["speaker_role", "quotes", "speakers"]
    if not len(quotes) or "speaker_role" not in quotes:
        return pd.DataFrame(columns=cols)
    q = quotes[quotes["speaker_role"].notna()]
    role = q["speaker_role"].astype(str).str.strip()
    q, role = q[role != ""], role[role != ""]
    if not len(q):
        return pd.DataFrame(columns=cols)
    g = q.assign(speaker_role=role).groupby(role.str.lower())
    out = pd.DataFrame({"speaker_role": g["speaker_role"].agg(lambda s: s.value_counts().index[0]),
                        "quotes": g.size(), "speakers": g["speaker_key"].nunique()}).reset_index(drop=True)
    return out.sort_values(["quotes", "speaker_role"], ascending=[False, True], kind="stable").head(top).reset_index(
        drop=True)[cols]


def kind_shares(quotes: pd.DataFrame) -> dict[str, float]:
    """``share_direct``, ``share_indirect``, ``share_mixed`` over all quotes (NaN when there are none)."""
    n = len(quotes)
    return {f"share_{k}": (float((quotes["kind"] == k).sum()) / n if n else math.nan) for k in KINDS}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score 95% interval of the proportion ``k / n`` (``(nan, nan)`` when ``n == 0``)."""
    if n == 0:
        return math.nan, math.nan
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def with_wilson(frame: pd.DataFrame, rate: str = "anonymous_rate", n: str = "n_quotes") -> pd.DataFrame:
    """``frame`` (e.g. :func:`~quotekit.aggregate.frames.by_outlet`) plus ``count``, ``low``, ``high`` for ``rate``."""
    out = frame.copy()
    counts = [int(round(r * m)) for r, m in zip(out[rate], out[n])]
    bounds = [wilson(k, int(m)) for k, m in zip(counts, out[n])]
    out["count"] = counts
    out["low"] = [b[0] for b in bounds]
    out["high"] = [b[1] for b in bounds]
    return out
