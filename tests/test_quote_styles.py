"""Every quoting style of English-language news comes out with its speaker and content (default spaCy parse)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute import find_attributions
from quotekit.attribute.quotes import quote_spans


@pytest.fixture(scope="module")
def found(spacy_parser):
    def run(text):
        return [(a.content.text, a.speaker.text if a.speaker is not None else None)
                for a in find_attributions(spacy_parser.parse(text))]

    return run


@pytest.mark.parametrize("text, content, speaker", [
    ("“We will not raise taxes this year,” the finance minister said on Tuesday.",
     "“We will not raise taxes this year,”", "the finance minister"),
    ('"We will not raise taxes this year," the finance minister said on Tuesday.',
     '"We will not raise taxes this year,"', "the finance minister"),
    ("‘We will not back down on this,’ the union leader said outside the factory.",
     "‘We will not back down on this,’", "the union leader"),
    ("'It is over for us this season,' the coach said after the match.",
     "'It is over for us this season,'", "the coach"),
    ("«We will stand together in this crisis,» the president said in Paris.",
     "«We will stand together in this crisis,»", "the president"),
    ("‹We will stand together in this crisis,› the president said in Paris.",
     "‹We will stand together in this crisis,›", "the president"),
    ("„We will manage this together,“ the chancellor said in Berlin.",
     "„We will manage this together,“", "the chancellor"),
    ('"We are ready for the storm and the crews are in place." — Maria Lopez, city commissioner',
     '"We are ready for the storm and the crews are in place."', "Maria Lopez"),
])
def test_quoting_style(found, text, content, speaker):
    assert (content, speaker) in found(text)


@pytest.mark.parametrize("text, content", [
    ('The council approved the barrier on Monday.\n\n"We have waited for this since the last flood."\n'
     '— Anna Weber, chair of the Riverside tenants\' association\n\nWork starts in May.',
     '"We have waited for this since the last flood."'),
    ('Residents packed the hall.\n\n"The river has flooded three times in five years. We are still waiting.\n\n'
     '"If nothing happens by spring, we will take the council to court."\n— Anna Weber, tenants\' association chair',
     '"The river has flooded three times in five years. We are still waiting.\n\n'
     '"If nothing happens by spring, we will take the council to court."'),
])
def test_signature_line_under_a_quotation(found, text, content):
    """A quotation set off in two lines, the dash and the name on the line below it (over paragraphs too)."""
    assert (content, "Anna Weber") in found(text)


def test_a_dash_line_under_a_quotation_that_goes_on_is_no_signature(found):
    text = ('She read the banner aloud: "Save the river."\n— and the crowd cheered, Anna Weber wrote later.')
    assert ('"Save the river."', "Anna Weber") not in found(text)


def test_apostrophes_never_open_a_quotation(spacy_parser):
    doc = spacy_parser.parse("The band don't play rock 'n' roll like in the '80s, and James' car is a '67 model.")
    assert quote_spans(doc) == []


def test_colon_attribution(found):
    text = 'The minister said: "The budget will be balanced by the end of next year."'
    assert ('"The budget will be balanced by the end of next year."', "The minister") in found(text)


def test_quote_running_over_paragraphs(found):
    text = ('"We have rebuilt the school and the clinic since the flood.\n\n'
            '"Next year we will finish the bridge," the mayor said.')
    assert (text[:text.index(" the mayor")], "the mayor") in found(text)


def test_interview_turns(found):
    text = "LOPEZ: Well, nobody expected the tax to pass, and it gets to mean all things to all people."
    assert ("Well, nobody expected the tax to pass, and it gets to mean all things to all people", "LOPEZ") in found(text)


@pytest.mark.parametrize("text", [
    "MARKETS: Stocks fell sharply on Monday as investors worried about rising interest rates.",
    "WASHINGTON (AP) -- The Senate passed the spending bill late on Thursday after a long debate.",
    "Ask your doctor whether the new vaccine is right for you before you travel abroad.",
    "This report by The Canadian Press was first published Nov. 12, 2025.",
    "Correction: An earlier version of this story said the deficit was $6.1 billion.",
])
def test_labels_datelines_and_instructions_are_not_speech(found, text):
    assert found(text) == []


def test_corner_brackets_pair(spacy_parser, found):
    """「...」 pairs as a quotation and has its speaker (the parser reads the marks as “ ”: quotekit.parse.marks)."""
    text = "「We will rebuild the harbour before winter,」 the mayor said on Monday."
    doc = spacy_parser.parse(text)
    assert [doc[s:e].text for s, e in quote_spans(doc)] == ["「We will rebuild the harbour before winter,」"]
    assert ("「We will rebuild the harbour before winter,」", "the mayor") in found(text)


def test_dateline_is_not_content(found):
    text = ("WASHINGTON (AP) — Donald Trump has invested in some of the companies he attacks, according to new "
            "financial documents.")
    assert ("Donald Trump has invested in some of the companies he attacks", "new financial documents") in found(text)


def test_colon_after_from(found):
    text = 'The council voted late on Monday. And from the mayor: "This is a great day for the whole city."'
    assert ('"This is a great day for the whole city."', "the mayor") in found(text)


def test_question_and_answer_turns(found):
    text = ("Q: What did the council decide about the new bridge?\n\n"
            "A: We decided to build it next year, before the elections.")
    assert ("We decided to build it next year, before the elections", "A") in found(text)


def test_speech_act_filter(spacy_parser):
    from quotekit import extract

    text = ('"We will finish the bridge by May," the mayor promised. The governor urged residents to stay home. '
            '"It is fine," she said.')
    doc = spacy_parser.parse(text)
    assert {q.speech_act for q in extract(doc)} >= {"commissive", "directive", "statement"}
    kept = extract(doc, acts=["commissive"])
    assert [(q.speech_act, q.speaker.text) for q in kept] == [("commissive", "the mayor")]


def test_unknown_speech_act_is_a_clear_error(tmp_path):
    from quotekit.errors import QuotekitError
    from quotekit.run import run_corpus

    (tmp_path / "a.txt").write_text('"It is fine," she said.', encoding="utf-8")
    with pytest.raises(QuotekitError, match="unknown speech-act class"):
        run_corpus([tmp_path], out=tmp_path / "out.jsonl", acts=["statemnet"], progress=False, jobs=1)


_MARKS = st.sampled_from(list("\"'“”‘’«»‹›„‚「」") + ["``", "''", " ", "\n\n", "-", "—"])
_WORDS = st.sampled_from(["he", "said", "don't", "James'", "the", "'80s", "rock", "n", "yes", "No."])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_MARKS, _WORDS), max_size=40))
def test_quotation_spans_of_any_text(spacy_parser, pieces):
    """Any mix of marks and words: quotations are ordered, inside the text and never overlap."""
    doc = spacy_parser.parse(" ".join(pieces))
    spans = quote_spans(doc)
    assert all(0 <= s < e <= len(doc) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_short_split_quotation_with_a_described_speaker_keeps_both_halves(spacy_parser):
    """'"A," NAME, who ..., told X. "B."': the short first half is tagged by the speaker's verb beyond the
    relative clause, and the statement keeps both pieces."""
    text = ("“It’s heartbreaking,” Maria Santos, who has waited six years for an apartment, told CTV News. "
            "“My kids ask me every day when we’ll move.”")
    found = [(a.speaker.text, [p.text for p in a.pieces()]) for a in find_attributions(spacy_parser.parse(text))
             if a.speaker is not None]
    assert ("Maria Santos", ["“It’s heartbreaking,”", "“My kids ask me every day when we’ll move.”"]) in found


@pytest.mark.parametrize("text, speaker, pieces", [
    ('"Leave your car at home if you can," said Winnipeg police spokesperson Const. Dani McKinnon. '
     '"It\'s going to be busy."',
     "Winnipeg police spokesperson Const. Dani McKinnon",
     ['"Leave your car at home if you can,"', '"It\'s going to be busy."']),
    ('"It\'s a bad deal, and it was a bad deal from the start," said Coun. Ariel Troster, who represents '
     'Somerset ward and voted against the plan.',
     "Coun. Ariel Troster", ['"It\'s a bad deal, and it was a bad deal from the start,"']),
    ("Staff Sgt. Mike Smith told reporters the road would reopen on Sunday.",
     "Staff Sgt. Mike Smith", ["the road would reopen on Sunday"]),
    ("In a written statement, Toronto police Const. Laura Brabant said a 29-year-old man has been charged.",
     "Toronto police Const. Laura Brabant", ["a 29-year-old man has been charged"]),
])
def test_abbreviated_title_stop_ends_no_sentence(spacy_parser, text, speaker, pieces):
    """The tokenizer ends a sentence at the full stop of 'Const.', 'Coun.', 'Sgt.': the speaker is the title and
    the name after it (not 'Const'), and a split quotation's second half still goes on with the first."""
    found = [(a.speaker.text, [p.text for p in a.pieces()]) for a in find_attributions(spacy_parser.parse(text))
             if a.speaker is not None]
    assert (speaker, pieces) in found


