""":mod:`quotekit.attribute.boundaries`: where a candidate's content starts and ends, chosen by a trained model.

The rules place a content's edges from the parse; on news text a good share of them is off: a trailing aside of
the reporter or a following clause kept (``"...," an intelligence source``), a coordinated clause of the
quotation left out, or the cue's object left out. For each candidate a few other edges are proposed, cheaply and
locally (:func:`edge_options`): for the start, after a comma / dash / semicolon near it, after a leading
conjunction, right after its cue, the start of its sentence; for the end, before one of the last commas / dashes /
semicolons / conjunctions, the next clause boundary, the end of its sentence. Each option is described by named values
(:func:`option_features`: what it cuts or adds, the parse of that material, quotation marks left unbalanced,
sentence ends reached; :func:`relative_places`: where it stands among the other options of its edge) and a tree
model of the same stored form as the acceptance model scores them; the best-scoring option of each edge wins
(:func:`choose_edges`), the proposed one unless another scores higher.

Only the start of the first piece and the end of the last piece move (:attr:`~quotekit.types.Attribution.content_parts`
keep their inner gaps). No option crosses the candidate's cue or speaker.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Optional, Sequence

import numpy
from spacy import parts_of_speech as spacy_pos

from ..types import Attribution
from ..lexicons import QUOTATION_MARK_TOKENS, speech_verbs

if TYPE_CHECKING:  # pragma: no cover
    from .model import AcceptanceModel, DocFacts, Features

CUT_MARKS = frozenset({",", ";", ":", "—", "–", "--", "-", "("})
"""Tokens at which a content may be cut: the content then ends before one, or starts after one."""
QUOTE_MARKS = QUOTATION_MARK_TOKENS
CONJUNCTIONS = frozenset({"and", "but", "or", "so", "yet"})
OPERATIONS = ("cut", "drop_conjunction", "after_cue", "sentence_start", "extend_clause", "sentence_end")
"""The operations that propose edge options (see :func:`edge_options`); an edge model scores only these. (The
start of the sentence before and the end of the next one were options too, a quarter of all options; on PolNeAR
train they were the best edge of a candidate in under 1% of the cases, and once each option's place among the
others is known (:func:`relative_places`) the model fixed as many edges without them, by 5-fold CV.)"""
MAX_CUTS = 2
"""Cut options per edge: the cuts nearest the proposed edge (a trailing aside is at the end, a leading one at the
start). On PolNeAR train a third cut was the best option of its edge in under 0.5% of the candidates."""
MAX_EXTENSION = 80
"""An extension adds at most this many tokens (a long next sentence is rarely the same statement)."""


_WORD_POS = {"PUNCT": False, "SPACE": False, "SYM": False}
"""Parts of speech that are not words (any other is)."""
_VERB_POS = frozenset({"VERB", "AUX"})
_VERB_ID = int(spacy_pos.IDS["VERB"])
"""spaCy's id of the part of speech VERB (the token table's POS column holds ids)."""


@dataclass(frozen=True)
class EdgeOption:
    """One possible edge of a candidate's content: ``side`` ``start`` (a token index, the first token) or ``end``
    (exclusive), produced by operation ``op`` (``proposed``, ``cut``, ``extend_clause`` ...)."""

    side: str
    op: str
    position: int


# ---- per-document columns, computed once ----------------------------------------------------------------------
@dataclass
class EdgeColumns:
    """Prefix sums and flags of one document's tokens that the option features read in constant time."""

    lower: list
    pos: list
    dep: list
    head: list
    is_space: list
    sent_start: list
    sent_end: list
    para: list
    cut: list
    marks: list[int]
    words: list[int]
    verbs: list[int]
    speech: list[int]
    cues: list[int]


def edge_columns(facts: "DocFacts") -> EdgeColumns:
    """The columns of ``facts``' document that :func:`edge_options` and :func:`option_features` read (kept in
    ``facts.summaries`` so that every candidate of the document shares them)."""
    key = ("edge_columns", 0)
    cached = facts.summaries.get(key)
    if cached is not None:
        return cached["columns"]
    table = facts.analysis.table
    lower, pos, dep = table.lower, table.pos, table.dep
    n = len(lower)
    lemma_id, verbs_lexicon, speech_lemmas = table.lemma_id, speech_verbs(), {}

    def prefix(flags) -> list[int]:
        return list(accumulate(flags, initial=0))

    speech = [False] * n
    for i in numpy.flatnonzero(table.column("POS") == _VERB_ID).tolist():
        lemma = lemma_id[i]  # a speech verb's lemma, looked up once per lemma of the document
        found = speech_lemmas.get(lemma)
        if found is None:
            found = speech_lemmas[lemma] = table.string(lemma).lower() in verbs_lexicon
        speech[i] = found
    cue_flags = [0] * n
    for att in facts.candidates:
        if att.cue is not None:
            cue_flags[att.cue.start:att.cue.end] = [1] * len(att.cue)
    columns = EdgeColumns(
        lower=lower, pos=pos, dep=dep, head=table.head, is_space=table.is_space,
        sent_start=table.sent_start, sent_end=table.sent_end, para=facts.para,
        cut=list(map(CUT_MARKS.__contains__, lower)),
        marks=prefix(map(QUOTE_MARKS.__contains__, lower)),
        words=prefix(map(_WORD_POS.get, pos, repeat(True))),
        verbs=prefix(map(_VERB_POS.__contains__, pos)),
        speech=prefix(speech),
        cues=prefix(cue_flags),
    )
    facts.summaries[key] = {"columns": columns}  # type: ignore[dict-item]
    return columns


