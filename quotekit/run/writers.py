""":mod:`quotekit.run.writers`: the one table writer -- JSONL, CSV or Parquet, written atomically.

:func:`write_records` writes quote records (and the run's manifest) as a corpus run produces them: JSONL keeps the
nested record of ``docs/QUOTE_SCHEMA.md``; CSV and Parquet are flat tables (written in chunks, so a corpus of any
size needs memory for one chunk): a span field ``content`` becomes ``content_start``, ``content_end``,
``content_text``; ``stance`` becomes ``stance_polarity``, ``stance_label`` and ``stance_targets`` (a JSON string);
metadata columns follow. :func:`write_table` writes a pandas DataFrame (the tables of :mod:`quotekit.aggregate`)
through the same three writers.

Text comes from scraped pages, so it is untrusted: in CSV only, a text cell beginning with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return -- which a spreadsheet would run as a formula -- is written with a leading
``'`` (:func:`csv_cell`). Numbers stay numbers; JSONL and Parquet keep the exact text.
"""
from __future__ import annotations

import datetime
import json
import math
import pickle
import re
import sys
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

from ..errors import InputError, OutputError
from ._files import atomic_writer

__all__ = ["FORMATS", "SUFFIXES", "csv_cell", "csv_text", "flatten_record", "format_for", "output_format",
           "write_jsonl", "write_records", "write_table"]

FORMATS = ("jsonl", "csv", "parquet")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
"""File suffixes that name a format (for :func:`format_for`)."""


def format_for(path: Optional[Union[str, Path]], fmt: Optional[str] = None) -> str:
    """``fmt`` if given, else the format the suffix of ``path`` names.

    Raises:
        OutputError: the format is not one of :data:`FORMATS` (or the suffix names none).
    """
    chosen = (fmt or SUFFIXES.get(Path(str(path or "")).suffix.lower(), "")).lower()
    if chosen not in FORMATS:
        what = f"format {fmt!r}" if fmt else f"the table format of {str(path)!r}"
        raise OutputError(f"unknown {what}; choose one of: {', '.join(FORMATS)} (or a file suffix: "
                          f"{', '.join(SUFFIXES)})")
    return chosen


def output_format(path: Optional[Union[str, Path]], fmt: Optional[str] = None) -> str:
    """The format of a command's output file: the one its suffix names (``.jsonl``/``.ndjson``, ``.csv``,
    ``.parquet``/``.pq``), else ``fmt``, else JSONL (stdout, ``-``, or a file name without a suffix).

    A user who writes ``-o quotes.csv`` wants CSV; a suffix that names no format we write (``.json``: JSONL is
    not one JSON document; ``.xlsx``) is refused rather than silently filled with JSONL, unless ``fmt`` says
    what to write.

    Raises:
        InputError: ``fmt`` is not one of :data:`FORMATS`, contradicts the suffix, or is missing for a suffix
            that names no format.
    """
    if fmt is not None and fmt.lower() not in FORMATS:
        raise InputError(f"unknown --format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    suffix = Path(str(path)).suffix.lower() if path is not None and str(path) != "-" else ""
    named = SUFFIXES.get(suffix)
    if fmt is not None and named is not None and fmt.lower() != named:
        raise InputError(f"--format {fmt} contradicts the output file {str(path)!r} ({named}); drop --format "
                         f"(the suffix chooses) or name the file {Path(str(path)).stem}.{fmt.lower()}")
    if fmt is not None:
        return fmt.lower()
    if named is not None:
        return named
    if suffix:
        raise InputError(f"the output file {str(path)!r} has a suffix that names no format ({suffix}); name it "
                         f"*.jsonl, *.csv or *.parquet, or give --format")
    return "jsonl"


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


_LINE_BREAKS = {ord("\x85"): "\\u0085", ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}
"""Characters JSON leaves raw that many line readers (Python's ``str.splitlines``, JavaScript) take for line
breaks: escaped, so one record is always one line."""


_SPECIAL = re.compile("[" + "".join(map(chr, _LINE_BREAKS)) + "\ud800-\udfff]")  # ... or a lone surrogate


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode  # = json.dumps(..., default=str), built once


def _dump(record: dict[str, Any]) -> str:
    line = _ENCODE(record)
    if _SPECIAL.search(line) is None:  # (the common case: nothing to escape)
        return line + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a Python str): escape it instead of failing the run
        line = json.dumps(record, ensure_ascii=True, default=str)
    return line.translate(_LINE_BREAKS) + "\n"


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
    """Write quote records in ``fmt`` (``jsonl``, ``csv`` or ``parquet``); returns how many were written.

    All formats stream: JSONL line by line; CSV and Parquet in chunks of :data:`CHUNK_ROWS` rows, after a first
    pass that spools the flattened rows to a temporary file and learns the columns (metadata columns differ
    between documents) and one type per column, so every chunk has the same columns and types.
    """
    fmt = format_for(path, fmt)
    if fmt == "jsonl":
        return write_jsonl(records, path)
    if fmt == "parquet" and (path is None or str(path) == "-"):
        raise OutputError("Parquet is a binary format: give an output file with -o OUT.parquet")
    with tempfile.TemporaryFile(prefix="quotekit-rows-") as spool:
        columns, n = _spool_rows(records, spool)
        spool.seek(0)
        chunks = _read_spool(spool, columns)
        if fmt == "csv":
            _write_csv(chunks, list(columns), path)
        else:
            _write_parquet(chunks, _arrow_schema(columns), path)
    return n


