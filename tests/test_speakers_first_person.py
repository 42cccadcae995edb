"""First person outside quotations: who "I" is in interviews, transcripts, speeches, pull quotes, monologues and
letters (:func:`quotekit.speakers.interviews.first_person_speakers`, :mod:`quotekit.speakers.authors`)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.speakers.authors import author_line, byline, document_author, signature


def _first_person(parser, text):
    """(speaker mention, entity, status) of each record whose speaker is "I"/"me", in document order."""
    from quotekit import extract

    quotes = extract(parser.parse(text), stance=False)
    return [(q.speaker.text, q.speaker_entity, _clause(q.content.text)) for q in quotes
            if q.speaker is not None and q.speaker.text.lower() in ("i", "me")]


def _clause(content):
    """A content as these tests name it: without the complementizer "that" a reported clause keeps (these tests
    are about who speaks, not about where contents start)."""
    return content[5:] if content.startswith("that ") else content


_QA = ("How did you come to be involved with the bridge\n\n"
       "The council asked me to look at the plans in 2019. I told them that the design was too expensive.\n\n"
       "What will happen to the old ferry?\n\n"
       "Nothing yet. I said in March that the ferry should keep running until the bridge opens.\n\n"
       "Will you run for mayor again next year?\n\n"
       "I have not decided. I told my family last week that the voters will decide.")


# ---- interviews written as questions and answers, no labels ----------------------------------------------------
@pytest.mark.parametrize("intro", [
    "Springfield Times interviews Maria Lopez on the new bridge\n\nMonday, March 3, 2014",
    "Bridge to the future: an interview with Maria Lopez\n\nMonday, March 3, 2014",
    "Q&A with Maria Lopez about the bridge\n\nMonday, March 3, 2014",
    "The new bridge\n\nMaria Lopez is the city engineer of Springfield. The Springfield Times interviewed her "
    "last week about the bridge.",
])
def test_answers_of_a_stated_interview_are_the_interviewee(spacy_parser, intro):
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert len(found) >= 2
    assert {entity for _, entity, _ in found} == {"Maria Lopez"}


def test_a_headline_asking_a_question_is_no_interviewers_turn(spacy_parser):
    """"Is the bridge worth it?" heads the interview: the intro after it still states whom it interviews."""
    intro = ("Is the new bridge worth its price?\n\nMonday, March 3, 2014\n\n"
             "The Springfield Times interviewed Maria Lopez, the city engineer, about the bridge.")
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Maria Lopez"}


def test_an_interviewees_title_before_the_name(spacy_parser):
    intro = "Springfield Times interviews city engineer Maria Lopez on the new bridge\n\nMonday, March 3, 2014"
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Maria Lopez"}


@pytest.mark.parametrize("intro", [
    "Springfield Times interviews Maria Lopez and John Smith on the new bridge\n\nMonday, March 3, 2014",
    "An interview with Maria Lopez, John Smith and Ann Brown about the bridge\n\nMonday, March 3, 2014",
])
def test_interview_with_two_named_interviewees_abstains(spacy_parser, intro):
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert found and {entity for _, entity, _ in found} == {None}


def test_a_caption_naming_another_interviewee_makes_the_answers_nobodys(spacy_parser):
    """The headline names one interviewee, a photo caption further down another: the answers may be either's."""
    intro = "Springfield Times interviews Maria Lopez on the new bridge\n\nMonday, March 3, 2014"
    qa = _QA.replace("What will happen", "File photo of interviewee John Smith.\n\nWhat will happen")
    found = _first_person(spacy_parser, intro + "\n\n" + qa)
    assert found and {entity for _, entity, _ in found} == {None}


def test_interview_with_several_interviewees_abstains(spacy_parser):
    """"Interviews city engineers": whose answer is it? No guess."""
    intro = "Springfield Times interviews city engineers on the new bridge\n\nMonday, March 3, 2014"
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert found and {entity for _, entity, _ in found} == {None}


def test_questions_without_a_stated_interview_name_nobody(spacy_parser):
    """A text of questions and answers that never says whom it interviews: the one person named in passing is no
    interviewee."""
    intro = "The new bridge\n\nThe plans of engineer Maria Lopez were approved in May."
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert found and {entity for _, entity, _ in found} == {None}


def test_byline_of_an_interview_is_the_interviewer_not_the_interviewee(spacy_parser):
    text = ("An interview with Maria Lopez\n\nBy John Smith\n\n" + _QA)
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {"Maria Lopez"}


