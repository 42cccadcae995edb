""":mod:`quotekit.stance.framing`: the reporter's framing of a statement, read from its cue, apart from polarity.

"X *said* ...", "X *insisted* ...", "X *claimed* ...", "X *admitted* ..." and "X *slammed* ..." report the same words
in five different lights. That light is the reporter's choice, not the speaker's sentiment, so it is kept apart
from the quote's polarity (which reads only the quoted words, :mod:`quotekit.stance.score`):

* ``neutral``: said, told, added, according to (and every cue not listed anywhere);
* ``assertive``: insisted, stressed, declared, vowed;
* ``doubting``: claimed, alleged;
* ``conceding``: admitted, acknowledged, conceded;
* ``positive`` / ``negative``: praised, welcomed / slammed, attacked, denied.

The non-polar categories are listed in ``quotekit/lexicons/framing.json``; ``positive`` and ``negative`` come from
the sign of the cue's prior in ``quotekit/lexicons/frame_verbs.json``, so every polar verb is defined once, where
its prior is. A verb listed in ``framing.json`` wins over its prior ("alleged" is doubting, though its prior is
negative).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping, Optional

from spacy.tokens import Span

from .. import lexicons
from . import lexicon

_EDGE_CHARACTERS = ".,;:!?()" + "".join(sorted(lexicons.QUOTATION_MARKS))
"""What a cue word given as text may carry at its edges: punctuation and quotation marks."""

__all__ = ["cue_framing", "framing", "framing_of_text", "framing_table", "framings"]

NEUTRAL = "neutral"


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[str, ...], Mapping[str, str]]:
    data = lexicons.load_json("framing")
    listed = {lemma.lower(): category for category, lemmas in data["categories"].items() for lemma in lemmas}
    return tuple(data["order"]), listed


def framings() -> tuple[str, ...]:
    """Every framing, in display order (``neutral`` first)."""
    return _data()[0]


@lru_cache(maxsize=None)
def framing_table() -> Mapping[str, str]:
    """Cue lemma -> framing, for every lemma that is not ``neutral`` by default (listed ones and polar ones)."""
    _, listed = _data()
    table = {lemma: ("positive" if prior > 0 else "negative") for lemma, prior in lexicon.frame_verbs().items()
             if prior != 0}
    table.update(listed)
    return table


def framing(cue_lemma: Optional[str]) -> str:
    """The framing of a cue lemma (``"insist"`` -> ``"assertive"``, ``"slam"`` -> ``"negative"``); ``neutral`` for
    anything unlisted, empty or ``None``. Case-insensitive."""
    if not cue_lemma:
        return NEUTRAL
    return framing_table().get(cue_lemma.strip().lower(), NEUTRAL)


def _first_marked(candidates: Iterable[Iterable[str]]) -> str:
    table = framing_table()
    for keys in candidates:
        for key in keys:
            found = table.get(key)
            if found is not None and found != NEUTRAL:
                return found
    return NEUTRAL


def cue_framing(cue: Optional[Span]) -> str:
    """The framing of a parsed cue: its first token (by lemma, then lower-cased form) with a marked framing; else
    ``neutral`` (so "according to" and "said" are neutral, "flatly denied" is negative)."""
    if cue is None or len(cue) == 0:
        return NEUTRAL
    return _first_marked((tok.lemma_.lower(), tok.lower_) for tok in cue)


def framing_of_text(cue_text: Optional[str]) -> str:
    """The framing of a cue given as text, without a parse (records read from a file): each word's possible
    lemmas (:func:`quotekit.lexicons.lemma_candidates`: "admitted" -> "admit") looked up in order."""
    if not cue_text:
        return NEUTRAL
    words = [w.strip(_EDGE_CHARACTERS) for w in cue_text.split()]
    return _first_marked(sorted(lexicons.lemma_candidates(w), key=len, reverse=True) for w in words if w)
