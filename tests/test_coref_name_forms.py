"""Forms of one person's name the index joins (issue 14): a surname whose accented letters were mis-decoded
("SarukhÃ¡n", which the tagger calls a number), the first surname of a double one ("Carlos Manuel Sada Solana" ...
"Sada said"), the same name with its second surname added. Invented news text."""
from __future__ import annotations

import unicodedata

from quotekit.parse import load_parser
from quotekit.speakers.coref import DocEntities
from quotekit.speakers.mentions import garbled_name_word


def _people(text: str) -> dict[str, list[str]]:
    doc = load_parser("spacy").parse(text)
    index = DocEntities(doc)
    return {e.name: [doc[m].text for m in e.mentions] for e in index.entities if e.type == "person"}


def test_a_mis_decoded_surname_is_a_name_word():
    assert garbled_name_word("SarukhÃ¡n")
    assert garbled_name_word(unicodedata.normalize("NFD", "SarukhÃ¡n"))  # "A" + a combining tilde
    assert not garbled_name_word("Sarukhan") and not garbled_name_word("12Ã") and not garbled_name_word("Ãº")


def test_a_double_surname_joins_its_first_surname_alone():
    text = ("Mexico's ambassador, Carlos Manuel Sada Solana, met the governor on Monday. Sada said the talks "
            "had gone well.")
    people = _people(text)
    assert "Sada" not in people
    assert "Sada" in people.get("Carlos Manuel Sada Solana", [])


def test_a_middle_name_that_is_someone_elses_surname_stays_theirs():
    text = ("The linguist Yuen Ren Chao taught at Berkeley. His daughter Rulan Chao Pian taught at Harvard. "
            "Chao said the two schools differed.")
    people = _people(text)
    holder = [name for name, words in people.items() if "Chao" in words and name != "Rulan Chao Pian"]
    assert holder == ["Yuen Ren Chao"]


def test_a_mis_decoded_surname_completes_the_name_and_is_found_alone():
    text = ("Arturo SarukhÃ¡n, Mexico's ambassador to the United States from 2007 to 2013, said the plan was "
            "risky. \"It will not work,\" SarukhÃ¡n added.")
    people = _people(text)
    assert people.get("Arturo SarukhÃ¡n") == ["SarukhÃ¡n", "SarukhÃ¡n"]
