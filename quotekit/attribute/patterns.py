""":mod:`quotekit.attribute.patterns`: the dependency patterns (``patterns/*.jsonl``), matched on a Doc.

Each line is ``{"rule": key, "handler": name, "confidence": float, "pattern": [...]}``: a spaCy DependencyMatcher
pattern with UD labels, whose anchors are named ``cue``, ``content`` and (optionally) ``speaker``, and the content
handler (:data:`quotekit.attribute.rules.CONTENT_HANDLERS`) that reads the statement off a match. ``"@name"`` as an
``IN`` list stands for the lexicon ``name`` (``quotekit/lexicons/name.txt``). Patterns are read once.

The patterns are matched by :class:`ArrayMatcher`, which evaluates the DependencyMatcher patterns that use only
the immediate-head relations (``>`` and ``<``) and string attributes on the Doc's attribute arrays
(``Doc.to_array``) and gives the same matches as spaCy's :class:`~spacy.matcher.DependencyMatcher`, in the
same order (a test checks both on the bundled articles). spaCy's matcher runs a token Matcher over every token for
every node and walks the ancestors of every candidate, which costs as much as all the rest of the attribution; here
each node's candidates are read off whole columns at once and joined along the head array (``benchmarks/`` measures
the analysis). A pattern using other operators or attributes is handed to spaCy's DependencyMatcher.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

import numpy
from spacy.matcher import DependencyMatcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..analysis import TokenTable
from ..lexicons import load

_STRING_ATTRS = {"ORTH": "ORTH", "TEXT": "ORTH", "LOWER": "LOWER", "NORM": "NORM", "LEMMA": "LEMMA",
                 "DEP": "DEP", "TAG": "TAG", "POS": "POS", "ENT_TYPE": "ENT_TYPE"}
"""Pattern keys the array matcher evaluates, and the ``Doc.to_array`` column each reads."""
_RELATIONS = frozenset({">", "<"})


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
    """Every rule: ``{key: {"confidence": float, "handler": name, "pattern": [...]}}`` with lexicon references
    expanded."""
    out = {}
    folder = resources.files(__package__).joinpath("patterns")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for line in entry.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                if "handler" not in data:
                    raise ValueError(f"{entry.name}: pattern {data.get('rule')!r} names no content handler")
                out[data["rule"]] = {"confidence": float(data.get("confidence", 0.5)), "handler": data["handler"],
                                     "pattern": _expand(data["pattern"])}
    return out


def _value_id(attr: str, value: str) -> int:
    return POS_IDS[value] if attr == "POS" else get_string_id(value)


def _predicate(attr: str, spec: Any) -> Optional[tuple[str, bool, frozenset]]:
    """``(column, negate, ids)`` for one attribute constraint, or ``None`` if the array matcher can't do it."""
    if isinstance(spec, str):
        return attr, False, frozenset({_value_id(attr, spec)})
    if isinstance(spec, dict) and len(spec) == 1:
        (op, values), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(values, list) and all(isinstance(v, str) for v in values):
            return attr, op == "NOT_IN", frozenset(_value_id(attr, v) for v in values)
    return None


_BUCKETS = 65537
"""Size of a predicate's lookup table: a token value's bucket is ``value % _BUCKETS`` (a prime)."""


class _Lookup:
    """Membership of token values (string hashes, POS ids) in one predicate's id set, for a whole column at once:
    a boolean table indexed by ``value % _BUCKETS`` marks every bucket holding an id, and the few tokens that land
    in a marked bucket are checked against the ids themselves (bucket collisions are then ruled out)."""

    def __init__(self, ids: frozenset):
        self.ids = ids
        self.table = numpy.zeros(_BUCKETS, dtype=bool)
        if ids:
            self.table[numpy.fromiter((i % _BUCKETS for i in ids), dtype=numpy.intp, count=len(ids))] = True

    def __call__(self, buckets: numpy.ndarray, values: list[int]) -> numpy.ndarray:
        hit = self.table[buckets]
        for k in numpy.flatnonzero(hit).tolist():
            if values[k] not in self.ids:
                hit[k] = False
        return hit


@lru_cache(maxsize=None)
def _lookup(ids: frozenset) -> _Lookup:
    return _Lookup(ids)


class _Table:
    """One Doc's attribute columns, with each predicate's and each node's token mask computed once."""

    def __init__(self, table: TokenTable):
        self.table = table
        self.n = table.n
        self.heads = self.table.head
        self.has_head = self.table.column("HEAD") != 0  # heads are stored relative: 0 is a root
        self._buckets: dict[str, numpy.ndarray] = {}
        self._masks: dict[tuple, numpy.ndarray] = {}
        self._nodes: dict[tuple, list[int]] = {}

    def mask(self, pred: tuple[str, bool, frozenset]) -> numpy.ndarray:
        out = self._masks.get(pred)
        if out is None:
            attr, negate, ids = pred
            buckets = self._buckets.get(attr)
            if buckets is None:
                buckets = self._buckets[attr] = (self.table.column(attr) % numpy.uint64(_BUCKETS)).astype(numpy.intp)
            out = _lookup(ids)(buckets, self.table.ids(attr))
            if negate:
                out = ~out
            self._masks[pred] = out
        return out

    def tokens(self, preds: tuple, headed: bool) -> list[int]:
        """The tokens meeting every predicate of a node (and having a head, if ``headed``), in order: the first
        predicate (the most selective, see :func:`_selective_first`) is read off its mask, the others are checked
        on the few tokens left."""
        key = (preds, headed)
        out = self._nodes.get(key)
        if out is None:
            if preds:
                ok = self.mask(preds[0])
                found = numpy.flatnonzero(ok & self.has_head if headed else ok).tolist()
            else:
                found = numpy.flatnonzero(self.has_head).tolist() if headed else list(range(self.n))
            for attr, negate, ids in preds[1:]:
                values = self.table.ids(attr)
                found = [i for i in found if (values[i] in ids) != negate]
            out = self._nodes[key] = found
        return out


