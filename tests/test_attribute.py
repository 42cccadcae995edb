"""The attributor on real sentences under the default spaCy parse (UD relations)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute import find_attributions
from quotekit.attribute.quotes import quote_spans


@pytest.fixture(scope="module")
def attribute(spacy_parser):
    def run(text):
        doc = spacy_parser.parse(text)
        return [(a.kind, a.content.text, a.cue.text if a.cue is not None else None,
                 a.speaker.text if a.speaker is not None else None) for a in find_attributions(doc)]

    return run


def test_direct_quote_sentence_final(attribute):
    assert attribute('"We will not back down," the minister said on Tuesday.') == [
        ("direct", '"We will not back down,"', "said", "the minister")]


def test_curly_quotes_with_apostrophes_inside(attribute):
    text = "“Japan’s economy isn’t stuck in the ’90s, and the students’ future is bright,” Motegi said."
    assert attribute(text) == [("direct", text[:text.index(" Motegi")], "said", "Motegi")]


def test_apostrophes_never_open_quotes(spacy_parser):
    doc = spacy_parser.parse("Japan's leaders don't rock 'n' roll like the '90s students' parents did.")
    assert quote_spans(doc) == []


def test_multi_sentence_and_nested_quote(attribute):
    text = "\"He told me 'no way.' Then he left. It was over,\" she said."
    assert attribute(text) == [("direct", text[:text.index(" she")], "said", "she")]


def test_multi_paragraph_quote_opens_without_closing(spacy_parser):
    text = ('She said: "The first part of the plan is ready.\n\n'
            '"The second part will come next year," the minister added.')
    doc = spacy_parser.parse(text)
    assert [doc[s:e].text for s, e in quote_spans(doc)] == [text[text.index('"'):text.rindex('"') + 1]]


@pytest.mark.parametrize("text, quotes", [
    ('He said "this is a long open quote\n\nAnd the next paragraph has no mark." Then "short" ends.',
     ['"this is a long open quote', '"short"']),  # an unclosed quote ends with its paragraph
    ('"Yes\n\n"The second part is long," she said.', ['"Yes', '"The second part is long,"']),  # too short to go on
    ('A "quote with “a curly” inside\n and "more', ['"quote with', '“a curly”', '"more']),
    ('"\n\n"', ['"']),
    ("", []),
])
def test_quotation_spans_at_paragraph_breaks_and_nested_marks(spacy_parser, text, quotes):
    doc = spacy_parser.parse(text)
    assert [doc[s:e].text for s, e in quote_spans(doc)] == quotes


@pytest.mark.parametrize("text, quotes", [
    ("“It’s unusual,“ said the senator, who sits on the committee.", ["“It’s unusual,“"]),
    ("“We won,“ she said. “And we will win again.“", ["“We won,“", "“And we will win again.“"]),
    ("He called it “a disgrace“ and left.", ["“a disgrace“"]),
    ("“The plan “works” for now,” he said.", ["“The plan", "“works”"]),  # a glued-on opening mark opens
])
def test_opening_mark_typed_as_the_closing_one_closes(spacy_parser, text, quotes):
    doc = spacy_parser.parse(text)
    assert [doc[s:e].text for s, e in quote_spans(doc)] == quotes


def test_indirect_speech(attribute):
    assert attribute("Motegi said Wednesday he and his counterparts agreed to strengthen cooperation.") == [
        ("indirect", "he and his counterparts agreed to strengthen cooperation", "said", "Motegi")]
    assert attribute("The senator told reporters that the plan would fail.") == [
        ("indirect", "that the plan would fail", "told", "The senator")]


def test_mixed_quote_and_according_to(attribute):
    text = 'Blinken also "reaffirmed the commitment" with Japan, according to spokesperson Ned Price.'
    assert attribute(text) == [("mixed", 'Blinken also "reaffirmed the commitment" with Japan', "according to",
                                "spokesperson Ned Price")]


def test_inverted_attribution(attribute):
    assert attribute("The discussion also covered supply chains, said the State Department spokesperson.") == [
        ("indirect", "The discussion also covered supply chains", "said", "the State Department spokesperson")]


def _parts(spacy_parser, text):
    return [(a.content.text, [p.text for p in a.pieces()], a.cue.text, a.speaker.text)
            for a in find_attributions(spacy_parser.parse(text))]


def test_interrupted_quote_is_one_record_with_both_parts(spacy_parser):
    text = '"It works," he said, "and it is fast, cheap and easy to use for everyone."'
    assert _parts(spacy_parser, text) == [
        (text, ['"It works,"', '"and it is fast, cheap and easy to use for everyone."'], "said", "he")]


def test_statement_split_over_sentences_is_one_record(spacy_parser):
    text = ('"We have done nothing wrong," the mayor told reporters on Monday. '
            '"But we will cooperate fully with the investigation."')
    assert _parts(spacy_parser, text) == [
        (text, ['"We have done nothing wrong,"', '"But we will cooperate fully with the investigation."'],
         "told", "the mayor")]


def test_according_to_between_the_parts_of_a_statement(spacy_parser):
    text = "At the heart of the dispute, according to two officials, was a decision to cut the budget."
    [(_, parts, cue, speaker)] = _parts(spacy_parser, text)
    assert (parts, cue, speaker) == (
        ["At the heart of the dispute", "was a decision to cut the budget"], "according to", "two officials")


def test_participial_frame(attribute, seed_text):
    start = seed_text.index("Calling")
    sentence = seed_text[start:seed_text.index("\n", start)]
    found = attribute(sentence)
    assert ("mixed", 'the ministerial meeting a "very timely opportunity of exchanging views,"', "Calling",
            "Motegi") in found
    assert any(kind == "direct" and cue == "told" and speaker == "Motegi" for kind, _, cue, speaker in found)


def test_colon_cues(attribute):
    assert attribute('Trump said: "We will build a great wall on the border."') == [
        ("direct", '"We will build a great wall on the border."', "said", "Trump")]
    found = attribute("Sen. Ted Cruz: The economy is getting weaker every year\n\nThe senator spoke in Ohio.")
    assert found == [("indirect", "The economy is getting weaker every year", ":", "Sen. Ted Cruz")]


def test_written_and_social_media_cues(attribute):
    assert attribute('Blinken later tweeted he had "excellent conversation" with Motegi.') == [
        ("mixed", 'he had "excellent conversation" with Motegi', "tweeted", "Blinken")]
    assert attribute("The ministry said in a statement that talks would resume.") == [
        ("indirect", "that talks would resume", "said", "The ministry")]


def test_relative_clause_speaker(attribute):
    found = attribute('Washington withdrew under Donald Trump, who criticized the deal as a "job-killing" '
                      'arrangement.')
    assert found == [("mixed", 'the deal as a "job-killing" arrangement', "criticized", "who")]


def test_floating_quote_continues_previous_speaker(attribute):
    text = ('Clinton said the plan would hurt workers in every state.\n\n'
            '"It will cost jobs, and it will hurt families who can least afford it."')
    found = attribute(text)
    assert found[-1] == ("direct", text[text.index('"'):], "said", "Clinton")


def test_beliefs_and_intentions_are_not_speech(attribute):
    assert attribute("He thinks the plan will fail. She hopes to win the race. They believe taxes are too high. "
                     "Voters want a change.") == []


def test_boilerplate_never_yields_quotes(attribute):
    text = ("ArrowArtboardCreated with Sketch.Title ChevronTitle ChevronIcon FacebookIcon\n"
            "Sponsored Content\n\n"
            "Discover the all new app\n\n"
            "  • Never miss a story, the editors said, with breaking news alerts\n\n"
            "Find out more")
    assert attribute(text) == []


@pytest.mark.parametrize("prefix", ["", "İstanbul bureau.\n"])  # "İ".lower() is two characters long
def test_boilerplate_lines_are_masked_whole(spacy_parser, prefix):
    from quotekit.attribute.boilerplate import boilerplate_mask

    lines = ['The senator said on Tuesday that "the vote will happen next week."',
             'Click here: the senator said on Tuesday that "the vote will happen."',
             "The mayor announced the budget, and the council approved it on Monday.",
             "Sign up for our newsletter and the mayor announced the budget."]
    text = prefix + "\n".join(lines)
    doc = spacy_parser.parse(text)
    mask = boilerplate_mask(doc)
    masked = {line for line in lines
              if all(mask[t.i] for t in doc if not t.is_space and text.index(line) <= t.idx < text.index(line) + len(line))}
    unmasked = {line for line in lines
                if not any(mask[t.i] for t in doc if text.index(line) <= t.idx < text.index(line) + len(line))}
    assert masked == {lines[1], lines[3]} and unmasked == {lines[0], lines[2]}


def test_news_prose_mentioning_an_advertisement_is_not_boilerplate(attribute):
    text = ("The American Action Network says it will spend $2 million on a new television advertisement "
            "that accuses the senator of voting to raise taxes on middle-class families in the state.\n\n"
            "Advertisement\n\n"
            "In a newsletter sent to supporters on Friday, the senator's campaign said the group had misstated "
            "his record on taxes and had ignored his votes for the state's veterans.")
    found = {speaker.lower() for _kind, _content, _cue, speaker in attribute(text) if speaker}
    assert found == {"the american action network", "the senator's campaign"}


def test_component_stores_spans_and_dicts(spacy_parser):
    from quotekit.attribute import component  # noqa: F401  (registers the factory)

    nlp = spacy_parser.nlp  # the shared pipeline: the component is removed again below
    nlp.add_pipe("quotekit_attributor", last=True)
    try:
        doc = nlp('"We will not back down," the minister said.')
    finally:
        nlp.remove_pipe("quotekit_attributor")
    assert [s.text for s in doc.spans["qk_speaker"]] == ["the minister"]
    assert [s.text for s in doc.spans["qk_cue"]] == ["said"]
    assert [s.text for s in doc.spans["qk_content"]] == ['"We will not back down,"']
    assert doc._.qk_quotes[0]["kind"] == "direct" and doc._.qk_quotes[0]["rule"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list('ab "“”\'’:,.\n') + ["said", " he ", "Trump", " told "]), max_size=40)
       .map("".join) | st.text(max_size=120))
def test_any_text_gives_valid_spans(spacy_parser, text):
    doc = spacy_parser.parse(text)
    for att in find_attributions(doc):
        assert text[att.content.start_char:att.content.end_char] == att.content.text
        assert att.kind in ("direct", "indirect", "mixed")
        assert 0.0 <= att.confidence <= 1.0
        if att.speaker is not None:  # "A, he said, B": the speaker may sit between the parts, never inside one
            assert all(att.speaker.end <= part.start or part.end <= att.speaker.start for part in att.pieces())


def test_every_speech_pattern_names_a_content_handler():
    from quotekit.attribute.patterns import rules
    from quotekit.attribute.rules import CONTENT_HANDLERS

    named = {rule["handler"] for rule in rules().values()}
    assert named <= set(CONTENT_HANDLERS)
    assert len(named) >= 6  # clause, infinitive, inverted, object, topic, claim noun, source


@pytest.fixture
def with_patterns(monkeypatch):
    """Run the attributor with extra speech patterns (data only: a rule key, a handler name, a pattern)."""
    from quotekit.attribute import patterns, rules as finder

    def install(extra: dict) -> None:
        table = {**extra, **patterns.rules()}  # the extra rules are tried first
        monkeypatch.setattr(patterns, "rules", lambda: table)
        monkeypatch.setattr(finder, "rules", lambda: table)
        monkeypatch.setattr(patterns, "_MATCHERS", {})

    return install


def test_a_new_pattern_is_data_only(spacy_parser, with_patterns):
    """A pattern for "X warned that ..." with the existing clause handler: no code names the new rule."""
    with_patterns({"warning": {"confidence": 0.9, "handler": "clause", "pattern": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "warn"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]}})
    doc = spacy_parser.parse("The finance minister warned that taxes would rise next year.")
    (att,) = find_attributions(doc, model=False)  # the rule's own confidence
    assert (att.rule, att.confidence, att.kind) == ("warning", 0.9, "indirect")
    assert (att.content.text, att.cue.text, att.speaker.text) == ("that taxes would rise next year", "warned",
                                                                  "The finance minister")


def test_a_pattern_naming_an_unknown_handler_is_a_clear_error(spacy_parser, with_patterns):
    with_patterns({"odd": {"confidence": 0.5, "handler": "no_such_handler", "pattern": [
        {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"LEMMA": "say"}},
        {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "content", "RIGHT_ATTRS": {"DEP": "ccomp"}}]}})
    with pytest.raises(ValueError, match="no_such_handler"):
        find_attributions(spacy_parser.parse("She said that it was over."))


@pytest.mark.parametrize("text, content, speaker, via", [
    ('"It is done," the minister said, according to Reuters.', '"It is done,"', "the minister", "Reuters"),
    ("Ted Cruz, according to a report in Politico, said he would not endorse anyone before the convention.",
     "he would not endorse anyone before the convention", "Ted Cruz", "a report in Politico"),
    ("The company said in a court filing on Friday that it had paid the fine in full.",
     "that it had paid the fine in full", "The company", "a court filing"),
])
def test_relayed_statement_keeps_its_speaker(spacy_parser, text, content, speaker, via):
    (att,) = find_attributions(spacy_parser.parse(text))
    assert (att.content.text, att.speaker.text, att.via.text) == (content, speaker, via)


def test_a_report_that_is_the_content_stays_with_according_to(spacy_parser):
    text = "The minister asked the banks to lower their rates, according to two officials at the ministry."
    (att,) = find_attributions(spacy_parser.parse(text))
    assert (att.cue.text, att.speaker.text, att.via) == ("according to", "two officials at the ministry", None)


def test_split_statement_record_highlight_and_stance(spacy_parser):
    """content_parts reach the record, the report's highlighting marks the parts only, stance reads their words."""
    from quotekit import extract
    from quotekit.report.highlight import marks_from_records

    first, second = '"The plan is a disaster,"', '"And the governor should be ashamed of it."'
    text = f"{first} the senator said on Tuesday. {second}"
    (quote,) = extract(spacy_parser.parse(text))
    record = quote.to_dict()
    assert [p["text"] for p in record["content_parts"]] == [first, second]
    assert record["content"]["text"] == text
    assert record["speaker"]["text"] == "the senator" and record["speech_act"] == "statement"
    assert record["attribution_model"]
    content_marks = [(m.start, m.end) for m in marks_from_records([record]) if m.role == "content"]
    assert content_marks == [(0, len(first)), (text.index(second), len(text))]
    assert all(t["target"] in first or t["target"] in second for t in record["stance"]["targets"])
    assert record["stance"]["polarity"] < 0
