""":mod:`quotekit.stance.targets`: what a quote takes a stance on: named entities, corpus topics, the user's targets.

The noun-phrase targets of :mod:`quotekit.stance.targeted` include every noun of a quote, so a speaker x target
table fills up with ``people``, ``time`` and ``state``, and ``Clinton`` and ``Hillary Clinton`` are two targets.
The targets here are the ones a reader of such a table means:

* **entity** targets: named entities (:data:`ENTITY_LABELS`) inside the quote's content, canonicalised per document
  the way speakers are (:func:`document_entities`): a short form (``Clinton``, ``Mrs. Clinton``, ``Hillary``) is
  the one longer name of the document it matches, when exactly one matches; ids come from the speaker-id key
  function of :mod:`quotekit.speakers.canonical` (``hillary-clinton``), so a target id equals the ``speaker_id``
  of the same person; :func:`link_target_ids` joins a bare surname to a corpus speaker as speaker ids do; other
  entities take the canonical name of ``quotekit/lexicons/entity_aliases.json`` ("U.S.", "America" ->
  ``united-states``) and otherwise the slug of their name;
* **topic** targets: the noun compounds of the quotes ("tax cut", "deficit"; or textacy's TextRank / SGRank key
  terms over each document's quote contents, slower), matched back to the quotes by lemma (:func:`quote_topics`);
  a one-word topic must not be a generic noun (``quotekit/lexicons/generic_nouns.txt``) or a role word
  (``roles.txt``: "secretary" names a person); the corpus keeps the topics it repeats: one-word ones found in two
  documents or more, multiword ones in two quotes or more (:func:`filter_topics`); ids ``topic:<slug>``;
* **user** targets: ``{"Hillary Clinton": ["Clinton", "Hillary", "HRC"]}`` (in Python, or a JSON / two-column CSV
  file read by :func:`load_targets`), matched case-insensitively on word boundaries; ids ``user:<slug>``.

Where targets overlap, a user target wins over an entity, an entity over a topic. Each target's polarity is the
targeted scorer's (:func:`quotekit.stance.targeted.target_polarity`, the words around the target inside the
content); occurrences of one target in a quote are averaged. The reporter's framing is not folded in (it is its
own field, :mod:`quotekit.stance.framing`) unless a ``prior`` is passed.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from spacy.tokens import Doc, Span

from .. import lexicons
from ..analysis import DocAnalysis, analysis_of
from ..errors import InputError
from ..speakers.canonical import SpeakerIds, _name_key, name_words, slug
from .targeted import _polarity  # target_polarity on token indices: no Token objects per target

__all__ = [
    "ENTITY_LABELS", "TARGET_KINDS", "CorpusTargets", "EntityNames", "document_entities", "document_targets",
    "entity_aliases", "filter_topics", "generic_nouns", "link_target_ids", "load_targets", "normalise_targets",
    "quote_targets", "quote_topics",
]

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
"""spaCy entity labels that name something a speaker can be for or against (not dates, amounts, ordinals)."""
TARGET_KINDS = ("user", "entity", "topic")
"""Target kinds, in the order they win over each other where they overlap."""
UserTargets = Mapping[str, Sequence[str]]

_QUOTES = "".join(sorted(lexicons.QUOTATION_MARKS))
_DETERMINERS = ("the ", "a ", "an ")


@lru_cache(maxsize=1)
def entity_aliases() -> Mapping[str, str]:
    """Other name -> canonical name of places, organisations and groups (``quotekit/lexicons/entity_aliases.json``:
    ``"U.S."`` and ``"America"`` -> ``"United States"``, ``"GOP"`` -> ``"Republican Party"``)."""
    table = lexicons.load_json("entity_aliases")["aliases"]
    out = {name: name for name in table}
    out.update({alias: name for name, aliases in table.items() for alias in aliases})
    return out


def generic_nouns() -> frozenset[str]:
    """Lemmas too general to be a topic on their own (``quotekit/lexicons/generic_nouns.txt``)."""
    return lexicons.load("generic_nouns")


# ---- entities ------------------------------------------------------------------------------------------------
def _clean(text: str) -> str:
    """A mention as a target's display text: no quotation marks, leading article or possessive ``'s``."""
    text = " ".join(text.split()).strip(_QUOTES + " ,.;:")
    if text.lower().startswith(_DETERMINERS):
        text = text.split(" ", 1)[1] if " " in text else text
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip(_QUOTES + " ,.;:")


def _without_titles(text: str) -> str:
    """``"Mrs. Clinton"`` -> ``"Clinton"`` (leading honorifics of ``quotekit/lexicons/titles.txt`` dropped)."""
    words = text.split()
    titles = lexicons.titles()
    while len(words) > 1 and (words[0].lower() in titles or words[0].lower().rstrip(".") in titles
                              or words[0].lower() + "." in titles):
        words = words[1:]
    return " ".join(words)


def _name_like(text: str) -> bool:
    """A named entity worth a target: at least one capitalised word of two letters or more (no stray ``-`` or
    ``e``, no lower-case pronoun mis-tagged as an entity)."""
    return any(len(w) > 1 and w[0].isupper() and any(c.isalpha() for c in w) for w in text.split())


@dataclass(frozen=True)
class EntityNames:
    """A document's person names: full-name id -> display name, and each first/last name word -> the full-name ids
    it could stand for (built by :func:`document_entities`)."""

    full: Mapping[str, str] = field(default_factory=dict)
    by_word: Mapping[str, frozenset[str]] = field(default_factory=dict)
    speakers: frozenset[str] = frozenset()
    """Full-name ids of the document's resolved speakers (a one-word name that fits several full names of the
    document joins the only speaker among them: NER's "Trump Should" does not split Trump in two)."""

    def person(self, text: str) -> Optional[tuple[str, str]]:
        """``(display, id)`` of a person mention; ``None`` if it has no name words. A full name keeps its own id
        (with the document's first display of it); a one-word name joins the document's only full name having that
        word as first or last name, else stays itself (``"Clinton"``, ``"clinton"``)."""
        words = name_words(text)
        if not words:
            return None
        if len(words) >= 2:
            key = _name_key(text)
            return self.full.get(key) or _without_titles(text), key
        candidates = self.by_word.get(words[0], frozenset())
        if len(candidates) > 1 and len(candidates & self.speakers) == 1:
            candidates = candidates & self.speakers
        if len(candidates) == 1:
            key = next(iter(candidates))
            return self.full[key], key
        return _without_titles(text), words[0]

    def is_person_word(self, text: str) -> bool:
        """Whether a one-word mention is a first or last name of a person of the document (NER sometimes tags
        "Clinton" as a place or an organisation)."""
        words = name_words(text)
        return len(words) == 1 and words[0] in self.by_word


