"""The CoNLL-U backend, checked against hand-checked gold UD trees and stanza's own CoNLL-U reader."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from quotekit.errors import InputError, QuotekitError
from quotekit.parse import load_parser
from quotekit.parse.conllu import ConlluParser, read_conllu
from quotekit.types import Document

UD_DIR = Path(__file__).resolve().parent / "data" / "ud"
GOLD = UD_DIR / "gold_quotes.conllu"
ROW = "{id}\t{form}\t{lemma}\t{upos}\t_\t_\t{head}\t{dep}\t_\t{misc}"


def rows(*tokens, comments=()) -> str:
    """CoNLL-U for one sentence from ``(form, head, deprel[, misc])`` tuples."""
    lines = list(comments)
    for i, tok in enumerate(tokens, start=1):
        form, head, dep = tok[:3]
        misc = tok[3] if len(tok) > 3 else "_"
        lines.append(ROW.format(id=i, form=form, lemma=form.lower(), upos="X", head=head, dep=dep, misc=misc))
    return "\n".join(lines) + "\n\n"


def sentence_texts(path: Path) -> list[str]:
    return [line.split("= ", 1)[1] for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# text = ")]


def signature(doc):
    return [(t.text, t.idx, t.whitespace_, t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_, t.head.i,
             t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def gold_doc():
    [(doc_id, doc)] = ConlluParser().parse_many(GOLD.read_text(encoding="utf-8"))
    assert doc_id == "gold-quotes"
    return doc


def test_gold_text_is_rebuilt_exactly(gold_doc):
    texts = sentence_texts(GOLD)
    # sentence-final SpacesAfter: \n, \n\n (new paragraph), \n; the last sentence has none
    assert gold_doc.text == f"{texts[0]}\n{texts[1]}\n\n{texts[2]}\n{texts[3]}"
    sents = [s for s in gold_doc.sents]
    assert [s.text.strip() for s in sents] == texts
    for token in gold_doc:
        assert gold_doc.text[token.idx : token.idx + len(token.text)] == token.text


def test_gold_trees(gold_doc):
    by_text = {}
    for token in gold_doc:
        by_text.setdefault(token.text, []).append(token)
    said = by_text["said"][0]
    assert said.dep_ == "root" and said.head == said and said.lemma_ == "say"
    back = [t for t in said.children if t.dep_ == "ccomp"]
    assert [t.text for t in back] == ["back"]
    assert {c.text for c in back[0].children if c.dep_ == "nsubj"} == {"We"}
    # "According to the report": report -obl-> grow, According -case-> report, to -fixed-> According
    report = by_text["report"][0]
    assert (report.dep_, report.head.text) == ("obl", "grow")
    assert (by_text["According"][0].dep_, by_text["According"][0].head.text) == ("case", "report")
    assert (by_text["to"][0].dep_, by_text["to"][0].head.text) == ("fixed", "According")
    # the multiword token "doesn't" -> does + n't, sharing the token's characters
    does, nt = by_text["does"][0], by_text["n't"][0]
    assert gold_doc.text[does.idx : nt.idx + len(nt)] == "doesn't" and does.whitespace_ == ""
    assert (does.lemma_, nt.lemma_, str(nt.morph)) == ("do", "not", "Polarity=Neg")
    # one root per sentence, heads inside their sentence (the last sentence is non-projective)
    for sent in gold_doc.sents:
        words = [t for t in sent if not t.is_space]
        assert sum(1 for t in words if t.head == t) == 1
        assert all(sent.start <= t.head.i < sent.end for t in sent)


def test_stanza_reader_and_conllu_backend_agree(gold_doc):
    from stanza.utils.conll import CoNLL

    from quotekit.parse.stanza import stanza_to_spacy

    sdoc = CoNLL.conll2doc(input_str=GOLD.read_text(encoding="utf-8"), reconstruct_text=True)
    via_stanza = stanza_to_spacy(sdoc)
    assert via_stanza.text == gold_doc.text
    assert signature(via_stanza) == signature(gold_doc)


def test_space_after_newpar_and_newdoc():
    data = (
        "# newdoc id = a\n# newpar\n"
        + rows(("Hello", 0, "root", "SpaceAfter=No"), (",", 1, "punct"), ("world", 1, "vocative"))
        + rows(("Again", 0, "root"))
        + "# newpar\n"
        + rows(("New", 2, "amod"), ("paragraph", 0, "root"))
        + "# newdoc id = b\n"
        + rows(("Second", 2, "amod"), ("doc", 0, "root"))
        + rows(("Two", 0, "root"))
    )
    docs = ConlluParser().parse_many(data)
    assert [doc_id for doc_id, _ in docs] == ["a", "b"]
    # with paragraph marks: sentences of a paragraph share a line; without any: one sentence per line
    assert docs[0][1].text == "Hello, world Again\n\nNew paragraph"
    assert docs[1][1].text == "Second doc\nTwo"
    whole = ConlluParser().parse(data)
    assert whole.text == "Hello, world Again\n\nNew paragraph\n\nSecond doc\nTwo"
    assert [s.text.strip() for s in whole.sents] == ["Hello, world", "Again", "New paragraph", "Second doc", "Two"]


def test_character_offsets_in_misc_rebuild_spacing():
    data = rows(("Hello", 0, "root", "TokenRange=2:7"), (",", 1, "punct", "TokenRange=7:8"),
                ("world", 1, "vocative", "TokenRange=11:16"))
    data += rows(("Bye", 0, "root", "start_char=18|end_char=21"))
    doc = ConlluParser().parse(data)
    assert [(t.text, t.idx) for t in doc if not t.is_space] == [("Hello", 2), (",", 7), ("world", 11), ("Bye", 18)]
    assert len(doc.text) == 21 and doc.text[2:7] == "Hello" and doc.text[16:18].isspace()


def test_spaces_after_escapes_and_empty_nodes():
    data = rows(("A", 0, "root", r"SpacesAfter=\s\s"), ("b", 1, "dep", r"SpacesAfter=\t"), ("c", 1, "dep"))
    data = data.replace("3\tc", "2.1\tghost\tghost\tX\t_\t_\t_\t_\t1:dep\t_\n3\tc")
    doc = ConlluParser().parse(data)
    assert doc.text == "A  b\tc"
    assert "ghost" not in [t.text for t in doc]


def test_multiword_token_whose_words_do_not_spell_it():
    data = (
        "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n"
        "1\tde\tde\tADP\t_\t_\t3\tcase\t_\t_\n"
        "2\tel\tel\tDET\t_\t_\t3\tdet\t_\t_\n"
        "3\tmundo\tmundo\tNOUN\t_\t_\t0\troot\t_\t_\n\n"
    )
    doc = ConlluParser(lang="es").parse(data)
    assert doc.text == "del mundo"
    assert [t.text for t in doc] == ["de", "l", "mundo"]
    assert [t.norm_ for t in doc][:2] == ["de", "el"]
    assert [t.dep_ for t in doc] == ["case", "det", "root"]


@pytest.mark.parametrize(
    "data, line, fragment",
    [
        ("1\tA\ta\tX\t_\t_\t0\troot\t_\n\n", 1, "10 tab-separated"),
        (rows(("A", 0, "root"), ("b", 7, "dep")), 2, "outside the sentence"),
        (rows(("A", 0, "root"), ("b", 0, "root")), 2, "exactly one root"),
        (rows(("A", 2, "dep"), ("b", 1, "dep"), ("c", 0, "root")), 1, "cycle"),
        ("# text = x\n2\tA\ta\tX\t_\t_\t0\troot\t_\t_\n\n", 2, "out of order"),
        ("1\tA\ta\tX\t_\t_\t_\t_\t_\t_\n\n", 1, "dependency-parsed"),
        ("1-3\tabc\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n\n", 3, "multiword token"),
        (rows(("A", 0, "root")) + rows(("B", "x", "root")), 3, "bad HEAD"),
    ],
)
def test_malformed_input_names_the_line(data, line, fragment):
    with pytest.raises(InputError) as caught:
        ConlluParser().parse(data)
    assert caught.value.line == line
    assert fragment in str(caught.value)
    assert isinstance(caught.value, QuotekitError)


def test_read_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.conllu"
    bad.write_text("1\tA\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.conllu:1:"):
        ConlluParser().read(bad)
    with pytest.raises(InputError, match="cannot read"):
        ConlluParser().read(tmp_path / "missing.conllu")
    assert ConlluParser().read(GOLD)[0][0] == "gold-quotes"


def test_load_parser_conllu_provenance():
    parser = load_parser("conllu")
    doc = parser.parse(GOLD.read_text(encoding="utf-8"))
    assert doc.user_data["qk_parser"] == parser.name == "conllu:ud"
    assert doc.user_data["qk_scheme"] == "ud"
    assert list(parser.pipe([""]))[0].text == ""


def test_parse_documents_reads_conllu_data_as_documents():
    data = GOLD.read_text(encoding="utf-8")
    parser = load_parser("conllu")
    [doc] = parser.parse_documents([Document("gold", data)])
    assert signature(doc) == signature(parser.parse(data))
    assert "qk_source_text" not in doc.user_data  # offsets index the text rebuilt from the file


_FORM = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\n\r"),
    min_size=1, max_size=6,
).filter(lambda s: s.strip() == s and s)  # inner whitespace is allowed (UD has "100 000")


@given(st.lists(st.tuples(_FORM, st.booleans()), min_size=1, max_size=12))
@settings(max_examples=100, deadline=None)
def test_any_forms_round_trip(tokens):
    """A chain tree over arbitrary forms: the Doc's words are the forms, at offsets that index its text."""
    data = rows(*[(form, i, "dep" if i else "root", "_" if space else "SpaceAfter=No")
                  for i, (form, space) in enumerate(tokens)])
    doc = ConlluParser().parse(data)
    words = [t for t in doc if not t.is_space]
    assert [t.text for t in words] == [form for form, _ in tokens]
    for token in doc:
        assert doc.text[token.idx : token.idx + len(token)] == token.text
    expected = "".join(form + (" " if space and i < len(tokens) - 1 else "") for i, (form, space) in enumerate(tokens))
    assert doc.text == expected
    assert len(read_conllu(data)[0].sentences[0].tokens) == len(tokens)
