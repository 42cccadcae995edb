"""Speaker rules of the session that annotated the resolution gold's eighth batch as a tuning set (issue 14):
kinds of error seen in its fresh errors, each fixed by a general rule. Sentences of our own."""
from __future__ import annotations

from _helpers import resolve_span


def test_a_dateline_run_into_a_name_leaves_the_person(spacy_parser):
    # "ROME - Bernie Sanders met ...": the NER reads dateline and name as one organisation; the person is the
    # subject the next sentence's description refers to, not the man he met
    from quotekit.speakers.coref import DocEntities

    text = ("Talks resume at the Vatican.\n\nROME - Bernie Sanders met privately with Cardinal Peter Turkson on "
            "Saturday, a rare stop on a busy tour.\n\nThe Democratic presidential candidate said the meeting was "
            "for personal reasons.")
    doc = spacy_parser.parse(text)
    index = DocEntities(doc)
    people = [e.name for e in index.entities if e.type == "person"]
    assert "Bernie Sanders" in people
    assert not any("ROME" in e.name for e in index.entities)
    assert resolve_span(spacy_parser, text, "The Democratic presidential candidate") == ("Bernie Sanders", "person")


def test_a_dateline_entity_keeps_an_organisation_its_label(spacy_parser):
    from quotekit.speakers.coref import _without_dateline

    doc = spacy_parser.parse("WASHINGTON - The Senate Judiciary Committee voted on Tuesday to send the bill on.")
    for ent in doc.ents:
        trimmed = _without_dateline(ent, [t.text for t in doc])
        assert "WASHINGTON" not in trimmed.text or trimmed.text == ent.text
        if trimmed.text != ent.text:
            assert trimmed.label_ == ent.label_


def test_an_entity_without_a_dateline_is_unchanged(spacy_parser):
    from quotekit.speakers.coref import _without_dateline

    doc = spacy_parser.parse("Anna Kowalski - a nurse from Ohio - said the clinic had closed.")
    for ent in doc.ents:
        assert _without_dateline(ent, [t.text for t in doc]) is ent


def test_a_description_looks_back_past_the_further_sentences_of_a_quotation(spacy_parser):
    # the speaker's quotation runs on for sentences; the description after it is still that speaker
    text = ("Maria Delgado says the state should spend more on rural clinics.\n\n"
            "\u201cWe are not there yet, but it is too soon to give up,\u201d Delgado said on Sunday. \u201cI think "
            "the plan can work. And I think there are more steps to take. We owe it to the families.\u201d\n\n"
            "The Democratic front-runner said the state needed a stronger health plan.")
    assert resolve_span(spacy_parser, text, "The Democratic front-runner") == ("Maria Delgado", "person")


def test_a_description_far_from_any_named_person_stays_unnamed(spacy_parser):
    # the narrative sentences between still count: no person in focus, no guess
    text = ("Maria Delgado spoke in March.\n\nThe weather turned cold in April. Roads were closed for a week. "
            "Schools shut early. Stores ran out of salt.\n\nThe candidate said the roads were a disgrace.")
    assert resolve_span(spacy_parser, text, "The candidate")[0] is None
