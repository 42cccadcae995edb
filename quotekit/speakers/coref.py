""":mod:`quotekit.speakers.coref`: the entities of one document and the resolution of mentions to them.

Algorithm (one pass to index, then constant work per speaker mention; no token-pair loops):

1. *Name clusters.* Every PERSON entity of the NER is cleaned (titles, role words, possessives dropped) and joined
   to a cluster: same surname and same first name (or one side without a first name). Different first names
   with one surname stay apart ("Donald Trump" / "Ivanka Trump"). Bare surname or first-name tokens elsewhere
   ("Motegi", even where the NER calls it a place) become mentions of the most recent cluster they match.
   ORG entities cluster by their text without "the".
2. *Roles.* Each name mention's premodifier/apposition role (:mod:`quotekit.speakers.roles`) is added to its
   cluster: a role stated once holds for all of the entity's mentions.
3. *Pronouns* ("he", "she") go to the best-scoring earlier person mention of agreeing gender within a window of
   sentences: recency, plus subject-of-a-speech-verb and subject bonuses, minus a penalty for mentions inside
   quotation marks (a name inside a quote is rarely the speaker of the words around it), and no referent for a
   pronoun inside a relative clause that modifies the candidate ("Christie, whom he describes"). Gender comes
   from first names and titles, else from the document (a described gender, a possessive or reflexive bound by
   the person as its clause's subject, "Kumar said he ..."); a person of unknown gender loses some salience. Resolved
   speaker mentions join their entity, so "Limbaugh said ... He said ... He added" chains. "they" is
   anonymous (a group) unless it refers to a coordination of names (:mod:`quotekit.speakers.groups`); "it"
   takes the latest organisation. :meth:`DocEntities.rank_pronoun` gives the ranking with scores, whose margin
   feeds the answer's confidence (:mod:`quotekit.speakers.confidence`).
4. *Relative pronouns* ("Trump, who criticized ...") take the noun their clause modifies.
5. *Nominals* ("the Japanese minister") go to the entity whose roles contain the head noun, most shared
   modifiers first, then recency; "the newspaper" / "the daily" go to the latest news outlet, "the ministry" to
   the latest organisation with that word; a plain definite person noun without a matching role ("the actor")
   refers to the person in focus within two sentences, like a pronoun. Unresolved nominals are typed by their
   head and determiner (anonymous sourcing, organisation, unknown).
6. *Headlines.* Title Case lines are skipped when indexing names: the NER finds people in every capitalised
   word there ("Caught Conspiring").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence, Union

import numpy
from spacy.parts_of_speech import IDS as POS_IDS

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..analysis import DocAnalysis, TokenTable, analysis_of
from .mentions import (HONORIFICS, NAME_PARTICLES, POSSESSIVE_GENDER, PRONOUN_GENDER, clean_name_indices,
                       extend_name, extend_name_end, garbled_name_word, postnominal_at, title_or_role_at)
from .roles import description_gender, description_word_at, descriptions_of, role_of

_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})
_PROPN = POS_IDS["PROPN"]
_WINDOW = 4  # sentences a pronoun looks back before falling back to the whole preceding text
SPEECH_SUBJECT_BONUS = 1.0
"""Salience added to a subject of a speech verb (on top of the subject's): a speaker is a likely antecedent of the
next "he said", but not so much that one named two sentences back beats a person introduced as the subject of
the pronoun's own sentence ("After the vote, Jeb Bush left the hall, and he said ..."). Was 2.0: on GUM
training documents (all genres) pronoun speakers 49 -> 51 of 89 at 1.0 with :data:`SAME_SENTENCE_BONUS`."""
UNKNOWN_GENDER_PENALTY = 1.25
"""Salience taken from a person of unknown gender as the antecedent of "he"/"she": a person the document shows to
be of the pronoun's gender (by name, title, description or a pronoun bound to them) is the likelier referent.
Chosen on GUM's training documents: of every he/him/his/himself/she/her/herself whose gold chain has a name
(1,707, each ranked by :meth:`DocEntities.rank_pronoun` alone), 1,044 right without this and the document's
genders, 1,067 with both at 1.0, 1,087 at 1.25 (above the integer steps of the other features, so that a tie goes
to the person of known gender), 1,083 at 1.5 (where a PolNeAR resolution-gold mention was lost); the PolNeAR
resolution gold is unchanged at 1.25."""
SAME_SENTENCE_BONUS = 1.0
"""Salience added to a mention in the pronoun's own sentence: the local antecedent."""
SIGNED_PARAGRAPH_TOKENS = 15
"""Tokens at least in the paragraph above a name standing alone for the name to be read as its signature."""
INTRODUCED_SUBJECT_BONUS = 1.0
"""Salience added to a person's first mention as a main-clause subject in the sentence before a subject "he"/"she"
(:meth:`DocEntities._introduced_subject`): one a story has just brought in is what the next "he said" is about,
more than a speaker named again two sentences back. On GUM's training documents (all genres), every subject
he/she with a named gold chain resolved as a speaker mention: 675 -> 681 of 872; PolNeAR tuning sets and GUM
speakers unchanged."""


@dataclass
class Entity:
    """One person or organisation of a document."""

    key: int
    name: str
    type: str  # "person" | "organization"
    first: Optional[str] = None
    last: Optional[str] = None
    gender: Optional[str] = None
    mentions: list[int] = field(default_factory=list)  # head token indices, document order
    _roles: list[str] = field(default_factory=list, repr=False)
    _names: list[Span] = field(default_factory=list, repr=False)  # name mentions, in the order of indexing
    _read: int = field(default=0, repr=False)  # how many of them had their role read
    _table: Optional[TokenTable] = field(default=None, repr=False, compare=False)  # the Doc's, to read roles
    _descriptions: Optional[list[str]] = field(default=None, repr=False)
    gender_guessed: bool = field(default=False, repr=False)  # read off a name's ending only: the text may overrule
    suffix: str = ""  # a generational suffix of the full name ("sr", "jr", "iii"): part of who it is

    @property
    def roles(self) -> list[str]:
        """The distinct roles stated at the entity's name mentions, in the order of indexing (read on first use:
        most entities of a document never speak)."""
        self._read_roles(len(self._names))
        return self._roles

    @property
    def role(self) -> Optional[str]:
        """The first of :attr:`roles` (read no further than needed)."""
        while not self._roles and self._read < len(self._names):
            self._read_roles(self._read + 1)
        return self._roles[0] if self._roles else None

    @property
    def descriptions(self) -> list[str]:
        """What the document says the person is at its name mentions, roles and other person nouns alike ("the New
        York businessman", "his first wife"; :func:`~quotekit.speakers.roles.descriptions_of`), read on first use."""
        if self._descriptions is None:
            found = [d for name in self._names for d in descriptions_of(name, self._table)] if self._table else []
            self._descriptions = list(dict.fromkeys(found))
        return self._descriptions

    def _read_roles(self, upto: int) -> None:
        for name in self._names[self._read:upto]:
            role = role_of(name, self._table)
            if role and role not in self._roles:
                self._roles.append(role)
        self._read = max(self._read, upto)


@lru_cache(maxsize=65536)
def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


class DocEntities:
    """Index of the people and organisations named in a Doc, with per-token salience features (built from the
    document's :class:`~quotekit.analysis.DocAnalysis`, or a fresh one for a plain Doc)."""

    def __init__(self, doc: Union[Doc, DocAnalysis]):
        self.analysis = analysis = analysis_of(doc)
        self.doc = doc = analysis.doc
        self.entities: list[Entity] = []
        self.token_entity: dict[int, int] = {}
        self._by_last: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}
        self._by_paternal: dict[str, list[int]] = {}  # first surnames of double ones: a bare name's last resort
        self._orgs: dict[str, int] = {}
        self.table = table = analysis.table
        self.sent_of = [0] * len(doc)
        self.headline = [False] * len(doc)
        starts = sorted(set(table.sent_start))
        self._sent_starts = starts
        for n, (start, is_headline) in enumerate(zip(starts, _headlines(table, starts))):
            end = table.sent_end[start]
            self.sent_of[start:end] = [n] * (end - start)
            self.headline[start:end] = [is_headline] * (end - start)
        self.in_quote = self._quote_mask()
        self._narrative: Optional[list[int]] = None
        described_places: set[int] = set()
        ents = [ent for ent in _merged_ents(analysis) if not self.headline[ent.start]]
        # (Title Case Headlines Make The NER See People Everywhere: their entities are skipped)
        labels = [ent.label_ for ent in ents]  # (each ``Span.label_`` looks its string up anew)
        not_people = _mostly_not_people(ents, labels, table)
        bound = _bound_names(analysis, self.in_quote)
        place_words = Counter(_single_word(ent, table) for ent, label in zip(ents, labels) if label in _PLACE_LABELS)
        for ent, label in zip(ents, labels):
            if label != "PERSON" and bound and _last_word(ent, table) in bound:
                # "Byron received his education", "In 2005, Holt [ORG] was named": a person (the line it ends)
                label, ent = "PERSON", _last_line(ent, analysis.text)
            if label == "ORG" and (_postnominal_person(ent, table) or _titled_person(ent, table)):
                label = "PERSON"  # "Reid's barrister, Helen Aldred KC,", "Baroness Hale": a person's name
            if label == "PERSON" and (_single_word(ent, table) in not_people
                                      or _lower_case(ent, analysis.tokens_text(ent.start, ent.end))):
                continue  # "Clarkston became his home": the town the NER calls a place everywhere else
            if label == "PERSON" and _shop_name(ent, table):
                continue  # "When we pass Spencer's, she stops": a shop, no "she" goes to it
            if label == "PERSON":
                self._add_person(extend_name(table, ent.start, ent.end), extend_name_end(table, ent.start, ent.end))
            elif label in _PLACE_LABELS and not self.in_quote[ent.root.i] and \
                    _speaking_given_name(ent, table, place_words):
                self._add_person(ent.start, ent.end)  # '"...," Veronique said': a person the NER took for a place
            elif label in _PLACE_LABELS and ent.end not in described_places:
                start = _described_person(table, ent)
                if start is not None:  # "Valeska Paris, an Australian woman": a person the NER took for places
                    described_places.add(ent.end)
                    self._add_person(start, ent.root.i + 1)
            elif label == "ORG" and _person_after_role(ent, table):
                self._add_person(ent.start, ent.end)  # "Fox News host Sean Hannity": a person the NER took for an org
            elif label == "ORG":
                self._add_org(ent)
        for start, end in bound.values():
            if end - 1 not in self.token_entity:  # a name the NER never labels at all: indexed where it binds
                self._add_person(start, end)
        self._add_bare_names()
        self._genders_from_document()

    # -- indexing ------------------------------------------------------------------------------------------
    def _quote_mask(self) -> list[bool]:
        """Which tokens lie inside quotation marks (the attributor's quotation pairing)."""
        return [q is not None for q in self.analysis.in_quote]

    def _name_tokens(self, start: int, end: int) -> list[int]:
        """The name words among tokens ``start:end`` (see :func:`clean_name_indices`), as indices."""
        text, punct = self.table.text, self.table.is_punct
        cut = next((i for i in range(start, end) if text[i] in _NAME_ENDS), end)  # "Luciana Lopez: Saying to ..."
        return [i for i in clean_name_indices(self.table, range(start, cut)) if not punct[i] or text[i] in ("'t",)]

    def _text(self, toks: list[int]) -> str:
        return self.analysis.tokens_text(toks[0], toks[-1] + 1)

    def _add_person(self, start: int, end: int) -> None:
        toks = self._name_tokens(start, end)
        if not toks:
            return
        lower = self.table.lower
        named = list(toks)
        while len(named) > 1 and postnominal_at(self.table, named[-1]):
            named.pop()  # "Helen Aldred KC" is Helen Aldred (the letters stay her mention's tokens)
        while len(named) > 2 and _inflected_speech_verb(self.table.text[named[-1]]):
            del toks[toks.index(named.pop()):]  # "Glenn Beck Blasts Drudge": a headline's verb the NER ran on into
        name_toks = [i for i in named if lower[i] not in _SUFFIXES]
        suffix = _suffix_of(lower, named)
        words = self._name_words(name_toks)
        if not words or (len(words) == 1 and words[0].lower() in lexicons.media_name_words()):
            return
        if any(ch.isdigit() for word in words for ch in word):
            return  # "YouTube Rewind 2013", "5C. Ramon": the NER's slip, no person's name has digits
        last = _norm(self.table.text[name_toks[-1]])  # (a hyphenated surname's last part: bare names' key)
        first = _norm(words[0]) if len(words) > 1 else None
        if first in NAME_PARTICLES and len(words) == 2:
            first = None  # "De Blasio" is Bill de Blasio's surname, not a first name "De"
        key = self._find_person(first, last, toks[0], suffix)
        paternal = _paternal_surname(words)
        if key is None and first and paternal:  # "Miguel Basáñez" ... "Miguel Basáñez Ebergenyi": one man
            key = self._find_person(first, paternal, toks[0], suffix)
            if key is not None and self.entities[key].first != first:
                key = None  # (the same first name written out, not a bare "Chao" met before)
        if key is None:
            key = len(self.entities)
            self.entities.append(Entity(key, self._text(named), "person", first, last, _table=self.table,
                                        suffix=suffix if first else ""))
            self._by_last.setdefault(last, []).append(key)
            if first:
                self._by_first.setdefault(first, []).append(key)
        whole = _norm(words[-1])
        if whole != last and key not in self._by_last.get(whole, []):  # "Kirby-Yung" the NER labels ORG alone
            self._by_last.setdefault(whole, []).append(key)
        if paternal and key not in self._by_paternal.get(paternal, []):
            self._by_paternal.setdefault(paternal, []).append(key)  # "Carlos Manuel Sada Solana" ... "Sada said"
        entity = self.entities[key]
        if first and not entity.first:  # "Motegi" ... "Toshimitsu Motegi": the fuller name becomes canonical
            entity.first, entity.suffix = first, suffix
            self._by_first.setdefault(first, []).append(key)
        if len(named) > len(entity.name.split()) and first:
            entity.name = self._text(named)
        if entity.gender is None:
            entity.gender = self._gender(toks)
            entity.gender_guessed = entity.gender is not None and self._gender_by_ending(toks)
        self._mention(key, toks)

    def _name_words(self, toks: list[int]) -> list[str]:
        """The words of a name, a hyphenated one whole: the tokenizer splits "Kirby-Yung" in three and the hyphen
        is no name token, so "Sarah Kirby-Yung" read as three words made "Kirby" the first name of a bare
        "Kirby-Yung" later, another person than Sarah. The last word stays the key (a bare "Yung" matches)."""
        text, space_after = self.table.text, self.table.space_after
        words: list[str] = []
        for n, i in enumerate(toks):
            joined = n and toks[n - 1] == i - 2 and text[i - 1] == "-" and not space_after[i - 2] \
                and not space_after[i - 1]
            if joined:
                words[-1] = f"{words[-1]}-{text[i]}"
            else:
                words.append(text[i])
        return words

    def _find_person(self, first: Optional[str], last: str, at: int, suffix: str = "") -> Optional[int]:
        """The person a name of ``first`` and ``last`` names (``first`` None: a bare surname or first name, the
        latest of the people it may be). A full name is the person of the same full name and generational suffix
        (or of no first name yet): "Duncan Hunter Sr." is not "Duncan Hunter", nor "Donald Trump Jr." "Donald
        Trump" -- a suffix is written to tell a person from a namesake, so a text that writes the name both with
        and without it means two people. A bare "Hunter" stays free to go to either."""
        keys = self._by_last.get(last, [])
        if first is None:
            keys = keys or self._by_first.get(last, []) or self._by_paternal.get(last, [])
            return self._latest(self._with_suffix(keys, suffix), at)  # "Trump Jr. said": the Jr. among the Trumps
        same = [k for k in keys if self.entities[k].first is None
                or (self.entities[k].first == first and self.entities[k].suffix == suffix)]
        return self._latest(same, at)

    def _with_suffix(self, keys: list[int], suffix: str) -> list[int]:
        """The people among ``keys`` whose name carries this generational suffix, all of them when none does (or
        when ``suffix`` is empty)."""
        if not suffix:
            return keys
        return [k for k in keys if self.entities[k].suffix == suffix] or keys

    def _latest(self, keys: list[int], at: int) -> Optional[int]:
        best, best_at = None, -1.0
        for k in keys:
            mentions = self.entities[k].mentions
            n = bisect_left(mentions, at)
            pos = mentions[n - 1] if n else -0.5  # never mentioned earlier: rank below earlier mentions
            if best is None or pos > best_at:
                best, best_at = k, pos
        return best

    def _gender(self, toks: list[int]) -> Optional[str]:
        start, lower = toks[0], self.table.lower
        if start > 0:
            title = lower[start - 1]
            if title in ("mr.", "mr"):
                return "m"
            if title in ("mrs.", "ms.", "mrs", "ms", "miss"):
                return "f"
        # a one-word name is a first name only when the document never gives it a surname ("Rachel" in a story);
        # as a surname ("Warren") it says nothing of gender
        if len(toks) == 1 and (lower[start] in self._by_last and any(self.entities[k].first
                                                                      for k in self._by_last[lower[start]])):
            return None
        if len(toks) == 1 and start > 0 and title_or_role_at(self.table, start - 1):
            return None  # "Justice Thomas", "Senator Warren": a surname after a title, whatever first name it spells
        known = lexicons.first_name_gender().get(lower[start])
        if known is None and len(toks) > 1:  # "Felipe Calderon": the census first names, before a surname only
            known = lexicons.given_name_gender().get(lower[start])
        if known is None and self._gender_by_ending(toks):
            return "f"  # "Alyona Minkovski", "Svetlana ...": a first name the lexicon lacks, of a female form
        return known

    def _gender_by_ending(self, toks: list[int]) -> bool:
        """Whether :meth:`_gender` reads a name's gender off its first word's ending alone (no title, no lexicon
        name): a guess the document's own pronouns overrule ("Abba Theodorus ... his parents")."""
        first = self.table.lower[toks[0]]
        return len(toks) > 1 and first not in lexicons.first_name_gender() and _feminine_ending(first) and \
            not (toks[0] > 0 and self.table.lower[toks[0] - 1] in HONORIFICS)

    def _guess_overruled(self, entity: Entity) -> bool:
        """Whether the document's pronouns may overrule a gender guessed from the name's ending: not for a first
        name the census lists as a woman's ("Gabriela"), nor where another person shares the surname (the bare
        "Lazar" the pronouns are bound to may be the other Lazar)."""
        if entity.first and lexicons.given_name_gender().get(entity.first) == entity.gender:
            return False
        return len(self._by_last.get(entity.last or "", [])) <= 1

    def _genders_from_document(self) -> None:
        """Genders the names do not give, from what the document says of the person: a described gender ("Valeska
        Paris, an Australian woman", "the actress") and pronouns bound by the person as the subject of their clause
        ("Waters gave her opening remarks", "Montalvo turned himself in", "Kumar said he would ..."), where no other
        person is named in the sentence. Votes of both genders leave the gender unknown."""
        if not any(entity.type == "person" and self._open_gender(entity) for entity in self.entities):
            return  # (every vote would go to such a person)
        votes: dict[int, set[str]] = {}
        for entity in self.entities:
            if entity.type == "person" and entity.gender is None:
                for description in entity.descriptions:
                    said = description_gender(description.split()[-1]) if description else None
                    if said in ("he", "she"):
                        votes.setdefault(entity.key, set()).add(PRONOUN_GENDER[said])
        lower = self.table.lower
        gendered = _gendered_words()
        for i in [i for i, low in enumerate(lower) if low in gendered]:
            gender = gendered[lower[i]]
            subject = _binding_subject(self.doc[i])
            key = self.token_entity.get(subject.i) if subject is not None else None
            if key is None:
                key = self._only_subject_before(i, gender)
                if key is not None:  # "Lance Beebe, 49, said ... He attended the rally"
                    votes.setdefault(key, set()).add(gender)
                continue
            if self.entities[key].type != "person" or not self._open_gender(self.entities[key]):
                continue
            if self.in_quote[i] != self.in_quote[subject.i] or not self._only_person_in_sentence(key, i):
                continue
            votes.setdefault(key, set()).add(gender)
        for key, genders in votes.items():
            if len(genders) == 1:
                self.entities[key].gender = genders.pop()
                self.entities[key].gender_guessed = False

    def _open_gender(self, entity: Entity) -> bool:
        """Whether the document's pronouns may still give a person a gender: none known, or one guessed from
        the name's ending only that they may overrule."""
        return entity.gender is None or (entity.gender_guessed and self._guess_overruled(entity))

    def _only_subject_before(self, at: int, gender: str) -> Optional[int]:
        """The person of unknown gender a subject "he"/"she" opening its clause (no person named before it in its
        sentence, outside quotation marks) can only refer to: the one person subject of the sentence before, in
        the same paragraph, that the pronoun agrees with ("Lance Beebe, 49, a Navy veteran, said Hillary Clinton
        should be ready ... He attended the rally"); None when there is no such person or more than one."""
        table, doc = self.table, self.doc
        if table.lower[at] not in ("he", "she") or self.in_quote[at] or table.dep[at] not in _SUBJECTS:
            return None
        start = table.sent_start[at]
        if any(self.token_entity.get(i) is not None and not self.in_quote[i] for i in range(start, at)):
            return None
        n = self.sent_of[at]
        if n == 0:
            return None
        previous = self._sent_starts[n - 1]
        para = self.analysis.para
        if para[previous] != para[at]:
            return None
        found: set[int] = set()
        for i in range(previous, start):
            key = self.token_entity.get(i)
            if key is None or self.in_quote[i] or self.entities[key].type != "person":
                continue
            if self.entities[key].gender not in (None, gender):
                continue
            if _name_head(doc[i]).dep_ in _SUBJECTS:
                found.add(key)
        if len(found) != 1:
            return None
        key = found.pop()
        return key if self.entities[key].gender is None else None

    def _only_person_in_sentence(self, key: int, at: int) -> bool:
        """No other person's name in the sentence of token ``at``."""
        sent = self.doc[at].sent
        return all(self.entities[k].type != "person" or k == key
                   for k in (self.token_entity.get(i) for i in range(sent.start, sent.end)) if k is not None)

    def _mention(self, key: int, toks: list[int]) -> None:
        head = toks[-1]
        entity = self.entities[key]
        for i in toks:
            self.token_entity[i] = key
        n = bisect_left(entity.mentions, head)
        if n == len(entity.mentions) or entity.mentions[n] != head:
            entity.mentions.insert(n, head)
        if entity.type == "person":
            entity._names.append(Span(self.doc, toks[0], toks[-1] + 1))

    def _add_org(self, ent: Span) -> None:
        words, lower = self.table.text, self.table.lower
        toks = [i for i in range(ent.start, ent.end) if lower[i] != "the" and words[i] not in ("'s", "’s")]
        if not toks:
            return
        text = self._text(toks)
        norm = _norm(text)
        if norm in self._by_last or norm in self._by_first:  # a person's bare name mislabelled ORG
            return
        key = self._orgs.get(norm)
        if key is None:
            key = len(self.entities)
            self.entities.append(Entity(key, text, "organization", _table=self.table))
            self._orgs[norm] = key
        self._mention(key, toks)

    def _add_bare_names(self) -> None:
        if not self._by_last and not self._by_first:
            return
        table, doc = self.table, self.doc
        candidates = numpy.flatnonzero((table.column("POS") == _PROPN) | (table.column("IS_TITLE") != 0)).tolist()
        if any(garbled_name_word(key.upper()) for key in self._by_last):
            # "SarukhÃ¡n added": a mis-decoded surname the tagger calls a number
            candidates = sorted(set(candidates) | {i for i, w in enumerate(table.text) if garbled_name_word(w)})
        lowercase: Optional[set[str]] = None
        for i in candidates:
            pos = table.pos[i]
            low = _norm(table.text[i])
            keys = self._by_last.get(low) or self._by_first.get(low) or self._by_paternal.get(low)
            if not keys or i in self.token_entity:
                continue
            if title_or_role_at(table, i):
                continue
            label = i == table.sent_start[i] and i + 1 < len(doc) and table.text[i + 1] == ":"
            if pos != "PROPN" and not _subject_like(doc[i]) and not label:
                continue  # (a label opening its line, "Trump: ...", is its speaker, whatever the tagger made of it)
            if pos != "PROPN" and i == table.sent_start[i]:
                # a capitalised first word the tagger took for a noun ("Rathbun requested ..."): a name only if the
                # document never writes it in lower case ("Will" / "will")
                if lowercase is None:
                    lowercase = {w for w, low in zip(table.text, table.lower) if w == low}
                if low in lowercase:
                    continue
            if i + 1 < len(table.lower):  # "Trump Jr. said": the Jr.
                keys = self._with_suffix(keys, _suffix_of(table.lower, [i + 1]))
            key = self._latest(keys, i)
            if key is not None:
                self._mention(key, [i])

    # -- lookups -------------------------------------------------------------------------------------------
    def entity_at(self, span: Span) -> Optional[Entity]:
        """The entity a name span (or any of its tokens) belongs to, preferring its last token."""
        for tok in reversed(span):
            key = self.token_entity.get(tok.i)
            if key is not None:
                return self.entities[key]
        return None

    def person_from_name(self, name: Span) -> Optional[Entity]:
        """The cluster of a name the NER missed, matched on its last word."""
        toks = self._name_tokens(name.start, name.end)
        lower = self.table.lower
        suffix = _suffix_of(lower, toks)
        toks = [i for i in toks if lower[i] not in _SUFFIXES]
        if not toks:
            return None
        last = _norm(self.table.text[toks[-1]])
        keys = self._by_last.get(last) or self._by_first.get(last) or []
        key = self._latest(self._with_suffix(keys, suffix), name.start)  # "Trump Jr." the NER did not label
        return self.entities[key] if key is not None else None

    # -- salience ------------------------------------------------------------------------------------------
    def _score(self, tok_i: int, at: int) -> float:
        """The salience of the mention at ``tok_i`` as the antecedent of a pronoun at ``at``. No term for how often
        the document names the person: one (``1.75 * log(1 + earlier mentions)``) gained on GUM's pronouns (1,111
        -> 1,169 of 1,707) but sent news speakers' "he said" from the witness just introduced to the article's
        main figure (PolNeAR resolution gold pronouns 62 -> 54 of 69)."""
        tok = self.doc[tok_i]
        distance = self._distance(at, tok_i)
        score = -1.0 * distance + tok_i * 1e-6 + (SAME_SENTENCE_BONUS if distance == 0 else 0.0)
        head = _name_head(tok)
        if head.dep_ == "appos" and head.head.dep_ in _SUBJECTS:
            head = head.head  # "Trump's running mate -- Indiana Gov. Mike Pence -- has ...": the name is the subject
        if head.dep_ in _SUBJECTS or (head.dep_ == "aux" and _subject_like(head)):
            score += 1.0
            verb = head.head
            if verb.lemma_.lower() in lexicons.speech_verbs():
                score += SPEECH_SUBJECT_BONUS
        if self.in_quote[tok_i] and not self.in_quote[at]:
            score -= 3.0  # "“Trump lost me,” he said": a name inside the quote is rarely its speaker
        if distance == 0 and _inside_controlled_clause(tok, self.doc[at]):
            score -= 2.0  # "Asked whether Clinton can win, she replied": the pronoun is the one asked
        if head.dep_ == "nmod:poss" and head.head.dep_ not in _SUBJECTS:
            score -= 0.5  # "getting through Anderson Cooper's questions"; not "Trump's guiding principle is"
        return score

    def _last_speaker(self, m: int, at: int) -> bool:
        """Whether the mention at ``m`` is the subject of a verb of saying in the pronoun's sentence or the one
        before it (quotations not counted), outside an adverbial or relative clause: the speaker a "he asked"
        after it most likely continues, whatever gender the document leaves the name ("Hewitt argued that ...,
        but suggested Trump went too far. '... Mistake?' he asked")."""
        head = _name_head(self.doc[m])
        return self._distance(at, m) <= 1 and not self.in_quote[m] and _speech_subject(head) and \
            head.head.dep_ not in _ADVERBIAL_OR_RELATIVE  # (not "When Maddow pointed out ..., Clinton seized")

    def _signature(self, m: int) -> bool:
        """Whether a person's mention at ``m`` is a paragraph of its own, the name and nothing else ("Ernie Helton."
        under a reader's letter): a signature, no antecedent of the "he" that opens the next letter."""
        table, analysis = self.table, self.analysis
        start, end = analysis.para_start[m], analysis.para_end[m]
        if end - start > 12:
            return False
        if start == 0 or start - analysis.para_start[start - 1] < SIGNED_PARAGRAPH_TOKENS:
            return False  # (a name said as a turn of a conversation follows another short turn)
        key = self.token_entity.get(m)
        names = sum(self.token_entity.get(i) == key for i in range(start, end))
        return names >= 2 and all(self.token_entity.get(i) == key or table.text[i] in (".", ",") or table.is_space[i]
                                  for i in range(start, end))  # (not "Carolyn." or "Joseph Campbell?" in a talk)

    def _co_participants(self, noun: Token) -> set[int]:
        """Person mentions in the clause a description is the subject of, outside its own phrase: other
        participants of what it does, never the one it describes ("In an interview with hosts Joe Scarborough and
        Mika Brzezinski, the Democratic presidential candidate stated ...": not Brzezinski)."""
        clause = _clause_head(noun)
        phrase = range(noun.left_edge.i, noun.right_edge.i + 1)
        return {i for i in range(clause.left_edge.i, noun.i) if i in self.token_entity and i not in phrase
                and _clause_head(self.doc[i]).i == clause.i}

    def _introduced_subject(self, m: int, at: int) -> bool:
        """Whether the first mention of a person, at ``m``, is the subject of the main clause of the sentence before
        a subject pronoun at ``at`` (quotations not counted), both outside quotation marks: a person a story has
        just brought in ("A witness, Tom Harris, was outside the building. He said ..."). Not for a possessive:
        "said Ari Fleischer, ... / While many agreed with Carson's speech, his repeated mispronunciations" keeps
        to the topic."""
        if self.in_quote[at] or self.in_quote[m] or self._distance(at, m) != 1:
            return False
        head = _name_head(self.doc[m])
        if head.dep_ == "appos" and head.head.dep_ in _SUBJECTS:
            head = head.head
        if head.dep_ not in _SUBJECTS:
            return False
        verb = head.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        return verb.head.i == verb.i  # (not "Dean Acheson told him that Harry Truman denied ...")

    def _distance(self, at: int, m: int) -> int:
        """Sentences from token ``m`` back to a pronoun at ``at``; for a pronoun outside quotation marks, sentences
        wholly inside them are not counted ("Trump has pointed to the case. '...' '...' '...' '...,' he said": the
        quotation's sentences do not take the speaker out of the pronoun's window)."""
        if self.in_quote[at]:
            return self.sent_of[at] - self.sent_of[m]
        narrative = self._narrative_sentences()
        return narrative[self.sent_of[at]] - narrative[self.sent_of[m]]

    def _narrative_sentences(self) -> list[int]:
        """Per sentence, how many sentences up to it are not wholly inside quotation marks (built once)."""
        if self._narrative is None:
            counts, total = [], 0
            for start in self._sent_starts:
                end = self.table.sent_end[start]
                quoted = all(self.in_quote[i] or self.table.is_punct[i] or self.table.is_space[i]
                             for i in range(start, end))
                total += 0 if quoted else 1
                counts.append(total)
            self._narrative = counts
        return self._narrative

    def resolve_pronoun(self, pron: Token, *, extra: Optional[dict[int, float]] = None,
                        gender: Optional[str] = None, window: int = _WINDOW) -> Optional[Entity]:
        """The person a "he"/"she" refers to (None when no earlier person agrees); ``gender`` as a pronoun."""
        ranked = self.rank_pronoun(pron, extra=extra, gender=gender, window=window)
        return ranked[0][0] if ranked else None

    def rank_pronoun(self, pron: Token, *, extra: Optional[dict[int, float]] = None, gender: Optional[str] = None,
                     window: int = _WINDOW, before: Optional[int] = None) -> list[tuple[Entity, float, int]]:
        """The candidate persons of a "he"/"she", best first: ``(entity, score, mention)`` with each entity's best
        earlier mention inside the window; when none is inside, only the fallback (:func:`_fallback_key`) with
        score ``-inf``, at its latest mention (the fallback of :meth:`resolve_pronoun`). ``before``: the first token
        of the mention when ``pron`` is the head of a longer one ("the Gawker employee": no name inside it is its
        antecedent)."""
        gender = PRONOUN_GENDER.get(gender or pron.lower_)
        at = pron.i
        limit = at if before is None else min(before, at)
        blocked = _clause_hosts(pron)
        if pron.pos_ == "NOUN" and (pron.dep_ in _SUBJECTS or pron.dep_ == "appos"
                                    and _subject_misread_as_apposition(pron)):
            blocked |= self._co_participants(pron)
        speaking = _speech_subject(pron)
        introduced = pron.dep_ in _SUBJECTS and pron.lower_ in ("he", "she")  # (not "his", "the man")
        best: dict[int, tuple[float, int]] = {}
        fallback: Optional[Entity] = None
        fallback_at = -1
        fallback_key: Optional[tuple] = None
        for entity in self.entities:
            if entity.type != "person" or (gender and entity.gender and entity.gender != gender):
                continue
            for m in entity.mentions:
                if m >= limit:
                    break
                if m in blocked or self._signature(m):
                    continue
                if self._distance(at, m) > window:
                    if window < _WINDOW:
                        continue
                    key = _fallback_key(entity, m, limit, gender)
                    if fallback_key is None or key > fallback_key:
                        fallback, fallback_at, fallback_key = entity, m, key
                    continue
                score = self._score(m, at) + (extra or {}).get(m, 0.0)
                if introduced and m == entity.mentions[0] and self._introduced_subject(m, at):
                    score += INTRODUCED_SUBJECT_BONUS
                if gender and entity.gender is None and not (speaking and self._last_speaker(m, at)):
                    score -= UNKNOWN_GENDER_PENALTY
                if entity.key not in best or score > best[entity.key][0]:
                    best[entity.key] = (score, m)
        if best:  # stable sort: among equal scores the first entity indexed wins, as before
            return [(self.entities[k], s, m) for k, (s, m) in sorted(best.items(), key=lambda kv: -kv[1][0])]
        return [(fallback, float("-inf"), fallback_at)] if fallback is not None else []

    def find(self, name: str) -> Optional[Entity]:
        """The entity with this canonical name."""
        for entity in reversed(self.entities):
            if entity.name == name:
                return entity
        return None

    def add_mention(self, entity: Entity, token_i: int) -> None:
        """Record a resolved pronoun/nominal as a further mention of an entity (chains "X ... he ... he")."""
        n = bisect_left(entity.mentions, token_i)
        if n == len(entity.mentions) or entity.mentions[n] != token_i:
            entity.mentions.insert(n, token_i)

    def latest_org(self, at: int, *, words: Optional[frozenset[str]] = None, media: bool = False) -> Optional[Entity]:
        """The organisation mentioned last before token ``at`` (optionally: a news outlet / one containing a word)."""
        best, best_at = None, -1
        for entity in self.entities:
            if entity.type != "organization":
                continue
            tokens = set(_norm(entity.name).split())
            if media and not (tokens & lexicons.media_name_words()):
                continue
            if words and not (tokens & words):
                continue
            n = bisect_left(entity.mentions, at)
            if n and entity.mentions[n - 1] > best_at:
                best, best_at = entity, entity.mentions[n - 1]
        return best

    def resolve_nominal(self, span: Span, head: Token) -> Optional[Entity]:
        """The person whose stated role matches a nominal's head and modifiers ("the Japanese minister")."""
        head_word = _role_key(head.lemma_.lower())
        if head.lemma_.lower() not in lexicons.role_words() and head.lower_ not in lexicons.role_words():
            return None  # only a role noun names a person ("the minister"), not "his campaign"
        mods = {_norm(t.text) for t in span if t.i != head.i and not t.is_punct and t.lower_ not in ("the", "this", "that", "a", "an")}
        ranked = self.rank_nominal(span, head_word, mods)
        return ranked[0][0] if ranked else None

    def rank_nominal(self, span: Span, head_word: str, mods: set[str]) -> list[tuple[Entity, float, int]]:
        """The persons whose stated roles or descriptions contain a role noun ("the businessman": "Donald Trump, the
        New York businessman"), best first: ``(entity, score, latest mention)``."""
        ranked: list[tuple[Entity, float, int]] = []
        for entity in self.entities:
            if entity.type != "person" or not (entity.roles or entity.descriptions):
                continue
            n_before = bisect_left(entity.mentions, span.start)
            if not n_before:
                continue
            earlier = entity.mentions[:n_before]
            role_words = _stated_words(entity)
            if head_word not in role_words:
                continue
            score = 2.0 * len(mods & role_words) - 0.1 * (self.sent_of[span.start] - self.sent_of[earlier[-1]])
            ranked.append((entity, score, earlier[-1]))
        return sorted(ranked, key=lambda r: -r[1])  # stable: the first entity indexed wins a tie, as before

    def first_named_holder(self, span: Span, head_word: str, mods: set[str]) -> Optional[Entity]:
        """The person first named after a description whose stated roles or descriptions contain its role noun
        ("Indiana governor endorses Cruz / ... the endorsement of Gov. Mike Pence"): the one introduced first, most
        shared modifiers first. None when someone named before the description holds that role (see
        :meth:`rank_nominal`) or no one after it does."""
        found: list[tuple[int, int, Entity]] = []
        for entity in self.entities:
            if entity.type != "person" or not entity.mentions or not (entity.roles or entity.descriptions):
                continue
            role_words = _stated_words(entity)
            if head_word not in role_words:
                continue
            if entity.mentions[0] < span.start:
                return None  # a holder named before: the description is not introducing anyone
            found.append((-len(mods & role_words), entity.mentions[0], entity))
        return min(found, key=lambda f: f[:2])[2] if found else None


