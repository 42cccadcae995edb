""":mod:`quotekit.attribute.lexicon`: the cue lexicons (data files under ``lexicons/``), loaded lazily."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "spoke": "speak",
    "spoken": "speak", "thought": "think", "felt": "feel", "knew": "know", "known": "know", "saw": "see",
    "seen": "see", "heard": "hear", "found": "find", "understood": "understand", "forgot": "forget",
    "sang": "sing", "taught": "teach", "sought": "seek", "made": "make",
}


@lru_cache(maxsize=None)
def load(name: str) -> frozenset[str]:
    """The entries of ``lexicons/<name>.txt`` (lower-cased; blank lines and ``#`` comments skipped)."""
    text = resources.files(__package__).joinpath("lexicons", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    )


def speech_verbs() -> frozenset[str]:
    return load("speech_verbs")


def belief_verbs() -> frozenset[str]:
    return load("belief_verbs")


def lemma_candidates(word: str) -> set[str]:
    """Possible verb lemmas of an inflected English ``word`` (for text without a parse, e.g. gold cues)."""
    w = word.lower()
    out = {w}
    if w in _IRREGULAR:
        out.add(_IRREGULAR[w])
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                         ("ies", "y"), ("ied", "y")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)] + repl
            out.add(stem)
            if repl == "" and suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # admitted -> admit
    return out


def is_speech_word(word: str) -> bool:
    """Whether ``word`` (any inflection) is a communication verb of the lexicon."""
    return bool(lemma_candidates(word) & speech_verbs())
