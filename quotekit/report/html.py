""":mod:`quotekit.report.html`: the corpus report as one self-contained HTML page.

The page needs no network and no JavaScript: charts are inline SVG (:mod:`.charts`) with their data in tables
next to them; a small inline script only adds table sorting and opens the quote list of a speaker x target cell
when the cell is clicked (without it, the cell's link lands on that list, a ``<details>`` element one click opens).
Every piece of corpus text is HTML-escaped.
"""
from __future__ import annotations

import datetime as _dt
import html
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Mapping, Optional, Sequence

import pandas as pd

from ..aggregate import frames as agg
from ..aggregate import stance_tables as st
from ..measures import measure_documents
from ..stance.targets import filter_topics, link_target_ids
from ..types import Document
from . import _frames as F
from .charts import heatmap, hbar_chart, line_chart, stacked_share_chart
from .highlight import HIGHLIGHT_CSS, highlight_html, legend_html, marks_from_records
from .measures import measure_sections

__all__ = ["Anchors", "ReportTables", "prepare", "render_report"]

_KIND_NAMES = {"direct": "Direct", "indirect": "Indirect", "mixed": "Mixed"}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("quotekit.report").joinpath("templates", name).read_text(encoding="utf-8")


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _text(value: Any) -> str:
    """Escaped text of a cell; missing values (None, NaN) are empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _e(value)


def _pct(v: float) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.0%}"


def _num(v: float, digits: int = 2) -> str:
    return "–" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:+.{digits}f}"


class Anchors:
    """Stable, unique, URL-safe ids for documents (``doc-…``) and quotes (``q-…``)."""

    def __init__(self) -> None:
        self._docs: dict[str, str] = {}
        self._used: set[str] = set()

    def doc(self, doc_id: str) -> str:
        if doc_id not in self._docs:
            base = "doc-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", str(doc_id)).strip("-") or "x")[:80]
            slug, n = base, 2
            while slug in self._used:
                slug, n = f"{base}-{n}", n + 1
            self._used.add(slug)
            self._docs[doc_id] = slug
        return self._docs[doc_id]

    def quote(self, doc_id: str, quote_id: str) -> str:
        tail = str(quote_id).rsplit(":", 1)[-1]
        return "q-" + self.doc(doc_id)[4:] + "-" + re.sub(r"[^A-Za-z0-9_-]+", "-", tail)

    def cell(self, speaker_key: str, target_id: str) -> str:
        """The id of a speaker x target cell's quote list (``cell-…``), unique on the page."""
        key = (str(speaker_key), str(target_id))
        cells = self.__dict__.setdefault("_cells", {})
        if key not in cells:
            base = "cell-" + "--".join((re.sub(r"[^A-Za-z0-9_-]+", "-", part).strip("-") or "x")[:60] for part in key)
            slug, n = base, 2
            while slug in self._used:
                slug, n = f"{base}-{n}", n + 1
            self._used.add(slug)
            cells[key] = slug
        return cells[key]


def _table(caption: str, headers: Sequence[tuple[str, str]], rows: Iterable[Sequence[tuple[str, Any]]],
           *, sortable: bool = True, note: str = "", row_ids: Optional[Sequence[str]] = None) -> str:
    """A table; ``headers`` are ``(label, css class)``, cells ``(html, sort key or None)``; rows may get ids."""
    head = "".join(f'<th scope="col" class="{c}">{_e(h)}</th>' for h, c in headers)
    body = []
    for n, row in enumerate(rows):
        cells = []
        for (content, key), (_, cls) in zip(row, headers):
            sort = f' data-sort="{_e(key)}"' if key is not None else ""
            cells.append(f'<td class="{cls}"{sort}>{content}</td>')
        row_id = f' id="{_e(row_ids[n])}"' if row_ids is not None else ""
        body.append(f"<tr{row_id}>" + "".join(cells) + "</tr>")
    cls = "qk-sortable" if sortable else ""
    note_html = f'<p class="qk-note">{note}</p>' if note else ""
    return (f'<div class="qk-table-wrap"><table class="{cls}"><caption>{_e(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>{note_html}')


def _figure(caption: str, svg: str) -> str:
    return f'<figure class="qk-chart"><figcaption>{_e(caption)}</figcaption>{svg}</figure>'


def _empty(message: str) -> str:
    return f'<p class="qk-note qk-empty">{_e(message)}</p>'


def _date(value: Any) -> str:
    """``YYYY-MM-DD`` for a date/datetime/string; empty for missing values."""
    if _missing(value) or value is pd.NaT:
        return ""
    if hasattr(value, "strftime"):
        try:
            return value.strftime("%Y-%m-%d")
        except ValueError:  # NaT
            return ""
    return str(value)


