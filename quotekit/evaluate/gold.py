""":mod:`quotekit.evaluate.gold`: read gold attributions (PolNeAR brat standoff, quotekit gold JSON)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

from ..errors import InputError

_ID = re.compile(r"^[TEARNM#*]\d*$")

Spans = tuple[tuple[int, int], ...]
"""Character spans (start, end) of one possibly discontinuous annotation."""


@dataclass
class GoldAttribution:
    """One gold attribution: content, cue and source as (possibly discontinuous) character spans."""

    content: Spans
    cue: Spans = ()
    source: Spans = ()
    kind: Optional[str] = None

    def text(self, source_text: str, part: str = "content") -> str:
        return " ".join(source_text[s:e] for s, e in getattr(self, part))


@dataclass
class GoldDocument:
    """A gold document: its id, text and attributions."""

    doc_id: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)
    annotator: Optional[str] = None


def read_text(path: Path) -> str:
    """A file's text as quotekit reads it (UTF-8, BOM dropped, line endings kept)."""
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    return text[1:] if text.startswith("\ufeff") else text


def _parse_spans(raw: str, path: Path, line_no: int) -> Spans:
    spans = []
    for piece in raw.split(";"):
        try:
            start, end = piece.split()
            spans.append((int(start), int(end)))
        except ValueError:
            raise InputError(f"bad brat span {raw!r}; expected 'start end' pairs separated by ';'",
                             path=path, line=line_no) from None
    return tuple(spans)


def parse_ann(text: str, path: Path = Path("<ann>")) -> list[GoldAttribution]:
    """Parse brat standoff lines: T lines (Source/Cue/Content/Attribution), E lines tying them."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    # brat lines end with "\n" only; str.splitlines would also cut at U+2028 etc. inside a covered text
    for line_no, line in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        ident = cols[0]
        if len(cols) < 2 or not _ID.match(ident):
            continue  # continuation of a T line whose covered text spans several lines
        if ident.startswith("T"):
            type_and_spans = cols[1].split(" ", 1)
            if len(type_and_spans) != 2:
                raise InputError("T line without spans", path=path, line=line_no)
            spans[ident] = _parse_spans(type_and_spans[1], path, line_no)
        elif ident.startswith("E"):
            args = {}
            for item in cols[1].split() if len(cols) > 1 else []:
                role, _, target = item.partition(":")
                args[role.rstrip("0123456789")] = target
            events.append(args)
    out = []
    for args in events:
        content = spans.get(args.get("Content", ""), ())
        if not content:
            continue
        out.append(
            GoldAttribution(
                content=content,
                cue=spans.get(args.get("Cue", ""), ()),
                source=spans.get(args.get("Source", ""), ()),
            )
        )
    out.sort(key=lambda g: g.content[0])
    return out


def read_brat_dir(directory: Path | str) -> Iterator[GoldDocument]:
    """Yield gold documents from a PolNeAR-layout folder (``text/*.txt``, ``attributions/*_<annotator>.ann``).

    Where an article has several annotators' files, the first in sorted order is used.
    """
    directory = Path(directory)
    text_dir, ann_dir = directory / "text", directory / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError("expected a PolNeAR-layout folder with text/ and attributions/ subfolders", path=directory)
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        article, _, annotator = ann.stem.rpartition("_")
        anns.setdefault(article, []).append(ann)
    for txt in sorted(text_dir.glob("*.txt")):
        files = anns.get(txt.stem)
        if not files:
            continue
        first = sorted(files)[0]
        yield GoldDocument(
            doc_id=txt.stem,
            text=read_text(txt),
            attributions=parse_ann(first.read_text(encoding="utf-8"), first),
            annotator=first.stem.rpartition("_")[2],
        )


def read_gold_json(path: Path | str) -> GoldDocument:
    """Read a quotekit gold JSON (``<name>.gold.json`` beside ``<name>.txt``); a quote with ``content_parts``
    (a statement split by its attribution) has those pieces as its discontinuous content."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(f"not a gold JSON file ({exc})", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("quotes", []), list):
        raise InputError('a gold JSON is an object with a "quotes" list (see corpora/seed/*.gold.json)', path=path)
    txt = path.parent / data.get("document", path.name.replace(".gold.json", ".txt"))
    if not txt.exists():
        raise InputError(f"the gold file names {txt.name!r}, which is not beside it", path=path)
    golds = []
    for n, q in enumerate(data.get("quotes", []), 1):
        def span(key):
            s = q.get(key)
            return ((int(s["start"]), int(s["end"])),) if s else ()

        try:  # a statement split by its attribution: the union of its content_parts, as in brat
            parts = tuple((int(p["start"]), int(p["end"])) for p in q.get("content_parts") or ())
            golds.append(GoldAttribution(content=parts or span("content"), cue=span("cue"), source=span("speaker"),
                                         kind=q.get("kind")))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"quote {n} is not a span record ({type(exc).__name__}: {exc}); spans are "
                             '{"start": int, "end": int}', path=path) from None
    return GoldDocument(doc_id=txt.stem, text=read_text(txt), attributions=golds)


def read_gold(path: Path | str) -> list[GoldDocument]:
    """Gold documents from a PolNeAR-layout folder, a folder of ``*.gold.json`` files, or one gold JSON."""
    path = Path(path)
    if path.is_file():
        return [read_gold_json(path)]
    if (path / "text").is_dir():
        return list(read_brat_dir(path))
    found = sorted(path.glob("*.gold.json"))
    if not found:
        raise InputError("no gold found: give a PolNeAR-layout folder (text/, attributions/) or *.gold.json files",
                         path=path)
    return [read_gold_json(p) for p in found]
