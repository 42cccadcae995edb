"""The ``hybrid`` speaker model: the rules' answer for a pronoun/nominal speaker, overridden by the ranker's best
candidate only where the learned model (``quotekit/speakers/models/speaker_hybrid.json``) says so."""
from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit import pipeline
from quotekit.attribute import find_attributions
from quotekit.errors import InputError
from quotekit.evaluate.resolution import same_entity
from quotekit.speakers import resolve_details
from quotekit.speakers.ranker.hybrid import FEATURES, HybridModel, hybrid_ranker, load_hybrid, plan_document
from quotekit.speakers.ranker.plug import check_speaker_model, speaker_ranker
from quotekit.speakers.ranker.train_hybrid import fit

AGENT = (
    "Coach Mark Ellison praised his striker after the match. \"He was everywhere,\" Ellison said. Ellison has "
    "coached the team for six years.\n\n"
    "The striker, Daniel Okafor, scored twice in the second half. Okafor's agent, Peter Lindqvist, watched from "
    "the stands. He said the club had not yet offered a new contract."
)

SENATOR = (
    "Senator John Carter said on Monday that the bill would pass the chamber before the recess. "
    "\"We have the votes,\" Carter told reporters outside his office.\n\n"
    "A spokesman for the governor said the timing was still under review. "
    "Carter later returned to the floor. He said he had spoken to every member of the committee."
)


def _model(intercept: float, kinds=("pronoun", "nominal")) -> HybridModel:
    """A model that always (intercept > 0) or never overrides where the ranker disagrees."""
    n = len(FEATURES)
    return HybridModel(FEATURES, [0.0] * n, [1.0] * n, [0.0] * n, intercept, kinds=tuple(kinds))


def _speaker(attributions, text):
    return next(a for a in attributions if a.speaker is not None and a.speaker.text == text)


def test_hybrid_is_a_speaker_model_choice():
    assert check_speaker_model("hybrid") == "hybrid"
    with pytest.raises(InputError):
        check_speaker_model("hybrd")


def test_the_packaged_model_loads_and_only_decides_pronouns():
    model = load_hybrid()
    assert model.features == FEATURES and len(model.coef) == len(FEATURES)
    assert model.kinds == ("pronoun",)
    assert 0.0 < model.probability({name: 0.0 for name in FEATURES}) < 1.0


def test_plan_lists_each_pronoun_and_nominal_speaker_with_every_feature(spacy_parser):
    doc = spacy_parser.parse(SENATOR)
    attributions = find_attributions(doc)
    plan = plan_document(doc, [a.speaker for a in attributions])
    planned = {c.span.text for c in plan.values()}
    assert "He" in planned and "A spokesman for the governor" in planned
    assert "Carter" not in planned  # names stay with the rules
    for candidate in plan.values():
        assert set(candidate.features) == set(FEATURES)
        assert all(math.isfinite(v) for v in candidate.features.values())
        assert candidate.antecedent is None or candidate.antecedent.start < candidate.span.start


def test_a_document_without_pronoun_or_nominal_speakers_plans_nothing(spacy_parser):
    doc = spacy_parser.parse("\"We will win,\" Senator John Carter said on Monday. Carter spoke in Denver.")
    assert plan_document(doc, [a.speaker for a in find_attributions(doc)]) == {}


def test_an_override_takes_the_rankers_candidate_and_a_refusal_keeps_the_rules(spacy_parser):
    doc = spacy_parser.parse(AGENT)
    attributions = find_attributions(doc)
    spans = [a.speaker for a in attributions]
    he = _speaker(attributions, "He")
    n = attributions.index(he)
    plan = plan_document(doc, spans)
    candidate = plan[(he.speaker.start, he.speaker.end)]
    assert candidate.disagrees  # the ranker prefers the coach, the rules another man
    rules = resolve_details(doc, attributions)[n]
    always = resolve_details(doc, attributions, ranker=hybrid_ranker(doc, spans, model=_model(10.0)))[n]
    never = resolve_details(doc, attributions, ranker=hybrid_ranker(doc, spans, model=_model(-10.0)))[n]
    nominal_only = resolve_details(doc, attributions,
                                   ranker=hybrid_ranker(doc, spans, model=_model(10.0, kinds=("nominal",))))[n]
    assert always.evidence == "ranker" and same_entity(always.info.entity, "Mark Ellison")
    assert not same_entity(always.info.entity, rules.info.entity)
    assert (never.info, never.evidence) == (rules.info, rules.evidence)
    assert (nominal_only.info, nominal_only.evidence) == (rules.info, rules.evidence)


