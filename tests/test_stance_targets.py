"""Stance targets that mean something: entities canonicalised per document, corpus topics, user targets."""
from __future__ import annotations

import json

import pytest
from functools import lru_cache

from hypothesis import given, settings, strategies as st

from quotekit.aggregate.stance_tables import speaker_target_table
from quotekit.attribute import find_attributions
from quotekit.errors import InputError
from quotekit.speakers import resolve_speakers
from quotekit.speakers.mentions import FIRST_PERSON, NEUTER_PRONOUNS, PLURAL_PRONOUNS, PRONOUN_GENDER, RELATIVE_PRONOUNS
from quotekit.stance.targets import (
    document_entities, document_targets, filter_topics, generic_nouns, link_target_ids, load_targets,
    normalise_targets, quote_targets,
)

from _fixtures_report import CORPORA

PRONOUNS = (set(PRONOUN_GENDER) | PLURAL_PRONOUNS | NEUTER_PRONOUNS | RELATIVE_PRONOUNS | FIRST_PERSON
            | {"you", "this", "these", "those", "we", "us", "i", "me"})
GENERIC = {"people", "time", "state", "debate", "economy", "way", "thing", "percent", "e", "-", "n't"}


@pytest.fixture(scope="module")
def corpus_targets(spacy_parser):
    """Targets of every quote of five bundled documents, found as the pipeline would (attributions, resolved
    speaker names), then the corpus-level topic filter."""
    records = []
    for path in sorted((CORPORA / "samples").glob("*.txt"))[:5]:
        doc = spacy_parser.parse(path.read_text(encoding="utf-8"))
        atts = find_attributions(doc)
        infos = resolve_speakers(doc, atts)
        names = sorted({info.entity for info in infos if info.entity})
        for n, (att, info, targets) in enumerate(zip(atts, infos, document_targets(doc, [a.content for a in atts],
                                                                                names=names))):
            records.append({"doc_id": path.stem, "quote_id": f"{path.stem}:{n}", "speaker_entity": info.entity,
                            "speaker_type": info.type, "content": {"text": att.content.text, "start": 0},
                            "stance": {"polarity": 0.0, "label": "neutral", "targets": targets}})
    return filter_topics(records)


def test_corpus_targets_are_entities_and_topics_only(corpus_targets):
    targets = [t for rec in corpus_targets for t in rec["stance"]["targets"]]
    kinds = {t["kind"] for t in targets}
    assert kinds == {"entity", "topic"}, kinds
    for t in targets:
        words = t["target"].lower().split()
        assert not PRONOUNS.intersection(words), t
        assert t["target"].lower() not in GENERIC and t["target"].lower() not in generic_nouns(), t
        assert set(t) == {"target", "target_id", "kind", "polarity"} and -1.0 <= t["polarity"] <= 1.0
        assert t["target_id"] and (t["kind"] != "topic" or t["target_id"].startswith("topic:"))
    # one-word topics came back in at least two of the documents; multiword topics stand on their own
    docs_of: dict[str, set] = {}
    for rec in corpus_targets:
        for t in rec["stance"]["targets"]:
            docs_of.setdefault(t["target_id"], set()).add(rec["doc_id"])
    for t in targets:
        if t["kind"] == "topic" and " " not in t["target"]:
            assert len(docs_of[t["target_id"]]) >= 2, t


def test_one_target_per_entity_in_a_document(corpus_targets):
    """Within a document, every short form that fits one full name gets that name's id: no document has both a
    full-name id and a bare id of one of its words, for the names the document makes unambiguous."""
    by_doc: dict[str, dict[str, str]] = {}
    for rec in corpus_targets:
        for t in rec["stance"]["targets"]:
            if t["kind"] == "entity":
                by_doc.setdefault(rec["doc_id"], {})[t["target_id"]] = t["target"]
    assert any("sanders" not in ids and "bernie-sanders" in ids for ids in by_doc.values())
    assert any("clinton" not in ids and "hillary-clinton" in ids for ids in by_doc.values())


def test_short_forms_join_the_one_full_name(spacy_parser):
    text = ("Hillary Clinton campaigned in Iowa on Monday. Supporters said Clinton would win the state. "
            "A rival said Mrs. Clinton had misled voters about her emails. "
            "Critics said Hillary had no plan for the economy.")
    doc = spacy_parser.parse(text)
    sents = list(doc.sents)
    entities = document_entities(doc)
    found = [quote_targets(s, entities=entities) for s in sents]
    ids = {t["target_id"] for ts in found for t in ts if t["kind"] == "entity" and "linton" in t["target"] + "Clinton"}
    assert "hillary-clinton" in ids and "clinton" not in ids, found
    assert all(t["target"] == "Hillary Clinton" for ts in found for t in ts if t["target_id"] == "hillary-clinton")


def test_ambiguous_short_form_stays_itself(spacy_parser):
    text = "Bill Clinton spoke first. Hillary Clinton spoke next. Aides said Clinton was tired."
    doc = spacy_parser.parse(text)
    last = list(doc.sents)[-1]
    ids = [t["target_id"] for t in quote_targets(last, entities=document_entities(doc))]
    assert "clinton" in ids and "hillary-clinton" not in ids and "bill-clinton" not in ids


