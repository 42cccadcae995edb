"""Speaker rules of the session that read the GUM training documents of all genres and the tuning sets with the
eleventh batch (issue 14): kinds of error seen in several documents, each fixed by a general rule. Sentences of
our own."""
from __future__ import annotations

from _fixtures_speakers import resolve_mentions


def _resolve_all(parser, text, mentions):
    """The entity each speaker mention resolves to (:func:`_fixtures_speakers.resolve_mentions`)."""
    return [info.entity for info in resolve_mentions(parser, text, mentions)]


def test_a_pronoun_guessed_past_its_window_lends_no_salience(spacy_parser):
    # a "he" with no man inside its window is a guess (the last man named long before); that guess must not make
    # the man the nearest antecedent of a later "he" that has its own, named right before it
    text = ("Thank you, Justice Ortiz. The statute gives the agency broad power. The states challenged the plan. "
            "The lower courts disagreed about it. The record is long. The agency acted within the law. "
            "The plan followed the statute. The limits that he had announced were part of it. "
            "But in an opinion by Justice Kemp, he wrote that the word means a moderate change.")
    entities = _resolve_all(spacy_parser, text, [("he", 0), ("he", 1)])
    assert entities[1] == "Kemp"


def test_a_description_repeating_an_unnamed_possessed_one_stays_unnamed(spacy_parser):
    # "the prime minister's spokesman said ... the spokesman said": the spokesman, not the prime minister in focus
    text = ("Prime Minister Helen Ward criticised the plan on Monday. Ward will work with the new council, the "
            "prime minister's spokesman said. \"She has made her views very clear,\" the spokesman said.")
    assert _resolve_all(spacy_parser, text, [("the spokesman", 0)]) == [None]


def test_a_description_after_unnamed_plural_officials_stays_unnamed(spacy_parser):
    text = ("Mexican officials conducted polling in the United States as Donald Trump rose. The outreach, they "
            "said, raised new worries. \"We found young people have begun to adopt these arguments,\" the official "
            "said.")
    assert _resolve_all(spacy_parser, text, [("the official", 0)]) == [None]


def test_a_named_spokesman_keeps_his_name(spacy_parser):
    text = ("The campaign denied the report on Monday. \"It is false,\" spokesman Brian Fallon said. \"We will "
            "not comment further,\" the spokesman said.")
    assert _resolve_all(spacy_parser, text, [("the spokesman", 0)]) == ["Brian Fallon"]


def test_a_pronoun_below_a_relative_clause_of_its_subject_can_be_its_head(spacy_parser):
    # "student Mara Quinn, who made me feel old when she called him ...": the student all along, not a woman
    # named before (a relative clause's head is barred only where the pronoun is an argument of its verb)
    text = ("\"That's the way it is, Nicole,\" the senator said at the end of the hour. He has had quite a run. "
            "My favorite description of him came from college student Mara Quinn, who made me feel old when she "
            "called him \"a savage grandpa.\"")
    assert _resolve_all(spacy_parser, text, [("she", 0)]) == ["Mara Quinn"]


def test_a_pronoun_object_of_a_relative_clause_is_not_its_head(spacy_parser):
    text = ("Governor Ana Ruiz praised the mayor on Monday. The mayor thanked Lena Ortiz, who told her the plan "
            "would pass.")
    from quotekit.speakers.coref import DocEntities, _clause_hosts

    doc = spacy_parser.parse(text)
    her = next(t for t in doc if t.lower_ == "her")
    assert any(doc[i].text == "Ortiz" for i in _clause_hosts(her))


def test_a_pronoun_chain_runs_past_the_same_pronoun_in_a_relative_clause(spacy_parser):
    # "he went up to Oxford, where he met Paul Reid. ... he wrote": the "he" of the main clause carries the chain
    # (the relative clause's "he" is the same man, not a new link that would end it next to Paul Reid)
    text = ("Thomas Baker was born in Leeds in 1801 and was schooled at home. The following autumn, he went up to "
            "Oxford, where he met the younger Paul Reid. About his friend he wrote, \"He has been my constant "
            "companion since October.\"")
    assert _resolve_all(spacy_parser, text, [("he", 2)]) == ["Thomas Baker"]


def test_a_speaking_pronoun_continues_the_last_speaker_whose_gender_is_unknown(spacy_parser):
    # "Hewitt argued that ..., but suggested Trump went too far. '... Mistake?' he asked": the man of unknown
    # gender who just spoke asks, not the man of known gender named in what he said
    text = ("Radio host Corin Vantress pressed Donald Trump on the remark. \"But he hates them,\" Vantress said. "
            "\"I don't care,\" Trump said. Vantress argued that the phrase had hurt the party, but suggested Trump "
            "went too far. \"But they are hitting you with it again. Mistake?\" he asked.")
    assert _resolve_all(spacy_parser, text, [("he", 1)]) == ["Corin Vantress"]


def test_a_speaker_in_an_adverbial_clause_keeps_the_gender_penalty(spacy_parser):
    text = ("When Vantress pointed out that the plan covers everyone, Hillary Clinton seized on the remark. "
            "\"It is not the same,\" she said.")
    assert _resolve_all(spacy_parser, text, [("she", 0)]) == ["Hillary Clinton"]
