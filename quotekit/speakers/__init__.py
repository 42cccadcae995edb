""":mod:`quotekit.speakers`: speaker entities, roles and types within a document; corpus-wide ids.

:func:`resolve_speakers` maps each attribution's speaker mention to the entity (or entities: a group) it refers
to, its type and its role, with a confidence and a status (see :mod:`quotekit.speakers.coref` for the
algorithm, :mod:`.groups` for groups, :mod:`.authors` for first person outside quotations and
:mod:`.confidence` for abstention); :func:`canonical.assign_speaker_ids` gives speakers one key across a corpus.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Optional, Union

from spacy.tokens import Doc, Span

from ..analysis import DocAnalysis, analysis_of
from ..types import Attribution, SpeakerInfo
from .. import lexicons
from .authors import Author, author_of_first_person, document_author
from .confidence import CAP, Calibration, load_calibration
from .coref import _SUBJECTS, DocEntities, Entity, _speech_subject
from .groups import Group, coordination_at, counted_plural, document_groups, group_for_count, group_for_they
from .interviews import FirstPerson, first_person_speakers, turn_speakers
from .mentions import NEUTER_PRONOUNS, PLURAL_PRONOUNS, POSSESSIVE_GENDER, PRONOUN_GENDER, Mention, classify
from .roles import description_gender, nominal_role, role_of
from .types import is_definite, is_plural, name_type, nominal_type

__all__ = ["resolve_speakers", "resolve_mention", "resolve_details", "Resolution", "AntecedentRanker",
           "DocEntities"]

AntecedentRanker = Callable[[Span], Optional[tuple[Optional[Span], float]]]
"""A trained ranker plugged into the resolver: given a pronoun/nominal speaker mention, its antecedent span (or
None to abstain) and its calibrated probability of being right; returning None leaves the mention to the rules."""


@dataclass
class Resolution:
    """One mention's resolution before abstention: the answer, the rule that gave it and the features its
    confidence is computed from (:mod:`quotekit.speakers.confidence`)."""

    info: SpeakerInfo
    evidence: str = "none"
    margin: float = CAP
    distance: float = 0.0
    probability: Optional[float] = None  # set by rules that carry their own (a quote's speaker, a ranker)
    gender_unknown: bool = False  # a pronoun's chosen person has no known gender
    fallback: bool = False  # a pronoun's guess past its window (no person agreed inside it): lends no salience


@dataclass
class _Context:
    """What resolving one document's mentions shares: groups, the author, earlier resolutions, a ranker."""

    groups: list[Group]
    author: Optional[Author] = None
    ranker: Optional[AntecedentRanker] = None
    resolved_at: Optional[dict[int, Resolution]] = None
    answers: Optional[Callable[[int], Optional[FirstPerson]]] = None
    """Who speaks "I" at a token outside quotations where the document states it: a transcript turn, an
    interview's answer, a signed paragraph, a speech headline
    (:func:`quotekit.speakers.interviews.first_person_speakers`)."""


def _info(entity: Optional[Entity], fallback_role: Optional[str] = None) -> SpeakerInfo:
    if entity is None:
        return SpeakerInfo()
    return SpeakerInfo(entity.name, entity.type, entity.role or fallback_role,  # type: ignore[arg-type]
                       entities=(entity.name,))


def _named(entity: str, typ: str, role: Optional[str] = None) -> SpeakerInfo:
    return SpeakerInfo(entity, typ, role, entities=(entity,))  # type: ignore[arg-type]


def _group_info(members: tuple[Entity, ...]) -> SpeakerInfo:
    """A group speaker: no single ``entity``; its type is the members' when they share one."""
    types = {m.type for m in members}
    typ = types.pop() if len(types) == 1 else "unknown"
    return SpeakerInfo(None, typ, None, entities=tuple(m.name for m in members))  # type: ignore[arg-type]


def _strip_det(span: Span) -> str:
    toks = list(span)
    while toks and (toks[0].lower_ in ("the", "a", "an", "this", "that") or toks[0].is_punct):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    return span.doc[toks[0].i : toks[-1].i + 1].text if toks else span.text


def _sentences(index: DocEntities, a: int, b: int) -> float:
    return float(index.sent_of[a] - index.sent_of[b])


def _margin(ranked: list) -> float:
    """How far the best candidate's score is ahead of the next entity's (:data:`CAP` when it has no rival)."""
    if not ranked or ranked[0][1] == float("-inf"):
        return 0.0
    return CAP if len(ranked) == 1 else min(CAP, ranked[0][1] - ranked[1][1])


def resolve_mention(
    index: DocEntities,
    mention: Mention,
    *,
    enclosing: Optional[SpeakerInfo] = None,
    extra: Optional[dict[int, float]] = None,
) -> SpeakerInfo:
    """Resolve one classified mention against a document's entity index (no abstention; see
    :func:`resolve_speakers` for confidence and status).

    ``enclosing`` is the resolution of the quote the mention sits in (first person "I" refers to its speaker);
    ``extra`` adds salience to earlier speaker-mention tokens (recent speakers are likely pronoun antecedents).
    """
    return _resolve(index, mention, _Context(document_groups(index)), enclosing=enclosing, extra=extra).info


