"""The attributor on hand-checked UD v2 trees (CoNLL-U backend): the rules read UD relations, not one parser."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotekit.attribute import find_attributions
from quotekit.parse import load_parser

TREES = Path(__file__).parent / "data" / "attribution" / "gold_trees.conllu"


@pytest.fixture(scope="module")
def gold_docs():
    return dict(load_parser("conllu").parse_many(TREES.read_text(encoding="utf-8"), path=str(TREES)))


def _found(doc):
    return [(a.kind, a.content.text, a.cue.text, a.speaker.text if a.speaker is not None else None)
            for a in find_attributions(doc)]


def test_interrupted_quote_under_gold_tree(gold_docs):
    (att,) = find_attributions(gold_docs["interrupted"])
    assert [p.text for p in att.pieces()] == ['"It works,"', '"and it is fast."']
    assert (att.kind, att.content.text, att.cue.text, att.speaker.text) == (
        "direct", '"It works," he said, "and it is fast."', "said", "he")


def test_according_to_under_gold_tree(gold_docs):
    assert _found(gold_docs["according"]) == [("indirect", "Taxes will rise", "according to", "the ministry")]


def test_belief_under_gold_tree(gold_docs):
    assert _found(gold_docs["belief"]) == []


def test_mixed_tweet_under_gold_tree(gold_docs):
    assert _found(gold_docs["tweeted"]) == [
        ("mixed", 'he had "excellent conversation" with Motegi', "tweeted", "Blinken")]


def test_same_answers_as_the_spacy_parse(gold_docs, spacy_parser):
    for name in ("according", "belief", "tweeted"):
        assert _found(spacy_parser.parse(gold_docs[name].text)) == _found(gold_docs[name]), name
