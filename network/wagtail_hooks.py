"""The network's reference data in the Wagtail admin, under one "Network" menu.

Editors maintain countries, institutions, needs, country sheets and focal-point designations as snippets (with
history and usage). The contact access audit trail is a read-only listing for administrators only, and the
dashboard shows editors the country sheets overdue for review.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ContactAccess, Country, CountrySheet, FocalPointDesignation, Institution, InstitutionType, Need


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["code", "name_es", "name_en", "in_region"]
    list_filter = ["in_region"]
    search_fields = ["name_es", "name_en", "code"]


class InstitutionFilterSet(WagtailFilterSet):
    institution_type = django_filters.ChoiceFilter(label=_("type"), choices=InstitutionType.choices)

    class Meta:
        model = Institution
        fields = ["country", "institution_type"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "site"
    list_display = ["name", "acronym", "institution_type", "country"]
    filterset_class = InstitutionFilterSet
    search_fields = ["name", "acronym"]


class NeedViewSet(SnippetViewSet):
    model = Need
    icon = "help"
    list_display = ["name_es", "name_en", "slug"]


class CountrySheetFilterSet(WagtailFilterSet):
    review_overdue = django_filters.BooleanFilter(label=_("Review overdue (12 months)"), method="filter_overdue")

    class Meta:
        model = CountrySheet
        fields = ["review_overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = queryset.overdue_for_review()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class CountrySheetViewSet(SnippetViewSet):
    model = CountrySheet
    icon = "doc-full"
    list_display = ["country", "mla_central_authority", "last_reviewed"]
    filterset_class = CountrySheetFilterSet


class FocalPointFilterSet(WagtailFilterSet):
    class Meta:
        model = FocalPointDesignation
        fields = ["need", "institution__country"]


class FocalPointDesignationViewSet(SnippetViewSet):
    model = FocalPointDesignation
    icon = "user"
    list_display = ["member", "need", "institution", "start_date", "end_date"]
    filterset_class = FocalPointFilterSet


class NetworkViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Network")
    menu_icon = "globe"
    menu_order = 250
    items = (CountrySheetViewSet, InstitutionViewSet, FocalPointDesignationViewSet, CountryViewSet, NeedViewSet)


hooks.register("register_admin_viewset", NetworkViewSetGroup)


class AuditReadOnlyPolicy(ModelPermissionPolicy):
    """Audit records are written by the directory only: nobody adds, changes or deletes them in the admin.

    Administrators (superusers, and the Administrator role through ``network.view_contactaccess``) list and
    inspect them.
    """

    def user_has_permission(self, user, action):
        if action not in ("view", "inspect"):
            return False
        return super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if set(actions) - {"view", "inspect"}:
            return self.model._meta.get_field("viewer").related_model.objects.none()
        return super().users_with_any_permission(["view"])


register_permission_policy(ContactAccess, AuditReadOnlyPolicy(ContactAccess))


class ContactAccessFilterSet(WagtailFilterSet):
    at = django_filters.DateFromToRangeFilter(label=_("when"), widget=DateRangePickerWidget)
    viewer_email = django_filters.CharFilter(label=_("who (e-mail)"), lookup_expr="icontains")
    contact_email = django_filters.CharFilter(label=_("whom (e-mail)"), lookup_expr="icontains")

    class Meta:
        model = ContactAccess
        fields = ["kind", "at", "viewer_email", "contact_email"]


class ContactAccessViewSet(ModelViewSet):
    model = ContactAccess
    icon = "history"
    menu_label = _("Contact access log")
    add_to_admin_menu = True
    menu_order = 260
    inspect_view_enabled = True
    copy_view_enabled = False
    # Never used: adding, editing and deleting are refused by the policy above; a form class is still required.
    form_fields = ["kind"]
    list_display = ["at", "viewer_email", "contact_email", "kind", "ip_address"]
    filterset_class = ContactAccessFilterSet
    search_fields = ["viewer_email", "contact_email"]


hooks.register("register_admin_viewset", ContactAccessViewSet)


class OverdueCountrySheetsPanel(Component):
    """Dashboard panel: country sheets not reviewed for 12 months, for editors to bring up to date."""

    name = "overdue_country_sheets"
    template_name = "network/admin/overdue_country_sheets_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["sheets"] = CountrySheet.objects.overdue_for_review().select_related("country")
        return context


@hooks.register("construct_homepage_panels")
def add_overdue_country_sheets_panel(request, panels):
    if request.user.has_perm("network.change_countrysheet"):
        panels.append(OverdueCountrySheetsPanel())
