""":mod:`quotekit.attribute.speaker_choice`: which word speaks for a cue where the parse alone misleads.

:func:`quotekit.attribute.rules.find_subject` takes a cue's subject and :func:`~quotekit.attribute.rules.speaker_span`
its phrase; the small pure functions here (over a :class:`~quotekit.analysis.TokenTable`, one construction each)
correct what the parser commonly gets wrong: several subjects for one cue (a quotation's fragment, a dateline, one
noun phrase split in two), a participle, conjunct or infinitive hung from the wrong clause, a statement's vehicle
(``issued a statement saying``) or a relative pronoun taken for the speaker, a speaker after its quotation parsed as
an object or hung elsewhere before an aside (one with commas of its own too), a first clause parsed as the
complement of the second, a possessive pronoun standing for the subject that PolNeAR marks, and mention spans cut by
a bracket or running past a comma.

Measured on PolNeAR train (matched pairs at content Jaccard 0.5, shipped acceptance model, the same tree with these
functions switched off and on): wrong speakers 760 -> 571 of about 10,430 (speaker accuracy 0.927 -> 0.945). The
rules alone, matched pairs at Jaccard 0.5: wrong speakers 675 -> 652 of 10,991 with the participle after a closing
quotation mark, the participle-led inverted speaker, the longer aside, the first clause and the possessor's clause.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..analysis import TokenTable
from ..lexicons import QUOTATION_MARKS, load, titles

PARTICIPLE_MARKS = frozenset({"by", "while", "before", "after", "in", "when", "without"})
"""Subordinators of a participle clause whose unexpressed subject is the main clause's (``while adding``)."""
_SET_OFF = frozenset({",", "—", "--", "–", "-", ";"})


def trailing_participle(table: TokenTable, cue: int) -> bool:
    """Whether ``cue`` is a gerund-participle set off after its clause (``..., saying``, ``while adding``, ``by
    tweeting``, ``... "expanded the party," claiming``: a comma inside the closing quotation mark sets it off
    too): its understood subject is that of the clause it comments on."""
    if table.doc[cue].tag_ != "VBG" or table.head[cue] > cue:
        return False
    if any(table.dep[c] == "mark" and table.lower[c] in PARTICIPLE_MARKS for c in table.children(cue)):
        return True
    i = cue - 1
    while i >= 0 and (table.is_space[i] or table.dep[i] == "advmod" and table.head[i] == cue
                      or set(table.text[i]) <= QUOTATION_MARKS):
        i -= 1  # "..., essentially conceding"; '... the Republican party," claiming': the comma inside the quote
    return i >= 0 and table.text[i] in _SET_OFF


def clause_above_complements(table: TokenTable, verb: int, limit: int = 4) -> int:
    """The verb whose complement ``verb`` is, climbing out of ``that`` clauses (``said [that the focus is taking a
    toll]``) and noun content clauses (``rejected the idea [that he would be a drag]``): a participle hung off the
    inner verb by the parser comments on the outer statement (``Packer said the focus is taking a toll, pointing
    to ...``: Packer points). ``verb`` itself when it is no complement."""
    dep, head, pos = table.dep, table.head, table.pos
    for _ in range(limit):
        d, up = dep[verb], head[verb]
        if up >= verb or not _same_sentence(table, up, verb):  # (a clause after it: "A, Lewandowski added")
            break
        if d == "ccomp" and pos[up] in ("VERB", "AUX") and not _bare_gerund(table, verb):
            verb = up
        elif d == "conj" and dep[up] == "ccomp":
            verb = up  # "said that A and B, adding ...": out of the coordinated complement next time round
        elif d == "acl" and pos[up] == "NOUN" and dep[up] in ("obj", "obl") and pos[head[up]] in ("VERB", "AUX") \
                and any(dep[c] == "mark" for c in table.children(verb)):
            verb = head[up]
        else:
            break
    return verb


def _same_sentence(table: TokenTable, a: int, b: int) -> bool:
    """Whether no full stop or line break lies between tokens ``a`` and ``b`` (the parser also hangs the sentence
    before, or the paragraph before, from a verb)."""
    lo, hi = min(a, b), max(a, b)
    return not any(table.text[i] in (".", "!", "?") or (table.is_space[i] and "\n" in table.text[i])
                   for i in range(lo + 1, hi))


