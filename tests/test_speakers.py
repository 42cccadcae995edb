"""Speaker resolution: entities, roles and types of speaker mentions, on real text."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotekit.speakers import resolve_speakers
from quotekit.speakers.canonical import assign_speaker_ids, name_words, slug
from quotekit.types import Attribution, Quote, SpeakerInfo, TextSpan

TYPES = {"person", "organization", "anonymous", "unknown"}


def _resolve(parser, text: str, speakers: list[str], *, contents: list[str] | None = None) -> list[SpeakerInfo]:
    """Resolve the given speaker mentions (each the *last* occurrence of the string unless repeated)."""
    doc = parser.parse(text)
    atts, pos = [], 0
    for n, mention in enumerate(speakers):
        start = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)").search(text, pos).start()
        pos = start + len(mention)
        span = doc.char_span(start, start + len(mention), alignment_mode="expand")
        content = span
        if contents and contents[n]:
            c = text.index(contents[n])
            content = doc.char_span(c, c + len(contents[n]), alignment_mode="expand")
        atts.append(Attribution(kind="direct" if contents and contents[n] else "indirect", content=content,
                                speaker=span))
    return resolve_speakers(doc, atts)


# -- the seed article ------------------------------------------------------------------------------------------
def test_seed_every_gold_speaker_resolved(seed_doc, seed_gold, seed_attributions):
    infos = resolve_speakers(seed_doc, seed_attributions)
    assert len(infos) == len(seed_gold["quotes"]) == 10
    for q, info in zip(seed_gold["quotes"], infos):
        mention = q["speaker"]["text"]
        assert info.entity == q["speaker_entity"], mention
        assert info.type == q["speaker_type"], mention
        if q["speaker_role"] is None:
            assert info.role is None, mention
        else:
            assert q["speaker_role_head"] in info.role.lower(), (mention, info.role)


def test_seed_named_examples(seed_doc, seed_gold, seed_attributions):
    by_mention = {q["speaker"]["text"]: info
                  for q, info in zip(seed_gold["quotes"], resolve_speakers(seed_doc, seed_attributions))}
    assert by_mention["the State Department spokesperson"].entity == "Ned Price"
    assert by_mention["the Japanese minister"].entity == "Toshimitsu Motegi"  # not South Korea's minister
    assert by_mention["who"].entity == "Donald Trump"
    assert by_mention["who"].role == "previous President"
    assert by_mention["the Japanese Foreign Ministry"].type == "organization"
    assert by_mention["Blinken"].role == "U.S. Secretary of State"  # stated once, at an earlier mention


def test_seed_without_ner_falls_back_to_proper_noun_runs(spacy_parser, seed_text, seed_gold):
    from _fixtures_speakers import gold_attributions

    doc = spacy_parser.parse(seed_text)
    doc.ents = []  # a backend without NER (e.g. stanza without its ner processor)
    infos = resolve_speakers(doc, gold_attributions(doc, seed_gold))
    right = sum(info.entity == q["speaker_entity"] and info.type == q["speaker_type"]
                for q, info in zip(seed_gold["quotes"], infos))
    assert right >= 9


def test_seed_is_order_independent(seed_doc, seed_attributions):
    forward = resolve_speakers(seed_doc, seed_attributions)
    backward = resolve_speakers(seed_doc, list(reversed(seed_attributions)))
    assert forward == list(reversed(backward))


# -- within a document -----------------------------------------------------------------------------------------
def test_apposition_role_and_later_surname(spacy_parser):
    text = ("Ned Price, a State Department spokesperson, said on Monday that talks would resume. "
            "Later, Price said the delegation had left.")
    first, second = _resolve(spacy_parser, text, ["Ned Price, a State Department spokesperson,", "Price"])
    assert first.entity == second.entity == "Ned Price"
    assert "spokesperson" in first.role.lower() and second.role == first.role


def test_role_after_name_with_for(spacy_parser):
    text = "Jen Psaki, spokesperson for the White House, told reporters the plan was ready. Psaki added nothing."
    (info,) = _resolve(spacy_parser, text, ["Psaki"])
    assert info.entity == "Jen Psaki"
    assert info.role is not None and "spokesperson" in info.role.lower()


def test_abbreviated_title_is_expanded(spacy_parser):
    text = "Sen. Marco Rubio told reporters on Friday that he would not run again."
    (info,) = _resolve(spacy_parser, text, ["Sen. Marco Rubio"])
    assert info.entity == "Marco Rubio" and info.role == "Senator"


def test_pronoun_agrees_in_gender(spacy_parser):
    text = ("Nancy Pelosi met Chuck Schumer at the Capitol on Tuesday. "
            "She said the bill would pass. He said it would not.")
    she, he = _resolve(spacy_parser, text, ["She", "He"])
    assert she.entity == "Nancy Pelosi" and she.type == "person"
    assert he.entity == "Chuck Schumer"


def test_pronoun_prefers_speaker_over_name_inside_quote(spacy_parser):
    text = ('Former Rep. Chris Shays said he would vote for the Democrat. '
            '"Donald Trump lost me a long time ago," he said.')
    info = _resolve(spacy_parser, text, ["he", "he"])[1]
    assert info.entity == "Chris Shays"


def test_relative_pronoun_takes_modified_noun(spacy_parser):
    text = "The deal was signed under President Barack Obama, who praised it as historic."
    (info,) = _resolve(spacy_parser, text, ["who"])
    assert info.entity == "Barack Obama" and info.role == "President"


def test_first_person_inside_quote_is_its_speaker(spacy_parser):
    text = 'Angela Merkel told reporters, "I said we would help them."'
    quote = '"I said we would help them."'
    infos = _resolve(spacy_parser, text, ["Angela Merkel", "I"], contents=[quote, None])
    assert infos[1].entity == "Angela Merkel"


@pytest.mark.parametrize("sentence, mention", [
    ("Officials said the talks had stalled.", "Officials"),
    ("A senior administration official said the talks had stalled.", "A senior administration official"),
    ("People familiar with the matter said the talks had stalled.", "People familiar with the matter"),
    ("The talks had stalled, sources said.", "sources"),
])
def test_anonymous_sources(spacy_parser, sentence, mention):
    (info,) = _resolve(spacy_parser, sentence, [mention])
    assert info.type == "anonymous" and info.entity is None


def test_newspaper_refers_back_to_outlet(spacy_parser):
    text = ("The Washington Post reported on Sunday that the agency had lost the files. "
            "The newspaper said the files were later found.")
    first, second = _resolve(spacy_parser, text, ["The Washington Post", "The newspaper"])
    assert first.type == second.type == "organization"
    assert first.entity == second.entity == "Washington Post"


def test_shared_surname_is_not_merged(spacy_parser):
    text = ("Donald Trump spoke first. Ivanka Trump said her father would win. "
            "Donald Trump said the polls were wrong.")
    ivanka, donald = _resolve(spacy_parser, text, ["Ivanka Trump", "Donald Trump"])
    assert ivanka.entity == "Ivanka Trump" and donald.entity == "Donald Trump"


def test_no_speaker_gives_empty_info(spacy_parser):
    doc = spacy_parser.parse("The deal is done.")
    (info,) = resolve_speakers(doc, [Attribution(kind="indirect", content=doc[0:4], speaker=None)])
    assert info == SpeakerInfo()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=120), data=st.data())
def test_arbitrary_text_never_crashes(spacy_parser, text, data):
    doc = spacy_parser.parse(text)
    atts = []
    if len(doc):
        for _ in range(data.draw(st.integers(0, 3))):
            a = data.draw(st.integers(0, len(doc) - 1))
            b = data.draw(st.integers(a + 1, len(doc)))
            atts.append(Attribution(kind="indirect", content=doc[a:b], speaker=doc[a:b]))
    infos = resolve_speakers(doc, atts)
    assert len(infos) == len(atts)
    for info in infos:
        assert info.type in TYPES
        assert info.entity is None or isinstance(info.entity, str)


# -- across a corpus -------------------------------------------------------------------------------------------
def _q(doc_id: str, entity, typ="person", role=None) -> Quote:
    return Quote(doc_id, f"{doc_id}:0", "direct", TextSpan(0, 1, "x"), speaker_entity=entity, speaker_type=typ,
                 speaker_role=role)


def test_speaker_ids_merge_unambiguous_surname_only():
    quotes = [_q("a", "Joe Biden", role="President"), _q("b", "Biden"), _q("c", "Joe R. Biden")]
    assign_speaker_ids(quotes)
    assert [q.speaker_id for q in quotes] == ["joe-biden"] * 3


def test_speaker_ids_differing_first_names_stay_apart():
    quotes = [_q("a", "Joe Biden", role="President"), _q("b", "Joseph Biden"), _q("c", "Biden")]
    assign_speaker_ids(quotes)
    assert [q.speaker_id for q in quotes] == ["joe-biden", "joseph-biden", "biden"]  # conservative


def test_speaker_ids_keep_shared_surnames_apart_unless_roles_agree():
    quotes = [_q("a", "Hillary Clinton", role="Secretary of State"), _q("b", "Bill Clinton", role="former President"),
              _q("c", "Clinton"), _q("d", "Clinton", role="the secretary"), _q("e", "Hillary Rodham Clinton")]
    assign_speaker_ids(quotes)
    assert [q.speaker_id for q in quotes] == ["hillary-clinton", "bill-clinton", "clinton", "hillary-clinton",
                                              "hillary-clinton"]


def test_speaker_ids_organisations_and_anonymous():
    quotes = [_q("a", "the Japanese Foreign Ministry", "organization"), _q("b", "Japanese Foreign Ministry", "organization"),
              _q("c", None, "anonymous"), _q("d", None, "unknown")]
    assign_speaker_ids(quotes)
    assert quotes[0].speaker_id == quotes[1].speaker_id == "japanese-foreign-ministry"
    assert quotes[2].speaker_id is None and quotes[3].speaker_id is None


@given(st.text(max_size=40))
def test_name_helpers_total(name):
    assert all(w == w.lower() for w in name_words(name))
    assert " " not in slug(name)
