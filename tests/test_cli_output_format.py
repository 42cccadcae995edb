"""``quotekit extract -o OUT``: the output's suffix chooses the format; a contradicting ``-f`` is a clear error."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotekit.cli import main
from quotekit.errors import InputError
from quotekit.run.writers import FORMATS, SUFFIXES, output_format

ARTICLE = ('The council met on Monday night.\n\n"We will rebuild the bridge before the winter," Mayor Maria Lopez '
           'said after the vote.\n')


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("article") / "council.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _extract(article, out, *extra):
    return main(["extract", str(article), "-o", str(out), "--no-cache", "-j", "1", "--no-progress", *extra])


def test_csv_suffix_writes_csv_without_format(article, tmp_path, spacy_parser):
    assert _extract(article, tmp_path / "quotes.csv") == 0
    frame = pd.read_csv(tmp_path / "quotes.csv")
    assert list(frame["speaker_text"]) == ["Mayor Maria Lopez"]
    assert not (tmp_path / "quotes.csv").read_text(encoding="utf-8").startswith("{")


def test_parquet_suffix_writes_parquet_without_format(article, tmp_path, spacy_parser):
    assert _extract(article, tmp_path / "quotes.parquet") == 0
    assert list(pd.read_parquet(tmp_path / "quotes.parquet")["speaker_text"]) == ["Mayor Maria Lopez"]


@pytest.mark.parametrize("name", ["quotes.jsonl", "quotes"])
def test_jsonl_suffix_or_none_writes_jsonl(article, tmp_path, name, spacy_parser):
    assert _extract(article, tmp_path / name) == 0
    records = [json.loads(line) for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
    assert [r["speaker"]["text"] for r in records] == ["Mayor Maria Lopez"]


def test_format_contradicting_the_suffix_is_one_line_error(article, tmp_path, capsys):
    assert _extract(article, tmp_path / "quotes.jsonl", "-f", "csv") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "contradicts" in err and "quotes.jsonl" in err
    assert not (tmp_path / "quotes.jsonl").exists()


def test_suffix_naming_no_format_needs_format(article, tmp_path, capsys, spacy_parser):
    assert _extract(article, tmp_path / "quotes.json") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and ".json" in err and "--format" in err
    assert _extract(article, tmp_path / "quotes.json", "-f", "jsonl") == 0  # the user says what to write
    assert json.loads((tmp_path / "quotes.json").read_text(encoding="utf-8").splitlines()[0])["doc_id"]


_STEMS = st.text(st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=12)


@given(_STEMS, st.sampled_from(sorted(SUFFIXES)), st.sampled_from(FORMATS))
def test_output_format_of_any_name(stem, suffix, fmt):
    """The suffix decides; a matching --format is accepted, a different one refused (any case of the suffix)."""
    name = stem + (suffix.upper() if len(stem) % 2 else suffix)
    assert output_format(name) == SUFFIXES[suffix]
    if fmt == SUFFIXES[suffix]:
        assert output_format(name, fmt) == fmt
    else:
        with pytest.raises(InputError, match="contradicts"):
            output_format(name, fmt)


def test_output_format_of_stdout_and_unknown_format():
    assert output_format(None) == output_format("-") == "jsonl"
    assert output_format(None, "csv") == "csv"
    with pytest.raises(InputError, match="xml"):
        output_format("quotes.jsonl", "xml")
