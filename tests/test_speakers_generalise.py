"""Speaker rules of the session that made the resolution gold's fourth batch a tuning set (issue 14): kinds of
error seen in more than one document of the tuning sets, each fixed by a general rule. Sentences of our own."""
from __future__ import annotations

from _helpers import resolved_speakers


def test_sentences_quoted_whole_put_no_distance_between_a_speaker_and_his_said():
    # the name inside the quotation is not the speaker; the candidate named before the quotation is, however many
    # sentences the quotation runs to
    text = ("The attorney general met the former president on a plane in Phoenix. Republican candidate Donald Trump "
            "has repeatedly pointed to the meeting.\n\n\u201cWhat is going on is very big for Bill Clinton to go to "
            "the plane. Everybody thought she was guilty. She was guilty. And it turned out that nothing happened. "
            "It is really amazing,\u201d he said at a rally on Tuesday.")
    assert resolved_speakers(text)["he"] == [("Donald Trump", "resolved")]


def test_a_description_after_a_quotation_refers_to_the_speaker_named_before_it():
    text = ("Donald Trump posted a video from his desk on Thursday. \"Syrians are now being caught at the border,\" "
            "Trump said. \"Could be ISIS. They are pouring in. We need a new leader.\"\n\nIn a later tweet, the "
            "candidate boasted that everyone now followed his lead on the wall.")
    assert resolved_speakers(text)["the candidate"] == [("Donald Trump", "resolved")]