def document_entities(doc: Union[Doc, DocAnalysis], names: Iterable[str] = (),
                      ents: Optional[Sequence[Span]] = None) -> EntityNames:
    """The person names of a document: its PERSON entities (``ents``: ``doc.ents`` when read already) and ``names``
    (the resolved speaker names of the document, which come first and so give the display form). ``doc`` may be the
    document's :class:`~quotekit.analysis.DocAnalysis` (entity texts are then sliced from its text)."""
    full: dict[str, str] = {}
    speakers: set[str] = set()
    names = list(names)
    analysis = doc if isinstance(doc, DocAnalysis) else None
    if ents is None:
        ents = analysis.ents if analysis is not None else doc.ents
    text_of = analysis.span_text if analysis is not None else _span_text
    for n, text in enumerate([*names, *(text_of(ent) for ent in ents if ent.label_ == "PERSON")]):
        cleaned = _without_titles(_clean(text))
        words = name_words(cleaned)
        if len(words) >= 2:
            full.setdefault(_name_key(cleaned), cleaned)
            if n < len(names):
                speakers.add(_name_key(cleaned))
    by_word: dict[str, set[str]] = defaultdict(set)
    for key in full:
        parts = key.split("-")
        by_word[parts[0]].add(key)
        by_word[parts[-1]].add(key)
    return EntityNames(full, {w: frozenset(keys) for w, keys in by_word.items()}, frozenset(speakers))


