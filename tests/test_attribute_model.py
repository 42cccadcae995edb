"""The acceptance model: features on real sentences, the shipped model, and ``quotekit train`` end to end."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st

from quotekit.attribute import find_attributions
from quotekit.attribute.model import (
    AcceptanceModel, accept, candidate_features, cue_class, doc_facts, keep_accepted, load_model, speaker_kind,
)
from quotekit.attribute.training import feature_names, fit, label_candidates
from quotekit.errors import InputError
from quotekit.evaluate import read_brat_dir

POLNEAR = Path(__file__).parent / "data" / "attribution" / "polnear"
TINY_GOLD = Path(__file__).parent / "data" / "acceptance" / "polnear"  # both classes on each article

QUOTE = '"We will not raise taxes on working families," the finance minister said on Tuesday.'
LABEL = "MARKETS: Stocks fell sharply on Monday as investors worried about China.\n\nThe index dropped 3 percent."
READER = "Ask your doctor whether the new drug is right for you."


def _candidates(parser, text):
    doc = parser.parse(text)
    atts = find_attributions(doc, model=False)  # the rules' candidates, as the model sees them
    return doc, atts, candidate_features(doc, atts)


def test_features_of_a_direct_quote(spacy_parser):
    doc, atts, feats = _candidates(spacy_parser, QUOTE)
    (att,), (f,) = atts, feats
    assert cue_class(att.cue) == "speech_verb" and f["cue_class=speech_verb"] == 1.0
    assert f["cue_lemma=say"] == 1.0 and f["cue_tense=Past"] == 1.0
    assert f["content_marks"] == 2.0 and f["content_opens_with_mark"] == 1.0
    assert f["content_first_person"] == 1.0 and f["cue_after_content"] == 1.0
    assert f["first_paragraph"] == 1.0 and f["sentence_question"] == 0.0
    assert speaker_kind(att.speaker) == "nominal" and f["speaker=nominal"] == 1.0 and "speaker=none" not in f


def test_features_of_a_capitalised_label_and_an_instruction(spacy_parser):
    """The rules no longer propose these (section labels, instructions to the reader); a candidate of the same
    shape, as another rule set might propose it, still shows the model what it is."""
    from quotekit.types import Attribution

    doc, atts, _ = _candidates(spacy_parser, LABEL)
    assert not any(a.speaker is not None and a.speaker.text == "MARKETS" for a in atts)
    end = next(t.i for t in doc if t.text == ".")
    (f,) = candidate_features(doc, [Attribution("indirect", doc[2:end], doc[1:2], doc[0:1], "headline_colon", 0.5)])
    assert f["speaker_all_caps"] == 1.0 and f["sentence_caps_label"] == 1.0
    doc, atts, _ = _candidates(spacy_parser, READER)
    assert atts == []
    (f,) = candidate_features(doc, [Attribution("indirect", doc[4:len(doc) - 1], doc[0:1], None, "speech_ccomp", 0.9)])
    assert f["sentence_imperative"] == 1.0 and f["speaker=none"] == 1.0


def test_features_of_a_question_and_anonymous_sources(spacy_parser):
    _doc, _atts, (f,) = _candidates(spacy_parser, "Did the president say that Mexico would pay for the wall?")
    assert f["sentence_question"] == 1.0
    _doc, _atts, (f,) = _candidates(spacy_parser, "Officials said the bridge would remain closed until Friday.")
    assert f["speaker=anonymous"] == 1.0 and f["sentence_question"] == 0.0


def test_paragraph_and_position_features(spacy_parser):
    text = "Headline About Taxes\n\nThe mayor spoke at noon.\n\nLater, the mayor said the budget was balanced."
    doc, atts, feats = _candidates(spacy_parser, text)
    facts = doc_facts(doc, atts)
    assert len(facts.para_bounds) == 3
    (f,) = [f for a, f in zip(atts, feats) if a.cue is not None and a.cue.text == "said"]
    assert f["paragraph_number"] == 2.0 and f["first_paragraph"] == 0.0 and f["doc_position"] > 0.5


def test_the_shipped_model_loads_and_scores(spacy_parser):
    model = load_model()
    assert model.version and 0.0 < model.threshold < 1.0 and model.trees
    assert model.card["gold"] and model.card["cv"]["with_model"]
    doc = spacy_parser.parse(QUOTE + "\n\n" + READER)
    atts = find_attributions(doc)
    scored = accept(doc, atts)
    assert [a for a, _ in scored] == atts and all(0.0 <= p <= 1.0 for _, p in scored)
    kept = keep_accepted(doc, atts)
    assert set(map(id, kept)) <= set(map(id, atts))
    assert any(a.cue is not None and a.cue.text == "said" for a in kept)  # a plain quote stays
    assert keep_accepted(doc, atts, threshold=0.0) == atts and keep_accepted(doc, atts, threshold=1.01) == []


def test_model_file_round_trip_and_damage(tmp_path):
    rows = [{"a": 1.0, "b": float(i % 3)} for i in range(60)]
    model = fit(rows, [int(r["b"] > 0) for r in rows], version="tiny", threshold=0.4, min_count=1,
                params={"max_iter": 30, "learning_rate": 0.3, "min_samples_leaf": 2})
    path = tmp_path / "m.json"
    model.save(path)
    again = load_model(path)
    assert again.version == "tiny" and again.threshold == 0.4
    assert again.probability({"b": 2.0}) > 0.5 > again.probability({"b": 0.0})
    assert all(again.probability({"b": b}) == model.probability({"b": b}) for b in (0.0, 1.0, 2.0))
    data = json.loads(path.read_text())
    data["trees"][0]["left"] = data["trees"][0]["left"][:-1]
    (tmp_path / "bad.json").write_text(json.dumps(data))
    with pytest.raises(InputError, match="damaged"):
        load_model(tmp_path / "bad.json")
    (tmp_path / "other.json").write_text('{"format": "something else"}')
    with pytest.raises(InputError, match="not a quotekit acceptance model"):
        load_model(tmp_path / "other.json")
    with pytest.raises(InputError, match="quotekit train"):
        load_model(tmp_path / "missing.json")


def test_exported_trees_predict_as_scikit_learn():
    rows = [{"x": float(i), "y": float(i % 7), "cue_lemma=say": float(i % 2)} for i in range(200)]
    labels = [int(r["x"] + 3 * r["y"] > 110) for r in rows]
    model = fit(rows, labels, version="t", min_count=1)  # fit() itself compares with decision_function
    assert feature_names(rows, 1) == model.features == ["cue_lemma=say", "x", "y"]


def test_labels_follow_the_scorer(spacy_parser):
    (gold,) = [d for d in read_brat_dir(POLNEAR) if d.doc_id.startswith("wash-post")]
    doc = spacy_parser.parse(gold.text)
    atts = find_attributions(doc)
    labels = label_candidates(gold.text, gold.attributions, atts)
    assert len(labels) == len(atts) and set(labels) <= {0, 1}
    assert 0 < sum(labels) <= min(len(atts), len(gold.attributions))


def test_a_refusal_paired_with_its_gold_is_a_positive(spacy_parser):
    """'declined to comment' is annotated as an attribution though the scorer's speech cues leave 'declined' out:
    the rules' refusal record is taught as one to keep; a belief paired with its gold stays a negative."""
    from quotekit.attribute.rules import find
    from quotekit.evaluate.gold import GoldAttribution

    text = "The company declined to comment. Analysts think the plant will close in March."

    def spans(words):
        return ((text.index(words), text.index(words) + len(words)),)

    golds = [GoldAttribution(spans("to comment"), spans("declined"), spans("The company")),
             GoldAttribution(spans("the plant will close in March"), spans("think"), spans("Analysts"))]
    atts = find(spacy_parser.parse(text))
    labelled = {a.content.text: label for a, label in zip(atts, label_candidates(text, golds, atts))}
    assert labelled.get("to comment") == 1
    assert labelled.get("the plant will close in March", 0) == 0


