"""Streaming corpus inputs (:mod:`quotekit.io.corpus`): directories, tables, DataFrames, iterables."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings, strategies as st

from quotekit.errors import InputError
from quotekit.io.corpus import Columns, InputFailure, count_documents, iter_documents
from quotekit.types import Document

DATA = Path(__file__).resolve().parent / "data" / "run_corpus"
# arbitrary text, but no lone surrogates (they cannot be written to a UTF-8 file)
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


def test_directory_is_walked_recursively_in_sorted_order_with_metadata():
    items = list(iter_documents(DATA))
    assert [d.doc_id for d in items] == [
        "b01-council-budget", "b02-school-board", "a01-trade-talks", "a02-port-strike", "a03-rain"]
    assert all(isinstance(d, Document) for d in items)
    by_id = {d.doc_id: d for d in items}
    # the nearest folder's metadata.csv wins; the parent's fills in the rest
    assert by_id["b01-council-budget"].meta["outlet"] == "city-paper-online"
    assert by_id["b01-council-budget"].meta["section"] == "politics"
    assert by_id["b01-council-budget"].meta["date"] == "2024-02-28"
    assert by_id["a01-trade-talks"].meta["title"] == "Japan and Canada restart tariff talks"
    assert "outlet" not in by_id["a03-rain"].meta
    # the text is the file as read, offsets index it
    assert by_id["a03-rain"].text == (DATA / "wire" / "a03-rain.txt").read_text(encoding="utf-8")
    assert count_documents(DATA) == 5


def test_missing_path_is_an_input_error_that_names_it(tmp_path):
    with pytest.raises(InputError, match="no-such-folder"):
        iter_documents(tmp_path / "no-such-folder")


def test_unreadable_files_are_failures_not_exceptions(tmp_path):
    (tmp_path / "a-empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "b-binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "c-good.txt").write_text("The minister said the plan would work.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a corpus file", encoding="utf-8")
    items = list(iter_documents(tmp_path))
    assert [i.doc_id for i in items] == ["a-empty", "b-binary", "c-good"]
    assert isinstance(items[0], InputFailure) and "empty" in items[0].error
    assert isinstance(items[1], InputFailure) and items[1].error
    assert isinstance(items[2], Document)


def test_jsonl_table_with_configured_columns(tmp_path):
    path = tmp_path / "articles.jsonl"
    rows = [
        {"uid": "x1", "body": "First text.", "published": "2024-01-01", "outlet": "paper", "url": "https://a.example/1"},
        {"uid": "x2", "body": "Second text.", "published": "2024-01-02", "outlet": "paper", "extra": 3},
        {"uid": "x3", "published": "2024-01-03"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\nnot json\n", encoding="utf-8")
    items = list(iter_documents(path, columns=Columns(text="body", id="uid", date="published")))
    assert [i.doc_id for i in items[:3]] == ["x1", "x2", "x3"]
    assert items[0].text == "First text."
    assert items[0].meta == {"date": "2024-01-01", "outlet": "paper", "url": "https://a.example/1"}
    assert items[1].meta["extra"] == 3
    assert isinstance(items[2], InputFailure) and "--text-column" in items[2].error
    assert isinstance(items[3], InputFailure) and ":5:" in items[3].error  # file and line of the bad row
    assert count_documents(path) == 4


def test_csv_table_keeps_long_multiline_texts(tmp_path):
    long_text = "He said \"yes\",\nthen left.\r\n" + "word " * 40000  # longer than csv's default field limit
    frame = pd.DataFrame({"id": ["a", "b"], "text": [long_text, "Short one."], "date": ["2024-01-01", None]})
    path = tmp_path / "t.csv"
    frame.to_csv(path, index=False)
    items = list(iter_documents(path))
    assert [i.doc_id for i in items] == ["a", "b"]
    assert items[0].text == long_text
    assert items[0].meta["date"] == "2024-01-01"


def test_parquet_is_read_row_group_by_row_group_in_order(tmp_path):
    path = tmp_path / "t.parquet"
    table = pa.table({"doc_id": [f"d{i}" for i in range(10)], "text": [f"Text number {i}." for i in range(10)],
                      "outlet": ["o"] * 10})
    pq.write_table(table, path, row_group_size=3)
    assert pq.ParquetFile(path).num_row_groups == 4
    items = list(iter_documents(path, columns=Columns(meta=())))
    assert [i.doc_id for i in items] == [f"d{i}" for i in range(10)]
    assert items[7].text == "Text number 7." and items[7].meta == {"outlet": "o"}
    assert count_documents(path) == 10


def test_dataframe_and_iterables():
    frame = pd.DataFrame({"text": ["One.", "Two.", None], "outlet": ["a", float("nan"), "c"]})
    items = list(iter_documents(frame))
    assert [i.doc_id for i in items] == ["doc-0", "doc-1", "doc-2"]
    assert items[1].meta == {"outlet": None}
    assert isinstance(items[2], InputFailure)
    assert count_documents(frame) == 3

    texts = list(iter_documents(["Alpha said so.", "Beta disagreed."]))
    assert [(d.doc_id, d.text) for d in texts] == [("doc-0", "Alpha said so."), ("doc-1", "Beta disagreed.")]
    mixed = list(iter_documents([Document("mine", "Text."), 42]))
    assert mixed[0].doc_id == "mine" and isinstance(mixed[1], InputFailure)


def test_generators_are_streamed_not_read_up_front():
    pulled = []

    def texts():
        for n in range(1000):
            pulled.append(n)
            yield f"Text {n}."

    stream = iter_documents(texts())
    first = [next(stream) for _ in range(3)]
    assert [d.text for d in first] == ["Text 0.", "Text 1.", "Text 2."]
    assert len(pulled) == 3


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=5))
def test_any_text_survives_jsonl_and_csv_tables(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("tables")
    frame = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    frame.to_json(folder / "t.jsonl", orient="records", lines=True, force_ascii=False)
    frame.to_csv(folder / "t.csv", index=False, quoting=csv.QUOTE_ALL)  # minimal quoting leaves a bare "\r"
    for name in ("t.jsonl", "t.csv"):
        items = list(iter_documents(folder / name))
        assert len(items) == len(texts)
        for item, text in zip(items, texts):
            assert isinstance(item, Document) and item.text == text