def _speaker_link(row: Mapping[str, Any], anchors: Anchors) -> Optional[str]:
    """The speaker's first quote, or ``None`` for a row without quotes of its own (the ``unresolved`` row)."""
    if _missing(row.get("first_doc")) or _missing(row.get("first_quote")):
        return None
    return "#" + anchors.quote(row["first_doc"], row["first_quote"])


def _speaker_cell(row: Mapping[str, Any], anchors: Anchors) -> str:
    link = _speaker_link(row, anchors)
    return f'<a href="{link}">{_e(row["name"])}</a>' if link else _e(row["name"])


def _type_badge(t: Any) -> str:
    t = _text(t) or "unknown"
    return f'<span class="qk-badge {t}">{t}</span>'


def _summary(quotes: pd.DataFrame, documents: pd.DataFrame, speakers: pd.DataFrame) -> str:
    n = len(quotes)
    with_quotes = int((documents["n_quotes"] > 0).sum()) if len(documents) else 0
    cards = [("Documents", len(documents)), ("Documents with quotes", with_quotes), ("Quotes", n),
             ("Speakers", len(speakers))]
    if n:
        for k, share in F.kind_shares(quotes).items():
            cards.append((f"{_KIND_NAMES[k[6:]]} quotes", _pct(share)))
        cards.append(("Anonymous sourcing", _pct((quotes["speaker_type"] == "anonymous").mean())))
        cards.append(("Without a speaker", _pct(quotes["speaker_key"].isna().mean())))
    items = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in cards)
    facts = []
    if "outlet" in documents:
        outlets = sorted(map(str, documents["outlet"].dropna().unique()))
        if outlets:
            facts.append(f"{len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: " + ", ".join(outlets))
    if "date" in documents:
        dates = sorted(d for d in map(_date, documents["date"]) if d)
        if dates:
            facts.append(f"dates {dates[0]} to {dates[-1]}")
    if "parser" in quotes:
        parsers = sorted(set(quotes["parser"].dropna().astype(str)) - {""})
        if parsers:
            facts.append("parser " + ", ".join(parsers))
    fact_html = f'<p class="qk-note">{_e("; ".join(facts))}.</p>' if facts else ""
    return f'<dl class="qk-cards">{items}</dl>{fact_html}'


