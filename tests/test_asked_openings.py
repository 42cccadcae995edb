"""'Asked about the fire, Fry said ...': the one asked is not the one who asked."""
from __future__ import annotations

import pytest

from quotekit.attribute import find_attributions


@pytest.mark.parametrize("text, cue", [
    ("Asked whether the plant had passed its last inspection, Fry said she did not know.", "Asked"),
    ("When asked about the fire, the mayor said he was waiting for the report.", "asked"),
    ("Firefighters arrived at dawn.\n\nAsked about the cause, chief Karen Fry said it was too early to tell.", "Asked"),
])
def test_the_addressed_subject_is_not_the_asker(spacy_parser, text, cue):
    found = [(a.cue.text, a.speaker.text if a.speaker is not None else None)
             for a in find_attributions(spacy_parser.parse(text), model=False) if a.cue is not None]
    assert all(speaker is None for c, speaker in found if c == cue)
    assert any(c == "said" and speaker is not None for c, speaker in found)  # the answer keeps its speaker


def test_an_asker_named_as_subject_or_agent_still_speaks(spacy_parser):
    text = "Asked by reporters whether the plant was safe, the owner said it was."
    found = {(a.cue.text, a.speaker.text if a.speaker is not None else None)
             for a in find_attributions(spacy_parser.parse(text), model=False) if a.cue is not None}
    assert ("said", "the owner") in found
    assert ("Asked", "the owner") not in found
