"""A narrator's "my mother" is the person the story calls "Mom" (issue 14): the relation's name as the text uses it
(``kin_address_names.txt``), outside quotation marks only. Invented story text."""
from __future__ import annotations

from _helpers import resolved_speakers

STORY = ("We drove to the clinic after lunch. \"Let's go see Mom,\" I say to Tessa. Mom sits by the window with "
         "her coat on.\n\n\"Is it time to go?\" my mother says.\n\n\"Not yet,\" I say.")


def test_my_mother_is_the_person_the_story_calls_mom():
    assert resolved_speakers(STORY)["my mother"] == [("Mom", "resolved")]


def test_without_a_relation_name_my_mother_stays_unnamed():
    text = STORY.replace("Let's go see Mom", "Let's go see her").replace("Mom sits", "She sits")
    assert all(entity is None for entity, _ in resolved_speakers(text)["my mother"])


def test_another_relation_is_not_that_person():
    text = STORY.replace("my mother says", "my father says")
    assert all(entity != "Mom" for entity, _ in resolved_speakers(text)["my father"])