def test_first_person_inside_a_quotation_stays_the_quotations_speaker(spacy_parser):
    """In an interview's answer, "I" inside a quotation the interviewee reports is the quoted person's (here
    Governor Ann Brown's), not the interviewee's; the "I" outside it stays the interviewee's."""
    from quotekit.speakers import resolve_speakers
    from quotekit.types import Attribution

    text = ("An interview with Maria Lopez\n\n" + _QA + "\n\nWhat did the governor say?\n\n"
            'Governor Ann Brown said: "I told the council that the bridge is safe." I said that she was wrong.')
    doc = spacy_parser.parse(text)
    quote_start = text.index('"I told')
    quoted = doc.char_span(quote_start, text.index('safe."') + 6, alignment_mode="expand")
    governor = doc.char_span(text.index("Governor Ann"), text.index(" said:"), alignment_mode="expand")
    inner_i = doc.char_span(quote_start + 1, quote_start + 2)
    inner = doc.char_span(text.index("the council that the bridge"), text.index('safe."') + 4)
    outer_i = doc.char_span(text.index("I said that she"), text.index("I said that she") + 1)
    outer = doc.char_span(text.index("she was wrong"), text.index("she was wrong") + 13)
    atts = [Attribution("direct", quoted, speaker=governor, rule="test"),
            Attribution("indirect", inner, speaker=inner_i, rule="test"),
            Attribution("indirect", outer, speaker=outer_i, rule="test")]
    infos = resolve_speakers(doc, atts)
    assert infos[1].entity == infos[0].entity == "Ann Brown"
    assert infos[2].entity == "Maria Lopez"


# ---- transcripts with labels standing alone -------------------------------------------------------------------
def test_turns_under_a_label_are_the_labels_speaker(spacy_parser):
    text = ("Remarks by Governor Maria Lopez and Mayor John Smith at the Opening of the Springfield Bridge\n\n"
            "10:02 A.M. EDT THE GOVERNOR:\n\n"
            "Thank you all for coming. I told the council that this bridge will change the city.\n\n"
            "Before I finish, I said last year that we would open it on time, and we did. THE MAYOR:\n\n"
            "Thank you, Governor. I said that the bridge will bring new business to the river district.")
    found = _first_person(spacy_parser, text)
    by_content = {content.split()[0]: entity for _, entity, content in found}
    assert by_content.get("this") == "Maria Lopez"
    assert by_content.get("the") == "John Smith"


def test_remarks_by_two_speakers_without_labels_abstain(spacy_parser):
    text = ("Remarks by Governor Maria Lopez and Mayor John Smith at the Opening of the Springfield Bridge\n\n"
            "Thank you all for coming. I told the council that this bridge will change the city.")
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {None}


# ---- speeches --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("headline", [
    "Remarks by Governor Maria Lopez at the Opening of the Springfield Bridge",
    "Full text of Maria Lopez's speech at the bridge opening",
    "Lopez Floor Speech on the Springfield Bridge Act",
])
def test_speech_headline_names_the_first_person(spacy_parser, headline):
    text = (headline + "\n\nMARCH 3, 2014\n\nSpringfield - Governor Maria Lopez spoke at the opening of the new "
            "bridge on Monday.\n\nThank you all for coming. I told the council that this bridge will change the "
            "city. I said last year that we would open it on time, and we did.")
    found = _first_person(spacy_parser, text)
    assert len(found) >= 2
    assert {entity for _, entity, _ in found} == {"Maria Lopez"}


@pytest.mark.parametrize("headline", ["Council angry over Maria Lopez's speech on the bridge",
                                      "Maria Lopez's speech angers the council",
                                      "Statement from Maria Lopez campaign angers the council"])
def test_news_report_about_a_speech_does_not_make_the_speaker_the_narrator(spacy_parser, headline):
    """"Lopez's speech angers council": the headline reports on a speech; "I" in the body is not Lopez."""
    text = (headline + "\n\n"
            "The council met on Monday. I told my wife that the vote will be close, a member of the public told "
            "reporters.")
    found = _first_person(spacy_parser, text)
    assert all(entity != "Maria Lopez" for _, entity, _ in found)


