"""'In an email to CBC News, a spokesperson said ...': the relay ("an email to CBC News") and the speaker stay apart
even where the parser joins them (it reads the speaker as the outlet's apposition)."""
from __future__ import annotations

import pytest

from quotekit.attribute import find_attributions


@pytest.mark.parametrize("text, speaker, via", [
    ("In an email to CBC News, a spokesperson for the Ontario housing ministry said the province welcomed the "
     "money.", "a spokesperson for the Ontario housing ministry", "an email to CBC News"),
    ("In an email to the Star, Toronto police spokesperson Victor Kwong said the investigation was ongoing.",
     "Toronto police spokesperson Victor Kwong", None),
    ("In a statement to The Canadian Press, the company said it would appeal the ruling.",
     "the company", "a statement to The Canadian Press"),
])
def test_the_speaker_is_not_inside_the_relay(spacy_parser, text, speaker, via):
    atts = [a for a in find_attributions(spacy_parser.parse(text), model=False) if a.cue is not None
            and a.cue.text == "said"]
    assert [a.speaker.text for a in atts] == [speaker]
    if via is not None:
        assert atts[0].via is not None and atts[0].via.text == via
    assert atts[0].via is None or atts[0].speaker.start >= atts[0].via.end


def test_according_to_before_a_speaker_is_the_relay_only(spacy_parser):
    text = ("According to exit polls conducted for the networks, majorities of voters in all five states say they "
            "feel betrayed by their party.")
    atts = [a for a in find_attributions(spacy_parser.parse(text), model=False) if a.speaker is not None]
    for a in atts:
        assert a.via is None or a.via.end <= a.speaker.start
