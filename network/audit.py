"""Audited, rate-limited access to contact details: the directory's protection against scraping.

Every contact detail view, vCard download and phone/e-mail shown in the directory list writes a
:class:`~network.models.ContactAccess` record. A member who goes past ``DIRECTORY_CONTACT_VIEWS_PER_HOUR`` of them in
the last hour is refused (the refusal is recorded too; the list goes on showing who is who, without phone and
e-mail) and the administrators are told, at most once an hour per member, because a member reading that
many colleagues' details is more likely a stolen account or a scraper than a practitioner.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from members.emails import send_message

from .models import ContactAccess

logger = logging.getLogger(__name__)
WINDOW = datetime.timedelta(hours=1)


def hourly_limit():
    return getattr(settings, "DIRECTORY_CONTACT_VIEWS_PER_HOUR", 60)


def client_ip(request):
    return request.META.get("REMOTE_ADDR") or None


def access(request, contact, kind):
    """The audit record (unsaved) of ``request.user`` looking at ``contact`` (an account)."""
    return ContactAccess(
        viewer=request.user,
        viewer_email=request.user.email,
        contact=contact,
        contact_email=contact.email,
        ip_address=client_ip(request),
        kind=kind,
    )


def record(request, contact, kind):
    """Write the audit record of ``request.user`` looking at ``contact``."""
    entry = access(request, contact, kind)
    entry.save()
    return entry


def remaining(viewer):
    """How many more contact details ``viewer`` may see this hour."""
    since = timezone.now() - WINDOW
    return max(0, hourly_limit() - ContactAccess.objects.counted().filter(viewer=viewer, at__gte=since).count())


def limit_reached(viewer):
    """Whether ``viewer`` already used up this hour's contact views and downloads."""
    return remaining(viewer) == 0


def record_listed(request, contacts):
    """Write, in one statement, the audit records of the contacts whose phone and e-mail a list page shows."""
    ContactAccess.objects.bulk_create(access(request, contact, ContactAccess.Kind.LISTED) for contact in contacts)


def refuse(request, contact):
    """Record a refused access and, if it is the member's first refusal this hour, notify the administrators."""
    since = timezone.now() - WINDOW
    already_refused = ContactAccess.objects.filter(
        viewer=request.user, kind=ContactAccess.Kind.REFUSED, at__gte=since
    ).exists()
    record(request, contact, ContactAccess.Kind.REFUSED)
    if not already_refused:
        notify_administrators(request)


def administrators():
    """Active superusers and members of the Administrator role."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name="Administrator"))
        .distinct()
    )


def notify_administrators(request):
    viewer = request.user
    log_url = (
        settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("contactaccess:index") + f"?viewer_email={viewer.email}"
    )
    recipients = [admin.email for admin in administrators() if admin.email]
    logger.warning("directory contact limit reached", extra={"viewer": viewer.pk})
    if not recipients:
        return
    # Administrators share one working language for alerts: the site's default.
    with override(settings.LANGUAGE_CODE):
        subject = _("Directory: contact view limit reached by %(email)s") % {"email": viewer.email}
        body = _(
            "%(email)s has viewed or downloaded more than %(limit)d contact details in the last hour and has been "
            "stopped. If this is not ordinary work, suspend the account and review its access log:\n%(url)s"
        ) % {"email": viewer.email, "limit": hourly_limit(), "url": log_url}
    # Through the members' outbox: during a mail server outage the member is still refused (429, recorded) and the
    # notice is sent by send_pending_emails once the server is back. One message to all: one connection attempt.
    send_message(
        EmailMessage(subject=subject, body=body, to=recipients),
        template="network/contact_limit_reached",
        language=settings.LANGUAGE_CODE,
    )


def times_viewed(user):
    """How many times colleagues viewed or downloaded ``user``'s contact details (their own looks excluded)."""
    return ContactAccess.objects.counted().filter(contact=user).exclude(viewer=user).count()
