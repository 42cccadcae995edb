"""The document's entity index repairs what the NER and name guesses get wrong (issue 14): a gender read off a
name's ending that the document's own pronouns overrule, a shop named after someone ("Spencer's") that is no
person, a character the NER took for a place but who speaks. Invented text; names the name lexicons do not list
by gender."""
from __future__ import annotations

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities

from _helpers import resolved_speakers


def _index(text: str) -> DocEntities:
    return DocEntities(load_parser("spacy").parse(text))


def test_the_documents_pronouns_overrule_a_gender_guessed_from_the_names_ending():
    text = "Abba Teodora Venridge was a monk of the desert. Venridge gave his fortune to the poor."
    entity = _index(text).find("Abba Teodora Venridge")
    assert entity is not None and entity.gender == "m"


def test_a_title_still_fixes_a_gender_the_ending_would_guess():
    entity = _index("Mr. Ilyana Orkov spoke first. Orkov gave her report on Monday.").find("Ilyana Orkov")
    assert entity is not None and entity.gender == "m"


def test_a_shop_named_in_a_possessive_without_a_noun_is_no_person():
    text = ("Marla had chocolate on her face. When we pass Spencer's again, she stops. \"Uhhh,\" she says, "
            "pointing to the store.")
    index = _index(text)
    assert index.find("Spencer") is None
    assert set(resolved_speakers(text)["she"]) == {("Marla", "resolved")}


def test_a_possessor_with_its_noun_stays_a_person():
    index = _index("Spencer's mother said the store would close. Spencer said he would miss it.")
    assert index.find("Spencer") is not None


def test_a_speaking_first_name_the_ner_reads_as_a_place_is_a_person():
    index = _index("\"Some people have stories about coming from the Earth,\" Georgia said. \"My father is "
                   "collecting those stories.\"")
    entity = index.find("Georgia")
    assert entity is not None and entity.type == "person"


def test_a_country_named_again_as_a_place_stays_no_person():
    index = _index("Troops crossed into Georgia on Monday. \"We will defend ourselves,\" Georgia said. Talks in "
                   "Georgia resumed on Friday.")
    entity = index.find("Georgia")
    assert entity is None or entity.type != "person"
