""":mod:`quotekit.attribute.wide`: recall-oriented content handlers for the patterns of ``patterns/wide.jsonl``.

The patterns of ``speech.jsonl`` read a statement off a clause, a quotation, an infinitive or the object of a few
verbs. PolNeAR annotates much more as reported speech: a speech verb's bare object ("criticized *the trade*",
"released *its findings*"), the oblique it points at ("pointed *to a recent interview*", "lashed out *at Khan*"),
the subject of a passive ("*Al-Muteiri* was confirmed as ..."), and a clause introduced by a preposition ("called
*for the minimum wage to be raised*", "asked *whether he would ...*"). On PolNeAR train these frames held most of
the gold speech attributions that no candidate of the other patterns touched. The complement of a speech noun
("*Trump's* attacks *on immigrants*") is read only when the noun has a possessor, who speaks, and only for the
nouns whose candidates matched a gold about half the time on PolNeAR train (attack, call, criticism, claim ...;
"comments", "remarks", "statements" matched a fifth or less): with every speech noun and any speaker the model
kept few of its 778 candidates and their speakers matched the gold in about 40% of cases. A question noun is read
only when its complement is an indirect question ("questions about *whether* ..."), which is what was asked, and a
possessed noun of saying ("*Sanders's point* was *that* ...") when a copula equates it with a clause. An "about"
topic that the parser hangs from the cue's addressee or from an oblique of place or time ("asked the frontrunner
*about the kerfuffle*") is read as the cue's own: rules alone on PolNeAR train, F1 0.7967 -> 0.7968 at Jaccard 0.5,
0.7097 -> 0.7098 at 0.8 (14 new candidates, 8 matching gold; decided on the even-numbered documents, the odd ones
gained 0.0001 at 0.5 and held at 0.8). An oblique that says to whom, where or on what terms a verb spoke ("spoke
to the newspaper", "on the condition of anonymity"; ``non_content_obliques.txt``) is no content: rules alone on PolNeAR
train F1 0.8004 -> 0.8036 (119 candidates fewer, 2 gold speech matches lost; even-numbered documents 0.7950 -> 0.7979,
odd ones 0.8057 -> 0.8092); the bare object of a verb that rarely reports one ("added 200,000 jobs", "maintained a
lead"; ``objects_not_said.txt``) neither: 0.8036 -> 0.8064 (117 candidates fewer, 4 gold speech matches lost; even
0.7979 -> 0.8010, odd 0.8092 -> 0.8117). An oblique of one word ("yelled at them", "responded on Twitter", "wrote
to Obama") says to whom or where, hardly ever what: 0.8078 -> 0.8087 (35 candidates fewer, 2 gold speech matches lost;
even 0.8026 -> 0.8033, odd 0.8128 -> 0.8139). A personal pronoun as a passive's subject ("he was charged") is
who the act was done to: 0.8087 -> 0.8089 (10 candidates fewer, 1 gold speech match lost). An oblique frame whose
verb is itself the clause of another report ("Ramos said Trump has not replied to his requests") is left to that
report: 0.8096 -> 0.8101 (20 candidates fewer, 2 gold speech matches lost; even 0.8040 -> 0.8043, odd 0.8152 ->
0.8158), and so is a passive frame: 0.8101 -> 0.8104 (24 candidates fewer, 4 gold speech matches lost; even 0.8043 ->
0.8046, odd 0.8158 -> 0.8161); the object frame keeps such candidates (29 of its 109 matched a gold).

The wide patterns come after the others (the pattern files are read in name order), so a cue keeps the
statement of an earlier pattern when it has one: they only add candidates. Many of their matches are not
attributions ("released a film"), so they propose and the acceptance model (:mod:`quotekit.attribute.model`)
decides, with the rule, the cue lemma and the preposition before the content among its features.

Each handler is a pure function of the document's finder and one match, like those of
:mod:`quotekit.attribute.rules`, and returns a :class:`~quotekit.attribute.rules.Statement` or ``None``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from ..lexicons import load

if TYPE_CHECKING:  # the handlers are registered by rules.py, which this module must not import at load time
    from .rules import PatternMatch, Statement, _Finder

COMPLEMENT_DEPS = frozenset({"obj", "iobj", "xcomp", "ccomp"})
"""Dependents of a cue, after it, that belong to what its object frame reports ("called the plan *a failure*")."""
OBJECT_CASES = frozenset({"of", "for", "about", "with", "as", "against", "to", "into"})
"""Prepositions of an oblique that goes on with what an object frame reports ("accused him *of* lying", "charged
him *with* fraud", "pledged her vote *to* Clinton"); others ("in a tweet", "on Monday") say where or when."""
OBJECT_MARKS = frozenset({"of", "for", "as", "about", "against"})
"""Marks of an adverbial clause that goes on with what an object frame reports ("praised him *for* defying")."""
PREP_MARKS = frozenset({"of", "for", "as", "about", "with", "on", "against", "to", "whether", "if"})
"""Marks of an adverbial clause that a cue reports ("called *for* X to ...", "asked *whether* ...")."""
CIRCUMSTANCE_OPENERS = frozenset({"when", "while", "after", "before", "because", "since", "until", "once", "as",
                                  "though", "although", "whereas", "unless"})
"""First words of an adverbial clause that says when or why a cue was spoken, not what was said ("said *when*
asked about ...")."""
_PEOPLE = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _rules():
    from . import rules  # rules.py registers these handlers, so it is imported by the time one runs

    return rules


def _clause_deps(cue, after: bool = False) -> bool:
    """Whether the cue has a clause of its own (read by the clause patterns, not here); with ``after``, one after
    the cue (a clause before a cue that has an object after it is the sentence before, not its report:
    ``there was no dispute; he had said the same thing``)."""
    return any(c.dep_ in ("ccomp", "parataxis") and (c.i > cue.i or not after) for c in cue.children)


def _without_case(f: "_Finder", head) -> list[int]:
    """The subtree of ``head`` without the preposition it opens with ("to a recent interview" -> "a recent
    interview"; "for the wage to be raised" keeps its "to")."""
    idx = sorted(f.subtree(head))
    dep, up = f.table.dep, f.table.head
    while idx and dep[idx[0]] in ("case", "mark") and up[idx[0]] == head.i and f.table.lower[idx[0]] not in (
            "whether", "if"):  # "asked whether he would run": the question's "whether" stays, as in a clause
        idx = idx[1:]
    return idx


def bare_speaker(statement: Optional["Statement"]) -> Optional["Statement"]:
    """A statement whose speaker mention is kept without the agent's "by" ("rejected by the committee") or a
    possessive "'s"."""
    if statement is None or statement.speaker is None:
        return statement
    speaker = statement.speaker
    start, end = speaker.start, speaker.end
    doc = speaker.doc
    if end - start > 1 and doc[start].dep_ == "case" and doc[start].lower_ == "by":
        start += 1
    if end - start > 1 and doc[end - 1].dep_ == "case" and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return statement._replace(speaker=doc[start:end]) if (start, end) != (speaker.start, speaker.end) \
        else statement


def _after_cue(f: "_Finder", cue, first: int, deps: Iterable[str]) -> set[int]:
    """The subtrees of the cue's dependents from token ``first`` on whose relation is in ``deps``, obliques
    introduced by a preposition of :data:`OBJECT_CASES` and adverbial clauses by one of :data:`OBJECT_MARKS`: what
    an object frame goes on to report ("accused him *of lying*"), not where or when ("*in a tweet*")."""
    deps = frozenset(deps)
    dep, lower, table = f.table.dep, f.table.lower, f.table
    idx: set[int] = set()
    for child in cue.children:
        if child.i < first:
            continue
        marks = [lower[c] for c in table.children(child.i) if dep[c] in ("case", "mark") and c < child.i]
        if dep[child.i] in deps or (dep[child.i] == "obl" and marks and marks[0] in OBJECT_CASES) or (
                dep[child.i] == "advcl" and marks and marks[0] in OBJECT_MARKS) or predicative_as(child):
            idx |= f.subtree(child)
    return idx


def predicative_as(tok) -> bool:
    """An "as" the parser hangs from the cue itself with the predicate below it ("slammed his proposal *as too
    vague*", "described the push as nearly impossible"): it goes on with what the object frame reports."""
    return tok.dep_ in ("case", "mark") and tok.lower_ == "as" and any(True for _ in tok.children)


def wide_object_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"criticized the trade", "accused you of engaging in ...", "released its findings": a speech verb's object
    (not an addressee alone, not a lone pronoun) and the complements after it, when the verb has no clause."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    cue, content = m.cue, m.content
    if frame is None or content.i < cue.i or _clause_deps(cue, after=True) or cue.lemma_ in load("objects_not_said"):
        return None  # (objects_not_said: "added 200,000 jobs", "maintained a lead": no statement)
    if cue.lemma_ in f.addressee:
        clause = _complement_misparsed_as_acl(content)
        if clause is not None:  # "told BBC Radio 4's Today programme that ...": what was said is the clause
            return rules._reported(f, m, frame, range(clause.left_edge.i, clause.right_edge.i + 1))
    idx = _after_cue(f, cue, content.i, COMPLEMENT_DEPS)
    if content.pos_ == "PRON" or (cue.lemma_ in f.addressee and person_like(content)):
        # "denied it", "told reporters (on Monday)": only what follows the addressee can be what was said
        if not _after_cue(f, cue, content.i + 1, ("xcomp", "ccomp")):
            return None
    return rules._reported(f, m, frame, range(min(idx), max(idx) + 1))


def _complement_misparsed_as_acl(addressee):
    """The clause the parser hung from an addressee as a noun modifier, opened by the complementizer "that"
    (``told BBC Radio 4's Today programme that the schemes were "not fit for purpose"``): the cue's reported
    clause (a relative clause has a pronoun "that" of its own, no complementizer)."""
    for child in addressee.rights:
        if child.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" and c.i < child.i
                                       for c in child.lefts):
            return child
    return None