def _doc_labels(documents: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """``doc_id -> (short label, full title)``: "outlet date" when the corpus has them, else the id."""
    labels = {}
    for r in documents.to_dict("records"):
        doc_id = str(r["doc_id"])
        short = " ".join(t for t in (_text(r.get("outlet")), _date(r.get("date"))) if t) or (
            doc_id if len(doc_id) <= 20 else doc_id[:19] + "…")
        labels[r["doc_id"]] = (short, str(_text(r.get("title")) or r["doc_id"]))
    return labels


def _failures(failures: Sequence[tuple[str, str]]) -> str:
    if not failures:
        return ""
    items = "".join(f"<li><code>{_e(d)}</code>: {_e(m)}</li>" for d, m in failures[:50])
    more = f"<li>… and {len(failures) - 50} more</li>" if len(failures) > 50 else ""
    return (f'<div class="qk-failures" role="note"><p><strong>{len(failures)} document'
            f'{"s" if len(failures) != 1 else ""} could not be processed</strong> and are not counted:</p>'
            f'<ul>{items}{more}</ul></div>')


def _speakers_section(speakers: pd.DataFrame, anchors: Anchors, top: int, labels: Mapping[str, tuple[str, str]]) -> str:
    if not len(speakers):
        return _empty("No attributed quotes in this corpus.")
    head = speakers.head(top)
    chart = hbar_chart(
        list(head["name"]), list(head["n_quotes"]), title=f"Most-quoted speakers (top {len(head)})",
        desc="Number of quotes attributed to each speaker, most quoted first.", axis_label="quotes", width=900,
        links=[_speaker_link(r, anchors) for r in head.to_dict("records")])
    rows = []
    for r in speakers.to_dict("records"):
        docs = list(r["documents"])
        doc_links = ", ".join(
            f'<a href="#{anchors.doc(d)}" title="{_e(labels.get(d, (d, d))[1])}">{_e(labels.get(d, (d, d))[0])}</a>'
            for d in docs[:3])
        if len(docs) > 3:
            doc_links += f" +{len(docs) - 3}"
        roles = str(r["roles"][0]) if len(r["roles"]) else ""
        rows.append([
            (_speaker_cell(r, anchors), r["name"]), (_type_badge(r["type"]), r["type"]), (_e(roles), roles),
            (str(r["n_quotes"]), r["n_quotes"]), (str(r["n_docs"]), r["n_docs"]),
            *((_pct(r[f"share_{k}"]), f'{r[f"share_{k}"]:.4f}') for k in F.KINDS),
            (_num(r["polarity_mean"]), "" if math.isnan(r["polarity_mean"]) else f"{r['polarity_mean']:.4f}"),
            (doc_links, None),
        ])
    table = _table(
        "All speakers (a name links to the speaker's first quote, a document to its highlighted text)",
        [("Speaker", ""), ("Type", ""), ("Role", ""), ("Quotes", "num"), ("Docs", "num"), ("Direct", "num"),
         ("Indirect", "num"), ("Mixed", "num"), ("Mean stance", "num"), ("Documents", "")], rows)
    return _figure("Most-quoted speakers", chart) + table


def _types_section(quotes: pd.DataFrame) -> str:
    types = F.type_counts(quotes)
    if not len(types):
        return _empty("No quotes, so no speakers to classify.")
    chart = hbar_chart(list(types["speaker_type"]), list(types["share"]), percent=True,
                       title="Share of quotes by speaker type",
                       desc="Share of all quotes whose speaker is a person, an organization, anonymous or unknown.")
    t1 = _table("Speaker types", [("Type", ""), ("Quotes", "num"), ("Speakers", "num"), ("Share", "num")],
                [[(_type_badge(r["speaker_type"]), r["speaker_type"]), (str(r["quotes"]), r["quotes"]),
                  (str(r["speakers"]), r["speakers"]), (_pct(r["share"]), f'{r["share"]:.4f}')]
                 for r in types.to_dict("records")])
    roles = F.role_counts(quotes)
    t2 = _table("Most frequent speaker roles", [("Role", ""), ("Quotes", "num"), ("Speakers", "num")],
                [[(_e(r["speaker_role"]), r["speaker_role"]), (str(r["quotes"]), r["quotes"]),
                  (str(r["speakers"]), r["speakers"])] for r in roles.to_dict("records")]) \
        if len(roles) else _empty("No speaker roles were identified.")
    return (f'<div class="qk-grid"><div>{_figure("Speaker types", chart)}</div><div>{t1}</div></div>'
            f'<h3 id="roles">Speaker roles</h3>{t2}')


def _kinds_section(quotes: pd.DataFrame, outlets: pd.DataFrame) -> str:
    if not len(quotes):
        return _empty("No quotes.")
    rows = [{"label": "All quotes", "n_quotes": len(quotes), **F.kind_shares(quotes)}]
    rows += [{"label": str(r["outlet"]), **r} for r in outlets.to_dict("records")]
    by = " by outlet" if len(outlets) else ""
    chart = stacked_share_chart([r["label"] for r in rows],
                                [(_KIND_NAMES[k], [r[f"share_{k}"] for r in rows]) for k in F.KINDS],
                                title="Direct, indirect and mixed quotes" + by,
                                desc="Share of each kind of quotation, overall" + (" and per outlet." if by else "."))
    table = _table("Quote kinds" + by, [("Outlet" if by else "Group", ""), ("Quotes", "num"), ("Direct", "num"),
                                        ("Indirect", "num"), ("Mixed", "num")],
                   [[(_e(r["label"]), None if i == 0 else r["label"]), (str(r["n_quotes"]), r["n_quotes"]),
                     *((_pct(r[f"share_{k}"]), f'{r[f"share_{k}"]:.4f}') for k in F.KINDS)]
                    for i, r in enumerate(rows)])
    return f'<div class="qk-grid"><div>{_figure("Quote kinds", chart)}</div><div>{table}</div></div>'


def _rate_table(frame: pd.DataFrame, by: str, label: str) -> str:
    return _table(f"Anonymous sourcing by {label}",
                  [(label.capitalize(), ""), ("Quotes", "num"), ("Anonymous", "num"), ("Rate", "num"),
                   ("95% CI", "num")],
                  [[(_e(r[by]), str(r[by])), (str(r["n_quotes"]), r["n_quotes"]), (str(r["count"]), r["count"]),
                    (_pct(r["anonymous_rate"]), f'{r["anonymous_rate"]:.4f}'),
                    (f'{_pct(r["low"])}–{_pct(r["high"])}', f'{r["low"]:.4f}')] for r in frame.to_dict("records")])


def _anonymous_section(quotes: pd.DataFrame, outlets: pd.DataFrame, periods: pd.DataFrame) -> str:
    if not len(quotes):
        return _empty("No quotes.")
    n, k = len(quotes), int((quotes["speaker_type"] == "anonymous").sum())
    low, high = F.wilson(k, n)
    out = [f'<p>{k} of {n} quotes ({_pct(k / n)}, 95% CI {_pct(low)}–{_pct(high)}) come from anonymous '
           f'sources (“officials said”, “a person familiar with the matter”).</p>']
    if len(outlets):
        rate = F.with_wilson(outlets)
        chart = hbar_chart(list(rate["outlet"].astype(str)), list(rate["anonymous_rate"]), lows=list(rate["low"]),
                           highs=list(rate["high"]), percent=True, domain=(0.0, 1.0),
                           title="Anonymous sourcing rate by outlet",
                           desc="Share of each outlet's quotes with an anonymous speaker, with 95% Wilson intervals.")
        out.append(f'<h3 id="anon-outlet">By outlet</h3><div class="qk-grid"><div>'
                   f'{_figure("Anonymous sourcing by outlet", chart)}</div><div>{_rate_table(rate, "outlet", "outlet")}'
                   f'</div></div>')
    else:
        out.append(_empty("The corpus has no outlet column (add one in metadata.csv) for a per-outlet breakdown."))
    if len(periods):
        rate = F.with_wilson(periods)
        if len(rate) >= 2:
            chart = line_chart(list(rate["period"].astype(str)), list(rate["anonymous_rate"]), lows=list(rate["low"]),
                               highs=list(rate["high"]), title="Anonymous sourcing rate by month",
                               desc="Monthly share of quotes with an anonymous speaker; the band is the 95% interval.")
            fig = _figure("Anonymous sourcing over time", chart)
        else:
            fig = _empty("All dated quotes fall in one month; no trend to draw.")
        out.append(f'<h3 id="anon-time">Over time</h3><div class="qk-grid"><div>{fig}</div><div>'
                   f'{_rate_table(rate, "period", "month")}</div></div>')
    else:
        out.append(_empty("The corpus has no date column (add one in metadata.csv) for a breakdown over time."))
    return "".join(out)


def _stance_section(speakers: pd.DataFrame, anchors: Anchors, top: int) -> str:
    scored = speakers[speakers["n_scored"] > 0].head(top) if len(speakers) else speakers
    if not len(scored):
        return _empty("No stance scores in these quotes (extract with stance scoring on).")
    recs = scored.to_dict("records")
    chart = hbar_chart(
        [r["name"] for r in recs], [r["polarity_mean"] for r in recs], lows=[r["polarity_ci_low"] for r in recs],
        highs=[r["polarity_ci_high"] for r in recs], domain=(-1.0, 1.0), diverging=True, axis_label="mean polarity",
        title="Mean stance per speaker with 95% confidence intervals",
        desc="Mean polarity of each speaker's quotes from -1 (negative) to +1 (positive); whiskers show 95% "
             "bootstrap confidence intervals of the mean (none for a single quote).",
        links=[_speaker_link(r, anchors) for r in recs])
    rows = [[(_speaker_cell(r, anchors), r["name"]), (str(r["n_scored"]), r["n_scored"]),
             (_num(r["polarity_mean"]), f'{r["polarity_mean"]:.4f}'),
             (f'{_num(r["polarity_ci_low"])} to {_num(r["polarity_ci_high"])}' if r["n_scored"] > 1 else "– (1 quote)",
              f'{r["polarity_ci_low"]:.4f}')] for r in recs]
    table = _table("Stance per speaker", [("Speaker", ""), ("Scored quotes", "num"), ("Mean polarity", "num"),
                                          ("95% CI", "num")], rows)
    return (f'<div class="qk-grid"><div>{_figure("Stance per speaker", chart)}</div><div>{table}</div></div>'
            '<p class="qk-note">Polarity is the stance of the quoted words themselves (-1 negative … +1 positive); '
            'intervals are percentile bootstraps of the mean and are wide for speakers with few quotes.</p>')


_TARGET_STOP = frozenset({"the", "of", "and", "a", "an", "in", "on", "for", "to", "de"})


def _marked_content(content: str, target: str) -> str:
    """Escaped quote text with the words of ``target`` wrapped in ``<mark class="qk-target">`` (case-insensitive,
    at word starts, inflected endings included: "tax cut" marks "tax cuts", "Hillary Clinton" marks "Clinton")."""
    words = [w for w in re.findall(r"[\w'’-]+", target) if len(w) > 1 and w.lower() not in _TARGET_STOP]
    if not words:
        return _e(content)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
                         + r")[\w]*", re.IGNORECASE)
    out, at = [], 0
    for m in pattern.finditer(content):
        out.append(_e(content[at:m.start()]))
        out.append(f'<mark class="qk-target">{_e(m.group(0))}</mark>')
        at = m.end()
    out.append(_e(content[at:]))
    return "".join(out)


