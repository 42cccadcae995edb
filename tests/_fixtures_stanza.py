"""Tiny stanza models for the tests, trained on the fly with stanza's own trainers (structure, not accuracy).

``tiny_stanza_models`` trains a tokenizer, a tagger and a parser on ``tests/data/ud/silver_train.conllu``
(~200 sentences, 30-200 steps, small widths, no pretrained vectors) into pytest's session tmp dir, and lays out
a stanza resources directory with an empty catalogue, so the tests load them through the real
:class:`StanzaParser` code path.
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

UD_DIR = Path(__file__).resolve().parent / "data" / "ud"
TRAIN = UD_DIR / "silver_train.conllu"
N_EVAL = 5  # sentences the trainers score after the last step (kept tiny: scoring is not what we test)

# UD v2 universal dependency relations (subtypes such as nsubj:pass are checked on the part before ':')
UD_RELATIONS = frozenset(
    "acl advcl advmod amod appos aux case cc ccomp clf compound conj cop csubj dep det discourse dislocated "
    "expl fixed flat goeswith iobj list mark nmod nsubj nummod obj obl orphan parataxis punct reparandum root "
    "vocative xcomp".split()
)
_SMALL = ["--no_pretrain", "--max_steps", "30", "--eval_interval", "30", "--hidden_dim", "32",
          "--deep_biaff_hidden_dim", "32", "--char_hidden_dim", "32", "--word_emb_dim", "25", "--cpu",
          "--lang", "en", "--shorthand", "en_tiny"]
# --batch_size counts sentences for the tagger but words for the parser: ~10 sentences a step for both
_BATCH = {"stanza.models.tagger": "10", "stanza.models.parser": "250"}


_ENV = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")  # 2 shared cores: avoid oversubscription


def _start(cmd: list[str], out: Path, name: str) -> tuple[subprocess.Popen, Path]:
    log = out / f"{name}.log"
    with log.open("w") as handle:
        return subprocess.Popen(cmd, env=_ENV, stdout=handle, stderr=subprocess.STDOUT, cwd=out), log


def _wait(job: tuple[subprocess.Popen, Path], product: Path) -> Path:
    process, log = job
    if process.wait() != 0 or not product.is_file():
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(map(str, process.args[1:4]))} failed ({process.returncode}):\n{tail}")
    return product


def _cpu_since(before) -> float:
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (now.ru_utime - before.ru_utime) + (now.ru_stime - before.ru_stime)


def _trainer(module: str, out: Path, name: str, eval_file: Path) -> list[str]:
    return [sys.executable, "-m", module, "--train_file", str(TRAIN), "--eval_file", str(eval_file),
            "--output_file", str(out / f"{name}.pred.conllu"), "--save_dir", str(out), "--save_name",
            f"{name}.pt", "--batch_size", _BATCH[module], *_SMALL]


def _prepare_tokenizer_data(conllu: Path, out: Path, name: str) -> tuple[list[str], dict[str, Path]]:
    """stanza's own script turns CoNLL-U (+ its text) into the tokenizer's character labels."""
    from stanza.utils.conll import CoNLL

    files = {"txt": out / f"{name}.txt", "labels": out / f"{name}.toklabels", "mwt": out / f"{name}.mwt.json"}
    files["txt"].write_text(CoNLL.conll2doc(input_file=str(conllu), reconstruct_text=True).text, encoding="utf-8")
    cmd = [sys.executable, "-m", "stanza.utils.datasets.prepare_tokenizer_data", str(files["txt"]), str(conllu),
           "-o", str(files["labels"]), "-m", str(files["mwt"])]
    return cmd, files


def _tokenizer(out: Path, train: dict[str, Path], dev: dict[str, Path], eval_file: Path) -> list[str]:
    return [sys.executable, "-m", "stanza.models.tokenizer", "--txt_file", str(train["txt"]), "--label_file",
            str(train["labels"]), "--mwt_json_file", str(train["mwt"]), "--dev_txt_file", str(dev["txt"]),
            "--dev_label_file", str(dev["labels"]), "--dev_conll_gold", str(eval_file), "--conll_file",
            str(out / "tokenize.pred.conllu"), "--lang", "en", "--shorthand", "en_tiny", "--steps", "200",
            "--eval_steps", "200", "--lr0", "0.01", "--emb_dim", "16", "--hidden_dim", "16", "--batch_size", "16",
            "--max_seqlen", "100", "--cpu", "--save_dir", str(out), "--save_name", "tokenize.pt"]


@pytest.fixture(scope="session")
def tiny_stanza_models(tmp_path_factory) -> dict:
    """Paths of a tiny English tokenizer, tagger and parser, an empty-catalogue ``dir``, and ``seconds``."""
    out = tmp_path_factory.mktemp("stanza_tiny")
    sentences = TRAIN.read_text(encoding="utf-8").strip().split("\n\n")
    eval_file = out / "eval.conllu"
    eval_file.write_text("\n\n".join(sentences[:N_EVAL]) + "\n\n", encoding="utf-8")
    start = time.perf_counter()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # the three trainers are independent: run them side by side (one thread each)
    tagger = _start(_trainer("stanza.models.tagger", out, "pos", eval_file), out, "pos")
    parser = _start(_trainer("stanza.models.parser", out, "depparse", eval_file), out, "depparse")
    prepared = {}
    for name, conllu in (("tok_train", TRAIN), ("tok_dev", eval_file)):
        cmd, prepared[name] = _prepare_tokenizer_data(conllu, out, name)
        _wait(_start(cmd, out, name), prepared[name]["labels"])
    tokenizer = _start(_tokenizer(out, prepared["tok_train"], prepared["tok_dev"], eval_file), out, "tokenize")
    tokenize = _wait(tokenizer, out / "tokenize.pt")
    pos = _wait(tagger, out / "pos.pt")
    depparse = _wait(parser, out / "depparse.pt")
    resources = out / "resources"
    resources.mkdir()
    (resources / "resources.json").write_text("{}", encoding="utf-8")
    return {"dir": resources, "tokenize_model_path": tokenize, "pos_model_path": pos,
            "depparse_model_path": depparse, "seconds": time.perf_counter() - start,
            "cpu_seconds": _cpu_since(cpu_before)}


@pytest.fixture(scope="session")
def tiny_stanza_parser(tiny_stanza_models):
    """The real :class:`StanzaParser`, loading the tiny models from files with an empty catalogue."""
    from quotekit.parse.stanza import StanzaParser

    return StanzaParser(
        dir=tiny_stanza_models["dir"],
        pos_model_path=str(tiny_stanza_models["pos_model_path"]),
        depparse_model_path=str(tiny_stanza_models["depparse_model_path"]),
    )


@pytest.fixture(scope="session")
def tiny_stanza_tokenizing_parser(tiny_stanza_models):
    """The real :class:`StanzaParser` with stanza's own (tiny) tokenizer instead of spaCy's."""
    from quotekit.parse.stanza import StanzaParser

    return StanzaParser(
        dir=tiny_stanza_models["dir"],
        tokenize_model_path=str(tiny_stanza_models["tokenize_model_path"]),
        pos_model_path=str(tiny_stanza_models["pos_model_path"]),
        depparse_model_path=str(tiny_stanza_models["depparse_model_path"]),
    )
