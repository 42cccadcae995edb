""":mod:`quotekit.report.highlight`: a document's text as HTML with its quotes' spans marked.

Content, cue and speaker spans become ``<span>`` elements with the classes ``qk-content``, ``qk-cue`` and
``qk-speaker`` (each styled through a different CSS property, so nested or overlapping spans stay visible
together). Spans may nest or overlap in any way: the text is cut at every span boundary and each piece carries
the classes of every span that covers it. All text is HTML-escaped; offsets are ``str`` indices into the
original text, exactly as in the quote records.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

__all__ = ["Mark", "ROLES", "highlight_html", "marks_from_records", "legend_html", "HIGHLIGHT_CSS"]

ROLES = ("content", "cue", "speaker", "reason")
"""Highlighted roles; ``reason`` is the stated reason an anonymous source is unnamed (the record's
``anonymity_reason`` span, :mod:`quotekit.measures.anonymity`)."""

_FIELDS = {"reason": "anonymity_reason"}
"""Record field of a role whose field is not named as the role."""

# Each role uses its own CSS property (background / underline / outline) so overlaps combine visibly.
HIGHLIGHT_CSS = """
.qk-text{white-space:pre-wrap;line-height:1.7;font-family:Georgia,'Times New Roman',serif;font-size:1rem}
.qk-content{background:#fde9b6;}
.qk-content.qk-direct{background:#fbd38d;}
.qk-cue{text-decoration:underline 3px #b83280;text-underline-offset:3px;font-weight:600;color:#702459}
.qk-speaker{outline:2px solid #2b6cb0;outline-offset:-1px;border-radius:2px;color:#1a365d;background:#e6f0fb}
.qk-content.qk-speaker{background:linear-gradient(#e6f0fb,#fde9b6)}
.qk-reason{border-bottom:2px dashed #276749;color:#22543d}
.qk-legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:center;margin:.5rem 0;font-size:.9rem}
.qk-legend span{padding:0 .3rem}
.qk-qa{font-size:.7rem;vertical-align:super;text-decoration:none;color:#4a5568;white-space:nowrap;
font-family:system-ui,sans-serif}
"""


@dataclass(frozen=True)
class Mark:
    """One span to highlight: ``text[start:end]`` in role ``content``, ``cue`` or ``speaker``.

    ``anchor`` (optional) becomes the ``id`` of an empty anchor placed at ``start`` so tables can link to the
    quote; ``title`` becomes a tooltip; ``kind`` (direct/indirect/mixed) adds a ``qk-<kind>`` class.
    """

    start: int
    end: int
    role: str
    anchor: Optional[str] = None
    title: Optional[str] = None
    kind: Optional[str] = None


def _clip(mark: Mark, n: int) -> Optional[Mark]:
    start, end = max(0, min(mark.start, n)), max(0, min(mark.end, n))
    if end <= start:
        return None
    return Mark(start, end, mark.role, mark.anchor, mark.title, mark.kind)


def highlight_html(text: str, marks: Iterable[Mark], *, anchor_label: Optional[str] = None) -> str:
    """HTML for ``text`` with every mark wrapped in a span; safe to insert in a page (all text escaped).

    Marks outside the text are clipped, empty ones dropped. Removing the tags and unescaping gives ``text``
    back exactly (apart from the optional anchor labels, which are wrapped in ``a.qk-qa`` elements).

    Args:
        text: the original document text the offsets index.
        marks: spans to highlight.
        anchor_label: if given, the visible text of each quote anchor (e.g. ``"¶"``); default: invisible
            anchors.
    """
    n = len(text)
    kept = [m for m in (_clip(m, n) for m in marks) if m is not None]
    bounds = {0, n}
    anchors: dict[int, list[str]] = {}
    for m in kept:
        bounds.update((m.start, m.end))
        if m.anchor:
            anchors.setdefault(m.start, []).append(m.anchor)
    cuts = sorted(bounds)
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        for anchor in anchors.get(a, ()):
            label = html.escape(anchor_label) if anchor_label else ""
            ref = html.escape(anchor, quote=True)
            out.append(f'<a class="qk-qa" id="{ref}" href="#{ref}" aria-label="quote {ref}">{label}</a>')
        piece = html.escape(text[a:b], quote=False)
        covering = [m for m in kept if m.start <= a and b <= m.end]
        if not covering:
            out.append(piece)
            continue
        classes: list[str] = []
        titles: list[str] = []
        for role in ROLES:
            if any(m.role == role for m in covering):
                classes.append(f"qk-{role}")
        for m in covering:
            if m.kind and f"qk-{m.kind}" not in classes:
                classes.append(f"qk-{m.kind}")
            if m.title and m.title not in titles:
                titles.append(m.title)
        title = f' title="{html.escape("; ".join(titles), quote=True)}"' if titles else ""
        out.append(f'<span class="{" ".join(classes)}"{title}>{piece}</span>')
    return "".join(out)


def marks_from_records(records: Iterable[dict], *, anchor_of=None) -> list[Mark]:
    """Marks for quote records (``Quote.to_dict()`` dicts): one per content, cue, speaker and anonymity-reason
    span.

    ``anchor_of(record)`` gives the anchor id placed at the start of the quote's content (none by default).
    """
    marks: list[Mark] = []
    for rec in records:
        who = rec.get("speaker_entity") or (rec.get("speaker") or {}).get("text") or "unattributed"
        title = f"{rec.get('kind', 'quote')} quote by {who}"
        for role in ROLES:
            span = rec.get(_FIELDS.get(role, role))
            if not isinstance(span, dict) or span.get("start") is None or span.get("end") is None:
                continue
            anchor = anchor_of(rec) if (role == "content" and anchor_of) else None
            if role == "reason":
                marks.append(Mark(int(span["start"]), int(span["end"]), role, None,
                                  f"reason given for not naming {who}"))
                continue
            if role == "content":  # a split statement: its parts, not the attribution between them
                for k, part in enumerate(_content_parts(rec) or [span]):
                    marks.append(Mark(int(part["start"]), int(part["end"]), role, anchor if k == 0 else None, title,
                                      rec.get("kind")))
                continue
            marks.append(Mark(int(span["start"]), int(span["end"]), role, anchor, title, rec.get("kind")))
    return marks


def _content_parts(record: dict) -> list[dict]:
    """The record's ``content_parts`` that are spans (older records have none)."""
    parts = record.get("content_parts")
    if not isinstance(parts, list):
        return []
    return [p for p in parts if isinstance(p, dict) and p.get("start") is not None and p.get("end") is not None]


def legend_html(roles: Sequence[str] = ROLES) -> str:
    """A small legend showing how each role is styled."""
    names = {"content": "content (what was said)", "cue": "cue (said, told, according to)",
             "speaker": "speaker mention", "reason": "reason a source is not named"}
    items = "".join(f'<span class="qk-{r}">{html.escape(names.get(r, r))}</span>' for r in roles)
    return f'<p class="qk-legend" aria-label="Highlighting legend"><strong>Legend:</strong> {items}</p>'