def _ci(low: float, high: float, n: int) -> str:
    return f"{_num(low)} to {_num(high)}" if n > 1 and not _missing(low) else "–"


def _drilldown(cell: Mapping[str, Any], anchor: str, name: str, records: Mapping[str, Mapping[str, Any]],
               anchors: Anchors, linked_docs: set[str]) -> str:
    """A cell's quotes as a ``<details>`` list (opened by the page script when the cell is clicked; without
    JavaScript the link lands on it and a click opens it)."""
    items = []
    for quote_id in cell["quote_ids"]:
        rec = records.get(quote_id)
        if rec is None:
            continue
        content = " ".join(str((rec.get("content") or {}).get("text") or "").split())
        polarity = next((t.get("polarity") for t in (rec.get("stance") or {}).get("targets") or []
                         if str(t.get("target_id") or t.get("target")) == str(cell["target_id"])), None)
        doc_id = rec.get("doc_id")
        where = (f' <a class="qk-in-doc" href="#{anchors.quote(doc_id, quote_id)}">in the document</a>'
                 if doc_id in linked_docs else "")
        cue = _e((rec.get("cue") or {}).get("text") or "")
        items.append(f'<li><q class="qk-quote">{_marked_content(content, str(cell["target"]))}</q> '
                     f'<span class="qk-meta">{cue + " · " if cue else ""}toward {_e(cell["target"])}: '
                     f'{_num(polarity)}{where}</span></li>')
    kind = f" ({_e(cell['kind'])})" if cell.get("kind") else ""
    summary = (f'{_e(name)} on <strong>{_e(cell["target"])}</strong>{kind}: {cell["n"]} quotes, mean '
               f'{_num(cell["polarity_mean"])} (95% CI {_ci(cell["ci_low"], cell["ci_high"], cell["n"])})')
    return (f'<details class="qk-drill" id="{anchor}"><summary>{summary}</summary>'
            f'<ol class="qk-drill-quotes">{"".join(items)}</ol></details>')


