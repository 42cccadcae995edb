"""The corpus engine (:mod:`quotekit.run`): outputs, manifest, parallel runs, parse cache, error rows."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.pipeline import analyze_doc
from quotekit.run import extract_records, iter_quotes, iter_results, run_corpus
from quotekit.run.cache import ParseCache, cache_key
from quotekit.run.writers import csv_cell, csv_text
from quotekit.stance.targets import filter_topics, link_target_ids
from quotekit.types import Document
from _helpers import copy_run_corpus, read_jsonl
from _helpers import assert_spans_index

ORDER = ["b01-council-budget", "b02-school-board", "a01-trade-talks", "a02-port-strike", "a03-rain"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The small test corpus plus two files that cannot be read."""
    return copy_run_corpus(tmp_path_factory.mktemp("corpus") / "c", binary="a04-binary.txt", empty="a00-empty.txt")


@pytest.fixture(scope="module")
def serial_run(corpus, tmp_path_factory, spacy_parser):
    out = tmp_path_factory.mktemp("serial")
    summary = run_corpus(corpus, out=out / "q.jsonl", manifest=out / "m.jsonl", jobs=1, progress=False,
                         cache_dir=out / "cache", batch_size=2)
    return summary, read_jsonl(out / "q.jsonl"), read_jsonl(out / "m.jsonl"), out


def test_manifest_lists_every_document_once_in_input_order(serial_run):
    summary, _quotes, manifest, out = serial_run
    expected = ["b01-council-budget", "b02-school-board", "a00-empty", "a01-trade-talks", "a02-port-strike",
                "a03-rain", "a04-binary"]
    assert [row["doc_id"] for row in manifest] == expected
    status = {row["doc_id"]: row["status"] for row in manifest}
    assert status["a00-empty"] == status["a04-binary"] == "error"
    assert all(status[d] == "ok" for d in ORDER)
    assert all(row["error"] for row in manifest if row["status"] == "error")
    assert (summary.n_docs, summary.n_errors) == (7, 2)
    # outputs are complete: no state folder, no temporary files left behind
    assert sorted(p.name for p in out.iterdir()) == ["cache", "m.jsonl", "q.jsonl"]


def test_records_equal_single_document_analysis(serial_run, corpus, spacy_parser):
    _summary, quotes, manifest, _out = serial_run
    expected = []
    for path in sorted((corpus / "local").glob("*.txt")) + sorted((corpus / "wire").glob("a0[123]*.txt")):
        doc = spacy_parser.parse(path.read_text(encoding="utf-8"))
        expected.extend(q.to_dict() for q in analyze_doc(doc, doc_id=path.stem))
    expected = link_target_ids(filter_topics(expected))  # the corpus-level pass over stance targets
    strip = ("speaker_id", "speaker_ids", "outlet", "date", "title", "section", "encoding")  # corpus ids, metadata
    assert [{k: v for k, v in q.items() if k not in strip} for q in quotes] == \
        [{k: v for k, v in q.items() if k not in strip} for q in expected]
    counts = {row["doc_id"]: row["n_quotes"] for row in manifest}
    assert sum(counts.values()) == len(quotes)
    for q in quotes:
        text = next(corpus.rglob(f"{q['doc_id']}.txt")).read_text(encoding="utf-8")
        assert text[q["content"]["start"]:q["content"]["end"]] == q["content"]["text"]


def test_metadata_flows_into_records(serial_run):
    _summary, quotes, _manifest, _out = serial_run
    for q in quotes:
        if q["doc_id"] == "b01-council-budget":
            assert (q["outlet"], q["section"], q["date"]) == ("city-paper-online", "politics", "2024-02-28")
        if q["doc_id"] == "a02-port-strike":
            assert q["title"] == "Rotterdam dock strike enters second day"


def test_two_jobs_give_identical_outputs(serial_run, corpus, tmp_path):
    _summary, quotes, manifest, _out = serial_run
    summary = run_corpus(corpus, out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", jobs=2, progress=False,
                         batch_size=2)
    assert read_jsonl(tmp_path / "q.jsonl") == quotes
    strip = lambda rows: [{k: v for k, v in r.items() if k != "parse_cached"} for r in rows]  # noqa: E731
    assert strip(read_jsonl(tmp_path / "m.jsonl")) == strip(manifest)
    assert summary.n_cached == 0 and summary.n_errors == 2


