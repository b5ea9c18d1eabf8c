"""The admin view where an editor marks a finding "not personal data", with a reason, so it stops blocking."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.log_actions import log

from .forms import DismissFindingForm
from .kinds import KIND_LABELS
from .page_text import field_label
from .panels import may_dismiss

DISMISS_ACTION = "practices.personal_data.dismiss"


@require_http_methods(["GET", "POST"])
def dismiss_finding(request, finding_id):
    """Editors only (the Editor role, with edit permission on the item): record who, when, which text and why.

    Reached from the findings panel of the page editor; the Wagtail admin's own access check applies first.
    """
    from practices.models import FindingStatus, PersonalDataFinding

    finding = get_object_or_404(
        PersonalDataFinding.objects.select_related("page"), pk=finding_id, status=FindingStatus.OPEN
    )
    page = finding.page.specific
    if not may_dismiss(request.user, page):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next")
    if not next_url or not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = DismissFindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        finding.status = FindingStatus.DISMISSED
        finding.dismissed_by = request.user
        finding.dismissed_at = timezone.now()
        finding.reason = form.cleaned_data["reason"]
        finding.save(update_fields=["status", "dismissed_by", "dismissed_at", "reason"])
        log(
            instance=page,
            action=DISMISS_ACTION,
            user=request.user,
            data={"kind": finding.kind, "text": finding.text, "reason": finding.reason},
        )
        messages.success(request, _("“%(text)s” is no longer treated as personal data.") % {"text": finding.text})
        return redirect(next_url)
    finding.kind_label = KIND_LABELS.get(finding.kind, finding.kind)
    finding.field_label = field_label(type(page), finding.field)
    return TemplateResponse(
        request,
        "practices/anonymization/dismiss_finding.html",
        {"finding": finding, "page": page, "form": form, "next_url": next_url},
    )
