"""Speaker rules found by measuring on GUM's training documents (``quotekit evaluate --gum``): a description
with the name in apposition, a title before a name, a surname the tagger read as a noun at a sentence start, and
"I" in the answers of a question-and-answer interview. Sentences of our own."""
from __future__ import annotations

from _helpers import resolved_speakers


def test_a_description_takes_the_name_in_apposition_after_it():
    text = ("The council met on Monday.\n\nThe secretary general of the union (a labour federation), Nunzio "
            "Galantino, has called the ruling \"dangerous\".")
    assert resolved_speakers(text)["The secretary general of the union"] == [("Nunzio Galantino", "resolved")]


def test_a_title_before_a_name_is_part_of_the_name_mention():
    text = "The museum drew 11,000 visitors in 2010, according to curator Elaine Gustafon."
    assert resolved_speakers(text)["curator Elaine Gustafon"] == [("Elaine Gustafon", "name")]


def test_a_sentence_initial_surname_read_as_a_noun_still_names_the_person():
    text = ("Mark Rathbun, a former official, left the group in 2004. Steve Whitmore, a spokesman, stated that the "
            "claim was false.\n\nRathbun requested donations on his blog. He described the case as \"a disgrace\".")
    speakers = resolved_speakers(text)
    assert speakers["He"] == [("Mark Rathbun", "resolved")]
    assert speakers["Rathbun"] == [("Mark Rathbun", "name")]


def test_first_person_in_the_answers_of_an_interview_is_the_interviewee():
    body = ("Why did the city build the bridge?\n\nI told the council that the old one was unsafe, and I said the "
            "repairs would cost more.\n\nWhat happens next?\n\nIt opens in May.")
    interview = "Wikinews interviews Maria Lopez about the new bridge\n\nMaria Lopez is the mayor of Riverton.\n\n"
    assert resolved_speakers(interview + body)["I"] == [("Maria Lopez", "resolved")] * 2
    # without an interview phrase the one person named is no evidence: unresolved, not guessed
    plain = "Maria Lopez is the mayor of Riverton.\n\n"
    assert resolved_speakers(plain + body)["I"] == [(None, "unresolved")] * 2


def test_a_question_is_not_answered_by_the_interviewee():
    text = ("Wikinews interviews Maria Lopez about the new bridge\n\nWhy did the city build it?\n\nIt was unsafe.\n\n"
            "Did I tell the council that the repairs would cost more?\n\nYes.")
    assert resolved_speakers(text)["I"] == [(None, "unresolved")]


def test_it_refers_to_the_organisation_that_was_the_subject_not_the_last_one_named():
    text = ("The National Union of Teachers has launched a petition asking the government to respect the ruling of "
            "the Supreme Court. It said that citizens should ask their towns to apply the law.")
    assert resolved_speakers(text)["It"] == [("National Union of Teachers", "resolved")]


def test_they_after_an_organisation_as_subject_is_that_organisation_and_otherwise_anonymous():
    org = ("The European Union is drafting rules for software makers. They said that the makers must list "
           "their training data.")
    assert resolved_speakers(org)["They"] == [("European Union", "resolved")]
    people = ("The European Union is drafting rules for software makers. Critics fear the costs. They said that "
              "the makers would leave.")
    assert resolved_speakers(people)["They"] == [(None, "anonymous")]


def test_a_person_entity_with_digits_is_no_candidate_for_she(spacy_parser):
    from quotekit.speakers.coref import DocEntities

    doc = spacy_parser.parse("Jenna Mourey posted a video. YouTube Rewind 2013 featured her channel. "
                             "She said that the video was a joke.")
    names = [e.name for e in DocEntities(doc).entities if e.type == "person"]
    assert names and not any(ch.isdigit() for name in names for ch in name)


def test_they_after_an_organisation_and_plural_people_is_those_people():
    text = ("The Associated Press interviewed more than 20 former crew members and editors. They said that the "
            "boss had been rude.")
    assert resolved_speakers(text)["They"] == [(None, "anonymous")]


def test_a_description_takes_only_a_name_of_its_kind_and_a_plural_none():
    group = "Presidential candidates, Hillary Clinton and Donald Trump, said that the debate was fair."
    assert all(entity != "Hillary Clinton" for entity, _ in resolved_speakers(group).get("Presidential candidates", []))
