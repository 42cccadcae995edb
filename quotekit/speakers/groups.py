""":mod:`quotekit.speakers.groups`: speakers that are several entities.

* A coordination of people's names ("Sens. Lindsey Graham and John McCain said") is a group of its conjuncts'
  entities (organisations are left alone: "Fox and Friends" is one show).
* "they" refers to a coordination of names in its own or the previous sentence when no plural noun phrase
  stands between them ("Graham and McCain ... They said").
* A counted plural ("Two senior lawmakers", "both senators") refers to a coordination of exactly that many
  people within three sentences, before (anaphora) or after it (cataphora: "Two senior lawmakers said ...
  Sens. Graham and McCain"), whose members the document gave a role (or a title before them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from .. import lexicons
from .coref import DocEntities, Entity
from .mentions import title_or_role_at

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2, "2": 2, "3": 3, "4": 4, "5": 5}
_GROUP_WINDOW = 3  # sentences a counted plural looks around for its members


@dataclass(frozen=True)
class Group:
    """A coordination of named entities: its first conjunct's head token and its members, in text order."""

    anchor: int
    members: tuple[Entity, ...]


def conjuncts(head: Token) -> list[Token]:
    """``head`` and every token coordinated with it (``conj`` chains)."""
    out, todo = [], [head]
    while todo:
        tok = todo.pop(0)
        out.append(tok)
        todo.extend(c for c in tok.children if c.dep_ == "conj")
    return sorted(out, key=lambda t: t.i)


def _member(index: DocEntities, tok: Token) -> Optional[Entity]:
    key = index.token_entity.get(tok.i)
    if key is not None:
        return index.entities[key]
    if tok.pos_ == "PROPN":
        return index.person_from_name(tok.doc[tok.i : tok.i + 1])
    return None


def coordination_at(index: DocEntities, head: Token, span: Optional[Span] = None) -> Optional[Group]:
    """The group a coordination of names headed by ``head`` forms (all conjuncts inside ``span`` when given);
    None unless there are two or more conjuncts and every one is a known person."""
    conj = conjuncts(head)
    if span is not None:
        conj = [t for t in conj if span.start <= t.i < span.end]
    if len(conj) < 2 or not any(c.dep_ == "cc" for t in conj[1:] for c in t.children):
        return None
    members: list[Entity] = []
    for tok in conj:
        entity = _member(index, tok)
        if entity is None or entity.type != "person":
            return None  # people only: "Fox and Friends" is a show, "Procter & Gamble" one company
        if entity not in members:
            members.append(entity)
    return Group(conj[0].i, tuple(members)) if len(members) >= 2 else None


def document_groups(index: DocEntities) -> list[Group]:
    """Every coordination of two or more known people in the document, in text order."""
    groups: list[Group] = []
    seen: set[int] = set()
    for i, key in sorted(index.token_entity.items()):
        tok = index.doc[i]
        if i in seen or index.entities[key].type != "person" or tok.dep_ == "conj":
            continue
        if not any(c.dep_ == "conj" for c in tok.children):
            continue
        group = coordination_at(index, tok)
        if group is not None and all(m.type == "person" for m in group.members) and not _examples(tok):
            groups.append(group)
            seen.update(t.i for t in conjuncts(tok))
    return groups


_EXAMPLE_MARKERS = frozenset({"like", "including"})


def _examples(first: Token) -> bool:
    """A coordination that lists examples of something else ("stars like Brandy, Monica and Lauryn Hill",
    "such as", "including"): "they" later refers to that something, not to the names."""
    doc = first.doc
    words = [t.lower_ for t in doc[max(0, first.left_edge.i - 2) : first.i]]
    return bool(words) and (words[-1] in _EXAMPLE_MARKERS or words[-2:] == ["such", "as"])


def _plural_noun_between(index: DocEntities, start: int, end: int) -> bool:
    doc = index.doc
    return any(doc[i].pos_ == "NOUN" and doc[i].tag_ == "NNS" and doc[i].dep_ in ("nsubj", "nsubj:pass")
               for i in range(start, end))


def group_for_they(index: DocEntities, pron: Token, groups: list[Group]) -> Optional[tuple[Group, int]]:
    """The coordination "they" refers to (and its distance in sentences), if one stands in the same or the
    previous sentence with no plural subject noun phrase after it."""
    best = None
    for group in groups:
        if group.anchor >= pron.i:
            break
        distance = index.sent_of[pron.i] - index.sent_of[group.anchor]
        if distance <= 1:
            best = (group, distance)
    if best is None or _plural_noun_between(index, best[0].anchor + 1, pron.i):
        return None
    return best


def counted_plural(span: Span, head: Token) -> Optional[int]:
    """How many people a counted plural of a person noun (a role word or a sourcing noun) names ("two senior lawmakers" -> 2, "both senators" -> 2), else None."""
    if head.tag_ not in ("NNS", "NNPS") or not _person_noun(head):
        return None  # "the two camps", "both bills": not people
    for tok in span:
        if tok.i < head.i and tok.lower_ in _NUMBERS and tok.dep_ in ("nummod", "det", "det:predet", "amod"):
            return _NUMBERS[tok.lower_]
    return None


def _introduced_with_role(index: DocEntities, group: Group) -> bool:
    """The document says what the members are: a member's stated role, or a title or role word right before the
    coordination ("Sens. Graham and McCain", "senators Graham and McCain")."""
    if any(m.roles for m in group.members):
        return True
    start = group.anchor
    doc = index.doc
    while start > 0 and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == ".") \
            and not _title_like(index, start - 1):
        start -= 1
    return start > 0 and _title_like(index, start - 1)


def _title_like(index: DocEntities, i: int) -> bool:
    """A title or role word, plural abbreviations included ("Sens.", "Reps": the plural of "Sen.", "Rep.")."""
    low = index.table.lower[i].rstrip(".")
    titles = lexicons.titles()
    return title_or_role_at(index.table, i) or f"{low}." in titles or (low.endswith("s") and f"{low[:-1]}." in titles)


def _person_noun(head: Token) -> bool:
    words = lexicons.role_words() | lexicons.anonymous_heads()
    lemma = head.lemma_.lower()
    return lemma in words or head.lower_ in words or (lemma.endswith("s") and lemma[:-1] in words)


def group_for_count(index: DocEntities, head: Token, count: int, groups: list[Group]) -> Optional[tuple[Group, int]]:
    """The nearest coordination of ``count`` people with stated roles within :data:`_GROUP_WINDOW` sentences of
    a counted plural, before or after it (and its signed distance in sentences)."""
    best, best_gap = None, None
    for group in groups:
        if len(group.members) != count or not _introduced_with_role(index, group):
            continue
        distance = index.sent_of[head.i] - index.sent_of[group.anchor]
        if abs(distance) > _GROUP_WINDOW:
            continue
        gap = abs(group.anchor - head.i)
        if best_gap is None or gap < best_gap:
            best, best_gap = (group, distance), gap
    return best
