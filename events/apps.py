from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Regional courses and meetings, their participants and materials, and what participants share afterwards."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from . import signals  # noqa: F401 - connects the participants/group sync and the publication hook
