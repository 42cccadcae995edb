"""Source gender (quotekit.measures.gender) on real-looking news text run through quotekit.extract."""
from __future__ import annotations

import math

import pytest

from quotekit import extract
from quotekit.errors import InputError
from quotekit.measures import add_measures, gender_shares, speaker_genders
from quotekit.measures.gender import name_words, role_evidence, title_evidence

COUNCIL = """Council approves new transit budget

The city council voted 7-2 on Tuesday to approve a $40 million transit budget after a long public hearing.

Councilmember Jordan Ellis, who chairs the transportation committee, pushed for the extra bus routes. "People in the east end have waited long enough for a bus that comes on time," she said.

The Department of Transportation said in a statement that the new routes would begin running in March.

A city official, who spoke on the condition of anonymity, said the vote had been delayed twice."""

SCHOOL = """Mrs. Okafor told reporters that the school would reopen next week. "The building is safe and the children are ready to come back," Mrs. Okafor said."""

BRIDGE = """Michael Brennan, a lawyer for the family, said the company had ignored repeated warnings about the bridge."""


@pytest.fixture(scope="module")
def run(spacy_parser):
    def records_of(texts: dict[str, str]) -> tuple[list[dict], dict[str, str]]:
        records = []
        for doc_id, text in texts.items():
            records += [q.to_dict() for q in extract(spacy_parser.parse(text), doc_id=doc_id)]
        return records, texts
    return records_of


def _row(table, speaker_part: str):
    rows = table[table["speaker"].str.contains(speaker_part, regex=False)]
    assert len(rows) == 1, table
    return rows.iloc[0]


def test_she_pronoun_speaker_is_female_by_pronoun(run):
    records, texts = run({"council": COUNCIL})
    row = _row(speaker_genders(records, texts), "Ellis")
    # "Jordan" is in neither first-name list: the verdict can only come from the resolved "she"
    assert (row["gender"], row["evidence"]) == ("female", "pronoun")
    assert row["female_pronouns"] >= 1 and row["male_pronouns"] == 0


def test_organisation_and_anonymous_sources_get_no_gender(run):
    records, texts = run({"council": COUNCIL})
    out = add_measures(records, texts)
    kinds = {r["speaker_type"]: r for r in out}
    assert {"organization", "anonymous"} <= set(kinds)
    for speaker_type in ("organization", "anonymous"):
        assert kinds[speaker_type]["gender"] is None and kinds[speaker_type]["gender_evidence"] is None


def test_title_gives_gender_when_no_pronoun(run):
    records, texts = run({"school": SCHOOL})
    row = _row(speaker_genders(records, texts), "Okafor")
    assert (row["gender"], row["evidence"]) == ("female", "title")
    assert "Mrs. Okafor" in row["evidence_text"]


def test_first_name_is_a_labelled_guess_and_can_be_switched_off(run):
    records, texts = run({"bridge": BRIDGE})
    row = _row(speaker_genders(records, texts), "Brennan")
    assert (row["gender"], row["evidence"], row["evidence_text"]) == ("male", "name", "Michael")
    row = _row(speaker_genders(records, texts, names={}), "Brennan")
    assert (row["gender"], row["evidence"]) == ("unknown", "none")


def test_title_rules():
    text = "Mrs. Clinton and Mr. Van Voorhis spoke. Spokeswoman Jessica Ditto said Mr. Obama Tuesday was right."
    assert title_evidence(text, "Chandler Van Voorhis") == [("male", "Mr. Van Voorhis")]
    assert title_evidence(text, "Jessica Ditto") == [("female", "Spokeswoman Jessica Ditto")]
    assert title_evidence(text, "Barack Obama") == [("male", "Mr. Obama Tuesday")]
    assert title_evidence(text, "Hillary Clinton") == [("female", "Mrs. Clinton")]
    # another speaker of the article shares the surname: a bare "Mrs. Clinton" is not evidence about either
    assert title_evidence(text, "Hillary Clinton", shared_surname=True) == []
    # a different given name between title and surname is someone else
    assert title_evidence("Mr. Fred Trump built it.", "Donald Trump") == []
    # cased words count only as titles when capitalised
    assert title_evidence("Voters who miss Clinton are many.", "Hillary Clinton") == []
    assert role_evidence("Stein spokeswoman") == "female" and role_evidence("chairman") is None
    assert name_words("Mr. John G. Roberts Jr.") == ["John", "G.", "Roberts"]


