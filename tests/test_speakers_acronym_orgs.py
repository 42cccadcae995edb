"""An organisation noun in lower case named by an acronym compound is that organisation (issue 14): "the M5S party
asks" is M5S, where the NER never labelled the acronym. Invented news text."""
from __future__ import annotations

from _helpers import resolved_speakers


def test_an_acronym_names_the_party():
    text = ("The Five Star Movement (M5S) won the vote in the region. In a statement on Monday, the M5S party said "
            "the new tax would be repealed.")
    assert resolved_speakers(text)["the M5S party"] == [("M5S", "name")]


def test_a_capitalised_party_name_is_not_cut_to_its_first_word():
    text = "In a statement on Monday, the Republican Party said the new tax would be repealed."
    assert all(entity != "Republican" for entity, _ in resolved_speakers(text)["the Republican Party"])
