""":mod:`quotekit.aggregate.export`: write a table as CSV, Parquet or JSON Lines."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Union

import numpy as np
import pandas as pd

from ..errors import OutputError, QuotekitError

FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def _is_listlike(value) -> bool:
    return isinstance(value, (list, tuple, np.ndarray))


def _flat_for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """CSV cells hold scalars: lists of strings become ``a; b``, other nested values JSON."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object and out[col].map(lambda v: _is_listlike(v) or isinstance(v, dict)).any():
            def cell(v):
                if _is_listlike(v) and all(isinstance(x, str) for x in v):
                    return "; ".join(v)
                if _is_listlike(v) or isinstance(v, dict):
                    return json.dumps(list(v) if _is_listlike(v) else v, ensure_ascii=False, default=str)
                return v
            out[col] = out[col].map(cell)
    return out


def write_table(df: pd.DataFrame, path: Union[str, Path], format: Optional[str] = None) -> Path:
    """Write ``df`` to ``path`` as ``csv``, ``parquet`` or ``jsonl`` (default: from the file suffix).

    List columns (``roles``, ``documents``, ``targets``) stay nested in Parquet and JSONL and are flattened for
    CSV (lists of strings joined with ``"; "``, other values as JSON). Returns the path written.
    """
    path = Path(path)
    fmt = (format or FORMATS.get(path.suffix.lower(), "")).lower()
    if fmt not in ("csv", "parquet", "jsonl"):
        raise QuotekitError(f"cannot tell the table format of {str(path)!r}; pass format='csv', 'parquet' or 'jsonl' "
                            "or use one of the suffixes " + ", ".join(sorted(FORMATS)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "csv":
            _flat_for_csv(df).to_csv(path, index=False)
        elif fmt == "parquet":
            df.to_parquet(path, index=False)
        else:
            df.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}; check the directory exists and is writable") from exc
    return path
