""":mod:`quotekit.speakers.authors`: who "I" is outside quotations: the document's author.

The author is the corpus's ``author`` metadata (a column of the input) or, failing that, what the document itself
states: a byline near its top ("By Jane Doe", "By Jane Doe and John Roe", "Jane Doe writes:"), an author note
closing it ("Jane Doe is a professor of economics at ...", the note opinion pages print under a column) or the
signature of a letter ("Yours,\nBill"). A first person singular outside any quotation refers to the author when
the author is a person -- a name that looks like one person's (:func:`looks_like_a_persons_name`: not a court, a
corpus, a channel or a show an ``author`` column may hold); "we" only when the author is stated to be an
editorial board (or the editors), or is one person whose paper says "we" of its author ("In this article, we
propose ..."). With no author known the mention stays unresolved: no guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from .. import lexicons

_BYLINE = re.compile(
    r"^[ \t]*(?:by|written by)[ \t]+"
    r"((?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’-]+(?:[ \t]*(?:,|and|&)[ \t]*(?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’-]+)*)"
    r"[ \t]*[,.]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_BYLINE_SPAN = 600  # characters from the top a byline is looked for in
_NAME = r"[A-Z][\w'’-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'’-]+)){1,3}"
_WRITES = re.compile(rf"^[ \t]*({_NAME})[ \t]+writes\b", re.MULTILINE)
_PARTY_TAG = r"(?:,[ \t]+[DRI]-[A-Z][\w.]*,)"
"""A legislator's party and state after the name ("Rep. Jane Doe, D-Ariz., was ...")."""


@lru_cache(maxsize=1)
def _author_line_pattern() -> re.Pattern:
    """An author note: "Jane Doe is a professor ...", "Joel Doe is Senior Editor at ...", with a title before
    the name ("Rep. Jane Doe, D-Ariz., was an early backer of ..."; lexicon ``titles``), or with the person's
    description first ("Jane Doe, a law professor at the University of Tennessee, is a member of USA TODAY's Board
    of Contributors"): that form only where the note says the person writes for the page
    (:data:`_WRITES_FOR_THE_PAGE`), for a story's last paragraph may describe someone it quoted the same way
    ("Smith, a Democrat, is a candidate for ...")."""
    titles = "|".join(sorted((re.escape(t.rstrip(".")) for t in lexicons.titles()), key=len, reverse=True))
    return re.compile(rf"^[ \t]*(?:(?i:{titles})\.?[ \t]+)?({_NAME})(,[ \t]+(?:a|an|the)[ \t]+[^,.;:]{{1,80}},)?"
                      rf"{_PARTY_TAG}?[ \t]+(?:is|was|has been|serves as)[ \t]+(?:(?:a|an|the|one of)\b|[A-Z])")


_CREDIT = re.compile(rf"^[ \t]*(?i:(?:excerpted|adapted)[ \t]+)?(?i:from)[ \t]+[^\n]{{1,150}}?[ \t]by[ \t]+({_NAME})"
                     r"[ \t]*[.,]")
"""The credit line closing a book excerpt ("From STEALING AMERICA by Jane Doe. Copyright ..."): its author wrote
the "I" of the excerpt."""
_WRITES_FOR_THE_PAGE = re.compile(r"\b(columnist|contributors?|contributing|author of|writer|writes)\b",
                                  re.IGNORECASE)
_AUTHOR_LINE_CHARS = 300  # an author note is a sentence or two, not a paragraph of the story
_AUTHOR_LINE_PARAGRAPHS = 2  # it closes the column: one of its last paragraphs
# a closing line: "Yours,", "Stay in touch,", "Love and faithful feelings,"
_CLOSING = re.compile(r"^[A-Z][\w'’]*(?:,?[ \t]+(?:[\w'’]+|&)){0,6}[ \t]*,$")
"""A closing: "Yours,", "Stay in touch,", "Love & xxx, to all," (the last sentence of its line: "Please write
soon. Love & xxx, to all,")."""
_SIGNATURE = re.compile(r"^\[?((?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’-]+)\]?$")
"""A signature line: a name, or a name in brackets as an archive transcribes a handwritten one ("[Jane Doe]")."""
_SIGNATURE_LINES = 8  # a letter's closing and signature stand among its last lines
_CLOSING_ON_ONE_LINE = re.compile(
    r"^(?:[\w'’]+[ \t]+){0,3}(?:yours|sincerely|respectfully|regards|love|cordially|faithfully|truly|cheers|best)"
    r"[ \t]*,[ \t]*\[?((?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’-]+)\]?$", re.IGNORECASE)
