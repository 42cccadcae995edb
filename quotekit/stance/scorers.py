""":mod:`quotekit.stance.scorers`: pluggable text scorers, ``str -> polarity in [-1, 1]``.

Any callable taking a string and returning a float in [-1, 1] is a scorer (:class:`TextScorer`); scorers may add
``score_batch(texts)`` for speed and a ``name`` used as provenance in :attr:`quotekit.types.Stance.scorer`.

Named scorers live in a small registry (versioned names, as in ``spacy/registrations.py``)::

    quotekit.stance_lexicon.v1   VADER compound score (default; offline, no model download)

Adapters for model-based scorers, built around an object the caller creates:

* :class:`StanzaSentimentScorer` wraps a stanza ``Pipeline`` with the ``sentiment`` processor
  (classes 0/1/2 -> -1/0/+1, averaged over sentences);
* :class:`TransformersScorer` wraps a ``transformers`` text-classification pipeline (or any callable returning
  ``[{"label": ..., "score": ...}]``).
"""
from __future__ import annotations

import math
from typing import Any, Callable, Iterable, Mapping, Optional, Protocol, Sequence, Union, runtime_checkable

from ..errors import MissingDependencyError, QuotekitError
from . import lexicon


class UnknownScorerError(QuotekitError, KeyError):
    """No scorer is registered under a name."""

    def __init__(self, name: str, known: Iterable[str]):
        known = sorted(known)
        super().__init__(f"unknown stance scorer {name!r}; choose one of: {', '.join(known)} "
                         "(or pass any callable str -> float in [-1, 1])")
        self.name = name

    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return str(self.args[0])


@runtime_checkable
class TextScorer(Protocol):
    """A callable mapping one text to a polarity in [-1, 1]."""

    def __call__(self, text: str) -> float: ...


def scorer_name(scorer: Callable) -> str:
    """Provenance string of a scorer: its ``name`` attribute, else its qualified name."""
    name = getattr(scorer, "name", None)
    if isinstance(name, str) and name:
        return name
    return getattr(scorer, "__qualname__", type(scorer).__name__)


def score_batch(scorer: Callable[[str], float], texts: Sequence[str]) -> list[float]:
    """Score many texts, using ``scorer.score_batch`` when it has one."""
    batch = getattr(scorer, "score_batch", None)
    raw = batch(list(texts)) if callable(batch) else [scorer(t) for t in texts]
    return [clip(float(x)) for x in raw]


def clip(value: float) -> float:
    """Clamp to [-1, 1]; NaN becomes 0."""
    if math.isnan(value):
        return 0.0
    return max(-1.0, min(1.0, value))


def label_of(polarity: float, *, threshold: float = 0.05) -> str:
    """``positive``/``negative``/``neutral`` by VADER's conventional ±0.05 cut-off."""
    if polarity >= threshold:
        return "positive"
    if polarity <= -threshold:
        return "negative"
    return "neutral"


class VaderScorer:
    """VADER's compound score (negation-, booster- and punctuation-aware), one analyzer per process."""

    name = "quotekit.stance_lexicon.v1"

    def __call__(self, text: str) -> float:
        return clip(lexicon.vader_analyzer().polarity_scores(text)["compound"])

    def score_batch(self, texts: Sequence[str]) -> list[float]:
        return [self(t) for t in texts]


class StanzaSentimentScorer:
    """Adapter for stanza's sentiment processor (Pipeline built with ``processors="tokenize,sentiment"``).

    stanza labels each sentence 0 (negative), 1 (neutral) or 2 (positive); the text's polarity is the mean of
    -1/0/+1 over its sentences. Build the pipeline yourself or let :meth:`from_lang` build it offline
    (``download_method=None``: the models must already be on disk, see docs/STANZA_OFFLINE.md).
    """

    name = "stanza.sentiment"
    _MAP = {0: -1.0, 1: 0.0, 2: 1.0}

    def __init__(self, pipeline: Callable[[str], Any]):
        self.pipeline = pipeline

    @classmethod
    def from_lang(cls, lang: str = "en", **kwargs: Any) -> "StanzaSentimentScorer":
        try:
            import stanza
        except ImportError as exc:
            raise MissingDependencyError("stanza", "the stanza sentiment scorer", "pip install stanza") from exc
        kwargs.setdefault("processors", "tokenize,sentiment")
        kwargs.setdefault("download_method", None)
        kwargs.setdefault("verbose", False)
        try:
            pipeline = stanza.Pipeline(lang, **kwargs)
        except Exception as exc:  # stanza raises several types for missing models
            raise QuotekitError(
                f"stanza sentiment models for {lang!r} are not available ({type(exc).__name__}: {exc}); "
                f"fetch them once with stanza.download({lang!r}, processors='tokenize,sentiment')"
            ) from exc
        return cls(pipeline)

    def __call__(self, text: str) -> float:
        if not text.strip():
            return 0.0
        document = self.pipeline(text)
        values = [self._MAP.get(int(getattr(s, "sentiment", 1)), 0.0) for s in document.sentences]
        return sum(values) / len(values) if values else 0.0

    def score_batch(self, texts: Sequence[str]) -> list[float]:
        return [self(t) for t in texts]


