""":mod:`quotekit.report`: corpus reports -- rendering only (extraction is :func:`quotekit.run.extract_records`).

:func:`build_report` turns quote records (and optionally their texts) into one self-contained HTML page
(:mod:`.html`: inline SVG charts from :mod:`.charts`, highlighted documents from :mod:`.highlight`);
:func:`report_from_path` does the same from a quotes file written by ``quotekit extract``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Union

from ..errors import InputError, OutputError
from ..types import Document, Quote
from .html import render_report
from .load import QUOTE_SUFFIXES, read_corpus, read_quotes

__all__ = ["QUOTE_SUFFIXES", "build_report", "is_quotes_file", "write_report", "report_from_path", "render_report",
           "read_quotes", "read_corpus"]


def _as_records(quotes: Iterable[Union[Quote, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    return [q.to_dict() if isinstance(q, Quote) else dict(q) for q in quotes]


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


def is_quotes_file(path: Union[str, Path]) -> bool:
    """Whether ``path`` is a quotes file (as ``quotekit extract`` writes them) rather than a corpus."""
    path = Path(path)
    return path.is_file() and path.suffix.lower() in QUOTE_SUFFIXES


def report_from_path(quotes_path: Union[str, Path], *, corpus: Optional[Union[str, Path]] = None,
                     **options) -> str:
    """The report for a quotes file written by ``quotekit extract``; ``corpus`` (a folder) supplies the texts.

    Raises:
        InputError: the file is missing or not a quotes file, or ``corpus`` holds other texts than the quotes'.
    """
    quotes_path = Path(quotes_path)
    if not quotes_path.exists():
        raise InputError("no such quotes file; check the path", path=quotes_path)
    if not is_quotes_file(quotes_path):
        raise InputError("not a quotes file (.jsonl, .csv, .parquet ...); extract a corpus first with "
                         "quotekit.run.extract_records (or `quotekit report CORPUS`)", path=quotes_path)
    records = read_quotes(quotes_path)
    docs = read_corpus(corpus) if corpus is not None else None
    if docs is not None:
        known = {r["doc_id"] for r in records}
        docs = [d for d in docs if d.doc_id in known] or docs
        _check_offsets(records, docs)
    return render_report(records, docs, **options)


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
