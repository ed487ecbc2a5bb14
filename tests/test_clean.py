"""Cleaning PDF debris: page-break runs, page furniture, bullets, Markdown, hyphenation, tables."""

import pytest

from archive.clean import Gap, clean, join_wrapped


def texts(lines):
    return [line.text for line in lines]


def test_blank_runs_become_gaps():
    lines = clean("rad ett\n\nrad två\n \n\nrad tre\n\n \n\n\n \n \n\nrad fyra\fsida två")
    assert texts(lines) == ["rad ett", "rad två", "rad tre", "rad fyra", "sida två"]
    assert [line.gap for line in lines] == [Gap.NONE, Gap.LINE, Gap.PARA, Gap.PAGE, Gap.PAGE]
    assert [line.number for line in lines] == [1, 3, 6, 14, 14]


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        ("11. **Information: Aktivitetskravet** (Bilaga 3)", "11. Information: Aktivitetskravet (Bilaga 3)"),
        ("chefskursen *Leda lärande och utveckling*.", "chefskursen Leda lärande och utveckling."),
        ("3 * 4 = 12", "3 * 4 = 12"),
        ("\uf0b7 Barn och ungas hälsa", "• Barn och ungas hälsa"),
        ("● Psykisk funktionsnedsättning", "• Psykisk funktionsnedsättning"),
        ("- Bostad först för vuxna", "– Bostad först för vuxna"),
        ("Mötet   öppnades\u00a0kl 9", "Mötet öppnades kl 9"),
        ("ﬁnansiering och upp\u00adföljning", "finansiering och uppföljning"),
    ],
)
def test_line_debris(raw, cleaned):
    assert texts(clean(raw)) == [cleaned]


def test_a_bullet_alone_on_its_line_joins_the_next():
    assert texts(clean("•\nBarn och ungas hälsa\n•\nMissbruk och beroende")) == [
        "• Barn och ungas hälsa",
        "• Missbruk och beroende",
    ]


def test_page_furniture_is_dropped_but_content_is_not():
    text = (
        "MORA KOMMUN\nPROTOKOLL\n2024-03-12\n§ 1\nText som fortsätter\nJusterandes signatur\nUtdragsbestyrkande\n"
        "MORA KOMMUN\nPROTOKOLL\n2024-03-12\nSida 2 (4)\npå nästa sida.\n3 / 12\n"
    )
    assert texts(clean(text)) == ["MORA KOMMUN", "PROTOKOLL", "2024-03-12", "§ 1", "Text som fortsätter", "på nästa sida."]


def test_a_bare_number_goes_only_at_a_page_break():
    assert texts(clean("text\n\f\n3\nmer text\n8 000 medarbetare\n12")) == ["text", "mer text", "8 000 medarbetare", "12"]


@pytest.mark.parametrize(
    "first, second, joined",
    [
        ("utvecklings-", "arbetet pågår", "utvecklingsarbetet pågår"),
        ("hälso-", "och sjukvård", "hälso- och sjukvård"),
        ("LPO rehab-,", "habilitering", "LPO rehab-, habilitering"),
        ("ta fram förslag på RKA-", "process", "ta fram förslag på RKA-process"),
        ("MiniMaria-", "verksamheten", "MiniMaria-verksamheten"),
        ("Region", "Dalarna", "Region Dalarna"),
        ("kommunerna och", "regionen", "kommunerna och regionen"),
    ],
)
def test_joining_wrapped_lines(first, second, joined):
    assert join_wrapped(first, second) == joined


def test_a_table_is_marked_from_its_header_to_the_first_prose():
    text = (
        "Föredragande: Erik Degerman\nDATUM OCH TID PLATS INFO\nTorsdag 29 januari kl. 09.30-12.00 Myntgatan 2\n"
        "Stängslet\nFredag 20 mars kl. 09.00-12.00 Fysiskt,\nPlats ej bestämd\n"
        "Infektionskliniken presenterade vid sammanträdet ett innovationsprojekt som under\n"
    )
    assert [line.table for line in clean(text)] == [False, True, True, True, True, True, False]


def test_upper_case_line_without_dated_rows_is_not_a_table():
    assert not any(line.table for line in clean("LPO PSYKISK HÄLSA\nGruppen har träffats två gånger.\n"))
