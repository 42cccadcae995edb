""":mod:`quotekit.types`: the records quotekit produces.

Every public function returns these dataclasses; :meth:`Quote.to_dict` gives the JSONL record described in
``docs/QUOTE_SCHEMA.md`` (offsets are ``str`` indices into the *original* input text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

from spacy.tokens import Doc, Span as SpacySpan

QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerType = Literal["person", "organization", "anonymous", "unknown"]
StanceLabel = Literal["positive", "negative", "neutral"]
DocLike = Union[Doc, SpacySpan]

SCHEMA_FIELDS = (
    "doc_id", "quote_id", "kind", "content", "content_parts", "cue", "framing", "speaker", "speaker_entity",
    "speaker_type", "speaker_role", "speaker_id", "stance", "confidence", "parser",
)
SPEAKER_FIELDS = ("speaker_entities", "speaker_ids", "speaker_confidence", "speaker_resolved")
"""quotekit's own speaker-resolution fields, written after the schema's (docs/QUOTE_SCHEMA.md)."""
ATTRIBUTION_FIELDS = ("attribution_model", "via", "speech_act")
"""quotekit's own attribution fields (docs/QUOTE_SCHEMA.md): the acceptance model's version, the span that relays
the statement, the cue's speech-act class."""


@dataclass(frozen=True)
class TextSpan:
    """A character span of the original input: ``source[start:end] == text``."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, source: str, start: int, end: int) -> "TextSpan":
        """Build a span by slicing ``source`` (the original input)."""
        return cls(start, end, source[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: Optional[dict]) -> Optional["TextSpan"]:
        return None if data is None else cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class TargetStance:
    """Polarity toward one thing the quote talks about."""

    target: str
    polarity: float
    target_id: Optional[str] = None
    """Corpus-level id (``hillary-clinton``, ``topic:tax-cut``, ``user:<slug>``; :mod:`quotekit.stance.targets`)."""
    kind: Optional[str] = None
    """``entity`` / ``topic`` / ``user``; None for a target of the older noun-phrase finder."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"target": self.target, "polarity": self.polarity}
        if self.target_id is not None:
            out["target_id"] = self.target_id
        if self.kind is not None:
            out["kind"] = self.kind
        return out


@dataclass
class Stance:
    """Stance of a quote's own words: overall polarity in [-1, 1], a label, per-target polarities."""

    polarity: float
    label: StanceLabel
    targets: list[TargetStance] = field(default_factory=list)
    scorer: str = ""
    frame_polarity: float = 0.0
    """Signed prior of the attribution frame ("criticized" < 0 < "praised"); kept apart from ``polarity``."""
    model: Optional[str] = None
    """Provenance of a trained stance model that scored the quote (``quotekit.stance_model.v1:<fingerprint>``);
    None: the lexicon scorers."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "polarity": self.polarity,
            "label": self.label,
            "targets": [t.to_dict() for t in self.targets],
            "frame_polarity": self.frame_polarity,
        }
        if self.model is not None:
            out["model"] = self.model
        return out

    @classmethod
    def from_dict(cls, data: Optional[dict]) -> Optional["Stance"]:
        if data is None:
            return None
        return cls(
            float(data["polarity"]),
            data["label"],
            [TargetStance(t["target"], float(t["polarity"]), t.get("target_id"), t.get("kind"))
             for t in data.get("targets", [])],
            frame_polarity=float(data.get("frame_polarity", 0.0)),
            model=data.get("model"),
        )


@dataclass
class Quote:
    """One attributed statement: what was said (content), by whom (speaker), how (cue).

    ``rule`` names the attribution rule that fired; ``meta`` carries corpus metadata (date, outlet, url, ...)
    which is written as extra top-level fields of the JSONL record.
    """

    doc_id: str
    quote_id: str
    kind: QuoteKind
    content: TextSpan
    cue: Optional[TextSpan] = None
    framing: Optional[str] = None
    """The reporter's framing of the statement, from the cue (``neutral``, ``assertive``, ``doubting``, ...;
    :mod:`quotekit.stance.framing`); None: not computed."""
    speaker: Optional[TextSpan] = None
    speaker_entity: Optional[str] = None
    speaker_type: SpeakerType = "unknown"
    speaker_role: Optional[str] = None
    speaker_id: Optional[str] = None
    stance: Optional[Stance] = None
    confidence: float = 0.0
    parser: str = ""
    rule: str = ""
    content_parts: list[TextSpan] = field(default_factory=list)
    """The pieces of a statement split by its attribution (empty: ``content`` is the one piece)."""
    via: Optional[TextSpan] = None
    speech_act: Optional[str] = None
    attribution_model: str = ""
    """Version of the acceptance model that kept the record ("" when none ran)."""
    speaker_entities: list[str] = field(default_factory=list)
    speaker_ids: list[Optional[str]] = field(default_factory=list)
    speaker_confidence: float = 0.0
    speaker_resolved: Optional[str] = None
    """``name`` / ``resolved`` / ``anonymous`` / ``unresolved`` (see :class:`SpeakerInfo`); None: not stated
    (a record built by hand)."""
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL record (schema fields first, then ``rule`` and metadata)."""
        record: dict[str, Any] = {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "kind": self.kind,
            "content": self.content.to_dict(),
            "content_parts": [p.to_dict() for p in (self.content_parts or [self.content])],
            "cue": self.cue.to_dict() if self.cue else None,
            "framing": self.framing,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_entity": self.speaker_entity,
            "speaker_type": self.speaker_type,
            "speaker_role": self.speaker_role,
            "speaker_id": self.speaker_id,
            "stance": self.stance.to_dict() if self.stance else None,
            "confidence": round(float(self.confidence), 4),
            "parser": self.parser,
            "attribution_model": self.attribution_model,
            "rule": self.rule,
            "via": self.via.to_dict() if self.via else None,
            "speech_act": self.speech_act,
            "speaker_entities": list(self.speaker_entities) or ([self.speaker_entity] if self.speaker_entity else []),
            "speaker_ids": list(self.speaker_ids),
            "speaker_confidence": round(float(self.speaker_confidence), 4),
            "speaker_resolved": self.speaker_resolved,
        }
        for key, value in self.meta.items():
            record.setdefault(key, value)
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        known = set(SCHEMA_FIELDS) | {"rule"} | set(SPEAKER_FIELDS) | set(ATTRIBUTION_FIELDS)
        parts = [TextSpan.from_dict(p) for p in data.get("content_parts") or ()]
        return cls(
            doc_id=data["doc_id"],
            quote_id=data["quote_id"],
            kind=data["kind"],
            content=TextSpan.from_dict(data["content"]),
            cue=TextSpan.from_dict(data.get("cue")),
            framing=data.get("framing"),
            speaker=TextSpan.from_dict(data.get("speaker")),
            speaker_entity=data.get("speaker_entity"),
            speaker_type=data.get("speaker_type") or "unknown",
            speaker_role=data.get("speaker_role"),
            speaker_id=data.get("speaker_id"),
            stance=Stance.from_dict(data.get("stance")),
            confidence=float(data.get("confidence") or 0.0),
            parser=data.get("parser") or "",
            rule=data.get("rule") or "",
            content_parts=parts if len(parts) > 1 else [],
            via=TextSpan.from_dict(data.get("via")),
            speech_act=data.get("speech_act"),
            attribution_model=data.get("attribution_model") or "",
            speaker_entities=list(data.get("speaker_entities") or ([data["speaker_entity"]] if data.get("speaker_entity") else [])),
            speaker_ids=list(data.get("speaker_ids") or []),
            speaker_confidence=float(data.get("speaker_confidence") or 0.0),
            speaker_resolved=data.get("speaker_resolved"),
            meta={k: v for k, v in data.items() if k not in known},
        )