def test_narrator_who_speaks_in_dialogue_is_not_the_bylines_author(spacy_parser):
    """A story "by Jane Doe" whose "I" speaks in its scenes: the narrator is a character; no answer rather than
    the author."""
    text = ("Daisy\n\nby Jane Doe\n\nIt was Sunday in snowy Manhattan. Jenna was in the tub.\n\n"
            '"Sorry, kids," I said to the bathtub.\n\n"Go away!" I said. "Shoo!"\n\n'
            '"They will be back," I told Jenna.\n\nI told her that the pixies would come back.')
    found = _first_person(spacy_parser, text)
    assert found and all(entity is None for _, entity, _ in found)


def test_columnist_without_dialogue_is_the_author(spacy_parser):
    text = ("The bridge we need\n\nBy Jane Doe\n\nThe council met on Monday. I told the mayor that the bridge is "
            "late.\n\nI said last year that the ferry would not last, and it did not.")
    found = _first_person(spacy_parser, text)
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Jane Doe"}


def _first_person_with_author(parser, text, author):
    from quotekit import extract

    quotes = extract(parser.parse(text), stance=False, meta={"author": author})
    return {_clause(q.content.text): q.speaker_entity for q in quotes
            if q.speaker is not None and q.speaker.text.lower() in ("i", "me")}


_PODCAST = ("Welcome to the show. I told my producer that today is a special episode.\n\n"
            "So how did the bridge project start?\n\n"
            "The council called me in 2019. I said that the plans were too expensive.\n\n"
            "Was anyone against it?\n\n"
            "Everyone was. I told the mayor that the ferry would not last.\n\n"
            "And what comes next?\n\n"
            "I said last week that we will open in May.")


def test_in_a_dialogue_the_first_person_is_not_the_author_column(spacy_parser):
    """A podcast whose author column names its host: after the first question, "I" is the host's or the
    guest's; before it the host speaks."""
    found = _first_person_with_author(spacy_parser, _PODCAST, "Jane Doe")
    assert found.get("today is a special episode") == "Jane Doe"
    assert found.get("the plans were too expensive", "missing") is None
    assert found.get("the ferry would not last", "missing") is None


def test_an_essays_rhetorical_question_keeps_its_author(spacy_parser):
    text = ("The council met on Monday. I told the mayor that the bridge is late.\n\n"
            "What should the city do?\n\n"
            "I said last year that the ferry would not last, and it did not.")
    found = _first_person_with_author(spacy_parser, text, "Jane Doe")
    assert set(found.values()) == {"Jane Doe"}


def test_a_question_paragraph_after_a_speech_is_not_the_speakers(spacy_parser):
    """Remarks followed by a press conference: a reporter's "I" in a question is nobody the headline names."""
    text = ("Remarks by Governor Maria Lopez at the Opening of the Springfield Bridge\n\n"
            "Thank you all for coming. I told the council that this bridge will change the city.\n\n"
            "Governor, I told my readers that the bridge was late. Will it open in May?\n\n"
            "Yes. I said so last week.\n\n"
            "When will the tolls start?\n\n"
            "Not this year.\n\n"
            "Who pays for the ferry?\n\n"
            "The state does.")
    found = _first_person_with_author(spacy_parser, text, None)
    assert found.get("this bridge will change the city") == "Maria Lopez"
    assert found.get("the bridge was late", "missing") is None
    assert found.get("so") == "Maria Lopez"


# ---- pull quotes, self-introductions, letters ------------------------------------------------------------------
def test_paragraph_signed_by_a_name_is_that_persons(spacy_parser):
    text = ("Former crew member says she was held on ship\n\n"
            "Valerie Dumont says she spent twelve years on the ship. She claims that her passport was taken.\n\n"
            "I told them that my mother had done nothing wrong and that I would not leave her. Valerie Dumont\n\n"
            "The church denies the claims.")
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {"Valerie Dumont"}


_HEARING = ("Good morning. In the case of Springfield against Ann Brown, for the appellant: Julie Rosenthal and "
            "Mark Evans. For the respondent: Kirk Bart. {call}\n\n"
            "Thank you. I told the lower court that the contract was never signed, and I say so again today.\n\n"
            "Why was it never signed?\n\n"
            "Because nobody asked for it. I said that in my brief.")


