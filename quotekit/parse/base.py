""":mod:`quotekit.parse.base`: what every parsing backend provides.

Contract (all backends):
- ``parse(text)`` returns a spaCy ``Doc`` whose character offsets index ``text`` exactly
  (``doc.text == text`` for raw-text backends; for CoNLL-U the text is rebuilt from the file).
- Dependency labels and structure follow **UD v2** whatever the parser (spaCy's ClearNLP labels are
  converted by :func:`quotekit.parse.ud.to_ud`), so the attributor has one relation vocabulary.
- ``doc.user_data["qk_parser"]`` holds the provenance string, e.g. ``spacy:en_core_web_sm@3.8.0``.
- ``doc.user_data.get("qk_source_text", doc.text)`` is the text that offsets refer to.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, Protocol, runtime_checkable

from spacy.tokens import Doc

from ..errors import InputError
from ..spans import doc_text

if TYPE_CHECKING:
    from ..types import Document


@runtime_checkable
class Parser(Protocol):
    name: str
    """Provenance: ``backend:model@version``."""

    def parse(self, text: str) -> Doc: ...

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]: ...


def source_text(doc: Doc) -> str:
    """The text ``doc``'s character offsets index (the original input, not a cleaned parse text)."""
    text = doc.user_data.get("qk_source_text")
    return doc_text(doc) if text is None else text


class BaseParser:
    """Shared behaviour of the raw-text backends; subclasses define ``name`` and ``parse``."""

    name: str = ""

    def parse(self, text: str) -> Doc:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
        """Parse a stream of texts lazily; yields one Doc per text, in order."""
        for text in texts:
            yield self.parse(text)

    def parse_document(self, document: "Document") -> Doc:
        """Parse ``document.parse_text`` (if set) else ``document.text``; offsets always index ``document.text``.

        When the two differ, ``doc.user_data["qk_source_text"]`` holds ``document.text``.

        Raises:
            InputError: ``parse_text`` is not as long as ``text`` (offsets would not line up).
        """
        text = document.parse_text if document.parse_text is not None else document.text
        if len(text) != len(document.text):
            raise InputError(
                f"parse_text has {len(text)} characters but text has {len(document.text)}; a cleaned text "
                "must keep every offset (replace removed markup with spaces instead of deleting it)",
                path=document.source or document.doc_id,
            )
        doc = self.parse(text)
        if text != document.text:
            doc.user_data["qk_source_text"] = document.text
        return doc
