""":mod:`quotekit.parse.base`: what every parsing backend provides.

Contract (all backends):
- ``parse(text)`` returns a spaCy ``Doc`` whose character offsets index ``text`` exactly
  (``doc.text == text`` for raw-text backends; for CoNLL-U the text is rebuilt from the file).
- Dependency labels and structure follow **UD v2** whatever the parser (spaCy's ClearNLP labels are
  converted by :func:`quotekit.parse.ud.to_ud`). This is the one place the label set is stated: the attributor,
  the speaker resolver and stance read UD relations only (``nsubj:pass``, ``obj``, ``obl`` + ``case``,
  ``nmod:poss``, ``acl:relcl``, ``root`` ...) and list no ClearNLP fallbacks. (Known gap: ``to_ud`` leaves the
  ``pcomp`` of a few misparsed clauses whose head is not a preposition; nothing reads them.)
- ``doc.user_data["qk_parser"]`` holds the provenance string, e.g. ``spacy:en_core_web_sm@3.8.0``.
- ``doc.user_data.get("qk_source_text", doc.text)`` is the text that offsets refer to.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol, Sequence, Union, runtime_checkable

from spacy.tokens import Doc

from ..errors import InputError

if TYPE_CHECKING:
    from ..types import Document

_SURROGATE = re.compile("[\ud800-\udfff]")


@runtime_checkable
class Parser(Protocol):
    name: str
    """Provenance: ``backend:model@version``."""

    def parse(self, text: str) -> Doc: ...

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]: ...


def source_text(doc: Doc) -> str:
    """The text ``doc``'s character offsets index (the original input, not a cleaned parse text)."""
    text = doc.user_data.get("qk_source_text")
    return doc.text if text is None else text


class BaseParser:
    """Shared behaviour of the raw-text backends; subclasses define ``name`` and ``parse``."""

    name: str = ""

    def parse(self, text: str) -> Doc:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
        """Parse a stream of texts lazily; yields one Doc per text, in order."""
        for text in texts:
            yield self.parse(text)

    def cache_variant(self, text: str) -> str:
        """What, beyond ``name`` and the text, decides this parser's parse of ``text`` (``""``: nothing): part of
        the parse-cache key, so a change a backend makes to some texts only re-parses those texts."""
        return ""

    def text_to_parse(self, document: "Document") -> str:
        """What the parser reads for ``document``: ``parse_text`` if set, else ``text``, with lone surrogates
        (invalid Unicode a Python str can hold) replaced by U+FFFD, one character for one, so the offsets of the
        parse still index ``document.text``.

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
        return _SURROGATE.sub("\ufffd", text)

    def for_document(self, doc: Doc, document: "Document") -> Doc:
        """``doc`` (a parse of :meth:`text_to_parse`, fresh or cached) with its offsets pointing at ``document.text``:
        ``doc.user_data["qk_source_text"]`` holds ``document.text`` when the parsed text differs, else is unset."""
        if self.text_to_parse(document) != document.text:
            doc.user_data["qk_source_text"] = document.text
        else:
            doc.user_data.pop("qk_source_text", None)
        return doc

    def parse_document(self, document: "Document") -> Doc:
        """Parse ``document.parse_text`` (if set) else ``document.text``; offsets always index ``document.text``.

        When the two differ, ``doc.user_data["qk_source_text"]`` holds ``document.text``.

        Raises:
            InputError: ``parse_text`` is not as long as ``text`` (offsets would not line up).
        """
        return self.for_document(self.parse(self.text_to_parse(document)), document)

    def parse_documents(self, documents: Sequence["Document"], *, batch_size: int = 16) -> list[Union[Doc, Exception]]:
        """:meth:`parse_document` for many documents, parsed together in :meth:`pipe` batches.

        Returns one item per document, in order: its Doc, or the exception parsing it raised (one bad document
        never fails the others; when a batch fails, its documents are parsed one by one to find the culprit).
        """
        texts: list[Union[str, Exception]] = []
        for document in documents:
            try:
                texts.append(self.text_to_parse(document))
            except InputError as exc:
                texts.append(exc)
        todo = [i for i, text in enumerate(texts) if isinstance(text, str)]
        results: list[Union[Doc, Exception]] = [text if isinstance(text, Exception) else None for text in texts]
        for i, doc in zip(todo, self._parse_isolated([texts[i] for i in todo], batch_size)):
            results[i] = doc if isinstance(doc, Exception) else self.for_document(doc, documents[i])
        return results

    def _parse_isolated(self, texts: list[str], batch_size: int) -> list[Union[Doc, Exception]]:
        try:
            return list(self.pipe(texts, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - find the culprit one text at a time
            pass
        docs: list[Union[Doc, Exception]] = []
        for text in texts:
            try:
                docs.append(self.parse(text))
            except Exception as exc:  # noqa: BLE001 - the document's own error result
                docs.append(exc)
        return docs
