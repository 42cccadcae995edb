""":mod:`quotekit.speakers.ranker.features`: markables of a parsed Doc and the features of (mention, antecedent)
pairs, as small pure functions over the Doc's UD parse.

The same code serves training (on GUM text parsed by quotekit's parser) and the runtime resolver, so a model never
sees features computed differently from the ones it was trained on.

A *markable* is what the resolver can point at: a named entity or a noun phrase headed by a noun or proper noun,
or a pronoun. Its span runs from the left edge of the head's left dependents to the head (plus the rest of a name
or an entity the head ends), so relative clauses and appositions stay outside it. Relative pronouns are left to
the resolver's rule ("X, who" is X); first- and second-person pronouns to the quotation's speaker. :class:`DocFeatures` indexes one Doc once (sentences, paragraphs, quotations,
markables, per-name gender); :func:`pair_features` then costs a few dictionary look-ups per pair.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional, Sequence

from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Span, Token

from ... import lexicons
from ...attribute.quotes import quote_spans

THIRD_PERSON = {
    "he": ("m", "sg"), "him": ("m", "sg"), "his": ("m", "sg"), "himself": ("m", "sg"),
    "she": ("f", "sg"), "her": ("f", "sg"), "hers": ("f", "sg"), "herself": ("f", "sg"),
    "it": ("n", "sg"), "its": ("n", "sg"), "itself": ("n", "sg"),
    "they": (None, "pl"), "them": (None, "pl"), "their": (None, "pl"), "theirs": (None, "pl"),
    "themselves": (None, "pl"),
}
SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "csubj"})
OBJECTS = frozenset({"obj", "dobj", "iobj", "dative"})
NAME_PARTS = frozenset({"compound", "flat", "flat:name", "fixed"})
LEFT_PARTS = frozenset({"det", "amod", "compound", "nmod:poss", "poss", "nummod", "flat", "flat:name", "det:poss",
                        "nmod:npmod", "obl:npmod"})
ENTITY_CLASS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}
KINDS = ("name", "nominal", "pronoun")
CLASSES = ("person", "org", "media", "place", "group", "thing", "plural", "other")
ROLES = ("speech_subj", "subj", "obj", "poss", "obl", "appos", "other")
ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "other", "none")
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "'s", "’s"})
TITLE_GENDER = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}


@dataclass(frozen=True)
class Markable:
    """A mention the resolver can point at: token span ``start:end``, head token, kind and referent class."""

    start: int
    end: int
    head: int
    kind: str  # one of KINDS
    cls: str  # one of CLASSES
    gender: Optional[str]  # "m" | "f" | "n" | None
    number: Optional[str]  # "sg" | "pl" | None
    key: str  # string-salience key: a name's last word, a noun's lemma, a pronoun's lower form
    ent: str  # one of ENT_LABELS


# -- lexicons -------------------------------------------------------------------------------------------------
@lru_cache(maxsize=None)
def noun_classes() -> dict[str, frozenset[str]]:
    """Sections of ``quotekit/lexicons/noun_classes.txt`` (``male``, ``female``, ``person``, ``group``)."""
    sections: dict[str, set[str]] = {}
    current = ""
    for line in lexicons.lines("noun_classes"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, set()).update(line.lower().split())
    return {key: frozenset(words) for key, words in sections.items()}


@lru_cache(maxsize=None)
def person_nouns() -> frozenset[str]:
    """Nouns naming people: roles, anonymous-source heads and the ``person`` section."""
    classes = noun_classes()
    return lexicons.role_words() | lexicons.anonymous_heads() | classes["person"] | classes["male"] | classes["female"]


def noun_class(lemma: str) -> str:
    """Referent class of a common noun head: news outlet, organisation, group, person or other."""
    lemma = lemma.lower()
    if lemma in lexicons.media_anaphors():
        return "media"
    if lemma in noun_classes()["group"]:
        return "group"
    if lemma in lexicons.organization_heads():
        return "org"
    if lemma in person_nouns():
        return "person"
    return "other"


def noun_gender(lemma: str) -> Optional[str]:
    classes = noun_classes()
    lemma = lemma.lower()
    return "m" if lemma in classes["male"] else "f" if lemma in classes["female"] else None


# -- markables ------------------------------------------------------------------------------------------------
def _ent_label(token: Token) -> str:
    label = token.ent_type_
    if not label:
        return "none"
    return label if label in ENT_LABELS else "other"


def _span_of(doc: Doc, head: Token) -> tuple[int, int]:
    """Left edge of the head's left dependents (determiners, modifiers, possessors) to the end of its name."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in LEFT_PARTS or child.dep_.startswith("compound"):
            start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in NAME_PARTS and child.i == end:
            end = child.i + 1
    if head.ent_iob_ != "O" and head.ent_type_:
        ent_end = head.i + 1
        while ent_end < len(doc) and doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        end = max(end, ent_end)
    while start < head.i and doc[start].is_punct:
        start += 1
    return start, end


