"""Events in the Wagtail admin: the participants screen, reply moderation, contributions.

Who may download a material is decided by the site's one document rule (:mod:`practices.documents`), with
``EventPage.document_visible_to``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from events import admin_views
from events.models import Contribution, ContributionComment, EventPage
from practices.workflow import EDITOR_ROLE


@hooks.register("register_admin_urls")
def register_participants_urls():
    urls = [path("<int:pk>/participants/", admin_views.participants, name="participants")]
    return [path("events/", include((urls, "events_admin"), namespace="events_admin"))]


@hooks.register("register_page_header_buttons")
def participants_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and page.permissions_for_user(user).can_edit():
        yield HeaderButton(
            label=_("Participants"), url=reverse("events_admin:participants", args=[page.pk]), icon_name="group"
        )


class EditorRolePolicy(BasePermissionPolicy):
    """The network's Editor role (and superusers) may view and moderate participants' contributions and replies.

    Granted by role rather than by model permissions so the roles' permission sets stay as the members app pins
    them; nobody adds or deletes these records from the admin.
    """

    allowed_actions = {"view", "change"}

    def user_has_permission(self, user, action):
        if action not in self.allowed_actions or not user.is_active:
            return False
        return user.is_superuser or user.groups.filter(name=EDITOR_ROLE).exists()

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if not self.allowed_actions.intersection(actions):
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name=EDITOR_ROLE)).distinct()


class ContributionPolicy(EditorRolePolicy):
    """Editors look at contributions and never change them: a contribution's state follows its library item's
    review (submitted, published, not published). Turned back into a draft by hand, its author would submit it
    again and file it in the library twice."""

    allowed_actions = {"view"}


register_permission_policy(ContributionComment, EditorRolePolicy(ContributionComment))
register_permission_policy(Contribution, ContributionPolicy(Contribution))


class ReplyModerationViewSet(ModelViewSet):
    """Participants' replies to published experiences: editors approve or reject them."""

    model = ContributionComment
    icon = "comment"
    menu_label = _("Replies to moderate")
    list_display = ["body", "experience", "author", "status", "created_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    inspect_view_enabled = True
    ordering = ["status", "-created_at"]
    name = "event_replies"


class ContributionViewSet(ModelViewSet):
    """Participants' contributions and their state, to look at (see :class:`ContributionPolicy`)."""

    model = Contribution
    icon = "doc-full"
    menu_label = _("Contributions")
    list_display = ["__str__", "event", "author", "status", "updated_at", "confirmation_sent_at"]
    list_filter = ["status"]
    form_fields = ["status"]
    inspect_view_enabled = True
    ordering = ["-updated_at"]
    name = "event_contributions"


class EventsAdminGroup(ViewSetGroup):
    menu_label = _("Event contributions")
    menu_icon = "date"
    menu_order = 260
    items = (ContributionViewSet, ReplyModerationViewSet)


@hooks.register("register_admin_viewset")
def register_events_viewsets():
    return EventsAdminGroup()