def _resolve(index: DocEntities, mention: Mention, ctx: _Context, *, enclosing: Optional[SpeakerInfo] = None,
             extra: Optional[dict[int, float]] = None, depth: int = 0) -> Resolution:
    kind, head, span = mention.kind, mention.head, mention.span
    if kind == "empty" or head is None:
        return Resolution(SpeakerInfo())
    if kind == "name":
        group = coordination_at(index, span.root, span)
        if group is not None:  # "Sens. Lindsey Graham and John McCain said"
            return Resolution(_group_info(group.members), "coordination")
        name = mention.name
        entity = index.entity_at(name) or index.person_from_name(name)
        if entity is not None:  # (the role at this mention only where the entity has none)
            return Resolution(_info(entity, None if entity.role else role_of(name, index.table)), "name")
        if not any(t.is_title or t.is_upper for t in name) and _is_person_noun(span.root):
            # "the former first lady": the NER's slip on a lower-case description, no name
            return _resolve(index, replace(mention, kind="nominal", head=span.root, name=None), ctx,
                            enclosing=enclosing, extra=extra, depth=depth)
        typ = name_type(name)
        role = role_of(name, index.table) if typ == "person" else None
        return Resolution(_named(_strip_det(name), typ, role), "name")
    if kind == "first_person":
        if enclosing is not None and head.lower_ in ("i", "me", "myself"):
            return Resolution(replace(enclosing), "quote_speaker", probability=enclosing.confidence)
        if enclosing is None and not index.in_quote[head.i]:
            answer = ctx.answers(head.i) if ctx.answers is not None and head.lower_ in ("i", "me", "myself") else None
            if answer is not None:  # "I" in a transcript's turn, an interview's answer, a speech: who speaks there
                return Resolution(replace(answer.info), answer.evidence, probability=answer.probability)
            found = author_of_first_person(ctx.author, head.lower_)
            if found is not None:  # "I" in a column: its author
                return Resolution(_named(found[0], found[1]), "author")
        return Resolution(SpeakerInfo())
    if kind == "relative":
        antecedent = _relative_antecedent(head)
        if antecedent is None or depth > 2:
            return Resolution(SpeakerInfo(None, "anonymous" if head.lower_ in ("who", "whom") else "unknown"))
        inner = _resolve(index, classify(_noun_phrase(antecedent), index.analysis), ctx, enclosing=enclosing,
                         extra=extra, depth=depth + 1)
        if inner.evidence == "name":
            inner.evidence = "relative"  # "Trump, who ...": as certain as the name
        if inner.info.type == "unknown" and head.lower_ in ("who", "whom"):
            # "the same number who said", "the left, who accused": "who" is people, unnamed where no one is named
            inner.info = replace(inner.info, type="anonymous")
        return inner
    ranked = _ranker(index, mention, ctx, enclosing, extra, depth)
    if ranked is not None:
        return ranked
    if kind == "pronoun":
        low = head.lower_
        if low in PLURAL_PRONOUNS:
            found = group_for_they(index, head, ctx.groups)
            if found is not None:  # "Graham and McCain ... they said"
                return Resolution(_group_info(found[0].members), "group_they", distance=found[1])
            org = _org_for_they(index, head)
            if org is not None:  # "the Church denied these allegations ... They also claimed"
                return _org_resolution(index, org, head.i, "org_anaphor")
            return Resolution(SpeakerInfo(None, "anonymous"))
        if low in NEUTER_PRONOUNS:
            found = _salient_org(index, head.i) or index.latest_org(head.i)
            return _org_resolution(index, found, head.i, "org_anaphor")
        later = _cataphor(index, head)
        if later is not None:  # "After he blasted the Girl Scouts, Pastor Kevin Swanson called for ..."
            return Resolution(_info(later), "cataphora")
        previous = _continued_speaker(index, head, ctx) if head.head.lemma_.lower() in CONTINUATION_VERBS else None
        if previous is not None:  # "'...,' Zimmerman said. [a photo caption] '...,' he added": the same speaker
            return Resolution(_info(previous[0]), "pronoun", CAP, previous[1])
        anchor = _pronoun_chain_start(index, head)  # "he went up ... where he met X. ... he wrote": the first "he"
        ranked_people = index.rank_pronoun(anchor, extra=extra, gender=POSSESSIVE_GENDER.get(low))
        if _unnamed_subject_outranks(index, head, ranked_people):
            # "..., said an official who was not authorized to discuss it. He said ...": that official, unnamed
            return Resolution(SpeakerInfo(None, "anonymous"), "unnamed_subject")
        if not ranked_people:
            return Resolution(SpeakerInfo())
        best, score, at = ranked_people[0]
        return Resolution(_info(best), "pronoun", _margin(ranked_people), _sentences(index, head.i, at),
                          gender_unknown=best.gender is None, fallback=score == float("-inf"))
    # nominal
    key = index.token_entity.get(head.i)
    if key is not None and head.is_title:  # "Rathbun requested ...": a name the tagger read as a noun
        return Resolution(_info(index.entities[key]), "name")
    named = _apposed_name(index, span, head)
    if named is not None:  # "The secretary general of CEI (...), Nunzio Galantino, has called"
        return Resolution(_info(named, nominal_role(span, index.table) if named.type == "person" else None),
                          "apposition")
    lemma = head.lemma_.lower()
    if head.ent_type_ in ("DATE", "TIME"):  # "Broaddrick Sunday night": the parse took the date for the head
        entity = index.entity_at(span)
        if entity is not None:
            return Resolution(_info(entity), "name")
    count = counted_plural(span, head)
    if count is not None:
        found = group_for_count(index, head, count, ctx.groups)
        if found is not None:  # "Two senior lawmakers ..." / "... Sens. Graham and McCain"
            return Resolution(_group_info(found[0].members), "group_number", distance=found[1])
    inner = _named_modifier(index, span, head)
    if inner is not None and lemma in lexicons.organization_heads():  # "the M5S party": the party named M5S
        return _org_resolution(index, inner, head.i, "name")
    acronym = _acronym_modifier(index, span, head) if lemma in lexicons.organization_heads() else None
    if acronym is not None:  # "the M5S party" where the NER never labelled "M5S": the party is M5S
        return Resolution(_named(acronym, "organization"), "name")
    owner, via_pronoun = _possessor(index, span, head)
    if owner is not None and owner.type == "organization" and lemma in _organization_parts() and not is_plural(head):
        # "the Washington Post's investigative unit": the organisation itself
        return _org_resolution(index, owner, head.i, "possessor_name")
    if owner is not None and (lemma in lexicons.organization_heads() or lemma in _possessed_orgs()):
        # "His campaign" -> "Bernie Sanders campaign", "his office", "her team"
        return Resolution(_named(f"{owner.name} {head.text}", "organization"),
                          "possessor_pronoun" if via_pronoun else "possessor_name")
    author = _author_of_work(index, span, head)
    if author is not None:  # "Zornick's comment", "an analysis by the Pew Research Center": its author
        return author
    kin = _relative_called_by_name(index, head)
    if kin is not None:  # "my mother says" in a story whose narrator says "Let's go see Mom": Mom
        return Resolution(_info(kin), "kin_name")
    if is_definite(span):
        if _media_anaphor(span, head):
            named = _named_with_noun(index, head)
            if named is not None:  # "Family Circle magazine's cookie poll ... The magazine said"
                return named
            near = [e for e in (_nearby(index, index.latest_org(head.i, media=True), head.i),
                                _subject_org(index, head.i)) if e is not None]
            # the later of a news outlet named nearby and an organisation that was just a subject
            entity = max(near, key=lambda e: _last_before(e, head.i)) if near else None
            unknown = _unknown_name_subject(index, head.i)
            if unknown is not None and (entity is None or _last_before(entity, head.i) < unknown.start):
                # "Politifact (...) examined the charge. The news service ...": a name the index missed
                return Resolution(_named(unknown.text, "organization"), "media_anaphor", distance=1.0)
            entity = entity or index.latest_org(head.i, media=True)
            described = _described_outlet(index, head.i)
            if described is not None and (entity is None or _last_before(entity, head.i) < described[0]):
                # "the Union Leader, New Hampshire's largest newspaper", "the editors of The Advocate": an outlet
                # the text says is one, though no outlet word ends its name
                return described[1]
            if entity is not None:
                return _org_resolution(index, entity, head.i, "media_anaphor")
        head_word, mods = _nominal_key(span, head)
        unnamed = _unnamed_antecedent(index, head) if head_word is not None and not is_plural(head) else None
        if head_word is not None and not _first_person_possessor(head):  # "my father": the author's, no one named
            ranked_roles = index.rank_nominal(span, head_word, mods)
            if ranked_roles and (unnamed is None or ranked_roles[0][2] > unnamed):
                best, _, at = ranked_roles[0]
                far = index.sent_of[head.i] - index.sent_of[at] > ROLE_HOLDER_SENTENCES
                focus = _focus_person(index, span) if far or _unmatched_place(span, head, best) else None
                if focus is not None and focus is not best and _may_hold(focus, head_word, head):
                    # "Cruz defends ...: '...,' the senator says", a senator named a dozen sentences back
                    return Resolution(_info(focus, nominal_role(span, index.table)), "nominal_focus", 1.0, 0.0)
                return Resolution(_info(best), "nominal_role", _margin(ranked_roles),
                                  _sentences(index, head.i, at))
        if unnamed is None and head_word is not None and not is_plural(head) and _plain_definite(head):
            # no one holds the role: "the prime minister's spokesman said ... the spokesman said" is that spokesman
            unnamed = _unnamed_antecedent(index, head, described=True)
        if unnamed is not None:  # "a young woman asked ... the woman said": that unnamed person
            return Resolution(SpeakerInfo(None, "anonymous", nominal_role(span, index.table)))
        if lemma in lexicons.organization_heads():
            entity = index.latest_org(head.i, words=frozenset({lemma}))
            if entity is not None:
                return _org_resolution(index, entity, head.i, "org_anaphor")
        if _plain_definite(head) and lemma in _organization_anaphors() and not is_plural(head):
            # "the group", "the organization": the organisation named before (not a news outlet)
            modifiers = [t for t in span if t.i != head.i and t.dep_ in ("compound", "amod")]
            words = frozenset(t.lower_ for t in modifiers)
            found = _latest_non_media_org(index, head.i, words)
            named = frozenset(t.lower_ for t in modifiers if t.pos_ == "PROPN" or t.is_title)
            if found is None and named != words:  # "the elite group", "the advocacy group": words that describe
                found = _latest_non_media_org(index, head.i, named)  # (but "the Sea Org group" names it)
            return _org_resolution(index, found, head.i, "org_anaphor", unresolved_type="organization")
        if _is_person_noun(head) and _plain_definite(head) and not is_plural(head):
            # "the actor", "the GOP front-runner", "the woman": a definite description of the person in focus (of
            # the noun's gender: "the former first lady" is not the man named last)
            ranked_people = index.rank_pronoun(head, extra=extra, gender=_person_noun_gender(head) or "they",
                                               window=2, before=span.start)
            if not ranked_people:  # "'...,' Trump said. '...' '...' / The candidate boasted": past the quote
                ranked_people = [r for r in index.rank_pronoun(
                    head, extra=extra, gender=_person_noun_gender(head) or "they",
                    window=_window_past_quotations(index, head.i, FOCUS_SENTENCES), before=span.start)
                    if r[1] != float("-inf")]
            stranger = _unnamed_person_before(index, head) if description_gender(head.lemma_.lower()) else None
            if stranger is not None and (not ranked_people or ranked_people[0][2] < stranger):
                # "One man in Manchester interrupted Sanders: ... the man shouted": the unnamed man, not Sanders
                return Resolution(SpeakerInfo(None, "anonymous", nominal_role(span, index.table)))
            ranked_people = _without_other_offices(ranked_people, head)
            if ranked_people:
                best, _, at = ranked_people[0]
                return Resolution(_info(best, nominal_role(span, index.table)), "nominal_focus",
                                  _margin(ranked_people), _sentences(index, head.i, at))
    lead = _lead_cataphor(index, span, head)
    if lead is not None:  # "A major climate group is demanding ... / NextGen Climate, founded by ..., will air"
        return Resolution(_info(lead, nominal_role(span, index.table) if lead.type == "person" else None),
                          "cataphora", distance=1.0)
    commentator = _headline_commentator(index, span, head)
    if commentator is not None:  # "But expert says ... / ..., said Michael Berkman, director of the ... Institute"
        return Resolution(_info(commentator), "cataphora", distance=1.0)
    holder = _lead_role_cataphor(index, span, head)
    if holder is not None:  # "Indiana governor endorses Cruz / ... the endorsement of Gov. Mike Pence (R)"
        return Resolution(_info(holder, nominal_role(span, index.table)), "cataphora", distance=1.0)
    typ = nominal_type(span, head)
    if typ == "organization":
        return Resolution(_named(_strip_det(span), "organization"), "name")
    role = nominal_role(span, index.table) if typ == "anonymous" else None
    return Resolution(SpeakerInfo(None, typ, role))  # type: ignore[arg-type]


