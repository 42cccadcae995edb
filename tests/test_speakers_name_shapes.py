"""Shapes of English news names the speaker index must read as people (issue 14: speakers of unseen text): a
name followed by post-nominal letters ("Helen Aldred KC"), which the NER often labels an organisation.
Sentences of our own."""
from __future__ import annotations

from _fixtures_speakers import resolve_mentions

from quotekit.speakers.coref import DocEntities


def _resolve_all(parser, text, mentions):
    """``(entity, type)`` of each speaker mention (:func:`_fixtures_speakers.resolve_mentions`)."""
    return [(info.entity, info.type) for info in resolve_mentions(parser, text, mentions, "expand")]


def _people(parser, text):
    return sorted(e.name for e in DocEntities(parser.parse(text)).entities if e.type == "person")


def test_post_nominal_letters_make_a_person_of_the_name_before_them(spacy_parser):
    # the NER labels "Helen Aldred KC" an organisation; the apposed description and the pronoun are her
    text = ("Reid's barrister, Helen Aldred KC, said the case was weak. \"We will appeal,\" she said.")
    assert _resolve_all(spacy_parser, text, [("Reid's barrister", 0), ("she", 0)]) == [
        ("Helen Aldred", "person"), ("Helen Aldred", "person")]


def test_post_nominal_letters_are_no_part_of_the_name(spacy_parser):
    text = ("Mark Lowe QC said the ruling was wrong. Dr Anna Kim PhD said the drug works. The lawyer, John Brown "
            "Esq., said it was over.")
    people = _people(spacy_parser, text)
    assert {"Mark Lowe", "Anna Kim", "John Brown"} <= set(people)
    assert not any(name.endswith(("QC", "PhD", "Esq")) for name in people)


def test_a_place_before_letters_stays_a_place(spacy_parser):
    # two capitalised words before an abbreviation are no person where the abbreviation is a state's
    text = "North Charleston SC officials said the road would reopen on Monday."
    assert _people(spacy_parser, text) == []


def test_a_person_of_an_organisation_is_the_person_not_the_organisation(spacy_parser):
    # the NER labels "Hamilton" of "the Hamilton police" a person; the speaker is the person the phrase is about
    text = ("Paul Hayes of the Hamilton police said the road was closed. Maria Lind from the Carter Foundation "
            "said the grant was cut.")
    assert _resolve_all(spacy_parser, text, [("Paul Hayes of the Hamilton police", 0),
                                             ("Maria Lind from the Carter Foundation", 0)]) == [
        ("Paul Hayes", "person"), ("Maria Lind", "person")]


def test_a_description_of_someone_elses_aide_stays_unnamed(spacy_parser):
    # the name in the prepositional phrase is whom the unnamed speaker works for, not the speaker
    text = "A spokesman for Sen. Ted Cruz said the senator was busy."
    assert _resolve_all(spacy_parser, text, [("A spokesman for Sen. Ted Cruz", 0)]) == [(None, "anonymous")]


def test_a_generational_suffix_tells_namesakes_apart(spacy_parser):
    # a text that writes the name with and without "Sr." means father and son: the pronoun after the son's
    # statement is the son's, and the father keeps his own name
    text = ("Rep. Duncan Hunter endorsed the governor on Wednesday. Hunter told reporters that he liked the plan. "
            "He also said the race was close. His father, Duncan Hunter Sr., ran for president in 2008. "
            "\"He is a leader,\" Duncan Hunter Sr. said.")
    assert _resolve_all(spacy_parser, text, [("He", 0), ("Duncan Hunter Sr", 1)]) == [
        ("Duncan Hunter", "person"), ("Duncan Hunter Sr", "person")]
    assert _people(spacy_parser, text) == ["Duncan Hunter", "Duncan Hunter Sr"]


