""":mod:`quotekit.report.charts`: small accessible SVG charts, built as strings (no JavaScript, no network).

Every chart is an ``<svg class="qk-chart-svg" role="img">`` with a ``<title>`` and ``<desc>`` referenced by
``aria-labelledby``; each drawn data mark has the class ``qk-mark`` (and a ``<title>`` tooltip with its
value). Pages should show the chart's data as a table next to it.
"""
from __future__ import annotations

import hashlib
import html
import math
from typing import Optional, Sequence

__all__ = ["hbar_chart", "stacked_share_chart", "line_chart", "heatmap", "PALETTE"]

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
NEG, POS, INK, GRID, MUTED = "#C0392B", "#1F78B4", "#1a202c", "#d9dee5", "#4a5568"
FONT = "system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, n: int = 30) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _svg(width: int, height: int, title: str, desc: str, body: str) -> str:
    # ids derived from the content: the same input gives the same page, and different charts differ
    uid = "qkc-" + hashlib.sha1((title + desc + body).encode("utf-8")).hexdigest()[:10]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="qk-chart-svg" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="max-width:100%;height:auto" font-family="{_e(FONT)}" font-size="12">'
        f'<title id="{uid}-t">{_e(title)}</title><desc id="{uid}-d">{_e(desc)}</desc>{body}</svg>'
    )


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _ticks(lo: float, hi: float, n: int = 4, *, integer: bool = False) -> list[float]:
    span = hi - lo
    if not integer:
        if lo == 0 and 0 < hi <= 1:  # shares: prefer round percentages (0, 10, 20 ... rather than 12.5)
            n = next((k for k in (4, 5, 2) if round(hi * 100) % k == 0 and (hi * 100 / k) % 5 == 0), n)
        return [lo + span * i / n for i in range(n + 1)]
    if lo == 0 and float(hi).is_integer() and 0 < hi < n * 2:
        return [float(i) for i in range(int(hi) + 1)]  # small counts: integer ticks only
    if lo == 0 and float(hi).is_integer() and hi % n != 0:
        for k in (5, 3, 2):
            if hi % k == 0:
                n = k
                break
    return [lo + span * i / n for i in range(n + 1)]


def _fmt(v: float, pct: bool = False) -> str:
    if pct:
        return f"{v * 100:.0f}%"
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.2f}".rstrip("0")


def hbar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    desc: str = "",
    links: Optional[Sequence[Optional[str]]] = None,
    lows: Optional[Sequence[float]] = None,
    highs: Optional[Sequence[float]] = None,
    domain: Optional[tuple[float, float]] = None,
    percent: bool = False,
    diverging: bool = False,
    axis_label: str = "",
    width: int = 640,
) -> str:
    """Horizontal bars (from zero), optional interval whiskers ``lows``/``highs`` and per-bar links."""
    n = len(labels)
    vals = [float(v) for v in values]
    if domain is None:
        top = max([*vals, *(h for h in (highs or []) if not math.isnan(h)), 0.0])
        domain = (min(0.0, min(vals, default=0.0)), 1.0 if percent and top <= 1 else _nice_max(top))
    lo, hi = domain
    left, right, top_pad, row = 200, 60, 28, 24
    plot_w = width - left - right
    height = top_pad + n * row + 40

    def x(v: float) -> float:
        return left + (min(max(v, lo), hi) - lo) / (hi - lo) * plot_w

    parts = []
    integer = not percent and all(float(v).is_integer() for v in vals) and lo == 0
    for t in _ticks(lo, hi, integer=integer):
        parts.append(f'<line x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top_pad - 6}" y2="{top_pad + n * row}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{x(t):.1f}" y="{top_pad + n * row + 16}" text-anchor="middle" fill="{MUTED}">'
                     f'{_e(_fmt(t, percent))}</text>')
    if axis_label:
        parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" fill="{MUTED}">'
                     f'{_e(axis_label)}</text>')
    zero = x(0.0)
    for i, (label, v) in enumerate(zip(labels, vals)):
        y = top_pad + i * row
        colour = (NEG if v < 0 else POS) if diverging else PALETTE[0]
        x0, x1 = sorted((zero, x(v)))
        tip = f"{label}: {_fmt(v, percent)}"
        if lows is not None and highs is not None and not math.isnan(lows[i]):
            tip += f" (95% CI {_fmt(lows[i], percent)} to {_fmt(highs[i], percent)})"
        bar = (f'<rect class="qk-mark" x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 1.5):.1f}" height="{row - 8}" '
               f'fill="{colour}" fill-opacity="0.85"><title>{_e(tip)}</title></rect>')
        name = f'<text x="{left - 8}" y="{y + row / 2 + 4}" text-anchor="end" fill="{INK}">{_e(_short(label))}</text>'
        href = links[i] if links is not None else None
        if href:
            bar = f'<a href="{_e(href)}">{bar}</a>'
            name = f'<a href="{_e(href)}">{name}</a>'
        parts.append(name + bar)
        if lows is not None and highs is not None and not (math.isnan(lows[i]) or math.isnan(highs[i])):
            xl, xh, ym = x(lows[i]), x(highs[i]), y + row / 2
            parts.append(f'<g class="qk-mark" stroke="{INK}" stroke-width="1.5"><line x1="{xl:.1f}" x2="{xh:.1f}" '
                         f'y1="{ym}" y2="{ym}"/><line x1="{xl:.1f}" x2="{xl:.1f}" y1="{ym - 5}" y2="{ym + 5}"/>'
                         f'<line x1="{xh:.1f}" x2="{xh:.1f}" y1="{ym - 5}" y2="{ym + 5}"/></g>')
        end = x(v) + (6 if v >= 0 else -6)
        anchor = "start" if v >= 0 else "end"
        if lows is None:
            parts.append(f'<text x="{end:.1f}" y="{y + row / 2 + 4}" text-anchor="{anchor}" fill="{INK}">'
                         f'{_e(_fmt(v, percent))}</text>')
    if lo < 0 < hi:
        parts.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{top_pad - 6}" y2="{top_pad + n * row}" '
                     f'stroke="{INK}" stroke-width="1.5"/>')
    return _svg(width, height, title, desc or title, "".join(parts))


