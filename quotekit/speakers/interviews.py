""":mod:`quotekit.speakers.interviews`: who speaks in the turns of an interview transcript.

A transcript labels its turns by function (``Q:`` / ``A:``) or by a name in capitals (``TAPPER:``, ``JAKE
TAPPER:``). The attributor reads a paragraph opening with such a label and a colon as that turn's statement (rule
``headline_colon``); :func:`turn_speakers` says whom each label stands for.

*Name labels* are the person of the document with that last name (``LOPEZ`` -> Maria Lopez, named in ordinary
case anywhere in the text or in a full-name label), or the full-name label itself, spelled as the document spells
it elsewhere (``JAKE TAPPER`` -> Jake Tapper); a label matching no one or several people is left to the
resolver.

*Function labels*: ``A`` is the interviewee, ``Q`` the interviewer, read off what the document states before its
first ``Q:`` / ``A:`` turn:

1. *interview phrases* (:data:`INTERVIEW_WORDS` before ``with`` / ``to`` / ``by`` / ``from``, or directly before
   a name): ``An interview with NAME``, ``Interview by X with NAME``, ``X sat down with NAME``, ``X interviewed
   NAME``, ``NAME was interviewed by X``, ``NAME spoke to OUTLET`` (a person after ``with`` / ``to`` is
   interviewed; an organisation there is the outlet that interviews), ``NAME told OUTLET``;
2. *named turns* of the same document: the one named speaker who asks questions interviews, the one who never
   does answers;
3. the interviewer, when nothing above names one, is the document's author (byline or ``author`` metadata), else
   the one news outlet named before the first turn (``... in the newsroom of The Springfield Times``); the
   interviewee, the one person named before the first turn (the interviewer aside), or the one named there
   at least twice and more often than anyone else (a Q&A's headline and intro name its subject).

Nobody named: the label stays what it is -- no entity, type ``unknown``, role ``interviewer`` /
``interviewee`` -- never a made-up person ("Q") nor unnamed sourcing ("anonymous"). Two candidates for one side
are no answer either.
"""
from __future__ import annotations

from collections import Counter
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple, Optional, Sequence

from spacy.tokens import Span

from .. import lexicons
from ..types import Attribution, SpeakerInfo
from .roles import role_of

if TYPE_CHECKING:
    from .authors import Author
    from .coref import DocEntities

TURN_LABELS = MappingProxyType({"Q": "interviewer", "A": "interviewee"})
"""Function label -> the party it stands for."""
TURN_RULE = "headline_colon"
"""The attributor rule that reads ``LABEL: ...`` paragraphs."""
INTERVIEW_WORDS = frozenset({
    "interview", "interviews", "interviewed", "interviewing", "q&a", "conversation", "conversations", "talk",
    "talks", "talked", "talking", "spoke", "speaks", "speaking", "chat", "chats", "chatted", "sat", "sits",
    "sitting", "questions", "questioned", "asked", "asks", "conducted",
})
"""Words that make a following ``with`` / ``to`` / ``by`` / ``from`` or name an interview's party."""
_NOT_BEFORE_NAME = frozenset({"questions", "conversation", "conversations", "talks", "talk", "conducted"})
"""Interview words that take no person as their object (``talks Lopez`` is not "talked to Lopez")."""
TOLD_WORDS = frozenset({"told", "tells", "telling"})
"""``NAME told OUTLET``: the name is interviewed by the outlet."""
CUE_WINDOW = 5
_TITLE_GAP = 3
"""Words a title may put between ``with`` and a name (``with Vice President Joe Biden``, ``with the actress``)."""
_TITLE_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN"})
_AUXILIARY_POS = frozenset({"AUX", "ADV", "PART"})
"""What may stand between a name and the interview word after it (``NAME was interviewed``, not ``..., where he
spoke``: another subject)."""
"""How many words before ``with`` / ``to`` / ``by`` an interview word may stand (``Interview by John Smith with``)."""
PROBABILITY = MappingProxyType({"phrase": 0.9, "named_turns": 0.85, "author": 0.8, "only_person": 0.75,
                                 "main_person": 0.7, "outlet": 0.7})
