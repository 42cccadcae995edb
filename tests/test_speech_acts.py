"""The speech-act class of attributions, on real sentences parsed by the default backend."""
from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, strategies as st

from quotekit.attribute import find_attributions
from quotekit.attribute.acts import attribution_act, load_speech_acts, speech_act, speech_act_classes

SENTENCES = [
    ("The senator said the bill would pass the House next week.", "said", "statement"),
    ('"We will fight this in every court," the governor said on Tuesday.', "said", "statement"),
    ("The crisis will deepen this winter, according to the central bank.", "according to", "statement"),
    ("Clinton claimed that the emails were never classified.", "claimed", "claim"),
    ("Reporters asked whether the deal was dead.", "asked", "question"),
    ("She asked the committee to delay the vote until March.", "asked", "directive"),
    ("The mayor urged residents to stay indoors during the storm.", "urged", "directive"),
    ("Protesters called for an end to the fossil fuel subsidies.", "called", "directive"),
    ("The minister pledged to cut taxes by 2020.", "pledged", "commissive"),
    ("Trump promised that Mexico would pay for the wall.", "promised", "commissive"),
    ("A spokesman refused to say whether talks had resumed.", "say", "refusal"),
    ("The White House spokesman would not say whether the president had read the report.", "say", "refusal"),
    ("She denied that she had used a private server for classified material.", "denied", "denial"),
    ("He admitted that mistakes were made during the rollout.", "admitted", "admission"),
    ("The ministry announced that the border would reopen on Monday.", "announced", "announcement"),
    ("He called the plan a disaster for working families.", "called", "evaluation"),
    ("Economists predicted that growth would slow next year.", "predicted", "prediction"),
]


@pytest.mark.parametrize("sentence,cue,act", SENTENCES)
def test_speech_act_of_real_sentences(spacy_parser, sentence, cue, act):
    atts = [a for a in find_attributions(spacy_parser.parse(sentence)) if a.cue is not None and a.cue.text == cue]
    assert atts, f"the attributor found no attribution with cue {cue!r}"
    assert attribution_act(atts[0]) == act


@pytest.mark.parametrize("sentence, speaker", [
    ("Asked about the layoffs, the company declined to comment.", "the company"),
    ("A spokeswoman for the governor refused to respond on Friday.", "A spokeswoman for the governor"),
])
def test_a_bare_refusal_to_speak_is_a_refusal_record(spacy_parser, sentence, speaker):
    """Nothing reported, yet a statement researchers count (and PolNeAR annotates): who declined to speak."""
    atts = find_attributions(spacy_parser.parse(sentence), model=False)
    assert [(a.speaker.text, a.content.text.split()[0], attribution_act(a)) for a in atts
            if a.rule == "bare_refusal"] == [(speaker, "to", "refusal")]


@pytest.mark.parametrize("sentence", [
    "The mayor declined to attend the ceremony.",
    "The senator declined to comment on the investigation into the charity.",
    "He refused to say whether he would run again.",
])
def test_a_refusal_to_do_or_with_a_report_is_no_bare_refusal(spacy_parser, sentence):
    assert not [a for a in find_attributions(spacy_parser.parse(sentence), model=False) if a.rule == "bare_refusal"]


def test_context_changes_the_class():
    assert speech_act("ask") == "question"
    assert speech_act("ask", infinitive=True) == "directive"
    assert speech_act("call") == "evaluation" and speech_act("call", particle="for") == "directive"
    assert speech_act("say") == "statement" and speech_act("say", negated=True) == "refusal"
    assert speech_act("say", governor="decline") == "refusal"
    assert speech_act("statement") == "statement" and speech_act("pledge") == "commissive"


def test_every_class_is_documented_and_each_cue_has_one_class():
    data = json.loads(resources.files("quotekit.attribute").joinpath("speech_acts.json").read_text("utf-8"))
    acts = load_speech_acts()
    assert speech_act_classes()[0] == acts.default == "statement"
    listed = [lemma for lemmas in data["cues"].values() for lemma in lemmas]
    assert len(listed) == len(set(listed))
    used = set(acts.cues.values()) | set(acts.phrases.values()) | set(acts.with_infinitive.values()) \
        | set(acts.negated.values()) | set(acts.governed_by.values())
    assert used <= set(acts.classes) and all(acts.classes[c].strip() for c in acts.classes)


@given(st.text(max_size=30), st.one_of(st.none(), st.text(max_size=10)), st.booleans(), st.booleans())
def test_any_cue_text_gets_a_documented_class(lemma, particle, negated, infinitive):
    assert speech_act(lemma, particle=particle, negated=negated, infinitive=infinitive) in speech_act_classes()


@pytest.mark.parametrize("sentence, content", [
    ("One employee at a software firm declined to speak on the record.", "to speak on the record"),
    ("The party's leader refused to speak to reporters on Friday.", "to speak to reporters"),
    ("A spokesman for the Carson campaign declined to comment for this story.", "to comment for this story"),
])
def test_a_refusal_says_to_whom_or_on_what_terms_it_would_not_speak(spacy_parser, sentence, content):
    """An oblique saying to whom, where or on what terms (non_content_obliques.txt) reports nothing: still a bare
    refusal, its content running to the end of that oblique, as PolNeAR annotates it ('to speak on the record')."""
    atts = find_attributions(spacy_parser.parse(sentence), model=False)
    assert [a.content.text for a in atts if a.rule == "bare_refusal"] == [content]
