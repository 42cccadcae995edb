""":mod:`quotekit.report`: corpus reports.

:func:`build_report` turns quote records (and optionally their texts) into one self-contained HTML page
(:mod:`.html`: inline SVG charts from :mod:`.charts`, highlighted documents from :mod:`.highlight`);
:func:`report_from_path` does the same from a corpus folder or a quotes file written by ``quotekit extract``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from ..errors import InputError, OutputError
from ..types import Document, Quote
from .html import render_report
from .load import QUOTE_SUFFIXES, read_corpus, read_quotes

__all__ = ["build_report", "write_report", "report_from_path", "extract_corpus", "extract_documents", "render_report",
           "read_quotes", "read_corpus"]


def _as_records(quotes: Iterable[Union[Quote, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    return [q.to_dict() if isinstance(q, Quote) else dict(q) for q in quotes]


def extract_documents(docs: Sequence[Document], *, backend: str = "spacy", model: Optional[str] = None,
                      jobs: Optional[int] = 1, progress: bool = False
                      ) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """``(records, failures)`` for ``docs`` through the corpus engine (:func:`quotekit.run.iter_results`).

    ``failures`` are ``(doc_id, error message)`` for documents the engine could not process. Corpus-level
    speaker ids are assigned when the speakers package provides them (as :func:`quotekit.run.run_corpus` does).
    """
    from ..run import iter_results

    results = iter_results(list(docs), backend=backend, model=model, jobs=jobs)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(docs), desc="extracting", unit="doc")
    records: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    for result in results:
        if result.status == "ok":
            records.extend(result.quotes)
        else:
            failures.append((result.doc_id, result.error or "failed"))
    try:
        from ..speakers.canonical import assign_speaker_ids
    except ImportError:  # no corpus-level ids yet: speakers are grouped by entity / mention
        return records, failures
    quotes = [Quote.from_dict(r) for r in records]
    assigned = assign_speaker_ids(quotes)
    return [q.to_dict() for q in (quotes if assigned is None else assigned)], failures


def extract_corpus(docs: Sequence[Document], **options) -> list[dict[str, Any]]:
    """Quote records of every document (options of :func:`extract_documents`); failed documents are left out."""
    return extract_documents(docs, **options)[0]


def build_report(quotes: Iterable[Union[Quote, Mapping[str, Any]]], docs: Optional[Iterable[Document]] = None,
                 **options) -> str:
    """The HTML report for ``quotes`` (Quote objects or their dicts); ``docs`` supply texts to highlight.

    Options are those of :func:`quotekit.report.html.render_report` (``title``, ``top``, ``max_docs``).
    """
    return render_report(_as_records(quotes), docs, **options)


def write_report(html_text: str, path: Union[str, Path]) -> Path:
    """Write the page atomically (UTF-8); returns the path."""
    from ..run._files import atomic_writer

    path = Path(path)
    try:
        with atomic_writer(path, "w", encoding="utf-8") as handle:
            handle.write(html_text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(path, 0o666 & ~umask)  # a page to publish: readable like any new file, not private like a temp file
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the report ({exc.strerror or exc}); check the folder exists and "
                          "is writable") from exc
    return path


def report_from_path(input_path: Union[str, Path], *, corpus: Optional[Union[str, Path]] = None,
                     backend: str = "spacy", model: Optional[str] = None, progress: bool = False,
                     **options) -> str:
    """The report for a corpus folder/file (extracted now) or a quotes file (texts from ``corpus``)."""
    input_path = Path(input_path)
    if not input_path.exists():
        raise InputError("no such corpus or quotes file; check the path", path=input_path)
    if input_path.is_file() and input_path.suffix.lower() in QUOTE_SUFFIXES:
        records = read_quotes(input_path)
        docs = read_corpus(corpus) if corpus is not None else None
        if docs is not None:
            known = {r["doc_id"] for r in records}
            docs = [d for d in docs if d.doc_id in known] or docs
            _check_offsets(records, docs)
        return render_report(records, docs, **options)
    docs = read_corpus(input_path)
    records, failures = extract_documents(docs, backend=backend, model=model, progress=progress)
    return render_report(records, docs, failures=failures, **options)


def _check_offsets(records: list[dict], docs: list[Document]) -> None:
    """Fail early when ``--corpus`` holds other texts than the ones the quotes were extracted from."""
    texts = {d.doc_id: d.text for d in docs}
    for rec in records:
        text = texts.get(rec["doc_id"])
        span = rec["content"]
        if text is not None and span.get("text") and text[span["start"]:span["end"]] != span["text"]:
            raise InputError(f"quote {rec['quote_id']} does not match the text of document {rec['doc_id']!r} "
                             "(offsets point elsewhere); pass the same corpus the quotes were extracted from "
                             "with --corpus")
