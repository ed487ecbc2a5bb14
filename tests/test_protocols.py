"""Standard Swedish §-protocols (kommun and region committees), written in that form for these tests."""

import pytest

from archive.parse import parse


SOCIALNAMNDEN_MORA = """\
MORA KOMMUN
PROTOKOLL
Sammanträdesdatum
2024-03-12
Socialnämnden

Plats och tid: Kommunhuset, sal Mora, kl. 13.00–16.30
Beslutande: Anna Andersson (S), ordförande
Bengt Berg (M), vice ordförande
Cecilia Dahl (C)
Övriga närvarande: Erik Ek, socialchef
Fia Fors, sekreterare
Justerare: Bengt Berg
Justeringens plats och tid: Kommunhuset 2024-03-19
Paragrafer: 45–48
Justerandes signatur Utdragsbestyrkande

§ 45
Val av justerare
Beslut
Socialnämnden beslutar
att utse Bengt Berg att jämte ordföranden justera protokollet.

§ 46 Dnr SN 2024/123
Budgetuppföljning februari 2024
Sammanfattning av ärendet
Socialförvaltningen redovisar budgetuppföljningen per februari. Nämnden
prognostiserar ett underskott om 4,2 miljoner kronor, främst inom
Justerandes signatur
Utdragsbestyrkande
MORA KOMMUN
PROTOKOLL
Sammanträdesdatum
2024-03-12
Sida 2 (4)
försörjningsstöd och placeringar av barn och unga.
Förslag till beslut
Socialnämnden föreslås besluta att godkänna budgetuppföljningen.
Beslut
Socialnämnden beslutar att godkänna budgetuppföljningen och att uppdra åt
förvaltningen att återkomma med en åtgärdsplan i april.
Beslutsunderlag
Tjänsteskrivelse 2024-03-01
Expedieras till
Ekonomienheten

§ 47 Dnr SN 2024/130
Samverkan kring MiniMaria i Dalarna
Ärendebeskrivning
Region Dalarna och länets kommuner har tecknat avtal om en gemensam
MiniMaria-verksamhet. Mora är värdkommun för den norra noden, vilket
Länschefsnätverket beslutade om vid sammanträdet den 20 mars 2024.
Beslut
Socialnämnden beslutar
1. att godkänna avtalet om MiniMaria-verksamhet,
2. att utse socialchefen att underteckna avtalet.
Reservation
Cecilia Dahl (C) reserverar sig mot beslutet.

§ 48
Delegationsbeslut
Beslut
Socialnämnden beslutar att lägga redovisningen av delegationsbeslut till
handlingarna.
Justerandes signatur Utdragsbestyrkande
Sida 4 (4)
"""

HSN_REGION_DALARNA = """\
Region Dalarna
Protokoll
Hälso- och sjukvårdsnämnden
Datum: 2025-02-06
Plats: Regionhuset, Falun

§ 12 Dnr HSN 2025/45
Överenskommelse om hälso- och sjukvård i hemmet
Bakgrund
Regionen och kommunerna i Dalarna har sedan 2013 ett avtal om hemsjukvård. Arbetet med
en ny överenskommelse har beretts i Länschefsnätverket.
Beslut
Hälso- och sjukvårdsnämnden beslutar att
1. anta överenskommelsen om hälso- och sjukvård i hemmet,
2. uppdra åt hälso- och sjukvårdsdirektören att verkställa beslutet.
Yrkanden
Ordföranden yrkar bifall till förslaget.
Sida 1 (2)

§ 13 Yttrande över remiss: Samsjuklighetsreformen
Beslut
Nämnden beslutar att anta yttrandet som sitt eget.
"""


@pytest.fixture(scope="module")
def mora():
    return parse(SOCIALNAMNDEN_MORA, "sn-2024-03-12.txt")


@pytest.fixture(scope="module")
def hsn():
    return parse(HSN_REGION_DALARNA, "hsn-2025-02-06.txt")


def outline(meeting):
    return [
        (i.number, i.case_number, i.title, [d.text for d in i.decisions], [p.text for p in i.proposals])
        for i in meeting.all_items()
    ]


def test_protocol_header(mora):
    assert (mora.organ, mora.date.iso(), mora.doc_type.value) == ("Socialnämnden, Mora kommun", "2024-03-12", "protocol")
    assert mora.id == "socialnamnden-mora-kommun-2024-03-12-protokoll"
    assert (mora.place, mora.time) == ("Kommunhuset, sal Mora", "kl. 13.00–16.30")
    assert mora.issuer == "MORA KOMMUN"
    assert [(p.name, p.affiliation, p.role) for p in mora.attendees] == [
        ("Anna Andersson", "S", "ordförande"),
        ("Bengt Berg", "M", "vice ordförande"),
        ("Cecilia Dahl", "C", None),
        ("Erik Ek", None, "socialchef"),
        ("Fia Fors", None, "sekreterare"),
    ]
    assert mora.warnings == ()


def test_paragraphs_case_numbers_decisions_and_proposals(mora):
    assert outline(mora) == [
        ("45", None, "Val av justerare", ["att utse Bengt Berg att jämte ordföranden justera protokollet."], []),
        ("46", "SN 2024/123", "Budgetuppföljning februari 2024",
         ["att godkänna budgetuppföljningen och att uppdra åt förvaltningen att återkomma med en åtgärdsplan i april."],
         ["att godkänna budgetuppföljningen."]),
        ("47", "SN 2024/130", "Samverkan kring MiniMaria i Dalarna",
         ["1. att godkänna avtalet om MiniMaria-verksamhet,", "2. att utse socialchefen att underteckna avtalet."], []),
        ("48", None, "Delegationsbeslut", ["att lägga redovisningen av delegationsbeslut till handlingarna."], []),
    ]


def test_page_headers_in_the_middle_of_a_paragraph_are_removed(mora):
    text = next(i for i in mora.items if i.number == "46").text
    assert "främst inom försörjningsstöd och placeringar av barn och unga." in text
    for furniture in ("Justerandes", "Utdragsbestyrkande", "Sida 2", "PROTOKOLL", "Sammanträdesdatum"):
        assert furniture not in text


def test_sections_stay_in_the_text_as_headings(mora):
    text = next(i for i in mora.items if i.number == "47").text
    assert text.split("\n\n") == [
        "Ärendebeskrivning",
        "Region Dalarna och länets kommuner har tecknat avtal om en gemensam MiniMaria-verksamhet. Mora är "
        "värdkommun för den norra noden, vilket Länschefsnätverket beslutade om vid sammanträdet den 20 mars 2024.",
        "Reservation",
        "Cecilia Dahl (C) reserverar sig mot beslutet.",
    ]
    assert [(r.date.iso(), r.organ) for r in mora.references] == [("2024-03-20", "Länschefsnätverket")]


def test_region_committee_with_numbered_points_without_att(hsn):
    assert (hsn.organ, hsn.date.iso()) == ("Hälso- och sjukvårdsnämnden, Region Dalarna", "2025-02-06")
    assert outline(hsn) == [
        ("12", "HSN 2025/45", "Överenskommelse om hälso- och sjukvård i hemmet",
         ["1. anta överenskommelsen om hälso- och sjukvård i hemmet,",
          "2. uppdra åt hälso- och sjukvårdsdirektören att verkställa beslutet."], []),
        ("13", None, "Yttrande över remiss: Samsjuklighetsreformen", ["att anta yttrandet som sitt eget."], []),
    ]
    assert "Sida 1" not in hsn.items[0].text
