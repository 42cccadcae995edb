""":mod:`quotekit.lexicons`: every word list and table the rules read, as data files in this folder, and their loader.

A lexicon is a UTF-8 file here named for what it lists (``speech_verbs.txt``, ``roles.txt``,
``frame_verbs.json``); code asks for it by name, without the suffix, through the functions below, never by path.
The first comment of each file says what the list is for and where it came from.

Text lexicons (``<name>.txt``) share one rule: one entry a line, white space around it stripped; blank lines are
skipped, and a line whose first non-blank character is ``#`` is a comment. A ``#`` later in a line belongs to the
entry (nothing is cut at an inner ``#``). How the entries are read is the file's format, said in its first comment:

* one lemma or phrase a line, lower-cased: :func:`load`;
* words separated by spaces (long name lists), lower-cased: :func:`words`;
* ``key<TAB>value`` (key lower-cased, value kept): :func:`table`;
* ``[section]`` headers, then one entry a line: :func:`sections`.

Structured lexicons (``<name>.json``) are read by :func:`load_json`.

Each text lexicon is read once per process (the readers are cached by name) and handed out immutable (frozenset,
tuple, read-only mapping), so no caller can change what another one sees. :func:`load_json` returns a fresh object
on every call; its callers keep what they build from it.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Mapping

from ..errors import QuotekitError

__all__ = [
    "DETERMINERS", "QUOTATION_MARKS", "QUOTATION_MARK_TOKENS", "LexiconMissingError", "anonymous_heads",
    "belief_verbs", "census_first_names", "entry_lines", "first_name_gender", "given_name_gender",
    "gold_speech_cues", "is_gold_speech_cue", "is_speech_word",
    "lemma_candidates", "lines", "load", "load_json", "media_anaphors", "media_name_words",
    "organization_heads", "postnominals", "role_words", "sections", "speech_verbs", "table", "titles", "words",
]

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
"""Articles and demonstratives that open a noun phrase ("the minister", "this official"): a closed class of
English grammar, kept in code like the pronoun sets of :mod:`quotekit.speakers.mentions`."""

QUOTATION_MARKS = frozenset("\"“”„‟«»‹›「」『』‘’‚‛'`″")
"""Every character that can open or close a quotation in English-language news: straight and typographic double
and single marks, low-high marks, guillemets, corner brackets, backtick and double prime (typewriter stand-ins).
One set for every module that strips or skips quotation marks; which of them pair with which, and when an
apostrophe opens nothing, is :mod:`quotekit.attribute.quotes`' concern."""
QUOTATION_MARK_TOKENS = QUOTATION_MARKS | {"``", "''"}
""":data:`QUOTATION_MARKS` as tokens: with the doubled backticks and apostrophes of PTB-style text."""


class LexiconMissingError(QuotekitError, FileNotFoundError):
    """A lexicon file is missing from the installed package (or the name is misspelt)."""


def _read(filename: str) -> str:
    folder = resources.files(__name__)
    try:
        return folder.joinpath(filename).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        known = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith((".txt", ".json")))
        raise LexiconMissingError(
            f"lexicon {filename!r} is not in quotekit/lexicons (known: {', '.join(known)}); if it should be, "
            "reinstall quotekit (pip install -e .) so its package data is present"
        ) from error


