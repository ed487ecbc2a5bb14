"""The `arkiv` command: parses arguments, calls archive/, index/ or the web app, prints. Nothing more."""

from __future__ import annotations

import errno
import functools
import html
import json
import os
import re
import socket
from pathlib import Path
from urllib.parse import urlsplit

import click

from archive.citation import item_label
from archive.collection import BUNDLED, Archive, load_archive, load_document
from archive.collective import span
from archive.errors import ArchiveError
from archive.model import DECISION_KIND_LABELS, DECISION_KINDS, Decision, Item, Meeting
from archive.quality import summarise
from archive.serialize import meeting_detail, meeting_summary
from index.build import build as build_index
from index.errors import IndexMissing, IndexWriteError, SearchIndexError
from index.followup import select
from index.results import SORTS

PARTIAL_FAILURE = 3  # the index was built, but some documents could not be read


def archive_options(command):
    """--archive and --index, which every command takes (env ARKIV_ARCHIVE, ARKIV_INDEX)."""

    @click.option(
        "--archive", "archive_dir", envvar="ARKIV_ARCHIVE", default=BUNDLED, show_default="the bundled sample archive",
        type=click.Path(file_okay=False, path_type=Path), help="Folder of documents.",
    )
    @click.option(
        "--index", "index_dir", envvar="ARKIV_INDEX", default=Path("instance") / "index", show_default=True,
        type=click.Path(file_okay=False, path_type=Path), help="Folder of the search index.",
    )
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (ArchiveError, SearchIndexError) as error:
            raise click.ClickException(str(error)) from error

    return wrapper


def print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def report_failures(archive: Archive) -> None:
    for failure in archive.failures:
        click.echo(f"kunde inte läsas: {failure}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Mötesarkivet: a searchable archive of Swedish meeting minutes."""


@main.command()
@archive_options
@click.option("--rebuild", is_flag=True, help="Build from scratch instead of updating.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--wait", type=click.FloatRange(0, 86_400), default=600, show_default=True,
              help="Seconds to wait for another running build (a server updating its archive, a nightly job).")
def build(archive_dir: Path, index_dir: Path, rebuild: bool, quiet: bool, wait: float):
    """Build or update the search index (incremental: only new, changed and removed files).

    Exit status 0 when every document was indexed, 3 when some could not be read (they are listed).
    """
    if not update_index(archive_dir, index_dir, rebuild=rebuild, quiet=quiet, wait=wait).ok:
        raise SystemExit(PARTIAL_FAILURE)


def update_index(archive_dir: Path, index_dir: Path, rebuild: bool = False, quiet: bool = False, wait: float = 0.0):
    def waiting(process: str) -> None:
        click.echo(f"Väntar på en annan `arkiv build`{process} som arbetar med {index_dir} (högst {wait:.0f} s) …",
                   err=True)

    report = build_index(archive_dir, index_dir, rebuild=rebuild, progress=not quiet, wait=wait, on_wait=waiting)
    if report.rebuilt:
        click.echo(f"Byggde om sökindexet ({report.rebuilt}).")
    click.echo(
        f"{len(report.added)} nya, {len(report.updated)} ändrade, {len(report.removed)} borttagna, "
        f"{len(report.unchanged)} oförändrade dokument; {report.items} punkter indexerade på {report.seconds:.1f} s."
    )
    for source, original in sorted(report.renderings.items()):
        click.echo(f"{source}: samma dokument som {original} i ett annat format (indexerat en gång)")
    for _source, reason in sorted(report.failures.items()):
        click.echo(f"kunde inte indexeras: {reason}", err=True)
    return report


def public_url_option(ctx, param, value: str | None) -> str | None:
    """An http(s) address with a host, nothing after its path: https://arkiv.region.se or https://region.se/arkiv."""
    if not value:
        return None
    try:
        parts = urlsplit(value.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is no number or out of range
    except ValueError:
        parts = None
    if (not parts or parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment
            or parts.username or parts.password):
        raise click.BadParameter("skriv arkivets adress med http:// eller https://, t.ex. https://arkiv.region.se")
    return value.strip().rstrip("/")


@main.command()
@archive_options
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 for all).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=4, show_default=True, help="Requests served at once.")
@click.option("--watch/--no-watch", default=True, show_default=True,
              help="Update the index while serving when files of the archive folder are added, changed or removed.")
