""":mod:`quotekit.io.corpus`: stream the documents of a corpus, one :class:`~quotekit.types.Document` at a time.

A *source* is any of:

- a path, or a list of paths: a directory is walked recursively in sorted order and every ``*.txt`` file in it
  (``*.conllu`` with ``suffixes=(".conllu",)``) is one document whose ``doc_id`` is its file name without
  extension; a ``metadata.csv`` (column ``doc_id`` plus anything: outlet, date, title, ...) adds metadata to the
  documents of its folder and the folders below it. A ``.jsonl`` / ``.csv`` / ``.tsv`` / ``.parquet`` file is a
  *table*: one document per row, with a text column and optional id and metadata columns. Any other file is one
  text document.
- a pandas ``DataFrame`` (a table, as above);
- an iterable of ``str`` (texts, ids ``doc-0``, ``doc-1``, ...) or of :class:`~quotekit.types.Document`.

A single ``str`` is a path; a list of ``str`` is a list of *texts* -- pass ``pathlib.Path`` objects for a list
of paths.

Nothing is read before it is needed: directories are listed one folder at a time, JSONL and CSV are read line by
line, Parquet one row group at a time. A document that cannot be read is yielded as an :class:`InputFailure`
(which the corpus engine turns into an error row) instead of stopping the stream.
"""
from __future__ import annotations

import csv
import json
import math
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

from ..errors import InputError, QuotekitError
from ..types import Document
from .files import read_document

__all__ = [
    "Columns", "InputFailure", "Item", "TABLE_SUFFIXES", "count_documents", "iter_documents", "read_text_file",
]

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".parquet")
METADATA_FILE = "metadata.csv"
#: Metadata columns a table may carry under another name (``Columns.date`` etc. give the name).
STANDARD_META = ("date", "outlet", "url", "title")


@dataclass(frozen=True)
class InputFailure:
    """A document that could not be read: becomes an error row of the manifest, never a crash."""

    doc_id: str
    error: str
    source: Optional[str] = None
    meta: dict[str, Any] = field(default_factory=dict)


Item = Union[Document, InputFailure]


@dataclass(frozen=True)
class Columns:
    """Column names of a table corpus.

    ``id=None`` uses ``doc_id`` or ``id`` when the table has one, else ``<table name>-<row>``. ``date``,
    ``outlet``, ``url`` and ``title`` name the columns stored under those metadata keys. ``meta=None`` keeps every
    other column as metadata; a sequence keeps only those columns.
    """

    text: str = "text"
    id: Optional[str] = None
    date: str = "date"
    outlet: str = "outlet"
    url: str = "url"
    title: str = "title"
    meta: Optional[Sequence[str]] = None

    @classmethod
    def from_options(cls, **options: Any) -> "Columns":
        """Build from keyword options such as ``text_column="body", id_column="uid"`` (``None`` = default)."""
        known = {"text", "id", "date", "outlet", "url", "title", "meta"}
        values = {}
        for key, value in options.items():
            name = key[: -len("_column")] if key.endswith("_column") else key
            name = "meta" if name == "meta_columns" else name
            if name not in known:
                raise TypeError(f"unknown column option {key!r}; use one of: "
                                + ", ".join(f"{k}_column" for k in sorted(known - {'meta'})) + ", meta_columns")
            if value is not None:
                values[name] = value
        return cls(**values)


# -- plain files -----------------------------------------------------------------------------------------------



TEXT_SUFFIXES = (".txt", ".html", ".htm")
"""Files a directory walk picks up by default (HTML is read with its markup blanked out, offsets kept)."""

def read_text_file(path: Union[str, Path]) -> Document:
    """Read one text file as a :class:`Document` (encoding detection and HTML handling by :mod:`quotekit.io.files`)."""
    return read_document(Path(path))


