""":mod:`quotekit.spans`: fast per-Doc lookups shared by the analysis stages.

Two spaCy accessors are costly on a hot path: ``Doc.text`` joins every token on each access, and ``Span.ents``
scans every entity of the Doc; called once per quote or mention they make analysis slow, even quadratic on
huge documents. The analysis stages handle one Doc at a time, so one Doc's text and entity index are kept.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Any, Callable

import numpy

from spacy.tokens import Doc, Span

_LAST: dict = {"doc": None}  # holds the Doc itself, so its identity cannot be reused while cached


def _cached(doc: Doc) -> dict:
    if _LAST["doc"] is not doc:
        _LAST.clear()
        _LAST["doc"] = doc
    return _LAST


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], Any]) -> Any:
    """``compute(doc)``, computed once per Doc however many stages ask (e.g. the quotation spans)."""
    cache = _cached(doc)
    if key not in cache:
        cache[key] = compute(doc)
    return cache[key]


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc."""
    cache = _cached(doc)
    if "text" not in cache:  # as Doc.text does, without making a Token object per token
        table = token_table(doc)
        cache["text"] = "".join([w + " " if space else w for w, space in zip(table.text, table.space_after)])
    return cache["text"]


def seed_doc_text(doc: Doc, text: str) -> None:
    """Tell the analysis that ``doc.text == text`` (a parser's output over ``text``), so it need not be rebuilt
    from the tokens. Ignored when the token offsets show otherwise."""
    n = len(doc)
    table = token_table(doc)
    if n and table.idx[-1] + table.length[-1] + table.space_after[-1] != len(text):
        return
    _cached(doc)["text"] = text


def span_text(span: Span) -> str:
    """``span.text``, sliced from the Doc's text built once (no Token objects)."""
    return tokens_text(span.doc, span.start, span.end)


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text`` without making the Span."""
    if end <= start:
        return ""
    table = token_table(doc)
    return doc_text(doc)[table.idx[start]:table.idx[end - 1] + table.length[end - 1]]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents`` (each access builds every entity Span anew), once per Doc."""
    return _ents(doc)[1]


def _ents(doc: Doc) -> tuple[list[int], tuple[Span, ...]]:
    cache = _cached(doc)
    if "ents" not in cache:
        ents = doc.ents
        cache["ents"] = ([e.start for e in ents], ents)
    return cache["ents"]


def ents_in(span: Span) -> list[Span]:
    """The Doc's named entities lying wholly inside ``span``, in order (same as ``span.ents``).

    (Entities are set by the parser; the analysis stages never change them.)"""
    starts, ents = _ents(span.doc)
    out = []
    for k in range(bisect_left(starts, span.start), len(ents)):
        ent = ents[k]
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            out.append(ent)
    return out


_STRINGS: dict[int, tuple[Any, dict[int, str]]] = {}
"""Per vocab: string hash -> string, for the hashes already looked up (a StringStore lookup decodes each time)."""
_MAX_STRINGS = 500_000


