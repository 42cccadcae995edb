""":mod:`quotekit.speakers`: speaker entities, roles and types within a document; corpus-wide ids.

:func:`resolve_speakers` maps each attribution's speaker mention to the entity it refers to (see
:mod:`quotekit.speakers.coref` for the algorithm), its type and its role; :func:`canonical.assign_speaker_ids`
gives speakers one key across a corpus.
"""
from __future__ import annotations

from typing import Optional, Union

from spacy.tokens import Doc, Span

from ..analysis import DocAnalysis, analysis_of
from ..types import Attribution, SpeakerInfo
from .. import lexicons
from .coref import DocEntities, Entity
from .mentions import NEUTER_PRONOUNS, PLURAL_PRONOUNS, Mention, classify
from .roles import nominal_role, role_of
from .types import is_definite, is_plural, name_type, nominal_type

__all__ = ["resolve_speakers", "resolve_mention", "DocEntities"]


def _info(entity: Optional[Entity], fallback_role: Optional[str] = None) -> SpeakerInfo:
    if entity is None:
        return SpeakerInfo()
    return SpeakerInfo(entity.name, entity.type, entity.role or fallback_role)  # type: ignore[arg-type]


def _strip_det(span: Span) -> str:
    toks = list(span)
    while toks and (toks[0].lower_ in ("the", "a", "an", "this", "that") or toks[0].is_punct):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    return span.doc[toks[0].i : toks[-1].i + 1].text if toks else span.text


def resolve_mention(
    index: DocEntities,
    mention: Mention,
    *,
    enclosing: Optional[SpeakerInfo] = None,
    extra: Optional[dict[int, float]] = None,
) -> SpeakerInfo:
    """Resolve one classified mention against a document's entity index.

    ``enclosing`` is the resolution of the quote the mention sits in (first person "I" refers to its speaker);
    ``extra`` adds salience to earlier speaker-mention tokens (recent speakers are likely pronoun antecedents).
    """
    kind, head, span = mention.kind, mention.head, mention.span
    if kind == "empty" or head is None:
        return SpeakerInfo()
    if kind == "name":
        name = mention.name
        entity = index.entity_at(name) or index.person_from_name(name)
        if entity is not None:  # (the role at this mention only where the entity has none)
            return _info(entity, None if entity.role else role_of(name, index.table))
        typ = name_type(name)
        role = role_of(name, index.table) if typ == "person" else None
        return SpeakerInfo(_strip_det(name), typ, role)  # type: ignore[arg-type]
    if kind == "first_person":
        if enclosing is not None and head.lower_ in ("i", "me", "myself"):
            return SpeakerInfo(enclosing.entity, enclosing.type, enclosing.role)
        return SpeakerInfo()
    if kind == "relative":
        antecedent = _relative_antecedent(head)
        if antecedent is None:
            return SpeakerInfo()
        return resolve_mention(index, classify(_noun_phrase(antecedent), index.analysis), enclosing=enclosing,
                               extra=extra)
    if kind == "pronoun":
        low = head.lower_
        if low in PLURAL_PRONOUNS:
            return SpeakerInfo(None, "anonymous")
        if low in NEUTER_PRONOUNS:
            return _info(index.latest_org(head.i))
        return _info(index.resolve_pronoun(head, extra=extra))
    # nominal
    lemma = head.lemma_.lower()
    if head.ent_type_ in ("DATE", "TIME"):  # "Broaddrick Sunday night": the parse took the date for the head
        entity = index.entity_at(span)
        if entity is not None:
            return _info(entity)
    owner = _possessor(index, span, head)
    if owner is not None and lemma in lexicons.organization_heads():  # "His campaign" -> "Bernie Sanders campaign"
        return SpeakerInfo(f"{owner.name} {head.text}", "organization")
    if is_definite(span):
        if head.lower_ in lexicons.media_anaphors() or lemma in lexicons.media_anaphors():
            entity = index.latest_org(head.i, media=True)
            if entity is not None:
                return _info(entity)
        entity = index.resolve_nominal(span, head)
        if entity is not None:
            return _info(entity)
        if lemma in lexicons.organization_heads():
            entity = index.latest_org(head.i, words=frozenset({lemma}))
            if entity is not None:
                return _info(entity)
        if _is_person_noun(head) and _plain_definite(head) and not is_plural(head):
            # "the actor", "the GOP front-runner": a definite description of the person in focus
            entity = index.resolve_pronoun(head, extra=extra, gender="they", window=2)
            if entity is not None:
                return _info(entity, nominal_role(span, index.table))
    typ = nominal_type(span, head)
    if typ == "organization":
        return SpeakerInfo(_strip_det(span), "organization")
    role = nominal_role(span, index.table) if typ == "anonymous" else None
    return SpeakerInfo(None, typ, role)  # type: ignore[arg-type]


