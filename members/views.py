"""The members' own pages: joining, the under-review page, the member home, profile, re-validation, leaving."""

from allauth.account.views import SignupView
from django.shortcuts import get_object_or_404, redirect, render

from . import access
from .adapter import INVITATION_SESSION_KEY
from .decorators import full_member_required, signed_in_required
from .forms import ApplicationForm
from .models import Invitation


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
