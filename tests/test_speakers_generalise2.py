"""Speaker rules of the session that made the resolution gold's sixth batch a tuning set (issue 14): kinds of
error seen in more than one document and set of the tuning gold, each fixed by a general rule. Sentences of our
own."""
from __future__ import annotations

from _helpers import resolve_span


def test_who_after_a_description_in_apposition_to_a_name_is_the_named_person(spacy_parser):
    # a party or a faith the tagger reads as a name ("a Republican") describes the person as a noun would
    text = ("Maria Lopez, 61, said she had voted for the party all her life.\n\nBut Ms. Lopez, a Republican who "
            "described herself as a devout Catholic, said she would stay home in November.")
    assert resolve_span(spacy_parser, text, "who") == ("Maria Lopez", "person")


def test_who_after_the_last_of_a_list_of_descriptions_is_the_subject_they_describe(spacy_parser):
    text = "Frank Miller is a serial liar, a rampant xenophobe and a bully who has pledged to close the border."
    assert resolve_span(spacy_parser, text, "who") == ("Frank Miller", "person")


def test_who_after_no_person_is_unnamed_people(spacy_parser):
    # "who" is people: where its noun names no one, the speakers are unnamed, not of unknown type
    text = ("One in four voters said the party was hostile to them, about the same number who said the party "
            "truly cares.")
    assert resolve_span(spacy_parser, text, "who") == (None, "anonymous")
    text = ("Hours later, the mayor became the target of scorn from activists on the left, who accused him of "
            "ignoring the protesters.")
    assert resolve_span(spacy_parser, text, "who") == (None, "anonymous")


def test_the_newspaper_is_the_outlet_the_text_said_was_one(spacy_parser):
    # no outlet word ends the name ("Union Leader", "The Advocate"): an apposition or its editors say what it is
    text = ("The Valley Ledger, the state's largest newspaper, has run a string of editorials against the plan. "
            "\"The governor has misled voters,\" the editorial board wrote on Sunday.")
    assert resolve_span(spacy_parser, text, "the editorial board") == ("Valley Ledger", "organization")
    text = ("The flooding did not sit well with the editors of The Dispatch, who aimed their Friday editorial at the "
            "senator.\n\n\"He should come and see the damage,\" the editorial said.\n\nThe newspaper said the "
            "senator had ignored the state for months.")
    assert resolve_span(spacy_parser, text, "The newspaper") == ("Dispatch", "organization")


def test_a_place_the_parse_sets_beside_a_newspaper_is_no_outlet(spacy_parser):
    text = ("Days after the storm hit flood-ravaged Louisiana, a local newspaper called on the governor to act.\n\n"
            "The newspaper said the state needed help.")
    assert resolve_span(spacy_parser, text, "The newspaper")[0] != "Louisiana"


def test_an_author_note_with_the_authors_description_first_names_the_column_author():
    from quotekit.speakers.authors import author_line, document_author

    column = ("Trust in government is falling.\n\nThe reason, I'm afraid, is that government isn't trustworthy.\n\n"
              "This, I predict, will not end well.\n\nJane Marie Holt, a University of Vermont law professor, is a "
              "member of USA TODAY's Board of Contributors.")
    assert author_line(column) == "Jane Marie Holt"
    assert document_author(column).person
    # a story's closing paragraph describing someone it quoted is no author note
    story = ("The council met on Monday.\n\n\"We will vote next week,\" Smith said.\n\nThe vote was delayed.\n\n"
             "John Smith, a Democrat from Ohio, is a member of the committee.")
    assert author_line(story) is None


def test_a_headlines_expert_is_the_first_commentator_the_article_describes_by_expertise(spacy_parser):
    text = ("Some senators skip the convention;\nBut expert says more candidates keep their distance.\n\n"
            "Several senators in close races will not attend the convention in Cleveland.\n\n"
            "\"They do not want to be seen with him,\" said Maria Keller, director of the Institute for Politics "
            "at Ohio State University. \"It is a moment of reckoning.\"\n\n"
            "\"We have other plans,\" said Tom Hall, a spokesman for one campaign.")
    assert resolve_span(spacy_parser, text, "expert") == ("Maria Keller", "person")


def test_a_headlines_expert_stays_unnamed_when_no_one_is_described_by_expertise(spacy_parser):
    text = ("Some senators skip the convention;\nBut expert says more candidates keep their distance.\n\n"
            "Several senators in close races will not attend the convention in Cleveland.\n\n"
            "\"We have other plans,\" said Tom Hall, a spokesman for one campaign.")
    assert resolve_span(spacy_parser, text, "expert")[0] is None


def test_an_upper_case_who_is_the_organisation_not_a_relative_pronoun(spacy_parser):
    from quotekit.speakers.mentions import classify

    text = "The World Health Organization (WHO) warned against the pills. WHO said they do not protect anyone."
    doc = spacy_parser.parse(text)
    start = text.index("WHO said")
    assert classify(doc.char_span(start, start + 3)).kind != "relative"
    assert resolve_span(spacy_parser, text, "WHO", 1)[1] != "anonymous"
