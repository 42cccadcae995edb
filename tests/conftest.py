"""Shared fixtures: one spaCy parser per test session (loading a pipeline is the slow part).

Fixtures of one area live in ``_fixtures_<area>.py`` and reach every test module as pytest plugins
(:data:`pytest_plugins`): a test asks for them by name, it never imports them.

Markers (registered in setup.cfg) say what a test needs beyond Python; ``make test-fast`` leaves these out, ``make
test`` (CI) runs everything. ``stanza_training`` is set here on every test that uses a fixture in
:data:`FIXTURE_MARKERS` (so a new test of the tiny stanza models is marked without anyone remembering to);
``browser`` and ``dask`` are set by their test modules.

Hypothesis explores new random inputs on every local run. ``HYPOTHESIS_PROFILE=ci`` (set by ``.ci/run``) runs the
same derandomised examples every time, so a landing is judged on a reproducible suite; new counterexamples are
found by local runs and kept as ``@example`` s.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

pytest_plugins = ["_fixtures_speakers", "_fixtures_stanza"]

FIXTURE_MARKERS = {"tiny_stanza_models": "stanza_training"}
"""Fixture -> marker of every test that uses it (directly or through another fixture)."""

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in FIXTURE_MARKERS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)

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
def rule_candidates(spacy_parser):
    """The attribution rules' candidates for a text (no acceptance model) as (rule, content, cue, speaker) texts."""
    from quotekit.attribute.rules import find

    def run(text):
        return [(a.rule, a.content.text, a.cue.text if a.cue is not None else None,
                 a.speaker.text if a.speaker is not None else None) for a in find(spacy_parser.parse(text))]

    return run


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(spacy_parser, seed_text):
    return spacy_parser.parse(seed_text)
