""":mod:`quotekit.parse`: any backend -> spaCy ``Doc`` with UD v2 relations (see :mod:`quotekit.parse.base`)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..errors import UnknownBackendError
from .base import Parser

BACKENDS = ("spacy", "stanza", "conllu")


@lru_cache(maxsize=8)
def load_parser(backend: str = "spacy", model: Optional[str] = None, **options) -> Parser:
    """Return a (cached) parser for ``backend``: ``spacy`` (default), ``stanza`` or ``conllu``."""
    if backend == "spacy":
        from .spacy import SpacyParser

        return SpacyParser(model, **options)
    if backend == "stanza":
        from .stanza import StanzaParser

        return StanzaParser(model, **options)
    if backend == "conllu":
        from .conllu import ConlluParser

        return ConlluParser(**options)
    raise UnknownBackendError(backend, BACKENDS)


__all__ = ["BACKENDS", "Parser", "load_parser"]