def _heatmap_section(cells: pd.DataFrame, speakers: pd.DataFrame, anchors: Anchors,
                     records: Sequence[Mapping[str, Any]], linked_docs: set[str], min_n: int,
                     top_speakers: int = 12, top_targets: int = 10) -> str:
    shown = cells[cells["shown"]] if len(cells) else cells
    if not len(shown):
        return _empty(f"No speaker mentioned the same target in at least {min_n} quotes "
                      "(per-target stance needs quotes with named entities or topics).")
    info = speakers.set_index("speaker_key")
    # columns: the targets with the most quotes in shown cells; rows: the most quoted speakers with a shown cell
    # among those columns (no empty rows)
    totals = shown.groupby("target_id")["n"].sum().sort_values(ascending=False, kind="stable")
    cols = list(totals.head(top_targets).index)
    sub = shown[shown["target_id"].isin(cols)]
    keys = [k for k in speakers["speaker_key"] if k in set(sub["speaker_key"])][:top_speakers]
    sub = sub[sub["speaker_key"].isin(keys)]
    cols = [c for c in cols if c in set(sub["target_id"])]
    labels = {tid: str(sub[sub["target_id"] == tid]["target"].iloc[0]) for tid in cols}
    by_pair = {(c["speaker_key"], c["target_id"]): c for c in cells.to_dict("records")}
    names = [str(info.loc[k, "name"]) if k in info.index else str(k) for k in keys]
    values, links, notes = [], [], []
    for key in keys:
        row_v, row_l, row_n = [], [], []
        for tid in cols:
            c = by_pair.get((key, tid))
            if c is not None and c["shown"]:
                row_v.append(float(c["polarity_mean"]))
                row_l.append("#" + anchors.cell(key, tid))
                row_n.append(f"n={c['n']}, 95% CI {_ci(c['ci_low'], c['ci_high'], c['n'])}")
            else:
                row_v.append(math.nan)
                row_l.append(None)
                row_n.append(f"n={c['n']}, below the minimum of {min_n}" if c is not None else "not mentioned")
        values.append(row_v)
        links.append(row_l)
        notes.append(row_n)
    row_links = [_speaker_link(info.loc[k], anchors) if k in info.index else None for k in keys]
    chart = heatmap(names, [labels[t] for t in cols], values, row_links=row_links, cell_links=links,
                    cell_notes=notes, title="Stance of each speaker toward each target",
                    desc=f"Mean polarity of what each of the most quoted speakers said about the most mentioned "
                         f"targets, for pairs with at least {min_n} quotes; blue is positive, red negative, grey "
                         "cells have fewer quotes. Click a cell for the quotes behind it.")
    by_quote = {str(r.get("quote_id")): r for r in records}
    rows, lists = [], []
    for c in shown.to_dict("records"):
        name = str(info.loc[c["speaker_key"], "name"]) if c["speaker_key"] in info.index else str(c["name"])
        anchor = anchors.cell(c["speaker_key"], c["target_id"])
        rows.append([(_e(name), name), (_e(c["target"]), str(c["target"])), (_text(c.get("kind")), c.get("kind") or ""),
                     (f'<a href="#{anchor}">{c["n"]}</a>', c["n"]),
                     (_num(c["polarity_mean"]), f'{c["polarity_mean"]:.4f}'),
                     (_ci(c["ci_low"], c["ci_high"], c["n"]), "" if _missing(c["ci_low"]) else f'{c["ci_low"]:.4f}')])
        lists.append(_drilldown(c, anchor, name, by_quote, anchors, linked_docs))
    table = _table(f"Speaker × target stance (pairs with at least {min_n} quotes; a count lists the quotes)",
                   [("Speaker", ""), ("Target", ""), ("Kind", ""), ("Quotes", "num"), ("Mean polarity", "num"),
                    ("95% CI", "num")], rows)
    note = (f'<p class="qk-note">A cell needs at least {min_n} quotes of the speaker mentioning the target '
            f'(report option <code>min_n</code>); its polarity is the targeted stance of the quoted words toward '
            f'the target, averaged over those quotes, with a 95% percentile-bootstrap interval. Targets are named '
            f'entities (one target per person, however the text names them), topics and your own targets.</p>')
    return (_figure("Speaker × target stance", chart) + note + table
            + f'<h3 id="target-quotes">Quotes behind each cell</h3><div class="qk-drills">{"".join(lists)}</div>')


