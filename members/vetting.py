"""Membership decisions: approve, reject, ask for more information, suspend, expire, re-enter vetting, leave.

Every decision is recorded three times on purpose: the membership's new state, a :class:`VettingDecision`
(the member's history, kept after erasure), and an entry in Wagtail's audit log (``members.<action>``), so
administrators find it with every other action in the admin. The member is told by e-mail in their language.
"""

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from .emails import send_to_member
from .models import ApplicationFlag, MembershipStatus, VettingDecision, vetting_period

LOG_ACTIONS = {
    VettingDecision.Action.APPLY: "members.apply",
    VettingDecision.Action.APPROVE: "members.approve",
    VettingDecision.Action.REJECT: "members.reject",
    VettingDecision.Action.REQUEST_INFO: "members.request_info",
    VettingDecision.Action.SUSPEND: "members.suspend",
    VettingDecision.Action.REINSTATE: "members.reinstate",
    VettingDecision.Action.EXPIRE: "members.expire",
    VettingDecision.Action.REVALIDATE: "members.revalidate",
    VettingDecision.Action.REENTER: "members.reenter",
    VettingDecision.Action.LEAVE: "members.leave",
    VettingDecision.Action.IMPORT: "members.import",
}
# States in which the account keeps no session: suspension, expiry, leaving and rejection end them at once.
NO_SESSION_STATES = {
    MembershipStatus.SUSPENDED,
    MembershipStatus.EXPIRED,
    MembershipStatus.LEFT,
    MembershipStatus.REJECTED,
}


def application_flags(membership):
    """What vetters should check twice about an application (never a reason to reject by itself)."""
    from .models import Membership

    user = membership.user
    flags = []
    if membership.institution_id is None:
        flags.append(ApplicationFlag.NEW_INSTITUTION)
    elif not membership.institution.owns_email(user.email):
        flags.append(ApplicationFlag.EMAIL_DOMAIN)
    local_part = user.email.rsplit("@", 1)[0].split("+", 1)[0]
    if type(user).objects.exclude(pk=user.pk).filter(email__istartswith=local_part + "@").exists():
        flags.append(ApplicationFlag.DUPLICATE_EMAIL)
    same_place = (
        Q(institution_id=membership.institution_id)
        if membership.institution_id
        else Q(proposed_institution__iexact=membership.proposed_institution)
    )
    namesakes = Membership.objects.exclude(pk=membership.pk).filter(
        same_place, user__first_name__iexact=user.first_name, user__last_name__iexact=user.last_name
    )
    if user.last_name and namesakes.exists():
        flags.append(ApplicationFlag.DUPLICATE_NAME)
    return [str(flag.value) for flag in flags]


def record(membership, action, new_status, *, by=None, reason="", email=None, email_context=None):
    """Move ``membership`` to ``new_status``, record the decision everywhere it must be, then tell the member."""
    actor = by if by is not None and by.is_authenticated else None
    with transaction.atomic():
        previous = membership.status
        now = timezone.now()
        membership.status = new_status
        membership.status_changed_at = now
        if new_status == MembershipStatus.VETTED and action != VettingDecision.Action.REINSTATE:
            membership.vetted_at = now
            membership.vetted_until = timezone.localdate() + vetting_period()
            membership.information_requested = ""
            membership.reminders_sent = []
        membership.save()
        decision = VettingDecision.objects.create(
            membership=membership,
            action=action,
            previous_status=previous,
            new_status=new_status,
            reason=reason,
            decided_by=actor,
            decided_at=now,
        )
        log(
            instance=membership,
            action=LOG_ACTIONS[action],
            user=actor,
            data={"previous_status": previous, "new_status": new_status, "reason": reason},
        )
        if new_status in NO_SESSION_STATES and previous not in NO_SESSION_STATES:
            membership.user.end_all_sessions()
    if email:
        send_to_member(membership.user, email, {"membership": membership, "reason": reason, **(email_context or {})})
    return decision


def approve(membership, by, reason=""):
    return record(
        membership,
        VettingDecision.Action.APPROVE,
        MembershipStatus.VETTED,
        by=by,
        reason=reason,
        email="approved",
        email_context={"login_path": reverse("account_login")},
    )


def reject(membership, by, reason):
    return record(
        membership, VettingDecision.Action.REJECT, MembershipStatus.REJECTED, by=by, reason=reason, email="rejected"
    )


def request_information(membership, by, message):
    membership.information_requested = message
    return record(
        membership,
        VettingDecision.Action.REQUEST_INFO,
        MembershipStatus.APPLICANT,
        by=by,
        reason=message,
        email="information_requested",
    )


def suspend(membership, by, reason):
    return record(
        membership, VettingDecision.Action.SUSPEND, MembershipStatus.SUSPENDED, by=by, reason=reason, email="suspended"
    )


def reinstate(membership, by, reason=""):
    return record(membership, VettingDecision.Action.REINSTATE, MembershipStatus.VETTED, by=by, reason=reason)


def expire(membership):
    return record(membership, VettingDecision.Action.EXPIRE, MembershipStatus.EXPIRED, email="expired")


def reenter_vetting(membership, by, reason):
    """A member whose institution or position changed goes back to the queue: the vetting vouched for the old one."""
    return record(membership, VettingDecision.Action.REENTER, MembershipStatus.APPLICANT, by=by, reason=reason)


def leave(membership, by):
    membership.left_at = timezone.now()
    membership.consent_listed = False
    return record(membership, VettingDecision.Action.LEAVE, MembershipStatus.LEFT, by=by, email="left")