ROLE_HOLDER_SENTENCES = 4
"""Sentences back beyond which the holder of a role a description names yields to the person in focus: "the
senator" right after "Cruz defends ..." is Cruz, not a senator named a dozen sentences before."""


def _focus_person(index: DocEntities, span: Span) -> Optional[Entity]:
    """The person in focus at a description: the first person named as a subject (not of an adverbial or relative
    clause) before it in its own sentence, outside quotation marks; else the person named as the main subject of
    the last sentence before it that is not wholly quoted. None without one."""
    start = span.start
    first = index.table.sent_start[start]
    found = _person_subject(index, range(first, start), main_only=False)
    if found is not None:
        return found
    back = _window_past_quotations(index, start, 1)
    n = index.sent_of[start] - back
    if back == 0 or n < 0:
        return None
    previous = index._sent_starts[n]
    return _person_subject(index, range(previous, index.table.sent_end[previous]), main_only=True)


def _person_subject(index: DocEntities, tokens: range, *, main_only: bool) -> Optional[Entity]:
    """The first person among ``tokens`` named as a subject outside quotation marks: of a main clause
    (``main_only``) or of any clause but an adverbial or relative one."""
    from .coref import _name_head as name_head

    for i in tokens:
        key = index.token_entity.get(i)
        if key is None or index.in_quote[i] or index.entities[key].type != "person":
            continue
        tok = name_head(index.doc[i])
        if tok.dep_ not in _SUBJECTS or _subordinate(tok) or (main_only and not _main_clause(tok)):
            continue
        return index.entities[key]
    return None


def _unmatched_place(span: Span, head, holder: Entity) -> bool:
    """Whether a description names a place the role holder's stated roles and descriptions do not ("The Florida
    senator" for "Sen. Joni Ernst, R-Iowa"): then it may well be someone else's role."""
    from .coref import _stated_words

    places = {t.lower_ for t in span if t.i != head.i and t.ent_type_ in ("GPE", "NORP", "LOC")}
    return bool(places) and not places & _stated_words(holder)


def _may_hold(entity: Entity, head_word: str, head) -> bool:
    """Whether a person may be the one a role description names: the document states no role of theirs, or one
    with the description's role noun; of the noun's gender where it has one."""
    from .coref import _stated_words

    gender = _person_noun_gender(head)
    if gender in ("he", "she") and entity.gender not in (None, PRONOUN_GENDER[gender]):
        return False
    return not entity.roles or head_word in _stated_words(entity)


FOCUS_SENTENCES = 2
"""Sentences of the narrative (not counting those wholly inside quotation marks) a definite description of the
person in focus looks back."""


def _window_past_quotations(index: DocEntities, at: int, sentences: int) -> int:
    """How many sentences back from token ``at`` hold ``sentences`` that are not wholly quoted: a quotation's
    further sentences ("'We need a new leader.'") do not move the focus off the one who said them."""
    doc = index.doc
    starts = index._sent_starts
    n = index.sent_of[at]
    back = 0
    narrative = 0
    while narrative < sentences and n - back - 1 >= 0:
        back += 1
        start = starts[n - back]
        end = index.table.sent_end[start]
        if not all(index.in_quote[i] or doc[i].is_punct or doc[i].is_space for i in range(start, end)):
            narrative += 1
    return back


LEAD_PARAGRAPHS = 2
"""Paragraphs that open an article: its headline and its lead."""


def _lead_cataphor(index: DocEntities, span: Span, head) -> Optional[Entity]:
    """The entity an indefinite singular description that opens the article introduces, named as the subject of
    the next sentence ("Woman Reveals ... / Betsy Sharp of Burke County knows ...", "A major climate group is
    demanding ... / NextGen Climate, founded by ..., will air"): the news lead describes before it names. Only in
    the headline or the lead paragraph, outside quotation marks, for an entity named there for the first time
    that the description fits: a woman or a man of that gender, a person the document gives the description's
    role or occupation, an organisation whose name shares a word with the description; None otherwise ("A union
    leader said ... / Donald Trump visited the plant" is no cataphora)."""
    if head.i >= len(index.analysis.para) or index.analysis.para[head.i] >= LEAD_PARAGRAPHS:
        return None
    if index.in_quote[head.i] or is_plural(head) or not _indefinite_or_bare(span, head):
        return None
    subject = _next_subject(index, index.table.sent_end[head.i])
    if subject is None or index.in_quote[subject.i]:
        return None
    entity = index.entity_at(index.doc[subject.left_edge.i : subject.i + 1])
    if entity is None or (entity.mentions and entity.mentions[0] < head.i):
        return None
    return entity if _description_fits(entity, span, head) else None


def _next_subject(index: DocEntities, start: int):
    """The main subject of the sentence starting at token ``start``, looking past lines without a verb (a photo
    caption "The Church's cruise ship Freewinds in Bonaire.", a dateline, a byline): no sentence of the story;
    None where the first sentence with a verb has no subject."""
    doc = index.doc
    for _ in range(VERBLESS_LINES + 1):
        if start >= len(doc):
            return None
        sent = doc[start].sent
        if any(t.pos_ in ("VERB", "AUX") for t in sent):
            return _main_subject(sent)
        start = sent.end
    return None


VERBLESS_LINES = 2
"""Verbless lines a headline's description looks past for the next subject (a caption, a dateline, a byline)."""


def _headline_commentator(index: DocEntities, span: Span, head) -> Optional[Entity]:
    """The commentator a headline's or lead's bare or indefinite "expert"/"analyst" is ("... keep distance from
    Trump, expert says"): the first person named after it whom the document describes by a word of expertise (a
    university or institute post, "professor", "analyst": lexicon ``commentators``), none named before it. Only
    in the headline or lead paragraph, outside quotation marks; None otherwise."""
    words = lexicons.sections("commentators")
    if head.i >= len(index.analysis.para) or index.analysis.para[head.i] >= LEAD_PARAGRAPHS:
        return None
    if index.in_quote[head.i] or is_plural(head) or not _indefinite_or_bare(span, head) \
            or head.lemma_.lower() not in words["headline_nouns"]:
        return None
    expertise = words["expertise_words"]
    described = []
    for entity in index.entities:
        stated = " ".join(entity.roles + entity.descriptions).lower()
        if entity.type != "person" or not entity.mentions or not stated:
            continue
        if any(re.search(rf"\b{re.escape(w)}\b", stated) for w in expertise):
            described.append(entity)
    if not described or min(e.mentions[0] for e in described) < head.i:
        return None  # an expert named before: not introduced by the headline
    return min(described, key=lambda e: e.mentions[0])


def _lead_role_cataphor(index: DocEntities, span: Span, head) -> Optional[Entity]:
    """The person a headline's or lead's singular role description introduces before the text names them ("Indiana
    governor endorses Cruz / ... Gov. Mike Pence", "London's Muslim mayor rebuffs Trump / ... Khan was elected as
    mayor of London", "One protest organizer says ... / Asa Khalif, an organizer with ..."): the first person named
    after it whose stated role or description has the role noun, where no one named before it has one. Only in
    the headline or lead paragraph, outside quotation marks; None otherwise (in the body, "a senator said" stays
    anonymous)."""
    if not _in_headline_or_lead(index, head):
        return None
    if index.in_quote[head.i] or is_plural(head) or _first_person_possessor(head):
        return None
    if head.lemma_.lower() in _PLAIN_PERSON_NOUNS or head.lower_ in _PLAIN_PERSON_NOUNS:
        return None  # "a woman", "the man": no role to find the person by
    head_word, mods = _nominal_key(span, head)
    if head_word is None:
        return None
    return index.first_named_holder(span, head_word, mods)


def _in_headline_or_lead(index: DocEntities, tok) -> bool:
    """Whether a token lies in the article's first :data:`LEAD_PARAGRAPHS` paragraphs, or in its first two blocks
    of text separated by blank lines (a headline of two lines, "...; \nSpurns offer ...", then the lead)."""
    if tok.i < len(index.analysis.para) and index.analysis.para[tok.i] < LEAD_PARAGRAPHS:
        return True
    text = index.analysis.text  # cached: Doc.text joins every token on each call
    first = text.find("\n\n")
    second = text.find("\n\n", first + 2) if first >= 0 else -1
    return second >= 0 and tok.idx < second