"""Confidence of each way of finding a function label's party (fixed, not fitted: no transcript gold to fit on)."""


class TurnSpeaker(NamedTuple):
    """A turn label's speaker: the answer, the evidence (``name`` for name labels, ``interview`` for ``Q``/``A``)
    and its probability."""

    info: SpeakerInfo
    evidence: str
    probability: float


class Party(NamedTuple):
    """One side of an interview and how it was found (a key of :data:`PROBABILITY`)."""

    info: SpeakerInfo
    found_by: str


def is_turn(att: Attribution) -> bool:
    """``Q: ...`` / ``A: ...``: a transcript turn whose speaker mention is a function label."""
    return att.rule == TURN_RULE and att.speaker is not None and att.speaker.text in TURN_LABELS


def is_named_turn(att: Attribution) -> bool:
    """``LOPEZ: ...`` / ``JAKE TAPPER: ...``: a turn labelled with a name in capitals (a headline's ``Trump: ...``
    is the name's own business)."""
    if att.rule != TURN_RULE or att.speaker is None or is_turn(att):
        return False
    words = [t for t in att.speaker if t.is_alpha]
    return bool(words) and all(t.is_upper and len(t) > 1 for t in words)


def turn_speakers(index: "DocEntities", attributions: Sequence[Attribution],
                  author: Optional["Author"] = None) -> dict[int, TurnSpeaker]:
    """The speaker of each transcript turn among ``attributions`` that this module answers for (by position;
    others are absent and resolved as any mention): see the module docstring."""
    named = _named_turn_people(index, attributions)
    out = {n: TurnSpeaker(info, "name", 1.0) for n, info in named.items()}
    turns = [n for n, att in enumerate(attributions) if is_turn(att)]
    if not turns:
        return out
    first = min(attributions[n].speaker.start for n in turns)
    parties = interview_parties(index, attributions, named, first, author)
    for n in turns:
        side = TURN_LABELS[attributions[n].speaker.text]
        party = parties.get(side)
        out[n] = (TurnSpeaker(SpeakerInfo(None, "unknown", side), "interview", 0.0) if party is None
                  else TurnSpeaker(party.info, "interview", PROBABILITY[party.found_by]))
    return out


def interview_parties(index: "DocEntities", attributions: Sequence[Attribution], named: dict[int, SpeakerInfo],
                      first_turn: int, author: Optional["Author"] = None) -> dict[str, Party]:
    """``{"interviewer": Party, "interviewee": Party}`` as far as the document states them before token
    ``first_turn`` (its first ``Q:`` / ``A:`` turn); ``named``: the name labels' people."""
    names = [e for e in index.doc.ents if e.end <= first_turn and e.label_ in ("PERSON", "ORG")]
    found: dict[str, list[SpeakerInfo]] = {"interviewer": [], "interviewee": []}
    for side, span in _phrase_parties(index, names, first_turn):
        found[side].append(_info(index, span))
    parties = {side: Party(only, "phrase") for side, infos in found.items() if (only := _one(infos)) is not None}
    for side, info in _named_turn_parties(index, attributions, named).items():
        parties.setdefault(side, Party(info, "named_turns"))
    if "interviewer" not in parties and author is not None and author.person:
        parties["interviewer"] = Party(SpeakerInfo(author.name, "person", None, entities=(author.name,)), "author")
    if "interviewer" not in parties:
        outlet = _one([_info(index, e) for e in names if e.label_ == "ORG" and _is_outlet(e)])
        if outlet is not None:
            parties["interviewer"] = Party(outlet, "outlet")
    if "interviewee" not in parties:
        taken = {_last_word(p.info.entity) for p in parties.values()}
        people = [_info(index, e) for e in names if e.label_ == "PERSON"]
        main = _main_person([p for p in people if _last_word(p.entity) not in taken])
        if main is not None:
            parties["interviewee"] = main
    return parties


def _main_person(mentions: list[SpeakerInfo]) -> Optional[Party]:
    """The one person named (``only_person``), else the one named at least twice and more often than anyone
    else (``main_person``: a Q&A's headline and intro name its subject; people named in passing once)."""
    counts = Counter(m.entity for m in mentions)
    if not counts:
        return None
    ranked = counts.most_common(2)
    info = next(m for m in mentions if m.entity == ranked[0][0])
    if len(ranked) == 1:
        return Party(info, "only_person")
    if ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1]:
        return Party(info, "main_person")
    return None


