""":mod:`quotekit.attribute.acts`: the speech act of an attribution (statement, claim, question, directive, ...).

Research groups disagree on what counts as a quote: PolNeAR annotates "declined to say" and "pledged to", others
keep only statements. Each attribution gets one class from its cue, so users can filter by what was done with
words. The classes and the cue lemmas of each are data (``speech_acts.json``, whose ``classes`` entry documents
every class); the context that changes a class is read from the parse: a particle or preposition
("called *for*"), an infinitive content ("asked him *to leave*" is a directive, "asked whether" a question),
negation ("would *not* say" is a refusal) and a governing verb ("refused to *say*" is a refusal). A cue found
nowhere -- "said", a colon, "according to" -- is a statement.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping, Optional

from spacy.tokens import Span

from ..analysis import TokenTable
from ..errors import QuotekitError
from ..types import Attribution

DATA_FILE = "speech_acts.json"
_PARTICLE_DEPS = frozenset({"compound:prt", "prt"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})


@dataclass(frozen=True)
class SpeechActs:
    """The speech-act lexicon: class descriptions and lemma -> class tables (read-only)."""

    default: str
    classes: Mapping[str, str]
    cues: Mapping[str, str]
    phrases: Mapping[str, str]
    with_infinitive: Mapping[str, str]
    negated: Mapping[str, str]
    governed_by: Mapping[str, str]


@lru_cache(maxsize=None)
def load_speech_acts() -> SpeechActs:
    """The packaged ``speech_acts.json``, checked: every class used is documented, no lemma in two classes."""
    data = json.loads(resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8"))
    classes = dict(data["classes"])
    cues: dict[str, str] = {}
    for act, lemmas in data["cues"].items():
        for lemma in lemmas:
            if lemma in cues and cues[lemma] != act:
                raise QuotekitError(f"{DATA_FILE}: the cue {lemma!r} is listed under both {cues[lemma]!r} and "
                                    f"{act!r}; keep it in one class")
            cues[lemma] = act
    tables = {name: {k.lower(): v for k, v in data.get(name, {}).items()}
              for name in ("phrases", "with_infinitive", "negated", "governed_by")}
    used = {data["default"], *cues.values(), *(v for t in tables.values() for v in t.values())}
    undocumented = sorted(used - set(classes))
    if undocumented:
        raise QuotekitError(f"{DATA_FILE}: classes used but not described under 'classes': {undocumented}")
    return SpeechActs(data["default"], MappingProxyType(classes), MappingProxyType(cues),
                      *(MappingProxyType(tables[n]) for n in ("phrases", "with_infinitive", "negated", "governed_by")))


def speech_act_classes() -> tuple[str, ...]:
    """Every class name, in the documented order (statement first)."""
    return tuple(load_speech_acts().classes)


def speech_act(cue_lemma: Optional[str], *, particle: Optional[str] = None, negated: bool = False,
               infinitive: bool = False, governor: Optional[str] = None) -> str:
    """The speech-act class of a cue lemma in its context.

    Args:
        cue_lemma: lemma of the cue's head word ("say", "urge", "pledge", "statement"); ``None``, ":" or
            "according" give the default class.
        particle: the cue's particle or preposition ("for" in "called for"), if any.
        negated: the cue is negated ("did not comment").
        infinitive: the content is an infinitive clause ("asked them *to leave*").
        governor: lemma of the verb the cue is the infinitive of ("refuse" in "refused to say").
    """
    acts = load_speech_acts()
    lemma = (cue_lemma or "").strip().lower()
    if not lemma:
        return acts.default
    if negated and lemma in acts.negated:
        return acts.negated[lemma]
    if governor and governor.strip().lower() in acts.governed_by:
        return acts.governed_by[governor.strip().lower()]
    if particle and f"{lemma} {particle.strip().lower()}" in acts.phrases:
        return acts.phrases[f"{lemma} {particle.strip().lower()}"]
    if infinitive and lemma in acts.with_infinitive:
        return acts.with_infinitive[lemma]
    return acts.cues.get(lemma, acts.default)


def _particle(t: TokenTable, cue: int, content: Span) -> Optional[str]:
    """The particle of a phrasal cue ("called *for*", "pointed *out*"), or the preposition that introduces its
    content ("called on X to")."""
    for child in t.children(cue):
        if t.dep[child] in _PARTICLE_DEPS:
            return t.lower[child]
    following = cue + 1
    if following < t.n and t.pos[following] == "ADP" and following < content.end:
        return t.lower[following]
    return None


def _is_negated(t: TokenTable, cue: int) -> bool:
    return any(t.lower[c] in _NEGATIONS and t.dep[c] in ("advmod", "neg", "det") for c in t.children(cue))


def _is_infinitive(t: TokenTable, cue: int) -> bool:
    """The cue governs an infinitive clause ("urged them *to vote*", "declined *to comment*")."""
    return any(t.dep[child] in ("xcomp", "ccomp") and any(t.lower[g] == "to" and t.dep[g] in ("mark", "aux")
                                                          for g in t.children(child))
               for child in t.children(cue))


def _governor(t: TokenTable, cue: int) -> Optional[str]:
    """Lemma of the verb whose infinitive the cue is ("refused *to say*"), if any."""
    head = t.head[cue]
    if t.dep[cue] == "xcomp" and head != cue and any(t.lower[c] == "to" for c in t.children(cue)):
        return t.lemma_of(head)
    return None


def attribution_act(att: Attribution, table: Optional[TokenTable] = None) -> str:
    """The speech-act class of an attribution found by :func:`quotekit.attribute.find_attributions`. ``table``: the
    Doc's token table (:class:`~quotekit.analysis.TokenTable`; read instead of making Token objects), else a
    fresh one."""
    cue = att.cue
    if cue is None or not len(cue):
        return speech_act(None)
    t = table if table is not None else TokenTable(cue.doc)
    root = cue.root.i
    if t.pos[root] not in ("VERB", "AUX", "NOUN", "PROPN"):
        return speech_act(None)
    return speech_act(t.lemma_of(root), particle=_particle(t, root, att.content), negated=_is_negated(t, root),
                      infinitive=_is_infinitive(t, root), governor=_governor(t, root))
