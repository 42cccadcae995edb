"""Property tests: :func:`quotekit.extract` and ``quotekit extract`` on dirty text.

Whatever the attributor finds, these invariants hold for any input: no exception; every span satisfies
``text[start:end] == span.text`` on the original input; the output is deterministic; a quote's content never
overlaps its own speaker span. Inputs: arbitrary unicode, real news sentences with quotation marks and
apostrophes inserted at random, random concatenations of real paragraphs, very long tokens.
"""
from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

import quotekit
from quotekit.cli import main
from quotekit.io import read_document
from _helpers import assert_spans_index, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed" / "nikkei-japan-us-korea.txt"
SAMPLES = ROOT / "corpora" / "samples"
PARSE_HEAVY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])

MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u2039", "\u203a", "\u201e",
         "\u201a", "``", "''", "\u300c", "\u300d", "\u00ab\u00a0", "\u00a0\u00bb", "\u2014"]


@lru_cache(maxsize=1)
def paragraphs() -> tuple[str, ...]:
    """Real news paragraphs shipped with the project (the seed article and the sample articles)."""
    found = []
    for path in [SEED, *sorted(SAMPLES.glob("*.txt"))]:
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if 40 < len(p.strip()) < 900]
    return tuple(found)


@lru_cache(maxsize=1)
def sentences() -> tuple[str, ...]:
    """Real sentences that report speech (they contain a reporting verb or a quotation mark)."""
    out = []
    for paragraph in paragraphs():
        for sentence in paragraph.replace("\n", " ").split(". "):
            if 30 < len(sentence) < 300 and any(w in sentence for w in (" said", " told", "\u201c", '"', "according")):
                out.append(sentence.strip() + ".")
    return tuple(out)


def check_invariants(text: str, quotes: list) -> None:
    ids = set()
    for quote in quotes:
        assert quote.quote_id not in ids
        ids.add(quote.quote_id)
        assert quote.kind in ("direct", "indirect", "mixed")
        assert 0.0 <= quote.confidence <= 1.0
        for span in (quote.content, quote.cue, quote.speaker):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text), span
                assert text[span.start:span.end] == span.text, span
        assert quote.content is not None and quote.content.end > quote.content.start
        parts = quote.content_parts or [quote.content]  # a split statement: the covering span holds its speaker
        assert parts[0].start == quote.content.start and parts[-1].end == quote.content.end
        assert all(a.end <= b.start for a, b in zip(parts, parts[1:])) and all(text[p.start:p.end] == p.text for p in parts)
        if quote.speaker is not None:
            s = quote.speaker
            for c in parts:
                assert s.end <= c.start or s.start >= c.end, f"speaker {s} overlaps content {c}"


def extract_checked(text: str) -> list:
    quotes = quotekit.extract(text, doc_id="prop")
    check_invariants(text, quotes)
    again = quotekit.extract(text, doc_id="prop")
    assert [q.to_dict() for q in again] == [q.to_dict() for q in quotes], "extract is not deterministic"
    return quotes


# ---- strategies ----------------------------------------------------------------------------------------------


@st.composite
def marked_sentences(draw) -> str:
    """A few real sentences with quotation marks / apostrophes inserted at random places."""
    chosen = draw(st.lists(st.sampled_from(sentences()), min_size=1, max_size=3))
    text = " ".join(chosen)
    inserts = draw(st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(MARKS)), max_size=8))
    for position, mark in sorted(inserts, reverse=True):
        text = text[:position] + mark + text[position:]
    return text


@st.composite
def paragraph_mixes(draw) -> str:
    """Random concatenations of real paragraphs with random (or no) separators."""
    chosen = draw(st.lists(st.sampled_from(paragraphs()), min_size=1, max_size=4))
    seps = draw(st.lists(st.sampled_from(["\n\n", "\r\n\r\n", "\n", " ", "", "\u2028", "\t"]), min_size=len(chosen),
                         max_size=len(chosen)))
    return "".join(p + s for p, s in zip(chosen, seps))


@st.composite
def long_tokens(draw) -> str:
    """A real sentence with a very long token (URL, hash, repeated letters, no-space run) inside it."""
    sentence = draw(st.sampled_from(sentences()))
    unit = draw(st.sampled_from(["a", "ab1", "\u201c", "-", "http://x.co/", "\u00e9", "\u0928\u092e"]))
    token = unit * draw(st.integers(200, 20_000))
    position = draw(st.integers(0, len(sentence)))
    return sentence[:position] + token + sentence[position:]