def _read_raw(path: Path) -> Document:
    """A file the parser reads itself (CoNLL-U): its text as UTF-8, nothing else."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return Document(doc_id=path.stem, text=handle.read(), source=str(path), encoding="utf-8")


def _load_metadata(folder: Path) -> dict[str, dict[str, Any]]:
    path = folder / METADATA_FILE
    if not path.is_file():
        return {}
    rows: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "doc_id" not in reader.fieldnames:
            raise InputError("a metadata.csv needs a 'doc_id' column (then any of outlet, date, title, ...)",
                             path=path)
        for row in reader:
            doc_id = row.pop("doc_id")
            rows[doc_id] = {k: v for k, v in row.items() if k is not None}
    return rows


def _walk(folder: Path, suffixes: tuple[str, ...], inherited: list[dict]) -> Iterator[tuple[Path, dict]]:
    """Yield ``(file, metadata)`` depth first, entries of each folder sorted by name (one folder in memory)."""
    try:
        metadata = [_load_metadata(folder)] + inherited
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {METADATA_FILE}: {exc}", path=folder / METADATA_FILE) from exc
    with os.scandir(folder) as entries:
        names = sorted((entry.name, entry.is_dir()) for entry in entries if not entry.name.startswith("."))
    for name, is_dir in names:
        path = folder / name
        if is_dir:
            yield from _walk(path, suffixes, metadata)
        elif path.suffix.lower() in suffixes:
            meta: dict[str, Any] = {}
            for table in reversed(metadata):  # the nearest folder's metadata.csv wins
                meta.update(table.get(path.stem, {}))
            yield path, meta


def _file_document(path: Path, meta: dict[str, Any], raw: bool) -> Item:
    try:
        document = _read_raw(path) if raw else read_text_file(path)
    except QuotekitError as exc:  # says which file and why
        return InputFailure(path.stem, str(exc), source=str(path), meta=dict(meta))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return InputFailure(path.stem, f"{path}: cannot be read: {exc}", source=str(path), meta=dict(meta))
    document.doc_id = path.stem
    document.meta = {**meta, **(document.meta or {})}
    return document


# -- tables ----------------------------------------------------------------------------------------------------


def plain_value(value: Any) -> Any:
    """A JSON-friendly scalar: numpy/pandas scalars unwrapped, NaN/NaT -> None, dates -> ISO strings."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, TypeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        try:
            import pandas as pd

            if pd.isna(value):
                return None
        except (ImportError, TypeError, ValueError):
            pass
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def json_form(value: Any) -> Any:
    """``value`` as it reads back from JSON (objects JSON does not know as their ``str``)."""
    return json.loads(json.dumps(value, default=str))