def test_extract_with_the_packaged_hybrid_keeps_the_agent_who_spoke_last(spacy_parser):
    doc = spacy_parser.parse(AGENT)
    quotes = {q.speaker.text: q for q in pipeline.extract(doc, stance=False, speaker_model="hybrid")}
    rules = {q.speaker.text: q for q in pipeline.extract(doc, stance=False)}
    assert set(quotes) == set(rules)
    assert quotes["He"].speaker_entity == "Peter Lindqvist"
    assert quotes["Ellison"].speaker_entity == rules["Ellison"].speaker_entity
    assert same_entity(quotes["Ellison"].speaker_entity, "Mark Ellison")


def test_model_file_round_trip_and_bad_files(tmp_path):
    model = _model(0.3)
    model.coef[FEATURES.index("top_probability")] = 1.5
    path = tmp_path / "hybrid.json"
    model.save(path)
    again = HybridModel.load(path)
    row = {name: 0.4 for name in FEATURES}
    assert again.probability(row) == pytest.approx(model.probability(row))
    assert again.kinds == model.kinds
    data = json.loads(path.read_text(encoding="utf-8"))
    data["format"] = "something-else"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError):
        HybridModel.load(path)
    with pytest.raises(InputError):
        HybridModel.load(tmp_path / "missing.json")


def _item(top: float, forced_right: bool, rules_right: bool) -> dict:
    features = {name: 0.0 for name in FEATURES}
    features.update(is_pronoun=1.0, top_probability=top, ranker_confidence=top)
    return {"features": features, "disagrees": True, "rules_correct": rules_right, "forced_correct": forced_right,
            "row": {"mention": "pronoun"}}


def test_fit_learns_to_override_where_the_ranker_is_sure_and_right():
    items = [_item(0.9 - k * 0.01, True, False) for k in range(8)] + \
            [_item(0.2 + k * 0.01, False, True) for k in range(8)] + \
            [_item(0.5, True, True), _item(0.5, False, False)]  # no decision here: not training rows
    model = fit(items, c=1.0, kinds=("pronoun",))
    assert model.meta["rows"] == 16 and model.meta["positive"] == 8
    sure = {**items[0]["features"]}
    unsure = {**items[8]["features"]}
    assert model.probability(sure) > model.threshold > model.probability(unsure)


def test_fit_without_both_outcomes_never_overrides():
    model = fit([_item(0.9, False, True) for _ in range(4)], kinds=("pronoun",))
    assert model.probability(_item(0.99, True, False)["features"]) < model.threshold


SENTENCES = [
    "Mayor Linda Park said the bridge would reopen in May.",
    "\"We owe it to the drivers,\" Park told reporters.",
    "A spokesman for the council said the budget was tight.",
    "He said the work would cost more than planned.",
    "She added that the contract was signed.",
    "The engineer said the cables were sound.",
    "They said nothing about the delay.",
    "The city council met on Tuesday.",
]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))
def test_hybrid_answers_every_speaker_like_the_rules_do(spacy_parser, sentences):
    doc = spacy_parser.parse(" ".join(sentences))
    attributions = find_attributions(doc)
    spans = [a.speaker for a in attributions]
    hybrid = resolve_details(doc, attributions, ranker=speaker_ranker("hybrid", doc, spans))
    rules = resolve_details(doc, attributions)
    assert len(hybrid) == len(rules) == len(attributions)
    for a, h, r in zip(attributions, hybrid, rules):
        if h.evidence == "ranker":  # an override: a pronoun, answered with someone named before it
            assert a.speaker.root.pos_ == "PRON" and h.info.entity
        else:
            assert h.info == r.info


