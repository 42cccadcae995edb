"""Every quotation-mark style of the issue in the three shapes news uses, with its speaker (default spaCy parse);
apostrophes never open a quotation (property test)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotekit.attribute import find_attributions
from quotekit.attribute.quotes import quote_spans

STYLES = {
    "curly double": ("“", "”"),
    "straight double": ('"', '"'),
    "British curly single": ("‘", "’"),
    "British straight single": ("'", "'"),
    "guillemets": ("«", "»"),
    "single guillemets": ("‹", "›"),
    "low-high double": ("„", "“"),
    "low-high single": ("‚", "‘"),
    "corner brackets": ("「", "」"),
}

SHAPES = {
    # quote first, then "said NAME" (inverted)
    "quote, said NAME": ("{o}We will rebuild the harbour before the winter storms arrive,{c} said Maria Lopez, "
                         "the mayor of the port town.", "{o}We will rebuild the harbour before the winter storms "
                         "arrive,{c}", "Maria Lopez"),
    # "NAME said" first, then the quote
    "NAME said, quote": ("The finance minister Peter Brandt said on Tuesday, {o}The budget will be balanced by "
                         "the end of next year.{c}", "{o}The budget will be balanced by the end of next year.{c}",
                         "The finance minister Peter Brandt"),
    # colon attribution
    "NAME said: quote": ("At the rally, the union leader said: {o}Nobody in this hall will accept a pay cut this "
                         "year.{c}", "{o}Nobody in this hall will accept a pay cut this year.{c}",
                         "the union leader"),
    # quote, then "the NOUN said"
    "quote, NOUN said": ("{o}The crews are ready and the pumps are in place,{c} the fire chief said on Monday.",
                         "{o}The crews are ready and the pumps are in place,{c}", "the fire chief"),
}


def _found(parser, text):
    return [(a.content.text, a.speaker.text if a.speaker is not None else None)
            for a in find_attributions(parser.parse(text))]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("style", sorted(STYLES))
def test_style_and_shape_has_content_and_speaker(spacy_parser, style, shape):
    opening, closing = STYLES[style]
    text, content, speaker = (s.format(o=opening, c=closing) for s in SHAPES[shape])
    assert (content, speaker) in _found(spacy_parser, text)


@pytest.mark.parametrize("style", sorted(STYLES))
def test_style_runs_over_paragraphs(spacy_parser, style):
    """The newspaper convention: the opening mark repeated at each new paragraph, closed only at the end."""
    opening, closing = STYLES[style]
    text = (f"{opening}We have rebuilt the school and the clinic since the flood.\n\n"
            f"{opening}Next year we will finish the bridge,{closing} the mayor said.")
    assert (text[:text.index(" the mayor")], "the mayor") in _found(spacy_parser, text)


def test_doubled_newswire_marks(spacy_parser):
    """``...'' `` as some newswires write double quotes."""
    text = "``We will not raise taxes this year,'' the finance minister said on Tuesday."
    assert ("``We will not raise taxes this year,''", "the finance minister") in _found(spacy_parser, text)


def test_single_marks_inside_double_stay_inside(spacy_parser):
    text = "“The sign said ‘closed for repairs’ all week,” the shop owner said."
    doc = spacy_parser.parse(text)
    assert [doc[s:e].text for s, e in quote_spans(doc)] == ["“The sign said ‘closed for repairs’ all week,”"]
    assert ("“The sign said ‘closed for repairs’ all week,”", "the shop owner") in _found(spacy_parser, text)


# ---- apostrophes never open a quotation ---------------------------------------------------------------------
_APOSTROPHE_WORDS = ["don't", "don’t", "the '80s", "the ’80s", "rock 'n' roll", "rock ’n’ roll", "rock ‘n’ roll",
                     "James' car", "James’ car", "the Joneses' house", "O'Brien", "O’Brien", "'tis", "’tis",
                     "y'all", "the students’ union", "it's", "we’re", "'em", "goin'", "'67 model", "Japan's"]
_PLAIN_WORDS = ["the", "mayor", "said", "car", "Car", "roll", "He", "and", "new", "80s", "year", "it", "is"]
_PUNCT = [",", ".", "!", "?", ";", "(", ")", "—", "-", "\n\n"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_APOSTROPHE_WORDS + _PLAIN_WORDS + _PUNCT), min_size=1, max_size=30))
@example(["rock 'n' roll", "and", "James'", "Car"])
@example(["rock ’n’ roll", "and", "James’", "."])
@example(["'tis", "the", "students’", "."])
def test_apostrophes_never_open_a_quotation(spacy_parser, pieces):
    """Text with apostrophes (contractions, elisions, decades, possessives) and no quotation marks has no
    quotation span."""
    doc = spacy_parser.parse(" ".join(pieces))
    assert [doc[s:e].text for s, e in quote_spans(doc)] == []


# ---- interview transcripts: whom Q and A stand for ------------------------------------------------------------
_TURNS = ("Q: What did the council decide about the new bridge?\n\n"
          "A: We decided to build it next year, before the elections.")


def _turn_speakers(spacy_parser, text):
    from quotekit import extract

    quotes = extract(spacy_parser.parse(text), stance=False)
    return {(q.speaker.text, q.speaker_entity, q.speaker_type) for q in quotes
            if q.speaker is not None and q.speaker.text in ("Q", "A")}


@pytest.mark.parametrize("intro, interviewer, interviewee", [
    ("An interview with Maria Lopez, mayor of Springfield", None, "Maria Lopez"),
    ("Interview by John Smith with Maria Lopez", "John Smith", "Maria Lopez"),
    ("John Smith sat down with Maria Lopez, the mayor of Springfield, last week.", "John Smith", "Maria Lopez"),
    ("Maria Lopez was interviewed by John Smith on Monday.", "John Smith", "Maria Lopez"),
    ("Mayor Maria Lopez spoke to The Springfield Times about the bridge.", "Springfield Times", "Maria Lopez"),
    ("Maria Lopez told CNN on Sunday that the bridge will be built.", "CNN", "Maria Lopez"),
    ("Maria Lopez, the mayor of Springfield, answered questions about the bridge in the newsroom of The "
     "Springfield Times.", "Springfield Times", "Maria Lopez"),
    ("Q&A with Vice President Joe Biden.\n\nVice President Joe Biden spent Thursday morning in St. Paul. He later "
     "flew back to Washington on Air Force Two, where he spoke with The Springfield Times.", "Springfield Times",
     "Joe Biden"),
    ("Immigration debate hits home for actress Diane Guerrero.\n\nActress Diane Guerrero plays Maritza Ramos on a "
     "popular series. Her memoir tells the story of her family.", None, "Diane Guerrero"),
    ("Q&A: Maria Lopez on the bridge she wants to build\n\nBy John Smith\n\n"
     "Maria Lopez has been mayor of Springfield since 2019. We asked her about the new bridge.",
     "John Smith", "Maria Lopez"),
])
def test_interview_turns_speak_for_the_named_parties(spacy_parser, intro, interviewer, interviewee):
    found = _turn_speakers(spacy_parser, intro + "\n\n" + _TURNS)
    answers = {(entity, typ) for label, entity, typ in found if label == "A"}
    questions = {(entity, typ) for label, entity, typ in found if label == "Q"}
    assert answers == {(interviewee, "person")}
    if interviewer is None:  # nobody named: an honest unknown, not the label as a name
        assert questions <= {(None, "unknown")}
    else:
        assert questions <= {(interviewer, "person"), (interviewer, "organization")} and questions


def test_section_label_of_an_interview_is_no_speaker(spacy_parser):
    from quotekit import extract

    text = "Q&A: Maria Lopez on the bridge she wants to build\n\nBy John Smith\n\n" + _TURNS
    assert all(q.speaker is None or q.speaker.text != "Q&A" for q in extract(spacy_parser.parse(text), stance=False))


@pytest.mark.parametrize("intro", ["", "Maria Lopez and her deputy John Brown run the city together."])
def test_interview_turns_without_a_named_party_stay_unknown(spacy_parser, intro):
    """Nobody (or two people, without a word on who is interviewed): no guess, no "Q"/"A" person, no
    "anonymous" source."""
    found = _turn_speakers(spacy_parser, (intro + "\n\n" if intro else "") + _TURNS)
    assert {label for label, _, _ in found} == {"Q", "A"}
    assert {(entity, typ) for _, entity, typ in found} == {(None, "unknown")}


def test_named_turns_in_capitals_resolve_and_name_the_parties(spacy_parser):
    from quotekit import extract

    text = ("An interview with Maria Lopez, mayor of Springfield, and our reporter John Smith.\n\n"
            "SMITH: What did the council decide about the new bridge?\n\n"
            "LOPEZ: We decided to build it next year, before the elections.\n\n"
            "Q: When will the work start, and who will pay for it?\n\n"
            "A: In March, if the weather allows it.")
    found = {(q.speaker.text, q.speaker_entity) for q in extract(spacy_parser.parse(text), stance=False)}
    assert {("SMITH", "John Smith"), ("LOPEZ", "Maria Lopez")} <= found
    assert {entity for label, entity in found if label in ("Q", "A")} <= {"John Smith", "Maria Lopez"}
    assert ("A", "Maria Lopez") in found


def test_full_name_labels_name_later_surname_labels(spacy_parser):
    """A broadcast transcript: ``JAKE TAPPER:`` is Jake Tapper, spelled as the text spells the names elsewhere,
    and the later ``TAPPER:`` / ``MCCAIN:`` turns are the same people."""
    from quotekit import extract

    text = ("Senator John McCain spoke on Sunday about the defence budget and the war.\n\n"
            "JAKE TAPPER: Senator, do you think the budget will pass before the summer recess?\n\n"
            "MCCAIN: I think it will pass, because both parties know that the troops need the money.\n\n"
            "TAPPER: And what about the new base that the Pentagon wants to build in Alaska?\n\n"
            "MCCAIN: We will vote on the base in the fall, after the hearings in the committee.")
    found = {(q.speaker.text, q.speaker_entity, q.speaker_type) for q in extract(spacy_parser.parse(text),
                                                                                  stance=False)}
    labels = {label: (entity, typ) for label, entity, typ in found if label.isupper()}
    assert labels.get("JAKE TAPPER", ("Jake Tapper", "person")) == ("Jake Tapper", "person")
    assert labels.get("TAPPER", ("Jake Tapper", "person")) == ("Jake Tapper", "person")
    assert labels.get("MCCAIN") == ("John McCain", "person")
    assert {"JAKE TAPPER", "TAPPER"} & set(labels)


def test_unknown_turns_keep_their_function_as_role(spacy_parser):
    from quotekit import extract

    roles = {(q.speaker.text, q.speaker_role, q.speaker_resolved) for q in extract(spacy_parser.parse(_TURNS),
                                                                                    stance=False)}
    assert roles == {("Q", "interviewer", "unresolved"), ("A", "interviewee", "unresolved")}


@pytest.mark.parametrize("dash", ["—", "–", "--"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_dash_attribution_in_every_style(spacy_parser, style, dash):
    opening, closing = STYLES[style]
    quote = f"{opening}We are ready for the storm and the crews are in place.{closing}"
    assert (quote, "Maria Lopez") in _found(spacy_parser, f"{quote} {dash} Maria Lopez, city commissioner")


_INTRO_WORDS = st.sampled_from(["An", "interview", "with", "by", "Maria", "Lopez", "John", "Smith", "The", "Times",
                                "spoke", "to", "told", "CNN", "mayor", "of", "Springfield", ",", ".", "and", "Q&A",
                                ":", "sat", "down", "asked", "her", "\n\n"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_INTRO_WORDS, max_size=20))
def test_turn_speakers_are_named_in_the_text_or_unknown(spacy_parser, intro):
    """Whatever the intro says, a Q/A turn's speaker is someone the text names, or no one (type unknown); never
    the label itself."""
    from quotekit import extract

    text = " ".join(intro) + "\n\n" + _TURNS
    for q in extract(spacy_parser.parse(text), stance=False):
        if q.speaker is not None and q.speaker.text in ("Q", "A"):
            assert q.speaker_entity not in ("Q", "A")
            if q.speaker_entity is None:
                assert q.speaker_type == "unknown"
            else:
                assert q.speaker_entity in text
