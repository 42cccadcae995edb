""":mod:`quotekit.parse.ud`: convert spaCy English (ClearNLP-labelled) parses to UD v2 relations.

:func:`to_ud` returns a new Doc over the same text (same words, spaces, tags, POS, morphology, lemmas,
entities and sentences) whose heads and labels follow UD v2:

- relabelling: dobj->obj, nsubjpass->nsubj:pass, csubjpass->csubj:pass, auxpass->aux:pass, poss->nmod:poss,
  attr/acomp/oprd->xcomp, npadvmod->obl:npmod, relcl->acl:relcl, quantmod->advmod, neg->advmod, prt->compound:prt,
  predet->det:predet, preconj->cc:preconj, intj->discourse, meta->parataxis, infinitival ``to`` aux->mark,
  ROOT->root;
- prepositional phrases: the object heads the phrase (``obl`` under a verb/adjective/adverb, ``nmod`` under a
  noun) and the preposition becomes its ``case`` child; a clausal object (pcomp) becomes ``advcl``/``acl`` with
  the preposition as ``mark``; ``according to X``: X -obl-> verb, according -case-> X, to -fixed-> according;
  dative ``to``/``for`` phrases become ``obl``, bare datives ``iobj``; agent ``by``-phrases ``obl:agent``;
- a ``pobj`` under a word ClearNLP labelled otherwise: under a particle it is the object of the particle's verb
  ("called on fellow Republicans": on -compound:prt-> called, Republicans -obj-> called); under a preposition
  labelled as a conjunct ("nationally and in the swing states"), a clause ("while in the White House"), a ``cc``
  ("instead of the people"), a modifier or the root, and under a participle used as a preposition ("issues
  regarding the audio", "including the members"), the object heads the phrase in its place (``conj`` for a
  conjunct or a ``cc``, a preposition's clause relation, ``root``, else ``obl``/``nmod``) and the preposition
  becomes its ``case`` (a ``cc`` stays ``cc``);
- coordination: ``cc`` attaches to the conjunct that follows it.

Docs whose labels are already UD (``doc.user_data["qk_scheme"] == "ud"``, or no ClearNLP-only label) pass through.
The parse cache holds converted Docs: a change to the conversion bumps :data:`quotekit.run.cache.CACHE_VERSION`.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SPACY, TAG
from spacy.parts_of_speech import NAMES as _POS_BY_ID
from spacy.tokens import Doc

CLEAR_ONLY = frozenset({"dobj", "pobj", "nsubjpass", "auxpass", "prep", "poss", "attr", "acomp", "npadvmod",
                        "relcl", "dative", "pcomp", "quantmod", "neg", "prt", "oprd", "agent", "ROOT"})
RELABEL = {
    "dobj": "obj", "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "auxpass": "aux:pass",
    "poss": "nmod:poss", "attr": "xcomp", "acomp": "xcomp", "oprd": "xcomp", "npadvmod": "obl:npmod",
    "relcl": "acl:relcl", "quantmod": "advmod", "neg": "advmod", "prt": "compound:prt", "predet": "det:predet",
    "preconj": "cc:preconj", "intj": "discourse", "meta": "parataxis", "ROOT": "root", "complm": "mark",
    "hmod": "amod", "hyph": "punct", "nn": "compound", "npmod": "obl:npmod", "possessive": "case",
}
POS_NAMES = {int(k): v for k, v in _POS_BY_ID.items()}
_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, HEAD, DEP]
_PREP_LABELS = ("prep", "agent", "dative")
_VERBAL = frozenset({"VERB", "AUX", "ADJ", "ADV"})


def is_ud(doc: Doc) -> bool:
    """Whether ``doc`` already carries UD labels (flagged, unparsed, or without ClearNLP-only labels)."""
    if doc.user_data.get("qk_scheme") == "ud":
        return True
    if not doc.has_annotation("DEP"):
        return True
    return not any(t.dep_ in CLEAR_ONLY for t in doc)


def convert_heads(heads: list[int], deps: list[str], pos: list[str], tags: list[str],
                  lower: list[str]) -> tuple[list[int], list[str]]:
    """UD heads (absolute indices; root = itself) and labels from ClearNLP ones (pure function, lists)."""
    n = len(heads)
    heads = list(heads)
    new = [RELABEL.get(d, d) for d in deps]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    for i in range(n):
        dep = deps[i]
        if dep == "aux" and tags[i] == "TO":
            new[i] = "mark"
        if dep not in _PREP_LABELS:
            continue
        objs = [c for c in children[i] if deps[c] in ("pobj", "pcomp")]
        if not objs:
            if dep == "dative":
                new[i] = "iobj" if pos[i] in ("NOUN", "PROPN", "PRON", "NUM") else "obl"
            elif dep == "prep":
                new[i] = "obl" if pos[i] in ("NOUN", "PROPN", "PRON") else "case" if pos[i] == "ADP" else "advmod"
            continue
        obj = objs[0]
        head = heads[i]
        # "according to X": according -prep-> V, to -prep-> according, X -pobj-> to
        if lower[i] == "to" and lower[head] == "according" and deps[head] == "prep" and heads[head] != head:
            verb = heads[head]
            heads[obj], new[obj] = verb, "obl"
            heads[head], new[head] = obj, "case"
            heads[i], new[i] = head, "fixed"
            continue
        if lower[i] == "according":
            continue  # handled through its "to"
        if head == i:  # a preposition at the root: its object becomes the root
            heads[obj], new[obj] = obj, "root"
            heads[i], new[i] = obj, "case"
            continue
        clausal = deps[obj] == "pcomp" and pos[obj] in ("VERB", "AUX")
        if clausal:
            rel = "advcl" if pos[head] in _VERBAL else "acl"
        elif dep == "agent":
            rel = "obl:agent"
        else:
            rel = "obl" if pos[head] in _VERBAL else "nmod"
        heads[obj], new[obj] = head, rel
        heads[i], new[i] = obj, "mark" if clausal else "case"
        for other in objs[1:]:
            heads[other], new[other] = obj, "conj" if deps[other] == "pobj" else new[other]
    phrase = _stray_objects(heads, new, deps, pos, children)
    # cc attaches to the following conjunct (the object heading it, where that conjunct is a preposition)
    for i in range(n):
        if deps[i] == "cc" and i not in phrase:  # (a cc preposition with an object hangs from it already)
            h = heads[i]
            later = [c for c in children[h] if deps[c] == "conj" and c > i]
            if later:
                heads[i] = phrase.get(min(later), min(later))
    return heads, new


_PHRASE_RELATIONS = frozenset({"advcl", "ccomp", "xcomp", "acl", "csubj", "parataxis", "obl", "nmod", "appos"})
"""Relations a preposition with a stray object hands on to the object that replaces it as the phrase head."""


def _stray_objects(heads: list[int], new: list[str], deps: list[str], pos: list[str],
                   children: list[list[int]]) -> dict[int, int]:
    """Attach the ``pobj`` objects the prepositional phrases left in place: those of words not labelled
    ``prep``/``agent``/``dative`` (see the module docstring), in place; returns preposition -> the object now
    heading its phrase."""
    stray = {i: objs for i, objs in ((i, [c for c in children[i] if heads[c] == i and new[c] == "pobj"])
                                     for i in range(len(deps))) if objs}
    phrase = {i: objs[0] for i, objs in stray.items() if deps[i] != "prt"}
    for i, objs in stray.items():
        obj = objs[0]
        for other in objs[1:]:  # "between A and B" read as two objects
            heads[other], new[other] = obj, "conj"
        head = phrase.get(heads[i], heads[i])  # (a preposition's phrase is headed by its object now)
        if i not in phrase:  # a particle: its verb takes the object
            heads[obj], new[obj] = head, "obj"
            continue
        if heads[i] == i:
            heads[obj], new[obj] = obj, "root"
        else:
            if deps[i] in ("conj", "cc"):
                rel = "conj"
            elif new[i] in _PHRASE_RELATIONS and pos[i] not in ("VERB", "AUX"):  # (a participle's acl is no clause)
                rel = new[i]
            else:
                rel = "obl" if pos[head] in _VERBAL else "nmod"
            heads[obj], new[obj] = head, rel
        heads[i] = obj
        if deps[i] != "cc":
            new[i] = "case"
    return phrase


def to_ud(doc: Doc) -> Doc:
    """A new Doc over the same text with UD v2 heads and labels (see the module docstring)."""
    if is_ud(doc):
        doc.user_data.setdefault("qk_scheme", "ud")
        return doc
    arr = doc.to_array(_ATTRS)
    n = len(doc)
    idx = numpy.arange(n)
    heads = (arr[:, 8].astype("int64") + idx).tolist()
    strings = doc.vocab.strings
    extra = doc.to_array([LOWER, ORTH, SPACY])  # string ids: no Token objects on this per-document hot path
    deps = [strings[h] for h in arr[:, 9].tolist()]
    pos = [POS_NAMES[p] for p in arr[:, 1].tolist()]
    tags = [strings[h] for h in arr[:, 0].tolist()]
    lower = [strings[h] for h in extra[:, 0].tolist()]
    heads, labels = convert_heads(heads, deps, pos, tags, lower)
    new = Doc(doc.vocab, words=[strings[h] for h in extra[:, 1].tolist()], spaces=extra[:, 2].astype(bool).tolist())
    arr[:, 8] = (numpy.asarray(heads, dtype="int64") - idx).astype(arr.dtype)
    arr[:, 9] = numpy.asarray([strings.add(d) for d in labels], dtype="uint64").astype(arr.dtype)
    new.from_array(_ATTRS, arr)
    new.user_data.update(doc.user_data)
    new.user_data["qk_scheme"] = "ud"
    return new
