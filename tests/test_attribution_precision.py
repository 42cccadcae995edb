"""Precision of the attribution rules: fixed phrases where a speech verb reports nobody's statement ("so-called",
"time will tell", "safe to say", "telling" as an adjective, naming and phoning "call", "responded by" an act),
on invented sentences parsed by the default spaCy backend (UD relations)."""
from __future__ import annotations

import pytest


def _cues(found) -> list[str]:
    return [cue for _, _, cue, _ in found]


@pytest.mark.parametrize("text", [
    'The so-called "special relationship" with Washington has shaped British diplomacy for decades.',
    "Lawmakers want to make the so called tax extenders permanent this year.",
    "Only time will tell if the new strategy wins back voters in the suburbs.",
    "History will tell whether the treaty was worth the price.",
    "It's safe to say the governor has lost the confidence of his own party.",
    "It is too soon to say whether the new rules will lower prices.",
    "It is hard to tell how many voters will stay home in November.",
    "Needless to say, the mayor was not pleased with the result.",
    "The figures provide telling insight into how the campaign spent its money.",
    "In a telling sign of the mood, the crowd booed the governor's name.",
    "Clinton now holds a lead of more than 300 pledged delegates over her rival.",
    "That said, the senator cannot realistically win the nomination outright.",
    "All told, up to 5 million people could be eligible for the programs.",
    "There's no denying he has had quite a run.",
    "It goes without saying that the budget will be late again.",
    "The plan was confirmed by an official who was not authorized to discuss internal deliberations.",
    "Two aides, who were not authorized to speak publicly about the talks, confirmed the meeting.",
])
def test_a_fixed_phrase_with_a_speech_verb_is_no_statement(rule_candidates, text):
    cues = {"called", "tell", "say", "telling", "pledged", "said", "told", "denying", "saying", "discuss", "speak"}
    assert not [f for f in rule_candidates(text) if f[2] in cues]


@pytest.mark.parametrize("text, cue", [
    ("The senator was quick to say that he had never met the lobbyist.", "say"),
    ("The governor will tell voters on Monday that the budget is balanced.", "tell"),
    ("She has been telling reporters that the plan will fail.", "telling"),
    ("That, the mayor said, is the heart of the problem.", "said"),
    ("He stayed silent without saying a word about the deal, but his aides said it was dead.", "said"),
])
def test_the_same_verbs_with_a_speaker_still_report(rule_candidates, text, cue):
    assert cue in _cues(rule_candidates(text))


@pytest.mark.parametrize("text", [
    "Barden now helps lead a program called Sandy Hook Promise.",
    "A new group called Black Votes Matter is trying to raise $25 million.",
    "The message came from an account run by a group that calls itself Asawitiri Media.",
    "The governor called both candidates on Tuesday night and congratulated them.",
    "The party chairman is even calling party leaders himself, asking them to host events.",
])
def test_call_that_names_or_phones_reports_nothing(rule_candidates, text):
    assert not [f for f in rule_candidates(text) if f[2] in ("called", "calls", "calling")]


@pytest.mark.parametrize("text, content", [
    ('The senator called the plan "a disaster for working families."',
     'the plan "a disaster for working families."'),
    ("She called her fallen son her hero.", "her fallen son her hero"),
    ("Sanders calls himself a democratic socialist.", "himself a democratic socialist"),
    ('The comedians staged a play called "Sons of Trump" in Mexico City.', '"Sons of Trump"'),
])
def test_call_with_a_predicate_or_a_quoted_name_still_reports(rule_candidates, text, content):
    contents = [c for _, c, cue, _ in rule_candidates(text) if cue in ("called", "calls", "calling")]
    assert any(content in c for c in contents)


@pytest.mark.parametrize("text, cue", [
    ("The two companies called off a $54 billion merger after the rules changed.", "called off"),
    ("Phillip reported from Oakland, Calif., and Gearan from Washington.", "reported"),
    ("The governor spoke for about 30 minutes and took questions from the crowd.", "spoke"),
    ("It is a message he has been repeating for decades.", "repeating"),
])
def test_a_verb_of_saying_in_another_sense_reports_nothing(rule_candidates, text, cue):
    assert not [f for f in rule_candidates(text) if f[2] == cue]


