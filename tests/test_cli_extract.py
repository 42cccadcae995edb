"""``quotekit extract``: JSONL on stdout, files, manifest, tables, errors as rows, exit codes."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from quotekit.cli import main
from _helpers import RUN_CORPUS, copy_run_corpus, read_jsonl

DATA = RUN_CORPUS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return copy_run_corpus(tmp_path_factory.mktemp("cli") / "corpus", binary="a05-garbage.txt")


def test_jsonl_to_stdout_with_manifest_and_summary(corpus, tmp_path, capsys, spacy_parser):
    code = main(["extract", str(corpus), "--manifest", str(tmp_path / "m.jsonl"), "--jobs", "1",
                 "--cache-dir", str(tmp_path / "cache")])
    captured = capsys.readouterr()
    assert code == 0  # error rows do not fail a run that processed documents
    records = [json.loads(line) for line in captured.out.splitlines()]
    manifest = read_jsonl(tmp_path / "m.jsonl")
    assert [r["doc_id"] for r in manifest] == [
        "b01-council-budget", "b02-school-board", "a01-trade-talks", "a02-port-strike", "a03-rain", "a05-garbage"]
    assert [r["status"] for r in manifest].count("error") == 1 and manifest[-1]["error"]
    assert len(records) == sum(r["n_quotes"] for r in manifest)
    assert all(r["doc_id"] in {m["doc_id"] for m in manifest} for r in records)
    summary = captured.err.strip().splitlines()[-1]
    assert f"6 documents, {len(records)} quotes, 1 errors" in summary
    assert "a05-garbage" in captured.err  # the failed document is named


def test_output_file_formats(corpus, tmp_path, capsys):
    assert main(["extract", str(corpus / "local"), "-o", str(tmp_path / "q.jsonl"), "--no-cache", "-j", "1"]) == 0
    records = read_jsonl(tmp_path / "q.jsonl")
    assert main(["extract", str(corpus / "local"), "-o", str(tmp_path / "q.csv"), "--format", "csv",
                 "--no-cache", "-j", "1"]) == 0
    frame = pd.read_csv(tmp_path / "q.csv")
    assert list(frame["quote_id"]) == [r["quote_id"] for r in records]
    assert set(frame["outlet"]) <= {"city-paper", "city-paper-online"}
    assert capsys.readouterr().out == ""  # nothing on stdout when writing files


def test_table_input_with_columns(tmp_path, capsys):
    rows = [{"uid": "t1", "body": (DATA / "local" / "b02-school-board.txt").read_text(encoding="utf-8"),
             "site": "city-paper", "published": "2024-02-01"}]
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    code = main(["extract", str(tmp_path / "t.jsonl"), "--text-column", "body", "--id-column", "uid",
                 "--outlet-column", "site", "--date-column", "published", "--no-cache", "-j", "1"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 0 and records
    assert {(r["doc_id"], r["outlet"], r["date"]) for r in records} == {("t1", "city-paper", "2024-02-01")}


def test_usage_errors_exit_2_with_one_line(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "missing-dir")]) == 2
    err = capsys.readouterr().err
    assert "missing-dir" in err and len(err.strip().splitlines()) == 1
    assert main(["extract", str(DATA), "--format", "parquet"]) == 2
    assert "-o" in capsys.readouterr().err
