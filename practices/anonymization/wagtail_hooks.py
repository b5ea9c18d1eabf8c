"""The anonymization check in the Wagtail admin: the dismissal view's URL and its entry in the page history.

Wagtail reads hooks only from each app's ``wagtail_hooks`` module, so ``practices/wagtail_hooks.py`` imports
this one.
"""

from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import views


@hooks.register("register_admin_urls")
def register_anonymization_urls():
    return [
        path("library/personal-data/<int:finding_id>/dismiss/", views.dismiss_finding, name="anonymization_dismiss"),
    ]


class DismissalFormatter(LogFormatter):
    """The page history's line for a dismissal: which text, and the editor's reason as the comment."""

    label = gettext_lazy("Mark as not personal data")

    def format_message(self, log_entry):
        return _("Marked “%(text)s” as not personal data") % {"text": log_entry.data.get("text", "")}

    def format_comment(self, log_entry):
        return log_entry.data.get("reason", "")


@hooks.register("register_log_actions")
def register_anonymization_log_actions(actions):
    actions.register_action(views.DISMISS_ACTION)(DismissalFormatter)
