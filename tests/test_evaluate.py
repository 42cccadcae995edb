"""The gold readers and the attribution scorer, on PolNeAR fixtures and small hand-made cases."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotekit.errors import InputError
from quotekit.evaluate import GoldAttribution, PredSpans, parse_ann, read_brat_dir, read_gold, score_document
from quotekit.evaluate.scorer import alnum_positions, cue_correct, is_speech, jaccard, match, speaker_correct

DATA = Path(__file__).parent / "data" / "attribution"
POLNEAR = DATA / "polnear"
SEED_GOLD = Path(__file__).resolve().parent.parent / "corpora" / "seed" / "nikkei-japan-us-korea.gold.json"


@pytest.fixture(scope="module")
def polnear_docs():
    return {d.doc_id: d for d in read_brat_dir(POLNEAR)}


def test_reads_every_article_with_its_first_annotator(polnear_docs):
    assert set(polnear_docs) == {p.stem for p in (POLNEAR / "text").glob("*.txt")}
    clinton = polnear_docs["breitbart_2016-06-24_hillary-clinton-unveils-first-sp"]
    first = sorted((POLNEAR / "attributions").glob(clinton.doc_id + "_*.ann"))[0]
    assert clinton.annotator == first.stem.rpartition("_")[2]
    assert len(clinton.attributions) == sum(1 for line in first.read_text().splitlines() if line.startswith("E"))


def test_brat_lines_end_at_newlines_only(polnear_docs):
    """A covered text holding U+2028 (a line break to str.splitlines) stays one brat line."""
    ann = sorted((POLNEAR / "attributions").glob("*.ann"))[0]
    original = ann.read_text(encoding="utf-8")
    lines = original.split("\n")
    t_line = next(i for i, line in enumerate(lines) if line.startswith("T") and " " in line.split("\t")[-1])
    text_column = lines[t_line].split("\t")[-1]
    lines[t_line] = lines[t_line][: -len(text_column)] + text_column.replace(" ", "\u2028", 1)
    assert parse_ann("\n".join(lines), ann) == parse_ann(original, ann)


def test_discontinuous_spans_and_no_source_events(polnear_docs):
    doc = polnear_docs["breitbart_2016-07-29_bradley-cooper-upset-american-sn"]
    kyle = [g for g in doc.attributions if len(g.content) > 1]
    assert kyle and kyle[0].text(doc.text) == "Kyle the deadliest sniper in US military history"
    assert kyle[0].source == ()  # an Attribution-no-source event
    assert doc.text[slice(*kyle[0].cue[0])] == "referred to as"
    sourced = [g for g in doc.attributions if g.source]
    assert {g.text(doc.text, "source") for g in sourced} >= {"Cooper", "many"}


def test_t_line_whose_text_spans_lines(polnear_docs):
    doc = polnear_docs["wash-post_2016-06-27_byline-amber-phillips"]
    three = [g for g in doc.attributions if g.content[0] == (1866, 1867)]
    assert three and len(three[0].content) == 3
    assert three[0].text(doc.text).endswith("Hillary Clinton is actively vetting to be her running mate")
    assert all(doc.text[s:e] for g in doc.attributions for s, e in g.content + g.cue + g.source)


def test_bad_span_says_where():
    with pytest.raises(InputError, match=r"x\.ann:2"):
        parse_ann("T1\tCue 1 4\tsay\nT2\tContent 5 x\tbad\n", Path("x.ann"))


def test_gold_json_reader():
    (doc,) = read_gold(SEED_GOLD)
    assert len(doc.attributions) == 10
    first = doc.attributions[0]
    assert doc.text[slice(*first.cue[0])] == "said"
    assert doc.text[slice(*first.source[0])] == "Japanese Foreign Minister Toshimitsu Motegi"


def test_missing_gold_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no gold found"):
        read_gold(tmp_path)


# ------------------------------------------------------------------------------------------------- scorer
TEXT = 'Motegi said Wednesday that "the talks went well." Critics think the deal is weak.'


def _span(sub: str, text: str = TEXT) -> tuple[tuple[int, int], ...]:
    start = text.index(sub)
    return ((start, start + len(sub)),)


def test_jaccard_ignores_punctuation_and_quote_marks():
    a = alnum_positions(TEXT, _span('"the talks went well."'))
    b = alnum_positions(TEXT, _span("the talks went well"))
    assert jaccard(a, b) == 1.0
    assert jaccard(a, alnum_positions(TEXT, _span("the talks"))) == pytest.approx(8 / 16)


def test_speech_is_decided_by_cue_lexicon_or_quotes():
    said = GoldAttribution(_span('"the talks went well."'), _span("said"), _span("Motegi"))
    think = GoldAttribution(_span("the deal is weak"), _span("think"), _span("Critics"))
    assert is_speech(TEXT, said) and not is_speech(TEXT, think)


def test_recall_counts_speech_precision_counts_any_gold():
    golds = [GoldAttribution(_span('"the talks went well."'), _span("said"), _span("Motegi")),
             GoldAttribution(_span("the deal is weak"), _span("think"), _span("Critics"))]
    preds = [PredSpans(_span("the talks went well"), _span("said"), _span("Motegi")),
             PredSpans(_span("the deal is weak"), _span("think"), _span("Critics")),
             PredSpans(_span("Motegi said Wednesday"), _span("said"), ())]
    counts = score_document(TEXT, golds, preds, 0.5)
    assert (counts.n_pred, counts.pred_matched) == (3, 2)
    assert (counts.n_gold_speech, counts.gold_speech_matched) == (1, 1)
    assert counts.precision == pytest.approx(2 / 3) and counts.recall == 1.0
    assert counts.speaker_accuracy == 1.0 and counts.cue_accuracy == 1.0


def test_attribution_scores_count_a_match_only_with_its_speaker_right():
    golds = [GoldAttribution(_span('"the talks went well."'), _span("said"), _span("Motegi")),
             GoldAttribution(_span("the deal is weak"), _span("think"), _span("Critics"))]
    preds = [PredSpans(_span("the talks went well"), _span("said"), _span("Critics")),
             PredSpans(_span("the deal is weak"), _span("think"), _span("Critics"))]
    counts = score_document(TEXT, golds, preds, 0.5)
    assert counts.f1 == 1.0 and counts.speaker_accuracy == 0.5
    assert (counts.pred_attributed, counts.gold_speech_attributed) == (1, 0)
    assert counts.attribution_precision == 0.5 and counts.attribution_recall == 0.0
    assert counts.attribution_f1 == 0.0


def test_matching_is_one_to_one_and_greedy():
    golds = [GoldAttribution(_span("the talks went well"))]
    preds = [PredSpans(_span("the talks went")), PredSpans(_span("the talks went well"))]
    assert match(TEXT, golds, preds, 0.5) == [(1, 0, 1.0)]


def test_speaker_head_and_cue_containment():
    text = "State Department spokesperson Ned Price, who briefed reporters, said in a statement that it worked."
    gold = _span("State Department spokesperson Ned Price, who briefed reporters", text)
    assert speaker_correct(text, gold, _span("Ned Price", text))
    assert not speaker_correct(text, gold, _span("State Department", text))
    assert cue_correct(text, _span("said in a statement", text), _span("said", text))
    assert not cue_correct(text, _span("said", text), _span("briefed", text))


def test_cli_scores_a_prediction_file(tmp_path):
    from quotekit.cli import main

    (doc,) = read_gold(SEED_GOLD)
    records = []
    for n, g in enumerate(doc.attributions[:5]):
        def span(spans):
            return {"start": spans[0][0], "end": spans[0][1], "text": doc.text[spans[0][0]:spans[0][1]]}

        records.append({"doc_id": doc.doc_id, "quote_id": f"{doc.doc_id}:{n}", "kind": "direct",
                        "content": span(g.content), "cue": span(g.cue), "speaker": span(g.source)})
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["evaluate", str(pred), "--gold", str(SEED_GOLD), "--json", "--no-baseline"]) == 0
    result = json.loads(buf.getvalue())["scores"][0]["@0.5"]
    assert result["precision"] == 1.0 and result["recall"] == 0.5
    assert result["speaker_accuracy"] == 1.0 and result["cue_accuracy"] == 1.0


def test_cli_extracts_and_adds_the_textacy_baseline(tmp_path, spacy_parser):
    import contextlib
    import io

    from quotekit.cli import main

    buf = io.StringIO()
    args = ["evaluate", "--gold", str(POLNEAR), "--json", "--cache-dir", str(tmp_path)]
    with contextlib.redirect_stdout(buf):
        assert main(args) == 0
    result = json.loads(buf.getvalue())
    systems = [s["system"] for s in result["scores"]]
    assert systems[0] == "quotekit" and "textacy" in systems[1]
    ours = result["scores"][0]["@0.5"]
    assert ours["n_gold_all"] == sum(len(d.attributions) for d in read_brat_dir(POLNEAR))
    assert ours["n_pred"] > 0 and ours["pred_matched"] > 0
    assert list(tmp_path.glob("*+clearnlp/shards/*.spacy"))  # the pipeline's own parses, in the run engine's cache
    buf2 = io.StringIO()
    with contextlib.redirect_stdout(buf2):
        assert main(args) == 0
    assert json.loads(buf2.getvalue())["scores"] == result["scores"]  # the cached parses give the same scores


def test_parse_cached_shares_the_run_engines_cache(tmp_path, spacy_parser):
    from quotekit.evaluate import parse_cached
    from quotekit.run.cache import parse_with_cache
    from quotekit.types import Document

    golds = list(read_brat_dir(POLNEAR))[:2]
    docs = parse_cached([g.text for g in golds], cache_dir=tmp_path)
    assert [d.text for d in docs] == [g.text for g in golds]
    again, cached = parse_with_cache(spacy_parser, [Document(g.doc_id, g.text) for g in golds], cache_dir=tmp_path)
    assert all(cached)  # what `quotekit extract --cache-dir` would read back
    assert [[(t.dep_, t.head.i) for t in d] for d in again] == [[(t.dep_, t.head.i) for t in d] for d in docs]


def test_cli_reports_a_bad_prediction_file(tmp_path, capsys):
    from quotekit.cli import main

    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"doc_id": "x"}\n', encoding="utf-8")
    assert main(["evaluate", str(pred), "--gold", str(SEED_GOLD)]) == 2
    assert "pred.jsonl:1" in capsys.readouterr().err