@click.option("--public-url", envvar="ARKIV_PUBLIC_URL", callback=public_url_option,
              help="The archive's public address, for permalinks in citations and exports (env ARKIV_PUBLIC_URL). "
                   "Without it they follow the address each request names (its Host header).")
def serve(archive_dir: Path, index_dir: Path, host: str, port: int, threads: int, watch: bool,
          public_url: str | None):
    """Serve the web archive (waitress), after building or updating the index, and keep it up to date.

    Documents that cannot be read are listed and left out; the rest is served. When the index cannot
    be updated (another build runs, the folder is read-only, the disk is full), the index there is
    is served, with a note that it may be stale.
    """
    import waitress

    from webapp import create_app
    from webapp.archive_index import mark_stale, search_index

    check_address(host, port)  # before the build: a busy port is said at once, not after it
    stale = update_before_serving(archive_dir, index_dir)
    app = create_app({"ARCHIVE_DIR": archive_dir.resolve(), "INDEX_DIR": index_dir.resolve(), "PUBLIC_URL": public_url})
    with app.app_context():
        try:
            search_index().warm()
        except IndexMissing as error:
            raise click.ClickException(f"{error}; {stale.why}" if stale else str(error)) from error
        if stale:
            mark_stale(stale.why)
    if not public_url:
        click.echo("Varning: ingen publik adress (--public-url eller ARKIV_PUBLIC_URL): permalänkar i citat och "
                   "exporter följer adressen i varje förfrågan (Host-huvudet).", err=True)
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="Mötesarkivet")
    except OSError as error:  # taken while the index was built
        click.echo(address_problem(host, port, error), err=True)
        raise SystemExit(1) from None
    watcher = watch_archive(archive_dir, index_dir) if watch else None
    click.echo(f"Mötesarkivet: http://{host}:{server.effective_port}/  (Ctrl+C avslutar)")
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("Avslutat.")
    finally:
        if watcher is not None:
            watcher.stop()


def watch_archive(archive_dir: Path, index_dir: Path):
    """Bring the index up to date after each burst of changes to the archive folder, and say so."""
    from index.watch import ArchiveWatcher

    def updated(report) -> None:
        click.echo(
            f"Arkivet uppdaterat: {len(report.added)} nya, {len(report.updated)} ändrade, "
            f"{len(report.removed)} borttagna dokument; {report.items} punkter indexerade på {report.seconds:.1f} s."
        )
        for _source, reason in sorted(report.failures.items()):
            click.echo(f"kunde inte indexeras: {reason}", err=True)

    def failed(error: Exception) -> None:
        click.echo(f"Arkivet kunde inte uppdateras: {error}", err=True)

    try:
        watcher = ArchiveWatcher(archive_dir, index_dir, on_update=updated, on_error=failed).start()
    except OSError as error:
        click.echo(f"Arkivmappen bevakas inte ({error}): kör `arkiv build` efter ändringar.", err=True)
        return None
    how = "genomsöks var 2 s" if watcher.polling else "bevakas"
    click.echo(f"Arkivmappen {how}: nya, ändrade och borttagna dokument kommer med utan omstart.")
    return watcher


def update_before_serving(archive_dir: Path, index_dir: Path) -> IndexWriteError | None:
    """Update the index; when it cannot be written, say so and go on: the index there is will be served."""
    try:
        update_index(archive_dir, index_dir)
    except IndexWriteError as error:
        click.echo(f"Obs: sökindexet kunde inte uppdateras ({error}): det befintliga visas och kan vara inaktuellt.",
                   err=True)
        return error
    return None


def check_address(host: str, port: int) -> None:
    """Exit with one Swedish line when the server could not listen on host:port (another program has the port)."""
    try:
        with socket.create_server((host, port)):  # SO_REUSEADDR, as waitress: only a listener in use refuses
            pass
    except OSError as error:
        click.echo(address_problem(host, port, error), err=True)
        raise SystemExit(1) from None


