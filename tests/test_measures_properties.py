"""Property tests: the measures' text readers take any user text without crashing or leaving the text."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from quotekit.measures import find_reason, record_anonymity, record_prominence, speaker_genders
from quotekit.measures._text import paragraphs, sentences
from quotekit.measures.gender import title_evidence
from quotekit.measures.prominence import document_positions

NEWSY = st.lists(st.sampled_from(list("abc XYZ.,;\"“”’'\n\t\u2028") + [
    "Mr. ", "Mrs. ", "Ana Ruiz", "anonymity because ", "not authorized to speak ", "\n\n"]), max_size=60).map("".join)
TEXTS = st.one_of(st.text(max_size=200), NEWSY)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
@example("\n\n\n")
@example("Mr.\n\nMrs. Ms. A. B.")
def test_blocks_are_ordered_and_inside_the_text(text):
    for blocks in (paragraphs(text), sentences(text)):
        previous_end = 0
        for block in blocks:
            assert previous_end <= block.start < block.end <= len(text)
            assert text[block.start:block.end].strip() == text[block.start:block.end]
            previous_end = block.end
    layout = document_positions(text, title=text[:20] or None)
    assert len(layout) == len(paragraphs(text))
    assert {p for _, p in layout} <= {"headline", "lede", "body"}


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=40))
@example("spoke on condition of anonymity because they were not authorized to speak.", 0, 5)
def test_reason_spans_index_the_text(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    reason = find_reason(text, start, end)
    if reason is not None:
        assert text[reason["start"]:reason["end"]] == reason["text"] and reason["text"].strip()


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.text(max_size=30))
def test_records_over_any_text_are_measured(text, name):
    span = {"start": 0, "end": len(text), "text": text}
    records = [{"doc_id": "d", "content": span, "speaker": {"start": 0, "end": 0, "text": ""},
                "speaker_entity": name or None, "speaker_type": "person"},
               {"doc_id": "d", "content": span, "speaker_type": "anonymous"}]
    texts = {"d": text}
    genders = speaker_genders(records, texts)
    assert set(genders["gender"].dropna()) <= {"female", "male", "unknown"}
    assert len(record_prominence(records, texts)) == len(records)
    assert len(record_anonymity(records, texts)) == len(records)
    assert isinstance(title_evidence(text, name), list)
