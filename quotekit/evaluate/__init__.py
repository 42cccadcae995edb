""":mod:`quotekit.evaluate`: gold readers (PolNeAR brat, gold JSON), the attribution scorer, evaluation runs."""
from .gold import GoldAttribution, GoldDocument, parse_ann, read_brat_dir, read_gold, read_gold_json
from .run import evaluate, parse_cached
from .scorer import Counts, PredSpans, Score, is_speech, score_document

__all__ = [
    "Counts", "GoldAttribution", "GoldDocument", "PredSpans", "Score", "evaluate", "is_speech", "parse_ann",
    "parse_cached", "read_brat_dir", "read_gold", "read_gold_json", "score_document",
]
