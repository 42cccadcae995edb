"""Scoring a statement split by its attribution: a record's ``content_parts`` against brat's discontinuous gold."""
from __future__ import annotations

import json

import pytest

from quotekit.errors import InputError
from quotekit.evaluate import PredSpans, parse_ann, score_document
from quotekit.evaluate.scorer import alnum_positions, jaccard

TEXT = ('"We are not going to raise taxes on the middle class," Clinton told supporters in Denver on Tuesday. '
        '"Not now, not ever."\n')
FIRST = '"We are not going to raise taxes on the middle class,"'
SECOND = '"Not now, not ever."'


def _span(piece: str) -> dict:
    start = TEXT.index(piece)
    return {"start": start, "end": start + len(piece), "text": piece}


def _gold():
    first, second, cue, source = _span(FIRST), _span(SECOND), _span("told"), _span("Clinton")
    ann = (f"T1\tContent {first['start']} {first['end']};{second['start']} {second['end']}\t{FIRST} {SECOND}\n"
           f"T2\tCue {cue['start']} {cue['end']}\ttold\n"
           f"T3\tSource {source['start']} {source['end']}\tClinton\n"
           "E1\tAttribution:T2 Content:T1 Source:T3 Cue:T2\n")
    return parse_ann(ann)


def _record(**fields) -> dict:
    return {"doc_id": "d", "quote_id": "d:0", "kind": "direct", "cue": _span("told"), "speaker": _span("Clinton"),
            **fields}


def test_content_parts_are_scored_as_the_union_of_the_parts():
    (gold,) = _gold()
    assert len(gold.content) == 2  # brat's discontinuous content
    covering = {"start": _span(FIRST)["start"], "end": _span(SECOND)["end"]}
    covering["text"] = TEXT[covering["start"]:covering["end"]]
    split = PredSpans.from_record(_record(content=covering, content_parts=[_span(FIRST), _span(SECOND)]))
    assert split.content == ((_span(FIRST)["start"], _span(FIRST)["end"]),
                             (_span(SECOND)["start"], _span(SECOND)["end"]))
    whole = PredSpans.from_record(_record(content=covering))  # no parts: the covering span, attribution included
    gold_set = alnum_positions(TEXT, gold.content)
    assert jaccard(alnum_positions(TEXT, split.content), gold_set) == 1.0
    assert jaccard(alnum_positions(TEXT, whole.content), gold_set) < 0.8
    strict_split = score_document(TEXT, [gold], [split], 0.8)
    strict_whole = score_document(TEXT, [gold], [whole], 0.8)
    assert (strict_split.pred_matched, strict_split.gold_speech_matched) == (1, 1)
    assert strict_whole.pred_matched == 0


def test_one_part_is_the_content_itself():
    record = _record(content=_span(FIRST), content_parts=[_span(FIRST)])
    assert PredSpans.from_record(record).content == PredSpans.from_record(_record(content=_span(FIRST))).content


def test_the_larger_part_alone_matches_only_loosely():
    (gold,) = _gold()
    larger = PredSpans.from_record(_record(content=_span(FIRST)))
    assert score_document(TEXT, [gold], [larger], 0.5).pred_matched == 1
    assert score_document(TEXT, [gold], [larger], 0.8).pred_matched == 0


@pytest.mark.parametrize("parts", ['"not a list"', '[{"start": 0}]', '[{"start": "x", "end": 3}]'])
def test_bad_content_parts_name_the_line(tmp_path, parts):
    from quotekit.cli.evaluate import read_predictions

    record = json.dumps(_record(content=_span(FIRST)))[:-1] + f', "content_parts": {parts}}}'
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(_record(content=_span(FIRST))) + "\n" + record + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"pred\.jsonl:2:"):
        read_predictions(path)


def test_gold_json_content_parts_are_the_discontinuous_content(tmp_path):
    from quotekit.evaluate import read_gold

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    quote = {"content": _span(FIRST), "content_parts": [_span(FIRST), _span(SECOND)], "cue": _span("told"),
             "speaker": _span("Clinton"), "kind": "direct"}
    (tmp_path / "a.gold.json").write_text(json.dumps({"quotes": [quote]}), encoding="utf-8")
    (doc,) = read_gold(tmp_path)
    assert doc.attributions[0].content == _gold()[0].content


@pytest.mark.parametrize("body,message", [
    ("{not json", "not a gold JSON"),
    ('["a list"]', '"quotes" list'),
    ('{"quotes": [{"content": {"start": 0}}]}', "quote 1 is not a span record"),
])
def test_bad_gold_json_is_an_input_error(tmp_path, body, message):
    from quotekit.evaluate import read_gold

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_gold(tmp_path)