_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


def nearest_subject(table: TokenTable, cue: int, subjects: list[int]) -> int:
    """The subject of ``cue`` among several the parser gave it: the nearest one (the others are mostly a
    quotation's fragment, ``"Every single amendment," said Cruz``, a dateline, ``LONDON (Reuters) - Trump said``,
    or a headline), taken back to the first of the subjects that are pieces of one split noun phrase with it
    (``Former Maryland Gov. Martin O'Malley (D) and former Arkansas Gov. Mike Huckabee (R) announced``)."""
    ordered = sorted(subjects)
    best = min(subjects, key=lambda c: abs(c - cue))
    k = ordered.index(best)
    while k > 0 and best < cue and _one_phrase(table, ordered[k - 1], best):
        k -= 1
        best = ordered[k]
    return best


def split_subject_end(table: TokenTable, subject: int) -> int:
    """Where the noun phrase of ``subject`` ends when the parser split it into sibling subjects of one verb
    (:func:`nearest_subject`): the end of the last sibling subject that is one phrase with it; ``-1`` if none."""
    verb, d = table.head[subject], table.dep[subject]
    if verb == subject or not d.startswith("nsubj"):
        return -1
    end, last = -1, subject
    for sib in sorted(c for c in table.children(verb) if c > subject and c < verb and table.dep[c] == d):
        if not _one_phrase(table, last, sib):
            break
        end, last = max(table.subtree(sib)) + 1, sib
    return end


def _one_phrase(table: TokenTable, first: int, second: int) -> bool:
    """Whether sibling subjects ``first`` < ``second`` read as one noun phrase: nothing between them but noun-phrase
    words (no verb, quotation mark, colon, bracket opened, line break), ``second`` no relative pronoun, and
    ``first`` no dateline place (``WASHINGTON (AP) --``, :func:`dateline_end`)."""
    if table.lower[second] in _RELATIVE or table.lower[first] in _RELATIVE:
        return False
    a_end = max(table.subtree(first)) + 1
    b_start = min(table.subtree(second))
    if b_start < a_end:
        return False
    between = range(a_end, b_start)
    if any(table.pos[i] in ("VERB", "AUX") or table.text[i] in ("(", ";", ".") for i in between):
        return False
    if any(table.text[i] == ":" or set(table.text[i]) <= QUOTATION_MARKS
           or (table.is_space[i] and "\n" in table.text[i]) for i in range(min(table.subtree(first)), second)):
        return False
    if any(table.text[i] == "," for i in between) and not any(
            table.dep[i] == "cc" for i in range(min(table.subtree(first)), max(table.subtree(second)) + 1)):
        return False  # "In Salem, New Hampshire, Trump went after Bush": a place before, no list
    return not 0 <= dateline_end(table, min(table.subtree(first))) <= second


def _bare_gerund(table: TokenTable, verb: int) -> bool:
    """A gerund without an auxiliary (``remember [Carter going on TV], declaring ...``): the participle after it
    is its subject's, not the outer clause's; ``is hurting`` is no bare gerund."""
    return table.doc[verb].tag_ == "VBG" and not any(table.dep[c] == "aux" for c in table.children(verb))


_DASHES = frozenset({"—", "--", "–", "-"})


def dateline_end(table: TokenTable, start: int, limit: int = 14) -> int:
    """Where the words after a dateline opening a paragraph at ``start`` begin (``WASHINGTON (AP) -- Trump said``,
    ``MYRTLE BEACH, S.C. - Cruz said``, ``Washington (AFP) – Clinton said``); ``-1`` when none opens there. A
    dateline is capitalised words, numbers, commas and a bracketed agency up to a dash, with a word in capitals
    or an agency in brackets; the parser often makes its place the speaker."""
    if start > 0 and not (table.is_space[start - 1] and "\n" in table.text[start - 1]):
        return -1
    capitals = bracket = False
    for i in range(start, min(start + limit, table.n)):
        t = table.text[i]
        if t in _DASHES:
            if not (capitals or bracket) or i == start or (t == "-" and joining_hyphen(table, i)):
                return -1  # ("ACT Health Minister Rachel Stephen-Smith": a hyphen inside a name is no dateline's)
            j = i + 1
            while j < table.n and table.is_space[j]:
                j += 1
            return j if j < table.n else -1
        if t in ("(", ")"):
            bracket = bracket or t == ")"
        elif table.is_alpha[i] and table.is_upper[i] and len(t) > 1:
            capitals = True
        elif not (t in (",", ".") or table.is_title[i] or table.like_num[i] or table.is_upper[i]
                  or (table.is_space[i] and "\n" not in t)):
            return -1
    return -1


