"""The Swedish analyzer, pinned word by word."""

import pytest
import Stemmer

from index.analysis import STEMMER, analyse, fold, split_compound


def test_the_c_stemmer_is_the_one_that_runs():
    assert isinstance(STEMMER, Stemmer.Stemmer)


@pytest.mark.parametrize(
    "word, expected",
    [  # Snowball Swedish's own outputs; Whoosh's bundled stemmer leaves the first three whole
        ("beslutet", "beslut"), ("avtalet", "avtal"), ("förslaget", "förslag"), ("uppdraget", "uppdrag"),
        ("beslutade", "beslut"), ("överenskommelser", "överenskomm"), ("samsjuklighet", "samsjuk"),
        ("hälsa", "häls"), ("kommunerna", "kommun"),
    ],
)
def test_snowball_swedish(word, expected):
    assert STEMMER.stemWord(word) == expected


@pytest.mark.parametrize(
    "text, folded",
    [("Hälsa", "hälsa"), ("ÅRSPLANERING", "årsplanering"), ("Café", "cafe"), ("Müller", "muller"), ("Sallén", "sallen")],
)
def test_case_and_accents(text, folded):
    assert fold(text) == folded


def test_a_and_o_with_dots_stay_letters_of_their_own():
    assert analyse("hälsa") != analyse("hals")
    assert analyse("Hälsa") == analyse("hälsa")


@pytest.mark.parametrize(
    "word, parts",
    [
        ("samsjuklighetsdelegationen", ("samsjuklighet", "delegationen")),
        ("samsjuklighetsreformen", ("samsjuklighet", "reformen")),
        ("hemsjukvårdsavtalet", ("hemsjukvård", "hem", "sjukvård", "avtalet")),
        ("samarbetsavtalet", ("samarbets", "avtalet")),
        ("samverkansöverenskommelser", ("samverkans", "överenskommelser")),
        ("tilläggsöverenskommelse", ("tillägg", "överenskommelse")),
        ("suicidprevention", ("suicid", "prevention")),
        ("handlingsplanen", ("handling", "planen")),
        # no compounds: a particle is no modifier, and short words are never split
        ("förslaget", ()), ("överenskommelse", ()), ("beslutet", ()), ("uppdraget", ()), ("avtal", ()),
    ],
)
def test_compound_splitting(word, parts):
    assert split_compound(word) == parts


@pytest.mark.parametrize(
    "query, compound",
    [
        ("samsjuklighet", "Samsjuklighetsdelegationen"),
        ("samsjuklighet", "samsjuklighetsreformen"),
        ("hemsjukvård", "hemsjukvårdsavtalet"),
        ("avtal", "samarbetsavtalet"),
        ("överenskommelse", "samverkansöverenskommelser"),
        ("överenskommelse", "tilläggsöverenskommelse"),
        ("prevention", "suicidprevention"),
        ("MiniMaria", "MiniMaria-verksamheten"),
        ("Mini-Maria", "Minimaria"),
        ("minimaria", "MiniMaria"),
    ],
)
def test_a_query_word_finds_the_compound(query, compound):
    query_tokens = set(analyse(query.replace("-", ""), mode="query"))
    assert query_tokens & set(analyse(compound))


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("Samsjuklighetsdelegationen", ["samsjuklighetsdelegation", "samsjuk", "delegation"]),
        ("MiniMaria-verksamheten", ["minimari", "minimariaverksam", "verksam"]),
        ("att lägga informationen till handlingarna", ["lägg", "information", "handling"]),
    ],
)
def test_index_tokens(text, tokens):
    assert analyse(text) == tokens


def test_a_query_is_not_split():
    assert analyse("samsjuklighetsdelegationen", mode="query") == ["samsjuklighetsdelegation"]
