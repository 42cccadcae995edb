"""Aggregation tables on a small hand-built corpus with known answers; export round trips."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from quotekit.aggregate import (
    bootstrap_ci, by_outlet, by_period, documents_frame, quotes_frame, speaker_keyterms, speakers_frame,
    targets_frame, write_table,
)
from quotekit.errors import OutputError, QuotekitError
from quotekit.types import Document, Quote, Stance, TargetStance, TextSpan


def _q(doc, n, kind, pol, *, speaker=None, entity=None, sid=None, stype="person", role=None, targets=(),
       outlet="Daily", date="2016-01-05", text="Taxes are too high."):
    label = "positive" if pol >= 0.05 else "negative" if pol <= -0.05 else "neutral"
    return Quote(
        doc_id=doc, quote_id=f"{doc}:{n}", kind=kind, content=TextSpan(0, len(text), text),
        speaker=TextSpan(100, 100 + len(speaker), speaker) if speaker else None, speaker_entity=entity,
        speaker_type=stype, speaker_role=role, speaker_id=sid,
        stance=Stance(pol, label, [TargetStance(t, p) for t, p in targets], scorer="test"),
        meta={"outlet": outlet, "date": date},
    )


@pytest.fixture()
def corpus():
    return [
        _q("a", 0, "direct", 0.6, speaker="Smith", entity="Jane Smith", sid="S1", role="mayor",
           targets=[("budget", 0.5)], text="The budget is a triumph for every family in this city."),
        _q("a", 1, "indirect", -0.2, speaker="she", entity="Jane Smith", sid="S1", role="mayor",
           targets=[("budget", -0.1), ("council", -0.4)], text="the council wasted time on the budget debate"),
        _q("b", 0, "mixed", 0.2, speaker="Mayor Smith", entity="Jane Smith", sid="S1", role="Mayor of Springfield",
           outlet="Herald", date="2016-02-10", text="Springfield schools deserve better funding and teachers."),
        _q("b", 1, "direct", -0.5, speaker="officials", stype="anonymous", outlet="Herald", date="2016-02-10",
           targets=[("plan", -0.5)], text="The plan will fail."),
        _q("b", 2, "indirect", 0.0, speaker="officials", stype="anonymous", outlet="Herald", date="2016-02-10",
           text="the plan is under review"),
        _q("c", 0, "direct", 0.9, speaker="Lee", entity="Tom Lee", outlet="Daily", date="2016-02-20",
           targets=[("budget", 0.9)], text="A wonderful, generous budget."),
        _q("c", 1, "indirect", 0.1, speaker=None, stype="unknown", outlet="Daily", date="2016-02-20",
           text="the vote is on Monday"),
    ]


def test_quotes_frame_one_row_per_record_with_meta(corpus):
    df = quotes_frame(corpus)
    assert len(df) == 7
    assert {"doc_id", "quote_id", "kind", "content", "speaker_key", "polarity", "label", "targets", "outlet",
            "date"} <= set(df.columns)
    assert df.loc[0, "speaker_key"] == "S1"
    assert df.loc[3, "speaker_key"] == "mention:officials"
    assert df.loc[5, "speaker_key"] == "entity:Tom Lee"
    assert pd.isna(df.loc[6, "speaker_key"])
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    # records (to_dict) and Quote objects give the same table
    from_records = quotes_frame([q.to_dict() for q in corpus])
    pd.testing.assert_frame_equal(df.drop(columns=["scorer"]), from_records.drop(columns=["scorer"]))


def test_speakers_frame_known_answers(corpus):
    sp = speakers_frame(corpus, n_boot=500, seed=1).set_index("speaker_key")
    assert list(sp.index) == ["S1", "mention:officials", "entity:Tom Lee"]  # by n_quotes, then key
    smith = sp.loc["S1"]
    assert smith["name"] == "Jane Smith" and smith["type"] == "person"
    assert smith["n_quotes"] == 3 and smith["n_docs"] == 2 and smith["documents"] == ["a", "b"]
    assert smith["roles"] == ["mayor", "Mayor of Springfield"]
    assert smith["share_direct"] == pytest.approx(1 / 3) and smith["share_indirect"] == pytest.approx(1 / 3)
    assert smith["share_mixed"] == pytest.approx(1 / 3)
    assert smith["polarity_mean"] == pytest.approx((0.6 - 0.2 + 0.2) / 3)
    assert smith["polarity_median"] == pytest.approx(0.2)
    assert smith["polarity_ci_low"] <= smith["polarity_mean"] <= smith["polarity_ci_high"]
    assert -0.2 - 1e-9 <= smith["polarity_ci_low"] and smith["polarity_ci_high"] <= 0.6 + 1e-9
    assert (smith["n_positive"], smith["n_negative"], smith["n_neutral"]) == (2, 1, 0)
    officials = sp.loc["mention:officials"]
    assert officials["type"] == "anonymous" and officials["polarity_mean"] == pytest.approx(-0.25)
    lee = sp.loc["entity:Tom Lee"]
    assert lee["n_quotes"] == 1 and lee["polarity_ci_low"] == lee["polarity_ci_high"] == pytest.approx(0.9)
    # deterministic for a seed
    pd.testing.assert_frame_equal(speakers_frame(corpus, n_boot=500, seed=1), speakers_frame(corpus, n_boot=500, seed=1))


def test_bootstrap_ci_properties():
    rng = np.random.default_rng(3)
    values = rng.normal(0.2, 0.3, size=200).tolist()
    low, high = bootstrap_ci(values, n_boot=2000, seed=0)
    mean = float(np.mean(values))
    assert low < mean < high
    # roughly the normal-theory half-width 1.96 * sd / sqrt(n)
    half = 1.96 * np.std(values, ddof=1) / math.sqrt(len(values))
    assert (high - low) / 2 == pytest.approx(half, rel=0.2)
    assert all(math.isnan(x) for x in bootstrap_ci([]))
    assert bootstrap_ci([0.4]) == (0.4, 0.4)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=-1, max_value=1), min_size=1, max_size=30))
def test_bootstrap_ci_contains_mean(values):
    low, high = bootstrap_ci(values, n_boot=300, seed=0)
    mean = float(np.mean(values))
    assert low - 1e-9 <= mean <= high + 1e-9
    assert -1 <= low <= high <= 1


def test_targets_frame_speaker_by_target(corpus):
    tf = targets_frame(corpus)
    row = tf[(tf.speaker_key == "S1") & (tf.target == "budget")].iloc[0]
    assert row["n"] == 2 and row["n_quotes"] == 2 and row["polarity_mean"] == pytest.approx(0.2)
    assert row["name"] == "Jane Smith"
    assert len(tf) == 4  # S1 x {budget, council}, officials x plan, Lee x budget
    assert tf[(tf.speaker_key == "mention:officials")]["polarity_mean"].tolist() == [pytest.approx(-0.5)]


def test_documents_frame_with_documents_without_quotes(corpus):
    docs = [Document("a", "...", {"title": "A", "outlet": "Daily"}), Document("z", "...", {"title": "Z",
                                                                                          "outlet": "Herald"})]
    df = documents_frame(corpus, docs).set_index("doc_id")
    assert list(df.index) == ["a", "b", "c", "z"]
    assert df.loc["a", "n_quotes"] == 2 and df.loc["b", "n_quotes"] == 3 and df.loc["z", "n_quotes"] == 0
    assert df.loc["b", "anonymous_rate"] == pytest.approx(2 / 3)
    assert df.loc["c", "unattributed_rate"] == pytest.approx(1 / 2)
    assert df.loc["b", "n_speakers"] == 2
    assert df.loc["a", "title"] == "A" and df.loc["z", "outlet"] == "Herald"
    assert df.loc["a", "polarity_mean"] == pytest.approx(0.2)


def test_by_outlet_and_by_period(corpus):
    out = by_outlet(corpus).set_index("outlet")
    assert out.loc["Herald", "n_quotes"] == 3 and out.loc["Herald", "n_docs"] == 1
    assert out.loc["Herald", "anonymous_rate"] == pytest.approx(2 / 3)
    assert out.loc["Daily", "n_quotes"] == 4 and out.loc["Daily", "share_direct"] == pytest.approx(2 / 4)
    per = by_period(corpus, freq="M").set_index("period")
    assert list(per.index) == ["2016-01", "2016-02"]
    assert per.loc["2016-01", "n_quotes"] == 2 and per.loc["2016-02", "n_quotes"] == 5
    bare = [Quote("d", "d:0", "direct", TextSpan(0, 1, "x"))]
    assert by_outlet(bare).empty and by_period(bare).empty


def test_write_table_formats_round_trip(corpus, tmp_path):
    sp = speakers_frame(corpus, n_boot=100)
    pq = write_table(sp, tmp_path / "speakers.parquet")
    back = pd.read_parquet(pq)
    assert list(back["speaker_key"]) == list(sp["speaker_key"])
    assert list(back.loc[0, "roles"]) == ["mayor", "Mayor of Springfield"]
    csv = write_table(sp, tmp_path / "speakers.csv")
    text = pd.read_csv(csv)
    assert text.loc[0, "roles"] == "mayor; Mayor of Springfield" and text.loc[0, "n_quotes"] == 3
    jl = write_table(quotes_frame(corpus), tmp_path / "quotes.jsonl")
    lines = [json.loads(l) for l in jl.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 7 and lines[0]["targets"] == [{"target": "budget", "polarity": 0.5}]
    write_table(targets_frame(corpus), tmp_path / "targets.out", format="csv")
    with pytest.raises(QuotekitError):
        write_table(sp, tmp_path / "speakers.xlsx")


def test_write_table_writes_plain_values_in_every_format(tmp_path):
    frame = pd.DataFrame({
        "speaker": ["Ann Lee", "Bo Chen"],
        "n_quotes": np.array([3, 1], dtype="int64"),
        "polarity": [0.25, float("nan")],
        "first_seen": pd.to_datetime(["2016-01-02", None]),
        "roles": [["mayor", "chair"], []],
    })
    lines = [json.loads(line) for line in write_table(frame, tmp_path / "t.ndjson").read_text("utf-8").splitlines()]
    assert lines[0] == {"speaker": "Ann Lee", "n_quotes": 3, "polarity": 0.25, "first_seen": "2016-01-02T00:00:00",
                        "roles": ["mayor", "chair"]}
    assert lines[1]["polarity"] is None and lines[1]["first_seen"] is None and lines[1]["roles"] == []
    back = pd.read_parquet(write_table(frame, tmp_path / "t.pq"))
    assert list(back["n_quotes"]) == [3, 1] and list(back.loc[0, "roles"]) == ["mayor", "chair"]
    assert back["first_seen"].iloc[0] == pd.Timestamp("2016-01-02") and pd.isna(back["polarity"].iloc[1])
    text = pd.read_csv(write_table(frame, tmp_path / "sub" / "t.csv"))
    assert list(text["roles"].fillna("")) == ["mayor; chair", ""] and list(text["n_quotes"]) == [3, 1]
    with pytest.raises(OutputError, match="jsonl, csv, parquet"):
        write_table(frame, tmp_path / "t.xlsx")


def test_empty_inputs_give_empty_frames_with_columns():
    assert quotes_frame([]).empty and "speaker_key" in quotes_frame([]).columns
    assert speakers_frame([]).empty and "polarity_ci_low" in speakers_frame([]).columns
    assert targets_frame([]).empty and documents_frame([]).empty


def test_speaker_keyterms_textacy(corpus, spacy_parser):
    long = corpus + [
        _q("d", 0, "direct", 0.3, speaker="Smith", entity="Jane Smith", sid="S1",
           text="Public schools need better funding. Better school funding means better teachers for public schools."),
    ]
    kt = speaker_keyterms(long, spacy_parser.nlp, topn=5)
    assert set(kt.columns) == {"speaker_key", "name", "rank", "term", "score"}
    smith = kt[kt.speaker_key == "S1"]
    assert 0 < len(smith) <= 5 and list(smith["rank"]) == list(range(1, len(smith) + 1))
    assert any("school" in t or "funding" in t for t in smith["term"])
    tr = speaker_keyterms(long, spacy_parser.nlp, topn=3, algorithm="textrank")
    assert len(tr[tr.speaker_key == "S1"]) <= 3
    with pytest.raises(QuotekitError):
        speaker_keyterms(long, spacy_parser.nlp, algorithm="nope")


def test_unresolved_pronoun_is_not_a_speaker():
    quotes = [
        _q("a", 0, "indirect", 0.2, speaker="who", stype="unknown"),        # resolution found nobody
        _q("a", 1, "indirect", 0.2, speaker="He", entity="Joe Biden"),      # resolved: counts for Biden
        _q("b", 0, "direct", -0.3, speaker="the spokeswoman", stype="person"),  # a nominal still groups
    ]
    table = speakers_frame(quotes, n_boot=50)
    assert sorted(table["name"]) == ["Joe Biden", "the spokeswoman"]
    assert table["n_quotes"].sum() == 2