def plain_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata with plain JSON values only (what the tables give; documents made in Python may hold numpy
    numbers, dates or other objects): scalars as :func:`plain_value` makes them, lists and dicts as their JSON
    form."""
    if all(type(v) in _PLAIN_TYPES and v == v and type(k) is str for k, v in meta.items()):  # (NaN != NaN)
        return meta
    out = {}
    for key, value in meta.items():
        if type(value) not in _PLAIN_TYPES or value != value:
            if isinstance(value, (list, tuple, dict)):
                value = json_form(value)
            else:
                value = plain_value(value)
        out[str(key)] = value
    return out


def _row_document(row: dict[str, Any], n: int, stem: str, columns: Columns, where: str) -> Item:
    id_column = columns.id or next((c for c in ("doc_id", "id") if c in row), None)
    if id_column is not None and id_column not in row:
        return InputFailure(f"{stem}-{n}", f"{where}: no id column {id_column!r}; choose one with --id-column")
    doc_id = f"{stem}-{n}" if id_column is None else plain_value(row.get(id_column))
    doc_id = f"{stem}-{n}" if doc_id in (None, "") else str(doc_id)
    if columns.text not in row:
        return InputFailure(doc_id, f"{where}: no text column {columns.text!r}; choose one with --text-column "
                                    f"(columns: {', '.join(map(str, row))})")
    text = plain_value(row[columns.text])
    renames = {getattr(columns, key): key for key in STANDARD_META}
    skip = {columns.text, id_column}
    keep = None if columns.meta is None else set(columns.meta) | set(renames)
    meta = {}
    for key, value in row.items():
        if key in skip or (keep is not None and key not in keep):
            continue
        meta[renames.get(key, key)] = plain_value(value)
    if not isinstance(text, str):
        return InputFailure(doc_id, f"{where}: the text is {'empty' if text is None else type(text).__name__},"
                                    " not a string", meta=meta)
    return Document(doc_id=doc_id, text=text, meta=meta, source=where)


def _iter_jsonl(path: Path, columns: Columns) -> Iterator[Item]:
    with open(path, encoding="utf-8-sig") as handle:
        n = 0
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{line_no}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputFailure(f"{path.stem}-{n}", f"{where}: not a JSON object: {exc}", source=str(path))
            else:
                if isinstance(row, dict):
                    yield _row_document(row, n, path.stem, columns, where)
                else:
                    yield InputFailure(f"{path.stem}-{n}", f"{where}: a JSONL corpus needs one JSON object per "
                                                          "line", source=str(path))
            n += 1


def _iter_csv(path: Path, columns: Columns) -> Iterator[Item]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # articles are longer than csv's 128 KiB default
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        for n, row in enumerate(reader):
            yield _row_document(row, n, path.stem, columns, f"{path}:{reader.line_num}")


def _iter_parquet(path: Path, columns: Columns) -> Iterator[Item]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path)
    n = 0
    for group in range(table.num_row_groups):
        for row in table.read_row_group(group).to_pylist():
            yield _row_document(row, n, path.stem, columns, f"{path}:row {n}")
            n += 1


def _iter_dataframe(frame: Any, columns: Columns, *, chunk: int = 1024) -> Iterator[Item]:
    names = [str(c) for c in frame.columns]
    for start in range(0, len(frame), chunk):
        part = frame.iloc[start: start + chunk]
        for offset, values in enumerate(part.itertuples(index=False, name=None)):
            n = start + offset
            yield _row_document(dict(zip(names, values)), n, "doc", columns, f"row {n}")


def _iter_table(path: Path, columns: Columns) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return _iter_jsonl(path, columns)
    if suffix in (".csv", ".tsv"):
        return _iter_csv(path, columns)
    return _iter_parquet(path, columns)


# -- any source ------------------------------------------------------------------------------------------------


def _is_dataframe(source: Any) -> bool:
    return type(source).__name__ == "DataFrame" and hasattr(source, "itertuples")


def _as_paths(source: Any) -> Optional[list[Path]]:
    if isinstance(source, (str, os.PathLike)):
        return [Path(source)]
    if isinstance(source, (list, tuple)) and source and all(isinstance(s, os.PathLike) for s in source):
        return [Path(s) for s in source]
    return None


def iter_documents(
    source: Any,
    *,
    columns: Optional[Columns] = None,
    suffixes: Sequence[str] = TEXT_SUFFIXES,
    raw: bool = False,
) -> Iterator[Item]:
    """Yield every document of ``source`` in order (see the module docstring for what a source can be).

    Args:
        source: path(s), a pandas DataFrame, or an iterable of ``str`` / :class:`Document`.
        columns: column names for table corpora (JSONL / CSV / Parquet / DataFrame).
        suffixes: file suffixes a directory walk picks up.
        raw: read files as plain UTF-8 without any cleaning (for CoNLL-U, which the parser reads itself).

    Yields:
        :class:`Document` objects, or :class:`InputFailure` for a document that cannot be read.

    Raises:
        InputError: a path does not exist (checked up front, before anything is yielded).
    """
    columns = columns or Columns()
    suffixes = tuple(s.lower() for s in suffixes)
    paths = _as_paths(source)
    if paths is not None:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise InputError("no such file or directory; check the path", path=", ".join(missing))
        return _iter_paths(paths, columns, suffixes, raw)
    if _is_dataframe(source):
        return _iter_dataframe(source, columns)
    return _iter_objects(source)


def _iter_paths(paths: list[Path], columns: Columns, suffixes: tuple[str, ...], raw: bool) -> Iterator[Item]:
    for path in paths:
        if path.is_dir():
            for file, meta in _walk(path, suffixes, []):
                yield _file_document(file, meta, raw)
        elif path.suffix.lower() in TABLE_SUFFIXES and path.suffix.lower() not in suffixes:
            yield from _iter_table(path, columns)
        else:
            yield _file_document(path, _load_metadata(path.parent).get(path.stem, {}), raw)


def _iter_objects(source: Iterable[Any]) -> Iterator[Item]:
    try:
        iterator = iter(source)
    except TypeError:
        raise InputError(f"cannot read documents from a {type(source).__name__}; pass paths, a DataFrame, "
                         "or an iterable of str / quotekit.Document") from None
    for n, item in enumerate(iterator):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, str):
            yield Document(doc_id=f"doc-{n}", text=item)
        else:
            yield InputFailure(f"doc-{n}", f"item {n} is a {type(item).__name__}, not a str or Document")


def count_documents(source: Any, *, suffixes: Sequence[str] = TEXT_SUFFIXES) -> Optional[int]:
    """How many documents ``source`` has when that is cheap to know (for a progress bar's ETA), else ``None``."""
    suffixes = tuple(s.lower() for s in suffixes)
    paths = _as_paths(source)
    if paths is None:
        return len(source) if hasattr(source, "__len__") and not isinstance(source, (str, bytes)) else None
    total = 0
    for path in paths:
        suffix = path.suffix.lower()
        if path.is_dir():
            for _root, _dirs, files in os.walk(path):
                _dirs[:] = [d for d in _dirs if not d.startswith(".")]
                total += sum(1 for f in files if not f.startswith(".") and Path(f).suffix.lower() in suffixes)
        elif suffix == ".parquet" and suffix not in suffixes:
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        elif suffix in (".jsonl", ".ndjson") and suffix not in suffixes:
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif suffix in (".csv", ".tsv") and suffix not in suffixes:
            return None  # quoted fields may span lines: no cheap count
        else:
            total += 1
    return total