HYPHENS = frozenset({"-", "\u2010", "\u2011"})


def joining_hyphen(table: TokenTable, i: int) -> bool:
    """Whether token ``i`` is a hyphen inside a word, touching the words on both sides with no space
    ("Kirby-Yung", "Stephen-Smith", which the tokenizer splits in three)."""
    idx, text = table.idx, table.text
    return text[i] in HYPHENS and 0 < i < table.n - 1 and idx[i - 1] + len(text[i - 1]) == idx[i] \
        and idx[i] + len(text[i]) == idx[i + 1]


def past_dateline(table: TokenTable, subject: int) -> int:
    """``subject``, or, when it is the place of a dateline (``MADRID (AP) — Carlos Ibarra ... pledged``: the parser
    hangs the name from the place), the first word after the dateline that hangs from inside it."""
    start = min(table.subtree(subject))
    end = dateline_end(table, start)
    if end < 0 or subject >= end:
        return subject
    later = sorted(i for i in table.subtree(subject)  # the words after the dateline that hang from it
                   if i >= end and table.head[i] < end and table.pos[i] in ("PROPN", "NOUN", "PRON"))
    return later[0] if later else subject


_PLACE_PREPOSITIONS = frozenset({"outside", "inside"})
"""Prepositions of a sentence-opening place that a tagger may read as adjectives ("Outside court, ...")."""


def past_place_opening(table: TokenTable, subject: int) -> int:
    """``subject``, or, when it is the noun of a sentence-opening place the parser took for the subject, with the
    speaker as its apposition (``Outside court, one of the victims, who ..., said``), that apposition."""
    first = min(table.subtree(subject))
    if table.lower[first] not in _PLACE_PREPOSITIONS or table.head[first] != subject or first + 1 != subject \
            or table.text[subject + 1] != ",":
        return subject
    appositions = [c for c in table.children(subject) if table.dep[c] == "appos" and c > subject + 1]
    return appositions[0] if appositions else subject


def bracketed_gaps(table: TokenTable, kept: set[int]) -> set[int]:
    """The bracketed asides between kept words of a mention (``Ted Stanton (D) and Mark Oakley``): a mention
    drops its appositions, but one in brackets inside it would otherwise cut the mention in two."""
    out: set[int] = set()
    order = sorted(kept)
    for a, b in zip(order, order[1:]):
        if b - a == 2 and table.text[a + 1] in ("(", ")"):
            out.add(a + 1)  # a bracket the parser hung elsewhere: "O'Hara (D": "(" is the verb's punctuation
        elif b - a > 2 and table.text[a + 1] == "(" and table.text[b - 1] == ")" \
                and not any(table.text[i] in ("(", ")") or "\n" in table.text[i] for i in range(a + 2, b - 1)):
            out.update(range(a + 1, b))
    return out


_SPEAKING_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_INSCRIPTIONS = frozenset({"sign", "banner", "placard", "poster", "billboard", "shirt", "t-shirt", "sticker",
                           "caption", "headline", "slogan"})
"""Things whose own words are the statement (``carried signs urging voters to ...``: the signs urge)."""
_AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ent", "ant")
"""Endings of agent nouns (``voter``, ``activist``, ``resident``); a document that ends so (``letter``) is a relay
noun (``attribute/patterns/relay_nouns.txt``)."""


