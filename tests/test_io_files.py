"""quotekit.io: reading hostile files into Documents (encodings, BOM, CRLF, HTML, empty, binary)."""
from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from quotekit.errors import EmptyDocumentError, InputError, QuotekitError, UndecodableInputError
from quotekit.io import blank_markup, looks_like_html, read_document, read_text
from quotekit.io.files import MIXED_UTF8, decode
from quotekit.io.html import snap_span
from quotekit.types import Document

HOSTILE = Path(__file__).parent / "data" / "hostile"
SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
READABLE = ["latin1.txt", "bom.txt", "crlf.txt", "article.html", "nested.txt"]


def _as_read(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, newline="") as handle:
        return handle.read()


@pytest.mark.parametrize("name", READABLE)
def test_text_is_the_file_as_read(name):
    doc = read_document(HOSTILE / name)
    assert isinstance(doc, Document)
    assert doc.doc_id == Path(name).stem
    assert doc.source == str(HOSTILE / name)
    assert doc.meta["encoding"] == doc.encoding
    assert doc.text == _as_read(HOSTILE / name, doc.encoding)
    assert not doc.text.startswith("\ufeff")


def test_utf8_article_is_read_verbatim():
    path = next(SAMPLES.glob("*.txt"))
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.parse_text is None


def test_doc_id_can_be_given():
    assert read_document(HOSTILE / "crlf.txt", doc_id="x-1").doc_id == "x-1"


def test_bom_is_dropped_and_offsets_start_at_the_text():
    doc = read_document(HOSTILE / "bom.txt")
    assert doc.encoding == "utf-8-sig"
    assert doc.text.startswith("The minister said")
    assert doc.text == (HOSTILE / "bom.txt").read_bytes()[3:].decode("utf-8")


@pytest.mark.parametrize("bom_encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, bom_encoding):
    text = "\u201cWe will not back down,\u201d said Jos\u00e9 M\u00fcller.\r\nNext line."
    path = tmp_path / "wide.txt"
    path.write_bytes(text.encode(bom_encoding))  # Python writes the BOM for these codecs
    doc = read_document(path)
    assert doc.text == text
    assert doc.encoding == bom_encoding


def test_crlf_is_kept_exactly():
    raw = (HOSTILE / "crlf.txt").read_bytes()
    doc = read_document(HOSTILE / "crlf.txt")
    assert doc.text.count("\r\n") == raw.count(b"\r\n") > 0
    assert len(doc.text) == len(raw)  # ASCII file: one character per byte, nothing dropped or added


def test_lone_cr_is_kept(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b'"Yes," he said.\rShe left.\r')
    assert read_document(path).text == '"Yes," he said.\rShe left.\r'


def test_windows_1252_is_detected_and_named():
    doc = read_document(HOSTILE / "latin1.txt")
    assert doc.encoding not in ("utf-8", "utf-8-sig")
    assert doc.encoding == doc.meta["encoding"]
    assert "Montr\u00e9al" in doc.text and "Fran\u00e7ois L\u00e9ger" in doc.text
    assert "\u201cWe will not back down,\u201d" in doc.text  # cp1252 curly quotes, not C1 controls


@pytest.mark.parametrize(
    "text, encoding",
    [
        ("\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0437\u0430\u044f\u0432\u0438\u043b: "
         "\u00ab\u041c\u044b \u043d\u0435 \u043e\u0442\u0441\u0442\u0443\u043f\u0438\u043c\u00bb. " * 5, "cp1251"),
        ("\u65e5\u672c\u306e\u5916\u52d9\u5927\u81e3\u306f\u300c\u5354\u529b\u3059\u308b\u300d"
         "\u3068\u8ff0\u3079\u305f\u3002" * 5, "shift_jis"),
        ("Die B\u00fcrger sagten, dass es f\u00fcr alle schwierig sei. \u201eNein\u201c, sagte er. " * 3, "cp1252"),
    ],
)
def test_other_encodings_round_trip(tmp_path, text, encoding):
    path = tmp_path / "enc.txt"
    path.write_bytes(text.encode(encoding))
    doc = read_document(path)
    assert doc.text == text
    assert text.encode(encoding).decode(doc.encoding) == text


@pytest.mark.parametrize("name, how", [("empty.txt", "0 bytes"), ("whitespace.txt", "whitespace only")])
def test_empty_documents_raise_a_clear_error(name, how):
    with pytest.raises(EmptyDocumentError) as info:
        read_document(HOSTILE / name)
    message = str(info.value)
    assert "empty document" in message and how in message and name in message
    assert isinstance(info.value, InputError) and isinstance(info.value, QuotekitError)


def test_markup_only_html_is_empty(tmp_path):
    path = tmp_path / "shell.html"
    path.write_text("<html><head><script>var a = 'text';</script></head><body><div></div></body></html>")
    with pytest.raises(EmptyDocumentError, match="only markup|no text"):
        read_document(path)


def test_binary_file_is_refused_with_the_reason():
    with pytest.raises(UndecodableInputError) as info:
        read_document(HOSTILE / "binary.txt")
    message = str(info.value)
    assert "binary" in message and "binary.txt" in message and "UTF-8" in message


def test_random_bytes_without_nul_are_refused(tmp_path):
    rng = random.Random(7)
    data = bytes(rng.choice([b for b in range(1, 256)]) for _ in range(20000))
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    with pytest.raises(UndecodableInputError):
        read_document(path)


def test_missing_path_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)