def _framing_section(framing: pd.DataFrame, speakers: pd.DataFrame, anchors: Anchors, top: int) -> str:
    from ..stance.framing import framings

    if not len(framing):
        return _empty("No attributed quotes, so no framing to show.")
    kinds = list(framings())
    wide = framing.pivot_table(index="speaker_key", columns="framing", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=kinds, fill_value=0)
    info = speakers.set_index("speaker_key")
    keys = [k for k in speakers["speaker_key"] if k in wide.index][:top]
    names = [str(info.loc[k, "name"]) for k in keys]
    totals = [int(wide.loc[k].sum()) for k in keys]
    series = [(f, [wide.loc[k, f] / t if t else 0.0 for k, t in zip(keys, totals)]) for f in kinds]
    chart = stacked_share_chart(names, series, title="How reporters frame each speaker's statements",
                                desc="Share of each speaker's quotes by the framing of the cue: neutral (said), "
                                     "assertive (insisted), doubting (claimed), conceding (admitted), positive "
                                     "(praised), negative (slammed).", width=900)
    rows = []
    for key, name, total in zip(keys, names, totals):
        row = [(_speaker_cell(info.loc[key], anchors), name), (str(total), total)]
        for f in kinds:
            n = int(wide.loc[key, f])
            row.append((f"{n} ({_pct(n / total)})" if n else "–", n))
        rows.append(row)
    table = _table("Speaker × framing (quotes, share of the speaker's quotes)",
                   [("Speaker", ""), ("Quotes", "num")] + [(f.capitalize(), "num") for f in kinds], rows)
    all_counts = framing.groupby("framing")["n"].sum()
    overall = ", ".join(f"{f} {int(all_counts.get(f, 0))}" for f in kinds)
    return (_figure("Framing per speaker", chart) + table
            + f'<p class="qk-note">Framing is the reporter\'s choice of cue verb, read apart from the polarity of the '
              f'quoted words. All attributed quotes: {_e(overall)}.</p>')


