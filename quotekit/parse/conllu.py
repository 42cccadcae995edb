""":mod:`quotekit.parse.conllu`: Universal Dependencies CoNLL-U -> spaCy ``Doc``.

The text of a document is rebuilt from the file: tokens are laid over each sentence's ``# text`` comment where
they align with it, else joined by their ``SpaceAfter=No`` / ``SpacesAfter=..`` annotations (UDPipe escapes).
Sentences are joined by the whitespace their annotations give, else by a blank line at ``# newpar``, a space
within a paragraph, and a line break when the document has no paragraph marks at all. Character offsets in
MISC (``TokenRange=s:e`` or ``start_char=s|end_char=e``), when every token has them, place tokens exactly.
Multiword tokens (``1-2``) become one spaCy token per syntactic word, with the token's characters split
among them; empty nodes (``1.1``) are skipped. ``# newdoc`` starts a new document (:meth:`ConlluParser.parse_many`).

The record types and :func:`build_doc` here are shared with :mod:`quotekit.parse.stanza`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Optional, Sequence

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import InputError
from .base import BaseParser

UPOS_TAGS = frozenset(
    "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split()
)
_SPACE_ESCAPES = {"s": " ", "t": "\t", "n": "\n", "r": "\r", "p": "|", "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(.)")
_GAP_RE = re.compile(r"\s+|\S+")


# --------------------------------------------------------------------------------------------- records
@dataclass
class UDWord:
    """One syntactic word (a CoNLL-U word line); ``head`` is 1-based within its sentence, 0 for the root."""

    form: str
    lemma: str = ""
    upos: str = ""
    xpos: str = ""
    feats: str = ""
    head: int = 0
    deprel: str = ""


@dataclass
class UDToken:
    """One surface token: one word, or a multiword token; ``start``/``end`` index the document text."""

    form: str
    words: list[UDWord]
    start: int = -1
    end: int = -1
    space_after: Optional[str] = None
    """Whitespace after the token when annotated (``""`` for ``SpaceAfter=No``), else ``None``."""
    space_before: Optional[str] = None
    line: int = 0


@dataclass
class UDSentence:
    tokens: list[UDToken]
    text: Optional[str] = None
    newpar: bool = False
    sent_id: Optional[str] = None
    line: int = 0
    offsets: list[Optional[tuple[int, int]]] = field(default_factory=list)
    """Character offsets given in MISC, per token (``None`` where absent)."""


@dataclass
class UDDocument:
    doc_id: Optional[str]
    sentences: list[UDSentence] = field(default_factory=list)


# --------------------------------------------------------------------------------------------- Doc building
@lru_cache(maxsize=4)
def _vocab(lang: str) -> Vocab:
    import spacy

    return spacy.blank(lang).vocab


def _split_token(token: UDToken) -> list[tuple[list[int], int, int]]:
    """Spread a token's characters over its words: ``[(word indices, start, end), ...]`` (absolute offsets).

    Words that spell the token (``don't`` -> ``do`` + ``n't``) get their own characters; otherwise each word gets
    a share (``del`` -> ``de`` + ``l``). A token with fewer characters than words keeps them as one piece.
    """
    n = len(token.words)
    start, end = token.start, token.end
    if n == 1:
        return [([0], start, end)]
    surface = token.form if len(token.form) == end - start else None
    if surface is not None:
        pattern = r"\s*".join("(%s)" % re.escape(w.form) for w in token.words)
        match = re.fullmatch(pattern, surface, flags=re.IGNORECASE)
        if match:
            return [([i], start + match.start(i + 1), start + match.end(i + 1)) for i in range(n)]
    length = end - start
    if length < n:
        return [(list(range(n)), start, end)]
    pieces = []
    pos = start
    for i, word in enumerate(token.words):
        left = n - i - 1  # words still to place, one character each at least
        size = end - pos - left if left == 0 else max(1, min(len(word.form), end - pos - left))
        pieces.append(([i], pos, pos + size))
        pos += size
    return pieces


def build_doc(
    text: str,
    sentences: Sequence[UDSentence],
    *,
    vocab: Optional[Vocab] = None,
    ents: Optional[Iterable[tuple[int, int, str]]] = None,
) -> Doc:
    """Build a spaCy Doc over ``text`` from UD sentences whose tokens carry character offsets into ``text``.

    Text between tokens becomes whitespace (``token.whitespace_``) or extra tokens (``SPACE``/``X``, attached
    with ``dep`` to the previous word), so ``doc.text == text`` exactly. Words keep FORM-derived text; the
    CoNLL-U FORM of a word whose characters differ is kept as its ``norm_``.

    Args:
        text: The document text the offsets index.
        sentences: Sentences with tokens ordered by offset; word heads 1-based per sentence (0 = root).
        vocab: spaCy vocab (default: a blank English one).
        ents: Optional ``(start_char, end_char, label)`` entities; ``None`` leaves NER unset.

    Raises:
        ValueError: tokens overlap or fall outside ``text``.
    """
    vocab = vocab or _vocab("en")
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[Optional[str]] = []
    tags: list[str] = []
    pos_: list[str] = []
    morphs: list[str] = []
    lemmas: list[str] = []
    deps: list[str] = []
    heads: list[Optional[int]] = []  # absolute token index (None: resolve later for gap tokens)
    is_word: list[bool] = []
    # per sentence: word index -> token index, and (word, token) pairs whose heads need mapping
    pending: list[tuple[int, UDWord, dict[int, int]]] = []
    cursor = 0
    last_word_token: Optional[int] = None

    def add_gap(gap: str) -> None:
        for piece in _GAP_RE.findall(gap):
            if piece.isspace():
                if words and not spaces[-1] and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
                    if not piece:
                        continue
                words.append(piece)
                pos_.append("SPACE")
                tags.append("_SP")
                deps.append("dep")
            else:
                words.append(piece)
                pos_.append("X")
                tags.append("")
                deps.append("dep")
            spaces.append(False)
            norms.append(None)
            morphs.append("")
            lemmas.append(piece)
            heads.append(last_word_token)
            is_word.append(False)

    for sentence in sentences:
        word_to_token: dict[int, int] = {}
        word_offset = 0  # 1-based id of the sentence's words = word_offset + index + 1
        for token in sentence.tokens:
            if token.start < cursor or token.end > len(text) or token.end < token.start:
                raise ValueError(
                    f"token {token.form!r} at {token.start}:{token.end} overlaps the previous token or lies "
                    f"outside the text (length {len(text)})"
                )
            add_gap(text[cursor : token.start])
            for group, start, end in _split_token(token):
                if start > token.start and start > cursor:
                    add_gap(text[cursor:start])
                piece = text[start:end]
                # the head of the group: the word whose head lies outside the group
                ids = [word_offset + g + 1 for g in group]
                main = next((g for g in group if token.words[g].head not in ids), group[0])
                word = token.words[main]
                index = len(words)
                for g in group:
                    word_to_token[word_offset + g + 1] = index
                words.append(piece)
                spaces.append(False)
                norms.append(word.form if word.form != piece else None)
                tags.append(word.xpos)
                pos_.append(word.upos if word.upos in UPOS_TAGS else ("X" if word.upos else ""))
                morphs.append(word.feats)
                lemmas.append(word.lemma)
                deps.append(word.deprel or "dep")
                heads.append(None)
                is_word.append(True)
                pending.append((index, word, word_to_token))
                last_word_token = index
                cursor = end
            word_offset += len(token.words)
            if cursor < token.end:
                add_gap(text[cursor : token.end])
                cursor = token.end
    add_gap(text[cursor:])

    for index, word, mapping in pending:
        heads[index] = index if word.head == 0 else mapping.get(word.head, index)
        if word.head == 0 and not deps[index]:
            deps[index] = "root"
    first_word = next((i for i, w in enumerate(is_word) if w), None)
    for i, head in enumerate(heads):
        if head is None:  # gap tokens before the first word
            heads[i] = first_word if first_word is not None else i

    try:
        doc = Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos_, morphs=morphs, lemmas=lemmas,
                  heads=heads, deps=deps)
    except ValueError:  # malformed FEATS: keep the tree, drop morphology
        doc = Doc(vocab, words=words, spaces=spaces, tags=tags, pos=pos_, lemmas=lemmas, heads=heads, deps=deps)
    for token, norm in zip(doc, norms):
        if norm is not None:
            token.norm_ = norm
    if ents is not None:
        from spacy.util import filter_spans

        spans = [doc.char_span(s, e, label=label, alignment_mode="expand") for s, e, label in ents]
        doc.ents = filter_spans([span for span in spans if span is not None and not span.text.isspace()])
    return doc


# --------------------------------------------------------------------------------------------- reading
def _unescape_spaces(value: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _SPACE_ESCAPES.get(m.group(1), m.group(1)), value)


def _misc(misc: str) -> dict[str, str]:
    if misc in ("", "_"):
        return {}
    out = {}
    for piece in misc.split("|"):
        key, sep, value = piece.partition("=")
        if sep:
            out[key] = value
    return out


def _space_annotations(misc: dict[str, str]) -> tuple[Optional[str], Optional[str]]:
    after = None
    if "SpacesAfter" in misc:
        after = _unescape_spaces(misc["SpacesAfter"])
    elif misc.get("SpaceAfter") == "No":
        after = ""
    before = _unescape_spaces(misc["SpacesBefore"]) if "SpacesBefore" in misc else None
    return after, before


def _offsets(misc: dict[str, str]) -> Optional[tuple[int, int]]:
    try:
        if "TokenRange" in misc:
            start, end = misc["TokenRange"].split(":")
            return int(start), int(end)
        if "start_char" in misc and "end_char" in misc:
            return int(misc["start_char"]), int(misc["end_char"])
    except ValueError:
        return None
    return None


def _field(value: str) -> str:
    return "" if value == "_" else value


def read_conllu(data: str, *, path: Optional[str] = None) -> list[UDDocument]:
    """Read CoNLL-U text into documents (split at ``# newdoc``), validating ids and trees.

    Raises:
        InputError: a malformed line or tree, with its line number.
    """
    docs: list[UDDocument] = [UDDocument(None)]
    tokens: list[UDToken] = []
    offsets: dict[int, Optional[tuple[int, int]]] = {}  # id(token) -> MISC offsets
    comments: dict[str, Optional[str]] = {}
    newpar = False
    sent_line = 0
    mwt_end = 0
    mwt: Optional[UDToken] = None
    words_seen = 0
    rows: list[tuple[int, UDWord]] = []  # (line, word) for validation

    def fail(message: str, line: int) -> InputError:
        return InputError(message, path=path or "<conllu>", line=line)

    def close_sentence(line: int) -> None:
        nonlocal tokens, comments, newpar, mwt, mwt_end, words_seen, rows, sent_line
        if mwt is not None and words_seen < mwt_end:
            raise fail(f"multiword token {mwt.form!r} ends before its words (expected up to id {mwt_end})", line)
        if tokens:
            _check_tree(rows, fail)
            sentence = UDSentence(tokens, text=comments.get("text"), newpar=newpar,
                                  sent_id=comments.get("sent_id"), line=sent_line,
                                  offsets=[offsets.get(id(t)) for t in tokens])
            docs[-1].sentences.append(sentence)
        tokens, comments, newpar, mwt, mwt_end, words_seen, rows = [], {}, False, None, 0, 0, []
        sent_line = 0

    lines = data.split("\n")  # not splitlines(): a FORM may contain U+2028, \x0c and other line-like characters
    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            close_sentence(number)
            continue
        if not sent_line:
            sent_line = number
        if line.startswith("#"):
            if tokens:
                raise fail("comment line inside a sentence; sentences end with a blank line", number)
            body = line[1:].strip()
            key, sep, value = body.partition("=")
            key = key.strip()
            if key.split(" ")[0] in ("newdoc", "newpar"):  # "# newdoc", "# newdoc id = X"
                key = key.split(" ")[0]
            if key == "newdoc":
                doc_id = value.strip() if sep else None
                if docs[-1].sentences or docs[-1].doc_id is not None:
                    docs.append(UDDocument(doc_id))
                else:
                    docs[-1].doc_id = doc_id
            elif key == "newpar":
                newpar = True
            elif sep and key in ("text", "sent_id"):
                comments[key] = value[1:] if value.startswith(" ") else value
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise fail(f"expected 10 tab-separated columns, found {len(cols)}", number)
        wid, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = cols
        misc_d = _misc(misc)
        if "." in wid:  # empty node (enhanced UD): not part of the basic tree
            continue
        if "-" in wid:
            try:
                first, last = (int(x) for x in wid.split("-"))
            except ValueError:
                raise fail(f"bad multiword token id {wid!r}", number) from None
            if mwt is not None:
                raise fail(f"multiword token {wid} starts inside the multiword token {mwt.form!r}", number)
            if first != words_seen + 1 or last < first:
                raise fail(f"multiword token range {wid} does not start at the next word id {words_seen + 1}", number)
            after, before = _space_annotations(misc_d)
            mwt = UDToken(form, [], space_after=after, space_before=before, line=number)
            mwt_end = last
            tokens.append(mwt)
            offsets[id(mwt)] = _offsets(misc_d)
            continue
        try:
            index = int(wid)
        except ValueError:
            raise fail(f"bad word id {wid!r}", number) from None
        if index != words_seen + 1:
            raise fail(f"word id {index} out of order (expected {words_seen + 1})", number)
        if head == "_":
            raise fail("HEAD is '_': the conllu backend needs dependency-parsed CoNLL-U", number)
        try:
            head_i = int(head)
        except ValueError:
            raise fail(f"bad HEAD {head!r}", number) from None
        word = UDWord(form, lemma if (lemma != "_" or form == "_") else "", _field(upos), _field(xpos),
                      _field(feats), head_i, _field(deprel))
        words_seen = index
        rows.append((number, word))
        if mwt is not None and index <= mwt_end:
            mwt.words.append(word)
            if index == mwt_end:
                mwt = None
            continue
        after, before = _space_annotations(misc_d)
        token = UDToken(form, [word], space_after=after, space_before=before, line=number)
        tokens.append(token)
        offsets[id(token)] = _offsets(misc_d)
    close_sentence(len(lines) + 1)
    return [doc for doc in docs if doc.sentences]


def _check_tree(rows: list[tuple[int, UDWord]], fail) -> None:
    n = len(rows)
    roots = [line for line, word in rows if word.head == 0]
    for line, word in rows:
        if not 0 <= word.head <= n:
            raise fail(f"HEAD {word.head} is outside the sentence (1..{n}, or 0 for the root)", line)
    if len(roots) != 1:
        where = rows[0][0] if not roots else roots[1]
        raise fail(f"a sentence needs exactly one root (HEAD 0), found {len(roots)}", where)
    heads = [word.head for _, word in rows]
    for i in range(n):
        seen, node = 0, i + 1
        while node != 0 and seen <= n:
            node = heads[node - 1]
            seen += 1
        if node != 0:
            raise fail("the HEAD column makes a cycle", rows[i][0])


def _align(tokens: list[UDToken], text: str) -> Optional[list[tuple[int, int]]]:
    """Lay tokens over a sentence's ``# text``; gaps must be whitespace (else None)."""
    pos, spans = 0, []
    for token in tokens:
        idx = text.find(token.form, pos)
        if idx < 0 or text[pos:idx].strip():
            return None
        spans.append((idx, idx + len(token.form)))
        pos = idx + len(token.form)
    return None if text[pos:].strip() else spans


def layout(doc: UDDocument) -> str:
    """Rebuild ``doc``'s text and set every token's ``start``/``end``; returns the text."""
    pieces: list[str] = []
    offset = 0
    has_par = any(s.newpar for s in doc.sentences)
    previous_after: Optional[str] = None
    for k, sentence in enumerate(doc.sentences):
        tokens = sentence.tokens
        spans = _align(tokens, sentence.text) if sentence.text else None
        if spans is not None:
            sent_text = sentence.text[spans[0][0] : spans[-1][1]]
            spans = [(s - spans[0][0], e - spans[0][0]) for s, e in spans]
        else:
            parts, spans, local = [], [], 0
            for i, token in enumerate(tokens):
                spans.append((local, local + len(token.form)))
                parts.append(token.form)
                local += len(token.form)
                if i < len(tokens) - 1:
                    gap = " " if token.space_after is None else token.space_after
                    parts.append(gap)
                    local += len(gap)
            sent_text = "".join(parts)
        before = tokens[0].space_before
        if k == 0:
            separator = before or ""
        elif previous_after is not None:
            separator = previous_after
        elif before is not None:
            separator = before
        elif sentence.newpar:
            separator = "\n\n"
        else:
            separator = " " if has_par else "\n"
        pieces.append(separator)
        offset += len(separator)
        for token, (s, e) in zip(tokens, spans):
            token.start, token.end = offset + s, offset + e
        pieces.append(sent_text)
        offset += len(sent_text)
        previous_after = tokens[-1].space_after
    if previous_after:
        pieces.append(previous_after)
    text = "".join(pieces)
    return _apply_offsets(doc, text)


def _apply_offsets(doc: UDDocument, text: str) -> str:
    """Use MISC character offsets when every token has them (and they are ordered), keeping gap characters."""
    flat = [(t, o) for s in doc.sentences for t, o in zip(s.tokens, s.offsets or [None] * len(s.tokens))]
    if not flat or any(o is None for _, o in flat):
        return text
    cursor = 0
    for token, (s, e) in flat:
        if s < cursor or e - s != len(token.form):
            return text  # inconsistent offsets: keep the rebuilt layout
        cursor = e
    out: list[str] = []
    cursor, prev_end = 0, 0
    for token, (s, e) in flat:
        gap_default = text[prev_end : token.start]
        n = s - cursor
        if len(gap_default) == n:
            out.append(gap_default)
        else:
            out.append(("\n" if "\n" in gap_default else " ") * n)
        out.append(token.form)
        prev_end = token.end
        token.start, token.end = s, e
        cursor = e
    out.append(text[prev_end:])
    return "".join(out)


# --------------------------------------------------------------------------------------------- backend
class ConlluParser(BaseParser):
    """Read dependency-parsed CoNLL-U into spaCy Docs (UD relations as given in the file).

    Args:
        lang: Language of the blank spaCy vocab the Docs use.
    """

    def __init__(self, *, lang: str = "en"):
        self.lang = lang
        self.vocab = _vocab(lang)
        self.name = "conllu:ud"

    def _to_doc(self, ud_doc: UDDocument) -> Doc:
        text = layout(ud_doc)
        doc = build_doc(text, ud_doc.sentences, vocab=self.vocab)
        doc.user_data["qk_parser"] = self.name
        doc.user_data["qk_scheme"] = "ud"
        if ud_doc.doc_id:
            doc.user_data["qk_doc_id"] = ud_doc.doc_id
        return doc

    def parse_many(self, data: str, *, path: Optional[str] = None) -> list[tuple[str, Doc]]:
        """One ``(doc_id, Doc)`` per ``# newdoc`` (ids ``doc1``, ``doc2``.. where the file gives none)."""
        return [
            (ud_doc.doc_id or f"doc{i}", self._to_doc(ud_doc))
            for i, ud_doc in enumerate(read_conllu(data, path=path), start=1)
        ]

    def parse(self, data: str) -> Doc:
        """The whole CoNLL-U text as one Doc (each document laid out on its own, joined by a blank line)."""
        docs = read_conllu(data)
        pieces: list[str] = []
        sentences: list[UDSentence] = []
        offset = 0
        for ud_doc in docs:
            if pieces:
                pieces.append("\n\n")
                offset += 2
            text = layout(ud_doc)
            for sentence in ud_doc.sentences:
                for token in sentence.tokens:
                    token.start += offset
                    token.end += offset
                sentences.append(sentence)
            pieces.append(text)
            offset += len(text)
        doc = build_doc("".join(pieces), sentences, vocab=self.vocab)
        doc.user_data["qk_parser"] = self.name
        doc.user_data["qk_scheme"] = "ud"
        return doc

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
        for data in texts:
            yield self.parse(data)

    def text_to_parse(self, document) -> str:
        """The CoNLL-U data as read: the Doc's text is rebuilt from it, and its offsets index that text."""
        return document.text

    def read(self, path: str | Path) -> list[tuple[str, Doc]]:
        """Read a CoNLL-U file: one ``(doc_id, Doc)`` per document; errors name the file and line."""
        path = Path(path)
        try:
            data = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"cannot read CoNLL-U file ({error}); check the path and that it is UTF-8",
                             path=path) from error
        return self.parse_many(data, path=str(path))
