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
normalisation ``x / sqrt(x^2 + 15)``. Reads UD v2 relations (``nsubj``, ``obj``, ``obl`` + ``case``, ``advmod`` +
"not"), which the parse layer guarantees (:mod:`quotekit.parse.base`).

Limits: no coreference of its own (pass resolved names), no sarcasm, one predicate level; cheap by design, it runs
on every quote of every document.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from spacy.tokens import Span, Token
from vaderSentiment.vaderSentiment import N_SCALAR as _N_SCALAR
from vaderSentiment.vaderSentiment import normalize as _vader_normalize

from ..analysis import DocAnalysis, TokenTable, analysis_of
from ..lexicons import QUOTATION_MARKS
from ..types import TargetStance
from . import lexicon

_QUOTES = "".join(sorted(QUOTATION_MARKS))

_SUBJ_DEPS = frozenset({"nsubj", "nsubj:pass", "csubj", "expl"})
# Children of the predicate that are *not* part of its evaluative neighbourhood.
_SKIP_DEPS = frozenset({"punct", "ccomp", "parataxis", "advcl", "mark", "cc", "discourse", "dep", "list",
                        "vocative", "conj", "acl:relcl", "csubj", "reparandum", "aux", "aux:pass"})
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


def squash(total: float) -> float:
    """VADER's normalisation of a raw valence sum into (-1, 1) (VADER's own function, its alpha included)."""
    return _vader_normalize(total)


@lru_cache(maxsize=65536)  # the same nouns and names come back in every document
def _clean(text: str) -> str:
    text = text.strip().strip(_QUOTES).strip()
    for det in _STRIP_DETS:
        if text.startswith(det):
            text = text[len(det):]
    if text.endswith("'s") or text.endswith("’s"):
        text = text[:-2]
    return text.strip()


