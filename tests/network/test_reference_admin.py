"""Editors keep the reference data in the Wagtail admin; vetters and editors designate focal points."""

import pytest
from django.urls import reverse

from network.models import FocalPointDesignation, Institution

pytestmark = pytest.mark.django_db


def test_editor_adds_an_institution_in_the_admin(editor_client, country):
    response = editor_client.post(
        reverse("wagtailsnippets_network_institution:add"),
        {
            "name": "Fiscalía Especial de Prueba",
            "acronym": "FEP",
            "institution_type": "specialized_unit",
            "country": country("HN").pk,
            "email_domains": "mp.hn",
            "website": "https://www.mp.hn",
            "switchboard": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert Institution.objects.get(name="Fiscalía Especial de Prueba").owns_email("ana@mp.hn")


def test_network_menu_lists_the_reference_data_for_editors(editor_client):
    for name in ["country", "institution", "need", "countrysheet", "focalpointdesignation"]:
        assert editor_client.get(reverse(f"wagtailsnippets_network_{name}:list")).status_code == 200, name


def test_vetter_designates_a_vetted_member_and_is_recorded_as_designating(
    vetter_client, listed_member, institution, need
):
    member = listed_member("Nueva", "Focal", institution=institution())
    response = vetter_client.post(
        reverse("wagtailsnippets_network_focalpointdesignation:add"),
        {"member": member.user.pk, "need": need("extradition").pk, "institution": "", "start_date": "2026-01-05"},
    )
    assert response.status_code == 302, response.context["form"].errors
    designation = FocalPointDesignation.objects.get()
    assert designation.institution == member.institution
    assert designation.designated_by == vetter_client.user


def test_an_applicant_cannot_be_designated(editor_client, applicant, need):
    response = editor_client.post(
        reverse("wagtailsnippets_network_focalpointdesignation:add"),
        {"member": applicant.user.pk, "need": need("extradition").pk, "institution": "", "start_date": "2026-01-05"},
    )
    assert response.status_code == 200
    assert not FocalPointDesignation.objects.exists()


def test_a_lapsed_members_designation_can_still_be_ended(editor_client, listed_member, institution, designate):
    import datetime

    from django.utils import timezone

    member = listed_member("Ya", "Vencida", institution=institution())
    designation = designate(member, "extradition")
    type(member).objects.filter(pk=member.pk).update(vetted_until=timezone.localdate() - datetime.timedelta(days=1))
    ended = timezone.localdate().isoformat()
    response = editor_client.post(
        reverse("wagtailsnippets_network_focalpointdesignation:edit", args=[designation.pk]),
        {
            "member": member.user.pk,
            "need": designation.need.pk,
            "institution": designation.institution.pk,
            "start_date": designation.start_date.isoformat(),
            "end_date": ended,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    designation.refresh_from_db()
    assert designation.end_date.isoformat() == ended
