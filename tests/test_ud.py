"""ClearNLP -> UD v2 conversion (:mod:`quotekit.parse.ud`) on real sentences."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.parse.ud import CLEAR_ONLY, convert_heads, is_ud, to_ud


@pytest.fixture(scope="module")
def nlp(spacy_parser):
    return spacy_parser.nlp


def _rel(doc, word):
    tok = next(t for t in doc if t.text == word)
    return tok.dep_, tok.head.text


def test_same_text_tokens_and_annotations(nlp):
    raw = nlp("Blinken reaffirmed the commitment of the United States, according to State Department "
              "spokesperson Ned Price.\n\nThe plan was criticized by Trump, who called it a disaster.")
    ud = to_ud(raw)
    assert ud is not raw and ud.text == raw.text
    assert [(t.idx, t.text, t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in ud] == \
        [(t.idx, t.text, t.tag_, t.pos_, t.lemma_, str(t.morph)) for t in raw]
    assert [(e.start, e.end, e.label_) for e in ud.ents] == [(e.start, e.end, e.label_) for e in raw.ents]
    assert [s.start for s in ud.sents] == [s.start for s in raw.sents]
    assert not any(t.dep_ in CLEAR_ONLY for t in ud)
    assert ud.user_data["qk_scheme"] == "ud"


def test_prepositional_phrases_and_according_to(nlp):
    ud = to_ud(nlp("Blinken reaffirmed the commitment of the United States, according to State Department "
                   "spokesperson Ned Price."))
    assert _rel(ud, "commitment") == ("obj", "reaffirmed")
    assert _rel(ud, "States") == ("nmod", "commitment")
    assert _rel(ud, "of") == ("case", "States")
    assert _rel(ud, "Price") == ("obl", "reaffirmed")
    assert _rel(ud, "according") == ("case", "Price")
    assert _rel(ud, "to") == ("fixed", "according")


def test_passive_agent_possessive_relative_clause(nlp):
    ud = to_ud(nlp("The deal was criticized by Trump's allies, who called it a disaster."))
    assert _rel(ud, "deal") == ("nsubj:pass", "criticized")
    assert _rel(ud, "was") == ("aux:pass", "criticized")
    assert _rel(ud, "allies") == ("obl:agent", "criticized")
    assert _rel(ud, "Trump") == ("nmod:poss", "allies")
    assert _rel(ud, "called") == ("acl:relcl", "allies")


def test_infinitive_to_and_coordination(nlp):
    ud = to_ud(nlp("She wants to leave and he stays."))
    assert _rel(ud, "to") == ("mark", "leave")
    assert _rel(ud, "and") == ("cc", "stays")


def test_ud_docs_pass_through(nlp):
    ud = to_ud(nlp("He said that it works."))
    assert is_ud(ud) and to_ud(ud) is ud


def test_pure_conversion_keeps_one_root_per_tree():
    # "according to X" attached at the top of its sentence
    words = ["According", "to", "Price", ",", "it", "worked", "."]
    heads = [5, 0, 1, 5, 5, 5, 5]
    deps = ["prep", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"]
    pos = ["VERB", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"]
    tags = ["VBG", "IN", "NNP", ",", "PRP", "VBD", "."]
    new_heads, labels = convert_heads(heads, deps, pos, tags, [w.lower() for w in words])
    assert list(zip(new_heads, labels)) == [(2, "case"), (0, "fixed"), (5, "obl"), (5, "punct"), (5, "nsubj"),
                                           (5, "root"), (5, "punct")]


def _well_formed(doc) -> bool:
    for sent in doc.sents:
        roots = [t for t in sent if t.head.i == t.i]
        if len(roots) != 1 or any(not (sent.start <= t.head.i < sent.end) for t in sent):
            return False
    return True


def test_trees_stay_well_formed_on_news(nlp, seed_text):
    ud = to_ud(nlp(seed_text))
    assert ud.text == seed_text and _well_formed(ud)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_text_converts_without_changing_it(nlp, text):
    ud = to_ud(nlp(text))
    assert ud.text == text
    assert [t.idx for t in ud] == [t.idx for t in nlp.make_doc(text)]
    assert _well_formed(ud)
