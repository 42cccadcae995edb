""":mod:`quotekit.io.html`: HTML markup -> same-length plain text for the parser.

:func:`blank_markup` returns a string exactly as long as its input in which tags, comments and the content of
``<script>``/``<style>`` (and similar) elements are replaced by spaces, block-level tags start with a newline
(so paragraphs stay paragraphs), and character references (``&amp;``, ``&#8220;``) are decoded and padded with
spaces. Every offset into the result is therefore an offset into the HTML as read: a quote found in the
cleaned text is sliced from the original file (markup inside the quote included).

Notes:
    This is a tolerant scanner, not a validating parser: unclosed tags, stray ``<`` and unknown entities are
    left as text; an unclosed comment or ``<script>`` blanks to the end of the file. It runs in linear time.

    A decoded reference is glued to the word it touches (``&ldquo;We`` -> ``      “We``), so a token can
    cover only part of a reference in the file; :func:`snap_span` widens such spans to whole references. A
    reference *inside* a word (``AT&amp;T``) is decoded but its padding splits the word in the cleaned text.
"""
from __future__ import annotations

import html
import re

__all__ = ["blank_markup", "looks_like_html", "snap_span", "BLOCK_TAGS", "BLANKED_ELEMENTS"]

#: Elements whose start or end tag separates paragraphs (rendered as a line break).
BLOCK_TAGS = frozenset(
    """
    address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html li main nav ol p pre section summary table tbody
    td tfoot th thead title tr ul
    """.split()
)
#: Elements whose whole content is not text for a reader.
BLANKED_ELEMENTS = frozenset({"script", "style", "noscript", "template", "svg", "math", "iframe", "object"})

# Where markup may start. The end of each piece is then found with `str.find`, remembering when there is no
# `>` left, so a scan never goes back over the text: linear time on any input.
_START = re.compile(
    r"<(?:!--|!\[CDATA\[|[!?]|/?(?P<name>[A-Za-z][A-Za-z0-9:-]*))"
    r"|(?P<entity>&(?:\#[0-9]{1,8}|\#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?)"
)
_ENTITY = re.compile(r"&(?:\#[0-9]{1,8}|\#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?")
_SNIFF = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<p[\s>]|<div[\s>]", re.I)


def looks_like_html(text: str, *, window: int = 2048) -> bool:
    """Whether ``text`` starts like an HTML document (checks the first ``window`` characters)."""
    return bool(_SNIFF.search(text[:window]))


def _blank(segment: str, *, newline: bool = False) -> str:
    if not segment:
        return segment
    return ("\n" + " " * (len(segment) - 1)) if newline else " " * len(segment)


def _decode_entity(raw: str, before: str, after: str) -> str:
    """The decoded reference padded to ``len(raw)`` characters, glued to the word it touches.

    ``before`` is the (cleaned) character before the reference, ``after`` the raw character after it.
    """
    value = html.unescape(raw)
    if value == raw or len(value) > len(raw):
        return raw
    value = value.replace("\xa0", " ")
    pad = " " * (len(raw) - len(value))
    # `&ldquo;Word` -> `   “Word` (attach to the next word); `word&rdquo;` -> `word”   ` (to the previous one).
    if before.isspace() and not (after.isspace() or after == "<"):
        return pad + value
    return value + pad


def _tag_end(text: str, start: int, gt: int) -> int:
    """End of the tag starting at ``start`` whose first ``>`` is at ``gt``: skip a ``>`` inside a quoted value."""
    if text.count('"', start, gt) % 2:
        quote = text.find('"', gt)
        if quote >= 0:
            after = text.find(">", quote)
            if after >= 0:
                return after + 1
    return gt + 1


def blank_markup(text: str) -> str:
    """Return ``text`` with HTML markup blanked out, keeping its length (see the module docstring).

    Args:
        text: an HTML document or fragment, as decoded from the file.

    Returns:
        A string ``s`` with ``len(s) == len(text)`` that a parser can read as plain text.
    """
    out: list[str] = []
    pos = 0
    n = len(text)
    lowered: str | None = None
    no_gt = n + 1  # no `>` at or after this position
    while pos < n:
        match = _START.search(text, pos)
        if match is None:
            break
        start = match.start()
        opener = match.group()
        if match.group("entity"):
            end = match.end()
            if start > pos:
                out.append(text[pos:start])
            before = out[-1][-1] if out else " "
            out.append(_decode_entity(opener, before, text[end:end + 1] or " "))
            pos = end
            continue
        if opener == "<!--":
            close = text.find("-->", start + 4)
            end = n if close < 0 else close + 3
        elif opener == "<![CDATA[":
            close = text.find("]]>", start + 9)
            end = n if close < 0 else close + 3
        else:
            gt = -1 if start >= no_gt else text.find(">", start)
            if gt < 0:
                no_gt = min(no_gt, start)
                if opener in ("<!", "<?"):  # an unclosed declaration runs to the end, as in a browser
                    end = n
                else:  # a stray `<`: text
                    out.append(text[pos:match.end()])
                    pos = match.end()
                    continue
            else:
                end = _tag_end(text, start, gt)
        if start > pos:
            out.append(text[pos:start])
        name = (match.group("name") or "").lower()
        out.append(_blank(text[start:end], newline=name in BLOCK_TAGS))
        if name in BLANKED_ELEMENTS and not opener.startswith("</") and not text[start:end - 1].endswith("/"):
            if lowered is None:
                lowered = text.lower()
            close = lowered.find("</" + name, end)
            stop = n if close < 0 else close
            if stop > end:
                out.append(_blank(text[end:stop]))
            end = stop
        pos = end
    if pos < n:
        out.append(text[pos:])
    result = "".join(out)
    assert len(result) == n, "blank_markup must keep the length"
    return result


def _entity_around(text: str, offset: int) -> tuple[int, int] | None:
    """The character reference ``(start, end)`` with ``start < offset < end``, if any."""
    amp = text.rfind("&", max(0, offset - 40), offset)
    if amp < 0:
        return None
    match = _ENTITY.match(text, amp)
    if match and match.end() > offset and html.unescape(match.group()) != match.group():
        return match.span()
    return None


def snap_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so that it does not cut a character reference of the HTML ``text`` in two.

    A token parsed from :func:`blank_markup` output that holds a decoded reference covers only part of the
    reference in the file (``&ldquo;`` is 7 characters, ``“`` one). Widening gives a span whose text in
    the file is whole: ``&ldquo;We won,&rdquo;`` rather than ``;We won,&``.
    """
    around = _entity_around(text, start)
    if around is not None:
        start = around[0]
    around = _entity_around(text, end)
    if around is not None:
        end = around[1]
    return start, end
