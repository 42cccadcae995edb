"""A headline's description names the lead's subject with a line without a verb after the lead (issue 14): a photo
caption ("The Church's cruise ship Freewinds in Bonaire.") is no sentence of the story, so the subject after it
is the lead's own. Invented news text."""
from __future__ import annotations

from _helpers import resolved_speakers

TEXT = ("Australian woman claims county hospital ignored her for six years\n\nThursday, May 7, 2015\n\n"
        "Helen Baxter, an Australian woman and former nurse, has claimed that the county hospital ignored her "
        "written warnings for six years.\n\n{between}\n\nBaxter was born in Switzerland but moved to Dunmore.")


def test_a_headline_description_is_the_lead_subject_past_a_caption():
    text = TEXT.format(between="The county hospital's night ward in Dunmore.")
    assert resolved_speakers(text)["Australian woman"] == [("Helen Baxter", "resolved")]


def test_a_sentence_with_a_verb_between_is_read_as_before():
    text = TEXT.format(between="The county hospital declined to comment.")
    assert resolved_speakers(text)["Australian woman"] != [("Helen Baxter", "resolved")]
