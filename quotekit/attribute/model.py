""":mod:`quotekit.attribute.model`: a trained model that accepts or rejects the rules' candidate attributions.

The rules (:func:`quotekit.attribute.find_attributions`) stay the candidate generator; this model decides which
candidates are attributions. Features are small pure functions of one candidate and the facts of its document
(:class:`DocFacts`, computed once per Doc): the rule that fired and its confidence, the cue's lexicon class and
morphology, the speaker mention, the content's size and quotation marks, its place in the sentence, paragraph and
document, and whether it sits in a headline, a question or an imperative. Each function returns named values; a
categorical value becomes its own name (``rule=quote_cue``), so the model file is a plain list of names.

The shipped model (``models/acceptance.json``, see ``models/MODEL_CARD.md``) is a gradient-boosted tree ensemble
stored as JSON arrays: scoring needs neither scikit-learn nor pickle, and a model file cannot run code.
:func:`train_model` (scikit-learn, ``pip install quotekit[train]``) rebuilds it from any gold
(``quotekit train --gold DIR``).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Optional, Sequence, Union

import numpy
from spacy.tokens import Doc, Span

from ..analysis import DocAnalysis, analysis_of
from ..errors import InputError
from ..types import Attribution
from ..lexicons import QUOTATION_MARKS, belief_verbs, load, speech_verbs
from .acts import speech_act

MODEL_FORMAT = "quotekit-acceptance/1"
DEFAULT_MODEL = "acceptance.json"

Features = dict[str, float]

_MARKS = QUOTATION_MARKS
_OPENING = QUOTATION_MARKS - frozenset("”»›」』’")
"""Marks that can open a quotation: all but the closing-only ones."""
_FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "myself", "ourselves"})
_SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "must", "shall"})
_NEGATIONS = frozenset({"not", "n't", "never", "no"})
_ANONYMOUS_HEADS = frozenset({
    "official", "source", "person", "people", "aide", "spokesman", "spokeswoman", "spokesperson", "insider",
    "analyst", "expert", "critic", "observer", "witness", "resident", "staffer", "adviser", "advisor", "diplomat",
    "officer", "lawmaker", "democrat", "republican", "supporter", "voter", "member", "someone", "others", "many",
})
_ENTITY_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "NORP", "FAC", "LOC"})
_CAPPED = 6  # index features (paragraph number, sentence number ...) are capped: "6 or later"


# ---- facts of one document, computed once ---------------------------------------------------------------------
_COLUMNS = ("LOWER", "POS", "DEP", "IS_ALPHA", "IS_UPPER", "IS_TITLE", "LIKE_NUM", "IS_SPACE", "LENGTH")


@dataclass
class DocFacts:
    """Columns of one Doc's tokens (read once with ``Doc.to_array``), their paragraph and sentence numbers, and
    the candidates found on it. Per-paragraph and per-sentence summaries are filled on first use."""

    doc: Doc
    columns: dict[str, list[int]]
    para: list[int]
    """Paragraph number of each token (a paragraph ends at a white-space token holding a line break)."""
    para_bounds: list[tuple[int, int]]
    sent: list[int]
    sent_bounds: list[tuple[int, int]]
    candidates: Sequence[Attribution] = field(default_factory=tuple)
    summaries: dict[tuple[str, int], Features] = field(default_factory=dict)
    analysis: Optional[DocAnalysis] = None
    """The document's shared analysis (its token table), which the edge options read."""
    cue_classes: dict[tuple[int, int], str] = field(default_factory=dict)
    """:func:`cue_class` of each cue span ``(start, end)`` of the document asked so far (every candidate's cue is
    asked several times: its own features, its speaker's, the document's colon turns, the edge options)."""
    cue_morphs: dict[int, tuple[str, str, float]] = field(default_factory=dict)
    """The tense, verb form and imperative-mood values of :func:`cue_features` for each morphology (by its hash)
    seen on a cue's root (reading a token's morphology costs more than the rest of the cue's features)."""


