""":mod:`quotekit.measures.reuse`: the same statement in several documents, and documents that are wire copy.

Two records are the same statement when their contents are equal after normalisation (lower case, words only:
quotation marks, punctuation and spacing ignored) or near-duplicates: the Jaccard similarity of their word
``shingle``-grams is at least ``threshold``. Near-duplicates are found with MinHash LSH (``datasketch``) and each
candidate pair is then checked on the exact shingle sets, so LSH only saves work, it never decides alone.
Statements shorter than ``min_words`` words ("No.", "We'll see") are left out: equal short phrases are not reuse.
Quotes are short (often 10-30 words) and one inserted or changed word alters up to ``shingle`` shingles, so the
defaults are word bigrams and a threshold of 0.6: a changed word in a 14-word quote keeps a similarity near 0.8,
while two different statements rarely share 60% of their word pairs.
Groups are the connected components of these links that span two or more documents.

Each grouped record gets ``reuse_group`` (a stable id from the first appearance's text), ``reuse_first``
(whether it is the first appearance: earliest ``date``, then ``doc_id``, then offset), ``reuse_n_docs`` and
``reuse_drift``: 1 - Jaccard similarity of its words and the first appearance's, counted as multisets (0 = the
same words the same number of times; an added "the" counts even where the quote already had one).
Document pairs sharing at least ``wire_min_shared`` statements that make up at least ``wire_share`` of the
smaller document's statements are flagged as likely wire copy.

Complexity: for N records of at most W words, normalising and shingling is O(N W); one MinHash per distinct
normalised text is O(W P) for P permutations; LSH insertion and query are O(P) per text plus the candidates it
returns, which near-duplicate-free text keeps O(1) on average, so the whole is O(N (W + P)) -- linear in corpus
size. The only super-linear part is counting shared statements per document pair: sum over groups of
``n_docs**2``; groups repeated in more than ``max_pair_docs`` documents (boilerplate, slogans) are left out of
the pair count to keep it bounded. ``benchmarks/reuse_scaling.py`` measures this on synthetic corpora.
"""
from __future__ import annotations

import hashlib
import unicodedata
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Iterable, Mapping, Optional, Sequence

import pandas as pd

from ..errors import InputError, MissingDependencyError
from ._text import check_records, span_of, span_text, words

GROUP_COLUMNS = ["reuse_group", "text", "n_records", "n_docs", "first_doc", "first_date", "first_outlet",
                 "repeated_by", "drift_mean"]
PAIR_COLUMNS = ["doc_a", "doc_b", "shared", "share", "wire_copy"]


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def content_words(text: str) -> list[str]:
    """Words of a content for matching: Unicode-compatibility folded, apostrophes unified (outlets differ in
    typography: "don’t" / "don't"), lower case."""
    return words(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES))


def normalise(text: str) -> str:
    """Content text for exact matching: :func:`content_words` joined by single spaces."""
    return " ".join(content_words(text))


def shingles(tokens: Sequence[str], size: int = 3) -> set[str]:
    """Word ``size``-grams of a token list (the whole list when it is shorter)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if (a or b) else 1.0


def multiset_jaccard(a: Counter, b: Counter) -> float:
    """Jaccard similarity of two word multisets (sum of minimum counts over sum of maximum counts)."""
    union = sum((a | b).values())
    return sum((a & b).values()) / union if union else 1.0


@dataclass
class ReuseResult:
    """What :func:`find_reuse` returns.

    Attributes:
        fields: per input record, ``{"reuse_group", "reuse_first", "reuse_n_docs", "reuse_drift"}`` (all
            ``None`` for a statement found in one document only).
        groups: one row per reuse group (columns :data:`GROUP_COLUMNS`): its first text, number of records and
            documents, first appearance (doc, date, outlet), the other outlets that repeat it, mean drift.
        pairs: document pairs sharing statements (columns :data:`PAIR_COLUMNS`), most shared first.
    """

    fields: list[dict]
    groups: pd.DataFrame
    pairs: pd.DataFrame


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _lsh_links(texts: Sequence[str], *, threshold: float, shingle: int, num_perm: int, seed: int) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of distinct normalised texts whose shingle Jaccard is at least ``threshold``."""
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError as error:  # pragma: no cover - datasketch is an install requirement
        raise MissingDependencyError("datasketch", "quote reuse detection", "pip install datasketch") from error
    sets = [shingles(t.split(), shingle) for t in texts]
    # crc32: a C hash, stable across runs and processes (Python's hash() is salted), twice as fast as sha1 here
    hashes = MinHash.bulk([[s.encode("utf-8") for s in shingle_set] for shingle_set in sets],
                          num_perm=num_perm, seed=seed, hashfunc=zlib.crc32)
    # LSH only proposes candidates (each is checked exactly below); datasketch cannot band for thresholds near 1,
    # so candidates are sought from a slightly lower similarity there
    lsh = MinHashLSH(threshold=min(threshold, 0.9), num_perm=num_perm)
    links = []
    for i, minhash in enumerate(hashes):
        if not sets[i]:
            continue
        for j in lsh.query(minhash):
            if jaccard(sets[i], sets[j]) >= threshold:
                links.append((j, i))
        lsh.insert(i, minhash)
    return links


