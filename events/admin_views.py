"""The editors' participants screen in the Wagtail admin: register members (from a list or a CSV of e-mails),
invite people who are not members yet, and remove a registration.

Reached from the event page's header in the admin; only users who may edit the event may use it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from events.forms import InviteParticipantForm, RegisterParticipantsForm
from events.models import EventInvitation, EventPage, EventParticipant
from events.participants import RegistrationFailed, members_listed, register_all


def editable_event(request, pk):
    event = get_object_or_404(EventPage, pk=pk)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def invite(event, form, invited_by):
    """Create a members' invitation endorsed by the event, remember the event, and e-mail the link.

    Returns ``(invitation, sent)``: ``sent`` is false when the mail server did not take the e-mail now.
    """
    from members.emails import send_to_member
    from members.models import Invitation

    invitation = Invitation.objects.create(
        email=form.cleaned_data["email"].lower(),
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        language=form.cleaned_data["language"],
        invited_by=invited_by,
        note=_("Participant of %(event)s") % {"event": event.title},
    )
    EventInvitation.objects.create(event=event.original, invitation=invitation)
    path = reverse("members:accept_invitation", kwargs={"token": invitation.token})
    # A mail server that refuses the e-mail leaves it in the members' outbox, retried by send_pending_emails.
    outgoing = send_to_member(
        invited_by,
        "invitation",
        {"invitation": invitation, "invitation_path": path},
        language=invitation.language,
        to=invitation.email,
    )
    return invitation, outgoing.status == outgoing.Status.SENT


def register_participants(request, event, form):
    """Register the members chosen in ``form`` and those its lists of addresses give, and tell the editor.

    All or nothing: when a listed line is not a member's address, every such line is shown on its field, with
    its line number, and nobody is registered. Returns whether the registration was made.
    """
    try:
        listed = members_listed(form.address_lists())
    except RegistrationFailed as failed:
        for name, failure in failed.failures.items():
            for error in failure.errors:
                form.add_error(name, str(error))
        messages.error(request, _("Nobody was registered: correct the lines shown below and try again."))
        return False
    registration = register_all(event, [*form.cleaned_data["members"], *listed], registered_by=request.user)
    messages.success(request, _("%(count)d participants registered.") % {"count": len(registration.registered)})
    if registration.already:
        already = len(registration.already)
        messages.info(
            request,
            ngettext(
                "%(count)d person listed was a participant already.",
                "%(count)d people listed were participants already.",
                already,
            )
            % {"count": already},
        )
    return True


@require_http_methods(["GET", "POST"])
def participants(request, pk):
    """Editors of the event: list, register, invite and remove its participants."""
    event = editable_event(request, pk)
    original = event.original
    register_form = RegisterParticipantsForm(prefix="register")
    invite_form = InviteParticipantForm(prefix="invite")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "register":
            register_form = RegisterParticipantsForm(request.POST, request.FILES, prefix="register")
            if register_form.is_valid() and register_participants(request, original, register_form):
                return redirect("events_admin:participants", pk=event.pk)
        elif action == "invite":
            invite_form = InviteParticipantForm(request.POST, prefix="invite")
            if invite_form.is_valid():
                invitation, sent = invite(original, invite_form, request.user)
                if sent:
                    messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
                else:
                    messages.warning(
                        request,
                        _("The invitation to %(email)s was saved but the e-mail could not be sent.")
                        % {"email": invitation.email},
                    )
                return redirect("events_admin:participants", pk=event.pk)
        elif action == "remove":
            EventParticipant.objects.filter(event=original, pk=request.POST.get("participation")).delete()
            messages.success(request, _("Participant removed."))
            return redirect("events_admin:participants", pk=event.pk)
    participations = list(original.participations.select_related("user", "user__membership__country"))
    participating = {participation.user.email.lower() for participation in participations}
    invitations = list(original.invitations.select_related("invitation").order_by("created_at"))
    context = {
        "event": event,
        "page_title": _("Participants of %(event)s") % {"event": event.title},
        "header_icon": "group",
        "participations": participations,
        "pending_invitations": [entry for entry in invitations if entry.invitation.accepted_at is None],
        "invitations_awaiting_vetting": [
            entry
            for entry in invitations
            if entry.invitation.accepted_at is not None and entry.invitation.email.lower() not in participating
        ],
        "register_form": register_form,
        "invite_form": invite_form,
    }
    return TemplateResponse(request, "events/admin/participants.html", context)
