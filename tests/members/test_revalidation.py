"""Staying current: reminders 30 and 7 days before expiry (once each), expiry that ends access and sessions,
re-confirmation that renews or, if the institution or position changed, goes back to vetting."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members.factories import MembershipFactory
from members.models import ContactChange, MembershipStatus

pytestmark = pytest.mark.django_db


def days_from_now(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def test_reminders_go_out_30_and_7_days_before_expiry_once_each():
    membership = MembershipFactory(vetted=True, vetted_until=days_from_now(40))
    call_command("send_revalidation_reminders")
    assert len(mail.outbox) == 0
    with time_machine.travel(datetime.timedelta(days=10, hours=1)):
        call_command("send_revalidation_reminders")
        call_command("send_revalidation_reminders")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [membership.user.email]
    with time_machine.travel(datetime.timedelta(days=33, hours=1)):
        call_command("send_revalidation_reminders")
        call_command("send_revalidation_reminders")
    assert len(mail.outbox) == 2


def test_overdue_memberships_expire_and_lose_access(member_client, vetted_member):
    assert member_client.get(reverse("members:home")).status_code == 200
    vetted_member.vetted_until = days_from_now(1)
    vetted_member.save()
    with time_machine.travel(datetime.timedelta(days=2)):
        call_command("expire_memberships")
        vetted_member.refresh_from_db()
        assert vetted_member.status == MembershipStatus.EXPIRED
        assert vetted_member.decisions.first().action == "expire"
        response = member_client.get(reverse("members:home"))
    assert response.status_code == 302  # signed out at once
    assert any("expired" in m.subject.lower() or "venció" in m.subject for m in mail.outbox)


def test_a_lapsed_but_not_yet_expired_membership_opens_nothing(member_client, vetted_member):
    with time_machine.travel(vetted_member.vetted_until + datetime.timedelta(days=2)):
        assert not type(vetted_member).objects.get(pk=vetted_member.pk).is_vetted


def reconfirm_data(membership, **overrides):
    data = {
        "first_name": membership.user.first_name,
        "last_name": membership.user.last_name,
        "country": membership.country_id,
        "institution": "",
        "proposed_institution": membership.proposed_institution or "Unidad de prueba",
        "position": membership.position,
        "practitioner_type": membership.practitioner_type,
        "specializations": list(membership.specializations.values_list("pk", flat=True)),
        "languages": list(membership.languages.values_list("pk", flat=True)),
        "phone": membership.phone,
        "consent_listed": "on",
        "confirm": "on",
    }
    data.update(overrides)
    return data


def test_reconfirming_unchanged_details_renews_for_a_year(member_client, vetted_member):
    vetted_member.proposed_institution = "Unidad de prueba"
    vetted_member.vetted_until = days_from_now(5)
    vetted_member.save()
    response = member_client.post(reverse("members:revalidate"), reconfirm_data(vetted_member))
    assert response.status_code == 302
    vetted_member.refresh_from_db()
    assert vetted_member.status == MembershipStatus.VETTED
    assert vetted_member.vetted_until == days_from_now(365)


def test_a_new_position_sends_the_member_back_to_vetting_and_is_logged(member_client, vetted_member):
    vetted_member.proposed_institution = "Unidad de prueba"
    vetted_member.save()
    old_position = vetted_member.position
    member_client.post(reverse("members:revalidate"), reconfirm_data(vetted_member, position="Fiscal coordinadora"))
    vetted_member.refresh_from_db()
    assert vetted_member.status == MembershipStatus.APPLICANT
    change = ContactChange.objects.get(membership=vetted_member, field_name="position")
    assert (change.old_value, change.new_value) == (old_position, "Fiscal coordinadora")
    assert member_client.get(reverse("members:home")).url == reverse("members:under_review")


def test_a_new_phone_number_is_logged_without_new_vetting(member_client, vetted_member):
    vetted_member.proposed_institution = "Unidad de prueba"
    vetted_member.save()
    data = reconfirm_data(vetted_member, phone="+502 2411 9191")
    data.pop("confirm")
    response = member_client.post(reverse("members:profile"), data)
    assert response.status_code == 302
    vetted_member.refresh_from_db()
    assert vetted_member.status == MembershipStatus.VETTED
    assert ContactChange.objects.get(membership=vetted_member).new_value == "+502 2411 9191"