def _is_person_noun(head) -> bool:
    words = lexicons.role_words()
    doc = head.doc
    hyphenated = doc[head.i - 2 : head.i + 1].text.lower() if head.i >= 2 and doc[head.i - 1].text == "-" else ""
    return head.lemma_.lower() in words or head.lower_ in words or hyphenated in words


def _plain_definite(head) -> bool:
    """ "the/this/that" + noun, without a possessor ("the state's leader" is someone else's leader)."""
    children = list(head.children)
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children) and not any(
        c.dep_ == "nmod:poss" for c in children)


def _possessor(index: DocEntities, span: Span, head) -> Optional[Entity]:
    """The person a nominal's possessive determiner refers to ("his" / "Sanders's" campaign)."""
    for child in head.children:
        if child.dep_ == "nmod:poss" and span.start <= child.i < span.end:
            if child.lower_ in ("his", "her"):
                pron = child.doc[child.i : child.i + 1]
                gendered = "he" if child.lower_ == "his" else "she"
                return index.resolve_pronoun(pron[0], gender=gendered)
            return index.entity_at(child.doc[child.left_edge.i : child.i + 1])
    return None


def _relative_antecedent(pron):
    verb = pron.head
    if verb.dep_ in ("acl:relcl", "acl") and verb.head is not verb:
        return verb.head
    return None


def _noun_phrase(token) -> Span:
    doc = token.doc
    start = token.left_edge.i
    return doc[start : token.i + 1]


def resolve_speakers(doc: Union[Doc, DocAnalysis], attributions: list[Attribution]) -> list[SpeakerInfo]:
    """One :class:`SpeakerInfo` per attribution: the entity its speaker mention refers to, its type and role.

    Pure: reads the Doc (tokens, parse, named entities; through its :class:`~quotekit.analysis.DocAnalysis` when
    given one, else a fresh one) and the attributions' speaker/content spans only.
    Attributions are resolved in document order of their speaker mentions, so a pronoun can prefer the speaker
    of the previous quote; a first-person speaker inside a direct quote takes the quote's speaker.
    """
    analysis = analysis_of(doc)
    index = DocEntities(analysis)
    infos: list[Optional[SpeakerInfo]] = [None] * len(attributions)
    mentions = [classify(att.speaker, analysis) for att in attributions]

    def key(n: int) -> tuple[int, int]:
        att = attributions[n]
        span = att.speaker if att.speaker is not None else att.content
        inner = 1 if mentions[n].kind == "first_person" else 0  # resolve enclosing quotes first
        return (inner, span.start if span is not None else 0)

    speaker_bonus: dict[int, float] = {}
    for n in sorted(range(len(attributions)), key=key):
        mention = mentions[n]
        enclosing = None
        if mention.kind == "first_person":
            enclosing = _enclosing(n, attributions, infos)
        info = resolve_mention(index, mention, enclosing=enclosing, extra=speaker_bonus)
        infos[n] = info
        anchor = mention.name[-1].i if mention.kind == "name" and mention.name is not None else (
            mention.head.i if mention.head is not None else None)
        if anchor is None or info.entity is None:
            continue
        entity = index.find(info.entity)
        if entity is not None:  # the resolved mention joins its entity: later pronouns can chain through it
            index.add_mention(entity, anchor)
            speaker_bonus[anchor] = speaker_bonus.get(anchor, 0.0) + 1.0
    return [info or SpeakerInfo() for info in infos]


def _enclosing(n: int, attributions: list[Attribution], infos: list[Optional[SpeakerInfo]]) -> Optional[SpeakerInfo]:
    speaker = attributions[n].speaker
    for m, att in enumerate(attributions):
        if m == n or infos[m] is None or att.content is None or att.kind == "indirect":
            continue
        if att.content.start <= speaker.start and speaker.end <= att.content.end:
            return infos[m]
    return None