@pytest.mark.parametrize("call", ["Miss Rosenthal?", "Miss Rosenthal.", "Alright, Miss Rosenthal, please proceed."])
def test_the_reply_to_a_call_by_name_is_the_called_persons(spacy_parser, call):
    found = _first_person(spacy_parser, _HEARING.format(call=call))

    def entity_saying(words):  # (which of two overlapping candidates the acceptance model keeps is not at issue)
        return next((entity for _, entity, content in found if words in content), "missing")

    assert entity_saying("the contract was never signed") == "Julie Rosenthal"  # the reply to the call
    assert entity_saying("in my brief") == "Julie Rosenthal"  # "I said that in my brief": the answer to the bench


def test_in_a_hearing_only_answers_to_questions_are_the_called_persons(spacy_parser):
    """After the reply, the bench may speak without asking (its "I" is no counsel's), a paragraph naming the
    counsel is someone else's, and a new call gives the floor to the next counsel."""
    text = (_HEARING.format(call="Miss Rosenthal?") + "\n\n"
            "I told the clerk that we will sit until five.\n\n"
            "Did the appellant sign anything at all?\n\n"
            "As Miss Rosenthal knows, I said in my brief that nothing was signed.\n\n"
            "Thank you. Mr. Bart?\n\n"
            "Thank you. I told the trial judge that the contract was signed in May.\n\n"
            "When was it signed?\n\n"
            "In May. I said so at trial.")
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, text)}
    assert by_content.get("that we will sit until five") is None  # the bench, not after a question
    assert by_content.get("nothing was signed") is None  # names the counsel: not the counsel's own answer
    assert by_content.get("the contract was signed in May") == "Kirk Bart"  # the reply to the second call
    assert by_content.get("so") == "Kirk Bart"  # the answer after the second call


@pytest.mark.parametrize("closing", ["Jane Doe.", "Thank you, Jane Doe."])
def test_a_name_without_title_or_question_is_no_call(spacy_parser, closing):
    text = _HEARING.replace("{call}", "").replace("Good morning.", "Good morning. " + closing, 1)
    text = text.replace("Kirk Bart. ", "Kirk Bart. " + closing)
    found = _first_person(spacy_parser, text)
    assert found and all(entity is None for _, entity, _ in found)


@pytest.mark.parametrize("call", ["Please begin.", "Miss Lopez?", "Is the appellant ready?"])
def test_no_call_by_a_known_name_no_speaker(spacy_parser, call):
    found = _first_person(spacy_parser, _HEARING.format(call=call))
    assert found and all(entity is None for _, entity, _ in found)


def test_a_speaker_who_introduces_themself_speaks_the_monologue(spacy_parser):
    text = ("Hey guys! So welcome back to my channel. My name is Maria Lopez, and today I'm going to show you my "
            "morning routine.\n\nFirst, I told my sister that coffee is the most important part. I said last week "
            "that I would try tea, and I did.")
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {"Maria Lopez"}


@pytest.mark.parametrize("opening", ["I'm Catholic", "It's Christmas", "It's Maria Lopez who must decide"])
def test_introduction_needs_a_persons_name(spacy_parser, opening):
    text = (f"{opening}, and today I'm going to talk about the holidays.\n\nI said that the holidays are the most "
            "important part of the year.")
    found = _first_person(spacy_parser, text)
    assert all(entity is None for _, entity, _ in found)


def test_letter_signed_after_a_closing_with_other_words_on_its_line():
    text = ("Dear Mom,\n\nSorry for the delay of this letter. I just started my project on Sunday.\n\n"
            "Please write soon. Love & kisses, to all,\n\nMarcie")
    assert signature(text) == "Marcie"
    author = document_author(text)
    assert author is not None and author.person and author.name == "Marcie"


@pytest.mark.parametrize("closing", ["Sincerely, [Jane Doe]", "Sincerely,\n\n[Jane Doe]"])
def test_a_signature_in_brackets_signs_the_letter(closing):
    """An archive's transcription brackets a handwritten signature."""
    text = "Dear John,\n\nThank you for your call. I will write to the court on Monday.\n\n" + closing
    assert signature(text) == "Jane Doe"


@pytest.mark.parametrize("name", [
    "Supreme Court of India", "Arizona Court of Appeals", "Springfield State Judiciary",
    "Springfield Corpus of Spoken English (ed. John Smith)", "Jane Doe Vlogs", "Friends In Your Head",
    "Jane Doe; John Roe", "springfieldtimes", "Springfield Times"])
def test_an_author_column_naming_an_organisation_is_no_person(name):
    author = document_author("I told the council that the bridge is late.", name)
    assert author is not None and not author.person