def _fallback_key(entity: Entity, m: int, limit: int, gender: Optional[str]) -> tuple[bool, int, int]:
    """How good a guess an entity named at ``m``, outside a pronoun's window, is for it (larger is better): of the
    pronoun's known gender first, then the most often named before it (a text's main figure, whom a "he" long
    after the last name most often is), then the latest. Chosen on GUM's training documents (all genres): of 186
    "he"/"she" with a named gold chain and no person inside the window, the latest agreeing person was right for
    87, the most often named for 95, of known gender first 100."""
    return (gender is None or entity.gender is not None, bisect_left(entity.mentions, limit), m)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


_BINDING_WORDS = frozenset({"his", "her", "himself", "herself"})


def _bound_names(analysis: DocAnalysis, in_quote: Sequence[bool]) -> dict[str, tuple[int, int]]:
    """Proper names the NER did not (always) label a person that the document binds a gendered possessive or
    reflexive to, as the subject of its clause ("Byron received his education", "Holt began his career", "Erasmus
    entitled his book"): an organisation or a place takes "its" or "their", so such a name is a person's. Each
    name's lower-cased head word, with the token span of its first binding mention (its compound words
    included). Outlet and organisation words ("the Journal", "the Times") are left out, and the pronoun must
    stand on the same side of the quotation marks as the name."""
    table, doc = analysis.table, analysis.doc
    lower, dep = table.lower, table.dep
    out: dict[str, tuple[int, int]] = {}
    for i in [i for i, low in enumerate(lower) if low in _BINDING_WORDS]:
        if lower[i] == "her" and dep[i] not in ("nmod:poss", "poss"):
            continue  # "asked her": an object, bound to no one
        subject = _binding_subject(doc[i])
        if subject is None or in_quote[subject.i] != in_quote[i]:
            continue
        k = subject.i
        if table.pos[k] != "PROPN" or not table.is_title[k] or table.ent_type[k] == "PERSON":
            continue
        word = _norm(table.text[k])
        if word in out or word in _not_person_words():
            continue
        start = min([c.i for c in subject.children if c.dep_ in ("compound", "flat", "flat:name") and c.i < k
                     and table.pos[c.i] == "PROPN" and table.is_title[c.i]] + [k])
        out[word] = (start, k + 1)
    return out


