"""Every look at a contact is recorded; past the hourly limit a member is stopped and administrators are told."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from network.directory import contact_token
from network.models import ContactAccess
from network.models.contact_access import AppendOnlyError

pytestmark = pytest.mark.django_db


def test_contact_detail_view_writes_an_audit_record(member_client, canary):
    response = member_client.get(
        reverse("network:contact", args=[contact_token(canary.user)]), REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 200
    assert "+507 500 0000" in response.content.decode()
    access = ContactAccess.objects.get()
    assert (access.viewer, access.contact, access.kind) == (member_client.user, canary.user, ContactAccess.Kind.VIEW)
    assert access.ip_address == "203.0.113.7"


def test_vcard_download_writes_an_audit_record_and_is_a_vcard(member_client, canary):
    response = member_client.get(reverse("network:vcard", args=[contact_token(canary.user)]))
    assert response["Content-Type"].startswith("text/vcard")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith("BEGIN:VCARD") and "FN:Zacarías Canario-Prueba" in body
    assert f"EMAIL;TYPE=INTERNET,WORK:{canary.user.email}" in body
    assert ContactAccess.objects.get().kind == ContactAccess.Kind.VCARD


def test_audit_records_cannot_be_changed_or_deleted(member_client, canary):
    member_client.get(reverse("network:contact", args=[contact_token(canary.user)]))
    access = ContactAccess.objects.get()
    access.kind = ContactAccess.Kind.VCARD
    with pytest.raises(AppendOnlyError):
        access.save()
    with pytest.raises(AppendOnlyError):
        access.delete()
    with pytest.raises(AppendOnlyError):
        ContactAccess.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        ContactAccess.objects.update(ip_address="198.51.100.1")


@override_settings(DIRECTORY_CONTACT_VIEWS_PER_HOUR=3)
def test_past_the_hourly_limit_the_member_gets_429_and_administrators_one_notice(
    member_client, canary, listed_member, django_user_model
):
    django_user_model.objects.create_superuser(email="admin@example.org", password="x" * 16)
    colleague = listed_member("Otra", "Colega")
    detail = reverse("network:contact", args=[contact_token(canary.user)])
    vcard = reverse("network:vcard", args=[contact_token(colleague.user)])
    for url in [detail, vcard, detail]:
        assert member_client.get(url).status_code == 200
    refused = member_client.get(vcard)
    assert refused.status_code == 429
    assert "Limit reached" in refused.content.decode() or "Límite alcanzado" in refused.content.decode()
    assert "BEGIN:VCARD" not in refused.content.decode()
    assert member_client.get(detail).status_code == 429
    assert len(mail.outbox) == 1, "administrators are told once an hour, not on every refusal"
    assert mail.outbox[0].to == ["admin@example.org"]
    assert member_client.user.email in mail.outbox[0].subject
    assert ContactAccess.objects.filter(kind=ContactAccess.Kind.REFUSED).count() == 2


def test_members_own_entry_shows_how_many_times_colleagues_viewed_it(client, sign_in, canary, member_client):
    url = reverse("network:contact", args=[contact_token(canary.user)])
    member_client.get(url)
    member_client.get(reverse("network:vcard", args=[contact_token(canary.user)]))
    member_client.logout()
    from members.factories import activate_totp

    secret = activate_totp(canary.user)
    sign_in(client, canary.user, secret)
    response = client.get(url)
    assert response.context["times_viewed"] == 2
    assert ContactAccess.objects.filter(viewer=canary.user).count() == 0, "looking at oneself is not recorded"


def test_administrators_review_the_audit_log_in_the_admin_but_cannot_change_it(admin_client, member_client, canary):
    member_client.get(reverse("network:contact", args=[contact_token(canary.user)]))
    access = ContactAccess.objects.get()
    listing = admin_client.get(reverse("contactaccess:index"), {"kind": "view"})
    assert listing.status_code == 200
    assert canary.user.email in listing.content.decode()
    assert admin_client.get(reverse("contactaccess:inspect", args=[access.pk])).status_code == 200
    assert admin_client.get(reverse("contactaccess:edit", args=[access.pk])).status_code in (302, 403)
    assert admin_client.post(reverse("contactaccess:delete", args=[access.pk])).status_code in (302, 403)
    assert admin_client.get(reverse("contactaccess:add")).status_code in (302, 403)
    assert ContactAccess.objects.count() == 1


def test_editors_cannot_read_the_audit_log(editor_client):
    assert editor_client.get(reverse("contactaccess:index")).status_code in (302, 403)
