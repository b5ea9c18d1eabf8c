from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import AuditEventReportView


@hooks.register("register_admin_urls")
def register_audit_urls():
    return [
        path("reports/audit/", AuditEventReportView.as_view(), name="audit_events"),
        path("reports/audit/results/", AuditEventReportView.as_view(results_only=True), name="audit_events_results"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("audit.view_auditevent")


@hooks.register("register_reports_menu_item")
def register_audit_menu_item():
    return AuditMenuItem(_("Audit log"), reverse("audit_events"), name="audit-log", icon_name="history", order=1100)
