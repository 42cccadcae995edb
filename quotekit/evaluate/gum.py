""":mod:`quotekit.evaluate.gum`: end-to-end speaker resolution against GUM's gold coreference.

``quotekit evaluate --gum <GUM>/docs [--documents held-out|training|all] [--genres news,interview]``

Each CorefUD document (:mod:`quotekit.speakers.ranker.gum` reads it and rebuilds its text) is parsed with
quotekit's parser (through the parse cache) and run through the normal pipeline
(:func:`quotekit.pipeline.analyze_doc`, with the file's ``# meta::author`` as the document's ``author``, as a
corpus's author column is passed): attribution, then speaker resolution. A record is scored when the head
token of its speaker span starts where a gold mention's head word starts, and that mention's chain is a person or
an organisation with a proper name (a singular PROPN-headed mention, or GUM's Wikipedia identity). It is right
when the record's ``speaker_entity`` names that chain (:func:`quotekit.evaluate.resolution.same_entity` against
any of the chain's names). Records are grouped by the gold mention's kind:

* ``pronoun``: a third-person personal pronoun ("he", "she", "they", "it");
* ``nominal``: a common-noun head ("the spokeswoman", "the group");
* ``named``: a proper-noun head ("Obama", "the United Nations");
* ``relative``: "who", "which", "that";
* ``first_person``: "I", "we" (in interviews: the interviewee speaking outside quotation marks).

The done-criterion of the speaker work reads ``pronoun`` + ``nominal``. GUM (Zeldes 2017) is CC BY-NC-SA 4.0:
the corpus is read from a folder the user gives; nothing of it ships with quotekit.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

from ..errors import InputError

DOCUMENT_SETS = ("held-out", "training", "all")
"""``held-out``: the ranker's held-out news and interview documents (never trained or tuned on);
``training``: every other document; ``all``: both."""
DEFAULT_GENRES = ("news", "interview")
KINDS = ("pronoun", "nominal", "named", "relative", "first_person")
SPEAKER_TYPES = frozenset({"person", "organization"})
PERSONAL_THIRD = frozenset({"he", "she", "they", "it", "him", "her", "them"})
RELATIVES = frozenset({"who", "whom", "which", "that"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})


@dataclass(frozen=True)
class GumItem:
    """One scored record: where its speaker mention is, what kind it is, the gold chain's names, the answer."""

    doc: str
    genre: str
    kind: str
    start: int
    mention: str
    gold: tuple[str, ...]
    predicted: Optional[str]
    status: Optional[str]
    correct: bool

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "genre": self.genre, "kind": self.kind, "start": self.start,
                "mention": self.mention, "gold": list(self.gold), "predicted": self.predicted,
                "status": self.status, "correct": self.correct}


def select_documents(files: Sequence[Path], documents: str = "held-out",
                     genres: Optional[Iterable[str]] = DEFAULT_GENRES) -> list[Path]:
    """The files of one document set (:data:`DOCUMENT_SETS`) and genres (None: every genre)."""
    from ..speakers.ranker.gum import genre_of
    from ..speakers.ranker.train import held_out_documents

    if documents not in DOCUMENT_SETS:
        raise InputError(f"unknown GUM document set {documents!r}; choose one of: {', '.join(DOCUMENT_SETS)}")
    held = set(held_out_documents(p.stem for p in files))
    wanted = None if genres is None else {g.strip() for g in genres if g.strip()}
    out = []
    for path in files:
        if wanted is not None and genre_of(path.stem) not in wanted:
            continue
        if documents == "held-out" and path.stem not in held or documents == "training" and path.stem in held:
            continue
        out.append(path)
    return out


def chain_names(gold) -> dict[str, tuple[str, ...]]:
    """Each person/organisation chain's names: its singular proper-name mentions and its linked identity."""
    names: dict[str, list[str]] = {}
    identities: dict[str, list[str]] = {}
    for m in gold.mentions:
        if m.etype not in SPEAKER_TYPES:
            continue
        for store, value in ((names, m.name), (identities, m.identity)):
            found = store.setdefault(m.chain, [])
            if value and value not in found:
                found.append(value)
    # a chain without a name mention is not scored, whatever it is linked to ("the president" alone)
    return {chain: tuple(found + [i for i in identities[chain] if i not in found])
            for chain, found in names.items() if found}


def mention_kind(mention, text: str) -> Optional[str]:
    """The kind (:data:`KINDS`) of a gold mention, from its head word; None for others ("his", "one")."""
    word = text[mention.head_start:mention.head_end].lower()
    if mention.head_upos == "PROPN":
        return "named"
    if mention.head_upos == "NOUN":
        return "nominal"
    if word in PERSONAL_THIRD:
        return "pronoun"
    if word in RELATIVES:
        return "relative"
    if word in FIRST_PERSON:
        return "first_person"
    return None