def _run(args, capsys):
    from quotekit.cli import main

    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_quotekit_train_on_a_tiny_gold_folder(tmp_path, capsys, spacy_parser):
    out = tmp_path / "tiny.json"
    code, stdout, err = _run(["train", "--gold", str(TINY_GOLD), "--dev", str(POLNEAR), "-o", str(out),
                              "--folds", "2", "--cache-dir", str(tmp_path / "cache"), "--json"], capsys)
    assert code == 0, err
    report = json.loads(stdout)
    assert report["version"] == "tiny" and report["cv"]["folds"] == 2
    rules, kept = report["cv"]["rules_only"]["@0.5"], report["cv"]["with_model"]["@0.5"]
    assert rules["n_pred"] > rules["pred_matched"] > 0 and kept["n_pred"] <= rules["n_pred"]
    assert report["dev"]["documents"] == 3
    model = load_model(out)
    assert isinstance(model, AcceptanceModel) and model.card["gold"] == "polnear" and model.card["dev"] == "polnear"
    assert model.threshold == report["threshold"]
    doc = spacy_parser.parse(QUOTE)
    assert len(accept(doc, find_attributions(doc), model)) == 1


def test_quotekit_train_gold_json_folder(tmp_path, capsys):
    seed = Path(__file__).resolve().parent.parent / "corpora" / "seed"
    out = tmp_path / "seed.json"
    code, stdout, err = _run(["train", "--gold", str(seed), "-o", str(out), "--folds", "2", "--version", "s-1",
                              "--cache-dir", str(tmp_path / "cache")], capsys)
    assert code == 0, err
    assert "threshold" in stdout and load_model(out).version == "s-1"


