""":mod:`quotekit.plotting`: matplotlib figures for notebooks and papers.

Each helper takes an :class:`~quotekit.analyze.AnalysisResult` (or the DataFrame it would use) and returns a
:class:`matplotlib.figure.Figure` built on the non-interactive Agg canvas, so it works headless and never
touches pyplot's global state; in a notebook the returned figure displays itself.
"""
from __future__ import annotations

from typing import Any, Optional

import pandas as pd

__all__ = ["plot_top_speakers", "plot_stance", "plot_kind_shares"]

_BLUE, _RED, _INK = "#1F78B4", "#C0392B", "#1a202c"
_KIND_COLOURS = {"direct": "#0072B2", "indirect": "#E69F00", "mixed": "#009E73"}


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _frame(data: Any, attr: str) -> pd.DataFrame:
    frame = getattr(data, attr, data)
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected an AnalysisResult or a DataFrame, not {type(data).__name__}")
    return frame


def _empty(fig, ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#4a5568")
    ax.set_axis_off()
    return fig


def plot_top_speakers(data: Any, *, top: int = 10, title: Optional[str] = "Most-quoted speakers"):
    """Horizontal bars of the ``top`` most-quoted speakers (``speakers`` table: ``name``, ``n_quotes``)."""
    speakers = _frame(data, "speakers").head(top)
    fig = _figure(7, 0.4 * max(len(speakers), 3) + 1)
    ax = fig.add_subplot()
    if not len(speakers):
        return _empty(fig, ax, "no attributed quotes")
    names, counts = list(speakers["name"].astype(str))[::-1], list(speakers["n_quotes"])[::-1]
    bars = ax.barh(names, counts, color=_BLUE)
    ax.bar_label(bars, padding=3, color=_INK)
    ax.set_xlabel("quotes")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, loc="left")
    return fig


def plot_stance(data: Any, *, top: int = 15, title: Optional[str] = "Mean stance per speaker (95% CI)"):
    """Mean polarity per speaker with its confidence interval (``speakers`` table, scored speakers only)."""
    speakers = _frame(data, "speakers")
    scored = speakers[speakers["n_scored"] > 0].head(top) if len(speakers) else speakers
    fig = _figure(7, 0.4 * max(len(scored), 3) + 1)
    ax = fig.add_subplot()
    if not len(scored):
        return _empty(fig, ax, "no stance scores")
    scored = scored.iloc[::-1]
    mean = scored["polarity_mean"].astype(float)
    low = (mean - scored["polarity_ci_low"].astype(float)).clip(lower=0)
    high = (scored["polarity_ci_high"].astype(float) - mean).clip(lower=0)
    colours = [_RED if m < 0 else _BLUE for m in mean]
    ax.barh(list(scored["name"].astype(str)), mean, color=colours, xerr=[low, high], ecolor=_INK, capsize=3)
    ax.axvline(0, color=_INK, linewidth=1)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("mean polarity (-1 negative … +1 positive)")
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        ax.set_title(title, loc="left")
    return fig


def plot_kind_shares(data: Any, *, by: Optional[str] = None,
                     title: Optional[str] = "Direct, indirect and mixed quotes"):
    """Stacked shares of quote kinds, overall or per value of the quotes' column ``by`` (e.g. ``"outlet"``)."""
    quotes = _frame(data, "quotes")
    fig = _figure(7, 1.2 + 0.4 * (quotes[by].nunique() if by and by in quotes else 1))
    ax = fig.add_subplot()
    if not len(quotes):
        return _empty(fig, ax, "no quotes")
    if by is not None and by not in quotes:
        raise KeyError(f"the quotes table has no column {by!r}; choose one of: {', '.join(map(str, quotes.columns))}")
    groups = quotes[by].fillna("(none)").astype(str) if by else pd.Series("all quotes", index=quotes.index)
    shares = pd.crosstab(groups, quotes["kind"], normalize="index").reindex(columns=list(_KIND_COLOURS), fill_value=0)
    shares = shares.iloc[::-1]
    left = pd.Series(0.0, index=shares.index)
    for kind, colour in _KIND_COLOURS.items():
        ax.barh(list(shares.index), shares[kind], left=left, color=colour, label=kind)
        left = left + shares[kind]
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    if title:
        fig.suptitle(title, x=0.02, ha="left")
    return fig


def figure_svg(fig) -> str:
    """A figure as an SVG string (text kept as text), e.g. to embed in HTML."""
    import io

    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    return buf.getvalue()


__all__.append("figure_svg")
