"""The acceptance model's batch scoring and document facts give exactly what the one-candidate paths give."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotekit.analysis import DocAnalysis
from quotekit.attribute import find_attributions
from quotekit.attribute.model import AcceptanceModel, candidate_features, doc_facts, load_model

TEXT = ('"We will not raise taxes on working families," the finance minister said on Tuesday.\n\n'
        "Critics said the plan would cost billions. According to the agency, prices fell.\n\n"
        "MARKETS: Stocks fell sharply on Monday.")


def test_probabilities_equal_probability_on_real_candidates(spacy_parser, seed_doc):
    model = load_model()
    for doc in (spacy_parser.parse(TEXT), seed_doc):
        candidates = find_attributions(doc, model=False)
        rows = candidate_features(doc, candidates)
        assert len(rows) >= 2
        assert model.probabilities(rows) == [model.probability(row) for row in rows]  # the same floats
    assert model.probabilities([]) == []


def _tiny_model(weights: bool) -> AcceptanceModel:
    """Two trees of different depths over features a, b, c (and weights: the logistic part added to the trees)."""
    deep = {"feature": [0, 1, -1, 2, -1, -1, -1], "threshold": [0.5, 1.5, 0.0, 0.25, 0.0, 0.0, 0.0],
            "left": [1, 2, -1, 4, -1, -1, -1], "right": [6, 3, -1, 5, -1, -1, -1],
            "value": [0.0, 0.0, -1.25, 0.0, 0.75, 2.5, 0.125]}
    stump = {"feature": [2, -1, -1], "threshold": [1.0, 0.0, 0.0], "left": [1, -1, -1], "right": [2, -1, -1],
             "value": [0.0, -0.3, 0.9]}
    leaf = {"feature": [-1], "threshold": [0.0], "left": [-1], "right": [-1], "value": [0.01]}
    return AcceptanceModel("tiny", ["a", "b", "c"], 0.5, bias=-0.2, trees=[deep, stump, leaf],
                           weights=[0.3, -0.7, 0.05] if weights else [])


values = st.one_of(st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 2.0]), st.floats(-5, 5, allow_nan=False))
rows = st.lists(st.dictionaries(st.sampled_from(["a", "b", "c", "unknown"]), values), max_size=6)


@settings(max_examples=200, deadline=None)
@given(rows=rows, weights=st.booleans())
def test_probabilities_equal_probability_on_any_rows(rows, weights):
    model = _tiny_model(weights)
    assert model.probabilities(rows) == [model.probability(row) for row in rows]


def _facts_by_spans(doc: Doc):
    """Sentence numbers and bounds read from ``doc.sents``, as the facts had them before reading the table."""
    sent, bounds = [0] * len(doc), []
    for k, s in enumerate(doc.sents):
        sent[s.start:s.end] = [k] * (s.end - s.start)
        bounds.append((s.start, s.end))
    return sent, bounds


def test_doc_facts_sentences_and_paragraphs(spacy_parser):
    doc = spacy_parser.parse(TEXT)
    facts = doc_facts(DocAnalysis(doc))
    assert (facts.sent, facts.sent_bounds) == _facts_by_spans(doc)
    assert len(facts.sent_bounds) >= 4 and len(facts.para_bounds) == 3  # each blank line starts a paragraph
    assert facts.para_bounds[0][0] == 0 and facts.para_bounds[-1][1] == len(doc)
    assert all(facts.para[i] == p for p, (start, end) in enumerate(facts.para_bounds) for i in range(start, end))
    assert facts.columns["LENGTH"] == [len(t) for t in doc]


def test_doc_facts_of_docs_without_a_parse():
    vocab = Vocab()
    empty = doc_facts(Doc(vocab, words=[]))
    assert empty.sent == [] and empty.sent_bounds == [(0, 0)] and empty.para_bounds == [(0, 0)]
    plain = doc_facts(Doc(vocab, words=["No", "sentence", "bounds", "here"]))
    assert plain.sent == [0, 0, 0, 0] and plain.sent_bounds == [(0, 4)]
    marked = Doc(vocab, words=["A", "b", ".", "C", "d"], sent_starts=[True, False, False, True, False])
    assert (doc_facts(marked).sent, doc_facts(marked).sent_bounds) == _facts_by_spans(marked)
