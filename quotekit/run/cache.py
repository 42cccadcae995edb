""":mod:`quotekit.run.cache`: parsed Docs on disk, so re-analysing a corpus never re-parses it.

Layout of a cache directory (one sub-folder per parser provenance, e.g. ``spacy:en_core_web_sm@3.8.0``)::

    <cache_dir>/<parser>/shards/<id>.spacy   a spaCy DocBin of one parsed batch
    <cache_dir>/<parser>/shards/<id>.user    the batch's ``Doc.user_data``, one msgpack list (DocBin's
                                             ``store_user_data`` costs one msgpack call per Doc)
    <cache_dir>/<parser>/index/<abc>.tsv     "<key>\\t<shard id>\\t<position>" lines, by the key's first 3 hex digits

The key of a Doc is a SHA-256 of the cache format version, the parser provenance (backend, model name and
version) and the text handed to the parser, so changing rules, stance or reports reuses every parse while a new
model (or a different text) misses. Shards are written to a temporary file and renamed; their index lines are
appended afterwards in one ``write`` per index file, so a run killed at any moment leaves a readable cache
(a torn last line is skipped). Several processes -- local workers or Dask workers on a shared file system -- may
read and write one cache at the same time.
"""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence, Union

import srsly
from spacy.tokens import Doc, DocBin
from spacy.tokens._serialize import ALL_ATTRS
from spacy.vocab import Vocab

from ..errors import InputError
from ..types import Document
from ._files import write_atomic as _write_atomic

__all__ = ["CACHE_VERSION", "ParseCache", "cache_key", "parse_with_cache"]

CACHE_VERSION = "3"
"""Part of every key: bumped when what a cached parse holds changes (3: :func:`quotekit.parse.ud.to_ud` attaches
the objects of prepositions ClearNLP labelled otherwise), so older parses are not reused."""
_SAFE = re.compile(r"[^A-Za-z0-9._@+-]+")


def cache_key(parser_name: str, text: str, variant: str = "") -> str:
    """The cache key of ``text`` parsed by the parser with provenance ``parser_name``; ``variant`` is the parser's
    :meth:`~quotekit.parse.base.BaseParser.cache_variant` of the text (an empty one leaves the key as it was)."""
    digest = hashlib.sha256()
    digest.update(f"quotekit-parse-cache/{CACHE_VERSION}\0{parser_name}\0".encode("utf-8"))
    if variant:
        digest.update(f"{variant}\0".encode("utf-8"))
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _parse_data(doc: Doc) -> dict[str, Any]:
    """What of ``doc.user_data`` belongs to the parse of a text (not which document's offsets it serves)."""
    return {key: value for key, value in doc.user_data.items() if key != "qk_source_text"}


_LINK_ATTRS = ("ENT_KB_ID", "ENT_ID")  # entity-linking ids: empty unless a pipeline links entities


def _attrs_for(docs: Iterable[Doc]) -> list[str]:
    """DocBin's attributes, less the entity-linking ids when no Doc has any (each column costs time to read back)."""
    if any(len(doc) and doc.to_array(list(_LINK_ATTRS)).any() for doc in docs):
        return list(ALL_ATTRS)
    return [attr for attr in ALL_ATTRS if attr not in _LINK_ATTRS]