def address_problem(host: str, port: int, error: OSError) -> str:
    command = os.environ.get("ARKIV_COMMAND", "arkiv")  # scripts/run says how it was started
    if error.errno == errno.EADDRINUSE:
        return (f"Porten {port} används redan av ett annat program. Välj en annan port med --port, "
                f"till exempel: {command} serve --port {port + 1 if port < 65535 else 8080}")
    if error.errno == errno.EACCES:
        return f"Porten {port} kräver administratörsbehörighet. Välj en port över 1023 med --port, till exempel --port 8000."
    return f"Kan inte ta emot anrop på {host}:{port} ({error.strerror}). Välj en annan adress med --host eller port med --port."


def date_option(ctx, param, value: str | None) -> str | None:
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise click.BadParameter("skriv ett år (2020) eller ett datum (2020-03-01)")
    return value


@main.command()
@archive_options
@click.argument("query", nargs=-1)
@click.option("--from", "date_from", callback=date_option, help="From this year or date (inclusive).")
@click.option("--to", "date_to", callback=date_option, help="To this year or date (inclusive).")
@click.option("--organ", help="Only this organ (name or abbreviation, e.g. LCHNV).")
@click.option("--kind", help="Only items of this kind (Beslut, Information, Dialog, Rapport).")
@click.option("--type", "doc_type", help="Only this document type (minutes, agenda, protocol).")
@click.option("--decision", type=click.Choice(["taken", "proposed", "any"]), help="Only items with decisions taken, proposed, either.")
@click.option("--decision-kind", "decision_kinds", type=click.Choice(DECISION_KINDS), multiple=True,
              help="Only items with a decision of this kind (repeatable): formality, substantive, assignment, proposal.")
@click.option("--sort", type=click.Choice(SORTS), help="Default: relevance (for a question about decisions: "
              "decisions in substance on the question first, the latest first).")
@click.option("--page", type=click.IntRange(1, 10_000), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(1, 100), default=20, show_default=True)
@click.option("--exact", "exact", is_flag=True, help="Search the query as written, never its spelling correction.")
@click.option("--json", "as_json", is_flag=True, help="Print what GET /api/search returns.")
def search(archive_dir: Path, index_dir: Path, query: tuple[str, ...], as_json: bool, exact: bool, **options):
    """Search the archive: words, "phrases", OR/ELLER, -word, prefix*, organ:, år:2020..2022, typ:."""
    from index.search import SearchIndex, SearchRequest  # not imported by `arkiv build` (numpy and the search modules)

    options["decision_kinds"] = tuple(options["decision_kinds"])
    results = SearchIndex(index_dir).search(SearchRequest(query=" ".join(query), correct=not exact, **options))
    if as_json:
        print_json(results.as_json())
        return
    click.echo(f"{results.total} träffar för '{results.query}'" + (f", sida {results.page}" if results.page > 1 else ""))
    if results.searched:
        click.echo(f"Sökte även: {', '.join(results.searched)}")
    if results.showing:
        click.echo(f"Visar träffar för: {results.showing} (inga träffar för '{results.query}'; --exact söker som skrivet)")
    elif results.suggestion:
        click.echo(f"Menade du: {results.suggestion}?")
    for note in results.notes:
        click.echo(f"Obs: {note}")
    if results.answer and (results.answer.latest or results.answer.formal):
        print_answer(results.answer)
    for hit in results.hits:
        click.echo(f"\n{hit.meeting.date}  {hit.meeting.organ}  punkt {hit.number}  {hit.title}")
        if hit.snippet:
            click.echo(f"    {plain(hit.snippet)}")
        for decision in hit.decisions:
            click.echo(f"    Beslut: {decision}")
        click.echo(f"    {hit.id}")


def print_answer(answer) -> None:
    """The answer to a question about decisions, before the hits."""
    if answer.latest:
        hit = answer.latest
        click.echo(f"\nSenaste beslut i sak: {hit.meeting.date}  {hit.meeting.organ}  punkt {hit.number}  {hit.title}")
        for decision, detail in zip(hit.decisions, hit.decision_details):
            if detail.get("kind") != "formality":
                click.echo(f"    {decision}")
        for earlier in answer.earlier:
            click.echo(f"  Tidigare: {earlier.meeting.date}  {earlier.meeting.organ}  punkt {earlier.number}  {earlier.title}")
    else:
        hit = answer.formal
        click.echo(f"\nInget beslut i sak. Senast: {hit.meeting.date}  {hit.meeting.organ}  punkt {hit.number}  {hit.title}"
                   f" ({hit.decisions[0] if hit.decisions else ''})")


