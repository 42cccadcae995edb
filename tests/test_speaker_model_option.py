"""The ``speaker_model`` option (``rules`` | ``ranker``): the trained ranker answers pronoun speakers only, end to
end through :func:`quotekit.extract` and the corpus engine, is part of a run's fingerprint, and a bad value is a
one-line error."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from quotekit import pipeline
from quotekit.attribute import find_attributions
from quotekit.cli import main
from quotekit.errors import InputError
from quotekit.run import corpus as corpus_module
from quotekit.run import run_corpus
from quotekit.speakers import resolve_details
from quotekit.speakers.ranker.plug import check_speaker_model, speaker_ranker

PARAGRAPH = (
    "Senator John Carter said on Monday that the bill would pass the chamber before the recess. "
    "\"We have the votes,\" Carter told reporters outside his office.\n\n"
    "A spokesman for the governor said the timing was still under review. "
    "Carter later returned to the floor. He said he had spoken to every member of the committee."
)


def _pronoun_and_nominal(attributions):
    pronoun = next(a for a in attributions if a.speaker is not None and a.speaker.text == "He")
    nominal = next(a for a in attributions if a.speaker is not None and a.speaker.root.lower_ == "spokesman")
    return pronoun, nominal


def test_ranker_answers_pronoun_speakers_and_leaves_nominals_to_the_rules(spacy_parser):
    doc = spacy_parser.parse(PARAGRAPH)
    attributions = find_attributions(doc)
    spans = [a.speaker for a in attributions]
    pronoun, nominal = _pronoun_and_nominal(attributions)
    ranker = speaker_ranker("ranker", doc, spans)
    antecedent, confidence = ranker(pronoun.speaker)
    assert 0.0 < confidence <= 1.0
    assert antecedent is None or antecedent.start < pronoun.speaker.start
    assert ranker(nominal.speaker) is None  # nominals: the rules decide
    details = resolve_details(doc, attributions, ranker=ranker)
    by_speaker = {a.speaker.root.i: d for a, d in zip(attributions, details) if a.speaker is not None}
    assert by_speaker[pronoun.speaker.root.i].evidence == "ranker"
    assert by_speaker[nominal.speaker.root.i].evidence != "ranker"
    assert speaker_ranker("rules", doc, spans) is None


def test_extract_with_the_ranker_credits_the_pronoun_to_the_senator(spacy_parser):
    doc = spacy_parser.parse(PARAGRAPH)
    rules = {q.speaker.text: q for q in pipeline.extract(doc, stance=False)}
    ranked = {q.speaker.text: q for q in pipeline.extract(doc, stance=False, speaker_model="ranker")}
    assert set(rules) == set(ranked)  # the same statements: only who said them may change
    assert ranked["He"].speaker_entity == "John Carter"  # the ranker's antecedent, at the ranker's confidence
    assert ranked["He"].speaker_resolved == "resolved" and 0.5 <= ranked["He"].speaker_confidence <= 1.0
    assert ranked["Carter"].speaker_entity == rules["Carter"].speaker_entity == "John Carter"
    spokesman = "A spokesman for the governor"
    assert (ranked[spokesman].speaker_entity, ranked[spokesman].speaker_type) == (
        rules[spokesman].speaker_entity, rules[spokesman].speaker_type)  # nominals: the rules' answer


@pytest.mark.parametrize("bad", ["Ranker", "coref", ""])
def test_a_bad_speaker_model_is_one_clear_error(bad):
    with pytest.raises(InputError, match="choose one of: rules, ranker"):
        check_speaker_model(bad)
    with pytest.raises(InputError):
        pipeline.extract("He said it.", speaker_model=bad)


@pytest.mark.parametrize("command", [["extract", "{path}"], ["evaluate", "--resolution", "{folder}"]])
def test_the_cli_rejects_a_bad_speaker_model_in_one_line(tmp_path, capsys, command):
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    args = [a.format(path=tmp_path / "a.txt", folder=tmp_path) for a in command]
    status = main([*args, "--speaker-model", "neural", "--no-cache" if args[0] == "extract" else "--json"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert status != 0 and len(lines) == 1
    assert lines[0].startswith("quotekit: ") and "unknown speaker model 'neural'" in lines[0] and "rules, ranker" in lines[0]


def test_the_speaker_model_is_part_of_the_run_fingerprint(tmp_path, monkeypatch):
    seen = []

    class Recording(corpus_module.PartStore):
        def __init__(self, root, settings, **kwargs):
            seen.append(dict(settings))
            super().__init__(root, settings, **kwargs)

    monkeypatch.setattr(corpus_module, "PartStore", Recording)
    docs = {"carter": PARAGRAPH}
    for model in ("rules", "ranker"):
        run_corpus(docs, out=tmp_path / f"{model}.jsonl", jobs=1, progress=False, stance=False,
                   speaker_model=model)
    rules, ranker = seen
    assert "speaker_model" not in rules  # the default keeps earlier runs' fingerprints
    assert ranker["speaker_model"] == "ranker"
    assert {k: v for k, v in ranker.items() if k != "speaker_model"} == rules


@given(st.text(max_size=12))
def test_any_other_value_is_an_input_error(value):
    if value in ("rules", "ranker"):
        assert check_speaker_model(value) == value
    else:
        with pytest.raises(InputError):
            check_speaker_model(value)


def test_a_ranker_abstention_counts_against_coverage_not_as_an_answer(tmp_path):
    from quotekit.evaluate.resolution import score_resolved
    from quotekit.speakers import Resolution
    from quotekit.types import SpeakerInfo

    row = {"doc": "a.txt", "source": {"start": 0, "end": 2, "text": "He"}, "entity": "John Carter",
           "type": "person", "mention": "pronoun"}
    abstained = Resolution(SpeakerInfo(), "ranker", probability=0.3)
    answered = Resolution(SpeakerInfo(entity="John Carter", entities=("John Carter",), type="person"), "ranker",
                          probability=0.9)
    scores = score_resolved([{"row": row, "resolution": abstained, "raw_correct": False},
                             {"row": row, "resolution": answered, "raw_correct": True}])
    assert (scores["abstained"], scores["coverage"], scores["accuracy"]) == (1, 0.5, 0.5)
    assert scores["answered_accuracy"] == 1.0
