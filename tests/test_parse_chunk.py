"""Chunked parsing: long texts are cut at paragraph boundaries, parsed, and joined without shifting offsets."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.parse.chunk import join_docs, pipe_chunked, split_text
from quotekit.parse.spacy import SpacyParser

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
_NO_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]


@pytest.fixture(scope="module")
def article() -> str:
    return (SAMPLES / "nyt_2016-01-20_falling-deficit-to-reverse-cours.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def tokenizer_only():
    """The default pipeline with every component disabled: tokenization + the chunk/join machinery only."""
    return SpacyParser(disable=_NO_COMPONENTS)


@given(st.text(max_size=400), st.integers(min_value=1, max_value=60))
@settings(max_examples=200, deadline=None)
def test_split_partitions_any_text(text, limit):
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces) or pieces == [""]


def test_split_prefers_paragraph_breaks(article):
    limit = 1200
    pieces = split_text(article, limit)
    assert len(pieces) > 2
    for piece in pieces[:-1]:
        # every cut follows a line break and the next piece starts a paragraph (no whitespace cut short)
        assert piece.endswith("\n"), piece[-40:]
    starts = [sum(len(p) for p in pieces[:i]) for i in range(1, len(pieces))]
    assert all(not article[s].isspace() for s in starts)


def test_split_falls_back_to_sentences_then_hard_cuts():
    paragraph = "One sentence here. Another one follows! A third? " * 20
    pieces = split_text(paragraph, 100)
    assert "".join(pieces) == paragraph
    assert all(p.rstrip().endswith((".", "!", "?")) for p in pieces[:-1])
    solid = "x" * 250
    assert split_text(solid, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_split_rejects_bad_limit():
    with pytest.raises(ValueError):
        split_text("text", 0)


def test_chunked_parse_matches_unchunked(spacy_parser, article):
    small = SpacyParser(max_chunk_chars=1000)
    whole = spacy_parser.parse(article)
    chunked = small.parse(article)
    assert chunked.text == article
    assert [(t.text, t.idx) for t in chunked] == [(t.text, t.idx) for t in whole]
    # each chunk starts a sentence, and the UD parse inside paragraphs is unchanged
    offset = 0
    for piece in split_text(article, 1000):
        token = chunked.char_span(offset, offset + 1, alignment_mode="expand")[0]
        assert token.is_sent_start
        offset += len(piece)
    assert chunked.user_data["qk_parser"] == whole.user_data["qk_parser"]
    assert {t.dep_ for t in chunked} == {t.dep_ for t in whole}


def test_chunked_parse_keeps_attributions(spacy_parser, article):
    from quotekit.attribute import find_attributions

    whole = {(a.content.start_char, a.content.end_char) for a in find_attributions(spacy_parser.parse(article))}
    chunked_doc = SpacyParser(max_chunk_chars=800).parse(article)
    chunked = {(a.content.start_char, a.content.end_char) for a in find_attributions(chunked_doc)}
    assert whole <= chunked


def test_pipe_chunks_long_texts_and_keeps_order(article):
    parser = SpacyParser(max_chunk_chars=700)
    texts = [article, "Short one.", "", article[:1500]]
    docs = list(parser.pipe(iter(texts), batch_size=3))
    assert [d.text for d in docs] == texts
    assert all(d.user_data["qk_parser"] == parser.name for d in docs)


def test_pipe_chunked_streams_lazily():
    consumed = []

    def texts():
        for i in range(1000):
            consumed.append(i)
            yield f"Text number {i}.\n\nSecond paragraph {i}."

    stream = pipe_chunked(texts(), spacy.blank("en").pipe, limit=20)
    first = next(stream)
    assert first.text == "Text number 0.\n\nSecond paragraph 0."
    assert len(consumed) < 5


def test_one_and_a_half_megabytes(tokenizer_only):
    base = " ".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    big = (base * (1_500_000 // len(base) + 1))[:1_500_000]
    flat = big.replace("\n", " ")  # one 1.5 MB paragraph: cuts fall at sentence ends
    solid = "x" * 1_500_000  # no whitespace at all: hard cuts
    for text in (big, flat, solid):
        doc = tokenizer_only.parse(text)
        assert doc.text == text
        assert len(split_text(text, tokenizer_only.max_chunk_chars)) >= 15
        last = doc[-1]
        assert last.idx + len(last.text) + len(last.whitespace_) == len(text)


def test_join_docs_single_is_identity(spacy_parser):
    doc = spacy_parser.parse("Hello there.")
    assert join_docs([doc]) is doc


@pytest.fixture(scope="module")
def tiny_chunks_parser():
    """The full default pipeline, cutting every text into pieces of at most 25 characters."""
    return SpacyParser(max_chunk_chars=25)


@given(st.text(max_size=150))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_survives_tiny_chunks(tiny_chunks_parser, text):
    doc = tiny_chunks_parser.parse(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
        assert token.head.sent == token.sent
