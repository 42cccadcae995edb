"""Speaker resolution on kinds of error seen across GUM's training documents (biographies, fiction, speeches):
pronoun chains that keep a text's topic, and what an author column holds."""
from __future__ import annotations

import pytest


def _speakers(parser, text, meta=None):
    """(speaker mention, entity) of each record, in document order."""
    from quotekit import extract

    quotes = extract(parser.parse(text), stance=False, meta=meta)
    return [(q.speaker.text, q.speaker_entity, q.content.text) for q in quotes if q.speaker is not None]


def _entity_of(found, words):
    return next(entity for _, entity, content in found if words in content)


def test_a_subject_pronoun_chain_keeps_the_topic_past_a_person_named_in_between(spacy_parser):
    """A biography names its subject once and goes on with "she": someone named between as a possessor or as the
    subject of a subordinate clause is not who "she wrote" is."""
    text = ("Maria Lopez was born in Springfield in 1901. Already in college her interests had turned to music. "
            "She spoke German and French fluently. She served as Anna Smith's interpreter when Smith visited "
            "China in 1920. In her memoir, she wrote that she could pick up a dialect in a week.")
    found = _speakers(spacy_parser, text)
    assert _entity_of(found, "pick up a dialect") == "Maria Lopez"


def test_a_person_named_as_a_main_subject_ends_the_chain(spacy_parser):
    text = ("Maria Lopez spoke first at the council meeting on Monday. She argued the bridge was late. She was "
            "angry. Then Sarah Johnson took the floor. She argued that the ferry would run until May.")
    found = _speakers(spacy_parser, text)
    assert _entity_of(found, "the ferry would run") == "Sarah Johnson"
    assert _entity_of(found, "the bridge was late") == "Maria Lopez"


@pytest.mark.parametrize("text", [
    "John Smith met the mayor on Monday. He said that the bridge was late.",
    "“The bridge is late,” John Smith said on Monday. He added that the ferry would run until May.",
])
def test_a_pronoun_without_a_chain_resolves_as_before(spacy_parser, text):
    found = _speakers(spacy_parser, text)
    assert found and found[-1][1] == "John Smith"


def test_a_pronoun_in_a_relative_clause_links_no_chain(spacy_parser):
    """"..., which he is expected to win, Jones said. '...,' he said": the quoted expert said it, not the
    candidate of the relative clause."""
    text = ("Ted Cruz has raised more money than any other candidate. That could carry him into the March primary "
            "in Texas, which he is expected to win, Mark Jones said.\n\n"
            "\"He is gaining momentum and has a plan,\" he said.")
    found = _speakers(spacy_parser, text)
    assert _entity_of(found, "gaining momentum") == "Mark Jones"


@pytest.mark.parametrize("name", ["Patty Judge", "Ann Price"])
def test_a_last_name_the_ner_leaves_out_stays_part_of_the_name(spacy_parser, name):
    """The NER tags the first name alone when the last name is also a noun ("Judge", "Price"): the person is the
    whole name, not a first name nobody else calls them by."""
    text = (f"Former Lt. Gov. {name} is running against Chuck Grassley. Grassley compared the race to a game. "
            "She said that the senator was out of touch.")
    found = _speakers(spacy_parser, text)
    assert _entity_of(found, "out of touch") == name