def _span_text(span: Span) -> str:
    return span.text


def _entity_candidates(span: Span, names: EntityNames, ents: Sequence[Span],
                       analysis: DocAnalysis) -> list[tuple[str, str, str, int, int]]:
    out = []
    covered: set[int] = set()
    for ent in ents:
        label = ent.label_
        if ent.start < span.start or ent.end > span.end or label not in ENTITY_LABELS:
            continue
        text = _clean(analysis.span_text(ent))
        if not text or not _name_like(text) or text.lower() in generic_nouns():
            continue  # "the Party", "State" alone: a generic noun NER took for a name
        person = names.person(text) if label == "PERSON" or names.is_person_word(text) else None
        if person is not None:
            display, key = person
        else:
            display = entity_aliases().get(text, text)
            key = slug(display)
            if label == "NORP" and re.search(r"[a-z][nt]s$", key):
                key = key[:-1]  # "Republicans" and "Republican", "Democrats" and "Democrat": one group
        if key:
            out.append((display, key, "entity", ent.start, ent.end))
            covered.update(range(ent.start, ent.end))
    # names NER missed inside the quote ("... said Motegi's plan"): a proper noun that is a person's name here
    table = analysis.table
    pos, text = table.pos, table.text
    for i in range(span.start, span.end):
        if i in covered or pos[i] != "PROPN" or not names.is_person_word(text[i]):
            continue
        person = names.person(text[i])
        if person is not None:
            out.append((person[0], person[1], "entity", i, i + 1))
    return out


# ---- topics --------------------------------------------------------------------------------------------------
def _topic_ok(words: Sequence[str]) -> bool:
    generic = generic_nouns()
    if not words or not all(w.replace("-", "").isalpha() for w in words):
        return False  # "n’t", "9/11", "-": not words
    if len(words) == 1:  # a role ("secretary") or a sourcing noun ("staff", "officials") names people, not a topic
        word = words[0]
        return (len(word) > 2 and word not in generic and word not in lexicons.role_words()
                and word not in lexicons.anonymous_heads())
    return not all(w in generic for w in words)


def _norm(token) -> str:
    """A word as topics compare it: the lemma where it is the word's own stem ("cuts" -> "cut"), else the
    lower-cased word ("data" stays "data", not spaCy's "datum")."""
    return _norm_word(token.lower_, token.lemma_)


@lru_cache(maxsize=65536)  # the same words come back in every quote
def _norm_word(low: str, lemma: str) -> str:
    """:func:`_norm` of a lower-cased word and its lemma."""
    lemma = lemma.lower()
    return lemma if lemma and low.startswith(lemma[: max(1, len(lemma) - 1)]) else low


def _contents_doc(contents: Sequence[Span]) -> Optional[Doc]:
    """The quotes' words as one Doc (words, spaces, parts of speech and lemmas: what key-term extraction reads)."""
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    lemmas: list[str] = []
    for span in contents:
        if span is None or not len(span):
            continue
        for tok in span:
            words.append(tok.text)
            spaces.append(bool(tok.whitespace_))
            pos.append(tok.pos_ or "X")
            lemmas.append(_norm(tok))
        spaces[-1] = True
    return Doc(contents[0].doc.vocab, words=words, spaces=spaces, pos=pos, lemmas=lemmas) if words else None


def _noun_compounds(contents: Sequence[Span], analysis: Optional[DocAnalysis] = None) -> list[str]:
    """Every noun of the quotes with the nouns compounded before it ("tax cut", "unemployment rate", "deficit"),
    normalised (:func:`_norm`), in order of first appearance: the candidates textacy's key-term extractors start
    from, without their ranking (the corpus ranks them: :func:`filter_topics`). ``analysis``: the Doc's
    :class:`~quotekit.analysis.DocAnalysis` (read from its token table)."""
    out: dict[str, None] = {}
    for span in contents:
        if span is None or not len(span):
            continue
        table = (analysis if analysis is not None else analysis_of(span.doc)).table
        pos, dep, lower, lemma = table.pos, table.dep, table.lower, table.lemma
        for i in range(span.start, span.end):
            if pos[i] != "NOUN" or dep[i] in ("compound", "nn"):
                continue
            start = i
            while start > span.start and pos[start - 1] == "NOUN" and dep[start - 1] in ("compound", "nn"):
                start -= 1
            out.setdefault(" ".join(_norm_word(lower[k], lemma[k]) for k in range(start, i + 1)), None)
    return list(out)


