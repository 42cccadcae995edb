"""The acceptance model's conflict resolution between candidates that claim the same statement, on real-looking
news sentences."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.attribute.model import AcceptanceModel, accept, resolve_conflicts
from quotekit.attribute.rules import find
from quotekit.errors import InputError
from quotekit.types import Attribution

NESTED = "The mayor said the governor claimed that the budget was balanced."


def test_conflict_resolution_keeps_the_more_probable_claim(spacy_parser):
    doc = spacy_parser.parse(NESTED)
    atts = find(doc)
    said = next(t.i for t in doc if t.text == "said")
    twin = Attribution("indirect", doc[said + 1:len(doc) - 1], doc[said:said + 1], doc[0:2], "wide_object", 0.4)
    candidates = list(atts) + [twin]
    probs = [0.9] * len(atts) + [0.7]
    out = resolve_conflicts(candidates, probs, 0.8)
    assert out[-1] == 0.0 and out[:-1] == probs[:-1]
    # the twin, now more probable, wins over the rules' own candidate of the same content
    outer = next(k for k, a in enumerate(atts) if a.cue.text == "said")
    flipped = resolve_conflicts(candidates, [0.5 if k == outer else 0.9 for k in range(len(atts))] + [0.7], 0.8)
    assert flipped[outer] == 0.0 and flipped[-1] == 0.7
    assert resolve_conflicts(candidates, probs, None) == probs


def test_a_model_with_conflict_resolution_round_trips_and_old_models_judge_alone(spacy_parser, tmp_path):
    doc = spacy_parser.parse(NESTED)
    atts = find(doc)
    said = next(t.i for t in doc if t.text == "said")
    twin = Attribution("indirect", doc[said + 1:len(doc) - 1], doc[said:said + 1], doc[0:2], "wide_object", 0.4)
    model = AcceptanceModel("conflicts-test", ["confidence"], 0.5, -1.0, weights=[4.0])
    assert model.to_dict().get("duplicate_overlap") is None  # a model without it: every candidate alone
    alone = [p for _, p in accept(doc, atts + [twin], model)]
    assert alone[-1] > 0.5
    model.duplicate_overlap = 0.8
    path = tmp_path / "m.json"
    model.save(path)
    loaded = AcceptanceModel.from_dict(json.loads(path.read_text()))
    assert loaded.duplicate_overlap == 0.8
    resolved = [p for _, p in accept(doc, atts + [twin], loaded)]
    assert resolved[-1] == 0.0 and resolved[:-1] == alone[:-1]
    data = loaded.to_dict()
    data["duplicate_overlap"] = "much"
    with pytest.raises(InputError):
        AcceptanceModel.from_dict(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spans=st.lists(st.tuples(st.integers(0, 11), st.integers(1, 12), st.floats(0, 1)), min_size=1, max_size=8),
       overlap=st.sampled_from([0.3, 0.5, 0.8, 1.0]))
def test_conflict_resolution_only_ever_drops(spacy_parser, spans, overlap):
    doc = spacy_parser.parse(NESTED)
    spans = [(s, max(e, s + 1), p) for s, e, p in spans]
    atts = [Attribution("indirect", doc[s:e], None, None, "speech_ccomp", 0.5) for s, e, _ in spans]
    probs = [p for *_, p in spans]
    out = resolve_conflicts(atts, probs, overlap)
    assert all(o == p or o == 0.0 for o, p in zip(out, probs))
    assert max(out) == max(probs)  # the most probable claim always stays
    kept = [a for a, o, p in zip(atts, out, probs) if o == p and p > 0]
    for i, a in enumerate(kept):  # no two survivors claim the same statement
        for b in kept[i + 1:]:
            inter = min(a.content.end, b.content.end) - max(a.content.start, b.content.start)
            union = max(a.content.end, b.content.end) - min(a.content.start, b.content.start)
            assert inter <= 0 or inter / union < overlap