def _speaking_noun(table: TokenTable, noun: int) -> bool:
    """Whether ``noun`` can itself speak: a name, or a noun of people, groups, roles or organisations
    (``voters saying``, ``officials warning``); a statement, an ad, a rally or a step cannot."""
    from ..lexicons import anonymous_heads, organization_heads, role_words, sections
    from .rules import _relay_nouns as relay_nouns

    if table.pos[noun] != "NOUN" or table.doc[noun].ent_type_ in _SPEAKING_ENTITIES:
        return True
    classes = sections("noun_classes")
    lemma = table.lemma_of(noun)
    if lemma.endswith(_AGENT_SUFFIXES) and lemma not in relay_nouns() or lemma in _INSCRIPTIONS:
        return True  # "voters", "protesters", "activists", "residents": people the lexicons do not list
    return any(lemma in classes.get(name, ()) for name in ("person", "group", "male", "female")) \
        or lemma in role_words() or lemma in anonymous_heads() or lemma in organization_heads()


def vehicle_user(table: TokenTable, cue: int) -> Optional[int]:
    """The verb whose subject speaks through the thing ``cue`` describes: ``issued a statement saying``, ``made a
    point of saying``, ``took the step of criticizing``, ``opened a rally blasting`` -- a participle or infinitive
    modifying a noun that cannot speak, the object of a verb (an oblique is often the setting of another
    speaker's words: ``in her statement condemning the test, Clinton defended ...``); ``None`` otherwise."""
    noun = table.head[cue]
    if table.dep[cue] != "acl" or table.doc[cue].tag_ not in ("VBG", "VB") or noun > cue or _speaking_noun(table, noun):
        return None
    verb = table.head[noun]
    if table.dep[noun] == "obj" and table.pos[verb] in ("VERB", "AUX") and verb != noun:
        return verb
    return None


SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
"""Relations of a cue's own speaker (a passive subject is what was spoken of: ``X was criticized``)."""
CONTROLLER_DEPS = SUBJECT_DEPS | {"nsubj:pass", "csubj:pass"}
"""Relations of the speaker of a subject-less cue, on the verb above it: there a passive subject speaks (``Eric Trump
was pressed to explain``, ``she was suspended after slamming ...``, ``he was quoted as saying``)."""


def has_subject(table: TokenTable, head: int) -> bool:
    """Whether ``head`` (a predicate adjective or noun too: ``Trump has been the most aggressive in denouncing``)
    has a subject."""
    return any(table.dep[c] in CONTROLLER_DEPS for c in table.children(head))


_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_SPEAKER_POS = frozenset({"PROPN", "NOUN", "PRON"})


def inverted_speaker(table: TokenTable, cue: int) -> Optional[int]:
    """The speaker after a finite cue that follows its statement (``"...," added a New Hampshire Democrat``,
    ``"...," said retired surgeon Ben Carter``, ``He had a voice in decisions, said a former spokesman``) when the
    parser gave the cue no subject, making the name its object or the subject of the quoted clause: the head of the
    noun phrase right after the cue; ``None`` otherwise."""
    if table.doc[cue].tag_ not in _FINITE:
        return None
    before = cue - 1
    while before >= 0 and table.is_space[before]:
        before -= 1
    if before < 0:
        return None
    after_comma = not set(table.text[before]) <= QUOTATION_MARKS
    if after_comma and not (table.text[before] == "," and any(
            table.dep[c] in ("ccomp", "parataxis") and c < cue and max(table.subtree(c)) >= before - 1
            and not any("\n" in table.text[i] for i in range(min(table.subtree(c)), cue))
            for c in table.children(cue))):
        return None  # (a comma may close an aside after the subject; "A, said a former spokesman": A is reported)
    first = cue + 1
    while first < table.n and (table.is_space[first]
                               or table.dep[first] == "compound:prt" and table.head[first] == cue):
        first += 1
    if first >= table.n or table.pos[first] not in _SPEAKER_POS | {"DET", "ADJ", "NUM"} \
            and not (table.dep[first] == "amod" and table.head[first] > first):  # "said retired surgeon Ben Carter"
        return None
    found = first
    for _ in range(8):  # up to the phrase's head: the last nominal after the cue on the way up
        up = table.head[found]
        if up == found or up <= cue or table.pos[up] not in _SPEAKER_POS:
            break
        found = up
    if table.pos[found] not in _SPEAKER_POS or table.doc[found].ent_type_ in ("DATE", "TIME"):
        return None
    if after_comma and not (table.dep[found] == "obj" and table.head[found] == cue
                            and table.lemma_of(cue) not in load("addressee_verbs") or _second_subject(table, cue, found)):
        return None  # after a comma, only the cue's own object ("said he would ...", "told Fox News": no speaker)
    return found


