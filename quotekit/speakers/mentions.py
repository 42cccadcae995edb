""":mod:`quotekit.speakers.mentions`: what kind of speaker mention a span is, and the name inside it.

A speaker mention is one of: a *name* ("Motegi", "State Department spokesperson Ned Price", "the Japanese Foreign
Ministry"), a personal *pronoun* ("he", "they"), a *relative* pronoun ("who"), a *first-person* pronoun ("I",
"we": its referent is the speaker of the quote it sits in) or a *nominal* ("the Japanese minister", "officials").
"""
from __future__ import annotations

import unicodedata

from dataclasses import dataclass
from typing import Iterable, Literal, Optional

from spacy.tokens import Span, Token

from .. import lexicons
from ..analysis import DocAnalysis, TokenTable, analysis_of
from .roles import description_word_at

MentionKind = Literal["name", "pronoun", "relative", "first_person", "nominal", "empty"]

PRONOUN_GENDER = {"he": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
POSSESSIVE_GENDER = {"his": "he", "hers": "she"}
"""A possessive pronoun standing alone as a speaker mention ("his repeated mispronunciations" as a source): the
pronoun whose person it refers to."""
PLURAL_PRONOUNS = frozenset({"they", "them", "themselves"})
NEUTER_PRONOUNS = frozenset({"it", "itself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which", "whose"})
FIRST_PERSON = frozenset({"i", "me", "myself", "we", "us", "ourselves"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "FAC"})  # NORP ("Conservatives") is a group, not a name
_DETERMINERS = lexicons.DETERMINERS


@dataclass
class Mention:
    """A classified speaker mention: its kind, its head token and (for names) the name's tokens."""

    span: Span
    kind: MentionKind
    head: Optional[Token]
    name: Optional[Span] = None


def title_or_role_at(table: TokenTable, i: int) -> bool:
    """True for an honorific ("Mr.", "Sen.") or a role word ("Minister", "spokesperson") at token ``i``."""
    low, roles = table.lower[i], lexicons.role_words()
    return low in lexicons.titles() or low in roles or table.lemma_of(i).lower() in roles


def postnominal_at(table: TokenTable, i: int) -> bool:
    """True for post-nominal letters at token ``i`` ("KC", "MP", "Ph.D.", "Esq."): an honour, rank or degree
    written after a person's name, no part of it."""
    return table.lower[i].replace(".", "") in lexicons.postnominals()


def clean_name_indices(table: TokenTable, indices: Iterable[int]) -> list[int]:
    """Name tokens among ``indices``: leading determiners, titles and role words, a trailing possessive and
    bracketed asides dropped."""
    text, punct = table.text, table.is_punct
    out = []
    depth = 0
    for i in indices:
        if text[i] in "([":
            depth += 1
            continue
        if text[i] in ")]":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        out.append(i)
    first = 0
    while first < len(out) and (table.lower[out[first]] in _DETERMINERS or title_or_role_at(table, out[first])
                                or punct[out[first]]):
        first += 1
    if first == len(out) and out and out[-1] > 0 and _surname_after_honorific(table, out[-1] - 1, out[-1]):
        first -= 1  # "Mr. King", "Ms. Bishop": a surname that is also a role word
    out = out[first:]
    while out and (text[out[-1]] in _POSSESSIVE or punct[out[-1]]):
        out.pop()
    return out


HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms."})
"""Honorifics written before a surname; they also say a person's gender."""


def _surname_after_honorific(table: TokenTable, before: int, i: int) -> bool:
    """A capitalised role word right after "Mr."/"Ms." ("Mr. King", "Ms. Bishop") is a surname: the honorific
    goes before a name, and the offices it also goes before in address ("Mr. President", "Madam Speaker") are
    the lexicon ``office_title_words``."""
    return (table.lower[before] in HONORIFICS and table.is_title[i]
            and table.lower[i] not in lexicons.load("office_title_words"))


def extend_name(table: TokenTable, start: int, end: int) -> int:
    """Start of a name whose NER span missed leading name words ("Ivanka" of "Ivanka Trump")."""
    while start > 0:
        i = start - 1
        if table.pos[i] != "PROPN" or not table.is_title[i] or table.ent_type[i] not in ("", "PERSON") \
                or title_or_role_at(table, i):
            break
        if start >= 2 and table.lower[start - 2] in ("of", "for"):
            break  # "Chief of Staff Cheryl Mills": "Staff" closes a role, it does not open the name
        start -= 1
    return start


def extend_name_end(table: TokenTable, start: int, end: int) -> int:
    """End of a name whose NER span is a first name alone, its last name a word the NER left out ("Patty" of
    "Patty Judge", "Ann" of "Ann Price"): the capitalised proper noun right after it that the first name is a
    compound of; of any name a mis-decoded surname follows ("Arturo SarukhÃ¡n"); and of a name cut after a
    surname particle ("Ursula von der" with "Leyen" labelled a place)."""
    if end < len(table.pos) and garbled_name_word(table.text[end]):
        return end + 1  # "Arturo SarukhÃ¡n": a surname whose letters were mis-decoded, tagged a number
    if end - start >= 2 and end < len(table.pos) and table.lower[end - 1] in NAME_PARTICLES \
            and table.is_title[end] and table.is_alpha[end]:
        return end + 1  # "Ursula von der" + "Leyen" (labelled a place): a particle opens a surname, never ends one
    if end - start != 1 or end >= len(table.pos) or table.lower[start] not in lexicons.first_name_gender():
        return end
    if table.pos[end] == "PROPN" and table.is_title[end] and table.ent_type[end] == "" \
            and table.head[start] == end:
        return end + 1
    return end


NAME_PARTICLES = frozenset({"de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "dos",
                            "das", "ten", "ter", "bin", "ibn"})
"""Particles that open a surname ("de Blasio", "Van Hollen", "von der Leyen", "Le Pen"): never a name's last word,
and a two-word name starting with one is a surname alone."""

_MOJIBAKE = ("Ã", "Â")
"""Characters a UTF-8 accented letter turns into when read as Latin-1 ("á" -> "Ã¡")."""


def garbled_name_word(word: str) -> bool:
    """A capitalised word with mis-decoded accented letters and no digit ("SarukhÃ¡n"): a name the tagger
    cannot read (it calls it a number or a foreign word)."""
    word = unicodedata.normalize("NFC", word)  # (the text may spell "Ã" as "A" and a combining tilde)
    return word[:1].isupper() and any(m in word[1:] for m in _MOJIBAKE) and not any(c.isdigit() for c in word)


def _name_in(analysis: DocAnalysis, span: Span) -> Optional[Span]:
    """The name inside a span: its last named entity, else the PROPN run ending at its root. Not a name in a
    relative clause of the span ("Ronald Klain, who was the Obama administration's Ebola czar": Klain)."""
    table = analysis.table
    ents = [ent for ent in analysis.ents_in(span) if ent.label_ in _NAME_ENTS and not _aside(ent, span)]
    own = [ent for ent in ents if not _affiliation(ent, span)]
    if any(ent.label_ == "PERSON" for ent in own):  # "Paul Hayes of the Hamilton police": Hayes, not "Hamilton"
        ents = own
    if ents:
        person = [ent for ent in ents if ent.label_ == "PERSON"]
        ent = (person or ents)[-1]
        start, end = ent.start, ent.end
        if ent.label_ == "PERSON":
            start, end = extend_name(table, start, end), min(extend_name_end(table, start, end), span.end)
        toks = clean_name_indices(table, range(max(start, span.start), end))
        if toks:
            return span.doc[toks[0] : toks[-1] + 1]
    root = span.root
    if root.pos_ != "PROPN":
        return None
    start = root.i
    while start - 1 >= span.start and span.doc[start - 1].pos_ == "PROPN":
        start -= 1
    toks = clean_name_indices(table, range(start, root.i + 1))
    return span.doc[toks[0] : toks[-1] + 1] if toks else None


def _affiliation(ent: Span, span: Span) -> bool:
    """Whether an entity inside a speaker span stands in a prepositional modifier of the span's head ("Paul Hayes
    of the Hamilton police", "Sarah Cole from the Smith Institute"): where a person's name heads the span, it
    names where the speaker works or comes from, not the speaker, whatever its label. (An organisation's name
    keeps its own modifiers: "The Union of Rationalist Atheists and Agnostics".)"""
    return _hangs_by(ent, span, "nmod")


def _aside(ent: Span, span: Span) -> bool:
    """Whether an entity inside a speaker span stands in a relative clause of the span: it describes the head,
    it does not name it."""
    return _hangs_by(ent, span, "acl:relcl")


def _hangs_by(ent: Span, span: Span, dep: str) -> bool:
    """Whether the path from an entity's root up to the span's root, inside the span, passes a ``dep`` relation."""
    tok = ent.root
    while tok.i != span.root.i and span.start <= tok.head.i < span.end and tok.head.i != tok.i:
        if tok.dep_ == dep:
            return True
        tok = tok.head
    return False


def classify(span: Optional[Span], analysis: Optional[DocAnalysis] = None) -> Mention:
    """Classify one speaker mention (``analysis``: its document's, else a fresh one is made)."""
    if span is None or len(span) == 0:
        return Mention(span, "empty", None)  # type: ignore[arg-type]
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words:
        return Mention(span, "empty", None)
    if len(words) == 1:
        low = words[0].lower_
        if low in RELATIVE_PRONOUNS and not (words[0].is_upper and len(words[0]) > 1):  # "WHO": the organisation
            return Mention(span, "relative", words[0])
        if low in FIRST_PERSON:
            return Mention(span, "first_person", words[0])
        if low in PRONOUN_GENDER or low in PLURAL_PRONOUNS or low in NEUTER_PRONOUNS or low in POSSESSIVE_GENDER:
            return Mention(span, "pronoun", words[0])
    root = span.root
    analysis = analysis if analysis is not None else analysis_of(span.doc)
    name = _name_in(analysis, span)
    if name is not None and (root.pos_ == "PROPN" or root.i in range(name.start, name.end) or _appositive(root, name)
                             or _titled(root, name, span) or _closing_person(name, span, analysis.table)):
        return Mention(span, "name", root, name)
    return Mention(span, "nominal", _noun_of_adjective(root, span))


def _noun_of_adjective(root: Token, span: Span) -> Token:
    """The noun a coordination of adjectives modifies where the parse made the first adjective the head
    ("Current and former officials": "officials"); ``root`` itself otherwise."""
    if root.pos_ != "ADJ":
        return root
    nouns = [c for c in root.children if c.dep_ == "conj" and c.pos_ == "NOUN" and span.start <= c.i < span.end]
    return nouns[-1] if nouns else root


def _titled(root: Token, name: Span, span: Span) -> bool:
    """A singular common noun right before a person's name that ends the mention: a title, whatever the parse
    made of it ("according to curator Elaine Gustafon", where the name hangs off the preposition)."""
    words = lexicons.role_words()
    ends = all(t.is_punct for t in span.doc[name.end : span.end])
    person = any(t.ent_type_ == "PERSON" for t in name)
    return name.start == root.i + 1 and ends and root.pos_ == "NOUN" and root.tag_ == "NN" and (
        person or root.lemma_.lower() in words or root.lower_ in words)


_HUNG_NAME_DEPS = frozenset({"nmod", "nmod:poss", "obl", "obj", "iobj"})


def _closing_person(name: Span, span: Span, table: TokenTable) -> bool:
    """A person's name that ends the mention and hangs on no preposition or possessive: the words before it
    describe that person, whatever the parse made the mention's head ("Co-host Mika Brzezinski", parsed with
    "Co" as the subject; "GOP presidential contender and former neurosurgeon Ben Carson", read as a
    coordination). "A spokesman for Ben Carson" and "the wife of Ben Carson" hang the name on a preposition."""
    head = name.root
    if head.ent_type_ != "PERSON" or head.dep_ in _HUNG_NAME_DEPS or any(c.dep_ == "case" for c in head.children):
        return False
    if not all(t.is_punct or t.is_space for t in span.doc[name.end : span.end]):
        return False
    root = span.root
    if root.i + 2 < name.start and root.doc[root.i + 1].text == "-":
        root = root.doc[root.i + 2]  # "Co-host": the role is the word after the hyphen
    # the head the parse chose must describe one person: not "Everyone but Hewlett", "he and Brafman",
    # "presidential candidates like Donald Trump", "A study by Greenstone and Professor Knittel"
    return root.tag_ == "NN" and description_word_at(table, root.i) and (head.dep_ != "conj"
                                                                        or head.head.i == span.root.i)


def _appositive(root: Token, name: Span) -> bool:
    """A nominal whose apposition is the name ("Carter's press secretary, Peter Cook")."""
    return any(child.dep_ == "appos" and name.start <= child.i < name.end for child in root.children)
