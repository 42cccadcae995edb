"""Stance targets, framing and the trained stance model through the product: ``extract_records``, ``run_corpus``
and ``quotekit extract --targets FILE --stance-model MODEL`` on the bundled sample articles."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from quotekit import lexicons
from quotekit.run import extract_records, run_corpus
from quotekit.stance.framing import framings
from quotekit.stance.model import TrainedStanceScorer, default_model_path
from quotekit.stance.targets import generic_nouns
from quotekit.types import Document, Quote
from _helpers import read_jsonl
from test_cli_errors import assert_one_line_error, run_cli
from test_stance_targets import PRONOUNS

SAMPLES = Path(__file__).resolve().parent.parent / "corpora" / "samples"
TARGETS = {"Hillary Clinton": ["Clinton", "Hillary", "HRC"], "immigration": ["immigrants", "border wall"]}


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("parse-cache")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Five bundled sample articles."""
    root = tmp_path_factory.mktemp("samples")
    for path in sorted(SAMPLES.glob("*.txt"))[:5]:
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture(scope="module")
def records(corpus, cache_dir):
    records, failures = extract_records(corpus, cache_dir=cache_dir)
    assert not failures and records
    return records


def _targets(records):
    return [(rec, t) for rec in records for t in (rec["stance"] or {}).get("targets", [])]


def test_targets_are_entities_and_topics_not_pronouns_or_generic_nouns(records):
    found = _targets(records)
    assert {t["kind"] for _, t in found} == {"entity", "topic"}
    generic, roles = generic_nouns(), lexicons.role_words()
    for _, t in found:
        words = t["target"].lower().split()
        assert t["target"].lower() not in PRONOUNS, t
        assert not (len(words) == 1 and words[0] in generic), t
        assert not (t["kind"] == "topic" and len(words) == 1 and words[0] in roles), t  # "secretary" is a person
        assert re.search(r"[A-Za-z]{2}", t["target"]), t
        assert -1.0 <= t["polarity"] <= 1.0
        if t["kind"] == "topic":
            assert t["target_id"] == "topic:" + t["target"].replace(" ", "-")
            assert t["target"] == t["target"].lower()  # names are entity targets, not topics


def test_corpus_keeps_only_the_topics_it_repeats(records):
    docs_of, quotes_of = {}, {}
    for rec, t in _targets(records):
        if t["kind"] == "topic":
            docs_of.setdefault(t["target_id"], set()).add(rec["doc_id"])
            quotes_of[t["target_id"]] = quotes_of.get(t["target_id"], 0) + 1
    assert docs_of, "no topic survived on five articles"
    for key, docs in docs_of.items():
        assert len(docs) >= 2 or (quotes_of[key] >= 2 and "-" in key.split(":", 1)[1]), key


def test_one_person_is_one_target_id(records):
    """A person's target id is the speaker id scheme's: ``Clinton`` in a document naming Hillary Clinton is her."""
    ids = {}
    for _, t in _targets(records):
        if t["kind"] == "entity":
            ids.setdefault(t["target_id"], set()).add(t["target"])
    assert "hillary-clinton" in ids or "donald-trump" in ids, sorted(ids)
    speaker_ids = {rec["speaker_id"] for rec in records if rec["speaker_id"]}
    assert speaker_ids & set(ids), "no target id is also a speaker id"


def test_every_record_has_its_framing_apart_from_polarity(records):
    assert all(rec["framing"] in framings() for rec in records)
    assert {"neutral"} < {rec["framing"] for rec in records}  # a marked cue somewhere in five articles
    for rec in records:
        if rec["cue"] and rec["cue"]["text"].lower() in ("said", "says", "according to"):
            assert rec["framing"] == "neutral", rec["cue"]
    assert Quote.from_dict(records[0]).to_dict()["framing"] == records[0]["framing"]


def test_user_targets_from_a_dict(corpus, cache_dir):
    records, _ = extract_records(corpus, cache_dir=cache_dir, targets=TARGETS)
    user = [t for _, t in _targets(records) if t["kind"] == "user"]
    assert user and {t["target"] for t in user} <= set(TARGETS)
    assert {t["target_id"] for t in user} <= {"user:hillary-clinton", "user:immigration"}
    for rec, t in _targets(records):  # a user target wins over the entity it overlaps
        if t["kind"] == "user" and t["target"] == "Hillary Clinton":
            assert not any(o["target_id"] == "hillary-clinton" for o in rec["stance"]["targets"])


