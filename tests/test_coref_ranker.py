"""The trained mention-ranking resolver (:mod:`quotekit.speakers.ranker`): markables and pair features on real
sentences, the packaged model's choices and abstention, and deterministic training on a small CorefUD file
written for these tests (``tests/data/coref_tiny``; GUM itself is never needed here)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from quotekit.speakers.ranker import analyse, load_model, rank, resolve, resolve_many
from quotekit.speakers.ranker.features import FEATURE_INDEX, FEATURES, DocFeatures, pair_features
from quotekit.speakers.ranker.gum import read_document
from quotekit.speakers.ranker.model import RankerModel
from quotekit.speakers.ranker.train import build_examples, fit_calibration, fit_scorer, held_out_documents, predict

TINY = Path(__file__).parent / "data" / "coref_tiny"

PARAGRAPH = (
    "Senator John Carter said on Monday that the bill would pass. Carter told reporters that the vote was close, "
    "and Carter said he had spoken to every member.\n\n"
    "A witness, Tom Harris, was outside the building when the protest began. He said the crowd was calm."
)


def _markable(feats: DocFeatures, text: str, nth: int = 0):
    found = [k for k, m in enumerate(feats.markables) if feats.doc[m.start:m.end].text == text]
    return found[nth]


def _span(feats: DocFeatures, k: int):
    m = feats.markables[k]
    return feats.doc[m.start:m.end]


def test_markables_carry_gender_class_and_role(spacy_parser):
    doc = spacy_parser.parse("Ms. Anna Berg, the mayor, said the council would meet. The spokesman denied it.")
    feats = analyse(doc)
    berg = feats.markables[_markable(feats, "Ms. Anna Berg")]
    assert (berg.kind, berg.cls, berg.gender) == ("name", "person", "f")
    assert feats.role[_markable(feats, "Ms. Anna Berg")] == "speech_subj"
    council = feats.markables[_markable(feats, "the council")]
    assert (council.kind, council.cls) == ("nominal", "org")
    spokesman = feats.markables[_markable(feats, "The spokesman")]
    assert (spokesman.cls, spokesman.gender) == ("person", "m")
    it = feats.markables[_markable(feats, "it")]
    assert (it.kind, it.cls) == ("pronoun", "thing")


def test_pair_features_agreement_and_distance(spacy_parser):
    doc = spacy_parser.parse("Mr. Paul Weber met Ms. Anna Berg in Berlin. Later she said the talks went well.")
    feats = analyse(doc)
    she = _markable(feats, "she")
    candidates = feats.candidates(she)
    rows = dict(zip((_span(feats, j).text for j in candidates), pair_features(feats, she, candidates)))
    f = FEATURE_INDEX
    assert rows["Ms. Anna Berg"][f["gender_agree"]] == 1
    assert rows["Mr. Paul Weber"][f["gender_agree"]] == -1
    assert rows["Berlin"][f["class_agree"]] == -1
    assert rows["Ms. Anna Berg"][f["sent_dist"]] == 1
    assert all(len(row) == len(FEATURES) for row in rows.values())


def test_nominal_features_role_match_and_quote(spacy_parser):
    doc = spacy_parser.parse('Finance Minister Karl Olsen spoke first. "We will cut taxes," the minister said.')
    feats = analyse(doc)
    minister = _markable(feats, "the minister")
    candidates = feats.candidates(minister)
    rows = dict(zip((_span(feats, j).text for j in candidates), pair_features(feats, minister, candidates)))
    assert rows["Finance Minister Karl Olsen"][FEATURE_INDEX["head_in_c"]] == 1
    we = _markable(feats, "taxes")
    assert feats.quote[feats.markables[we].head] >= 0
    assert feats.quote[feats.markables[minister].head] < 0


@pytest.mark.xfail(strict=True, reason="known failure of the shipped model (issue 14): it prefers the prominent, "
                   "repeatedly named person (and his earlier 'he') to a witness introduced one sentence before; "
                   "GUM's salience statistics favour the prominent entity. Strict: passes -> remove the mark")
def test_model_prefers_local_antecedent_over_prominent_person(spacy_parser):
    doc = spacy_parser.parse(PARAGRAPH)
    feats = analyse(doc)
    he = _span(feats, _markable(feats, "He"))
    result = resolve(feats, he, threshold=0.0)
    assert result.antecedent is not None and result.antecedent.root.text == "Harris"
    ranked = [span.root.text for span, _ in result.ranked]
    assert ranked.index("Harris") < ranked.index("Carter")
    probs = [p for _, p in result.ranked]
    assert probs == sorted(probs, reverse=True) and all(0.0 <= p <= 1.0 for p in probs)


def test_abstains_below_threshold_and_without_candidates(spacy_parser):
    doc = spacy_parser.parse(PARAGRAPH)
    feats = analyse(doc)
    he = _span(feats, _markable(feats, "He"))
    confident = resolve(feats, he, threshold=0.0)
    assert 0.0 < confident.confidence < 1.0
    refused = resolve(feats, he, threshold=min(1.0, confident.confidence + 1e-6))
    assert refused.antecedent is None and refused.ranked == confident.ranked
    opening = spacy_parser.parse("He said the vote was close.")
    nothing = resolve(opening, opening[0:1])
    assert nothing.antecedent is None and nothing.confidence == 0.0 and nothing.ranked == []


def test_given_candidates_restrict_the_choice(spacy_parser):
    doc = spacy_parser.parse(PARAGRAPH)
    feats = analyse(doc)
    he = _span(feats, _markable(feats, "He"))
    carter = _span(feats, _markable(feats, "Senator John Carter"))
    ranked = rank(feats, he, [carter, doc[-1:]])  # the full stop heads no markable; later spans are ignored
    assert [span.text for span, _ in ranked] == ["Senator John Carter"]
    many = resolve_many(feats, [he, carter])
    assert many[0].ranked == resolve(feats, he).ranked and many[1].confidence == 0.0  # a name: the rules' job


def test_packaged_model_card_lists_the_held_out_documents():
    model = load_model()
    card = (Path(__file__).resolve().parent.parent / "quotekit" / "speakers" / "models" / "MODEL_CARD.md").read_text(
        encoding="utf-8")
    assert model.features == list(FEATURES)
    assert model.meta["held_out"] and all(name in card for name in model.meta["held_out"])


def _tiny_examples(spacy_parser):
    examples = []
    for path in sorted(TINY.glob("*.conllu")):
        gold = read_document(path)
        doc = spacy_parser.parse(gold.text)
        examples.extend(build_examples(gold, doc, [])[0])
    return examples


def test_reader_rebuilds_text_with_mention_offsets():
    gold = read_document(TINY / "TINY_news_council.conllu")
    assert gold.genre == "news"
    assert gold.text.startswith("Mayor Ana Ruiz said on Monday")
    assert "\n\nCouncilman Tom Baker, who chairs" in gold.text
    texts = [(gold.text[m.start:m.end], gold.text[m.head_start:m.head_end]) for m in gold.mentions]
    assert ("Mayor Ana Ruiz", "Ruiz") in texts and ("the city council", "council") in texts
    chains = {}
    for m in gold.mentions:
        chains.setdefault(m.chain, []).append(gold.text[m.start:m.end])
    assert ["A witness", "Maria Lopez", "She"] in chains.values()


def test_training_is_deterministic(spacy_parser, tmp_path):
    examples = _tiny_examples(spacy_parser)
    assert any(e.status == "anaphoric" and any(e.labels) for e in examples)
    files = []
    for n in range(2):
        model = fit_scorer(examples)
        picks, scores = predict(model, examples)
        model.calibration = fit_calibration(examples, picks, scores)
        path = tmp_path / f"model{n}.json"
        model.save(path)
        files.append(path.read_text(encoding="utf-8"))
    assert files[0] == files[1]
    reloaded = RankerModel.load(tmp_path / "model0.json")
    rows = [row for e in examples for row in e.rows][:50]
    assert reloaded.scores(rows).tolist() == model.scores(rows).tolist()


def test_forest_export_matches_sklearn():
    numpy = pytest.importorskip("numpy")
    from sklearn.ensemble import HistGradientBoostingClassifier

    from quotekit.speakers.ranker.model import trees_from_sklearn

    rng = numpy.random.default_rng(0)
    x = rng.normal(size=(400, 5))
    x[::7, 2] = numpy.nan
    y = (x[:, 0] + numpy.nan_to_num(x[:, 2]) > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(x, y)
    baseline, trees = trees_from_sklearn(clf)
    model = RankerModel([f"f{i}" for i in range(5)], baseline=baseline, trees=trees)
    assert numpy.allclose(model.scores(x), clf.decision_function(x))


def test_held_out_split_is_fixed_and_by_genre():
    names = [f"GUM_news_{i}" for i in range(6)] + [f"GUM_interview_{i}" for i in range(5)] + ["GUM_bio_x"]
    held = held_out_documents(names)
    assert held == held_out_documents(list(reversed(names)))
    assert sum(n.startswith("GUM_news") for n in held) == 3 and sum(n.startswith("GUM_interview") for n in held) == 3
    assert "GUM_bio_x" not in held


def test_bad_model_file_is_a_clear_error(tmp_path):
    from quotekit.errors import InputError

    path = tmp_path / "model.json"
    path.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    with pytest.raises(InputError, match="model file"):
        RankerModel.load(path)


SENTENCES = PARAGRAPH.replace("\n\n", " ").split(". ") + ['"They lied," she said', "It was the group, they said"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SENTENCES), st.text(max_size=40)), max_size=6).map(" ".join))
def test_any_text_gives_valid_resolutions(spacy_parser, text):
    doc = spacy_parser.parse(text)
    feats = analyse(doc)
    mentions = [_span(feats, k) for k, m in enumerate(feats.markables) if m.kind != "name"]
    for result in resolve_many(feats, mentions):
        assert 0.0 <= result.confidence <= 1.0
        assert result.antecedent is None or result.antecedent.end <= result.mention.end


def test_model_ranks_by_gender_agreement(spacy_parser):
    doc = spacy_parser.parse("Senator John Carter spoke first on Monday. Later, Mayor Anna Berg met the press. "
                             '"The vote was close," she said.')
    feats = analyse(doc)
    ranked = [span.text for span, _ in resolve(feats, _span(feats, _markable(feats, "she"))).ranked]
    assert ranked.index("Mayor Anna Berg") < ranked.index("Senator John Carter")