# ---- HTML ----------------------------------------------------------------------------------------------------


def test_html_keeps_the_file_as_text_and_parses_clean_text():
    doc = read_document(HOSTILE / "article.html")
    text, clean = doc.text, doc.parse_text
    assert doc.meta["format"] == "html"
    assert text.startswith("<!DOCTYPE html>") and "\r\n" in text
    assert len(clean) == len(text)
    assert "<" not in clean.replace("a < b", "")  # no tag survives (the `<` inside <script> is blanked too)
    assert "Nothing here" not in clean and "skip me" not in clean and "color" not in clean
    squashed = re.sub(r"\s+", " ", clean)  # decoded entities are padded with spaces to keep offsets
    assert "Talks resume & sides meet" in squashed  # <title> text kept, &amp; decoded
    assert "\u201cWe are not going to back down,\u201d said Senator Maria Lopez" in squashed
    # an entity inside a word is decoded but its padding splits the word (offsets must not move)
    assert "AT& T" in squashed and "caf\u00e9 ." in squashed
    assert '"It is a good day," she told reporters on Tuesday.' in squashed


def test_html_offsets_index_the_file_as_read():
    doc = read_document(HOSTILE / "article.html")
    # every run of word characters in the clean text is the same text at the same offsets in the file
    words = list(re.finditer(r"[A-Za-z]{2,}", doc.parse_text))
    assert len(words) > 30
    for match in words:
        if match.group() in ("caf",):  # the start of `caf&eacute;`: the decoded é is glued on in clean text only
            continue
        assert doc.text[match.start():match.end()] == match.group()
    # a quotation found in the clean text slices the original markup, entities included
    start = doc.parse_text.index("\u201cWe are")
    end = doc.parse_text.index("\u201d") + 1
    assert snap_span(doc.text, start, end) != (start, end)  # the decoded marks cover part of their references
    start, end = snap_span(doc.text, start, end)
    assert doc.text[start:end] == "&ldquo;We are not going to back down,&rdquo;"


@pytest.mark.parametrize(
    "html, inner, whole",
    [
        ("<p>&ldquo;Yes,&rdquo; he said.</p>", "\u201cYes,\u201d", "&ldquo;Yes,&rdquo;"),
        ("<p>&#8220;No&#8221; &amp; more</p>", "\u201cNo\u201d", "&#8220;No&#8221;"),
        ("<p>AT&amp;T said &quot;fine&quot;.</p>", '"fine"', "&quot;fine&quot;"),
    ],
)
def test_snapped_spans_hold_whole_references(html, inner, whole):
    clean = blank_markup(html)
    squashed = re.sub(r" +", "", clean)
    assert inner in squashed
    first, last = inner[0], inner[-1]
    start = clean.index(first)
    end = clean.index(last, start + 1) + 1
    start, end = snap_span(html, start, end)
    assert html[start:end] == whole


def test_snap_span_leaves_plain_text_alone():
    text = "AT&T said it would cost $5 & more; &bogus; stays."
    for start, end in [(0, 4), (3, 9), (27, 33), (35, 42)]:
        assert snap_span(text, start, end) == (start, end)


def test_block_tags_separate_paragraphs():
    clean = blank_markup("<p>First one.</p><p>Second one.</p><div>Third</div>")
    lines = [line.strip() for line in clean.split("\n") if line.strip()]
    assert lines == ["First one.", "Second one.", "Third"]


def test_inline_tags_do_not_split_lines():
    clean = blank_markup("<p>He said it was <em>very</em> <a href='x'>good</a>.</p>")
    assert re.sub(r"\s+", " ", clean).strip() == "He said it was very good ."


