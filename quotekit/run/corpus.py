""":mod:`quotekit.run.corpus`: run quotekit over a corpus -- streamed, parallel, cached, resumable.

The corpus is read lazily (:func:`quotekit.io.corpus.iter_documents`) and cut into batches; each batch is one
call of the pure function :func:`quotekit.run.worker.process_batch`, run in this process (``jobs=1``), in a pool
of worker processes (``jobs>1``), or on a Dask cluster (``client=``). Only a bounded number of batches is in
flight at any time. Each finished batch is saved as a part file (:mod:`quotekit.run.state`); when all are done
the parts are merged in input order, corpus-level speaker ids are assigned, stance targets get their corpus-level
pass (:class:`quotekit.stance.targets.CorpusTargets`: topics the corpus does not repeat dropped, bare surnames
joined to the corpus speaker), and the output and the manifest are written atomically. A run that is killed and started again skips the batches it already finished.
"""
from __future__ import annotations

import concurrent.futures as cf
import ctypes
import dataclasses
import functools
import gc
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence, Union

from ..errors import OutputError, QuotekitError
from ..io.corpus import TEXT_SUFFIXES, Columns, InputFailure, Item, count_documents, iter_documents
from ..speakers.canonical import SpeakerIds
from ..stance.targets import CorpusTargets
from ..types import Document, Quote
from ._files import atomic_writer
from .state import PartStore, batch_fingerprint, state_dir_for
from .worker import DocResult, RunConfig, process_batch
from .writers import FORMATS, _dump, write_records

__all__ = ["RunSummary", "extract_records", "iter_quotes", "iter_results", "run_corpus"]

PathLike = Union[str, os.PathLike]


@dataclass
class RunSummary:
    """What a corpus run did."""

    n_docs: int = 0
    n_quotes: int = 0
    n_errors: int = 0
    n_cached: int = 0
    """Documents whose parse came from the parse cache."""
    n_resumed: int = 0
    """Documents taken from an interrupted earlier run's parts."""
    seconds: float = 0.0
    out: Optional[str] = None
    manifest: Optional[str] = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    """``(doc_id, message)`` of the first failed documents (at most 20; the manifest has all)."""

    def line(self) -> str:
        """The one-line summary the CLI prints on stderr."""
        rate = self.n_docs / self.seconds if self.seconds else 0.0
        text = (f"quotekit: {self.n_docs} documents, {self.n_quotes} quotes, {self.n_errors} errors "
                f"in {self.seconds:.1f}s ({rate:.1f} docs/s; {self.n_cached} parses from cache")
        if self.n_resumed:
            text += f", {self.n_resumed} documents resumed"
        return text + ")" + (f" -> {self.out}" if self.out else "")


# -- executors: one submit/wait interface over a serial loop, a process pool and a Dask client -----------------


class _Serial:
    """Run each task at submit time (``jobs=1``): no pickling, no extra process."""

    slots = 1

    def submit(self, fn: Callable, *args: Any) -> cf.Future:
        future: cf.Future = cf.Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001
            future.set_exception(exc)
        return future

    def wait_first(self, futures: list) -> list:
        return list(futures)

    def recover(self) -> None:
        pass

    def close(self) -> None:
        pass


