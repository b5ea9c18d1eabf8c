"""Sharing an experience after an event: the prompt, the form, drafts, submission and the path to publication."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Contribution, ContributionStatus, ExperiencePage
from tests.events.contribution_answers import ANSWERS

pytestmark = pytest.mark.django_db


def test_participant_sees_the_prompt_only_after_the_end_date(participant_client, past_event):
    with time_machine.travel(past_event.end_date - datetime.timedelta(days=1), tick=False):
        assert "Escribir su aporte" not in participant_client.get(past_event.url).text
    assert "Escribir su aporte" in participant_client.get(past_event.url).text


def test_a_member_who_did_not_take_part_sees_no_prompt(member_client, past_event):
    assert "Escribir su aporte" not in member_client.get(past_event.url).text
    assert member_client.get(reverse("events:contribute", args=[past_event.pk])).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in_to_contribute(client, past_event):
    response = client.get(reverse("events:contribute", args=[past_event.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_saving_a_draft_keeps_it_for_later_even_half_written(participant_client, past_event):
    url = reverse("events:contribute", args=[past_event.pk])
    response = participant_client.post(url, {"will_apply": "Half a thought", "visibility": "participants", "save": "1"})
    assert response.status_code == 302
    contribution = Contribution.objects.get(author=participant_client.user)
    assert contribution.status == ContributionStatus.DRAFT
    assert "Half a thought" in participant_client.get(url).text


def test_autosave_stores_the_draft_on_the_server(participant_client, past_event):
    url = reverse("events:autosave", args=[past_event.pk])
    response = participant_client.post(url, {"case_situation": "Typed a moment ago", "visibility": "participants"})
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert Contribution.objects.get(author=participant_client.user).case_situation == "Typed a moment ago"


def test_autosave_needs_the_csrf_token(participant_client, past_event):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.cookies = participant_client.cookies
    response = strict.post(reverse("events:autosave", args=[past_event.pk]), {"visibility": "participants"})
    assert response.status_code == 403


def test_submitting_needs_a_title_and_two_answers(participant_client, past_event):
    url = reverse("events:contribute", args=[past_event.pk])
    response = participant_client.post(url, {"will_apply": "Only one", "visibility": "members", "submit": "1"})
    assert response.status_code == 200
    assert "Dé un título a su aporte antes de enviarlo." in response.text
    assert "Responda al menos dos de las preguntas antes de enviar." in response.text
    assert Contribution.objects.get(author=participant_client.user).status == ContributionStatus.DRAFT


def test_submitting_creates_an_experience_in_review_and_confirms_by_email(participant_client, past_event, libraries):
    url = reverse("events:contribute", args=[past_event.pk])
    response = participant_client.post(url, {**ANSWERS, "submit": "1"})
    assert response.status_code == 302
    contribution = Contribution.objects.get(author=participant_client.user)
    assert contribution.status == ContributionStatus.SUBMITTED
    experience = contribution.experience
    assert experience.kind == "experience"
    assert experience.event_id == past_event.pk
    assert not experience.live
    assert experience.get_parent().pk == libraries["es"].pk
    assert experience.current_workflow_state is not None
    assert mail.outbox and mail.outbox[-1].to == [participant_client.user.email]
    follow = participant_client.get(url)
    assert "Enviar a revisión" not in follow.text


def test_participants_only_contribution_is_restricted_to_the_event_group(participant_client, past_event, libraries):
    url = reverse("events:contribute", args=[past_event.pk])
    participant_client.post(url, {**ANSWERS, "visibility": "participants", "submit": "1"})
    experience = Contribution.objects.get(author=participant_client.user).experience
    assert experience.visibility == "groups"
    assert list(experience.restricted_to_groups.values_list("pk", flat=True)) == [past_event.participants_group_id]


def test_email_failure_leaves_the_contribution_saved_and_the_command_retries(
    participant_client, past_event, libraries, settings
):
    settings.EMAIL_BACKEND = "tests.events.failing_email.FailingEmailBackend"
    url = reverse("events:contribute", args=[past_event.pk])
    response = participant_client.post(url, {**ANSWERS, "submit": "1"})
    assert response.status_code == 302
    contribution = Contribution.objects.get(author=participant_client.user)
    assert contribution.status == ContributionStatus.SUBMITTED
    assert contribution.experience is not None
    assert contribution.confirmation_sent_at is None
    assert "SMTP server unavailable" in contribution.confirmation_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_event_followups")
    contribution.refresh_from_db()
    assert contribution.confirmation_sent_at is not None


def test_editor_approval_publishes_the_experience_on_the_event_page(
    participant_client, past_event, libraries, second_editor_client
):
    participant_client.post(reverse("events:contribute", args=[past_event.pk]), {**ANSWERS, "submit": "1"})
    contribution = Contribution.objects.get(author=participant_client.user)
    experience = contribution.experience
    state = experience.current_workflow_state
    for _step in range(3):  # the anonymization check (when delivered), then the editor's review
        if state.status != state.STATUS_IN_PROGRESS:
            break
        task_state = state.current_task_state
        approve = reverse("wagtailadmin_pages:workflow_action", args=(experience.pk, "approve", task_state.pk))
        response = second_editor_client.post(approve, {"comment": ""})
        assert response.status_code in (200, 302)
        state.refresh_from_db()
    experience.refresh_from_db()
    assert experience.live
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED
    page = participant_client.get(past_event.url).text
    assert ANSWERS["title"] in page
    assert "Por un participante" in page


def test_credited_author_is_named_and_uncredited_is_not(participant_client, past_event, libraries):
    participant_client.post(
        reverse("events:contribute", args=[past_event.pk]), {**ANSWERS, "credit_me": "on", "submit": "1"}
    )
    experience = ExperiencePage.objects.get()
    experience.save_revision().publish()
    name = participant_client.user.get_full_name()
    assert name in participant_client.get(past_event.url).text


def test_followups_are_sent_once_in_the_participants_language(participant_client, past_event):
    membership = participant_client.user.membership
    membership.language = "en"
    membership.save()
    call_command("send_event_followups")
    call_command("send_event_followups")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Share your experience of")


def test_followups_wait_for_the_end_of_the_event(participant_client, upcoming_event):
    from events.participants import register

    register(upcoming_event, participant_client.user)
    call_command("send_event_followups")
    assert not [m for m in mail.outbox if upcoming_event.title in m.subject]


def test_moderation_digest_goes_to_editors_once_a_day(participant_client, past_event, libraries, editor):
    participant_client.post(reverse("events:contribute", args=[past_event.pk]), {**ANSWERS, "submit": "1"})
    mail.outbox.clear()
    call_command("send_moderation_digest")
    call_command("send_moderation_digest")
    digests = [m for m in mail.outbox if "waiting for review" in m.subject or "esperando" in m.subject]
    assert len(digests) == 1
    assert ANSWERS["title"] in digests[0].body
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        call_command("send_moderation_digest")
    assert len([m for m in mail.outbox if m.to == digests[0].to]) == 2


def test_a_failed_followup_is_recorded_and_sent_on_the_next_run(participant_client, past_event, settings):
    from events.models import EventParticipant

    settings.EMAIL_BACKEND = "tests.events.failing_email.FailingEmailBackend"
    call_command("send_event_followups")
    participation = EventParticipant.objects.get(user=participant_client.user)
    assert participation.followup_sent_at is None
    assert "SMTP server unavailable" in participation.followup_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_event_followups")
    participation.refresh_from_db()
    assert participation.followup_sent_at is not None
    assert len(mail.outbox) == 1


def test_editors_cannot_turn_a_submitted_contribution_back_into_a_draft_by_hand(
    participant_client, past_event, libraries, second_editor_client
):
    url = reverse("events:contribute", args=[past_event.pk])
    participant_client.post(url, {**ANSWERS, "submit": "1"})
    contribution = Contribution.objects.get(author=participant_client.user)
    edit = reverse("event_contributions:edit", args=[contribution.pk])
    second_editor_client.post(edit, {"status": "draft"})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED  # its state follows the library item's review
    assert second_editor_client.get(reverse("event_contributions:index")).status_code == 200
    inspect = second_editor_client.get(reverse("event_contributions:inspect", args=[contribution.pk]))
    assert inspect.status_code == 200
    assert ANSWERS["title"] in inspect.text
    # So the author still sees it submitted, not a form that would file it in the library twice.
    response = participant_client.post(url, {**ANSWERS, "submit": "1"})
    assert response.status_code == 200
    assert ExperiencePage.objects.count() == 1


def test_followups_go_only_to_participants_who_are_vetted_now(participant_client, past_event, editor):
    from members import vetting

    vetting.suspend(participant_client.user.membership, by=editor, reason="Left the institution")
    mail.outbox.clear()
    call_command("send_event_followups")
    assert not [m for m in mail.outbox if participant_client.user.email in m.to]

    vetting.reinstate(participant_client.user.membership, by=editor)
    call_command("send_event_followups")
    assert [m for m in mail.outbox if participant_client.user.email in m.to]
