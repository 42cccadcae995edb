"""Dask runs (:mod:`quotekit.run.dask`): identical records to the local run, bad documents as error rows."""
from __future__ import annotations

from pathlib import Path

import pytest

from quotekit.cli import main
from quotekit.run import run_corpus, run_on_client
from quotekit.types import Document
from _helpers import copy_run_corpus, read_jsonl

pytestmark = pytest.mark.dask


def without_cache_flag(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "parse_cached"} for r in rows]


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster, \
            Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return copy_run_corpus(tmp_path_factory.mktemp("dask") / "corpus", binary="a00-binary.txt")


def test_dask_run_equals_local_run(client, corpus, tmp_path, spacy_parser):
    local = run_corpus(corpus, out=tmp_path / "local.jsonl", manifest=tmp_path / "local-m.jsonl", jobs=1,
                       progress=False, batch_size=2)
    remote = run_on_client(client, corpus, out=tmp_path / "dask.jsonl", manifest=tmp_path / "dask-m.jsonl",
                           progress=False, batch_size=2, cache_dir=tmp_path / "cache")
    assert read_jsonl(tmp_path / "dask.jsonl") == read_jsonl(tmp_path / "local.jsonl")
    assert without_cache_flag(read_jsonl(tmp_path / "dask-m.jsonl")) == \
        without_cache_flag(read_jsonl(tmp_path / "local-m.jsonl"))
    assert (remote.n_docs, remote.n_quotes, remote.n_errors) == (local.n_docs, local.n_quotes, local.n_errors) \
        == (6, local.n_quotes, 1)
    # the workers filled the shared parse cache: a second cluster run parses nothing
    again = run_on_client(client, corpus, out=tmp_path / "again.jsonl", progress=False, batch_size=3,
                          cache_dir=tmp_path / "cache")
    assert again.n_cached == 5
    assert read_jsonl(tmp_path / "again.jsonl") == read_jsonl(tmp_path / "local.jsonl")


def test_bad_document_on_a_worker_is_an_error_row(client, tmp_path):
    docs = [Document("ok", "The senator said the vote would be close."),
            Document("bad", "Text.", parse_text="Text that is longer than the original.")]
    summary = run_on_client(client, docs, out=tmp_path / "q.jsonl", manifest=tmp_path / "m.jsonl", progress=False)
    rows = read_jsonl(tmp_path / "m.jsonl")
    assert [(r["doc_id"], r["status"]) for r in rows] == [("ok", "ok"), ("bad", "error")]
    assert summary.n_errors == 1


def test_cli_scheduler_option(client, corpus, tmp_path, capsys):
    address = client.scheduler.address
    assert main(["extract", str(corpus / "local"), "--scheduler", address, "-o", str(tmp_path / "q.jsonl"),
                 "--no-cache"]) == 0
    assert "2 documents" in capsys.readouterr().err
    local = run_corpus(corpus / "local", out=tmp_path / "l.jsonl", jobs=1, progress=False)
    assert read_jsonl(tmp_path / "q.jsonl") == read_jsonl(tmp_path / "l.jsonl") and local.n_quotes > 0
