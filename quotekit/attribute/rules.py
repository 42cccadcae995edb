""":mod:`quotekit.attribute.rules`: turn pattern matches and quotation spans into :class:`Attribution` records.

Three steps on a UD-parsed Doc (:meth:`_Finder.run`):

1. *pattern candidates*: each match of a dependency pattern (``patterns/*.jsonl``) goes to the content handler
   the pattern names (:data:`CONTENT_HANDLERS`), which reads cue, speaker mention and content off it (content:
   e.g. the complement clause with its "that"; speaker: the subject noun phrase without relative clauses or
   appositions; a subject-less cue inherits the subject of the verb it hangs from). Contents touching a quotation
   are widened to the whole quotation; a content wholly inside quotation marks is ``direct``, one that also has
   reported words of its own is ``mixed``, else ``indirect``;
2. *quotation fallbacks*: quotations still unattributed get the nearest speech verb of their sentence, an
   ``X said:`` / ``X:`` colon cue of the sentence before, a bare ``X said in a statement.`` before them, or (a
   quote-only paragraph) the speaker of the previous paragraph's attribution ("floating" quote); a paragraph
   opening with ``NAME:`` is NAME's statement; a speech verb or noun of saying right before a colon reports the
   clause after it;
3. *finishing*: anything in scraped-page boilerplate is dropped, and a statement split by its attribution
   (``"A," he said, "B."``, ``"A," X said. "B."``, ``A, according to X, B``) is ONE record: its content is the
   covering span and ``content_parts`` the pieces without the attribution between them (PolNeAR annotates one
   discontinuous content). Measured on 300 PolNeAR train articles (alnum-Jaccard of the union of the parts):
   F1 0.752 -> 0.765 at Jaccard 0.5, 0.587 -> 0.680 at 0.8, against keeping the larger part alone (which
   always shares >= half of the words; one record per part was worse still, the smaller part counting as a
   spurious statement). Parts that touch (``"A." "B."``, only spaces or punctuation between) are joined.

Parsers often run a sentence over a paragraph break; every rule here keeps cue, speaker and content inside one
paragraph (multi-paragraph quotations excepted), which was worth +0.015 F1 on PolNeAR train.

Candidate recall (the share of PolNeAR train speech attributions some candidate matches at Jaccard 0.5, the
ceiling of the acceptance model) went from 0.796 to 0.814 with the later-clause, acl-speaker, headline and name
colon, short tagged quotation, "But according to", continued indirect statement and speech-noun infinitive
rules; 5-fold CV on train with the acceptance model: P 0.842 R 0.774 F1 0.807 before, P 0.847 R 0.785 F1 0.815
after. Then 0.8155 -> 0.8279 (same gold) with the split-off speech tag, possessed speech noun, headline verb,
"called on" addressee, "as X put it" and colon-clause rules and 12 mined speech verbs; those verbs also widen the
scorer's speech gold (12,843 -> 13,200), on which candidate recall is 0.822 and nested 5-fold CV (all but the last
three rules) P 0.839 R 0.792 F1 0.815 (attribution F1 0.765, speaker accuracy 0.934). Then, rules alone (every
candidate kept), 0.8223 -> 0.8255 with P/R/F1 0.760/0.822/0.790 -> 0.762/0.826/0.792 (0.703 -> 0.706 at Jaccard
0.8) with "As X noted" after a first sentence, a cue's own object over the clause before it, a quotation that
continues a direct one, the "as" predicate of an object frame, a kept "whether"/"if" and a trailing "while" report.
Then 13 long-tail verbs of saying (``speech_verbs.txt``: barked, fumed, opined, demurred ...): rules alone P/R/F1
0.7617/0.8255/0.7923 -> 0.7621/0.8271/0.7933 at Jaccard 0.5; chosen on 4/5 of the train documents, the fifth gained
+0.0006 recall at equal F1 (5 folds by document). Then 0.8271 -> 0.8280 (P 0.7621 -> 0.7620, F1 0.7936) with the
sentence opening the parser hangs from a parenthetical cue ("If X, Mr. Taylor warned, Y"); 0.8289 (P 0.7616, F1 0.7938)
with the indirect question of plural "questions" ("raised questions about whether ...", wide.py); 0.8295 (P 0.7617,
F1 0.7942) with a colon clause whose subject is a role or organisation noun, or whose object is a noun of saying
("Hoff's letter makes a libertarian-style case: "..."") and 0.8301 (P 0.7621, F1 0.7947) when a quotation of the
paragraph before, hung from the cue, yields to the cue's own later clause; 0.8310 (P 0.7621, F1 0.7951) with a
verbless headline after a name and colon ("Lynch: No outside influence on FBI probe"); 0.8312 (P 0.7622, F1 0.7952)
with a possessed noun of saying equated with a clause ("Sanders's point was that ...", wide.py); 0.8315 (P 0.7625,
F1 0.7955) when "according to X" no longer relays a wide frame inside its own content; 0.8316 (F1 0.7956) when the
parser hangs "according to" from a word of the next paragraph. Then 0.8329 -> 0.8333 (P 0.7624, F1 0.7961 -> 0.7963,
0.7093 -> 0.7095 at Jaccard 0.8) with the passive "as" frame that names its source as an agent ("As reported by the
AP, ...", "..., as first reported by the Globe"; chosen on the even-numbered train documents, the odd ones gained
alike); 0.8336 (F1 0.7964) with a quotation after a sentence that ends with a bare speech verb ("X said in a
statement. "..."") and 0.8340 (P 0.7625, F1 0.7967, 0.7097 at Jaccard 0.8) with a third-person verb of saying that the
tagger reads as the plural noun at the root of its sentence ("The Sanders campaign *projects* that ...").
Then P 0.7623 -> 0.7649 at equal recall (F1 0.7968 -> 0.7983, 0.7098 -> 0.7111 at Jaccard 0.8; 14,819 -> 14,771
candidates, none matching gold lost) with the fixed phrases where a speech verb says nothing (:func:`non_speech_cue`,
:func:`names_without_saying`: "so-called", "time will tell", "safe to say", "telling insight", "pledged delegates",
"a group called X", "called both candidates"; "responded by" an act, wide.py): even-numbered train documents F1
0.7915 -> 0.7930, odd ones 0.8021 -> 0.8035; then 0.7990 (P 0.7661, R 0.8348, 0.7118 at Jaccard 0.8) with "That
said, ...", "called off", "reported from Washington" and a duration that is no topic ("spoke for 77 minutes").
Then R 0.8348 -> 0.8354 (F1 0.7992) with a quotation read as a title only when its lower-case words are small words
of titles ("Thank you, and may the Force be with you" is no title); 0.8358 (F1 0.7994) with six more verbs of saying;
0.8367 (P 0.7659, F1 0.7998, 0.7126 at Jaccard 0.8) with a speech verb or noun of saying right before a colon and
the clause after it ("Their argument: Only ...", :meth:`_Finder.colon_statements`). The three together: even-numbered
train documents F1 0.7939 -> 0.7944, odd ones 0.8040 -> 0.8050. Then 0.8373 (F1 0.8000, 0.7129 at Jaccard 0.8) with a
short quotation that ends with its own mark right after a speech verb ('then asked, "Really?"'); 0.8389 (F1 0.8004)
with more nouns and verbs of the light-verb frame ("launched an attack against X"). Then P 0.7653 -> 0.7781 (R 0.8385,
F1 0.8072, 0.7196 at Jaccard 0.8; 14,875 -> 14,611 candidates, 2 + 4 matches lost) with obliques and bare objects that
report nothing (wide.py: "spoke to the newspaper", "added 200,000 jobs") and the page labels "Editor's note:" and
"The Latest:". Then P 0.7781 -> 0.7851 (R 0.8374, F1 0.8104, 0.7225 at Jaccard 0.8; 14,611 -> 14,464 candidates,
14 gold speech matches lost; even-numbered documents F1 0.8018 -> 0.8046, odd 0.8125 -> 0.8161) with more frames that
report nothing: for whom a cue spoke ("comment for this story"), obliques of one word ("yelled at them"), a personal
pronoun as a passive's subject ("he was charged"), a one-word clause (a misparse), clauses after "charged with",
"insisted on", and an oblique or passive frame inside another report's clause. Then a frame inside what another
report says is part of that report, not a statement of its own (:func:`_drop_frames_inside_clause_reports`: "says
she would order regulators to ...", "criticized the mayor for refusing to release the emails"), a set-off "..., when
asked whether ..." is the statement's occasion, and a cue with an infinitive or a topic of its own does not report
the clause the parser hangs before it: F1 0.8104 -> 0.8185 (P 0.7851 -> 0.8012, R 0.8374 -> 0.8367; 0.7225 -> 0.7296
at Jaccard 0.8; 305 candidates fewer, 11 gold speech matches lost net; both halves of train up at each step). The
acceptance model had already rejected most of those candidates: its nested CV F1 did not rise with them (0.8322
against 0.8335). Contents keep the complementizer "that" (PolNeAR's annotators include it in 99.6% of the train
contents that follow one): F1 0.8185 -> 0.8199, 0.7296 -> 0.7310 at Jaccard 0.8.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable, NamedTuple, Optional, Union

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..analysis import DocAnalysis, TokenTable, analysis_of
from ..lexicons import belief_verbs, lemma_candidates, load, sections, speech_verbs
from ..types import Attribution
from .boilerplate import boilerplate_mask
from .patterns import match, rules
from .quotes import MARKS
from .speaker_choice import (bracketed_gaps, clause_above_complements, dateline_end, nearest_subject,
                             past_dateline, past_preposition_object, split_subject_end, trailing_participle,
                             vehicle_user, CONTROLLER_DEPS, SUBJECT_DEPS, has_subject, inverted_speaker,
                             outer_conjunct_head, preverbal_speaker, relative_vehicle_user, without_comma_tail,
                             clause_owner, name_after_title, title_stop, adjective_speaker, past_place_opening,
                             colon_inverted_speaker, joining_hyphen)
from .wide import HANDLERS as WIDE_HANDLERS, bare_speaker, non_content_preposition, person_like, predicative_as

SPEAKER_CUT = frozenset({"acl:relcl", "acl", "appos", "punct", "parataxis", "advcl", "dep", "cc:preconj"})
CONTENT_DEPS_AFTER_CUE = frozenset({"obj", "xcomp", "obl", "iobj", "ccomp"})
SEPARATE_RULES = frozenset({"floating"})
_RELAY_CASES = frozenset({"in", "via", "through"})
"""Prepositions of a relaying document ("in a statement", "via Twitter"; not "after the release of ...")."""
DASHES = ("—", "--", "–", "-")
"""Dash tokens that set off an aside or introduce a quotation (em, double hyphen, en, hyphen)."""
SET_OFF = (",",) + DASHES
"""Punctuation that sets off an aside: a comma or a dash."""
_ASIDE_MARKS = frozenset({"though", "although", "whereas"})
_OCCASION_OPENERS = frozenset({"when", "after", "before", "once", "until"})
"""First words of a clause that says on what occasion a statement was made ("when asked whether ...")."""
_CONTINUING_OPENERS = frozenset({"because", "if", "unless", "in", "to"})
"""First words of a clause the parser hangs from the cue right after its content that go on with the content
(:meth:`_Finder.continuation`): a reason, a condition, "in doing ...", "to do ..."."""
_CLAUSE_RULES = frozenset({"speech_ccomp", "speech_parataxis"})
_MODALS = frozenset({"would", "will", "could", "can", "should", "shall", "might", "may", "must", "'d", "'ll", "’d",
                     "’ll", "wo", "ca"})
"""Modal auxiliaries (with their contracted and split forms: "wo" of "won't", "ca" of "can't")."""
_AUXILIARY_DEPS = frozenset({"aux", "aux:pass", "cop"})
"""Relations of an auxiliary or copula, which the parser may make the head of a set-off speech frame."""
_TITLE_MODIFIER_DEPS = frozenset({"compound", "amod", "det", "nmod:poss", "case", "flat", "nummod"})
"""Relations of the words of a title's own phrase before it ("Toronto police Const.", "the force's Sgt.")."""
_QUOTE_RULES = frozenset({"quote_cue"})
HEADLINE_RULES = frozenset({"headline_colon", "headline_verb"})
"""Rules that read a headline, which the boilerplate mask covers."""
SIGNATURE_RULES = frozenset({"quote_dash"})
"""Rules whose cue is a signature line under the quotation ('— Maria Lopez, city commissioner'), which the
boilerplate mask takes for a byline: only their content must lie outside boilerplate."""
_REPORTING_DEPS = frozenset({"obj", "iobj", "ccomp", "xcomp", "obl", "nmod", "parataxis", "advcl"})
"""Relations by which a verb of saying reports something (or says to whom or about what)."""
_WHEN_ENTITIES = frozenset({"DATE", "TIME"})
"""Entity types of an oblique that says when, not what or to whom."""
_TAG_TAIL_DEPS = frozenset({"punct", "obl", "obl:tmod", "obl:npmod", "nmod:tmod", "advmod", "dep"})
"""Relations of what may follow the verb of a closing tag (", police said on Tuesday."): when, where, how."""
HEADLINE_WORDS = 25
"""A title-case paragraph of at most this many words is a headline (:meth:`_Finder.headline_verbs`)."""
HEADLINE_SPEAKER_WORDS = 6
"""At most this many words before a headline's verb of saying are its speaker."""
HEADLINE_BREAKS = frozenset({",", ":", ";"} | set(DASHES))
HEADLINE_ENDS = frozenset({".", "!", "?", ";"} | set(DASHES))
HEADLINE_ADVERBS = frozenset({"just", "now", "also", "again", "finally", "reportedly", "is", "was", "will", "has",
                              "have", "had", "would", "to"})
"""Words between a headline's speaker and its verb of saying ("Trump *Just* Announced ...", "Trump *Is Now* Calling")."""
_COLON = get_string_id(":")
_ARTICLES = frozenset({"a", "an", "the"})
_WIDE_RULES = frozenset({"wide_object", "wide_oblique", "wide_passive", "wide_clause"})
"""The low-confidence rules that take any complement of a speech verb (patterns/wide.jsonl)."""


def _complementizer(table: TokenTable, i: int) -> bool:
    """Whether token ``i`` is the complementizer "that" of a reported clause: part of the content as written
    (PolNeAR's annotators include it in 99.6% of the train contents that follow one), but no word of the
    reporter's own (``said that "..."`` stays a direct quote)."""
    return table.dep[i] == "mark" and table.lower[i] == "that"


def _trim(table: TokenTable, start: int, end: int, keep_quotes: bool = True) -> tuple[int, int]:
    """Strip edge punctuation/space (quotation marks kept); a complementizer "that", "whether" or "if" stays
    (``asked whether he would run``: PolNeAR contents keep it, it makes the content a question)."""
    space, punct, text = table.is_space, table.is_punct, table.text

    def strip(i: int) -> bool:
        return space[i] or (punct[i] and not (keep_quotes and text[i] in MARKS))

    while start < end and strip(start):
        start += 1
    while end > start and strip(end - 1):
        end -= 1
    return start, end


def _pieces(indices: list[int]) -> list[tuple[int, int]]:
    out = []
    for i in sorted(indices):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _word_pieces(table: TokenTable, indices: Iterable[int]) -> list[tuple[int, int]]:
    """The contiguous pieces of ``indices``, trimmed, that hold at least one word or number (text order)."""
    out = []
    for s, e in _pieces(list(indices)):
        s, e = _trim(table, s, e)
        if _has_word(table, s, e):
            out.append((s, e))
    return out