def _description_fits(entity: Entity, span: Span, head) -> bool:
    """Whether a description can name an entity the document names later: an organisation noun an organisation
    whose name shares one of its words ("A major climate group": "NextGen Climate"), "woman"/"man" a person of
    that gender, a role or occupation a person the document states it of ("an expert": "Berkman, an expert
    on ...")."""
    lemma = head.lemma_.lower()
    if lemma in lexicons.organization_heads() or head.lower_ in lexicons.media_anaphors():
        words = {t.lower_ for t in span if not t.is_punct} - {"a", "an"}
        return entity.type == "organization" and bool(words & set(entity.name.lower().split()))
    gender = _person_noun_gender(head)
    if entity.type != "person" or gender is None:
        return False
    if gender in ("he", "she"):
        return entity.gender == PRONOUN_GENDER[gender]
    stated = {w for d in entity.roles + entity.descriptions for w in d.lower().split()}
    return lemma in stated or head.lower_ in stated


def _indefinite_or_bare(span: Span, head) -> bool:
    """ "a/an" + noun, or a bare noun (a headline's "Woman Reveals ...", "But expert says ...")."""
    dets = [c for c in head.children if c.dep_ in ("det", "nmod:poss", "poss") and span.start <= c.i < span.end]
    return not dets or all(c.lower_ in ("a", "an") for c in dets)


def _main_subject(sent: Span):
    """The subject of a sentence's main verb (None without one)."""
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)


def _without_other_offices(ranked: list, head) -> list:
    """For a role or occupation noun no stated role matched ("the Republican presidential candidate", "the
    businessman"), the candidates the document gives no office (the lexicon's ``offices``: "Mayor Bill de
    Blasio" is not the candidate, a "former press secretary" not the businessman); all of them when each has
    one."""
    if head.lemma_.lower() in _PLAIN_PERSON_NOUNS or head.lower_ in _PLAIN_PERSON_NOUNS:
        return ranked  # "the man", "the woman": any person
    offices = lexicons.sections("speaker_nominals")["offices"]
    free = [r for r in ranked if not any(w in offices for role in r[0].roles for w in role.lower().split())]
    return free or ranked


_PLAIN_PERSON_NOUNS = frozenset({"man", "woman", "person", "guy", "lady", "gentleman", "boy", "girl"})


NEARBY_SENTENCES = 3
"""Sentences back an organisation counts as near a description of it ("the magazine", "the news service")."""


def _media_anaphor(span: Span, head) -> bool:
    """A description of a news outlet: its head noun ("the newspaper", "the daily") or its last two words ("the
    news service") in the lexicon's anaphors."""
    words = lexicons.media_anaphors()
    pair = f"{head.doc[head.i - 1].lower_} {head.lower_}" if head.i > span.start else ""
    return head.lower_ in words or head.lemma_.lower() in words or pair in words


def _nearby(index: DocEntities, entity: Optional[Entity], at: int) -> Optional[Entity]:
    """``entity`` when one of its mentions lies within :data:`NEARBY_SENTENCES` sentences before token ``at``."""
    if entity is None:
        return None
    earlier = [m for m in entity.mentions if m < at]
    return entity if earlier and index.sent_of[at] - index.sent_of[earlier[-1]] <= NEARBY_SENTENCES else None


def _last_before(entity: Entity, at: int) -> int:
    return max((m for m in entity.mentions if m < at), default=-1)


def _subject_org(index: DocEntities, at: int) -> Optional[Entity]:
    """The organisation that was last the subject of a clause in the sentence of token ``at`` or the one before
    ("Politifact examined the charge ... The news service pointed to ...")."""
    best, best_at = None, -1
    for entity, m in _organisations_named_before(index, at, 1):
        if m > best_at and _name_head(index, entity, m).dep_ in ("nsubj", "nsubj:pass"):
            best, best_at = entity, m
    return best


def _unknown_name_subject(index: DocEntities, at: int) -> Optional[Span]:
    """The name the entity index missed that was the main subject of the sentence before token ``at``'s: a proper
    noun no organisation, place or fully named person claims (with its compound words; a one-word "person" is
    the NER's slip on an outlet's name, "Politifact")."""
    doc = index.doc
    sent = doc[at].sent
    if sent.start == 0:
        return None
    previous = doc[sent.start - 1].sent
    for tok in previous:
        if tok.dep_ in ("nsubj", "nsubj:pass") and tok.pos_ == "PROPN" and tok.head == previous.root:
            key = index.token_entity.get(tok.i)
            known = key is not None and (index.entities[key].type != "person" or index.entities[key].first)
            if known or tok.ent_type_ in ("GPE", "NORP", "LOC", "DATE"):
                return None  # an organisation or a person with a full name the index knows, a place
            start = min([c.i for c in tok.children if c.dep_ in ("compound", "flat")] + [tok.i])
            return doc[start : tok.i + 1]
    return None


def _described_outlet(index: DocEntities, at: int) -> Optional[tuple[int, Resolution]]:
    """(last mention before token ``at``, resolution) of the news outlet the text last said was one before ``at``
    though no outlet word ends its name: a name a media noun stands in apposition to ("The Union Leader, New
    Hampshire's largest newspaper, ..."), or whose editors or editorial board the text names ("the editors of The
    Advocate", "the Journal's editorial board"). None without one."""
    best: Optional[tuple[int, Resolution]] = None
    for name in _outlet_names(index, at):
        entity = index.entity_at(name)
        if entity is not None and entity.type == "organization":
            last = _last_before(entity, at)
            found = (last, _org_resolution(index, entity, at, "media_anaphor"))
        else:
            last = max(t.i for t in index.doc[:at] if t.text == name[-1].text and not index.in_quote[t.i])
            found = (last, Resolution(_named(name.text, "organization"), "media_anaphor",
                                      distance=_sentences(index, at, last)))
        if best is None or found[0] > best[0]:
            best = found
    return best


_NOT_OUTLET_ENTS = ("PERSON", "GPE", "NORP", "LOC", "FAC")


