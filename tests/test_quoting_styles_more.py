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
