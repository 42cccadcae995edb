"""Quote prominence (quotekit.measures.prominence) on real-looking news text and the bundled corpus."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from quotekit import extract
from quotekit.errors import InputError
from quotekit.measures import add_measures, position_shares, record_prominence, speaker_prominence
from quotekit.measures.prominence import document_positions

CORPORA = Path(__file__).resolve().parent.parent / "corpora"

STORY = """Pension overhaul heads to the governor

State lawmakers sent a pension overhaul to Gov. Ellen Marsh on Monday, and she promised to veto it. "I will not sign a bill that breaks our promise to retired teachers," Marsh said.

The bill passed the Senate 21-18 after a long debate.

Senate President Ray Dunn said the veto threat was "political theater" and predicted an override.

"We have the votes, and she knows it," Dunn said."""


@pytest.fixture(scope="module")
def story_records(spacy_parser):
    return [q.to_dict() for q in extract(spacy_parser.parse(STORY), doc_id="story")]


def test_positions_headline_lede_body(story_records):
    layout = document_positions(STORY)
    assert [p for _, p in layout] == ["headline", "lede", "body", "body", "body"]
    measured = record_prominence(story_records, {"story": STORY})
    by_content = {r["content"]["text"]: m for r, m in zip(story_records, measured)}
    marsh = next(m for text, m in by_content.items() if "retired teachers" in text)
    dunn = next(m for text, m in by_content.items() if "We have the votes" in text)
    assert (marsh["position"], marsh["paragraph"]) == ("lede", 1)
    assert (dunn["position"], dunn["paragraph"]) == ("body", 4)
    assert sum(m["quoted_word_share"] for m in measured) == pytest.approx(1.0)


def test_headline_found_from_the_title_even_with_a_final_period():
    text = "Falling Deficit to Reverse Course.\n\nWASHINGTON -- The deficit will rise, the budget office said.\n\nMore."
    assert [p for _, p in document_positions(text)] == ["lede", "body", "body"]
    assert [p for _, p in document_positions(text, "Falling Deficit to Reverse Course")] == ["headline", "lede", "body"]


def test_speaker_prominence_counts_first_quotes_and_lede(story_records):
    table = speaker_prominence(story_records, {"story": STORY}).set_index("name")
    marsh = table.loc[[n for n in table.index if "Marsh" in n][0]]
    dunn = table.loc[[n for n in table.index if "Dunn" in n][0]]
    assert marsh["n_first_quoted"] == 1 and dunn["n_first_quoted"] == 0
    assert marsh["n_lede"] >= 1 and dunn["n_lede"] == 0 and dunn["n_body"] >= 1
    assert table["quoted_word_share"].sum() <= 1.0 + 1e-9
    shares = position_shares(story_records, {"story": STORY})
    assert shares[["share_headline", "share_lede", "share_body"]].sum(axis=1).round(6).eq(1.0).all()


def test_bundled_samples_measured_without_loss(spacy_parser):
    """The bundled PolNeAR samples, whose headlines end with a period, are laid out by their metadata titles."""
    folder = CORPORA / "samples"
    with open(folder / "metadata.csv", encoding="utf-8", newline="") as handle:
        meta = {row["doc_id"]: row for row in csv.DictReader(handle)}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:4]}
    records = []
    for doc_id, text in texts.items():
        records += [q.to_dict() for q in extract(spacy_parser.parse(text), doc_id=doc_id)]
    out = add_measures(records, texts, metadata=meta)
    assert len(out) == len(records) and all(r["position"] in ("headline", "lede", "body") for r in out)
    for doc_id, text in texts.items():
        first = document_positions(text, meta[doc_id]["title"])[0]
        assert first[1] == "headline" and meta[doc_id]["title"].rstrip(".") in text[first[0].start:first[0].end]
    for doc_id in texts:
        doc_shares = [r["quoted_word_share"] for r in out if r["doc_id"] == doc_id]
        assert not doc_shares or sum(doc_shares) == pytest.approx(1.0)


def test_tables_need_texts_or_measured_records(story_records):
    with pytest.raises(InputError, match="add_measures"):
        speaker_prominence(story_records)
    measured = add_measures(story_records, {"story": STORY})
    assert len(speaker_prominence(measured)) >= 2
