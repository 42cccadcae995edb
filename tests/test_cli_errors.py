"""``quotekit`` command line on bad invocations and hostile corpora: one-line errors, manifest error rows.

Every test runs the real command in a subprocess (``python -m quotekit``), as a user would.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quotekit.cli import describe_os_error, main, one_line, split_debug
from _helpers import read_jsonl as _read_manifest

HOSTILE = Path(__file__).parent / "data" / "hostile"
ARTICLE = HOSTILE / "crlf.txt"
TIMEOUT = 600


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONWARNINGS": "ignore", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "quotekit", *args], cwd=cwd, env=environ, capture_output=True, text=True,
        timeout=TIMEOUT,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    """Non-zero exit, exactly one stderr line naming the problem, no traceback; return that line."""
    assert result.returncode != 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    line = lines[0]
    assert line.startswith("quotekit: "), line
    for fragment in fragments:
        assert re.search(fragment, line, re.I), (fragment, line)
    return line


@pytest.fixture()
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    shutil.copy(ARTICLE, path)
    return path


# ---- main() in process: cheap checks of the wrapper itself ----------------------------------------------------


def test_split_debug_anywhere_but_after_double_dash():
    assert split_debug(["extract", "x", "--debug"]) == (["extract", "x"], True)
    assert split_debug(["--debug", "extract"]) == (["extract"], True)
    assert split_debug(["extract", "--", "--debug"]) == (["extract", "--", "--debug"], False)


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["--bogus"], r"no such option: --bogus.*quotekit --help"),
        (["no-such-command"], r"no such command.*quotekit --help"),
        (["extract"], r"missing argument.*quotekit extract --help"),
        (["extract", "x", "--no-such-flag"], r"no such option.*quotekit extract --help"),
    ],
)
def test_usage_errors_are_one_line(capsys, argv, fragment):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and re.search(fragment, err, re.I), err
    assert "\u2500" not in err and "\u256d" not in err  # no rich box


def test_no_arguments_prints_help_not_a_traceback(capsys):
    assert main([]) == 2
    captured = capsys.readouterr()
    assert "Usage" in captured.out + captured.err and "Traceback" not in captured.err


def test_os_errors_name_the_path_and_the_fix():
    line = describe_os_error(NotADirectoryError(20, "Not a directory", "somefile/out.jsonl"))
    assert line.startswith("Not a directory: somefile/out.jsonl") and "choose another path" in line
    assert describe_os_error(OSError("disk on fire\nreally")) == "disk on fire really"
    assert one_line("E088: text of length\n  1000001 exceeds\n") == "E088: text of length 1000001 exceeds"


def test_usage_error_with_debug_shows_the_traceback(capsys):
    assert main(["extract", "x", "--no-such-flag", "--debug"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and err.strip().splitlines()[-1].startswith("quotekit: error:")


# ---- the command in a subprocess ------------------------------------------------------------------------------


def test_missing_path(tmp_path):
    result = run_cli("extract", str(tmp_path / "no-such-file.txt"), "--no-cache", cwd=tmp_path)
    assert_one_line_error(result, "no-such-file.txt", "no such file", "check the path")


def test_missing_path_with_debug_shows_traceback(tmp_path):
    result = run_cli("extract", str(tmp_path / "no-such-file.txt"), "--no-cache", "--debug", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback (most recent call last)" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("quotekit: error:")


def test_unknown_backend(tmp_path, article):
    result = run_cli("extract", str(article), "--backend", "foo", "--no-cache", cwd=tmp_path)
    assert_one_line_error(result, "foo", "backend", "spacy")


def test_missing_spacy_model(tmp_path, article):
    result = run_cli("extract", str(article), "--model", "no_such_model", "--no-cache", cwd=tmp_path)
    assert_one_line_error(result, "no_such_model", r"not installed|not found|can't find|cannot find", "install")


def test_stanza_without_models(tmp_path, article):
    empty = tmp_path / "stanza_resources"
    empty.mkdir()
    result = run_cli("extract", str(article), "--backend", "stanza", "--no-cache", cwd=tmp_path,
                     env={"STANZA_RESOURCES_DIR": str(empty)})
    line = assert_one_line_error(result, "stanza", r"download")
    assert str(empty) in line


def test_unwritable_output(tmp_path, article):
    blocker = tmp_path / "somefile"
    blocker.write_text("a regular file, so nothing can be created under it (even by root)")
    result = run_cli("extract", str(article), "-o", str(blocker / "out.jsonl"), "--no-cache", cwd=tmp_path)
    assert_one_line_error(result, "somefile", r"not a directory|cannot|write", r"check|choose|writable")


def test_unwritable_manifest(tmp_path, article):
    blocker = tmp_path / "somefile"
    blocker.write_text("x")
    result = run_cli("extract", str(article), "-o", str(tmp_path / "out.jsonl"), "--manifest",
                     str(blocker / "manifest.jsonl"), "--no-cache", cwd=tmp_path)
    assert_one_line_error(result, "somefile", r"check|choose|writable")


def test_unknown_format(tmp_path, article):
    result = run_cli("extract", str(article), "--format", "xml", "--no-cache", cwd=tmp_path)
    assert_one_line_error(result, "xml", "jsonl")


# ---- hostile corpus: every file is a manifest row, the run completes -------------------------------------------


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One run of ``quotekit extract`` over a folder of hostile files (shared by the tests below)."""
    root = tmp_path_factory.mktemp("hostile_corpus")
    corpus = root / "corpus"
    shutil.copytree(HOSTILE, corpus)
    out, manifest = root / "quotes.jsonl", root / "manifest.jsonl"
    result = run_cli("extract", str(corpus), "-o", str(out), "--manifest", str(manifest), "--no-cache",
                     "--jobs", "2", cwd=root)
    return corpus, out, manifest, result


def test_hostile_corpus_completes_with_exit_0(hostile_run):
    _, out, manifest, result = hostile_run
    assert result.returncode == 0, result.stderr
    assert out.exists() and manifest.exists()
    assert "Traceback" not in result.stderr


def test_every_hostile_file_is_one_manifest_row(hostile_run):
    corpus, _, manifest, _ = hostile_run
    rows = _read_manifest(manifest)
    ids = [row["doc_id"] for row in rows]
    assert sorted(ids) == sorted(p.stem for p in corpus.iterdir())
    by_id = {row["doc_id"]: row for row in rows}
    for bad, why in [("empty", "empty"), ("whitespace", "empty"), ("binary", "binary")]:
        assert by_id[bad]["status"] == "error" and why in by_id[bad]["error"], by_id[bad]
    for good in ["latin1", "bom", "crlf", "article", "nested"]:
        assert by_id[good]["status"] == "ok", by_id[good]


def test_summary_line_counts_the_errors(hostile_run):
    _, _, manifest, result = hostile_run
    n_errors = sum(row["status"] != "ok" for row in _read_manifest(manifest))
    summary = [line for line in result.stderr.splitlines() if re.search(r"\d+ documents", line)]
    assert summary, result.stderr
    assert re.search(rf"\b{n_errors} errors\b", summary[-1]), summary[-1]


def test_hostile_quote_offsets_index_the_files_as_read(hostile_run):
    corpus, out, _, _ = hostile_run
    from quotekit.io import read_document

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = {}
    for record in records:
        doc_id = record["doc_id"]
        if doc_id not in texts:
            path = next(corpus.glob(doc_id + ".*"))
            texts[doc_id] = read_document(path).text
        for key in ("content", "cue", "speaker"):
            span = record[key]
            if span is not None:
                assert texts[doc_id][span["start"]:span["end"]] == span["text"], (doc_id, key, span)
