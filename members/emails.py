"""The one way Enlace writes to a member: in their language, from templates, and never lost to a mail server outage.

Each message is two templates, ``<folder>/<name>_subject.txt`` and ``<folder>/<name>_message.txt`` (the folder is
``members/email`` unless the caller's app keeps its own), rendered with the member's language active
(``Membership.language``, or the language passed for people without a membership yet).

Delivery: every message is recorded as an :class:`~members.models.OutgoingEmail` and sent at once. If the mail
server refuses or cannot be reached, the action that wrote the message (a vetting decision, an invitation, a
reminder…) still succeeds: the failure is logged (a warning, without the address) and the message stays pending;
``manage.py send_pending_emails`` (cron, every few minutes) sends it again after 5 minutes, then 10, 20… up to
6 hours, and gives up after :data:`MAX_ATTEMPTS` with an error in the log. Callers that keep their own record of
each attempt (the events app) pass ``retry=False`` and get the exception instead.

Administrators see what waits or failed in the admin's outbox and may :func:`send_again` or :func:`cancel` one.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

DEFAULT_FOLDER = "members/email"
MAX_ATTEMPTS = 8
FIRST_RETRY = datetime.timedelta(minutes=5)
LONGEST_RETRY = datetime.timedelta(hours=6)
# A message being sent is claimed for this long (pushed out of the due list) so that two senders never both send it.
CLAIM = datetime.timedelta(minutes=10)
# Failures that say the server itself cannot be reached (not this message's fault): a retry run stops at the first.
UNREACHABLE = (ConnectionError, TimeoutError, smtplib.SMTPConnectError, smtplib.SMTPServerDisconnected)
# Delivered rows are kept this long (recipient, message name and dates, no body), then deleted.
KEEP_SENT = datetime.timedelta(days=30)


def member_language(user):
    membership = getattr(user, "membership", None)
    return membership.language if membership is not None else settings.LANGUAGE_CODE


def render(user, template, context=None, *, language=None, folder=DEFAULT_FOLDER):
    """``(subject, body, language)`` of ``folder/template`` for ``user`` in their language."""
    language = language or member_language(user)
    with translation.override(language):
        context = {"user": user, "site_url": settings.WAGTAILADMIN_BASE_URL, "language": language, **(context or {})}
        subject = " ".join(render_to_string(f"{folder}/{template}_subject.txt", context).split())
        body = render_to_string(f"{folder}/{template}_message.txt", context)
    return subject, body, language


def send_to_member(user, template, context=None, *, language=None, to=None, folder=DEFAULT_FOLDER, retry=True):
    """Send ``folder/template`` to ``user`` (or to the address ``to``) in their language.

    Returns the :class:`~members.models.OutgoingEmail` (``status`` says whether it went out already). A transport
    failure is not raised: the message is retried later (module doc). With ``retry=False`` nothing is recorded and
    the failure is raised, for callers that track attempts themselves.
    """
    subject, body, language = render(user, template, context, language=language, folder=folder)
    message = EmailMessage(subject=subject, body=body, to=[to or user.email])
    if not retry:
        message.send()
        return None
    own_address = to is None and user is not None and user.pk is not None
    return send_message(message, template=f"{folder}/{template}", language=language, user=user if own_address else None)


def send_message(message, *, template, language="", user=None):
    """Record and send an e-mail built elsewhere (allauth's sign-up and account messages) with the same retry.

    Only the plain-text body, subject and recipients are kept: that is all Enlace's messages have.
    """
    from members.models import OutgoingEmail

    outgoing = OutgoingEmail.objects.create(
        user=user,
        to=", ".join(message.to),
        template=template[:200],
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        subject=message.subject[:400],
        body=message.body,
        next_attempt_at=timezone.now() + CLAIM,
    )
    deliver(outgoing)
    return outgoing


def retry_delay(attempts):
    """How long to wait after the ``attempts``-th failure: 5 minutes, doubling, at most 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


def deliver(outgoing):
    """Try to send one pending e-mail now; record the outcome on it. Returns whether it was sent."""
    from members.models import OutgoingEmail

    now = timezone.now()
    outgoing.server_unreachable = False
    try:
        EmailMessage(subject=outgoing.subject, body=outgoing.body, to=outgoing.to.split(", ")).send()
    except Exception as error:  # noqa: BLE001 - any transport failure (refused, timeout, TLS, SMTP code) is retried
        outgoing.server_unreachable = isinstance(error, UNREACHABLE)
        outgoing.attempts += 1
        outgoing.error = f"{error.__class__.__name__}: {error}"[:2000]
        if outgoing.attempts >= MAX_ATTEMPTS:
            outgoing.status = OutgoingEmail.Status.FAILED
            logger.error(
                "e-mail %s (%s, outgoing %s) not delivered after %d attempts; giving up: %s",
                outgoing.template,
                outgoing.language,
                outgoing.pk,
                outgoing.attempts,
                error.__class__.__name__,
            )
        else:
            outgoing.next_attempt_at = now + retry_delay(outgoing.attempts)
            logger.warning(
                "e-mail %s (outgoing %s) not delivered, attempt %d; retrying after %s: %s",
                outgoing.template,
                outgoing.pk,
                outgoing.attempts,
                outgoing.next_attempt_at.isoformat(timespec="seconds"),
                error.__class__.__name__,
            )
        outgoing.save(update_fields=["attempts", "error", "status", "next_attempt_at"])
        return False
    # The body may hold a one-time link (set password, invitation): once delivered it is not kept.
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        status=OutgoingEmail.Status.SENT, sent_at=now, body="", error="", attempts=F("attempts") + 1
    )
    outgoing.status, outgoing.sent_at, outgoing.body = OutgoingEmail.Status.SENT, now, ""
    return True


