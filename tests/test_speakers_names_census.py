"""First names from the US Census 1990 lists (issue 14): the lexicon file, its build script's gender rule, and
the source-gender measure's name guess for a first name only the census knows. Invented news-like text."""
from __future__ import annotations

import importlib.util

import pytest

from quotekit import lexicons
from quotekit.lexicons import build_census_first_names as build
from quotekit import extract
from quotekit.measures import speaker_genders
from quotekit.measures.gender import default_first_names


def test_a_clearly_dominant_share_gives_the_gender_and_a_shared_name_none():
    assert build.name_gender(0.565, 0.006) == "female"  # Carol
    assert build.name_gender(0.0, 0.05) == "male"  # in the men's list only
    assert build.name_gender(0.012, 0.056) == "either"  # Jordan
    assert build.name_gender(0.208, 0.032) == "either"  # Robin: 6.5 to 1, under the ratio
    # a name one list lacks counts there at half its smallest share: a rare women's-list name stays either
    female = {"kelly": 0.283, "ann": 0.2, "elia": 0.007, "allyn": 0.001}
    male = {"kelly": 0.063, "sam": 0.09, "alonso": 0.004}
    assert build.genders(female, male) == {"allyn": "either", "alonso": "male", "ann": "female", "elia": "either",
                                           "kelly": "either", "sam": "male"}


def test_the_file_has_its_provenance_and_licence_and_reads_as_a_table():
    header = lexicons._read("census_first_names.txt").split("\n", 9)[:8]
    assert any("Census" in line and "1990" in line for line in header)
    assert any("public domain" in line.lower() for line in header)
    census = lexicons.census_first_names()
    assert census["trent"] == "male" and census["isabelle"] == "female" and census["jordan"] == "either"
    assert census["elia"] == census["santa"] == "either"
    assert set(census.values()) == {"female", "male", "either"}


@pytest.mark.skipif(importlib.util.find_spec("names") is None, reason="build-time package 'names' not installed")
def test_the_build_regenerates_the_file_byte_for_byte(tmp_path):
    out = tmp_path / "census.txt"
    build.main(["-o", str(out)])
    assert out.read_text(encoding="utf-8") == build.OUTPUT.read_text(encoding="utf-8")


def test_census_names_give_a_gender_only_before_a_surname():
    given, hand_made = lexicons.given_name_gender(), lexicons.first_name_gender()
    assert given["trent"] == "m" and given["isabelle"] == "f" and given["ernie"] == "m"
    assert "taylor" not in given and "casey" not in given and "jamie" not in given  # either gender
    assert given["kelly"] == hand_made["kelly"] == "f"  # the hand-made lists win, "either" in the census
    assert "clinton" in given and "clinton" not in hand_made  # a surname as often as a first name
    assert default_first_names()["trent"] == "male"
    assert "major" not in given and "king" not in given  # "Major Kusanagi", "King Abdullah": titles


BRIDGE = """Trent Baxter, a lawyer for the family, said the company had ignored repeated warnings about the bridge."""


def test_the_gender_measure_reads_a_census_first_name_as_a_labelled_guess(spacy_parser):
    text = BRIDGE
    records = [q.to_dict() for q in extract(spacy_parser.parse(text), doc_id="bridge")]
    table = speaker_genders(records, {"bridge": text})
    row = table[table["speaker"].str.contains("Baxter", regex=False)].iloc[0]
    assert (row["gender"], row["evidence"], row["evidence_text"]) == ("male", "name", "Trent")
