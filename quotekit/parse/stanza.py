""":mod:`quotekit.parse.stanza`: the Stanza backend; stanza Documents become spaCy Docs over the input text.

Stanza's models are never downloaded at run time (``download_method=None``): they are read from a resources
directory (the ``dir`` argument, else ``$STANZA_RESOURCES_DIR``, else stanza's default), or from explicit
``*_model_path`` files with a catalogue (``resources.json``, ``{}`` will do) in that directory. When the
catalogue has no tokenizer for the language, the text is tokenized by spaCy's rule-based tokenizer and
sentencizer (offsets kept) and handed to stanza pre-tokenized; without a lemmatizer, lemmas are the word forms.
Stanza already produces UD v2 relations, so no label conversion is needed.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import MissingDependencyError, ModelNotFoundError
from .base import BaseParser
from .chunk import DEFAULT_MAX_CHARS, parse_chunked, pipe_chunked
from .conllu import UDSentence, UDToken, UDWord, _vocab, build_doc

DEFAULT_PROCESSORS = "tokenize,pos,lemma,depparse"
_MODEL_PATH_ARGS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")


def _import_stanza():
    try:
        import stanza
    except ImportError as error:  # pragma: no cover - stanza is a core dependency
        raise MissingDependencyError("stanza", "the stanza backend", "pip install stanza") from error
    return stanza


def resources_dir(dir: Optional[str | os.PathLike] = None) -> Path:
    """The stanza resources directory: ``dir``, else ``$STANZA_RESOURCES_DIR``, else stanza's default."""
    if dir:
        return Path(dir).expanduser()
    if os.environ.get("STANZA_RESOURCES_DIR"):
        return Path(os.environ["STANZA_RESOURCES_DIR"]).expanduser()
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR)


def _missing(lang: str, where: Path, detail: str) -> ModelNotFoundError:
    return ModelNotFoundError(
        f"stanza models for {lang!r} not found in {where} ({detail}); on a machine with internet run "
        f"`python -c \"import stanza; stanza.download('{lang}', model_dir='{where}')\"`, copy that directory "
        "here, and pass it with --stanza-dir (or dir=..., or $STANZA_RESOURCES_DIR)",
        backend="stanza",
        model=lang,
        searched=str(where),
    )


def stanza_to_spacy(
    sdoc: Any,
    text: Optional[str] = None,
    *,
    vocab: Optional[Vocab] = None,
    token_offsets: Optional[list[list[tuple[int, int]]]] = None,
    ents: Optional[bool] = None,
) -> Doc:
    """Convert a ``stanza.Document`` to a spaCy Doc over ``text``.

    Args:
        sdoc: The stanza Document (from a Pipeline, or ``CoNLL.conll2doc(..., reconstruct_text=True)``).
        text: The text its offsets index (default: ``sdoc.text``).
        vocab: spaCy vocab for the Doc.
        token_offsets: Per sentence, per token ``(start, end)`` offsets into ``text``; overrides the tokens'
            own ``start_char``/``end_char`` (used for pre-tokenized input, which stanza gives no offsets).
        ents: Copy stanza's entities (default: when the tokens carry NER tags).

    Raises:
        ValueError: the tokens carry no character offsets and none are given.
    """
    text = sdoc.text if text is None else text
    if text is None:
        raise ValueError("the stanza Document has no text; read CoNLL-U with CoNLL.conll2doc(..., reconstruct_text=True)")
    sentences = []
    for s, sentence in enumerate(sdoc.sentences):
        tokens = []
        for t, token in enumerate(sentence.tokens):
            if token_offsets is not None:
                start, end = token_offsets[s][t]
            else:
                start, end = token.start_char, token.end_char
            if start is None or end is None:
                raise ValueError(f"token {token.text!r} has no character offsets")
            words = [
                UDWord(word.text, word.lemma if word.lemma is not None else word.text, word.upos or "",
                       word.xpos or "", word.feats or "", int(word.head or 0), word.deprel or "")
                for word in token.words
            ]
            tokens.append(UDToken(token.text, words, start, end))
        sentences.append(UDSentence(tokens))
    if ents is None:
        ents = any(getattr(token, "ner", None) for sentence in sdoc.sentences for token in sentence.tokens)
    entities = None
    if ents:
        if token_offsets is None:
            entities = [(e.start_char, e.end_char, e.type) for e in sdoc.ents]
        else:  # map entity tokens to our offsets
            index = {id(tok): token_offsets[s][t] for s, sent in enumerate(sdoc.sentences)
                     for t, tok in enumerate(sent.tokens)}
            entities = [(index[id(e.tokens[0])][0], index[id(e.tokens[-1])][1], e.type) for e in sdoc.ents]
    return build_doc(text, sentences, vocab=vocab, ents=entities)


