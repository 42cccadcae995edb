"""The default spaCy backend and the parser registry."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.errors import InputError, ModelNotFoundError, QuotekitError, UnknownBackendError
from quotekit.parse import BACKENDS, Parser, load_parser
from quotekit.parse.base import BaseParser, source_text
from quotekit.parse.spacy import SpacyParser
from quotekit.types import Document

# ClearNLP labels the backend must never pass through (the full conversion is tested with quotekit.parse.ud)
CLEARNLP_ONLY = {"dobj", "nsubjpass", "auxpass", "prep", "poss", "attr", "acomp", "relcl", "neg", "ROOT"}


def test_provenance_and_protocol(spacy_parser):
    assert isinstance(spacy_parser, Parser)
    backend, rest = spacy_parser.name.split(":", 1)
    model, version = rest.split("@")
    assert backend == "spacy" and model.startswith("en_core_web_sm") and version.count(".") == 2
    doc = spacy_parser.parse("Officials said the talks would resume.")
    assert doc.user_data["qk_parser"] == spacy_parser.name


def test_text_and_offsets_are_the_input(spacy_parser, seed_text):
    text = "  Two  spaces.\n\n\tA tab, \u201ccurly quotes\u201d and\u00a0nbsp.\r\n" + seed_text[:2000]
    doc = spacy_parser.parse(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_labels_are_ud(seed_doc):
    labels = {t.dep_ for t in seed_doc}
    assert "root" in labels and "obj" in labels and "obl" in labels
    assert not labels & CLEARNLP_ONLY
    assert seed_doc.user_data["qk_scheme"] == "ud"


def test_pipe_is_lazy_and_ordered(spacy_parser):
    consumed = []

    def texts():
        for i in range(500):
            consumed.append(i)
            yield f"Speaker {i} said it was fine."

    stream = spacy_parser.pipe(texts(), batch_size=4)
    first = next(stream)
    assert first.text == "Speaker 0 said it was fine."
    assert len(consumed) < 50
    rest = [next(stream).text for _ in range(3)]
    assert rest == [f"Speaker {i} said it was fine." for i in (1, 2, 3)]


def test_parse_document_keeps_offsets_over_original_text(spacy_parser):
    text = "<p>The mayor said: \u201cWe will rebuild.\u201d</p>"
    cleaned = "   The mayor said: \u201cWe will rebuild.\u201d    "
    doc = spacy_parser.parse_document(Document("d1", text, parse_text=cleaned))
    assert doc.text == cleaned
    assert source_text(doc) == text
    mayor = [t for t in doc if t.text == "mayor"][0]
    assert text[mayor.idx : mayor.idx + 5] == "mayor"
    plain = spacy_parser.parse_document(Document("d2", "Plain text."))
    assert "qk_source_text" not in plain.user_data and source_text(plain) == "Plain text."
    with pytest.raises(InputError, match="parse_text has"):
        spacy_parser.parse_document(Document("d3", text, parse_text="short"))


def _signature(doc):
    return [(t.text, t.idx, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]


def test_parse_documents_is_parse_document_in_batches_with_errors_isolated(spacy_parser):
    html = "<p>The mayor said: \u201cWe will rebuild.\u201d</p>"
    documents = [
        Document("plain", "Officials said the talks would resume on Monday."),
        Document("html", html, parse_text=html.replace("<p>", "   ").replace("</p>", "    ")),
        Document("bad", "Short text.", parse_text="Short text. Much longer cleaned text"),
        Document("surrogate", "He said \ud800 it was \udfff fine."),
    ]
    results = spacy_parser.parse_documents(documents, batch_size=2)
    assert len(results) == 4 and isinstance(results[2], InputError) and "parse_text has" in str(results[2])
    for i in (0, 1, 3):
        one = spacy_parser.parse_document(documents[i])
        assert _signature(results[i]) == _signature(one)
        assert source_text(results[i]) == source_text(one) == documents[i].text
    assert results[3].text == "He said \ufffd it was \ufffd fine."  # lone surrogates replaced, one for one
    assert "qk_source_text" not in results[0].user_data


class _FailsOn(BaseParser):
    """The spaCy backend, except that a text containing ``word`` raises (a stand-in for a parser crash)."""

    def __init__(self, parser, word):
        self.name, self.parser, self.word = parser.name, parser, word

    def parse(self, text):
        if self.word in text:
            raise ValueError(f"cannot parse {self.word!r}")
        return self.parser.parse(text)


def test_one_failing_document_does_not_fail_its_batch(spacy_parser):
    texts = ["The minister said the plan works.", "Critics said it would kaboom.", "She said no."]
    results = _FailsOn(spacy_parser, "kaboom").parse_documents([Document(str(i), t) for i, t in enumerate(texts)])
    assert isinstance(results[1], ValueError) and "kaboom" in str(results[1])
    assert [results[0].text, results[2].text] == [texts[0], texts[2]]
    assert _signature(results[2]) == _signature(spacy_parser.parse(texts[2]))


_SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)


@given(st.lists(st.one_of(st.text(max_size=30), _SURROGATES), max_size=8).map("".join))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_document_text_is_indexed_by_its_parse(spacy_parser, text):
    [doc] = spacy_parser.parse_documents([Document("d", text)])
    assert source_text(doc) == text and len(doc.text) == len(text)
    for token in doc:
        original = text[token.idx : token.idx + len(token.text)]
        assert original == token.text or "\ufffd" in token.text


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelNotFoundError) as caught:
        SpacyParser("no_such_spacy_model_xyz")
    assert "pip install" in str(caught.value) and "no_such_spacy_model_xyz" in str(caught.value)
    assert isinstance(caught.value, QuotekitError)


def test_load_parser_caches_and_rejects_unknown_backends(spacy_parser):
    assert load_parser("spacy") is spacy_parser
    assert set(BACKENDS) == {"spacy", "stanza", "conllu"}
    with pytest.raises(UnknownBackendError) as caught:
        load_parser("corenlp")
    assert "spacy" in str(caught.value) and "stanza" in str(caught.value)


@given(st.text(max_size=200))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_unicode_parses_to_the_same_text(spacy_parser, text):
    doc = spacy_parser.parse(text)
    assert doc.text == text
    assert all(0 <= t.idx <= len(text) for t in doc)
    assert all(t.head.sent == t.sent for t in doc) if doc.has_annotation("DEP") else True


@pytest.mark.parametrize("curly, straight", [
    ("Dinesh D’Souza said the film was fair.", "Dinesh D'Souza said the film was fair."),
    ("Fox News’ Bret Baier asked him about it.", "Fox News' Bret Baier asked him about it."),
    ("Reid’s barrister said the claim was false.", "Reid's barrister said the claim was false."),
])
def test_curly_apostrophes_parse_as_straight_ones(spacy_parser, curly, straight):
    """The model learnt names and possessives spelt with ': with ’ it tagged D’Souza a common noun and Reid in
    'Reid’s' a common noun, and lost the person Bret Baier. Read with the straight spelling's features, the
    curly text gets the same tags, relations and entities, and keeps its own characters."""
    doc, twin = spacy_parser.parse(curly), spacy_parser.parse(straight)
    assert doc.text == curly
    assert [(t.tag_, t.dep_, t.head.i) for t in doc] == [(t.tag_, t.dep_, t.head.i) for t in twin]
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(e.start, e.end, e.label_) for e in twin.ents]
    assert any(e.label_ == "PERSON" for e in doc.ents)