def plain(snippet: str) -> str:
    return html.unescape(re.sub(r"</?mark>", "", snippet))


@main.command()
@archive_options
@click.option("--organ", default="", help="Only assignments given by this organ.")
@click.option("--person", default="", help="Only assignments of a person, group or organ whose name contains this.")
@click.option("--status", type=click.Choice(["open", "reported"]), default=None, help="Open, or reported back (or probably).")
@click.option("--json", "as_json", is_flag=True, help="Print what GET /api/assignments returns.")
def uppdrag(archive_dir: Path, index_dir: Path, organ: str, person: str, status: str | None, as_json: bool):
    """Assignments and whether they were reported back: who, what, to whom, by when, status with evidence."""
    from index.search import SearchIndex

    chosen = select(SearchIndex(index_dir).assignments(), organ, person, status or "")
    if as_json:
        print_json({"total": len(chosen), "assignments": [a.as_json() for a in chosen]})
        return
    labels = {"open": "ÖPPET", "reported": "ÅTERRAPPORTERAT", "probably": "TROLIGEN ÅTERRAPPORTERAT"}
    for a in chosen:
        who = ", ".join(w["name"] for w in a.who) or "(ingen namngiven)"
        click.echo(f"\n{a.meeting['date']}  {a.meeting['organ']}  {item_label(a.item['number'], a.meeting['doc_type'])}  [{labels[a.status]}]")
        click.echo(f"    {who}: {a.what}")
        details = [f"återrapporteras till {a.reports_to}" if a.reports_to else "", a.due or ""]
        if any(details):
            click.echo("    " + " · ".join(d for d in details if d))
        click.echo(f"    {a.evidence}")
        click.echo(f"    {a.id}")
    click.echo(f"\n{len(chosen)} uppdrag, {sum(a.status == 'open' for a in chosen)} öppna.")


@main.command()
@archive_options
@click.option("--json", "as_json", is_flag=True, help="Print what GET /api/meetings returns.")
def meetings(archive_dir: Path, index_dir: Path, as_json: bool):
    """Every meeting: id, organ, date, document type, source file, number of items."""
    archive = load_archive(archive_dir)
    summaries = [meeting_summary(m) for m in archive.meetings]
    if as_json:
        print_json(summaries)
    else:
        for s in summaries:
            click.echo(
                f"{s['date'] or 'odaterad':<10}  {s['organ'] or 'okänt organ':<20}  {s['doc_type']:<8}  "
                f"{s['item_count']:>3} punkter  {s['id']}  ({s['source']})"
            )
        if not summaries:
            click.echo(f"Inga möten i {archive_dir}.")
    report_failures(archive)


@main.command()
@archive_options
@click.argument("meeting_id")
@click.option("--json", "as_json", is_flag=True, help="Print what GET /api/meetings/<id> returns.")
def show(archive_dir: Path, index_dir: Path, meeting_id: str, as_json: bool):
    """One meeting with all its items, decisions and proposals."""
    archive = load_archive(archive_dir)
    meeting = archive.get(meeting_id)
    if meeting is None:
        close = [m.id for m in archive.meetings if meeting_id.lower() in m.id]
        hint = f" Menade du: {', '.join(close)}?" if close else " Se `arkiv meetings`."
        raise click.ClickException(f"okänt mötes-id '{meeting_id}'.{hint}")
    if as_json:
        print_json(meeting_detail(meeting, archive))
    else:
        print_meeting(meeting)


@main.command()
@archive_options
@click.argument("path", type=click.Path(path_type=Path))
def check(archive_dir: Path, index_dir: Path, path: Path):
    """Parse one document and print what was understood, with warnings.

    Given a folder, check every document in it: one line each, then every warning and failure.
    """
    if path.is_dir():
        check_folder(path)
        return
    meeting = load_document(path)
    print_meeting(meeting, verbose=True)
    click.echo(f"\n{len(meeting.warnings)} varning(ar).")