def test_stance_model_and_targets_file_on_the_command_line_and_from_the_parse_cache(corpus, cache_dir, tmp_path):
    targets_file = tmp_path / "targets.csv"
    targets_file.write_text("target,alias\nHillary Clinton,Clinton\nHillary Clinton,HRC\nimmigration,immigrants\n",
                            encoding="utf-8")
    model = default_model_path()
    runs = []
    for n, cache in enumerate((tmp_path / "fresh-cache", tmp_path / "fresh-cache")):
        out = tmp_path / f"q{n}.jsonl"
        result = run_cli("extract", str(corpus), "-o", str(out), "--cache-dir", str(cache), "--jobs", "1",
                         "--no-progress", "--stance-model", str(model), "--targets", str(targets_file), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        runs.append((result.stderr, out.read_bytes()))
    assert "5 parses from cache" in runs[1][0]
    assert runs[0][1] == runs[1][1]  # from the parse cache: the same records
    records = read_jsonl(tmp_path / "q1.jsonl")
    name = TrainedStanceScorer(model).name
    assert all(rec["stance"]["model"] == name for rec in records if rec["stance"])
    found = _targets(records)
    assert {t["kind"] for _, t in found} == {"entity", "topic", "user"}
    assert any(t["target"] == "Hillary Clinton" and t["kind"] == "user" for _, t in found)
    assert all(-1.0 <= t["polarity"] <= 1.0 for _, t in found)


def test_other_targets_are_not_resumed_from_an_interrupted_run(corpus, cache_dir, tmp_path):
    """Parts of a run are reused only by a run with the same targets (they are in the run's fingerprint)."""
    documents = [Document(p.stem, p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.txt"))[:3]]

    def interrupted():
        yield from documents[:2]
        raise KeyboardInterrupt

    out = tmp_path / "q.jsonl"
    options = dict(out=out, jobs=1, progress=False, batch_size=1, cache_dir=cache_dir)
    with pytest.raises(KeyboardInterrupt):
        run_corpus(interrupted(), targets={"Clinton": []}, **options)
    assert len(list((tmp_path / "q.jsonl.parts").glob("part-*"))) == 2
    other = run_corpus(documents, targets={"Trump": []}, **options)
    assert other.n_resumed == 0
    assert not any(t["target_id"] == "user:clinton" for _, t in _targets(read_jsonl(out)))
    with pytest.raises(KeyboardInterrupt):
        run_corpus(interrupted(), targets={"Clinton": []}, **options)
    same = run_corpus(documents, targets={"Clinton": []}, **options)
    assert same.n_resumed == 2


@pytest.mark.parametrize("option, content, fragment", [
    ("--targets", None, "no such targets file"),
    ("--targets", '{"Hillary Clinton": ', "invalid JSON"),
    ("--targets", "a,b,c\n", "two columns"),
    ("--stance-model", None, "no such model file"),
    ("--stance-model", '{"not": "a model"}', "not a quotekit stance model"),
])
def test_bad_targets_or_model_file_is_a_one_line_error(corpus, tmp_path, option, content, fragment):
    path = tmp_path / ("bad.json" if content is None or content.startswith("{") else "bad.csv")
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = run_cli("extract", str(corpus), "-o", str(tmp_path / "q.jsonl"), "--no-cache", "--jobs", "1",
                     option, str(path), cwd=tmp_path)
    line = assert_one_line_error(result, fragment)
    assert path.name in line
    assert not (tmp_path / "q.jsonl").exists()


def test_analyze_takes_a_targets_file(tmp_path):
    import quotekit

    path = tmp_path / "targets.json"
    path.write_text(json.dumps({"Hillary Clinton": ["Clinton", "HRC"]}), encoding="utf-8")
    texts = ['"Clinton has failed the middle class," said Sen. Ann Lee of Ohio.',
             'Rep. Tom Baker said HRC would make a fine president.']
    result = quotekit.analyze(texts, targets=path)
    found = [t for rec in result.records for t in rec["stance"]["targets"] if t["kind"] == "user"]
    assert {t["target_id"] for t in found} == {"user:hillary-clinton"} and len(found) == 2
    assert {rec["framing"] for rec in result.records} == {"neutral"}
