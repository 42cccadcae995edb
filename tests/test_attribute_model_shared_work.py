"""What the acceptance model computes once and shares (the forest walked deepest trees first, one DocFacts per
document with its memos, the edge model scoring only the options it can choose) gives exactly what computing
everything afresh gives: the same floats, the same edges."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from quotekit.attribute.boundaries import choose_edges, option_rows, pick_edges
from quotekit.attribute.model import (
    AcceptanceModel, accept, candidate_features, doc_facts, featurize, load_model, resolve_conflicts,
)
from quotekit.attribute.rules import find

TEXT = ('"We will not raise taxes on working families," the finance minister said on Tuesday, adding that the '
        "plan was fair.\n\nCritics said the plan would cost billions, and the agency warned that prices could rise. "
        'According to the agency, prices fell.\n\nMARKETS: Stocks fell sharply on Monday. "It is a disaster," '
        "said one trader, who asked not to be named.")


def _order_sensitive_model() -> AcceptanceModel:
    """Trees stored shallowest first, with leaf values whose float sum depends on the order of the additions
    (1 + 1e16 - 1e16 is 0, -1e16 + 1e16 + 1 is 1): only the stored order gives :meth:`probability`'s value."""
    leaf = {"feature": [-1], "threshold": [0.0], "left": [-1], "right": [-1], "value": [1.0]}
    stump = {"feature": [0, -1, -1], "threshold": [0.5, 0.0, 0.0], "left": [1, -1, -1], "right": [2, -1, -1],
             "value": [0.0, 1e16, -1e16]}
    deep = {"feature": [1, 0, -1, -1, -1], "threshold": [0.5, 1.5, 0.0, 0.0, 0.0], "left": [1, 2, -1, -1, -1],
            "right": [4, 3, -1, -1, -1], "value": [0.0, 0.0, -1e16, 2.5, 3.0]}
    return AcceptanceModel("order", ["a", "b"], 0.5, bias=0.0, trees=[leaf, stump, deep])


values = st.sampled_from([0.0, 0.25, 1.0, 2.0, -1.0])
rows = st.lists(st.dictionaries(st.sampled_from(["a", "b", "unknown"]), values), max_size=6)


@settings(max_examples=100, deadline=None)
@given(rows=rows)
def test_trees_are_added_in_their_stored_order(rows):
    model = _order_sensitive_model()
    assert model.probabilities(rows) == [model.probability(row) for row in rows]


def test_the_order_of_the_additions_shows_in_the_probability():
    model = _order_sensitive_model()
    # a = 0, b = 0: leaf 1.0, stump 1e16, deep -1e16 -> (1 + 1e16) - 1e16 == 0 in floats, not 1
    assert model.log_odds(model.vector({})) == 0.0
    assert model.probabilities([{}]) == [0.5]


def test_a_linear_model_without_trees_scores_the_same_in_batch():
    model = AcceptanceModel("linear", ["a", "b"], 0.5, bias=-0.5, weights=[0.75, -2.0])
    batch = [{"a": 1.0, "b": 0.5}, {"a": 3.0}, {"unknown": 9.0}, {}]
    assert model.probabilities(batch) == [model.probability(row) for row in batch]


def test_the_edge_choice_needs_no_score_of_the_proposed_edges(spacy_parser, seed_doc):
    """Scoring every option, the proposed edges too, and picking gives the edges choose_edges gives, with the
    shipped edge model and with one that takes any cut or clause extension it is offered."""
    eager = AcceptanceModel("eager-edges", ["op=end_cut", "op=end_extend_clause", "op=start_cut"], 0.5, -3.0,
                            weights=[5.0, 4.0, 5.0])
    moved = 0
    for edges in (load_model().edges, eager):
        assert edges is not None
        for doc in (spacy_parser.parse(TEXT), seed_doc):
            candidates = find(doc)
            facts = doc_facts(doc, candidates)
            options, scores = [], []
            for att in candidates:
                opts, option_values = option_rows(att, facts)
                assert any(o.op == "proposed" for o in opts)
                options.append(opts)
                scores.append(edges.probabilities(option_values))
            picked = pick_edges(candidates, options, scores, edges.threshold)
            chosen = choose_edges(candidates, doc_facts(doc, candidates), edges)
            assert [a.content for a in chosen] == [a.content for a in picked]
            moved += sum(a.content != b.content for a, b in zip(chosen, candidates))
    assert moved > 0


def test_accept_with_shared_document_facts_equals_fresh_facts(spacy_parser, seed_doc):
    model = load_model()
    for doc in (spacy_parser.parse(TEXT), seed_doc):
        candidates = find(doc)
        chosen = choose_edges(candidates, doc_facts(doc, candidates), model.edges)
        expected = resolve_conflicts(chosen, model.probabilities(candidate_features(doc, chosen)),
                                     model.duplicate_overlap)
        got = accept(doc, candidates, model)
        assert [p for _, p in got] == expected
        assert [a.content for a, _ in got] == [a.content for a in chosen]


def test_features_with_a_shared_facts_equal_features_with_fresh_facts(spacy_parser, seed_doc):
    """The per-document memos (cue classes, cue morphology, content bounds) never carry one candidate's values
    into another's."""
    for doc in (spacy_parser.parse(TEXT), seed_doc):
        candidates = find(doc)
        shared = doc_facts(doc, candidates)
        together = [featurize(att, shared) for att in candidates]
        alone = [featurize(att, doc_facts(doc, candidates)) for att in candidates]
        assert together == alone
    classes = {name for row in together for name in row if name.startswith("cue_class=")}
    assert len(classes) >= 2  # several kinds of cue share the memo