class StanzaParser(BaseParser):
    """Parse raw text with a local stanza Pipeline; Docs carry UD relations and the input's exact text.

    Args:
        model: Stanza package name (``default``, ``combined``, ``gum``...); ``None`` is stanza's default.
        dir: Resources directory (else ``$STANZA_RESOURCES_DIR``, else stanza's default).
        lang: Language code.
        processors: Comma-separated stanza processors.
        tokenize_model_path, mwt_model_path, pos_model_path, lemma_model_path, depparse_model_path,
            ner_model_path: Explicit model files (then the catalogue may be ``{}``).
        max_chunk_chars: Texts longer than this are parsed in paragraph-aligned chunks.
        **pipeline_options: Passed to ``stanza.Pipeline`` (e.g. ``use_gpu=False``, ``depparse_batch_size``).

    Raises:
        ModelNotFoundError: the models are not in ``dir``; the message says how to fetch them.
    """

    def __init__(
        self,
        model: Optional[str] = None,
        *,
        dir: Optional[str | os.PathLike] = None,
        lang: str = "en",
        processors: str = DEFAULT_PROCESSORS,
        tokenize_model_path: Optional[str] = None,
        mwt_model_path: Optional[str] = None,
        pos_model_path: Optional[str] = None,
        lemma_model_path: Optional[str] = None,
        depparse_model_path: Optional[str] = None,
        ner_model_path: Optional[str] = None,
        max_chunk_chars: int = DEFAULT_MAX_CHARS,
        **pipeline_options: Any,
    ):
        stanza = _import_stanza()
        self.lang = lang
        self.dir = resources_dir(dir)
        self.max_chunk_chars = max(1, int(max_chunk_chars))
        paths = {
            "tokenize": tokenize_model_path, "mwt": mwt_model_path, "pos": pos_model_path,
            "lemma": lemma_model_path, "depparse": depparse_model_path, "ner": ner_model_path,
        }
        paths = {k: str(v) for k, v in paths.items() if v}
        for name, path in paths.items():
            if not Path(path).is_file():
                raise ModelNotFoundError(
                    f"stanza {name} model file {path} does not exist; pass the path of a trained stanza model "
                    f"(or leave {name}_model_path unset to use the models in {self.dir})",
                    backend="stanza", model=path, searched=path,
                )
        catalogue = self.dir / "resources.json"
        if not catalogue.is_file():
            raise _missing(lang, self.dir, "no resources.json there")
        try:
            resources = json.loads(catalogue.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise _missing(lang, self.dir, f"resources.json is unreadable: {error}") from error

        wanted = [p.strip() for p in processors.split(",") if p.strip()]
        self.own_tokenizer = "tokenize" in wanted and self._available("tokenize", resources, paths)
        if self.own_tokenizer and "mwt" not in wanted and self._available("mwt", resources, paths):
            wanted.insert(wanted.index("tokenize") + 1, "mwt")
        if "tokenize" not in wanted:
            wanted.insert(0, "tokenize")
        options: dict[str, Any] = {"logging_level": "WARN", "tokenize_pretokenized": not self.own_tokenizer}
        if "lemma" in wanted and not self._available("lemma", resources, paths):
            options["lemma_use_identity"] = True
        if paths:
            options["allow_unknown_language"] = True
        options.update({f"{name}_model_path": path for name, path in paths.items()})
        options.update(pipeline_options)
        if model:
            options["package"] = model
        from stanza.pipeline.core import PipelineRequirementsException

        try:
            self.pipeline = stanza.Pipeline(
                lang, dir=str(self.dir), processors=",".join(wanted), download_method=None, **options
            )
        except (OSError, ValueError, KeyError, PipelineRequirementsException) as error:
            # stanza skips processors whose models it cannot find, then fails on the missing requirement
            detail = " ".join(str(error).split())[:300]
            raise _missing(lang, self.dir, f"{type(error).__name__}: {detail}") from error
        self.processors = tuple(wanted)
        package = "custom" if paths and not model else (model or "default")
        self.name = f"stanza:{lang}_{package}@{stanza.__version__}"
        try:
            self.vocab = _vocab(lang)
        except ImportError:  # no spaCy language class for this code: a language-neutral vocab
            self.vocab = _vocab("xx")
        self._splitter = None

    def _available(self, processor: str, resources: dict, paths: dict[str, str]) -> bool:
        if processor in paths:
            return True
        lang_res = resources.get(self.lang)
        if not isinstance(lang_res, dict) or not lang_res.get(processor):
            return False
        return (self.dir / self.lang / processor).is_dir()

    # ------------------------------------------------------------------ tokenization without a stanza tokenizer
    def _pretokenize(self, text: str) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
        """spaCy rule-based tokens and sentences (also split at line breaks), with character offsets."""
        if self._splitter is None:
            import spacy

            try:
                nlp = spacy.blank(self.lang)
            except ImportError:
                nlp = spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            self._splitter = nlp
        doc = self._splitter(text)
        sents: list[list[str]] = []
        offsets: list[list[tuple[int, int]]] = []
        current: list[str] = []
        spans: list[tuple[int, int]] = []
        for token in doc:
            if (token.is_sent_start and current) or (token.is_space and "\n" in token.text and current):
                sents.append(current)
                offsets.append(spans)
                current, spans = [], []
            if token.is_space or not token.text.strip():
                continue
            current.append(token.text)
            spans.append((token.idx, token.idx + len(token.text)))
        if current:
            sents.append(current)
            offsets.append(spans)
        return sents, offsets

    def _parse_piece(self, text: str) -> Doc:
        if not text.strip():
            return build_doc(text, [], vocab=self.vocab)
        if self.own_tokenizer:
            sdoc = self.pipeline(text)
            return stanza_to_spacy(sdoc, text, vocab=self.vocab)
        sents, offsets = self._pretokenize(text)
        if not sents:
            return build_doc(text, [], vocab=self.vocab)
        sdoc = self.pipeline(sents)
        got = [len(s.tokens) for s in sdoc.sentences]
        if got != [len(s) for s in sents]:
            raise RuntimeError(f"stanza changed the pre-tokenized input: {got} tokens per sentence")
        return stanza_to_spacy(sdoc, text, vocab=self.vocab, token_offsets=offsets)

    def _pipe_raw(self, pieces: Iterable[str]) -> Iterator[Doc]:
        for piece in pieces:
            yield self._parse_piece(piece)

    def _finish(self, doc: Doc) -> Doc:
        doc.user_data["qk_parser"] = self.name
        doc.user_data["qk_scheme"] = "ud"
        return doc

    def parse(self, text: str) -> Doc:
        """Parse one text; ``doc.text == text``."""
        if len(text) <= self.max_chunk_chars:
            return self._finish(self._parse_piece(text))
        return self._finish(parse_chunked(text, self._pipe_raw, self.max_chunk_chars))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
        """Parse a stream of texts lazily (stanza batches within each text); one Doc per text, in order."""
        for doc in pipe_chunked(texts, self._pipe_raw, self.max_chunk_chars):
            yield self._finish(doc)