def _second_subject(table: TokenTable, cue: int, found: int) -> bool:
    """Whether ``found`` is one of two subjects the parser gave a clause it hung after ``cue`` (``..., said a former
    spokesman for the ministry, who also ran in the bloc Mr. Manafort helped form``: the relative clause's verb
    made the cue's complement, the speaker its first subject)."""
    verb = table.head[found]
    return table.dep[found] == "nsubj" and table.dep[verb] == "ccomp" and table.head[verb] == cue and verb > found \
        and sum(table.dep[c] == "nsubj" for c in table.children(verb)) >= 2


def without_comma_tail(table: TokenTable, head: int, end: int) -> int:
    """The end of a mention ``[..., end)`` headed by ``head`` without a comma-set tail after the head that is no
    list of conjuncts (``said Rosa Whitfield, half joking``: the parser hangs ``half`` from the name);
    ``Most voters in Alabama, Georgia and Virginia`` keeps its list."""
    for i in range(head + 1, end):
        if table.text[i] == ",":
            if not any(table.dep[j] in ("conj", "cc") for j in range(i + 1, end)):
                return i
            break
    return end


def outer_conjunct_head(table: TokenTable, cue: int) -> Optional[int]:
    """The verb a coordinated cue really continues when the parser hung it from the complement clause before it:
    ``strategists fear that Clinton has missed a chance and warn that ...`` (``warn`` parsed as a conjunct of
    ``missed``), ``a narrator reminds viewers that Sanders marched ... and says ...``: the outer verb, when the cue
    has its verb form (tense and person) and the inner verb has another; ``None`` otherwise."""
    if table.dep[cue] != "conj":
        return None
    inner = table.head[cue]
    outer = clause_above_complements(table, inner)
    if outer == inner:
        return None
    tag = table.doc[cue].tag_
    if tag == table.doc[outer].tag_ and tag != table.doc[inner].tag_:
        return outer
    return None


def relative_vehicle_user(table: TokenTable, cue: int, subject: Optional[int]) -> Optional[int]:
    """The verb whose subject speaks through a thing a relative clause's cue describes: ``released a video that
    said ...``, ``ran a piece that noted ...``, ``had nothing bad to say``: the cue's subject is ``which``/``that``
    or absent, and its antecedent is a thing (no person, group or name) that is the object of that verb."""
    if table.dep[cue] != "acl:relcl" or (subject is not None and table.lower[subject] not in ("which", "that")):
        return None
    noun = table.head[cue]
    if noun > cue or _speaking_noun(table, noun) and table.pos[noun] != "PRON":
        return None
    verb = table.head[noun]
    if table.dep[noun] == "obj" and table.pos[verb] in ("VERB", "AUX") and verb != noun:
        return verb
    return None


def preverbal_speaker(table: TokenTable, cue: int) -> Optional[int]:
    """The speaker before a finite cue the parser gave no subject, having hung the name elsewhere (``Sen. Ann Boyd,
    facing a tough race, said ...``, ``Col. Tom Reyes, a military spokesman, said ...``): the noun right before
    the cue, or before the aside set off by commas that ends right before it, or the subject of a first clause
    coordinated with the cue (:func:`first_clause_subject`); ``None`` when that word is no person or thing on its
    own (a preposition's object, a word in a quotation, across a line break)."""
    if table.doc[cue].tag_ not in _FINITE:
        return None
    found = _before_cue(table, cue)
    return found if found is not None else first_clause_subject(table, cue)


