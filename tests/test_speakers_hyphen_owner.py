"""Speaker entities of issue 14, on invented news text: a hyphenated surname named alone later is the person named
in full before ("Kirby-Yung" is Sarah Kirby-Yung, the tokenizer splits it in three), and a noun that names a
company as readily as a person ("owner") takes the organisation in apposition to it."""
from __future__ import annotations

from _helpers import resolved_speakers


def test_a_hyphenated_surname_alone_is_the_person_named_in_full():
    text = ("Residents of the east end packed a community hall on Thursday to hear about plans for a new transit "
            "line.\n\nCoun. Sarah Kirby-Yung said she would ask city staff for a full review of the route.\n\n"
            "\"People deserve answers before a single shovel goes in the ground,\" Kirby-Yung said.")
    entities = {entity for entity, _ in resolved_speakers(text).get("Kirby-Yung", [])}
    assert entities == {"Sarah Kirby-Yung"}


def test_a_hyphenated_surname_of_another_speaker():
    text = ("The health unit reported 40 new cases on Monday.\n\nDr. Maria Lopez-Ortiz, the region's medical "
            "officer of health, said the numbers were expected to rise.\n\n\"We are watching the schools "
            "closely,\" Lopez-Ortiz said.")
    entities = {entity for entity, _ in resolved_speakers(text).get("Lopez-Ortiz", [])}
    assert entities == {"Maria Lopez-Ortiz"}


def test_an_owner_in_apposition_to_a_company_is_the_company():
    text = ("A fire broke out at a recycling plant in Hamilton on Tuesday, sending smoke over nearby homes.\n\n"
            "The plant's owner, GreenCycle Inc., said in a statement it was co-operating with investigators.")
    assert [entity for entity, _ in resolved_speakers(text)["The plant's owner"]] == ["GreenCycle Inc."]


def test_an_owner_in_apposition_to_a_person_is_the_person():
    text = ("Tenants of a tower on King Street have been without heat for a week.\n\n"
            "The building's owner, Daniel Marsh, said repairs would be finished by Friday.")
    assert [entity for entity, _ in resolved_speakers(text)["The building's owner"]] == ["Daniel Marsh"]