class TransformersScorer:
    """Adapter for a ``transformers`` text-classification pipeline (or a callable of the same shape).

    The pipeline is called on a list of texts and returns one ``{"label", "score"}`` dict per text (or a list of
    them per text with ``top_k=None``). Labels are mapped to signs by ``label_signs`` (case-insensitive; defaults
    cover POSITIVE/NEGATIVE/NEUTRAL, LABEL_0/1/2 of 3-class sentiment models, and star ratings "1 star".."5 stars").
    Polarity is the sum over returned labels of sign x score.
    """

    name = "transformers"
    DEFAULT_SIGNS: Mapping[str, float] = {
        "positive": 1.0, "pos": 1.0, "negative": -1.0, "neg": -1.0, "neutral": 0.0, "neu": 0.0,
        "label_0": -1.0, "label_1": 0.0, "label_2": 1.0,
        "1 star": -1.0, "2 stars": -0.5, "3 stars": 0.0, "4 stars": 0.5, "5 stars": 1.0,
    }

    def __init__(self, pipeline: Callable[..., Any], *, label_signs: Optional[Mapping[str, float]] = None,
                 name: Optional[str] = None, batch_size: int = 32):
        self.pipeline = pipeline
        self.label_signs = {k.lower(): float(v) for k, v in (label_signs or self.DEFAULT_SIGNS).items()}
        self.batch_size = batch_size
        model = getattr(getattr(pipeline, "model", None), "name_or_path", None)
        self.name = name or (f"transformers:{model}" if model else "transformers")

    @classmethod
    def from_model(cls, model: str, **kwargs: Any) -> "TransformersScorer":
        try:
            from transformers import pipeline
        except ImportError as exc:
            raise MissingDependencyError("transformers", "the transformers stance scorer",
                                         "pip install transformers") from exc
        return cls(pipeline("text-classification", model=model), **kwargs)

    def _polarity(self, output: Union[dict, list]) -> float:
        items = output if isinstance(output, list) else [output]
        total = 0.0
        for item in items:
            label = str(item["label"]).lower()
            if label not in self.label_signs:
                raise QuotekitError(f"transformers label {item['label']!r} has no sign; pass label_signs="
                                    f"{{{item['label']!r}: -1.0 | 0.0 | 1.0, ...}} to TransformersScorer")
            total += self.label_signs[label] * float(item["score"])
        return clip(total)

    def score_batch(self, texts: Sequence[str]) -> list[float]:
        texts = list(texts)
        out: list[float] = []
        for i in range(0, len(texts), self.batch_size):
            chunk = texts[i:i + self.batch_size]
            results = self.pipeline(chunk)
            if len(results) != len(chunk):
                raise QuotekitError(f"transformers pipeline returned {len(results)} results for {len(chunk)} texts; "
                                    "pass a text-classification pipeline")
            out.extend(self._polarity(r) for r in results)
        return out

    def __call__(self, text: str) -> float:
        return self.score_batch([text])[0]


_REGISTRY: dict[str, Callable[[], Callable[[str], float]]] = {
    "quotekit.stance_lexicon.v1": VaderScorer,
    "vader": VaderScorer,
}
DEFAULT_SCORER = "quotekit.stance_lexicon.v1"


def register_scorer(name: str, factory: Callable[[], Callable[[str], float]]) -> None:
    """Register a zero-argument factory under ``name`` (use a versioned name, e.g. ``myorg.scorer.v1``)."""
    _REGISTRY[name] = factory


def registered_scorers() -> list[str]:
    return sorted(_REGISTRY)


def get_scorer(scorer: Union[None, str, Callable[[str], float]] = None) -> Callable[[str], float]:
    """Resolve ``None`` (the default VADER scorer), a registered name, or pass a callable through."""
    if scorer is None:
        scorer = DEFAULT_SCORER
    if isinstance(scorer, str):
        if scorer not in _REGISTRY:
            raise UnknownScorerError(scorer, _REGISTRY)
        return _REGISTRY[scorer]()
    if not callable(scorer):
        raise QuotekitError(f"a stance scorer must be callable (str -> float in [-1, 1]), not {type(scorer).__name__}")
    return scorer