def _suffix_of(lower: Sequence[str], toks: Sequence[int]) -> str:
    """The last generational suffix among ``toks`` ("sr", "jr", "iii"; full stop dropped), or ""."""
    return next((lower[i].rstrip(".") for i in reversed(toks) if lower[i] in _SUFFIXES), "")


@lru_cache(maxsize=None)
def _inflected_speech_verb(word: str) -> bool:
    """An inflected communication verb ("Blasts", "Tells", "Explained"): the NER runs a Title Case headline's name
    on into its verb ("Dennis Prager Tells Students"); no name's third word is one. (The bare lemma stays a
    possible name word: "William Tell".)"""
    low = word.lower()
    return low not in lexicons.speech_verbs() and lexicons.is_speech_word(low)


@lru_cache(maxsize=None)
def _not_person_words() -> frozenset[str]:
    """Words that name no person even as a clause's subject: news outlets', organisations' head words."""
    return lexicons.media_name_words() | lexicons.organization_heads() | lexicons.media_anaphors()


def _last_line(ent: Span, text: str) -> Span:
    """The part of an entity on the line where it ends ("Brock Holt" / "Holt", a heading and the line after it,
    read as one name: "Holt")."""
    doc = ent.doc
    cut = text.rfind("\n", ent.start_char, ent.end_char)
    if cut < 0:
        return ent
    start = next((t.i for t in ent if t.idx > cut and not t.is_space), None)
    return Span(doc, start, ent.end, label=ent.label_) if start is not None else ent


