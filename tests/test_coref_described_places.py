"""A name the NER labels a place but the text describes as a person in apposition ("Valeska Paris, a young
woman from Ohio") is a person (issue 14): later pronouns and bare surnames refer to her. Invented text."""
from __future__ import annotations

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities

from _helpers import resolved_speakers

TEXT = ("Valeska Paris, a young woman from Ohio, sued the hospital on Monday. Paris had worked there for ten years. "
        "She said that the managers had ignored her complaints.")


def test_a_place_described_as_a_woman_is_a_person():
    people = [(e.name, e.gender) for e in DocEntities(load_parser("spacy").parse(TEXT)).entities if e.type == "person"]
    assert people == [("Valeska Paris", "f")]


def test_a_pronoun_refers_to_the_person_the_ner_took_for_a_place():
    assert resolved_speakers(TEXT)["She"] == [("Valeska Paris", "resolved")]


def test_a_place_described_as_a_place_stays_a_place():
    text = "Paris, a city of two million people, hosted the summit on Monday. She said the talks went well."
    assert not any(e.type == "person" for e in DocEntities(load_parser("spacy").parse(text)).entities)
