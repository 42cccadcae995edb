"""End-to-end speaker resolution against gold coreference (:mod:`quotekit.evaluate.gum`), on a small CorefUD
document written for these tests (``tests/data/gum``: a few sentences of our own, in GUM's format; GUM itself is
never needed here)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotekit.cli import main
from quotekit.errors import InputError
from quotekit.evaluate.gum import (chain_names, evaluate_gum, mention_kind, score_document, select_documents,
                                   summarise)
from quotekit.speakers.ranker.gum import read_document
from quotekit.types import Quote, TextSpan

GUM = Path(__file__).parent / "data" / "gum"
BRIDGE = GUM / "GUM_news_bridge.conllu"


def test_gold_names_are_the_proper_noun_runs_and_the_linked_identity():
    gold = read_document(BRIDGE)
    names = chain_names(gold)
    lopez = next(m for m in gold.mentions if m.name == "Maria Lopez")
    assert gold.text[lopez.name_start:lopez.name_end] == "Maria Lopez"
    assert names[lopez.chain] == ("Maria Lopez", "Lopez")  # "the mayor of Riverton" and "she" add no name
    council = next(m for m in gold.mentions if m.name == "Riverton Council")
    assert names[council.chain] == ("Riverton Council",)
    bridge = next(m for m in gold.mentions if gold.text[m.head_start:m.head_end] == "bridge")
    assert bridge.chain not in names  # an object, and nameless


def test_mention_kinds_come_from_the_gold_head():
    gold = read_document(BRIDGE)
    kinds = {gold.text[m.start:m.end]: mention_kind(m, gold.text) for m in gold.mentions}
    assert kinds["she"] == "pronoun" and kinds["the council"] == "nominal" and kinds["Lopez"] == "named"
    assert kinds["We"] == "first_person" and kinds["everyone"] is None


def test_the_pipeline_resolves_the_fixture_speakers_to_their_gold_chains(tmp_path):
    report = evaluate_gum(GUM, documents="all", genres=None, cache_dir=tmp_path)
    by_mention = {item["mention"]: item for item in report["items"]}
    assert by_mention["she"]["kind"] == "pronoun" and by_mention["she"]["correct"]
    assert by_mention["she"]["predicted"] == "Maria Lopez"
    assert by_mention["the council"]["kind"] == "nominal" and by_mention["the council"]["correct"]
    assert by_mention["Lopez"]["kind"] == "named" and by_mention["Lopez"]["correct"]
    scores = report["scores"]
    assert scores["pronoun+nominal"]["n"] == 2 and scores["pronoun+nominal"]["accuracy"] == 1.0
    low, high = scores["named"]["ci95"]
    assert 0.0 < low < 1.0 == high


def test_a_wrong_entity_is_scored_wrong(spacy_parser):
    gold = read_document(BRIDGE)
    doc = spacy_parser.parse(gold.text)
    start = gold.text.index("she said")
    wrong = Quote("d", "q1", "direct", TextSpan.of(gold.text, 1, 30), speaker=TextSpan.of(gold.text, start, start + 3),
                  speaker_entity="Riverton Council", speaker_resolved="resolved")
    right = Quote("d", "q2", "direct", TextSpan.of(gold.text, 1, 30), speaker=TextSpan.of(gold.text, start, start + 3),
                  speaker_entity="Lopez", speaker_resolved="resolved")
    none = Quote("d", "q3", "direct", TextSpan.of(gold.text, 1, 30), speaker=TextSpan.of(gold.text, start, start + 3))
    items = score_document(gold, doc, [wrong, right, none])
    assert [i.correct for i in items] == [False, True, False]
    assert summarise(items)["pronoun"]["accuracy"] == round(1 / 3, 3)


def test_document_sets_split_news_and_interviews_by_the_rankers_held_out_list():
    files = [Path(f"GUM_{g}_{n}.conllu") for g in ("news", "interview", "bio") for n in "abcd"]
    held = select_documents(files, "held-out", ("news", "interview"))
    training = select_documents(files, "training", ("news", "interview"))
    assert len(held) == 4 and len(training) == 4 and not set(held) & set(training)
    assert len(select_documents(files, "all", None)) == 12
    assert all("bio" in p.name for p in select_documents(files, "training", ["bio"]))
    with pytest.raises(InputError, match="unknown GUM document set"):
        select_documents(files, "test")


def test_the_cli_prints_scores_and_items_as_json(capsys, tmp_path):
    status = main(["evaluate", "--gum", str(GUM), "--documents", "all", "--genres", "all", "--json",
                   "--cache-dir", str(tmp_path)])
    assert status in (0, None)
    report = json.loads(capsys.readouterr().out)["gum"]
    assert report["documents"] == ["GUM_news_bridge"]
    assert {i["kind"] for i in report["items"]} >= {"pronoun", "nominal", "named"}


def test_the_cli_says_in_one_line_when_no_document_is_left(capsys):
    status = main(["evaluate", "--gum", str(GUM), "--documents", "all", "--genres", "fiction"])
    lines = capsys.readouterr().err.strip().splitlines()
    assert status != 0 and len(lines) == 1 and "no GUM documents" in lines[0]


def test_a_documents_author_comes_from_its_meta_header(tmp_path):
    assert read_document(BRIDGE).author == ""  # no meta::author line
    letter = tmp_path / "GUM_letter_x.conllu"
    letter.write_text("# newdoc id = GUM_letter_x\n# meta::author = Jane Doe\n# sent_id = GUM_letter_x-1\n"
                      "# text = I agree.\n1\tI\tI\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
                      "2\tagree\tagree\tVERB\tVBP\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n",
                      encoding="utf-8")
    assert read_document(letter).author == "Jane Doe"
    assert read_document(letter).text == "I agree."
