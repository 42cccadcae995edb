""":mod:`quotekit.attribute`: find reported statements (content, cue, speaker mention) on a UD-parsed Doc."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Optional, Union

from spacy.tokens import Doc

from ..analysis import DocAnalysis, analysis_of
from ..types import Attribution
from .rules import find


def find_attributions(doc: Union[Doc, DocAnalysis], *, model: Union[bool, str, None] = True,
                      acts: Optional[Iterable[str]] = None) -> list[Attribution]:
    """Every reported statement in ``doc`` (UD relations, see :mod:`quotekit.parse`), in document order.

    ``doc`` may be the document's :class:`~quotekit.analysis.DocAnalysis` (what the pipeline passes, so the
    later stages reuse what the attributor read); a plain Doc gets a fresh one.

    The rules (:mod:`quotekit.attribute.rules`; cue lexicons and dependency patterns are data files under
    ``lexicons/`` and ``patterns/``) propose the candidates; the acceptance model
    (:mod:`quotekit.attribute.model`; ``model``: ``True`` for the shipped one, a path to one trained with
    ``quotekit train``, or ``False`` for the rules alone) keeps those it judges to be attributions, and its
    probability becomes their ``confidence``. Each gets its speech-act class (:mod:`quotekit.attribute.acts`);
    ``acts`` keeps only the statements of those classes.
    """
    from .acts import attribution_act

    analysis = analysis_of(doc)
    atts = find(analysis)
    if atts and model is not False:
        from .model import accept, load_model

        chosen = load_model(None if model is True or model is None else model)
        # one copy of each kept attribution, its speech act with it (the act reads only the cue and content)
        atts = [replace(att, confidence=round(p, 4), accept_probability=p, model=chosen.version,
                        speech_act=attribution_act(att, analysis.table))
                for att, p in accept(analysis, atts, chosen) if p >= chosen.threshold]
    else:
        atts = [replace(att, speech_act=attribution_act(att, analysis.table)) for att in atts]
    if acts is not None:
        wanted = frozenset(acts)
        atts = [att for att in atts if att.speech_act in wanted]
    return atts


from . import component  # noqa: E402,F401  (registers the "quotekit_attributor" spaCy factory)

__all__ = ["find_attributions"]
