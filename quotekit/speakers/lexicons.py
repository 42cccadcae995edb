""":mod:`quotekit.speakers.lexicons`: the role, title, organisation, anonymity and name lists (data files, lazy).

Every list lives in ``quotekit/speakers/data/*.txt`` (one entry a line or space-separated, ``#`` comments) and is
read once, on first use.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import QuotekitError

DATA = Path(__file__).resolve().parent / "data"


class LexiconMissingError(QuotekitError, FileNotFoundError):
    """A speaker lexicon file is missing from the installed package."""


def _lines(name: str) -> list[str]:
    path = DATA / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise LexiconMissingError(
            f"speaker lexicon {name!r} is missing from {DATA}; reinstall quotekit (pip install -e .) so its "
            "package data is present"
        ) from error
    return [line for line in (raw.split("#", 1)[0].strip() for raw in text.splitlines()) if line]


def _words(name: str) -> frozenset[str]:
    return frozenset(word.lower() for line in _lines(name) for word in line.split())


@lru_cache(maxsize=None)
def role_words() -> frozenset[str]:
    """Single-word role heads (``minister``, ``spokesperson``); multi-word entries are split into words."""
    return frozenset(w for line in _lines("roles.txt") for w in line.lower().split())


@lru_cache(maxsize=None)
def titles() -> dict[str, str]:
    """Honorific / abbreviated title -> the role it stands for (``"sen." -> "Senator"``; ``"mr." -> ""``)."""
    table = {}
    for line in (DATA / "titles.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, role = line.partition("\t")
        table[key.strip().lower()] = role.strip()
    return table


@lru_cache(maxsize=None)
def anonymous_heads() -> frozenset[str]:
    return _words("anonymous.txt")


@lru_cache(maxsize=None)
def organization_heads() -> frozenset[str]:
    return frozenset(line.lower() for line in _lines("organizations.txt"))


@lru_cache(maxsize=None)
def speech_verbs() -> frozenset[str]:
    return _words("speech_verbs.txt")


@lru_cache(maxsize=None)
def _media() -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current = ""
    for line in _lines("media.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, set()).add(line.lower())
    return {key: frozenset(value) for key, value in sections.items()}


def media_anaphors() -> frozenset[str]:
    """Nouns that refer back to a news outlet (``newspaper``, ``daily``)."""
    return _media()["anaphors"]


def media_name_words() -> frozenset[str]:
    """Words that end (or are) news outlet names (``times``, ``post``, ``cnn``)."""
    return _media()["names"]


@lru_cache(maxsize=None)
def first_name_gender() -> dict[str, str]:
    """First name -> ``"f"`` or ``"m"`` (names in both lists are left out)."""
    female = _words("female_names.txt")
    male = _words("male_names.txt")
    table = {name: "f" for name in female - male}
    table.update({name: "m" for name in male - female})
    return table
