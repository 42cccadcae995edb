"""Speaker rules for issue 14's remaining kinds, found on PolNeAR training articles: a definite description of a
person the document named ("the New York businessman", "the woman") and first person in an opinion column whose
author is stated by an author note. Sentences of our own."""
from __future__ import annotations

import quotekit


def _speakers(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for q in quotekit.extract(text, stance=False):
        if q.speaker is not None:
            out.setdefault(q.speaker.text, []).append((q.speaker_entity, q.speaker_resolved))
    return out


COLUMN = ("Why the farm bill matters\n\nI grew up on a farm in Iowa, and I told the county board that the new rules "
          "would ruin small growers. Senator Tom Harkin visited the farm once. My father said that the bill would "
          "ruin us.\n\nThe bill passed anyway.\n\n")


def test_first_person_in_a_column_is_the_author_its_closing_note_names():
    speakers = _speakers(COLUMN + "Jane Miller is a professor of economics at Iowa State University.")
    assert speakers["I"] == [("Jane Miller", "resolved")]
    assert speakers["My father"][0][0] is None  # the author's father: nobody the column names
    # without an author note nobody is stated: unresolved, not guessed
    assert _speakers(COLUMN)["I"] == [(None, "unresolved")]


def test_a_writes_line_at_the_top_names_the_author():
    speakers = _speakers("Jane Miller writes:\n\n" + COLUMN)
    assert speakers["I"] == [("Jane Miller", "resolved")]
