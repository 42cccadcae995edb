"""The seed article: every gold attribution found with its speaker mention and cue; nothing from boilerplate."""
from __future__ import annotations

import json

import pytest

from quotekit.attribute import find_attributions
from quotekit.evaluate.gold import read_gold_json
from quotekit.evaluate.scorer import alnum_positions, cue_correct, jaccard, speaker_correct

from conftest import SEED_GOLD


@pytest.fixture(scope="module")
def seed_attributions(seed_doc):
    return find_attributions(seed_doc)


def _spans(span):
    return () if span is None else ((span.start_char, span.end_char),)


@pytest.mark.parametrize("index", range(len(json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quotes"])))
def test_gold_attribution_found(seed_text, seed_attributions, index):
    gold = read_gold_json(SEED_GOLD).attributions[index]
    gset = alnum_positions(seed_text, gold.content)
    best = max(seed_attributions, key=lambda a: jaccard(gset, alnum_positions(seed_text, _spans(a.content))))
    assert jaccard(gset, alnum_positions(seed_text, _spans(best.content))) >= 0.8, best.content.text
    assert speaker_correct(seed_text, gold.source, _spans(best.speaker), best.content.doc), best.speaker
    assert cue_correct(seed_text, gold.cue, _spans(best.cue)), best.cue
    if gold.kind:
        assert best.kind == gold.kind


def test_nothing_from_boilerplate(seed_text, seed_attributions):
    story_end = seed_text.index("Sponsored Content")
    story_start = seed_text.index("TOKYO (Kyodo)")
    for att in seed_attributions:
        assert story_start <= att.content.start_char < story_end, att.content.text
        assert att.cue is None or story_start <= att.cue.start_char < story_end
