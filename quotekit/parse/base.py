""":mod:`quotekit.parse.base`: what every parsing backend provides.

Contract (all backends):
- ``parse(text)`` returns a spaCy ``Doc`` whose character offsets index ``text`` exactly
  (``doc.text == text`` for raw-text backends; for CoNLL-U the text is rebuilt from the file).
- Dependency labels and structure follow **UD v2** whatever the parser (spaCy's ClearNLP labels are
  converted by :func:`quotekit.parse.ud.to_ud`), so the attributor has one relation vocabulary.
- ``doc.user_data["qk_parser"]`` holds the provenance string, e.g. ``spacy:en_core_web_sm@3.8.0``.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Protocol, runtime_checkable

from spacy.tokens import Doc


@runtime_checkable
class Parser(Protocol):
    name: str
    """Provenance: ``backend:model@version``."""

    def parse(self, text: str) -> Doc: ...

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]: ...