def _last_word(ent: Span, table: TokenTable) -> str:
    """The lower-cased last word of an entity (a possessive left out)."""
    texts = [w for w in table.text[ent.start:ent.end] if w not in ("'s", "’s")]
    return _norm(texts[-1]) if texts else ""


def _stated_words(entity: Entity) -> set[str]:
    """The words of an entity's stated roles and descriptions, as written and as role keys ("spokesperson" for
    "spokeswoman")."""
    stated = entity.roles + entity.descriptions
    words = {_role_key(w) for role in stated for w in _norm(role).replace("-", " - ").split()}
    return words | {_norm(w) for role in stated for w in role.split()}


@lru_cache(maxsize=None)
def _gendered_words() -> dict[str, str]:
    """Each gendered personal, reflexive or possessive pronoun and the gender it gives ("his": "m")."""
    words = {**PRONOUN_GENDER, **POSSESSIVE_GENDER}
    return {w: PRONOUN_GENDER[POSSESSIVE_GENDER.get(w, w)] for w in words}


def _single_word(ent: Span, table: Optional[TokenTable] = None) -> Optional[str]:
    """The lower-cased word of a one-word entity ("the" and a possessive left out); None for longer names.
    ``table``: the Doc's token table (read instead of making Token objects)."""
    texts = table.text[ent.start:ent.end] if table is not None else [t.text for t in ent]
    words = [w.lower() for w in texts if w.lower() != "the" and w not in ("'s", "’s")]
    return words[0] if len(words) == 1 else None


