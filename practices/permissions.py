"""Nobody publishes a library item directly: publication comes only from the "Library review" workflow.

Wagtail lets any page type say what a user may do with it (``Page.permissions_for_user``). Library items and
their index answer "no" to *publish* for every user, superusers included, so every route of the admin that
publishes (the edit and create views' publish button, bulk publish, publishing a copy, reverting to and
publishing a revision) is closed, while the workflow's final approval still publishes (Wagtail's workflow
publishes the approved revision itself; it does not ask this tester). Editors keep add, edit, lock and
unpublish.
"""

from wagtail.models import PagePermissionTester


class LibraryItemPermissionTester(PagePermissionTester):
    """Permissions on one library item: the usual ones, without publishing outside the workflow."""

    def can_publish(self):
        return False

    def can_unschedule(self):
        return super().can_publish()


class LibraryIndexPermissionTester(PagePermissionTester):
    """Permissions on a library index: a new item under it can never be published as it is created."""

    def can_publish_subpage(self):
        return False
