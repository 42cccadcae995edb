""":mod:`quotekit.records`: attributions on a Doc -> :class:`~quotekit.types.Quote` records."""
from __future__ import annotations

from typing import Any, Iterable, Optional

from spacy.tokens import Doc, Span

from .types import Attribution, Quote, SpeakerInfo, Stance, TextSpan


def source_text(doc: Doc) -> str:
    """The original input the Doc's offsets index (``doc.text`` unless a backend stored another)."""
    return doc.user_data.get("qk_source_text", doc.text)


def _text_span(source: str, span: Optional[Span]) -> Optional[TextSpan]:
    return None if span is None else TextSpan.of(source, span.start_char, span.end_char)


def to_quotes(
    doc: Doc,
    attributions: Iterable[Attribution],
    *,
    doc_id: str,
    speakers: Optional[list[SpeakerInfo]] = None,
    stances: Optional[list[Optional[Stance]]] = None,
    meta: Optional[dict[str, Any]] = None,
) -> list[Quote]:
    """Build one record per attribution, in document order, with ids ``<doc_id>:<n>``."""
    source = source_text(doc)
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
                content=_text_span(source, att.content),
                cue=_text_span(source, att.cue),
                speaker=_text_span(source, att.speaker),
                speaker_entity=info.entity,
                speaker_type=info.type,
                speaker_role=info.role,
                stance=stances[n] if stances else None,
                confidence=att.confidence,
                parser=parser,
                rule=att.rule,
                meta=dict(meta or {}),
            )
        )
    return quotes
