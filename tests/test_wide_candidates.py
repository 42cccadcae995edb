"""The recall-oriented frames of ``patterns/wide.jsonl`` (:mod:`quotekit.attribute.wide`) on real-looking news
sentences: each family is proposed as a candidate with its speaker and content (the rules alone, ``model=False``:
the acceptance model decides later which to keep)."""
from __future__ import annotations

import pytest

from quotekit.attribute import find_attributions


@pytest.fixture(scope="module")
def candidates(spacy_parser):
    def run(text):
        doc = spacy_parser.parse(text)
        return [(a.rule, a.cue.text if a.cue is not None else None, a.speaker.text if a.speaker is not None else None,
                 [p.text for p in a.pieces()]) for a in find_attributions(doc, model=False)]

    return run


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("The Clinton campaign denies any wrongdoing.", "denies", "The Clinton campaign", "any wrongdoing"),
    ("WikiLeaks posted a cache of diplomatic cables provided by Chelsea Manning.", "posted", "WikiLeaks",
     "a cache of diplomatic cables provided by Chelsea Manning"),
    ("She applauded him for defying the party establishment.", "applauded", "She",
     "him for defying the party establishment"),
    ("The senator questioned his respect for women.", "questioned", "The senator", "his respect for women"),
])
def test_speech_verb_with_an_object(candidates, text, cue, speaker, content):
    assert ("wide_object", cue, speaker, [content]) in candidates(text)


@pytest.mark.parametrize("text, cue, speaker, content", [
    ("Trump lashed out at the judge after the ruling.", "lashed out", "Trump", "the judge"),
    ("Critics point to Saudi charities.", "point", "Critics", "Saudi charities"),
    ("He did not respond to requests for comment.", "respond", "He", "requests for comment"),
])
def test_speech_verb_with_an_oblique(candidates, text, cue, speaker, content):
    assert ("wide_oblique", cue, speaker, [content]) in candidates(text)


def test_passive_speech_verb_with_its_agent(candidates):
    assert ("wide_passive", "rejected", "the committee", ["The proposal"]) in candidates(
        "The proposal was rejected by the committee on Tuesday.")


def test_clause_introduced_by_a_preposition(candidates):
    assert ("wide_clause", "called", "Sanders", ["the minimum wage to be raised to $15 by 2020"]) in candidates(
        "Sanders has called for the minimum wage to be raised to $15 by 2020.")


@pytest.mark.parametrize("text", [
    "He told reporters on Monday.",  # an addressee and a time: nothing was reported
    "He denied it.",  # a lone pronoun
    "She thinks the plan will fail.",  # a belief
])
def test_no_wide_candidate_without_reported_words(candidates, text):
    assert not [c for c in candidates(text) if c[0].startswith("wide_")]


def test_an_earlier_pattern_keeps_its_cue(candidates):
    """A cue another pattern reads is never proposed again by a wide one."""
    found = candidates("The minister said on Tuesday that the talks would resume.")
    assert [c[0] for c in found] == ["speech_ccomp"]


def test_features_tell_the_wide_frames_apart(spacy_parser):
    """The acceptance model sees the preposition before the content and the cue's lexicon classes."""
    from quotekit.attribute.model import candidate_features
    from quotekit.attribute.rules import find

    doc = spacy_parser.parse("Trump lashed out at the judge after the ruling.")
    (att,) = find(doc)
    (features,) = candidate_features(doc, [att])
    assert features["rule=wide_oblique"] == 1.0
    assert features["before_content=at"] == 1.0
    assert features["cue_act=evaluation"] == 1.0
    assert features["content_head_pos=NOUN"] == 1.0
    assert (features["cue_object_cue"], features["cue_addressee_verb"]) == (0.0, 0.0)
