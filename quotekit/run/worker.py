""":mod:`quotekit.run.worker`: the one pure function every execution mode maps over batches of documents.

:func:`process_batch` parses a batch (:meth:`~quotekit.parse.base.BaseParser.parse_documents`, reusing cached
parses), runs :func:`quotekit.pipeline.analyze_doc` on each Doc and returns one :class:`DocResult` per document,
in order. It never raises for a bad document: an exception while parsing or analysing one document becomes that
document's error result. The parser is loaded once per process (:func:`quotekit.parse.load_parser` is cached),
so a local worker or a Dask worker pays for it once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from ..errors import InputError
from ..io.corpus import plain_meta
from ..types import Document
from .cache import parse_with_cache

__all__ = ["DocResult", "RunConfig", "process_batch"]


@dataclass(frozen=True)
class RunConfig:
    """What a worker needs to process documents (picklable: shipped to worker processes and Dask workers)."""

    backend: str = "spacy"
    model: Optional[str] = None
    cache_dir: Optional[str] = None
    speakers: bool = True
    stance: bool = True
    acts: Optional[tuple[str, ...]] = None
    """Speech-act classes to keep (None: all; :mod:`quotekit.attribute.acts`)."""
    targets: Optional[tuple[tuple[str, tuple[str, ...]], ...]] = None
    """The user's stance targets as ``((target, aliases), ...)`` (:func:`quotekit.stance.targets.load_targets`)."""
    stance_model: Optional[str] = None
    """Path of a trained stance model file (:mod:`quotekit.stance.model`); None: the lexicon scorer."""
    speaker_model: str = "rules"
    """``rules`` or ``ranker`` (the trained ranker for pronoun speakers; :mod:`quotekit.speakers.ranker.plug`)."""
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


def process_batch(config: RunConfig, documents: Sequence[Document]) -> list[DocResult]:
    """Parse (or load from the cache) and analyse ``documents``; one :class:`DocResult` each, in order."""
    from ..pipeline import analyze_doc

    documents = list(documents)
    try:
        parser = config.load_parser()
    except Exception as exc:  # noqa: BLE001 - e.g. model missing on this worker: every document says why
        return [DocResult(d.doc_id, "error", error=_message(exc), source=d.source) for d in documents]

    scorer = None
    if config.stance and config.stance_model is not None:
        from ..stance.model import trained_scorer

        try:
            scorer = trained_scorer(config.stance_model)  # loaded once per process
        except Exception as exc:  # noqa: BLE001 - a model unreadable on this worker: every document says why
            return [DocResult(d.doc_id, "error", error=_message(exc), source=d.source) for d in documents]
    targets = dict(config.targets) if config.targets else None
    docs, cached = parse_with_cache(parser, documents, cache_dir=config.cache_dir, batch_size=config.batch_size)
    results = []
    for document, doc, was_cached in zip(documents, docs, cached):
        if isinstance(doc, BaseException):
            message = str(doc) if isinstance(doc, InputError) else "parse failed: " + _message(doc)
            results.append(DocResult(document.doc_id, "error", error=message, source=document.source))
            continue
        try:
            # parsed from this text (or cached under its hash): doc.text == it, so the analysis need not rebuild it
            text = parser.text_to_parse(document) if config.backend != "conllu" else None
            quotes = analyze_doc(doc, doc_id=document.doc_id, meta=plain_meta(document.meta) or None,
                                 speakers=config.speakers, stance=config.stance, text=text,
                                 acts=config.acts, targets=targets, stance_scorer=scorer,
                                 speaker_model=config.speaker_model)
            records = [q.to_dict() for q in quotes]
        except Exception as exc:  # noqa: BLE001
            results.append(DocResult(document.doc_id, "error", error="analysis failed: " + _message(exc),
                                     cached=was_cached, source=document.source))
            continue
        results.append(DocResult(document.doc_id, "ok", records, cached=was_cached, source=document.source))
    return results
