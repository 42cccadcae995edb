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

from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .lexicon import load

_COMPILED: dict[int, tuple[Vocab, DependencyMatcher]] = {}
_SCOPED: dict[int, tuple[Vocab, DependencyMatcher, Matcher]] = {}

_SELECTIVE_ATTRS = frozenset({"LEMMA", "LOWER", "ORTH", "TEXT", "NORM", "DEP"})
"""A pattern node constrained by one of these matches few tokens. DependencyMatcher walks the ancestors of
every token that matches any node, so a rule with an unconstrained node (``{}``, or POS only) costs as much as
all the others together; such rules run only on the sentences that hold their cue."""


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


def is_selective(pattern: list[dict]) -> bool:
    """Whether every node of a DependencyMatcher pattern is constrained by a selective attribute."""
    return all(_SELECTIVE_ATTRS & set(node.get("RIGHT_ATTRS", {})) for node in pattern)


def matcher_for(vocab: Vocab) -> DependencyMatcher:
    """The compiled DependencyMatcher of the selective rules for ``vocab`` (built on first use)."""
    entry = _COMPILED.get(id(vocab))
    matcher = entry[1] if entry is not None and entry[0] is vocab else None
    if matcher is None:
        matcher = DependencyMatcher(vocab)
        for key, rule in rules().items():
            if is_selective(rule["pattern"]):
                matcher.add(key, [rule["pattern"]])
        _COMPILED[id(vocab)] = (vocab, matcher)  # holds the vocab, so its id is never reused
    return matcher


def scoped_matchers_for(vocab: Vocab) -> tuple[DependencyMatcher, Matcher]:
    """The other rules' DependencyMatcher, and a token Matcher of their cue nodes that says where to run it."""
    entry = _SCOPED.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        dep, cues = DependencyMatcher(vocab), Matcher(vocab)
        for key, rule in rules().items():
            if not is_selective(rule["pattern"]):
                dep.add(key, [rule["pattern"]])
                cues.add(key, [[node["RIGHT_ATTRS"] for node in rule["pattern"] if node["RIGHT_ID"] == "cue"]])
        entry = _SCOPED[id(vocab)] = (vocab, dep, cues)
    return entry[1], entry[2]


def match(doc: Doc) -> list[tuple[int, list[int]]]:
    """Every ``(rule id, token indices)`` match of the speech patterns in ``doc``.

    Same result as one DependencyMatcher over the whole Doc (trees never cross sentences), at a fraction of the
    cost: unselective rules run only on the sentences where their cue occurs.
    """
    matches = list(matcher_for(doc.vocab)(doc))
    dep, cues = scoped_matchers_for(doc.vocab)
    if len(dep):
        sentences = {doc[start].sent for _, start, _ in cues(doc)}
        for sent in sorted(sentences, key=lambda s: s.start):
            matches.extend((key, [sent.start + i for i in ids]) for key, ids in dep(sent))
    return matches


def anchors(key: str) -> list[str]:
    return [node["RIGHT_ID"] for node in rules()[key]["pattern"]]
