"""The editor's panel: the personal data found in the item's latest draft, each in context, with its kind.

Every kind of library item gets the panel (see ``LibraryItemPage.get_edit_handler``), right under the title,
without each kind repeating it in its ``content_panels``. The panel shows what the last scan stored (every save
of a draft scans it again); it is read-only, because a form inside the page's form cannot be submitted: each
finding links to the page where an editor marks it "not personal data", with a reason. The draft is scanned
again as the panel is shown, so a name added to the directory since the last save is listed too.
"""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface

from .kinds import KIND_LABELS
from .page_text import field_label


def may_dismiss(user, page):
    """Only the network's editors (and superusers) who may edit the item decide that a finding is not personal data."""
    from practices.workflow import EDITOR_ROLE

    if not (user.is_active and (user.is_superuser or user.groups.filter(name=EDITOR_ROLE).exists())):
        return False
    return page.permissions_for_user(user).can_edit()


class PersonalDataFindingsPanel(Panel):
    """Read-only list of the item's unresolved findings (highlighted in context) and of those dismissed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Personal data check"))
        super().__init__(*args, **kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "personal_data_findings"

    class BoundPanel(Panel.BoundPanel):
        template_name = "practices/anonymization/findings_panel.html"

        def get_context_data(self, parent_context=None):
            from practices.models import FindingStatus, PersonalDataFinding

            from .workflow import check_page

            context = super().get_context_data(parent_context)
            page = self.instance
            context["scanned"] = page is not None and page.pk is not None
            if not context["scanned"]:
                return context
            # Scanned again on display: the directory may have gained a name the draft contains since it was saved.
            # The saved draft is scanned, not the form's instance (which, after a refused save, holds unsaved text).
            check_page(page.get_latest_revision_as_object())
            findings = list(
                PersonalDataFinding.objects.filter(
                    page_id=page.pk, status__in=[FindingStatus.OPEN, FindingStatus.DISMISSED]
                ).select_related("dismissed_by")
            )
            model = type(page)
            back = urlencode({"next": reverse("wagtailadmin_pages:edit", args=[page.pk])})
            for finding in findings:
                finding.kind_label = KIND_LABELS.get(finding.kind, finding.kind)
                finding.field_label = field_label(model, finding.field)
                finding.dismiss_url = f"{reverse('anonymization_dismiss', args=[finding.pk])}?{back}"
            context["open_findings"] = [f for f in findings if f.status == FindingStatus.OPEN]
            context["dismissed_findings"] = [f for f in findings if f.status == FindingStatus.DISMISSED]
            context["can_dismiss"] = self.request is not None and may_dismiss(self.request.user, page)
            return context


def edit_handler_with_findings(model):
    """Wagtail's default tabs for ``model`` (as ``Page.get_edit_handler`` builds them), with the panel added.

    A kind that declares its own ``edit_handler`` keeps it unchanged.
    """
    if hasattr(model, "edit_handler"):
        return model.edit_handler.bind_to_model(model)
    content = list(model.content_panels)
    content.insert(1 if content else 0, PersonalDataFindingsPanel())
    tabs = [ObjectList(content, heading=_("Content"))]
    if model.promote_panels:
        tabs.append(ObjectList(model.promote_panels, heading=_("Promote")))
    if model.settings_panels:
        tabs.append(ObjectList(model.settings_panels, heading=_("Settings")))
    return TabbedInterface(tabs, base_form_class=model.base_form_class).bind_to_model(model)
