"""A "he"/"she" with no person of its gender inside its window of sentences goes to the text's main figure (the
person of that gender named most often before it; of known gender first), not to whoever was named last (issue
14: on GUM's training documents a biography's "he" went to a colleague named once, paragraphs back). Invented
text."""
from __future__ import annotations

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities

from _helpers import resolved_speakers

MEMOIR_TEXT = (
    "Robert Hale grew up on a farm in Ohio. Hale studied law in Chicago. In 1950 Hale opened a small practice. "
    "There he met Peter Brandt, a young clerk. "
    "The practice grew quickly. The firm took on cases from the railways. Its offices moved twice. "
    "The city was changing fast. New bridges crossed the river. The old docks closed. "
    "\"I never wanted to be anything but a country lawyer,\" he said.")


def test_the_pronoun_long_after_any_name_goes_to_the_main_figure():
    assert resolved_speakers(MEMOIR_TEXT)["he"] == [("Robert Hale", "resolved")]


def test_inside_the_window_the_latest_person_still_wins():
    text = ("Robert Hale grew up on a farm in Ohio. Hale studied law in Chicago. In 1950 Hale opened a small "
            "practice. The next year Peter Brandt joined the firm. \"It was the best decision of my life,\" he said.")
    assert resolved_speakers(text)["he"] == [("Peter Brandt", "resolved")]


def test_the_fallback_prefers_a_person_of_known_gender():
    text = ("Robert Hale grew up on a farm in Ohio. In 1950 he met Kerrigan at a trade fair. "
            "The practice grew quickly. The firm took on cases from the railways. Its offices moved twice. "
            "The city was changing fast. New bridges crossed the river. The old docks closed. "
            "Two years later he wrote a book.")
    index = DocEntities(load_parser("spacy").parse(text))
    he = [t for t in index.doc if t.lower_ == "he"][-1]
    ranked = index.rank_pronoun(he)
    assert ranked and ranked[0][0].name == "Robert Hale"