def doc_facts(source: Union[Doc, DocAnalysis], candidates: Sequence[Attribution] = ()) -> DocFacts:
    """Token columns, paragraph and sentence numbers of a Doc (paragraphs as the attributor reads them, from the
    document's :class:`~quotekit.analysis.DocAnalysis`)."""
    analysis = analysis_of(source)
    doc, table = analysis.doc, analysis.table
    n = len(doc)
    columns = {name: table.ids(name) for name in _COLUMNS}  # Doc.to_array values, shared with the analysis
    para = [p - analysis.para[0] for p in analysis.para]  # numbered from 0, consecutive
    starts = numpy.flatnonzero(numpy.diff(para, prepend=-1)).tolist() if n else [0]
    bounds = list(zip(starts, starts[1:] + [n]))
    sent, sent_bounds = [0] * n, []
    if n and "sents" in doc.user_hooks and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        for k, s in enumerate(doc.sents):
            sent[s.start:s.end] = [k] * (s.end - s.start)
            sent_bounds.append((s.start, s.end))
    elif n:  # the table's sentences are doc.sents (one sentence where the Doc has no sentence bounds)
        first = numpy.asarray(table.sent_start)
        new = numpy.diff(first, prepend=-1) != 0
        sent = (numpy.cumsum(new) - 1).tolist()
        sent_bounds = list(zip(first[new].tolist(), numpy.asarray(table.sent_end)[new].tolist()))
    else:
        sent_bounds.append((0, n))
    return DocFacts(doc, columns, para, bounds, sent, sent_bounds, tuple(candidates), analysis=analysis)


def _anchor(att: Attribution) -> int:
    """The token that places a candidate: its cue, else the start of its content."""
    return att.cue.start if att.cue is not None else att.content.start


def _log_count(n: int) -> float:
    return math.log1p(max(n, 0))


@lru_cache(maxsize=None)
def _ids(words: frozenset) -> frozenset:
    """spaCy string hashes of ``words`` (to compare with the LOWER and POS columns)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


def _count(facts: DocFacts, column: str, start: int, end: int, wanted: frozenset) -> int:
    return sum(map(wanted.__contains__, facts.columns[column][start:end]))


def _title_ratio(facts: DocFacts, start: int, end: int) -> float:
    """Share of the longer words of tokens ``start:end`` that start with a capital (headlines and labels)."""
    alpha, title, upper, length = (facts.columns[c][start:end] for c in ("IS_ALPHA", "IS_TITLE", "IS_UPPER", "LENGTH"))
    words = capitalised = 0
    for is_alpha, is_title, is_upper, size in zip(alpha, title, upper, length):
        if is_alpha and size > 3:
            words += 1
            capitalised += bool(is_title or is_upper)
    return capitalised / words if words else 0.0


# ---- feature functions: (candidate, facts) -> named values ----------------------------------------------------
def rule_features(att: Attribution, facts: DocFacts) -> Features:
    """Which rule proposed the candidate, with what confidence, and of what kind."""
    return {f"rule={att.rule or 'none'}": 1.0, "confidence": float(att.confidence), f"kind={att.kind}": 1.0}


def cue_class(cue: Optional[Span]) -> str:
    """The lexicon class of a cue: speech_verb, belief_verb, according_to, colon, noun_cue, other or none."""
    if cue is None or not len(cue):
        return "none"
    text = cue.text.strip().lower()
    if text.startswith(":") or text.endswith(":") or text in ("—", "–", "-", "--"):
        return "colon"
    if text.startswith("according"):
        return "according_to"
    lemma = cue.root.lemma_.lower()
    if cue.root.pos_ in ("NOUN", "PROPN") or lemma in load("claim_nouns"):
        return "noun_cue"
    if lemma in speech_verbs():
        return "speech_verb"
    if lemma in belief_verbs():
        return "belief_verb"
    return "other"


def cue_class_of(att: Attribution, facts: DocFacts) -> str:
    """:func:`cue_class` of a candidate's cue, asked once per cue span of the document."""
    cue = att.cue
    if cue is None:
        return "none"
    key = (cue.start, cue.end)
    found = facts.cue_classes.get(key)
    if found is None:
        found = facts.cue_classes[key] = cue_class(cue)
    return found


