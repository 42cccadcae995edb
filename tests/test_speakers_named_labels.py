"""Named speakers the NER misses or mislabels (issue 14: named speakers with no entity at all). Invented
news-like text of the shapes seen in PolNeAR train."""
from __future__ import annotations

from quotekit import extract


def _speakers(text: str) -> list[tuple[str, object]]:
    return [(q.speaker.text, q.speaker_entity) for q in extract(text, doc_id="x") if q.speaker is not None]


def test_a_headline_label_is_the_person_the_story_names_in_full():
    """'Trump: ...' opens a headline: the tagger reads the label as a common noun and the NER skips headlines,
    but the story names him in full below; the label's speaker is that person."""
    for label, name in (("Sanders", "Bernie Sanders"), ("Cruz", "Ted Cruz")):
        text = (f"{label}: We Will Win The Nomination\n\n"
                f"{name} said on Friday that the campaign would win the nomination.")
        assert (label, name) in _speakers(text)


def test_a_label_the_story_never_names_stays_without_a_person():
    text = "Poll: Voters Sour On Congress\n\nA new survey found that approval of Congress fell to 12 percent."
    assert all(entity is None for _, entity in _speakers(text))


def test_a_titled_name_the_ner_calls_an_organisation_is_a_person_and_its_surname_speaks_for_them():
    """'Fox News host Sean Hannity' is labelled ORG by the NER; a host (or chief executive, or strategist) is a
    person, so the bare 'Hannity said' later is that person, not a speaker without an entity."""
    text = ("Fox News host Sean Hannity spoke with Marco Rubio on Tuesday. The two had feuded for months. "
            "Hannity said the feud was over, and Rubio agreed.")
    assert ("Hannity", "Sean Hannity") in _speakers(text)


def test_a_firm_after_a_role_a_firm_can_hold_or_ending_in_an_organisation_word_stays_an_organisation():
    from quotekit.parse import load_parser
    from quotekit.speakers.coref import DocEntities

    parser = load_parser("spacy")
    for text, name in (("Turnout data came from pollster Edison Research, which said turnout rose.", "Edison Research"),
                       ("The study was funded by billionaire Warren Foundation, officials said.", "Warren Foundation")):
        entities = {e.name: e.type for e in DocEntities(parser.parse(text)).entities}
        assert entities.get(name) == "organization", (text, entities)



def test_a_transcript_label_the_ner_runs_into_the_turn_keeps_the_name_alone():
    """The NER reads 'Luciana Lopez: Saying' as one person: a name never runs across a colon, so the person (and
    every speaker resolved to her) is 'Luciana Lopez'."""
    text = ("Reuters reporter Luciana Lopez joined the panel on Sunday.\n\n"
            "Luciana Lopez: Saying to people that Wall Street is the problem is too simple.\n\n"
            "Lopez: Well, no one is like that.")
    assert {entity for _, entity in _speakers(text)} == {"Luciana Lopez"}


def _records(text: str) -> list[dict]:
    return [q.to_dict() for q in extract(text, doc_id="x")]


def test_a_name_closing_its_mention_is_the_speaker_whatever_the_parse_made_the_head():
    """'Co-host Mika Brzezinski' parses with 'Co' as the subject, and 'GOP contender and former neurosurgeon Ben
    Carson' as a coordination: the person named at the end of the mention is still who speaks (with the role
    written before the name, the hyphenated word whole)."""
    first = _records("Co-host Mika Brzezinski asked whether the senator had any regrets.")[0]
    assert (first["speaker_entity"], first["speaker_type"], first["speaker_role"]) == ("Mika Brzezinski", "person",
                                                                                       "Co-host")
    second = _records("GOP presidential contender and former neurosurgeon Ben Carson responded that the story "
                      "was false.")[0]
    assert (second["speaker_entity"], second["speaker_type"]) == ("Ben Carson", "person")


def test_a_name_closing_a_mention_of_someone_else_or_of_several_is_not_the_speaker():
    """A name hung on a preposition, or closing a mention whose head is no description of one person
    ("Everyone but", a plural, a pronoun), does not make the mention that person."""
    for text in ("A spokesman for Ben Carson said the story was false.",
                 "Everyone but Walter Hewlett said the deal was fine.",
                 "Presidential candidates like Donald Trump and Bernie Sanders said the deal was bad."):
        assert _records(text)[0]["speaker_entity"] is None, text


def test_a_headline_verb_the_ner_runs_into_a_name_is_no_part_of_it():
    """'Glenn Beck Blasts Drudge': the NER reads 'Glenn Beck Blasts' as one person; an inflected communication
    verb is no name's third word, so the headline's speaker is Glenn Beck, the man the story names."""
    for headline, name in (("Glenn Beck Blasts Drudge: 'He Is A Fraud'", "Glenn Beck"),
                           ("Dennis Prager Tells Students: 'Think For Yourselves'", "Dennis Prager")):
        surname = name.split()[-1]
        text = (f"{headline}\n\nThe radio host {name} spoke at the college on Monday. "
                f"\"Think for yourselves,\" {surname} said.")
        speakers = _speakers(text)
        assert (name, name) in speakers, speakers
        assert all(entity == name for _, entity in speakers), speakers


def test_a_surname_that_is_a_role_word_after_mr_is_the_person():
    """'Mr. King' is Representative Peter King, not an anonymous king: a capitalised role word right after an
    honorific is a surname. 'Mr. President' stays an office."""
    text = ("Representative Peter King of New York spoke on Tuesday. \"We need to be vigilant,\" Mr. King said. "
            "The candidate met Ellen Bishop, a teacher. \"I was impressed,\" Ms. Bishop said of the meeting.")
    speakers = _speakers(text)
    assert ("Mr. King", "Peter King") in speakers, speakers
    assert ("Ms. Bishop", "Ellen Bishop") in speakers, speakers


def test_an_office_after_mr_stays_an_office():
    """'Mr. President' addresses an office: the role word after the honorific is no surname there."""
    from quotekit.parse import load_parser
    from quotekit.speakers.mentions import classify

    doc = load_parser("spacy").parse("Mr. President said the bill would pass.")
    mention = classify(doc[0:2])
    assert mention.kind != "name" or mention.name is None or mention.name.text != "President"
