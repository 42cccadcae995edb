""":mod:`quotekit.evaluate.resolution`: speaker-resolution accuracy on gold pronoun/nominal speaker mentions.

The gold set (``corpora/resolution-gold/``, see its README) is JSONL, one speaker mention a line::

    {"doc": "<file>.txt", "source": {"start": 525, "end": 527, "text": "He"}, "cue": "said",
     "mention": "pronoun", "entity": "Marco Rubio", "type": "person"}

with the article texts in ``texts/`` next to it. Gold *source spans* are handed to the resolver (as one
:class:`~quotekit.types.Attribution` each), so the score isolates resolution from attribution.

A resolution is correct when its type equals the gold type and, where the gold names an entity, the predicted
entity names the same one: equal after normalisation, or one name's words contained in the other's with the same
last word ("Trump" / "Donald Trump").
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputError

GOLD_FILE = "gold.jsonl"
TEXT_DIR = "texts"


def _norm_words(name: Optional[str]) -> list[str]:
    if not name:
        return []
    text = unicodedata.normalize("NFKC", name).replace("’", "'").lower()
    text = re.sub(r"^(the)\s+", "", text.strip())
    text = re.sub(r"'s\b", "", text)
    return [w for w in re.split(r"[^\w']+", text) if w]


def same_entity(predicted: Optional[str], gold: Optional[str]) -> bool:
    """True when two entity names denote the same entity within one document."""
    p, g = _norm_words(predicted), _norm_words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    return p[-1] == g[-1] and (set(p) <= set(g) or set(g) <= set(p))


def read_resolution_gold(path: Union[str, Path]) -> tuple[list[dict[str, Any]], Path]:
    """The gold rows and the folder holding their texts (``path`` is the gold folder or its JSONL file)."""
    path = Path(path)
    gold_file = path / GOLD_FILE if path.is_dir() else path
    if not gold_file.is_file():
        raise InputError(f"no resolution gold file here; pass the folder holding {GOLD_FILE} or the file itself",
                         path=path)
    rows = []
    with gold_file.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row["source"]["start"], row["source"]["end"]
                row["doc"], row["type"]
            except (ValueError, KeyError, TypeError) as error:
                raise InputError(f"bad resolution gold row ({error}); each line needs doc, source{{start,end,text}}, "
                                 "entity, type", path=gold_file, line=line_no) from error
            rows.append(row)
    return rows, gold_file.parent / TEXT_DIR


def evaluate_resolution(gold_dir_or_file: Union[str, Path], parser=None) -> dict[str, Any]:
    """Resolve every gold speaker mention in context and score it.

    Returns ``{"accuracy", "n", "correct", "type_accuracy", "by_mention": {pronoun|nominal: {...}},
    "per_article": {doc: {"n", "correct", "accuracy"}}, "errors": [...]}``.
    """
    from ..parse import load_parser
    from ..speakers import resolve_speakers
    from ..types import Attribution

    rows, text_dir = read_resolution_gold(gold_dir_or_file)
    parser = parser or load_parser("spacy")
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    per_article: dict[str, dict[str, Any]] = {}
    by_mention: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    correct = typed = 0
    errors = []
    for doc_name in sorted(by_doc):
        text_path = text_dir / doc_name
        try:
            with text_path.open(encoding="utf-8", newline="") as handle:
                text = handle.read()
        except FileNotFoundError as error:
            raise InputError("article text of the resolution gold is missing; copy it next to the gold file",
                             path=text_path) from error
        doc = parser.parse(text)
        items = by_doc[doc_name]
        attributions = []
        for row in items:
            span = doc.char_span(row["source"]["start"], row["source"]["end"], alignment_mode="expand")
            if span is None:
                raise InputError(f"gold span {row['source']} does not fit the text", path=text_path)
            attributions.append(Attribution(kind="indirect", content=span, speaker=span))
        infos = resolve_speakers(doc, attributions)
        n_ok = 0
        for row, info in zip(items, infos):
            ok_type = info.type == row["type"]
            ok = ok_type and (row.get("entity") is None or same_entity(info.entity, row["entity"]))
            typed += ok_type
            n_ok += ok
            stats = by_mention[row.get("mention", "other")]
            stats[0] += 1
            stats[1] += ok
            if not ok:
                errors.append({"doc": doc_name, "source": row["source"]["text"], "start": row["source"]["start"],
                               "gold": [row.get("entity"), row["type"]], "predicted": [info.entity, info.type]})
        correct += n_ok
        per_article[doc_name] = {"n": len(items), "correct": n_ok, "accuracy": n_ok / len(items)}
    n = len(rows)
    return {
        "accuracy": correct / n if n else 0.0,
        "n": n,
        "correct": correct,
        "type_accuracy": typed / n if n else 0.0,
        "by_mention": {k: {"n": v[0], "correct": v[1], "accuracy": v[1] / v[0]} for k, v in sorted(by_mention.items())},
        "per_article": per_article,
        "errors": errors,
    }
