""":mod:`quotekit.analyze`: the notebook entry point.

>>> import quotekit
>>> result = quotekit.analyze("corpora/")               # doctest: +SKIP
>>> result.speakers.head()                               # doctest: +SKIP
>>> result.show("nyt_2016-01-20_falling-deficit-to-reverse-cours")   # highlighted text  # doctest: +SKIP
>>> result.plot_top_speakers()                           # a matplotlib Figure  # doctest: +SKIP

:func:`analyze` extracts every quote of a corpus (a folder, a table, a DataFrame, a list or dict of texts, or a
single text) and returns an :class:`AnalysisResult`: the pandas tables of :mod:`quotekit.aggregate.frames`
(``quotes``, ``speakers``, ``targets``, ``documents``), the texts (``docs``), highlighted documents
(:meth:`AnalysisResult.show`, and the notebook display itself) and plots (:mod:`quotekit.plotting`).
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Union

from .errors import InputError
from .types import Document, Quote

if TYPE_CHECKING:  # pandas is imported when a table is first asked for
    import pandas as pd

__all__ = ["AnalysisResult", "HighlightedDocument", "analyze"]

_NOTEBOOK_CSS = """
.qk-nb{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a202c;max-width:60rem}
.qk-nb h4{margin:.3rem 0}.qk-nb .qk-meta{color:#4a5568;font-size:.85rem;margin:.2rem 0 .5rem}
.qk-nb .qk-text{max-height:28rem;overflow-y:auto;border:1px solid #d9dee5;border-radius:6px;padding:.6rem .8rem;
background:#fff;color:#1a202c}
.qk-nb table{border-collapse:collapse;font-size:.85rem;margin:.4rem 0}
.qk-nb th,.qk-nb td{padding:.2rem .6rem;border-bottom:1px solid #d9dee5;text-align:left}
"""


@dataclass
class HighlightedDocument:
    """One document's text with its quotes highlighted; displays itself in notebooks (``_repr_html_``)."""

    doc_id: str
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


def _is_path(value: Any) -> bool:
    if isinstance(value, os.PathLike):
        return True
    return isinstance(value, str) and len(value) < 4096 and "\n" not in value and Path(value).exists()


def _documents(source: Any, column_opts: Mapping[str, Any]) -> list[Document]:
    """The documents of any source :func:`quotekit.io.corpus.iter_documents` takes, plus a text or a dict."""
    from .io.corpus import Columns, iter_documents

    if isinstance(source, Document):
        source = [source]
    elif isinstance(source, str) and not _is_path(source):
        source = [Document(doc_id="doc-0", text=source)]
    elif isinstance(source, Mapping):
        source = [Document(doc_id=str(k), text=str(v)) for k, v in source.items()]
    columns = Columns.from_options(**column_opts) if column_opts else None
    docs = [d for d in iter_documents(source, columns=columns) if isinstance(d, Document)]
    seen: set[str] = set()
    for d in docs:
        if d.doc_id in seen:
            raise InputError(f"two documents have the id {d.doc_id!r}; give every document a distinct id "
                             "(dict keys, an id column, or distinct file names)")
        seen.add(d.doc_id)
    return docs


def analyze(
    texts_or_corpus: Any,
    *,
    backend: str = "spacy",
    model: Optional[str] = None,
    jobs: Optional[int] = 1,
    progress: bool = False,
    targets: Union[None, str, os.PathLike, Mapping[str, Sequence[str]]] = None,
    stance_model: Union[None, str, os.PathLike] = None,
    speaker_model: str = "rules",
    acts: Optional[Sequence[str]] = None,
    **column_opts: Any,
) -> "AnalysisResult":
    """Extract the quotes of a corpus and return tables, highlighted texts and plots.

    Args:
        texts_or_corpus: a folder of ``.txt`` files (``metadata.csv`` adds outlet/date/title), a corpus table
            (``.jsonl``/``.csv``/``.parquet``), a pandas DataFrame with a text column, a list of texts (ids
            ``doc-0``, ``doc-1``, ...), a ``{doc_id: text}`` dict, :class:`~quotekit.types.Document` objects, or
            one text.
        backend, model: the parser (:func:`quotekit.parse.load_parser`).
        jobs: worker processes for the corpus engine.
        progress: show a progress bar.
        targets: your stance targets with their aliases, ``{"Hillary Clinton": ["Clinton", "HRC"]}``, or a JSON /
            CSV file of them (:func:`quotekit.stance.targets.load_targets`), besides the entity and topic targets.
        stance_model: a trained stance model file (``quotekit stance-train``, docs/stance-model.md) to score the
            quotes and their targets instead of the lexicon scorer.
        speaker_model: ``rules`` (default) or ``ranker`` (the trained ranker resolves pronoun speakers).
        acts: keep only quotes of these speech-act classes (``statement``, ``claim``, ``refusal``, ...: see
            :func:`quotekit.attribute.acts.speech_act_classes`), as ``quotekit extract --acts``.
        **column_opts: table column names (``text_column``, ``id_column``, ``date_column``, ``outlet_column``,
            ...), as for ``quotekit extract``.

    Raises:
        InputError: a path does not exist, or the source holds no readable document.
    """
    from .measures import measure_documents
    from .run import extract_records

    docs = _documents(texts_or_corpus, column_opts)
    if not docs:
        raise InputError("no readable documents in the input; pass texts, a folder of .txt files or a table")
    records, failures = extract_records(docs, backend=backend, model=model, jobs=jobs, progress=progress,
                                        targets=targets, stance_model=stance_model, speaker_model=speaker_model,
                                        acts=acts)
    records, _ = measure_documents(records, docs)  # gender, prominence, anonymity reasons, reuse (docs/measures.md)
    return AnalysisResult(records, docs, failures)


@dataclass
class AnalysisResult:
    """Quotes of a corpus with their tables, texts and plots.

    Attributes:
        records: the quote records (``Quote.to_dict()`` form, as ``quotekit extract --measures`` writes them:
            with the fields of :mod:`quotekit.measures` when the texts were at hand).
        documents_in: the input documents (texts and metadata).
        failures: ``(doc_id, error message)`` for documents that could not be processed.
    """

    records: list[dict[str, Any]]
    documents_in: list[Document] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_quotes(cls, quotes: Union[str, os.PathLike, Iterable[Union[Quote, Mapping[str, Any]]]],
                    docs: Any = None) -> "AnalysisResult":
        """A result for quotes already extracted (a quotes file or records); ``docs`` supply the texts."""
        from .report.load import read_quotes

        if isinstance(quotes, (str, os.PathLike)):
            records = read_quotes(quotes)
        else:
            records = [q.to_dict() if isinstance(q, Quote) else dict(q) for q in quotes]
        documents = _documents(docs, {}) if docs is not None else []
        if documents:  # quotes extracted without --measures get them from the texts
            from .measures import measure_documents

            records, _ = measure_documents(records, documents)
        return cls(records, documents)

    @cached_property
    def _tables(self):
        from .report.html import prepare

        return prepare(self.records, self.documents_in)

    @property
    def quotes(self) -> pd.DataFrame:
        """One row per quote (:func:`quotekit.aggregate.frames.quotes_frame`)."""
        return self._tables.quotes

    @property
    def speakers(self) -> pd.DataFrame:
        """One row per speaker, most quoted first, with stance means and 95% intervals."""
        return self._tables.speakers

    @property
    def targets(self) -> pd.DataFrame:
        """Speaker x target mean polarity (:func:`quotekit.aggregate.frames.targets_frame`)."""
        return self._tables.targets

    @property
    def documents(self) -> pd.DataFrame:
        """One row per document: quote counts, anonymity rate, metadata."""
        return self._tables.documents

    @property
    def docs(self) -> dict[str, str]:
        """``doc_id -> text`` (the text quote offsets index)."""
        return {d.doc_id: d.text for d in self.documents_in}

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        failed = f", {len(self.failures)} failed" if self.failures else ""
        return (f"<AnalysisResult: {len(self.documents)} documents, {len(self.records)} quotes, "
                f"{len(self.speakers)} speakers{failed}>")

    def show(self, doc_id: Optional[str] = None) -> HighlightedDocument:
        """The text of ``doc_id`` (default: the first document with quotes) with quotes highlighted.

        Raises:
            KeyError: no document has this id (the message lists some that do).
        """
        from .report.highlight import HIGHLIGHT_CSS, highlight_html, legend_html, marks_from_records

        texts = self.docs
        if doc_id is None:
            with_quotes = [r["doc_id"] for r in self.records if r["doc_id"] in texts]
            doc_id = with_quotes[0] if with_quotes else next(iter(texts), None)
            if doc_id is None:
                raise KeyError("no document texts in this result; pass docs= to AnalysisResult.from_quotes")
        if doc_id not in texts:
            known = ", ".join(list(texts)[:5])
            raise KeyError(f"no document {doc_id!r} in this result; known ids include: {known}")
        quotes = [r for r in self.records if r["doc_id"] == doc_id]
        body = highlight_html(texts[doc_id], marks_from_records(quotes))
        meta = next((d.meta for d in self.documents_in if d.doc_id == doc_id), {})
        title = html.escape(str(meta.get("title") or doc_id))
        info = " · ".join(html.escape(str(x)) for x in (meta.get("outlet"), meta.get("date"), doc_id) if x)
        page = (f'<div class="qk-nb"><style>{HIGHLIGHT_CSS}{_NOTEBOOK_CSS}</style><h4>{title}</h4>'
                f'<p class="qk-meta">{info} · {len(quotes)} quote{"s" if len(quotes) != 1 else ""}</p>'
                f'{legend_html()}<div class="qk-text">{body}</div></div>')
        return HighlightedDocument(doc_id, page)

    def _repr_html_(self) -> str:
        speakers = self.speakers.head(5)
        rows = "".join(f"<tr><td>{html.escape(str(r['name']))}</td><td>{html.escape(str(r['type']))}</td>"
                       f"<td>{r['n_quotes']}</td></tr>" for r in speakers.to_dict("records"))
        head = (f'<div class="qk-nb"><p><strong>quotekit</strong>: {len(self.documents)} documents, '
                f'{len(self.records)} quotes, {len(self.speakers)} speakers. Tables: <code>.quotes</code>, '
                f'<code>.speakers</code>, <code>.targets</code>, <code>.documents</code>; '
                f'<code>.show(doc_id)</code> highlights a document.</p>')
        table = (f"<table><thead><tr><th>Speaker</th><th>Type</th><th>Quotes</th></tr></thead><tbody>{rows}"
                 f"</tbody></table>" if rows else "")
        doc = self.show().html if self.docs else ""
        return head + table + "</div>" + doc

    def plot_top_speakers(self, **options):
        """:func:`quotekit.plotting.plot_top_speakers` for this result."""
        from .plotting import plot_top_speakers

        return plot_top_speakers(self, **options)

    def plot_stance(self, **options):
        """:func:`quotekit.plotting.plot_stance` for this result."""
        from .plotting import plot_stance

        return plot_stance(self, **options)

    def plot_kind_shares(self, **options):
        """:func:`quotekit.plotting.plot_kind_shares` for this result."""
        from .plotting import plot_kind_shares

        return plot_kind_shares(self, **options)

    def report(self, path: Optional[Union[str, os.PathLike]] = None, **options) -> str:
        """The corpus report page (see :func:`quotekit.report.build_report`); written to ``path`` if given."""
        from .report import build_report, write_report

        options.setdefault("failures", self.failures)
        page = build_report(self.records, self.documents_in, **options)
        if path is not None:
            write_report(page, path)
        return page