def cue_features(att: Attribution, facts: DocFacts) -> Features:
    """The cue's lexicon class, lemma, part of speech, relation, tense and mood, negation and modals."""
    cue = att.cue
    out: Features = {f"cue_class={cue_class_of(att, facts)}": 1.0}
    if cue is None or not len(cue):
        return out
    root = cue.root
    morph = root.morph
    if morph.key not in facts.cue_morphs:
        facts.cue_morphs[morph.key] = (f"cue_tense={'/'.join(morph.get('Tense')) or 'none'}",
                                       f"cue_verbform={'/'.join(morph.get('VerbForm')) or 'none'}",
                                       float("Imp" in morph.get("Mood")))
    tense, verbform, imperative = facts.cue_morphs[morph.key]
    table = facts.analysis.table if facts.analysis is not None else analysis_of(facts.doc).table
    r = root.i
    lower, dep = table.lower, table.dep
    children = table.children(r)
    out.update({
        f"cue_lemma={table.lemma[r].lower()}": 1.0,
        f"cue_pos={table.pos[r]}": 1.0,
        f"cue_dep={dep[r].split(':')[0]}": 1.0,
        tense: 1.0,
        verbform: 1.0,
        "cue_mood_imperative": imperative,
        "cue_negated": float(any(lower[c] in _NEGATIONS for c in children)),
        "cue_modal": float(any(dep[c] == "aux" and lower[c] in _MODALS for c in children)),
        "cue_tokens": float(len(cue)),
    })
    return out


def cue_lexicon_features(att: Attribution, facts: DocFacts) -> Features:
    """The classes the cue lemma has in the lexicons, which generalise over lemmas too rare to learn one by one:
    its speech act ("evaluation" for attacked / praised / slammed), whether its object is what was said
    ("object_cues"), whether its object is who was addressed ("addressee_verbs")."""
    cue = att.cue
    if cue is None or not len(cue):
        return {}
    lemma = cue.root.lemma_.lower()
    return {f"cue_act={speech_act(lemma)}": 1.0, "cue_object_cue": float(lemma in load("object_cues")),
            "cue_addressee_verb": float(lemma in load("addressee_verbs"))}


def speaker_kind(speaker: Optional[Span]) -> str:
    """none, pronoun, entity (a named person or organisation), anonymous ("officials") or nominal."""
    if speaker is None or not len(speaker):
        return "none"
    root = speaker.root
    if root.pos_ == "PRON":
        return "pronoun"
    if root.ent_type_ in _ENTITY_LABELS or root.pos_ == "PROPN":
        return "entity"
    if root.lemma_.lower() in _ANONYMOUS_HEADS:
        return "anonymous"
    return "nominal"


def speaker_features(att: Attribution, facts: DocFacts) -> Features:
    """Whether a speaker was found and what kind of mention it is; capitalised labels (``MARKETS:``)."""
    speaker = att.speaker
    out: Features = {f"speaker={speaker_kind(speaker)}": 1.0}
    if speaker is None or not len(speaker):
        return out
    alpha, upper, length = facts.columns["IS_ALPHA"], facts.columns["IS_UPPER"], facts.columns["LENGTH"]
    words = [i for i in range(speaker.start, speaker.end) if alpha[i]]
    lower = facts.columns["LOWER"][speaker.root.i]
    out.update({
        "speaker_tokens": _log_count(len(speaker)),
        "speaker_all_caps": float(bool(words) and all(upper[i] for i in words) and any(length[i] > 1 for i in words)),
        "speaker_first_person": float(lower in _ids(_FIRST_PERSON)),
        "speaker_second_person": float(lower in _ids(_SECOND_PERSON)),
        "speaker_after_cue": float(att.cue is not None and speaker.start >= att.cue.end),
        "speaker_other_paragraph": float(facts.para[speaker.start] != facts.para[_anchor(att)]),
        "colon_turns_in_document": _colon_turns(facts) if cue_class_of(att, facts) == "colon" else 0.0,
    })
    return out


def _colon_turns(facts: DocFacts) -> float:
    """How many candidates of the document have a colon cue and a speaker (capped): a document of ``SMITH:`` /
    ``Q:`` / ``A:`` turns is a transcript whose every turn is speech; a single ``Trump: ...`` is more often a
    headline."""
    key = ("colon_turns", 0)
    if key not in facts.summaries:
        n = sum(1 for o in facts.candidates if o.speaker is not None and cue_class_of(o, facts) == "colon")
        facts.summaries[key] = {"n": float(min(n, _CAPPED))}
    return facts.summaries[key]["n"]