def stacked_share_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str,
    desc: str = "",
    width: int = 640,
) -> str:
    """One horizontal bar per label split into the shares of each series (shares in [0, 1])."""
    n = len(labels)
    left, right, top_pad, row = 140, 20, 40, 26
    plot_w = width - left - right
    height = top_pad + n * row + 30
    parts = []
    lx = left
    for j, (name, _) in enumerate(series):
        parts.append(f'<rect x="{lx}" y="8" width="12" height="12" fill="{PALETTE[j % len(PALETTE)]}"/>'
                     f'<text x="{lx + 16}" y="18" fill="{INK}">{_e(name)}</text>')
        lx += 24 + 8 * len(name)
    for t in _ticks(0, 1):
        xt = left + t * plot_w
        parts.append(f'<text x="{xt:.1f}" y="{top_pad + n * row + 16}" text-anchor="middle" fill="{MUTED}">'
                     f'{_fmt(t, True)}</text>')
    for i, label in enumerate(labels):
        y = top_pad + i * row
        parts.append(f'<text x="{left - 8}" y="{y + row / 2 + 4}" text-anchor="end" fill="{INK}">'
                     f'{_e(_short(label, 20))}</text>')
        acc = 0.0
        for j, (name, vals) in enumerate(series):
            share = float(vals[i])
            if share <= 0:
                continue
            xs, w = left + acc * plot_w, share * plot_w
            parts.append(f'<rect class="qk-mark" x="{xs:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                         f'fill="{PALETTE[j % len(PALETTE)]}">'
                         f'<title>{_e(f"{label}: {name} {share:.0%}")}</title></rect>')
            if w > 34:
                parts.append(f'<text x="{xs + w / 2:.1f}" y="{y + row / 2 + 4}" text-anchor="middle" '
                             f'fill="#fff" font-weight="600">{share:.0%}</text>')
            acc += share
    return _svg(width, height, title, desc or title, "".join(parts))


