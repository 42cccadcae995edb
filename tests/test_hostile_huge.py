"""Huge inputs: a 1.5 MB article and a 120,000-word sentence, through the command line.

Each input runs in a fresh subprocess that reports its peak resident memory (``resource.getrusage``): memory
must stay bounded (chunked parsing), the run must complete, and every span must index the input. The bound is
generous (3 GB): this checks a behaviour, not a speed. (``quotekit.extract`` takes the same chunked path,
:meth:`SpacyParser.parse`; running it too would double the suite's slowest tests.)
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from _helpers import assert_spans_index, read_jsonl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
MAX_RSS_MB = 3 * 1024

# Runs the command line on the file (in process, one job) and prints the peak RSS as JSON. ru_maxrss is in KiB
# on Linux.
_PROBE = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from quotekit.cli import main

    path, out, manifest = map(Path, sys.argv[1:4])
    status = main(["extract", str(path), "-o", str(out), "--manifest", str(manifest), "--no-cache", "--jobs", "1",
                   "--no-progress"])
    quotes = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.strip())
    print(json.dumps({"chars": len(path.read_text(encoding="utf-8")), "quotes": quotes, "cli_status": status,
                      "rss_total_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """
)


def _paragraphs() -> list[str]:
    return [p for f in sorted(SAMPLES.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def _big_article(path: Path, size: int = 1_500_000) -> Path:
    """Real paragraphs repeated up to ``size`` bytes: one 1.5 MB article."""
    paragraphs, out, total = _paragraphs(), [], 0
    while total < size:
        paragraph = paragraphs[len(out) % len(paragraphs)]
        out.append(paragraph)
        total += len(paragraph.encode("utf-8")) + 2
    path.write_text("\n\n".join(out), encoding="utf-8")
    return path


def _giant_sentence(path: Path, words: int = 120_000) -> Path:
    """120,000 real words (quotes and all) with every sentence end removed: one sentence, no line break."""
    vocabulary = re.sub(r"[.!?]+(?=\s|$)", "", " ".join(_paragraphs())).split()
    out = (vocabulary * (words // len(vocabulary) + 1))[:words]
    path.write_text(" ".join(out) + ".", encoding="utf-8")
    return path


def _probe(path: Path, tmp_path: Path) -> dict:
    out, manifest = tmp_path / "quotes.jsonl", tmp_path / "manifest.jsonl"
    result = subprocess.run([sys.executable, "-c", _PROBE, str(path), str(out), str(manifest)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"{path.name}: {report}")  # the figures, for the record (pytest -s)
    assert report["cli_status"] == 0, result.stderr[-3000:]
    assert report["rss_total_mb"] < MAX_RSS_MB, report
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and rows[0]["status"] == "ok", rows
    text = path.read_text(encoding="utf-8")
    records = read_jsonl(out)
    assert len(records) == rows[0]["n_quotes"]
    assert_spans_index(text, records)
    return report


@pytest.mark.slow
def test_one_and_a_half_megabyte_article(tmp_path):
    path = _big_article(tmp_path / "big-article.txt")
    assert path.stat().st_size >= 1_500_000
    report = _probe(path, tmp_path)
    assert report["quotes"] > 100  # hundreds of real reported statements in 1.5 MB of news


@pytest.mark.slow
def test_one_hundred_twenty_thousand_word_sentence(tmp_path):
    path = _giant_sentence(tmp_path / "giant-sentence.txt")
    assert len(path.read_text(encoding="utf-8").split()) == 120_000
    _probe(path, tmp_path)