def _before_cue(table: TokenTable, cue: int) -> Optional[int]:
    j = cue - 1
    while j >= 0 and (table.is_space[j] and "\n" not in table.text[j]
                      or table.head[j] == cue and table.dep[j] in ("advmod", "aux", "neg")):
        j -= 1
    if j < 0:
        return None
    if table.text[j] == ",":  # the aside's end: the phrase before the comma that opens it
        k = _previous_comma(table, j)
        if k < 0:
            return None
        if not _mention_alone(table, k - 1, cue):
            found = _opening_mention_before_aside(table, k, cue)
            return found if found is not None else _apposition_of_asked_topic(table, cue, j - 1)
        return k - 1
    if _mention_alone(table, j, cue):
        return j
    return _apposition_before(table, j)


def _previous_comma(table: TokenTable, comma: int) -> int:
    """The comma before ``comma`` in its clause (no full stop, colon, line break or quotation mark between); -1."""
    k = comma - 1
    while k >= 0 and table.text[k] not in (",", ".", ":", ";") and "\n" not in table.text[k] \
            and not set(table.text[k]) <= QUOTATION_MARKS:
        k -= 1
    return k if k >= 0 and table.text[k] == "," else -1


def past_preposition_object(table: TokenTable, head: int, start: int, end: int) -> int:
    """Where a speaker mention starts when its phrase opens right after a preposition that governs a word outside
    it: after its first comma (``In an email to the Star, police spokesperson Victor Kwong said``, where the parser
    hangs "the Star" on the speaker's title). ``start`` otherwise."""
    if start == 0 or table.dep[start - 1] != "case" or start <= table.head[start - 1] < end:
        return start
    comma = next((i for i in range(start, head) if table.text[i] == ","), None)
    if comma is None:
        return start
    s = comma + 1
    while s < head and table.is_space[s]:
        s += 1
    return s


def _apposition_before(table: TokenTable, j: int) -> Optional[int]:
    """The apposition whose phrase ends with word ``j``, set off by a comma before it (``In an email to CBC News, a
    spokesperson for the ministry said``: the parser took the speaker for the outlet's apposition); ``None``."""
    x = j
    for _ in range(8):
        if table.dep[x] == "appos":
            break
        if table.head[x] == x or table.head[x] > j:
            return None
        x = table.head[x]
    if table.dep[x] != "appos" or table.pos[x] not in ("NOUN", "PROPN"):
        return None
    phrase = table.subtree(x)
    first = min(phrase)
    return x if max(phrase) == j and first > 0 and table.text[first - 1] == "," else None


def _apposition_of_asked_topic(table: TokenTable, cue: int, j: int) -> Optional[int]:
    """The speaker the parser hung as an apposition from the topic of an opening participle of addressing, its
    phrase ending with word ``j`` (``Asked about enforcement, a spokesperson for Lecce, Grace Lee, said``: the
    cue got no subject); ``None`` for any other apposition (``in Iowa, a swing state, said``)."""
    x = _apposition_before(table, j)
    if x is None:
        return None
    word = x
    for _ in range(6):  # up from the apposition, through the topic's phrase, to the participle
        up = table.head[word]
        if up == word or up > j:
            return None
        if table.dep[up] == "advcl" and table.head[up] == cue and up < word and table.tag[up] in ("VBN", "VBD") \
                and table.lemma_of(up) in load("addressee_verbs"):
            return x
        word = up
    return None


def _mention_alone(table: TokenTable, j: int, cue: int) -> bool:
    """Whether word ``j`` before ``cue`` can be its speaker: a noun or pronoun that no preposition governs, neither
    a date nor a time (``Mrs. Clinton last month asked``), with no line break or quotation mark up to the cue."""
    if j < 0 or table.pos[j] not in ("PROPN", "NOUN", "PRON") or any(
            table.dep[c] == "case" for c in table.children(j)) or table.dep[j] in ("obl", "nmod", "nmod:poss"):
        return False
    return not (any("\n" in table.text[i] or set(table.text[i]) <= QUOTATION_MARKS for i in range(j, cue))
                or table.doc[j].ent_type_ in ("DATE", "TIME"))


