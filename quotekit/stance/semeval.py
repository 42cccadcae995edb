""":mod:`quotekit.stance.semeval`: evaluate stance toward abstract targets on SemEval-2016 task 6 data.

Mohammad et al. 2016, "SemEval-2016 Task 6: Detecting Stance in Tweets". Each tweet has a target ("Atheism",
"Hillary Clinton", ...) and a gold label FAVOR / AGAINST / NONE. The measure is F_avg, the mean of the F1 of
FAVOR and the F1 of AGAINST; *overall* pools every tweet (the task's official micro average), and the mean of the
per-target figures is given as ``macro``.

Two systems are compared:

* ``baseline``: VADER compound of the whole tweet, >= 0.05 FAVOR, <= -0.05 AGAINST, else NONE;
* ``targeted``: quotekit's targeted stance. A target lexicon (``quotekit/lexicons/semeval_targets.json``) maps each
  abstract target to words and phrases that mention it or its opposite, each with a sign (+1: positive about it
  means FAVOR; -1: positive about it means AGAINST, e.g. praising God vs. Atheism), plus priors for terms whose use
  alone signals a side (#prolife, #feminazi). A tweet's score is ``sum(sign * neighbourhood polarity of each
  mention) + sum(priors)``; when mentions are found but that sum stays undecided (below the threshold), the whole
  tweet's VADER compound times the mentions' majority sign is added (``backoff``, weight :data:`BACKOFF_WEIGHT`).
  Tweets with no mention and no prior are NONE.

Development protocol: the lexicons were written from the target descriptions; the two design choices made after
looking at scores (the backoff condition, the pronouns of the one person target) were chosen on the odd tweet ids
only and checked on the even ids (see the project report).
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Sequence, Union

from spacy.tokens import Doc

from ..errors import InputError
from ..lexicons import load_json
from .scorers import VaderScorer
from .targeted import target_polarity

LABELS = ("FAVOR", "AGAINST", "NONE")
THRESHOLD = 0.05
BACKOFF_WEIGHT = 0.5
_TAG_RE = re.compile(r"#semst\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[#@]?([\w][\w'’-]*)", re.UNICODE)


@dataclass(frozen=True)
class Example:
    """One SemEval tweet."""

    id: str
    target: str
    text: str
    gold: str


@dataclass
class Scores:
    """F1 of FAVOR and AGAINST and their mean (F_avg) over some examples."""

    n: int
    f_favor: float
    f_against: float

    @property
    def f_avg(self) -> float:
        return (self.f_favor + self.f_against) / 2

    def to_dict(self) -> dict:
        return {"n": self.n, "f_favor": round(self.f_favor, 4), "f_against": round(self.f_against, 4),
                "f_avg": round(self.f_avg, 4)}


def read_semeval(path: Union[str, Path]) -> list[Example]:
    """Read a SemEval-2016 task 6 TSV (``ID, Target, Tweet, Stance`` header; UTF-8, or Latin-1 as found in the wild)."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    wanted = ["ID", "Target", "Tweet", "Stance"]
    if header is None or [h.strip() for h in header[:4]] != wanted:
        raise InputError(f"expected a header {' TAB '.join(wanted)!r}; is this the SemEval-2016 task 6 file?",
                         path=path, line=1)
    examples = []
    for lineno, row in enumerate(reader, start=2):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 4:
            raise InputError(f"expected 4 tab-separated fields, found {len(row)}", path=path, line=lineno)
        gold = row[3].strip().upper()
        if gold not in LABELS:
            raise InputError(f"unknown stance label {row[3]!r}; expected one of {', '.join(LABELS)}", path=path,
                             line=lineno)
        examples.append(Example(row[0].strip(), row[1].strip(), row[2], gold))
    return examples


def clean_tweet(text: str) -> str:
    """Text handed to the parser: the ``#SemST`` marker removed, ``#``/``@`` dropped so hashtags parse as words."""
    text = _TAG_RE.sub(" ", text)
    return re.sub(r"[#@](?=\w)", "", text).strip()


@dataclass
class TargetLexicon:
    """Signed mentions and priors of one abstract target (see ``quotekit/lexicons/semeval_targets.json``)."""

    target: str
    mentions: dict[str, int]
    priors: dict[str, float]
    _pattern: Optional[re.Pattern] = field(default=None, repr=False)

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            phrases = sorted(self.mentions, key=lambda p: (-len(p), p))
            self._pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w])")
        return self._pattern


@lru_cache(maxsize=1)
def target_lexicons() -> dict[str, TargetLexicon]:
    data = load_json("semeval_targets")["targets"]
    return {name: TargetLexicon(name, {k.lower(): int(v) for k, v in entry["mentions"].items()},
                                {k.lower(): float(v) for k, v in entry.get("priors", {}).items()})
            for name, entry in data.items()}


def mentions(doc: Doc, lex: TargetLexicon) -> list[tuple[tuple, int]]:
    """Token tuples of ``doc`` mentioning the target or its opposite, each with its sign (longest match first)."""
    found, taken = [], set()
    for m in lex.pattern.finditer(doc.text.lower()):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        taken.update(t.i for t in span)
        found.append((tuple(span), lex.mentions[m.group(1)]))
    return found


