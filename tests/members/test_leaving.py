"""Leaving the network: out of the directory at once, signed out everywhere, personal data erased after the
retention period by a command, while the vetting trail keeps only states, dates and who decided."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from members import access, vetting
from members.models import ContactChange, Membership, MembershipStatus


def test_a_member_who_leaves_disappears_from_the_directory_and_is_signed_out(member_client, vetted_member):
    assert access.listed_members().filter(pk=vetted_member.pk).exists()
    response = member_client.post(reverse("members:leave"), {"confirm": "on"})
    assert response.status_code == 302
    vetted_member.refresh_from_db()
    assert vetted_member.status == MembershipStatus.LEFT
    assert not access.listed_members().filter(pk=vetted_member.pk).exists()
    assert "_auth_user_id" not in member_client.session


def test_leaving_needs_a_confirmation(member_client, vetted_member):
    assert member_client.post(reverse("members:leave"), {}).status_code == 200
    vetted_member.refresh_from_db()
    assert vetted_member.status == MembershipStatus.VETTED


@pytest.mark.django_db
def test_personal_data_is_erased_after_the_retention_period_and_the_trail_stays(vetted_member, settings):
    settings.ENLACE_RETENTION_DAYS_AFTER_LEAVING = 90
    user = vetted_member.user
    ContactChange.objects.create(membership=vetted_member, field_name="phone", old_value="+52 1", new_value="+52 2")
    vetting.suspend(vetted_member, by=None, reason=f"{user.get_full_name()} changed jobs")
    vetting.reinstate(vetted_member, by=None)
    vetting.leave(vetted_member, by=user)

    with time_machine.travel(datetime.timedelta(days=89)):
        call_command("erase_departed_members")
    vetted_member.refresh_from_db()
    assert vetted_member.erased_at is None

    with time_machine.travel(datetime.timedelta(days=91)):
        call_command("erase_departed_members")
        call_command("erase_departed_members")  # idempotent
    membership = Membership.objects.select_related("user").get(pk=vetted_member.pk)
    assert membership.erased_at is not None
    assert membership.user.email.endswith("@erased.invalid")
    assert (membership.user.first_name, membership.user.last_name, membership.phone) == ("", "", "")
    assert not membership.user.is_active
    assert not membership.contact_changes.exists()
    trail = list(membership.decisions.order_by("decided_at", "id").values_list("action", "new_status", "reason"))
    assert [row[:2] for row in trail] == [
        ("suspend", "suspended"),
        ("reinstate", "vetted"),
        ("leave", "left"),
    ]
    assert all(reason == "" for _action, _status, reason in trail)
    entries = ModelLogEntry.objects.filter(object_id=str(membership.pk), content_type__model="membership")
    assert entries.count() == 3
    assert all(user.last_name not in entry.label and not entry.data for entry in entries)
