""":mod:`quotekit.run.writers`: quote records and manifests to JSONL / CSV / Parquet, written atomically.

JSONL keeps the nested record of ``docs/QUOTE_SCHEMA.md``. CSV and Parquet are flat tables: a span field
``content`` becomes ``content_start``, ``content_end``, ``content_text``; ``stance`` becomes
``stance_polarity``, ``stance_label`` and ``stance_targets`` (a JSON string); metadata columns follow.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from ..errors import OutputError
from ._files import atomic_writer

__all__ = ["FORMATS", "flatten_record", "write_jsonl", "write_records"]

FORMATS = ("jsonl", "csv", "parquet")
_SPANS = ("content", "cue", "speaker")


def flatten_record(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row (scalars only) for a quote record."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in _SPANS:
            for part in ("start", "end", "text"):
                row[f"{key}_{part}"] = value.get(part) if value else None
        elif key == "stance":
            row["stance_polarity"] = value.get("polarity") if value else None
            row["stance_label"] = value.get("label") if value else None
            row["stance_targets"] = json.dumps(value.get("targets", []), ensure_ascii=False) if value else None
        elif isinstance(value, (dict, list)):
            row[key] = json.dumps(value, ensure_ascii=False)
        else:
            row[key] = value
    return {k: _encodable(v) for k, v in row.items()}


def _encodable(value: Any) -> Any:
    """A lone surrogate (possible in a Python str) becomes ``?``: CSV and Parquet need valid UTF-8; same length."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _empty_columns() -> list[str]:
    from ..types import SCHEMA_FIELDS

    return list(flatten_record({name: None for name in (*SCHEMA_FIELDS, "rule")}))


_EMPTY_COLUMNS = _empty_columns()


def _dump(record: dict[str, Any]) -> str:
    line = json.dumps(record, ensure_ascii=False, default=str)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a Python str): escape it instead of failing the run
        line = json.dumps(record, ensure_ascii=True, default=str)
    return line + "\n"


def write_jsonl(records: Iterable[dict[str, Any]], path: Optional[Union[str, Path]]) -> int:
    """Write records as JSON Lines to ``path`` (atomically) or to stdout when ``path`` is ``None`` or ``-``."""
    n = 0
    if path is None or str(path) == "-":
        for record in records:
            sys.stdout.write(_dump(record))
            n += 1
        sys.stdout.flush()
        return n
    try:
        with atomic_writer(path, "w", encoding="utf-8", newline="\n") as handle:
            for record in records:
                handle.write(_dump(record))
                n += 1
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}; check the folder exists and is writable") from exc
    return n


def write_records(records: Iterable[dict[str, Any]], path: Optional[Union[str, Path]], fmt: str = "jsonl") -> int:
    """Write quote records in ``fmt`` (``jsonl``, ``csv`` or ``parquet``); returns how many were written."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown output format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    if fmt == "jsonl":
        return write_jsonl(records, path)
    import pandas as pd

    rows = [flatten_record(r) for r in records]
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=_EMPTY_COLUMNS)
    if fmt == "csv":
        if path is None or str(path) == "-":
            frame.to_csv(sys.stdout, index=False)
            return len(rows)
        try:
            with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
                frame.to_csv(handle, index=False)
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc}; check the folder exists and is writable") from exc
        return len(rows)
    if path is None or str(path) == "-":
        raise OutputError("Parquet is a binary format: give an output file with -o OUT.parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a metadata column mixes types: store it as text
        for column in frame.columns[frame.dtypes == object]:
            frame[column] = frame[column].map(lambda v: v if v is None else str(v))
        table = pa.Table.from_pandas(frame, preserve_index=False)
    try:
        with atomic_writer(path, "wb") as handle:
            pq.write_table(table, handle)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}; check the folder exists and is writable") from exc
    return len(rows)
