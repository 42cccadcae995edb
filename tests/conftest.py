"""Shared fixtures: one spaCy parser per test session (loading a pipeline is the slow part).

Hypothesis explores new random inputs on every local run. ``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs the
same derandomised examples every time, so a landing is judged on a reproducible suite; new counterexamples are
found by local runs and kept as ``@example`` s.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SEED_TEXT = CORPORA / "seed" / "nikkei-japan-us-korea.txt"
SEED_GOLD = CORPORA / "seed" / "nikkei-japan-us-korea.gold.json"


@pytest.fixture(scope="session")
def spacy_parser():
    """The default backend (spaCy en_core_web_sm, UD relations)."""
    from quotekit.parse import load_parser

    return load_parser("spacy")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(spacy_parser, seed_text):
    return spacy_parser.parse(seed_text)