def _lower_case(ent: Span, text: Optional[str] = None) -> bool:
    """An entity without a capital letter ("potty trained", "we knelt", "et al."): no person's name as written in
    edited text, but the NER's slip on a common word. A handle ("@lisatanker5") is a name. ``text``: the entity's
    text, when known."""
    text = ent.text if text is None else text
    return not text.startswith("@") and not any(ch.isupper() for ch in text)


def _mostly_not_people(ents: list[Span], labels: Optional[list[str]] = None,
                       table: Optional[TokenTable] = None) -> frozenset[str]:
    """One-word names the NER labels a place more than twice as often as a person in this document ("came to
    Clarkston", "in Clarkston", "Clarkston has a ..." as GPE, "Clarkston became his home" once as PERSON): one
    name keeps one sense in a document, so the odd PERSON reading is the NER's slip and no "he" should go to it.
    An organisation label is no such evidence (the NER calls characters and politicians ORG: "Trump" in "the
    Trump campaign"), and a word of a longer person's name ("Jordan" of "Michael Jordan") stays a person's."""
    person: dict[str, int] = {}
    other: dict[str, int] = {}
    in_longer_names: set[str] = set()
    for ent, label in zip(ents, labels if labels is not None else [ent.label_ for ent in ents]):
        word = _single_word(ent, table)
        if word is None:
            if label == "PERSON":
                texts = table.text[ent.start:ent.end] if table is not None else [t.text for t in ent]
                in_longer_names.update(w.lower() for w in texts)
            continue
        if label == "PERSON":
            person[word] = person.get(word, 0) + 1
        elif label in _PLACE_LABELS:
            other[word] = other.get(word, 0) + 1
    return frozenset(w for w, n in person.items() if other.get(w, 0) > 2 * n and w not in in_longer_names)