def test_according_to_source_ends_before_its_comma(found):
    """The parser hangs the comma after 'According to Statistics Canada' from the source: no part of the mention."""
    text = "According to Statistics Canada, the unemployment rate rose to 7.1 per cent in September."
    assert ("the unemployment rate rose to 7.1 per cent in September", "Statistics Canada") in found(text)
@pytest.mark.parametrize("text, speaker, cue", [
    ("“Only one candidate is strong enough to stand up to the banks,” a voice-over in the ad states. "
     "“She will take on the gun lobby.”", "a voice-over in the ad", "states"),
    ("“Never again will we let the river take our homes,” the new campaign ad states.",
     "the new campaign ad", "states"),
])
def test_tag_whose_verb_the_tagger_reads_as_a_plural_noun(spacy_parser, text, speaker, cue):
    """'"...," the ad states.': the tagger reads 'states' as a plural noun after the quotation's speaker; the tag
    still gives the quotation its speaker and cue."""
    atts = find_attributions(spacy_parser.parse(text))
    assert any(a.speaker is not None and a.speaker.text == speaker and a.cue.text == cue
               and a.content.text.startswith("“") for a in atts)


def test_a_noun_after_a_quotation_that_is_no_speech_verb_is_no_tag(found):
    text = "“Stop the cuts,” read the signs. “Save our schools,” said the banners of the protesting parents."
    assert ("“Stop the cuts,”", "the protesting parents") not in found(text)


