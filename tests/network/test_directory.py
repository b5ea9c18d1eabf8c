"""The directory: listed members only, filters that combine as shareable URLs, stale marking, constant queries."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from network.models import InstitutionType

pytestmark = pytest.mark.django_db


def names(response):
    return {entry["membership"].user.last_name for entry in response.context["entries"]}


def test_directory_lists_only_vetted_members_who_consented(member_client, listed_member, membership_in_state):
    listed_member("Lista", "Visible")
    listed_member("Sin", "Consentimiento", consent_listed=False)
    membership_in_state("applicant", user__last_name="Solicitante")
    membership_in_state("suspended", user__last_name="Suspendida")
    membership_in_state("expired", user__last_name="Vencida")
    response = member_client.get(reverse("network:directory"))
    assert "Visible" in names(response)
    assert not {"Consentimiento", "Solicitante", "Suspendida", "Vencida"} & names(response)


def test_filters_combine_and_are_a_shareable_url(member_client, listed_member, institution, designate):
    ministry = institution("PA", "Ministerio de Relaciones Exteriores", InstitutionType.CENTRAL_AUTHORITY)
    police = institution("PA", "Policía Nacional", InstitutionType.POLICE)
    focal = listed_member(
        "Focal",
        "Coincide",
        code="PA",
        institution=ministry,
        practitioner_type="central_authority",
        specializations=["mla_extradition"],
        languages=["es", "en"],
    )
    designate(focal, "mla-request")
    listed_member(
        "Otro",
        "SinIngles",
        code="PA",
        institution=ministry,
        practitioner_type="central_authority",
        specializations=["mla_extradition"],
        languages=["es"],
    )
    listed_member(
        "Poli",
        "Policia",
        code="PA",
        institution=police,
        practitioner_type="police_investigator",
        specializations=["mla_extradition"],
        languages=["en"],
    )
    listed_member(
        "Mex",
        "Mexicana",
        code="MX",
        practitioner_type="central_authority",
        specializations=["mla_extradition"],
        languages=["en"],
    )

    url = reverse("network:directory")
    assert names(member_client.get(url, {"country": "PA"})) == {"Coincide", "SinIngles", "Policia"}
    assert names(member_client.get(url, {"country": "PA", "language": "en"})) == {"Coincide", "Policia"}
    assert names(
        member_client.get(url, {"country": "PA", "language": "en", "institution_type": "central_authority"})
    ) == {"Coincide"}
    assert names(member_client.get(url, {"practitioner_type": "central_authority", "language": "en"})) == {
        "Coincide",
        "Mexicana",
    }
    assert names(member_client.get(url, {"need": "mla-request"})) == {"Coincide"}
    assert names(member_client.get(url, {"specialization": "mla_extradition", "country": "MX"})) == {"Mexicana"}
    assert names(member_client.get(url, {"q": "Relaciones Exteriores"})) == {"Coincide", "SinIngles"}
    assert names(member_client.get(url, {"q": "poli"})) == {"Policia"}


def test_sorting_by_name_and_pagination_keep_the_filters(member_client, listed_member):
    for n in range(25):
        listed_member("Persona", f"Apellido{n:02d}", code="GT")
    url = reverse("network:directory")
    response = member_client.get(url, {"country": "GT", "sort": "-name"})
    page_one = [entry["membership"].user.last_name for entry in response.context["entries"]]
    assert page_one[0] == "Apellido24" and len(page_one) == 20
    assert "country=GT&amp;sort=-name&amp;page=2" in response.content.decode()
    page_two = member_client.get(url, {"country": "GT", "sort": "-name", "page": 2})
    assert [e["membership"].user.last_name for e in page_two.context["entries"]][-1] == "Apellido00"


def stale_marks(client, sign_in):
    from members.factories import MembershipFactory

    viewer = MembershipFactory(vetted=True, user__totp_secret=True)
    sign_in(client, viewer.user, viewer.user.totp_secret)
    response = client.get(reverse("network:directory"))
    return {e["membership"].user.last_name: e["stale"] for e in response.context["entries"]}, response


def test_entry_is_marked_stale_when_revalidation_is_overdue(client, sign_in, listed_member):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC), tick=False):
        listed_member("Al", "Dia", vetted_until=datetime.date(2026, 9, 1))
        listed_member("Por", "Vencer", vetted_until=datetime.date(2026, 4, 15))
        listed_member("Ya", "Atrasada", vetted_until=datetime.date(2026, 3, 20))
        marks, response = stale_marks(client, sign_in)
    assert (marks["Dia"], marks["Vencer"], marks["Atrasada"]) == (False, False, True)
    assert "entry--stale" in response.content.decode()
    # Three weeks later the first re-validation reminder (30 days before the end) is past and still unanswered.
    client.logout()
    with time_machine.travel(datetime.datetime(2026, 3, 22, 12, tzinfo=datetime.UTC), tick=False):
        marks, _response = stale_marks(client, sign_in)
    assert marks["Dia"] is False and marks["Vencer"] is True
    assert "Atrasada" not in marks  # lapsed on 20 March: no longer listed at all


def seed_directory(listed_member, institution, designate, count):
    ministry = institution()
    for n in range(count):
        membership = listed_member(
            "Colega",
            f"Numero{n:03d}",
            code="PA",
            institution=ministry,
            specializations=["trafficking", "mla_extradition"],
            languages=["es", "en"],
        )
        designate(membership, "mla-request")


def test_directory_runs_the_same_number_of_queries_whatever_the_page_size(
    member_client, listed_member, institution, designate, django_assert_max_num_queries
):
    seed_directory(listed_member, institution, designate, 60)
    url = reverse("network:directory")
    member_client.get(url, {"country": "PA"})  # warm up the session and the content-type caches
    # The page's own queries, plus the hour's count of contacts seen and the one insert recording those shown.
    with django_assert_max_num_queries(15 + 2) as small:
        assert len(member_client.get(url, {"country": "PA", "per_page": 20}).context["entries"]) == 20
    with django_assert_max_num_queries(15 + 2) as large:
        assert len(member_client.get(url, {"country": "PA", "per_page": 50}).context["entries"]) == 50
    assert len(small.captured_queries) == len(large.captured_queries)


def test_every_directory_filter_reads_an_indexed_column():
    from members.models import Membership
    from network.models import FocalPointDesignation, Institution

    def indexed(model, name):
        field = model._meta.get_field(name)
        leading = {index.fields[0] for index in model._meta.indexes}
        return field.db_index or field.unique or name in leading

    for model, column in [
        (Membership, "country"),
        (Membership, "institution"),
        (Membership, "practitioner_type"),
        (Membership, "status"),
        (Institution, "institution_type"),
        (FocalPointDesignation, "need"),
        (FocalPointDesignation, "member"),
    ]:
        assert indexed(model, column), f"{model.__name__}.{column}"
    for relation in ["specializations", "languages"]:
        through = Membership._meta.get_field(relation).remote_field.through
        assert all(field.db_index for field in through._meta.fields if field.is_relation), relation
