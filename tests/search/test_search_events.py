"""Events are searched with the library: found by their words, labelled, offered by the ``kind`` facet, and only
ever shown to whom ``members.access`` lets see them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

MEMBERS_CANARY = "Qjxmemberevent"
PARTICIPANTS_CANARY = "Vzkparticipantevent"
NOT_FULL_MEMBERS = ["anonymous", "applicant", "vetted_no_mfa"]


def search_url():
    with translation.override("es"):
        return reverse("search:search")


def autocomplete_url():
    with translation.override("es"):
        return reverse("search:autocomplete")


@pytest.fixture
def restricted_events(make_event):
    """A members-only event and one for its participants only, each with a canary word."""
    members_only = make_event(
        title=f"Reunión {MEMBERS_CANARY} de fiscales", summary="Extradición y trata.", visibility="members"
    )
    participants = make_event(title=f"Taller {PARTICIPANTS_CANARY}", summary="Extradición y trata.")
    participants.visibility = "groups"
    participants.restricted_to_groups.add(participants.participants_group)
    participants.save_revision().publish()
    return members_only, participants


def kind_counts(response):
    return {o.value: o.count for f in response.context["search"].facets if f.param == "kind" for o in f.options}


def test_an_event_is_found_by_its_title_with_an_event_label(client, make_event, make_item):
    make_event(title="Curso regional sobre entregas vigiladas", summary="Tres días en San José.")
    make_item("es", title="Entregas vigiladas en la frontera", summary="Un caso.")

    response = client.get(search_url(), {"q": "entrega vigilada"})

    results = {result.page.title: result for result in response.context["search"].page.object_list}
    assert set(results) == {"Curso regional sobre entregas vigiladas", "Entregas vigiladas en la frontera"}
    assert results["Curso regional sobre entregas vigiladas"].kind_label == "Evento"
    assert "<mark>entregas</mark>" in str(results["Curso regional sobre entregas vigiladas"].title_html)
    assert kind_counts(response)["event"] == 1
    assert b'class="tag">Evento</span>' in response.content


def test_kind_facet_narrows_to_events_and_taxonomy_facets_leave_them_out(client, make_event, make_item):
    make_event(title="Curso sobre extradición", summary="Cooperación.")
    make_item("es", title="Extradición a Guatemala", summary="Un caso.", themes=["mla_tools"])

    only_events = client.get(search_url(), {"q": "extradicion", "kind": "event"})
    by_theme = client.get(search_url(), {"q": "extradicion", "theme": "mla_tools"})

    assert [r.page.title for r in only_events.context["search"].page.object_list] == ["Curso sobre extradición"]
    assert kind_counts(only_events)["event"] == 1
    assert [r.page.title for r in by_theme.context["search"].page.object_list] == ["Extradición a Guatemala"]
    assert kind_counts(by_theme).get("event", 0) == 0


def test_event_country_is_counted_in_the_country_facet(client, make_event):
    make_event(title="Curso sobre extradición", summary="Cooperación.")  # Costa Rica by default

    response = client.get(search_url(), {"q": "extradicion", "country": "CR"})

    assert [r.page.title for r in response.context["search"].page.object_list] == ["Curso sobre extradición"]
    countries = {o.value: o.count for f in response.context["search"].facets if f.param == "country" for o in f.options}
    assert countries["CR"] == 1


@pytest.mark.parametrize("library_facet", [{"theme": "mla_tools"}, {"crime_type": "trafficking_in_persons"}])
def test_choosing_a_library_taxonomy_does_not_search_events(client, make_event, make_item, library_facet):
    """No event is filed under a crime type or theme, so none could be shown or counted: none is matched."""
    make_event(title="Curso sobre extradición", summary="Cooperación.")
    make_item(
        "es",
        title="Extradición a Guatemala",
        summary="Un caso.",
        themes=["mla_tools"],
        crime_types=["trafficking_in_persons"],
    )

    with CaptureQueriesContext(connection) as captured:
        response = client.get(search_url(), {"q": "extradicion", **library_facet})

    assert [r.page.title for r in response.context["search"].page.object_list] == ["Extradición a Guatemala"]
    assert kind_counts(response) == {"case_study": 1}
    assert not any("events_eventpage" in query["sql"] for query in captured)


@pytest.mark.parametrize("typed", ["🙂🙂", "%%", "{}", "?!"])
def test_autocomplete_of_symbols_only_suggests_nothing(client, make_event, make_item, typed):
    """Typed text with no word in it (an emoji, punctuation) used to fail the database query: a 500 found by fuzzing."""
    make_event(title="Curso regional sobre entregas vigiladas", summary="Tres días en San José.")
    make_item("es", title="Entregas vigiladas en la frontera", summary="Un caso.")

    response = client.get(autocomplete_url(), {"q": typed})

    assert response.status_code == 200
    assert response.json() == {"suggestions": []}


@pytest.mark.parametrize("role", NOT_FULL_MEMBERS)
def test_restricted_events_never_show_to_anyone_but_full_members(role, restricted_events, as_role):
    client = as_role(role)

    for query in (MEMBERS_CANARY, PARTICIPANTS_CANARY, "extradicion", ""):
        response = client.get(search_url(), {"q": query, "kind": "event"})
        if response.status_code == 302:  # vetted without MFA: sent to set it up, nothing shown
            assert response.content == b""
            continue
        assert response.status_code == 200
        if query not in (MEMBERS_CANARY, PARTICIPANTS_CANARY):  # the page repeats the query itself
            assert MEMBERS_CANARY.encode() not in response.content
            assert PARTICIPANTS_CANARY.encode() not in response.content
        assert response.context["search"].total == 0
        assert kind_counts(response).get("event", 0) == 0


def test_members_see_members_events_and_participants_their_event(restricted_events, member_client, sign_in):
    from django.test import Client

    from events.factories import EventParticipantFactory
    from members.factories import MembershipFactory

    response = member_client.get(search_url(), {"q": "extradicion"})
    assert MEMBERS_CANARY.encode() in response.content
    assert PARTICIPANTS_CANARY.encode() not in response.content

    _, participants = restricted_events
    user = MembershipFactory(vetted=True, user__email="participant@example.org", user__totp_secret=True).user
    EventParticipantFactory(event=participants, user=user)
    participant_client = sign_in(Client(), user, user.totp_secret)
    response = participant_client.get(search_url(), {"q": "extradicion"})
    assert PARTICIPANTS_CANARY.encode() in response.content
    assert response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]


def test_autocomplete_suggests_event_titles_after_library_titles(client, make_event, make_item):
    make_event(title="Curso regional sobre entregas vigiladas", summary="Tres días en San José.")
    make_item("es", title="Entregas vigiladas en la frontera", summary="Un caso.")

    suggestions = client.get(autocomplete_url(), {"q": "entreg"}).json()["suggestions"]

    assert suggestions == ["Entregas vigiladas en la frontera", "Curso regional sobre entregas vigiladas"]


@pytest.mark.parametrize("role", NOT_FULL_MEMBERS)
def test_autocomplete_never_suggests_restricted_events(role, restricted_events, as_role):
    for canary in (MEMBERS_CANARY, PARTICIPANTS_CANARY):
        response = as_role(role).get(autocomplete_url(), {"q": canary[:6]})
        assert canary.encode() not in response.content


def test_autocomplete_suggests_members_events_to_full_members(restricted_events, member_client):
    suggestions = member_client.get(autocomplete_url(), {"q": MEMBERS_CANARY[:6]}).json()["suggestions"]
    assert suggestions == [f"Reunión {MEMBERS_CANARY} de fiscales"]
    assert member_client.get(autocomplete_url(), {"q": PARTICIPANTS_CANARY[:6]}).json()["suggestions"] == []