def test_same_speaker_id_fills_a_document_that_says_nothing():
    texts = {"a": "Pat Lee said the plan works. She added more.", "b": "Pat Lee said the plan fails."}
    span = lambda text, part: {"start": text.index(part), "end": text.index(part) + len(part), "text": part}
    records = [
        {"doc_id": "a", "speaker": span(texts["a"], "Pat Lee"), "speaker_entity": "Pat Lee", "speaker_type": "person",
         "speaker_id": "pat-lee", "content": span(texts["a"], "the plan works")},
        {"doc_id": "a", "speaker": span(texts["a"], "She"), "speaker_entity": "Pat Lee", "speaker_type": "person",
         "speaker_id": "pat-lee", "content": span(texts["a"], "more")},
        {"doc_id": "b", "speaker": span(texts["b"], "Pat Lee"), "speaker_entity": "Pat Lee", "speaker_type": "person",
         "speaker_id": "pat-lee", "content": span(texts["b"], "the plan fails")},
    ]
    within = speaker_genders(records, texts, across_documents=False, names={}).set_index("doc_id")
    assert within.loc["b", "gender"] == "unknown"
    across = speaker_genders(records, texts, names={}).set_index("doc_id")
    assert (across.loc["b", "gender"], across.loc["b", "evidence"], across.loc["b", "evidence_doc"]) == \
        ("female", "pronoun", "a")


def test_gender_shares_state_unknowns_and_intervals(run):
    records, texts = run({"council": COUNCIL, "school": SCHOOL, "bridge": BRIDGE})
    meta = {"council": {"outlet": "gazette", "date": "2016-01-05"}, "school": {"outlet": "gazette", "date": "2016-02-01"},
            "bridge": {"outlet": "herald", "date": "2016-02-03"}}
    out = add_measures(records, texts, metadata=meta)
    overall = gender_shares(out).iloc[0]
    persons = [r for r in out if r["gender"] is not None]
    assert overall["n"] == len(persons) and overall["n_not_person"] == len(out) - len(persons)
    assert overall["n_female"] + overall["n_male"] + overall["n_unknown"] == overall["n"]
    assert overall["share_female"] == pytest.approx(overall["n_female"] / (overall["n_female"] + overall["n_male"]))
    assert overall["share_female_ci_low"] <= overall["share_female"] <= overall["share_female_ci_high"]
    by_outlet = gender_shares(out, by="outlet", metadata=meta).set_index("group")
    assert set(by_outlet.index) == {"gazette", "herald"}
    assert by_outlet.loc["herald", "share_male"] == 1.0
    by_period = gender_shares(out, by="period", metadata=meta)
    assert list(by_period["group"]) == ["2016-01", "2016-02"]
    speakers = gender_shares(out, unit="speakers").iloc[0]
    assert speakers["n"] == 3  # Ellis, Okafor, Brennan: each once however often quoted
    assert math.isclose(speakers["share_female"], 2 / 3)


def test_bad_input_is_refused():
    with pytest.raises(InputError, match="no text"):
        speaker_genders([{"doc_id": "x"}], {})
    with pytest.raises(InputError, match="not a quote record"):
        speaker_genders(["x"], {})
    with pytest.raises(InputError, match="add_measures"):
        gender_shares([{"doc_id": "x"}])
    with pytest.raises(InputError, match="do not index"):
        speaker_genders([{"doc_id": "x", "content": {"start": 0, "end": 3, "text": "abc"}}], {"x": "xyz"})