def quote_topics(contents: Sequence[Span], *, topn: int = 10, algorithm: str = "compounds",
                 exclude: Iterable[str] = (), analysis: Optional[DocAnalysis] = None) -> list[str]:
    """Topic terms of a document's quotes, as lower-case lemma strings, nouns only (no pronouns, adjectives or
    names: names are entity targets); generic one-word terms (:func:`generic_nouns`), role words and the words of
    ``exclude`` (the document's entity names) dropped; ``analysis``: the Doc's
    :class:`~quotekit.analysis.DocAnalysis` when at hand.

    ``algorithm``: ``"compounds"`` (default): every noun compound of the quotes, left for the corpus to rank by how
    many documents and quotes repeat it (:func:`filter_topics`); or textacy's ``"textrank"`` / ``"sgrank"`` key
    terms over the contents joined as one Doc, ``topn`` of them (several times slower: the key-term graph costs
    as much as a tenth of the parse, against a budget of a tenth for all analysis after parsing).
    """
    contents = [c for c in contents if c is not None and len(c)]
    if algorithm == "compounds":
        terms = _noun_compounds(contents, analysis)
    else:
        import textacy.extract.keyterms as kt

        algorithms = {"sgrank": kt.sgrank, "textrank": kt.textrank}
        if algorithm not in algorithms:
            raise InputError(f"unknown topic algorithm {algorithm!r}; choose one of: compounds, "
                             f"{', '.join(algorithms)}")
        joined = _contents_doc(contents)
        if joined is None:
            return []
        try:
            ranked = algorithms[algorithm](joined, normalize="lemma", include_pos=("NOUN",), topn=topn * 2)
        except (ValueError, ZeroDivisionError):  # too little text for the algorithm's statistics
            return []
        terms = [term for term, _score in ranked]
    excluded = {w.lower() for name in exclude for w in name.split()}
    out: list[str] = []
    for term in terms:
        words = term.lower().split()
        if _topic_ok(words) and not excluded.intersection(words) and " ".join(words) not in out:
            out.append(" ".join(words))
    return out if algorithm == "compounds" else out[:topn]


@lru_cache(maxsize=64)  # every quote of a document looks for the same topics
def _topic_index(topics: tuple[str, ...]) -> dict[str, list[tuple[int, str, list[str], str]]]:
    """First word -> ``(rank, term, words, id)`` of each topic starting with it."""
    index: dict[str, list[tuple[int, str, list[str], str]]] = defaultdict(list)
    for rank, term in enumerate(topics):
        words = term.split()
        if words:
            index[words[0]].append((rank, term, words, "topic:" + slug(term)))
    return dict(index)


def _topic_candidates(span: Span, topics: Sequence[str], analysis: DocAnalysis) -> list[tuple[str, str, str, int, int]]:
    """Occurrences of ``topics`` in ``span`` (by :func:`_norm`, ending on a noun), in the order of ``topics`` and
    then of the text: an earlier topic takes overlapping words first."""
    if not topics:
        return []
    table = analysis.table
    lower, lemma, pos = table.lower, table.lemma, table.pos
    start, end = span.start, span.end
    norms = list(map(_norm_word, lower[start:end], lemma[start:end]))
    index = _topic_index(tuple(topics))
    found = []
    for k in [k for k, word in enumerate(norms) if word in index]:
        for rank, term, words, key in index[norms[k]]:
            stop = k + len(words)
            if stop <= len(norms) and norms[k:stop] == words and pos[start + stop - 1] == "NOUN":
                found.append((rank, k, (term, key, "topic", start + k, start + stop)))
    found.sort(key=lambda item: item[:2])
    return [candidate for _, _, candidate in found]