def person_like(tok) -> bool:
    """Whether a noun phrase head names who is addressed ("reporters", "Trump", "the committee"), not a topic."""
    from ..lexicons import anonymous_heads, load, organization_heads, role_words

    if tok.pos_ in ("PRON", "PROPN") or tok.ent_type_ in _PEOPLE:
        return True
    lemma = tok.lemma_.lower()
    return lemma in load("addressee_nouns") or lemma in role_words() or lemma in anonymous_heads() \
        or lemma in organization_heads()


def non_content_preposition(cue, preposition: str) -> bool:
    """Whether a cue and the preposition of its oblique (or of the clause after it) form a pair of
    ``non_content_obliques.txt`` ("spoke to", "comment for", "charged with"): the oblique says to whom, for whom,
    where or on what terms the cue spoke, not what it said."""
    return f"{cue.lemma_.lower()} {preposition}" in load("non_content_obliques")


def wide_oblique_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"pointed to a recent interview", "lashed out at Khan", "spoke of reforms": the oblique after a speech verb
    with no clause or object of its own, without its preposition."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    cue, content = m.cue, m.content
    if frame is None or content.i < cue.i or _clause_deps(cue):
        return None
    if any(c.dep_ in ("xcomp",) or (c.dep_ == "obj" and cue.lemma_ not in f.addressee) for c in cue.children):
        return None
    if content.ent_type_ in ("DATE", "TIME"):
        return None  # "told reporters on Monday"
    if cue.dep_ == "ccomp":
        return None  # "Ramos said Trump has not replied to his requests": inside another report, which holds it
    case = next((c.lower_ for c in content.children if c.dep_ == "case"), "")
    if non_content_preposition(cue, case):
        return None  # "spoke to the newspaper", "spoke on the condition of anonymity": to whom or how, not what
    if case == "at" and not person_like(content):
        return None  # "asked at a briefing": a place ("lashed out at Khan": a target)
    if case in ("with", "to") and person_like(content) and _later_oblique(cue, content):
        return None  # "spoke with Breitbart News about Clinton": the later oblique says what about
    if _indirect_question_after(cue, content):
        return None  # "Asked by counsel to the inquiry whether she had ...": the question is what was asked
    idx = _without_case(f, content)
    if len(idx) < 2:
        return None  # "yelled at them", "responded on Twitter": one word says to whom or where, not what
    return rules._reported(f, m, frame, idx)