@pytest.mark.parametrize("name", ["Jane Doe", "John F. Smith", "Dr. Jane Doe", "Ludwig van Beethoven", "Bill"])
def test_an_author_column_naming_a_person(name):
    """A person's name, or a known first name alone (a letter's writer as an archive lists it)."""
    author = document_author("I told the council that the bridge is late.", name)
    assert author is not None and author.person


def test_closing_phrase_needs_its_comma_and_a_name_line():
    assert signature("The council met.\n\nThe vote is on Monday.\n\nSee you there.\n\nMarcie Lopez") is None


# ---- never a crash, offsets in range ----------------------------------------------------------------------------
_WORDS = ["I", "me", "my", "name", "is", "it's", "Maria", "Lopez", "THE", "MAYOR", "GOVERNOR", ":", "Q:", "A:",
          "?", ".", ",", "\n", "\n\n", "Remarks", "by", "and", "interviews", "interviewed", "her", "him", "Speech",
          "How", "did", "you", "think", "said", "\"", "Yours,", "By", "Love", "&", "'s", "10:02", "P.M.", "EDT", "--"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_WORDS), min_size=0, max_size=40).map(" ".join) | st.text(max_size=120))
def test_detection_never_crashes_and_stays_in_the_document(spacy_parser, text):
    from quotekit.analysis import analysis_of
    from quotekit.attribute import find_attributions
    from quotekit.speakers import interviews
    from quotekit.speakers.coref import DocEntities

    for found in (byline(text), author_line(text), signature(text)):
        assert found is None or found in text
    document_author(text)
    doc = spacy_parser.parse(text)
    analysis = analysis_of(doc)
    index = DocEntities(analysis)
    attributions = find_attributions(analysis)
    n = len(doc)
    for start, end, _ in interviews._labelled_sections(index, attributions) + interviews._introductions(index):
        assert 0 <= start <= end <= n
    assert interviews.question_paragraphs(index) <= set(analysis.para)
    speaker = interviews.first_person_speakers(index, attributions)
    if speaker is not None:
        for i in range(n):
            found = speaker(i)
            assert found is None or (found.info.entity and 0.0 < found.probability <= 1.0)


# ---- an author column holding an account name ---------------------------------------------------------------
@pytest.mark.parametrize("handle, name", [("richardroe", "Richard Roe"), ("janedoe", "Jane Doe"),
                                          ("mariagonzalez", "Maria Gonzalez")])
def test_an_account_name_spells_its_holder(handle, name):
    """A website's author field holds the account name: a first name run together with a last name."""
    author = document_author("Good evening. I have decided to resign the office.", handle)
    assert author is not None and author.person and author.name == name


@pytest.mark.parametrize("handle", ["wikinews", "springfieldtimes", "jdoe", "news", "admin"])
def test_an_account_name_without_a_first_name_is_no_person(handle):
    author = document_author("I told the council that the bridge is late.", handle)
    assert author is not None and not author.person


def test_a_speech_posted_under_its_speakers_account_is_theirs(spacy_parser):
    text = ("Good evening. This is the 37th time I have spoken to you from this office.\n\n"
            "I have said many times that the interest of the Nation must always come first.\n\n"
            "I told my family last night that I will leave the office tomorrow at noon.")
    found = _first_person_with_author(spacy_parser, text, "richardroe")
    assert found and set(found.values()) == {"Richard Roe"}


def test_an_account_the_text_names_did_not_give_the_speech(spacy_parser):
    """The poster thanked in the third person ("coordinated by Alex Kamau") is not who says "I": no answer."""
    text = ("Good morning. I would like to thank the community, under the able coordination of Alex Kamau, for "
            "inviting me.\n\nI said last year that every school must be open to all.")
    found = _first_person_with_author(spacy_parser, text, "alexkamau")
    assert found and all(entity is None for entity in found.values())


@pytest.mark.parametrize("question", [
    # a long question: the bench sets the case out before asking
    "The statute speaks of waiving or modifying a provision. It would be good English to say that the war "
    "modified the status of the nobility, but only as a figure of speech. We are talking about half a trillion "
    "dollars and forty million borrowers, and a program that the Congress never debated, never voted on and "
    "never funded in any budget of the last ten years, whatever the Secretary may have announced in the summer. "
    "How does that fit under the normal understanding of modifying?",
    # the question first, a comment after it
    "Why does the interest survive when the property was kept on public land? I am not sure I see how that is "
    "consistent with the cases cited to us.",
])
def test_in_a_hearing_any_paragraph_that_asks_is_the_benchs_question(spacy_parser, question):
    text = (_HEARING.format(call="Miss Rosenthal?") + "\n\n" + question + "\n\n"
            "So thank you for the question. I said in my brief that the earlier opinion read the term narrowly.")
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, text)}
    assert by_content.get("the earlier opinion read the term narrowly") == "Julie Rosenthal"


