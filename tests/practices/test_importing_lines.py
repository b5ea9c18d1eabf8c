"""Import errors name the line the editor sees: blank lines, multi-line quoted cells and unreadable CSV lines.

The framework (``practices.importing``) is read directly, then through the two commands that use it, the library
import (``import_practices``) and the members import (``import_members``), as the operator reads their messages.
"""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from members.models import Membership
from network.models import Country, Institution
from practices.importing import ImportRun
from practices.models import LibraryItemPage

HUGE = "x" * 140_000  # longer than the csv module's field limit: a line it cannot read
UNREADABLE = "not valid CSV (field larger than field limit (131072))"


@pytest.fixture(autouse=True)
def english_operator():
    """The commands speak the operator's language; these tests read the English messages."""
    with translation.override("en"):
        yield


def read(text, file_format="csv"):
    run = ImportRun()
    records = [(record.line, record.data) for record in run.read(io.StringIO(text, newline=""), file_format)]
    return records, [(error.line, error.message) for error in run.errors]


def reported_lines(message):
    """``{(line, field)}`` for every "line N: field: …" of a command's message (field "" when there is none)."""
    found = set()
    for line, rest in re.findall(r"^line (\d+): (.*)$", message, re.MULTILINE):
        field = rest.split(": ", 1)[0] if re.match(r"^\w+: ", rest) else ""
        found.add((int(line), field))
    return found


# --- The framework ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_rows_after_blank_lines_keep_the_line_the_editor_sees(newline):
    text = newline.join(["email,name", "ana@example.org,Ana", "", "", "luis@example.org,Luis", "", "rosa@x.org,Rosa"])
    records, errors = read(text + newline)
    assert [(line, data["email"]) for line, data in records] == [
        (2, "ana@example.org"),
        (5, "luis@example.org"),
        (7, "rosa@x.org"),
    ]
    assert errors == []


def test_a_quoted_cell_over_several_lines_including_blank_ones_is_one_row_numbered_by_its_first_line():
    text = 'email,note\n\nana@example.org,"first\n\nthird"\n\nluis@example.org,"a\nb"\nrosa@x.org,\n'
    records, errors = read(text)
    assert records == [
        (3, {"email": "ana@example.org", "note": "first\n\nthird"}),
        (7, {"email": "luis@example.org", "note": "a\nb"}),
        (9, {"email": "rosa@x.org", "note": ""}),
    ]
    assert errors == []


def test_blank_lines_and_blank_rows_give_no_record_and_a_header_after_blank_lines_still_titles_the_columns():
    records, errors = read("\n\nemail,name\n , \n,\nana@example.org,Ana\n")
    assert records == [(6, {"email": "ana@example.org", "name": "Ana"})]
    assert errors == []


def test_a_row_with_more_values_than_columns_is_reported_on_its_own_line_after_blank_lines():
    records, errors = read("email\n\nana@example.org,extra\n\n\nluis@example.org\n")
    assert records == [(6, {"email": "luis@example.org"})]
    assert errors == [(3, "more values than columns")]


def test_an_unreadable_header_is_reported_on_line_1_and_nothing_is_read():
    records, errors = read(f"email,{HUGE}\nana@example.org,Ana\n")
    assert records == []
    assert errors == [(1, UNREADABLE)]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (f"email,name\nana@example.org,Ana\n\nluis@example.org,{HUGE}\nrosa@x.org,Rosa\n", 4),
        (f'email,name\nana@example.org,"two\nlines"\n\n\nluis@example.org,{HUGE}\n', 6),
        # A cell that grows too long on its third line: the error is where the reader stopped.
        (f'email,name\nana@example.org,Ana\nluis@example.org,"a\nb\n{HUGE}"\n', 5),
    ],
    ids=["after-a-blank-line", "after-a-multi-line-cell", "inside-a-multi-line-cell"],
)
def test_an_unreadable_body_line_is_reported_on_its_own_line_after_the_rows_before_it(text, line):
    records, errors = read(text)
    assert [number for number, _data in records] == [2]
    assert errors == [(line, UNREADABLE)]


def test_jsonl_lines_count_blank_and_whitespace_lines_whatever_the_line_endings():
    text = '{"a": 1}\r\n\r\n   \r\n{"a": 2}\n\n{broken\r\n{"a": 3}'
    records, errors = read(text, "jsonl")
    assert records == [(1, {"a": 1}), (4, {"a": 2}), (7, {"a": 3})]
    assert [line for line, _message in errors] == [6]


