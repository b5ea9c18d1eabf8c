"""The vetting queue in the Wagtail admin (Vetter role), invitations, the members' outbox (Administrator role) and
the audit-log actions of membership decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, HistoryView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import emails, vetting
from .emails import send_to_member
from .forms import DecisionForm
from .models import Invitation, Membership, MembershipStatus, OutgoingEmail, VettingDecision

VET_PERMISSION = "members.vet_membership"


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    for action, label in VettingDecision.Action.choices:
        actions.register_action(vetting.LOG_ACTIONS[action], _("Membership: %(action)s") % {"action": label}, label)


class MembershipFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=_("Status"), choices=MembershipStatus.choices, empty_label=_("Pending applications"))

    class Meta:
        model = Membership
        fields = ["status", "joined_via", "country", "practitioner_type"]

    def filter_queryset(self, queryset):
        # The queue opens on what needs a decision; other states are one filter away.
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status=MembershipStatus.APPLICANT)
        return super().filter_queryset(queryset)


class VettingQueueView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "institution", "country", "endorsed_by")
            .order_by("created_at")
        )

    def get_edit_url(self, instance):
        return reverse("vetting:decide", args=[instance.pk])


class MembershipHistoryView(HistoryView):
    """Every decision on a membership, from Wagtail's audit log; vetters see it without editing rights."""

    any_permission_required = ["view", "change"]


class DecideView(WagtailAdminTemplateMixin, FormView):
    """A vetter decides on one membership; the member learns the outcome by e-mail in their language."""

    form_class = DecisionForm
    template_name = "members/admin/decide.html"
    header_icon = "user"

    def dispatch(self, request, pk):
        if not request.user.has_perm(VET_PERMISSION):
            raise PermissionDenied
        self.membership = get_object_or_404(
            Membership.objects.select_related("user", "institution", "country", "endorsed_by"), pk=pk
        )
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Vetting: %(name)s") % {"name": self.membership.user.get_full_name() or self.membership.user.email}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("vetting:index"), "label": _("Vetting queue")},
            {"url": "", "label": str(self.membership)},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "membership": self.membership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["membership"] = self.membership
        context["decisions"] = self.membership.decisions.select_related("decided_by")[:50]
        context["contact_changes"] = self.membership.contact_changes.select_related("changed_by")[:50]
        context["history_url"] = reverse("vetting:history", args=[self.membership.pk])
        return context

    def form_valid(self, form):
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"].strip()
        user, membership = self.request.user, self.membership
        if decision == "approve":
            vetting.approve(membership, user, reason)
        elif decision == "reject":
            vetting.reject(membership, user, reason)
        elif decision == "request_info":
            vetting.request_information(membership, user, reason)
        elif decision == "suspend":
            vetting.suspend(membership, user, reason)
        elif decision == "reinstate":
            vetting.reinstate(membership, user, reason)
        messages.success(
            self.request,
            _("Decision recorded: %(member)s is now %(status)s.")
            % {"member": membership, "status": membership.get_status_display()},
        )
        return redirect("vetting:index")


class VettingViewSet(ModelViewSet):
    """The vetting queue: pending applications with their flags and endorsement, then a decision each."""

    model = Membership
    name = "vetting"
    url_prefix = "vetting"
    icon = "user"
    menu_label = _("Vetting queue")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = VettingQueueView
    history_view_class = MembershipHistoryView
    filterset_class = MembershipFilterSet
    list_display = [
        "user",
        "user__email",
        "institution_label",
        "country",
        "practitioner_type",
        "flag_summary",
        "endorsement_summary",
        "created_at",
    ]
    search_fields = ["user__first_name", "user__last_name", "user__email", "proposed_institution", "position"]
    # States change only through the decide view, so that every change is a recorded decision.
    form_fields = ["vetted_until", "consent_listed"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("decide/<int:pk>/", DecideView.as_view(), name="decide")]