def _opening_mention_before_aside(table: TokenTable, comma: int, cue: int, limit: int = 3) -> Optional[int]:
    """The speaker before an aside that holds commas of its own (``Sen. Ann Boyd, facing a tough race in Iowa, a
    swing state, said``): going back comma by comma, the first mention that opens its sentence or paragraph (only
    its own words before it) and can be the speaker (:func:`_mention_alone`); ``None`` otherwise."""
    for _ in range(limit):
        comma = _previous_comma(table, comma)
        if comma < 0:
            return None
        j = comma - 1
        if _mention_alone(table, j, cue) and _opens_sentence(table, j):
            return j
    return None


def _opens_sentence(table: TokenTable, word: int) -> bool:
    """Whether nothing but ``word``'s own modifiers (``Sen. Ann Boyd``) stands between it and the start of its
    sentence, paragraph or a closing quotation before it."""
    start = min(i for i in table.subtree(word) if i <= word)
    i = start - 1
    while i >= 0 and table.is_space[i] and "\n" not in table.text[i]:
        i -= 1
    return i < 0 or "\n" in table.text[i] or table.text[i] in (".", "!", "?") or set(table.text[i]) <= QUOTATION_MARKS


_SPEAKER_ONLY_IN_QUOTES = frozenset({"i", "we", "you"})


def first_clause_subject(table: TokenTable, cue: int) -> Optional[int]:
    """The subject of the first of two coordinated clauses when the parser made the first a complement of the
    subject-less cue (``Kasich offered the man a job, then says he'll ...``, ``Trump went on to promote the show,
    note that ...``): the subject of a complement clause before the cue, in its sentence, that no quotation mark
    opens before that subject (``"I like it," says ...`` is a quotation, not a first clause) and that only a comma, a
    conjunction or an adverb of the cue separates from it; ``None`` otherwise."""
    for clause in table.children(cue):
        if clause >= cue or table.dep[clause] != "ccomp" or not _same_sentence(table, clause, cue):
            continue
        subjects = [c for c in table.children(clause) if c < clause and table.dep[c] in SUBJECT_DEPS]
        if not subjects or table.lower[subjects[0]] in _SPEAKER_ONLY_IN_QUOTES:
            continue
        start = min(table.subtree(clause))
        if any(set(table.text[i]) <= QUOTATION_MARKS for i in range(start, subjects[0] + 1)) \
                or sum(set(table.text[i]) <= QUOTATION_MARKS for i in range(subjects[0], cue)) % 2:
            continue  # (a subject inside a quotation that closes before the cue)
        between = range(max(table.subtree(clause)) + 1, cue)
        if all(_coordinating(table, i, cue) for i in between) and any(
                table.text[i] == "," or set(table.text[i]) <= QUOTATION_MARKS or table.dep[i] == "cc" for i in between):
            return subjects[0]  # (", then says", "and says"; not "..., disclosures filed on Sunday revealed")
    return None


def _coordinating(table: TokenTable, i: int, cue: int) -> bool:
    """Whether token ``i`` between two coordinated clauses only joins them (``, and then``, a closing quotation
    mark): no word of its own that could be the cue's subject (``..., disclosures filed on Sunday revealed``)."""
    return table.is_space[i] or table.text[i] == "," or set(table.text[i]) <= QUOTATION_MARKS \
        or table.dep[i] == "cc" or table.head[i] == cue and table.dep[i] in ("advmod", "aux", "neg")


_POSSESSIVE_PRONOUNS = {"his": frozenset({"he"}), "her": frozenset({"she"}), "their": frozenset({"they"})}
"""A possessive pronoun and the subject pronoun of the same person."""
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def clause_owner(table: TokenTable, possessor: int) -> int:
    """The speaker of a statement noun whose possessor is a pronoun: the subject of the verb the noun is the object
    of, when that subject can be the same person (``Trump is keeping up his criticism of ...``, ``He has stepped up
    his attacks on ...``, ``Latino leaders renewed their calls for ...``: PolNeAR marks the verb and its subject);
    ``possessor`` itself otherwise (``his insistence that ...``, ``alone in his contention that ...``)."""
    noun = table.head[possessor]
    subjects_pronoun = _POSSESSIVE_PRONOUNS.get(table.lower[possessor])
    if subjects_pronoun is None or table.dep[noun] != "obj" or table.pos[table.head[noun]] not in ("VERB", "AUX"):
        return possessor
    verb = table.head[noun]
    subjects = [c for c in table.children(verb) if table.dep[c] == "nsubj" and c < verb]
    if len(subjects) != 1:
        return possessor
    subject = subjects[0]
    plural = table.doc[subject].tag_ in _PLURAL_TAGS or any(table.dep[c] == "conj" for c in table.children(subject))
    if table.pos[subject] == "PRON":
        return subject if table.lower[subject] in subjects_pronoun else possessor
    if table.pos[subject] not in ("PROPN", "NOUN") or plural != (table.lower[possessor] == "their"):
        return possessor
    return subject