def prior_score(raw_text: str, lex: TargetLexicon) -> float:
    """Sum of the priors of the words and hashtags of the raw tweet."""
    total = 0.0
    for m in _WORD_RE.finditer(_TAG_RE.sub(" ", raw_text)):
        word = m.group(1).lower()
        if m.group(0).startswith("#") and "#" + word in lex.priors:
            total += lex.priors["#" + word]  # a self-labelling hashtag
        else:
            total += lex.priors.get(word, 0.0)
    return total


def to_label(score: float, threshold: float = THRESHOLD) -> str:
    if score >= threshold:
        return "FAVOR"
    if score <= -threshold:
        return "AGAINST"
    return "NONE"


def targeted_score(doc: Doc, raw_text: str, target: str, *, backoff: bool = True,
                   compound: Optional[float] = None) -> float:
    """The targeted system's stance score of one parsed tweet toward ``target`` (see module notes)."""
    lexicons = target_lexicons()
    if target not in lexicons:
        raise InputError(f"no target lexicon for {target!r}; add it to quotekit/lexicons/semeval_targets.json "
                         f"(known: {', '.join(sorted(lexicons))})")
    lex = lexicons[target]
    found = mentions(doc, lex)
    score = prior_score(raw_text, lex)
    for tokens, sign in found:
        score += sign * target_polarity(tokens)
    if found and abs(score) < THRESHOLD and backoff:
        majority = 1 if sum(sign for _, sign in found) >= 0 else -1
        score += BACKOFF_WEIGHT * majority * (compound if compound is not None else VaderScorer()(raw_text))
    return score


def f_scores(gold: Sequence[str], pred: Sequence[str]) -> Scores:
    """F1 of FAVOR and of AGAINST (0 when undefined)."""
    out = []
    for label in ("FAVOR", "AGAINST"):
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        out.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return Scores(len(gold), out[0], out[1])


def parse_tweets(texts: Sequence[str], *, cache_dir: Optional[Union[str, Path]] = None, batch_size: int = 64) -> list[Doc]:
    """Parse with the spaCy backend (``nlp.pipe`` batches); with ``cache_dir``, reuse and fill the run engine's
    parse cache (:mod:`quotekit.run.cache`, the one ``quotekit extract --cache-dir`` uses)."""
    from ..parse import load_parser
    from ..run.cache import parse_with_cache
    from ..types import Document

    documents = [Document(f"tweet-{i}", text) for i, text in enumerate(texts)]
    docs, _ = parse_with_cache(load_parser("spacy"), documents, cache_dir=cache_dir, batch_size=batch_size)
    for doc in docs:
        if isinstance(doc, Exception):
            raise doc
    return docs


def evaluate(examples: Sequence[Example], *, docs: Optional[Sequence[Doc]] = None,
             cache_dir: Optional[Union[str, Path]] = None, backoff: bool = True) -> dict:
    """Per-target and overall F_avg of the targeted scorer and the VADER-compound baseline.

    Returns ``{"systems": {"targeted": {...}, "baseline": {...}}, "targets": [...], "n": ...}`` where each system
    maps ``"overall"`` (pooled), ``"macro"`` (mean over targets) and every target name to :meth:`Scores.to_dict`.
    """
    if docs is None:
        docs = parse_tweets([clean_tweet(e.text) for e in examples], cache_dir=cache_dir)
    vader = VaderScorer()
    compounds = [vader(_TAG_RE.sub(" ", e.text)) for e in examples]
    preds = {
        "baseline": [to_label(c) for c in compounds],
        "targeted": [to_label(targeted_score(d, e.text, e.target, backoff=backoff, compound=c))
                     for d, e, c in zip(docs, examples, compounds)],
    }
    targets = sorted({e.target for e in examples})
    gold = [e.gold for e in examples]
    result: dict = {"n": len(examples), "targets": targets, "systems": {}}
    for system, pred in preds.items():
        table = {"overall": f_scores(gold, pred).to_dict()}
        for target in targets:
            idx = [i for i, e in enumerate(examples) if e.target == target]
            table[target] = f_scores([gold[i] for i in idx], [pred[i] for i in idx]).to_dict()
        table["macro"] = {"f_avg": round(sum(table[t]["f_avg"] for t in targets) / len(targets), 4) if targets else 0.0}
        result["systems"][system] = table
    return result


def format_table(result: dict) -> str:
    """A plain-text table of F_avg per target for both systems."""
    rows = [("target", "n", "targeted", "baseline")]
    t, b = result["systems"]["targeted"], result["systems"]["baseline"]
    for name in result["targets"] + ["overall"]:
        rows.append((name, str(t[name]["n"]), f"{t[name]['f_avg']:.4f}", f"{b[name]['f_avg']:.4f}"))
    rows.append(("macro (mean of targets)", "", f"{t['macro']['f_avg']:.4f}", f"{b['macro']['f_avg']:.4f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in rows)
