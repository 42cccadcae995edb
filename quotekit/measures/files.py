""":mod:`quotekit.measures.files`: the measures over a written quotes file (``quotekit extract --measures``).

Reuse across documents and a speaker's gender evidence from other documents need the whole corpus, so the
measures cannot run inside the per-document extraction engine. ``extract --measures`` therefore writes the
records as JSON Lines to a staging file first (``OUT.unmeasured.jsonl``, resumable like any run), then makes one
pass over them and the corpus texts, and writes ``OUT`` in the requested format.

What the pass holds in memory: every record of the file and the text of every document that has a record (the
same as :func:`quotekit.analyze`); texts of documents without quotes are read and dropped. For a corpus beyond
memory, extract it in slices, knowing that reuse is then found within a slice only.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputError, QuotekitError

PathLike = Union[str, Path]


def staging_path(out: Optional[PathLike]) -> Path:
    """Where the extraction writes its JSONL before the measures pass: beside ``out`` (so an interrupted run
    resumes), or in a new temporary folder when the output is stdout."""
    if out is None or str(out) == "-":
        return Path(tempfile.mkdtemp(prefix="quotekit-measures-")) / "quotes.jsonl"
    return Path(f"{out}.unmeasured.jsonl")


def read_jsonl_records(path: PathLike) -> list[dict[str, Any]]:
    """The records of a JSONL quotes file, exactly as written."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise InputError(f"not a JSON record ({error.msg})", path=path, line=n) from error
    return records


def measure_quotes_file(records_path: PathLike, source: Any, out: Optional[PathLike], *, format: str = "jsonl",
                        backend: str = "spacy", **column_opts: Any) -> int:
    """Write the records of the JSONL file ``records_path`` to ``out`` (``None``: stdout) in ``format``, with the
    fields of :func:`quotekit.measures.add_measures`, reading the texts and metadata from ``source`` (the paths or
    documents the records were extracted from, with the same column options). Returns the records written.

    Raises:
        QuotekitError: ``backend`` is ``conllu`` (its documents are parses, not the texts the offsets index).
        InputError: a record's document is not in ``source``, or its offsets do not index that text.
    """
    from ..io.corpus import Columns, iter_documents
    from ..run.writers import write_records
    from ..types import Document
    from . import measure_documents

    if backend == "conllu":
        raise QuotekitError("--measures needs the original texts; it is not available with --backend conllu")
    records = read_jsonl_records(records_path)
    wanted = {str(rec.get("doc_id")) for rec in records}
    documents = [item for item in iter_documents(source, columns=Columns.from_options(**column_opts))
                 if isinstance(item, Document) and item.doc_id in wanted]
    measured, why_not = measure_documents(records, documents)
    if why_not is not None:
        raise InputError(why_not)
    return write_records(measured, out, format)


def remove_staging(path: Path) -> None:
    """Remove the staging file (and its temporary folder, for a run to stdout)."""
    path.unlink(missing_ok=True)
    if path.parent.name.startswith("quotekit-measures-") and Path(tempfile.gettempdir()) in path.parents:
        shutil.rmtree(path.parent, ignore_errors=True)
