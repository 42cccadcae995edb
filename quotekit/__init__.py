""":mod:`quotekit`: quote and attribution analysis for news text.

parse -> attribute -> resolve speakers -> stance -> aggregate/report.
"""
from __future__ import annotations

from .analyze import AnalysisResult, analyze
from .parse import load_parser
from .pipeline import analyze_doc, extract
from .types import Attribution, Document, Quote, SpeakerInfo, Stance, TargetStance, TextSpan

__version__ = "0.1.0"

__all__ = [
    "Attribution", "Document", "Quote", "SpeakerInfo", "Stance", "TargetStance", "TextSpan",
    "AnalysisResult", "analyze", "analyze_doc", "extract", "load_parser", "__version__",
]