_SELECTIVITY = {"LEMMA": 0, "LOWER": 0, "ORTH": 0, "NORM": 0, "ENT_TYPE": 1, "TAG": 1, "DEP": 2, "POS": 3}


def _selective_first(preds: list[tuple[str, bool, frozenset]]) -> tuple[tuple[str, bool, frozenset], ...]:
    """Predicates ordered so that the one likely to leave the fewest tokens comes first: a word or lemma list
    before a dependency label, before a part of speech; ``NOT_IN`` last."""
    return tuple(sorted(preds, key=lambda p: (p[1], _SELECTIVITY.get(p[0], 1))))


class _CompiledPattern:
    """One DependencyMatcher pattern as attribute predicates per node plus head relations between nodes."""

    def __init__(self, pattern: list[dict]):
        self.ids = [node["RIGHT_ID"] for node in pattern]
        self.nodes: list[tuple[tuple[str, bool, frozenset], ...]] = []
        self.edges: list[tuple[int, str]] = []  # (position of LEFT_ID, REL_OP) for nodes after the first
        for k, node in enumerate(pattern):
            preds = []
            for key, spec in node.get("RIGHT_ATTRS", {}).items():
                pred = _predicate(_STRING_ATTRS[key], spec) if key in _STRING_ATTRS else None
                if pred is None:
                    raise ValueError(f"attribute {key}={spec!r}")
                preds.append(pred)
            self.nodes.append(_selective_first(preds))
            if k:
                if node.get("REL_OP") not in _RELATIONS:
                    raise ValueError(f"REL_OP {node.get('REL_OP')!r}")
                self.edges.append((self.ids.index(node["LEFT_ID"]), node["REL_OP"]))

    def __call__(self, table: _Table) -> list[list[int]]:
        """Every match as rows of token indices, one per node, sorted like DependencyMatcher's output (by the
        first node's token, then the second's, ...)."""
        # a node below another (">") is nobody's root; a node above one ("<") may be a root
        candidates = [table.tokens(preds, headed=k > 0 and self.edges[k - 1][1] == ">")
                      for k, preds in enumerate(self.nodes)]
        if not all(candidates):
            return []
        heads = table.heads
        # leaves first: keep only the tokens of each node that have a partner for every later node hanging from it
        for k in range(len(self.edges), 0, -1):
            left, op = self.edges[k - 1]
            if op == ">":
                parents = {heads[i] for i in candidates[k]}
                candidates[left] = [i for i in candidates[left] if i in parents]
            else:
                ok = set(candidates[k])
                candidates[left] = [i for i in candidates[left] if heads[i] != i and heads[i] in ok]
            if not candidates[left]:
                return []
        rows = [[i] for i in candidates[0]]
        for k, (left, op) in enumerate(self.edges, start=1):
            if op == ">":  # the new node is a child of LEFT
                children: dict[int, list[int]] = {}
                for i in candidates[k]:
                    children.setdefault(heads[i], []).append(i)
                rows = [row + [i] for row in rows for i in children.get(row[left], ())]
            else:  # "<": the new node is the head of LEFT
                ok = set(candidates[k])
                rows = [row + [heads[row[left]]] for row in rows
                        if heads[row[left]] != row[left] and heads[row[left]] in ok]
            if not rows:
                break
        return rows


class ArrayMatcher:
    """The speech patterns of :func:`rules`, matched like spaCy's DependencyMatcher (same matches, same order).

    Patterns the array evaluator can't express go to a DependencyMatcher kept alongside.
    """

    def __init__(self, vocab: Vocab, patterns: dict[str, list[dict]]):
        self.vocab = vocab
        self.compiled: dict[str, _CompiledPattern] = {}
        self.fallback = DependencyMatcher(vocab)
        for key, pattern in patterns.items():
            try:
                self.compiled[key] = _CompiledPattern(pattern)
            except ValueError:
                self.fallback.add(key, [pattern])
        self.match_ids = {key: vocab.strings.add(key) for key in self.compiled}

    def __call__(self, doc: Doc, table: Optional[TokenTable] = None) -> list[tuple[int, list[int]]]:
        """``(match id, token indices in pattern-node order)`` for every match, rule by rule (``table``: the Doc's
        token table, if the caller has one)."""
        n = len(doc)
        out: list[tuple[int, list[int]]] = []
        if n and self.compiled:
            table = _Table(table if table is not None else TokenTable(doc))
            for key, pattern in self.compiled.items():
                out.extend((self.match_ids[key], row) for row in pattern(table))
        if len(self.fallback):
            out.extend(self.fallback(doc))
        return out


_MATCHERS: dict[int, tuple[Vocab, ArrayMatcher]] = {}


def matcher_for(vocab: Vocab) -> ArrayMatcher:
    """The compiled matcher of every rule for ``vocab`` (built on first use)."""
    entry = _MATCHERS.get(id(vocab))
    if entry is None or entry[0] is not vocab:
        patterns = {key: rule["pattern"] for key, rule in rules().items()}
        entry = _MATCHERS[id(vocab)] = (vocab, ArrayMatcher(vocab, patterns))  # holds the vocab: id never reused
    return entry[1]


def match(doc: Doc, table: Optional[TokenTable] = None) -> list[tuple[int, list[int]]]:
    """Every ``(rule id, token indices)`` match of the speech patterns in ``doc`` (``table``: its token table)."""
    return matcher_for(doc.vocab)(doc, table)
