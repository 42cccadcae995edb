""":mod:`quotekit.attribute.component`: the attributor as a spaCy pipeline component.

``nlp.add_pipe("quotekit_attributor")`` (after the parser; the Doc must carry UD relations, e.g. a Doc from
:func:`quotekit.parse.load_parser` or one converted with :func:`quotekit.parse.ud.to_ud`, which the component
applies itself when ``convert=True``) puts the spans into ``doc.spans["qk_content"]``, ``["qk_cue"]`` and
``["qk_speaker"]`` and one plain dict per attribution into ``doc._.qk_quotes``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import find_attributions

SPAN_KEYS = ("qk_content", "qk_cue", "qk_speaker")


def _register() -> None:
    if not Doc.has_extension("qk_quotes"):
        Doc.set_extension("qk_quotes", default=None)


def annotate(doc: Doc) -> Doc:
    """Run the attributor on a UD Doc and store its results on the Doc (spans and ``doc._.qk_quotes``)."""
    _register()
    atts = find_attributions(doc)
    doc.spans["qk_content"] = [a.content for a in atts]
    doc.spans["qk_cue"] = [a.cue for a in atts if a.cue is not None]
    doc.spans["qk_speaker"] = [a.speaker for a in atts if a.speaker is not None]
    doc._.qk_quotes = [
        {
            "kind": a.kind,
            "content": {"start": a.content.start_char, "end": a.content.end_char, "text": a.content.text},
            "cue": None if a.cue is None else {"start": a.cue.start_char, "end": a.cue.end_char, "text": a.cue.text},
            "speaker": None if a.speaker is None else
            {"start": a.speaker.start_char, "end": a.speaker.end_char, "text": a.speaker.text},
            "content_parts": [{"start": p.start_char, "end": p.end_char, "text": p.text} for p in a.pieces()],
            "via": None if a.via is None else {"start": a.via.start_char, "end": a.via.end_char, "text": a.via.text},
            "speech_act": a.speech_act,
            "rule": a.rule,
            "confidence": a.confidence,
        }
        for a in atts
    ]
    return doc


class QuotekitAttributor:
    """Pipeline component: attribute the Doc (converting ClearNLP labels to UD first unless ``convert=False``)."""

    def __init__(self, convert: bool = True):
        self.convert = convert
        _register()

    def __call__(self, doc: Doc) -> Doc:
        if self.convert:
            from ..parse.ud import to_ud

            converted = to_ud(doc)
            if converted is not doc:
                annotate(converted)
                doc.spans.update({k: [doc[s.start:s.end] for s in converted.spans[k]] for k in SPAN_KEYS})
                doc._.qk_quotes = converted._.qk_quotes
                return doc
        return annotate(doc)


@Language.factory("quotekit_attributor", default_config={"convert": True})
def make_attributor(nlp: Language, name: str, convert: bool) -> QuotekitAttributor:
    return QuotekitAttributor(convert=convert)
