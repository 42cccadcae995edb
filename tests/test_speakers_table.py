"""The speakers table on the seed article: Motegi 5 quotes, Price 2, one organisation."""
from __future__ import annotations

from quotekit.aggregate.frames import speakers_frame
from quotekit.records import to_quotes
from quotekit.speakers import resolve_speakers
from quotekit.speakers.canonical import assign_speaker_ids


def test_seed_speakers_table(seed_doc, seed_attributions):
    quotes = to_quotes(seed_doc, seed_attributions, doc_id="nikkei-japan-us-korea",
                       speakers=resolve_speakers(seed_doc, seed_attributions))
    assign_speaker_ids(quotes)
    table = speakers_frame(quotes, n_boot=10)
    rows = {row["speaker_id"]: row for row in table.to_dict("records")}
    assert rows["toshimitsu-motegi"]["n_quotes"] == 5
    assert rows["toshimitsu-motegi"]["name"] == "Toshimitsu Motegi"
    assert rows["toshimitsu-motegi"]["roles"] == ["Japanese Foreign Minister"]
    assert rows["ned-price"]["n_quotes"] == 2
    assert rows["ned-price"]["type"] == "person"
    assert (table["type"] == "organization").sum() == 1
    assert rows["japanese-foreign-ministry"]["type"] == "organization"
    assert table["n_quotes"].sum() == len(quotes) == 10
    assert set(table.columns) >= {"speaker_id", "name", "type", "roles", "documents", "n_quotes"}