def _postnominal_person(ent: Span, table: TokenTable) -> bool:
    """An entity the NER labelled an organisation that is a person's name followed by post-nominal letters
    ("Helen Aldred KC", "Jane Smith MP"): two or more capitalised proper nouns, none a title or an organisation's
    or outlet's head word, then the letters (a full stop after them aside)."""
    end = ent.end
    while end > ent.start and table.is_punct[end - 1]:
        end -= 1
    if end - ent.start < 3 or not postnominal_at(table, end - 1):
        return False
    return _plain_name_words(table, range(ent.start, end - 1))


def _titled_person(ent: Span, table: TokenTable) -> bool:
    """An entity the NER labelled an organisation that is a title and a person's name ("Baroness Hale", "Mr.
    Bloomberg"): an honorific or abbreviated title (lexicon ``titles``), then capitalised proper nouns, none a
    title or an organisation's or outlet's head word."""
    if ent.end - ent.start < 2 or table.lower[ent.start] not in lexicons.titles():
        return False
    return _plain_name_words(table, range(ent.start + 1, ent.end))


def _plain_name_words(table: TokenTable, tokens: range) -> bool:
    """Whether every token is a capitalised proper noun that is no title, role, post-nominal or head word of an
    organisation's or outlet's name."""
    orgs, media = lexicons.organization_heads(), lexicons.media_name_words()
    return all(table.pos[i] == "PROPN" and table.is_title[i] and table.lower[i] not in orgs
               and table.lower[i] not in media and not title_or_role_at(table, i) and not postnominal_at(table, i)
               for i in tokens)


