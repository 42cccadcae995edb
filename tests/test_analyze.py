"""Notebook API: ``quotekit.analyze`` tables, highlighted display and matplotlib plots."""
from __future__ import annotations

import html
import re
import shutil

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import quotekit
from quotekit.analyze import AnalysisResult
from quotekit.errors import InputError

from _fixtures_report import SEED_DIR, SEED_ID
from _helpers import assert_spans_index

TEXTS = {
    "senate": ('"We will not back down," Senator Maria Lopez told reporters on Tuesday. Officials said the vote '
               "could slip to next week. Lopez said the bill was a disaster for working families."),
    "budget": ("The budget office said the deficit would rise sharply. According to the report, spending on "
               "health care will double. \"This is a wonderful outcome,\" Treasury Secretary Jack Lew said."),
}


@pytest.fixture(scope="module")
def result(spacy_parser):  # the session parser is loaded first, so the engine's cached pipeline is warm
    return quotekit.analyze(TEXTS)


def test_tables_cover_every_quote_and_offsets_index_the_texts(result):
    quotes = result.quotes
    assert len(quotes) == len(result.records) > 0
    assert set(quotes["doc_id"]) <= set(TEXTS)
    for rec in result.records:
        assert_spans_index(result.docs[rec["doc_id"]], [rec])
    speakers = result.speakers
    named = speakers[speakers["speaker_key"] != "unresolved"]  # unresolved quotes are counted apart, last
    assert list(named["n_quotes"]) == sorted(named["n_quotes"], reverse=True)
    assert named["n_quotes"].sum() == quotes["speaker_key"].notna().sum()
    unresolved = speakers[speakers["speaker_key"] == "unresolved"]
    assert unresolved["n_quotes"].sum() == (quotes["speaker_resolved"] == "unresolved").sum()
    assert set(result.documents["doc_id"]) == set(TEXTS)
    assert {"speaker_key", "target", "polarity_mean"} <= set(result.targets.columns)


def test_show_highlights_the_quotes_of_one_document(result):
    doc_id = result.records[0]["doc_id"]
    shown = result.show(doc_id)
    page = shown._repr_html_()
    n = sum(r["doc_id"] == doc_id for r in result.records)
    assert page.count('class="qk-content') >= n
    assert "qk-speaker" in page and "qk-cue" in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page.split('<div class="qk-text">', 1)[1]))
    assert text.startswith(TEXTS[doc_id])


def test_notebook_display_shows_summary_and_a_highlighted_document(result):
    page = result._repr_html_()
    assert f"{len(result.records)} quotes" in page
    assert "qk-content" in page
    top = result.speakers.iloc[0]["name"]
    assert html.escape(top) in page


def test_show_unknown_document_lists_known_ids(result):
    with pytest.raises(KeyError, match="senate|budget"):
        result.show("nope")


def test_plots_are_matplotlib_figures_with_the_data(result):
    from matplotlib.figure import Figure

    fig = result.plot_top_speakers(top=3)
    assert isinstance(fig, Figure)
    bars = fig.axes[0].patches
    assert len(bars) == min(3, len(result.speakers))
    assert sorted(b.get_width() for b in bars) == sorted(result.speakers["n_quotes"].head(3))
    fig = result.plot_stance()
    scored = result.speakers[result.speakers["n_scored"] > 0]
    assert len(fig.axes[0].patches) == min(15, len(scored))
    fig = result.plot_kind_shares()
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert sum(widths) == pytest.approx(1.0)
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # renders headless
    assert buf.getvalue()[:4] == b"\x89PNG"


def test_plot_kind_shares_by_missing_column_names_the_columns(result):
    with pytest.raises(KeyError, match="outlet"):
        result.plot_kind_shares(by="outlet")


def test_analyze_a_corpus_folder_keeps_metadata(spacy_parser, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_DIR, corpus, ignore=shutil.ignore_patterns("*.json"))
    result = quotekit.analyze(corpus)
    assert list(result.docs) == [SEED_ID]
    assert result.documents.loc[0, "outlet"] == "nikkei-asia"
    assert "outlet" in result.quotes and set(result.quotes["outlet"]) == {"nikkei-asia"}
    fig = result.plot_kind_shares(by="outlet")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["nikkei-asia"]
    page = result.report()
    assert "<svg" in page and SEED_ID in page


def test_from_quotes_reads_an_extract_file(result, tmp_path):
    from quotekit.run.writers import write_records

    path = tmp_path / "q.jsonl"
    write_records(result.records, path, "jsonl")
    again = AnalysisResult.from_quotes(path, docs=TEXTS)
    assert again.records == result.records
    assert again.speakers["n_quotes"].tolist() == result.speakers["n_quotes"].tolist()
    assert again.show(result.records[0]["doc_id"]).html == result.show(result.records[0]["doc_id"]).html


def test_empty_input_is_an_error():
    with pytest.raises(InputError, match="no readable documents"):
        quotekit.analyze([])


def test_duplicate_ids_are_an_error():
    from quotekit.types import Document

    with pytest.raises(InputError, match="distinct id"):
        quotekit.analyze([Document("a", "x said y."), Document("a", "z")])


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=120))
def test_any_text_analyzes_and_displays(spacy_parser, text):
    result = quotekit.analyze([text])
    for rec in result.records:
        span = rec["content"]
        assert text[span["start"]:span["end"]] == span["text"]
    page = result._repr_html_()
    assert isinstance(page, str)
    if result.docs:
        body = result.show("doc-0").html.split('<div class="qk-text">', 1)[1]
        assert html.unescape(re.sub(r"<[^>]+>", "", body)).startswith(text)


def test_acts_keep_only_the_speech_act_classes_asked_for(spacy_parser):
    text = ('"We will cut taxes," the mayor said. He asked whether the plan was legal. '
            'The governor promised to sign the bill.')
    every = quotekit.analyze([text])
    acts = {rec["speech_act"] for rec in every.records}
    assert {"statement", "question"} <= acts
    only = quotekit.analyze([text], acts=["statement"])
    assert only.records and {rec["speech_act"] for rec in only.records} == {"statement"}
    assert [r["quote_id"] for r in only.records] == [r["quote_id"] for r in every.records
                                                       if r["speech_act"] == "statement"]
    with pytest.raises(Exception, match="unknown speech-act class"):
        quotekit.analyze([text], acts=["nonsense"])
