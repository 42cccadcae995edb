"""Gender from what the document says of a person (issue 14): a possessive or reflexive bound by the person as
its clause's subject, a reported "he"/"she", a described gender; a person of unknown gender is the less likely
antecedent of "she". Invented news-like text; first names the name lexicons do not list."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities

from _helpers import resolved_speakers


def _entity(text: str, name: str):
    return DocEntities(load_parser("spacy").parse(text)).find(name)


def _gender(text: str, name: str):
    entity = _entity(text, name)
    assert entity is not None
    return entity.gender


def test_a_possessive_bound_by_the_subject_gives_the_persons_gender():
    assert _gender("Quinn Halvorsen gave her first speech in the state senate on Monday.", "Quinn Halvorsen") == "f"
    assert _gender("Rowan Pettibone turned himself in to the police on Friday.", "Rowan Pettibone") == "m"


def test_a_reported_subject_pronoun_gives_the_speakers_gender():
    assert _gender("Rowan Mitchell said she would vote against the budget.", "Rowan Mitchell") == "f"


def test_a_plain_object_pronoun_is_someone_else():
    # "Zenghelis described her": her is not Zenghelis (binding: a plain object is disjoint from its subject)
    assert _gender("Rowan Pettibone described her as the best student of the year.", "Rowan Pettibone") is None


def test_a_pronoun_with_another_person_in_the_sentence_says_nothing():
    text = "Quinn Halvorsen met Gregory Smith after her speech on Monday."
    assert _gender(text, "Quinn Halvorsen") is None


def test_she_prefers_the_woman_the_document_showed_over_a_person_of_unknown_gender():
    text = ("Quinn Halvorsen said in her speech on Monday that the budget was short. Rowan Pettibone, a lobbyist, "
            "left the chamber early.\n\nShe said that the vote would be close.")
    assert resolved_speakers(text)["She"] == [("Quinn Halvorsen", "resolved")]
    # in the same paragraph "She" opening the next sentence is what gives the lobbyist just introduced as its
    # subject a gender (the document's only subject before it): the local antecedent
    text = text.replace("\n\n", " ")
    assert resolved_speakers(text)["She"] == [("Rowan Pettibone", "resolved")]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["her", "his", "their"]), st.sampled_from(["speech", "report", "letter"]),
       st.text(alphabet="abc ,.", max_size=20))
def test_document_genders_never_fail_and_agree_with_the_pronoun(possessive, noun, tail):
    # a tail the parser reads as another person's name in the sentence ("abaa..") leaves the gender unknown: an
    # abstention, never the other gender
    entity = _entity(f"Quinn Halvorsen gave {possessive} {noun} on Monday. {tail}", "Quinn Halvorsen")
    assert entity is None or entity.gender in ({"her": "f", "his": "m", "their": None}[possessive], None)
