"""The arkiv command: output, JSON shapes of the design document, exit status 0/1/2, no tracebacks."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scripts.cli import main

NOVEMBER = "lanschefsnatverket-2025-11-21-minnesanteckningar"


@pytest.fixture
def run(archive_copy):
    def invoke(*args, env=None):
        return CliRunner().invoke(main, [*args, "--archive", str(archive_copy)], env=env, catch_exceptions=False)

    return invoke


def test_meetings_lists_every_meeting(run):
    result = run("meetings")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 5
    assert lines[2].split()[:4] == ["2025-11-21", "Länschefsnätverket", "minutes", "21"]
    assert NOVEMBER in lines[2] and "000_5a5c8d5fa5cb1465.txt" in lines[2]


def test_meetings_json_is_the_api_list(run):
    meetings = json.loads(run("meetings", "--json").output)
    assert meetings[2] == {
        "id": NOVEMBER, "organ": "Länschefsnätverket", "date": "2025-11-21", "doc_type": "minutes",
        "title": "Minnesanteckningar Länschefsnätverket 2025-11-21", "source": "000_5a5c8d5fa5cb1465.txt", "item_count": 21,
    }
    assert meetings[1]["date"] == "2021-12" and meetings[1]["doc_type"] == "agenda"


def test_show_json_has_the_shape_of_the_design_document(run):
    meeting = json.loads(run("show", NOVEMBER, "--json").output)
    for key in ("id", "organ", "date", "doc_type", "title", "place", "source", "attendees", "references", "warnings", "items"):
        assert key in meeting
    assert meeting["attendees"][2] == {
        "name": "Johanna Munters-Olsson", "affiliation": "Borlänge", "role": None, "party": None, "group": None, "note": None,
    }
    assert meeting["attendance"] == "called"  # 'Närvarande: (överstruken = frånvarande)': struck-out names are lost
    assert meeting["references"][0] == {
        "date": "2025-09-26", "text": "Föregående minnesanteckningar 250926", "organ": None, "meeting_id": None,
    }
    item4 = meeting["items"][3]
    assert (item4["number"], item4["title"], item4["kind"], item4["decisions"]) == ("4", "Återrapportering från styrgruppen", None, [])
    item4a = item4["items"][0]
    assert item4a["id"] == f"{NOVEMBER}-punkt-4a"
    assert item4a["presenters"] == [{"name": "Ulrika Gärdsback", "role": "ordförande, Länschefsnätverket"}]
    assert item4a["decisions"] == ["att anta det reviderade samverkansavtalet mellan kommunerna och Region Dalarna för vårdhygien"]
    assert item4a["proposals"] == [] and item4a["items"] == []


def test_show_links_references_to_archived_meetings(run):
    january = json.loads(run("show", "lanschefsnatverket-2026-01-29-minnesanteckningar", "--json").output)
    assert january["references"][0]["meeting_id"] == NOVEMBER


def test_show_prints_items_decisions_and_proposals(run):
    output = run("show", NOVEMBER).output
    assert "    4a. [Beslut] Samarbetsavtal mellan kommunerna och Region Dalarna inom vårdhygien" in output
    assert "        Föredragande: Ulrika Gärdsback, ordförande, Länschefsnätverket" in output
    assert "        Förslag (formalia): att lägga informationen till handlingarna" in output
    assert "        Beslut (uppdrag): att uppdra Johanna Munters, tillsammans med Tommy Berglund" in output


def test_unknown_meeting_is_a_user_error(run):
    result = CliRunner().invoke(main, ["show", "lanschefsnatverket-1999"])
    assert result.exit_code == 1
    assert "okänt mötes-id 'lanschefsnatverket-1999'" in result.output and "Traceback" not in result.output


def test_check_prints_what_was_understood_with_warnings(archive_copy):
    result = CliRunner().invoke(main, ["check", str(archive_copy / "003_2ff47652e9b2ceb7.txt")])
    assert result.exit_code == 0
    assert "Datum: 2026-01-29  [sidofil 003_2ff47652e9b2ceb7.meta.toml]" in result.output
    assert "  - dokumentets början saknas: närvarolistan börjar mitt i tabellen" in result.output
    assert "Hänvisningar till andra möten:" in result.output


def test_check_reports_text_outside_any_item(tmp_path):
    path = tmp_path / "lösa.txt"
    path.write_text("Minnesanteckningar Välfärdsrådet\nDatum: 2026-01-01\nEn lös mening utan punkt.\n1. Mötets öppnande\n", encoding="utf-8")
    output = CliRunner().invoke(main, ["check", str(path)]).output
    assert "rad 3: rubriktext som inte tolkats: 'En lös mening utan punkt.'" in output


def test_arkiv_entry_point_exit_codes(tmp_path, archive_copy):
    arkiv = Path(sys.executable).with_name("arkiv")
    bad = tmp_path / "tom.pdf"
    bad.write_bytes(b"")

    def status(*args):
        done = subprocess.run([str(arkiv), *args], capture_output=True, text=True, timeout=60)
        assert "Traceback" not in done.stderr
        return done.returncode, done.stderr

    assert status("meetings", "--archive", str(archive_copy))[0] == 0
    code, stderr = status("check", str(bad))
    assert code == 1 and stderr.strip() == "Error: tom.pdf: filen är tom"
    code, stderr = status("meetings", "--archive", str(tmp_path / "finns-inte"))
    assert code == 1 and "arkivmappen finns inte" in stderr
    assert status("meetings", "--sort", "fel")[0] == 2
    assert status("check")[0] == 2


def test_archive_from_the_environment(archive_copy):
    only = archive_copy.parent / "bara-ett"
    only.mkdir()
    shutil.copy(archive_copy / "002_b4eaa3d42f7e7c54.txt", only)
    result = CliRunner().invoke(main, ["meetings"], env={"ARKIV_ARCHIVE": str(only)})
    assert result.output.count("\n") == 1 and "valfardsradet-2026-04-09-minnesanteckningar" in result.output


def test_bad_files_go_to_stderr_and_the_rest_is_listed(archive_copy):
    (archive_copy / "tom.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["meetings", "--archive", str(archive_copy)])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 5
    assert "kunde inte läsas: tom.txt: filen är tom" in result.stderr


def test_check_says_where_a_field_came_from_and_one_document_in_two_formats(tmp_path):
    from scripts.formats import write_pdf

    text = "§ 1\nVal av justerare\nBeslut\nAnna Ek utses att justera.\n\n§ 2\nBudget\nBeslut\nBudgeten fastställs.\n"
    (tmp_path / "KS").mkdir()
    (tmp_path / "KS" / "2024-05-15 protokoll.txt").write_text(text, encoding="utf-8")
    write_pdf(text, tmp_path / "KS" / "2024-05-15 protokoll.pdf")
    one = CliRunner().invoke(main, ["check", str(tmp_path / "KS" / "2024-05-15 protokoll.txt")]).output
    assert "Organ: Kommunstyrelsen  [mappnamn]" in one and "Datum: 2024-05-15  [filnamn]" in one
    assert "texten anger inte organet; 'Kommunstyrelsen' är hämtat från mappens namn" in one
    folder = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert folder.exit_code == 0
    assert "2024-05-15 protokoll.txt: samma dokument som 2024-05-15 protokoll.pdf i ett annat format" in folder.stdout


def test_check_a_whole_folder(archive_copy):
    (archive_copy / "tom.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["check", str(archive_copy)])
    assert result.exit_code == 1  # one document could not be read
    assert "003_2ff47652e9b2ceb7.txt: lanschefsnatverket-2026-01-29-minnesanteckningar, 18 punkter, 2 varning(ar)" in result.stdout
    assert "    - dokumentets början saknas: närvarolistan börjar mitt i tabellen" in result.stdout
    assert "5 dokument lästa, 1 kunde inte läsas." in result.stdout
    assert "kunde inte läsas: tom.txt: filen är tom" in result.stderr
    summary = result.stdout.split("Sammanfattning:")[1]
    assert "5 dokument lästa, 0 i ett annat format av ett av dem, 1 kunde inte läsas" in summary
    assert "organ känt:      5 av 5 (100 %)" in summary and "datum känt:      5 av 5 (100 %)" in summary
    assert "punkter:         85; med rubrik 85 av 85 (100 %)" in summary
    assert "varningar:" in summary


def test_build_then_search_json_is_the_api_answer(archive_copy, tmp_path):
    from index.search import SearchIndex, SearchRequest

    index_dir = tmp_path / "index"
    built = CliRunner().invoke(main, ["build", "-q", "--archive", str(archive_copy), "--index", str(index_dir)])
    assert built.exit_code == 0
    assert "5 nya, 0 ändrade, 0 borttagna, 0 oförändrade dokument; 85 punkter indexerade" in built.stdout
    found = CliRunner().invoke(main, ["search", "samsjuklighet", "--organ", "LCHNV", "--json", "--index", str(index_dir)])
    expected = SearchIndex(index_dir).search(SearchRequest("samsjuklighet", organ="LCHNV")).as_json()
    assert json.loads(found.stdout) == expected


def test_build_with_unreadable_documents_exits_3(archive_copy, tmp_path):
    (archive_copy / "trasig.docx").write_bytes(b"inte en docx")
    result = CliRunner().invoke(main, ["build", "-q", "--archive", str(archive_copy), "--index", str(tmp_path / "i")])
    assert result.exit_code == 3
    assert "kunde inte indexeras: trasig.docx: trasig DOCX" in result.stderr


def test_search_prints_hits_with_decisions(archive_copy, tmp_path):
    index_dir = tmp_path / "index"
    CliRunner().invoke(main, ["build", "-q", "--archive", str(archive_copy), "--index", str(index_dir)])
    output = CliRunner().invoke(main, ["search", "första", "veckans", "hjälpmedel", "--index", str(index_dir)]).stdout
    assert "2025-11-21  Länschefsnätverket  punkt 4b  Vidare beredning av samarbetsavtalet för 1a veckans hjälpmedel" in output
    assert "    Beslut: att arbetet kring första veckans hjälpmedel ska beredas vidare i LPO rehab-, habilitering och försäkringsmedicin" in output


def test_search_without_an_index_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["search", "x", "--index", str(tmp_path / "saknas")])
    assert result.exit_code == 1 and "kör `arkiv build`" in result.stderr