def _outlet_names(index: DocEntities, at: int) -> list[Span]:
    """The names (without "the") the text before token ``at`` writes as news outlets' (see
    :func:`_described_outlet`), outside quotations."""
    doc, anaphors = index.doc, lexicons.media_anaphors()
    out = []
    for tok in doc[:at]:
        if tok.pos_ != "NOUN" or index.in_quote[tok.i]:
            continue
        lemma = tok.lemma_.lower()
        if (lemma in anaphors or tok.lower_ in anaphors) and tok.dep_ == "appos" and tok.head.pos_ == "PROPN":
            name = tok.head  # "the Union Leader, New Hampshire's largest newspaper"
        elif lemma == "editor" or (lemma == "board" and any(c.lower_ == "editorial" for c in tok.children)):
            name = next((c for c in tok.children if c.dep_ in ("nmod", "nmod:poss") and c.pos_ == "PROPN"), None)
            if name is None:
                continue  # "the editors of The Advocate", "the Journal's editorial board"
        else:
            continue
        if name.i >= at or index.in_quote[name.i] or name.ent_type_ in _NOT_OUTLET_ENTS:
            continue  # "residents of flood-ravaged Louisiana, a Baton Rouge newspaper, ...": a misparse
        start = min([c.i for c in name.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
                    + [name.i])
        out.append(doc[start : name.i + 1])
    return out


def _named_with_noun(index: DocEntities, head) -> Optional[Resolution]:
    """The organisation a definite description names when the text wrote that name before its noun within
    :data:`NEARBY_SENTENCES` sentences ("Family Circle magazine" ... "the magazine"): the entity of those name
    words, else the name itself."""
    doc, lemma = index.doc, head.lemma_.lower()
    for i in range(head.i - 1, -1, -1):
        if index.sent_of[head.i] - index.sent_of[i] > NEARBY_SENTENCES:
            return None
        tok = doc[i]
        if tok.lemma_.lower() != lemma or index.in_quote[i]:
            continue
        name = [c for c in tok.children if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.i < tok.i]
        if not name:
            continue
        span = doc[min(c.left_edge.i for c in name) : tok.i]
        while len(span) and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        if not len(span) or not span[0].is_title:
            continue
        entity = index.entity_at(span)
        if entity is not None and entity.type == "organization":
            return _org_resolution(index, entity, head.i, "media_anaphor")
        return Resolution(_named(span.text, "organization"), "media_anaphor", distance=_sentences(index, head.i, i))
    return None


CONTINUATION_VERBS = frozenset({"add", "continue"})
"""Cues that continue the previous speaker's words ("he added")."""


CHAIN_SENTENCES = 1
"""How many sentences back the previous link of a pronoun chain may stand (:func:`_pronoun_chain_start`)."""
_CHAIN_LINKS = 12


def _pronoun_chain_start(index: DocEntities, pron):
    """The first pronoun of the chain a subject "he"/"she" continues: the same pronoun as a subject in its sentence
    or the one before, outside quotations, each earlier link the subject of a main clause, and so on back, with no
    person of that gender (or of unknown gender) the subject of a clause in between but of an adverbial or
    relative one ("He spoke German fluently. He served as Russell's interpreter when Russell visited China. In his
    memoir, he wrote": the first "He", not Russell, a subordinate clause's subject or an object; "..., Jones
    said" ends the chain). A text keeps its topic as the subject pronoun; whoever is named between as an object
    is not it. The same pronoun as the subject of an adverbial or relative clause is looked past ("he went up to
    Cambridge, where he met Edleston. About his friend he wrote": the main clause's "he" is the link). The pronoun
    itself where it continues no chain; the chain's first pronoun is ranked as any."""
    gender = PRONOUN_GENDER.get(pron.lower_)
    if gender is None or pron.dep_ not in _SUBJECTS or index.in_quote[pron.i]:
        return pron
    doc, current = index.doc, pron
    for _ in range(_CHAIN_LINKS):
        previous = None
        for k in range(current.i - 1, -1, -1):
            if index.sent_of[current.i] - index.sent_of[k] > CHAIN_SENTENCES:
                break
            tok = doc[k]
            if index.in_quote[k]:
                continue
            if tok.dep_ in _SUBJECTS and not _subordinate(tok) and _person_of_gender(index, k, gender):
                return current  # "..., Jones said. He": a person named as a subject takes over
            if tok.dep_ in _SUBJECTS and PRONOUN_GENDER.get(tok.lower_) == gender:
                if _subordinate(tok) and not _main_clause(tok):
                    continue  # "he went up to Cambridge, where he met X. ... he wrote": the main clause's "he"
                previous = tok if _main_clause(tok) else None
                break
        if previous is None:
            return current
        current = previous
    return current


def _main_clause(tok) -> bool:
    """A subject of its sentence's main verb or of a verb coordinated with it (not of a subordinate clause)."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.head.i == verb.i


_SUBORDINATE = frozenset({"advcl", "acl", "acl:relcl"})


def _subordinate(tok) -> bool:
    """Whether a token stands in an adverbial or relative clause ("when Russell visited China")."""
    for _ in range(12):
        if tok.dep_ in _SUBORDINATE:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _person_of_gender(index: DocEntities, k: int, gender: str) -> bool:
    """Whether token ``k`` is a mention of a person of this gender or of unknown gender."""
    key = index.token_entity.get(k)
    if key is None:
        return False
    entity = index.entities[key]
    return entity.type == "person" and (entity.gender is None or entity.gender == gender)


def _continued_speaker(index: DocEntities, pron, ctx: _Context) -> Optional[tuple[Entity, float]]:
    """The person the last earlier speaker mention within the pronoun window resolved to, when it agrees with the
    pronoun (and its distance in sentences): "he added" continues that speaker even when a name stands between
    (a photo caption, an object)."""
    from .coref import _WINDOW

    gender = PRONOUN_GENDER.get(pron.lower_)
    for anchor in sorted((a for a in (ctx.resolved_at or {}) if a < pron.i), reverse=True):
        if index.sent_of[pron.i] - index.sent_of[anchor] > _WINDOW:
            return None
        info = ctx.resolved_at[anchor].info
        entity = index.find(info.entity) if info.entity else None
        if entity is None or entity.type != "person":
            return None  # the last speaker is no one person: leave it to the salience ranking
        if gender and entity.gender and entity.gender != gender:
            return None
        return entity, _sentences(index, pron.i, anchor)
    return None


def _cataphor(index: DocEntities, pron) -> Optional[Entity]:
    """The person a "he"/"she" in a clause or phrase fronted before its sentence's main clause refers to: the main
    clause's subject named after it ("In what he called a rant, President Obama took a whack at Trump"), when it
    is a person of the pronoun's gender (or of unknown gender) and no such person is named earlier in the
    sentence; None otherwise."""
    gender = PRONOUN_GENDER.get(POSSESSIVE_GENDER.get(pron.lower_, pron.lower_))
    sent = pron.sent
    main = sent.root
    if pron.i >= main.i or index.in_quote[pron.i]:
        return None
    tok = pron
    while tok.head is not tok and tok.head.i != main.i:
        tok = tok.head
    if tok.head.i != main.i or tok.dep_ not in ("advcl", "obl", "nmod", "ccomp") or tok.i > main.i:
        return None
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is None or subject.i < pron.i:
        return None
    key = index.token_entity.get(subject.i)
    if key is None:
        return None
    entity = index.entities[key]
    if entity.type != "person" or (gender and entity.gender and entity.gender != gender):
        return None
    for i in range(sent.start, pron.i):
        other = index.token_entity.get(i)
        if other is not None and index.entities[other].type == "person" and (
                not gender or index.entities[other].gender in (None, gender)):
            return None  # "After Trump won, he ..." is no cataphora
    return entity


def _org_resolution(index: DocEntities, entity: Optional[Entity], at: int, evidence: str, *,
                    unresolved_type: str = "unknown") -> Resolution:
    if entity is None:
        return Resolution(SpeakerInfo(None, unresolved_type))  # type: ignore[arg-type]
    earlier = [m for m in entity.mentions if m < at]
    return Resolution(_info(entity), evidence, distance=_sentences(index, at, earlier[-1]) if earlier else 0.0)


def _nominal_key(span: Span, head) -> tuple[Optional[str], set[str]]:
    """A role noun's key word and modifiers, as :meth:`DocEntities.resolve_nominal` reads them (None: not a role
    noun: "his campaign" names no person)."""
    from .coref import _norm, _role_key

    if _person_noun_gender(head) is None:
        return None, set()
    mods = {_norm(t.text) for t in span
            if t.i != head.i and not t.is_punct and t.lower_ not in ("the", "this", "that", "a", "an")}
    return _role_key(head.lemma_.lower()), mods


def _ranker(index: DocEntities, mention: Mention, ctx: _Context, enclosing, extra, depth: int) -> Optional[Resolution]:
    """Ask the plugged-in ranker for a pronoun/nominal's antecedent; the antecedent's own resolution (an earlier
    speaker mention's, else its reading as a mention) is the answer, at the ranker's confidence."""
    if ctx.ranker is None or depth > 0 or mention.kind not in ("pronoun", "nominal"):
        return None
    if mention.head.lower_ in PLURAL_PRONOUNS | NEUTER_PRONOUNS:
        return None
    answer = ctx.ranker(mention.span)
    if answer is None:
        return None
    antecedent, probability = answer
    if antecedent is None:  # the ranker abstains: unresolved, whatever the rules would guess
        return Resolution(SpeakerInfo(), "ranker", probability=float(probability))
    earlier = (ctx.resolved_at or {}).get(antecedent.root.i)
    if earlier is None:
        earlier = _resolve(index, classify(antecedent, index.analysis), ctx, enclosing=enclosing, extra=extra,
                           depth=depth + 1)
    return Resolution(replace(earlier.info), "ranker", probability=float(probability),
                      distance=_sentences(index, mention.head.i, antecedent.root.i))


def _apposed_name(index: DocEntities, span: Span, head) -> Optional[Entity]:
    """The named entity in apposition to a singular nominal, outside the speaker span ("the president of the
    region, Roberto Maroni, has reacted"): the description and the name are one mention; a person for a person
    noun, an organisation for an organisation noun."""
    if is_plural(head):
        return None  # "Presidential candidates Hillary Clinton and Donald Trump": a group, not its first member
    lemma = head.lemma_.lower()
    wanted = {"organization"} if lemma in lexicons.organization_heads() else {"person"}
    if lemma in _persons_or_organizations():
        wanted = {"person", "organization"}  # "The plant's owner, GreenCycle Inc., said"
    for child in head.children:
        if child.dep_ != "appos" or span.start <= child.i < span.end:
            continue
        entity = index.entity_at(child.doc[child.i : child.i + 1])
        if entity is not None and entity.type in wanted:  # not "Scott's niece, (D-Newport News)"
            return entity
    return None


def _salient_org(index: DocEntities, at: int) -> Optional[Entity]:
    """The organisation "it" most likely refers to among those of its own and the previous sentence: the
    subject of the previous clause ("The Union (UAAR) has launched a petition ... of the Supreme Court. It is
    also ...") rather than the last one named; None when no organisation is that close."""
    best, best_score = None, float("-inf")
    for entity, m in _organisations_named_before(index, at, 1):
        score = index._score(_name_head(index, entity, m).i, at)  # "Union" of "Union of ... Agnostics"
        if score > best_score:
            best, best_score = entity, score
    for entity, m in _organisations_described_before(index, at, 1):
        score = index._score(m, at)
        if score > best_score:
            best, best_score = entity, score
    return best


def _organisations_described_before(index: DocEntities, at: int, sentences: int):
    """``(entity, token index)`` of each definite description by an organisation's own head noun ("the bureau"
    for the Census Bureau named before it, "the department") before token ``at`` and at most ``sentences``
    sentences back."""
    doc = index.doc
    heads: dict[str, list[Entity]] = {}
    for entity in index.entities:
        if entity.type == "organization" and " " in entity.name:
            heads.setdefault(entity.name.split()[-1].lower(), []).append(entity)
    if not heads:
        return
    first = at
    while first > 0 and index.sent_of[at] - index.sent_of[first - 1] <= sentences:
        first -= 1
    for i in range(first, at):
        tok = doc[i]
        named = heads.get(tok.lower_)
        if named is None or i in index.token_entity or tok.pos_ != "NOUN" or not _plain_definite(tok):
            continue
        latest = max(named, key=lambda e: _last_before(e, i))  # the last one named before it is described
        if _last_before(latest, i) >= 0:
            yield latest, i


def _organisations_named_before(index: DocEntities, at: int, sentences: int):
    """``(entity, token index)`` of each mention of an organisation before token ``at`` and at most ``sentences``
    sentences back, entity by entity in the index's order."""
    for entity in index.entities:
        if entity.type != "organization":
            continue
        for m in entity.mentions:
            if m >= at:
                break
            if index.sent_of[at] - index.sent_of[m] <= sentences:
                yield entity, m


THEY_WINDOW = 2
"""Sentences back a "they" looks for an organisation that was a subject."""


def _org_for_they(index: DocEntities, pron) -> Optional[Entity]:
    """The organisation a "they" refers to: the last one that was the subject of a clause within
    :data:`THEY_WINDOW` sentences, with no plural noun subject and no plural noun for people between them ("the
    Church denied these allegations ... They also claimed"); None otherwise (unnamed people: anonymous)."""
    from .groups import _plural_noun_between

    at = pron.i
    best, best_at = None, -1
    for entity, m in _organisations_named_before(index, at, THEY_WINDOW):
        if m <= best_at or index.in_quote[m] != index.in_quote[at]:
            continue
        if _name_head(index, entity, m).dep_ in ("nsubj", "nsubj:pass"):
            best, best_at = entity, m
    if best is None or _plural_noun_between(index, best_at + 1, at) or _plural_people_between(index, best_at + 1, at):
        return None
    return best


def _plural_people_between(index: DocEntities, start: int, end: int) -> bool:
    """A plural noun for people between two tokens ("The AP interviewed 20 former crew members ... They"):
    "they" is more likely those people than the organisation. Not one inside a relative or adverbial clause
    ("the EU are drafting regulation which will require people who create models to ... They're not saying"):
    a clause about something else that does not bring the people forward."""
    from .groups import _person_noun

    doc = index.doc
    return any(doc[i].pos_ == "NOUN" and is_plural(doc[i]) and _person_noun(doc[i]) and not _subordinate(doc[i])
               for i in range(start, end))


def _name_head(index: DocEntities, entity: Entity, m: int):
    """The syntactic head of the entity's name that ends at token ``m`` ("Union" of "Union of ... Agnostics")."""
    top = index.doc[m]
    while top.head is not top and index.token_entity.get(top.head.i) == entity.key:
        top = top.head
    return top


def _named_modifier(index: DocEntities, span: Span, head) -> Optional[Entity]:
    """An organisation the document named, as a modifier of an organisation noun ("the M5S party")."""
    for child in head.children:
        if child.dep_ in ("compound", "amod", "flat") and span.start <= child.i < span.end:
            entity = index.entity_at(child.doc[child.i : child.i + 1])
            if entity is not None and entity.type == "organization":
                return entity
    return None


def _acronym_modifier(index: DocEntities, span: Span, head) -> Optional[str]:
    """The acronym an organisation noun written in lower case is named by ("the M5S party", "the NRA group"): a
    capitalised compound of letters and digits (two or more, a letter first) that is no indexed person; None
    otherwise ("the Republican Party" is a name of its own, "the Trump campaign" a person's)."""
    if not head.is_lower or is_plural(head):
        return None
    for child in head.children:
        word = child.text
        if child.dep_ != "compound" or not span.start <= child.i < span.end or len(word) < 2:
            continue
        if word.isupper() and word.isalnum() and word[0].isalpha() and child.i not in index.token_entity:
            return word
    return None


def _possessed_orgs() -> frozenset[str]:
    return lexicons.sections("speaker_nominals")["possessed_organizations"]


def _organization_parts() -> frozenset[str]:
    return lexicons.sections("speaker_nominals")["organization_parts"]


def _persons_or_organizations() -> frozenset[str]:
    return lexicons.sections("speaker_nominals")["person_or_organization"]


def _organization_anaphors() -> frozenset[str]:
    return lexicons.sections("speaker_nominals")["organization_anaphors"]


def _is_person_noun(head) -> bool:
    return _person_noun_gender(head) is not None


def _person_noun_gender(head) -> Optional[str]:
    """The pronoun a person noun agrees with: "she" for "woman"/"first lady", "he" for "businessman", "they" for
    a role word or another person noun ("senator", "developer"); None for a noun that names no person."""
    words = lexicons.role_words()
    doc = head.doc
    hyphenated = doc[head.i - 2 : head.i + 1].text.lower() if head.i >= 2 and doc[head.i - 1].text == "-" else ""
    candidates = [w for w in (head.lower_, head.lemma_.lower(), hyphenated) if w]
    for word in candidates:
        gender = description_gender(word)
        if gender is not None:
            return gender
    return "they" if any(w in words for w in candidates) else None


UNNAMED_WINDOW = 2
"""Sentences back a definite description looks for an indefinite mention of the same noun ("a young woman")."""


def _unnamed_antecedent(index: DocEntities, head, *, described: bool = False) -> Optional[int]:
    """The token of an indefinite mention of the same noun shortly before a definite description ("a young woman
    asked Clinton ... 'Should we believe them?' the woman said"): the description refers to that unnamed person,
    not to anyone named. With ``described``, also a mention a possessor or a modifier ties to someone else or
    somewhere ("the prime minister's spokesman said ... the spokesman said", "the Platte River employee ... The
    employee said"), or a plural one the description picks one of ("Mexican officials ... they said ... the
    official said"); a plain "the spokesman" before is the same description again and is looked past. Sentences
    are counted outside quotations. None when there is none (a quoted phrase does not count), or when that
    mention is itself named ("a reporter, Jane Doe", "spokesman Brian Fallon")."""
    doc, lemma = index.doc, head.lemma_.lower()
    for i in range(head.i - 1, -1, -1):
        if index._distance(head.i, i) > UNNAMED_WINDOW:
            break
        tok = doc[i]
        if tok.pos_ != "NOUN" or tok.lemma_.lower() != lemma or i in index.token_entity:
            continue
        if index.in_quote[i]:
            continue  # "Kerpen needled her, saying, 'A reporter who tweets on request!'": a quoted phrase
        children = list(tok.children)
        if any(c.dep_ == "appos" and c.i in index.token_entity for c in children):
            return None
        if described and tok.dep_ in ("compound", "appos", "flat") and tok.head.i in index.token_entity:
            return None  # "spokesman Brian Fallon", "Brian Fallon, the spokesman": named
        if _indefinite(tok) or (described and _described_unnamed(tok, children)):
            return i
    return None


def _described_unnamed(tok, children) -> bool:
    """An unnamed definite or plural mention that says whose or where the person is ("the prime minister's
    spokesman", "the Platte River employee", "Mexican officials"), not a plain "the spokesman"."""
    if is_plural(tok):
        return not any(c.dep_ == "det" and c.lower_ in ("these", "those", "the") for c in children)
    return any(c.dep_ in ("nmod:poss", "compound") for c in children)


def _indefinite(tok) -> bool:
    """ "a/an/another/one" + noun: someone introduced without a name."""
    return any((c.dep_ == "det" and c.lower_ in ("a", "an", "another")) or (c.dep_ == "nummod" and c.lower_ == "one")
               for c in tok.children)


def _unnamed_person_before(index: DocEntities, head) -> Optional[int]:
    """The latest indefinite singular mention of a person (outside quotation marks) within
    :data:`UNNAMED_WINDOW` sentences before a plain description ("a Vietnam War combat veteran ... the man",
    "Another Muslim ... the man said"), of no other gender than the description's; None when there is none or it
    is named in apposition."""
    doc = index.doc
    gender = description_gender(head.lemma_.lower())
    for i in range(head.i - 1, -1, -1):
        if index.sent_of[head.i] - index.sent_of[i] > UNNAMED_WINDOW:
            break
        tok = doc[i]
        if i in index.token_entity or is_plural(tok) or not _indefinite(tok) or index.in_quote[i]:
            continue
        if tok.dep_ == "appos" and tok.head.i in index.token_entity:
            continue  # "Ari Fleischer, a former press secretary": a named person's description
        if not (_is_person_noun(tok) or tok.ent_type_ == "NORP"):
            continue
        other = description_gender(tok.lemma_.lower())
        if other in ("he", "she") and gender in ("he", "she") and other != gender:
            continue  # "a young woman ... the man": someone else
        if any(c.dep_ == "appos" and c.i in index.token_entity for c in tok.children):
            return None
        return i
    return None


UNNAMED_SUBJECT_SENTENCES = 1
"""Sentences back (outside quotations) a subject "he"/"she" looks for a person introduced without a name."""


def _unnamed_subject_before(index: DocEntities, pron) -> Optional[int]:
    """The latest person introduced without a name as the subject of a clause in a subject pronoun's sentence or
    the one before it, outside quotation marks ("said an official who was not authorized to discuss ...", "A
    neighbor who lives across the street said ..."): an indefinite singular person noun of no other gender than
    the pronoun's, not named in apposition ("A witness, Tom Harris, ..." is Harris). None when there is none."""
    gender = {"he": "he", "she": "she"}.get(pron.lower_)
    if gender is None or pron.dep_ not in _SUBJECTS or index.in_quote[pron.i]:
        return None
    doc = index.doc
    for i in range(pron.i - 1, -1, -1):
        if index._distance(pron.i, i) > UNNAMED_SUBJECT_SENTENCES:
            break
        tok = doc[i]
        if tok.dep_ not in _SUBJECTS or index.in_quote[i] or i in index.token_entity or is_plural(tok):
            continue
        if tok.head.i == pron.head.i:
            continue  # "For a generous girl, a girl who ..., she was": a parse giving one verb two subjects
        if not _indefinite(tok) or not _person_met(tok):
            continue
        if any(c.dep_ == "appos" for c in tok.children) or tok.dep_ == "appos":
            continue
        other = description_gender(tok.lemma_.lower())
        if other in ("he", "she") and other != gender:
            continue  # "a young woman ... he said": someone else
        return i
    return None


def _person_met(tok) -> bool:
    """Whether a noun names a person a story may quote without a name: a person noun or role, an unnamed source's
    head ("an official", "a source"), one of the people a story meets (lexicon ``speaker_nominals`` section
    ``people_met``: "a witness", "a neighbor"), or a nationality or party ("a Democrat")."""
    lemma = tok.lemma_.lower()
    return _is_person_noun(tok) or tok.ent_type_ == "NORP" or lemma in lexicons.anonymous_heads() or \
        lemma in lexicons.sections("speaker_nominals")["people_met"]


def _unnamed_subject_outranks(index: DocEntities, pron, ranked: list) -> bool:
    """Whether the person introduced without a name just before a subject pronoun (:func:`_unnamed_subject_before`)
    is a better antecedent than every named one: salience scored as a named mention's (:meth:`DocEntities._score`,
    a later mention winning a tie), a description without a stated gender treated as a name of unknown gender."""
    from .coref import UNKNOWN_GENDER_PENALTY

    unnamed = _unnamed_subject_before(index, pron)
    if unnamed is None:
        return False
    if not ranked or ranked[0][1] == float("-inf"):
        return True
    score = index._score(unnamed, pron.i)
    if description_gender(index.doc[unnamed].lemma_.lower()) not in ("he", "she") and not (
            _speech_subject(pron) and index._last_speaker(unnamed, pron.i)):
        score -= UNKNOWN_GENDER_PENALTY
    return score >= ranked[0][1]


def _first_person_possessor(head) -> bool:
    """ "my father", "our mother": the speaker's own relative, whom a description elsewhere does not name."""
    return any(c.dep_ == "nmod:poss" and c.lower_ in ("my", "our", "your") for c in head.children)


def _relative_called_by_name(index: DocEntities, head) -> Optional[Entity]:
    """The person a narrator's "my mother" / "our dad" (outside quotation marks) is, where the text calls a
    person by that relation's name ("Mom", "Gram": ``kin_address_names.txt``): the one mentioned last before it,
    else the first after it. None where the noun is no relation or no one is called so."""
    if index.in_quote[head.i] or not any(c.dep_ == "nmod:poss" and c.lower_ in ("my", "our") for c in head.children):
        return None
    names = lexicons.table("kin_address_names")
    relation = names.get(head.lemma_.lower())
    if not relation:
        return None
    called = [e for e in index.entities if e.type == "person" and names.get(e.name.lower()) == relation]
    if not called:
        return None
    before = [e for e in called if e.mentions[0] < head.i]
    if before:
        return max(before, key=lambda e: _last_before(e, head.i))
    return min(called, key=lambda e: e.mentions[0])


def _plain_definite(head) -> bool:
    """ "the/this/that" + noun, without a possessor ("the state's leader" is someone else's leader)."""
    children = list(head.children)
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children) and not any(
        c.dep_ == "nmod:poss" for c in children)


def _latest_non_media_org(index: DocEntities, at: int, words: frozenset[str] = frozenset()) -> Optional[Entity]:
    """The organisation named last before token ``at`` that is not a news outlet ("the group" is not the paper
    that reports on it), has a capitalised name (not an NER slip like "state") and contains the description's
    modifiers ("the rights group" -> "Human Rights Watch")."""
    media = lexicons.media_name_words() | lexicons.media_anaphors()  # "LA Weekly", "Freedom Magazine"
    best, best_at = None, -1
    for entity in index.entities:
        names = set(entity.name.lower().split())
        if entity.type != "organization" or names & media or not entity.name[:1].isupper() or not words <= names:
            continue
        earlier = [m for m in entity.mentions if m < at]
        if earlier and earlier[-1] > best_at:
            best, best_at = entity, earlier[-1]
    return best


def _author_of_work(index: DocEntities, span: Span, head) -> Optional[Resolution]:
    """The author a nominal speaker names where its head is a thing written or said (lexicon ``speaker_nominals``
    section ``authored_works``: "Zornick's comment", "a post from Arianna Huffington", "an analysis by the Pew
    Research Center"): the possessor's name or the name after "by" / "from", as its entity (or the name itself
    where the index lacks it). A pronoun possessor ("his statement") is left to the rest of the resolver."""
    if head.lemma_.lower() not in lexicons.sections("speaker_nominals")["authored_works"]:
        return None
    for child in head.children:
        if not span.start <= child.i < span.end or child.pos_ != "PROPN":
            continue
        if child.dep_ == "nmod:poss" or (child.dep_ == "nmod" and any(
                c.dep_ == "case" and c.lower_ in ("by", "from") for c in child.children)):
            start = child.i
            while start - 1 >= span.start and child.doc[start - 1].pos_ == "PROPN" and \
                    child.doc[start - 1].head.i == child.i:
                start -= 1
            name = child.doc[start : child.i + 1]
            entity = index.entity_at(name) or index.person_from_name(name)
            if entity is not None:
                return Resolution(_info(entity), "possessor_name")
            typ = name_type(name)
            return Resolution(_named(_strip_det(name), typ, role_of(name, index.table) if typ == "person" else None),
                              "possessor_name")
    return None


def _possessor(index: DocEntities, span: Span, head) -> tuple[Optional[Entity], bool]:
    """The person a nominal's possessive determiner refers to ("his" / "Sanders's" campaign), and whether it was
    found through a pronoun."""
    for child in head.children:
        if child.dep_ == "nmod:poss" and span.start <= child.i < span.end:
            if child.lower_ in ("his", "her"):
                pron = child.doc[child.i : child.i + 1]
                gendered = "he" if child.lower_ == "his" else "she"
                return index.resolve_pronoun(pron[0], gender=gendered), True
            return index.entity_at(child.doc[child.left_edge.i : child.i + 1]), False
    return None, False


def _relative_antecedent(pron):
    """The noun a relative pronoun's clause modifies; where the parse did not attach the clause ("Smith, who
    said ..." read as a new clause), the noun right before the pronoun (and its comma). For "who", see
    :func:`_person_behind`."""
    verb = pron.head
    if verb.dep_ in ("acl:relcl", "acl") and verb.head is not verb:
        return _person_behind(verb.head) if pron.lower_ in ("who", "whom") else verb.head
    if pron.lower_ not in ("who", "whom"):
        return None
    i = pron.i - 1
    doc = pron.doc
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i >= 0 and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].ent_type_ in ("PERSON", "ORG", "NORP", ""):
        tok = doc[i]
        while tok.dep_ in ("compound", "flat", "flat:name") and tok.head.i > tok.i:
            tok = tok.head
        return _person_behind(tok)
    return None


_PLACE_ENTS = ("GPE", "LOC", "FAC")


def _person_behind(noun):
    """The person a "who" clause attached to ``noun`` is about: "who" is never a place, so from a place that
    completes a description the description ("Alan Berger, a doctor from Englewood, New Jersey, who said");
    from a description in apposition to a name, the name; from the predicate of a copula, its subject ("Angela
    Corey is the state attorney who charged him"). Otherwise ``noun`` itself."""
    tok = noun
    for _ in range(6):
        if tok.ent_type_ in _PLACE_ENTS and tok.dep_ in ("nmod", "appos", "compound", "flat", "obl") \
                and tok.head is not tok:
            tok = tok.head
        else:
            break
    if tok.ent_type_ in _PLACE_ENTS:
        return noun
    description = _first_listed_description(tok) if _is_description(tok) else None
    if description is None:
        return _subject_of_broken_list(tok) or tok
    if description.dep_ == "appos" and description.head.pos_ == "PROPN" and description.head.ent_type_ == "PERSON":
        return description.head
    subject = _copula_subject(description)
    if subject is not None:
        return subject
    return _subject_of_broken_list(tok) or tok


def _copula_subject(description):
    """The person a copula says the description is ("Angela Corey is the state attorney"; the copula parsed as
    the noun's dependent or as its head, or conjoined to a verb with the subject: "Trump incites ... and is a
    serial liar"); None when no person is."""
    clause = description if any(c.dep_ == "cop" for c in description.children) else (
        description.head if description.dep_ in ("xcomp", "attr") and description.head.lemma_ == "be" else None)
    for _ in range(3):
        if clause is None:
            return None
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject if subject.ent_type_ == "PERSON" else None
        clause = clause.head if clause.dep_ == "conj" and clause.head is not clause else None
    return None


_LIST_WORDS = frozenset({"ADJ", "DET", "CCONJ", "PUNCT", "SPACE", "ADV"})


def _subject_of_broken_list(tok):
    """The person a list of descriptions is said of where the parse broke the list off its copula ("Trump ... is a
    serial liar, rampant xenophobe, racist, misogynist and birther who ...", "xenophobe" read as a new subject):
    back from the "who" clause's noun over the list's lower-case nouns, adjectives and commas, within the
    sentence, to a noun that completes a copula with a person as its subject. None when there is none."""
    if not tok.is_lower or tok.pos_ not in ("NOUN", "PROPN"):
        return None  # a name, or a noun with a capital: no broken description list
    doc = tok.doc
    start = tok.sent.start
    for i in range(tok.i - 1, max(start, tok.i - 24) - 1, -1):
        word = doc[i]
        if word.pos_ in ("NOUN", "PROPN") and word.is_lower:
            subject = _copula_subject(word)
            if subject is not None:
                return subject
            continue
        if word.pos_ not in _LIST_WORDS:
            return None
    return None


def _is_description(tok) -> bool:
    """A common noun, or a group's word the tagger reads as a name ("Mr. Guerrero, a Republican who ..."): a
    description a "who" clause can hang from."""
    return tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.ent_type_ == "NORP")


