"""The shared line-oriented import framework (``practices.importing``): records and errors carry line numbers."""

import io

import pytest
from django.utils import translation

from practices.importing import ImportFailed, ImportRun, Progress


@pytest.fixture(autouse=True)
def english_operator():
    """Errors speak the operator's language; these tests read the English messages."""
    with translation.override("en"):
        yield


def test_jsonl_records_keep_their_line_numbers_and_blank_lines_count():
    run = ImportRun()
    records = list(run.read(io.StringIO('{"a": 1}\n\n{"a": 2}\n[1, 2]\n{broken\n'), "jsonl"))
    assert [(r.line, r.data) for r in records] == [(1, {"a": 1}), (3, {"a": 2})]
    assert [(e.line, e.message) for e in run.errors] == [
        (4, "each line must be one JSON object"),
        (5, "not valid JSON (Expecting property name enclosed in double quotes)"),
    ]


def test_csv_rows_are_numbered_by_the_line_they_start_on_even_with_multiline_cells():
    run = ImportRun()
    text = 'email,name\nana@example.org,"Ana\nsecond line"\nluis@example.org,Luis\n'
    records = list(run.read(io.StringIO(text), "csv"))
    assert [(r.line, r.data["email"]) for r in records] == [(2, "ana@example.org"), (4, "luis@example.org")]


def test_every_error_is_collected_and_reported_sorted_by_line():
    run = ImportRun()
    records = list(run.read(io.StringIO('{"slug": ""}\n{"slug": "x", "year": "soon"}\n'), "jsonl"))
    run.integer(records[1], "year")
    run.require(records[0], "slug")
    try:
        run.raise_if_errors()
    except ImportFailed as failure:
        assert [str(error) for error in failure.errors] == [
            "line 1: slug: this field is required",
            "line 2: year: expected a whole number",
        ]
    else:
        raise AssertionError("errors were not raised")


def test_codes_accept_a_json_list_or_a_separated_csv_cell():
    run = ImportRun()
    record = next(run.read(io.StringIO("countries\nMX; GT\n"), "csv"))
    assert run.codes(record, "countries", {"MX", "GT"}) == ["MX", "GT"]
    assert not run.errors


def test_progress_is_silent_for_short_files_and_reports_long_ones():
    out = io.StringIO()
    short = Progress(10, out)
    for done in range(1, 11):
        short.advance(done)
    assert out.getvalue() == ""
    long = Progress(400, out, label="Checking")
    for done in range(1, 401):
        long.advance(done)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10
    assert lines[-1].endswith("400/400 (100%)")
