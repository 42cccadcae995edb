"""The speaker mention of attributions on news-like sentences the parser gets partly wrong (UD, default spaCy)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute import find_attributions


@pytest.fixture(scope="module")
def speakers(spacy_parser):
    """cue text -> speaker text (None: no speaker) of the rules' attributions of a text."""
    def run(text):
        doc = spacy_parser.parse(text)
        return {a.cue.text: (a.speaker.text if a.speaker is not None else None)
                for a in find_attributions(doc, model=False) if a.cue is not None}

    return run


@pytest.mark.parametrize("text, cue, speaker", [
    # the parser hangs the subordinate clause's verb from the complement clause; the participle comments on the
    # reported statement, so its speaker is the outer subject, not the complement's
    ("Keller said the increased focus on spending is taking a toll on the mayor, pointing to the losses Tuesday "
     "in three districts.", "pointing", "Keller"),
    ("Warren said some of the rhetoric on the campaign trail has been patronizing, noting her comments to a radio "
     "host in April.", "noting", "Warren"),
    ("Alvarez has said repeatedly that the governor and his allies are unfairly attacking her record, pointing to "
     "her votes on the budget.", "pointing", "Alvarez"),
])
def test_trailing_participle_speaks_for_the_outer_statement(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


@pytest.mark.parametrize("text, speaker", [
    ("MADRID (AP) — Carlos Ibarra and Senator Ana Ruiz pledged to work together despite their differences after "
     "a meeting Thursday.", "Carlos Ibarra and Senator Ana Ruiz"),  # the place parsed as the subject
    ("PARIS (Reuters) - Marine Dupont said she was unlikely to meet the prime minister before the summit.",
     "Marine Dupont"),  # the dateline parsed into the subject's phrase
    ("BOISE, Idaho (AP) — Gov. Linda Marsh said she would sign the bill.", "Gov. Linda Marsh"),
])
def test_dateline_is_never_the_speaker(speakers, text, speaker):
    assert speaker in speakers(text).values()


def test_speaker_of_a_noun_phrase_split_into_two_subjects(speakers):
    # the parser makes "D" and "Tully" two subjects of "announced"
    text = ("Former Maryland Gov. Sean O’Hara (D) and former Arkansas Gov. Mike Tully (R) announced they will "
            "suspend their campaigns.")
    assert speakers(text)["announced"] == (
        "Former Maryland Gov. Sean O’Hara (D) and former Arkansas Gov. Mike Tully (R)")


def test_bracketed_party_label_does_not_cut_conjoined_speakers(speakers):
    text = ("Former Ohio Gov. Ted Stanton (D) and former Idaho Gov. Mark Oakley (R) announced they will suspend "
            "their campaigns.")
    assert speakers(text)["announced"] == "Former Ohio Gov. Ted Stanton (D) and former Idaho Gov. Mark Oakley (R)"


@pytest.mark.parametrize("text, cue, speaker", [
    # the parser also makes the quotation's first words a subject of the cue
    ("Underestimation of the governor,” Paul Minter, a veteran Democratic strategist, said, naming a few.", "said",
     "Paul Minter"),
    ("“The drop we are seeing now is directly attributable to the emails, the foundation, all the old stuff,” said "
     "a person close to the senator.", "said", "a person close to the senator"),
])
def test_quotation_fragment_is_not_the_subject(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


def test_apposition_after_a_dash_is_no_dateline(speakers):
    text = "A former Republican candidate -- Tom Reyes, who lost the 2008 race -- said the plan would fail."
    assert speakers(text)["said"] == "A former Republican candidate"


_PLACES = st.sampled_from(["WASHINGTON", "LONDON", "NEW YORK", "BOISE, Idaho", "MYRTLE BEACH, S.C.", "Washington"])
_AGENCIES = st.sampled_from(["(AP)", "(Reuters)", "(AFP)", "(UPI)"])
_NAMES = st.sampled_from(["Maria Lopez", "Sen. Tom Becker", "Gov. Ruth Adler", "Ahmed Khan"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=_PLACES, agency=_AGENCIES, dash=st.sampled_from(["—", "-", "--", "–"]), name=_NAMES)
def test_generated_datelines_stay_out_of_the_speaker(speakers, place, agency, dash, name):
    text = f"{place} {agency} {dash} {name} said the talks would resume on Monday."
    found = speakers(text).get("said")
    assert found is None or (place.split(",")[0] not in found and agency not in found)


@pytest.mark.parametrize("text, cue, speaker", [
    # the cue describes a thing that cannot speak (a statement, a point, a step, a rally): whoever issued, made,
    # took or opened it speaks
    ("The teachers union issued a statement saying the strike would continue through Friday.", "saying",
     "The teachers union"),
    ("Mayor Ellen Voss made a point of saying the budget was balanced for the first time in a decade.", "saying",
     "Mayor Ellen Voss"),
    ("The company took the unusual step of criticizing the regulator in public.", "criticizing", "The company"),
    ("The senator opened a Denver rally blasting the governor for cutting school funding.", "blasting",
     "The senator"),
])
def test_speaker_of_a_statement_vehicle_is_who_issued_it(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


def test_people_described_by_the_cue_speak_themselves(speakers):
    assert speakers("Reporters met voters saying they were tired of the long campaign.")["saying"] == "voters"


@pytest.mark.parametrize("text, cue, speaker", [
    # a subject-less cue under a passive verb: the passive subject is who explains, slams, is quoted
    ("Mayor Dan Ruiz was pressed to explain the contrast with his earlier statements.", "explain",
     "Mayor Dan Ruiz"),
    ("She was suspended for two weeks after slamming the council for its vote on housing.", "slamming", "She"),
    ("Kowalski was quoted as saying the plant would close by the end of the year.", "saying", "Kowalski"),
])
def test_passive_subject_controls_the_cue_below(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


def test_passive_subject_of_the_cue_itself_never_speaks(speakers):
    assert speakers("The new regulator was sharply criticized for the delay.").get("criticized") is None


@pytest.mark.parametrize("text, cue, speaker", [
    # the speaker after a quotation and its cue, parsed as the cue's object or the quotation's subject
    ("“I am more skilled with my hands than I am with my brain,” said Rosa Whitfield, half joking.", "said",
     "Rosa Whitfield"),
])
def test_inverted_speaker_after_a_quotation(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


def test_subject_after_an_aside_is_not_inverted(speakers):
    # a comma before the cue closes an aside after the subject; the words after the cue are what was said
    assert speakers("Jane Ortiz, facing a tough challenge in Iowa, said she would welcome the debate.")["said"] \
        == "Jane Ortiz"


@pytest.mark.parametrize("text, cue, speaker", [
    # a cue coordinated with the outer verb but parsed as a conjunct of the complement clause's verb: its verb
    # form matches the outer verb's, not the inner one's
    ("In one ad, a narrator reminds viewers that Ortiz marched in Selma as a college student and says she wants "
     "to end racial profiling.", "says", "a narrator"),
    ("The governor backpedaled on his prediction a year ago that the state would pull out of its slump within two "
     "years, and blamed the drop in oil prices.", "blamed", "The governor"),
])
def test_conjoined_cue_continues_the_outer_verb(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


@pytest.mark.parametrize("text, cue, speaker", [
    # a relative clause's cue describing a thing (a video, 'nothing') that is the object of a verb: that verb's
    # subject speaks, not 'that'
    ("The mayor’s campaign released a video that said the city was safer than ever.", "said",
     "The mayor’s campaign"),
    ("In an interview, Alvarez had nothing bad to say about the governor.", "say", "Alvarez"),
])
def test_relative_clause_on_a_released_thing(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker


def test_relative_clause_on_people_keeps_its_pronoun(speakers):
    assert speakers("Reporters spoke to voters who said they were tired of the race.")["said"] == "who"


@pytest.mark.parametrize("text, cue, speaker", [
    # the name before an aside and the cue, which the parser hangs from the sentence's opening phrase
    ("Speaking in Harlem, Ortiz, without naming him, also accused the mayor of ignoring the issue.", "accused",
     "Ortiz"),
    ("In a May 2014 message to the governor, Okafor, head of the Center for Rural Progress, recounted a "
     "conversation she had at a dinner.", "recounted", "Okafor"),
    ("Alarmed by the unrest in Nevada, Senator Dana Whitt, the minority leader, said that she spoke with the "
     "governor on Tuesday.", "said", "Senator Dana Whitt"),
])
def test_speaker_before_an_aside_hung_elsewhere(speakers, text, cue, speaker):
    assert speakers(text)[cue] == speaker