def test_cached_rerun_never_parses_and_gives_identical_outputs(serial_run, corpus, tmp_path):
    _summary, quotes, manifest, out = serial_run
    assert not any(row["parse_cached"] for row in manifest)
    summary = run_corpus(corpus, out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", jobs=1, progress=False,
                         cache_dir=out / "cache", batch_size=3)
    assert summary.n_cached == 5
    assert read_jsonl(tmp_path / "q.jsonl") == quotes
    assert [r["parse_cached"] for r in read_jsonl(tmp_path / "m.jsonl") if r["status"] == "ok"] == [True] * 5


def test_cache_round_trips_the_parse(spacy_parser, tmp_path):
    text = 'The mayor said the budget "protects the services people rely on."'
    doc = spacy_parser.parse(text)
    cache = ParseCache(tmp_path, spacy_parser.name)
    key = cache.key(text)
    assert cache.get_many([key], spacy_parser.nlp.vocab) == {}
    cache.put_many([(key, doc)])
    back = cache.get_many([key], spacy_parser.nlp.vocab)[key]
    assert [(t.text, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.pos_) for t in back] == \
        [(t.text, t.dep_, t.head.i, t.lemma_, t.ent_type_, t.pos_) for t in doc]
    assert [s.text for s in back.sents] == [s.text for s in doc.sents]
    assert back.user_data["qk_parser"] == spacy_parser.name
    assert [q.to_dict() for q in analyze_doc(back, doc_id="x")] == [q.to_dict() for q in analyze_doc(doc, doc_id="x")]
    # the key depends on the parser's name and version and on the text
    assert cache_key("spacy:en_core_web_sm@3.8.0", text) != cache_key("spacy:en_core_web_sm@3.7.1", text)
    assert cache_key(spacy_parser.name, text) != cache_key(spacy_parser.name, text + " ")
    # a damaged shard is a miss, not a crash
    for shard in (tmp_path / cache.root.name / "shards").iterdir():
        shard.write_bytes(b"garbage")
    assert cache.get_many([key], spacy_parser.nlp.vocab) == {}


def test_texts_with_taught_quotation_marks_get_their_own_cache_key(spacy_parser):
    """quotekit.parse.marks changes the parse of texts with 「」‹›``: their older cached parses must not be reused,
    while every other text keeps its key (and its cache)."""
    plain = 'The mayor said: "We will rebuild."'
    marked = "「We will rebuild,」 the mayor said."
    assert spacy_parser.cache_variant(plain) == ""
    assert cache_key(spacy_parser.name, plain, spacy_parser.cache_variant(plain)) == cache_key(spacy_parser.name, plain)
    variant = spacy_parser.cache_variant(marked)
    assert variant
    assert cache_key(spacy_parser.name, marked, variant) != cache_key(spacy_parser.name, marked)


def test_texts_with_a_glued_opening_mark_get_their_own_cache_key(spacy_parser):
    """A mark glued to the comma or colon before it ('said,"Look') is split off: such a text's older cached
    parse (one word 'said,"Look') must not be reused; 'at 10:30' or 'said, "Look' keep their key."""
    glued = 'Ryan said,"Look, it is over."'
    assert spacy_parser.cache_variant(glued)
    assert [t.text for t in spacy_parser.parse(glued)][:5] == ["Ryan", "said", ",", '"', "Look"]
    for plain in ('Ryan said, "Look, it is over."', "The meeting ends at 10:30 today."):
        assert spacy_parser.cache_variant(plain) == ""


def test_texts_with_a_curly_apostrophe_get_their_own_cache_key(spacy_parser):
    """Words holding ’ are read with their straight spelling's features (quotekit.parse.marks): a text with ’ must
    not reuse a parse cached before that; a text with only straight apostrophes keeps its key."""
    assert spacy_parser.cache_variant("Conan O’Brien told reporters it was over.")
    assert spacy_parser.cache_variant("Conan O'Brien told reporters it was over.") == ""