@dataclass
class Document:
    """One input document: its id, its original text (as decoded), and corpus metadata."""

    doc_id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    source: Optional[str] = None
    encoding: Optional[str] = None
    parse_text: Optional[str] = None
    """Same-length text handed to the parser when the original needs cleaning (HTML markup blanked out);
    ``None`` means parse ``text`` itself. Offsets always index ``text``."""


@dataclass
class Attribution:
    """What the attributor finds on a parsed Doc, as token spans of that Doc.

    :func:`quotekit.records.to_quotes` turns these into :class:`Quote` records; speaker resolution and stance
    scoring read them (they need the tokens), never the other way round.
    """

    kind: QuoteKind
    content: SpacySpan
    cue: Optional[SpacySpan] = None
    speaker: Optional[SpacySpan] = None
    rule: str = ""
    confidence: float = 0.5
    content_parts: tuple[SpacySpan, ...] = ()
    """The pieces of a statement split by its own attribution (``"A," X said. "B."``), in text order, without the
    attribution between them; ``content`` is then their covering span. Empty: the content is one piece."""
    via: Optional[SpacySpan] = None
    """What relays the statement (``Reuters`` in ``"...," the minister said, according to Reuters``)."""
    speech_act: str = ""
    """The cue's speech-act class (:mod:`quotekit.attribute.acts`): ``statement``, ``directive``, ..."""
    accept_probability: Optional[float] = None
    """The acceptance model's probability (:mod:`quotekit.attribute.model`); None: not scored."""
    model: str = ""
    """Version of the acceptance model that kept it ("" when none ran)."""

    def pieces(self) -> tuple[SpacySpan, ...]:
        """The content's pieces: :attr:`content_parts`, or the content itself when it is one piece."""
        return self.content_parts or (self.content,)


@dataclass
class SpeakerInfo:
    """Resolution of one attribution's speaker mention within its document."""

    entity: Optional[str] = None
    type: SpeakerType = "unknown"
    role: Optional[str] = None
    entities: tuple[str, ...] = ()
    """Every entity the speaker is (one, or the members of a group: "X and Y said"); ``entity`` is set only when
    there is exactly one."""
    confidence: float = 0.0
    """Probability that ``entities`` are right (see :mod:`quotekit.speakers.confidence`)."""
    status: str = "unresolved"
    """``name`` (the mention names the speaker), ``resolved`` (a pronoun/nominal linked to an entity),
    ``anonymous`` (unnamed sourcing: nothing to resolve) or ``unresolved`` (a referring mention left open)."""