def markable_at(doc: Doc, head: Token, title_gender: Optional[str] = None) -> Optional[Markable]:
    """The markable headed by ``head`` (None if the token heads no noun phrase or pronoun the ranker handles)."""
    lower = head.lower_
    if head.pos_ == "PRON" or head.tag_ in ("PRP", "PRP$", "WP", "WP$", "WDT"):
        if lower in THIRD_PERSON:
            gender, number = THIRD_PERSON[lower]
            cls = "person" if gender in ("m", "f") else "thing" if gender == "n" else "plural"
            return Markable(head.i, head.i + 1, head.i, "pronoun", cls, gender, number, lower, "none")
        return None
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.dep_ in NAME_PARTS and head.head.pos_ == head.pos_ and head.head.i != head.i:
        return None  # a word inside a longer name or compound ("Barack" of "Barack Obama")
    start, end = _span_of(doc, head)
    ent = _ent_label(head)
    number = "pl" if head.tag_ in ("NNS", "NNPS") or "Plur" in head.morph.get("Number") else "sg"
    if head.pos_ == "PROPN" or ent in ("PERSON", "ORG", "GPE", "NORP"):
        cls = ENTITY_CLASS.get(head.ent_type_, "other")
        if lower in lexicons.media_name_words() and cls in ("org", "other"):
            cls = "media"
        gender = title_gender if cls == "person" or (cls == "other" and title_gender) else None
        if title_gender and cls == "other":
            cls = "person"
        if cls == "person" and gender is None:
            first = _first_name_token(doc, start, head.i)
            gender = lexicons.first_name_gender().get(first.lower_) if first is not None else None
        return Markable(start, end, head.i, "name", cls, gender, number, lower.replace("’", "'"), ent)
    lemma = head.lemma_.lower() or lower
    cls = noun_class(lemma)
    if cls == "other" and number == "pl" and lemma in person_nouns():
        cls = "person"
    return Markable(start, end, head.i, "nominal", cls, noun_gender(lemma), number, lemma, ent)


def _first_name_token(doc: Doc, start: int, head: int) -> Optional[Token]:
    """The first name word of a person name span (after titles and determiners), if the name has two words."""
    for i in range(start, head):
        tok = doc[i]
        if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and tok.lower_ not in TITLE_GENDER:
            return tok
    return None


def _title_gender(doc: Doc, start: int, head: int) -> Optional[str]:
    for i in range(max(0, start - 1), head):
        gender = TITLE_GENDER.get(doc[i].lower_)
        if gender:
            return gender
    return None


def find_markables(doc: Doc) -> list[Markable]:
    """Every markable of a Doc, in document order of their heads."""
    out = []
    pos = doc.to_array("POS").tolist()
    wanted = {POS_IDS["NOUN"], POS_IDS["PROPN"], POS_IDS["PRON"]}
    for i in [i for i, p in enumerate(pos) if p in wanted]:  # Token objects only for nouns and pronouns
        tok = doc[i]
        gender = None
        if tok.pos_ == "PROPN":
            gender = _title_gender(doc, tok.left_edge.i, tok.i)
        markable = markable_at(doc, tok, gender)
        if markable is not None:
            out.append(markable)
    return out


# -- per-document index ---------------------------------------------------------------------------------------
def grammatical_role(token: Token, speech_verbs: frozenset[str]) -> str:
    """Role of a markable's head: subject of a speech verb, subject, object, possessor, oblique, apposition."""
    tok = token
    if tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head  # "Brown and his wife said": both conjuncts take the first one's role
    dep = tok.dep_
    if dep in SUBJECTS:
        return "speech_subj" if tok.head.lemma_.lower() in speech_verbs else "subj"
    if dep in OBJECTS:
        return "obj"
    if dep in ("nmod:poss", "poss"):
        return "poss"
    if dep in ("obl", "nmod", "pobj") or dep.startswith("obl:") or dep.startswith("nmod:"):
        return "obl"
    if dep == "appos":
        return "appos"
    return "other"


