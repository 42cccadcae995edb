""":mod:`quotekit.errors`: quotekit's exceptions. Each message says what went wrong *and how to fix it*.

The CLI prints ``str(error)`` on one line and exits non-zero (``--debug`` shows the traceback).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional


class QuotekitError(Exception):
    """Base class: an error the user can act on."""


class ModelNotFoundError(QuotekitError, OSError):
    """A parser model is not installed."""

    def __init__(self, message: str, *, backend: str, model: Optional[str] = None, searched: Optional[str] = None):
        super().__init__(message)
        self.backend = backend
        self.model = model
        self.searched = searched


class UnknownBackendError(QuotekitError, ValueError):
    def __init__(self, backend: str, known: Iterable[str]):
        known = sorted(known)
        super().__init__(f"unknown backend {backend!r}; choose one of: {', '.join(known)}")
        self.backend = backend
        self.known = known


class InputError(QuotekitError, ValueError):
    """A document or input file cannot be read or parsed; carries its location."""

    def __init__(self, message: str, *, path: Optional[Path | str] = None, line: Optional[int] = None):
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(where + message)
        self.path = path
        self.line = line


class OutputError(QuotekitError, OSError):
    """An output file cannot be written."""


class MissingDependencyError(QuotekitError, ImportError):
    """An optional dependency is needed for this feature."""

    def __init__(self, package: str, feature: str, install: str):
        super().__init__(f"{feature} needs the package {package!r}; install it with: {install}")
        self.package = package


class EmptyDocumentError(InputError):
    """A document has no text to analyse (empty, whitespace only, or only markup)."""


class UndecodableInputError(InputError):
    """A file is binary or in no text encoding quotekit can detect."""
