"""Speaker rules for the local reading of a mention (issue 14): a pronoun in a fronted clause refers to the main
clause's subject named after it, "who" after a description of a person (or a copula) is that person, "another"
is unnamed sourcing. Sentences of our own."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from _helpers import resolved_speakers

TYPES = {"person", "organization", "anonymous", "unknown"}


def test_a_pronoun_in_a_fronted_clause_refers_to_the_subject_named_after_it():
    text = ("Donald Trump held a rally in Ohio on Monday.\n\nAfter he attacked the Girl Scouts on his radio show, "
            "Pastor Kevin Swanson said that the group should be boycotted.")
    assert resolved_speakers(text)["he"] == [("Kevin Swanson", "resolved")]
    text = ("Donald Trump held a rally in Ohio on Monday.\n\nIn remarks that he said were off the cuff, President "
            "Barack Obama criticized the candidate.")
    assert resolved_speakers(text)["he"] == [("Barack Obama", "resolved")]


def test_a_pronoun_of_the_main_clause_is_no_cataphora():
    text = ("Senator Marco Rubio spoke on Monday. After the vote, Jeb Bush left the hall, and he said that the "
            "party was divided.")
    assert resolved_speakers(text)["he"] == [("Jeb Bush", "resolved")]


def test_who_after_a_description_with_a_place_is_the_person_described():
    text = ("Many donors were unhappy. \"It was offensive,\" said Alan Berger, a dentist from Englewood, New "
            "Jersey, who said that he would not give money this year.")
    assert resolved_speakers(text)["who"] == [("Alan Berger", "resolved")]


def test_who_after_a_copula_predicate_is_its_subject():
    text = ("George Zimmerman was acquitted in 2013. Zimmerman said he wanted to end the career of Angela Corey. "
            "Angela Corey is the state attorney who said that the case was strong.")
    assert resolved_speakers(text)["who"] == [("Angela Corey", "resolved")]


def test_another_as_a_speaker_is_unnamed_sourcing():
    text = ("David Waters responded on Twitter. Waters tweeted, \"The senator did the same last week.\" Another "
            "tweeted, \"She thinks she is above the rules.\"")
    assert resolved_speakers(text)["Another"] == [(None, "anonymous")]


def test_a_subject_of_the_pronouns_own_sentence_beats_a_speaker_named_before():
    text = ("Senator Marco Rubio spoke in Iowa on Monday. After the vote, Jeb Bush left the hall, and he said that "
            "the party was divided.")
    assert resolved_speakers(text)["he"] == [("Jeb Bush", "resolved")]


def test_a_surname_with_a_particle_joins_the_full_name():
    text = ("Donald Trump called upon Mayor Bill de Blasio to restart the program. De Blasio disbanded the unit in "
            "April 2014.\n\n\"There is hatred,\" the Republican presidential candidate said on Thursday.")
    assert resolved_speakers(text)["the Republican presidential candidate"] == [("Donald Trump", "resolved")]


def test_he_added_continues_the_previous_speaker_past_a_caption():
    text = ("\"I can do what I like with my possessions,\" George Zimmerman said on Monday. He did not elaborate. "
            "The auction closes on Friday.\n\nREUTERS\n\nPolice officer Timothy Smith holds up the gun at the 2013 "
            "trial.\n\n\"The gun is fully functional,\" he added.")
    assert resolved_speakers(text)["he"] == [("George Zimmerman", "resolved")]


def test_they_is_not_the_names_listed_as_examples():
    listed = ("Black women of all ages gathered to celebrate the anniversary. They watched performances from stars "
              "{} Brandy, Monica and Lauryn Hill. They also said that the evening was a triumph.")
    for marker in ("like", "such as", "including"):
        assert resolved_speakers(listed.format(marker))["They"] == [(None, "anonymous")], marker
    named = "Senators Lindsey Graham and John McCain met the president. They said that the deal was a mistake."
    assert resolved_speakers(named)["They"] == [(None, "resolved")]  # a group: its members, no single entity


def test_a_possessive_pronoun_as_a_speaker_takes_a_person_of_its_gender(spacy_parser):
    from quotekit.speakers import resolve_speakers
    from quotekit.types import Attribution

    text = "Hillary Clinton spoke first. Ben Carson read from a text, and his remarks on Israel drew boos."
    doc = spacy_parser.parse(text)
    his = doc.char_span(text.index("his"), text.index("his") + 3)
    info = resolve_speakers(doc, [Attribution(kind="indirect", content=his, speaker=his)])[0]
    assert (info.entity, info.type) == ("Ben Carson", "person")


def test_the_magazine_is_the_one_named_before_its_noun():
    text = ("As The Hill reported in May, the campaign changed its message.\n\nOn Friday the two spouses submitted "
            "recipes for Family Circle magazine's cookie poll. The recipes were simple.\n\nThe magazine said that "
            "the poll had predicted every winner since 1992.")
    assert resolved_speakers(text)["The magazine"] == [("Family Circle", "resolved")]


def test_the_news_service_is_the_outlet_that_was_just_the_subject():
    text = ("Senator Ron Johnson wrote an op-ed for Fox News in 2014. He said security was reduced.\n\nPolitifact "
            "examined the charge and rated it true. The news service said that the review board agreed.")
    assert resolved_speakers(text)["The news service"] == [("Politifact", "resolved")]


def test_it_follows_a_description_of_the_organisation_by_its_own_noun():
    text = ("In 1943 the Census Bureau gave the Secret Service the names of Japanese Americans. Historians only "
            "found the records in 2007.\n\nThe bureau acts as if this is ancient history. But in 2004 it said that "
            "the data on Arab Americans were public.")
    assert resolved_speakers(text)["it"] == [("Census Bureau", "resolved")]



def test_an_occupation_noun_skips_a_person_with_another_stated_office():
    text = ("Donald Trump spoke to the group on Thursday. Many were unhappy with Trump's refusal to discuss "
            "Jerusalem.\n\n\"It was offensive,\" said Ari Fleischer, a former White House press secretary.\n\n"
            "Instead, the businessman has insisted that he will win the state.")
    assert resolved_speakers(text)["the businessman"] == [("Donald Trump", "resolved")]
    text = ("Hillary Clinton said Donald Trump had praised Russian President Vladimir Putin.\n\n\"I will be tough,\" "
            "the New York businessman said on Monday.")
    assert resolved_speakers(text)["the New York businessman"] == [("Donald Trump", "resolved")]
    # an occupation is no office: "the actor" may be the comedian named before
    text = ("Veteran comedian Tim Allen hit a milestone with his ABC series.\n\nAllen has given many lines to family "
            "patriarch Mike Baxter, portrayed by Allen.\n\n\"I am not as well worded,\" the actor said.")
    assert resolved_speakers(text)["the actor"] == [("Tim Allen", "resolved")]
    # a plain noun for a person still takes whoever is in focus
    text = ("Bernie Sanders spoke in Manchester. \"We need a plan,\" said Ari Fleischer, a former White House press "
            "secretary.\n\n\"I disagree,\" the man said.")
    assert resolved_speakers(text)["the man"] == [("Ari Fleischer", "resolved")]



def test_the_possessor_of_a_subject_outranks_a_possessor_in_the_object():
    text = ("The interview aired on Monday night.\n\nDonald Trump's guiding principle was getting through Anderson "
            "Cooper's questions. He insisted that he never said it.")
    assert resolved_speakers(text)["He"] == [("Donald Trump", "resolved")]



def test_a_name_inside_a_fronted_participle_clause_is_not_the_subject_pronoun():
    text = ("Actress Susan Sarandon spoke to MSNBC on Monday about the race. \"Bernie has no ego,\" she said.\n\n"
            "Asked about her vote in the event that Hillary Clinton faces Trump, she replied that she did not know.")
    assert resolved_speakers(text)["she"][-1] == ("Susan Sarandon", "resolved")


def test_a_first_name_of_female_form_outside_the_lexicon_does_not_take_he():
    text = ("Comedian John Leguizamo spoke about his new show.\n\nHuffPost Live host Alyona Minkovski asked about the "
            "project. \"Just imagine you are a kid,\" he said.")
    assert resolved_speakers(text)["he"] == [("John Leguizamo", "resolved")]


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8).map(str.capitalize)
_SENTENCES = (
    "After he met {a}, {b} {c} said the plan would fail.",
    "{a} {b} magazine published a poll. The magazine said it was right.",
    "The {a} Bureau gave {b} the data. The bureau said it had no choice.",
    "\"We will win,\" said {a} {b}, a dentist from {c}, who said he knew {a}.",
    "{a} is the attorney who said that {b} {c} was guilty.",
    "They praised stars like {a}, {b} and {c}. They said they were proud.",
    "\"It works,\" {a} {b} said. {c} holds the gun. \"It is ready,\" he added.",
    "{a} examined the claim. The news service said it was true. Another said his view was wrong.",
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=st.lists(st.tuples(st.sampled_from(_SENTENCES), _WORD, _WORD, _WORD), min_size=1, max_size=4))
def test_local_rules_on_generated_news_text_give_valid_speakers(picks):
    import quotekit

    text = " ".join(template.format(a=a, b=b, c=c) for template, a, b, c in picks)
    for quote in quotekit.extract(text, stance=False):
        assert quote.speaker_type in TYPES
        assert quote.speaker_entity is None or quote.speaker_entity in quote.speaker_entities