def _described_person(table: TokenTable, ent: Span) -> Optional[int]:
    """The first token of a name the NER labelled a place that the text describes as a person in apposition
    ("Valeska Paris, an Australian woman and former member, ..."): a place is never "a woman", "a lawyer" or "the
    spokesman"; None otherwise. The name runs over the proper nouns compounded to the entity's head word."""
    root = ent.root
    if table.pos[root.i] != "PROPN":
        return None
    if not any(c.dep_ == "appos" and c.i > root.i and c.pos_ == "NOUN" and description_word_at(table, c.i)
               and not _subject_misread_as_apposition(c) for c in root.children):
        return None
    words = [c.i for c in root.children if c.dep_ in ("compound", "flat", "flat:name") and c.i < root.i
             and table.pos[c.i] == "PROPN"]
    return min(words + [ent.start, root.i])


def _subject_misread_as_apposition(noun: Token) -> bool:
    """An "apposition" the parse hung on a place that is the subject of the finite verb right after it ("policy
    toward Israel, the retired neurosurgeon and the businessman faced a ... crowd"): an apposition closes with a
    comma or its clause, not with its own verb."""
    after = noun.right_edge.i + 1
    if after >= len(noun.doc):
        return False
    verb = noun.doc[after]
    return verb.pos_ in ("VERB", "AUX") and verb.tag_ in _FINITE_TAGS


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _propn_runs(analysis: DocAnalysis) -> list[Span]:
    """Stand-in entities for a Doc without NER: runs of two or more capitalised PROPN tokens, as PERSON."""
    doc, table = analysis.doc, analysis.table
    out: list[Span] = []
    start = None
    for tok in list(doc) + [None]:
        ok = tok is not None and tok.pos_ == "PROPN" and tok.is_title and not title_or_role_at(table, tok.i)
        if ok and start is None:
            start = tok.i
        elif not ok and start is not None:
            end = tok.i if tok is not None else len(doc)
            if start > 0 and doc[start - 1].lower_ in ("of", "for") and end - start >= 3:
                start += 1  # "Secretary of State Antony Blinken": "State" completes the role
            if end - start >= 2:
                last = doc[end - 1].lower_
                org = last in lexicons.organization_heads() or last in lexicons.media_name_words()
                out.append(Span(doc, start, end, label="ORG" if org else "PERSON"))
            start = None
    return out


def _merged_ents(analysis: DocAnalysis) -> list[Span]:
    """The NER's entities, adjacent PERSON pieces joined ("Hillary Rodham" + "Clinton")."""
    doc = analysis.doc
    out: list[Span] = []
    for ent in analysis.ents or _propn_runs(analysis):
        ent = _without_dateline(ent, analysis.table.text)
        if out and ent.label_ == "PERSON" and out[-1].label_ == "PERSON" and ent.start == out[-1].end:
            out[-1] = Span(doc, out[-1].start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})


def _without_dateline(ent: Span, text: Sequence[str]) -> Span:
    """An entity the NER ran over a news dateline ("ROME - Bernie Sanders met ...", read as one organisation):
    the part after the dash, a person where it begins with a known first name ("Bernie Sanders"), else of the
    entity's label. The dateline is capitals only, at the start of its line; other entities come back as they
    are. ``text``: the Doc's token texts (its table's), read instead of making a Token of every entity word."""
    doc = ent.doc
    dash = next((i for i in range(ent.start, ent.end) if text[i] in _DASHES), None)
    if dash is None or dash == ent.start or dash + 1 >= ent.end:
        return ent
    before = doc[ent.start : dash]
    if not all(t.is_upper or t.is_punct for t in before) or (ent.start > 0 and "\n" not in doc[ent.start - 1].text_with_ws):
        return ent
    rest = doc[dash + 1 : ent.end]
    first = rest[0].lower_
    label = "PERSON" if len(rest) >= 2 and first in lexicons.first_name_gender() and all(
        t.is_title for t in rest) else ent.label_
    return Span(doc, rest.start, rest.end, label=label)


def _headlines(table: TokenTable, starts: list[int]) -> list[bool]:
    """Per sentence (first tokens ``starts``): a Title Case line, with five or more words, every word of four or
    more letters and 80% of all words capitalised."""
    if not starts:
        return []
    alpha = table.column("IS_ALPHA") != 0
    caps = alpha & ((table.column("IS_TITLE") != 0) | (table.column("IS_UPPER") != 0))
    long = alpha & (table.column("LENGTH") >= 4)
    words, capitalised = numpy.add.reduceat(alpha, starts), numpy.add.reduceat(caps, starts)
    n_long, long_caps = numpy.add.reduceat(long, starts), numpy.add.reduceat(long & caps, starts)
    out = (words >= 5) & (n_long > 0) & (long_caps == n_long) & (capitalised >= 0.8 * words)
    return out.tolist()


_MALE_A_NAMES = frozenset({"joshua", "luca", "luka", "nikita", "ezra", "jonah", "noah", "isaiah", "micah", "zachariah",
                           "akira", "issa", "musa", "mustafa", "hamza", "yahya", "attila", "kuba", "elia", "sasha",
                           "misha", "ilya", "jana", "dana", "andrea", "costa", "garcia", "da", "la"})
"""First names ending in "a" that are not (only) women's: no gender read off their ending."""


def _paternal_surname(words: list[str]) -> Optional[str]:
    """The next-to-last word of a name of three words or more that is no first name, no particle and no
    initial: the first surname of a double one ("Carlos Manuel Sada Solana", "Claudia Ruiz Massieu"), by which
    the text may name the person alone ("Sada said") where no one has it as a last name; None otherwise ("John
    Paul Jones", "George W. Bush")."""
    if len(words) < 3 or words[-1].isupper():  # ("Daniel Bernoulli FRS": an honour after the surname)
        return None
    word = _norm(words[-2])
    if len(word) < 3 or not words[-2][:1].isupper() or word in NAME_PARTICLES or "." in word:
        return None
    if word in lexicons.first_name_gender() or word in lexicons.census_first_names():
        return None
    return word


def _speaking_given_name(ent: Span, table: TokenTable, place_words: Counter) -> bool:
    """A one-word "place" that is a first name, the subject of a verb of saying outside quotation marks, and that
    the NER labels a place nowhere else in the document ('"Some people have stories," Veronique said'): a
    character the NER misread; a country that speaks ("Israel said") is named again as a place."""
    word = _single_word(ent, table)
    if word is None or place_words.get(word, 0) != 1 or word not in lexicons.census_first_names():
        return False
    root = ent.root
    return root.dep_ in ("nsubj", "nsubj:pass") and root.head.lemma_.lower() in lexicons.speech_verbs()


_NAME_ENDS = frozenset({":", ";", "—", "–"})
"""Punctuation no name runs across: the NER's span of a transcript label ("Luciana Lopez: Saying") stops there."""
_ROLES_FIRMS_HOLD = frozenset({"pollster", "publisher", "owner", "sponsor", "donor", "contractor", "partner",
                               "lender", "insurer", "broker", "distributor", "supplier", "vendor", "lobbyist"})
