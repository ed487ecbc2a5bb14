"""Swedish date forms, written alone and in running text, and year inference."""

import pytest

from archive.dates import HINTS, find_dates, infer_year, parse_date, spelled_without_year
from archive.model import PartialDate


@pytest.mark.parametrize(
    "text, expected",
    [
        ("251121", "2025-11-21"),
        ("200612", "2020-06-12"),
        ("991231", "1999-12-31"),
        ("2026-04-13", "2026-04-13"),
        ("2021-12", "2021-12"),
        ("2021", "2021"),
        ("den 20 mars 2026", "2026-03-20"),
        ("1 september 2026", "2026-09-01"),
        ("29 feb 2024", "2024-02-29"),
        ("12 sept. 2025", "2025-09-12"),
    ],
)
def test_a_date_written_alone(text, expected):
    assert parse_date(text).iso() == expected


@pytest.mark.parametrize("text", ["251321", "250230", "2026-13-01", "2023-02-29", "25 september", "", "kl 13.00", "32 maj 2026"])
def test_not_a_date_or_no_year(text):
    assert parse_date(text) is None


def test_day_and_month_without_year():
    assert spelled_without_year("25 september") == (9, 25)
    assert spelled_without_year("29 februari") == (2, 29)
    assert spelled_without_year("25 september 2020") is None


def test_dates_in_running_text():
    text = "Vid sammanträdet 251017, den 20 mars 2026 och 22 maj; Dnr KS 2024/123 och 16 961 335 kr."
    found = [(f.date.iso(), f.form) for f in find_dates(text, default_year=2026)]
    assert found == [("2025-10-17", "compact"), ("2026-03-20", "spelled"), ("2026-05-22", "spelled")]


def test_compact_dates_inside_longer_numbers_are_not_dates():
    assert find_dates("Telefon 0702512110, ärende 2025/251121, version 1.251121") == []


@pytest.mark.parametrize(
    "month, day, previous, expected",
    [
        (9, 25, PartialDate(2020, 6, 12), 2020),  # after the previous meeting, same year
        (1, 29, PartialDate(2025, 11, 21), 2026),  # the turn of the year
        (6, 12, PartialDate(2020, 6, 12), 2021),  # the same day is a year later
    ],
)
def test_year_after_the_previous_meeting(month, day, previous, expected):
    assert infer_year(month, day, "", previous)[0] == expected


def test_year_named_most_often_when_there_is_no_previous_meeting():
    assert infer_year(9, 25, "Under 2020 … beslutade 200612 och 200828 … under 2019", None)[0] == 2020
    assert infer_year(9, 25, "inga årtal alls", None) is None


def _sample_lines():
    from archive.collection import BUNDLED

    edge_cases = ["den 3:e  mars", "12 SEPT. 2025", "24-09-16", "2026-04-13/14", "x251121y", "1\tapril", "07 JUNI"]
    return edge_cases + [line for path in sorted(BUNDLED.glob("*.txt")) for line in path.read_text().splitlines()]


@pytest.mark.parametrize("form", list(HINTS))
def test_a_date_forms_hint_is_in_every_text_that_holds_the_form(form):
    """find_dates tries a form only where its hint is found: the hint must never miss a date."""
    lines = _sample_lines()
    assert any(form.search(line) for line in lines)
    assert all(HINTS[form].search(line) for line in lines if form.search(line))
