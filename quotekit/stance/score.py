""":mod:`quotekit.stance.score`: one :class:`~quotekit.types.Stance` per attribution.

What is scored:

* ``Stance.polarity``/``label``: the quote's *own words* only, i.e. the attribution's ``content`` span with
  surrounding quotation marks stripped, scored by a text scorer (default VADER compound,
  ``quotekit.stance_lexicon.v1``). The frame (speaker, cue verb, "according to ...") is never part of the text.
* ``Stance.targets``: the entities, corpus topics and user targets inside the content
  (:func:`quotekit.stance.targets.document_targets`, with ids and kinds), each with the polarity of the words
  around it (:mod:`quotekit.stance.targeted`) or, with a trained model as scorer (one that has ``score_target``,
  :class:`~quotekit.stance.model.TrainedStanceScorer`), the model's P(FAVOR) - P(AGAINST) for the (quote, target)
  pair; the model's provenance is ``Stance.model``.
* The frame: a cue such as "criticized", "praised" or "slammed" is evidence about how the *reporter* frames the
  statement, not about the sentiment of the words quoted ("Trump criticized the deal as a 'job-killing'
  arrangement"). It is kept out of the polarities: the record's ``framing`` field
  (:mod:`quotekit.stance.framing`) names it, and ``Stance.frame_polarity`` keeps the cue's signed prior
  (``quotekit/lexicons/frame_verbs.json``, neutral verbs absent = 0); :func:`frame_polarity` exposes it on its own.
"""
from __future__ import annotations

from typing import Callable, Optional, Sequence, Union

from spacy.tokens import Doc, Span

from ..analysis import DocAnalysis, analysis_of
from ..lexicons import QUOTATION_MARKS
from ..types import Attribution, Stance, TargetStance
from . import lexicon
from .scorers import clip, get_scorer, label_of, score_batch, scorer_name
from .targets import UserTargets, document_targets

FRAME_WEIGHT = 0.5
"""Weight of the frame prior for callers folding it into target polarities themselves
(:func:`quotekit.stance.targeted.targeted_stance`); :func:`score_attributions` does not fold it."""
_QUOTE_CHARS = "".join(sorted(QUOTATION_MARKS))


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
    user_targets: Optional[UserTargets] = None,
) -> list[Optional[Stance]]:
    """One :class:`Stance` per attribution (``None`` for an attribution without content).

    Args:
        doc: the parsed document the attributions point into (or its :class:`~quotekit.analysis.DocAnalysis`).
        attributions: the attributor's output.
        scorer: a registered scorer name, any callable ``str -> float`` in [-1, 1], or ``None`` for VADER.
        entity_names: optional resolved entity names per attribution (e.g. speaker entities of the document):
            they give the document's full names, to which short forms ("Clinton") are joined.
        targets: set ``False`` to skip targeted stance.
        user_targets: ``{target: aliases}`` looked for in every quote, before entities and topics
            (:func:`quotekit.stance.targets.load_targets` reads them from a file).
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
    found: dict[int, list[dict]] = {}
    if targets and index:
        found = _targets_found(analysis, attributions, index, entity_names, user_targets)
    model = name if callable(getattr(fn, "score_target", None)) else None
    if model is not None:
        scores = _model_scores(fn, dict(zip(index, texts)), found)
    else:
        scores = dict(zip(index, score_batch(fn, texts)))
    out: list[Optional[Stance]] = []
    for n, att in enumerate(attributions):
        if n not in scores:
            out.append(None)
            continue
        polarity = round(scores[n], 4)
        target_list = [TargetStance(t["target"], t["polarity"], t["target_id"], t["kind"]) for t in found.get(n, ())]
        out.append(Stance(polarity, label_of(polarity), target_list, scorer=name,
                          frame_polarity=frame_polarity(att.cue), model=model))
    return out


def _targets_found(analysis: DocAnalysis, attributions: Sequence[Attribution], scored: Sequence[int],
                   entity_names: Optional[Sequence[Sequence[str]]],
                   user_targets: Optional[UserTargets]) -> dict[int, list[dict]]:
    """The targets of each scored attribution, found over the document's quotes at once (its topics come from all
    of them); a split statement's parts are searched each, and a target named in several parts gets their mean."""
    names = dict.fromkeys(name for n in scored for name in (entity_names[n] if entity_names is not None else ()))
    owners, contents = [], []
    for n in scored:
        for piece in attributions[n].pieces():
            if piece is not None and len(piece):
                owners.append(n)
                contents.append(piece)
    per_piece = document_targets(analysis, contents, names=list(names), user=user_targets)
    found: dict[int, dict[str, dict]] = {}
    for n, piece_targets in zip(owners, per_piece):
        merged = found.setdefault(n, {})
        for t in piece_targets:
            merged.setdefault(t["target_id"], dict(t, values=[]))["values"].append(t["polarity"])
    return {n: [dict(t, polarity=round(sum(t["values"]) / len(t["values"]), 4)) for t in merged.values()]
            for n, merged in found.items()}


def _model_scores(fn: Callable, texts: dict[int, str], found: dict[int, list[dict]]) -> dict[int, float]:
    """A trained (text, target) model's polarity of each quote (no target) and, set in ``found``, of each of its
    targets: the document's quotes and (quote, target) pairs in one batch."""
    pairs = [(n, t) for n, targets in found.items() for t in targets]
    batch_texts = [*texts.values(), *(texts[n] for n, _ in pairs)]
    batch_targets = [None] * len(texts) + [t["target"] for _, t in pairs]
    batch = getattr(fn, "score_batch", None)
    values = [clip(float(v)) for v in (batch(batch_texts, batch_targets) if callable(batch)
                                       else map(fn.score_target, batch_texts, batch_targets))]
    for (_, t), value in zip(pairs, values[len(texts):]):
        t["polarity"] = round(value, 4)
    return dict(zip(texts, values))
