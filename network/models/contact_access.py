"""The audit trail of who looked at whose contact details in the directory.

Append-only: a record is written by the directory for every contact detail view, vCard download, and refused
attempt once the hourly limit is reached. Nothing in the application updates or deletes one; administrators
read them in the admin. When an account is deleted its rows keep the e-mail address it had, so the trail
survives.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit record through the ORM."""


class ContactAccessQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Contact access records cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Contact access records cannot be deleted.")

    def counted(self):
        """Accesses that count against the hourly limit and towards "times viewed": not the refused ones."""
        return self.exclude(kind=ContactAccess.Kind.REFUSED)


class ContactAccess(models.Model):
    """One look at one member's contact details, by whom, when and from where."""

    class Kind(models.TextChoices):
        VIEW = "view", _("Contact details viewed")
        VCARD = "vcard", _("vCard downloaded")
        LISTED = "listed", _("Contact details shown in the directory list")
        REFUSED = "refused", _("Refused: hourly limit reached")

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_accesses_made",
    )
    viewer_email = models.EmailField(_("who (e-mail)"))
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whom"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="contact_accesses_received",
    )
    contact_email = models.EmailField(_("whom (e-mail)"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)

    objects = ContactAccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("contact access")
        verbose_name_plural = _("contact accesses")
        indexes = [
            models.Index(fields=["viewer", "at"], name="contact_access_viewer_at"),
            models.Index(fields=["contact", "kind"], name="contact_access_contact_kind"),
            models.Index(fields=["at"], name="contact_access_at"),
        ]

    def __str__(self):
        return f"{self.viewer_email} → {self.contact_email} ({self.get_kind_display()}, {self.at:%Y-%m-%d %H:%M})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Contact access records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Contact access records cannot be deleted.")
