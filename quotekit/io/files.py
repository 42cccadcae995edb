""":mod:`quotekit.io.files`: read one input file into a :class:`~quotekit.types.Document`.

The text of a Document is the file's content as read: decoded with the detected encoding (UTF-8 first, else
the guess of ``charset-normalizer``), a leading byte-order mark dropped, line endings kept exactly (what
``open(path, encoding=doc.encoding, newline="").read()`` returns; for UTF-8 files with a few stray
windows-1252 bytes, ``doc.encoding`` is :data:`MIXED_UTF8` and :func:`decode` reads them). Quote offsets index
that text.

HTML files (``.html``/``.htm``, or text that starts like HTML) keep the markup in ``text``; their
``parse_text`` is the same text with markup blanked out (see :mod:`quotekit.io.html`), so offsets found by
parsing ``parse_text`` still index the file as read.

Files that cannot yield quotes raise :class:`~quotekit.errors.InputError` subclasses whose message says why:
empty or whitespace-only files (:class:`~quotekit.errors.EmptyDocumentError`) and binary or undecodable ones
(:class:`~quotekit.errors.UndecodableInputError`). A corpus run turns these into manifest error rows.
"""
from __future__ import annotations

import codecs
import os
import re
from pathlib import Path
from typing import Optional, Union

from ..errors import EmptyDocumentError, InputError, UndecodableInputError
from ..types import Document
from .html import blank_markup, looks_like_html

__all__ = ["decode", "read_document", "read_text", "HTML_SUFFIXES", "MIXED_UTF8"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that never occur in text files (tab, newlines, form feed, vertical tab and ESC are allowed).
_CONTROL = frozenset(chr(c) for c in range(32)) - set("\t\n\r\x0b\x0c\x1b")
# Among equally plausible single-byte guesses, prefer windows-1252: it is what "latin-1" web pages really are.
_PREFERRED = ("cp1252",)
_CONTROL_CHAR = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_CONTROL)) + "]")
_SAMPLE = 1 << 16

#: Encoding label of UTF-8 files with a few invalid bytes (scraped pages that mix in windows-1252 characters):
#: the bytes are decoded as UTF-8 and each invalid byte as windows-1252. :func:`decode` understands it.
MIXED_UTF8 = "utf-8+cp1252"
_FALLBACK = "quotekit.cp1252"


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error(_FALLBACK, _cp1252_fallback)


def decode(data: bytes, encoding: str) -> str:
    """Decode ``data`` as :func:`read_text` did when it named ``encoding`` (a codec name or :data:`MIXED_UTF8`)."""
    if encoding == MIXED_UTF8:
        return data.decode("utf-8", errors=_FALLBACK)
    return data.decode(encoding)


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 text with a few invalid bytes (fewer than its valid multi-byte characters)."""
    replaced = data.decode("utf-8", errors="replace")
    n_bad = replaced.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    n_multibyte = sum(1 for ch in replaced if ch > "\x7f") - replaced.count("\ufffd")
    return 0 < n_bad <= n_multibyte


def _control_ratio(text: str) -> float:
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    return len(_CONTROL_CHAR.findall(sample)) / len(sample)


def _guess(data: bytes) -> Optional[str]:
    """charset-normalizer's guess, preferring windows-1252 among equally good candidates."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    if not matches:
        return None
    best = matches.best()
    floor = min(m.chaos for m in matches)
    for preferred in _PREFERRED:
        for match in matches:
            if match.chaos <= floor + 0.01 and preferred in match.could_be_from_charset:
                return preferred
    return best.encoding if best is not None else None


def _undecodable(why: str, path) -> UndecodableInputError:
    return UndecodableInputError(
        f"{why}; quotekit reads text files (plain text or HTML) — convert the file to UTF-8 text "
        "or leave it out of the corpus",
        path=path,
    )


def read_text(data: bytes, *, path: Optional[Union[str, os.PathLike]] = None) -> tuple[str, str]:
    """Decode the bytes of a text file; return ``(text, encoding)``.

    UTF-8 is tried first; a byte-order mark selects UTF-8/16/32 and is dropped; UTF-8 with a few invalid bytes
    is :data:`MIXED_UTF8` (the invalid bytes read as windows-1252); otherwise the encoding is detected with
    ``charset-normalizer``. ``decode(data, encoding) == text`` (for a Python codec name that is
    ``data.decode(encoding)``). Line endings are kept as they are.

    Args:
        data: the file's bytes.
        path: only used in error messages.

    Raises:
        UndecodableInputError: the bytes are binary (NUL bytes, control characters) or in no detectable
            text encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _undecodable(f"starts with a {encoding} byte-order mark but is not {encoding} ({exc.reason} "
                                   f"at byte {exc.start})", path) from exc
    if b"\x00" in data:
        raise _undecodable("looks binary (contains NUL bytes)", path)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _mostly_utf8(data):
            return _checked(data.decode("utf-8", errors=_FALLBACK), MIXED_UTF8, path)
        guessed = _guess(data)
        if guessed is None:
            raise _undecodable("is not UTF-8 and its encoding could not be detected (binary data?)", path) from None
        try:
            text, encoding = data.decode(guessed), guessed
        except (UnicodeDecodeError, LookupError):
            raise _undecodable(f"is not UTF-8 and does not decode as the detected {guessed}", path) from None
    return _checked(text, encoding, path)


def _checked(text: str, encoding: str, path) -> tuple[str, str]:
    if _control_ratio(text) > 0.01:
        raise _undecodable(f"looks binary (control characters after decoding as {encoding})", path)
    return text, encoding


def read_document(path: Union[str, os.PathLike], *, doc_id: Optional[str] = None) -> Document:
    """Read one text or HTML file as a :class:`~quotekit.types.Document`.

    Args:
        path: the file.
        doc_id: the document id; default: the file name without its extension.

    Returns:
        A Document with ``text`` (as read), ``encoding``, ``source`` (the path), ``parse_text`` (HTML only) and
        ``meta["encoding"]`` (plus ``meta["format"] = "html"`` for HTML).

    Raises:
        InputError: the path is missing, a directory or unreadable.
        UndecodableInputError: the file is binary or in no detectable encoding.
        EmptyDocumentError: the file has no text (empty, whitespace only, or only markup).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; check the path", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory; pass the files in it (or the directory to `quotekit extract`)",
                         path=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc}); check its permissions", path=path) from exc
    if not data.strip():
        what = "empty (0 bytes)" if not data else "whitespace only"
        raise EmptyDocumentError(f"empty document: the file is {what}, there is no text to extract quotes from",
                                 path=path)
    text, encoding = read_text(data, path=path)
    if not text.strip():
        raise EmptyDocumentError("empty document: the file has only whitespace, there is no text to extract "
                                 "quotes from", path=path)
    meta = {"encoding": encoding}
    parse_text = None
    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        parse_text = blank_markup(text)
        meta["format"] = "html"
        if not parse_text.strip():
            raise EmptyDocumentError("empty document: the HTML file has markup but no text to extract quotes from",
                                     path=path)
    return Document(
        doc_id=doc_id if doc_id is not None else path.stem,
        text=text,
        meta=meta,
        source=str(path),
        encoding=encoding,
        parse_text=parse_text,
    )
