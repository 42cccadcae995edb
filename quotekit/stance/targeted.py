""":mod:`quotekit.stance.targeted`: polarity toward the things a span talks about, from their syntactic neighbourhood.

A *target* is a named entity, a resolved entity name, or a noun-phrase head inside the span. Its polarity is read
from the words around it in the dependency tree, not from the whole sentence:

* the words of its own noun phrase on the way up to the phrase head ("Hillary's **lies**", "**corrupt** Hillary");
* the phrase's governing predicate and that predicate's other arguments and modifiers, one level down
  ("North Korean ... activities pose a **threat**" -> negative toward North Korea), but only when the target is
  the predicate's subject (or the predicate is a copula/adjective). A target that is the object gets the predicate
  word itself ("we **love** Hillary") and its object-level negation; a recipient marked with *to* ("a threat to
  Japan") gets no polarity from its governor, since it is the one affected, not the one judged.
* stance prepositions: a target marked with *for*/*against* ("vote **for** Hillary", "fight **against**
  pollution") is judged by the preposition (+/-), not by the verb's own valence; a subject whose predicate has
  such an oblique takes its side ("feminists are fighting for **equality**" is positive toward feminists).
* negation (``not``/``no``/``never``/``n't`` ... as a child of a word or of the predicate) flips a word's valence,
  scaled by VADER's ``N_SCALAR`` (-0.74).

Valences come from VADER's lexicon (:mod:`quotekit.stance.lexicon`); the sum is squashed to [-1, 1] with VADER's
normalisation ``x / sqrt(x^2 + 15)``. Works with UD v2 labels (``nsubj``, ``obj``, ``obl``, ``advmod`` + "not")
and with spaCy's ClearNLP labels (``dobj``, ``pobj``, ``neg``, ``attr``, ``acomp``).

Limits: no coreference of its own (pass resolved names), no sarcasm, one predicate level; cheap by design, it runs
on every quote of every document.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence

from spacy.tokens import Span, Token

from ..spans import ents_in, span_text, token_table

from ..types import TargetStance
from . import lexicon

_ALPHA = 15.0
_N_SCALAR = -0.74
_SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl", "agent"})
# Relations that keep us inside one noun phrase when climbing from the target to the phrase head.
_NP_INTERNAL = frozenset({"compound", "flat", "flat:name", "amod", "nmod:poss", "poss", "nmod", "appos", "det",
                          "nummod", "conj", "cc", "case", "pobj", "prep", "nn", "npadvmod", "nmod:npmod",
                          "fixed", "compound:prt"})
# Children of the predicate that are *not* part of its evaluative neighbourhood.
_SKIP_DEPS = frozenset({"punct", "ccomp", "parataxis", "advcl", "mark", "cc", "discourse", "dep", "list",
                        "vocative", "conj", "acl:relcl", "relcl", "csubj", "reparandum", "aux", "aux:pass",
                        "auxpass", "intj"})
_RECIPIENT_CASES = frozenset({"to"})
# Stance prepositions: "vote for X", "fight against X" take a side on X whatever the verb's own valence.
_STANCE_CASES = {"for": 1.0, "against": -1.0}
_STANCE_PREP_VALENCE = 1.5  # raw VADER scale, like a mildly evaluative word ("support" is 1.7)
_NOMINAL_POS = frozenset({"NOUN", "PROPN"})
_TARGET_ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW",
                                "WORK_OF_ART", "LANGUAGE"})
_STRIP_DETS = ("the ", "a ", "an ", "The ", "A ", "An ")


@dataclass(frozen=True)
class Target:
    """A thing a span talks about: its display text and its tokens (``tokens[-1]`` not necessarily the head)."""

    text: str
    tokens: tuple[Token, ...]
    source: str  # "resolved" | "entity" | "noun"

    @property
    def head(self) -> Token:
        """The token of the target whose head lies outside the target."""
        ids = {t.i for t in self.tokens}
        for tok in self.tokens:
            if tok.head.i not in ids or tok.head.i == tok.i:
                return tok
        return self.tokens[0]


def word_valence(token: Token) -> float:
    """VADER valence of a token (raw [-4, 4] scale) by lower-cased text, then lemma; 0 when unknown."""
    table = lexicon.valences()
    if token.lower_ in lexicon.negators():
        return 0.0  # negators act on what they modify (is_negated), they carry no valence of their own
    for key in (token.lower_, token.lemma_.lower(), token.lower_.lstrip("#")):
        if key in table:
            return table[key] * 4.0
    return 0.0


def is_negated(token: Token) -> bool:
    """True if ``token`` has a negator child (``not``, ``no``, ``never``, ``n't`` ...)."""
    neg = lexicon.negators()
    return any(c.dep_ == "neg" or c.lower_ in neg for c in token.children)


def squash(total: float) -> float:
    """VADER's normalisation of a raw valence sum into (-1, 1)."""
    return 0.0 if total == 0 else total / math.sqrt(total * total + _ALPHA)


def _clean(text: str) -> str:
    text = text.strip().strip("\"'“”‘’«»").strip()
    for det in _STRIP_DETS:
        if text.startswith(det):
            text = text[len(det):]
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()


def find_targets(span: Span, *, names: Sequence[str] = ()) -> list[Target]:
    """Targets inside ``span``: occurrences of ``names`` (resolved entities), named entities, noun-phrase heads.

    A noun head already covered by an entity is not repeated; order follows the text.
    """
    targets: list[Target] = []
    covered: set[int] = set()
    doc = span.doc
    table = token_table(doc)
    lower = table.lower
    lowered = span_text(span).lower()
    for name in dict.fromkeys(n for n in names if n and n.strip()):
        words = name.lower().split()
        if words[0] not in lowered:
            continue
        for i in range(span.start, span.end):
            if i in covered or lower[i] != words[0]:
                continue
            end = i + len(words)
            if end <= span.end and lower[i:end] == words:
                targets.append(Target(name, tuple(doc[i:end]), "resolved"))
                covered.update(range(i, end))
    for ent in ents_in(span):
        if ent.label_ in _TARGET_ENT_LABELS:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            text = _clean(span_text(ent))
            if text:
                targets.append(Target(text, tuple(ent), "entity"))
                covered.update(range(ent.start, ent.end))
    pos, dep = table.pos, table.dep
    for i in range(span.start, span.end):
        if i in covered or pos[i] not in _NOMINAL_POS or dep[i] in ("compound", "flat", "flat:name", "nn"):
            continue
        mods = [c for c in table.children(i) if c < i and dep[c] in ("compound", "flat", "nn") and c >= span.start]
        start = min([i] + mods)
        if any(k in covered for k in range(start, i + 1)):
            continue
        toks = doc[start:i + 1]
        text = _clean(span_text(toks))
        if text:
            targets.append(Target(text, tuple(toks), "noun"))
            covered.update(range(start, i + 1))
    targets.sort(key=lambda t: min(x.i for x in t.tokens))
    return targets


def _case_of(token: Token) -> Optional[str]:
    for c in token.children:
        if c.dep_ == "case":
            return c.lower_
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head.lower_
    return None


def _signed(token: Token, negated_scope: bool = False) -> float:
    value = word_valence(token)
    if value and is_negated(token) and not negated_scope:
        value *= _N_SCALAR
    return value


def neighbourhood_tokens(target_tokens: Iterable[Token], *, within: Optional[Span] = None) -> tuple[list[Token], Optional[Token], str]:
    """Words that evaluate a target, its governing predicate, and the target's role (``subj``/``obj``/``to``/``root``).

    ``within`` limits the neighbourhood to a span (a quote's own words).
    """
    toks = list(target_tokens)
    ids = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])
    lo, hi = (within.start, within.end) if within is not None else (0, len(head.doc))
    inside = lambda t: lo <= t.i < hi and t.i not in ids and not t.is_punct  # noqa: E731
    words: list[Token] = []
    # 1. up the noun phrase: words passed on the way and their modifiers
    node = head
    role = "root"
    # coordinated/apposed targets share their first conjunct's role ("a threat to Japan, the region and ...")
    anchor = head
    while anchor.dep_ in ("conj", "appos") and anchor.head.i != anchor.i and lo <= anchor.head.i < hi:
        anchor = anchor.head
    anchor_case = _case_of(anchor)
    recipient = anchor_case in _RECIPIENT_CASES
    stance_case = anchor_case if anchor_case in _STANCE_CASES else None
    for child in head.children:
        if inside(child) and child.dep_ in ("amod", "appos", "acl", "nmod", "compound", "advmod") and child.i not in ids:
            words.append(child)
    steps = 0
    while node.head.i != node.i and steps < 6:
        parent = node.head
        if node.dep_ in _SUBJ_DEPS:
            role = "subj"
            break
        if parent.pos_ in _NOMINAL_POS or parent.pos_ in ("ADP", "NUM", "PRON") or node.dep_ in ("pobj",):
            if parent.pos_ == "ADP":
                node = parent
                steps += 1
                continue
            if not (lo <= parent.i < hi):
                return words, None, role
            if recipient and node.dep_ in ("nmod", "pobj", "obl", "prep", "conj", "appos"):
                # "a threat to Japan": Japan is the one affected, not judged
                return words, None, "to"
            if stance_case and node.dep_ in ("nmod", "pobj", "obl", "prep", "conj", "appos"):
                return words, parent, stance_case  # "support for Hillary", "the case against her"
            words.append(parent)
            words.extend(c for c in parent.children if inside(c) and c.dep_ in ("amod", "compound", "nmod:poss", "poss")
                         and c.i != node.i)
            node = parent
            steps += 1
            continue
        role = "obj" if node.dep_ not in ("ROOT",) else "root"
        break
    if node.head.i == node.i:
        pred = node
        role = "root"
        # a bare noun phrase: its own modifiers are all we have
        words.extend(c for c in pred.children if inside(c) and c.dep_ in ("amod", "acl", "acl:relcl", "relcl"))
        return words, None, role
    pred = node.head
    if node.dep_ in _SUBJ_DEPS:
        role = "subj"
    if not (lo <= pred.i < hi):
        return words, None, role
    if recipient and role != "subj":
        return words, pred, "to"
    if stance_case and role != "subj":
        return words, pred, stance_case  # "vote for Hillary", "fight against pollution"
    words.append(pred)
    if role == "subj" or pred.pos_ in ("ADJ",):
        for child in pred.children:
            if not inside(child) or child.dep_ in _SKIP_DEPS or child.i == node.i or child.dep_ in _SUBJ_DEPS:
                continue
            case = _case_of(child)
            if case in _RECIPIENT_CASES or case in _STANCE_CASES:
                continue  # recipients are not judged; stance obliques are read in target_polarity
            words.append(child)
            words.extend(g for g in child.children if inside(g) and g.dep_ not in _SKIP_DEPS
                         and g.dep_ not in ("case", "prep") and g.dep_ != "neg")
    return words, pred, role


