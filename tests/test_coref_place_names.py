"""A one-word name the NER labels a place more than twice as often as a person in one document is a place: its odd
PERSON reading ("and Brayton became his home") is the NER's slip, and no pronoun refers to it (issue 14: "he said"
went to the town a refugee had moved to). Invented text."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities, _mostly_not_people

from _helpers import resolved_speakers

TOWN_TEXT = ("Refugees find a home in Brayton, a small town east of Atlanta. The mayor of Brayton welcomed them. "
             "In Brayton, families from Syria opened shops. Omar Haddad came to Brayton from Iraq in 2011. He got a "
             "car and a job at the center, and Brayton became his home. Recently, he said, he has been helping "
             "others settle.")


def _ents(words: list[str], labels: list[tuple[int, str]]) -> list[Span]:
    doc = Doc(Vocab(), words=words)
    return [Span(doc, i, i + 1, label=label) for i, label in labels]


def test_the_town_is_no_person():
    doc = load_parser("spacy").parse(TOWN_TEXT)
    people = [e.name for e in DocEntities(doc).entities if e.type == "person"]
    assert people == ["Omar Haddad"]


def test_the_pronoun_goes_to_the_man_not_the_town():
    assert resolved_speakers(TOWN_TEXT)["he"] == [("Omar Haddad", "resolved")]


@pytest.mark.parametrize("labels, expected", [
    (["GPE", "GPE", "GPE", "PERSON"], {"brayton"}),  # three places against one person: a place
    (["GPE", "GPE", "PERSON"], set()),  # two against one: not enough to overrule the NER
    (["ORG", "ORG", "ORG", "PERSON"], set()),  # an organisation label says nothing (people are called ORG)
    (["LOC", "FAC", "GPE", "PERSON"], {"brayton"}),  # any place label
])
def test_the_vote_of_the_labels(labels, expected):
    words = ["Brayton"] * len(labels)
    assert _mostly_not_people(_ents(words, list(enumerate(labels)))) == expected


def test_a_word_of_a_longer_persons_name_stays_a_person():
    words = ["Michael", "Jordan", "Jordan", "Jordan", "Jordan", "Jordan"]
    doc = Doc(Vocab(), words=words)
    ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 2, 3, label="GPE"), Span(doc, 3, 4, label="GPE"),
            Span(doc, 4, 5, label="GPE"), Span(doc, 5, 6, label="PERSON")]
    assert _mostly_not_people(ents) == set()


LOWER_TEXT = "Maria Lopez said her son was eight months old and potty trained. She said he learned fast."


def _with_person_slip(word: str):
    """The parse of :data:`LOWER_TEXT` with the NER's slip added: ``word`` labelled a person."""
    doc = load_parser("spacy").parse(LOWER_TEXT)
    i = next(t.i for t in doc if t.text == word)
    doc.ents = [e for e in doc.ents if not e.start <= i < e.end] + [Span(doc, i, i + 1, label="PERSON")]
    return doc


def test_a_lower_case_person_is_the_ners_slip():
    index = DocEntities(_with_person_slip("potty"))
    assert [e.name for e in index.entities if e.type == "person"] == ["Maria Lopez"]
    she = next(t for t in index.doc if t.text == "She")
    assert index.rank_pronoun(she)[0][0].name == "Maria Lopez"


@pytest.mark.parametrize("text, lower", [("potty", True), ("et al.", True), ("Maria", False),
                                         ("@lisatanker5", False), ("de Blasio", False)])
def test_lower_case_entities(text, lower):
    from quotekit.speakers.coref import _lower_case

    doc = Doc(Vocab(), words=text.split())
    assert _lower_case(Span(doc, 0, len(doc), label="PERSON")) is lower
