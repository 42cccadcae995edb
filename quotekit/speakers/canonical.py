""":mod:`quotekit.speakers.canonical`: one ``speaker_id`` per speaker across a corpus.

Algorithm (deterministic, two passes, linear in the number of records):

1. Every person record's ``speaker_entity`` is reduced to a *name key*: accents folded, lower case, punctuation,
   single-letter middle initials and suffixes (Jr., III) dropped, then first and last word kept
   ("President Joe Biden" was already resolved to the entity "Joe Biden" within its document, so its key is
   ``joe-biden``; "Hillary Rodham Clinton" -> ``hillary-clinton``).
2. Pass one (:meth:`SpeakerIds.observe`) records, for every surname, the full-name keys seen in the corpus and the
   role words each was given.
3. Pass two (:meth:`SpeakerIds.assign`): a full name gets its own key. A bare surname ("Biden", from a document
   that never gives the first name) joins the full name only when that is unambiguous: exactly one full name in
   the corpus has this surname, or exactly one of several shares a role word with the record ("Clinton",
   "Secretary" -> the Clinton whose roles include "secretary"). Otherwise it keeps its own key ``biden``:
   two people who share a surname are never merged on the surname alone.
4. A group speaker (``speaker_entities`` of several names, ``speaker_entity`` null) has no ``speaker_id``; each
   member gets its id in ``speaker_ids`` (one per entry of ``speaker_entities``, same rules).
5. Organisations get the slug of their name without a leading "the" (``japanese-foreign-ministry``). Anonymous
   and unknown speakers get no id (``None``): "officials" in two articles are not one speaker.

For corpora that do not fit in memory, call :meth:`SpeakerIds.observe` on every batch of records, then
:meth:`SpeakerIds.assign` on every batch again (or keep the records on disk between passes).
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Iterable, Optional

from ..types import Quote
from .. import lexicons

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """``"Japanese Foreign Ministry"`` -> ``"japanese-foreign-ministry"``."""
    words = re.findall(r"[a-z0-9]+", _fold(text).replace("'", ""))
    return "-".join(words)


def name_words(name: str) -> list[str]:
    """Words of a person name that identify them: no titles, initials, suffixes or punctuation."""
    return list(_name_words(name))


@lru_cache(maxsize=65536)  # a corpus names the same people over and over
def _name_words(name: str) -> tuple[str, ...]:
    words = [w for w in re.findall(r"[a-z0-9']+", _fold(name)) if w.strip("'")]
    words = [w.strip("'") for w in words]
    words = [w for w in words if w not in _SUFFIXES and w + "." not in lexicons.titles() and w not in lexicons.titles()]
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if len(w) > 1] + [words[-1]]
    return tuple(words)


def _name_key(name: str) -> Optional[str]:
    words = name_words(name)
    if not words:
        return None
    return "-".join([words[0], words[-1]] if len(words) >= 2 else words)


@lru_cache(maxsize=65536)
def _role_words(role: Optional[str]) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z\-]+", _fold(role or "")) if w in lexicons.role_words())


class SpeakerIds:
    """Two-pass corpus-level speaker ids: :meth:`observe` all records, then :meth:`assign`."""

    def __init__(self) -> None:
        self._full: dict[str, dict[str, set[str]]] = defaultdict(dict)  # surname -> full key -> role words

    def observe(self, quotes: Iterable[Quote]) -> None:
        for quote in quotes:
            for entity, typ in _entities_of(quote):
                if typ != "person" or not entity:
                    continue
                words = name_words(entity)
                if len(words) >= 2:
                    key = _name_key(entity)
                    role = quote.speaker_role if entity == quote.speaker_entity else None
                    self._full[words[-1]].setdefault(key, set()).update(_role_words(role))

    def key(self, quote: Quote) -> Optional[str]:
        """The id for one record (after :meth:`observe` has seen the corpus); None for a group (see
        :meth:`keys`)."""
        return self.entity_key(quote.speaker_entity, quote.speaker_type, quote.speaker_role)

    def keys(self, quote: Quote) -> list[Optional[str]]:
        """One id per entity of ``speaker_entities`` (a group's members each get their own)."""
        return [self.entity_key(entity, typ, quote.speaker_role if entity == quote.speaker_entity else None)
                for entity, typ in _entities_of(quote)]

    def entity_key(self, entity: Optional[str], typ: str, role: Optional[str] = None) -> Optional[str]:
        """The id of one entity name of a given type (role words pick among full names sharing a surname)."""
        if not entity:
            return None
        if typ == "organization":
            return slug(re.sub(r"^\s*the\s+", "", entity, flags=re.I)) or None
        if typ != "person":
            return None
        words = name_words(entity)
        if len(words) >= 2:
            return _name_key(entity)
        if not words:
            return None
        candidates = self._full.get(words[0], {})
        if len(candidates) == 1:
            return next(iter(candidates))
        roles = _role_words(role)
        agreeing = sorted(k for k, seen in candidates.items() if roles & seen)
        return agreeing[0] if len(agreeing) == 1 else words[0]

    def assign(self, quotes: Iterable[Quote]) -> None:
        for quote in quotes:
            quote.speaker_id = self.key(quote)
            quote.speaker_ids = self.keys(quote)


def _entities_of(quote: Quote) -> list[tuple[str, str]]:
    """(entity, type) of each entity a record's speaker is: ``speaker_entities`` (a group's members share its
    type; a mixed group's members are typed by the single-entity rule: names are persons), else the single
    ``speaker_entity``."""
    entities = list(getattr(quote, "speaker_entities", None) or [])
    if not entities:
        return [(quote.speaker_entity, quote.speaker_type)] if quote.speaker_entity else []
    typ = quote.speaker_type if quote.speaker_type in ("person", "organization") else "person"
    return [(entity, typ) for entity in entities]


def assign_speaker_ids(quotes: list[Quote]) -> None:
    """Set ``quote.speaker_id`` in place on every record of a corpus (see the module docstring)."""
    ids = SpeakerIds()
    ids.observe(quotes)
    ids.assign(quotes)
