"""Changes a member makes to their own record: profile edits, yearly re-confirmation, leaving, and erasure.

A change of institution or position sends a vetted member back to the vetting queue, since the vetting vouched
for the old one; every change of contact details is kept as a :class:`ContactChange` that vetters can read.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from . import vetting
from .models import ContactChange, MembershipStatus, VettingDecision

CONTACT_FIELDS = ["first_name", "last_name", "country", "institution", "proposed_institution", "position", "phone"]
# What the vetting vouched for: changing one of these re-enters vetting.
VETTED_FIELDS = {"institution", "proposed_institution", "position"}


def snapshot(membership):
    user = membership.user
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "country": str(membership.country or ""),
        "institution": str(membership.institution or ""),
        "proposed_institution": membership.proposed_institution,
        "position": membership.position,
        "phone": membership.phone,
    }


@transaction.atomic
def record_changes(membership, before, by):
    """Log what changed since ``before`` (a :func:`snapshot`); re-enter vetting if the vetted facts changed.

    Returns the names of the fields that changed.
    """
    after = snapshot(membership)
    changed = [name for name in CONTACT_FIELDS if before[name] != after[name]]
    ContactChange.objects.bulk_create(
        ContactChange(
            membership=membership, field_name=name, old_value=before[name], new_value=after[name], changed_by=by
        )
        for name in changed
    )
    if membership.status == MembershipStatus.VETTED and VETTED_FIELDS.intersection(changed):
        membership.flags = vetting.application_flags(membership)
        vetting.reenter_vetting(membership, by, reason=", ".join(sorted(VETTED_FIELDS.intersection(changed))))
    elif membership.status == MembershipStatus.APPLICANT and changed:
        membership.flags = vetting.application_flags(membership)
        membership.save(update_fields=["flags", "updated_at"])
    return changed


def reconfirm(membership, before, by):
    """The yearly re-confirmation: unchanged facts renew the membership; changed ones go back to vetting."""
    changed = record_changes(membership, before, by)
    if VETTED_FIELDS.intersection(changed):
        if membership.status == MembershipStatus.EXPIRED:
            vetting.reenter_vetting(membership, by, reason=", ".join(sorted(VETTED_FIELDS.intersection(changed))))
        return False
    vetting.record(membership, VettingDecision.Action.REVALIDATE, MembershipStatus.VETTED, by=by)
    return True


def erase(membership):
    """Erase a departed member's personal data; keep the bare vetting trail (states, dates, who decided)."""
    user = membership.user
    with transaction.atomic():
        user.email = f"erased-{user.pk}@erased.invalid"
        user.first_name = user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.emailaddress_set.all().delete()
        user.authenticator_set.all().delete()
        user.groups.clear()
        membership.phone = membership.position = membership.proposed_institution = ""
        membership.endorser_name = membership.endorser_contact = membership.endorsement_note = ""
        membership.information_requested = ""
        membership.flags = []
        membership.consent_listed = False
        membership.erased_at = timezone.now()
        membership.save()
        membership.specializations.clear()
        membership.languages.clear()
        membership.contact_changes.all().delete()
        membership.decisions.update(reason="")
        ModelLogEntry.objects.filter(
            content_type__app_label="members", content_type__model="membership", object_id=str(membership.pk)
        ).update(label=f"#{membership.pk}", data={})
        user.end_all_sessions()


def departed_before(moment):
    from .models import Membership

    return Membership.objects.filter(status=MembershipStatus.LEFT, left_at__lt=moment, erased_at__isnull=True)
