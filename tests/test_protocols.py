"""Standard Swedish §-protocols (kommun and region committees), written in that form for these tests.

A decision is kept as the protocol prints it, with its lead ('Socialnämnden beslutar att …'); real
protocols of many templates are tested against people's reading of them in tests/test_corpus.py.
"""

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
    assert (mora.organ_name, mora.issuer) == ("Socialnämnden", "Mora kommun")
    assert mora.id == "mora-socialnamnden-2024-03-12-protokoll"  # every municipality has a Socialnämnd
    assert (mora.place, mora.time, mora.paragraphs) == ("Kommunhuset, sal Mora", "13.00–16.30", "45-48")
    assert [(p.name, p.party, p.role, p.group) for p in mora.attendees] == [
        ("Anna Andersson", "S", "ordförande", "beslutande"),
        ("Bengt Berg", "M", "vice ordförande", "beslutande"),
        ("Cecilia Dahl", "C", None, "beslutande"),
        ("Erik Ek", None, "socialchef", "övriga"),
        ("Fia Fors", None, "sekreterare", "övriga"),
    ]
    assert mora.warnings == ()


def test_paragraphs_case_numbers_decisions_and_proposals(mora):
    assert outline(mora) == [
        ("45", None, "Val av justerare", ["Socialnämnden beslutar att utse Bengt Berg att jämte ordföranden justera protokollet."], []),
        ("46", "SN 2024/123", "Budgetuppföljning februari 2024",
         ["Socialnämnden beslutar att godkänna budgetuppföljningen och att uppdra åt förvaltningen att återkomma med en "
          "åtgärdsplan i april."],
         ["Socialnämnden föreslås besluta att godkänna budgetuppföljningen."]),
        ("47", "SN 2024/130", "Samverkan kring MiniMaria i Dalarna",
         ["Socialnämnden beslutar\n1. att godkänna avtalet om MiniMaria-verksamhet,",
          "Socialnämnden beslutar\n2. att utse socialchefen att underteckna avtalet."], []),
        ("48", None, "Delegationsbeslut",
         ["Socialnämnden beslutar att lägga redovisningen av delegationsbeslut till handlingarna."], []),
    ]
    assert all(d.decided_by == "Socialnämnden" for item in mora.items for d in item.decisions)


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
    assert hsn.id == "region-dalarna-halso-och-sjukvardsnamnden-2025-02-06-protokoll"
    assert outline(hsn) == [
        ("12", "HSN 2025/45", "Överenskommelse om hälso- och sjukvård i hemmet",
         ["Hälso- och sjukvårdsnämnden beslutar att\n1. anta överenskommelsen om hälso- och sjukvård i hemmet,",
          "Hälso- och sjukvårdsnämnden beslutar att\n2. uppdra åt hälso- och sjukvårdsdirektören att verkställa beslutet."], []),
        ("13", None, "Yttrande över remiss: Samsjuklighetsreformen", ["Nämnden beslutar att anta yttrandet som sitt eget."], []),
    ]
    assert "Sida 1" not in hsn.items[0].text


# --- templates of issuers not in the corpus, written the way Swedish protocols are ---------------------

