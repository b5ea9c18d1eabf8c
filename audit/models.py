"""The security audit trail: one append-only record per security-relevant event.

Administrators must be able to answer "who signed in, from where, who failed to, who changed a second factor, who
was let in or given a role by whom, who looked at whose contact details, who downloaded a restricted document or
exported data", including after the people involved have left: so each record keeps the e-mail addresses as text
next to the (nullable) account links. Records are written only by :mod:`audit.receivers` and are never changed or
deleted by the application: ``save()`` refuses updates, ``delete()`` and the queryset's ``update()``/``delete()``
raise, the model has only the "view" permission, and the admin offers a read-only report.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditRecordImmutable(Exception):
    """Raised on any attempt to change or delete an audit record."""


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Failed sign-in")
    LOGOUT = "logout", _("Signed out")
    MFA_ADDED = "mfa_added", _("Second factor added")
    MFA_REMOVED = "mfa_removed", _("Second factor removed")
    MFA_RESET = "mfa_reset", _("Recovery codes regenerated")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    VETTING_DECISION = "vetting_decision", _("Vetting decision")
    ROLE_ADDED = "role_added", _("Role given")
    ROLE_REMOVED = "role_removed", _("Role taken away")
    CONTACT_VIEWED = "contact_viewed", _("Contact details viewed")
    CONTACT_DOWNLOADED = "contact_downloaded", _("Contact card downloaded")
    CONTACT_REFUSED = "contact_refused", _("Contact details refused (limit reached)")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
    EXPORT = "export", _("Data exported")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditRecordImmutable("Audit records cannot be changed.")

    def delete(self):
        raise AuditRecordImmutable("Audit records cannot be deleted.")


class AuditEvent(models.Model):
    """One security-relevant event: what happened, to whom, by whom, when and from which address."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_email = models.CharField(_("who (e-mail)"), max_length=254, blank=True, db_index=True)
    subject = models.CharField(
        _("about"), max_length=255, blank=True, help_text=_("The account, document or data concerned.")
    )
    detail = models.CharField(_("detail"), max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.actor_email}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditRecordImmutable("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditRecordImmutable("Audit records cannot be deleted.")