def _indirect_question_after(cue, oblique) -> bool:
    """Whether the cue has an adverbial clause after ``oblique`` opened by "whether" or "if" (an indirect question,
    read by the clause frame)."""
    return any(c.dep_ == "advcl" and c.i > oblique.i and any(k.dep_ == "mark" and k.lower_ in ("whether", "if")
                                                          for k in c.children) for c in cue.children)


def _later_oblique(cue, content) -> bool:
    return any(c.dep_ == "obl" and c.i > content.i for c in cue.children)


def wide_passive_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"Al-Muteiri was confirmed as another passenger by the minister", "it was never mentioned by the
    moderators": the passive subject and the complements after the verb; the agent ("by X") speaks."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    cue, content = m.cue, m.content
    if frame is None or content.i > cue.i or _clause_deps(cue) or cue.lemma_ in f.addressee:
        return None  # "she was asked if ...": the passive subject of an addressee verb is who was asked
    if cue.dep_ == "ccomp":
        return None  # "Bloomberg reported that 1,100 donor names weren't disclosed": inside another report
    if content.tag_ == "PRP" and content.lower_ != "it" and len(f.subtree(content)) == 1:
        return None  # "he was charged", "they were released": a person the act was done to, not what was said
    idx = set(f.subtree(content))
    dep = f.table.dep
    for child in cue.children:
        if child.i > cue.i and (dep[child.i] in ("xcomp", "obj") or (dep[child.i] in ("obl", "advcl") and any(
                c.dep_ in ("case", "mark") and c.lower_ in ("as", "to", "for", "of") for c in child.children))):
            idx |= f.subtree(child)
    return bare_speaker(rules._reported(f, m, frame, idx))


