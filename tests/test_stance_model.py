"""The trainable stance model: reading labelled tables, fingerprints, training, cross-validation, the model file,
the scorer and the ``stance-train`` / ``stance-eval --model --cv`` commands.

``tests/data/semeval_sample.tsv`` holds 313 real rows of the SemEval-2016 task 6 training data (Mohammad et al.
2016, "SemEval-2016 Task 6: Detecting Stance in Tweets"): every ninth row (rows 5, 14, 23, ... of the original
``trainingdata.tsv``), copied unchanged with its header and CRLF line ends.
"""
from __future__ import annotations

import csv
import json
import os
import random
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.cli import main
from quotekit.errors import InputError
from quotekit.stance import model as stance_model
from quotekit.stance.model import (LABELS, LabelledExample, ModelVersionError, TrainedStanceScorer, check_trainable,
                                   cross_validate, fingerprint, load_model, make_folds, normalise_text, read_labelled,
                                   read_meta, save_model, train)

SAMPLE = Path(__file__).resolve().parent / "data" / "semeval_sample.tsv"
TARGETS = {"Atheism", "Climate Change is a Real Concern", "Feminist Movement", "Hillary Clinton",
           "Legalization of Abortion"}


@pytest.fixture(scope="module")
def sample() -> list[LabelledExample]:
    return read_labelled(SAMPLE)


