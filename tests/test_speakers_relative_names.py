"""A name inside a relative clause of a speaker span describes the speaker, it does not name them (issue 14):
"Ronald Klain, who was the Obama administration's Ebola czar, said" is Klain. Invented text."""
from __future__ import annotations

from quotekit.parse import load_parser
from quotekit.speakers.mentions import classify


def _mention(text: str, speaker: str):
    doc = load_parser("spacy").parse(text)
    start = text.index(speaker)
    return classify(doc.char_span(start, start + len(speaker), alignment_mode="expand"))


def test_the_name_in_a_relative_clause_is_not_the_speakers():
    text = "Ronald Klain, who was the Obama administration's Ebola czar, said the plan had worked."
    mention = _mention(text, "Ronald Klain, who was the Obama administration's Ebola czar")
    assert mention.kind == "name" and mention.name.text == "Ronald Klain"


def test_a_name_outside_a_relative_clause_is_read_as_before():
    text = "Former Obama adviser Ronald Klain said the plan had worked."
    mention = _mention(text, "Former Obama adviser Ronald Klain")
    assert mention.kind == "name" and mention.name.text == "Ronald Klain"