def wide_clause_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"called for the minimum wage to be raised", "asked whether he would support Trump", "spoke about how ...":
    an adverbial clause after the cue introduced by a preposition or ``whether``/``if``, without its mark."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    cue, content = m.cue, m.content
    if frame is None or content.i < cue.i or _clause_deps(cue):
        return None
    marks = [c for c in content.children if c.dep_ == "mark" and c.i < content.i]
    first = content.left_edge.i
    if not (any(c.lower_ in PREP_MARKS for c in marks) or first <= cue.i + 2):
        return None
    if f.table.lower[first] in CIRCUMSTANCE_OPENERS:
        return None  # "said when asked about ...": when, not what
    if not marks and content.tag_ == "VBG" and content.lemma_ in f.speech \
            and any(c.dep_ in ("ccomp", "parataxis", "obj") for c in content.children):
        return None  # "disagreed, saying the plan would ...": the participle reports it, with its own cue
    if any(non_content_preposition(cue, c.lower_) for c in marks):
        return None  # "charged with communicating a threat", "insisted on paying his bill": no statement
    if cue.lemma_ in REACTION_VERBS and any(c.lower_ == "by" for c in marks) and content.tag_ == "VBG" \
            and content.lemma_ not in f.speech:
        return None  # "responded by raising wages": what was done in answer ("by saying ..." has its own cue)
    return rules._reported(f, m, frame, _without_case(f, content))


def light_verb_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"made no mention of Jeb Bush", "made comments about voter fraud": a verb whose object is a speech noun
    reports that noun's "of"/"about"/"on" complement (without the preposition); the verb's subject speaks."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    if frame is None or m.content.i < m.cue.i:
        return None
    return rules._reported(f, m, frame, _without_case(f, m.content))


def speech_noun_possessor_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"Trump's attacks on immigrants", "his criticism of the deal", "Pence's call for a special prosecutor": a
    speech noun's "of"/"about"/"on"/"for" complement (without the preposition) is what its possessor said. Only
    with a possessor: without one the speaker is a guess (the reason the plain noun frame was left out)."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    if frame is None or frame[2] is None or m.content.i < m.cue.i:
        return None
    return bare_speaker(rules._reported(f, m, frame, _without_case(f, m.content)))


def answer_word_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"46 percent said yes", "half of them said so": an answer word right after a verb of saying with no clause
    of its own is the whole statement."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    cue, content = m.cue, m.content
    if frame is None or content.i < cue.i or _clause_deps(cue):
        return None
    if any(not (f.table.is_space[i] or f.table.is_punct[i]) for i in range(cue.i + 1, content.i)):
        return None  # "said it was so", "did not say so far": only the answer word itself, right after the verb
    return rules._reported(f, m, frame, [content.i])


REACTION_VERBS = frozenset({"respond", "react", "reply", "answer", "retaliate", "counter"})
"""Verbs of answering whose "by" + gerund says how one answered: with an act ("responded by raising wages")."""
QUESTION_OPENERS = frozenset({"whether", "if", "how", "why", "what", "who", "whom", "when", "where", "which"})
"""First words of an indirect question ("questions about *whether* ...", "the question of *how* ...")."""


