"""The lexicon folder (:mod:`quotekit.lexicons`): one comment rule, every lexicon loadable, read-only results."""
from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, strategies as st

from quotekit import lexicons
from quotekit.attribute.patterns import rules
from quotekit.errors import QuotekitError

FOLDER = resources.files("quotekit.lexicons")
TEXT_LEXICONS = sorted(p.name[:-4] for p in FOLDER.iterdir() if p.name.endswith(".txt"))
JSON_LEXICONS = sorted(p.name[:-5] for p in FOLDER.iterdir() if p.name.endswith(".json"))


def test_the_folder_holds_the_lexicons_of_every_stage():
    for name in ("speech_verbs", "belief_verbs", "promo_phrases", "roles", "titles", "media", "negators"):
        assert name in TEXT_LEXICONS
    assert {"frame_verbs", "semeval_targets"} <= set(JSON_LEXICONS)


@pytest.mark.parametrize("name", TEXT_LEXICONS)
def test_every_text_lexicon_has_entries_and_says_what_it_is(name):
    text = FOLDER.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    assert text.lstrip().startswith("#"), "the first line says what the list is for"
    entries = lexicons.lines(name)
    assert entries and not any(e.startswith("#") or e != e.strip() for e in entries)


@pytest.mark.parametrize("name", JSON_LEXICONS)
def test_every_json_lexicon_parses_to_a_fresh_object(name):
    first = lexicons.load_json(name)
    assert first == json.loads(FOLDER.joinpath(f"{name}.json").read_text(encoding="utf-8"))
    first.clear()
    assert lexicons.load_json(name), "a caller emptying its copy leaves the lexicon alone"


@given(st.lists(st.tuples(st.sampled_from(["", " ", "\t"]), st.text(alphabet="ab #\t", max_size=8))))
def test_comment_rule(lines):
    text = "\n".join(indent + body for indent, body in lines)
    expected = [body.strip() for _, body in lines if body.strip() and not body.strip().startswith("#")]
    assert list(lexicons.entry_lines(text)) == expected


def test_inner_hash_belongs_to_the_entry():
    assert lexicons.entry_lines("# a comment\n  #also one\n#ad\nsponsored #ad\n\n") == ("sponsored #ad",)


def test_results_are_read_only_and_shared():
    assert lexicons.load("speech_verbs") is lexicons.load("speech_verbs")
    assert isinstance(lexicons.speech_verbs(), frozenset)
    with pytest.raises(TypeError):
        lexicons.titles()["sen."] = "Sheriff"  # type: ignore[index]
    with pytest.raises(TypeError):
        lexicons.first_name_gender()["hillary"] = "m"  # type: ignore[index]
    assert lexicons.titles()["sen."] == "Senator"


def test_missing_lexicon_is_a_clear_error():
    with pytest.raises(lexicons.LexiconMissingError) as err:
        lexicons.load("speach_verbs")
    assert isinstance(err.value, QuotekitError) and "speech_verbs" in str(err.value)


def test_pattern_lexicon_references_resolve():
    """Every ``"@name"`` in the dependency patterns names a lexicon of the folder."""
    folder = resources.files("quotekit.attribute").joinpath("patterns")
    names = {m for p in folder.iterdir() if p.name.endswith(".jsonl")
             for m in re.findall(r'"@(\w+)"', p.read_text(encoding="utf-8"))}
    assert names and names <= set(TEXT_LEXICONS)
    assert rules()


def test_speaker_lexicons_read_their_formats():
    assert {"minister", "spokesperson"} <= lexicons.role_words()
    assert lexicons.titles()["mr."] == ""
    assert "newspaper" in lexicons.media_anaphors() and "times" in lexicons.media_name_words()
    assert lexicons.first_name_gender()["hillary"] == "f" and lexicons.first_name_gender()["barack"] == "m"
    assert "officials" in lexicons.anonymous_heads() or "official" in lexicons.anonymous_heads()


@pytest.mark.parametrize("word, speech", [("said", True), ("told", True), ("admitted", True), ("tweets", True),
                                          ("condemned", True), ("thought", False), ("believes", False),
                                          ("table", False)])
def test_speech_words_in_any_inflection(word, speech):
    assert lexicons.is_speech_word(word) is speech


def test_the_scorers_speech_filter_reads_its_own_frozen_list(monkeypatch):
    # growing the attributor's lexicon must not move the gold denominator figures are compared on
    from quotekit.evaluate.gold import GoldAttribution
    from quotekit.evaluate.scorer import is_speech

    text = "The senator insisted the bill would pass. He thinks it will."
    insisted = GoldAttribution(content=((21, 41),), cue=((12, 20),), source=((0, 11),))
    thinks = GoldAttribution(content=((52, 60),), cue=((45, 51),), source=((42, 44),))
    assert lexicons.is_gold_speech_cue("insisted") and not lexicons.is_gold_speech_cue("thinks")
    monkeypatch.setattr(lexicons, "speech_verbs", lambda: frozenset({"think"}))
    assert is_speech(text, insisted) and not is_speech(text, thinks)
