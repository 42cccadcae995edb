""":mod:`quotekit.report.measures`: the report sections of the research measures (:mod:`quotekit.measures`).

Four sections: source gender (share of women per outlet and month with bootstrap intervals, the share left
unknown, each speaker's gender with its evidence), prominence (where quotes appear by gender and speaker type,
who gets the most quoted words and the ledes), anonymity reasons (how often an anonymous source's reason is
stated, per outlet, each reason with its quote) and quote reuse (statements in several documents, pairs of
documents that share most of their statements). They read the measure fields of the records; the report adds
them from the texts when the records lack them (:func:`quotekit.measures.measure_documents` in
:func:`quotekit.report.html.prepare`), and each section says so in one line when neither is at hand.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any, Mapping, Optional, Sequence

import pandas as pd

from ..aggregate.frames import speaker_key
from ..measures import anonymity_rates, find_reuse, gender_shares, position_shares, speaker_prominence
from ..measures.gender import EVIDENCE
from .charts import hbar_chart, line_chart, stacked_share_chart

__all__ = ["measure_sections"]

_POSITIONS = ("headline", "lede", "body")
_NOT_PERSON = "not a person"


def _h():
    """The page's table and figure helpers (:mod:`.html` imports this module, so it is imported on use)."""
    from . import html

    return html


def _share(value: Any) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.0%}"


def _key(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.4f}"


def _quote_link(rec: Mapping[str, Any], anchors: Any, linked_docs: set, label: str = "in the document") -> str:
    doc_id = str(rec.get("doc_id"))
    if doc_id not in linked_docs:
        return ""
    return f' <a class="qk-in-doc" href="#{anchors.quote(doc_id, rec.get("quote_id"))}">{label}</a>'