@pytest.mark.parametrize("args,message", [
    (["--gold", "{tmp}/nowhere", "-o", "{tmp}/m.json"], "does not exist"),
    (["--gold", "{tmp}", "-o", "{tmp}/m.json"], "no gold found"),
    (["--gold", "{polnear}", "-o", "{tmp}/missing/m.json"], "does not exist"),
    (["--gold", "{polnear}", "-o", "{tmp}"], "is a folder"),
    (["--gold", "{polnear}", "-o", "{tmp}/m.json", "--folds", "1"], "at least 2"),
])
def test_quotekit_train_bad_input(tmp_path, capsys, args, message):
    args = [a.format(tmp=tmp_path, polnear=POLNEAR) for a in args]
    code, _out, err = _run(["train", *args], capsys)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    '"We will win,"', "she said", "MARKETS:", "Ask your doctor", "according to officials", "\n\n", "?", "“", "”",
    "The minister", "did not say", "whether", "the plan", "would fail", ".", ",", "—", "Q:", "A:", " ",
]), max_size=25).map(" ".join))
@example(text="she said Ask your doctor she said MARKETS:")  # edges chosen again could move once more
def test_any_text_gets_a_probability_per_candidate(spacy_parser, text):
    assume(text.strip())
    doc = spacy_parser.parse(text)
    atts = find_attributions(doc)
    scored = accept(doc, atts)
    assert [a for a, _ in scored] == atts and all(0.0 <= p <= 1.0 for _, p in scored)


@pytest.mark.parametrize("quotes,message", [
    ([], "only negative examples"),  # a gold without attributions: nothing the rules find is right
    ([{"content": '"We will not raise taxes on working families,"', "cue": "said", "speaker": "the finance minister"}],
     "only positive examples"),  # the gold agrees with every candidate: nothing to learn
])
def test_quotekit_train_needs_both_classes(tmp_path, capsys, quotes, message):
    (tmp_path / "q.txt").write_text(QUOTE, encoding="utf-8")

    def span(piece):
        start = QUOTE.index(piece)
        return {"start": start, "end": start + len(piece)}

    gold = {"quotes": [{key: span(value) for key, value in q.items()} for q in quotes]}
    (tmp_path / "q.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    code, _out, err = _run(["train", "--gold", str(tmp_path), "-o", str(tmp_path / "m.json"),
                            "--cache-dir", str(tmp_path / "cache")], capsys)
    assert code == 2 and message in err and not (tmp_path / "m.json").exists()
