""":mod:`quotekit.analysis`: everything the analysis stages read about one parsed Doc, in one object.

:class:`DocAnalysis` is built once per document (by :func:`quotekit.pipeline.analyze_doc`) and handed explicitly
to the attributor, the speaker resolver and stance; no per-document state is kept anywhere else, so documents
analysed at the same time (the threads of one Dask worker) never see each other's. The public functions of those
stages also accept a plain Doc and then build a fresh analysis (:func:`analysis_of`).

The reason for the object is speed as much as clarity: ``Doc.text`` joins every token on each access,
``Span.ents`` scans every entity of the Doc, and ``doc[i]`` makes a new Token object each time; called once per
quote, mention or word they make the analysis slow, even quadratic on huge documents. Everything here is computed
on first use and then kept for the document.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cached_property
from typing import Any, Optional, Union

import numpy
from spacy.tokens import Doc, Span


class DocAnalysis:
    """One document's shared analysis state.

    Holds (each computed on first use):

    * :attr:`doc` and :attr:`table` (its tokens' attributes as plain lists, see :class:`TokenTable`);
    * :attr:`text` (``doc.text``) and :attr:`source_text` (the text the records' offsets index);
    * :attr:`quotes` (token spans of the quotations) and :attr:`in_quote` (each token's quotation);
    * :attr:`ents` (the named entities) and :meth:`ents_in` (those inside a span, through an index by start);
    * paragraph bounds: :attr:`line_breaks`, :attr:`para`, :attr:`para_start`, :attr:`para_end` (sentence bounds
      are in the table);
    * :attr:`speaker_ranges`: the attributor's memo of speaker mentions by head token (several cues share one).
    """

    def __init__(self, doc: Doc, text: Optional[str] = None):
        """``text``: ``doc.text`` when the caller knows it (the text it parsed), so it need not be rebuilt from
        the tokens; ignored when the token offsets show it is not the Doc's text."""
        self.doc = doc
        self.speaker_ranges: dict[int, tuple[int, int]] = {}
        known = text if text is not None and _fits(doc, text) else None
        self.table = TokenTable(doc, known)
        if known is not None:
            self.text = known

    @cached_property
    def text(self) -> str:
        """``doc.text``, built once (as ``Doc.text`` does, without making a Token object per token)."""
        t = self.table
        return "".join([w + " " if space else w for w, space in zip(t.text, t.space_after)])

    @cached_property
    def source_text(self) -> str:
        """The text the character offsets of the records index: the original input where the parser read a cleaned
        copy (``doc.user_data["qk_source_text"]``), else :attr:`text`."""
        source = self.doc.user_data.get("qk_source_text")
        return self.text if source is None else source

    def tokens_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the Span."""
        if end <= start:
            return ""
        idx, length = self.table.idx, self.table.length
        return self.text[idx[start]:idx[end - 1] + length[end - 1]]

    def span_text(self, span: Span) -> str:
        """``span.text``, sliced from :attr:`text`."""
        return self.tokens_text(span.start, span.end)

    # ---- quotations -------------------------------------------------------------------------------------------
    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Token spans ``(start, end)`` (end exclusive, marks included) of every top-level quotation (see
        :mod:`quotekit.attribute.quotes`; the attributor and the speaker resolver both read them)."""
        from .attribute.quotes import quotation_spans  # (the attribute package imports this module)

        return quotation_spans(self)

    @cached_property
    def in_quote(self) -> list[Optional[int]]:
        """For each token, the index in :attr:`quotes` of the quotation it lies in (``None`` outside)."""
        out: list[Optional[int]] = [None] * len(self.doc)
        for qi, (start, end) in enumerate(self.quotes):
            out[start:end] = [qi] * (end - start)
        return out

    # ---- named entities ---------------------------------------------------------------------------------------
    @cached_property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents`` (each access to it builds every entity Span anew). The stages never change entities."""
        return self.doc.ents

    @cached_property
    def _ent_starts(self) -> list[int]:
        return [ent.start for ent in self.ents]

    def ents_in(self, span: Span) -> list[Span]:
        """The named entities lying wholly inside ``span``, in order (same as ``span.ents``)."""
        ents = self.ents
        out = []
        for k in range(bisect_left(self._ent_starts, span.start), len(ents)):
            ent = ents[k]
            if ent.start >= span.end:
                break
            if ent.end <= span.end:
                out.append(ent)
        return out

    # ---- paragraphs -------------------------------------------------------------------------------------------
    @cached_property
    def line_breaks(self) -> list[int]:
        """The space tokens holding a line break, in order."""
        text, idx, space = self.text, self.table.idx, self.table.is_space
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
        n = len(self.doc)
        if not n:
            return []
        breaks = numpy.zeros(n, dtype="int64")
        breaks[self.line_breaks] = 1
        return numpy.cumsum(breaks).tolist()

    @cached_property
    def _para_bounds(self) -> tuple:
        """(first token, one past the last token) of each paragraph, and each paragraph's length, as arrays."""
        n = len(self.doc)
        first = numpy.flatnonzero(numpy.diff(numpy.asarray(self.para), prepend=-1))
        ends = numpy.append(first[1:], n)
        return first, ends, ends - first

    @cached_property
    def para_start(self) -> list[int]:
        """Index of the first token of each token's paragraph."""
        if not len(self.doc):
            return []
        first, _ends, lengths = self._para_bounds
        return numpy.repeat(first, lengths).tolist()

    @cached_property
    def para_end(self) -> list[int]:
        """Index one past the last token of each token's paragraph."""
        if not len(self.doc):
            return []
        _first, ends, lengths = self._para_bounds
        return numpy.repeat(ends, lengths).tolist()


def analysis_of(source: Union[Doc, DocAnalysis]) -> DocAnalysis:
    """``source`` itself if it is an analysis, else a fresh :class:`DocAnalysis` of the Doc."""
    if isinstance(source, DocAnalysis):
        return source
    if not isinstance(source, Doc):
        raise TypeError(f"expected a spaCy Doc or a DocAnalysis, not {type(source).__name__}")
    return DocAnalysis(source)


def _fits(doc: Doc, text: str) -> bool:
    """Whether ``text`` can be ``doc.text``: the last token's offset, length and trailing space end it."""
    n = len(doc)
    if not n:
        return not text
    last = doc.to_array(["IDX", "LENGTH", "SPACY"])[-1]
    return int(last[0]) + int(last[1]) + int(last[2]) == len(text)


_STRINGS: dict[int, tuple[Any, dict[int, str]]] = {}
"""Per vocab: string hash -> string, for the hashes already looked up (a StringStore lookup decodes the string anew
each time). A pure memo (a hash's string never changes), so sharing it between documents and threads is safe: every
access is one dict operation, and a full memo is replaced by a new one rather than emptied under a reader."""
_MAX_STRINGS = 500_000


class TokenTable:
    """One Doc's token attributes as plain Python lists, each read with ``Doc.to_array`` on first use.

    ``doc[i]`` makes a new :class:`~spacy.tokens.Token` object on every access; the analysis stages look at
    every token many times over, and reading these lists instead is several times cheaper.
    """

    COLUMNS = ("HEAD", "IDX", "LENGTH", "SPACY", "SENT_START", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "LIKE_NUM", "IS_TITLE",
               "IS_UPPER", "IS_STOP", "ORTH", "LOWER", "LEMMA", "POS", "DEP", "ENT_TYPE")
    """Read together in one ``Doc.to_array`` call (one call costs little more than one column)."""

    def __init__(self, doc: Doc, text: Optional[str] = None):
        """``text``: ``doc.text`` if known (token texts are then sliced from it instead of looked up)."""
        self.doc = doc
        self.n = len(doc)
        self._doc_text = text

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

        if not self.n:
            return numpy.zeros(0, dtype="uint64")
        return self.doc.to_array([getattr(attrs, name)]).reshape(self.n, -1)[:, 0]

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
            return list(map(known.__getitem__, ids))
        except KeyError:  # strings not seen before in this process
            strings = self.doc.vocab.strings
            for key in set(ids).difference(known):
                known[key] = strings[key]
            return list(map(known.__getitem__, ids))

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
        if self._doc_text is None:
            return self._strings("ORTH")
        text = self._doc_text
        return [text[a:a + k] for a, k in zip(self.idx, self.length)]

    @cached_property
    def lower(self) -> list[str]:
        return list(map(str.lower, self.text))  # spaCy's LOWER attribute is str.lower

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
        """Hash -> string of the Doc's vocab, for the hashes looked up so far (see :data:`_STRINGS`); replaced by an
        empty one when it grows past :data:`_MAX_STRINGS`."""
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
        return list(map(lookup.__getitem__, values))

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
