"""Corpus report: highlighting, charts, quote-file loading, the HTML page and ``quotekit report``."""
from __future__ import annotations

import html
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings, strategies as st

from quotekit.cli import main
from quotekit.report import build_report, read_quotes, report_from_path
from quotekit.report.charts import heatmap, hbar_chart, line_chart, stacked_share_chart
from quotekit.report.highlight import Mark, highlight_html, marks_from_records

from _fixtures_report import SEED_DIR, SEED_ID, gold_quotes

SVG = "{http://www.w3.org/2000/svg}"


# --- helpers --------------------------------------------------------------------------------------------------
class _Page(HTMLParser):
    """Collects ids, in-page links, tags and charts of a page (and checks nothing is left open)."""

    VOID = {"meta", "link", "br", "hr", "img", "input", "rect", "line", "circle", "polyline", "polygon", "path"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.stack, self.tags = set(), [], [], []
        self.charts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids.add(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "svg" and "qk-chart-svg" in (a.get("class") or ""):
            self.charts += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()


def parse_page(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed tags: {parser.stack}"
    return parser


def plain_text(fragment: str) -> str:
    """Highlighted HTML back to text: drop tags, unescape."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


# --- highlighting -----------------------------------------------------------------------------------------------
def test_highlight_marks_each_role_and_keeps_text(seed_text):
    start = seed_text.index("Motegi")
    cue = seed_text.index("said", start)
    content = (cue + 5, cue + 60)
    marks = [Mark(start, start + 6, "speaker"), Mark(cue, cue + 4, "cue"), Mark(*content, "content", anchor="q-1")]
    out = highlight_html(seed_text, marks)
    assert plain_text(out) == seed_text
    assert f'<span class="qk-speaker">{html.escape(seed_text[start:start + 6])}</span>' in out
    assert f'<span class="qk-cue">{seed_text[cue:cue + 4]}</span>' in out
    assert 'id="q-1"' in out


def test_overlapping_and_nested_spans_carry_every_role():
    text = "Officials said \"we will win\" on Friday."
    # the content contains the speaker span (nested) and overlaps the cue (crossing)
    marks = [Mark(0, 28, "content"), Mark(0, 9, "speaker"), Mark(10, 20, "cue")]
    out = highlight_html(text, marks)
    assert plain_text(out) == text
    assert '<span class="qk-content qk-speaker">Officials</span>' in out
    assert '<span class="qk-content qk-cue">said &quot;we' in out or '<span class="qk-content qk-cue">said "we' in out
    assert out.endswith(" on Friday.")


def test_highlight_escapes_markup_in_text():
    text = "<script>alert('x')</script> he said & left"
    out = highlight_html(text, [Mark(0, 28, "content"), Mark(32, 36, "cue")])
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert plain_text(out) == text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.lists(st.tuples(st.integers(-5, 220), st.integers(-5, 220),
                                                   st.sampled_from(["content", "cue", "speaker"])), max_size=8))
def test_highlight_never_loses_text(text, spans):
    """Any text and any spans (out of range, empty, reversed, overlapping): the text comes back unchanged.

    Stripping tags and unescaping gives the text back, so no character of it was left unescaped as markup.
    """
    out = highlight_html(text, [Mark(a, b, role) for a, b, role in spans])
    assert plain_text(out) == text
    assert len(re.findall(r"<span\b", out)) == len(re.findall(r"</span>", out))


def test_marks_from_records_uses_each_span():
    rec = {"doc_id": "d", "quote_id": "d:0", "kind": "direct", "speaker_entity": "X",
           "content": {"start": 5, "end": 9, "text": ""}, "cue": None, "speaker": {"start": 0, "end": 3, "text": ""}}
    marks = marks_from_records([rec], anchor_of=lambda r: "q-d-0")
    assert {(m.role, m.start, m.end) for m in marks} == {("content", 5, 9), ("speaker", 0, 3)}
    assert [m.anchor for m in marks if m.role == "content"] == ["q-d-0"]


# --- charts -----------------------------------------------------------------------------------------------------
def _svg(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    labelled = root.get("aria-labelledby").split()
    assert {e.get("id") for e in root if e.get("id")} >= set(labelled)
    assert root.find(f"{SVG}title").text
    return root


def _marks(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if "qk-mark" in (e.get("class") or "")]


def test_bar_chart_draws_one_bar_per_value_and_escapes_labels():
    labels = ["<b>Smith & Co</b>", "Jones", "Lee"]
    root = _svg(hbar_chart(labels, [5, 3, 1], title="Top <speakers>", links=["#a", None, "#c"]))
    bars = [e for e in _marks(root) if e.tag == f"{SVG}rect"]
    assert len(bars) == 3
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > widths[2] > 0
    texts = "".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "<b>Smith & Co</b>" in texts  # survived as text, not markup
    assert [a.get("href") for a in root.iter(f"{SVG}a")].count("#a") == 2


def test_interval_chart_whiskers_span_the_interval():
    root = _svg(hbar_chart(["a", "b"], [0.5, -0.25], lows=[0.25, -0.5], highs=[0.75, 0.0], domain=(-1, 1),
                           diverging=True, title="stance"))
    whiskers = [g for g in _marks(root) if g.tag == f"{SVG}g"]
    assert len(whiskers) == 2
    xs = [float(line.get("x1")) for line in whiskers[0] if line.get("y1") == line.get("y2")]
    bar = [e for e in _marks(root) if e.tag == f"{SVG}rect"][0]
    left, right = float(bar.get("x")), float(bar.get("x")) + float(bar.get("width"))
    assert xs[0] < right  # the low end lies inside the bar (0.25 < 0.5), the bar starts at zero
    assert left < xs[0]


def test_stacked_line_and_heatmap_charts_draw_their_data():
    root = _svg(stacked_share_chart(["all", "nyt"], [("Direct", [0.5, 0.2]), ("Indirect", [0.5, 0.8])], title="k"))
    assert len(_marks(root)) == 4
    root = _svg(line_chart(["2016-01", "2016-02", "2016-03"], [0.1, 0.3, 0.2], lows=[0, 0.1, 0.1],
                           highs=[0.3, 0.5, 0.4], title="t"))
    assert len([e for e in _marks(root) if e.tag == f"{SVG}circle"]) == 3
    nan = float("nan")
    root = _svg(heatmap(["A", "B"], ["x", "y", "z"], [[0.5, -0.5, nan], [nan, 1.0, 0.0]], title="h"))
    assert len(_marks(root)) == 4  # the two empty cells are not data marks


# --- the page ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def gold(spacy_parser):
    return gold_quotes(spacy_parser)


@pytest.fixture(scope="module")
def gold_page(gold):
    document, quotes = gold
    return build_report(quotes, [document], title="Seed & <report>")


def test_page_is_self_contained_and_well_formed(gold_page):
    page = parse_page(gold_page)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", gold_page), "no network references"
    assert not any(tag in ("link", "img", "iframe") for tag, _ in page.tags)
    assert "<title>Seed &amp; &lt;report&gt;</title>" in gold_page
    assert gold_page.count("<script>") == 1
    assert dict(page.tags[0][1]).get("lang") == "en"


def test_every_in_page_link_has_a_target(gold_page):
    page = parse_page(gold_page)
    assert page.links
    missing = sorted(set(page.links) - page.ids)
    assert not missing, f"links without targets: {missing[:5]}"


def test_page_shows_speakers_quotes_and_highlighted_text(gold, gold_page):
    document, quotes = gold
    entities = {q.speaker_entity for q in quotes}
    for name in entities:
        assert html.escape(name) in gold_page
    assert gold_page.count('class="qk-qa"') == len(quotes)  # one anchor per quote in the text
    assert gold_page.count("qk-cue") >= sum(q.cue is not None for q in quotes)
    assert 'id="doc-nikkei-japan-us-korea"' in gold_page
    page = parse_page(gold_page)
    assert page.charts >= 4  # speakers, types, kinds, stance (+ heatmap when targets are scored)
    # the most-quoted speaker heads the speaker table
    top = max(entities, key=lambda e: sum(q.speaker_entity == e for q in quotes))
    table = gold_page[gold_page.index("All speakers"):]
    assert table.index(html.escape(top)) < min(table.index(html.escape(e)) for e in entities - {top})


def test_page_escapes_hostile_metadata(gold):
    document, quotes = gold
    records = [dict(q.to_dict(), outlet='<img src=x onerror="alert(1)">', title="</title><script>x</script>")
               for q in quotes]
    page = build_report(records, [document])
    assert "<img" not in page and "<script>x" not in page
    parse_page(page)


def test_report_without_texts_lists_quotes_only(gold):
    _, quotes = gold
    page = build_report(quotes)
    assert "Full text not available" in page
    assert 'class="qk-qa"' not in page
    assert not sorted(set(parse_page(page).links) - parse_page(page).ids)


def test_empty_corpus_report_says_so():
    page = build_report([])
    assert "No attributed quotes" in page
    assert parse_page(page).charts == 0


# --- quote files and the command ------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_quote_files_written_by_extract_read_back(gold, tmp_path, fmt):
    from quotekit.run.writers import write_records

    _, quotes = gold
    records = [q.to_dict() for q in quotes]
    path = tmp_path / f"quotes.{fmt}"
    write_records(records, path, fmt)
    back = read_quotes(path)
    assert [r["quote_id"] for r in back] == [r["quote_id"] for r in records]
    for got, want in zip(back, records):
        for role in ("content", "cue", "speaker"):
            assert (got[role] or None) == (want[role] or None)
        assert got["speaker_entity"] == want["speaker_entity"]
        if want["stance"]:
            assert got["stance"]["polarity"] == pytest.approx(want["stance"]["polarity"])
            assert len(got["stance"]["targets"]) == len(want["stance"]["targets"])


def test_bad_quotes_file_names_the_line(tmp_path):
    from quotekit.errors import InputError

    path = tmp_path / "quotes.jsonl"
    path.write_text('{"doc_id": "a", "content": {"start": 0, "end": 1, "text": "x"}}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"quotes.jsonl:2"):
        read_quotes(path)


def test_corpus_with_other_texts_is_refused(gold, tmp_path):
    from quotekit.errors import InputError

    _, quotes = gold
    path = tmp_path / "quotes.jsonl"
    path.write_text("".join(json.dumps(q.to_dict()) + "\n" for q in quotes), encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"{SEED_ID}.txt").write_text("A different text entirely. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="does not match the text"):
        report_from_path(path, corpus=corpus)


def test_cli_report_from_quotes_file_with_corpus(gold, tmp_path, capsys):
    _, quotes = gold
    path = tmp_path / "quotes.jsonl"
    path.write_text("".join(json.dumps(q.to_dict()) + "\n" for q in quotes), encoding="utf-8")
    out = tmp_path / "site" / "report.html"
    assert main(["report", str(path), "--corpus", str(SEED_DIR), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "nikkei-asia" in page  # outlet from corpora/seed/metadata.csv
    assert page.count('class="qk-qa"') == len(quotes)
    assert "wrote" in capsys.readouterr().out


@pytest.mark.slow
def test_cli_report_on_a_corpus_folder_extracts_first(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_DIR, corpus, ignore=shutil.ignore_patterns("*.json"))
    out = tmp_path / "report.html"
    assert main(["report", str(corpus), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    records = page.count('class="qk-qa"')
    assert records > 0, "the extracted quotes are highlighted in the document section"
    assert "Toshimitsu Motegi" in page or "Motegi" in page


def test_report_from_path_renders_quotes_files_only():
    from quotekit.errors import InputError

    with pytest.raises(InputError, match="not a quotes file.*extract"):
        report_from_path(SEED_DIR)  # a corpus: extraction belongs to quotekit.run.extract_records


def test_cli_report_missing_input_is_one_line_error(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nope.jsonl" in err


# --- speaker x target drill-down and framing -------------------------------------------------------------------
@pytest.fixture(scope="module")
def targeted_records(gold, spacy_parser):
    """The seed quotes with the targets of quotekit.stance.targets (entities, topics), scored on the real parse."""
    from quotekit.stance.targets import document_targets

    document, quotes = gold
    doc = spacy_parser.parse(document.text)
    spans = [doc.char_span(q.content.start, q.content.end, alignment_mode="expand") for q in quotes]
    names = sorted({q.speaker_entity for q in quotes if q.speaker_entity})
    records = []
    for q, targets in zip(quotes, document_targets(doc, spans, names=names)):
        rec = q.to_dict()
        rec["stance"] = dict(rec["stance"], targets=targets)
        records.append(rec)
    return records


def test_target_cells_list_their_quotes_with_targets_marked(gold, targeted_records):
    document, _ = gold
    page = build_report(targeted_records, [document], min_n=2)
    parse_page(page)
    section = page[page.index('id="targets"'):page.index('id="framing"')]
    drills = re.findall(r'<details class="qk-drill" id="(cell-[^"]+)"><summary>(.*?)</summary>(.*?)</details>',
                        section, re.S)
    assert drills, "no speaker x target cell reaches two quotes in the seed article"
    kinds = {t["target_id"]: t["kind"] for r in targeted_records for t in r["stance"]["targets"]}
    for anchor, summary, body in drills:
        n = int(re.search(r": (\d+) quotes", summary).group(1))
        assert n >= 2 and body.count("<li>") == n  # every quote behind the cell, no cell under the minimum
        assert f'href="#{anchor}"' in section  # reached from the heatmap / table
        assert '<mark class="qk-target">' in body
        assert re.search(r"\((entity|topic|user)\)", summary)
    # with a minimum of one, every (speaker, target) pair the corpus keeps gets its list (a one-word topic of
    # this single article is not repeated by another document, so it is left out)
    from quotekit.stance.targets import filter_topics

    pairs = {(r["speaker_entity"], t["target_id"]) for r in filter_topics(targeted_records)
             for t in r["stance"]["targets"] if r.get("speaker_entity")}
    page1 = build_report(targeted_records, [document], min_n=1)
    assert page1.count('<details class="qk-drill"') == len(pairs) > len(drills)
    assert set(kinds.values()) <= {"entity", "topic", "user"}


def test_old_target_shape_drops_pronouns_and_generic_nouns(gold):
    document, quotes = gold
    records = [q.to_dict() for q in quotes]
    for rec in records:  # the old shape, with the generic nouns the noun-phrase targets produce
        rec["stance"]["targets"] = rec["stance"]["targets"] + [{"target": "people", "polarity": 0.5},
                                                                {"target": "they", "polarity": -0.5}]
    page = build_report(records, [document], min_n=1)
    section = page[page.index('id="targets"'):page.index('id="framing"')]
    assert "<strong>people</strong>" not in section and "<strong>they</strong>" not in section
    assert '<details class="qk-drill"' in section


def test_framing_section_counts_every_attributed_quote(gold, gold_page):
    _, quotes = gold
    section = gold_page[gold_page.index('id="framing"'):gold_page.index('id="documents"')]
    assert "How reporters frame each speaker" in section
    attributed = sum(1 for q in quotes if q.speaker_entity or q.speaker)
    overall = re.search(r"All attributed quotes: (.*?)\.</p>", section).group(1)
    assert sum(int(n) for n in re.findall(r"\d+", overall)) == attributed
