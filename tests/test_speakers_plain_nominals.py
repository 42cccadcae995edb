"""Definite descriptions as speakers (issue 14): a plain word for a person ("the guy") refers to the person in
focus, like "the man"; "the group" refers to the organisation named before, never to a news outlet whose name is
a publication word ("the Riverside Weekly", "Harbor Magazine"). Invented text."""
from __future__ import annotations

import pytest

from quotekit.speakers.roles import description_gender

from _helpers import resolved_speakers


def test_the_guy_is_the_person_in_focus():
    text = ("Tom Rivers opened the bakery in 1998 and still bakes every loaf himself. \"We just keep going,\" the guy "
            "said with a laugh.")
    assert resolved_speakers(text)["the guy"] == [("Tom Rivers", "resolved")]


def test_the_group_is_not_the_weekly_that_reported_on_it():
    text = ("The Riverside Tenants Union has fought the eviction for months. Last week, the Riverside Weekly reported "
            "on the dispute. The group said it would appeal.")
    assert resolved_speakers(text)["The group"] == [("Riverside Tenants Union", "resolved")]


@pytest.mark.parametrize("word", ["guy", "person", "kid", "child", "fellow", "stranger"])
def test_plain_person_words_describe_a_person(word):
    assert description_gender(word) == "they"


@pytest.mark.parametrize("word", ["witness", "neighbor", "victim", "report", "statement"])
def test_event_people_and_documents_are_no_plain_description(word):
    assert description_gender(word) is None


@pytest.mark.parametrize("description", ["The conservative group", "The advocacy group"])
def test_a_described_group_is_the_organisation_named_before(description):
    text = (f"Citizens for Fair Housing sued the city over the new zoning rules on Monday. {description} said the "
            "rules would drive up rents.")
    assert resolved_speakers(text)[description] == [("Citizens for Fair Housing", "resolved")]

