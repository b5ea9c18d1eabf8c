"""The audit trail: security events are recorded, administrators read them in the admin with filters, and no one
can change or delete a record through the application."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.log_actions import LogContext

from audit.models import AuditAction, AuditEvent, AuditRecordImmutable
from members.factories import DEFAULT_PASSWORD, MembershipFactory, totp_code

pytestmark = pytest.mark.django_db


def events(action):
    return list(AuditEvent.objects.filter(action=action))


@pytest.fixture
def administrator_client(client, sign_in):
    membership = MembershipFactory(vetted=True, user__email="administrator@example.org", user__totp_secret=True)
    membership.user.groups.add(Group.objects.get(name="Administrator"))
    return sign_in(client, membership.user, membership.user.totp_secret)


def test_a_sign_in_is_recorded_with_who_and_from_where(member_client):
    (login,) = events(AuditAction.LOGIN)
    assert login.actor == member_client.user
    assert login.actor_email == member_client.user.email
    assert login.ip_address == "127.0.0.1"


def test_a_failed_sign_in_is_recorded_without_the_password(client, vetted_member):
    client.post(reverse("account_login"), {"login": vetted_member.user.email, "password": "wrong-Passphrase-42"})
    (failure,) = events(AuditAction.LOGIN_FAILED)
    assert failure.subject == vetted_member.user.email
    assert "wrong-Passphrase-42" not in str(AuditEvent.objects.values_list())


def test_a_password_typed_into_the_email_box_is_not_recorded(client):
    client.post(reverse("account_login"), {"login": "my secret passphrase", "password": "x"})
    assert "passphrase" not in str(AuditEvent.objects.values_list())


def test_a_wrong_second_factor_code_is_recorded(client, vetted_member):
    client.post(reverse("account_login"), {"login": vetted_member.user.email, "password": DEFAULT_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert [event.detail for event in events(AuditAction.LOGIN_FAILED)] == ["second factor"]


@pytest.mark.django_db(transaction=True)  # allauth announces it once the transaction commits, still in the request
def test_setting_up_a_second_factor_is_recorded(vetted_no_mfa_client):
    client = vetted_no_mfa_client
    client.post(reverse("account_reauthenticate"), {"password": DEFAULT_PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    added = events(AuditAction.MFA_ADDED)
    assert {event.detail for event in added} >= {"totp"}
    assert {event.subject for event in added} == {client.user.email}


def test_a_vetting_decision_is_recorded_with_who_decided(vetter_client, applicant):
    from members import vetting

    vetting.approve(applicant, by=vetter_client.user, reason="Known to the network")
    (decision,) = [event for event in events(AuditAction.VETTING_DECISION) if event.subject == applicant.user.email]
    assert decision.actor == vetter_client.user
    assert "approve" in decision.detail


def test_giving_and_taking_a_role_is_recorded_with_who_did_it(admin_user, applicant):
    editor = Group.objects.get(name="Editor")
    with LogContext(user=admin_user):
        applicant.user.groups.add(editor)
        editor.user_set.remove(applicant.user)
    (given,) = events(AuditAction.ROLE_ADDED)
    (taken,) = events(AuditAction.ROLE_REMOVED)
    assert given.actor == admin_user and given.subject == applicant.user.email and given.detail == "Editor"
    assert taken.detail == "Editor"


def test_contact_views_recorded_by_the_directory_appear_in_the_audit_trail(vetted_member, applicant):
    from network.models import ContactAccess

    ContactAccess.objects.create(
        viewer=vetted_member.user,
        viewer_email=vetted_member.user.email,
        contact=applicant.user,
        contact_email=applicant.user.email,
        kind=ContactAccess.Kind.VCARD,
        ip_address="10.0.0.7",
    )
    (download,) = events(AuditAction.CONTACT_DOWNLOADED)
    assert download.actor_email == vetted_member.user.email and download.subject == applicant.user.email


def test_a_restricted_document_download_is_recorded(member_client):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    restricted = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type="login")
    document = get_document_model().objects.create(
        title="Operational guide", collection=restricted, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="guide.pdf")
    )
    assert member_client.get(document.url).status_code == 200
    (download,) = events(AuditAction.DOCUMENT_DOWNLOADED)
    assert download.actor == member_client.user and "Operational guide" in download.subject


def test_administrators_read_the_audit_log_filtered_by_action_user_and_date(
    administrator_client, django_assert_max_num_queries
):
    for index in range(30):
        AuditEvent.objects.create(action=AuditAction.LOGIN_FAILED, actor_email=f"probe{index}@example.org")
    with django_assert_max_num_queries(30):
        response = administrator_client.get(reverse("audit_events"))
    assert response.status_code == 200
    assert "probe29@example.org" in response.content.decode()

    response = administrator_client.get(reverse("audit_events"), {"action": "login_failed", "actor_email": "probe7"})
    listed = list(response.context["object_list"])
    assert {event.actor_email for event in listed} == {"probe7@example.org"}

    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = administrator_client.get(reverse("audit_events"), {"at_from": tomorrow})
    assert list(response.context["object_list"]) == []


def test_exports_are_recorded(administrator_client):
    response = administrator_client.get(reverse("audit_events"), {"export": "csv"})
    assert response.status_code == 200
    (export,) = events(AuditAction.EXPORT)
    assert export.actor == administrator_client.user and export.detail == "csv"


@pytest.mark.parametrize("role_client", ["editor_client", "vetter_client", "member_client"])
def test_only_administrators_may_read_the_audit_log(request, role_client):
    client = request.getfixturevalue(role_client)
    response = client.get(reverse("audit_events"))
    assert response.status_code in (302, 403)
    assert "audit_events" not in str(getattr(response, "context", None) or "")


def test_an_audit_record_cannot_be_changed_or_deleted():
    event = AuditEvent.objects.create(action=AuditAction.LOGIN, actor_email="someone@example.org")
    event.actor_email = "someone-else@example.org"
    with pytest.raises(AuditRecordImmutable):
        event.save()
    with pytest.raises(AuditRecordImmutable):
        event.delete()
    with pytest.raises(AuditRecordImmutable):
        AuditEvent.objects.filter(pk=event.pk).update(actor_email="x@example.org")
    with pytest.raises(AuditRecordImmutable):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).actor_email == "someone@example.org"


def test_the_admin_offers_no_view_that_edits_or_deletes_a_record(administrator_client):
    event = AuditEvent.objects.create(action=AuditAction.LOGIN, actor_email="someone@example.org")
    for name in ("audit_events_edit", "audit_events_delete", "audit_auditevent:edit", "audit_auditevent:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=(event.pk,))
    for suffix in ("edit", "delete"):
        response = administrator_client.post(f"/admin/reports/audit/{event.pk}/{suffix}/", follow=True)
        assert response.status_code == 404
    from django.contrib.auth.models import Permission

    assert set(Permission.objects.filter(content_type__app_label="audit").values_list("codename", flat=True)) == {
        "view_auditevent"
    }
