"""The parts of a protocol one by one: § headings and case numbers, section labels, decision leads,
votes and reservations, organs and issuers, names from files, attendance lines, page furniture."""

import re

import pytest

from archive.attendance import _person, label_of
from archive.clean import Line, clean, is_furniture
from archive.decision_sections import read_decisions, read_lead
from archive.filenames import facts_from_name
from archive import organs
from archive.organs import dominant_issuer, find_issuer, is_generic, issuer_of_word, organ_heading
from archive.outcomes import find_reservations, find_votes
from archive.paragraphs import case_numbers, paragraph_heading, paragraph_range
from archive.sections import section_kind


@pytest.mark.parametrize(
    "line, number, prefix, continued, case, title",
    [
        ("§ 12", "12", None, False, None, ""),
        ("KS § 131 KS KF/2025:6", "131", "KS", False, "KS KF/2025:6", ""),
        ("BUN § 41 (fort.) BUN/2023:134", "41", "BUN", True, "BUN/2023:134", ""),
        ("§ 7 0211/24", "7", None, False, "0211/24", ""),
        ("12 § Val av justerare", "12", None, False, None, "Val av justerare"),
        ("§ 887 Ärendenummer SLK-2024-00074", "887", None, False, "SLK-2024-00074", ""),
        ("§ 180 Dnr KFKS 2015/73-251", "180", None, False, "KFKS 2015/73-251", ""),
        ("§ 63 Ärendenummer SLK-2023-00027:-1", "63", None, False, "SLK-2023-00027:-1", ""),
        ("§ 13 Yttrande över remiss: Samsjuklighetsreformen", "13", None, False, None, "Yttrande över remiss: Samsjuklighetsreformen"),
    ],
)
def test_paragraph_headings(line, number, prefix, continued, case, title):
    heading = paragraph_heading(line)
    assert (heading.number, heading.prefix, heading.continued, heading.case_number, heading.title) == (
        number, prefix, continued, case, title
    )


def test_a_contents_line_and_text_that_is_no_heading():
    assert paragraph_heading("§ 180 Dnr KFKS 2018/3 ........................ 6").contents
    assert paragraph_heading("Enligt 3 § kommunallagen ska …") is None
    assert paragraph_range("Paragraf: § 131-§ 138") == "131-138" and paragraph_range("Paragrafer 180 - 206") == "180-206"


@pytest.mark.parametrize(
    "line, found",
    [
        ("KFKS 2020/1204, KSSU 2021-01-26 § 3", "KFKS 2020/1204"),  # the meeting that prepared it is no case
        ("KFKS 2020/746, KFKS 2016/803, KSSU 2021-", "KFKS 2020/746, KFKS 2016/803"),
        ("Dnr KFKS 2020/1125", "KFKS 2020/1125"),
        ("2024-2027", None),  # a span of years
        ("25:38, Morningside Marina", None),  # a property, not a case
        ("Inkom den 23 september 2020", None),
    ],
)
def test_case_numbers_under_a_title(line, found):
    assert case_numbers(line) == found


@pytest.mark.parametrize(
    "label, kind",
    [
        ("Beslut", "decision"), ("Beslut:", "decision"), ("Kommunfullmäktiges beslut", "decision"),
        ("Förslag till beslut", "proposal"), ("Arbetsutskottets förslag till beslut", "proposal"),
        ("Yrkanden", "motions"), ("Propositionsordning", "order"), ("Beslutsgång", "order"),
        ("Omröstning", "vote"), ("Reservationer", "reservation"), ("Protokollsanteckning", "note"),
        ("Jäv", "recusal"), ("Beslutet expedieras till:", "dispatch"), ("Protokollsutdrag skickas till", "dispatch"),
        ("Beslutsunderlag", "basis"), ("Ärendebeskrivning", "description"), ("Ärendets tidigare behandling", "history"),
        ("beslut", None),  # a wrapped word, not a heading
        ("Kommunstyrelsen beslutar:", None),
    ],
)
def test_section_labels(label, kind):
    assert section_kind(label) == kind


