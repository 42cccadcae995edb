"""Report test data: quote records over real text without depending on the attributor's recall.

The seed article's gold attributions (content / cue / speaker spans, resolved entity, role, type) are turned
into :class:`~quotekit.types.Attribution` spans on the real parse and run through the real stance scorer and
:func:`quotekit.records.to_quotes`, so report tests see realistic records (including stance and targets).
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SEED_DIR = CORPORA / "seed"
SEED_ID = "nikkei-japan-us-korea"


def gold_quotes(parser):
    """Quote objects for the seed article built from its gold attributions (stance scored for real)."""
    from quotekit.io import read_document
    from quotekit.records import to_quotes
    from quotekit.report.load import read_metadata
    from quotekit.stance import score_attributions
    from quotekit.types import Attribution, SpeakerInfo

    document = read_document(SEED_DIR / f"{SEED_ID}.txt")
    doc = parser.parse(document.text)
    gold = json.loads((SEED_DIR / f"{SEED_ID}.gold.json").read_text(encoding="utf-8"))["quotes"]

    def span(g):
        if not g:
            return None
        return doc.char_span(g["start"], g["end"], alignment_mode="expand")

    atts, infos = [], []
    for g in gold:
        content = span(g["content"])
        if content is None:
            continue
        atts.append(Attribution(kind=g["kind"], content=content, cue=span(g.get("cue")),
                                speaker=span(g.get("speaker")), rule="gold", confidence=1.0))
        infos.append(SpeakerInfo(entity=g.get("speaker_entity"), type=g.get("speaker_type") or "unknown",
                                 role=g.get("speaker_role"),
                                 status="name" if g.get("speaker_entity") else "unresolved"))
    stances = score_attributions(doc, atts)
    meta = read_metadata(SEED_DIR).get(SEED_ID, {})
    return document, to_quotes(doc, atts, doc_id=SEED_ID, speakers=infos, stances=stances, meta=meta)