def test_cache_keeps_every_token_attribute_entity_links_included(spacy_parser, tmp_path):
    from spacy.tokens._serialize import ALL_ATTRS

    texts = ["Senator Warren told reporters the bill was n't dead.", "Officials in Tokyo said talks would resume."]
    plain, linked = (spacy_parser.parse(t) for t in texts)
    for ent in linked.ents:  # as an entity linker would
        for token in ent:
            token.ent_kb_id_, token.ent_id_ = "Q1490", "tokyo"
    vocab = spacy_parser.nlp.vocab
    cache = ParseCache(tmp_path, spacy_parser.name)
    for items in ([("a", plain)], [("b", plain), ("c", linked)]):
        cache.put_many(items)
        back = cache.get_many([key for key, _doc in items], vocab)
        for key, doc in items:
            assert (back[key].to_array(list(ALL_ATTRS)) == doc.to_array(list(ALL_ATTRS))).all()
            assert [t.morph.to_json() for t in back[key]] == [t.morph.to_json() for t in doc]
    assert {t.ent_kb_id_ for t in back["c"] if t.ent_type_} == {"Q1490"}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_table_formats_hold_the_same_records(serial_run, corpus, tmp_path, fmt):
    _summary, quotes, _manifest, out = serial_run
    target = tmp_path / f"q.{fmt}"
    run_corpus(corpus, out=target, format=fmt, jobs=1, progress=False, cache_dir=out / "cache")
    frame = pd.read_csv(target) if fmt == "csv" else pd.read_parquet(target)
    assert len(frame) == len(quotes)
    assert {"doc_id", "quote_id", "kind", "content_start", "content_end", "content_text", "stance_label"} <= \
        set(frame.columns)
    assert list(frame["quote_id"]) == [q["quote_id"] for q in quotes]
    assert list(frame["content_start"]) == [q["content"]["start"] for q in quotes]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_table_formats_stream_in_chunks_with_one_type_per_column(serial_run, tmp_path, monkeypatch, fmt):
    import datetime

    from quotekit.run import writers

    _summary, quotes, _manifest, _out = serial_run
    records = []  # the real records, with metadata that differs between documents (as from a folder + metadata.csv)
    for n, quote in enumerate(quotes * 3):
        record = dict(quote, quote_id=f"{quote['quote_id']}#{n}")
        if n % 2:
            record["publisher"] = "Daily Planet"
        if n % 3 == 0:
            record["issue"] = n  # an int column with gaps
        if n % 4 == 1:
            record["published"] = datetime.date(2016, 1, 1 + n % 28)
        if n == 5:
            record["note"] = 12  # a column holding numbers and text is written as text
        elif n > 5:
            record["note"] = "checked"
        records.append(record)
    monkeypatch.setattr(writers, "CHUNK_ROWS", 4)  # many chunks, each missing some of the columns
    target = tmp_path / f"q.{fmt}"
    assert writers.write_records(iter(records), target, fmt) == len(records)
    frame = pd.read_csv(target) if fmt == "csv" else pd.read_parquet(target)
    assert list(frame["quote_id"]) == [r["quote_id"] for r in records]
    assert {"publisher", "issue", "published", "note", "content_text"} <= set(frame.columns)
    issues = [r.get("issue") for r in records]
    assert [None if pd.isna(v) else int(v) for v in frame["issue"]] == issues
    assert frame["publisher"].isna().sum() == sum(1 for r in records if "publisher" not in r)
    assert [None if pd.isna(v) else str(v) for v in frame["note"]] == \
        [None if "note" not in r else str(r["note"]) for r in records]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        schema = pq.read_schema(target)
        assert str(schema.field("issue").type) == "int64" and str(schema.field("published").type) == "date32[day]"
        assert str(schema.field("note").type) == "string"
    else:
        assert frame["issue"].dropna().map(float.is_integer).all()  # "12", never "12.0"
        assert all(v.startswith("2016-01-") for v in frame["published"].dropna())


def test_bad_documents_are_error_rows_with_two_jobs(tmp_path):
    docs = [
        Document("good-1", "The minister said the talks would resume next week."),
        Document("bad-parse-text", "Short text.", parse_text="Short text. Much longer cleaned text"),
        Document("good-2", '"We will not give up," the union leader told reporters.'),
        42,
    ]
    summary = run_corpus(docs, out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", jobs=2, progress=False,
                         batch_size=2)
    manifest = read_jsonl(tmp_path / "m.jsonl")
    assert [(r["doc_id"], r["status"]) for r in manifest] == [
        ("good-1", "ok"), ("bad-parse-text", "error"), ("good-2", "ok"), ("doc-3", "error")]
    assert "parse_text" in manifest[1]["error"] and "int" in manifest[3]["error"]
    assert summary.n_errors == 2