KF_FALUN = """\
FALU KOMMUN                                           PROTOKOLL
Kommunfullmäktige                                     Sammanträdesdatum
                                                      2024-04-18
Plats och tid       Stadshuset, Falun, kl. 18.30–21.40
Beslutande          Se bilaga 1
Paragrafer          §§ 12–14

Innehållsförteckning
12 § Val av justerare ..................................... 2
13 § Budget 2025 .......................................... 3
14 § Motion om solceller på kommunens tak ........... 5

Justerandes signatur            Utdragsbestyrkande              Sida 1 av 6
\f
FALU KOMMUN                                           PROTOKOLL
Kommunfullmäktige                                     Sammanträdesdatum
                                                      2024-04-18
12 §
Val av justerare

Kommunfullmäktiges beslut
Kommunfullmäktige utser Anna Ek och Per Lind att jämte ordföranden justera dagens protokoll.

Justerandes signatur            Utdragsbestyrkande              Sida 2 av 6
Penneo dokumentnyckel: 7J4IH-2NBZR-QWERT-ASDFG
\f
FALU KOMMUN                                           PROTOKOLL
Kommunfullmäktige                                     Sammanträdesdatum
                                                      2024-04-18
13 §                                                  Dnr KS 2024/123
Budget 2025

Ärendebeskrivning
Kommunstyrelsen har lämnat förslag till budget för 2025 med plan för 2026–2027.

Yrkanden
Anna Ek (S) yrkar bifall till kommunstyrelsens förslag.
Per Lind (M) yrkar bifall till Moderaternas budgetförslag.

Propositionsordning
Ordföranden ställer proposition på yrkandena och finner att fullmäktige bifallit Anna Eks yrkande.
Votering begärs och verkställs. Omröstningen utfaller med 31 ja mot 28 nej. 2 ledamöter avstår.

Kommunfullmäktiges beslut
1. Budget 2025 med plan för 2026–2027 fastställs enligt kommunstyrelsens förslag.
2. Skattesatsen för 2025 fastställs till 22,30 kronor.

Reservation
Ledamöterna för M reserverar sig mot beslutet till förmån för det egna yrkandet.

Justerandes signatur            Utdragsbestyrkande              Sida 3 av 6
\f
FALU KOMMUN                                           PROTOKOLL
Kommunfullmäktige                                     Sammanträdesdatum
                                                      2024-04-18
13 § (forts.)                                         Dnr KS 2024/123

Jäv
Per Lind (M) anmäler jäv och deltar inte i handläggningen.

Beslutet skickas till
Samtliga nämnder

Justerandes signatur            Utdragsbestyrkande              Sida 4 av 6
\f
FALU KOMMUN                                           PROTOKOLL
Kommunfullmäktige                                     Sammanträdesdatum
                                                      2024-04-18
14 §                                                  Dnr KS 2023/411
Motion om solceller på kommunens tak

Kommunfullmäktiges beslut
Motionen avslås.

Justerandes signatur            Utdragsbestyrkande              Sida 5 av 6
\f
Verification
Transaction 09222115557461452287
Signed by Anna Ek
This document has been electronically signed.
"""


@pytest.fixture(scope="module")
def falun():
    return parse(KF_FALUN, "kf_falun.txt")


def test_number_first_paragraphs_contents_and_furniture(falun):
    assert (falun.organ, falun.issuer, falun.date.iso(), falun.paragraphs) == (
        "Kommunfullmäktige, Falu kommun", "Falu kommun", "2024-04-18", "12-14"
    )
    assert falun.id == "falun-kommunfullmaktige-2024-04-18-protokoll"
    assert [(i.number, i.case_number, i.title) for i in falun.items] == [
        ("12", None, "Val av justerare"),
        ("13", "KS 2024/123", "Budget 2025"),
        ("14", "KS 2023/411", "Motion om solceller på kommunens tak"),
    ]
    everything = " ".join(i.title + " " + i.text for i in falun.items)
    for furniture in ("Justerandes", "Utdragsbestyrkande", "Sida 3", "Penneo", "Transaction", "Signed by", "FALU KOMMUN"):
        assert furniture not in everything


def test_decisions_votes_and_reservations_are_kept_apart(falun):
    budget = falun.items[1]
    assert [d.text for d in budget.decisions] == [
        "1. Budget 2025 med plan för 2026–2027 fastställs enligt kommunstyrelsens förslag.",
        "2. Skattesatsen för 2025 fastställs till 22,30 kronor.",
    ]
    assert [(v.yes, v.no, v.abstained) for v in budget.votes] == [(31, 28, 2)]
    assert [r.by for r in budget.reservations] == ["Ledamöterna för M"]
    assert "Per Lind (M) anmäler jäv" in budget.text and "Samtliga nämnder" in budget.text  # the continued page
    assert [d.text for d in falun.items[2].decisions] == ["Motionen avslås."]


KS_LEKSAND = """\
Leksands kommun
SAMMANTRÄDESPROTOKOLL
Kommunstyrelsen
Sammanträdesdatum: 2025-05-20

KS § 88                                                   KS/2025:140
Taxa för bygglov 2026
Beslut
Kommunstyrelsen föreslår kommunfullmäktige besluta
att anta taxa för bygglov 2026 enligt bilaga,
att taxan gäller från den 1 januari 2026.

Kommunstyrelsen beslutar för egen del
att ge förvaltningen i uppdrag att informera om den nya taxan.

KS § 89                                                   KS/2025:141
Information om läget i äldreomsorgen
Beslut
Informationen läggs till handlingarna.
"""


