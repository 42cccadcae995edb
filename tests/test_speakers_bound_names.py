"""A proper name the NER does not label a person, to which the document binds a gendered possessive or reflexive
as the subject of its clause ("Byron received his education", "Holt began his career"), is a person's: an
organisation or a place takes "its" or "their" (issue 14: on GUM's training documents "he" went to whoever else
was named, because the NER called the biography's subject an organisation, a place or nothing). Invented text."""
from __future__ import annotations

import pytest
from spacy.tokens import Span

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities, _binding_subject, _bound_names

from _helpers import resolved_speakers

BIO_TEXT = ("Marlowe received his early education at a school in Leeds, where Thomas Grant taught him Latin. "
            "Marlowe began his career as a clerk in 1821. In 1830 Marlowe moved to London with Grant. "
            "A year later he wrote that the city had made him a poet.")


def _relabelled(text: str, word: str, label: str):
    """The parse of ``text`` with every ``word`` labelled ``label`` by the NER (its slip on a person's name)."""
    doc = load_parser("spacy").parse(text)
    spots = [t.i for t in doc if t.text == word]
    kept = [e for e in doc.ents if not any(e.start <= i < e.end for i in spots)]
    doc.ents = kept + [Span(doc, i, i + 1, label=label) for i in spots]
    return doc


@pytest.mark.parametrize("label", ["ORG", "GPE", "NORP"])
def test_a_name_bound_by_his_is_a_person_whatever_the_ner_says(label):
    index = DocEntities(_relabelled(BIO_TEXT, "Marlowe", label))
    people = {e.name: e for e in index.entities if e.type == "person"}
    assert "Marlowe" in people
    assert people["Marlowe"].gender == "m"
    he = next(t for t in index.doc if t.lower_ == "he")
    assert index.rank_pronoun(he)[0][0].name == "Marlowe"


def test_a_name_the_ner_never_labels_is_indexed_where_it_binds():
    doc = _relabelled(BIO_TEXT, "Marlowe", "ORG")
    doc.ents = [e for e in doc.ents if e.text != "Marlowe"]
    index = DocEntities(doc)
    marlowe = next(e for e in index.entities if e.name == "Marlowe")
    assert marlowe.type == "person"
    assert len(marlowe.mentions) == 3  # every "Marlowe" of the text, not only the one that binds


@pytest.mark.parametrize("label", ["ORG", "GPE"])
def test_the_pronoun_of_the_biography_goes_to_its_subject(label):
    from quotekit import extract

    quotes = extract(_relabelled(BIO_TEXT, "Marlowe", label), stance=False)
    assert [(q.speaker.text, q.speaker_entity) for q in quotes] == [("he", "Marlowe")]


def test_the_text_as_the_ner_reads_it_resolves_as_before():
    assert resolved_speakers(BIO_TEXT)["he"] == [("Marlowe", "resolved")]


@pytest.mark.parametrize("text, word", [
    ("The Times said its reporters had seen the letter. The Times said his letter was forged.", "Times"),
    ("Acme Motors said its profits fell. Acme announced that it would close a plant.", "Acme"),
])
def test_outlets_and_organisations_stay_what_they_are(text, word):
    doc = load_parser("spacy").parse(text)
    assert word.lower() not in _bound_names(DocEntities(doc).analysis, [False] * len(doc))


def test_the_object_controls_an_infinitive():
    """ "Hannity asked Kasich to lay out his path": "his" is Kasich's, the one asked, not the asker's."""
    doc = load_parser("spacy").parse("At the convention, Sean Hannity asked Kasich to lay out his path to the "
                                     "nomination.")
    his = next(t for t in doc if t.lower_ == "his")
    assert _binding_subject(his).text == "Kasich"