def content_features(att: Attribution, facts: DocFacts) -> Features:
    """Size of the content, its quotation marks, person, questions, and whether it has a verb."""
    s, e = att.content.start, att.content.end
    cols = facts.columns
    alpha, num, lower = cols["IS_ALPHA"], cols["LIKE_NUM"], cols["LOWER"]
    marks, opening = _ids(_MARKS), _ids(_OPENING)
    return {
        "content_tokens": _log_count(e - s),
        "content_words": _log_count(sum(1 for i in range(s, e) if alpha[i] or num[i])),
        "content_marks": float(min(_count(facts, "LOWER", s, e, marks), 4)),
        "content_opens_with_mark": float(e > s and lower[s] in opening),
        "content_closes_with_mark": float(e > s and lower[e - 1] in marks),
        "content_has_verb": float(_count(facts, "POS", s, e, _ids(frozenset({"VERB", "AUX"}))) > 0),
        "content_question": float(_count(facts, "LOWER", s, e, _ids(frozenset("?"))) > 0),
        "content_first_person": float(_count(facts, "LOWER", s, e, _ids(_FIRST_PERSON)) > 0),
        "content_second_person": float(_count(facts, "LOWER", s, e, _ids(_SECOND_PERSON)) > 0),
        "content_sentences": float(min(facts.sent[e - 1] - facts.sent[s] + 1, _CAPPED)) if e > s else 0.0,
        "content_paragraphs": float(min(facts.para[e - 1] - facts.para[s] + 1, _CAPPED)) if e > s else 0.0,
        "content_title_ratio": _title_ratio(facts, s, e),
    }


def frame_features(att: Attribution, facts: DocFacts) -> Features:
    """What links the cue to its content: the preposition or complementizer just before the content ("pointed
    *to*", "attacks *on*", "called *for*"), and the content head's part of speech and entity type (a topic
    noun, a person, a clause)."""
    out: Features = {}
    s = att.content.start
    pos, space = facts.columns["POS"], facts.columns["IS_SPACE"]
    i = s - 1
    while i >= 0 and space[i]:
        i -= 1
    if i >= 0 and pos[i] in _ids(frozenset({"ADP", "SCONJ", "PART"})):
        out[f"before_content={facts.doc[i].lower_}"] = 1.0
    head = att.content.root
    out[f"content_head_pos={head.pos_}"] = 1.0
    if head.ent_type_:
        out[f"content_head_entity={head.ent_type_}"] = 1.0
    return out


def geometry_features(att: Attribution, facts: DocFacts) -> Features:
    """Where the cue stands relative to the content, and how the candidate sits among the other candidates."""
    content, cue = att.content, att.cue
    out: Features = {}
    if cue is not None:
        gap = cue.start - content.end if cue.start >= content.end else content.start - cue.end
        out["cue_after_content"] = float(cue.start >= content.end)
        out["cue_gap"] = _log_count(max(gap, 0))
        out["cue_other_sentence"] = float(facts.sent[cue.start] != facts.sent[content.start])
    start, end = content.start, content.end
    others = [bounds for o, bounds in zip(facts.candidates, _content_bounds(facts)) if o is not att]
    out["overlapping_candidates"] = float(min(sum(1 for s, e in others if s < end and start < e), _CAPPED))
    out["cue_inside_other_content"] = float(cue is not None and any(
        s <= cue.start and cue.end <= e for s, e in others))
    key = ("candidates_per_sentence", 0)
    if key not in facts.summaries:
        per_sentence: Features = {}
        for o in facts.candidates:
            k = str(facts.sent[_anchor(o)])
            per_sentence[k] = per_sentence.get(k, 0.0) + 1.0
        facts.summaries[key] = per_sentence
    out["candidates_in_sentence"] = min(facts.summaries[key].get(str(facts.sent[_anchor(att)]), 1.0), _CAPPED)
    return out


def _content_bounds(facts: DocFacts) -> list[tuple[int, int]]:
    """``(start, end)`` of every candidate's content (read once per document)."""
    key = ("content_bounds", 0)
    if key not in facts.summaries:
        facts.summaries[key] = [(o.content.start, o.content.end) for o in facts.candidates]  # type: ignore[assignment]
    return facts.summaries[key]  # type: ignore[return-value]