def find_reuse(records: Iterable[Mapping[str, Any]], *, metadata: Optional[Mapping[str, Mapping[str, Any]]] = None,
               threshold: float = 0.6, min_words: int = 6, shingle: int = 2, num_perm: int = 64, seed: int = 1,
               wire_share: float = 0.5, wire_min_shared: int = 2, max_pair_docs: int = 50) -> ReuseResult:
    """Group the records that repeat a statement made in another document.

    Args:
        records: quote records; ``date``/``outlet`` are read from each record, else from ``metadata``.
        metadata: ``{doc_id: {"date": ..., "outlet": ...}}``.
        threshold: shingle Jaccard similarity from which two contents are the same statement (0-1].
        min_words: shorter contents are never grouped.
        shingle, num_perm, seed: shingle size and MinHash parameters.
        wire_share, wire_min_shared: when a document pair counts as wire copy.
        max_pair_docs: groups in more documents are left out of the pair count (see the module docstring).

    Raises:
        InputError: a record is not a dict with a ``doc_id``, or a parameter is out of range.
    """
    if not 0.0 < threshold <= 1.0:
        raise InputError(f"threshold must be in (0, 1], not {threshold!r}")
    if min_words < 1 or shingle < 1 or num_perm < 2:
        raise InputError("min_words and shingle must be at least 1 and num_perm at least 2")
    records = check_records(records)
    metadata = metadata or {}

    def field(rec: Mapping[str, Any], name: str) -> Any:
        value = rec.get(name)
        return value if value is not None else metadata.get(str(rec["doc_id"]), {}).get(name)

    tokens = [content_words(span_text(r.get("content")) or "") for r in records]
    eligible = [i for i, t in enumerate(tokens) if len(t) >= min_words]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i in eligible:
        by_text[" ".join(tokens[i])].append(i)
    distinct = list(by_text)
    uf = _UnionFind(len(records))
    for members in by_text.values():
        for i in members[1:]:
            uf.union(members[0], i)
    if len(distinct) > 1:
        for a, b in _lsh_links(distinct, threshold=threshold, shingle=shingle, num_perm=num_perm, seed=seed):
            uf.union(by_text[distinct[a]][0], by_text[distinct[b]][0])
    components: dict[int, list[int]] = defaultdict(list)
    for i in eligible:
        components[uf.find(i)].append(i)

    dates = pd.to_datetime(pd.Series([field(r, "date") for r in records], dtype="object"), errors="coerce")

    def order(i: int) -> tuple:
        span = span_of(records[i].get("content"))
        date = dates.iloc[i]
        return (pd.isna(date), date if not pd.isna(date) else pd.Timestamp(0), str(records[i]["doc_id"]),
                span[0] if span else 0)

    fields: list[dict] = [{"reuse_group": None, "reuse_first": None, "reuse_n_docs": None, "reuse_drift": None}
                          for _ in records]
    group_rows, doc_groups = [], defaultdict(set)
    for members in components.values():
        docs = {str(records[i]["doc_id"]) for i in members}
        if len(docs) < 2:
            continue
        members = sorted(members, key=order)
        first = members[0]
        group_id = "reuse-" + hashlib.sha1(" ".join(tokens[first]).encode("utf-8")).hexdigest()[:10]
        first_words = Counter(tokens[first])
        drifts = []
        for i in members:
            drift = 1.0 - multiset_jaccard(Counter(tokens[i]), first_words)
            drifts.append(drift)
            fields[i] = {"reuse_group": group_id, "reuse_first": i == first, "reuse_n_docs": len(docs),
                         "reuse_drift": round(drift, 4)}
            doc_groups[str(records[i]["doc_id"])].add(group_id)
        first_outlet = field(records[first], "outlet")
        repeated = sorted({str(o) for o in (field(records[i], "outlet") for i in members[1:])
                           if o is not None and o != first_outlet})
        group_rows.append({"reuse_group": group_id, "text": span_text(records[first].get("content")),
                           "n_records": len(members), "n_docs": len(docs), "first_doc": str(records[first]["doc_id"]),
                           "first_date": dates.iloc[first], "first_outlet": first_outlet, "repeated_by": repeated,
                           "drift_mean": sum(drifts[1:]) / (len(drifts) - 1)})
    groups = pd.DataFrame(group_rows, columns=GROUP_COLUMNS)
    if len(groups):
        groups = groups.sort_values(["n_docs", "reuse_group"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return ReuseResult(fields, groups, _wire_pairs(records, eligible, doc_groups, wire_share=wire_share,
                                                   wire_min_shared=wire_min_shared, max_pair_docs=max_pair_docs))


def _wire_pairs(records: Sequence[Mapping[str, Any]], eligible: Sequence[int], doc_groups: Mapping[str, set], *,
                wire_share: float, wire_min_shared: int, max_pair_docs: int) -> pd.DataFrame:
    statements: dict[str, int] = defaultdict(int)
    for i in eligible:
        statements[str(records[i]["doc_id"])] += 1
    docs_of: dict[str, list[str]] = defaultdict(list)
    for doc_id, group_ids in doc_groups.items():
        for group_id in group_ids:
            docs_of[group_id].append(doc_id)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for doc_ids in docs_of.values():
        if len(doc_ids) > max_pair_docs:
            continue
        for a, b in combinations(sorted(doc_ids), 2):
            shared[(a, b)] += 1
    rows = []
    for (a, b), n in shared.items():
        share = n / max(1, min(statements[a], statements[b]))
        rows.append({"doc_a": a, "doc_b": b, "shared": n, "share": min(1.0, share),
                     "wire_copy": n >= wire_min_shared and share >= wire_share})
    pairs = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    if len(pairs):
        pairs = pairs.sort_values(["shared", "doc_a", "doc_b"], ascending=[False, True, True], kind="stable")
    return pairs.reset_index(drop=True)
