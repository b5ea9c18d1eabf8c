"""The counterpart finder: institutions and guidance for everyone; focal points first, then ranked colleagues."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import Channel, CountrySheet, InstitutionType, NeedGuidance

pytestmark = pytest.mark.django_db


@pytest.fixture
def panama_sheet(country, institution, need):
    ministry = institution("PA", "Ministerio de Relaciones Exteriores", InstitutionType.CENTRAL_AUTHORITY)
    sheet = CountrySheet.objects.create(
        country=country("PA"),
        mla_central_authority=ministry,
        accepted_languages="es en",
        last_reviewed=timezone.localdate(),
    )
    NeedGuidance.objects.create(
        sheet=sheet,
        need=need("mla-request"),
        institution=ministry,
        channel=Channel.DIRECT,
        languages="es",
        requirements_en="Request in Spanish, signed by the requesting prosecutor.",
        requirements_es="Solicitud en español, firmada por el fiscal requirente.",
        urgent_procedure_en="Call the duty officer of the Directorate of Legal Affairs.",
        urgent_procedure_es="Llame al oficial de turno de la Dirección de Asuntos Jurídicos.",
    )
    return sheet


def finder(client, **params):
    return client.get(reverse("network:finder", args=[]), params)


def test_focal_points_come_first_then_colleagues_ranked_by_specialization_and_language(
    member_client, listed_member, institution, designate
):
    asker = member_client.user.membership
    asker.specializations.set(asker.specializations.model.objects.filter(code__in=["trafficking", "mla_extradition"]))
    asker.languages.set(asker.languages.model.objects.filter(code__in=["es", "en"]))
    ministry = institution()
    focal = listed_member("Focal", "Designada", institution=ministry, specializations=[], languages=["fr"])
    designate(focal, "mla-request")
    listed_member("Sin", "Coincidencia", specializations=["digital_evidence"], languages=["fr"])
    listed_member("Una", "Especialidad", specializations=["trafficking"], languages=["fr"])
    listed_member("Dos", "Especialidades", specializations=["trafficking", "mla_extradition"], languages=["fr"])
    listed_member("Dos", "YIdioma", specializations=["trafficking", "mla_extradition"], languages=["en"])
    listed_member("Otro", "Pais", code="CR", specializations=["trafficking", "mla_extradition"], languages=["en"])

    result = finder(member_client, country="PA", need="mla-request").context["result"]
    assert [m.user.last_name for m in result.focal_points] == ["Designada"]
    assert [m.user.last_name for m in result.others] == ["YIdioma", "Especialidades", "Especialidad", "Coincidencia"]


def test_requested_language_ranks_colleagues_who_work_in_it_higher(member_client, listed_member):
    listed_member("Habla", "Espanol", specializations=[], languages=["es"])
    listed_member("Habla", "Frances", specializations=[], languages=["fr"])
    result = finder(member_client, country="PA", need="extradition", language="fr").context["result"]
    assert [m.user.last_name for m in result.others] == ["Frances", "Espanol"]


def test_ended_designation_no_longer_makes_a_focal_point(member_client, listed_member, institution, designate):
    former = listed_member("Antes", "Focal", institution=institution())
    designate(former, "mla-request", end_date=timezone.localdate() - datetime.timedelta(days=1))
    response = finder(member_client, country="PA", need="mla-request")
    assert response.context["result"].focal_points == []
    assert "no designated focal point" in response.content.decode() or "punto focal designado" in (
        response.content.decode()
    )


def test_finder_shows_the_sheet_guidance_and_institution_route(member_client, panama_sheet):
    response = finder(member_client, country="PA", need="mla-request")
    result = response.context["result"]
    assert [i.name for i in result.institutions] == ["Ministerio de Relaciones Exteriores"]
    assert result.guidance.channel == Channel.DIRECT
    body = response.content.decode()
    assert "Ministerio de Relaciones Exteriores" in body
    assert "firmada por el fiscal requirente" in body
    assert "oficial de turno" in body, "full members see the urgent procedure"


def test_anonymous_visitor_gets_the_institution_route_without_people_or_urgent_procedure(
    client, panama_sheet, listed_member, designate
):
    focal = listed_member("Persona", "Escondida", institution=panama_sheet.mla_central_authority)
    designate(focal, "mla-request")
    response = finder(client, country="PA", need="mla-request")
    body = response.content.decode()
    assert "Ministerio de Relaciones Exteriores" in body
    assert "firmada por el fiscal requirente" in body
    assert "Escondida" not in body
    assert "oficial de turno" not in body
    assert response.context["result"].has_focal_point
    assert "join-cta" in body


#: A full member's finder page: the session, the account, the membership and its groups (4); the three reference
#: lists, each read once for the select and the submitted answer (3); the sheet with its central authorities and
#: the need's guidance (1); the designated institutions (1); the focal points and the ranked others (2), and their
#: specializations, languages and focal point roles, fetched for both lists together (3).
FINDER_QUERIES_FOR_MEMBERS = 14
#: A visitor's: the three reference lists, the sheet with the guidance and the designated institutions.
FINDER_QUERIES_FOR_VISITORS = 5


def test_finder_runs_the_same_number_of_queries_whatever_the_number_of_members(
    member_client, listed_member, institution, designate, panama_sheet, django_assert_num_queries
):
    ministry = institution()
    for n in range(3):
        designate(listed_member("Focal", f"F{n}", institution=ministry), "mla-request")
        listed_member("Otro", f"O{n}")
    finder(member_client, country="PA", need="mla-request")
    with django_assert_num_queries(FINDER_QUERIES_FOR_MEMBERS):
        finder(member_client, country="PA", need="mla-request")
    for n in range(3, 12):
        designate(listed_member("Focal", f"F{n}", institution=ministry), "mla-request")
        listed_member("Otro", f"O{n}")
    with django_assert_num_queries(FINDER_QUERIES_FOR_MEMBERS):
        response = finder(member_client, country="PA", need="mla-request")
    assert len(response.context["result"].focal_points) == 12
    assert len(response.context["result"].others) == 10


def test_finder_costs_the_same_without_a_sheet_or_guidance_for_the_need(
    member_client, panama_sheet, listed_member, django_assert_num_queries
):
    listed_member("Otro", "Colega", code="PA")
    listed_member("Otra", "Colega", code="CR")
    for country, need in (("PA", "extradition"), ("CR", "mla-request")):
        finder(member_client, country=country, need=need)
        with django_assert_num_queries(FINDER_QUERIES_FOR_MEMBERS):
            result = finder(member_client, country=country, need=need).context["result"]
        assert result.guidance is None


def test_visitors_finder_runs_a_fixed_number_of_queries(
    client, panama_sheet, listed_member, institution, designate, django_assert_num_queries
):
    designate(listed_member("Focal", "Uno", institution=institution()), "mla-request")
    finder(client, country="PA", need="mla-request")
    with django_assert_num_queries(FINDER_QUERIES_FOR_VISITORS):
        response = finder(client, country="PA", need="mla-request")
    assert response.context["result"].has_focal_point
    assert "Ministerio de Relaciones Exteriores" in response.content.decode()