def test_a_file_read_from_disk_with_a_byte_order_mark_and_windows_line_endings_is_numbered_alike(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes('\ufeffemail,name\r\n\r\nana@example.org,"Ana\r\nMaría"\r\n\r\nluis@example.org,Luis\r\n'.encode())
    run = ImportRun()
    assert [(record.line, record.data) for record in run.read(path)] == [
        (3, {"email": "ana@example.org", "name": "Ana\r\nMaría"}),
        (6, {"email": "luis@example.org", "name": "Luis"}),
    ]
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_bytes('\ufeff{"a": 1}\r\n\r\n{"a": 2}\r\n'.encode())
    assert [(record.line, record.data) for record in ImportRun().read(jsonl)] == [(1, {"a": 1}), (3, {"a": 2})]


# --- The library import -------------------------------------------------------------------------------------------

LIBRARY_HEADER = "slug,kind,language,title,summary,body,countries,crime_types,year,visibility\n"


def library_row(slug, countries="MX;GT", body="Un párrafo."):
    body = body.replace('"', '""')
    return f'{slug},case_study,es,Caso {slug},Resumen.,"{body}",{countries},smuggling_of_migrants,2021,public\n'


def import_practices_failing(path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_practices", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_library_csv_errors_name_the_lines_the_editor_sees(library, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(
        LIBRARY_HEADER
        + library_row("entrega-vigilada", body="Primer párrafo.\n\nSegundo párrafo.")  # lines 2-4
        + "\n"
        + library_row("caso-xx", countries="XX")  # line 6
        + "\n\n"
        + library_row("entrega-vigilada"),  # line 9
        encoding="utf-8",
    )
    errors = import_practices_failing(path)
    assert reported_lines(errors) == {(6, "countries"), (9, "slug")}
    assert "line 9: slug: duplicate slug (first on line 2)" in errors
    assert not LibraryItemPage.objects.exists()


def test_library_csv_with_blank_lines_and_multi_line_cells_imports_each_row_once(library, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(
        LIBRARY_HEADER + "\n" + library_row("uno", body="Primero.\n\nSegundo.") + "\n\n" + library_row("dos"),
        encoding="utf-8",
    )
    call_command("import_practices", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert sorted(LibraryItemPage.objects.values_list("slug", flat=True)) == ["dos", "uno"]
    uno = LibraryItemPage.objects.get(slug="uno").specific
    assert [block.value.source for block in uno.body] == ["<p>Primero.</p>", "<p>Segundo.</p>"]


def test_library_csv_unreadable_line_is_reported_on_its_line_and_nothing_is_imported(library, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(LIBRARY_HEADER + library_row("uno") + "\n" + library_row("dos", body=HUGE), encoding="utf-8")
    errors = import_practices_failing(path)
    assert errors.splitlines() == [f"line 4: {UNREADABLE}"]
    assert not LibraryItemPage.objects.exists()


def test_library_csv_unreadable_header_is_reported_on_line_1(library, tmp_path):
    path = tmp_path / "items.csv"
    path.write_text(f"slug,{HUGE}\n" + library_row("uno"), encoding="utf-8")
    assert import_practices_failing(path).splitlines() == [f"line 1: {UNREADABLE}"]


def test_library_jsonl_errors_after_blank_lines_name_their_own_line(library, tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text('\n\n{"slug": "uno"}\n\n{broken\n', encoding="utf-8")
    errors = import_practices_failing(path)
    assert "line 3: title: this field is required" in errors
    assert {line for line, _field in reported_lines(errors)} == {3, 5}


# --- The members import -------------------------------------------------------------------------------------------

MEMBERS_HEADER = "email,first_name,last_name,country,institution,position,practitioner_type,languages,phone,status\n"


@pytest.fixture
def institution(db):
    return Institution.objects.create(
        name="Ministerio Público", acronym="MP", institution_type="prosecution", country=Country.objects.get(code="GT")
    )


def member_row(email, country="GT", position="Fiscal", status="vetted"):
    return f'{email},Ana,Ficticia,{country},MP,"{position}",prosecutor,es,,{status}\n'


def import_members_failing(path):
    with pytest.raises(CommandError) as failure:
        call_command("import_members", str(path), stdout=io.StringIO())
    return str(failure.value)


def test_members_errors_name_the_lines_the_editor_sees(tmp_path, institution):
    path = tmp_path / "members.csv"
    path.write_text(
        MEMBERS_HEADER
        + member_row("lucia@example.org")  # line 2
        + "\n"
        + member_row("bad-address")  # line 4
        + member_row("rosa@example.org", country="XX", position="Fiscal\nadjunta")  # lines 5-6
        + "\n\n"
        + member_row("juan@example.org", status="boss")  # line 9
        + member_row("LUCIA@example.org"),  # line 10
        encoding="utf-8",
    )
    message = import_members_failing(path)
    assert reported_lines(message) == {(4, "email"), (5, "country"), (9, "status"), (10, "email")}
    assert "line 10: email: same address as line 2" in message
    assert not Membership.objects.exists()


def test_members_unreadable_line_is_reported_on_its_line(tmp_path, institution):
    path = tmp_path / "members.csv"
    path.write_text(
        MEMBERS_HEADER + member_row("lucia@example.org") + "\n" + member_row("rosa@example.org", position=HUGE),
        encoding="utf-8",
    )
    assert f"line 4: {UNREADABLE}" in import_members_failing(path)
    assert not Membership.objects.exists()


def test_members_unreadable_header_is_reported_on_line_1(tmp_path, institution):
    path = tmp_path / "members.csv"
    path.write_text(f"email,{HUGE}\n" + member_row("lucia@example.org"), encoding="utf-8")
    message = import_members_failing(path)
    assert f"line 1: {UNREADABLE}" in message
    assert {line for line, _field in reported_lines(message)} == {1}


def test_members_missing_column_is_reported_once_even_after_a_blank_line(tmp_path, institution):
    path = tmp_path / "members.csv"
    header = MEMBERS_HEADER.replace(",status", "")
    path.write_text(header + "\n" + member_row("lucia@example.org").replace(",vetted", ""), encoding="utf-8")
    message = import_members_failing(path)
    assert "line 1: missing columns: status" in message
    assert "line 3" not in message