def line_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    desc: str = "",
    lows: Optional[Sequence[float]] = None,
    highs: Optional[Sequence[float]] = None,
    percent: bool = True,
    width: int = 640,
    height: int = 260,
) -> str:
    """Values over ordered labels (e.g. months) as a line with points and an optional interval band."""
    n = len(labels)
    left, right, top_pad, bottom = 50, 40, 20, 50
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    top = max([*(float(v) for v in values), *(h for h in (highs or []) if not math.isnan(h)), 0.0])
    hi = 1.0 if percent and top <= 1 else _nice_max(top)
    hi = min(hi, _nice_max(top * 1.1)) if top > 0 else hi

    def x(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else i * plot_w / (n - 1))

    def y(v: float) -> float:
        return top_pad + plot_h - (v / hi) * plot_h

    parts = []
    for t in _ticks(0, hi):
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(t):.1f}" y2="{y(t):.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" fill="{MUTED}">'
                     f'{_e(_fmt(t, percent))}</text>')
    step = max(1, math.ceil(n / 12))
    for i, label in enumerate(labels):
        if i % step == 0 or i == n - 1:
            parts.append(f'<text x="{x(i):.1f}" y="{top_pad + plot_h + 18}" text-anchor="middle" fill="{MUTED}">'
                         f'{_e(_short(label, 12))}</text>')
    if lows is not None and highs is not None and n > 1:
        pts = [f"{x(i):.1f},{y(h):.1f}" for i, h in enumerate(highs)] + [
            f"{x(i):.1f},{y(lw):.1f}" for i, lw in reversed(list(enumerate(lows)))]
        parts.append(f'<polygon points="{" ".join(pts)}" fill="{PALETTE[0]}" fill-opacity="0.15"/>')
    if n > 1:
        pts = " ".join(f"{x(i):.1f},{y(float(v)):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline class="qk-mark" points="{pts}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>')
    for i, (label, v) in enumerate(zip(labels, values)):
        parts.append(f'<circle class="qk-mark" cx="{x(i):.1f}" cy="{y(float(v)):.1f}" r="4" fill="{PALETTE[0]}">'
                     f'<title>{_e(f"{label}: {_fmt(float(v), percent)}")}</title></circle>')
    return _svg(width, height, title, desc or title, "".join(parts))


def _diverging(v: float) -> str:
    """White at 0, blue toward +1, red toward -1."""
    v = max(-1.0, min(1.0, v))
    end = (31, 120, 180) if v >= 0 else (192, 57, 43)
    a = abs(v)
    r, g, b = (round(255 + (c - 255) * a) for c in end)
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(
    rows: Sequence[str],
    cols: Sequence[str],
    cells: Sequence[Sequence[float]],
    *,
    title: str,
    desc: str = "",
    row_links: Optional[Sequence[Optional[str]]] = None,
    cell_links: Optional[Sequence[Sequence[Optional[str]]]] = None,
    cell_notes: Optional[Sequence[Sequence[Optional[str]]]] = None,
    cell: int = 44,
) -> str:
    """A rows x columns grid of values in [-1, 1] (NaN = no data) on a diverging red-white-blue scale.

    ``cell_links[i][j]``: a link for a drawn cell (e.g. ``#cell-…``, the list of quotes behind it); ``cell_notes``:
    text added to a cell's tooltip (its ``n``, or why it is empty)."""
    left, top_pad = 190, 130
    width = left + len(cols) * cell + 30
    height = top_pad + len(rows) * cell + 50
    parts = []
    for j, col in enumerate(cols):
        cx = left + j * cell + cell / 2
        parts.append(f'<text transform="translate({cx:.1f},{top_pad - 8}) rotate(-45)" fill="{INK}">'
                     f'{_e(_short(col, 22))}</text>')
    for i, row_name in enumerate(rows):
        y = top_pad + i * cell
        name = (f'<text x="{left - 8}" y="{y + cell / 2 + 4}" text-anchor="end" fill="{INK}">'
                f'{_e(_short(row_name, 28))}</text>')
        if row_links is not None and row_links[i]:
            name = f'<a href="{_e(row_links[i])}">{name}</a>'
        parts.append(name)
        for j, col in enumerate(cols):
            v = cells[i][j]
            xc = left + j * cell
            note = cell_notes[i][j] if cell_notes is not None else None
            if v is None or math.isnan(v):
                tip = f"{row_name} on {col}: {note or 'no data'}"
                parts.append(f'<rect x="{xc + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" fill="#f4f5f7"'
                             f' stroke="{GRID}"><title>{_e(tip)}</title></rect>')
                continue
            tip = f"{row_name} on {col}: {v:+.2f}" + (f" ({note})" if note else "")
            drawn = (f'<rect class="qk-mark" x="{xc + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" '
                     f'fill="{_diverging(v)}" stroke="{GRID}"><title>{_e(tip)}</title></rect>'
                     f'<text x="{xc + cell / 2:.1f}" y="{y + cell / 2 + 4:.1f}" text-anchor="middle" '
                     f'font-size="11" fill="{"#fff" if abs(v) > 0.55 else INK}">{v:+.1f}</text>')
            href = cell_links[i][j] if cell_links is not None else None
            if href:
                drawn = f'<a class="qk-cell-link" href="{_e(href)}" aria-label="{_e(tip)}">{drawn}</a>'
            parts.append(drawn)
    ly = top_pad + len(rows) * cell + 16
    for k, v in enumerate((-1, -0.5, 0, 0.5, 1)):
        parts.append(f'<rect x="{left + k * 40}" y="{ly}" width="40" height="10" fill="{_diverging(v)}" '
                     f'stroke="{GRID}"/><text x="{left + k * 40 + 20}" y="{ly + 24}" text-anchor="middle" '
                     f'fill="{MUTED}" font-size="10">{v:+g}</text>')
    parts.append(f'<text x="{left - 8}" y="{ly + 9}" text-anchor="end" fill="{MUTED}" font-size="10">'
                 f'negative ← → positive</text>')
    return _svg(width, height, title, desc or title, "".join(parts))
