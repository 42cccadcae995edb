"""A participle of saying after a verb of speaking reports the statement itself, with its own cue."""
from __future__ import annotations

import pytest

from quotekit.attribute import find_attributions


@pytest.mark.parametrize("text, cue, content, speaker", [
    ("Councillor Brad Bradford disagreed, saying the plan would drive families out of the city.",
     "saying", "the plan would drive families out of the city", "Councillor Brad Bradford"),
    ("Critics objected, arguing that the fund was never audited.",
     "arguing", "that the fund was never audited", "Critics"),
    ("The premier defended the deal, saying it would create thousands of jobs.",
     "saying", "it would create thousands of jobs", "The premier"),
])
def test_the_participle_is_the_cue_of_what_follows_it(spacy_parser, text, cue, content, speaker):
    found = [(a.cue.text, a.content.text, a.speaker.text) for a in find_attributions(spacy_parser.parse(text))
             if a.cue is not None and a.speaker is not None]
    assert (cue, content, speaker) in found
    assert not [f for f in found if f[1].startswith(cue + " ")]  # no record whose content opens with the cue


def test_a_participle_after_by_stays_with_its_verb(spacy_parser):
    """"responded by saying ...": the answer is what was said; its report is still found."""
    text = "The senator responded by saying that the bill would never pass the House."
    contents = [a.content.text for a in find_attributions(spacy_parser.parse(text), model=False)]
    assert any(c.endswith("the bill would never pass the House") for c in contents)