# ---- a first-person narrator the other characters call by name --------------------------------------------------
_STORY = ("The Fair\n\nby Jane Doe\n\nThe fair was loud and the lights were bright. Cara held my hand.\n\n"
          '"Sorry, kids," I said to the boys at the gate.\n\n'
          '"We went in but she kept grabbing stuff," I told the guard.\n\n'
          '"{name}," my mom says, tired. "We have to go home now."\n\n'
          '"Okay," I say, and I tell her that the car is parked by the gate.\n\n'
          "We walk out of the fair and I decide that I will never come back.")


def test_narrator_is_the_name_others_call_them_by(spacy_parser):
    """Mom calls "Robert," and "I" answers next; the narration never uses the name: the narrator is Robert."""
    found = _first_person(spacy_parser, _STORY.format(name="Robert"))
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Robert"}


def test_a_name_the_narration_uses_is_not_the_narrators(spacy_parser):
    """"Cara," called out: Cara is a character the narration names ("Cara held my hand"), not the narrator."""
    found = _first_person(spacy_parser, _STORY.format(name="Cara"))
    assert found and all(entity is None for _, entity, _ in found)


def test_a_call_the_narrator_does_not_answer_names_no_one(spacy_parser):
    """Someone calls "Ramon" on the phone and hangs up: the narrator does not answer next, no name."""
    text = _STORY.format(name="Robert").replace(
        '"Okay," I say, and I tell her that the car is parked by the gate.',
        "She hangs up the phone.\n\n" + '"Okay," I say, and I tell her that the car is parked by the gate.')
    found = _first_person(spacy_parser, text)
    assert found and all(entity is None for _, entity, _ in found)


# ---- a letters page: each letter signed by a name alone ----------------------------------------------------------
_LETTERS = ("Is the bridge worth its price?\n\nLETTERS.\n\n"
            "The council wants another ten million for the bridge. I told my neighbours last week that the ferry "
            "works fine.\n\nMaria Lopez.\n\nSpringfield, Ill.\n\n"
            "The bridge is the best thing the council has done in years. I said at the hearing that the town "
            "needs it.\n\nJohn Smith.\n\n"
            "The ferry has run late every day this winter. Nobody should have to wait an hour.\n\nAnn Brown.")


def test_a_letters_page_credits_each_letter_to_the_name_that_signs_it(spacy_parser):
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, _LETTERS)}
    assert by_content.get("the ferry works fine") == "Maria Lopez"
    assert by_content.get("the town needs it") == "John Smith"


def test_a_name_alone_signs_only_letters_in_the_first_person(spacy_parser):
    from quotekit.analysis import analysis_of
    from quotekit.speakers import interviews
    from quotekit.speakers.coref import DocEntities

    index = DocEntities(analysis_of(spacy_parser.parse(_LETTERS)))
    writers = {found.info.entity for found in interviews._letters(index).values()}
    assert writers == {"Maria Lopez", "John Smith"}  # Ann Brown's letter says no "I": nothing to sign


# ---- a hearing: the bench acknowledges, the answer goes on -------------------------------------------------------
@pytest.mark.parametrize("ack", ["Okay.", "I see.", "Mhm."])
def test_in_a_hearing_the_answer_goes_on_after_the_benchs_acknowledgement(spacy_parser, ack):
    text = (_HEARING.format(call="Miss Rosenthal?") + "\n\n" + ack + "\n\n"
            "Um, the deal was made in May. I told the clerk that the papers were lost.")
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, text)}
    assert by_content.get("the papers were lost") == "Julie Rosenthal"


def test_in_a_hearing_a_statement_after_the_bench_speaks_at_length_is_no_answer(spacy_parser):
    """Not an acknowledgement: the bench's own comment; the paragraph after it is not credited to the counsel."""
    text = (_HEARING.format(call="Miss Rosenthal?") + "\n\n"
            "Okay, the court will take a short recess now.\n\n"
            "I told the clerk that the court will sit again at two.")
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, text)}
    assert by_content.get("the court will sit again at two") is None


