"""The research measures in the product: records of ``quotekit.analyze`` and ``quotekit extract --measures``,
the report's four sections (computed from the texts for quotes extracted without them), and the reason spans
highlighted in the document view. Real text throughout: the bundled PolNeAR samples and news-style articles."""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import quotekit
from quotekit import extract
from quotekit.cli import main
from quotekit.measures import MEASURE_FIELDS, has_measures, typed_measures
from quotekit.measures.gender import name_words
from quotekit.report import build_report
from quotekit.report.load import read_quotes
from quotekit.types import Document

from _fixtures_report import CORPORA

SAMPLES = CORPORA / "samples"

AP = """WASHINGTON (AP) — The Senate passed a stopgap spending bill late Thursday, averting a government shutdown hours before the deadline.

"This is not the bill any of us wanted, but it keeps the lights on and the troops paid," Senate Majority Leader Mitch McConnell said on the floor.

"We will sign it, and we will fight the real battle over the budget in December," said a senior administration official, who spoke on the condition of anonymity because he was not authorized to discuss internal deliberations.

Sen. Patty Murray said she would vote for the bill "with a heavy heart and a long list of complaints."
"""

REPRINT = """Shutdown averted as Senate passes stopgap bill

The Senate passed a short-term spending bill late Thursday night, hours before funding was due to run out.

"This is not the bill any of us wanted, but it keeps the lights on and the troops paid," Senate Majority Leader Mitch McConnell said on the floor.

Local members of Congress were split on the vote. Rep. Anna Diaz said the bill "does nothing for the families who lost their homes in the floods this spring."
"""

DOCS = [Document("ap-senate", AP, meta={"outlet": "ap", "date": "2016-09-29"}),
        Document("daily-senate", REPRINT, meta={"outlet": "daily", "date": "2016-09-30",
                                                 "title": "Shutdown averted as Senate passes stopgap bill"})]


@pytest.fixture(scope="module")
def samples_result(spacy_parser):
    return quotekit.analyze(SAMPLES)


@pytest.fixture(scope="module")
def news_records(spacy_parser):
    return [q.to_dict() for d in DOCS for q in extract(spacy_parser.parse(d.text), doc_id=d.doc_id)]


def _measure_values(records):
    return {r["quote_id"]: {name: r[name] for name in MEASURE_FIELDS} for r in records}


# -- records -----------------------------------------------------------------------------------------------------
def test_analyze_records_carry_the_measures(samples_result):
    records, texts = samples_result.records, samples_result.docs
    assert records and has_measures(records)
    genders = set()
    for rec in records:
        if rec["speaker_type"] != "person":
            assert rec["gender"] is None and rec["gender_evidence"] is None  # never a guess for non-persons
            continue
        genders.add(rec["gender"])
        assert rec["gender"] in {"female", "male", "unknown"}
        evidence, said = rec["gender_evidence"], rec["gender_evidence_text"]
        if evidence == "title":  # the title words as the text (or the extracted role) writes them
            text = " ".join(texts[rec["doc_id"]].split())
            assert " ".join(said.split()) in text or said in (rec["speaker_role"] or "")
        elif evidence == "name":
            assert said in name_words(rec["speaker_entity"] or rec["speaker"]["text"])
        elif evidence == "none":
            assert rec["gender"] == "unknown"
    assert {"female", "male"} <= genders  # the samples quote women (Juanita Broaddrick, "she said") and men
    shares = defaultdict(float)
    order = {"headline": 0, "lede": 1, "body": 2}
    by_doc = defaultdict(list)
    for rec in records:
        shares[rec["doc_id"]] += rec["quoted_word_share"]
        by_doc[rec["doc_id"]].append(rec)
    assert all(abs(total - 1.0) < 1e-9 for total in shares.values())
    for recs in by_doc.values():  # positions follow the text: headline before lede before body
        placed = sorted((r["content"]["start"], order[r["position"]]) for r in recs)
        assert [p for _, p in placed] == sorted(p for _, p in placed)
    assert {"gender", "position", "quoted_word_share", "reuse_group"} <= set(samples_result.quotes.columns)


def test_from_quotes_with_texts_measures_like_analyze(samples_result):
    plain = [{k: v for k, v in r.items() if k not in MEASURE_FIELDS} for r in samples_result.records]
    again = quotekit.AnalysisResult.from_quotes(plain, docs=samples_result.documents_in)
    assert _measure_values(again.records) == _measure_values(samples_result.records)
    assert not has_measures(quotekit.AnalysisResult.from_quotes(plain).records)  # no texts, nothing invented