def _stance_obliques(pred: Token, *, within: Optional[Span], exclude: set[int]) -> list[tuple[float, Token]]:
    """``for``/``against`` obliques of ``pred`` with their sign ("fighting *for equality*")."""
    lo, hi = (within.start, within.end) if within is not None else (0, len(pred.doc))
    out = []
    for child in pred.children:
        case = _case_of(child)
        if case in _STANCE_CASES and lo <= child.i < hi and child.i not in exclude:
            out.append((_STANCE_CASES[case], child))
    return out


def target_polarity(target_tokens: Sequence[Token], *, within: Optional[Span] = None) -> float:
    """Polarity in [-1, 1] toward the target made of ``target_tokens`` (see module notes)."""
    words, pred, role = neighbourhood_tokens(target_tokens, within=within)
    ids = {t.i for t in target_tokens}
    total = 0.0
    seen: set[int] = set()
    for w in words:
        if w.i in seen or (pred is not None and w.i == pred.i):
            continue
        seen.add(w.i)
        total += _signed(w)
    if pred is None:
        return squash(total)
    if role in _STANCE_CASES:
        # the target is what the predicate is for/against: the preposition decides, the verb's valence does not
        total += _STANCE_CASES[role] * _STANCE_PREP_VALENCE
        if is_negated(pred):
            total *= _N_SCALAR
        return squash(total)
    obliques = _stance_obliques(pred, within=within, exclude=ids) if role == "subj" else []
    if obliques:
        # "feminists are fighting for equality": the subject takes the side of the oblique
        for sign, obl in obliques:
            value = _signed(obl) + sum(_signed(g) for g in obl.children if g.dep_ in ("amod", "compound"))
            total += sign * (value if value else 0.0)
    else:
        total += word_valence(pred)
    if is_negated(pred):
        total *= _N_SCALAR
    return squash(total)


def targeted_stance(span: Span, *, names: Sequence[str] = (), prior: float = 0.0,
                    prior_weight: float = 0.5) -> list[TargetStance]:
    """One :class:`TargetStance` per target in ``span`` (see :func:`find_targets`).

    ``prior`` (e.g. the attribution frame's polarity, "criticized" -> -0.8) is added with ``prior_weight``
    before clipping; targets with the same text are merged by averaging.
    """
    by_text: dict[str, list[float]] = {}
    for target in find_targets(span, names=names):
        value = target_polarity(target.tokens, within=span) + prior_weight * prior
        by_text.setdefault(target.text, []).append(max(-1.0, min(1.0, value)))
    return [TargetStance(text, round(sum(v) / len(v), 4)) for text, v in by_text.items()]
