""":mod:`quotekit.run.dask`: run a corpus on a Dask cluster (``dask.distributed``).

Each batch of documents is one task calling the pure function :func:`quotekit.run.worker.process_batch`; every
worker loads the parser once (cached per process) and keeps it for all its tasks. The client process streams the
input, keeps a bounded number of tasks in flight, saves each finished batch as a part file and merges them in
input order, so the records are identical to a local run's. See ``docs/dask.md``.
"""
from __future__ import annotations

from typing import Any, Union

from ..errors import MissingDependencyError
from .corpus import RunSummary, run_corpus

__all__ = ["connect", "run_on_client"]


def connect(address: Union[str, Any]) -> Any:
    """A ``distributed.Client`` for a scheduler address (``tcp://host:8786``) or a scheduler file (``*.json``)."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise MissingDependencyError("distributed", "running on a Dask cluster",
                                     'pip install "quotekit[dask]"') from exc
    if isinstance(address, str) and address.endswith(".json"):
        return Client(scheduler_file=address)
    return Client(address)


def run_on_client(client: Any, source: Any, **options: Any) -> RunSummary:
    """Run :func:`quotekit.run.run_corpus` with its batches as tasks on ``client``'s cluster.

    Takes every option of :func:`~quotekit.run.run_corpus` except ``jobs`` (the cluster decides). A parse cache
    (``cache_dir``) must be a folder every worker can reach, such as a shared file system.
    """
    options.pop("jobs", None)
    return run_corpus(source, client=client, **options)