def test_html_is_sniffed_whatever_the_suffix(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<html><body><p>&ldquo;Yes,&rdquo; he said.</p></body></html>")
    doc = read_document(path)
    assert doc.meta.get("format") == "html"
    assert "\u201cYes,\u201d he said." in re.sub(r"\s+", " ", doc.parse_text)
    assert looks_like_html(doc.text) and not looks_like_html("He wrote <b> in a tweet; a < b.")


def test_plain_text_with_angle_brackets_is_not_html(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text('"Prices rose < 2% & fell," he said. Use <ctrl> & <alt>.')
    doc = read_document(path)
    assert doc.parse_text is None


def test_unclosed_markup_is_tolerated():
    for html in ["<p>ok <!-- never closed", "<p>ok <script>x = 1", "<p>ok <a href=\"x", "a < b && c > d &bogus;",
                 "<![CDATA[ x", "&#99999999999; &#x110000; &#0;", "<" * 50, "&" * 50, "<p" * 50]:
        clean = blank_markup(html)
        assert len(clean) == len(html)
        assert "ok" in clean or not html.startswith("<p>ok")


def test_pathological_markup_is_linear():
    # would take minutes if the scanner backtracked quadratically (no timing asserted: it just has to finish)
    for unit in ("<a ", '<a x="', "<!x", "&amp", "<p>&#8220;", "</"):
        html = unit * (200_000 // len(unit))
        assert len(blank_markup(html)) == len(html)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_blank_markup_keeps_length_of_any_text(text):
    clean = blank_markup(text)
    assert len(clean) == len(text)
    if "<" not in text and "&" not in text:
        assert clean == text


_FRAGMENTS = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_characters="<&"), max_size=20).map(lambda t: ("text", t)),
        st.sampled_from(["<p>", "</p>", "<br/>", "<em>", "</em>", '<a href="x>y">', "<!-- c -->", "<div class=a>",
                         "&amp;", "&ldquo;", "&rdquo;", "&#8217;", "&nbsp;", "&#x201C;"]).map(lambda t: ("markup", t)),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(_FRAGMENTS)
def test_text_outside_markup_keeps_its_offsets(fragments):
    html = "".join(t for _, t in fragments)
    clean = blank_markup(html)
    assert len(clean) == len(html)
    pos = 0
    for kind, piece in fragments:
        if kind == "text":
            assert clean[pos:pos + len(piece)] == piece
        pos += len(piece)


# ---- read_text -----------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_read_text_round_trips_utf8(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    assert read_text(text.encode("utf-8")) == (text, "utf-8")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_read_text_on_any_bytes_decodes_or_says_why(data):
    try:
        text, encoding = read_text(data)
    except UndecodableInputError as exc:
        assert "quotekit reads text files" in str(exc)
    else:
        assert decode(data, encoding) == text
        if encoding != MIXED_UTF8:
            assert data.decode(encoding) == text


def test_utf8_with_a_stray_windows_1252_byte(tmp_path):
    # scraped pages often mix one latin-1/cp1252 byte into UTF-8: keep the UTF-8 (no mojibake of every curly
    # quote) and read the stray byte as windows-1252
    text = "\u201cWe will not back down,\u201d said Jos\u00e9 M\u00fcller. " * 20
    data = text.encode("utf-8") + b"Caf\xe9 owners agreed.\r\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.encoding == doc.meta["encoding"] == MIXED_UTF8
    assert doc.text == text + "Caf\u00e9 owners agreed.\r\n"
    assert decode(data, doc.encoding) == doc.text


def test_read_text_names_the_encoding():
    assert read_text("na\u00efve".encode("utf-8")) == ("na\u00efve", "utf-8")
    assert read_text(b"\xef\xbb\xbfhi") == ("hi", "utf-8-sig")
    text, encoding = read_text(("\u201cCaf\u00e9 cr\u00e8me,\u201d he said. " * 4).encode("cp1252"))
    assert text == "\u201cCaf\u00e9 cr\u00e8me,\u201d he said. " * 4 and encoding == "cp1252"


def test_unreadable_file_says_so(tmp_path):
    if os.geteuid() == 0:
        # root reads anything: use a path under a regular file instead, which fails for everyone
        path = tmp_path / "file.txt"
        path.write_text("x")
        with pytest.raises(InputError, match="file.txt"):
            read_document(path / "child.txt")
    else:
        path = tmp_path / "locked.txt"
        path.write_text("x")
        path.chmod(0)
        with pytest.raises(InputError, match="cannot be read"):
            read_document(path)