def _count(prefix: list[int], start: int, end: int) -> int:
    return prefix[end] - prefix[start] if end > start else 0


# ---- options --------------------------------------------------------------------------------------------------
def _blocked(att: Attribution) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in (att.cue, att.speaker) if s is not None and len(s)]


def _crosses(start: int, end: int, blocked: Sequence[tuple[int, int]], content: tuple[int, int]) -> bool:
    """Whether ``start:end`` takes in a cue or speaker token the proposed content ``content`` did not."""
    return any(bs < end and start < be and not (content[0] <= bs and be <= content[1]) for bs, be in blocked)


def edge_options(att: Attribution, facts: "DocFacts") -> tuple[list[EdgeOption], list[EdgeOption]]:
    """(start options, end options) of a candidate, each list led by the proposed edge, without repeats."""
    c = edge_columns(facts)
    pieces = att.pieces()
    first, last = pieces[0], pieces[-1]
    s, e = att.content.start, att.content.end
    blocked = _blocked(att)
    starts = [EdgeOption("start", "proposed", s)]
    ends = [EdgeOption("end", "proposed", e)]

    def skip_space(i: int, limit: int) -> int:
        while i < limit and c.is_space[i]:
            i += 1
        return i

    def trim_end(j: int, floor: int) -> int:
        while j > floor and c.is_space[j - 1]:
            j -= 1
        return j

    def add(options: list, op: str, position: int) -> None:
        """Add an option that moves the edge over some words, keeps some words in its piece and takes in no cue
        or speaker token."""
        if op not in OPERATIONS or any(o.position == position for o in options):
            return
        if (options is starts and position < s and c.lower[s] in QUOTE_MARKS) or \
                (options is ends and position > e and c.lower[e - 1] in QUOTE_MARKS):
            return  # a quotation mark at the content's edge is a certain boundary: it may shrink, never grow
        lo, hi = (position, s) if options is starts else (e, position)
        lo, hi = min(lo, hi), max(lo, hi)
        kept = (position, first.end) if options is starts else (last.start, position)
        if not _count(c.words, lo, hi) or not _count(c.words, *kept) or _crosses(lo, hi, blocked, (s, e)):
            return
        options.append(EdgeOption(options[0].side, op, position))

    # start: cuts after a mark near the start, a leading conjunction, after the cue, the sentence
    cuts = 0
    for i in range(s, first.end - 1):
        if cuts >= MAX_CUTS:
            break
        if c.cut[i] and i > s:
            position = skip_space(i + 1, first.end)
            if position < first.end:
                add(starts, "cut", position)
                cuts += 1
    if c.lower[s] in CONJUNCTIONS and s + 1 < first.end:
        add(starts, "drop_conjunction", skip_space(s + 1, first.end))
    cue = att.cue
    if cue is not None and len(cue) and cue.end < s and s - cue.end <= MAX_EXTENSION:
        add(starts, "after_cue", skip_space(cue.end, s))
    sentence = c.sent_start[s]
    if sentence < s and s - sentence <= MAX_EXTENSION:
        add(starts, "sentence_start", skip_space(sentence, s))

    # end: cuts before one of the last marks or conjunctions, the next clause, the sentence
    cuts = 0
    for i in range(e - 1, last.start + 1, -1):
        if cuts >= MAX_CUTS:
            break
        if c.cut[i] or (c.lower[i] in CONJUNCTIONS and c.dep[i] == "cc"):
            position = trim_end(i, last.start + 1)
            if position > last.start:
                add(ends, "cut", position)
                cuts += 1
    last_token = e - 1
    sentence_end = c.sent_end[last_token]
    j = e + 1
    while j < sentence_end and not c.cut[j]:
        j += 1
    if e < j <= sentence_end and j - e <= MAX_EXTENSION:
        add(ends, "extend_clause", trim_end(j, e))
    if sentence_end > e and sentence_end - e <= MAX_EXTENSION:
        add(ends, "sentence_end", trim_end(sentence_end, e))
    return starts, ends