def _joined(table: TokenTable, ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges in text order with overlapping ones, and ones only spaces or punctuation apart, joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if out and all(table.is_space[i] or table.is_punct[i] for i in range(out[-1][1], s)):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _largest(table: TokenTable, indices: set[int]) -> Optional[tuple[int, int]]:
    best = None
    for s, e in _pieces(list(indices)):
        s, e = _trim(table, s, e)
        size = _words(table, s, e)
        if size and (best is None or size > best[0]):
            best = (size, s, e)
    return None if best is None else (best[1], best[2])


@lru_cache(maxsize=None)
def _string_ids(words: frozenset) -> frozenset:
    """spaCy string hashes of ``words`` (to compare with :attr:`TokenTable.lemma_id`)."""
    return frozenset(get_string_id(w) for w in words)


def _capitalised_label(words: list[Token]) -> bool:
    """Whether ``words`` (before a paragraph's colon) are capitalised words, as a headline names a source
    (``Sanders:``, ``Report:``, ``WSJ editorial:`` -- its first word capitalised, the others too or lower-case
    nouns)."""
    alpha = [w for w in words if w.is_alpha]
    return bool(alpha) and (alpha[0].is_title or alpha[0].is_upper) and all(
        w.is_title or w.is_upper or w.pos_ in ("NOUN", "PROPN") for w in alpha)


def _words(table: TokenTable, start: int, end: int) -> int:
    """How many tokens of ``doc[start:end]`` are words or numbers."""
    alpha, num = table.is_alpha, table.like_num
    return sum(1 for i in range(start, end) if alpha[i] or num[i])


def _has_word(table: TokenTable, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` holds a word or number (:func:`_words`, stopping at the first)."""
    alpha, num = table.is_alpha, table.like_num
    return any(alpha[i] or num[i] for i in range(start, end))


def speaker_span(analysis: DocAnalysis, tok: Token) -> Span:
    """The speaker mention headed by ``tok``: its phrase without relative clauses, appositions, asides."""
    start, end = _speaker_range(analysis, tok.i)
    return tok.doc[start:end]


def _speaker_range(analysis: DocAnalysis, head: int) -> tuple[int, int]:
    memo = analysis.speaker_ranges  # the same speaker comes back for several cues
    found = memo.get(head)
    if found is not None:
        return found
    table = analysis.table
    keep = {head}
    for child in table.children(head):
        if table.dep[child] not in SPEAKER_CUT or joining_hyphen(table, child):
            keep |= table.subtree(child)
    split_end = split_subject_end(table, head)  # one phrase parsed as sibling subjects
    if split_end > 0:
        keep |= set(range(head, split_end))
    para, text, space = analysis.para, table.text, table.is_space
    keep |= bracketed_gaps(table, keep)  # "Ted Stanton (D) and Mark Oakley (R)": the party label stays
    # a mention never crosses a paragraph break
    keep = {i for i in keep if para[i] == para[head] and not (space[i] and "\n" in text[i])}
    found = (head, head + 1)
    for s, e in _pieces(list(keep)):
        if s <= head < e:
            found = _trim(table, s, e, keep_quotes=False)
            break
    after = dateline_end(table, found[0])  # "WASHINGTON (AP) -- Donald Trump": the name only
    if found[0] < after <= head:
        found = (after, found[1])
    found = (found[0], without_comma_tail(table, head, found[1]))
    found = (past_preposition_object(table, head, *found), found[1])
    s, e = found  # "Mike Huckabee (R)": the bracket the trim took off closes one the mention opens
    opened = sum(text[i] == "(" for i in range(s, e)) - sum(text[i] == ")" for i in range(s, e))
    if e < table.n and text[e] == ")" and opened > 0:
        found = (s, e + 1)
    found = _across_title_stops(analysis, *found)
    if table.dep[head] == "obl:agent" and table.dep[found[0]] == "case" and table.head[found[0]] == head \
            and found[0] < head:  # "Asked by reporters whether ...": the agent without its "by"
        found = (found[0] + 1, found[1])
    s = found[0]  # "the 52-year-old added" (speaker_choice.adjective_speaker): the article hangs from the cue
    if table.dep[head] == "amod" and s > 0 and table.dep[s - 1] == "det" and table.head[s - 1] == table.head[head]:
        found = (s - 1, found[1])
    memo[head] = found
    return found


def _across_title_stops(analysis: DocAnalysis, start: int, end: int) -> tuple[int, int]:
    """A mention ``[start, end)`` that an abbreviated title's full stop cut (the tokenizer ends a sentence there,
    :func:`title_stop`): ``said Const.`` goes on into the name after the stop (``said Const. Dani McKinnon``), and
    ``Dani McKinnon said`` takes in the title fragment before it (``Winnipeg police spokesperson Const.``)."""
    table, para = analysis.table, analysis.para
    if end < table.n - 1 and title_stop(table, end) and para[end + 1] == para[start]:
        end = max(end, _speaker_range(analysis, name_after_title(table, end))[1])
    if start >= 2 and title_stop(table, start - 1) and table.head[start - 2] == start - 2 \
            and para[start - 2] == para[start]:
        fragment = table.subtree(start - 2)
        if max(fragment) == start - 1:
            first = start - 2  # back over the title's own modifiers ("Winnipeg police spokesperson Const."), not
            while first > 0 and first - 1 in fragment and table.dep[first - 1] in _TITLE_MODIFIER_DEPS:
                first -= 1  # an opening phrase the parser hung from it ("In a written statement, ... Const.")
            start = first
    return start, end


def _addressed_opening(table: TokenTable, cue: int) -> bool:
    """Whether ``cue`` is a past participle of addressing ("Asked about the fire, Fry said ...", "When pressed
    on the budget, the mayor ..."), set before the clause it modifies with no subject or agent of its own: the
    subject of that clause is the one addressed, not the speaker (PolNeAR leaves such an asker unnamed). (A
    tagger may take the participle for a past tense; with no subject of its own it is still the participle.)"""
    return table.dep[cue] == "advcl" and table.tag[cue] in ("VBN", "VBD") and cue < table.head[cue] \
        and table.lemma_of(cue) in load("addressee_verbs") \
        and not any(table.dep[c] in SUBJECT_DEPS or table.dep[c] == "obl:agent" for c in table.children(cue))


def find_subject(table: TokenTable, cue: Token, depth: int = 0) -> Optional[Token]:
    """The speaker token of a cue verb: its subject, passive agent, or (no subject) that of the verb above."""
    found = _subject_of(table, cue.i, depth)
    return None if found is None else cue.doc[found]


def _subject_of(table: TokenTable, cue: int, depth: int) -> Optional[int]:
    dep, pos, head = table.dep, table.pos, table.head
    children = table.children(cue)
    # the verb above a subject-less cue controls it with its passive subject too ("was pressed to explain")
    roles = SUBJECT_DEPS if depth == 0 else CONTROLLER_DEPS
    subjects = [c for c in children if dep[c] in roles and not table.is_punct[c]]  # (« » mislabelled)
    subject = None
    if subjects:
        subject = past_dateline(table, subjects[0] if len(subjects) == 1 else nearest_subject(table, cue, subjects))
        subject = past_place_opening(table, subject)  # "Outside court, one of the victims, ..., said"
    user = relative_vehicle_user(table, cue, subject) if depth < 3 else None  # "released a video that said"
    if user is not None:
        return _subject_of(table, user, depth + 1)
    if subject is not None:
        return subject
    for child in children:
        if dep[child] == "obl:agent":
            return child
    if depth == 0 and _addressed_opening(table, cue):
        return None  # "Asked about the fire, Fry said ...": Fry was asked; who asked is not said
    inverted = inverted_speaker(table, cue) if depth == 0 else None  # '"...," added a Democrat' parsed as object
    if inverted is None and depth == 0:
        inverted = colon_inverted_speaker(table, cue)  # 'Said Chow: "..."'
    if inverted is not None:
        return inverted
    before = preverbal_speaker(table, cue) if depth == 0 else None  # "Sen. Boyd, facing a race, said": hung elsewhere
    if before is not None:
        return before
    adjective = adjective_speaker(table, cue) if depth == 0 else None  # '"...," the 52-year-old added'
    if adjective is not None:
        return adjective
    if pos[cue] == "NOUN":
        for child in children:
            if dep[child] == "nmod:poss" or (dep[child] == "nmod" and any(table.lower[c] == "by" for c in table.children(child))):
                return clause_owner(table, child) if dep[child] == "nmod:poss" else child
        return None
    up = head[cue]
    if depth >= 3 or up == cue:
        return None
    if dep[cue] in ("acl",) and pos[up] in ("NOUN", "PROPN", "PRON"):
        user = vehicle_user(table, cue)  # "issued a statement saying": who issued it
        return up if user is None else _subject_of(table, user, depth + 1)
    if dep[cue] == "conj" and dep[up] == "ccomp" and table.lemma_of(head[up]) in speech_verbs():
        return _subject_of(table, head[up], depth + 1)  # "X said A, and called B": parsed as A's conjunct
    outer = outer_conjunct_head(table, cue)  # "fear that A has missed ... and warn that B"
    if outer is not None:
        return _subject_of(table, outer, depth + 1)
    if dep[cue] == "advcl" and pos[up] in ("VERB", "AUX") and trailing_participle(table, cue):
        return _subject_of(table, clause_above_complements(table, up), depth + 1)
    if dep[cue] in ("conj", "xcomp", "advcl") and pos[up] in ("VERB", "AUX") or (
            dep[cue] == "xcomp" and pos[up] == "ADJ" or  # "Advisers are quick to point out"
            dep[cue] in ("xcomp", "advcl") and has_subject(table, up)):  # "has been the most aggressive in denouncing"
        return _subject_of(table, up, depth + 1)
    return None


def cue_span(table: TokenTable, cue: Token) -> Span:
    """The cue verb with its particle ("pointed out")."""
    doc = cue.doc
    end = max([cue.i] + [c for c in table.children(cue.i) if table.dep[c] == "compound:prt" and c > cue.i])
    return doc[cue.i:end + 1]


_ASIDE_DEPS = frozenset({"advcl", "acl", "xcomp"})
"""Relations of a clause the reporter may add after a statement (:meth:`_Finder._trailing_aside`)."""
_SET_OFF_DEPS = _ASIDE_DEPS | {"acl:relcl", "appos"}
"""Relations of what :meth:`_Finder.without_trailing_aside` may cut: an aside, a relative clause, an apposition."""


class PatternMatch(NamedTuple):
    """One match of a speech pattern: its rule, the rule's confidence and content handler, and the tokens the
    pattern names ``cue``, ``content`` and (if it has one) ``speaker``."""

    rule: str
    confidence: float
    handler: Callable[["_Finder", "PatternMatch"], Optional["Statement"]]
    cue: Token
    content: Token
    speaker: Optional[Token]


class Statement(NamedTuple):
    """What a content handler makes of a match: the cue span, the speaker mention and the content's token ranges
    in text order (one, or the pieces the attribution splits it into; before they are widened to the quotations
    they touch)."""

    cue: Span
    speaker: Optional[Span]
    content: tuple[tuple[int, int], ...]


@lru_cache(maxsize=None)
def _refusal_lemmas() -> frozenset[str]:
    """Cue lemmas of the refusal speech act ("decline", "refuse"): a verb that can refuse to speak."""
    from .acts import load_speech_acts

    acts = load_speech_acts()
    return frozenset(lemma for lemma, act in acts.cues.items() if act == "refusal")


class _Finder:
    """The attributions of one document (see the module docstring for the order of work)."""

    def __init__(self, analysis: DocAnalysis):
        self.analysis = analysis
        self.doc = analysis.doc
        self.quotes = analysis.quotes
        self.in_quote = analysis.in_quote
        self.speech = speech_verbs()
        self._speech_ids = _string_ids(self.speech)
        self.beliefs = belief_verbs()
        self.addressee = load("addressee_verbs")
        self.object_cues = load("object_cues")
        self.table = analysis.table
        self.para = analysis.para
        self.para_start = analysis.para_start

    def speaker_span(self, tok: Token) -> Span:
        return speaker_span(self.analysis, tok)

    def speech_verb_at(self, i: int) -> bool:
        """Whether token ``i`` is a verb whose lemma is a speech verb (read from the token table: no Token made)."""
        return self.table.pos[i] == "VERB" and self.table.lemma_id[i] in self._speech_ids

    def subtree(self, tok: Token) -> frozenset[int]:
        return self.table.subtree(tok.i)

    def subject(self, cue: Token) -> Optional[Token]:
        """:func:`find_subject`, within the cue's paragraph (parsers run sentences over paragraph breaks; a subject
        found in another paragraph gives way to the phrase that opens the cue's paragraph, :meth:`opening_phrase`)."""
        subj = find_subject(self.table, cue)
        if subj is None or self.para[subj.i] == self.para[cue.i]:
            return subj
        opening = self.opening_phrase(cue.i)
        return None if opening is None else self.doc[opening]

    def opening_phrase(self, cue: int) -> Optional[int]:
        """The head of the noun phrase that fills the cue's paragraph up to the cue when the parser hung it from the
        paragraph before (``Farmers warn of food shortages after wettest winter on record\\n\\nFarmers in
        Lincolnshire say ...``: a headline without a full stop runs into the next paragraph); ``None`` otherwise."""
        table = self.table
        start = self.para_start[cue]
        while start < cue and table.is_space[start]:
            start += 1
        words = range(start, cue)
        heads = [i for i in words if not (start <= table.head[i] < cue)]
        if len(heads) != 1 or table.pos[heads[0]] not in ("NOUN", "PROPN", "PRON") or table.head[heads[0]] > cue:
            return None
        return heads[0]

    # ---- content of a pattern match ------------------------------------------------------------------------
    def clause(self, cue: Token, content: Token) -> frozenset[int]:
        """The clause a speech verb reports: the content's subtree without the cue's own (when the parse hangs the
        cue inside it) and without a later coordinated speech verb's report ("said X, and called him Y")."""
        table = self.table
        idx = self.subtree(content) - self.subtree(cue) if cue.i in self.subtree(content) else self.subtree(content)
        for child in table.children(content.i):  # (indices: a Token only for a possible aside)
            if child <= content.i:
                continue
            if table.dep[child] == "conj" and table.lemma_of(child) in self.speech and not self._modal(child):
                idx -= table.subtree(child)  # ("... and would continue his push for it": still the statement)
            elif table.dep[child] in _ASIDE_DEPS and self._trailing_aside(self.doc[child]):
                idx -= table.subtree(child)
        idx = self.without_cue_conjuncts(cue, content, idx)
        return self.without_trailing_aside(content, idx)

    def continuation(self, cue: int, idx: set[int]) -> frozenset[int]:
        """The dependent of the cue that goes on with a content after it, with nothing but a space between: the
        parser hangs a clause or an ``as`` phrase that follows the content from the cue, and it is part of what was
        said (``criticized him for "having a tough night" because he did not win``, ``praised his skills in
        whittling $25 million off the price``, ``described the islands as Chinese bases``, ``said he would serve
        should the opportunity present itself``: an inverted condition, a predicate or a clause the parser makes
        a second clause of the cue). Only an adverbial clause opened by a word of :data:`_CONTINUING_OPENERS`, a
        clause (``ccomp``) opened by a lower-case word and not after a full stop, or an oblique opened by "as" (a
        time or an occasion, ``said A on Tuesday``, ``... after she left``, is the reporter's); empty when none,
        or when the content is not after the cue."""
        table = self.table
        words = [i for i in idx if not table.is_space[i]]
        if not words or min(words) < cue:
            return frozenset()
        after = max(words) + 1
        while after < table.n and (table.is_space[after] and "\n" not in table.text[after]
                                   or table.text[after] in MARKS):
            after += 1  # (a closing quotation mark the content's rule left out: 'for "dragging its feet" because')
        if after >= table.n or table.head[after] == after or self.para[after] != self.para[cue]:
            return frozenset()
        for c in table.children(cue):
            if c < after or table.dep[c] == "punct":
                continue
            sub = table.subtree(c)
            if min(sub) != after:
                break
            dep, first = table.dep[c], table.lower[after]
            if (dep == "advcl" and first in _CONTINUING_OPENERS and table.dep[after] in ("mark", "case")) or \
                    (dep == "ccomp" and table.text[after][:1].islower() and not self._sentence_end_before(after)) or \
                    (dep == "obl" and first == "as" and table.dep[after] == "case"):
                return sub
            break
        return frozenset()

    def _sentence_end_before(self, i: int) -> bool:
        """Whether a full stop, question or exclamation mark ends the words before token ``i`` (quotation marks
        and spaces skipped: ``... "completely premeditated." there was``)."""
        before = self._word_before(i)
        return before >= 0 and self.table.text[before] in (".", "!", "?")

    def _word_before(self, i: int) -> int:
        """The nearest token before ``i`` that is neither a space nor a quotation mark (-1 when none)."""
        table = self.table
        i -= 1
        while i >= 0 and (table.is_space[i] or table.text[i] in MARKS):
            i -= 1
        return i

    def _modal(self, verb: int) -> bool:
        """Whether ``verb`` has a modal auxiliary ("would continue", "will add"): a reported prediction or intent,
        not a second act of the speaker's."""
        table = self.table
        return any(table.dep[c] == "aux" and table.lower[c] in _MODALS for c in table.children(verb))

    def without_cue_conjuncts(self, cue: Token, content: Token, idx: frozenset[int]) -> frozenset[int]:
        """``idx`` without a subject-less predicate the parser coordinates inside the content though its verb form
        is the cue's, not its head's, when it is a participle or follows a quotation: it goes on with what the
        speaker did (``stating A and chiding the media``, ``wrote "...," and shared a link``). (Finite ones, "said
        she did not condone violence and hoped ...", are as often part of the statement on PolNeAR train.)"""
        table, doc = self.table, self.doc
        forms = {cue.tag_} | ({"VBD"} if cue.tag_ == "VBN" else set())
        for i in sorted(idx):
            if i not in idx or i <= content.i or table.dep[i] != "conj" or self.in_quote[i] is not None:
                continue
            tok = doc[i]
            if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG") or tok.tag_ not in forms:
                continue
            if tok.tag_ == tok.head.tag_ or any(c.dep_.startswith(("nsubj", "csubj", "aux")) for c in tok.children):
                continue
            j = tok.left_edge.i - 1
            while j >= 0 and (table.is_space[j] or table.dep[j] == "cc" or table.text[j] in SET_OFF):
                j -= 1
            after_quote = j >= 0 and self.in_quote[j] is not None and self.quotes[self.in_quote[j]][1] == j + 1
            if tok.tag_ == "VBG" or after_quote:
                idx = idx - self.subtree(tok)
        return idx

    def without_trailing_aside(self, content: Token, idx: frozenset[int], appositive: bool = False) -> frozenset[int]:
        """``idx`` without the reporter's aside that ends it, wherever the parser hangs it below the content head:
        ``..., referring to ...`` / ``..., though ...`` (:meth:`_trailing_aside`) or a relative clause set off by a
        comma or dash (``..., which expires at the end of the year``); with ``appositive``, also an apposition
        (``cited the Head Start program, the federally funded pre-school ...``: what an object cue names is the
        noun, the apposition the reporter's gloss; after a clause it was as often the speaker's). PolNeAR leaves
        these out; a relative clause inside the content, set off on both sides, stays (leaving those out too lost
        recall on PolNeAR train)."""
        table, doc = self.table, self.doc
        words = [i for i in idx if not (table.is_punct[i] or table.is_space[i])]
        if not words:
            return idx
        last = max(words)
        dep = table.dep
        for i in sorted(idx):
            if i <= content.i or dep[i] not in _SET_OFF_DEPS:
                continue  # (no aside, relative clause or apposition: no Token made)
            tok = doc[i]
            if tok.right_edge.i < last:
                continue
            if self._trailing_aside(tok) or self._set_off_relative(tok) or (
                    appositive and tok.dep_ == "appos" and self.in_quote[i] is None and self._set_off_before(
                        tok.left_edge.i)):
                return idx - self.subtree(tok)
        return idx

    def _set_off_relative(self, tok: Token) -> bool:
        """A non-restrictive relative clause of the reporter's: ``, which ...`` / ``— who ...`` outside quotations."""
        if tok.dep_ != "acl:relcl" or self.in_quote[tok.i] is not None:
            return False
        return self._set_off_before(tok.left_edge.i)

    def _set_off_before(self, first: int) -> bool:
        """Whether a comma or dash comes just before token ``first`` (spaces and quotation marks skipped:
        ``"...," referring to``)."""
        before = self._word_before(first)
        return before >= 0 and self.table.text[before] in SET_OFF

    def cue_sentence(self, cue: int, idx: set[int]) -> set[int]:
        """``idx`` kept to the cue's sentence where a full stop, question or exclamation mark outside quotations
        ends it (the parser sometimes runs two sentences into one: ``Time, he added, was on their side. "It's
        preseason"`` is one statement, and the quotation after it another)."""
        if not idx:
            return idx
        table, in_quote = self.table, self.in_quote
        lo, hi = min(min(idx), cue), max(max(idx), cue)
        stops = [i for i in range(lo, hi + 1) if table.text[i] in (".", "!", "?") and in_quote[i] is None
                 and self._opens_quotation_after(i)]
        if not stops:
            return idx
        before = [i for i in stops if i < cue]
        after = [i for i in stops if i > cue]
        first = before[-1] if before else -1
        last = after[0] if after else len(table.text)
        return {i for i in idx if first < i <= last}

    def after_lead_in(self, cue: int, idx: set[int]) -> set[int]:
        """A content before its cue without the reporter's lead-in up to a colon (``It is on social issues that
        they lean left: 42% say they're liberal``). (Dashes more often set off a gloss inside the statement.)"""
        if not idx or cue < max(idx):
            return idx
        table = self.table
        colons = [i for i in range(min(idx), cue) if self.in_quote[i] is None and table.text[i] == ":"]
        if colons and any(i > colons[-1] and table.is_alpha[i] for i in idx):
            return {i for i in idx if i > colons[-1]}
        return idx

    def _opens_quotation_after(self, i: int) -> bool:
        """Whether a quotation opens right after token ``i`` (spaces between)."""
        table, j = self.table, i + 1
        while j < len(table.text) and table.is_space[j]:
            j += 1
        qi = self.in_quote[j] if j < len(table.text) else None
        return qi is not None and self.quotes[qi][0] == j

    def coordinated_reports(self, cue: Token, content: Token) -> list[Token]:
        """Further reported clauses the parser coordinates with the cue instead of with its content: conjuncts of
        the cue after the content that open with their own complementizer ("predicted that A, but that B"; a
        conjunct verb of its own, "said A and called B", is another statement)."""
        if content.i < cue.i:
            return []
        out = []
        table = self.table
        for c in table.children(cue.i):
            if table.dep[c] != "conj" or c < content.i or self.in_quote[c] is not None:
                continue
            child = self.doc[c]
            lead = next((t for t in child.subtree if not (t.is_punct or t.is_space or t.dep_ == "cc")), None)
            if lead is not None and lead.dep_ == "mark" and lead.head.i == child.i \
                    and lead.lower_ in ("that", "whether") and self.para[child.i] == self.para[cue.i]:
                out.append(child)
        return out

    def _trailing_aside(self, child: Token) -> bool:
        """A clause the reporter adds after the statement, set off by a comma or dash: ``..., asserting that``,
        ``..., though voters ...`` (not what the speaker said); a "while" clause only with a speech verb of its own
        (``..., while 22 percent said ...``): otherwise it often goes on reporting (the seed); an "as" clause with
        a speech verb of its own or an auxiliary right after "as" (``..., as Breitbart reported``, ``..., as
        have other Democrats``: another source or speaker set beside the statement)."""
        if child.dep_ not in _ASIDE_DEPS or self.in_quote[child.i] is not None:
            return False
        first = child.left_edge.i
        if not self._set_off_before(first):
            return False
        if child.tag_ == "VBG" and child.i == first:
            return True
        if self._asked_clause(child, first):
            return True
        if any(c.dep_ == "mark" and c.lower_ == "while" and c.i == first for c in child.children):
            return self._reports_of_its_own(child)
        if self.table.lower[first] == "as" and first + 1 < self.table.n and (
                self.table.pos[first + 1] == "AUX" or self._reports_of_its_own(child)):
            return True
        return any(c.dep_ == "mark" and c.lower_ in _ASIDE_MARKS and c.i == first for c in child.children)

    def _asked_clause(self, child: Token, first: int) -> bool:
        """``..., when asked whether he would run`` / ``..., after being pressed on the deal``: a passive verb of
        saying opened by a word of time says on what occasion the statement was made (the question put to the
        speaker), not what was said."""
        return child.tag_ == "VBN" and child.lemma_ in self.speech and self.table.lower[first] in _OCCASION_OPENERS \
            and any(c.i == first and c.dep_ in ("advmod", "mark") for c in child.children) \
            and not any(c.dep_ in SUBJECT_DEPS for c in child.children)

    def _reports_of_its_own(self, clause: Token) -> bool:
        """Whether a clause holds a speech verb with a subject of its own outside quotations (``..., while 22
        percent said they might change their mind``: another report set beside the statement, not part of it;
        ``..., while discussing regional issues, the minister said`` is not one)."""
        return any(t.pos_ == "VERB" and t.lemma_ in self.speech and self.in_quote[t.i] is None
                   and any(c.dep_ == "nsubj" for c in t.children) for t in clause.subtree)

    def sentence_opening(self, cue: Token, speaker: Optional[Token], after: int) -> frozenset[int]:
        """``If the demands are not met, Mr. Taylor warned, ...`` / ``Many days, former employees said, she ...`` /
        ``Voters, Clinton suggested, don't ...``: the parser hangs the sentence's opening (an adverbial, a clause,
        the subject) from a parenthetical cue instead of from the verb it belongs to. The cue's dependents before
        its frame (speaker and cue), set off from it by a comma or dash, are that opening: part of what was said.
        Before a quotation (at token ``after``, the first after the frame) only a subject is (``Dashing into the
        luncheon, Capito called, "..."``: the reporter's scene, not the statement)."""
        frame_start = cue.i if speaker is None or speaker.i > cue.i else min(cue.i, speaker.left_edge.i)
        table = self.table
        lead = [c for c in table.children(cue.i) if c < frame_start and table.dep[c] != "punct"]
        if not lead or (self._quotation_at(after) and not any(table.dep[c] in SUBJECT_DEPS for c in lead)):
            return frozenset()
        idx = frozenset().union(*(table.subtree(c) for c in lead))
        before = frame_start - 1
        while before >= 0 and table.is_space[before]:
            before -= 1
        if before < 0 or table.text[before] not in SET_OFF or max(idx) >= before \
                or any(self.para[i] != self.para[cue.i] for i in idx):
            return frozenset()
        return idx

    def _quotation_at(self, i: int) -> bool:
        """Whether the first word from token ``i`` on is inside a quotation (``..., he said, "..."``)."""
        table = self.table
        while i < table.n and (table.is_space[i] or table.is_punct[i]) and self.in_quote[i] is None:
            i += 1
        return i < table.n and self.in_quote[i] is not None

    def _inverted_frame(self, cue: Token, content: Token, opening: frozenset[int] = frozenset()) -> bool:
        """``"...," Motegi said.`` / ``..., said the spokesperson.`` / ``A, he said, B`` / ``As X said, ...``:
        a bare speech verb set off by a comma or quotation mark from what it reports (``opening``: the tokens of
        the sentence's opening the parser hung from the cue, :meth:`sentence_opening`, which are not its frame)."""
        doc = self.doc
        if cue.lemma_ in self.beliefs:
            return False
        as_frame = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
        if not as_frame and cue.dep_ not in ("parataxis", "ccomp", "conj"):
            return False
        for c in cue.children:
            if c.dep_ in ("ccomp", "xcomp", "parataxis") or (c.dep_ == "obj" and cue.lemma_ not in self.addressee):
                return False
        words = [t.i for t in cue.subtree if not (t.is_punct or t.is_space) and t.i not in opening]
        left, right = min(words) - 1, max(words) + 1
        while left >= 0 and doc[left].is_space:
            left -= 1
        if left >= 0 and not (doc[left].text in (",", "—", "--", "-") or doc[left].text in MARKS):
            if not (as_frame and (self._opens_sentence(min(words), left) or self._after_comma_and(left))):
                return False
        if right >= len(doc) or doc[right].is_space:
            return not (cue.i < content.i and not as_frame)
        if cue.i < content.i and not as_frame:  # a parenthetical: set off on both sides
            return doc[right].text in (",", "—", "--", "-") or doc[right].text in MARKS
        return doc[right].is_punct

    def _after_comma_and(self, left: int) -> bool:
        """Whether token ``left`` is a coordinating "and"/"but" after a comma ("..., and as Comey noted, people
        involved could still be ..."): an "as" frame after it opens the next clause as after a sentence start."""
        doc = self.doc
        return doc[left].dep_ == "cc" and left > 0 and doc[left - 1].text == ","

    def _opens_sentence(self, first: int, left: int) -> bool:
        """Whether word ``first`` opens a sentence, ``left`` being the last word before it that is not a space
        ("... campaign.\\n\\nAs the Times noted, ..."): the parser's sentence start, a sentence-final mark or a
        line break before it; or only an opening word before it ("But as she noted, ...")."""
        doc = self.doc
        return (doc[first].is_sent_start is True or doc[left].is_sent_start is True
                or doc[left].text in (".", "!", "?", ";", ":")
                or any("\n" in doc[i].text for i in range(left + 1, first)))

    # ---- quotes ---------------------------------------------------------------------------------------------
    def widen(self, start: int, end: int, cue: Optional[Span], speaker: Optional[Span]) -> tuple[int, int, str]:
        """Widen a content to the quotations it touches; say whether it is direct, mixed or indirect."""
        blocked = set()
        for span in (cue, speaker):
            if span is not None:
                blocked |= set(range(span.start, span.end))
        touched = {self.in_quote[i] for i in range(start, end) if self.in_quote[i] is not None}
        for qi in sorted(touched):
            qs, qe = self.quotes[qi]
            if blocked & set(range(qs, qe)):
                continue
            start, end = min(start, qs), max(end, qe)
        if not touched:
            return start, end, "indirect"
        last = self.quotes[max(touched)]
        if cue is not None and cue.start >= end and last[1] == end and start < last[0]:
            # '<debris> "Quote," said X': words before the quotation with no verb of their own are not reported;
            # nor the reporter's lead-in to a quotation introduced by a colon or dash ('He had a retort: "..."')
            pos = self.table.pos
            if not any(pos[i] in ("VERB", "AUX") for i in range(start, last[0]) if self.in_quote[i] is None) \
                    and min(touched) == max(touched):
                start = last[0]
            elif self._introduced(last[0]):
                start = last[0]
        table = self.table
        outside = [i for i in range(start, end) if self.in_quote[i] is None and (table.is_alpha[i] or table.like_num[i])
                   and not _complementizer(table, i)]
        if outside:
            return start, end, "mixed"
        return max(start, self.quotes[min(touched)][0]), end, "direct"  # the quotation, not a "that" before it

    def _introduced(self, qs: int) -> bool:
        """Whether a colon or dash introduces the quotation at ``qs`` (``He had a retort: "..."``)."""
        table, i = self.table, qs - 1
        while i >= 0 and table.is_space[i]:
            i -= 1
        return i >= 0 and self.in_quote[i] is None and table.text[i] in (":",) + DASHES

    def nearest_cue(self, qs: int, qe: int) -> Optional[Token]:
        """The speech verb nearest to a quotation, outside quotations, in its sentence and paragraph."""
        table = self.table
        starts, ends = table.sent_start, table.sent_end
        sents = {starts[qs]: ends[qs]}
        sents.setdefault(starts[qe - 1], ends[qe - 1])
        paras = (self.para[qs], self.para[qe - 1])
        tag = self.tag_after(qe)
        if tag is not None:
            return tag
        best = None
        for start, end in sents.items():
            for i in range(start, end):
                if self.para[i] not in paras:
                    continue  # the parser's sentence ran over a paragraph break
                if self.in_quote[i] is not None or not self.speech_verb_at(i) or non_speech_cue(self.doc[i]):
                    continue
                dist = min(abs(i - qs), abs(i - (qe - 1)))
                if best is None or dist < best[0]:
                    best = (dist, i)
        return None if best is None else self.doc[best[1]]

    TAG_WORDS = 6
    """How far after a quotation a speech tag the parser split off as its own sentence may reach (``"Filth out!"
    she wrote`` / ``"...," said Jon Ralston, who ...``): its speaker and verb."""

    def tag_after(self, qe: int) -> Optional[Token]:
        """The speech verb of a tag right after a quotation that ends a sentence of the parser's, in the next
        sentence of the same paragraph: the verb within :attr:`TAG_WORDS` words, with its subject between the
        quotation and it or just after it (``said Jon Ralston``), and no complement of its own that reports
        something else (``She said that ...``). The parser cuts ``"...!" Trump said on Twitter`` after the mark."""
        table, doc = self.table, self.doc
        n = len(doc)
        j = qe
        while j < n and table.is_space[j]:
            j += 1
        if j >= n or table.sent_start[j] != j or self.para[j] != self.para[qe - 1]:
            return None
        for i in range(j, min(j + self.TAG_WORDS, table.sent_end[j], n)):
            if self.in_quote[i] is not None or table.is_punct[i] and i > j:
                return None
            if not self.speech_verb_at(i):
                continue
            cue = doc[i]
            if any(c.i > i and self.in_quote[c.i] is None and (
                    c.dep_ in ("ccomp", "parataxis", "xcomp") or c.dep_ == "obj" and cue.lemma_ not in self.addressee)
                   for c in cue.children):
                return None
            subj = self.subject(cue)
            if subj is None or not (j <= subj.i < i or i < subj.i <= i + 4):
                return None
            return cue
        return None

    def noun_tagged_tag(self, qe: int) -> Optional[tuple[Span, Span]]:
        """The cue and speaker of a tag after a quotation whose verb the tagger took for a plural noun
        (``"...," the ad states.`` / ``"...," a voice-over in the ad states.``): the quotation closes on a comma,
        question or exclamation mark, and a few words then end the sentence with an inflected form of a speech verb
        (not a belief) right before its full stop; the words before that form speak. A verb the tagger read as a
        verb is :meth:`nearest_cue`'s."""
        table, doc = self.table, self.doc
        n = table.n
        if qe < 3 or table.text[qe - 2] not in (",", "!", "?"):
            return None
        j = qe
        while j < n and table.is_space[j]:
            j += 1
        last = min(j + self.TAG_WORDS + 4, n)
        stop = next((i for i in range(j, last) if table.text[i] in (".", "!", "?", ";", ":") or table.is_space[i]
                     or self.in_quote[i] is not None or self.para[i] != self.para[qe - 1]), None)
        if stop is None or table.text[stop] != "." or stop - j < 2:
            return None
        cue = stop - 1
        word = table.lower[cue]
        if table.pos[cue] not in ("NOUN", "PROPN") or not word.endswith("s") or word in self.speech:
            return None
        lemmas = lemma_candidates(word)
        if not lemmas & self.speech or lemmas & self.beliefs:
            return None
        if not _has_word(table, j, cue) or any(table.is_punct[i] and table.text[i] not in DASHES for i in range(j, cue)):
            return None
        return doc[cue:cue + 1], doc[j:cue]

    def reported_lead(self, cue: Token, qs: int, speaker: Optional[Span]) -> int:
        """Where the content of a quotation reported by an earlier ``cue`` starts: the quotation itself, or the
        reported words between them (``tweeted he had "..."`` -> mixed); addressees, times and places of the
        cue ("told reporters on Monday") are not content."""
        if cue.i > qs or self.table.sent_start[qs] != self.table.sent_start[cue.i]:
            return qs
        skip = set()
        for child in cue.children:
            if child.dep_ in ("obj", "iobj", "obl", "obl:npmod", "advmod", "nsubj", "aux", "compound:prt") \
                    and not (child.left_edge.i <= qs <= child.right_edge.i):
                skip |= self.subtree(child)
        if speaker is not None:
            skip |= set(range(speaker.start, speaker.end))
        table = self.table
        colons = [i for i in range(cue.i + 1, qs) if table.text[i] == ":"]  # 'Said one resident, who ...: "..."'
        lead = [i for i in range(colons[-1] if colons else cue.i + 1, qs)
                if i not in skip and not (table.is_punct[i] or table.is_space[i]) and not _complementizer(table, i)]
        return lead[0] if lead and any(table.is_alpha[i] for i in lead) else qs

    def reported_tail(self, cue: Token, qs: int, qe: int) -> int:
        """Where the content of a quotation reported by an earlier ``cue`` with words of its own before it ends: the
        end of the cue's complement that holds the quotation (``boasted of his willingness to spend "whatever it
        takes" from his own fortune``), in the paragraph, without a trailing aside of the reporter's."""
        table = self.table
        holder = next((c for c in cue.children if c.i > cue.i and c.left_edge.i <= qs <= c.right_edge.i), None)
        if holder is None or holder.right_edge.i < qe:
            return qe
        idx = frozenset(i for i in range(holder.left_edge.i, holder.right_edge.i + 1)
                        if self.para[i] == self.para[qs] and table.sent_start[i] == table.sent_start[qs])
        idx = self.without_trailing_aside(holder, idx & self.subtree(holder))
        words = [i for i in idx if i >= qe and (table.is_alpha[i] or table.like_num[i])]
        return max(words) + 1 if words else qe

    def colon_before(self, qs: int) -> Optional[tuple[Optional[Span], Span, Optional[Span]]]:
        """``X said: "..."`` / ``X: "..."`` -- a colon ending the text just before the quotation."""
        doc = self.doc
        i = qs - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0 or doc[i].text != ":":
            return None
        table = self.table
        verbs = [k for k in range(table.sent_start[i], i) if self.speech_verb_at(k) and self.in_quote[k] is None]
        if verbs:
            cue = doc[verbs[-1]]
            subj = self.subject(cue)
            return cue_span(self.table, cue), doc[i:i + 1], self.speaker_span(subj) if subj is not None else None
        # "And from the mayor:" -- no verb; the nominal after "from" speaks
        start = max(table.sent_start[i], self.para_start[i])
        # "She went on:" / "the board was conclusive in its findings:" -- a person's or organisation's clause
        # with no verb of saying introduces what follows
        # ("Trump went even further: "..."": the parser may hang that clause from the quoted sentence after it)
        verbs = [k for k in range(start, i) if table.pos[k] in ("VERB", "AUX") and self.in_quote[k] is None
                 and (table.dep[k] in ("root", "conj") or table.head[k] > i) and doc[k].lemma_ not in self.beliefs]
        subj = self.subject(doc[verbs[-1]]) if verbs else None
        if subj is not None and subj.i < verbs[-1] and not self._spaced_dash(verbs[-1], i) and (
                subj.pos_ in ("PROPN", "PRON") and subj.lower_ != "it" or subj.ent_type_ in ("PERSON", "ORG", "NORP")
                or self._introducing_clause(subj, verbs[-1])):
            return cue_span(table, doc[verbs[-1]]), doc[i:i + 1], self.speaker_span(subj)
        noun = self._possessed_speech_noun_label(start, i)  # "Her message to the government: "Listen to us.""
        if noun is not None:
            possessor = next(c for c in table.children(noun) if table.dep[c] == "nmod:poss")
            return doc[noun:noun + 1], doc[i:i + 1], self.speaker_span(doc[clause_owner(table, possessor)])
        # the parser may run the sentence before a spaced dash into the label ("... all along - More from X:")
        label_start = max((k + 1 for k in range(start, i) if table.text[k] in DASHES and self._spaced(k)
                           and doc[k].whitespace_), default=start)
        froms = [k for k in range(label_start, i) if table.lower[k] == "from" and table.dep[k] == "case"
                 and table.pos[table.head[k]] in ("NOUN", "PROPN") and label_start <= table.head[k] < i]
        if froms and not any(table.pos[k] in ("VERB", "AUX") for k in range(label_start, i)):
            mention = self.speaker_span(doc[table.head[froms[-1]]])
            return doc[i:i + 1], doc[i:i + 1], doc[max(mention.start, froms[-1] + 1, label_start):mention.end]
        # "- Pollster Ann Selzer: "..."" / "- Frank Newport and Jim Harter:" -- a name (or two) alone before the
        # colon (after a dash or bullet, if any)
        words = [k for k in range(start, i) if not table.is_space[k]]
        dash = max((n for n, k in enumerate(words) if table.text[k] in DASHES + ("•", "*")), default=-1)
        words = words[dash + 1:]
        joined = [k for k in words[1:-1] if table.pos[k] == "CCONJ" and table.lower[k] in ("and", "&")]
        names = [k for k in words if k not in joined]
        if 0 < len(names) <= 5 * (len(joined) + 1) and len(joined) <= 1 \
                and all(table.pos[k] == "PROPN" for k in (names[0], names[-1]) if joined) \
                and any(table.pos[k] == "PROPN" for k in names) \
                and _capitalised_label([doc[k] for k in names]) and _label_key(
                    table.lower[k] for k in words) not in _section_labels():
            return doc[i:i + 1], doc[i:i + 1], doc[words[0]:words[-1] + 1]
        return None

    def _possessed_speech_noun_label(self, start: int, colon: int) -> Optional[int]:
        """The noun of saying (``colon_speech_nouns.txt``) with a possessor whose phrase is all there is from
        ``start`` to the colon (``Her message to the government:``, ``The premier's response:``); ``None``."""
        table = self.table
        while start < colon and table.is_space[start]:
            start += 1
        nouns = load("colon_speech_nouns")
        for k in range(start, colon):
            if table.pos[k] == "NOUN" and table.lemma_of(k) in nouns \
                    and any(table.dep[c] == "nmod:poss" for c in table.children(k)):
                label = [j for j in table.subtree(k) if j < colon]  # (the parser may hang the quotation from it)
                if min(label) == start and len(label) == colon - start:
                    return k
        return None

    def _spaced_dash(self, start: int, end: int) -> bool:
        """Whether a dash set off by a space lies between tokens ``start`` and ``end`` (``VOTERS CARE MORE ... -
        Frank Newport:``: the name after the dash speaks; not the hyphen of ``libertarian-style``)."""
        return any(self.table.text[k] in DASHES and self.doc[k - 1].whitespace_ for k in range(start, end))

    def _introducing_clause(self, subj: Token, verb: int) -> bool:
        """Whether a clause without a verb of saying introduces the quotation after its colon though its subject is
        no name: a person's or organisation's noun (``the governor went even further:``, roles and organisations
        of the lexicons), or any subject whose verb's object is a noun of saying (``Hoff's letter makes a
        libertarian-style *case*:``, ``his supporters made the same *arguments*:``)."""
        table = self.table
        nouns = _speech_object_nouns()
        return (subj.pos_ == "NOUN" and person_like(subj)) or any(
            table.dep[c] == "obj" and table.lemma_of(c) in nouns for c in table.children(verb))

    def _skip_inline_space(self, i: int) -> int:
        """The first token from ``i`` on that is not white space within a line."""
        doc, table = self.doc, self.table
        while i < len(doc) and table.is_space[i] and "\n" not in table.text[i]:
            i += 1
        return i

    def dash_after(self, qe: int) -> Optional[tuple[Span, Span]]:
        """``"..." — Maria Lopez, city commissioner``: a dash after the quotation, then a name ending its
        paragraph; the name (up to a comma) is the speaker, the dash the cue. The dash line may also follow a
        quotation that ends its own line (a signed quotation set off in two lines, as pages print them)."""
        doc, table = self.doc, self.table
        i = self._skip_inline_space(qe)
        same_line = True
        if i < len(doc) and table.is_space[i]:  # the quotation ends its line: the signature may open the next
            i = self._skip_inline_space(i + 1)
            same_line = False
        if i >= len(doc) or table.text[i] not in DASHES or (same_line and self.para[i] != self.para[qe - 1]):
            return None
        end = i + 1
        while end < len(doc) and self.para[end] == self.para[i] and not (table.is_space[end] and "\n" in table.text[end]):
            end += 1
        words = [k for k in range(i + 1, end) if not table.is_space[k]]
        if not words or len(words) > 12 or table.pos[words[0]] != "PROPN":
            return None
        name_end = next((k for k in words if table.text[k] == ","), words[-1] + 1)
        if any(table.pos[k] in ("VERB", "AUX") for k in words):
            return None
        s, e = _trim(table, words[0], name_end, keep_quotes=False)
        return (doc[i:i + 1], doc[s:e]) if e > s else None

    def headline_colon(self) -> list[Attribution]:
        """``Trump: My immigration plans aren't ...`` / ``LOPEZ: Well, ...`` / ``Poll: Voters sour on ...`` -- a
        paragraph opening with a short name (or capitalised words, as headlines write a source the tagger takes for
        a common noun) and a colon: the name is the speaker, the colon the cue, the rest of the paragraph the
        content (with a verb, or a verbless claim: :meth:`_verbless_headline_claim`)."""
        doc, table = self.doc, self.table
        out = []
        n = len(doc)
        starts = sorted(set(self.para_start))
        for start in starts:
            while start < n and table.is_space[start]:
                start += 1
            first = [i for i in range(start, min(start + 7, n)) if not table.is_space[i]]
            colon = next((k for k, i in enumerate(first) if table.text[i] == ":"), None)
            if not colon:
                continue
            head = [doc[i] for i in first]
            before = head[:colon]
            while len(before) > 1 and before[0].text in DASHES + ("•", "*"):
                before = before[1:]  # "- Pollster Jane Ruiz: ...": a bulleted item
            interview = len(before) == 1 and before[0].text in ("Q", "A")  # "Q:" / "A:" turns of a transcript
            if not interview and not (any(b.pos_ == "PROPN" or (b.is_upper and len(b) > 1) for b in before)
                                      or _capitalised_label(before)):
                continue
            if any(b.pos_ in ("VERB", "AUX") for b in before) or self.in_quote[before[0].i] is not None:
                continue
            if _label_key(b.lower_ for b in before) in _section_labels():
                continue  # "MARKETS: Stocks fell ...": a section label, not a speaker
            s, e = _trim(table, head[colon].i + 1, self.analysis.para_end[head[colon].i])
            if e - s < 3 or not (any(t.pos_ in ("VERB", "AUX") for t in doc[s:e])
                                 or (not interview and self._verbless_headline_claim(s, e))):
                continue
            kind = "direct" if all(self.in_quote[i] is not None for i in range(s, e) if doc[i].is_alpha) else "indirect"
            out.append(Attribution(kind, doc[s:e], doc[head[colon].i:head[colon].i + 1],
                                   doc[before[0].i:before[-1].i + 1], "headline_colon", 0.5))
        return out

    def colon_statements(self, atts: list[Attribution]) -> list[Attribution]:
        """``Hannity interjected: So you're saying ...`` / ``Their argument: Only a Democratic Senate can ...`` /
        ``sent Mr. Trump an unmistakable message: He is hurting the party`` -- a speech verb, or a noun of saying
        (``colon_speech_nouns.txt``), right before a colon announces the clause after it, to the end of its
        sentence (the next paragraph when the colon ends one), when no other attribution has taken those words.
        Quotations after a colon are :meth:`colon_before`'s."""
        table, doc = self.table, self.doc
        colons = numpy.flatnonzero(table.column("ORTH") == _COLON).tolist()
        if not colons:
            return []
        nouns, n = load("colon_speech_nouns"), len(doc)
        taken = [(p.start, p.end) for att in atts for p in att.pieces()]
        out = []
        for i in colons:
            word = i - 1
            if word < 0 or i + 1 >= n or self.in_quote[word] is not None or self.in_quote[i] is not None:
                continue
            verb = self.speech_verb_at(word)
            if not (verb or table.pos[word] == "NOUN" and table.lemma_of(word) in nouns):
                continue
            start = i + 1
            while start < n and table.is_space[start]:
                start += 1
            if start >= n or self.para[start] - self.para[i] > 1 or self.in_quote[start] is not None:
                continue
            s, e = _trim(table, start, min(table.sent_end[start], self.analysis.para_end[start]))
            if _words(table, s, e) < 3 or not any(table.pos[k] in ("VERB", "AUX") for k in range(s, e)) \
                    or any(a < e and s < b for a, b in taken):
                continue
            cue = doc[word]
            if verb:
                if non_speech_cue(cue) or cue.lemma_ in self.beliefs:
                    continue
                subj = self.subject(cue)
            else:
                subj = next((c for c in cue.children if c.dep_ == "nmod:poss"), None) or (
                    self.subject(cue.head) if cue.dep_ in ("obj", "iobj") else None)
            speaker = self.speaker_span(subj) if subj is not None else None
            out.append(Attribution("indirect", doc[s:e], cue_span(table, cue) if verb else doc[word:i], speaker,
                                   "speech_colon", 0.5))
            taken.append((s, e))
        return out

    def _verbless_headline_claim(self, start: int, end: int) -> bool:
        """Whether the verbless rest of a ``NAME:`` paragraph reads as what NAME said (``Lynch: No outside influence
        on FBI probe``, ``Clinton: Time for 'intensification' of ISIL strategy``, ``Reid: 'Never, ever ...'``), not
        a title or a list (``Breitbart News Daily: A World at War``, ``Iowa: Tim Albrecht, Brad Anderson, ...``):
        a quotation, or at least four words, no article first, fewer than three commas."""
        table = self.table
        words = [i for i in range(start, end) if table.is_alpha[i]]
        if words and all(self.in_quote[i] is not None for i in words):
            return True
        return len(words) >= 4 and table.lower[words[0]] not in _ARTICLES and sum(
            1 for i in range(start, end) if table.text[i] == ",") < 3

    def headline_verbs(self, atts: list[Attribution]) -> list[Attribution]:
        """``Hillary Clinton Slams Donald Trump On Abortion`` / ``Jeb Bush Super PAC Chief Praises ...`` -- a
        title-case paragraph (a headline), where the tagger takes a capitalised verb of saying for a proper noun
        and the parse has no speech frame: the capitalised words before the verb (after a comma, colon or dash;
        without "Just", "Now", "Will" ...) speak, the rest of the headline up to a full stop or dash is what they
        said. A verb another rule already reads is left to it."""
        doc, table = self.doc, self.table
        taken = {i for a in atts if a.cue is not None for i in range(a.cue.start, a.cue.end)}
        out = []
        n = len(doc)
        starts = sorted(set(self.para_start))
        for start, end in zip(starts, starts[1:] + [n]):  # (a paragraph's tokens are contiguous)
            if not 3 <= sum(table.is_alpha[start:end]) <= HEADLINE_WORDS:
                continue  # (counted without listing the words of every long paragraph)
            words = [i for i in range(start, end) if table.is_alpha[i]]
            content_words = [i for i in words if not table.is_stop[i] or table.is_title[i]]
            if sum(1 for i in content_words if table.is_title[i] or table.is_upper[i]) < 0.9 * len(content_words):
                continue
            for cue in words[1:]:
                if cue in taken or self.in_quote[cue] is not None or not table.is_title[cue]:
                    continue
                lemmas = lemma_candidates(table.text[cue])
                if not lemmas & self.speech or lemmas & self.beliefs or table.lower[cue] in self.speech:
                    continue  # an inflected verb ("Slams", "Questioned"), not a noun ("Email", "Post", "Claim")
                s, e = self._headline_speaker(start, cue)
                if e <= s and s > start and table.text[s - 1] == ",":  # "Clinton Says ..., Calls ...": the first verb's speaker
                    earlier = [i for i in words if i < cue and (i in taken or lemma_candidates(table.text[i])
                                                                 & self.speech)]
                    s, e = self._headline_speaker(start, earlier[0]) if earlier else (s, e)
                close = cue + 1
                while close < end and not (table.text[close] in HEADLINE_ENDS and self._spaced(close)):
                    close += 1
                cs, ce = _trim(table, cue + 1, close)
                if not 0 < sum(1 for i in range(s, e) if table.is_alpha[i]) <= HEADLINE_SPEAKER_WORDS or ce <= cs \
                        or not any(table.is_alpha[i] for i in range(cs, ce)):
                    continue
                out.append(Attribution("indirect", doc[cs:ce], doc[cue:cue + 1], doc[s:e], "headline_verb", 0.5))
                break
        return out

    def bare_refusals(self, atts: list[Attribution]) -> list[Attribution]:
        """``The company declined to comment.`` / ``A spokesman refused to respond.``: a verb of the refusal class
        (``speech_acts.json``) whose infinitive is a verb of saying that reports nothing (no object, clause or
        oblique of its own) is a refusal to speak; the refusal verb is the cue, the infinitive ("to comment") the
        content, as PolNeAR annotates them (all 21 bare "declined to comment" of its train split). A refusal with
        a report ("declined to say whether ...", "declined to comment on the case") is the other rules'."""
        doc, table = self.doc, self.table
        taken = {i for a in atts if a.cue is not None for i in range(a.cue.start, a.cue.end)}
        refusing = _string_ids(_refusal_lemmas())
        out = []
        for cue in range(table.n):
            if table.pos[cue] != "VERB" or table.lemma_id[cue] not in refusing or cue in taken \
                    or self.in_quote[cue] is not None:
                continue
            for said in table.children(cue):
                if table.dep[said] != "xcomp" or said in taken or not self.speech_verb_at(said) \
                        or any(table.dep[c] in _REPORTING_DEPS and table.ent_type[c] not in _WHEN_ENTITIES
                               and not self._to_whom_or_how(said, c) for c in table.children(said)):
                    continue  # (when, to whom or how it refused to speak is no report: "declined to comment on
                    # Friday", "refused to speak to reporters", "declined to speak on the record")
                to = [c for c in table.children(said) if c < said and table.dep[c] == "mark"]
                subj = self.subject(doc[cue])
                speaker = self.speaker_span(subj) if subj is not None else None
                end = max([said] + [max(table.subtree(c)) for c in table.children(said) if c > said
                                    and table.ent_type[c] not in _WHEN_ENTITIES and self._to_whom_or_how(said, c)]) + 1
                # ("to speak on the record"; not "on Friday")
                out.append(Attribution("indirect", doc[to[0] if to else said:end], cue_span(table, doc[cue]),
                                       speaker, "bare_refusal", 0.5))
                break
        return out

    def closing_tags(self, atts: list[Attribution]) -> list[Attribution]:
        """``As Trump prepared to speak, a girl was pepper-sprayed by a bystander, police said.`` / ``Those who take
        on debt struggle, even with a "good" job, he said.``: a sentence closing on a comma, a subject and a verb of
        saying that reports nothing of its own (only a time, place or manner after it) reports the words before the
        comma, which the parser hung from it as a modifier (no complement clause); when the segmenter made the tag a
        sentence of its own, the sentence before it in the paragraph."""
        doc, table = self.doc, self.table
        taken = {i for a in atts if a.cue is not None for i in range(a.cue.start, a.cue.end)}
        used = {i for a in atts for p in a.pieces() for i in range(p.start, p.end)}
        out = []
        for cue in range(table.n):
            if cue in taken or not self.speech_verb_at(cue) or self.in_quote[cue] is not None \
                    or table.lemma_of(cue) in self.beliefs:
                continue
            comma = self._tag_comma(cue)
            if comma < 0:
                continue
            start = self.sentence_start(cue)
            own_sentence = start >= comma
            if own_sentence:  # ", he said." as a sentence of its own: the sentence before it
                if comma == self.para_start[comma] or start != comma:
                    continue
                start = self.sentence_start(comma - 1)
            s, e = _trim(table, start, comma)
            if e <= s or used & set(range(s, e)) or not (own_sentence or self._main_clause_in(s, e)):
                continue  # ("Courted by most candidates, Adelson said", "As the president spoke, Trump said")
            subj = self.subject(doc[cue])
            att = self.statement_record([(s, e)], cue_span(table, doc[cue]), self.speaker_span(subj), "closing_tag",
                                        0.6)
            if att is not None:
                out.append(att)
        return out

    def _main_clause_in(self, start: int, end: int) -> bool:
        """Whether ``doc[start:end]`` holds a clause of its own: a verb with its subject, neither subordinate (no
        marker such as "as" or "when") nor a modifier of a noun (relative or participle clause)."""
        table = self.table
        for i in range(start, end):
            if table.dep[i] in ("nsubj", "nsubj:pass", "expl") and start <= table.head[i] < end:
                verb = table.head[i]
                if table.dep[verb] not in ("acl", "acl:relcl", "csubj") and not any(
                        table.dep[c] == "mark" for c in table.children(verb)):
                    return True
        return False

    def _tag_comma(self, cue: int) -> int:
        """The comma before a closing tag ``, SUBJECT VERB [time, place or manner].`` whose verb is ``cue``: its
        subject's phrase right after the comma, nothing but obliques and adverbs after the verb to the end of the
        sentence; ``-1`` when ``cue`` closes no sentence that way."""
        table = self.table
        subjects = [c for c in table.children(cue) if table.dep[c] in ("nsubj", "nsubj:pass")]
        if len(subjects) != 1 or subjects[0] > cue:
            return -1
        phrase = table.subtree(subjects[0])
        first = min(phrase)
        if max(phrase) != cue - 1 or len(phrase) != cue - first or first == 0 or table.text[first - 1] != ",":
            return -1
        if any(c > cue and table.dep[c] not in _TAG_TAIL_DEPS for c in table.children(cue)) \
                or any(c < first - 1 and table.dep[c] not in ("punct", "advcl", "dep", "obl", "advmod", "nsubj:pass")
                       for c in table.children(cue)):
            return -1
        end = max(table.subtree(cue))
        while end >= 0 and table.is_space[end]:
            end -= 1
        if table.text[end] not in (".", "!", "?") or self.para[end] != self.para[cue]:
            return -1
        return first - 1

    def _to_whom_or_how(self, verb: int, oblique: int) -> bool:
        """Whether an oblique of ``verb`` says to whom, where or on what terms it spoke (``non_content_obliques.txt``:
        "speak to reporters", "speak on the record"), not what about."""
        table = self.table
        if table.dep[oblique] != "obl":
            return False
        case = next((table.lower[c] for c in table.children(oblique) if table.dep[c] == "case"), "")
        return non_content_preposition(self.doc[verb], case)

    def noun_tagged_verbs(self, atts: list[Attribution]) -> list[Attribution]:
        """``The Sanders campaign projects that ...`` / ``The ad slams Kasich for ...``: the tagger takes a
        sentence's verb of saying in the third person for a plural noun, the root of the sentence, and its subject
        for that noun's compound. Such a root (an inflected form of a speech verb, not the verb's own spelling,
        with a compound before it) is the cue: the words before it in the sentence speak, the words after it up
        to the sentence's end (or a conjunction after a comma or semicolon that opens another clause) are what
        they said. A word another rule already reads is left to it."""
        doc, table = self.doc, self.table
        taken = {i for a in atts if a.cue is not None for i in range(a.cue.start, a.cue.end)}
        out = []
        for cue in range(table.n):
            if table.pos[cue] != "NOUN" or table.dep[cue] != "root" or cue in taken or self.in_quote[cue] is not None:
                continue
            word = table.lower[cue]
            lemmas = lemma_candidates(word)
            if not word.endswith("s") or word in self.speech or not lemmas & self.speech or lemmas & self.beliefs:
                continue
            left = [c for c in table.children(cue) if c < cue]
            if not any(table.dep[c] == "compound" for c in left):
                continue
            first = max(table.sent_start[cue], self.para_start[cue])
            s, e = _trim(table, max(first, min(left)), cue, keep_quotes=False)
            close = cue + 1
            last = min(table.sent_end[cue], self.analysis.para_end[cue])
            while close < last and not (table.text[close] in (",", ";") and close + 1 < last
                                        and table.dep[close + 1] == "cc"):
                close += 1
            cs, ce = _trim(table, cue + 1, close)
            if e <= s or ce <= cs or not _has_word(table, cs, ce):
                continue
            out.append(Attribution("indirect", doc[cs:ce], doc[cue:cue + 1], doc[s:e], "noun_tagged_verb", 0.5))
        return out

    def _spaced(self, i: int) -> bool:
        """Whether token ``i`` is a mark of its own, not a hyphen inside a word ("Anti-Donald")."""
        doc = self.doc
        return doc[i].text not in DASHES or i == 0 or bool(doc[i - 1].whitespace_)

    def _headline_speaker(self, start: int, cue: int) -> tuple[int, int]:
        """Token range of the words before a headline's verb of saying, back to a comma, colon or dash, without
        the adverbs and auxiliaries before the verb; empty when there are none."""
        table = self.table
        first = cue
        while first > start and not (table.text[first - 1] in HEADLINE_BREAKS and self._spaced(first - 1)):
            first -= 1
        last = cue
        while last > first and table.lower[last - 1] in HEADLINE_ADVERBS:
            last -= 1
        s, e = _trim(table, first, last, keep_quotes=False)
        return (s, e) if e > s else (first, first)

    # ---- the three steps -------------------------------------------------------------------------------------
    def run(self) -> list[Attribution]:
        atts = self.pattern_candidates()
        atts = self.quotation_fallbacks(atts)
        atts.extend(self.headline_verbs(atts))
        atts.extend(self.noun_tagged_verbs(atts))
        atts.extend(self.headline_colon())
        atts.extend(self.colon_statements(atts))
        atts.extend(self.bare_refusals(atts))
        atts.extend(self.closing_tags(atts))
        return self.finish(atts)

    def matches(self) -> list[PatternMatch]:
        """Every match of the speech patterns, rule by rule in the order of the pattern files."""
        doc, strings = self.doc, self.doc.vocab.strings
        table = rules()
        order = {key: n for n, key in enumerate(table)}
        found = match(doc, self.table)
        found.sort(key=lambda m: order[strings[m[0]]])
        out = []
        per_rule: dict[int, tuple] = {}  # (a rule's node names, confidence and handler, read once per document)
        for match_id, token_ids in found:
            known = per_rule.get(match_id)
            if known is None:
                key = strings[match_id]
                rule = table[key]
                known = per_rule[match_id] = (key, [node["RIGHT_ID"] for node in rule["pattern"]],
                                              rule["confidence"], handler_of(key))
            key, names, confidence, handler = known
            a = dict(zip(names, token_ids))  # (Tokens made only for the three nodes a handler reads)
            speaker = a.get("speaker")
            out.append(PatternMatch(key, confidence, handler, doc[a["cue"]], doc[a["content"]],
                                    None if speaker is None else doc[speaker]))
        return out

    def pattern_candidates(self) -> list[Attribution]:
        """Step 1: one attribution per cue word, from the first match whose content handler accepts it; its
        content is widened to the quotations it touches and kept off its own cue and speaker."""
        found: dict[int, Attribution] = {}  # keyed by cue token
        for m in self.matches():
            if self.in_quote[m.cue.i] is not None:
                continue  # a quotation inside a quotation
            if m.cue.i in found:
                continue
            if non_speech_cue(m.cue):
                continue
            statement = m.handler(self, m)
            if statement is None:
                continue
            cue, speaker, ranges = statement
            if names_without_saying(m.cue):
                continue
            att = self.statement_record(ranges, cue, speaker, m.rule, m.confidence)
            if att is not None:
                found[m.cue.i] = att
        return list(found.values())

    def statement_record(self, ranges: Iterable[tuple[int, int]], cue: Span, speaker: Optional[Span], rule: str,
                         confidence: float) -> Optional[Attribution]:
        """The attribution of content pieces ``ranges``: each widened to the quotations it touches and kept off
        the cue and speaker; several pieces make one record with ``content_parts``."""
        kinds, widened = set(), []
        for start, end in ranges:
            s, e, kind = self.widen(start, end, cue, speaker)
            kinds.add(kind)
            widened.append((s, e))
        parts = self._avoid_parts(_joined(self.table, widened), cue, speaker)
        if not parts:
            return None
        kind = kinds.pop() if len(kinds) == 1 else "mixed"
        return self.record(kind, parts, cue, speaker, rule, confidence)

    def record(self, kind: str, parts: list[tuple[int, int]], cue: Optional[Span], speaker: Optional[Span],
               rule: str, confidence: float) -> Attribution:
        """An :class:`Attribution` whose content has the token ranges ``parts`` (text order)."""
        doc = self.doc
        start = self.after_dateline(parts[0][0], parts[0][1])
        if start != parts[0][0]:
            parts = [(start, parts[0][1])] + list(parts[1:])
        content = doc[parts[0][0]:parts[-1][1]]
        pieces = tuple(doc[s:e] for s, e in parts) if len(parts) > 1 else ()
        return Attribution(kind, content, cue, speaker, rule, confidence, pieces)

    def quotation_fallbacks(self, atts: list[Attribution]) -> list[Attribution]:
        """Step 2: ``atts`` and an attribution for each quotation none of them covers: the nearest speech verb of
        its sentence, an ``X said:`` colon before it, the statement it continues, a bare speech verb ending the
        sentence before it, or (a quote-only paragraph) the speaker of the attribution before it ("floating"
        quote)."""
        doc, table = self.doc, self.table
        atts = list(atts)
        covered = {self.in_quote[i] for att in atts for i in range(att.content.start, att.content.end)} - {None}
        for qi, (qs, qe) in enumerate(self.quotes):
            if qi in covered:
                continue
            inner = [i for i in range(qs, qe) if table.is_alpha[i] or table.like_num[i]]
            if not inner:
                continue
            if (len(inner) < 3 or self._title_like(inner)) and not (self._tagged_quotation(qs, qe)
                                                                    or self._uttered_after_cue(qs, qe)
                                                                    or self._short_continuation(qs, qe, atts)
                                                                    or self._quoted_paragraph(qs, qe)):
                continue  # a title or a scare-quoted word, unless a speech tag follows it ('"Not yet," he said')
            cue_tok = self.nearest_cue(qs, qe)
            if cue_tok is not None:
                subj = self.subject(cue_tok)
                speaker = self.speaker_span(subj) if subj is not None else None
                if speaker is not None and speaker.start == cue_tok.i < speaker.end - 1:
                    speaker = doc[cue_tok.i + 1:speaker.end]  # 'Said Chow: "..."': "Said" parsed into the name
                start = self.reported_lead(cue_tok, qs, speaker)
                end = self.reported_tail(cue_tok, qs, qe) if start < qs else qe
                kind = "direct" if start == qs and end == qe else "mixed"
                atts.append(Attribution(kind, doc[start:end], cue_span(table, cue_tok), speaker, "quote_cue", 0.7))
                continue
            tag = self.noun_tagged_tag(qe)
            if tag is not None:
                cue, speaker = tag
                atts.append(Attribution("direct", doc[qs:qe], cue, speaker, "quote_cue", 0.7))
                continue
            colon = self.colon_before(qs)
            if colon is not None:
                cue, _, speaker = colon
                atts.append(Attribution("direct", doc[qs:qe], cue, speaker, "quote_colon", 0.7))
                continue
            dash = self.dash_after(qe)
            if dash is not None:
                cue, speaker = dash
                atts.append(Attribution("direct", doc[qs:qe], cue, speaker, "quote_dash", 0.6))
                continue
            cont = self.continued(qs, atts)
            if cont is not None:
                atts.append(Attribution("direct", doc[qs:qe], cont.cue, cont.speaker, "quote_continued", 0.6))
                continue
            before = self.bare_cue_before(qs, atts)
            if before is not None:
                cue, speaker = before
                atts.append(Attribution("direct", doc[qs:qe], cue, speaker, "quote_after_cue", 0.6))
                continue
            if self._opens_paragraph(qs) and (len(inner) >= 4 or self._quoted_paragraph(qs, qe)):
                prev = sorted((x for x in atts if x.content.end <= qs and x.speaker is not None),
                              key=lambda x: x.content.end)
                if prev and self._paragraphs_between(prev[-1].content.end, qs) <= 2:
                    p = prev[-1]
                    atts.append(Attribution("direct", doc[qs:qe], p.cue, p.speaker, "floating", 0.5))
        return atts

    def _title_like(self, inner: list[int]) -> bool:
        """Whether the words of a quotation read as a title ("Back to the Future", "Make America Great Again"):
        each capitalised or a small word titles leave in lower case (``title_small_words.txt``). A statement has
        other lower-case words ("Thank you, and may The Force be with you")."""
        table, small = self.table, load("title_small_words")
        return all(table.is_title[i] or table.lower[i] in small for i in inner if table.is_alpha[i])

    def _uttered_after_cue(self, qs: int, qe: int) -> bool:
        """Whether a quotation ends with its own full stop, question or exclamation mark right after a speech verb
        (a comma or colon between): ``she said, "No."``, ``then asked, "Really?"``, ``a man yelled "Stay there!"``,
        a statement however short (a title or a scare-quoted word has no mark of its own before the closing one)."""
        table = self.table
        if qe - qs < 3 or table.text[qe - 2] not in (".", "!", "?"):
            return False
        before = qs - 1
        while before >= 0 and (table.is_space[before] or table.text[before] in (",", ":")):
            before -= 1
        return before >= 0 and self.speech_verb_at(before) and self.in_quote[before] is None and not non_speech_cue(self.doc[before])

    def _quoted_paragraph(self, qs: int, qe: int) -> bool:
        """Whether a quotation is a whole paragraph ending with its own full stop, question or exclamation mark
        (``"Never again."`` on a line of its own): a statement however short, never a title or a scare quote."""
        table = self.table
        return qe - qs >= 3 and table.text[qe - 2] in (".", "!", "?") and self._opens_paragraph(qs) \
            and (qe >= table.n or (table.is_space[qe] and "\n" in table.text[qe])
                 or self.analysis.para_end[qs] <= qe)

    def _short_continuation(self, qs: int, qe: int, atts: list[Attribution]) -> bool:
        """Whether a short quotation is a sentence of its own (it opens a sentence and ends with its own full stop,
        question or exclamation mark) going on with the tagged quotation before it: ``"Rent has gone up $400,"
        the mother of two said. "Wages haven't."`` (:meth:`continued`)."""
        table = self.table
        return qe - qs >= 3 and table.text[qe - 2] in (".", "!", "?") and self.sentence_start(qs) == qs \
            and self.continued(qs, atts) is not None

    def _tagged_quotation(self, qs: int, qe: int) -> bool:
        """Whether a quotation ends with a comma, question or exclamation mark and a speech verb follows within a
        few words of its sentence and paragraph (``"Absolutely not," he said``: a statement however short), or
        the subject of one does (``"It's heartbreaking," Maria Santos, who has waited six years, told CTV``)."""
        table, n = self.table, len(self.table.text)
        if qe - qs < 3 or table.text[qe - 2] not in (",", "!", "?"):
            return False
        for i in range(qe, min(qe + 6, n)):
            if self.para[i] != self.para[qs] or table.text[i] in (".", "!", "?", ":", ";") or table.text[i] in MARKS:
                return False
            if self.speech_verb_at(i):
                return True
            head = table.head[i]
            if table.dep[i] == "nsubj" and head > i and self.speech_verb_at(head) and self.para[head] == self.para[qs] \
                    and not any(table.text[k] in MARKS for k in range(i, head)):
                return True
        return False

    def continued(self, qs: int, atts: list[Attribution]) -> Optional[Attribution]:
        """The attribution of the sentence before, in the same paragraph, when it reports a quotation
        (``"A," Trump told Yahoo. "B."``: B goes on with A)."""
        sent_start = self.table.sent_start
        start = max(sent_start[qs], self.para_start[qs])
        if start == self.para_start[qs] or qs - start > 1:
            return None
        prev_start = self.sentence_start(start - 1)
        cands = [a for a in atts if a.kind != "indirect" and a.cue is not None and a.rule != "floating"
                 and (prev_start <= a.cue.start < start or prev_start < a.content.end <= start + 1)]
        if cands:  # '"A," she told the AP after hinting that "changes" could come. "B."': B goes on with A
            return next((a for a in reversed(cands) if a.kind == "direct"), cands[-1])
        # "X says A. "B."": an indirect statement ending the sentence before, the only one there, goes on in B
        table = self.table
        ends = [a for a in atts if a.cue is not None and a.rule in _CLAUSE_RULES and a.cue.start < a.content.start
                and prev_start <= a.cue.start < start]
        if len(ends) == 1 and all(table.is_punct[i] or table.is_space[i] for i in range(ends[0].content.end, start)):
            return ends[0]
        return None

    def sentence_start(self, i: int) -> int:
        """Where the sentence of token ``i`` starts, in its paragraph, the parser's sentence breaks at an
        abbreviated title's full stop undone (``"A," said Const. Dani McKinnon. "B."``: one sentence before B)."""
        table, para_start = self.table, self.para_start
        start = max(table.sent_start[i], para_start[i])
        while start >= 2 and start > para_start[i] and title_stop(table, start - 1):
            start = max(table.sent_start[start - 1], para_start[i])
        return start

    def bare_cue_before(self, qs: int, atts: list[Attribution]) -> Optional[tuple[Span, Optional[Span]]]:
        """``Sam Lau said in a statement. "There are no ballots to recount."`` / ``Dianne Bystrom agreed. "..."``:
        the sentence just before a quotation that opens a sentence, in its paragraph, ends with a speech verb that
        reports nothing of its own (no clause, object or quotation; an addressee, a time or a manner may follow
        it) and has a subject: the quotation is what it says. Its cue and speaker mention."""
        table, doc, para = self.table, self.doc, self.para
        start = max(table.sent_start[qs], self.para_start[qs])
        if any(not (table.is_space[i] or table.is_punct[i]) for i in range(start, qs)) or start == self.para_start[qs]:
            return None
        end = start - 1
        while end >= 0 and (table.is_space[end] or table.is_punct[end]):
            if "\n" in table.text[end] or self.in_quote[end] is not None or table.text[end] in MARKS:
                return None
            end -= 1
        if end < 0 or table.text[end + 1] not in (".", ":") or para[end] != para[qs]:
            return None
        first = max(table.sent_start[end], self.para_start[end])
        verbs = [k for k in range(first, end + 1) if self.speech_verb_at(k) and self.in_quote[k] is None and table.lemma_of(k) not in self.beliefs]
        if not verbs:
            return None
        cue = doc[verbs[-1]]
        if cue.right_edge.i < end or any(a.cue is not None and a.cue.start <= cue.i < a.cue.end for a in atts):
            return None  # words after the verb's phrase, or a cue that already reports something
        if any(c.i > cue.i and (c.dep_ in ("ccomp", "parataxis", "xcomp", "advcl", "csubj") or (
                c.dep_ == "obj" and cue.lemma_ not in self.addressee)) for c in cue.children):
            return None
        subj = self.subject(cue)
        if subj is None or subj.i > cue.i + 4:
            return None
        return cue_span(table, cue), self.speaker_span(subj)

    def _opens_paragraph(self, qs: int) -> bool:
        i = qs - 1
        return i < 0 or "\n" in self.table.text[i]

    def _paragraphs_between(self, a: int, b: int) -> int:
        table = self.table
        return sum(1 for i in range(a, b) if table.is_space[i] and "\n" in table.text[i])

    def after_dateline(self, start: int, end: int) -> int:
        """Where a content starting a paragraph with a dateline (``WASHINGTON (AP) --``, ``LONDON, May 3
        (Reuters) -``) really starts: after the dash; ``start`` itself otherwise."""
        table = self.table
        if start != self.para_start[start] and not (start > 0 and table.is_space[start - 1]
                                                    and "\n" in table.text[start - 1]) and start != 0:
            return start
        i, words = start, 0
        while i < min(end, start + 12):
            t = table.text[i]
            if t in DASHES:
                if words and i + 1 < end:
                    j = i + 1
                    while j < end and table.is_space[j]:
                        j += 1
                    return j if _has_word(table, j, end) else start
                return start
            if table.is_upper[i] or t in ("(", ")", ",") or table.like_num[i] or table.is_title[i] or t == ".":
                words += table.is_upper[i] and table.is_alpha[i] and len(t) > 1
                i += 1
                continue
            return start
        return start

    def _avoid_parts(self, ranges: Iterable[tuple[int, int]], cue: Optional[Span],
                     speaker: Optional[Span]) -> list[tuple[int, int]]:
        """The pieces of ``ranges`` off the cue and the speaker, trimmed, each with a word (text order)."""
        blocked = set()
        for span in (cue, speaker):
            if span is not None:
                blocked |= set(range(span.start, span.end))
        idx = {i for s, e in ranges for i in range(s, e)} - blocked
        return _joined(self.table, _word_pieces(self.table, idx))

    def _avoid(self, s, e, cue: Span, speaker: Optional[Span]):
        blocked = set(range(cue.start, cue.end))
        if speaker is not None:
            blocked |= set(range(speaker.start, speaker.end))
        idx = set(range(s, e)) - blocked
        if not idx:
            return None, None
        if len(idx) == e - s:
            return s, e
        rng = _largest(self.table, idx)
        return (None, None) if rng is None else rng

    def finish(self, atts: list[Attribution]) -> list[Attribution]:
        """Step 3: boilerplate dropped, each content kept off its own cue and speaker, one record per content
        span and per statement (interrupted quotes merged), reports inside an "according to" content dropped."""
        mask = boilerplate_mask(self.analysis)
        out = []
        seen = set()
        for att in sorted(atts, key=lambda x: (x.content.start, -x.confidence)):
            if (mask[att.content.start] or (att.cue is not None and mask[att.cue.start]
                                            and att.rule not in SIGNATURE_RULES)) \
                    and att.rule not in HEADLINE_RULES:
                continue  # (a headline often has no finite verb: "Report: Walker to speak at convention")
            if att.speaker is None and att.cue is not None and _imperative(att.cue.root):
                continue  # "Ask your doctor whether ...": an instruction to the reader, not a report
            if att.cue is not None:  # a content never overlaps its own speaker or cue
                ranges = [(p.start, p.end) for p in att.pieces()]
                parts = self._avoid_parts(ranges, att.cue, att.speaker)
                if not parts:
                    continue
                if parts != ranges:
                    att = self.record(att.kind, parts, att.cue, att.speaker, att.rule, att.confidence)
            key = (att.content.start, att.content.end)
            if key in seen:
                continue
            seen.add(key)
            out.append(att)
        out = _merge_interrupted(self, out)
        out = _drop_frames_inside_clause_reports(_drop_reported_inside_according_to(_relayed(self, out)))
        return [self.with_via(a) for a in out]

    def with_via(self, att: Attribution) -> Attribution:
        """``said in a statement`` / ``said in a court filing``: the document that relays the statement is its
        ``via`` (a relay noun of ``patterns/relay_nouns.txt`` in an oblique of the cue)."""
        if att.via is not None or att.cue is None:
            return att
        table, relays = self.table, _relay_nouns()
        cue = att.cue.root.i
        for child in table.children(cue):
            case = [table.lower[c] for c in table.children(child) if table.dep[c] == "case"]
            if table.dep[child] == "obl" and table.lemma_of(child) in relays and case and case[0] in _RELAY_CASES \
                    and not (att.content.start <= child < att.content.end):
                doc = self.doc
                words = set(table.subtree(child))
                for sub in table.children(child):  # "a court filing (on Friday)": no times
                    if sub > child and (any(doc[i].ent_type_ in ("DATE", "TIME") for i in table.subtree(sub))
                                        or table.dep[sub].endswith(("tmod", "npmod")) or any(
                                table.lower[c] in ("after", "before", "during", "at", "on") for c in table.children(sub)
                                if table.dep[c] == "case")):
                        words -= table.subtree(sub)
                if att.speaker is not None and att.speaker.start in words:  # "In an email to CBC News, a
                    words = {i for i in words if i < att.speaker.start}  # spokesperson said" parsed as apposition
                words = sorted(i for i in words if not (table.dep[i] == "case" and table.head[i] == child))
                s, e = _trim(table, words[0], words[-1] + 1, keep_quotes=False)
                if e > s:
                    return replace(att, via=self.doc[s:e])
        return att


# ---- content handlers: what each kind of pattern reports ---------------------------------------------------
# A pattern names its handler (``"handler"`` in ``patterns/*.jsonl``); a new pattern reusing a handler is data only.


def _speech_frame(f: _Finder, m: PatternMatch) -> Optional[tuple[Span, Optional[Token], Optional[Span]]]:
    """A cue word's frame: its span, the speaker token (the pattern's, else the cue's subject in its paragraph) and
    mention; ``None`` for a verb of belief ("thinks", "believes": an opinion held, not a statement made)."""
    if m.cue.lemma_ in f.beliefs:
        return None
    tok = m.speaker or f.subject(m.cue)
    if tok is not None and tok.dep_ == "nmod:poss":  # "Trump is keeping up his criticism": Trump
        tok = tok.doc[clause_owner(f.table, tok.i)]
    return cue_span(f.table, m.cue), tok, f.speaker_span(tok) if tok is not None else None


def _reported(f: _Finder, m: PatternMatch, frame: tuple[Span, Optional[Token], Optional[Span]],
              idx: Iterable[int]) -> Optional[Statement]:
    """The statement of a speech frame whose content tokens are ``idx``: kept to the cue's paragraph, without the
    speaker's phrase and the cue, as their contiguous pieces (``"A," he said, "B"``: two). A speaker the cue hangs
    from (``disclaimers urging calm``, ``at one point calling him a liar``: the cue is its ``acl``) loses only its
    mention, not its subtree, which holds the cue and the content."""
    cue, speaker_tok, speaker = frame
    anchor = f.para[m.cue.i]
    idx = {i for i in idx if f.para[i] == anchor}
    idx |= f.continuation(m.cue.i, idx)
    if speaker_tok is not None:
        below = f.subtree(speaker_tok)
        idx -= set(range(speaker.start, speaker.end)) if m.cue.i in below else below
    idx.discard(m.cue.i)
    idx = f.after_lead_in(m.cue.i, f.cue_sentence(m.cue.i, idx))
    pieces = _word_pieces(f.table, idx)
    return Statement(cue, speaker, tuple(pieces)) if pieces else None


def clause_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """"said (that) X", "X, she said" parsed as the verb's ``ccomp``/``parataxis``: the clause, with the clauses
    coordinated with it that the parser hangs from the cue ("predicted that A, but that B"). A clause before the
    cue, outside quotations, is not the report when the cue has a clause after it too: the parser hangs the
    sentence before from the cue ("Smith has hit back: He said he ...", "A majority say A; 20 percent say B"),
    and the later clause is what was said (pattern_candidates then takes the later match)."""
    frame = _speech_frame(f, m)
    if frame is None or _earlier_of_two_clauses(f, m):
        return None
    idx = set(f.clause(m.cue, m.content))
    for clause in f.coordinated_reports(m.cue, m.content):
        idx |= f.clause(m.cue, clause)
    if _one_bare_word(f, idx):
        return None  # "Hillary Clinton Says Trump's Bigotry Doesn't ...": the parser's clause of one word is a misparse
    return _reported(f, m, frame, idx)


def _one_bare_word(f: _Finder, idx) -> bool:
    """Whether the token indices hold at most one word (and clitics) outside quotation marks: no clause the parser
    finds under a speech verb is that short unless quoted ("said 'No.'")."""
    words = [i for i in idx if f.table.text[i][:1].isalnum()]
    return len(words) < 2 and all(f.in_quote[i] is None for i in words)


def _earlier_of_two_clauses(f: _Finder, m: PatternMatch) -> bool:
    """Whether the match's content is an unquoted clause before the cue while the cue has a ``ccomp`` after it in
    its sentence and paragraph (no full stop between: the parser also hangs the next sentence from a cue), an
    infinitive or a topic of its own (:func:`_own_complement`), or an unquoted object of its own (``there was no
    disagreement; he and his lawyer had said the same thing``: the cue says its object, not the clause before; not
    an addressee's object, ``"...," she told reporters``)."""
    cue, table = m.cue.i, f.table
    if m.content.i > cue or (f.in_quote[m.content.i] is not None and f.para[m.content.i] == f.para[cue]):
        return False  # ('"...," he said': the quotation of the paragraph before is not his, "Moments earlier, ...")
    speaker = f.subject(m.cue)  # "A, said a former spokesman": the object is the inverted speaker, not a report,
    # and so is a clause after the cue whose first of two subjects is the speaker (speaker_choice._second_subject)
    for c in table.children(cue):
        if c < cue or speaker is not None and (c == speaker.i or table.head[speaker.i] == c and sum(
                table.dep[k] == "nsubj" for k in table.children(c)) >= 2):
            continue
        if not (table.dep[c] == "ccomp" or (table.dep[c] == "obj" and m.cue.lemma_ not in f.addressee
                                            and f.in_quote[c] is None) or _own_complement(f, c)):
            continue
        first = m.cue.doc[c].left_edge.i
        if all(f.para[i] == f.para[cue] and not (table.text[i] in (".", "!", "?") and f.in_quote[i] is None)
               for i in range(cue, first)):
            return True
    return False


_TOPIC_CASES = frozenset({"of", "about", "against"})
"""Prepositions of a topic a cue reports ("complain *of* ...", "talk *about* ..."; not "said *on* Tuesday", "*at* a
briefing", which say when or where)."""


def _own_complement(f: _Finder, child: int) -> bool:
    """Whether a dependent after a cue is a complement of its own outside quotations: an infinitive ("continued to
    renew it") or a topic ("marveled at the idea", "complain of his silence")."""
    table = f.table
    if f.in_quote[child] is not None:
        return False
    if table.dep[child] == "xcomp":
        return True
    return table.dep[child] == "obl" and any(table.dep[k] == "case" and table.lower[k] in _TOPIC_CASES
                                             for k in table.children(child) if k < child)


def infinitive_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """"urged supporters to vote", "called on Congress to act" (``xcomp`` of a verb in ``xcomp_cues``): the
    clause with the addressee (an "on" addressee without its preposition, as PolNeAR marks it)."""
    frame = _speech_frame(f, m)
    if frame is None or m.cue.lemma_ not in load("xcomp_cues"):
        return None
    idx = f.clause(m.cue, m.content)
    idx |= {t.i for c in m.cue.children if c.dep_ == "obj" and c.i < m.content.i for t in c.subtree}
    for c in m.cue.children:
        cases = [k for k in c.children if k.dep_ == "case" and k.i < c.i]
        if c.dep_ == "obl" and m.cue.i < c.i < m.content.i and cases and cases[0].lower_ in ("on", "upon"):
            idx |= {t.i for t in c.subtree} - {k.i for k in cases}
    return _reported(f, m, frame, idx)


def inverted_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """``"...," Motegi said.`` / ``A, he said, B``: the clause the bare speech verb is set off from (``Even then, he
    said, he's learned ...``: the parser may hang the frame from the clause's auxiliary, which stands for it)."""
    if m.content.dep_ in _AUXILIARY_DEPS:
        m = m._replace(content=m.content.head)
    frame = _speech_frame(f, m)
    if frame is None:
        return None
    opening = f.sentence_opening(m.cue, frame[1], m.cue.right_edge.i + 1) if m.cue.i < m.content.i else frozenset()
    if not f._inverted_frame(m.cue, m.content, opening):
        return None
    idx = (f.subtree(m.content) - f.subtree(m.cue)) | opening
    if m.cue.i < m.content.i:  # "..., and as Comey noted, B": the "and" before the frame joins B to the sentence
        idx -= {c.i for c in m.content.children if c.dep_ == "cc" and c.i < m.cue.left_edge.i}
    statement = _reported(f, m, frame, idx)
    # "As reported by the AP, ...": the agent speaks, without its "by"
    return bare_speaker(statement) if m.speaker is not None and m.speaker.dep_ == "obl:agent" else statement


def as_put_it_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """``As Cornyn put it, "..."`` / ``"...," as she put it``: the clause the "as ... put it" frame hangs from (the
    pattern asks for the "as", the "it" and a subject, so "put" alone is no verb of saying)."""
    frame = _speech_frame(f, m)
    if frame is None:
        return None
    return _reported(f, m, frame, f.subtree(m.content) - f.subtree(m.cue))


def object_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """"accused X of giving ...", "praised X for ...": the cue's complements after it (an object cue only, with no
    clause of its own; an addressee or a pronoun alone is not what was said)."""
    frame = _speech_frame(f, m)
    if frame is None:
        return None
    cue, content = m.cue, m.content
    if any(c.dep_ in ("ccomp", "parataxis") for c in cue.children) or cue.lemma_ not in f.object_cues:
        return None
    if content.dep_ == "obj" and (cue.lemma_ in f.addressee or content.pos_ == "PRON"):
        return None
    idx: set[int] = set()
    for child in cue.children:
        marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
        # "accused X of ...", and an infinitive after the object that the parser hangs from the cue:
        # "announced the creation of a website to explain the process"
        prep_clause = child.dep_ == "advcl" and (any(mark in ("of", "for", "as", "about") for mark in marks)
                                                 or ("to" in marks and child.i > content.i))
        if child.i > cue.i and (child.dep_ in CONTENT_DEPS_AFTER_CUE or prep_clause or predicative_as(child)):
            idx |= f.subtree(child)
    if len(idx) < 3:
        return None
    idx = f.without_trailing_aside(content, frozenset(range(min(idx), max(idx) + 1)), appositive=True)
    return _reported(f, m, frame, idx)


def topic_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """"called for an end to subsidies", "asked about the merger": the oblique after a cue with no clause or
    object of its own, without its preposition."""
    frame = _speech_frame(f, m)
    if frame is None:
        return None
    cue, content = m.cue, m.content
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") or (c.dep_ == "obj" and cue.lemma_ not in f.addressee)
           for c in cue.children) or content.i < cue.i:
        return None
    if content.ent_type_ in ("DATE", "TIME") and all(c.lower_ == "for" for c in content.children
                                                      if c.dep_ == "case"):
        return None  # "spoke for 77 minutes", "has been repeating for decades": how long, not what about
    if _non_content_oblique(cue, content):
        return None  # "declined to comment for this story", "speaks for millions of Americans": for whom, not what
    dep, head = f.table.dep, f.table.head
    idx = f.subtree(content) - _speaker_hung_from_topic(f.table, cue.i, content.i)
    return _reported(f, m, frame, [i for i in idx if not (dep[i] == "case" and head[i] == content.i)])


def _speaker_hung_from_topic(table: TokenTable, cue: int, topic: int) -> frozenset[int]:
    """``Asked about enforcement, a spokesperson for Lecce, Grace Lee, said ...``: the parser hangs the speaker of
    the subject-less main verb from the topic of the opening participle as an apposition; it is no part of what
    was asked (empty when the main verb has a subject or the topic no such apposition)."""
    if not _addressed_opening(table, cue) or any(table.dep[c] in SUBJECT_DEPS for c in table.children(table.head[cue])):
        return frozenset()
    return frozenset(i for c in table.children(topic) if table.dep[c] == "appos" and c > topic
                     for i in table.subtree(c))


def _non_content_oblique(cue, content) -> bool:
    """Whether the cue and the oblique's preposition form a pair of ``non_content_obliques.txt``
    (:func:`~quotekit.attribute.wide.non_content_preposition`)."""
    return non_content_preposition(cue, next((c.lower_ for c in content.children if c.dep_ == "case"), ""))


def claim_noun_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """"her assertion that X": the possessor speaks; a claim nobody in particular makes is not a statement."""
    frame = _speech_frame(f, m)
    if frame is None or frame[2] is None or m.content.i < m.cue.i:
        return None
    return _reported(f, m, frame, f.subtree(m.content))


def source_content(f: _Finder, m: PatternMatch) -> Optional[Statement]:
    """"<content>, according to X." / "According to X, <content>.": X (the pattern's ``speaker``) is the source;
    the content is read linearly (the rest of the sentence in X's paragraph: before the cue, or after X when the
    sentence opens with it), not from the tree."""
    doc, table, para = f.doc, f.table, f.para
    cue, source = m.cue, m.speaker
    if source is None:
        return None
    to = cue.i + 1 < len(doc) and table.lower[cue.i + 1] == "to"
    cspan = doc[cue.i:cue.i + 2] if to else doc[cue.i:cue.i + 1]
    phrase = f.speaker_span(source)
    speaker = doc[cspan.end:max(source.right_edge.i + 1, phrase.end)] if source.right_edge.i >= cspan.end else phrase
    # (the phrase may run on past the source's subtree: "according to Staff Sgt. Mark Chase", a title's stop)
    if para[source.i] != para[cue.i]:  # "..., according to the F.A.A.\n\nMost people ...": the parser ran the
        speaker = phrase = _rest_of_paragraph(f, cspan.end)  # sentence on and hung "according to" from the next one
        if speaker is None:
            return None
        source = speaker.root
    first, last = table.sent_start[cue.i], table.sent_end[cue.i]
    while first < cue.i and (para[first] != para[cue.i] or table.is_space[first] or table.is_punct[first]):
        first += 1
    while last > cue.i and para[last - 1] != para[cue.i]:
        last -= 1
    first = _after_opening(f, first, cue.i)
    # sentence-initial "According to X, B": B follows the source; else the words before the cue (in "A, according
    # to X, B" that is A: the larger part is usually the clause)
    idx = list(range(phrase.end, last) if first == cue.i else range(first, cue.i))
    if first < cue.i and _set_off(table, cue.i, speaker.end):  # "A, according to X, B": A and B
        idx += range(speaker.end, last)
    anchor = para[source.i]
    idx = {i for i in idx if not table.is_space[i] and para[i] == anchor}
    idx.discard(cue.i)
    pieces = _word_pieces(table, idx)
    s, e = _trim(table, speaker.start, speaker.end, keep_quotes=False)  # "According to Statistics Canada, B": the
    speaker = doc[s:e] if e > s else speaker  # comma the parser hung from the source is no part of it
    return Statement(cspan, speaker, tuple(pieces)) if pieces else None


def _rest_of_paragraph(f: _Finder, start: int) -> Optional[Span]:
    """The words from token ``start`` to the end of its paragraph, without edge punctuation; ``None`` if none."""
    end = f.analysis.para_end[start] if start < len(f.doc) else start
    s, e = _trim(f.table, start, end)
    return f.doc[s:e] if _has_word(f.table, s, e) else None


_OPENING_DEPS = frozenset({"cc", "advmod", "discourse"})


def _after_opening(f: _Finder, first: int, cue: int) -> int:
    """Where a clause opened by ``cue`` really starts in the sentence from ``first``: after a colon or semicolon
    ("It hasn't gone unnoticed: according to polls, B"), and at the cue itself when only a conjunction or an
    adverb comes before it ("But according to X, B", "Still, according to X, B")."""
    table = f.table
    for i in range(cue - 1, first - 1, -1):
        if table.text[i] in (":", ";") and f.in_quote[i] is None:
            first = i + 1
            break
    words = [i for i in range(first, cue) if not (table.is_space[i] or table.is_punct[i])]
    if len(words) <= 2 and all(table.dep[i] in _OPENING_DEPS for i in words):
        return cue
    return first


def _set_off(table: TokenTable, before: int, after: int) -> bool:
    """Whether the tokens at ``before - 1`` and ``after`` are commas or dashes: a parenthetical between them."""
    marks = (",", "—", "--", "–")
    return before > 0 and after < len(table.text) and table.text[before - 1] in marks and table.text[after] in marks


CONTENT_HANDLERS: dict[str, Callable[[_Finder, PatternMatch], Optional[Statement]]] = {
    "clause": clause_content,
    "infinitive": infinitive_content,
    "inverted": inverted_content,
    "as_put_it": as_put_it_content,
    "object": object_content,
    "topic": topic_content,
    "claim_noun": claim_noun_content,
    "source": source_content,
    **WIDE_HANDLERS,  # patterns/wide.jsonl: recall-oriented frames the acceptance model sorts out
}
"""Handler name (the ``"handler"`` of a pattern) -> the function that reads a match's statement, as spaCy's
DependencyMatcher keeps its operators in one table."""


def handler_of(rule: str) -> Callable[[_Finder, PatternMatch], Optional[Statement]]:
    """The content handler the pattern ``rule`` names."""
    name = rules()[rule]["handler"]
    try:
        return CONTENT_HANDLERS[name]
    except KeyError:
        raise ValueError(f"speech pattern {rule!r} names the content handler {name!r}; known handlers: "
                         f"{', '.join(sorted(CONTENT_HANDLERS))}") from None


def _source_rules() -> frozenset[str]:
    """The rules whose cue introduces a source ("according to"): their content may report others' statements."""
    return frozenset(key for key, rule in rules().items() if rule["handler"] == "source")


def _imperative(cue: Token) -> bool:
    """A cue verb in the imperative: the base form heading its sentence with no subject ("Ask your doctor ...")."""
    return cue.tag_ == "VB" and cue.dep_.lower() == "root" and not any(c.dep_ in ("nsubj", "nsubj:pass", "aux")
                                                               for c in cue.children)


def _readings(section: str) -> frozenset[str]:
    """A section of ``non_speech_readings.txt``: the words of one fixed phrase where a speech verb says nothing."""
    return sections("non_speech_readings")[section]


_REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"})
_QUALIFIERS = frozenset({"a", "an", "the", "most", "more", "very", "particularly", "especially", "quite", "less"})
"""Words before an adjective, not a verb ("a *telling* sign", "the most *telling* detail")."""
_PHRASAL_PARTICLES = frozenset({"for", "on", "upon", "out", "off", "in", "into", "up"})
"""Words right after "call" that make it another verb ("called for", "called on", "called out", "called off")."""


def non_speech_cue(cue: Token) -> bool:
    """Whether a speech verb stands in a fixed phrase that reports nobody's statement, whatever follows it: "the
    so-called deal", "Only time will tell if ...", "it's safe to say ...", "needless to say", "telling insight",
    "the pledged delegates", "That said, ...". (Readings no acceptance model should have to learn from a few
    examples.)"""
    return (_so_called(cue) or _impersonal_tell(cue) or _impersonal_say(cue) or _adjectival_telling(cue)
            or _attributive_participle(cue) or _fixed_phrase(cue))


def _fixed_phrase(cue: Token) -> bool:
    """"That said, ...", "All told, ...", "called off the deal", "There's no denying he ...": the cue is a word of
    a phrase of ``fixed_phrases`` (words matching a token's lower-case form or lemma), or ends one of
    ``set_off_phrases`` with punctuation (or the sentence's edge) around it."""
    doc = cue.doc

    def matches(first: int, words: list[str]) -> bool:
        if first < 0 or first + len(words) > len(doc):
            return False
        return all(w in (t.lower_, t.lemma_.lower()) for w, t in zip(words, doc[first:first + len(words)]))

    fixed = _phrases_by_word("fixed_phrases")
    for k, words in fixed.get(cue.lower_, []) + fixed.get(cue.lemma_.lower(), []):
        if matches(cue.i - k, words):
            return True
    for _last, words in _phrases_by_word("set_off_phrases", last_only=True).get(cue.lower_, []):
        first = cue.i - len(words) + 1
        if not matches(first, words):
            continue
        before, after = _neighbour(doc[first], -1), _neighbour(cue, 1)
        if (first == cue.sent.start or before is None or before.is_punct) and (after is None or after.is_punct):
            return True
    return False


@lru_cache(maxsize=None)
def _phrases_by_word(section: str, last_only: bool = False) -> dict[str, list[tuple[int, list[str]]]]:
    """The phrases of a ``non_speech_readings`` section, split once and indexed by each word (by their last word
    only, ``last_only``) with its position, so a cue looks up only the phrases it can be a word of."""
    index: dict[str, list[tuple[int, list[str]]]] = {}
    for phrase in sorted(_readings(section)):
        words = phrase.split()
        for k, word in enumerate(words):
            if not last_only or k == len(words) - 1:
                index.setdefault(word, []).append((k, words))
    return index


def _neighbour(cue: Token, step: int) -> Optional[Token]:
    """The nearest word before (``step`` -1) or after (+1) the cue, hyphens and spaces skipped."""
    doc, i = cue.doc, cue.i + step
    while 0 <= i < len(doc) and (doc[i].is_space or doc[i].text in ("-", "–", "‐")):
        i += step
    return doc[i] if 0 <= i < len(doc) else None


def _so_called(cue: Token) -> bool:
    """"the so-called 'special relationship'", "so called tax extenders": the writer's distance, not a report."""
    if cue.lower_ != "called":
        return False
    before = _neighbour(cue, -1)
    return before is not None and before.lower_.rstrip("-") == "so"


def _impersonal_tell(cue: Token) -> bool:
    """"Only time will tell if ...": "tell" with a subject that cannot speak (``impersonal_tell_subjects``)."""
    return cue.lemma_ == "tell" and any(c.dep_ == "nsubj" and c.lemma_.lower() in _readings(
        "impersonal_tell_subjects") for c in cue.children)


def _impersonal_say(cue: Token) -> bool:
    """"It's safe to say ...", "It is too soon to say whether ...", "Needless to say, ...", "hard to tell": an
    infinitive "say"/"tell" after a hedge word (``impersonal_say_words``) whose clause has the expletive "it" as
    its subject, or which opens the sentence as an adverbial. ("He was quick to say ..." has a speaker.)"""
    if cue.lemma_ not in ("say", "tell") or not any(c.dep_ == "mark" and c.lower_ == "to" for c in cue.children):
        return False
    hedges = _readings("impersonal_say_words")
    head = cue.head
    word = head if head.lemma_.lower() in hedges else next(
        (c for c in head.children if c.i < cue.i and c.dep_ in ("xcomp", "acomp", "advmod")
         and c.lemma_.lower() in hedges), None)
    if word is None:
        return False
    if word is head and word.dep_ == "advcl":
        return True  # "Needless to say, the mayor was not pleased"
    owner = word if any(c.dep_ in SUBJECT_DEPS for c in word.children) else word.head
    subject = next((c for c in owner.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "expl"), None)
    return subject is not None and subject.lower_ == "it"


def _adjectival_telling(cue: Token) -> bool:
    """"telling" as an adjective: "a telling sign", "the most telling detail", "provide telling insight"."""
    if cue.lower_ != "telling":
        return False
    before, after = _neighbour(cue, -1), _neighbour(cue, 1)
    return cue.dep_ == "amod" or (before is not None and before.lower_ in _QUALIFIERS) or (
        after is not None and after.lemma_.lower() in _readings("telling_nouns"))


def _attributive_participle(cue: Token) -> bool:
    """A participle fixed as an adjective before its noun ("the convention's pledged delegates")."""
    if not any(k == 0 for k, _words in _phrases_by_word("attributive_participles").get(cue.lower_, ())):
        return False  # (most cues open no such phrase: no need to look for the next word)
    after = _neighbour(cue, 1)
    return after is not None and f"{cue.lower_} {after.lower_}" in _readings("attributive_participles")


def names_without_saying(cue: Token) -> bool:
    """Whether "call" (or "dub", "name" ...) names something or phones someone rather than reporting words, with
    no quotation after it in its sentence: "a program called Sandy Hook Promise", "a group that calls itself Asawitiri Media",
    "Obama called both candidates Tuesday night". (A quoted name, "a website called 'Cape Breton If Donald Trump
    Wins'", a predicate, "called the plan a disaster", or a self-description, "calls himself a democratic
    socialist", stays: PolNeAR annotates those.)"""
    if not (_naming_participle(cue) or _reflexive_naming(cue) or _phone_call(cue)):
        return False  # (the cheap word tests first: most cues are no naming verb, and the scan below is long)
    # (the parser often hangs a quoted predicate elsewhere: 'called Florida's standards "strong"')
    return not any(t.is_quote or t.text in MARKS for t in cue.doc[cue.i + 1:cue.sent.end])


_DEMAND_CASES = frozenset({"for", "on", "upon"})


def _phrasal(cue: Token) -> bool:
    """"called for", "called (Wednesday) on", "called out": a particle, or a "for"/"on" complement before any
    object (a demand; "called both candidates on Tuesday" is a time)."""
    after = _neighbour(cue, 1)
    if after is not None and after.lower_ in _PHRASAL_PARTICLES and cue.i in (after.head.i, after.head.head.i):
        return True
    first_object = min((c.i for c in cue.children if c.dep_ == "obj"), default=len(cue.doc))
    return any(c.dep_ == "compound:prt" or (c.dep_ in ("obl", "advcl", "xcomp") and c.i < first_object and any(
        g.dep_ in ("case", "mark") and g.lower_ in _DEMAND_CASES for g in c.children)) for c in cue.children)


def _naming_participle(cue: Token) -> bool:
    """"a program called Sandy Hook Promise": a participle (``naming_participles``) reducing a relative clause
    on the noun it names, with no agent ("a plan called reckless by critics" reports them)."""
    return (cue.lower_ in _readings("naming_participles") and cue.dep_ == "acl" and cue.head.i < cue.i
            and cue.head.pos_ in ("NOUN", "PROPN") and not _phrasal(cue)
            and not any(c.dep_ == "obl:agent" for c in cue.children))


def _reflexive_naming(cue: Token) -> bool:
    """"a group that calls itself Asawitiri Media", "a man calling himself Paul": a proper name taken, not a
    statement ("calls himself a democratic socialist" describes, and PolNeAR annotates it)."""
    if cue.lemma_ not in ("call", "dub", "name", "label") or not any(
            c.dep_ == "obj" and c.lower_ in _REFLEXIVES for c in cue.children):
        return False
    names = [c for c in cue.children if c.i > cue.i and c.dep_ in ("xcomp", "obj", "oprd", "dep", "appos")
             and c.lower_ not in _REFLEXIVES]
    return bool(names) and all(c.pos_ == "PROPN" for c in names)


def _phone_call(cue: Token) -> bool:
    """"Obama called both candidates Tuesday night", "is calling major fundraisers himself": "call" whose only
    complement is one person-like object, with no predicate after it ("called her son her hero") and no
    purpose ("called Yahoo News to ask readers ...")."""
    if cue.lemma_ != "call" or _phrasal(cue):
        return False
    objects = [c for c in cue.children if c.dep_ == "obj"]
    if len(objects) != 1 or any(c.dep_ in ("xcomp", "ccomp", "iobj", "compound:prt", "oprd", "dep") or (
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "to" for g in c.children))
                                for c in cue.children if c.i > cue.i):
        return False
    obj = objects[0]
    if not person_like(obj) or obj.lower_ in _REFLEXIVES:
        return False
    return not any(c.dep_ in ("appos", "dep", "xcomp", "acl") and c.i > obj.i and c.lower_ not in _REFLEXIVES
                   and not _after_comma(c) for c in obj.children)


def _after_comma(tok: Token) -> bool:
    before = _neighbour(tok.doc[tok.left_edge.i], -1)
    return before is not None and before.text in SET_OFF


@lru_cache(maxsize=1)
def _speech_object_nouns() -> frozenset[str]:
    """Nouns of saying that a verb's object can be ("made a *case*", "issued a *warning*"): the light-verb and
    claim-noun lexicons."""
    return load("light_speech_nouns") | load("claim_nouns")


@lru_cache(maxsize=1)
def _section_labels() -> frozenset[str]:
    """Section labels of news pages ("MARKETS:", "UPDATE:"), never speakers (``patterns/section_labels.txt``)."""
    text = resources.files(__package__).joinpath("patterns", "section_labels.txt").read_text(encoding="utf-8")
    return frozenset(_label_key(w.strip().lower().split()) for w in text.splitlines()
                     if w.strip() and not w.startswith("#"))


def _label_key(words: Iterable[str]) -> str:
    """Lower-case words of a label as one key, a possessive joined to its word and its apostrophe straight
    ("Editor’s note" as the tokens "editor", "’s", "note" and the lexicon's "editor's note" alike)."""
    return " ".join(words).replace("’", "'").replace(" '", "'")


@lru_cache(maxsize=1)
def _relay_nouns() -> frozenset[str]:
    """Nouns of the documents that relay a statement ("in a statement", "in a court filing")."""
    text = resources.files(__package__).joinpath("patterns", "relay_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _relayed(finder: _Finder, atts: list[Attribution]) -> list[Attribution]:
    """``"...," the minister said, according to Reuters`` / ``X, according to Y, said ...``: the statement is the
    minister's, relayed by Reuters. When an "according to" attribution's cue and source sit right beside another
    attribution's cue or speaker (only punctuation between) inside its content, that attribution keeps its
    speaker and gets the source as ``via``; the "according to" record goes. (A report that is itself the content
    -- "X asked Y to do Z, according to the ministry" -- stays the ministry's, as PolNeAR annotates it.)"""
    sources = _source_rules()
    table = finder.table
    outers = [a for a in atts if a.rule in sources and a.speaker is not None]
    if not outers:
        return atts

    def touching(a: tuple[int, int], b: tuple[int, int]) -> bool:
        lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
        return lo <= hi and all(table.is_space[i] or table.is_punct[i] for i in range(lo, hi))

    drop, via = set(), {}
    for outer in outers:
        block = (min(outer.cue.start, outer.speaker.start), max(outer.cue.end, outer.speaker.end))
        for n, inner in enumerate(atts):
            if inner.rule in sources or inner.rule in _WIDE_RULES or inner.cue is None or inner.speaker is None \
                    or n in via:
                continue  # (a wide frame's "speaker" is often the subject of the reported clause: "according to
                # the department, nine million workers ... will be protected against being denied overtime")
            if not (outer.content.start <= inner.cue.start and inner.cue.end <= outer.content.end):
                continue
            if touching(block, (inner.cue.start, inner.cue.end)) or touching(block, (inner.speaker.start,
                                                                                     inner.speaker.end)):
                source = outer.speaker
                if source.start < inner.speaker.start < source.end:  # "According to exit polls, majorities of
                    s, e = _trim(table, source.start, inner.speaker.start, keep_quotes=False)  # voters say":
                    source = source.doc[s:e] if e > s else source  # the relay ends where the speaker starts
                via[n] = source
                drop.add(id(outer))
                break
    return [replace(a, via=via[n]) if n in via else a for n, a in enumerate(atts) if id(a) not in drop]


def _drop_reported_inside_according_to(atts: list[Attribution]) -> list[Attribution]:
    """In "X asked Y to do Z, according to the ministry" the ministry is the source and "X asked ..." is what it
    reported: the inner cue is part of the outer content, not a second statement. (PolNeAR's annotators agree:
    on its train split only 2 of 398 "according to" contents carry an inner attribution of their own.)"""
    sources = _source_rules()
    outer = [(a.content.start, a.content.end) for a in atts if a.rule in sources]
    if not outer:
        return atts
    return [a for a in atts if a.rule in sources or a.cue is None
            or not any(s <= a.cue.start and a.cue.end <= e for s, e in outer)]


_INNER_FRAME_RULES = frozenset({"wide_object", "wide_clause", "speech_topic", "wide_oblique", "speech_object",
                                "speech_xcomp"})
"""Frames that read a verb's object, oblique, infinitive, prepositional clause or topic (not a clause of its own)."""
_INNER_FRAME_DEPS = frozenset({"ccomp", "acl", "xcomp", "advcl", "acl:relcl"})
"""Relations of such a frame's verb that make it the reported clause itself, or a noun's modifier (a relative clause
too: "Trump, whom he called a 'con artist'"), an infinitive or an adverbial clause inside it (a coordinated verb,
"said A and accused B of C", is a statement of its own)."""
_NESTED_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "acl:relcl"})
"""Relations of a clause frame's verb inside another reported clause that make it part of that report ("he said
Guccifer told her he had downloaded things", "wrote that he was the only one not to walk out after the professor
hoaxed the class by telling them ...", "paid a settlement to a booker who said ..."): the outer speaker's statement,
which PolNeAR annotates alone."""

_INNER_NOUN_RULES = frozenset({"speech_noun_possessor", "claim_noun_to", "claim_noun"})
"""Frames of nouns of saying ("his attacks on X", "his promise to ...", "his claim that ..."): inside a reported
clause, wherever the noun sits, they are part of what that report says ("rejected the union's demand to ...", the
object of an object frame, is the union's statement as well)."""
_INNER_RULES = _INNER_FRAME_RULES | _INNER_NOUN_RULES
_OUTER_REPORT_RULES = _CLAUSE_RULES | {"speech_object"}
"""Reports whose content holds such frames: a reported clause, or what an object frame reports ("accused him of
trying to silence critics"; there an adverbial clause, "praised X as he urged Y to ...", is a report of its own)."""


def _drop_frames_inside_clause_reports(atts: list[Attribution]) -> list[Attribution]:
    """"Clinton says she would order regulators to break up banks", "aides said he would challenge the ruling":
    an object, infinitive, oblique, topic or prepositional-clause frame whose verb is the clause another speech
    verb reports (or a modifier, infinitive or adverbial clause inside it) is part of that report, not a second
    statement; so is one inside what an object frame reports ("criticized the mayor for refusing to release the
    emails"), and a noun of saying's frame anywhere inside a reported clause ("said the senator would keep up his
    attacks on the governor"). On PolNeAR train dropping them left 293 candidates fewer and lost 11 gold speech
    matches. A clause frame inside another reported clause, as its complement, adverbial or relative clause
    (:data:`_NESTED_CLAUSE_DEPS`), is part of it too: PolNeAR annotates about one in four of them (on train, 109
    candidates fewer, 16 gold speech matches lost; rules-alone F1 up on both halves); a coordinated one stays, and
    so does one inside a report whose cue follows it ("Novak said on Monday that ..., the Interfax news agency
    reported": the agency relays Novak's statement, which PolNeAR annotates too; on train 18 candidates more, 6
    of them matching gold)."""
    outer = [(p.start, p.end, a.rule in _CLAUSE_RULES) for a in atts if a.rule in _OUTER_REPORT_RULES
             for p in a.pieces()]
    if not outer:
        return atts
    leading = [(p.start, p.end) for a in atts if a.rule in _CLAUSE_RULES
               and not (a.cue is not None and a.cue.start >= a.content.end) for p in a.pieces()]

    def inside_report(att: Attribution) -> bool:
        if att.rule in _INNER_NOUN_RULES:
            return any(s <= att.cue.start and att.cue.end <= e for s, e, clause in outer if clause)
        dep = att.cue.root.dep_
        return dep in _INNER_FRAME_DEPS and any(s <= att.cue.start and att.cue.end <= e and (clause or dep != "advcl")
                                                for s, e, clause in outer)

    def nested_clause(att: Attribution) -> bool:
        return att.cue.root.dep_ in _NESTED_CLAUSE_DEPS and any(
            s <= att.cue.start and att.cue.end <= e for s, e in leading)

    return [a for a in atts if a.cue is None or not (
        (a.rule in _INNER_RULES and inside_report(a)) or (a.rule in _CLAUSE_RULES and nested_clause(a)))]


def _merge_interrupted(finder: _Finder, atts: list[Attribution]) -> list[Attribution]:
    """One record per cue: the contents found for one cue are the parts of one statement (parts that touch --
    only spaces or punctuation between them -- are joined; see the module docstring)."""
    groups: dict[tuple, list[Attribution]] = {}
    out: list = []
    for att in atts:
        if att.cue is None or att.rule in SEPARATE_RULES:
            out.append(att)
            continue
        key = (att.cue.start, att.cue.end)
        if key not in groups:
            groups[key] = []
            out.append(key)
        groups[key].append(att)
    result = []
    for item in out:
        if isinstance(item, Attribution):
            result.append(item)
            continue
        group = sorted(groups[item], key=lambda a: a.content.start)
        if any(a.rule in _QUOTE_RULES for a in group):  # '"...!" Trump said on Twitter': the quotation is what he
            group = [a for a in group if a.rule not in _WIDE_RULES] or group  # said, not "Twitter"
        first = group[0]
        if len(group) == 1:
            result.append(first)
            continue
        kinds = {a.kind for a in group}
        ranges = _joined(finder.table, [(p.start, p.end) for a in group for p in a.pieces()])
        result.append(finder.record(kinds.pop() if len(kinds) == 1 else "mixed", ranges, first.cue, first.speaker,
                                    first.rule, max(a.confidence for a in group)))
    return sorted(result, key=lambda a: a.content.start)


def find(doc: Union[Doc, DocAnalysis]) -> list[Attribution]:
    """All attributions of a UD-parsed Doc (or of its analysis), in document order."""
    analysis = analysis_of(doc)
    if not len(analysis.doc) or not analysis.doc.has_annotation("DEP"):
        return []
    return _Finder(analysis).run()
