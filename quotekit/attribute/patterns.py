""":mod:`quotekit.attribute.patterns`: the dependency patterns (``patterns/*.jsonl``) as a spaCy DependencyMatcher.

Each line is ``{"rule": key, "confidence": float, "pattern": [...]}`` with UD labels; the anchors are named
``cue``, ``content`` and (optionally) ``speaker``. ``"@name"`` as an ``IN`` list stands for ``lexicons/name.txt``.
Patterns are read once and compiled once per vocab.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.vocab import Vocab

from .lexicon import load

_COMPILED: dict[int, tuple[Vocab, DependencyMatcher]] = {}


def _expand(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("@"):
        return sorted(load(value[1:]))
    if isinstance(value, dict):
        return {k: _expand(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand(v) for v in value]
    return value


@lru_cache(maxsize=None)
def rules() -> dict[str, dict]:
    """Every rule: ``{key: {"confidence": float, "pattern": [...]}}`` with lexicon references expanded."""
    out = {}
    folder = resources.files(__package__).joinpath("patterns")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                out[data["rule"]] = {"confidence": float(data.get("confidence", 0.5)),
                                     "pattern": _expand(data["pattern"])}
    return out


def matcher_for(vocab: Vocab) -> DependencyMatcher:
    """The compiled DependencyMatcher for ``vocab`` (built on first use)."""
    entry = _COMPILED.get(id(vocab))
    matcher = entry[1] if entry is not None and entry[0] is vocab else None
    if matcher is None:
        matcher = DependencyMatcher(vocab)
        for key, rule in rules().items():
            matcher.add(key, [rule["pattern"]])
        _COMPILED[id(vocab)] = (vocab, matcher)  # holds the vocab, so its id is never reused
    return matcher


def anchors(key: str) -> list[str]:
    return [node["RIGHT_ID"] for node in rules()[key]["pattern"]]
