"""Scaling of quote-reuse detection (``quotekit.measures.reuse.find_reuse``) on synthetic corpora.

Builds corpora of 1,000 and 10,000 documents of synthetic quote records (8 statements a document, 8-30 words
drawn from a Zipf-distributed 20,000-word vocabulary; 5% of documents are wire copy of an earlier document:
they repeat six of its eight statements, half of those with one word changed) and times ``find_reuse`` on each,
after one small warm-up run (so the first size does not pay for importing datasketch and scipy). Reuse
detection is meant to be near-linear, so the 10x corpus should take about 10x the time, not 100x.

    python benchmarks/reuse_scaling.py [--sizes 1000 10000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time

from quotekit.measures.reuse import find_reuse

QUOTES_PER_DOC = 8


def synthetic_records(n_docs: int, *, seed: int = 0, vocabulary: int = 20_000, reuse_rate: float = 0.05) -> list[dict]:
    """Quote records of ``n_docs`` synthetic documents (content spans only, plus date and outlet)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(vocabulary)]
    cumulative, total = [], 0.0
    for rank in range(vocabulary):
        total += 1.0 / (rank + 1)
        cumulative.append(total)
    outlets = [f"outlet-{i}" for i in range(20)]
    records: list[dict] = []
    contents_by_doc: list[list[str]] = []
    for d in range(n_docs):
        doc_id = f"doc-{d:06d}"
        contents = [" ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(8, 30))) for _ in range(QUOTES_PER_DOC)]
        if d and rng.random() < reuse_rate:
            source = contents_by_doc[rng.randrange(d)]
            for k in range(6):
                copied = source[k].split()
                if rng.random() < 0.5:
                    copied[rng.randrange(len(copied))] = rng.choice(vocab)
                contents[k] = " ".join(copied)
        contents_by_doc.append(contents)
        offset = 0
        for n, text in enumerate(contents):
            quoted = f"“{text}”"
            records.append({"doc_id": doc_id, "quote_id": f"{doc_id}:{n}", "kind": "direct",
                            "content": {"start": offset, "end": offset + len(quoted), "text": quoted},
                            "date": f"2016-{1 + d % 12:02d}-{1 + d % 28:02d}", "outlet": outlets[d % len(outlets)]})
            offset += len(quoted) + 8
    return records


def time_reuse(records: list[dict], repeat: int) -> tuple[float, float, int, int]:
    """Median CPU seconds of this process and median wall seconds of ``find_reuse`` over ``repeat`` runs, the
    number of groups and of wire-copy pairs. CPU time is the figure to compare: wall time also counts whatever
    else the machine runs."""
    cpu, wall, result = [], [], None
    for _ in range(repeat):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        result = find_reuse(records)
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start_wall)
    return statistics.median(cpu), statistics.median(wall), len(result.groups), int(result.pairs["wire_copy"].sum())


def main(argv: list[str] | None = None) -> dict[int, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    seconds = {}
    find_reuse(synthetic_records(50))  # warm-up: imports
    for n_docs in args.sizes:
        records = synthetic_records(n_docs)
        cpu, wall, n_groups, n_wire = time_reuse(records, args.repeat)
        seconds[n_docs] = cpu
        print(f"reuse: {n_docs:>6} documents, {len(records):>6} records: {cpu:7.3f} s CPU, {wall:7.3f} s wall "
              f"(medians of {args.repeat}), {n_groups} reuse groups, {n_wire} wire-copy pairs")
    sizes = sorted(seconds)
    for small, large in zip(sizes, sizes[1:]):
        print(f"reuse scaling: {large / small:.0f}x documents -> {seconds[large] / seconds[small]:.1f}x CPU time "
              f"(linear would be {large / small:.0f}x, quadratic {(large / small) ** 2:.0f}x)")
    return seconds


if __name__ == "__main__":
    main()