def _first_listed_description(tok):
    """The first of a list of descriptions the "who" clause hangs from the last of ("Trump is a serial liar,
    rampant xenophobe, ... and bully who has pledged ..."): what stands in apposition to a name or completes a
    copula is the list's first noun."""
    for _ in range(12):
        if tok.dep_ in ("conj", "appos") and _is_description(tok.head):
            tok = tok.head
        else:
            break
    return tok


def _noun_phrase(token) -> Span:
    doc = token.doc
    start = token.left_edge.i
    return doc[start : token.i + 1]


def resolve_speakers(doc: Union[Doc, DocAnalysis], attributions: list[Attribution], *, author: Any = None,
                     ranker: Optional[AntecedentRanker] = None,
                     calibration: Optional[Calibration] = None) -> list[SpeakerInfo]:
    """One :class:`SpeakerInfo` per attribution: the entity (or the group's entities) its speaker mention refers
    to, its type and role, the confidence of that answer and a status (``name``/``resolved``/``anonymous``/
    ``unresolved``). Below the calibration's threshold the entities are left empty and the status is
    ``unresolved``: an abstention, not a guess.

    ``author``: the document's author (corpus metadata), else its byline is read: "I" outside quotations is the
    author. ``ranker``: a trained antecedent ranker for pronoun/nominal mentions (:data:`AntecedentRanker`).
    Pure: reads the Doc (through its :class:`~quotekit.analysis.DocAnalysis` when given one, else a fresh one)
    and the attributions' speaker/content spans only. Attributions are resolved in document order of their
    speaker mentions, so a pronoun can prefer the speaker of the previous quote; a first-person speaker inside a
    direct quote takes the quote's speaker.
    """
    calibration = calibration or load_calibration()
    return [finish(r, calibration) for r in resolve_details(doc, attributions, author=author, ranker=ranker,
                                                              calibration=calibration)]