class TokenTable:
    """One Doc's token attributes as plain Python lists, each read with ``Doc.to_array`` on first use.

    ``doc[i]`` makes a new :class:`~spacy.tokens.Token` object on every access; the analysis stages look at
    every token many times over, and reading these lists instead is several times cheaper.
    """

    COLUMNS = ("HEAD", "IDX", "LENGTH", "SPACY", "SENT_START", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "LIKE_NUM", "IS_TITLE",
               "IS_UPPER", "IS_STOP", "ORTH", "LOWER", "LEMMA", "POS", "DEP", "ENT_TYPE")
    """Read together in one ``Doc.to_array`` call (one call costs little more than one column)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = len(doc)

    @cached_property
    def array(self) -> numpy.ndarray:
        """:attr:`COLUMNS` of every token (``uint64``; heads relative, string attributes as hashes)."""
        from spacy import attrs

        ids = [getattr(attrs, name) for name in self.COLUMNS]
        if not self.n:
            return numpy.zeros((0, len(ids)), dtype="uint64")
        return self.doc.to_array(ids).reshape(self.n, len(ids))

    def column(self, name: str) -> numpy.ndarray:
        """Attribute ``name`` (a ``spacy.attrs`` name) of every token, as stored: hashes, ids or 0/1 flags."""
        if name in self.COLUMNS:
            return self.array[:, self.COLUMNS.index(name)]
        from spacy import attrs

        return doc_array(self.doc, getattr(attrs, name))

    def ids(self, name: str) -> list[int]:
        """Attribute ``name`` of every token as stored (string hashes, POS ids, flags), as a list."""
        cache = self.__dict__.setdefault("_ids", {})
        if name not in cache:
            cache[name] = self.column(name).tolist()
        return cache[name]

    def _flag(self, name: str) -> list[bool]:
        return self.column(name).astype(bool).tolist()

    def _strings(self, name: str) -> list[str]:
        known = self._known()
        ids = self.ids(name)
        try:
            return [known[key] for key in ids]
        except KeyError:  # strings not seen before in this process
            strings = self.doc.vocab.strings
            for key in set(ids).difference(known):
                known[key] = strings[key]
            return [known[key] for key in ids]

    @cached_property
    def head(self) -> list[int]:
        return (numpy.arange(self.n) + self.column("HEAD").astype("int64")).tolist()

    @cached_property
    def idx(self) -> list[int]:
        return self.column("IDX").astype("int64").tolist()

    @cached_property
    def length(self) -> list[int]:
        return self.column("LENGTH").astype("int64").tolist()

    @cached_property
    def space_after(self) -> list[bool]:
        return self._flag("SPACY")

    @cached_property
    def is_space(self) -> list[bool]:
        return self._flag("IS_SPACE")

    @cached_property
    def is_punct(self) -> list[bool]:
        return self._flag("IS_PUNCT")

    @cached_property
    def is_alpha(self) -> list[bool]:
        return self._flag("IS_ALPHA")

    @cached_property
    def like_num(self) -> list[bool]:
        return self._flag("LIKE_NUM")

    @cached_property
    def is_title(self) -> list[bool]:
        return self._flag("IS_TITLE")

    @cached_property
    def is_upper(self) -> list[bool]:
        return self._flag("IS_UPPER")

    @cached_property
    def is_stop(self) -> list[bool]:
        return self._flag("IS_STOP")

    @cached_property
    def text(self) -> list[str]:
        cached = _cached(self.doc).get("text") if _LAST.get("doc") is self.doc else None
        if cached is None:
            return self._strings("ORTH")
        return [cached[a:a + k] for a, k in zip(self.idx, self.length)]

    @cached_property
    def lower(self) -> list[str]:
        return [w.lower() for w in self.text]  # spaCy's LOWER attribute is str.lower

    @cached_property
    def lemma(self) -> list[str]:
        return self._strings("LEMMA")

    def lemma_of(self, i: int) -> str:
        """The lemma of token ``i`` (without building the whole :attr:`lemma` column)."""
        return self.string(self.lemma_id[i])

    def string(self, key: int) -> str:
        """The string of a hash in the Doc's vocab."""
        known = self._known()
        word = known.get(key)
        if word is None:
            word = known[key] = self.doc.vocab.strings[key]
        return word

    def _known(self) -> dict[int, str]:
        """Hash -> string of the Doc's vocab, for the hashes looked up so far (a StringStore lookup decodes the
        string anew each time); emptied when it grows past :data:`_MAX_STRINGS`."""
        vocab = self.doc.vocab
        known = _STRINGS.get(id(vocab))
        if known is None or known[0] is not vocab or len(known[1]) > _MAX_STRINGS:
            known = _STRINGS[id(vocab)] = (vocab, {0: ""})  # holds the vocab: its id is never reused
        return known[1]

    @cached_property
    def lemma_id(self) -> list[int]:
        """Lemma hashes (compare with ``spacy.strings.get_string_id(lemma)``)."""
        return self.ids("LEMMA")

    @cached_property
    def tag(self) -> list[str]:
        return self._strings("TAG")

    @cached_property
    def morph(self) -> list[str]:
        """UD features of each token (``"Mood=Ind|Tense=Past|VerbForm=Fin"``)."""
        return self._strings("MORPH")

    @cached_property
    def dep(self) -> list[str]:
        return self._strings("DEP")

    @cached_property
    def ent_type(self) -> list[str]:
        """Each token's entity label ("" outside entities)."""
        return self._strings("ENT_TYPE")

    @cached_property
    def pos(self) -> list[str]:
        from spacy.parts_of_speech import NAMES

        values = self.column("POS").tolist()
        lookup = {v: NAMES.get(v, "") for v in set(values)}
        return [lookup[v] for v in values]

    @cached_property
    def _sentences(self) -> tuple[list[int], list[int]]:
        """First token and one past the last token of each token's sentence."""
        if not self.n:
            return [], []
        starts = self.column("SENT_START").astype("int64")
        starts[0] = 1
        first = numpy.flatnonzero(starts == 1)
        sizes = numpy.diff(numpy.append(first, self.n))
        return numpy.repeat(first, sizes).tolist(), numpy.repeat(first + sizes, sizes).tolist()

    @property
    def sent_start(self) -> list[int]:
        """Index of the first token of each token's sentence."""
        return self._sentences[0]

    @property
    def sent_end(self) -> list[int]:
        """Index one past the last token of each token's sentence."""
        return self._sentences[1]

    @cached_property
    def line_breaks(self) -> list[int]:
        """The space tokens holding a line break, in order."""
        text, idx, space = doc_text(self.doc), self.idx, self.is_space
        out: list[int] = []
        at = text.find("\n")
        while at >= 0:  # the token holding each line break
            k = bisect_right(idx, at) - 1
            if space[k] and (not out or out[-1] != k):
                out.append(k)
            at = text.find("\n", at + 1)
        return out

    @cached_property
    def para(self) -> list[int]:
        """Paragraph number of each token: a space token holding a line break starts a new paragraph."""
        if not self.n:
            return []
        breaks = numpy.zeros(self.n, dtype="int64")
        breaks[self.line_breaks] = 1
        return numpy.cumsum(breaks).tolist()

    @cached_property
    def para_start(self) -> list[int]:
        """Index of the first token of each token's paragraph."""
        if not self.n:
            return []
        para = numpy.asarray(self.para)
        first = numpy.flatnonzero(numpy.diff(para, prepend=-1))
        return numpy.repeat(first, numpy.diff(numpy.append(first, self.n))).tolist()

    @cached_property
    def _children(self) -> tuple[list[int], list[int], list[int]]:
        """Tokens ordered by head (then position), and where each token's children start and end in it."""
        heads = numpy.arange(self.n) + self.column("HEAD").astype("int64")
        heads[heads == numpy.arange(self.n)] = -1  # the root of a sentence is nobody's child
        order = numpy.argsort(heads, kind="stable")
        by_head = heads[order]
        index = numpy.arange(self.n)
        lo = numpy.searchsorted(by_head, index, side="left")
        hi = numpy.searchsorted(by_head, index, side="right")
        return order.tolist(), lo.tolist(), hi.tolist()

    def children(self, i: int) -> list[int]:
        """Indices of the children of token ``i``, in order."""
        order, lo, hi = self._children
        return order[lo[i]:hi[i]]

    def subtree(self, i: int) -> frozenset[int]:
        """Indices of token ``i`` and all its descendants (``{t.i for t in doc[i].subtree}``)."""
        memo = self.__dict__.setdefault("_subtrees", {})
        found = memo.get(i)
        if found is None:
            order, lo, hi = self._children
            out, stack = {i}, [i]
            while stack:
                k = stack.pop()
                for child in order[lo[k]:hi[k]]:
                    if child not in out:
                        out.add(child)
                        stack.append(child)
            found = memo[i] = frozenset(out)
        return found


def doc_array(doc: Doc, attr: int) -> numpy.ndarray:
    """``doc.to_array([attr])[:, 0]``, the same for an empty Doc."""
    return doc.to_array([attr]).reshape(len(doc), -1)[:, 0] if len(doc) else numpy.zeros(0, dtype="uint64")


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once per Doc."""
    return per_doc(doc, "token_table", TokenTable)
