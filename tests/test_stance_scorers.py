"""Pluggable scorers: registry, VADER default, stanza and transformers adapters (fakes of the right shape)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from quotekit.errors import QuotekitError
from quotekit.stance import (
    StanzaSentimentScorer, TextScorer, TransformersScorer, UnknownScorerError, VaderScorer, get_scorer, label_of,
    register_scorer, registered_scorers,
)


def test_default_is_vader_and_negation_aware():
    scorer = get_scorer()
    assert isinstance(scorer, VaderScorer) and scorer.name == "quotekit.stance_lexicon.v1"
    assert isinstance(scorer, TextScorer)
    good, not_good = scorer("The plan is good."), scorer("The plan is not good.")
    assert good > 0.05 and not_good < -0.05
    assert label_of(good) == "positive" and label_of(not_good) == "negative" and label_of(0.0) == "neutral"


def test_registry_names_and_errors():
    assert "quotekit.stance_lexicon.v1" in registered_scorers()
    with pytest.raises(UnknownScorerError) as err:
        get_scorer("no.such.scorer.v1")
    assert isinstance(err.value, QuotekitError) and "quotekit.stance_lexicon.v1" in str(err.value)
    register_scorer("tests.constant.v1", lambda: (lambda text: -0.25))
    assert get_scorer("tests.constant.v1")("anything") == -0.25
    with pytest.raises(QuotekitError):
        get_scorer(42)


# --- stanza: a pipeline returns a Document whose .sentences carry .sentiment in {0, 1, 2} ---------------------

@dataclass
class _Sentence:
    text: str
    sentiment: int


@dataclass
class _Document:
    sentences: list


class FakeStanzaPipeline:
    """Splits on '.', labels a sentence 2 if it contains 'good', 0 if 'bad', else 1 (like stanza's classes)."""

    def __init__(self):
        self.calls = 0

    def __call__(self, text: str) -> _Document:
        self.calls += 1
        parts = [p.strip() for p in text.split(".") if p.strip()]
        return _Document([_Sentence(p, 2 if "good" in p else 0 if "bad" in p else 1) for p in parts])


def test_stanza_adapter_maps_classes_and_averages_sentences():
    pipe = FakeStanzaPipeline()
    scorer = StanzaSentimentScorer(pipe)
    assert scorer("A good day.") == 1.0
    assert scorer("A bad day.") == -1.0
    assert scorer("A good day. A bad day. A day.") == 0.0
    assert scorer("A good day. A day.") == 0.5
    assert scorer("   ") == 0.0
    assert scorer.score_batch(["good.", "bad."]) == [1.0, -1.0]
    assert scorer.name == "stanza.sentiment"


def test_stanza_from_lang_explains_missing_models(tmp_path):
    with pytest.raises(QuotekitError) as err:
        StanzaSentimentScorer.from_lang("en", dir=str(tmp_path))
    assert "stanza.download" in str(err.value)


# --- transformers: a text-classification pipeline called on a list returns [{"label", "score"}] per text ------

class FakeHFPipeline:
    """Shape of ``transformers.pipeline("text-classification")``: list in, one dict (or list with top_k) out."""

    def __init__(self, top_k: bool = False, labels=("NEGATIVE", "POSITIVE")):
        self.top_k = top_k
        self.labels = labels
        self.batches = []

        class _Model:
            name_or_path = "fake/sst2"
        self.model = _Model()

    def __call__(self, texts):
        assert isinstance(texts, list)
        self.batches.append(len(texts))
        out = []
        for t in texts:
            p = 0.9 if "love" in t else 0.2
            scores = [{"label": self.labels[1], "score": p}, {"label": self.labels[0], "score": 1 - p}]
            out.append(scores if self.top_k else max(scores, key=lambda d: d["score"]))
        return out


def test_transformers_adapter_top1_and_topk():
    top1 = TransformersScorer(FakeHFPipeline())
    assert top1.name == "transformers:fake/sst2"
    assert top1("I love it") == pytest.approx(0.9)
    assert top1("I hate it") == pytest.approx(-0.8)
    topk = TransformersScorer(FakeHFPipeline(top_k=True))
    assert topk("I love it") == pytest.approx(0.8)
    assert topk("meh") == pytest.approx(-0.6)


def test_transformers_adapter_batches_and_label_errors():
    pipe = FakeHFPipeline()
    scorer = TransformersScorer(pipe, batch_size=2)
    assert len(scorer.score_batch(["love", "x", "love", "y", "z"])) == 5
    assert pipe.batches == [2, 2, 1]
    odd = TransformersScorer(FakeHFPipeline(labels=("contra", "pro")))
    with pytest.raises(QuotekitError) as err:
        odd("love")
    assert "label_signs" in str(err.value)
    mapped = TransformersScorer(FakeHFPipeline(labels=("contra", "pro")), label_signs={"pro": 1, "contra": -1})
    assert mapped("love") == pytest.approx(0.9)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_vader_scorer_bounded_on_arbitrary_text(text):
    value = VaderScorer()(text)
    assert -1.0 <= value <= 1.0


_VADER_WORDS = ["not", "never", "so", "this", "without", "doubt", "no", "or", "nor", "kind", "of", "sort", "very",
                "good", "bad", "GREAT", "the", "bomb", "shit", "cut", "mustard", "isn't", "least", "at", "but", "!",
                "?", ":)", "love", "hate", "hardly", "yeah", "right", "to", "die", "for", "kiss", "death", "bus", "stop"]


@lru_cache(maxsize=1)
def _stock_vader():
    import vaderSentiment.vaderSentiment as vader

    return vader.SentimentIntensityAnalyzer()


def test_quotekit_vader_scores_exactly_like_stock_vader_on_real_text():
    from quotekit.stance.lexicon import vader_analyzer

    stock, ours = _stock_vader(), vader_analyzer()
    samples = sorted((Path(__file__).resolve().parents[1] / "corpora" / "samples").glob("*.txt"))
    sentences = [s for path in samples for s in path.read_text(encoding="utf-8").replace("\n", " ").split(". ")]
    assert len(sentences) > 200
    for sentence in sentences + ["It was never so bad, without doubt.", "Not the bomb, kind of the shit, no or nor good.",
                                 "I love it \U0001F600 !", "\U0001F44D\U0001F3FD great", "\u2764", " ", ""]:
        assert ours.polarity_scores(sentence) == stock.polarity_scores(sentence), sentence


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_VADER_WORDS + ["\U0001F600", "\u2764\ufe0f", "\U0001F44D\U0001F3FD"]),
                         st.text(max_size=6)), max_size=30))
def test_quotekit_vader_scores_exactly_like_stock_vader(words):
    from quotekit.stance.lexicon import vader_analyzer

    text = " ".join(words)
    assert vader_analyzer().polarity_scores(text) == _stock_vader().polarity_scores(text)
