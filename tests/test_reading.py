"""Reading a build's documents over several processes gives what reading them one by one gives."""

import shutil

from index.reading import PARALLEL_FROM, read_documents, workers_for
from scripts.formats import write_pdf
from tests.conftest import SAMPLES


def test_parallel_reading_equals_reading_one_by_one_and_a_bad_file_stops_nothing(tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    for key, source in SAMPLES.items():
        write_pdf(source.read_text(encoding="utf-8"), folder / f"{source.stem}.pdf")
        shutil.copy(source, folder / f"text-{source.name}")
        sidecar = source.with_name(source.stem + ".meta.toml")
        if sidecar.exists():
            shutil.copy(sidecar, folder / sidecar.name)
            shutil.copy(sidecar, folder / f"text-{sidecar.name}")
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    paths = sorted(p for p in folder.iterdir() if not p.name.endswith(".toml"))
    assert len(paths) < PARALLEL_FROM and workers_for(len(paths)) == 1  # so few are read in the build's process
    assert workers_for(len(paths), 2) == 2  # unless asked

    parallel = list(read_documents(paths, tmp_path / "ocr", workers=2))
    alone = list(read_documents(paths, tmp_path / "ocr", workers=1))
    assert [path for path, _ in parallel] == paths
    assert parallel == alone
    outcomes = dict(parallel)
    meeting, error = outcomes[folder / "trasig.pdf"]
    assert meeting is None and error.startswith("trasig.pdf: ")
    assert sum(meeting is not None for meeting, _ in outcomes.values()) == 2 * len(SAMPLES)
    assert all(item.page for meeting, _ in outcomes.values() if meeting and meeting.source.endswith(".pdf")
               for item in meeting.all_items())