class ParseCache:
    """Parsed Docs of one parser, stored in DocBin shards under ``cache_dir``."""

    def __init__(self, cache_dir: Union[str, Path], parser_name: str):
        self.parser_name = parser_name
        self.root = Path(cache_dir) / _SAFE.sub("_", parser_name)
        self.shards = self.root / "shards"
        self.index = self.root / "index"

    def key(self, text: str, variant: str = "") -> str:
        return cache_key(self.parser_name, text, variant)

    def _locate(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        wanted: dict[str, set[str]] = {}
        for key in keys:
            wanted.setdefault(key[:3], set()).add(key)
        found: dict[str, tuple[str, int]] = {}
        for prefix, group in wanted.items():
            try:
                with open(self.index / f"{prefix}.tsv", encoding="ascii", errors="replace") as handle:
                    lines = handle.read().splitlines()
            except FileNotFoundError:
                continue
            for line in lines:
                parts = line.split("\t")
                if len(parts) == 3 and parts[0] in group and parts[2].isdigit():
                    found[parts[0]] = (parts[1], int(parts[2]))
        return found

    def get_many(self, keys: Iterable[str], vocab: Vocab) -> dict[str, Doc]:
        """The cached Docs among ``keys`` (missing or unreadable entries are simply absent)."""
        by_shard: dict[str, list[tuple[str, int]]] = {}
        for key, (shard, position) in self._locate(keys).items():
            by_shard.setdefault(shard, []).append((key, position))
        docs: dict[str, Doc] = {}
        for shard, entries in by_shard.items():
            name = _SAFE.sub("_", shard)
            try:
                data = (self.shards / f"{name}.spacy").read_bytes()
                user_data = srsly.msgpack_loads((self.shards / f"{name}.user").read_bytes(), use_list=False)
                shard_docs = list(DocBin().from_bytes(data).get_docs(vocab))
                if len(user_data) != len(shard_docs):
                    continue
                for doc, extra in zip(shard_docs, user_data):
                    doc.user_data.update(extra)
            except Exception:  # noqa: BLE001 - a damaged shard is a cache miss, never a failed run
                continue
            for key, position in entries:
                if position < len(shard_docs):
                    docs[key] = shard_docs[position]
        return docs

    def put_many(self, items: Iterable[tuple[str, Doc]]) -> Optional[str]:
        """Store ``(key, doc)`` pairs as one new shard; returns its id (``None`` when there was nothing)."""
        items = list(items)
        if not items:
            return None
        shard = uuid.uuid4().hex
        docbin = DocBin(attrs=_attrs_for(doc for _key, doc in items))
        for _key, doc in items:
            docbin.add(doc)
        self.shards.mkdir(parents=True, exist_ok=True)
        self.index.mkdir(parents=True, exist_ok=True)
        _write_atomic(self.shards / f"{shard}.user", srsly.msgpack_dumps([_parse_data(doc) for _k, doc in items]))
        _write_atomic(self.shards / f"{shard}.spacy", docbin.to_bytes())
        lines: dict[str, list[str]] = {}
        for position, (key, _doc) in enumerate(items):
            lines.setdefault(key[:3], []).append(f"{key}\t{shard}\t{position}\n")
        for prefix, group in lines.items():
            fd = os.open(self.index / f"{prefix}.tsv", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                os.write(fd, "".join(group).encode("ascii"))
            finally:
                os.close(fd)
        return shard


def _vocab(parser: Any) -> Vocab:
    """The vocab the parser's Docs use (cached Docs are read back into it)."""
    nlp = getattr(parser, "nlp", None)
    if nlp is not None:
        return nlp.vocab
    vocab = getattr(parser, "vocab", None)
    if vocab is not None:
        return vocab
    import spacy

    return spacy.blank("en").vocab


def parse_with_cache(
    parser: Any,
    documents: Sequence[Document],
    *,
    cache_dir: Optional[Union[str, Path]] = None,
    batch_size: int = 16,
) -> tuple[list[Union[Doc, Exception]], list[bool]]:
    """:meth:`~quotekit.parse.base.BaseParser.parse_documents`, reusing the parses cached under ``cache_dir`` and
    storing the new ones (as one shard). Without ``cache_dir`` every document is parsed.

    Returns ``(docs, cached)``: per document, in order, its Doc or the exception that parsing it raised, and
    whether the parse came from the cache.
    """
    documents = list(documents)
    results: list[Optional[Union[Doc, Exception]]] = [None] * len(documents)
    cached = [False] * len(documents)
    cache = keys = None
    if cache_dir:
        cache = ParseCache(cache_dir, parser.name)
        keys = []
        for document in documents:
            try:
                text = parser.text_to_parse(document)
                keys.append(cache.key(text, parser.cache_variant(text)))
            except InputError:  # reported by parse_documents below
                keys.append(None)
        hits = cache.get_many({key for key in keys if key is not None}, _vocab(parser))
        for i, key in enumerate(keys):
            if key in hits:
                results[i], cached[i] = parser.for_document(hits[key], documents[i]), True
    missing = [i for i, doc in enumerate(results) if doc is None]
    if missing:
        parsed = parser.parse_documents([documents[i] for i in missing], batch_size=batch_size)
        for i, doc in zip(missing, parsed):
            results[i] = doc
        if cache is not None:
            try:
                cache.put_many([(keys[i], results[i]) for i in missing if isinstance(results[i], Doc)])
            except Exception:  # noqa: BLE001 - a full disk must not lose the analysis; the next run re-parses
                pass
    return results, cached
