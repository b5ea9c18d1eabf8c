"""Who takes part in an event, and the auth group that mirrors it.

The ``EventParticipant`` table is the record; the event's "Participants: <event>" group is what restricted content
(materials, library items, contributions) is limited to. :func:`sync_group_member` is the one place that mirrors
the table into the group; the signal handlers in :mod:`events.signals` call it on every save and delete, so the
admin, the CSV import, invitations and the demo all keep the two in step.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import EventParticipant


def participants_group_name(event):
    """A readable, unique group name: "Participants: <title> (<id>)" (auth group names are unique)."""
    suffix = f" ({event.pk})"
    prefix = "Participants: "
    return prefix + event.title[: 150 - len(prefix) - len(suffix)] + suffix


def ensure_participants_group(event):
    """Give the event (and its translations) the group of its participants, creating it once."""
    original = event.original
    if original.participants_group_id is None:
        group, _created = Group.objects.get_or_create(name=participants_group_name(original))
        type(original).objects.filter(pk=original.pk).update(participants_group=group)
        original.participants_group_id = group.pk
    if event.pk != original.pk and event.participants_group_id != original.participants_group_id:
        type(event).objects.filter(pk=event.pk).update(participants_group_id=original.participants_group_id)
        event.participants_group_id = original.participants_group_id
    return original.participants_group_id


def sync_group_member(participation, present):
    """Add the participant to, or remove them from, the event's group (called by the signal handlers)."""
    from events.models import EventPage

    event = EventPage.objects.filter(pk=participation.event_id).first()
    if event is None:  # the event itself is being deleted
        return
    group_id = event.participants_group_id or ensure_participants_group(event)
    membership = participation.user.groups.through
    if present:
        membership.objects.get_or_create(user_id=participation.user_id, group_id=group_id)
    else:
        membership.objects.filter(user_id=participation.user_id, group_id=group_id).delete()


def register(event, user, registered_by=None, invited_at=None):
    """Register ``user`` as a participant of ``event`` (its original page); returns ``(participation, created)``."""
    return EventParticipant.objects.get_or_create(
        event=event.original,
        user=user,
        defaults={"registered_by": registered_by, "invited_at": invited_at, "registered_at": timezone.now()},
    )


class RegistrationResult:
    """What a bulk registration did, line by line, for the editor who ran it."""

    def __init__(self):
        self.registered = []
        self.already = []
        self.errors = []  # (line number, message)

    @property
    def ok(self):
        return not self.errors


def parse_emails(text):
    """``(line number, e-mail)`` for each non-empty line of a pasted list or a CSV (first column; a header line
    reading "email" or "e-mail" is skipped)."""
    import csv
    import io

    rows = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        value = (row[0] if row else "").strip().lower()
        if not value or (number == 1 and value in {"email", "e-mail", "correo", "correo electrónico"}):
            continue
        rows.append((number, value))
    return rows


@transaction.atomic
def register_emails(event, text, registered_by):
    """Register the members whose e-mail addresses are listed in ``text``; unknown addresses are reported with
    their line number and nothing is registered unless every line is valid."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    result = RegistrationResult()
    rows = parse_emails(text)
    users = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=[e for _n, e in rows])}
    for number, email in rows:
        try:
            validate_email(email)
        except ValidationError:
            result.errors.append((number, _("“%(value)s” is not an e-mail address.") % {"value": email}))
            continue
        if email not in users:
            result.errors.append(
                (number, _("No member has the address %(email)s: send them an invitation instead.") % {"email": email})
            )
    if result.errors:
        return result
    for _number, email in rows:
        participation, created = register(event, users[email], registered_by=registered_by)
        (result.registered if created else result.already).append(participation)
    return result
