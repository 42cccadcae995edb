""":mod:`quotekit.speakers.ranker`: a trained mention-ranking resolver for pronoun and nominal speaker mentions.

For a mention ("he", "the spokeswoman") the ranker scores each earlier markable of the Doc (a name, a noun
phrase, a pronoun; see :mod:`.features`) as its antecedent with a model trained on the gold coreference of the
GUM corpus (:mod:`.train`; provenance and figures in ``quotekit/speakers/models/MODEL_CARD.md``), and gives a
calibrated confidence that the best candidate is right. Below the model's threshold the mention is left
unresolved instead of guessed.

    feats = analyse(doc)                       # once per Doc (after parsing)
    res = resolve(feats, speaker_span)         # Resolution(antecedent, confidence, ranked)
    res.antecedent                             # a Span of the Doc, or None (abstained / nothing to point at)

The antecedent may itself be a pronoun or nominal ("Smith said ... he added ... he said"): the caller follows it
to the entity it has already resolved that span to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence, Union

from spacy.tokens import Doc, Span

from .features import DocFeatures, Markable, anaphoric, find_markables, pair_features
from .model import RankerModel

MODEL_FILE = Path(__file__).resolve().parent.parent / "models" / "coref_ranker.json"


@lru_cache(maxsize=4)
def load_model(path: Optional[Union[str, Path]] = None) -> RankerModel:
    """The ranker model (the packaged one by default), loaded once per path."""
    return RankerModel.load(Path(path) if path is not None else MODEL_FILE)


def analyse(doc: Doc) -> DocFeatures:
    """Index a UD-parsed Doc for ranking (markables, sentences, paragraphs, quotations): once per Doc."""
    return DocFeatures(doc)


@dataclass(frozen=True)
class Resolution:
    """The ranker's answer for one mention.

    ``antecedent`` is the best candidate when ``confidence`` (calibrated probability that it is right) reaches the
    threshold, else None; ``ranked`` lists every candidate with its pair probability, best first.
    """

    mention: Span
    antecedent: Optional[Span]
    confidence: float
    ranked: list[tuple[Span, float]] = field(default_factory=list)


def _feats(doc_or_feats: Union[Doc, DocFeatures]) -> DocFeatures:
    return doc_or_feats if isinstance(doc_or_feats, DocFeatures) else DocFeatures(doc_or_feats)


def _span(feats: DocFeatures, k: int) -> Span:
    m = feats.markables[k]
    return feats.doc[m.start:m.end]


def _candidate_indices(feats: DocFeatures, k: int, candidates: Optional[Sequence[Span]]) -> list[int]:
    """Markables of the given candidate spans (by their root) that precede the mention, nearest first."""
    if candidates is None:
        return feats.candidates(k)
    head = feats.markables[k].head
    found = {feats.markable_for(span) for span in candidates} - {None, k}
    return sorted((j for j in found if feats.markables[j].head < head), key=lambda j: -feats.markables[j].head)


def resolve_many(doc_or_feats: Union[Doc, DocFeatures], mentions: Sequence[Span], *,
                 candidates: Optional[Sequence[Sequence[Span]]] = None, model: Optional[RankerModel] = None,
                 threshold: Optional[float] = None) -> list[Resolution]:
    """:func:`resolve` for several mentions of one Doc with one model call (the cheap way for a document).

    A mention whose root heads no pronoun or nominal markable (a name, "I", a relative pronoun) gets no
    candidates and confidence 0: those are the resolver's rules' business.
    """
    feats = _feats(doc_or_feats)
    model = model or load_model()
    threshold = model.threshold if threshold is None else threshold
    plans = []
    rows: list[list[float]] = []
    for n, mention in enumerate(mentions):
        k = feats.markable_for(mention)
        if k is None or not anaphoric(feats.markables[k]):
            plans.append((mention, None, []))
            continue
        idx = _candidate_indices(feats, k, None if candidates is None else candidates[n])
        plans.append((mention, k, idx))
        rows.extend(pair_features(feats, k, idx))
    scores = model.scores(rows).tolist() if rows else []
    out, at = [], 0
    for mention, k, idx in plans:
        s = scores[at:at + len(idx)]
        at += len(idx)
        if k is None or not idx:
            out.append(Resolution(mention, None, 0.0, []))
            continue
        confidence = model.confidence(s, feats.markables[k].kind)
        order = sorted(range(len(idx)), key=lambda n: (-s[n], n))
        ranked = [(_span(feats, idx[n]), _probability(s[n])) for n in order]
        best = ranked[0][0] if confidence >= threshold else None
        out.append(Resolution(mention, best, confidence, ranked))
    return out


def resolve(doc_or_feats: Union[Doc, DocFeatures], mention: Span, candidates: Optional[Sequence[Span]] = None, *,
            model: Optional[RankerModel] = None, threshold: Optional[float] = None) -> Resolution:
    """The antecedent of one pronoun or nominal mention, or None below ``threshold`` (default: the model's).

    Args:
        doc_or_feats: The Doc, or its :func:`analyse` index (pass that when resolving several mentions).
        mention: Span of the Doc whose root is the mention's head ("he", "the spokeswoman").
        candidates: Spans to choose from (their roots must head markables; later ones are ignored); default
            every markable of the previous eight sentences plus the latest mention of each earlier name.
        model: Default :func:`load_model`.
    """
    return resolve_many(doc_or_feats, [mention], candidates=None if candidates is None else [candidates],
                        model=model, threshold=threshold)[0]


def rank(doc_or_feats: Union[Doc, DocFeatures], mention: Span, candidates: Optional[Sequence[Span]] = None, *,
         model: Optional[RankerModel] = None) -> list[tuple[Span, float]]:
    """Candidates with their pair probability of being the mention's antecedent, best first."""
    return resolve(doc_or_feats, mention, candidates, model=model, threshold=1.1).ranked


def _probability(score: float) -> float:
    import math

    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))


__all__ = ["DocFeatures", "Markable", "RankerModel", "Resolution", "analyse", "find_markables", "load_model",
           "rank", "resolve", "resolve_many"]
