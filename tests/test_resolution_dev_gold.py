"""The blind PolNeAR-dev resolution gold (corpora/resolution-gold-dev) and end-to-end scoring of quote records
against a resolution gold (:func:`quotekit.evaluate.resolution.score_records`)."""
from __future__ import annotations

import copy
import json

from quotekit.evaluate.resolution import read_resolution_gold, same_entity, score_records
from quotekit.run import extract_records
from quotekit.types import Document

from conftest import CORPORA

DEV_GOLD = CORPORA / "resolution-gold-dev"

STORY = ("Senator Maria Lopez criticized the budget plan on Monday.\n\n"
         "\"This plan will close rural hospitals,\" she said in an interview. "
         "\"We cannot accept that.\"\n\n"
         "The senator added that she would vote against it.\n")


def test_dev_gold_is_consistent_with_its_texts():
    rows, text_dir = read_resolution_gold(DEV_GOLD)
    left_out = [json.loads(line) for line in (DEV_GOLD / "left_out.jsonl").open(encoding="utf-8")]
    assert len(list(text_dir.glob("*.txt"))) == 30
    seen = set()
    for row in rows + left_out:
        text = (text_dir / row["doc"]).open(encoding="utf-8", newline="").read()
        assert text[row["source"]["start"]:row["source"]["end"]] == row["source"]["text"]
        assert row["mention"] in ("pronoun", "nominal")
        span = (row["doc"], row["source"]["start"], row["source"]["end"])
        assert span not in seen or "duplicate" in row.get("left_out", ""), span  # one Source, two cues: once
        seen.add(span)
    for row in rows:
        assert row["type"] in ("person", "organization", "anonymous", "unknown")
        assert (row["entity"] is None) == (row["type"] in ("anonymous", "unknown")) or row["type"] == "organization"
    assert all(row["left_out"] for row in left_out)


def _gold(tmp_path, mentions):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "story.txt").write_text(STORY, encoding="utf-8", newline="")
    rows = []
    for text, entity in mentions:
        start = STORY.index(text)
        rows.append({"doc": "story.txt", "source": {"start": start, "end": start + len(text), "text": text},
                     "cue": "said", "mention": "pronoun" if text == "she" else "nominal",
                     "entity": entity, "type": "person"})
    (tmp_path / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return tmp_path


def test_score_records_finds_the_record_by_the_mention_head(tmp_path, spacy_parser):
    gold = _gold(tmp_path, [("she", "Maria Lopez"), ("The senator", "Maria Lopez")])
    records, failures = extract_records([Document("story", STORY)])
    assert not failures
    result = score_records(gold, records, parser=spacy_parser)
    speakers = {r["speaker"]["start"] for r in records if r.get("speaker")}
    assert {STORY.index("she"), STORY.index("The senator")} <= speakers  # both mentions are some record's speaker
    assert result["n"] == 2 and result["found"] == 2
    by_start = {r["speaker"]["start"]: r for r in records if r.get("speaker")}
    right = [by_start[STORY.index(m)]["speaker_type"] == "person"
             and same_entity(by_start[STORY.index(m)]["speaker_entity"], "Maria Lopez") for m in ("she", "The senator")]
    assert result["correct"] == sum(right) and len(result["errors"]) == 2 - sum(right)
    assert set(result["by_mention"]) == {"pronoun", "nominal"}

    wrong = copy.deepcopy(records)
    for record in wrong:
        record.update(speaker_entity="Joe Smith", speaker_entities=["Joe Smith"], speaker_type="person")
    scored = score_records(gold, wrong, parser=spacy_parser)
    assert scored["found"] == 2 and scored["correct"] == 0
    assert {e["predicted"][0] for e in scored["errors"]} == {"Joe Smith"}

    elsewhere = copy.deepcopy(records)
    for record in elsewhere:
        record["speaker"] = {"start": 0, "end": 7, "text": "Senator"}
    missed = score_records(gold, elsewhere, parser=spacy_parser)
    assert missed["found"] == 0 and missed["accuracy"] == 0.0 and missed["errors"][0]["predicted"] is None
    assert score_records(gold, [], parser=spacy_parser)["found"] == 0
