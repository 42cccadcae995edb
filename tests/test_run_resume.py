"""A corpus run killed with SIGKILL and started again finishes the job: every document exactly once."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
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


def _state(pid: int) -> str:
    """The process state letter of ``pid`` ("" when it is gone; "Z" for a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return kids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker processes through /proc")
def test_killed_parallel_run_leaves_no_worker_and_resumes(corpus, tmp_path):
    """SIGKILL a --jobs 2 run: its workers exit (they held a loaded model and the caller's stdout, so a pipe
    reading that stdout would never see EOF), and a resumed run still writes the uninterrupted run's records."""
    out = tmp_path
    parts = out / "q.jsonl.parts"
    command = [sys.executable, "-m", "quotekit", "extract", str(corpus), "-o", str(out / "q.jsonl"),
               "--manifest", str(out / "m.jsonl"), "--batch-size", "1", "--jobs", "2", "--no-cache", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=out)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 240
        while len(list(parts.glob("part-*.bin"))) < 2 or len(workers) < 2:
            assert process.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "the run made no progress"
            workers = _children(process.pid)
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        assert process.returncode == -signal.SIGKILL
        deadline = time.monotonic() + 10
        while any(_state(pid) not in ("", "Z") for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        survivors = [pid for pid in workers if _state(pid) not in ("", "Z")]
        assert not survivors, f"worker processes {survivors} outlived their parent"
        reader = threading.Thread(target=process.stdout.read, daemon=True)  # returns at EOF
        reader.start()
        reader.join(timeout=10)
        assert not reader.is_alive(), "a pipe reading the run's stdout never reached EOF"
    finally:
        for pid in workers:  # a failed check must not leave the workers running
            if _state(pid) not in ("", "Z"):
                os.kill(pid, signal.SIGKILL)
        process.stdout.close()
    assert not (out / "q.jsonl").exists() and len(list(parts.glob("part-*.bin"))) < 13

    again = subprocess.run(command, capture_output=True, text=True, cwd=out, timeout=300)
    assert again.returncode == 0, again.stderr
    fresh = tmp_path / "fresh"
    run_corpus(corpus, out=fresh / "q.jsonl", manifest=fresh / "m.jsonl", jobs=1, progress=False, batch_size=1)
    assert (out / "q.jsonl").read_bytes() == (fresh / "q.jsonl").read_bytes()
    strip = lambda rows: [{k: v for k, v in r.items() if k != "parse_cached"} for r in rows]  # noqa: E731
    assert strip(read_jsonl(out / "m.jsonl")) == strip(read_jsonl(fresh / "m.jsonl"))
