"""The vetting queue in the Wagtail admin (Vetter role) and the audit-log actions of membership decisions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import CreateView, HistoryView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from . import vetting
from .emails import send_to_member
from .forms import DecisionForm
from .models import Invitation, Membership, MembershipStatus, VettingDecision

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


@hooks.register("register_admin_viewset")
def register_vetting_viewset():
    return VettingViewSet()


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return InvitationViewSet()
