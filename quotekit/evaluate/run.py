""":mod:`quotekit.evaluate.run`: parse gold texts (through the run engine's parse cache), extract, score, baseline."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from spacy.tokens import Doc

from ..parse.base import BaseParser
from ..types import Document
from .gold import GoldDocument
from .scorer import PredSpans, Score


def default_cache_dir() -> Path:
    """``$QUOTEKIT_CACHE_DIR`` or ``.quotekit-cache``: the parse cache folder (:mod:`quotekit.run.cache`)."""
    return Path(os.environ.get("QUOTEKIT_CACHE_DIR") or ".quotekit-cache")


class PipelineParser(BaseParser):
    """The spaCy pipeline's own parse, ClearNLP labels kept: what the textacy baseline reads. Not a quotekit
    backend (those give UD); its provenance ends in ``+clearnlp`` so its cached parses never pass for UD ones."""

    def __init__(self, parser: BaseParser):
        self.nlp = parser.nlp
        self.name = parser.name + "+clearnlp"
        self.cache_variant = parser.cache_variant  # the same pipeline, so the same texts parse differently

    def _finish(self, doc: Doc) -> Doc:
        doc.user_data["qk_parser"] = self.name
        return doc

    def parse(self, text: str) -> Doc:
        return self._finish(self.nlp(text))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._finish(doc)


def _parsed(parser: BaseParser, texts: Sequence[str], cache_dir: Optional[Path]) -> list[Doc]:
    from ..run.cache import parse_with_cache

    documents = [Document(f"gold-{i}", text) for i, text in enumerate(texts)]
    docs, _ = parse_with_cache(parser, documents, cache_dir=cache_dir or default_cache_dir())
    for doc in docs:
        if isinstance(doc, Exception):
            raise doc
    return docs


def parse_cached(texts: Sequence[str], *, backend: str = "spacy", model: Optional[str] = None,
                 cache_dir: Optional[Path] = None) -> list[Doc]:
    """Parse ``texts`` with the backend (UD Docs), reusing the parses cached under ``cache_dir`` -- the same
    cache ``quotekit extract --cache-dir`` fills."""
    from ..parse import load_parser

    return _parsed(load_parser(backend, model), texts, cache_dir)


def _parse_with_pipeline_parse(texts: Sequence[str], model: Optional[str],
                               cache_dir: Optional[Path]) -> list[tuple[Doc, Doc]]:
    """``(UD Doc, pipeline's own Doc)`` per text, from one spaCy parse: only the pipeline's parse is cached, and
    the UD Doc is converted from it exactly as the spaCy backend converts (:func:`quotekit.parse.ud.to_ud`)."""
    from ..parse import load_parser, ud

    parser = load_parser("spacy", model)
    out = []
    for raw in _parsed(PipelineParser(parser), texts, cache_dir):
        converted = ud.to_ud(raw)
        converted.user_data["qk_parser"] = parser.name
        out.append((converted, raw))
    return out


def textacy_predictions(raw: Doc) -> list[PredSpans]:
    """textacy's ``direct_quotations`` on a ClearNLP-labelled spaCy Doc, as prediction spans."""
    from textacy.extract.triples import direct_quotations

    preds = []
    try:
        triples = list(direct_quotations(raw))
    except ValueError:  # an odd number of quotation marks: textacy bails out on the whole document
        return preds
    for speaker, cue, content in triples:
        def spans(tokens):
            return tuple((t.idx, t.idx + len(t.text)) for t in tokens)

        preds.append(PredSpans(((content.start_char, content.end_char),), spans(cue), spans(speaker), "direct"))
    return preds


def quote_predictions(doc: Doc) -> list[PredSpans]:
    """quotekit's attributor on a UD Doc, as prediction spans (a split statement: its content parts)."""
    from ..attribute import find_attributions

    def spans(span):
        return () if span is None else ((span.start_char, span.end_char),)

    return [PredSpans(tuple((p.start_char, p.end_char) for p in a.pieces()), spans(a.cue), spans(a.speaker), a.kind)
            for a in find_attributions(doc)]


def evaluate(golds: Sequence[GoldDocument], *, backend: str = "spacy", model: Optional[str] = None,
             predictions: Optional[dict[str, list[PredSpans]]] = None, baseline: bool = True,
             cache_dir: Optional[Path] = None, thresholds=(0.5, 0.8)) -> list[Score]:
    """Score quotekit (or given ``predictions`` keyed by doc_id) on ``golds``; add the textacy baseline row."""
    system = Score("quotekit" if predictions is None else "predictions", thresholds)
    base = Score("textacy.direct_quotations (baseline)", thresholds)
    need_parse = predictions is None or (baseline and backend == "spacy")
    texts = [g.text for g in golds]
    if baseline and backend == "spacy":
        parsed = _parse_with_pipeline_parse(texts, model, cache_dir)
    elif need_parse:
        parsed = [(doc, None) for doc in parse_cached(texts, backend=backend, model=model, cache_dir=cache_dir)]
    else:
        parsed = [(None, None)] * len(golds)
    for gold, (doc, raw) in zip(golds, parsed):
        preds = predictions.get(gold.doc_id, []) if predictions is not None else quote_predictions(doc)
        system.add_document(gold.text, gold.attributions, preds, doc)
        if baseline and raw is not None:
            base.add_document(gold.text, gold.attributions, textacy_predictions(raw), doc)
    return [system] + ([base] if baseline and backend == "spacy" else [])