# -- the readers -------------------------------------------------------------------------------------------------
def entry_lines(text: str) -> tuple[str, ...]:
    """The comment rule: the stripped lines of a text lexicon, in order, less blank lines and lines whose first
    non-blank character is ``#``."""
    stripped = (raw.strip() for raw in text.splitlines())
    return tuple(line for line in stripped if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def lines(name: str) -> tuple[str, ...]:
    """The entries of ``<name>.txt`` in file order, case kept (:func:`entry_lines`)."""
    return entry_lines(_read(f"{name}.txt"))


@lru_cache(maxsize=None)
def load(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt``, one a line, lower-cased (lemmas and phrases)."""
    return frozenset(line.lower() for line in lines(name))


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """Every space-separated word of ``<name>.txt``, lower-cased (lists written several words to a line)."""
    return frozenset(word.lower() for line in lines(name) for word in line.split())


@lru_cache(maxsize=None)
def table(name: str) -> Mapping[str, str]:
    """``key<TAB>value`` lines of ``<name>.txt`` as a read-only mapping (key lower-cased, value as written; a line
    without a tab maps its key to ``""``)."""
    out = {}
    for line in lines(name):
        key, _, value = line.partition("\t")
        out[key.strip().lower()] = value.strip()
    return MappingProxyType(out)


@lru_cache(maxsize=None)
def sections(name: str) -> Mapping[str, frozenset[str]]:
    """``[section]``-headed ``<name>.txt``: section -> its entries, lower-cased (entries before the first header
    fall in section ``""``)."""
    out: dict[str, set[str]] = {}
    current = ""
    for line in lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out.setdefault(current, set())
        else:
            out.setdefault(current, set()).add(line.lower())
    return MappingProxyType({key: frozenset(value) for key, value in out.items()})


def load_json(name: str) -> Any:
    """The parsed ``<name>.json`` (a new object each call: callers cache what they build from it)."""
    return json.loads(_read(f"{name}.json"))


# -- attribution cues --------------------------------------------------------------------------------------------
def speech_verbs() -> frozenset[str]:
    """Lemmas of communication verbs: cues of attribution, and (in speaker resolution) verbs whose subject is a
    salient antecedent for a later pronoun."""
    return load("speech_verbs")


def gold_speech_cues() -> frozenset[str]:
    """Lemmas whose cue makes a *gold* attribution speech for the scorer: a frozen copy of :func:`speech_verbs`,
    kept apart so that growing the attributor's lexicon never moves the denominator figures are compared on."""
    return load("gold_speech_cues")


def is_gold_speech_cue(word: str) -> bool:
    """Whether ``word`` (any inflection) is a cue of :func:`gold_speech_cues`."""
    return bool(lemma_candidates(word) & gold_speech_cues())


def belief_verbs() -> frozenset[str]:
    """Lemmas of belief, perception and intention verbs, whose complements are not speech."""
    return load("belief_verbs")


def lemma_candidates(word: str) -> set[str]:
    """Possible verb lemmas of an inflected English ``word`` (for text without a parse, e.g. gold cues)."""
    w = word.lower()
    out = {w}
    irregular = table("irregular_verbs").get(w)
    if irregular:
        out.add(irregular)
    for suffix, repl in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"),
                         ("ies", "y"), ("ied", "y")):
        if w.endswith(suffix) and len(w) > len(suffix) + 1:
            stem = w[: -len(suffix)] + repl
            out.add(stem)
            if repl == "" and suffix in ("ed", "ing") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # admitted -> admit
    return out


def is_speech_word(word: str) -> bool:
    """Whether ``word`` (any inflection) is a communication verb of :func:`speech_verbs`."""
    return bool(lemma_candidates(word) & speech_verbs())


# -- speakers ----------------------------------------------------------------------------------------------------
def role_words() -> frozenset[str]:
    """Single-word role heads (``minister``, ``spokesperson``); multi-word entries are split into words."""
    return words("roles")


def titles() -> Mapping[str, str]:
    """Honorific / abbreviated title -> the role it stands for (``"sen." -> "Senator"``; ``"mr." -> ""``)."""
    return table("titles")


def postnominals() -> frozenset[str]:
    """Post-nominal letters written after a person's name (``kc``, ``mp``, ``phd``), lower case, no full stops."""
    return load("postnominals")


def anonymous_heads() -> frozenset[str]:
    """Head nouns and pronouns of unnamed sourcing (``officials``, ``sources``)."""
    return words("anonymous")


def organization_heads() -> frozenset[str]:
    """Head nouns of organisations (``ministry``, ``campaign``)."""
    return load("organizations")


def media_anaphors() -> frozenset[str]:
    """Nouns that refer back to a news outlet (``newspaper``, ``daily``)."""
    return sections("media")["anaphors"]


def media_name_words() -> frozenset[str]:
    """Words that end (or are) news outlet names (``times``, ``post``, ``cnn``)."""
    return sections("media")["names"]


@lru_cache(maxsize=None)
def census_first_names() -> Mapping[str, str]:
    """First name -> ``"female"``, ``"male"`` or ``"either"``: the US Census 1990 first names of
    ``census_first_names.txt`` (public domain; gender by a documented frequency ratio, see its header and
    ``build_census_first_names.py``)."""
    return table("census_first_names")


@lru_cache(maxsize=None)
def first_name_gender() -> Mapping[str, str]:
    """First name -> ``"f"`` or ``"m"`` from the hand-made ``female_names``/``male_names`` lists (names in both are
    left out): common English first names that are rarely surnames, safe to read even in a one-word name ("Rachel").
    For a first name with a surname after it, :func:`given_name_gender` knows many more."""
    female, male = words("female_names"), words("male_names")
    genders = {name: "f" for name in female - male}
    genders.update({name: "m" for name in male - female})
    return MappingProxyType(genders)


@lru_cache(maxsize=None)
def given_name_gender() -> Mapping[str, str]:
    """First name -> ``"f"`` or ``"m"`` for the first word of a name of two words or more ("Isabelle Kovacs",
    "Trent Baxter"): :func:`first_name_gender`, then the census names of one clear gender it lacks
    (:func:`census_first_names`). Not for a one-word name: the census lists hold surnames too ("Clinton",
    "Williams", "Carter" are men's first names there), and a lone "Clinton" is Hillary as often as Bill. The
    hand-made lists win where they disagree, and their names of both genders stay without one; census names that
    are titles before a name (``not_given_names.txt``: "Major", "King") get none."""
    genders = dict(first_name_gender())
    hand_made = words("female_names") | words("male_names")
    titles_not_names = load("not_given_names")  # "Major Kusanagi", "King Abdullah"
    for name, gender in census_first_names().items():
        if name in titles_not_names:
            continue
        if name not in hand_made and gender in ("female", "male"):
            genders[name] = gender[0]
    return MappingProxyType(genders)
