"""Speaker rules of the session that made the resolution gold's fourth batch a tuning set (issue 14): kinds of
error seen in more than one document of the tuning sets, each fixed by a general rule. Sentences of our own."""
from __future__ import annotations

from _helpers import resolve_span, resolved_speakers


def test_a_description_opening_the_article_is_the_entity_the_next_sentence_names(spacy_parser):
    # the news lead describes before it names: a headline's "Woman", a lead's "A major climate group"
    text = ("Woman Says Trump Saved Her Family Farm.\n\nBetsy Sharp of Burke County, Georgia, knows Donald Trump in "
            "a way few other voters do. She met him in 1986.")
    assert resolve_span(spacy_parser, text, "Woman") == ("Betsy Sharp", "person")
    text = ("Climate Group Will Run Ads In Milwaukee.\n\nA major climate group says the Republican candidates must "
            "make clean energy a priority in their economic plans.\n\nThe Clean Climate Fund, founded by the "
            "investor Tom Baker, will air an ad during the debate on Tuesday.")
    assert resolve_span(spacy_parser, text, "A major climate group") == ("Clean Climate Fund", "organization")


def test_a_description_the_next_named_subject_does_not_fit_stays_unnamed(spacy_parser):
    for description in ("A union leader", "A woman at the rally"):
        text = (f"Workers Protest In Ohio.\n\n{description} said the plant would close in March.\n\nDonald Trump "
                "visited the plant in May.")
        assert resolve_span(spacy_parser, text, description) == (None, "anonymous"), description


def test_a_compound_of_man_or_an_occupation_describes_the_person_in_focus(spacy_parser):
    text = ("Radio talk show host Glenn Beck wrote on Facebook that he disagreed with Sarah Palin. \"She has played "
            "the game for years,\" Beck wrote.\n\nThe radioman pointed out that Trump once backed the policies "
            "Palin opposes.")
    assert resolve_span(spacy_parser, text, "The radioman") == ("Glenn Beck", "person")
    text = ("Mark Jones, a local doctor, opened the clinic in May. \"We serve everyone,\" Jones said.\n\nThe "
            "physician said the clinic would stay open.")
    assert resolve_span(spacy_parser, text, "The physician") == ("Mark Jones", "person")


def test_a_name_inside_a_description_is_not_its_antecedent(spacy_parser):
    # "Gawker" modifies the noun: the employee is the writer named before, not the site
    text = ("Ashley Feinberg, a writer at Gawker, built the bot. \"We wanted to show how his words sound,\" Feinberg "
            "wrote.\n\n\"It is hard to blame him for being confused,\" the Gawker employee wrote.")
    assert resolve_span(spacy_parser, text, "the Gawker employee") == ("Ashley Feinberg", "person")


def test_words_ending_in_man_that_name_no_one_are_no_person_nouns():
    from quotekit.speakers.roles import description_gender

    assert description_gender("anchorman") == "he" and description_gender("newswoman") == "she"
    assert description_gender("human") is None and description_gender("talisman") is None
    assert description_gender("spokesman") is None  # a role word: roles.txt decides, as before


def _gender_of(parser, text: str, name: str):
    from quotekit.speakers.coref import DocEntities

    entity = DocEntities(parser.parse(text)).find(name)
    return entity.gender if entity is not None else "missing"


def test_a_pronoun_opening_the_next_sentence_gives_the_only_subject_it_fits_its_gender(spacy_parser):
    # no first name in the lexicon; "He" can only be the man who spoke, not Hillary Clinton
    text = ("Kerry Beebe, 49, a Navy veteran, said Hillary Clinton should be ready for questions about her "
            "husband. He attended the rally, though he is still not sure whether he will vote for her.")
    assert _gender_of(spacy_parser, text, "Kerry Beebe") == "m"
    # "she" opening a quotation's attribution after a sentence about the singer
    text = ("Meanwhile Rihanna, who was honored with an award, spoke about the importance of self-love. \"The "
            "minute you learn to love yourself, you would not want to be anyone else,\" she said.")
    assert _gender_of(spacy_parser, text, "Rihanna") == "f"


def test_a_pronoun_after_two_subjects_it_fits_gives_no_gender(spacy_parser):
    text = "Kerry Beebe said that Casey Wetherby should resign. He attended the rally on Monday."
    assert _gender_of(spacy_parser, text, "Kerry Beebe") is None
    text = "Kerry Beebe spoke first.\n\nHe attended the rally on Monday."  # another paragraph: no evidence
    assert _gender_of(spacy_parser, text, "Kerry Beebe") is None


def test_unnamed_plural_sourcing_is_anonymous(spacy_parser):
    text = ("Arab lawmakers called on the government to block the visit.\n\nJewish groups also condemned the "
            "proposal to ban Muslims from entering the country.")
    assert resolve_span(spacy_parser, text, "Jewish groups") == (None, "anonymous")
    text = ("The party needs to rebuild. Current and former officials who spoke with reporters said the committee "
            "had become a shell of itself.")
    assert resolve_span(spacy_parser, text, "Current and former officials") == (None, "anonymous")
    text = "Trump had a question for the crowd. \"Who is going to pay for it?\"\n\n\"Mexico!\" the audience screamed."
    assert resolve_span(spacy_parser, text, "the audience") == (None, "anonymous")


def test_police_and_a_named_organisation_stay_organisations(spacy_parser):
    text = "Protesters gathered outside the stadium on Sunday. Brazilian police said 20 people were arrested."
    assert resolve_span(spacy_parser, text, "Brazilian police") == ("Brazilian police", "organization")
