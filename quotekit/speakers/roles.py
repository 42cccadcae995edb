""":mod:`quotekit.speakers.roles`: a person's role or title from the words around a name.

Three patterns, all read off the parse around one name mention:

* premodifiers: "Japanese Foreign Minister Toshimitsu Motegi", "U.S. Secretary of State Antony Blinken",
  "Sen. Marco Rubio" (abbreviated titles are expanded from ``quotekit/lexicons/titles.txt``);
* appositions: "Ned Price, a State Department spokesperson,", "Carter's press secretary, Peter Cook";
* a role must contain a role word from ``quotekit/lexicons/roles.txt`` -- otherwise "Wednesday" or
  "billionaire's" would be one.
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Span, Token

from .. import lexicons
from ..analysis import TokenTable

_STOP_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_JOINERS = frozenset({"of", "for", "at"})
_DETERMINERS = lexicons.DETERMINERS


def role_word_at(table: TokenTable, i: int) -> bool:
    """True for a word naming a role ("minister", "spokesperson") or a title that expands to one ("Sen.") at
    token ``i``."""
    low, roles, titles = table.lower[i], lexicons.role_words(), lexicons.titles()
    return low in roles or table.lemma_of(i).lower() in roles or (low in titles and bool(titles[low]))


def description_gender(word: str) -> Optional[str]:
    """"she"/"he" for a noun that describes a woman/a man ("woman", "businessman"), "they" for another person noun
    that is no role ("developer"), None for anything else (the lexicon ``speaker_nominals``)."""
    sections = lexicons.sections("speaker_nominals")
    low = word.lower()
    if low in sections["person_descriptions_female"]:
        return "she"
    if low in sections["person_descriptions_male"]:
        return "he"
    if low in sections["person_descriptions"]:
        return "they"
    if low in lexicons.role_words():
        return None
    return _compound_gender(low) or ("they" if _occupation_by_ending(low, sections) else None)


def _occupation_by_ending(low: str, sections) -> bool:
    """A noun the lexicon lacks that names a person by its ending ("neurosurgeon", "socialist", "pediatrician":
    lexicon ``speaker_nominals`` sections ``person_suffixes`` and ``not_person_suffix_words``)."""
    if len(low) < 7 or not low.isalpha() or not any(low.endswith(s) for s in sections["person_suffixes"]):
        return False
    return low not in sections["not_person_suffix_words"]


def _compound_gender(low: str) -> Optional[str]:
    """The gender of a compound of "-woman"/"-man" the lexicon does not list ("the radioman", "a newswoman",
    "the anchorman"): such a compound names a woman or a man by what they do. Words ending in "man" that are no
    compound of it ("human", "German") are lexicon ``not_man_compounds``."""
    if not low.isalpha() or low in lexicons.load("not_man_compounds"):
        return None
    if low.endswith("woman") and len(low) >= 8:
        return "she"
    if low.endswith("man") and len(low) >= 6 and not low.endswith("woman"):
        return "he"
    return None


def description_word_at(table: TokenTable, i: int) -> bool:
    """A role word, or a noun describing a person that is no role ("businessman", "woman", "ex-wife")."""
    if role_word_at(table, i):
        return True
    hyphenated = (table.lower[i - 2] + "-" + table.lower[i]) if i >= 2 and table.text[i - 1] == "-" else ""
    return any(description_gender(w) for w in (table.lower[i], table.lemma_of(i), hyphenated) if w)


def _render(table: TokenTable, tokens: list[int]) -> Optional[str]:
    """Role text from tokens: titles expanded ("Sen." -> "Senator"), honorifics ("Mr.") dropped."""
    titles = lexicons.titles()
    words = []
    for n, i in enumerate(tokens):
        low = table.lower[i]
        if low in titles:
            if titles[low]:
                words.append(titles[low])
            continue
        words.append(table.text[i])
        if not table.space_after[i] and n + 1 < len(tokens) and tokens[n + 1] == i + 1:
            words[-1] = words[-1] + "\x00"  # glue to the next token ("front-runner")
    text = " ".join(words).replace("\x00 ", "")
    return text.strip() or None


def premodifier_role(t: TokenTable, name_start: int, is_role: Callable[[TokenTable, int], bool] = role_word_at
                     ) -> Optional[str]:
    """The role written right before a name ("Japanese Foreign Minister" before "Toshimitsu Motegi")."""
    text, lower, pos, ent_type, space_after = t.text, t.lower, t.pos, t.ent_type, t.space_after
    picked: list[int] = []
    i = name_start - 1
    while i >= 0:
        if ent_type[i] in _STOP_ENTS or t.is_space[i]:
            break
        if text[i] == "-" and not space_after[i] and i > 0 and not space_after[i - 1]:
            picked.insert(0, i)
            i -= 1
            continue
        if t.is_punct[i]:
            break
        prefix = bool(picked) and picked[0] == i + 1 and text[i + 1] == "-"  # "Co" of "Co-host": one word
        if not prefix and _governs_or_argues(t, i, name_start):
            break  # "Muslim mayor rebuffs Trump": a headline's subject or verb before the name is no premodifier
        if lower[i] in _JOINERS and picked and i > 0 and role_word_at(t, i - 1):
            picked.insert(0, i)
            i -= 1
            continue
        if pos[i] in ("PROPN", "NOUN", "ADJ") or t.is_title[i] or lower[i] in lexicons.titles():
            if lower[i] in _DETERMINERS:
                break
            picked.insert(0, i)
            i -= 1
            continue
        break
    if not any(is_role(t, k) for k in picked):
        return None  # "Wednesday", "Democrat": premodifiers without a role word are not a role
    while picked and (pos[picked[0]] == "PROPN" and ent_type[picked[0]] == "PERSON" or text[picked[0]] == "-"):
        picked.pop(0)  # (and a hyphen whose first half was not taken)
    return _render(t, picked) if picked else None


_ARGUMENTS = frozenset({"nsubj", "nsubj:pass", "csubj", "obj", "iobj", "obl"})


def _governs_or_argues(t: TokenTable, i: int, name_start: int) -> bool:
    """Whether token ``i`` before a name stands outside the name's phrase: a subject or object of a clause (the
    parse of "London's Muslim mayor rebuffs Trump" makes "rebuffs" a noun subject), or the word the name's head
    hangs from as an argument ("rebuffs" with "Trump" its object). A premodifier ("Foreign Minister", "Sen.")
    is a compound, an adjective or a flat name part."""
    dep, head = t.dep, t.head  # (the table's lists: no spaCy Token made for every word before every name)
    if dep[i] in _ARGUMENTS:
        return True
    name = name_start
    while head[name] != name and dep[name] in ("compound", "flat", "flat:name") and head[name] > name:
        name = head[name]
    return head[name] == i and dep[name] in _ARGUMENTS


def _phrase_role(t: TokenTable, head: Token) -> Optional[str]:
    """The role text of a role noun phrase: the head's left modifiers, the head, and "of/for/at X" complements
    (no clauses)."""
    start = head.left_edge.i
    while start < head.i and (t.lower[start] in _DETERMINERS or t.is_punct[start]):
        start += 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in ("case", "nmod") and (child.lower_ in _JOINERS or child.dep_ == "nmod"):
            stop = child.right_edge.i + 1
            if any(t.is_punct[k] and t.text[k] not in ".'’-&" for k in range(end, stop)):
                break
            end = stop
        else:
            break
    return _render(t, list(range(start, end)))


def appositive_role(t: TokenTable, name: Span, is_role: Callable[[TokenTable, int], bool] = role_word_at
                    ) -> Optional[str]:
    """The role in an apposition next to a name ("Ned Price, a State Department spokesperson,")."""
    head = name.root
    for child in head.children:
        if child.dep_ == "appos" and not (name.start <= child.i < name.end) and is_role(t, child.i) and \
                not _subject_read_as_apposition(child):
            return _phrase_role(t, child)
    if head.dep_ == "appos" and is_role(t, head.head.i) and not (name.start <= head.head.i < name.end):
        return _phrase_role(t, head.head)
    return None


def _subject_read_as_apposition(noun) -> bool:
    """An "apposition" of a name that is the subject of the finite verb right after it ("In an interview with
    hosts Joe Scarborough and Mika Brzezinski, the Democratic presidential candidate stated that ..."): an
    apposition closes with a comma or its clause, not with a verb of its own. Not the name's role."""
    after = noun.right_edge.i + 1
    if after >= len(noun.doc) or noun.i < noun.head.i:
        return False
    verb = noun.doc[after]
    return verb.pos_ in ("VERB", "AUX") and verb.tag_ in ("VBD", "VBZ", "VBP", "MD")


def copular_role(t: TokenTable, name: Span, is_role: Callable[[TokenTable, int], bool] = role_word_at
                 ) -> Optional[str]:
    """The role in a copular sentence: "Graham is a congresswoman", "The CNN reporter ... is Elise Labott"."""
    head = name.root
    pred = head.head
    if head.dep_ in ("nsubj", "nsubj:pass"):
        if any(c.lemma_ == "be" and c.dep_ == "cop" for c in pred.children) and is_role(t, pred.i):
            return _phrase_role(t, pred)  # UD: the predicate noun heads the clause
    if head.dep_ == "root" or any(c.dep_ == "cop" for c in head.children):
        for child in head.children:
            if child.dep_ in ("nsubj",) and child.i < head.i and is_role(t, child.i) and any(
                c.dep_ == "cop" for c in head.children
            ):
                return _phrase_role(t, child)
    return None


def coordinated_role(t: TokenTable, name: Span, is_role: Callable[[TokenTable, int], bool] = role_word_at
                     ) -> Optional[str]:
    """The plural role written before a coordination of people's names, in the singular, for each of them
    ("Morning Joe hosts Joe Scarborough and Mika Brzezinski": each is a "Morning Joe host"); None for a name in
    no such coordination."""
    head = name.root
    first = head
    while first.dep_ == "conj" and first.head.i != first.i and first.head.i < first.i:
        first = first.head
    if first.i == head.i and not any(c.dep_ == "conj" and t.ent_type[c.i] == "PERSON" for c in head.children):
        return None
    if t.pos[first.i] != "PROPN" or t.ent_type[first.i] != "PERSON":
        return None
    start = first.i
    while start > 0 and t.pos[start - 1] == "PROPN" and t.ent_type[start - 1] == "PERSON":
        start -= 1
    if start == 0 or t.tag[start - 1] not in ("NNS", "NNPS"):
        return None  # "Sen. Lindsey Graham and John McCain": a singular title is the first name's alone
    role = premodifier_role(t, start, is_role)
    if not role:
        return None
    words = role.split(" ")
    singular = _singular(words[-1])
    return " ".join(words[:-1] + [singular]) if singular else None


def _singular(word: str) -> Optional[str]:
    """The singular of a plural role or person noun ("hosts", "attorneys", "congressmen"); None if not one."""
    low = word.lower()
    if len(low) < 4 or not low.endswith("s") and not low.endswith("men"):
        return None
    forms = ([low[:-3] + "man"] if low.endswith("men") else
             [low[:-3] + "y", low[:-2], low[:-1]] if low.endswith("ies") else [low[:-2], low[:-1]])
    found = next((f for f in forms if f in lexicons.role_words() or description_gender(f)), None)
    return None if found is None else word[: len(found)] if word[: len(found)].lower() == found else found


def role_of(name: Span, table: Optional[TokenTable] = None) -> Optional[str]:
    """The role stated at this name mention, if any (a plural premodifier of a coordination of names it stands in,
    premodifier, apposition, then copula); ``table``: the Doc's token table (else one is made)."""
    t = table if table is not None else TokenTable(name.doc)
    return (coordinated_role(t, name) or premodifier_role(t, name.start) or appositive_role(t, name)
            or copular_role(t, name))


_PREDICATE_VERBS = frozenset({"become", "remain", "name", "elect", "appoint", "nominate", "choose"})
"""Verbs whose complement says what their subject is: "Trump became the GOP presidential nominee"."""


_AS_VERBS = frozenset({"elect", "serve", "appoint", "name", "nominate", "choose", "select", "install", "confirm",
                       "hire", "work", "act", "swear", "reelect", "re-elect"})
"""Verbs whose "as" phrase says what their subject is or was: "Khan was elected as mayor of London", "Pence
served as governor"."""


def _without_as(role: Optional[str]) -> Optional[str]:
    return role[3:] if role is not None and role.lower().startswith("as ") else role


def descriptions_of(name: Span, table: TokenTable) -> list[str]:
    """What the document says a person is at this name mention, roles and other person nouns alike ("Donald Trump,
    the New York businessman", "Ivana Trump, his first wife", "Clinton, the former first lady and U.S. senator",
    "Trump became the GOP presidential nominee"): a later "the businessman", "his ex-wife" can refer to that
    person. Kept apart from :func:`role_of`: "businessman" or "wife" is no role of the speaker."""
    t, head = table, name.root
    found = [coordinated_role(t, name, description_word_at) or premodifier_role(t, name.start, description_word_at),
             appositive_role(t, name, description_word_at), copular_role(t, name, description_word_at)]
    described = [c for c in head.children if c.dep_ == "appos" and not (name.start <= c.i < name.end)
                 and not _subject_read_as_apposition(c)]
    for noun in described:
        found += [_phrase_role(t, c) for c in noun.children if c.dep_ == "conj" and description_word_at(t, c.i)]
    verb = head.head
    if head.dep_ in ("nsubj", "nsubj:pass") and verb.lemma_.lower() in _PREDICATE_VERBS:
        found += [_phrase_role(t, c) for c in verb.children
                  if c.dep_ in ("xcomp", "attr", "obj") and c.i > verb.i and description_word_at(t, c.i)
                  and (c.dep_ != "obj" or verb.lemma_.lower() in ("become", "remain"))]
    if head.dep_ in ("nsubj", "nsubj:pass") and verb.lemma_.lower() in _AS_VERBS:
        found += [_without_as(_phrase_role(t, c)) for c in verb.children
                  if c.dep_ in ("obl", "advcl", "xcomp") and c.i > verb.i
                  and any(k.lower_ == "as" and k.dep_ in ("case", "mark") for k in c.children)
                  and description_word_at(t, c.i)]
    return list(dict.fromkeys(d for d in found if d))


def nominal_role(span: Span, table: Optional[TokenTable] = None) -> Optional[str]:
    """The role a nominal mention states itself ("the Japanese minister" -> "Japanese minister"); ``table``: the
    Doc's token table (else one is made)."""
    t = table if table is not None else TokenTable(span.doc)
    toks = [i for i in range(span.start, span.end) if not t.is_punct[i] or t.text[i] == "-"]
    while toks and t.lower[toks[0]] in _DETERMINERS:
        toks.pop(0)
    if not toks or not any(role_word_at(t, i) for i in toks):
        return None
    return _render(t, toks)