def test_iter_quotes_streams_in_input_order(serial_run, corpus):
    _summary, quotes, _manifest, _out = serial_run
    streamed = [q.to_dict() for q in iter_quotes(corpus, batch_size=2)]
    assert [q["quote_id"] for q in streamed] == [q["quote_id"] for q in quotes]
    results = list(iter_results(corpus, batch_size=4))
    assert [r.doc_id for r in results][:2] == ["b01-council-budget", "b02-school-board"]


def test_extract_records_holds_what_run_corpus_writes(serial_run, corpus):
    _summary, quotes, manifest, out = serial_run
    records, failures = extract_records(corpus, cache_dir=out / "cache")
    assert records == quotes  # corpus-level speaker ids included
    assert [doc_id for doc_id, _error in failures] == [r["doc_id"] for r in manifest if r["status"] == "error"]
    without_ids, _ = extract_records(corpus, cache_dir=out / "cache", speaker_ids=False)
    corpus_ids = ("speaker_id", "speaker_ids")  # what the corpus-level pass assigns
    assert all(not q["speaker_ids"] for q in without_ids)
    assert [{k: v for k, v in q.items() if k not in corpus_ids} for q in without_ids] == \
        [{k: v for k, v in q.items() if k not in corpus_ids} for q in quotes]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=200), min_size=1, max_size=4))
def test_any_text_gives_a_result_whose_offsets_index_it(spacy_parser, texts):
    results = list(iter_results(texts, batch_size=2))
    assert [r.doc_id for r in results] == [f"doc-{i}" for i in range(len(texts))]
    for result, text in zip(results, texts):
        assert result.status == "ok" or result.error
        assert_spans_index(text, result.quotes)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(st.characters(blacklist_categories=()), max_size=120), min_size=1, max_size=3),
       fmt=st.sampled_from(["jsonl", "csv", "parquet"]))
def test_any_text_and_metadata_make_a_complete_run(spacy_parser, tmp_path_factory, texts, fmt):
    import datetime

    out = tmp_path_factory.mktemp("prop")
    docs = [Document(f"d{i}", text, meta={"when": datetime.date(2024, 1, 1), "n": i}) for i, text in
            enumerate(texts)]
    summary = run_corpus(docs, out=out / f"q.{fmt}", format=fmt, manifest=out / "m.jsonl", jobs=1,
                         progress=False, batch_size=2)
    manifest = read_jsonl(out / "m.jsonl")
    assert [r["doc_id"] for r in manifest] == [d.doc_id for d in docs]
    assert summary.n_docs == len(texts) and (out / f"q.{fmt}").exists()
    assert not (out / f"q.{fmt}.parts").exists()


def test_metadata_from_python_objects_is_written_as_plain_values(spacy_parser, tmp_path):
    """numpy numbers, dates, NaN and nested values given from Python come out as the tables give them."""
    import datetime

    import numpy

    text = '"We will build the bridge next year," the mayor said on Monday.'
    meta = {"n": numpy.int64(7), "score": numpy.float32(0.5), "when": datetime.date(2024, 1, 2), "gap": float("nan"),
            "tags": ["a", numpy.int64(2)], 3: "three"}
    run_corpus([Document("d1", text, meta=meta)], out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", jobs=1,
               progress=False)
    [record] = read_jsonl(tmp_path / "q.jsonl")
    assert (record["n"], record["score"], record["when"], record["gap"]) == (7, 0.5, "2024-01-02", None)
    assert record["tags"] == ["a", "2"] and record["3"] == "three"


