""":mod:`quotekit.run.worker`: the one pure function every execution mode maps over batches of documents.

:func:`process_batch` parses a batch (reusing cached parses), runs :func:`quotekit.pipeline.analyze_doc` on each
Doc and returns one :class:`DocResult` per document, in order. It never raises for a bad document: an exception
while parsing or analysing one document becomes that document's error result. The parser is loaded once per
process (:func:`quotekit.parse.load_parser` is cached), so a local worker or a Dask worker pays for it once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from spacy.tokens import Doc

from ..errors import InputError
from ..io.corpus import plain_meta
from ..spans import doc_text, seed_doc_text
from ..types import Document

__all__ = ["DocResult", "RunConfig", "process_batch"]


@dataclass(frozen=True)
class RunConfig:
    """What a worker needs to process documents (picklable: shipped to worker processes and Dask workers)."""

    backend: str = "spacy"
    model: Optional[str] = None
    cache_dir: Optional[str] = None
    speakers: bool = True
    stance: bool = True
    batch_size: int = 16
    """Documents per work unit (and per parse-cache shard)."""
    parser_options: tuple[tuple[str, Any], ...] = ()
    """Extra keyword arguments of :func:`quotekit.parse.load_parser` (e.g. ``(("dir", "stanza_resources"),)``)."""

    def load_parser(self) -> Any:
        from ..parse import load_parser

        return load_parser(self.backend, self.model, **dict(self.parser_options))


@dataclass
class DocResult:
    """The outcome for one document: its quote records (``Quote.to_dict()``) or an error message."""

    doc_id: str
    status: str  # "ok" | "error"
    quotes: list[dict[str, Any]] = field(default_factory=list)
    error: Optional[str] = None
    cached: bool = False
    source: Optional[str] = None

    def manifest_row(self) -> dict[str, Any]:
        row: dict[str, Any] = {"doc_id": self.doc_id, "status": self.status, "n_quotes": len(self.quotes)}
        if self.error is not None:
            row["error"] = self.error
        if self.source is not None:
            row["source"] = self.source
        row["parse_cached"] = self.cached
        return row

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "status": self.status, "quotes": self.quotes, "error": self.error,
                "cached": self.cached, "source": self.source}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "DocResult":
        return cls(data["doc_id"], data["status"], data.get("quotes") or [], data.get("error"),
                   bool(data.get("cached")), data.get("source"))


def _message(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")[:500]


_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse_text(document: Document, backend: str) -> str:
    """What the parser reads: ``parse_text`` if set, lone surrogates (invalid Unicode a Python str can hold)
    replaced by U+FFFD, one character for one, so offsets still index ``document.text``."""
    if backend == "conllu":
        return document.text
    text = document.parse_text if document.parse_text is not None else document.text
    return _SURROGATE.sub("\ufffd", text)


def _finish(doc: Doc, document: Document, backend: str) -> Doc:
    if backend != "conllu" and doc_text(doc) != document.text:  # (cached: the analysis reuses it)
        doc.user_data["qk_source_text"] = document.text
    return doc


def _parse_all(parser: Any, texts: list[str], batch_size: int) -> list[Any]:
    """Docs for ``texts``; an exception object in place of each document that fails to parse."""
    try:
        return list(parser.pipe(texts, batch_size=batch_size))
    except Exception:  # noqa: BLE001 - find the culprit one document at a time
        pass
    docs: list[Any] = []
    for text in texts:
        try:
            docs.append(parser.parse(text))
        except Exception as exc:  # noqa: BLE001
            docs.append(exc)
    return docs


def _vocab(parser: Any):
    nlp = getattr(parser, "nlp", None)
    if nlp is not None:
        return nlp.vocab
    vocab = getattr(parser, "vocab", None)
    if vocab is not None:
        return vocab
    import spacy

    return spacy.blank("en").vocab


def process_batch(config: RunConfig, documents: Sequence[Document]) -> list[DocResult]:
    """Parse (or load from the cache) and analyse ``documents``; one :class:`DocResult` each, in order."""
    from ..pipeline import analyze_doc

    documents = list(documents)
    try:
        parser = config.load_parser()
    except Exception as exc:  # noqa: BLE001 - e.g. model missing on this worker: every document says why
        return [DocResult(d.doc_id, "error", error=_message(exc), source=d.source) for d in documents]

    texts = [_parse_text(d, config.backend) for d in documents]
    docs: list[Any] = [None] * len(documents)
    for i, (document, text) in enumerate(zip(documents, texts)):
        if len(text) != len(document.text):  # offsets of the parse would not index the original text
            docs[i] = InputError(f"parse_text has {len(text)} characters but text has {len(document.text)}; a "
                                 "cleaned text must keep every offset (blank removed markup out with spaces)",
                                 path=document.source or document.doc_id)
    cached = [False] * len(documents)
    cache = None
    if config.cache_dir:
        from .cache import ParseCache

        cache = ParseCache(config.cache_dir, parser.name)
        keys = [cache.key(t) for t in texts]
        hits = cache.get_many(set(keys), _vocab(parser))
        for i, key in enumerate(keys):
            if key in hits and docs[i] is None:
                docs[i], cached[i] = hits[key], True
    missing = [i for i, doc in enumerate(docs) if doc is None]
    if missing:
        parsed = _parse_all(parser, [texts[i] for i in missing], config.batch_size)
        for i, doc in zip(missing, parsed):
            docs[i] = doc
        if cache is not None:
            fresh = [(keys[i], docs[i]) for i in missing if isinstance(docs[i], Doc)]
            try:
                cache.put_many(fresh)
            except Exception:  # noqa: BLE001 - a full disk must not lose the analysis; the next run re-parses
                pass

    results = []
    for document, doc, was_cached, text in zip(documents, docs, cached, texts):
        if isinstance(doc, BaseException):
            message = str(doc) if isinstance(doc, InputError) else "parse failed: " + _message(doc)
            results.append(DocResult(document.doc_id, "error", error=message, source=document.source))
            continue
        try:
            if config.backend != "conllu":  # parsed from ``text`` (or cached under its hash): doc.text == text
                seed_doc_text(doc, text)
            doc = _finish(doc, document, config.backend)
            quotes = analyze_doc(doc, doc_id=document.doc_id, meta=plain_meta(document.meta) or None,
                                 speakers=config.speakers, stance=config.stance)
            records = [q.to_dict() for q in quotes]
        except Exception as exc:  # noqa: BLE001
            results.append(DocResult(document.doc_id, "error", error="analysis failed: " + _message(exc),
                                     cached=was_cached, source=document.source))
            continue
        results.append(DocResult(document.doc_id, "ok", records, cached=was_cached, source=document.source))
    return results