@pytest.fixture(scope="module")
def trained(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "stance.qkm"
    model = train(sample, folds=0)
    save_model(model, path)
    return model, path


def _write_csv(path: Path, rows, header=("text", "target", "label")) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# ------------------------------------------------------------------------------------------ reading, fingerprint


def test_reads_the_semeval_layout_as_is(sample):
    assert len(sample) == 313
    assert {e.target for e in sample} == TARGETS
    assert {e.label for e in sample} == set(LABELS)
    assert all("\r" not in e.text and "\r" not in e.label for e in sample)


def test_generic_layouts_in_any_order_give_the_same_fingerprint(sample, tmp_path):
    rows = [(e.text, e.target, e.label.lower()) for e in sample]
    random.Random(3).shuffle(rows)
    csv_path = _write_csv(tmp_path / "quotes.csv", rows)
    jsonl_path = tmp_path / "quotes.jsonl"
    jsonl_path.write_text("".join(json.dumps({"Text": t, "Target": g, "Label": lab, "id": n}) + "\n"
                                  for n, (t, g, lab) in enumerate(rows)), encoding="utf-8")
    parquet_path = tmp_path / "quotes.parquet"
    import pandas as pd

    pd.DataFrame(rows, columns=["quote", "target", "stance"]).to_parquet(parquet_path)
    expected = fingerprint(sample)
    for path in (csv_path, jsonl_path, parquet_path):
        assert fingerprint(read_labelled(path)) == expected, path.name


def test_fingerprint_changes_with_one_label(sample):
    flipped = list(sample)
    first = flipped[0]
    flipped[0] = LabelledExample(first.text, first.target, "FAVOR" if first.label != "FAVOR" else "AGAINST")
    assert fingerprint(flipped) != fingerprint(sample)
    assert len(fingerprint(sample)) == 64


@given(st.text(max_size=60))
@settings(max_examples=60, deadline=None)
def test_normalise_text_is_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert once == once.strip()


def test_missing_column_is_named(tmp_path):
    path = _write_csv(tmp_path / "no_target.csv", [("I love it", "FAVOR")], header=("text", "label"))
    with pytest.raises(InputError) as err:
        read_labelled(path)
    assert "target" in str(err.value) and "no_target.csv" in str(err.value)


def test_unknown_labels_and_empty_cells_are_listed_by_row(tmp_path):
    path = _write_csv(tmp_path / "bad.csv", [("good text", "Atheism", "FAVOR"), ("more text", "Atheism", "MAYBE"),
                                             ("", "Atheism", "NONE"), ("text", "", "AGAINST")])
    with pytest.raises(InputError) as err:
        read_labelled(path)
    message = str(err.value)
    assert "row 2: unknown label 'MAYBE'" in message
    assert "row 3: empty text" in message and "row 4: empty target" in message


def test_unknown_format_and_missing_file(tmp_path):
    odd = tmp_path / "quotes.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="unknown table format"):
        read_labelled(odd)
    with pytest.raises(InputError, match="no such file"):
        read_labelled(tmp_path / "absent.csv")


def test_too_few_examples_per_label(sample):
    few_favor = [e for e in sample if e.label != "FAVOR"] + [e for e in sample if e.label == "FAVOR"][:3]
    with pytest.raises(InputError, match="too few examples per label.*FAVOR: 3"):
        check_trainable(few_favor)
    with pytest.raises(InputError, match="AGAINST: 0"):
        train([e for e in sample if e.label != "AGAINST"], folds=0)
    without_none = [e for e in sample if e.label != "NONE"]
    check_trainable(without_none)  # NONE is optional


# ----------------------------------------------------------------------------------------------- folds and CV


def test_folds_partition_rows_and_keep_duplicate_texts_together(sample):
    doubled = sample + [LabelledExample("  " + e.text.upper() + " ", e.target, e.label) for e in sample[:40]]
    folds = make_folds(doubled, folds=4, seed=0)
    assert sorted(np.concatenate(folds).tolist()) == list(range(len(doubled)))
    fold_of = {int(i): n for n, fold in enumerate(folds) for i in fold}
    for k in range(40):
        assert fold_of[k] == fold_of[len(sample) + k]
    for fold in folds:  # stratified by target: every target in every fold
        assert {doubled[i].target for i in fold} == TARGETS


def test_cross_validation_reports_every_target_and_beats_whole_text_vader(sample):
    result = cross_validate(sample, folds=3, seed=0)
    table = result["table"]
    assert set(table) == TARGETS | {"overall", "macro", "folds"}
    assert sum(table[t]["n"] for t in TARGETS) == table["overall"]["n"] == len(sample)
    assert len(table["folds"]["f_avg"]) == 3
    assert all(0.0 <= table[t]["f_avg"] <= 1.0 for t in TARGETS)
    assert len(result["predictions"]) == len(sample) and set(result["predictions"]) <= set(LABELS)
    # the lexicon baseline the model must beat: VADER compound of the whole tweet, scored on the same rows
    from quotekit.stance.scorers import VaderScorer
    from quotekit.stance.semeval import to_label

    vader = VaderScorer()
    baseline = stance_model.score_table(sample, [to_label(vader(stance_model.stance_text(e.text))) for e in sample])
    assert table["overall"]["f_avg"] > baseline["overall"]["f_avg"] + 0.05


# ------------------------------------------------------------------------------------------------ model file


def test_model_file_round_trip(trained, sample):
    model, path = trained
    loaded = load_model(path)
    pairs = [(e.text, e.target) for e in sample[:50]]
    assert np.allclose(loaded.estimator.predict_proba(pairs), model.estimator.predict_proba(pairs))
    meta = read_meta(path)
    assert meta["fingerprint"] == fingerprint(sample)
    assert meta["model_version"] == stance_model.MODEL_VERSION
    assert meta["versions"]["sklearn"] == __import__("sklearn").__version__
    assert meta["labels"] == list(LABELS) and set(meta["targets"]) == TARGETS
    assert meta["n_examples"] == len(sample)
    assert loaded.seen(sample[0].text, sample[0].target)
    assert not loaded.seen("A text nobody labelled", sample[0].target)


@pytest.mark.parametrize("params", [None, {"classifier": "svm"}, {"classifier": "logreg_ovr", "design": "per_target"}])
def test_saved_weights_score_as_scikit_learn_does(sample, trained, params):
    """The arrays that are saved reproduce the fitted scikit-learn classifier's probabilities / decisions."""
    from sklearn.base import clone

    pairs, labels = [(e.text, e.target) for e in sample], np.array([e.label for e in sample])
    clf = trained[0].estimator if params is None else stance_model.StanceClassifier(**params).fit(pairs, labels)
    features = clf._features([p[0] for p in pairs], [p[1] for p in pairs])
    if clf.design == "crossed":
        features = clf._crossed(features, [p[1] for p in pairs])
    reference = clone(clf._classifier()).fit(features, labels)
    ours = clf.layers_[None].proba(features)
    if hasattr(reference, "predict_proba"):
        assert np.allclose(ours, reference.predict_proba(features), atol=1e-4)
    assert (np.argmax(ours, axis=1) == np.argmax(reference.decision_function(features), axis=1)).mean() > 0.99


def test_training_is_deterministic(trained, sample):
    model, _ = trained
    again = train(sample, folds=0)
    pairs = [(e.text, e.target) for e in sample[:30]]
    assert np.allclose(again.estimator.predict_proba(pairs), model.estimator.predict_proba(pairs))


def _with_meta(path: Path, out: Path, **changes) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "meta.json":
                meta = json.loads(data)
                for key, value in changes.items():
                    if key == "sklearn":
                        meta["versions"]["sklearn"] = value
                    else:
                        meta[key] = value
                data = json.dumps(meta).encode("utf-8")
            dst.writestr(item.filename, data)
    return out


def test_version_checks_say_what_to_do(trained, tmp_path, sample):
    model, path = trained
    with pytest.warns(UserWarning, match=r"scikit-learn 0\.24\.2.*retrain it here: quotekit stance-train"):
        old = load_model(_with_meta(path, tmp_path / "old.qkm", sklearn="0.24.2"))
    pairs = [(e.text, e.target) for e in sample[:20]]
    assert np.allclose(old.estimator.predict_proba(pairs), model.estimator.predict_proba(pairs))
    with pytest.raises(ModelVersionError, match="retrain"):
        load_model(_with_meta(path, tmp_path / "future.qkm", format_version=99))


def test_model_file_holds_no_pickle(trained):
    _, path = trained
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["arrays.npz", "meta.json", "vocabulary.json"]
        arrays = np.load(__import__("io").BytesIO(archive.read("arrays.npz")), allow_pickle=False)
        assert all(arrays[name].dtype != object for name in arrays.files)


def test_shipped_model_loads_and_records_its_cross_validation():
    model = load_model(stance_model.default_model_path())
    cv = model.meta["cv"]
    assert cv["folds"] == 5 and cv["seed"] == stance_model.REPORT_SEED
    assert set(model.meta["targets"]) == TARGETS and model.meta["n_examples"] == 2814
    assert cv["table"]["overall"]["f_avg"] >= 0.65
    assert model.meta["retrain"].startswith("quotekit stance-train trainingdata.tsv")
    # the sample rows were in its training data, and it knows it
    sample = read_labelled(SAMPLE)
    assert all(model.seen(e.text, e.target) for e in sample)


def test_a_file_that_is_not_a_model(tmp_path):
    junk = tmp_path / "junk.qkm"
    junk.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="not a quotekit stance model"):
        load_model(junk)
    with zipfile.ZipFile(tmp_path / "empty.qkm", "w") as archive:
        archive.writestr("meta.json", json.dumps({"format": stance_model.FORMAT, "format_version": 1,
                                                  "versions": {"sklearn": __import__("sklearn").__version__}}))
    with pytest.raises(InputError, match="damaged stance model"):
        load_model(tmp_path / "empty.qkm")