def test_jsonl_keeps_one_record_per_line_whatever_the_text(spacy_parser, tmp_path):
    text = '"We will build the bridge\u2028next year, and the road\x85too," the mayor said on Monday.'
    found = [q.content for q in iter_quotes([text])]
    assert found and any("\u2028" in span.text for span in found)
    run_corpus([text], out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", jobs=1, progress=False)
    records = read_jsonl(tmp_path / "q.jsonl")  # (str.splitlines: U+2028 and U+0085 would cut a raw line)
    assert [r["content"]["text"] for r in records] == [span.text for span in found]
    assert_spans_index(text, records)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_never_start_a_formula_while_jsonl_and_parquet_keep_the_text(spacy_parser, tmp_path):
    import csv

    from quotekit.report import read_quotes

    meta = {"title": '=HYPERLINK("http://evil.example/x","open me")', "outlet": "@evil", "section": "\t=1+1",
            "note": "-2+3", "page": "+7", "issue": -5, "score": -0.25}
    text = '"We will vote no on the budget," Senator Ann Lee said on Monday.'
    docs = [Document("=cmd|' /C calc'!A0", text, meta=meta), Document("plain-doc", text, meta={"title": "Fine"})]
    for fmt in ("jsonl", "csv", "parquet"):
        run_corpus(docs, out=tmp_path / f"q.{fmt}", format=fmt, jobs=1, progress=False)
    [hostile, plain] = read_jsonl(tmp_path / "q.jsonl")
    assert hostile["doc_id"] == docs[0].doc_id and all(hostile[k] == v for k, v in meta.items())
    table = pd.read_parquet(tmp_path / "q.parquet")
    assert table.loc[0, "doc_id"] == docs[0].doc_id and table.loc[0, "title"] == meta["title"]
    assert table.loc[0, "section"] == meta["section"] and table.loc[0, "issue"] == -5

    with open(tmp_path / "q.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["doc_id"] == "'" + docs[0].doc_id and rows[0]["quote_id"].startswith("'=cmd")
    assert (rows[0]["title"], rows[0]["outlet"], rows[0]["section"], rows[0]["note"]) == \
        ("'" + meta["title"], "'@evil", "'\t=1+1", "'-2+3")
    assert (rows[0]["page"], rows[0]["issue"], rows[0]["score"]) == ("+7", "-5", "-0.25")  # numbers stay numbers
    assert rows[1]["doc_id"] == "plain-doc" and rows[1]["title"] == "Fine"
    assert all(not cell.startswith(FORMULA_START) or _is_number(cell) for row in rows for cell in row.values())
    back = read_quotes(tmp_path / "q.csv")  # quotekit reads its own CSV back to the exact text
    assert [(r["doc_id"], r["quote_id"], r["title"], r["content"]) for r in back] == \
        [(r["doc_id"], r["quote_id"], r["title"], r["content"]) for r in (hostile, plain)]
    assert (back[0]["outlet"], back[0]["section"], back[0]["note"]) == (meta["outlet"], meta["section"], meta["note"])


@given(st.one_of(st.text(max_size=40), st.from_regex(r"'{0,2}[-+=@\t\r][0-9.eE+-]{0,6}", fullmatch=True)))
def test_csv_cell_adds_at_most_one_apostrophe_and_reads_back_exactly(text):
    cell = csv_cell(text)
    assert cell in (text, "'" + text) and csv_text(cell) == text
    body = text.lstrip("'")
    assert (cell != text) == (body.startswith(FORMULA_START) and not _is_number(body))


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return all(c in "0123456789.eE+-" for c in text) and text.lstrip("+-")[:1] in set("0123456789.")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_lone_surrogate_in_a_quote_does_not_fail_the_run(spacy_parser, tmp_path, fmt):
    text = '"We will build the bridge \ud800 next year," the mayor said on Monday.'
    found = [q.content for q in iter_quotes([text])]
    assert found and all(text[span.start:span.end] == span.text for span in found)  # offsets index the input
    summary = run_corpus([text], out=tmp_path / f"q.{fmt}", format=fmt, jobs=1, progress=False)
    assert summary.n_errors == 0 and summary.n_quotes == len(found)
    if fmt == "jsonl":
        records = read_jsonl(tmp_path / "q.jsonl")
        assert [r["content"]["text"] for r in records] == [span.text for span in found]


def test_conllu_backend_reads_conllu_files(tmp_path):
    folder = Path(__file__).resolve().parent / "data" / "run_conllu"
    summary = run_corpus(folder, out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", backend="conllu",
                         jobs=1, progress=False, cache_dir=tmp_path / "cache")
    manifest = read_jsonl(tmp_path / "m.jsonl")
    assert [(r["doc_id"], r["status"]) for r in manifest] == [("parsed", "ok")]
    records = read_jsonl(tmp_path / "q.jsonl")
    assert summary.n_quotes == len(records) > 0
    assert {r["parser"] for r in records} == {"conllu:ud"}