def _content(rec: Mapping[str, Any], limit: int = 220) -> str:
    text = " ".join(str((rec.get("content") or {}).get("text") or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _speaker_name(rec: Mapping[str, Any]) -> str:
    return str(rec.get("speaker_entity") or (rec.get("speaker") or {}).get("text") or "(no speaker)")


# -- gender ------------------------------------------------------------------------------------------------------
def _gender_table(frame: pd.DataFrame, label: str) -> str:
    H = _h()
    rows = [[(H._e(r["group"]), str(r["group"])), (str(r["n"]), r["n"]), (str(r["n_female"]), r["n_female"]),
             (str(r["n_male"]), r["n_male"]), (str(r["n_unknown"]), r["n_unknown"]),
             (_share(r["share_unknown"]), _key(r["share_unknown"])),
             (f'{_share(r["share_female"])} ({_share(r["share_female_ci_low"])}–{_share(r["share_female_ci_high"])})',
              _key(r["share_female"]))] for r in frame.to_dict("records")]
    return H._table(f"Quoted people by gender, per {label} (quotes)",
                    [(label.capitalize(), ""), ("Quotes by people", "num"), ("Women", "num"), ("Men", "num"),
                     ("Unknown", "num"), ("Share unknown", "num"), ("Share women (95% CI)", "num")], rows)


def _gender_speakers(records: Sequence[Mapping[str, Any]], anchors: Any, linked_docs: set) -> str:
    """Each quoted person with the gender the records give and the strongest evidence behind it."""
    H = _h()
    people: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for rec in records:
        key = speaker_key(rec)
        if key is not None and rec.get("gender") is not None:
            people[key].append(rec)
    rows = []
    rank = {kind: n for n, kind in enumerate(EVIDENCE)}
    for recs in sorted(people.values(), key=lambda rs: (-len(rs), _speaker_name(rs[0]))):
        best = min(recs, key=lambda r: rank.get(r.get("gender_evidence") or "none", len(EVIDENCE)))
        genders = Counter(str(r["gender"]) for r in recs)
        gender = genders.most_common(1)[0][0]
        mixed = " (" + ", ".join(f"{g} in {n}" for g, n in sorted(genders.items())) + ")" if len(genders) > 1 else ""
        name, first = _speaker_name(recs[0]), recs[0]
        cell = (f'<a href="#{anchors.quote(str(first["doc_id"]), first.get("quote_id"))}">{H._e(name)}</a>'
                if str(first["doc_id"]) in linked_docs else H._e(name))
        evidence = best.get("gender_evidence") or "none"
        rows.append([(cell, name), (H._e(gender + mixed), gender), (H._e(evidence), evidence),
                     (H._text(best.get("gender_evidence_text")), str(best.get("gender_evidence_text") or "")),
                     (str(len(recs)), len(recs))])
    if not rows:
        return H._empty("No quoted person in these quotes.")
    return H._table("Quoted people: gender and its evidence (pronoun > title > first name > none)",
                    [("Speaker", ""), ("Gender", ""), ("Evidence", ""), ("What the text says", ""),
                     ("Quotes", "num")], rows)


def gender_section(records: Sequence[Mapping[str, Any]], anchors: Any, linked_docs: set) -> str:
    H = _h()
    shares = gender_shares(records)
    overall = shares.iloc[0] if len(shares) else None
    n = int(overall["n"]) if overall is not None else 0
    if not n:
        return H._empty("No quote has a person as its speaker, so there is no source gender to count.")
    out = [f'<p>Of {n} quotes by people, {int(overall["n_female"])} are by women and {int(overall["n_male"])} by '
           f'men: women make {_share(overall["share_female"])} of those whose gender the text gives (95% CI '
           f'{_share(overall["share_female_ci_low"])}–{_share(overall["share_female_ci_high"])}). '
           f'{int(overall["n_unknown"])} ({_share(overall["share_unknown"])}) stay unknown and are not counted in '
           f'the shares; organisations and anonymous sources ({int(overall["n_not_person"])} quotes) are never '
           'given a gender.</p>']
    outlets = gender_shares(records, by="outlet")
    if len(outlets):
        shown = outlets[outlets["n_female"] + outlets["n_male"] > 0]
        chart = hbar_chart(list(shown["group"].astype(str)), list(shown["share_female"]),
                           lows=list(shown["share_female_ci_low"]), highs=list(shown["share_female_ci_high"]),
                           percent=True, domain=(0.0, 1.0), title="Share of women among quoted people by outlet",
                           desc="Share of each outlet's quotes by people of known gender that are by women, with "
                                "95% bootstrap intervals; quotes by people of unknown gender are left out (table).")
        out.append(f'<div class="qk-grid"><div>{H._figure("Source gender by outlet", chart)}</div>'
                   f'<div>{_gender_table(outlets, "outlet")}</div></div>')
    else:
        out.append(H._empty("The corpus has no outlet column (add one in metadata.csv) for a per-outlet breakdown."))
    periods = gender_shares(records, by="period")
    periods = periods[periods["n_female"] + periods["n_male"] > 0] if len(periods) else periods
    if len(periods) >= 2:
        chart = line_chart(list(periods["group"].astype(str)), list(periods["share_female"]),
                           lows=list(periods["share_female_ci_low"]), highs=list(periods["share_female_ci_high"]),
                           title="Share of women among quoted people by month",
                           desc="Monthly share of quotes by people of known gender that are by women; the band "
                                "is the 95% bootstrap interval.")
        out.append(f'<div class="qk-grid"><div>{H._figure("Source gender over time", chart)}</div>'
                   f'<div>{_gender_table(periods, "month")}</div></div>')
    out.append('<h3 id="gender-speakers">Who was quoted</h3>' + _gender_speakers(records, anchors, linked_docs))
    return "".join(out)


# -- prominence --------------------------------------------------------------------------------------------------
def _group_label(group: Any) -> str:
    """A position_shares group as shown: records without the field (no gender: not a person) are "(none)"."""
    return _NOT_PERSON if str(group) in ("", "(none)") else str(group)


def _position_chart(frame: pd.DataFrame, by: str) -> str:
    labels = [_group_label(g) for g in frame["group"]]
    return stacked_share_chart(labels, [(p, list(frame[f"share_{p}"])) for p in _POSITIONS],
                               title=f"Where quotes appear, by speaker {by}",
                               desc=f"Share of the quotes of each speaker {by} that start in the headline, the "
                                    "lede paragraph or the body of the article.")


def prominence_section(records: Sequence[Mapping[str, Any]], anchors: Any, top: int) -> str:
    H = _h()
    placed = [r for r in records if r.get("position")]
    if not placed:
        return H._empty("No quote has a position (no content spans).")
    by_gender, by_type = position_shares(placed, by="gender"), position_shares(placed, by="speaker_type")
    table = H._table("Position and quoted words by speaker gender and type",
                     [("Group", ""), ("Quotes", "num"), ("Headline", "num"), ("Lede", "num"), ("Body", "num"),
                      ("Share of quoted words", "num")],
                     [[(H._e(label + _group_label(r["group"])), None), (str(r["n_quotes"]), r["n_quotes"]),
                       *((_share(r[f"share_{p}"]), _key(r[f"share_{p}"])) for p in _POSITIONS),
                       (_share(r["quoted_word_share"]), _key(r["quoted_word_share"]))]
                      for label, frame in (("gender: ", by_gender), ("type: ", by_type))
                      for r in frame.to_dict("records")])
    out = [f'<div class="qk-grid"><div>{H._figure("Position by gender", _position_chart(by_gender, "gender"))}'
           f'{H._figure("Position by speaker type", _position_chart(by_type, "type"))}</div><div>{table}</div></div>']
    speakers = speaker_prominence(placed)
    if len(speakers):
        head = speakers.head(top)
        rows = [[(H._e(r["name"]), str(r["name"])), (H._type_badge(r["speaker_type"]), r["speaker_type"]),
                 (str(r["n_quotes"]), r["n_quotes"]), (str(r["quoted_words"]), r["quoted_words"]),
                 (_share(r["quoted_word_share"]), _key(r["quoted_word_share"])),
                 (str(r["n_first_quoted"]), r["n_first_quoted"]), (str(r["n_headline"]), r["n_headline"]),
                 (str(r["n_lede"]), r["n_lede"]), (_share(r["share_lede"]), _key(r["share_lede"]))]
                for r in head.to_dict("records")]
        out.append('<h3 id="prominence-speakers">Who gets the room</h3>' + H._table(
            f"Speakers by quoted words (top {len(head)})",
            [("Speaker", ""), ("Type", ""), ("Quotes", "num"), ("Quoted words", "num"), ("Share of words", "num"),
             ("Quoted first", "num"), ("In headline", "num"), ("In lede", "num"), ("Share in lede", "num")], rows,
            note="“Quoted first”: documents whose first quote is the speaker's. The lede is the first paragraph "
                 "after the headline block."))
    return "".join(out)


# -- anonymity reasons -------------------------------------------------------------------------------------------
def anonymity_section(records: Sequence[Mapping[str, Any]], anchors: Any, linked_docs: set) -> str:
    H = _h()
    anonymous = [r for r in records if r.get("speaker_type") == "anonymous"]
    if not anonymous:
        return H._empty("No quote has an anonymous source.")
    explained = [r for r in anonymous if r.get("anonymity_reason")]
    share = _share(len(explained) / len(anonymous))
    where = "; the reasons are underlined in the documents below" if explained else ""
    out = [f'<p>{len(explained)} of {len(anonymous)} quotes from anonymous sources ({share}) come with a reason '
           'the text gives for not naming the source (“because he was not authorized to speak publicly”)'
           f'{where}.</p>']
    rates = anonymity_rates(records, by="outlet")
    rates = rates[rates["n_anonymous"] > 0] if len(rates) else rates
    if len(rates):
        chart = hbar_chart(list(rates["group"].astype(str)), list(rates["reason_rate"]), percent=True,
                           domain=(0.0, 1.0), title="Anonymous quotes whose reason is stated, by outlet",
                           desc="Share of each outlet's quotes from anonymous sources for which the text says why "
                                "the source is not named.")
        rows = [[(H._e(r["group"]), str(r["group"])), (str(r["n_quotes"]), r["n_quotes"]),
                 (str(r["n_anonymous"]), r["n_anonymous"]), (_share(r["anonymous_rate"]), _key(r["anonymous_rate"])),
                 (str(r["n_with_reason"]), r["n_with_reason"]), (_share(r["reason_rate"]), _key(r["reason_rate"])),
                 (H._e(", ".join(f"{k} {v}" for k, v in sorted((r["reasons"] or {}).items()))), None)]
                for r in rates.to_dict("records")]
        table = H._table("Anonymous sources and stated reasons by outlet",
                         [("Outlet", ""), ("Quotes", "num"), ("Anonymous", "num"), ("Rate", "num"),
                          ("With a reason", "num"), ("Reason rate", "num"), ("Reasons", "")], rows)
        out.append(f'<div class="qk-grid"><div>{H._figure("Stated reasons by outlet", chart)}</div>'
                   f'<div>{table}</div></div>')
    if explained:
        items = "".join(
            f'<li><q class="qk-quote">{H._e(_content(r))}</q> <span class="qk-meta">{H._e(_speaker_name(r))} · '
            f'reason: <span class="qk-reason">{H._e(r["anonymity_reason"].get("text"))}</span> '
            f'({H._e(r["anonymity_reason"].get("label"))}){_quote_link(r, anchors, linked_docs)}</span></li>'
            for r in explained)
        out.append(f'<details class="qk-drill" id="anonymity-reasons-list"><summary>The {len(explained)} stated '
                   f'reasons with their quotes</summary><ol class="qk-drill-quotes">{items}</ol></details>')
    return "".join(out)


# -- reuse -------------------------------------------------------------------------------------------------------
def reuse_section(records: Sequence[Mapping[str, Any]], anchors: Any, linked_docs: set, top: int) -> str:
    H = _h()
    if not any(r.get("reuse_group") for r in records):
        return H._empty("No statement of at least six words appears in two or more documents of this corpus "
                        "(exact or near-duplicate wording), so there is no quote reuse to show.")
    result = find_reuse(records)
    groups = result.groups.sort_values(["n_docs", "n_records"], ascending=False, kind="stable")
    members: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for rec in records:
        if rec.get("reuse_group"):
            members[str(rec["reuse_group"])].append(rec)
    head = groups.head(top)
    anchor = lambda gid: "reuse-" + "".join(c if c.isalnum() else "-" for c in str(gid))  # noqa: E731
    chart = hbar_chart([str(t) for t in head["text"]], list(head["n_docs"]),
                       links=["#" + anchor(g) for g in head["reuse_group"]], axis_label="documents",
                       title="Statements repeated across documents",
                       desc="Documents each shared statement appears in (most repeated first); a bar links to "
                            "the quotes.", width=900)
    rows = [[(f'<a href="#{anchor(r["reuse_group"])}">{H._e(_short(r["text"]))}</a>', str(r["text"])),
             (str(r["n_docs"]), r["n_docs"]), (H._e(r["first_outlet"] or r["first_doc"]), str(r["first_doc"])),
             (H._e(H._date(r["first_date"])), H._date(r["first_date"])),
             (H._e(", ".join(map(str, r["repeated_by"] or []))), None),
             (_share(r["drift_mean"]), _key(r["drift_mean"]))] for r in groups.to_dict("records")]
    table = H._table("Shared statements (a statement lists its quotes)",
                     [("Statement", ""), ("Documents", "num"), ("First in", ""), ("First date", "date"),
                      ("Repeated by", ""), ("Wording drift", "num")], rows,
                     note="Wording drift: 1 − the word overlap of a repetition with the first appearance (0 = the "
                          "same words), averaged over the repetitions.")
    lists = []
    for r in groups.to_dict("records"):
        recs = members.get(str(r["reuse_group"]), [])
        items = "".join(f'<li><q class="qk-quote">{H._e(_content(q))}</q> <span class="qk-meta">'
                        f'{H._e(_speaker_name(q))} · {H._e(q.get("outlet") or q.get("doc_id"))} '
                        f'{H._e(H._date(q.get("date")))}{" · first" if q.get("reuse_first") else ""}'
                        f'{_quote_link(q, anchors, linked_docs)}</span></li>' for q in recs)
        lists.append(f'<details class="qk-drill" id="{anchor(r["reuse_group"])}"><summary>{H._e(_short(r["text"]))}: '
                     f'{len(recs)} quotes in {r["n_docs"]} documents</summary><ol class="qk-drill-quotes">{items}'
                     f'</ol></details>')
    out = [H._figure("Repeated statements", chart), table,
           f'<h3 id="reuse-quotes">Quotes of each shared statement</h3><div class="qk-drills">{"".join(lists)}</div>']
    pairs = result.pairs
    if len(pairs):
        prow = [[(H._e(p["doc_a"]), str(p["doc_a"])), (H._e(p["doc_b"]), str(p["doc_b"])),
                 (str(p["shared"]), p["shared"]), (_share(p["share"]), _key(p["share"])),
                 ("likely wire copy" if p["wire_copy"] else "", int(bool(p["wire_copy"])))]
                for p in pairs.sort_values("shared", ascending=False, kind="stable").to_dict("records")]
        out.append('<h3 id="reuse-pairs">Documents sharing statements</h3>' + H._table(
            "Document pairs by shared statements", [("Document", ""), ("Document", ""), ("Shared", "num"),
                                                     ("Share of the smaller", "num"), ("", "")], prow,
            note="A pair sharing at least two statements that make up at least half of the smaller document's "
                 "statements is flagged as likely wire copy."))
    return "".join(out)


def _short(text: Any, n: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def measure_sections(records: Sequence[Mapping[str, Any]], anchors: Any, linked_docs: set, top: int,
                     why_not: Optional[str] = None) -> list[tuple[str, str, str]]:
    """``(id, heading, html)`` of the four measure sections; with ``why_not`` (the records carry no measures and
    the texts are not at hand) each section is that one-line explanation."""
    names = [("gender", "Source gender"), ("prominence", "Prominence: headline, lede, quoted words"),
             ("anonymity-reasons", "Anonymous sources: stated reasons"), ("reuse", "Quote reuse across documents")]
    if why_not is not None:
        note = _h()._empty(f"Not measured: {why_not}.")
        return [(sid, name, note) for sid, name in names]
    bodies = [gender_section(records, anchors, linked_docs), prominence_section(records, anchors, top),
              anonymity_section(records, anchors, linked_docs), reuse_section(records, anchors, linked_docs, top)]
    return [(sid, name, body) for (sid, name), body in zip(names, bodies)]
