""":mod:`quotekit.speakers.roles`: a person's role or title from the words around a name.

Three patterns, all read off the parse around one name mention:

* premodifiers: "Japanese Foreign Minister Toshimitsu Motegi", "U.S. Secretary of State Antony Blinken",
  "Sen. Marco Rubio" (abbreviated titles are expanded from ``data/titles.txt``);
* appositions: "Ned Price, a State Department spokesperson,", "Carter's press secretary, Peter Cook";
* a role must contain a role word from ``data/roles.txt`` — otherwise "Wednesday" or "billionaire's" would be one.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import lexicons

_STOP_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_JOINERS = frozenset({"of", "for", "at"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


def is_role_word(token: Token) -> bool:
    low = token.lower_
    return low in lexicons.role_words() or token.lemma_.lower() in lexicons.role_words() or (
        low in lexicons.titles() and bool(lexicons.titles()[low])
    )


def _render(tokens: list[Token]) -> Optional[str]:
    """Role text from tokens: titles expanded ("Sen." -> "Senator"), honorifics ("Mr.") dropped."""
    words = []
    for i, tok in enumerate(tokens):
        low = tok.lower_
        if low in lexicons.titles():
            expansion = lexicons.titles()[low]
            if expansion:
                words.append(expansion)
            continue
        words.append(tok.text)
        if tok.whitespace_ == "" and i + 1 < len(tokens) and tokens[i + 1].i == tok.i + 1:
            words[-1] = words[-1] + "\x00"  # glue to the next token ("front-runner")
    text = " ".join(words).replace("\x00 ", "")
    return text.strip() or None


def premodifier_role(doc: Doc, name_start: int) -> Optional[str]:
    """The role written right before a name ("Japanese Foreign Minister" before "Toshimitsu Motegi")."""
    picked: list[Token] = []
    i = name_start - 1
    while i >= 0:
        tok = doc[i]
        if tok.ent_type_ in _STOP_ENTS or tok.is_space:
            break
        if tok.text == "-" and tok.whitespace_ == "" and i > 0 and doc[i - 1].whitespace_ == "":
            picked.insert(0, tok)
            i -= 1
            continue
        if tok.is_punct:
            break
        if tok.lower_ in _JOINERS and picked and i > 0 and is_role_word(doc[i - 1]):
            picked.insert(0, tok)
            i -= 1
            continue
        if tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.is_title or tok.lower_ in lexicons.titles():
            if tok.lower_ in _DETERMINERS:
                break
            picked.insert(0, tok)
            i -= 1
            continue
        break
    if not any(is_role_word(t) for t in picked):
        return None  # "Wednesday", "Democrat": premodifiers without a role word are not a role
    while picked and picked[0].pos_ == "PROPN" and picked[0].ent_type_ == "PERSON":
        picked.pop(0)
    return _render(picked) if picked else None


def _phrase(head: Token) -> list[Token]:
    """A role noun phrase: the head's left modifiers, the head, and "of/for/at X" complements (no clauses)."""
    doc = head.doc
    start = head.left_edge.i
    while start < head.i and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("prep", "case", "nmod") and (child.lower_ in _JOINERS or child.dep_ == "nmod"):
            stop = child.right_edge.i + 1
            if any(doc[k].is_punct and doc[k].text not in ".'’-&" for k in range(end, stop)):
                break
            end = stop
        else:
            break
    return [doc[k] for k in range(start, end)]


def appositive_role(name: Span) -> Optional[str]:
    """The role in an apposition next to a name ("Ned Price, a State Department spokesperson,")."""
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and not (name.start <= child.i < name.end) and is_role_word(child):
            return _render(_phrase(child))
    if head.dep_ == "appos" and is_role_word(head.head) and not (name.start <= head.head.i < name.end):
        return _render(_phrase(head.head))
    return None


def copular_role(name: Span) -> Optional[str]:
    """The role in a copular sentence: "Graham is a congresswoman", "The CNN reporter ... is Elise Labott"."""
    head = name.root
    pred = head.head
    if head.dep_ in ("nsubj", "nsubj:pass"):
        if any(c.lemma_ == "be" and c.dep_ == "cop" for c in pred.children) and is_role_word(pred):
            return _render(_phrase(pred))  # UD: the predicate noun heads the clause
        for child in pred.children:
            if pred.lemma_ == "be" and child.dep_ == "attr" and is_role_word(child):
                return _render(_phrase(child))
    if head.dep_ == "attr" and pred.lemma_ == "be":
        for child in pred.children:
            if child.dep_ in ("nsubj",) and is_role_word(child):
                return _render(_phrase(child))
    if head.dep_ == "root" or any(c.dep_ == "cop" for c in head.children):
        for child in head.children:
            if child.dep_ in ("nsubj",) and child.i < head.i and is_role_word(child) and any(
                c.dep_ == "cop" for c in head.children
            ):
                return _render(_phrase(child))
    return None


def role_of(name: Span) -> Optional[str]:
    """The role stated at this name mention, if any (premodifier, apposition, then copula)."""
    return premodifier_role(name.doc, name.start) or appositive_role(name) or copular_role(name)


def nominal_role(span: Span) -> Optional[str]:
    """The role a nominal mention states itself ("the Japanese minister" -> "Japanese minister")."""
    toks = [t for t in span if not t.is_punct or t.text == "-"]
    while toks and toks[0].lower_ in _DETERMINERS:
        toks.pop(0)
    if not toks or not any(is_role_word(t) for t in toks):
        return None
    return _render(toks)
