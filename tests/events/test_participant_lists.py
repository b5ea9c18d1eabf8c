"""Lists of participants' addresses have a size: a file too large, too long, not text or not UTF-8 is refused on
its field with what to do, and everything else the editor typed or chose is still on the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.forms import MAX_LIST_BYTES, MAX_LIST_LINES
from events.models import EventParticipant
from members.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SAVE_AS = "In your spreadsheet, use “Save as” and choose “CSV UTF-8”, then upload that file."


@pytest.fixture
def participants_url(past_event):
    return reverse("events_admin:participants", args=[past_event.pk])


@pytest.fixture
def ana(db):
    return MembershipFactory(vetted=True, user__email="ana@example.org").user


def upload(client, url, content, name="participants.csv", chosen=(), pasted=""):
    data = {
        "action": "register",
        "register-emails": pasted,
        "register-members": [member.pk for member in chosen],
        "register-csv_file": SimpleUploadedFile(name, content, "text/csv"),
    }
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def file_errors(response):
    return [str(error) for error in response.context["register_form"].errors.get("csv_file", [])]


def test_a_file_too_large_is_refused_and_the_rest_of_the_form_is_kept(
    second_editor_client, past_event, participants_url, ana
):
    luis = MembershipFactory(vetted=True, user__email="luis@example.org").user
    content = b"email\n" + b"ana@example.org\n" * (MAX_LIST_BYTES // 8)  # 1 MB
    response = upload(second_editor_client, participants_url, content, chosen=[luis], pasted="ana@example.org")
    assert response.status_code == 200
    assert file_errors(response) == [
        "The file is too large (1.0\xa0MB): at most 512.0\xa0KB. Split it and upload each part in turn."
    ]
    form = response.context["register_form"]
    assert form["emails"].value() == "ana@example.org"  # the pasted list is still there
    assert [str(pk) for pk in form["members"].value()] == [str(luis.pk)]  # and the member chosen
    assert f'<option value="{luis.pk}" selected>' in response.text
    assert not EventParticipant.objects.exists()


def test_a_file_of_too_many_lines_is_refused(second_editor_client, past_event, participants_url, ana):
    content = "".join(f"person{number}@example.org\n" for number in range(MAX_LIST_LINES + 1)).encode()
    response = upload(second_editor_client, participants_url, content)
    assert file_errors(response) == [
        "The list has 2001 lines: at most 2000 at once. Split it and register each part in turn."
    ]
    assert not EventParticipant.objects.exists()


def test_a_file_of_the_largest_size_allowed_is_checked_line_by_line(second_editor_client, participants_url, ana):
    content = "".join(f"person{number}@example.org\n" for number in range(MAX_LIST_LINES)).encode()
    response = upload(second_editor_client, participants_url, content)
    errors = file_errors(response)
    assert len(errors) == MAX_LIST_LINES
    assert errors[0] == "line 1: no member has the address person0@example.org: invite them below"


def test_a_pasted_list_of_too_many_lines_is_refused_on_its_field(second_editor_client, participants_url, ana):
    pasted = "\n".join(f"person{number}@example.org" for number in range(MAX_LIST_LINES + 1))
    response = second_editor_client.post(
        participants_url, {"action": "register", "register-emails": pasted}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert [str(error) for error in response.context["register_form"].errors["emails"]] == [
        "The list has 2001 lines: at most 2000 at once. Split it and register each part in turn."
    ]
    assert response.context["register_form"]["emails"].value() == pasted


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("participants.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40),  # a spreadsheet (a zip file)
        ("participants.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40),  # an old Excel file
        ("participants.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ("participants.csv", b"ana@example.org\n\x00\x01\x02binary\n"),
    ],
)
def test_a_file_that_is_not_text_is_refused_saying_how_to_save_it(
    second_editor_client, participants_url, ana, name, content
):
    response = upload(second_editor_client, participants_url, content, name=name)
    assert file_errors(response) == [f"This is not a text file (a spreadsheet or a document?). {SAVE_AS}"]
    assert not EventParticipant.objects.exists()


def test_a_file_saved_in_another_encoding_is_refused_naming_the_first_unreadable_line(
    second_editor_client, participants_url, ana
):
    content = "correo,nombre\nana@example.org,Ana\nluis@example.org,José Núñez\n".encode("cp1252")
    response = upload(second_editor_client, participants_url, content)
    assert file_errors(response) == [f"The file is not saved as UTF-8: line 3 has characters it cannot read. {SAVE_AS}"]
    assert not EventParticipant.objects.exists()


def test_a_file_saved_as_utf16_is_refused_saying_so(second_editor_client, participants_url, ana):
    content = "email\nana@example.org\n".encode("utf-16")
    response = upload(second_editor_client, participants_url, content)
    assert file_errors(response) == [f"The file is saved as UTF-16 (“Unicode text”), not as CSV UTF-8. {SAVE_AS}"]


def test_a_utf8_file_with_the_mark_excel_writes_is_read(second_editor_client, past_event, participants_url, ana):
    content = "correo electrónico,nombre\nana@example.org,Ana Núñez\n".encode("utf-8-sig")
    response = upload(second_editor_client, participants_url, content)
    assert response.status_code == 302
    assert past_event.is_participant(ana)
