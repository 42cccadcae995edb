"""Named speakers end to end on a PolNeAR-layout gold: is the record's ``speaker_entity`` the person the gold
Source names?

For every gold *speech* attribution (:func:`quotekit.evaluate.is_speech`) that a quote record matches (the
scorer's one-to-one :func:`~quotekit.evaluate.scorer.match`, content Jaccard >= 0.5) and whose Source head
(:func:`~quotekit.evaluate.scorer.parsed_head_span` on quotekit's parse) is a proper noun, the gold name is the
run of adjacent proper nouns around that head ("Rep. Gwen Moore", "The New York Times"). The record is right
when its ``speaker_entity`` (or one of its ``speaker_entities``) ends with the same word as that name (a
generational suffix aside), or, for an organisation named with a post-modifier, all its words are in the Source
and include the name's last word. Errors are
counted by kind: no speaker span, a speaker span not covering the gold head, no entity (by speaker type), or
another entity. Sources that hold a name but whose head is a common noun ("a spokesman for Trump") are left
out: the name is not the speaker there.

    quotekit extract <PolNeAR>/dev/text -o dev.jsonl --cache-dir CACHE
    python benchmarks/named_speakers.py <PolNeAR>/dev dev.jsonl --cache-dir CACHE [--json]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from quotekit.evaluate import PredSpans, is_speech, parse_cached, read_brat_dir
from quotekit.evaluate.resolution import _norm_words
from quotekit.evaluate.scorer import match, parsed_head_span


def gold_name(doc, source) -> tuple[str, tuple[int, int]] | None:
    """The proper-noun run around the Source's head and the head's character span; None if the head is not a
    proper noun."""
    head = parsed_head_span(doc, source)
    if head is None:
        return None
    span = doc.char_span(source[0][0], source[-1][1], alignment_mode="expand")
    token = next((t for t in span if t.idx == head[0]), None)
    if token is None or token.pos_ != "PROPN":
        return None
    first = last = token.i
    while first - 1 >= span.start and doc[first - 1].pos_ == "PROPN":
        first -= 1
    while last + 1 < span.end and doc[last + 1].pos_ == "PROPN":
        last += 1
    return doc[first:last + 1].text, head


GENERATIONAL = {"jr", "sr", "ii", "iii", "iv"}


def last_word(name: str | None) -> str | None:
    """The name's last word, lower-cased, without a generational suffix ("Joseph R. Biden Jr." -> "biden")."""
    words = _norm_words(name)
    while len(words) > 1 and words[-1].rstrip(".") in GENERATIONAL:
        words.pop()
    return words[-1] if words else None


def names_speaker(entity: str | None, name: str, source_text: str) -> bool:
    """The entity names the gold speaker: the same last word as the gold name, or (an organisation named with
    a post-modifier, "the Roper Center for Public Opinion Research") its words all in the gold Source and the
    gold name's last word among them."""
    if not entity:
        return False
    if last_word(entity) == last_word(name):
        return True
    words, source_words = set(_norm_words(entity)), set(_norm_words(source_text))
    return words <= source_words and last_word(name) in words


def score(gold_dir: Path, records: list[dict], cache_dir: Path | None) -> dict:
    by_doc = defaultdict(list)
    for record in records:
        by_doc[str(record["doc_id"])].append(record)
    golds = list(read_brat_dir(gold_dir))
    docs = parse_cached([g.text for g in golds], cache_dir=cache_dir)
    kinds: Counter = Counter()
    examples = []
    n = right = head_not_name = 0
    for gold_doc, doc in zip(golds, docs):
        recs = by_doc.get(gold_doc.doc_id, [])
        preds = [PredSpans.from_record(r) for r in recs]
        for pi, gi, _ in match(gold_doc.text, gold_doc.attributions, preds, 0.5):
            gold = gold_doc.attributions[gi]
            if not gold.source or not is_speech(gold_doc.text, gold):
                continue
            named = gold_name(doc, gold.source)
            if named is None:
                head_not_name += any(t.pos_ == "PROPN" for t in doc.char_span(
                    gold.source[0][0], gold.source[-1][1], alignment_mode="expand") or ())
                continue
            name, head = named
            record = recs[pi]
            n += 1
            entities = list(record.get("speaker_entities") or ()) or [record.get("speaker_entity")]
            speaker = record.get("speaker")
            if not speaker:
                kind = "no speaker span"
            elif not (speaker["start"] <= head[0] and head[1] <= speaker["end"]):
                kind = "speaker span elsewhere"
            elif not any(entities):
                kind = f"no entity ({record.get('speaker_type')})"
            elif any(names_speaker(e, name, gold.text(gold_doc.text, "source")) for e in entities):
                right += 1
                continue
            else:
                kind = "other entity"
            kinds[kind] += 1
            examples.append({"doc": gold_doc.doc_id, "gold": name, "speaker": speaker and speaker["text"],
                             "entity": record.get("speaker_entity"), "type": record.get("speaker_type"),
                             "kind": kind})
    no_entity = sum(v for k, v in kinds.items() if k.startswith("no entity"))
    return {"n": n, "right": right, "share_right": right / n if n else 0.0, "no_entity": no_entity,
            "share_no_entity": no_entity / n if n else 0.0, "errors_by_kind": dict(kinds.most_common()),
            "left_out_head_not_a_name": head_not_name, "errors": examples}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="PolNeAR-layout folder (text/, attributions/)")
    parser.add_argument("records", type=Path, help="quote records (JSONL) of quotekit extract on its text/")
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the full result, errors included")
    args = parser.parse_args()
    with args.records.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    result = score(args.gold, records, args.cache_dir)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        print(json.dumps({k: v for k, v in result.items() if k != "errors"}, indent=1))


if __name__ == "__main__":
    main()
