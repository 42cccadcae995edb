"""Quote reuse across documents (quotekit.measures.reuse) on real-looking wire copy, plus a property test."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotekit import extract
from quotekit.errors import InputError
from quotekit.measures import add_measures, find_reuse
from quotekit.measures.reuse import normalise

WIRE = """WASHINGTON (AP) — The Senate passed a stopgap spending bill late Thursday, averting a government shutdown hours before the deadline.

"This is not the bill any of us wanted, but it keeps the lights on and the troops paid," Senate Majority Leader Mitch McConnell said on the floor.

Democratic leader Chuck Schumer said the measure "punts every hard decision to December and leaves disaster victims waiting."

The House is expected to take up the bill on Friday."""

REPRINT = """Shutdown averted as Senate passes stopgap bill

The Senate passed a short-term spending bill late Thursday night, hours before funding was due to run out.

"This is not the bill any of us wanted, but it keeps the lights on and the troops paid," Senate Majority Leader Mitch McConnell said on the floor.

Democratic leader Chuck Schumer said the measure "punts every hard decision to December and leaves the disaster victims waiting."

Local members of Congress were split on the vote."""

OTHER = """Mayor Lisa Grant said the city would hire forty new teachers next fall. "Our classrooms are too crowded and our teachers are exhausted," Grant said at a news conference."""


@pytest.fixture(scope="module")
def wire_records(spacy_parser):
    texts = {"ap-senate": WIRE, "daily-senate": REPRINT, "city-schools": OTHER}
    records = []
    for doc_id, text in texts.items():
        records += [q.to_dict() for q in extract(spacy_parser.parse(text), doc_id=doc_id)]
    meta = {"ap-senate": {"date": "2016-09-29", "outlet": "ap"},
            "daily-senate": {"date": "2016-09-30", "outlet": "daily"},
            "city-schools": {"date": "2016-09-28", "outlet": "daily"}}
    return records, texts, meta


def test_shared_wire_quote_gets_one_group_and_the_pair_is_flagged(wire_records):
    records, texts, meta = wire_records
    result = find_reuse(records, metadata=meta)
    mcconnell = [(r, f) for r, f in zip(records, result.fields) if "keeps the lights on" in r["content"]["text"]]
    assert {r["doc_id"] for r, _ in mcconnell} == {"ap-senate", "daily-senate"}
    groups = {f["reuse_group"] for _, f in mcconnell}
    assert len(groups) == 1 and None not in groups
    first = [r["doc_id"] for r, f in mcconnell if f["reuse_first"]]
    assert first == ["ap-senate"]  # the earlier date
    group = result.groups.set_index("reuse_group").loc[groups.pop()]
    assert (group["first_outlet"], group["repeated_by"], group["n_docs"]) == ("ap", ["daily"], 2)
    pair = result.pairs.iloc[0]
    assert (pair["doc_a"], pair["doc_b"], bool(pair["wire_copy"])) == ("ap-senate", "daily-senate", True)
    assert not any(f["reuse_group"] for r, f in zip(records, result.fields) if r["doc_id"] == "city-schools")


def test_reworded_repeat_is_grouped_with_its_drift(wire_records):
    records, texts, meta = wire_records
    out = add_measures(records, texts, metadata=meta)
    schumer = [r for r in out if "punts every hard decision" in r["content"]["text"]]
    assert len({r["reuse_group"] for r in schumer}) == 1 and schumer[0]["reuse_group"]
    drifts = sorted(r["reuse_drift"] for r in schumer)
    assert drifts[0] == 0.0 and 0.0 < drifts[1] < 0.3  # "the disaster victims": one word more


def test_short_and_single_document_statements_are_not_reuse():
    span = lambda text: {"start": 0, "end": len(text), "text": text}
    records = [{"doc_id": "a", "content": span("“No comment.”")}, {"doc_id": "b", "content": span("“No comment.”")},
               {"doc_id": "a", "content": span("the budget will be balanced by the end of next year")},
               {"doc_id": "a", "content": span("the budget will be balanced by the end of next year")}]
    result = find_reuse(records)
    assert all(f["reuse_group"] is None for f in result.fields)
    assert result.groups.empty and result.pairs.empty
    with pytest.raises(InputError):
        find_reuse(records, threshold=0)


def test_typography_does_not_hide_a_repeat():
    assert normalise("“L’État, c’est moi,” he said") == normalise("\"l'état c'est MOI\" he said")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.text(max_size=80)), max_size=25),
       st.floats(min_value=0.05, max_value=1.0))
@example(items=[("a", "0"), ("a", "00")], threshold=1.0)  # found by hypothesis: LSH cannot band at threshold 1
@example(items=[("a", "L’État, c’est moi"), ("b", "l'état c'est MOI!")], threshold=1.0)
def test_arbitrary_unicode_contents_never_crash_the_grouping(items, threshold):
    records = [{"doc_id": doc_id, "content": {"start": 0, "end": len(text), "text": text}} for doc_id, text in items]
    records += [{"doc_id": "c", "content": None}, {"doc_id": "c"}]
    result = find_reuse(records, threshold=threshold, min_words=1)
    assert len(result.fields) == len(records)
    for group_id, part in result.groups.groupby("reuse_group"):
        members = [f for f in result.fields if f["reuse_group"] == group_id]
        assert sum(f["reuse_first"] for f in members) == 1
        assert all(0.0 <= f["reuse_drift"] <= 1.0 for f in members)
        assert len({r["doc_id"] for r, f in zip(records, result.fields) if f["reuse_group"] == group_id}) >= 2
