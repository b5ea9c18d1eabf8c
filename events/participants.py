"""Who takes part in an event, and the auth group that mirrors it.

The ``EventParticipant`` table is the record; the event's "Participants: <event>" group is what restricted content
(materials, library items, contributions) is limited to. :func:`sync_group_member` is the one place that mirrors
the table into the group; the signal handlers in :mod:`events.signals` call it on every save and delete, so the
admin, the CSV import, invitations and the demo all keep the two in step.

Only vetted members take part. Editors register vetted members only (from the list or by e-mail); someone
invited by e-mail becomes a participant when their application is approved, not when they accept the
invitation. And the group holds only the participants whose membership is vetted *now*: ``members.access``
already opens "participants only" material to full members alone, but the group is also what Wagtail's own page
and collection privacy ("private, for these groups") checks, with no notion of vetting, so a suspended, expired
or unvetted account must not be in it. :func:`sync_member_groups` runs on every save of a membership for that.
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


def is_vetted(user):
    """Whether ``user`` has a vetted, current membership (staff accounts without one are not members)."""
    from members.access import membership_of

    membership = membership_of(user)
    return membership is not None and membership.is_vetted


def sync_group_member(participation, present):
    """Add the participant to, or remove them from, the event's group (called by the signal handlers).

    A participant whose membership is not vetted now is kept out of the group (see the module docstring).
    """
    from events.models import EventPage

    event = EventPage.objects.filter(pk=participation.event_id).first()
    if event is None:  # the event itself is being deleted
        return
    group_id = event.participants_group_id or ensure_participants_group(event)
    membership = participation.user.groups.through
    if present and is_vetted(participation.user):
        membership.objects.get_or_create(user_id=participation.user_id, group_id=group_id)
    else:
        membership.objects.filter(user_id=participation.user_id, group_id=group_id).delete()


def sync_member_groups(user):
    """Put ``user`` in the groups of the events they take part in if their membership is vetted, else out of all.

    Called when a membership is saved (approved, suspended, expired, reinstated…); also registers the person for
    the events whose invitations they accepted while an applicant (:func:`register_invited`).
    """
    from events.models import EventPage

    vetted = is_vetted(user)
    if vetted:
        register_invited(user)
    event_ids = EventParticipant.objects.filter(user_id=user.pk).values("event_id")
    group_ids = set(
        EventPage.objects.filter(pk__in=event_ids, participants_group__isnull=False).values_list(
            "participants_group_id", flat=True
        )
    )
    if not group_ids:
        return
    membership = user.groups.through
    if vetted:
        present = set(
            membership.objects.filter(user_id=user.pk, group_id__in=group_ids).values_list("group_id", flat=True)
        )
        membership.objects.bulk_create([membership(user_id=user.pk, group_id=pk) for pk in group_ids - present])
    else:
        membership.objects.filter(user_id=user.pk, group_id__in=group_ids).delete()


def register_invited(user):
    """Register a vetted ``user`` for every event whose invitation (sent to their address) they accepted.

    The invitation is accepted when the invitee applies; they take part once their application is approved.
    """
    from events.models import EventInvitation

    if not user.email or not is_vetted(user):
        return
    invitations = EventInvitation.objects.filter(
        invitation__accepted_at__isnull=False, invitation__email__iexact=user.email
    ).select_related("event", "invitation")
    for event_invitation in invitations:
        invitation = event_invitation.invitation
        register(event_invitation.event, user, registered_by=invitation.invited_by, invited_at=invitation.created_at)


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


def refusal_of(user, address):
    """Why the account listed as ``address`` cannot take part (an empty string when it can): only members whose
    membership is vetted and current are registered, as in the list of members to choose from."""
    from members.access import membership_of
    from members.models import MembershipStatus

    if user is None:
        return _("no member has the address %(address)s: invite them below") % {"address": address}
    membership = membership_of(user)
    if membership is None:
        return _("%(address)s is not a member of the network: only vetted members can take part") % {"address": address}
    if membership.is_vetted:
        return ""
    if membership.status == MembershipStatus.APPLICANT:
        return _("%(address)s has applied but is not vetted yet: register them once their application is approved") % {
            "address": address
        }
    status = membership.get_status_display() if membership.status != MembershipStatus.VETTED else _("lapsed")
    return _("the membership of %(address)s is not current (%(status)s): only vetted members can take part") % {
        "address": address,
        "status": str(status).lower(),
    }


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
    whose address is not that of a vetted, current member (:func:`refusal_of` says why), is reported with its
    line, and :class:`RegistrationFailed` is raised with all
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
    accounts = get_user_model().objects.annotate(address=Lower("email")).select_related("membership")
    by_address = {user.address: user for user in accounts.filter(address__in={address for *_, address in listed})}
    users = []
    for run, line, address in listed:
        user = by_address.get(address)
        refusal = refusal_of(user, address)
        if refusal:
            run.error(line, refusal)
        else:
            users.append(user)
    failures = {}
    for name, run in runs.items():
        try:
            run.raise_if_errors()
        except ImportFailed as failed:
            failures[name] = failed
    if failures:
        raise RegistrationFailed(failures)
    return users
