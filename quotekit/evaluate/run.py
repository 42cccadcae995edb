""":mod:`quotekit.evaluate.run`: parse gold texts (with an on-disk DocBin cache), extract, score, baseline."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Optional, Sequence

from spacy.tokens import Doc, DocBin

from .gold import GoldDocument
from .scorer import PredSpans, Score


def default_cache_dir() -> Path:
    """``$QUOTEKIT_CACHE_DIR`` or ``.quotekit-cache`` (evaluation parses are cached under ``<dir>/eval-parses``)."""
    return Path(os.environ.get("QUOTEKIT_CACHE_DIR") or ".quotekit-cache")


def _key(parser_name: str, text: str) -> str:
    return hashlib.sha1((parser_name + "\0" + text).encode("utf-8")).hexdigest()


def parse_cached(texts: Sequence[str], *, backend: str = "spacy", model: Optional[str] = None,
                 cache_dir: Optional[Path] = None) -> list[Doc]:
    """Parse ``texts`` with the backend, reusing cached parses; returns UD Docs.

    For the spaCy backend the cached Doc is the pipeline's own (ClearNLP-labelled) parse, so the same cache serves
    the textacy baseline (:func:`raw_docs`); :func:`quotekit.parse.ud.to_ud` is applied on the way out.
    """
    return [d for d, _ in _parse(texts, backend, model, cache_dir)]


def _parse(texts, backend, model, cache_dir) -> list[tuple[Doc, Optional[Doc]]]:
    from ..parse import load_parser
    from ..parse import ud

    parser = load_parser(backend, model)
    raw_nlp = getattr(parser, "nlp", None) if backend == "spacy" else None
    folder = Path(cache_dir or default_cache_dir()) / "eval-parses" / parser.name.replace(":", "_").replace("/", "_")
    folder.mkdir(parents=True, exist_ok=True)
    keys = [_key(parser.name, t) for t in texts]
    vocab = raw_nlp.vocab if raw_nlp is not None else None
    results: list[Optional[Doc]] = [None] * len(texts)
    todo = []
    for i, key in enumerate(keys):
        path = folder / f"{key}.spacy"
        if path.exists() and vocab is not None:
            results[i] = list(DocBin().from_disk(path).get_docs(vocab))[0]
        elif path.exists():
            from spacy.vocab import Vocab

            results[i] = list(DocBin(store_user_data=True).from_disk(path).get_docs(Vocab()))[0]
        else:
            todo.append(i)
    if todo:
        source = raw_nlp.pipe([texts[i] for i in todo], batch_size=16) if raw_nlp is not None else \
            parser.pipe([texts[i] for i in todo])
        for i, doc in zip(todo, source):
            results[i] = doc
            bin_ = DocBin(store_user_data=True)
            bin_.add(doc)
            bin_.to_disk(folder / f"{keys[i]}.spacy")
    out = []
    for doc in results:
        if raw_nlp is not None:
            converted = ud.to_ud(doc)
            converted.user_data["qk_parser"] = parser.name
            out.append((converted, doc))
        else:
            doc.user_data.setdefault("qk_parser", parser.name)
            out.append((doc, None))
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
    """quotekit's attributor on a UD Doc, as prediction spans."""
    from ..attribute import find_attributions

    def spans(span):
        return () if span is None else ((span.start_char, span.end_char),)

    return [PredSpans(spans(a.content), spans(a.cue), spans(a.speaker), a.kind) for a in find_attributions(doc)]


def evaluate(golds: Sequence[GoldDocument], *, backend: str = "spacy", model: Optional[str] = None,
             predictions: Optional[dict[str, list[PredSpans]]] = None, baseline: bool = True,
             cache_dir: Optional[Path] = None, thresholds=(0.5, 0.8)) -> list[Score]:
    """Score quotekit (or given ``predictions`` keyed by doc_id) on ``golds``; add the textacy baseline row."""
    system = Score("quotekit" if predictions is None else "predictions", thresholds)
    base = Score("textacy.direct_quotations (baseline)", thresholds)
    need_parse = predictions is None or (baseline and backend == "spacy")
    parsed = _parse([g.text for g in golds], backend, model, cache_dir) if need_parse else [(None, None)] * len(golds)
    for gold, (doc, raw) in zip(golds, parsed):
        preds = predictions.get(gold.doc_id, []) if predictions is not None else quote_predictions(doc)
        system.add_document(gold.text, gold.attributions, preds, doc)
        if baseline and raw is not None:
            base.add_document(gold.text, gold.attributions, textacy_predictions(raw), doc)
    return [system] + ([base] if baseline and backend == "spacy" else [])
