""":mod:`quotekit.run`: corpus runs -- streamed inputs, parse cache, local processes or Dask, resumable.

Every way of extracting quotes from many documents goes through here: :func:`run_corpus` (files out),
:func:`iter_results` / :func:`iter_quotes` (streamed) and :func:`extract_records` (in memory, for notebooks and
reports).

>>> from quotekit.run import run_corpus
>>> summary = run_corpus("corpora/", out="out/quotes.jsonl", manifest="out/manifest.jsonl", jobs=2)  # doctest: +SKIP
"""
from __future__ import annotations

from .corpus import RunSummary, extract_records, iter_quotes, iter_results, run_corpus
from .worker import DocResult, RunConfig, process_batch

__all__ = ["DocResult", "RunConfig", "RunSummary", "extract_records", "iter_quotes", "iter_results", "process_batch",
           "run_corpus", "run_on_client"]


def run_on_client(client, source, **options) -> RunSummary:
    """Run a corpus on a ``dask.distributed.Client`` (see :func:`quotekit.run.dask.run_on_client`)."""
    from .dask import run_on_client as _run_on_client

    return _run_on_client(client, source, **options)