@given(st.dictionaries(st.sampled_from(sorted(FEATURES)), st.floats(-1.0, 1.0), min_size=len(FEATURES)),
       st.lists(st.floats(-3.0, 3.0), min_size=len(FEATURES), max_size=len(FEATURES)))
def test_the_bound_before_ranking_is_never_below_the_probability_after(values, coef):
    from quotekit.speakers.ranker.hybrid import RANKER_RANGES

    model = _model(-0.5)
    model.coef = list(coef)
    row = {name: (lo + (hi - lo) * (values[name] + 1.0) / 2.0 if name in RANKER_RANGES else values[name])
           for name in FEATURES for lo, hi in [RANKER_RANGES.get(name, (0.0, 1.0))]}
    known = {name: v for name, v in row.items() if name not in RANKER_RANGES}
    assert model.upper_bound(known) >= model.probability(row) - 1e-12


def test_a_pronoun_model_skips_documents_without_pronoun_speakers(spacy_parser):
    doc = spacy_parser.parse("A spokesman for the governor said the timing was still under review. "
                             "The spokesman added that the budget was tight.")
    spans = [a.speaker for a in find_attributions(doc)]
    assert plan_document(doc, spans)  # the nominals are there to plan ...
    assert plan_document(doc, spans, model=_model(10.0, kinds=("pronoun",))) == {}  # ... not for this model


@pytest.mark.parametrize("command", [["train-coref", "-o", "{out}"],
                                     ["train-coref", "--gum", "{tmp}", "--hybrid", "{tmp}", "-o", "{out}"],
                                     ["train-coref", "--hybrid", "{tmp}/missing", "-o", "{out}"]])
def test_train_coref_needs_exactly_one_existing_source(command, tmp_path, capsys):
    from quotekit.cli import main

    status = main([a.format(tmp=tmp_path, out=tmp_path / "m.json") for a in command])
    lines = capsys.readouterr().err.strip().splitlines()
    assert status != 0 and len(lines) == 1 and lines[0].startswith("quotekit: ")
    assert not (tmp_path / "m.json").exists()


def _gold_row(doc: str, text: str, source: str, entity, typ: str, mention: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(source, start + 1)
    return {"doc": doc, "source": {"start": start, "end": start + len(source), "text": source}, "cue": "said",
            "mention": mention, "entity": entity, "type": typ}


def test_training_on_a_small_gold_folder_writes_a_loadable_model_and_cross_validates(tmp_path, spacy_parser):
    from quotekit.speakers.ranker.train_hybrid import collect, cross_validate, fit

    texts = {"agent.txt": AGENT, "senator.txt": SENATOR}
    (tmp_path / "texts").mkdir()
    for name, text in texts.items():
        (tmp_path / "texts" / name).write_text(text, encoding="utf-8")
    rows = [_gold_row("agent.txt", AGENT, "He", "Peter Lindqvist", "person", "pronoun", nth=1),
            _gold_row("senator.txt", SENATOR, "He", "John Carter", "person", "pronoun", nth=0),
            _gold_row("senator.txt", SENATOR, "A spokesman for the governor", None, "anonymous", "nominal")]
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = collect(tmp_path, parser=spacy_parser, log=lambda *a: None)
    assert sorted(d["doc"] for d in docs) == ["agent.txt", "senator.txt"]
    items = [i for d in docs for i in d["items"]]
    assert len(items) == 3 and all(i["rules_correct"] in (True, False) for i in items)
    figures = cross_validate(docs, folds=2)
    assert figures["rules"]["all"]["n"] == figures["hybrid"]["all"]["n"] == 3
    path = tmp_path / "hybrid.json"
    fit(items).save(path)
    assert HybridModel.load(path).features == FEATURES
