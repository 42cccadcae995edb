"""Speaker resolution beyond one named entity: groups, authors, the certain nominal rules, confidence and
abstention, and what the aggregates and corpus ids make of them -- on real-looking news sentences."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.aggregate.frames import UNRESOLVED_KEY, speaker_key, speakers_frame
from quotekit.speakers import Resolution, finish, resolve_speakers
from quotekit.speakers.authors import byline, document_author
from quotekit.speakers.canonical import assign_speaker_ids
from quotekit.speakers.confidence import CALIBRATED, Calibration, fit, load_calibration
from quotekit.types import Attribution, Quote, SpeakerInfo, TextSpan


def _resolve(parser, text: str, speakers: list[str], *, author=None, calibration=None) -> list[SpeakerInfo]:
    """Resolve the given speaker mentions (each the first occurrence after the previous one)."""
    doc = parser.parse(text)
    atts, pos = [], 0
    for mention in speakers:
        start = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)").search(text, pos).start()
        pos = start + len(mention)
        span = doc.char_span(start, start + len(mention), alignment_mode="expand")
        atts.append(Attribution(kind="indirect", content=span, speaker=span))
    return resolve_speakers(doc, atts, author=author, calibration=calibration)


# -- groups ----------------------------------------------------------------------------------------------------

def test_coordinated_names_are_a_group(spacy_parser):
    text = "Sens. Lindsey Graham and John McCain said Tuesday that the deal was a mistake."
    [info] = _resolve(spacy_parser, text, ["Lindsey Graham and John McCain"])
    assert info.entities == ("Lindsey Graham", "John McCain")
    assert info.entity is None and info.type == "person" and info.status == "name"


def test_they_takes_a_coordinated_antecedent(spacy_parser):
    text = ("Sens. Lindsey Graham and John McCain met the president on Tuesday. "
            "They said the deal was a mistake.")
    [info] = _resolve(spacy_parser, text, ["They"])
    assert set(info.entities) == {"Lindsey Graham", "John McCain"}


def test_they_after_a_plural_noun_stays_anonymous(spacy_parser):
    [info] = _resolve(spacy_parser, "Officials met on Monday. They said the talks would continue.", ["They"])
    assert info.entities == () and info.type == "anonymous" and info.status == "anonymous"


def test_counted_plural_resolves_forward_to_named_members(spacy_parser):
    text = ("Two senior lawmakers said the bill would fail. Sens. Lindsey Graham and John McCain, both "
            "Republicans, told reporters the votes were not there.")
    [info] = _resolve(spacy_parser, text, ["Two senior lawmakers"])
    assert set(info.entities) == {"Lindsey Graham", "John McCain"}


def test_counted_plural_of_things_is_no_group(spacy_parser):
    text = ("Bernie Sanders and Hillary Clinton met on Monday. The two camps said they had agreed on a "
            "commission.")
    [info] = _resolve(spacy_parser, text, ["The two camps"])
    assert info.entities == ()


# -- authors ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("author, expected", [("Jane Doe", "Jane Doe"), (None, None)])
def test_first_person_outside_quotes_is_the_metadata_author(spacy_parser, author, expected):
    text = "The city council voted on Monday. I said at the meeting that the decision was wrong."
    [info] = _resolve(spacy_parser, text, ["I"], author=author)
    assert info.entity == expected
    assert info.status == ("resolved" if expected else "unresolved")


def test_first_person_takes_the_byline(spacy_parser):
    text = "By Jane Doe\n\nThe city council voted on Monday. I said at the meeting that the decision was wrong."
    [info] = _resolve(spacy_parser, text, ["I"])
    assert (info.entity, info.type) == ("Jane Doe", "person")


def test_we_is_the_author_only_for_an_editorial_board(spacy_parser):
    text = "The city council voted on Monday. We said last week that the decision was wrong."
    [person] = _resolve(spacy_parser, text, ["We"], author="Jane Doe")
    [board] = _resolve(spacy_parser, text, ["We"], author="The Editorial Board")
    assert person.entity is None and person.status == "unresolved"
    assert (board.entity, board.type) == ("The Editorial Board", "organization")


def test_byline_reading():
    assert byline("By Jane Doe and John Roe\nWASHINGTON -- The Senate ...") == "Jane Doe and John Roe"
    assert byline("The Senate voted by a wide margin.\nBy the end of the day ...") is None
    assert document_author("By Jane Doe\n...", "  ") == document_author("text", "Jane Doe")
    assert not document_author("By Jane Doe and John Roe\n...").person  # several authors: whose "I"?


# -- nominal rules ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, mention, entity", [
    ("Republican nominee Donald Trump spoke in Ohio on Monday. Hillary Clinton was in Florida. "
     "The nominee said the polls were wrong.", "The nominee", "Donald Trump"),
    ("The American Civil Liberties Union filed suit on Monday. The group said the law was unconstitutional.",
     "The group", "American Civil Liberties Union"),
    ("The Washington Post reported the story first. The daily said the officials declined to comment.",
     "The daily", "Washington Post"),
    ("Sen. Marco Rubio did not attend the hearing. His office said he had a scheduling conflict.",
     "His office", "Marco Rubio office"),
    ("Sen. Marco Rubio did not attend the hearing. His team said he had a scheduling conflict.",
     "His team", "Marco Rubio team"),
    ("The hearing featured testimony from Jane Smith, who said the program had failed.", "who", "Jane Smith"),
])
def test_certain_and_role_rules(spacy_parser, text, mention, entity):
    [info] = _resolve(spacy_parser, text, [mention])
    assert info.entity == entity and info.entities == (entity,)
    assert info.status == "resolved" and 0.5 <= info.confidence <= 1.0


@pytest.mark.parametrize("mention", ["Two in three", "Thirty percent of respondents", "Almost half of voters"])
def test_shares_of_people_are_anonymous_sourcing(spacy_parser, mention):
    text = f"A poll of 400 voters was released on Friday. {mention} said they would vote for Clinton."
    [info] = _resolve(spacy_parser, text, [mention])
    assert info.type == "anonymous" and info.status == "anonymous"


def test_group_noun_with_no_organisation_before_is_unresolved(spacy_parser):
    [info] = _resolve(spacy_parser, "The group said on Monday that the law was unconstitutional.", ["The group"])
    assert info.entity is None and info.type == "organization" and info.status == "unresolved"


# -- confidence and abstention ---------------------------------------------------------------------------------

def test_names_are_certain_and_pronouns_calibrated(spacy_parser):
    text = ("Sen. Marco Rubio spoke on Monday. Jeb Bush was in Iowa. "
            "Rubio said the deal was a mistake. He added that he would vote against it.")
    name, pronoun = _resolve(spacy_parser, text, ["Rubio", "He"])
    assert (name.confidence, name.status) == (1.0, "name")
    assert 0.0 < pronoun.confidence < 1.0 and pronoun.entity == "Marco Rubio"


def test_below_the_threshold_the_entity_is_left_empty(spacy_parser):
    text = "Sen. Marco Rubio spoke on Monday. Jeb Bush was in Iowa. He said the deal was a mistake."
    strict = Calibration({}, 0.0, threshold=0.9)  # every calibrated answer at p = 0.5
    [info] = _resolve(spacy_parser, text, ["He"], calibration=strict)
    [kept] = _resolve(spacy_parser, text, ["He"], calibration=Calibration({}, 0.0, threshold=0.5))
    assert info.entity is None and info.entities == () and info.status == "unresolved"
    assert info.type == "person" and info.confidence == 0.5
    assert kept.entity is not None and kept.status == "resolved"


def test_finish_keeps_certain_rules_whatever_the_threshold():
    res = Resolution(SpeakerInfo("Marco Rubio", "person", None, entities=("Marco Rubio",)), "name")
    assert finish(res, Calibration({}, -5.0, threshold=0.99)).entity == "Marco Rubio"


def test_fit_learns_that_a_wide_margin_is_safer():
    rows = [{"evidence": "pronoun", "margin": m, "distance": 1, "correct": m > 2} for m in (0, 0.5, 1, 3, 4, 5, 6)] * 3
    cal = fit(rows)
    assert cal.probability("pronoun", 6, 1) > 0.5 > cal.probability("pronoun", 0, 1)


def test_packaged_calibration_says_what_it_was_fitted_on():
    cal = load_calibration()
    assert cal.meta and cal.meta["calibration_rows"] > 0 and "command" in cal.meta
    assert set(cal.coef) <= {f"rule:{r}" for r in CALIBRATED} | {"margin", "distance", "gender_unknown"}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120), st.data())
def test_any_text_gives_consistent_fields(spacy_parser, text, data):
    doc = spacy_parser.parse(text)
    if not len(doc):
        return
    start = data.draw(st.integers(0, len(doc) - 1))
    end = data.draw(st.integers(start + 1, len(doc)))
    [info] = resolve_speakers(doc, [Attribution(kind="indirect", content=doc[start:end], speaker=doc[start:end])],
                              author=data.draw(st.sampled_from([None, "Jane Doe", ""])))
    assert 0.0 <= info.confidence <= 1.0
    assert info.status in ("name", "resolved", "anonymous", "unresolved")
    assert (info.entity is None) or info.entities == (info.entity,)
    assert bool(info.entities) == (info.status in ("name", "resolved"))


# -- records, ids and tables -----------------------------------------------------------------------------------

def _q(doc_id, n, entity=None, entities=(), typ="person", resolved="name"):
    return Quote(doc_id=doc_id, quote_id=f"{doc_id}:{n}", kind="direct", content=TextSpan(0, 4, "text"),
                 speaker=TextSpan(5, 7, "he"), speaker_entity=entity, speaker_type=typ,
                 speaker_entities=list(entities or ([entity] if entity else [])), speaker_resolved=resolved)


def test_group_members_get_their_corpus_ids():
    quotes = [_q("a", 0, "Lindsey Graham"), _q("b", 0, entities=["Graham", "John McCain"])]
    assign_speaker_ids(quotes)
    assert quotes[1].speaker_id is None
    assert quotes[1].speaker_ids == ["lindsey-graham", "john-mccain"]
    assert Quote.from_dict(quotes[1].to_dict()).speaker_ids == ["lindsey-graham", "john-mccain"]


def test_speakers_table_credits_members_and_counts_unresolved_apart():
    quotes = [_q("a", 0, "Lindsey Graham"), _q("a", 1, entities=["Lindsey Graham", "John McCain"]),
              _q("a", 2, resolved="unresolved"), _q("b", 0, resolved="unresolved")]
    assign_speaker_ids(quotes)
    table = speakers_frame(quotes, n_boot=10).set_index("speaker_key")
    assert table.loc["lindsey-graham", "n_quotes"] == 2 and table.loc["john-mccain", "n_quotes"] == 1
    assert table.loc[UNRESOLVED_KEY, "n_quotes"] == 2 and table.index[-1] == UNRESOLVED_KEY
    assert speaker_key(quotes[2].to_dict()) is None
    assert "unresolved" not in speakers_frame(quotes, n_boot=10, unresolved=False)["speaker_key"].tolist()


# -- a trained ranker plugged in -------------------------------------------------------------------------------

def test_ranker_answer_and_abstention_replace_the_rules(spacy_parser):
    text = "Sen. Marco Rubio was in Ohio on Monday. Jeb Bush spoke in Iowa. He said the deal was a mistake."
    doc = spacy_parser.parse(text)
    he = doc.char_span(text.index("He said"), text.index("He said") + 2)
    start = text.index("Marco Rubio")
    rubio = doc.char_span(start, start + len("Marco Rubio"))
    att = [Attribution(kind="indirect", content=he, speaker=he)]
    rules = resolve_speakers(doc, att)[0]
    picked = resolve_speakers(doc, att, ranker=lambda span: (rubio, 0.8))[0]
    unsure = resolve_speakers(doc, att, ranker=lambda span: (rubio, 0.3))[0]
    declined = resolve_speakers(doc, att, ranker=lambda span: (None, 0.2))[0]
    deferred = resolve_speakers(doc, att, ranker=lambda span: None)[0]
    assert rules.entity == "Jeb Bush" and deferred.entity == "Jeb Bush"  # the last subject, of a speech verb
    assert (picked.entity, picked.confidence, picked.status) == ("Marco Rubio", 0.8, "resolved")
    assert unsure.entity is None and unsure.status == "unresolved" and unsure.confidence == 0.3
    assert declined.entity is None and declined.status == "unresolved"


def test_author_metadata_reaches_the_records(spacy_parser):
    from quotekit.pipeline import analyze_doc

    text = "The council voted on Monday. I said at the meeting that the decision was wrong, and I meant it."
    doc = spacy_parser.parse(text)
    with_author = analyze_doc(doc, meta={"author": "Jane Doe"}, stance=False)
    without = analyze_doc(doc, stance=False)
    firsts = [q for q in with_author if q.speaker is not None and q.speaker.text == "I"]
    assert firsts and all(q.speaker_entities == ["Jane Doe"] and q.speaker_resolved == "resolved" for q in firsts)
    assert all(q.speaker_entity is None for q in without if q.speaker is not None and q.speaker.text == "I")


@given(st.text(max_size=300))
def test_byline_is_a_piece_of_the_text_or_none(text):
    found = byline(text)
    assert found is None or found in text