# ---- author notes closing a column or an excerpt ----------------------------------------------------------------
_COLUMN = "Why the bridge matters\n\nThe council met on Monday. I told the mayor that the bridge is late.\n\n{note}"


@pytest.mark.parametrize("note, name", [
    ("Rep. Maria Lopez, D-Ariz., was an early backer of the bridge.", "Maria Lopez"),
    ("Sen. Maria Lopez is the chair of the transport committee.", "Maria Lopez"),
    ("John B. Smith is Senior Editor-at-Large at Springfield News. Follow him on Twitter at @jbsmith.",
     "John B. Smith"),
    ("From BUILDING BRIDGES by John Smith. Copyright © 2015 by John Smith. Reprinted courtesy of Acme Books.",
     "John Smith"),
])
def test_the_note_closing_a_column_names_its_author(note, name):
    assert author_line(_COLUMN.format(note=note)) == name


@pytest.mark.parametrize("note", [
    "Rep. Maria Lopez, D-Ariz., said the vote will be close.",  # a story's last line about someone it quoted
    "From Monday on, the ferry will run by the hour.",  # "from ... by": no name after "by"
])
def test_a_closing_line_that_is_no_author_note(note):
    assert author_line(_COLUMN.format(note=note)) is None


def test_i_in_a_column_closed_by_a_legislators_note_is_the_legislator(spacy_parser):
    text = _COLUMN.format(note="Rep. Maria Lopez, D-Ariz., was an early backer of the bridge.")
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {"Maria Lopez"}


# ---- the author's "we" of a paper --------------------------------------------------------------------------------
_PAPER = ("Testing maps with mutants\n\nMost tools for maps are tested by hand. In this article, we propose a set of "
          "operators for such tools.\n\nWe argue that the operators find most faults. We showed in 2019 that the "
          "tests miss one fault in ten.")


@pytest.mark.parametrize("author, expected", [("Maria Lopez", "Maria Lopez"),
                                              ("Maria Lopez, John Smith, Ann Brown", None)])
def test_we_of_a_paper_is_its_one_author(author, expected):
    from quotekit.speakers.authors import author_of_first_person

    found = author_of_first_person(document_author(_PAPER, author), "we")
    assert (found[0] if found else None) == expected


def test_we_of_a_column_is_not_its_author():
    """A column's "we" is the writer and others (the town, the readers): no paper stated, no answer."""
    from quotekit.speakers.authors import author_of_first_person

    column = "The bridge we need\n\nWe waited ten years for this bridge. We argue about it every winter."
    assert author_of_first_person(document_author(column, "Maria Lopez"), "we") is None


@pytest.mark.parametrize("intro", [
    "Maria Lopez answered questions from the Springfield Times about the new bridge\n\nMonday, March 3, 2014",
    "Maria Lopez, the city engineer who designed the bridge, took time to answer some questions from the "
    "Springfield Times.",
    "The Springfield Times spoke with Springfield's city engineer, Maria Lopez, about the bridge.",
    "Interview: Maria Lopez on the new bridge\n\nMonday, March 3, 2014",
    "The Springfield Times contacted Maria Lopez, the city engineer, to ask her about the bridge.",
])
def test_more_ways_an_intro_states_the_interviewee(spacy_parser, intro):
    """"NAME answered questions from X", an apposition after "with", a headline's "Interview: NAME", "to ask
    her": the answers are the interviewee's."""
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Maria Lopez"}


def test_an_answer_word_without_questions_states_no_interview(spacy_parser):
    """"NAME answered the door": no questions, no interviewee stated (the answers stay unresolved)."""
    intro = "Maria Lopez answered the door in Springfield on Monday.\n\nMonday, March 3, 2014"
    found = _first_person(spacy_parser, intro + "\n\n" + _QA)
    assert found and all(entity != "Maria Lopez" for _, entity, _ in found)


# ---- a hearing: the counsel's argument goes on after the bench's remark ----------------------------------------
_ARGUMENT = ("So what I am asking the court to decide today is narrower than the question my friend put in his "
             "factum. The contract between the parties was drafted by the respondent, it was never signed by the "
             "appellant, and the lower court read a term into it that neither side had proposed at any point in the "
             "negotiations. And that, I say, is where the trial judge went wrong, because the cases on implied terms "
             "all require that the term be necessary to make the agreement work. And I say that the term the court "
             "below implied was not necessary at all.")


