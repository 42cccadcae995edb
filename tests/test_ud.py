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


def _convert(rows):
    """convert_heads on ``(word, head, ClearNLP label, POS)`` rows; ``[(word, UD label, head word)]``."""
    words = [r[0] for r in rows]
    heads, labels = convert_heads([r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows],
                                  ["TO" if w == "to" else "X" for w in words], [w.lower() for w in words])
    return [(w, label, words[h]) for w, label, h in zip(words, labels, heads)]


def test_objects_of_words_not_labelled_prep():
    # "leading nationally and in the states": the second conjunct is a preposition with its object
    assert _convert([("leading", 0, "ROOT", "VERB"), ("nationally", 0, "advmod", "ADV"), ("and", 0, "cc", "CCONJ"),
                     ("in", 0, "conj", "ADP"), ("the", 5, "det", "DET"), ("states", 3, "pobj", "NOUN")]) == [
        ("leading", "root", "leading"), ("nationally", "advmod", "leading"), ("and", "cc", "states"),
        ("in", "case", "states"), ("the", "det", "states"), ("states", "conj", "leading")]
    # a particle with an object: the verb's object; a participle with an object: a preposition
    assert _convert([("called", 0, "ROOT", "VERB"), ("on", 0, "prt", "ADP"), ("Republicans", 1, "pobj", "PROPN")]) \
        == [("called", "root", "called"), ("on", "compound:prt", "called"), ("Republicans", "obj", "called")]
    assert _convert([("issues", 0, "ROOT", "NOUN"), ("regarding", 0, "acl", "VERB"), ("audio", 1, "pobj", "NOUN")]) \
        == [("issues", "root", "issues"), ("regarding", "case", "audio"), ("audio", "nmod", "issues")]
    # "instead of the people": the object is a conjunct, the preposition its cc
    assert _convert([("himself", 0, "ROOT", "PRON"), ("instead", 2, "advmod", "ADV"), ("of", 0, "cc", "ADP"),
                     ("people", 2, "pobj", "NOUN")]) == [
        ("himself", "root", "himself"), ("instead", "advmod", "of"), ("of", "cc", "people"),
        ("people", "conj", "himself")]
    # a verbless clause ("while in the House") and a preposition at the root of a fragment ("In one category")
    assert _convert([("devoted", 0, "ROOT", "VERB"), ("while", 2, "mark", "SCONJ"), ("in", 0, "advcl", "ADP"),
                     ("House", 2, "pobj", "PROPN")]) == [
        ("devoted", "root", "devoted"), ("while", "mark", "in"), ("in", "case", "House"), ("House", "advcl", "devoted")]
    assert _convert([("In", 0, "ROOT", "ADP"), ("one", 2, "nummod", "NUM"), ("category", 0, "pobj", "NOUN")]) == [
        ("In", "case", "category"), ("one", "nummod", "category"), ("category", "root", "category")]


def test_no_pobj_left_on_real_sentences(nlp):
    ud = to_ud(nlp("Polls show Trump leading nationally and in the swing states. In June, the South Carolina senator "
                   "called on fellow Republicans to unendorse Trump after the billionaire estate mogul claimed that a "
                   "judge was unfit. He praised her position on including the union's members in the benefits."))
    assert not any(t.dep_ == "pobj" for t in ud) and _well_formed(ud)
    assert _rel(ud, "members") == ("nmod", "position") and _rel(ud, "including") == ("case", "members")
    assert _rel(ud, "states")[1] == "leading" and _rel(ud, "in") == ("case", "states")


_CLEAR = ["prep", "pobj", "pcomp", "conj", "cc", "prt", "advmod", "mark", "dobj", "nsubj", "det", "acl", "advcl",
          "agent", "dative", "aux", "npadvmod", "relcl"]


@st.composite
def clear_trees(draw):
    """Any tree with ClearNLP labels (rooted anywhere, labels and parts of speech at random)."""
    n = draw(st.integers(1, 9))
    order = draw(st.permutations(range(n)))
    heads = [0] * n
    heads[order[0]] = order[0]
    for k in range(1, n):
        heads[order[k]] = order[draw(st.integers(0, k - 1))]
    deps = [draw(st.sampled_from(_CLEAR)) for _ in range(n)]
    deps[order[0]] = "ROOT"
    pos = [draw(st.sampled_from(["VERB", "AUX", "ADP", "NOUN", "PROPN", "ADV", "SCONJ", "PRON"])) for _ in range(n)]
    words = [draw(st.sampled_from(["to", "according", "in", "word"])) for _ in range(n)]
    return heads, deps, pos, ["TO" if w == "to" else "X" for w in words], words


@settings(max_examples=300, deadline=None)
@given(clear_trees())
def test_any_tree_converts_to_one_tree_without_pobj(tree):
    heads, labels = convert_heads(*tree)
    n = len(heads)
    assert sum(heads[i] == i for i in range(n)) == 1
    for i in range(n):  # every token reaches the root
        for _ in range(n):
            i = heads[i]
        assert heads[i] == i
    assert "pobj" not in labels


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
    assert _well_formed(ud) and not any(t.dep_ == "pobj" for t in ud)
