"""Where audit records come from: signals of allauth, Django, Wagtail and our apps, turned into :class:`AuditEvent`.

Nothing here stores a secret: never a password, code or token, and for a failed sign-in only what was typed as
the e-mail address, and only when it looks like one (people sometimes type their password into the wrong box).
"""

import logging

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_save

from .models import AuditAction, AuditEvent

logger = logging.getLogger(__name__)


def client_ip(request):
    """The client's address as allauth determines it (honouring ``ALLAUTH_TRUSTED_PROXY_COUNT``), or ``None``."""
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request)
    except Exception:  # an audit record is written even when the address cannot be determined
        return request.META.get("REMOTE_ADDR") or None


def acting_user(request=None):
    """The user behind the current action: the request's, else the one Wagtail's admin views record as acting."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        from wagtail.log_actions import get_active_log_context

        context = get_active_log_context()
        user = getattr(context, "user", None) if context else None
    return user if user is not None and user.is_authenticated else None


def record(action, *, request=None, actor=None, actor_email="", subject="", detail=""):
    """Write one audit record. Other apps call this for events no signal announces (e.g. an export)."""
    actor = actor or acting_user(request)
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_email=(actor.email if actor is not None else actor_email)[:254],
        subject=str(subject)[:255],
        detail=str(detail)[:255],
        ip_address=client_ip(request),
    )


def on_login(sender, request, user, **kwargs):
    record(AuditAction.LOGIN, request=request, actor=user, subject=user.email)


def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(AuditAction.LOGOUT, request=request, actor=user, subject=user.email)


def on_login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("email") or credentials.get("login") or credentials.get("username") or "")
    typed = typed if "@" in typed and " " not in typed else ""
    record(AuditAction.LOGIN_FAILED, request=request, actor_email=typed, subject=typed, detail="password")


def on_mfa_failed(sender, request, user, **kwargs):
    record(AuditAction.LOGIN_FAILED, request=request, actor=user, subject=user.email, detail="second factor")


def _authenticator_receiver(action):
    def receiver(sender, request, user, authenticator, **kwargs):
        record(
            action,
            request=request,
            actor=acting_user(request) or user,
            subject=user.email,
            detail=str(authenticator.type),
        )

    return receiver


def on_password_changed(sender, request, user, **kwargs):
    record(AuditAction.PASSWORD_CHANGED, request=request, actor=user, subject=user.email)


def on_password_reset(sender, request, user, **kwargs):
    record(AuditAction.PASSWORD_RESET, request=request, actor=user, subject=user.email)


def on_vetting_decision(sender, instance, created, **kwargs):
    if not created:
        return
    account = instance.membership.user
    record(
        AuditAction.VETTING_DECISION,
        actor=instance.decided_by,
        subject=getattr(account, "email", ""),
        detail=f"{instance.action}: {instance.previous_status or '-'} → {instance.new_status}",
    )


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove") or not pk_set:
        return
    from django.contrib.auth.models import Group

    User = get_user_model()
    if reverse:  # group.user_set.add(...): instance is the group
        pairs = [(user, instance) for user in User.objects.filter(pk__in=pk_set)]
    else:
        pairs = [(instance, group) for group in Group.objects.filter(pk__in=pk_set)]
    audit_action = AuditAction.ROLE_ADDED if action == "post_add" else AuditAction.ROLE_REMOVED
    for user, group in pairs:
        record(audit_action, subject=user.email, detail=group.name)


CONTACT_ACTIONS = {
    "view": AuditAction.CONTACT_VIEWED,
    "vcard": AuditAction.CONTACT_DOWNLOADED,
    "refused": AuditAction.CONTACT_REFUSED,
}


def on_contact_access(sender, instance, created, **kwargs):
    if created:
        AuditEvent.objects.create(
            action=CONTACT_ACTIONS.get(instance.kind, AuditAction.CONTACT_VIEWED),
            actor=instance.viewer,
            actor_email=instance.viewer_email,
            subject=instance.contact_email,
            ip_address=instance.ip_address,
            at=instance.at,
        )


def on_document_served(sender, instance, request, **kwargs):
    """Downloads by signed-in people (restricted library attachments and event materials are only served to
    them, after the apps' ``before_serve_document`` checks) and any download from a restricted collection.
    Anonymous downloads of public documents are not recorded: they concern no one."""
    restricted_collection = instance.collection.get_view_restrictions().exists()
    signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
    if restricted_collection or signed_in:
        record(AuditAction.DOCUMENT_DOWNLOADED, request=request, subject=f"{instance.title} (#{instance.pk})")


def connect():
    from allauth.account import signals as account_signals
    from allauth.mfa import signals as mfa_signals
    from wagtail.documents.models import document_served

    account_signals.user_logged_in.connect(on_login, dispatch_uid="audit_login")
    user_logged_out.connect(on_logout, dispatch_uid="audit_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid="audit_mfa_failed")
    mfa_signals.authenticator_added.connect(
        _authenticator_receiver(AuditAction.MFA_ADDED), weak=False, dispatch_uid="audit_mfa_added"
    )
    mfa_signals.authenticator_removed.connect(
        _authenticator_receiver(AuditAction.MFA_REMOVED), weak=False, dispatch_uid="audit_mfa_removed"
    )
    mfa_signals.authenticator_reset.connect(
        _authenticator_receiver(AuditAction.MFA_RESET), weak=False, dispatch_uid="audit_mfa_reset"
    )
    account_signals.password_changed.connect(on_password_changed, dispatch_uid="audit_password_changed")
    account_signals.password_reset.connect(on_password_reset, dispatch_uid="audit_password_reset")
    m2m_changed.connect(on_groups_changed, sender=get_user_model().groups.through, dispatch_uid="audit_groups")
    document_served.connect(on_document_served, dispatch_uid="audit_document_served")
    if apps.is_installed("members"):
        post_save.connect(on_vetting_decision, sender="members.VettingDecision", dispatch_uid="audit_vetting")
    if apps.is_installed("network"):
        post_save.connect(on_contact_access, sender="network.ContactAccess", dispatch_uid="audit_contact_access")
