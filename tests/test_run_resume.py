"""A corpus run killed with SIGKILL and started again finishes the job: every document exactly once."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotekit.run import run_corpus
from _helpers import read_jsonl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpora" / "samples"
DATA = Path(__file__).resolve().parent / "data" / "run_corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """13 documents: the test corpus and the bundled samples."""
    root = tmp_path_factory.mktemp("resume") / "corpus"
    shutil.copytree(DATA, root)
    for copy in ("x",):
        (root / copy).mkdir()
        for path in sorted(SAMPLES.glob("*.txt")):
            shutil.copy(path, root / copy / f"{copy}-{path.name}")
    return root


def extract(corpus: Path, out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "quotekit", "extract", str(corpus), "-o", str(out / "q.jsonl"),
               "--manifest", str(out / "m.jsonl"), "--batch-size", "1", "--jobs", "1", "--no-cache", "--no-progress"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=out)


def test_sigkilled_run_resumes_and_lists_every_document_once(corpus, tmp_path):
    out = tmp_path
    parts = out / "q.jsonl.parts"
    process = extract(corpus, out)
    try:
        deadline = time.monotonic() + 240
        while len(list(parts.glob("part-*.bin"))) < 3:
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=60)
        process.stdout.close()
        process.stderr.close()
    assert process.returncode == -signal.SIGKILL
    assert not (out / "q.jsonl").exists() and not (out / "m.jsonl").exists()  # killed before the end
    done_before = len(list(parts.glob("part-*.bin")))
    assert 3 <= done_before < 13
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp") and p.stat().st_size and p.parent != parts]

    process = extract(corpus, out)
    _stdout, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert "documents resumed" in stderr
    assert not parts.exists()

    manifest = read_jsonl(out / "m.jsonl")
    ids = [row["doc_id"] for row in manifest]
    assert len(ids) == len(set(ids)) == 13
    assert all(row["status"] == "ok" for row in manifest)

    # identical to an uninterrupted run
    fresh = tmp_path / "fresh"
    run_corpus(corpus, out=fresh / "q.jsonl", manifest=fresh / "m.jsonl", jobs=1, progress=False, batch_size=1)
    assert (out / "q.jsonl").read_bytes() == (fresh / "q.jsonl").read_bytes()
    assert manifest == read_jsonl(fresh / "m.jsonl")
    quote_ids = [q["quote_id"] for q in read_jsonl(out / "q.jsonl")]
    assert len(quote_ids) == len(set(quote_ids)) == sum(row["n_quotes"] for row in manifest)
