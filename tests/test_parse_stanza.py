"""The stanza backend through its real code path, with tiny models trained on the fly (structure, not accuracy)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from _fixtures_stanza import UD_RELATIONS
from quotekit.errors import ModelNotFoundError, QuotekitError
from quotekit.parse.conllu import UPOS_TAGS
from quotekit.parse.stanza import StanzaParser

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"


def assert_ud_structure(doc, text):
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if not words:
            continue
        assert sum(1 for t in words if t.head == t) == 1, [(t.text, t.dep_, t.head.i) for t in sent]
        assert all(sent.start <= t.head.i < sent.end for t in sent)
        for token in words:
            assert token.dep_.split(":")[0] in UD_RELATIONS, token.dep_
            assert token.pos_ in UPOS_TAGS


@pytest.fixture(scope="module")
def paragraphs() -> str:
    text = (SAMPLES / "politico_2016-02-05_obama-slams-gop-s-doom-and-despa.txt").read_text(encoding="utf-8")
    return "\n\n".join(text.split("\n\n")[:4])


def test_real_text_keeps_offsets_and_ud_trees(tiny_stanza_parser, tiny_stanza_models, paragraphs):
    text = "  " + paragraphs.replace(". ", ".   ", 2) + "\r\n"
    doc = tiny_stanza_parser.parse(text)
    assert_ud_structure(doc, text)
    assert len(list(doc.sents)) >= 4
    assert doc.user_data["qk_parser"].startswith("stanza:en_custom@")
    assert doc.user_data["qk_scheme"] == "ud"
    # report the fixture's cost in the test log
    print(f"tiny stanza models trained in {tiny_stanza_models['seconds']:.1f}s wall, "
          f"{tiny_stanza_models['cpu_seconds']:.1f}s CPU")


def test_pipe_matches_parse_and_chunks(tiny_stanza_parser, paragraphs, monkeypatch):
    texts = [paragraphs, "", "   ", "One more sentence."]
    docs = list(tiny_stanza_parser.pipe(iter(texts)))
    assert [d.text for d in docs] == texts
    single = tiny_stanza_parser.parse(paragraphs)
    assert [(t.text, t.idx, t.dep_, t.head.i) for t in docs[0]] == [(t.text, t.idx, t.dep_, t.head.i) for t in single]
    monkeypatch.setattr(tiny_stanza_parser, "max_chunk_chars", 300)
    chunked = tiny_stanza_parser.parse(paragraphs)
    assert_ud_structure(chunked, paragraphs)
    assert [(t.text, t.idx) for t in chunked] == [(t.text, t.idx) for t in single]


def test_stanza_tokenizer_offsets(tiny_stanza_tokenizing_parser, tiny_stanza_parser, paragraphs):
    assert tiny_stanza_tokenizing_parser.own_tokenizer and not tiny_stanza_parser.own_tokenizer
    text = "\t" + paragraphs.replace(", ", ",  ", 3) + "\n"
    doc = tiny_stanza_tokenizing_parser.parse(text)
    assert_ud_structure(doc, text)
    assert len([t for t in doc if not t.is_space]) > 20


@given(st.text(max_size=60))
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_with_stanza_tokenizer(tiny_stanza_tokenizing_parser, text):
    assert_ud_structure(tiny_stanza_tokenizing_parser.parse(text), text)


def test_lemmas_and_tags_come_from_the_models(tiny_stanza_parser):
    doc = tiny_stanza_parser.parse("The minister said the deficit will grow.")
    assert all(t.tag_ for t in doc)  # xpos predicted by the tiny tagger
    assert [t.lemma_ for t in doc] == [t.text for t in doc]  # no lemmatizer model: identity lemmas


@given(st.text(max_size=60))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_parses_with_exact_text(tiny_stanza_parser, text):
    doc = tiny_stanza_parser.parse(text)
    assert_ud_structure(doc, text)


def test_missing_catalogue_names_dir_and_fix(tmp_path):
    with pytest.raises(ModelNotFoundError) as caught:
        StanzaParser(dir=tmp_path)
    message = str(caught.value)
    assert str(tmp_path) in message and "resources.json" in message
    assert "stanza.download('en'" in message and "--stanza-dir" in message
    assert caught.value.searched == str(tmp_path)
    assert isinstance(caught.value, QuotekitError)


def test_env_var_is_the_default_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "from-env"))
    with pytest.raises(ModelNotFoundError, match="from-env"):
        StanzaParser()


@pytest.mark.parametrize(
    "catalogue, paths",
    [
        ({}, {}),  # empty catalogue, no model files
        ({"en": {"default_processors": {"pos": "x"}, "pos": {"x": {}}, "lang_name": "English"}}, {}),  # no en/
    ],
)
def test_missing_models_raise_one_clear_error(tmp_path, catalogue, paths):
    (tmp_path / "resources.json").write_text(json.dumps(catalogue), encoding="utf-8")
    with pytest.raises(ModelNotFoundError) as caught:
        StanzaParser(dir=tmp_path, **paths)
    assert str(tmp_path) in str(caught.value)
    assert "stanza.download" in str(caught.value)


def test_missing_model_file_is_named(tmp_path):
    (tmp_path / "resources.json").write_text("{}", encoding="utf-8")
    missing = tmp_path / "nowhere" / "pos.pt"
    with pytest.raises(ModelNotFoundError, match="pos model file .*nowhere"):
        StanzaParser(dir=tmp_path, pos_model_path=str(missing))


def test_stanza_entities_become_doc_ents():
    """Entities tagged on stanza tokens (as the ner processor does) land on the Doc at the same characters."""
    from stanza.utils.conll import CoNLL

    from quotekit.parse.stanza import stanza_to_spacy

    data = (Path(__file__).resolve().parent / "data" / "ud" / "gold_quotes.conllu").read_text(encoding="utf-8")
    sdoc = CoNLL.conll2doc(input_str=data, reconstruct_text=True)
    tags = {"the": "B-PERSON", "minister": "E-PERSON", "Tuesday": "S-DATE"}
    for token in sdoc.sentences[0].tokens:
        token.ner = tags.get(token.text, "O")
    for sentence in sdoc.sentences[1:]:
        for token in sentence.tokens:
            token.ner = "O"
    sdoc.build_ents()
    doc = stanza_to_spacy(sdoc)
    assert [(e.text, e.label_, e.start_char) for e in doc.ents] == [
        (sdoc.text[e.start_char : e.end_char], e.type, e.start_char) for e in sdoc.ents
    ]
    assert [(e.text, e.label_) for e in doc.ents] == [("the minister", "PERSON"), ("Tuesday", "DATE")]
    plain = stanza_to_spacy(CoNLL.conll2doc(input_str=data, reconstruct_text=True))
    assert not plain.has_annotation("ENT_IOB")