def _paragraph_summary(facts: DocFacts, p: int) -> Features:
    key = ("paragraph", p)
    if key not in facts.summaries:
        start, end = facts.para_bounds[p]
        first, last = facts.sent[start] if end > start else 0, facts.sent[end - 1] if end > start else 0
        space = facts.columns["IS_SPACE"]
        ends = [i for i in range(start, end) if not space[i]]
        final = facts.doc[ends[-1]].text if ends else ""
        facts.summaries[key] = {
            "first_sentence": float(first),
            "paragraph_sentences": float(min(last - first + 1, _CAPPED)),
            "paragraph_tokens": _log_count(end - start),
            "paragraph_unpunctuated": float(final not in (".", "!", "?", '"', "”", "’", "'", ")", ":")),
            "paragraph_title_ratio": _title_ratio(facts, start, end),
        }
    return facts.summaries[key]


def _sentence_summary(facts: DocFacts, k: int) -> Features:
    key = ("sentence", k)
    if key not in facts.summaries:
        start, end = facts.sent_bounds[k]
        cols = facts.columns
        alpha, upper, length = cols["IS_ALPHA"], cols["IS_UPPER"], cols["LENGTH"]
        lead_caps = 0
        for i in range(start, end):
            if not (alpha[i] and upper[i] and length[i] > 1):
                break
            lead_caps += 1
        colon = _ids(frozenset(":"))
        first_word = next((i for i in range(start, end) if alpha[i]), None)
        imperative = False
        if first_word is not None:
            tok = facts.doc[first_word]
            imperative = (tok.dep_ == "root" and tok.pos_ == "VERB"
                          and ("Imp" in tok.morph.get("Mood") or "Inf" in tok.morph.get("VerbForm"))
                          and not any(c.dep_.startswith("nsubj") for c in tok.children))
        facts.summaries[key] = {
            "sentence_tokens": _log_count(end - start),
            "sentence_caps_label": float(lead_caps > 0 and _count(facts, "LOWER", start,
                                                                  min(end, start + lead_caps + 2), colon) > 0),
            "sentence_question": float(_count(facts, "LOWER", start, end, _ids(frozenset("?"))) > 0),
            "sentence_imperative": float(imperative),
        }
    return facts.summaries[key]


def position_features(att: Attribution, facts: DocFacts) -> Features:
    """Place in the document: relative offset, paragraph number, sentence number within the paragraph."""
    anchor = _anchor(att)
    p = facts.para[anchor]
    summary = _paragraph_summary(facts, p)
    return {
        "doc_position": anchor / max(len(facts.doc), 1),
        "paragraph_number": float(min(p, _CAPPED)),
        "paragraph_position": p / max(len(facts.para_bounds), 1),
        "first_paragraph": float(p == 0),
        "sentence_in_paragraph": float(min(max(facts.sent[anchor] - int(summary["first_sentence"]), 0), _CAPPED)),
        **{k: v for k, v in summary.items() if k != "first_sentence"},
    }


def sentence_features(att: Attribution, facts: DocFacts) -> Features:
    """The cue sentence: a capitalised label (``MARKETS:``), a question, an imperative (instructions to the
    reader: ``Ask your doctor whether ...``)."""
    return dict(_sentence_summary(facts, facts.sent[_anchor(att)]))


FEATURES: tuple[Callable[[Attribution, DocFacts], Features], ...] = (
    rule_features, cue_features, cue_lexicon_features, speaker_features, content_features, frame_features,
    geometry_features, position_features, sentence_features,
)
"""Every feature function, in order; each returns named values for one candidate."""


def featurize(att: Attribution, facts: DocFacts) -> Features:
    """All named feature values of one candidate."""
    out: Features = {}
    for function in FEATURES:
        out.update(function(att, facts))
    return out


def candidate_features(doc: Union[Doc, DocAnalysis], candidates: Sequence[Attribution]) -> list[Features]:
    """Named feature values of every candidate of ``doc`` (a Doc or its analysis)."""
    facts = doc_facts(doc, candidates)
    return [featurize(att, facts) for att in candidates]


