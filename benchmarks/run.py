"""Corpus-run benchmarks: throughput vs a bare ``nlp.pipe`` parse, cached re-analysis, peak memory.

Every figure is a ratio of timings taken in the same run (variants interleaved, best of ``--repeat``), so the
numbers compare like with like on whatever machine runs them. Nothing here is asserted: read the report.

    python benchmarks/run.py [--corpus DIR] [--repeat 3] [--reruns 5] [--rss 100 800] [--json results.json]

``--corpus`` is a folder of ``.txt`` articles (default: PolNeAR dev, ``../shared/corpora/polnear/dev/text``
relative to the repository). Measured:

1. in-process throughput (documents/s, pipeline already loaded): bare ``nlp.pipe`` with the model quotekit
   uses vs :func:`quotekit.run.run_corpus` (parse + attribution + speakers + stance + writing) with
   ``jobs=1`` and ``jobs=2``;
2. end to end: ``quotekit extract DIR -o OUT --jobs N`` as a command vs a bare ``python -c`` that loads the
   same model and runs ``nlp.pipe`` (both including interpreter start-up and model loading);
3. cached re-analysis: the first run with an empty parse cache vs a second run over the same corpus (run
   ``--reruns`` times per round: one takes well under a second, so a single slow second of a shared machine
   spoils a sample, where a first run of many seconds averages it out; the ratio of medians is printed too),
   and the analysis alone (``analyze_doc`` on Docs in memory), the floor of any re-analysis;
4. peak RSS of ``quotekit extract --jobs 1`` over 100 and over 800 documents (PolNeAR texts cycled).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "polnear" / "dev" / "text"


def load_texts(corpus: Path) -> list[tuple[str, str]]:
    paths = sorted(corpus.rglob("*.txt"))
    if not paths:
        sys.exit(f"no .txt files under {corpus}; pass --corpus DIR")
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def write_corpus(texts: list[tuple[str, str]], folder: Path, n: int) -> Path:
    """``n`` documents cycling ``texts`` (distinct ids) as a folder of .txt files."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        doc_id, text = texts[i % len(texts)]
        (folder / f"{i:06d}-{doc_id}.txt").write_text(text, encoding="utf-8", newline="")
    return folder


CPU: dict[str, list[float]] = {}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (pool workers are reaped when a run ends)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn, name: str = "") -> float:
    cpu, start = cpu_seconds(), time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    if name:
        CPU.setdefault(name, []).append(cpu_seconds() - cpu)
    return elapsed


def best(times: list[float]) -> float:
    return min(times)