# ---- features of an option ------------------------------------------------------------------------------------
def _log(n: int) -> float:
    return math.log1p(max(n, 0))


def option_features(att: Attribution, option: EdgeOption, facts: "DocFacts", base: "Features") -> "Features":
    """Named values of one edge option: the operation, what it cuts or adds (size, parse, marks, verbs, cues of
    other candidates), and what the content becomes (quotation marks balanced, sentence edges), beside ``base``
    (the candidate's own values, :func:`candidate_edge_features`)."""
    c = edge_columns(facts)
    pos, lower, head, marks_before = c.pos, c.lower, c.head, c.marks
    s, e = att.content.start, att.content.end
    position, at_start = option.position, option.side == "start"
    start, end = (position, e) if at_start else (s, position)
    out: Features = dict(base)
    out[f"op={option.side}_{option.op}"] = 1.0
    if at_start:
        lo, hi = (position, s) if position <= s else (s, position)
        added = position < s
    else:
        lo, hi = (e, position) if e <= position else (position, e)
        added = position > e
    sign = 1.0 if added else -1.0
    words = _count(c.words, lo, hi)
    content_words = max(_count(c.words, s, e), 1)
    out["delta_words"] = sign * _log(words)
    out["delta_share"] = sign * min(words / content_words, 4.0)
    if hi > lo:
        out["delta_marks"] = float(min(marks_before[hi] - marks_before[lo], 4))
        out["delta_verbs"] = float(min(c.verbs[hi] - c.verbs[lo], 4))
        out["delta_speech_verbs"] = float(min(c.speech[hi] - c.speech[lo], 2))
        out["delta_other_cues"] = float(min(c.cues[hi] - c.cues[lo], 2))
        out["delta_sentences"] = float(min(c.sent_start[hi - 1] != c.sent_start[lo], 1))
        out["delta_paragraphs"] = float(c.para[hi - 1] != c.para[lo])
        # the first word of the material and the token at the edge itself
        edge = lo - 1 if not at_start and not added else (hi if at_start and not added
                                                           else (lo if not at_start else hi - 1))
        first = next((i for i in range(lo, hi) if pos[i] not in ("PUNCT", "SPACE")), lo)
        out[f"delta_first_pos={pos[first]}"] = 1.0
        out[f"delta_first_dep={c.dep[first].split(':')[0]}"] = 1.0
        if 0 <= edge < len(lower):
            token = lower[edge] if pos[edge] in ("PUNCT", "CCONJ", "SCONJ") else pos[edge]
            out[f"edge_token={token}"] = 1.0
        top = next((i for i in range(lo, hi) if not (lo <= head[i] < hi)), lo)
        out[f"delta_head_dep={c.dep[top].split(':')[0]}"] = 1.0
        out[f"delta_head_pos={pos[top]}"] = 1.0
        out["delta_head_attached_inside"] = float(min(s, e, start) <= head[top] < max(e, end) and
                                                  not (lo <= head[top] < hi))
    marks = _count(marks_before, start, end)
    out["result_marks_odd"] = float(marks % 2)
    out["result_marks_change"] = float(marks - _count(marks_before, s, e))
    is_space = c.is_space
    first_word = start
    while first_word < end and is_space[first_word]:
        first_word += 1
    last_word = end - 1
    while last_word > start and (is_space[last_word] or pos[last_word] == "PUNCT"
                                 and lower[last_word] not in QUOTE_MARKS):
        last_word -= 1
    sentence_end = c.sent_end[max(end - 1, 0)]
    out["result_at_sentence_start"] = float(c.sent_start[first_word] == first_word) if first_word < end else 0.0
    out["result_at_sentence_end"] = float(end >= sentence_end or all(
        pos[i] in ("PUNCT", "SPACE") for i in range(end, min(sentence_end, end + 3))))
    out["result_opens_with_mark"] = float(first_word < end and lower[first_word] in QUOTE_MARKS)
    out["result_closes_with_mark"] = float(lower[last_word] in QUOTE_MARKS)
    return out


def candidate_edge_features(att: Attribution, facts: "DocFacts") -> "Features":
    """The candidate's own values that every one of its options shares: rule, cue class, kind, size, quotes."""
    from .model import cue_class_of

    c = edge_columns(facts)
    s, e = att.content.start, att.content.end
    cue = att.cue
    return {
        f"rule={att.rule or 'none'}": 1.0, f"kind={att.kind}": 1.0, f"cue_class={cue_class_of(att, facts)}": 1.0,
        "content_words": _log(_count(c.words, s, e)),
        "content_marks": float(min(_count(c.marks, s, e), 4)),
        "content_pieces": float(min(len(att.content_parts) or 1, 3)),
        "cue_after_content": float(cue is not None and cue.start >= e),
        "cue_inside_content": float(cue is not None and s <= cue.start < e),
    }


