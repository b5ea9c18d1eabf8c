"""Invitation links: a vetter or editor invites a practitioner; the link pre-fills the application and records
the inviter as its endorsement. The application is still vetted."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from members.models import Invitation, JoinedVia, Membership, MembershipStatus, WorkingLanguage
from network.models import Country, Institution


@pytest.fixture
def mp_guatemala(db):
    return Institution.objects.create(
        name="Ministerio Público",
        acronym="MP",
        institution_type="prosecution",
        country=Country.objects.get(code="GT"),
        email_domains="mp.gob.gt",
    )


def test_an_editor_invites_and_the_invitee_applies_with_the_endorsement(editor_client, mp_guatemala):
    client = Client()  # the invitee's browser
    mail.outbox.clear()
    response = editor_client.post(
        reverse("invitation:add"),
        {
            "email": "invitee@mp.gob.gt",
            "first_name": "Inés",
            "last_name": "Invitada Ficticia",
            "country": Country.objects.get(code="GT").pk,
            "institution": mp_guatemala.pk,
            "note": "Worked with her on a regional course.",
            "language": "es",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = Invitation.objects.get()
    assert invitation.invited_by == editor_client.user
    assert mail.outbox[-1].to == ["invitee@mp.gob.gt"]
    link = re.search(r"https?://[^/\s]+(/\S+/invitation/\S+/)", mail.outbox[-1].body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'value="invitee@mp.gob.gt"' in form_page.content.decode()
    client.post(
        reverse("members:apply"),
        {
            "email": "invitee@mp.gob.gt",
            "password1": "a long passphrase for enlace",
            "password2": "a long passphrase for enlace",
            "first_name": "Inés",
            "last_name": "Invitada Ficticia",
            "country": Country.objects.get(code="GT").pk,
            "institution": mp_guatemala.pk,
            "position": "Fiscal",
            "practitioner_type": "prosecutor",
            "languages": [WorkingLanguage.objects.get(code="es").pk],
        },
    )
    membership = Membership.objects.get(user__email="invitee@mp.gob.gt")
    assert membership.joined_via == JoinedVia.INVITATION
    assert membership.endorsed_by == editor_client.user
    assert membership.status == MembershipStatus.APPLICANT
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(link).status_code == 410


def test_plain_members_cannot_send_invitations(member_client):
    assert member_client.get(reverse("invitation:add")).status_code in (302, 403)