def check_folder(folder: Path) -> None:
    archive = load_archive(folder)
    for meeting in archive.meetings:
        items = sum(1 for _ in meeting.all_items())
        click.echo(f"{meeting.source}: {meeting.id}, {items} punkter, {len(meeting.warnings)} varning(ar)")
        for warning in meeting.warnings:
            click.echo(f"    - {warning}")
    for source, original in sorted(archive.renderings.items()):
        click.echo(f"{source}: samma dokument som {original} i ett annat format")
    report_failures(archive)
    click.echo(f"\n{len(archive.meetings)} dokument lästa, {len(archive.failures)} kunde inte läsas.")
    click.echo("")
    for line in summarise(archive.meetings, len(archive.failures), len(archive.renderings)).lines():
        click.echo(line)
    if archive.failures:
        raise SystemExit(1)


def print_meeting(meeting: Meeting, verbose: bool = False) -> None:
    click.echo(meeting.title)
    click.echo(f"id: {meeting.id}")
    for label, value, field in (
        ("Organ", meeting.organ, "organ"), ("Utfärdare", meeting.issuer, "issuer"), ("Datum", meeting.date, "date"),
        ("Typ", meeting.doc_type.label, "doc_type"), ("Dokumentdatum", meeting.document_date, None),
        ("Tid", meeting.time, None), ("Plats", meeting.place, "place"), ("Paragrafer", meeting.paragraphs, None),
        ("Källa", meeting.source, None),
    ):
        if value:
            source = meeting.field_sources.get(field)
            note = f"  [{source}]" if verbose and source and source != "text" else ""
            click.echo(f"{label}: {value}{note}")
    if meeting.ocr:
        click.echo(f"Läst med OCR: {meeting.ocr.engine}, sid. {', '.join(map(str, meeting.ocr.pages))}, "
                   f"säkerhet {meeting.ocr.confidence:.0f} %")
    if meeting.attachments:
        click.echo("Bilagor: " + "; ".join(f"{a.label} ({a.source})" for a in meeting.attachments))
    if meeting.attendees:
        click.echo(f"{meeting.attendance.label} ({len(meeting.attendees)}):")
        for person in meeting.attendees if verbose else ():
            extra = ", ".join(x for x in (person.affiliation, person.party, person.role, person.note, person.group) if x)
            click.echo(f"  {person.name}" + (f" ({extra})" if extra else ""))
    if verbose and meeting.references:
        click.echo("Hänvisningar till andra möten:")
        for ref in meeting.references:
            click.echo(f"  {ref.date}  {ref.text}  (rad {ref.line})")
    click.echo("")
    for item in meeting.items:
        print_item(item, 0, verbose)
    if meeting.warnings:
        click.echo("\nVarningar:")
        for warning in meeting.warnings:
            click.echo(f"  - {warning}")


def print_item(item: Item, depth: int, verbose: bool) -> None:
    pad = "    " * depth
    kind = f"[{item.kind}] " if item.kind else ""
    click.echo(f"{pad}{item.number}. {kind}{item.title}" + (f"  (s. {item.page})" if item.page else ""))
    for person in item.presenters:
        click.echo(f"{pad}    Föredragande: {person.name}" + (f", {person.role}" if person.role else ""))
    if verbose and item.text:
        click.echo(f"{pad}    Text: {len(item.text)} tecken")
    for decision in item.decisions:
        click.echo(f"{pad}    Beslut{_kind_note(decision)}: {_indent(decision.text, pad + '            ')}")
    for proposal in item.proposals:
        click.echo(f"{pad}    Förslag{_kind_note(proposal)}: {_indent(proposal.text, pad + '             ')}")
    for vote in item.votes:
        click.echo(f"{pad}    Votering: {vote.text}")
    for reservation in item.reservations:
        click.echo(f"{pad}    Reservation: {reservation.text}")
    for child in item.items:
        print_item(child, depth + 1, verbose)


def _kind_note(decision: Decision) -> str:
    """' (uppdrag, gemensamt för 6a–6d)': the kind, the organ proposed to, the sub-items covered."""
    notes = [DECISION_KIND_LABELS.get(decision.kind or "", "").removeprefix("beslut ")]  # 'i sak' after 'Beslut'
    if decision.to_organ:
        notes.append(f"till {decision.to_organ}")
    if decision.applies_to:
        notes.append(f"gemensamt för {span(decision.applies_to)}")
    return f" ({', '.join(n for n in notes if n)})" if any(notes) else ""


def _indent(text: str, pad: str) -> str:
    return text.replace("\n", "\n" + pad)


if __name__ == "__main__":
    main()
