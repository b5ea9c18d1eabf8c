"""Editors register participants (from a list, by CSV of e-mails) or invite people who are not members yet."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.models import EventInvitation, EventParticipant
from members.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants_url(past_event):
    return reverse("events_admin:participants", args=[past_event.pk])


def test_editor_registers_members_chosen_from_the_list(second_editor_client, past_event, participants_url):
    member = MembershipFactory(vetted=True, user__email="ana@example.org").user
    response = second_editor_client.post(participants_url, {"action": "register", "register-members": [member.pk]})
    assert response.status_code == 302
    assert past_event.is_participant(member)
    assert member.groups.filter(pk=past_event.participants_group_id).exists()
    assert "ana@example.org" in second_editor_client.get(participants_url).text


def test_editor_registers_participants_from_a_csv_of_emails(second_editor_client, past_event, participants_url):
    ana = MembershipFactory(vetted=True, user__email="ana@example.org").user
    luis = MembershipFactory(vetted=True, user__email="luis@example.org").user
    upload = SimpleUploadedFile("participants.csv", b"email\nana@example.org\nLUIS@example.org\n", "text/csv")
    response = second_editor_client.post(participants_url, {"action": "register", "register-csv_file": upload})
    assert response.status_code == 302
    assert past_event.is_participant(ana) and past_event.is_participant(luis)


def test_csv_with_an_unknown_address_names_the_line_and_registers_nobody(
    second_editor_client, past_event, participants_url
):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    upload = SimpleUploadedFile("participants.csv", b"ana@example.org\nnobody@example.org\n", "text/csv")
    response = second_editor_client.post(
        participants_url, {"action": "register", "register-csv_file": upload}, follow=True
    )
    assert "Línea 2" in response.text
    assert not EventParticipant.objects.filter(event=past_event).exists()


def test_a_member_cannot_open_the_participants_screen(member_client, participants_url):
    response = member_client.get(participants_url)
    assert response.status_code in (302, 403)


def test_invitation_sends_a_personal_link_and_accepting_it_registers_the_new_member(
    second_editor_client, past_event, participants_url
):
    response = second_editor_client.post(
        participants_url,
        {"action": "invite", "invite-email": "new@example.org", "invite-first_name": "Rosa", "invite-language": "en"},
    )
    assert response.status_code == 302
    event_invitation = EventInvitation.objects.get(event=past_event)
    invitation = event_invitation.invitation
    assert invitation.invited_by == second_editor_client.user
    assert mail.outbox[-1].to == ["new@example.org"]
    assert invitation.token in mail.outbox[-1].body

    # The invitee applies through the members' invitation path; accepting marks the invitation.
    from django.utils import timezone

    newcomer = MembershipFactory(user__email="new@example.org").user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    assert past_event.is_participant(newcomer)


def test_the_event_editor_links_to_the_participants_screen(second_editor_client, past_event, participants_url):
    response = second_editor_client.get(reverse("wagtailadmin_pages:edit", args=[past_event.pk]))
    assert response.status_code == 200
    assert participants_url in response.text


def test_editor_sees_replies_to_moderate_in_the_admin(second_editor_client):
    assert second_editor_client.get(reverse("event_replies:index")).status_code == 200
    assert second_editor_client.get(reverse("event_contributions:index")).status_code == 200