@pytest.mark.parametrize("text, speaker, content", [
    ("Russia's Deputy Prime Minister Alexander Novak said on Monday that the decision reflected seasonal factors, "
     "the Interfax news agency reported.",
     "Russia's Deputy Prime Minister Alexander Novak", "that the decision reflected seasonal factors"),
    ("The mayor told council the bridge would close in March, the Hamilton Spectator reported.",
     "The mayor", "the bridge would close in March"),
])
def test_statement_relayed_by_a_trailing_report_keeps_its_speaker(spacy_parser, text, speaker, content):
    """'X said that A, the agency reported': the agency's report holds X's own statement, a candidate of its own
    (a clause report inside a report whose cue comes first stays part of it)."""
    found = [(a.speaker.text if a.speaker else None, a.content.text)
             for a in find_attributions(spacy_parser.parse(text), model=False)]
    assert (speaker, content) in found
@pytest.mark.parametrize("text, content, speaker", [
    ('Asked about the tweet, Ryan said,“Look, it has no place in a campaign for president.”',
     "“Look, it has no place in a campaign for president.”", "Ryan"),
    ('The premier told reporters:"We are not going to close the border this week."',
     '"We are not going to close the border this week."', "The premier"),
])
def test_opening_mark_glued_to_the_comma_or_colon_before_it(found, text, content, speaker):
    """Scraped text drops the space before an opening mark: the mark still opens the quotation."""
    assert (content, speaker) in found(text)