_AUTHORS_WE = re.compile(
    r"\b(?:this|the present) (?:paper|article|study|thesis)\b[^.!?\n]{0,40}\bwe\b"
    r"|\bwe\b[^.!?\n]{0,60}\b(?:this|the present) (?:paper|article|study|thesis)\b", re.IGNORECASE)
"""A paper's authors speaking of themselves as "we" ("In this article, we propose ...", "we show in the present
study"): its "we" is its author's, one person's where one person wrote it (the author's "we" of scholarly
writing)."""
_BOARD = re.compile(r"\b(editorial board|editorial|editors|the board)\b", re.IGNORECASE)
_NOT_PERSON = re.compile(r"\b(news|staff|wire|press|reports?|desk|team|editors?|editorial|media|network)\b",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Author:
    """The document's author: a name, and whether it is an editorial board (the only author "we" refers to);
    ``person``: one person's name, the only author "I" refers to."""

    name: str
    board: bool = False
    signed: bool = False  # the name signs a letter: a first name alone ("Love, Zora") is its writer
    writes_we: bool = False  # the text says "we" of its authors ("In this article, we propose ...")

    @property
    def person(self) -> bool:
        several = re.search(r",|&|;|\band\b", self.name)  # "Jane Doe and John Roe": whose "I"?
        if self.board or several or _NOT_PERSON.search(self.name) or not looks_like_a_persons_name(self.name):
            return False
        words = self.name.split()
        return len(words) >= 2 or self.signed or words[0].lower() in lexicons.first_name_gender()


_NAME_PARTICLES = frozenset({"de", "del", "della", "der", "di", "da", "du", "van", "von", "la", "le", "bin", "al",
                             "y", "ibn", "dos", "das", "ter", "ten"})
"""Lower-case words a person's name may hold ("Ludwig van Beethoven")."""
_MAX_NAME_WORDS = 5


def looks_like_a_persons_name(name: str) -> bool:
    """A person's name as an author column or byline writes it: two to five words (one where a letter is signed),
    each capitalised, an initial or a name particle, none an organisation's word ("Supreme Court of India",
    "Santa Barbara Corpus ... (ed. ...)", "Friends In Your Head" are not)."""
    if re.search(r"[()\[\]\d@/|:]", name):
        return False
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    # lexicons: organisation words no organisation-head list holds ("Corpus", "Vlogs"), a title's function words
    # ("Friends In Your Head")
    org = lexicons.organization_heads() | lexicons.media_name_words() | lexicons.load("non_name_words")
    title_words = lexicons.load("title_function_words")
    for word in words:
        low = word.lower().strip(".,'’")
        if low in org or low in title_words:
            return False
        if not (word[:1].isupper() or low in _NAME_PARTICLES):
            return False
    return True


def byline(text: str) -> Optional[str]:
    """The name of a "By NAME" line within the document's first lines, else None."""
    match = _BYLINE.search(text[:_BYLINE_SPAN])
    if match is None:
        return None
    name = match.group(1).strip()
    first = name.split()[0].lower()
    return None if first in ("the", "a", "an") and not _BOARD.search(name) else name


def author_line(text: str) -> Optional[str]:
    """The name an author note states, "NAME writes" near the top or "NAME is a ..." as one of the last short
    paragraphs ("Rick Scott is the Republican governor of Florida."); None otherwise."""
    match = _WRITES.search(text[:_BYLINE_SPAN])
    if match is not None:
        return match.group(1)
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n|\n", text) if p.strip()]
    author_note = _author_line_pattern()
    for paragraph in reversed(paragraphs[-_AUTHOR_LINE_PARAGRAPHS:]):
        credit = _CREDIT.match(paragraph)
        if credit is not None and len(paragraphs) > _AUTHOR_LINE_PARAGRAPHS:
            return credit.group(1)
        match = author_note.match(paragraph)
        if match is not None and len(paragraph) <= _AUTHOR_LINE_CHARS and len(paragraphs) > _AUTHOR_LINE_PARAGRAPHS \
                and (match.group(2) is None or _WRITES_FOR_THE_PAGE.search(paragraph)):
            return match.group(1)
    return None


def signature(text: str) -> Optional[str]:
    """The name that signs a letter: the line after a closing ("Yours,", "Stay in touch,") among its last lines
    ("Yours,\nBill"), or after a closing word on the same line ("Respectfully, George Chriss"); None otherwise."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    tail = lines[-_SIGNATURE_LINES:]
    for line in tail:  # "Respectfully, George Chriss" on one line
        match = _CLOSING_ON_ONE_LINE.match(line)
        if match is not None and match.group(1)[:1].isupper() and len(lines) > 2:
            return match.group(1)
    for closing, name in zip(tail, tail[1:]):
        match = _SIGNATURE.match(name)
        closing = re.split(r"(?<=[.!?])[ \t]+", closing)[-1]
        if _CLOSING.match(closing) and match is not None and len(lines) > 2:
            return match.group(1)
    return None


_HANDLE = re.compile(r"[a-z]+")
"""An account name as a website's author field holds it: one run of lower-case letters ("janedoe")."""
_MIN_SURNAME = 3


def name_of_handle(handle: str) -> Optional[str]:
    """The person's name an account name spells, a known first name run together with a last name ("richardnixon"
    -> "Richard Nixon"; the longest first name that leaves a last name); None for anything else ("Wikinews",
    "jdoe", "Jane Doe")."""
    if not _HANDLE.fullmatch(handle) or handle in lexicons.media_name_words() | lexicons.organization_heads():
        return None
    first_names = lexicons.first_name_gender()
    for cut in range(len(handle) - _MIN_SURNAME, 1, -1):
        if handle[:cut] in first_names:
            return f"{handle[:cut].capitalize()} {handle[cut:].capitalize()}"
    return None


def _names_in_text(name: str, text: str) -> bool:
    """Whether the text names this person (the whole name, in any case)."""
    return re.search(r"\b" + r"\s+".join(map(re.escape, name.split())) + r"\b", text, re.IGNORECASE) is not None


def document_author(text: str, meta_author: Any = None) -> Optional[Author]:
    """The author from metadata (a non-empty string), the document's byline, its author note or the signature of
    a letter.

    Metadata may hold an account name ("richardnixon"): it stands for the person it spells, unless the text names
    that person itself ("... thanks to Alex Gakuru ..."): whoever says "I" there is not the account holder, who
    posted someone else's words, and the account name stays as it is (no person's name)."""
    if isinstance(meta_author, str) and meta_author.strip():
        name = meta_author.strip()
        spelled = name_of_handle(name)
        if spelled is not None and not _names_in_text(spelled, text):
            name = spelled
    else:
        name = byline(text) or author_line(text)
        if not name:
            signed = signature(text)
            return Author(signed, signed=True) if signed else None
    return Author(name, board=bool(_BOARD.search(name)), writes_we=_AUTHORS_WE.search(text) is not None)


def author_of_first_person(author: Optional[Author], pronoun: str) -> Optional[tuple[str, str]]:
    """(entity, type) a first-person pronoun outside quotations refers to, given the author; None if none."""
    if author is None:
        return None
    low = pronoun.lower()
    if low in ("i", "me", "myself") and author.person:
        return author.name, "person"
    if low in ("we", "us", "ourselves") and author.board:
        return author.name, "organization"
    if low in ("we", "us", "ourselves") and author.writes_we and author.person:
        return author.name, "person"
    return None