class InvitationCreateView(CreateView):
    """Send a personal invitation: the inviter is recorded as the applicant's endorsement."""

    def save_instance(self):
        invitation = self.form.save(commit=False)
        invitation.invited_by = self.request.user
        invitation.save()
        with translation.override(invitation.language):
            invitation_path = reverse("members:accept_invitation", args=[invitation.token])
        send_to_member(
            self.request.user,
            "invitation",
            {"invitation": invitation, "invitation_path": invitation_path},
            language=invitation.language,
            to=invitation.email,
        )
        return invitation


class InvitationViewSet(ModelViewSet):
    """Invitations sent by vetters and editors (and event organisers with the same permission)."""

    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    menu_order = 260
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = InvitationCreateView
    form_fields = ["email", "first_name", "last_name", "country", "institution", "note", "language"]
    list_display = ["email", "first_name", "last_name", "invited_by", "created_at", "accepted_at"]


# --- The members' outbox ------------------------------------------------------------------------------------------

OUTBOX_LOG_ACTIONS = {
    "send_again": ("members.outbox.send_again", _("Outgoing e-mail: sent again by hand")),
    "cancel": ("members.outbox.cancel", _("Outgoing e-mail: cancelled")),
}


@hooks.register("register_log_actions")
def register_outbox_log_actions(actions):
    for action, label in OUTBOX_LOG_ACTIONS.values():
        actions.register_action(action, label, label)


class OutboxPermissionPolicy(ModelPermissionPolicy):
    """Who may see the outbox (``view``) and send again or cancel an e-mail (``change``): the Administrator role
    and superusers (migration 0008); nobody else, whatever other admin rights they hold.

    Nobody adds, edits or deletes an e-mail by hand, superusers included: Enlace writes them
    (:mod:`members.emails`), and "cancel" is the recorded way to stop one.
    """

    ACTIONS = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action in self.ACTIONS])


register_permission_policy(OutgoingEmail, OutboxPermissionPolicy(OutgoingEmail), exact_class=True)


class OutboxFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        label=_("State"), choices=OutgoingEmail.Status.choices, empty_label=_("Not delivered (pending or failed)")
    )

    class Meta:
        model = OutgoingEmail
        fields = ["status"]

    def filter_queryset(self, queryset):
        # The outbox opens on what needs attention; delivered and cancelled e-mails are one filter away.
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=OutgoingEmail.UNDELIVERED)
        return super().filter_queryset(queryset)


class OutboxIndexView(IndexView):
    """The outbox: recipient, subject, state, attempts, last error and dates; never the body (see OutboxViewSet)."""

    default_ordering = "-created_at"

    def get_base_queryset(self):
        # Only the listed columns: the body is not even read from the database.
        return super().get_base_queryset().defer("body")

    def get_edit_url(self, instance):
        return None

    @cached_property
    def no_results_message(self):
        status = self.filters.form.cleaned_data.get("status") if self.is_filtering else ""
        if self.is_searching:
            return _("No outgoing e-mail matches your search.")
        if status == OutgoingEmail.Status.PENDING:
            return _("No e-mail is waiting to be sent.")
        if status == OutgoingEmail.Status.FAILED:
            return _("No e-mail has failed: none was given up after every attempt.")
        if status == OutgoingEmail.Status.SENT:
            return _("No e-mail was delivered in the last 30 days.")
        if status == OutgoingEmail.Status.CANCELLED:
            return _("No e-mail was cancelled in the last 30 days.")
        return _("Nothing waits in the outbox: every e-mail has been delivered.")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_undelivered and self.user_has_permission("change"):
            buttons += [
                MenuItem(
                    _("Send again now"),
                    url=reverse("outbox:send_again", args=[instance.pk]),
                    icon_name="mail",
                    priority=5,
                ),
                MenuItem(
                    _("Cancel"),
                    url=reverse("outbox:cancel", args=[instance.pk]),
                    icon_name="cross",
                    priority=40,
                ),
            ]
        return buttons


class OutboxActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then send an undelivered e-mail again now or cancel it; recorded in the audit log."""

    permission_required = "change"
    template_name = "members/admin/outbox_confirm.html"
    header_icon = "mail"
    action = None  # "send_again" or "cancel"
    permission_policy = None
    index_url_name = None

    def dispatch(self, request, pk):
        self.outgoing = get_object_or_404(OutgoingEmail.objects.defer("body"), pk=pk)
        return super().dispatch(request, pk)

    def get_page_title(self):
        return _("Send this e-mail again now?") if self.action == "send_again" else _("Cancel this e-mail?")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": OutgoingEmail._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "outgoing": self.outgoing, "action": self.action}

    def post(self, request, pk):
        # Messages are translated here with ``gettext``, not lazily: the message storage renders lazy strings
        # after the view, when the administrator's language is no longer active (the site's Spanish instead).
        done = self.send_again() if self.action == "send_again" else self.cancel()
        if done:
            log(instance=self.outgoing, action=OUTBOX_LOG_ACTIONS[self.action][0], user=request.user)
        return redirect(self.index_url_name)

    def send_again(self):
        outgoing, request = self.outgoing, self.request
        outcome = emails.send_again(outgoing)
        if outcome is None:
            messages.warning(request, translation.gettext("This e-mail was no longer waiting: nothing was sent."))
        elif outcome:
            messages.success(request, _("The e-mail to %(to)s was delivered.") % {"to": outgoing.to})
        else:
            messages.error(
                request,
                _("The mail server refused the e-mail to %(to)s again (%(error)s); it will be retried automatically.")
                % {"to": outgoing.to, "error": outgoing.error},
            )
        return outcome is not None

    def cancel(self):
        if emails.cancel(self.outgoing):
            messages.success(self.request, _("The e-mail to %(to)s was cancelled.") % {"to": self.outgoing.to})
            return True
        messages.warning(self.request, translation.gettext("This e-mail was no longer waiting: nothing was cancelled."))
        return False


class OutboxViewSet(ModelViewSet):
    """The members' outbox: e-mails the mail server has not taken yet, or gave up on, for administrators to follow.

    It shows who is written to, the subject, the state, the attempts and the server's last answer, and lets an
    administrator send one again now (after an outage) or cancel it (a wrong address). It never shows the body:
    bodies of undelivered e-mails hold invitation links and set-password or verification links that work for
    anyone who reads them, so showing them would let an administrator act as the member. The message name (the
    template) says what kind of e-mail it is.
    """

    model = OutgoingEmail
    name = "outbox"
    url_prefix = "outbox"
    icon = "mail"
    menu_label = _("Outbox")
    menu_order = 900
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = OutboxIndexView
    filterset_class = OutboxFilterSet
    list_display = [
        "to",
        "subject",
        Column("get_status_display", label=_("State"), sort_key="status"),
        Column("attempts", label=_("Attempts"), sort_key="attempts"),
        Column("last_error", label=_("Last error")),
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        DateColumn("next_attempt", label=_("Next attempt"), sort_key="next_attempt_at"),
    ]
    search_fields = ["to", "subject"]
    inspect_view_fields = [
        "to",
        "subject",
        "template",
        "language",
        "status",
        "attempts",
        "error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "cancelled_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # E-mails are never added, edited or deleted by hand: those views are not routed (get_urlpatterns).
        return super().get_common_view_kwargs(
            **{"add_url_name": None, "edit_url_name": None, "delete_url_name": None, "usage_url_name": None, **kwargs}
        )

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__in=["view_outgoingemail", "change_outgoingemail"])

    def get_urlpatterns(self):
        # Only listing, inspecting and history: no add, edit, copy, delete or usage view is built or routed.
        action = {"permission_policy": self.permission_policy, "index_url_name": self.get_url_name("index")}
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("send-again/<int:pk>/", OutboxActionView.as_view(action="send_again", **action), name="send_again"),
            path("cancel/<int:pk>/", OutboxActionView.as_view(action="cancel", **action), name="cancel"),
        ]


@hooks.register("register_admin_viewset")
def register_vetting_viewset():
    return VettingViewSet()


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return InvitationViewSet()


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return OutboxViewSet()