def test_extract_measures_writes_the_fields(tmp_path, samples_result):
    out, cache = tmp_path / "quotes.jsonl", tmp_path / "cache"
    args = [str(SAMPLES), "--measures", "--cache-dir", str(cache), "--jobs", "1", "--no-progress"]
    assert main(["extract", *args, "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert _measure_values(records) == _measure_values(samples_result.records)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "quotes.jsonl"]  # no staging file left
    table = tmp_path / "quotes.csv"
    assert main(["extract", *args, "-o", str(table), "--format", "csv"]) == 0
    rows = list(csv.DictReader(table.open(encoding="utf-8", newline="")))
    assert len(rows) == len(records) and set(MEASURE_FIELDS) <= set(rows[0])
    # read back (every CSV cell a string, "" for null), the report types them again: the same values
    assert _measure_values([typed_measures(r) for r in read_quotes(table)]) == _measure_values(records)
    people = lambda page: re.search(r"<p>Of \d+ quotes by people.*?</p>", page).group(0)  # noqa: E731
    assert people(build_report(read_quotes(table))) == people(build_report(records))


def test_extract_without_measures_is_unchanged(tmp_path):
    out = tmp_path / "plain.jsonl"
    assert main(["extract", str(SAMPLES / "nyt_2016-01-20_falling-deficit-to-reverse-cours.txt"), "-o", str(out),
                 "--cache-dir", str(tmp_path / "cache"), "--jobs", "1", "--no-progress"]) == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records and not any(name in rec for rec in records for name in MEASURE_FIELDS)


# -- report ------------------------------------------------------------------------------------------------------
def _section(page: str, sid: str) -> str:
    match = re.search(rf'<section id="{sid}".*?</section>', page, re.S)
    assert match, f"no section {sid}"
    return match.group(0)


def test_report_computes_the_measures_from_the_texts(news_records):
    assert not has_measures(news_records)
    page = build_report(news_records, DOCS)
    gender = _section(page, "gender")
    assert "Share of women among quoted people by outlet" in gender
    # the speaker table: a gender with what the text says ("Mitch", a first name: no pronoun or title given)
    assert re.search(r">Mitch McConnell</a></td><td[^>]*>male</td><td[^>]*>name</td><td[^>]*>Mitch</td>", gender)
    assert re.search(r">Anna Diaz</a></td><td[^>]*>female</td>", gender)
    prominence = _section(page, "prominence")
    assert "Where quotes appear, by speaker gender" in prominence and "Who gets the room" in prominence
    anonymity = _section(page, "anonymity-reasons")
    reason = "because he was not authorized to discuss internal deliberations"
    assert "1 of 1 quotes from anonymous sources" in anonymity and reason in anonymity
    documents = _section(page, "documents")  # the reason is underlined in the document's text
    assert re.search(r'<span class="qk-reason"[^>]*>' + re.escape(reason) + "</span>", documents)
    reuse = _section(page, "reuse")
    drill = re.search(r'<details class="qk-drill" id="(reuse-[^"]+)">.*?</details>', reuse, re.S)
    assert drill and f'href="#{drill.group(1)}"' in reuse  # chart bar / table row link to the quote list
    assert "keeps the lights on" in drill.group(0) and "2 quotes in 2 documents" in drill.group(0)
    assert drill.group(0).count('class="qk-in-doc"') == 2 and "· first" in drill.group(0)


def test_report_without_texts_explains_and_with_measured_records_shows(news_records):
    page = build_report(news_records)
    for sid in ("gender", "prominence", "anonymity-reasons", "reuse"):
        section = _section(page, sid)
        assert "Not measured: the texts of 2 document(s)" in section and "<svg" not in section
    meta = {d.doc_id: d.meta for d in DOCS}  # records as `extract --measures` writes them: metadata included
    measured = [{**r, **meta[r["doc_id"]]}
                for r in quotekit.AnalysisResult.from_quotes(news_records, docs=DOCS).records]
    page = build_report(measured)  # no texts: the sections still show
    assert "Not measured" not in page and "keeps the lights on" in _section(page, "reuse")
    assert "Share of women among quoted people by outlet" in _section(page, "gender")
    assert "<svg" in _section(page, "prominence") and "<svg" in _section(page, "anonymity-reasons")


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(MEASURE_FIELDS), st.one_of(st.text(max_size=20), st.none(), st.integers(),
                                                                   st.floats(allow_nan=False))))
@example({"quoted_words": "inf", "reuse_n_docs": "nan", "reuse_first": "True", "anonymity_reason": "{"})
def test_typed_measures_never_fails_and_keeps_typed_values(cells):
    record = {"doc_id": "d", **cells}
    typed = typed_measures(record)
    assert set(typed) == set(record) and typed["doc_id"] == "d"
    for name, value in cells.items():
        if not isinstance(value, str):
            assert typed[name] == value  # only strings (CSV cells) are read again
        elif not value.strip():
            assert typed[name] is None
