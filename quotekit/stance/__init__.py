""":mod:`quotekit.stance`: stance of what was said, per quote and per target.

* :func:`score_attributions` -- one :class:`~quotekit.types.Stance` per attribution (quote's own words, targets);
  see :mod:`quotekit.stance.score`.
* :mod:`quotekit.stance.targets` -- what a quote takes a stance on: entities, corpus topics, user targets
  (:func:`document_targets`, :func:`quote_targets`, :func:`load_targets`).
* :mod:`quotekit.stance.framing` -- the reporter's framing of a statement, from its cue (:func:`cue_framing`).
* :mod:`quotekit.stance.model` -- a trainable (text, target) stance model (``quotekit stance-train``).
* :mod:`quotekit.stance.scorers` -- the pluggable ``str -> [-1, 1]`` scorers (VADER default, stanza and
  transformers adapters, a named registry).
* :mod:`quotekit.stance.targeted` -- polarity toward targets from their dependency neighbourhood.
* :mod:`quotekit.stance.semeval` -- SemEval-2016 task 6 evaluation (``quotekit stance-eval``).
"""
from __future__ import annotations

from .score import FRAME_WEIGHT, content_text, frame_polarity, score_attributions
from .scorers import (
    DEFAULT_SCORER, StanzaSentimentScorer, TextScorer, TransformersScorer, UnknownScorerError, VaderScorer,
    get_scorer, label_of, register_scorer, registered_scorers,
)
from .framing import cue_framing, framing
from .targeted import find_targets, target_polarity, targeted_stance
from .targets import document_targets, load_targets, quote_targets

__all__ = [
    "DEFAULT_SCORER", "FRAME_WEIGHT", "StanzaSentimentScorer", "TextScorer", "TransformersScorer",
    "UnknownScorerError", "VaderScorer", "content_text", "cue_framing", "document_targets", "find_targets",
    "frame_polarity", "framing", "get_scorer", "label_of", "load_targets", "quote_targets", "register_scorer",
    "registered_scorers", "score_attributions", "target_polarity", "targeted_stance",
]