def score_document(gold, doc, quotes) -> list[GumItem]:
    """The scored records of one document: ``gold`` a :class:`~quotekit.speakers.ranker.gum.GoldDocument`,
    ``doc`` its parse, ``quotes`` the pipeline's records for it."""
    from .resolution import same_entity

    names = chain_names(gold)
    at_head: dict[int, Any] = {}
    for m in sorted(gold.mentions, key=lambda m: -(m.end - m.start)):  # the widest mention of a head word
        at_head.setdefault(m.head_start, m)
    names_at = [m for m in gold.mentions if m.name]
    items = []
    for quote in quotes:
        if quote.speaker is None:
            continue
        span = doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        mention = at_head.get(span.root.idx) or _name_around(names_at, span.root.idx)
        if mention is None or mention.chain not in names:
            continue
        kind = mention_kind(mention, gold.text)
        if kind is None:
            continue
        gold_names = names[mention.chain]
        correct = any(same_entity(quote.speaker_entity, name) for name in gold_names)
        items.append(GumItem(gold.name, gold.genre, kind, quote.speaker.start, quote.speaker.text, gold_names,
                             quote.speaker_entity, quote.speaker_resolved, correct))
    return items


def _name_around(mentions, char: int):
    """The gold name whose words contain ``char``: GUM heads a name on its first word ("Maria" of "Maria Lopez",
    flat), the parser often on its last (compound)."""
    for m in mentions:
        if m.name_start <= char < m.name_end:
            return m
    return None


def summarise(items: Sequence[GumItem]) -> dict[str, dict[str, Any]]:
    """Accuracy with its 95% Wilson interval per kind, and for pronouns + nominals together."""
    from ..speakers.ranker.train import wilson

    groups = {kind: [i for i in items if i.kind == kind] for kind in KINDS}
    groups["pronoun+nominal"] = groups["pronoun"] + groups["nominal"]
    out = {}
    for name, group in groups.items():
        n, k = len(group), sum(i.correct for i in group)
        low, high = wilson(k, n)
        out[name] = {"n": n, "correct": k, "accuracy": round(k / n, 3) if n else None,
                     "ci95": [round(low, 3), round(high, 3)]}
    return out


def evaluate_gum(directory: Union[str, Path], *, documents: str = "held-out",
                 genres: Optional[Iterable[str]] = DEFAULT_GENRES, backend: str = "spacy",
                 model: Optional[str] = None, cache_dir: Optional[Path] = None,
                 speaker_model: str = "rules") -> dict[str, Any]:
    """Run the pipeline on a set of GUM documents and score its speaker entities (see the module docstring).

    Returns ``{"documents": [...], "records": n, "scores": {kind: {"n", "correct", "accuracy", "ci95"}},
    "items": [GumItem.to_dict(), ...]}``.
    """
    from ..pipeline import analyze_doc
    from ..speakers.ranker.gum import read_corpus, read_document
    from ..speakers.ranker.plug import check_speaker_model
    from .run import parse_cached

    speaker_model = check_speaker_model(speaker_model)
    files = select_documents(read_corpus(directory), documents, genres)
    if not files:
        raise InputError(f"no GUM documents in the set {documents!r} of genres {', '.join(genres or ['any'])}",
                         path=Path(directory))
    golds = [read_document(path) for path in files]
    docs = parse_cached([g.text for g in golds], backend=backend, model=model, cache_dir=cache_dir)
    items: list[GumItem] = []
    records = 0
    for gold, doc in zip(golds, docs):
        meta = {"author": gold.author} if gold.author else None  # the corpus author column, as a user passes it
        quotes = analyze_doc(doc, doc_id=gold.name, meta=meta, stance=False, text=gold.text,
                             speaker_model=speaker_model)
        records += len(quotes)
        items.extend(score_document(gold, doc, quotes))
    return {"documents": [g.name for g in golds], "set": documents, "genres": sorted(genres) if genres else None,
            "speaker_model": speaker_model, "records": records, "scores": summarise(items),
            "items": [i.to_dict() for i in items]}


def format_scores(report: dict[str, Any]) -> str:
    """The scores as plain text: one line per kind."""
    lines = [f"GUM speaker resolution: {len(report['documents'])} documents ({report['set']}, genres "
             f"{', '.join(report['genres'] or ['all'])}), {report['records']} records, "
             f"{len(report['items'])} scored"]
    for kind, s in report["scores"].items():
        acc = f"{s['accuracy']:.3f}" if s["accuracy"] is not None else "  -  "
        lines.append(f"  {kind:<16} n={s['n']:<4} accuracy {acc} [{s['ci95'][0]:.2f}, {s['ci95'][1]:.2f}]")
    return "\n".join(lines)
