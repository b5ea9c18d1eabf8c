"""Submitting a contribution while the site has no library to file it under: the form comes back as typed with
a message that says why, the contribution stays a saved draft, and the staff find the problem in the error log."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Contribution, ContributionStatus, ExperiencePage
from tests.events.contribution_answers import ANSWERS

pytestmark = pytest.mark.django_db


def contribute_url(event, language):
    with translation.override(language):
        return reverse("events:contribute", args=[event.pk])


def test_submitting_with_no_library_at_all_keeps_everything_typed_and_says_why(participant_client, past_event, caplog):
    with caplog.at_level(logging.ERROR, logger="events"):
        response = participant_client.post(contribute_url(past_event, "en"), {**ANSWERS, "submit": "1"})

    assert response.status_code == 200
    assert "could not be sent for review yet: the library it goes into has not been set up" in response.text
    # The form again, as typed: title, answers and the chosen visibility.
    form = response.context["form"]
    assert form["title"].value() == ANSWERS["title"]
    assert form["cooperation_challenges"].value() == "Requests translated late."
    assert "Requests translated late." in response.text
    assert form["visibility"].value() == "members"
    # And saved on the server as a draft, so nothing is lost even if the page is closed.
    contribution = Contribution.objects.get(author=participant_client.user)
    assert contribution.status == ContributionStatus.DRAFT
    assert contribution.experience is None
    assert contribution.will_apply == ANSWERS["will_apply"]
    assert not ExperiencePage.objects.exists()
    # The staff learn of it from the log, with the contribution's number (never what was typed).
    [record] = [r for r in caplog.records if r.name == "events.views" and r.levelno == logging.ERROR]
    assert f"contribution {contribution.pk}" in record.getMessage()
    assert "no library index" in record.getMessage()
    assert "Requests translated late." not in record.getMessage()


def test_once_a_library_exists_the_same_draft_is_submitted(participant_client, past_event, home_pages):
    from practices.factories import LibraryIndexPageFactory

    url = contribute_url(past_event, "en")
    assert participant_client.post(url, {**ANSWERS, "submit": "1"}).status_code == 200
    library = LibraryIndexPageFactory(parent=home_pages["es"], title="Biblioteca", slug="biblioteca")

    response = participant_client.post(url, {**ANSWERS, "submit": "1"})

    assert response.status_code == 302
    contribution = Contribution.objects.get(author=participant_client.user)
    assert contribution.status == ContributionStatus.SUBMITTED
    assert contribution.experience.get_parent().pk == library.pk


@pytest.mark.parametrize("language, other", [("en", "es"), ("es", "en")])
def test_with_no_library_in_the_contributors_language_it_goes_to_the_other_one(
    participant_client, past_event, home_pages, language, other
):
    from practices.factories import LibraryIndexPageFactory

    library = LibraryIndexPageFactory(parent=home_pages[other], title="Library", slug=f"library-{other}")

    response = participant_client.post(contribute_url(past_event, language), {**ANSWERS, "submit": "1"})

    assert response.status_code == 302
    contribution = Contribution.objects.get(author=participant_client.user)
    assert contribution.language == language
    assert contribution.status == ContributionStatus.SUBMITTED
    assert contribution.experience.get_parent().pk == library.pk