# ------------------------------------------------------------------------------------------------------ scorer


def test_scorer_labels_agree_with_polarity(trained, sample):
    _, path = trained
    scorer = TrainedStanceScorer(path)
    predictions = scorer.predict([e.text for e in sample], [e.target for e in sample])
    for p in predictions:
        assert type(p.label) is str and p.label in LABELS
        assert 0.0 < p.probability <= 1.0 and -1.0 <= p.polarity <= 1.0
        if p.label == "FAVOR":
            assert p.polarity > 0
        if p.label == "AGAINST":
            assert p.polarity < 0
    # fitted on these rows, the model reproduces most of their labels (a fitting check, not a figure to report)
    agree = sum(p.label == e.label for p, e in zip(predictions, sample)) / len(sample)
    assert agree > 0.8
    assert scorer.name.startswith(stance_model.MODEL_VERSION)


def test_scorer_is_a_text_scorer_and_takes_unseen_targets(trained):
    _, path = trained
    scorer = TrainedStanceScorer(path)
    assert -1.0 <= scorer("We must protect the unborn.") <= 1.0
    batch = scorer.score_batch(["We must protect the unborn.", "Stop the war on women"], ["Abortion ban", None])
    assert len(batch) == 2 and all(-1.0 <= x <= 1.0 for x in batch)


