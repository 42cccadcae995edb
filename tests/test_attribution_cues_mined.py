"""Long-tail verbs of saying in the attributor's lexicon (``speech_verbs.txt``): manner of speaking, complaint,
exhortation and judgement verbs that PolNeAR annotates as cues, each with its speech-act class, on invented
sentences parsed by the default spaCy backend (UD relations)."""
from __future__ import annotations

import pytest

from quotekit.attribute.acts import speech_act
from quotekit.lexicons import gold_speech_cues, speech_verbs

LONG_TAIL = {"bark": "statement", "boom": "statement", "snip": "statement", "express": "statement",
             "exhort": "directive", "insult": "evaluation", "fume": "evaluation", "herald": "evaluation",
             "pronounce": "evaluation", "demur": "denial", "opine": "claim", "surmise": "claim",
             "intimate": "claim", "deride": "evaluation", "lambast": "evaluation", "liken": "evaluation",
             "vouch": "evaluation", "speculate": "claim", "interject": "statement"}


@pytest.mark.parametrize("lemma, act", sorted(LONG_TAIL.items()))
def test_a_long_tail_cue_is_a_speech_verb_with_its_act(lemma, act):
    assert lemma in speech_verbs()
    assert speech_act(lemma) == act


def test_the_scorers_gold_filter_does_not_grow_with_the_lexicon():
    # the recall denominator stays the frozen list: a lexicon change never moves the figures it is compared on
    assert not set(LONG_TAIL) & gold_speech_cues()


@pytest.mark.parametrize("text, cue, speaker, content", [
    ('"Get back in the truck," the sheriff barked.', "barked", "the sheriff", '"Get back in the truck,"'),
    ("The coach fumed that the referees had ignored three fouls.", "fumed", "The coach",
     "that the referees had ignored three fouls"),
    ("Ms. Alvarez opined that the council had waited too long to act.", "opined", "Ms. Alvarez",
     "that the council had waited too long to act"),
    ("The senator surmised that most voters had already made up their minds.", "surmised", "The senator",
     "that most voters had already made up their minds"),
    ('"That is simply not true," the treasurer demurred.', "demurred", "the treasurer",
     '"That is simply not true,"'),
    ('"Stand up for your neighbours," the pastor exhorted.', "exhorted", "the pastor",
     '"Stand up for your neighbours,"'),
    ('"The plan is dead on arrival," the mayor intimated to reporters.', "intimated", "the mayor",
     '"The plan is dead on arrival,"'),
    ('The moderator interjected, "We are out of time."', "interjected", "The moderator", '"We are out of time."'),
    ("Analysts speculated that the company would cut its dividend.", "speculated", "Analysts",
     "that the company would cut its dividend"),
    ("The governor likened the tax plan to a bank robbery.", "likened", "The governor",
     "the tax plan to a bank robbery"),
    ("The senator lambasted the administration for its handling of the crisis.", "lambasted", "The senator",
     "the administration for its handling of the crisis"),
    ("The columnist derided the plan as a gimmick.", "derided", "The columnist", "the plan as a gimmick"),
    ("Several former colleagues vouched for her integrity.", "vouched", "Several former colleagues", "her integrity"),
])
def test_a_long_tail_verb_of_saying_is_a_cue(rule_candidates, text, cue, speaker, content):
    found = [(c, s) for _, c, q, s in rule_candidates(text) if q == cue]
    assert (content, speaker) in found


def test_expressed_concern_reports_what_it_was_about(rule_candidates):
    found = [(c, s) for _, c, q, s in rule_candidates(
        "The union expressed concern that the new shifts would leave the plant short of staff.") if q == "expressed"]
    assert found and found[0][1] == "The union" and "the new shifts would leave the plant short of staff" in found[0][0]


def test_retweeted_is_a_cue_under_the_lemma_spacy_gives_it(rule_candidates):
    # spaCy lemmatises the verb "retweeted" as "retweete", which the lexicon lists beside "retweet"
    found = [(c, s) for _, c, q, s in rule_candidates(
        "The governor retweeted a message from a supporter calling the audit a sham.") if q == "retweeted"]
    assert found and found[0][1] == "The governor" and found[0][0].startswith("a message from a supporter")
