"""Only vetted members take part in an event: registration by e-mail refuses anyone else, line by line, and no
account that is not vetted now is in the participants group, the key that opens "participants only" material."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from events.factories import EventMaterialFactory
from events.models import EventParticipant
from events.participants import register
from members import vetting
from members.factories import MembershipFactory, UserFactory, member_in_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def participants_url(past_event):
    return reverse("events_admin:participants", args=[past_event.pk])


def post_list(client, url, pasted, members=()):
    data = {"action": "register", "register-emails": pasted, "register-members": [member.pk for member in members]}
    return client.post(url, data, follow=True, HTTP_ACCEPT_LANGUAGE="en")


def errors_of(response, field):
    return [str(error) for error in response.context["register_form"].errors.get(field, [])]


def in_group(user, event):
    return user.groups.filter(pk=event.participants_group_id).exists()


def test_listed_addresses_of_people_who_are_not_vetted_members_are_refused_each_saying_why(
    second_editor_client, past_event, participants_url
):
    MembershipFactory(vetted=True, user__email="ana@example.org")
    MembershipFactory(user__email="applicant@example.org")
    member_in_state("suspended", user__email="suspended@example.org")
    member_in_state("expired", user__email="expired@example.org")
    MembershipFactory(vetted=True, user__email="lapsed@example.org", vetted_until=datetime.date(2020, 1, 1))
    UserFactory(email="staff@example.org")  # an account with no membership
    pasted = "\n".join(
        [
            "ana@example.org",
            "applicant@example.org",
            "suspended@example.org",
            "expired@example.org",
            "lapsed@example.org",
            "staff@example.org",
            "nobody@example.org",
        ]
    )
    response = post_list(second_editor_client, participants_url, pasted)
    assert errors_of(response, "emails") == [
        "line 2: applicant@example.org has applied but is not vetted yet: register them once their application "
        "is approved",
        "line 3: the membership of suspended@example.org is not current (suspended): only vetted members can take part",
        "line 4: the membership of expired@example.org is not current (expired): only vetted members can take part",
        "line 5: the membership of lapsed@example.org is not current (lapsed): only vetted members can take part",
        "line 6: staff@example.org is not a member of the network: only vetted members can take part",
        "line 7: no member has the address nobody@example.org: invite them below",
    ]
    assert "Nobody was registered" in response.text
    assert not EventParticipant.objects.exists()  # not even ana, whose line was right: all or nothing


def test_an_applicant_cannot_be_slipped_into_the_choice_of_members(second_editor_client, past_event, participants_url):
    applicant = MembershipFactory(user__email="applicant@example.org").user
    response = post_list(second_editor_client, participants_url, "", members=[applicant])
    assert response.context["register_form"].errors["members"]
    assert not past_event.is_participant(applicant)
    assert not in_group(applicant, past_event)


def test_a_participant_leaves_the_group_when_suspended_and_returns_when_reinstated(past_event, editor):
    membership = MembershipFactory(vetted=True, user__email="ana@example.org")
    register(past_event, membership.user)
    assert in_group(membership.user, past_event)

    vetting.suspend(membership, by=editor, reason="Left the institution")
    assert past_event.is_participant(membership.user)  # still on the list the editor keeps
    assert not in_group(membership.user, past_event)

    vetting.reinstate(membership, by=editor)
    assert in_group(membership.user, past_event)


@pytest.fixture
def unvetted_participant(past_event, applicant):
    """An applicant registered directly (as the demo or an old row could), past every editor's screen."""
    register(past_event, applicant.user)
    return applicant


def test_an_unvetted_participant_is_kept_out_of_the_participants_group(past_event, unvetted_participant):
    assert past_event.is_participant(unvetted_participant.user)
    assert not in_group(unvetted_participant.user, past_event)


def test_an_unvetted_participant_cannot_download_participants_only_material(
    past_event, unvetted_participant, applicant_client
):
    material = EventMaterialFactory(page=past_event, visibility="groups")
    response = applicant_client.get(material.document.url)
    assert response.status_code in (302, 403)
    assert response.get("Content-Disposition") is None
    assert material.display_title not in applicant_client.get(past_event.url).text


def test_the_vetted_participant_downloads_it(past_event, participant_client):
    material = EventMaterialFactory(page=past_event, visibility="groups")
    assert material.display_title in participant_client.get(past_event.url).text
    assert participant_client.get(material.document.url).status_code == 200


def test_wagtail_page_privacy_for_the_participants_group_keeps_an_unvetted_participant_out(
    past_event, unvetted_participant, applicant_client, sign_in
):
    restriction = PageViewRestriction.objects.create(page=past_event, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(past_event.participants_group)
    response = applicant_client.get(past_event.url)
    assert response.status_code != 200
    assert past_event.title not in response.text

    vetted = MembershipFactory(vetted=True, user__email="vetted@example.org", user__totp_secret=True).user
    register(past_event, vetted)
    assert sign_in(Client(), vetted, vetted.totp_secret).get(past_event.url).status_code == 200


def test_wagtail_collection_privacy_for_the_participants_group_keeps_an_unvetted_participant_out(
    past_event, unvetted_participant, applicant_client
):
    import wagtail_factories

    collection = Collection.get_first_root_node().add_child(name="Participants' folder")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(past_event.participants_group)
    document = wagtail_factories.DocumentFactory(collection=collection)
    response = applicant_client.get(document.url)
    assert response.status_code != 200
    assert response.get("Content-Disposition") is None


def test_an_unvetted_participant_cannot_contribute_nor_reply(past_event, unvetted_participant, applicant_client):
    response = applicant_client.get(reverse("events:contribute", args=[past_event.pk]))
    assert response.status_code == 302
    assert response.url == reverse("members:under_review")
    assert "Escribir su aporte" not in applicant_client.get(past_event.url).text
