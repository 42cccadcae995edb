""":mod:`quotekit.records`: attributions on a Doc -> :class:`~quotekit.types.Quote` records."""
from __future__ import annotations

from typing import Any, Iterable, Optional, Union

from spacy.tokens import Doc, Span

from .analysis import DocAnalysis, analysis_of
from .stance.framing import cue_framing
from .types import Attribution, Quote, SpeakerInfo, Stance, TextSpan


def _text_span(source: str, span: Optional[Span], *, snap: bool = False) -> Optional[TextSpan]:
    """The span's characters in ``source``; ``snap`` widens it over character references an HTML parse text
    decoded (``&ldquo;`` is one character to the parser, seven in the file)."""
    if span is None:
        return None
    start, end = span.start_char, span.end_char
    if snap:
        from .io.html import snap_span

        start, end = snap_span(source, start, end)
    return TextSpan.of(source, start, end)


def to_quotes(
    doc: Union[Doc, DocAnalysis],
    attributions: Iterable[Attribution],
    *,
    doc_id: str,
    speakers: Optional[list[SpeakerInfo]] = None,
    stances: Optional[list[Optional[Stance]]] = None,
    meta: Optional[dict[str, Any]] = None,
) -> list[Quote]:
    """Build one record per attribution, in document order, with ids ``<doc_id>:<n>`` (``doc``: the parsed
    document or its :class:`~quotekit.analysis.DocAnalysis`)."""
    analysis = analysis_of(doc)
    doc, source = analysis.doc, analysis.source_text
    snap = "qk_source_text" in doc.user_data and "&" in source  # parsed from a cleaned copy of HTML
    parser = doc.user_data.get("qk_parser", "")
    attributions = list(attributions)
    quotes = []
    for n, att in enumerate(attributions):
        info = speakers[n] if speakers else SpeakerInfo()
        quotes.append(
            Quote(
                doc_id=doc_id,
                quote_id=f"{doc_id}:{n}",
                kind=att.kind,
                content=_text_span(source, att.content, snap=snap),
                content_parts=[_text_span(source, p, snap=snap) for p in att.content_parts],
                via=_text_span(source, att.via, snap=snap),
                speech_act=att.speech_act or None,
                attribution_model=att.model,
                cue=_text_span(source, att.cue, snap=snap),
                framing=cue_framing(att.cue),
                speaker=_text_span(source, att.speaker, snap=snap),
                speaker_entity=info.entity,
                speaker_type=info.type,
                speaker_role=info.role,
                stance=stances[n] if stances else None,
                confidence=att.confidence,
                parser=parser,
                rule=att.rule,
                meta=dict(meta or {}),
                speaker_entities=list(info.entities),
                speaker_confidence=info.confidence,
                speaker_resolved=info.status,
            )
        )
    return quotes
