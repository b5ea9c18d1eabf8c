"""Country sheets: a public part for everyone, a members-only part, and editors told when one is overdue."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from network.models import CountrySheet, LegalInstrument

pytestmark = pytest.mark.django_db


@pytest.fixture
def honduras_sheet(country, institution):
    sheet = CountrySheet.objects.create(
        country=country("HN"),
        mla_central_authority=institution("HN", "Secretaría de Relaciones Exteriores y Cooperación Internacional"),
        accepted_languages="es",
        channel_diplomatic=True,
        channel_interpol=True,
        legal_requirements_es="<p>Traducción oficial al español.</p>",
        legal_requirements_en="<p>Official translation into Spanish.</p>",
        urgent_procedure_es="<p>Adelante la solicitud por correo al fiscal de turno.</p>",
        urgent_procedure_en="<p>Send the request ahead by e-mail to the duty prosecutor.</p>",
        practical_tips_es="<p>Consejo reservado para miembros.</p>",
        practical_tips_en="<p>Tip reserved for members.</p>",
        last_reviewed=timezone.localdate(),
    )
    LegalInstrument.objects.create(
        sheet=sheet, title_es="Ley contra la Trata de Personas", title_en="Law against Trafficking in Persons"
    )
    return sheet


def test_anyone_reads_the_public_part_but_not_the_members_part(client, honduras_sheet):
    response = client.get(reverse("network:country", args=["HN"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Secretaría de Relaciones Exteriores y Cooperación Internacional" in body
    assert "Traducción oficial al español." in body
    assert "Ley contra la Trata de Personas" in body
    assert "fiscal de turno" not in body
    assert "Consejo reservado" not in body


def test_sheet_speaks_the_readers_language(client, honduras_sheet):
    with translation.override("en"):
        english_url = reverse("network:country", args=["HN"])
    body = client.get(english_url).content.decode()
    assert "Official translation into Spanish." in body
    assert "Law against Trafficking in Persons" in body


def test_full_member_reads_the_members_part_privately(member_client, honduras_sheet):
    response = member_client.get(reverse("network:country", args=["HN"]))
    body = response.content.decode()
    assert "fiscal de turno" in body and "Consejo reservado" in body
    assert "no-store" in response["Cache-Control"]


def test_vetted_member_without_mfa_does_not_read_the_members_part(vetted_no_mfa_client, honduras_sheet):
    body = vetted_no_mfa_client.get(reverse("network:country", args=["HN"]), follow=True).content.decode()
    assert "Consejo reservado" not in body


def test_country_list_shows_the_region(client, honduras_sheet):
    body = client.get(reverse("network:countries")).content.decode()
    for name in ["México", "Guatemala", "Belice", "El Salvador", "Honduras", "Nicaragua", "Costa Rica", "Panamá"]:
        assert name in body


def test_sheet_not_reviewed_for_a_year_is_flagged_to_editors(editor_client, honduras_sheet, country):
    fresh = CountrySheet.objects.create(country=country("CR"), last_reviewed=timezone.localdate())
    with time_machine.travel(timezone.now() + datetime.timedelta(days=200)):
        assert list(CountrySheet.objects.overdue_for_review()) == []
    CountrySheet.objects.filter(pk=honduras_sheet.pk).update(
        last_reviewed=timezone.localdate() - datetime.timedelta(days=400)
    )
    assert list(CountrySheet.objects.overdue_for_review()) == [honduras_sheet]

    listing = editor_client.get(reverse("wagtailsnippets_network_countrysheet:list"), {"review_overdue": "true"})
    assert listing.status_code == 200
    sheets = list(listing.context["object_list"])
    assert honduras_sheet in sheets and fresh not in sheets

    dashboard = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "overdue-country-sheets" in dashboard
    assert reverse("wagtailsnippets_network_countrysheet:edit", args=[honduras_sheet.pk]) in dashboard


def test_editor_opens_a_sheet_in_the_admin_with_its_public_members_and_per_need_tabs(editor_client, honduras_sheet):
    response = editor_client.get(reverse("wagtailsnippets_network_countrysheet:edit", args=[honduras_sheet.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Members-only part" in body or "Parte solo para miembros" in body
    assert editor_client.get(reverse("wagtailsnippets_network_countrysheet:add")).status_code == 200
