"""Speaker rules for issue 14's remaining kinds, found on PolNeAR training articles: a definite description of a
person the document named ("the New York businessman", "the woman") and first person in an opinion column whose
author is stated by an author note. Sentences of our own."""
from __future__ import annotations

from _helpers import resolved_speakers


COLUMN = ("Why the farm bill matters\n\nI grew up on a farm in Iowa, and I told the county board that the new rules "
          "would ruin small growers. Senator Tom Harkin visited the farm once. My father said that the bill would "
          "ruin us.\n\nThe bill passed anyway.\n\n")


def test_first_person_in_a_column_is_the_author_its_closing_note_names():
    speakers = resolved_speakers(COLUMN + "Jane Miller is a professor of economics at Iowa State University.")
    assert speakers["I"] == [("Jane Miller", "resolved")]
    assert speakers["My father"][0][0] is None  # the author's father: nobody the column names
    # without an author note nobody is stated: unresolved, not guessed
    assert resolved_speakers(COLUMN)["I"] == [(None, "unresolved")]


def test_a_writes_line_at_the_top_names_the_author():
    speakers = resolved_speakers("Jane Miller writes:\n\n" + COLUMN)
    assert speakers["I"] == [("Jane Miller", "resolved")]


def test_a_description_takes_the_person_the_document_described_so():
    text = ("Donald Trump, the New York businessman, spoke in Ohio on Monday. Hillary Clinton campaigned in "
            "Florida.\n\n\"We will win this state,\" the New York businessman said.")
    assert resolved_speakers(text)["the New York businessman"] == [("Donald Trump", "resolved")]


def test_a_description_matches_a_conjoined_apposition_and_a_predicate():
    text = ("Hillary Clinton, the former first lady and U.S. senator, spoke in Iowa. Her rival, Bernie Sanders, "
            "spoke in Ohio.\n\n\"We need a plan,\" the senator said.")
    assert resolved_speakers(text)["the senator"] == [("Hillary Clinton", "resolved")]
    text = ("Donald Trump became the Republican presidential nominee in July. Hillary Clinton said on Tuesday that "
            "she was ready. \"We will beat him,\" Clinton said. \"I am ready for her,\" the presidential nominee "
            "said.")
    assert resolved_speakers(text)["the presidential nominee"] == [("Donald Trump", "resolved")]


def test_a_description_of_a_relative_takes_the_one_named_so():
    text = ("Ivana Trump, his first wife, wrote a book about the family in 2017. Donald Trump praised the book.\n\n"
            "\"He was a good father,\" his former wife said.")
    assert resolved_speakers(text)["his former wife"] == [("Ivana Trump", "resolved")]


def test_a_plain_person_noun_takes_the_person_in_focus_of_its_gender():
    text = ("Hillary Clinton campaigned in Iowa on Monday. Her rival, Bernie Sanders, spoke in Ohio on the same "
            "day.\n\n\"We will win,\" the former first lady said.")
    assert resolved_speakers(text)["the former first lady"] == [("Hillary Clinton", "resolved")]


def test_a_description_of_someone_introduced_without_a_name_stays_anonymous():
    text = ("Bernie Sanders spoke in Manchester on Monday. One man in the crowd interrupted the senator.\n\n"
            "\"They stole the country,\" the man shouted.")
    assert resolved_speakers(text)["the man"] == [(None, "anonymous")]
    text = ("Hillary Clinton held a town hall in Concord. A young woman asked Clinton about her emails.\n\n"
            "\"I want answers,\" the woman said.")
    assert resolved_speakers(text)["the woman"] == [(None, "anonymous")]


def test_my_father_in_a_column_is_not_a_father_the_column_names():
    text = ("Patrick Harkin, his father, was a coal miner in Iowa, and Tom Harkin never forgot it.\n\nMy father "
            "said that the mines would close.")
    assert resolved_speakers(text)["My father"][0][0] is None


def test_first_person_in_a_letter_is_the_one_who_signs_it():
    letter = ("Dear Jean:\n\nThe rain came early this year. I told the grocer that I would pay him in June, and he "
              "agreed.\n\nMy best to you and yours.\n\nLove and faithful feelings,\n\nZora")
    assert resolved_speakers(letter)["I"] == [("Zora", "resolved")]
    unsigned = letter.rsplit("\n\n", 2)[0]  # no closing, no signature: nobody stated
    assert resolved_speakers(unsigned)["I"] == [(None, "unresolved")]
    one_line = unsigned + "\n\nRespectfully, Zora Hurston"
    assert resolved_speakers(one_line)["I"] == [("Zora Hurston", "resolved")]


from hypothesis import given, settings, strategies as st

from quotekit.speakers.authors import author_line, document_author, signature


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab Jane Doe is a writer,\n\tYours.Zé'-")), max_size=300))
def test_author_notes_and_signatures_are_names_the_text_contains(text):
    for found in (author_line(text), signature(text)):
        assert found is None or (found.strip() == found and found in text)
    author = document_author(text)
    assert author is None or author.name in text
