"""Reasons given for anonymous sources (quotekit.measures.anonymity) on real-looking news text."""
from __future__ import annotations

import pytest

from quotekit import extract
from quotekit.measures import add_measures, anonymity_rates, find_reason, record_anonymity
from quotekit.measures.anonymity import reason_patterns

SAME_SENTENCE = """The administration is weighing new sanctions on the shipping companies, officials said Tuesday.

"We are looking at every option," said a senior administration official, who spoke on the condition of anonymity because he was not authorized to discuss internal deliberations. The decision could come this week."""

ADJACENT = """A person familiar with the talks said the two sides were close to a deal on tariffs. The person was not authorized to speak publicly about the negotiations.

Trade Minister Ana Ruiz said the talks would continue on Friday."""

NO_REASON = """Two officials, who spoke on condition of anonymity, said the plan had been shelved. Mayor Tom Reyes said he had not seen it."""

# ("who like others spoke ..." is misparsed by the small English model: the attributor gets no speaker there)
DELIBERATIONS = """One attendee, who spoke on the condition of anonymity to discuss the private meeting, said the message was clear."""


@pytest.fixture(scope="module")
def records_of(spacy_parser):
    def run(doc_id: str, text: str) -> list[dict]:
        return [q.to_dict() for q in extract(spacy_parser.parse(text), doc_id=doc_id)]
    return run


def _anonymous(records: list[dict]) -> list[dict]:
    found = [r for r in records if r["speaker_type"] == "anonymous"]
    assert found, records
    return found


@pytest.mark.parametrize("text, expected", [
    (SAME_SENTENCE, "because he was not authorized to discuss internal deliberations"),
    (ADJACENT, "not authorized to speak publicly about the negotiations"),
    (DELIBERATIONS, "to discuss the private meeting"),
])
def test_reason_span_is_found_and_indexes_the_text(records_of, text, expected):
    records = records_of("doc", text)
    reasons = [m["anonymity_reason"] for r, m in zip(records, record_anonymity(records, {"doc": text}))
               if r["speaker_type"] == "anonymous"]
    assert reasons and all(reasons), (records, reasons)
    for reason in reasons:
        assert text[reason["start"]:reason["end"]] == reason["text"] == expected
        assert reason["label"] in {label for label, _ in reason_patterns()}


def test_bare_condition_of_anonymity_is_no_reason(records_of):
    records = records_of("doc", NO_REASON)
    out = add_measures(records, {"doc": NO_REASON})
    assert [r["anonymity_reason"] for r in _anonymous(out)] == [None] * len(_anonymous(out))


def test_named_speakers_get_no_reason_even_next_to_one(records_of):
    records = records_of("doc", ADJACENT)
    out = add_measures(records, {"doc": ADJACENT})
    named = [r for r in out if r["speaker_type"] == "person"]
    assert named and all(r["anonymity_reason"] is None for r in named)


def test_reason_two_sentences_away_is_not_taken():
    text = ("An aide said the bill was dead. The weather was fine. The senator was in Ohio. Staff were not "
            "authorized to speak publicly.")
    start = text.index("An aide")
    assert find_reason(text, start, start + 7) is None
    assert find_reason(text, text.index("The senator"), text.index("The senator") + 11)["label"] == "not_authorized"


def test_rates_per_outlet(records_of):
    texts = {"a": SAME_SENTENCE, "b": NO_REASON}
    records = records_of("a", SAME_SENTENCE) + records_of("b", NO_REASON)
    meta = {"a": {"outlet": "wire"}, "b": {"outlet": "daily"}}
    out = add_measures(records, texts, metadata=meta)
    rates = anonymity_rates(out, by="outlet", metadata=meta).set_index("group")
    assert rates.loc["wire", "reason_rate"] == 1.0 and rates.loc["daily", "reason_rate"] == 0.0
    assert rates.loc["wire", "n_anonymous"] == len(_anonymous([r for r in out if r["doc_id"] == "a"]))
    assert sum(rates.loc["wire", "reasons"].values()) == rates.loc["wire", "n_with_reason"]
    assert list(anonymity_rates(out, by=None)["group"]) == ["all"]