@lru_cache(maxsize=None)
def _stop_titles() -> frozenset[str]:
    """Abbreviated titles written with a full stop (``abbreviated_titles.txt`` and the honorifics of ``titles.txt``),
    without it: the tokenizer splits ``Const.`` into ``Const`` and a stop it may take for a sentence end."""
    return frozenset(t[:-1] for t in load("abbreviated_titles") | frozenset(titles()) if t.endswith("."))


def title_stop(table: TokenTable, i: int) -> bool:
    """Whether token ``i`` is the full stop of an abbreviated title split off by the tokenizer, a name right after it
    on the same line (``said Const. Dani McKinnon``, ``said Coun. Ariel Troster``): no sentence ends there."""
    text = table.text
    return 0 < i < table.n - 1 and text[i] == "." and table.lower[i - 1] in _stop_titles() \
        and table.idx[i - 1] + len(text[i - 1]) == table.idx[i] and _capitalised(table, i + 1)


def _capitalised(table: TokenTable, i: int) -> bool:
    """Whether token ``i`` is a word with a capital first letter (``McKinnon``, which ``istitle`` refuses)."""
    return table.is_alpha[i] and table.text[i][:1].isupper()


def name_after_title(table: TokenTable, stop: int) -> int:
    """The head of the name after a title's full stop ``stop`` (:func:`title_stop`): the last of the capitalised
    words that hang, as compound or flat name parts, from the word after them."""
    i = stop + 1
    while table.dep[i] in ("compound", "flat") and i < table.head[i] <= i + 3 and _capitalised(table, table.head[i]):
        i = table.head[i]
    return i


def adjective_speaker(table: TokenTable, cue: int) -> Optional[int]:
    """The speaker written as an adjective with its article right before a finite cue, which the parser hangs from
    the cue as its modifiers (``"...," the 52-year-old added``): the adjective; ``None`` otherwise."""
    if table.doc[cue].tag_ not in _FINITE or cue < 2:
        return None
    adjective = cue - 1
    if table.dep[adjective] != "amod" or table.head[adjective] != cue:
        return None
    phrase = table.subtree(adjective)
    article = min(phrase) - 1
    if table.dep[article] != "det" or table.head[article] != cue or max(phrase) != adjective \
            or len(phrase) != adjective - article:
        return None
    return adjective


def colon_inverted_speaker(table: TokenTable, cue: int) -> Optional[int]:
    """The speaker between a finite cue that opens its sentence and a colon (``Said Chow: "We will get this done."``,
    ``Added the mayor: "..."``): the head of the words between them, when they are one noun phrase; ``None``."""
    if table.doc[cue].tag_ not in _FINITE:
        return None
    before = cue - 1
    while before >= 0 and table.is_space[before] and "\n" not in table.text[before]:
        before -= 1
    if before >= 0 and "\n" not in table.text[before] and table.text[before] not in (".", "!", "?"):
        return None
    colon = next((k for k in range(cue + 1, min(cue + 16, table.n)) if table.text[k] in (":", ".", "\n")
                  or set(table.text[k]) <= QUOTATION_MARKS), None)
    if colon is None or table.text[colon] != ":" or colon == cue + 1:
        return None
    heads = [k for k in range(cue + 1, colon) if not cue < table.head[k] < colon or table.head[k] == k]
    return heads[0] if len(heads) == 1 and table.pos[heads[0]] in _SPEAKER_POS else None
