"""Stance per quote and per target: quote's own words, targets from the dependency neighbourhood, frames."""
from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit import analyze_doc
from quotekit.stance import (
    content_text, find_targets, frame_polarity, score_attributions, target_polarity, targeted_stance,
)
from quotekit.types import Attribution, Stance

from conftest import SEED_GOLD


def _gold_direct_motegi() -> dict:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return next(q for q in gold["quotes"] if q["kind"] == "direct" and q["speaker_entity"] == "Toshimitsu Motegi")


def _span(doc, part):
    return doc.char_span(part["start"], part["end"], alignment_mode="expand")


def _target(stance: Stance, prefix: str):
    return [t for t in stance.targets if t.target.startswith(prefix)]


def test_seed_motegi_direct_quote_negative_toward_north_korea_from_gold_span(seed_doc):
    gold = _gold_direct_motegi()
    att = Attribution("direct", _span(seed_doc, gold["content"]), _span(seed_doc, gold["cue"]),
                      _span(seed_doc, gold["speaker"]))
    (stance,) = score_attributions(seed_doc, [att])
    korea = _target(stance, "North Korea")
    assert korea, [t.target for t in stance.targets]
    assert all(t.polarity < -0.2 for t in korea)
    assert stance.scorer == "quotekit.stance_lexicon.v1"
    assert -1.0 <= stance.polarity <= 1.0 and stance.label in ("positive", "negative", "neutral")


def test_seed_motegi_direct_quote_negative_toward_north_korea_through_pipeline(seed_doc):
    gold = _gold_direct_motegi()["content"]
    quotes = analyze_doc(seed_doc, doc_id="seed")
    hits = [q for q in quotes if q.content.start < gold["end"] and gold["start"] < q.content.end]
    assert hits, "the attributor found no quote over Motegi's direct quote"
    korea = [t for q in hits for t in q.stance.targets if t.target.startswith("North Korea")]
    assert korea and all(t.polarity < 0 for t in korea)


def _whole(doc, kind="direct"):
    return Attribution(kind, doc[:])


def test_negation_flips_target_polarity(spacy_parser):
    pos = spacy_parser.parse("North Korea is a threat to the region.")
    neg = spacy_parser.parse("North Korea is not a threat to the region.")
    none = spacy_parser.parse("North Korea poses no threat to the region.")
    def korea(doc):
        (t,) = [t for t in find_targets(doc[:]) if t.text == "North Korea"]
        return target_polarity(t.tokens)
    assert korea(pos) < 0
    assert korea(neg) > 0
    assert korea(none) > 0


def test_recipient_is_not_judged_by_the_threat(spacy_parser):
    doc = spacy_parser.parse("Iran poses a serious threat to Israel.")
    values = {t.target: t.polarity for t in targeted_stance(doc[:])}
    assert values["Iran"] < 0
    assert values["Israel"] == 0


def test_object_takes_the_verb_and_stance_prepositions(spacy_parser):
    love = {t.target: t.polarity for t in targeted_stance(spacy_parser.parse("Voters love the new mayor.")[:])}
    hate = {t.target: t.polarity for t in targeted_stance(spacy_parser.parse("Voters hate the new mayor.")[:])}
    assert love["mayor"] > 0 > hate["mayor"]
    fight = {t.target: t.polarity for t in targeted_stance(
        spacy_parser.parse("The union will fight against the pension cuts.")[:])}
    assert fight["pension cuts"] < 0


def test_quote_polarity_uses_content_words_only(spacy_parser):
    doc = spacy_parser.parse("The disgraced, hated senator said the bridge opened on Tuesday.")
    content = doc.char_span(doc.text.index("the bridge"), len(doc.text) - 1)
    (stance,) = score_attributions(doc, [Attribution("indirect", content, doc[4:5], doc[0:4])])
    assert stance.label == "neutral" and stance.polarity == 0
    (whole,) = score_attributions(doc, [_whole(doc)])
    assert whole.polarity < 0  # the same scorer does see the frame's words when they are in the content


def test_quote_marks_stripped_and_negation_in_quote_polarity(spacy_parser):
    doc = spacy_parser.parse('She said: "This plan is good." He said: "This plan is not good."')
    first = doc.char_span(doc.text.index('"This'), doc.text.index('He') - 1)
    second = doc.char_span(doc.text.rindex('"This'), len(doc.text))
    assert content_text(first) == "This plan is good."
    a, b = score_attributions(doc, [Attribution("direct", first), Attribution("direct", second)])
    assert a.polarity > 0 and a.label == "positive"
    assert b.polarity < 0 and b.label == "negative"


def test_frame_verb_prior_is_kept_apart_from_polarity_and_targets(spacy_parser):
    said = spacy_parser.parse("Smith said the new tax plan would change the budget.")
    crit = spacy_parser.parse("Smith criticized the new tax plan would change the budget.")
    def run(doc, cue_word):
        start = doc.text.index("the new")
        content = doc.char_span(start, len(doc.text) - 1)
        cue = [t for t in doc if t.text == cue_word][0]
        return score_attributions(doc, [Attribution("indirect", content, doc[cue.i:cue.i + 1], doc[0:1])])[0]
    neutral, critical = run(said, "said"), run(crit, "criticized")
    assert frame_polarity(crit[1:2]) < 0 and frame_polarity(said[1:2]) == 0
    assert neutral.polarity == critical.polarity
    assert critical.frame_polarity < 0 == neutral.frame_polarity
    n = {t.target: t.polarity for t in neutral.targets}
    c = {t.target: t.polarity for t in critical.targets}
    assert "tax plan" in c and c == n  # the reporter's verb is the record's framing, not the speaker's polarity


def test_custom_scorer_and_resolved_names(spacy_parser):
    doc = spacy_parser.parse("Clinton was right about everything")
    calls = []
    def always_half(text: str) -> float:
        calls.append(text)
        return 0.5
    (stance,) = score_attributions(doc, [_whole(doc)], scorer=always_half, entity_names=[["Hillary Clinton"]])
    assert calls == [doc.text]
    assert stance.polarity == 0.5 and stance.label == "positive" and stance.scorer.endswith("always_half")
    # the short name is the document's resolved full name, with the id speakers get
    assert [(t.target, t.target_id, t.kind) for t in stance.targets] == [("Hillary Clinton", "hillary-clinton", "entity")]


def test_attribution_without_content_gets_none(spacy_parser):
    doc = spacy_parser.parse("He said nothing.")
    assert score_attributions(doc, [Attribution("direct", doc[0:0])]) == [None]
    assert score_attributions(doc, []) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=0, max_size=80))
def test_arbitrary_text_never_crashes(spacy_parser, text):
    doc = spacy_parser.parse(text)
    if len(doc) == 0:
        return
    names = [[text[:6], text[-4:]]]
    (stance,) = score_attributions(doc, [Attribution("direct", doc[:])], entity_names=names)
    if stance is None:
        return
    assert -1.0 <= stance.polarity <= 1.0
    for t in stance.targets:
        assert -1.0 <= t.polarity <= 1.0
        assert t.target