class DocFeatures:
    """One Doc's markables and the per-token indices their pair features read (built once per Doc).

    Args:
        doc: A UD-parsed Doc (see :mod:`quotekit.parse`).
        markables: Markables to index; default :func:`find_markables`.
    """

    def __init__(self, doc: Doc, markables: Optional[Sequence[Markable]] = None):
        self.doc = doc
        self.markables: list[Markable] = list(find_markables(doc) if markables is None else markables)
        n = len(doc)
        self.sent = [0] * n
        for k, sent in enumerate(doc.sents):
            self.sent[sent.start:sent.end] = [k] * (sent.end - sent.start)
        columns = doc.to_array(["ORTH", "IS_SPACE", "LEMMA", "DEP"]).tolist() if n else []
        offsets = doc.to_array("HEAD").astype("int64").tolist() if n else []  # relative, stored unsigned
        strings = doc.vocab.strings
        self.para = [0] * n
        para = 0
        for i, (orth, space, _, _) in enumerate(columns):
            if space and "\n" in strings[orth]:  # a line break is a space token of its own
                para += 1
            self.para[i] = para
        self.quote = [-1] * n
        for q, (start, end) in enumerate(quote_spans(doc)):
            self.quote[start:end] = [q] * (end - start)
        verbs = lexicons.speech_verbs()
        self.heads = [m.head for m in self.markables]
        self.by_head = {m.head: k for k, m in enumerate(self.markables)}
        self.role = [grammatical_role(doc[m.head], verbs) for m in self.markables]
        self.key_count: list[int] = []  # earlier markables with the same key (string salience so far)
        self.key_first: list[int] = []  # index of the first markable with the same key
        seen: dict[str, list[int]] = {}
        for k, m in enumerate(self.markables):
            earlier = seen.setdefault(m.key, [])
            self.key_count.append(len(earlier))
            self.key_first.append(earlier[0] if earlier else k)
            earlier.append(k)
        self._key_heads = {key: [self.markables[j].head for j in ks] for key, ks in seen.items()}
        self.name_gender = self._name_genders()
        self.lemmas = lemmas = [strings[row[2]].lower() for row in columns]
        self.dep = [strings[row[3]] for row in columns]
        self.head_of = [i + offset for i, offset in enumerate(offsets)]
        self.genders = [m.gender if m.gender is not None or m.kind != "name" else self.name_gender.get(m.key)
                        for m in self.markables]
        self.text_key = [" ".join(lemmas[i] for i in range(m.start, m.end) if lemmas[i] not in DETERMINERS)
                         for m in self.markables]
        self.content = [_content_words(doc, m, lemmas) if m.kind in ("name", "nominal") else frozenset()
                        for m in self.markables]
        self.span_lemmas = [frozenset(lemmas[m.start:m.end]) for m in self.markables]
        self.titled = [m.kind == "name" and _title_gender(doc, m.start, m.head) is not None for m in self.markables]
        self.role_words = [_role_words_of(doc, m.head, lemmas) if m.kind == "name" else frozenset()
                           for m in self.markables]

    def _name_genders(self) -> dict[str, str]:
        """Gender per name key, from the fuller mentions ("Mr. Brown", "John Brown") for the bare ones ("Brown")."""
        out: dict[str, str] = {}
        for m in self.markables:
            if m.kind == "name" and m.gender in ("m", "f"):
                out.setdefault(m.key, m.gender)
        return out

    def gender(self, k: int) -> Optional[str]:
        """Gender of markable ``k``; a bare name takes the gender of a fuller mention of the same name."""
        return self.genders[k]

    def key_count_before(self, k: int, at: int) -> int:
        """How many markables with markable ``k``'s key come before token ``at``."""
        return bisect_left(self._key_heads[self.markables[k].key], at)

    def relative_clause_hosts(self, at: int) -> frozenset[int]:
        """Tokens whose relative clause contains token ``at`` ("Christie, whom he describes": Christie)."""
        hosts = set()
        i = at
        for _ in range(12):
            head = self.head_of[i]
            if head == i:
                break
            if self.dep[i] in ("acl:relcl", "relcl"):
                hosts.add(head)
            i = head
        return frozenset(hosts)

    def appositive(self, a: int, b: int) -> bool:
        """One head is an apposition of the other ("John Smith, the group's leader")."""
        return (self.dep[a] == "appos" and self.head_of[a] == b) or (self.dep[b] == "appos" and self.head_of[b] == a)

    def markable_for(self, span: Span) -> Optional[int]:
        """Index of the markable whose head is the span's root (None if the root heads none)."""
        return self.by_head.get(span.root.i)

    def candidates(self, k: int, *, window: int = 8, limit: int = 60) -> list[int]:
        """Candidate antecedents of markable ``k``: markables before it within ``window`` sentences, plus the
        latest earlier markable of each name key and of ``k``'s own key further back; nearest first."""
        m = self.markables[k]
        sent = self.sent[m.head]
        near: list[int] = []
        far: dict[str, int] = {}
        for j in range(k - 1, -1, -1):
            c = self.markables[j]
            if c.end > m.start and c.head >= m.start:
                continue  # overlaps the mention ("his" inside "his wife" is fine: it ends before the head)
            if c.start <= m.start and c.end >= m.end:
                continue
            if self.sent[c.head] >= sent - window:
                near.append(j)
            elif (c.kind == "name" or c.key == m.key) and c.key not in far:
                far[c.key] = j
            if len(near) >= limit:
                break
        return near + sorted(far.values(), reverse=True)