def test_a_board_proposing_to_the_assembly_decides_to_propose():
    meeting = parse(KS_LEKSAND, "ks.txt")
    assert meeting.id == "leksand-kommunstyrelsen-2025-05-20-protokoll"
    taxa = meeting.items[0]
    assert [(d.to_organ, d.kind) for d in taxa.decisions] == [
        ("Kommunfullmäktige", "proposal"), ("Kommunfullmäktige", "proposal"), (None, "assignment")
    ]
    assert taxa.decisions[0].text == "Kommunstyrelsen föreslår kommunfullmäktige besluta att anta taxa för bygglov 2026 enligt bilaga,"
    assert taxa.decisions[2].text.startswith("Kommunstyrelsen beslutar för egen del att ge förvaltningen i uppdrag")
    assert taxa.proposals == ()  # a decision to propose is this meeting's decision, not an open proposal
    assert [d.text for d in meeting.items[1].decisions] == ["Informationen läggs till handlingarna."]


def test_a_protocol_extract_is_that_meetings_paragraph():
    extract = """\
Regionstyrelsen                       PROTOKOLLSUTDRAG
Region Dalarna                        Sammanträdesdatum 2025-03-04

§ 41                                  RD24-1234
Samverkansavtal om hälso- och sjukvård i hemmet
Beslut
Regionstyrelsen beslutar att godkänna avtalet.

Justerandes sign                      Utdragsbestyrkande
"""
    meeting = parse(extract, "utdrag.txt")
    assert (meeting.organ, meeting.doc_type.value, meeting.date.iso()) == (
        "Regionstyrelsen, Region Dalarna", "protocol", "2025-03-04"
    )
    assert [(i.number, i.case_number, i.title) for i in meeting.items] == [
        ("41", "RD24-1234", "Samverkansavtal om hälso- och sjukvård i hemmet")
    ]
    assert [d.text for d in meeting.items[0].decisions] == ["Regionstyrelsen beslutar att godkänna avtalet."]


def test_when_the_text_is_silent_the_file_and_folder_name_the_meeting():
    text = "§ 1\nVal av justerare\nBeslut\nAnna Ek utses att justera protokollet.\n\n§ 2\nBudget\nBeslut\nBudgeten fastställs.\n"
    from_folder = parse(text, "2024-05-15 protokoll.txt", folder="KS")
    assert (from_folder.organ_name, from_folder.date.iso()) == ("Kommunstyrelsen", "2024-05-15")
    assert from_folder.field_sources["organ"] == "mappnamn" and from_folder.field_sources["date"] == "filnamn"
    from_name = parse(text, "kf_2023-03-14.txt")
    assert (from_name.organ_name, from_name.date.iso(), from_name.field_sources["organ"]) == (
        "Kommunfullmäktige", "2023-03-14", "filnamn"
    )


def test_an_agenda_with_proposals_for_each_item():
    agenda = """\
Kallelse och föredragningslista
Socialnämnden, Mora kommun
Sammanträdesdatum: 2024-05-14

1. Val av justerare
Förslag till beslut
Socialnämnden beslutar att utse Bengt Berg att justera protokollet.

2. Avgifter inom äldreomsorgen 2025
Dnr SN 2024/77
Förslag till beslut
Socialnämnden beslutar att föreslå kommunfullmäktige att anta nya avgifter enligt bilaga.
"""
    meeting = parse(agenda, "kallelse.txt")
    assert (meeting.doc_type.value, meeting.organ, meeting.date.iso()) == ("agenda", "Socialnämnden, Mora kommun", "2024-05-14")
    assert [(i.number, i.case_number, len(i.decisions), len(i.proposals)) for i in meeting.items] == [
        ("1", None, 0, 1), ("2", "SN 2024/77", 0, 1)
    ]


def test_markdown_notes_with_decisions_and_action_points():
    notes = """\
# Nätverket för digital samverkan
**Minnesanteckningar 2024-03-05**

Närvarande: Anna Ek (Falu kommun), Per Lind (Region Dalarna)

## 1. Gemensam e-tjänsteplattform
Vi gick igenom läget i upphandlingen.

### Beslut
- att gå vidare med en gemensam upphandling.

## 2. Nästa möte
Den 2 april.

## Att göra
1. Anna Ek tar fram ett underlag till nästa möte.
2. Per Lind bokar lokal.
"""
    meeting = parse(notes, "natverket.md")
    assert (meeting.organ, meeting.date.iso(), meeting.doc_type.value) == ("Nätverket för digital samverkan", "2024-03-05", "minutes")
    assert [(i.number, i.title) for i in meeting.items] == [("1", "Gemensam e-tjänsteplattform"), ("2", "Nästa möte")]
    assert [d.text for d in meeting.items[0].decisions] == ["att gå vidare med en gemensam upphandling."]
    assert [a.text for a in meeting.actions] == [
        "Anna Ek tar fram ett underlag till nästa möte.", "Per Lind bokar lokal."
    ]
    assert all(a.kind == "assignment" for a in meeting.actions)
