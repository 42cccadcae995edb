"""Fixtures for the speaker tests: the seed article's gold attributions as Attribution objects."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotekit.types import Attribution

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "corpora" / "seed" / "nikkei-japan-us-korea.gold.json"
RESOLUTION_GOLD = ROOT / "corpora" / "resolution-gold"


def gold_attributions(doc, gold: dict) -> list[Attribution]:
    """Attributions built from gold speaker/content/cue offsets (isolates resolution from attribution)."""
    out = []
    for q in gold["quotes"]:
        spans = {}
        for part in ("content", "cue", "speaker"):
            if q.get(part):
                spans[part] = doc.char_span(q[part]["start"], q[part]["end"], alignment_mode="expand")
        out.append(Attribution(kind=q["kind"], content=spans["content"], cue=spans.get("cue"),
                               speaker=spans.get("speaker"), rule="gold", confidence=1.0))
    return out


@pytest.fixture(scope="module")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_attributions(seed_doc, seed_gold) -> list[Attribution]:
    return gold_attributions(seed_doc, seed_gold)


def resolve_mentions(parser, text: str, mentions, alignment_mode: str = "strict") -> list:
    """The SpeakerInfo of each speaker mention, all resolved together in document order; ``mentions`` are
    ``(text, occurrence)`` pairs (occurrence counted from 0)."""
    import re

    from quotekit.speakers import resolve_speakers

    doc = parser.parse(text)
    spans = []
    for word, nth in mentions:
        start = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)][nth]
        spans.append(doc.char_span(start, start + len(word), alignment_mode=alignment_mode))
    return resolve_speakers(doc, [Attribution(kind="indirect", content=s, speaker=s) for s in spans])
