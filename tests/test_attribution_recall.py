"""Candidate recall of the attribution rules: frames whose statement the rules used to miss or cut, on invented
sentences parsed by the default spaCy backend (UD relations)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute.rules import find


def test_the_sentence_before_a_speaker_is_not_what_he_said(rule_candidates):
    # the parser hangs "The senator has hit back ..." from "said" as a second clause
    found = rule_candidates("The senator has hit back at his critics: He said he has raised $200,000 since Monday.")
    said = [(content, speaker) for _, content, cue, speaker in found if cue == "said"]
    assert said == [("he has raised $200,000 since Monday", "He")]


def test_each_share_of_a_poll_says_its_own_clause(rule_candidates):
    found = rule_candidates("A majority of voters say the economy is improving; 30 percent say it is getting worse.")
    assert [(content, speaker) for _, content, cue, speaker in found if cue == "say"] == [
        ("the economy is improving", "A majority of voters"), ("it is getting worse", "30 percent")]


def test_a_cue_hanging_from_a_noun_keeps_its_content(rule_candidates):
    # "calling" is an acl of "point": the subtree of that noun holds the cue and the whole statement
    found = rule_candidates('The mayor has clashed with the council over the budget, at one point calling the treasurer '
                       'a "liar" who could not be trusted.')
    assert 'the treasurer a "liar" who could not be trusted' in [content for _, content, cue, _ in found
                                                                  if cue == "calling"]
    assert ("speech_xcomp", "voters to reject the measure", "urging", "signs") in rule_candidates(
        "Protesters carried signs urging voters to reject the measure.")


@pytest.mark.parametrize("text, content, speaker", [
    ("Poll: Voters to sour on tax plan as deadline nears.\n\nMost voters now oppose the plan, a survey found.",
     "Voters to sour on tax plan as deadline nears", "Poll"),
    ("Sanders: Trade deal could cost Ohio jobs.\n\nThe senator spoke in Toledo on Monday.",
     "Trade deal could cost Ohio jobs", "Sanders"),
])
def test_a_headline_names_its_source_before_a_colon(rule_candidates, text, content, speaker):
    assert ("headline_colon", content, ":", speaker) in rule_candidates(text)


def test_a_section_label_before_a_colon_is_no_source(rule_candidates):
    found = rule_candidates("UPDATE: Storm moves east after flooding two towns.\n\nThe storm moved east on Monday.")
    assert not [f for f in found if f[0] == "headline_colon"]


def test_a_short_quotation_tagged_by_a_speech_verb_is_a_statement(rule_candidates):
    found = rule_candidates('"Absolutely not," the governor said when asked about a recount.')
    assert ("quote_cue", '"Absolutely not,"', "said", "the governor") in found
    # "when asked ..." says when it was said, not what
    assert not [f for f in found if f[2] == "said" and "recount" in f[1]]


def test_a_short_title_in_quotation_marks_is_no_statement(rule_candidates):
    assert rule_candidates('"Mr. Right" is a film about a hitman.') == []


def test_a_name_before_a_colon_introduces_a_quotation(rule_candidates):
    found = rule_candidates('The survey was taken before the debate. Pollster Jane Ruiz: "Undecided voters are breaking '
                       'late this year."')
    assert ("quote_colon", '"Undecided voters are breaking late this year."', ":", "Pollster Jane Ruiz") in found


def test_a_bullet_before_a_paragraph_colon_is_not_part_of_the_speaker(rule_candidates):
    found = rule_candidates('The survey was taken before the debate.\n\n- Pollster Jane Ruiz: "Undecided voters are '
                       'breaking late this year."')
    assert [f[3] for f in found if f[2] == ":"] == ["Pollster Jane Ruiz"]


@pytest.mark.parametrize("text, content", [
    ("But according to the county clerk, more than 4,000 ballots were never counted.",
     "more than 4,000 ballots were never counted"),
    ("Turnout was low: according to the county clerk, fewer than 4,000 ballots were cast.",
     "fewer than 4,000 ballots were cast"),
])
def test_according_to_after_a_conjunction_or_colon_reports_what_follows(rule_candidates, text, content):
    assert [f[1] for f in rule_candidates(text) if f[0] == "according_to"] == [content]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"Yes,"', "she said", "Poll:", "- Jane Ruiz:", "according to", "But", "the mayor",
                                 "when asked", "said", ";", ",", ".", "\n\n", "“No!”", "X", "calling him a liar"]),
                max_size=14))
def test_candidates_stay_off_their_cue_and_speaker_on_any_arrangement(spacy_parser, words):
    doc = spacy_parser.parse(" ".join(words))
    for att in find(doc):
        assert 0 <= att.content.start < att.content.end <= len(doc)
        for other in (att.cue, att.speaker):
            if other is not None:
                assert not set(range(other.start, other.end)) & {i for p in att.pieces() for i in range(p.start, p.end)}


@pytest.mark.parametrize("text, cue, content", [
    ("The senator repeated his promise to cut taxes for small businesses.", "promise",
     "to cut taxes for small businesses"),
    ("The mayor rejected the union's demand to reopen the contract.", "demand", "to reopen the contract"),
])
def test_a_speech_noun_reports_its_infinitive(rule_candidates, text, cue, content):
    assert [f[1] for f in rule_candidates(text) if f[0] == "claim_noun_to" and f[2] == cue] == [content]


def test_a_noun_without_a_speaker_reports_nothing(rule_candidates):
    assert not [f for f in rule_candidates("There was a promise to cut taxes.") if f[0] == "claim_noun_to"]


def test_a_quotation_after_an_indirect_statement_goes_on_with_it(rule_candidates):
    found = rule_candidates('The mayor says the bridge will reopen in March. "We are ahead of schedule, and the '
                       'money is there."')
    says = [content for _, content, cue, _ in found if cue == "says"]
    assert len(says) == 1 and says[0].startswith("the bridge will reopen") and says[0].endswith('the money is there."')


@pytest.mark.parametrize("text, content, speaker", [
    ("The governor made no mention of the budget shortfall.", "the budget shortfall", "The governor"),
    ("He has made several comments about the possibility of a recount.", "the possibility of a recount", "He"),
])
def test_a_light_verb_with_a_speech_noun_reports_its_complement(rule_candidates, text, content, speaker):
    assert ("light_verb", content, "made", speaker) in rule_candidates(text)


def test_a_light_verb_without_a_speech_noun_reports_nothing(rule_candidates):
    assert not [f for f in rule_candidates("She made a cake for the party of her friend.") if f[0] == "light_verb"]


@pytest.mark.parametrize("text, content, speaker", [
    ("Asked whether the plan was fair, 46 percent of voters said yes.", "yes", "46 percent of voters"),
    ("Last month, 30 percent said so.", "so", "30 percent"),
    ("Most of the members said no.", "no", "Most of the members"),
])
def test_an_answer_word_is_the_statement(rule_candidates, text, content, speaker):
    assert ("answer_word", content, "said", speaker) in rule_candidates(text)


def test_so_modifying_another_word_is_no_answer(rule_candidates):
    assert not [f for f in rule_candidates("The senator would not say so publicly.") if f[0] == "answer_word"]


@pytest.mark.parametrize("text, quotation, cue, speaker", [
    ('The mayor spoke after the vote. "We need a much smarter budget - and we need it NOW!" Brown said on Twitter.',
     '"We need a much smarter budget - and we need it NOW!"', "said", "Brown"),
    ('The council member was angry. "Get out of my office!" she yelled at the reporters.',
     '"Get out of my office!"', "yelled", "she"),
])
def test_a_speech_tag_the_parser_splits_off_after_a_quotation_attributes_it(rule_candidates, text, quotation, cue, speaker):
    # the parser ends a sentence at the closing mark: the tag "Brown said" is the next sentence; "on Twitter" is
    # where he said it, not what
    found = [(content, c, s) for _, content, c, s in rule_candidates(text) if c == cue]
    assert found == [(quotation, cue, speaker)]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Pence's call for a special prosecutor was echoed by other Republicans on Monday.",
     "a special prosecutor", "call", "Pence"),
    ("His attacks on the governor drew a rebuke from party leaders.", "the governor", "attacks", "His"),
])
def test_a_speech_noun_reports_its_complement_for_its_possessor(rule_candidates, text, content, cue, speaker):
    assert ("speech_noun_possessor", content, cue, speaker) in rule_candidates(text)


def test_a_speech_noun_without_a_possessor_has_no_speaker_to_guess(rule_candidates):
    found = rule_candidates("The attacks on the governor drew a rebuke from party leaders.")
    assert not [f for f in found if f[2] == "attacks"]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ('Outside the arena, a woman lifted a sign. "I am still with Bernie," it read.',
     '"I am still with Bernie,"', "read", "it"),
    ('Asked about the vote, the senator talked about the "broken promises" of the administration.',
     'the "broken promises" of the administration', "talked", "the senator"),
    ("Clinton hinted that she would campaign in Ohio next week.", "that she would campaign in Ohio next week", "hinted",
     "Clinton"),
])
def test_verbs_of_saying_mined_from_annotated_cues_are_cues(rule_candidates, text, content, cue, speaker):
    assert [(c, s) for _, c, k, s in rule_candidates(text) if k == cue] == [(content, speaker)]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("Governor Slams Lawmakers Over Anti-Tax Budget Vote.\n\nThe governor spoke in Albany on Monday.",
     "Lawmakers Over Anti-Tax Budget Vote", "Slams", "Governor"),
    ("Mayor Says Budget Is Balanced, Calls Audit ‘Unfair.’\n\nThe mayor spoke on Monday.",
     "Audit ‘Unfair", "Calls", "Mayor"),
])
def test_a_title_case_headline_verb_of_saying_reads_the_rest_as_the_statement(rule_candidates, text, content, cue,
                                                                              speaker):
    # the tagger takes the capitalised verb for a proper noun: no speech frame in the parse
    assert ("headline_verb", content, cue, speaker) in rule_candidates(text)


def test_a_headline_noun_of_saying_is_no_cue(rule_candidates):
    found = rule_candidates("The Email That Worried The Campaign Staff.\n\nIt was sent on Monday.")
    assert not [f for f in found if f[0] == "headline_verb"]


def test_an_addressee_called_on_belongs_to_the_infinitive_statement(rule_candidates):
    found = rule_candidates("The governor called on the mayor and the council to release the audit before Friday.")
    assert [(c, s) for _, c, k, s in found if k == "called"] == [
        ("the mayor and the council to release the audit before Friday", "The governor")]


@pytest.mark.parametrize("text, content, speaker", [
    ('As the senator put it, "This bill is dead on arrival."', '"This bill is dead on arrival."', "the senator"),
    ('"This bill is dead," as the senator put it.', '"This bill is dead,"', "the senator"),
])
def test_as_someone_put_it_reports_the_clause_it_hangs_from(rule_candidates, text, content, speaker):
    assert ("as_put_it", content, "put", speaker) in rule_candidates(text)


def test_put_alone_is_no_verb_of_saying(rule_candidates):
    assert not [f for f in rule_candidates("He put it on the table as the meeting began.") if f[2] == "put"]


def test_a_person_s_clause_ending_in_a_colon_introduces_the_quotation(rule_candidates):
    found = rule_candidates('The mayor was frustrated. She went on: "It is like a leaking roof. You call the plumber."')
    assert ('"It is like a leaking roof. You call the plumber."', "She") in [(c, s) for _, c, _, s in found]
    # not a clause about a thing: "The results were clear:"
    assert not [f for f in rule_candidates('The results were clear: "Voters want change."') if f[3] is not None]


@pytest.mark.parametrize("text, cue, speaker, pieces", [
    ("Most weekends, former staff said, she stayed at the depot until midnight.", "said", "former staff",
     ["Most weekends", "she stayed at the depot until midnight"]),
    ("Taxpayers, the governor suggested, should not have to pay for the new stadium.", "suggested", "the governor",
     ["Taxpayers", "should not have to pay for the new stadium"]),
    ("Even then, he said, he has learned enough about the plan to oppose it.", "said", "he",
     ["Even then", "he has learned enough about the plan to oppose it"]),
])
def test_a_parenthetical_cue_keeps_the_sentence_opening_the_parser_hangs_from_it(spacy_parser, text, cue, speaker,
                                                                                  pieces):
    # the parser hangs "Most weekends" / "Taxpayers" from the parenthetical "said": it opens what was said
    found = [a for a in find(spacy_parser.parse(text)) if a.cue is not None and a.cue.text == cue]
    assert [(a.speaker.text, [p.text for p in a.pieces()]) for a in found] == [(speaker, pieces)]


@pytest.mark.parametrize("text, opening", [
    ('Dashing into a closed-door lunch, the senator called, "His comments are not helping."', ""),
    ("After the vote, the senator called, his comments were not helping.", "After the vote"),
])
def test_only_a_subject_opens_a_quotation_after_a_parenthetical_cue(spacy_parser, text, opening):
    # "Dashing into ..." is the reporter's scene before the quotation, not part of the statement
    from quotekit.analysis import analysis_of
    from quotekit.attribute.rules import _Finder

    doc = spacy_parser.parse(text)
    finder = _Finder(analysis_of(doc))
    cue = next(t for t in doc if t.text == "called")
    speaker = next(t for t in doc if t.text == "senator")
    found = finder.sentence_opening(cue, speaker, cue.i + 1)
    assert " ".join(doc[i].text for i in sorted(found)) == opening


@pytest.mark.parametrize("text, content, speaker", [
    ("The emails raised new questions about whether the agency had shared the data with donors.",
     "whether the agency had shared the data with donors", None),
    ("Reporters pressed him with questions about how the plan would be paid for.",
     "how the plan would be paid for", None),
    ("The minister brushed aside the senator's questions about why the contract was never put out to tender.",
     "why the contract was never put out to tender", "the senator"),
])
def test_questions_about_an_indirect_question_report_it(rule_candidates, text, content, speaker):
    assert [(c, s) for r, c, _, s in rule_candidates(text) if r == "question_noun"] == [(content, speaker)]


@pytest.mark.parametrize("text", [
    "The question is whether the council can finish the bridge before winter.",  # the writer's own question
    "He faced questions about his health at every stop.",  # a topic, not an indirect question
])
def test_a_question_noun_without_an_asked_question_is_no_statement(rule_candidates, text):
    assert not [f for f in rule_candidates(text) if f[0] == "question_noun"]


@pytest.mark.parametrize("text, cue, speaker", [
    # a role noun, not a name, before a clause with no verb of saying
    ('In a radio interview later that day, the governor went even further: "If the council walks away now, the '
     'project is finished."', "went", "the governor"),
    # any subject, when its verb's object is a noun of saying
    ("The union's letter makes a blunt case: \"Nobody who works full time should need a second job to pay rent.\"",
     "makes", "The union's letter"),
])
def test_a_clause_ending_in_a_colon_introduces_the_quotation_after_it(rule_candidates, text, cue, speaker):
    quote = text[text.index('"'):]
    assert ("quote_colon", quote, cue, speaker) in rule_candidates(text)


def test_the_name_after_a_spaced_dash_speaks_not_the_headline_before_it(rule_candidates):
    found = rule_candidates('WAGES ARE RISING FASTER IN SMALL TOWNS - Lena Ortiz: "The gap with the cities '
                            'has narrowed every year since 2019."')
    assert [s for r, _, _, s in found if r == "quote_colon"] == ["Lena Ortiz"]


def test_a_clause_of_no_one_before_a_colon_introduces_nothing(rule_candidates):
    assert rule_candidates('The weather was bad: "Stay off the roads until the plows have been through."') == []


def test_the_quotation_of_the_paragraph_before_is_not_a_clause_of_the_cue(spacy_parser):
    # the parser's slip, as on PolNeAR train: the quoted sentence of the paragraph before (and the next paragraph's
    # opening with it) hung from "said", whose own clause comes after it
    doc = spacy_parser.parse('"That is what the country likes."\nMoments earlier, Ruiz said he was ready for the job.')
    word = {t.text: t for t in doc}
    word["is"].head, word["is"].dep_ = word["said"], "ccomp"
    word["earlier"].head = word["is"]
    assert [(a.content.text, a.speaker.text) for a in find(doc) if a.cue.text == "said"] == [
        ("he was ready for the job", "Ruiz")]


@pytest.mark.parametrize("text, content, speaker", [
    ("Ortiz: No new taxes on small farms this year.\n\nThe governor spoke in Fresno on Monday.",
     "No new taxes on small farms this year", "Ortiz"),
    ("Harlan: 'Never, ever underestimate the voters.'\n\nThe senator spoke on Monday.",
     "'Never, ever underestimate the voters.'", "Harlan"),
])
def test_a_verbless_headline_after_a_name_and_colon_is_what_the_name_said(rule_candidates, text, content, speaker):
    assert ("headline_colon", content, ":", speaker) in rule_candidates(text)


@pytest.mark.parametrize("text", [
    "Morning Briefing: A Week of Storms.\n\nThe storm moved east on Monday.",  # a title
    "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.\n\nThe list was released on Monday.",  # a list
])
def test_a_verbless_title_or_list_after_a_colon_is_no_statement(rule_candidates, text):
    assert not [f for f in rule_candidates(text) if f[0] == "headline_colon"]


@pytest.mark.parametrize("text, content, speaker", [
    ("Sanders's point was that the nominee would also need a hefty supply of superdelegates.",
     "that the nominee would also need a hefty supply of superdelegates", "Sanders"),
    ("The auditor's most serious claim is that the county paid twice for the same contract.",
     "that the county paid twice for the same contract", "The auditor"),
])
def test_a_possessed_noun_of_saying_equated_with_a_clause_reports_it(rule_candidates, text, content, speaker):
    assert [(c, s) for r, c, _, s in rule_candidates(text) if r.startswith("copular_")] == [(content, speaker)]


def test_the_writers_own_point_is_no_statement(rule_candidates):
    found = rule_candidates("The point is that the bridge will open late.")
    assert not [f for f in found if f[0].startswith("copular_")]


def test_according_to_before_a_clause_is_not_relayed_through_its_subject(rule_candidates):
    # "workers ... denied overtime" is a wide frame inside what the department said, not a statement it relays
    found = rule_candidates("In addition, according to the department, nearly nine million more workers who should "
                            "already be eligible for overtime under the current duties test will be protected against "
                            "being denied overtime illegally.")
    assert [(r, s) for r, _, _, s in found] == [("according_to", "the department")]


def test_according_to_hung_from_the_next_paragraph_keeps_its_own_source(spacy_parser):
    # the parser's slip, as on PolNeAR train: the sentence run over the paragraph break, "according to" hung from a
    # word of the next paragraph
    doc = spacy_parser.parse("The jet is now cleared to fly again, according to the agency.\n\n"
                             "Most owners keep one plane.")
    word = {t.text: t for t in doc}
    word["according"].head, word["according"].dep_ = word["owners"], "case"
    word["agency"].head, word["agency"].dep_ = word["owners"], "nmod"
    word["owners"].dep_ = "obl"
    word["keep"].head, word["keep"].dep_ = word["cleared"], "conj"
    found = [(a.content.text, a.speaker.text) for a in find(doc) if a.rule == "according_to"]
    assert found == [("The jet is now cleared to fly again", "the agency")]


@pytest.mark.parametrize("text, content", [
    ("As reported by the Associated Press, the governor will sign the bill on Friday.",
     "the governor will sign the bill on Friday"),
    ("The mayor met the union leaders on Tuesday, as first reported by the Boston Globe.",
     "The mayor met the union leaders on Tuesday"),
])
def test_as_reported_by_a_source_reports_the_clause_it_hangs_from(rule_candidates, text, content):
    # the passive "as" frame names its source by "by" (an agent), not as a subject
    assert [(r, c, cue) for r, c, cue, _ in rule_candidates(text) if r == "as_reported_by"] == [
        ("as_reported_by", content, "reported")]


def test_as_reported_by_names_its_source_without_by(rule_candidates):
    found = rule_candidates("As reported by the Associated Press, the governor will sign the bill on Friday.")
    assert [s for r, _, _, s in found if r == "as_reported_by"] == ["the Associated Press"]


def test_as_expected_by_a_source_is_no_report(rule_candidates):
    # a verb of belief or expectation in the same frame reports nothing
    assert not [f for f in rule_candidates("As expected by most analysts, the bank raised rates on Wednesday.")
                if f[0] == "as_reported_by"]


def test_a_quotation_after_a_sentence_ending_with_a_bare_speech_verb_is_what_it_says(rule_candidates):
    found = rule_candidates("Sam Lau, the communications director for the party, said in a statement. “There are no "
                            "paper ballots to recount. The caucuses were a unique event.”")
    assert [(r, cue, s) for r, _, cue, s in found] == [("quote_after_cue", "said", "Sam Lau")]


def test_a_quotation_after_a_sentence_whose_verb_reports_its_own_clause_is_not_its_content(rule_candidates):
    found = rule_candidates("The mayor said the budget was balanced. “We will hire forty new teachers next year.”")
    assert not [f for f in found if f[0] == "quote_after_cue"]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("The Sanders campaign projects that a tax on trades would raise $75 billion a year.",
     "that a tax on trades would raise $75 billion a year", "projects", "The Sanders campaign"),
    ("Trump predicts that many of their supporters will switch to his side.",
     "that many of their supporters will switch to his side", "predicts", "Trump"),
])
def test_a_verb_of_saying_tagged_as_a_plural_noun_still_reports(rule_candidates, text, content, cue, speaker):
    # the tagger reads "projects"/"predicts" as a noun, the root of the sentence, and its subject as a compound
    assert (content, cue, speaker) in [(c, q, s) for _, c, q, s in rule_candidates(text)]


def test_a_plural_noun_after_its_modifier_is_no_verb_of_saying(rule_candidates):
    assert not [f for f in rule_candidates("The city comments section was closed.") if f[0] == "noun_tagged_verb"]


@pytest.mark.parametrize("text, content, speaker", [
    ("NBC's Chuck Todd asked the frontrunner about the Twitter kerfuffle.", "about the Twitter kerfuffle",
     "NBC's Chuck Todd"),
    ("When asked at the conference about the merger, she defended her decision to press ahead.",
     "about the merger", None),
])
def test_a_topic_hung_from_the_addressee_or_the_occasion_is_what_was_asked(rule_candidates, text, content, speaker):
    # the parser hangs "about ..." from "the frontrunner" / "the conference" instead of from "asked"; in "When
    # asked ..., she" she was asked: who asked is not said (tests/test_asked_openings.py)
    assert ("hung_topic", content, "asked", speaker) in rule_candidates(text)


def test_a_topic_of_a_non_person_object_is_not_hung_from_the_cue(rule_candidates):
    # "the report about the merger" is what was released, not a topic of an addressee
    assert not [f for f in rule_candidates("The agency released the report about the merger on Monday.")
                if f[0] == "hung_topic"]


def test_a_quoted_sentence_of_capitalised_and_small_words_is_a_statement_not_a_title(rule_candidates):
    # every word of it is capitalised or a stop word ("you", "may", "be"), yet titles leave only small words such as
    # "the", "of", "and" in lower case: this is what she added
    found = rule_candidates('Clinton closed the debate by thanking the moderators, and then she added, '
                            '"Thank you, and may the Force be with you."')
    assert ("quote_cue", '"Thank you, and may the Force be with you."', "added", "she") in found


def test_a_quoted_title_stays_no_statement(rule_candidates):
    found = rule_candidates('The governor, who starred in "Back to the Future" as a teenager, waved to the crowd.')
    assert not any("Future" in content for _, content, _, _ in found)


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("The union leaders sent the mayor a blunt message: They will strike if the contract is not signed by Friday.",
     "They will strike if the contract is not signed by Friday", "message", "The union leaders"),
    ("The activists did not hold back at the hearing on Monday. Their argument: Only a state law can stop the "
     "pipeline.", "Only a state law can stop the pipeline", "argument", "Their"),
    ("The mayor answered questions for an hour. One reporter then tweeted: The mayor has no plan for the budget gap.",
     "The mayor has no plan for the budget gap", "tweeted", "One reporter"),
])
def test_a_speech_verb_or_noun_of_saying_before_a_colon_reports_the_clause_after_it(rule_candidates, text, content,
                                                                                     cue, speaker):
    assert ("speech_colon", content, cue, speaker) in rule_candidates(text)


@pytest.mark.parametrize("text", [
    "The agenda lists three items: the budget, the new library and the parking plan.",
    "There was one problem: the bridge had been closed for repairs since June.",
])
def test_a_colon_after_no_word_of_saying_reports_nothing(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "speech_colon"]


@pytest.mark.parametrize("text, content, cue, speaker", [
    ('The anchor paused and then asked, "Really?"', '"Really?"', "asked", "The anchor"),
    ('As the senator left the stage, a man in the crowd yelled "Stay there!"', '"Stay there!"', "yelled",
     "a man in the crowd"),
])
def test_a_short_quotation_with_its_own_final_mark_right_after_a_speech_verb_is_what_was_said(
        rule_candidates, text, content, cue, speaker):
    assert ("quote_cue", content, cue, speaker) in rule_candidates(text)


def test_a_short_scare_quote_after_a_descriptive_participle_stays_no_statement(rule_candidates):
    found = rule_candidates('A self-described "geeky kid," the governor grew up in Houston.')
    assert not any("geeky" in content for _, content, _, _ in found)


@pytest.mark.parametrize("text, content, cue, speaker", [
    ("The governor made an impassioned call for calm after the verdict.", "calm", "made", "The governor"),
    ("The senator launched a blistering attack against the trade deal on Monday.", "the trade deal", "launched",
     "The senator"),
    ("The mayor sounded a cautious note about the jobs report.", "the jobs report", "sounded", "The mayor"),
])
def test_a_light_verb_and_its_noun_of_saying_report_the_complement(rule_candidates, text, content, cue, speaker):
    assert ("light_verb", content, cue, speaker) in rule_candidates(text)


def test_an_as_frame_after_a_comma_and_reports_the_clause_after_it(rule_candidates):
    found = rule_candidates("Officials can still be fired for mishandling secrets, and as the director noted, several "
                            "aides could still face sanctions.")
    assert ("inverted", "several aides could still face sanctions", "noted", "the director") in found


@pytest.mark.parametrize("text", [
    "The senator spoke to the newspaper on Monday.",
    "One official, speaking on the condition of anonymity, said the talks had stalled.",
    "The candidate spoke with the editorial board of the Register for an hour.",
])
def test_an_oblique_saying_to_whom_or_on_what_terms_is_not_what_was_said(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_oblique"]


@pytest.mark.parametrize("text, content", [
    ("The governor spoke of reforms to the pension system.", "reforms to the pension system"),
    ("The chairman pointed to a recent interview with the minister.", "a recent interview with the minister"),
])
def test_an_oblique_of_what_was_said_stays_content(rule_candidates, text, content):
    assert content in [c for rule, c, _, _ in rule_candidates(text) if rule == "wide_oblique"]


@pytest.mark.parametrize("text", [
    "The senator maintained a lead of five points in the latest poll.",
    "The factory added 300 jobs in the spring.",
    "She speaks Spanish and French.",
])
def test_the_bare_object_of_a_verb_that_rarely_reports_it_is_no_statement(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_object"]


def test_the_clause_of_such_a_verb_still_reports(rule_candidates):
    assert ("speech_ccomp", "that the budget was balanced", "maintained", "The mayor") in rule_candidates(
        "The mayor maintained that the budget was balanced.")


@pytest.mark.parametrize("text", [
    "Editor’s note: The governor is a frequent guest on this program.\n\nHe spoke on Monday.",
    "Editor's note: The mayor has declined interviews since March.\n\nMore to come.",
    "The Latest: Kasich wins all 66 delegates after Ohio vote.\n\nThe governor spoke in Columbus.",
])
def test_a_page_note_or_running_update_label_is_no_speaker(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "headline_colon"]


@pytest.mark.parametrize("text", [
    "The campaign declined to comment for this story.",
    "The mayor says she speaks for thousands of working families in the city.",
])
def test_an_oblique_saying_for_whom_a_cue_spoke_is_not_what_was_said(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] in ("speech_topic", "wide_oblique")]


@pytest.mark.parametrize("text", [
    "Her handling of the crisis has been called into question by several senators.",
    "The professor lectured on the topic at the law school for a decade.",
])
def test_an_idiom_or_a_course_with_a_speech_verb_is_not_what_was_said(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_oblique"]


@pytest.mark.parametrize("text", [
    "The governor boasts a lead of 20 points in the latest poll.",
    "The senator sang the national anthem before the game.",
])
def test_the_bare_object_of_boast_or_sing_is_no_statement(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_object"]


@pytest.mark.parametrize("text", [
    "The hedge fund manager wrote a $250,000 check to a super PAC backing the senator.",
    "While studying law in Boston, she wrote her dissertation on water rights.",
    "The president threatened a veto of the spending bill.",
])
def test_the_bare_object_of_a_verb_of_making_is_no_statement(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_object"]


def test_what_such_a_verb_reports_in_a_clause_or_quotation_stays(rule_candidates):
    found = rule_candidates("The mayor wrote that the budget was balanced.")
    assert ("speech_ccomp", "that the budget was balanced", "wrote", "The mayor") in found
    found = rule_candidates('The agency released a statement on Friday: "We will appeal the ruling."')
    assert any("We will appeal the ruling" in c for _, c, _, _ in found)


def test_a_topic_of_such_a_verb_still_reports(rule_candidates):
    found = rule_candidates("The spokesman declined to comment on the investigation.")
    assert "the investigation" in [c for rule, c, _, _ in found if rule in ("speech_topic", "wide_oblique")]


@pytest.mark.parametrize("text", [
    "The governor yelled at them.",
    "A spokeswoman for the campaign responded on Twitter.",
    "The mayor wrote to Obama last week.",
])
def test_a_one_word_oblique_is_not_what_was_said(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_oblique" and len(r[1].split()) < 2]


@pytest.mark.parametrize("text", [
    "He was released from custody on Monday.",
    "After being informed that he would be charged, the mayor resigned.",
])
def test_a_person_pronoun_as_the_subject_of_a_passive_is_not_what_was_said(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_passive"]


def test_a_passive_it_still_reports(rule_candidates):
    assert [r for r in rule_candidates("It was reported by the Times.") if r[0] == "wide_passive"]


def test_a_clause_of_one_word_under_a_speech_verb_is_a_misparse(rule_candidates):
    found = rule_candidates("Carson reported on his disclosure forms a speaking fee was paid for the event.")
    assert not [r for r in found if r[0] == "speech_ccomp" and len(r[1].split()) < 2]


def test_a_quoted_answer_of_one_word_still_reports(rule_candidates):
    assert [r for r in rule_candidates('Asked whether he would run, the senator said "No."') if "No" in r[1]]


@pytest.mark.parametrize("text", [
    "A panel charged with beautifying downtown met on Monday.",
    "The pope insisted on paying his hotel bill himself.",
])
def test_a_clause_after_a_non_content_preposition_is_not_what_was_said(rule_candidates, text):
    assert not [r for r in rule_candidates(text) if r[0] == "wide_clause"]


@pytest.mark.parametrize("text, content", [
    ("The candidate talked about raising the minimum wage.", "raising the minimum wage"),
    ("The senator spoke of reforming the tax code.", "reforming the tax code"),
])
def test_a_clause_of_what_was_said_stays_content(rule_candidates, text, content):
    assert content in [c for rule, c, _, _ in rule_candidates(text) if rule == "wide_clause"]


@pytest.mark.parametrize("text", [
    "Ramos said Trump has not replied to his interview requests.",
    "Officials said the mayor pointed to a recent interview with the minister.",
])
def test_an_oblique_frame_inside_another_report_adds_no_statement(rule_candidates, text):
    found = rule_candidates(text)
    assert not [r for r in found if r[0] == "wide_oblique"]
    assert [r for r in found if r[0] == "speech_ccomp"]


@pytest.mark.parametrize("text", [
    "The newspaper reported that roughly 1,100 donor names were not disclosed.",
    "Aides said the speech was written by the candidate himself.",
])
def test_a_passive_frame_inside_another_report_adds_no_statement(rule_candidates, text):
    found = rule_candidates(text)
    assert not [r for r in found if r[0] == "wide_passive"]
    assert [r for r in found if r[0] == "speech_ccomp"]


def test_a_passive_frame_of_its_own_still_reports(rule_candidates):
    found = rule_candidates("The plan was criticized by several senators.")
    assert ("wide_passive", "The plan") in [r[:2] for r in found]
