"""Where a reported statement's content starts and ends, on real-looking news sentences (default spaCy parse).

Each case is one kind of boundary error measured on PolNeAR train near misses: a content cut at the first of
several reported clauses, or one that swallows the reporter's aside, the speaker's next action or the next
sentence's quotation.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute import find_attributions


@pytest.fixture(scope="module")
def contents(spacy_parser):
    """``{cue text: [content part texts]}`` of a text's attributions."""
    def run(text):
        doc = spacy_parser.parse(text)
        return {a.cue.text: [p.text for p in a.pieces()] for a in find_attributions(doc) if a.cue is not None}

    return run


def test_coordinated_that_clauses_are_one_content(contents):
    text = ("Daniel Hamermesh, a labor economist, predicted that base wages would fall somewhat over time, but that "
            "the higher overtime payments would more than offset any loss in regular salary levels.")
    assert contents(text)["predicted"] == [
        "that base wages would fall somewhat over time, but that the higher overtime payments would more than offset "
        "any loss in regular salary levels"]


def test_coordinated_that_clause_after_an_infinitive(contents):
    text = ("The governor said the state needs to secure the border and create a guest-worker program, but that he "
            "would not support mass deportation.")
    assert contents(text)["said"] == [
        "the state needs to secure the border and create a guest-worker program, but that he would not support "
        "mass deportation"]


@pytest.mark.parametrize("text, cue, content", [
    ("Trump said things “should be wrapped up by Cleveland,” referring to the party’s July convention.",
     "said", "things “should be wrapped up by Cleveland,”"),
    ('Cardin stressed that "the way to proceed is to get Democrats and Republicans working together," suggesting '
     "that Congress might simply pass a renewal of the sanctions act.",
     "stressed", '"the way to proceed is to get Democrats and Republicans working together,"'),
])
def test_reporters_participle_after_a_quotation_is_not_content(contents, text, cue, content):
    assert contents(text)[cue] == [content]


@pytest.mark.parametrize("text, cue, content", [
    ("The senator said the deal would cut costs for working families, as the agency reported last week.",
     "said", "the deal would cut costs for working families"),
    ("The mayor described the plan as a disaster, as critics have said for months.",
     "described", "the plan as a disaster"),
])
def test_as_clause_citing_another_report_is_not_content(contents, text, cue, content):
    # ", as X reported" / ", as critics have said": the reporter's citation of another source
    assert contents(text)[cue] == [content]


@pytest.mark.parametrize("text, content", [
    ("Cardin said lawmakers should pass a renewal of the Iran Sanctions Act, which expires at the end of the year.",
     "lawmakers should pass a renewal of the Iran Sanctions Act"),
    ("The senator said the deal-breaker was his proposal to ban Muslims from entering the country, which the "
     "billionaire has modified in recent weeks.",
     "the deal-breaker was his proposal to ban Muslims from entering the country"),
])
def test_trailing_relative_clause_set_off_by_comma_is_not_content(contents, text, content):
    assert contents(text)["said"] == [content]


def test_relative_clause_inside_a_quotation_stays(contents):
    text = 'The senator said "we will pass the act, which expires at the end of the year."'
    assert contents(text)["said"] == ['"we will pass the act, which expires at the end of the year."']


@pytest.mark.parametrize("text, cue, content", [
    ("Reince Priebus, the party chairman, announced the creation of a website to explain the process of a "
     "contested convention.", "announced", "the creation of a website to explain the process of a contested convention"),
    ("The president proposed nearly $1 billion in new funds to help states provide treatment for opioid addicts.",
     "proposed", "nearly $1 billion in new funds to help states provide treatment for opioid addicts"),
])
def test_infinitive_after_the_object_is_content(contents, text, cue, content):
    assert contents(text)[cue] == [content]


@pytest.mark.parametrize("text, cue, parts", [
    ("Time, Mr. Pence added, was on their side. ''It's preseason, for heaven's sake,'' he said.",
     "added", ["Time", "was on their side"]),
    ("The nostalgia, he noted, may be on the studios' end. ''There's nothing as helpful to a programmer as a "
     "title,'' he said.", "noted", ["The nostalgia", "may be on the studios' end"]),
])
def test_content_stops_at_its_sentence_before_the_next_quotation(contents, text, cue, parts):
    assert contents(text)[cue] == parts