@pytest.mark.parametrize("text, content, speaker", [
    ("Signs of a late swing were there all along - More from Blumenthal and Cohen: “Data collected by our "
     "firm helps confirm that both issues were in play.”",
     "“Data collected by our firm helps confirm that both issues were in play.”", "Blumenthal and Cohen"),
    ("VOTERS WANT A LEADER WHO INSPIRES - Frank Newport and Jim Harter: “We found that inspiration mattered "
     "more than competitiveness.”",
     "“We found that inspiration mattered more than competitiveness.”", "Frank Newport and Jim Harter"),
])
def test_colon_label_after_a_spaced_dash(found, text, content, speaker):
    """A source label after a spaced dash (the parser may run the sentence before the dash into it): 'More from
    X:' and two names joined by 'and' speak the quotation after the colon."""
    assert (content, speaker) in found(text)


@pytest.mark.parametrize("text, speaker, pieces", [
    ("“Rent has gone up $400 in two years,” the mother of two said. “Wages haven’t.”", "the mother of two",
     ["“Rent has gone up $400 in two years,”", "“Wages haven’t.”"]),
    ('"We\'re not panicking," the 52-year-old added, "but we\'re watching closely."', "the 52-year-old",
     ['"We\'re not panicking,"', '"but we\'re watching closely."']),
])
def test_short_or_adjective_tagged_halves_of_a_split_quotation(spacy_parser, text, speaker, pieces):
    """A short sentence quoted after a tagged quotation goes on with it (a title or scare quote would not open a
    sentence with its own full stop), and 'the 52-year-old' before the verb, which the parser hangs from it as an
    adjective, is the speaker."""
    found = [(a.speaker.text if a.speaker else None, [p.text for p in a.pieces()])
             for a in find_attributions(spacy_parser.parse(text), model=False)]
    assert (speaker, pieces) in found


def test_according_to_a_titled_source_keeps_the_name_after_the_title(spacy_parser):
    text = "The man was arrested at his home, according to Const. Dani McKinnon."
    found = [(a.speaker.text, a.content.text) for a in find_attributions(spacy_parser.parse(text), model=False)]
    assert ("Const. Dani McKinnon", "The man was arrested at his home") in found


def test_a_short_quoted_paragraph_carries_the_previous_speaker(found):
    """A quotation paragraph with no cue of its own, however short, goes on with the speaker before it."""
    text = ("Longtime resident Gord Pettigrew said the smell was already unbearable in the summer.\n\n"
            '"Never again."\n\nThe company behind the expansion said the site meets all provincial standards.')
    assert ('"Never again."', "Longtime resident Gord Pettigrew") in found(text)


@pytest.mark.parametrize("text, content, speaker", [
    ('Said Chow: "We will get this done."', '"We will get this done."', "Chow"),
    ('Said one resident, who lives near the site: "It is a disgrace."', '"It is a disgrace."', "one resident"),
    ('Her message to the government: "Listen to us."', '"Listen to us."', "Her"),
])
def test_inverted_and_noun_colon_attribution(spacy_parser, text, content, speaker):
    """'Said NAME:' opening a sentence (the parser makes 'Said' part of the name, or the name its object), and a
    possessed noun of saying before the colon ('Her message to the government:'): the quotation after the colon,
    without the words before it."""
    found = [(a.content.text, a.speaker.text if a.speaker else None)
             for a in find_attributions(spacy_parser.parse(text), model=False)]
    assert (content, speaker) in found