@pytest.mark.parametrize(
    "sentence, by, to, text",
    [
        ("Kommunstyrelsen föreslår kommunfullmäktige besluta:", "Kommunstyrelsen", "Kommunfullmäktige", None),
        ("Kommunstyrelsen tillstyrker stadsledningskontorets förslag och föreslår att kommunfullmäktige beslutar:",
         "Kommunstyrelsen", "Kommunfullmäktige", None),
        ("Kommunstyrelsen beslutar att föreslå kommunfullmäktige besluta:", "Kommunstyrelsen", "Kommunfullmäktige", None),
        ("Barn- och utbildningsnämnden beslutar följande:", "Barn- och utbildningsnämnden", None, None),
        ("Kommunstyrelsen beslutar för egen del", "Kommunstyrelsen", None, None),
        ("Socialnämnden beslutar att godkänna avtalet.", "Socialnämnden", None, "Socialnämnden beslutar att godkänna avtalet."),
        ("På förslag av Axel Josefson (M):", None, None, None),
        ("Länsstyrelsens beslut antecknas.", "not a lead", None, None),
    ],
)
def test_decision_leads(sentence, by, to, text):
    lead = read_lead(sentence)
    if by == "not a lead":
        assert lead is None
    else:
        assert (lead.decided_by, lead.to_organ, lead.text) == (by, to, text)


def test_a_decision_followed_by_a_list_of_documents_is_the_decision_alone():
    lines = clean(
        "Antecknas.\nEfter sammanträdet den 27 november har följande motioner inkommit.\n\nMotioner\n"
        "Motion om att kommunen ska bygga en simhall\n"
    )
    decisions, rest = read_decisions(lines, "Kommunfullmäktige")
    assert [d.text for d in decisions] == ["Antecknas."]
    assert "Motion om att kommunen ska bygga en simhall" in " ".join(line.text for line in rest)


def test_votes_and_reservations():
    [vote] = find_votes("Votering begärs. Omröstningen utfaller med 39 Ja mot 38 Nej. Tre ledamöter avstår från att rösta.")
    assert (vote.yes, vote.no, vote.abstained) == (39, 38, 3)
    [vote] = find_votes("Med 9 röster mot 4 hade kommunstyrelsen beslutat att avveckla verksamheten.")
    assert (vote.yes, vote.no) == (9, 4)
    assert [r.by for r in find_reservations(
        "Ledamöterna från M reserverar sig mot beslutet. Rolf Wasteson (V) reserverade sig mot beslutet."
    )] == ["Ledamöterna från M", "Rolf Wasteson (V)"]


@pytest.mark.parametrize(
    "line, organ",
    [
        ("KOMMUNSTYRELSEN", "Kommunstyrelsen"),
        ("BARN- OCH UTBILDNINGSNÄMNDEN", "Barn- och utbildningsnämnden"),
        ("Kommunstyrelsens verksamhetsutskott", "Kommunstyrelsens verksamhetsutskott"),
        ("Nämnden för demokrati och medborgarservice", "Nämnden för demokrati och medborgarservice"),
        ("Tekniska nämnden", "Tekniska nämnden"),
        ("Socialnämnden, Mora kommun", "Socialnämnden"),
        ("Referensgrupp DCAT-AP-SE", "Referensgrupp DCAT-AP-SE"),
        ("Välfärdsrådet i Dalarna", "Välfärdsrådet"),
        ("Samverkansplattform ÖP.", None),  # a sentence that mentions a body
        ("Sammanträdesdatum", None),
    ],
)
def test_organs_named_the_swedish_way(line, organ):
    assert organ_heading(line) == organ


def test_organs_and_issuers():
    assert is_generic("Kommunstyrelsen") and is_generic("Kommunstyrelsens arbetsutskott") and not is_generic("Länschefsnätverket")
    assert find_issuer("enligt Göteborgs Stads regler").name == "Göteborgs Stad"
    assert find_issuer("LEKSANDS KOMMUN").name == "Leksands kommun"
    assert find_issuer("FALU KOMMUN").name == "Falu kommun"
    assert find_issuer("Region Dalarna").name == "Region Dalarna"
    assert issuer_of_word("goteborg").name == "Göteborgs Stad"
    assert issuer_of_word("MACKA", fuzzy=True).name == "Nacka kommun"  # OCR's N as M
    assert issuer_of_word("protokoll", fuzzy=True) is None