def write_table(df: Any, path: Union[str, Path], format: Optional[str] = None) -> Path:
    """Write the DataFrame ``df`` to ``path`` as ``csv``, ``parquet`` or ``jsonl`` (default: from the suffix).

    List columns (``roles``, ``documents``, ``targets``) stay nested in Parquet and JSONL and are flattened for
    CSV (lists of strings joined with ``"; "``, other values as JSON). Returns the path written.

    Raises:
        OutputError: unknown format, or the file cannot be written.
    """
    fmt = format_for(path, format)
    path = Path(path)
    if fmt == "jsonl":
        write_jsonl((_plain(row) for row in df.to_dict("records")), path)
    elif fmt == "csv":
        flat = _flat_for_csv(df)
        _write_csv(iter([flat]), [str(c) for c in flat.columns], path)
    else:
        import pyarrow as pa

        _write_parquet(iter([df]), pa.Schema.from_pandas(df, preserve_index=False), path)
    return path


def _plain(value: Any) -> Any:
    """A DataFrame cell as a JSON value: numpy scalars and arrays as Python ones, times as ISO text, NaN/NaT null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if _missing(value) or type(value).__name__ == "NaTType":
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if not isinstance(value, str) and hasattr(value, "tolist"):  # numpy scalars and arrays
        return _plain(value.tolist())
    return value


def _is_listlike(value: Any) -> bool:
    return isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray"


def _flat_for_csv(df: Any) -> Any:
    """CSV cells hold scalars: lists of strings become ``a; b``, other nested values JSON."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: _is_listlike(v) or isinstance(v, dict)).any():
            def cell(v: Any) -> Any:
                if _is_listlike(v) and all(isinstance(x, str) for x in v):
                    return "; ".join(v)
                if _is_listlike(v) or isinstance(v, dict):
                    return json.dumps(_plain(list(v) if _is_listlike(v) else v), ensure_ascii=False, default=str)
                return v
            out[col] = out[col].map(cell)
    return out


CHUNK_ROWS = 10_000


def _missing(value: Any) -> bool:
    """``None``, or the NaN pandas puts where a row lacks a column."""
    return value is None or (isinstance(value, float) and math.isnan(value))


class _Column:
    """The Python types one output column holds (to give every chunk the same dtype)."""

    def __init__(self) -> None:
        self.types: set[type] = set()

    def see(self, value: Any) -> None:
        if _missing(value):
            return
        aware = isinstance(value, datetime.datetime) and value.tzinfo is not None
        self.types.add(str if aware else type(value))  # (an aware time is kept as its ISO text)

    @property
    def kind(self) -> str:
        types = self.types
        if not types:
            return "empty"
        if types <= {bool}:
            return "bool"
        if types <= {int}:
            return "int"
        if types <= {int, float}:
            return "float"
        if types <= {datetime.date} or types <= {datetime.datetime}:
            return "date" if types <= {datetime.date} else "datetime"
        return "str"  # strings, or a mix (a metadata column with numbers and text): written as text


