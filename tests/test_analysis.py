"""The Swedish analyzer, pinned word by word."""

import pytest
import Stemmer

from index.analysis import STEMMER, analyse, fold
from index.compounds import compound_parts


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
        ("samsjuklighetsdelegationen", ("samsjuklighets", "delegationen")),
        ("hemsjukvårdsavtalet", ("hem", "sjuk", "vårds", "avtalet")),
        ("samarbetsavtalet", ("samarbets", "avtalet")),
        ("samverkansöverenskommelser", ("samverkans", "överenskommelser")),
        ("sjukvårdslagen", ("sjuk", "vårds", "lagen")),  # not sjukvård + slagen
        ("vårdvalet", ("vård", "valet")),  # not vår + dvalet
        ("demensstrategin", ("demens", "strategin")),  # an inflected last part
        ("välfärdsråd", ("välfärds", "råd")),  # a three-letter last part the rules allow
        ("dagordningspunkt", ("dagordnings", "punkt")),  # a lexicalised first part stays whole
        # no compounds: a particle is no first part, lexicalised words and plain words stay whole
        ("förslaget", ("förslaget",)), ("redovisa", ("redovisa",)), ("beskriva", ("beskriva",)),
        ("ledamöter", ("ledamöter",)), ("processen", ("processen",)), ("dagordning", ("dagordning",)),
        ("följande", ("följande",)),
    ],
)
def test_compound_splitting(word, parts):
    assert compound_parts(word) == parts


@pytest.mark.parametrize("name", ["Hedemora", "Sjöstrand", "Ältavägen", "MiniMaria"])
def test_names_are_not_split(name):
    assert compound_parts(name) == (name.lower(),)


def test_a_capitalised_common_noun_is_split():
    assert compound_parts("Länsstyrelsen") == ("läns", "styrelsen")


def test_a_run_of_letters_longer_than_any_word_is_not_split():
    assert compound_parts("a" * 80_000) == ("a" * 80_000,)
    assert analyse("b" * 80_000) == ["b" * 80_000]


@pytest.mark.parametrize(
    "inflected, base",
    [("nätverket", "nätverk"), ("insatser", "insats"), ("medlen", "medel"), ("kostnader", "kostnad"),
     ("ärendet", "ärende"), ("strategin", "strategi"), ("kalendariet", "kalendarium"), ("ledamöter", "ledamot"),
     ("Länschefsnätverket", "länschefsnätverk")],
)
def test_an_inflected_form_meets_its_base_form(inflected, base):
    assert set(analyse(base, mode="query")) & set(analyse(inflected))


@pytest.mark.parametrize(
    "text, compound",
    [("ut- och inskrivning", "utskrivning"), ("hälso- och sjukvård", "hälsovård"),
     ("kommun- och regionnivå", "kommunnivå"), ("bas-, fördjupnings- och spetskurser", "fördjupningskurs")],
)
def test_an_elided_first_part_stands_for_its_compound(text, compound):
    assert set(analyse(compound, mode="query")) <= set(analyse(text))


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
        ("insatser", ["insats", "insat"]),  # the stem, and the stem of the base form insats
        ("att lägga informationen till handlingarna", ["lägg", "information", "handling", "handl"]),  # handla: a noun in -ing meets its verb
    ],
)
def test_index_tokens(text, tokens):
    assert analyse(text) == tokens


def test_a_query_is_not_split():
    assert analyse("samsjuklighetsdelegationen", mode="query") == ["samsjuklighetsdelegation"]