def _warm_up(config: RunConfig) -> None:
    """Load the parser and every lazily loaded lexicon here, once, so forked workers share them."""
    try:
        process_batch(dataclasses.replace(config, cache_dir=None),
                      [Document("warm-up", '"We will vote no," Senator Ann Lee of the Finance Committee said.')])
    except Exception:  # noqa: BLE001 - each worker will report the problem per document
        pass


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _exit_with_parent(parent: int, poll_seconds: float = 0.5) -> None:
    """Make this worker process exit when the process ``parent`` dies, however it dies (even SIGKILL).

    A worker outliving its parent would hold a loaded model and the caller's stdout (a shell pipeline reading
    it would never see EOF). On Linux the kernel kills the worker (``prctl(PR_SET_PDEATHSIG)``: strictly, when
    the parent's thread that started the pool ends -- the thread that runs the whole corpus run); a daemon thread
    watching ``os.getppid()`` covers other systems, and the parent dying before either was in place.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the thread below is the only guard
            pass
    if os.getppid() != parent:  # the parent died before the signal was set
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(1)

    threading.Thread(target=watch, name="quotekit-parent-watch", daemon=True).start()


def _init_worker(parent: int) -> None:
    """Worker set-up: exit with the parent, one BLAS thread (the pool is the parallelism), Ctrl-C handled by the
    parent only."""
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return
    threadpool_limits(1)


class _Pool:
    """A process pool; on Linux workers are forked from a parent that already loaded the parser."""

    task_size = 4
    """Documents per task: a batch (the unit of resume and of the parse cache) is split so that the workers
    finish together (small tasks leave no worker idle at the end of a run while the other finishes a long one)."""

    def __init__(self, jobs: int, config: RunConfig):
        self.jobs = jobs
        self.slots = 2 * jobs
        # fork shares the loaded pipeline copy-on-write (no per-worker start-up); torch (stanza) wants spawn
        method = "fork" if sys.platform.startswith("linux") and config.backend != "stanza" else "spawn"
        self.context = multiprocessing.get_context(method)
        if method == "fork":
            _warm_up(config)
        self.pool = self._new()

    def _new(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=self.context, initializer=_init_worker,
                                      initargs=(os.getpid(),))

    def submit(self, fn: Callable, *args: Any) -> cf.Future:
        return self.pool.submit(fn, *args)

    def wait_first(self, futures: list) -> list:
        done, _ = cf.wait(futures, return_when=cf.FIRST_COMPLETED)
        return list(done)

    def recover(self) -> None:
        if getattr(self.pool, "_broken", False):  # a worker died (crash, OOM kill): start a fresh pool
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = self._new()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _Dask:
    """Tasks on a ``dask.distributed.Client`` (one pure function per batch)."""

    def __init__(self, client: Any):
        self.client = client
        try:
            threads = sum(client.nthreads().values())
        except Exception:  # noqa: BLE001
            threads = 1
        self.slots = max(2, 2 * threads)

    def submit(self, fn: Callable, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def wait_first(self, futures: list) -> list:
        from distributed import wait

        return list(wait(futures, return_when="FIRST_COMPLETED").done)

    def recover(self) -> None:
        pass

    def close(self) -> None:
        pass


def _executor(jobs: Optional[int], client: Any, config: RunConfig):
    if client is not None:
        return _Dask(client)
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1:
        raise QuotekitError(f"--jobs must be 1 or more, not {jobs}")
    return _Serial() if jobs == 1 else _Pool(jobs, config)


# -- the engine ------------------------------------------------------------------------------------------------


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _failure_result(item: InputFailure) -> DocResult:
    return DocResult(item.doc_id, "error", error=item.error, source=item.source)


class _Progress:
    def __init__(self, total: Optional[int], enabled: bool):
        self.bar = None
        if enabled:
            import tqdm

            tqdm.tqdm.monitor_interval = 0  # no monitor thread (worker processes are forked)
            self.bar = tqdm.tqdm(total=total, unit="doc", desc="quotekit", file=sys.stderr, dynamic_ncols=True,
                                 smoothing=0.1)
        self.errors = 0
        self.quotes = 0

    def update(self, results: list[DocResult]) -> None:
        self.errors += sum(r.status != "ok" for r in results)
        self.quotes += sum(len(r.quotes) for r in results)
        if self.bar is not None:
            self.bar.set_postfix(quotes=self.quotes, errors=self.errors, refresh=False)
            self.bar.update(len(results))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run(
    items: Iterator[Item],
    config: RunConfig,
    executor: Any,
    store: Optional[PartStore],
    progress: _Progress,
) -> Iterator[tuple[int, list[DocResult], int]]:
    """Process every batch; yield ``(batch index, results, n resumed)`` as batches finish (any order)."""
    pending: dict[Any, tuple[int, list[int]]] = {}  # future -> (batch, positions of its documents in the batch)
    open_batches: dict[int, dict[str, Any]] = {}
    task_size = getattr(executor, "task_size", None)

    def submit(index: int, positions: list[int]) -> None:
        documents = [open_batches[index]["items"][p] for p in positions]
        pending[executor.submit(process_batch, config, documents)] = (index, positions)

    def handle(future: Any) -> Iterator[tuple[int, list[DocResult], int]]:
        index, todo = pending.pop(future)
        state = open_batches[index]
        try:
            results = future.result()
        except Exception as exc:  # noqa: BLE001 - the task itself died (worker crash, unpicklable result...)
            executor.recover()
            if len(todo) > 1:  # retry its documents one by one to isolate the cause
                for pos in todo:
                    submit(index, [pos])
                return
            results = [DocResult(state["items"][p].doc_id, "error", error=f"worker failed: {type(exc).__name__}: "
                                 f"{exc}"[:500], source=state["items"][p].source) for p in todo]
        for pos, result in zip(todo, results):
            state["results"][pos] = result
        state["remaining"] -= len(todo)
        if state["remaining"] == 0:
            del open_batches[index]
            final = state["results"]
            if store is not None:
                store.save(index, state["fingerprint"], final)
            progress.update(final)
            yield index, final, 0

    def drain(limit: int) -> Iterator[tuple[int, list[DocResult], int]]:
        while len(pending) > limit:
            for future in executor.wait_first(list(pending)):
                yield from handle(future)

    for index, batch in enumerate(_batches(items, config.batch_size)):
        fingerprint = batch_fingerprint(batch)
        if store is not None:
            previous = store.load(index, fingerprint)
            if previous is not None:
                progress.update(previous)
                yield index, previous, len(previous)
                continue
        results: list[Optional[DocResult]] = [None] * len(batch)
        todo = []
        for pos, item in enumerate(batch):
            if isinstance(item, InputFailure):
                results[pos] = _failure_result(item)
            else:
                todo.append(pos)
        open_batches[index] = {"items": batch, "results": results, "todo": todo, "remaining": len(batch),
                               "fingerprint": fingerprint}
        if not todo:
            open_batches[index]["remaining"] = 0
            del open_batches[index]
            if store is not None:
                store.save(index, fingerprint, results)
            progress.update(results)
            yield index, results, 0
            continue
        open_batches[index]["remaining"] = len(todo)
        # unreadable inputs already have their error results; only the documents are shipped
        step = task_size or len(todo)
        for start in range(0, len(todo), step):
            submit(index, todo[start:start + step])
            yield from drain(executor.slots - 1)
    yield from drain(0)


def _prepare(
    source: Any,
    *,
    backend: str,
    model: Optional[str],
    cache_dir: Optional[PathLike],
    batch_size: int,
    speakers: bool,
    stance: bool,
    column_opts: dict[str, Any],
    parser_options: Optional[dict[str, Any]] = None,
    acts: Optional[Iterable[str]] = None,
    targets: Union[None, PathLike, Mapping[str, Sequence[str]]] = None,
    stance_model: Optional[PathLike] = None,
    speaker_model: str = "rules",
) -> tuple[RunConfig, Iterator[Item], tuple[str, ...]]:
    from ..speakers.ranker.plug import check_speaker_model

    suffixes = (".conllu",) if backend == "conllu" else TEXT_SUFFIXES
    config = RunConfig(backend=backend, model=model, cache_dir=None if cache_dir is None else str(cache_dir),
                       speakers=speakers, stance=stance, batch_size=max(1, int(batch_size)), acts=_acts(acts),
                       parser_options=tuple(sorted((parser_options or {}).items())), targets=_user_targets(targets),
                       stance_model=None if stance_model is None else str(Path(stance_model).resolve()),
                       speaker_model=check_speaker_model(speaker_model))
    columns = Columns.from_options(**column_opts)
    items = iter_documents(source, columns=columns, suffixes=suffixes, raw=backend == "conllu")
    return config, items, suffixes


def _acts(acts: Optional[Iterable[str]]) -> Optional[tuple[str, ...]]:
    """The speech-act classes to keep, checked against the lexicon's (an unknown one is the run's error)."""
    if acts is None:
        return None
    from ..attribute.acts import speech_act_classes

    chosen, known = tuple(sorted(set(acts))), speech_act_classes()
    unknown = [a for a in chosen if a not in known]
    if unknown:
        raise QuotekitError(f"unknown speech-act class {', '.join(unknown)}; choose from: {', '.join(known)}")
    return chosen


def _user_targets(targets: Union[None, PathLike, Mapping[str, Sequence[str]]]
                  ) -> Optional[tuple[tuple[str, tuple[str, ...]], ...]]:
    """The user's targets as the worker takes them: a mapping ``{target: aliases}`` or the path of a JSON / CSV
    file of them (:func:`quotekit.stance.targets.load_targets`; a bad file is the run's one error)."""
    if targets is None:
        return None
    from ..stance.targets import load_targets, normalise_targets

    table = normalise_targets(targets) if isinstance(targets, Mapping) else load_targets(targets)
    return tuple(table.items()) or None


def _stance_settings(config: RunConfig) -> dict[str, Any]:
    """What the stance part of a run depends on, for the run's fingerprint (parts made with other targets or
    another model are not reused); loads the model here, once, so a bad model file is the run's error."""
    out: dict[str, Any] = {}
    if config.targets is not None:
        out["targets"] = [[target, list(aliases)] for target, aliases in config.targets]
    if config.stance_model is not None:
        from ..stance.model import trained_scorer

        out["stance_model"] = trained_scorer(config.stance_model).name
    return out


def _speaker_view(record: dict[str, Any]) -> SimpleNamespace:
    """The speaker fields of a quote record, as the attributes :class:`SpeakerIds` reads (cheaper than
    rebuilding the whole :class:`Quote`)."""
    return SimpleNamespace(speaker_entity=record.get("speaker_entity"),
                           speaker_type=record.get("speaker_type") or "unknown",
                           speaker_role=record.get("speaker_role"),
                           speaker_entities=record.get("speaker_entities") or [])

class CorpusPass:
    """What a record gets once the whole corpus has been seen: corpus-level speaker ids and the corpus's stance
    targets. :meth:`observe` every record (as batches finish), then :meth:`apply` to each record."""

    def __init__(self, speaker_ids: bool = True, stance: bool = True):
        self.ids = SpeakerIds() if speaker_ids else None
        self.targets = CorpusTargets() if stance else None

    def observe(self, records: Iterable[dict[str, Any]]) -> None:
        records = list(records)
        if self.ids is not None:  # every speaker name of the corpus
            self.ids.observe(_speaker_view(r) for r in records)
        if self.targets is not None:  # every topic and speaker name the targets need
            self.targets.observe(records)

    def apply(self, record: dict[str, Any]) -> dict[str, Any]:
        if self.ids is not None:
            view = _speaker_view(record)
            record["speaker_id"], record["speaker_ids"] = self.ids.key(view), self.ids.keys(view)
        if self.targets is not None:
            record = self.targets.apply(record)
        return record


def _gc_frozen(fn: Callable) -> Callable:
    """Run ``fn`` with the objects that exist before it (the loaded pipeline, the caller's data) frozen out of the
    garbage collector's reach (:func:`gc.freeze`): full collections during the run skip them, and forked workers
    do not copy their pages. Undone afterwards; left alone when the caller has frozen objects itself."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if gc.get_freeze_count():
            return fn(*args, **kwargs)
        gc.freeze()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.unfreeze()

    return wrapper


@_gc_frozen
def run_corpus(
    source: Any,
    *,
    out: Optional[PathLike] = None,
    format: str = "jsonl",
    manifest: Optional[PathLike] = None,
    backend: str = "spacy",
    model: Optional[str] = None,
    jobs: Optional[int] = None,
    cache_dir: Optional[PathLike] = None,
    client: Any = None,
    resume: bool = True,
    progress: bool = True,
    batch_size: int = 16,
    speakers: bool = True,
    stance: bool = True,
    speaker_ids: bool = True,
    parser_options: Optional[dict[str, Any]] = None,
    acts: Optional[Iterable[str]] = None,
    targets: Union[None, PathLike, Mapping[str, Sequence[str]]] = None,
    stance_model: Optional[PathLike] = None,
    speaker_model: str = "rules",
    **column_opts: Any,
) -> RunSummary:
    """Extract the quotes of every document of ``source`` and write them to ``out``.

    Args:
        source: path(s) (directories of ``.txt``; ``.jsonl`` / ``.csv`` / ``.parquet`` tables), a pandas
            DataFrame, or an iterable of ``str`` / :class:`~quotekit.types.Document`.
        out: output file; ``None`` writes JSONL to stdout (a run to stdout is not resumable).
        format: ``jsonl``, ``csv`` or ``parquet``.
        manifest: JSONL file with one row per input document: ``doc_id``, ``status``, ``n_quotes``, ``error``.
        backend, model: the parser (see :func:`quotekit.parse.load_parser`).
        jobs: worker processes on this machine (default: the number of cores); ignored with ``client``.
        cache_dir: parse cache folder; a second run over the same texts with the same parser never re-parses.
        client: a ``dask.distributed.Client``: run the batches on its cluster.
        resume: continue an interrupted run writing the same ``out`` (its ``OUT.parts/`` folder).
        progress: show a progress bar on stderr.
        batch_size: documents per task (and per parse-cache shard).
        speakers, stance: run speaker resolution / stance scoring.
        speaker_ids: assign corpus-level ``speaker_id`` s before writing.
        parser_options: extra arguments of :func:`quotekit.parse.load_parser` (``{"dir": ...}`` for stanza).
        acts: keep only statements of these speech-act classes (``statement``, ``directive``, ...; see
            :mod:`quotekit.attribute.acts`); None keeps all.
        targets: the user's stance targets, ``{target: aliases}`` or a JSON / CSV file of them
            (:func:`quotekit.stance.targets.load_targets`).
        stance_model: a trained stance model file (``quotekit stance-train``): it scores the quotes and their
            targets instead of the lexicon scorer.
        speaker_model: ``rules`` (default) or ``ranker``: the trained mention ranker resolves pronoun speakers
            (:mod:`quotekit.speakers.ranker.plug`).
        **column_opts: table column names: ``text_column``, ``id_column``, ``date_column``, ``outlet_column``,
            ``url_column``, ``title_column``, ``meta_columns``.

    Returns:
        A :class:`RunSummary`. A document that fails is an error row of the manifest, never an exception.
    """
    if format not in FORMATS:
        raise QuotekitError(f"unknown output format {format!r}; choose one of: {', '.join(FORMATS)}")
    started = time.perf_counter()
    config, items, suffixes = _prepare(source, backend=backend, model=model, cache_dir=cache_dir,
                                       batch_size=batch_size, speakers=speakers, stance=stance,
                                       column_opts=column_opts, parser_options=parser_options, acts=acts,
                                       targets=targets, stance_model=stance_model, speaker_model=speaker_model)
    stance_settings = _stance_settings(config) if stance else {}
    if client is None:
        # fail fast, once: an unknown backend or a missing model is the run's error, not every document's
        # (on a Dask cluster the workers' environment decides, and each worker reports per document)
        config.load_parser()
    from .. import __version__

    settings = {"quotekit": __version__, "backend": backend, "model": model, "batch_size": config.batch_size, "speakers": speakers,
                "stance": stance, **({"acts": list(config.acts)} if config.acts is not None else {}),
                **stance_settings,
                **({"speaker_model": config.speaker_model} if speakers and config.speaker_model != "rules" else {})}
    temporary = None
    if out is not None and str(out) != "-":
        store = PartStore(state_dir_for(out), settings, resume=resume)
    else:
        temporary = tempfile.TemporaryDirectory(prefix="quotekit-run-")
        store = PartStore(temporary.name, settings, resume=False)
    total = count_documents(source, suffixes=suffixes) if progress else None
    bar = _Progress(total, progress)
    executor = _executor(jobs, client, config)
    summary = RunSummary(out=None if out is None else str(out), manifest=None if manifest is None else str(manifest))
    n_batches = 0
    corpus_pass = CorpusPass(speaker_ids, stance)
    try:
        for index, results, resumed in _run(items, config, executor, store, bar):
            n_batches = max(n_batches, index + 1)
            summary.n_resumed += resumed
            corpus_pass.observe(r for result in results for r in result.quotes)  # pass one, as batches finish
    finally:
        executor.close()
        bar.close()

    def records(manifest_handle: Any) -> Iterator[dict[str, Any]]:
        for index in range(n_batches):  # pass two, in input order
            for result in store.read(index):
                summary.n_docs += 1
                summary.n_cached += result.cached
                if result.status != "ok":
                    summary.n_errors += 1
                    if len(summary.errors) < 20:
                        summary.errors.append((result.doc_id, result.error or ""))
                if manifest_handle is not None:
                    manifest_handle.write(_dump(result.manifest_row()))
                for record in result.quotes:
                    summary.n_quotes += 1
                    yield corpus_pass.apply(record)

    if manifest is None:
        write_records(records(None), out, format)
    else:
        try:
            with atomic_writer(manifest, "w", encoding="utf-8", newline="\n") as handle:
                write_records(records(handle), out, format)
        except OSError as exc:
            raise OutputError(f"cannot write {manifest}: {exc}; check the folder exists and is writable") from exc
    store.remove()
    if temporary is not None:
        temporary.cleanup()
    summary.seconds = time.perf_counter() - started
    return summary


def iter_results(
    source: Any,
    *,
    backend: str = "spacy",
    model: Optional[str] = None,
    jobs: Optional[int] = 1,
    cache_dir: Optional[PathLike] = None,
    client: Any = None,
    batch_size: int = 16,
    speakers: bool = True,
    stance: bool = True,
    acts: Optional[Iterable[str]] = None,
    targets: Union[None, PathLike, Mapping[str, Sequence[str]]] = None,
    stance_model: Optional[PathLike] = None,
    speaker_model: str = "rules",
    **column_opts: Any,
) -> Iterator[DocResult]:
    """Yield one :class:`~quotekit.run.worker.DocResult` per document, in input order, as they finish.

    Streams: nothing is written to disk except the parse cache, and only a bounded number of batches is held.
    The records are per document: no corpus-level speaker ids, and every topic target of a document is kept
    (:func:`extract_records` and :func:`run_corpus` keep the ones the corpus repeats).
    """
    config, items, _ = _prepare(source, backend=backend, model=model, cache_dir=cache_dir, batch_size=batch_size,
                                speakers=speakers, stance=stance, column_opts=column_opts, acts=acts,
                                targets=targets, stance_model=stance_model, speaker_model=speaker_model)
    executor = _executor(jobs, client, config)
    waiting: dict[int, list[DocResult]] = {}
    next_index = 0
    try:
        for index, results, _ in _run(items, config, executor, None, _Progress(None, False)):
            waiting[index] = results
            while next_index in waiting:
                yield from waiting.pop(next_index)
                next_index += 1
    finally:
        executor.close()


def iter_quotes(source: Any, **options: Any) -> Iterator[Quote]:
    """Yield the :class:`~quotekit.types.Quote` records of every document of ``source``, in input order.

    Takes the options of :func:`iter_results`. Documents that fail are skipped (use :func:`iter_results` to see
    them); ``speaker_id`` is left empty -- corpus-level ids need the whole corpus (:func:`run_corpus` sets them).
    """
    for result in iter_results(source, **options):
        for record in result.quotes:
            yield Quote.from_dict(record)


def extract_records(
    documents: Any,
    *,
    backend: str = "spacy",
    model: Optional[str] = None,
    jobs: Optional[int] = 1,
    cache_dir: Optional[PathLike] = None,
    progress: bool = False,
    speaker_ids: bool = True,
    **column_opts: Any,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """``(records, failures)`` for every document of ``documents``, held in memory (for notebooks and reports).

    Takes the sources and options of :func:`iter_results`. The records are those :func:`run_corpus` writes, in
    input order, with corpus-level ``speaker_id`` s (unless ``speaker_ids=False``) and stance targets (topics the
    corpus repeats, surnames joined to corpus speakers); ``failures`` are ``(doc_id, error message)`` of the
    documents that could not be processed.
    """
    results: Any = iter_results(documents, backend=backend, model=model, jobs=jobs, cache_dir=cache_dir,
                                **column_opts)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, total=len(documents) if hasattr(documents, "__len__") else None,
                       desc="extracting", unit="doc", file=sys.stderr)
    records: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    for result in results:
        if result.status == "ok":
            records.extend(result.quotes)
        else:
            failures.append((result.doc_id, result.error or "failed"))
    corpus_pass = CorpusPass(speaker_ids, column_opts.get("stance", True))
    corpus_pass.observe(records)
    return [corpus_pass.apply(r) for r in records], failures
