"""The array-backed views the analysis reads instead of Token objects give what spaCy's own objects give."""
from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.matcher import DependencyMatcher

from quotekit.attribute.patterns import ArrayMatcher, match, rules
from quotekit.analysis import DocAnalysis, TokenTable

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture(scope="module")
def sample_docs(spacy_parser):
    """Real news articles (the bundled samples and the seed page) under the default parse."""
    paths = sorted((CORPORA / "samples").glob("*.txt")) + sorted((CORPORA / "seed").glob("*.txt"))
    return list(spacy_parser.pipe([p.read_text(encoding="utf-8") for p in paths]))


def _reference(vocab):
    matcher = DependencyMatcher(vocab)
    for key, rule in rules().items():
        matcher.add(key, [rule["pattern"]])
    return matcher


def test_array_matcher_finds_what_dependency_matcher_finds(sample_docs):
    reference = _reference(sample_docs[0].vocab)
    order = list(rules())
    n_matches = 0
    for doc in sample_docs:
        expected = sorted(reference(doc), key=lambda m: order.index(doc.vocab.strings[m[0]]))  # stable: same order
        assert match(doc) == expected
        n_matches += len(expected)
    assert n_matches > 100  # the samples exercise every kind of rule


def test_array_matcher_agrees_with_dependency_matcher_on_other_pattern_shapes(sample_docs):
    """Heads as well as children, chains, branches and NOT_IN: same matches, same order, rule by rule."""
    patterns = {
        "head_of_ccomp": [{"RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}},
                          {"LEFT_ID": "content", "REL_OP": "<", "RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "VERB"}}],
        "two_heads_up": [{"RIGHT_ID": "det", "RIGHT_ATTRS": {"DEP": "det"}},
                         {"LEFT_ID": "det", "REL_OP": "<", "RIGHT_ID": "noun", "RIGHT_ATTRS": {}},
                         {"LEFT_ID": "noun", "REL_OP": "<", "RIGHT_ID": "verb",
                          "RIGHT_ATTRS": {"POS": {"IN": ["VERB", "AUX"]}}}],
        "branches": [{"RIGHT_ID": "verb", "RIGHT_ATTRS": {"POS": "VERB"}},
                     {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "subj", "RIGHT_ATTRS": {"DEP": "nsubj"}},
                     {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "other",
                      "RIGHT_ATTRS": {"DEP": {"NOT_IN": ["punct", "nsubj"]}, "LOWER": {"NOT_IN": ["that"]}}}],
        "unanchored": [{"RIGHT_ID": "any", "RIGHT_ATTRS": {}},
                       {"LEFT_ID": "any", "REL_OP": ">", "RIGHT_ID": "child", "RIGHT_ATTRS": {"LOWER": "the"}}],
    }
    matcher = ArrayMatcher(sample_docs[0].vocab, patterns)
    assert set(matcher.compiled) == set(patterns)
    reference = DependencyMatcher(sample_docs[0].vocab)
    for key, pattern in patterns.items():
        reference.add(key, [pattern])
    names = sample_docs[0].vocab.strings
    counts = dict.fromkeys(patterns, 0)
    for doc in sample_docs:
        for key in patterns:
            got = [ids for m, ids in matcher(doc) if names[m] == key]
            assert got == [ids for m, ids in reference(doc) if names[m] == key], key
            counts[key] += len(got)
    assert min(counts.values()) > 20, counts


def test_value_lookup_rules_out_bucket_collisions(sample_docs):
    from quotekit.attribute.patterns import _BUCKETS, _Lookup

    table = TokenTable(sample_docs[0])
    values = table.ids("LEMMA")
    buckets = [v % _BUCKETS for v in values]
    colliding = frozenset(v + _BUCKETS for v in values[:50])  # same buckets, other values
    assert not _Lookup(colliding)(numpy.asarray(buckets), values).any()
    present = frozenset(values[:50])
    hit = _Lookup(present | colliding)(numpy.asarray(buckets), values)
    assert hit.tolist() == [v in present for v in values]


def test_array_matcher_hands_other_operators_to_spacy(sample_docs):
    doc = sample_docs[0]
    patterns = {
        "said_that": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                      {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}],
        "precedes": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
                     {"LEFT_ID": "cue", "REL_OP": ".", "RIGHT_ID": "next", "RIGHT_ATTRS": {}}],
        "flagged": [{"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say", "IS_SENT_START": False}}],
    }
    matcher = ArrayMatcher(doc.vocab, patterns)
    assert set(matcher.compiled) == {"said_that"}
    reference = DependencyMatcher(doc.vocab)
    for key, pattern in patterns.items():
        reference.add(key, [pattern])
    names = doc.vocab.strings
    got = sorted((names[m], ids) for m, ids in matcher(doc))
    assert got == sorted((names[m], ids) for m, ids in reference(doc))
    assert {key for key, _ in got} == {"said_that", "precedes", "flagged"}


def test_token_table_matches_token_attributes(sample_docs):
    for doc in sample_docs[:3]:
        analysis = DocAnalysis(doc)
        table = analysis.table
        for tok in doc:
            i = tok.i
            assert (table.text[i], table.lower[i], table.lemma[i], table.pos[i], table.tag[i], table.dep[i]) == \
                (tok.text, tok.lower_, tok.lemma_, tok.pos_, tok.tag_, tok.dep_)
            assert (table.ent_type[i], table.lemma_of(i)) == (tok.ent_type_, tok.lemma_)
            assert (table.head[i], table.idx[i], table.length[i], table.space_after[i]) == \
                (tok.head.i, tok.idx, len(tok), bool(tok.whitespace_))
            assert (table.is_space[i], table.is_punct[i], table.is_alpha[i], table.like_num[i], table.is_title[i],
                    table.is_upper[i], table.is_stop[i]) == \
                (tok.is_space, tok.is_punct, tok.is_alpha, tok.like_num, tok.is_title, tok.is_upper, tok.is_stop)
            assert (table.sent_start[i], table.sent_end[i]) == (tok.sent.start, tok.sent.end)
            assert table.children(i) == [c.i for c in tok.children]
            assert table.subtree(i) == {t.i for t in tok.subtree}
        assert analysis.text == doc.text
        assert analysis.ents_in(doc[:]) == list(doc.ents)
        assert all(analysis.ents_in(sent) == list(sent.ents) for sent in doc.sents)


def test_given_text_is_used_only_when_it_fits(spacy_parser):
    text = "He said it was fine.\n\nShe disagreed."
    doc = spacy_parser.parse(text)
    assert DocAnalysis(doc, text=text + " and more").text == text  # offsets say otherwise: ignored
    analysis = DocAnalysis(doc, text=text)
    assert analysis.table.text == [t.text for t in doc]
    assert analysis.span_text(doc[2:5]) == doc[2:5].text
    assert analysis.para == [0] * 6 + [1] * 4 and analysis.para_start == [0] * 6 + [6] * 4
    assert analysis.para_end == [6] * 6 + [10] * 4


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=200))
def test_token_table_on_arbitrary_text(spacy_parser, text):
    doc = spacy_parser.parse(text)
    analysis = DocAnalysis(doc)
    table = analysis.table
    assert analysis.text == doc.text == text
    assert table.text == [t.text for t in doc] == DocAnalysis(doc, text=text).table.text
    assert len(analysis.para) == len(doc)
    assert all(0 <= table.head[i] < len(doc) for i in range(len(doc)))