def test_a_surname_with_a_suffix_is_the_namesake_of_that_suffix(spacy_parser):
    text = ("Donald Trump Jr. said the meeting was short. Donald Trump said nothing about it on Monday. "
            "\"It was fine,\" Trump Jr. said.")
    assert _resolve_all(spacy_parser, text, [("Trump Jr", 0)]) == [("Donald Trump Jr.", "person")]
    assert _people(spacy_parser, text) == ["Donald Trump", "Donald Trump Jr."]


def test_a_plural_role_before_two_names_is_each_ones(spacy_parser):
    # "hosts X and Y": both are hosts, so "the host" is the host named last, not the candidate in focus
    text = ("In an interview with Evening Talk hosts Joe Barrow and Mika Lindqvist, the senator Hillary Stone said "
            "she liked the plan. She has since said the trip would be fun, something Barrow could understand. "
            "\"It is fun, it is an interesting idea,\" the host said.")
    index = DocEntities(spacy_parser.parse(text))
    roles = {e.name: e.roles for e in index.entities if e.type == "person"}
    assert roles["Mika Lindqvist"] == roles["Joe Barrow"] == ["Evening Talk host"]
    assert _resolve_all(spacy_parser, text, [("the host", 0)]) == [("Joe Barrow", "person")]


def test_a_singular_title_before_two_names_is_the_first_ones(spacy_parser):
    text = "Sen. Lindsey Graham and John Marsh, a businessman, said the deal was dead."
    index = DocEntities(spacy_parser.parse(text))
    roles = {e.name: e.roles for e in index.entities if e.type == "person"}
    assert roles["Lindsey Graham"] == ["Senator"] and "Senator" not in roles["John Marsh"]


def test_a_surname_particle_never_ends_a_name(spacy_parser):
    # the NER ends the person at "der" and labels "Leyen" a place: the name runs on to the surname
    text = ("Ursula von der Leyen said Europe was ready. \"We will act,\" von der Leyen said.")
    assert _people(spacy_parser, text) == ["Ursula von der Leyen"]
    assert _resolve_all(spacy_parser, text, [("Ursula von der Leyen", 0), ("von der Leyen", 1)]) == [
        ("Ursula von der Leyen", "person"), ("Ursula von der Leyen", "person")]


def test_a_rank_written_out_is_a_role_not_part_of_the_name(spacy_parser):
    # "Detective Sergeant": her role, which a later "the sergeant" names; "Sir" is an honour, no part of the name
    text = ("Detective Sergeant Amy Lord said two men were held. \"We are still looking,\" the sergeant said. "
            "Sir Keir Barlow said the vote would go ahead.")
    index = DocEntities(spacy_parser.parse(text))
    people = {e.name: e.roles for e in index.entities if e.type == "person"}
    assert people == {"Amy Lord": ["Detective Sergeant"], "Keir Barlow": []}
    assert _resolve_all(spacy_parser, text, [("the sergeant", 0)]) == [("Amy Lord", "person")]


def test_a_member_of_parliament_and_a_barrister_are_roles(spacy_parser):
    text = ("Former Labour MP Tom Watts said the party was split. \"It cannot go on,\" the MP said. Reid's "
            "barrister, Helen Aldred KC, said the case was weak.")
    index = DocEntities(spacy_parser.parse(text))
    roles = {e.name: e.roles for e in index.entities if e.type == "person"}
    assert roles["Tom Watts"] == ["Former Labour MP"] and roles["Helen Aldred"] == ["Reid's barrister"]
    assert _resolve_all(spacy_parser, text, [("the MP", 0)]) == [("Tom Watts", "person")]


def test_a_title_before_a_name_the_ner_calls_an_organisation_makes_a_person(spacy_parser):
    # the NER labels "Baroness Hale" an organisation; a peerage or honorific title opens a person's name
    text = "Baroness Hale said the prorogation was unlawful. \"It was wrong,\" she said."
    assert _resolve_all(spacy_parser, text, [("Baroness Hale", 0), ("she", 0)]) == [
        ("Hale", "person"), ("Hale", "person")]
