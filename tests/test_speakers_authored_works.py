"""A nominal speaker that is a thing someone wrote or said ("Zornick's comment", "a post from Arianna Huffington",
"an analysis by the Pew Research Center") speaks for its author (issue 14: named speakers left without an
entity). Invented news-like text of the shapes seen in PolNeAR train."""
from __future__ import annotations

from quotekit import extract


def _speakers(text: str) -> list[tuple[str, object]]:
    return [(q.speaker.text, q.speaker_entity) for q in extract(text, doc_id="x") if q.speaker is not None]


def test_a_possessed_comment_or_statement_is_its_authors():
    for noun in ("comment", "statement"):
        text = (f"The columnist Dana Whitlock wrote about the protest on Monday. Whitlock's {noun} came hours "
                "later, saying that the organizers had \"lost the plot entirely and should apologize.\"")
        assert (f"Whitlock's {noun}", "Dana Whitlock") in _speakers(text)


def test_a_post_from_a_named_person_is_that_persons():
    text = ("Critics piled on. A post from Arianna Huffington said the plan was \"a disgrace to the country "
            "and a waste of money.\"")
    assert ("A post from Arianna Huffington", "Arianna Huffington") in _speakers(text)


def test_a_possessed_thing_that_is_no_work_keeps_no_author():
    """'Whitlock's car' is no thing she wrote or said: no speaker entity comes from the possessor."""
    text = ("The columnist Dana Whitlock wrote about the protest on Monday. Whitlock's lawyer later said "
            "that the organizers had \"lost the plot entirely and should apologize.\"")
    assert ("Whitlock's lawyer", "Dana Whitlock") not in _speakers(text)
