""":mod:`quotekit.measures.gender`: the gender of quoted people, with the evidence for it.

Each person speaker of a document (its ``speaker_entity``, else its mention) gets ``female``, ``male`` or
``unknown`` and the kind of evidence, strongest first:

1. ``pronoun``: the document refers to the speaker as he/she: quote records whose speaker mention is a
   gendered pronoun (``he``, ``she``, ``him``, ``her`` ...) resolved to that entity. Majority of those mentions;
   a tie gives no pronoun verdict.
2. ``title``: an honorific or gendered role noun right before the speaker's name in the text (``Mrs. Clinton``,
   ``spokeswoman Jessica Ditto``; words between them must be the speaker's own given names), or a gendered
   role word in the speaker's extracted role. The words are data: ``gender_titles.txt`` of :mod:`quotekit.lexicons`.
3. ``name``: the first name, looked up in a first-name lexicon. The default lexicon is
   :func:`quotekit.lexicons.given_name_gender`: quotekit's hand-made ``female_names``/``male_names`` lists
   (common English first names compiled for he/she agreement in speaker resolution; no source or frequency data
   is documented for them), then the first names of the US Census 1990 (public domain) whose bearers are at
   least eight times as often of one sex as of the other (``census_first_names.txt``, its header and build script
   say how; "Jordan", "Taylor" get no gender). This is a guess from a name, not something the text says, and
   it is labelled so. Pass ``names=`` to use another lexicon. Names of one word are never looked up (a lone
   "Warren" or "Graham" is a surname).
4. ``none``: ``unknown``.

Organisations, anonymous and unknown-type speakers get no gender at all (``gender`` is ``None``): their share is
stated separately in the tables, never folded into either gender. With ``across_documents=True`` a speaker
whose document says nothing takes the strongest evidence found for the same ``speaker_id`` in another document
(``evidence_doc`` says which).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any, Iterable, Mapping, Optional, Sequence

import numpy as np
import pandas as pd

from ..aggregate.frames import bootstrap_ci
from ..errors import InputError
from .. import lexicons
from ._text import check_records, check_texts, span_text

GENDERS = ("female", "male")
EVIDENCE = ("pronoun", "title", "name", "none")
"""Evidence kinds, strongest first."""

PRONOUN_GENDER = {"he": "male", "him": "male", "himself": "male", "his": "male",
                  "she": "female", "her": "female", "herself": "female", "hers": "female"}
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NAME_WORD = r"[A-Z][\w’'.\-]*"

SPEAKER_COLUMNS = ["doc_id", "speaker", "speaker_id", "speaker_type", "gender", "evidence", "evidence_text",
                   "evidence_doc", "n_quotes", "female_pronouns", "male_pronouns"]


@lru_cache(maxsize=None)
def gender_titles() -> tuple[tuple[str, str, bool], ...]:
    """``(word, gender, cased)`` from ``gender_titles.txt`` of :mod:`quotekit.lexicons`."""
    out = []
    for line in lexicons.lines("gender_titles"):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 2 or parts[1] not in GENDERS:
            raise InputError(f"lexicon gender_titles.txt: bad line {line!r}; expected word<TAB>female|male[<TAB>cased]")
        out.append((parts[0], parts[1], len(parts) > 2 and parts[2] == "cased"))
    return tuple(out)


@lru_cache(maxsize=None)
def _title_regex() -> re.Pattern:
    alternatives = []
    for word, _, cased in sorted(gender_titles(), key=lambda t: -len(t[0])):
        body = re.escape(word.rstrip(".")).replace(r"\ ", r"\s+")
        alternatives.append(body if cased else f"(?i:{body})")
    return re.compile(r"(?<![\w.])(?P<title>" + "|".join(alternatives) + r")\.?\s+(?P<names>" + _NAME_WORD
                      + r"(?:\s+" + _NAME_WORD + r"){0,3})(?![\w’'])")


@lru_cache(maxsize=None)
def _title_gender() -> dict[str, str]:
    return {word.rstrip(".").lower(): gender for word, gender, _ in gender_titles()}


def _title_key(title: str) -> str:
    return " ".join(title.lower().rstrip(".").split())


def default_first_names() -> dict[str, str]:
    """quotekit's first-name lexicon as ``{name: "female"|"male"}``: :func:`quotekit.lexicons.given_name_gender`
    (the hand-made lists, then the US Census 1990 names of one clear gender; ambiguous names left out)."""
    return {name: ("female" if g == "f" else "male") for name, g in lexicons.given_name_gender().items()}


def name_words(name: str) -> list[str]:
    """The words of a person's name, titles and suffixes dropped (``"Mr. John G. Roberts Jr."`` ->
    ``["John", "G.", "Roberts"]``)."""
    titles = _title_gender()
    tokens = [t.strip(",") for t in name.split()]
    while tokens and tokens[0].lower().rstrip(".") in titles:
        tokens = tokens[1:]
    while tokens and tokens[-1].lower() in _NAME_SUFFIXES:
        tokens = tokens[:-1]
    return [t for t in tokens if t]


def _norm(word: str) -> str:
    return word.lower().strip(".’'")


def title_mentions(text: str) -> list[tuple[str, tuple[str, ...], str]]:
    """Every gendered title before capitalised words in ``text``: ``(gender, the capitalised words after it (up
    to four, normalised: lower case, no dots), matched text)``."""
    out = []
    for match in _title_regex().finditer(text):
        out.append((_title_gender()[_title_key(match.group("title"))],
                    tuple(_norm(w) for w in match.group("names").split()), " ".join(match.group(0).split())))
    return out


def title_evidence(text_or_mentions, name: str, *, shared_surname: bool = False) -> list[tuple[str, str]]:
    """``(gender, matched text)`` for each gendered title right before ``name`` in a text (or in its
    :func:`title_mentions`).

    The title must be followed by the surname, with nothing but the name's own given names or initials between
    them ("Mr. Van Voorhis", "spokeswoman Jessica Ditto", "Mrs. Hillary Rodham Clinton"); a title followed by
    the bare surname is not used when another speaker of the document shares the surname (``shared_surname``:
    "Mrs. Clinton" in an article quoting Bill and Hillary Clinton).
    """
    mentions = title_mentions(text_or_mentions) if isinstance(text_or_mentions, str) else text_or_mentions
    words = name_words(name)
    if not words:
        return []
    surname, given = _norm(words[-1]), {_norm(w) for w in words[:-1]}

    def is_given(word: str) -> bool:
        return word in given or (len(word) == 1 and any(g.startswith(word) for g in given))

    found = []
    for gender, after, matched in mentions:
        for k, word in enumerate(after):
            if word == surname and all(is_given(w) for w in after[:k]):
                if k or not shared_surname:
                    found.append((gender, matched))
                break
            if not is_given(word):
                break
    return found


def role_evidence(role: Optional[str]) -> Optional[str]:
    """The gender a speaker's extracted role states (``"Stein spokeswoman"`` -> ``"female"``), else ``None``."""
    if not role:
        return None
    low = " ".join(role.lower().split())
    genders = {g for word, g in _title_gender().items() if re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", low)}
    return genders.pop() if len(genders) == 1 else None


def _majority(votes: Counter) -> Optional[str]:
    female, male = votes.get("female", 0), votes.get("male", 0)
    return "female" if female > male else "male" if male > female else None


def _speaker_name(rec: Mapping[str, Any]) -> Optional[str]:
    entity = rec.get("speaker_entity")
    if entity:
        return " ".join(str(entity).split())
    mention = span_text(rec.get("speaker"))
    return mention if mention and mention.lower() not in PRONOUN_GENDER else None


def speaker_genders(records: Iterable[Mapping[str, Any]], texts: Mapping[str, str], *,
                    names: Optional[Mapping[str, str]] = None, across_documents: bool = True) -> pd.DataFrame:
    """One row per speaker of each document, with the gender and its evidence.

    Args:
        records: quote records (``docs/QUOTE_SCHEMA.md``).
        texts: ``{doc_id: original text}`` for every document of the records.
        names: first-name lexicon ``{lower-case first name: "female"|"male"}``; default
            :func:`default_first_names` (hand-made lists and US Census 1990 names, see the module docstring).
        across_documents: fill a speaker the document says nothing about from the same ``speaker_id``'s
            evidence in other documents.

    Returns:
        Columns ``doc_id, speaker`` (entity, else mention), ``speaker_id, speaker_type`` (most frequent),
        ``gender`` (``female``/``male``/``unknown``; ``None`` for non-persons), ``evidence``
        (``pronoun``/``title``/``name``/``none``; ``None`` for non-persons), ``evidence_text`` (the title words,
        the pronouns counted, or the first name), ``evidence_doc`` (the document the evidence comes from),
        ``n_quotes, female_pronouns, male_pronouns``.
    """
    records = check_records(records)
    check_texts(records, texts)
    lexicon = default_first_names() if names is None else {str(k).lower(): str(v) for k, v in names.items()}
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for rec in records:
        name = _speaker_name(rec)
        if name:
            groups[(str(rec["doc_id"]), name)].append(rec)
    surnames = Counter((doc_id, _norm(name_words(name)[-1])) for doc_id, name in groups if name_words(name))
    mentions: dict[str, list] = {}
    rows = []
    for (doc_id, name), recs in groups.items():
        types = Counter(r.get("speaker_type") or "unknown" for r in recs)
        speaker_type = types.most_common(1)[0][0]
        ids = Counter(r.get("speaker_id") for r in recs if r.get("speaker_id"))
        pronouns = Counter(PRONOUN_GENDER[m.lower()] for m in (span_text(r.get("speaker")) for r in recs)
                           if m and m.lower() in PRONOUN_GENDER)
        row = {"doc_id": doc_id, "speaker": name, "speaker_id": ids.most_common(1)[0][0] if ids else None,
               "speaker_type": speaker_type, "gender": None, "evidence": None, "evidence_text": None,
               "evidence_doc": None, "n_quotes": len(recs), "female_pronouns": pronouns.get("female", 0),
               "male_pronouns": pronouns.get("male", 0)}
        if speaker_type == "person":
            words = name_words(name)
            shared = bool(words) and surnames[(doc_id, _norm(words[-1]))] > 1
            if doc_id not in mentions:
                mentions[doc_id] = title_mentions(texts[doc_id])
            row.update(_decide(mentions[doc_id], name, recs, pronouns, lexicon, shared), evidence_doc=doc_id)
            if row["evidence"] == "none":
                row["evidence_doc"] = None
        rows.append(row)
    frame = pd.DataFrame(rows, columns=SPEAKER_COLUMNS)
    if across_documents and len(frame):
        frame = _fill_across_documents(frame)
    return frame


def _decide(title_found: list, name: str, recs: Sequence[Mapping[str, Any]], pronouns: Counter,
            lexicon: Mapping[str, str], shared_surname: bool) -> dict[str, Any]:
    gender = _majority(pronouns)
    if gender:
        said = ", ".join(f"{n} {g}" for g, n in sorted(pronouns.items()))
        return {"gender": gender, "evidence": "pronoun", "evidence_text": f"pronoun speaker mentions: {said}"}
    titles = title_evidence(title_found, name, shared_surname=shared_surname)
    roles = [(g, role) for g, role in ((role_evidence(r.get("speaker_role")), r.get("speaker_role")) for r in recs)
             if g]
    votes = Counter(g for g, _ in titles + roles)
    gender = _majority(votes)
    if gender:
        shown = next(t for g, t in titles + roles if g == gender)
        return {"gender": gender, "evidence": "title", "evidence_text": str(shown)}
    words = name_words(name)
    if len(words) >= 2 and _norm(words[0]) in lexicon and lexicon[_norm(words[0])] in GENDERS:
        return {"gender": lexicon[_norm(words[0])], "evidence": "name", "evidence_text": words[0]}
    return {"gender": "unknown", "evidence": "none", "evidence_text": None}


def _fill_across_documents(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {e: i for i, e in enumerate(EVIDENCE)}
    frame = frame.copy()
    persons = frame[(frame["speaker_type"] == "person") & frame["speaker_id"].notna()]
    best: dict[str, int] = {}
    for i, row in persons.iterrows():
        current = best.get(row["speaker_id"])
        if current is None or rank[row["evidence"]] < rank[frame.at[current, "evidence"]]:
            best[row["speaker_id"]] = i
    for i, row in persons.iterrows():
        source = best[row["speaker_id"]]
        if row["evidence"] in ("name", "none") and rank[frame.at[source, "evidence"]] < rank[row["evidence"]]:
            for col in ("gender", "evidence", "evidence_text", "evidence_doc"):
                frame.at[i, col] = frame.at[source, col]
    return frame


def record_genders(records: Iterable[Mapping[str, Any]], texts: Mapping[str, str], **options: Any) -> list[dict]:
    """Per record: ``{"gender", "gender_evidence", "gender_evidence_text"}`` of its speaker (all ``None`` when
    the record has no person speaker). ``options`` as :func:`speaker_genders`."""
    records = check_records(records)
    table = speaker_genders(records, texts, **options)
    lookup = {(r.doc_id, r.speaker): r for r in table.itertuples(index=False)}
    out = []
    for rec in records:
        row = lookup.get((str(rec["doc_id"]), _speaker_name(rec) or ""))
        if row is None or not isinstance(row.gender, str):
            out.append({"gender": None, "gender_evidence": None, "gender_evidence_text": None})
        else:
            out.append({"gender": row.gender, "gender_evidence": row.evidence,
                        "gender_evidence_text": row.evidence_text if isinstance(row.evidence_text, str) else None})
    return out


SHARE_COLUMNS = ["n", "n_female", "n_male", "n_unknown", "share_unknown", "share_female", "share_female_ci_low",
                 "share_female_ci_high", "share_male", "n_not_person"]


def gender_shares(records: Iterable[Mapping[str, Any]], *, by: Optional[str] = None, unit: str = "quotes",
                  freq: str = "M", n_boot: int = 1000, seed: int = 0,
                  metadata: Optional[Mapping[str, Mapping[str, Any]]] = None) -> pd.DataFrame:
    """Share of women and men among quoted people, overall, per outlet or per period, with bootstrap intervals.

    Args:
        records: records carrying ``gender`` (see :func:`quotekit.measures.add_measures`).
        by: ``None`` (one row, ``group == "all"``), ``"outlet"``, ``"period"`` (of the ``date`` field, pandas
            alias ``freq``: ``"M"``, ``"Q"``, ``"Y"``) or any other record/metadata field.
        unit: ``"quotes"`` (each quote of a person counts) or ``"speakers"`` (each distinct person once per
            group: ``speaker_id``, else document + speaker; a person's gender is their most frequent known one).
        metadata: ``{doc_id: {"outlet": ..., "date": ...}}`` for records that do not carry those fields.

    Returns:
        One row per group: ``group, n`` (persons or their quotes), ``n_female, n_male, n_unknown,
        share_unknown`` (of ``n``: stated, not hidden), ``share_female`` (among those of known gender),
        ``share_female_ci_low/high`` (95% percentile bootstrap, ``n_boot`` resamples, seeded), ``share_male``,
        ``n_not_person`` (quotes or speakers without a person speaker, left out of ``n``).
    """
    if unit not in ("quotes", "speakers"):
        raise InputError(f"unit must be 'quotes' or 'speakers', not {unit!r}")
    records = check_records(records)
    if records and not any("gender" in r for r in records):
        raise InputError("the records carry no 'gender' field; run quotekit.measures.add_measures(records, texts) "
                         "first")
    frame = _share_frame(records, by, freq, metadata)
    rows = []
    for n, (group, part) in enumerate(sorted(frame.groupby("group", sort=True), key=lambda kv: str(kv[0]))):
        if unit == "speakers":
            part = _per_speaker(part)
        persons = part[part["gender"].notna()]
        counts = persons["gender"].value_counts()
        known = persons[persons["gender"].isin(GENDERS)]
        values = (known["gender"] == "female").astype(float).tolist()
        low, high = bootstrap_ci(values, n_boot=n_boot, seed=seed + n)
        share = float(np.mean(values)) if values else np.nan
        rows.append({"group": group, "n": int(len(persons)), "n_female": int(counts.get("female", 0)),
                     "n_male": int(counts.get("male", 0)), "n_unknown": int(counts.get("unknown", 0)),
                     "share_unknown": float(counts.get("unknown", 0) / len(persons)) if len(persons) else np.nan,
                     "share_female": share, "share_female_ci_low": low, "share_female_ci_high": high,
                     "share_male": 1.0 - share if values else np.nan,
                     "n_not_person": int(len(part) - len(persons))})
    return pd.DataFrame(rows, columns=["group"] + SHARE_COLUMNS)


def _share_frame(records: Sequence[Mapping[str, Any]], by: Optional[str], freq: str,
                 metadata: Optional[Mapping[str, Mapping[str, Any]]]) -> pd.DataFrame:
    rows = []
    for rec in records:
        meta = (metadata or {}).get(str(rec["doc_id"]), {})
        field = "date" if by == "period" else by
        value = rec.get(field, meta.get(field)) if field else "all"
        rows.append({"doc_id": str(rec["doc_id"]), "speaker": _speaker_name(rec), "speaker_id": rec.get("speaker_id"),
                     "gender": rec.get("gender"), "group": value})
    frame = pd.DataFrame(rows, columns=["doc_id", "speaker", "speaker_id", "gender", "group"])
    if by == "period" and len(frame):
        dates = pd.to_datetime(frame["group"], errors="coerce")
        frame = frame.assign(group=dates.dt.to_period(freq).astype(str))[dates.notna()]
    return frame[frame["group"].notna()]


def _per_speaker(part: pd.DataFrame) -> pd.DataFrame:
    part = part[part["speaker_id"].notna() | part["speaker"].notna()]
    keys = part["speaker_id"].where(part["speaker_id"].notna(), part["doc_id"] + "\x00" + part["speaker"].fillna(""))
    rows = []
    for key, group in part.assign(key=keys).groupby("key", sort=True):
        genders = [g for g in group["gender"] if g is not None and g == g]
        votes = Counter(g for g in genders if g in GENDERS)
        gender = _majority(votes) or ("unknown" if genders else None)
        rows.append({"key": key, "gender": gender})
    return pd.DataFrame(rows, columns=["key", "gender"])