def _possessor(noun):
    """The possessor of a noun of saying ("*Sanders's* point", "*the senator's* questions"), who said it; or None."""
    return next((c for c in noun.children if c.dep_ == "nmod:poss"), None)


def question_noun_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"raised new questions about whether the foundation rewarded donors", "the question of how she would
    govern": a question noun's complement that is itself an indirect question (without the preposition) is what
    was asked. Only plural or possessed: "the question (is) whether ..." is mostly the writer's own (on PolNeAR
    train a third of those matched a gold, two thirds of the plural ones); a question noun's other complements --
    "questions about his health" -- are topics. Its possessor, if any, asked it; no other speaker is guessed ("he
    endured questions about ...": he was asked)."""
    rules = _rules()
    cue, content = m.cue, m.content
    asker = _possessor(cue)
    if content.i < cue.i or (asker is None and "Plur" not in cue.morph.get("Number")):
        return None  # "the question (is) whether ...": the writer's own question, not a report
    idx = _without_case(f, content)
    words = [i for i in idx if not (f.table.is_punct[i] or f.table.is_space[i])]
    if not words or f.table.lower[words[0]] not in QUESTION_OPENERS:
        return None
    frame = (rules.cue_span(f.table, cue), asker, f.speaker_span(asker) if asker is not None else None)
    return bare_speaker(rules._reported(f, m, frame, idx))


def copular_speech_noun_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"Sanders's point was that the nominee would need superdelegates", "her claim is that ...": the clause a
    possessed noun of saying is equated with is what its possessor said. Only with a possessor, who speaks ("the
    point is that ..." is the writer's own)."""
    rules = _rules()
    cue, content = m.cue, m.content
    owner = _possessor(cue)
    head = cue.head
    if owner is None or content.i < cue.i or not (head.lemma_ == "be" or any(
            c.dep_ == "cop" and c.lemma_ == "be" for c in head.children)):
        return None
    frame = (rules.cue_span(f.table, cue), owner, f.speaker_span(owner))
    return bare_speaker(rules._reported(f, m, frame, f.subtree(content)))


TOPIC_CASES = frozenset({"about"})
"""Prepositions of a topic the parser hangs from a cue's addressee or circumstance instead of from the cue
("asked the frontrunner *about* the kerfuffle", "asked at the conference *about* the merger")."""
CIRCUMSTANCE_CASES = frozenset({"at", "in", "on", "during"})
"""Prepositions of an oblique that says where or when a cue was spoken, which a topic may hang from."""


def hung_topic_content(f: "_Finder", m: "PatternMatch") -> Optional["Statement"]:
    """"asked the frontrunner about the kerfuffle", "when asked at the conference about the merger": the topic
    of a speech verb that the parser hangs from the verb's addressee (a person-like object) or from an oblique of
    place or time, when the verb has no clause, topic or object of its own to report; the topic with its
    preposition, as PolNeAR marks it ("about the merger")."""
    rules = _rules()
    frame = rules._speech_frame(f, m)
    cue, content = m.cue, m.content
    holder = content.head
    if frame is None or content.i < cue.i or _clause_deps(cue) or holder.head.i != cue.i:
        return None
    if holder.dep_ == "obj":
        if not person_like(holder):
            return None
    else:
        cases = [c.lower_ for c in holder.children if c.dep_ == "case" and c.i < holder.i]
        if not cases or cases[0] not in CIRCUMSTANCE_CASES or person_like(holder):
            return None
    if any(c.dep_ in ("xcomp",) or (c.dep_ == "obl" and c.i != holder.i and any(
            k.dep_ == "case" and k.lower_ in TOPIC_CASES for k in c.children)) for c in cue.children):
        return None
    return rules._reported(f, m, frame, f.subtree(content))


HANDLERS = {
    "wide_object": wide_object_content,
    "wide_oblique": wide_oblique_content,
    "wide_passive": wide_passive_content,
    "wide_clause": wide_clause_content,
    "light_verb": light_verb_content,
    "answer_word": answer_word_content,
    "speech_noun_possessor": speech_noun_possessor_content,
    "question_noun": question_noun_content,
    "copular_speech_noun": copular_speech_noun_content,
    "hung_topic": hung_topic_content,
}
"""Handler name -> function, merged into :data:`quotekit.attribute.rules.CONTENT_HANDLERS`."""