def test_a_topic_after_for_still_reports(rule_candidates):
    found = rule_candidates("The senator called for an end to sugar subsidies.")
    assert ("an end to sugar subsidies", "called") in [(c, cue) for _, c, cue, _ in found]


def test_call_for_is_a_demand_not_a_phone_call(rule_candidates):
    found = rule_candidates("The rabbis called for a boycott of his speech.")
    assert [c for _, c, cue, _ in found if cue == "called"] == ["a boycott of his speech"]


def test_responding_with_an_act_is_no_statement(rule_candidates):
    assert not [f for f in rule_candidates("The company responded by raising wages for its warehouse workers.")
                if f[2] == "responded"]
    found = rule_candidates("The spokesman responded by saying the company had done nothing wrong.")
    assert ("the company had done nothing wrong", "saying") in [(c, cue) for _, c, cue, _ in found]


@pytest.mark.parametrize("text, inner", [
    ("Clinton says she would order regulators to break up the largest banks.", "order"),
    ("Aides said the governor would challenge the ruling in court.", "challenge"),
    ("Party officials insist the senator will release his tax returns before the convention.", "release"),
    ("Officials said the mayor would talk about the budget crisis on Monday.", "talk"),
    ("The senator said he wants to challenge the ruling in court.", "challenge"),
    ("Aides said the governor angered voters when he criticized the union.", "criticized"),
    ("The report says the agency failed by pointing to the wrong numbers.", "pointing"),
    ("Aides said the senator would call the plan a disaster.", "call"),
    ("The governor said he had asked lawmakers to delay the vote.", "asked"),
    ("Critics said the mayor wants to accuse the union of lying.", "accuse"),
])
def test_an_object_or_topic_frame_inside_a_reported_clause_is_part_of_that_report(rule_candidates, text, inner):
    found = rule_candidates(text)
    assert [rule for rule, _, _, _ in found] == ["speech_ccomp"]
    assert inner in found[0][1]


@pytest.mark.parametrize("text, cue", [
    ("Farage said the warning was baseless, and accused Downing Street of putting words in the president's mouth.",
     "accused"),
    ("The mayor said the budget was balanced, and she added that taxes would not rise.", "added"),
])
def test_a_coordinated_report_stays(rule_candidates, text, cue):
    assert cue in _cues(rule_candidates(text))


@pytest.mark.parametrize("text, inner", [
    ("Aides say he will ask whether the vote can be delayed.", "ask"),
    ("The senator said her lawyer told her the emails had been deleted.", "told"),
    ("She wrote that he resigned after the board accused him of misleading investors.", "accused"),
    ("The newspaper reported that the company paid a settlement to a worker who said she had been harassed.",
     "said"),
])
def test_a_clause_report_inside_a_reported_clause_is_part_of_that_report(rule_candidates, text, inner):
    found = rule_candidates(text)
    assert len(found) == 1 and found[0][0] == "speech_ccomp"
    assert inner in found[0][1]


@pytest.mark.parametrize("text, inner", [
    ("She criticized the mayor for refusing to release the emails.", "release"),
    ("Republicans accused the agency of refusing to answer questions about the program.", "answer"),
])
def test_a_frame_inside_what_an_object_frame_reports_is_part_of_it(rule_candidates, text, inner):
    found = rule_candidates(text)
    assert [rule for rule, _, _, _ in found] == ["speech_object"]
    assert inner in found[0][1]


def test_an_adverbial_report_beside_an_object_frame_stays(rule_candidates):
    found = rule_candidates("The senator praised the bill as he urged colleagues to pass it quickly.")
    assert ("colleagues to pass it quickly", "urged") in [(c, cue) for _, c, cue, _ in found]


@pytest.mark.parametrize("text, noun", [
    ("Aides said the senator would keep up his attacks on the governor.", "attacks"),
    ("Officials said the report ignored his claim that the vote was rigged.", "claim"),
    ("Democrats say his promise to cut taxes is hollow.", "promise"),
])
def test_a_noun_of_saying_inside_a_reported_clause_is_part_of_it(rule_candidates, text, noun):
    found = rule_candidates(text)
    assert len(found) == 1 and noun in found[0][1]
