"""A "they" after an organisation that was a clause's subject stays the organisation when the only people between
are inside a relative clause about something else (issue 14): "the Commission is drafting rules which would
require people who build chatbots to ... They said". Invented news text."""
from __future__ import annotations

from _helpers import resolved_speakers

RULES = ("The Harwick Commission is drafting a regulation which would require {people} who build chatbots to "
         "disclose their training data. \"We are not banning anything,\" they said on Tuesday.")


def test_they_is_the_organisation_past_people_in_a_relative_clause():
    assert resolved_speakers(RULES.format(people="people"))["they"] == [("Harwick Commission", "resolved")]


def test_people_named_in_the_main_clause_still_take_they():
    text = ("The Harwick Commission interviewed 20 former crew members. \"We are not banning anything,\" they "
            "said on Tuesday.")
    assert resolved_speakers(text)["they"] != [("Harwick Commission", "resolved")]