def send_pending(now=None):
    """Send every pending e-mail that is due; delete delivered records past :data:`KEEP_SENT`.

    When the server cannot be reached at all, the run stops at that first failure: the other messages keep their
    turn and their count of attempts for the next run, instead of each waiting out a connection timeout.
    Returns ``(sent, failed, given_up, stopped)`` for this run.
    """
    from members.models import OutgoingEmail

    now = now or timezone.now()
    sent = failed = given_up = 0
    stopped = False
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING, next_attempt_at__lte=now)
    for outgoing in list(due.order_by("next_attempt_at", "pk")):
        # Claim it first: a run started in parallel (or a slow previous one) skips what another is sending.
        claimed = OutgoingEmail.objects.filter(
            pk=outgoing.pk, status=OutgoingEmail.Status.PENDING, next_attempt_at=outgoing.next_attempt_at
        ).update(next_attempt_at=now + CLAIM)
        if not claimed:
            continue
        if deliver(outgoing):
            sent += 1
        elif outgoing.status == OutgoingEmail.Status.FAILED:
            given_up += 1
        else:
            failed += 1
        if outgoing.server_unreachable:
            stopped = True
            break
    OutgoingEmail.objects.filter(status=OutgoingEmail.Status.SENT, sent_at__lt=now - KEEP_SENT).delete()
    OutgoingEmail.objects.filter(status=OutgoingEmail.Status.CANCELLED, cancelled_at__lt=now - KEEP_SENT).delete()
    return sent, failed, given_up, stopped


def send_again(outgoing):
    """Send a pending or given-up e-mail now, at an administrator's request (the admin's outbox).

    Its count of attempts starts again from zero, so that if the server still refuses it, it gets the whole series
    of retries again. The e-mail is claimed first, like :func:`send_pending` does, so it never goes out twice when
    a run of ``send_pending_emails`` is sending it at this moment. Returns ``True`` when it was delivered, ``False``
    when the server refused it again (it then waits for its next attempt), ``None`` when it was no longer
    waiting (delivered, cancelled, or being sent by someone else).
    """
    from members.models import OutgoingEmail

    now = timezone.now()
    claimed = OutgoingEmail.objects.filter(
        pk=outgoing.pk, status__in=OutgoingEmail.UNDELIVERED, next_attempt_at=outgoing.next_attempt_at
    ).update(status=OutgoingEmail.Status.PENDING, attempts=0, next_attempt_at=now + CLAIM)
    if not claimed:
        return None
    outgoing.status, outgoing.attempts, outgoing.next_attempt_at = OutgoingEmail.Status.PENDING, 0, now + CLAIM
    return deliver(outgoing)


def cancel(outgoing):
    """Stop trying to send an undelivered e-mail; its body (which may hold a one-time link) is erased at once.

    The row stays as a record (recipient, subject, last error) for :data:`KEEP_SENT`. Returns whether it was
    cancelled (``False`` when it had been delivered or cancelled meanwhile).
    """
    from members.models import OutgoingEmail

    now = timezone.now()
    cancelled = OutgoingEmail.objects.filter(pk=outgoing.pk, status__in=OutgoingEmail.UNDELIVERED).update(
        status=OutgoingEmail.Status.CANCELLED, cancelled_at=now, body=""
    )
    if cancelled:
        outgoing.status, outgoing.cancelled_at, outgoing.body = OutgoingEmail.Status.CANCELLED, now, ""
    return bool(cancelled)
