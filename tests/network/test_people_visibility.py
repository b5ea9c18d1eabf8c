"""No person is shown on any network page to anyone but full members (vetted + MFA)."""

import pytest
from django.urls import reverse

from network.directory import contact_token

CANARY = "Zacarías Canario-Prueba"


pytestmark = pytest.mark.django_db


def network_pages(canary):
    token = contact_token(canary.user)
    return [
        reverse("network:countries"),
        reverse("network:country", args=["PA"]),
        reverse("network:finder"),
        reverse("network:finder") + "?country=PA&need=mla-request",
        reverse("network:directory"),
        reverse("network:directory") + "?country=PA",
        reverse("network:contact", args=[token]),
        reverse("network:vcard", args=[token]),
    ]


def assert_no_person(client, canary):
    for url in network_pages(canary):
        response = client.get(url, follow=True)
        body = response.content.decode()
        assert "Canario" not in body, url
        assert canary.user.email not in body, url
        assert "BEGIN:VCARD" not in body, url


def test_anonymous_visitor_sees_no_person_anywhere(client, canary, designate):
    designate(canary, "mla-request")
    assert_no_person(client, canary)


def test_applicant_sees_no_person_anywhere(applicant_client, canary, designate):
    designate(canary, "mla-request")
    assert_no_person(applicant_client, canary)


def test_vetted_member_without_mfa_sees_no_person_anywhere(vetted_no_mfa_client, canary, designate):
    designate(canary, "mla-request")
    assert_no_person(vetted_no_mfa_client, canary)


def test_anonymous_visitor_is_invited_to_join_on_the_finder(client, canary):
    response = client.get(reverse("network:finder") + "?country=PA&need=mla-request")
    assert response.status_code == 200
    assert "join-cta" in response.content.decode()


def test_full_member_sees_people_in_directory_finder_and_contact(member_client, canary, designate):
    designate(canary, "mla-request")
    for url in [
        reverse("network:directory"),
        reverse("network:finder") + "?country=PA&need=mla-request",
        reverse("network:contact", args=[contact_token(canary.user)]),
    ]:
        response = member_client.get(url)
        assert response.status_code == 200, url
        assert CANARY in response.content.decode(), url


def test_directory_pages_are_never_cached(member_client, canary):
    for url in [
        reverse("network:directory"),
        reverse("network:contact", args=[contact_token(canary.user)]),
        reverse("network:vcard", args=[contact_token(canary.user)]),
        reverse("network:finder") + "?country=PA&need=mla-request",
    ]:
        cache_control = member_client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_a_guessed_contact_identifier_gives_404(member_client, canary):
    token = contact_token(canary.user)
    forged = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    assert member_client.get(reverse("network:contact", args=[forged])).status_code == 404
    assert member_client.get(reverse("network:contact", args=[str(canary.user.pk)])).status_code == 404


def test_a_member_who_did_not_consent_has_no_contact_page(member_client, listed_member):
    hidden = listed_member("Oculta", "Reservada", consent_listed=False)
    assert member_client.get(reverse("network:contact", args=[contact_token(hidden.user)])).status_code == 404
    assert "Reservada" not in member_client.get(reverse("network:directory")).content.decode()
