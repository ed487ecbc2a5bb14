"""Presenters and attendees: names with what the text says of them, never guessed."""

import pytest

from archive.people import continues_presenters, parse_attendees, parse_presenters


def people(found):
    return [(p.name, p.affiliation, p.role) if p.affiliation else (p.name, p.role) for p in found]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ulrika Gärdsback, ordförande, Länschefsnätverket", [("Ulrika Gärdsback", "ordförande, Länschefsnätverket")]),
        ("Tanja Mårtensson", [("Tanja Mårtensson", None)]),
        (
            "Caroline Mörk och Henrietta Forsman, Utvecklingsledare, Hälsa och välfärd",
            [("Caroline Mörk", "Utvecklingsledare, Hälsa och välfärd"), ("Henrietta Forsman", "Utvecklingsledare, Hälsa och välfärd")],
        ),
        (
            "Ewa Welén, Processledare, Maria Högkvist Utvecklingsledare, Hälsa och välfärd, "
            "Annika Olofsson, Projektledare God och nära vård, Region Dalarna",
            [
                ("Ewa Welén", "Processledare"),
                ("Maria Högkvist", "Utvecklingsledare, Hälsa och välfärd"),
                ("Annika Olofsson", "Projektledare God och nära vård, Region Dalarna"),
            ],
        ),
        (
            "Elin Axman, Utvecklingsledare Hälsa och välfärd, Rusmira Perez Dervisic, Soledad Alarcon Helling, "
            "Länsstyrelsen Dalarna",
            [
                ("Elin Axman", "Utvecklingsledare Hälsa och välfärd"),
                ("Rusmira Perez Dervisic", "Länsstyrelsen Dalarna"),
                ("Soledad Alarcon Helling", "Länsstyrelsen Dalarna"),
            ],
        ),
        ("Zophia Mellgren, expert och utredare, Regeringskansliet", [("Zophia Mellgren", "expert och utredare, Regeringskansliet")]),
        ("Erik Degerman, verksamhetschef, Infektionskliniken Falu Lasarett", [("Erik Degerman", "verksamhetschef, Infektionskliniken Falu Lasarett")]),
        ("socialchefen", [("socialchefen", None)]),
    ],
)
def test_presenters(text, expected):
    assert people(parse_presenters(text)) == expected


@pytest.mark.parametrize(
    "previous, line, continues",
    [
        ("Caroline Mörk, utvecklingsledare, RSS Dalarna", "Carina Wadås, utvecklingsledare, Region Dalarna", True),
        ("Ewa Welén, Processledare, Maria Högkvist Utvecklingsledare, Hälsa", "och välfärd, Annika Olofsson", True),
        ("Per-Lennart Ågren, Divisionschef medicin, Helene Kastemyr,", "Divisionschef Primärvård", True),
        ("Tanja Mårtensson", "I början av året inledde Länschefsnätverket med ett strategiseminarium", False),
        ("Erik Degerman, verksamhetschef", "DATUM OCH TID PLATS INFO", False),
        ("Caroline Mörk, Utvecklingsledare", "Samsjuklighetsutredningen föreslår i ett delbetänkande en genomgripande", False),
        ("Beat Axå, ordförande, Länschefsnätverket", "Enligt överenskommelsen tilldelas kommunerna och regionen", False),
    ],
)
def test_presenter_lines_that_continue(previous, line, continues):
    assert continues_presenters(previous, line) is continues


def test_attendees_as_a_list_of_names():
    found, warnings = parse_attendees(["Ulf Björnfot, Helene Kastemyr, Malin Lindén", "Olsson,Tomas Ahlin, Tomas Ahlin samt föredragande enligt nedan."])
    assert [p.name for p in found] == ["Ulf Björnfot", "Helene Kastemyr", "Malin Lindén Olsson", "Tomas Ahlin"]
    assert warnings == []


def test_attendees_one_cell_a_line_as_a_pdf_gives_a_table():
    lines = ["Region Dalarna", "Sofia Jarl (ordf)", "Sebastian Karlberg", "Avesta", "Gunilla Berglund", "Ålvdalen", "Anette Eriksson"]
    found, _warnings = parse_attendees(lines)
    assert people(found) == [
        ("Sofia Jarl", "Region Dalarna", "ordförande"),
        ("Sebastian Karlberg", "Region Dalarna", None),
        ("Gunilla Berglund", "Avesta", None),
        ("Anette Eriksson", "Älvdalen", None),
    ]


def test_party_and_role_of_a_protocol_attendee():
    found, _warnings = parse_attendees(["Anna Andersson (S), ordförande", "Bengt Berg (M)"])
    assert people(found) == [("Anna Andersson", "S", "ordförande"), ("Bengt Berg", "M", None)]


def test_names_that_belong_to_no_row_are_kept_and_reported():
    lines = ["Kommun Region Dalarna", "Inga-Lill Frank Säter Anna Sicking", "Rehnberg", "Utvecklingsledare RSS",
             "Frida Hellberg", "Anna-Karin Olsson", "Vansbro Johanna Granroth Utvecklingsledare RSS"]
    found, warnings = parse_attendees(lines)
    assert people(found) == [
        ("Inga-Lill Frank", "Säter", None),
        ("Anna Sicking Rehnberg", "Region Dalarna", "Utvecklingsledare RSS"),
        ("Frida Hellberg", None),
        ("Anna-Karin Olsson", "Vansbro", None),
        ("Johanna Granroth", "Region Dalarna", "Utvecklingsledare RSS"),
    ]
    assert warnings == ["närvarolistan: kan inte avgöra vilken kommun Frida Hellberg hör till"]
