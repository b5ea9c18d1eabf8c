"""The event page and the participants group: who sees what, and the group mirroring the participants table."""

import pytest

from events.factories import EventMaterialFactory, EventPageFactory
from events.models import EventParticipant
from events.participants import register

pytestmark = pytest.mark.django_db


def test_each_event_gets_a_participants_group_named_after_it(past_event):
    assert past_event.participants_group.name.startswith("Participants: Segundo Curso Regional")


def test_registering_and_removing_a_participant_keeps_the_group_in_step(past_event, vetted_member):
    user = vetted_member.user
    participation, created = register(past_event, user)
    assert created
    assert user.groups.filter(pk=past_event.participants_group_id).exists()
    EventParticipant.objects.filter(pk=participation.pk).delete()
    assert not user.groups.filter(pk=past_event.participants_group_id).exists()


def test_a_translation_shares_the_participants_of_the_original(past_event, vetted_member, home_pages, event_indexes):
    from wagtail.models import Locale

    english = past_event.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=False)
    english.save_revision().publish()
    register(english, vetted_member.user)
    assert past_event.is_participant(vetted_member.user)
    assert english.participants_group_id == past_event.participants_group_id


def test_anyone_reads_a_public_event_with_its_programme(client, past_event):
    past_event.programme = [("session", {"title": "Joint investigation teams", "speakers": "Ana Ruiz (fictional)"})]
    past_event.save_revision().publish()
    response = client.get(past_event.url)
    assert response.status_code == 200
    assert "Joint investigation teams" in response.text
    assert "Ana Ruiz (fictional)" in response.text


def test_a_draft_event_is_not_served(client, event_indexes):
    draft = EventPageFactory(parent=event_indexes["es"], title="Draft meeting", publish=False)
    assert not draft.live and draft.latest_revision is not None
    assert client.get(draft.url).status_code == 404


def test_members_only_event_sends_anonymous_visitors_to_sign_in(client, event_indexes):
    event = EventPageFactory(parent=event_indexes["es"], visibility="members", title="Closed meeting")
    response = client.get(event.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.fixture
def materials(past_event):
    return {
        level: EventMaterialFactory(page=past_event, title=f"Material {level}", visibility=level)
        for level in ("public", "members", "groups")
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"public"}),
        ("applicant", {"public"}),
        ("member", {"public", "members"}),
        ("participant", {"public", "members", "groups"}),
    ],
)
def test_who_sees_each_material_level(who, expected, request, past_event, materials):
    if who == "anonymous":
        client = request.getfixturevalue("client")
    elif who == "applicant":
        client = request.getfixturevalue("applicant_client")
    elif who == "member":
        client = request.getfixturevalue("member_client")
    else:
        client = request.getfixturevalue("participant_client")
    response = client.get(past_event.url)
    shown = {level for level, material in materials.items() if f"Material {level}" in response.text}
    assert shown == expected


def test_a_participants_only_document_downloads_only_for_participants(client, member_client, past_event, materials):
    url = materials["groups"].document.url
    assert member_client.get(url).status_code == 403
    register(past_event, member_client.user)
    assert member_client.get(url).status_code == 200


def test_a_public_material_downloads_for_anyone(client, materials):
    assert client.get(materials["public"].document.url).status_code == 200


def test_a_members_material_is_refused_to_anonymous_visitors(client, materials):
    response = client.get(materials["members"].document.url)
    assert response.status_code in (302, 403)


def test_restricted_page_is_not_cached_by_shared_caches(participant_client, past_event):
    response = participant_client.get(past_event.url)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