# -- pair features --------------------------------------------------------------------------------------------
def _agree(a: Optional[str], b: Optional[str]) -> int:
    if a is None or b is None:
        return 0
    return 1 if a == b else -1


def _class_agreement(m: Markable, c: Markable) -> int:
    """+1 compatible, -1 incompatible, 0 unknown: a person pronoun wants a person, "it" a non-person."""
    if m.cls == "person":
        return 1 if c.cls == "person" else -1 if c.cls in ("org", "media", "place", "thing") else 0
    if m.cls == "thing":
        return -1 if c.cls == "person" or c.number == "pl" else 1 if c.cls in ("org", "media", "place", "thing") else 0
    if m.cls in ("org", "media"):
        return 1 if c.cls in ("org", "media", "group") else -1 if c.cls in ("person", "place") else 0
    if m.cls == "group":
        return 1 if c.cls in ("group", "org", "plural") else 0
    if m.cls == "plural":
        return 1 if c.number == "pl" or c.cls in ("group", "org", "plural") else -1 if c.cls == "person" else 0
    return 0


def _content_words(doc: Doc, m: Markable, lemmas: list[str]) -> frozenset[str]:
    return frozenset(lemmas[i] for i in range(m.start, m.end)
                     if not doc[i].is_punct and lemmas[i] not in DETERMINERS and i != m.head)


def _role_words_of(doc: Doc, head: int, lemmas: list[str]) -> frozenset[str]:
    """Lemmas of a name's appositions and compound/modifier words ("Foreign Minister Motegi", "Smith, leader")."""
    tok = doc[head]
    words = {lemmas[c.i] for c in tok.children if c.dep_ == "appos" or c.dep_.startswith("compound") or c.dep_ == "amod"}
    if tok.dep_ == "appos":
        words.add(lemmas[tok.head.i])
    return frozenset(words)


FEATURES = (
    "sent_dist", "log_tok_dist", "para_dist", "same_para", "recency_rank", "compatible_rank", "subject_rank",
    *(f"m_kind_{k}" for k in KINDS), *(f"c_kind_{k}" for k in KINDS),
    *(f"m_cls_{c}" for c in CLASSES), *(f"c_cls_{c}" for c in CLASSES),
    *(f"m_role_{r}" for r in ROLES), *(f"c_role_{r}" for r in ROLES), "same_role",
    *(f"c_ent_{e}" for e in ENT_LABELS),
    "gender_agree", "number_agree", "class_agree", "compatible",
    "c_key_count", "c_first_of_key", "c_key_first_sent", "c_title",
    "exact_match", "head_match", "head_in_c", "c_role_match", "modifier_overlap", "m_has_det_the", "m_has_poss",
    "appositive", "in_relcl_of_c",
    "m_in_quote", "c_in_quote", "same_quote", "c_quote_m_out",
    "c_is_name_chain_head", "match_rank",
)
FEATURE_INDEX = {name: n for n, name in enumerate(FEATURES)}


