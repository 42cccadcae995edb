""":mod:`quotekit.measures.gender_eval`: score source gender against a gold set of speakers.

The gold (``corpora/gender-gold/gold.jsonl``) names a speaker per document with the gender its text states
(``unknown`` when it does not). A gold speaker is matched to the speakers quotekit found in that document whose
name has the same last word and, when both names have two or more words, the same first word; among several,
the one with the strongest evidence, then the most quotes.

Command line (the texts are PolNeAR's and are not bundled)::

    quotekit extract <PolNeAR>/dev/text -o dev.jsonl
    python -m quotekit.measures.gender_eval corpora/gender-gold/gold.jsonl dev.jsonl <PolNeAR>/dev/text
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from ..errors import InputError
from .gender import EVIDENCE, name_words, speaker_genders


def read_gold(path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if row["gender"] not in ("female", "male", "unknown"):
                    raise ValueError(f"gender {row['gender']!r}")
                out.append({"doc_id": str(row["doc_id"]), "speaker": str(row["speaker"]), "gender": row["gender"],
                            "evidence": row.get("evidence")})
            except (ValueError, KeyError, TypeError) as error:
                raise InputError(f"not a gold speaker line ({error})", path=path, line=n) from error
    return out


def _same_person(gold: str, found: str) -> bool:
    a, b = [w.lower().strip(".") for w in name_words(gold)], [w.lower().strip(".") for w in name_words(found)]
    if not a or not b or a[-1] != b[-1]:
        return False
    return len(a) < 2 or len(b) < 2 or a[0] == b[0]


def evaluate_gender(gold: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]],
                    texts: Mapping[str, str], **options: Any) -> dict[str, Any]:
    """Figures of :func:`quotekit.measures.gender.speaker_genders` against ``gold``.

    Returns a dict: ``n_gold``; ``n_found`` (gold speakers quotekit attributes a quote to, as a person);
    ``n_not_person`` (found, but typed organisation/anonymous/unknown, so no gender);
    ``stated`` (gold female/male among those found: ``n, correct, wrong, left_unknown, accuracy`` (correct / n),
    ``precision`` (correct / given a gender)); ``unstated`` (gold unknown among those found: ``n, left_unknown,
    given`` with the evidence used); ``by_evidence`` (predicted evidence -> correct/wrong/unstated counts); and
    ``errors`` (the wrong and unstated-but-given cases, for reading).
    """
    records = list(records)
    docs = {str(g["doc_id"]) for g in gold}
    records = [r for r in records if str(r.get("doc_id")) in docs]
    table = speaker_genders(records, {d: texts[d] for d in docs if d in texts}, **options) if records else None
    rank = {e: i for i, e in enumerate(EVIDENCE)}
    stated = Counter()
    unstated = Counter()
    by_evidence: dict[str, Counter] = {}
    errors = []
    n_found = n_not_person = 0
    for g in gold:
        rows = [] if table is None else [r for r in table[table["doc_id"] == g["doc_id"]].itertuples(index=False)
                                         if _same_person(g["speaker"], r.speaker)]
        if not rows:
            continue
        persons = [r for r in rows if r.speaker_type == "person"]
        if not persons:
            n_not_person += 1
            continue
        n_found += 1
        best = min(persons, key=lambda r: (rank[r.evidence], -r.n_quotes))
        if g["gender"] in ("female", "male"):
            stated["n"] += 1
            outcome = ("left_unknown" if best.gender == "unknown" else
                       "correct" if best.gender == g["gender"] else "wrong")
            stated[outcome] += 1
        else:
            unstated["n"] += 1
            outcome = "left_unknown" if best.gender == "unknown" else "unstated_given"
            unstated[outcome if outcome == "left_unknown" else f"given_by_{best.evidence}"] += 1
        by_evidence.setdefault(best.evidence, Counter())[outcome] += 1
        if outcome in ("wrong", "unstated_given"):
            errors.append({"doc_id": g["doc_id"], "speaker": g["speaker"], "gold": g["gender"],
                           "predicted": best.gender, "evidence": best.evidence, "evidence_text": best.evidence_text})
    given = stated["correct"] + stated["wrong"]
    return {
        "n_gold": len(gold), "n_found": n_found, "n_not_person": n_not_person,
        "stated": {"n": stated["n"], "correct": stated["correct"], "wrong": stated["wrong"],
                   "left_unknown": stated["left_unknown"],
                   "accuracy": stated["correct"] / stated["n"] if stated["n"] else None,
                   "precision": stated["correct"] / given if given else None},
        "unstated": dict(unstated),
        "by_evidence": {k: dict(v) for k, v in sorted(by_evidence.items(), key=lambda kv: rank[kv[0]])},
        "errors": errors,
    }


def main(argv: Optional[list[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    gold_path, records_path, text_dir = args
    gold = read_gold(gold_path)
    records = [json.loads(line) for line in open(records_path, encoding="utf-8") if line.strip()]
    texts = {}
    for doc_id in {g["doc_id"] for g in gold}:
        path = Path(text_dir) / f"{doc_id}.txt"
        if not path.is_file():
            raise InputError(f"no text for gold document {doc_id!r}; point at the folder of PolNeAR texts", path=path)
        with open(path, encoding="utf-8", newline="") as handle:
            texts[doc_id] = handle.read().lstrip("\ufeff")
    for label, options in (("within documents", {"across_documents": False}),
                           ("within documents, no name lexicon", {"across_documents": False, "names": {}})):
        result = evaluate_gender(gold, records, texts, **options)
        errors = result.pop("errors")
        print(f"## {label}")
        print(json.dumps(result, indent=1))
        for e in errors:
            print("  ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
