"""Who takes part in an event, and the auth group that mirrors it.

The ``EventParticipant`` table is the record; the event's "Participants: <event>" group is what restricted content
(materials, library items, contributions) is limited to. :func:`sync_group_member` is the one place that mirrors
the table into the group; the signal handlers in :mod:`events.signals` call it on every save and delete, so the
admin, the CSV import, invitations and the demo all keep the two in step.
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import EventParticipant
from practices.importing import ImportFailed, ImportRun, Record


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


@dataclass
class Registration:
    """What one registration did, for the editor who ran it: who became a participant, who already was."""

    registered: list = field(default_factory=list)
    already: list = field(default_factory=list)


def register_all(event, users, registered_by):
    """Register every user in ``users`` (each once, whatever the repeats) in one transaction: all or none."""
    registration = Registration()
    seen = set()
    with transaction.atomic():
        for user in users:
            if user.pk in seen:
                continue
            seen.add(user.pk)
            participation, created = register(event, user, registered_by=registered_by)
            (registration.registered if created else registration.already).append(participation)
    return registration


#: Titles that make the first line of a list a header; the column so titled holds the addresses.
EMAIL_COLUMN_TITLES = {"email", "e-mail", "email address", "e-mail address", "correo", "correo electrónico"}


def listed_addresses(run, text):
    """A :class:`~practices.importing.Record` ``{"email": …}`` for each address listed in ``text``.

    ``text`` is a CSV file or a pasted list (one address per line, or the first column of a spreadsheet). Editors
    export such lists from many tools, so a header is optional: when a cell of the first line is a known title
    ("email", "correo"…), that column holds the addresses; otherwise the first column does and line 1 is the
    first address. Lines are numbered as the editor's file shows them; unreadable lines are errors in ``run``.
    """
    try:
        first_line = [cell.strip() for cell in next(csv.reader(io.StringIO(text)), [])]
    except csv.Error:
        first_line = None  # unreadable: the framework reports it below, with its line
    column = next((cell for cell in first_line or [] if cell.lower() in EMAIL_COLUMN_TITLES), None)
    if column is None and first_line and first_line[0]:
        column = first_line[0]  # no header: the CSV reader takes the first address for the column's title
        yield Record(1, {"email": column})
    elif column is None and first_line is not None and text.strip():
        run.error(1, _("no e-mail address in the first column, and no column titled “email” or “correo”"))
        return
    for record in run.read(io.StringIO(text), "csv"):
        yield Record(record.line, {"email": record.data.get(column, "")})


class RegistrationFailed(Exception):
    """Some listed lines are not the address of a member: nobody was registered.

    ``failures`` maps the name of each list with errors to its :class:`~practices.importing.ImportFailed`.
    """

    def __init__(self, failures):
        self.failures = failures
        super().__init__("\n".join(f"{name}: {failed}" for name, failed in failures.items()))


def members_listed(address_lists):
    """The accounts whose addresses ``address_lists`` (``{name: text}``) give, in the order listed.

    Uses the project's import framework (:mod:`practices.importing`): every line that is not an address, or
    whose address no account has, is reported with its line, and :class:`RegistrationFailed` is raised with all
    of them, so the editor fixes the whole list at once and nothing is registered from a list half right.
    Addresses are matched whatever their case; an address listed twice is one person.
    """
    runs, listed = {}, []
    for name, text in address_lists.items():
        run = runs[name] = ImportRun()
        for record in listed_addresses(run, text):
            address = (run.require(record, "email") or "").lower()
            if not address:
                continue
            try:
                validate_email(address)
            except ValidationError:
                run.error(record.line, _("“%(address)s” is not a valid e-mail address") % {"address": address})
                continue
            listed.append((run, record.line, address))
    accounts = get_user_model().objects.annotate(address=Lower("email"))
    by_address = {user.address: user for user in accounts.filter(address__in={address for *_, address in listed})}
    users = []
    for run, line, address in listed:
        if address in by_address:
            users.append(by_address[address])
        else:
            run.error(line, _("no member has the address %(address)s: invite them below") % {"address": address})
    failures = {}
    for name, run in runs.items():
        try:
            run.raise_if_errors()
        except ImportFailed as failed:
            failures[name] = failed
    if failures:
        raise RegistrationFailed(failures)
    return users
