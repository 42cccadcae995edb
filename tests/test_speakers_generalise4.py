"""Speaker rules of the session that annotated the resolution gold's ninth batch as a tuning set (issue 14): kinds
of error seen in the tuning sets' errors, each fixed by a general rule. Sentences of our own."""
from __future__ import annotations

from _helpers import resolve_span


def _resolve_at(parser, text, start, length):
    """(entity, type) of the speaker span ``text[start:start + length]`` resolved on its own."""
    from quotekit.speakers import resolve_speakers
    from quotekit.types import Attribution

    doc = parser.parse(text)
    span = doc.char_span(start, start + length)
    info = resolve_speakers(doc, [Attribution(kind="indirect", content=span, speaker=span)])[0]
    return info.entity, info.type


def _people(parser, text):
    from quotekit.speakers.coref import DocEntities

    index = DocEntities(parser.parse(text))
    return {e.name: e for e in index.entities if e.type == "person"}


def test_a_headline_verb_before_a_name_is_no_role(spacy_parser):
    # the parse of a headline can make its verb a noun: "mayor rebuffs" is no role of the man named after it
    text = ("Oslo's new mayor rebuffs Trump on trade pact; \nCalls plan 'short-sighted.'\n\n"
            "Republican presidential candidate Donald Trump had offered talks on Monday.")
    trump = _people(spacy_parser, text)["Donald Trump"]
    assert not any("rebuffs" in role for role in trump.roles)
    assert "Republican presidential candidate" in trump.roles


def test_a_premodifier_role_is_still_read(spacy_parser):
    text = "Japanese Foreign Minister Toshimitsu Motegi met his counterpart on Friday."
    motegi = _people(spacy_parser, text)["Toshimitsu Motegi"]
    assert any("Minister" in role for role in motegi.roles)


def test_an_as_phrase_describes_its_subject(spacy_parser):
    # "was elected as mayor of X", "served as governor": what the person is
    text = ("Ana Petrova, a lawyer, was elected as mayor of Varna last week.\n\n"
            "Tomas Greer served as governor of Ohio for eight years before he retired.")
    people = _people(spacy_parser, text)
    assert "mayor of Varna" in people["Ana Petrova"].descriptions
    assert "governor of Ohio" in people["Tomas Greer"].descriptions


def test_a_headline_role_is_the_person_the_lead_names_with_it(spacy_parser):
    # "Indiana governor endorses Cruz / ... the endorsement of Gov. Mike Pence": the news lead names later
    text = ("Ohio governor backs Rubio, but also praises front-runner.\n\n"
            "COLUMBUS - Marco Rubio, who badly needs a win in the state, received the endorsement of Gov. Ellen "
            "Marsh on Friday, a boost to his campaign.\n\nMarsh said Rubio was ready to lead.")
    assert resolve_span(spacy_parser, text, "Ohio governor") == ("Ellen Marsh", "person")


def test_a_lead_description_with_a_possessor_finds_the_person_described_later(spacy_parser):
    text = ("Leeds's new mayor rejects offer of talks; \nCalls it a stunt.\n\n"
            "The northern city's new mayor on Tuesday rejected an offer of talks from Senator Paul Hale, a "
            "Republican.\n\nAmira Daud was elected as mayor of Leeds last week.")
    assert resolve_span(spacy_parser, text, "The northern city's new mayor") == ("Amira Daud", "person")


def test_a_body_description_stays_unnamed(spacy_parser):
    # outside the headline and lead, "a councillor said" introduces no one the text names later
    text = ("Budget vote delayed.\n\nThe council met on Monday.\n\nThe vote was postponed after a long debate.\n\n"
            "A councillor said the figures were wrong.\n\nLater, councillor Ruth Obi proposed a new date.")
    entity, typ = resolve_span(spacy_parser, text, "A councillor")
    assert entity is None and typ == "anonymous"


def test_a_lead_role_held_by_someone_named_before_is_no_cataphora(spacy_parser):
    text = ("Senator Alan Webb backs the bill.\n\nA senator said on Monday the bill would pass. Reporters later "
            "asked Sen. Maria Lutz about it.")
    entity, _ = resolve_span(spacy_parser, text, "A senator")
    assert entity != "Maria Lutz"


def test_a_role_description_is_the_subject_in_focus_not_a_holder_named_long_before(spacy_parser):
    # a senator named many sentences back does not take "the senator" from the man the sentence is about
    text = ("Sen. Alan Webb, who chairs the panel, opened the hearing on Monday. The room was full. Witnesses waited "
            "outside. The hearing ran late. Lunch was skipped. Tempers frayed.\n\n"
            "Robert Hayes defends his record in an advertisement airing this week: \"I kept my word,\" the senator "
            "says. \"I will keep it again.\"")
    assert resolve_span(spacy_parser, text, "the senator") == ("Robert Hayes", "person")


def test_a_role_holder_named_nearby_keeps_the_description(spacy_parser):
    text = ("Robert Hayes met Sen. Alan Webb on Monday. \"We agreed on the budget,\" the senator said.")
    assert resolve_span(spacy_parser, text, "the senator") == ("Alan Webb", "person")


