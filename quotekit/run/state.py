""":mod:`quotekit.run.state`: the resumable state of a corpus run -- one part file per finished batch.

A run writing ``OUT`` keeps ``OUT.parts/`` beside it::

    OUT.parts/run.json             what the parts were made with (backend, model, batch size, ...)
    OUT.parts/part-00000012.bin    the results of batch 12: its documents' fingerprint and DocResults

Every file is written atomically, so a run killed with SIGKILL leaves only whole parts. Started again, the run
re-reads its input in the same order, skips each batch whose part exists with the same fingerprint (same doc ids
and texts), processes the rest, then merges all parts in input order into ``OUT`` and removes the folder.

Parts are :mod:`marshal` data (plain dicts, lists, strings and numbers; lone surrogates kept): written and read
back several times faster than JSON, which counts in a cached re-analysis. Loading marshal data never runs code; a
part that cannot be read (damaged, or written by another Python version) is simply redone.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import shutil
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from ..io.corpus import InputFailure, Item, json_form, plain_meta
from ._files import atomic_writer
from .worker import DocResult

__all__ = ["PartStore", "batch_fingerprint", "state_dir_for"]

STATE_VERSION = 2


def state_dir_for(out: Union[str, Path]) -> Path:
    """The state folder of a run writing ``out``."""
    out = Path(out)
    return out.with_name(out.name + ".parts")


def batch_fingerprint(items: Iterable[Item]) -> str:
    """A digest of a batch's doc ids and texts: a part is reused only for exactly the same documents."""
    digest = hashlib.sha1()
    for item in items:
        digest.update(item.doc_id.encode("utf-8", "surrogatepass") + b"\0")
        if isinstance(item, InputFailure):
            digest.update(b"!" + item.error.encode("utf-8", "surrogatepass"))
        else:
            digest.update(hashlib.sha1(item.text.encode("utf-8", "surrogatepass")).digest())
            digest.update(json.dumps(plain_meta(item.meta), sort_keys=True, default=str).encode("utf-8", "surrogatepass"))
        digest.update(b"\1")
    return digest.hexdigest()


class PartStore:
    """Part files of one run under ``root`` (see the module docstring)."""

    def __init__(self, root: Union[str, Path], settings: dict[str, Any], *, resume: bool = True):
        self.root = Path(root)
        self.settings = {"state_version": STATE_VERSION, **settings}
        self.resumed = False
        previous = self._read_json(self.root / "run.json")
        if previous is not None and (not resume or previous != self.settings):
            shutil.rmtree(self.root, ignore_errors=True)  # other settings: those parts cannot be reused
        elif previous is not None:
            self.resumed = True
        self.root.mkdir(parents=True, exist_ok=True)
        if not (self.root / "run.json").exists():
            with atomic_writer(self.root / "run.json", "w", encoding="utf-8") as handle:
                handle.write(json.dumps(self.settings))

    @staticmethod
    def _read_json(path: Path) -> Optional[Any]:
        try:
            with open(path, encoding="utf-8") as handle:
                return json.load(handle)
        except (OSError, ValueError):
            return None

    def _path(self, batch: int) -> Path:
        return self.root / f"part-{batch:08d}.bin"

    def _read_part(self, batch: int) -> Optional[dict[str, Any]]:
        try:
            data = marshal.loads(self._path(batch).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        return data if isinstance(data, dict) and isinstance(data.get("results"), list) else None

    def load(self, batch: int, fingerprint: str) -> Optional[list[DocResult]]:
        """The stored results of ``batch`` if it was finished for the same documents, else ``None``."""
        data = self._read_part(batch)
        if data is None or data.get("fingerprint") != fingerprint:
            return None
        return [DocResult.from_json(r) for r in data["results"]]

    def save(self, batch: int, fingerprint: str, results: list[DocResult]) -> None:
        data = {"batch": batch, "fingerprint": fingerprint, "results": [r.to_json() for r in results]}
        # records hold plain values (the worker makes metadata plain); ids given from Python may not be
        if not all(type(r.doc_id) is str and type(r.source) in (str, type(None)) for r in results):
            data = json_form(data)
        try:
            payload = marshal.dumps(data)
        except ValueError:  # (marshal knows plain values only) anything else as its JSON form
            payload = marshal.dumps(json_form(data))
        with atomic_writer(self._path(batch), "wb") as handle:
            handle.write(payload)

    def read(self, batch: int) -> list[DocResult]:
        data = self._read_part(batch)
        if data is None:
            raise FileNotFoundError(f"part {batch} of {self.root} is missing; rerun to redo it")
        return [DocResult.from_json(r) for r in data["results"]]

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
