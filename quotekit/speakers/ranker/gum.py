""":mod:`quotekit.speakers.ranker.gum`: gold mentions and chains of a CorefUD document (GUM), on its plain text.

Training and evaluation only: the runtime never reads GUM. Each ``.conllu`` document is read with ``udapi``'s
CorefUD support; its text is rebuilt from the tokens (``SpaceAfter=No`` glues, sentences of one paragraph are
joined by a space, ``# newpar`` starts a new paragraph after a blank line) so that quotekit's own parser can
parse it, and every gold mention carries the character offsets of its span and of its syntactic head (the word
of the mention whose parent lies outside it, on the gold tree).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ...errors import InputError, MissingDependencyError


@dataclass(frozen=True)
class GoldMention:
    """One gold mention: character span, head word span, chain (entity) id and entity type."""

    start: int
    end: int
    head_start: int
    head_end: int
    chain: str
    etype: str
    head_upos: str
    name: str = ""  # the run of proper-noun words around a PROPN head ("Barack Obama"), else ""
    name_start: int = -1  # its character span (-1: no name)
    name_end: int = -1
    identity: str = ""  # the chain's Wikipedia identity where GUM links one ("Barack Obama"), else ""


@dataclass
class GoldDocument:
    """A document's text, genre and gold mentions (document order)."""

    name: str
    genre: str
    text: str
    mentions: list[GoldMention]
    author: str = ""  # the document's ``# meta::author`` (its corpus author column), else ""


def document_author(path: Path | str) -> str:
    """The ``# meta::author`` comment of a CorefUD file's header (before its first sentence), else ""."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.startswith("#") or line.startswith("# sent_id"):
                break
            key, _, value = line[1:].partition("=")
            if key.strip() == "meta::author":
                return value.strip()
    return ""


def genre_of(name: str) -> str:
    """``GUM_news_afghan`` -> ``news`` (any ``<corpus>_<genre>_<name>``; else ``unknown``)."""
    parts = name.split("_")
    return parts[1] if len(parts) > 2 else "unknown"


def _load_udapi(path: Path):
    try:
        from udapi.core.document import Document
    except ImportError as error:  # pragma: no cover - udapi is a training-only dependency
        raise MissingDependencyError("udapi", "reading CorefUD training data", "pip install udapi") from error
    try:
        return Document(str(path))
    except Exception as error:  # udapi raises plain ValueError/KeyError on malformed files
        raise InputError(f"cannot read CorefUD file: {error}", path=path) from error


def _syntactic_head(words: list) -> object:
    """The mention's word whose parent is outside the mention (the first such; the first word if none)."""
    inside = {id(w) for w in words}
    for word in words:
        if id(word.parent) not in inside:
            return word
    return words[0]


def _name_run(words: list, head) -> list:
    """The contiguous proper-noun words of a mention around its PROPN head (``[]`` when the head is no name, or a
    plural one: "Palestinians", "Democrats" name groups, not a person or an organisation)."""
    if head.upos != "PROPN" or head.feats["Number"] == "Plur":
        return []
    ords = {w.ord: w for w in words if w.root is head.root}

    def joins(k: int, step: int) -> bool:  # a hyphen glued between two name words ("El-Hassan")
        w = ords.get(k)
        return (w is not None and w.form == "-" and k + step in ords and ords[k + step].upos == "PROPN"
                and w.misc["SpaceAfter"] == "No" and ords.get(k - 1) is not None
                and ords[k - 1].misc["SpaceAfter"] == "No")

    lo = hi = head.ord
    while lo - 1 in ords and (ords[lo - 1].upos == "PROPN" or joins(lo - 1, -1)):
        lo -= 1
    while hi + 1 in ords and (ords[hi + 1].upos == "PROPN" or joins(hi + 1, 1)):
        hi += 1
    return [ords[k] for k in range(lo, hi + 1)]


def _identity(mention) -> str:
    """The Wikipedia identity GUM links the mention's entity to (``Barack_Obama`` -> ``Barack Obama``), else ""."""
    other = mention.other
    value = other["identity"] if "identity" in other else ""
    return str(value or "").replace("_", " ")


def read_document(path: Path | str) -> GoldDocument:
    """Read one CorefUD ``.conllu`` file: rebuilt text and gold mentions with character offsets."""
    path = Path(path)
    doc = _load_udapi(path)
    pieces: list[str] = []
    offsets: dict[int, tuple[int, int]] = {}
    length = 0
    first = True
    for bundle in doc.bundles:
        for root in bundle.trees:
            if not first:
                sep = "\n\n" if root.newpar else ("" if pieces and pieces[-1].endswith((" ", "\n")) else " ")
                if root.newpar and pieces and pieces[-1].endswith(" "):
                    pieces[-1] = pieces[-1].rstrip(" ")
                    length = sum(len(p) for p in pieces)
                pieces.append(sep)
                length += len(sep)
            first = False
            for node in root.descendants:
                offsets[id(node)] = (length, length + len(node.form))
                piece = node.form + ("" if node.misc["SpaceAfter"] == "No" else " ")
                pieces.append(piece)
                length += len(piece)
    text = "".join(pieces).rstrip()
    mentions = []
    for entity in doc.coref_entities:
        for mention in entity.mentions:
            words = sorted(mention.words, key=lambda w: (w.root.address(), w.ord))
            words = [w for w in words if id(w) in offsets]
            if not words:
                continue
            head = _syntactic_head(words)
            start = min(offsets[id(w)][0] for w in words)
            end = max(offsets[id(w)][1] for w in words)
            hs, he = offsets[id(head)]
            run = _name_run(words, head)
            ns, ne = (offsets[id(run[0])][0], offsets[id(run[-1])][1]) if run else (-1, -1)
            mentions.append(GoldMention(start, end, hs, he, str(entity.eid), str(entity.etype or ""), head.upos,
                                        text[ns:ne] if run else "", ns, ne, _identity(mention)))
    mentions.sort(key=lambda m: (m.start, -m.end))
    name = path.stem
    return GoldDocument(name, genre_of(name), text, mentions, document_author(path))


def read_corpus(directory: Path | str) -> list[Path]:
    """The ``GUM_*.conllu`` files of a directory, sorted by name."""
    directory = Path(directory)
    files = sorted(directory.glob("*.conllu"))
    if not files:
        raise InputError("no .conllu files found (expected GUM_<genre>_<name>.conllu)", path=directory)
    return files