# ---- the model -----------------------------------------------------------------------------------------------
@dataclass
class AcceptanceModel:
    """Gradient-boosted trees (or a logistic regression) over named features, with its decision threshold.

    Trees are stored as parallel lists (``feature``, ``threshold``, ``left``, ``right``, ``value``; a leaf has
    ``feature`` -1): the log-odds of a candidate is ``bias`` plus the leaf value reached in every tree.
    """

    version: str
    features: list[str]
    threshold: float
    bias: float = 0.0
    trees: list[dict[str, list]] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    card: dict[str, Any] = field(default_factory=dict)
    duplicate_overlap: Optional[float] = None
    """Conflict resolution (:func:`resolve_conflicts`): a candidate whose content overlaps a more probable
    candidate's this much (token Jaccard) is dropped. None (models before version 1.3): every candidate is judged
    alone."""
    edges: Optional["AcceptanceModel"] = None
    """The edge model (:mod:`quotekit.attribute.boundaries`): trees of the same form over the named values of a
    content-edge option, whose probability that the option is a better edge than the proposed one must reach its
    own ``threshold``. None (a model trained without it, e.g. before version 1.3): the rules' edges stay."""

    def __post_init__(self):
        self._index = {name: i for i, name in enumerate(self.features)}
        self.known_operations = frozenset(name for name in self.features if name.startswith("op="))
        """An edge model's operation flags (``op=end_cut`` ...): the edge options it was fitted on and may score
        (:func:`quotekit.attribute.boundaries.option_rows`); empty for an acceptance model."""

    def vector(self, features: Features) -> list[float]:
        """Dense values in the model's feature order (names the model never saw are ignored)."""
        row = [0.0] * len(self.features)
        for name, value in features.items():
            i = self._index.get(name)
            if i is not None:
                row[i] = float(value)
        return row

    def log_odds(self, row: Sequence[float]) -> float:
        total = self.bias
        for tree in self.trees:
            feature, threshold, left, right = tree["feature"], tree["threshold"], tree["left"], tree["right"]
            node = 0
            while feature[node] >= 0:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            total += tree["value"][node]
        if self.weights:
            total += sum(w * x for w, x in zip(self.weights, row))
        return total

    def probability(self, features: Features) -> float:
        """Probability that a candidate with these named features is an attribution."""
        z = self.log_odds(self.vector(features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def probabilities(self, rows: Sequence[Features]) -> list[float]:
        """:meth:`probability` of many candidates (a document's), the same values: the trees are walked for all
        candidates at once with numpy (one tree at a time in Python costs as much as computing the features)."""
        if not rows:
            return []
        matrix = self._matrix(rows)
        total = numpy.full(len(rows), self.bias)
        if self.trees:
            test_feature, test_threshold, node_test, child, value, roots, active, order = self._forest()
            # every distinct test of the forest for every candidate at once; then each level of the walk is a few
            # array lookups for the trees still that deep (``active``), all candidates at once
            right = (~(matrix.take(test_feature, axis=1) <= test_threshold)).ravel().view(numpy.int8)
            offset = numpy.arange(len(rows)) * len(test_feature)
            node = numpy.repeat(roots[:, None], len(rows), axis=1)  # one row per tree, deepest trees first
            for trees in active:
                deep = node[:trees]
                test = node_test.take(deep)
                test += offset
                deep += right.take(test)
                node[:trees] = child.take(deep)
            # tree by tree in the stored order, as log_odds adds them (numpy's accumulate adds top to bottom)
            leaves = value.take(node).take(order, axis=0)
            total = numpy.add.accumulate(numpy.concatenate([total[None, :], leaves]), axis=0)[-1]
        out = []
        for z, row in zip(total.tolist(), matrix[:, :-1].tolist() if self.weights else repeat(None)):
            if self.weights:
                z += sum(w * x for w, x in zip(self.weights, row))
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out

    def _matrix(self, rows: Sequence[Features]) -> numpy.ndarray:
        """The dense values of ``rows`` (:meth:`vector` of each), plus a last column that collects the values of
        names the model never saw: all of a document's values are placed by one numpy assignment."""
        n = len(self.features)
        name_index = self._index.get
        columns: list[int] = []
        values: list[float] = []
        sizes: list[int] = []
        for features in rows:
            columns.extend(map(name_index, features, repeat(n)))
            values.extend(features.values())
            sizes.append(len(features))
        matrix = numpy.zeros((len(rows), n + 1))
        matrix[numpy.repeat(numpy.arange(len(rows)), sizes), columns] = values
        return matrix

    def _forest(self) -> tuple:
        """The forest as arrays, built on first use (a model's trees never change): the distinct tests (feature,
        threshold); every node of every tree with its test's index and its value, addressed by twice its index
        (node ``k``'s children at ``2k`` (left) and ``2k + 1`` (right) of ``child``, absolute and doubled; a leaf
        is its own child, and ``node_test`` holds each node's test twice); each tree's root, deepest trees first;
        how many of those trees are deeper than each level; the stored order of the trees in that sorting."""
        if "_forest_arrays" not in self.__dict__:
            tests: dict[tuple[int, float], int] = {(0, 0.0): 0}  # a leaf's (unused) test is the first one
            node_test, child, value, roots, depths = [], [], [], [], []
            for tree in self.trees:
                base = len(node_test)
                roots.append(2 * base)
                for k, f in enumerate(tree["feature"]):
                    leaf = f < 0
                    node_test.append(0 if leaf else tests.setdefault((f, tree["threshold"][k]), len(tests)))
                    child.extend((base + k, base + k) if leaf else (base + tree["left"][k], base + tree["right"][k]))
                    value.append(tree["value"][k])
                depths.append(_tree_depth(tree))
            deepest_first = sorted(range(len(self.trees)), key=lambda t: -depths[t])
            active = [sum(1 for d in depths if d > level) for level in range(max(depths, default=0))]
            self._forest_arrays = (numpy.asarray([f for f, _ in tests], dtype=numpy.intp),
                                   numpy.asarray([t for _, t in tests], dtype=float),
                                   numpy.repeat(numpy.asarray(node_test, dtype=numpy.intp), 2),
                                   2 * numpy.asarray(child, dtype=numpy.intp),
                                   numpy.repeat(numpy.asarray(value, dtype=float), 2),
                                   numpy.asarray(roots, dtype=numpy.intp)[deepest_first], active,
                                   numpy.argsort(deepest_first))
        return self._forest_arrays

    def to_dict(self) -> dict[str, Any]:
        out = {"format": MODEL_FORMAT, "version": self.version, "threshold": self.threshold, "bias": self.bias,
               "features": self.features, "weights": self.weights, "trees": self.trees, "card": self.card}
        if self.duplicate_overlap is not None:
            out["duplicate_overlap"] = self.duplicate_overlap
        if self.edges is not None:
            out["edges"] = self.edges.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "<model>") -> "AcceptanceModel":
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise InputError(f"not a quotekit acceptance model (expected format {MODEL_FORMAT!r}); retrain it with "
                             "`quotekit train --gold DIR -o MODEL`", path=source)
        try:
            model = cls(str(data["version"]), list(data["features"]), float(data["threshold"]),
                        float(data.get("bias", 0.0)), list(data.get("trees", [])), list(data.get("weights", [])),
                        dict(data.get("card", {})))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"damaged acceptance model ({exc}); retrain it with `quotekit train`",
                             path=source) from None
        n = len(model.features)
        for tree in model.trees:
            sizes = {len(tree.get(k, ())) for k in ("feature", "threshold", "left", "right", "value")}
            if len(sizes) != 1 or any(f >= n for f in tree["feature"]):
                raise InputError("damaged acceptance model (a tree's arrays disagree); retrain it with "
                                 "`quotekit train`", path=source)
        if model.weights and len(model.weights) != n:
            raise InputError("damaged acceptance model (weights and features differ in length)", path=source)
        if data.get("duplicate_overlap") is not None:
            try:
                model.duplicate_overlap = float(data["duplicate_overlap"])
            except (TypeError, ValueError):
                raise InputError("damaged acceptance model (duplicate_overlap is not a number)", path=source) from None
        if data.get("edges") is not None:
            model.edges = cls.from_dict(data["edges"], f"{source} (edge model)")
        return model

    def save(self, path: Union[str, Path]) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", encoding="utf-8")


