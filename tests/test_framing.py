"""Framing: the reporter's cue verb read apart from polarity (said / insisted / claimed / admitted / slammed)."""
from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given, strategies as st

from quotekit.attribute import find_attributions
from quotekit.stance import lexicon
from quotekit.stance.framing import cue_framing, framing, framing_of_text, framing_table, framings

SENTENCES = [
    ("The mayor said the budget would be balanced by June.", "neutral"),
    ("The senator insisted that the plan would create thousands of jobs.", "assertive"),
    ("The company claimed that its product had never failed a safety test.", "doubting"),
    ("The minister admitted that mistakes had been made during the rescue.", "conceding"),
    ("Trump slammed the deal as a disaster for American workers.", "negative"),
    ("The governor praised the volunteers who cleaned up the river.", "positive"),
    ("According to the police chief, the suspect fled on foot.", "neutral"),
    ("The spokeswoman denied that the agency had destroyed any records.", "negative"),
    ("“We will not back down,” the union leader declared on Monday.", "assertive"),
    ("Officials acknowledged that the report was incomplete.", "conceding"),
]


@pytest.mark.parametrize("sentence, expected", SENTENCES)
def test_cue_framing_on_real_sentences(spacy_parser, sentence, expected):
    doc = spacy_parser.parse(sentence)
    atts = [a for a in find_attributions(doc) if a.cue is not None]
    assert atts, f"no attribution with a cue in {sentence!r}"
    assert cue_framing(atts[0].cue) == expected, atts[0].cue.text
    assert framing_of_text(atts[0].cue.text) == expected  # the same from the record's cue text, without a parse


def test_framing_of_lemmas():
    assert [framing(w) for w in ("say", "insist", "claim", "admit", "slam", "praise")] == [
        "neutral", "assertive", "doubting", "conceding", "negative", "positive"]
    assert framing("Insist") == "assertive"
    assert framing(None) == framing("") == framing("frobnicate") == "neutral"


def test_polar_framings_come_from_frame_verbs():
    """One source of truth: each polar verb's framing is the sign of its prior, unless framing.json lists it."""
    raw = json.loads(resources.files("quotekit.lexicons").joinpath("framing.json").read_text("utf-8"))
    listed = {w for words in raw["categories"].values() for w in words}
    for lemma, prior in lexicon.frame_verbs().items():
        if lemma in listed or prior == 0:
            continue
        assert framing(lemma) == ("positive" if prior > 0 else "negative"), lemma
    assert framing("allege") == "doubting" and lexicon.frame_verbs()["allege"] < 0  # the listed category wins


def test_categories_are_disjoint_and_ordered():
    raw = json.loads(resources.files("quotekit.lexicons").joinpath("framing.json").read_text("utf-8"))
    seen: dict[str, str] = {}
    for category, words in raw["categories"].items():
        assert category in raw["order"]
        for w in words:
            assert w == w.lower() and w not in seen, (w, category, seen.get(w))
            seen[w] = category
    assert framings()[0] == "neutral" and set(framing_table().values()) <= set(framings())
    assert {"positive", "negative"} <= set(framing_table().values())


@given(st.text(max_size=60))
def test_framing_of_any_text_is_a_known_framing(text):
    assert framing_of_text(text) in framings()
    assert framing(text) in framings()


def test_speaker_framing_table_on_real_sentences(spacy_parser):
    from quotekit.aggregate.stance_tables import speaker_framing_table

    records = []
    for n, (sentence, expected) in enumerate(SENTENCES):
        att = next(a for a in find_attributions(spacy_parser.parse(sentence)) if a.cue is not None)
        records.append({"doc_id": "d", "quote_id": f"d:{n}", "kind": att.kind,
                        "content": {"start": att.content.start_char, "end": att.content.end_char,
                                    "text": att.content.text},
                        "cue": {"text": att.cue.text}, "speaker_entity": f"Speaker {n % 2}", "expected": expected})
    table = speaker_framing_table(records)
    for speaker in ("Speaker 0", "Speaker 1"):
        mine = [r["expected"] for r in records if r["speaker_entity"] == speaker]
        rows = table[table["name"] == speaker]
        assert dict(zip(rows["framing"], rows["n"])) == {f: mine.count(f) for f in set(mine)}
        assert abs(rows["share"].sum() - 1.0) < 1e-9
    # a record's own framing field wins over its cue text
    records[0]["framing"] = "doubting"
    table = speaker_framing_table(records)
    assert "doubting" in set(table[table["name"] == "Speaker 0"]["framing"])