def test_in_a_hearing_a_long_argument_after_the_benchs_remark_is_the_counsels(spacy_parser):
    """The bench remarks without asking; the long paragraph after it goes on with the counsel's argument."""
    text = (_HEARING.format(call="Miss Rosenthal?") + "\n\n"
            "This is your case to plead, but you have gone straight into the weeds. You have not told us what our "
            "task is today.\n\n" + _ARGUMENT)
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, text)}
    assert by_content.get("the term the court below implied was not necessary at all") == "Julie Rosenthal"


def test_in_a_hearing_a_long_paragraph_naming_the_counsel_is_not_theirs(spacy_parser):
    text = (_HEARING.format(call="Miss Rosenthal?") + "\n\n"
            "You have not told us what our task is today.\n\n"
            + _ARGUMENT.replace("my friend", "Miss Rosenthal"))
    by_content = {content: entity for _, entity, content in _first_person(spacy_parser, text)}
    assert by_content.get("the term the court below implied was not necessary at all") is None


# ---- a speaker who says in what capacity they speak, no name given ----------------------------------------------
_ROLE_SPEECH = ("Good morning.\n\n"
                "It gives me great pleasure to be here today as the Guest of Honour at the opening of the new "
                "library. I would like to thank the county council for inviting me.\n\n"
                "The library will serve twelve villages. I told the builders last year that the reading room must "
                "face the river, and they listened.\n\n"
                "I must say that the staff have worked very hard.")


def test_a_speaker_introduced_by_role_speaks_the_speech(spacy_parser):
    found = _first_person(spacy_parser, _ROLE_SPEECH)
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Guest of Honour"}


@pytest.mark.parametrize("opening", [
    "As the Mayor said last week, I think the library is late.",  # "as" opening a clause: no role
    "It gives me great pleasure to be here today as the Guest of Honour, and as the Chair of the Trust.",  # two
])
def test_no_role_or_two_roles_name_no_speaker(spacy_parser, opening):
    text = _ROLE_SPEECH.replace("It gives me great pleasure to be here today as the Guest of Honour at the opening "
                                "of the new library.", opening)
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {None}


def test_a_role_does_not_displace_a_named_author(spacy_parser):
    """A column whose byline names its author: "I" is the author, whatever capacity they write in."""
    text = ("By Maria Lopez\n\nI write as the Chair of the Library Trust. I told the council last year that the "
            "reading room must face the river.\n\nI must say that the staff have worked very hard.")
    found = _first_person(spacy_parser, text)
    assert found and {entity for _, entity, _ in found} == {"Maria Lopez"}


# ---- a pull quote repeated in the story --------------------------------------------------------------------------
def test_a_sentence_repeating_a_signed_pull_quote_is_the_signers(spacy_parser):
    text = ("Former nurse says hospital kept her on night shifts for a decade\n\n"
            "Maria Lopez, a former nurse at Springfield General, claims the hospital kept her on night shifts for "
            "ten years.\n\n"
            "I told the head nurse that I could not stay on nights because nobody else would. Maria Lopez\n\n"
            "I told the head nurse that I could not stay on nights because nobody else would. The hospital "
            "has denied the claims.")
    found = _first_person(spacy_parser, text)
    assert len(found) >= 2 and {entity for _, entity, _ in found} == {"Maria Lopez"}


def test_a_short_stock_sentence_is_no_echo(spacy_parser):
    text = ("Former nurse says hospital kept her on night shifts\n\n"
            "I told them I agree. Maria Lopez\n\n"
            "Another nurse, who asked not to be named, wrote to the board.\n\n"
            "I told them I agree. The hospital has denied the claims.")
    by_position = [entity for _, entity, _ in _first_person(spacy_parser, text)]
    assert by_position[-1:] == [None]


# ---- a name alone is a line of a dialogue, not a letter's signature ---------------------------------------------
def test_a_name_alone_in_a_dialogue_signs_nothing(spacy_parser):
    text = ("Did you see the game last night?\n\n"
            "No. I told Mike that I would watch it with him, but I fell asleep.\n\n"
            "Who won it then?\n\n"
            "I think the Tigers did.\n\n"
            "Who scored the winning goal?\n\n"
            "Oh, I remember that one.\n\n"
            "Jenny Marsh.\n\n"
            "No, I said that it was her sister.")
    found = _first_person(spacy_parser, text)
    assert found and all(entity != "Jenny Marsh" for _, entity, _ in found)