def _one(infos: list[SpeakerInfo]) -> Optional[SpeakerInfo]:
    """The one entity among the candidates (mentioned once or more), else None."""
    return infos[0] if len({i.entity for i in infos}) == 1 else None


def _is_outlet(span: Span) -> bool:
    """A news outlet's name: its last word is an outlet word of the media lexicon (Times, Post, CNN)."""
    return span[-1].lower_ in lexicons.media_name_words()


def _last_word(name: Optional[str]) -> str:
    return name.split()[-1].lower() if name else ""


def _phrase_parties(index: "DocEntities", names: list[Span], first_turn: int) -> list[tuple[str, Span]]:
    """(side, name) pairs the interview phrases before token ``first_turn`` state (rule 1 of the module
    docstring)."""
    table, para, sent = index.table, index.analysis.para, index.sent_of
    lower, pos = table.lower, table.pos
    out: list[tuple[str, Span]] = []

    def after(k: int) -> Optional[Span]:  # the name after token k, past a title ("with Vice President NAME")
        return next((e for e in names if k < e.start <= k + 1 + _TITLE_GAP and sent[e.start] == sent[k]
                     and all(pos[i] in _TITLE_POS for i in range(k + 1, e.start))), None)

    def before(k: int) -> Optional[Span]:  # the name just before token k ("NAME [has] interviewed")
        return next((e for e in reversed(names) if k - 3 <= e.end <= k and sent[e.start] == sent[k]
                     and all(pos[i] in _AUXILIARY_POS for i in range(e.end, k))), None)

    for k in range(first_turn):
        word = lower[k]
        if word in TOLD_WORDS:  # "NAME told OUTLET"
            outlet, person = after(k), before(k)
            if outlet is not None and outlet.label_ == "ORG" and person is not None and person.label_ == "PERSON":
                out += [("interviewer", outlet), ("interviewee", person)]
            continue
        if word in INTERVIEW_WORDS and word not in _NOT_BEFORE_NAME:  # "X interviewed NAME", "X asked NAME"
            asked = after(k)
            if asked is not None and asked.start == k + 1 and asked.label_ == "PERSON":
                out.append(("interviewee", asked))
                asker = before(k)
                if asker is not None:
                    out.append(("interviewer", asker))
        if word not in ("with", "to", "by", "from"):
            continue
        cues = [i for i in range(max(0, k - CUE_WINDOW), k)
                if lower[i] in INTERVIEW_WORDS and sent[i] == sent[k] and para[i] == para[k]]
        party = after(k)
        if not cues or party is None:
            continue
        if word in ("by", "from"):  # "Interview by X", "NAME was interviewed by X", "Questions from X"
            sides = ("interviewer", "interviewee")
        elif party.label_ == "PERSON":  # "An interview with NAME", "X spoke with NAME"
            sides = ("interviewee", "interviewer")
        else:  # "NAME spoke to OUTLET", "in an interview with OUTLET"
            sides = ("interviewer", "interviewee")
        out.append((sides[0], party))
        other = before(cues[0])
        if other is not None and other is not party:
            out.append((sides[1], other))
    return out


def _named_turn_people(index: "DocEntities", attributions: Sequence[Attribution]) -> dict[int, SpeakerInfo]:
    """The person of each capitalised name label (full-name labels first, so ``TAPPER`` finds the ``JAKE TAPPER``
    of an earlier turn); the resolver reads a word in capitals as a common noun (``SMITH``/NN)."""
    named = [n for n, att in enumerate(attributions) if is_named_turn(att)]
    named.sort(key=lambda n: -sum(t.is_alpha for t in attributions[n].speaker))
    full_names: list[SpeakerInfo] = []
    seen: dict[tuple[str, ...], Optional[SpeakerInfo]] = {}  # a transcript repeats its labels: one look-up each
    out = {}
    for n in named:
        label = attributions[n].speaker
        words = [t for t in label if t.is_alpha]
        key = tuple(t.lower_ for t in words)
        if key not in seen:
            person = _person_named(index, label, full_names)
            if person is None and len(words) >= 2:
                name = " ".join(_spelling(index, t.lower_, t.text) for t in words)
                person = SpeakerInfo(name, "person", None, entities=(name,))
                full_names.append(person)
            seen[key] = person
        if seen[key] is not None:
            out[n] = seen[key]
    return out


