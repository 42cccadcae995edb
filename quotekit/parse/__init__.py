""":mod:`quotekit.parse`: any backend -> spaCy ``Doc`` with UD v2 relations (see :mod:`quotekit.parse.base`).

Backends: ``spacy`` (default, :class:`~quotekit.parse.spacy.SpacyParser`), ``stanza``
(:class:`~quotekit.parse.stanza.StanzaParser`, local models only) and ``conllu``
(:class:`~quotekit.parse.conllu.ConlluParser`, parsed CoNLL-U in). Long texts are parsed in paragraph-aligned
chunks (:mod:`quotekit.parse.chunk`). Backend modules are imported on first use.
"""
from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Optional

from ..errors import UnknownBackendError
from .base import BaseParser, Parser, source_text

BACKENDS = ("spacy", "stanza", "conllu")


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
    return value


@lru_cache(maxsize=8)
def _load(backend: str, model: Optional[str], options: tuple) -> Parser:
    kwargs = dict(options)
    if backend == "spacy":
        from .spacy import SpacyParser

        return SpacyParser(model, **kwargs)
    if backend == "stanza":
        from .stanza import StanzaParser

        return StanzaParser(model, **kwargs)
    if backend == "conllu":
        from .conllu import ConlluParser

        return ConlluParser(**kwargs)
    raise UnknownBackendError(backend, BACKENDS)


def load_parser(backend: str = "spacy", model: Optional[str] = None, **options: Any) -> Parser:
    """Return a (cached) parser for ``backend``: ``spacy`` (default), ``stanza`` or ``conllu``.

    Args:
        backend: Backend name.
        model: Model name for the backend (spaCy package or stanza package); ``None`` for its default.
        **options: Keyword options of the backend's parser class (e.g. ``max_chunk_chars``, ``dir``).

    Raises:
        UnknownBackendError: ``backend`` is not one of :data:`BACKENDS`.
        ModelNotFoundError: the backend's model is not installed.
    """
    if backend not in BACKENDS:
        raise UnknownBackendError(backend, BACKENDS)
    return _load(backend, model, tuple(sorted((k, _hashable(v)) for k, v in options.items())))


__all__ = ["BACKENDS", "BaseParser", "Parser", "load_parser", "source_text"]