def _spool_rows(records: Iterable[dict[str, Any]], spool: IO[bytes]) -> tuple[dict[str, _Column], int]:
    columns: dict[str, _Column] = {name: _Column() for name in _EMPTY_COLUMNS}
    chunk: list[dict[str, Any]] = []
    n = 0
    for record in records:
        row = flatten_record(record)
        for key, value in row.items():
            column = columns.get(key)
            if column is None:
                column = columns[key] = _Column()
            column.see(value)
        chunk.append(row)
        n += 1
        if len(chunk) >= CHUNK_ROWS:
            pickle.dump(chunk, spool, protocol=pickle.HIGHEST_PROTOCOL)
            chunk = []
    if chunk:
        pickle.dump(chunk, spool, protocol=pickle.HIGHEST_PROTOCOL)
    return columns, n


def _read_spool(spool: IO[bytes], columns: dict[str, _Column]) -> Iterator[Any]:
    """The spooled rows as DataFrames of at most :data:`CHUNK_ROWS` rows, columns and dtypes fixed."""
    import pandas as pd

    names = list(columns)
    dtypes = {"int": "Int64", "float": "float64", "bool": "boolean", "str": "string"}
    while True:
        try:
            chunk = pickle.load(spool)
        except EOFError:
            return
        frame = pd.DataFrame(chunk, columns=names)
        for name, column in columns.items():
            kind = column.kind
            if kind == "str":
                frame[name] = frame[name].map(lambda v: None if _missing(v) else str(v))
            if kind in dtypes:
                frame[name] = frame[name].astype(dtypes[kind])
            elif kind in ("date", "datetime"):  # a chunk where all are missing would be float NaN, not a date
                frame[name] = pd.Series([None if _missing(v) else v for v in frame[name]], dtype=object,
                                        index=frame.index)
        yield frame


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _formula_like(text: str) -> bool:
    """Whether ``text``, past any leading apostrophes, begins like a formula (and is not just a number)."""
    body = text.lstrip("'")
    return body.startswith(_FORMULA_START) and not _NUMBER.fullmatch(body)


def csv_cell(value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet runs as a formula: text beginning with ``=``, ``+``, ``-``, ``@``, a
    tab or a carriage return gets a leading ``'`` (the usual convention); other values, and text that is just a
    number (``-3.5``), are unchanged. Text that already begins with ``'`` before such a character gets one more,
    so :func:`csv_text` gives back the exact text."""
    if isinstance(value, str) and _formula_like(value):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """The text :func:`csv_cell` was given (for reading back a CSV file quotekit wrote)."""
    return cell[1:] if cell.startswith("'") and _formula_like(cell) else cell


def _csv_safe(frame: Any) -> Any:
    """``frame`` with :func:`csv_cell` applied to its text columns (numeric columns are left alone)."""
    text = [name for name, dtype in frame.dtypes.items() if dtype == object or str(dtype) == "string"]
    if not text:
        return frame
    frame = frame.copy()
    for name in text:
        frame[name] = frame[name].map(csv_cell, na_action="ignore")
    return frame


def _write_csv(chunks: Iterator[Any], names: list[str], path: Optional[Union[str, Path]]) -> None:
    """DataFrames with the columns ``names`` as one CSV file (stdout when ``path`` is ``None`` or ``-``), text
    cells made formula-safe (:func:`csv_cell`)."""
    import pandas as pd

    def write(handle: Any) -> None:
        header = [csv_cell(name) for name in names]  # column names come from the input tables too
        first = True
        for frame in chunks:
            _csv_safe(frame).to_csv(handle, index=False, header=header if first else False)
            first = False
        if first:  # no rows: the header alone
            pd.DataFrame(columns=header).to_csv(handle, index=False)

    if path is None or str(path) == "-":
        write(sys.stdout)
        return
    try:
        with atomic_writer(path, "w", encoding="utf-8", newline="") as handle:
            write(handle)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}; check the folder exists and is writable") from exc


def _arrow_schema(columns: dict[str, _Column]) -> Any:
    import pyarrow as pa

    types = {"empty": pa.null(), "bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(),
             "date": pa.date32(), "datetime": pa.timestamp("us"), "str": pa.string()}
    return pa.schema([(name, types[column.kind]) for name, column in columns.items()])


def _write_parquet(chunks: Iterator[Any], schema: Any, path: Union[str, Path]) -> None:
    """DataFrames as one Parquet file with the Arrow ``schema`` (one row group per frame)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        with atomic_writer(path, "wb") as handle:
            with pq.ParquetWriter(handle, schema) as writer:
                for frame in chunks:
                    writer.write_table(pa.Table.from_pandas(frame, schema=schema, preserve_index=False))
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc}; check the folder exists and is writable") from exc
