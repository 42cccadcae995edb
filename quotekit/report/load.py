""":mod:`quotekit.report.load`: what a report reads: quote files written by ``extract``, and corpus texts.

Quote files may be JSON Lines (one :meth:`~quotekit.types.Quote.to_dict` record a line), a JSON list, CSV or
Parquet. In tables, span columns may hold the span as a JSON object, or be flattened as ``content_start`` /
``content.start`` etc.; ``stance`` may be a JSON string or flattened ``polarity``/``stance_label``.

Corpora are read as ``quotekit extract`` reads them (:func:`quotekit.io.corpus.iter_documents`: offsets index
the text exactly as read; ``metadata.csv`` files add outlet, date, title ... to the documents they list).
"""
from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputError
from ..types import Document

__all__ = ["read_quotes", "read_corpus", "read_metadata", "QUOTE_SUFFIXES"]

QUOTE_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".pq"})
_ROLES = ("content", "cue", "speaker")


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if hasattr(value, "tolist"):  # numpy arrays from parquet
        return value.tolist()
    return value


def _normalise(row: dict[str, Any]) -> dict[str, Any]:
    """A flat table row (CSV/Parquet) back into the nested record form."""
    rec = {k: _maybe_json(v) for k, v in row.items()}
    for role in _ROLES:
        value = rec.get(role)
        if isinstance(value, dict):
            continue
        parts = {}
        for part in ("start", "end", "text"):
            for key in (f"{role}_{part}", f"{role}.{part}"):
                if key in rec:
                    parts[part] = rec.pop(key)
        if isinstance(value, str) and not _missing(value) and "text" not in parts:
            parts["text"] = value
        if not _missing(parts.get("start")) and not _missing(parts.get("end")):
            rec[role] = {"start": int(float(parts["start"])), "end": int(float(parts["end"])),
                         "text": "" if _missing(parts.get("text")) else str(parts["text"])}
        else:
            rec[role] = None
    stance = rec.get("stance")
    if not isinstance(stance, dict):
        pol = rec.pop("polarity", rec.pop("stance_polarity", None))
        label = rec.pop("stance_label", None)
        targets = rec.pop("stance_targets", rec.pop("targets", None))
        if not _missing(pol):
            rec["stance"] = {"polarity": float(pol), "label": label or "neutral",
                             "targets": targets if isinstance(targets, list) else []}
        else:
            rec["stance"] = None
    for key, value in list(rec.items()):
        if isinstance(value, float) and math.isnan(value):
            rec[key] = None
    return rec


def _check(rec: Any, path: Path, line: Optional[int]) -> dict[str, Any]:
    if not isinstance(rec, dict) or "doc_id" not in rec or not isinstance(rec.get("content"), dict):
        raise InputError("not a quote record (needs doc_id and a content span); pass a quotes file written by "
                         "`quotekit extract` or a corpus folder (for a corpus table, run `quotekit extract TABLE -o "
                         "quotes.jsonl` first)", path=path, line=line)
    rec.setdefault("quote_id", f"{rec['doc_id']}:{line or 0}")
    rec.setdefault("kind", "indirect")
    rec["doc_id"] = str(rec["doc_id"])
    return rec


def read_quotes(path: Union[str, Path]) -> list[dict[str, Any]]:
    """Quote records (``Quote.to_dict()`` form) from a JSONL / JSON / CSV / Parquet file.

    Raises:
        InputError: the file is missing, of an unknown type, or a line/row is not a quote record.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such quotes file; write one with `quotekit extract CORPUS -o quotes.jsonl`", path=path)
    suffix = path.suffix.lower()
    if suffix not in QUOTE_SUFFIXES:
        raise InputError(f"unknown quotes file type {suffix!r}; use .jsonl, .json, .csv or .parquet", path=path)
    records: list[dict[str, Any]] = []
    if suffix in (".jsonl", ".ndjson") or (suffix == ".json" and not path.read_text("utf-8").lstrip().startswith("[")):
        with path.open(encoding="utf-8") as handle:
            for n, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"invalid JSON ({exc.msg}); each line must be one quote record",
                                     path=path, line=n) from None
                records.append(_check(rec, path, n))
    elif suffix == ".json":
        try:
            data = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg})", path=path, line=exc.lineno) from None
        records = [_check(r, path, n) for n, r in enumerate(data, 1)]
    elif suffix in (".csv", ".tsv"):
        from ..run.writers import csv_text  # cells quotekit made formula-safe get their exact text back

        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t" if suffix == ".tsv" else ",")
            rows = ({k: csv_text(v) if isinstance(v, str) else v for k, v in row.items()} for row in reader)
            records = [_check(_normalise(row), path, n) for n, row in enumerate(rows, 2)]
    else:
        import pandas as pd

        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types
            raise InputError(f"cannot read Parquet ({exc})", path=path) from exc
        records = [_check(_normalise(row), path, n) for n, row in enumerate(frame.to_dict("records"), 1)]
    return records


def read_metadata(folder: Union[str, Path]) -> dict[str, dict[str, Any]]:
    """``doc_id -> {column: value}`` from every ``metadata.csv`` under ``folder`` (deeper files win)."""
    folder = Path(folder)
    meta: dict[str, dict[str, Any]] = {}
    files = [folder] if folder.is_file() else sorted(folder.rglob("metadata.csv"), key=lambda p: len(p.parts))
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if not reader.fieldnames or "doc_id" not in reader.fieldnames:
                raise InputError("metadata.csv needs a doc_id column (doc_id,outlet,date,...)", path=path)
            for row in reader:
                doc_id = (row.pop("doc_id") or "").strip()
                if doc_id:
                    meta.setdefault(doc_id, {}).update({k: v for k, v in row.items() if k and v not in (None, "")})
    return meta


def read_corpus(path: Union[str, Path]) -> list[Document]:
    """Every document of a corpus (what ``quotekit extract`` reads: :func:`quotekit.io.corpus.iter_documents`).

    Documents that cannot be read are left out (a report shows what could be read).

    Raises:
        InputError: ``path`` does not exist or holds no readable documents.
    """
    from ..io.corpus import iter_documents

    root = Path(path)
    if not root.exists():
        raise InputError("no such corpus; pass a folder of .txt files, a corpus table, or a quotes file", path=root)
    docs = [d for d in iter_documents(root) if isinstance(d, Document)]
    if not docs:
        raise InputError("holds no readable documents; pass the corpus folder the quotes were extracted from",
                         path=root)
    return docs
