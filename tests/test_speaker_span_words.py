"""A speaker mention keeps its hyphenated words whole ("Kirby-Yung", "front-runner", "two-thirds")."""
from __future__ import annotations

import pytest

from quotekit.attribute import find_attributions


@pytest.mark.parametrize("text, speaker", [
    ("Coun. Sarah Kirby-Yung said she would ask staff for a review.", "Coun. Sarah Kirby-Yung"),
    ('"People deserve answers," Kirby-Yung said.', "Kirby-Yung"),
    ("The GOP front-runner said the contest had been rigged against him.", "The GOP front-runner"),
    ("About two-thirds of the voters say they will stay home.", "About two-thirds of the voters"),
])
def test_hyphenated_words_stay_whole(spacy_parser, text, speaker):
    speakers = [a.speaker.text for a in find_attributions(spacy_parser.parse(text), model=False)
                if a.speaker is not None]
    assert speaker in speakers


def test_a_spaced_dash_still_ends_a_mention(spacy_parser):
    text = "The mayor - who had promised a new bridge - said the money was gone."
    speakers = [a.speaker.text for a in find_attributions(spacy_parser.parse(text), model=False)
                if a.speaker is not None]
    assert speakers and all("-" not in s for s in speakers)
