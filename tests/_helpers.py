"""Small helpers shared by the test modules (read outputs, check that record spans index their text)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable


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