@lru_cache(maxsize=64)  # every quote of a document gets the same names
def _name_words(names: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """Each distinct non-blank name with its lower-cased words."""
    return [(name, name.lower().split()) for name in dict.fromkeys(n for n in names if n and n.strip())]


def _targets(analysis: DocAnalysis, span: Span, names: Sequence[str]) -> list[tuple[str, int, int, str]]:
    """``(text, start, end, source)`` of each target of ``span`` (see :func:`find_targets`), in text order."""
    targets: list[tuple[str, int, int, str]] = []
    covered: set[int] = set()
    table = analysis.table
    lower = table.lower
    lowered = analysis.span_text(span).lower()
    where: Optional[dict[str, list[int]]] = None  # lower-cased word -> its positions in the span
    for name, words in _name_words(tuple(names)):
        if words[0] not in lowered:
            continue
        if where is None:
            where = {}
            for i in range(span.start, span.end):
                where.setdefault(lower[i], []).append(i)
        for i in where.get(words[0], ()):
            if i in covered:
                continue
            end = i + len(words)
            if end <= span.end and lower[i:end] == words:
                targets.append((name, i, end, "resolved"))
                covered.update(range(i, end))
    for ent in analysis.ents_in(span):
        if ent.label_ in _TARGET_ENT_LABELS:
            if any(i in covered for i in range(ent.start, ent.end)):
                continue
            text = _clean(analysis.span_text(ent))
            if text:
                targets.append((text, ent.start, ent.end, "entity"))
                covered.update(range(ent.start, ent.end))
    pos, dep, children, idx, length = table.pos, table.dep, table.children, table.idx, table.length
    text_of_doc = analysis.text
    for i in range(span.start, span.end):
        if pos[i] not in _NOMINAL_POS or i in covered or dep[i] in ("compound", "flat", "flat:name"):
            continue
        start = i  # the noun with the compound/flat words before it
        for c in children(i):
            if span.start <= c < start and dep[c] in ("compound", "flat"):
                start = c
        if covered and any(k in covered for k in range(start, i + 1)):
            continue
        text = _clean(text_of_doc[idx[start]:idx[i] + length[i]])
        if text:
            targets.append((text, start, i + 1, "noun"))
            covered.update(range(start, i + 1))
    targets.sort(key=lambda t: t[1])
    return targets


def find_targets(span: Span, *, names: Sequence[str] = (), analysis: Optional[DocAnalysis] = None) -> list[Target]:
    """Targets inside ``span``: occurrences of ``names`` (resolved entities), named entities, noun-phrase heads.

    A noun head already covered by an entity is not repeated; order follows the text. ``analysis``: the Doc's
    :class:`~quotekit.analysis.DocAnalysis` (else a fresh one is made).
    """
    doc = span.doc
    analysis = analysis if analysis is not None else analysis_of(doc)
    return [Target(text, tuple(doc[start:end]), source) for text, start, end, source in _targets(analysis, span, names)]


# ---- the neighbourhood walk, on token indices (the Doc's TokenTable) ---------------------------------------------
_WORD_VALENCE: dict[tuple[str, int], float] = {}
"""(lower-cased word, lemma hash) -> raw valence, as :func:`_valence` found it: a pure memo (the same for every
document), so documents analysed at the same time may share it."""


def _valence(t: TokenTable, i: int) -> float:
    low = t.lower[i]
    key = (low, t.lemma_id[i])
    value = _WORD_VALENCE.get(key)
    if value is None:
        if len(_WORD_VALENCE) >= 100_000:  # bounded: a corpus of millions of words must not grow it for ever
            _WORD_VALENCE.clear()
        value = _WORD_VALENCE[key] = _word_valence(low, t.lemma_of(i))
    return value


def _word_valence(low: str, lemma: str) -> float:
    if low in lexicon.negators():
        return 0.0  # negators act on what they modify (_negated), they carry no valence of their own
    table = lexicon.valences()
    for key in (low, lemma.lower(), low.lstrip("#")):
        if key in table:
            return table[key] * 4.0
    return 0.0


def _negated(t: TokenTable, i: int) -> bool:
    neg = lexicon.negators()
    return any(t.lower[c] in neg for c in t.children(i))


def _case(t: TokenTable, i: int) -> Optional[str]:
    for c in t.children(i):
        if t.dep[c] == "case":
            return t.lower[c]
    return None


def _signed(t: TokenTable, i: int) -> float:
    value = _valence(t, i)
    if value and _negated(t, i):
        value *= _N_SCALAR
    return value


_NP_MODIFIERS = frozenset({"amod", "appos", "acl", "nmod", "compound", "advmod"})
_PHRASE_MODIFIERS = frozenset({"amod", "compound", "nmod:poss"})
_BARE_MODIFIERS = frozenset({"amod", "acl", "acl:relcl"})
_ATTACHMENTS = frozenset({"nmod", "obl", "conj", "appos"})
_NOT_WORDS = _SKIP_DEPS | {"case"}
_CLIMB_POS = _NOMINAL_POS | {"ADP", "NUM", "PRON"}


def _neighbourhood(t: TokenTable, target: list[int], lo: int, hi: int) -> tuple[list[int], Optional[int], str]:
    """:func:`neighbourhood_tokens` on indices: evaluating words, governing predicate, role."""
    heads, dep, pos, punct, children = t.head, t.dep, t.pos, t.is_punct, t.children
    ids = set(target)
    head = next((k for k in target if heads[k] not in ids or heads[k] == k), target[0])

    def inside(k: int) -> bool:  # a word of the span, outside the target, not punctuation
        return lo <= k < hi and k not in ids and not punct[k]

    words: list[int] = [c for c in children(head) if inside(c) and dep[c] in _NP_MODIFIERS]
    # coordinated/apposed targets share their first conjunct's role ("a threat to Japan, the region and ...")
    anchor = head
    while dep[anchor] in ("conj", "appos") and heads[anchor] != anchor and lo <= heads[anchor] < hi:
        anchor = heads[anchor]
    anchor_case = _case(t, anchor)
    recipient = anchor_case in _RECIPIENT_CASES
    stance_case = anchor_case if anchor_case in _STANCE_CASES else None
    # 1. up the noun phrase: words passed on the way and their modifiers
    node = head
    role = "root"
    steps = 0
    while heads[node] != node and steps < 6:
        parent = heads[node]
        if dep[node] in _SUBJ_DEPS:
            role = "subj"
            break
        if pos[parent] in _CLIMB_POS:
            if pos[parent] == "ADP":
                node = parent
                steps += 1
                continue
            if not (lo <= parent < hi):
                return words, None, role
            if recipient and dep[node] in _ATTACHMENTS:
                # "a threat to Japan": Japan is the one affected, not judged
                return words, None, "to"
            if stance_case and dep[node] in _ATTACHMENTS:
                return words, parent, stance_case  # "support for Hillary", "the case against her"
            words.append(parent)
            words.extend(c for c in children(parent) if inside(c) and c != node and dep[c] in _PHRASE_MODIFIERS)
            node = parent
            steps += 1
            continue
        role = "obj"
        break
    if heads[node] == node:
        # a bare noun phrase: its own modifiers are all we have
        words.extend(c for c in children(node) if inside(c) and dep[c] in _BARE_MODIFIERS)
        return words, None, "root"
    pred = heads[node]
    if dep[node] in _SUBJ_DEPS:
        role = "subj"
    if not (lo <= pred < hi):
        return words, None, role
    if recipient and role != "subj":
        return words, pred, "to"
    if stance_case and role != "subj":
        return words, pred, stance_case  # "vote for Hillary", "fight against pollution"
    words.append(pred)
    if role == "subj" or pos[pred] == "ADJ":
        for child in children(pred):
            if not inside(child) or child == node or dep[child] in _SKIP_DEPS or dep[child] in _SUBJ_DEPS:
                continue
            case = _case(t, child)
            if case in _RECIPIENT_CASES or case in _STANCE_CASES:
                continue  # recipients are not judged; stance obliques are read in _polarity
            words.append(child)
            words.extend(g for g in children(child) if inside(g) and dep[g] not in _NOT_WORDS)
    return words, pred, role


def _polarity(t: TokenTable, target: list[int], lo: int, hi: int) -> float:
    words, pred, role = _neighbourhood(t, target, lo, hi)
    total = 0.0
    seen: set[int] = set()
    for w in words:
        if w in seen or w == pred:
            continue
        seen.add(w)
        total += _signed(t, w)
    if pred is None:
        return squash(total)
    if role in _STANCE_CASES:
        # the target is what the predicate is for/against: the preposition decides, the verb's valence does not
        total += _STANCE_CASES[role] * _STANCE_PREP_VALENCE
        if _negated(t, pred):
            total *= _N_SCALAR
        return squash(total)
    obliques = []
    if role == "subj":  # "feminists are fighting for equality": the subject takes the side of the oblique
        ids = set(target)
        for child in t.children(pred):
            case = _case(t, child)
            if case in _STANCE_CASES and lo <= child < hi and child not in ids:
                obliques.append((_STANCE_CASES[case], child))
    if obliques:
        for sign, obl in obliques:
            value = _signed(t, obl) + sum(_signed(t, g) for g in t.children(obl) if t.dep[g] in ("amod", "compound"))
            total += sign * (value if value else 0.0)
    else:
        total += _valence(t, pred)
    if _negated(t, pred):
        total *= _N_SCALAR
    return squash(total)


def _bounds(doc, within: Optional[Span]) -> tuple[int, int]:
    return (within.start, within.end) if within is not None else (0, len(doc))


def neighbourhood_tokens(target_tokens: Iterable[Token], *, within: Optional[Span] = None) -> tuple[list[Token], Optional[Token], str]:
    """Words that evaluate a target, its governing predicate, and the target's role (``subj``/``obj``/``to``/``root``).

    ``within`` limits the neighbourhood to a span (a quote's own words).
    """
    toks = list(target_tokens)
    doc = toks[0].doc
    words, pred, role = _neighbourhood(TokenTable(doc), [x.i for x in toks], *_bounds(doc, within))
    return [doc[w] for w in words], None if pred is None else doc[pred], role


def target_polarity(target_tokens: Sequence[Token], *, within: Optional[Span] = None,
                    analysis: Optional[DocAnalysis] = None) -> float:
    """Polarity in [-1, 1] toward the target made of ``target_tokens`` (see module notes). ``analysis``: the Doc's
    :class:`~quotekit.analysis.DocAnalysis`, whose token table is built once per document (else one is built here,
    for this call)."""
    toks = list(target_tokens)
    doc = toks[0].doc
    table = analysis.table if analysis is not None else TokenTable(doc)
    return _polarity(table, [x.i for x in toks], *_bounds(doc, within))


def targeted_stance(span: Span, *, names: Sequence[str] = (), prior: float = 0.0, prior_weight: float = 0.5,
                    analysis: Optional[DocAnalysis] = None) -> list[TargetStance]:
    """One :class:`TargetStance` per target in ``span`` (see :func:`find_targets`).

    ``prior`` (e.g. the attribution frame's polarity, "criticized" -> -0.8) is added with ``prior_weight``
    before clipping; targets with the same text are merged by averaging. ``analysis``: the Doc's
    :class:`~quotekit.analysis.DocAnalysis` (else a fresh one is made).
    """
    analysis = analysis if analysis is not None else analysis_of(span.doc)
    table = analysis.table
    by_text: dict[str, list[float]] = {}
    for text, start, end, _source in _targets(analysis, span, names):
        value = _polarity(table, list(range(start, end)), span.start, span.end) + prior_weight * prior
        by_text.setdefault(text, []).append(max(-1.0, min(1.0, value)))
    return [TargetStance(text, round(sum(v) / len(v), 4)) for text, v in by_text.items()]
