"""The e-mails of the events app, each rendered in the recipient's language.

Every sender here is called *after* the record it is about has been saved, and reports failure instead of raising:
the caller records the error on the record and ``send_event_followups`` retries it later.
"""

import logging

from django.conf import settings
from django.utils import translation

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
TEMPLATE_FOLDER = "events/email"


def language_of(user):
    """The language the member chose for e-mails (their membership), else the site's default."""
    from members.emails import member_language

    return member_language(user)


def site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_to(user, template, context):
    """Send ``templates/events/email/<template>_{subject,message}.txt`` through the members' e-mail helper (which
    renders it in the member's language).

    Returns ``None`` on success, or the error text (never raises: nothing the user did must be lost to it). The
    attempt is recorded on the record it is about (:func:`record_attempt`), so the helper's own retry is not used.
    """
    try:
        from members.emails import send_to_member

        send_to_member(user, template, context, folder=TEMPLATE_FOLDER, retry=False)
    except Exception as error:  # noqa: BLE001 - any transport failure is recorded and retried
        logger.warning("events e-mail %s to user %s failed: %s", template, user.pk, error.__class__.__name__)
        return str(error) or error.__class__.__name__
    return None


def record_attempt(obj, prefix, error):
    """Store the outcome of one sending attempt on ``obj`` (fields ``<prefix>_sent_at/_attempts/_error``)."""
    from django.utils import timezone

    setattr(obj, f"{prefix}_attempts", getattr(obj, f"{prefix}_attempts") + 1)
    if error is None:
        setattr(obj, f"{prefix}_sent_at", timezone.now())
        setattr(obj, f"{prefix}_error", "")
    else:
        setattr(obj, f"{prefix}_error", error[:2000])
    obj.save(update_fields=[f"{prefix}_sent_at", f"{prefix}_attempts", f"{prefix}_error"])
    return error is None


def send_followup(participation):
    """Invite a participant of an ended event to share their experience; record the outcome."""
    from django.urls import reverse

    event = participation.event
    with translation.override(language_of(participation.user)):
        event_in_language = localized(event, language_of(participation.user))
        share_url = site_url(reverse("events:contribute", args=[event.pk]))
        page_url = site_url(event_in_language.url or "")
    error = send_to(
        participation.user, "followup", {"event": event_in_language, "share_url": share_url, "event_url": page_url}
    )
    return record_attempt(participation, "followup", error)


def send_submission_confirmation(contribution):
    """Thank the author of a submitted contribution and say what happens next; record the outcome."""
    event = localized(contribution.event, contribution.language)
    error = send_to(contribution.author, "submitted", {"contribution": contribution, "event": event})
    return record_attempt(contribution, "confirmation", error)


def localized(event, language):
    """The event's page in ``language`` if it was translated, else the event as it is."""
    from events.models import EventPage

    return (
        EventPage.objects.filter(translation_key=event.translation_key, locale__language_code=language).first() or event
    )