def _documents_section(documents: pd.DataFrame, records: list[dict], docs: Mapping[str, Document],
                       anchors: Anchors, max_docs: int) -> str:
    recs = documents.to_dict("records")
    rows = [[(f'<a href="#{anchors.doc(r["doc_id"])}">{_text(r.get("title")) or _e(r["doc_id"])}</a>',
              _text(r.get("title")) or r["doc_id"]),
             (_text(r.get("outlet")), _text(r.get("outlet"))), (_e(_date(r.get("date"))), _date(r.get("date"))),
             (str(r["n_quotes"]), r["n_quotes"]), *((str(r[f"n_{k}"]), r[f"n_{k}"]) for k in F.KINDS),
             (_pct(r["anonymous_rate"]), "" if _missing(r["anonymous_rate"]) else f'{r["anonymous_rate"]:.4f}')]
            for r in recs]
    index = _table("Documents", [("Document", ""), ("Outlet", ""), ("Date", "date"), ("Quotes", "num"),
                                 ("Direct", "num"), ("Indirect", "num"), ("Mixed", "num"), ("Anonymous", "num")], rows)
    by_doc: dict[str, list[dict]] = {}
    for rec in records:
        by_doc.setdefault(rec["doc_id"], []).append(rec)
    parts = [index]
    if len(recs) > max_docs:
        parts.append(_empty(f"Showing the first {max_docs} of {len(recs)} documents in full."))
    parts.append(legend_html())
    for r in recs[:max_docs]:
        doc_id, has_text = r["doc_id"], r["doc_id"] in docs
        quotes = by_doc.get(doc_id, [])
        meta = " · ".join(t for t in (_text(r.get("outlet")), _e(_date(r.get("date"))), _e(doc_id)) if t)
        quote_rows = []
        for rec in quotes:
            who = rec.get("speaker_entity") or (rec.get("speaker") or {}).get("text") or "(no speaker)"
            stance = rec.get("stance") or {}
            content = " ".join(rec["content"]["text"].split())
            short = content if len(content) <= 140 else content[:139] + "…"
            link = f'<a href="#{anchors.quote(doc_id, rec["quote_id"])}">{_e(short)}</a>' if has_text else _e(short)
            quote_rows.append([
                (_e(who), who), (_type_badge(rec.get("speaker_type")), rec.get("speaker_type")),
                (f'<span class="qk-badge {_e(rec["kind"])}">{_e(rec["kind"])}</span>', rec["kind"]),
                (_e((rec.get("cue") or {}).get("text") or ""), None),
                (_num(stance.get("polarity")) if stance else "–", stance.get("polarity", "") if stance else ""),
                (link, rec["content"]["start"])])
        # without the text, the quote rows themselves are the targets of the speaker links
        ids = None if has_text else [anchors.quote(doc_id, rec["quote_id"]) for rec in quotes]
        qtable = _table(f"Quotes in {doc_id}", [("Speaker", ""), ("Type", ""), ("Kind", ""), ("Cue", ""),
                                                ("Stance", "num"), ("Content", "")], quote_rows, row_ids=ids) \
            if quote_rows else _empty("No quotes found in this document.")
        if has_text:
            body = highlight_html(docs[doc_id].text, marks_from_records(
                quotes, anchor_of=lambda q, d=doc_id: anchors.quote(d, q["quote_id"])))
            text_html = f'<div class="qk-text" lang="en">{body}</div>'
        else:
            text_html = _empty("Full text not available (pass --corpus DIR with the texts to highlight quotes).")
        slug = anchors.doc(doc_id)
        n = int(r["n_quotes"])
        parts.append(
            f'<article class="qk-doc" id="{slug}" aria-labelledby="{slug}-h">'
            f'<h3 id="{slug}-h">{_text(r.get("title")) or _e(doc_id)}</h3><p class="qk-meta">{meta} · '
            f'{n} quote{"s" if n != 1 else ""}</p>'
            f'{f"<details><summary>Quote list</summary>{qtable}</details>" if has_text else qtable}{text_html}'
            f'<p class="qk-back"><a href="#top">↑ Back to top</a> · <a href="#speakers">Speakers</a> · '
            f'<a href="#documents">Documents</a></p></article>')
    return "".join(parts)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass
class ReportTables:
    """Everything a report shows, as tables (built by :func:`prepare`)."""

    records: list[dict[str, Any]]
    docs: dict[str, Document]
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    targets: pd.DataFrame
    documents: pd.DataFrame
    outlets: pd.DataFrame
    periods: pd.DataFrame
    target_cells: pd.DataFrame
    framing: pd.DataFrame
    min_n: int = st.MIN_N
    measures_missing: Optional[str] = None  # why the records carry no measures (no texts), else None


