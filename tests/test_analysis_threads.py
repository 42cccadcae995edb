"""Documents analysed at the same time in one process (the threads of a Dask worker) each get their own records:
every per-document state lives on the document's own :class:`~quotekit.analysis.DocAnalysis`."""
from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from quotekit.pipeline import analyze_doc

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
ARTICLES = ("breitbart_2015-12-04_bellwether-county-says-trump-sho.txt",
            "politico_2016-03-01_trump-my-immigration-plans-aren-.txt",
            "politico_2016-02-05_obama-slams-gop-s-doom-and-despa.txt",
            "west-journal_2016-01-18_woman-steps-forward-with-bombshe.txt")
ROUNDS = 25


@pytest.fixture
def frequent_thread_switches():
    """Let the interpreter switch threads every microsecond, so the two analyses interleave finely."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def _records(doc, doc_id: str, text=None) -> list[dict]:
    return [q.to_dict() for q in analyze_doc(doc, doc_id=doc_id, text=text)]


def test_documents_analysed_in_threads_get_their_own_records(spacy_parser, frequent_thread_switches):
    texts = [(SAMPLES / name).read_text(encoding="utf-8") for name in ARTICLES]
    docs = [spacy_parser.parse(text) for text in texts]
    expected = [_records(doc, f"d{n}") for n, doc in enumerate(docs)]
    assert all(len(records) >= 3 for records in expected)
    barrier = threading.Barrier(len(docs))
    got: list[list] = [[] for _ in docs]
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for r in range(ROUNDS):
                barrier.wait(timeout=60)  # both documents start each round together
                text = texts[n] if r % 2 else None  # the worker's path (text known) and the plain one
                got[n].append(_records(docs[n], f"d{n}", text))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(docs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    for n, rounds in enumerate(got):
        assert len(rounds) == ROUNDS
        for r, records in enumerate(rounds):
            assert records == expected[n], (n, r)
