"""The edge model (quotekit.attribute.boundaries): the content-edge options of a candidate on real-looking news
sentences, the choice a model makes among them, its place in the acceptance model file, and its training labels."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotekit.attribute.boundaries import choose_edges, edge_options, option_rows, with_edges
from quotekit.attribute.model import AcceptanceModel, accept, doc_facts
from quotekit.attribute.rules import find
from quotekit.attribute.training import edge_labels
from quotekit.errors import InputError
from quotekit.evaluate.gold import GoldAttribution


def _candidates(parser, text):
    doc = parser.parse(text)
    atts = find(doc)
    return doc, atts, doc_facts(doc, atts)


def _by_cue(atts, cue):
    return next(a for a in atts if a.cue is not None and a.cue.text == cue)


def _texts(doc, att, options):
    """Option op -> the content text it gives (the other edge as proposed)."""
    return {o.op: (doc[o.position:att.content.end] if o.side == "start" else doc[att.content.start:o.position]).text
            for o in options}


def _model(weights: dict, bias: float = -3.0, threshold: float = 0.5) -> AcceptanceModel:
    """A linear model over named option values (what a trained edge model computes with trees)."""
    names = sorted(weights)
    return AcceptanceModel("edges-test", names, threshold, bias, weights=[weights[n] for n in names])


def test_a_that_clause_starts_at_its_complementizer(spacy_parser):
    """A reported clause keeps its complementizer, so the proposed start is the "that" and no start option lands
    inside the clause just past it."""
    doc, atts, facts = _candidates(spacy_parser, "The senator said on Monday that the bill would fail in the House.")
    att = _by_cue(atts, "said")
    starts, ends = edge_options(att, facts)
    assert starts[0].op == "proposed" and starts[0].position == att.content.start
    assert att.content.text.startswith("that the bill")
    assert doc[att.content.start].lower_ == "that"
    assert all(o.position != att.content.start + 1 for o in starts)  # never just past the "that"


def test_a_quotation_mark_at_a_contents_edge_is_never_crossed_outward(spacy_parser):
    """A direct quote's marks are certain edges: no option takes in the words before its opening mark or after its
    closing one (a junk token sharing its sentence stays out), though the quote may still be cut inside."""
    text = "x" * 40 + " “We are not going to back down,” said Senator Maria Lopez, a Democrat from New Mexico."
    doc, atts, facts = _candidates(spacy_parser, text)
    att = _by_cue(atts, "said")
    assert att.content.text == "“We are not going to back down,”"
    starts, ends = edge_options(att, facts)
    assert all(o.position >= att.content.start for o in starts), _texts(doc, att, starts)
    assert all(o.position <= att.content.end for o in ends), _texts(doc, att, ends)


def test_a_trailing_gloss_can_be_cut_and_a_leading_one_dropped(spacy_parser):
    doc, atts, facts = _candidates(spacy_parser,
                                   "Officials said the plan would cut costs, a claim that critics dispute.")
    att = _by_cue(atts, "said")
    starts, ends = edge_options(att, facts)
    assert _texts(doc, att, ends)["cut"] == "the plan would cut costs"
    assert _texts(doc, att, starts)["cut"] == "a claim that critics dispute"


def test_no_end_option_reaches_past_the_contents_sentence(spacy_parser):
    """The end of the sentence and the next clause are options; the next sentence is not (on news text it was
    almost never the better edge, and every option costs a walk of the model's trees)."""
    doc, atts, facts = _candidates(spacy_parser, "The mayor told reporters that the budget was balanced. It had "
                                                 "been in deficit for a decade, she added.\n\nOther news followed.")
    att = _by_cue(atts, "told")
    assert att.content.text == "that the budget was balanced"
    starts, ends = edge_options(att, facts)
    assert all(o.position <= doc[att.content.start].sent.end for o in ends)
    assert all(o.op not in ("next_sentence", "previous_sentence") for o in starts + ends)


def test_no_option_takes_in_a_cue_or_speaker_nor_leaves_no_words(spacy_parser):
    doc, atts, facts = _candidates(spacy_parser, '"We will win this race," the governor said, adding that turnout '
                                                 'was high. "Nobody expected it."')
    for att in atts:
        for option in sum(edge_options(att, facts), []):
            start, end = ((option.position, att.content.end) if option.side == "start"
                          else (att.content.start, option.position))
            assert any(t.is_alpha for t in doc[start:end])
            for span in (att.cue, att.speaker):
                if span is not None and option.op != "proposed":
                    assert not (span.start < end and start < span.end)


GLOSS = "Officials said the plan would cut costs, a claim that critics dispute."


def test_choose_edges_takes_an_option_the_model_believes_better(spacy_parser):
    doc, atts, facts = _candidates(spacy_parser, GLOSS)
    att = _by_cue(atts, "said")
    assert att.content.text.endswith("critics dispute")
    (chosen,) = choose_edges([att], facts, _model({"op=end_cut": 6.0}))
    assert chosen.content.text == "the plan would cut costs" and chosen.cue == att.cue
    (kept,) = choose_edges([att], facts, _model({"op=end_cut": 2.0}))  # p 0.27 < 0.5: stays
    assert kept is att
    assert choose_edges([att], facts, None) == [att]


def test_with_edges_moves_only_the_outer_edges_of_a_split_statement(spacy_parser):
    doc = spacy_parser.parse('"We will win this race, and we will win it big," the governor said, "because the '
                             'voters are with us and they know it."')
    att = next(a for a in find(doc) if a.content_parts)
    first, last = att.content_parts[0], att.content_parts[-1]
    moved = with_edges(att, first.start + 1, last.end - 2)
    assert moved.content_parts[0].start == first.start + 1 and moved.content_parts[0].end == first.end
    assert moved.content_parts[-1].start == last.start and moved.content_parts[-1].end == last.end - 2
    assert moved.content.start == first.start + 1 and moved.content.end == last.end - 2
    assert with_edges(att, att.content.start, att.content.end) is att


def test_the_model_file_carries_the_edge_model_and_old_files_still_load(spacy_parser):
    edges = _model({"op=end_cut": 6.0})
    model = AcceptanceModel("acc-test", ["confidence"], 0.5, 0.0, weights=[1.0], edges=edges)
    loaded = AcceptanceModel.from_dict(model.to_dict())
    assert loaded.edges is not None and loaded.edges.features == edges.features
    assert loaded.edges.weights == edges.weights and loaded.edges.threshold == edges.threshold
    old = AcceptanceModel.from_dict({k: v for k, v in model.to_dict().items() if k != "edges"})
    assert old.edges is None
    doc = spacy_parser.parse(GLOSS)
    [(with_model, _)] = accept(doc, [_by_cue(find(doc), "said")], loaded)
    [(without, _)] = accept(doc, [_by_cue(find(doc), "said")], old)
    assert with_model.content.text == "the plan would cut costs"
    assert without.content.text == "the plan would cut costs, a claim that critics dispute"


def test_a_damaged_edge_model_is_a_clear_error():
    data = AcceptanceModel("acc-test", ["confidence"], 0.5, 0.0, weights=[1.0]).to_dict()
    data["edges"] = {"format": "something else"}
    with pytest.raises(InputError, match="edge model"):
        AcceptanceModel.from_dict(data, "m.json")


def test_edge_labels_mark_the_options_that_reach_the_gold(spacy_parser):
    doc, atts, facts = _candidates(spacy_parser, GLOSS)
    att = _by_cue(atts, "said")
    options, _rows = option_rows(att, facts)
    gold = GoldAttribution(content=((GLOSS.index("the plan"), GLOSS.index(", a claim")),), cue=((10, 14),),
                           source=((0, 9),))
    labels = edge_labels(GLOSS, [gold], att, options)
    marked = {(o.side, doc[o.position:att.content.end].text if o.side == "start"
               else doc[att.content.start:o.position].text): y for o, y in zip(options, labels)}
    assert marked[("end", "the plan would cut costs")] == 1
    assert marked[("start", "a claim that critics dispute")] == 0
    assert all(y == 0 for o, y in zip(options, labels) if o.op == "proposed")
    far = GoldAttribution(content=((0, 9),), cue=((10, 14),), source=((0, 9),))
    assert edge_labels(GLOSS, [far], att, options) == []


_WORDS = st.sampled_from(["said", "that", "the", "minister", ",", "which", "and", "but", "told", '"', ".", "\n\n",
                          "plan", "expires", "Reuters", "—", "(", "she", "will", "reporters", "according", "to"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, min_size=1, max_size=40))
def test_edge_options_stay_inside_the_document_and_keep_the_pieces(spacy_parser, words):
    doc = spacy_parser.parse(" ".join(words))
    atts = find(doc)
    facts = doc_facts(doc, atts)
    anything = _model({name: 1.0 for name in ("op=start_cut", "op=end_cut", "op=end_next_sentence",
                                              "op=start_previous_sentence", "op=start_after_cue")}, bias=0.0)
    for att, chosen in zip(atts, choose_edges(atts, facts, anything)):
        starts, ends = edge_options(att, facts)
        pieces = att.pieces()
        assert all(0 <= o.position < pieces[0].end for o in starts)
        assert all(pieces[-1].start < o.position <= len(doc) for o in ends)
        assert chosen.content.start < chosen.content.end
        assert all(chosen.content.start <= p.start < p.end <= chosen.content.end for p in chosen.pieces())


def _train(args, capsys):
    from quotekit.cli import main

    code = main(["train", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_quotekit_train_carries_the_edge_model_unless_told_not_to(tmp_path, capsys, spacy_parser):
    import json
    from pathlib import Path

    from quotekit.attribute.model import load_model

    gold = Path(__file__).parent / "data" / "acceptance" / "polnear"
    common = ["--gold", str(gold), "--folds", "2", "--cache-dir", str(tmp_path / "cache"), "--json"]
    code, stdout, err = _train([*common, "-o", str(tmp_path / "with.json")], capsys)
    assert code == 0, err
    report = json.loads(stdout)
    assert "rules_with_edges" in report["cv"] and report["cv"]["edges_changed"] >= 0
    with_edges = load_model(tmp_path / "with.json")
    assert with_edges.edges is not None and with_edges.card["edges"] is True
    code, stdout, err = _train([*common, "-o", str(tmp_path / "without.json"), "--no-edges"], capsys)
    assert code == 0, err
    assert "rules_with_edges" not in json.loads(stdout)["cv"]
    assert load_model(tmp_path / "without.json").edges is None
    doc = spacy_parser.parse("The senator said that the bill would fail in the House.")
    candidates = find(doc)
    assert len(accept(doc, candidates, with_edges)) == len(candidates)


def test_edge_options_are_deterministic_index_the_text_and_spare_cue_and_speaker(spacy_parser):
    text = ('"We will win this race in November," the governor said on Monday, adding that turnout in the '
            'northern counties, which had lagged for years, was higher than anyone expected.')
    doc, atts, facts = _candidates(spacy_parser, text)
    again = doc_facts(doc, atts)
    for att in atts:
        first = edge_options(att, facts)
        assert first == edge_options(att, again)
        for option in sum(first, []):
            start, end = ((option.position, att.content.end) if option.side == "start"
                          else (att.content.start, option.position))
            span = doc[start:end]
            assert text[span.start_char:span.end_char] == span.text
            for other in (att.cue, att.speaker):
                if other is not None and option.op != "proposed":
                    assert not (other.start < end and start < other.end)


def test_relative_places_rank_the_options_of_one_edge_by_distance():
    """An option's place among the others of its edge that move it the same way: a model can then prefer the
    nearest cut when several are proposed, which an option's own values cannot say."""
    from quotekit.attribute.boundaries import EdgeOption, relative_places

    options = [EdgeOption("end", "proposed", 20), EdgeOption("end", "cut", 17), EdgeOption("end", "cut", 11),
               EdgeOption("end", "sentence_end", 25), EdgeOption("end", "extend_clause", 23)]
    places = relative_places(options)
    assert places[0] == {}
    near, far, sentence, clause = places[1:]
    assert (near["place_rank"], near["place_nearest"], near["place_farthest"]) == (0.0, 1.0, 0.0)
    assert (far["place_rank"], far["place_farthest"], far["place_op_rank"]) == (1.0, 1.0, 1.0)
    assert (clause["place_rank"], clause["place_nearest"], sentence["place_rank"]) == (0.0, 1.0, 1.0)
    assert near["place_same_way"] == clause["place_same_way"] == 2.0
    assert all(p["place_options"] == 4.0 for p in places[1:])
    starts = [EdgeOption("start", "proposed", 5), EdgeOption("start", "cut", 8), EdgeOption("start", "after_cue", 2)]
    assert [p.get("place_same_way") for p in relative_places(starts)] == [None, 1.0, 1.0]


def test_option_rows_carry_each_options_place(spacy_parser):
    doc, atts, facts = _candidates(spacy_parser, "Officials said the senator backed a bill that critics had "
                                                 "called reckless, and the vote was delayed.")
    att = _by_cue(atts, "said")
    options, rows = option_rows(att, facts, proposed=False)
    assert options and all(o.op != "proposed" for o in options)
    assert all("place_rank" in row and row[f"op={o.side}_{o.op}"] == 1.0 for o, row in zip(options, rows))
    nearest = [o for o, row in zip(options, rows) if o.side == "end" and row["place_nearest"]]
    assert len({o.position > att.content.end for o in nearest}) == len(nearest)
