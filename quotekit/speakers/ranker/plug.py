""":mod:`quotekit.speakers.ranker.plug`: the ``speaker_model`` option: the resolver's rules alone (``"rules"``, the
default), the trained ranker for pronoun speaker mentions (``"ranker"``), or the rules overridden by the ranker where a
small model learned on the PolNeAR resolution gold says so (``"hybrid"``, :mod:`.hybrid`).

The ranker is asked about third-person pronoun speakers only ("he said"): for nominals the resolver's role and
head rules beat it in cross-validation (``quotekit/speakers/models/MODEL_CARD.md``). Its features are computed
lazily, once per Doc and only when the resolver asks about a pronoun, so documents without pronoun speakers cost
nothing more.
"""
from __future__ import annotations

from typing import Optional, Sequence

from spacy.tokens import Doc, Span

from ...errors import InputError

SPEAKER_MODELS = ("rules", "ranker", "hybrid")
"""Accepted values of ``speaker_model`` (the first is the default)."""


def check_speaker_model(name: Optional[str]) -> str:
    """The speaker model's name, checked (None: the default); an unknown one is an :class:`InputError`."""
    if name is None:
        return SPEAKER_MODELS[0]
    if name not in SPEAKER_MODELS:
        raise InputError(f"unknown speaker model {name!r}; choose one of: {', '.join(SPEAKER_MODELS)}")
    return name


def is_pronoun_mention(span: Span) -> bool:
    """A speaker mention headed by a pronoun ("he", "she"): what the ranker is trusted with."""
    return span.root.pos_ == "PRON"


def pronoun_ranker(doc: Doc, speaker_spans: Sequence[Span]):
    """An :data:`~quotekit.speakers.AntecedentRanker` for the pronoun speakers of ``doc``.

    The answer is the best-ranked candidate that the resolver can read as someone: a name, a noun phrase, or an
    earlier speaker mention (whose resolution it takes). Pronoun candidates that are no speaker ("his", "him") are
    skipped: the rules cannot resolve them, and following the model's pronoun-to-pronoun links drifts to the
    wrong person (measured on the PolNeAR resolution gold, see the model card). Below the model's threshold the
    answer is an abstention ``(None, probability)``: unresolved. Other mentions, and pronouns the model has no
    candidate for (first/second person, relatives), are left to the rules (None). Features are computed on the
    first call, once per Doc, and every pronoun speaker of the Doc is ranked in that one model call.
    """
    speakers = {s.root.i for s in speaker_spans}
    cache: dict[tuple[int, int], object] = {}
    feats: list = []

    def resolutions(spans: Sequence[Span]) -> list:
        from . import analyse, resolve_many

        pending = [s for s in spans if (s.start, s.end) not in cache]
        if pending:
            if not feats:
                feats.append(analyse(doc))
            for span, res in zip(pending, resolve_many(feats[0], pending)):
                cache[(span.start, span.end)] = res
        return [cache[(s.start, s.end)] for s in spans]

    def ranker(span: Span):
        if not is_pronoun_mention(span):
            return None
        if not cache:
            resolutions([s for s in speaker_spans if is_pronoun_mention(s)])
        res = resolutions([span])[0]
        if not res.ranked:
            return None
        from . import load_model

        threshold = load_model().threshold
        for candidate, probability in res.ranked:
            if not is_pronoun_mention(candidate) or candidate.root.i in speakers:
                return (candidate, probability) if probability >= threshold else (None, probability)
        return None, 0.0

    return ranker


def speaker_ranker(name: Optional[str], doc: Doc, speaker_spans: Sequence[Span]):
    """The ranker to plug into :func:`quotekit.speakers.resolve_speakers` for ``speaker_model=name``: None for
    the rules alone; for ``hybrid`` the rules overridden where the learned model trusts the ranker more
    (:mod:`.hybrid`)."""
    name = check_speaker_model(name)
    if name == "rules":
        return None
    if name == "hybrid":
        from .hybrid import hybrid_ranker

        return hybrid_ranker(doc, [s for s in speaker_spans if s is not None])
    return pronoun_ranker(doc, [s for s in speaker_spans if s is not None])