def test_user_targets_with_aliases(spacy_parser):
    doc = spacy_parser.parse("We hate HRC and the Clinton Foundation, but we love the new trade deal.")
    user = {"Hillary Clinton": ["HRC", "Hillary"], "trade policy": ["trade deal"]}
    by_id = {t["target_id"]: t for t in quote_targets(doc[:], user=user)}
    assert by_id["user:hillary-clinton"]["target"] == "Hillary Clinton" and by_id["user:hillary-clinton"]["kind"] == "user"
    assert by_id["user:trade-policy"]["polarity"] > 0  # "we love the new trade deal"
    assert by_id["user:hillary-clinton"]["polarity"] < 0  # "we hate HRC"
    assert by_id["clinton-foundation"]["kind"] == "entity"  # an entity that is no alias stays an entity
    # word boundaries: "Hillary" inside "Hillarys" is no match
    other = quote_targets(spacy_parser.parse("The Hillarys fan club met in Ohio.")[:], user={"Hillary Clinton": ["Hillary"]})
    assert all(t["kind"] != "user" for t in other)


def test_load_targets_json_and_csv(tmp_path):
    j = tmp_path / "targets.json"
    j.write_text(json.dumps({"Hillary Clinton": ["Clinton", "HRC"], "Iran deal": []}), encoding="utf-8")
    assert load_targets(j) == {"Hillary Clinton": ("Hillary Clinton", "Clinton", "HRC"), "Iran deal": ("Iran deal",)}
    c = tmp_path / "targets.csv"
    c.write_text("target,alias\nHillary Clinton,Clinton\nHillary Clinton,HRC\nIran deal\n", encoding="utf-8")
    assert load_targets(c) == {"Hillary Clinton": ("Hillary Clinton", "Clinton", "HRC"), "Iran deal": ("Iran deal",)}
    bad = tmp_path / "bad.csv"
    bad.write_text("target,alias\nA,B,C\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.csv:2:"):
        load_targets(bad)
    with pytest.raises(InputError, match="no such targets file"):
        load_targets(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        load_targets(broken)
    with pytest.raises(InputError):
        normalise_targets({"": ["x"]})


def test_link_target_ids_joins_bare_surnames_to_the_one_speaker():
    def rec(doc_id, speaker, targets):
        return {"doc_id": doc_id, "quote_id": f"{doc_id}:0", "kind": "direct", "content": {"start": 0, "end": 1,
                "text": "x"}, "speaker_entity": speaker, "speaker_type": "person",
                "stance": {"polarity": 0.0, "label": "neutral", "targets": targets}}

    records = [rec("a", "Hillary Clinton", []),
               rec("b", "Donald Trump", [{"target": "Clinton", "target_id": "clinton", "kind": "entity", "polarity": -0.5},
                                         {"target": "Smith", "target_id": "smith", "kind": "entity", "polarity": 0.1}])]
    linked = link_target_ids(records)
    targets = linked[1]["stance"]["targets"]
    assert targets[0] == {"target": "Hillary Clinton", "target_id": "hillary-clinton", "kind": "entity", "polarity": -0.5}
    assert targets[1]["target_id"] == "smith"  # nobody of that name speaks: unchanged
    assert records[1]["stance"]["targets"][0]["target_id"] == "clinton"  # inputs unchanged


@lru_cache(maxsize=1)
def _blank():
    import spacy

    return spacy.blank("en")


@settings(deadline=None, max_examples=60)  # a loaded machine: no timing in tests
@given(st.text(max_size=80), st.dictionaries(st.text(min_size=1, max_size=12).filter(str.strip),
                                             st.lists(st.text(max_size=12), max_size=3), max_size=3))
def test_user_targets_on_any_text(text, user):
    doc = _blank()(text)
    targets = quote_targets(doc[:], user=user, entities=document_entities(doc))
    aliases = {a.lower() for t, names in normalise_targets(user).items() for a in names}
    for t in targets:
        assert t["kind"] == "user" and t["target"] in normalise_targets(user)
        assert -1.0 <= t["polarity"] <= 1.0
    assert len({t["target_id"] for t in targets}) == len(targets)
    assert not targets or aliases


def test_speaker_target_cells_need_min_n_quotes(corpus_targets):
    all_cells = speaker_target_table(corpus_targets, min_n=1)
    cells = speaker_target_table(corpus_targets, min_n=2)
    assert len(all_cells) == len(cells) and all_cells["shown"].all()
    assert cells["shown"].any() and not cells["shown"].all()
    for c in cells.to_dict("records"):
        assert c["shown"] == (c["n"] >= 2) and len(c["quote_ids"]) == c["n"] == len(set(c["quote_ids"]))
        assert c["kind"] in ("entity", "topic")
        if c["n"] > 1:
            assert c["ci_low"] - 1e-9 <= c["polarity_mean"] <= c["ci_high"] + 1e-9
    with pytest.raises(ValueError):
        speaker_target_table(corpus_targets, min_n=0)


def test_other_names_of_a_place_are_one_target(spacy_parser):
    doc = spacy_parser.parse("The U.S. will not back down, and America will defend its allies, "
                             "the senator said. The United States has always kept its word.")
    found = [t for s in doc.sents for t in quote_targets(s, entities=document_entities(doc))]
    places = {t["target_id"]: t["target"] for t in found if t["kind"] == "entity"}
    assert places.get("united-states") == "United States"
    assert not {"u-s", "america", "us"} & set(places), places