def test_a_person_in_focus_with_another_office_does_not_take_a_role(spacy_parser):
    text = ("Sen. Alan Webb, who chairs the panel, opened the hearing on Monday. The room was full. Witnesses waited "
            "outside. The hearing ran late. Lunch was skipped. Tempers frayed.\n\n"
            "Gov. Robert Hayes defends his record in an advertisement: \"I kept my word,\" the senator says.")
    assert resolve_span(spacy_parser, text, "the senator") == ("Alan Webb", "person")


def test_who_after_a_list_of_descriptions_is_the_person_they_describe(spacy_parser):
    # the parse may break a long list off its copula ("..., rampant xenophobe, ..." as a new subject); "who" is
    # still the person the list describes
    text = ("\u201cWe will win,\u201d he said.\nEditor\u2019s note: Carl Brandt regularly incites violence and is "
            "a habitual liar,\u00a0rampant xenophobe, racist, misogynist and bully who has repeatedly pledged to "
            "deport all migrants \u2015 11 million people \u2015 from the country.")
    assert resolve_span(spacy_parser, text, "who") == ("Carl Brandt", "person")


def test_who_after_a_description_with_a_copula(spacy_parser):
    text = "Mara Quinn is a veteran prosecutor who said the case was weak."
    assert resolve_span(spacy_parser, text, "who") == ("Mara Quinn", "person")


def test_who_after_a_plain_noun_stays_unnamed(spacy_parser):
    text = "Mara Quinn met voters in Ohio. One voter who attended said the meeting was short."
    entity, _ = resolve_span(spacy_parser, text, "who")
    assert entity is None


def test_an_occupation_by_its_ending_is_a_person_noun():
    from quotekit.speakers.roles import description_gender

    for word in ("neurosurgeon", "socialist", "pediatrician", "cardiologist"):
        assert description_gender(word) == "they", word
    for word in ("checklist", "playlist", "wrist", "persist", "surgeons'"):
        assert description_gender(word) is None, word


def test_a_description_by_an_occupation_is_the_person_in_focus(spacy_parser):
    text = ("Asked about the budget, Ben Marsh said he would cut taxes. \"We can do it,\" he said.\n\n"
            "The retired neurosurgeon addressed the crowd again on Friday.")
    assert resolve_span(spacy_parser, text, "The retired neurosurgeon") == ("Ben Marsh", "person")


def test_a_place_before_a_subject_it_does_not_describe_stays_a_place(spacy_parser):
    # "... toward Israel, the retired neurosurgeon and the businessman faced ...": the parse hangs the subject on
    # the place as an apposition; the place is no person
    from quotekit.speakers.coref import DocEntities

    text = ("With the council, a group of donors that shapes policy toward Israel, the retired neurosurgeon and the "
            "businessman faced a tougher crowd than usual.")
    index = DocEntities(spacy_parser.parse(text))
    assert not any(e.type == "person" and e.name == "Israel" for e in index.entities)


def test_a_long_quotation_does_not_take_its_speaker_out_of_the_pronouns_window(spacy_parser):
    # the quotation's own sentences are not narrative: "he said" after it is the man who was speaking before it,
    # not a man named inside it
    text = ("Grant has been criticised for a meeting last week with former Gov. Paul Adler at the airport. "
            "Senator Mark Ellison has repeatedly pointed to the meeting as proof of a rigged system.\n\n"
            "\u201cWhat happened is very big. For Paul Adler to go to the plane is a disgrace. Everybody knew it. "
            "They all knew it. Nobody did a thing. It is really amazing,\u201d he said at a rally.")
    assert _resolve_at(spacy_parser, text, text.index(" he said") + 1, 2) == ("Mark Ellison", "person")


def test_narrative_sentences_skip_wholly_quoted_ones(spacy_parser):
    from quotekit.speakers.coref import DocEntities

    text = "Ann Lee spoke first. \u201cWe won. We will win again.\u201d Then she left."
    index = DocEntities(spacy_parser.parse(text))
    counts = index._narrative_sentences()
    assert counts[-1] == counts[0] + 1


def test_an_organisations_unit_speaks_for_the_organisation(spacy_parser):
    text = ("The Chicago Tribune published the records on Sunday. The Chicago Tribune's investigative unit "
            "said the payments began in 2012.")
    assert resolve_span(spacy_parser, text, "The Chicago Tribune's investigative unit") == (
        "Chicago Tribune", "organization")


def test_a_persons_office_is_still_named_after_the_person(spacy_parser):
    text = "Sen. Trey Walsh declined to comment. Walsh's office said the senator was travelling."
    entity, typ = resolve_span(spacy_parser, text, "Walsh's office")
    assert typ == "organization" and entity is not None and "Walsh" in entity and "office" in entity


def test_a_description_naming_a_place_the_holder_lacks_is_the_person_in_focus(spacy_parser):
    text = ("Mark Delgado, who is third in many polls, stressed defense issues during an appearance with Sen. Joan "
            "Riley, R-Iowa.\n\nThe Texas senator told reporters he feels good about his campaign.")
    assert resolve_span(spacy_parser, text, "The Texas senator") == ("Mark Delgado", "person")


def test_a_description_naming_the_holders_place_keeps_the_holder(spacy_parser):
    text = ("Mark Delgado stressed defense issues during an appearance with Texas Sen. Joan Riley.\n\n"
            "The Texas senator told reporters she feels good about the campaign.")
    assert resolve_span(spacy_parser, text, "The Texas senator") == ("Joan Riley", "person")