@pytest.mark.parametrize("text, cue, content", [
    ("Cruz issued a statement on Monday, stating that there was a benefit to having Trump in the race and chiding "
     "the media for its coverage.", "stating", "that there was a benefit to having Trump in the race"),
    ('Canova wrote on Twitter, "It\'s time to end her political career for good," and shared a link to his '
     "campaign fundraising webpage.", "wrote", '"It\'s time to end her political career for good,"'),
])
def test_speakers_next_action_is_not_content(contents, text, cue, content):
    assert contents(text)[cue] == [content]


def test_finite_coordinated_predicate_stays_content(contents):
    text = "She said she did not condone violence and hoped that people would find a way to voice concerns peacefully."
    assert contents(text)["said"] == [text[len("She said "):-1]]


@pytest.mark.parametrize("text, cue, content", [
    ("Ryan reiterated his support for Mr. Trump, the presumptive Republican presidential nominee.",
     "reiterated", "his support for Mr. Trump"),
    ("Trump never mentioned Clinton, who trailed Sanders by more than 20 points.", "mentioned", "Clinton"),
    ("Grayson criticized his opponents for their animosity toward the department, which he said seeks to restore "
     "equity.", "criticized", "his opponents for their animosity toward the department"),
])
def test_object_content_without_the_reporters_gloss(contents, text, cue, content):
    assert contents(text)[cue] == [content]


@pytest.mark.parametrize("text, cue, content", [
    ('The mayor criticized the council for "dragging its feet" because it had not approved the budget.',
     "criticized", 'the council for "dragging its feet" because it had not approved the budget'),
    ('The senator called the proposal "a gift to lobbyists" if it passes unchanged.',
     "called", 'the proposal "a gift to lobbyists" if it passes unchanged'),
])
def test_reason_or_condition_the_parser_hangs_from_the_cue_goes_on_with_the_content(contents, text, cue, content):
    # no comma between: the clause goes on with what was said (the parser makes it the cue's advcl)
    assert contents(text)[cue] == [content]


def test_inverted_condition_parsed_as_a_second_clause_of_the_cue_goes_on_with_the_content(spacy_parser):
    # the parser makes "should the senator win" a second ccomp of "told"; a clause report that stops before it
    # (the rules' first clause) takes it in, with nothing between them
    from quotekit.analysis import analysis_of
    from quotekit.attribute.rules import _Finder

    doc = spacy_parser.parse("The foundation told donors that it would no longer accept corporate gifts should the "
                             "senator win in November.")
    cue = next(t for t in doc if t.text == "told")
    clause = next(t for t in doc if t.text == "accept")
    finder = _Finder(analysis_of(doc))
    more = finder.continuation(cue.i, set(finder.subtree(clause)))
    assert doc[min(more):max(more) + 1].text == "should the senator win in November"


def test_occasion_clause_the_parser_hangs_from_the_cue_is_not_content(contents):
    text = 'The mayor called the council "lazy" after she left the meeting.'
    assert contents(text)["called"] == ['the council "lazy"']


def test_lead_in_to_a_quotation_introduced_by_a_colon_is_not_content(contents):
    text = ("Echo Point is running a campaign to pay for a print run of the book: \"Publish the book that Donald "
            "Trump doesn't want you to read,\" says the pitch on Kickstarter.")
    assert contents(text)["says"] == ['"Publish the book that Donald Trump doesn\'t want you to read,"']


def test_quotation_inside_a_reported_phrase_keeps_the_phrase_after_it(contents):
    text = ("Trump and Ryan issued a statement describing their meeting as a “very positive step toward "
            "unification” that recognized areas where they disagree.")
    # the cue's object belongs to what was said ("describing X as Y"), as in PolNeAR's guidelines
    assert contents(text)["describing"] == [
        "their meeting as a “very positive step toward unification” that recognized areas where they disagree"]


_WORDS = st.sampled_from(["said", "that", "the", "minister", ",", "which", "and", "but", "stating", '"', "''",
                          ".", "to", "announced", "plan", "expires", "Reuters", "—", "referring", "he", "will"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, min_size=1, max_size=30))
def test_content_parts_lie_inside_content_and_off_cue_and_speaker(spacy_parser, words):
    doc = spacy_parser.parse(" ".join(words))
    for att in find_attributions(doc):
        parts = att.pieces()
        assert parts and all(att.content.start <= p.start < p.end <= att.content.end for p in parts)
        for span in (att.cue, att.speaker):
            if span is not None:
                assert not any(p.start < span.end and span.start < p.end for p in parts)
