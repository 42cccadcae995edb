""":mod:`quotekit.stance.score`: one :class:`~quotekit.types.Stance` per attribution.

What is scored:

* ``Stance.polarity``/``label``: the quote's *own words* only, i.e. the attribution's ``content`` span with
  surrounding quotation marks stripped, scored by a text scorer (default VADER compound,
  ``quotekit.stance_lexicon.v1``). The frame (speaker, cue verb, "according to ...") is never part of the text.
* ``Stance.targets``: polarity toward each target inside the content, from its syntactic neighbourhood
  (:mod:`quotekit.stance.targeted`).
* The frame: a cue such as "criticized", "praised" or "slammed" is evidence about the *speaker's* stance toward
  what the statement is about, not about the sentiment of the words quoted ("Trump criticized the deal as a
  'job-killing' arrangement"). Its signed prior (``quotekit/lexicons/frame_verbs.json``, neutral verbs absent = 0) is
  therefore kept out of ``polarity`` and folded into every target's polarity with weight :data:`FRAME_WEIGHT`
  (then clipped to [-1, 1]). :func:`frame_polarity` exposes the prior on its own.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence, Union

from spacy.tokens import Doc, Span

from ..analysis import DocAnalysis, analysis_of
from ..types import Attribution, Stance, TargetStance
from . import lexicon
from .scorers import get_scorer, label_of, score_batch, scorer_name
from .targeted import targeted_stance

FRAME_WEIGHT = 0.5
_QUOTE_CHARS = "\"'“”‘’«»„‟‹›`"


def content_text(span: Span, analysis: Optional[DocAnalysis] = None) -> str:
    """The quote's own words: the span's text without enclosing quotation marks or edge punctuation
    (``analysis``: the Doc's :class:`~quotekit.analysis.DocAnalysis`, to slice its text instead of joining tokens)."""
    text = analysis.span_text(span) if analysis is not None else span.text
    return text.strip().strip(_QUOTE_CHARS + " ,").strip()


def frame_polarity(cue: Optional[Span]) -> float:
    """Signed prior of the attribution frame: the cue verb's entry in ``quotekit/lexicons/frame_verbs.json`` (0 if
    absent)."""
    if cue is None or len(cue) == 0:
        return 0.0
    table = lexicon.frame_verbs()
    for tok in cue:
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in table:
                return table[key]
    return 0.0


def score_attributions(
    doc: Union[Doc, DocAnalysis],
    attributions: Sequence[Attribution],
    *,
    scorer: Union[None, str, Callable[[str], float]] = None,
    entity_names: Optional[Sequence[Sequence[str]]] = None,
    targets: bool = True,
) -> list[Optional[Stance]]:
    """One :class:`Stance` per attribution (``None`` for an attribution without content).

    Args:
        doc: the parsed document the attributions point into (or its :class:`~quotekit.analysis.DocAnalysis`).
        attributions: the attributor's output.
        scorer: a registered scorer name, any callable ``str -> float`` in [-1, 1], or ``None`` for VADER.
        entity_names: optional resolved entity names per attribution (e.g. speaker entities of the document)
            that are matched as targets before named entities and noun phrases.
        targets: set ``False`` to skip targeted stance.
    """
    analysis = analysis_of(doc)
    fn = get_scorer(scorer)
    name = scorer_name(fn)
    texts, index = [], []
    for n, att in enumerate(attributions):
        # a split statement: its parts' words, not the attribution between them
        text = " ".join(t for t in (content_text(p, analysis) for p in att.pieces() if p is not None and len(p)) if t)
        if text:
            texts.append(text)
            index.append(n)
    scores = dict(zip(index, score_batch(fn, texts)))
    out: list[Optional[Stance]] = []
    for n, att in enumerate(attributions):
        if n not in scores:
            out.append(None)
            continue
        polarity = round(scores[n], 4)
        target_list = []
        prior = frame_polarity(att.cue)
        if targets:
            names = entity_names[n] if entity_names is not None else ()
            target_list = _merged([targeted_stance(p, names=names, prior=prior, prior_weight=FRAME_WEIGHT,
                                                   analysis=analysis) for p in att.pieces()])
        out.append(Stance(polarity, label_of(polarity), target_list, scorer=name, frame_polarity=prior))
    return out


def _merged(per_part: Sequence[list[TargetStance]]) -> list[TargetStance]:
    """Targets of a statement's parts as one list: a target named in several parts gets their mean polarity."""
    if len(per_part) == 1:
        return per_part[0]
    by_text: dict[str, list[float]] = {}
    for targets in per_part:
        for t in targets:
            by_text.setdefault(t.target, []).append(t.polarity)
    return [TargetStance(text, round(sum(v) / len(v), 4)) for text, v in by_text.items()]