def finish(resolution: Resolution, calibration: Calibration) -> SpeakerInfo:
    """The record-ready answer of one :class:`Resolution`: confidence, status, and the abstention below the
    threshold (the type stays: "he" is a person even when we cannot say who)."""
    info = replace(resolution.info)
    if not info.entities:
        info.confidence = 0.0
        info.status = "anonymous" if info.type == "anonymous" else "unresolved"
        return info
    probability = resolution.probability
    if probability is None:
        probability = calibration.probability(resolution.evidence, resolution.margin, resolution.distance,
                                              resolution.gender_unknown)
    info.confidence = round(float(probability), 4)
    if resolution.evidence in ("name", "coordination"):
        info.status = "name"
    elif probability >= calibration.threshold:
        info.status = "resolved"
    else:  # abstain: no entity, no role borrowed from it; a group stays unnamed sourcing
        info.entity, info.entities, info.role, info.status = None, (), None, "unresolved"
        if resolution.evidence in ("group_they", "group_number"):
            info.type = "anonymous"
    return info


def resolve_details(doc: Union[Doc, DocAnalysis], attributions: list[Attribution], *, author: Any = None,
                    ranker: Optional[AntecedentRanker] = None,
                    calibration: Optional[Calibration] = None) -> list[Resolution]:
    """:func:`resolve_speakers` before abstention: each attribution's :class:`Resolution` (answer, rule,
    confidence features). Abstentions are decided after the whole document is resolved, so a threshold can be
    tuned on these without resolving again; a first-person speaker in a quote takes its speaker's probability."""
    calibration = calibration or load_calibration()
    analysis = analysis_of(doc)
    index = DocEntities(analysis)
    ctx = _Context(document_groups(index), document_author(analysis.text, author), ranker, {})
    results: list[Optional[Resolution]] = [None] * len(attributions)
    mentions = [classify(att.speaker, analysis) for att in attributions]
    turns = turn_speakers(index, attributions, ctx.author)  # transcript turns: "Q:"/"A:", "LOPEZ:"
    if any(m.kind == "first_person" for m in mentions):
        ctx.answers = first_person_speakers(index, attributions, ctx.author)

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
            found = _enclosing(n, attributions, results)
            if found is not None:
                enclosing = finish(found, calibration)
        result = (Resolution(turns[n].info, turns[n].evidence, probability=turns[n].probability) if n in turns
                  else _resolve(index, mention, ctx, enclosing=enclosing, extra=speaker_bonus))
        results[n] = result
        info = result.info
        anchor = mention.name[-1].i if mention.kind == "name" and mention.name is not None else (
            mention.head.i if mention.head is not None else None)
        if anchor is None:
            continue
        ctx.resolved_at[anchor] = result
        if info.entity is None:
            continue
        entity = index.find(info.entity)
        if entity is not None and not result.fallback:
            # the resolved mention joins its entity: later pronouns can chain through it (not a guess past the
            # pronoun's window: "Justice Thomas ... [pages on] ... that he had announced" guessed Thomas must not
            # make Thomas the nearest "he" when "by Justice Scalia, he talked" comes)
            index.add_mention(entity, anchor)
            if mention.kind == "pronoun" and entity.gender is None and entity.type == "person" and result.margin >= 1.0:
                entity.gender = PRONOUN_GENDER.get(mention.head.lower_)  # "Eastman ... he said": a man from now on
            speaker_bonus[anchor] = speaker_bonus.get(anchor, 0.0) + 1.0
    return [r or Resolution(SpeakerInfo()) for r in results]


def _enclosing(n: int, attributions: list[Attribution], infos: list[Optional[Resolution]]) -> Optional[Resolution]:
    speaker = attributions[n].speaker
    for m, att in enumerate(attributions):
        if m == n or infos[m] is None or att.content is None or att.kind == "indirect":
            continue
        if any(part.start <= speaker.start and speaker.end <= part.end for part in att.pieces()):  # not the gap
            return infos[m]
    return None
