""":mod:`quotekit.parse.marks`: quotation marks a statistical model never saw, read as the ones it did.

English models are trained on text quoted with ``“ ”`` and ``"``. Two things go wrong with other marks:

- *tokenization*: spaCy's English rules do not split single guillemets or the doubled backquote of some
  newswires off a word (``‹We``, ``arrive,›``; ```` `` ```` becomes two tokens), so no quotation pairs;
  :data:`PREFIXES` / :data:`SUFFIXES` are split off like ``“`` and ``”``;
- *glued marks*: scraped text drops the space between a comma or colon and the opening mark after it
  (``said,“Look``, ``Clinton:"We``); the rules keep the three as one word, so the quotation is lost.
  :data:`GLUED_INFIXES` split the punctuation and the mark off;
- *lexical features*: corner brackets ``「 」`` (quoting in East Asian English-language news) are unknown words:
  en_core_web_sm tags the closing ``」`` as a proper noun and makes it the subject of ``said``, so ``「...,」 the
  mayor said`` has no speaker. Giving an unknown mark the lexical features of the mark it stands for
  (:data:`MARK_ALIASES`; the embedding reads NORM, PREFIX, SUFFIX and SHAPE) makes the model see the sentence it
  knows, while the Doc keeps the original characters and offsets.
- *curly apostrophes*: the models saw ``'`` in ``D'Souza``, ``O'Brien``, ``Reid's`` and ``Fox News' anchor``
  far more often than ``’``; with ``’`` en_core_web_sm tags ``D’Souza`` a common noun (no person), ``Reid`` in
  ``Reid’s barrister`` a common noun and ``Fox News’ Bret Baier`` an object followed by a closing mark (no
  person). :func:`read_curly_apostrophes` gives each word holding ``’`` the lexical features of its straight
  spelling before the model runs, as :data:`MARK_ALIASES` do for marks.
"""
from __future__ import annotations

import re
from types import MappingProxyType

from spacy.language import Language

MARK_ALIASES = MappingProxyType({"「": "“", "」": "”", "‹": "«", "›": "»"})
"""Quotation mark -> the mark the models know that it stands for."""
PREFIXES = ("``", "‹")
"""Opening marks split off the start of a token (before the tokenizer's own prefixes: ```` `` ```` before ``\\```)."""
SUFFIXES = ("›",)
"""Closing marks split off the end of a token."""
GLUED_INFIXES = (r"(?<=[^\W\d_])[,:;](?=[\"“«„]\w)", r"(?<=[^\W\d_][,:;])[\"“«„](?=\w)")
"""A comma, colon or semicolon glued between a word and an opening mark, and that mark (split off as infixes)."""
GLUED = re.compile(r"[^\W\d_][,:;][\"“«„]\w")
"""A text holding :data:`GLUED_INFIXES`' shape tokenizes differently from the bare pipeline."""
GLUED_REVISION = "1"
"""Bumped whenever :data:`GLUED_INFIXES` change (part of the parse-cache key of a text with a glued mark)."""
CURLY_APOSTROPHE = "\u2019"
"""The right single quotation mark, also the typographic apostrophe: read as ``'`` by the model."""
APOSTROPHE_REVISION = "1"
"""Bumped whenever :func:`read_curly_apostrophes` changes (part of the parse-cache key of a text holding ``’``)."""
REVISION = "1"
"""Bumped whenever what :func:`teach_quotation_marks` changes changes: part of the parse-cache key of a text
that holds one of these marks (:func:`cache_variant`), so its older parse is not reused."""


def cache_variant(text: str) -> str:
    """``marks/<REVISION>`` when ``text`` holds a mark this module changes the parse of (and ``glued/<N>`` when it
    holds a glued one), else ``""``: a text without them tokenizes and tags exactly as the bare pipeline does, so
    its cached parse stays valid."""
    marks = set(MARK_ALIASES) | set(SUFFIXES) | {p[0] for p in PREFIXES}
    variant = f"marks/{REVISION}" if any(m in text for m in marks) else ""
    if GLUED.search(text):
        variant = f"{variant} glued/{GLUED_REVISION}".strip()
    if CURLY_APOSTROPHE in text:
        variant = f"{variant} apostrophes/{APOSTROPHE_REVISION}".strip()
    return variant


@Language.component("qk_curly_apostrophes")
def read_curly_apostrophes(doc):
    """Give every word holding ``’`` the lexical features (NORM, PREFIX, SUFFIX, SHAPE: what the embedding
    reads) of the same word spelt with ``'``, so the tagger, parser and NER see the spelling they were trained
    on; the Doc keeps its characters. Runs as the pipeline's first component, so it also works in spaCy's worker
    processes, where vocabulary changes made in the parent are lost."""
    if CURLY_APOSTROPHE not in doc.text:
        return doc
    vocab = doc.vocab
    for word in {token.text for token in doc if CURLY_APOSTROPHE in token.text}:
        lexeme, straight = vocab[word], vocab[word.replace(CURLY_APOSTROPHE, "'")]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = (straight.norm_, straight.prefix_,
                                                                     straight.suffix_, straight.shape_)
    return doc


def teach_quotation_marks(nlp: Language) -> Language:
    """Split :data:`PREFIXES` / :data:`SUFFIXES` off words, give each mark of :data:`MARK_ALIASES` its known
    counterpart's lexical features and add :func:`read_curly_apostrophes` as the first component (in place;
    returns ``nlp``; doing it twice changes nothing more).

    Lexeme attributes live in this process's vocabulary: a pipeline shipped to spaCy's own worker processes
    (``n_process > 1``) keeps the tokenizer rules but loses the aliases."""
    tokenizer = nlp.tokenizer
    prefix = tokenizer.prefix_search.__self__.pattern
    wanted = "|".join("^" + re.escape(p) for p in PREFIXES)
    if not prefix.startswith(wanted + "|"):
        tokenizer.prefix_search = re.compile(f"{wanted}|{prefix}").search
    suffix = tokenizer.suffix_search.__self__.pattern
    wanted = "|".join(re.escape(s) + "$" for s in SUFFIXES)
    if not suffix.startswith(wanted + "|"):
        tokenizer.suffix_search = re.compile(f"{wanted}|{suffix}").search
    infix = tokenizer.infix_finditer.__self__.pattern
    wanted = "|".join(GLUED_INFIXES)
    if not infix.startswith(wanted + "|"):
        tokenizer.infix_finditer = re.compile(f"{wanted}|{infix}").finditer
    if "qk_curly_apostrophes" not in nlp.pipe_names:
        nlp.add_pipe("qk_curly_apostrophes", first=True)
    vocab = nlp.vocab
    for mark, known in MARK_ALIASES.items():
        lexeme, model = vocab[mark], vocab[known]
        lexeme.norm_, lexeme.prefix_, lexeme.suffix_, lexeme.shape_ = (model.norm_, model.prefix_, model.suffix_,
                                                                     model.shape_)
        lexeme.is_punct, lexeme.is_quote = True, True
    return nlp