"""Role words a firm holds as well as a person ("pollster Edison Research"): no evidence that a name is a person's."""


def _person_after_role(ent: Span, table: TokenTable) -> bool:
    """A two- or three-word "organisation" that is a given name and a surname after a title or role noun ("Fox
    News host Sean Hannity", "former CEO Carly Fiorina"): an organisation has no host or chief executive before
    its name, and its last word is no organisation word ("Edison Research", "Whitney Museum")."""
    if not 2 <= len(ent) <= 3 or ent.start == 0 or not title_or_role_at(table, ent.start - 1) \
            or table.lower[ent.start - 1] in _ROLES_FIRMS_HOLD:
        return False
    words = table.text[ent.start:ent.end]
    if not all(table.pos[i] == "PROPN" and words[n][:1].isupper() for n, i in enumerate(range(ent.start, ent.end))):
        return False
    last = words[-1].lower()
    return words[0].lower() in lexicons.census_first_names() and last not in lexicons.organization_heads() \
        and last not in lexicons.media_name_words()


def _shop_name(ent: Span, table: TokenTable) -> bool:
    """A one-word name in a possessive that possesses nothing ("pass Spencer's again", "go in Macy's"): the shop
    or home called after someone, a place, not a person a pronoun can refer to."""
    marks = ("'s", "’s")
    end = ent.end - 1 if table.text[ent.end - 1] in marks else ent.end  # (the NER's span may hold the "'s")
    if end >= len(table.text) or table.text[end] not in marks or _single_word(ent, table) is None:
        return False
    return table.dep[end - 1] not in ("nmod:poss", "poss")


def _feminine_ending(first: str) -> bool:
    """A first name of the female form in many languages (ending in "a": "Alyona", "Kiara", "Ludmila"), outside
    the lexicon; men's names of that form are listed in :data:`_MALE_A_NAMES`."""
    return len(first) >= 4 and first.isalpha() and first.endswith("a") and first not in _MALE_A_NAMES


def _inside_controlled_clause(tok: Token, pron: Token) -> bool:
    """``tok`` lies in a participle clause without a subject of its own that is fronted before a subject pronoun
    and hangs off the pronoun's verb ("Asked about her vote in case Clinton faces Trump, she replied"): that
    clause's understood subject is the pronoun's referent, not a name inside it."""
    if pron.dep_ not in _SUBJECTS or tok.i >= pron.i:
        return False
    verb, node = pron.head, tok
    for _ in range(16):
        if node.head is node:
            return False
        if node.head.i == verb.i:
            return node.dep_ == "advcl" and node.tag_ in ("VBN", "VBG") and node.i < pron.i and not any(
                c.dep_ in _SUBJECTS for c in node.children)
        node = node.head
    return False


_NOMINAL_LINKS = frozenset({"nmod:poss", "obj", "iobj", "obl", "nmod", "compound", "appos", "conj", "case",
                            "obl:npmod", "dobj", "pobj", "poss", "dative", "prep", "expl"})
"""Dependencies that keep a word inside its clause's arguments ("her opening remarks for attendees")."""
_REPORTED = frozenset({"ccomp", "xcomp"})


def _binding_subject(pron: Token) -> Optional[Token]:
    """The subject that binds a gendered pronoun: for a reflexive or possessive, the subject of its own
    clause ("Waters pointed out her ...", "he turned himself in"; an infinitive's controller: "Smith wanted to
    see his mother"); for a subject pronoun, the subject of the clause that reports it ("Kumar said he ...").
    None when the parse gives no such subject."""
    tok = pron
    if pron.dep_ not in _SUBJECTS and pron.dep_ not in ("nmod:poss", "poss") and not pron.lower_.endswith("self"):
        return None  # "Zenghelis described her": a plain object is someone other than its clause's subject
    if pron.dep_ in _SUBJECTS:
        clause = pron.head
        if clause.dep_ not in _REPORTED or clause.head is clause:
            return None
        verb = clause.head
    else:
        for _ in range(8):
            if tok.dep_ not in _NOMINAL_LINKS or tok.head is tok:
                break
            tok = tok.head
        verb = tok
    for _ in range(3):  # an infinitive or a conjoined verb without its own subject: its controller's
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subject is not None:
            return subject if subject.i != pron.i else None
        if verb.dep_ not in ("xcomp", "conj") or verb.head is verb:
            return None
        if verb.dep_ == "xcomp":
            controller = next((c for c in verb.head.children if c.dep_ in ("obj", "dobj") and c.i < verb.i), None)
            if controller is not None:  # "Hannity asked Kasich to lay out his path": the object's
                return controller if controller.i != pron.i else None
        verb = verb.head
    return None


_CLAUSE_RELATIONS = frozenset({"ccomp", "xcomp", "advcl", "acl", "acl:relcl", "parataxis", "csubj", "conj"})


def _clause_head(tok: Token) -> Token:
    """The verb (or predicate) heading the clause a word stands in: up the tree to the root or to a word that
    heads a clause of its own (a complement, adverbial, relative or coordinated verb)."""
    for _ in range(40):
        if tok.head.i == tok.i:
            return tok
        if tok.dep_ in _CLAUSE_RELATIONS and tok.pos_ in ("VERB", "AUX"):
            return tok
        tok = tok.head
    return tok


def _subject_like(tok: Token) -> bool:
    """A subject, or a capitalised word the tagger took for a modal ("Will called ...") of a subjectless verb."""
    if tok.dep_ in _SUBJECTS:
        return True
    return tok.dep_ == "aux" and tok.head.i > tok.i and not any(c.dep_ in _SUBJECTS for c in tok.head.children)


def _name_head(tok: Token) -> Token:
    """The head of the name or noun phrase a word belongs to ("Lance" in "Lance Beebe" -> "Beebe"): the word its
    compound and flat relations lead up to, whose relation says what role the phrase plays."""
    while tok.dep_ in ("compound", "flat", "flat:name") and tok.head is not tok:
        tok = tok.head
    return tok


_ADVERBIAL_OR_RELATIVE = frozenset({"advcl", "acl", "acl:relcl"})


def _speech_subject(tok: Token) -> bool:
    """Whether a word is the subject of a verb of saying ("Hewitt argued", "he asked")."""
    return tok.dep_ in _SUBJECTS and tok.head.lemma_.lower() in lexicons.speech_verbs()


def _clause_hosts(pron: Token) -> set[int]:
    """Tokens a pronoun cannot refer to: heads of the relative clauses it sits in ("Christie, whom he ...",
    "Christie, who told him"). Not the head of a relative clause whose subject is the relative pronoun when the
    pronoun stands in a clause below the relative one ("student Deja Stewart, who forced me to confront my age
    when she called him a savage": the student is the subject all along)."""
    hosts = set()
    tok = pron
    for _ in range(8):
        if tok.head is tok:
            break
        if tok.dep_ == "acl:relcl" and not (pron.head.i != tok.i and _relative_subject(tok)):
            hosts.add(tok.head.i)
        tok = tok.head
    return hosts


_RELATIVE_WORDS = frozenset({"who", "that", "which"})


def _relative_subject(verb: Token) -> bool:
    """Whether a relative clause's subject is its relative pronoun ("who forced me")."""
    return any(c.dep_ in _SUBJECTS and c.lower_ in _RELATIVE_WORDS for c in verb.children)


def _role_key(word: str) -> str:
    """Fold role-word variants together (spokesman/spokeswoman/spokesperson)."""
    word = word.lower()
    if word.startswith("spokes"):
        return "spokesperson"
    if word.endswith("woman") or word.endswith("man"):
        stem = word[: -5] if word.endswith("woman") else word[:-3]
        if stem in ("congress", "chair", "council", "assembly"):
            return stem + "person"
    return word
