""":mod:`quotekit.stance.lexicon`: VADER's word valences, negators and boosters, and the VADER analyzer.

The valences are VADER's (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis
of Social Media Text", ICWSM), a lexicon made for news and social text, shipped inside the ``vaderSentiment``
package (no download). Values are rescaled from VADER's [-4, 4] to [-1, 1]. quotekit's own stance lexicons
(frame verbs, extra negators, SemEval targets) are data files of :mod:`quotekit.lexicons`.

The analyzer subclasses VADER's and replaces two of its private checks (same scores, tested against stock VADER):
setup.cfg pins ``vaderSentiment==3.3.2`` for that reason.
"""
from __future__ import annotations

from functools import cached_property, lru_cache

import vaderSentiment.vaderSentiment as vader

from .. import lexicons

_VADER_SCALE = 4.0


def _windowed(check, before: int, after: int):
    """VADER's ``check(valence, words, ..., i)``, handed only the words it reads (``i - before`` .. ``i + after``).

    VADER's idiom check lower-cases the whole sentence on every call, once per sentiment word: quadratic in the
    sentence length. Every index it reads lies in that window (VADER calls it only where the window starts at or
    after the first word), so the result is the same."""

    def windowed(valence, words, *args):
        i = args[-1]
        if i < before:  # (never, as VADER calls them) an index before the first word would wrap around
            return check(valence, words, *args)
        lo = i - before
        return check(valence, words[lo:i + after + 1], *args[:-1], i - lo)

    return staticmethod(windowed)


@lru_cache(maxsize=1)
def vader_analyzer():
    """The process-wide VADER ``SentimentIntensityAnalyzer`` (building one reads the lexicon file), with its
    negation and idiom checks reading only the words they look at (same scores: the idiom check through
    :func:`_windowed`, the negation check ported word for word)."""
    base, negate, n_scalar = vader.SentimentIntensityAnalyzer, frozenset(vader.NEGATE), vader.N_SCALAR

    def negated(word: str) -> bool:  # VADER's negated([word]) for one lower-cased word
        return word in negate or "n't" in word

    class Analyzer(base):
        _special_idioms_check = _windowed(base._special_idioms_check, 3, 2)

        @staticmethod
        def _negation_check(valence, words, start_i, i):  # noqa: ANN001,ANN205 - VADER's signature
            """VADER's check, word for word, lower-casing only the (up to three) words before ``i`` it reads
            (VADER lower-cases the whole sentence and builds a list for each word it tests)."""
            before = [str(words[k]).lower() for k in range(i - start_i - 1, i)]
            if start_i == 0:
                if negated(before[0]):
                    valence = valence * n_scalar
            elif start_i == 1:
                if before[0] == "never" and (before[1] == "so" or before[1] == "this"):
                    valence = valence * 1.25
                elif before[0] == "without" and before[1] == "doubt":
                    pass
                elif negated(before[0]):
                    valence = valence * n_scalar
            elif start_i == 2:
                if before[0] == "never" and (before[1] == "so" or before[1] == "this") or \
                        (before[2] == "so" or before[2] == "this"):
                    valence = valence * 1.25
                elif before[0] == "without" and (before[1] == "doubt" or before[2] == "doubt"):
                    pass
                elif negated(before[0]):
                    valence = valence * n_scalar
            return valence

        @cached_property
        def _emoji_chars(self) -> frozenset[str]:  # the emoji the emoji pass can see: single characters
            return frozenset(key for key in self.emojis if len(key) == 1)

        def polarity_scores(self, text):  # noqa: ANN001 - VADER's signature
            if type(text) is str and self._emoji_chars.isdisjoint(text) and text not in self.emojis:
                text = _WithoutEmoji(text)
            return super().polarity_scores(text)

    return Analyzer()


class _WithoutEmoji(str):
    """A text with no emoji, which VADER's emoji pass (a Python loop over every character, copying each one that
    is not an emoji) reads as a single piece: the pass then copies the text unchanged, in one step."""

    def __iter__(self):
        yield str(self)


@lru_cache(maxsize=1)
def valences() -> dict[str, float]:
    """Lower-cased word -> valence in [-1, 1] (VADER's lexicon divided by 4)."""
    return {word: value / _VADER_SCALE for word, value in vader_analyzer().lexicon.items()}


@lru_cache(maxsize=1)
def negators() -> frozenset[str]:
    """Lower-cased words that flip the polarity of what they govern or precede: VADER's, plus quotekit's
    (``quotekit/lexicons/negators.txt``)."""
    return frozenset(w.lower() for w in vader.NEGATE) | lexicons.load("negators")


@lru_cache(maxsize=1)
def boosters() -> dict[str, float]:
    """Intensifiers ("very", "barely") -> VADER's scalar increment (signed)."""
    return dict(vader.BOOSTER_DICT)


@lru_cache(maxsize=1)
def frame_verbs() -> dict[str, float]:
    """Cue lemma -> signed prior of the speaker toward the content's object (``quotekit/lexicons/frame_verbs.json``)."""
    data = lexicons.load_json("frame_verbs")
    return {lemma.lower(): float(value) for lemma, value in data["verbs"].items()}