# ---- user targets --------------------------------------------------------------------------------------------
def normalise_targets(targets: UserTargets) -> dict[str, tuple[str, ...]]:
    """``{target: aliases}`` checked and cleaned: every target is also its own alias, blank aliases dropped."""
    if not isinstance(targets, Mapping):
        raise InputError("targets must map each target to its aliases, e.g. "
                         '{"Hillary Clinton": ["Clinton", "Hillary", "HRC"]}')
    out: dict[str, tuple[str, ...]] = {}
    for target, aliases in targets.items():
        if not isinstance(target, str) or not target.strip():
            raise InputError(f"a target must be a non-empty string, not {target!r}")
        if isinstance(aliases, str) or not isinstance(aliases, Iterable):
            aliases = [] if aliases is None else [aliases]
        names = [" ".join(str(a).split()) for a in [target, *aliases] if a is not None and str(a).strip()]
        out[" ".join(target.split())] = tuple(dict.fromkeys(names))
    return out


def load_targets(path: Union[str, Path]) -> dict[str, tuple[str, ...]]:
    """User targets from a file: JSON (``{"target": ["alias", ...]}`` or a list of targets) or CSV with two
    columns ``target,alias`` (one alias a row; a header row ``target,alias`` is skipped; a target alone on its row
    is its own alias).

    Raises:
        InputError: the file is missing, not JSON/CSV, or a row is malformed (with its line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such targets file; pass a JSON or CSV file of targets and aliases", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the targets file ({exc})", path=path) from None
    if path.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON ({exc.msg})", path=path, line=exc.lineno) from None
        if isinstance(data, list):
            data = {str(t): [] for t in data}
        try:
            return normalise_targets(data)
        except InputError as exc:
            raise InputError(str(exc), path=path) from None
    targets: dict[str, list[str]] = {}
    for line, row in enumerate(csv.reader(io.StringIO(text)), 1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if line == 1 and [c.lower() for c in cells[:2]] == ["target", "alias"]:
            continue
        if len(cells) > 2 or not cells[0]:
            raise InputError("each row must be: target,alias (two columns, target not empty)", path=path, line=line)
        targets.setdefault(cells[0], []).extend(cells[1:2])
    return normalise_targets(targets)


@lru_cache(maxsize=64)
def _alias_pattern(targets: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern, dict[str, str]]:
    owner: dict[str, str] = {}
    for target, aliases in targets:
        for alias in aliases:
            owner.setdefault(alias.lower(), target)
    alternatives = sorted(owner, key=len, reverse=True)  # longest first: "Hillary Clinton" before "Clinton"
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)", re.IGNORECASE)
    return pattern, owner


def _user_candidates(span: Span, targets: Mapping[str, tuple[str, ...]]) -> list[tuple[str, str, str, int, int]]:
    if not targets:
        return []
    pattern, owner = _alias_pattern(tuple((t, tuple(a)) for t, a in targets.items()))
    doc, base, out = span.doc, span.start_char, []
    for match in pattern.finditer(span.text):
        target = owner[match.group(0).lower()]
        hit = doc.char_span(base + match.start(), base + match.end(), alignment_mode="expand")
        if hit is not None and len(hit):
            out.append((target, "user:" + slug(target), "user", hit.start, hit.end))
    return out


# ---- per quote, per document, per corpus ---------------------------------------------------------------------
def quote_targets(
    span: Span,
    *,
    entities: Optional[EntityNames] = None,
    topics: Sequence[str] = (),
    user: Optional[UserTargets] = None,
    prior: float = 0.0,
    prior_weight: float = 0.5,
    ents: Optional[Sequence[Span]] = None,
    analysis: Optional[DocAnalysis] = None,
) -> list[dict[str, Any]]:
    """The targets of one quote content ``span``: ``[{"target", "target_id", "kind", "polarity"}, ...]`` in text
    order, one entry per target id (polarity averaged over its occurrences, in [-1, 1], 4 decimals).

    ``entities``: the document's names (:func:`document_entities`; built from the Doc when ``None``); ``topics``:
    topic lemma strings to look for (:func:`quote_topics`); ``user``: ``{target: aliases}``; ``prior``: a frame
    prior added with ``prior_weight`` before clipping (0: the quoted words only); ``ents``: the Doc's entities when
    read already (``doc.ents`` builds them anew on each access); ``analysis``: the Doc's
    :class:`~quotekit.analysis.DocAnalysis` (its token table serves every target of the document).
    """
    if span is None or not len(span):
        return []
    doc = span.doc
    analysis = analysis if analysis is not None else analysis_of(doc)
    ents = analysis.ents_in(span) if ents is None else ents
    entities = entities if entities is not None else document_entities(analysis, ents=analysis.ents)
    user_targets = normalise_targets(user) if user else {}
    found = [*_user_candidates(span, user_targets), *_entity_candidates(span, entities, ents, analysis),
             *_topic_candidates(span, topics, analysis)]
    if not found:
        return []
    taken: set[int] = set()
    kept = []
    for candidate in found:  # in kind order: user, entity, topic; a token belongs to the first target taking it
        tokens = range(candidate[3], candidate[4])
        if not taken.isdisjoint(tokens):
            continue
        taken.update(tokens)
        kept.append(candidate)
    kept.sort(key=lambda c: c[3])
    merged: dict[str, dict[str, Any]] = {}
    values: dict[str, list[float]] = defaultdict(list)
    table, lo, hi = analysis.table, span.start, span.end
    for text, key, kind, start, end in kept:
        value = _polarity(table, list(range(start, end)), lo, hi) + prior_weight * prior
        values[key].append(max(-1.0, min(1.0, value)))
        merged.setdefault(key, {"target": text, "target_id": key, "kind": kind})
    return [dict(item, polarity=round(sum(values[key]) / len(values[key]), 4)) for key, item in merged.items()]


def document_targets(
    doc: Union[Doc, DocAnalysis],
    contents: Sequence[Optional[Span]],
    *,
    names: Iterable[str] = (),
    user: Optional[UserTargets] = None,
    topics: Optional[Sequence[str]] = None,
    topic_algorithm: str = "compounds",
    topn: int = 10,
) -> list[list[dict[str, Any]]]:
    """:func:`quote_targets` for every quote content of one document (``None`` contents get ``[]``).

    ``doc``: the parsed document or its :class:`~quotekit.analysis.DocAnalysis` (whose entities are read once);
    ``names``: the document's resolved speaker names; ``topics``: the topic terms to look for, or ``None`` for the
    topic terms of this document's own quotes (:func:`quote_topics` with ``topic_algorithm`` and ``topn``; keep
    only those the corpus repeats with :func:`filter_topics`).
    """
    analysis = doc if isinstance(doc, DocAnalysis) else DocAnalysis(doc)
    ents = analysis.ents
    entities = document_entities(analysis, names, ents)
    if topics is None:
        names_here = [analysis.span_text(e) for e in ents if e.label_ in ENTITY_LABELS] + list(entities.full.values())
        topics = quote_topics([c for c in contents if c is not None], topn=topn, algorithm=topic_algorithm,
                              exclude=names_here, analysis=analysis)
    user = normalise_targets(user) if user else None
    return [quote_targets(c, entities=entities, topics=topics, user=user, ents=analysis.ents_in(c),
                          analysis=analysis) if c is not None else []
            for c in contents]


def _targets_of(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    stance = record.get("stance") or {}
    return stance.get("targets") or [] if isinstance(stance, Mapping) else []


def _speaker_view(record: Mapping[str, Any]) -> SimpleNamespace:
    """The speaker fields of a record, as :class:`SpeakerIds` reads them."""
    return SimpleNamespace(speaker_entity=record.get("speaker_entity"),
                           speaker_type=record.get("speaker_type") or "unknown",
                           speaker_role=record.get("speaker_role"),
                           speaker_entities=record.get("speaker_entities") or [])


class CorpusTargets:
    """The corpus-level pass over stance targets, for records seen batch by batch: :meth:`observe` every record
    (pass one), then :meth:`apply` each (pass two). ``apply`` on every record equals
    ``link_target_ids(filter_topics(records))``: topics the corpus does not repeat dropped (one-word topics in fewer
    than ``min_docs`` documents, multiword ones in fewer than ``min_quotes`` quotes), one-word entity targets joined
    to the corpus speaker whose surname they are (see :func:`filter_topics`, :func:`link_target_ids`)."""

    def __init__(self, *, min_docs: int = 2, min_quotes: int = 2) -> None:
        self.min_docs, self.min_quotes = min_docs, min_quotes
        self._docs_of: dict[str, set[str]] = defaultdict(set)
        self._quotes_of: Counter = Counter()
        self._ids = SpeakerIds()
        self._display: dict[str, Counter] = defaultdict(Counter)  # speaker key -> its full names as written

    def observe(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Count each record's topics and note its speaker names."""
        for rec in records:
            for t in _targets_of(rec):
                if t.get("kind") == "topic":
                    self._docs_of[t["target_id"]].add(str(rec.get("doc_id")))
                    self._quotes_of[t["target_id"]] += 1
            view = _speaker_view(rec)
            self._ids.observe([view])
            entity = view.speaker_entity
            if view.speaker_type == "person" and entity and len(name_words(entity)) >= 2:
                self._display[_name_key(entity)][entity] += 1

    def keeps(self, target: Mapping[str, Any]) -> bool:
        """Whether a target stays: an entity or user target always, a topic if the corpus repeats it."""
        if target.get("kind") != "topic":
            return True
        if " " in str(target["target"]):
            return self._quotes_of[target["target_id"]] >= self.min_quotes
        return len(self._docs_of[target["target_id"]]) >= self.min_docs

    def linked(self, target: Mapping[str, Any]) -> Mapping[str, Any]:
        """A one-word entity target as the corpus speaker it names, when exactly one full-name speaker has it as
        surname; else unchanged."""
        if target.get("kind") != "entity" or "-" in str(target.get("target_id")) or " " in str(target["target"]):
            return target
        key = self._ids.key(SimpleNamespace(speaker_entity=target["target"], speaker_type="person",
                                            speaker_role=None))
        if key and key in self._display:
            return dict(target, target=self._display[key].most_common(1)[0][0], target_id=key)
        return target

    def apply(self, record: Mapping[str, Any], *, topics: bool = True, link: bool = True) -> dict[str, Any]:
        """The record (a new dict) with its targets filtered (``topics``) and linked (``link``)."""
        record = dict(record)
        if isinstance(record.get("stance"), Mapping):
            targets = _targets_of(record)
            if topics:
                targets = [t for t in targets if self.keeps(t)]
            if link:
                targets = [self.linked(t) for t in targets]
            record["stance"] = dict(record["stance"], targets=targets)
        return record


def filter_topics(records: Sequence[Mapping[str, Any]], *, min_docs: int = 2,
                  min_quotes: int = 2) -> list[dict[str, Any]]:
    """The records with the topics the corpus does not repeat dropped: a one-word topic must come back in at least
    ``min_docs`` documents, a multiword one ("tax cut") in at least ``min_quotes`` quotes. Entities and user
    targets are kept. New dicts, inputs unchanged (streamed corpora: :class:`CorpusTargets`)."""
    corpus = CorpusTargets(min_docs=min_docs, min_quotes=min_quotes)
    corpus.observe(records)
    return [corpus.apply(rec, link=False) for rec in records]


def link_target_ids(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The records with each one-word entity target (``Clinton`` from a document that never gives the first
    name) joined to a corpus speaker the way :class:`~quotekit.speakers.canonical.SpeakerIds` joins a bare surname:
    only when exactly one full-name person speaker of the corpus has it as surname. New dicts, inputs unchanged
    (streamed corpora: :class:`CorpusTargets`).

    (A one-word place that is also the surname of exactly one speaker, "Jordan", would be joined too: the records
    do not keep the entity label.)"""
    corpus = CorpusTargets()
    corpus.observe(records)
    return [corpus.apply(rec, topics=False) for rec in records]