def _named_turn_parties(index: "DocEntities", attributions: Sequence[Attribution],
                        named: dict[int, SpeakerInfo]) -> dict[str, SpeakerInfo]:
    """Interviewer and interviewee from named turns: the one named speaker who asks questions, the one who never
    does (``named``: the people :func:`_named_turn_people` found; other labels as written)."""
    asks: dict[str, bool] = {}
    infos: dict[str, SpeakerInfo] = {}
    for n, att in enumerate(attributions):
        if not is_named_turn(att):
            continue
        info = named.get(n) or _info(index, att.speaker)
        question = att.content.text.rstrip().endswith("?") or _paragraph_end(index, att.content.end) == "?"
        asks[info.entity] = asks.get(info.entity, False) or question
        infos.setdefault(info.entity, info)
    askers = [name for name, asked in asks.items() if asked]
    answerers = [name for name, asked in asks.items() if not asked]
    out = {}
    if len(askers) == 1:
        out["interviewer"] = infos[askers[0]]
    if len(answerers) == 1:
        out["interviewee"] = infos[answerers[0]]
    return out


def _person_named(index: "DocEntities", label: Span, extra: Sequence[SpeakerInfo] = ()) -> Optional[SpeakerInfo]:
    """The one person whose last name is the label's last word: among those the document names in ordinary case
    (indexed, or PERSON entities of an unindexed headline) and ``extra``; None if none or several."""
    last = _last_word(label.text)
    found: dict[str, SpeakerInfo] = {}
    for entity in index.entities:
        if entity.type == "person" and _last_word(entity.name) == last and not entity.name.isupper():
            found.setdefault(entity.name, SpeakerInfo(entity.name, "person", entity.role, entities=(entity.name,)))
    for ent in label.doc.ents:
        if ent.label_ == "PERSON" and _last_word(ent.text) == last and not ent.text.isupper():
            info = _info(index, ent)
            found.setdefault(info.entity, info)
    for info in extra:
        if _last_word(info.entity) == last:
            found.setdefault(info.entity, info)
    return next(iter(found.values())) if len(found) == 1 else None


def _spelling(index: "DocEntities", lower: str, fallback: str) -> str:
    """How the document writes a word outside capitals (``MCCAIN`` -> McCain), else the word title-cased."""
    table = index.table
    for k, low in enumerate(table.lower):
        if low == lower and not table.text[k].isupper():
            return table.text[k]
    return fallback.title()


def _paragraph_end(index: "DocEntities", end: int) -> str:
    """The first non-space character after token ``end`` within its paragraph ("?" of a question turn)."""
    table, para = index.table, index.analysis.para
    for k in range(end, len(table.text)):
        if para[k] != para[end - 1]:
            break
        if not table.is_space[k]:
            return table.text[k][:1]
    return ""


def _info(index: "DocEntities", span: Span) -> SpeakerInfo:
    """A party's speaker information: its document entity (canonical name, type, role) where the entity index
    has it (a headline's names are not indexed: then a person of the same last name, else the name as written)."""
    entity = index.entity_at(span)
    if entity is None and span.label_ != "ORG":
        last = _last_word(span.text)
        entity = next((e for e in index.entities if e.type == "person" and _last_word(e.name) == last), None)
    if entity is not None:
        role = entity.role or role_of(span, index.table)
        return SpeakerInfo(entity.name, entity.type, role, entities=(entity.name,))  # type: ignore[arg-type]
    words = [t for t in span if t.lower_ != "the" and not t.is_punct]
    name = span.doc[words[0].i:words[-1].i + 1].text if words else span.text
    typ = "organization" if span.label_ == "ORG" else "person"
    role = role_of(span, index.table) if typ == "person" else None
    return SpeakerInfo(name, typ, role, entities=(name,))  # type: ignore[arg-type]