def _tree_depth(tree: dict[str, list]) -> int:
    """Number of decisions on the longest path from the root of a stored tree to a leaf (at most its number of
    nodes, even in a damaged tree whose children loop)."""
    feature, left, right = tree["feature"], tree["left"], tree["right"]
    level = {0} if feature else set()
    for depth in range(len(feature) + 1):
        level = {child for k in level if feature[k] >= 0 for child in (left[k], right[k])}
        if not level:
            return depth
    return len(feature)


@lru_cache(maxsize=4)
def _load_cached(path: Optional[str]) -> AcceptanceModel:
    if path is None:
        source = resources.files(__package__).joinpath("models", DEFAULT_MODEL)
        name = f"quotekit/attribute/models/{DEFAULT_MODEL}"
    else:
        source, name = Path(path), path
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no acceptance model here; train one with `quotekit train --gold DIR -o MODEL`",
                         path=name) from None
    except ValueError as exc:
        raise InputError(f"the acceptance model is not JSON ({exc})", path=name) from None
    return AcceptanceModel.from_dict(data, name)


def load_model(path: Union[str, Path, None] = None) -> AcceptanceModel:
    """The acceptance model at ``path``, or the one shipped with quotekit (loaded once per process)."""
    return _load_cached(None if path is None else str(path))


