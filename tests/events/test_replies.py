"""Replies to a published experience: participants only, shown once an editor approves them."""

import pytest
from django.urls import reverse

from events.models import CommentStatus, ContributionComment, ExperiencePage
from events.participants import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def experience(past_event, libraries, vetted_member):
    page = ExperiencePage(
        title="Lo que aplicaré",
        slug="lo-que-aplicare",
        summary="Solicitudes en borrador.",
        event=past_event,
        visibility="members",
        will_apply="Enviar borradores a la autoridad central.",
    )
    libraries["es"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_participants_reply_waits_for_moderation_then_shows_to_participants(
    participant_client, experience, second_editor_client
):
    response = participant_client.post(reverse("events:reply", args=[experience.pk]), {"body": "Muy útil, gracias."})
    assert response.status_code == 302
    comment = ContributionComment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "Muy útil, gracias." in participant_client.get(experience.url).text  # the author sees it, marked pending

    edit = reverse("event_replies:edit", args=[comment.pk])
    second_editor_client.post(edit, {"status": "approved"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED


def test_replies_are_hidden_from_members_who_did_not_take_part(member_client, experience, editor):
    from members.factories import MembershipFactory

    colleague = MembershipFactory(vetted=True, user__email="colleague@example.org").user
    register(experience.event, colleague)
    ContributionComment.objects.create(
        experience=experience, author=colleague, body="Solo para participantes.", status=CommentStatus.APPROVED
    )
    page = member_client.get(experience.url).text
    assert "Lo que aplicaré" in page
    assert "Solo para participantes." not in page


def test_a_member_who_did_not_take_part_cannot_reply(member_client, experience):
    response = member_client.post(reverse("events:reply", args=[experience.pk]), {"body": "Hola"})
    assert response.status_code == 403
    assert not ContributionComment.objects.exists()


def test_a_reply_too_long_is_shown_again_as_typed_with_what_to_correct(participant_client, experience):
    body = "Muy útil. " * 101  # 1010 characters: over the 1000 allowed
    response = participant_client.post(reverse("events:reply", args=[experience.pk]), {"body": body})
    assert response.status_code == 400
    assert response.context["comment_form"]["body"].value() == body  # nothing typed is lost
    assert response.context["comment_form"].errors["body"]
    assert "Lo que aplicaré" in response.text  # the experience page, not an error page
    assert "private" in response["Cache-Control"]
    assert not ContributionComment.objects.exists()


def test_an_empty_reply_is_refused_on_the_page(participant_client, experience):
    response = participant_client.post(reverse("events:reply", args=[experience.pk]), {"body": "   "})
    assert response.status_code == 400
    assert response.context["comment_form"].errors["body"]
    assert not ContributionComment.objects.exists()


def test_a_participant_cannot_reply_to_an_experience_they_may_not_read(participant_client, experience):
    from django.contrib.auth.models import Group

    experience.visibility = "groups"
    experience.save()
    experience.restricted_to_groups.set([Group.objects.create(name="Another working group")])
    response = participant_client.post(reverse("events:reply", args=[experience.pk]), {"body": "Hola"})
    assert response.status_code == 403
    assert "Lo que aplicaré" not in response.text
    assert not ContributionComment.objects.exists()
