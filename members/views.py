"""The members' own pages: joining, the under-review page, the member home, profile, re-validation, leaving."""

from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import access, profile, vetting
from .access import Denial
from .adapter import INVITATION_SESSION_KEY
from .decorators import denied_response, full_member_required, private, signed_in_required
from .forms import ApplicationForm, LeaveForm, ProfileForm, ReconfirmForm
from .models import Invitation, MembershipStatus


class ApplyView(SignupView):
    """The public "Join the network" page: allauth's signup with the practitioner profile.

    allauth keeps what matters for security: e-mail verification, rate limits, and the same answer whether or
    not the address already has an account. An invitation link stored in the session pre-fills the form.
    """

    template_name = "members/apply.html"
    form_class = ApplicationForm

    def get_form_class(self):
        return ApplicationForm

    def invitation(self):
        token = self.request.session.get(INVITATION_SESSION_KEY)
        if not token:
            return None
        return Invitation.objects.filter(token=token).select_related("invited_by").first()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["invitation"] = self.invitation()
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        invitation = self.invitation()
        if invitation is not None and invitation.is_usable:
            initial.update(
                email=invitation.email,
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                country=invitation.country_id,
                institution=invitation.institution_id,
            )
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation()
        return context


apply = ApplyView.as_view()


def accept_invitation(request, token):
    """An invitation link: remember it for the application form (which it pre-fills and marks as endorsed)."""
    invitation = get_object_or_404(Invitation, token=token)
    if not invitation.is_usable:
        return render(request, "members/invitation_used.html", status=410)
    request.session[INVITATION_SESSION_KEY] = invitation.token
    return redirect("members:apply")


@signed_in_required
def under_review(request):
    """What an applicant sees after signing in: their application is with the vetters, nothing restricted."""
    membership = access.membership_of(request.user)
    if membership is None or not membership.is_pending:
        return redirect("members:home")
    return render(request, "members/under_review.html", {"membership": membership})


@full_member_required
def home(request):
    """The members' area: where a full member starts (directory, members-only library, their own profile)."""
    membership = access.membership_of(request.user)
    return render(request, "members/home.html", {"membership": membership})


def admin_login(request):
    """Wagtail's own login form would bypass allauth (rate limits, the second factor): send it to allauth's."""
    from urllib.parse import urlencode

    from django.urls import reverse

    next_url = request.GET.get("next") or reverse("wagtailadmin_home")
    return redirect(reverse("account_login") + "?" + urlencode({"next": next_url}))


def own_membership_or_denial(request, *, allow_expired=False):
    """The requester's membership if they may manage it (full member, applicant, or expired when renewing)."""
    reason = access.denial(request)
    membership = access.membership_of(request.user)
    if reason in (None, Denial.UNDER_REVIEW):
        return membership, None
    if allow_expired and membership is not None and membership.status == MembershipStatus.EXPIRED:
        return membership, None
    return None, denied_response(request, reason)


@require_http_methods(["GET", "POST"])
def edit_profile(request):
    """A member edits their profile; contact changes are logged, a new institution or position re-enters vetting."""
    membership, refusal = own_membership_or_denial(request)
    if refusal:
        return refusal
    form = ProfileForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        before = profile.snapshot(type(membership).objects.get(pk=membership.pk))
        form.save()
        changed = profile.record_changes(membership, before, request.user)
        if membership.is_pending and profile.VETTED_FIELDS.intersection(changed):
            messages.info(request, _("Your institution or position changed: vetters will confirm it again."))
        else:
            messages.success(request, _("Your profile is saved."))
        return redirect("members:profile")
    return private(render(request, "members/profile.html", {"form": form, "membership": membership}))


@require_http_methods(["GET", "POST"])
def reconfirm(request):
    """The yearly re-confirmation of institution, position and contact details (vetted or expired members)."""
    membership, refusal = own_membership_or_denial(request, allow_expired=True)
    if refusal:
        return refusal
    form = ReconfirmForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        before = profile.snapshot(type(membership).objects.get(pk=membership.pk))
        form.save()
        if profile.reconfirm(membership, before, request.user):
            messages.success(request, _("Thank you: your membership is renewed for another year."))
            return redirect("members:home")
        messages.info(request, _("Your institution or position changed: vetters will confirm it again."))
        return redirect("members:under_review")
    return private(render(request, "members/reconfirm.html", {"form": form, "membership": membership}))


@require_http_methods(["GET", "POST"])
def leave(request):
    """Leave the network: out of the directory at once, signed out everywhere, erased after the retention period."""
    membership, refusal = own_membership_or_denial(request, allow_expired=True)
    if refusal:
        return refusal
    form = LeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        vetting.leave(membership, request.user)
        logout(request)
        messages.info(request, _("You have left the network. Thank you for your work with Enlace."))
        return redirect("/")
    return private(render(request, "members/leave.html", {"form": form, "membership": membership}))