def option_rows(att: Attribution, facts: "DocFacts", proposed: bool = True, known: Optional[frozenset] = None
                ) -> tuple[list[EdgeOption], list["Features"]]:
    """Every edge option of a candidate (start options, then end options) and their named values; ``proposed``
    False leaves out the proposed edges (the edge model is fitted on the other options, and a choice never needs
    a proposed edge's score); ``known``, when given, keeps only the options whose operation flag
    (``op=end_cut``) is among these feature names (a model never scores an operation it was not fitted
    on)."""
    starts, ends = edge_options(att, facts)
    if known is not None:
        starts, ends = ([o for o in side if o.op == "proposed" or f"op={o.side}_{o.op}" in known]
                        for side in (starts, ends))
    base = candidate_edge_features(att, facts)
    options, rows = [], []
    for side in (starts, ends):
        for option, places in zip(side, relative_places(side)):
            if proposed or option.op != "proposed":
                row = option_features(att, option, facts, base)
                row.update(places)
                options.append(option)
                rows.append(row)
    return options, rows


def relative_places(options: Sequence[EdgeOption]) -> list["Features"]:
    """Where each option of one edge (``options``, led by the proposed edge) stands among the others that move
    the edge the same way (inward or outward): its rank by distance from the proposed edge, whether it is the
    nearest or the farthest, how many there are, how many the edge has in all, its rank among those of its own
    operation. An option's own values cannot tell the model that a nearer cut exists; these let it prefer among
    the options of one edge rather than judge each alone (on PolNeAR train they raised the edges the model
    fixes by about half)."""
    if not options:
        return []
    proposed, at_start = options[0].position, options[0].side == "start"
    others = options[1:]
    distance = [abs(o.position - proposed) for o in others]
    outward = [(o.position < proposed) == at_start for o in others]
    same_way_seen, op_seen = [0, 0], {}
    places: list[Features] = [{}] * len(others)
    total = min(len(others), 10)
    counts = [outward.count(False), outward.count(True)]
    ways = [min(count, 8) for count in counts]
    for k in sorted(range(len(others)), key=distance.__getitem__):
        way, op = outward[k], others[k].op
        rank, op_rank = same_way_seen[way], op_seen.get(op, 0)
        same_way_seen[way], op_seen[op] = rank + 1, op_rank + 1
        places[k] = {"place_rank": float(min(rank, 5)), "place_same_way": float(ways[way]),
                     "place_nearest": float(rank == 0), "place_farthest": float(rank == counts[way] - 1),
                     "place_options": float(total), "place_op_rank": float(min(op_rank, 3))}
    return [{}] + places


def with_edges(att: Attribution, start: int, end: int) -> Attribution:
    """``att`` with its content's first piece starting at ``start`` and its last piece ending at ``end``."""
    if start == att.content.start and end == att.content.end:
        return att
    doc = att.content.doc
    parts = att.content_parts
    if parts:
        parts = list(parts)
        parts[0] = doc[start:parts[0].end]
        parts[-1] = doc[parts[-1].start:end]
        parts = tuple(parts)
    return replace(att, content=doc[start:end], content_parts=parts)


def pick_edges(candidates: Sequence[Attribution], options: Sequence[Sequence[EdgeOption]],
               scores: Sequence[Sequence[float]], threshold: float) -> list[Attribution]:
    """Each candidate with, on each side, the option the edge model most believes better than the proposed edge
    when that probability reaches ``threshold`` (else the proposed edge); a choice that would leave no content
    keeps the proposed edges."""
    out = []
    for att, opts, probs in zip(candidates, options, scores):
        best = {"start": (threshold, att.content.start), "end": (threshold, att.content.end)}
        for option, p in zip(opts, probs):
            if option.op != "proposed" and p >= best[option.side][0]:
                best[option.side] = (p + 1e-12, option.position)
        start, end = best["start"][1], best["end"][1]
        parts = att.pieces()
        if not (start < parts[0].end and end > parts[-1].start and start < end):
            start, end = att.content.start, att.content.end
        out.append(with_edges(att, start, end))
    return out


def choose_edges(candidates: Sequence[Attribution], facts: "DocFacts",
                 model: Optional["AcceptanceModel"]) -> list[Attribution]:
    """Each candidate with the start and end that ``model`` scores best among its :func:`edge_options` (the
    candidates unchanged without a model). The options of all candidates (but the proposed edges, which
    :func:`pick_edges` keeps unless another option wins) are scored in one batch."""
    if model is None or not candidates:
        return list(candidates)
    known = model.known_operations
    options, rows = zip(*(option_rows(att, facts, proposed=False, known=known) for att in candidates))
    flat = model.probabilities([r for group in rows for r in group])
    scores, k = [], 0
    for group in rows:
        scores.append(flat[k:k + len(group)])
        k += len(group)
    return pick_edges(candidates, options, scores, model.threshold)
