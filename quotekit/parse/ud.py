""":mod:`quotekit.parse.ud`: convert spaCy English (ClearNLP-labelled) parses to UD v2 relations.

Placeholder: returns the Doc unchanged until the conversion lands.
"""
from __future__ import annotations

from spacy.tokens import Doc


def to_ud(doc: Doc) -> Doc:
    return doc
