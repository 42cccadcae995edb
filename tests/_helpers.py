"""Small helpers shared by the test modules (read outputs, check that record spans index their text)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Iterable, Optional

RUN_CORPUS = Path(__file__).resolve().parent / "data" / "run_corpus"


def read_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSON Lines file (blank lines skipped)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def assert_spans_index(text: str, records: Iterable[dict]) -> None:
    """Every content / cue / speaker span of ``records`` satisfies ``text[start:end] == span["text"]``."""
    for record in records:
        for key in ("content", "cue", "speaker"):
            span = record[key]
            if span:
                assert text[span["start"]:span["end"]] == span["text"], (key, span)


def copy_run_corpus(root: Path, *, binary: str, empty: Optional[str] = None) -> Path:
    """The small test corpus (``data/run_corpus``) copied to ``root``, plus an unreadable binary file named
    ``wire/<binary>`` (and an empty one, ``wire/<empty>``)."""
    shutil.copytree(RUN_CORPUS, root)
    if empty is not None:
        (root / "wire" / empty).write_text("  \n", encoding="utf-8")
    (root / "wire" / binary).write_bytes(b"\x00\x01\x02" * 200)
    return root


def resolved_speakers(text: str) -> dict[str, list]:
    """Speaker mention text -> ``[(speaker_entity, speaker_resolved), ...]`` of the quotes quotekit extracts."""
    import quotekit

    out: dict[str, list] = {}
    for q in quotekit.extract(text, stance=False):
        if q.speaker is not None:
            out.setdefault(q.speaker.text, []).append((q.speaker_entity, q.speaker_resolved))
    return out


def resolve_span(parser, text: str, mention: str, occurrence: int = 0) -> tuple:
    """(entity, type) the resolver gives ``mention`` (its ``occurrence``-th appearance in ``text``) handed to it as
    a speaker span: resolution on its own, whatever the attributor would find."""
    from quotekit.speakers import resolve_speakers
    from quotekit.types import Attribution

    doc = parser.parse(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    span = doc.char_span(start, start + len(mention))
    info = resolve_speakers(doc, [Attribution(kind="indirect", content=span, speaker=span)])[0]
    return info.entity, info.type
