"""SemEval-2016 task 6 evaluation: reading, F_avg arithmetic, targeted scoring and the ``stance-eval`` command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.cli import main
from quotekit.errors import InputError
from quotekit.parse import load_parser
from quotekit.run.cache import parse_with_cache
from quotekit.stance import semeval
from quotekit.types import Document

MINI = Path(__file__).resolve().parent / "data" / "stance" / "mini_semeval.tsv"


@pytest.fixture(scope="module")
def mini():
    examples = semeval.read_semeval(MINI)
    docs = semeval.parse_tweets([semeval.clean_tweet(e.text) for e in examples])
    return examples, docs


def test_read_semeval_crlf_and_labels():
    examples = semeval.read_semeval(MINI)
    assert len(examples) == 12
    assert {e.gold for e in examples} == {"FAVOR", "AGAINST", "NONE"}
    assert all("\r" not in e.text and "\r" not in e.gold for e in examples)
    assert examples[0].target == "Hillary Clinton"


def test_read_semeval_errors_carry_location(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("ID\tTarget\tTweet\tStance\n1\tAtheism\tGod is great\tMAYBE\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        semeval.read_semeval(bad)
    assert "bad.tsv:2" in str(err.value) and "MAYBE" in str(err.value)
    headerless = tmp_path / "h.tsv"
    headerless.write_text("a,b,c\n", encoding="utf-8")
    with pytest.raises(InputError):
        semeval.read_semeval(headerless)


def test_f_scores_known_answer():
    gold = ["FAVOR", "FAVOR", "AGAINST", "AGAINST", "NONE"]
    pred = ["FAVOR", "NONE", "AGAINST", "FAVOR", "NONE"]
    s = semeval.f_scores(gold, pred)
    # FAVOR: P = 1/2, R = 1/2 -> 0.5; AGAINST: P = 1, R = 1/2 -> 2/3
    assert s.f_favor == pytest.approx(0.5) and s.f_against == pytest.approx(2 / 3)
    assert s.f_avg == pytest.approx((0.5 + 2 / 3) / 2)
    assert semeval.f_scores(["NONE"], ["NONE"]).f_avg == 0.0


def test_clean_tweet_drops_marker_and_hash():
    assert semeval.clean_tweet("I love #Hillary @HillaryClinton #SemST") == "I love Hillary HillaryClinton"


def test_targeted_scorer_reads_signed_mentions(mini):
    examples, docs = mini
    preds = {e.id: semeval.to_label(semeval.targeted_score(d, e.text, e.target)) for e, d in zip(examples, docs)}
    # praising God is AGAINST atheism; attacking religion is FAVOR; off-topic tweets are NONE
    assert preds["4"] == "AGAINST" and preds["5"] == "FAVOR" and preds["6"] == "NONE"
    # being negative about climate change means taking it as a real concern
    assert preds["9"] == "FAVOR"
    correct = sum(preds[e.id] == e.gold for e in examples)
    assert correct >= 10


def test_unknown_target_explains_fix(mini):
    _, docs = mini
    with pytest.raises(InputError) as err:
        semeval.targeted_score(docs[0], "text", "Brexit")
    assert "semeval_targets.json" in str(err.value)


def test_evaluate_tables_and_cache(mini, tmp_path):
    examples, _ = mini
    result = semeval.evaluate(examples, cache_dir=tmp_path)
    # the tweets' parses are in the run engine's cache (the one `quotekit extract --cache-dir` reads)
    tweets = [Document(e.id, semeval.clean_tweet(e.text)) for e in examples]
    _docs, cached = parse_with_cache(load_parser("spacy"), tweets, cache_dir=tmp_path)
    assert all(cached)
    again = semeval.evaluate(examples, cache_dir=tmp_path)  # from the cache
    assert again == result
    for system in ("targeted", "baseline"):
        table = result["systems"][system]
        assert table["overall"]["n"] == 12
        assert set(result["targets"]) <= set(table)
        assert 0.0 <= table["overall"]["f_avg"] <= 1.0
    text = semeval.format_table(result)
    assert "overall" in text and "Hillary Clinton" in text


def test_cli_stance_eval_json(capsys):
    rc = main(["stance-eval", str(MINI), "--json", "--no-cache"])
    out = capsys.readouterr().out
    assert rc == 0
    data = json.loads(out)
    assert data["n"] == 12 and set(data["systems"]) == {"targeted", "baseline"}
    assert main(["stance-eval", str(MINI.with_name("missing.tsv"))]) == 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=140), target=st.sampled_from(sorted(semeval.target_lexicons())))
def test_targeted_score_on_arbitrary_tweets(spacy_parser, text, target):
    doc = spacy_parser.parse(semeval.clean_tweet(text))
    score = semeval.targeted_score(doc, text, target, compound=0.0)
    assert score == score  # not NaN
    assert semeval.to_label(score) in semeval.LABELS