def pair_features(feats: DocFeatures, k: int, candidates: Sequence[int]) -> list[list[float]]:
    """Feature rows (:data:`FEATURES` order) for markable ``k`` against each candidate (nearest first)."""
    doc, markables, lemmas = feats.doc, feats.markables, feats.lemmas
    m = markables[k]
    m_sent, m_para, m_quote = feats.sent[m.head], feats.para[m.head], feats.quote[m.head]
    m_gender = feats.genders[k]
    m_words, m_text, m_lemma = feats.content[k], feats.text_key[k], lemmas[m.head]
    m_has_the = float(any(doc[i].lower_ in ("the", "this", "that", "these", "those") for i in range(m.start, m.head)))
    m_has_poss = float(any(feats.dep[i] in ("nmod:poss", "poss") for i in range(m.start, m.head)))
    m_role = feats.role[k]
    hosts = feats.relative_clause_hosts(m.head)
    fixed = {
        "m_kind_" + m.kind: 1.0, "m_cls_" + m.cls: 1.0, "m_role_" + m_role: 1.0,
        "m_has_det_the": m_has_the, "m_has_poss": m_has_poss, "m_in_quote": float(m_quote >= 0),
    }
    template = [0.0] * len(FEATURES)
    for name, value in fixed.items():
        template[FEATURE_INDEX[name]] = value
    f = FEATURE_INDEX
    rows = []
    n_compatible = n_subject = n_match = 0
    for rank, j in enumerate(candidates):
        c = markables[j]
        c_head = c.head
        c_gender = feats.genders[j]
        g = _agree(m_gender, c_gender)
        if m.cls == "person" and c_gender == "n":
            g = -1
        num = _agree(m.number, c.number)
        cls = _class_agreement(m, c)
        compatible = g >= 0 and num >= 0 and cls >= 0
        c_role = feats.role[j]
        row = template[:]
        row[0] = min(m_sent - feats.sent[c_head], 30)
        row[1] = math.log1p(max(0, m.head - c_head))
        row[2] = min(m_para - feats.para[c_head], 10)
        row[3] = float(m_para == feats.para[c_head])
        row[4] = min(rank, 60)
        row[5] = min(n_compatible, 30) if compatible else 31
        row[6] = min(n_subject, 30) if c_role in ("subj", "speech_subj") else 31
        row[f["c_kind_" + c.kind]] = 1.0
        row[f["c_cls_" + c.cls]] = 1.0
        row[f["c_role_" + c_role]] = 1.0
        row[f["same_role"]] = float(m_role == c_role)
        row[f["c_ent_" + c.ent]] = 1.0
        row[f["gender_agree"]] = g
        row[f["number_agree"]] = num
        row[f["class_agree"]] = cls
        row[f["compatible"]] = float(compatible)
        first = feats.key_first[j]
        row[f["c_key_count"]] = math.log1p(feats.key_count_before(j, m.head))
        row[f["c_first_of_key"]] = float(first == j)
        row[f["c_key_first_sent"]] = min(feats.sent[markables[first].head], 50)
        row[f["c_title"]] = float(feats.titled[j])
        if m.kind == "pronoun":
            row[f["exact_match"]] = float(c.kind == "pronoun" and m.key == c.key)
        else:
            row[f["exact_match"]] = float(bool(m_text) and m_text == feats.text_key[j])
            row[f["head_match"]] = float(m_lemma == lemmas[c_head])
            if m.kind == "nominal":
                row[f["head_in_c"]] = float(m_lemma in feats.span_lemmas[j] and m_lemma != lemmas[c_head])
                row[f["c_role_match"]] = float(c.kind == "name" and m_lemma in feats.role_words[j])
            row[f["modifier_overlap"]] = float(len(m_words & feats.content[j]))
        row[f["appositive"]] = float(feats.appositive(m.head, c_head))
        row[f["in_relcl_of_c"]] = float(c_head in hosts)
        c_quote = feats.quote[c_head]
        row[f["c_in_quote"]] = float(c_quote >= 0)
        row[f["same_quote"]] = float(m_quote >= 0 and m_quote == c_quote)
        row[f["c_quote_m_out"]] = float(c_quote >= 0 and m_quote < 0)
        row[f["c_is_name_chain_head"]] = float(c.kind == "name" and c.cls == "person" and first == j)
        matches = bool(row[f["exact_match"]] or row[f["head_match"]])
        row[f["match_rank"]] = min(n_match, 30) if matches else 31  # the nearest same-head candidate is 0
        n_match += matches
        rows.append(row)
        if compatible:
            n_compatible += 1
        if c_role in ("subj", "speech_subj"):
            n_subject += 1
    return rows


def anaphoric(m: Markable) -> bool:
    """Whether the ranker resolves this markable: third-person pronouns and nominals."""
    return m.kind in ("pronoun", "nominal")


def iter_anaphors(feats: DocFeatures) -> Iterable[int]:
    return (k for k, m in enumerate(feats.markables) if anaphoric(m))
