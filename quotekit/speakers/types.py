""":mod:`quotekit.speakers.types`: person, organisation, anonymous or unknown, for mentions nothing resolved."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .. import lexicons

_INDEFINITE = frozenset({"a", "an", "another", "some", "one", "many", "several", "other", "others", "few", "most",
                         "no", "any", "not", "two", "three", "four", "various", "different", "multiple", "numerous"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def is_plural(head: Token) -> bool:
    return head.tag_ in ("NNS", "NNPS") or "Plur" in head.morph.get("Number")


def is_definite(span: Span) -> bool:
    first = span[0]
    return first.lower_ in _DEFINITE or any(t.dep_ in ("poss", "nmod:poss") and t.head.i == span.root.i for t in span)


def nominal_type(span: Span, head: Token) -> str:
    """Type of a nominal no entity resolved: organisation by head noun, anonymous sourcing, else unknown."""
    lemma, low = head.lemma_.lower(), head.lower_
    words = {t.lower_ for t in span}
    orgs = lexicons.organization_heads()
    if (lemma in orgs or low in orgs or low in lexicons.media_anaphors()) and not (
        is_plural(head) and lemma not in ("police",)
    ):
        # (unnamed organisations in the plural, "Jewish groups", "news outlets", are unnamed sourcing; "police"
        # is one force)
        return "organization"
    if lemma in lexicons.anonymous_heads() or low in lexicons.anonymous_heads():
        return "anonymous"
    if is_share(head):
        return "anonymous"  # "Two in three", "47 percent of Cuban Americans", "almost half of respondents"
    if words & _INDEFINITE or is_plural(head):
        return "anonymous" if head.pos_ in ("NOUN", "PRON", "ADJ", "DET", "PROPN") else "unknown"
    if lemma in lexicons.role_words() or low in lexicons.role_words():
        return "anonymous"  # a definite but unnamed person: "the state's Republican party leader"
    return "unknown"


_SHARES = frozenset({"percent", "%", "half", "third", "thirds", "quarter", "majority", "minority", "plurality"})


def is_share(head: Token) -> bool:
    """A count or share of people as a speaker: a number or a share word heads the mention ("Two in three",
    "Thirty percent", "a majority of voters")."""
    return head.lower_ in _SHARES or head.lemma_.lower() in _SHARES or head.pos_ == "NUM" or head.ent_type_ in (
        "PERCENT", "CARDINAL")


def name_type(name: Span) -> str:
    """Type of a name the entity index does not know (an ORG, GPE or PROPN run)."""
    labels = {t.ent_type_ for t in name}
    last = name[-1].lower_
    if last in lexicons.media_name_words() or last in lexicons.organization_heads():
        return "organization"  # "Politico", "Bellwether County"
    if "PERSON" in labels:
        return "person"
    if labels & {"ORG", "GPE", "NORP", "FAC"}:
        return "organization"
    # a capitalised name the NER left untyped, used as a speaker, is most often a person ("Hannity said")
    return "person" if all(t.is_title or t.is_upper for t in name if t.is_alpha) else "unknown"