def _span_jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Token Jaccard of two ``(start, end)`` ranges (two candidates' covering content spans)."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / (max(a[1], b[1]) - min(a[0], b[0])) if inter > 0 else 0.0


def resolve_conflicts(attributions: Sequence[Attribution], probabilities: Sequence[float],
                      overlap: Optional[float]) -> list[float]:
    """``probabilities`` with each candidate whose content a more probable candidate already claims (token
    Jaccard of the contents >= ``overlap``) set to 0: one statement is one attribution, and the scorer pairs each
    gold with one prediction, so the second claim can only be a false positive. Candidates are taken from the
    most probable down (ties: document order); a dropped candidate claims nothing. ``overlap`` None: unchanged."""
    out = [float(p) for p in probabilities]
    if overlap is None or len(out) < 2:
        return out
    bounds = [(att.content.start, att.content.end) for att in attributions]
    claimed: list[tuple[int, int]] = []
    for k in sorted(range(len(out)), key=lambda k: -out[k]):
        if any(_span_jaccard(bounds[k], other) >= overlap for other in claimed):
            out[k] = 0.0
        else:
            claimed.append(bounds[k])
    return out


def accept(doc: Union[Doc, DocAnalysis], attributions: Sequence[Attribution],
           model: Optional[AcceptanceModel] = None) -> list[tuple[Attribution, float]]:
    """Each candidate of ``doc`` with the model's probability that it is an attribution (same order). When the
    model carries an edge model, each candidate comes back with the content edges it chose
    (:func:`quotekit.attribute.boundaries.choose_edges`), and is judged with those; when it resolves conflicts
    (``duplicate_overlap``), a candidate claiming the content of a more probable one gets 0
    (:func:`resolve_conflicts`). A candidate this model already judged (``model`` its version: an output of
    :func:`quotekit.attribute.find_attributions`) keeps its edges: options drawn from the edges the model chose
    could move them once more, and judging the same attributions twice must give them back unchanged."""
    model = model or load_model()
    attributions = list(attributions)
    facts = doc_facts(doc, attributions)
    fresh = [k for k, att in enumerate(attributions) if att.model != model.version]
    if model.edges is not None and fresh:
        from .boundaries import choose_edges

        for k, att in zip(fresh, choose_edges([attributions[k] for k in fresh], facts, model.edges)):
            attributions[k] = att
        # the same document facts for the candidates with their new edges (what depends on the candidates is
        # computed anew; the cues did not move)
        facts = replace(facts, candidates=tuple(attributions), summaries={})
    probabilities = model.probabilities([featurize(att, facts) for att in attributions])
    return list(zip(attributions, resolve_conflicts(attributions, probabilities, model.duplicate_overlap)))


def keep_accepted(doc: Union[Doc, DocAnalysis], attributions: Sequence[Attribution],
                  model: Optional[AcceptanceModel] = None, threshold: Optional[float] = None) -> list[Attribution]:
    """The candidates whose probability reaches ``threshold`` (default: the model's own, chosen by
    cross-validation on its training gold)."""
    model = model or load_model()
    cut = model.threshold if threshold is None else threshold
    return [att for att, p in accept(doc, attributions, model) if p >= cut]