def test_issuers_named_across_a_text():
    text = "Mora kommun:\nMora kommuns (MORA KOMMUN), Region Gotland.\nLeksands kommunstyrelse, Region Dalarna"
    assert dominant_issuer(text).name == "Mora kommun"


def test_every_issuer_name_is_in_one_clause_that_holds_an_issuer_word():
    """Issuers are searched for only in the clauses that hold an ISSUER_WORD (casefolded): no name may
    hold a clause break, each must hold such a word, and what ignoring case matches to a letter of those
    words must casefold to that letter ('ſ' to 's', the Kelvin sign to 'k')."""
    names = list(organs._official()) + list(organs.REGIONS)
    assert not any(organs.CLAUSE_BREAK.search(name) for name in names)
    assert all(any(word in name.casefold() for word in organs.ISSUER_WORDS) for name in names)
    every_character = "".join(map(chr, range(0x110000)))
    for letter in set("".join(organs.ISSUER_WORDS)):
        assert {match.group().casefold() for match in re.finditer(letter, every_character, re.IGNORECASE)} == {letter}


@pytest.mark.parametrize(
    "name, folder, date, organ, issuer",
    [
        ("2024-05-15 protokoll.pdf", "KS", "2024-05-15", "Kommunstyrelsen", None),
        ("kf_2023-03-14.txt", None, "2023-03-14", "Kommunfullmäktige", None),
        ("lomma_sbn_2025-12-08.txt", None, "2025-12-08", "SBN", "Lomma kommun"),
        ("protokoll.pdf", "2024", None, None, None),
        ("000_5a5c8d5fa5cb1465.txt", "minutes", None, None, None),
    ],
)
def test_names_of_files_and_folders(name, folder, date, organ, issuer):
    facts = facts_from_name(name, folder)
    assert (facts.date.iso() if facts.date else None, facts.organ, facts.issuer.name if facts.issuer else None) == (
        date, organ, issuer
    )


@pytest.mark.parametrize(
    "line, name, party, role, note",
    [
        ("Robert Wenglén (M), Ordförande", "Robert Wenglén", "M", "Ordförande", None),
        ("Lennart Nilsson (S) ersätter Paul Andersson (S)", "Lennart Nilsson", "S", None, "ersätter Paul Andersson (S)"),
        ("Khashayar Farmanbar (S) §§ 1-6", "Khashayar Farmanbar", "S", None, "§§ 1-6"),
        ("Oppositionsråd Sidney Holm (MP)", "Sidney Holm", "MP", "Oppositionsråd", None),
        ("Gun Larsson (-)", "Gun Larsson", "-", None, None),
        ("Maria Zingmark, kommunsekreterare", "Maria Zingmark", None, "kommunsekreterare", None),
    ],
)
def test_attendance_lines(line, name, party, role, note):
    person = _person(line, "beslutande")
    assert (person.name, person.party, person.role, person.note) == (name, party, role, note)


def test_attendance_labels():
    assert label_of("Beslutande ledamöter: Se nästa sida") == ("beslutande", "Se nästa sida")
    assert label_of("Tjänstgörande ersättare:") == ("beslutande", "")
    assert label_of("Frånvarande") == ("frånvarande", "")
    assert label_of("Kallade") == ("kallade", "")
    assert label_of("Övriga frågor") is None and label_of("deltagare:") is None


@pytest.mark.parametrize(
    "line",
    ["Sida 3 av 25", "3 (64)", "Justerandes signatur", "Ordförandes signatur Justerandes signatur Utdragsbestyrkande",
     "Utdragsbestyrkande", "Protokollet har justerats digitalt", "Penneo dokumentnyckel: 7J4IH-2NBZR-QWERT",
     "Transaktion 09222115557461452287", "- - - - -", "_________________________________", "digg.se 2",
     "Tryck: Elanders Sverige AB, Vällingby 2022"],
)
def test_page_furniture(line):
    assert is_furniture(Line(1, line))


def test_text_is_not_furniture():
    assert not is_furniture(Line(1, "Kommunstyrelsen beslutar att godkänna avtalet."))
    assert not is_furniture(Line(1, "Ärendet bordläggs till sammanträdet den 20 november 2024."))
