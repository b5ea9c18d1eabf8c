"""A pasted list over Django's 2.5 MB limit on what a form may send (DATA_UPLOAD_MAX_MEMORY_SIZE): still refused,
but with a page in the reader's language that says the limit and what to do instead, not a bare "Bad Request".
Below that limit, a list longer than the participants' form takes is refused on its field, the form kept."""

import pytest
from django.urls import reverse
from django.utils import translation

from events.forms import MAX_LIST_BYTES
from events.models import Contribution, EventParticipant

pytestmark = pytest.mark.django_db

#: 2.8 MB of addresses, one a line: a whole spreadsheet column pasted at once.
HUGE_LIST = "\n".join(f"person{number}@example.org" for number in range(120_000))


def register_pasted(client, event, pasted):
    url = reverse("events_admin:participants", args=[event.pk])
    return client.post(url, {"action": "register", "register-emails": pasted}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_limit_is_still_djangos_two_and_a_half_megabytes(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert len(HUGE_LIST.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_a_pasted_list_over_the_limit_gets_a_page_with_the_limit_and_what_to_do(
    second_editor_client, past_event, caplog
):
    response = register_pasted(second_editor_client, past_event, HUGE_LIST)

    assert response.status_code == 413
    html = response.content.decode()
    assert "What you sent is too large" in html
    assert "A form can send at most 2.5\xa0MB of text at once." in html
    assert "upload it as a file instead" in html
    assert "Bad Request" not in html and "Traceback" not in html
    assert not EventParticipant.objects.exists()
    # Still recorded as Django records it, for the staff.
    assert any(record.name == "django.security.RequestDataTooBig" for record in caplog.records)


def test_a_participant_who_pastes_too_much_gets_the_page_in_their_language(participant_client, past_event):
    with translation.override("es"):
        url = reverse("events:contribute", args=[past_event.pk])

    response = participant_client.post(url, {"title": "Lista", "will_apply": HUGE_LIST, "save": "1"})

    assert response.status_code == 413
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "2,5\xa0MB" in html  # the limit, written the Spanish way
    assert not Contribution.objects.filter(title="Lista").exists()


def test_a_pasted_list_under_the_limit_but_too_long_for_the_form_is_refused_on_its_field(
    second_editor_client, past_event
):
    pasted = "ana@example.org\n" * (MAX_LIST_BYTES // 16 + 1)
    response = register_pasted(second_editor_client, past_event, pasted)

    assert response.status_code == 200
    form = response.context["register_form"]
    assert [str(error) for error in form.errors["emails"]] == [
        f"The list is too long: at most {MAX_LIST_BYTES} characters. Split it and register each part in turn."
    ]
    assert form["emails"].value() == pasted


def test_other_bad_requests_keep_djangos_page(client, home_pages):
    response = client.get("/es/", HTTP_HOST="not-our-site.example")
    assert response.status_code == 400
    assert "What you sent is too large" not in response.content.decode()
