""":mod:`quotekit.pipeline`: one document through parse -> attribute -> resolve speakers -> stance."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Union

from spacy.tokens import Doc

from .analysis import DocAnalysis
from .attribute import find_attributions
from .parse import load_parser
from .records import to_quotes
from .types import Quote


def analyze_doc(
    doc: Doc,
    *,
    doc_id: str = "doc",
    meta: Optional[dict[str, Any]] = None,
    speakers: bool = True,
    stance: bool = True,
    stance_scorer: Optional[Callable] = None,
    text: Optional[str] = None,
    acts: Optional[Iterable[str]] = None,
    targets: Optional[Mapping[str, Sequence[str]]] = None,
    speaker_model: str = "rules",
) -> list[Quote]:
    """Attribute, resolve and score every reported statement of a parsed Doc (UD relations).

    ``acts`` keeps only statements of those speech-act classes (:mod:`quotekit.attribute.acts`; None: all).
    ``targets``: the user's stance targets with their aliases (``{"Hillary Clinton": ["Clinton", "HRC"]}``),
    looked for in every quote besides its entities and topics (:mod:`quotekit.stance.targets`).
    ``stance_scorer``: a scorer name or callable; a trained model's scorer
    (:func:`quotekit.stance.model.trained_scorer`) also scores each target.
    ``speaker_model``: ``"rules"`` (default) or ``"ranker"``: the trained mention ranker resolves pronoun speakers
    (:mod:`quotekit.speakers.ranker.plug`; figures in ``quotekit/speakers/models/MODEL_CARD.md``).

    ``text`` is ``doc.text`` when the caller knows it (the text it had parsed): the analysis then need not rebuild
    it from the tokens. The stages share one :class:`~quotekit.analysis.DocAnalysis` of the Doc, made here.
    """
    analysis = DocAnalysis(doc, text=text)
    attributions = find_attributions(analysis, acts=acts)
    infos = None
    if speakers:
        from .speakers import resolve_speakers
        from .speakers.ranker.plug import speaker_ranker

        ranker = speaker_ranker(speaker_model, doc, [a.speaker for a in attributions])
        infos = resolve_speakers(analysis, attributions, author=(meta or {}).get("author"), ranker=ranker)
    stances = None
    if stance:
        from .stance import score_attributions

        # resolved speaker names of this document are candidate targets ("... pose a threat to Motegi's plan")
        names = sorted({info.entity for info in infos or () if info.entity})
        stances = score_attributions(analysis, attributions, scorer=stance_scorer,
                                     entity_names=[names] * len(attributions), user_targets=targets)
    return to_quotes(analysis, attributions, doc_id=doc_id, speakers=infos, stances=stances, meta=meta)


def extract(
    text_or_doc: Union[str, Doc],
    *,
    doc_id: str = "doc",
    backend: str = "spacy",
    model: Optional[str] = None,
    meta: Optional[dict[str, Any]] = None,
    speakers: bool = True,
    stance: bool = True,
    acts: Optional[Iterable[str]] = None,
    targets: Optional[Mapping[str, Sequence[str]]] = None,
    stance_scorer: Optional[Callable] = None,
    speaker_model: str = "rules",
) -> list[Quote]:
    """Find every reported statement in ``text_or_doc`` and return its :class:`Quote` records (``acts``: keep
    only those speech-act classes; ``targets``, ``stance_scorer``, ``speaker_model``: see :func:`analyze_doc`).

    A ``str`` is parsed with ``backend``/``model`` (default: spaCy ``en_core_web_sm``); a ``Doc`` must come
    from :func:`quotekit.parse.load_parser` (or any Doc with UD relations).
    """
    from .speakers.ranker.plug import check_speaker_model

    speaker_model = check_speaker_model(speaker_model)  # a bad value fails before parsing
    if isinstance(text_or_doc, Doc):
        doc = text_or_doc
    elif isinstance(text_or_doc, str):
        doc = load_parser(backend, model).parse(text_or_doc)
    else:
        raise TypeError(f"extract() takes a str or a spaCy Doc, not {type(text_or_doc).__name__}")
    return analyze_doc(doc, doc_id=doc_id, meta=meta, speakers=speakers, stance=stance, acts=acts, targets=targets,
                       stance_scorer=stance_scorer, speaker_model=speaker_model)
