""":mod:`quotekit.measures`: research measures over quote records: source gender, prominence, anonymity reasons,
quote reuse.

Every function takes quote records (the dicts of ``docs/QUOTE_SCHEMA.md``) and, where it reads the text, the
``{doc_id: original text}`` the records' offsets index; none needs a parse. :func:`add_measures` returns new
records with every per-record field (documented in ``docs/QUOTE_SCHEMA.md``; their uses in ``docs/measures.md``);
the table functions accept records that carry those fields.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Mapping, Optional

from ._text import check_records, check_texts
from .anonymity import anonymity_rates, find_reason, record_anonymity
from .gender import gender_shares, record_genders, speaker_genders
from .prominence import position_shares, record_prominence, speaker_prominence
from .reuse import ReuseResult, find_reuse

MEASURE_FIELDS = ("gender", "gender_evidence", "gender_evidence_text", "position", "paragraph", "quoted_words",
                  "quoted_word_share", "anonymity_reason", "reuse_group", "reuse_first", "reuse_n_docs",
                  "reuse_drift")


def add_measures(records: Iterable[Mapping[str, Any]], texts: Mapping[str, str], *,
                 metadata: Optional[Mapping[str, Mapping[str, Any]]] = None,
                 names: Optional[Mapping[str, str]] = None, across_documents: bool = True,
                 reuse_options: Optional[Mapping[str, Any]] = None) -> list[dict]:
    """New records with the measures' fields added (the input records are not changed).

    Args:
        records: quote records, e.g. ``quotekit.analyze(...).records`` or the lines of ``quotekit extract``.
        texts: ``{doc_id: original text}`` for every document of the records (``AnalysisResult.docs``).
        metadata: ``{doc_id: {"date", "outlet", "title"}}`` for records that do not carry those fields.
        names, across_documents: see :func:`quotekit.measures.gender.speaker_genders`.
        reuse_options: keyword options of :func:`quotekit.measures.reuse.find_reuse`.

    Raises:
        InputError: a record is malformed, a document's text is missing, or offsets do not index the text.
    """
    metadata = metadata or {}
    records = check_records(records)
    check_texts(records, texts)
    titles = {doc_id: meta["title"] for doc_id, meta in metadata.items() if meta.get("title")}
    genders = record_genders(records, texts, names=names, across_documents=across_documents)
    prominence = record_prominence(records, texts, titles=titles)
    anonymity = record_anonymity(records, texts)
    reuse = find_reuse(records, metadata=metadata, **dict(reuse_options or {}))
    return [{**rec, **g, **p, **a, **r}
            for rec, g, p, a, r in zip(records, genders, prominence, anonymity, reuse.fields)]


_NUMBERS = {"paragraph": int, "quoted_words": int, "reuse_n_docs": int, "quoted_word_share": float,
            "reuse_drift": float}


def typed_measures(record: Mapping[str, Any]) -> dict:
    """The record with its measure fields as :func:`add_measures` types them, for records read back from a CSV
    table (every cell a string: ``""`` is null, ``"3"`` a number, ``"True"`` a flag; a span is JSON)."""
    out = dict(record)
    for name in MEASURE_FIELDS:
        value = out.get(name)
        if not isinstance(value, str):
            continue
        if value.strip() == "":
            out[name] = None
        elif name in _NUMBERS:
            try:
                out[name] = _NUMBERS[name](float(value))
            except (ValueError, OverflowError):  # not a number ("inf" is no count): kept as written
                pass
        elif name == "reuse_first" and value in ("True", "False", "true", "false"):
            out[name] = value.lower() == "true"
        elif name == "anonymity_reason" and value.startswith("{"):
            try:
                out[name] = json.loads(value)
            except json.JSONDecodeError:
                pass
    return out


def has_measures(records: Iterable[Mapping[str, Any]]) -> bool:
    """Whether every record carries every measure field (records of ``quotekit extract --measures`` or
    :func:`quotekit.analyze` do; those of an older quotes file do not)."""
    return all(all(name in rec for name in MEASURE_FIELDS) for rec in records)


def measure_documents(records: Iterable[Mapping[str, Any]], documents: Iterable[Any],
                      **options: Any) -> tuple[list[dict], Optional[str]]:
    """``(records, why_not)``: the records with the measures added from the texts and metadata of ``documents``
    (:class:`~quotekit.types.Document` objects), or unchanged with the reason they could not be measured.

    Records that already carry every measure field are returned as they are (``why_not`` None): measuring is
    done once, where the whole corpus is at hand. Options are those of :func:`add_measures`.
    """
    records = [dict(rec) for rec in records]
    if has_measures(records):  # e.g. read from the output of extract --measures (typed again if it was CSV)
        return [typed_measures(rec) for rec in records], None
    docs = {d.doc_id: d for d in documents}
    missing = sorted({str(rec.get("doc_id")) for rec in records} - set(docs))
    if missing:
        return records, (f"the texts of {len(missing)} document(s) of the quotes are not at hand (e.g. "
                         f"{missing[0]!r}); pass the corpus the quotes were extracted from, or extract with "
                         "--measures")
    metadata = {doc_id: d.meta for doc_id, d in docs.items()}
    return add_measures(records, {doc_id: d.text for doc_id, d in docs.items()}, metadata=metadata,
                        **options), None


__all__ = [
    "MEASURE_FIELDS", "ReuseResult", "add_measures", "anonymity_rates", "find_reason", "find_reuse",
    "gender_shares", "has_measures", "measure_documents", "position_shares", "record_anonymity", "record_genders",
    "record_prominence", "speaker_genders", "speaker_prominence", "typed_measures",
]