def test_trained_scorer_is_loaded_once_per_file_version(trained, tmp_path):
    _, path = trained
    copy = tmp_path / "copy.qkm"
    copy.write_bytes(path.read_bytes())
    first = stance_model.trained_scorer(copy)
    assert stance_model.trained_scorer(str(copy)) is first
    os.utime(copy, ns=(0, 0))  # as if rewritten: another version of the file
    assert stance_model.trained_scorer(copy) is not first
    with pytest.raises(InputError, match="no such model file"):
        stance_model.trained_scorer(tmp_path / "absent.qkm")


@given(text=st.text(max_size=200), target=st.text(max_size=30))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_scorer_accepts_any_text(trained, text, target):
    model, _ = trained
    scorer = TrainedStanceScorer(model)
    polarity = scorer.score_target(text, target)
    assert -1.0 <= polarity <= 1.0


# --------------------------------------------------------------------------------------------------------- CLI


def test_cli_stance_train_and_eval(tmp_path, capsys):
    out = tmp_path / "stance.qkm"
    assert main(["stance-train", str(SAMPLE), "-o", str(out), "--cv", "2"]) == 0
    printed = capsys.readouterr().out
    assert "2-fold cross-validation" in printed and "Hillary Clinton" in printed and out.is_file()
    meta = read_meta(out)
    assert meta["cv"]["folds"] == 2 and set(meta["cv"]["table"]) >= TARGETS | {"overall"}
    assert meta["retrain"].startswith("quotekit stance-train semeval_sample.tsv -o stance.qkm")
    code = main(["stance-eval", str(SAMPLE), "--model", str(out), "--target", "Atheism", "--no-cache", "--json"])
    captured = capsys.readouterr()
    assert code == 0
    result = json.loads(captured.out)
    assert set(result["systems"]) == {"trained", "targeted", "baseline"}
    assert result["model"]["rows_seen_in_training"] == result["n"] == 57
    assert "not held-out" in captured.err


def test_cli_stance_eval_cv_on_a_generic_table(sample, tmp_path, capsys):
    rows = [(e.text, e.target.lower(), e.label) for e in sample]  # targets without SemEval lexicons
    path = _write_csv(tmp_path / "mine.csv", rows)
    assert main(["stance-eval", str(path), "--cv", "2"]) == 0
    printed = capsys.readouterr().out
    assert "trained model" in printed and "VADER (whole text)" in printed and "lexicon (targeted)" not in printed
    assert "per-fold mean" in printed


def test_cli_errors_are_one_line(tmp_path, capsys):
    bad = _write_csv(tmp_path / "bad.csv", [("text", "FAVOR")], header=("tweet", "stance"))
    assert main(["stance-train", str(bad), "-o", str(tmp_path / "m.qkm")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing column" in err
    assert main(["stance-train", str(SAMPLE), "-o", str(tmp_path / "no" / "m.qkm")]) == 2
    assert "folder of the model file does not exist" in capsys.readouterr().err
    assert main(["stance-eval", str(SAMPLE), "--model", str(tmp_path / "m.qkm"), "--cv", "3"]) == 2
    assert "not both" in capsys.readouterr().err


@given(texts=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                              min_size=1, max_size=40).filter(lambda t: t.strip()), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_survives_a_csv_and_jsonl_round_trip(tmp_path, texts):
    rows = [(t, "Some target", LABELS[n % 3]) for n, t in enumerate(texts)]
    csv_path = _write_csv(tmp_path / "any.csv", rows)
    jsonl_path = tmp_path / "any.jsonl"
    jsonl_path.write_text("".join(json.dumps({"text": t, "target": g, "label": lab}) + "\n" for t, g, lab in rows),
                          encoding="utf-8")
    expected = fingerprint(LabelledExample(*row) for row in rows)
    for path in (csv_path, jsonl_path):
        read = read_labelled(path)
        assert [normalise_text(e.text) for e in read] == [normalise_text(t) for t in texts]
        assert fingerprint(read) == expected