# ---- properties ----------------------------------------------------------------------------------------------


@PARSE_HEAVY
@given(st.text(max_size=400))
@example("")
@example(" \n\t ")
@example("\ufeff\"Hi,\" he said.")
@example('"' * 50)
@example("\u201c" * 30 + "he said" + "\u201d" * 3)
@example("\x00\x01 said \ud7ff \U0001f600 \u0301\u0301 \u202e\"x\" \u200b said")
def test_arbitrary_unicode(spacy_parser, text):
    extract_checked(text)


@PARSE_HEAVY
@given(marked_sentences())
@example("\u201cAnd she said, \u2018Do you understand. Klein said that two other women who\" have accused Clinton of "
         "sexual assault said they also continued to receive calls after their assaults..")
def test_real_sentences_with_random_quote_marks(spacy_parser, text):
    extract_checked(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(paragraph_mixes())
def test_random_concatenations_of_real_paragraphs(spacy_parser, text):
    extract_checked(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(long_tokens())
def test_very_long_tokens(spacy_parser, text):
    extract_checked(text)


def test_nested_and_unbalanced_quotes_file(spacy_parser):
    text = read_document(Path(__file__).parent / "data" / "hostile" / "nested.txt").text
    extract_checked(text)


_CLEAN = "\u201cWe are not going to back down,\u201d said Senator Maria Lopez, a Democrat from New Mexico."


@pytest.mark.parametrize(
    "dirty",
    [
        pytest.param("Stray marks \u00ab\u00bb '' and " + "x" * 50 + ". " + _CLEAN, id="junk-sentence-before"),
        pytest.param(_CLEAN + " \u201d\u201d\"\r\n", id="stray-closing-marks-after"),
        pytest.param("\u00ab\u00bb '' " + "x" * 50 + "\n\n" + _CLEAN, id="junk-paragraph-before"),
        pytest.param("x" * 5000 + " " + _CLEAN, id="long-token-before"),
        pytest.param("\u00ab\u00bb '' " + "x" * 5000 + " \r\n" + _CLEAN + " \u201d\u201d\"\n", id="all-of-it"),
    ],
)
def test_dirt_around_a_direct_quote_leaves_it_intact(spacy_parser, dirty):
    # Not an invariant of every attributor, but of this project: a clear direct quote keeps its exact content
    # whatever dirt sits in other sentences or paragraphs around it.
    assert quotekit.extract(_CLEAN), "no quote in a plain direct quote: is the attributor in place?"
    contents = [q.content.text for q in extract_checked(dirty)]
    assert "\u201cWe are not going to back down,\u201d" in contents, contents


# ---- the command line ----------------------------------------------------------------------------------------


@st.composite
def file_bytes(draw) -> bytes:
    text = draw(st.one_of(st.text(max_size=300), marked_sentences(), paragraph_mixes()))
    if draw(st.booleans()):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("utf-8", "replace")
    return (b"\xef\xbb\xbf" if draw(st.booleans()) else b"") + data


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(file_bytes())
@example(b'Brian Fallon, a spokesman for the Clinton campaign, said, "The Department had a preexisting process in '
         b"place to handle the tens of thousands of requests it received annually, and that established process was "
         b'followed by the Secretary and her staff throughout her tenure."Japan, U.S., South Korea pledge cooperation '
         b"to keep North in check\xe2\x80\xa8")  # U+2028 inside a record: still one JSON line
def test_cli_on_any_file_completes_and_offsets_index_the_file(spacy_parser, capsys, data):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "doc.txt"
        source.write_bytes(data)
        out, manifest = folder / "quotes.jsonl", folder / "manifest.jsonl"
        status = main(["extract", str(source), "-o", str(out), "--manifest", str(manifest), "--no-cache",
                       "--jobs", "1", "--no-progress"])
        err = capsys.readouterr().err
        assert status == 0, err
        assert "Traceback" not in err
        rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == 1 and rows[0]["doc_id"] == "doc"
        records = read_jsonl(out)
        if rows[0]["status"] != "ok":
            assert rows[0]["error"] and not records
            return
        text = read_document(source).text
        assert len(records) == rows[0]["n_quotes"]
        assert_spans_index(text, records)
