"""The vetting queue in the Wagtail admin: vetters see pending applications and decide; every decision is
recorded in Wagtail's audit log and on the member's history, and the member is told in their language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from members.factories import MembershipFactory
from members.models import ApplicationFlag, MembershipStatus


@pytest.fixture
def pending(db):
    return [
        MembershipFactory(user__first_name="Rosa", user__last_name="Aguilar Ficticia", language="es"),
        MembershipFactory(
            user__first_name="John",
            user__last_name="Fictional",
            language="en",
            flags=[ApplicationFlag.EMAIL_DOMAIN],
            endorser_name="Marta Supervisora",
        ),
    ]


def test_vetters_see_pending_applications_with_flags_and_endorsement(
    vetter_client, pending, django_assert_max_num_queries
):
    MembershipFactory(vetted=True, user__last_name="Already Vetted")
    with django_assert_max_num_queries(30):
        response = vetter_client.get(reverse("vetting:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aguilar Ficticia" in content
    assert "Marta Supervisora" in content
    assert "Already Vetted" not in content


def test_vetting_queue_query_count_does_not_grow_with_applications(
    vetter_client, pending, django_assert_max_num_queries
):
    vetter_client.get(reverse("vetting:index"))
    with django_assert_max_num_queries(30) as few:
        vetter_client.get(reverse("vetting:index"))
    MembershipFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        vetter_client.get(reverse("vetting:index"))


def test_editors_and_members_cannot_open_the_vetting_queue(editor_client, pending):
    assert editor_client.get(reverse("vetting:index")).status_code in (302, 403)
    response = editor_client.get(reverse("vetting:decide", args=[pending[0].pk]))
    assert response.status_code in (302, 403)


def test_approval_vets_the_member_logs_it_and_mails_them_in_their_language(vetter_client, pending):
    applicant = pending[1]  # English-speaking
    mail.outbox.clear()
    response = vetter_client.post(reverse("vetting:decide", args=[applicant.pk]), {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.VETTED
    assert applicant.is_vetted
    decision = applicant.decisions.first()
    assert (decision.action, decision.previous_status, decision.new_status) == ("approve", "applicant", "vetted")
    assert decision.decided_by == vetter_client.user
    entry = ModelLogEntry.objects.get(action="members.approve", object_id=str(applicant.pk))
    assert entry.user == vetter_client.user
    assert entry.data["previous_status"] == "applicant"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.user.email]
    assert "approved" in mail.outbox[0].subject


def test_rejection_needs_a_reason_which_the_applicant_reads_in_spanish(vetter_client, pending):
    applicant = pending[0]
    url = reverse("vetting:decide", args=[applicant.pk])
    assert vetter_client.post(url, {"decision": "reject", "reason": ""}).status_code == 200
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLICANT
    mail.outbox.clear()
    vetter_client.post(url, {"decision": "reject", "reason": "La institución no confirmó su cargo."})
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.REJECTED
    assert "La institución no confirmó su cargo." in mail.outbox[0].body
    with translation.override("es"):
        assert mail.outbox[0].subject == gettext("Your application to Enlace")


def test_asking_for_more_information_keeps_the_application_pending(vetter_client, pending):
    applicant = pending[0]
    vetter_client.post(
        reverse("vetting:decide", args=[applicant.pk]),
        {"decision": "request_info", "reason": "¿Puede indicar su unidad?"},
    )
    applicant.refresh_from_db()
    assert applicant.status == MembershipStatus.APPLICANT
    assert applicant.information_requested == "¿Puede indicar su unidad?"
    assert ModelLogEntry.objects.filter(action="members.request_info").count() == 1


def test_the_member_history_shows_every_decision(vetter_client, pending):
    applicant = pending[0]
    vetter_client.post(reverse("vetting:decide", args=[applicant.pk]), {"decision": "approve", "reason": "ok"})
    response = vetter_client.get(reverse("vetting:history", args=[applicant.pk]))
    assert response.status_code == 200
    decide_page = vetter_client.get(reverse("vetting:decide", args=[applicant.pk]))
    assert "ok" in decide_page.content.decode()
