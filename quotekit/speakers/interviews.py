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
   [TITLE] NAME`` ("interviews academic NAME"), ``NAME was interviewed by X``, ``NAME spoke to OUTLET`` (a person
   after ``with`` / ``to`` is interviewed; an organisation there is the outlet that interviews), ``NAME told
   OUTLET``, ``NAME answered questions from X`` (or "took time to answer some questions"), ``X spoke with
   TITLE, NAME, about ...`` (the name in apposition), a headline's ``Interview: NAME``, ``X contacted NAME to ask
   her``;
2. *named turns* of the same document: the one named speaker who asks questions interviews, the one who never
   does answers;
3. the interviewer, when nothing above names one, is the document's author (byline or ``author`` metadata), else
   the one news outlet named before the first turn (``... in the newsroom of The Springfield Times``); the
   interviewee, the one person named before the first turn (the interviewer aside), or the one named there
   at least twice and more often than anyone else (a Q&A's headline and intro name its subject).

Two people on one side ("interviews NAME and NAME", "with NAME, NAME and NAME") are no answer for that side; an
interview's answers are nobody's either where a caption names another interviewee anywhere ("File photo of
interviewee NAME": one interview of several people).

*First person outside quotations* (:func:`first_person_speakers`): "I" in a labelled turn is the label's
speaker, in the answers of a stated question-and-answer interview the interviewee; also a pull quote signed by a
name, the counsel a hearing calls on (the reply to the call, the answers to the bench's questions), the writer
of each letter of a letters page, a speaker's self-introduction, a speech headline's one speaker ("Remarks by
NAME") and the name a story's characters call its narrator by.

Nobody named: the label stays what it is -- no entity, type ``unknown``, role ``interviewer`` /
``interviewee`` -- never a made-up person ("Q") nor unnamed sourcing ("anonymous"). Two candidates for one side
are no answer either.
"""
from __future__ import annotations

import re
from collections import Counter
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple, Optional, Sequence

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
    "sitting", "questions", "questioned", "ask", "asked", "asks", "conducted",
})
"""Words that make a following ``with`` / ``to`` / ``by`` / ``from`` or name an interview's party."""
_NOT_BEFORE_NAME = frozenset({"questions", "conversation", "conversations", "talks", "talk", "conducted"})
"""Interview words that take no person as their object (``talks Lopez`` is not "talked to Lopez")."""
_TAKES_TITLED_OBJECT = frozenset({"interview", "interviews", "interviewed", "interviewing", "questioned", "ask",
                                  "asked", "asks"})
"""Interview words whose object may carry a title before the name ("Wikinews interviews academic NAME")."""
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
    names = _party_names(index, first_turn)
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


def _party_names(index: "DocEntities", end: int) -> list[Span]:
    """The people and organisations named before token ``end``: the NER's, and a run of two to four capitalised
    proper nouns it labelled as something else than a place, date or organisation (a headline's "interviews
    Marymegan Daly", read as a work of art), taken for a person."""
    out = []
    for ent in index.doc.ents:
        if ent.end > end:
            break
        if ent.label_ in ("PERSON", "ORG"):
            out.append(ent)
        elif (ent.label_ not in _NOT_PERSON_LABELS and 2 <= len(ent) <= 4
              and all(t.pos_ == "PROPN" and t.is_title for t in ent)):
            out.append(Span(index.doc, ent.start, ent.end, label="PERSON"))
    return out


def _pronoun_party(index: "DocEntities", pron) -> Optional[Span]:
    """The person an object "him"/"her" after an interview word refers to ("NAME is the director of ... Wikinews
    interviewed him"): the resolver's one clear candidate, as a one-token span of its latest mention."""
    ranked = index.rank_pronoun(pron)
    if not ranked or ranked[0][1] == float("-inf"):
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 1.0:
        return None
    mention = ranked[0][2]
    return Span(index.doc, mention, mention + 1, label="PERSON")


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
        start = k + 1 if k + 1 < first_turn and table.text[k + 1] == ":" else k  # "Interview: NAME on ..."
        found = next((e for e in names if start < e.start <= start + 1 + _TITLE_GAP and sent[e.start] == sent[k]
                      and all(pos[i] in _TITLE_POS for i in range(start + 1, e.start))), None)
        return found or _apposed_name(index, names, k)

    def before(k: int) -> Optional[Span]:  # the name just before token k ("NAME [has] interviewed")
        return next((e for e in reversed(names) if k - 3 <= e.end <= k and sent[e.start] == sent[k]
                     and all(pos[i] in _AUXILIARY_POS for i in range(e.end, k))), None)

    def coordinated(name: Span) -> list[Span]:  # "NAME and [title] NAME", "NAME, NAME and NAME"
        found, end = [], name.end
        while end < first_turn and lower[end] in (",", "and", "&"):
            following = after(end)
            if following is None or following.label_ != "PERSON":
                break
            found.append(following)
            end = following.end
        return found

    for k in range(first_turn):
        word = lower[k]
        if word in TOLD_WORDS:  # "NAME told OUTLET"
            outlet, person = after(k), before(k)
            if outlet is not None and outlet.label_ == "ORG" and person is not None and person.label_ == "PERSON":
                out += [("interviewer", outlet), ("interviewee", person)]
            continue
        if word in INTERVIEW_WORDS and word not in _NOT_BEFORE_NAME:  # "X interviewed NAME", "X asked NAME"
            asked = after(k)
            if k + 1 < first_turn and lower[k + 1] in _OBJECT_PRONOUNS and pos[k + 1] == "PRON":
                asked = _pronoun_party(index, index.doc[k + 1])  # "Wikinews interviewed him"
            if asked is not None and (asked.start == k + 1 or lower[k + 1] in _OBJECT_PRONOUNS
                                      or word in _TAKES_TITLED_OBJECT) and asked.label_ == "PERSON":
                out += [("interviewee", person) for person in [asked] + coordinated(asked)]
                asker = before(k)
                if asker is not None:
                    out.append(("interviewer", asker))
        if word in ANSWER_WORDS and any(lower[i] in QUESTION_NOUNS for i in range(k + 1, min(k + 4, first_turn))):
            answerer = _subject_name(index, names, k)  # "NAME answered questions from X"
            if answerer is not None:
                out.append(("interviewee", answerer))
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
        if party.label_ == "PERSON":  # "with NAME and NAME": two parties on that side, no one answer
            out += [(sides[0], person) for person in coordinated(party)]
        other = before(cues[0])
        if other is not None and other is not party:
            out.append((sides[1], other))
    return out


ANSWER_WORDS = frozenset({"answer", "answers", "answered", "answering"})
QUESTION_NOUNS = frozenset({"questions", "question"})
"""``NAME answered questions from X``, ``NAME took time to answer some questions``: the answerer is interviewed."""
_SUBJECT_CLIMB = 2
"""Heads climbed from an answer word to its subject ("NAME took time to answer": answer -> time -> took)."""


def _subject_name(index: "DocEntities", names: list[Span], k: int) -> Optional[Span]:
    """The person's name that is the subject of token ``k``'s verb, or of a verb it depends on (up to
    :data:`_SUBJECT_CLIMB` heads up: "NAME, the engineer, took time to answer"); None otherwise."""
    tok = index.doc[k]
    for _ in range(_SUBJECT_CLIMB + 1):
        subject = next((c for c in tok.children if c.dep_.startswith("nsubj")), None)
        if subject is not None:
            return next((e for e in names if e.label_ == "PERSON" and e.start <= subject.i < e.end), None)
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _apposed_name(index: "DocEntities", names: list[Span], k: int) -> Optional[Span]:
    """The person's name in apposition to the noun after token ``k`` ("with Springfield's city engineer, NAME,
    about ..."); None otherwise."""
    doc = index.doc
    noun = doc[k].head  # UD: "with" is the case marker of its noun
    if doc[k].dep_ != "case" or not k < noun.i <= k + 1 + _TITLE_GAP:
        return None
    for child in noun.children:
        if child.dep_ == "appos":
            found = next((e for e in names if e.label_ == "PERSON" and e.start <= child.i < e.end), None)
            if found is not None:
                return found
    return None


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


# -- first person outside quotations: who is speaking where --------------------------------------------------------

class FirstPerson(NamedTuple):
    """Who a first person singular outside quotations is at some place of the document, how sure, and why
    (``turn``: a transcript label, ``interviewee`` / ``interviewer``: an answer / a question of a stated
    interview, ``signed``: a passage signed by a name, ``called``: the reply to a call by name, ``answer``: an
    answer to a question in a hearing, by the person called last,
    ``introduced``: a speaker who introduced themself, ``speech``: the speaker a speech's headline names)."""

    info: SpeakerInfo
    probability: float
    evidence: str


NARRATOR_DIALOGUE = 3
"""Direct quotations spoken by "I" that make a text a first-person narrative (a story's scenes)."""
FIRST_PERSON_PROBABILITY = MappingProxyType({"turn": 0.95, "signed": 0.85, "called": 0.8, "answer": 0.75,
                                             "floor": 0.65,
                                             "introduced": 0.85, "speech": 0.85, "narrator": 0.7})
"""Confidence of each way of finding a first person's speaker besides an interview's parties (those take
:data:`PROBABILITY`); fixed, not fitted (a handful of documents of each kind)."""
QUESTION_PARAGRAPHS = 2
"""A document with this many question paragraphs (see :func:`question_paragraphs`) and a stated interview is
read as a question-and-answer interview."""
QUESTION_MAX_WORDS = 80
"""A question is short: a longer paragraph ending in "?" is an answer closing on a rhetorical question."""
QUESTION_OPENERS = frozenset({
    "how", "what", "why", "when", "where", "who", "whom", "whose", "which", "do", "does", "did", "is", "are", "was",
    "were", "can", "could", "would", "will", "should", "have", "has", "had", "may", "might", "tell",
})
"""First words of a question paragraph that lost its "?" ("How did you come to be involved with this discovery")."""
_ADDRESSEE = frozenset({"you", "your", "yourself"})
SPEECH_NOUNS = frozenset({
    "speech", "speeches", "remarks", "address", "statement", "testimony", "keynote", "eulogy", "sermon", "lecture",
    "toast", "monologue", "manifesto",
})
"""Nouns that name a text as one person's words ("Remarks by NAME", "NAME's Floor Speech")."""
_SPEECH_PREFIX = frozenset({"full", "text", "transcript", "of", "the", "read", ":", "-", "–", "—", "complete",
                            "prepared", "as", "delivered"})
"""What may precede a headline's ``NAME's speech`` ("Full text of NAME's speech", "Transcript: NAME's remarks")."""
INTRODUCTIONS = (("my", "name", "is"), ("my", "name", "'s"), ("i", "am"), ("i", "'m"), ("i", "’m"), ("it", "'s"),
                 ("it", "’s"), ("it", "is"), ("this", "is"))
"""Words before a name by which a speaker introduces themself ("My name is Amy Sells", "Hey, it's Jackie")."""
INTRODUCTION_SENTENCES = 3
"""An introduction opens a turn or a monologue: among its paragraph's first sentences."""
_NOT_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "ORG", "MONEY", "PERCENT", "QUANTITY",
                                "ORDINAL", "CARDINAL", "EVENT", "LAW", "LANGUAGE", "PRODUCT"})
_OBJECT_PRONOUNS = frozenset({"him", "her"})
_LABEL_LINE = re.compile(
    r"^(?P<prefix>[^a-z\n]{0,40}?|[^\n]*?[.!?][ \t]+)"
    r"(?P<label>(?:[A-Z][A-Z'’.-]*[ \t]+){0,4}[A-Z][A-Z'’.-]+)[ \t]*:[ \t]*(?:\n|$)",
    re.MULTILINE)
"""A transcript label standing alone at a line's end ("THE VICE PRESIDENT:", "6:13 P.M. EDT MR. SMITH:"): the
paragraphs after it, up to the next label, are that speaker's."""
_LABEL_PARAGRAPH = re.compile(r"^[ \t]*(?P<label>(?:[A-Z][A-Z'’.-]*[ \t]+){0,4}[A-Z][A-Z'’.-]*)[ \t]*:[ \t]+\S",
                              re.MULTILINE)
"""A label opening a paragraph ("Q: ...", "TAPPER: ..."): its turn runs to the next label."""


def first_person_speakers(index: "DocEntities", attributions: Sequence[Attribution],
                          author: Optional["Author"] = None) -> Optional[Callable[[int], Optional[FirstPerson]]]:
    """A function from a token (a first person singular outside quotations) to who speaks there, or None for a
    document that states no speaker for its first person:

    1. a transcript's turns: the label's speaker (``TAPPER:`` / ``THE VICE PRESIDENT:`` / ``A:``) up to the next
       label;
    2. a stated interview (:func:`interview_parties`: "Wikinews interviews NAME", "NAME was interviewed ...")
       written as questions and answers (:func:`question_paragraphs`): the interviewee in the answers after the
       first question, the interviewer (a person only) in the questions;
    3. a paragraph signed by a name (a pull quote: "I was told ... Jane Doe", and its sentence where the story
       repeats it word for word), or the paragraph after one that
       closes by calling on a person by name (a hearing: "... Miss Rosenthal?", "Dr. Guruswamy.", "Mr. Sova,
       please proceed." -- "Thank you. I will ..."), and later in that hearing each paragraph that answers a
       question paragraph, up to the next call (the bench asks, the counsel at the lectern answers), and the
       paragraph that takes an answer up again after the bench's "Okay.", and each long paragraph that asks
       nothing (the counsel's argument going on after the bench's remark); on a letters page, each letter signed
       by a name alone in the paragraph after it ("... I claim ... / Martin Doe."), not in a dialogue (rule 7),
       where a name alone is a line someone says ("Doctor Spock." / "Justin Bieber.");
    4. a speaker who introduces themself where a paragraph opens ("My name is Jane Doe", "Hi, I'm Jane", "Hey,
       it's Jane here"): that speaker up to the next question paragraph (another speaker's turn);
    5. a speech whose headline names its one speaker ("Remarks by NAME", "NAME's Floor Speech", "Full text of
       NAME's address"): that speaker anywhere else;
    6. a story told in the first person, whose "I" speaks in its scenes' dialogue (three direct quotations or
       more: ``"Sorry, kids," I said``): the narrator, a character, is no one the byline names -- the name the
       other characters call the narrator by (``"Robert," Mom says`` and "I" answers), else an answer without an
       entity (unresolved), so the caller does not credit the byline's author;
    7. a dialogue (:data:`DIALOGUE_QUESTIONS` question paragraphs or more, no labels, no stated interview: a
       podcast, a conversation, a press conference): from its first question on, "I" is any of its voices --
       unresolved rather than the author a byline or an ``author`` column names (a host, a channel), and
       in a question paragraph not the speech's speaker either (a reporter asks).

    The document's author (byline, metadata) is not this function's business (rules 6 and 7 aside): the caller
    asks it after."""
    doc = index.doc
    if not len(doc):
        return None
    para = index.analysis.para
    words = _paragraph_words(index)
    questions = question_paragraphs(index, words)
    turns = _labelled_sections(index, attributions)
    interview = _interview_sections(index, attributions, author, turns, questions)
    calls = _calls(index, words)
    pull_quotes = _signed_paragraphs(index, words)
    letters = _letters(index, words) if len(questions) < DIALOGUE_QUESTIONS else {}  # a dialogue's "Jane Doe."
    signed = (_floor_paragraphs(index, words, questions, calls) | letters
              | _answer_paragraphs(index, words, questions, calls)
              | pull_quotes | _called_paragraphs(index, words, calls))
    echoes = _echoed_sentences(index, words, pull_quotes)
    introduced = _introductions(index, questions) if not turns and interview is None else []
    speech = _speech_speaker(index) or (_role_introduction(index, words) if author is None or not author.person
                                        else None)
    narrator = _narrator(index, attributions) if author is not None and not author.signed else None
    dialogue = _dialogue_start(para, questions) if not turns and interview is None else None
    if author is None or author.signed:
        dialogue = None if speech is None else dialogue  # no one to keep the first person from but a speaker
    if not (turns or interview or signed or echoes or introduced or speech or narrator or dialogue is not None):
        return None
    voices = FirstPerson(SpeakerInfo(), 0.0, "dialogue")

    def speaker(i: int) -> Optional[FirstPerson]:
        for start, end, found in turns:
            if start <= i < end:
                return found
        if interview is not None and para[i] in interview:
            return interview[para[i]]
        if para[i] in signed:
            return signed[para[i]]
        if echoes and para[i] in words:
            echoed = echoes.get(_sentence_key(index, _sentence_around(index, words[para[i]], i)))
            if echoed is not None:
                return echoed
        for start, end, found in introduced:
            if start <= i < end:
                return found
        if dialogue is not None and para[i] in questions:
            return voices
        if speech is not None:
            return speech
        if dialogue is not None and i >= dialogue:
            return voices
        return narrator

    return speaker


_FIRST_PERSON_WORDS = frozenset({"i", "me", "my"})


def _in_first_person(index: "DocEntities", toks: Iterable[int]) -> bool:
    """Whether any of these tokens is "I", "me" or "my" outside quotation marks: the writer's or speaker's own
    first person, which a signature, a pull quote or a role introduction must hold."""
    lower, in_quote = index.table.lower, index.in_quote
    return any(lower[k] in _FIRST_PERSON_WORDS and not in_quote[k] for k in toks)


ECHO_MIN_WORDS = 6
"""Words of a sentence whose repetition elsewhere is the same person's words (:func:`_echoed_sentences`), not a
stock phrase ("I agree.")."""
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _sentences_of(index: "DocEntities", toks: list[int]) -> list[list[int]]:
    """A paragraph's tokens cut after each full stop, "!" and "?" (the parser's sentences may run across
    paragraphs: a pull quote's signature and the paragraph after it)."""
    out: list[list[int]] = [[]]
    for k in toks:
        out[-1].append(k)
        if index.table.text[k] in _SENTENCE_ENDS:
            out.append([])
    return [piece for piece in out if piece]


def _sentence_around(index: "DocEntities", toks: list[int], i: int) -> list[int]:
    """The sentence of :func:`_sentences_of` that holds token ``i``."""
    return next((piece for piece in _sentences_of(index, toks) if piece[0] <= i <= piece[-1]), [])


def _sentence_key(index: "DocEntities", piece: list[int]) -> tuple[str, ...]:
    return tuple(index.table.lower[k] for k in piece if not index.table.is_punct[k])


def _echoed_sentences(index: "DocEntities", words: dict[int, list[int]],
                      pull_quotes: dict[int, FirstPerson]) -> dict[tuple[str, ...], FirstPerson]:
    """Sentence (its words) -> the person who signs the pull quote it belongs to: a news page prints a signed pull
    quote and repeats its sentence word for word in the story ("I was basically hauled in ... Jane Doe" / "I was
    basically hauled in ... Her mother had ..."), where the repetition is that person's too. Sentences of at least
    :data:`ECHO_MIN_WORDS` words in the first person outside quotations."""
    out: dict[tuple[str, ...], FirstPerson] = {}
    for number, signer in pull_quotes.items():
        for piece in _sentences_of(index, words[number]):
            key = _sentence_key(index, piece)
            if len(key) >= ECHO_MIN_WORDS and _in_first_person(index, piece):
                out[key] = signer
    return out


DIALOGUE_QUESTIONS = 3
"""Question paragraphs that make a text without labels a dialogue (rule 7 of :func:`first_person_speakers`); an
essay or a letter asks a rhetorical question in a paragraph of its own once or twice."""


def _dialogue_start(para, questions: set[int]) -> Optional[int]:
    """The first token of a dialogue's first question paragraph, or None for a text with fewer than
    :data:`DIALOGUE_QUESTIONS` of them."""
    if len(questions) < DIALOGUE_QUESTIONS:
        return None
    first = min(questions)
    return next((k for k, number in enumerate(para) if number == first), None)


def _paragraph_words(index: "DocEntities") -> dict[int, list[int]]:
    """Paragraph number -> its tokens that are not spaces, in order (read off the token table)."""
    para, space = index.analysis.para, index.table.is_space
    out: dict[int, list[int]] = {}
    for k, number in enumerate(para):
        if not space[k]:
            out.setdefault(number, []).append(k)
    return out


def question_paragraphs(index: "DocEntities", words: Optional[dict[int, list[int]]] = None) -> set[int]:
    """Paragraphs (their numbers) that are an interviewer's questions: short and ending in "?" outside a
    quotation, or opening with a question word, addressing "you" and ending without punctuation (a question that
    lost its mark)."""
    table = index.table
    text, lower, punct = table.text, table.lower, table.is_punct
    out = set()
    for number, toks in (words if words is not None else _paragraph_words(index)).items():
        last = toks[-1]
        if len(toks) > 2 * QUESTION_MAX_WORDS:
            continue
        n_words = sum(1 for k in toks if not punct[k])
        if n_words > QUESTION_MAX_WORDS:
            continue
        if text[last] == "?" and not index.in_quote[last]:
            out.add(number)
        elif (not punct[last] and lower[toks[0]] in QUESTION_OPENERS and n_words >= 4
              and any(lower[k] in _ADDRESSEE for k in toks)):
            out.add(number)
    return out


def _interview_sections(index: "DocEntities", attributions: Sequence[Attribution], author: Optional["Author"],
                        turns: list[tuple[int, int, Optional[FirstPerson]]],
                        questions: set[int]) -> Optional[dict[int, FirstPerson]]:
    """Paragraph -> speaker of a question-and-answer interview without labels (rule 2 of
    :func:`first_person_speakers`); None for other documents."""
    if turns:
        return None  # a labelled transcript says who speaks itself
    doc, para = index.doc, index.analysis.para
    asked = questions - {para[0]} if _is_headline(index, questions) else questions
    if len(asked) < QUESTION_PARAGRAPHS:
        return None
    first = min(i for i in range(len(doc)) if para[i] in asked)
    parties = interview_parties(index, attributions, {}, first, author)
    answerer = parties.get("interviewee")
    if answerer is None or answerer.found_by != "phrase" or answerer.info.type != "person" or not answerer.info.entity:
        return None  # only a stated interview ("Wikinews interviews NAME"): the one person named may be anyone
    if any(_last_word(name.entity) != _last_word(answerer.info.entity) for name in _captioned_interviewees(index)):
        return None  # "File photo of interviewee NAME" for another person: several interviewees, whose answer?
    asker = parties.get("interviewer")
    answer = FirstPerson(answerer.info, PROBABILITY[answerer.found_by], "interviewee")
    question = (FirstPerson(asker.info, PROBABILITY[asker.found_by], "interviewer")
                if asker is not None and asker.info.type == "person" and asker.info.entity else None)
    out: dict[int, FirstPerson] = {}
    for number in sorted(set(para[first:])):
        if number in questions:
            if question is not None:
                out[number] = question
        else:
            out[number] = answer
    return out


INTERVIEWEE_WORDS = frozenset({"interviewee", "interviewees"})
"""Nouns that state who is interviewed wherever they stand ("File photo of interviewee NAME.")."""


def _captioned_interviewees(index: "DocEntities") -> list[SpeakerInfo]:
    """The people the document calls an interviewee anywhere, a photo caption's "interviewee NAME" (one per
    interviewee of a several-person interview, each before their answers)."""
    doc, lower = index.doc, index.table.lower
    found = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or index.in_quote[ent.start]:
            continue
        k = ent.start - 1
        while k >= 0 and ent.start - k <= _TITLE_GAP and lower[k] not in INTERVIEWEE_WORDS \
                and doc[k].pos_ in _TITLE_POS:
            k -= 1
        if k >= 0 and lower[k] in INTERVIEWEE_WORDS:
            found.append(_info(index, ent))
    return found


def _is_headline(index: "DocEntities", questions: set[int]) -> bool:
    """The first paragraph is a headline asking a question ("Is the bridge worth it?"), no interviewer's turn:
    one sentence of at most :data:`_HEADLINE_WORDS` words (a spoken question opening a transcript is longer)."""
    para, table = index.analysis.para, index.table
    if para[0] not in questions:
        return False
    toks = [k for k in range(len(para)) if para[k] == para[0] and not table.is_space[k]]
    return len(toks) <= _HEADLINE_WORDS and len({index.sent_of[k] for k in toks}) == 1


def _labelled_sections(index: "DocEntities",
                       attributions: Sequence[Attribution]) -> list[tuple[int, int, Optional[FirstPerson]]]:
    """(first token, end token, speaker) of each turn of a labelled transcript: a label alone at a line's end or
    opening a paragraph, its turn running to the next label; the speaker None where the label names no one the
    document names (rule 1 of :func:`first_person_speakers`). Empty unless the document has two labels or more
    (one "NAME:" line is a headline's business)."""
    doc, text = index.doc, index.analysis.text
    found: list[tuple[int, Span]] = []
    for pattern in (_LABEL_LINE, _LABEL_PARAGRAPH):
        for match in pattern.finditer(text):
            start, end = match.span("label")
            label = _trim_label(doc.char_span(start, end, alignment_mode="expand"))
            words = [t for t in label] if label is not None else []
            if not words or not (label.text in TURN_LABELS or all(t.is_upper and len(t) > 1 for t in words
                                                                    if t.is_alpha)):
                continue
            if not any(t.is_alpha for t in words):
                continue
            found.append((label.start, label))
    found.sort(key=lambda pair: pair[0])
    if len(found) < 2:
        return []
    bounds = [start for start, _ in found] + [len(doc)]
    first_turn = bounds[0]
    parties: Optional[dict[str, Party]] = None
    out: list[tuple[int, int, Optional[FirstPerson]]] = []
    seen: dict[str, Optional[FirstPerson]] = {}
    for (start, label), end in zip(found, bounds[1:]):
        key = label.text.upper()
        if key not in seen:
            if label.text in TURN_LABELS:
                if parties is None:
                    parties = interview_parties(index, attributions, {}, first_turn)
                party = parties.get(TURN_LABELS[label.text])
                seen[key] = (None if party is None or party.info.type != "person" or not party.info.entity
                             else FirstPerson(party.info, PROBABILITY[party.found_by], "turn"))
            else:
                person = _person_named(index, label) if not _is_title_label(label) else None
                person = person or _titled_person(index, label)
                seen[key] = (None if person is None
                             else FirstPerson(person, FIRST_PERSON_PROBABILITY["turn"], "turn"))
        out.append((start, end, seen[key]))
    return out


_TIME_WORDS = frozenset({"a.m.", "p.m.", "am", "pm", "edt", "est", "cdt", "cst", "mdt", "mst", "pdt", "pst", "et",
                         "pt", "gmt", "utc", "bst", "cet"})


def _trim_label(label: Optional[Span]) -> Optional[Span]:
    """The label without a time stamp before it ("6:13 P.M. EDT THE VICE PRESIDENT" -> "THE VICE PRESIDENT")."""
    if label is None:
        return None
    words = [t.lower_ for t in label]
    if "the" in words:
        return label[len(words) - 1 - words[::-1].index("the"):]
    start = 0
    while start < len(label) - 1 and (label[start].lower_ in _TIME_WORDS or label[start].like_num
                                      or label[start].ent_type_ in ("TIME", "DATE")):
        start += 1
    return label[start:]


def _is_title_label(label: Span) -> bool:
    """``THE VICE PRESIDENT``: a label naming an office, not a person."""
    office = lexicons.load("office_title_words")
    return label[0].lower_ == "the" or all(t.lower_ in lexicons.role_words() or t.lower_ in office
                                           for t in label if t.is_alpha)


def _titled_person(index: "DocEntities", label: Span) -> Optional[SpeakerInfo]:
    """The one person the document names right after the label's words in ordinary case, the title itself not
    part of a longer one (``THE PRESIDENT`` -> "President Biden", not "Vice President Harris"); None otherwise."""
    words = [t.lower_ for t in label if t.is_alpha and t.lower_ not in ("the", "mr", "mrs", "ms")]
    if not words:
        return None
    doc, n = index.doc, len(words)
    found: dict[str, SpeakerInfo] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start = ent.start
        while start > 0 and doc[start - 1].is_title and doc[start - 1].lower_ not in words:
            start -= 1  # "Vice President Kamala Harris": the NER's span may hold the title or not
        k = ent.start if [t.lower_ for t in ent[:n]] == words else start - n
        if k < 0 or [t.lower_ for t in doc[k:k + n]] != words or any(t.is_upper and len(t) > 1 for t in doc[k:k + n]):
            continue
        if k > 0 and doc[k - 1].is_title and not doc[k - 1].is_sent_start:
            continue  # "Vice President" is not "President"
        body = doc[k + n:ent.end] if k + n < ent.end and k == ent.start else ent
        info = _info(index, body)
        found.setdefault(info.entity, info)
    return next(iter(found.values())) if len(found) == 1 else None


_CALL_WORDS = 4
"""Words of a call by name ("Miss Rosenthal?", "General Prelogar?")."""


def call_titles() -> frozenset[str]:
    """Titles that make a name alone a call on that person ("Dr. Guruswamy.", "General Prelogar."): a sentence of a
    title and a name, without "?", is an address, not a statement (lexicon ``call_titles``)."""
    return lexicons.load("call_titles")


def floor_phrases() -> tuple[tuple[str, ...], ...]:
    """What a presiding speaker says after a name to give that person the floor ("Mr. Sova, please proceed."),
    each phrase as its words, in the lexicon's order (lexicon ``floor_phrases``)."""
    return tuple(tuple(line.lower().split()) for line in lexicons.lines("floor_phrases"))


def _calls(index: "DocEntities", words: Optional[dict[int, list[int]]] = None) -> list[tuple[int, SpeakerInfo]]:
    """(paragraph, person) of each paragraph that closes by calling on a person, in document order: a title or name
    alone and "?" ("Mr. Roberts?", "... for the respondents: Kirk Bart. Miss Rosenthal?"), a person the document
    named before (one person of that last name); a title and a name alone ("Dr. Guruswamy.", "... Biden versus
    Nebraska. General Prelogar."); a name given the floor ("Alright, Mr. Sova, please proceed.")."""
    doc, para, lower = index.doc, index.analysis.para, index.table.lower
    out: list[tuple[int, SpeakerInfo]] = []
    for number, toks in sorted((words or _paragraph_words(index)).items()):
        end = toks[-1]
        if doc[end].text not in ("?", ".") or index.in_quote[end]:
            continue
        body_end, floor = end, False
        if doc[end].text == ".":
            for phrase in floor_phrases():
                k = end - len(phrase)
                if k > 0 and tuple(lower[k:end]) == phrase and doc[k - 1].text == ",":
                    body_end, floor = k - 1, True
                    break
        start = body_end - 1
        while start >= 0 and body_end - start <= _CALL_WORDS and para[start] == number and doc[start].is_title:
            start -= 1
        call = doc[start + 1:body_end]
        if not call or call[-1].pos_ != "PROPN" or doc[body_end - 1].text == ".":
            continue
        if not floor and start >= 0 and para[start] == number and not doc[start].is_space \
                and not doc[start].is_sent_end and doc[start].text not in (".", "!", "?", ":"):
            continue  # the call is a sentence of its own
        titled = call[0].lower_.rstrip(".") in call_titles() and len(call) >= 2
        if doc[end].text == "?":
            person = _indexed_person(index, call[-1].lower_, before=call.start)  # named before the call
        elif titled or floor:
            person = _indexed_person(index, call[-1].lower_) or (_info(index, call[1:]) if titled else None)
        else:
            continue  # "... Jane Doe.": a signature or a sentence, not a call
        if person is not None:
            out.append((number, person))
    return out


def _called_paragraphs(index: "DocEntities", words: Optional[dict[int, list[int]]] = None,
                       calls: Optional[list[tuple[int, SpeakerInfo]]] = None) -> dict[int, FirstPerson]:
    """Paragraph -> the person the paragraph before called on (:func:`_calls`): the reply to the call."""
    words = words or _paragraph_words(index)
    numbers = sorted(words)
    following = dict(zip(numbers, numbers[1:]))
    return {following[number]: FirstPerson(person, FIRST_PERSON_PROBABILITY["called"], "called")
            for number, person in (_calls(index, words) if calls is None else calls) if number in following}


def _answer_paragraphs(index: "DocEntities", words: dict[int, list[int]], questions: set[int],
                       calls: list[tuple[int, SpeakerInfo]]) -> dict[int, FirstPerson]:
    """Paragraph -> the person who holds the floor where the paragraph answers a question (a hearing: the bench
    asks, the counsel it called on answers): a paragraph that is no question itself, right after a paragraph that
    asks one (:func:`_bench_questions`) and follows the latest call; not one that names the person who holds the floor (someone speaking
    to or about them)."""
    if not calls:
        return {}
    asking = questions | _bench_questions(index, words)
    numbers = sorted(words)
    out: dict[int, FirstPerson] = {}
    call_at = 0
    for previous, number in zip(numbers, numbers[1:]):
        while call_at + 1 < len(calls) and calls[call_at + 1][0] < previous:
            call_at += 1
        called, person = calls[call_at]
        if previous not in asking or number in questions or previous <= called:
            continue
        last = _last_word(person.entity)
        if any(index.table.lower[k] == last for k in words[number]):
            continue
        out[number] = FirstPerson(person, FIRST_PERSON_PROBABILITY["answer"], "answer")
    return _answers_go_on(index, words, questions, out)


ARGUMENT_MIN_WORDS = 80
"""Words of a paragraph that goes on with a counsel's argument (:func:`_floor_paragraphs`): longer than the
bench's remarks, as long as the longest question (:data:`QUESTION_MAX_WORDS`)."""


def _floor_paragraphs(index: "DocEntities", words: dict[int, list[int]], questions: set[int],
                      calls: list[tuple[int, SpeakerInfo]]) -> dict[int, FirstPerson]:
    """Paragraph -> the person the latest call gave the floor to, for each long paragraph after the call (at
    least :data:`ARGUMENT_MIN_WORDS` words) that asks nothing (:func:`_bench_questions`), calls no one and does
    not name that person: the counsel argues at length and the argument goes on after the bench's interjection
    ("You have not told us what our task is." / "So what I am asking you to decide today is ... And what I would
    ask this court to do is ..."); the bench's own short remarks ("I told the clerk that we will sit until
    five.") stay nobody's. Weaker than an answer (:func:`_answer_paragraphs`), which follows a question."""
    if not calls:
        return {}
    asking = questions | _bench_questions(index, words)
    calling = {number for number, _ in calls}
    out: dict[int, FirstPerson] = {}
    call_at = -1
    for number in sorted(words):
        while call_at + 1 < len(calls) and calls[call_at + 1][0] < number:
            call_at += 1
        if call_at < 0 or number in asking or number in calling:
            continue
        if sum(1 for k in words[number] if not index.table.is_punct[k]) < ARGUMENT_MIN_WORDS:
            continue
        person = calls[call_at][1]
        last = _last_word(person.entity)
        if any(index.table.lower[k] == last for k in words[number]):
            continue
        out[number] = FirstPerson(person, FIRST_PERSON_PROBABILITY["floor"], "floor")
    return out


def acknowledgements() -> frozenset[str]:
    """What the bench says alone to let an answer go on ("Okay.", "I see."; lexicon ``acknowledgements``)."""
    return lexicons.load("acknowledgements")


def _acknowledges(index: "DocEntities", toks: list[int]) -> bool:
    """A paragraph that is an acknowledgement alone (:func:`acknowledgements`), its punctuation aside."""
    said = " ".join(index.table.lower[k] for k in toks if not index.table.is_punct[k])
    return said in acknowledgements()


def _answers_go_on(index: "DocEntities", words: dict[int, list[int]], questions: set[int],
                   answers: dict[int, FirstPerson]) -> dict[int, FirstPerson]:
    """The answers with the paragraphs that take them up again after the bench's acknowledgement ("Yes. I'm a
    licensed contractor." / "Okay." / "Um, the job was out at UCSB, I went ..."): the same person's, unless a
    question."""
    numbers = sorted(words)
    out = dict(answers)
    for before, ack, number in zip(numbers, numbers[1:], numbers[2:]):
        if before in out and ack not in out and number not in out and number not in questions \
                and _acknowledges(index, words[ack]):
            out[number] = out[before]
    return out


def _bench_questions(index: "DocEntities", words: dict[int, list[int]]) -> set[int]:
    """Paragraphs of a hearing that ask the counsel a question, however long and wherever the question stands in
    them: a "?" outside a quotation (a judge sets out a case at length before asking, "... How does that fit
    under the normal understanding of 'modifying'?", or asks and then comments, "... kept on public property?
    I'm not sure I get that."); :func:`question_paragraphs` reads an interview's short questions only."""
    text = index.table.text
    return {number for number, toks in words.items()
            if any(text[k] == "?" and not index.in_quote[k] for k in toks)}


def _indexed_person(index: "DocEntities", last_name: str, before: Optional[int] = None) -> Optional[SpeakerInfo]:
    """The one person of the document's entity index whose name ends in ``last_name`` (one mentioned before token
    ``before``, when given); None for none or several."""
    named = [e for e in index.entities if e.type == "person" and _last_word(e.name) == last_name
             and (before is None or any(m < before for m in e.mentions))]
    if len({e.name for e in named}) != 1:
        return None
    entity = named[-1]
    return SpeakerInfo(entity.name, "person", entity.role, entities=(entity.name,))


def _ends_phrase(doc, k: int) -> bool:
    """Token ``k`` ends the headline's name or speech phrase: the end, punctuation, a preposition or "and" (not
    a verb or noun that makes the phrase a subject: "X's speech angers ...", "Statement from X campaign")."""
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    return k >= len(doc) or doc[k].is_space or doc[k].is_punct or doc[k].pos_ in ("ADP", "CCONJ", "SCONJ")


def _signed_paragraphs(index: "DocEntities", words: Optional[dict[int, list[int]]] = None) -> dict[int, FirstPerson]:
    """Paragraph -> the name that signs it: a paragraph in the first person whose last sentence is a person's
    name alone ("I was told to leave. Jane Doe", "... -- Jane Doe"), the way a pull quote is printed."""
    doc, para = index.doc, index.analysis.para
    last = {number: toks[-1] for number, toks in (words or _paragraph_words(index)).items()}
    out: dict[int, FirstPerson] = {}
    for number, end in last.items():
        start = end
        while start > 0 and end - start < _NAME_WORDS and doc[start].is_title and doc[start].pos_ == "PROPN" \
                and not index.in_quote[start]:
            start -= 1
        if end - start < 2 or doc[start].text not in (".", "!", "?", "-", "--", "—", "–", '"', "”"):
            continue  # a name of two words or more, alone after the paragraph's sentences
        if para[start] != number:
            continue
        name = doc[start + 1:end + 1]
        entity = index.entity_at(name)
        if not (any(e.label_ == "PERSON" for e in name.ents) or (entity is not None and entity.type == "person")):
            continue
        if not _in_first_person(index, range(index.analysis.para_start[start], start)):
            continue
        out[number] = FirstPerson(_info(index, name), FIRST_PERSON_PROBABILITY["signed"], "signed")
    return out


_NAME_WORDS = 4
"""Words of a name that signs a paragraph."""


def _signature_name(index: "DocEntities", toks: list[int]) -> Optional[Span]:
    """The name a paragraph holds alone, a letter's signature ("Martin Litwak."): two to :data:`_NAME_WORDS`
    capitalised proper nouns, a full stop at most after them, a PERSON entity or a known first name; else None."""
    doc = index.doc
    if doc[toks[-1]].text == ".":
        toks = toks[:-1]
    if not 2 <= len(toks) <= _NAME_WORDS or any(index.in_quote[k] for k in toks):
        return None
    if not all(doc[k].is_title and doc[k].pos_ == "PROPN" for k in toks):
        return None
    name = doc[toks[0]:toks[-1] + 1]
    if any(e.label_ == "PERSON" for e in name.ents) or name[0].lower_ in lexicons.first_name_gender():
        return name
    return None


def _letters(index: "DocEntities", words: Optional[dict[int, list[int]]] = None) -> dict[int, FirstPerson]:
    """Paragraph -> the writer of the letter it belongs to, on a letters page: a paragraph holding a person's name
    alone signs the paragraphs since the previous signature ("... I claim Trump is not a billionaire ... /
    Martin Litwak."), where one of them is in the first person outside quotations."""
    words = words or _paragraph_words(index)
    out: dict[int, FirstPerson] = {}
    letter: list[int] = []
    for number in sorted(words):
        name = _signature_name(index, words[number])
        if name is None:
            letter.append(number)
            continue
        if _in_first_person(index, (k for n in letter for k in words[n])):
            writer = FirstPerson(_info(index, name), FIRST_PERSON_PROBABILITY["signed"], "signed")
            out.update((n, writer) for n in letter)
        letter = []
    return out
_HEADLINE_WORDS = 30
"""A headline is short: a longer first paragraph is the text itself."""


def _speech_speaker(index: "DocEntities") -> Optional[FirstPerson]:
    """The one speaker a speech's headline (the first paragraph) names: "Remarks by NAME", "Speech of NAME",
    "NAME's speech", "NAME Floor Speech", "Full text of NAME's address"; None for two speakers ("Remarks by X and
    Y") or none (rule 4 of :func:`first_person_speakers`)."""
    doc, para = index.doc, index.analysis.para
    head = []
    for tok in doc:
        if para[tok.i] != para[0] or len(head) > _HEADLINE_WORDS:
            break
        if not tok.is_space:
            head.append(tok)
    if not head or len(head) > _HEADLINE_WORDS:
        return None
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end <= head[-1].i + 1]
    found: list[SpeakerInfo] = []
    for tok in head:
        if tok.lower_ not in SPEECH_NOUNS:
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and after.lower_ in ("by", "of", "from"):  # "Remarks by President NAME"
            named = [e for e in people if tok.i + 1 < e.start <= tok.i + 2 + _TITLE_GAP and tok.i not in range(
                e.start, e.end)]
            opening = all(t.lower_ in _SPEECH_PREFIX for t in doc[head[0].i:tok.i] if not t.is_space)
            if named and opening and _ends_phrase(doc, named[0].end):  # not "Statement from X campaign angers"
                following = doc[named[0].end:named[0].end + 2]
                if any(t.lower_ in ("and", "&", ",") for t in following):
                    return None  # "Remarks by X and Y": whose "I"?
                found.append(_info(index, named[0]))
            continue
        k = tok.i - 1  # "NAME('s) [Floor] Speech", from the headline's start
        if k >= 0 and doc[k].lower_ in ("'s", "’s"):
            k -= 1
        run = []
        while k >= head[0].i and doc[k].is_title and len(run) < _NAME_WORDS:
            run.append(k)
            k -= 1
        if not run or not all(t.lower_ in _SPEECH_PREFIX for t in doc[head[0].i:k + 1] if not t.is_space):
            continue
        if not _ends_phrase(doc, tok.i + 1):
            continue  # "NAME's speech angers the council": a report on the speech
        for r in reversed(run):  # the name comes first, what kind of speech after ("Pelosi Floor Speech")
            owner = _indexed_person(index, doc[r].lower_)
            if owner is not None:
                found.append(owner)
                break
    if len({f.entity for f in found}) != 1 or not found[0].entity:
        return None
    return FirstPerson(found[0], FIRST_PERSON_PROBABILITY["speech"], "speech")


OPENING_PARAGRAPHS = 2
"""Paragraphs that open a speech, where its speaker says in what capacity they speak (after a greeting)."""
_ROLE_WORDS = 4


def _role_introduction(index: "DocEntities", words: dict[int, list[int]]) -> Optional[FirstPerson]:
    """The role a speech's speaker introduces themself by in its opening paragraphs, no name given: a capitalised
    title after "as the" / "as your" in a sentence in the first person outside quotations ("It gives me great
    pleasure to be here today as the Chief Guest", "I stand before you as your Governor", "as the Guest of
    Honour") -> "Chief Guest",
    that speaker anywhere else (rule 5 of :func:`first_person_speakers`, where no headline names the speaker and
    the author is no person); None for none or two roles, and for "as" opening a clause ("As the President
    said, I ...")."""
    doc, sent, in_quote, lower = index.doc, index.sent_of, index.in_quote, index.table.lower
    found: dict[str, Span] = {}
    for number in sorted(words)[:OPENING_PARAGRAPHS]:
        for k in words[number]:
            if lower[k] != "as" or in_quote[k] or doc[k].dep_ != "case":
                continue
            noun = doc[k].head
            if not (k < noun.i <= k + 1 + _ROLE_WORDS and noun.is_title and noun.pos_ in ("PROPN", "NOUN")):
                continue
            start = noun.i
            while start - 1 > k and doc[start - 1].is_title and doc[start - 1].dep_ in ("compound", "amod"):
                start -= 1
            if any(doc[j].lower_ not in ("the", "your") for j in range(k + 1, start)):
                continue
            if not _in_first_person(index, (j for j in words[number] if sent[j] == sent[k])):
                continue
            role = doc[start:_role_end(doc, noun.i + 1)]
            found.setdefault(role.text.lower(), role)
    if len(found) != 1:
        return None
    role = next(iter(found.values()))
    info = SpeakerInfo(role.text, "person", role.text, entities=(role.text,))
    return FirstPerson(info, FIRST_PERSON_PROBABILITY["introduced"], "introduced")


def _role_end(doc, end: int) -> int:
    """The end of a role's name past an "of" phrase in capitals ("Guest of Honour", "Chair of the Library
    Trust"), else ``end``."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return end
    k = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
    stop = k
    while stop < len(doc) and stop - k < _ROLE_WORDS and doc[stop].is_title and doc[stop].pos_ == "PROPN":
        stop += 1
    return stop if stop > k else end


def _introductions(index: "DocEntities", questions: Optional[set[int]] = None) -> list[tuple[int, int, FirstPerson]]:
    """(first token, end token, speaker) of each stretch a speaker introduced themself for (rule 4 of
    :func:`first_person_speakers`): from the introduction to the next question paragraph or introduction. The
    name must be a person's: a PERSON entity or a known first name ("I'm Catholic", "it's Christmas" are not)."""
    doc, para, table = index.doc, index.analysis.para, index.table
    lower, n = table.lower, len(doc)
    first_names = lexicons.first_name_gender()
    found: list[tuple[int, Span]] = []
    for k in range(n):
        if index.in_quote[k] or lower[k] not in ("my", "i", "it", "this"):
            continue
        if index.sent_of[k] - index.sent_of[index.analysis.para_start[k]] >= INTRODUCTION_SENTENCES:
            continue
        for words in INTRODUCTIONS:
            if tuple(lower[k:k + len(words)]) != words:
                continue
            start = k + len(words)
            end = start
            while end < n and end - start < 3 and doc[end].is_title and doc[end].pos_ == "PROPN":
                end += 1
            entity = next((e for e in doc.ents if e.label_ == "PERSON" and e.start <= start < e.end), None)
            if entity is not None:  # the NER's name ("Shawntas Way", whose "Way" the tagger takes for a noun)
                end = max(end, entity.end)
            if end == start or (end < n and doc[end].lower_ in ("'s", "’s")):
                break  # "it's Jackie's birthday"
            name = doc[start:end]
            if words[0] in ("it", "this") and (para[k] != para[0] or not _ends_introduction(doc, end)):
                break  # "It's Jackie here", "This is Jane Doe, and": only opening the document, not a cleft
            if entity is not None or name[0].lower_ in first_names:
                found.append((k, name))
            break
    if not found:
        return []
    questions = question_paragraphs(index) if questions is None else questions
    out = []
    for (at, name), (following, _) in zip(found, found[1:] + [(n, None)]):
        end = next((i for i in range(at, following) if para[i] in questions), following)
        out.append((at, end, FirstPerson(_info(index, name), FIRST_PERSON_PROBABILITY["introduced"], "introduced")))
    return out


def _ends_introduction(doc, k: int) -> bool:
    """What may follow the name in "it's NAME ...": the end, punctuation, "and", "here" (not "who" / "that" of
    a cleft: "It's Obama who must decide")."""
    return k >= len(doc) or doc[k].is_punct or doc[k].is_space or doc[k].lower_ in ("and", "here", "again", "back")


def _narrator(index: "DocEntities", attributions: Sequence[Attribution]) -> Optional[FirstPerson]:
    """The answer for a first-person narrative (rule 6 of :func:`first_person_speakers`), else None: the name
    the other characters call the narrator by (:func:`_narrator_name`), or no one (unresolved)."""
    spoken = sum(1 for att in attributions if _narrator_speaks(index, att))
    if spoken < NARRATOR_DIALOGUE:
        return None
    name = _narrator_name(index, attributions)
    if name is None:
        return FirstPerson(SpeakerInfo(), 0.0, "narrator")
    return FirstPerson(_info(index, name), FIRST_PERSON_PROBABILITY["narrator"], "narrator")


def _narrator_speaks(index: "DocEntities", att: Attribution) -> bool:
    """A direct quotation the narrator speaks (``"Sorry, kids," I said``)."""
    return (att.kind == "direct" and att.speaker is not None and att.speaker.text.lower() in ("i", "me")
            and not index.in_quote[att.speaker.start])


_VOCATIVE_END = frozenset({",", "?", "!", "."})
_VOCATIVE_WORDS = 3


def _vocatives(index: "DocEntities") -> list[Span]:
    """Names that open a quotation as an address ("“Robert, this never happened in San Francisco.”", "“Robert,”
    Mom says"): a person's name (a PERSON entity or a known first name) right after the opening mark, followed by
    a comma, "?", "!" or the closing mark."""
    doc, in_quote = index.doc, index.in_quote
    marks, first_names = lexicons.QUOTATION_MARK_TOKENS, lexicons.first_name_gender()
    out = []
    for k in range(len(doc) - 2):
        if doc[k].text not in marks or not in_quote[k] or (k > 0 and in_quote[k - 1]):
            continue
        end = k + 1
        while end < len(doc) and end - k <= _VOCATIVE_WORDS and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end == k + 1 or end >= len(doc) or not (doc[end].text in _VOCATIVE_END or doc[end].text in marks):
            continue
        name = doc[k + 1:end]
        if any(e.label_ == "PERSON" for e in name.ents) or name[0].lower_ in first_names:
            out.append(name)
    return out


def _narrator_answers(index: "DocEntities", attributions: Sequence[Attribution], number: int) -> bool:
    """The narrator replies to what paragraph ``number`` says: the next paragraph that tags a quotation with its
    speaker tags it "I said", and only quotations come between (a narration paragraph ends the exchange)."""
    para, in_quote = index.analysis.para, index.in_quote
    words = _paragraph_words(index)
    tags: dict[int, list[bool]] = {}
    for att in attributions:
        if att.kind == "direct" and att.speaker is not None and not in_quote[att.speaker.start]:
            tags.setdefault(para[att.speaker.start], []).append(_narrator_speaks(index, att))
    for following in sorted(n for n in words if n > number):
        if following in tags:
            return all(tags[following])
        if not any(in_quote[k] for k in words[following]):
            return False
    return False


def _narrator_name(index: "DocEntities", attributions: Sequence[Attribution]) -> Optional[Span]:
    """The one name other characters call the narrator by: a name that opens a quotation as an address
    (:func:`_vocatives`) the narrator answers next (:func:`_narrator_answers`), and that the narration never
    uses (the narrator says "I", not their own name); None for none or several such names."""
    lower, in_quote, para = index.table.lower, index.in_quote, index.analysis.para
    narrated = {lower[k] for k in range(len(index.doc)) if not in_quote[k]}
    found: dict[str, Span] = {}
    for name in _vocatives(index):
        if any(t.lower_ in narrated for t in name) or not _narrator_answers(index, attributions, para[name.start]):
            continue
        found.setdefault(name.text.lower(), name)
    return next(iter(found.values())) if len(found) == 1 else None
