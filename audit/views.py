"""The audit log viewer: a read-only Wagtail admin report, for administrators only, filtered by user, action and
date. There is no view that edits or deletes a record (see :mod:`audit.models`)."""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from .models import AuditAction, AuditEvent


class AuditEventFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices)
    actor_email = django_filters.CharFilter(label=_("Who (e-mail contains)"), lookup_expr="icontains")
    subject = django_filters.CharFilter(label=_("About (contains)"), lookup_expr="icontains")
    at = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = AuditEvent
        fields = ["action", "actor_email", "subject", "at"]


class AuditEventReportView(ReportView):
    page_title = _("Audit log")
    header_icon = "history"
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "audit/audit_event_results.html"
    filterset_class = AuditEventFilterSet
    index_url_name = "audit_events"
    index_results_url_name = "audit_events_results"
    model = AuditEvent
    export_headings = {
        "at": _("When"),
        "get_action_display": _("Action"),
        "actor_email": _("Who"),
        "subject": _("About"),
        "detail": _("Detail"),
        "ip_address": _("IP address"),
    }
    list_export = ["at", "get_action_display", "actor_email", "subject", "detail", "ip_address"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("audit.view_auditevent"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return AuditEvent.objects.select_related("actor")

    def get_filename(self):
        return f"audit-log-{datetime.date.today():%Y-%m-%d}"
