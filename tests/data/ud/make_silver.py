"""Regenerate ``silver_train.conllu``: sentences of the bundled corpus parsed by spaCy, converted to UD.

Run from the repository root: ``python tests/data/ud/make_silver.py``. Deterministic for a given spaCy model
and :mod:`quotekit.parse.ud`. The output is *silver* (machine-parsed) data, only good for training the tiny
stanza models the tests use to exercise the stanza code path.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SOURCES = sorted((ROOT / "corpora" / "samples").glob("*.txt")) + sorted((ROOT / "corpora" / "seed").glob("*.txt"))
N_SENTENCES = 200
# UD v2 universal relations; sentences with any other label (a conversion gap) are left out
UD_RELATIONS = frozenset(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det discourse dislocated "
    "expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl orphan parataxis punct reparandum root "
    "vocative xcomp".split()
)


def conllu_sentence(sent, sent_id: str) -> str:
    start = sent[0].i
    lines = [f"# sent_id = {sent_id}", f"# text = {sent.text}"]
    for k, token in enumerate(sent, start=1):
        head = 0 if token.head.i == token.i else token.head.i - start + 1
        misc = "SpaceAfter=No" if not token.whitespace_ and k < len(sent) else "_"
        cols = [str(k), token.text, token.lemma_ or "_", token.pos_ or "X", token.tag_ or "_",
                str(token.morph) or "_", str(head), token.dep_, "_", misc]
        lines.append("\t".join(cols))
    return "\n".join(lines) + "\n"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from quotekit.parse import load_parser

    parser = load_parser("spacy")
    out = []
    for path in SOURCES:
        doc = parser.parse(path.read_text(encoding="utf-8"))
        for n, sent in enumerate(doc.sents):
            while len(sent) and sent[-1].is_space:  # spaCy keeps paragraph breaks at the end of a sentence
                sent = sent[:-1]
            while len(sent) and sent[0].is_space:
                sent = sent[1:]
            # whole, ordinary sentences only: no whitespace tokens, a verb, 5-40 tokens, ends in punctuation
            if not 5 <= len(sent) <= 40 or any(t.is_space or "\n" in t.text for t in sent):
                continue
            if sent[-1].pos_ != "PUNCT" or not any(t.pos_ in ("VERB", "AUX") for t in sent):
                continue
            if any(t.dep_.split(":")[0] not in UD_RELATIONS for t in sent):
                continue
            if sum(1 for t in sent if t.head.i == t.i) != 1:
                continue
            out.append(conllu_sentence(sent, f"{path.stem[:40]}-{n}"))
            if len(out) >= N_SENTENCES:
                break
        if len(out) >= N_SENTENCES:
            break
    target = HERE / "silver_train.conllu"
    target.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} sentences to {target.relative_to(ROOT)} ({parser.name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