def prepare(records: Sequence[Mapping[str, Any]], docs: Optional[Iterable[Document]] = None, *,
            min_n: int = st.MIN_N) -> ReportTables:
    """The report's tables from quote records (and the documents they come from, for metadata and texts);
    ``min_n``: the fewest quotes behind a shown speaker x target cell."""
    docs_by_id = {d.doc_id: d for d in (docs or [])}
    records = [dict(r) for r in records]
    for rec in records:
        meta = docs_by_id[rec["doc_id"]].meta if rec["doc_id"] in docs_by_id else {}
        for col in ("outlet", "date", "title"):
            if _missing(rec.get(col)) or rec.get(col) == "":
                if meta.get(col):
                    rec[col] = meta[col]
    # the corpus-level steps of quotekit.stance.targets (idempotent): topics the corpus repeats, bare surnames
    # joined to the corpus's speakers; records with old-shape targets pass unchanged
    records = link_target_ids(filter_topics(records))
    # the research measures (quotekit.measures), added from the texts when the records lack them
    records, measures_missing = measure_documents(records, docs_by_id.values())
    quotes = agg.quotes_frame(records)
    speakers = agg.speakers_frame(quotes)
    if len(speakers):
        speakers = speakers.join(F.first_quotes(quotes), on="speaker_key")
    doc_meta = [{"doc_id": d.doc_id, **{k: v for k, v in d.meta.items() if k not in ("encoding", "format")}}
                for d in docs_by_id.values()]
    documents = agg.documents_frame(quotes, doc_meta or None)
    has = lambda col: col in quotes and quotes[col].notna().any()  # noqa: E731
    return ReportTables(
        records=records, docs=docs_by_id, quotes=quotes, speakers=speakers, targets=agg.targets_frame(quotes),
        documents=documents, outlets=agg.by_outlet(quotes) if has("outlet") else pd.DataFrame(),
        periods=agg.by_period(quotes) if has("date") else pd.DataFrame(),
        target_cells=st.speaker_target_table(records, min_n=min_n), framing=st.speaker_framing_table(records),
        min_n=min_n, measures_missing=measures_missing)


def render_report(
    records: Sequence[Mapping[str, Any]],
    docs: Optional[Iterable[Document]] = None,
    *,
    title: str = "quotekit corpus report",
    top: int = 15,
    max_docs: int = 500,
    failures: Sequence[tuple[str, str]] = (),
    min_n: int = st.MIN_N,
) -> str:
    """The whole report page for quote records (``Quote.to_dict()`` dicts) and, optionally, their texts.

    Args:
        records: quote records, in any order.
        docs: the documents the records' offsets index (highlighted full text); without them the report
            lists each document's quotes only.
        title: page title.
        top: how many speakers the charts show (tables list all).
        max_docs: at most this many documents get a full-text section.
        failures: ``(doc_id, message)`` of documents that could not be processed (listed in the summary).
        min_n: the fewest quotes of a speaker about a target for the speaker x target cell to be shown.
    """
    from .. import __version__

    t = prepare(records, docs, min_n=min_n)
    linked_docs = {str(r["doc_id"]) for r in t.documents.to_dict("records")[:max_docs]}
    anchors = Anchors()
    sections = [
        ("summary", "Corpus summary", _summary(t.quotes, t.documents, t.speakers) + _failures(failures)),
        ("speakers", "Most-quoted speakers", _speakers_section(t.speakers, anchors, top, _doc_labels(t.documents))),
        ("types", "Speaker types and roles", _types_section(t.quotes)),
        ("kinds", "Direct, indirect and mixed quotes", _kinds_section(t.quotes, t.outlets)),
        ("anonymous", "Anonymous sourcing", _anonymous_section(t.quotes, t.outlets, t.periods)),
        ("stance", "Stance per speaker", _stance_section(t.speakers, anchors, top)),
        ("targets", "Speaker × target stance",
         _heatmap_section(t.target_cells, t.speakers, anchors, t.records, linked_docs, t.min_n)),
        ("framing", "Framing per speaker", _framing_section(t.framing, t.speakers, anchors, top)),
        *measure_sections(t.records, anchors, linked_docs, top, t.measures_missing),
        ("documents", "Documents", _documents_section(t.documents, t.records, t.docs, anchors, max_docs)),
    ]
    toc = "".join(f'<li><a href="#{sid}">{_e(name)}</a></li>' for sid, name, _ in sections)
    body = "".join(f'<section id="{sid}" aria-labelledby="{sid}-h"><h2 id="{sid}-h">{_e(name)}</h2>{content}</section>'
                   for sid, name, content in sections)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    subtitle = f"{len(t.documents)} documents · {len(t.quotes)} quotes · {len(t.speakers)} speakers"
    return (
        '<!DOCTYPE html>\n<html lang="en" data-js="off"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="quotekit {_e(__version__)}"><title>{_e(title)}</title>'
        f'<style>{_asset("report.css")}{HIGHLIGHT_CSS}</style></head>'
        f'<body><a class="skip" href="#main">Skip to content</a>'
        f'<header class="qk-top" id="top"><h1>{_e(title)}</h1><p>{_e(subtitle)}</p></header>'
        f'<nav class="qk-toc" aria-label="Sections"><ul>{toc}</ul></nav><main id="main">{body}</main>'
        f'<footer>Generated by quotekit {_e(__version__)} on {_e(stamp)}. Charts are inline SVG; '
        f'tables sort when JavaScript is on.</footer>'
        f'<script>{_asset("report.js")}</script></body></html>\n'
    )
