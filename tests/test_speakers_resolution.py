"""Speaker resolution accuracy on the bundled PolNeAR-train resolution gold set (pronoun and nominal speakers)."""
from __future__ import annotations

import json

import pytest

from quotekit.errors import InputError
from quotekit.evaluate.resolution import evaluate_resolution, read_resolution_gold, same_entity

from _fixtures_speakers import RESOLUTION_GOLD


def test_gold_set_is_consistent_with_its_texts():
    rows, text_dir = read_resolution_gold(RESOLUTION_GOLD)
    docs = {row["doc"] for row in rows}
    second = set((RESOLUTION_GOLD / "second_batch.list").read_text(encoding="utf-8").split())
    assert len(list(text_dir.glob("*.txt"))) == 47 and docs <= {p.name for p in text_dir.glob("*.txt")}
    assert len(second) == 27 and second <= docs
    for row in rows:
        text = (text_dir / row["doc"]).open(encoding="utf-8", newline="").read()
        assert text[row["source"]["start"]:row["source"]["end"]] == row["source"]["text"]
        assert row["mention"] in ("pronoun", "nominal")
        assert row["type"] in ("person", "organization", "anonymous", "unknown")
        assert row["entity"] is None or row["type"] in ("person", "organization")


@pytest.mark.slow
@pytest.mark.parametrize("gold, n_min", [(RESOLUTION_GOLD, 40), (RESOLUTION_GOLD / "heldout", 25)],
                         ids=["gold", "heldout"])
def test_resolution_accuracy_on_gold_set(spacy_parser, gold, n_min):
    result = evaluate_resolution(gold, parser=spacy_parser)
    assert result["n"] >= n_min
    assert result["accuracy"] >= 0.85, json.dumps(result["errors"], indent=1)
    assert sum(a["n"] for a in result["per_article"].values()) == result["n"]
    assert set(result["by_mention"]) == {"pronoun", "nominal"}
    assert 0.0 <= result["coverage"] <= 1.0 and result["abstained"] == round((1 - result["coverage"]) * result["n"])


def test_same_entity_matching():
    assert same_entity("Trump", "Donald Trump")
    assert same_entity("the Orlando Sentinel", "Orlando Sentinel")
    assert same_entity("Sophie in ’t Veld", "Sophie in 't Veld")
    assert same_entity("Bernie Sanders' campaign", "Bernie Sanders campaign")  # a bare possessive apostrophe
    assert same_entity("Bernie Sanders’s campaign", "Bernie Sanders campaign")
    assert not same_entity("O'Malley", "Malley")
    assert not same_entity("Ivanka Trump", "Donald Trump")
    assert not same_entity(None, "Donald Trump")


def test_bad_gold_path_says_what_to_pass(tmp_path):
    with pytest.raises(InputError, match="gold.jsonl"):
        read_resolution_gold(tmp_path)
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc": "x.txt"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=":1:"):
        read_resolution_gold(bad)