def median(times: list[float]) -> float:
    ordered = sorted(times)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def in_process(corpus: Path, texts: list[str], model: str | None, repeat: int, work: Path, reruns: int = 5) -> dict:
    from quotekit.parse.spacy import SpacyParser
    from quotekit.run import run_corpus

    nlp = SpacyParser(model).nlp  # the very pipeline quotekit parses with
    list(nlp.pipe(texts[:4]))  # warm-up

    def bare():
        for _doc in nlp.pipe(texts, batch_size=16):
            pass

    def extract(jobs: int, cache: Path | None = None):
        run_corpus(corpus, out=work / f"q{jobs}.jsonl", manifest=work / f"m{jobs}.jsonl", jobs=jobs,
                   cache_dir=cache, progress=False)

    from quotekit.parse import load_parser
    from quotekit.pipeline import analyze_doc

    parsed = list(load_parser("spacy", model).pipe(texts))

    def analysis_only():  # attribution + speakers + stance on Docs in memory: the floor of any re-analysis
        for doc in parsed:
            analyze_doc(doc)

    times: dict[str, list[float]] = {"bare_nlp_pipe": [], "extract_jobs1": [], "extract_jobs2": [],
                                     "first_run_with_cache": [], "cached_rerun": [], "analysis_only": []}
    for r in range(repeat):
        times["bare_nlp_pipe"].append(timed(bare, "bare_nlp_pipe"))
        times["extract_jobs1"].append(timed(lambda: extract(1), "extract_jobs1"))
        times["extract_jobs2"].append(timed(lambda: extract(2), "extract_jobs2"))
        cache = work / f"cache{r}"
        times["first_run_with_cache"].append(timed(lambda: extract(1, cache)))
        for _ in range(reruns):
            times["cached_rerun"].append(timed(lambda: extract(1, cache)))
        times["analysis_only"].append(timed(analysis_only))
        shutil.rmtree(cache, ignore_errors=True)
        print(f"  round {r + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()), flush=True)
    t = {k: best(v) for k, v in times.items()}
    n = len(texts)
    return {
        "docs": n,
        "seconds_best": t,
        "seconds_all": times,
        "docs_per_s": {k: n / v for k, v in t.items()},
        "ratio_jobs1_vs_bare": t["bare_nlp_pipe"] / t["extract_jobs1"],
        "ratio_jobs2_vs_bare": t["bare_nlp_pipe"] / t["extract_jobs2"],
        "cached_speedup": t["first_run_with_cache"] / t["cached_rerun"],
        "cached_speedup_medians": median(times["first_run_with_cache"]) / median(times["cached_rerun"]),
        "cache_write_overhead": t["first_run_with_cache"] / t["extract_jobs1"],
        "cpu_seconds_best": {k: min(v) for k, v in CPU.items()},
        "cpu_ratio_jobs2_vs_jobs1": min(CPU["extract_jobs2"]) / min(CPU["extract_jobs1"]),
        "cached_speedup_ceiling": t["first_run_with_cache"] / t["analysis_only"],
        "analysis_share_of_first_run": t["analysis_only"] / t["first_run_with_cache"],
    }


BARE = """
import sys, time
from pathlib import Path
from quotekit.parse.spacy import load_pipeline
nlp = load_pipeline(sys.argv[2] or None)
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
for doc in nlp.pipe(texts, batch_size=16):
    pass
"""


def end_to_end(corpus: Path, model: str | None, repeat: int, work: Path) -> dict:
    quotekit = [sys.executable, "-m", "quotekit", "extract", str(corpus), "--no-cache", "--no-progress",
                "-o", str(work / "cli.jsonl")] + (["--model", model] if model else [])
    commands = {
        "bare_nlp_pipe": [sys.executable, "-c", BARE, str(corpus), model or ""],
        "cli_jobs1": quotekit + ["--jobs", "1"],
        "cli_jobs2": quotekit + ["--jobs", "2"],
    }
    times: dict[str, list[float]] = {k: [] for k in commands}
    for r in range(repeat):
        for name, command in commands.items():
            times[name].append(timed(lambda: subprocess.run(command, check=True, capture_output=True)))
        print(f"  round {r + 1}: " + ", ".join(f"{k} {v[-1]:.1f}s" for k, v in times.items()), flush=True)
    t = {k: best(v) for k, v in times.items()}
    return {"seconds_best": t, "seconds_all": times,
            "ratio_jobs1_vs_bare": t["bare_nlp_pipe"] / t["cli_jobs1"],
            "ratio_jobs2_vs_bare": t["bare_nlp_pipe"] / t["cli_jobs2"]}


RSS_CHILD = """
import resource, sys
from quotekit.run import run_corpus
run_corpus(sys.argv[1], out=sys.argv[2], jobs=1, progress=False)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss(texts: list[tuple[str, str]], sizes: list[int], work: Path) -> dict:
    result = {}
    for n in sizes:
        folder = write_corpus(texts, work / f"rss{n}", n)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", RSS_CHILD, str(folder), str(work / f"rss{n}.jsonl")],
                             check=True, capture_output=True, text=True)
        kib = int(out.stdout.strip().splitlines()[-1])
        result[n] = {"peak_rss_mib": kib / 1024, "seconds": time.perf_counter() - start}
        print(f"  {n} docs: peak RSS {kib / 1024:.0f} MiB ({result[n]['seconds']:.0f}s)", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
    if len(sizes) >= 2:
        small, large = result[sizes[0]]["peak_rss_mib"], result[sizes[-1]]["peak_rss_mib"]
        result["ratio_large_vs_small"] = large / small
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--model", default=None, help="spaCy model (default: quotekit's)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds per timing (best is kept)")
    parser.add_argument("--reruns", type=int, default=5, help="cached re-runs per round (best is kept)")
    parser.add_argument("--rss", type=int, nargs="*", default=[100, 800], help="corpus sizes for peak RSS")
    parser.add_argument("--skip", nargs="*", default=[], choices=["inprocess", "cli", "rss"])
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    texts = load_texts(args.corpus)
    print(f"corpus: {len(texts)} documents, {sum(len(t) for _, t in texts)} characters; cores: {os.cpu_count()}; "
          f"load average: {os.getloadavg()[0]:.1f}", flush=True)
    results: dict = {"docs": len(texts), "cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="quotekit-bench-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(texts, work / "corpus", len(texts))
        if "inprocess" not in args.skip:
            print("in-process throughput (pipeline loaded):", flush=True)
            results["in_process"] = in_process(corpus, [t for _, t in texts], args.model, args.repeat, work,
                                               args.reruns)
        if "cli" not in args.skip:
            print("end to end (commands, including start-up):", flush=True)
            results["end_to_end"] = end_to_end(corpus, args.model, args.repeat, work)
        if "rss" not in args.skip and args.rss:
            print("peak RSS, quotekit extract --jobs 1:", flush=True)
            results["peak_rss"] = peak_rss(texts, args.rss, work)
    results["load_average_after"] = os.getloadavg()[0]

    print("\nsummary (ratios measured in this run):")
    if "in_process" in results:
        r = results["in_process"]
        print(f"  in-process jobs=1 vs bare nlp.pipe: {r['ratio_jobs1_vs_bare']:.2f}x")
        print(f"  in-process jobs=2 vs bare nlp.pipe: {r['ratio_jobs2_vs_bare']:.2f}x")
        print(f"  cached re-analysis speed-up:        {r['cached_speedup']:.1f}x best/best, "
              f"{r['cached_speedup_medians']:.1f}x median/median "
              f"(cache writing costs {100 * (r['cache_write_overhead'] - 1):+.0f}% on the first run)")
        print(f"  CPU seconds, jobs=2 vs jobs=1:      {r['cpu_ratio_jobs2_vs_jobs1']:.2f}x "
              f"(bare {r['cpu_seconds_best']['bare_nlp_pipe']:.1f}s, jobs=1 {r['cpu_seconds_best']['extract_jobs1']:.1f}s,"
              f" jobs=2 {r['cpu_seconds_best']['extract_jobs2']:.1f}s; the parallel overhead)")
        print(f"  analysis alone (no parse, no I/O):  {100 * r['analysis_share_of_first_run']:.0f}% of the first run "
              f"-> re-analysis can be at most {r['cached_speedup_ceiling']:.1f}x faster")
    if "end_to_end" in results:
        r = results["end_to_end"]
        print(f"  quotekit extract -j1 vs bare:       {r['ratio_jobs1_vs_bare']:.2f}x")
        print(f"  quotekit extract -j2 vs bare:       {r['ratio_jobs2_vs_bare']:.2f}x")
    if "peak_rss" in results and "ratio_large_vs_small" in results["peak_rss"]:
        print(f"  peak RSS {args.rss[-1]} vs {args.rss[0]} documents: "
              f"{results['peak_rss']['ratio_large_vs_small']:.3f}x")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
